/*
 * xen_driver.c: the Xen driver, a thin front over libxenctrl (xen_hv.c),
 * libxenstore (xen_store.c), libxl (xen_libxl.c) and a config directory of
 * defined domains (xen_conf.c).  URI: xen:/// (query "?confdir=DIR").
 *
 * Error codes follow the test driver: VIR_ERR_NO_DOMAIN for a domain that
 * does not exist (any more); VIR_ERR_OPERATION_FAILED when its state
 * forbids the operation (including anything that would stop Domain-0);
 * VIR_ERR_INVALID_ARG for values out of range; VIR_ERR_DOM_EXIST for name
 * or uuid clashes; VIR_ERR_OPERATION_DENIED when the connection lacks the
 * privilege; VIR_ERR_NO_SUPPORT for what the driver cannot express.
 */

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "domain_event.h"
#include "drivers/xen/xen_driver.h"
#include "drivers/xen/xen_events.h"
#include "drivers/xen/xen_probe.h"
#include "drivers/xen/xen_shown.h"

/* Connections */
static int xenParseURI(virConnectPtr conn, const char *name, char **confdir);
static virDrvOpenStatus xenOpen(virConnectPtr conn, const char *name,
                                int flags);
static int xenClose(virConnectPtr conn);
static void xenPrivateFree(xenPrivatePtr priv);
static int xenNeedHv(virConnectPtr conn, virDomainPtr dom, const char *what);
static libxl_ctx *xenNeedLibxl(virConnectPtr conn, virDomainPtr dom,
                               const char *what);

/* Host */
static const char *xenGetType(virConnectPtr conn);
static int xenGetVersion(virConnectPtr conn, unsigned long *hvVer);
static int xenNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/* Listing and lookups */
static int xenListDomains(virConnectPtr conn, int *ids, int maxids);
static int xenNumOfDomains(virConnectPtr conn);
static virDomainPtr xenHandleFor(virConnectPtr conn,
                                 const xc_domaininfo_t *info);
static virDomainPtr xenLookupByID(virConnectPtr conn, int id);
static int xenStoreLookup(struct xs_handle *xsh, int id, xc_domaininfo_t *info);
static virDomainPtr xenLookupByName(virConnectPtr conn, const char *name);
static virDomainPtr xenLookupByUUID(virConnectPtr conn,
                                    const unsigned char *uuid);

/* Resolving a handle */
static int xenResolve(virDomainPtr dom, xc_domaininfo_t *info);
static int xenActive(virDomainPtr dom, xc_domaininfo_t *info, const char *op);
static int xenNotDom0(virDomainPtr dom, const char *op);
static void xenNoDomain(virDomainPtr dom);

/* Information */
static virDomainDefPtr xenDefOf(virDomainPtr dom);
static int xenDefUpdate(virDomainPtr dom,
                        int (*edit)(virDomainPtr dom, virDomainDefPtr def,
                                    unsigned long arg),
                        unsigned long arg);
static int xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
static int xenDomainGetID(virDomainPtr dom, unsigned int *id);
static char *xenDomainGetOSType(virDomainPtr dom);
static unsigned long xenDomainGetMaxMemory(virDomainPtr dom);
static char *xenDescribeRunning(virDomainPtr dom, const xc_domaininfo_t *xi);
static char *xenDomainGetXMLDesc(virDomainPtr dom, int flags);

/* Memory */
static unsigned long xenMaxMemOf(virDomainPtr dom, const xc_domaininfo_t *xi);
static int xenEditMaxMem(virDomainPtr dom, virDomainDefPtr def,
                         unsigned long kib);
static int xenEditMem(virDomainPtr dom, virDomainDefPtr def, unsigned long kib);
static int xenDomainSetMaxMemory(virDomainPtr dom, unsigned long memory);
static int xenDomainSetMemory(virDomainPtr dom, unsigned long memory);

/* Lifecycle */
static int xenDomainSuspend(virDomainPtr dom);
static int xenDomainResume(virDomainPtr dom);
static int xenDomainShutdown(virDomainPtr dom);
static int xenWaitReboot(virDomainPtr dom);
static int xenDomainReboot(virDomainPtr dom, unsigned int flags);
static int xenDomainDestroy(virDomainPtr dom);
static int xenDomainCoreDump(virDomainPtr dom, const char *to, int flags);
static int xenDomainSave(virDomainPtr dom, const char *to);
static int xenCheckRestore(virConnectPtr conn, const char *name,
                           const unsigned char *uuid);
static int xenDomainRestore(virConnectPtr conn, const char *from);

/* vCPUs */
static int xenEditVcpus(virDomainPtr dom, virDomainDefPtr def, unsigned long n);
static int xenDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus);
static int xenDomainGetMaxVcpus(virDomainPtr dom);
static int xenDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                            const unsigned char *cpumap, int maplen);
static int xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                             unsigned char *cpumaps, int maplen);

/* Defined domains */
static int xenLoadInactive(virConnectPtr conn, xenConfListPtr list);
static int xenListDefinedDomains(virConnectPtr conn, const char **names,
                                 int maxnames);
static int xenNumOfDefinedDomains(virConnectPtr conn);
static int xenCheckNew(virConnectPtr conn, virDomainDefPtr def, bool redefine);
static virDomainPtr xenDomainDefineXML(virConnectPtr conn, const char *xml);
static int xenHasDef(virDomainPtr dom);
static int xenDomainIsPersistent(virDomainPtr dom);
static int xenDomainUndefine(virDomainPtr dom);
static int xenDomainCreate(virDomainPtr dom);
static virDomainPtr xenDomainCreateLinux(virConnectPtr conn, const char *xml,
                                         unsigned int flags);

