/*
 * snmpbench.c: the SNMP client side of bench/run.sh, on net-snmp's
 * library, so that no process start is timed.  All requests go to
 * 127.0.0.1 only (the port is an argument).
 *
 *   snmpbench get PORT COUNT OID
 *       COUNT single-varbind GETs of OID; prints "median_us p99_us".
 *   snmpbench set PORT COUNT OID TYPE VALUE1 VALUE2 [LOG]
 *       COUNT single-varbind SETs of OID (TYPE as snmpset: i, u...),
 *       alternating the two values (community "private"); prints
 *       "median_us p99_us".  With LOG (snmptrapd's log file), each time
 *       runs from sending the SET until LOG has grown (a notification
 *       was logged; at most 5 s each).
 *   snmpbench poll PORT ENTRY COLS ROWS_PER_PDU
 *       NMS-style poll: walks column COLS[0] of the table ENTRY to learn
 *       the row indexes (one sub-identifier), then GETs ROWS_PER_PDU rows
 *       times the columns of COLS (comma separated) per PDU, over every
 *       row; prints "varbinds seconds".
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#define MAX_ROWS 200000
#define MAX_COLS 16

static netsnmp_session *bench_open(const char *port, const char *community);
static double bench_now(void);
static int bench_cmp(const void *a, const void *b);
static void bench_report(double *us, long n);
static int bench_request(netsnmp_session *ss, netsnmp_pdu *pdu, long *nvars);
static int bench_get(netsnmp_session *ss, long count, const char *name);
static int bench_set(netsnmp_session *ss, long count, char **argv,
                     const char *log);
static off_t bench_size(const char *path);
static int bench_wait_log(const char *log, off_t size);
static long bench_rows(netsnmp_session *ss, const oid *entry, size_t elen,
                       unsigned int col, oid *rows);
static int bench_poll(netsnmp_session *ss, const char *entry, const char *cols,
                      long per_pdu);

static netsnmp_session *
bench_open(const char *port, const char *community)
{
    static u_char comm[32];
    netsnmp_session s, *ss;
    char peer[64];

    snprintf(peer, sizeof(peer), "udp:127.0.0.1:%s", port);
    snmp_sess_init(&s);
    s.version = SNMP_VERSION_2c;
    s.peername = peer;
    s.community_len = strlen(community);
    if (s.community_len >= sizeof(comm))
        return NULL;
    memcpy(comm, community, s.community_len);
    s.community = comm;
    s.timeout = 5000000;
    s.retries = 0;
    ss = snmp_open(&s);
    if (!ss)
        snmp_perror("snmpbench: snmp_open");
    return ss;
}

static double
bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static void
bench_report(double *us, long n)
{
    qsort(us, (size_t)n, sizeof(double), bench_cmp);
    printf("%.0f %.0f\n", us[n / 2], us[(n * 99) / 100]);
}

/* Sends PDU, waits for the answer; -1 on any error (printed). */
static int
bench_request(netsnmp_session *ss, netsnmp_pdu *pdu, long *nvars)
{
    netsnmp_pdu *resp = NULL;
    netsnmp_variable_list *v;
    int st = snmp_synch_response(ss, pdu, &resp), ret = -1;

    if (st != STAT_SUCCESS || !resp) {
        snmp_sess_perror("snmpbench", ss);
    } else if (resp->errstat != SNMP_ERR_NOERROR) {
        fprintf(stderr, "snmpbench: %s\n", snmp_errstring(resp->errstat));
    } else {
        ret = 0;
        for (v = resp->variables; v && nvars; v = v->next_variable) {
            if (v->type == SNMP_NOSUCHOBJECT ||
                v->type == SNMP_NOSUCHINSTANCE) {
                fprintf(stderr, "snmpbench: no such object or instance\n");
                ret = -1;
                break;
            }
            (*nvars)++;
        }
    }
    if (resp)
        snmp_free_pdu(resp);
    return ret;
}

static int
bench_get(netsnmp_session *ss, long count, const char *name)
{
    oid o[MAX_OID_LEN];
    size_t len = MAX_OID_LEN;
    double *us = calloc((size_t)count, sizeof(double)), t0;
    long i;

    if (!us || !read_objid(name, o, &len))
        return -1;
    for (i = 0; i < count; i++) {
        netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET);
        long n = 0;

        snmp_add_null_var(pdu, o, len);
        t0 = bench_now();
        if (bench_request(ss, pdu, &n) < 0 || n != 1)
            return -1;
        us[i] = (bench_now() - t0) * 1e6;
    }
    bench_report(us, count);
    free(us);
    return 0;
}

static off_t
bench_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? st.st_size : -1;
}

/* Waits until LOG is longer than SIZE: 0, or -1 after 5 s. */
static int
bench_wait_log(const char *log, off_t size)
{
    int i;

    for (i = 0; i < 25000; i++) {
        if (bench_size(log) > size)
            return 0;
        usleep(200);
    }
    fprintf(stderr, "snmpbench: no notification in %s\n", log);
    return -1;
}

