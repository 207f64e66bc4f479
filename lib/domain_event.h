/*
 * domain_event.h: domain event callbacks, their queue and the event loop
 * a program registers (virEventRegisterImpl), for the drivers.
 */

#ifndef VIR_DOMAIN_EVENT_H
#define VIR_DOMAIN_EVENT_H

#include <stdbool.h>

#include "internal.h"

/* Registrations, for the public layer. */
int virDomainEventAdd(virConnectPtr conn, virConnectDomainEventCallback cb,
                      void *opaque, virFreeCallback freecb);
int virDomainEventRemove(virConnectPtr conn, virConnectDomainEventCallback cb);
void virDomainEventConnClosed(virConnectPtr conn);
void virDomainEventFlush(void);

/*
 * For drivers: queue the event of domain @name/@uuid/@id for every
 * callback of every connection whose privateData is @scope (a test node
 * is shared by its connections; a Xen connection is its own scope).  The
 * public layer dispatches the queue once the driver call has returned.
 */
void virDomainEventQueue(void *scope, const char *name,
                         const unsigned char *uuid, int id, int event,
                         int detail);

/* The registered event loop; -1 (nothing raised) without one. */
bool virEventHasImpl(void);
int virEventAddHandleInternal(int fd, int events, virEventHandleCallback cb,
                              void *opaque, virFreeCallback ff);
int virEventRemoveHandleInternal(int watch);

#endif /* VIR_DOMAIN_EVENT_H */
