/*
 * mib_handler.c: the one handler of the MIB groups, net-snmp's modes
 * dispatched over each group's struct mib_group.  The SET phase glue
 * lives here only: the checks every group shares, one plan per varbind,
 * the AgentX guard around ACTION, UNDO of what ACTION changed (also when
 * the AgentX master never confirmed it), and the snapshot's refreshes
 * held from RESERVE1 to the SET's last phase.
 */

#include <config.h>

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model/virt_mib.h"
#include "model/virt_oids.h"
#include "runtime/agentx_guard.h"
#include "runtime/schedule.h"
#include "mib/mib_handler.h"

enum mib_apply { MIB_ACTION, MIB_UNDO, MIB_COMMIT };

/* The columns one registration answers (GETNEXT stays inside them). */
struct mib_span {
    unsigned int ms_first;
    unsigned int ms_last;
};

/* registration */
static netsnmp_handler_registration *
mib_group_register_one(struct mib_group *group, unsigned int col);

/* the handler */
static int mib_handler(netsnmp_mib_handler *handler,
                       netsnmp_handler_registration *reginfo,
                       netsnmp_agent_request_info *reqinfo,
                       netsnmp_request_info *requests);
static void mib_handler_each(const struct mib_group *g,
                             const struct mib_span *span, int mode,
                             netsnmp_request_info *requests);

/* GET and GETNEXT */
static void mib_handler_get(const struct mib_group *g,
                            netsnmp_request_info *req);
static void mib_handler_getnext(const struct mib_group *g,
                                const struct mib_span *span,
                                netsnmp_request_info *req);

/* SET */
static int mib_handler_reserve(const struct mib_group *g,
                               netsnmp_request_info *req);
static int mib_handler_place(const struct mib_group *g,
                             netsnmp_variable_list *vb, struct mib_row *row,
                             unsigned int *col, char *why);
static void mib_handler_action(const struct mib_group *g,
                               netsnmp_agent_request_info *reqinfo,
                               netsnmp_request_info *requests);
static void mib_handler_apply(const struct mib_group *g,
                              netsnmp_request_info *requests,
                              enum mib_apply what);
static void mib_handler_undo(const struct mib_group *g,
                             netsnmp_request_info *req, struct mib_set *plan);

/*
 * The SETs whose ACTION ran and whose last phase (COMMIT or UNDO) has not
 * come yet, one entry per group and registration.  Under AgentX the
 * master's CleanupSet confirms a SET; one it never confirmed before the
 * session went was answered with an error (snmpd timed us out), so
 * mib_handler_settle() undoes it.  The requests, with their plans, stay
 * valid until that last phase: net-snmp keeps them in its SET cache
 * between the phases.  The master does one SET at a time, so the entries
 * are of one transaction.
 */
#define MIB_MAX_PENDING (4 * MIB_MAX_REGS)

struct mib_pending {
    const struct mib_group *mp_group;
    netsnmp_request_info *mp_requests;
    long mp_transid;
};

static struct mib_pending pending[MIB_MAX_PENDING];
static size_t npending;

static void mib_pending_add(const struct mib_group *g,
                            netsnmp_request_info *requests, long transid);
static void mib_pending_end(const struct mib_group *g, long transid);

/* Registration */

/*
 * Registers @group's subtree (read-write), answered by mib_handler(); with
 * mg_ranged, each of its columns' subtrees on its own (net-snmp 5.9 loses
 * part of a ranged registration when it is taken back).
 * Returns 0, or -1 after logging why.
 */
int
mib_group_register(struct mib_group *group)
{
    unsigned int col, last = group->mg_ranged ? group->mg_lastcol : 0;
    size_t n = 0;

    for (col = group->mg_ranged ? group->mg_firstcol : 0; col <= last;
         col++, n++) {
        if (n == MIB_MAX_REGS ||
            !(group->mg_reg[n] = mib_group_register_one(group, col))) {
            snmp_log(LOG_ERR, "cannot register %s\n", group->mg_name);
            mib_group_unregister(group);
            return -1;
        }
    }
    return 0;
}

