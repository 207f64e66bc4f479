/*
 * check_domain_conf.c: domain and device XML, parsed and formatted.
 *
 * The corpus lives in data/xml/: every document of valid/ must parse, and
 * format to a fixed point that parses back to the same definition; every
 * document of invalid/ must be refused with exactly one VIR_ERR_XML_ERROR
 * whose message holds the reason its first line announces, as
 * "<!-- expect: REASON -->".
 */

#include <config.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/domain_conf.h"

#define CORPUS_DIR ABS_SRCDIR "/data/xml"

/* The corpus, listed once when the suite is built. */
typedef struct {
    char **names;
    size_t count;
} corpusList;

static corpusList validFiles;
static corpusList invalidFiles;
static int errorsRaised;

static Suite *domain_conf_suite(void);
static void countError(void *userData, virErrorPtr err);
static void setup(void);
static int compareNames(const void *a, const void *b);
static void corpusLoad(corpusList *list, const char *subdir);
static void corpusFree(corpusList *list);
static char *corpusRead(const char *subdir, const char *name);
static char *expectedReason(const char *xml);
static const char *lastMessage(void);
static void assertXMLError(const char *what, const char *expect);
static virDomainDefPtr parseCorpus(const char *subdir, const char *name);
static bool strEq(const char *a, const char *b);
static const char *defDiff(const virDomainDef *a, const virDomainDef *b);
static const char *osDiff(const virDomainOSDef *a, const virDomainOSDef *b);
static const char *diskDiff(const virDomainDiskDef *a,
                            const virDomainDiskDef *b);
static const char *netDiff(const virDomainNetDef *a, const virDomainNetDef *b);
static const char *graphicsDiff(const virDomainGraphicsDef *a,
                                const virDomainGraphicsDef *b);
static char *replace(const char *str, const char *from, const char *to);
static size_t countDisks(const virDomainDef *def);
static size_t countNets(const virDomainDef *def);


/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static void
countError(void *userData, virErrorPtr err)
{
    errorsRaised++;
}

/* Errors are counted, not printed, and start cleared. */
static void
setup(void)
{
    virSetErrorFunc(NULL, countError);
    virResetLastError();
    errorsRaised = 0;
}

static int
compareNames(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
corpusLoad(corpusList *list, const char *subdir)
{
    char path[4096];
    DIR *dir;
    struct dirent *ent;
    char **grown;

    snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, subdir);
    dir = opendir(path);
    if (!dir)
        return;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);

        if (len < 5 || strcmp(ent->d_name + len - 4, ".xml") != 0)
            continue;
        grown = realloc(list->names, (list->count + 1) * sizeof(char *));
        if (!grown)
            break;
        list->names = grown;
        list->names[list->count] = strdup(ent->d_name);
        if (list->names[list->count])
            list->count++;
    }
    closedir(dir);
    if (list->count > 0)
        qsort(list->names, list->count, sizeof(char *), compareNames);
}

static void
corpusFree(corpusList *list)
{
    size_t i;

    for (i = 0; i < list->count; i++)
        free(list->names[i]);
    free(list->names);
    list->names = NULL;
    list->count = 0;
}

static char *
corpusRead(const char *subdir, const char *name)
{
    char path[4096];
    char *data = NULL;

    snprintf(path, sizeof(path), "%s/%s/%s", CORPUS_DIR, subdir, name);
    ck_assert_msg(virFileReadAll(path, 1 << 20, &data, NULL) == 0,
                  "cannot read %s", path);
    return data;
}

/* The REASON of a leading "<!-- expect: REASON -->", or NULL. */
static char *
expectedReason(const char *xml)
{
    static const char open[] = "<!-- expect: ";
    const char *end;

    if (strncmp(xml, open, strlen(open)) != 0)
        return NULL;
    xml += strlen(open);
    end = strstr(xml, " -->");
    if (!end)
        return NULL;
    return strndup(xml, (size_t)(end - xml));
}

static const char *
lastMessage(void)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return "(no error)";
    return err->message ? err->message : "(no message)";
}

/* Exactly one VIR_ERR_XML_ERROR from VIR_FROM_XML was raised, whose message
 * contains @expect. */
static void
assertXMLError(const char *what, const char *expect)
{
    virErrorPtr err = virGetLastError();

    ck_assert_msg(err != NULL, "%s: no error raised", what);
    ck_assert_msg(err->code == VIR_ERR_XML_ERROR,
                  "%s: code %d, not VIR_ERR_XML_ERROR (%s)", what, err->code,
                  lastMessage());
    ck_assert_int_eq(err->domain, VIR_FROM_XML);
    ck_assert_msg(err->message && strstr(err->message, expect),
                  "%s: message \"%s\" lacks \"%s\"", what, lastMessage(),
                  expect);
    ck_assert_msg(errorsRaised == 1, "%s: %d errors raised, not 1", what,
                  errorsRaised);
}

static virDomainDefPtr
parseCorpus(const char *subdir, const char *name)
{
    char *xml = corpusRead(subdir, name);
    virDomainDefPtr def = virDomainDefParseString(NULL, xml);

    ck_assert_msg(def != NULL, "%s: %s", name, lastMessage());
    free(xml);
    return def;
}

