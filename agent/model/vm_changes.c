/*
 * vm_changes.c: the VM-MIB (RFC 7666) notifications one read of the host
 * calls for.  VIRT-MIB's life-cycle events (snapshot_diff()) are not
 * enough here: VM-MIB reports every change of vmOperState, shutting down
 * to shut down included, so the two reads are compared again, row by
 * row, through vm_mib_domain_oper(), the mapping the vmTable serves.
 *
 * A domain that appears is taken to come from shutdown(11) (a new
 * virtual machine exists first shut down): one that appears shut down is
 * not notified, one that appears running is vmRunning from shutdown.  A
 * domain that disappears (undefined, or transient and stopped) is
 * vmDeleted, with the state it had.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/vm_changes.h"
#include "model/vm_mib.h"
#include "model/vm_oids.h"

static int vm_changes_grow(struct vm_changes *vc);
static int vm_changes_push(struct vm_changes *vc, const struct snap_domain *row,
                           int notif, int old_oper);

/**
 * vm_changes_notif:
 * @new_oper: the vmOperState a domain changed to
 *
 * Returns the per-VM notification (VM_NOTIF_RUNNING ... VM_NOTIF_CRASHED)
 * of a change to @new_oper, or 0 for the states the RFC has none for
 * (unknown, other, preparing).
 */
int
vm_changes_notif(int new_oper)
{
    switch (new_oper) {
    case VM_OPER_RUNNING:
        return VM_NOTIF_RUNNING;
    case VM_OPER_SHUTTINGDOWN:
        return VM_NOTIF_SHUTTINGDOWN;
    case VM_OPER_SHUTDOWN:
        return VM_NOTIF_SHUTDOWN;
    case VM_OPER_PAUSED:
        return VM_NOTIF_PAUSED;
    case VM_OPER_SUSPENDING:
        return VM_NOTIF_SUSPENDING;
    case VM_OPER_SUSPENDED:
        return VM_NOTIF_SUSPENDED;
    case VM_OPER_RESUMING:
        return VM_NOTIF_RESUMING;
    case VM_OPER_MIGRATING:
        return VM_NOTIF_MIGRATING;
    case VM_OPER_CRASHED:
        return VM_NOTIF_CRASHED;
    default:
        return 0;
    }
}

/**
 * vm_changes_add:
 * @vc: where the change goes
 * @old_dom: a domain's row before, or NULL when it is new
 * @new_dom: its row now, or NULL when it is gone
 *
 * Adds the change from @old_dom to @new_dom, if VM-MIB has a
 * notification for it.  Returns 1 when one was added, 0 when there is
 * none, -1 when out of memory (@vc unchanged).
 */
int
vm_changes_add(struct vm_changes *vc, const struct snap_domain *old_dom,
               const struct snap_domain *new_dom)
{
    int old_oper, new_oper, notif;

    if (!old_dom && !new_dom)
        return 0;
    if (!new_dom)
        return vm_changes_push(vc, old_dom, VM_NOTIF_DELETED,
                               vm_mib_domain_oper(old_dom));
    old_oper = VM_OPER_SHUTDOWN;
    if (old_dom)
        old_oper = vm_mib_domain_oper(old_dom);
    new_oper = vm_mib_domain_oper(new_dom);
    notif = vm_changes_notif(new_oper);
    if (old_oper == new_oper || notif == 0)
        return 0;
    return vm_changes_push(vc, new_dom, notif, old_oper);
}

/**
 * vm_changes_diff:
 * @vc: where the changes go
 * @old_snap: the earlier read
 * @new_snap: the later one, with the same index map
 *
 * Adds the changes between the two reads, in vmIndex order.  Returns how
 * many were added, or -1 (bad arguments, out of memory: then some may be
 * missing).
 */
int
vm_changes_diff(struct vm_changes *vc, const struct snapshot *old_snap,
                const struct snapshot *new_snap)
{
    size_t i = 0, j = 0;
    const struct snap_domain *o, *n;
    int count = 0, r;

    if (!vc || !old_snap || !new_snap)
        return -1;
    while (i < old_snap->ss_ndomains || j < new_snap->ss_ndomains) {
        o = i < old_snap->ss_ndomains ? &old_snap->ss_domains[i] : NULL;
        n = j < new_snap->ss_ndomains ? &new_snap->ss_domains[j] : NULL;
        if (o && n && o->sd_index != n->sd_index) {
            if (o->sd_index < n->sd_index)
                n = NULL;
            else
                o = NULL;
        }
        i += o != NULL;
        j += n != NULL;
        r = vm_changes_add(vc, o, n);
        if (r < 0)
            return -1;
        count += r;
    }
    return count;
}

