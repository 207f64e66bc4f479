/*
 * xml.c: the one hardened libxml2 reader (see xml.h): trees, scans and
 * streams of documents, all with the same options, hooks and caps.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "internal.h"
#include "util/xml.h"

/* libxml2 options: no network, no entity substitution, no DTD loading
 * (XML_PARSE_NOENT and XML_PARSE_DTDLOAD are deliberately absent), and
 * nothing printed.  BIG_LINES keeps line numbers right past 65535. */
#define VIR_XML_PARSE_FLAGS                                      \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
     XML_PARSE_BIG_LINES)

/* libxml2 2.12 made the structured error const */
#if LIBXML_VERSION >= 21200
typedef const xmlError *virXMLErrorPtr;
#else
typedef xmlErrorPtr virXMLErrorPtr;
#endif

/* What the hooks of one parse share, in the context's _private. */
typedef struct _virXMLState virXMLState;
struct _virXMLState {
    virXMLFailure *fail;
    void *opaque; /* the scanner's own state */
};

/* Parser contexts and their hooks */
static xmlParserCtxtPtr virXMLCtxtNew(virXMLState *state,
                                      const xmlSAXHandler *sax);
static void virXMLRefuseDTD(void *ctx, const xmlChar *name,
                            const xmlChar *externalID, const xmlChar *systemID);
static void virXMLError(void *data, virXMLErrorPtr err);
static void virXMLIgnore(void *data, virXMLErrorPtr err);
static int virXMLCheckSize(size_t len, size_t max, virXMLFailure *fail);

/* Reasons as text */
static void virXMLSay(char *reason, size_t reasonlen, const char *fmt, ...)
    VIR_ATTRIBUTE_PRINTF(3, 4);
static void virXMLFailureFormat(const virXMLFailure *fail, const char *source,
                                char *reason, size_t reasonlen);
static xmlDocPtr virXMLParseBytes(const char *data, size_t len,
                                  const char *source, char *reason,
                                  size_t reasonlen);


/* ------------------------------------------------------------------ */
/* Parser contexts and their hooks                                     */
/* ------------------------------------------------------------------ */

/*
 * A parser context with the reader's hooks: @sax's handlers when given
 * (a scan, building no tree), libxml2's tree builder otherwise.
 */
static xmlParserCtxtPtr
virXMLCtxtNew(virXMLState *state, const xmlSAXHandler *sax)
{
    xmlParserCtxtPtr pctxt;

    xmlInitParser();
    pctxt = xmlNewParserCtxt();
    if (!pctxt || !pctxt->sax) {
        xmlFreeParserCtxt(pctxt);
        state->fail->oom = true;
        return NULL;
    }
    if (sax) {
        *pctxt->sax = *sax;
        pctxt->sax->initialized = XML_SAX2_MAGIC;
    }
    pctxt->sax->internalSubset = virXMLRefuseDTD;
    pctxt->sax->serror = virXMLError;
    pctxt->_private = state;
    return pctxt;
}

/*
 * SAX hook called when the parser meets a DOCTYPE, before it reads the
 * internal subset: note it and stop.  None of our formats has a DTD, and
 * refusing it here means no entity is ever declared.
 */
static void
virXMLRefuseDTD(void *ctx, const xmlChar *name, const xmlChar *externalID,
                const xmlChar *systemID)
{
    xmlParserCtxtPtr pctxt = ctx;
    virXMLState *state = pctxt->_private;

    (void)name;
    (void)externalID;
    (void)systemID;
    state->fail->dtd = true;
    state->fail->line = xmlSAX2GetLineNumber(ctx);
    xmlStopParser(pctxt);
}

