/*
 * xen_hv.c: the hypervisor back end of the Xen driver, on libxenctrl.
 *
 * Listing is batched: xc_domain_getinfolist returns up to
 * XEN_HV_BATCH domains per hypercall, so a host with 1,000 domains costs
 * one call, not 1,000.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "drivers/xen/xen_hv.h"

#define XEN_HV_BATCH 1024

/* Errors */
static int xenHvError(virConnectPtr conn, virDomainPtr dom, const char *what);
static int xenHvDone(virDomainPtr dom, int rc, const char *what);

/* Node */
static unsigned int xenHvCountSockets(xc_interface *xch,
                                      const xc_physinfo_t *pi);

/* vCPUs */
static int xenHvCheckCpumap(virDomainPtr dom, xc_interface *xch,
                            unsigned int vcpu, const unsigned char *cpumap,
                            int maplen);
static int xenHvVcpuMap(virDomainPtr dom, xc_interface *xch, unsigned int vcpu,
                        unsigned char *map, int maplen);

/* ------------------------------------------------------------------ */

/* Raises the error errno says @what (on @dom, or NULL) met; returns -1. */
static int
xenHvError(virConnectPtr conn, virDomainPtr dom, const char *what)
{
    int err = errno;

    if (dom)
        return virReportError(conn, dom, VIR_FROM_XEN, VIR_ERR_XEN_CALL,
                              "cannot %s domain '%s' (id %d): %s", what,
                              dom->name, dom->id, strerror(err));
    return virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_XEN_CALL,
                          "cannot %s: %s", what, strerror(err));
}

/* @rc from a libxenctrl call on @dom: 0, or -1 after raising the error
 * its errno says (when @what failed). */
static int
xenHvDone(virDomainPtr dom, int rc, const char *what)
{
    if (rc >= 0)
        return 0;
    return xenHvError(dom->conn, dom, what);
}

xc_interface *
xenHvOpen(virConnectPtr conn, xentoollog_logger **logger, bool quiet)
{
    xentoollog_logger_stdiostream *log;
    xc_interface *xch;

    *logger = NULL;
    log = xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);
    xch = xc_interface_open((xentoollog_logger *)log, (xentoollog_logger *)log,
                            0);
    if (!xch) {
        if (!quiet)
            virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_XEN,
                           "cannot open the Xen hypervisor interface "
                           "(privcmd): %s",
                           strerror(errno));
        xtl_logger_destroy((xentoollog_logger *)log);
        return NULL;
    }
    *logger = (xentoollog_logger *)log;
    return xch;
}

void
xenHvClose(xc_interface *xch, xentoollog_logger *logger)
{
    if (xch)
        xc_interface_close(xch);
    if (logger)
        xtl_logger_destroy(logger);
}

int
xenHvGetVersion(virConnectPtr conn, xc_interface *xch, unsigned long *hvVer)
{
    int v = xc_version(xch, XENVER_version, NULL);
    xen_extraversion_t extra;
    unsigned long micro = 0;

    if (v < 0)
        return xenHvError(conn, NULL, "read the Xen version");
    /* "-" or ".7+13-g2445..." : the micro number follows the dot. */
    memset(extra, 0, sizeof(extra));
    if (xc_version(xch, XENVER_extraversion, &extra) == 0 && extra[0] == '.')
        micro = strtoul(extra + 1, NULL, 10);
    if (micro > 999)
        micro = 999;
    *hvVer = (unsigned long)(v >> 16) * 1000000UL +
             (unsigned long)(v & 0xffff) * 1000UL + micro;
    return 0;
}

/* Distinct sockets, from the cpu topology (xc_cputopoinfo). */
static unsigned int
xenHvCountSockets(xc_interface *xch, const xc_physinfo_t *pi)
{
    xc_cputopo_t *topo;
    unsigned int n = 0, i, j, count = 0;
    unsigned int per = pi->cores_per_socket * pi->threads_per_core;

    if (xc_cputopoinfo(xch, &n, NULL) == 0 && n > 0 && n < 65536 &&
        (topo = calloc(n, sizeof(*topo)))) {
        if (xc_cputopoinfo(xch, &n, topo) == 0) {
            for (i = 0; i < n; i++) {
                if (topo[i].socket == XEN_INVALID_SOCKET_ID)
                    continue;
                for (j = 0; j < i; j++)
                    if (topo[j].socket == topo[i].socket)
                        break;
                if (j == i)
                    count++;
            }
        }
        free(topo);
    }
    if (count == 0)
        count = per ? (pi->nr_cpus + per - 1) / per : 1;
    return count ? count : 1;
}

