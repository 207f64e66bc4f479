/*
 * domain_table.c: virtDomainTable, hand-written over the snapshot, its
 * phases run by mib_handler.c.
 *
 * GET and GETNEXT read only the snapshot.  SET checks everything in
 * RESERVE1 and RESERVE2 (type, length, range, row, state, limits), calls
 * the library in ACTION, puts back what it changed in UNDO, takes the
 * actions that cannot be undone (shutdown, reboot, destroy) in COMMIT
 * and asks for a fresh snapshot then.
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

/* What a SET of one varbind will do and what it needs to undo it. */
struct domain_set {
    struct mib_set ds_set; /* first: the plan's head */
    unsigned int ds_col;
    unsigned char ds_uuid[SNAP_UUID_LEN];
    char ds_name[64];
    enum admin_action ds_action;
    long ds_admin;               /* the virtDomainAdminState written */
    unsigned long ds_value;      /* KiB for memory, count for vcpus */
    unsigned long ds_old_maxmem; /* KiB */
    unsigned long ds_old_memory; /* KiB */
    unsigned int ds_old_vcpus;
};

static const oid domain_entry_oid[] = { VIRT_DOMAIN_ENTRY };

/* The columns' descriptors, for the log. */
static const char *const domain_col_names[] = {
    [DOMAIN_COL_INDEX] = "virtDomainIndex",
    [DOMAIN_COL_UUID] = "virtDomainUuid",
    [DOMAIN_COL_UUID_STRING] = "virtDomainUuidString",
    [DOMAIN_COL_NAME] = "virtDomainName",
    [DOMAIN_COL_ID] = "virtDomainId",
    [DOMAIN_COL_OS_TYPE] = "virtDomainOsType",
    [DOMAIN_COL_STATE] = "virtDomainState",
    [DOMAIN_COL_CPU_TIME] = "virtDomainCpuTime",
    [DOMAIN_COL_MAX_MEMORY] = "virtDomainMaxMemory",
    [DOMAIN_COL_MEMORY] = "virtDomainMemory",
    [DOMAIN_COL_VCPUS] = "virtDomainVcpus",
    [DOMAIN_COL_PERSISTENT] = "virtDomainPersistent",
    [DOMAIN_COL_ADMIN_STATE] = "virtDomainAdminState",
};

/* the group */
static int domain_table_value(netsnmp_variable_list *vb,
                              const struct mib_row *row, unsigned int col);

/* SET: RESERVE1 and RESERVE2 */
static int domain_table_check(netsnmp_variable_list *vb,
                              const struct mib_row *row, unsigned int col,
                              struct mib_set *plan, char *why);
static int domain_table_check_vcpus(netsnmp_variable_list *vb,
                                    const struct snap_domain *dom,
                                    struct domain_set *ds, char *why);
static int domain_table_check_memory(netsnmp_variable_list *vb,
                                     const struct snap_domain *dom,
                                     struct domain_set *ds, char *why);
static void domain_table_reserve2(netsnmp_agent_request_info *reqinfo,
                                  netsnmp_request_info *requests);
static int domain_table_pdu_size(netsnmp_agent_request_info *reqinfo);

/* SET: ACTION, UNDO and COMMIT */
static int domain_table_first(const struct mib_set *plan);
static int domain_table_action(netsnmp_request_info *req, struct mib_set *plan);
static virDomainPtr domain_table_lookup(netsnmp_request_info *req,
                                        const struct domain_set *ds);
static int domain_table_recheck(netsnmp_request_info *req,
                                struct domain_set *ds);
static int domain_table_apply(virDomainPtr *dom, const struct domain_set *ds);
static int domain_table_admin(virDomainPtr *dom, enum admin_action act);
static int domain_table_undo(netsnmp_request_info *req, struct mib_set *plan);
static int domain_table_revert(virDomainPtr *dom, const struct domain_set *ds);
static void domain_table_commit(netsnmp_request_info *req,
                                struct mib_set *plan);
static void domain_table_final(netsnmp_request_info *req,
                               struct domain_set *ds);

