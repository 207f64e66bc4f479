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
#include "drivers/test/sim_image.h"

#define TEST_HV_VERSION 3000000UL /* Xen 3.0.0 */

/* Fault injection */
static int testFault(virConnectPtr conn, virDomainPtr domain, const char *op);
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

/* Helpers on domains */
static testDomPtr testDomGet(virDomainPtr domain, testNodePtr *node,
                             const char *fault);
static int testDomNeedActive(virDomainPtr domain, testDomPtr dom,
                             const char *op);
static int testDomNotDom0(virDomainPtr domain, testDomPtr dom, const char *op);
static int testDomHalt(virDomainPtr domain, const char *fault, const char *op,
                       int detail);
static void testDomEvent(testNodePtr node, testDomPtr dom, int event,
                         int detail);
static int testDomCheckNew(virConnectPtr conn, testNodePtr node,
                           virDomainDefPtr def, bool redefine);

/* Lifecycle */
static virDomainPtr testDomainCreateLinux(virConnectPtr conn, const char *xml,
                                          unsigned int flags);
static int testDomainSuspend(virDomainPtr domain);
static int testDomainResume(virDomainPtr domain);
static int testDomainShutdown(virDomainPtr domain);
static int testDomainReboot(virDomainPtr domain, unsigned int flags);
static int testDomainDestroy(virDomainPtr domain);
static int testDomainSave(virDomainPtr domain, const char *to);
static int testDomainRestore(virConnectPtr conn, const char *from);
static int testDomainCoreDump(virDomainPtr domain, const char *to, int flags);
static virDomainPtr testDomainDefineXML(virConnectPtr conn, const char *xml);
static int testDomainRedefine(virConnectPtr conn, testNodePtr node,
                              testDomPtr old, virDomainDefPtr def);
static int testDomainUndefine(virDomainPtr domain);
static int testDomainCreate(virDomainPtr domain);

/* Information and tuning */
static int testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
static int testDomainGetID(virDomainPtr domain, unsigned int *id);
static char *testDomainGetOSType(virDomainPtr domain);
static int testDomainIsPersistent(virDomainPtr domain);
static unsigned long testDomainGetMaxMemory(virDomainPtr domain);
static int testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
static int testDomainSetMemory(virDomainPtr domain, unsigned long memory);
static char *testDomainGetXMLDesc(virDomainPtr domain, int flags);

/* Virtual cpus */
static int testDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
static int testDomainGetMaxVcpus(virDomainPtr domain);
static int testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                             const unsigned char *cpumap, int maplen);
static int testCheckCpumap(virDomainPtr domain, testNodePtr node,
                           const unsigned char *cpumap, int maplen);
static int testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info,
                              int maxinfo, unsigned char *cpumaps, int maplen);

/* Devices */
static int testDomainAttachDevice(virDomainPtr domain, const char *xml);
static int testDomainDetachDevice(virDomainPtr domain, const char *xml);
static int testAttachDisk(virDomainPtr domain, testDomPtr dom,
                          virDomainDiskDefPtr disk);
static int testAttachNet(virDomainPtr domain, testDomPtr dom,
                         virDomainNetDefPtr net);
static int testDetachDisk(virDomainPtr domain, testDomPtr dom,
                          const virDomainDiskDef *disk);
static int testDetachNet(virDomainPtr domain, testDomPtr dom,
                         const virDomainNetDef *net);

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
static int
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
    virReportError(conn, domain, VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                   "cannot %s: fault injected by %s", op, path);
    return -1;
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
    if (!all) {
        virReportOOM(conn, VIR_FROM_TEST);
        return -1;
    }
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
    virReportOOM(conn, VIR_FROM_TEST);
    return -1;
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
static testDomPtr
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

static int
testDomNeedActive(virDomainPtr domain, testDomPtr dom, const char *op)
{
    if (testDomIsActive(dom))
        return 0;
    virReportError(
        domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
        "cannot %s domain '%s': domain is not running", op, dom->def->name);
    return -1;
}

/* Domain-0 is the host itself: it cannot be stopped or saved. */
static int
testDomNotDom0(virDomainPtr domain, testDomPtr dom, const char *op)
{
    if (dom->id != 0)
        return 0;
    virReportError(
        domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
        "cannot %s domain '%s': not permitted on Domain-0", op, dom->def->name);
    return -1;
}

