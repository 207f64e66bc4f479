/*
 * sim_nodefile.c: the node-file parser of the test driver (see
 * testnode(5)), building the simulated host of test:///default (an
 * embedded node file) and of test:///PATH alike.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>

#include "drivers/test/sim_driver.h"
#include "util/xml.h"

/* What a <domain> element of a node file asks for, besides its XML. */
typedef struct {
    int state; /* virDomainState */
    bool persistent;
    unsigned long maxVcpus; /* 0: the defined vcpu count */
    long line;
} testDomSpec;

/*
 * What the scan of a node file (testNodeScan) keeps: its root element and
 * its first two <cpu> children (detached copies).
 */
typedef struct {
    bool oom;
    int depth;
    xmlChar *root;
    long rootLine;
    xmlNodePtr cpu[2];
    int ncpu;
} testScanState;

/* Node file */
static testNodePtr testNodeLoadString(virConnectPtr conn, const char *data,
                                      size_t len, const char *source,
                                      const char *basedir);
static int testNodeScan(virConnectPtr conn, const char *data, size_t len,
                        const char *source, testScanState *scan);
static void testScanStart(void *ctx, const xmlChar *localname,
                          const xmlChar *prefix, const xmlChar *URI,
                          int nbNamespaces, const xmlChar **namespaces,
                          int nbAttributes, int nbDefaulted,
                          const xmlChar **attributes);
static void testScanEnd(void *ctx, const xmlChar *localname,
                        const xmlChar *prefix, const xmlChar *URI);
static void testScanComment(void *ctx, const xmlChar *value);
static xmlNodePtr testScanCopy(const xmlChar *name, int nbAttributes,
                               const xmlChar **attributes, int line);
static xmlChar *testScanValue(const xmlChar *value, const xmlChar *end);
static void testScanClear(testScanState *scan);
static void testXMLReportFailure(virConnectPtr conn, const char *source,
                                 const virXMLFailure *fail);
static int testReadFile(virConnectPtr conn, const char *path,
                        const char *source, long line, char **data,
                        size_t *len);
static int testNodeParseRoot(virConnectPtr conn, testNodePtr node,
                             testScanState *scan, const char *data, size_t len,
                             const char *source, const char *basedir);
static int testNodeParseChildren(virConnectPtr conn, testNodePtr node,
                                 const char *data, size_t len,
                                 const char *source, const char *basedir,
                                 unsigned int *seen);
static int testNodeParseElement(virConnectPtr conn, testNodePtr node,
                                xmlDocPtr doc, xmlNodePtr el,
                                const char *source, const char *basedir,
                                unsigned int *seen);
static int testNodeParseCpu(virConnectPtr conn, testNodePtr node, xmlNodePtr el,
                            const char *source);
static int testNodeParseMemory(virConnectPtr conn, testNodePtr node,
                               xmlNodePtr el, const char *source);
static int testParseUInt(virConnectPtr conn, xmlNodePtr el, const char *attr,
                         const char *source, unsigned long def,
                         unsigned long min, unsigned long max,
                         unsigned long *out);
static int testNodeParseDomain(virConnectPtr conn, testNodePtr node,
                               xmlDocPtr doc, xmlNodePtr el, const char *source,
                               const char *basedir);
static int testDomSpecParse(virConnectPtr conn, xmlNodePtr el,
                            const char *source, testDomSpec *spec);
static int testDomStateParse(const char *str);
static virDomainDefPtr testDomDefParse(virConnectPtr conn, xmlDocPtr doc,
                                       xmlNodePtr el, const char *source,
                                       const char *basedir);
static virDomainDefPtr testDomDefParseFile(virConnectPtr conn, const char *file,
                                           const char *source, long line,
                                           const char *basedir);
static int testNodeCheckDup(virConnectPtr conn, testNodePtr node,
                            const virDomainDef *def, const char *source,
                            long line);
static int testNodeAddSpec(virConnectPtr conn, testNodePtr node,
                           virDomainDefPtr def, const testDomSpec *spec,
                           const char *source);
static int testNodeStartPending(virConnectPtr conn, testNodePtr node);
static int testParseError(virConnectPtr conn, const char *source, long line,
                          const char *fmt, ...) VIR_ATTRIBUTE_PRINTF(4, 5);

/*
 * The built-in host of test:///default, parsed by the same code as any
 * node file.  16 cpus in 2 NUMA cells, Domain-0 and three guests.
 */
