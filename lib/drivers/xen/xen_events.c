/*
 * xen_events.c: domain events of the Xen driver.
 *
 * xenstore fires @introduceDomain when a domain is introduced (built,
 * restored) and @releaseDomain when one shuts down, crashes or goes away,
 * whoever did it: the guest itself, xl, or this library.  The driver
 * watches both on the connection's xenstore handle, hands the handle's
 * watch fd to the program's event loop (virEventRegisterImpl), and on
 * each firing lists the domains again in one batched hypercall and
 * compares with what it knew: a new domain is STARTED, a domain that
 * shut down, crashed or disappeared is STOPPED (told once).  A domain
 * told STOPPED while still there (shut down, not yet destroyed by the
 * toolstack) that then goes, with no definition of ours, is UNDEFINED:
 * a transient domain is no longer known.  A persistent one stays,
 * inactive, and nothing is told.
 *
 * xenstore says nothing of a pause, so SUSPENDED and RESUMED are told
 * only for the changes this connection makes itself (xen_driver.c
 * queues them), as DEFINED and UNDEFINED, which live in our own config
 * directory.  A pause made by xl shows at the program's next poll.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "domain_event.h"
#include "drivers/xen/xen_conf.h"
#include "drivers/xen/xen_driver.h"
#include "drivers/xen/xen_events.h"
#include "drivers/xen/xen_shown.h"

#define XEN_EVENT_TOKEN "libvir"

/* The watch */
static void xenEventReady(int watch, int fd, int events, void *opaque);

/* Comparing listings */
static int xenEventScan(virConnectPtr conn, bool tell);
static xenEventKnown *xenEventFindKnown(xenPrivatePtr priv,
                                        const xenEventKnown *k);
static void xenEventCompare(xenPrivatePtr priv, xenEventKnown *now,
                            const xc_domaininfo_t *info, char *name, bool tell);
static void xenEventTellGone(virConnectPtr conn);
static bool xenEventDefined(virConnectPtr conn, const xenEventKnown *k);
static void xenEventKnownFree(xenPrivatePtr priv);
static void xenEventTell(xenPrivatePtr priv, xenEventKnown *k, int event,
                         int detail);

/**
 * xenEventStart:
 *
 * The driver's domainEventStart: watches xenstore for this connection.
 * Needs the hypervisor (to list domains) and an event loop.
 */
int
xenEventStart(virConnectPtr conn)
{
    xenPrivatePtr priv = conn->privateData;
    int fd;

    if (!virEventHasImpl())
        return virReportError(
            conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_SUPPORT,
            "cannot watch Xen for domain events: no event loop "
            "(register one with virEventRegisterImpl)");
    if (!priv->xch)
        return virReportError(
            conn, NULL, VIR_FROM_XEN, VIR_ERR_OPERATION_DENIED,
            "cannot watch Xen for domain events: the hypervisor "
            "is not open on this connection (needs root)");
    if (xenEventScan(conn, false) < 0)
        return -1;
    if (!xs_watch(priv->xsh, "@introduceDomain", XEN_EVENT_TOKEN) ||
        !xs_watch(priv->xsh, "@releaseDomain", XEN_EVENT_TOKEN)) {
        virReportError(conn, NULL, VIR_FROM_XENSTORE, VIR_ERR_OPERATION_FAILED,
                       "cannot watch xenstore for domain events: %s",
                       strerror(errno));
        goto error;
    }
    if ((fd = xs_fileno(priv->xsh)) < 0 ||
        (priv->evWatch = virEventAddHandleInternal(
             fd, VIR_EVENT_HANDLE_READABLE, xenEventReady, conn, NULL)) < 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot watch xenstore for domain events: the event "
                       "loop refused its file descriptor");
        goto error;
    }
    return 0;

error:
    xs_unwatch(priv->xsh, "@introduceDomain", XEN_EVENT_TOKEN);
    xs_unwatch(priv->xsh, "@releaseDomain", XEN_EVENT_TOKEN);
    xenEventKnownFree(priv);
    priv->evWatch = -1;
    return -1;
}

/* The driver's domainEventStop; also safe when never started. */
void
xenEventStop(virConnectPtr conn)
{
    xenPrivatePtr priv = conn->privateData;

    if (!priv || priv->evWatch < 0)
        return;
    virEventRemoveHandleInternal(priv->evWatch);
    priv->evWatch = -1;
    xs_unwatch(priv->xsh, "@introduceDomain", XEN_EVENT_TOKEN);
    xs_unwatch(priv->xsh, "@releaseDomain", XEN_EVENT_TOKEN);
    xenEventKnownFree(priv);
}

/**
 * xenEventTellDomain:
 *
 * Queues @event (with @detail) about @dom for a change this connection
 * made itself and xenstore does not report (a pause, a definition).
 */
void
xenEventTellDomain(virDomainPtr dom, int event, int detail)
{
    virDomainEventQueue(dom->conn->privateData, dom->name, dom->uuid, dom->id,
                        event, detail);
}

