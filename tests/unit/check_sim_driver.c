/*
 * check_sim_driver.c: the test driver (test:///default and node files),
 * driven through the public API.  Every failing call is checked for its
 * return value, the exact error code left behind, and that it changed
 * nothing.
 */

#include <config.h>

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define WEB1_UUID   "4dea22b3-1d52-d8f3-2516-782e98ab3fa0"
#define HOST_MAPLEN 2 /* VIR_CPU_MAPLEN(16) */

/* What a failed call must leave unchanged. */
typedef struct {
    virDomainInfo info;
    unsigned int id;
    char *xml;
} snap;

static Suite *sim_driver_suite(void);

/* Fixtures and helpers */
static void setup(void);
static void teardown(void);
static void count_errors(void *userData, virErrorPtr err);
static void expect_error(int code);
static void expect_error_msg(int code, const char *needle);
static virDomainPtr get(const char *name);
static void snap_take(virDomainPtr dom, snap *s);
static void snap_same(virDomainPtr dom, snap *s);
static char *xml_rename(const char *xml, const char *from, const char *to);
static char *tmp_path(const char *name);
static char *data_path(const char *name);
static int file_line(const char *path, const char *needle, int nth);
static unsigned long long vcpu_time_sum(virDomainPtr dom);
static void copy_file(const char *src, const char *dst);
static void extract_block(const char *src, const char *section,
                          const char *open, const char *close,
                          const char *dst);
static char *write_cpu_node(const char *name, int cpus, int active);
static virConnectPtr open_node(const char *path);
static void pin_all(virDomainPtr dom, int n, const unsigned char *map,
                    int maplen);
static uint32_t get_u32(const char *p);
static void clear_vcpu0_map(char *data, size_t len);

static int error_count;
static virConnectPtr conn;
static char tmpdir[64];

static void
count_errors(void *userData, virErrorPtr err)
{
    (void)err;
    (*(int *)userData)++;
}

static void
setup(void)
{
    virSetErrorFunc(&error_count, count_errors);
    error_count = 0;
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_sim_driver.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
    char cmd[128];

    if (conn)
        ck_assert_int_eq(virConnectClose(conn), 0);
    conn = NULL;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    virResetLastError();
    virSetErrorFunc(NULL, NULL);
}

/* The call just made failed with @code, raised exactly once. */
static void
expect_error(int code)
{
    virErrorPtr err = virGetLastError();

    ck_assert_msg(err != NULL, "no error left behind");
    ck_assert_msg(err->code == code, "error code %d (%s), expected %d",
                  err->code, err->message ? err->message : "", code);
    ck_assert_ptr_nonnull(err->message);
    ck_assert_int_gt((int)strlen(err->message), 0);
    ck_assert_int_eq(error_count, 1);
    error_count = 0;
}

static void
expect_error_msg(int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    ck_assert_ptr_nonnull(err);
    ck_assert_msg(err->message && strstr(err->message, needle),
                  "message '%s' lacks '%s'", err->message ? err->message : "",
                  needle);
    expect_error(code);
}

static virDomainPtr
get(const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    ck_assert_msg(dom != NULL, "no domain '%s'", name);
    return dom;
}

static void
snap_take(virDomainPtr dom, snap *s)
{
    ck_assert_int_eq(virDomainGetInfo(dom, &s->info), 0);
    s->id = virDomainGetID(dom);
    s->xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(s->xml);
}

/* Everything but the cpu time of a running domain is as in @s. */
static void
snap_same(virDomainPtr dom, snap *s)
{
    snap now;

    snap_take(dom, &now);
    ck_assert_int_eq(now.info.state, s->info.state);
    ck_assert_uint_eq(now.info.maxMem, s->info.maxMem);
    ck_assert_uint_eq(now.info.memory, s->info.memory);
    ck_assert_uint_eq(now.info.nrVirtCpu, s->info.nrVirtCpu);
    ck_assert_uint_ge(now.info.cpuTime, s->info.cpuTime);
    ck_assert_uint_eq(now.id, s->id);
    ck_assert_str_eq(now.xml, s->xml);
    free(now.xml);
    free(s->xml);
    s->xml = NULL;
}

/* @xml with <name>@from</name> renamed to @to and its <uuid> removed. */
static char *
xml_rename(const char *xml, const char *from, const char *to)
{
    char *out = malloc(strlen(xml) + strlen(to) + 1);
    char pattern[300];
    const char *p, *u, *ue;

    ck_assert_ptr_nonnull(out);
    snprintf(pattern, sizeof(pattern), "<name>%s</name>", from);
    p = strstr(xml, pattern);
    ck_assert_ptr_nonnull(p);
    memcpy(out, xml, (size_t)(p - xml));
    sprintf(out + (p - xml), "<name>%s</name>%s", to, p + strlen(pattern));
    u = strstr(out, "<uuid>");
    ue = u ? strstr(u, "</uuid>") : NULL;
    ck_assert_ptr_nonnull(ue);
    memmove((char *)(uintptr_t)u, ue + 7, strlen(ue + 7) + 1);
    return out;
}

static char *
tmp_path(const char *name)
{
    char *path = malloc(strlen(tmpdir) + strlen(name) + 2);

    ck_assert_ptr_nonnull(path);
    sprintf(path, "%s/%s", tmpdir, name);
    return path;
}

static char *
data_path(const char *name)
{
    const char *dir = ABS_SRCDIR "/data/nodes";
    char *path = malloc(strlen(dir) + strlen(name) + 2);

    ck_assert_ptr_nonnull(path);
    sprintf(path, "%s/%s", dir, name);
    return path;
}

/* The line number of the @nth (1-based) line of @path holding @needle. */
static int
file_line(const char *path, const char *needle, int nth)
{
    FILE *fp = fopen(path, "r");
    char line[1024];
    int n = 0;

    ck_assert_ptr_nonnull(fp);
    while (fgets(line, sizeof(line), fp)) {
        n++;
        if (strstr(line, needle) && --nth == 0) {
            fclose(fp);
            return n;
        }
    }
    fclose(fp);
    ck_abort_msg("'%s' not found in %s", needle, path);
    return -1;
}

static unsigned long long
vcpu_time_sum(virDomainPtr dom)
{
    virVcpuInfo info[16];
    unsigned long long sum = 0;
    int i, n = virDomainGetVcpus(dom, info, 16, NULL, 0);

    ck_assert_int_gt(n, 0);
    for (i = 0; i < n; i++)
        sum += info[i].cpuTime;
    return sum;
}

/* Copies the file @src to @dst. */
static void
copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
    char buf[512];
    size_t n;

    ck_assert_msg(in != NULL, "cannot open %s", src);
    ck_assert_msg(out != NULL, "cannot create %s", dst);
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

/*
 * Writes to @dst the lines of @src between the first line starting with
 * @open after the first line starting with @section, and the next line
 * starting with @close: an example of a document, taken as printed.
 */
