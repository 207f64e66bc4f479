/*
 * connection.h: the hypervisor connection, opened in the agent's mode.
 */

#ifndef VIRTMIBD_CONNECTION_H
#define VIRTMIBD_CONNECTION_H

#include <libvirt/libvirt.h>

virConnectPtr agent_open(void);
void agent_close(virConnectPtr conn);
int connection_establish(void);

#endif /* VIRTMIBD_CONNECTION_H */
