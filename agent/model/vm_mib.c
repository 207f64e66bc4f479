/*
 * vm_mib.c: how the snapshot's libvirt values read in VM-MIB (RFC 7666):
 * the operational and administrative states, persistence and times.
 */

#include <config.h>

#include <libvirt/libvirt.h>

#include "model/vm_mib.h"
#include "model/vm_oids.h"

/**
 * vm_mib_oper_state:
 * @state: a virDomainState, or SNAP_STATE_ABSENT
 *
 * Returns the VirtualMachineOperState for @state.  blocked is running to
 * VM-MIB (the guest is scheduled when it has work); shutdown (on its way
 * down) is shuttingdown(10), shutoff is shutdown(11).  libvirt's API
 * reports no suspending, suspended, resuming, preparing or migrating
 * state, so those values never appear.  A state this code does not know
 * is other(2); no state, or no domain, is unknown(1).
 */
int
vm_mib_oper_state(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
        return VM_OPER_RUNNING;
    case VIR_DOMAIN_PAUSED:
        return VM_OPER_PAUSED;
    case VIR_DOMAIN_SHUTDOWN:
        return VM_OPER_SHUTTINGDOWN;
    case VIR_DOMAIN_SHUTOFF:
        return VM_OPER_SHUTDOWN;
    case VIR_DOMAIN_CRASHED:
        return VM_OPER_CRASHED;
    case VIR_DOMAIN_NOSTATE:
    case SNAP_STATE_ABSENT:
        return VM_OPER_UNKNOWN;
    default:
        return VM_OPER_OTHER;
    }
}

/* The operational state of @dom: an inactive domain is shut down. */
int
vm_mib_domain_oper(const struct snap_domain *dom)
{
    if (!dom)
        return VM_OPER_UNKNOWN;
    if (!snapshot_domain_active(dom))
        return VM_OPER_SHUTDOWN;
    return vm_mib_oper_state(dom->sd_state);
}

/**
 * vm_mib_admin_state:
 * @dom: a domain of the snapshot
 *
 * Returns the VirtualMachineAdminState: what the domain is meant to be.
 * A paused domain is paused(3); one that is shutting down, shut off,
 * crashed or inactive is shutdown(4); any other active one running(1).
 * It agrees with virtDomainAdminState of VIRT-MIB.
 */
int
vm_mib_admin_state(const struct snap_domain *dom)
{
    if (!dom || !snapshot_domain_active(dom))
        return VM_ADMIN_SHUTDOWN;
    switch (dom->sd_state) {
    case VIR_DOMAIN_PAUSED:
        return VM_ADMIN_PAUSED;
    case VIR_DOMAIN_SHUTDOWN:
    case VIR_DOMAIN_SHUTOFF:
    case VIR_DOMAIN_CRASHED:
        return VM_ADMIN_SHUTDOWN;
    default:
        return VM_ADMIN_RUNNING;
    }
}

/* VirtualMachinePersistent for the snapshot's persistence. */
int
vm_mib_persistent(enum snap_persistence p)
{
    switch (p) {
    case SNAP_PERSISTENT:
        return VM_PERSISTENT_PERSISTENT;
    case SNAP_TRANSIENT:
        return VM_PERSISTENT_TRANSIENT;
    default:
        return VM_PERSISTENT_UNKNOWN;
    }
}

/* VirtualMachineAutoStart for the snapshot's autostart (1, 0, -1). */
int
vm_mib_autostart(int autostart)
{
    if (autostart < 0)
        return VM_AUTOSTART_UNKNOWN;
    return autostart ? VM_AUTOSTART_ENABLED : VM_AUTOSTART_DISABLED;
}

/* Nanoseconds (the API) to microseconds (VM-MIB's Counter64s).  Both are
 * 64 bits wide, so the microsecond counter wraps 1000 times later than
 * the nanosecond one, never sooner. */
unsigned long long
vm_mib_usec(unsigned long long nsec)
{
    return nsec / 1000;
}
