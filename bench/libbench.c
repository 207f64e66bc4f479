/*
 * libbench.c: what `vsh list --all` plus one dominfo per domain costs
 * through libvir's C API in one process: list the active ids and the
 * defined names, look each domain up and read its info.  Prints the
 * milliseconds of the median of RUNS runs, the minimum and the maximum.
 *
 * usage: libbench list|refresh|snapshot URI RUNS [STATEFILE]
 *
 *   list      list + one virDomainGetInfo per domain (as vsh would)
 *   refresh   every library call one virtmibd refresh makes (node info,
 *             lists, lookups, info, uuid, name, os type, vcpus), keeping
 *             nothing: the driver's share of a refresh
 *   snapshot  snapshot_take() of virtmibd's model, then snapshot_free():
 *             the whole refresh (STATEFILE is the index map it uses)
 *   split     refresh and snapshot in turn, RUNS of each; prints three
 *             lines, "snapshot", "lib_refresh" and "agent_own" (their
 *             difference run by run), each "NAME MEDIAN MIN MAX"
 *   memory    prints instead the VmRSS (KiB) of this process with the
 *             connection open, then with one snapshot held: the
 *             simulated host's memory and the model's
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include <libvirt/libvirt.h>

#include "model/index_map.h"
#include "model/snapshot.h"

#define MAX_RUNS 100

static double libbench_now(void);
static int libbench_cmp(const void *a, const void *b);
static int libbench_once(virConnectPtr conn, int refresh);
static int libbench_info(virDomainPtr dom);
static int libbench_refresh_one(virDomainPtr dom);
static long libbench_rss(void);
static void libbench_print(const char *name, double *v, int runs);
static int libbench_split(virConnectPtr conn, struct index_map *map, int runs);
static int libbench_memory(virConnectPtr conn, struct index_map *map);
static int libbench_run(const char *mode, virConnectPtr conn,
                        struct index_map *map);

static double
libbench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
libbench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Reads the info of @dom and frees it; -1 on failure. */
static int
libbench_info(virDomainPtr dom)
{
    virDomainInfo info;
    int ret;

    if (!dom)
        return -1;
    ret = virDomainGetInfo(dom, &info);
    virDomainFree(dom);
    return ret;
}

/* What snapshot_add_domain() asks of the library, for one domain. */
static int
libbench_refresh_one(virDomainPtr dom)
{
    virVcpuInfo vcpus[64];
    unsigned char uuid[16], maps[64 * 8];
    virDomainInfo info;
    char *os;
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainGetInfo(dom, &info) < 0 || virDomainGetUUID(dom, uuid) < 0 ||
        !virDomainGetName(dom))
        goto cleanup;
    os = virDomainGetOSType(dom);
    free(os);
    if (virDomainGetID(dom) != (unsigned int)-1 && info.nrVirtCpu <= 64 &&
        virDomainGetVcpus(dom, vcpus, (int)info.nrVirtCpu, maps, 8) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    return ret;
}

static int
libbench_once(virConnectPtr conn, int refresh)
{
    int nact = virConnectNumOfDomains(conn);
    int ndef = virConnectNumOfDefinedDomains(conn);
    int *ids = NULL, i, ret = -1;
    const char **names = NULL;

    if (nact < 0 || ndef < 0)
        return -1;
    ids = calloc((size_t)nact + 1, sizeof(int));
    names = calloc((size_t)ndef + 1, sizeof(const char *));
    if (!ids || !names)
        goto cleanup;
    nact = virConnectListDomains(conn, ids, nact);
    ndef = virConnectListDefinedDomains(conn, names, ndef);
    if (nact < 0 || ndef < 0)
        goto cleanup;
    for (i = 0; i < nact; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);

        if ((refresh ? libbench_refresh_one(dom) : libbench_info(dom)) < 0)
            goto cleanup;
    }
    for (i = 0; i < ndef; i++) {
        virDomainPtr dom = virDomainLookupByName(conn, names[i]);

        if ((refresh ? libbench_refresh_one(dom) : libbench_info(dom)) < 0)
            goto cleanup;
    }
    ret = nact + ndef;

cleanup:
    for (i = 0; names && i < ndef; i++)
        free((void *)(uintptr_t)names[i]);
    free(names);
    free(ids);
    return ret;
}

