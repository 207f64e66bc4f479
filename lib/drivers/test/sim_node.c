/*
 * sim_node.c: the simulated host of the test driver: its domains with
 * their run state, vcpu time and affinity, and the hash tables that find
 * them in O(1).  sim_nodefile.c builds it from a node file.
 */

#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/test/sim_driver.h"

/* Node */
static int testNodeGrow(virConnectPtr conn, testNodePtr node);
static unsigned long long testNow(void);

testNodePtr
testNodeNew(void)
{
    testNodePtr node = calloc(1, sizeof(*node));

    if (!node)
        return NULL;
    node->byName = virHashCreate(64);
    node->byUUID = virHashCreate(64);
    node->byID = virHashCreate(64);
    if (!node->byName || !node->byUUID || !node->byID) {
        testNodeFree(node);
        return NULL;
    }
    node->nextId = 1; /* id 0 is Domain-0's, given only by the node file */
    return node;
}

void
testNodeFree(testNodePtr node)
{
    size_t i;

    if (!node)
        return;
    for (i = 0; i < node->ndoms; i++)
        testDomFree(node->doms[i]);
    free(node->doms);
    virHashFree(node->byName);
    virHashFree(node->byUUID);
    virHashFree(node->byID);
    free(node->uri);
    free(node);
}

static int
testNodeGrow(virConnectPtr conn, testNodePtr node)
{
    size_t want;
    testDomPtr *doms;

    if (node->ndoms < node->allocDoms)
        return 0;
    want = node->allocDoms ? node->allocDoms * 2 : 16;
    if (want > SIZE_MAX / sizeof(*doms))
        return virReportOOM(conn, VIR_FROM_TEST);
    doms = realloc(node->doms, want * sizeof(*doms));
    if (!doms)
        return virReportOOM(conn, VIR_FROM_TEST);
    node->doms = doms;
    node->allocDoms = want;
    return 0;
}

static unsigned long long
testNow(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
        return 0;
    return (unsigned long long)ts.tv_sec * 1000000000ULL +
           (unsigned long long)ts.tv_nsec;
}

/*
 * A new, inactive domain owning @def (on success only), its vcpus allowed
 * on every active cpu of @node.
 */
testDomPtr
testDomNew(virConnectPtr conn, testNodePtr node, virDomainDefPtr def,
           unsigned int maxVcpus)
{
    testDomPtr dom;
    unsigned int i, c;

    dom = calloc(1, sizeof(*dom));
    if (!dom)
        goto error;
    dom->vcpus = calloc(maxVcpus, sizeof(*dom->vcpus));
    if (!dom->vcpus)
        goto error;
    dom->maxVcpus = maxVcpus;
    for (i = 0; i < maxVcpus; i++) {
        dom->vcpus[i].cpumap = calloc(node->maplen, 1);
        if (!dom->vcpus[i].cpumap)
            goto error;
        for (c = 0; c < node->cpus; c++)
            VIR_USE_CPU(dom->vcpus[i].cpumap, c);
    }
    dom->id = VIR_DOMAIN_ID_INACTIVE;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->persistent = true;
    dom->def = def;
    return dom;

error:
    virReportOOM(conn, VIR_FROM_TEST);
    testDomFree(dom);
    return NULL;
}

void
testDomFree(testDomPtr dom)
{
    unsigned int i;

    if (!dom)
        return;
    if (dom->vcpus) {
        for (i = 0; i < dom->maxVcpus; i++)
            free(dom->vcpus[i].cpumap);
    }
    free(dom->vcpus);
    virDomainDefFree(dom->def);
    free(dom);
}

bool
testDomIsActive(const testDom *dom)
{
    return dom->id != VIR_DOMAIN_ID_INACTIVE;
}

/*
 * Adds an inactive @dom to @node (which then owns it).  The caller has
 * checked that its name and uuid are free.
 */
int
testNodeAddDom(virConnectPtr conn, testNodePtr node, testDomPtr dom)
{
    if (testNodeGrow(conn, node) < 0)
        return -1;
    if (virHashAddStr(node->byName, dom->def->name, dom) < 0)
        goto oom;
    if (virHashAdd(node->byUUID, dom->def->uuid, VIR_UUID_BUFLEN, dom) < 0) {
        virHashRemoveStr(node->byName, dom->def->name);
        goto oom;
    }
    dom->slot = node->ndoms;
    node->doms[node->ndoms++] = dom;
    return 0;

oom:
    return virReportOOM(conn, VIR_FROM_TEST);
}

