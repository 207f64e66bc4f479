/*
 * mib_handler.h: the one handler of every MIB group.  A group describes
 * itself in a struct mib_group (its subtree, its columns, and callbacks
 * for its own logic); mib_handler.c turns net-snmp's modes into calls of
 * those callbacks.
 */

#ifndef VIRTMIBD_MIB_HANDLER_H
#define VIRTMIBD_MIB_HANDLER_H

#include "runtime/agent.h"
#include "mib/mib_request.h"

/* The bit of a column in mg_writable. */
#define MIB_COL(col) (1UL << (col))

/* One row a lookup found. */
struct mib_row {
    const void *mr_obj;                 /* what its values are read from */
    const struct snap_domain *mr_dom;   /* its domain, NULL for the scalars */
    unsigned int mr_idx[MIB_MAX_INDEX]; /* its index values */
};

/*
 * The head of every SET plan: what RESERVE1 decided for one varbind,
 * kept with the request (net-snmp frees it) until the SET ends.
 */
struct mib_set {
    int ms_done; /* ACTION changed what UNDO must put back */
};

struct mib_group;

/* Fills @row with the row at (GET) or after (GETNEXT) the index values
 * @idx (@nidx of them); returns 0, or -1 when there is none. */
typedef int mib_locate_fn(const unsigned int *idx, size_t nidx,
                          enum snap_lookup how, struct mib_row *row);
/* Sets @vb to the value of column @col of @row; returns 0 or -1. */
typedef int mib_value_fn(netsnmp_variable_list *vb, const struct mib_row *row,
                         unsigned int col);
/* RESERVE1 after the checks every group shares: the group's own checks of
 * a SET of @col of @row, filling @plan; returns an SNMP error and, if not
 * noError, the reason in @why (MIB_WHY_LEN). */
typedef int mib_check_fn(netsnmp_variable_list *vb, const struct mib_row *row,
                         unsigned int col, struct mib_set *plan, char *why);
/* RESERVE2: checks that need the whole request. */
typedef void mib_reserve2_fn(netsnmp_agent_request_info *reqinfo,
                             netsnmp_request_info *requests);
/* Whether ACTION and UNDO take @plan in a first pass, before the rest. */
typedef int mib_first_fn(const struct mib_set *plan);
/* ACTION of one varbind: sets ms_done if it changed anything; refuses
 * the varbind (mib_group_refuse()) and returns its error if it fails. */
typedef int mib_action_fn(netsnmp_request_info *req, struct mib_set *plan);
/* UNDO of one varbind that ACTION changed: returns 0, or -1 (logged)
 * when it could not be put back (undoFailed). */
typedef int mib_undo_fn(netsnmp_request_info *req, struct mib_set *plan);
/* COMMIT of one varbind. */
typedef void mib_commit_fn(netsnmp_request_info *req, struct mib_set *plan);

struct mib_group {
    const char *mg_name; /* for net-snmp's logs */
    const oid *mg_base;  /* the entry's (or the group's) OID */
    size_t mg_baselen;
    unsigned int mg_firstcol; /* lower columns are not-accessible indexes */
    unsigned int mg_lastcol;
    size_t mg_nidx;              /* index values of an instance */
    const char *const *mg_names; /* descriptors by column, for the log */
    size_t mg_nnames;
    unsigned long mg_writable; /* MIB_COL() of each writable column */
    const char *mg_nocreation; /* why a SET of a missing row is refused */
    const char *mg_token;      /* key of a SET's plan in its request */
    size_t mg_plan_size;       /* of the group's plan, a struct mib_set first */
    mib_locate_fn *mg_locate;
    mib_value_fn *mg_value;
    mib_check_fn *mg_check;
    mib_reserve2_fn *mg_reserve2; /* or NULL */
    mib_first_fn *mg_first;       /* or NULL: one pass */
    mib_action_fn *mg_action;
    mib_undo_fn *mg_undo;
    mib_commit_fn *mg_commit; /* or NULL */
    netsnmp_handler_registration *mg_reg;
};

int mib_group_register(struct mib_group *group);
void mib_group_unregister(struct mib_group *group);
void mib_group_refuse(const struct mib_group *group, netsnmp_request_info *req,
                      int err, const char *domain, const char *why);
virDomainPtr mib_domain_lookup(const unsigned char *uuid);

#endif /* VIRTMIBD_MIB_HANDLER_H */
