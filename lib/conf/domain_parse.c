/*
 * domain_parse.c: the domain XML of classic (Xen-era) libvirt parsed into
 * a virDomainDef, from a string or from a <domain> inside a node file.
 *
 * Every document goes through the library's one hardened reader
 * (util/xml.c).  Known elements are checked strictly; each refusal
 * raises exactly one VIR_ERR_XML_ERROR (VIR_FROM_XML) whose message names
 * the reason and, when a node is at hand, its line.
 *
 * Elements this format does not know (<features>, <clock>, <emulator>,
 * <input>, <sound>, ...) are ignored, as libvirt ignored them then: a
 * definition written for a newer libvirt still loads, minus the parts
 * this one cannot use.
 */

#include <config.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "conf/domain_conf_priv.h"

/* <memory> is in KiB; its byte count must still fit an unsigned long. */
#define VIR_DOMAIN_MAX_MEMORY (ULONG_MAX / 1024)

/* Node helpers */
static int virXMLText(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                      char **out);
static int virXMLChildText(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                           const char *name, char **out);

/* Numbers and text */
static int virDomainParseNumberNode(const virDomainParseCtxt *ctxt,
                                    xmlNodePtr node, unsigned long max,
                                    unsigned long *out);
static char *virDomainTrim(char *str);

/* Domain parsing */
static int virDomainParseRoot(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                              virDomainDefPtr def);
static int virDomainParseName(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                              virDomainDefPtr def);
static int virDomainParseUUID(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                              virDomainDefPtr def);
static int virDomainParseOS(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                            virDomainDefPtr def);
static int virDomainParseOSStrings(const virDomainParseCtxt *ctxt,
                                   xmlNodePtr os, virDomainOSDef *def);
static int virDomainCheckOS(const virDomainParseCtxt *ctxt, xmlNodePtr os,
                            virDomainDefPtr def);
static int virDomainParseMemory(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                                virDomainDefPtr def);
static int virDomainParseVcpus(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                               virDomainDefPtr def);
static int virDomainParseRestart(const virDomainParseCtxt *ctxt,
                                 xmlNodePtr root, const char *name, int dflt,
                                 int *out);
static int virDomainParseLifecycle(const virDomainParseCtxt *ctxt,
                                   xmlNodePtr root, virDomainDefPtr def);
static int virDomainParseDevices(const virDomainParseCtxt *ctxt,
                                 xmlNodePtr root, virDomainDefPtr def);
static int virDomainParseDevice(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                                virDomainDefPtr def);
static int virDomainAddDisk(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                            virDomainDefPtr def);
static int virDomainAddNet(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                           virDomainDefPtr def);
static int virDomainAssignMacs(const virDomainParseCtxt *ctxt,
                               virDomainDefPtr def);
static int virDomainParseConsole(const virDomainParseCtxt *ctxt,
                                 xmlNodePtr node, virDomainDefPtr def);
static virDomainDefPtr virDomainDefParseXML(const virDomainParseCtxt *ctxt,
                                            xmlNodePtr root);

/* The domain types this library runs: Xen, and the simulated Xen host. */
static const char *const virDomainVirtTypeNames[] = { "xen", "test" };
static const char *const virDomainOSTypeNames[] = { "linux", "hvm" };
static const char *const virDomainBootDevNames[] = { "hd", "cdrom", "fd",
                                                     "network" };


/* ------------------------------------------------------------------ */
/* Node helpers                                                       */
/* ------------------------------------------------------------------ */

/* Raises the one VIR_ERR_XML_ERROR of a failed parse, located at @node;
 * returns -1. */