/*
 * Queues a domain event for every connection of @node: called once a
 * change is complete (a transient domain before it is removed).
 */
static void
testDomEvent(testNodePtr node, testDomPtr dom, int event, int detail)
{
    virDomainEventQueue(node, dom->def->name, dom->def->uuid, dom->id, event,
                        detail);
}

/*
 * Stops an active domain (shutdown, destroy): a persistent one stays
 * defined and shut off, a transient one is gone.
 */
static int
testDomHalt(virDomainPtr domain, const char *fault, const char *op, int detail)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, fault);

    if (!dom || testDomNotDom0(domain, dom, op) < 0 ||
        testDomNeedActive(domain, dom, op) < 0)
        return -1;
    testDomStop(node, dom);
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STOPPED, detail);
    if (!dom->persistent)
        testNodeRemoveDom(node, dom);
    domain->id = VIR_DOMAIN_ID_INACTIVE;
    return 0;
}

/*
 * Checks that a new domain @def clashes with nothing; with @redefine, an
 * inactive domain of the same name and uuid is allowed (it gets replaced).
 * A def without uuid takes the uuid of a same-named domain being
 * redefined, or a fresh one.
 */
static int
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
    if (!def->hasUUID && virUUIDGenerate(def->uuid) < 0) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                       "cannot generate a uuid for domain '%s'", def->name);
        return -1;
    }
    def->hasUUID = true;
    byUUID = testNodeFindUUID(node, def->uuid);
    virUUIDFormat(def->uuid, uuid);
    if (byName && (!redefine || byName != byUUID)) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_DOM_EXIST,
                       "domain '%s' already exists%s", def->name,
                       byName != byUUID ? " with a different uuid" : "");
        return -1;
    }
    if (byUUID && byUUID != byName) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_DOM_EXIST,
                       "uuid '%s' is already used by domain '%s'", uuid,
                       byUUID->def->name);
        return -1;
    }
    if (byName && testDomIsActive(byName)) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_DOM_EXIST,
                       "domain '%s' is already active", def->name);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ lifecycle */

static virDomainPtr
testDomainCreateLinux(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testNodePtr node = conn->privateData;
    virDomainDefPtr def;
    testDomPtr dom;

    if (flags != 0) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot create domain: unsupported flags 0x%x", flags);
        return NULL;
    }
    def = virDomainDefParseString(conn, xml);
    if (!def)
        return NULL;
    if (testDomCheckNew(conn, node, def, false) < 0)
        goto error;
    dom = testDomNew(conn, node, def, def->vcpus);
    if (!dom)
        goto error;
    dom->persistent = false;
    if (testNodeAddDom(conn, node, dom) < 0) {
        dom->def = NULL;
        testDomFree(dom);
        goto error;
    }
    if (testDomStart(conn, node, dom, -1, VIR_DOMAIN_RUNNING) < 0) {
        testNodeRemoveDom(node, dom);
        return NULL;
    }
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STARTED,
                 VIR_DOMAIN_EVENT_STARTED_BOOTED);
    return virGetDomain(conn, dom->def->name, dom->def->uuid, dom->id);

error:
    virDomainDefFree(def);
    return NULL;
}

static int
testDomainSuspend(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSuspend");

    if (!dom || testDomNotDom0(domain, dom, "suspend") < 0)
        return -1;
    if (dom->state != VIR_DOMAIN_RUNNING && dom->state != VIR_DOMAIN_BLOCKED) {
        virReportError(domain->conn, domain, VIR_FROM_TEST,
                       VIR_ERR_OPERATION_FAILED,
                       "cannot suspend domain '%s': domain is not running",
                       dom->def->name);
        return -1;
    }
    testDomTick(dom);
    dom->state = VIR_DOMAIN_PAUSED;
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                 VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}

static int
testDomainResume(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainResume");

    if (!dom)
        return -1;
    if (dom->state != VIR_DOMAIN_PAUSED) {
        virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
            "cannot resume domain '%s': domain is not paused", dom->def->name);
        return -1;
    }
    testDomTick(dom);
    dom->state = VIR_DOMAIN_RUNNING;
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_RESUMED,
                 VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return 0;
}

