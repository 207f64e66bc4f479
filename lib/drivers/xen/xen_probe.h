/*
 * xen_probe.h: whether this host runs under Xen, the one answer the Xen
 * driver gives both for a NULL URI and when it opens xen:///.
 */

#ifndef VIR_XEN_PROBE_H
#define VIR_XEN_PROBE_H

const char *xenProbe(void);

#endif /* VIR_XEN_PROBE_H */
