/*
 * check_sim_driver.c: the test driver's domain operations on
 * test:///default (lifecycle, memory, vcpus, devices, sharing), driven
 * through the public API.  Every failing call is checked for its return
 * value, the exact error code left behind, and that it changed nothing.
 * Node files are check_sim_node.c's, save and core images
 * check_sim_image.c's.
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

#define WEB1_UUID "4dea22b3-1d52-d8f3-2516-782e98ab3fa0"

static Suite *sim_driver_suite(void);

/* Helpers */
static unsigned long long vcpu_time_sum(virDomainPtr dom);

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

    tc = tcase_create("devices");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_devices);
    suite_add_tcase(s, tc);

    tc = tcase_create("sharing");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_shared_node);
    tcase_add_test(tc, test_read_only);
    suite_add_tcase(s, tc);

    return s;
}

int
main(void)
{
    return sim_fixture_run(sim_driver_suite());
}
