/*
 * domain_conf.c: the domain XML of classic (Xen-era) libvirt and the
 * single-device XML of attach/detach, parsed into virDomainDef and
 * formatted back.
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

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "conf/domain_conf.h"

/* <memory> is in KiB; its byte count must still fit an unsigned long. */
#define VIR_DOMAIN_MAX_MEMORY (ULONG_MAX / 1024)

#define VIR_XML_STR(s)     ((const xmlChar *)(s))
#define VIR_XML_NAME(node) ((const char *)(node)->name)

/* Where a parse is, for the messages it raises. */
typedef struct _virDomainParseCtxt virDomainParseCtxt;
struct _virDomainParseCtxt {
    virConnectPtr conn;
    const char *kind;   /* "domain" or "device" */
    const char *source; /* the document's name, or NULL for a string */
};

/* A growing output string; the first failure sticks. */
typedef struct _virDomainBuf virDomainBuf;
struct _virDomainBuf {
    char *data;
    size_t len;
    size_t cap;
    bool oom;
    const char *bad; /* an element whose text XML cannot carry */
};

/* Node helpers */
static void virDomainParseError(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                                const char *fmt, ...)
    VIR_ATTRIBUTE_PRINTF(3, 4);
static bool virXMLIsElement(xmlNodePtr node, const char *name);
static int virXMLChild(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                       const char *name, xmlNodePtr *out);
static int virXMLProp(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                      const char *name, char **out);
static int virXMLPropNonEmpty(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                              const char *name, char **out);
static int virXMLText(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                      char **out);
static int virXMLChildText(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                           const char *name, char **out);
static int virXMLChildProp(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                           const char *name, const char *attr, char **out);
static int virXMLPropEnum(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                          const char *attr, const char *const *names,
                          size_t nnames, int dflt, int *out);

/* Strings, numbers, enums, UUIDs and MACs */
static int virDomainEnumFromString(const char *const *names, size_t nnames,
                                   const char *str);
static const char *virDomainEnumToString(const char *const *names,
                                         size_t nnames, int val);
static int virDomainStrToULong(const char *str, unsigned long max,
                               unsigned long *out);
static int virDomainParseNumberNode(const virDomainParseCtxt *ctxt,
                                    xmlNodePtr node, unsigned long max,
                                    unsigned long *out);
static char *virDomainTrim(char *str);
static void virDomainMacFormat(const unsigned char *mac, char *buf);
static bool virDomainMacIsZero(const unsigned char *mac);
static int virDomainMacGenerate(virDomainDefPtr def, unsigned char *mac);
static int virDomainStrDup(char **dst, const char *src);

/* Domain parsing */
static virDomainDefPtr virDomainDefParseXML(const virDomainParseCtxt *ctxt,
                                            xmlNodePtr root);
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
static int virDomainNetEnsureMac(const virDomainParseCtxt *ctxt,
                                 virDomainDefPtr def, virDomainNetDefPtr net);
static int virDomainParseConsole(const virDomainParseCtxt *ctxt,
                                 xmlNodePtr node, virDomainDefPtr def);

/* Device parsing */
static virDomainDiskDefPtr
virDomainDiskDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node);
static int virDomainDiskParseSource(const virDomainParseCtxt *ctxt,
                                    xmlNodePtr node, virDomainDiskDefPtr disk);
static int virDomainDiskParseTarget(const virDomainParseCtxt *ctxt,
                                    xmlNodePtr node, virDomainDiskDefPtr disk);
static virDomainNetDefPtr
virDomainNetDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node);
static int virDomainNetParseMac(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                                virDomainNetDefPtr net);
static int virDomainNetParseBridge(const virDomainParseCtxt *ctxt,
                                   xmlNodePtr node, virDomainNetDefPtr net);
static virDomainGraphicsDefPtr
virDomainGraphicsDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node);
static int virDomainGraphicsParseVNC(const virDomainParseCtxt *ctxt,
                                     xmlNodePtr node,
                                     virDomainGraphicsDefPtr graphics);
static virDomainDeviceDefPtr
virDomainDeviceDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr root);
static int virDomainGraphicsParsePort(const virDomainParseCtxt *ctxt,
                                      xmlNodePtr node, const char *port,
                                      const char *autoport, int *out);

/* Output buffer */
static void virDomainBufReserve(virDomainBuf *buf, size_t more);
static void virDomainBufAdd(virDomainBuf *buf, const char *str);
static void virDomainBufPrintf(virDomainBuf *buf, const char *fmt, ...)
    VIR_ATTRIBUTE_PRINTF(2, 3);
static void virDomainBufEscape(virDomainBuf *buf, const char *str, bool attr,
                               const char *what);
static void virDomainBufElem(virDomainBuf *buf, int indent, const char *name,
                             const char *text);
static void virDomainBufAttr(virDomainBuf *buf, const char *name,
                             const char *value);
static char *virDomainBufFinish(virConnectPtr conn, virDomainBuf *buf,
                                const char *name);

/* Formatting */
static void virDomainOSFormat(virDomainBuf *buf, const virDomainDef *def);
static void virDomainLifecycleFormat(virDomainBuf *buf,
                                     const virDomainDef *def);
static void virDomainDevicesFormat(virDomainBuf *buf, const virDomainDef *def);
static void virDomainDiskDefFormat(virDomainBuf *buf,
                                   const virDomainDiskDef *disk);