int
virDomainParseError(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                    const char *fmt, ...)
{
    char reason[512];
    char loc[64];
    va_list ap;
    long line = node ? xmlGetLineNo(node) : -1;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    if (line <= 0 && !ctxt->source)
        return virReportError(ctxt->conn, NULL, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                              "invalid %s XML: %s", ctxt->kind, reason);
    if (line > 0)
        snprintf(loc, sizeof(loc), ctxt->source ? ":%ld" : "line %ld", line);
    else
        loc[0] = '\0';
    return virReportError(ctxt->conn, NULL, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                          "invalid %s XML: %s%s: %s", ctxt->kind,
                          ctxt->source ? ctxt->source : "", loc, reason);
}

/* The document @xml of a ctxt->kind, or NULL after raising why not. */
xmlDocPtr
virDomainParseDoc(const virDomainParseCtxt *ctxt, const char *xml)
{
    char reason[512];
    xmlDocPtr doc;

    if (!xml) {
        virReportError(ctxt->conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG,
                       "cannot parse %s XML: no document given", ctxt->kind);
        return NULL;
    }
    doc = virXMLParseString(xml, NULL, reason, sizeof(reason));
    if (!doc)
        virDomainParseError(ctxt, NULL, "%s", reason);
    return doc;
}

bool
virXMLIsElement(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           xmlStrEqual(node->name, VIR_XML_STR(name));
}

/* The only <@name> child of @parent in @out (NULL when absent); -1 after
 * raising when there are several. */
int
virXMLChild(const virDomainParseCtxt *ctxt, xmlNodePtr parent, const char *name,
            xmlNodePtr *out)
{
    xmlNodePtr cur;

    *out = NULL;
    for (cur = parent->children; cur; cur = cur->next) {
        if (!virXMLIsElement(cur, name))
            continue;
        if (*out)
            return virDomainParseError(ctxt, cur, "more than one <%s> in <%s>",
                                       name, VIR_XML_NAME(parent));
        *out = cur;
    }
    return 0;
}

/* A copy of attribute @name of @node in @out (NULL when absent); -1 after
 * raising on allocation failure. */
int
virXMLProp(const virDomainParseCtxt *ctxt, xmlNodePtr node, const char *name,
           char **out)
{
    xmlChar *val;

    *out = NULL;
    if (!xmlHasProp(node, VIR_XML_STR(name)))
        return 0;
    val = xmlGetProp(node, VIR_XML_STR(name));
    if (val)
        *out = strdup((const char *)val);
    xmlFree(val);
    if (!*out)
        return virReportOOM(ctxt->conn, VIR_FROM_XML);
    return 0;
}

/* Like virXMLProp, an empty value counting as absent. */
int
virXMLPropNonEmpty(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                   const char *name, char **out)
{
    if (virXMLProp(ctxt, node, name, out) < 0)
        return -1;
    if (*out && **out == '\0') {
        free(*out);
        *out = NULL;
    }
    return 0;
}

/* A copy of the text of @node; -1 after raising on allocation failure. */
static int
virXMLText(const virDomainParseCtxt *ctxt, xmlNodePtr node, char **out)
{
    xmlChar *val = xmlNodeGetContent(node);

    *out = val ? strdup((const char *)val) : NULL;
    xmlFree(val);
    if (!*out)
        return virReportOOM(ctxt->conn, VIR_FROM_XML);
    return 0;
}

/* The text of the only <@name> child of @parent; NULL when the child is
 * absent or empty. */
static int
virXMLChildText(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                const char *name, char **out)
{
    xmlNodePtr node;

    *out = NULL;
    if (virXMLChild(ctxt, parent, name, &node) < 0)
        return -1;
    if (!node)
        return 0;
    if (virXMLText(ctxt, node, out) < 0)
        return -1;
    if (**out == '\0') {
        free(*out);
        *out = NULL;
    }
    return 0;
}

/* Attribute @attr of the only <@name> child of @parent; NULL when either
 * is absent or the value is empty. */
int
virXMLChildProp(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                const char *name, const char *attr, char **out)
{
    xmlNodePtr node;

    *out = NULL;
    if (virXMLChild(ctxt, parent, name, &node) < 0)
        return -1;
    if (!node)
        return 0;
    return virXMLPropNonEmpty(ctxt, node, attr, out);
}

