/*
 * xen_lifecycle.c: the life cycle of a running domain of the Xen driver:
 * pause, resume, shutdown, reboot, destroy, core dump, save and restore.
 */

#include <config.h>

#include <unistd.h>

#include "drivers/xen/xen_driver.h"
#include "drivers/xen/xen_events.h"
#include "drivers/xen/xen_shown.h"

/* Lifecycle */
static int xenWaitReboot(virDomainPtr dom);
static int xenCheckRestore(virConnectPtr conn, const char *name,
                           const unsigned char *uuid);

int
xenDomainSuspend(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    int st;

    if (xenActive(dom, &xi, "suspend") < 0 || xenNotDom0(dom, "suspend") < 0)
        return -1;
    st = xenHvInfoToState(&xi);
    if (xenCheckState(dom, st == VIR_DOMAIN_RUNNING || st == VIR_DOMAIN_BLOCKED,
                      "suspend", "running") < 0 ||
        xenHvPause(dom, priv->xch) < 0)
        return -1;
    xenEventTellDomain(dom, VIR_DOMAIN_EVENT_SUSPENDED,
                       VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}

int
xenDomainResume(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "resume") < 0 ||
        xenCheckState(dom, xenHvInfoToState(&xi) == VIR_DOMAIN_PAUSED, "resume",
                      "paused") < 0 ||
        xenHvUnpause(dom, priv->xch) < 0)
        return -1;
    xenEventTellDomain(dom, VIR_DOMAIN_EVENT_RESUMED,
                       VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return 0;
}

/* The PV shutdown protocol: the guest watches control/shutdown. */
int
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
    return virReportError(
        dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
        "cannot reboot domain '%s': it did not go down for the "
        "reboot within %d s",
        dom->name, XEN_REBOOT_WAIT_SECONDS);
}

/*
 * Asks the guest to reboot, waits for it to go down, then builds it again
 * from the configuration libxl kept (what xl's monitor process does;
 * there is no such process behind domains started by this library).
 */
int
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

int
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

int
xenDomainCoreDump(virDomainPtr dom, const char *to, int flags)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "dump") < 0 || xenNotDom0(dom, "dump") < 0)
        return -1;
    return xenHvCoreDump(dom, priv->xch, to);
}

int
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

    if (!name || xenStoreDomainByName(priv->xsh, name) >= 0)
        return virReportError(
            conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
            "cannot restore domain '%s': a domain of that name "
            "is running",
            name ? name : "(unnamed)");
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

int
xenDomainRestore(virConnectPtr conn, const char *from)
{
    libxl_ctx *xl = xenNeedLibxl(conn, NULL, "restore a domain");
    int id;

    if (!xl)
        return -1;
    return xenLibxlRestore(conn, xl, from, xenCheckRestore, &id);
}
