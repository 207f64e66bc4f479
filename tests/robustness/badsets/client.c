/*
 * client.c: badsets, random SETs against a live virtmibd, with a model of what
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
 * is a failure, unless snmpd itself could not parse it: an Opaque value
 * may hold what net-snmp reads as one of its own typed Opaques (a
 * Counter64, a float...) with a bad length, and snmpd then discards the
 * whole message unanswered, as RFC 3412 (7.2, step 2) says, counting it
 * in snmpInASNParseErrs.  Such a request is read as "discarded by
 * snmpd" when that counter, read before and after, went up; virtmibd
 * never saw it and the model does not change.  Each accepted request is applied to the model in the
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

#include "badsets.h"

#define MAXDOM  64
#define MAXVCPU 32
static const oid mib_root[] = { 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1 };

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

/* the wire */
static int exchange(netsnmp_pdu *pdu, netsnmp_pdu **resp);
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
static long parse_errors(const struct request *rq);
static unsigned long compare(int quiet);
static unsigned long compare_settled(void);

/* the program */
static int parse_ulong(const char *s, const char *what, unsigned long *out);
static void print_summary(unsigned long sent, time_t start);
static int run_agent(char **argv, unsigned long count);
static int run_generate(unsigned long count);

static unsigned long seed;
static unsigned long poll_secs = 1;

static struct mdom doms[MAXDOM];
static size_t ndoms;
static long notify;
static netsnmp_session *ss;
static unsigned long errcount[32];
static unsigned long timeouts, badreplies, accepted, varbinds, compared;
static unsigned long resends, resynced, discarded;
static double slowest; /* seconds */

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

void
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
    long perr = parse_errors(rq);
    int st;

    varbinds += rq->n;
    st = exchange(pdu, &r);
    if (st == STAT_TIMEOUT && perr >= 0 && parse_errors(rq) > perr) {
        discarded++;
        return 0;
    }
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

/* snmpd's snmpInASNParseErrs.0 when @rq has an Opaque varbind (the one
 * type snmpd may fail to parse, see the top), else -1; -1 if unread. */
static long
parse_errors(const struct request *rq)
{
    static const oid errs[] = { 1, 3, 6, 1, 2, 1, 11, 6, 0 };
    netsnmp_pdu *pdu, *r = NULL;
    long v = -1;
    size_t i;

    for (i = 0; i < rq->n && rq->vb[i].type != ASN_OPAQUE; i++)
        ;
    if (i == rq->n)
        return -1;
    pdu = snmp_pdu_create(SNMP_MSG_GET);
    snmp_add_null_var(pdu, errs, OID_LENGTH(errs));
    if (exchange(pdu, &r) == STAT_SUCCESS && r &&
        r->errstat == SNMP_ERR_NOERROR && r->variables->type == ASN_COUNTER)
        v = (long)*r->variables->val.integer;
    if (r)
        snmp_free_pdu(r);
    return v;
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
    unsigned long i, diff = 0, timeouts_seen = 0;
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
        if (one_request(&rq) < 0 && timeouts > timeouts_seen) {
            fprintf(stderr, "badsets: request %lu (the log's line %lu) "
                            "was not answered\n", i + 1, i + 1);
            timeouts_seen = timeouts;
        }
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
    printf("badsets: %lu requests discarded unparsed by snmpd "
           "(snmpInASNParseErrs went up)\n",
           discarded);
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
