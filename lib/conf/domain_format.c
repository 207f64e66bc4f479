/*
 * domain_format.c: a virDomainDef written back as libvirt's domain XML,
 * in a form the parser reads back to the same definition.
 */

#include <config.h>

#include <stdlib.h>

#include "conf/domain_conf_priv.h"
#include "util/buf.h"

/* Output */
static char *virDomainFormatFinish(virConnectPtr conn, virBuffer *buf,
                                   const char *name);

/* Formatting */
static void virDomainOSFormat(virBuffer *buf, const virDomainDef *def);
static void virDomainLifecycleFormat(virBuffer *buf, const virDomainDef *def);
static void virDomainDiskDefFormat(virBuffer *buf,
                                   const virDomainDiskDef *disk);
static void virDomainNetDefFormat(virBuffer *buf, const virDomainNetDef *net);
static void virDomainGraphicsDefFormat(virBuffer *buf,
                                       const virDomainGraphicsDef *graphics);
static void virDomainDevicesFormat(virBuffer *buf, const virDomainDef *def);


/* ------------------------------------------------------------------ */
/* Output                                                             */
/* ------------------------------------------------------------------ */

/* The buffer's string, or NULL after raising why it could not be made. */
static char *
virDomainFormatFinish(virConnectPtr conn, virBuffer *buf, const char *name)
{
    if (buf->oom) {
        free(buf->data);
        virReportOOM(conn, VIR_FROM_XML);
        return NULL;
    }
    if (buf->bad) {
        free(buf->data);
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                       "cannot format domain '%s': <%s> holds a control "
                       "character XML cannot represent",
                       name, buf->bad);
        return NULL;
    }
    return buf->data;
}

/* ------------------------------------------------------------------ */
/* Formatting                                                         */
/* ------------------------------------------------------------------ */

static void
virDomainOSFormat(virBuffer *buf, const virDomainDef *def)
{
    virBufferXMLElem(buf, 2, "bootloader", def->bootloader);
    virBufferAddStr(buf, "  <os>\n");
    virBufferXMLElem(buf, 4, "type", def->os.type);
    virBufferXMLElem(buf, 4, "loader", def->os.loader);
    virBufferXMLElem(buf, 4, "kernel", def->os.kernel);
    virBufferXMLElem(buf, 4, "initrd", def->os.initrd);
    virBufferXMLElem(buf, 4, "cmdline", def->os.cmdline);
    virBufferXMLElem(buf, 4, "root", def->os.root);
    if (def->os.bootDev) {
        virBufferAddStr(buf, "    <boot");
        virBufferXMLAttr(buf, "dev", def->os.bootDev);
        virBufferAddStr(buf, "/>\n");
    }
    virBufferAddStr(buf, "  </os>\n");
}

/* A value outside virDomainRestart is left out (the default applies). */
static void
virDomainLifecycleFormat(virBuffer *buf, const virDomainDef *def)
{
    size_t n = VIR_N_ELEMENTS(virDomainRestartNames);

    virBufferXMLElem(
        buf, 2, "on_poweroff",
        virEnumToString(virDomainRestartNames, n, def->onPoweroff));
    virBufferXMLElem(buf, 2, "on_reboot",
                     virEnumToString(virDomainRestartNames, n, def->onReboot));
    virBufferXMLElem(buf, 2, "on_crash",
                     virEnumToString(virDomainRestartNames, n, def->onCrash));
}

static void
virDomainDiskDefFormat(virBuffer *buf, const virDomainDiskDef *disk)
{
    const char *type =
        virEnumToString(virDomainDiskTypeNames,
                        VIR_N_ELEMENTS(virDomainDiskTypeNames), disk->type);
    const char *device =
        virEnumToString(virDomainDiskDeviceNames,
                        VIR_N_ELEMENTS(virDomainDiskDeviceNames), disk->device);

    virBufferAddStr(buf, "    <disk");
    virBufferXMLAttr(buf, "type", type);
    virBufferXMLAttr(buf, "device", device);
    virBufferAddStr(buf, ">\n");
    if (disk->driverName || disk->driverType) {
        virBufferAddStr(buf, "      <driver");
        virBufferXMLAttr(buf, "name", disk->driverName);
        virBufferXMLAttr(buf, "type", disk->driverType);
        virBufferAddStr(buf, "/>\n");
    }
    if (disk->src) {
        virBufferAddStr(buf, "      <source");
        virBufferXMLAttr(buf,
                         disk->type == VIR_DOMAIN_DISK_BLOCK ? "dev" : "file",
                         disk->src);
        virBufferAddStr(buf, "/>\n");
    }
    virBufferAddStr(buf, "      <target");
    virBufferXMLAttr(buf, "dev", disk->dst);
    virBufferAddStr(buf, "/>\n");
    if (disk->readonly)
        virBufferAddStr(buf, "      <readonly/>\n");
    virBufferAddStr(buf, "    </disk>\n");
}

