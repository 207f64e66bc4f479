/*
 * events.h: domain events into net-snmp's loop.
 */

#ifndef VIRTMIBD_EVENTS_H
#define VIRTMIBD_EVENTS_H

#include <libvirt/libvirt.h>

/* What an event asks of its owner (the runtime's start passes these):
 * events.c itself knows nothing of the snapshot. */
struct agent_events_sink {
    void (*es_refresh)(void);                             /* the whole host */
    void (*es_refresh_domain)(const unsigned char *uuid); /* one domain */
    void (*es_sync)(void); /* do what was asked, now */
    /* the domain's devices may have changed; or NULL */
    void (*es_devices)(const unsigned char *uuid);
};

void agent_events_init(const struct agent_events_sink *sink);
void agent_events_shutdown(void);
void agent_events_attach(virConnectPtr conn);
void agent_events_detach(virConnectPtr conn);

#endif /* VIRTMIBD_EVENTS_H */