/* The watch fd is readable: drain the watch events, compare, tell. */
static void
xenEventReady(int watch, int fd, int events, void *opaque)
{
    virConnectPtr conn = opaque;
    xenPrivatePtr priv = conn->privateData;
    char **vec;

    (void)watch, (void)fd, (void)events;
    while ((vec = xs_check_watch(priv->xsh)))
        free(vec);
    /* A failed listing keeps what was known: the next firing retries. */
    if (xenEventScan(conn, true) < 0)
        virResetLastError();
    virDomainEventFlush();
}

static void
xenEventTell(xenPrivatePtr priv, xenEventKnown *k, int event, int detail)
{
    virDomainEventQueue(priv, k->name, k->uuid, (int)k->domid, event, detail);
}

/*
 * Lists the domains and compares with priv->evKnown, queueing events when
 * @tell; then keeps the new list.  0, or -1 raised.
 */
static int
xenEventScan(virConnectPtr conn, bool tell)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    xenEventKnown *now;
    char **names = NULL;
    int n, i;

    /* only the domains libvir shows: one still being built is told when
     * the toolstack has named it, one being torn down is gone */
    if ((n = xenListShown(conn, &all, &names)) < 0)
        return -1;
    if (!(now = calloc((size_t)n + 1, sizeof(*now)))) {
        for (i = 0; i < n; i++)
            free(names[i]);
        free(names);
        free(all);
        return virReportOOM(conn, VIR_FROM_XEN);
    }
    for (i = 0; i < n; i++)
        xenEventCompare(priv, &now[i], &all[i], names[i], tell);
    free(names);
    free(all);
    if (tell)
        xenEventTellGone(conn);
    xenEventKnownFree(priv);
    priv->evKnown = now;
    priv->evNknown = (size_t)n;
    return 0;
}

/* The entry of priv->evKnown for the domain of @k (same id and uuid), or
 * NULL when the last listing did not have it. */
static xenEventKnown *
xenEventFindKnown(xenPrivatePtr priv, const xenEventKnown *k)
{
    size_t j;

    for (j = 0; j < priv->evNknown; j++) {
        if (priv->evKnown[j].domid == k->domid &&
            memcmp(priv->evKnown[j].uuid, k->uuid, VIR_UUID_BUFLEN) == 0)
            return &priv->evKnown[j];
    }
    return NULL;
}

/*
 * Fills @now from the running domain @info called @name (@now takes the
 * name) and compares it with what the last listing knew, queueing its
 * events when @tell.
 */
static void
xenEventCompare(xenPrivatePtr priv, xenEventKnown *now,
                const xc_domaininfo_t *info, char *name, bool tell)
{
    xenEventKnown *old;
    unsigned int code;
    int detail = VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN;

    now->domid = info->domain;
    memcpy(now->uuid, info->handle, VIR_UUID_BUFLEN);
    now->name = name;
    if ((old = xenEventFindKnown(priv, now))) {
        now->stopped = old->stopped;
        old->seen = true;
    }
    if (tell && !old)
        xenEventTell(priv, now, VIR_DOMAIN_EVENT_STARTED,
                     VIR_DOMAIN_EVENT_STARTED_BOOTED);
    /* Down, but still there: a guest that shut itself down and that
     * nobody destroyed yet, or a crash.  A reboot or a suspend for a
     * save is the toolstack's business: told when it goes. */
    code = (info->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    if (now->stopped || !(info->flags & XEN_DOMINF_shutdown) ||
        (code != SHUTDOWN_poweroff && code != SHUTDOWN_crash))
        return;
    now->stopped = true;
    if (code == SHUTDOWN_crash)
        detail = VIR_DOMAIN_EVENT_STOPPED_CRASHED;
    if (tell)
        xenEventTell(priv, now, VIR_DOMAIN_EVENT_STOPPED, detail);
}

/* The known domains the new listing lacks are gone: STOPPED, unless told
 * already; then UNDEFINED if transient (see the top). */
static void
xenEventTellGone(virConnectPtr conn)
{
    xenPrivatePtr priv = conn->privateData;
    xenEventKnown *old;
    size_t j;

    for (j = 0; j < priv->evNknown; j++) {
        old = &priv->evKnown[j];
        if (old->seen || !old->name)
            continue;
        if (!old->stopped)
            xenEventTell(priv, old, VIR_DOMAIN_EVENT_STOPPED,
                         VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
        else if (!xenEventDefined(conn, old))
            xenEventTell(priv, old, VIR_DOMAIN_EVENT_UNDEFINED,
                         VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    }
}

/* Whether our config directory defines @k (its name, with its uuid); a
 * definition that cannot be read counts as one: nothing is told. */
static bool
xenEventDefined(virConnectPtr conn, const xenEventKnown *k)
{
    xenPrivatePtr priv = conn->privateData;
    virDomainDefPtr def;
    bool found = false, same;

    def = xenConfRead(conn, priv->confdir, k->name, &found);
    if (!def) {
        if (found)
            virResetLastError();
        return found;
    }
    same = memcmp(def->uuid, k->uuid, VIR_UUID_BUFLEN) == 0;
    virDomainDefFree(def);
    return same;
}

static void
xenEventKnownFree(xenPrivatePtr priv)
{
    size_t j;

    for (j = 0; j < priv->evNknown; j++)
        free(priv->evKnown[j].name);
    free(priv->evKnown);
    priv->evKnown = NULL;
    priv->evNknown = 0;
}
