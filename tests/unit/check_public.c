/*
 * check_public.c: the public layer (libvirt.c) — invalid and freed
 * handles, invalid arguments, read-only connections, URI selection, and
 * the rule that every failing call leaves exactly one error.
 */

#include <config.h>

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "driver.h"

static Suite *public_suite(void);
static void count_errors(void *userData, virErrorPtr err);
static void expect_error(int code);
static void setup(void);
static void teardown(void);

typedef int (*domain_call)(virDomainPtr dom);
typedef int (*conn_call)(virConnectPtr conn);

static int error_count;
static virConnectPtr conn;

static void
count_errors(void *userData, virErrorPtr err)
{
    (void)err;
    (*(int *)userData)++;
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
setup(void)
{
    virSetErrorFunc(&error_count, count_errors);
    error_count = 0;
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
}

static void
teardown(void)
{
    virConnectClose(conn);
    conn = NULL;
    virResetLastError();
    virSetErrorFunc(NULL, NULL);
}

/* Every domain entry point, shaped alike so tables can drive them. */
static int
call_suspend(virDomainPtr d)
{
    return virDomainSuspend(d);
}
static int
call_resume(virDomainPtr d)
{
    return virDomainResume(d);
}
static int
call_shutdown(virDomainPtr d)
{
    return virDomainShutdown(d);
}
static int
call_reboot(virDomainPtr d)
{
    return virDomainReboot(d, 0);
}
static int
call_destroy(virDomainPtr d)
{
    return virDomainDestroy(d);
}
static int
call_save(virDomainPtr d)
{
    return virDomainSave(d, "/nonexistent-dir/save");
}
static int
call_coredump(virDomainPtr d)
{
    return virDomainCoreDump(d, "/nonexistent-dir/core", 0);
}
static int
call_getinfo(virDomainPtr d)
{
    virDomainInfo info;
    return virDomainGetInfo(d, &info);
}
static int
call_getname(virDomainPtr d)
{
    return virDomainGetName(d) ? 0 : -1;
}
static int
call_getid(virDomainPtr d)
{
    return virDomainGetID(d) == (unsigned int)-1 ? -1 : 0;
}
static int
call_getuuid(virDomainPtr d)
{
    unsigned char uuid[16];
    return virDomainGetUUID(d, uuid);
}
static int
call_getuuidstring(virDomainPtr d)
{
    char buf[37];
    return virDomainGetUUIDString(d, buf);
}
static int
call_getostype(virDomainPtr d)
{
    char *t = virDomainGetOSType(d);
    free(t);
    return t ? 0 : -1;
}
static int
call_getmaxmemory(virDomainPtr d)
{
    return virDomainGetMaxMemory(d) ? 0 : -1;
}
static int
call_setmaxmemory(virDomainPtr d)
{
    return virDomainSetMaxMemory(d, 65536);
}
static int
call_setmemory(virDomainPtr d)
{
    return virDomainSetMemory(d, 65536);
}
static int
call_getxmldesc(virDomainPtr d)
{
    char *x = virDomainGetXMLDesc(d, 0);
    free(x);
    return x ? 0 : -1;
}
static int
call_undefine(virDomainPtr d)
{
    return virDomainUndefine(d);
}
static int
call_create(virDomainPtr d)
{
    return virDomainCreate(d);
}
static int
call_setvcpus(virDomainPtr d)
{
    return virDomainSetVcpus(d, 1);
}
static int
call_getmaxvcpus(virDomainPtr d)
{
    return virDomainGetMaxVcpus(d) < 0 ? -1 : 0;
}
static int
call_pinvcpu(virDomainPtr d)
{
    unsigned char map[1] = { 1 };
    return virDomainPinVcpu(d, 0, map, 1);
}
static int
call_getvcpus(virDomainPtr d)
{
    virVcpuInfo info[4];
    return virDomainGetVcpus(d, info, 4, NULL, 0);
}
static int
call_attach(virDomainPtr d)
{
    char xml[] = "<disk type='file' device='disk'><source file='/x'/>"
                 "<target dev='xvdz'/></disk>";
    return virDomainAttachDevice(d, xml);
}
static int
call_detach(virDomainPtr d)
{
    char xml[] = "<disk type='file' device='disk'><source file='/x'/>"
                 "<target dev='xvdz'/></disk>";
    return virDomainDetachDevice(d, xml);
}
static int
call_ispersistent(virDomainPtr d)
{
    return virDomainIsPersistent(d) < 0 ? -1 : 0;
}
static int
call_free(virDomainPtr d)
{
    return virDomainFree(d);
}

static const domain_call domain_calls[] = {
    call_suspend,      call_resume,       call_shutdown,     call_reboot,
    call_destroy,      call_save,         call_coredump,     call_getinfo,
    call_getname,      call_getid,        call_getuuid,      call_getuuidstring,
    call_getostype,    call_getmaxmemory, call_setmaxmemory, call_setmemory,
    call_getxmldesc,   call_undefine,     call_create,       call_setvcpus,
    call_pinvcpu,      call_getvcpus,     call_attach,       call_detach,
    call_ispersistent, call_getmaxvcpus,  call_free,
};
#define N_DOMAIN_CALLS (sizeof(domain_calls) / sizeof(*domain_calls))

/* The domain entry points that change something. */
static const domain_call domain_writes[] = {
    call_suspend,   call_resume,   call_shutdown, call_reboot,
    call_destroy,   call_save,     call_coredump, call_setmaxmemory,
    call_setmemory, call_undefine, call_create,   call_setvcpus,
    call_pinvcpu,   call_attach,   call_detach,
};
#define N_DOMAIN_WRITES (sizeof(domain_writes) / sizeof(*domain_writes))

static int
call_close(virConnectPtr c)
{
    return virConnectClose(c);
}
static int
call_gettype(virConnectPtr c)
{
    return virConnectGetType(c) ? 0 : -1;
}
static int
call_getversion(virConnectPtr c)
{
    unsigned long v;
    return virConnectGetVersion(c, &v);
}
static int
call_nodeinfo(virConnectPtr c)
{
    virNodeInfo info;
    return virNodeGetInfo(c, &info);
}
static int
call_listdomains(virConnectPtr c)
{
    int ids[8];
    return virConnectListDomains(c, ids, 8);
}
static int
call_numofdomains(virConnectPtr c)
{
    return virConnectNumOfDomains(c);
}
static int
call_listdefined(virConnectPtr c)
{
    const char *names[8];
    int i, n = virConnectListDefinedDomains(c, names, 8);
    for (i = 0; i < n; i++)
        free((void *)(uintptr_t)names[i]);
    return n;
}
static int
call_numofdefined(virConnectPtr c)
{
    return virConnectNumOfDefinedDomains(c);
}
static int
call_createlinux(virConnectPtr c)
{
    virDomainPtr d = virDomainCreateLinux(c, "<domain/>", 0);
    return d ? virDomainFree(d) : -1;
}
static int
call_lookupid(virConnectPtr c)
{
    virDomainPtr d = virDomainLookupByID(c, 0);
    return d ? virDomainFree(d) : -1;
}
static int
call_lookupname(virConnectPtr c)
{
    virDomainPtr d = virDomainLookupByName(c, "Domain-0");
    return d ? virDomainFree(d) : -1;
}
static int
call_lookupuuid(virConnectPtr c)
{
    unsigned char uuid[16] = { 0 };
    virDomainPtr d = virDomainLookupByUUID(c, uuid);
    return d ? virDomainFree(d) : -1;
}
static int
call_lookupuuidstr(virConnectPtr c)
{
    virDomainPtr d =
        virDomainLookupByUUIDString(c, "00000000-0000-0000-0000-000000000000");
    return d ? virDomainFree(d) : -1;
}
static int
call_definexml(virConnectPtr c)
{
    virDomainPtr d = virDomainDefineXML(c, "<domain/>");
    return d ? virDomainFree(d) : -1;
}
static int
call_restore(virConnectPtr c)
{
    return virDomainRestore(c, "/nonexistent-dir/save");
}

static const conn_call conn_calls[] = {
    call_close,         call_gettype,      call_getversion,  call_nodeinfo,
    call_listdomains,   call_numofdomains, call_listdefined, call_numofdefined,
    call_createlinux,   call_lookupid,     call_lookupname,  call_lookupuuid,
    call_lookupuuidstr, call_definexml,    call_restore,
};
#define N_CONN_CALLS (sizeof(conn_calls) / sizeof(*conn_calls))

START_TEST(test_null_connection)
{
    ck_assert_int_eq(conn_calls[_i](NULL), -1);
    expect_error(VIR_ERR_INVALID_CONN);
}
END_TEST

START_TEST(test_closed_connection)
{
    virConnectPtr c = virConnectOpen("test:///default");

    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(virConnectClose(c), 0);
    /* The pointer is stale: refused, never read. */
    ck_assert_int_eq(conn_calls[_i](c), -1);
    expect_error(VIR_ERR_INVALID_CONN);
}
END_TEST

START_TEST(test_null_domain)
{
    ck_assert_int_eq(domain_calls[_i](NULL), -1);
    expect_error(VIR_ERR_INVALID_DOMAIN);
}
END_TEST

START_TEST(test_freed_domain)
{
    virDomainPtr d = virDomainLookupByID(conn, 0);

    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(virDomainFree(d), 0);
    ck_assert_int_eq(domain_calls[_i](d), -1);
    expect_error(VIR_ERR_INVALID_DOMAIN);
}
END_TEST

START_TEST(test_domain_of_closed_connection)
{
    virConnectPtr c = virConnectOpen("test:///default");
    virDomainPtr d = virDomainLookupByID(c, 0);

    ck_assert_ptr_nonnull(d);
    virConnectClose(c);
    ck_assert_int_eq(domain_calls[_i](d), -1);
    expect_error(VIR_ERR_INVALID_DOMAIN);
}
END_TEST

START_TEST(test_readonly_refuses_domain_changes)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr d;
    char *before, *after;

    ck_assert_ptr_nonnull(ro);
    d = virDomainLookupByID(ro, 0);
    ck_assert_ptr_nonnull(d);
    before = virDomainGetXMLDesc(d, 0);
    ck_assert_ptr_nonnull(before);
    ck_assert_int_eq(domain_writes[_i](d), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    after = virDomainGetXMLDesc(d, 0);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    virDomainFree(d);
    virConnectClose(ro);
}
END_TEST

START_TEST(test_readonly_refuses_connection_changes)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    int before = virConnectNumOfDefinedDomains(ro);

    ck_assert_int_ge(before, 0);
    ck_assert_int_eq(call_createlinux(ro), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(call_definexml(ro), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(call_restore(ro), -1);
    expect_error(VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(ro), before);
    /* Reads still work. */
    ck_assert_int_ge(call_nodeinfo(ro), 0);
    ck_assert_int_ge(call_listdomains(ro), 1);
    virConnectClose(ro);
}
END_TEST

START_TEST(test_null_output_arguments)
{
    virDomainPtr d = virDomainLookupByID(conn, 0);
    virVcpuInfo info[2];
    unsigned char map[2] = { 1, 0 };

    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(virConnectGetVersion(conn, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virNodeGetInfo(conn, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virConnectListDomains(conn, NULL, 4), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virConnectListDefinedDomains(conn, NULL, 4), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainLookupByName(conn, NULL));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainLookupByUUID(conn, NULL));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainLookupByUUIDString(conn, NULL));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainCreateLinux(conn, NULL, 0));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainDefineXML(conn, NULL));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainRestore(conn, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetInfo(d, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetUUID(d, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetUUIDString(d, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSave(d, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainCoreDump(d, NULL, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainAttachDevice(d, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainDetachDevice(d, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetVcpus(d, NULL, 2, NULL, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetVcpus(d, info, 0, NULL, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetVcpus(d, info, 2, map, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainPinVcpu(d, 0, NULL, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainPinVcpu(d, 0, map, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    virDomainFree(d);
}
END_TEST

START_TEST(test_out_of_range_arguments)
{
    virDomainPtr d = virDomainLookupByID(conn, 0);
    int ids[2];
    const char *names[2];
    virVcpuInfo info[2];
    unsigned char maps[4];

    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(virConnectListDomains(conn, ids, -1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virConnectListDefinedDomains(conn, names, -1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainLookupByID(conn, -5));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainLookupByUUIDString(conn, "not-a-uuid"));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainCreateLinux(conn, "<domain/>", 7));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainReboot(d, 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainCoreDump(d, "/tmp/x", 1), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_ptr_null(virDomainGetXMLDesc(d, 1));
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetMemory(d, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetMaxMemory(d, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainSetVcpus(d, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virDomainGetVcpus(d, info, 2, maps, 0x7fffffff), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    virDomainFree(d);
}
END_TEST

START_TEST(test_open_uri_selection)
{
    virConnectPtr c;
    char *saved = getenv("LIBVIRT_DEFAULT_URI");

    saved = saved ? strdup(saved) : NULL;
    ck_assert_ptr_null(virConnectOpen("bogus:///nowhere"));
    expect_error(VIR_ERR_NO_CONNECT);
    ck_assert_ptr_nonnull(strstr(virGetLastError()->message, "bogus:///"));

    setenv("LIBVIRT_DEFAULT_URI", "test:///default", 1);
    c = virConnectOpen(NULL);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(virConnectGetType(c), "Test");
    virConnectClose(c);

    unsetenv("LIBVIRT_DEFAULT_URI");
    if (!virDriverProbeAll()) {
        /* No driver serves NULL here (virConnectOpen() asks the same
         * way): it must not silently pick the test driver. */
        ck_assert_ptr_null(virConnectOpen(NULL));
        expect_error(VIR_ERR_NO_CONNECT);
        ck_assert_ptr_nonnull(
            strstr(virGetLastError()->message, "test:///default"));
        ck_assert_ptr_null(virConnectOpenReadOnly(NULL));
        expect_error(VIR_ERR_NO_CONNECT);
    }
    if (saved)
        setenv("LIBVIRT_DEFAULT_URI", saved, 1);
    free(saved);
}
END_TEST

START_TEST(test_version)
{
    unsigned long lib = 0, drv = 0;
    unsigned int major, minor, micro;

    ck_assert_int_eq(
        sscanf(PACKAGE_VERSION, "%u.%u.%u", &major, &minor, &micro), 3);
    ck_assert_int_eq(virGetVersion(&lib, "Test", &drv), 0);
    ck_assert_uint_eq(lib, major * 1000000UL + minor * 1000UL + micro);
    ck_assert_uint_eq(LIBVIR_VERSION_NUMBER, lib);
    ck_assert_uint_eq(drv, lib);
    ck_assert_int_eq(virGetVersion(&lib, NULL, NULL), 0);
    ck_assert_int_eq(virGetVersion(NULL, "Test", &drv), -1);
    expect_error(VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(virGetVersion(&lib, "NoSuchHypervisor", &drv), -1);
    expect_error(VIR_ERR_NO_SUPPORT);
    ck_assert_int_eq(virInitialize(), 0);
}
END_TEST

START_TEST(test_success_clears_last_error)
{
    virNodeInfo info;

    ck_assert_ptr_null(virDomainLookupByName(conn, "no-such-domain"));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(error_count, 1);
    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_ptr_null(virGetLastError());
    /* The connection keeps its own record until reset. */
    ck_assert_ptr_nonnull(virConnGetLastError(conn));
    ck_assert_int_eq(virConnGetLastError(conn)->code, VIR_ERR_NO_DOMAIN);
    virConnResetLastError(conn);
    ck_assert_ptr_null(virConnGetLastError(conn));
}
END_TEST

START_TEST(test_connection_handler_overrides_global)
{
    int conn_errors = 0;

    error_count = 0;
    virConnSetErrorFunc(conn, &conn_errors, count_errors);
    ck_assert_ptr_null(virDomainLookupByName(conn, "no-such-domain"));
    ck_assert_int_eq(conn_errors, 1);
    ck_assert_int_eq(error_count, 0);
    virConnSetErrorFunc(conn, NULL, NULL);
    ck_assert_ptr_null(virDomainLookupByName(conn, "no-such-domain"));
    ck_assert_int_eq(conn_errors, 1);
    ck_assert_int_eq(error_count, 1);
}
END_TEST

START_TEST(test_cpumap_macros)
{
    unsigned char map[VIR_CPU_MAPLEN(64)];
    unsigned char maps[2 * VIR_CPU_MAPLEN(64)];
    unsigned char copy[VIR_CPU_MAPLEN(64)];
    virNodeInfo ni = { .nodes = 2, .sockets = 2, .cores = 4, .threads = 2 };
    int cpu;

    ck_assert_int_eq(VIR_CPU_MAPLEN(1), 1);
    ck_assert_int_eq(VIR_CPU_MAPLEN(8), 1);
    ck_assert_int_eq(VIR_CPU_MAPLEN(9), 2);
    ck_assert_int_eq(VIR_CPU_MAPLEN(64), 8);
    ck_assert_int_eq(VIR_NODEINFO_MAXCPUS(ni), 32);
    memset(map, 0, sizeof(map));
    VIR_USE_CPU(map, 0);
    ck_assert_int_eq(map[0], 0x01);
    VIR_USE_CPU(map, 7);
    ck_assert_int_eq(map[0], 0x81);
    VIR_USE_CPU(map, 8);
    ck_assert_int_eq(map[1], 0x01);
    VIR_USE_CPU(map, 63);
    ck_assert_int_eq(map[7], 0x80);
    VIR_UNUSE_CPU(map, 7);
    ck_assert_int_eq(map[0], 0x01);
    memset(maps, 0, sizeof(maps));
    memcpy(VIR_GET_CPUMAP(maps, (int)sizeof(map), 1), map, sizeof(map));
    for (cpu = 0; cpu < 64; cpu++) {
        ck_assert(!VIR_CPU_USABLE(maps, (int)sizeof(map), 0, cpu));
        ck_assert_int_eq(!!VIR_CPU_USABLE(maps, (int)sizeof(map), 1, cpu),
                         cpu == 0 || cpu == 8 || cpu == 63);
    }
    VIR_COPY_CPUMAP(maps, (int)sizeof(map), 1, copy);
    ck_assert_mem_eq(copy, map, sizeof(map));
}
END_TEST

static Suite *
public_suite(void)
{
    Suite *s = suite_create("public");
    TCase *handles = tcase_create("invalid handles");
    TCase *args = tcase_create("argument errors");
    TCase *ro = tcase_create("read-only");
    TCase *core = tcase_create("core");

    tcase_add_checked_fixture(handles, setup, teardown);
    tcase_add_loop_test(handles, test_null_connection, 0, N_CONN_CALLS);
    tcase_add_loop_test(handles, test_closed_connection, 0, N_CONN_CALLS);
    tcase_add_loop_test(handles, test_null_domain, 0, N_DOMAIN_CALLS);
    tcase_add_loop_test(handles, test_freed_domain, 0, N_DOMAIN_CALLS);
    tcase_add_loop_test(handles, test_domain_of_closed_connection, 0,
                        N_DOMAIN_CALLS);
    tcase_add_checked_fixture(args, setup, teardown);
    tcase_add_test(args, test_null_output_arguments);
    tcase_add_test(args, test_out_of_range_arguments);
    tcase_add_checked_fixture(ro, setup, teardown);
    tcase_add_loop_test(ro, test_readonly_refuses_domain_changes, 0,
                        N_DOMAIN_WRITES);
    tcase_add_test(ro, test_readonly_refuses_connection_changes);
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, test_open_uri_selection);
    tcase_add_test(core, test_version);
    tcase_add_test(core, test_success_clears_last_error);
    tcase_add_test(core, test_connection_handler_overrides_global);
    tcase_add_test(core, test_cpumap_macros);
    suite_add_tcase(s, handles);
    suite_add_tcase(s, args);
    suite_add_tcase(s, ro);
    suite_add_tcase(s, core);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(public_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
