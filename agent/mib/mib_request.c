/*
 * mib_request.c: placing request OIDs in a table (or scalar group)
 * registered as one subtree: base.column.index...  Columns count from 1.
 * Also the answer's OID and value, and the one log line of a refused SET.
 */

#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "runtime/agent.h"
#include "mib/mib_request.h"

#define MIB_VALUE_OCTETS 32 /* octets of a string value shown in the log */

static unsigned int mib_clamp(oid value);
static const char *mib_error_name(int err);
static void mib_format_instance(const netsnmp_variable_list *vb,
                                const char *object, size_t baselen, char *buf,
                                size_t len);
static void mib_format_value(const netsnmp_variable_list *vb, char *buf,
                             size_t len);

/* RFC 3416's names of the errors a SET can get. */
static const char *const mib_error_names[] = {
    [SNMP_ERR_NOERROR] = "noError",
    [SNMP_ERR_TOOBIG] = "tooBig",
    [SNMP_ERR_NOSUCHNAME] = "noSuchName",
    [SNMP_ERR_BADVALUE] = "badValue",
    [SNMP_ERR_READONLY] = "readOnly",
    [SNMP_ERR_GENERR] = "genErr",
    [SNMP_ERR_NOACCESS] = "noAccess",
    [SNMP_ERR_WRONGTYPE] = "wrongType",
    [SNMP_ERR_WRONGLENGTH] = "wrongLength",
    [SNMP_ERR_WRONGENCODING] = "wrongEncoding",
    [SNMP_ERR_WRONGVALUE] = "wrongValue",
    [SNMP_ERR_NOCREATION] = "noCreation",
    [SNMP_ERR_INCONSISTENTVALUE] = "inconsistentValue",
    [SNMP_ERR_RESOURCEUNAVAILABLE] = "resourceUnavailable",
    [SNMP_ERR_COMMITFAILED] = "commitFailed",
    [SNMP_ERR_UNDOFAILED] = "undoFailed",
    [SNMP_ERR_AUTHORIZATIONERROR] = "authorizationError",
    [SNMP_ERR_NOTWRITABLE] = "notWritable",
    [SNMP_ERR_INCONSISTENTNAME] = "inconsistentName",
};

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

/* Sets the varbind's value to a number of @type (INTEGER, Unsigned32,
 * Gauge32, TimeTicks).  Returns 0 or net-snmp's error. */
int
mib_set_number(netsnmp_variable_list *vb, u_char type, long value)
{
    return snmp_set_var_typed_value(vb, type, &value, sizeof(value));
}

/* Sets the varbind's value to the OCTET STRING @str, without its NUL. */
int
mib_set_string(netsnmp_variable_list *vb, const char *str)
{
    return snmp_set_var_typed_value(vb, ASN_OCTET_STR, str, strlen(str));
}

/* Sets the varbind's value to the Counter64 @value. */
int
mib_set_counter64(netsnmp_variable_list *vb, unsigned long long value)
{
    struct counter64 c64;

    c64.high = (u_long)(value >> 32);
    c64.low = (u_long)(value & 0xFFFFFFFFULL);
    return snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
}

/* The transaction id of a request: the same in every phase of one SET. */
long
mib_transid(const netsnmp_agent_request_info *reqinfo)
{
    if (!reqinfo || !reqinfo->asp || !reqinfo->asp->pdu)
        return 0;
    return reqinfo->asp->pdu->transid;
}

/* SET refusals */

/**
 * mib_refuse:
 * @req: the refused varbind
 * @err: the SNMP error it gets
 * @object: the descriptor of the column or scalar it names, or NULL when
 *          it names none of ours (the OID is then logged as it came)
 * @baselen: length of the entry's (or group's) OID: the column follows
 * @domain: the name of the row's domain, or NULL
 * @why: the reason, for the operator
 *
 * Sets @err on @req and logs one line: object and instance, value,
 * domain, error and reason.  A refusal of the hypervisor's (commitFailed,
 * resourceUnavailable, undoFailed) is a warning; a SET refused by the
 * checks before anything changed is LOG_INFO, seen with -Le or -Lf.
 */