static void virDomainNetDefFormat(virDomainBuf *buf,
                                  const virDomainNetDef *net);
static void virDomainGraphicsDefFormat(virDomainBuf *buf,
                                       const virDomainGraphicsDef *graphics);

/* Copying */
static int virDomainOSDefCopy(virDomainOSDef *dst, const virDomainOSDef *src);
static int virDomainDefCopyStrings(virDomainDefPtr dst,
                                   const virDomainDef *src);
static virDomainDiskDefPtr virDomainDiskDefCopy(const virDomainDiskDef *src);
static virDomainNetDefPtr virDomainNetDefCopy(const virDomainNetDef *src);
static int virDomainDiskListCopy(virDomainDiskDefPtr *dst,
                                 const virDomainDiskDef *src);
static int virDomainNetListCopy(virDomainNetDefPtr *dst,
                                const virDomainNetDef *src);
static virDomainGraphicsDefPtr
virDomainGraphicsDefCopy(const virDomainGraphicsDef *src);

/* Freeing */
static void virDomainOSDefClear(virDomainOSDef *os);
static void virDomainGraphicsDefFree(virDomainGraphicsDefPtr graphics);


/* The spellings of the enums, indexed by value. */
static const char *const virDomainDiskTypeNames[] = {
    [VIR_DOMAIN_DISK_FILE] = "file",
    [VIR_DOMAIN_DISK_BLOCK] = "block",
};
static const char *const virDomainDiskDeviceNames[] = {
    [VIR_DOMAIN_DISK_DEVICE_DISK] = "disk",
    [VIR_DOMAIN_DISK_DEVICE_CDROM] = "cdrom",
};
static const char *const virDomainNetTypeNames[] = {
    [VIR_DOMAIN_NET_BRIDGE] = "bridge",
    [VIR_DOMAIN_NET_ETHERNET] = "ethernet",
};
static const char *const virDomainGraphicsTypeNames[] = {
    [VIR_DOMAIN_GRAPHICS_VNC] = "vnc",
    [VIR_DOMAIN_GRAPHICS_SDL] = "sdl",
};
static const char *const virDomainRestartNames[] = {
    [VIR_DOMAIN_DESTROY] = "destroy",
    [VIR_DOMAIN_RESTART] = "restart",
    [VIR_DOMAIN_PRESERVE] = "preserve",
    [VIR_DOMAIN_RENAME_RESTART] = "rename-restart",
};
/* The domain types this library runs: Xen, and the simulated Xen host. */
static const char *const virDomainVirtTypeNames[] = { "xen", "test" };
static const char *const virDomainOSTypeNames[] = { "linux", "hvm" };
static const char *const virDomainBootDevNames[] = { "hd", "cdrom", "fd",
                                                     "network" };

#define VIR_N_ELEMENTS(array) (sizeof(array) / sizeof((array)[0]))


/* ------------------------------------------------------------------ */
/* Node helpers                                                        */
/* ------------------------------------------------------------------ */

/* Raises the one VIR_ERR_XML_ERROR of a failed parse, located at @node. */
static void
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
    if (line <= 0 && !ctxt->source) {
        virReportError(ctxt->conn, NULL, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                       "invalid %s XML: %s", ctxt->kind, reason);
        return;
    }
    if (line > 0)
        snprintf(loc, sizeof(loc), ctxt->source ? ":%ld" : "line %ld", line);
    else
        loc[0] = '\0';
    virReportError(ctxt->conn, NULL, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                   "invalid %s XML: %s%s: %s", ctxt->kind,
                   ctxt->source ? ctxt->source : "", loc, reason);
}

static bool
virXMLIsElement(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           xmlStrEqual(node->name, VIR_XML_STR(name));
}

/* The only <@name> child of @parent in @out (NULL when absent); -1 after
 * raising when there are several. */
static int
virXMLChild(const virDomainParseCtxt *ctxt, xmlNodePtr parent, const char *name,
            xmlNodePtr *out)
{
    xmlNodePtr cur;

    *out = NULL;
    for (cur = parent->children; cur; cur = cur->next) {
        if (!virXMLIsElement(cur, name))
            continue;
        if (*out) {
            virDomainParseError(ctxt, cur, "more than one <%s> in <%s>", name,
                                VIR_XML_NAME(parent));
            return -1;
        }
        *out = cur;
    }
    return 0;
}

/* A copy of attribute @name of @node in @out (NULL when absent); -1 after
 * raising on allocation failure. */
static int
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
    if (!*out) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return -1;
    }
    return 0;
}

/* Like virXMLProp, an empty value counting as absent. */
static int
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
    if (!*out) {
        virReportOOM(ctxt->conn, VIR_FROM_XML);
        return -1;
    }
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
static int
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
static int
virXMLPropEnum(const virDomainParseCtxt *ctxt, xmlNodePtr node,
               const char *attr, const char *const *names, size_t nnames,
               int dflt, int *out)
{
    char *val = NULL;
    int idx;

    if (virXMLProp(ctxt, node, attr, &val) < 0)
        return -1;
    if (!val && dflt < 0) {
        virDomainParseError(ctxt, node, "<%s> without %s attribute",
                            VIR_XML_NAME(node), attr);
        return -1;
    }
    if (!val) {
        *out = dflt;
        return 0;
    }
    idx = virDomainEnumFromString(names, nnames, val);
    if (idx < 0)
        virDomainParseError(ctxt, node, "unknown %s '%s' of <%s>", attr, val,
                            VIR_XML_NAME(node));
    else
        *out = idx;
    free(val);
    return idx < 0 ? -1 : 0;
}