static void
extract_block(const char *src, const char *section, const char *open,
              const char *close, const char *dst)
{
    FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
    char line[512];
    int state = 0;

    ck_assert_msg(in != NULL, "cannot open %s", src);
    ck_assert_msg(out != NULL, "cannot create %s", dst);
    while (state < 3 && fgets(line, sizeof(line), in)) {
        if (state == 0 && strncmp(line, section, strlen(section)) == 0)
            state = 1;
        else if (state == 1 && strncmp(line, open, strlen(open)) == 0)
            state = 2;
        else if (state == 2 && strncmp(line, close, strlen(close)) == 0)
            state = 3;
        else if (state == 2)
            fputs(line, out);
    }
    ck_assert_msg(state == 3, "no '%s' block under '%s' in %s", open, section,
                  src);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

/* Writes a node file of @cpus cpus, @active of them online, no domains. */
static char *
write_cpu_node(const char *name, int cpus, int active)
{
    char *path = tmp_path(name);
    FILE *fp = fopen(path, "w");

    ck_assert_ptr_nonnull(fp);
    fprintf(fp,
            "<node>\n  <cpu model='Lab' mhz='2000' nodes='1' sockets='1'"
            " cores='%d' threads='1' active='%d'/>\n"
            "  <memory>8388608</memory>\n</node>\n",
            cpus, active);
    ck_assert_int_eq(fclose(fp), 0);
    return path;
}

static virConnectPtr
open_node(const char *path)
{
    char uri[512];
    virConnectPtr c;

    snprintf(uri, sizeof(uri), "test://%s", path);
    c = virConnectOpen(uri);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* ------------------------------------------------------------------ core */

START_TEST(test_node_info)
{
    virNodeInfo info;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_str_eq(info.model, "x86_64 Xeon E5450");
    ck_assert_uint_eq(info.memory, 16777216);
    ck_assert_uint_eq(info.cpus, 16);
    ck_assert_uint_eq(info.mhz, 3000);
    ck_assert_uint_eq(info.nodes, 2);
    ck_assert_uint_eq(info.sockets, 2);
    ck_assert_uint_eq(info.cores, 2);
    ck_assert_uint_eq(info.threads, 2);
    ck_assert_uint_eq(VIR_NODEINFO_MAXCPUS(info), 16);
}
END_TEST

START_TEST(test_type_version)
{
    unsigned long ver = 0;

    ck_assert_str_eq(virConnectGetType(conn), "Test");
    ck_assert_int_eq(virConnectGetVersion(conn, &ver), 0);
    ck_assert_uint_eq(ver, 3000000);
}
END_TEST

START_TEST(test_listing)
{
    int ids[8];
    const char *names[4] = { NULL };

    ck_assert_int_eq(virConnectNumOfDomains(conn), 3);
    ck_assert_int_eq(virConnectListDomains(conn, ids, 8), 3);
    ck_assert_int_eq(ids[0], 0);
    ck_assert_int_eq(ids[1], 1);
    ck_assert_int_eq(ids[2], 2);
    ck_assert_int_eq(virConnectListDomains(conn, ids, 2), 2);
    ck_assert_int_eq(ids[1], 1);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 1);
    ck_assert_int_eq(virConnectListDefinedDomains(conn, names, 4), 1);
    ck_assert_str_eq(names[0], "build1");
    free((void *)(uintptr_t)names[0]);
}
END_TEST

START_TEST(test_lookups)
{
    virDomainPtr byName = get("web1");
    virDomainPtr byID = virDomainLookupByID(conn, 1);
    virDomainPtr byUUID = virDomainLookupByUUIDString(conn, WEB1_UUID);
    unsigned char uuid[16];
    char str[37];

    ck_assert_ptr_nonnull(byID);
    ck_assert_ptr_nonnull(byUUID);
    ck_assert_str_eq(virDomainGetName(byID), "web1");
    ck_assert_str_eq(virDomainGetName(byUUID), "web1");
    ck_assert_uint_eq(virDomainGetID(byName), 1);
    ck_assert_int_eq(virDomainGetUUIDString(byID, str), 0);
    ck_assert_str_eq(str, WEB1_UUID);
    ck_assert_int_eq(virDomainGetUUID(byName, uuid), 0);
    virDomainFree(byUUID);
    byUUID = virDomainLookupByUUID(conn, uuid);
    ck_assert_ptr_nonnull(byUUID);
    ck_assert_str_eq(virDomainGetName(byUUID), "web1");
    ck_assert_ptr_null(virDomainLookupByName(conn, "nosuch"));
    expect_error_msg(VIR_ERR_NO_DOMAIN, "no domain with matching name "
                                        "'nosuch'");
    ck_assert_ptr_null(virDomainLookupByID(conn, 99));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_ptr_null(virDomainLookupByUUIDString(
        conn, "00000000-0000-0000-0000-0000000000ff"));
    expect_error(VIR_ERR_NO_DOMAIN);
    virDomainFree(byName);
    virDomainFree(byID);
    virDomainFree(byUUID);
}
END_TEST

START_TEST(test_domain_info)
{
    virDomainPtr web = get("web1"), db = get("db1"), build = get("build1");
    virDomainPtr dom0 = virDomainLookupByID(conn, 0);
    virDomainInfo info;
    char *os;

    ck_assert_ptr_nonnull(dom0);
    ck_assert_str_eq(virDomainGetName(dom0), "Domain-0");
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(info.maxMem, 524288);
    ck_assert_uint_eq(info.memory, 524288);
    ck_assert_uint_eq(info.nrVirtCpu, 2);
    ck_assert_int_eq(virDomainGetInfo(db, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_PAUSED);
    ck_assert_uint_eq(info.memory, 786432);
    ck_assert_int_eq(virDomainGetInfo(build, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_uint_eq(virDomainGetID(build), (unsigned int)-1);
    ck_assert_uint_eq(virDomainGetMaxMemory(web), 524288);
    os = virDomainGetOSType(web);
    ck_assert_str_eq(os, "linux");
    free(os);
    virDomainFree(web);
    virDomainFree(db);
    virDomainFree(build);
    virDomainFree(dom0);
}
END_TEST

/* ------------------------------------------------------------- lifecycle */

START_TEST(test_suspend_resume)
{
    virDomainPtr web = get("web1");
    virDomainInfo info;
    snap s;

    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_PAUSED);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainSuspend(web), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED,
                     "cannot suspend domain 'web1': domain is not running");
    snap_same(web, &s);
    ck_assert_int_eq(virDomainResume(web), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainResume(web), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED, "domain is not paused");
    snap_same(web, &s);
    virDomainFree(web);
}
END_TEST

START_TEST(test_dom0_protected)
{
    virDomainPtr dom0 = virDomainLookupByID(conn, 0);
    char *path = tmp_path("dom0.save");
    snap s;

    ck_assert_ptr_nonnull(dom0);
    snap_take(dom0, &s);
    ck_assert_int_eq(virDomainSuspend(dom0), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED, "Domain-0");
    ck_assert_int_eq(virDomainSave(dom0, path), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(access(path, F_OK), -1);
    ck_assert_int_eq(virDomainDestroy(dom0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainShutdown(dom0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainReboot(dom0, 0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainUndefine(dom0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    snap_same(dom0, &s);
    free(path);
    virDomainFree(dom0);
}
END_TEST

START_TEST(test_inactive_refused)
{
    virDomainPtr build = get("build1");
    snap s;

    snap_take(build, &s);
    ck_assert_int_eq(virDomainSuspend(build), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainResume(build), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainShutdown(build), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED, "domain is not running");
    ck_assert_int_eq(virDomainDestroy(build), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainReboot(build, 0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    snap_same(build, &s);
    virDomainFree(build);
}
END_TEST

START_TEST(test_destroy_persistent)
{
    virDomainPtr web = get("web1");
    virDomainInfo info;

    ck_assert_int_eq(virDomainDestroy(web), 0); /* frees the handle */
    web = get("web1");
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_uint_eq(virDomainGetID(web), (unsigned int)-1);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 2);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    ck_assert_ptr_null(virDomainLookupByID(conn, 1));
    expect_error(VIR_ERR_NO_DOMAIN);
    virDomainFree(web);
}
END_TEST

START_TEST(test_transient_lifecycle)
{
    virDomainPtr web = get("web1"), tmp, again;
    char *xml = virDomainGetXMLDesc(web, 0);
    char *renamed = xml_rename(xml, "web1", "tmp1");
    virDomainInfo info;

    ck_assert_int_eq(virDomainIsPersistent(web), 1);
    tmp = virDomainCreateLinux(conn, renamed, 0);
    ck_assert_ptr_nonnull(tmp);
    ck_assert_int_eq(virDomainIsPersistent(tmp), 0);
    ck_assert_uint_eq(virDomainGetID(tmp), 3);
    ck_assert_int_eq(virDomainGetInfo(tmp, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 4);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 1);
    /* shutdown of a transient domain removes it */
    ck_assert_int_eq(virDomainShutdown(tmp), 0);
    ck_assert_int_eq(virDomainGetInfo(tmp, &info), -1);
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virDomainIsPersistent(tmp), -1);
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_ptr_null(virDomainLookupByName(conn, "tmp1"));
    expect_error(VIR_ERR_NO_DOMAIN);
    virDomainFree(tmp);
    /* started again, it gets a new, larger id; destroy removes it too */
    again = virDomainCreateLinux(conn, renamed, 0);
    ck_assert_ptr_nonnull(again);
    ck_assert_uint_eq(virDomainGetID(again), 4);
    ck_assert_int_eq(virDomainDestroy(again), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "tmp1"));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 3);
    free(renamed);
    free(xml);
    virDomainFree(web);
}
END_TEST

/*
 * A fault injected into an operation on a domain that is already gone:
 * the call fails with one error (the fault, which the host reports
 * first), never two.
 */
START_TEST(test_fault_on_vanished)
{
    static const char *const ops[] = {
        "domainSuspend", "domainResume",      "domainShutdown",
        "domainDestroy", "domainReboot",      "domainCreate",
        "domainGetInfo", "domainSetMaxMemory", "domainSetMemory",
        "domainSetVcpus", "domainPinVcpu",    "domainGetVcpus",
    };
    virDomainPtr web = get("web1"), tmp;
    char *xml = virDomainGetXMLDesc(web, 0);
    char *renamed = xml_rename(xml, "web1", "gone1");
    char *faults = tmp_path("faults");
    unsigned char map[HOST_MAPLEN] = {1, 0};
    virVcpuInfo vinfo[2];
    virDomainInfo info;
    FILE *f;
    size_t i;

    tmp = virDomainCreateLinux(conn, renamed, 0);
    ck_assert_ptr_nonnull(tmp);
    /* shutdown, not destroy: a successful destroy frees the handle */
    ck_assert_int_eq(virDomainShutdown(tmp), 0);
    f = fopen(faults, "w");
    ck_assert_ptr_nonnull(f);
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        fprintf(f, "%s\n", ops[i]);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(setenv("LIBVIR_TEST_FAULTS", faults, 1), 0);
    for (i = 0; i < 2; i++) {
        /* first with the faults, then without: NO_DOMAIN, once */
        int code = i == 0 ? VIR_ERR_INTERNAL_ERROR : VIR_ERR_NO_DOMAIN;

        ck_assert_int_eq(virDomainSuspend(tmp), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainResume(tmp), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainShutdown(tmp), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainDestroy(tmp), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainReboot(tmp, 0), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainCreate(tmp), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainGetInfo(tmp, &info), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainSetMaxMemory(tmp, 131072), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainSetMemory(tmp, 131072), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainSetVcpus(tmp, 1), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainPinVcpu(tmp, 0, map, HOST_MAPLEN), -1);
        expect_error(code);
        ck_assert_int_eq(virDomainGetVcpus(tmp, vinfo, 2, NULL, 0), -1);
        expect_error(code);
        ck_assert_int_eq(unsetenv("LIBVIR_TEST_FAULTS"), 0);
    }
    virDomainFree(tmp);
    free(faults);
    free(renamed);
    free(xml);
    virDomainFree(web);
}
END_TEST

/*
 * "delay OP SECS" makes OP slow, not failing: the call takes at least
 * that long and does its work; listed as well, OP fails after the delay.
 */
START_TEST(test_fault_delay)
{
    virDomainPtr web = get("web1");
    char *faults = tmp_path("faults");
    struct timespec t0, t1;
    virDomainInfo info;
    double secs;
    FILE *f;
    int i;

    for (i = 0; i < 2; i++) {
        f = fopen(faults, "w");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "domainSuspend\ndelay domainSetMemory 0.2\n%s",
                i ? "domainSetMemory\n" : "");
        ck_assert_int_eq(fclose(f), 0);
        ck_assert_int_eq(setenv("LIBVIR_TEST_FAULTS", faults, 1), 0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        ck_assert_int_eq(virDomainSetMemory(web, 131072 + 1024 * i), -i);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (i)
            expect_error(VIR_ERR_INTERNAL_ERROR);
        ck_assert_int_eq(unsetenv("LIBVIR_TEST_FAULTS"), 0);
        secs = (double)(t1.tv_sec - t0.tv_sec) +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        ck_assert(secs >= 0.2);
        ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
        /* the slow call did its work; the failing one changed nothing */
        ck_assert_uint_eq(info.memory, 131072);
    }
    free(faults);
    virDomainFree(web);
}
END_TEST

START_TEST(test_shutdown_reboot)
{
    virDomainPtr web = get("web1");
    virDomainInfo info;
    snap s;

    ck_assert_int_eq(virDomainReboot(web, 0), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(virDomainGetID(web), 1);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainReboot(web, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    snap_same(web, &s);
    ck_assert_int_eq(virDomainShutdown(web), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_uint_eq(virDomainGetID(web), (unsigned int)-1);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    virDomainFree(web);
}
END_TEST

START_TEST(test_create)
{
    virDomainPtr build = get("build1");
    virDomainInfo info;
    snap s;

    ck_assert_int_eq(virDomainCreate(build), 0);
    ck_assert_int_eq(virDomainGetInfo(build, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(virDomainGetID(build), 3);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 4);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    snap_take(build, &s);
    ck_assert_int_eq(virDomainCreate(build), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED, "already running");
    snap_same(build, &s);
    ck_assert_int_eq(virDomainDestroy(build), 0);
    build = get("build1");
    ck_assert_int_eq(virDomainCreate(build), 0);
    ck_assert_uint_eq(virDomainGetID(build), 4); /* ids only grow */
    virDomainFree(build);
}
END_TEST

START_TEST(test_define)
{
    virDomainPtr web = get("web1"), web2, again;
    char *xml = virDomainGetXMLDesc(web, 0);
    char *renamed = xml_rename(xml, "web1", "web2");
    char *xml2, *bigger, *clash, *p;
    snap s1, s2;

    web2 = virDomainDefineXML(conn, renamed);
    ck_assert_ptr_nonnull(web2);
    ck_assert_uint_eq(virDomainGetID(web2), (unsigned int)-1);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    /* same name and uuid: redefined */
    xml2 = virDomainGetXMLDesc(web2, 0);
    ck_assert_ptr_nonnull(xml2);
    p = strstr(xml2, "<memory>524288</memory>");
    ck_assert_ptr_nonnull(p);
    bigger = strdup(xml2);
    memcpy(bigger + (p - xml2), "<memory>624288</memory>", 23);
    again = virDomainDefineXML(conn, bigger);
    ck_assert_ptr_nonnull(again);
    ck_assert_uint_eq(virDomainGetMaxMemory(web2), 624288);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    /* same name, another uuid; web1's uuid under another name */
    clash = strdup(xml2);
    p = strstr(clash, "<uuid>") + 6;
    *p = *p == 'a' ? 'b' : 'a';
    snap_take(web, &s1);
    snap_take(web2, &s2);
    ck_assert_ptr_null(virDomainDefineXML(conn, clash));
    expect_error(VIR_ERR_DOM_EXIST);
    ck_assert_ptr_null(virDomainDefineXML(conn, xml));
    expect_error(VIR_ERR_DOM_EXIST); /* web1 itself is active */
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    ck_assert_ptr_null(virDomainCreateLinux(conn, xml, 0));
    expect_error(VIR_ERR_DOM_EXIST);
    snap_same(web, &s1);
    snap_same(web2, &s2);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 3);
    free(clash);
    free(bigger);
    free(xml2);
    free(renamed);
    free(xml);
    virDomainFree(again);
    virDomainFree(web2);
    virDomainFree(web);
}
END_TEST

START_TEST(test_define_uuid_clash)
{
    virDomainPtr web = get("web1");
    char *xml = virDomainGetXMLDesc(web, 0);
    char *p = strstr(xml, "<name>web1</name>");
    const char *names[4];

    /* web1's uuid under the name "web9": refused */
    ck_assert_ptr_nonnull(p);
    memcpy(p, "<name>web9</name>", 17);
    ck_assert_ptr_null(virDomainDefineXML(conn, xml));
    expect_error_msg(VIR_ERR_DOM_EXIST, "web1");
    ck_assert_int_eq(virConnectListDefinedDomains(conn, names, 4), 1);
    ck_assert_str_eq(names[0], "build1");
    free((void *)(uintptr_t)names[0]);
    free(xml);
    virDomainFree(web);
}
END_TEST

/* XML without <uuid> redefines the shut-off domain of that name. */
START_TEST(test_define_keeps_uuid)
{
    virDomainPtr build = get("build1"), again, web = get("web1");
    char *xml = virDomainGetXMLDesc(build, 0);
    char *nouuid = xml_rename(xml, "build1", "build1");
    char *p = strstr(nouuid, "<vcpu>1</vcpu>");
    char before[37], after[37], *webxml, *web2xml;
    const char *names[4];
    virDomainPtr web2;

    ck_assert_ptr_nonnull(p);
    p[6] = '3';
    again = virDomainDefineXML(conn, nouuid);
    ck_assert_ptr_nonnull(again);
    ck_assert_int_eq(virDomainGetUUIDString(build, before), 0);
    ck_assert_int_eq(virDomainGetUUIDString(again, after), 0);
    ck_assert_str_eq(before, after);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 1);
    ck_assert_int_eq(virDomainSetVcpus(build, 3), 0); /* new maximum */
    /* listing is sorted and truncates to maxnames */
    webxml = virDomainGetXMLDesc(web, 0);
    web2xml = xml_rename(webxml, "web1", "a-web2");
    free(webxml);
    web2 = virDomainDefineXML(conn, web2xml);
    ck_assert_ptr_nonnull(web2);
    ck_assert_int_eq(virConnectListDefinedDomains(conn, names, 1), 1);
    ck_assert_str_eq(names[0], "a-web2");
    free((void *)(uintptr_t)names[0]);
    ck_assert_int_eq(virConnectListDefinedDomains(conn, names, 4), 2);
    ck_assert_str_eq(names[1], "build1");
    free((void *)(uintptr_t)names[0]);
    free((void *)(uintptr_t)names[1]);
    /* unsupported flags */
    ck_assert_ptr_null(virDomainCreateLinux(conn, web2xml, 1));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainGetXMLDesc(web2, 1));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    free(web2xml);
    free(nouuid);
    free(xml);
    virDomainFree(web2);
    virDomainFree(web);
    virDomainFree(again);
    virDomainFree(build);
}
END_TEST

START_TEST(test_undefine)
{
    virDomainPtr web = get("web1"), build = get("build1");
    virDomainPtr other = get("build1");
    virDomainInfo info;
    snap s;

    /* active persistent: keeps running, becomes transient */
    ck_assert_int_eq(virDomainIsPersistent(web), 1);
    ck_assert_int_eq(virDomainIsPersistent(build), 1);
    ck_assert_int_eq(virDomainUndefine(web), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virDomainIsPersistent(web), 0);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainUndefine(web), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED, "not persistent");
    snap_same(web, &s);
    ck_assert_int_eq(virDomainDestroy(web), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "web1"));
    expect_error(VIR_ERR_NO_DOMAIN);
    /* inactive: removed; another handle to it goes stale */
    ck_assert_int_eq(virDomainUndefine(build), 0);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    ck_assert_int_eq(virDomainGetInfo(other, &info), -1);
    expect_error_msg(VIR_ERR_NO_DOMAIN, "build1");
    ck_assert_ptr_null(virDomainGetXMLDesc(other, 0));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virDomainCreate(other), -1);
    expect_error(VIR_ERR_NO_DOMAIN);
    virDomainFree(build);
    virDomainFree(other);
}
END_TEST

/* ---------------------------------------------------------------- memory */

START_TEST(test_set_memory)
{
    virDomainPtr web = get("web1");
    virDomainInfo info;
    snap s;

    ck_assert_int_eq(virDomainSetMemory(web, 262144), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_uint_eq(info.memory, 262144);
    ck_assert_uint_eq(info.maxMem, 524288);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainSetMemory(web, 524289), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetMemory(web, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    snap_same(web, &s);
    virDomainFree(web);
}
END_TEST

START_TEST(test_set_max_memory)
{
    virDomainPtr db = get("db1");
    virDomainInfo info;
    snap s;

    ck_assert_int_eq(virDomainSetMaxMemory(db, 2097152), 0);
    ck_assert_int_eq(virDomainGetInfo(db, &info), 0);
    ck_assert_uint_eq(info.maxMem, 2097152);
    ck_assert_uint_eq(info.memory, 786432);
    ck_assert_int_eq(virDomainSetMaxMemory(db, 524288), 0);
    ck_assert_int_eq(virDomainGetInfo(db, &info), 0);
    ck_assert_uint_eq(info.maxMem, 524288);
    ck_assert_uint_eq(info.memory, 524288); /* lowered with the maximum */
    ck_assert_uint_eq(virDomainGetMaxMemory(db), 524288);
    snap_take(db, &s);
    ck_assert_int_eq(virDomainSetMaxMemory(db, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetMaxMemory(db, 16777217), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    snap_same(db, &s);
    virDomainFree(db);
}
END_TEST

/* ----------------------------------------------------------------- vcpus */

START_TEST(test_set_vcpus)
{
    virDomainPtr db = get("db1");
    virVcpuInfo info[8];
    virDomainInfo dinfo;
    snap s;

    ck_assert_int_eq(virDomainGetMaxVcpus(db), 4);
    ck_assert_int_eq(virDomainSetVcpus(db, 2), 0);
    ck_assert_int_eq(virDomainGetMaxVcpus(db), 4);
    ck_assert_int_eq(virDomainGetInfo(db, &dinfo), 0);
    ck_assert_uint_eq(dinfo.nrVirtCpu, 2);
    ck_assert_int_eq(virDomainGetVcpus(db, info, 8, NULL, 0), 2);
    snap_take(db, &s);
    ck_assert_int_eq(virDomainSetVcpus(db, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetVcpus(db, 5), -1);
    expect_error_msg(VIR_ERR_INVALID_ARG, "maximum 4");
    snap_same(db, &s);
    ck_assert_int_eq(virDomainSetVcpus(db, 4), 0);
    ck_assert_int_eq(virDomainGetVcpus(db, info, 8, NULL, 0), 4);
    virDomainFree(db);
}
END_TEST

START_TEST(test_get_vcpus)
{
    virDomainPtr web = get("web1");
    virVcpuInfo info[4];
    unsigned char maps[4 * 4], full[2 * HOST_MAPLEN], one[2];
    int i;

    ck_assert_int_eq(virDomainGetVcpus(web, info, 1, NULL, 0), 1);
    ck_assert_uint_eq(info[0].number, 0);
    ck_assert_int_eq(virDomainGetVcpus(web, info, 2, full, HOST_MAPLEN), 2);
    for (i = 0; i < 2; i++) {
        ck_assert_uint_eq(info[i].number, (unsigned int)i);
        ck_assert_int_eq(info[i].state, VIR_VCPU_RUNNING);
        ck_assert_int_ge(info[i].cpu, 0);
        ck_assert_int_lt(info[i].cpu, 16);
        ck_assert(VIR_CPU_USABLE(full, HOST_MAPLEN, i, info[i].cpu));
    }
    /* a longer map is zero-filled, a shorter one truncated */
    memset(maps, 0xff, sizeof(maps));
    ck_assert_int_eq(virDomainGetVcpus(web, info, 4, maps, 4), 2);
    for (i = 0; i < 2; i++) {
        ck_assert_int_eq(
            memcmp(maps + i * 4, full + i * HOST_MAPLEN, HOST_MAPLEN), 0);
        ck_assert_int_eq(maps[i * 4 + 2], 0);
        ck_assert_int_eq(maps[i * 4 + 3], 0);
    }
    ck_assert_int_eq(virDomainGetVcpus(web, info, 2, one, 1), 2);
    ck_assert_int_eq(one[0], full[0]);
    ck_assert_int_eq(one[1], full[HOST_MAPLEN]);
    virDomainFree(web);
}
END_TEST

START_TEST(test_pin_vcpu)
{
    virDomainPtr web = get("web1");
    virVcpuInfo info[2];
    unsigned char map[HOST_MAPLEN] = { 0 }, maps[2 * HOST_MAPLEN];
    unsigned char expect[HOST_MAPLEN] = { 0 };

    VIR_USE_CPU(map, 5);
    ck_assert_int_eq(virDomainPinVcpu(web, 1, map, HOST_MAPLEN), 0);
    ck_assert_int_eq(virDomainGetVcpus(web, info, 2, maps, HOST_MAPLEN), 2);
    VIR_USE_CPU(expect, 5);
    ck_assert_int_eq(
        memcmp(VIR_GET_CPUMAP(maps, HOST_MAPLEN, 1), expect, HOST_MAPLEN), 0);
    ck_assert_int_eq(info[1].cpu, 5);
    /* two cpus: it runs on one of them; a short map means zeros */
    memset(map, 0, sizeof(map));
    VIR_USE_CPU(map, 3);
    VIR_USE_CPU(map, 6);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map, 1), 0);
    ck_assert_int_eq(virDomainGetVcpus(web, info, 2, maps, HOST_MAPLEN), 2);
    ck_assert(info[0].cpu == 3 || info[0].cpu == 6);
    ck_assert_int_eq(maps[0], map[0]);
    ck_assert_int_eq(maps[1], 0);
    virDomainFree(web);
}
END_TEST

START_TEST(test_pin_vcpu_refused)
{
    virDomainPtr web = get("web1"), build = get("build1");
    unsigned char zero[4] = { 0 }, map[4] = { 1, 0, 0, 0 };
    unsigned char before[2 * HOST_MAPLEN], after[2 * HOST_MAPLEN];
    virVcpuInfo info[2];
    snap s;

    ck_assert_int_eq(virDomainGetVcpus(web, info, 2, before, HOST_MAPLEN), 2);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, zero, HOST_MAPLEN), -1);
    expect_error_msg(VIR_ERR_INVALID_ARG, "empty");
    ck_assert_int_eq(virDomainPinVcpu(web, 2, map, HOST_MAPLEN), -1);
    expect_error_msg(VIR_ERR_INVALID_ARG, "vcpu 2");
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map, -1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map, HOST_MAPLEN + 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainPinVcpu(build, 0, map, 1), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainGetVcpus(build, info, 2, NULL, 0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainGetVcpus(web, info, 2, after, HOST_MAPLEN), 2);
    ck_assert_int_eq(memcmp(before, after, sizeof(before)), 0);
    snap_same(web, &s);
    virDomainFree(web);
    virDomainFree(build);
}
END_TEST

START_TEST(test_cpu_time)
{
    virDomainPtr web = get("web1"), db = get("db1");
    virDomainInfo a, b;
    struct timespec ts = { 0, 30 * 1000 * 1000 };

    ck_assert_int_eq(virDomainGetInfo(web, &a), 0);
    ck_assert_int_eq(virDomainGetInfo(db, &b), 0);
    nanosleep(&ts, NULL);
    ck_assert_int_eq(virDomainGetInfo(db, &a), 0);
    ck_assert_uint_eq(a.cpuTime, b.cpuTime); /* paused: no time */
    ck_assert_int_eq(virDomainGetInfo(web, &b), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &a), 0);
    nanosleep(&ts, NULL);
    ck_assert_int_eq(virDomainGetInfo(web, &b), 0);
    /* two running vcpus, 30 ms of wall time each */
    ck_assert_uint_ge(b.cpuTime - a.cpuTime, 2ULL * 30 * 1000 * 1000);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &a), 0);
    ck_assert_uint_gt(a.cpuTime, 0);
    ck_assert_uint_eq(vcpu_time_sum(web), a.cpuTime);
    nanosleep(&ts, NULL);
    ck_assert_int_eq(virDomainGetInfo(web, &b), 0);
    ck_assert_uint_eq(b.cpuTime, a.cpuTime);
    virDomainFree(web);
    virDomainFree(db);
}
END_TEST

/* ------------------------------------------------------- save, core dump */

START_TEST(test_save_restore)
{
    virDomainPtr web = get("web1");
    char *path = tmp_path("web1.save");
    unsigned char map[HOST_MAPLEN] = { 0 }, maps[2 * HOST_MAPLEN];
    virDomainInfo info;
    virVcpuInfo vinfo[2];
    char magic[9] = "";
    FILE *fp;

    ck_assert_int_eq(virDomainSetMemory(web, 300000), 0);
    ck_assert_int_eq(virDomainSetVcpus(web, 1), 0);
    VIR_USE_CPU(map, 9);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map, HOST_MAPLEN), 0);
    ck_assert_int_eq(virDomainSave(web, path), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 2);
    fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fread(magic, 1, 8, fp), 8);
    fclose(fp);
    ck_assert_str_eq(magic, "VIRTMIBS");
    ck_assert_int_eq(virDomainRestore(conn, path), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(info.memory, 300000);
    ck_assert_uint_eq(info.nrVirtCpu, 1);
    ck_assert_uint_eq(virDomainGetID(web), 3);
    ck_assert_int_eq(virDomainGetVcpus(web, vinfo, 2, maps, HOST_MAPLEN), 1);
    ck_assert_int_eq(memcmp(maps, map, HOST_MAPLEN), 0);
    ck_assert_int_eq(vinfo[0].cpu, 9);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 1);
    /* restoring again while it runs is refused */
    ck_assert_int_eq(virDomainRestore(conn, path), -1);
    expect_error(VIR_ERR_DOM_EXIST);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 3);
    free(path);
    virDomainFree(web);
}
END_TEST