/* Devices */
static virDomainDeviceDefPtr xenParseDisk(virDomainPtr dom, const char *xml,
                                          const char *op);
static int xenDomainAttachDevice(virDomainPtr dom, const char *xml);
static int xenDomainDetachDevice(virDomainPtr dom, const char *xml);

/* ------------------------------------------------------------------ */

/*
 * xen:///, xen://, xen: (any case of the scheme), optionally with
 * "?confdir=/abs/dir".  Returns 0 when the URI is ours, 1 when not, -1
 * after raising an error for a malformed xen URI.
 */
static int
xenParseURI(virConnectPtr conn, const char *name, char **confdir)
{
    const char *rest, *query;
    const char *env = getenv("VIRTMIB_XEN_CONFDIR");

    if (strncasecmp(name, "xen:", 4) != 0)
        return 1;
    rest = name + 4;
    query = strchr(rest, '?');
    if (strncmp(rest, "///", 3) == 0)
        rest += 3;
    else if (strncmp(rest, "//", 2) == 0)
        rest += 2;
    if (rest != query && *rest != '\0') {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot open '%s': the Xen driver manages the local "
                       "host only (use xen:///)",
                       name);
        return -1;
    }
    if (query &&
        (strncmp(query, "?confdir=/", 10) != 0 || strchr(query + 9, '&'))) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot open '%s': the only query is "
                       "?confdir=/absolute/path",
                       name);
        return -1;
    }
    *confdir =
        strdup(query ? query + 9 : (env && *env ? env : XEN_CONF_DIR_DEFAULT));
    if (!*confdir) {
        virReportOOM(conn, VIR_FROM_XEN);
        return -1;
    }
    return 0;
}

static void
xenPrivateFree(xenPrivatePtr priv)
{
    if (!priv)
        return;
    if (priv->xl)
        xenLibxlClose(priv->xl, priv->xlLog);
    xenStoreClose(priv->xsh);
    xenHvClose(priv->xch, priv->xcLog);
    free(priv->confdir);
    free(priv);
}

static virDrvOpenStatus
xenOpen(virConnectPtr conn, const char *name, int flags)
{
    xenPrivatePtr priv;
    bool ro = (flags & VIR_DRV_OPEN_RO) != 0;
    char *confdir = NULL;
    int r;

    if ((r = xenParseURI(conn, name, &confdir)) != 0)
        return r > 0 ? VIR_DRV_OPEN_DECLINED : VIR_DRV_OPEN_ERROR;
    if (!xenProbe()) {
        free(confdir);
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_XEN,
                       "cannot open '%s': this host does not run under Xen "
                       "(no /proc/xen, /sys/hypervisor/type is not xen)",
                       name);
        return VIR_DRV_OPEN_ERROR;
    }
    if (!(priv = calloc(1, sizeof(*priv)))) {
        free(confdir);
        virReportOOM(conn, VIR_FROM_XEN);
        return VIR_DRV_OPEN_ERROR;
    }
    priv->confdir = confdir;
    priv->evWatch = -1;
    /* Read-only: a non-root process cannot open privcmd; xenstore may
     * still answer, so the connection opens with what it can reach. */
    priv->xch = xenHvOpen(conn, &priv->xcLog, ro);
    if ((!priv->xch && !ro) || !(priv->xsh = xenStoreOpen(conn, false))) {
        xenPrivateFree(priv);
        return VIR_DRV_OPEN_ERROR;
    }
    conn->privateData = priv;
    return VIR_DRV_OPEN_SUCCESS;
}

static int
xenClose(virConnectPtr conn)
{
    xenPrivateFree(conn->privateData);
    conn->privateData = NULL;
    return 0;
}

static int
xenNeedHv(virConnectPtr conn, virDomainPtr dom, const char *what)
{
    xenPrivatePtr priv = conn->privateData;

    if (priv->xch)
        return 0;
    virReportError(conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_DENIED,
                   "cannot %s: the hypervisor interface needs root (this "
                   "read-only connection has xenstore only)",
                   what);
    return -1;
}

static libxl_ctx *
xenNeedLibxl(virConnectPtr conn, virDomainPtr dom, const char *what)
{
    xenPrivatePtr priv = conn->privateData;

    if (xenNeedHv(conn, dom, what) < 0)
        return NULL;
    if (!priv->xl)
        priv->xl = xenLibxlOpen(conn, &priv->xlLog);
    return priv->xl;
}

/* --------------------------------------------------------------- host */

static const char *
xenGetType(virConnectPtr conn)
{
    return "Xen";
}

static int
xenGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    xenPrivatePtr priv = conn->privateData;

    if (xenNeedHv(conn, NULL, "read the Xen version") < 0)
        return -1;
    return xenHvGetVersion(conn, priv->xch, hvVer);
}

static int
xenNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    xenPrivatePtr priv = conn->privateData;

    if (xenNeedHv(conn, NULL, "read the host information") < 0)
        return -1;
    return xenHvNodeGetInfo(conn, priv->xch, info);
}

/* ------------------------------------------------------------ listing */

static int
xenListDomains(virConnectPtr conn, int *ids, int maxids)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    int n, i;

    if (!priv->xch) {
        if ((n = xenStoreListDomains(priv->xsh, ids, maxids)) < 0)
            return xenNeedHv(conn, NULL, "list the domains");
        return n;
    }
    if ((n = xenListShown(conn, &all, NULL)) < 0)
        return -1;
    for (i = 0; i < n && i < maxids; i++)
        ids[i] = all[i].domain;
    free(all);
    return i;
}