/* ------------------------------------------------------------------ */
/* Strings, numbers, enums, UUIDs and MACs                             */
/* ------------------------------------------------------------------ */

static int
virDomainEnumFromString(const char *const *names, size_t nnames,
                        const char *str)
{
    size_t i;

    for (i = 0; i < nnames; i++) {
        if (names[i] && strcmp(names[i], str) == 0)
            return (int)i;
    }
    return -1;
}

/* NULL for a value outside the table. */
static const char *
virDomainEnumToString(const char *const *names, size_t nnames, int val)
{
    if (val < 0 || (size_t)val >= nnames)
        return NULL;
    return names[val];
}

/*
 * Strict decimal parsing: optional surrounding blanks (pretty-printed
 * documents), then digits only -- no sign, no suffix, not empty.  Unlike
 * virStrToULong it tells a bad number from one out of range, so that the
 * message can say which.
 * Returns 0, -1 when @str is not such a number, -2 when it exceeds @max.
 */
static int
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

/**
 * virMacAddrParse:
 * @str: "aa:bb:cc:dd:ee:ff", exactly six pairs of hex digits
 * @mac: caller-allocated buffer of 6 bytes receiving the address
 *
 * Returns 0 on success, -1 if @str is not such an address (@mac may then
 * be partly written).
 */
