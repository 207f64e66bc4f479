/*
 * check_vm_values.c: VM-MIB's values that the snapshot does not hold as
 * such (agent/model/vm_values.c): start times carried between two
 * snapshots and the row changes, memory units, versions, the physical
 * cpu numbers and the affinity bits.
 */

#include <config.h>

#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"
#include "model/vm_oids.h"
#include "model/vm_values.h"

#define NDOMS 4

static struct snap_domain old_doms[NDOMS], new_doms[NDOMS];
static struct snapshot old_snap, new_snap;

/* Rows 1..n with ids 10+index (all active), in @snap over @doms. */
static void
fill(struct snapshot *snap, struct snap_domain *doms, size_t n)
{
    size_t i;

    memset(snap, 0, sizeof(*snap));
    memset(doms, 0, NDOMS * sizeof(*doms));
    for (i = 0; i < n; i++) {
        doms[i].sd_index = (unsigned int)i + 1;
        doms[i].sd_id = 10 + (int)i;
    }
    snap->ss_domains = doms;
    snap->ss_ndomains = n;
}

/* The first read: every active domain starts at the first sight. */
START_TEST(test_first_sight)
{
    struct snapshot *empty = snapshot_empty();

    fill(&new_snap, new_doms, 3);
    new_doms[2].sd_id = -1; /* inactive */
    vm_values_carry(&new_snap, empty, 5000);
    ck_assert_uint_eq(new_doms[0].sd_started, 5000);
    ck_assert_uint_eq(new_doms[1].sd_started, 5000);
    ck_assert_uint_eq(new_doms[2].sd_started, 0);
    ck_assert_uint_eq(new_snap.ss_rows_changed, 5000);
    ck_assert_uint_eq(vm_values_uptime(&new_doms[0], 5250), 250);
    ck_assert_uint_eq(vm_values_uptime(&new_doms[2], 5250), 0);
    snapshot_free(empty);
}
END_TEST

/* Carried while active with the same id; a new id or a start is new. */
START_TEST(test_carry)
{
    fill(&old_snap, old_doms, 3);
    old_doms[0].sd_started = 100;
    old_doms[1].sd_started = 200;
    old_doms[2].sd_id = -1;
    old_snap.ss_rows_changed = 42;
    fill(&new_snap, new_doms, 3);
    new_doms[1].sd_id = 99; /* restarted between two reads */
    vm_values_carry(&new_snap, &old_snap, 9000);
    ck_assert_uint_eq(new_doms[0].sd_started, 100);
    ck_assert_uint_eq(new_doms[1].sd_started, 9000);
    ck_assert_uint_eq(new_doms[2].sd_started, 9000); /* newly started */
    ck_assert_uint_eq(new_snap.ss_rows_changed, 42); /* same rows */
}
END_TEST

/* A row gone, a row added, or both at once, moves ss_rows_changed. */
START_TEST(test_rows_changed)
{
    fill(&old_snap, old_doms, 3);
    old_snap.ss_rows_changed = 42;
    fill(&new_snap, new_doms, 2); /* the last row gone */
    vm_values_carry(&new_snap, &old_snap, 7);
    ck_assert_uint_eq(new_snap.ss_rows_changed, 7);

    fill(&new_snap, new_doms, 4); /* one added */
    vm_values_carry(&new_snap, &old_snap, 8);
    ck_assert_uint_eq(new_snap.ss_rows_changed, 8);

    fill(&new_snap, new_doms, 3); /* row 2 replaced by row 4 */
    new_doms[1].sd_index = 3;
    new_doms[2].sd_index = 4;
    vm_values_carry(&new_snap, &old_snap, 9);
    ck_assert_uint_eq(new_snap.ss_rows_changed, 9);
    ck_assert_uint_eq(new_doms[0].sd_started, old_doms[0].sd_started);
}
END_TEST

START_TEST(test_ticks)
{
    ck_assert_uint_eq(vm_values_ticks(0xffffffffULL), 0xffffffffUL);
    ck_assert_uint_eq(vm_values_ticks(0x100000005ULL), 5);
    ck_assert_uint_gt(vm_values_host_uptime(), 0);
}
END_TEST

