/*
 * badsets.c: random SETs against a live virtmibd, with a model of what
 * the accepted ones must have done.
 *
 *   badsets [-l LOG] [-p POLL] HOST:PORT COMMUNITY COUNT SEED
 *   badsets -g [-l LOG] COUNT SEED
 *
 * Sends COUNT SET requests of 1 to 4 varbinds: OIDs anywhere under
 * VIRT-MIB (mostly the writable columns of real rows, also read-only
 * columns, missing rows, odd lengths and sub-identifiers), every SMI
 * type, random lengths and values (mostly near the valid ranges of
 * test:///default).  The whole sequence comes from SEED alone, through a
 * private generator (splitmix64): neither net-snmp's own use of random()
 * nor the agent's answers change it.  Each request is one line of the
 * log (LOG, when asked), and the FNV-1a 64 hash of those lines is
 * printed with the seed.  -g only generates: no agent, the same lines
 * and the same hash.
 *
 * The model reads every domain's writable columns (virtDomainAdminState,
 * virtDomainMaxMemory, virtDomainMemory, virtDomainVcpus, the
 * virtVcpuAffinity rows) and virtNodeNotificationsEnabled at the start;
 * it never steers the requests.  Every reply must be a response with a
 * defined error status (not undoFailed) and, on error, an error index
 * inside the request; a request that gets no answer within its whole
 * bound (5 s, resent 5 times by the library with the same request id)
 * is a failure.  Each accepted request is applied to the model in the
 * agent's order (maximum memory before memory).  Every 2,500 requests
 * and at the end the model is compared with what the agent reads back,
 * again until they agree or 3 poll intervals (POLL seconds, default 1)
 * and 30 s have passed.
 *
 * A resent SET may be applied twice (the first try was slow, not lost).
 * Every value the model keeps is absolute (a state, a size, a map), so a
 * second application leaves what the first one set; the first answer to
 * arrive is the one taken.  Only a resent request answered with an error
 * leaves the model unsure (the first try may have been applied after
 * all): it then takes the touched domains' values from the agent.
 *
 * Prints "badsets: N requests (V varbinds) ... errors: ...", then
 * "badsets: M values compared, D differ, T timeouts, B bad replies",
 * the slowest request and the resends, and the seed with the hash; exits
 * 1 when anything is wrong, 2 on a bad command line.
 */

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXDOM  64
#define MAXVCPU 32
#define MAPLEN  16
#define MAXVB   4
#define STRMAX  300

static const oid mib_root[] = { 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1 };
#define ROOTLEN    10
#define COL_ADMIN  13
#define COL_MAXMEM 9
#define COL_MEMORY 10
#define COL_VCPUS  11

/*
 * The host the generator aims at (test:///default): domain indexes 1 to
 * GEN_DOMS, up to GEN_VCPUS vcpus each, GEN_CPUS cpus, GEN_HOST_MIB MiB.
 * Constants, so that the requests never depend on what the agent says.
 */
#define GEN_DOMS     4
#define GEN_VCPUS    4
#define GEN_CPUS     16
#define GEN_HOST_MIB 16384

#define TRY_USEC  5000000L /* one try of a request */
#define TRY_RESENDS 5      /* resends after the first try */

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

/* One varbind as generated: what goes on the wire and into the log. */
struct vb {
    oid name[MAX_OID_LEN];
    size_t len;
    u_char type;
    long num;
    unsigned char str[STRMAX];
    size_t slen;
};

/* What a varbind means to the model. */
struct planned {
    int kind; /* 0 none, -1 must be refused, 1 admin, 2 maxmem, 3 memory,
                 4 vcpus, 5 map, 6 notify */
    unsigned long index;
    unsigned long vcpu;
    long value;
    unsigned char map[MAPLEN];
    size_t maplen;
};

struct request {
    size_t n;
    struct vb vb[MAXVB];
    struct planned p[MAXVB];
};

/* the generator */
static uint64_t rng_next(void);
static unsigned long rnd(unsigned long n);
static long rnd_num(long lo, long hi);
static u_char pick_type(u_char good);
static void gen_oid(struct vb *v, const oid *tail, size_t n);
static void gen_value(struct vb *v, u_char type, long num,
                      const unsigned char *str, size_t slen);