int
virMacAddrParse(const char *str, unsigned char *mac)
{
    int i;

    if (!str || !mac || strlen(str) != 17)
        return -1;
    for (i = 0; i < 6; i++) {
        int hi = virHexValue(str[3 * i]);
        int lo = virHexValue(str[3 * i + 1]);

        if (hi < 0 || lo < 0)
            return -1;
        if (i < 5 && str[3 * i + 2] != ':')
            return -1;
        mac[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

/* @buf holds at least 18 bytes. */
static void
virDomainMacFormat(const unsigned char *mac, char *buf)
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
             mac[3], mac[4], mac[5]);
}

/* All zeros is refused in documents, so it marks "no <mac> given". */
static bool
virDomainMacIsZero(const unsigned char *mac)
{
    static const unsigned char zero[6];

    return memcmp(mac, zero, sizeof(zero)) == 0;
}

/*
 * A random address in Xen's range, 00:16:3e:00:00:00-00:16:3e:7f:ff:ff,
 * not used by any interface of @def (which may be NULL).  The random
 * bytes come from virUUIDGenerate, the library's one random source.
 */
static int
virDomainMacGenerate(virDomainDefPtr def, unsigned char *mac)
{
    unsigned char rnd[VIR_UUID_BUFLEN];
    unsigned char cand[6] = { 0x00, 0x16, 0x3e };
    int tries;

    for (tries = 0; tries < 64; tries++) {
        if (virUUIDGenerate(rnd) < 0)
            return -1;
        cand[3] = rnd[0] & 0x7f;
        cand[4] = rnd[1];
        cand[5] = rnd[2];
        if (!virDomainNetFind(def, cand)) {
            memcpy(mac, cand, sizeof(cand));
            return 0;
        }
    }
    return -1;
}

/* *@dst = a copy of @src (NULL stays NULL); -1 on allocation failure. */
static int
virDomainStrDup(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}


/* ------------------------------------------------------------------ */
/* Domain parsing                                                      */
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
    if (!def->virtType) {
        virDomainParseError(ctxt, root,
                            "missing domain type "
                            "(<domain type='xen'>)");
        return -1;
    }
    if (virDomainEnumFromString(virDomainVirtTypeNames,
                                VIR_N_ELEMENTS(virDomainVirtTypeNames),
                                def->virtType) < 0) {
        virDomainParseError(ctxt, root, "unknown domain type '%s'",
                            def->virtType);
        return -1;
    }
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
    if (!node) {
        virDomainParseError(ctxt, root, "missing <name>");
        return -1;
    }
    if (virXMLText(ctxt, node, &def->name) < 0)
        return -1;
    if (def->name[0] == '\0') {
        virDomainParseError(ctxt, node, "empty <name>");
        return -1;
    }
    if (strlen(def->name) > VIR_DOMAIN_MAX_NAME) {
        virDomainParseError(ctxt, node, "<name> longer than %d bytes",
                            VIR_DOMAIN_MAX_NAME);
        return -1;
    }
    for (p = (const unsigned char *)def->name; *p; p++) {
        if (*p == '/') {
            virDomainParseError(ctxt, node, "<name> '%s' contains '/'",
                                def->name);
            return -1;
        }
        if (*p < 0x20 || *p == 0x7f) {
            virDomainParseError(ctxt, node,
                                "<name> contains a control character");
            return -1;
        }
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
    if (!os) {
        virDomainParseError(ctxt, root, "missing <os>");
        return -1;
    }
    if (virDomainParseOSStrings(ctxt, os, &def->os) < 0 ||
        virXMLChild(ctxt, os, "boot", &boot) < 0)
        return -1;
    if (boot) {
        if (virXMLPropNonEmpty(ctxt, boot, "dev", &def->os.bootDev) < 0)
            return -1;
        if (!def->os.bootDev) {
            virDomainParseError(ctxt, boot, "<boot> without dev attribute");
            return -1;
        }
        if (virDomainEnumFromString(virDomainBootDevNames,
                                    VIR_N_ELEMENTS(virDomainBootDevNames),
                                    def->os.bootDev) < 0) {
            virDomainParseError(ctxt, boot,
                                "unknown boot device '%s' "
                                "(expected hd, cdrom, fd or "
                                "network)",
                                def->os.bootDev);
            return -1;
        }
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
    if (!def->os.type) {
        virDomainParseError(ctxt, os, "missing os type (<os><type>)");
        return -1;
    }
    if (virDomainEnumFromString(virDomainOSTypeNames,
                                VIR_N_ELEMENTS(virDomainOSTypeNames),
                                def->os.type) < 0) {
        virDomainParseError(ctxt, os,
                            "unknown os type '%s' (expected linux or hvm)",
                            def->os.type);
        return -1;
    }
    if (strcmp(def->os.type, "hvm") == 0)
        return 0;
    if (def->os.loader || def->os.bootDev) {
        virDomainParseError(ctxt, os,
                            "<loader> and <boot> are only valid "
                            "for hvm, not for os type linux");
        return -1;
    }
    if (!def->os.kernel && !def->bootloader) {
        virDomainParseError(ctxt, os,
                            "os type linux needs a <kernel> or a "
                            "<bootloader>");
        return -1;
    }
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
    if (!node) {
        virDomainParseError(ctxt, root, "missing <memory>");
        return -1;
    }
    if (virDomainParseNumberNode(ctxt, node, VIR_DOMAIN_MAX_MEMORY,
                                 &def->maxmem) < 0)
        return -1;
    if (def->maxmem == 0) {
        virDomainParseError(ctxt, node, "<memory> must not be 0");
        return -1;
    }
    def->memory = def->maxmem;
    if (virXMLChild(ctxt, root, "currentMemory", &node) < 0)
        return -1;
    if (!node)
        return 0;
    if (virDomainParseNumberNode(ctxt, node, VIR_DOMAIN_MAX_MEMORY,
                                 &def->memory) < 0)
        return -1;
    if (def->memory == 0) {
        virDomainParseError(ctxt, node, "<currentMemory> must not be 0");
        return -1;
    }
    if (def->memory > def->maxmem) {
        virDomainParseError(ctxt, node,
                            "<currentMemory> %lu exceeds <memory> %lu",
                            def->memory, def->maxmem);
        return -1;
    }
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
    if (vcpus == 0) {
        virDomainParseError(ctxt, node, "<vcpu> must not be 0");
        return -1;
    }
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
    val = virDomainEnumFromString(virDomainRestartNames,
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
        if (def->graphics) {
            virDomainParseError(ctxt, node, "more than one <graphics>");
            return -1;
        }
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
    char mac[18];

    if (!net)
        return -1;
    if (!virDomainMacIsZero(net->mac) && virDomainNetFind(def, net->mac)) {
        virDomainMacFormat(net->mac, mac);
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
static int
virDomainNetEnsureMac(const virDomainParseCtxt *ctxt, virDomainDefPtr def,
                      virDomainNetDefPtr net)
{
    if (!virDomainMacIsZero(net->mac) ||
        virDomainMacGenerate(def, net->mac) == 0)
        return 0;
    virReportError(ctxt->conn, NULL, VIR_FROM_XML, VIR_ERR_INTERNAL_ERROR, "%s",
                   "cannot generate a MAC address: no randomness");
    return -1;
}

/* <console tty=''/>, at most one. */
static int
virDomainParseConsole(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                      virDomainDefPtr def)
{
    if (def->console) {
        virDomainParseError(ctxt, node, "more than one <console>");
        return -1;
    }
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
    char reason[512];
    xmlDocPtr doc;
    virDomainDefPtr def;

    if (!xml) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot parse domain XML: no document given");
        return NULL;
    }
    doc = virXMLParseString(xml, NULL, reason, sizeof(reason));
    if (!doc) {
        virDomainParseError(&ctxt, NULL, "%s", reason);
        return NULL;
    }
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


/* ------------------------------------------------------------------ */
/* Device parsing                                                      */
/* ------------------------------------------------------------------ */

/* <disk type='file|block' device='disk|cdrom'> */
static virDomainDiskDefPtr
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
    virDomainParseError(ctxt, node, "<disk type='%s'> without <source %s=''/>",
                        virDomainDiskTypeNames[disk->type], attr);
    return -1;
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
    virDomainParseError(ctxt, node, "<disk> without <target dev=''/>");
    return -1;
}

/* <interface type='bridge|ethernet'> */
static virDomainNetDefPtr
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
    virDomainParseError(ctxt, node,
                        "<interface type='bridge'> without "
                        "<source bridge=''/>");
    return -1;
}

/* <graphics type='vnc|sdl'> */
static virDomainGraphicsDefPtr
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
    if (autoport && strcmp(autoport, "yes") != 0 &&
        strcmp(autoport, "no") != 0) {
        virDomainParseError(ctxt, node,
                            "invalid autoport '%s' of <graphics> "
                            "(expected yes or no)",
                            autoport);
        return -1;
    }
    if (autoport && strcmp(autoport, "yes") == 0)
        return 0;
    if (!port) {
        if (!autoport)
            return 0;
        virDomainParseError(ctxt, node,
                            "<graphics autoport='no'> without "
                            "port");
        return -1;
    }
    if (strcmp(port, "-1") == 0)
        return 0;
    if (virDomainStrToULong(port, 65535, &val) < 0 || val < 5900) {
        virDomainParseError(ctxt, node,
                            "invalid VNC port '%s' (expected -1 "
                            "or 5900..65535)",
                            port);
        return -1;
    }
    *out = (int)val;
    return 0;
}

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
    virDomainDeviceDefPtr dev;
    char reason[512];
    xmlDocPtr doc;

    if (!xml) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot parse device XML: no document given");
        return NULL;
    }
    doc = virXMLParseString(xml, NULL, reason, sizeof(reason));
    if (!doc) {
        virDomainParseError(&ctxt, NULL, "%s", reason);
        return NULL;
    }
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


/* ------------------------------------------------------------------ */
/* Output buffer                                                       */
/* ------------------------------------------------------------------ */

/* Room for @more bytes and a NUL. */
static void
virDomainBufReserve(virDomainBuf *buf, size_t more)
{
    size_t cap;
    char *data;

    if (buf->oom)
        return;
    if (more >= SIZE_MAX / 2 - buf->len) {
        buf->oom = true;
        return;
    }
    if (buf->len + more + 1 <= buf->cap)
        return;
    cap = buf->cap ? buf->cap : 1024;
    while (cap < buf->len + more + 1)
        cap *= 2;
    data = realloc(buf->data, cap);
    if (!data) {
        buf->oom = true;
        return;
    }
    buf->data = data;
    buf->cap = cap;
}

static void
virDomainBufAdd(virDomainBuf *buf, const char *str)
{
    size_t len = strlen(str);

    virDomainBufReserve(buf, len);
    if (buf->oom)
        return;
    memcpy(buf->data + buf->len, str, len + 1);
    buf->len += len;
}

/* For markup and numbers only: text goes through virDomainBufEscape. */
static void
virDomainBufPrintf(virDomainBuf *buf, const char *fmt, ...)
{
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        buf->oom = true;
        return;
    }
    virDomainBufReserve(buf, (size_t)len);
    if (buf->oom)
        return;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)len + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)len;
}

