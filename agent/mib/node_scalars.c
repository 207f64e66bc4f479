/*
 * node_scalars.c: the virtNode scalars, one handler over the group,
 * answered from the snapshot.  virtNodeNotificationsEnabled is the one
 * writable object; it changes agent state only, so ACTION sets it and
 * UNDO puts the old value back.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "runtime/agent.h"
#include "runtime/schedule.h"
#include "runtime/agentx_guard.h"
#include "mib/mib_groups.h"
#include "mib/mib_request.h"
#include "model/index_map.h"
#include "model/virt_oids.h"
#include "model/virt_mib.h"

#define NODE_SCALARS_TOKEN "virtmibd/node_scalars"

static const oid node_oid[] = { VIRT_NODE };
static netsnmp_handler_registration *node_reg;

/* The scalars' descriptors, for the log. */
static const char *const node_scalar_names[] = {
    [0] = NULL,
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

static int node_scalars_handler(netsnmp_mib_handler *handler,
                                netsnmp_handler_registration *reginfo,
                                netsnmp_agent_request_info *reqinfo,
                                netsnmp_request_info *requests);
static void node_scalars_get(netsnmp_request_info *req);
static void node_scalars_getnext(netsnmp_request_info *req);
static int node_scalars_value(netsnmp_variable_list *vb, unsigned int which);
static int node_scalars_number(netsnmp_variable_list *vb, u_char type,
                               unsigned long value);
static void node_scalars_set(netsnmp_request_info *req, int mode);
static int node_scalars_reserve(netsnmp_request_info *req);
static int node_scalars_check(netsnmp_variable_list *vb, enum mib_exact r,
                              const struct mib_pos *pos, const char **why);

void
init_node_scalars(void)
{
    node_reg = mib_register("virtNode", node_scalars_handler, node_oid,
                            OID_LENGTH(node_oid));
}

void
shutdown_node_scalars(void)
{
    mib_unregister(&node_reg);
}

static int
node_scalars_handler(netsnmp_mib_handler *handler,
                     netsnmp_handler_registration *reginfo,
                     netsnmp_agent_request_info *reqinfo,
                     netsnmp_request_info *requests)
{
    netsnmp_request_info *req;

    agent_request_begin(reqinfo->mode, mib_transid(reqinfo));
    /* the master has gone: nothing changes (agent_request_end() has
     * nothing to do after ACTION) */
    if (reqinfo->mode == MODE_SET_ACTION &&
        agentx_guard_refuse(reqinfo, requests))
        return SNMP_ERR_NOERROR;
    for (req = requests; req; req = req->next) {
        if (req->processed)
            continue;
        if (reqinfo->mode == MODE_GET)
            node_scalars_get(req);
        else if (reqinfo->mode == MODE_GETNEXT)
            node_scalars_getnext(req);
        else
            node_scalars_set(req, reqinfo->mode);
    }
    agent_request_end(reqinfo->mode);
    return SNMP_ERR_NOERROR;
}

static void
node_scalars_get(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_pos pos;
    enum mib_exact r;

    r = mib_pos_exact(vb->name, vb->name_length, node_oid, OID_LENGTH(node_oid),
                      NODE_UNSAVED_DOMAINS, 1, &pos);
    if (r == MIB_EXACT_NO_OBJECT)
        netsnmp_request_set_error(req, SNMP_NOSUCHOBJECT);
    else if (r != MIB_EXACT_OK || pos.mp_idx[0] != 0 ||
             node_scalars_value(vb, pos.mp_col) < 0)
        netsnmp_request_set_error(req, SNMP_NOSUCHINSTANCE);
}

static void
node_scalars_getnext(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    static const unsigned int zero = 0;
    struct mib_pos pos;
    unsigned int which;

    if (mib_pos_next(vb->name, vb->name_length, node_oid, OID_LENGTH(node_oid),
                     NODE_UNSAVED_DOMAINS, 1, &pos) < 0)
        return;
    /* name.N.0 and anything after it within N: on to N + 1 */
    which = pos.mp_nidx ? pos.mp_col + 1 : pos.mp_col;
    if (which > NODE_UNSAVED_DOMAINS)
        return;
    if (mib_set_oid(vb, node_oid, OID_LENGTH(node_oid), which, &zero, 1) < 0)
        return;
    node_scalars_value(vb, which);
}

static int
node_scalars_number(netsnmp_variable_list *vb, u_char type, unsigned long value)
{
    long v = (long)value;

    return snmp_set_var_typed_value(vb, type, &v, sizeof(v));
}

static int
node_scalars_value(netsnmp_variable_list *vb, unsigned int which)
{
    const struct snap_node *n = &agent.as_snap->ss_node;
    unsigned long unsaved = index_map_unsaved(agent.as_map);

    switch (which) {
    case NODE_HV_TYPE:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, n->sn_hvtype,
                                        strlen(n->sn_hvtype));
    case NODE_HV_VERSION:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_hvversion);
    case NODE_LIB_VERSION:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_libversion);
    case NODE_CPU_MODEL:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, n->sn_model,
                                        strlen(n->sn_model));
    case NODE_MEMORY:
        return node_scalars_number(vb, ASN_UNSIGNED,
                                   virt_mib_kib_to_mib(n->sn_memory));
    case NODE_CPUS:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_cpus);
    case NODE_MHZ:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_mhz);
    case NODE_NUMA_NODES:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_nodes);
    case NODE_SOCKETS:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_sockets);
    case NODE_CORES:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_cores);
    case NODE_THREADS:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_threads);
    case NODE_MAX_CPUS:
        return node_scalars_number(vb, ASN_UNSIGNED, n->sn_maxcpus);
    case NODE_ACTIVE_DOMAINS:
        return node_scalars_number(vb, ASN_GAUGE, agent.as_snap->ss_nactive);
    case NODE_DEFINED_DOMAINS:
        return node_scalars_number(vb, ASN_GAUGE, agent.as_snap->ss_ndefined);
    case NODE_TABLE_LAST_CHANGE:
        return node_scalars_number(vb, ASN_TIMETICKS, agent.as_last_change);
    case NODE_NOTIFICATIONS_ENABLED:
        return node_scalars_number(vb, ASN_INTEGER,
                                   agent.as_notify ? TV_TRUE : TV_FALSE);
    case NODE_STALE:
        return node_scalars_number(
            vb, ASN_INTEGER, agent.as_stale || unsaved ? TV_TRUE : TV_FALSE);
    case NODE_UNSAVED_DOMAINS:
        return node_scalars_number(vb, ASN_GAUGE, unsaved);
    default:
        return -1;
    }
}

