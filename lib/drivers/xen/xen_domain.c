/*
 * xen_domain.c: reading and tuning one domain of the Xen driver, running
 * (through the hypervisor and xenstore) or defined (through its
 * definition in the config directory): information, XML, memory, vcpus
 * and hot-plugged disks.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "drivers/xen/xen_driver.h"

/* Definitions */
static int xenDefUpdate(virDomainPtr dom,
                        int (*edit)(virDomainPtr dom, virDomainDefPtr def,
                                    unsigned long arg),
                        unsigned long arg);

/* Memory */
static unsigned long xenMaxMemOf(virDomainPtr dom, const xc_domaininfo_t *xi);
static int xenEditMaxMem(virDomainPtr dom, virDomainDefPtr def,
                         unsigned long kib);
static int xenEditMem(virDomainPtr dom, virDomainDefPtr def, unsigned long kib);

/* vCPUs */
static int xenEditVcpus(virDomainPtr dom, virDomainDefPtr def, unsigned long n);

/* XML */
static char *xenDescribeRunning(virDomainPtr dom, const xc_domaininfo_t *xi);

/* Devices */
static int xenHotplugDisk(virDomainPtr dom, const char *xml, bool attach);

/* Rewrites the definition of @dom after @edit changed it. */
static int
xenDefUpdate(virDomainPtr dom,
             int (*edit)(virDomainPtr dom, virDomainDefPtr def,
                         unsigned long arg),
             unsigned long arg)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDefPtr def = xenDefOf(dom);
    int ret = -1;

    if (def && edit(dom, def, arg) == 0)
        ret = xenConfWrite(dom->conn, priv->confdir, def);
    virDomainDefFree(def);
    return ret;
}

int
xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return -1;
    if (r > 0) {
        if (!(def = xenDefOf(dom)))
            return -1;
        info->state = VIR_DOMAIN_SHUTOFF;
        info->maxMem = def->maxmem;
        info->memory = def->memory;
        info->nrVirtCpu = (unsigned short)def->vcpus;
        info->cpuTime = 0;
        virDomainDefFree(def);
        return 0;
    }
    info->state = (unsigned char)xenHvInfoToState(&xi);
    info->maxMem = xenMaxMemOf(dom, &xi);
    info->memory = (unsigned long)(xi.tot_pages * XEN_HV_PAGE_KIB);
    info->nrVirtCpu = (unsigned short)xi.nr_online_vcpus;
    info->cpuTime = xi.cpu_time;
    return 0;
}

int
xenDomainGetID(virDomainPtr dom, unsigned int *id)
{
    xc_domaininfo_t xi;

    if (xenResolve(dom, &xi) < 0)
        return -1;
    *id = (unsigned int)dom->id;
    return 0;
}

char *
xenDomainGetOSType(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    char *type = NULL;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return NULL;
    if (r > 0) {
        if ((def = xenDefOf(dom)) && !(type = strdup(def->os.type)))
            virReportOOM(dom->conn, VIR_FROM_XEN);
        virDomainDefFree(def);
        return type;
    }
    type = xenStoreOSType(priv->xsh, dom->id);
    if (!type)
        type = strdup(xi.flags & XEN_DOMINF_hvm_guest ? "hvm" : "linux");
    if (!type)
        virReportOOM(dom->conn, VIR_FROM_XEN);
    return type;
}

unsigned long
xenDomainGetMaxMemory(virDomainPtr dom)
{
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    unsigned long mem = 0;
    int r = xenResolve(dom, &xi);

    if (r == 0)
        return xenMaxMemOf(dom, &xi);
    if (r > 0 && (def = xenDefOf(dom))) {
        mem = def->maxmem;
        virDomainDefFree(def);
    }
    return mem;
}

/* The most @dom may balloon up to: memory/static-max, which libxl writes
 * (the hypervisor's own limit follows the target), else Xen's limit. */
static unsigned long
xenMaxMemOf(virDomainPtr dom, const xc_domaininfo_t *xi)
{
    xenPrivatePtr priv = dom->conn->privateData;
    unsigned long max = xenStoreMemoryMax(priv->xsh, dom->id);

    return max ? max : (unsigned long)(xi->max_pages * XEN_HV_PAGE_KIB);
}

