/*
 * domain_table.c: virtDomainTable, hand-written over the snapshot.
 *
 * GET and GETNEXT read only the snapshot.  SET checks everything in
 * RESERVE1 and RESERVE2 (type, length, range, row, state, limits,
 * read-only mode), calls the library in ACTION, puts back what it changed
 * in UNDO, takes the actions that cannot be undone (shutdown, reboot,
 * destroy) in COMMIT and asks for a fresh snapshot then.
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

#define DOMAIN_TABLE_TOKEN "virtmibd/domain_table"

/* What a SET of one varbind will do and what it needs to undo it. */
struct domain_set {
    unsigned int ds_col;
    unsigned char ds_uuid[SNAP_UUID_LEN];
    char ds_name[64];
    enum admin_action ds_action;
    long ds_admin;               /* the virtDomainAdminState written */
    unsigned long ds_value;      /* KiB for memory, count for vcpus */
    unsigned long ds_old_maxmem; /* KiB */
    unsigned long ds_old_memory; /* KiB */
    unsigned int ds_old_vcpus;
    int ds_done; /* ACTION changed the hypervisor */
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
static netsnmp_handler_registration *domain_reg;

static int domain_table_handler(netsnmp_mib_handler *handler,
                                netsnmp_handler_registration *reginfo,
                                netsnmp_agent_request_info *reqinfo,
                                netsnmp_request_info *requests);
static void domain_table_each(netsnmp_agent_request_info *reqinfo,
                              netsnmp_request_info *requests);
static void domain_table_get(netsnmp_request_info *req);
static void domain_table_getnext(netsnmp_request_info *req);
static int domain_table_value(netsnmp_variable_list *vb,
                              const struct snap_domain *dom, unsigned int col);
static int domain_table_reserve(netsnmp_request_info *req);
static int domain_table_place(netsnmp_variable_list *vb,
                              const struct snap_domain **dom, char *why);
static int domain_table_check(netsnmp_variable_list *vb,
                              const struct snap_domain *dom,
                              struct domain_set *ds, char *why);
static int domain_table_check_vcpus(netsnmp_variable_list *vb,
                                    const struct snap_domain *dom,
                                    struct domain_set *ds, char *why);
static int domain_table_check_memory(netsnmp_variable_list *vb,
                                     const struct snap_domain *dom,
                                     struct domain_set *ds, char *why);
static void domain_table_refuse(netsnmp_request_info *req, int err,
                                const char *domain, const char *why);
static void domain_table_reserve2(netsnmp_agent_request_info *reqinfo,
                                  netsnmp_request_info *requests);
static int domain_table_pdu_size(netsnmp_agent_request_info *reqinfo);
static void domain_table_apply_all(netsnmp_request_info *requests, int undo);
static int domain_table_action(netsnmp_request_info *req);
static int domain_table_apply(virDomainPtr dom, struct domain_set *ds);
static int domain_table_admin(virDomainPtr dom, enum admin_action act);
static virDomainPtr domain_table_lookup(netsnmp_request_info *req,
                                        const struct domain_set *ds);
static int domain_table_recheck(netsnmp_request_info *req,
                                struct domain_set *ds);
static void domain_table_undo(netsnmp_request_info *req);
static int domain_table_revert(virDomainPtr dom, const struct domain_set *ds);
static void domain_table_commit(netsnmp_request_info *requests);
static void domain_table_final(netsnmp_request_info *req,
                               struct domain_set *ds);

/* Registration */

void
init_domain_table(void)
{
    domain_reg = mib_register("virtDomainTable", domain_table_handler,
                              domain_entry_oid, OID_LENGTH(domain_entry_oid));
}

void
shutdown_domain_table(void)
{
    mib_unregister(&domain_reg);
}

/* Requests */

static int
domain_table_handler(netsnmp_mib_handler *handler,
                     netsnmp_handler_registration *reginfo,
                     netsnmp_agent_request_info *reqinfo,
                     netsnmp_request_info *requests)
{
    agent_request_begin(reqinfo->mode, mib_transid(reqinfo));
    switch (reqinfo->mode) {
    case MODE_SET_RESERVE2:
        domain_table_reserve2(reqinfo, requests);
        break;
    case MODE_SET_ACTION:
        if (agentx_guard_refuse(reqinfo, requests))
            break;
        domain_table_apply_all(requests, 0);
        if (agentx_guard_refuse(reqinfo, requests)) /* gone meanwhile */
            domain_table_apply_all(requests, 1);
        break;
    case MODE_SET_UNDO:
        domain_table_apply_all(requests, 1);
        break;
    case MODE_SET_COMMIT:
        domain_table_commit(requests);
        break;
    default:
        domain_table_each(reqinfo, requests);
        break;
    }
    agent_request_end(reqinfo->mode);
    return SNMP_ERR_NOERROR;
}

/* GET, GETNEXT and RESERVE1: one varbind at a time. */
static void
domain_table_each(netsnmp_agent_request_info *reqinfo,
                  netsnmp_request_info *requests)
{
    netsnmp_request_info *req;

    for (req = requests; req; req = req->next) {
        if (req->processed)
            continue;
        if (reqinfo->mode == MODE_GET)
            domain_table_get(req);
        else if (reqinfo->mode == MODE_GETNEXT)
            domain_table_getnext(req);
        else if (reqinfo->mode == MODE_SET_RESERVE1)
            domain_table_reserve(req);
    }
}

static void
domain_table_get(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_pos pos;
    const struct snap_domain *dom;
    enum mib_exact r;

    r = mib_pos_exact(vb->name, vb->name_length, domain_entry_oid,
                      OID_LENGTH(domain_entry_oid), DOMAIN_COL_ADMIN_STATE, 1,
                      &pos);
    if (r == MIB_EXACT_NO_OBJECT ||
        (r == MIB_EXACT_OK && pos.mp_col == DOMAIN_COL_INDEX)) {
        netsnmp_request_set_error(req, SNMP_NOSUCHOBJECT);
        return;
    }
    dom = r == MIB_EXACT_OK
              ? snapshot_domain_lookup(agent.as_snap, pos.mp_idx, 1, SNAP_EXACT)
              : NULL;
    if (!dom || domain_table_value(vb, dom, pos.mp_col) < 0)
        netsnmp_request_set_error(req, SNMP_NOSUCHINSTANCE);
}

static void
domain_table_getnext(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_pos pos;
    const struct snap_domain *dom;
    unsigned int col;

    if (mib_pos_next(vb->name, vb->name_length, domain_entry_oid,
                     OID_LENGTH(domain_entry_oid), DOMAIN_COL_ADMIN_STATE, 1,
                     &pos) < 0)
        return;
    for (col = pos.mp_col; col <= DOMAIN_COL_ADMIN_STATE; col++) {
        if (col == DOMAIN_COL_INDEX) {
            pos.mp_nidx = 0;
            continue;
        }
        dom = snapshot_domain_lookup(agent.as_snap, pos.mp_idx, pos.mp_nidx,
                                     SNAP_NEXT);
        pos.mp_nidx = 0;
        if (!dom)
            continue;
        if (mib_set_oid(vb, domain_entry_oid, OID_LENGTH(domain_entry_oid), col,
                        &dom->sd_index, 1) < 0)
            return;
        domain_table_value(vb, dom, col);
        return;
    }
    /* Past the last column: unanswered, the agent moves on. */
}

static int
domain_table_value(netsnmp_variable_list *vb, const struct snap_domain *dom,
                   unsigned int col)
{
    struct counter64 c64;
    long l;
    u_long u;

    switch (col) {
    case DOMAIN_COL_UUID:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dom->sd_uuid,
                                        SNAP_UUID_LEN);
    case DOMAIN_COL_UUID_STRING:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dom->sd_uuidstr,
                                        strlen(dom->sd_uuidstr));
    case DOMAIN_COL_NAME:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dom->sd_name,
                                        strlen(dom->sd_name));
    case DOMAIN_COL_ID:
        l = dom->sd_id;
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
    case DOMAIN_COL_OS_TYPE:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dom->sd_ostype,
                                        strlen(dom->sd_ostype));
    case DOMAIN_COL_STATE:
        l = dom->sd_state;
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
    case DOMAIN_COL_CPU_TIME:
        c64.high = (u_long)(dom->sd_cputime >> 32);
        c64.low = (u_long)(dom->sd_cputime & 0xFFFFFFFFULL);
        return snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
    case DOMAIN_COL_MAX_MEMORY:
        u = virt_mib_kib_to_mib(dom->sd_maxmem);
        return snmp_set_var_typed_value(vb, ASN_UNSIGNED, &u, sizeof(u));
    case DOMAIN_COL_MEMORY:
        u = virt_mib_kib_to_mib(dom->sd_memory);
        return snmp_set_var_typed_value(vb, ASN_UNSIGNED, &u, sizeof(u));
    case DOMAIN_COL_VCPUS:
        u = dom->sd_nrvcpu;
        return snmp_set_var_typed_value(vb, ASN_UNSIGNED, &u, sizeof(u));
    case DOMAIN_COL_PERSISTENT:
        l = dom->sd_persistent;
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
    case DOMAIN_COL_ADMIN_STATE:
        l = virt_mib_admin_read(dom);
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
    default:
        return -1;
    }
}

