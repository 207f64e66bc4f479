/*
 * badsets.c: random SETs against a live virtmibd, with a model of what
 * the accepted ones must have done.
 *
 *   badsets HOST:PORT COMMUNITY COUNT SEED
 *
 * Reads every domain's writable columns (virtDomainAdminState,
 * virtDomainMaxMemory, virtDomainMemory, virtDomainVcpus, the
 * virtVcpuAffinity rows) and virtNodeNotificationsEnabled, then sends
 * COUNT SET requests of 1 to 4 varbinds: OIDs anywhere under VIRT-MIB
 * (mostly the writable columns of real rows, also read-only columns,
 * missing rows, odd lengths and sub-identifiers), every SMI type, random
 * lengths and values (mostly near the valid ranges).  Every reply must be
 * a response with a defined error status (not undoFailed) and, on error,
 * an error index inside the request; a timeout is a failure.  Each
 * accepted request is applied to the model in the agent's order (maximum
 * memory before memory).  Every 2,500 requests and at the end, after one
 * poll interval, every modelled value is read back and must equal the
 * model.
 *
 * Prints "badsets: N requests (V varbinds), A accepted, per error ...",
 * then "badsets: M values compared, D differ, T timeouts, B bad replies"
 * and exits 1 when anything is wrong.
 */

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXDOM  64
#define MAXVCPU 32
#define MAPLEN  16

static const oid mib_root[] = { 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1 };
#define ROOTLEN    10
#define COL_ADMIN  13
#define COL_MAXMEM 9
#define COL_MEMORY 10
#define COL_VCPUS  11

struct mdom {
    unsigned long index;
    long admin;           /* 1 running, 2 paused, 3 shut off */
    unsigned long maxmem; /* MiB */
    unsigned long memory; /* MiB */
    unsigned long vcpus;
    int dom0;
    unsigned char map[MAXVCPU][MAPLEN];
    size_t maplen[MAXVCPU]; /* 0: never known */
};

static struct mdom doms[MAXDOM];
static size_t ndoms;
static long notify;
static unsigned long host_mib;
static unsigned int maxcpus;
static netsnmp_session *ss;
static unsigned long errcount[32];
static unsigned long timeouts, badreplies, accepted, varbinds, compared;

static void
mk_oid(oid *o, size_t *len, const oid *tail, size_t n)
{
    memcpy(o, mib_root, sizeof(mib_root));
    memcpy(o + ROOTLEN, tail, n * sizeof(oid));
    *len = ROOTLEN + n;
}

/* One GET; returns the response (caller frees) or NULL. */
static netsnmp_pdu *
get1(const oid *tail, size_t n)
{
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET), *resp = NULL;
    oid o[MAX_OID_LEN];
    size_t len;

    mk_oid(o, &len, tail, n);
    snmp_add_null_var(pdu, o, len);
    if (snmp_synch_response(ss, pdu, &resp) != STAT_SUCCESS || !resp ||
        resp->errstat != SNMP_ERR_NOERROR) {
        if (resp)
            snmp_free_pdu(resp);
        return NULL;
    }
    return resp;
}

static int
get_long(const oid *tail, size_t n, long *out)
{
    netsnmp_pdu *r = get1(tail, n);
    int ok = r && (r->variables->type == ASN_INTEGER ||
                   r->variables->type == ASN_UNSIGNED ||
                   r->variables->type == ASN_GAUGE);

    if (ok)
        *out = *r->variables->val.integer;
    if (r)
        snmp_free_pdu(r);
    return ok ? 0 : -1;
}

static int
get_map(const oid *tail, size_t n, unsigned char *map, size_t *len)
{
    netsnmp_pdu *r = get1(tail, n);
    int ok = r && r->variables->type == ASN_OCTET_STR &&
             r->variables->val_len <= MAPLEN;

    if (ok) {
        memcpy(map, r->variables->val.string, r->variables->val_len);
        *len = r->variables->val_len;
    }
    if (r)
        snmp_free_pdu(r);
    return ok ? 0 : -1;
}