static int
xenNumOfDomains(virConnectPtr conn)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    int n;

    if (!priv->xch) {
        if ((n = xenStoreListDomains(priv->xsh, NULL, 0)) < 0)
            return xenNeedHv(conn, NULL, "count the domains");
        return n;
    }
    n = xenListShown(conn, &all, NULL);
    free(all);
    return n;
}

/* A handle on the running domain @info; NULL raised, VIR_ERR_NO_DOMAIN
 * when libvir does not show it. */
static virDomainPtr
xenHandleFor(virConnectPtr conn, const xc_domaininfo_t *info)
{
    virDomainPtr dom;
    char *name;
    int r;

    if ((r = xenShownName(conn, info, &name)) < 0)
        return NULL;
    if (r > 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_DOMAIN,
                       "no domain with id %d", (int)info->domain);
        return NULL;
    }
    dom = virGetDomain(conn, name, info->handle, info->domain);
    free(name);
    return dom;
}

/* Without the hypervisor: what xenstore knows (0, or 1 when absent). */
static int
xenStoreLookup(struct xs_handle *xsh, int id, xc_domaininfo_t *info)
{
    char *name = xenStoreDomainName(xsh, id);

    memset(info, 0, sizeof(*info));
    if (!name)
        return 1;
    free(name);
    info->domain = (domid_t)id;
    /* Domain-0 has no vm path: its uuid stays all zero, as Xen's. */
    xenStoreDomainUUID(xsh, id, info->handle);
    return 0;
}

static virDomainPtr
xenLookupByID(virConnectPtr conn, int id)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t info;
    int r;

    if (!priv->xch) {
        r = xenStoreLookup(priv->xsh, id, &info);
    } else if ((r = xenHvDomainInfo(conn, priv->xch, id, &info)) < 0) {
        return NULL;
    }
    if (r > 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_DOMAIN,
                       "no domain with id %d", id);
        return NULL;
    }
    return xenHandleFor(conn, &info);
}

static virDomainPtr
xenLookupByName(virConnectPtr conn, const char *name)
{
    xenPrivatePtr priv = conn->privateData;
    virDomainDefPtr def;
    virDomainPtr dom = NULL;
    int id = xenStoreDomainByName(priv->xsh, name);
    bool found;

    if (id >= 0)
        return xenLookupByID(conn, id);
    if ((def = xenConfRead(conn, priv->confdir, name, &found))) {
        dom = virGetDomain(conn, def->name, def->uuid, VIR_DOMAIN_ID_INACTIVE);
        virDomainDefFree(def);
        return dom;
    }
    if (!found)
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_DOMAIN,
                       "no domain named '%s'", name);
    return NULL;
}

static virDomainPtr
xenLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    xenPrivatePtr priv = conn->privateData;
    xenConfList list;
    virDomainDefPtr def;
    virDomainPtr dom = NULL;
    xc_domaininfo_t info;
    char str[VIR_UUID_STRING_BUFLEN];
    int r;

    if (xenNeedHv(conn, NULL, "look a domain up by uuid") < 0 ||
        (r = xenFindUUID(conn, uuid, &info)) < 0)
        return NULL;
    if (r == 0)
        return xenHandleFor(conn, &info);
    if (xenConfLoad(conn, priv->confdir, &list) < 0)
        return NULL;
    if ((def = xenConfFindUUID(&list, uuid)))
        dom = virGetDomain(conn, def->name, def->uuid, VIR_DOMAIN_ID_INACTIVE);
    xenConfListClear(&list);
    if (!def) {
        virUUIDFormat(uuid, str);
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_DOMAIN,
                       "no domain with uuid %s", str);
    }
    return dom;
}

/* ---------------------------------------------------------- resolving */

static void
xenNoDomain(virDomainPtr dom)
{
    virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_NO_DOMAIN,
                   "domain '%s' no longer exists", dom->name);
}

/*
 * Finds the domain behind @dom: 0 when it runs (*info filled, dom->id
 * current: a defined domain started elsewhere gets its new id), 1 when it
 * is defined and not running (dom->id inactive), -1 after raising
 * VIR_ERR_NO_DOMAIN or another error.
 */
static int
xenResolve(virDomainPtr dom, xc_domaininfo_t *info)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDefPtr def;
    bool found;
    int r;

    if (xenNeedHv(dom->conn, dom, "read the state of the domain") < 0)
        return -1;
    if (dom->id >= 0) {
        r = xenHvDomainInfo(dom->conn, priv->xch, dom->id, info);
        if (r < 0)
            return -1;
        if (r == 0 && memcmp(info->handle, dom->uuid, VIR_UUID_BUFLEN) == 0 &&
            !(info->flags & XEN_DOMINF_dying))
            return 0;
    }
    if ((r = xenFindUUID(dom->conn, dom->uuid, info)) <= 0) {
        if (r == 0)
            dom->id = info->domain;
        return r;
    }
    def = xenConfRead(dom->conn, priv->confdir, dom->name, &found);
    if (def && memcmp(def->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0) {
        virDomainDefFree(def);
        dom->id = VIR_DOMAIN_ID_INACTIVE;
        return 1;
    }
    virDomainDefFree(def);
    if (!def && found)
        return -1;
    xenNoDomain(dom);
    return -1;
}

