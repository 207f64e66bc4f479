/*
 * fuzz_save_image.c: the save-image reader of the test driver
 * (lib/test_image.c, testImageReadSave()).  Inputs of 24 bytes or more
 * get their header checksum (FNV-1a 32 at offset 20, see test_image.c)
 * recomputed first, so that the fuzzer reaches the XML and the runtime
 * section instead of stopping at the checksum; the first input byte then
 * says whether to keep the checksum as given (odd) or fix it (even), so
 * that bad checksums stay covered.  A domain it accepts must be
 * consistent with the node.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "test_image.h"

static uint32_t fuzzFNV1a(uint32_t hash, const uint8_t *data, size_t len);
static void fuzzCheckDom(testNodePtr node, testDomPtr dom);

static uint32_t
fuzzFNV1a(uint32_t hash, const uint8_t *data, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        hash ^= data[i];
        hash *= 16777619U;
    }
    return hash;
}

static void
fuzzCheckDom(testNodePtr node, testDomPtr dom)
{
    volatile unsigned int sum = 0;
    unsigned int i;
    int j;

    if (!dom->def || dom->def->vcpus == 0 || dom->def->vcpus > dom->maxVcpus)
        abort();
    for (i = 0; i < dom->maxVcpus; i++) {
        if (!dom->vcpus[i].cpumap)
            abort();
        /* reads every byte of the map: ASan sees a short one */
        for (j = 0; j < node->maplen; j++)
            sum += dom->vcpus[i].cpumap[j];
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static testNodePtr node;
    uint8_t *copy;
    testDomPtr dom;

    if (!node) {
        fuzzQuiet();
        node = testNodeLoadDefault(NULL);
        if (!node)
            abort();
    }
    if (size < 1)
        return 0;
    copy = malloc(size);
    if (!copy)
        abort();
    memcpy(copy, data + 1, size - 1);
    if (size - 1 >= 24 && !(data[0] & 1)) {
        uint32_t h = fuzzFNV1a(2166136261U, copy, 20);

        h = fuzzFNV1a(h, copy + 24, size - 1 - 24);
        copy[20] = (uint8_t)h;
        copy[21] = (uint8_t)(h >> 8);
        copy[22] = (uint8_t)(h >> 16);
        copy[23] = (uint8_t)(h >> 24);
    }
    dom = testImageReadSave(NULL, node, fuzzWriteFile(copy, size - 1));
    if (dom) {
        fuzzCheckDom(node, dom);
        testDomFree(dom);
    }
    free(copy);
    return 0;
}
