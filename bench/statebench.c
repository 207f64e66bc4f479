/*
 * statebench.c: virtmibd's start-up read of its index state file at
 * scale (agent/index_map.c, index_map_open()).
 *
 * usage: statebench ENTRIES RUNS DIR
 *
 * Writes DIR/v1.map in the first format (as the agent before version 2
 * wrote it: sorted by uuid, no end line) and DIR/v2.map through
 * index_map_save(), then reads each RUNS times and prints the median
 * seconds of index_map_open() for each.  See bench/README.md.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/index_map.h"
#include "util/uuid.h"

#define MAX_RUNS 101

static double statebench_now(void);
static int statebench_cmp(const void *a, const void *b);
static void statebench_uuid(unsigned long i, unsigned char *uuid);
static int statebench_write(const char *dir, unsigned long n);
static double statebench_read(const char *path, int runs, unsigned long n);

static double
statebench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
statebench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Distinct, spread uuids, in increasing order of @i. */
static void
statebench_uuid(unsigned long i, unsigned char *uuid)
{
    memset(uuid, 0, SNAP_UUID_LEN);
    uuid[0] = (unsigned char)(i >> 16);
    uuid[1] = (unsigned char)(i >> 8);
    uuid[2] = (unsigned char)i;
    uuid[15] = (unsigned char)(i * 37);
}

static int
statebench_write(const char *dir, unsigned long n)
{
    enum snap_persistence p = SNAP_PERSISTENT;
    unsigned char uuid[SNAP_UUID_LEN];
    char path[4096], str[SNAP_UUIDSTR_LEN];
    struct index_map *map;
    unsigned long i;
    FILE *fp;

    snprintf(path, sizeof(path), "%s/v1.map", dir);
    if (!(fp = fopen(path, "w")))
        return -1;
    fprintf(fp, "# virtmibd domain index map: uuid index persistence\n");
    fprintf(fp, "next %lu\n", n + 1);
    for (i = 0; i < n; i++) {
        statebench_uuid(i, uuid);
        virUUIDFormat(uuid, str);
        fprintf(fp, "%s %lu p\n", str, i + 1);
    }
    if (fclose(fp) != 0)
        return -1;
    snprintf(path, sizeof(path), "%s/v2.map", dir);
    remove(path);
    if (!(map = index_map_open(path)))
        return -1;
    for (i = 0; i < n; i++) {
        statebench_uuid(i, uuid);
        index_map_assign(map, uuid, &p);
    }
    i = (unsigned long)index_map_save(map);
    index_map_free(map);
    return (int)i;
}

static double
statebench_read(const char *path, int runs, unsigned long n)
{
    unsigned char uuid[SNAP_UUID_LEN];
    double t[MAX_RUNS], t0;
    struct index_map *map;
    int i;

    for (i = 0; i < runs; i++) {
        t0 = statebench_now();
        map = index_map_open(path);
        t[i] = statebench_now() - t0;
        statebench_uuid(n - 1, uuid);
        if (!map || index_map_lookup(map, uuid) != n) {
            fprintf(stderr, "statebench: %s: %s\n", path,
                    map ? "wrong index" : index_map_open_error());
            index_map_free(map);
            return -1;
        }
        index_map_free(map);
    }
    qsort(t, (size_t)runs, sizeof(t[0]), statebench_cmp);
    return t[runs / 2];
}

int
main(int argc, char **argv)
{
    char path[4096];
    unsigned long n;
    double v1, v2;
    int runs;

    if (argc != 4 || (n = strtoul(argv[1], NULL, 10)) < 1 || n > 16777215 ||
        (runs = atoi(argv[2])) < 1 || runs > MAX_RUNS) {
        fprintf(stderr,
                "usage: statebench ENTRIES(1-16777215) RUNS(1-%d) "
                "DIR\n",
                MAX_RUNS);
        return 2;
    }
    if (statebench_write(argv[3], n) < 0) {
        fprintf(stderr, "statebench: cannot write the files in %s\n", argv[3]);
        return 1;
    }
    snprintf(path, sizeof(path), "%s/v1.map", argv[3]);
    if ((v1 = statebench_read(path, runs, n)) < 0)
        return 1;
    snprintf(path, sizeof(path), "%s/v2.map", argv[3]);
    if ((v2 = statebench_read(path, runs, n)) < 0)
        return 1;
    printf("%lu entries: v1 %.3f s, v2 %.3f s (median of %d)\n", n, v1, v2,
           runs);
    return 0;
}
