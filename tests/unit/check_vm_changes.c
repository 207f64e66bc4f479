/*
 * check_vm_changes.c: VM-MIB's notifications without SNMP: which change
 * of vmOperState calls for which notification and with which previous
 * state, the rule between per-VM and bulk, and the VirtualMachineList
 * encoding of vmAffectedVMs.
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

#include "model/index_map.h"
#include "model/snapshot.h"
#include "model/vm_changes.h"
#include "model/vm_oids.h"

static struct vm_changes vc;

static void quiet_errors(void *userdata, virErrorPtr err);
static struct snap_domain fake(unsigned int index, int id, int state);
static int change(const struct snap_domain *o, const struct snap_domain *n);
static void expect(size_t i, unsigned int index, int notif, int old_oper);
static void clear_changes(void);
Suite *vm_changes_suite(void);

static void
quiet_errors(void *userdata, virErrorPtr err)
{
    (void)userdata;
    (void)err;
}

/* A row of index @index, id @id (-1: inactive) and virDomainState. */
static struct snap_domain
fake(unsigned int index, int id, int state)
{
    struct snap_domain d;

    memset(&d, 0, sizeof(d));
    d.sd_index = index;
    d.sd_uuid[0] = 0xab;
    d.sd_uuid[15] = (unsigned char)index;
    d.sd_name = (char *)(uintptr_t) "fake";
    d.sd_id = id;
    d.sd_state = state;
    d.sd_persistent = SNAP_PERSISTENT;
    return d;
}

/* The changes of one domain from @o to @n, in a fresh list. */
static int
change(const struct snap_domain *o, const struct snap_domain *n)
{
    vm_changes_clear(&vc);
    return vm_changes_add(&vc, o, n);
}

static void
expect(size_t i, unsigned int index, int notif, int old_oper)
{
    ck_assert_uint_gt(vc.vcs_count, i);
    ck_assert_uint_eq(vc.vcs_list[i].vc_index, index);
    ck_assert_int_eq(vc.vcs_list[i].vc_notif, notif);
    ck_assert_int_eq(vc.vcs_list[i].vc_old_oper, old_oper);
}

static void
clear_changes(void)
{
    vm_changes_clear(&vc);
}

/* ---------------------------------------------------------- transitions */

START_TEST(test_notif_of_state)
{
    ck_assert_int_eq(vm_changes_notif(VM_OPER_RUNNING), VM_NOTIF_RUNNING);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_SHUTTINGDOWN),
                     VM_NOTIF_SHUTTINGDOWN);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_SHUTDOWN), VM_NOTIF_SHUTDOWN);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_PAUSED), VM_NOTIF_PAUSED);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_SUSPENDING), VM_NOTIF_SUSPENDING);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_SUSPENDED), VM_NOTIF_SUSPENDED);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_RESUMING), VM_NOTIF_RESUMING);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_MIGRATING), VM_NOTIF_MIGRATING);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_CRASHED), VM_NOTIF_CRASHED);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_UNKNOWN), 0);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_OTHER), 0);
    ck_assert_int_eq(vm_changes_notif(VM_OPER_PREPARING), 0);
}
END_TEST