static bool
strEq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* The name of the first field where @a and @b differ, or NULL. */
static const char *
osDiff(const virDomainOSDef *a, const virDomainOSDef *b)
{
    if (!strEq(a->type, b->type))
        return "os.type";
    if (!strEq(a->kernel, b->kernel))
        return "os.kernel";
    if (!strEq(a->initrd, b->initrd))
        return "os.initrd";
    if (!strEq(a->cmdline, b->cmdline))
        return "os.cmdline";
    if (!strEq(a->root, b->root))
        return "os.root";
    if (!strEq(a->loader, b->loader))
        return "os.loader";
    if (!strEq(a->bootDev, b->bootDev))
        return "os.bootDev";
    return NULL;
}

static const char *
diskDiff(const virDomainDiskDef *a, const virDomainDiskDef *b)
{
    for (; a && b; a = a->next, b = b->next) {
        if (a->type != b->type || a->device != b->device)
            return "disk type/device";
        if (!strEq(a->driverName, b->driverName) ||
            !strEq(a->driverType, b->driverType))
            return "disk driver";
        if (!strEq(a->src, b->src) || !strEq(a->dst, b->dst))
            return "disk source/target";
        if (a->readonly != b->readonly)
            return "disk readonly";
    }
    return a || b ? "disk count" : NULL;
}

static const char *
netDiff(const virDomainNetDef *a, const virDomainNetDef *b)
{
    for (; a && b; a = a->next, b = b->next) {
        if (a->type != b->type || memcmp(a->mac, b->mac, 6) != 0)
            return "net type/mac";
        if (!strEq(a->bridge, b->bridge) || !strEq(a->script, b->script) ||
            !strEq(a->ifname, b->ifname))
            return "net bridge/script/ifname";
    }
    return a || b ? "net count" : NULL;
}

static const char *
graphicsDiff(const virDomainGraphicsDef *a, const virDomainGraphicsDef *b)
{
    if (!a || !b)
        return a == b ? NULL : "graphics presence";
    if (a->type != b->type || a->port != b->port ||
        !strEq(a->listen, b->listen))
        return "graphics";
    return NULL;
}

static const char *
defDiff(const virDomainDef *a, const virDomainDef *b)
{
    const char *diff;

    if (!strEq(a->virtType, b->virtType) || a->id != b->id)
        return "virtType/id";
    if (!strEq(a->name, b->name))
        return "name";
    if (a->hasUUID != b->hasUUID ||
        memcmp(a->uuid, b->uuid, VIR_UUID_BUFLEN) != 0)
        return "uuid";
    if (!strEq(a->bootloader, b->bootloader))
        return "bootloader";
    if (a->maxmem != b->maxmem || a->memory != b->memory ||
        a->vcpus != b->vcpus)
        return "memory/vcpus";
    if (a->onPoweroff != b->onPoweroff || a->onReboot != b->onReboot ||
        a->onCrash != b->onCrash)
        return "lifecycle";
    if (a->console != b->console || !strEq(a->consoleTty, b->consoleTty))
        return "console";
    if ((diff = osDiff(&a->os, &b->os)) ||
        (diff = diskDiff(a->disks, b->disks)) ||
        (diff = netDiff(a->nets, b->nets)) ||
        (diff = graphicsDiff(a->graphics, b->graphics)))
        return diff;
    return NULL;
}

/* A copy of @str with the first @from replaced by @to. */
static char *
replace(const char *str, const char *from, const char *to)
{
    const char *at = strstr(str, from);
    char *out;

    ck_assert_msg(at != NULL, "\"%s\" not found", from);
    out = malloc(strlen(str) - strlen(from) + strlen(to) + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, str, (size_t)(at - str));
    strcpy(out + (at - str), to);
    strcat(out, at + strlen(from));
    return out;
}

static size_t
countDisks(const virDomainDef *def)
{
    const virDomainDiskDef *disk;
    size_t n = 0;

    for (disk = def->disks; disk; disk = disk->next)
        n++;
    return n;
}

static size_t
countNets(const virDomainDef *def)
{
    const virDomainNetDef *net;
    size_t n = 0;

    for (net = def->nets; net; net = net->next)
        n++;
    return n;
}


/* ------------------------------------------------------------------ */
/* Corpus                                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_corpus_present)
{
    ck_assert_uint_ge(validFiles.count, 10);
    ck_assert_uint_ge(invalidFiles.count, 20);
}
END_TEST

/* parse -> format -> parse -> format is a fixed point, fields intact. */
START_TEST(test_valid_roundtrip)
{
    const char *name = validFiles.names[_i];
    virDomainDefPtr def1 = parseCorpus("valid", name);
    virDomainDefPtr def2;
    char *out1;
    char *out2;
    const char *diff;

    out1 = virDomainDefFormat(NULL, def1, def1->id);
    ck_assert_msg(out1 != NULL, "%s: format: %s", name, lastMessage());
    def2 = virDomainDefParseString(NULL, out1);
    ck_assert_msg(def2 != NULL, "%s: own output refused: %s\n%s", name,
                  lastMessage(), out1);
    out2 = virDomainDefFormat(NULL, def2, def2->id);
    ck_assert_ptr_nonnull(out2);
    ck_assert_str_eq(out1, out2);
    diff = defDiff(def1, def2);
    ck_assert_msg(diff == NULL, "%s: %s differs after a round trip", name,
                  diff);
    ck_assert_int_eq(errorsRaised, 0);
    free(out1);
    free(out2);
    virDomainDefFree(def1);
    virDomainDefFree(def2);
}
END_TEST

