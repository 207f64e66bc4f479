/*
 * vm_notifications.c: VM-MIB's (RFC 7666) notifications, per virtual
 * machine (vmRunning ... vmDeleted) or in bulk (vmBulkRunning ...
 * vmBulkDeleted), and their two switches, vmPerVMNotificationsEnabled
 * and vmBulkNotificationsEnabled.
 *
 * The changes of one read of the host (a poll, an event's read, the
 * re-read after a SET, whether of the whole host or of dirty domains)
 * are gathered (vm_changes.c), then sent once the read is done, grouped
 * by notification: vm_changes_form() decides, per notification, between
 * one per-VM notification per domain and one bulk notification.  The
 * switches start true at each start of the agent and are never saved
 * (the RFC forbids it); a SET changes agent state only, so ACTION sets
 * and UNDO puts back.  VIRT-MIB's virtNodeNotificationsEnabled does not
 * govern them, nor they it.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "runtime/agent.h"
#include "runtime/config.h"
#include "model/virt_mib.h"
#include "model/vm_changes.h"
#include "model/vm_oids.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

/* What a SET of a switch needs to undo it. */
static const oid vm_objects_oid[] = { VM_OBJECTS };
static const oid vm_entry_oid[] = { VM_ENTRY };
static const oid vm_notif_oid[] = { VM_NOTIFICATIONS, 0 };
static const oid vm_affected_oid[] = { VM_OBJECTS, VM_AFFECTED_VMS, 0 };
static const oid snmptrap_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

static const char *const vm_form_names[] = {
    [VM_FORM_NONE] = "none",
    [VM_FORM_PER_VM] = "per VM",
    [VM_FORM_BULK] = "bulk",
};

static const char *const vm_notif_names[] = {
    [VM_PER_VM_NOTIFICATIONS_ENABLED] = "vmPerVMNotificationsEnabled",
    [VM_BULK_NOTIFICATIONS_ENABLED] = "vmBulkNotificationsEnabled",
};

static int per_vm_on = 1;
static int bulk_on = 1;
static unsigned int bulk_threshold = AGENT_DEFAULT_BULK;
static struct vm_changes pending;

/* the group */
static int vm_notifications_value(netsnmp_variable_list *vb,
                                  const struct mib_row *row, unsigned int col);

/* SET of a switch */
static int vm_notifications_check(netsnmp_variable_list *vb,
                                  const struct mib_row *row, unsigned int col,
                                  struct mib_set *plan, char *why);

/* sending */
static void vm_notifications_gathered(int r);
static void vm_notifications_send_one(const struct vm_change *c);
static void vm_notifications_send_bulk(int notif);
static void vm_notifications_add_column(netsnmp_variable_list **vars,
                                        unsigned int col, unsigned int index,
                                        u_char type, const void *value,
                                        size_t len);
static void vm_notifications_trap_oid(netsnmp_variable_list **vars, int n);

static struct mib_group vm_notif_group = {
    .mg_name = "vmNotificationsEnabled",
    .mg_base = vm_objects_oid,
    .mg_baselen = OID_LENGTH(vm_objects_oid),
    .mg_ranged = 1,
    .mg_firstcol = VM_PER_VM_NOTIFICATIONS_ENABLED,
    .mg_lastcol = VM_BULK_NOTIFICATIONS_ENABLED,
    .mg_nidx = 1,
    .mg_names = vm_notif_names,
    .mg_nnames = sizeof(vm_notif_names) / sizeof(*vm_notif_names),
    .mg_writable = MIB_COL(VM_PER_VM_NOTIFICATIONS_ENABLED) |
                   MIB_COL(VM_BULK_NOTIFICATIONS_ENABLED),
    .mg_nocreation = "a scalar has only the instance .0",
    .mg_plan_size = sizeof(struct mib_switch_set),
    .mg_locate = mib_locate_scalar,
    .mg_value = vm_notifications_value,
    .mg_check = vm_notifications_check,
    .mg_action = mib_switch_action,
    .mg_undo = mib_switch_undo,
};

/* Both switches true, as at every start: nothing of a SET survives. */
void
init_vm_notifications(void)
{
    per_vm_on = bulk_on = 1;
    vm_changes_clear(&pending);
    mib_group_register(&vm_notif_group);
}

void
shutdown_vm_notifications(void)
{
    mib_group_unregister(&vm_notif_group);
    vm_changes_clear(&pending);
}

/* vmBulkThreshold: from @n domains on (at least 1), a change is bulk. */
void
vm_notifications_threshold(int n)
{
    bulk_threshold = n > 0 ? (unsigned int)n : AGENT_DEFAULT_BULK;
}

/* The two switches */

static int
vm_notifications_value(netsnmp_variable_list *vb, const struct mib_row *row,
                       unsigned int col)
{
    (void)row;
    if (col == VM_PER_VM_NOTIFICATIONS_ENABLED)
        return mib_set_number(vb, ASN_INTEGER, per_vm_on ? TV_TRUE : TV_FALSE);
    if (col == VM_BULK_NOTIFICATIONS_ENABLED)
        return mib_set_number(vb, ASN_INTEGER, bulk_on ? TV_TRUE : TV_FALSE);
    return -1;
}

/* SET of a switch: after the checks every group shares, a TruthValue. */