static struct mib_group domain_group = {
    .mg_name = "virtDomainTable",
    .mg_base = domain_entry_oid,
    .mg_baselen = OID_LENGTH(domain_entry_oid),
    .mg_firstcol = DOMAIN_COL_UUID,
    .mg_lastcol = DOMAIN_COL_ADMIN_STATE,
    .mg_nidx = 1,
    .mg_names = domain_col_names,
    .mg_nnames = sizeof(domain_col_names) / sizeof(*domain_col_names),
    .mg_writable = MIB_COL(DOMAIN_COL_MAX_MEMORY) | MIB_COL(DOMAIN_COL_MEMORY) |
                   MIB_COL(DOMAIN_COL_VCPUS) | MIB_COL(DOMAIN_COL_ADMIN_STATE),
    .mg_nocreation = "no such domain",
    .mg_plan_size = sizeof(struct domain_set),
    .mg_locate = mib_locate_domain,
    .mg_value = domain_table_value,
    .mg_check = domain_table_check,
    .mg_reserve2 = domain_table_reserve2,
    .mg_first = domain_table_first,
    .mg_action = domain_table_action,
    .mg_undo = domain_table_undo,
    .mg_commit = domain_table_commit,
};

/* Registration */

void
init_domain_table(void)
{
    mib_group_register(&domain_group);
}

void
shutdown_domain_table(void)
{
    mib_group_unregister(&domain_group);
}

/* GET and GETNEXT */

static int
domain_table_value(netsnmp_variable_list *vb, const struct mib_row *row,
                   unsigned int col)
{
    const struct snap_domain *dom = row->mr_obj;

    switch (col) {
    case DOMAIN_COL_UUID:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dom->sd_uuid,
                                        SNAP_UUID_LEN);
    case DOMAIN_COL_UUID_STRING:
        return mib_set_string(vb, dom->sd_uuidstr);
    case DOMAIN_COL_NAME:
        return mib_set_string(vb, dom->sd_name);
    case DOMAIN_COL_ID:
        return mib_set_number(vb, ASN_INTEGER, dom->sd_id);
    case DOMAIN_COL_OS_TYPE:
        return mib_set_string(vb, dom->sd_ostype);
    case DOMAIN_COL_STATE:
        return mib_set_number(vb, ASN_INTEGER, dom->sd_state);
    case DOMAIN_COL_CPU_TIME:
        return mib_set_counter64(vb, dom->sd_cputime);
    case DOMAIN_COL_MAX_MEMORY:
        return mib_set_number(vb, ASN_UNSIGNED,
                              virt_mib_kib_to_mib(dom->sd_maxmem));
    case DOMAIN_COL_MEMORY:
        return mib_set_number(vb, ASN_UNSIGNED,
                              virt_mib_kib_to_mib(dom->sd_memory));
    case DOMAIN_COL_VCPUS:
        return mib_set_number(vb, ASN_UNSIGNED, dom->sd_nrvcpu);
    case DOMAIN_COL_PERSISTENT:
        return mib_set_number(vb, ASN_INTEGER, dom->sd_persistent);
    case DOMAIN_COL_ADMIN_STATE:
        return mib_set_number(vb, ASN_INTEGER, virt_mib_admin_read(dom));
    default:
        return -1;
    }
}

/* SET: RESERVE1 and RESERVE2 check everything */

/* The row is known: the plan keeps what it is now, and the value must
 * fit (type, range, state). */
