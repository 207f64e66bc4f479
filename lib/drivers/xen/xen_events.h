/*
 * xen_events.h: domain events of the Xen driver, from xenstore watches.
 */

#ifndef VIR_XEN_EVENTS_H
#define VIR_XEN_EVENTS_H

#include "internal.h"

int xenEventStart(virConnectPtr conn);
void xenEventStop(virConnectPtr conn);

#endif /* VIR_XEN_EVENTS_H */