/* Every domain index, by GETNEXT over virtDomainAdminState. */
static int
read_indexes(void)
{
    oid o[MAX_OID_LEN];
    size_t len;
    oid col[] = { 1, 2, 1, COL_ADMIN };

    mk_oid(o, &len, col, 4);
    while (ndoms < MAXDOM) {
        netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GETNEXT), *r = NULL;

        snmp_add_null_var(pdu, o, len);
        if (snmp_synch_response(ss, pdu, &r) != STAT_SUCCESS || !r)
            return -1;
        if (r->errstat || r->variables->name_length != ROOTLEN + 5 ||
            memcmp(r->variables->name, o, (ROOTLEN + 4) * sizeof(oid))) {
            snmp_free_pdu(r);
            return 0;
        }
        memcpy(o, r->variables->name, r->variables->name_length * sizeof(oid));
        len = r->variables->name_length;
        doms[ndoms++].index = o[ROOTLEN + 4];
        snmp_free_pdu(r);
    }
    return 0;
}

/* Reads the current values of domain @d (all columns and online maps). */
static int
read_dom(struct mdom *d, struct mdom *out)
{
    oid t[6] = { 1, 2, 1, 0, d->index, 0 };
    long v;
    unsigned long i;

    *out = *d;
    memset(out->maplen, 0, sizeof(out->maplen));
    t[3] = COL_ADMIN;
    if (get_long(t, 5, &out->admin) < 0)
        return -1;
    t[3] = COL_MAXMEM;
    if (get_long(t, 5, &v) < 0)
        return -1;
    out->maxmem = (unsigned long)v;
    t[3] = COL_MEMORY;
    if (get_long(t, 5, &v) < 0)
        return -1;
    out->memory = (unsigned long)v;
    t[3] = COL_VCPUS;
    if (get_long(t, 5, &v) < 0)
        return -1;
    out->vcpus = (unsigned long)v;
    t[3] = 5; /* virtDomainId */
    out->dom0 = get_long(t, 5, &v) == 0 && v == 0;
    if (out->admin == 3)
        return 0;
    for (i = 0; i < out->vcpus && i < MAXVCPU; i++) {
        oid vt[] = { 1, 3, 1, 5, d->index, i };

        if (get_map(vt, 6, out->map[i], &out->maplen[i]) < 0)
            return -1;
    }
    return 0;
}

static int
read_all(void)
{
    oid nt[] = { 1, 1, 16, 0 };
    oid mt[] = { 1, 1, 5, 0 };
    oid ct[] = { 1, 1, 12, 0 };
    long v;
    size_t i;

    if (read_indexes() < 0 || ndoms == 0 || get_long(nt, 4, &notify) < 0 ||
        get_long(mt, 4, &v) < 0)
        return -1;
    host_mib = (unsigned long)v;
    if (get_long(ct, 4, &v) < 0)
        return -1;
    maxcpus = (unsigned int)v;
    for (i = 0; i < ndoms; i++)
        if (read_dom(&doms[i], &doms[i]) < 0)
            return -1;
    return 0;
}

/* Random values, mostly near what the agent accepts. */
static unsigned long
rnd(unsigned long n)
{
    return n ? (unsigned long)random() % n : 0;
}

static long
rnd_num(long lo, long hi)
{
    switch (rnd(6)) {
    case 0:
        return (long)(rnd(2) ? 0x7FFFFFFFL : -0x7FFFFFFFL - 1);
    case 1:
        return (long)random() - (long)random();
    case 2:
        return lo - 1 - (long)rnd(3);
    default:
        return lo + (long)rnd((unsigned long)(hi - lo + 1));
    }
}

static const u_char types[] = { ASN_INTEGER,   ASN_UNSIGNED,  ASN_OCTET_STR,
                                ASN_COUNTER,   ASN_TIMETICKS, ASN_IPADDRESS,
                                ASN_OBJECT_ID, ASN_NULL,      ASN_COUNTER64,
                                ASN_OPAQUE };

/* Adds one random varbind for domain or vcpu row; notes it in @vb_*. */
struct planned {
    int kind; /* 0 none, 1 admin, 2 maxmem, 3 memory, 4 vcpus, 5 map, 6 notify
               */
    size_t dom;
    unsigned long vcpu;
    long value;
    unsigned char map[MAPLEN];
    size_t maplen;
};

