/*
 * check_events.c: domain events (virConnectDomainEventRegister and
 * friends) on the test driver: what each change tells, to whom, when
 * nothing is told, and callbacks that call the library back.
 */

#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define MAXEV 32

#define GUEST_XML                                               \
    "<domain type='xen'><name>ev1</name>"                       \
    "<uuid>5b0c7e2a-8f31-4c55-9d3e-1a2b3c4d5e6f</uuid>"         \
    "<os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>" \
    "<memory>131072</memory><vcpu>1</vcpu></domain>"
#define GUEST_UUID "5b0c7e2a-8f31-4c55-9d3e-1a2b3c4d5e6f"

/* What a callback saw. */
typedef struct {
    virConnectPtr conn;
    char name[64];
    char uuid[37]; /* VIR_UUID_STRING_BUFLEN */
    int id;
    int event;
    int detail;
    int state; /* virDomainGetInfo from inside the callback, or -1 */
} seen;

typedef struct {
    seen ev[MAXEV];
    int n;
    int freed; /* times the free callback ran */
} log_t;

static Suite *events_suite(void);
static void setup(void);
static void teardown(void);
static int record(virConnectPtr conn, virDomainPtr dom, int event, int detail,
                  void *opaque);
static void log_free(void *opaque);
static void expect(log_t *l, int i, const char *name, int event, int detail);
static void quiet(void *userData, virErrorPtr err);

static virConnectPtr conn;
static log_t lg;
static char tmpdir[64];

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
    memset(&lg, 0, sizeof(lg));
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_events.XXXXXX");
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
    virSetErrorFunc(NULL, NULL);
}

static int
record(virConnectPtr c, virDomainPtr dom, int event, int detail, void *opaque)
{
    log_t *l = opaque;
    seen *s;
    virDomainInfo info;

    ck_assert_int_lt(l->n, MAXEV);
    s = &l->ev[l->n++];
    s->conn = c;
    /* the handle works inside the callback */
    snprintf(s->name, sizeof(s->name), "%s", virDomainGetName(dom));
    ck_assert_int_eq(virDomainGetUUIDString(dom, s->uuid), 0);
    s->id = (int)virDomainGetID(dom);
    s->event = event;
    s->detail = detail;
    s->state = virDomainGetInfo(dom, &info) == 0 ? info.state : -1;
    return 0;
}

static void
log_free(void *opaque)
{
    ((log_t *)opaque)->freed++;
}

static void
expect(log_t *l, int i, const char *name, int event, int detail)
{
    ck_assert_msg(i < l->n, "event %d of %d missing", i, l->n);
    ck_assert_str_eq(l->ev[i].name, name);
    ck_assert_msg(l->ev[i].event == event && l->ev[i].detail == detail,
                  "event %d: %d/%d, expected %d/%d", i, l->ev[i].event,
                  l->ev[i].detail, event, detail);
}

START_TEST(test_register_errors)
{
    virErrorPtr err;

    ck_assert_int_eq(virConnectDomainEventRegister(NULL, record, &lg, NULL),
                     -1);
    err = virGetLastError();
    ck_assert_int_eq(err->code, VIR_ERR_INVALID_CONN);
    ck_assert_int_eq(virConnectDomainEventRegister(conn, NULL, &lg, NULL), -1);
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virConnectDomainEventDeregister(conn, record), -1);
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virConnectDomainEventRegister(conn, record, &lg, log_free),
                     0);
    /* twice on one connection: refused, and the first stays */
    ck_assert_int_eq(virConnectDomainEventRegister(conn, record, &lg, log_free),
                     -1);
    err = virGetLastError();
    ck_assert_int_eq(err->code, VIR_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err->message, "already registered"));
    ck_assert_int_eq(lg.freed, 0);
    ck_assert_int_eq(virConnectDomainEventDeregister(conn, record), 0);
    ck_assert_int_eq(lg.freed, 1);
    ck_assert_int_eq(virConnectDomainEventDeregister(conn, record), -1);
    ck_assert_int_eq(lg.freed, 1);
    ck_assert_int_eq(virConnectDomainEventDeregister(NULL, record), -1);
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_INVALID_CONN);
}
END_TEST

