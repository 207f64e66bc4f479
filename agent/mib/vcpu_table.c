/*
 * vcpu_table.c: virtVcpuTable, indexed by (virtDomainIndex,
 * virtVcpuNumber), hand-written over the snapshot.  virtVcpuAffinity is
 * writable: RESERVE1 checks, ACTION pins, UNDO pins the old map back.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "runtime/agent.h"
#include "runtime/liberror.h"
#include "runtime/schedule.h"
#include "runtime/agentx_guard.h"
#include "mib/mib_groups.h"
#include "mib/mib_request.h"
#include "model/virt_oids.h"
#include "model/virt_mib.h"

#define VCPU_TABLE_TOKEN "virtmibd/vcpu_table"
/* the MIB's SIZE (1..512): 4,096 cpus, the most Xen supports on x86 */
#define VCPU_MAPLEN_MAX 512

struct vcpu_set {
    unsigned char vs_uuid[SNAP_UUID_LEN];
    char vs_name[64];
    unsigned int vs_vcpu;
    int vs_maplen;
    unsigned char vs_new[VCPU_MAPLEN_MAX];
    unsigned char vs_old[VCPU_MAPLEN_MAX];
    int vs_done;
};

static const oid vcpu_entry_oid[] = { VIRT_VCPU_ENTRY };

/* The columns' descriptors, for the log. */
static const char *const vcpu_col_names[] = {
    [VCPU_COL_NUMBER] = "virtVcpuNumber",
    [VCPU_COL_STATE] = "virtVcpuState",
    [VCPU_COL_CPU_TIME] = "virtVcpuCpuTime",
    [VCPU_COL_CPU] = "virtVcpuCpu",
    [VCPU_COL_AFFINITY] = "virtVcpuAffinity",
};
static netsnmp_handler_registration *vcpu_reg;

static void vcpu_table_commit(netsnmp_request_info *req);
static int vcpu_table_handler(netsnmp_mib_handler *handler,
                              netsnmp_handler_registration *reginfo,
                              netsnmp_agent_request_info *reqinfo,
                              netsnmp_request_info *requests);
static void vcpu_table_get(netsnmp_request_info *req);
static void vcpu_table_getnext(netsnmp_request_info *req);
static int vcpu_table_value(netsnmp_variable_list *vb,
                            const struct snap_vcpu *vcpu, unsigned int col);
static int vcpu_table_reserve(netsnmp_request_info *req);
static int vcpu_table_check(netsnmp_variable_list *vb,
                            const struct snap_domain **dom,
                            const struct snap_vcpu **vcpu, char *why);
static int vcpu_table_check_map(netsnmp_variable_list *vb, char *why);
static void vcpu_table_refuse(netsnmp_request_info *req, int err,
                              const char *domain, const char *why);
static int vcpu_table_pin(netsnmp_request_info *req, int undo);
static int vcpu_table_pin_failed(netsnmp_request_info *req, struct vcpu_set *vs,
                                 int undo, const char *msg);

void
init_vcpu_table(void)
{
    vcpu_reg = mib_register("virtVcpuTable", vcpu_table_handler, vcpu_entry_oid,
                            OID_LENGTH(vcpu_entry_oid));
}

void
shutdown_vcpu_table(void)
{
    mib_unregister(&vcpu_reg);
}

static int
vcpu_table_handler(netsnmp_mib_handler *handler,
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
        switch (reqinfo->mode) {
        case MODE_GET:
            vcpu_table_get(req);
            break;
        case MODE_GETNEXT:
            vcpu_table_getnext(req);
            break;
        case MODE_SET_RESERVE1:
            vcpu_table_reserve(req);
            break;
        case MODE_SET_ACTION:
            /* stop at the first failure: UNDO puts back the rest */
            if (vcpu_table_pin(req, 0) != SNMP_ERR_NOERROR)
                req = NULL;
            break;
        case MODE_SET_UNDO:
            vcpu_table_pin(req, 1);
            break;
        case MODE_SET_COMMIT:
            vcpu_table_commit(req);
            break;
        default:
            break;
        }
        if (!req)
            break;
    }
    if (reqinfo->mode == MODE_SET_ACTION &&
        agentx_guard_refuse(reqinfo, requests)) /* gone meanwhile */
        for (req = requests; req; req = req->next)
            vcpu_table_pin(req, 1);
    agent_request_end(reqinfo->mode);
    return SNMP_ERR_NOERROR;
}