static u_char
pick_type(u_char good)
{
    return rnd(10) < 7 ? good : types[rnd(sizeof(types))];
}

static void
add_value(netsnmp_pdu *pdu, oid *o, size_t len, u_char type, long num,
          const unsigned char *str, size_t slen)
{
    struct counter64 c64;
    oid ov[] = { 1, 3, 6, 1 };
    unsigned char buf[300];
    size_t i;

    switch (type) {
    case ASN_OCTET_STR:
    case ASN_OPAQUE:
        if (!str) {
            slen = rnd(4) ? rnd(6) : rnd(sizeof(buf));
            for (i = 0; i < slen; i++)
                buf[i] = (unsigned char)random();
            str = buf;
        }
        snmp_pdu_add_variable(pdu, o, len, type, str, slen);
        break;
    case ASN_IPADDRESS:
        snmp_pdu_add_variable(pdu, o, len, type, "\x7f\0\0\1", 4);
        break;
    case ASN_OBJECT_ID:
        snmp_pdu_add_variable(pdu, o, len, type, ov, sizeof(ov));
        break;
    case ASN_NULL:
        snmp_pdu_add_variable(pdu, o, len, type, NULL, 0);
        break;
    case ASN_COUNTER64:
        c64.high = rnd(2);
        c64.low = (unsigned long)num & 0xFFFFFFFFUL;
        snmp_pdu_add_variable(pdu, o, len, type, &c64, sizeof(c64));
        break;
    default:
        snmp_pdu_add_variable(pdu, o, len, type, &num, sizeof(num));
    }
}

static void
plan_one(netsnmp_pdu *pdu, struct planned *p)
{
    oid o[MAX_OID_LEN];
    size_t len, i;
    oid t[8];
    size_t n = 0;
    u_char type;
    struct mdom *d;

    p->kind = 0;
    p->dom = rnd(ndoms);
    d = &doms[p->dom];
    switch (rnd(20)) {
    case 0: /* anywhere under VIRT-MIB */
        n = 1 + rnd(7);
        for (i = 0; i < n; i++)
            t[i] = rnd(4) ? rnd(20) : (oid)random();
        mk_oid(o, &len, t, n);
        add_value(pdu, o, len, types[rnd(sizeof(types))], rnd_num(0, 9), NULL,
                  0);
        return;
    case 1: { /* a read-only column or a missing row */
        static const oid ro[] = { 1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 0 };

        t[0] = 1, t[1] = 2, t[2] = 1,
        t[3] = ro[rnd(sizeof(ro) / sizeof(ro[0]))];
        t[4] = rnd(2) ? d->index : d->index + 1000 + rnd(100);
        mk_oid(o, &len, t, 5);
        add_value(pdu, o, len, types[rnd(sizeof(types))], rnd_num(1, 5), NULL,
                  0);
        p->kind = -1; /* must be refused */
        return;
    }
    case 2: /* the notification switch */
        t[0] = 1, t[1] = 1, t[2] = 16, t[3] = rnd(8) ? 0 : 1;
        mk_oid(o, &len, t, 4);
        type = pick_type(ASN_INTEGER);
        p->value = rnd_num(1, 2);
        add_value(pdu, o, len, type, p->value, NULL, 0);
        p->kind = (type == ASN_INTEGER && t[3] == 0) ? 6 : 0;
        return;
    case 3:
    case 4:
    case 5: { /* an affinity row */
        unsigned long v = rnd(d->vcpus + 2);
        size_t ml = (maxcpus + 7) / 8;

        t[0] = 1, t[1] = 3, t[2] = 1, t[3] = 5, t[4] = d->index, t[5] = v;
        mk_oid(o, &len, t, 6);
        type = pick_type(ASN_OCTET_STR);
        p->maplen = rnd(8) ? ml : rnd(MAPLEN + 1);
        for (i = 0; i < p->maplen; i++)
            p->map[i] = rnd(3) ? (unsigned char)random() : 0;
        if (p->maplen == ml && ml && maxcpus % 8)
            p->map[ml - 1] &=
                rnd(4) ? (unsigned char)((1U << (maxcpus % 8)) - 1) : 0xFF;
        add_value(pdu, o, len, type, 0, p->map, p->maplen);
        p->kind = type == ASN_OCTET_STR ? 5 : 0;
        p->vcpu = v;
        return;
    }
    default: { /* a writable domain column */
        static const int cols[] = { COL_ADMIN, COL_MAXMEM, COL_MEMORY,
                                    COL_VCPUS };
        int c = cols[rnd(4)];

        t[0] = 1, t[1] = 2, t[2] = 1, t[3] = (oid)c, t[4] = d->index;
        mk_oid(o, &len, t, 5);
        if (c == COL_ADMIN) {
            type = pick_type(ASN_INTEGER);
            p->value = rnd_num(1, 5);
            p->kind = 1;
        } else if (c == COL_VCPUS) {
            type = pick_type(ASN_UNSIGNED);
            p->value = rnd_num(1, 6);
            p->kind = 4;
        } else {
            type = pick_type(ASN_UNSIGNED);
            p->value = rnd_num(
                1, (long)(c == COL_MAXMEM ? host_mib + 2 : d->maxmem + 2));
            p->kind = c == COL_MAXMEM ? 2 : 3;
        }
        add_value(pdu, o, len, type, p->value, NULL, 0);
        if (type != (c == COL_ADMIN ? ASN_INTEGER : ASN_UNSIGNED))
            p->kind = 0;
    }
    }
}

