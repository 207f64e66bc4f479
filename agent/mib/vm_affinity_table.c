/*
 * vm_affinity_table.c: VM-MIB's vmCpuAffinityTable, indexed by (vmIndex,
 * vmCpuIndex, vmCpuPhysIndex), read-only: one row for each vcpu of a
 * running domain and each physical cpu of the host, enable or disable
 * from the vcpu's cpumap.  vmCpuPhysIndex is net-snmp's hrDeviceIndex of
 * the processor (196608 + cpu, vm_values_phys_index()).
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/vm_oids.h"
#include "model/vm_values.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

static const oid vm_affinity_entry_oid[] = { VM_AFFINITY_ENTRY };

static const char *const vm_affinity_col_names[] = {
    [VM_AFFINITY_COL_PHYS] = "vmCpuPhysIndex",
    [VM_AFFINITY_COL_AFFINITY] = "vmCpuAffinity",
};

static int vm_affinity_table_locate(const unsigned int *idx, size_t nidx,
                                    enum snap_lookup how, struct mib_row *row);
static const struct snap_vcpu *
vm_affinity_table_vcpu(const unsigned int *idx, size_t nidx,
                       enum snap_lookup how, const struct snap_domain **dom);
static int vm_affinity_table_value(netsnmp_variable_list *vb,
                                   const struct mib_row *row, unsigned int col);

static struct mib_group vm_affinity_group = {
    .mg_name = "vmCpuAffinityTable",
    .mg_base = vm_affinity_entry_oid,
    .mg_baselen = OID_LENGTH(vm_affinity_entry_oid),
    .mg_firstcol = VM_AFFINITY_COL_AFFINITY,
    .mg_lastcol = VM_AFFINITY_COL_AFFINITY,
    .mg_nidx = 3,
    .mg_names = vm_affinity_col_names,
    .mg_nnames = sizeof(vm_affinity_col_names) / sizeof(*vm_affinity_col_names),
    .mg_nocreation = "no such vcpu and physical cpu",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_locate = vm_affinity_table_locate,
    .mg_value = vm_affinity_table_value,
};

void
init_vm_affinity_table(void)
{
    mib_group_register(&vm_affinity_group);
}

void
shutdown_vm_affinity_table(void)
{
    mib_group_unregister(&vm_affinity_group);
}

/*
 * The row (vcpu, physical cpu) at or after @idx.  GETNEXT tries the
 * next physical cpu of the vcpu @idx names, then the first physical cpu
 * of the next vcpu.
 */
static int
vm_affinity_table_locate(const unsigned int *idx, size_t nidx,
                         enum snap_lookup how, struct mib_row *row)
{
    unsigned int ncpus = agent.as_snap->ss_node.sn_maxcpus;
    const struct snap_vcpu *vcpu;
    unsigned int cpu = 0;

    if (how == SNAP_EXACT) {
        if (nidx != 3 || idx[2] < vm_values_phys_index(0))
            return -1;
        cpu = vm_values_phys_cpu(idx[2]);
        vcpu = vm_affinity_table_vcpu(idx, 2, SNAP_EXACT, &row->mr_dom);
    } else {
        vcpu = vm_affinity_table_vcpu(idx, nidx, SNAP_EXACT, &row->mr_dom);
        if (vcpu && nidx == 3 && idx[2] >= vm_values_phys_index(0))
            cpu = vm_values_phys_cpu(idx[2]) + 1;
        if (!vcpu || cpu >= ncpus) {
            cpu = 0;
            vcpu = vm_affinity_table_vcpu(idx, nidx, SNAP_NEXT, &row->mr_dom);
        }
    }
    row->mr_obj = vcpu;
    if (!vcpu || cpu >= ncpus)
        return -1;
    row->mr_idx[0] = row->mr_dom->sd_index;
    row->mr_idx[1] = vcpu->sv_number + 1;
    row->mr_idx[2] = vm_values_phys_index(cpu);
    return 0;
}

/*
 * The vcpu that (vmIndex, vmCpuIndex) in @idx names (SNAP_EXACT, with at
 * least two index values), or the first one after it (SNAP_NEXT; a vcpu
 * whose rows follow a shorter @idx is not after it but at it).
 */
static const struct snap_vcpu *
vm_affinity_table_vcpu(const unsigned int *idx, size_t nidx,
                       enum snap_lookup how, const struct snap_domain **dom)
{
    unsigned int at[2];

    *dom = NULL;
    if (how == SNAP_EXACT && (nidx < 2 || idx[1] == 0))
        return NULL;
    at[0] = nidx ? idx[0] : 0;
    at[1] = nidx >= 2 && idx[1] > 0 ? idx[1] - 1 : 0;
    if (how == SNAP_NEXT && nidx == 2)
        nidx = 3; /* (d, c) itself was tried exact */
    if (nidx >= 2 && idx[1] == 0)
        nidx = 1;
    return snapshot_vcpu_lookup(agent.as_snap, at, nidx > 2 ? 2 : nidx, how,
                                dom);
}

static int
vm_affinity_table_value(netsnmp_variable_list *vb, const struct mib_row *row,
                        unsigned int col)
{
    const struct snap_node *node = &agent.as_snap->ss_node;
    unsigned int cpu = vm_values_phys_cpu(row->mr_idx[2]);

    if (col != VM_AFFINITY_COL_AFFINITY)
        return -1;
    return mib_set_number(
        vb, ASN_INTEGER, vm_values_affinity(row->mr_obj, node->sn_maplen, cpu));
}