START_TEST(test_save_transient)
{
    virDomainPtr web = get("web1"), tmp;
    char *xml = virDomainGetXMLDesc(web, 0);
    char *renamed = xml_rename(xml, "web1", "tmp2");
    char *path = tmp_path("tmp2.save");
    virDomainInfo info;

    tmp = virDomainCreateLinux(conn, renamed, 0);
    ck_assert_ptr_nonnull(tmp);
    ck_assert_int_eq(virDomainSuspend(tmp), 0);
    ck_assert_int_eq(virDomainSave(tmp, path), 0);
    ck_assert_int_eq(virDomainGetInfo(tmp, &info), -1);
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virDomainRestore(conn, path), 0);
    ck_assert_int_eq(virDomainGetInfo(tmp, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 1);
    free(path);
    free(renamed);
    free(xml);
    virDomainFree(tmp);
    virDomainFree(web);
}
END_TEST

/* Writes @len bytes of @data to @path. */
static void
write_file(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");

    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
}

/* Little-endian u32 at @p. */
static uint32_t
get_u32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
           (uint32_t)u[3] << 24;
}

/*
 * Clears the affinity map of vcpu 0 in the save image @data and fixes its
 * checksum, as testnode(5) lays them out.
 */
static void
clear_vcpu0_map(char *data, size_t len)
{
    size_t rt = 24 + get_u32(data + 12), i;
    uint32_t maplen = get_u32(data + rt + 12), sum = 2166136261U;

    ck_assert_uint_le(rt + 40 + maplen, len);
    memset(data + rt + 40, 0, maplen);
    for (i = 0; i < len; i++) {
        if (i >= 20 && i < 24)
            continue;
        sum = (sum ^ (unsigned char)data[i]) * 16777619U;
    }
    for (i = 0; i < 4; i++)
        data[20 + i] = (char)(sum >> (8 * i));
}

