/*
 * vcpu_table.c: virtVcpuTable, indexed by (virtDomainIndex,
 * virtVcpuNumber), hand-written over the snapshot, its phases run by
 * mib_handler.c.  virtVcpuAffinity is writable: RESERVE1 checks, ACTION
 * pins, UNDO pins the old map back.
 */

#include <config.h>

#include <string.h>

#include "runtime/agent.h"
#include "runtime/liberror.h"
#include "runtime/schedule.h"
#include "model/virt_mib.h"
#include "model/virt_oids.h"
#include "mib/mib_groups.h"
#include "mib/mib_handler.h"
#include "mib/mib_request.h"

/* the MIB's SIZE (1..512): 4,096 cpus, the most Xen supports on x86 */
#define VCPU_MAPLEN_MAX 512

struct vcpu_set {
    struct mib_set vs_set; /* first: the plan's head */
    unsigned char vs_uuid[SNAP_UUID_LEN];
    char vs_name[64];
    unsigned int vs_vcpu;
    int vs_maplen;
    unsigned char vs_new[VCPU_MAPLEN_MAX];
    unsigned char vs_old[VCPU_MAPLEN_MAX];
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

/* the group */
static int vcpu_table_locate(const unsigned int *idx, size_t nidx,
                             enum snap_lookup how, struct mib_row *row);
static int vcpu_table_value(netsnmp_variable_list *vb,
                            const struct mib_row *row, unsigned int col);

/* SET */
static int vcpu_table_check(netsnmp_variable_list *vb,
                            const struct mib_row *row, unsigned int col,
                            struct mib_set *plan, char *why);
static int vcpu_table_check_map(netsnmp_variable_list *vb, char *why);
static int vcpu_table_action(netsnmp_request_info *req, struct mib_set *plan);
static int vcpu_table_undo(netsnmp_request_info *req, struct mib_set *plan);
static int vcpu_table_pin(const struct vcpu_set *vs, unsigned char *map,
                          char *msg);
static void vcpu_table_commit(netsnmp_request_info *req, struct mib_set *plan);

static struct mib_group vcpu_group = {
    .mg_name = "virtVcpuTable",
    .mg_base = vcpu_entry_oid,
    .mg_baselen = OID_LENGTH(vcpu_entry_oid),
    .mg_firstcol = VCPU_COL_STATE,
    .mg_lastcol = VCPU_COL_AFFINITY,
    .mg_nidx = 2,
    .mg_names = vcpu_col_names,
    .mg_nnames = sizeof(vcpu_col_names) / sizeof(*vcpu_col_names),
    .mg_writable = MIB_COL(VCPU_COL_AFFINITY),
    .mg_nocreation = "no such vcpu of a running domain",
    .mg_plan_size = sizeof(struct vcpu_set),
    .mg_locate = vcpu_table_locate,
    .mg_value = vcpu_table_value,
    .mg_check = vcpu_table_check,
    .mg_action = vcpu_table_action,
    .mg_undo = vcpu_table_undo,
    .mg_commit = vcpu_table_commit,
};

void
init_vcpu_table(void)
{
    mib_group_register(&vcpu_group);
}

void
shutdown_vcpu_table(void)
{
    mib_group_unregister(&vcpu_group);
}

static int
vcpu_table_locate(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                  struct mib_row *row)
{
    const struct snap_vcpu *vcpu;

    vcpu = snapshot_vcpu_lookup(agent.as_snap, idx, nidx, how, &row->mr_dom);
    row->mr_obj = vcpu;
    if (!vcpu)
        return -1;
    row->mr_idx[0] = row->mr_dom->sd_index;
    row->mr_idx[1] = vcpu->sv_number;
    return 0;
}

static int
vcpu_table_value(netsnmp_variable_list *vb, const struct mib_row *row,
                 unsigned int col)
{
    const struct snap_vcpu *vcpu = row->mr_obj;

    switch (col) {
    case VCPU_COL_STATE:
        return mib_set_number(vb, ASN_INTEGER, vcpu->sv_state);
    case VCPU_COL_CPU_TIME:
        return mib_set_counter64(vb, vcpu->sv_cputime);
    case VCPU_COL_CPU:
        return mib_set_number(vb, ASN_INTEGER, vcpu->sv_cpu);
    case VCPU_COL_AFFINITY:
        return snmp_set_var_typed_value(
            vb, ASN_OCTET_STR, vcpu->sv_cpumap,
            (size_t)agent.as_snap->ss_node.sn_maplen);
    default:
        return -1;
    }
}

/* After the checks every group shares: the type, the length and the
 * cpus the map names, and a host small enough to pin on. */
static int
vcpu_table_check(netsnmp_variable_list *vb, const struct mib_row *row,
                 unsigned int col, struct mib_set *plan, char *why)
{
    const struct snap_node *node = &agent.as_snap->ss_node;
    const struct snap_vcpu *vcpu = row->mr_obj;
    struct vcpu_set *vs = (struct vcpu_set *)plan;
    int err;

    err = vcpu_table_check_map(vb, why);
    if (err != SNMP_ERR_NOERROR)
        return err;
    if (node->sn_maplen > VCPU_MAPLEN_MAX) {
        snprintf(why, MIB_WHY_LEN, "a host of %u cpus is too large to pin on",
                 node->sn_maxcpus);
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    }
    memcpy(vs->vs_uuid, row->mr_dom->sd_uuid, SNAP_UUID_LEN);
    snprintf(vs->vs_name, sizeof(vs->vs_name), "%s", row->mr_dom->sd_name);
    vs->vs_vcpu = vcpu->sv_number;
    vs->vs_maplen = node->sn_maplen;
    memcpy(vs->vs_new, vb->val.string, vb->val_len);
    memcpy(vs->vs_old, vcpu->sv_cpumap, (size_t)node->sn_maplen);
    return SNMP_ERR_NOERROR;
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

/* ACTION pins the new map; a failure answers commitFailed. */
static int
vcpu_table_action(netsnmp_request_info *req, struct mib_set *plan)
{
    struct vcpu_set *vs = (struct vcpu_set *)plan;
    char msg[MIB_WHY_LEN];

    DEBUGMSGTL(("virtmibd/vcpu_table", "pin vcpu %u of domain '%s'\n",
                vs->vs_vcpu, vs->vs_name));
    if (vcpu_table_pin(vs, vs->vs_new, msg) < 0) {
        mib_group_refuse(&vcpu_group, req, SNMP_ERR_COMMITFAILED, vs->vs_name,
                         msg);
        return SNMP_ERR_COMMITFAILED;
    }
    vs->vs_set.ms_done = 1;
    return SNMP_ERR_NOERROR;
}

/* UNDO pins the old map back; if it cannot, the map stays changed. */
static int
vcpu_table_undo(netsnmp_request_info *req, struct mib_set *plan)
{
    struct vcpu_set *vs = (struct vcpu_set *)plan;
    char msg[MIB_WHY_LEN];
    int ret;

    DEBUGMSGTL(("virtmibd/vcpu_table", "unpin vcpu %u of domain '%s'\n",
                vs->vs_vcpu, vs->vs_name));
    ret = vcpu_table_pin(vs, vs->vs_old, msg);
    agent_request_refresh_domain(vs->vs_uuid);
    if (ret == 0)
        return 0;
    snmp_log(LOG_ERR, "%scannot pin vcpu %u of domain '%s' back: %s\n",
             agent.as_log_prefix, vs->vs_vcpu, vs->vs_name, msg);
    return -1;
}

/* Pins the vcpu of @vs on @map: 0, or -1 with the reason in @msg. */
static int
vcpu_table_pin(const struct vcpu_set *vs, unsigned char *map, char *msg)
{
    virDomainPtr dom;
    int ret;

    dom = mib_domain_lookup(vs->vs_uuid);
    if (!dom) {
        snprintf(msg, MIB_WHY_LEN, "the domain is gone");
        return -1;
    }
    ret = virDomainPinVcpu(dom, vs->vs_vcpu, map, vs->vs_maplen);
    if (ret < 0) /* before virDomainFree(), which clears the last error */
        agent_library_error(msg, MIB_WHY_LEN);
    virDomainFree(dom);
    return ret < 0 ? -1 : 0;
}

/* SET: the domain whose vcpu was pinned is read again, alone. */
static void
vcpu_table_commit(netsnmp_request_info *req, struct mib_set *plan)
{
    const struct vcpu_set *vs = (const struct vcpu_set *)plan;

    agent_request_refresh_domain(vs->vs_uuid);
}