static int
xenActive(virDomainPtr dom, xc_domaininfo_t *info, const char *op)
{
    int r = xenResolve(dom, info);

    if (r > 0)
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot %s domain '%s': domain is not running", op,
                       dom->name);
    return r == 0 ? 0 : -1;
}

static int
xenNotDom0(virDomainPtr dom, const char *op)
{
    if (dom->id != 0)
        return 0;
    virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                   "cannot %s domain '%s': not permitted on Domain-0", op,
                   dom->name);
    return -1;
}

/* -------------------------------------------------------- information */

/* The definition of inactive @dom (caller-frees), or NULL after raising. */
static virDomainDefPtr
xenDefOf(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDefPtr def;
    bool found;

    def = xenConfRead(dom->conn, priv->confdir, dom->name, &found);
    if (!def && !found)
        xenNoDomain(dom);
    return def;
}

/* Rewrites the definition of @dom after @edit changed it. */
static int
xenDefUpdate(virDomainPtr dom,
             int (*edit)(virDomainPtr dom, virDomainDefPtr def,
                         unsigned long arg),
             unsigned long arg)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDefPtr def = xenDefOf(dom);
    int ret = -1;

    if (def && edit(dom, def, arg) == 0)
        ret = xenConfWrite(dom->conn, priv->confdir, def);
    virDomainDefFree(def);
    return ret;
}

static int
xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return -1;
    if (r > 0) {
        if (!(def = xenDefOf(dom)))
            return -1;
        info->state = VIR_DOMAIN_SHUTOFF;
        info->maxMem = def->maxmem;
        info->memory = def->memory;
        info->nrVirtCpu = (unsigned short)def->vcpus;
        info->cpuTime = 0;
        virDomainDefFree(def);
        return 0;
    }
    info->state = (unsigned char)xenHvInfoToState(&xi);
    info->maxMem = xenMaxMemOf(dom, &xi);
    info->memory = (unsigned long)(xi.tot_pages * XEN_HV_PAGE_KIB);
    info->nrVirtCpu = (unsigned short)xi.nr_online_vcpus;
    info->cpuTime = xi.cpu_time;
    return 0;
}

static int
xenDomainGetID(virDomainPtr dom, unsigned int *id)
{
    xc_domaininfo_t xi;

    if (xenResolve(dom, &xi) < 0)
        return -1;
    *id = (unsigned int)dom->id;
    return 0;
}

static char *
xenDomainGetOSType(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    char *type = NULL;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return NULL;
    if (r > 0) {
        if ((def = xenDefOf(dom)) && !(type = strdup(def->os.type)))
            virReportOOM(dom->conn, VIR_FROM_XEN);
        virDomainDefFree(def);
        return type;
    }
    type = xenStoreOSType(priv->xsh, dom->id);
    if (!type)
        type = strdup(xi.flags & XEN_DOMINF_hvm_guest ? "hvm" : "linux");
    if (!type)
        virReportOOM(dom->conn, VIR_FROM_XEN);
    return type;
}

static unsigned long
xenDomainGetMaxMemory(virDomainPtr dom)
{
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    unsigned long mem = 0;
    int r = xenResolve(dom, &xi);

    if (r == 0)
        return xenMaxMemOf(dom, &xi);
    if (r > 0 && (def = xenDefOf(dom))) {
        mem = def->maxmem;
        virDomainDefFree(def);
    }
    return mem;
}

/* ------------------------------------------------------------- memory */

/* The most @dom may balloon up to: memory/static-max, which libxl writes
 * (the hypervisor's own limit follows the target), else Xen's limit. */
static unsigned long
xenMaxMemOf(virDomainPtr dom, const xc_domaininfo_t *xi)
{
    xenPrivatePtr priv = dom->conn->privateData;
    unsigned long max = xenStoreMemoryMax(priv->xsh, dom->id);

    return max ? max : (unsigned long)(xi->max_pages * XEN_HV_PAGE_KIB);
}

static int
xenEditMaxMem(virDomainPtr dom, virDomainDefPtr def, unsigned long kib)
{
    def->maxmem = kib;
    if (def->memory > kib)
        def->memory = kib;
    return 0;
}

static int
xenEditMem(virDomainPtr dom, virDomainDefPtr def, unsigned long kib)
{
    if (kib > def->maxmem) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot set memory of domain '%s' to %lu KiB: must "
                       "be from 1 to its maximum %lu KiB",
                       dom->name, kib, def->maxmem);
        return -1;
    }
    def->memory = kib;
    return 0;
}

static int
xenDomainSetMaxMemory(virDomainPtr dom, unsigned long memory)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    virNodeInfo node;
    int r = xenResolve(dom, &xi);

    if (r < 0 || xenHvNodeGetInfo(dom->conn, priv->xch, &node) < 0)
        return -1;
    if (memory > node.memory) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot set maximum memory of domain '%s' to %lu "
                       "KiB: must be from 1 to the host's %lu KiB",
                       dom->name, memory, node.memory);
        return -1;
    }
    if (r > 0)
        return xenDefUpdate(dom, xenEditMaxMem, memory);
    if (xenHvSetMaxMem(dom, priv->xch, memory + XEN_MAXMEM_SLACK) < 0 ||
        xenStoreSetMemoryMax(dom, priv->xsh, memory) < 0)
        return -1;
    /* A balloon target above the new maximum comes down with it. */
    if (xenStoreMemoryTarget(priv->xsh, dom->id) > memory)
        return xenStoreSetMemoryTarget(dom, priv->xsh, memory);
    return 0;
}