START_TEST(test_invalid_refused)
{
    const char *name = invalidFiles.names[_i];
    char *xml = corpusRead("invalid", name);
    char *expect = expectedReason(xml);
    virDomainDefPtr def;

    ck_assert_msg(expect != NULL, "%s: no <!-- expect: ... --> line", name);
    def = virDomainDefParseString(NULL, xml);
    ck_assert_msg(def == NULL, "%s: accepted", name);
    assertXMLError(name, expect);
    free(expect);
    free(xml);
}
END_TEST


/* ------------------------------------------------------------------ */
/* Parsing: fields                                                     */
/* ------------------------------------------------------------------ */

START_TEST(test_minimal_defaults)
{
    virDomainDefPtr def = parseCorpus("valid", "minimal-pv.xml");
    char *xml;

    ck_assert_str_eq(def->virtType, "xen");
    ck_assert_int_eq(def->id, -1);
    ck_assert_str_eq(def->name, "minimal");
    ck_assert(!def->hasUUID);
    ck_assert_ptr_null(def->bootloader);
    ck_assert_str_eq(def->os.type, "linux");
    ck_assert_str_eq(def->os.kernel, "/boot/vmlinuz-2.6.18-xen");
    ck_assert_ptr_null(def->os.initrd);
    ck_assert_uint_eq(def->maxmem, 131072);
    ck_assert_uint_eq(def->memory, 131072);
    ck_assert_uint_eq(def->vcpus, 1);
    ck_assert_int_eq(def->onPoweroff, VIR_DOMAIN_DESTROY);
    ck_assert_int_eq(def->onReboot, VIR_DOMAIN_RESTART);
    ck_assert_int_eq(def->onCrash, VIR_DOMAIN_RESTART);
    ck_assert_ptr_null(def->disks);
    ck_assert_ptr_null(def->nets);
    ck_assert_ptr_null(def->graphics);
    ck_assert(!def->console);
    xml = virDomainDefFormat(NULL, def, -1);
    ck_assert_ptr_nonnull(xml);
    ck_assert_ptr_null(strstr(xml, "currentMemory"));
    ck_assert_ptr_null(strstr(xml, "<uuid>"));
    ck_assert_ptr_null(strstr(xml, " id="));
    ck_assert_ptr_nonnull(strstr(xml, "\n  <memory>131072</memory>\n"));
    free(xml);
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_full_pv_fields)
{
    virDomainDefPtr def = parseCorpus("valid", "full-pv.xml");
    virDomainDiskDefPtr disk;
    char uuid[VIR_UUID_STRING_BUFLEN];

    ck_assert_int_eq(def->id, 3);
    ck_assert(def->hasUUID);
    virUUIDFormat(def->uuid, uuid);
    ck_assert_str_eq(uuid, "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
    ck_assert_str_eq(def->os.initrd, "/boot/initrd-2.6.18-1.2798.fc6xen.img");
    ck_assert_str_eq(def->os.cmdline, " ro selinux=0 3");
    ck_assert_str_eq(def->os.root, "/dev/xvda1");
    ck_assert_uint_eq(def->maxmem, 524288);
    ck_assert_uint_eq(def->memory, 262144);
    ck_assert_uint_eq(def->vcpus, 2);
    ck_assert_int_eq(def->onCrash, VIR_DOMAIN_PRESERVE);
    ck_assert_uint_eq(countDisks(def), 3);
    disk = def->disks;
    ck_assert_int_eq(disk->type, VIR_DOMAIN_DISK_FILE);
    ck_assert_str_eq(disk->driverName, "tap");
    ck_assert_str_eq(disk->driverType, "aio");
    ck_assert(!disk->readonly);
    disk = disk->next;
    ck_assert_int_eq(disk->type, VIR_DOMAIN_DISK_BLOCK);
    ck_assert_str_eq(disk->src, "/dev/VolGroup00/fc6-data");
    ck_assert_ptr_null(disk->driverName);
    ck_assert(disk->readonly);
    ck_assert_int_eq(disk->next->device, VIR_DOMAIN_DISK_DEVICE_CDROM);
    ck_assert_str_eq(disk->next->dst, "xvdc");
    ck_assert_uint_eq(countNets(def), 2);
    ck_assert_int_eq(def->nets->type, VIR_DOMAIN_NET_BRIDGE);
    ck_assert_str_eq(def->nets->bridge, "xenbr0");
    ck_assert_str_eq(def->nets->script, "vif-bridge");
    ck_assert_str_eq(def->nets->ifname, "vif3.0");
    ck_assert_int_eq(def->nets->next->type, VIR_DOMAIN_NET_ETHERNET);
    ck_assert_int_eq(def->nets->next->mac[5], 0x9f);
    ck_assert_int_eq(def->graphics->type, VIR_DOMAIN_GRAPHICS_VNC);
    ck_assert_int_eq(def->graphics->port, 5903);
    ck_assert_str_eq(def->graphics->listen, "127.0.0.1");
    ck_assert(def->console);
    ck_assert_str_eq(def->consoleTty, "/dev/pts/5");
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_hvm_fields)
{
    virDomainDefPtr def = parseCorpus("valid", "hvm.xml");
    char *xml;

    ck_assert_str_eq(def->os.type, "hvm");
    ck_assert_str_eq(def->os.loader, "/usr/lib/xen/boot/hvmloader");
    ck_assert_str_eq(def->os.bootDev, "cdrom");
    ck_assert_ptr_null(def->os.kernel);
    ck_assert_int_eq(def->onCrash, VIR_DOMAIN_RENAME_RESTART);
    ck_assert_int_eq(def->graphics->port, -1);
    ck_assert_uint_eq(countDisks(def), 2);
    ck_assert_uint_eq(countNets(def), 1);
    xml = virDomainDefFormat(NULL, def, -1);
    ck_assert_ptr_nonnull(xml);
    /* Unknown elements are ignored, hence not written back. */
    ck_assert_ptr_null(strstr(xml, "features"));
    ck_assert_ptr_null(strstr(xml, "emulator"));
    ck_assert_ptr_nonnull(strstr(xml, "<boot dev='cdrom'/>"));
    ck_assert_ptr_nonnull(strstr(xml, "port='-1' autoport='yes'"));
    free(xml);
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_small_variants)
{
    virDomainDefPtr def = parseCorpus("valid", "cdrom-empty.xml");

    ck_assert_ptr_null(def->disks->next->src);
    ck_assert_int_eq(def->disks->next->device, VIR_DOMAIN_DISK_DEVICE_CDROM);
    virDomainDefFree(def);
    def = parseCorpus("valid", "graphics-sdl.xml");
    ck_assert_int_eq(def->graphics->type, VIR_DOMAIN_GRAPHICS_SDL);
    ck_assert(def->console);
    ck_assert_ptr_null(def->consoleTty);
    virDomainDefFree(def);
    /* autoport='yes' wins over the port given beside it. */
    def = parseCorpus("valid", "graphics-vnc-autoport.xml");
    ck_assert_int_eq(def->graphics->port, -1);
    ck_assert_str_eq(def->graphics->listen, "0.0.0.0");
    virDomainDefFree(def);
    def = parseCorpus("valid", "ethernet-script.xml");
    ck_assert_int_eq(def->nets->type, VIR_DOMAIN_NET_ETHERNET);
    ck_assert_ptr_null(def->nets->bridge);
    ck_assert_str_eq(def->nets->script, "/etc/xen/scripts/vif-route");
    virDomainDefFree(def);
    def = parseCorpus("valid", "pretty-printed.xml");
    ck_assert_uint_eq(def->maxmem, 262144);
    ck_assert_uint_eq(def->vcpus, 8);
    ck_assert(def->hasUUID);
    ck_assert_str_eq(def->os.kernel, "/boot/vmlinuz-<cdata>");
    ck_assert_ptr_null(def->os.cmdline);
    virDomainDefFree(def);
    def = parseCorpus("valid", "max-limits.xml");
    ck_assert_int_eq(def->id, 2147483647);
    ck_assert_uint_eq(strlen(def->name), VIR_DOMAIN_MAX_NAME);
    ck_assert_uint_eq(def->vcpus, VIR_DOMAIN_MAX_VCPUS);
    ck_assert_uint_eq(def->memory, 1);
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_current_memory)
{
    virDomainDefPtr def = parseCorpus("valid", "current-memory.xml");
    char *xml;

    ck_assert_uint_eq(def->maxmem, 1048576);
    ck_assert_uint_eq(def->memory, 524288);
    xml = virDomainDefFormat(NULL, def, -1);
    ck_assert_ptr_nonnull(
        strstr(xml, "\n  <currentMemory>524288</currentMemory>\n"));
    free(xml);
    /* Equal to <memory>: left out. */
    def->memory = def->maxmem;
    xml = virDomainDefFormat(NULL, def, -1);
    ck_assert_ptr_null(strstr(xml, "currentMemory"));
    free(xml);
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_escaped_text)
{
    virDomainDefPtr def = parseCorpus("valid", "escaped.xml");
    char *xml;

    ck_assert_str_eq(def->name, "a&b<c>'d\"e");
    ck_assert_str_eq(def->os.kernel, "/boot/vmlinuz & friends");
    ck_assert_str_eq(def->os.cmdline,
                     "root=/dev/xvda1 console=\"hvc0\" msg='<hi>' a&b");
    ck_assert_str_eq(def->disks->src, "/images/it's \"quoted\" & <odd>.img");
    xml = virDomainDefFormat(NULL, def, -1);
    ck_assert_ptr_nonnull(xml);
    ck_assert_ptr_nonnull(
        strstr(xml, "<name>a&amp;b&lt;c&gt;&apos;d&quot;e</name>"));
    ck_assert_ptr_nonnull(strstr(xml, "<source file='/images/it&apos;s "
                                      "&quot;quoted&quot; &amp; "
                                      "&lt;odd&gt;.img'/>"));
    free(xml);
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_uuid_forms)
{
    virDomainDefPtr dashed = parseCorpus("valid", "full-pv.xml");
    virDomainDefPtr plain = parseCorpus("valid", "uuid-no-dashes.xml");
    char *xml;

    ck_assert(plain->hasUUID);
    ck_assert_mem_eq(plain->uuid, dashed->uuid, VIR_UUID_BUFLEN);
    xml = virDomainDefFormat(NULL, plain, -1);
    ck_assert_ptr_nonnull(
        strstr(xml, "<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"));
    free(xml);
    virDomainDefFree(dashed);
    virDomainDefFree(plain);
}
END_TEST

/* Interfaces without <mac> get distinct addresses in Xen's range. */
START_TEST(test_generated_macs)
{
    virDomainDefPtr def = parseCorpus("valid", "bootloader.xml");
    virDomainNetDefPtr a = def->nets;
    virDomainNetDefPtr b = a->next;

    ck_assert_str_eq(def->bootloader, "/usr/bin/pygrub");
    ck_assert_ptr_null(def->os.kernel);
    ck_assert_int_eq(def->id, -1);
    ck_assert_int_eq(def->onPoweroff, VIR_DOMAIN_PRESERVE);
    ck_assert_int_eq(def->onReboot, VIR_DOMAIN_DESTROY);
    ck_assert_int_eq(def->disks->type, VIR_DOMAIN_DISK_FILE);
    ck_assert_int_eq(def->disks->device, VIR_DOMAIN_DISK_DEVICE_DISK);
    ck_assert_int_eq(a->mac[0], 0x00);
    ck_assert_int_eq(a->mac[1], 0x16);
    ck_assert_int_eq(a->mac[2], 0x3e);
    ck_assert_int_lt(a->mac[3], 0x80);
    ck_assert_int_eq(b->mac[2], 0x3e);
    ck_assert_int_lt(b->mac[3], 0x80);
    ck_assert(memcmp(a->mac, b->mac, 6) != 0);
    ck_assert_ptr_eq(virDomainNetFind(def, b->mac), b);
    virDomainDefFree(def);
}
END_TEST

/* What virDomainGetXMLDesc gives, renamed and without <uuid>, defines a
 * new domain: the usual way to clone one. */
START_TEST(test_renamed_without_uuid)
{
    virDomainDefPtr def = parseCorpus("valid", "full-pv.xml");
    virDomainDefPtr clone;
    char *desc = virDomainDefFormat(NULL, def, 3);
    char *renamed = replace(desc, "<name>fc6</name>", "<name>fc6-clone</name>");
    char *xml = replace(
        renamed, "  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>\n", "");

    clone = virDomainDefParseString(NULL, xml);
    ck_assert_msg(clone != NULL, "%s", lastMessage());
    ck_assert_str_eq(clone->name, "fc6-clone");
    ck_assert(!clone->hasUUID);
    ck_assert_uint_eq(clone->memory, def->memory);
    ck_assert_uint_eq(countDisks(clone), countDisks(def));
    ck_assert_ptr_null(diskDiff(clone->disks, def->disks));
    ck_assert_ptr_null(netDiff(clone->nets, def->nets));
    ck_assert_int_eq(errorsRaised, 0);
    free(desc);
    free(renamed);
    free(xml);
    virDomainDefFree(def);
    virDomainDefFree(clone);
}
END_TEST


/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

START_TEST(test_format_layout)
{
    virDomainDefPtr def = parseCorpus("valid", "block-disk.xml");
    char *xml = virDomainDefFormat(NULL, def, 7);

    ck_assert_ptr_nonnull(xml);
    ck_assert_str_eq(xml, "<domain type='xen' id='7'>\n"
                          "  <name>lvm-guest</name>\n"
                          "  <os>\n"
                          "    <type>linux</type>\n"
                          "    <kernel>/boot/vmlinuz-xen</kernel>\n"
                          "    <root>/dev/sda1</root>\n"
                          "  </os>\n"
                          "  <memory>262144</memory>\n"
                          "  <vcpu>1</vcpu>\n"
                          "  <on_poweroff>destroy</on_poweroff>\n"
                          "  <on_reboot>restart</on_reboot>\n"
                          "  <on_crash>restart</on_crash>\n"
                          "  <devices>\n"
                          "    <disk type='block' device='disk'>\n"
                          "      <driver name='phy'/>\n"
                          "      <source dev='/dev/vg0/lvm-guest'/>\n"
                          "      <target dev='sda'/>\n"
                          "    </disk>\n"
                          "  </devices>\n"
                          "</domain>\n");
    free(xml);
    virDomainDefFree(def);
}
END_TEST

/* Blanks in attributes survive as character references; text that XML
 * 1.0 cannot carry is refused rather than written broken. */
START_TEST(test_format_blanks_and_controls)
{
    virDomainDefPtr def = parseCorpus("valid", "minimal-pv.xml");
    virDomainDefPtr back;
    char *xml;

    free(def->os.cmdline);
    def->os.cmdline = strdup("a\tb\nc\rd");
    def->consoleTty = strdup("/dev/pts/\t1\n");
    def->console = true;
    xml = virDomainDefFormat(NULL, def, -1);
    ck_assert_ptr_nonnull(xml);
    ck_assert_ptr_nonnull(strstr(xml, "tty='/dev/pts/&#9;1&#10;'"));
    back = virDomainDefParseString(NULL, xml);
    ck_assert_msg(back != NULL, "%s", lastMessage());
    ck_assert_str_eq(back->os.cmdline, "a\tb\nc\rd");
    ck_assert_str_eq(back->consoleTty, "/dev/pts/\t1\n");
    virDomainDefFree(back);
    free(xml);
    def->os.cmdline[1] = '\x01';
    ck_assert_ptr_null(virDomainDefFormat(NULL, def, -1));
    assertXMLError("control character", "<cmdline> holds a control");
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_format_bad_arguments)
{
    virDomainDef empty;

    memset(&empty, 0, sizeof(empty));
    ck_assert_ptr_null(virDomainDefFormat(NULL, NULL, -1));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainDefFormat(NULL, &empty, -1));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(errorsRaised, 2);
}
END_TEST


