/*
 * libvirt_event.c: the public entry points of libvir for domain events:
 * registering callbacks on a connection.  The queue and its dispatch,
 * and virEventRegisterImpl() that lends the library the program's event
 * loop, are domain_event.c.
 */

#include <config.h>

#include "domain_event.h"
#include "internal.h"
#include "dispatch.h"

/* ------------------------------------------------------ domain events */

/**
 * virConnectDomainEventRegister:
 * @conn: pointer to the hypervisor connection
 * @cb: called once per domain life-cycle event
 * @opaque: passed to @cb
 * @freecb: called with @opaque when @cb is deregistered (may be NULL)
 *
 * An extension with later libvirt's name and signature.  @cb gets a
 * domain handle that is valid during the call only (the library frees
 * it), the event (virDomainEventType) and its detail.  It runs after the
 * call that caused the event returns, in the caller's thread, or from
 * the event loop registered with virEventRegisterImpl for changes made
 * outside the library (Xen); it may call the library, but must not close
 * @conn.  A read-only connection may register.
 *
 * Returns 0 in case of success, -1 in case of error (@cb NULL or already
 * registered on @conn; VIR_ERR_NO_SUPPORT when the driver needs an event
 * loop and none is registered).
 */
int
virConnectDomainEventRegister(virConnectPtr conn,
                              virConnectDomainEventCallback cb, void *opaque,
                              virFreeCallback freecb)
{
    unsigned long serial;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, cb != NULL, __func__, "callback is NULL"))
        return -1;
    serial = virErrorSerial();
    if (virDomainEventAdd(conn, cb, opaque, freecb) < 0)
        return virConnectFailed(conn, serial, __func__);
    return 0;
}

/**
 * virConnectDomainEventDeregister:
 * @conn: pointer to the hypervisor connection
 * @cb: a callback registered on @conn
 *
 * Removes @cb; its free callback, if any, runs once @cb is not running.
 *
 * Returns 0 in case of success, -1 in case of error (@cb not registered).
 */
int
virConnectDomainEventDeregister(virConnectPtr conn,
                                virConnectDomainEventCallback cb)
{
    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, cb != NULL, __func__, "callback is NULL"))
        return -1;
    return virDomainEventRemove(conn, cb);
}
