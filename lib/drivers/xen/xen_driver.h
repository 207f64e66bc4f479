/*
 * xen_driver.h: the Xen driver's private state, shared by its parts.
 * The front (xen_driver.c) opens the connection and holds the driver
 * table; xen_domain.c, xen_lifecycle.c and xen_defined.c implement the
 * operations on domains.  They compose the hypervisor back end
 * (xen_hv.c), the xenstore back end (xen_store.c), libxl (xen_libxl.c)
 * and the config directory of defined domains (xen_conf.c).
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
    char *confdir;          /* defined domains */
    int evWatch;            /* event loop handle of the xenstore watch, or -1 */
    xenEventKnown *evKnown; /* the domains the watch last saw */
    size_t evNknown;
};

/* xen_driver.c: what the parts share */
int xenNeedHv(virConnectPtr conn, virDomainPtr dom, const char *what);
libxl_ctx *xenNeedLibxl(virConnectPtr conn, virDomainPtr dom, const char *what);
int xenResolve(virDomainPtr dom, xc_domaininfo_t *info);
int xenActive(virDomainPtr dom, xc_domaininfo_t *info, const char *op);
int xenCheckState(virDomainPtr dom, bool ok, const char *op, const char *state);
int xenNotDom0(virDomainPtr dom, const char *op);
void xenNoDomain(virDomainPtr dom);
virDomainDefPtr xenDefOf(virDomainPtr dom);

/* xen_domain.c */
int xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int xenDomainGetID(virDomainPtr dom, unsigned int *id);
char *xenDomainGetOSType(virDomainPtr dom);
unsigned long xenDomainGetMaxMemory(virDomainPtr dom);
int xenDomainSetMaxMemory(virDomainPtr dom, unsigned long memory);
int xenDomainSetMemory(virDomainPtr dom, unsigned long memory);
int xenDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus);
int xenDomainGetMaxVcpus(virDomainPtr dom);
int xenDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                     const unsigned char *cpumap, int maplen);
int xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);
char *xenDomainGetXMLDesc(virDomainPtr dom, int flags);
int xenDomainAttachDevice(virDomainPtr dom, const char *xml);
int xenDomainDetachDevice(virDomainPtr dom, const char *xml);

/* xen_lifecycle.c */
int xenDomainSuspend(virDomainPtr dom);
int xenDomainResume(virDomainPtr dom);
int xenDomainShutdown(virDomainPtr dom);
int xenDomainReboot(virDomainPtr dom, unsigned int flags);
int xenDomainDestroy(virDomainPtr dom);
int xenDomainCoreDump(virDomainPtr dom, const char *to, int flags);
int xenDomainSave(virDomainPtr dom, const char *to);
int xenDomainRestore(virConnectPtr conn, const char *from);

/* xen_defined.c */
int xenListDefinedDomains(virConnectPtr conn, const char **names, int maxnames);
int xenNumOfDefinedDomains(virConnectPtr conn);
virDomainPtr xenDomainDefineXML(virConnectPtr conn, const char *xml);
int xenDomainIsPersistent(virDomainPtr dom);
int xenDomainUndefine(virDomainPtr dom);
int xenDomainCreate(virDomainPtr dom);
virDomainPtr xenDomainCreateLinux(virConnectPtr conn, const char *xml,
                                  unsigned int flags);

#endif /* VIR_XEN_DRIVER_H */
