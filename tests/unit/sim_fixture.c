/*
 * sim_fixture.c: the fixture and helpers of the test driver's suites
 * (see sim_fixture.h).
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

static void count_errors(void *userData, virErrorPtr err);

static int error_count;
virConnectPtr conn;
static char tmpdir[64];

static void
count_errors(void *userData, virErrorPtr err)
{
    (void)err;
    (*(int *)userData)++;
}

void
setup(void)
{
    virSetErrorFunc(&error_count, count_errors);
    error_count = 0;
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_sim_driver.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

void
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
void
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

void
expect_error_msg(int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    ck_assert_ptr_nonnull(err);
    ck_assert_msg(err->message && strstr(err->message, needle),
                  "message '%s' lacks '%s'", err->message ? err->message : "",
                  needle);
    expect_error(code);
}

virDomainPtr
get(const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    ck_assert_msg(dom != NULL, "no domain '%s'", name);
    return dom;
}

void
snap_take(virDomainPtr dom, snap *s)
{
    ck_assert_int_eq(virDomainGetInfo(dom, &s->info), 0);
    s->id = virDomainGetID(dom);
    s->xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(s->xml);
}

/* Everything but the cpu time of a running domain is as in @s. */
void
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
char *
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

char *
tmp_path(const char *name)
{
    char *path = malloc(strlen(tmpdir) + strlen(name) + 2);

    ck_assert_ptr_nonnull(path);
    sprintf(path, "%s/%s", tmpdir, name);
    return path;
}

/* Writes a node file of @cpus cpus, @active of them online, no domains. */
char *
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

virConnectPtr
open_node(const char *path)
{
    char uri[512];
    virConnectPtr c;

    snprintf(uri, sizeof(uri), "test://%s", path);
    c = virConnectOpen(uri);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* Runs the suite @s; the exit status of a Check suite's main(). */
int
sim_fixture_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