int
xenHvNodeGetInfo(virConnectPtr conn, xc_interface *xch, virNodeInfoPtr info)
{
    xc_physinfo_t pi;
    struct utsname un;
    unsigned int nodes;

    memset(&pi, 0, sizeof(pi));
    if (xc_physinfo(xch, &pi) < 0)
        return xenHvError(conn, NULL, "read the host's physical information");
    memset(info, 0, sizeof(*info));
    if (uname(&un) == 0)
        snprintf(info->model, sizeof(info->model), "%.31s", un.machine);
    info->memory = (unsigned long)(pi.total_pages * XEN_HV_PAGE_KIB);
    info->cpus = pi.nr_cpus;
    info->mhz = pi.cpu_khz / 1000;
    nodes = pi.nr_nodes ? pi.nr_nodes : 1;
    info->nodes = nodes;
    info->sockets = xenHvCountSockets(xch, &pi) / nodes;
    if (info->sockets == 0)
        info->sockets = 1;
    info->cores = pi.cores_per_socket ? pi.cores_per_socket : 1;
    info->threads = pi.threads_per_core ? pi.threads_per_core : 1;
    return 0;
}

int
xenHvHostCpus(virConnectPtr conn, xc_interface *xch, unsigned int *ncpus)
{
    xc_physinfo_t pi;

    memset(&pi, 0, sizeof(pi));
    if (xc_physinfo(xch, &pi) < 0)
        return xenHvError(conn, NULL, "read the host's physical information");
    *ncpus = pi.nr_cpus;
    return 0;
}

int
xenHvListAll(virConnectPtr conn, xc_interface *xch, xc_domaininfo_t **infos)
{
    xc_domaininfo_t *all = NULL, *tmp;
    size_t n = 0, cap = 0;
    int got;
    uint32_t first = 0;

    do {
        if (!(tmp = realloc(all, (cap + XEN_HV_BATCH) * sizeof(*all)))) {
            free(all);
            return virReportOOM(conn, VIR_FROM_XEN);
        }
        all = tmp;
        cap += XEN_HV_BATCH;
        got = xc_domain_getinfolist(xch, first, XEN_HV_BATCH, all + n);
        if (got < 0) {
            xenHvError(conn, NULL, "list the domains");
            free(all);
            return -1;
        }
        n += (size_t)got;
        if (got > 0)
            first = all[n - 1].domain + 1U;
    } while (got == XEN_HV_BATCH && first < DOMID_FIRST_RESERVED);
    *infos = all;
    return (int)n;
}

int
xenHvDomainInfo(virConnectPtr conn, xc_interface *xch, int id,
                xc_domaininfo_t *info)
{
    int got;

    if (id < 0 || (unsigned int)id >= DOMID_FIRST_RESERVED)
        return 1;
    got = xc_domain_getinfolist(xch, (uint32_t)id, 1, info);
    if (got < 0)
        return xenHvError(conn, NULL, "read domain information");
    if (got == 0 || info->domain != (domid_t)id)
        return 1;
    return 0;
}

int
xenHvInfoToState(const xc_domaininfo_t *info)
{
    unsigned int code;

    if (info->flags & XEN_DOMINF_shutdown) {
        code =
            (info->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
        if (code == SHUTDOWN_crash)
            return VIR_DOMAIN_CRASHED;
        return VIR_DOMAIN_SHUTOFF;
    }
    if (info->flags & XEN_DOMINF_dying)
        return VIR_DOMAIN_SHUTDOWN;
    if (info->flags & XEN_DOMINF_paused)
        return VIR_DOMAIN_PAUSED;
    /* Runnable but not on a cpu right now still counts as running. */
    if ((info->flags & XEN_DOMINF_blocked) &&
        !(info->flags & XEN_DOMINF_running))
        return VIR_DOMAIN_BLOCKED;
    return VIR_DOMAIN_RUNNING;
}

/* ------------------------------------------------------------ control */

int
xenHvPause(virDomainPtr dom, xc_interface *xch)
{
    return xenHvDone(dom, xc_domain_pause(xch, (uint32_t)dom->id), "pause");
}

int
xenHvUnpause(virDomainPtr dom, xc_interface *xch)
{
    return xenHvDone(dom, xc_domain_unpause(xch, (uint32_t)dom->id), "unpause");
}

int
xenHvSetMaxMem(virDomainPtr dom, xc_interface *xch, unsigned long kib)
{
    return xenHvDone(dom, xc_domain_setmaxmem(xch, (uint32_t)dom->id, kib),
                     "set the maximum memory of");
}

int
xenHvCoreDump(virDomainPtr dom, xc_interface *xch, const char *to)
{
    if (xc_domain_dumpcore(xch, (uint32_t)dom->id, to) < 0) {
        int err = errno;

        return virReportError(dom->conn, dom, VIR_FROM_XEN,
                              VIR_ERR_WRITE_FAILED,
                              "cannot dump domain '%s' to '%s': %s", dom->name,
                              to, strerror(err));
    }
    return 0;
}

/* ------------------------------------------------------------- vcpus */

/* The map must name only existing host cpus, and at least one. */
static int
xenHvCheckCpumap(virDomainPtr dom, xc_interface *xch, unsigned int vcpu,
                 const unsigned char *cpumap, int maplen)
{
    unsigned int ncpus, c, any = 0;

    if (xenHvHostCpus(dom->conn, xch, &ncpus) < 0)
        return -1;
    for (c = 0; c < (unsigned int)maplen * 8U; c++) {
        if (!(cpumap[c / 8] & (1U << (c % 8))))
            continue;
        if (c >= ncpus)
            return virReportError(
                dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                "cannot pin vcpu %u of domain '%s': cpu %u is "
                "not an active cpu (0 to %u)",
                vcpu, dom->name, c, ncpus - 1);
        any = 1;
    }
    if (!any)
        return virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                              "cannot pin vcpu %u of domain '%s': empty cpumap",
                              vcpu, dom->name);
    return 0;
}

