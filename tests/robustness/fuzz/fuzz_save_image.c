/*
 * fuzz_save_image.c: the save-image reader of the test driver
 * (lib/drivers/test/sim_image.c, testImageReadSave()).  Inputs of 24 bytes or more
 * get their header checksum (FNV-1a 32 at offset 20, see sim_image.c)
 * recomputed first, so that the fuzzer reaches the XML and the runtime
 * section instead of stopping at the checksum; the first input byte then
 * says whether to keep the checksum as given (odd) or fix it (even), so
 * that bad checksums stay covered.  The second bit picks the host:
 * test:///default (16 cpus, all online) or one of 11 cpus with 9 online,
 * whose last map byte has bits for no cpu.  A domain it accepts
 * must be consistent with that host: every vcpu pinned to at least one
 * cpu, and to online cpus only.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "drivers/test/sim_image.h"

static uint32_t fuzzFNV1a(uint32_t hash, const uint8_t *data, size_t len);
static void fuzzCheckDom(testNodePtr node, testDomPtr dom);
static testNodePtr fuzzNode(int small);

static const char fuzzSmallNode[] =
    "<node><cpu model='Fuzz' mhz='1000' nodes='1' sockets='1' cores='11'"
    " threads='1' active='9'/><memory>8388608</memory></node>\n";

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
    unsigned int i, c, used;
    const unsigned char *map;

    if (!dom->def || dom->def->vcpus == 0 || dom->def->vcpus > dom->maxVcpus)
        abort();
    for (i = 0; i < dom->maxVcpus; i++) {
        map = dom->vcpus[i].cpumap;
        if (!map)
            abort();
        /* reads every bit of the map: ASan sees a short one */
        used = 0;
        for (c = 0; c < (unsigned int)node->maplen * 8; c++) {
            if (!(map[c / 8] & (1U << (c % 8))))
                continue;
            if (c >= node->cpus)
                abort(); /* pinned to a cpu the host lacks or has offline */
            used++;
        }
        if (used == 0)
            abort();
    }
}

/* The default host, or (@small) the 11-cpu host with 9 online. */
static testNodePtr
fuzzNode(int small)
{
    static testNodePtr nodes[2];
    const uint8_t *xml = (const uint8_t *)fuzzSmallNode;
    testNodePtr node;

    if (nodes[small])
        return nodes[small];
    if (small) {
        node = testNodeLoadFile(NULL,
                                fuzzWriteFile(xml, sizeof(fuzzSmallNode) - 1));
    } else {
        node = testNodeLoadDefault(NULL);
    }
    if (!node)
        abort();
    nodes[small] = node;
    return node;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    testNodePtr node;
    uint8_t *copy;
    testDomPtr dom;

    if (!quiet) {
        fuzzQuiet();
        quiet = 1;
    }
    if (size < 1)
        return 0;
    node = fuzzNode((data[0] & 2) != 0);
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