/* Every change of the RFC's table a libvirt state can show. */
START_TEST(test_transitions)
{
    struct snap_domain run = fake(4, 3, VIR_DOMAIN_RUNNING);
    struct snap_domain blocked = fake(4, 3, VIR_DOMAIN_BLOCKED);
    struct snap_domain paused = fake(4, 3, VIR_DOMAIN_PAUSED);
    struct snap_domain going = fake(4, 3, VIR_DOMAIN_SHUTDOWN);
    struct snap_domain off_listed = fake(4, 3, VIR_DOMAIN_SHUTOFF);
    struct snap_domain crashed = fake(4, 3, VIR_DOMAIN_CRASHED);
    struct snap_domain off = fake(4, -1, VIR_DOMAIN_SHUTOFF);

    ck_assert_int_eq(change(&off, &run), 1);
    expect(0, 4, VM_NOTIF_RUNNING, VM_OPER_SHUTDOWN);
    ck_assert_int_eq(change(&run, &paused), 1);
    expect(0, 4, VM_NOTIF_PAUSED, VM_OPER_RUNNING);
    ck_assert_int_eq(change(&paused, &run), 1);
    expect(0, 4, VM_NOTIF_RUNNING, VM_OPER_PAUSED);
    ck_assert_int_eq(change(&run, &going), 1);
    expect(0, 4, VM_NOTIF_SHUTTINGDOWN, VM_OPER_RUNNING);
    /* VIRT-MIB tells this stop once; VM-MIB has a state for each step */
    ck_assert_int_eq(change(&going, &off), 1);
    expect(0, 4, VM_NOTIF_SHUTDOWN, VM_OPER_SHUTTINGDOWN);
    ck_assert_int_eq(change(&run, &off), 1);
    expect(0, 4, VM_NOTIF_SHUTDOWN, VM_OPER_RUNNING);
    ck_assert_int_eq(change(&paused, &off), 1);
    expect(0, 4, VM_NOTIF_SHUTDOWN, VM_OPER_PAUSED);
    ck_assert_int_eq(change(&run, &crashed), 1);
    expect(0, 4, VM_NOTIF_CRASHED, VM_OPER_RUNNING);
    ck_assert_int_eq(change(&crashed, &run), 1);
    expect(0, 4, VM_NOTIF_RUNNING, VM_OPER_CRASHED);
    /* no change of vmOperState: nothing */
    ck_assert_int_eq(change(&run, &blocked), 0);
    ck_assert_int_eq(change(&off_listed, &off), 0);
    ck_assert_int_eq(change(&run, &run), 0);
    ck_assert_uint_eq(vc.vcs_count, 0);
}
END_TEST

START_TEST(test_appear_and_delete)
{
    struct snap_domain run = fake(9, 5, VIR_DOMAIN_RUNNING);
    struct snap_domain paused = fake(9, 5, VIR_DOMAIN_PAUSED);
    struct snap_domain off = fake(9, -1, VIR_DOMAIN_SHUTOFF);

    /* defined: no notification; created running: from shutdown */
    ck_assert_int_eq(change(NULL, &off), 0);
    ck_assert_int_eq(change(NULL, &run), 1);
    expect(0, 9, VM_NOTIF_RUNNING, VM_OPER_SHUTDOWN);
    ck_assert_int_eq(change(NULL, &paused), 1);
    expect(0, 9, VM_NOTIF_PAUSED, VM_OPER_SHUTDOWN);
    /* undefined: vmDeleted, with the state it had and its persistence */
    ck_assert_int_eq(change(&off, NULL), 1);
    expect(0, 9, VM_NOTIF_DELETED, VM_OPER_SHUTDOWN);
    ck_assert_int_eq(vc.vcs_list[0].vc_persistent, VM_PERSISTENT_PERSISTENT);
    run.sd_persistent = SNAP_TRANSIENT;
    ck_assert_int_eq(change(&run, NULL), 1);
    expect(0, 9, VM_NOTIF_DELETED, VM_OPER_RUNNING);
    ck_assert_int_eq(vc.vcs_list[0].vc_persistent, VM_PERSISTENT_TRANSIENT);
    ck_assert_str_eq(vc.vcs_list[0].vc_name, "fake");
    ck_assert_int_eq(vc.vcs_list[0].vc_uuid[0], 0xab);
    ck_assert_int_eq(vc.vcs_list[0].vc_uuid[15], 9);
    ck_assert_int_eq(change(NULL, NULL), 0);
}
END_TEST