/* Applies an accepted request: maximum memory first, as the agent does. */
static void
apply(struct planned *p, size_t n)
{
    int pass;
    size_t i;

    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < n; i++) {
            struct mdom *d = &doms[p[i].dom];
            unsigned long v = (unsigned long)p[i].value & 0xFFFFFFFFUL;

            if ((pass == 0) != (p[i].kind == 2))
                continue;
            switch (p[i].kind) {
            case 1:
                if (p[i].value == 1 || p[i].value == 4)
                    d->admin = 1;
                else if (p[i].value == 2)
                    d->admin = 2;
                else
                    d->admin = 3;
                break;
            case 2:
                d->maxmem = v;
                if (d->memory > v)
                    d->memory = v;
                break;
            case 3:
                d->memory = v;
                break;
            case 4:
                d->vcpus = v;
                break;
            case 5:
                if (p[i].vcpu < MAXVCPU) {
                    memcpy(d->map[p[i].vcpu], p[i].map, p[i].maplen);
                    d->maplen[p[i].vcpu] = p[i].maplen;
                }
                break;
            case 6:
                notify = p[i].value;
                break;
            default:
                break;
            }
        }
    }
}

static int
one_request(void)
{
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_SET), *r = NULL;
    struct planned p[4];
    size_t n = 1 + (rnd(3) ? 0 : rnd(4)), i;
    int st;

    for (i = 0; i < n; i++)
        plan_one(pdu, &p[i]);
    varbinds += n;
    st = snmp_synch_response(ss, pdu, &r);
    if (st == STAT_TIMEOUT) {
        timeouts++;
        return -1;
    }
    if (st != STAT_SUCCESS || !r || r->command != SNMP_MSG_RESPONSE) {
        badreplies++;
        if (r)
            snmp_free_pdu(r);
        return -1;
    }
    if (r->errstat < 0 || r->errstat > 18 ||
        r->errstat == SNMP_ERR_UNDOFAILED ||
        (r->errstat && (r->errindex < 1 || r->errindex > (long)n))) {
        fprintf(stderr, "badsets: bad reply: error %ld index %ld of %zu\n",
                r->errstat, r->errindex, n);
        badreplies++;
    } else {
        errcount[r->errstat]++;
        if (r->errstat == SNMP_ERR_NOERROR) {
            accepted++;
            for (i = 0; i < n; i++)
                if (p[i].kind < 0) {
                    fprintf(stderr, "badsets: a read-only object accepted\n");
                    badreplies++;
                }
            apply(p, n);
        }
    }
    snmp_free_pdu(r);
    return 0;
}