/* One registration of @group: its base, or its column @col (not 0). */
static netsnmp_handler_registration *
mib_group_register_one(struct mib_group *group, unsigned int col)
{
    netsnmp_handler_registration *reg;
    oid root[MAX_OID_LEN];
    size_t len = group->mg_baselen;

    memcpy(root, group->mg_base, len * sizeof(oid));
    if (col)
        root[len++] = col;
    reg = netsnmp_create_handler_registration(group->mg_name, mib_handler, root,
                                              len, HANDLER_CAN_RWRITE);
    if (!reg)
        return NULL;
    reg->handler->myvoid = group;
    /* net-snmp has freed reg when registering failed */
    return netsnmp_register_handler(reg) == 0 ? reg : NULL;
}

/* Undoes mib_group_register(), as far as it got. */
void
mib_group_unregister(struct mib_group *group)
{
    size_t i;

    for (i = 0; i < MIB_MAX_REGS; i++) {
        if (group->mg_reg[i]) {
            netsnmp_unregister_handler(group->mg_reg[i]);
            group->mg_reg[i] = NULL;
        }
    }
}

/* The one log line and error of a refused varbind of @group. */
void
mib_group_refuse(const struct mib_group *group, netsnmp_request_info *req,
                 int err, const char *domain, const char *why)
{
    const char *object;

    object = mib_column_name(req->requestvb, group->mg_base, group->mg_baselen,
                             group->mg_names, group->mg_nnames);
    mib_refuse(req, err, object, group->mg_baselen, domain, why);
}

/* Locating rows: the two shapes several groups share (mg_locate) */

/* A group of scalars: the one instance, .0, which GETNEXT finds from
 * before it only.  The row reads the node. */
int
mib_locate_scalar(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                  struct mib_row *row)
{
    if ((how == SNAP_EXACT && idx[0] != 0) || (how == SNAP_NEXT && nidx != 0))
        return -1;
    row->mr_obj = &agent.as_snap->ss_node;
    row->mr_dom = NULL;
    row->mr_idx[0] = 0;
    return 0;
}

/* A table with a row per domain, indexed by the domain's index. */
int
mib_locate_domain(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                  struct mib_row *row)
{
    const struct snap_domain *dom;

    dom = snapshot_domain_lookup(agent.as_snap, idx, nidx, how);
    row->mr_obj = dom;
    row->mr_dom = dom;
    if (!dom)
        return -1;
    row->mr_idx[0] = dom->sd_index;
    return 0;
}

/* The live domain of a SET's row (caller frees), or NULL. */
virDomainPtr
mib_domain_lookup(const unsigned char *uuid)
{
    if (!agent.as_conn)
        return NULL;
    return virDomainLookupByUUID(agent.as_conn, uuid);
}

/* Switches: read-write TruthValues (struct mib_switch_set) */

/* RESERVE1 of a switch: an INTEGER that is a TruthValue; the plan
 * remembers @flag, what the column turns on or off. */
int
mib_switch_check(netsnmp_variable_list *vb, int *flag, struct mib_set *plan,
                 char *why)
{
    struct mib_switch_set *sw = (struct mib_switch_set *)plan;
    int err;

    err = netsnmp_check_vb_type_and_size(vb, ASN_INTEGER, sizeof(long));
    if (err != SNMP_ERR_NOERROR) {
        snprintf(why, MIB_WHY_LEN, "not an INTEGER");
        return err;
    }
    if (!virt_mib_truth_valid(*vb->val.integer)) {
        snprintf(why, MIB_WHY_LEN, "not a TruthValue");
        return SNMP_ERR_WRONGVALUE;
    }
    sw->sw_flag = flag;
    return SNMP_ERR_NOERROR;
}

