/*
 * domain_conf_priv.h: what the parts of lib/conf/ share and nobody else
 * uses: the spellings of the enums, MAC helpers, the parse context with
 * its node helpers, and the device parsers the domain parser calls.
 */

#ifndef VIR_DOMAIN_CONF_PRIV_H
#define VIR_DOMAIN_CONF_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "conf/domain_conf.h"

#define VIR_XML_STR(s)     ((const xmlChar *)(s))
#define VIR_XML_NAME(node) ((const char *)(node)->name)

/* The spellings of the enums, indexed by value (domain_conf.c). */
extern const char *const virDomainDiskTypeNames[VIR_DOMAIN_DISK_BLOCK + 1];
extern const char
    *const virDomainDiskDeviceNames[VIR_DOMAIN_DISK_DEVICE_CDROM + 1];
extern const char *const virDomainNetTypeNames[VIR_DOMAIN_NET_ETHERNET + 1];
extern const char
    *const virDomainGraphicsTypeNames[VIR_DOMAIN_GRAPHICS_SDL + 1];
extern const char *const virDomainRestartNames[VIR_DOMAIN_RENAME_RESTART + 1];

/* MACs (domain_conf.c) */
/* All zeros marks "no <mac> given". */
bool virDomainMacIsZero(const unsigned char *mac);
/* A random address in Xen's range unused in @def (may be NULL). */
int virDomainMacGenerate(virDomainDefPtr def, unsigned char *mac);
void virDomainGraphicsDefFree(virDomainGraphicsDefPtr graphics);

/* Where a parse is, for the messages it raises. */
typedef struct _virDomainParseCtxt virDomainParseCtxt;
struct _virDomainParseCtxt {
    virConnectPtr conn;
    const char *kind;   /* "domain" or "device" */
    const char *source; /* the document's name, or NULL for a string */
};

/* Node helpers (domain_parse.c); each raises before returning -1.
 * virDomainParseError only raises, and returns -1 for its caller to. */
int virDomainParseError(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                        const char *fmt, ...) VIR_ATTRIBUTE_PRINTF(3, 4);
xmlDocPtr virDomainParseDoc(const virDomainParseCtxt *ctxt, const char *xml);
bool virXMLIsElement(xmlNodePtr node, const char *name);
int virXMLChild(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                const char *name, xmlNodePtr *out);
int virXMLProp(const virDomainParseCtxt *ctxt, xmlNodePtr node,
               const char *name, char **out);
int virXMLPropNonEmpty(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                       const char *name, char **out);
int virXMLChildProp(const virDomainParseCtxt *ctxt, xmlNodePtr parent,
                    const char *name, const char *attr, char **out);
int virXMLPropEnum(const virDomainParseCtxt *ctxt, xmlNodePtr node,
                   const char *attr, const char *const *names, size_t nnames,
                   int dflt, int *out);
/* 0, -1 when @str is not a decimal number, -2 when it exceeds @max. */
int virDomainStrToULong(const char *str, unsigned long max, unsigned long *out);
/* Gives @net a fresh MAC unused in @def (may be NULL) when it has none. */
int virDomainNetEnsureMac(const virDomainParseCtxt *ctxt, virDomainDefPtr def,
                          virDomainNetDefPtr net);

/* Device parsing (device_parse.c), also of <devices> children. */
virDomainDiskDefPtr virDomainDiskDefParseXML(const virDomainParseCtxt *ctxt,
                                             xmlNodePtr node);
virDomainNetDefPtr virDomainNetDefParseXML(const virDomainParseCtxt *ctxt,
                                           xmlNodePtr node);
virDomainGraphicsDefPtr
virDomainGraphicsDefParseXML(const virDomainParseCtxt *ctxt, xmlNodePtr node);

#endif /* VIR_DOMAIN_CONF_PRIV_H */