int
xenHvPinVcpu(virDomainPtr dom, xc_interface *xch, unsigned int vcpu,
             const unsigned char *cpumap, int maplen)
{
    xc_cpumap_t map;
    int size, ret = -1;

    if (xenHvCheckCpumap(dom, xch, vcpu, cpumap, maplen) < 0)
        return -1;
    size = xc_get_cpumap_size(xch);
    if (size <= 0 || !(map = xc_cpumap_alloc(xch)))
        return xenHvError(dom->conn, dom, "allocate a cpu map for");
    memcpy(map, cpumap, (size_t)(maplen < size ? maplen : size));
    if (xc_vcpu_setaffinity(xch, (uint32_t)dom->id, (int)vcpu, map, NULL,
                            XEN_VCPUAFFINITY_HARD) < 0) {
        xenHvError(dom->conn, dom, "set the vcpu affinity of");
        goto cleanup;
    }
    ret = 0;
cleanup:
    free(map);
    return ret;
}

/* Copies the hard affinity of @vcpu into @map (@maplen bytes). */
static int
xenHvVcpuMap(virDomainPtr dom, xc_interface *xch, unsigned int vcpu,
             unsigned char *map, int maplen)
{
    xc_cpumap_t xmap;
    int size, ret = -1;

    size = xc_get_cpumap_size(xch);
    if (size <= 0 || !(xmap = xc_cpumap_alloc(xch)))
        return xenHvError(dom->conn, dom, "allocate a cpu map for");
    if (xc_vcpu_getaffinity(xch, (uint32_t)dom->id, (int)vcpu, xmap, NULL,
                            XEN_VCPUAFFINITY_HARD) < 0) {
        xenHvError(dom->conn, dom, "read the vcpu affinity of");
        goto cleanup;
    }
    memset(map, 0, (size_t)maplen);
    memcpy(map, xmap, (size_t)(maplen < size ? maplen : size));
    ret = 0;
cleanup:
    free(xmap);
    return ret;
}

int
xenHvGetVcpus(virDomainPtr dom, xc_interface *xch, const xc_domaininfo_t *dinfo,
              virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
              int maplen)
{
    xc_vcpuinfo_t vi;
    int i, n;

    if (dinfo->max_vcpu_id == XEN_INVALID_MAX_VCPU_ID)
        return 0;
    n = (int)dinfo->max_vcpu_id + 1;
    if (n > maxinfo)
        n = maxinfo;
    for (i = 0; i < n; i++) {
        if (xc_vcpu_getinfo(xch, (uint32_t)dom->id, (uint32_t)i, &vi) < 0)
            return xenHvError(dom->conn, dom, "read the vcpus of");
        info[i].number = (unsigned int)i;
        info[i].cpuTime = vi.cpu_time;
        info[i].cpu = vi.online ? (int)vi.cpu : -1;
        if (!vi.online)
            info[i].state = VIR_VCPU_OFFLINE;
        else if (vi.blocked && !vi.running)
            info[i].state = VIR_VCPU_BLOCKED;
        else
            info[i].state = VIR_VCPU_RUNNING;
        if (cpumaps &&
            xenHvVcpuMap(dom, xch, (unsigned int)i,
                         cpumaps + (size_t)i * (size_t)maplen, maplen) < 0)
            return -1;
    }
    return n;
}
