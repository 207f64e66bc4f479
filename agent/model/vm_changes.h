/*
 * vm_changes.h: VM-MIB's (RFC 7666) view of what changed between two
 * reads of the host: one record per domain whose vmOperState changed or
 * that was deleted, the rule that picks per-VM or bulk notifications,
 * and the VirtualMachineList of a bulk one.  Free of SNMP types.
 */

#ifndef VIRTMIBD_VM_CHANGES_H
#define VIRTMIBD_VM_CHANGES_H

#include <stddef.h>

#include "model/snapshot.h"

/* One change, copied from the rows (they do not outlive the read). */
struct vm_change {
    unsigned int vc_index;                /* vmIndex */
    unsigned char vc_uuid[SNAP_UUID_LEN]; /* vmUUID */
    char *vc_name;                        /* vmName, owned */
    int vc_notif;                         /* VM_NOTIF_RUNNING..DELETED */
    int vc_old_oper;                      /* the previous vmOperState */
    int vc_persistent;                    /* vmPersistent of the row */
};

/* The changes of one read, in the order they were found. */
struct vm_changes {
    struct vm_change *vcs_list;
    size_t vcs_count;
    size_t vcs_room;
};

/* How the changes of one notification are sent. */
enum vm_form { VM_FORM_NONE, VM_FORM_PER_VM, VM_FORM_BULK };

int vm_changes_notif(int new_oper);
int vm_changes_add(struct vm_changes *vc, const struct snap_domain *old_dom,
                   const struct snap_domain *new_dom);
int vm_changes_diff(struct vm_changes *vc, const struct snapshot *old_snap,
                    const struct snapshot *new_snap);
size_t vm_changes_count(const struct vm_changes *vc, int notif);
void vm_changes_clear(struct vm_changes *vc);
enum vm_form vm_changes_form(size_t count, int per_vm, int bulk,
                             unsigned int threshold);
unsigned char *vm_changes_list(const struct vm_changes *vc, int notif,
                               size_t *len);
void vm_list_set(unsigned char *list, size_t len, unsigned int index);

#endif /* VIRTMIBD_VM_CHANGES_H */
