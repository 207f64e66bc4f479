/*
 * xen_libxl.h: what libxenctrl alone cannot do (build a guest, save and
 * restore it, hot-plug its disks) goes through libxl, the library every
 * current Xen toolstack uses.  The translation of our domain XML into a
 * libxl configuration lives in xen_libxl.c and nowhere else; what it
 * cannot express is refused with VIR_ERR_NO_SUPPORT.
 */

#ifndef VIR_XEN_LIBXL_H
#define VIR_XEN_LIBXL_H

#include <libxl.h>

#include "conf/domain_conf.h"

libxl_ctx *xenLibxlOpen(virConnectPtr conn, xentoollog_logger **logger);
void xenLibxlClose(libxl_ctx *ctx, xentoollog_logger *logger);

/* Builds and starts (unpaused) a PV guest from @def; *domid is its id. */
int xenLibxlCreate(virConnectPtr conn, libxl_ctx *ctx, const virDomainDef *def,
                   int *domid);
/* Destroys and rebuilds a domain from the configuration libxl kept for it
 * (same name and uuid, new id). */
int xenLibxlRebuild(virDomainPtr dom, libxl_ctx *ctx, int *domid);
int xenLibxlDestroy(virDomainPtr dom, libxl_ctx *ctx);

/* Save file: our header with libxl's JSON of the domain configuration,
 * then libxl's migration stream.  The domain is gone after a save. */
int xenLibxlSave(virDomainPtr dom, libxl_ctx *ctx, const char *to);
/* *name and *uuid tell the caller which domain the file holds before it
 * is restored (checked against running domains by the caller's @check). */
int xenLibxlRestore(virConnectPtr conn, libxl_ctx *ctx, const char *from,
                    int (*check)(virConnectPtr conn, const char *name,
                                 const unsigned char *uuid),
                    int *domid);

int xenLibxlAttachDisk(virDomainPtr dom, libxl_ctx *ctx,
                       const virDomainDiskDef *disk);
int xenLibxlDetachDisk(virDomainPtr dom, libxl_ctx *ctx, const char *dst);

#endif /* VIR_XEN_LIBXL_H */