/* Attribute @attr of @node as an index of @names; @dflt when absent, or
 * an error when @dflt is negative (the attribute is required). */
int
virXMLPropEnum(const virDomainParseCtxt *ctxt, xmlNodePtr node,
               const char *attr, const char *const *names, size_t nnames,
               int dflt, int *out)
{
    char *val = NULL;
    int idx;

    if (virXMLProp(ctxt, node, attr, &val) < 0)
        return -1;
    if (!val && dflt < 0)
        return virDomainParseError(ctxt, node, "<%s> without %s attribute",
                                   VIR_XML_NAME(node), attr);
    if (!val) {
        *out = dflt;
        return 0;
    }
    idx = virEnumFromString(names, nnames, val);
    if (idx < 0)
        virDomainParseError(ctxt, node, "unknown %s '%s' of <%s>", attr, val,
                            VIR_XML_NAME(node));
    else
        *out = idx;
    free(val);
    return idx < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Numbers and text                                                   */
/* ------------------------------------------------------------------ */

/*
 * Strict decimal parsing: optional surrounding blanks (pretty-printed
 * documents), then digits only -- no sign, no suffix, not empty.  Unlike
 * virStrToULong it tells a bad number from one out of range, so that the
 * message can say which.
 * Returns 0, -1 when @str is not such a number, -2 when it exceeds @max.
 */
int
virDomainStrToULong(const char *str, unsigned long max, unsigned long *out)
{
    unsigned long val = 0;
    const char *p = str + strspn(str, " \t\r\n");
    bool range = false;

    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned long digit = (unsigned long)(*p - '0');

        if (val > (max - digit) / 10)
            range = true;
        else
            val = val * 10 + digit;
    }
    p += strspn(p, " \t\r\n");
    if (*p != '\0')
        return -1;
    if (range)
        return -2;
    *out = val;
    return 0;
}

/* The number in the text of @node, at most @max; -1 after raising. */
static int
virDomainParseNumberNode(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                         unsigned long max, unsigned long *out)
{
    char *text = NULL;
    int rc;

    if (virXMLText(ctxt, node, &text) < 0)
        return -1;
    rc = virDomainStrToULong(text, max, out);
    if (rc == -1)
        virDomainParseError(ctxt, node,
                            "<%s> must be a non-negative decimal number, "
                            "not '%s'",
                            VIR_XML_NAME(node), text);
    else if (rc == -2)
        virDomainParseError(ctxt, node, "<%s> '%s' is out of range (max %lu)",
                            VIR_XML_NAME(node), text, max);
    free(text);
    return rc < 0 ? -1 : 0;
}

/* Cuts the blanks around @str in place (pretty-printed documents). */
static char *
virDomainTrim(char *str)
{
    size_t len;

    str += strspn(str, " \t\r\n");
    len = strlen(str);
    while (len > 0 && strchr(" \t\r\n", str[len - 1]))
        str[--len] = '\0';
    return str;
}

/* ------------------------------------------------------------------ */
/* Domain parsing                                                     */
/* ------------------------------------------------------------------ */

/* <domain type='' id=''> */
static int
virDomainParseRoot(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                   virDomainDefPtr def)
{
    char *id = NULL;
    unsigned long val;
    int ret = -1;

    if (virXMLProp(ctxt, root, "type", &def->virtType) < 0)
        return -1;
    if (!def->virtType)
        return virDomainParseError(ctxt, root,
                                   "missing domain type "
                                   "(<domain type='xen'>)");
    if (virEnumFromString(virDomainVirtTypeNames,
                          VIR_N_ELEMENTS(virDomainVirtTypeNames),
                          def->virtType) < 0)
        return virDomainParseError(ctxt, root, "unknown domain type '%s'",
                                   def->virtType);
    def->id = VIR_DOMAIN_ID_INACTIVE;
    if (virXMLProp(ctxt, root, "id", &id) < 0)
        return -1;
    /* Some libvirt versions wrote id='-1' for an inactive domain. */
    if (!id || strcmp(id, "-1") == 0)
        ret = 0;
    else if (virDomainStrToULong(id, INT_MAX, &val) < 0)
        virDomainParseError(ctxt, root, "invalid domain id '%s'", id);
    else {
        def->id = (int)val;
        ret = 0;
    }
    free(id);
    return ret;
}