static void
vcpu_table_get(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    const struct snap_domain *dom = NULL;
    const struct snap_vcpu *vcpu = NULL;
    struct mib_pos pos;
    enum mib_exact r;

    r = mib_pos_exact(vb->name, vb->name_length, vcpu_entry_oid,
                      OID_LENGTH(vcpu_entry_oid), VCPU_COL_AFFINITY, 2, &pos);
    if (r == MIB_EXACT_NO_OBJECT ||
        (r == MIB_EXACT_OK && pos.mp_col == VCPU_COL_NUMBER)) {
        netsnmp_request_set_error(req, SNMP_NOSUCHOBJECT);
        return;
    }
    if (r == MIB_EXACT_OK)
        vcpu = snapshot_vcpu_lookup(agent.as_snap, pos.mp_idx, 2, SNAP_EXACT,
                                    &dom);
    if (!vcpu || vcpu_table_value(vb, vcpu, pos.mp_col) < 0)
        netsnmp_request_set_error(req, SNMP_NOSUCHINSTANCE);
}

static void
vcpu_table_getnext(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    const struct snap_domain *dom = NULL;
    const struct snap_vcpu *vcpu;
    struct mib_pos pos;
    unsigned int col, idx[2];

    if (mib_pos_next(vb->name, vb->name_length, vcpu_entry_oid,
                     OID_LENGTH(vcpu_entry_oid), VCPU_COL_AFFINITY, 2,
                     &pos) < 0)
        return;
    for (col = pos.mp_col; col <= VCPU_COL_AFFINITY; col++) {
        if (col == VCPU_COL_NUMBER) {
            pos.mp_nidx = 0;
            continue;
        }
        vcpu = snapshot_vcpu_lookup(agent.as_snap, pos.mp_idx, pos.mp_nidx,
                                    SNAP_NEXT, &dom);
        pos.mp_nidx = 0;
        if (!vcpu)
            continue;
        idx[0] = dom->sd_index;
        idx[1] = vcpu->sv_number;
        if (mib_set_oid(vb, vcpu_entry_oid, OID_LENGTH(vcpu_entry_oid), col,
                        idx, 2) < 0)
            return;
        vcpu_table_value(vb, vcpu, col);
        return;
    }
}

static int
vcpu_table_value(netsnmp_variable_list *vb, const struct snap_vcpu *vcpu,
                 unsigned int col)
{
    struct counter64 c64;
    long l;

    switch (col) {
    case VCPU_COL_STATE:
        l = vcpu->sv_state;
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
    case VCPU_COL_CPU_TIME:
        c64.high = (u_long)(vcpu->sv_cputime >> 32);
        c64.low = (u_long)(vcpu->sv_cputime & 0xFFFFFFFFULL);
        return snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
    case VCPU_COL_CPU:
        l = vcpu->sv_cpu;
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
    case VCPU_COL_AFFINITY:
        return snmp_set_var_typed_value(
            vb, ASN_OCTET_STR, vcpu->sv_cpumap,
            (size_t)agent.as_snap->ss_node.sn_maplen);
    default:
        return -1;
    }
}

