/*
 * devices.c: a domain's disks and network interfaces, parsed from its
 * domain XML with libxml2 (the agent uses the library's public API only,
 * so not the library's own parser), with what the host knows of them:
 * the sizes of image files, the ifindex of backend interfaces.
 *
 * The parser is lenient: an element or attribute it does not know is
 * skipped, a device missing what it looks for is kept with "" (tables
 * then say unknown), and only a document that is not XML fails.
 */

#include <config.h>

#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "model/devices.h"

/* qcow and qcow2 images: "QFI\xfb", the guest's size at offset 24 */
#define QCOW_MAGIC     "QFI\xfb"
#define QCOW_SIZE_AT   24
#define QCOW_HEADER_SZ 32

static unsigned long xml_reads;

/* parsing */
static struct snap_devices *devices_new(void);
static int devices_walk(struct snap_devices *dv, xmlNodePtr devs,
                        const char *ostype);
static size_t devices_count(xmlNodePtr devs, const char *name, size_t max);
static int devices_add_disk(struct snap_devices *dv, xmlNodePtr node);
static int devices_add_iface(struct snap_devices *dv, xmlNodePtr node,
                             const char *ostype);
static xmlNodePtr devices_child(xmlNodePtr node, const char *name);
static char *devices_os_type(xmlNodePtr root);
static char *devices_prop(xmlNodePtr node, const char *name);
static char *devices_child_prop(xmlNodePtr node, const char *child,
                                const char *name);
static char *devices_disk_source(xmlNodePtr node);
static int devices_default(char **val, const char *def);
static int devices_parse_mac(const char *text, unsigned char *mac);
static void devices_disk_free(struct snap_disk *dk);
static void devices_iface_free(struct snap_iface *ifc);
static void devices_free(struct snap_devices *dv);

/* the host */
static void devices_disk_size(struct snap_disk *dk);
static long long devices_qcow_size(int fd);
static unsigned int devices_ifindex(const char *name);
static long devices_now(void);

/**
 * devices_parse:
 * @xml: a domain XML document
 * @ostype: the domain's OS type ("linux" for a Xen PV guest), or NULL;
 *          the document's own <os><type>, when it has one, comes first
 *          (libvirt's test driver says "linux" of every domain)
 *
 * Returns the devices (one reference, devices_unref()), or NULL when
 * @xml is not a domain XML document or memory ran out.
 */
struct snap_devices *
devices_parse(const char *xml, const char *ostype)
{
    struct snap_devices *dv = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    char *own_os;
    int len;

    if (!xml || strlen(xml) > (size_t)0x7fffffff)
        return NULL;
    len = (int)strlen(xml);
    doc = xmlReadMemory(xml, len, "domain.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (root && xmlStrcmp(root->name, (const xmlChar *)"domain") == 0)
        dv = devices_new();
    own_os = devices_os_type(root);
    if (own_os && *own_os)
        ostype = own_os;
    if (dv && devices_walk(dv, devices_child(root, "devices"), ostype) < 0) {
        devices_free(dv);
        dv = NULL;
    }
    xmlFree(own_os);
    xmlFreeDoc(doc);
    return dv;
}

/**
 * devices_read:
 * @dom: a domain
 * @ostype: its OS type, or NULL
 *
 * Reads @dom's XML (once: devices_xml_reads() counts the calls) and
 * parses its devices.  Returns them as devices_parse() does, or NULL
 * with the library's error as the last error.
 */
struct snap_devices *
devices_read(virDomainPtr dom, const char *ostype)
{
    struct snap_devices *dv;
    char *xml;

    xml_reads++;
    xml = virDomainGetXMLDesc(dom, 0);
    if (!xml)
        return NULL;
    dv = devices_parse(xml, ostype);
    free(xml);
    return dv;
}

/* How many times devices_read() asked the library for a domain's XML. */
unsigned long
devices_xml_reads(void)
{
    return xml_reads;
}

static struct snap_devices *
devices_new(void)
{
    struct snap_devices *dv = calloc(1, sizeof(*dv));

    if (!dv)
        return NULL;
    dv->dv_refs = 1;
    dv->dv_read_at = devices_now();
    return dv;
}

/*
 * The <disk> and <interface> children of @devs, up to the bounds.  The
 * arrays hold what the domain has, none when it has none: room for the
 * bounds in every domain was 30 KiB a domain, 300 MB at 10,000 domains
 * (bench/RESULTS.md).
 */
static int
devices_walk(struct snap_devices *dv, xmlNodePtr devs, const char *ostype)
{
    size_t ndisks = devices_count(devs, "disk", DEV_MAX_DISKS);
    size_t nifaces = devices_count(devs, "interface", DEV_MAX_IFACES);
    xmlNodePtr cur;

    if (ndisks)
        dv->dv_disks = calloc(ndisks, sizeof(*dv->dv_disks));
    if (nifaces)
        dv->dv_ifaces = calloc(nifaces, sizeof(*dv->dv_ifaces));
    if ((ndisks && !dv->dv_disks) || (nifaces && !dv->dv_ifaces))
        return -1;
    for (cur = devs ? devs->children : NULL; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrcmp(cur->name, (const xmlChar *)"disk") == 0 &&
            dv->dv_ndisks < ndisks && devices_add_disk(dv, cur) < 0)
            return -1;
        if (xmlStrcmp(cur->name, (const xmlChar *)"interface") == 0 &&
            dv->dv_nifaces < nifaces && devices_add_iface(dv, cur, ostype) < 0)
            return -1;
    }
    return 0;
}

