/*
 * domain_event.c: who listens to domain events, the events waiting to be
 * told, and the event loop the program lent the library.
 *
 * Drivers queue events while they change domains; the public layer
 * dispatches the queue after the driver call has returned, so callbacks
 * run with no driver state half-changed and may call the library again
 * (their own changes queue more events, told by the same loop).  A
 * registration stays allocated while its callback runs: deregistering
 * from inside a callback, or closing the connection, only marks it, and
 * the last one out frees it and calls its free callback.
 */

#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "domain_event.h"

typedef struct _virDomainEventReg virDomainEventReg;
struct _virDomainEventReg {
    virConnectPtr conn;
    virConnectDomainEventCallback cb;
    void *opaque;
    virFreeCallback freecb;
    unsigned int busy; /* callbacks of it running now */
    bool removed;
    virDomainEventReg *next;
};

typedef struct _virDomainEvent virDomainEvent;
struct _virDomainEvent {
    void *scope;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int event;
    int detail;
    virDomainEvent *next;
};

static void virDomainEventDispatch(virDomainEvent *ev);
static void virDomainEventRegRelease(virDomainEventReg *reg);
static bool virDomainEventConnListens(virConnectPtr conn);

static pthread_mutex_t eventLock = PTHREAD_MUTEX_INITIALIZER;
static virDomainEventReg *eventRegs;
static virDomainEvent *eventHead, *eventTail;
static __thread bool eventDispatching;

static struct {
    virEventAddHandleFunc addHandle;
    virEventUpdateHandleFunc updateHandle;
    virEventRemoveHandleFunc removeHandle;
    virEventAddTimeoutFunc addTimeout;
    virEventUpdateTimeoutFunc updateTimeout;
    virEventRemoveTimeoutFunc removeTimeout;
} eventImpl;

/* ------------------------------------------------------- registrations */

/**
 * virDomainEventAdd:
 *
 * Registers @cb on @conn; the first registration of a connection starts
 * its driver's watch, if the driver has one.  Returns 0, or -1 after
 * raising an error (@cb already registered on @conn, out of memory, the
 * driver cannot watch).
 */
int
virDomainEventAdd(virConnectPtr conn, virConnectDomainEventCallback cb,
                  void *opaque, virFreeCallback freecb)
{
    virDomainEventReg *reg, **tail;
    bool first;

    pthread_mutex_lock(&eventLock);
    for (reg = eventRegs; reg; reg = reg->next) {
        if (!reg->removed && reg->conn == conn && reg->cb == cb) {
            pthread_mutex_unlock(&eventLock);
            return virReportError(conn, NULL, VIR_FROM_NONE,
                                  VIR_ERR_INVALID_ARG,
                                  "cannot register domain event callback: "
                                  "already registered on this connection");
        }
    }
    pthread_mutex_unlock(&eventLock);
    first = !virDomainEventConnListens(conn);
    if (first && conn->driver->domainEventStart &&
        conn->driver->domainEventStart(conn) < 0)
        return -1;
    if (!(reg = calloc(1, sizeof(*reg)))) {
        if (first && conn->driver->domainEventStop)
            conn->driver->domainEventStop(conn);
        return virReportOOM(conn, VIR_FROM_NONE);
    }
    reg->conn = conn;
    reg->cb = cb;
    reg->opaque = opaque;
    reg->freecb = freecb;
    pthread_mutex_lock(&eventLock);
    for (tail = &eventRegs; *tail; tail = &(*tail)->next)
        ;
    *tail = reg;
    pthread_mutex_unlock(&eventLock);
    return 0;
}

/**
 * virDomainEventRemove:
 *
 * Returns 0, or -1 after raising VIR_ERR_INVALID_ARG when @cb is not
 * registered on @conn.  The last registration of a connection stops its
 * driver's watch.
 */
int
virDomainEventRemove(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    virDomainEventReg *reg;

    pthread_mutex_lock(&eventLock);
    for (reg = eventRegs; reg; reg = reg->next) {
        if (!reg->removed && reg->conn == conn && reg->cb == cb)
            break;
    }
    if (reg)
        reg->removed = true;
    pthread_mutex_unlock(&eventLock);
    if (!reg)
        return virReportError(conn, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                              "cannot deregister domain event callback: "
                              "not registered on this connection");
    virDomainEventRegRelease(NULL);
    if (!virDomainEventConnListens(conn) && conn->driver->domainEventStop)
        conn->driver->domainEventStop(conn);
    return 0;
}

/* Every registration of @conn goes; called before the driver closes. */
void
virDomainEventConnClosed(virConnectPtr conn)
{
    virDomainEventReg *reg;
    bool had = false;

    pthread_mutex_lock(&eventLock);
    for (reg = eventRegs; reg; reg = reg->next) {
        if (!reg->removed && reg->conn == conn) {
            reg->removed = true;
            had = true;
        }
    }
    pthread_mutex_unlock(&eventLock);
    if (!had)
        return;
    virDomainEventRegRelease(NULL);
    if (conn->driver && conn->driver->domainEventStop)
        conn->driver->domainEventStop(conn);
}

static bool
virDomainEventConnListens(virConnectPtr conn)
{
    virDomainEventReg *reg;
    bool found = false;

    pthread_mutex_lock(&eventLock);
    for (reg = eventRegs; reg && !found; reg = reg->next)
        found = !reg->removed && reg->conn == conn;
    pthread_mutex_unlock(&eventLock);
    return found;
}

/*
 * Drops a hold on @held (NULL: none), then unlinks every removed
 * registration nobody holds and calls its free callback, unlocked.
 */