static int
testDomainShutdown(virDomainPtr domain)
{
    return testDomHalt(domain, "domainShutdown", "shut down",
                       VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
}

static int
testDomainDestroy(virDomainPtr domain)
{
    return testDomHalt(domain, "domainDestroy", "destroy",
                       VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
}

/* A reboot is immediate: the domain keeps its id and runs again. */
static int
testDomainReboot(virDomainPtr domain, unsigned int flags)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainReboot");

    if (!dom)
        return -1;
    if (flags != 0) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot reboot domain '%s': unsupported flags 0x%x",
                       dom->def->name, flags);
        return -1;
    }
    if (testDomNotDom0(domain, dom, "reboot") < 0 ||
        testDomNeedActive(domain, dom, "reboot") < 0)
        return -1;
    testDomTick(dom);
    dom->state = VIR_DOMAIN_RUNNING;
    return 0;
}

/*
 * Writes the save image first; only once it is on disk does the domain
 * stop, so a failed save changes nothing.
 */
static int
testDomainSave(virDomainPtr domain, const char *to)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom || testDomNotDom0(domain, dom, "save") < 0 ||
        testDomNeedActive(domain, dom, "save") < 0)
        return -1;
    testDomTick(dom);
    if (testImageWriteSave(domain, node, dom, to) < 0)
        return -1;
    testDomStop(node, dom);
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STOPPED,
                 VIR_DOMAIN_EVENT_STOPPED_SAVED);
    if (!dom->persistent)
        testNodeRemoveDom(node, dom);
    domain->id = VIR_DOMAIN_ID_INACTIVE;
    return 0;
}

/*
 * Brings a saved domain back, running, with its saved memory, vcpus and
 * affinity.  It replaces a shut-off definition of the same name and uuid
 * (staying persistent), or comes back transient.
 */
static int
testDomainRestore(virConnectPtr conn, const char *from)
{
    testNodePtr node = conn->privateData;
    testDomPtr dom, old;

    dom = testImageReadSave(conn, node, from);
    if (!dom)
        return -1;
    if (testDomCheckNew(conn, node, dom->def, true) < 0)
        goto error;
    old = testNodeFindName(node, dom->def->name);
    dom->persistent = old != NULL;
    if (old)
        testNodeRemoveDom(node, old);
    if (testNodeAddDom(conn, node, dom) < 0)
        goto error;
    /* testDomStart keeps the restored vcpu times */
    if (testDomStart(conn, node, dom, -1, VIR_DOMAIN_RUNNING) < 0) {
        testNodeRemoveDom(node, dom);
        return -1;
    }
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STARTED,
                 VIR_DOMAIN_EVENT_STARTED_RESTORED);
    return 0;

error:
    testDomFree(dom);
    return -1;
}

static int
testDomainCoreDump(virDomainPtr domain, const char *to, int flags)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    if (flags != 0) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot dump domain '%s': unsupported flags 0x%x",
                       dom->def->name, (unsigned int)flags);
        return -1;
    }
    if (testDomNeedActive(domain, dom, "dump") < 0)
        return -1;
    return testImageWriteCore(domain, node, dom, to);
}

static virDomainPtr
testDomainDefineXML(virConnectPtr conn, const char *xml)
{
    testNodePtr node = conn->privateData;
    virDomainDefPtr def;
    testDomPtr old;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int detail;

    def = virDomainDefParseString(conn, xml);
    if (!def)
        return NULL;
    if (testDomCheckNew(conn, node, def, true) < 0) {
        virDomainDefFree(def);
        return NULL;
    }
    old = testNodeFindName(node, def->name);
    name = def->name;
    memcpy(uuid, def->uuid, VIR_UUID_BUFLEN);
    detail =
        old ? VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED;
    if (testDomainRedefine(conn, node, old, def) < 0)
        return NULL;
    virDomainEventQueue(node, name, uuid, VIR_DOMAIN_ID_INACTIVE,
                        VIR_DOMAIN_EVENT_DEFINED, detail);
    return virGetDomain(conn, name, uuid, VIR_DOMAIN_ID_INACTIVE);
}