int
mib_switch_action(netsnmp_request_info *req, struct mib_set *plan)
{
    struct mib_switch_set *sw = (struct mib_switch_set *)plan;

    sw->sw_old = *sw->sw_flag;
    *sw->sw_flag = *req->requestvb->val.integer == TV_TRUE;
    sw->sw_set.ms_done = 1;
    DEBUGMSGTL(("virtmibd/switch", "%s: ", *sw->sw_flag ? "on" : "off"));
    DEBUGMSGOID(
        ("virtmibd/switch", req->requestvb->name, req->requestvb->name_length));
    DEBUGMSG(("virtmibd/switch", "\n"));
    return SNMP_ERR_NOERROR;
}

int
mib_switch_undo(netsnmp_request_info *req, struct mib_set *plan)
{
    const struct mib_switch_set *sw = (const struct mib_switch_set *)plan;

    (void)req;
    *sw->sw_flag = sw->sw_old;
    return 0;
}

/* Requests */

static int
mib_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
            netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    const struct mib_group *g = handler->myvoid;
    struct mib_span span = { g->mg_firstcol, g->mg_lastcol };

    if (g->mg_ranged) /* registered per column: answer in that one only */
        span.ms_first = span.ms_last =
            (unsigned int)reginfo->rootoid[reginfo->rootoid_len - 1];
    agent_request_begin(reqinfo->mode, mib_transid(reqinfo),
                        requests ? requests->requestvb->name : NULL,
                        requests ? requests->requestvb->name_length : 0);
    switch (reqinfo->mode) {
    case MODE_SET_RESERVE2:
        if (g->mg_reserve2)
            g->mg_reserve2(reqinfo, requests);
        break;
    case MODE_SET_ACTION:
        mib_handler_action(g, reqinfo, requests);
        break;
    case MODE_SET_UNDO:
        mib_pending_end(g, mib_transid(reqinfo));
        mib_handler_apply(g, requests, MIB_UNDO);
        break;
    case MODE_SET_COMMIT:
        mib_pending_end(g, mib_transid(reqinfo));
        if (g->mg_commit)
            mib_handler_apply(g, requests, MIB_COMMIT);
        break;
    case MODE_SET_FREE: /* net-snmp frees the plans */
        mib_pending_end(g, mib_transid(reqinfo));
        break;
    default: /* GET, GETNEXT, RESERVE1 */
        mib_handler_each(g, &span, reqinfo->mode, requests);
        break;
    }
    agent_request_end(reqinfo->mode);
    return SNMP_ERR_NOERROR;
}

/* GET, GETNEXT and RESERVE1: one varbind at a time. */
static void
mib_handler_each(const struct mib_group *g, const struct mib_span *span,
                 int mode, netsnmp_request_info *requests)
{
    netsnmp_request_info *req;

    for (req = requests; req; req = req->next) {
        if (req->processed)
            continue;
        if (mode == MODE_GET)
            mib_handler_get(g, req);
        else if (mode == MODE_GETNEXT)
            mib_handler_getnext(g, span, req);
        else if (mode == MODE_SET_RESERVE1)
            mib_handler_reserve(g, req);
    }
}

static void
mib_handler_get(const struct mib_group *g, netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_pos pos;
    struct mib_row row;
    enum mib_exact r;

    r = mib_pos_exact(vb->name, vb->name_length, g->mg_base, g->mg_baselen,
                      g->mg_lastcol, g->mg_nidx, &pos);
    if (r == MIB_EXACT_NO_OBJECT ||
        (r == MIB_EXACT_OK && pos.mp_col < g->mg_firstcol)) {
        netsnmp_request_set_error(req, SNMP_NOSUCHOBJECT);
        return;
    }
    if (r != MIB_EXACT_OK ||
        g->mg_locate(pos.mp_idx, g->mg_nidx, SNAP_EXACT, &row) < 0 ||
        g->mg_value(vb, &row, pos.mp_col) < 0)
        netsnmp_request_set_error(req, SNMP_NOSUCHINSTANCE);
}

/* The first row after the request in its column, else the first row of
 * a later column; past the last column it stays unanswered and the
 * agent moves on. */
