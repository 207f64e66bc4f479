/*
 * sim_tuning.c: what a domain of the test driver is given and tells:
 * its information, memory, vcpus with their affinity, and devices.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "drivers/test/sim_driver.h"

/* Virtual cpus */
static int testCheckCpumap(virDomainPtr domain, testNodePtr node,
                           const unsigned char *cpumap, int maplen);

/* Devices */
static int testAttachDisk(virDomainPtr domain, testDomPtr dom,
                          virDomainDiskDefPtr disk);
static int testAttachNet(virDomainPtr domain, testDomPtr dom,
                         virDomainNetDefPtr net);
static int testDetachDisk(virDomainPtr domain, testDomPtr dom,
                          const virDomainDiskDef *disk);
static int testDetachNet(virDomainPtr domain, testDomPtr dom,
                         const virDomainNetDef *net);

/* ------------------------------------------------- information, tuning */

/* cpuTime is the sum over all vcpu slots, online or not: it never falls. */
int
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

int
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

char *
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

int
testDomainIsPersistent(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    if (!dom)
        return -1;
    return dom->persistent ? 1 : 0;
}

unsigned long
testDomainGetMaxMemory(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    return dom ? dom->def->maxmem : 0;
}

/* Lowering the maximum below the current memory lowers the current too. */
int
testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSetMaxMemory");

    if (!dom)
        return -1;
    if (memory == 0 || memory > node->memory)
        return virReportError(domain->conn, domain, VIR_FROM_TEST,
                              VIR_ERR_INVALID_ARG,
                              "cannot set maximum memory of domain '%s' to %lu "
                              "KiB: must be from 1 to the host's %lu KiB",
                              dom->def->name, memory, node->memory);
    dom->def->maxmem = memory;
    if (dom->def->memory > memory)
        dom->def->memory = memory;
    return 0;
}

int
testDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSetMemory");

    if (!dom)
        return -1;
    if (memory == 0 || memory > dom->def->maxmem)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
            "cannot set memory of domain '%s' to %lu KiB: must "
            "be from 1 to its maximum %lu KiB",
            dom->def->name, memory, dom->def->maxmem);
    dom->def->memory = memory;
    return 0;
}

char *
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
int
testDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainSetVcpus");

    if (!dom)
        return -1;
    if (nvcpus == 0 || nvcpus > dom->maxVcpus)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
            "cannot set vcpus of domain '%s' to %u: must be from "
            "1 to its maximum %u",
            dom->def->name, nvcpus, dom->maxVcpus);
    testDomTick(dom);
    dom->def->vcpus = nvcpus;
    return 0;
}

int
testDomainGetMaxVcpus(virDomainPtr domain)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, NULL);

    return dom ? (int)dom->maxVcpus : -1;
}

int
testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                  const unsigned char *cpumap, int maplen)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainPinVcpu");
    unsigned char *map;

    if (!dom || testDomNeedActive(domain, dom, "pin vcpus of") < 0)
        return -1;
    if (vcpu >= dom->def->vcpus)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
            "cannot pin vcpu %u of domain '%s': it has %u vcpus", vcpu,
            dom->def->name, dom->def->vcpus);
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

    if (maplen <= 0 || maplen > node->maplen)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
            "cannot pin vcpu of domain '%s': cpumap length %d "
            "is not from 1 to %d",
            domain->name, maplen, node->maplen);
    for (c = 0; c < (unsigned int)maplen * 8; c++) {
        if (!(cpumap[c / 8] & (1U << (c % 8))))
            continue;
        if (c >= node->cpus)
            return virReportError(
                domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
                "cannot pin vcpu of domain '%s': cpu %u is not "
                "an active cpu (0 to %u)",
                domain->name, c, node->cpus - 1);
        any = 1;
    }
    if (!any)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_INVALID_ARG,
            "cannot pin vcpu of domain '%s': empty cpumap", domain->name);
    return 0;
}

/*
 * Fills min(@maxinfo, online vcpus) entries.  @cpumaps (@maxinfo maps of
 * @maplen bytes) is zero-filled, then each map is copied, truncated to
 * @maplen.  vcpus of a paused (or crashed, shutting down) domain report
 * VIR_VCPU_BLOCKED.
 */
int
testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    testNodePtr node;
    testDomPtr dom = testDomGet(domain, &node, "domainGetVcpus");
    unsigned int i, n;
    bool running;

    if (!dom || testDomNeedActive(domain, dom, "list vcpus of") < 0)
        return -1;
    if (cpumaps && maplen <= 0)
        return virReportError(domain->conn, domain, VIR_FROM_TEST,
                              VIR_ERR_INVALID_ARG,
                              "cannot list vcpus of domain '%s': maplen %d",
                              dom->def->name, maplen);
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

int
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

int
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

    if (virDomainDiskFind(dom->def, disk->dst))
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
            "cannot attach disk to domain '%s': target '%s' is "
            "already in use",
            dom->def->name, disk->dst);
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
    char mac[VIR_MAC_STRING_BUFLEN];

    if (virDomainNetFind(dom->def, net->mac)) {
        virMacAddrFormat(net->mac, mac);
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
            "cannot attach interface to domain '%s': MAC %s is "
            "already in use",
            dom->def->name, mac);
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
    return virReportError(domain->conn, domain, VIR_FROM_TEST,
                          VIR_ERR_NO_DEVICE,
                          "cannot detach disk from domain '%s': no disk with "
                          "target '%s'",
                          dom->def->name, disk->dst);
}

static int
testDetachNet(virDomainPtr domain, testDomPtr dom, const virDomainNetDef *net)
{
    virDomainNetDefPtr *link;
    virDomainNetDefPtr found;
    char mac[VIR_MAC_STRING_BUFLEN];

    for (link = &dom->def->nets; *link; link = &(*link)->next) {
        if (memcmp((*link)->mac, net->mac, sizeof(net->mac)) == 0) {
            found = *link;
            *link = found->next;
            found->next = NULL;
            virDomainNetDefFree(found);
            return 0;
        }
    }
    virMacAddrFormat(net->mac, mac);
    return virReportError(
        domain->conn, domain, VIR_FROM_TEST, VIR_ERR_NO_DEVICE,
        "cannot detach interface from domain '%s': no interface "
        "with MAC %s",
        dom->def->name, mac);
}
