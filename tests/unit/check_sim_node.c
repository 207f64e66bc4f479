/*
 * check_sim_node.c: the test driver's node files (testnode(5),
 * lib/drivers/test/sim_node.c), through the public API: good files, the
 * examples of the man page and the README, ids, every malformed file
 * with the line its error names, bad URIs, and a node of many domains.
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

#include "sim_fixture.h"

static Suite *sim_node_suite(void);

/* Node files */
static char *data_path(const char *name);
static int file_line(const char *path, const char *needle, int nth);
static void copy_file(const char *src, const char *dst);
static void extract_block(const char *src, const char *section,
                          const char *open, const char *close,
                          const char *dst);
static void write_big_node(const char *path, int n);
static int under_valgrind(void);

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
sim_node_suite(void)
{
    Suite *s = suite_create("sim_node");
    TCase *tc;

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
    return sim_fixture_run(sim_node_suite());
}