/* <name>: 1..VIR_DOMAIN_MAX_NAME bytes, no '/', no control character. */
static int
virDomainParseName(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                   virDomainDefPtr def)
{
    xmlNodePtr node;
    const unsigned char *p;

    if (virXMLChild(ctxt, root, "name", &node) < 0)
        return -1;
    if (!node)
        return virDomainParseError(ctxt, root, "missing <name>");
    if (virXMLText(ctxt, node, &def->name) < 0)
        return -1;
    if (def->name[0] == '\0')
        return virDomainParseError(ctxt, node, "empty <name>");
    if (strlen(def->name) > VIR_DOMAIN_MAX_NAME)
        return virDomainParseError(ctxt, node, "<name> longer than %d bytes",
                                   VIR_DOMAIN_MAX_NAME);
    for (p = (const unsigned char *)def->name; *p; p++) {
        if (*p == '/')
            return virDomainParseError(ctxt, node, "<name> '%s' contains '/'",
                                       def->name);
        if (*p < 0x20 || *p == 0x7f)
            return virDomainParseError(ctxt, node,
                                       "<name> contains a control character");
    }
    return 0;
}

/* <uuid>, optional: without it the caller generates one. */
static int
virDomainParseUUID(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                   virDomainDefPtr def)
{
    xmlNodePtr node;
    char *text = NULL;
    int ret = -1;

    if (virXMLChild(ctxt, root, "uuid", &node) < 0)
        return -1;
    if (!node)
        return 0;
    if (virXMLText(ctxt, node, &text) < 0)
        return -1;
    if (virUUIDParse(virDomainTrim(text), def->uuid) < 0) {
        virDomainParseError(ctxt, node, "invalid <uuid> '%s'", text);
    } else {
        def->hasUUID = true;
        ret = 0;
    }
    free(text);
    return ret;
}

/* <bootloader> and <os> */
static int
virDomainParseOS(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                 virDomainDefPtr def)
{
    xmlNodePtr os;
    xmlNodePtr boot;

    if (virXMLChildText(ctxt, root, "bootloader", &def->bootloader) < 0 ||
        virXMLChild(ctxt, root, "os", &os) < 0)
        return -1;
    if (!os)
        return virDomainParseError(ctxt, root, "missing <os>");
    if (virDomainParseOSStrings(ctxt, os, &def->os) < 0 ||
        virXMLChild(ctxt, os, "boot", &boot) < 0)
        return -1;
    if (boot) {
        if (virXMLPropNonEmpty(ctxt, boot, "dev", &def->os.bootDev) < 0)
            return -1;
        if (!def->os.bootDev)
            return virDomainParseError(ctxt, boot,
                                       "<boot> without dev attribute");
        if (virEnumFromString(virDomainBootDevNames,
                              VIR_N_ELEMENTS(virDomainBootDevNames),
                              def->os.bootDev) < 0)
            return virDomainParseError(ctxt, boot,
                                       "unknown boot device '%s' "
                                       "(expected hd, cdrom, fd or "
                                       "network)",
                                       def->os.bootDev);
    }
    return virDomainCheckOS(ctxt, os, def);
}