START_TEST(test_restore_refused)
{
    virDomainPtr web = get("web1");
    char *good = tmp_path("good.save"), *bad = tmp_path("bad.save");
    char *data;
    long len;
    FILE *fp;
    snap s;

    ck_assert_int_eq(virDomainSave(web, good), 0);
    fp = fopen(good, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    rewind(fp);
    data = malloc((size_t)len);
    ck_assert_uint_eq(fread(data, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    snap_take(web, &s);
    write_file(bad, "junk junk junk junk junk junk", 29);
    ck_assert_int_eq(virDomainRestore(conn, bad), -1);
    expect_error_msg(VIR_ERR_READ_FAILED, "bad.save");
    write_file(bad, data, (size_t)len - 10); /* truncated */
    ck_assert_int_eq(virDomainRestore(conn, bad), -1);
    expect_error_msg(VIR_ERR_READ_FAILED, "truncated");
    data[len / 2] ^= 0x20; /* damaged */
    write_file(bad, data, (size_t)len);
    ck_assert_int_eq(virDomainRestore(conn, bad), -1);
    expect_error_msg(VIR_ERR_READ_FAILED, "checksum");
    data[len / 2] ^= 0x20;
    clear_vcpu0_map(data, (size_t)len);
    write_file(bad, data, (size_t)len);
    ck_assert_int_eq(virDomainRestore(conn, bad), -1);
    expect_error_msg(VIR_ERR_READ_FAILED, "vcpu 0 is pinned to no cpu");
    data[8] = 9; /* version */
    write_file(bad, data, (size_t)len);
    ck_assert_int_eq(virDomainRestore(conn, bad), -1);
    expect_error_msg(VIR_ERR_READ_FAILED, "version");
    ck_assert_int_eq(virDomainRestore(conn, "/nonexistent/x.save"), -1);
    expect_error(VIR_ERR_READ_FAILED);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 2);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    snap_same(web, &s);
    free(data);
    free(good);
    free(bad);
    virDomainFree(web);
}
END_TEST

/* Pins every vcpu of @dom (it has @n) to the cpus of @map. */
static void
pin_all(virDomainPtr dom, int n, const unsigned char *map, int maplen)
{
    int i;

    for (i = 0; i < n; i++)
        ck_assert_int_eq(virDomainPinVcpu(dom, (unsigned int)i,
                                          (unsigned char *)(uintptr_t)map,
                                          maplen),
                         0);
}

/*
 * A 12-vcpu domain saved on the 16 cpus of test:///default does not fit a
 * host of 9 cpus, nor one whose cpus 9-15 are offline, while its vcpus may
 * run there; pinned to cpus 0-8 it does, 12 vcpus on 9 cpus.
 */
START_TEST(test_restore_smaller_host)
{
    const char xml[] = "<domain type='xen'><name>big</name><os><type>linux"
                       "</type><kernel>/k</kernel></os><memory>65536</memory>"
                       "<vcpu>12</vcpu></domain>";
    char *save = tmp_path("big.save");
    char *small = write_cpu_node("small.xml", 9, 9);
    char *offline = write_cpu_node("offline.xml", 16, 9);
    const unsigned char low[HOST_MAPLEN] = { 0xff, 0x01 };
    unsigned char maps[12 * HOST_MAPLEN];
    virVcpuInfo vinfo[12];
    virConnectPtr c9, c16;
    virDomainPtr big;
    int i;

    big = virDomainCreateLinux(conn, xml, 0);
    ck_assert_ptr_nonnull(big);
    ck_assert_int_eq(virDomainSave(big, save), 0);
    c9 = open_node(small);
    c16 = open_node(offline);
    ck_assert_int_eq(virDomainRestore(c9, save), -1);
    expect_error_msg(VIR_ERR_READ_FAILED,
                     "vcpu 0 is pinned to cpu 9, which this host does not "
                     "have (cpus 0-8)");
    ck_assert_int_eq(virConnectNumOfDomains(c9), 0);
    ck_assert_int_eq(virDomainRestore(c16, save), -1);
    expect_error_msg(VIR_ERR_READ_FAILED,
                     "vcpu 0 is pinned to cpu 9, which is offline on this "
                     "host (cpus 0-8 are online)");
    ck_assert_int_eq(virConnectNumOfDomains(c16), 0);
    /* pinned to cpus the small host has, it fits */
    ck_assert_int_eq(virDomainRestore(conn, save), 0);
    pin_all(big, 12, low, HOST_MAPLEN);
    ck_assert_int_eq(virDomainSave(big, save), 0);
    virDomainFree(big);
    ck_assert_int_eq(virDomainRestore(c9, save), 0);
    big = virDomainLookupByName(c9, "big");
    ck_assert_ptr_nonnull(big);
    memset(maps, 0xaa, sizeof(maps));
    ck_assert_int_eq(virDomainGetVcpus(big, vinfo, 12, maps, HOST_MAPLEN), 12);
    for (i = 0; i < 12; i++) {
        ck_assert_int_eq(memcmp(maps + i * HOST_MAPLEN, low, HOST_MAPLEN), 0);
        ck_assert_int_lt(vinfo[i].cpu, 9);
    }
    virDomainFree(big);
    ck_assert_int_eq(virConnectClose(c9), 0);
    ck_assert_int_eq(virConnectClose(c16), 0);
    free(save);
    free(small);
    free(offline);
}
END_TEST

/*
 * A restore onto a host of more cpus keeps every map exactly, the extra
 * cpus clear; back onto 16 cpus, a map of 3 bytes fits when it names
 * cpus 0-15 only.
 */
START_TEST(test_restore_larger_host)
{
    virDomainPtr web = get("web1"), big;
    char *save = tmp_path("web1.save");
    char *large = write_cpu_node("large.xml", 24, 24);
    unsigned char map0[4] = { 0 }, map1[4] = { 0 }, maps[2 * 4];
    virVcpuInfo vinfo[2];
    virConnectPtr c24;

    VIR_USE_CPU(map0, 9);
    VIR_USE_CPU(map1, 0);
    VIR_USE_CPU(map1, 15);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map0, HOST_MAPLEN), 0);
    ck_assert_int_eq(virDomainPinVcpu(web, 1, map1, HOST_MAPLEN), 0);
    ck_assert_int_eq(virDomainSave(web, save), 0);
    c24 = open_node(large);
    ck_assert_int_eq(virDomainRestore(c24, save), 0);
    big = virDomainLookupByName(c24, "web1");
    ck_assert_ptr_nonnull(big);
    memset(maps, 0xaa, sizeof(maps));
    ck_assert_int_eq(virDomainGetVcpus(big, vinfo, 2, maps, 4), 2);
    ck_assert_int_eq(memcmp(maps, map0, 4), 0);
    ck_assert_int_eq(memcmp(maps + 4, map1, 4), 0);
    ck_assert_int_eq(vinfo[0].cpu, 9);
    /* back onto 16 cpus from a 3-byte map */
    memset(map0, 0, sizeof(map0));
    VIR_USE_CPU(map0, 3);
    ck_assert_int_eq(virDomainPinVcpu(big, 0, map0, 3), 0);
    ck_assert_int_eq(virDomainSave(big, save), 0);
    ck_assert_int_eq(virDomainRestore(conn, save), 0);
    ck_assert_int_eq(virDomainGetVcpus(web, vinfo, 2, maps, HOST_MAPLEN), 2);
    ck_assert_int_eq(memcmp(maps, map0, HOST_MAPLEN), 0);
    ck_assert_int_eq(memcmp(maps + HOST_MAPLEN, map1, HOST_MAPLEN), 0);
    ck_assert_int_eq(vinfo[0].cpu, 3);
    /* but not when it names cpu 20 */
    ck_assert_int_eq(virDomainRestore(c24, save), 0);
    VIR_USE_CPU(map1, 20);
    ck_assert_int_eq(virDomainPinVcpu(big, 1, map1, 3), 0);
    ck_assert_int_eq(virDomainSave(big, save), 0);
    ck_assert_int_eq(virDomainDestroy(web), 0); /* frees the handle */
    ck_assert_int_eq(virDomainRestore(conn, save), -1);
    expect_error_msg(VIR_ERR_READ_FAILED,
                     "vcpu 1 is pinned to cpu 20, which this host does not "
                     "have (cpus 0-15)");
    virDomainFree(big);
    ck_assert_int_eq(virConnectClose(c24), 0);
    free(save);
    free(large);
}
END_TEST