/* KiB below 2 TiB; a larger unit above; the values fit Integer32. */
START_TEST(test_memory)
{
    struct snap_domain d;
    struct vm_memory m;

    memset(&d, 0, sizeof(d));
    d.sd_memory = 786432;
    d.sd_maxmem = 1048576;
    vm_values_memory(&d, &m);
    ck_assert_int_eq(m.vm_unit, 1024);
    ck_assert_int_eq(m.vm_cur, 786432);
    ck_assert_int_eq(m.vm_max, 1048576);

    d.sd_maxmem = INT32_MAX; /* the largest in KiB */
    vm_values_memory(&d, &m);
    ck_assert_int_eq(m.vm_unit, 1024);
    ck_assert_int_eq(m.vm_max, INT32_MAX);

    if (sizeof(unsigned long) > 4) {
        d.sd_maxmem = (unsigned long)INT32_MAX + 1; /* 2 TiB */
        d.sd_memory = 1024;
        vm_values_memory(&d, &m);
        ck_assert_int_eq(m.vm_unit, 2048);
        ck_assert_int_eq(m.vm_max, 1L << 30);
        ck_assert_int_eq(m.vm_cur, 512);
        d.sd_maxmem = ULONG_MAX; /* beyond GiB units: clamped */
        vm_values_memory(&d, &m);
        ck_assert_int_eq(m.vm_unit, 1024L << VM_MEM_SHIFT_MAX);
        ck_assert_int_eq(m.vm_max, INT32_MAX);
    }
}
END_TEST

START_TEST(test_version)
{
    char buf[32];

    ck_assert_int_eq(vm_values_version(4017002, buf, sizeof(buf)), 0);
    ck_assert_str_eq(buf, "4.17.2");
    ck_assert_int_eq(vm_values_version(3000000, buf, sizeof(buf)), 0);
    ck_assert_str_eq(buf, "3.0.0");
    ck_assert_int_eq(vm_values_version(4017002, buf, 4), -1);
}
END_TEST

START_TEST(test_max_cpus)
{
    struct snap_domain d;

    memset(&d, 0, sizeof(d));
    d.sd_nrvcpu = 2;
    ck_assert_int_eq(vm_values_max_cpus(&d), 2); /* unknown: given */
    d.sd_maxvcpus = 8;
    ck_assert_int_eq(vm_values_max_cpus(&d), 8);
    d.sd_maxvcpus = UINT_MAX;
    ck_assert_int_eq(vm_values_max_cpus(&d), INT32_MAX);
}
END_TEST

START_TEST(test_phys)
{
    ck_assert_uint_eq(vm_values_phys_index(0), VM_HR_PROC_BASE);
    ck_assert_uint_eq(vm_values_phys_index(5), VM_HR_PROC_BASE + 5);
    ck_assert_uint_eq(vm_values_phys_cpu(VM_HR_PROC_BASE + 5), 5);
    ck_assert_uint_eq(vm_values_phys_cpu(7), 0);
}
END_TEST

/* libvirt order: cpu 0 is bit 0 of byte 0; cpus 0, 7, 8 and the last. */
START_TEST(test_affinity)
{
    unsigned char map[2] = { 0x81, 0x81 }; /* cpus 0, 7, 8, 15 */
    struct snap_vcpu v;
    unsigned int cpu;

    memset(&v, 0, sizeof(v));
    v.sv_cpumap = map;
    for (cpu = 0; cpu < 16; cpu++) {
        int on = cpu == 0 || cpu == 7 || cpu == 8 || cpu == 15;

        ck_assert_int_eq(vm_values_affinity(&v, 2, cpu),
                         on ? VM_AFFINITY_ENABLE : VM_AFFINITY_DISABLE);
    }
    ck_assert_int_eq(vm_values_affinity(&v, 2, 16), VM_AFFINITY_UNKNOWN);
    v.sv_cpumap = NULL;
    ck_assert_int_eq(vm_values_affinity(&v, 2, 0), VM_AFFINITY_UNKNOWN);
}
END_TEST

static Suite *
vm_values_suite(void)
{
    Suite *s = suite_create("vm_values");
    TCase *tc;

    tc = tcase_create("times");
    tcase_add_test(tc, test_first_sight);
    tcase_add_test(tc, test_carry);
    tcase_add_test(tc, test_rows_changed);
    tcase_add_test(tc, test_ticks);
    suite_add_tcase(s, tc);

    tc = tcase_create("values");
    tcase_add_test(tc, test_memory);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_max_cpus);
    tcase_add_test(tc, test_phys);
    tcase_add_test(tc, test_affinity);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(vm_values_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
