/*
 * sim_image.c: save and core images of the test driver.
 *
 * A save image, all integers little-endian:
 *
 *   offset 0   8 bytes  magic "VIRTMIBS"
 *          8   u32      format version (1)
 *         12   u32      length of the domain XML in bytes (no NUL)
 *         16   u32      length of the runtime section in bytes
 *         20   u32      FNV-1a 32 of bytes 0..19 and of everything from 24
 *         24            the domain XML, then the runtime section:
 *                       u32 state, u32 maxvcpus, u32 vcpus, u32 maplen,
 *                       u64 max memory KiB, u64 memory KiB, then for each
 *                       of maxvcpus vcpus: u64 cpu time ns, maplen bytes of
 *                       affinity map.
 *
 * A core image is "VIRTMIBC", u32 version (1), u32 XML length, u64 memory
 * KiB, u32 vcpus, u32 FNV-1a 32 of the XML, then the XML.  The memory
 * itself is not simulated, so it is noted, not written.
 *
 * Both are written with virFileWriteAtomic(): a failed write leaves no
 * partial file and the domain unchanged.
 */

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/sim_image.h"
#include "util/buf.h"
#include "util/hash.h"

#define TEST_SAVE_MAGIC    "VIRTMIBS"
#define TEST_CORE_MAGIC    "VIRTMIBC"
#define TEST_IMAGE_VERSION 1
#define TEST_SAVE_HEADER   24
#define TEST_SAVE_RUNTIME  32 /* fixed part of the runtime section */
#define TEST_NO_CPU        SIZE_MAX

/* A bounded reader; reading past the end sticks in @bad. */
typedef struct {
    const unsigned char *data;
    size_t len;
    size_t pos;
    bool bad;
} testReader;

/* Buffers */
static void testBufU32(virBuffer *buf, uint32_t val);
static void testBufU64(virBuffer *buf, uint64_t val);
static void testBufSetU32(virBuffer *buf, size_t at, uint32_t val);
static const unsigned char *testGet(testReader *rd, size_t len);
static uint32_t testGetU32(testReader *rd);
static uint64_t testGetU64(testReader *rd);

/* Images */
static int testImageWrite(virDomainPtr domain, virBuffer *buf, const char *path,
                          const char *op);
static char *testImageCheck(virConnectPtr conn, const char *path,
                            const unsigned char *data, size_t len,
                            testReader *rt);
static testDomPtr testImageRuntime(virConnectPtr conn, testNodePtr node,
                                   const char *path, virDomainDefPtr def,
                                   testReader *rt);
static int testImageVcpus(virConnectPtr conn, testNodePtr node,
                          const char *path, testDomPtr dom, testReader *rt,
                          size_t maplen);
static int testImageMapFits(virConnectPtr conn, testNodePtr node,
                            const char *path, unsigned int vcpu,
                            const unsigned char *map, size_t maplen);
static void testImageBad(virConnectPtr conn, const char *path, const char *why);
static size_t testMapNext(const unsigned char *map, size_t maplen, size_t from);

static void
testBufU32(virBuffer *buf, uint32_t val)
{
    unsigned char b[4];
    int i;

    for (i = 0; i < 4; i++)
        b[i] = (unsigned char)(val >> (8 * i));
    virBufferAdd(buf, b, sizeof(b));
}

static void
testBufU64(virBuffer *buf, uint64_t val)
{
    testBufU32(buf, (uint32_t)val);
    testBufU32(buf, (uint32_t)(val >> 32));
}

static void
testBufSetU32(virBuffer *buf, size_t at, uint32_t val)
{
    int i;

    for (i = 0; i < 4; i++)
        buf->data[at + i] = (char)(val >> (8 * i));
}

static const unsigned char *
testGet(testReader *rd, size_t len)
{
    const unsigned char *p;

    if (rd->bad || len > rd->len - rd->pos) {
        rd->bad = true;
        return NULL;
    }
    p = rd->data + rd->pos;
    rd->pos += len;
    return p;
}