START_TEST(test_save_unwritable)
{
    virDomainPtr web = get("web1");
    snap s;

    snap_take(web, &s);
    ck_assert_int_eq(virDomainSave(web, "/nonexistent/dir/web1.save"), -1);
    expect_error_msg(VIR_ERR_WRITE_FAILED, "/nonexistent/dir/web1.save");
    ck_assert_int_eq(virDomainCoreDump(web, "/nonexistent/dir/core", 0), -1);
    expect_error(VIR_ERR_WRITE_FAILED);
    snap_same(web, &s);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 3);
    virDomainFree(web);
}
END_TEST

START_TEST(test_core_dump)
{
    virDomainPtr web = get("web1"), build = get("build1");
    char *path = tmp_path("web1.core");
    char buf[4096] = "";
    size_t n;
    FILE *fp;
    snap s;

    snap_take(web, &s);
    ck_assert_int_eq(virDomainCoreDump(web, path, 0), 0);
    snap_same(web, &s);
    fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    n = fread(buf, 1, sizeof(buf) - 1, fp);
    fclose(fp);
    ck_assert_uint_gt(n, 32);
    ck_assert_int_eq(memcmp(buf, "VIRTMIBC", 8), 0);
    ck_assert_ptr_nonnull(strstr(buf + 32, "<name>web1</name>"));
    ck_assert_int_eq(virDomainCoreDump(web, path, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainCoreDump(build, path, 0), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    free(path);
    virDomainFree(web);
    virDomainFree(build);
}
END_TEST

/* --------------------------------------------------------------- devices */

START_TEST(test_devices)
{
    virDomainPtr web = get("web1"), build = get("build1");
    char disk[] = "<disk type='file' device='disk'>"
                  "<source file='/srv/extra.img'/><target dev='xvdb'/></disk>";
    char nic[] = "<interface type='bridge'><mac address='00:16:3e:aa:bb:cc'/>"
                 "<source bridge='xenbr0'/></interface>";
    char bad[] = "<disk type='file'>";
    char *xml;
    snap s;

    ck_assert_int_eq(virDomainAttachDevice(web, disk), 0);
    ck_assert_int_eq(virDomainAttachDevice(web, nic), 0);
    xml = virDomainGetXMLDesc(web, 0);
    ck_assert_ptr_nonnull(strstr(xml, "xvdb"));
    ck_assert_ptr_nonnull(strstr(xml, "00:16:3e:aa:bb:cc"));
    free(xml);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainAttachDevice(web, disk), -1);
    expect_error_msg(VIR_ERR_OPERATION_FAILED, "xvdb");
    ck_assert_int_eq(virDomainAttachDevice(web, nic), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainAttachDevice(web, bad), -1);
    expect_error(VIR_ERR_XML_ERROR);
    snap_same(web, &s);
    ck_assert_int_eq(virDomainDetachDevice(web, disk), 0);
    ck_assert_int_eq(virDomainDetachDevice(web, nic), 0);
    xml = virDomainGetXMLDesc(web, 0);
    ck_assert_ptr_null(strstr(xml, "xvdb"));
    ck_assert_ptr_null(strstr(xml, "00:16:3e:aa:bb:cc"));
    ck_assert_ptr_nonnull(strstr(xml, "xvda"));
    free(xml);
    snap_take(web, &s);
    ck_assert_int_eq(virDomainDetachDevice(web, disk), -1);
    expect_error(VIR_ERR_NO_DEVICE);
    ck_assert_int_eq(virDomainDetachDevice(web, nic), -1);
    expect_error(VIR_ERR_NO_DEVICE);
    snap_same(web, &s);
    ck_assert_int_eq(virDomainAttachDevice(build, disk), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    virDomainFree(web);
    virDomainFree(build);
}
END_TEST

/* ------------------------------------------------------------ node files */

START_TEST(test_good_node)
{
    char *path = data_path("good.xml");
    char uri[512];
    virConnectPtr c;
    virDomainPtr alpha, beta, delta;
    virNodeInfo node;
    virDomainInfo info;
    unsigned char map[1] = { 1U << 6 };
    char *xml;

    snprintf(uri, sizeof(uri), "test://%s", path);
    c = virConnectOpen(uri);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(virNodeGetInfo(c, &node), 0);
    ck_assert_uint_eq(node.cpus, 6);
    ck_assert_uint_eq(VIR_NODEINFO_MAXCPUS(node), 8);
    ck_assert_int_eq(virConnectNumOfDomains(c), 4);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(c), 1);
    alpha = virDomainLookupByID(c, 7);
    ck_assert_ptr_nonnull(alpha);
    ck_assert_str_eq(virDomainGetName(alpha), "alpha");
    beta = virDomainLookupByName(c, "beta");
    delta = virDomainLookupByName(c, "delta");
    ck_assert_ptr_nonnull(beta);
    ck_assert_ptr_nonnull(delta);
    ck_assert_uint_gt(virDomainGetID(beta), 7);
    ck_assert_uint_gt(virDomainGetID(delta), 7);
    ck_assert_uint_ne(virDomainGetID(beta), virDomainGetID(delta));
    ck_assert_int_eq(virDomainGetInfo(beta, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virDomainSetVcpus(beta, 4), 0); /* maxvcpus='4' */
    ck_assert_int_eq(virDomainSetVcpus(beta, 5), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainUndefine(beta), -1); /* persistent='no' */
    expect_error(VIR_ERR_OPERATION_FAILED);
    xml = virDomainGetXMLDesc(delta, 0);
    ck_assert_ptr_nonnull(strstr(xml, "/srv/delta.img"));
    free(xml);
    ck_assert_int_eq(virDomainPinVcpu(alpha, 0, map, 1), -1); /* cpu 6 */
    expect_error_msg(VIR_ERR_INVALID_ARG, "cpu 6");
    map[0] = 1U << 5;
    ck_assert_int_eq(virDomainPinVcpu(alpha, 0, map, 1), 0);
    virDomainFree(alpha);
    virDomainFree(beta);
    virDomainFree(delta);
    ck_assert_int_eq(virConnectClose(c), 0);
    free(path);
}
END_TEST

/* A crashed domain is active, runs no vcpu and can only be destroyed. */
START_TEST(test_crashed_domain)
{
    char *path = data_path("good.xml");
    char uri[512];
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    virConnectPtr c;
    virDomainPtr eps;
    virDomainInfo a, b;

    snprintf(uri, sizeof(uri), "test://%s", path);
    c = virConnectOpen(uri);
    ck_assert_ptr_nonnull(c);
    eps = virDomainLookupByName(c, "epsilon");
    ck_assert_ptr_nonnull(eps);
    ck_assert_int_ne(virDomainGetID(eps), (unsigned int)-1);
    ck_assert_int_eq(virDomainGetInfo(eps, &a), 0);
    ck_assert_int_eq(a.state, VIR_DOMAIN_CRASHED);
    nanosleep(&ts, NULL);
    ck_assert_int_eq(virDomainSuspend(eps), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainResume(eps), -1);
    expect_error(VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(virDomainGetInfo(eps, &b), 0);
    ck_assert_int_eq(b.state, VIR_DOMAIN_CRASHED);
    ck_assert_uint_eq(b.cpuTime, a.cpuTime);
    ck_assert_int_eq(virDomainDestroy(eps), 0); /* transient: gone */
    ck_assert_ptr_null(virDomainLookupByName(c, "epsilon"));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virConnectClose(c), 0);
    free(path);
}
END_TEST

/* The EXAMPLES node file of testnode(5) opens as described. */
START_TEST(test_man_example)
{
    char *path = tmp_path("node.xml"), *dir = tmp_path("domains");
    char *dst = tmp_path("domains/delta.xml");
    char *src = data_path("domains/delta.xml");
    char uri[512], *xml;
    virConnectPtr c;
    virDomainPtr alpha;

    extract_block(ABS_SRCDIR "/../docs/testnode.5", ".Sh EXAMPLES",
                  ".Bd -literal", ".Ed", path);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    copy_file(src, dst);
    snprintf(uri, sizeof(uri), "test://%s", path);
    c = virConnectOpen(uri);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(virConnectNumOfDomains(c), 2);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(c), 1);
    alpha = virDomainLookupByID(c, 7);
    ck_assert_ptr_nonnull(alpha);
    xml = virDomainGetXMLDesc(alpha, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<name>alpha</name>"));
    free(xml);
    virDomainFree(alpha);
    ck_assert_int_eq(virConnectClose(c), 0);
    free(path);
    free(dir);
    free(dst);
    free(src);
}
END_TEST

/* README.md's node file: id-less guests numbered from 1, none is Domain-0. */
START_TEST(test_readme_example)
{
    char *path = tmp_path("node.xml"), *db1 = tmp_path("db1.xml");
    char *src = data_path("domains/db1.xml");
    const char xml[] = "<domain type='xen'><name>new1</name><os><type>linux"
                       "</type><kernel>/k</kernel></os><memory>65536</memory>"
                       "</domain>";
    virConnectPtr c;
    virDomainPtr web, db, dom;
    virDomainInfo info;

    extract_block(ABS_SRCDIR "/../README.md", "### Node files", "```xml",
                  "```", path);
    copy_file(src, db1);
    c = open_node(path);
    web = virDomainLookupByName(c, "web1");
    db = virDomainLookupByName(c, "db1");
    ck_assert_ptr_nonnull(web);
    ck_assert_ptr_nonnull(db);
    ck_assert_uint_eq(virDomainGetID(web), 1);
    ck_assert_uint_eq(virDomainGetID(db), 2);
    ck_assert_ptr_null(virDomainLookupByID(c, 0));
    expect_error(VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virDomainResume(web), 0);
    ck_assert_int_eq(virDomainDestroy(db), 0); /* frees the handle */
    db = virDomainLookupByName(c, "db1");
    ck_assert_ptr_nonnull(db);
    dom = virDomainCreateLinux(c, xml, 0);
    ck_assert_ptr_nonnull(dom);
    ck_assert_uint_eq(virDomainGetID(dom), 3);
    ck_assert_int_eq(virDomainCreate(db), 0);
    ck_assert_uint_eq(virDomainGetID(db), 4);
    virDomainFree(dom);
    virDomainFree(db);
    virDomainFree(web);
    ck_assert_int_eq(virConnectClose(c), 0);
    free(path);
    free(db1);
    free(src);
}
END_TEST

/*
 * Guests without an id come after every id of the file, in document order;
 * one with id 0 is Domain-0, and a host without domains starts at id 1.
 */
START_TEST(test_node_ids)
{
    char *path = tmp_path("ids.xml"), *empty = write_cpu_node("e.xml", 4, 4);
    const char *names[] = { "a", "b", "c", "d", "dom0" };
    const char *attrs[] = { "", " id='1'", " id='3'", "", " id='0'" };
    const unsigned int ids[] = { 4, 1, 3, 5, 0 };
    const char xml[] = "<domain type='xen'><name>new1</name><os><type>linux"
                       "</type><kernel>/k</kernel></os><memory>65536</memory>"
                       "</domain>";
    FILE *fp = fopen(path, "w");
    virConnectPtr c;
    virDomainPtr dom;
    size_t i;

    ck_assert_ptr_nonnull(fp);
    fprintf(fp, "<node><cpu model='Lab' mhz='2000' nodes='1' sockets='1'"
                " cores='4' threads='1'/><memory>8388608</memory>\n");
    for (i = 0; i < 5; i++)
        fprintf(fp,
                "<domain type='xen'%s><name>%s</name><os><type>linux"
                "</type><kernel>/k</kernel></os><memory>65536</memory>"
                "</domain>\n",
                attrs[i], names[i]);
    fprintf(fp, "</node>\n");
    ck_assert_int_eq(fclose(fp), 0);
    c = open_node(path);
    for (i = 0; i < 5; i++) {
        dom = virDomainLookupByName(c, names[i]);
        ck_assert_ptr_nonnull(dom);
        ck_assert_msg(virDomainGetID(dom) == ids[i], "%s has id %u, not %u",
                      names[i], virDomainGetID(dom), ids[i]);
        ck_assert_int_eq(virDomainSuspend(dom), i == 4 ? -1 : 0);
        if (i == 4)
            expect_error_msg(VIR_ERR_OPERATION_FAILED, "Domain-0");
        virDomainFree(dom);
    }
    dom = virDomainCreateLinux(c, xml, 0);
    ck_assert_ptr_nonnull(dom);
    ck_assert_uint_eq(virDomainGetID(dom), 6);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(c), 0);
    c = open_node(empty);
    dom = virDomainCreateLinux(c, xml, 0);
    ck_assert_ptr_nonnull(dom);
    ck_assert_uint_eq(virDomainGetID(dom), 1);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(c), 0);
    free(path);
    free(empty);
}
END_TEST

