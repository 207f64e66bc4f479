/*
 * vm_scalars.c: VM-MIB's read-only scalars answered from the snapshot:
 * the vmHypervisor group (software, version, object id, uptime) and,
 * beside the tables, vmNumber and vmTableLastChange.  Two groups, for
 * the two subtrees; the second registers only its own two sub-ids, so
 * that the notification switches of vmObjects can have a group of their
 * own.
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/virt_oids.h"
#include "model/vm_oids.h"
#include "model/vm_values.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

static const oid vm_hv_oid[] = { VM_HYPERVISOR };
static const oid vm_objects_oid[] = { VM_OBJECTS };
static const oid vm_hv_object_id[] = { VIRT_MIB_ROOT };

static const char *const vm_hv_names[] = {
    [VM_HV_SOFTWARE] = "vmHvSoftware",
    [VM_HV_VERSION] = "vmHvVersion",
    [VM_HV_OBJECT_ID] = "vmHvObjectID",
    [VM_HV_UP_TIME] = "vmHvUpTime",
};

static const char *const vm_count_names[] = {
    [VM_NUMBER] = "vmNumber",
    [VM_TABLE_LAST_CHANGE] = "vmTableLastChange",
};

/* vmHypervisor */
static int vm_scalars_hv_value(netsnmp_variable_list *vb,
                               const struct mib_row *row, unsigned int which);

/* vmNumber and vmTableLastChange */
static int vm_scalars_count_value(netsnmp_variable_list *vb,
                                  const struct mib_row *row,
                                  unsigned int which);

static struct mib_group vm_hv_group = {
    .mg_name = "vmHypervisor",
    .mg_base = vm_hv_oid,
    .mg_baselen = OID_LENGTH(vm_hv_oid),
    .mg_firstcol = VM_HV_SOFTWARE,
    .mg_lastcol = VM_HV_UP_TIME,
    .mg_nidx = 1,
    .mg_names = vm_hv_names,
    .mg_nnames = sizeof(vm_hv_names) / sizeof(*vm_hv_names),
    .mg_nocreation = "a scalar has only the instance .0",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_locate = mib_locate_scalar,
    .mg_value = vm_scalars_hv_value,
};

static struct mib_group vm_count_group = {
    .mg_name = "vmNumber",
    .mg_base = vm_objects_oid,
    .mg_baselen = OID_LENGTH(vm_objects_oid),
    .mg_firstcol = VM_NUMBER,
    .mg_lastcol = VM_TABLE_LAST_CHANGE,
    .mg_nidx = 1,
    .mg_names = vm_count_names,
    .mg_nnames = sizeof(vm_count_names) / sizeof(*vm_count_names),
    .mg_nocreation = "a scalar has only the instance .0",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_ranged = 1,
    .mg_locate = mib_locate_scalar,
    .mg_value = vm_scalars_count_value,
};

void
init_vm_scalars(void)
{
    mib_group_register(&vm_hv_group);
    mib_group_register(&vm_count_group);
}

void
shutdown_vm_scalars(void)
{
    mib_group_unregister(&vm_count_group);
    mib_group_unregister(&vm_hv_group);
}

/* vmHvSoftware is the driver's type, which carries no version;
 * vmHvUpTime is the host's (see vm_values_host_uptime()). */
static int
vm_scalars_hv_value(netsnmp_variable_list *vb, const struct mib_row *row,
                    unsigned int which)
{
    const struct snap_node *n = &agent.as_snap->ss_node;
    char version[64];

    switch (which) {
    case VM_HV_SOFTWARE:
        return mib_set_string(vb, n->sn_hvtype);
    case VM_HV_VERSION:
        if (vm_values_version(n->sn_hvversion, version, sizeof(version)) < 0)
            return -1;
        return mib_set_string(vb, version);
    case VM_HV_OBJECT_ID:
        return snmp_set_var_typed_value(vb, ASN_OBJECT_ID, vm_hv_object_id,
                                        sizeof(vm_hv_object_id));
    case VM_HV_UP_TIME:
        return mib_set_number(vb, ASN_TIMETICKS,
                              (long)vm_values_ticks(vm_values_host_uptime()));
    default:
        return -1;
    }
}

/* vmNumber counts every domain, active or not; vmTableLastChange is
 * vmHvUpTime when a refresh last found a row added or gone. */
static int
vm_scalars_count_value(netsnmp_variable_list *vb, const struct mib_row *row,
                       unsigned int which)
{
    const struct snapshot *snap = agent.as_snap;

    switch (which) {
    case VM_NUMBER:
        return mib_set_number(vb, ASN_INTEGER, (long)snap->ss_ndomains);
    case VM_TABLE_LAST_CHANGE:
        return mib_set_number(vb, ASN_TIMETICKS,
                              (long)vm_values_ticks(snap->ss_rows_changed));
    default:
        return -1;
    }
}