/* Keeps the first error; later ones are mostly its echoes. */
static void
virXMLError(void *data, virXMLErrorPtr err)
{
    xmlParserCtxtPtr pctxt = data;
    virXMLState *state = pctxt->_private;
    virXMLFailure *fail;
    size_t n;

    if (!state || !err || err->level < XML_ERR_ERROR)
        return;
    fail = state->fail;
    if (fail->msg[0] || fail->dtd)
        return;
    fail->line = err->line;
    snprintf(fail->msg, sizeof(fail->msg), "%s",
             err->message ? err->message : "not well-formed");
    /* libxml2 messages end with a newline. */
    n = strlen(fail->msg);
    while (n > 0 && (fail->msg[n - 1] == '\n' || fail->msg[n - 1] == ' '))
        fail->msg[--n] = '\0';
}

/* A stream meets no error the scan before it did not report. */
static void
virXMLIgnore(void *data, virXMLErrorPtr err)
{
    (void)data;
    (void)err;
}

static int
virXMLCheckSize(size_t len, size_t max, virXMLFailure *fail)
{
    if (len <= max && len <= INT_MAX)
        return 0;
    fail->tooLarge = true;
    return -1;
}

/**
 * virXMLReadBytes:
 * @data: the document
 * @len: its length in bytes, at most VIR_XML_MAX_BYTES
 * @source: its name for libxml2, or NULL
 * @fail: caller-allocated, receives why the document was refused
 *
 * Returns the document as a tree (caller-frees, xmlFreeDoc), or NULL.
 */