/*
 * Appends @str escaped for XML: the five markup characters always, and in
 * attribute values the blanks that attribute normalization would turn
 * into spaces.  Other control characters cannot appear in XML 1.0 at all:
 * they mark the buffer bad (@what names the element) rather than being
 * dropped or written as an unparsable document.
 */
static void
virDomainBufEscape(virDomainBuf *buf, const char *str, bool attr,
                   const char *what)
{
    const unsigned char *p;
    char one[2] = { 0, 0 };

    for (p = (const unsigned char *)str; *p; p++) {
        const char *rep = NULL;

        if (*p == '&')
            rep = "&amp;";
        else if (*p == '<')
            rep = "&lt;";
        else if (*p == '>')
            rep = "&gt;";
        else if (*p == '\'')
            rep = "&apos;";
        else if (*p == '"')
            rep = "&quot;";
        else if (*p == '\r')
            rep = "&#13;";
        else if (attr && *p == '\n')
            rep = "&#10;";
        else if (attr && *p == '\t')
            rep = "&#9;";
        else if (*p < 0x20 && *p != '\n' && *p != '\t' && !buf->bad)
            buf->bad = what;
        one[0] = (char)*p;
        virDomainBufAdd(buf, rep ? rep : one);
    }
}

/* "<name>text</name>" on its own line; nothing when @text is NULL. */
static void
virDomainBufElem(virDomainBuf *buf, int indent, const char *name,
                 const char *text)
{
    if (!text)
        return;
    virDomainBufPrintf(buf, "%*s<%s>", indent, "", name);
    virDomainBufEscape(buf, text, false, name);
    virDomainBufPrintf(buf, "</%s>\n", name);
}

/* " name='value'"; nothing when @value is NULL. */
static void
virDomainBufAttr(virDomainBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    virDomainBufPrintf(buf, " %s='", name);
    virDomainBufEscape(buf, value, true, name);
    virDomainBufAdd(buf, "'");
}

/* The buffer's string, or NULL after raising why it could not be made. */
static char *
virDomainBufFinish(virConnectPtr conn, virDomainBuf *buf, const char *name)
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
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

static void
virDomainOSFormat(virDomainBuf *buf, const virDomainDef *def)
{
    virDomainBufElem(buf, 2, "bootloader", def->bootloader);
    virDomainBufAdd(buf, "  <os>\n");
    virDomainBufElem(buf, 4, "type", def->os.type);
    virDomainBufElem(buf, 4, "loader", def->os.loader);
    virDomainBufElem(buf, 4, "kernel", def->os.kernel);
    virDomainBufElem(buf, 4, "initrd", def->os.initrd);
    virDomainBufElem(buf, 4, "cmdline", def->os.cmdline);
    virDomainBufElem(buf, 4, "root", def->os.root);
    if (def->os.bootDev) {
        virDomainBufAdd(buf, "    <boot");
        virDomainBufAttr(buf, "dev", def->os.bootDev);
        virDomainBufAdd(buf, "/>\n");
    }
    virDomainBufAdd(buf, "  </os>\n");
}