static const char testDefaultNode[] =
    "<node>\n"
    "  <cpu model='x86_64 Xeon E5450' mhz='3000' nodes='2' sockets='2'"
    " cores='2' threads='2' active='16'/>\n"
    "  <memory>16777216</memory>\n"
    "  <domain type='xen' id='0' state='running' persistent='no'>\n"
    "    <name>Domain-0</name>\n"
    "    <uuid>00000000-0000-0000-0000-000000000000</uuid>\n"
    "    <os><type>linux</type><kernel>/boot/vmlinuz-2.6.18-xen</kernel>"
    "</os>\n"
    "    <memory>2097152</memory>\n"
    "    <vcpu>4</vcpu>\n"
    "  </domain>\n"
    "  <domain type='xen' id='1' state='running' persistent='yes'>\n"
    "    <name>web1</name>\n"
    "    <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>\n"
    "    <os><type>linux</type><kernel>/boot/vmlinuz-xenU</kernel>"
    "<root>/dev/xvda1</root></os>\n"
    "    <memory>524288</memory>\n"
    "    <vcpu>2</vcpu>\n"
    "    <devices>\n"
    "      <disk type='file' device='disk'><source file='/srv/web1.img'/>"
    "<target dev='xvda'/></disk>\n"
    "      <interface type='bridge'><mac address='00:16:3e:00:00:01'/>"
    "<source bridge='xenbr0'/></interface>\n"
    "    </devices>\n"
    "  </domain>\n"
    "  <domain type='xen' id='2' state='paused' persistent='yes'>\n"
    "    <name>db1</name>\n"
    "    <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa1</uuid>\n"
    "    <os><type>linux</type><kernel>/boot/vmlinuz-xenU</kernel></os>\n"
    "    <memory>1048576</memory>\n"
    "    <currentMemory>786432</currentMemory>\n"
    "    <vcpu>4</vcpu>\n"
    "  </domain>\n"
    "  <domain type='xen' state='shutoff' persistent='yes'>\n"
    "    <name>build1</name>\n"
    "    <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa2</uuid>\n"
    "    <os><type>linux</type><kernel>/boot/vmlinuz-xenU</kernel></os>\n"
    "    <memory>262144</memory>\n"
    "    <vcpu>1</vcpu>\n"
    "  </domain>\n"
    "</node>\n";

#define TEST_SEEN_CPU    (1U << 0)
#define TEST_SEEN_MEMORY (1U << 1)

/* The node of test:///default. */
testNodePtr
testNodeLoadDefault(virConnectPtr conn)
{
    return testNodeLoadString(conn, testDefaultNode,
                              sizeof(testDefaultNode) - 1, "test:///default",
                              NULL);
}

/* The node described by the node file at absolute @path. */
testNodePtr
testNodeLoadFile(virConnectPtr conn, const char *path)
{
    char *data = NULL;
    char *basedir = NULL;
    char *slash;
    size_t len = 0;
    testNodePtr node = NULL;

    if (testReadFile(conn, path, NULL, 0, &data, &len) < 0)
        goto cleanup;
    basedir = strdup(path);
    if (!basedir) {
        virReportOOM(conn, VIR_FROM_TEST);
        goto cleanup;
    }
    slash = strrchr(basedir, '/');
    if (slash)
        slash[slash == basedir ? 1 : 0] = '\0';
    node = testNodeLoadString(conn, data, len, path, basedir);

cleanup:
    free(basedir);
    free(data);
    return node;
}

static testNodePtr
testNodeLoadString(virConnectPtr conn, const char *data, size_t len,
                   const char *source, const char *basedir)
{
    testScanState scan = { 0 };
    testNodePtr node = NULL;

    if (testNodeScan(conn, data, len, source, &scan) < 0)
        goto cleanup;
    node = testNodeNew();
    if (!node) {
        virReportOOM(conn, VIR_FROM_TEST);
        goto cleanup;
    }
    if (testNodeParseRoot(conn, node, &scan, data, len, source, basedir) < 0 ||
        testNodeStartPending(conn, node) < 0) {
        testNodeFree(node);
        node = NULL;
    }

cleanup:
    testScanClear(&scan);
    return node;
}

