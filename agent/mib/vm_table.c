/*
 * vm_table.c: VM-MIB's vmTable, indexed by vmIndex (the same stable
 * per-UUID index as virtDomainIndex), hand-written over the snapshot and
 * read-only.  States, persistence and times read through vm_mib.c and
 * vm_values.c.
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/vm_mib.h"
#include "model/vm_oids.h"
#include "model/vm_values.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

/* vmMinCpuNumber: the API refuses fewer than one vcpu
 * (virDomainSetVcpus), a hard lower bound. */
#define VM_MIN_CPUS 1
/* vmMinMem: the API knows no lower bound of memory. */
#define VM_NO_BOUND (-1)

static const oid vm_entry_oid[] = { VM_ENTRY };

/* The columns' descriptors, for the log. */
static const char *const vm_col_names[] = {
    [VM_COL_INDEX] = "vmIndex",
    [VM_COL_NAME] = "vmName",
    [VM_COL_UUID] = "vmUUID",
    [VM_COL_OS_TYPE] = "vmOSType",
    [VM_COL_ADMIN_STATE] = "vmAdminState",
    [VM_COL_OPER_STATE] = "vmOperState",
    [VM_COL_AUTO_START] = "vmAutoStart",
    [VM_COL_PERSISTENT] = "vmPersistent",
    [VM_COL_CUR_CPU] = "vmCurCpuNumber",
    [VM_COL_MIN_CPU] = "vmMinCpuNumber",
    [VM_COL_MAX_CPU] = "vmMaxCpuNumber",
    [VM_COL_MEM_UNIT] = "vmMemUnit",
    [VM_COL_CUR_MEM] = "vmCurMem",
    [VM_COL_MIN_MEM] = "vmMinMem",
    [VM_COL_MAX_MEM] = "vmMaxMem",
    [VM_COL_UP_TIME] = "vmUpTime",
    [VM_COL_CPU_TIME] = "vmCpuTime",
};

/* the group */
static int vm_table_locate(const unsigned int *idx, size_t nidx,
                           enum snap_lookup how, struct mib_row *row);
static int vm_table_value(netsnmp_variable_list *vb, const struct mib_row *row,
                          unsigned int col);
static int vm_table_number(netsnmp_variable_list *vb,
                           const struct snap_domain *dom, unsigned int col);

static struct mib_group vm_group = {
    .mg_name = "vmTable",
    .mg_base = vm_entry_oid,
    .mg_baselen = OID_LENGTH(vm_entry_oid),
    .mg_firstcol = VM_COL_NAME,
    .mg_lastcol = VM_COL_CPU_TIME,
    .mg_nidx = 1,
    .mg_names = vm_col_names,
    .mg_nnames = sizeof(vm_col_names) / sizeof(*vm_col_names),
    .mg_nocreation = "no such virtual machine",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_locate = vm_table_locate,
    .mg_value = vm_table_value,
};

void
init_vm_table(void)
{
    mib_group_register(&vm_group);
}

void
shutdown_vm_table(void)
{
    mib_group_unregister(&vm_group);
}

static int
vm_table_locate(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                struct mib_row *row)
{
    const struct snap_domain *dom;

    dom = snapshot_domain_lookup(agent.as_snap, idx, nidx, how);
    row->mr_obj = dom;
    row->mr_dom = dom;
    if (!dom)
        return -1;
    row->mr_idx[0] = dom->sd_index;
    return 0;
}

static int
vm_table_value(netsnmp_variable_list *vb, const struct mib_row *row,
               unsigned int col)
{
    const struct snap_domain *dom = row->mr_obj;

    switch (col) {
    case VM_COL_NAME:
        return mib_set_string(vb, dom->sd_name);
    case VM_COL_UUID:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dom->sd_uuid,
                                        SNAP_UUID_LEN);
    case VM_COL_OS_TYPE:
        return mib_set_string(vb, dom->sd_ostype);
    case VM_COL_UP_TIME:
        return mib_set_number(
            vb, ASN_TIMETICKS,
            (long)vm_values_uptime(dom, vm_values_host_uptime()));
    case VM_COL_CPU_TIME:
        return mib_set_counter64(vb, vm_mib_usec(dom->sd_cputime));
    default:
        return vm_table_number(vb, dom, col);
    }
}

/* The Integer32 and enumerated columns. */
static int
vm_table_number(netsnmp_variable_list *vb, const struct snap_domain *dom,
                unsigned int col)
{
    struct vm_memory mem;
    long v;

    vm_values_memory(dom, &mem);
    switch (col) {
    case VM_COL_ADMIN_STATE:
        v = vm_mib_admin_state(dom);
        break;
    case VM_COL_OPER_STATE:
        v = vm_mib_domain_oper(dom);
        break;
    case VM_COL_AUTO_START:
        v = vm_mib_autostart(dom->sd_autostart);
        break;
    case VM_COL_PERSISTENT:
        v = vm_mib_persistent(dom->sd_persistent);
        break;
    case VM_COL_CUR_CPU:
        v = (long)dom->sd_nrvcpu;
        break;
    case VM_COL_MIN_CPU:
        v = VM_MIN_CPUS;
        break;
    case VM_COL_MAX_CPU:
        v = vm_values_max_cpus(dom);
        break;
    case VM_COL_MEM_UNIT:
        v = mem.vm_unit;
        break;
    case VM_COL_CUR_MEM:
        v = mem.vm_cur;
        break;
    case VM_COL_MIN_MEM:
        v = VM_NO_BOUND;
        break;
    case VM_COL_MAX_MEM:
        v = mem.vm_max;
        break;
    default:
        return -1;
    }
    return mib_set_number(vb, ASN_INTEGER, v);
}
