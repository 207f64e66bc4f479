/*
 * nullagent.c: the ceiling for any AgentX subagent on this path.
 *
 * A minimal AgentX subagent on net-snmp's agent library that serves a
 * static in-memory copy of VIRT-MIB's shape: a 13-column table of
 * domains (one index) and a 5-column table of vcpus (two indexes), with
 * values of the same types and sizes, built once at start.  GET and
 * GETNEXT are a binary search and a value copy: whatever a real
 * subagent spends beyond this is its own cost.
 *
 * It registers under netSnmpPlaypen.2 so that it can share a master
 * with virtmibd (netSnmpPlaypen.1).
 *
 * usage: nullagent -x SOCKET -d DOMAINS -v VCPU_ROWS
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#define NULL_ROOT 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 2, 1

struct null_row {
    unsigned int nr_idx[2];
    unsigned char nr_uuid[16];
    char nr_uuidstr[37];
    char nr_name[16];
    long nr_int[6];
    struct counter64 nr_time;
};

struct null_table {
    oid nt_base[MAX_OID_LEN];
    size_t nt_baselen;
    unsigned int nt_ncols;
    size_t nt_nidx;
    size_t nt_nrows;
    struct null_row *nt_rows;
};

static struct null_table dom_table, vcpu_table;
static volatile sig_atomic_t keep_running = 1;

static int null_handler(netsnmp_mib_handler *handler,
                        netsnmp_handler_registration *reginfo,
                        netsnmp_agent_request_info *reqinfo,
                        netsnmp_request_info *requests);
static int null_cmp(const struct null_row *r, const unsigned int *idx,
                    size_t nidx);
static size_t null_find(const struct null_table *t, const unsigned int *idx,
                        size_t nidx);
static void null_get(const struct null_table *t, netsnmp_variable_list *vb);
static void null_getnext(const struct null_table *t, netsnmp_variable_list *vb);
static void null_value(const struct null_table *t, netsnmp_variable_list *vb,
                       const struct null_row *r, unsigned int col);
static int null_build(size_t ndom, size_t nvcpu);
static int null_register(struct null_table *t, const char *name);
static void null_on_signal(int sig);

/* Compares a row's index with idx[0..nidx-1] (a shorter idx sorts
 * first). */
static int
null_cmp(const struct null_row *r, const unsigned int *idx, size_t nidx)
{
    size_t i;

    for (i = 0; i < nidx && i < 2; i++) {
        if (r->nr_idx[i] != idx[i])
            return r->nr_idx[i] < idx[i] ? -1 : 1;
    }
    return 0;
}

