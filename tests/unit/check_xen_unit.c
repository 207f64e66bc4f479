/*
 * check_xen_unit.c: the parts of the Xen driver that need no hypervisor,
 * run by plain `make check` (built when the driver is): URI handling on a
 * host without Xen, and the config directory of defined domains.  The
 * driver on a real hypervisor is tests/xen/check_xen.c (make check-xen).
 */

#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "drivers/xen/xen_conf.h"
#include "drivers/xen/xen_probe.h"

static Suite *xen_unit_suite(void);
static void quiet(void *userData, virErrorPtr err);
static void expect_error(int code);
static void dir_setup(void);
static void dir_teardown(void);
static virDomainDefPtr parse(const char *name, const char *uuid);
static void write_forever(const virDomainDef *a, const virDomainDef *b);

static char dir[64];

static void
quiet(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
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

static void
dir_setup(void)
{
    virSetErrorFunc(NULL, quiet);
    snprintf(dir, sizeof(dir), "/tmp/xen-unit-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
dir_teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static virDomainDefPtr
parse(const char *name, const char *uuid)
{
    char xml[512];
    virDomainDefPtr def;

    snprintf(xml, sizeof(xml),
             "<domain type='xen'><name>%s</name><uuid>%s</uuid>"
             "<os><type>linux</type><kernel>/k</kernel></os>"
             "<memory>65536</memory></domain>",
             name, uuid);
    def = virDomainDefParseString(NULL, xml);
    ck_assert_ptr_nonnull(def);
    return def;
}

/* Writes @a and @b in turn, for ever, until killed. */
static void
write_forever(const virDomainDef *a, const virDomainDef *b)
{
    unsigned long i;

    for (i = 0;; i++)
        xenConfWrite(NULL, dir, (i & 1) ? b : a);
}

/* ---------------------------------------------------------------- uri */

START_TEST(test_uri)
{
    virSetErrorFunc(NULL, quiet);
    ck_assert_ptr_null(virConnectOpen("xen://elsewhere/"));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virConnectOpen("xen:///?bogus=1"));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virConnectOpen("xen:///?confdir=relative"));
    expect_error(VIR_ERR_INVALID_ARG);
    /* the driver's own probe: where it says Xen runs, open may work */
    if (xenProbe())
        return;
    ck_assert_ptr_null(virConnectOpen("xen:///"));
    expect_error(VIR_ERR_NO_XEN);
    ck_assert_ptr_null(virConnectOpenReadOnly("XEN://"));
    expect_error(VIR_ERR_NO_XEN);
}
END_TEST

/* ------------------------------------------------------------- config */

START_TEST(test_conf_roundtrip)
{
    virDomainDefPtr def = parse("web1", "11111111-2222-4333-8444-555555555555");
    virDomainDefPtr back;
    xenConfList list;
    char sub[128];
    bool found;

    /* The directory is created on first write, parents included. */
    snprintf(sub, sizeof(sub), "%s/a/b", dir);
    ck_assert_int_eq(xenConfWrite(NULL, sub, def), 0);
    back = xenConfRead(NULL, sub, "web1", &found);
    ck_assert(found);
    ck_assert_ptr_nonnull(back);
    ck_assert_str_eq(back->name, "web1");
    ck_assert_int_eq(memcmp(back->uuid, def->uuid, 16), 0);
    ck_assert_uint_eq(back->maxmem, 65536);
    virDomainDefFree(back);
    ck_assert_int_eq(xenConfLoad(NULL, sub, &list), 0);
    ck_assert_uint_eq(list.ndefs, 1);
    ck_assert_ptr_nonnull(xenConfFindName(&list, "web1"));
    ck_assert_ptr_nonnull(xenConfFindUUID(&list, def->uuid));
    ck_assert_ptr_null(xenConfFindName(&list, "web2"));
    xenConfListClear(&list);
    ck_assert_int_eq(xenConfRemove(NULL, sub, "web1"), 0);
    ck_assert_ptr_null(xenConfRead(NULL, sub, "web1", &found));
    ck_assert(!found);
    ck_assert_int_eq(xenConfRemove(NULL, sub, "web1"), 0);
    virDomainDefFree(def);
}
END_TEST

static void
put_file(const char *name, const char *text)
{
    char path[160];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    ck_assert_ptr_nonnull(fp = fopen(path, "w"));
    fputs(text, fp);
    fclose(fp);
}

START_TEST(test_conf_bad_files)
{
    virDomainDefPtr def = parse("good", "11111111-2222-4333-8444-000000000001");
    virDomainDefPtr other = parse("b", "11111111-2222-4333-8444-000000000002");
    char *xml = virDomainDefFormat(NULL, other, -1);
    xenConfList list;
    bool found;

    ck_assert_int_eq(xenConfWrite(NULL, dir, def), 0);
    put_file("junk.xml", "<domain");
    put_file("a.xml", xml); /* defines 'b', not 'a' */
    put_file("notes.txt", "not a definition");
    /* One bad file does not hide the others. */
    ck_assert_int_eq(xenConfLoad(NULL, dir, &list), 0);
    ck_assert_uint_eq(list.ndefs, 1);
    ck_assert_str_eq(list.defs[0]->name, "good");
    xenConfListClear(&list);
    ck_assert_ptr_null(xenConfRead(NULL, dir, "a", &found));
    ck_assert(found);
    expect_error(VIR_ERR_PARSE_FAILED);
    ck_assert_ptr_null(xenConfRead(NULL, dir, "junk", &found));
    ck_assert(found);
    expect_error(VIR_ERR_XML_ERROR);
    free(xml);
    virDomainDefFree(other);
    virDomainDefFree(def);
}
END_TEST

START_TEST(test_conf_names)
{
    virDomainDefPtr def = parse("ok", "11111111-2222-4333-8444-000000000003");
    bool found;

    ck_assert_ptr_null(xenConfRead(NULL, dir, "../etc/passwd", &found));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(xenConfRead(NULL, dir, "..", &found));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(xenConfRemove(NULL, dir, "a/b"), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    /* A directory that cannot be made: nothing written. */
    ck_assert_int_eq(xenConfWrite(NULL, "/proc/no/such", def), -1);
    expect_error(VIR_ERR_WRITE_FAILED);
    virDomainDefFree(def);
}
END_TEST

/*
 * A process SIGKILLed while it writes a definition leaves the file old or
 * new, never torn: writes go to a temporary file that is fsynced and
 * renamed.  The two versions differ in size (a long command line), so a
 * torn file would not parse or would match neither.
 */
START_TEST(test_conf_sigkill)
{
    const char *uuid = "11111111-2222-4333-8444-000000000009";
    virDomainDefPtr a = parse("torn", uuid);
    virDomainDefPtr b = parse("torn", uuid);
    virDomainDefPtr back;
    xenConfList list = { NULL, 0 };
    char cmdline[4001];
    bool found;
    pid_t pid;
    int round, status;

    memset(cmdline, 'x', sizeof(cmdline) - 1);
    cmdline[sizeof(cmdline) - 1] = '\0';
    b->os.cmdline = strdup(cmdline);
    b->maxmem = b->memory = 131072;
    ck_assert_int_eq(xenConfWrite(NULL, dir, a), 0);
    for (round = 0; round < 20; round++) {
        pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0)
            write_forever(a, b);
        usleep(1000 + (useconds_t)(rand() % 20000));
        ck_assert_int_eq(kill(pid, SIGKILL), 0);
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        ck_assert(WIFSIGNALED(status));
        back = xenConfRead(NULL, dir, "torn", &found);
        ck_assert_msg(found && back, "round %d: definition lost", round);
        if (back->memory == a->memory)
            ck_assert_ptr_null(back->os.cmdline);
        else
            ck_assert_str_eq(back->os.cmdline, cmdline);
        ck_assert(back->memory == a->memory || back->memory == b->memory);
        virDomainDefFree(back);
        /* leftover temporary files are never taken for definitions */
        ck_assert_int_eq(xenConfLoad(NULL, dir, &list), 0);
        ck_assert_uint_eq(list.ndefs, 1);
        xenConfListClear(&list);
    }
    virDomainDefFree(a);
    virDomainDefFree(b);
}
END_TEST

static Suite *
xen_unit_suite(void)
{
    Suite *s = suite_create("xen_unit");
    TCase *tc = tcase_create("uri");

    tcase_add_test(tc, test_uri);
    suite_add_tcase(s, tc);
    tc = tcase_create("config");
    tcase_add_checked_fixture(tc, dir_setup, dir_teardown);
    tcase_add_test(tc, test_conf_roundtrip);
    tcase_add_test(tc, test_conf_bad_files);
    tcase_add_test(tc, test_conf_names);
    tcase_add_test(tc, test_conf_sigkill);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(xen_unit_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
