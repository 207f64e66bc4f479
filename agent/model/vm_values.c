/*
 * vm_values.c: VM-MIB's times, memory units, versions and physical cpu
 * numbers, read from the snapshot and the host's clock.
 */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "model/vm_oids.h"
#include "model/vm_values.h"

static void vm_values_carry_one(struct snap_domain *sd,
                                const struct snap_domain *old,
                                unsigned long long now);
static long vm_values_clamp(unsigned long value);

/* Times */

/**
 * vm_values_host_uptime:
 *
 * Returns the centiseconds since the host booted (CLOCK_BOOTTIME, which
 * counts a suspend too), or 0 if the clock cannot be read.  On Xen dom0
 * boots with the hypervisor, so this is the hypervisor's uptime too; the
 * test driver's simulated host lives on the same machine.
 */
unsigned long long
vm_values_host_uptime(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_BOOTTIME, &ts) < 0)
        return 0;
    return (unsigned long long)ts.tv_sec * 100 +
           (unsigned long long)ts.tv_nsec / 10000000;
}

/**
 * vm_values_carry:
 * @snap: a snapshot just taken, changed in place
 * @old: the snapshot it replaces (an empty one before the first read)
 * @now: the host's uptime (cs), vm_values_host_uptime()
 *
 * Carries each active domain's start time over from @old while it stays
 * active under the same id; a domain found newly active (or with a new
 * id: it was restarted between two reads) started at @now.  The driver
 * cannot say when a domain already running at the first read started,
 * so that is the agent's first sight.  ss_rows_changed becomes @now when
 * the set of indexes differs from @old's, else keeps @old's.
 */
void
vm_values_carry(struct snapshot *snap, const struct snapshot *old,
                unsigned long long now)
{
    size_t i = 0, j = 0;
    int changed = 0;
    const struct snap_domain *o;

    if (!snap || !old)
        return;
    for (j = 0; j < snap->ss_ndomains; j++) {
        struct snap_domain *sd = &snap->ss_domains[j];

        while (i < old->ss_ndomains &&
               old->ss_domains[i].sd_index < sd->sd_index) {
            changed = 1; /* a row gone */
            i++;
        }
        o = NULL;
        if (i < old->ss_ndomains && old->ss_domains[i].sd_index == sd->sd_index)
            o = &old->ss_domains[i++];
        else
            changed = 1; /* a new row */
        vm_values_carry_one(sd, o, now);
    }
    if (i < old->ss_ndomains)
        changed = 1;
    snap->ss_rows_changed = changed ? now : old->ss_rows_changed;
}

static void
vm_values_carry_one(struct snap_domain *sd, const struct snap_domain *old,
                    unsigned long long now)
{
    if (!snapshot_domain_active(sd))
        sd->sd_started = 0;
    else if (old && snapshot_domain_active(old) && old->sd_id == sd->sd_id)
        sd->sd_started = old->sd_started;
    else
        sd->sd_started = now;
}

/* vmUpTime: the TimeTicks since @dom started, 0 when it is not active. */
unsigned long
vm_values_uptime(const struct snap_domain *dom, unsigned long long now)
{
    if (!snapshot_domain_active(dom) || now < dom->sd_started)
        return 0;
    return vm_values_ticks(now - dom->sd_started);
}

/* Centiseconds as TimeTicks, which count modulo 2^32 (about 497 days). */
unsigned long
vm_values_ticks(unsigned long long cs)
{
    return (unsigned long)(cs & 0xffffffffULL);
}

/* Memory */

/**
 * vm_values_memory:
 * @dom: a domain of the snapshot
 * @mem: filled with vmMemUnit, vmCurMem and vmMaxMem
 *
 * The unit is KiB (1024) unless the larger of the two sizes would not
 * fit Integer32 (2 TiB and more); it then doubles until it fits, up to
 * GiB, beyond which the values are clamped at 2^31-1.  The values are
 * rounded down to the unit.
 */
void
vm_values_memory(const struct snap_domain *dom, struct vm_memory *mem)
{
    unsigned long most = dom->sd_maxmem;
    unsigned int shift = 0;

    if (dom->sd_memory > most)
        most = dom->sd_memory;
    while (shift < VM_MEM_SHIFT_MAX && (most >> shift) > INT32_MAX)
        shift++;
    mem->vm_unit = 1024L << shift;
    mem->vm_cur = vm_values_clamp(dom->sd_memory >> shift);
    mem->vm_max = vm_values_clamp(dom->sd_maxmem >> shift);
}

static long
vm_values_clamp(unsigned long value)
{
    return value > INT32_MAX ? INT32_MAX : (long)value;
}

/* Versions and cpus */

/**
 * vm_values_version:
 * @version: major * 1,000,000 + minor * 1,000 + release, as the API has it
 * @buf: where the dotted form goes ("4.17.0")
 * @len: its size
 *
 * Returns 0, or -1 if @buf is too small.
 */
int
vm_values_version(unsigned long version, char *buf, size_t len)
{
    int n;

    n = snprintf(buf, len, "%lu.%lu.%lu", version / 1000000,
                 version / 1000 % 1000, version % 1000);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* vmMaxCpuNumber: virDomainGetMaxVcpus() while active; an inactive
 * domain, or a driver that cannot tell, has the vcpus it is given. */
long
vm_values_max_cpus(const struct snap_domain *dom)
{
    if (dom->sd_maxvcpus > 0)
        return dom->sd_maxvcpus > INT32_MAX ? INT32_MAX
                                            : (long)dom->sd_maxvcpus;
    return dom->sd_nrvcpu > INT32_MAX ? INT32_MAX : (long)dom->sd_nrvcpu;
}

/* vmCpuPhysIndex of physical cpu @cpu: net-snmp's hrDeviceIndex for it. */
unsigned int
vm_values_phys_index(unsigned int cpu)
{
    return VM_HR_PROC_BASE + cpu;
}

/* The first physical cpu whose vmCpuPhysIndex is @phys or more. */
unsigned int
vm_values_phys_cpu(unsigned int phys)
{
    return phys < VM_HR_PROC_BASE ? 0 : phys - VM_HR_PROC_BASE;
}

/* vmCpuAffinity of @vcpu for physical cpu @cpu, from its cpumap of
 * @maplen bytes (libvirt order: cpu 0 is bit 0 of byte 0). */
int
vm_values_affinity(const struct snap_vcpu *vcpu, int maplen, unsigned int cpu)
{
    if (!vcpu->sv_cpumap || cpu / 8 >= (unsigned int)maplen)
        return VM_AFFINITY_UNKNOWN;
    if (vcpu->sv_cpumap[cpu / 8] & (1U << (cpu % 8)))
        return VM_AFFINITY_ENABLE;
    return VM_AFFINITY_DISABLE;
}
