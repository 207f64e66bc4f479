/*
 * sim_driver.c: the test driver, an in-process simulated Xen host behind
 * test:///default (built in) and test:///PATH (a node file, testnode(5)).
 *
 * All connections of a process to the same URI share one node, kept in a
 * registry keyed by URI and freed when its last connection closes.  Opens
 * and closes may run in any thread; a node itself has no lock, so the
 * connections of one URI are used by one thread at a time.
 *
 * Error codes, one per kind of refusal:
 * - VIR_ERR_NO_DOMAIN: no such domain, or the handle's domain is gone;
 * - VIR_ERR_OPERATION_FAILED: the domain's state forbids the operation
 *   (suspend of a paused domain, create of a running one, anything that
 *   would stop Domain-0, a duplicate device);
 * - VIR_ERR_INVALID_ARG: a value out of range for this domain or host
 *   (memory, vcpu count, vcpu number, cpu map, non-zero flags);
 * - VIR_ERR_DOM_EXIST: a name or uuid clash;
 * - VIR_ERR_NO_DEVICE: detaching a device the domain does not have;
 * - VIR_ERR_WRITE_FAILED / VIR_ERR_READ_FAILED: save, dump and restore
 *   files that cannot be written, read, or are not valid images;
 * - VIR_ERR_INTERNAL_ERROR: a fault injected for tests (testnode(5),
 *   LIBVIR_TEST_FAULTS): the file that variable names lists operations
 *   (or "*") that fail for as long as they are listed.  "delay OP SECS"
 *   in it makes OP slow instead: it waits SECS or until the entry is
 *   gone, then goes on.
 */

#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "domain_event.h"
#include "drivers/test/sim_driver.h"

#define TEST_HV_VERSION 3000000UL /* Xen 3.0.0 */

/* Fault injection */
static bool testFaultListed(const char *path, const char *op, double *delay);
static void testFaultSleep(const char *path, const char *op, double secs);

/* Connections and the node registry */
static virDrvOpenStatus testOpen(virConnectPtr conn, const char *name,
                                 int flags);
static int testClose(virConnectPtr conn);
static const char *testParseURI(virConnectPtr conn, const char *name);
static testNodePtr testRegistryFind(const char *uri);
static testNodePtr testRegistryLoad(virConnectPtr conn, const char *name,
                                    const char *path);
static const char *testGetType(virConnectPtr conn);
static int testGetVersion(virConnectPtr conn, unsigned long *hvVer);
static int testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/* Listing and lookup */
static int testListDomains(virConnectPtr conn, int *ids, int maxids);
static int testNumOfDomains(virConnectPtr conn);
static int testListDefinedDomains(virConnectPtr conn, const char **names,
                                  int maxnames);
static int testNumOfDefinedDomains(virConnectPtr conn);
static int testCompareInt(const void *a, const void *b);
static int testCompareStr(const void *a, const void *b);
static virDomainPtr testLookupByID(virConnectPtr conn, int id);
static virDomainPtr testLookupByUUID(virConnectPtr conn,
                                     const unsigned char *uuid);
static virDomainPtr testLookupByName(virConnectPtr conn, const char *name);

virDriver testDriver = {
    .name = "Test",
    .open = testOpen,
    .close = testClose,
    .type = testGetType,
    .version = testGetVersion,
    .nodeGetInfo = testNodeGetInfo,
    .listDomains = testListDomains,
    .numOfDomains = testNumOfDomains,
    .listDefinedDomains = testListDefinedDomains,
    .numOfDefinedDomains = testNumOfDefinedDomains,
    .domainCreateLinux = testDomainCreateLinux,
    .domainLookupByID = testLookupByID,
    .domainLookupByUUID = testLookupByUUID,
    .domainLookupByName = testLookupByName,
    .domainSuspend = testDomainSuspend,
    .domainResume = testDomainResume,
    .domainShutdown = testDomainShutdown,
    .domainReboot = testDomainReboot,
    .domainDestroy = testDomainDestroy,
    .domainSave = testDomainSave,
    .domainRestore = testDomainRestore,
    .domainCoreDump = testDomainCoreDump,
    .domainGetInfo = testDomainGetInfo,
    .domainGetID = testDomainGetID,
    .domainGetOSType = testDomainGetOSType,
    .domainIsPersistent = testDomainIsPersistent,
    .domainGetMaxMemory = testDomainGetMaxMemory,
    .domainSetMaxMemory = testDomainSetMaxMemory,
    .domainSetMemory = testDomainSetMemory,
    .domainGetXMLDesc = testDomainGetXMLDesc,
    .domainDefineXML = testDomainDefineXML,
    .domainUndefine = testDomainUndefine,
    .domainCreate = testDomainCreate,
    .domainSetVcpus = testDomainSetVcpus,
    .domainGetMaxVcpus = testDomainGetMaxVcpus,
    .domainPinVcpu = testDomainPinVcpu,
    .domainGetVcpus = testDomainGetVcpus,
    .domainAttachDevice = testDomainAttachDevice,
    .domainDetachDevice = testDomainDetachDevice,
};

