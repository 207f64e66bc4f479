/*
 * check_xen.c: the Xen driver against a real hypervisor.  Runs as root in
 * domain 0 of the test bed (tests/xen/), where /guest holds a PV kernel and
 * initrd.  Every public call is driven against real domains: a small PV
 * guest started with virDomainCreateLinux() from our XML, Domain-0, and a
 * defined domain.  Results are checked on the domain's state as Xen and
 * xenstore report it (read here directly through libxenstore), never on
 * the return code alone.
 *
 * The guest TCase is ordered: each test leaves the guest running (or, in
 * the last one, gone) for the next.
 */

#include <config.h>

#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xenctrl.h>
#include <xenstore.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define GUEST      "vmtest"
#define DEFINED    "vmdef"
#define MIB        1024UL
#define WAIT_READY 600     /* seconds for a guest kernel to come up (TCG) */
#define DISK_DEVID "51728" /* xvdb: (202 << 8) | (1 << 4) */

static Suite *xen_suite(void);
static void setup(void);
static void teardown(void);
static void expect_error(int code);
static void quiet(void *userData, virErrorPtr err);

/* Observing the guest, independently of the driver */
static char *xs_get(const char *fmt, ...);
static bool xs_equals(const char *want, const char *fmt, ...);
static bool guest_ready(int id);
static int state_of(virDomainPtr dom);
static bool is_up(virDomainPtr dom);
static bool wait_state(virDomainPtr dom, int state, int seconds);
static bool wait_ready(virDomainPtr dom);
static double now(void);

/* The guest */
static char *guest_xml(const char *name, unsigned long mem,
                       unsigned long maxmem, int vcpus);
static virDomainPtr guest_get(void);
static void check_identity(virDomainPtr dom);

static virConnectPtr conn;
static struct xs_handle *xsh;

/* ------------------------------------------------------------ helpers */

