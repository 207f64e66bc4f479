/*
 * fuzz_cpulist.c: vsh's cpu-list parser (tools/cpulist.c).  The first
 * input byte picks the cpu count (1..256); the rest is the list.  A list
 * it accepts sets only bits below the cpu count, formats, and the
 * formatted list parses back to the same map.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cpulist.h"
#include "fuzz_common.h"

#define MAPLEN 32 /* 256 cpus */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char map[MAPLEN], map2[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];
    unsigned int ncpus, i;
    char *str, *out;

    if (size < 1)
        return 0;
    ncpus = (unsigned int)data[0] + 1;
    str = fuzzString(data + 1, size - 1);
    memset(err, 0, sizeof(err));
    if (vshCpuListParse(str, ncpus, map, MAPLEN, err, sizeof(err)) < 0) {
        if (!err[0] || !memchr(err, '\0', sizeof(err)))
            abort(); /* a refusal always says why */
        goto cleanup;
    }
    for (i = ncpus; i < MAPLEN * 8; i++)
        if (map[i / 8] & (1U << (i % 8)))
            abort();
    out = vshCpuListFormat(map, MAPLEN, ncpus);
    if (!out)
        abort();
    if (out[0] &&
        (vshCpuListParse(out, ncpus, map2, MAPLEN, err, sizeof(err)) < 0 ||
         memcmp(map, map2, MAPLEN) != 0))
        abort();
    free(out);

cleanup:
    free(str);
    return 0;
}