static int
domain_table_check(netsnmp_variable_list *vb, const struct mib_row *row,
                   unsigned int col, struct mib_set *plan, char *why)
{
    const struct snap_domain *dom = row->mr_obj;
    struct domain_set *ds = (struct domain_set *)plan;
    int err;

    ds->ds_col = col;
    memcpy(ds->ds_uuid, dom->sd_uuid, SNAP_UUID_LEN);
    snprintf(ds->ds_name, sizeof(ds->ds_name), "%s", dom->sd_name);
    ds->ds_old_maxmem = dom->sd_maxmem;
    ds->ds_old_memory = dom->sd_memory;
    ds->ds_old_vcpus = dom->sd_nrvcpu;
    if (ds->ds_col == DOMAIN_COL_MAX_MEMORY || ds->ds_col == DOMAIN_COL_MEMORY)
        return domain_table_check_memory(vb, dom, ds, why);
    err = netsnmp_check_vb_type_and_size(
        vb, ds->ds_col == DOMAIN_COL_VCPUS ? ASN_UNSIGNED : ASN_INTEGER,
        sizeof(long));
    if (err != SNMP_ERR_NOERROR) {
        snprintf(why, MIB_WHY_LEN, "not %s",
                 ds->ds_col == DOMAIN_COL_VCPUS ? "an Unsigned32"
                                                : "an INTEGER");
        return err;
    }
    if (ds->ds_col == DOMAIN_COL_VCPUS)
        return domain_table_check_vcpus(vb, dom, ds, why);
    ds->ds_admin = *vb->val.integer;
    ds->ds_action = virt_mib_admin_plan(dom, ds->ds_admin);
    if (ds->ds_action == ADMIN_ACT_WRONG_VALUE) {
        snprintf(why, MIB_WHY_LEN, "not a virtDomainAdminState value");
        return SNMP_ERR_WRONGVALUE;
    }
    if (ds->ds_action == ADMIN_ACT_INCONSISTENT) {
        snprintf(why, MIB_WHY_LEN, "not possible from state %s",
                 virt_mib_state_name(dom));
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    return SNMP_ERR_NOERROR;
}

static int
domain_table_check_vcpus(netsnmp_variable_list *vb,
                         const struct snap_domain *dom, struct domain_set *ds,
                         char *why)
{
    long value = *vb->val.integer;

    if (!virt_mib_vcpus_valid(value)) {
        snprintf(why, MIB_WHY_LEN, "not from 1 to 65535");
        return SNMP_ERR_WRONGVALUE;
    }
    if (!snapshot_domain_active(dom)) {
        snprintf(why, MIB_WHY_LEN, "the domain is not running");
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    /* 0: the library could not tell, it decides in ACTION */
    if (dom->sd_maxvcpus && (unsigned long)value > dom->sd_maxvcpus) {
        snprintf(why, MIB_WHY_LEN, "above the domain's maximum of %u vcpus",
                 dom->sd_maxvcpus);
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    ds->ds_value = (unsigned long)value;
    return SNMP_ERR_NOERROR;
}

static int
domain_table_check_memory(netsnmp_variable_list *vb,
                          const struct snap_domain *dom, struct domain_set *ds,
                          char *why)
{
    unsigned long mib;
    int err;

    err = netsnmp_check_vb_type_and_size(vb, ASN_UNSIGNED, sizeof(long));
    if (err != SNMP_ERR_NOERROR) {
        snprintf(why, MIB_WHY_LEN, "not an Unsigned32");
        return err;
    }
    mib = (unsigned long)*vb->val.integer & 0xFFFFFFFFUL;
    if (mib == 0 || virt_mib_mib_to_kib(mib, &ds->ds_value) < 0) {
        snprintf(why, MIB_WHY_LEN, "not a positive number of MiB");
        return SNMP_ERR_WRONGVALUE;
    }
    if (ds->ds_col == DOMAIN_COL_MAX_MEMORY &&
        agent.as_snap->ss_node.sn_memory &&
        ds->ds_value > agent.as_snap->ss_node.sn_memory) {
        snprintf(why, MIB_WHY_LEN, "above the host's memory of %lu MiB",
                 virt_mib_kib_to_mib(agent.as_snap->ss_node.sn_memory));
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    if (ds->ds_col == DOMAIN_COL_MAX_MEMORY && snapshot_domain_active(dom) &&
        !virt_mib_live_maxmem(agent.as_snap->ss_node.sn_hvtype)) {
        snprintf(why, MIB_WHY_LEN, "the domain is active: %s resizes the "
                 "maximum memory of a shut-off domain only",
                 agent.as_snap->ss_node.sn_hvtype);
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    /* above the maximum: RESERVE2, which sees the whole request */
    if (ds->ds_col == DOMAIN_COL_MEMORY && !snapshot_domain_active(dom)) {
        snprintf(why, MIB_WHY_LEN, "the domain is not running");
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    return SNMP_ERR_NOERROR;
}

/*
 * SET: RESERVE2 sees the whole request, as this agent receives it.  A
 * shutdown, reboot or destroy cannot be undone, so it must be the only
 * varbind of ours in its SET (inconsistentValue otherwise).  Varbinds of
 * other agents are not seen: for them the action waits for COMMIT, which
 * comes only once every agent's ACTION succeeded.  Memory is checked
 * against the maximum memory the same request sets for the same domain,
 * if any.
 */
static void
domain_table_reserve2(netsnmp_agent_request_info *reqinfo,
                      netsnmp_request_info *requests)
{
    netsnmp_request_info *req, *r2;
    struct domain_set *ds, *d2;
    unsigned long maxmem;
    char why[MIB_WHY_LEN];

    for (req = requests; req; req = req->next) {
        ds = netsnmp_request_get_list_data(req, domain_group.mg_name);
        if (ds && ds->ds_col == DOMAIN_COL_ADMIN_STATE &&
            virt_mib_admin_final(ds->ds_action) &&
            domain_table_pdu_size(reqinfo) != 1) {
            mib_group_refuse(&domain_group, req, SNMP_ERR_INCONSISTENTVALUE,
                             ds->ds_name,
                             "cannot be undone: must be the only varbind");
            return;
        }
        if (!ds || ds->ds_col != DOMAIN_COL_MEMORY)
            continue;
        maxmem = ds->ds_old_maxmem;
        for (r2 = requests; r2; r2 = r2->next) {
            d2 = netsnmp_request_get_list_data(r2, domain_group.mg_name);
            if (d2 && d2->ds_col == DOMAIN_COL_MAX_MEMORY &&
                memcmp(d2->ds_uuid, ds->ds_uuid, SNAP_UUID_LEN) == 0)
                maxmem = d2->ds_value;
        }
        if (ds->ds_value > maxmem) {
            snprintf(why, sizeof(why),
                     "above the domain's maximum memory of %lu MiB",
                     virt_mib_kib_to_mib(maxmem));
            mib_group_refuse(&domain_group, req, SNMP_ERR_INCONSISTENTVALUE,
                             ds->ds_name, why);
            return;
        }
    }
}

/* How many varbinds the SET carries (for this agent, under AgentX). */
static int
domain_table_pdu_size(netsnmp_agent_request_info *reqinfo)
{
    netsnmp_variable_list *vb;
    int n = 0;

    if (!reqinfo->asp || !reqinfo->asp->pdu)
        return -1;
    for (vb = reqinfo->asp->pdu->variables; vb; vb = vb->next_variable)
        n++;
    return n;
}

/*
 * ACTION and UNDO take maximum memory first, so that a memory raise in
 * the same request fits under it and an undo of both restores the
 * maximum before the memory.
 */
static int
domain_table_first(const struct mib_set *plan)
{
    const struct domain_set *ds = (const struct domain_set *)plan;

    return ds->ds_col == DOMAIN_COL_MAX_MEMORY;
}

/* SET: ACTION calls the library, UNDO puts it back */

static int
domain_table_action(netsnmp_request_info *req, struct mib_set *plan)
{
    struct domain_set *ds = (struct domain_set *)plan;
    virDomainPtr dom;
    char msg[MIB_WHY_LEN];
    int ret;

    DEBUGMSGTL(("virtmibd/domain_table", "set column %u of domain '%s'\n",
                ds->ds_col, ds->ds_name));
    if (ds->ds_col == DOMAIN_COL_ADMIN_STATE &&
        virt_mib_admin_final(ds->ds_action))
        return domain_table_recheck(req, ds);
    dom = domain_table_lookup(req, ds);
    if (!dom)
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    ret = domain_table_apply(&dom, ds);
    if (ret < 0) /* before virDomainFree(), which clears the last error */
        agent_library_error(msg, sizeof(msg));
    if (dom)
        virDomainFree(dom);
    if (ret < 0) {
        mib_group_refuse(&domain_group, req, SNMP_ERR_COMMITFAILED, ds->ds_name,
                         msg);
        return SNMP_ERR_COMMITFAILED;
    }
    ds->ds_set.ms_done = 1;
    return SNMP_ERR_NOERROR;
}

/* The live domain of a SET's row, or NULL after refusing the varbind. */
static virDomainPtr
domain_table_lookup(netsnmp_request_info *req, const struct domain_set *ds)
{
    virDomainPtr dom = mib_domain_lookup(ds->ds_uuid);

    if (!dom)
        mib_group_refuse(
            &domain_group, req, SNMP_ERR_RESOURCEUNAVAILABLE, ds->ds_name,
            agent.as_conn ? "the domain is gone" : "no hypervisor connection");
    return dom;
}

/*
 * ACTION of a final action: nothing is done yet (COMMIT does it, once
 * every other varbind, of any agent, passed ACTION), but the domain must
 * still exist and its live state still allow the action, so that COMMIT,
 * which cannot answer, should not fail.
 */
static int
domain_table_recheck(netsnmp_request_info *req, struct domain_set *ds)
{
    struct snap_domain live;
    virDomainPtr dom;
    virDomainInfo info;
    char msg[MIB_WHY_LEN];
    int ret;

    dom = domain_table_lookup(req, ds);
    if (!dom)
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    memset(&live, 0, sizeof(live));
    ret = virDomainGetInfo(dom, &info);
    if (ret < 0) {
        agent_library_error(msg, sizeof(msg));
    } else {
        live.sd_id = (int)virDomainGetID(dom);
        live.sd_state = info.state;
        snprintf(msg, sizeof(msg), "the domain is now %s",
                 virt_mib_state_name(&live));
    }
    virDomainFree(dom);
    if (ret == 0 && virt_mib_admin_plan(&live, ds->ds_admin) == ds->ds_action)
        return SNMP_ERR_NOERROR;
    mib_group_refuse(&domain_group, req, SNMP_ERR_COMMITFAILED, ds->ds_name,
                     msg);
    return SNMP_ERR_COMMITFAILED;
}

/* What ACTION does to *dom; see domain_table_admin() for the handle. */
static int
domain_table_apply(virDomainPtr *dom, const struct domain_set *ds)
{
    switch (ds->ds_col) {
    case DOMAIN_COL_MAX_MEMORY:
        return virDomainSetMaxMemory(*dom, ds->ds_value);
    case DOMAIN_COL_MEMORY:
        return virDomainSetMemory(*dom, ds->ds_value);
    case DOMAIN_COL_VCPUS:
        return virDomainSetVcpus(*dom, (unsigned int)ds->ds_value);
    default:
        return domain_table_admin(dom, ds->ds_action);
    }
}

/*
 * Takes @act on *dom; returns 0 or -1.  A successful destroy frees the
 * handle (the API's rule): *dom is then NULL.  Otherwise *dom is still
 * the caller's to free.
 */
static int
domain_table_admin(virDomainPtr *dom, enum admin_action act)
{
    switch (act) {
    case ADMIN_ACT_NONE:
        return 0;
    case ADMIN_ACT_RESUME:
        return virDomainResume(*dom);
    case ADMIN_ACT_CREATE:
        return virDomainCreate(*dom);
    case ADMIN_ACT_SUSPEND:
        return virDomainSuspend(*dom);
    case ADMIN_ACT_SHUTDOWN:
        return virDomainShutdown(*dom);
    case ADMIN_ACT_REBOOT:
        return virDomainReboot(*dom, 0);
    case ADMIN_ACT_DESTROY:
        if (virDomainDestroy(*dom) < 0)
            return -1;
        *dom = NULL;
        return 0;
    default:
        return -1;
    }
}

/* UNDO of one varbind ACTION changed: 0, or -1 after logging why not. */
static int
domain_table_undo(netsnmp_request_info *req, struct mib_set *plan)
{
    const struct domain_set *ds = (const struct domain_set *)plan;
    virDomainPtr dom;
    char msg[MIB_WHY_LEN];
    int ret;

    agent_request_refresh();
    dom = mib_domain_lookup(ds->ds_uuid);
    if (!dom) {
        snprintf(msg, sizeof(msg), "the domain is gone");
    } else {
        ret = domain_table_revert(&dom, ds);
        if (ret < 0)
            agent_library_error(msg, sizeof(msg));
        if (dom)
            virDomainFree(dom);
        if (ret == 0)
            return 0;
    }
    snmp_log(LOG_ERR, "%scannot undo the SET of %s of domain '%s': %s\n",
             agent.as_log_prefix, domain_col_names[ds->ds_col], ds->ds_name,
             msg);
    return -1;
}

/* Puts back what ACTION changed: 0 or -1; *dom as domain_table_admin(). */
static int
domain_table_revert(virDomainPtr *dom, const struct domain_set *ds)
{
    int ret;

    switch (ds->ds_col) {
    case DOMAIN_COL_MAX_MEMORY:
        ret = virDomainSetMaxMemory(*dom, ds->ds_old_maxmem);
        if (ret == 0 && ds->ds_value < ds->ds_old_memory)
            ret = virDomainSetMemory(*dom, ds->ds_old_memory);
        return ret;
    case DOMAIN_COL_MEMORY:
        return virDomainSetMemory(*dom, ds->ds_old_memory);
    case DOMAIN_COL_VCPUS:
        return virDomainSetVcpus(*dom, ds->ds_old_vcpus);
    default:
        break;
    }
    /* a final action is never done in ACTION: nothing to put back */
    switch (ds->ds_action) {
    case ADMIN_ACT_SUSPEND:
        return domain_table_admin(dom, ADMIN_ACT_RESUME);
    case ADMIN_ACT_RESUME:
        return domain_table_admin(dom, ADMIN_ACT_SUSPEND);
    case ADMIN_ACT_CREATE:
        return domain_table_admin(dom, ADMIN_ACT_DESTROY);
    default:
        return 0;
    }
}

/*
 * SET: COMMIT.  Every varbind of every agent passed ACTION: the final
 * actions (shutdown, reboot, destroy) are taken now.  CleanupSet has no
 * response (RFC 2741), so under AgentX a failure here cannot reach the
 * manager, who is told noError: ACTION checked the domain's live state
 * just before, and a failure is logged as an error.  Then the domains
 * the request changed are read again, alone.
 */
static void
domain_table_commit(netsnmp_request_info *req, struct mib_set *plan)
{
    struct domain_set *ds = (struct domain_set *)plan;

    if (ds->ds_col == DOMAIN_COL_ADMIN_STATE &&
        virt_mib_admin_final(ds->ds_action))
        domain_table_final(req, ds);
    agent_request_refresh_domain(ds->ds_uuid);
}

static void
domain_table_final(netsnmp_request_info *req, struct domain_set *ds)
{
    virDomainPtr dom;
    char msg[MIB_WHY_LEN];
    int ret = -1;

    DEBUGMSGTL(("virtmibd/domain_table", "final action %d on domain '%s'\n",
                (int)ds->ds_action, ds->ds_name));
    dom = mib_domain_lookup(ds->ds_uuid);
    if (dom)
        ret = domain_table_admin(&dom, ds->ds_action);
    if (ret < 0)
        agent_library_error(msg, sizeof(msg));
    if (dom)
        virDomainFree(dom);
    if (ret == 0) {
        if (ds->ds_action == ADMIN_ACT_DESTROY)
            notifications_expect_destroy(ds->ds_uuid);
        return;
    }
    snmp_log(LOG_ERR,
             "%sSET virtDomainAdminState of domain '%s' failed at COMMIT, "
             "after the other varbinds were done: %s\n",
             agent.as_log_prefix, ds->ds_name, msg);
    /* reaches the manager in snmpd (the dlmod); under AgentX, nowhere */
    netsnmp_request_set_error(req, SNMP_ERR_COMMITFAILED);
}