/* -------------------------------------------------------- fault injection */

/*
 * Whether the fault file at @path lists @op or "*" (the call fails);
 * adds to @delay the seconds of its "delay OP SECS" entries (the call
 * is slow).
 */
static bool
testFaultListed(const char *path, const char *op, double *delay)
{
    char word[64], dop[64];
    double secs;
    bool hit = false;
    FILE *fp = fopen(path, "r");

    if (!fp)
        return false;
    while (fscanf(fp, "%63s", word) == 1) {
        if (strcmp(word, "delay") != 0) {
            hit = hit || strcmp(word, op) == 0 || strcmp(word, "*") == 0;
            continue;
        }
        if (fscanf(fp, "%63s %lf", dop, &secs) != 2)
            break; /* a malformed delay ends the file */
        if ((strcmp(dop, op) == 0 || strcmp(dop, "*") == 0) && secs > 0 &&
            secs <= 3600)
            *delay += secs;
    }
    fclose(fp);
    return hit;
}

/*
 * Sleeps @secs seconds, or less once the fault file at @path no longer
 * delays @op: a test that removes the entry lets the call go on at
 * once, without guessing how long it needs to wait.
 */
static void
testFaultSleep(const char *path, const char *op, double secs)
{
    struct timespec step = { 0, 50000000L }; /* 50 ms */
    double left = 0;

    while (secs > 0) {
        nanosleep(&step, NULL);
        secs -= 0.05;
        left = 0;
        testFaultListed(path, op, &left);
        if (left <= 0)
            return;
    }
}

/*
 * Fails operation @op (raising VIR_ERR_INTERNAL_ERROR) while the file
 * named by $LIBVIR_TEST_FAULTS lists it, after sleeping as long as its
 * delay entries for @op say: tests make the simulated host misbehave or
 * slow, and recover, without restarting the program under test.
 */
int
testFault(virConnectPtr conn, virDomainPtr domain, const char *op)
{
    const char *path = getenv("LIBVIR_TEST_FAULTS");
    double delay = 0;
    bool hit;

    if (!path || !*path)
        return 0;
    hit = testFaultListed(path, op, &delay);
    testFaultSleep(path, op, delay);
    if (!hit)
        return 0;
    return virReportError(conn, domain, VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                          "cannot %s: fault injected by %s", op, path);
}

/* Every open node, keyed by URI; opens and closes hold the lock. */
static testNodePtr testNodes;
static pthread_mutex_t testNodesLock = PTHREAD_MUTEX_INITIALIZER;

/* ---------------------------------------------------------- connections */

static virDrvOpenStatus
testOpen(virConnectPtr conn, const char *name, int flags)
{
    const char *path;
    testNodePtr node;

    (void)flags;
    if (!name || strncasecmp(name, "test:", 5) != 0)
        return VIR_DRV_OPEN_DECLINED;
    path = testParseURI(conn, name);
    if (!path)
        return VIR_DRV_OPEN_ERROR;
    pthread_mutex_lock(&testNodesLock);
    node = testRegistryFind(name);
    if (!node)
        node = testRegistryLoad(conn, name, path);
    if (node)
        node->refs++;
    pthread_mutex_unlock(&testNodesLock);
    if (!node)
        return VIR_DRV_OPEN_ERROR;
    conn->privateData = node;
    return VIR_DRV_OPEN_SUCCESS;
}

/* Builds the node of @name and registers it (with no reference yet). */
static testNodePtr
testRegistryLoad(virConnectPtr conn, const char *name, const char *path)
{
    testNodePtr node;

    if (strcmp(path, "/default") == 0)
        node = testNodeLoadDefault(conn);
    else
        node = testNodeLoadFile(conn, path);
    if (!node)
        return NULL;
    node->uri = strdup(name);
    if (!node->uri) {
        testNodeFree(node);
        virReportOOM(conn, VIR_FROM_TEST);
        return NULL;
    }
    node->next = testNodes;
    testNodes = node;
    return node;
}

/*
 * The absolute path of a test URI: "test:///default" or "test:///PATH".
 * A host part, a relative path, a query or a fragment are refused.
 */