/* A value outside virDomainRestart is left out (the default applies). */
static void
virDomainLifecycleFormat(virDomainBuf *buf, const virDomainDef *def)
{
    size_t n = VIR_N_ELEMENTS(virDomainRestartNames);

    virDomainBufElem(
        buf, 2, "on_poweroff",
        virDomainEnumToString(virDomainRestartNames, n, def->onPoweroff));
    virDomainBufElem(
        buf, 2, "on_reboot",
        virDomainEnumToString(virDomainRestartNames, n, def->onReboot));
    virDomainBufElem(
        buf, 2, "on_crash",
        virDomainEnumToString(virDomainRestartNames, n, def->onCrash));
}

static void
virDomainDiskDefFormat(virDomainBuf *buf, const virDomainDiskDef *disk)
{
    const char *type = virDomainEnumToString(
        virDomainDiskTypeNames, VIR_N_ELEMENTS(virDomainDiskTypeNames),
        disk->type);
    const char *device = virDomainEnumToString(
        virDomainDiskDeviceNames, VIR_N_ELEMENTS(virDomainDiskDeviceNames),
        disk->device);

    virDomainBufAdd(buf, "    <disk");
    virDomainBufAttr(buf, "type", type);
    virDomainBufAttr(buf, "device", device);
    virDomainBufAdd(buf, ">\n");
    if (disk->driverName || disk->driverType) {
        virDomainBufAdd(buf, "      <driver");
        virDomainBufAttr(buf, "name", disk->driverName);
        virDomainBufAttr(buf, "type", disk->driverType);
        virDomainBufAdd(buf, "/>\n");
    }
    if (disk->src) {
        virDomainBufAdd(buf, "      <source");
        virDomainBufAttr(buf,
                         disk->type == VIR_DOMAIN_DISK_BLOCK ? "dev" : "file",
                         disk->src);
        virDomainBufAdd(buf, "/>\n");
    }
    virDomainBufAdd(buf, "      <target");
    virDomainBufAttr(buf, "dev", disk->dst);
    virDomainBufAdd(buf, "/>\n");
    if (disk->readonly)
        virDomainBufAdd(buf, "      <readonly/>\n");
    virDomainBufAdd(buf, "    </disk>\n");
}

static void
virDomainNetDefFormat(virDomainBuf *buf, const virDomainNetDef *net)
{
    char mac[18];

    virDomainMacFormat(net->mac, mac);
    virDomainBufAdd(buf, "    <interface");
    virDomainBufAttr(buf, "type",
                     virDomainEnumToString(
                         virDomainNetTypeNames,
                         VIR_N_ELEMENTS(virDomainNetTypeNames), net->type));
    virDomainBufAdd(buf, ">\n");
    virDomainBufPrintf(buf, "      <mac address='%s'/>\n", mac);
    if (net->type == VIR_DOMAIN_NET_BRIDGE && net->bridge) {
        virDomainBufAdd(buf, "      <source");
        virDomainBufAttr(buf, "bridge", net->bridge);
        virDomainBufAdd(buf, "/>\n");
    }
    if (net->script) {
        virDomainBufAdd(buf, "      <script");
        virDomainBufAttr(buf, "path", net->script);
        virDomainBufAdd(buf, "/>\n");
    }
    if (net->ifname) {
        virDomainBufAdd(buf, "      <target");
        virDomainBufAttr(buf, "dev", net->ifname);
        virDomainBufAdd(buf, "/>\n");
    }
    virDomainBufAdd(buf, "    </interface>\n");
}

static void
virDomainGraphicsDefFormat(virDomainBuf *buf,
                           const virDomainGraphicsDef *graphics)
{
    virDomainBufAdd(buf, "    <graphics");
    virDomainBufAttr(
        buf, "type",
        virDomainEnumToString(virDomainGraphicsTypeNames,
                              VIR_N_ELEMENTS(virDomainGraphicsTypeNames),
                              graphics->type));
    if (graphics->type == VIR_DOMAIN_GRAPHICS_VNC) {
        if (graphics->port < 0)
            virDomainBufAdd(buf, " port='-1' autoport='yes'");
        else
            virDomainBufPrintf(buf, " port='%d'", graphics->port);
        virDomainBufAttr(buf, "listen", graphics->listen);
    }
    virDomainBufAdd(buf, "/>\n");
}