/* argv: OID TYPE VALUE1 VALUE2 */
static int
bench_set(netsnmp_session *ss, long count, char **argv, const char *log)
{
    oid o[MAX_OID_LEN];
    size_t len = MAX_OID_LEN;
    double *us = calloc((size_t)count, sizeof(double)), t0;
    off_t size = 0;
    long i;

    if (!us || !read_objid(argv[0], o, &len))
        return -1;
    for (i = 0; i < count; i++) {
        netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_SET);

        if (snmp_add_var(pdu, o, len, argv[1][0], argv[2 + i % 2]) != 0)
            return -1;
        if (log)
            size = bench_size(log);
        t0 = bench_now();
        if (bench_request(ss, pdu, NULL) < 0 ||
            (log && bench_wait_log(log, size) < 0))
            return -1;
        us[i] = (bench_now() - t0) * 1e6;
    }
    bench_report(us, count);
    free(us);
    return 0;
}

/* The indexes of the rows of column COL (one sub-identifier each). */
static long
bench_rows(netsnmp_session *ss, const oid *entry, size_t elen, unsigned int col,
           oid *rows)
{
    oid cur[MAX_OID_LEN];
    size_t clen = elen + 1;
    long n = 0;

    memcpy(cur, entry, elen * sizeof(oid));
    cur[elen] = col;
    while (n < MAX_ROWS) {
        netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GETBULK), *resp = NULL;
        netsnmp_variable_list *v;
        int done = 0;

        pdu->non_repeaters = 0;
        pdu->max_repetitions = 50;
        snmp_add_null_var(pdu, cur, clen);
        if (snmp_synch_response(ss, pdu, &resp) != STAT_SUCCESS || !resp)
            return -1;
        for (v = resp->variables; v && !done; v = v->next_variable) {
            if (v->name_length != elen + 2 || v->name[elen] != col ||
                snmp_oid_compare(v->name, elen, entry, elen) != 0 ||
                n >= MAX_ROWS) {
                done = 1;
                break;
            }
            rows[n++] = v->name[elen + 1];
            memcpy(cur, v->name, v->name_length * sizeof(oid));
            clen = v->name_length;
        }
        snmp_free_pdu(resp);
        if (done || !v)
            break;
    }
    return n;
}

static int
bench_poll(netsnmp_session *ss, const char *entry, const char *cols,
           long per_pdu)
{
    oid e[MAX_OID_LEN], name[MAX_OID_LEN], *rows;
    size_t elen = MAX_OID_LEN;
    unsigned int col[MAX_COLS];
    long ncol = 0, nrows, r, c, nvars = 0;
    char *copy = strdup(cols), *tok, *save = NULL;
    double t0;

    rows = calloc(MAX_ROWS, sizeof(oid));
    if (!copy || !rows || !read_objid(entry, e, &elen) ||
        elen + 2 > MAX_OID_LEN)
        return -1;
    for (tok = strtok_r(copy, ",", &save); tok && ncol < MAX_COLS;
         tok = strtok_r(NULL, ",", &save))
        col[ncol++] = (unsigned int)atoi(tok);
    nrows = ncol ? bench_rows(ss, e, elen, col[0], rows) : -1;
    if (nrows <= 0)
        return -1;
    memcpy(name, e, elen * sizeof(oid));
    t0 = bench_now();
    for (r = 0; r < nrows; r += per_pdu) {
        netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET);

        for (c = 0; c < ncol; c++) {
            long k;

            for (k = r; k < r + per_pdu && k < nrows; k++) {
                name[elen] = col[c];
                name[elen + 1] = rows[k];
                snmp_add_null_var(pdu, name, elen + 2);
            }
        }
        if (bench_request(ss, pdu, &nvars) < 0)
            return -1;
    }
    printf("%ld %.6f\n", nvars, bench_now() - t0);
    free(rows);
    free(copy);
    return 0;
}

int
main(int argc, char **argv)
{
    netsnmp_session *ss;
    long count;
    int ret = -1;

    if (argc < 5) {
        fprintf(stderr, "usage: snmpbench get|set|poll PORT ...\n");
        return 2;
    }
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    init_snmp("snmpbench");
    ss = bench_open(argv[2], strcmp(argv[1], "set") ? "public" : "private");
    if (!ss)
        return 1;
    count = atol(argv[3]);
    if (strcmp(argv[1], "get") == 0 && argc == 5 && count > 0)
        ret = bench_get(ss, count, argv[4]);
    else if (strcmp(argv[1], "set") == 0 && (argc == 8 || argc == 9) &&
             count > 0)
        ret = bench_set(ss, count, argv + 4, argc == 9 ? argv[8] : NULL);
    else if (strcmp(argv[1], "poll") == 0 && argc == 6 && atol(argv[5]) > 0)
        ret = bench_poll(ss, argv[3], argv[4], atol(argv[5]));
    else
        fprintf(stderr, "snmpbench: bad arguments\n");
    snmp_close(ss);
    return ret < 0 ? 1 : 0;
}
