/*
 * fuzz_node_file.c: the node-file parser of the test driver
 * (lib/drivers/test/sim_nodefile.c, testnode(5)), through testNodeLoadFile().  A node it
 * accepts must be consistent: every domain found by name and UUID, the
 * active ones by id.
 */

#include <config.h>

#include <stdlib.h>

#include "fuzz_common.h"
#include "drivers/test/sim_driver.h"

static void fuzzCheckNode(testNodePtr node);

static void
fuzzCheckNode(testNodePtr node)
{
    size_t i, active = 0;

    if (node->cpus == 0 || node->cpus > node->maxcpus ||
        node->maxcpus > TEST_MAX_CPUS)
        abort();
    for (i = 0; i < node->ndoms; i++) {
        testDomPtr dom = node->doms[i];

        if (dom->slot != i || testNodeFindName(node, dom->def->name) != dom ||
            testNodeFindUUID(node, dom->def->uuid) != dom)
            abort();
        if (testDomIsActive(dom)) {
            active++;
            if (testNodeFindID(node, dom->id) != dom)
                abort();
        }
        if (dom->def->vcpus == 0 || dom->def->vcpus > dom->maxVcpus)
            abort();
    }
    if (active != node->nactive)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    testNodePtr node;

    if (!init) {
        fuzzQuiet();
        init = 1;
    }
    node = testNodeLoadFile(NULL, fuzzWriteFile(data, size));
    if (node) {
        fuzzCheckNode(node);
        testNodeFree(node);
    }
    return 0;
}
