/*
 * virt_mib.c: how VIRT-MIB encodes the snapshot model (memory in MiB,
 * the administrative state, cpumaps) and which library call a write of
 * virtDomainAdminState means.  No SNMP types: unit-tested directly.
 */

#include <config.h>

#include <string.h>

#include <limits.h>

#include <libvirt/libvirt.h>

#include "model/virt_mib.h"
#include "model/virt_oids.h"

static enum admin_action virt_mib_admin_step(const struct snap_domain *dom,
                                             long value);

/* Memory: KiB in the model, MiB in the MIB (see VIRT-MIB's description). */

unsigned long
virt_mib_kib_to_mib(unsigned long kib)
{
    unsigned long mib = kib / 1024;

    return mib > 0xFFFFFFFFUL ? 0xFFFFFFFFUL : mib;
}

/* Returns 0 and the KiB value, or -1 if it does not fit an unsigned long. */
int
virt_mib_mib_to_kib(unsigned long mib, unsigned long *kib)
{
    if (!kib || mib > ULONG_MAX / 1024)
        return -1;
    *kib = mib * 1024;
    return 0;
}

/* Administrative state */

int
virt_mib_admin_read(const struct snap_domain *dom)
{
    if (!dom || !snapshot_domain_active(dom))
        return ADMIN_SHUTDOWN;
    switch (dom->sd_state) {
    case VIR_DOMAIN_PAUSED:
        return ADMIN_PAUSED;
    case VIR_DOMAIN_SHUTDOWN:
    case VIR_DOMAIN_SHUTOFF:
    case VIR_DOMAIN_CRASHED:
        return ADMIN_SHUTDOWN;
    default:
        return ADMIN_RUNNING;
    }
}

/* The virtDomainState label of @dom's state, for messages. */
const char *
virt_mib_state_name(const struct snap_domain *dom)
{
    static const char *const names[] = {
        [VIR_DOMAIN_NOSTATE] = "nostate",   [VIR_DOMAIN_RUNNING] = "running",
        [VIR_DOMAIN_BLOCKED] = "blocked",   [VIR_DOMAIN_PAUSED] = "paused",
        [VIR_DOMAIN_SHUTDOWN] = "shutdown", [VIR_DOMAIN_SHUTOFF] = "shutoff",
        [VIR_DOMAIN_CRASHED] = "crashed",
    };

    if (!dom || dom->sd_state < 0 ||
        (size_t)dom->sd_state >= sizeof(names) / sizeof(*names))
        return "unknown";
    return names[dom->sd_state];
}

/**
 * virt_mib_admin_plan:
 * @dom: the row being written
 * @value: the value written to virtDomainAdminState
 *
 * Returns the library call the write means, ADMIN_ACT_NONE when the
 * domain is already there, or why the write must be refused.
 */
enum admin_action
virt_mib_admin_plan(const struct snap_domain *dom, long value)
{
    enum admin_action act;

    if (value < ADMIN_RUNNING || value > ADMIN_DESTROY)
        return ADMIN_ACT_WRONG_VALUE;
    if (!dom)
        return ADMIN_ACT_INCONSISTENT;
    act = virt_mib_admin_step(dom, value);
    /* Domain-0 is the host: it may only stay as it is. */
    if (snapshot_domain_active(dom) && dom->sd_id == 0 && act != ADMIN_ACT_NONE)
        return ADMIN_ACT_INCONSISTENT;
    return act;
}

/**
 * virt_mib_admin_final:
 * @act: a planned action
 *
 * Returns 1 when @act cannot be undone (shutdown, reboot, destroy): the
 * agent then takes it only as the single varbind of its SET.
 */
int
virt_mib_admin_final(enum admin_action act)
{
    return act == ADMIN_ACT_SHUTDOWN || act == ADMIN_ACT_REBOOT ||
           act == ADMIN_ACT_DESTROY;
}

/* The library call that takes @dom to @value (a valid enumeration). */
static enum admin_action
virt_mib_admin_step(const struct snap_domain *dom, long value)
{
    int active = snapshot_domain_active(dom);
    int state = dom->sd_state;

    switch (value) {
    case ADMIN_RUNNING:
        if (!active)
            return ADMIN_ACT_CREATE;
        if (state == VIR_DOMAIN_PAUSED)
            return ADMIN_ACT_RESUME;
        if (state == VIR_DOMAIN_SHUTDOWN || state == VIR_DOMAIN_CRASHED)
            return ADMIN_ACT_INCONSISTENT;
        return ADMIN_ACT_NONE;
    case ADMIN_PAUSED:
        if (!active || state == VIR_DOMAIN_SHUTDOWN ||
            state == VIR_DOMAIN_CRASHED)
            return ADMIN_ACT_INCONSISTENT;
        return state == VIR_DOMAIN_PAUSED ? ADMIN_ACT_NONE : ADMIN_ACT_SUSPEND;
    case ADMIN_SHUTDOWN:
        if (!active)
            return ADMIN_ACT_NONE;
        return ADMIN_ACT_SHUTDOWN;
    case ADMIN_REBOOT:
        if (!active || state == VIR_DOMAIN_CRASHED)
            return ADMIN_ACT_INCONSISTENT;
        return ADMIN_ACT_REBOOT;
    default: /* ADMIN_DESTROY */
        return active ? ADMIN_ACT_DESTROY : ADMIN_ACT_INCONSISTENT;
    }
}

/* Cpumaps, libvirt byte order: CPU n is bit (n % 8) of octet n / 8. */

int
virt_mib_cpumap_has(const unsigned char *map, size_t len, unsigned int cpu)
{
    if (!map || cpu / 8 >= len)
        return 0;
    return (map[cpu / 8] >> (cpu % 8)) & 1;
}

enum cpumap_check
virt_mib_cpumap_check(const unsigned char *map, size_t len,
                      unsigned int maxcpus)
{
    size_t i;
    int any = 0;

    if (!map || maxcpus == 0 || len != (size_t)VIR_CPU_MAPLEN(maxcpus))
        return CPUMAP_WRONG_LENGTH;
    for (i = 0; i < len * 8; i++) {
        if (!virt_mib_cpumap_has(map, len, (unsigned int)i))
            continue;
        if (i >= maxcpus)
            return CPUMAP_WRONG_VALUE;
        any = 1;
    }
    return any ? CPUMAP_OK : CPUMAP_WRONG_VALUE;
}

/* Range checks of the other writable objects */

/* Whether @value is a virtDomainVcpus the MIB allows (1..65535). */
int
virt_mib_vcpus_valid(long value)
{
    return value >= 1 && value <= 65535;
}

/*
 * Whether the hypervisor of type @hvtype (virConnectGetType) resizes the
 * maximum memory of a running domain.  libvir's drivers do (the 2006
 * semantics); of libvirt's, only the Xen (libxl) driver does: QEMU, LXC
 * and the test driver refuse it ("cannot resize the maximum memory on an
 * active domain"), so the agent refuses it in RESERVE1 rather than fail
 * in ACTION.
 */
int
virt_mib_live_maxmem(const char *hvtype)
{
#ifdef WITH_SYSTEM_LIBVIRT
    return hvtype && strcmp(hvtype, "Xen") == 0;
#else
    (void)hvtype;
    return 1;
#endif
}

/* Whether @value is a TruthValue: true(1) or false(2). */
int
virt_mib_truth_valid(long value)
{
    return value == TV_TRUE || value == TV_FALSE;
}
