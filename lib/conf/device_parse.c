/*
 * device_parse.c: the device XML of classic libvirt -- <disk>,
 * <interface> and <graphics> -- parsed for <devices> and for
 * virDomainAttachDevice()/virDomainDetachDevice().
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "conf/domain_conf_priv.h"

/* Disks */
static int virDomainDiskParseSource(const virDomainParseCtxt *ctxt,
                                    xmlNodePtr node, virDomainDiskDefPtr disk);
static int virDomainDiskParseTarget(const virDomainParseCtxt *ctxt,
                                    xmlNodePtr node, virDomainDiskDefPtr disk);

/* Interfaces */
static int virDomainNetParseMac(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                                virDomainNetDefPtr net);
static int virDomainNetParseBridge(const virDomainParseCtxt *ctxt,
                                   xmlNodePtr node, virDomainNetDefPtr net);

/* Graphics */
static int virDomainGraphicsParseVNC(const virDomainParseCtxt *ctxt,
                                     xmlNodePtr node,
                                     virDomainGraphicsDefPtr graphics);
static int virDomainGraphicsParsePort(const virDomainParseCtxt *ctxt,
                                      xmlNodePtr node, const char *port,
                                      const char *autoport, int *out);

/* Devices of attach and detach */
static virDomainDeviceDefPtr
virDomainDeviceDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr root);


/* ------------------------------------------------------------------ */
/* Disks                                                              */
/* ------------------------------------------------------------------ */

/* <disk type='file|block' device='disk|cdrom'> */
virDomainDiskDefPtr
virDomainDiskDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node)
{
    virDomainDiskDefPtr disk = calloc(1, sizeof(*disk));
    xmlNodePtr driver;
    xmlNodePtr readonly;

    if (!disk) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return NULL;
    }
    if (virXMLPropEnum(ctxt, node, "type", virDomainDiskTypeNames,
                       VIR_N_ELEMENTS(virDomainDiskTypeNames),
                       VIR_DOMAIN_DISK_FILE, &disk->type) < 0 ||
        virXMLPropEnum(ctxt, node, "device", virDomainDiskDeviceNames,
                       VIR_N_ELEMENTS(virDomainDiskDeviceNames),
                       VIR_DOMAIN_DISK_DEVICE_DISK, &disk->device) < 0 ||
        virXMLChild(ctxt, node, "driver", &driver) < 0 ||
        virXMLChild(ctxt, node, "readonly", &readonly) < 0)
        goto error;
    if (driver &&
        (virXMLPropNonEmpty(ctxt, driver, "name", &disk->driverName) < 0 ||
         virXMLPropNonEmpty(ctxt, driver, "type", &disk->driverType) < 0))
        goto error;
    if (virDomainDiskParseSource(ctxt, node, disk) < 0 ||
        virDomainDiskParseTarget(ctxt, node, disk) < 0)
        goto error;
    disk->readonly = readonly != NULL;
    return disk;

error:
    virDomainDiskDefFree(disk);
    return NULL;
}

/* <source file=''/> for a file, <source dev=''/> for a block device;
 * only a cdrom may go without (an empty drive). */
static int
virDomainDiskParseSource(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                         virDomainDiskDefPtr disk)
{
    const char *attr = "file";

    if (disk->type == VIR_DOMAIN_DISK_BLOCK)
        attr = "dev";
    if (virXMLChildProp(ctxt, node, "source", attr, &disk->src) < 0)
        return -1;
    if (disk->src || disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM)
        return 0;
    return virDomainParseError(ctxt, node,
                               "<disk type='%s'> without <source %s=''/>",
                               virDomainDiskTypeNames[disk->type], attr);
}

/* <target dev=''/>, required. */
static int
virDomainDiskParseTarget(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                         virDomainDiskDefPtr disk)
{
    if (virXMLChildProp(ctxt, node, "target", "dev", &disk->dst) < 0)
        return -1;
    if (disk->dst)
        return 0;
    return virDomainParseError(ctxt, node, "<disk> without <target dev=''/>");
}

/* ------------------------------------------------------------------ */
/* Interfaces                                                         */
/* ------------------------------------------------------------------ */

/* <interface type='bridge|ethernet'> */
virDomainNetDefPtr
virDomainNetDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node)
{
    virDomainNetDefPtr net = calloc(1, sizeof(*net));

    if (!net) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return NULL;
    }
    if (virXMLPropEnum(ctxt, node, "type", virDomainNetTypeNames,
                       VIR_N_ELEMENTS(virDomainNetTypeNames), -1,
                       &net->type) < 0 ||
        virDomainNetParseMac(ctxt, node, net) < 0 ||
        virDomainNetParseBridge(ctxt, node, net) < 0 ||
        virXMLChildProp(ctxt, node, "script", "path", &net->script) < 0 ||
        virXMLChildProp(ctxt, node, "target", "dev", &net->ifname) < 0) {
        virDomainNetDefFree(net);
        return NULL;
    }
    return net;
}

/* <mac address=''/>: a unicast address; absent leaves all zeros, for the
 * caller to fill in. */
static int
virDomainNetParseMac(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                     virDomainNetDefPtr net)
{
    xmlNodePtr mac;
    char *addr = NULL;
    int ret = -1;

    if (virXMLChild(ctxt, node, "mac", &mac) < 0)
        return -1;
    if (!mac)
        return 0;
    if (virXMLProp(ctxt, mac, "address", &addr) < 0)
        return -1;
    if (!addr)
        virDomainParseError(ctxt, mac, "<mac> without address attribute");
    else if (virMacAddrParse(addr, net->mac) < 0)
        virDomainParseError(ctxt, mac, "invalid MAC address '%s'", addr);
    else if (net->mac[0] & 0x01)
        virDomainParseError(ctxt, mac, "MAC address '%s' is multicast", addr);
    else if (virDomainMacIsZero(net->mac))
        virDomainParseError(ctxt, mac, "MAC address '%s' is all zeros", addr);
    else
        ret = 0;
    free(addr);
    return ret;
}

