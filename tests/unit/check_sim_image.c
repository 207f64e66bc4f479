/*
 * check_sim_image.c: the test driver's save images and core dumps
 * (lib/drivers/test/sim_image.c), through the public API: save and
 * restore, the images a restore refuses, and hosts smaller or larger
 * than the one that saved.
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

static Suite *sim_image_suite(void);

/* Save images */
static void write_file(const char *path, const void *data, size_t len);
static uint32_t get_u32(const char *p);
static void clear_vcpu0_map(char *data, size_t len);
static void pin_all(virDomainPtr dom, int n, const unsigned char *map,
                    int maplen);

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

static Suite *
sim_image_suite(void)
{
    Suite *s = suite_create("sim_image");
    TCase *tc;

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

    return s;
}

int
main(void)
{
    return sim_fixture_run(sim_image_suite());
}