/* SET of virtNodeNotificationsEnabled */

static void
node_scalars_set(netsnmp_request_info *req, int mode)
{
    int *old;

    switch (mode) {
    case MODE_SET_RESERVE1:
        node_scalars_reserve(req);
        break;
    case MODE_SET_ACTION:
        old = netsnmp_request_get_list_data(req, NODE_SCALARS_TOKEN);
        if (old) {
            *old = agent.as_notify;
            agent.as_notify = *req->requestvb->val.integer == TV_TRUE;
            DEBUGMSGTL(("virtmibd/node_scalars", "notifications %s\n",
                        agent.as_notify ? "on" : "off"));
        }
        break;
    case MODE_SET_UNDO:
        old = netsnmp_request_get_list_data(req, NODE_SCALARS_TOKEN);
        if (old)
            agent.as_notify = *old;
        break;
    default:
        break;
    }
}

static int
node_scalars_reserve(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_pos pos;
    enum mib_exact r;
    const char *why = "out of memory";
    int err, *old;

    r = mib_pos_exact(vb->name, vb->name_length, node_oid, OID_LENGTH(node_oid),
                      NODE_UNSAVED_DOMAINS, 1, &pos);
    err = node_scalars_check(vb, r, &pos, &why);
    if (err == SNMP_ERR_NOERROR) {
        old = calloc(1, sizeof(*old));
        if (!old)
            err = SNMP_ERR_RESOURCEUNAVAILABLE;
        else
            netsnmp_request_add_list_data(
                req, netsnmp_create_data_list(NODE_SCALARS_TOKEN, old, free));
    }
    if (err != SNMP_ERR_NOERROR)
        mib_refuse(req, err,
                   r == MIB_EXACT_NO_OBJECT ? NULL
                                            : node_scalar_names[pos.mp_col],
                   OID_LENGTH(node_oid), NULL, why);
    return err;
}

/* Every check of a SET of a virtNode scalar; *why says what failed. */
static int
node_scalars_check(netsnmp_variable_list *vb, enum mib_exact r,
                   const struct mib_pos *pos, const char **why)
{
    int err;

    /* first: read-only mode refuses every SET alike */
    if (agent.as_readonly) {
        *why = "virtmibd is read-only";
        return SNMP_ERR_NOTWRITABLE;
    }
    if (r == MIB_EXACT_NO_OBJECT) {
        *why = "no such object";
        return SNMP_ERR_NOTWRITABLE;
    }
    if (pos->mp_col != NODE_NOTIFICATIONS_ENABLED) {
        *why = "read-only object";
        return SNMP_ERR_NOTWRITABLE;
    }
    if (r != MIB_EXACT_OK || pos->mp_idx[0] != 0) {
        *why = "a scalar has only the instance .0";
        return SNMP_ERR_NOCREATION;
    }
    err = netsnmp_check_vb_type_and_size(vb, ASN_INTEGER, sizeof(long));
    if (err != SNMP_ERR_NOERROR) {
        *why = "not an INTEGER";
        return err;
    }
    if (!virt_mib_truth_valid(*vb->val.integer)) {
        *why = "not a TruthValue";
        return SNMP_ERR_WRONGVALUE;
    }
    return SNMP_ERR_NOERROR;
}