/*
 * The first pass over a node file: the hardened reader checks that it
 * is well-formed XML without DOCTYPE, but builds no tree: the scan keeps
 * only the root element's name and line and copies of its first two <cpu>
 * children, which every domain needs before it is built.  The second pass
 * (testNodeParseChildren) then streams the domains one by one, so a large
 * node file never exists as a whole tree whose freed pages, interleaved
 * with the domains built meanwhile, would stay in the heap.
 */
static int
testNodeScan(virConnectPtr conn, const char *data, size_t len,
             const char *source, testScanState *scan)
{
    xmlSAXHandler sax = {
        .startElementNs = testScanStart,
        .endElementNs = testScanEnd,
        .comment = testScanComment, /* or messages lose the text */
    };
    virXMLFailure fail;
    int rc = virXMLScanBytes(data, len, source, &sax, scan, &fail);

    if (scan->oom || fail.oom)
        return virReportOOM(conn, VIR_FROM_TEST);
    if (rc < 0 || !scan->root) {
        testXMLReportFailure(conn, source, &fail);
        return -1;
    }
    return 0;
}

static void
testScanStart(void *ctx, const xmlChar *localname, const xmlChar *prefix,
              const xmlChar *URI, int nbNamespaces, const xmlChar **namespaces,
              int nbAttributes, int nbDefaulted, const xmlChar **attributes)
{
    testScanState *scan = virXMLScanOpaque(ctx);
    int line = xmlSAX2GetLineNumber(ctx);
    bool ok = true;

    (void)prefix;
    (void)URI;
    (void)nbNamespaces;
    (void)namespaces;
    (void)nbDefaulted;
    if (scan->depth == 0 && !scan->root) {
        scan->root = xmlStrdup(localname);
        scan->rootLine = line < 65535 ? line : 65535;
        ok = scan->root != NULL;
    } else if (scan->depth == 1 && scan->ncpu < 2 &&
               xmlStrEqual(localname, BAD_CAST "cpu")) {
        scan->cpu[scan->ncpu] =
            testScanCopy(localname, nbAttributes, attributes, line);
        ok = scan->cpu[scan->ncpu] != NULL;
        if (ok)
            scan->ncpu++;
    }
    if (!ok) {
        scan->oom = true;
        xmlStopParser(ctx);
    }
    scan->depth++;
}

static void
testScanEnd(void *ctx, const xmlChar *localname, const xmlChar *prefix,
            const xmlChar *URI)
{
    testScanState *scan = virXMLScanOpaque(ctx);

    (void)localname;
    (void)prefix;
    (void)URI;
    scan->depth--;
}

/*
 * Comments are skipped, but libxml2 quotes a bad one in its error message
 * only when someone listens.
 */
static void
testScanComment(void *ctx, const xmlChar *value)
{
    (void)ctx;
    (void)value;
}

/*
 * A detached element @name with the attributes of a SAX2 start tag
 * (localname, prefix, URI, value, end of value for each) and @line, as
 * the tree parser would have built it.
 */
static xmlNodePtr
testScanCopy(const xmlChar *name, int nbAttributes, const xmlChar **attributes,
             int line)
{
    xmlNodePtr el = xmlNewNode(NULL, name);
    xmlChar *value;
    int i;

    if (!el)
        return NULL;
    el->line = (unsigned short)(line < 65535 ? line : 65535);
    for (i = 0; i < nbAttributes; i++) {
        value = testScanValue(attributes[i * 5 + 3], attributes[i * 5 + 4]);
        if (!value || !xmlNewProp(el, attributes[i * 5], value)) {
            xmlFree(value);
            xmlFreeNode(el);
            return NULL;
        }
        xmlFree(value);
    }
    return el;
}

/*
 * An attribute value as SAX2 hands it over, [@value, @end), with its
 * character and predefined entity references ("&#38;") still in it:
 * resolved, as the tree parser does.
 */
static xmlChar *
testScanValue(const xmlChar *value, const xmlChar *end)
{
    xmlNodePtr list;
    xmlChar *str;

    if (value == end)
        return xmlStrdup(BAD_CAST "");
    list = xmlStringLenGetNodeList(NULL, value, (int)(end - value));
    if (!list)
        return NULL;
    str = xmlNodeListGetString(NULL, list, 1);
    xmlFreeNodeList(list);
    return str;
}

static void
testScanClear(testScanState *scan)
{
    int i;

    for (i = 0; i < scan->ncpu; i++)
        xmlFreeNode(scan->cpu[i]);
    scan->ncpu = 0;
    xmlFree(scan->root);
    scan->root = NULL;
}