static long
libbench_rss(void)
{
    char line[256];
    long kib = -1;
    FILE *fp = fopen("/proc/self/status", "r");

    while (fp && fgets(line, sizeof(line), fp)) {
        if (strncmp(line, "VmRSS:", 6) == 0)
            kib = atol(line + 6);
    }
    if (fp)
        fclose(fp);
    return kib;
}

static int
libbench_memory(virConnectPtr conn, struct index_map *map)
{
    long before = libbench_rss();
    struct snapshot *snap = snapshot_take(conn, map);

    if (!snap)
        return -1;
    printf("%ld %ld %zu\n", before, libbench_rss(), snap->ss_ndomains);
    snapshot_free(snap);
    return 0;
}

static int
libbench_run(const char *mode, virConnectPtr conn, struct index_map *map)
{
    virNodeInfo node;
    struct snapshot *snap;
    int n;

    if (strcmp(mode, "list") == 0)
        return libbench_once(conn, 0);
    if (strcmp(mode, "refresh") == 0) {
        if (virNodeGetInfo(conn, &node) < 0)
            return -1;
        return libbench_once(conn, 1);
    }
    snap = snapshot_take(conn, map);
    if (!snap)
        return -1;
    n = (int)snap->ss_ndomains;
    snapshot_free(snap);
    return n;
}

static void
libbench_print(const char *name, double *v, int runs)
{
    qsort(v, (size_t)runs, sizeof(double), libbench_cmp);
    printf("%s %.3f %.3f %.3f\n", name, v[runs / 2], v[0], v[runs - 1]);
}

/* Refresh and snapshot alternated, so that load hits both alike. */
static int
libbench_split(virConnectPtr conn, struct index_map *map, int runs)
{
    double snap[MAX_RUNS], lib[MAX_RUNS], own[MAX_RUNS], t0;
    int i;

    for (i = 0; i < runs; i++) {
        t0 = libbench_now();
        if (libbench_run("refresh", conn, map) < 0)
            return -1;
        lib[i] = libbench_now() - t0;
        t0 = libbench_now();
        if (libbench_run("snapshot", conn, map) < 0)
            return -1;
        snap[i] = libbench_now() - t0;
        own[i] = snap[i] - lib[i];
    }
    libbench_print("snapshot", snap, runs);
    libbench_print("lib_refresh", lib, runs);
    libbench_print("agent_own", own, runs);
    return 0;
}

int
main(int argc, char **argv)
{
    double ms[MAX_RUNS], t0;
    virConnectPtr conn;
    struct index_map *map = NULL;
    int runs, i, n = 0, ret = 1;

    if (argc < 4 || argc > 5 || (runs = atoi(argv[3])) < 1 || runs > MAX_RUNS ||
        (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "refresh") != 0) !=
            (argc == 5)) {
        fprintf(
            stderr,
            "usage: libbench list|refresh|snapshot|split|memory URI RUNS "
            "[STATEFILE] (RUNS 1 to %d; STATEFILE for snapshot, split, memory "
            "only)\n",
            MAX_RUNS);
        return 2;
    }
    if (argc == 5 && !(map = index_map_open(argv[4])))
        return 1;
    conn = virConnectOpenReadOnly(argv[2]);
    if (!conn)
        goto cleanup;
    if (strcmp(argv[1], "memory") == 0) {
        ret = libbench_memory(conn, map) < 0;
        goto cleanup;
    }
    if (strcmp(argv[1], "split") == 0) {
        ret = libbench_split(conn, map, runs) < 0;
        goto cleanup;
    }
    for (i = 0; i < runs; i++) {
        t0 = libbench_now();
        n = libbench_run(argv[1], conn, map);
        if (n < 0) {
            fprintf(stderr, "libbench: %s run %d failed\n", argv[1], i);
            goto cleanup;
        }
        ms[i] = libbench_now() - t0;
    }
    qsort(ms, (size_t)runs, sizeof(double), libbench_cmp);
    printf("%.3f %.3f %.3f %d\n", ms[runs / 2], ms[0], ms[runs - 1], n);
    ret = 0;

cleanup:
    if (conn)
        virConnectClose(conn);
    index_map_free(map);
    return ret;
}