static uint32_t
testGetU32(testReader *rd)
{
    const unsigned char *p = testGet(rd, 4);

    if (!p)
        return 0;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t
testGetU64(testReader *rd)
{
    uint64_t lo = testGetU32(rd);
    uint64_t hi = testGetU32(rd);

    return lo | hi << 32;
}

/* ---------------------------------------------------------------- save */

int
testImageWriteSave(virDomainPtr domain, testNodePtr node, testDomPtr dom,
                   const char *path)
{
    virBuffer buf = { 0 };
    char *xml;
    size_t xmlLen, rtLen, i;
    uint32_t sum;
    int ret;

    xml = virDomainDefFormat(domain->conn, dom->def, dom->id);
    if (!xml)
        return -1;
    xmlLen = strlen(xml);
    rtLen = TEST_SAVE_RUNTIME + dom->maxVcpus * (8 + (size_t)node->maplen);
    virBufferAdd(&buf, TEST_SAVE_MAGIC, 8);
    testBufU32(&buf, TEST_IMAGE_VERSION);
    testBufU32(&buf, (uint32_t)xmlLen);
    testBufU32(&buf, (uint32_t)rtLen);
    testBufU32(&buf, 0); /* checksum, below */
    virBufferAdd(&buf, xml, xmlLen);
    testBufU32(&buf, (uint32_t)dom->state);
    testBufU32(&buf, dom->maxVcpus);
    testBufU32(&buf, dom->def->vcpus);
    testBufU32(&buf, (uint32_t)node->maplen);
    testBufU64(&buf, dom->def->maxmem);
    testBufU64(&buf, dom->def->memory);
    for (i = 0; i < dom->maxVcpus; i++) {
        testBufU64(&buf, dom->vcpus[i].cpuTime);
        virBufferAdd(&buf, dom->vcpus[i].cpumap, (size_t)node->maplen);
    }
    free(xml);
    if (!buf.oom) {
        sum = virHashFNV1a(VIR_HASH_FNV_INIT, buf.data, 20);
        sum = virHashFNV1a(sum, buf.data + TEST_SAVE_HEADER,
                           buf.len - TEST_SAVE_HEADER);
        testBufSetU32(&buf, 20, sum);
    }
    ret = testImageWrite(domain, &buf, path, "save");
    free(buf.data);
    return ret;
}

static int
testImageWrite(virDomainPtr domain, virBuffer *buf, const char *path,
               const char *op)
{
    if (buf->oom)
        return virReportOOM(domain->conn, VIR_FROM_TEST);
    errno = 0;
    if (virFileWriteAtomic(path, buf->data, buf->len) < 0)
        return virReportError(
            domain->conn, domain, VIR_FROM_TEST, VIR_ERR_WRITE_FAILED,
            "cannot %s domain '%s' to '%s': %s", op, domain->name, path,
            strerror(errno ? errno : EIO));
    return 0;
}

static void
testImageBad(virConnectPtr conn, const char *path, const char *why)
{
    virReportError(conn, NULL, VIR_FROM_TEST, VIR_ERR_READ_FAILED,
                   "cannot restore from '%s': %s", path, why);
}

/*
 * A new inactive domain from the save image at @path, not yet added to
 * @node, or NULL after raising VIR_ERR_READ_FAILED (unreadable, not a save
 * image, damaged, or pinned to cpus that @node lacks or has offline).
 */
testDomPtr
testImageReadSave(virConnectPtr conn, testNodePtr node, const char *path)
{
    char *data = NULL;
    char *xml = NULL;
    size_t len = 0;
    testReader rt;
    virDomainDefPtr def = NULL;
    testDomPtr dom = NULL;

    errno = 0;
    if (virFileReadAll(path, TEST_MAX_FILE_SIZE, &data, &len) < 0) {
        testImageBad(conn, path, strerror(errno ? errno : EIO));
        return NULL;
    }
    xml = testImageCheck(conn, path, (const unsigned char *)data, len, &rt);
    if (!xml)
        goto cleanup;
    def = virDomainDefParseString(conn, xml);
    if (!def)
        goto cleanup;
    dom = testImageRuntime(conn, node, path, def, &rt);
    if (dom)
        def = NULL;

cleanup:
    virDomainDefFree(def);
    free(xml);
    free(data);
    return dom;
}

/*
 * Validates header, lengths and checksum; returns the XML as a string and
 * points @rt at the runtime section.
 */
static char *
testImageCheck(virConnectPtr conn, const char *path, const unsigned char *data,
               size_t len, testReader *rt)
{
    testReader rd = { data, len, 0, false };
    const unsigned char *magic = testGet(&rd, 8);
    uint32_t version = testGetU32(&rd);
    uint32_t xmlLen = testGetU32(&rd);
    uint32_t rtLen = testGetU32(&rd);
    uint32_t sum = testGetU32(&rd);
    char *xml;

    if (!magic || memcmp(magic, TEST_SAVE_MAGIC, 8) != 0) {
        testImageBad(conn, path, "not a test driver save image");
        return NULL;
    }
    if (version != TEST_IMAGE_VERSION) {
        testImageBad(conn, path, "unsupported save image version");
        return NULL;
    }
    if ((uint64_t)TEST_SAVE_HEADER + xmlLen + rtLen != len) {
        testImageBad(conn, path, "truncated or oversized save image");
        return NULL;
    }
    if (virHashFNV1a(virHashFNV1a(VIR_HASH_FNV_INIT, data, 20),
                     data + TEST_SAVE_HEADER, len - TEST_SAVE_HEADER) != sum) {
        testImageBad(conn, path, "checksum mismatch, the image is damaged");
        return NULL;
    }
    xml = malloc((size_t)xmlLen + 1);
    if (!xml) {
        virReportOOM(conn, VIR_FROM_TEST);
        return NULL;
    }
    memcpy(xml, data + TEST_SAVE_HEADER, xmlLen);
    xml[xmlLen] = '\0';
    rt->data = data + TEST_SAVE_HEADER + xmlLen;
    rt->len = rtLen;
    rt->pos = 0;
    rt->bad = false;
    return xml;
}

/* The domain of @def with the saved runtime state of @rt. */
static testDomPtr
testImageRuntime(virConnectPtr conn, testNodePtr node, const char *path,
                 virDomainDefPtr def, testReader *rt)
{
    uint32_t maxVcpus, vcpus, maplen;
    uint64_t maxmem, memory;
    testDomPtr dom;

    (void)testGetU32(rt); /* the state it had; a restore runs it */
    maxVcpus = testGetU32(rt);
    vcpus = testGetU32(rt);
    maplen = testGetU32(rt);
    maxmem = testGetU64(rt);
    memory = testGetU64(rt);
    if (rt->bad || maxVcpus < 1 || maxVcpus > VIR_DOMAIN_MAX_VCPUS ||
        vcpus != def->vcpus || vcpus > maxVcpus || maxmem != def->maxmem ||
        memory != def->memory) {
        testImageBad(conn, path, "inconsistent runtime state");
        return NULL;
    }
    if (maplen < 1 || maplen > VIR_CPU_MAPLEN(TEST_MAX_CPUS)) {
        testImageBad(conn, path, "invalid cpu map length");
        return NULL;
    }
    if (rt->len - rt->pos != (size_t)maxVcpus * (8 + (size_t)maplen)) {
        testImageBad(conn, path, "inconsistent vcpu section");
        return NULL;
    }
    dom = testDomNew(conn, node, def, maxVcpus);
    if (!dom)
        return NULL;
    if (testImageVcpus(conn, node, path, dom, rt, maplen) < 0) {
        dom->def = NULL;
        testDomFree(dom);
        return NULL;
    }
    return dom;
}

/*
 * Reads each vcpu's cpu time and map (@maplen bytes, the saving host's
 * size).  A map must name at least one cpu and online cpus of @node only;
 * it is then kept exactly, the bytes it lacks clear.
 */
static int
testImageVcpus(virConnectPtr conn, testNodePtr node, const char *path,
               testDomPtr dom, testReader *rt, size_t maplen)
{
    size_t keep = maplen < (size_t)node->maplen ? maplen : (size_t)node->maplen;
    const unsigned char *map;
    unsigned int i;

    for (i = 0; i < dom->maxVcpus; i++) {
        dom->vcpus[i].cpuTime = testGetU64(rt);
        map = testGet(rt, maplen);
        if (!map) {
            testImageBad(conn, path, "inconsistent vcpu section");
            return -1;
        }
        if (testImageMapFits(conn, node, path, i, map, maplen) < 0)
            return -1;
        memset(dom->vcpus[i].cpumap, 0, (size_t)node->maplen);
        memcpy(dom->vcpus[i].cpumap, map, keep);
    }
    return 0;
}

/*
 * 0 when the saved @map of @vcpu names at least one cpu, and online cpus
 * of @node only; else -1 after raising VIR_ERR_READ_FAILED.
 */
static int
testImageMapFits(virConnectPtr conn, testNodePtr node, const char *path,
                 unsigned int vcpu, const unsigned char *map, size_t maplen)
{
    size_t c = testMapNext(map, maplen, node->cpus);

    if (c != TEST_NO_CPU && c < node->maxcpus)
        return virReportError(
            conn, NULL, VIR_FROM_TEST, VIR_ERR_READ_FAILED,
            "cannot restore from '%s': vcpu %u is pinned to cpu "
            "%zu, which is offline on this host (cpus 0-%u are "
            "online)",
            path, vcpu, c, node->cpus - 1);
    if (c != TEST_NO_CPU)
        return virReportError(
            conn, NULL, VIR_FROM_TEST, VIR_ERR_READ_FAILED,
            "cannot restore from '%s': vcpu %u is pinned to cpu "
            "%zu, which this host does not have (cpus 0-%u)",
            path, vcpu, c, node->maxcpus - 1);
    if (testMapNext(map, maplen, 0) == TEST_NO_CPU)
        return virReportError(
            conn, NULL, VIR_FROM_TEST, VIR_ERR_READ_FAILED,
            "cannot restore from '%s': vcpu %u is pinned to no cpu", path,
            vcpu);
    return 0;
}

/* The first cpu from @from on that @map names, or TEST_NO_CPU. */
static size_t
testMapNext(const unsigned char *map, size_t maplen, size_t from)
{
    size_t c = from;

    while (c < maplen * 8) {
        if (c % 8 == 0 && map[c / 8] == 0)
            c += 8;
        else if (map[c / 8] & (1U << (c % 8)))
            return c;
        else
            c++;
    }
    return TEST_NO_CPU;
}

/* ---------------------------------------------------------------- core */

int
testImageWriteCore(virDomainPtr domain, testNodePtr node, testDomPtr dom,
                   const char *path)
{
    virBuffer buf = { 0 };
    char *xml;
    size_t xmlLen;
    int ret;

    (void)node;
    xml = virDomainDefFormat(domain->conn, dom->def, dom->id);
    if (!xml)
        return -1;
    xmlLen = strlen(xml);
    virBufferAdd(&buf, TEST_CORE_MAGIC, 8);
    testBufU32(&buf, TEST_IMAGE_VERSION);
    testBufU32(&buf, (uint32_t)xmlLen);
    testBufU64(&buf, dom->def->memory);
    testBufU32(&buf, dom->def->vcpus);
    testBufU32(&buf, virHashFNV1a(VIR_HASH_FNV_INIT, xml, xmlLen));
    virBufferAdd(&buf, xml, xmlLen);
    free(xml);
    ret = testImageWrite(domain, &buf, path, "dump");
    free(buf.data);
    return ret;
}