/*
 * The one VIR_ERR_XML_ERROR of a document that is not well-formed:
 * "SOURCE:LINE: malformed XML: why", or "SOURCE: file too large".
 */
static void
testXMLReportFailure(virConnectPtr conn, const char *source,
                     const virXMLFailure *fail)
{
    if (fail->oom) {
        virReportOOM(conn, VIR_FROM_TEST);
        return;
    }
    if (fail->tooLarge) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                       "%s: file too large", source);
        return;
    }
    virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                   "%s:%d: malformed XML: %s", source, fail->line,
                   virXMLFailureText(fail, "no root element"));
}

/*
 * Reads a whole file.  @source/@line name the node file that refers to it,
 * or are NULL/0 for the node file itself.
 */
static int
testReadFile(virConnectPtr conn, const char *path, const char *source,
             long line, char **data, size_t *len)
{
    int err;

    errno = 0;
    if (virFileReadAll(path, VIR_XML_MAX_STREAM_BYTES, data, len) == 0)
        return 0;
    err = errno ? errno : EIO;
    if (source) {
        testParseError(conn, source, line, "cannot read domain file '%s': %s",
                       path, strerror(err));
    } else {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_OPEN_FAILED,
                       "cannot read node file '%s': %s", path, strerror(err));
    }
    return -1;
}

/*
 * Builds @node from the node file @data, which testNodeScan() found
 * well-formed: its <cpu> first (domains need the cpu count for their
 * affinity maps), then the other children of <node> in order.
 */
static int
testNodeParseRoot(virConnectPtr conn, testNodePtr node, testScanState *scan,
                  const char *data, size_t len, const char *source,
                  const char *basedir)
{
    unsigned int seen = 0;
    int i;

    if (!xmlStrEqual(scan->root, BAD_CAST "node"))
        return testParseError(conn, source, scan->rootLine,
                              "root element is <%s>, expected <node>",
                              (const char *)scan->root);
    for (i = 0; i < scan->ncpu; i++) {
        if (testNodeParseElement(conn, node, NULL, scan->cpu[i], source,
                                 basedir, &seen) < 0)
            return -1;
    }
    if (!(seen & TEST_SEEN_CPU))
        return testParseError(conn, source, scan->rootLine,
                              "<node> has no <cpu> element");
    if (testNodeParseChildren(conn, node, data, len, source, basedir, &seen) <
        0)
        return -1;
    if (!(seen & TEST_SEEN_MEMORY))
        return testParseError(conn, source, scan->rootLine,
                              "<node> has no <memory> element");
    return 0;
}

/*
 * The children of <node> other than <cpu>, streamed: only one of them
 * exists as a tree at a time.
 */
static int
testNodeParseChildren(virConnectPtr conn, testNodePtr node, const char *data,
                      size_t len, const char *source, const char *basedir,
                      unsigned int *seen)
{
    xmlTextReaderPtr reader;
    xmlNodePtr el;
    int ret, rc = -1;

    reader = virXMLStreamNew(data, len, source);
    if (!reader)
        return virReportOOM(conn, VIR_FROM_TEST);
    while ((ret = xmlTextReaderRead(reader)) == 1 &&
           xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT)
        ;
    if (ret == 1 && !xmlTextReaderIsEmptyElement(reader))
        ret = xmlTextReaderRead(reader);
    while (ret == 1 && xmlTextReaderDepth(reader) == 1) {
        if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT &&
            !xmlStrEqual(xmlTextReaderConstLocalName(reader), BAD_CAST "cpu")) {
            el = xmlTextReaderExpand(reader);
            if (!el) {
                ret = -1;
                break;
            }
            if (testNodeParseElement(conn, node, el->doc, el, source, basedir,
                                     seen) < 0)
                goto cleanup;
        }
        ret = xmlTextReaderNext(reader);
    }
    if (ret < 0) {
        virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_XML_ERROR,
                       "%s:%d: cannot read the node file a second time", source,
                       xmlTextReaderGetParserLineNumber(reader));
        goto cleanup;
    }
    rc = 0;

cleanup:
    xmlFreeTextReader(reader);
    return rc;
}