static int
xenDomainSetMemory(virDomainPtr dom, unsigned long memory)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    unsigned long max;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return -1;
    if (r > 0)
        return xenDefUpdate(dom, xenEditMem, memory);
    max = xenMaxMemOf(dom, &xi);
    if (memory > max) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot set memory of domain '%s' to %lu KiB: must "
                       "be from 1 to its maximum %lu KiB",
                       dom->name, memory, max);
        return -1;
    }
    /* Room in the hypervisor's limit for the balloon to grow into, as
     * libxl keeps it (target plus slack). */
    if (memory + XEN_MAXMEM_SLACK > xi.max_pages * XEN_HV_PAGE_KIB &&
        xenHvSetMaxMem(dom, priv->xch, memory + XEN_MAXMEM_SLACK) < 0)
        return -1;
    /* The balloon driver in the guest moves towards the target. */
    return xenStoreSetMemoryTarget(dom, priv->xsh, memory);
}

/* ---------------------------------------------------------- lifecycle */

static int
xenDomainSuspend(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    int st;

    if (xenActive(dom, &xi, "suspend") < 0 || xenNotDom0(dom, "suspend") < 0)
        return -1;
    st = xenHvInfoToState(&xi);
    if (st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_BLOCKED) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot suspend domain '%s': domain is not running",
                       dom->name);
        return -1;
    }
    if (xenHvPause(dom, priv->xch) < 0)
        return -1;
    virDomainEventQueue(priv, dom->name, dom->uuid, dom->id,
                        VIR_DOMAIN_EVENT_SUSPENDED,
                        VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}

static int
xenDomainResume(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "resume") < 0)
        return -1;
    if (xenHvInfoToState(&xi) != VIR_DOMAIN_PAUSED) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot resume domain '%s': domain is not paused",
                       dom->name);
        return -1;
    }
    if (xenHvUnpause(dom, priv->xch) < 0)
        return -1;
    virDomainEventQueue(priv, dom->name, dom->uuid, dom->id,
                        VIR_DOMAIN_EVENT_RESUMED,
                        VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return 0;
}

/* The PV shutdown protocol: the guest watches control/shutdown. */
static int
xenDomainShutdown(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "shut down") < 0 ||
        xenNotDom0(dom, "shut down") < 0)
        return -1;
    return xenStoreShutdown(dom, priv->xsh, "poweroff");
}

/* Waits until the guest has shut down for a reboot: 0, or -1 raised. */
static int
xenWaitReboot(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    unsigned int code, i;

    for (i = 0; i < XEN_REBOOT_WAIT_SECONDS * 10; i++) {
        if (xenHvDomainInfo(dom->conn, priv->xch, dom->id, &xi) != 0)
            break;
        code = (xi.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
        if ((xi.flags & XEN_DOMINF_shutdown) && code == SHUTDOWN_reboot)
            return 0;
        usleep(100000);
    }
    virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                   "cannot reboot domain '%s': it did not go down for the "
                   "reboot within %d s",
                   dom->name, XEN_REBOOT_WAIT_SECONDS);
    return -1;
}

/*
 * Asks the guest to reboot, waits for it to go down, then builds it again
 * from the configuration libxl kept (what xl's monitor process does;
 * there is no such process behind domains started by this library).
 */
static int
xenDomainReboot(virDomainPtr dom, unsigned int flags)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    libxl_ctx *xl;
    int id;

    if (xenActive(dom, &xi, "reboot") < 0 || xenNotDom0(dom, "reboot") < 0 ||
        !(xl = xenNeedLibxl(dom->conn, dom, "reboot a domain")))
        return -1;
    if (xenStoreShutdown(dom, priv->xsh, "reboot") < 0 ||
        xenWaitReboot(dom) < 0 || xenLibxlRebuild(dom, xl, &id) < 0)
        return -1;
    dom->id = id;
    return 0;
}

static int
xenDomainDestroy(virDomainPtr dom)
{
    xc_domaininfo_t xi;
    libxl_ctx *xl;

    if (xenActive(dom, &xi, "destroy") < 0 || xenNotDom0(dom, "destroy") < 0 ||
        !(xl = xenNeedLibxl(dom->conn, dom, "destroy a domain")))
        return -1;
    /* libxl tears down the devices and xenstore entries as well as the
     * domain itself (xc_domain_destroy alone would leave them behind). */
    if (xenLibxlDestroy(dom, xl) < 0)
        return -1;
    dom->id = VIR_DOMAIN_ID_INACTIVE;
    return 0;
}

static int
xenDomainCoreDump(virDomainPtr dom, const char *to, int flags)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "dump") < 0 || xenNotDom0(dom, "dump") < 0)
        return -1;
    return xenHvCoreDump(dom, priv->xch, to);
}

static int
xenDomainSave(virDomainPtr dom, const char *to)
{
    xc_domaininfo_t xi;
    libxl_ctx *xl;

    if (xenActive(dom, &xi, "save") < 0 || xenNotDom0(dom, "save") < 0 ||
        !(xl = xenNeedLibxl(dom->conn, dom, "save a domain")))
        return -1;
    if (xenLibxlSave(dom, xl, to) < 0)
        return -1;
    dom->id = VIR_DOMAIN_ID_INACTIVE;
    return 0;
}