static const char *
testParseURI(virConnectPtr conn, const char *name)
{
    const char *rest = name + 5;

    if (strncmp(rest, "///", 3) != 0) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "invalid test URI '%s': expected test:///default or "
                       "test:///ABSOLUTE/PATH (no host, no relative path)",
                       name);
        return NULL;
    }
    rest += 2;
    if (rest[1] == '\0' || strpbrk(rest, "?#")) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "invalid test URI '%s': %s", name,
                       rest[1] == '\0' ? "no path"
                                       : "query or fragment not supported");
        return NULL;
    }
    return rest;
}

static testNodePtr
testRegistryFind(const char *uri)
{
    testNodePtr node;

    for (node = testNodes; node; node = node->next) {
        if (strcmp(node->uri, uri) == 0)
            return node;
    }
    return NULL;
}

static int
testClose(virConnectPtr conn)
{
    testNodePtr node = conn->privateData;
    testNodePtr *link;

    conn->privateData = NULL;
    if (!node)
        return 0;
    pthread_mutex_lock(&testNodesLock);
    if (--node->refs > 0) {
        pthread_mutex_unlock(&testNodesLock);
        return 0;
    }
    for (link = &testNodes; *link; link = &(*link)->next) {
        if (*link == node) {
            *link = node->next;
            break;
        }
    }
    pthread_mutex_unlock(&testNodesLock);
    testNodeFree(node);
    return 0;
}

static const char *
testGetType(virConnectPtr conn)
{
    (void)conn;
    return "Test";
}

static int
testGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    (void)conn;
    *hvVer = TEST_HV_VERSION;
    return 0;
}

static int
testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    testNodePtr node = conn->privateData;

    if (testFault(conn, NULL, "nodeGetInfo") < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    memcpy(info->model, node->model, sizeof(info->model));
    info->memory = node->memory;
    info->cpus = node->cpus;
    info->mhz = node->mhz;
    info->nodes = node->nodes;
    info->sockets = node->sockets;
    info->cores = node->cores;
    info->threads = node->threads;
    return 0;
}

/* ------------------------------------------------------ listing, lookup */

/* Active ids in increasing order; the @maxids smallest when truncated. */
static int
testListDomains(virConnectPtr conn, int *ids, int maxids)
{
    testNodePtr node = conn->privateData;
    int *all;
    size_t i, n = 0;

    if (testFault(conn, NULL, "listDomains") < 0)
        return -1;
    if (maxids <= 0 || node->nactive == 0)
        return 0;
    all = malloc(node->nactive * sizeof(*all));
    if (!all)
        return virReportOOM(conn, VIR_FROM_TEST);
    for (i = 0; i < node->ndoms; i++) {
        if (testDomIsActive(node->doms[i]))
            all[n++] = node->doms[i]->id;
    }
    qsort(all, n, sizeof(*all), testCompareInt);
    if (n > (size_t)maxids)
        n = (size_t)maxids;
    memcpy(ids, all, n * sizeof(*ids));
    free(all);
    return (int)n;
}

static int
testNumOfDomains(virConnectPtr conn)
{
    testNodePtr node = conn->privateData;

    if (testFault(conn, NULL, "numOfDomains") < 0)
        return -1;
    return (int)node->nactive;
}

/*
 * Names of inactive domains in strcmp order, each strdup'ed: the caller
 * frees every returned name (casting away the API's const).
 */
static int
testListDefinedDomains(virConnectPtr conn, const char **names, int maxnames)
{
    testNodePtr node = conn->privateData;
    const char **all;
    size_t i, n = 0, ninactive = node->ndoms - node->nactive;

    if (testFault(conn, NULL, "listDefinedDomains") < 0)
        return -1;
    if (maxnames <= 0 || ninactive == 0)
        return 0;
    all = malloc(ninactive * sizeof(*all));
    if (!all)
        goto oom;
    for (i = 0; i < node->ndoms; i++) {
        if (!testDomIsActive(node->doms[i]))
            all[n++] = node->doms[i]->def->name;
    }
    qsort(all, n, sizeof(*all), testCompareStr);
    if (n > (size_t)maxnames)
        n = (size_t)maxnames;
    for (i = 0; i < n; i++) {
        names[i] = strdup(all[i]);
        if (!names[i])
            goto undo;
    }
    free(all);
    return (int)n;

undo:
    while (i-- > 0) {
        free((void *)(uintptr_t)names[i]);
        names[i] = NULL;
    }
    free(all);
oom:
    return virReportOOM(conn, VIR_FROM_TEST);
}