static void
mib_handler_getnext(const struct mib_group *g, const struct mib_span *span,
                    netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_pos pos;
    struct mib_row row;
    unsigned int col;
    int found;

    if (mib_pos_next(vb->name, vb->name_length, g->mg_base, g->mg_baselen,
                     span->ms_last, g->mg_nidx, &pos) < 0)
        return;
    for (col = pos.mp_col; col <= span->ms_last; col++) {
        found = -1;
        if (col >= span->ms_first)
            found = g->mg_locate(pos.mp_idx, pos.mp_nidx, SNAP_NEXT, &row);
        pos.mp_nidx = 0;
        if (found < 0)
            continue;
        if (mib_set_oid(vb, g->mg_base, g->mg_baselen, col, row.mr_idx,
                        g->mg_nidx) < 0)
            return;
        g->mg_value(vb, &row, col);
        agent_request_answered(vb->name, vb->name_length);
        return;
    }
}

/* SET: RESERVE1 does every check */

static int
mib_handler_reserve(const struct mib_group *g, netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    struct mib_row row = { NULL, NULL, { 0 } };
    struct mib_set *plan;
    char why[MIB_WHY_LEN] = "";
    unsigned int col = 0;
    int err;

    err = mib_handler_place(g, vb, &row, &col, why);
    if (err == SNMP_ERR_NOERROR) {
        plan = calloc(1, g->mg_plan_size);
        if (!plan) {
            err = SNMP_ERR_RESOURCEUNAVAILABLE;
            snprintf(why, sizeof(why), "out of memory");
        } else {
            netsnmp_request_add_list_data(
                req, netsnmp_create_data_list(g->mg_name, plan, free));
            err = g->mg_check(vb, &row, col, plan, why);
        }
    }
    if (err != SNMP_ERR_NOERROR)
        mib_group_refuse(g, req, err, row.mr_dom ? row.mr_dom->sd_name : NULL,
                         why);
    return err;
}

/* Which writable object of which existing row a SET names, or why not. */
static int
mib_handler_place(const struct mib_group *g, netsnmp_variable_list *vb,
                  struct mib_row *row, unsigned int *col, char *why)
{
    struct mib_pos pos;
    enum mib_exact r;

    /* first: read-only mode refuses every SET alike */
    if (agent.as_readonly) {
        snprintf(why, MIB_WHY_LEN, "virtmibd is read-only");
        return SNMP_ERR_NOTWRITABLE;
    }
    r = mib_pos_exact(vb->name, vb->name_length, g->mg_base, g->mg_baselen,
                      g->mg_lastcol, g->mg_nidx, &pos);
    if (r == MIB_EXACT_NO_OBJECT) {
        snprintf(why, MIB_WHY_LEN, "no such object");
        return SNMP_ERR_NOTWRITABLE;
    }
    *col = pos.mp_col;
    if (pos.mp_col < g->mg_firstcol) {
        snprintf(why, MIB_WHY_LEN, "an index is not accessible");
        return SNMP_ERR_NOACCESS;
    }
    if (!(g->mg_writable & MIB_COL(pos.mp_col))) {
        snprintf(why, MIB_WHY_LEN, "read-only object");
        return SNMP_ERR_NOTWRITABLE;
    }
    if (r != MIB_EXACT_OK ||
        g->mg_locate(pos.mp_idx, g->mg_nidx, SNAP_EXACT, row) < 0) {
        snprintf(why, MIB_WHY_LEN, "%s", g->mg_nocreation);
        return SNMP_ERR_NOCREATION;
    }
    return SNMP_ERR_NOERROR;
}

/* SET: ACTION, if the master is still there to hear the answer */
static void
mib_handler_action(const struct mib_group *g,
                   netsnmp_agent_request_info *reqinfo,
                   netsnmp_request_info *requests)
{
    /* the master has gone: nothing changes */
    if (agentx_guard_refuse(reqinfo, requests))
        return;
    mib_handler_apply(g, requests, MIB_ACTION);
    if (agentx_guard_refuse(reqinfo, requests)) /* gone meanwhile */
        mib_handler_apply(g, requests, MIB_UNDO);
    else /* until COMMIT or UNDO, or mib_handler_settle() */
        mib_pending_add(g, requests, mib_transid(reqinfo));
}