static void
quiet(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

static void
setup(void)
{
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("xen:///");
    ck_assert_msg(conn != NULL, "cannot open xen:///: %s",
                  virGetLastError() ? virGetLastError()->message : "?");
    xsh = xs_open(0);
    ck_assert_ptr_nonnull(xsh);
}

static void
teardown(void)
{
    if (conn)
        virConnectClose(conn);
    if (xsh)
        xs_close(xsh);
    conn = NULL;
    xsh = NULL;
}

static void
expect_error(int code)
{
    virErrorPtr err = virGetLastError();

    ck_assert_msg(err != NULL, "no error left behind");
    ck_assert_msg(err->code == code, "error code %d (%s), expected %d",
                  err->code, err->message ? err->message : "", code);
    ck_assert_msg(err->message && *err->message, "error without message");
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
xs_get(const char *fmt, ...)
{
    char path[256];
    unsigned int len;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(path, sizeof(path), fmt, ap);
    va_end(ap);
    return xs_read(xsh, XBT_NULL, path, &len);
}

static bool
xs_equals(const char *want, const char *fmt, ...)
{
    char path[256];
    unsigned int len;
    char *v;
    bool eq;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(path, sizeof(path), fmt, ap);
    va_end(ap);
    v = xs_read(xsh, XBT_NULL, path, &len);
    eq = v && want && strcmp(v, want) == 0;
    if (!want)
        eq = v == NULL;
    free(v);
    return eq;
}

/* The guest kernel announces its PV shutdown handler when it is up. */
static bool
guest_ready(int id)
{
    return xs_equals("1", "/local/domain/%d/control/feature-poweroff", id);
}

static int
state_of(virDomainPtr dom)
{
    virDomainInfo info;

    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    return info.state;
}

/* Running or blocked (idle): up, in one query. */
static bool
is_up(virDomainPtr dom)
{
    int st = state_of(dom);

    return st == VIR_DOMAIN_RUNNING || st == VIR_DOMAIN_BLOCKED;
}

static bool
wait_state(virDomainPtr dom, int state, int seconds)
{
    int i;

    for (i = 0; i < seconds * 10; i++) {
        if (state_of(dom) == state)
            return true;
        usleep(100000);
    }
    return false;
}

static bool
wait_ready(virDomainPtr dom)
{
    int i;

    for (i = 0; i < WAIT_READY * 10; i++) {
        if (guest_ready((int)virDomainGetID(dom)))
            return true;
        usleep(100000);
    }
    return false;
}

static char *
guest_xml(const char *name, unsigned long mem, unsigned long maxmem, int vcpus)
{
    char *xml = NULL;

    ck_assert_int_ge(
        asprintf(&xml,
                 "<domain type='xen'><name>%s</name>"
                 "<os><type>linux</type><kernel>/guest/vmlinuz</kernel>"
                 "<initrd>/guest/initrd</initrd>"
                 "<cmdline>console=hvc0 loglevel=5</cmdline></os>"
                 "<memory>%lu</memory><currentMemory>%lu</currentMemory>"
                 "<vcpu>%d</vcpu><on_poweroff>destroy</on_poweroff>"
                 "<on_reboot>restart</on_reboot><on_crash>destroy</on_crash>"
                 "<devices><console/></devices></domain>",
                 name, maxmem, mem, vcpus),
        0);
    return xml;
}

/* The running guest of the ordered TCase. */
static virDomainPtr
guest_get(void)
{
    virDomainPtr dom = virDomainLookupByName(conn, GUEST);

    ck_assert_msg(dom != NULL, "guest '%s' is not running", GUEST);
    ck_assert_int_gt((int)virDomainGetID(dom), 0);
    return dom;
}

/* --------------------------------------------------------------- host */

static long
read_long(const char *path)
{
    FILE *fp = fopen(path, "r");
    long v = -1;

    if (fp) {
        if (fscanf(fp, "%ld", &v) != 1)
            v = -1;
        fclose(fp);
    }
    return v;
}

/* dom0's own MemTotal, KiB */
static unsigned long
dom0_memtotal(void)
{
    FILE *fp = fopen("/proc/meminfo", "r");
    unsigned long kib = 0;

    if (fp) {
        if (fscanf(fp, "MemTotal: %lu kB", &kib) != 1)
            kib = 0;
        fclose(fp);
    }
    return kib;
}

START_TEST(test_type_version)
{
    unsigned long v = 0;
    long major = read_long("/sys/hypervisor/version/major");
    long minor = read_long("/sys/hypervisor/version/minor");

    ck_assert_str_eq(virConnectGetType(conn), "Xen");
    ck_assert_int_eq(virConnectGetVersion(conn, &v), 0);
    ck_assert_int_ge(major, 3);
    ck_assert_uint_eq(v / 1000000, (unsigned long)major);
    ck_assert_uint_eq((v / 1000) % 1000, (unsigned long)minor);
}
END_TEST

START_TEST(test_nodeinfo)
{
    virNodeInfo info;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_str_eq(info.model, "x86_64");
    ck_assert_uint_gt(info.cpus, 0);
    ck_assert_uint_gt(info.mhz, 0);
    ck_assert_uint_eq(info.nodes * info.sockets * info.cores * info.threads,
                      info.cpus);
    /* The host has at least what dom0 alone was given. */
    ck_assert_uint_ge(info.memory, dom0_memtotal());
    ck_assert_uint_gt(dom0_memtotal(), 0);
}
END_TEST

START_TEST(test_list_dom0)
{
    int ids[64], n, i, found = 0;
    virDomainPtr d0, byuuid;
    unsigned char uuid[16];
    virDomainInfo info;

    n = virConnectNumOfDomains(conn);
    ck_assert_int_ge(n, 1);
    ck_assert_int_eq(virConnectListDomains(conn, ids, 64), n);
    for (i = 0; i < n; i++)
        found += ids[i] == 0;
    ck_assert_int_eq(found, 1);
    d0 = virDomainLookupByID(conn, 0);
    ck_assert_ptr_nonnull(d0);
    ck_assert_str_eq(virDomainGetName(d0), "Domain-0");
    ck_assert_uint_eq(virDomainGetID(d0), 0);
    ck_assert_int_eq(virDomainGetInfo(d0, &info), 0);
    ck_assert(info.state == VIR_DOMAIN_RUNNING ||
              info.state == VIR_DOMAIN_BLOCKED);
    ck_assert_uint_ge(info.memory, dom0_memtotal());
    ck_assert_int_eq(virDomainGetUUID(d0, uuid), 0);
    byuuid = virDomainLookupByUUID(conn, uuid);
    ck_assert_ptr_nonnull(byuuid);
    ck_assert_str_eq(virDomainGetName(byuuid), "Domain-0");
    virDomainFree(byuuid);
    byuuid = virDomainLookupByName(conn, "Domain-0");
    ck_assert_ptr_nonnull(byuuid);
    ck_assert_uint_eq(virDomainGetID(byuuid), 0);
    virDomainFree(byuuid);
    virDomainFree(d0);
}
END_TEST

/* 1 when @name is among the defined (inactive) domains, 0 when not, -1
 * when they cannot be listed or the count disagrees with the list. */
static int
defined_find(const char *name)
{
    const char *names[64];
    int n, i, found = 0;

    if ((n = virConnectListDefinedDomains(conn, names, 64)) < 0)
        return -1;
    if (virConnectNumOfDefinedDomains(conn) != n)
        found = -1;
    for (i = 0; i < n; i++) {
        if (found == 0 && strcmp(names[i], name) == 0)
            found = 1;
        free((void *)(uintptr_t)names[i]);
    }
    return found;
}

/* listed: @id is among virConnectListDomains' ids */
static bool
listed(int id)
{
    int ids[64], n, i;

    n = virConnectListDomains(conn, ids, 64);
    for (i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/* What the driver shows of a domain xenstore has not named: libxl names
 * a guest before it builds it and removes its entries before it destroys
 * it, so such a domain is being built or torn down.  A bare domain made
 * here with libxenctrl alone is one, for as long as this test likes.  It
 * carries the uuid of a defined domain, which stays listed as inactive
 * until the running one shows: in one list or the other, never neither.
 * Results are gathered first so that both go whatever fails. */
START_TEST(test_unnamed_hidden)
{
    static const char uuidstr[] = "b0b1b2b3-b4b5-b6b7-b8b9-babbbcbdbebf";
    struct xen_domctl_createdomain cfg;
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    char *xml = guest_xml("vmbare", 64 * MIB, 64 * MIB, 1), *withuuid = NULL;
    char path[64];
    virDomainPtr def, dom;
    uint32_t domid = 0;
    int n0, n_bare, n_named = -1, n_after = -1, code_id = 0, code_uuid = 0;
    int def_bare, def_named = -1, def_after = -1;
    bool in_bare, by_id_named = false, in_named = false, in_after = true;
    char *name_named = NULL;
    size_t i;

    ck_assert_ptr_nonnull(xch);
    ck_assert_int_ge(asprintf(&withuuid, "<domain type='xen'><uuid>%s</uuid>%s",
                              uuidstr, xml + strlen("<domain type='xen'>")),
                     0);
    def = virDomainDefineXML(conn, withuuid);
    ck_assert_msg(def != NULL, "define: %s", virGetLastError()->message);
    free(withuuid);
    free(xml);
    memset(&cfg, 0, sizeof(cfg));
    for (i = 0; i < sizeof(cfg.handle); i++)
        cfg.handle[i] = (uint8_t)(0xb0 + i);
    cfg.max_vcpus = 1;
    cfg.max_evtchn_port = 63;
    cfg.max_grant_frames = -1;
    cfg.max_maptrack_frames = -1;
    cfg.grant_opts = XEN_DOMCTL_GRANT_version(1);
    n0 = virConnectNumOfDomains(conn);
    if (xc_domain_create(xch, &domid, &cfg) != 0) {
        virDomainUndefine(def);
        ck_abort_msg("xc_domain_create failed");
    }

    /* bare: not listed, not counted, not found by id or uuid; its
     * definition still inactive */
    n_bare = virConnectNumOfDomains(conn);
    in_bare = listed((int)domid);
    if ((dom = virDomainLookupByID(conn, (int)domid)))
        virDomainFree(dom);
    else
        code_id = virGetLastError() ? virGetLastError()->code : -1;
    if ((dom = virDomainLookupByUUID(conn, cfg.handle))) {
        /* the definition, not the running domain */
        if (virDomainGetID(dom) != (unsigned int)-1)
            code_uuid = -2;
        virDomainFree(dom);
    } else {
        code_uuid = virGetLastError() ? virGetLastError()->code : -1;
    }
    def_bare = defined_find("vmbare");

    /* named: shown under that name, and running rather than inactive */
    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    if (xs_write(xsh, XBT_NULL, path, "vmbare", 6)) {
        n_named = virConnectNumOfDomains(conn);
        in_named = listed((int)domid);
        if ((dom = virDomainLookupByID(conn, (int)domid))) {
            by_id_named = true;
            name_named = strdup(virDomainGetName(dom));
            virDomainFree(dom);
        }
        def_named = defined_find("vmbare");
    }

    /* the entries removed, as xl destroy does first: gone again */
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xs_rm(xsh, XBT_NULL, path);
    n_after = virConnectNumOfDomains(conn);
    in_after = listed((int)domid);
    def_after = defined_find("vmbare");

    ck_assert_int_eq(xc_domain_destroy(xch, domid), 0);
    xc_interface_close(xch);
    ck_assert_int_eq(virDomainUndefine(def), 0);
    virDomainFree(def);

    ck_assert_int_eq(n_bare, n0);
    ck_assert_msg(!in_bare, "a domain without a name is listed");
    ck_assert_int_eq(code_id, VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(code_uuid, 0);
    ck_assert_int_eq(def_bare, 1);
    ck_assert_int_eq(n_named, n0 + 1);
    ck_assert_msg(in_named, "the named domain is not listed");
    ck_assert_msg(by_id_named, "the named domain is not found by id");
    ck_assert_str_eq(name_named, "vmbare");
    free(name_named);
    ck_assert_int_eq(def_named, 0);
    ck_assert_int_eq(n_after, n0);
    ck_assert_msg(!in_after, "a domain whose entries went is listed");
    ck_assert_int_eq(def_after, 1);
}
END_TEST

START_TEST(test_missing_domain)
{
    ck_assert_ptr_null(virDomainLookupByID(conn, 31000));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_ptr_null(virDomainLookupByName(conn, "no-such-domain"));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_ptr_null(virDomainLookupByUUIDString(
        conn, "0badc0de-0000-4000-8000-00000000beef"));
    expect_error(VIR_ERR_NO_DOMAIN);
}
END_TEST

START_TEST(test_dom0_protected)
{
    virDomainPtr d0 = virDomainLookupByID(conn, 0);

    ck_assert_ptr_nonnull(d0);
    ck_assert_int_eq(virDomainSuspend(d0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainShutdown(d0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainDestroy(d0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_msg(is_up(d0), "domain is not running");
    virDomainFree(d0);
}
END_TEST

START_TEST(test_readonly)
{
    virConnectPtr ro = virConnectOpenReadOnly("xen:///");
    virDomainPtr d0;
    int ids[64];

    ck_assert_ptr_nonnull(ro);
    ck_assert_int_ge(virConnectListDomains(ro, ids, 64), 1);
    d0 = virDomainLookupByID(ro, 0);
    ck_assert_ptr_nonnull(d0);
    ck_assert_int_eq(virDomainSetMemory(d0, 100 * MIB), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_ptr_null(virDomainCreateLinux(ro, "<domain/>", 0));
    expect_error(VIR_ERR_OPERATION_DENIED);
    virDomainFree(d0);
    virConnectClose(ro);
}
END_TEST

/* A read-only connection of a non-root user gets what xenstore lets it
 * read; a read-write one needs the hypervisor. */
START_TEST(test_nonroot)
{
    virConnectPtr c;
    virDomainInfo info;
    virDomainPtr d0;
    int ids[64];

    if (getenv("CK_FORK") && strcmp(getenv("CK_FORK"), "no") == 0) {
        printf("test_nonroot skipped: it needs CK_FORK (setuid)\n");
        return;
    }
    ck_assert_int_eq(setgid(65534), 0);
    ck_assert_int_eq(setuid(65534), 0);
    ck_assert_ptr_null(virConnectOpen("xen:///"));
    expect_error(VIR_ERR_NO_XEN);
    c = virConnectOpenReadOnly("xen:///");
    if (!c) {
        /* xenstored's socket is root's only here: a clear refusal. */
        expect_error(VIR_ERR_NO_XENSTORE);
        printf("non-root read-only open refused by xenstore\n");
        return;
    }
    ck_assert_int_ge(virConnectListDomains(c, ids, 64), 1);
    d0 = virDomainLookupByID(c, 0);
    ck_assert_ptr_nonnull(d0);
    ck_assert_str_eq(virDomainGetName(d0), "Domain-0");
    ck_assert_int_eq(virDomainGetInfo(d0, &info), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    virDomainFree(d0);
    virConnectClose(c);
    printf("non-root read-only open: listing through xenstore\n");
}
END_TEST

START_TEST(test_bad_uri)
{
    ck_assert_ptr_null(virConnectOpen("xen://elsewhere/"));
    expect_error(VIR_ERR_INVALID_ARG);
}
END_TEST

/* -------------------------------------------------------------- guest */

/* Name, uuid and XML agree, and the uuid finds the same domain. */
static void
check_identity(virDomainPtr dom)
{
    char uuid[37], want[128];
    char *xml = virDomainGetXMLDesc(dom, 0);
    virDomainPtr same;

    ck_assert_ptr_nonnull(xml);
    ck_assert_int_eq(virDomainGetUUIDString(dom, uuid), 0);
    snprintf(want, sizeof(want), "<name>%s</name>", virDomainGetName(dom));
    ck_assert_ptr_nonnull(strstr(xml, want));
    snprintf(want, sizeof(want), "<uuid>%s</uuid>", uuid);
    ck_assert_ptr_nonnull(strstr(xml, want));
    ck_assert_ptr_nonnull(strstr(xml, "<type>linux</type>"));
    snprintf(want, sizeof(want), "id='%u'", virDomainGetID(dom));
    ck_assert_ptr_nonnull(strstr(xml, want));
    free(xml);
    same = virDomainLookupByUUIDString(conn, uuid);
    ck_assert_ptr_nonnull(same);
    ck_assert_uint_eq(virDomainGetID(same), virDomainGetID(dom));
    ck_assert_str_eq(virDomainGetName(same), virDomainGetName(dom));
    virDomainFree(same);
}

START_TEST(test_create_linux)
{
    char *xml = guest_xml(GUEST, 128 * MIB, 256 * MIB, 2);
    virDomainPtr dom, dup;
    int ids[64], n, i, found = 0;
    double t0 = now();
    char *os;

    dom = virDomainCreateLinux(conn, xml, 0);
    ck_assert_msg(dom != NULL, "create: %s", virGetLastError()->message);
    printf("TIME create %.1fs\n", now() - t0);
    ck_assert_int_gt((int)virDomainGetID(dom), 0);
    n = virConnectListDomains(conn, ids, 64);
    for (i = 0; i < n; i++)
        found += ids[i] == (int)virDomainGetID(dom);
    ck_assert_int_eq(found, 1);
    ck_assert(xs_equals(GUEST, "/local/domain/%u/name", virDomainGetID(dom)));
    os = virDomainGetOSType(dom);
    ck_assert_str_eq(os, "linux");
    free(os);
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 256 * MIB);
    check_identity(dom);
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    ck_assert_msg(wait_ready(dom), "guest kernel did not come up");
    printf("TIME guest-ready %.1fs\n", now() - t0);
    ck_assert_msg(is_up(dom), "domain is not running");
    /* The same name again is a clash, and nothing else is started. */
    dup = virDomainCreateLinux(conn, xml, 0);
    ck_assert_ptr_null(dup);
    expect_error(VIR_ERR_DOM_EXIST);
    ck_assert_int_eq(virConnectNumOfDomains(conn), n);
    free(xml);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_create_refused)
{
    int n = virConnectNumOfDomains(conn);

    ck_assert_ptr_null(virDomainCreateLinux(conn, "<domain", 0));
    expect_error(VIR_ERR_XML_ERROR);
    ck_assert_ptr_null(virDomainCreateLinux(
        conn,
        "<domain type='xen'><name>hvm1</name><os><type>hvm</type>"
        "<loader>/usr/lib/xen/boot/hvmloader</loader></os>"
        "<memory>65536</memory></domain>",
        0));
    expect_error(VIR_ERR_NO_SUPPORT);
    ck_assert_int_eq(virConnectNumOfDomains(conn), n);
}
END_TEST

START_TEST(test_suspend_resume)
{
    virDomainPtr dom = guest_get();

    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(state_of(dom), VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virDomainSuspend(dom), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(state_of(dom), VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virDomainResume(dom), 0);
    ck_assert_msg(is_up(dom), "domain is not running");
    ck_assert_int_eq(virDomainResume(dom), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_memory)
{
    virDomainPtr dom = guest_get();
    virDomainInfo before, info;
    unsigned int id = virDomainGetID(dom);
    char *target0 = xs_get("/local/domain/%u/memory/target", id);
    int i;

    ck_assert_int_eq(virDomainGetInfo(dom, &before), 0);
    /* Above the maximum: refused, nothing changed. */
    ck_assert_int_eq(virDomainSetMemory(dom, before.maxMem + 4096), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_uint_eq(info.maxMem, before.maxMem);
    ck_assert(xs_equals(target0, "/local/domain/%u/memory/target", id));
    /* A new maximum, then a target above and below it. */
    ck_assert_int_eq(virDomainSetMaxMemory(dom, 200 * MIB), 0);
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 200 * MIB);
    ck_assert_int_eq(virDomainSetMemory(dom, 210 * MIB), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetMemory(dom, 100 * MIB), 0);
    ck_assert(xs_equals("102400", "/local/domain/%u/memory/target", id));
    /* The guest's balloon driver gives the memory back. */
    for (i = 0; i < 1200; i++) {
        ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
        if (info.memory <= 104 * MIB)
            break;
        usleep(100000);
    }
    ck_assert_msg(info.memory <= 104 * MIB, "balloon stuck at %lu KiB",
                  info.memory);
    ck_assert_int_eq(virDomainSetMaxMemory(dom, before.maxMem), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 128 * MIB), 0);
    free(target0);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_pin_getvcpus)
{
    virDomainPtr dom = guest_get();
    virVcpuInfo info[8];
    unsigned char maps[8], map;
    virNodeInfo node;
    int n, i;

    ck_assert_int_eq(virNodeGetInfo(conn, &node), 0);
    ck_assert_uint_ge(node.cpus, 2);
    n = virDomainGetVcpus(dom, info, 8, maps, 1);
    ck_assert_int_eq(n, 2);
    ck_assert_uint_eq(info[1].number, 1);
    map = 0x02; /* vcpu 0 on cpu 1 only */
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, &map, 1), 0);
    for (i = 0; i < 600; i++) {
        ck_assert_int_eq(virDomainGetVcpus(dom, info, 8, maps, 1), 2);
        if (info[0].cpu == 1)
            break;
        usleep(100000);
    }
    ck_assert_uint_eq(maps[0], 0x02);
    ck_assert_int_eq(info[0].cpu, 1);
    /* A cpu the host lacks, an empty map, a vcpu the guest lacks. */
    map = (unsigned char)(1U << node.cpus);
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, &map, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    map = 0;
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, &map, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    map = 0x01;
    ck_assert_int_eq(virDomainPinVcpu(dom, 7, &map, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 8, maps, 1), 2);
    ck_assert_uint_eq(maps[0], 0x02);
    map = 0x03;
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, &map, 1), 0);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 8, maps, 1), 2);
    ck_assert_uint_eq(maps[0], 0x03);
    virDomainFree(dom);
}
END_TEST

static int
online_vcpus(virDomainPtr dom)
{
    virDomainInfo info;

    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    return info.nrVirtCpu;
}

START_TEST(test_setvcpus)
{
    virDomainPtr dom = guest_get();
    virVcpuInfo info[4];
    int i;

    ck_assert_int_eq(online_vcpus(dom), 2);
    ck_assert_int_eq(virDomainSetVcpus(dom, 3), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetVcpus(dom, 1), 0);
    for (i = 0; i < 1200 && online_vcpus(dom) != 1; i++)
        usleep(100000);
    ck_assert_int_eq(online_vcpus(dom), 1);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 4, NULL, 0), 2);
    ck_assert_int_eq(info[1].state, VIR_VCPU_OFFLINE);
    ck_assert_int_eq(virDomainSetVcpus(dom, 2), 0);
    ck_assert(xs_equals("online", "/local/domain/%u/cpu/1/availability",
                        virDomainGetID(dom)));
    /* Onlining needs the guest's userspace (udev's job; guest-init's
     * loop here), which is slow under TCG. */
    for (i = 0; i < 1800 && online_vcpus(dom) != 2; i++)
        usleep(100000);
    printf("TIME vcpu-online %.1fs\n", i / 10.0);
    ck_assert_int_eq(online_vcpus(dom), 2);
    virDomainFree(dom);
}
END_TEST

static bool
wait_xs(const char *want, int seconds, const char *fmt, unsigned int id)
{
    int i;

    for (i = 0; i < seconds * 10; i++) {
        if (xs_equals(want, fmt, id))
            return true;
        usleep(100000);
    }
    return false;
}

START_TEST(test_attach_detach)
{
    virDomainPtr dom = guest_get();
    unsigned int id = virDomainGetID(dom);
    char disk[] = "<disk type='file' device='disk'>"
                  "<source file='/tmp/xdisk.img'/>"
                  "<target dev='xvdb'/></disk>";
    char nic[] = "<interface type='bridge'><source bridge='br0'/>"
                 "</interface>";
    const char *fe = "/local/domain/%u/device/vbd/" DISK_DEVID "/state";
    FILE *fp = fopen("/tmp/xdisk.img", "w");

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ftruncate(fileno(fp), 8 * 1024 * 1024), 0);
    fclose(fp);
    ck_assert_int_eq(virDomainAttachDevice(dom, disk), 0);
    /* 4 = XenbusStateConnected: the guest's blkfront took the disk. */
    ck_assert_msg(wait_xs("4", 120, fe, id), "frontend never connected");
    ck_assert_int_eq(virDomainAttachDevice(dom, disk), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainAttachDevice(dom, nic), -1);
    expect_error(VIR_ERR_NO_SUPPORT);
    ck_assert_int_eq(virDomainDetachDevice(dom, disk), 0);
    ck_assert_msg(wait_xs(NULL, 120, fe, id), "frontend still there");
    ck_assert_int_eq(virDomainDetachDevice(dom, disk), -1);
    expect_error(VIR_ERR_NO_DEVICE);
    unlink("/tmp/xdisk.img");
    virDomainFree(dom);
}
END_TEST

START_TEST(test_coredump)
{
    virDomainPtr dom = guest_get();
    const char *path = "/tmp/" GUEST ".core";
    unsigned char magic[4] = { 0 };
    struct stat st;
    double t0 = now();
    FILE *fp;

    unlink(path);
    ck_assert_int_eq(virDomainCoreDump(dom, path, 0), 0);
    printf("TIME coredump %.1fs\n", now() - t0);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_ge(st.st_size, 64L * 1024 * 1024);
    ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
    ck_assert_uint_eq(fread(magic, 1, 4, fp), 4);
    fclose(fp);
    ck_assert_int_eq(memcmp(magic, "\177ELF", 4), 0);
    unlink(path);
    ck_assert_msg(is_up(dom), "domain is not running");
    ck_assert_int_eq(virDomainCoreDump(dom, "/nonexistent/dir/x.core", 0), -1);
    expect_error(VIR_ERR_WRITE_FAILED);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_save_restore)
{
    virDomainPtr dom = guest_get();
    const char *path = "/tmp/" GUEST ".save";
    unsigned int id0 = virDomainGetID(dom);
    virDomainInfo info;
    unsigned long long cpu0;
    struct stat st;
    double t0 = now();
    int i;

    ck_assert_int_eq(virDomainSave(dom, path), 0);
    printf("TIME save %.1fs\n", now() - t0);
    virDomainFree(dom);
    ck_assert_ptr_null(virDomainLookupByName(conn, GUEST));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_gt(st.st_size, 1024 * 1024);
    t0 = now();
    ck_assert_int_eq(virDomainRestore(conn, path), 0);
    printf("TIME restore %.1fs\n", now() - t0);
    dom = guest_get();
    ck_assert_uint_ne(virDomainGetID(dom), id0);
    ck_assert_msg(is_up(dom), "domain is not running");
    /* It runs already: a second restore of the same image clashes. */
    ck_assert_int_eq(virDomainRestore(conn, path), -1);
    expect_error(VIR_ERR_DOM_EXIST);
    ck_assert_int_eq(virDomainRestore(conn, "/nonexistent.save"), -1);
    expect_error(VIR_ERR_READ_FAILED);
    unlink(path);
    /* The guest runs again: it uses cpu time. */
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    cpu0 = info.cpuTime;
    for (i = 0; i < 600 && info.cpuTime == cpu0; i++) {
        usleep(100000);
        ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    }
    ck_assert_uint_gt(info.cpuTime, cpu0);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_reboot)
{
    virDomainPtr dom = guest_get();
    unsigned int id0 = virDomainGetID(dom);
    double t0 = now();

    ck_assert_int_eq(virDomainReboot(dom, 0), 0);
    printf("TIME reboot %.1fs\n", now() - t0);
    ck_assert_uint_ne(virDomainGetID(dom), id0);
    ck_assert_msg(is_up(dom), "domain is not running");
    ck_assert_msg(wait_ready(dom), "rebooted guest did not come up");
    printf("TIME reboot-ready %.1fs\n", now() - t0);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_shutdown_destroy)
{
    virDomainPtr dom = guest_get();
    double t0 = now();

    ck_assert_int_eq(virDomainShutdown(dom), 0);
    ck_assert_msg(wait_state(dom, VIR_DOMAIN_SHUTOFF, 240),
                  "guest did not shut down");
    printf("TIME shutdown %.1fs\n", now() - t0);
    ck_assert_int_eq(virDomainDestroy(dom), 0); /* frees the handle */
    ck_assert_ptr_null(virDomainLookupByName(conn, GUEST));
    expect_error(VIR_ERR_NO_DOMAIN);
}
END_TEST

/* ------------------------------------------------------------ defined */

static bool
defined_has(const char *name)
{
    int r = defined_find(name);

    ck_assert_msg(r >= 0, "cannot list the defined domains");
    return r == 1;
}

static char *
conf_path(void)
{
    const char *dir = getenv("VIRTMIB_XEN_CONFDIR");
    char *path = NULL;

    ck_assert_ptr_nonnull(dir);
    ck_assert_int_ge(asprintf(&path, "%s/%s.xml", dir, DEFINED), 0);
    return path;
}

START_TEST(test_define_create_undefine)
{
    char *xml = guest_xml(DEFINED, 128 * MIB, 128 * MIB, 1);
    char *other = guest_xml(DEFINED, 64 * MIB, 64 * MIB, 1), *path;
    virDomainPtr dom, again;
    virDomainInfo info;
    char *clash;

    dom = virDomainDefineXML(conn, xml);
    ck_assert_msg(dom != NULL, "define: %s", virGetLastError()->message);
    path = conf_path();
    ck_assert_int_eq(access(path, R_OK), 0);
    ck_assert_int_eq((int)virDomainGetID(dom), -1);
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    ck_assert(defined_has(DEFINED));
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_uint_eq(info.maxMem, 128 * MIB);
    /* Changes to an inactive domain go to its definition. */
    ck_assert_int_eq(virDomainSetMemory(dom, 96 * MIB), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 200 * MIB), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    again = virDomainLookupByName(conn, DEFINED);
    ck_assert_int_eq(virDomainGetInfo(again, &info), 0);
    ck_assert_uint_eq(info.memory, 96 * MIB);
    virDomainFree(again);
    /* Same name, another uuid: a clash. */
    ck_assert_ptr_nonnull(strstr(other, "<name>"));
    ck_assert_int_ge(asprintf(&clash,
                              "%.*s<uuid>0badc0de-0000-4000-8000-0"
                              "00000000001</uuid>%s",
                              (int)(strstr(other, "<name>") - other), other,
                              strstr(other, "<name>")),
                     0);
    ck_assert_ptr_null(virDomainDefineXML(conn, clash));
    expect_error(VIR_ERR_DOM_EXIST);
    free(clash);

    ck_assert_msg(virDomainCreate(dom) == 0, "create: %s",
                  virGetLastError()->message);
    ck_assert_int_gt((int)virDomainGetID(dom), 0);
    ck_assert(xs_equals(DEFINED, "/local/domain/%u/name", virDomainGetID(dom)));
    ck_assert(!defined_has(DEFINED));
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    check_identity(dom);
    ck_assert_int_eq(virDomainCreate(dom), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainDestroy(dom), 0); /* stays defined */
    ck_assert(defined_has(DEFINED));
    dom = virDomainLookupByName(conn, DEFINED);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(state_of(dom), VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(access(path, F_OK), -1);
    ck_assert(!defined_has(DEFINED));
    ck_assert_int_eq(virDomainUndefine(dom), -1);
    expect_error(VIR_ERR_NO_DOMAIN);
    virDomainFree(dom);
    ck_assert_ptr_null(virDomainLookupByName(conn, DEFINED));
    expect_error(VIR_ERR_NO_DOMAIN);
    free(path);
    free(xml);
    free(other);
}
END_TEST

/* -------------------------------------------------------------- suite */

static Suite *
xen_suite(void)
{
    Suite *s = suite_create("xen");
    TCase *tc;

    tc = tcase_create("host");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_type_version);
    tcase_add_test(tc, test_nodeinfo);
    tcase_add_test(tc, test_list_dom0);
    tcase_add_test(tc, test_missing_domain);
    tcase_add_test(tc, test_unnamed_hidden);
    tcase_add_test(tc, test_dom0_protected);
    tcase_add_test(tc, test_readonly);
    tcase_add_test(tc, test_bad_uri);
    tcase_add_test(tc, test_nonroot); /* forked: its setuid stays there */
    suite_add_tcase(s, tc);

    tc = tcase_create("guest"); /* ordered */
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_create_linux);
    tcase_add_test(tc, test_create_refused);
    tcase_add_test(tc, test_suspend_resume);
    tcase_add_test(tc, test_memory);
    tcase_add_test(tc, test_pin_getvcpus);
    tcase_add_test(tc, test_setvcpus);
    tcase_add_test(tc, test_attach_detach);
    tcase_add_test(tc, test_coredump);
    tcase_add_test(tc, test_save_restore);
    tcase_add_test(tc, test_reboot);
    tcase_add_test(tc, test_shutdown_destroy);
    suite_add_tcase(s, tc);

    tc = tcase_create("defined");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_define_create_undefine);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(xen_suite());
    int failed;

    setvbuf(stdout, NULL, _IOLBF, 0);
    srunner_run_all(sr, CK_VERBOSE);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
