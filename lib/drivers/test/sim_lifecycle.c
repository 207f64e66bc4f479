/*
 * sim_lifecycle.c: the lifecycle operations of the test driver: create,
 * suspend, resume, shutdown, reboot, destroy, save, restore, core dump,
 * define, undefine and start of the simulated host's domains.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "domain_event.h"
#include "drivers/test/sim_driver.h"
#include "drivers/test/sim_image.h"

/* Lifecycle */
static int testDomHalt(virDomainPtr domain, const char *fault, const char *op,
                       int detail, const char *to);
static int testDomainRedefine(virConnectPtr conn, testNodePtr node,
                              testDomPtr old, virDomainDefPtr def);

/* ------------------------------------------------------------ lifecycle */

virDomainPtr
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

int
testDomainSuspend(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSuspend");

    if (!dom || testDomNotDom0(domain, dom, "suspend") < 0)
        return -1;
    if (dom->state != VIR_DOMAIN_RUNNING && dom->state != VIR_DOMAIN_BLOCKED)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
            "cannot suspend domain '%s': domain is not running",
            dom->def->name);
    testDomTick(dom);
    dom->state = VIR_DOMAIN_PAUSED;
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                 VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}

int
testDomainResume(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainResume");

    if (!dom)
        return -1;
    if (dom->state != VIR_DOMAIN_PAUSED)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
            "cannot resume domain '%s': domain is not paused", dom->def->name);
    testDomTick(dom);
    dom->state = VIR_DOMAIN_RUNNING;
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_RESUMED,
                 VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return 0;
}

/*
 * Stops an active domain (shutdown, destroy, save): a persistent one
 * stays defined and shut off, a transient one is gone.  With @to, the
 * save image is written first; only once it is on disk does the domain
 * stop, so a failed save changes nothing.
 */
static int
testDomHalt(virDomainPtr domain, const char *fault, const char *op, int detail,
            const char *to)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, fault);

    if (!dom || testDomNotDom0(domain, dom, op) < 0 ||
        testDomNeedActive(domain, dom, op) < 0)
        return -1;
    if (to) {
        testDomTick(dom);
        if (testImageWriteSave(domain, node, dom, to) < 0)
            return -1;
    }
    testDomStop(node, dom);
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STOPPED, detail);
    if (!dom->persistent)
        testNodeRemoveDom(node, dom);
    domain->id = VIR_DOMAIN_ID_INACTIVE;
    return 0;
}

int
testDomainShutdown(virDomainPtr domain)
{
    return testDomHalt(domain, "domainShutdown", "shut down",
                       VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, NULL);
}

int
testDomainDestroy(virDomainPtr domain)
{
    return testDomHalt(domain, "domainDestroy", "destroy",
                       VIR_DOMAIN_EVENT_STOPPED_DESTROYED, NULL);
}

/* A reboot is immediate: the domain keeps its id and runs again. */
int
testDomainReboot(virDomainPtr domain, unsigned int flags)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainReboot");

    if (!dom)
        return -1;
    if (flags != 0)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
            "cannot reboot domain '%s': unsupported flags 0x%x", dom->def->name,
            flags);
    if (testDomNotDom0(domain, dom, "reboot") < 0 ||
        testDomNeedActive(domain, dom, "reboot") < 0)
        return -1;
    testDomTick(dom);
    dom->state = VIR_DOMAIN_RUNNING;
    return 0;
}

int
testDomainSave(virDomainPtr domain, const char *to)
{
    return testDomHalt(domain, NULL, "save", VIR_DOMAIN_EVENT_STOPPED_SAVED,
                       to);
}

/*
 * Brings a saved domain back, running, with its saved memory, vcpus and
 * affinity.  It replaces a shut-off definition of the same name and uuid
 * (staying persistent), or comes back transient.
 */
int
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

int
testDomainCoreDump(virDomainPtr domain, const char *to, int flags)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    if (flags != 0)
        return virReportError(domain->conn, domain, VIR_FROM_TEST,
                              VIR_ERR_INVALID_ARG,
                              "cannot dump domain '%s': unsupported flags 0x%x",
                              dom->def->name, (unsigned int)flags);
    if (testDomNeedActive(domain, dom, "dump") < 0)
        return -1;
    return testImageWriteCore(domain, node, dom, to);
}

virDomainPtr
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
    detail = VIR_DOMAIN_EVENT_DEFINED_ADDED;
    if (old)
        detail = VIR_DOMAIN_EVENT_DEFINED_UPDATED;
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
int
testDomainUndefine(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    if (!dom->persistent)
        return virReportError(domain->conn, domain, VIR_FROM_TEST,
                              VIR_ERR_OPERATION_FAILED,
                              "cannot undefine domain '%s': domain is not "
                              "persistent",
                              dom->def->name);
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_UNDEFINED,
                 VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (testDomIsActive(dom))
        dom->persistent = false;
    else
        testNodeRemoveDom(node, dom);
    return 0;
}

int
testDomainCreate(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainCreate");
    unsigned int i;

    if (!dom)
        return -1;
    if (testDomIsActive(dom))
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
            "cannot start domain '%s': domain is already running",
            dom->def->name);
    if (testDomStart(domain->conn, node, dom, -1, VIR_DOMAIN_RUNNING) < 0)
        return -1;
    for (i = 0; i < dom->maxVcpus; i++)
        dom->vcpus[i].cpuTime = 0;
    domain->id = dom->id;
    testDomEvent(node, dom, VIR_DOMAIN_EVENT_STARTED,
                 VIR_DOMAIN_EVENT_STARTED_BOOTED);
    return 0;
}
