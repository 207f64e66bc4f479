/*
 * virt_mib.h: VIRT-MIB's value encoding and SET planning over the
 * snapshot model, free of SNMP types so the unit tests can reach them.
 */

#ifndef VIRTMIBD_VIRT_MIB_H
#define VIRTMIBD_VIRT_MIB_H

#include <stddef.h>

#include "model/snapshot.h"

/* What writing virtDomainAdminState asks of the library. */
enum admin_action {
    ADMIN_ACT_NONE = 0, /* already in that state */
    ADMIN_ACT_RESUME,
    ADMIN_ACT_CREATE,
    ADMIN_ACT_SUSPEND,
    ADMIN_ACT_SHUTDOWN,
    ADMIN_ACT_REBOOT,
    ADMIN_ACT_DESTROY,
    ADMIN_ACT_WRONG_VALUE, /* not a value of the enumeration */
    ADMIN_ACT_INCONSISTENT /* not allowed from the current state */
};

/* Outcome of checking a cpumap written to virtVcpuAffinity. */
enum cpumap_check { CPUMAP_OK = 0, CPUMAP_WRONG_LENGTH, CPUMAP_WRONG_VALUE };

unsigned long virt_mib_kib_to_mib(unsigned long kib);
int virt_mib_mib_to_kib(unsigned long mib, unsigned long *kib);
int virt_mib_admin_read(const struct snap_domain *dom);
const char *virt_mib_state_name(const struct snap_domain *dom);
enum admin_action virt_mib_admin_plan(const struct snap_domain *dom,
                                      long value);
int virt_mib_admin_final(enum admin_action act);
enum cpumap_check virt_mib_cpumap_check(const unsigned char *map, size_t len,
                                        unsigned int maxcpus);
int virt_mib_cpumap_has(const unsigned char *map, size_t len, unsigned int cpu);
int virt_mib_vcpus_valid(long value);
int virt_mib_live_maxmem(const char *hvtype);
int virt_mib_truth_valid(long value);

#endif /* VIRTMIBD_VIRT_MIB_H */