/* Two reads: rows matched by index, in index order. */
START_TEST(test_diff_merge)
{
    struct snap_domain o[3], n[3];
    struct snapshot so = { .ss_ndomains = 3, .ss_domains = o };
    struct snapshot sn = { .ss_ndomains = 3, .ss_domains = n };

    o[0] = fake(1, 1, VIR_DOMAIN_RUNNING);  /* 1: paused */
    o[1] = fake(2, 2, VIR_DOMAIN_RUNNING);  /* 2: gone */
    o[2] = fake(5, -1, VIR_DOMAIN_SHUTOFF); /* 5: started */
    n[0] = fake(1, 1, VIR_DOMAIN_PAUSED);
    n[1] = fake(3, 9, VIR_DOMAIN_RUNNING); /* 3: new, running */
    n[2] = fake(5, 7, VIR_DOMAIN_RUNNING);
    vm_changes_clear(&vc);
    ck_assert_int_eq(vm_changes_diff(&vc, &so, &sn), 4);
    expect(0, 1, VM_NOTIF_PAUSED, VM_OPER_RUNNING);
    expect(1, 2, VM_NOTIF_DELETED, VM_OPER_RUNNING);
    expect(2, 3, VM_NOTIF_RUNNING, VM_OPER_SHUTDOWN);
    expect(3, 5, VM_NOTIF_RUNNING, VM_OPER_SHUTDOWN);
    ck_assert_uint_eq(vm_changes_count(&vc, VM_NOTIF_RUNNING), 2);
    ck_assert_uint_eq(vm_changes_count(&vc, VM_NOTIF_CRASHED), 0);
    ck_assert_int_eq(vm_changes_diff(&vc, NULL, &sn), -1);
    ck_assert_int_eq(vm_changes_diff(NULL, &so, &sn), -1);
}
END_TEST

/* The same against the simulated host: a pause done through the library
 * is one vmPaused of the domain's index, from running(4). */
START_TEST(test_diff_library)
{
    char path[256];
    struct index_map *map;
    struct snapshot *a, *b;
    unsigned char uuid[SNAP_UUID_LEN];
    virConnectPtr conn;
    virDomainPtr dom;

    virSetErrorFunc(NULL, quiet_errors);
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    snprintf(path, sizeof(path), "%s/vm-changes-%ld.map", ABS_BUILDDIR,
             (long)getpid());
    unlink(path);
    map = index_map_open(path);
    ck_assert_ptr_nonnull(map);
    a = snapshot_take(conn, map);
    dom = virDomainLookupByName(conn, "web1");
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    b = snapshot_take(conn, map);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    vm_changes_clear(&vc);
    ck_assert_int_eq(vm_changes_diff(&vc, a, b), 1);
    ck_assert_int_eq(virDomainGetUUID(dom, uuid), 0);
    expect(0, index_map_lookup(map, uuid), VM_NOTIF_PAUSED, VM_OPER_RUNNING);
    ck_assert_str_eq(vc.vcs_list[0].vc_name, "web1");
    ck_assert_int_eq(memcmp(vc.vcs_list[0].vc_uuid, uuid, SNAP_UUID_LEN), 0);
    virDomainFree(dom);
    snapshot_free(a);
    snapshot_free(b);
    index_map_free(map);
    unlink(path);
    virConnectClose(conn);
}
END_TEST

/* ------------------------------------------------------------ the rule */

START_TEST(test_form)
{
    /* both on: per VM below the threshold, bulk from it on */
    ck_assert_int_eq(vm_changes_form(0, 1, 1, 10), VM_FORM_NONE);
    ck_assert_int_eq(vm_changes_form(1, 1, 1, 10), VM_FORM_PER_VM);
    ck_assert_int_eq(vm_changes_form(9, 1, 1, 10), VM_FORM_PER_VM);
    ck_assert_int_eq(vm_changes_form(10, 1, 1, 10), VM_FORM_BULK);
    ck_assert_int_eq(vm_changes_form(1, 1, 1, 1), VM_FORM_BULK);
    /* one switch: that form for any number */
    ck_assert_int_eq(vm_changes_form(50, 1, 0, 10), VM_FORM_PER_VM);
    ck_assert_int_eq(vm_changes_form(1, 0, 1, 10), VM_FORM_BULK);
    /* none */
    ck_assert_int_eq(vm_changes_form(50, 0, 0, 10), VM_FORM_NONE);
    ck_assert_int_eq(vm_changes_form(0, 0, 1, 10), VM_FORM_NONE);
}
END_TEST