static void gen_anywhere(struct vb *v, struct planned *p);
static void gen_readonly(struct vb *v, struct planned *p);
static void gen_notify(struct vb *v, struct planned *p);
static void gen_affinity(struct vb *v, struct planned *p);
static void gen_column(struct vb *v, struct planned *p);
static void gen_request(struct request *rq);

/* the request log and its hash */
static void log_text(const char *s);
static void log_varbind(const struct vb *v);
static void log_request(const struct request *rq);

/* the wire */
static int exchange(netsnmp_pdu *pdu, netsnmp_pdu **resp);
static void mk_oid(oid *o, size_t *len, const oid *tail, size_t n);
static netsnmp_pdu *get1(const oid *tail, size_t n);
static int get_long(const oid *tail, size_t n, long *out);
static int get_map(const oid *tail, size_t n, unsigned char *map,
                   size_t *len);

/* the model */
static struct mdom *find_dom(unsigned long index);
static int read_indexes(void);
static int read_dom(struct mdom *d, struct mdom *out);
static int read_all(void);
static void apply_one(const struct planned *p);
static void apply(const struct planned *p, size_t n);
static void resync(const struct planned *p, size_t n);
static netsnmp_pdu *build_pdu(const struct request *rq);
static int check_reply(const struct request *rq, netsnmp_pdu *r, int resent);
static int one_request(const struct request *rq);
static unsigned long compare(int quiet);
static unsigned long compare_settled(void);

/* the program */
static int parse_ulong(const char *s, const char *what, unsigned long *out);
static void print_summary(unsigned long sent, time_t start);
static int run_agent(char **argv, unsigned long count);
static int run_generate(unsigned long count);

static uint64_t rng_state;
static uint64_t log_hash = 0xcbf29ce484222325ULL; /* FNV-1a 64 offset */
static FILE *log_file;
static unsigned long seed;
static unsigned long poll_secs = 1;

static struct mdom doms[MAXDOM];
static size_t ndoms;
static long notify;
static netsnmp_session *ss;
static unsigned long errcount[32];
static unsigned long timeouts, badreplies, accepted, varbinds, compared;
static unsigned long resends, resynced;
static double slowest; /* seconds */

/* ---- the generator --------------------------------------------------- */

/* splitmix64 (Steele, Lea, Flood 2014): the only source of randomness. */
static uint64_t
rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned long
rnd(unsigned long n)
{
    return n ? (unsigned long)(rng_next() % n) : 0;
}

