/*
 * mib_request.c: placing request OIDs in a table (or scalar group)
 * registered as one subtree: base.column.index...  Columns count from 1.
 */

#include <config.h>

#include <limits.h>

#include "mib_request.h"

static unsigned int mib_clamp(oid value);

static unsigned int
mib_clamp(oid value)
{
    return value > UINT_MAX ? UINT_MAX : (unsigned int)value;
}

/**
 * mib_pos_exact:
 * Places a GET request: @name must be base.col.idx with exactly @nidx
 * index values.  Returns MIB_EXACT_OK and fills @pos, or says whether the
 * column (no such object) or the instance (no such instance) is missing.
 */
enum mib_exact
mib_pos_exact(const oid *name, size_t len, const oid *base, size_t baselen,
              unsigned int lastcol, size_t nidx, struct mib_pos *pos)
{
    size_t i;

    if (len <= baselen || snmp_oid_compare(name, baselen, base, baselen) ||
        name[baselen] < 1 || name[baselen] > lastcol)
        return MIB_EXACT_NO_OBJECT;
    pos->mp_col = (unsigned int)name[baselen];
    if (len != baselen + 1 + nidx || nidx > MIB_MAX_INDEX)
        return MIB_EXACT_NO_INSTANCE;
    for (i = 0; i < nidx; i++) {
        if (name[baselen + 1 + i] > UINT_MAX)
            return MIB_EXACT_NO_INSTANCE;
        pos->mp_idx[i] = (unsigned int)name[baselen + 1 + i];
    }
    pos->mp_nidx = nidx;
    return MIB_EXACT_OK;
}

/**
 * mib_pos_next:
 * Places a GETNEXT request: the answer is the first instance after
 * @name.  Fills @pos with the column to start in and the index values
 * (at most @maxidx, clamped to UINT_MAX) the row must follow; 0 index
 * values means "from the first row".  Returns 0, or -1 when @name lies
 * after every column.
 */
int
mib_pos_next(const oid *name, size_t len, const oid *base, size_t baselen,
             unsigned int lastcol, size_t maxidx, struct mib_pos *pos)
{
    size_t n = len < baselen ? len : baselen, i;
    int c = snmp_oid_compare(name, n, base, n);

    pos->mp_col = 1;
    pos->mp_nidx = 0;
    if (c < 0 || (c == 0 && len <= baselen))
        return 0;
    if (c > 0 || name[baselen] > lastcol)
        return -1;
    if (name[baselen] < 1)
        return 0;
    pos->mp_col = (unsigned int)name[baselen];
    if (maxidx > MIB_MAX_INDEX)
        maxidx = MIB_MAX_INDEX;
    for (i = 0; i < maxidx && baselen + 1 + i < len; i++)
        pos->mp_idx[i] = mib_clamp(name[baselen + 1 + i]);
    pos->mp_nidx = i;
    return 0;
}

/* Sets the varbind's name to base.col.idx... Returns 0 or -1. */
int
mib_set_oid(netsnmp_variable_list *vb, const oid *base, size_t baselen,
            unsigned int col, const unsigned int *idx, size_t nidx)
{
    oid name[MAX_OID_LEN];
    size_t i;

    if (baselen + 1 + nidx > MAX_OID_LEN)
        return -1;
    memcpy(name, base, baselen * sizeof(oid));
    name[baselen] = col;
    for (i = 0; i < nidx; i++)
        name[baselen + 1 + i] = idx[i];
    return snmp_set_var_objid(vb, name, baselen + 1 + nidx) ? -1 : 0;
}

/*
 * Registers handler for the subtree base (read-write), under name for
 * net-snmp's logs.  Returns the registration, or NULL after logging why.
 */
netsnmp_handler_registration *
mib_register(const char *name, Netsnmp_Node_Handler *handler, const oid *base,
             size_t baselen)
{
    netsnmp_handler_registration *reg;

    reg = netsnmp_create_handler_registration(name, handler, base, baselen,
                                              HANDLER_CAN_RWRITE);
    if (!reg || netsnmp_register_handler(reg) != 0) {
        /* net-snmp has freed reg when registering failed */
        snmp_log(LOG_ERR, "cannot register %s\n", name);
        return NULL;
    }
    return reg;
}

/* Undoes mib_register; *reg may be NULL, and is NULL afterwards. */
void
mib_unregister(netsnmp_handler_registration **reg)
{
    if (*reg) {
        netsnmp_unregister_handler(*reg);
        *reg = NULL;
    }
}
