/*
 * mib_groups.h: the entry points of VIRT-MIB's net-snmp groups, one
 * block per file.  Each group registers its subtree in init_<file>() and
 * takes it back in shutdown_<file>(); the runtime's start and stop call
 * them in that order and its reverse.
 */

#ifndef VIRTMIBD_MIB_GROUPS_H
#define VIRTMIBD_MIB_GROUPS_H

#include "model/snapshot.h"

/* node_scalars.c: virtNode */
void init_node_scalars(void);
void shutdown_node_scalars(void);

/* domain_table.c: virtDomainTable */
void init_domain_table(void);
void shutdown_domain_table(void);

/* vcpu_table.c: virtVcpuTable */
void init_vcpu_table(void);
void shutdown_vcpu_table(void);

/* vm_storage.c: VM-MIB's vmStorageTable */
void init_vm_storage(void);
void shutdown_vm_storage(void);

/* vm_network.c: VM-MIB's vmNetworkTable */
void init_vm_network(void);
void shutdown_vm_network(void);

/* notifications.c: virtNotifications */
void init_notifications(void);
void shutdown_notifications(void);
void notifications_send(const struct snapshot *old_snap,
                        const struct snapshot *new_snap);
void notifications_domain_changed(const struct snap_domain *old_dom,
                                  const struct snap_domain *new_dom);
void notifications_expect_destroy(const unsigned char *uuid);
void notifications_forget_destroys(void);

/* vm_scalars.c: VM-MIB's vmHypervisor, vmNumber, vmTableLastChange */
void init_vm_scalars(void);
void shutdown_vm_scalars(void);

/* vm_table.c: VM-MIB's vmTable */
void init_vm_table(void);
void shutdown_vm_table(void);

/* vm_cpu_table.c: VM-MIB's vmCpuTable */
void init_vm_cpu_table(void);
void shutdown_vm_cpu_table(void);

/* vm_affinity_table.c: VM-MIB's vmCpuAffinityTable */
void init_vm_affinity_table(void);
void shutdown_vm_affinity_table(void);

/* vm_notifications.c: VM-MIB's notifications and their switches */
void init_vm_notifications(void);
void shutdown_vm_notifications(void);
void vm_notifications_threshold(int n);
void vm_notifications_host_changed(const struct snapshot *old_snap,
                                   const struct snapshot *new_snap);
void vm_notifications_domain_changed(const struct snap_domain *old_dom,
                                     const struct snap_domain *new_dom);
void vm_notifications_read_done(void);

#endif /* VIRTMIBD_MIB_GROUPS_H */