/* Adds @def as a persistent inactive domain, replacing @old if given. */
static int
testDomainRedefine(virConnectPtr conn, testNodePtr node, testDomPtr old,
                   virDomainDefPtr def)
{
    testDomPtr dom = testDomNew(conn, node, def, def->vcpus);

    if (!dom) {
        virDomainDefFree(def);
        return -1;
    }
    if (old)
        testNodeRemoveDom(node, old);
    if (testNodeAddDom(conn, node, dom) < 0) {
        testDomFree(dom);
        return -1;
    }
    return 0;
}

/*
 * Undefining an active persistent domain makes it transient (it keeps
 * running); an inactive one is removed.
 */
static int
testDomainUndefine(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    if (!dom->persistent) {
        virReportError(domain->conn, domain, VIR_FROM_TEST,
                       VIR_ERR_OPERATION_FAILED,
                       "cannot undefine domain '%s': domain is not "
                       "persistent",
                       dom->def->name);
        return -1;
    }
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_UNDEFINED,
                 VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (testDomIsActive(dom))
        dom->persistent = false;
    else
        testNodeRemoveDom(node, dom);
    return 0;
}

static int
testDomainCreate(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainCreate");
    unsigned int i;

    if (!dom)
        return -1;
    if (testDomIsActive(dom)) {
        virReportError(domain->conn, domain, VIR_FROM_TEST,
                       VIR_ERR_OPERATION_FAILED,
                       "cannot start domain '%s': domain is already running",
                       dom->def->name);
        return -1;
    }
    if (testDomStart(domain->conn, node, dom, -1, VIR_DOMAIN_RUNNING) < 0)
        return -1;
    for (i = 0; i < dom->maxVcpus; i++)
        dom->vcpus[i].cpuTime = 0;
    domain->id = dom->id;
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STARTED,
                 VIR_DOMAIN_EVENT_STARTED_BOOTED);
    return 0;
}

/* ------------------------------------------------- information, tuning */

/* cpuTime is the sum over all vcpu slots, online or not: it never falls. */
static int
testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainGetInfo");
    unsigned int i;

    if (!dom)
        return -1;
    testDomTick(dom);
    memset(info, 0, sizeof(*info));
    info->state = (unsigned char)dom->state;
    info->maxMem = dom->def->maxmem;
    info->memory = dom->def->memory;
    info->nrVirtCpu = (unsigned short)dom->def->vcpus;
    for (i = 0; i < dom->maxVcpus; i++)
        info->cpuTime += dom->vcpus[i].cpuTime;
    return 0;
}

static int
testDomainGetID(virDomainPtr domain, unsigned int *id)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    domain->id = dom->id;
    *id = (unsigned int)dom->id;
    return 0;
}

static char *
testDomainGetOSType(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);
    char *type;

    if (!dom)
        return NULL;
    type = strdup(dom->def->os.type ? dom->def->os.type : "linux");
    if (!type)
        virReportOOM(domain->conn, VIR_FROM_TEST);
    return type;
}

static int
testDomainIsPersistent(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    return dom->persistent ? 1 : 0;
}

static unsigned long
testDomainGetMaxMemory(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    return dom ? dom->def->maxmem : 0;
}

/* Lowering the maximum below the current memory lowers the current too. */
static int
testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSetMaxMemory");

    if (!dom)
        return -1;
    if (memory == 0 || memory > node->memory) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot set maximum memory of domain '%s' to %lu "
                       "KiB: must be from 1 to the host's %lu KiB",
                       dom->def->name, memory, node->memory);
        return -1;
    }
    dom->def->maxmem = memory;
    if (dom->def->memory > memory)
        dom->def->memory = memory;
    return 0;
}

static int
testDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSetMemory");

    if (!dom)
        return -1;
    if (memory == 0 || memory > dom->def->maxmem) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot set memory of domain '%s' to %lu KiB: must "
                       "be from 1 to its maximum %lu KiB",
                       dom->def->name, memory, dom->def->maxmem);
        return -1;
    }
    dom->def->memory = memory;
    return 0;
}

static char *
testDomainGetXMLDesc(virDomainPtr domain, int flags)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return NULL;
    if (flags != 0) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot describe domain '%s': unsupported flags 0x%x",
                       dom->def->name, (unsigned int)flags);
        return NULL;
    }
    return virDomainDefFormat(domain->conn, dom->def, dom->id);
}

/* -------------------------------------------------------- virtual cpus */