/* ------------------------------------------------------------------ */
/* Hardened parsing, locations and arguments                           */
/* ------------------------------------------------------------------ */

START_TEST(test_parse_bad_arguments)
{
    ck_assert_ptr_null(virDomainDefParseString(NULL, NULL));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainDefParseNode(NULL, NULL, NULL, "x"));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainDeviceDefParseString(NULL, NULL));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainDefCopy(NULL, NULL));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(errorsRaised, 4);
}
END_TEST

/* A <domain> inside a larger document: messages name it and the line. */
START_TEST(test_parse_node_source)
{
    static const char node[] = "<node>\n"
                               "  <domain type='xen'>\n"
                               "    <name>ok</name>\n"
                               "    <os><type>linux</type>"
                               "<kernel>/k</kernel></os>\n"
                               "    <memory>1024</memory>\n"
                               "  </domain>\n"
                               "  <domain type='xen'>\n"
                               "    <name>nomem</name>\n"
                               "    <os><type>linux</type>"
                               "<kernel>/k</kernel></os>\n"
                               "  </domain>\n"
                               "</node>\n";
    char reason[256];
    xmlDocPtr doc = virXMLParseString(node, "node.xml", reason, sizeof(reason));
    xmlNodePtr first;
    xmlNodePtr second;
    virDomainDefPtr def;

    ck_assert_msg(doc != NULL, "%s", reason);
    first = xmlFirstElementChild(xmlDocGetRootElement(doc));
    second = xmlNextElementSibling(first);
    def = virDomainDefParseNode(NULL, doc, first, "node.xml");
    ck_assert_msg(def != NULL, "%s", lastMessage());
    ck_assert_str_eq(def->name, "ok");
    virDomainDefFree(def);
    ck_assert_ptr_null(virDomainDefParseNode(NULL, doc, second, "node.xml"));
    assertXMLError("node", "invalid domain XML: node.xml:7: missing <memory>");
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_parse_file_reasons)
{
    char reason[512];
    xmlDocPtr doc;

    doc = virXMLParseFile(CORPUS_DIR "/valid/hvm.xml", reason, sizeof(reason));
    ck_assert_msg(doc != NULL, "%s", reason);
    xmlFreeDoc(doc);
    ck_assert_ptr_null(virXMLParseFile(CORPUS_DIR "/invalid/malformed.xml",
                                       reason, sizeof(reason)));
    ck_assert_msg(strstr(reason, CORPUS_DIR "/invalid/malformed.xml:3: "
                                            "Opening and ending tag "
                                            "mismatch"),
                  "%s", reason);
    ck_assert_ptr_null(
        virXMLParseFile(CORPUS_DIR "/no/such.xml", reason, sizeof(reason)));
    ck_assert_msg(strstr(reason, "/no/such.xml: cannot read: No such file"),
                  "%s", reason);
    /* Small or absent reason buffers are safe. */
    ck_assert_ptr_null(virXMLParseString("<a>", NULL, reason, 4));
    ck_assert_uint_eq(strlen(reason), 3);
    ck_assert_ptr_null(virXMLParseString("<a>", NULL, NULL, 0));
    ck_assert_ptr_null(virXMLParseString(NULL, NULL, reason, sizeof(reason)));
    ck_assert_ptr_null(virXMLParseFile(NULL, reason, sizeof(reason)));
}
END_TEST

