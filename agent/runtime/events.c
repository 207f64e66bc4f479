/*
 * events.c: domain events into net-snmp's loop.
 *
 * The library watches the hypervisor (on Xen, the xenstore socket)
 * through the event loop the program lends it with virEventRegisterImpl;
 * here that loop is net-snmp's: file descriptors go to register_readfd(),
 * timers to snmp_alarm.  An event asks for a refresh at once, so the
 * change is in the tables and its notification sent on the next pass of
 * the loop instead of at the next poll.  The same code runs in virtmibd
 * and in the dlmod (inside snmpd, whose loop serves both).
 *
 * Built on the system's libvirt (WITH_SYSTEM_LIBVIRT), the loop is lent
 * once per process (libvirt refuses to replace it, and keeps it after
 * the agent stops), lifecycle events come through
 * virConnectDomainEventRegisterAny, and a keepalive and a close callback
 * notice a libvirtd that went away: the agent reads the host at once,
 * finds it gone (stale), and tries to reconnect every EV_RECONNECT_SECS
 * until it is back (not only at the next poll).  Every callback runs on
 * net-snmp's loop, the agent's own; the close callback, which can run
 * inside any library call, only asks for a refresh.  A watch's or a
 * timer's free callback runs on a later pass of the loop, never inside
 * the remove call: libvirt's client removes its socket's watch with its
 * lock held, and frees what that lock guards.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "runtime/agent.h"
#include "runtime/events.h"
#include "runtime/liberror.h"
#include "model/snapshot.h"

#define EV_MAX 16 /* watches and timers together; Xen needs one */

struct ev_slot {
    int id; /* 0: free */
    int fd; /* -1 for a timer */
    int events;
    int timeout;        /* ms, -1 disabled (timers) */
    unsigned int alarm; /* snmp_alarm registration, 0 none */
    int registered;     /* fd given to register_readfd */
    int wregistered;    /* fd given to register_writefd */
    virEventHandleCallback hcb;
    virEventTimeoutCallback tcb;
    void *opaque;
    virFreeCallback ff;
};

static struct ev_slot slots[EV_MAX];
static int next_id = 1;
static unsigned int settle_alarm;
static struct agent_events_sink sink;
static int loop_lent; /* virEventRegisterImpl was called */

/* libvirtd's keepalive: a probe every 5 s, given up after 3 unanswered. */
#define EV_KEEPALIVE_SECS  5
#define EV_KEEPALIVE_COUNT 3
/* While the connection is lost, a new one is tried this often. */
#define EV_RECONNECT_SECS 2

/* Free callbacks of removed watches and timers, run after the removal. */
struct ev_free {
    virFreeCallback ef_ff;
    void *ef_opaque;
};

static struct ev_free frees[EV_MAX];
static size_t nfrees;
static unsigned int frees_alarm;
static unsigned int reconnect_alarm;

static struct ev_slot *ev_find(int id);
static struct ev_slot *ev_new(void);
static void ev_release(struct ev_slot *s);
static void ev_fd_ready(int fd, void *data);
static void ev_fd_writable(int fd, void *data);
static void ev_fd_dispatch(struct ev_slot *s, int events);
static void ev_alarm(unsigned int reg, void *clientarg);
static void ev_arm(struct ev_slot *s);
static int ev_add_handle(int fd, int events, virEventHandleCallback cb,
                         void *opaque, virFreeCallback ff);
static void ev_update_handle(int watch, int events);
static int ev_remove_handle(int watch);
static int ev_add_timeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                          virFreeCallback ff);
static void ev_update_timeout(int timer, int timeout);
static int ev_remove_timeout(int timer);
static int ev_domain_event(virConnectPtr conn, virDomainPtr dom, int event,
                           int detail, void *opaque);
static void ev_settle(unsigned int reg, void *clientarg);
static void ev_defer_free(virFreeCallback ff, void *opaque);
static void ev_run_frees(unsigned int reg, void *clientarg);
static int ev_register(virConnectPtr conn);
#ifdef WITH_SYSTEM_LIBVIRT
static void ev_watch_close(virConnectPtr conn);
static void ev_conn_closed(virConnectPtr conn, int reason, void *opaque);
static void ev_reconnect(unsigned int reg, void *clientarg);
#endif