static int
virDomainParseOSStrings(const virDomainParseCtxt *ctxt, xmlNodePtr os,
                        virDomainOSDef *def)
{
    if (virXMLChildText(ctxt, os, "type", &def->type) < 0 ||
        virXMLChildText(ctxt, os, "kernel", &def->kernel) < 0 ||
        virXMLChildText(ctxt, os, "initrd", &def->initrd) < 0 ||
        virXMLChildText(ctxt, os, "cmdline", &def->cmdline) < 0 ||
        virXMLChildText(ctxt, os, "root", &def->root) < 0 ||
        virXMLChildText(ctxt, os, "loader", &def->loader) < 0)
        return -1;
    return 0;
}

/* The os type is known, and has what it needs to boot. */
static int
virDomainCheckOS(const virDomainParseCtxt *ctxt, xmlNodePtr os,
                 virDomainDefPtr def)
{
    if (!def->os.type)
        return virDomainParseError(ctxt, os, "missing os type (<os><type>)");
    if (virEnumFromString(virDomainOSTypeNames,
                          VIR_N_ELEMENTS(virDomainOSTypeNames),
                          def->os.type) < 0)
        return virDomainParseError(
            ctxt, os, "unknown os type '%s' (expected linux or hvm)",
            def->os.type);
    if (strcmp(def->os.type, "hvm") == 0)
        return 0;
    if (def->os.loader || def->os.bootDev)
        return virDomainParseError(ctxt, os,
                                   "<loader> and <boot> are only valid "
                                   "for hvm, not for os type linux");
    if (!def->os.kernel && !def->bootloader)
        return virDomainParseError(ctxt, os,
                                   "os type linux needs a <kernel> or a "
                                   "<bootloader>");
    return 0;
}

/* <memory> (required) and <currentMemory> (defaults to <memory>), KiB. */
static int
virDomainParseMemory(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                     virDomainDefPtr def)
{
    xmlNodePtr node;

    if (virXMLChild(ctxt, root, "memory", &node) < 0)
        return -1;
    if (!node)
        return virDomainParseError(ctxt, root, "missing <memory>");
    if (virDomainParseNumberNode(ctxt, node, VIR_DOMAIN_MAX_MEMORY,
                                 &def->maxmem) < 0)
        return -1;
    if (def->maxmem == 0)
        return virDomainParseError(ctxt, node, "<memory> must not be 0");
    def->memory = def->maxmem;
    if (virXMLChild(ctxt, root, "currentMemory", &node) < 0)
        return -1;
    if (!node)
        return 0;
    if (virDomainParseNumberNode(ctxt, node, VIR_DOMAIN_MAX_MEMORY,
                                 &def->memory) < 0)
        return -1;
    if (def->memory == 0)
        return virDomainParseError(ctxt, node, "<currentMemory> must not be 0");
    if (def->memory > def->maxmem)
        return virDomainParseError(ctxt, node,
                                   "<currentMemory> %lu exceeds <memory> %lu",
                                   def->memory, def->maxmem);
    return 0;
}

/* <vcpu>, 1..VIR_DOMAIN_MAX_VCPUS, 1 when absent. */
static int
virDomainParseVcpus(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                    virDomainDefPtr def)
{
    xmlNodePtr node;
    unsigned long vcpus;

    def->vcpus = 1;
    if (virXMLChild(ctxt, root, "vcpu", &node) < 0)
        return -1;
    if (!node)
        return 0;
    if (virDomainParseNumberNode(ctxt, node, VIR_DOMAIN_MAX_VCPUS, &vcpus) < 0)
        return -1;
    if (vcpus == 0)
        return virDomainParseError(ctxt, node, "<vcpu> must not be 0");
    def->vcpus = (unsigned int)vcpus;
    return 0;
}

