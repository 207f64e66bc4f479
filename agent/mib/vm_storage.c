/*
 * vm_storage.c: VM-MIB's vmStorageTable (RFC 7666), indexed by
 * (vmStorageVmIndex, vmStorageIndex): the domain's vmIndex, and the
 * 1-based position of the disk in the domain's XML.  Read-only, over the
 * devices the snapshot carries (snap_devices.h); its modes are run by
 * mib_handler.c.
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/snap_devices.h"
#include "model/vm_devices.h"
#include "model/vm_oids.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

static const oid vm_storage_entry_oid[] = { VM_STORAGE_ENTRY };

/* The columns' descriptors, for the log. */
static const char *const vm_storage_col_names[] = {
    [VM_STORAGE_COL_VM_INDEX] = "vmStorageVmIndex",
    [VM_STORAGE_COL_INDEX] = "vmStorageIndex",
    [VM_STORAGE_COL_PARENT] = "vmStorageParent",
    [VM_STORAGE_COL_SOURCE_TYPE] = "vmStorageSourceType",
    [VM_STORAGE_COL_SOURCE_TYPE_STRING] = "vmStorageSourceTypeString",
    [VM_STORAGE_COL_RESOURCE_ID] = "vmStorageResourceID",
    [VM_STORAGE_COL_ACCESS] = "vmStorageAccess",
    [VM_STORAGE_COL_MEDIA_TYPE] = "vmStorageMediaType",
    [VM_STORAGE_COL_MEDIA_TYPE_STRING] = "vmStorageMediaTypeString",
    [VM_STORAGE_COL_SIZE_UNIT] = "vmStorageSizeUnit",
    [VM_STORAGE_COL_DEFINED_SIZE] = "vmStorageDefinedSize",
    [VM_STORAGE_COL_ALLOCATED_SIZE] = "vmStorageAllocatedSize",
    [VM_STORAGE_COL_READ_IOS] = "vmStorageReadIOs",
    [VM_STORAGE_COL_WRITE_IOS] = "vmStorageWriteIOs",
    [VM_STORAGE_COL_READ_OCTETS] = "vmStorageReadOctets",
    [VM_STORAGE_COL_WRITE_OCTETS] = "vmStorageWriteOctets",
    [VM_STORAGE_COL_READ_LATENCY] = "vmStorageReadLatency",
    [VM_STORAGE_COL_WRITE_LATENCY] = "vmStorageWriteLatency",
};

static int vm_storage_locate(const unsigned int *idx, size_t nidx,
                             enum snap_lookup how, struct mib_row *row);
static int vm_storage_value(netsnmp_variable_list *vb,
                            const struct mib_row *row, unsigned int col);

static struct mib_group vm_storage_group = {
    .mg_name = "vmStorageTable",
    .mg_base = vm_storage_entry_oid,
    .mg_baselen = OID_LENGTH(vm_storage_entry_oid),
    .mg_firstcol = VM_STORAGE_COL_PARENT,
    .mg_lastcol = VM_STORAGE_COL_WRITE_LATENCY,
    .mg_nidx = 2,
    .mg_names = vm_storage_col_names,
    .mg_nnames = sizeof(vm_storage_col_names) / sizeof(*vm_storage_col_names),
    .mg_writable = 0,
    .mg_nocreation = "no such disk",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_locate = vm_storage_locate,
    .mg_value = vm_storage_value,
};

void
init_vm_storage(void)
{
    mib_group_register(&vm_storage_group);
}

void
shutdown_vm_storage(void)
{
    mib_group_unregister(&vm_storage_group);
}

static int
vm_storage_locate(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                  struct mib_row *row)
{
    const struct snap_disk *dk;
    unsigned int pos = 0;

    dk =
        snapshot_disk_lookup(agent.as_snap, idx, nidx, how, &row->mr_dom, &pos);
    row->mr_obj = dk;
    if (!dk)
        return -1;
    row->mr_idx[0] = row->mr_dom->sd_index;
    row->mr_idx[1] = pos;
    return 0;
}

/*
 * vmStorageParent is 0: the agent does not map images to the host's
 * hrStorageTable.  The API has no block statistics (no
 * virDomainBlockStats), so the six counters are 0, documented as
 * unknown in docs/vm-mib.md.
 */
static int
vm_storage_value(netsnmp_variable_list *vb, const struct mib_row *row,
                 unsigned int col)
{
    const struct snap_disk *dk = row->mr_obj;

    switch (col) {
    case VM_STORAGE_COL_PARENT:
        return mib_set_number(vb, ASN_INTEGER, 0);
    case VM_STORAGE_COL_SOURCE_TYPE:
        return mib_set_number(vb, ASN_INTEGER, vm_mib_storage_source(dk));
    case VM_STORAGE_COL_SOURCE_TYPE_STRING:
        return mib_set_string(vb, dk->dk_format);
    case VM_STORAGE_COL_RESOURCE_ID:
        return mib_set_string(vb, dk->dk_source);
    case VM_STORAGE_COL_ACCESS:
        return mib_set_number(vb, ASN_INTEGER, vm_mib_storage_access(dk));
    case VM_STORAGE_COL_MEDIA_TYPE:
        return mib_set_number(vb, ASN_INTEGER, vm_mib_storage_media(dk));
    case VM_STORAGE_COL_MEDIA_TYPE_STRING:
        return mib_set_string(vb, dk->dk_bus);
    case VM_STORAGE_COL_SIZE_UNIT:
        return mib_set_number(vb, ASN_INTEGER, VM_STORAGE_SIZE_UNIT);
    case VM_STORAGE_COL_DEFINED_SIZE:
        return mib_set_number(vb, ASN_INTEGER,
                              vm_mib_storage_size(dk->dk_defined));
    case VM_STORAGE_COL_ALLOCATED_SIZE:
        return mib_set_number(vb, ASN_INTEGER,
                              vm_mib_storage_size(dk->dk_allocated));
    case VM_STORAGE_COL_READ_IOS:
    case VM_STORAGE_COL_WRITE_IOS:
    case VM_STORAGE_COL_READ_OCTETS:
    case VM_STORAGE_COL_WRITE_OCTETS:
    case VM_STORAGE_COL_READ_LATENCY:
    case VM_STORAGE_COL_WRITE_LATENCY:
        return mib_set_counter64(vb, 0);
    default:
        return -1;
    }
}