typedef struct {
    const char *file; /* in tests/data/nodes */
    int code;
    const char *where;  /* file whose line the message names */
    const char *needle; /* the line holding this text */
    int nth;
    const char *says; /* and the message says this */
} bad_node;

#define PF VIR_ERR_PARSE_FAILED
#define XE VIR_ERR_XML_ERROR
static const bad_node bad_nodes[] = {
    { "bad-malformed.xml", XE, "bad-malformed.xml", "</node>", 1,
      "malformed XML" },
    { "bad-number.xml", PF, "bad-number.xml", "12abc", 1, "'12abc'" },
    { "bad-mhz.xml", PF, "bad-mhz.xml", "fast", 1, "mhz='fast'" },
    { "bad-dup-name.xml", PF, "bad-dup-name.xml", "<name>a</name>", 2,
      "duplicate domain name 'a'" },
    { "bad-dup-uuid.xml", PF, "bad-dup-uuid.xml", "0000000a", 2,
      "duplicate domain uuid" },
    { "bad-dup-id.xml", PF, "bad-dup-id.xml", "id='3'", 2,
      "duplicate domain id 3" },
    { "bad-missing-file.xml", PF, "bad-missing-file.xml", "missing.xml", 1,
      "domains/missing.xml" },
    { "bad-domain-file.xml", XE, "domains/broken.xml", "<vcpu>", 1, "vcpu" },
    { "bad-cpus.xml", PF, "bad-cpus.xml", "active=", 1, "active='5'" },
    { "bad-state.xml", PF, "bad-state.xml", "sleeping", 1,
      "unknown domain state 'sleeping'" },
    { "bad-inline-domain.xml", XE, "bad-inline-domain.xml", "<memory>-5", 1,
      "memory" },
    { "bad-doctype.xml", XE, "bad-doctype.xml", "DOCTYPE", 1, "DOCTYPE" },
    { "bad-root.xml", PF, "bad-root.xml", "<host>", 1, "expected <node>" },
    { "bad-no-cpu.xml", PF, "bad-no-cpu.xml", "<node>", 1, "no <cpu>" },
    { "bad-no-memory.xml", PF, "bad-no-memory.xml", "<node>", 1,
      "no <memory>" },
    { "bad-unknown.xml", PF, "bad-unknown.xml", "<disk/>", 1,
      "unknown element <disk>" },
    { "bad-dup-memory.xml", PF, "bad-dup-memory.xml", "<memory>", 2,
      "duplicate <memory>" },
    { "bad-model.xml", PF, "bad-model.xml", "model=", 1, "model" },
    { "bad-no-threads.xml", PF, "bad-no-threads.xml", "<cpu", 1, "'threads'" },
    { "bad-file-content.xml", PF, "bad-file-content.xml", "delta.xml", 1,
      "must be empty" },
    { "bad-shutoff-transient.xml", PF, "bad-shutoff-transient.xml", "shutoff",
      1, "must be persistent" },
    { "bad-maxvcpus.xml", PF, "bad-maxvcpus.xml", "maxvcpus", 1,
      "more than maxvcpus 1" },
    { "bad-persistent.xml", PF, "bad-persistent.xml", "maybe", 1,
      "persistent='maybe'" },
};
#undef PF
#undef XE