/* libxml2 prints nothing, even for broken documents. */
START_TEST(test_parse_is_silent)
{
    static const char *const docs[] = {
        "<domain><name>x</nam></domain>",
        "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><d>&e;</d>",
        "<domain>&undefined;</domain>",
        "\x01\x02",
    };
    FILE *capture = tmpfile();
    int saved = dup(STDERR_FILENO);
    size_t i;
    long size;

    ck_assert_ptr_nonnull(capture);
    ck_assert_int_ge(saved, 0);
    fflush(stderr);
    ck_assert_int_ge(dup2(fileno(capture), STDERR_FILENO), 0);
    for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        ck_assert_ptr_null(virDomainDefParseString(NULL, docs[i]));
        ck_assert_ptr_null(virDomainDeviceDefParseString(NULL, docs[i]));
    }
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    fseek(capture, 0, SEEK_END);
    size = ftell(capture);
    fclose(capture);
    ck_assert_int_eq(size, 0);
    ck_assert_int_eq(errorsRaised, 8);
}
END_TEST


/* ------------------------------------------------------------------ */
/* Devices                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_device_disk)
{
    virDomainDeviceDefPtr dev = virDomainDeviceDefParseString(
        NULL, "<disk type='block' device='cdrom'>\n"
              "  <source dev='/dev/sr0'/>\n"
              "  <target dev='hdc'/>\n"
              "  <readonly/>\n"
              "</disk>\n");

    ck_assert_msg(dev != NULL, "%s", lastMessage());
    ck_assert_int_eq(dev->type, VIR_DOMAIN_DEVICE_DISK);
    ck_assert_int_eq(dev->data.disk->type, VIR_DOMAIN_DISK_BLOCK);
    ck_assert_int_eq(dev->data.disk->device, VIR_DOMAIN_DISK_DEVICE_CDROM);
    ck_assert_str_eq(dev->data.disk->src, "/dev/sr0");
    ck_assert_str_eq(dev->data.disk->dst, "hdc");
    ck_assert(dev->data.disk->readonly);
    ck_assert_ptr_null(dev->data.disk->next);
    virDomainDeviceDefFree(dev);
}
END_TEST

START_TEST(test_device_net)
{
    virDomainDeviceDefPtr dev = virDomainDeviceDefParseString(
        NULL, "<interface type='bridge'>"
              "<mac address='00:16:3e:aa:bb:cc'/>"
              "<source bridge='xenbr0'/></interface>");
    virDomainDeviceDefPtr gen;

    ck_assert_msg(dev != NULL, "%s", lastMessage());
    ck_assert_int_eq(dev->type, VIR_DOMAIN_DEVICE_NET);
    ck_assert_str_eq(dev->data.net->bridge, "xenbr0");
    ck_assert_int_eq(dev->data.net->mac[3], 0xaa);
    ck_assert_int_eq(dev->data.net->mac[5], 0xcc);
    gen = virDomainDeviceDefParseString(
        NULL, "<interface type='ethernet'><target dev='tap0'/></interface>");
    ck_assert_msg(gen != NULL, "%s", lastMessage());
    ck_assert_int_eq(gen->data.net->mac[0], 0x00);
    ck_assert_int_eq(gen->data.net->mac[1], 0x16);
    ck_assert_int_eq(gen->data.net->mac[2], 0x3e);
    ck_assert_int_lt(gen->data.net->mac[3], 0x80);
    ck_assert_str_eq(gen->data.net->ifname, "tap0");
    ck_assert_int_eq(errorsRaised, 0);
    virDomainDeviceDefFree(dev);
    virDomainDeviceDefFree(gen);
}
END_TEST

START_TEST(test_device_refused)
{
    static const struct {
        const char *xml;
        const char *expect;
    } cases[] = {
        { "<graphics type='vnc'/>",
          "invalid device XML: line 1: root element is <graphics>, "
          "expected <disk> or <interface>" },
        { "<domain type='xen'/>", "root element is <domain>" },
        { "<disk>", "invalid device XML: line 1: " },
        { "<disk type='file'>\n<source file='/a'/>\n</disk>",
          "invalid device XML: line 1: <disk> without <target dev=''/>" },
        { "<disk type='floppy'><target dev='fda'/></disk>",
          "unknown type 'floppy' of <disk>" },
        { "<interface type='bridge'>\n<mac address='zz'/></interface>",
          "line 2: invalid MAC address 'zz'" },
        { "<interface type='bridge'/>", "without <source bridge=''/>" },
        { "", "Document is empty" },
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        virResetLastError();
        errorsRaised = 0;
        ck_assert_ptr_null(virDomainDeviceDefParseString(NULL, cases[i].xml));
        assertXMLError(cases[i].xml, cases[i].expect);
    }
}
END_TEST


/* ------------------------------------------------------------------ */
/* Copy, find, MAC addresses, freeing                                  */
/* ------------------------------------------------------------------ */

