/*
 * xen_driver.h: the Xen driver's private state, shared by its parts.
 * The front (xen_driver.c) composes the hypervisor back end (xen_hv.c),
 * the xenstore back end (xen_store.c), libxl (xen_libxl.c) and the config
 * directory of defined domains (xen_conf.c).
 */

#ifndef VIR_XEN_DRIVER_H
#define VIR_XEN_DRIVER_H

#include "drivers/xen/xen_conf.h"
#include "drivers/xen/xen_hv.h"
#include "drivers/xen/xen_libxl.h"
#include "drivers/xen/xen_store.h"

/* How long Reboot waits for the guest to go down before rebuilding it. */
#define XEN_REBOOT_WAIT_SECONDS 60

/* KiB the hypervisor's memory limit of a guest exceeds its balloon
 * target by (libxl's LIBXL_MAXMEM_CONSTANT). */
#define XEN_MAXMEM_SLACK 1024UL

/* A domain as the event watch last saw it (xen_events.c). */
typedef struct {
    uint32_t domid;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;
    bool stopped; /* STOPPED told already (shut down, not gone yet) */
    bool seen;    /* in the listing being compared */
} xenEventKnown;

typedef struct _xenPrivate xenPrivate;
typedef xenPrivate *xenPrivatePtr;
struct _xenPrivate {
    xc_interface *xch; /* NULL on a read-only connection of non-root */
    xentoollog_logger *xcLog;
    struct xs_handle *xsh;
    libxl_ctx *xl; /* opened on first use */
    xentoollog_logger *xlLog;
    char *confdir; /* defined domains */
    int evWatch;   /* event loop handle of the xenstore watch, or -1 */
    xenEventKnown *evKnown; /* the domains the watch last saw */
    size_t evNknown;
};

#endif /* VIR_XEN_DRIVER_H */