static void
virDomainEventRegRelease(virDomainEventReg *held)
{
    virDomainEventReg *reg, **prev, *dead = NULL;

    pthread_mutex_lock(&eventLock);
    if (held)
        held->busy--;
    prev = &eventRegs;
    while ((reg = *prev)) {
        if (reg->removed && reg->busy == 0) {
            *prev = reg->next;
            reg->next = dead;
            dead = reg;
        } else {
            prev = &reg->next;
        }
    }
    pthread_mutex_unlock(&eventLock);
    while ((reg = dead)) {
        dead = reg->next;
        if (reg->freecb)
            reg->freecb(reg->opaque);
        free(reg);
    }
}

/* ----------------------------------------------------------- the queue */

void
virDomainEventQueue(void *scope, const char *name, const unsigned char *uuid,
                    int id, int event, int detail)
{
    virDomainEvent *ev;

    /* Nobody listens: nothing to keep. */
    pthread_mutex_lock(&eventLock);
    if (!eventRegs) {
        pthread_mutex_unlock(&eventLock);
        return;
    }
    pthread_mutex_unlock(&eventLock);
    if (!(ev = calloc(1, sizeof(*ev))) || !(ev->name = strdup(name))) {
        /* An event lost to a full memory is not the caller's failure. */
        free(ev);
        return;
    }
    ev->scope = scope;
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    ev->event = event;
    ev->detail = detail;
    pthread_mutex_lock(&eventLock);
    if (eventTail)
        eventTail->next = ev;
    else
        eventHead = ev;
    eventTail = ev;
    pthread_mutex_unlock(&eventLock);
}

/**
 * virDomainEventFlush:
 *
 * Tells every queued event to its callbacks, in order, including those
 * the callbacks cause.  A call from inside a callback returns at once:
 * the outer call goes on with what was queued meanwhile.  Leaves no last
 * error behind (callbacks' own failures are theirs).
 */
void
virDomainEventFlush(void)
{
    virDomainEvent *ev;
    bool told = false;

    if (eventDispatching)
        return;
    eventDispatching = true;
    for (;;) {
        pthread_mutex_lock(&eventLock);
        if ((ev = eventHead)) {
            eventHead = ev->next;
            if (!eventHead)
                eventTail = NULL;
        }
        pthread_mutex_unlock(&eventLock);
        if (!ev)
            break;
        virDomainEventDispatch(ev);
        free(ev->name);
        free(ev);
        told = true;
    }
    eventDispatching = false;
    if (told)
        virResetLastError();
}

static void
virDomainEventDispatch(virDomainEvent *ev)
{
    virDomainEventReg *reg, **held = NULL;
    size_t n = 0, i;
    virDomainPtr dom;

    pthread_mutex_lock(&eventLock);
    for (reg = eventRegs; reg; reg = reg->next)
        n += !reg->removed && reg->conn->privateData == ev->scope;
    if (n && (held = calloc(n, sizeof(*held)))) {
        n = 0;
        for (reg = eventRegs; reg; reg = reg->next) {
            if (!reg->removed && reg->conn->privateData == ev->scope) {
                reg->busy++;
                held[n++] = reg;
            }
        }
    } else {
        n = 0;
    }
    pthread_mutex_unlock(&eventLock);
    for (i = 0; i < n; i++) {
        reg = held[i];
        /* removed meanwhile (by an earlier callback): its conn may be
         * gone, so not even a handle */
        if (!reg->removed) {
            dom = virGetDomain(reg->conn, ev->name, ev->uuid, ev->id);
            if (dom) {
                reg->cb(reg->conn, dom, ev->event, ev->detail, reg->opaque);
                /* the handle is the callback's only for the call; a
                 * callback that freed it anyway is not a double free */
                if (virIsDomain(dom))
                    virDomainRelease(dom);
            }
        }
        virDomainEventRegRelease(reg);
    }
    free(held);
}

/* ------------------------------------------------------ the event loop */

/**
 * virEventRegisterImpl:
 * @addHandle: watch a file descriptor
 * @updateHandle: change what is watched
 * @removeHandle: stop watching
 * @addTimeout: start a timer
 * @updateTimeout: change a timer
 * @removeTimeout: stop a timer
 *
 * An extension with later libvirt's name and signature: lends the
 * library the program's event loop.  The Xen driver watches xenstore
 * through it for domain events.  Register it before the first
 * virConnectDomainEventRegister; the library never calls it otherwise.
 */
void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    pthread_mutex_lock(&eventLock);
    eventImpl.addHandle = addHandle;
    eventImpl.updateHandle = updateHandle;
    eventImpl.removeHandle = removeHandle;
    eventImpl.addTimeout = addTimeout;
    eventImpl.updateTimeout = updateTimeout;
    eventImpl.removeTimeout = removeTimeout;
    pthread_mutex_unlock(&eventLock);
}

bool
virEventHasImpl(void)
{
    bool has;

    pthread_mutex_lock(&eventLock);
    has = eventImpl.addHandle && eventImpl.removeHandle;
    pthread_mutex_unlock(&eventLock);
    return has;
}

int
virEventAddHandleInternal(int fd, int events, virEventHandleCallback cb,
                          void *opaque, virFreeCallback ff)
{
    virEventAddHandleFunc add;

    pthread_mutex_lock(&eventLock);
    add = eventImpl.addHandle;
    pthread_mutex_unlock(&eventLock);
    return add ? add(fd, events, cb, opaque, ff) : -1;
}

int
virEventRemoveHandleInternal(int watch)
{
    virEventRemoveHandleFunc rm;

    pthread_mutex_lock(&eventLock);
    rm = eventImpl.removeHandle;
    pthread_mutex_unlock(&eventLock);
    return rm ? rm(watch) : -1;
}
