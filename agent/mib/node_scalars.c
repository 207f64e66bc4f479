/*
 * node_scalars.c: the virtNode scalars, answered from the snapshot, their
 * phases run by mib_handler.c.  virtNodeNotificationsEnabled is the one
 * writable object; it changes agent state only, so ACTION sets it and
 * UNDO puts the old value back.
 */

#include <config.h>

#include "runtime/agent.h"
#include "model/index_map.h"
#include "model/virt_mib.h"
#include "model/virt_oids.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

/* What a SET of virtNodeNotificationsEnabled needs to undo it. */
static const oid node_oid[] = { VIRT_NODE };

/* The scalars' descriptors, for the log. */
static const char *const node_scalar_names[] = {
    [NODE_HV_TYPE] = "virtNodeHypervisorType",
    [NODE_HV_VERSION] = "virtNodeHypervisorVersion",
    [NODE_LIB_VERSION] = "virtNodeLibraryVersion",
    [NODE_CPU_MODEL] = "virtNodeCpuModel",
    [NODE_MEMORY] = "virtNodeMemory",
    [NODE_CPUS] = "virtNodeCpus",
    [NODE_MHZ] = "virtNodeMhz",
    [NODE_NUMA_NODES] = "virtNodeNumaNodes",
    [NODE_SOCKETS] = "virtNodeSockets",
    [NODE_CORES] = "virtNodeCores",
    [NODE_THREADS] = "virtNodeThreads",
    [NODE_MAX_CPUS] = "virtNodeMaxCpus",
    [NODE_ACTIVE_DOMAINS] = "virtNodeActiveDomains",
    [NODE_DEFINED_DOMAINS] = "virtNodeDefinedDomains",
    [NODE_TABLE_LAST_CHANGE] = "virtNodeDomainTableLastChange",
    [NODE_NOTIFICATIONS_ENABLED] = "virtNodeNotificationsEnabled",
    [NODE_STALE] = "virtNodeStale",
    [NODE_UNSAVED_DOMAINS] = "virtNodeUnsavedDomains",
};

/* the group */
static int node_scalars_value(netsnmp_variable_list *vb,
                              const struct mib_row *row, unsigned int which);

/* SET of virtNodeNotificationsEnabled */
static int node_scalars_check(netsnmp_variable_list *vb,
                              const struct mib_row *row, unsigned int col,
                              struct mib_set *plan, char *why);

static struct mib_group node_group = {
    .mg_name = "virtNode",
    .mg_base = node_oid,
    .mg_baselen = OID_LENGTH(node_oid),
    .mg_firstcol = NODE_HV_TYPE,
    .mg_lastcol = NODE_UNSAVED_DOMAINS,
    .mg_nidx = 1,
    .mg_names = node_scalar_names,
    .mg_nnames = sizeof(node_scalar_names) / sizeof(*node_scalar_names),
    .mg_writable = MIB_COL(NODE_NOTIFICATIONS_ENABLED),
    .mg_nocreation = "a scalar has only the instance .0",
    .mg_plan_size = sizeof(struct mib_switch_set),
    .mg_locate = mib_locate_scalar,
    .mg_value = node_scalars_value,
    .mg_check = node_scalars_check,
    .mg_action = mib_switch_action,
    .mg_undo = mib_switch_undo,
};

void
init_node_scalars(void)
{
    mib_group_register(&node_group);
}

void
shutdown_node_scalars(void)
{
    mib_group_unregister(&node_group);
}

static int
node_scalars_value(netsnmp_variable_list *vb, const struct mib_row *row,
                   unsigned int which)
{
    const struct snap_node *n = &agent.as_snap->ss_node;
    unsigned long unsaved = index_map_unsaved(agent.as_map);

    switch (which) {
    case NODE_HV_TYPE:
        return mib_set_string(vb, n->sn_hvtype);
    case NODE_HV_VERSION:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_hvversion);
    case NODE_LIB_VERSION:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_libversion);
    case NODE_CPU_MODEL:
        return mib_set_string(vb, n->sn_model);
    case NODE_MEMORY:
        return mib_set_number(vb, ASN_UNSIGNED,
                              virt_mib_kib_to_mib(n->sn_memory));
    case NODE_CPUS:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_cpus);
    case NODE_MHZ:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_mhz);
    case NODE_NUMA_NODES:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_nodes);
    case NODE_SOCKETS:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_sockets);
    case NODE_CORES:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_cores);
    case NODE_THREADS:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_threads);
    case NODE_MAX_CPUS:
        return mib_set_number(vb, ASN_UNSIGNED, n->sn_maxcpus);
    case NODE_ACTIVE_DOMAINS:
        return mib_set_number(vb, ASN_GAUGE, agent.as_snap->ss_nactive);
    case NODE_DEFINED_DOMAINS:
        return mib_set_number(vb, ASN_GAUGE, agent.as_snap->ss_ndefined);
    case NODE_TABLE_LAST_CHANGE:
        return mib_set_number(vb, ASN_TIMETICKS, agent.as_last_change);
    case NODE_NOTIFICATIONS_ENABLED:
        return mib_set_number(vb, ASN_INTEGER,
                              agent.as_notify ? TV_TRUE : TV_FALSE);
    case NODE_STALE:
        return mib_set_number(vb, ASN_INTEGER,
                              agent.as_stale || unsaved ? TV_TRUE : TV_FALSE);
    case NODE_UNSAVED_DOMAINS:
        return mib_set_number(vb, ASN_GAUGE, unsaved);
    default:
        return -1;
    }
}

/* SET of virtNodeNotificationsEnabled */

/* After the checks every group shares: a TruthValue. */
static int
node_scalars_check(netsnmp_variable_list *vb, const struct mib_row *row,
                   unsigned int col, struct mib_set *plan, char *why)
{
    (void)row;
    (void)col; /* mg_writable: virtNodeNotificationsEnabled only */
    return mib_switch_check(vb, &agent.as_notify, plan, why);
}
