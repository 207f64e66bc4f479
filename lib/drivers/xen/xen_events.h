/*
 * xen_events.h: domain events of the Xen driver, from xenstore watches.
 */

#ifndef VIR_XEN_EVENTS_H
#define VIR_XEN_EVENTS_H

#include "internal.h"

int xenEventStart(virConnectPtr conn);
void xenEventStop(virConnectPtr conn);
/* Queues @event about @dom, for a change this connection made */
void xenEventTellDomain(virDomainPtr dom, int event, int detail);

#endif /* VIR_XEN_EVENTS_H */