static int
vcpu_table_reserve(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    const struct snap_domain *dom = NULL;
    const struct snap_vcpu *vcpu = NULL;
    const struct snap_node *node = &agent.as_snap->ss_node;
    struct vcpu_set *vs = NULL;
    char why[MIB_WHY_LEN] = "";
    int err;

    err = vcpu_table_check(vb, &dom, &vcpu, why);
    if (err == SNMP_ERR_NOERROR && node->sn_maplen > VCPU_MAPLEN_MAX) {
        err = SNMP_ERR_RESOURCEUNAVAILABLE;
        snprintf(why, sizeof(why), "a host of %u cpus is too large to pin on",
                 node->sn_maxcpus);
    }
    if (err == SNMP_ERR_NOERROR) {
        vs = calloc(1, sizeof(*vs));
        if (!vs) {
            err = SNMP_ERR_RESOURCEUNAVAILABLE;
            snprintf(why, sizeof(why), "out of memory");
        }
    }
    if (err != SNMP_ERR_NOERROR) {
        vcpu_table_refuse(req, err, dom ? dom->sd_name : NULL, why);
        return err;
    }
    memcpy(vs->vs_uuid, dom->sd_uuid, SNAP_UUID_LEN);
    snprintf(vs->vs_name, sizeof(vs->vs_name), "%s", dom->sd_name);
    vs->vs_vcpu = vcpu->sv_number;
    vs->vs_maplen = node->sn_maplen;
    memcpy(vs->vs_new, vb->val.string, vb->val_len);
    memcpy(vs->vs_old, vcpu->sv_cpumap, (size_t)node->sn_maplen);
    netsnmp_request_add_list_data(
        req, netsnmp_create_data_list(VCPU_TABLE_TOKEN, vs, free));
    return SNMP_ERR_NOERROR;
}

/* Every check of a SET of virtVcpuAffinity: the object, the row, the
 * type, the length and the CPUs named. */
static int
vcpu_table_check(netsnmp_variable_list *vb, const struct snap_domain **dom,
                 const struct snap_vcpu **vcpu, char *why)
{
    struct mib_pos pos;
    enum mib_exact r;

    /* first: read-only mode refuses every SET alike */
    if (agent.as_readonly) {
        snprintf(why, MIB_WHY_LEN, "virtmibd is read-only");
        return SNMP_ERR_NOTWRITABLE;
    }
    r = mib_pos_exact(vb->name, vb->name_length, vcpu_entry_oid,
                      OID_LENGTH(vcpu_entry_oid), VCPU_COL_AFFINITY, 2, &pos);
    if (r == MIB_EXACT_NO_OBJECT) {
        snprintf(why, MIB_WHY_LEN, "no such object");
        return SNMP_ERR_NOTWRITABLE;
    }
    if (pos.mp_col == VCPU_COL_NUMBER) {
        snprintf(why, MIB_WHY_LEN, "an index is not accessible");
        return SNMP_ERR_NOACCESS;
    }
    if (pos.mp_col != VCPU_COL_AFFINITY) {
        snprintf(why, MIB_WHY_LEN, "read-only object");
        return SNMP_ERR_NOTWRITABLE;
    }
    if (r == MIB_EXACT_OK)
        *vcpu =
            snapshot_vcpu_lookup(agent.as_snap, pos.mp_idx, 2, SNAP_EXACT, dom);
    if (!*vcpu) {
        snprintf(why, MIB_WHY_LEN, "no such vcpu of a running domain");
        return SNMP_ERR_NOCREATION;
    }
    return vcpu_table_check_map(vb, why);
}