/* Every change the test driver makes, and what it tells. */
START_TEST(test_every_event)
{
    virDomainPtr web, ev1;
    char *save = malloc(strlen(tmpdir) + 8);
    int i = 0;

    ck_assert_ptr_nonnull(save);
    sprintf(save, "%s/save", tmpdir);
    ck_assert_int_eq(virConnectDomainEventRegister(conn, record, &lg, NULL), 0);
    web = virDomainLookupByName(conn, "web1");
    ck_assert_ptr_nonnull(web);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(virDomainResume(web), 0);
    ck_assert_int_eq(virDomainReboot(web, 0), 0); /* tells nothing */
    ck_assert_int_eq(virDomainShutdown(web), 0);
    ck_assert_int_eq(virDomainCreate(web), 0);
    ck_assert_int_eq(virDomainSave(web, save), 0);
    ck_assert_int_eq(virDomainRestore(conn, save), 0);
    ck_assert_int_eq(virDomainDestroy(web), 0); /* frees web */
    ev1 = virDomainDefineXML(conn, GUEST_XML);
    ck_assert_ptr_nonnull(ev1);
    virDomainFree(ev1);
    ev1 = virDomainDefineXML(conn, GUEST_XML);
    ck_assert_ptr_nonnull(ev1);
    ck_assert_int_eq(virDomainUndefine(ev1), 0);
    virDomainFree(ev1);
    ev1 = virDomainCreateLinux(conn, GUEST_XML, 0);
    ck_assert_ptr_nonnull(ev1);
    ck_assert_int_eq(virDomainShutdown(ev1), 0);
    virDomainFree(ev1);

    expect(&lg, i, "web1", VIR_DOMAIN_EVENT_SUSPENDED,
           VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ck_assert_int_eq(lg.ev[i++].state, VIR_DOMAIN_PAUSED);
    expect(&lg, i, "web1", VIR_DOMAIN_EVENT_RESUMED,
           VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ck_assert_int_eq(lg.ev[i++].state, VIR_DOMAIN_RUNNING);
    expect(&lg, i, "web1", VIR_DOMAIN_EVENT_STOPPED,
           VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    ck_assert_int_eq(lg.ev[i].id, -1);
    ck_assert_int_eq(lg.ev[i++].state, VIR_DOMAIN_SHUTOFF);
    expect(&lg, i, "web1", VIR_DOMAIN_EVENT_STARTED,
           VIR_DOMAIN_EVENT_STARTED_BOOTED);
    ck_assert_int_gt(lg.ev[i].id, 0);
    ck_assert_int_eq(lg.ev[i++].state, VIR_DOMAIN_RUNNING);
    expect(&lg, i++, "web1", VIR_DOMAIN_EVENT_STOPPED,
           VIR_DOMAIN_EVENT_STOPPED_SAVED);
    expect(&lg, i++, "web1", VIR_DOMAIN_EVENT_STARTED,
           VIR_DOMAIN_EVENT_STARTED_RESTORED);
    expect(&lg, i, "web1", VIR_DOMAIN_EVENT_STOPPED,
           VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    ck_assert_str_eq(lg.ev[i++].uuid, "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
    expect(&lg, i, "ev1", VIR_DOMAIN_EVENT_DEFINED,
           VIR_DOMAIN_EVENT_DEFINED_ADDED);
    ck_assert_str_eq(lg.ev[i].uuid, GUEST_UUID);
    ck_assert_int_eq(lg.ev[i++].id, -1);
    expect(&lg, i++, "ev1", VIR_DOMAIN_EVENT_DEFINED,
           VIR_DOMAIN_EVENT_DEFINED_UPDATED);
    expect(&lg, i++, "ev1", VIR_DOMAIN_EVENT_UNDEFINED,
           VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    expect(&lg, i++, "ev1", VIR_DOMAIN_EVENT_STARTED,
           VIR_DOMAIN_EVENT_STARTED_BOOTED);
    /* a transient domain: told while it still exists */
    expect(&lg, i, "ev1", VIR_DOMAIN_EVENT_STOPPED,
           VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    i++;
    ck_assert_int_eq(lg.n, i);
    for (i = 0; i < lg.n; i++)
        ck_assert_ptr_eq(lg.ev[i].conn, conn);
    free(save);
}
END_TEST

/* A failing call changes nothing and tells nothing. */
START_TEST(test_failure_tells_nothing)
{
    virDomainPtr web = virDomainLookupByName(conn, "web1");
    virDomainPtr dom0 = virDomainLookupByID(conn, 0);

    ck_assert_int_eq(virConnectDomainEventRegister(conn, record, &lg, NULL), 0);
    ck_assert_int_eq(virDomainResume(web), -1);    /* not paused */
    ck_assert_int_eq(virDomainShutdown(dom0), -1); /* the host */
    ck_assert_int_eq(virDomainSave(web, "/nonexistent/dir/save"), -1);
    ck_assert_ptr_null(virDomainDefineXML(conn, "<domain>"));
    ck_assert_int_eq(lg.n, 0);
    /* and the error of the failure is still there */
    ck_assert_ptr_nonnull(virGetLastError());
    virDomainFree(web);
    virDomainFree(dom0);
}
END_TEST

/* A callback that changes the domain again: told in order, after. */
static int
resume_on_suspend(virConnectPtr c, virDomainPtr dom, int event, int detail,
                  void *opaque)
{
    record(c, dom, event, detail, opaque);
    if (event == VIR_DOMAIN_EVENT_SUSPENDED)
        ck_assert_int_eq(virDomainResume(dom), 0);
    return 0;
}

START_TEST(test_reentrant)
{
    virDomainPtr web = virDomainLookupByName(conn, "web1");
    virDomainInfo info;

    ck_assert_int_eq(
        virConnectDomainEventRegister(conn, resume_on_suspend, &lg, NULL), 0);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(lg.n, 2);
    expect(&lg, 0, "web1", VIR_DOMAIN_EVENT_SUSPENDED,
           VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    expect(&lg, 1, "web1", VIR_DOMAIN_EVENT_RESUMED,
           VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ck_assert_int_eq(virDomainGetInfo(web, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    /* the successful suspend leaves no error behind */
    ck_assert_ptr_null(virGetLastError());
    virDomainFree(web);
}
END_TEST

/* Deregistering from inside the callback: no more calls, freed once. */
static int
leave_at_once(virConnectPtr c, virDomainPtr dom, int event, int detail,
              void *opaque)
{
    record(c, dom, event, detail, opaque);
    ck_assert_int_eq(virConnectDomainEventDeregister(c, leave_at_once), 0);
    /* not freed while it runs */
    ck_assert_int_eq(((log_t *)opaque)->freed, 0);
    return 0;
}

START_TEST(test_deregister_inside)
{
    virDomainPtr web = virDomainLookupByName(conn, "web1");

    ck_assert_int_eq(
        virConnectDomainEventRegister(conn, leave_at_once, &lg, log_free), 0);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(virDomainResume(web), 0);
    ck_assert_int_eq(lg.n, 1);
    ck_assert_int_eq(lg.freed, 1);
    virDomainFree(web);
}
END_TEST

/* Every connection to the node hears; another node's do not; closing a
 * connection drops its callbacks and frees their data. */
START_TEST(test_two_connections)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virConnectPtr other =
        virConnectOpen("test://" ABS_SRCDIR "/data/nodes/good.xml");
    log_t l2, l3;
    virDomainPtr web = virDomainLookupByName(conn, "web1");

    ck_assert_ptr_nonnull(ro);
    ck_assert_ptr_nonnull(other);
    memset(&l2, 0, sizeof(l2));
    memset(&l3, 0, sizeof(l3));
    /* a read-only connection may listen */
    ck_assert_int_eq(virConnectDomainEventRegister(ro, record, &l2, log_free),
                     0);
    ck_assert_int_eq(
        virConnectDomainEventRegister(other, record, &l3, log_free), 0);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(l2.n, 1);
    ck_assert_ptr_eq(l2.ev[0].conn, ro);
    expect(&l2, 0, "web1", VIR_DOMAIN_EVENT_SUSPENDED,
           VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ck_assert_int_eq(l2.ev[0].state, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(l3.n, 0);
    ck_assert_int_eq(virConnectClose(ro), 0);
    ck_assert_int_eq(l2.freed, 1);
    ck_assert_int_eq(virDomainResume(web), 0);
    ck_assert_int_eq(l2.n, 1);
    ck_assert_int_eq(virConnectClose(other), 0);
    ck_assert_int_eq(l3.freed, 1);
    virDomainFree(web);
}
END_TEST

/* An event loop lent to the library: the test driver needs none and
 * calls none. */
static int impl_calls;

static int
fake_add_handle(int fd, int event, virEventHandleCallback cb, void *opaque,
                virFreeCallback ff)
{
    (void)fd, (void)event, (void)cb, (void)opaque, (void)ff;
    return ++impl_calls;
}

static int
fake_remove_handle(int watch)
{
    (void)watch;
    impl_calls++;
    return 0;
}

START_TEST(test_impl_unused_by_test)
{
    virDomainPtr web = virDomainLookupByName(conn, "web1");

    virEventRegisterImpl(fake_add_handle, NULL, fake_remove_handle, NULL, NULL,
                         NULL);
    ck_assert_int_eq(virConnectDomainEventRegister(conn, record, &lg, NULL), 0);
    ck_assert_int_eq(virDomainSuspend(web), 0);
    ck_assert_int_eq(virConnectDomainEventDeregister(conn, record), 0);
    ck_assert_int_eq(lg.n, 1);
    ck_assert_int_eq(impl_calls, 0);
    virEventRegisterImpl(NULL, NULL, NULL, NULL, NULL, NULL);
    virDomainFree(web);
}
END_TEST

static Suite *
events_suite(void)
{
    Suite *s = suite_create("events");
    TCase *tc = tcase_create("test");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_register_errors);
    tcase_add_test(tc, test_every_event);
    tcase_add_test(tc, test_failure_tells_nothing);
    tcase_add_test(tc, test_reentrant);
    tcase_add_test(tc, test_deregister_inside);
    tcase_add_test(tc, test_two_connections);
    tcase_add_test(tc, test_impl_unused_by_test);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(events_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