static int
xenEditMaxMem(virDomainPtr dom, virDomainDefPtr def, unsigned long kib)
{
    def->maxmem = kib;
    if (def->memory > kib)
        def->memory = kib;
    return 0;
}

static int
xenEditMem(virDomainPtr dom, virDomainDefPtr def, unsigned long kib)
{
    if (kib > def->maxmem)
        return virReportError(
            dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
            "cannot set memory of domain '%s' to %lu KiB: must "
            "be from 1 to its maximum %lu KiB",
            dom->name, kib, def->maxmem);
    def->memory = kib;
    return 0;
}

int
xenDomainSetMaxMemory(virDomainPtr dom, unsigned long memory)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    virNodeInfo node;
    int r = xenResolve(dom, &xi);

    if (r < 0 || xenHvNodeGetInfo(dom->conn, priv->xch, &node) < 0)
        return -1;
    if (memory > node.memory)
        return virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                              "cannot set maximum memory of domain '%s' to %lu "
                              "KiB: must be from 1 to the host's %lu KiB",
                              dom->name, memory, node.memory);
    if (r > 0)
        return xenDefUpdate(dom, xenEditMaxMem, memory);
    if (xenHvSetMaxMem(dom, priv->xch, memory + XEN_MAXMEM_SLACK) < 0 ||
        xenStoreSetMemoryMax(dom, priv->xsh, memory) < 0)
        return -1;
    /* A balloon target above the new maximum comes down with it. */
    if (xenStoreMemoryTarget(priv->xsh, dom->id) > memory)
        return xenStoreSetMemoryTarget(dom, priv->xsh, memory);
    return 0;
}

int
xenDomainSetMemory(virDomainPtr dom, unsigned long memory)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    unsigned long max;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return -1;
    if (r > 0)
        return xenDefUpdate(dom, xenEditMem, memory);
    max = xenMaxMemOf(dom, &xi);
    if (memory > max)
        return virReportError(
            dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
            "cannot set memory of domain '%s' to %lu KiB: must "
            "be from 1 to its maximum %lu KiB",
            dom->name, memory, max);
    /* Room in the hypervisor's limit for the balloon to grow into, as
     * libxl keeps it (target plus slack). */
    if (memory + XEN_MAXMEM_SLACK > xi.max_pages * XEN_HV_PAGE_KIB &&
        xenHvSetMaxMem(dom, priv->xch, memory + XEN_MAXMEM_SLACK) < 0)
        return -1;
    /* The balloon driver in the guest moves towards the target. */
    return xenStoreSetMemoryTarget(dom, priv->xsh, memory);
}

static int
xenEditVcpus(virDomainPtr dom, virDomainDefPtr def, unsigned long n)
{
    if (n > VIR_DOMAIN_MAX_VCPUS)
        return virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
                              "cannot set vcpus of domain '%s' to %lu: must be "
                              "from 1 to %d",
                              dom->name, n, VIR_DOMAIN_MAX_VCPUS);
    def->vcpus = (unsigned int)n;
    return 0;
}

/* Online vcpus through cpu/N/availability, which the guest acts on. */
int
xenDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    unsigned int max, i;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return -1;
    if (r > 0)
        return xenDefUpdate(dom, xenEditVcpus, nvcpus);
    max = xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : xi.max_vcpu_id + 1;
    if (nvcpus > max)
        return virReportError(
            dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
            "cannot set vcpus of domain '%s' to %u: must be from "
            "1 to its maximum %u",
            dom->name, nvcpus, max);
    for (i = 0; i < max; i++)
        if (xenStoreSetVcpuAvailable(dom, priv->xsh, i, i < nvcpus) < 0)
            return -1;
    return 0;
}

/* The vcpus the running domain was built with (max_vcpu_id + 1). */
int
xenDomainGetMaxVcpus(virDomainPtr dom)
{
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "count the vcpus of") < 0)
        return -1;
    if (xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID)
        return 0;
    return (int)xi.max_vcpu_id + 1;
}

