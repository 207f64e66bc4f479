/*
 * xen_driver.c: the front of the Xen driver: opening xen:/// (query
 * "?confdir=DIR"), the host, listing and looking domains up, resolving a
 * handle to the domain behind it, and the driver table.  The operations
 * on a domain are in xen_domain.c (reading and tuning it),
 * xen_lifecycle.c and xen_defined.c; they reach libxenctrl (xen_hv.c),
 * libxenstore (xen_store.c), libxl (xen_libxl.c) and the config directory
 * of defined domains (xen_conf.c), and see the host through the
 * visibility policy (xen_shown.c).
 *
 * Error codes follow the test driver: VIR_ERR_NO_DOMAIN for a domain that
 * does not exist (any more); VIR_ERR_OPERATION_FAILED when its state
 * forbids the operation (including anything that would stop Domain-0);
 * VIR_ERR_INVALID_ARG for values out of range; VIR_ERR_DOM_EXIST for name
 * or uuid clashes; VIR_ERR_OPERATION_DENIED when the connection lacks the
 * privilege; VIR_ERR_NO_SUPPORT for what the driver cannot express.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    if (rest != query && *rest != '\0')
        return virReportError(
            conn, NULL, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
            "cannot open '%s': the Xen driver manages the local "
            "host only (use xen:///)",
            name);
    if (query &&
        (strncmp(query, "?confdir=/", 10) != 0 || strchr(query + 9, '&')))
        return virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                              "cannot open '%s': the only query is "
                              "?confdir=/absolute/path",
                              name);
    *confdir =
        strdup(query ? query + 9 : (env && *env ? env : XEN_CONF_DIR_DEFAULT));
    if (!*confdir)
        return virReportOOM(conn, VIR_FROM_XEN);
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

int
xenNeedHv(virConnectPtr conn, virDomainPtr dom, const char *what)
{
    xenPrivatePtr priv = conn->privateData;

    if (priv->xch)
        return 0;
    return virReportError(
        conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_DENIED,
        "cannot %s: the hypervisor interface needs root (this "
        "read-only connection has xenstore only)",
        what);
}

libxl_ctx *
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

void
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
int
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

int
xenActive(virDomainPtr dom, xc_domaininfo_t *info, const char *op)
{
    int r = xenResolve(dom, info);

    if (r > 0)
        return xenCheckState(dom, false, op, "running");
    return r == 0 ? 0 : -1;
}

/* Raises "cannot @op domain: domain is not @state" unless @ok: 0, or
 * -1 raised. */
int
xenCheckState(virDomainPtr dom, bool ok, const char *op, const char *state)
{
    if (ok)
        return 0;
    return virReportError(
        dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
        "cannot %s domain '%s': domain is not %s", op, dom->name, state);
}

int
xenNotDom0(virDomainPtr dom, const char *op)
{
    if (dom->id != 0)
        return 0;
    return virReportError(
        dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
        "cannot %s domain '%s': not permitted on Domain-0", op, dom->name);
}

/* The definition of inactive @dom (caller-frees), or NULL after raising. */
virDomainDefPtr
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