/**
 * agent_events_init:
 * @owner: what an event asks for, copied
 *
 * Lends net-snmp's loop to the library; before the first connection.
 */
void
agent_events_init(const struct agent_events_sink *owner)
{
    sink = *owner;
    if (loop_lent)
        return;
    virEventRegisterImpl(ev_add_handle, ev_update_handle, ev_remove_handle,
                         ev_add_timeout, ev_update_timeout, ev_remove_timeout);
    loop_lent = 1;
}

/**
 * agent_events_shutdown:
 *
 * After the connection is closed: drops whatever the library left
 * registered and takes the loop back.
 */
void
agent_events_shutdown(void)
{
    size_t i;

    for (i = 0; i < EV_MAX; i++) {
        if (slots[i].id)
            ev_release(&slots[i]);
    }
    if (settle_alarm)
        snmp_alarm_unregister(settle_alarm);
    settle_alarm = 0;
    if (reconnect_alarm)
        snmp_alarm_unregister(reconnect_alarm);
    reconnect_alarm = 0;
    ev_run_frees(0, NULL);
#ifndef WITH_SYSTEM_LIBVIRT
    virEventRegisterImpl(NULL, NULL, NULL, NULL, NULL, NULL);
    loop_lent = 0;
#endif
}

/**
 * agent_events_attach:
 * @conn: the agent's new connection
 *
 * Listens to @conn's domain events.  A hypervisor that cannot tell them
 * is not an error: the poll still finds every change, later.
 */
void
agent_events_attach(virConnectPtr conn)
{
    virErrorPtr err;

#ifdef WITH_SYSTEM_LIBVIRT
    ev_watch_close(conn);
#endif
    if (ev_register(conn) == 0)
        return;
    err = virGetLastError();
    snmp_log(LOG_INFO,
             "%sno domain events (%s): changes made elsewhere "
             "show at the next poll\n",
             agent.as_log_prefix,
             err && err->message ? err->message : "unknown error");
}

/* The lifecycle events of @conn to ev_domain_event; 0 or -1. */
static int
ev_register(virConnectPtr conn)
{
#ifdef WITH_SYSTEM_LIBVIRT
    int id;

    id = virConnectDomainEventRegisterAny(
        conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        VIR_DOMAIN_EVENT_CALLBACK(ev_domain_event), NULL, NULL);
    return id < 0 ? -1 : 0;
#else
    return virConnectDomainEventRegister(conn, ev_domain_event, NULL, NULL);
#endif
}

/**
 * agent_events_detach:
 * @conn: a connection of the agent's, about to be closed
 *
 * Drops what agent_events_attach() left on @conn that closing it would
 * not (the close callback holds a reference to it).
 */
void
agent_events_detach(virConnectPtr conn)
{
#ifdef WITH_SYSTEM_LIBVIRT
    /* gone already when it fired: not an error */
    agent_error_quiet(1);
    virConnectUnregisterCloseCallback(conn, ev_conn_closed);
    virResetLastError();
    agent_error_quiet(0);
#else
    (void)conn;
#endif
}

#ifdef WITH_SYSTEM_LIBVIRT
/* A keepalive, where the driver has one (remote URIs; not test:///),
 * and a close callback on @conn. */
static void
ev_watch_close(virConnectPtr conn)
{
    agent_error_quiet(1);
    if (virConnectSetKeepAlive(conn, EV_KEEPALIVE_SECS,
                               EV_KEEPALIVE_COUNT) < 0)
        DEBUGMSGTL(("virtmibd/events", "no keepalive on this connection\n"));
    virResetLastError();
    agent_error_quiet(0);
    if (virConnectRegisterCloseCallback(conn, ev_conn_closed, NULL,
                                        NULL) < 0)
        snmp_log(LOG_INFO, "%sno close callback: a lost libvirtd shows at "
                 "the next poll\n", agent.as_log_prefix);
}

/* libvirtd went away (or the keepalive gave up): may run inside any
 * library call, so it only asks for a read of the host, which finds it
 * gone and marks the agent stale. */