/* A number, mostly in [lo, hi], sometimes just below or anywhere. */
static long
rnd_num(long lo, long hi)
{
    long a, b;

    switch (rnd(6)) {
    case 0:
        return rnd(2) ? 0x7FFFFFFFL : -0x7FFFFFFFL - 1;
    case 1:
        a = (long)rnd(0x80000000UL);
        b = (long)rnd(0x80000000UL);
        return a - b;
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

static u_char
pick_type(u_char good)
{
    return rnd(10) < 7 ? good : types[rnd(sizeof(types))];
}

static void
gen_oid(struct vb *v, const oid *tail, size_t n)
{
    mk_oid(v->name, &v->len, tail, n);
}

/* The value of @v; a string type without @str gets random bytes. */
static void
gen_value(struct vb *v, u_char type, long num, const unsigned char *str,
          size_t slen)
{
    size_t i;

    v->type = type;
    v->num = num;
    v->slen = 0;
    if (type == ASN_COUNTER64)
        v->num = (long)(rnd(2) << 32 | ((unsigned long)num & 0xFFFFFFFFUL));
    if (type != ASN_OCTET_STR && type != ASN_OPAQUE)
        return;
    if (str) {
        memcpy(v->str, str, slen);
        v->slen = slen;
        return;
    }
    v->slen = rnd(4) ? rnd(6) : rnd(STRMAX);
    for (i = 0; i < v->slen; i++)
        v->str[i] = (unsigned char)rng_next();
}

/* Anywhere under VIRT-MIB. */
static void
gen_anywhere(struct vb *v, struct planned *p)
{
    oid t[8];
    size_t n = 1 + rnd(7), i;
    u_char type;

    for (i = 0; i < n; i++)
        t[i] = rnd(4) ? rnd(20) : (oid)rnd(0x80000000UL);
    gen_oid(v, t, n);
    type = types[rnd(sizeof(types))];
    gen_value(v, type, rnd_num(0, 9), NULL, 0);
    p->kind = 0;
}

/* A read-only column or a missing row: must be refused. */
static void
gen_readonly(struct vb *v, struct planned *p)
{
    static const oid ro[] = { 1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 0 };
    oid t[5] = { 1, 2, 1, 0, 0 };
    u_char type;

    t[3] = ro[rnd(sizeof(ro) / sizeof(ro[0]))];
    t[4] = p->index;
    if (rnd(2))
        t[4] += 1000 + rnd(100);
    gen_oid(v, t, 5);
    type = types[rnd(sizeof(types))];
    gen_value(v, type, rnd_num(1, 5), NULL, 0);
    p->kind = -1;
}

/* The notification switch (sometimes a wrong instance). */
static void
gen_notify(struct vb *v, struct planned *p)
{
    oid t[4] = { 1, 1, 16, 0 };
    u_char type;

    t[3] = rnd(8) ? 0 : 1;
    gen_oid(v, t, 4);
    type = pick_type(ASN_INTEGER);
    p->value = rnd_num(1, 2);
    gen_value(v, type, p->value, NULL, 0);
    p->kind = (type == ASN_INTEGER && t[3] == 0) ? 6 : 0;
}

/* An affinity row, some beyond the domain's vcpus. */
static void
gen_affinity(struct vb *v, struct planned *p)
{
    const size_t ml = (GEN_CPUS + 7) / 8;
    oid t[6] = { 1, 3, 1, 5, 0, 0 };
    u_char type;
    size_t i;

    p->vcpu = rnd(GEN_VCPUS + 2);
    t[4] = p->index;
    t[5] = p->vcpu;
    gen_oid(v, t, 6);
    type = pick_type(ASN_OCTET_STR);
    p->maplen = rnd(8) ? ml : rnd(MAPLEN + 1);
    for (i = 0; i < p->maplen; i++)
        p->map[i] = rnd(3) ? (unsigned char)rng_next() : 0;
    if (p->maplen == ml && GEN_CPUS % 8) {
        if (rnd(4))
            p->map[ml - 1] &= (unsigned char)((1U << (GEN_CPUS % 8)) - 1);
    }
    gen_value(v, type, 0, p->map, p->maplen);
    p->kind = type == ASN_OCTET_STR ? 5 : 0;
}

/* A writable domain column. */
static void
gen_column(struct vb *v, struct planned *p)
{
    static const int cols[] = { COL_ADMIN, COL_MAXMEM, COL_MEMORY,
                                COL_VCPUS };
    int c = cols[rnd(4)];
    oid t[5] = { 1, 2, 1, 0, 0 };
    u_char type, good = c == COL_ADMIN ? ASN_INTEGER : ASN_UNSIGNED;

    t[3] = (oid)c;
    t[4] = p->index;
    gen_oid(v, t, 5);
    type = pick_type(good);
    if (c == COL_ADMIN) {
        p->value = rnd_num(1, 5);
        p->kind = 1;
    } else if (c == COL_VCPUS) {
        p->value = rnd_num(1, 6);
        p->kind = 4;
    } else if (c == COL_MAXMEM) {
        p->value = rnd_num(1, GEN_HOST_MIB + 2);
        p->kind = 2;
    } else {
        /* the default domains' maxima are 256 to 2,048 MiB */
        p->value = rnd_num(1, (256L << rnd(4)) + 2);
        p->kind = 3;
    }
    gen_value(v, type, p->value, NULL, 0);
    if (type != good)
        p->kind = 0;
}

static void
gen_request(struct request *rq)
{
    size_t i;

    rq->n = 1;
    if (!rnd(3))
        rq->n += rnd(MAXVB);
    for (i = 0; i < rq->n; i++) {
        struct vb *v = &rq->vb[i];
        struct planned *p = &rq->p[i];

        memset(p, 0, sizeof(*p));
        p->index = 1 + rnd(GEN_DOMS);
        switch (rnd(20)) {
        case 0:
            gen_anywhere(v, p);
            break;
        case 1:
            gen_readonly(v, p);
            break;
        case 2:
            gen_notify(v, p);
            break;
        case 3:
        case 4:
        case 5:
            gen_affinity(v, p);
            break;
        default:
            gen_column(v, p);
        }
    }
}

/* ---- the request log and its hash ------------------------------------ */

/* Hashes @s (FNV-1a 64) and writes it to the log when there is one. */
static void
log_text(const char *s)
{
    const unsigned char *c;

    for (c = (const unsigned char *)s; *c; c++) {
        log_hash ^= *c;
        log_hash *= 0x100000001b3ULL;
    }
    if (log_file)
        fputs(s, log_file);
}

/* One varbind as "OID TYPE VALUE", types as snmpset spells them. */
static void
log_varbind(const struct vb *v)
{
    char buf[3 * STRMAX + 64];
    size_t i, at = 0;

    for (i = 0; i < v->len; i++)
        at += (size_t)snprintf(buf + at, sizeof(buf) - at, ".%lu",
                               (unsigned long)v->name[i]);
    log_text(buf);
    switch (v->type) {
    case ASN_OCTET_STR:
    case ASN_OPAQUE:
        at = (size_t)snprintf(buf, sizeof(buf), " %s ",
                              v->type == ASN_OPAQUE ? "opaque" : "x");
        for (i = 0; i < v->slen; i++)
            at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%02x",
                                   v->str[i]);
        break;
    case ASN_IPADDRESS:
        snprintf(buf, sizeof(buf), " a 127.0.0.1");
        break;
    case ASN_OBJECT_ID:
        snprintf(buf, sizeof(buf), " o .1.3.6.1");
        break;
    case ASN_NULL:
        snprintf(buf, sizeof(buf), " null");
        break;
    case ASN_COUNTER64:
        snprintf(buf, sizeof(buf), " c64 %lu", (unsigned long)v->num);
        break;
    default:
        snprintf(buf, sizeof(buf), " %c %ld",
                 v->type == ASN_INTEGER    ? 'i'
                 : v->type == ASN_UNSIGNED ? 'u'
                 : v->type == ASN_COUNTER  ? 'c'
                                           : 't',
                 v->num);
    }
    log_text(buf);
}

/* One line per request: its varbinds, separated by " ; ". */
static void
log_request(const struct request *rq)
{
    size_t i;

    for (i = 0; i < rq->n; i++) {
        if (i)
            log_text(" ; ");
        log_varbind(&rq->vb[i]);
    }
    log_text("\n");
}

/* ---- the wire -------------------------------------------------------- */

/* One request and its answer (the library resends it on a timeout);
 * notes its latency and how many resends it took. */
static int
exchange(netsnmp_pdu *pdu, netsnmp_pdu **resp)
{
    struct timespec t0, t1;
    double secs;
    int st;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = snmp_synch_response(ss, pdu, resp);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (secs > slowest)
        slowest = secs;
    /* the library resends after each whole try without an answer */
    resends += (unsigned long)(secs * 1e6 / (double)TRY_USEC);
    return st;
}

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
    if (exchange(pdu, &resp) != STAT_SUCCESS || !resp ||
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

/* ---- the model ------------------------------------------------------- */

static struct mdom *
find_dom(unsigned long index)
{
    size_t i;

    for (i = 0; i < ndoms; i++)
        if (doms[i].index == index)
            return &doms[i];
    return NULL;
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
        if (exchange(pdu, &r) != STAT_SUCCESS || !r)
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
    size_t i;

    if (read_indexes() < 0 || ndoms == 0 || get_long(nt, 4, &notify) < 0)
        return -1;
    for (i = 0; i < ndoms; i++)
        if (read_dom(&doms[i], &doms[i]) < 0)
            return -1;
    return 0;
}

static void
apply_one(const struct planned *p)
{
    struct mdom *d = find_dom(p->index);
    unsigned long v = (unsigned long)p->value & 0xFFFFFFFFUL;

    if (p->kind == 6) {
        notify = p->value;
        return;
    }
    if (!d)
        return;
    switch (p->kind) {
    case 1:
        if (p->value == 1 || p->value == 4)
            d->admin = 1;
        else if (p->value == 2)
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
        if (p->vcpu < MAXVCPU) {
            memcpy(d->map[p->vcpu], p->map, p->maplen);
            d->maplen[p->vcpu] = p->maplen;
        }
        break;
    default:
        break;
    }
}

/* Applies an accepted request: maximum memory first, as the agent does. */
static void
apply(const struct planned *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i].kind == 2)
            apply_one(&p[i]);
    for (i = 0; i < n; i++)
        if (p[i].kind != 2)
            apply_one(&p[i]);
}