START_TEST(test_copy_is_deep)
{
    virDomainDefPtr def = parseCorpus("valid", "full-pv.xml");
    virDomainDefPtr copy = virDomainDefCopy(NULL, def);
    char *before;
    char *after;

    ck_assert_ptr_nonnull(copy);
    ck_assert_ptr_null(defDiff(def, copy));
    ck_assert_ptr_ne(copy->name, def->name);
    ck_assert_ptr_ne(copy->os.kernel, def->os.kernel);
    ck_assert_ptr_ne(copy->disks, def->disks);
    ck_assert_ptr_ne(copy->disks->next->src, def->disks->next->src);
    ck_assert_ptr_ne(copy->nets->next, def->nets->next);
    ck_assert_ptr_ne(copy->graphics, def->graphics);
    before = virDomainDefFormat(NULL, def, 3);
    /* The copy outlives its original and changes alone. */
    virDomainDefFree(def);
    after = virDomainDefFormat(NULL, copy, 3);
    ck_assert_str_eq(before, after);
    copy->disks->dst[0] = 'h';
    ck_assert_ptr_nonnull(virDomainDiskFind(copy, "hvda"));
    free(before);
    free(after);
    virDomainDefFree(copy);
}
END_TEST

START_TEST(test_find)
{
    virDomainDefPtr def = parseCorpus("valid", "full-pv.xml");
    unsigned char mac[6];

    ck_assert_ptr_eq(virDomainDiskFind(def, "xvda"), def->disks);
    ck_assert_ptr_eq(virDomainDiskFind(def, "xvdc"), def->disks->next->next);
    ck_assert_ptr_null(virDomainDiskFind(def, "xvdz"));
    ck_assert_ptr_null(virDomainDiskFind(def, NULL));
    ck_assert_ptr_null(virDomainDiskFind(NULL, "xvda"));
    ck_assert_int_eq(virMacAddrParse("00:16:3e:5d:c7:9f", mac), 0);
    ck_assert_ptr_eq(virDomainNetFind(def, mac), def->nets->next);
    mac[5] = 0xa0;
    ck_assert_ptr_null(virDomainNetFind(def, mac));
    ck_assert_ptr_null(virDomainNetFind(def, NULL));
    ck_assert_ptr_null(virDomainNetFind(NULL, mac));
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_mac_parse)
{
    static const char *const bad[] = {
        "",
        "00:16:3e:00:00",
        "00:16:3e:00:00:0g",
        "00-16-3e-00-00-01",
        "00:16:3e:00:00:001",
        "0:16:3e:0:0:1",
        "00:16:3e:00:00:01:",
        " 00:16:3e:00:00:01",
        "00:16:3e:00:00:01 ",
        "00:16:3e:00::0001",
    };
    unsigned char mac[6];
    size_t i;

    ck_assert_int_eq(virMacAddrParse("00:16:3E:aB:Cd:ef", mac), 0);
    ck_assert_int_eq(mac[0], 0x00);
    ck_assert_int_eq(mac[2], 0x3e);
    ck_assert_int_eq(mac[3], 0xab);
    ck_assert_int_eq(mac[4], 0xcd);
    ck_assert_int_eq(mac[5], 0xef);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(virMacAddrParse(bad[i], mac) == -1, "'%s' accepted",
                      bad[i]);
    ck_assert_int_eq(virMacAddrParse(NULL, mac), -1);
    ck_assert_int_eq(virMacAddrParse("00:16:3e:00:00:01", NULL), -1);
}
END_TEST