/* A restored domain must not clash with a running one. */
static int
xenCheckRestore(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t xi;
    int r;

    if (!name || xenStoreDomainByName(priv->xsh, name) >= 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
                       "cannot restore domain '%s': a domain of that name "
                       "is running",
                       name ? name : "(unnamed)");
        return -1;
    }
    if ((r = xenFindUUID(conn, uuid, &xi)) <= 0) {
        if (r == 0)
            virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
                           "cannot restore domain '%s': its uuid is in use "
                           "by domain %u",
                           name, xi.domain);
        return -1;
    }
    return 0;
}

static int
xenDomainRestore(virConnectPtr conn, const char *from)
{
    libxl_ctx *xl = xenNeedLibxl(conn, NULL, "restore a domain");
    int id;

    if (!xl)
        return -1;
    return xenLibxlRestore(conn, xl, from, xenCheckRestore, &id);
}

/* --------------------------------------------------------------- vcpus */

static int
xenEditVcpus(virDomainPtr dom, virDomainDefPtr def, unsigned long n)
{
    if (n > VIR_DOMAIN_MAX_VCPUS) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot set vcpus of domain '%s' to %lu: must be "
                       "from 1 to %d",
                       dom->name, n, VIR_DOMAIN_MAX_VCPUS);
        return -1;
    }
    def->vcpus = (unsigned int)n;
    return 0;
}

/* Online vcpus through cpu/N/availability, which the guest acts on. */
static int
xenDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    unsigned int max, i;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return -1;
    if (r > 0)
        return xenDefUpdate(dom, xenEditVcpus, nvcpus);
    max = xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : xi.max_vcpu_id + 1;
    if (nvcpus > max) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                       "cannot set vcpus of domain '%s' to %u: must be from "
                       "1 to its maximum %u",
                       dom->name, nvcpus, max);
        return -1;
    }
    for (i = 0; i < max; i++)
        if (xenStoreSetVcpuAvailable(dom, priv->xsh, i, i < nvcpus) < 0)
            return -1;
    return 0;
}

/* The vcpus the running domain was built with (max_vcpu_id + 1). */
static int
xenDomainGetMaxVcpus(virDomainPtr dom)
{
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "count the vcpus of") < 0)
        return -1;
    if (xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID)
        return 0;
    return (int)xi.max_vcpu_id + 1;
}

static int
xenDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                 const unsigned char *cpumap, int maplen)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "pin vcpus of") < 0)
        return -1;
    if (xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID || vcpu > xi.max_vcpu_id) {
        virReportError(
            dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
            "cannot pin vcpu %u of domain '%s': it has %u vcpus", vcpu,
            dom->name,
            xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : xi.max_vcpu_id + 1);
        return -1;
    }
    return xenHvPinVcpu(dom, priv->xch, vcpu, cpumap, maplen);
}

static int
xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "list vcpus of") < 0)
        return -1;
    return xenHvGetVcpus(dom, priv->xch, &xi, info, maxinfo, cpumaps, maplen);
}

/* ---------------------------------------------------------------- XML */

/* A running domain without a definition of ours: what Xen knows. */
static char *
xenDescribeRunning(virDomainPtr dom, const xc_domaininfo_t *xi)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDef def;
    char *type = xenDomainGetOSType(dom), *xml = NULL;
    char virt[] = "xen";

    if (!type)
        return NULL;
    memset(&def, 0, sizeof(def));
    def.virtType = virt;
    def.name = dom->name;
    memcpy(def.uuid, dom->uuid, VIR_UUID_BUFLEN);
    def.hasUUID = true;
    def.os.type = type;
    def.maxmem = xenMaxMemOf(dom, xi);
    def.memory = xenStoreMemoryTarget(priv->xsh, dom->id);
    if (def.memory == 0 || def.memory > def.maxmem)
        def.memory = (unsigned long)(xi->tot_pages * XEN_HV_PAGE_KIB);
    def.vcpus = xi->nr_online_vcpus ? xi->nr_online_vcpus : 1;
    def.onPoweroff = VIR_DOMAIN_DESTROY;
    def.onReboot = VIR_DOMAIN_RESTART;
    def.onCrash = VIR_DOMAIN_RESTART;
    xml = virDomainDefFormat(dom->conn, &def, dom->id);
    free(type);
    return xml;
}

static char *
xenDomainGetXMLDesc(virDomainPtr dom, int flags)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    bool found;
    char *xml = NULL;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return NULL;
    def = xenConfRead(dom->conn, priv->confdir, dom->name, &found);
    if (!def && found)
        return NULL;
    if (r == 0 && (!def || memcmp(def->uuid, dom->uuid, VIR_UUID_BUFLEN))) {
        virDomainDefFree(def);
        return xenDescribeRunning(dom, &xi);
    }
    xml = virDomainDefFormat(dom->conn, def, dom->id);
    virDomainDefFree(def);
    return xml;
}

/* ---------------------------------------------------- defined domains */

/* Loads the definitions and drops those whose domain runs, as listed
 * (one being built or torn down still counts as inactive: it is in one
 * list or the other, never in neither). */