static int
testNodeParseElement(virConnectPtr conn, testNodePtr node, xmlDocPtr doc,
                     xmlNodePtr el, const char *source, const char *basedir,
                     unsigned int *seen)
{
    unsigned int bit = 0;

    if (xmlStrEqual(el->name, BAD_CAST "domain"))
        return testNodeParseDomain(conn, node, doc, el, source, basedir);
    if (xmlStrEqual(el->name, BAD_CAST "cpu"))
        bit = TEST_SEEN_CPU;
    else if (xmlStrEqual(el->name, BAD_CAST "memory"))
        bit = TEST_SEEN_MEMORY;
    if (!bit)
        return testParseError(conn, source, xmlGetLineNo(el),
                              "unknown element <%s> in <node>",
                              (const char *)el->name);
    if (*seen & bit)
        return testParseError(conn, source, xmlGetLineNo(el),
                              "duplicate <%s> element", (const char *)el->name);
    *seen |= bit;
    if (bit == TEST_SEEN_CPU)
        return testNodeParseCpu(conn, node, el, source);
    return testNodeParseMemory(conn, node, el, source);
}

static int
testNodeParseCpu(virConnectPtr conn, testNodePtr node, xmlNodePtr el,
                 const char *source)
{
    xmlChar *model = xmlGetProp(el, BAD_CAST "model");
    unsigned long mhz, nodes, sockets, cores, threads, active;
    int ret = -1;

    if (!model || !*model || xmlStrlen(model) >= (int)sizeof(node->model)) {
        testParseError(conn, source, xmlGetLineNo(el),
                       "<cpu model=''> must be 1 to %zu characters",
                       sizeof(node->model) - 1);
        goto cleanup;
    }
    if (testParseUInt(conn, el, "mhz", source, 0, 1, 1000000, &mhz) < 0 ||
        testParseUInt(conn, el, "nodes", source, 0, 1, 256, &nodes) < 0 ||
        testParseUInt(conn, el, "sockets", source, 0, 1, 256, &sockets) < 0 ||
        testParseUInt(conn, el, "cores", source, 0, 1, 256, &cores) < 0 ||
        testParseUInt(conn, el, "threads", source, 0, 1, 256, &threads) < 0)
        goto cleanup;
    /* each factor is at most 256: no product below overflows 32 bits */
    if (nodes * sockets > TEST_MAX_CPUS ||
        nodes * sockets * cores > TEST_MAX_CPUS ||
        nodes * sockets * cores * threads > TEST_MAX_CPUS) {
        testParseError(conn, source, xmlGetLineNo(el),
                       "nodes*sockets*cores*threads exceeds %d cpus",
                       TEST_MAX_CPUS);
        goto cleanup;
    }
    node->maxcpus = (unsigned int)(nodes * sockets * cores * threads);
    if (testParseUInt(conn, el, "active", source, node->maxcpus, 1,
                      node->maxcpus, &active) < 0)
        goto cleanup;
    snprintf(node->model, sizeof(node->model), "%s", (const char *)model);
    node->mhz = (unsigned int)mhz;
    node->nodes = (unsigned int)nodes;
    node->sockets = (unsigned int)sockets;
    node->cores = (unsigned int)cores;
    node->threads = (unsigned int)threads;
    node->cpus = (unsigned int)active;
    node->maplen = VIR_CPU_MAPLEN(node->maxcpus);
    ret = 0;

cleanup:
    xmlFree(model);
    return ret;
}

static int
testNodeParseMemory(virConnectPtr conn, testNodePtr node, xmlNodePtr el,
                    const char *source)
{
    xmlChar *text = xmlNodeGetContent(el);
    unsigned long mem = 0;
    int ret = -1;

    if (!text || virStrToULong((const char *)text, &mem) < 0 || mem == 0) {
        testParseError(conn, source, xmlGetLineNo(el),
                       "<memory> '%s' is not a positive number of KiB",
                       text ? (const char *)text : "");
        goto cleanup;
    }
    node->memory = mem;
    ret = 0;

cleanup:
    xmlFree(text);
    return ret;
}

/*
 * Attribute @attr of @el as an unsigned number in [@min, @max]; @def when
 * absent, and required when @def is 0.
 */