/* The model takes the agent's values of what @p touched. */
static void
resync(const struct planned *p, size_t n)
{
    oid nt[] = { 1, 1, 16, 0 };
    size_t i;

    resynced++;
    for (i = 0; i < n; i++) {
        struct mdom *d = find_dom(p[i].index);

        if (p[i].kind == 6)
            get_long(nt, 4, &notify);
        else if (p[i].kind > 0 && d)
            read_dom(d, d);
    }
}

/* Checks one reply against its request; applies it to the model. */
static int
check_reply(const struct request *rq, netsnmp_pdu *r, int resent)
{
    size_t i;

    if (r->errstat < 0 || r->errstat > 18 ||
        r->errstat == SNMP_ERR_UNDOFAILED ||
        (r->errstat && (r->errindex < 1 || r->errindex > (long)rq->n))) {
        fprintf(stderr, "badsets: bad reply: error %ld index %ld of %zu\n",
                r->errstat, r->errindex, rq->n);
        badreplies++;
        return -1;
    }
    errcount[r->errstat]++;
    if (r->errstat != SNMP_ERR_NOERROR) {
        if (resent)
            resync(rq->p, rq->n);
        return 0;
    }
    accepted++;
    for (i = 0; i < rq->n; i++) {
        const struct planned *p = &rq->p[i];

        if (p->kind < 0 || (p->kind > 0 && p->kind != 6 &&
                            !find_dom(p->index))) {
            fprintf(stderr, "badsets: a read-only object or a missing "
                            "row accepted\n");
            badreplies++;
        }
    }
    apply(rq->p, rq->n);
    return 0;
}