/* SET: RESERVE1 does every check */

static int
domain_table_reserve(netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    const struct snap_domain *dom = NULL;
    struct domain_set *ds = NULL;
    char why[MIB_WHY_LEN] = "";
    int err;

    err = domain_table_place(vb, &dom, why);
    if (err == SNMP_ERR_NOERROR) {
        ds = calloc(1, sizeof(*ds));
        if (!ds) {
            err = SNMP_ERR_RESOURCEUNAVAILABLE;
            snprintf(why, sizeof(why), "out of memory");
        }
    }
    if (err == SNMP_ERR_NOERROR) {
        ds->ds_col = (unsigned int)vb->name[OID_LENGTH(domain_entry_oid)];
        memcpy(ds->ds_uuid, dom->sd_uuid, SNAP_UUID_LEN);
        snprintf(ds->ds_name, sizeof(ds->ds_name), "%s", dom->sd_name);
        ds->ds_old_maxmem = dom->sd_maxmem;
        ds->ds_old_memory = dom->sd_memory;
        ds->ds_old_vcpus = dom->sd_nrvcpu;
        netsnmp_request_add_list_data(
            req, netsnmp_create_data_list(DOMAIN_TABLE_TOKEN, ds, free));
        err = domain_table_check(vb, dom, ds, why);
    }
    if (err != SNMP_ERR_NOERROR)
        domain_table_refuse(req, err, dom ? dom->sd_name : NULL, why);
    return err;
}