START_TEST(test_free_null)
{
    virDomainDefFree(NULL);
    virDomainDeviceDefFree(NULL);
    virDomainDiskDefFree(NULL);
    virDomainNetDefFree(NULL);
    ck_assert_int_eq(errorsRaised, 0);
}
END_TEST


static Suite *
domain_conf_suite(void)
{
    Suite *s = suite_create("domain_conf");
    TCase *corpus = tcase_create("corpus");
    TCase *fields = tcase_create("fields");
    TCase *format = tcase_create("format");
    TCase *hardening = tcase_create("hardening and locations");
    TCase *devices = tcase_create("devices");
    TCase *helpers = tcase_create("copy, find, mac");
    TCase *all[] = { corpus, fields, format, hardening, devices, helpers };
    size_t i;

    corpusLoad(&validFiles, "valid");
    corpusLoad(&invalidFiles, "invalid");
    tcase_add_test(corpus, test_corpus_present);
    tcase_add_loop_test(corpus, test_valid_roundtrip, 0, (int)validFiles.count);
    tcase_add_loop_test(corpus, test_invalid_refused, 0,
                        (int)invalidFiles.count);
    tcase_add_test(fields, test_minimal_defaults);
    tcase_add_test(fields, test_full_pv_fields);
    tcase_add_test(fields, test_hvm_fields);
    tcase_add_test(fields, test_small_variants);
    tcase_add_test(fields, test_current_memory);
    tcase_add_test(fields, test_escaped_text);
    tcase_add_test(fields, test_uuid_forms);
    tcase_add_test(fields, test_generated_macs);
    tcase_add_test(fields, test_renamed_without_uuid);
    tcase_add_test(format, test_format_layout);
    tcase_add_test(format, test_format_blanks_and_controls);
    tcase_add_test(format, test_format_bad_arguments);
    tcase_add_test(hardening, test_parse_bad_arguments);
    tcase_add_test(hardening, test_parse_node_source);
    tcase_add_test(hardening, test_parse_file_reasons);
    tcase_add_test(hardening, test_parse_is_silent);
    tcase_add_test(devices, test_device_disk);
    tcase_add_test(devices, test_device_net);
    tcase_add_test(devices, test_device_refused);
    tcase_add_test(helpers, test_copy_is_deep);
    tcase_add_test(helpers, test_find);
    tcase_add_test(helpers, test_mac_parse);
    tcase_add_test(helpers, test_free_null);
    for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        tcase_add_checked_fixture(all[i], setup, NULL);
        suite_add_tcase(s, all[i]);
    }
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(domain_conf_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    corpusFree(&validFiles);
    corpusFree(&invalidFiles);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
