/*
 * vm_network.c: VM-MIB's vmNetworkTable (RFC 7666), indexed by
 * (vmIndex, vmNetworkIndex): the domain's index, and the 1-based
 * position of the interface in the domain's XML.  Read-only, over the
 * devices the snapshot carries (snap_devices.h); its modes are run by
 * mib_handler.c.
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/snap_devices.h"
#include "model/vm_oids.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

static const oid vm_network_entry_oid[] = { VM_NETWORK_ENTRY };

/* The columns' descriptors, for the log. */
static const char *const vm_network_col_names[] = {
    [VM_NETWORK_COL_INDEX] = "vmNetworkIndex",
    [VM_NETWORK_COL_IF_INDEX] = "vmNetworkIfIndex",
    [VM_NETWORK_COL_PARENT] = "vmNetworkParent",
    [VM_NETWORK_COL_MODEL] = "vmNetworkModel",
    [VM_NETWORK_COL_PHYS_ADDRESS] = "vmNetworkPhysAddress",
};

static int vm_network_locate(const unsigned int *idx, size_t nidx,
                             enum snap_lookup how, struct mib_row *row);
static int vm_network_value(netsnmp_variable_list *vb,
                            const struct mib_row *row, unsigned int col);

static struct mib_group vm_network_group = {
    .mg_name = "vmNetworkTable",
    .mg_base = vm_network_entry_oid,
    .mg_baselen = OID_LENGTH(vm_network_entry_oid),
    .mg_firstcol = VM_NETWORK_COL_IF_INDEX,
    .mg_lastcol = VM_NETWORK_COL_PHYS_ADDRESS,
    .mg_nidx = 2,
    .mg_names = vm_network_col_names,
    .mg_nnames = sizeof(vm_network_col_names) / sizeof(*vm_network_col_names),
    .mg_writable = 0,
    .mg_nocreation = "no such interface",
    .mg_plan_size = sizeof(struct mib_set),
    .mg_locate = vm_network_locate,
    .mg_value = vm_network_value,
};

void
init_vm_network(void)
{
    mib_group_register(&vm_network_group);
}

void
shutdown_vm_network(void)
{
    mib_group_unregister(&vm_network_group);
}

static int
vm_network_locate(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                  struct mib_row *row)
{
    const struct snap_iface *ifc;
    unsigned int pos = 0;

    ifc = snapshot_iface_lookup(agent.as_snap, idx, nidx, how, &row->mr_dom,
                                &pos);
    row->mr_obj = ifc;
    if (!ifc)
        return -1;
    row->mr_idx[0] = row->mr_dom->sd_index;
    row->mr_idx[1] = pos;
    return 0;
}

/* The ifindexes are the host's (if_nametoindex(), IF-MIB's ifIndex on
 * Linux), read with the devices; an interface without a MAC address in
 * its XML has an empty vmNetworkPhysAddress. */
static int
vm_network_value(netsnmp_variable_list *vb, const struct mib_row *row,
                 unsigned int col)
{
    const struct snap_iface *ifc = row->mr_obj;

    switch (col) {
    case VM_NETWORK_COL_IF_INDEX:
        return mib_set_number(vb, ASN_INTEGER, (long)ifc->if_ifindex);
    case VM_NETWORK_COL_PARENT:
        return mib_set_number(vb, ASN_INTEGER, (long)ifc->if_parent);
    case VM_NETWORK_COL_MODEL:
        return mib_set_string(vb, ifc->if_model);
    case VM_NETWORK_COL_PHYS_ADDRESS:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, ifc->if_mac,
                                        ifc->if_hasmac ? DEV_MAC_LEN : 0);
    default:
        return -1;
    }
}