/* Removes @dom from @node and frees it. */
void
testNodeRemoveDom(testNodePtr node, testDomPtr dom)
{
    testDomPtr last;

    if (testDomIsActive(dom))
        testDomStop(node, dom);
    virHashRemoveStr(node->byName, dom->def->name);
    virHashRemove(node->byUUID, dom->def->uuid, VIR_UUID_BUFLEN);
    last = node->doms[node->ndoms - 1];
    node->doms[dom->slot] = last;
    last->slot = dom->slot;
    node->ndoms--;
    testDomFree(dom);
}

/*
 * Makes @dom active in @state with @id, or with the next free id when @id
 * is negative.  Ids grow monotonically: a domain started later never gets
 * a smaller id.  vcpu time starts at zero unless @state keeps it.
 */
int
testDomStart(virConnectPtr conn, testNodePtr node, testDomPtr dom, int id,
             int state)
{
    if (id < 0) {
        if (node->nextId == INT_MAX)
            return virReportError(
                conn, NULL, VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                "cannot start domain '%s': no free domain id", dom->def->name);
        id = node->nextId;
    }
    if (virHashAdd(node->byID, &id, sizeof(id), dom) < 0)
        return virReportOOM(conn, VIR_FROM_TEST);
    if (id >= node->nextId)
        node->nextId = id < INT_MAX ? id + 1 : INT_MAX;
    dom->id = id;
    dom->state = state;
    dom->tick = testNow();
    node->nactive++;
    return 0;
}

/* Makes an active @dom inactive (shut off); its vcpu time stops. */
void
testDomStop(testNodePtr node, testDomPtr dom)
{
    testDomTick(dom);
    virHashRemove(node->byID, &dom->id, sizeof(dom->id));
    dom->id = VIR_DOMAIN_ID_INACTIVE;
    dom->state = VIR_DOMAIN_SHUTOFF;
    node->nactive--;
}

/*
 * Accounts the wall time since the last call to every online vcpu of a
 * running (or blocked) domain.  Paused, crashed, shut down and inactive
 * domains accumulate nothing.
 */
void
testDomTick(testDomPtr dom)
{
    unsigned long long now = testNow();
    unsigned long long delta;
    unsigned int i;

    if (now > dom->tick && testDomIsActive(dom) &&
        (dom->state == VIR_DOMAIN_RUNNING ||
         dom->state == VIR_DOMAIN_BLOCKED)) {
        delta = now - dom->tick;
        for (i = 0; i < dom->def->vcpus && i < dom->maxVcpus; i++)
            dom->vcpus[i].cpuTime += delta;
    }
    dom->tick = now;
}

/*
 * The physical cpu vcpu @vcpu of @dom runs on: the (vcpu mod n)-th of the
 * n active cpus in its affinity map, so vcpus spread over their map and a
 * vcpu pinned to one cpu runs there.  -1 when offline.
 */
int
testDomVcpuCpu(testNodePtr node, testDomPtr dom, unsigned int vcpu)
{
    const unsigned char *map;
    unsigned int c, n = 0, pick;

    if (!testDomIsActive(dom) || vcpu >= dom->def->vcpus ||
        vcpu >= dom->maxVcpus)
        return -1;
    map = dom->vcpus[vcpu].cpumap;
    for (c = 0; c < node->cpus; c++) {
        if (map[c / 8] & (1U << (c % 8)))
            n++;
    }
    if (n == 0)
        return -1;
    pick = vcpu % n;
    for (c = 0; c < node->cpus; c++) {
        if (!(map[c / 8] & (1U << (c % 8))))
            continue;
        if (pick-- == 0)
            return (int)c;
    }
    return -1;
}

testDomPtr
testNodeFindName(testNodePtr node, const char *name)
{
    return virHashLookupStr(node->byName, name);
}

testDomPtr
testNodeFindUUID(testNodePtr node, const unsigned char *uuid)
{
    return virHashLookup(node->byUUID, uuid, VIR_UUID_BUFLEN);
}

testDomPtr
testNodeFindID(testNodePtr node, int id)
{
    return virHashLookup(node->byID, &id, sizeof(id));
}

/* Gives @def a fresh uuid when it has none; -1 after raising. */
int
testDomDefEnsureUUID(virConnectPtr conn, virDomainDefPtr def)
{
    if (!def->hasUUID && virUUIDGenerate(def->uuid) < 0)
        return virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                              "cannot generate a uuid for domain '%s'",
                              def->name);
    def->hasUUID = true;
    return 0;
}