xmlDocPtr
virXMLReadBytes(const char *data, size_t len, const char *source,
                virXMLFailure *fail)
{
    virXMLState state = { .fail = fail };
    xmlParserCtxtPtr pctxt;
    xmlDocPtr doc;

    memset(fail, 0, sizeof(*fail));
    if (virXMLCheckSize(len, VIR_XML_MAX_BYTES, fail) < 0)
        return NULL;
    pctxt = virXMLCtxtNew(&state, NULL);
    if (!pctxt)
        return NULL;
    doc = xmlCtxtReadMemory(pctxt, data, (int)len, source, NULL,
                            VIR_XML_PARSE_FLAGS);
    if (!doc || !pctxt->wellFormed || fail->dtd || fail->msg[0] ||
        !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(pctxt);
    return doc;
}

/**
 * virXMLScanBytes:
 * @data: the document
 * @len: its length in bytes, at most VIR_XML_MAX_STREAM_BYTES
 * @source: its name for libxml2, or NULL
 * @sax: the scanner's element and comment handlers
 * @opaque: the scanner's state, for virXMLScanOpaque()
 * @fail: caller-allocated, receives why the document was refused
 *
 * Returns 0 when the document is well-formed, else -1.
 */
int
virXMLScanBytes(const char *data, size_t len, const char *source,
                xmlSAXHandler *sax, void *opaque, virXMLFailure *fail)
{
    virXMLState state = { .fail = fail, .opaque = opaque };
    xmlParserCtxtPtr pctxt;
    xmlDocPtr doc;
    int ret = 0;

    memset(fail, 0, sizeof(*fail));
    if (virXMLCheckSize(len, VIR_XML_MAX_STREAM_BYTES, fail) < 0)
        return -1;
    pctxt = virXMLCtxtNew(&state, sax);
    if (!pctxt)
        return -1;
    doc = xmlCtxtReadMemory(pctxt, data, (int)len, source, NULL,
                            VIR_XML_PARSE_FLAGS);
    xmlFreeDoc(doc); /* none: no startDocument handler */
    if (!pctxt->wellFormed || fail->dtd || fail->msg[0])
        ret = -1;
    xmlFreeParserCtxt(pctxt);
    return ret;
}

/* The @opaque of virXMLScanBytes(), from a SAX handler's @ctx. */
void *
virXMLScanOpaque(void *ctx)
{
    xmlParserCtxtPtr pctxt = ctx;
    virXMLState *state = pctxt->_private;

    return state->opaque;
}

xmlTextReaderPtr
virXMLStreamNew(const char *data, size_t len, const char *source)
{
    xmlTextReaderPtr reader;

    if (len > VIR_XML_MAX_STREAM_BYTES || len > INT_MAX)
        return NULL;
    reader =
        xmlReaderForMemory(data, (int)len, source, NULL, VIR_XML_PARSE_FLAGS);
    if (reader)
        xmlTextReaderSetStructuredErrorHandler(reader, virXMLIgnore, NULL);
    return reader;
}

const char *
virXMLFailureText(const virXMLFailure *fail, const char *dflt)
{
    if (fail->dtd)
        return "DOCTYPE declarations are not allowed";
    if (fail->msg[0])
        return fail->msg;
    return dflt;
}


/* ------------------------------------------------------------------ */
/* Reasons as text                                                     */
/* ------------------------------------------------------------------ */

/* Writes into @reason, which may be NULL or empty. */
static void
virXMLSay(char *reason, size_t reasonlen, const char *fmt, ...)
{
    va_list ap;

    if (!reason || reasonlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(reason, reasonlen, fmt, ap);
    va_end(ap);
}

/* "SOURCE:LINE: message", "SOURCE: message", "line LINE: message" or
 * "message". */
static void
virXMLFailureFormat(const virXMLFailure *fail, const char *source, char *reason,
                    size_t reasonlen)
{
    const char *msg = virXMLFailureText(fail, "not well-formed");

    if (fail->tooLarge) {
        virXMLSay(reason, reasonlen, "%s: document larger than %d bytes",
                  source ? source : "document", VIR_XML_MAX_BYTES);
        return;
    }
    if (fail->oom)
        virXMLSay(reason, reasonlen, "out of memory");
    else if (source && fail->line > 0)
        virXMLSay(reason, reasonlen, "%s:%d: %s", source, fail->line, msg);
    else if (source)
        virXMLSay(reason, reasonlen, "%s: %s", source, msg);
    else if (fail->line > 0)
        virXMLSay(reason, reasonlen, "line %d: %s", fail->line, msg);
    else
        virXMLSay(reason, reasonlen, "%s", msg);
}

static xmlDocPtr
virXMLParseBytes(const char *data, size_t len, const char *source, char *reason,
                 size_t reasonlen)
{
    virXMLFailure fail;
    xmlDocPtr doc = virXMLReadBytes(data, len, source, &fail);

    if (!doc)
        virXMLFailureFormat(&fail, source, reason, reasonlen);
    return doc;
}

/**
 * virXMLParseString:
 * @xml: a NUL-terminated document
 * @source: the document's name for messages, or NULL
 * @reason: caller-allocated buffer receiving why parsing failed
 * @reasonlen: capacity of @reason
 *
 * Returns the document (caller-frees, xmlFreeDoc), or NULL with a reason
 * such as "line 3: Opening and ending tag mismatch: ..." in @reason.
 */
xmlDocPtr
virXMLParseString(const char *xml, const char *source, char *reason,
                  size_t reasonlen)
{
    if (!xml) {
        virXMLSay(reason, reasonlen, "no document given");
        return NULL;
    }
    return virXMLParseBytes(xml, strlen(xml), source, reason, reasonlen);
}

/**
 * virXMLParseFile:
 * @path: the file to parse
 * @reason: caller-allocated buffer receiving why parsing failed
 * @reasonlen: capacity of @reason
 *
 * Returns the document (caller-frees, xmlFreeDoc), or NULL with a reason
 * naming the file and the line ("/etc/node.xml:12: ...") in @reason.
 */
xmlDocPtr
virXMLParseFile(const char *path, char *reason, size_t reasonlen)
{
    char *data = NULL;
    size_t len = 0;
    xmlDocPtr doc;

    if (!path) {
        virXMLSay(reason, reasonlen, "no file given");
        return NULL;
    }
    if (virFileReadAll(path, VIR_XML_MAX_BYTES, &data, &len) < 0) {
        virXMLSay(reason, reasonlen, "%s: cannot read: %s", path,
                  strerror(errno));
        return NULL;
    }
    doc = virXMLParseBytes(data, len, path, reason, reasonlen);
    free(data);
    return doc;
}