static void
virDomainNetDefFormat(virBuffer *buf, const virDomainNetDef *net)
{
    char mac[VIR_MAC_STRING_BUFLEN];

    virMacAddrFormat(net->mac, mac);
    virBufferAddStr(buf, "    <interface");
    virBufferXMLAttr(buf, "type",
                     virEnumToString(virDomainNetTypeNames,
                                     VIR_N_ELEMENTS(virDomainNetTypeNames),
                                     net->type));
    virBufferAddStr(buf, ">\n");
    virBufferPrintf(buf, "      <mac address='%s'/>\n", mac);
    if (net->type == VIR_DOMAIN_NET_BRIDGE && net->bridge) {
        virBufferAddStr(buf, "      <source");
        virBufferXMLAttr(buf, "bridge", net->bridge);
        virBufferAddStr(buf, "/>\n");
    }
    if (net->script) {
        virBufferAddStr(buf, "      <script");
        virBufferXMLAttr(buf, "path", net->script);
        virBufferAddStr(buf, "/>\n");
    }
    if (net->ifname) {
        virBufferAddStr(buf, "      <target");
        virBufferXMLAttr(buf, "dev", net->ifname);
        virBufferAddStr(buf, "/>\n");
    }
    virBufferAddStr(buf, "    </interface>\n");
}

static void
virDomainGraphicsDefFormat(virBuffer *buf, const virDomainGraphicsDef *graphics)
{
    virBufferAddStr(buf, "    <graphics");
    virBufferXMLAttr(buf, "type",
                     virEnumToString(virDomainGraphicsTypeNames,
                                     VIR_N_ELEMENTS(virDomainGraphicsTypeNames),
                                     graphics->type));
    if (graphics->type == VIR_DOMAIN_GRAPHICS_VNC) {
        if (graphics->port < 0)
            virBufferAddStr(buf, " port='-1' autoport='yes'");
        else
            virBufferPrintf(buf, " port='%d'", graphics->port);
        virBufferXMLAttr(buf, "listen", graphics->listen);
    }
    virBufferAddStr(buf, "/>\n");
}

/* <devices>, left out when there is none. */
static void
virDomainDevicesFormat(virBuffer *buf, const virDomainDef *def)
{
    const virDomainDiskDef *disk;
    const virDomainNetDef *net;

    if (!def->disks && !def->nets && !def->graphics && !def->console)
        return;
    virBufferAddStr(buf, "  <devices>\n");
    for (disk = def->disks; disk; disk = disk->next)
        virDomainDiskDefFormat(buf, disk);
    for (net = def->nets; net; net = net->next)
        virDomainNetDefFormat(buf, net);
    if (def->graphics)
        virDomainGraphicsDefFormat(buf, def->graphics);
    if (def->console) {
        virBufferAddStr(buf, "    <console");
        virBufferXMLAttr(buf, "tty", def->consoleTty);
        virBufferAddStr(buf, "/>\n");
    }
    virBufferAddStr(buf, "  </devices>\n");
}

/**
 * virDomainDefFormat:
 * @conn: the connection errors are raised on, or NULL
 * @def: the definition to write
 * @id: written as <domain id=''> when >= 0
 *
 * Writes @def as libvirt's domain XML, indented by two spaces, in a form
 * virDomainDefParseString() reads back to the same definition.
 * <currentMemory> is written only when it differs from <memory>.
 *
 * Returns the document (caller-frees), or NULL after raising
 * VIR_ERR_NO_MEMORY (VIR_ERR_INVALID_ARG for a definition without type,
 * name or os type; VIR_ERR_XML_ERROR for text holding control characters
 * XML cannot carry).
 */
char *
virDomainDefFormat(virConnectPtr conn, const virDomainDef *def, int id)
{
    virBuffer buf = { 0 };
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!def || !def->virtType || !def->name || !def->os.type) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot format domain: incomplete definition");
        return NULL;
    }
    virBufferAddStr(&buf, "<domain");
    virBufferXMLAttr(&buf, "type", def->virtType);
    if (id >= 0)
        virBufferPrintf(&buf, " id='%d'", id);
    virBufferAddStr(&buf, ">\n");
    virBufferXMLElem(&buf, 2, "name", def->name);
    if (def->hasUUID) {
        virUUIDFormat(def->uuid, uuid);
        virBufferXMLElem(&buf, 2, "uuid", uuid);
    }
    virDomainOSFormat(&buf, def);
    virBufferPrintf(&buf, "  <memory>%lu</memory>\n", def->maxmem);
    if (def->memory != def->maxmem)
        virBufferPrintf(&buf, "  <currentMemory>%lu</currentMemory>\n",
                        def->memory);
    virBufferPrintf(&buf, "  <vcpu>%u</vcpu>\n", def->vcpus);
    virDomainLifecycleFormat(&buf, def);
    virDomainDevicesFormat(&buf, def);
    virBufferAddStr(&buf, "</domain>\n");
    return virDomainFormatFinish(conn, &buf, def->name);
}