/* <on_poweroff>, <on_reboot> or <on_crash>: a virDomainRestart. */
static int
virDomainParseRestart(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                      const char *name, int dflt, int *out)
{
    xmlNodePtr node;
    char *text = NULL;
    int val;

    *out = dflt;
    if (virXMLChild(ctxt, root, name, &node) < 0)
        return -1;
    if (!node)
        return 0;
    if (virXMLText(ctxt, node, &text) < 0)
        return -1;
    val = virEnumFromString(virDomainRestartNames,
                            VIR_N_ELEMENTS(virDomainRestartNames), text);
    if (val < 0)
        virDomainParseError(ctxt, node,
                            "unknown <%s> action '%s' (expected destroy, "
                            "restart, preserve or rename-restart)",
                            name, text);
    else
        *out = val;
    free(text);
    return val < 0 ? -1 : 0;
}

static int
virDomainParseLifecycle(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                        virDomainDefPtr def)
{
    if (virDomainParseRestart(ctxt, root, "on_poweroff", VIR_DOMAIN_DESTROY,
                              &def->onPoweroff) < 0 ||
        virDomainParseRestart(ctxt, root, "on_reboot", VIR_DOMAIN_RESTART,
                              &def->onReboot) < 0 ||
        virDomainParseRestart(ctxt, root, "on_crash", VIR_DOMAIN_RESTART,
                              &def->onCrash) < 0)
        return -1;
    return 0;
}

/* <devices>, optional: its known children in document order. */
static int
virDomainParseDevices(const virDomainParseCtxt *ctxt, xmlNodePtr root,
                      virDomainDefPtr def)
{
    xmlNodePtr devices;
    xmlNodePtr cur;

    if (virXMLChild(ctxt, root, "devices", &devices) < 0)
        return -1;
    if (!devices)
        return 0;
    for (cur = devices->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainParseDevice(ctxt, cur, def) < 0)
            return -1;
    }
    return virDomainAssignMacs(ctxt, def);
}

/* One child of <devices>; others than these four are ignored. */
static int
virDomainParseDevice(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                     virDomainDefPtr def)
{
    if (virXMLIsElement(node, "disk"))
        return virDomainAddDisk(ctxt, node, def);
    if (virXMLIsElement(node, "interface"))
        return virDomainAddNet(ctxt, node, def);
    if (virXMLIsElement(node, "console"))
        return virDomainParseConsole(ctxt, node, def);
    if (virXMLIsElement(node, "graphics")) {
        if (def->graphics)
            return virDomainParseError(ctxt, node, "more than one <graphics>");
        def->graphics = virDomainGraphicsDefParseXML(ctxt, node);
        return def->graphics ? 0 : -1;
    }
    /* <emulator>, <input>, <sound>, <hostdev>...: not this format's. */
    return 0;
}

/* Appends the <disk> at @node; targets are unique. */
static int
virDomainAddDisk(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                 virDomainDefPtr def)
{
    virDomainDiskDefPtr disk = virDomainDiskDefParseXML(ctxt, node);
    virDomainDiskDefPtr *tail = &def->disks;

    if (!disk)
        return -1;
    if (virDomainDiskFind(def, disk->dst)) {
        virDomainParseError(ctxt, node, "duplicate disk target '%s'",
                            disk->dst);
        virDomainDiskDefFree(disk);
        return -1;
    }
    while (*tail)
        tail = &(*tail)->next;
    *tail = disk;
    return 0;
}

/* Appends the <interface> at @node; given MACs are unique. */
static int
virDomainAddNet(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                virDomainDefPtr def)
{
    virDomainNetDefPtr net = virDomainNetDefParseXML(ctxt, node);
    virDomainNetDefPtr *tail = &def->nets;
    char mac[VIR_MAC_STRING_BUFLEN];

    if (!net)
        return -1;
    if (!virDomainMacIsZero(net->mac) && virDomainNetFind(def, net->mac)) {
        virMacAddrFormat(net->mac, mac);
        virDomainParseError(ctxt, node, "duplicate MAC address '%s'", mac);
        virDomainNetDefFree(net);
        return -1;
    }
    while (*tail)
        tail = &(*tail)->next;
    *tail = net;
    return 0;
}

/* Gives each interface without <mac> a fresh one, once all given MACs are
 * known, so that none is taken twice. */