int
xenDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                 const unsigned char *cpumap, int maplen)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "pin vcpus of") < 0)
        return -1;
    if (xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID || vcpu > xi.max_vcpu_id)
        return virReportError(
            dom->conn, dom, VIR_FROM_XEN, VIR_ERR_INVALID_ARG,
            "cannot pin vcpu %u of domain '%s': it has %u vcpus", vcpu,
            dom->name,
            xi.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : xi.max_vcpu_id + 1);
    return xenHvPinVcpu(dom, priv->xch, vcpu, cpumap, maplen);
}

int
xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;

    if (xenActive(dom, &xi, "list vcpus of") < 0)
        return -1;
    return xenHvGetVcpus(dom, priv->xch, &xi, info, maxinfo, cpumaps, maplen);
}

/* A running domain without a definition of ours: what Xen knows. */
static char *
xenDescribeRunning(virDomainPtr dom, const xc_domaininfo_t *xi)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDef def;
    char *type = xenDomainGetOSType(dom), *xml = NULL;
    char virt[] = "xen";

    if (!type)
        return NULL;
    memset(&def, 0, sizeof(def));
    def.virtType = virt;
    def.name = dom->name;
    memcpy(def.uuid, dom->uuid, VIR_UUID_BUFLEN);
    def.hasUUID = true;
    def.os.type = type;
    def.maxmem = xenMaxMemOf(dom, xi);
    def.memory = xenStoreMemoryTarget(priv->xsh, dom->id);
    if (def.memory == 0 || def.memory > def.maxmem)
        def.memory = (unsigned long)(xi->tot_pages * XEN_HV_PAGE_KIB);
    def.vcpus = xi->nr_online_vcpus ? xi->nr_online_vcpus : 1;
    def.onPoweroff = VIR_DOMAIN_DESTROY;
    def.onReboot = VIR_DOMAIN_RESTART;
    def.onCrash = VIR_DOMAIN_RESTART;
    xml = virDomainDefFormat(dom->conn, &def, dom->id);
    free(type);
    return xml;
}

char *
xenDomainGetXMLDesc(virDomainPtr dom, int flags)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    bool found;
    char *xml = NULL;
    int r = xenResolve(dom, &xi);

    if (r < 0)
        return NULL;
    def = xenConfRead(dom->conn, priv->confdir, dom->name, &found);
    if (!def && found)
        return NULL;
    if (r == 0 && (!def || memcmp(def->uuid, dom->uuid, VIR_UUID_BUFLEN))) {
        virDomainDefFree(def);
        return xenDescribeRunning(dom, &xi);
    }
    xml = virDomainDefFormat(dom->conn, def, dom->id);
    virDomainDefFree(def);
    return xml;
}

/* Attaches (@attach) or detaches the disk @xml describes, on running
 * @dom; the Xen driver hot-plugs disks only, through libxl. */
static int
xenHotplugDisk(virDomainPtr dom, const char *xml, bool attach)
{
    const char *op = attach ? "attach a device to" : "detach a device from";
    virDomainDeviceDefPtr dev;
    xc_domaininfo_t xi;
    libxl_ctx *xl;
    int ret;

    if (xenActive(dom, &xi, op) < 0 ||
        !(xl = xenNeedLibxl(dom->conn, dom,
                            attach ? "attach a device" : "detach a device")) ||
        !(dev = virDomainDeviceDefParseString(dom->conn, xml)))
        return -1;
    if (dev->type != VIR_DOMAIN_DEVICE_DISK)
        ret = virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_NO_SUPPORT,
                             "cannot %s domain '%s': the Xen driver "
                             "hot-plugs disks only",
                             op, dom->name);
    else if (attach)
        ret = xenLibxlAttachDisk(dom, xl, dev->data.disk);
    else
        ret = xenLibxlDetachDisk(dom, xl, dev->data.disk->dst);
    virDomainDeviceDefFree(dev);
    return ret;
}

int
xenDomainAttachDevice(virDomainPtr dom, const char *xml)
{
    return xenHotplugDisk(dom, xml, true);
}

int
xenDomainDetachDevice(virDomainPtr dom, const char *xml)
{
    return xenHotplugDisk(dom, xml, false);
}