/* The SET PDU of @rq. */
static netsnmp_pdu *
build_pdu(const struct request *rq)
{
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_SET);
    static const oid ov[] = { 1, 3, 6, 1 };
    struct counter64 c64;
    size_t i;

    for (i = 0; i < rq->n; i++) {
        const struct vb *v = &rq->vb[i];
        const void *val = &v->num;
        size_t len = sizeof(v->num);

        switch (v->type) {
        case ASN_OCTET_STR:
        case ASN_OPAQUE:
            val = v->str, len = v->slen;
            break;
        case ASN_IPADDRESS:
            val = "\x7f\0\0\1", len = 4;
            break;
        case ASN_OBJECT_ID:
            val = ov, len = sizeof(ov);
            break;
        case ASN_NULL:
            val = NULL, len = 0;
            break;
        case ASN_COUNTER64:
            c64.high = ((unsigned long)v->num >> 32) & 0xFFFFFFFFUL;
            c64.low = (unsigned long)v->num & 0xFFFFFFFFUL;
            val = &c64, len = sizeof(c64);
            break;
        default:
            break;
        }
        snmp_pdu_add_variable(pdu, v->name, v->len, v->type, val, len);
    }
    return pdu;
}

static int
one_request(const struct request *rq)
{
    netsnmp_pdu *pdu = build_pdu(rq), *r = NULL;
    unsigned long before = resends;
    int st;

    varbinds += rq->n;
    st = exchange(pdu, &r);
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
    st = check_reply(rq, r, resends != before);
    snmp_free_pdu(r);
    return st;
}

/* Compares every modelled value with the agent's; returns the count of
 * differences (printed unless @quiet). */
static unsigned long
compare(int quiet)
{
    unsigned long diff = 0, n = 0, j;
    oid nt[] = { 1, 1, 16, 0 };
    long v = 0;
    size_t i;

    if (get_long(nt, 4, &v) < 0 || v != notify) {
        if (!quiet)
            fprintf(stderr, "badsets: notifications %ld, model %ld\n", v,
                    notify);
        diff++;
    }
    for (i = 0; i < ndoms; i++) {
        struct mdom *m = &doms[i], now;

        if (read_dom(m, &now) < 0) {
            if (!quiet)
                fprintf(stderr, "badsets: domain %lu unreadable\n", m->index);
            diff++;
            continue;
        }
        n += 4;
        if (now.admin != m->admin || now.maxmem != m->maxmem ||
            now.memory != m->memory || now.vcpus != m->vcpus) {
            if (!quiet)
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
                if (!quiet)
                    fprintf(stderr, "badsets: domain %lu vcpu %lu: affinity "
                                    "differs\n",
                            m->index, j);
                diff++;
            }
        }
    }
    if (!quiet)
        compared += n + 1;
    return diff;
}

/*
 * The agent re-reads the host at each poll: compares until the model and
 * the agent agree, or 3 poll intervals and 30 s have passed (a loaded
 * machine delays polls); then once more, to print what differs.
 */