static void
ev_conn_closed(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn, (void)opaque;
    snmp_log(LOG_WARNING, "%sthe hypervisor connection closed (reason %d); "
             "reconnecting\n", agent.as_log_prefix, reason);
    sink.es_refresh();
    if (!reconnect_alarm)
        reconnect_alarm = snmp_alarm_register(EV_RECONNECT_SECS, SA_REPEAT,
                                              ev_reconnect, NULL);
}

/* The host is read again (which reconnects) until it can be: then the
 * agent has caught up and the retries stop. */
static void
ev_reconnect(unsigned int reg, void *clientarg)
{
    (void)reg, (void)clientarg;
    if (agent.as_conn && !agent.as_stale) {
        snmp_alarm_unregister(reconnect_alarm);
        reconnect_alarm = 0;
        return;
    }
    sink.es_refresh();
    sink.es_sync();
}
#endif

/*
 * A domain changed: read it again now.  A start or stop changes the
 * table's rows, so that is a full refresh.  Toolstacks build a domain
 * paused and unpause it right after, which no event tells (xenstore
 * says nothing of pauses): a start is looked at once more, two seconds
 * later.
 */
static int
ev_domain_event(virConnectPtr conn, virDomainPtr dom, int event, int detail,
                void *opaque)
{
    unsigned char uuid[SNAP_UUID_LEN];
    int known;

    (void)conn, (void)opaque;
    DEBUGMSGTL(("virtmibd/events", "domain '%s': event %d detail %d\n",
                virDomainGetName(dom), event, detail));
    known = virDomainGetUUID(dom, uuid) == 0;
    /* its devices are read again: a new definition tells no more */
    if (known && sink.es_devices)
        sink.es_devices(uuid);
    if (known && (event == VIR_DOMAIN_EVENT_SUSPENDED ||
                  event == VIR_DOMAIN_EVENT_RESUMED))
        sink.es_refresh_domain(uuid);
    else
        sink.es_refresh();
    if (event == VIR_DOMAIN_EVENT_STARTED && !settle_alarm)
        settle_alarm = snmp_alarm_register(2, 0, ev_settle, NULL);
    return 0;
}

static void
ev_settle(unsigned int reg, void *clientarg)
{
    (void)reg, (void)clientarg;
    settle_alarm = 0;
    sink.es_refresh();
    sink.es_sync();
}

/* ---------------------------------------------------- the slot table */

static struct ev_slot *
ev_find(int id)
{
    size_t i;

    for (i = 0; id > 0 && i < EV_MAX; i++) {
        if (slots[i].id == id)
            return &slots[i];
    }
    return NULL;
}

static struct ev_slot *
ev_new(void)
{
    size_t i;

    for (i = 0; i < EV_MAX; i++) {
        if (!slots[i].id) {
            memset(&slots[i], 0, sizeof(slots[i]));
            slots[i].id = next_id++;
            slots[i].fd = -1;
            slots[i].timeout = -1;
            return &slots[i];
        }
    }
    return NULL;
}

static void
ev_release(struct ev_slot *s)
{
    virFreeCallback ff = s->ff;
    void *opaque = s->opaque;

    if (s->registered)
        unregister_readfd(s->fd);
    if (s->wregistered)
        unregister_writefd(s->fd);
    if (s->alarm)
        snmp_alarm_unregister(s->alarm);
    memset(s, 0, sizeof(*s));
    if (ff)
        ev_defer_free(ff, opaque);
}

/* @ff(@opaque) on the next pass of the loop (at once if the queue is
 * full, which EV_MAX slots cannot make it). */
static void
ev_defer_free(virFreeCallback ff, void *opaque)
{
    struct timeval soon = { 0, 1000 };

    if (nfrees == EV_MAX) {
        ff(opaque);
        return;
    }
    frees[nfrees].ef_ff = ff;
    frees[nfrees].ef_opaque = opaque;
    nfrees++;
    if (!frees_alarm)
        frees_alarm = snmp_alarm_register_hr(soon, 0, ev_run_frees, NULL);
}

/* A free callback may remove more: those wait for the next pass. */
static void
ev_run_frees(unsigned int reg, void *clientarg)
{
    struct ev_free now[EV_MAX];
    size_t i, n = nfrees;

    (void)clientarg;
    if (frees_alarm && !reg)
        snmp_alarm_unregister(frees_alarm);
    frees_alarm = 0;
    memcpy(now, frees, n * sizeof(now[0]));
    nfrees = 0;
    for (i = 0; i < n; i++)
        now[i].ef_ff(now[i].ef_opaque);
}