/* How many child elements @name @devs has (NULL: none), at most @max. */
static size_t
devices_count(xmlNodePtr devs, const char *name, size_t max)
{
    xmlNodePtr cur;
    size_t n = 0;

    for (cur = devs ? devs->children : NULL; cur && n < max; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrcmp(cur->name, (const xmlChar *)name) == 0)
            n++;
    }
    return n;
}

static int
devices_add_disk(struct snap_devices *dv, xmlNodePtr node)
{
    struct snap_disk *dk = &dv->dv_disks[dv->dv_ndisks];
    xmlNodePtr target = devices_child(node, "target");

    dk->dk_type = devices_prop(node, "type");
    dk->dk_device = devices_prop(node, "device");
    dk->dk_source = devices_disk_source(node);
    dk->dk_format = devices_child_prop(node, "driver", "type");
    dk->dk_target = devices_prop(target, "dev");
    dk->dk_bus = devices_prop(target, "bus");
    if (!dk->dk_type || !dk->dk_device || !dk->dk_source || !dk->dk_format ||
        !dk->dk_target || !dk->dk_bus) {
        devices_disk_free(dk);
        return -1;
    }
    /* libvirt's defaults when the attributes are absent */
    if (devices_default(&dk->dk_type, "file") < 0 ||
        devices_default(&dk->dk_device, "disk") < 0 ||
        devices_default(&dk->dk_bus, devices_bus_of(dk->dk_target)) < 0) {
        devices_disk_free(dk);
        return -1;
    }
    dk->dk_readonly = devices_child(node, "readonly") != NULL;
    devices_disk_size(dk);
    dv->dv_ndisks++;
    return 0;
}

static int
devices_add_iface(struct snap_devices *dv, xmlNodePtr node, const char *ostype)
{
    struct snap_iface *ifc = &dv->dv_ifaces[dv->dv_nifaces];
    char *mac = devices_child_prop(node, "mac", "address");

    ifc->if_model = devices_child_prop(node, "model", "type");
    ifc->if_target = devices_child_prop(node, "target", "dev");
    ifc->if_bridge = devices_child_prop(node, "source", "bridge");
    if (!mac || !ifc->if_model || !ifc->if_target || !ifc->if_bridge) {
        free(mac);
        devices_iface_free(ifc);
        return -1;
    }
    ifc->if_hasmac = devices_parse_mac(mac, ifc->if_mac) == 0;
    free(mac);
    /* A Xen PV guest (OS type linux) without a model has a netfront. */
    if (ostype && strcmp(ostype, "linux") == 0 &&
        devices_default(&ifc->if_model, "netfront") < 0) {
        devices_iface_free(ifc);
        return -1;
    }
    ifc->if_ifindex = devices_ifindex(ifc->if_target);
    ifc->if_parent = devices_ifindex(ifc->if_bridge);
    dv->dv_nifaces++;
    return 0;
}

/* The first child element @name of @node, or NULL. */
static xmlNodePtr
devices_child(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrcmp(cur->name, (const xmlChar *)name) == 0)
            return cur;
    }
    return NULL;
}

/* The text of <os><type> under @root, or NULL (xmlFree()). */
static char *
devices_os_type(xmlNodePtr root)
{
    xmlNodePtr type = devices_child(devices_child(root, "os"), "type");

    return type ? (char *)xmlNodeGetContent(type) : NULL;
}

/* Attribute @name of @node (NULL node: absent), at most DEV_STR_MAX
 * bytes; "" when absent.  Caller frees; NULL when out of memory. */
static char *
devices_prop(xmlNodePtr node, const char *name)
{
    xmlChar *val = node ? xmlGetProp(node, (const xmlChar *)name) : NULL;
    char *ret;

    if (!val)
        return strdup("");
    ret = strndup((const char *)val, DEV_STR_MAX);
    xmlFree(val);
    return ret;
}

static char *
devices_child_prop(xmlNodePtr node, const char *child, const char *name)
{
    return devices_prop(devices_child(node, child), name);
}

/* <source file=''/>, dev='', name='' (network), dir='' or volume='':
 * the first one there. */
static char *
devices_disk_source(xmlNodePtr node)
{
    static const char *const attrs[] = { "file", "dev", "name", "dir",
                                         "volume" };
    xmlNodePtr src = devices_child(node, "source");
    char *val;
    size_t i;

    for (i = 0; i < sizeof(attrs) / sizeof(*attrs); i++) {
        val = devices_prop(src, attrs[i]);
        if (!val || *val)
            return val;
        free(val);
    }
    return strdup("");
}