/* Which writable object of which existing row a SET names, or why not. */
static int
domain_table_place(netsnmp_variable_list *vb, const struct snap_domain **dom,
                   char *why)
{
    struct mib_pos pos;
    enum mib_exact r;

    /* first: read-only mode refuses every SET alike */
    if (agent.as_readonly) {
        snprintf(why, MIB_WHY_LEN, "virtmibd is read-only");
        return SNMP_ERR_NOTWRITABLE;
    }
    r = mib_pos_exact(vb->name, vb->name_length, domain_entry_oid,
                      OID_LENGTH(domain_entry_oid), DOMAIN_COL_ADMIN_STATE, 1,
                      &pos);
    if (r == MIB_EXACT_NO_OBJECT) {
        snprintf(why, MIB_WHY_LEN, "no such object");
        return SNMP_ERR_NOTWRITABLE;
    }
    if (pos.mp_col == DOMAIN_COL_INDEX) {
        snprintf(why, MIB_WHY_LEN, "an index is not accessible");
        return SNMP_ERR_NOACCESS;
    }
    if (pos.mp_col != DOMAIN_COL_MAX_MEMORY &&
        pos.mp_col != DOMAIN_COL_MEMORY && pos.mp_col != DOMAIN_COL_VCPUS &&
        pos.mp_col != DOMAIN_COL_ADMIN_STATE) {
        snprintf(why, MIB_WHY_LEN, "read-only object");
        return SNMP_ERR_NOTWRITABLE;
    }
    if (r == MIB_EXACT_OK)
        *dom = snapshot_domain_lookup(agent.as_snap, pos.mp_idx, 1, SNAP_EXACT);
    if (!*dom) {
        snprintf(why, MIB_WHY_LEN, "no such domain");
        return SNMP_ERR_NOCREATION;
    }
    return SNMP_ERR_NOERROR;
}

static int
domain_table_check(netsnmp_variable_list *vb, const struct snap_domain *dom,
                   struct domain_set *ds, char *why)
{
    int err;

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
    /* above the maximum: RESERVE2, which sees the whole request */
    if (ds->ds_col == DOMAIN_COL_MEMORY && !snapshot_domain_active(dom)) {
        snprintf(why, MIB_WHY_LEN, "the domain is not running");
        return SNMP_ERR_INCONSISTENTVALUE;
    }
    return SNMP_ERR_NOERROR;
}