/* <devices>, left out when there is none. */
static void
virDomainDevicesFormat(virDomainBuf *buf, const virDomainDef *def)
{
    const virDomainDiskDef *disk;
    const virDomainNetDef *net;

    if (!def->disks && !def->nets && !def->graphics && !def->console)
        return;
    virDomainBufAdd(buf, "  <devices>\n");
    for (disk = def->disks; disk; disk = disk->next)
        virDomainDiskDefFormat(buf, disk);
    for (net = def->nets; net; net = net->next)
        virDomainNetDefFormat(buf, net);
    if (def->graphics)
        virDomainGraphicsDefFormat(buf, def->graphics);
    if (def->console) {
        virDomainBufAdd(buf, "    <console");
        virDomainBufAttr(buf, "tty", def->consoleTty);
        virDomainBufAdd(buf, "/>\n");
    }
    virDomainBufAdd(buf, "  </devices>\n");
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
    virDomainBuf buf = { 0 };
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!def || !def->virtType || !def->name || !def->os.type) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot format domain: incomplete definition");
        return NULL;
    }
    virDomainBufAdd(&buf, "<domain");
    virDomainBufAttr(&buf, "type", def->virtType);
    if (id >= 0)
        virDomainBufPrintf(&buf, " id='%d'", id);
    virDomainBufAdd(&buf, ">\n");
    virDomainBufElem(&buf, 2, "name", def->name);
    if (def->hasUUID) {
        virUUIDFormat(def->uuid, uuid);
        virDomainBufElem(&buf, 2, "uuid", uuid);
    }
    virDomainOSFormat(&buf, def);
    virDomainBufPrintf(&buf, "  <memory>%lu</memory>\n", def->maxmem);
    if (def->memory != def->maxmem)
        virDomainBufPrintf(&buf, "  <currentMemory>%lu</currentMemory>\n",
                           def->memory);
    virDomainBufPrintf(&buf, "  <vcpu>%u</vcpu>\n", def->vcpus);
    virDomainLifecycleFormat(&buf, def);
    virDomainDevicesFormat(&buf, def);
    virDomainBufAdd(&buf, "</domain>\n");
    return virDomainBufFinish(conn, &buf, def->name);
}


/* ------------------------------------------------------------------ */
/* Copying                                                             */
/* ------------------------------------------------------------------ */

static int
virDomainOSDefCopy(virDomainOSDef *dst, const virDomainOSDef *src)
{
    if (virDomainStrDup(&dst->type, src->type) < 0 ||
        virDomainStrDup(&dst->kernel, src->kernel) < 0 ||
        virDomainStrDup(&dst->initrd, src->initrd) < 0 ||
        virDomainStrDup(&dst->cmdline, src->cmdline) < 0 ||
        virDomainStrDup(&dst->root, src->root) < 0 ||
        virDomainStrDup(&dst->loader, src->loader) < 0 ||
        virDomainStrDup(&dst->bootDev, src->bootDev) < 0)
        return -1;
    return 0;
}

static int
virDomainDefCopyStrings(virDomainDefPtr dst, const virDomainDef *src)
{
    if (virDomainStrDup(&dst->virtType, src->virtType) < 0 ||
        virDomainStrDup(&dst->name, src->name) < 0 ||
        virDomainStrDup(&dst->bootloader, src->bootloader) < 0 ||
        virDomainStrDup(&dst->consoleTty, src->consoleTty) < 0 ||
        virDomainOSDefCopy(&dst->os, &src->os) < 0)
        return -1;
    return 0;
}

/* One disk, not the ones linked after it. */
static virDomainDiskDefPtr
virDomainDiskDefCopy(const virDomainDiskDef *src)
{
    virDomainDiskDefPtr dst = calloc(1, sizeof(*dst));

    if (!dst)
        return NULL;
    dst->type = src->type;
    dst->device = src->device;
    dst->readonly = src->readonly;
    if (virDomainStrDup(&dst->driverName, src->driverName) < 0 ||
        virDomainStrDup(&dst->driverType, src->driverType) < 0 ||
        virDomainStrDup(&dst->src, src->src) < 0 ||
        virDomainStrDup(&dst->dst, src->dst) < 0) {
        virDomainDiskDefFree(dst);
        return NULL;
    }
    return dst;
}

/* One interface, not the ones linked after it. */
static virDomainNetDefPtr
virDomainNetDefCopy(const virDomainNetDef *src)
{
    virDomainNetDefPtr dst = calloc(1, sizeof(*dst));

    if (!dst)
        return NULL;
    dst->type = src->type;
    memcpy(dst->mac, src->mac, sizeof(dst->mac));
    if (virDomainStrDup(&dst->bridge, src->bridge) < 0 ||
        virDomainStrDup(&dst->script, src->script) < 0 ||
        virDomainStrDup(&dst->ifname, src->ifname) < 0) {
        virDomainNetDefFree(dst);
        return NULL;
    }
    return dst;
}

static int
virDomainDiskListCopy(virDomainDiskDefPtr *dst, const virDomainDiskDef *src)
{
    for (; src; src = src->next) {
        *dst = virDomainDiskDefCopy(src);
        if (!*dst)
            return -1;
        dst = &(*dst)->next;
    }
    return 0;
}

static int
virDomainNetListCopy(virDomainNetDefPtr *dst, const virDomainNetDef *src)
{
    for (; src; src = src->next) {
        *dst = virDomainNetDefCopy(src);
        if (!*dst)
            return -1;
        dst = &(*dst)->next;
    }
    return 0;
}

static virDomainGraphicsDefPtr
virDomainGraphicsDefCopy(const virDomainGraphicsDef *src)
{
    virDomainGraphicsDefPtr dst = calloc(1, sizeof(*dst));

    if (!dst)
        return NULL;
    dst->type = src->type;
    dst->port = src->port;
    if (virDomainStrDup(&dst->listen, src->listen) < 0) {
        free(dst);
        return NULL;
    }
    return dst;
}

/**
 * virDomainDefCopy:
 * @conn: the connection errors are raised on, or NULL
 * @def: the definition to copy
 *
 * Returns a deep copy of @def (caller-frees, virDomainDefFree), or NULL
 * after raising VIR_ERR_NO_MEMORY (VIR_ERR_INVALID_ARG when @def is NULL).
 */
