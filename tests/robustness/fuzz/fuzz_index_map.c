/*
 * fuzz_index_map.c: virtmibd's index state file reader
 * (agent/index_map.c, index_map_open()).  A file it accepts must give
 * every uuid it lists a distinct index, and a new uuid an index none of
 * them has; saving and reading again must give the same indexes.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "model/index_map.h"
#include "util/uuid.h"

#define MAXUUIDS 256

/* The uuids the file names (whatever the reader makes of the lines). */
static size_t fuzzUuids(const uint8_t *data, size_t size,
                        unsigned char (*uuids)[SNAP_UUID_LEN]);
static void fuzzCheck(struct index_map *map,
                      unsigned char (*uuids)[SNAP_UUID_LEN], size_t n,
                      unsigned int *idx);

static size_t
fuzzUuids(const uint8_t *data, size_t size,
          unsigned char (*uuids)[SNAP_UUID_LEN])
{
    char *text = fuzzString(data, size), *line, *save = NULL;
    char word[SNAP_UUIDSTR_LEN];
    size_t n = 0;

    for (line = strtok_r(text, "\n", &save); line && n < MAXUUIDS;
         line = strtok_r(NULL, "\n", &save)) {
        if (sscanf(line, "%36s", word) == 1 &&
            virUUIDParse(word, uuids[n]) == 0)
            n++;
    }
    free(text);
    return n;
}

static void
fuzzCheck(struct index_map *map, unsigned char (*uuids)[SNAP_UUID_LEN],
          size_t n, unsigned int *idx)
{
    static const unsigned char fresh[SNAP_UUID_LEN] = {
        0xfe, 0xed, 0xfa, 0xce, 0xfe, 0xed, 0xfa, 0xce,
        0xfe, 0xed, 0xfa, 0xce, 0xfe, 0xed, 0xfa, 0xcf
    };
    enum snap_persistence p = SNAP_UNKNOWN;
    unsigned int nidx;
    size_t i, j;

    for (i = 0; i < n; i++) {
        idx[i] = index_map_assign(map, uuids[i], &p);
        for (j = 0; j < i; j++)
            if (idx[i] && idx[i] == idx[j] &&
                memcmp(uuids[i], uuids[j], SNAP_UUID_LEN) != 0)
                abort(); /* two domains, one index */
    }
    nidx = index_map_assign(map, fresh, &p);
    for (i = 0; i < n; i++)
        if (nidx && nidx == idx[i] &&
            memcmp(uuids[i], fresh, SNAP_UUID_LEN) != 0)
            abort(); /* a new domain gets an index in use */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char uuids[MAXUUIDS][SNAP_UUID_LEN];
    static unsigned int idx[MAXUUIDS], idx2[MAXUUIDS];
    const char *path = fuzzWriteFile(data, size);
    struct index_map *map = index_map_open(path);
    size_t n, i;

    if (!map)
        return 0;
    n = fuzzUuids(data, size, uuids);
    fuzzCheck(map, uuids, n, idx);
    if (index_map_save(map) < 0)
        abort();
    index_map_free(map);
    map = index_map_open(path);
    if (!map)
        abort(); /* our own file refused */
    fuzzCheck(map, uuids, n, idx2);
    for (i = 0; i < n; i++)
        if (idx[i] != idx2[i])
            abort(); /* an index changed across a save */
    index_map_free(map);
    return 0;
}