static int
xenLoadInactive(virConnectPtr conn, xenConfListPtr list)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    size_t i, j, k = 0;
    int n, d;

    if (xenNeedHv(conn, NULL, "list the defined domains") < 0 ||
        (n = xenHvListAll(conn, priv->xch, &all)) < 0)
        return -1;
    if (xenConfLoad(conn, priv->confdir, list) < 0) {
        free(all);
        return -1;
    }
    for (i = 0; i < list->ndefs; i++) {
        d = xenShownWithUUID(conn, all, n, list->defs[i]->uuid);
        if (d == -2) {
            /* keep what is left, kept or not looked at, to clear it */
            for (j = i; j < list->ndefs; j++)
                list->defs[k++] = list->defs[j];
            list->ndefs = k;
            xenConfListClear(list);
            free(all);
            return -1;
        }
        if (d >= 0) {
            virDomainDefFree(list->defs[i]);
            continue;
        }
        list->defs[k++] = list->defs[i];
    }
    list->ndefs = k;
    for (j = 0; j < k; j++) /* sorted output is easier to compare */
        for (i = j + 1; i < k; i++)
            if (strcmp(list->defs[i]->name, list->defs[j]->name) < 0) {
                virDomainDefPtr t = list->defs[i];
                list->defs[i] = list->defs[j];
                list->defs[j] = t;
            }
    free(all);
    return 0;
}

static int
xenListDefinedDomains(virConnectPtr conn, const char **names, int maxnames)
{
    xenConfList list;
    int i, n = 0;

    if (xenLoadInactive(conn, &list) < 0)
        return -1;
    for (i = 0; i < (int)list.ndefs && n < maxnames; i++, n++) {
        if (!(names[n] = strdup(list.defs[i]->name))) {
            while (n-- > 0)
                free((void *)(uintptr_t)names[n]);
            xenConfListClear(&list);
            virReportOOM(conn, VIR_FROM_XEN);
            return -1;
        }
    }
    xenConfListClear(&list);
    return n;
}

static int
xenNumOfDefinedDomains(virConnectPtr conn)
{
    xenConfList list;
    int n;

    if (xenLoadInactive(conn, &list) < 0)
        return -1;
    n = (int)list.ndefs;
    xenConfListClear(&list);
    return n;
}

/*
 * @def must clash with nothing: not with a running domain (by name or
 * uuid), and not with another definition.  With @redefine, the
 * definition of the same name and uuid may be replaced; a def without
 * uuid takes the uuid of the definition it replaces, or a new one.
 */
static int
xenCheckNew(virConnectPtr conn, virDomainDefPtr def, bool redefine)
{
    xenPrivatePtr priv = conn->privateData;
    xenConfList list;
    virDomainDefPtr byName, byUUID;
    xc_domaininfo_t xi;
    int ret = -1, r = 0;

    if (xenConfLoad(conn, priv->confdir, &list) < 0)
        return -1;
    byName = xenConfFindName(&list, def->name);
    if (!def->hasUUID && redefine && byName)
        memcpy(def->uuid, byName->uuid, VIR_UUID_BUFLEN);
    else if (!def->hasUUID && virUUIDGenerate(def->uuid) < 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_INTERNAL_ERROR,
                       "cannot generate a uuid for domain '%s'", def->name);
        goto cleanup;
    }
    def->hasUUID = true;
    byUUID = xenConfFindUUID(&list, def->uuid);
    if ((byName && (!redefine || byName != byUUID)) ||
        (byUUID && byUUID != byName)) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
                       "domain '%s' already exists%s", def->name,
                       byName ? " with a different uuid"
                              : " under another name");
        goto cleanup;
    }
    if (xenStoreDomainByName(priv->xsh, def->name) >= 0 ||
        (r = xenFindUUID(conn, def->uuid, &xi)) == 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
                       "domain '%s' is already active", def->name);
        goto cleanup;
    }
    /* 1: @def replaces a definition of the same name and uuid */
    ret = r < 0 ? -1 : byName ? 1 : 0;
cleanup:
    xenConfListClear(&list);
    return ret;
}

static virDomainPtr
xenDomainDefineXML(virConnectPtr conn, const char *xml)
{
    xenPrivatePtr priv = conn->privateData;
    virDomainDefPtr def;
    virDomainPtr dom = NULL;
    int existed;

    if (xenNeedHv(conn, NULL, "define a domain") < 0 ||
        !(def = virDomainDefParseString(conn, xml)))
        return NULL;
    if ((existed = xenCheckNew(conn, def, true)) >= 0 &&
        xenConfWrite(conn, priv->confdir, def) == 0) {
        virDomainEventQueue(priv, def->name, def->uuid, VIR_DOMAIN_ID_INACTIVE,
                            VIR_DOMAIN_EVENT_DEFINED,
                            existed ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                    : VIR_DOMAIN_EVENT_DEFINED_ADDED);
        dom = virGetDomain(conn, def->name, def->uuid, VIR_DOMAIN_ID_INACTIVE);
    }
    virDomainDefFree(def);
    return dom;
}

/* Whether @dom has a definition of its own (same name and uuid): 1 or 0,
 * -1 after raising an error. */
static int
xenHasDef(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDefPtr def;
    bool found;
    int ret;

    def = xenConfRead(dom->conn, priv->confdir, dom->name, &found);
    if (!def)
        return found ? -1 : 0;
    ret = memcmp(def->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0;
    virDomainDefFree(def);
    return ret;
}

static int
xenDomainIsPersistent(virDomainPtr dom)
{
    xc_domaininfo_t xi;

    if (xenResolve(dom, &xi) < 0)
        return -1;
    return xenHasDef(dom);
}

static int
xenDomainUndefine(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    int r;

    if (xenResolve(dom, &xi) < 0 || (r = xenHasDef(dom)) < 0)
        return -1;
    if (r == 0) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot undefine domain '%s': domain is not "
                       "persistent",
                       dom->name);
        return -1;
    }
    /* A running domain keeps running, as a transient one. */
    if (xenConfRemove(dom->conn, priv->confdir, dom->name) < 0)
        return -1;
    virDomainEventQueue(priv, dom->name, dom->uuid, dom->id,
                        VIR_DOMAIN_EVENT_UNDEFINED,
                        VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    return 0;
}

