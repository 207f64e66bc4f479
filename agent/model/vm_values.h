/*
 * vm_values.h: the values of VM-MIB's (RFC 7666) hypervisor scalars,
 * vmTable and cpu tables that the snapshot does not hold as such: times
 * on the host's uptime clock, memory in a unit that fits Integer32, the
 * dotted version, the physical cpu numbers.  Free of SNMP types.
 */

#ifndef VIRTMIBD_VM_VALUES_H
#define VIRTMIBD_VM_VALUES_H

#include <stddef.h>

#include "model/snapshot.h"

/*
 * net-snmp's hrDeviceIndex of processor 0: HRDEV_PROC (3) shifted by
 * HRDEV_TYPE_SHIFT, 16 in net-snmp 5.9 (hrProcessorTable starts at
 * 196608 there; it was 8, hence 768, in old releases).
 */
#define VM_HR_PROC_BASE (3U << 16)

/* the largest unit of vmMemUnit: 1024 << VM_MEM_SHIFT_MAX bytes (GiB) */
#define VM_MEM_SHIFT_MAX 20

/* A domain's memory in VM-MIB: vmMemUnit (bytes), vmCurMem, vmMaxMem. */
struct vm_memory {
    long vm_unit;
    long vm_cur;
    long vm_max;
};

unsigned long long vm_values_host_uptime(void);
void vm_values_carry(struct snapshot *snap, const struct snapshot *old,
                     unsigned long long now);
unsigned long vm_values_uptime(const struct snap_domain *dom,
                               unsigned long long now);
unsigned long vm_values_ticks(unsigned long long cs);
void vm_values_memory(const struct snap_domain *dom, struct vm_memory *mem);
int vm_values_version(unsigned long version, char *buf, size_t len);
long vm_values_max_cpus(const struct snap_domain *dom);
unsigned int vm_values_phys_index(unsigned int cpu);
unsigned int vm_values_phys_cpu(unsigned int phys);
int vm_values_affinity(const struct snap_vcpu *vcpu, int maplen,
                       unsigned int cpu);

#endif /* VIRTMIBD_VM_VALUES_H */
