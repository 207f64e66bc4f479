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

/* Registrations of one group at most: mg_ranged registers each column. */
#define MIB_MAX_REGS 4

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

/*
 * The plan of a SET of a read-write TruthValue that turns something on or
 * off (virtNodeNotificationsEnabled, VM-MIB's two switches): the group's
 * mg_check calls mib_switch_check() with the flag the column switches,
 * and mib_switch_action() and mib_switch_undo() are its ACTION and UNDO.
 */
struct mib_switch_set {
    struct mib_set sw_set; /* first: the plan's head */
    int *sw_flag;          /* what the SET changes: 1 on, 0 off */
    int sw_old;
};

/*
 * A MIB group as mib_handler.c sees it.  The callbacks hold the group's
 * own logic; those marked "or NULL" are optional.  Each returns 0 or an
 * SNMP error unless said otherwise.
 */
struct mib_group {
    const char *mg_name; /* for net-snmp's logs; keys a SET's plans */
    const oid *mg_base;  /* the entry's (or the group's) OID */
    size_t mg_baselen;
    unsigned int mg_firstcol; /* lower columns are not-accessible indexes */
    unsigned int mg_lastcol;
    size_t mg_nidx;              /* index values of an instance */
    const char *const *mg_names; /* descriptors by column, for the log */
    size_t mg_nnames;
    unsigned long mg_writable; /* MIB_COL() of each writable column */
    const char *mg_nocreation; /* why a SET of a missing row is refused */
    size_t mg_plan_size;       /* of the group's plan, a struct mib_set first */
    int mg_ranged; /* registers base.firstcol to base.lastcol only, so
                      that other groups may own the rest of base */
    /* the row at (SNAP_EXACT) or after (SNAP_NEXT) @idx: 0, -1 if none */
    int (*mg_locate)(const unsigned int *idx, size_t nidx, enum snap_lookup how,
                     struct mib_row *row);
    /* sets @vb to column @col of @row: 0 or -1 */
    int (*mg_value)(netsnmp_variable_list *vb, const struct mib_row *row,
                    unsigned int col);
    /* RESERVE1, after the shared checks: fills @plan, or says @why not
     * (MIB_WHY_LEN) */
    int (*mg_check)(netsnmp_variable_list *vb, const struct mib_row *row,
                    unsigned int col, struct mib_set *plan, char *why);
    /* RESERVE2, the whole request seen; or NULL */
    void (*mg_reserve2)(netsnmp_agent_request_info *reqinfo,
                        netsnmp_request_info *requests);
    /* whether ACTION and UNDO take @plan in a first pass; or NULL */
    int (*mg_first)(const struct mib_set *plan);
    /* sets ms_done when it changed something; a failure refuses the
     * varbind (mib_group_refuse()) */
    int (*mg_action)(netsnmp_request_info *req, struct mib_set *plan);
    /* 0, or -1 (logged) when it cannot put back what ACTION did */
    int (*mg_undo)(netsnmp_request_info *req, struct mib_set *plan);
    /* COMMIT; or NULL */
    void (*mg_commit)(netsnmp_request_info *req, struct mib_set *plan);
    /* one registration, or one per column with mg_ranged */
    netsnmp_handler_registration *mg_reg[MIB_MAX_REGS];
};

int mib_group_register(struct mib_group *group);
void mib_group_unregister(struct mib_group *group);
void mib_group_refuse(const struct mib_group *group, netsnmp_request_info *req,
                      int err, const char *domain, const char *why);
int mib_locate_scalar(const unsigned int *idx, size_t nidx,
                      enum snap_lookup how, struct mib_row *row);
int mib_locate_domain(const unsigned int *idx, size_t nidx,
                      enum snap_lookup how, struct mib_row *row);
virDomainPtr mib_domain_lookup(const unsigned char *uuid);
int mib_switch_check(netsnmp_variable_list *vb, int *flag, struct mib_set *plan,
                     char *why);
int mib_switch_action(netsnmp_request_info *req, struct mib_set *plan);
int mib_switch_undo(netsnmp_request_info *req, struct mib_set *plan);
void mib_handler_settle(void);

#endif /* VIRTMIBD_MIB_HANDLER_H */