static int
testNumOfDefinedDomains(virConnectPtr conn)
{
    testNodePtr node = conn->privateData;

    if (testFault(conn, NULL, "numOfDefinedDomains") < 0)
        return -1;
    return (int)(node->ndoms - node->nactive);
}

static int
testCompareInt(const void *a, const void *b)
{
    int x = *(const int *)a;
    int y = *(const int *)b;

    return (x > y) - (x < y);
}

static int
testCompareStr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static virDomainPtr
testLookupByID(virConnectPtr conn, int id)
{
    testDomPtr dom = testNodeFindID(conn->privateData, id);

    if (!dom) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_NO_DOMAIN,
                       "no domain with matching id %d", id);
        return NULL;
    }
    return virGetDomain(conn, dom->def->name, dom->def->uuid, dom->id);
}

static virDomainPtr
testLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testDomPtr dom = testNodeFindUUID(conn->privateData, uuid);
    char str[VIR_UUID_STRING_BUFLEN];

    if (!dom) {
        virUUIDFormat(uuid, str);
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_NO_DOMAIN,
                       "no domain with matching uuid '%s'", str);
        return NULL;
    }
    return virGetDomain(conn, dom->def->name, dom->def->uuid, dom->id);
}

static virDomainPtr
testLookupByName(virConnectPtr conn, const char *name)
{
    testDomPtr dom = testNodeFindName(conn->privateData, name);

    if (!dom) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_NO_DOMAIN,
                       "no domain with matching name '%s'", name);
        return NULL;
    }
    return virGetDomain(conn, dom->def->name, dom->def->uuid, dom->id);
}

/* --------------------------------------------------------- dom helpers */

/*
 * The domain a handle refers to, found by uuid, or NULL after raising
 * one error: the injected fault when operation @fault (may be NULL) is
 * listed, else VIR_ERR_NO_DOMAIN when the domain no longer exists
 * (undefined, or a transient domain that stopped, possibly through
 * another handle).
 */
testDomPtr
testDomGet(virDomainPtr domain, testNodePtr *node, const char *fault)
{
    testDomPtr dom;

    *node = domain->conn->privateData;
    if (fault && testFault(domain->conn, domain, fault) < 0)
        return NULL;
    dom = testNodeFindUUID(*node, domain->uuid);
    if (!dom) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_NO_DOMAIN,
                       "domain '%s' no longer exists", domain->name);
        return NULL;
    }
    return dom;
}

int
testDomNeedActive(virDomainPtr domain, testDomPtr dom, const char *op)
{
    if (testDomIsActive(dom))
        return 0;
    return virReportError(
        domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
        "cannot %s domain '%s': domain is not running", op, dom->def->name);
}

/* Domain-0 is the host itself: it cannot be stopped or saved. */
int
testDomNotDom0(virDomainPtr domain, testDomPtr dom, const char *op)
{
    if (dom->id != 0)
        return 0;
    return virReportError(
        domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
        "cannot %s domain '%s': not permitted on Domain-0", op, dom->def->name);
}

/*
 * Queues a domain event for every connection of @node: called once a
 * change is complete (a transient domain before it is removed).
 */
void
testDomEvent(testNodePtr node, testDomPtr dom, int event, int detail)
{
    virDomainEventQueue(node, dom->def->name, dom->def->uuid, dom->id, event,
                        detail);
}

/*
 * Checks that a new domain @def clashes with nothing; with @redefine, an
 * inactive domain of the same name and uuid is allowed (it gets replaced).
 * A def without uuid takes the uuid of a same-named domain being
 * redefined, or a fresh one.
 */
int
testDomCheckNew(virConnectPtr conn, testNodePtr node, virDomainDefPtr def,
                bool redefine)
{
    testDomPtr byName = testNodeFindName(node, def->name);
    testDomPtr byUUID;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!def->hasUUID && redefine && byName) {
        memcpy(def->uuid, byName->def->uuid, VIR_UUID_BUFLEN);
        def->hasUUID = true;
    }
    if (testDomDefEnsureUUID(conn, def) < 0)
        return -1;
    byUUID = testNodeFindUUID(node, def->uuid);
    virUUIDFormat(def->uuid, uuid);
    if (byName && (!redefine || byName != byUUID))
        return virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_DOM_EXIST,
                              "domain '%s' already exists%s", def->name,
                              byName != byUUID ? " with a different uuid" : "");
    if (byUUID && byUUID != byName)
        return virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_DOM_EXIST,
                              "uuid '%s' is already used by domain '%s'", uuid,
                              byUUID->def->name);
    if (byName && testDomIsActive(byName))
        return virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_DOM_EXIST,
                              "domain '%s' is already active", def->name);
    return 0;
}