static int
testParseUInt(virConnectPtr conn, xmlNodePtr el, const char *attr,
              const char *source, unsigned long def, unsigned long min,
              unsigned long max, unsigned long *out)
{
    xmlChar *str = xmlGetProp(el, (const xmlChar *)attr);
    unsigned long val = def;
    int ret = -1;

    if (!str && def == 0)
        return testParseError(conn, source, xmlGetLineNo(el),
                              "<%s> lacks the '%s' attribute",
                              (const char *)el->name, attr);
    if (str && (virStrToULong((const char *)str, &val) < 0 || val < min ||
                val > max)) {
        testParseError(conn, source, xmlGetLineNo(el),
                       "<%s %s='%s'> is not a number from %lu to %lu",
                       (const char *)el->name, attr, (const char *)str, min,
                       max);
        goto cleanup;
    }
    *out = val;
    ret = 0;

cleanup:
    xmlFree(str);
    return ret;
}

static int
testNodeParseDomain(virConnectPtr conn, testNodePtr node, xmlDocPtr doc,
                    xmlNodePtr el, const char *source, const char *basedir)
{
    testDomSpec spec;
    virDomainDefPtr def;

    if (testDomSpecParse(conn, el, source, &spec) < 0)
        return -1;
    def = testDomDefParse(conn, doc, el, source, basedir);
    if (!def)
        return -1;
    if (testNodeAddSpec(conn, node, def, &spec, source) < 0) {
        virDomainDefFree(def);
        return -1;
    }
    return 0;
}

/* Reads, then removes, the node-file attributes of a <domain> element. */
static int
testDomSpecParse(virConnectPtr conn, xmlNodePtr el, const char *source,
                 testDomSpec *spec)
{
    xmlChar *state = xmlGetProp(el, BAD_CAST "state");
    xmlChar *pers = xmlGetProp(el, BAD_CAST "persistent");
    int ret = -1;

    spec->line = xmlGetLineNo(el);
    spec->state = VIR_DOMAIN_RUNNING;
    if (state)
        spec->state = testDomStateParse((const char *)state);
    spec->persistent = !pers || xmlStrEqual(pers, BAD_CAST "yes");
    spec->maxVcpus = 0;
    if (spec->state < 0) {
        testParseError(conn, source, spec->line, "unknown domain state '%s'",
                       (const char *)state);
        goto cleanup;
    }
    if (pers && !spec->persistent && !xmlStrEqual(pers, BAD_CAST "no")) {
        testParseError(conn, source, spec->line,
                       "persistent='%s' is neither 'yes' nor 'no'",
                       (const char *)pers);
        goto cleanup;
    }
    if (testParseUInt(conn, el, "maxvcpus", source, ULONG_MAX, 1,
                      VIR_DOMAIN_MAX_VCPUS, &spec->maxVcpus) < 0)
        goto cleanup;
    if (spec->maxVcpus == ULONG_MAX)
        spec->maxVcpus = 0;
    xmlUnsetProp(el, BAD_CAST "state");
    xmlUnsetProp(el, BAD_CAST "persistent");
    xmlUnsetProp(el, BAD_CAST "maxvcpus");
    ret = 0;

cleanup:
    xmlFree(state);
    xmlFree(pers);
    return ret;
}

static int
testDomStateParse(const char *str)
{
    static const char *const names[] = {
        [VIR_DOMAIN_RUNNING] = "running", [VIR_DOMAIN_BLOCKED] = "blocked",
        [VIR_DOMAIN_PAUSED] = "paused",   [VIR_DOMAIN_SHUTDOWN] = "shutdown",
        [VIR_DOMAIN_SHUTOFF] = "shutoff", [VIR_DOMAIN_CRASHED] = "crashed",
    };

    return virEnumFromString(names, VIR_N_ELEMENTS(names), str);
}

/* The definition of a <domain> element: inline, or from its file=''. */
static virDomainDefPtr
testDomDefParse(virConnectPtr conn, xmlDocPtr doc, xmlNodePtr el,
                const char *source, const char *basedir)
{
    xmlChar *file = xmlGetProp(el, BAD_CAST "file");
    xmlNodePtr child;
    virDomainDefPtr def = NULL;

    if (!file)
        return virDomainDefParseNode(conn, doc, el, source);
    for (child = el->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            testParseError(conn, source, xmlGetLineNo(el),
                           "<domain file='%s'> must be empty",
                           (const char *)file);
            goto cleanup;
        }
    }
    def = testDomDefParseFile(conn, (const char *)file, source,
                              xmlGetLineNo(el), basedir);

cleanup:
    xmlFree(file);
    return def;
}