/*
 * ACTION, UNDO or COMMIT over every plan, those the group takes first
 * (mg_first) in a first pass.  ACTION stops at the first failure; UNDO
 * then puts back what was done.
 */
static void
mib_handler_apply(const struct mib_group *g, netsnmp_request_info *requests,
                  enum mib_apply what)
{
    netsnmp_request_info *req;
    struct mib_set *plan;
    int pass, first;

    for (pass = 0; pass < 2; pass++) {
        for (req = requests; req; req = req->next) {
            plan = netsnmp_request_get_list_data(req, g->mg_name);
            if (!plan)
                continue;
            first = g->mg_first && g->mg_first(plan);
            if (first != (pass == 0))
                continue;
            if (what == MIB_COMMIT)
                g->mg_commit(req, plan);
            else if (what == MIB_UNDO)
                mib_handler_undo(g, req, plan);
            else if (g->mg_action(req, plan) != SNMP_ERR_NOERROR)
                return;
        }
    }
}

/* UNDO of one varbind, tried once; what cannot be put back answers
 * undoFailed. */
static void
mib_handler_undo(const struct mib_group *g, netsnmp_request_info *req,
                 struct mib_set *plan)
{
    if (!plan->ms_done)
        return;
    plan->ms_done = 0;
    if (g->mg_undo(req, plan) < 0)
        netsnmp_request_set_error(req, SNMP_ERR_UNDOFAILED);
}

/* SETs the AgentX master never confirmed */

static void
mib_pending_add(const struct mib_group *g, netsnmp_request_info *requests,
                long transid)
{
    if (npending > 0 && pending[0].mp_transid != transid) {
        /* cannot happen while the master does one SET at a time */
        snmp_log(LOG_WARNING,
                 "%sSET %ld never ended; it is forgotten, not undone\n",
                 agent.as_log_prefix, pending[0].mp_transid);
        npending = 0;
    }
    if (npending == MIB_MAX_PENDING) {
        snmp_log(LOG_ERR, "%sSET %ld: too many groups to undo if the "
                          "AgentX master does not confirm it\n",
                 agent.as_log_prefix, transid);
        return;
    }
    pending[npending].mp_group = g;
    pending[npending].mp_requests = requests;
    pending[npending].mp_transid = transid;
    npending++;
}

/* The last phase of SET @transid reached @g: nothing left to settle. */
static void
mib_pending_end(const struct mib_group *g, long transid)
{
    size_t i, kept = 0;

    for (i = 0; i < npending; i++)
        if (pending[i].mp_group != g || pending[i].mp_transid != transid)
            pending[kept++] = pending[i];
    npending = kept;
}

/**
 * mib_handler_settle:
 *
 * Called by the AgentX guard when the session is lost: each SET whose
 * ACTION ran and whose CleanupSet never came (agentx_guard_confirmed())
 * is undone, last group first, as snmpd's UNDO would have been; its
 * manager was told it failed.  A confirmed one is left to its COMMIT,
 * which net-snmp has queued already.
 */
void
mib_handler_settle(void)
{
    size_t i = npending, kept = 0;
    struct mib_pending *p;

    while (i-- > 0) {
        p = &pending[i];
        if (agentx_guard_confirmed(p->mp_transid))
            continue;
        snmp_log(LOG_WARNING,
                 "%sSET %ld (%s) undone: it was not confirmed by the AgentX "
                 "master, which went away (it told the manager the SET "
                 "failed)\n",
                 agent.as_log_prefix, p->mp_transid, p->mp_group->mg_name);
        mib_handler_apply(p->mp_group, p->mp_requests, MIB_UNDO);
        p->mp_group = NULL;
    }
    for (i = 0; i < npending; i++)
        if (pending[i].mp_group)
            pending[kept++] = pending[i];
    npending = kept;
}
