/*
 * xen_hv.h: the hypervisor back end of the Xen driver (libxenctrl).
 *
 * Every function takes the connection's xc_interface and raises exactly
 * one error (VIR_FROM_XEN) when it fails.  Domain arguments are the
 * caller's handle, used for the error message and the domain id.
 */

#ifndef VIR_XEN_HV_H
#define VIR_XEN_HV_H

#include <xenctrl.h>

#include "internal.h"

/* KiB per Xen page */
#define XEN_HV_PAGE_KIB (XC_PAGE_SIZE / 1024)

/* Opens libxenctrl with a logger that keeps libxc quiet (errors are
 * raised through virterror instead).  @quiet: fail without raising. */
xc_interface *xenHvOpen(virConnectPtr conn, xentoollog_logger **logger,
                        bool quiet);
void xenHvClose(xc_interface *xch, xentoollog_logger *logger);
int xenHvGetVersion(virConnectPtr conn, xc_interface *xch,
                    unsigned long *hvVer);
int xenHvNodeGetInfo(virConnectPtr conn, xc_interface *xch,
                     virNodeInfoPtr info);
int xenHvHostCpus(virConnectPtr conn, xc_interface *xch, unsigned int *ncpus);

/* All domains in batched calls; *infos is caller-frees.  Returns the
 * number of domains or -1. */
int xenHvListAll(virConnectPtr conn, xc_interface *xch,
                 xc_domaininfo_t **infos);
/* One domain: 0 and *info filled, 1 when it does not exist (no error
 * raised), -1 on error. */
int xenHvDomainInfo(virConnectPtr conn, xc_interface *xch, int id,
                    xc_domaininfo_t *info);
int xenHvInfoToState(const xc_domaininfo_t *info);

int xenHvPause(virDomainPtr dom, xc_interface *xch);
int xenHvUnpause(virDomainPtr dom, xc_interface *xch);
int xenHvSetMaxMem(virDomainPtr dom, xc_interface *xch, unsigned long kib);
int xenHvCoreDump(virDomainPtr dom, xc_interface *xch, const char *to);
int xenHvPinVcpu(virDomainPtr dom, xc_interface *xch, unsigned int vcpu,
                 const unsigned char *cpumap, int maplen);
int xenHvGetVcpus(virDomainPtr dom, xc_interface *xch,
                  const xc_domaininfo_t *dinfo, virVcpuInfoPtr info,
                  int maxinfo, unsigned char *cpumaps, int maplen);

#endif /* VIR_XEN_HV_H */
