/*
 * vm_mib.h: VM-MIB's (RFC 7666) value encoding over the snapshot model,
 * free of SNMP types so the unit tests can reach them.  VM-MIB is a
 * second, read-only view of the same snapshot VIRT-MIB serves.
 */

#ifndef VIRTMIBD_VM_MIB_H
#define VIRTMIBD_VM_MIB_H

#include "model/snapshot.h"

int vm_mib_oper_state(int state);
int vm_mib_domain_oper(const struct snap_domain *dom);
int vm_mib_admin_state(const struct snap_domain *dom);
int vm_mib_persistent(enum snap_persistence p);
int vm_mib_autostart(int autostart);
unsigned long long vm_mib_usec(unsigned long long nsec);

#endif /* VIRTMIBD_VM_MIB_H */