static unsigned long
compare_settled(void)
{
    time_t end = time(NULL) + 3 * (time_t)poll_secs + 30;

    sleep((unsigned int)poll_secs);
    while (compare(1) && time(NULL) < end)
        usleep(200000);
    return compare(0);
}

/* ---- the program ----------------------------------------------------- */

static int
parse_ulong(const char *s, const char *what, unsigned long *out)
{
    char *end;

    errno = 0;
    *out = strtoul(s, &end, 10);
    if (!*s || *end || errno || *s == '-') {
        fprintf(stderr, "badsets: %s '%s' is not a number\n", what, s);
        return -1;
    }
    return 0;
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

static void
print_summary(unsigned long sent, time_t start)
{
    unsigned long e;

    printf("badsets: %lu requests (%lu varbinds) in %ld s, %lu accepted; "
           "errors:",
           sent, varbinds, (long)(time(NULL) - start), accepted);
    for (e = 1; e < 19; e++)
        if (errcount[e])
            printf(" %s %lu", errnames[e], errcount[e]);
    printf("\n");
}

static int
run_agent(char **argv, unsigned long count)
{
    netsnmp_session s;
    struct request rq;
    unsigned long i, diff = 0;
    time_t start;

    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    init_snmp("badsets");
    snmp_sess_init(&s);
    s.peername = argv[0];
    s.version = SNMP_VERSION_2c;
    s.community = (u_char *)argv[1];
    s.community_len = strlen(argv[1]);
    s.timeout = TRY_USEC;
    s.retries = TRY_RESENDS;
    ss = snmp_open(&s);
    if (!ss || read_all() < 0) {
        fprintf(stderr, "badsets: cannot read the agent's starting state\n");
        return 1;
    }
    start = time(NULL);
    for (i = 0; i < count && time(NULL) - start < 900; i++) {
        gen_request(&rq);
        log_request(&rq);
        one_request(&rq);
        /* the model is also compared on the way, every 2,500 requests */
        if (i % 2500 == 2499 && i + 1 < count)
            diff += compare_settled();
    }
    print_summary(i, start);
    diff += compare_settled();
    printf("badsets: %lu values compared, %lu differ, %lu timeouts, "
           "%lu bad replies\n",
           compared, diff, timeouts, badreplies);
    printf("badsets: slowest request %.3f s, %lu resends (tries of %ld s), "
           "%lu resent SETs refused and resynced\n",
           slowest, resends, TRY_USEC / 1000000, resynced);
    snmp_close(ss);
    return diff || timeouts || badreplies || i < count ? 1 : 0;
}

static int
run_generate(unsigned long count)
{
    struct request rq;
    unsigned long i;

    for (i = 0; i < count; i++) {
        gen_request(&rq);
        log_request(&rq);
    }
    printf("badsets: %lu requests generated\n", count);
    return 0;
}

int
main(int argc, char **argv)
{
    unsigned long count;
    const char *logpath = NULL;
    int c, gen = 0, rc, want;

    while ((c = getopt(argc, argv, "gl:p:")) != -1) {
        switch (c) {
        case 'g':
            gen = 1;
            break;
        case 'l':
            logpath = optarg;
            break;
        case 'p':
            if (parse_ulong(optarg, "poll interval", &poll_secs) < 0)
                return 2;
            break;
        default:
            goto usage;
        }
    }
    want = gen ? 2 : 4;
    if (argc - optind != want)
        goto usage;
    argv += optind;
    if (parse_ulong(argv[want - 2], "count", &count) < 0 ||
        parse_ulong(argv[want - 1], "seed", &seed) < 0)
        return 2;
    rng_state = seed;
    if (logpath && !(log_file = fopen(logpath, "w"))) {
        fprintf(stderr, "badsets: %s: %s\n", logpath, strerror(errno));
        return 2;
    }
    rc = gen ? run_generate(count) : run_agent(argv, count);
    printf("badsets: seed %lu (BADSETS_SEED=%lu repeats this run), "
           "sequence hash %016llx\n",
           seed, seed, (unsigned long long)log_hash);
    if (log_file && fclose(log_file) != 0) {
        fprintf(stderr, "badsets: %s: %s\n", logpath, strerror(errno));
        return 1;
    }
    return rc;

usage:
    fprintf(stderr, "usage: badsets [-l LOG] [-p POLL] HOST:PORT COMMUNITY "
                    "COUNT SEED\n"
                    "       badsets -g [-l LOG] COUNT SEED\n");
    return 2;
}