/* 1 .. the domain's maximum (the vcpu count it was defined with). */
static int
testDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSetVcpus");

    if (!dom)
        return -1;
    if (nvcpus == 0 || nvcpus > dom->maxVcpus) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot set vcpus of domain '%s' to %u: must be from "
                       "1 to its maximum %u",
                       dom->def->name, nvcpus, dom->maxVcpus);
        return -1;
    }
    testDomTick(dom);
    dom->def->vcpus = nvcpus;
    return 0;
}

static int
testDomainGetMaxVcpus(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    return dom ? (int)dom->maxVcpus : -1;
}

static int
testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                  const unsigned char *cpumap, int maplen)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainPinVcpu");
    unsigned char *map;

    if (!dom || testDomNeedActive(domain, dom, "pin vcpus of") < 0)
        return -1;
    if (vcpu >= dom->def->vcpus) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot pin vcpu %u of domain '%s': it has %u vcpus",
                       vcpu, dom->def->name, dom->def->vcpus);
        return -1;
    }
    if (testCheckCpumap(domain, node, cpumap, maplen) < 0)
        return -1;
    testDomTick(dom);
    map = dom->vcpus[vcpu].cpumap;
    memset(map, 0, node->maplen);
    memcpy(map, cpumap, maplen);
    return 0;
}

/*
 * A cpumap of 1 .. VIR_CPU_MAPLEN(maxcpus) bytes naming at least one cpu,
 * and active cpus only.
 */
static int
testCheckCpumap(virDomainPtr domain, testNodePtr node,
                const unsigned char *cpumap, int maplen)
{
    unsigned int c, any = 0;

    if (maplen <= 0 || maplen > node->maplen) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot pin vcpu of domain '%s': cpumap length %d "
                       "is not from 1 to %d",
                       domain->name, maplen, node->maplen);
        return -1;
    }
    for (c = 0; c < (unsigned int)maplen * 8; c++) {
        if (!(cpumap[c / 8] & (1U << (c % 8))))
            continue;
        if (c >= node->cpus) {
            virReportError(domain->conn, domain, VIR_FROM_TEST,
                           VIR_ERR_INVALID_ARG,
                           "cannot pin vcpu of domain '%s': cpu %u is not "
                           "an active cpu (0 to %u)",
                           domain->name, c, node->cpus - 1);
            return -1;
        }
        any = 1;
    }
    if (!any) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot pin vcpu of domain '%s': empty cpumap",
                       domain->name);
        return -1;
    }
    return 0;
}

/*
 * Fills min(@maxinfo, online vcpus) entries.  @cpumaps (@maxinfo maps of
 * @maplen bytes) is zero-filled, then each map is copied, truncated to
 * @maplen.  vcpus of a paused (or crashed, shutting down) domain report
 * VIR_VCPU_BLOCKED.
 */
static int
testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainGetVcpus");
    unsigned int i, n;
    bool running;

    if (!dom || testDomNeedActive(domain, dom, "list vcpus of") < 0)
        return -1;
    if (cpumaps && maplen <= 0) {
        virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                       "cannot list vcpus of domain '%s': maplen %d",
                       dom->def->name, maplen);
        return -1;
    }
    testDomTick(dom);
    n = dom->def->vcpus < (unsigned int)maxinfo ? dom->def->vcpus
                                                : (unsigned int)maxinfo;
    running =
        dom->state == VIR_DOMAIN_RUNNING || dom->state == VIR_DOMAIN_BLOCKED;
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
    for (i = 0; i < n; i++) {
        info[i].number = i;
        info[i].state = running ? VIR_VCPU_RUNNING : VIR_VCPU_BLOCKED;
        info[i].cpuTime = dom->vcpus[i].cpuTime;
        info[i].cpu = testDomVcpuCpu(node, dom, i);
        if (cpumaps)
            memcpy(cpumaps + (size_t)i * maplen, dom->vcpus[i].cpumap,
                   maplen < node->maplen ? maplen : node->maplen);
    }
    return (int)n;
}

/* -------------------------------------------------------------- devices */

