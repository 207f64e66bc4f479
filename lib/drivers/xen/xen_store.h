/*
 * xen_store.h: the xenstore back end of the Xen driver (libxenstore):
 * names, OS types and memory targets of domains, and the requests a
 * toolstack writes for a guest to act on (balloon target, vcpu
 * availability, the PV shutdown protocol).
 *
 * Readers return NULL or -1 quietly when a node is absent; writers raise
 * one error (VIR_FROM_XENSTORE) when they fail.
 */

#ifndef VIR_XEN_STORE_H
#define VIR_XEN_STORE_H

#include <xenstore.h>

#include "internal.h"

struct xs_handle *xenStoreOpen(virConnectPtr conn, bool quiet);
void xenStoreClose(struct xs_handle *xsh);

/* The ids under /local/domain (what a non-root reader can see), up to
 * @maxids; returns the count or -1 (no error raised) */
int xenStoreListDomains(struct xs_handle *xsh, int *ids, int maxids);
/* The uuid from the domain's vm path (/vm/UUID); 0, or -1 when absent */
int xenStoreDomainUUID(struct xs_handle *xsh, int id, unsigned char *uuid);
/* /local/domain/@id/name; caller-frees, NULL when absent */
char *xenStoreDomainName(struct xs_handle *xsh, int id);
/* The id of the running domain called @name, or -1 */
int xenStoreDomainByName(struct xs_handle *xsh, const char *name);
/* "linux" or "hvm" from the domain's vm path (image/ostype), NULL when
 * the store does not say; caller-frees */
char *xenStoreOSType(struct xs_handle *xsh, int id);
/* /local/domain/@id/memory/target in KiB; 0 when absent */
unsigned long xenStoreMemoryTarget(struct xs_handle *xsh, int id);

/* /local/domain/@id/memory/static-max in KiB (the most the domain may
 * balloon up to, what libxl calls maxmem); 0 when absent */
unsigned long xenStoreMemoryMax(struct xs_handle *xsh, int id);
int xenStoreSetMemoryMax(virDomainPtr dom, struct xs_handle *xsh,
                         unsigned long kib);
int xenStoreSetMemoryTarget(virDomainPtr dom, struct xs_handle *xsh,
                            unsigned long kib);
int xenStoreSetVcpuAvailable(virDomainPtr dom, struct xs_handle *xsh,
                             unsigned int vcpu, bool online);
/* @request: "poweroff" or "reboot" (control/shutdown) */
int xenStoreShutdown(virDomainPtr dom, struct xs_handle *xsh,
                     const char *request);

#endif /* VIR_XEN_STORE_H */