static int
virDomainAssignMacs(const virDomainParseCtxt *ctxt, virDomainDefPtr def)
{
    virDomainNetDefPtr net;

    for (net = def->nets; net; net = net->next) {
        if (virDomainNetEnsureMac(ctxt, def, net) < 0)
            return -1;
    }
    return 0;
}

/* Gives @net a random address unused in @def (may be NULL) when it has
 * none; -1 after raising. */
int
virDomainNetEnsureMac(const virDomainParseCtxt *ctxt, virDomainDefPtr def,
                      virDomainNetDefPtr net)
{
    if (!virDomainMacIsZero(net->mac) ||
        virDomainMacGenerate(def, net->mac) == 0)
        return 0;
    return virReportError(ctxt->conn, NULL, VIR_FROM_XML,
                          VIR_ERR_INTERNAL_ERROR, "%s",
                          "cannot generate a MAC address: no randomness");
}

/* <console tty=''/>, at most one. */
static int
virDomainParseConsole(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                      virDomainDefPtr def)
{
    if (def->console)
        return virDomainParseError(ctxt, node, "more than one <console>");
    def->console = true;
    return virXMLPropNonEmpty(ctxt, node, "tty", &def->consoleTty);
}

/**
 * virDomainDefParseString:
 * @conn: the connection errors are raised on, or NULL
 * @xml: a <domain> document
 *
 * Parses a domain definition.
 *
 * Returns the definition (caller-frees, virDomainDefFree), or NULL after
 * raising one VIR_ERR_XML_ERROR that says why.
 */
virDomainDefPtr
virDomainDefParseString(virConnectPtr conn, const char *xml)
{
    virDomainParseCtxt ctxt = { .conn = conn, .kind = "domain" };
    xmlDocPtr doc = virDomainParseDoc(&ctxt, xml);
    virDomainDefPtr def;

    if (!doc)
        return NULL;
    def = virDomainDefParseXML(&ctxt, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return def;
}

/**
 * virDomainDefParseNode:
 * @conn: the connection errors are raised on, or NULL
 * @doc: the document holding @node (borrowed)
 * @node: a <domain> element
 * @source: the document's name for messages ("file.xml:12: ..."), or NULL
 *
 * Parses the domain definition at @node, e.g. inside a node file.
 *
 * Returns the definition (caller-frees, virDomainDefFree), or NULL after
 * raising one VIR_ERR_XML_ERROR that says why and where.
 */
virDomainDefPtr
virDomainDefParseNode(virConnectPtr conn, xmlDocPtr doc, xmlNodePtr node,
                      const char *source)
{
    virDomainParseCtxt ctxt = { .conn = conn,
                                .kind = "domain",
                                .source = source };

    if (!doc || !node || node->doc != doc) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot parse domain XML: no node given");
        return NULL;
    }
    return virDomainDefParseXML(&ctxt, node);
}

static virDomainDefPtr
virDomainDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr root)
{
    virDomainDefPtr def;

    if (!virXMLIsElement(root, "domain")) {
        virDomainParseError(ctxt, root, "root element is <%s>, not <domain>",
                            root ? VIR_XML_NAME(root) : "");
        return NULL;
    }
    def = calloc(1, sizeof(*def));
    if (!def) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return NULL;
    }
    if (virDomainParseRoot(ctxt, root, def) < 0 ||
        virDomainParseName(ctxt, root, def) < 0 ||
        virDomainParseUUID(ctxt, root, def) < 0 ||
        virDomainParseOS(ctxt, root, def) < 0 ||
        virDomainParseMemory(ctxt, root, def) < 0 ||
        virDomainParseVcpus(ctxt, root, def) < 0 ||
        virDomainParseLifecycle(ctxt, root, def) < 0 ||
        virDomainParseDevices(ctxt, root, def) < 0) {
        virDomainDefFree(def);
        return NULL;
    }
    return def;
}