/* The one log line and error of a refused varbind of this table. */
static void
domain_table_refuse(netsnmp_request_info *req, int err, const char *domain,
                    const char *why)
{
    size_t baselen = OID_LENGTH(domain_entry_oid);
    size_t ncols = sizeof(domain_col_names) / sizeof(*domain_col_names);
    const char *object;

    object = mib_column_name(req->requestvb, domain_entry_oid, baselen,
                             domain_col_names, ncols);
    mib_refuse(req, err, object, baselen, domain, why);
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
        ds = netsnmp_request_get_list_data(req, DOMAIN_TABLE_TOKEN);
        if (ds && ds->ds_col == DOMAIN_COL_ADMIN_STATE &&
            virt_mib_admin_final(ds->ds_action) &&
            domain_table_pdu_size(reqinfo) != 1) {
            domain_table_refuse(req, SNMP_ERR_INCONSISTENTVALUE, ds->ds_name,
                                "cannot be undone: must be the only varbind");
            return;
        }
        if (!ds || ds->ds_col != DOMAIN_COL_MEMORY)
            continue;
        maxmem = ds->ds_old_maxmem;
        for (r2 = requests; r2; r2 = r2->next) {
            d2 = netsnmp_request_get_list_data(r2, DOMAIN_TABLE_TOKEN);
            if (d2 && d2->ds_col == DOMAIN_COL_MAX_MEMORY &&
                memcmp(d2->ds_uuid, ds->ds_uuid, SNAP_UUID_LEN) == 0)
                maxmem = d2->ds_value;
        }
        if (ds->ds_value > maxmem) {
            snprintf(why, sizeof(why),
                     "above the domain's maximum memory of %lu MiB",
                     virt_mib_kib_to_mib(maxmem));
            domain_table_refuse(req, SNMP_ERR_INCONSISTENTVALUE, ds->ds_name,
                                why);
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
 * ACTION (undo = 0) or UNDO (undo = 1) over every varbind: maximum memory
 * first, so that a memory raise in the same request fits under it and an
 * undo of both restores the maximum before the memory.  ACTION stops at
 * the first failure; UNDO then puts back what was done.
 */
static void
domain_table_apply_all(netsnmp_request_info *requests, int undo)
{
    netsnmp_request_info *req;
    struct domain_set *ds;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        for (req = requests; req; req = req->next) {
            ds = netsnmp_request_get_list_data(req, DOMAIN_TABLE_TOKEN);
            if (!ds || (ds->ds_col == DOMAIN_COL_MAX_MEMORY) != (pass == 0))
                continue;
            if (undo)
                domain_table_undo(req);
            else if (domain_table_action(req) != SNMP_ERR_NOERROR)
                return;
        }
    }
}

/* SET: ACTION calls the library, UNDO puts it back */

static int
domain_table_action(netsnmp_request_info *req)
{
    struct domain_set *ds;
    virDomainPtr dom;
    char msg[MIB_WHY_LEN];
    int ret;

    ds = netsnmp_request_get_list_data(req, DOMAIN_TABLE_TOKEN);
    DEBUGMSGTL(("virtmibd/domain_table", "set column %u of domain '%s'\n",
                ds->ds_col, ds->ds_name));
    if (ds->ds_col == DOMAIN_COL_ADMIN_STATE &&
        virt_mib_admin_final(ds->ds_action))
        return domain_table_recheck(req, ds);
    dom = domain_table_lookup(req, ds);
    if (!dom)
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    ret = domain_table_apply(dom, ds);
    if (ret < 0) /* before virDomainFree(), which clears the last error */
        agent_library_error(msg, sizeof(msg));
    virDomainFree(dom);
    if (ret < 0) {
        domain_table_refuse(req, SNMP_ERR_COMMITFAILED, ds->ds_name, msg);
        return SNMP_ERR_COMMITFAILED;
    }
    ds->ds_done = 1;
    return SNMP_ERR_NOERROR;
}

/* The live domain of a SET's row, or NULL after refusing the varbind. */
static virDomainPtr
domain_table_lookup(netsnmp_request_info *req, const struct domain_set *ds)
{
    virDomainPtr dom = NULL;

    if (agent.as_conn)
        dom = virDomainLookupByUUID(agent.as_conn, ds->ds_uuid);
    if (!dom)
        domain_table_refuse(req, SNMP_ERR_RESOURCEUNAVAILABLE, ds->ds_name,
                            agent.as_conn ? "the domain is gone"
                                          : "no hypervisor connection");
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
    domain_table_refuse(req, SNMP_ERR_COMMITFAILED, ds->ds_name, msg);
    return SNMP_ERR_COMMITFAILED;
}

static int
domain_table_apply(virDomainPtr dom, struct domain_set *ds)
{
    switch (ds->ds_col) {
    case DOMAIN_COL_MAX_MEMORY:
        return virDomainSetMaxMemory(dom, ds->ds_value);
    case DOMAIN_COL_MEMORY:
        return virDomainSetMemory(dom, ds->ds_value);
    case DOMAIN_COL_VCPUS:
        return virDomainSetVcpus(dom, (unsigned int)ds->ds_value);
    default:
        return domain_table_admin(dom, ds->ds_action);
    }
}

static int
domain_table_admin(virDomainPtr dom, enum admin_action act)
{
    switch (act) {
    case ADMIN_ACT_NONE:
        return 0;
    case ADMIN_ACT_RESUME:
        return virDomainResume(dom);
    case ADMIN_ACT_CREATE:
        return virDomainCreate(dom);
    case ADMIN_ACT_SUSPEND:
        return virDomainSuspend(dom);
    case ADMIN_ACT_SHUTDOWN:
        return virDomainShutdown(dom);
    case ADMIN_ACT_REBOOT:
        return virDomainReboot(dom, 0);
    case ADMIN_ACT_DESTROY:
        return virDomainDestroy(dom);
    default:
        return -1;
    }
}

/* UNDO of one varbind; what cannot be put back answers undoFailed. */
static void
domain_table_undo(netsnmp_request_info *req)
{
    struct domain_set *ds;
    virDomainPtr dom = NULL;
    char msg[MIB_WHY_LEN];
    int ret;

    ds = netsnmp_request_get_list_data(req, DOMAIN_TABLE_TOKEN);
    if (!ds || !ds->ds_done)
        return;
    ds->ds_done = 0;
    agent_request_refresh();
    if (agent.as_conn)
        dom = virDomainLookupByUUID(agent.as_conn, ds->ds_uuid);
    if (!dom) {
        snprintf(msg, sizeof(msg), "the domain is gone");
    } else {
        ret = domain_table_revert(dom, ds);
        if (ret < 0)
            agent_library_error(msg, sizeof(msg));
        if (ret != 1)
            virDomainFree(dom);
        if (ret >= 0)
            return;
    }
    snmp_log(LOG_ERR, "%scannot undo the SET of %s of domain '%s': %s\n",
             agent.as_log_prefix, domain_col_names[ds->ds_col], ds->ds_name,
             msg);
    netsnmp_request_set_error(req, SNMP_ERR_UNDOFAILED);
}

/* Puts back what ACTION changed: 0, 1 when @dom was freed, -1 if not. */
static int
domain_table_revert(virDomainPtr dom, const struct domain_set *ds)
{
    int ret;

    switch (ds->ds_col) {
    case DOMAIN_COL_MAX_MEMORY:
        ret = virDomainSetMaxMemory(dom, ds->ds_old_maxmem);
        if (ret == 0 && ds->ds_value < ds->ds_old_memory)
            ret = virDomainSetMemory(dom, ds->ds_old_memory);
        return ret;
    case DOMAIN_COL_MEMORY:
        return virDomainSetMemory(dom, ds->ds_old_memory);
    case DOMAIN_COL_VCPUS:
        return virDomainSetVcpus(dom, ds->ds_old_vcpus);
    default:
        break;
    }
    /* a final action is never done in ACTION: nothing to put back */
    switch (ds->ds_action) {
    case ADMIN_ACT_SUSPEND:
        return virDomainResume(dom);
    case ADMIN_ACT_RESUME:
        return virDomainSuspend(dom);
    case ADMIN_ACT_CREATE:
        return virDomainDestroy(dom) < 0 ? -1 : 1; /* frees dom */
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
domain_table_commit(netsnmp_request_info *requests)
{
    netsnmp_request_info *req;
    struct domain_set *ds;

    for (req = requests; req; req = req->next) {
        ds = netsnmp_request_get_list_data(req, DOMAIN_TABLE_TOKEN);
        if (!ds)
            continue;
        if (ds->ds_col == DOMAIN_COL_ADMIN_STATE &&
            virt_mib_admin_final(ds->ds_action))
            domain_table_final(req, ds);
        agent_request_refresh_domain(ds->ds_uuid);
    }
}

static void
domain_table_final(netsnmp_request_info *req, struct domain_set *ds)
{
    virDomainPtr dom = NULL;
    char msg[MIB_WHY_LEN];
    int ret = -1;

    DEBUGMSGTL(("virtmibd/domain_table", "final action %d on domain '%s'\n",
                (int)ds->ds_action, ds->ds_name));
    if (agent.as_conn)
        dom = virDomainLookupByUUID(agent.as_conn, ds->ds_uuid);
    if (dom)
        ret = domain_table_admin(dom, ds->ds_action);
    if (ret < 0)
        agent_library_error(msg, sizeof(msg));
    /* A successful destroy frees the handle (the API's rule). */
    if (dom && !(ret == 0 && ds->ds_action == ADMIN_ACT_DESTROY))
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