/* <source bridge=''/>: required for a bridge, ignored for ethernet (as
 * libvirt did). */
static int
virDomainNetParseBridge(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                        virDomainNetDefPtr net)
{
    if (net->type != VIR_DOMAIN_NET_BRIDGE)
        return 0;
    if (virXMLChildProp(ctxt, node, "source", "bridge", &net->bridge) < 0)
        return -1;
    if (net->bridge)
        return 0;
    return virDomainParseError(ctxt, node,
                               "<interface type='bridge'> without "
                               "<source bridge=''/>");
}

/* ------------------------------------------------------------------ */
/* Graphics                                                           */
/* ------------------------------------------------------------------ */

/* <graphics type='vnc|sdl'> */
virDomainGraphicsDefPtr
virDomainGraphicsDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node)
{
    virDomainGraphicsDefPtr graphics = calloc(1, sizeof(*graphics));

    if (!graphics) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return NULL;
    }
    graphics->port = -1;
    if (virXMLPropEnum(ctxt, node, "type", virDomainGraphicsTypeNames,
                       VIR_N_ELEMENTS(virDomainGraphicsTypeNames), -1,
                       &graphics->type) < 0 ||
        (graphics->type == VIR_DOMAIN_GRAPHICS_VNC &&
         virDomainGraphicsParseVNC(ctxt, node, graphics) < 0)) {
        virDomainGraphicsDefFree(graphics);
        return NULL;
    }
    return graphics;
}

/* port='' (-1: automatic), autoport='yes|no', listen='' */
static int
virDomainGraphicsParseVNC(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                          virDomainGraphicsDefPtr graphics)
{
    char *port = NULL;
    char *autoport = NULL;
    int ret = -1;

    if (virXMLProp(ctxt, node, "port", &port) < 0 ||
        virXMLProp(ctxt, node, "autoport", &autoport) < 0 ||
        virXMLPropNonEmpty(ctxt, node, "listen", &graphics->listen) < 0)
        goto cleanup;
    ret =
        virDomainGraphicsParsePort(ctxt, node, port, autoport, &graphics->port);

cleanup:
    free(port);
    free(autoport);
    return ret;
}

/* autoport='yes' wins over any port, as in libvirt; otherwise the port
 * is -1 or 5900..65535 (VNC display N listens on 5900 + N). */
static int
virDomainGraphicsParsePort(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                           const char *port, const char *autoport, int *out)
{
    unsigned long val;

    *out = -1;
    if (autoport && strcmp(autoport, "yes") != 0 && strcmp(autoport, "no") != 0)
        return virDomainParseError(ctxt, node,
                                   "invalid autoport '%s' of <graphics> "
                                   "(expected yes or no)",
                                   autoport);
    if (autoport && strcmp(autoport, "yes") == 0)
        return 0;
    if (!port) {
        if (!autoport)
            return 0;
        return virDomainParseError(ctxt, node,
                                   "<graphics autoport='no'> without "
                                   "port");
    }
    if (strcmp(port, "-1") == 0)
        return 0;
    if (virDomainStrToULong(port, 65535, &val) < 0 || val < 5900)
        return virDomainParseError(ctxt, node,
                                   "invalid VNC port '%s' (expected -1 "
                                   "or 5900..65535)",
                                   port);
    *out = (int)val;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Devices of attach and detach                                       */
/* ------------------------------------------------------------------ */

/**
 * virDomainDeviceDefParseString:
 * @conn: the connection errors are raised on, or NULL
 * @xml: a document whose root is one <disk> or one <interface>
 *
 * Parses the device of virDomainAttachDevice()/virDomainDetachDevice().
 * An interface without <mac> gets a random one in Xen's range; the caller
 * checks it against the domain's other interfaces.
 *
 * Returns the device (caller-frees, virDomainDeviceDefFree), or NULL
 * after raising one VIR_ERR_XML_ERROR that says why.
 */
virDomainDeviceDefPtr
virDomainDeviceDefParseString(virConnectPtr conn, const char *xml)
{
    virDomainParseCtxt ctxt = { .conn = conn, .kind = "device" };
    xmlDocPtr doc = virDomainParseDoc(&ctxt, xml);
    virDomainDeviceDefPtr dev;

    if (!doc)
        return NULL;
    dev = virDomainDeviceDefParseXML(&ctxt, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return dev;
}

/* <disk> or <interface> at @root. */
static virDomainDeviceDefPtr
virDomainDeviceDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr root)
{
    virDomainDeviceDefPtr dev;

    if (!virXMLIsElement(root, "disk") && !virXMLIsElement(root, "interface")) {
        virDomainParseError(ctxt, root,
                            "root element is <%s>, expected <disk> or "
                            "<interface>",
                            VIR_XML_NAME(root));
        return NULL;
    }
    dev = calloc(1, sizeof(*dev));
    if (!dev) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return NULL;
    }
    if (virXMLIsElement(root, "disk")) {
        dev->type = VIR_DOMAIN_DEVICE_DISK;
        dev->data.disk = virDomainDiskDefParseXML(ctxt, root);
        if (dev->data.disk)
            return dev;
    } else {
        dev->type = VIR_DOMAIN_DEVICE_NET;
        dev->data.net = virDomainNetDefParseXML(ctxt, root);
        if (dev->data.net &&
            virDomainNetEnsureMac(ctxt, NULL, dev->data.net) == 0)
            return dev;
    }
    virDomainDeviceDefFree(dev);
    return NULL;
}
