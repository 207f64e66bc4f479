/*
 * xml.h: the library's one hardened libxml2 reader.  Every document --
 * domain XML, device XML, node files and the domain files they name --
 * is read through it: no network, no DTD (a DOCTYPE is refused before its
 * internal subset is read, so no entity is ever declared or expanded),
 * nothing printed, and a size cap.  Why a document was refused is kept
 * in a virXMLFailure, from which each caller words its own message.
 */

#ifndef VIR_XML_H
#define VIR_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

/* The largest document read into a tree (a definition, a domain file). */
#define VIR_XML_MAX_BYTES (10 * 1024 * 1024)
/* The largest document streamed, never held as one tree (a node file). */
#define VIR_XML_MAX_STREAM_BYTES (256UL * 1024 * 1024)

/* Why a document was refused: its first error. */
typedef struct _virXMLFailure virXMLFailure;
struct _virXMLFailure {
    int line;      /* of the first error, 0 when unknown */
    bool dtd;      /* a DOCTYPE was refused */
    bool tooLarge; /* over the cap: nothing was parsed */
    bool oom;      /* no parser could be made, or a scan ran out */
    char msg[256]; /* libxml2's text of the first error, or empty */
};

/*
 * A document of @len bytes at @data as a tree (caller-frees,
 * xmlFreeDoc), or NULL with @fail filled in.  @source names it in
 * libxml2's own bookkeeping, or is NULL.
 */
xmlDocPtr virXMLReadBytes(const char *data, size_t len, const char *source,
                          virXMLFailure *fail);

/*
 * Checks a document without building a tree: @sax's element and comment
 * handlers see it (the reader installs its own DOCTYPE and error hooks),
 * and get their @opaque from virXMLScanOpaque(ctx).  A handler may stop
 * the scan with xmlStopParser(ctx) after noting why in its @opaque.
 * Returns 0 for a well-formed document, -1 with @fail filled in.
 */
int virXMLScanBytes(const char *data, size_t len, const char *source,
                    xmlSAXHandler *sax, void *opaque, virXMLFailure *fail);
void *virXMLScanOpaque(void *ctx);

/*
 * A streaming reader over a document that virXMLScanBytes() accepted
 * (caller-frees, xmlFreeTextReader); it reports nothing the scan did
 * not.  NULL when out of memory.
 */
xmlTextReaderPtr virXMLStreamNew(const char *data, size_t len,
                                 const char *source);

/* @fail's message, or @dflt when libxml2 gave none. */
const char *virXMLFailureText(const virXMLFailure *fail, const char *dflt);

/*
 * Parses @xml, or the file at @path, into a tree.  NULL on failure with
 * the reason in @reason (caller-allocated, @reasonlen bytes, may be
 * NULL): "SOURCE:LINE: message", "line LINE: message", "PATH: cannot
 * read: strerror", ...
 */
xmlDocPtr virXMLParseString(const char *xml, const char *source, char *reason,
                            size_t reasonlen);
xmlDocPtr virXMLParseFile(const char *path, char *reason, size_t reasonlen);

#endif /* VIR_XML_H */
