/*
 * vm_cpu_table.c: VM-MIB's vmCpuTable, indexed by (vmIndex, vmCpuIndex),
 * read-only over the snapshot's vcpus.  vmCpuIndex is the vcpu's number
 * plus one (VM-MIB counts from 1, the API from 0).
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/vm_mib.h"
#include "model/vm_oids.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

static const oid vm_cpu_entry_oid[] = { VM_CPU_ENTRY };

static const char *const vm_cpu_col_names[] = {
    [VM_CPU_COL_INDEX] = "vmCpuIndex",
    [VM_CPU_COL_CORE_TIME] = "vmCpuCoreTime",
};

static int vm_cpu_table_locate(const unsigned int *idx, size_t nidx,
                               enum snap_lookup how, struct mib_row *row);
static int vm_cpu_table_value(netsnmp_variable_list *vb,
                              const struct mib_row *row, unsigned int col);

static struct mib_group vm_cpu_group = {
    .mg_name = "vmCpuTable",
    .mg_base = vm_cpu_entry_oid,
    .mg_baselen = OID_LENGTH(vm_cpu_entry_oid),
    .mg_firstcol = VM_CPU_COL_CORE_TIME,
    .mg_lastcol = VM_CPU_COL_CORE_TIME,
    .mg_nidx = 2,
    .mg_names = vm_cpu_col_names,
    .mg_nnames = sizeof(vm_cpu_col_names) / sizeof(*vm_cpu_col_names),
    .mg_nocreation = "no such vcpu of a running virtual machine",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_locate = vm_cpu_table_locate,
    .mg_value = vm_cpu_table_value,
};

void
init_vm_cpu_table(void)
{
    mib_group_register(&vm_cpu_group);
}

void
shutdown_vm_cpu_table(void)
{
    mib_group_unregister(&vm_cpu_group);
}

/* (vmIndex, vmCpuIndex) to the snapshot's (domain index, vcpu number):
 * vmCpuIndex 0 names no vcpu, and GETNEXT from it starts at the
 * domain's first. */
static int
vm_cpu_table_locate(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                    struct mib_row *row)
{
    const struct snap_vcpu *vcpu;
    unsigned int at[2];

    if (how == SNAP_EXACT && (nidx != 2 || idx[1] == 0))
        return -1;
    at[0] = nidx ? idx[0] : 0;
    at[1] = nidx >= 2 && idx[1] > 0 ? idx[1] - 1 : 0;
    if (nidx >= 2 && idx[1] == 0)
        nidx = 1;
    vcpu = snapshot_vcpu_lookup(agent.as_snap, at, nidx, how, &row->mr_dom);
    row->mr_obj = vcpu;
    if (!vcpu)
        return -1;
    row->mr_idx[0] = row->mr_dom->sd_index;
    row->mr_idx[1] = vcpu->sv_number + 1;
    return 0;
}

static int
vm_cpu_table_value(netsnmp_variable_list *vb, const struct mib_row *row,
                   unsigned int col)
{
    const struct snap_vcpu *vcpu = row->mr_obj;

    if (col != VM_CPU_COL_CORE_TIME)
        return -1;
    return mib_set_counter64(vb, vm_mib_usec(vcpu->sv_cputime));
}