static int
xenDomainCreate(virDomainPtr dom)
{
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    libxl_ctx *xl;
    int r = xenResolve(dom, &xi), id, ret = -1;

    if (r < 0)
        return -1;
    if (r == 0) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot start domain '%s': domain is already running",
                       dom->name);
        return -1;
    }
    if (!(xl = xenNeedLibxl(dom->conn, dom, "start a domain")) ||
        !(def = xenDefOf(dom)))
        return -1;
    if (xenLibxlCreate(dom->conn, xl, def, &id) == 0) {
        dom->id = id;
        ret = 0;
    }
    virDomainDefFree(def);
    return ret;
}

static virDomainPtr
xenDomainCreateLinux(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainDefPtr def;
    virDomainPtr dom = NULL;
    libxl_ctx *xl;
    int id;

    if (!(xl = xenNeedLibxl(conn, NULL, "start a domain")) ||
        !(def = virDomainDefParseString(conn, xml)))
        return NULL;
    if (xenCheckNew(conn, def, false) == 0 &&
        xenLibxlCreate(conn, xl, def, &id) == 0)
        dom = virGetDomain(conn, def->name, def->uuid, id);
    virDomainDefFree(def);
    return dom;
}

/* ------------------------------------------------------------ devices */

static virDomainDeviceDefPtr
xenParseDisk(virDomainPtr dom, const char *xml, const char *op)
{
    virDomainDeviceDefPtr dev = virDomainDeviceDefParseString(dom->conn, xml);

    if (dev && dev->type != VIR_DOMAIN_DEVICE_DISK) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_NO_SUPPORT,
                       "cannot %s domain '%s': the Xen driver hot-plugs "
                       "disks only",
                       op, dom->name);
        virDomainDeviceDefFree(dev);
        return NULL;
    }
    return dev;
}

static int
xenDomainAttachDevice(virDomainPtr dom, const char *xml)
{
    virDomainDeviceDefPtr dev;
    xc_domaininfo_t xi;
    libxl_ctx *xl;
    int ret;

    if (xenActive(dom, &xi, "attach a device to") < 0 ||
        !(xl = xenNeedLibxl(dom->conn, dom, "attach a device")) ||
        !(dev = xenParseDisk(dom, xml, "attach a device to")))
        return -1;
    ret = xenLibxlAttachDisk(dom, xl, dev->data.disk);
    virDomainDeviceDefFree(dev);
    return ret;
}

static int
xenDomainDetachDevice(virDomainPtr dom, const char *xml)
{
    virDomainDeviceDefPtr dev;
    xc_domaininfo_t xi;
    libxl_ctx *xl;
    int ret;

    if (xenActive(dom, &xi, "detach a device from") < 0 ||
        !(xl = xenNeedLibxl(dom->conn, dom, "detach a device")) ||
        !(dev = xenParseDisk(dom, xml, "detach a device from")))
        return -1;
    ret = xenLibxlDetachDisk(dom, xl, dev->data.disk->dst);
    virDomainDeviceDefFree(dev);
    return ret;
}

/* ------------------------------------------------------------- table */

virDriver xenDriver = {
    .name = "Xen",
    .probe = xenProbe,
    .open = xenOpen,
    .close = xenClose,
    .type = xenGetType,
    .version = xenGetVersion,
    .nodeGetInfo = xenNodeGetInfo,
    .listDomains = xenListDomains,
    .numOfDomains = xenNumOfDomains,
    .listDefinedDomains = xenListDefinedDomains,
    .numOfDefinedDomains = xenNumOfDefinedDomains,
    .domainCreateLinux = xenDomainCreateLinux,
    .domainLookupByID = xenLookupByID,
    .domainLookupByUUID = xenLookupByUUID,
    .domainLookupByName = xenLookupByName,
    .domainSuspend = xenDomainSuspend,
    .domainResume = xenDomainResume,
    .domainShutdown = xenDomainShutdown,
    .domainReboot = xenDomainReboot,
    .domainDestroy = xenDomainDestroy,
    .domainSave = xenDomainSave,
    .domainRestore = xenDomainRestore,
    .domainCoreDump = xenDomainCoreDump,
    .domainGetInfo = xenDomainGetInfo,
    .domainGetID = xenDomainGetID,
    .domainGetOSType = xenDomainGetOSType,
    .domainGetMaxMemory = xenDomainGetMaxMemory,
    .domainSetMaxMemory = xenDomainSetMaxMemory,
    .domainSetMemory = xenDomainSetMemory,
    .domainGetXMLDesc = xenDomainGetXMLDesc,
    .domainDefineXML = xenDomainDefineXML,
    .domainUndefine = xenDomainUndefine,
    .domainCreate = xenDomainCreate,
    .domainSetVcpus = xenDomainSetVcpus,
    .domainGetMaxVcpus = xenDomainGetMaxVcpus,
    .domainPinVcpu = xenDomainPinVcpu,
    .domainGetVcpus = xenDomainGetVcpus,
    .domainAttachDevice = xenDomainAttachDevice,
    .domainDetachDevice = xenDomainDetachDevice,
    .domainIsPersistent = xenDomainIsPersistent,
    .domainEventStart = xenEventStart,
    .domainEventStop = xenEventStop,
};