static virDomainDefPtr
testDomDefParseFile(virConnectPtr conn, const char *file, const char *source,
                    long line, const char *basedir)
{
    char *path = NULL;
    char *data = NULL;
    size_t len = 0;
    xmlDocPtr doc = NULL;
    virDomainDefPtr def = NULL;
    virXMLFailure fail;

    if (file[0] != '/' && !basedir) {
        testParseError(conn, source, line,
                       "relative domain file '%s' needs a node file", file);
        return NULL;
    }
    len = strlen(file) + (basedir ? strlen(basedir) : 0) + 2;
    path = malloc(len);
    if (!path) {
        virReportOOM(conn, VIR_FROM_TEST);
        return NULL;
    }
    if (file[0] == '/')
        snprintf(path, len, "%s", file);
    else
        snprintf(path, len, "%s/%s", basedir, file);
    if (testReadFile(conn, path, source, line, &data, &len) < 0)
        goto cleanup;
    doc = virXMLReadBytes(data, len, path, &fail);
    if (!doc) {
        testXMLReportFailure(conn, path, &fail);
        goto cleanup;
    }
    def = virDomainDefParseNode(conn, doc, xmlDocGetRootElement(doc), path);

cleanup:
    xmlFreeDoc(doc);
    free(data);
    free(path);
    return def;
}

static int
testNodeCheckDup(virConnectPtr conn, testNodePtr node, const virDomainDef *def,
                 const char *source, long line)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (testNodeFindName(node, def->name))
        return testParseError(conn, source, line, "duplicate domain name '%s'",
                              def->name);
    if (testNodeFindUUID(node, def->uuid)) {
        virUUIDFormat(def->uuid, uuid);
        return testParseError(conn, source, line,
                              "duplicate domain uuid '%s' (domain '%s')", uuid,
                              def->name);
    }
    if (def->id >= 0 && testNodeFindID(node, def->id))
        return testParseError(conn, source, line,
                              "duplicate domain id %d (domain '%s')", def->id,
                              def->name);
    return 0;
}

/*
 * Adds the parsed @def as @spec says.  Active domains with an id start at
 * once; active domains without one get theirs in testNodeStartPending(),
 * after every explicit id is known.
 */
static int
testNodeAddSpec(virConnectPtr conn, testNodePtr node, virDomainDefPtr def,
                const testDomSpec *spec, const char *source)
{
    testDomPtr dom;
    unsigned long maxVcpus = spec->maxVcpus ? spec->maxVcpus : def->vcpus;

    if (spec->state == VIR_DOMAIN_SHUTOFF &&
        (!spec->persistent || def->id >= 0))
        return testParseError(
            conn, source, spec->line,
            "domain '%s' is shut off, so it must be persistent and have no id",
            def->name);
    if (maxVcpus < def->vcpus)
        return testParseError(
            conn, source, spec->line,
            "domain '%s' has %u vcpus, more than maxvcpus %lu", def->name,
            def->vcpus, maxVcpus);
    if (testDomDefEnsureUUID(conn, def) < 0)
        return -1;
    if (testNodeCheckDup(conn, node, def, source, spec->line) < 0)
        return -1;
    dom = testDomNew(conn, node, def, (unsigned int)maxVcpus);
    if (!dom)
        return -1;
    dom->persistent = spec->persistent;
    if (testNodeAddDom(conn, node, dom) < 0) {
        dom->def = NULL;
        testDomFree(dom);
        return -1;
    }
    if (spec->state == VIR_DOMAIN_SHUTOFF)
        return 0;
    if (def->id >= 0)
        return testDomStart(conn, node, dom, def->id, spec->state);
    dom->state = spec->state; /* pending: started with a fresh id later */
    return 0;
}

static int
testNodeStartPending(virConnectPtr conn, testNodePtr node)
{
    size_t i;
    testDomPtr dom;

    for (i = 0; i < node->ndoms; i++) {
        dom = node->doms[i];
        if (!testDomIsActive(dom) && dom->state != VIR_DOMAIN_SHUTOFF &&
            testDomStart(conn, node, dom, -1, dom->state) < 0)
            return -1;
    }
    return 0;
}

/*
 * Raises the one VIR_ERR_PARSE_FAILED of a node file that is well-formed
 * but wrong: "SOURCE:LINE: message".  Returns -1, for the caller to.
 */
static int
testParseError(virConnectPtr conn, const char *source, long line,
               const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return virReportOOM(conn, VIR_FROM_TEST);
    virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_PARSE_FAILED,
                   "%s:%ld: %s", source, line, msg);
    free(msg);
    return -1;
}