/* The type, the length and the cpus a written map names. */
static int
vcpu_table_check_map(netsnmp_variable_list *vb, char *why)
{
    const struct snap_node *node = &agent.as_snap->ss_node;

    if (vb->type != ASN_OCTET_STR) {
        snprintf(why, MIB_WHY_LEN, "not an OCTET STRING");
        return SNMP_ERR_WRONGTYPE;
    }
    switch (
        virt_mib_cpumap_check(vb->val.string, vb->val_len, node->sn_maxcpus)) {
    case CPUMAP_WRONG_LENGTH:
        snprintf(why, MIB_WHY_LEN, "%lu octets, a host of %u cpus needs %d",
                 (unsigned long)vb->val_len, node->sn_maxcpus, node->sn_maplen);
        return SNMP_ERR_WRONGLENGTH;
    case CPUMAP_WRONG_VALUE:
        snprintf(why, MIB_WHY_LEN,
                 "names no cpu, or a cpu the host of %u cpus lacks",
                 node->sn_maxcpus);
        return SNMP_ERR_WRONGVALUE;
    default:
        return SNMP_ERR_NOERROR;
    }
}

/* The one log line and error of a refused varbind of this table. */
static void
vcpu_table_refuse(netsnmp_request_info *req, int err, const char *domain,
                  const char *why)
{
    size_t baselen = OID_LENGTH(vcpu_entry_oid);
    size_t ncols = sizeof(vcpu_col_names) / sizeof(*vcpu_col_names);
    const char *object;

    object = mib_column_name(req->requestvb, vcpu_entry_oid, baselen,
                             vcpu_col_names, ncols);
    mib_refuse(req, err, object, baselen, domain, why);
}

/* ACTION (undo = 0) pins the new map; UNDO (undo = 1) the old one. */
static int
vcpu_table_pin(netsnmp_request_info *req, int undo)
{
    struct vcpu_set *vs;
    virDomainPtr dom;
    char msg[MIB_WHY_LEN];
    int ret;

    vs = netsnmp_request_get_list_data(req, VCPU_TABLE_TOKEN);
    if (!vs || (undo && !vs->vs_done))
        return SNMP_ERR_NOERROR;
    DEBUGMSGTL(("virtmibd/vcpu_table", "%s vcpu %u of domain '%s'\n",
                undo ? "unpin" : "pin", vs->vs_vcpu, vs->vs_name));
    dom = agent.as_conn ? virDomainLookupByUUID(agent.as_conn, vs->vs_uuid)
                        : NULL;
    if (!dom) {
        snprintf(msg, sizeof(msg), "the domain is gone");
        return vcpu_table_pin_failed(req, vs, undo, msg);
    }
    ret = virDomainPinVcpu(dom, vs->vs_vcpu, undo ? vs->vs_old : vs->vs_new,
                           vs->vs_maplen);
    if (ret < 0) /* before virDomainFree(), which clears the last error */
        agent_library_error(msg, sizeof(msg));
    virDomainFree(dom);
    if (ret < 0)
        return vcpu_table_pin_failed(req, vs, undo, msg);
    vs->vs_done = !undo;
    if (undo)
        agent_request_refresh_domain(vs->vs_uuid);
    return SNMP_ERR_NOERROR;
}

/* ACTION failed: commitFailed; UNDO failed: the map stays changed. */
static int
vcpu_table_pin_failed(netsnmp_request_info *req, struct vcpu_set *vs, int undo,
                      const char *msg)
{
    if (!undo) {
        vcpu_table_refuse(req, SNMP_ERR_COMMITFAILED, vs->vs_name, msg);
        return SNMP_ERR_COMMITFAILED;
    }
    snmp_log(LOG_ERR, "%scannot pin vcpu %u of domain '%s' back: %s\n",
             agent.as_log_prefix, vs->vs_vcpu, vs->vs_name, msg);
    agent_request_refresh_domain(vs->vs_uuid);
    netsnmp_request_set_error(req, SNMP_ERR_UNDOFAILED);
    return SNMP_ERR_UNDOFAILED;
}

/* SET: the domain whose vcpu was pinned is read again, alone. */
static void
vcpu_table_commit(netsnmp_request_info *req)
{
    struct vcpu_set *vs = netsnmp_request_get_list_data(req, VCPU_TABLE_TOKEN);

    if (vs)
        agent_request_refresh_domain(vs->vs_uuid);
    else
        agent_request_refresh();
}