/* -------------------------------------------------------- vmAffectedVMs */

START_TEST(test_list_bits)
{
    unsigned char list[3] = { 0, 0, 0 };

    vm_list_set(list, sizeof(list), 1); /* first octet, MSB */
    ck_assert_int_eq(list[0], 0x80);
    vm_list_set(list, sizeof(list), 8); /* first octet, LSB */
    ck_assert_int_eq(list[0], 0x81);
    vm_list_set(list, sizeof(list), 9); /* second octet, MSB */
    ck_assert_int_eq(list[1], 0x80);
    vm_list_set(list, sizeof(list), 16);
    ck_assert_int_eq(list[1], 0x81);
    vm_list_set(list, sizeof(list), 24); /* the last that fits */
    ck_assert_int_eq(list[2], 0x01);
    vm_list_set(list, sizeof(list), 25); /* past the end: ignored */
    vm_list_set(list, sizeof(list), 0);  /* not an index: ignored */
    ck_assert_int_eq(list[0], 0x81);
    ck_assert_int_eq(list[1], 0x81);
    ck_assert_int_eq(list[2], 0x01);
}
END_TEST

START_TEST(test_list_of_changes)
{
    struct snap_domain run[4], paused[4];
    unsigned int idx[4] = { 3, 8, 9, 17 };
    unsigned char *list;
    size_t i, len;

    vm_changes_clear(&vc);
    for (i = 0; i < 4; i++) {
        run[i] = fake(idx[i], (int)i + 1, VIR_DOMAIN_RUNNING);
        paused[i] = fake(idx[i], (int)i + 1, VIR_DOMAIN_PAUSED);
        ck_assert_int_eq(vm_changes_add(&vc, &run[i], &paused[i]), 1);
    }
    /* another notification's domain is not in the list */
    ck_assert_int_eq(vm_changes_add(&vc, &paused[0], NULL), 1);
    list = vm_changes_list(&vc, VM_NOTIF_PAUSED, &len);
    ck_assert_ptr_nonnull(list);
    ck_assert_uint_eq(len, 3);       /* index 17 is in the third octet */
    ck_assert_int_eq(list[0], 0x21); /* 3 and 8 */
    ck_assert_int_eq(list[1], 0x80); /* 9 */
    ck_assert_int_eq(list[2], 0x80); /* 17 */
    free(list);
    list = vm_changes_list(&vc, VM_NOTIF_DELETED, &len);
    ck_assert_ptr_nonnull(list);
    ck_assert_uint_eq(len, 1);
    ck_assert_int_eq(list[0], 0x20);
    free(list);
    ck_assert_ptr_null(vm_changes_list(&vc, VM_NOTIF_CRASHED, &len));
    ck_assert_uint_eq(len, 0);
}
END_TEST

Suite *
vm_changes_suite(void)
{
    Suite *s = suite_create("vm_changes");
    TCase *tc;

    tc = tcase_create("transitions");
    tcase_add_checked_fixture(tc, clear_changes, clear_changes);
    tcase_add_test(tc, test_notif_of_state);
    tcase_add_test(tc, test_transitions);
    tcase_add_test(tc, test_appear_and_delete);
    tcase_add_test(tc, test_diff_merge);
    tcase_add_test(tc, test_diff_library);
    suite_add_tcase(s, tc);

    tc = tcase_create("rule");
    tcase_add_test(tc, test_form);
    suite_add_tcase(s, tc);

    tc = tcase_create("list");
    tcase_add_checked_fixture(tc, clear_changes, clear_changes);
    tcase_add_test(tc, test_list_bits);
    tcase_add_test(tc, test_list_of_changes);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(vm_changes_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