static int
vm_notifications_check(netsnmp_variable_list *vb, const struct mib_row *row,
                       unsigned int col, struct mib_set *plan, char *why)
{
    (void)row;
    return mib_switch_check(
        vb, col == VM_PER_VM_NOTIFICATIONS_ENABLED ? &per_vm_on : &bulk_on,
        plan, why);
}

/* Gathering: what each read finds */

/* The whole host was read: @old_snap before, @new_snap now. */
void
vm_notifications_host_changed(const struct snapshot *old_snap,
                              const struct snapshot *new_snap)
{
    vm_notifications_gathered(vm_changes_diff(&pending, old_snap, new_snap));
}

/* One domain was read again in place. */
void
vm_notifications_domain_changed(const struct snap_domain *old_dom,
                                const struct snap_domain *new_dom)
{
    vm_notifications_gathered(vm_changes_add(&pending, old_dom, new_dom));
}

static void
vm_notifications_gathered(int r)
{
    if (r < 0)
        snmp_log(LOG_WARNING,
                 "%sout of memory: some VM-MIB notifications are lost\n",
                 agent.as_log_prefix);
}

/**
 * vm_notifications_read_done:
 *
 * After each read: sends what it found, grouped by notification (in
 * their numbers' order), each group per VM or in bulk as
 * vm_changes_form() says, then forgets it.  While VM-MIB is not served
 * (virtViews) the runtime gathers no changes, so nothing is sent.
 */
void
vm_notifications_read_done(void)
{
    enum vm_form form;
    size_t i, count;
    int n;

    for (n = VM_NOTIF_RUNNING; n <= VM_NOTIF_DELETED && pending.vcs_count;
         n++) {
        count = vm_changes_count(&pending, n);
        form = vm_changes_form(count, per_vm_on, bulk_on, bulk_threshold);
        if (count)
            DEBUGMSGTL(("virtmibd/vm_notifications",
                        "notification %d: %lu domains, %s\n", n,
                        (unsigned long)count, vm_form_names[form]));
        if (form == VM_FORM_BULK)
            vm_notifications_send_bulk(n);
        for (i = 0; form == VM_FORM_PER_VM && i < pending.vcs_count; i++) {
            if (pending.vcs_list[i].vc_notif == n)
                vm_notifications_send_one(&pending.vcs_list[i]);
        }
    }
    vm_changes_clear(&pending);
}

/* Sending */

static void
vm_notifications_trap_oid(netsnmp_variable_list **vars, int n)
{
    oid trap[OID_LENGTH(vm_notif_oid)];

    memcpy(trap, vm_notif_oid, sizeof(vm_notif_oid));
    trap[OID_LENGTH(vm_notif_oid) - 1] = (oid)n;
    snmp_varlist_add_variable(vars, snmptrap_oid, OID_LENGTH(snmptrap_oid),
                              ASN_OBJECT_ID, trap, sizeof(trap));
}

/* A vmEntry column of the row @index: vmEntry.col.index */
static void
vm_notifications_add_column(netsnmp_variable_list **vars, unsigned int col,
                            unsigned int index, u_char type, const void *value,
                            size_t len)
{
    oid name[OID_LENGTH(vm_entry_oid) + 2];

    memcpy(name, vm_entry_oid, sizeof(vm_entry_oid));
    name[OID_LENGTH(vm_entry_oid)] = col;
    name[OID_LENGTH(vm_entry_oid) + 1] = index;
    snmp_varlist_add_variable(vars, name, OID_LENGTH(name), type, value, len);
}

/* vmRunning ... vmDeleted: vmName, vmUUID, the previous vmOperState, and
 * for vmDeleted vmPersistent. */
static void
vm_notifications_send_one(const struct vm_change *c)
{
    netsnmp_variable_list *vars = NULL;
    long oper = c->vc_old_oper, persistent = c->vc_persistent;

    vm_notifications_trap_oid(&vars, c->vc_notif);
    vm_notifications_add_column(&vars, VM_COL_NAME, c->vc_index, ASN_OCTET_STR,
                                c->vc_name, strlen(c->vc_name));
    vm_notifications_add_column(&vars, VM_COL_UUID, c->vc_index, ASN_OCTET_STR,
                                c->vc_uuid, SNAP_UUID_LEN);
    vm_notifications_add_column(&vars, VM_COL_OPER_STATE, c->vc_index,
                                ASN_INTEGER, &oper, sizeof(oper));
    if (c->vc_notif == VM_NOTIF_DELETED)
        vm_notifications_add_column(&vars, VM_COL_PERSISTENT, c->vc_index,
                                    ASN_INTEGER, &persistent,
                                    sizeof(persistent));
    send_v2trap(vars);
    snmp_free_varbind(vars);
}

/* vmBulkRunning ... vmBulkDeleted: vmAffectedVMs only. */
static void
vm_notifications_send_bulk(int notif)
{
    netsnmp_variable_list *vars = NULL;
    unsigned char *list;
    size_t len;

    list = vm_changes_list(&pending, notif, &len);
    if (!list) {
        vm_notifications_gathered(-1);
        return;
    }
    vm_notifications_trap_oid(&vars, notif + VM_NOTIF_BULK);
    snmp_varlist_add_variable(&vars, vm_affected_oid,
                              OID_LENGTH(vm_affected_oid), ASN_OCTET_STR, list,
                              len);
    send_v2trap(vars);
    snmp_free_varbind(vars);
    free(list);
}