START_TEST(test_bad_node)
{
    const bad_node *b = &bad_nodes[_i];
    char *path = data_path(b->file), *where = data_path(b->where);
    char uri[512], loc[512];

    snprintf(uri, sizeof(uri), "test://%s", path);
    snprintf(loc, sizeof(loc), "%s:%d:", where,
             file_line(where, b->needle, b->nth));
    ck_assert_ptr_null(virConnectOpen(uri));
    ck_assert_ptr_nonnull(virGetLastError());
    ck_assert_msg(strstr(virGetLastError()->message, b->says),
                  "message '%s' lacks '%s'", virGetLastError()->message,
                  b->says);
    expect_error_msg(b->code, loc);
    free(path);
    free(where);
}
END_TEST

START_TEST(test_bad_uris)
{
    ck_assert_ptr_null(virConnectOpen("test://host/default"));
    expect_error_msg(VIR_ERR_INVALID_ARG, "test://host/default");
    ck_assert_ptr_null(virConnectOpen("test:relative/node.xml"));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virConnectOpen("test:///"));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virConnectOpen("test:///default?x=1"));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virConnectOpen("test:///nonexistent/node.xml"));
    expect_error_msg(VIR_ERR_OPEN_FAILED, "/nonexistent/node.xml");
    ck_assert_ptr_null(virConnectOpen("nosuch:///default"));
    expect_error(VIR_ERR_NO_CONNECT);
}
END_TEST