/* ---------------------------------------------------------- handles */

static void
ev_fd_ready(int fd, void *data)
{
    (void)fd;
    ev_fd_dispatch(data, VIR_EVENT_HANDLE_READABLE);
}

/* libvirt's remote client asks for this while a message waits to go out
 * (a keepalive probe outside any call). */
static void
ev_fd_writable(int fd, void *data)
{
    (void)fd;
    ev_fd_dispatch(data, VIR_EVENT_HANDLE_WRITABLE);
}

static void
ev_fd_dispatch(struct ev_slot *s, int events)
{
    if (s->id && s->hcb)
        s->hcb(s->id, s->fd, events, s->opaque);
    /* whatever the callback changed in the library is told now */
    sink.es_sync();
}

static int
ev_add_handle(int fd, int events, virEventHandleCallback cb, void *opaque,
              virFreeCallback ff)
{
    struct ev_slot *s;

    if (fd < 0 || !cb || !(s = ev_new()))
        return -1;
    s->fd = fd;
    s->hcb = cb;
    s->opaque = opaque;
    s->ff = ff;
    ev_update_handle(s->id, events);
    return s->id;
}

static void
ev_update_handle(int watch, int events)
{
    struct ev_slot *s = ev_find(watch);

    if (!s || s->fd < 0)
        return;
    s->events = events;
    if ((events & VIR_EVENT_HANDLE_READABLE) && !s->registered)
        s->registered = register_readfd(s->fd, ev_fd_ready, s) == 0;
    else if (!(events & VIR_EVENT_HANDLE_READABLE) && s->registered) {
        unregister_readfd(s->fd);
        s->registered = 0;
    }
    if ((events & VIR_EVENT_HANDLE_WRITABLE) && !s->wregistered)
        s->wregistered = register_writefd(s->fd, ev_fd_writable, s) == 0;
    else if (!(events & VIR_EVENT_HANDLE_WRITABLE) && s->wregistered) {
        unregister_writefd(s->fd);
        s->wregistered = 0;
    }
}

static int
ev_remove_handle(int watch)
{
    struct ev_slot *s = ev_find(watch);

    if (!s || s->fd < 0)
        return -1;
    ev_release(s);
    return 0;
}

/* ---------------------------------------------------------- timers */

static void
ev_alarm(unsigned int reg, void *clientarg)
{
    struct ev_slot *s = clientarg;

    (void)reg;
    if (s->id && s->tcb)
        s->tcb(s->id, s->opaque);
    sink.es_sync();
}

/* (Re)starts the repeating alarm of @s for its timeout; 0 ms is "as soon
 * as possible", which net-snmp's alarms express as 1 ms. */
static void
ev_arm(struct ev_slot *s)
{
    struct timeval tv;

    if (s->alarm)
        snmp_alarm_unregister(s->alarm);
    s->alarm = 0;
    if (s->timeout < 0)
        return;
    tv.tv_sec = s->timeout / 1000;
    tv.tv_usec = (s->timeout % 1000) * 1000;
    if (s->timeout == 0)
        tv.tv_usec = 1000;
    s->alarm = snmp_alarm_register_hr(tv, SA_REPEAT, ev_alarm, s);
}

static int
ev_add_timeout(int timeout, virEventTimeoutCallback cb, void *opaque,
               virFreeCallback ff)
{
    struct ev_slot *s;

    if (!cb || !(s = ev_new()))
        return -1;
    s->tcb = cb;
    s->opaque = opaque;
    s->ff = ff;
    s->timeout = timeout;
    ev_arm(s);
    return s->id;
}

static void
ev_update_timeout(int timer, int timeout)
{
    struct ev_slot *s = ev_find(timer);

    if (!s || s->fd >= 0)
        return;
    s->timeout = timeout;
    ev_arm(s);
}

static int
ev_remove_timeout(int timer)
{
    struct ev_slot *s = ev_find(timer);

    if (!s || s->fd >= 0)
        return -1;
    ev_release(s);
    return 0;
}