static unsigned long
compare(void)
{
    unsigned long diff = 0, n = 0, j;
    oid nt[] = { 1, 1, 16, 0 };
    long v;
    size_t i;

    if (get_long(nt, 4, &v) < 0 || v != notify) {
        fprintf(stderr, "badsets: notifications %ld, model %ld\n", v, notify);
        diff++;
    }
    for (i = 0; i < ndoms; i++) {
        struct mdom *m = &doms[i], now;

        if (read_dom(m, &now) < 0) {
            fprintf(stderr, "badsets: domain %lu unreadable\n", m->index);
            diff++;
            continue;
        }
        n += 4;
        if (now.admin != m->admin || now.maxmem != m->maxmem ||
            now.memory != m->memory || now.vcpus != m->vcpus) {
            fprintf(stderr,
                    "badsets: domain %lu: admin %ld/%ld maxmem %lu/%lu "
                    "memory %lu/%lu vcpus %lu/%lu (agent/model)\n",
                    m->index, now.admin, m->admin, now.maxmem, m->maxmem,
                    now.memory, m->memory, now.vcpus, m->vcpus);
            diff++;
        }
        for (j = 0; j < MAXVCPU; j++) {
            if (!now.maplen[j] || !m->maplen[j])
                continue;
            n++;
            if (now.maplen[j] != m->maplen[j] ||
                memcmp(now.map[j], m->map[j], m->maplen[j])) {
                fprintf(stderr,
                        "badsets: domain %lu vcpu %lu: affinity "
                        "differs\n",
                        m->index, j);
                diff++;
            }
        }
    }
    compared += n + 1;
    return diff;
}

static const char *const errnames[19] = { "noError",
                                          "tooBig",
                                          "noSuchName",
                                          "badValue",
                                          "readOnly",
                                          "genErr",
                                          "noAccess",
                                          "wrongType",
                                          "wrongLength",
                                          "wrongEncoding",
                                          "wrongValue",
                                          "noCreation",
                                          "inconsistentValue",
                                          "resourceUnavailable",
                                          "commitFailed",
                                          "undoFailed",
                                          "authorizationError",
                                          "notWritable",
                                          "inconsistentName" };

int
main(int argc, char **argv)
{
    netsnmp_session s;
    unsigned long count, i, diff, e;
    time_t start;

    if (argc != 5) {
        fprintf(stderr, "usage: badsets HOST:PORT COMMUNITY COUNT SEED\n");
        return 2;
    }
    count = strtoul(argv[3], NULL, 10);
    srandom((unsigned int)strtoul(argv[4], NULL, 10));
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    init_snmp("badsets");
    snmp_sess_init(&s);
    s.peername = argv[1];
    s.version = SNMP_VERSION_2c;
    s.community = (u_char *)argv[2];
    s.community_len = strlen(argv[2]);
    s.timeout = 5000000;
    s.retries = 0;
    ss = snmp_open(&s);
    if (!ss || read_all() < 0) {
        fprintf(stderr, "badsets: cannot read the agent's starting state\n");
        return 1;
    }
    start = time(NULL);
    diff = 0;
    for (i = 0; i < count && time(NULL) - start < 600; i++) {
        one_request();
        /* the model is also compared on the way, every 2,500 requests */
        if (i % 2500 == 2499 && i + 1 < count) {
            sleep(2);
            diff += compare();
        }
    }
    printf("badsets: %lu requests (%lu varbinds) in %ld s, %lu accepted; "
           "errors:",
           i, varbinds, (long)(time(NULL) - start), accepted);
    for (e = 1; e < 19; e++)
        if (errcount[e])
            printf(" %s %lu", errnames[e], errcount[e]);
    printf("\n");
    sleep(2); /* one poll interval and more: the agent re-reads the host */
    diff += compare();
    printf("badsets: %lu values compared, %lu differ, %lu timeouts, "
           "%lu bad replies\n",
           compared, diff, timeouts, badreplies);
    snmp_close(ss);
    return diff || timeouts || badreplies || i < count ? 1 : 0;
}