/* An empty *@val becomes @def: 0, or -1 when out of memory. */
static int
devices_default(char **val, const char *def)
{
    char *copy;

    if (**val)
        return 0;
    copy = strdup(def);
    if (!copy)
        return -1;
    free(*val);
    *val = copy;
    return 0;
}

/* "aa:bb:cc:dd:ee:ff" into @mac: 0, or -1 when it is not one. */
static int
devices_parse_mac(const char *text, unsigned char *mac)
{
    unsigned int b[DEV_MAC_LEN];
    char end;
    size_t i;

    if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &end) != DEV_MAC_LEN)
        return -1;
    for (i = 0; i < DEV_MAC_LEN; i++)
        mac[i] = (unsigned char)b[i];
    return 0;
}

/**
 * devices_bus_of:
 * @target: a disk's target device name
 *
 * Returns the bus the name implies, as libvirt reads a target without
 * <target bus=''/>: "xen" for xvd*, "virtio" for vd*, "scsi" for sd*,
 * "ide" for hd*, "fdc" for fd*; "" for any other name.
 */
const char *
devices_bus_of(const char *target)
{
    static const struct {
        const char *prefix;
        const char *bus;
    } buses[] = {
        { "xvd", "xen" }, { "vd", "virtio" }, { "sd", "scsi" },
        { "hd", "ide" },  { "fd", "fdc" },
    };
    size_t i;

    for (i = 0; target && i < sizeof(buses) / sizeof(*buses); i++) {
        if (strncmp(target, buses[i].prefix, strlen(buses[i].prefix)) == 0)
            return buses[i].bus;
    }
    return "";
}

/* Reference counting */

struct snap_devices *
devices_ref(struct snap_devices *dv)
{
    if (dv)
        dv->dv_refs++;
    return dv;
}

void
devices_unref(struct snap_devices *dv)
{
    if (dv && --dv->dv_refs == 0)
        devices_free(dv);
}

static void
devices_disk_free(struct snap_disk *dk)
{
    free(dk->dk_type);
    free(dk->dk_device);
    free(dk->dk_source);
    free(dk->dk_format);
    free(dk->dk_bus);
    free(dk->dk_target);
    memset(dk, 0, sizeof(*dk));
}

static void
devices_iface_free(struct snap_iface *ifc)
{
    free(ifc->if_model);
    free(ifc->if_target);
    free(ifc->if_bridge);
    memset(ifc, 0, sizeof(*ifc));
}

static void
devices_free(struct snap_devices *dv)
{
    size_t i;

    for (i = 0; dv->dv_disks && i < dv->dv_ndisks; i++)
        devices_disk_free(&dv->dv_disks[i]);
    for (i = 0; dv->dv_ifaces && i < dv->dv_nifaces; i++)
        devices_iface_free(&dv->dv_ifaces[i]);
    free(dv->dv_disks);
    free(dv->dv_ifaces);
    free(dv);
}

/* The host */

/*
 * The sizes of a disk whose source is a regular file on this host: a
 * raw image's guest size is its length, and all of it counts as
 * allocated (the RFC wants both equal for raw); a qcow or qcow2 image
 * says its guest size in its header, and what it holds on the host is
 * its allocated blocks.  Anything else (a block device, a network disk,
 * another format, a file that is not there) stays unknown (-1).  Only
 * the header is read, from a regular file opened without following a
 * FIFO's writer (O_NONBLOCK).
 */
static void
devices_disk_size(struct snap_disk *dk)
{
    struct stat st;
    int fd;

    dk->dk_defined = -1;
    dk->dk_allocated = -1;
    if (strcmp(dk->dk_type, "file") != 0 || !*dk->dk_source)
        return;
    fd = open(dk->dk_source, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if (!*dk->dk_format || strcmp(dk->dk_format, "raw") == 0 ||
            strcmp(dk->dk_format, "aio") == 0) {
            dk->dk_defined = (long long)st.st_size;
            dk->dk_allocated = (long long)st.st_size;
        } else if (strcmp(dk->dk_format, "qcow") == 0 ||
                   strcmp(dk->dk_format, "qcow2") == 0) {
            dk->dk_defined = devices_qcow_size(fd);
            dk->dk_allocated = (long long)st.st_blocks * 512;
        }
    }
    close(fd);
}

/* The guest size in a qcow or qcow2 header, or -1. */
static long long
devices_qcow_size(int fd)
{
    unsigned char h[QCOW_HEADER_SZ];
    unsigned long long size = 0;
    int i;

    if (pread(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
        memcmp(h, QCOW_MAGIC, 4) != 0)
        return -1;
    for (i = 0; i < 8; i++)
        size = (size << 8) | h[QCOW_SIZE_AT + i];
    if (size > (unsigned long long)0x7fffffffffffffffLL)
        return -1;
    return (long long)size;
}

/* The host's ifindex of interface @name (IF-MIB's ifIndex on Linux),
 * 0 for "" or an interface this host does not have. */
static unsigned int
devices_ifindex(const char *name)
{
    if (!name || !*name || strlen(name) >= IF_NAMESIZE)
        return 0;
    return if_nametoindex(name);
}

static long
devices_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec;
}