static int
testDomainAttachDevice(virDomainPtr domain, const char *xml)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);
    virDomainDeviceDefPtr dev;
    int ret = -1;

    if (!dom || testDomNeedActive(domain, dom, "attach a device to") < 0)
        return -1;
    dev = virDomainDeviceDefParseString(domain->conn, xml);
    if (!dev)
        return -1;
    if (dev->type == VIR_DOMAIN_DEVICE_DISK) {
        ret = testAttachDisk(domain, dom, dev->data.disk);
        if (ret == 0)
            dev->data.disk = NULL;
    } else {
        ret = testAttachNet(domain, dom, dev->data.net);
        if (ret == 0)
            dev->data.net = NULL;
    }
    virDomainDeviceDefFree(dev);
    return ret;
}

static int
testDomainDetachDevice(virDomainPtr domain, const char *xml)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);
    virDomainDeviceDefPtr dev;
    int ret;

    if (!dom || testDomNeedActive(domain, dom, "detach a device from") < 0)
        return -1;
    dev = virDomainDeviceDefParseString(domain->conn, xml);
    if (!dev)
        return -1;
    if (dev->type == VIR_DOMAIN_DEVICE_DISK)
        ret = testDetachDisk(domain, dom, dev->data.disk);
    else
        ret = testDetachNet(domain, dom, dev->data.net);
    virDomainDeviceDefFree(dev);
    return ret;
}

/* Appends @disk (taken on success) unless its target is in use. */
static int
testAttachDisk(virDomainPtr domain, testDomPtr dom, virDomainDiskDefPtr disk)
{
    virDomainDiskDefPtr *tail = &dom->def->disks;

    if (virDomainDiskFind(dom->def, disk->dst)) {
        virReportError(domain->conn, domain, VIR_FROM_TEST,
                       VIR_ERR_OPERATION_FAILED,
                       "cannot attach disk to domain '%s': target '%s' is "
                       "already in use",
                       dom->def->name, disk->dst);
        return -1;
    }
    while (*tail)
        tail = &(*tail)->next;
    disk->next = NULL;
    *tail = disk;
    return 0;
}

/* Appends @net (taken on success) unless its MAC address is in use. */
static int
testAttachNet(virDomainPtr domain, testDomPtr dom, virDomainNetDefPtr net)
{
    virDomainNetDefPtr *tail = &dom->def->nets;
    const unsigned char *m = net->mac;

    if (virDomainNetFind(dom->def, net->mac)) {
        virReportError(domain->conn, domain, VIR_FROM_TEST,
                       VIR_ERR_OPERATION_FAILED,
                       "cannot attach interface to domain '%s': MAC "
                       "%02x:%02x:%02x:%02x:%02x:%02x is already in use",
                       dom->def->name, m[0], m[1], m[2], m[3], m[4], m[5]);
        return -1;
    }
    while (*tail)
        tail = &(*tail)->next;
    net->next = NULL;
    *tail = net;
    return 0;
}

static int
testDetachDisk(virDomainPtr domain, testDomPtr dom,
               const virDomainDiskDef *disk)
{
    virDomainDiskDefPtr *link;
    virDomainDiskDefPtr found;

    for (link = &dom->def->disks; *link; link = &(*link)->next) {
        if (strcmp((*link)->dst, disk->dst) == 0) {
            found = *link;
            *link = found->next;
            found->next = NULL;
            virDomainDiskDefFree(found);
            return 0;
        }
    }
    virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_NO_DEVICE,
                   "cannot detach disk from domain '%s': no disk with "
                   "target '%s'",
                   dom->def->name, disk->dst);
    return -1;
}

static int
testDetachNet(virDomainPtr domain, testDomPtr dom, const virDomainNetDef *net)
{
    virDomainNetDefPtr *link;
    virDomainNetDefPtr found;
    const unsigned char *m = net->mac;

    for (link = &dom->def->nets; *link; link = &(*link)->next) {
        if (memcmp((*link)->mac, net->mac, sizeof(net->mac)) == 0) {
            found = *link;
            *link = found->next;
            found->next = NULL;
            virDomainNetDefFree(found);
            return 0;
        }
    }
    virReportError(domain->conn, domain, VIR_FROM_TEST, VIR_ERR_NO_DEVICE,
                   "cannot detach interface from domain '%s': no interface "
                   "with MAC %02x:%02x:%02x:%02x:%02x:%02x",
                   dom->def->name, m[0], m[1], m[2], m[3], m[4], m[5]);
    return -1;
}