virDomainDefPtr
virDomainDefCopy(virConnectPtr conn, const virDomainDef *def)
{
    virDomainDefPtr copy;

    if (!def) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot copy domain definition: none given");
        return NULL;
    }
    copy = calloc(1, sizeof(*copy));
    if (!copy)
        goto error;
    copy->id = def->id;
    memcpy(copy->uuid, def->uuid, sizeof(copy->uuid));
    copy->hasUUID = def->hasUUID;
    copy->maxmem = def->maxmem;
    copy->memory = def->memory;
    copy->vcpus = def->vcpus;
    copy->onPoweroff = def->onPoweroff;
    copy->onReboot = def->onReboot;
    copy->onCrash = def->onCrash;
    copy->console = def->console;
    if (virDomainDefCopyStrings(copy, def) < 0 ||
        virDomainDiskListCopy(&copy->disks, def->disks) < 0 ||
        virDomainNetListCopy(&copy->nets, def->nets) < 0)
        goto error;
    if (def->graphics) {
        copy->graphics = virDomainGraphicsDefCopy(def->graphics);
        if (!copy->graphics)
            goto error;
    }
    return copy;

error:
    virDomainDefFree(copy);
    virReportOOM(conn, VIR_FROM_XML);
    return NULL;
}


/* ------------------------------------------------------------------ */
/* Device lists                                                        */
/* ------------------------------------------------------------------ */

/**
 * virDomainDiskFind:
 * @def: a definition, or NULL
 * @dst: a target device name ("xvda"), or NULL
 *
 * Returns the disk of @def whose target is @dst (borrowed: lives as long
 * as it stays in @def), or NULL.
 */
virDomainDiskDefPtr
virDomainDiskFind(virDomainDefPtr def, const char *dst)
{
    virDomainDiskDefPtr disk;

    if (!def || !dst)
        return NULL;
    for (disk = def->disks; disk; disk = disk->next) {
        if (disk->dst && strcmp(disk->dst, dst) == 0)
            return disk;
    }
    return NULL;
}

/**
 * virDomainNetFind:
 * @def: a definition, or NULL
 * @mac: a 6-byte MAC address, or NULL
 *
 * Returns the interface of @def with address @mac (borrowed: lives as
 * long as it stays in @def), or NULL.
 */
virDomainNetDefPtr
virDomainNetFind(virDomainDefPtr def, const unsigned char *mac)
{
    virDomainNetDefPtr net;

    if (!def || !mac)
        return NULL;
    for (net = def->nets; net; net = net->next) {
        if (memcmp(net->mac, mac, sizeof(net->mac)) == 0)
            return net;
    }
    return NULL;
}


/* ------------------------------------------------------------------ */
/* Freeing                                                             */
/* ------------------------------------------------------------------ */

static void
virDomainOSDefClear(virDomainOSDef *os)
{
    free(os->type);
    free(os->kernel);
    free(os->initrd);
    free(os->cmdline);
    free(os->root);
    free(os->loader);
    free(os->bootDev);
}

static void
virDomainGraphicsDefFree(virDomainGraphicsDefPtr graphics)
{
    if (!graphics)
        return;
    free(graphics->listen);
    free(graphics);
}

/**
 * virDomainDiskDefFree:
 * @disk: a disk, or NULL
 *
 * Frees @disk alone: the disks linked after it through @next are left
 * alone, so unlink it from its list first.
 */
void
virDomainDiskDefFree(virDomainDiskDefPtr disk)
{
    if (!disk)
        return;
    free(disk->driverName);
    free(disk->driverType);
    free(disk->src);
    free(disk->dst);
    free(disk);
}

/**
 * virDomainNetDefFree:
 * @net: an interface, or NULL
 *
 * Frees @net alone: the interfaces linked after it through @next are left
 * alone, so unlink it from its list first.
 */
void
virDomainNetDefFree(virDomainNetDefPtr net)
{
    if (!net)
        return;
    free(net->bridge);
    free(net->script);
    free(net->ifname);
    free(net);
}

/**
 * virDomainDeviceDefFree:
 * @dev: a device, or NULL
 *
 * Frees @dev and the disk or interface it holds.
 */
void
virDomainDeviceDefFree(virDomainDeviceDefPtr dev)
{
    if (!dev)
        return;
    if (dev->type == VIR_DOMAIN_DEVICE_DISK)
        virDomainDiskDefFree(dev->data.disk);
    else if (dev->type == VIR_DOMAIN_DEVICE_NET)
        virDomainNetDefFree(dev->data.net);
    free(dev);
}

/**
 * virDomainDefFree:
 * @def: a definition, or NULL
 *
 * Frees @def with all its devices.
 */
void
virDomainDefFree(virDomainDefPtr def)
{
    virDomainDiskDefPtr disk;
    virDomainNetDefPtr net;

    if (!def)
        return;
    while ((disk = def->disks)) {
        def->disks = disk->next;
        virDomainDiskDefFree(disk);
    }
    while ((net = def->nets)) {
        def->nets = net->next;
        virDomainNetDefFree(net);
    }
    virDomainGraphicsDefFree(def->graphics);
    virDomainOSDefClear(&def->os);
    free(def->virtType);
    free(def->name);
    free(def->bootloader);
    free(def->consoleTty);
    free(def);
}