/* --------------------------------------------------------------- sharing */

START_TEST(test_shared_node)
{
    virConnectPtr c2 = virConnectOpen("test:///default");
    virDomainPtr web, web2;
    virDomainInfo info;

    ck_assert_ptr_nonnull(c2);
    web = get("web1");
    ck_assert_int_eq(virDomainSuspend(web), 0);
    web2 = virDomainLookupByName(c2, "web1");
    ck_assert_ptr_nonnull(web2);
    ck_assert_int_eq(virDomainGetInfo(web2, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_PAUSED);
    virDomainFree(web);
    ck_assert_int_eq(virConnectClose(conn), 0);
    conn = NULL;
    ck_assert_int_eq(virDomainGetInfo(web2, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_PAUSED);
    virDomainFree(web2);
    ck_assert_int_eq(virConnectClose(c2), 0);
    /* the last close freed the node: a new one starts fresh */
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    web = get("web1");
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    virDomainFree(web);
}
END_TEST

START_TEST(test_read_only)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr web, rw = get("web1");
    unsigned char map[1] = { 1 };
    virDomainInfo info;
    snap s;

    ck_assert_ptr_nonnull(ro);
    web = virDomainLookupByName(ro, "web1");
    ck_assert_ptr_nonnull(web);
    snap_take(rw, &s);
    ck_assert_int_eq(virDomainSuspend(web), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(virDomainSetMemory(web, 1024), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(virDomainPinVcpu(web, 0, map, 1), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(virDomainDestroy(web), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    snap_same(rw, &s);
    virDomainFree(web);
    virDomainFree(rw);
    ck_assert_int_eq(virConnectClose(ro), 0);
}
END_TEST

/* ----------------------------------------------------------------- scale */

/* A node file of @n domains: even ones running, odd ones defined. */
static void
write_big_node(const char *path, int n)
{
    FILE *fp = fopen(path, "w");
    int i;

    ck_assert_ptr_nonnull(fp);
    fprintf(fp, "<node>\n<cpu model='Big' mhz='2400' nodes='4' sockets='2'"
                " cores='8' threads='2'/>\n<memory>1073741824</memory>\n");
    for (i = 0; i < n; i++) {
        fprintf(fp,
                "<domain type='xen' state='%s'><name>vm%05d</name>"
                "<uuid>00000000-0000-0000-0000-%012d</uuid><os><type>linux"
                "</type><kernel>/k</kernel></os><memory>65536</memory>"
                "<vcpu>2</vcpu></domain>\n",
                i % 2 ? "shutoff" : "running", i, i);
    }
    fprintf(fp, "</node>\n");
    ck_assert_int_eq(fclose(fp), 0);
}

static int
under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");

    return preload && strstr(preload, "vgpreload") != NULL;
}

START_TEST(test_scale)
{
    const char *env = getenv("TEST_DRIVER_SCALE");
    int n = env ? atoi(env) : 10000;
    char *path = tmp_path("big.xml");
    char uri[512], name[16];
    struct timespec t0, t1;
    virConnectPtr c;
    virDomainPtr dom;
    int *ids, i;
    double secs;

    ck_assert_int_ge(n, 10);
    write_big_node(path, n);
    snprintf(uri, sizeof(uri), "test://%s", path);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    c = virConnectOpen(uri);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(virConnectNumOfDomains(c), (n + 1) / 2);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(c), n / 2);
    ids = malloc(sizeof(*ids) * (size_t)n);
    ck_assert_int_eq(virConnectListDomains(c, ids, n), (n + 1) / 2);
    ck_assert_int_eq(ids[0], 1); /* vm00000 is no Domain-0 */
    for (i = 1; i < (n + 1) / 2; i++)
        ck_assert_int_lt(ids[i - 1], ids[i]);
    for (i = n - 1; i >= n - 200 && i >= 0; i--) {
        snprintf(name, sizeof(name), "vm%05d", i);
        dom = virDomainLookupByName(c, name);
        ck_assert_ptr_nonnull(dom);
        ck_assert_int_eq(virDomainGetID(dom) == (unsigned int)-1, i % 2);
        virDomainFree(dom);
    }
    dom = virDomainLookupByID(c, ids[(n + 1) / 2 - 1]);
    ck_assert_ptr_nonnull(dom);
    virDomainFree(dom);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    /* natively ~0.1 s; valgrind is some 30 times slower */
    ck_assert_msg(secs < (under_valgrind() ? 60.0 : 5.0),
                  "%d domains took %.2f s", n, secs);
    free(ids);
    ck_assert_int_eq(virConnectClose(c), 0);
    free(path);
}
END_TEST

static Suite *
sim_driver_suite(void)
{
    Suite *s = suite_create("sim_driver");
    TCase *tc;

    tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_node_info);
    tcase_add_test(tc, test_type_version);
    tcase_add_test(tc, test_listing);
    tcase_add_test(tc, test_lookups);
    tcase_add_test(tc, test_domain_info);
    suite_add_tcase(s, tc);

    tc = tcase_create("lifecycle");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_suspend_resume);
    tcase_add_test(tc, test_dom0_protected);
    tcase_add_test(tc, test_inactive_refused);
    tcase_add_test(tc, test_destroy_persistent);
    tcase_add_test(tc, test_transient_lifecycle);
    tcase_add_test(tc, test_fault_on_vanished);
    tcase_add_test(tc, test_fault_delay);
    tcase_add_test(tc, test_shutdown_reboot);
    tcase_add_test(tc, test_create);
    tcase_add_test(tc, test_define);
    tcase_add_test(tc, test_define_uuid_clash);
    tcase_add_test(tc, test_define_keeps_uuid);
    tcase_add_test(tc, test_undefine);
    suite_add_tcase(s, tc);

    tc = tcase_create("memory");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_set_memory);
    tcase_add_test(tc, test_set_max_memory);
    suite_add_tcase(s, tc);

    tc = tcase_create("vcpus");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_set_vcpus);
    tcase_add_test(tc, test_get_vcpus);
    tcase_add_test(tc, test_pin_vcpu);
    tcase_add_test(tc, test_pin_vcpu_refused);
    tcase_add_test(tc, test_cpu_time);
    suite_add_tcase(s, tc);

    tc = tcase_create("save");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_save_restore);
    tcase_add_test(tc, test_save_transient);
    tcase_add_test(tc, test_restore_refused);
    tcase_add_test(tc, test_restore_smaller_host);
    tcase_add_test(tc, test_restore_larger_host);
    tcase_add_test(tc, test_save_unwritable);
    tcase_add_test(tc, test_core_dump);
    suite_add_tcase(s, tc);

    tc = tcase_create("devices");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_devices);
    suite_add_tcase(s, tc);

    tc = tcase_create("nodefile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_good_node);
    tcase_add_test(tc, test_crashed_domain);
    tcase_add_test(tc, test_man_example);
    tcase_add_test(tc, test_readme_example);
    tcase_add_test(tc, test_node_ids);
    tcase_add_loop_test(tc, test_bad_node, 0,
                        (int)(sizeof(bad_nodes) / sizeof(bad_nodes[0])));
    tcase_add_test(tc, test_bad_uris);
    suite_add_tcase(s, tc);

    tc = tcase_create("sharing");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_shared_node);
    tcase_add_test(tc, test_read_only);
    suite_add_tcase(s, tc);

    tc = tcase_create("scale");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_scale);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(sim_driver_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