void
mib_refuse(netsnmp_request_info *req, int err, const char *object,
           size_t baselen, const char *domain, const char *why)
{
    char name[128], value[2 * MIB_VALUE_OCTETS + 32], dom[96];
    int level = LOG_INFO;

    if (err == SNMP_ERR_COMMITFAILED || err == SNMP_ERR_UNDOFAILED ||
        err == SNMP_ERR_RESOURCEUNAVAILABLE)
        level = LOG_WARNING;
    mib_format_instance(req->requestvb, object, baselen, name, sizeof(name));
    mib_format_value(req->requestvb, value, sizeof(value));
    dom[0] = '\0';
    if (domain)
        snprintf(dom, sizeof(dom), " of domain '%s'", domain);
    snmp_log(level, "%sSET %s = %s%s refused, %s: %s\n", agent.as_log_prefix,
             name, value, dom, mib_error_name(err), why);
    netsnmp_request_set_error(req, err);
}

/**
 * mib_column_name:
 * @vb: a varbind of a table or scalar group registered at @base
 * @names: the descriptors of its columns (or scalars), by number
 * @nnames: how many @names holds (index 0 included)
 *
 * Returns the descriptor of the column @vb names, for mib_refuse(), or
 * NULL when it names none of ours.
 */
const char *
mib_column_name(const netsnmp_variable_list *vb, const oid *base,
                size_t baselen, const char *const *names, size_t nnames)
{
    oid col;

    if (vb->name_length <= baselen ||
        snmp_oid_compare(vb->name, baselen, base, baselen) != 0)
        return NULL;
    col = vb->name[baselen];
    return col < nnames ? names[col] : NULL;
}

static const char *
mib_error_name(int err)
{
    if (err < 0 ||
        (size_t)err >= sizeof(mib_error_names) / sizeof(*mib_error_names) ||
        !mib_error_names[err])
        return "error";
    return mib_error_names[err];
}

/* "virtDomainVcpus.2", or the numeric OID when @object is NULL. */
static void
mib_format_instance(const netsnmp_variable_list *vb, const char *object,
                    size_t baselen, char *buf, size_t len)
{
    size_t i, used;
    int n;

    if (!object) {
        snprint_objid(buf, len, vb->name, vb->name_length);
        return;
    }
    n = snprintf(buf, len, "%s", object);
    used = n < 0 ? len : (size_t)n;
    for (i = baselen + 1; i < vb->name_length && used < len; i++) {
        n = snprintf(buf + used, len - used, ".%lu",
                     (unsigned long)vb->name[i]);
        used += n < 0 ? len : (size_t)n;
    }
}

/* The value as a manager wrote it: a number, or a string in hex. */
static void
mib_format_value(const netsnmp_variable_list *vb, char *buf, size_t len)
{
    size_t i, used, shown;

    switch (vb->type) {
    case ASN_INTEGER:
        snprintf(buf, len, "%ld", *vb->val.integer);
        return;
    case ASN_UNSIGNED:
    case ASN_COUNTER:
    case ASN_TIMETICKS:
        snprintf(buf, len, "%lu", (unsigned long)*vb->val.integer);
        return;
    case ASN_OCTET_STR:
        break;
    default:
        snprintf(buf, len, "(type 0x%02x)", (unsigned int)vb->type);
        return;
    }
    shown = vb->val_len < MIB_VALUE_OCTETS ? vb->val_len : MIB_VALUE_OCTETS;
    used = (size_t)snprintf(buf, len, "0x");
    for (i = 0; i < shown && used + 3 < len; i++)
        used +=
            (size_t)snprintf(buf + used, len - used, "%02x", vb->val.string[i]);
    if (shown < vb->val_len)
        snprintf(buf + used, len - used, "... (%lu octets)",
                 (unsigned long)vb->val_len);
    else if (vb->val_len == 0)
        snprintf(buf, len, "\"\"");
}