static int
vm_changes_grow(struct vm_changes *vc)
{
    struct vm_change *list;
    size_t room;

    if (vc->vcs_count < vc->vcs_room)
        return 0;
    room = vc->vcs_room ? 2 * vc->vcs_room : 16;
    if (room > SIZE_MAX / sizeof(*list))
        return -1;
    list = realloc(vc->vcs_list, room * sizeof(*list));
    if (!list)
        return -1;
    vc->vcs_list = list;
    vc->vcs_room = room;
    return 0;
}

/* Appends the change of @row; 1, or -1 when out of memory. */
static int
vm_changes_push(struct vm_changes *vc, const struct snap_domain *row, int notif,
                int old_oper)
{
    struct vm_change *c;
    char *name;

    if (vm_changes_grow(vc) < 0)
        return -1;
    name = strdup(row->sd_name ? row->sd_name : "");
    if (!name)
        return -1;
    c = &vc->vcs_list[vc->vcs_count++];
    c->vc_index = row->sd_index;
    memcpy(c->vc_uuid, row->sd_uuid, SNAP_UUID_LEN);
    c->vc_name = name;
    c->vc_notif = notif;
    c->vc_old_oper = old_oper;
    c->vc_persistent = vm_mib_persistent(row->sd_persistent);
    return 1;
}

/* How many changes of @vc are notification @notif. */
size_t
vm_changes_count(const struct vm_changes *vc, int notif)
{
    size_t i, n = 0;

    for (i = 0; i < vc->vcs_count; i++)
        n += vc->vcs_list[i].vc_notif == notif;
    return n;
}

/* Forgets every change; @vc can be used again. */
void
vm_changes_clear(struct vm_changes *vc)
{
    size_t i;

    for (i = 0; i < vc->vcs_count; i++)
        free(vc->vcs_list[i].vc_name);
    free(vc->vcs_list);
    memset(vc, 0, sizeof(*vc));
}

/**
 * vm_changes_form:
 * @count: how many domains made the same change in one read
 * @per_vm: vmPerVMNotificationsEnabled
 * @bulk: vmBulkNotificationsEnabled
 * @threshold: from how many domains on a bulk notification replaces the
 *             per-VM ones (vmBulkThreshold, at least 1)
 *
 * The rule: with both switches on, fewer than @threshold domains get one
 * per-VM notification each, @threshold or more one bulk notification
 * instead.  With only one switch on, that form carries every change,
 * however many domains made it; with none, nothing is sent.
 */
enum vm_form
vm_changes_form(size_t count, int per_vm, int bulk, unsigned int threshold)
{
    if (count == 0)
        return VM_FORM_NONE;
    if (bulk && (!per_vm || count >= threshold))
        return VM_FORM_BULK;
    if (per_vm)
        return VM_FORM_PER_VM;
    return VM_FORM_NONE;
}

/**
 * vm_list_set:
 * @list: a VirtualMachineList of @len octets
 * @index: a vmIndex, 1 or more
 *
 * Sets the bit of @index: octet (index - 1) / 8, the most significant
 * bit for the lowest index of the octet.  An index past @len is ignored.
 */
void
vm_list_set(unsigned char *list, size_t len, unsigned int index)
{
    size_t octet;

    if (index == 0)
        return;
    octet = (index - 1) / 8;
    if (octet < len)
        list[octet] |= (unsigned char)(0x80u >> ((index - 1) % 8));
}

/**
 * vm_changes_list:
 * @vc: the changes of a read
 * @notif: a per-VM notification number
 * @len: set to the list's length in octets
 *
 * Returns vmAffectedVMs for the domains of @vc that made change @notif:
 * a VirtualMachineList just long enough for the highest of their
 * indexes (caller frees), or NULL when there are none or out of memory.
 */
unsigned char *
vm_changes_list(const struct vm_changes *vc, int notif, size_t *len)
{
    unsigned char *list;
    unsigned int top = 0;
    size_t i;

    *len = 0;
    for (i = 0; i < vc->vcs_count; i++) {
        if (vc->vcs_list[i].vc_notif == notif && vc->vcs_list[i].vc_index > top)
            top = vc->vcs_list[i].vc_index;
    }
    if (top == 0)
        return NULL;
    list = calloc(((size_t)top + 7) / 8, 1);
    if (!list)
        return NULL;
    *len = ((size_t)top + 7) / 8;
    for (i = 0; i < vc->vcs_count; i++) {
        if (vc->vcs_list[i].vc_notif == notif)
            vm_list_set(list, *len, vc->vcs_list[i].vc_index);
    }
    return list;
}