/* The first row whose index is >= idx (as a prefix). */
static size_t
null_find(const struct null_table *t, const unsigned int *idx, size_t nidx)
{
    size_t lo = 0, hi = t->nt_nrows;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (null_cmp(&t->nt_rows[mid], idx, nidx) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void
null_value(const struct null_table *t, netsnmp_variable_list *vb,
           const struct null_row *r, unsigned int col)
{
    if (t->nt_nidx == 1) {
        switch (col) {
        case 2:
            snmp_set_var_typed_value(vb, ASN_OCTET_STR, r->nr_uuid, 16);
            return;
        case 3:
            snmp_set_var_typed_value(vb, ASN_OCTET_STR, r->nr_uuidstr, 36);
            return;
        case 4:
            snmp_set_var_typed_value(vb, ASN_OCTET_STR, r->nr_name,
                                     strlen(r->nr_name));
            return;
        case 6:
            snmp_set_var_typed_value(vb, ASN_OCTET_STR, "linux", 5);
            return;
        case 8:
            snmp_set_var_typed_value(vb, ASN_COUNTER64, &r->nr_time,
                                     sizeof(r->nr_time));
            return;
        case 9:
        case 10:
            snmp_set_var_typed_value(vb, ASN_GAUGE, &r->nr_int[col - 9],
                                     sizeof(long));
            return;
        default:
            snmp_set_var_typed_value(vb, ASN_INTEGER, &r->nr_int[col % 6],
                                     sizeof(long));
            return;
        }
    }
    if (col == 3)
        snmp_set_var_typed_value(vb, ASN_COUNTER64, &r->nr_time,
                                 sizeof(r->nr_time));
    else if (col == 5)
        snmp_set_var_typed_value(vb, ASN_OCTET_STR, r->nr_uuid, 2);
    else
        snmp_set_var_typed_value(vb, ASN_INTEGER, &r->nr_int[col],
                                 sizeof(long));
}

static void
null_get(const struct null_table *t, netsnmp_variable_list *vb)
{
    unsigned int idx[2], col;
    size_t i, pos;

    if (vb->name_length != t->nt_baselen + 1 + t->nt_nidx ||
        snmp_oid_compare(vb->name, t->nt_baselen, t->nt_base, t->nt_baselen) !=
            0) {
        snmp_set_var_typed_value(vb, SNMP_NOSUCHOBJECT, NULL, 0);
        return;
    }
    col = (unsigned int)vb->name[t->nt_baselen];
    for (i = 0; i < t->nt_nidx; i++)
        idx[i] = (unsigned int)vb->name[t->nt_baselen + 1 + i];
    pos = null_find(t, idx, t->nt_nidx);
    if (col < 2 || col > t->nt_ncols || pos >= t->nt_nrows ||
        null_cmp(&t->nt_rows[pos], idx, t->nt_nidx) != 0) {
        snmp_set_var_typed_value(vb, SNMP_NOSUCHINSTANCE, NULL, 0);
        return;
    }
    null_value(t, vb, &t->nt_rows[pos], col);
}

static void
null_getnext(const struct null_table *t, netsnmp_variable_list *vb)
{
    oid name[MAX_OID_LEN];
    unsigned int idx[2] = { 0, 0 }, col = 2;
    size_t i, nidx = 0, pos = 0, bl = t->nt_baselen;
    int c = snmp_oid_compare(
        vb->name, vb->name_length < bl ? vb->name_length : bl, t->nt_base, bl);

    if (c > 0)
        return;
    if (c == 0 && vb->name_length > bl && vb->name[bl] >= 2) {
        col = (unsigned int)vb->name[bl];
        for (i = 0; i < t->nt_nidx && bl + 1 + i < vb->name_length; i++)
            idx[i] = (unsigned int)vb->name[bl + 1 + i];
        nidx = i;
        pos = null_find(t, idx, nidx);
        /* skip the row the request names exactly, or its prefix */
        while (pos < t->nt_nrows && nidx &&
               null_cmp(&t->nt_rows[pos], idx, nidx) == 0 &&
               (nidx == t->nt_nidx || vb->name_length > bl + 1 + t->nt_nidx))
            pos++;
    }
    if (col > t->nt_ncols)
        return;
    if (pos >= t->nt_nrows) {
        col++;
        pos = 0;
    }
    if (col > t->nt_ncols || t->nt_nrows == 0)
        return;
    memcpy(name, t->nt_base, bl * sizeof(oid));
    name[bl] = col;
    for (i = 0; i < t->nt_nidx; i++)
        name[bl + 1 + i] = t->nt_rows[pos].nr_idx[i];
    snmp_set_var_objid(vb, name, bl + 1 + t->nt_nidx);
    null_value(t, vb, &t->nt_rows[pos], col);
}

static int
null_handler(netsnmp_mib_handler *handler,
             netsnmp_handler_registration *reginfo,
             netsnmp_agent_request_info *reqinfo,
             netsnmp_request_info *requests)
{
    const struct null_table *t = reginfo->my_reg_void;
    netsnmp_request_info *req;

    for (req = requests; req; req = req->next) {
        if (req->processed)
            continue;
        if (reqinfo->mode == MODE_GET)
            null_get(t, req->requestvb);
        else if (reqinfo->mode == MODE_GETNEXT)
            null_getnext(t, req->requestvb);
        else
            netsnmp_request_set_error(req, SNMP_ERR_NOTWRITABLE);
    }
    return SNMP_ERR_NOERROR;
}

/* Builds both tables: domain rows 1..ndom, vcpu rows spread two to a
 * domain from the first one on. */
static int
null_build(size_t ndom, size_t nvcpu)
{
    static const oid dbase[] = { NULL_ROOT, 2, 1 },
                     vbase[] = { NULL_ROOT, 3, 1 };
    size_t i;

    dom_table.nt_rows = calloc(ndom ? ndom : 1, sizeof(struct null_row));
    vcpu_table.nt_rows = calloc(nvcpu ? nvcpu : 1, sizeof(struct null_row));
    if (!dom_table.nt_rows || !vcpu_table.nt_rows)
        return -1;
    memcpy(dom_table.nt_base, dbase, sizeof(dbase));
    dom_table.nt_baselen = OID_LENGTH(dbase);
    dom_table.nt_ncols = 13;
    dom_table.nt_nidx = 1;
    dom_table.nt_nrows = ndom;
    memcpy(vcpu_table.nt_base, vbase, sizeof(vbase));
    vcpu_table.nt_baselen = OID_LENGTH(vbase);
    vcpu_table.nt_ncols = 5;
    vcpu_table.nt_nidx = 2;
    vcpu_table.nt_nrows = nvcpu;
    for (i = 0; i < ndom; i++) {
        struct null_row *r = &dom_table.nt_rows[i];

        r->nr_idx[0] = (unsigned int)i + 1;
        memset(r->nr_uuid, (int)i, sizeof(r->nr_uuid));
        snprintf(r->nr_uuidstr, sizeof(r->nr_uuidstr),
                 "b0000000-0000-4000-8000-%012zx", i);
        snprintf(r->nr_name, sizeof(r->nr_name), "guest%05zu", i);
        r->nr_int[0] = r->nr_int[1] = 131072;
        r->nr_int[2] = r->nr_int[3] = r->nr_int[4] = r->nr_int[5] = 1;
        r->nr_time.high = 0;
        r->nr_time.low = (u_long)i * 1000;
    }
    for (i = 0; i < nvcpu; i++) {
        struct null_row *r = &vcpu_table.nt_rows[i];

        r->nr_idx[0] = (unsigned int)(i / 2) + 1;
        r->nr_idx[1] = (unsigned int)(i % 2);
        r->nr_int[1] = r->nr_int[2] = r->nr_int[4] = 1;
        r->nr_uuid[0] = 0xff;
        r->nr_time.low = (u_long)i;
    }
    return 0;
}

static int
null_register(struct null_table *t, const char *name)
{
    netsnmp_handler_registration *reg;

    reg = netsnmp_create_handler_registration(name, null_handler, t->nt_base,
                                              t->nt_baselen, HANDLER_CAN_RONLY);
    if (!reg)
        return -1;
    reg->my_reg_void = t;
    return netsnmp_register_handler(reg) == 0 ? 0 : -1;
}

static void
null_on_signal(int sig)
{
    keep_running = 0;
}

int
main(int argc, char **argv)
{
    long ndom = -1, nvcpu = -1;
    int c;

    while ((c = getopt(argc, argv, "d:v:x:")) != -1) {
        if (c == 'd')
            ndom = atol(optarg);
        else if (c == 'v')
            nvcpu = atol(optarg);
        else if (c == 'x')
            netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
                                  NETSNMP_DS_AGENT_X_SOCKET, optarg);
        else
            break;
    }
    if (optind != argc || ndom < 0 || nvcpu < 0 || ndom > 1000000 ||
        nvcpu > 2 * ndom) {
        fprintf(stderr, "usage: nullagent -x SOCKET -d DOMAINS -v VCPU_ROWS "
                        "(at most 2 per domain)\n");
        return 1;
    }
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    snmp_enable_stderrlog();
    init_agent("nullagent");
    if (null_build((size_t)ndom, (size_t)nvcpu) < 0 ||
        null_register(&dom_table, "nullDomainTable") < 0 ||
        null_register(&vcpu_table, "nullVcpuTable") < 0) {
        fprintf(stderr, "nullagent: cannot build or register the tables\n");
        return 1;
    }
    init_snmp("nullagent");
    signal(SIGTERM, null_on_signal);
    signal(SIGINT, null_on_signal);
    while (keep_running)
        agent_check_and_process(1);
    snmp_shutdown("nullagent");
    free(dom_table.nt_rows);
    free(vcpu_table.nt_rows);
    return 0;
}
