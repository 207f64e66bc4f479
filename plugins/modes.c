/*
 * modes.c: the checks of one domain's row (state, memory, vcpus) and
 * the host summary, each filling a vm_result.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check_virtmib.h"
#include "oids.h"

#define HOST_MAX_DOMAINS 4096

struct host_rows {
    size_t n;
    unsigned long index[HOST_MAX_DOMAINS];
    int state[HOST_MAX_DOMAINS];
};

static int host_state_cb(unsigned long index, const struct vm_value *v,
                         void *arg);
static void host_count(const struct vm_opts *o, const struct host_rows *h,
                       struct vm_result *r);

static const char *const count_labels[] = {
    [VM_COUNT_CRASHED] = "crashed",
    [VM_COUNT_PAUSED] = "paused",
    [VM_COUNT_SHUTOFF] = "shutoff",
};

static const int count_states[] = {
    [VM_COUNT_CRASHED] = VM_CRASHED,
    [VM_COUNT_PAUSED] = VM_PAUSED,
    [VM_COUNT_SHUTOFF] = VM_SHUTOFF,
};

/* The status the options give the domain's state. */
void
vm_mode_state(const struct vm_opts *o, const struct vm_domain *d,
              struct vm_result *r)
{
    int s = d->state >= 0 && d->state < VM_NSTATES ? d->state : VM_NOSTATE;

    vm_raise(r, (enum vm_status)o->state_level[s]);
    vm_text(r, "%s is %s", d->name, vm_state_name(d->state));
    vm_perf(r, "state", d->state, NULL, NULL, NULL, "0", "7");
}

/* Memory in MiB, or in percent of the maximum with --percent. */
void
vm_mode_memory(const struct vm_opts *o, const struct vm_domain *d,
               struct vm_result *r)
{
    double pct = d->maxmem ? 100.0 * (double)d->mem / (double)d->maxmem : 0;
    char max[32];

    snprintf(max, sizeof(max), "%lu", d->maxmem);
    if (o->percent) {
        vm_raise(r, vm_range_check(&o->warn, &o->crit, pct));
        vm_text(r, "%s uses %.1f%% of its memory (%lu of %lu MiB)", d->name,
                pct, d->mem, d->maxmem);
        vm_perf(r, "memory_pct", pct, "%", &o->warn, &o->crit, "0", "100");
        vm_perf(r, "memory", (double)d->mem, "MB", NULL, NULL, "0", max);
        return;
    }
    vm_raise(r, vm_range_check(&o->warn, &o->crit, (double)d->mem));
    vm_text(r, "%s uses %lu MiB of memory (maximum %lu MiB)", d->name, d->mem,
            d->maxmem);
    vm_perf(r, "memory", (double)d->mem, "MB", &o->warn, &o->crit, "0", max);
}

void
vm_mode_vcpus(const struct vm_opts *o, const struct vm_domain *d,
              struct vm_result *r)
{
    vm_raise(r, vm_range_check(&o->warn, &o->crit, (double)d->vcpus));
    vm_text(r, "%s has %lu vcpu%s", d->name, d->vcpus,
            d->vcpus == 1 ? "" : "s");
    vm_perf(r, "vcpus", (double)d->vcpus, NULL, &o->warn, &o->crit, "0", NULL);
}

/* Keeps each row's state. */
static int
host_state_cb(unsigned long index, const struct vm_value *v, void *arg)
{
    struct host_rows *h = arg;

    if (h->n == HOST_MAX_DOMAINS) {
        return 1;
    }
    h->index[h->n] = index;
    h->state[h->n] = v->missing ? VM_NOSTATE : (int)v->num;
    h->n++;
    return 0;
}

/* The counts, their thresholds and their perfdata. */
static void
host_count(const struct vm_opts *o, const struct host_rows *h,
           struct vm_result *r)
{
    size_t n[VM_NCOUNTS] = { 0 };
    size_t running = 0;
    size_t i;
    int k;

    for (i = 0; i < h->n; i++) {
        running += h->state[i] == VM_RUNNING || h->state[i] == VM_BLOCKED;
        for (k = 0; k < VM_NCOUNTS; k++) {
            n[k] += h->state[i] == count_states[k];
        }
    }
    vm_text(r,
            "%zu domains: %zu running, %zu crashed, %zu paused, "
            "%zu shut off",
            h->n, running, n[VM_COUNT_CRASHED], n[VM_COUNT_PAUSED],
            n[VM_COUNT_SHUTOFF]);
    vm_perf(r, "domains", (double)h->n, NULL, NULL, NULL, "0", NULL);
    vm_perf(r, "running", (double)running, NULL, NULL, NULL, "0", NULL);
    for (k = 0; k < VM_NCOUNTS; k++) {
        vm_raise(r, vm_range_check(&o->count_warn[k], &o->count_crit[k],
                                   (double)n[k]));
        vm_perf(r, count_labels[k], (double)n[k], NULL, &o->count_warn[k],
                &o->count_crit[k], "0", NULL);
    }
}

/*
 * The host summary: every row's state counted, CRITICAL when the agent
 * says its data is stale.  0, or -1 with the SNMP error set.
 */
int
vm_mode_host(const struct vm_opts *o, struct vm_snmp *s, struct vm_result *r)
{
    static const unsigned long state_col[] = { VM_OID_DOMAIN_COL(
        VM_COL_STATE) };
    static struct host_rows h;
    int stale;

    if (vm_node_stale(s, &stale) < 0 ||
        vm_snmp_walk(s, state_col, VM_OID_DOMAIN_COL_LEN, host_state_cb, &h) <
            0) {
        return -1;
    }
    if (stale) {
        vm_raise(r, VM_CRITICAL);
        vm_text(r, "the agent cannot read the hypervisor (virtNodeStale), "
                   "last known: ");
    }
    host_count(o, &h, r);
    return 0;
}
