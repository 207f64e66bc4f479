/*
 * check_snapshot.c: the agent's host model without SNMP: snapshots of
 * test:///default, row lookups for GET and GETNEXT, the index state
 * file, life-cycle differences, and VIRT-MIB's value encoding.
 */

#include <config.h>

#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "model/index_map.h"
#include "model/snapshot.h"
#include "model/virt_mib.h"
#include "model/virt_oids.h"
#include "util/uuid.h"

static virConnectPtr conn;
static struct index_map *map;
static char state_path[256];

static void quiet_errors(void *userdata, virErrorPtr err);
static void open_host(void);
static void close_host(void);
static void record_event(const struct snap_event *ev, void *opaque);
static const struct snap_domain *row_of(const struct snapshot *snap,
                                        const unsigned char *uuid);
static struct snap_domain fake_domain(unsigned int index, int id, int state);
static int diff_one(int present_old, int oid, int ostate, int present_new,
                    int nid, int nstate);
Suite *snapshot_suite(void);

static void
quiet_errors(void *userdata, virErrorPtr err)
{
    (void)userdata;
    (void)err;
}

static void
open_host(void)
{
    virSetErrorFunc(NULL, quiet_errors);
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    snprintf(state_path, sizeof(state_path), "%s/snapshot-%ld.map",
             ABS_BUILDDIR, (long)getpid());
    unlink(state_path);
    map = index_map_open(state_path);
    ck_assert_ptr_nonnull(map);
}

static void
close_host(void)
{
    index_map_free(map);
    map = NULL;
    unlink(state_path);
    virConnectClose(conn);
    conn = NULL;
}

/* The row of @uuid, found as the handlers find it: its index in the
 * map, then the row of that index. */
static const struct snap_domain *
row_of(const struct snapshot *snap, const unsigned char *uuid)
{
    unsigned int idx = index_map_lookup(map, uuid);

    return snapshot_domain_lookup(snap, &idx, 1, SNAP_EXACT);
}

/* ---------------------------------------------------------------- core */

START_TEST(test_take_matches_library)
{
    struct snapshot *snap = snapshot_take(conn, map);
    size_t i;
    int nactive = virConnectNumOfDomains(conn);
    int ndefined = virConnectNumOfDefinedDomains(conn);
    virNodeInfo ni;

    ck_assert_ptr_nonnull(snap);
    ck_assert_int_eq(snap->ss_ndomains, nactive + ndefined);
    ck_assert_int_eq(snap->ss_nactive, nactive);
    ck_assert_int_eq(snap->ss_ndefined, ndefined);
    ck_assert_int_eq(virNodeGetInfo(conn, &ni), 0);
    ck_assert_uint_eq(snap->ss_node.sn_memory, ni.memory);
    ck_assert_uint_eq(snap->ss_node.sn_maxcpus, VIR_NODEINFO_MAXCPUS(ni));
    ck_assert_str_eq(snap->ss_node.sn_model, ni.model);
    for (i = 0; i < snap->ss_ndomains; i++) {
        const struct snap_domain *sd = &snap->ss_domains[i];
        virDomainPtr dom = virDomainLookupByName(conn, sd->sd_name);
        virDomainInfo info;
        char uuid[SNAP_UUIDSTR_LEN];

        ck_assert_ptr_nonnull(dom);
        ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
        ck_assert_int_eq(virDomainGetUUIDString(dom, uuid), 0);
        ck_assert_str_eq(sd->sd_uuidstr, uuid);
        ck_assert_int_eq(sd->sd_state, info.state);
        ck_assert_uint_eq(sd->sd_maxmem, info.maxMem);
        ck_assert_uint_eq(sd->sd_memory, info.memory);
        ck_assert_uint_eq(sd->sd_nrvcpu, info.nrVirtCpu);
        if (sd->sd_id >= 0) {
            ck_assert_int_eq(sd->sd_id, (int)virDomainGetID(dom));
            ck_assert_uint_eq(sd->sd_nvcpus, info.nrVirtCpu);
            ck_assert_int_eq((int)sd->sd_maxvcpus, virDomainGetMaxVcpus(dom));
        } else {
            ck_assert_uint_eq(sd->sd_nvcpus, 0);
            ck_assert_uint_eq(sd->sd_maxvcpus, 0);
        }
        ck_assert_int_eq(sd->sd_persistent, virDomainIsPersistent(dom) == 1
                                                ? SNAP_PERSISTENT
                                                : SNAP_TRANSIENT);
        if (i > 0)
            ck_assert_uint_lt(snap->ss_domains[i - 1].sd_index, sd->sd_index);
        virDomainFree(dom);
    }
    snapshot_free(snap);
}
END_TEST

START_TEST(test_indexes_stable)
{
    struct snapshot *a = snapshot_take(conn, map);
    struct snapshot *b = snapshot_take(conn, map);
    size_t i;

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(a->ss_ndomains, b->ss_ndomains);
    for (i = 0; i < a->ss_ndomains; i++) {
        ck_assert_str_eq(a->ss_domains[i].sd_name, b->ss_domains[i].sd_name);
        ck_assert_uint_eq(a->ss_domains[i].sd_index, b->ss_domains[i].sd_index);
    }
    snapshot_free(a);
    snapshot_free(b);
}
END_TEST

/* GETNEXT from nothing visits every row once, in order. */
START_TEST(test_domain_walk)
{
    struct snapshot *snap = snapshot_take(conn, map);
    const struct snap_domain *d;
    unsigned int idx = 0;
    size_t seen = 0;

    ck_assert_ptr_nonnull(snap);
    d = snapshot_domain_lookup(snap, NULL, 0, SNAP_NEXT);
    while (d) {
        ck_assert_ptr_eq(d, &snap->ss_domains[seen]);
        ck_assert_uint_gt(d->sd_index, idx);
        ck_assert_ptr_eq(
            snapshot_domain_lookup(snap, &d->sd_index, 1, SNAP_EXACT), d);
        idx = d->sd_index;
        seen++;
        d = snapshot_domain_lookup(snap, &idx, 1, SNAP_NEXT);
    }
    ck_assert_uint_eq(seen, snap->ss_ndomains);
    /* from index 0, and from a gap */
    idx = 0;
    ck_assert_ptr_eq(snapshot_domain_lookup(snap, &idx, 1, SNAP_NEXT),
                     &snap->ss_domains[0]);
    ck_assert_ptr_null(snapshot_domain_lookup(snap, &idx, 1, SNAP_EXACT));
    idx = UINT_MAX;
    ck_assert_ptr_null(snapshot_domain_lookup(snap, &idx, 1, SNAP_NEXT));
    snapshot_free(snap);
}
END_TEST

START_TEST(test_vcpu_walk)
{
    struct snapshot *snap = snapshot_take(conn, map);
    const struct snap_domain *dom = NULL;
    const struct snap_vcpu *v;
    unsigned int idx[2] = { 0, 0 };
    size_t seen = 0, total = 0, i;

    ck_assert_ptr_nonnull(snap);
    for (i = 0; i < snap->ss_ndomains; i++)
        total += snap->ss_domains[i].sd_nvcpus;
    ck_assert_uint_gt(total, 0);
    v = snapshot_vcpu_lookup(snap, NULL, 0, SNAP_NEXT, &dom);
    while (v) {
        ck_assert_ptr_nonnull(dom);
        ck_assert(dom->sd_index > idx[0] ||
                  (dom->sd_index == idx[0] && v->sv_number >= idx[1]));
        idx[0] = dom->sd_index;
        idx[1] = v->sv_number;
        ck_assert_ptr_eq(snapshot_vcpu_lookup(snap, idx, 2, SNAP_EXACT, &dom),
                         v);
        seen++;
        v = snapshot_vcpu_lookup(snap, idx, 2, SNAP_NEXT, &dom);
    }
    ck_assert_uint_eq(seen, total);
    /* one index value: the first vcpu of that domain */
    for (i = 0; i < snap->ss_ndomains; i++) {
        if (snap->ss_domains[i].sd_nvcpus) {
            v = snapshot_vcpu_lookup(snap, &snap->ss_domains[i].sd_index, 1,
                                     SNAP_NEXT, &dom);
            ck_assert_ptr_eq(v, &snap->ss_domains[i].sd_vcpus[0]);
            break;
        }
    }
    snapshot_free(snap);
}
END_TEST

/* After a change through the library, the next snapshot shows it, in
 * the same row. */
START_TEST(test_refresh_sees_change)
{
    struct snapshot *a = snapshot_take(conn, map), *b;
    const struct snap_domain *da, *db;
    virDomainPtr dom = virDomainLookupByName(conn, "web1");
    unsigned char uuid[SNAP_UUID_LEN];

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainGetUUID(dom, uuid), 0);
    da = row_of(a, uuid);
    ck_assert_ptr_nonnull(da);
    ck_assert_int_eq(da->sd_state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(da->sd_state, VIR_DOMAIN_RUNNING); /* immutable */
    b = snapshot_take(conn, map);
    ck_assert_ptr_nonnull(b);
    db = row_of(b, uuid);
    ck_assert_ptr_nonnull(db);
    ck_assert_int_eq(db->sd_state, VIR_DOMAIN_PAUSED);
    ck_assert_uint_eq(db->sd_index, da->sd_index);
    ck_assert_uint_eq(index_map_lookup(map, uuid), da->sd_index);
    ck_assert_int_eq(virDomainResume(dom), 0);
    virDomainFree(dom);
    snapshot_free(a);
    snapshot_free(b);
}
END_TEST

/* One domain read again in place (after a SET); a domain that stopped
 * needs the full snapshot. */
START_TEST(test_update_domain)
{
    struct snapshot *a = snapshot_take(conn, map);
    const struct snap_domain *row;
    struct snap_domain old;
    virDomainPtr dom = virDomainLookupByName(conn, "web1");
    unsigned char uuid[SNAP_UUID_LEN], none[SNAP_UUID_LEN];
    size_t n;

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainGetUUID(dom, uuid), 0);
    n = a->ss_ndomains;
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 262144), 0);
    ck_assert_int_eq(snapshot_update_domain(a, conn, map, uuid, &old), 0);
    ck_assert_int_eq(old.sd_state, VIR_DOMAIN_RUNNING);
    row = row_of(a, uuid);
    ck_assert_ptr_nonnull(row);
    ck_assert_int_eq(row->sd_state, VIR_DOMAIN_PAUSED);
    ck_assert_uint_eq(row->sd_memory, 262144);
    ck_assert_uint_eq(row->sd_index, old.sd_index);
    ck_assert_str_eq(row->sd_name, "web1");
    ck_assert_uint_eq(row->sd_nvcpus, old.sd_nvcpus);
    ck_assert_uint_eq(a->ss_ndomains, n);
    snapshot_domain_clear(&old);
    ck_assert_int_eq(virDomainResume(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0); /* frees dom */
    ck_assert_int_eq(snapshot_update_domain(a, conn, map, uuid, &old), 1);
    ck_assert_ptr_null(old.sd_name);
    memset(none, 0xee, sizeof(none));
    ck_assert_int_eq(snapshot_update_domain(a, conn, map, none, &old), 1);
    ck_assert_int_eq(snapshot_update_domain(NULL, conn, map, uuid, &old), -1);
    ck_assert_int_eq(snapshot_update_domain(a, conn, map, uuid, NULL), -1);
    snapshot_free(a);
}
END_TEST

/* ---------------------------------------------------------- state file */

START_TEST(test_state_file_roundtrip)
{
    struct snapshot *a = snapshot_take(conn, map), *b;
    struct index_map *again;
    size_t i;

    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(index_map_save(map), 0);
    again = index_map_open(state_path);
    ck_assert_ptr_nonnull(again);
    b = snapshot_take(conn, again);
    ck_assert_ptr_nonnull(b);
    for (i = 0; i < a->ss_ndomains; i++) {
        ck_assert_uint_eq(a->ss_domains[i].sd_index, b->ss_domains[i].sd_index);
        ck_assert_int_eq(a->ss_domains[i].sd_persistent,
                         b->ss_domains[i].sd_persistent);
    }
    snapshot_free(a);
    snapshot_free(b);
    index_map_free(again);
}
END_TEST

START_TEST(test_state_file_new_index)
{
    unsigned char u1[16], u2[16];
    enum snap_persistence p = SNAP_UNKNOWN;
    unsigned int i1, i2;
    struct index_map *m;

    ck_assert_int_eq(
        virUUIDParse("4dea22b3-1d52-d8f3-2516-782e98ab3fff", u1), 0);
    memcpy(u2, u1, 16);
    u2[15] = 0xfe;
    i1 = index_map_assign(map, u1, &p);
    i2 = index_map_assign(map, u2, &p);
    ck_assert_uint_eq(i2, i1 + 1);
    ck_assert_uint_eq(index_map_assign(map, u1, &p), i1);
    ck_assert_int_eq(index_map_save(map), 0);
    m = index_map_open(state_path);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(index_map_lookup(m, u2), i2);
    memset(u1, 0x55, 16);
    ck_assert_uint_eq(index_map_assign(m, u1, &p), i2 + 1);
    index_map_free(m);
}
END_TEST

START_TEST(test_state_file_bad)
{
    static const char *const bad[] = {
        "next 0\n",
        "not-a-uuid 1 p\n",
        "4dea22b3-1d52-d8f3-2516-782e98ab3fa0 0 p\n",
        "4dea22b3-1d52-d8f3-2516-782e98ab3fa0 1 x\n",
        "4dea22b3-1d52-d8f3-2516-782e98ab3fa0 1 p\n"
        "4dea22b3-1d52-d8f3-2516-782e98ab3fa0 2 p\n",
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        FILE *fp = fopen(state_path, "w");

        ck_assert_ptr_nonnull(fp);
        fputs(bad[i], fp);
        fclose(fp);
        ck_assert_msg(index_map_open(state_path) == NULL, "accepted: %s",
                      bad[i]);
    }
}
END_TEST

/* ----------------------------------------------------------- arguments */

START_TEST(test_null_arguments)
{
    const struct snap_domain *d;
    struct snapshot *empty = snapshot_empty();

    ck_assert_ptr_null(snapshot_take(NULL, map));
    ck_assert_ptr_null(snapshot_take(conn, NULL));
    ck_assert_ptr_null(snapshot_domain_lookup(NULL, NULL, 0, SNAP_NEXT));
    ck_assert_ptr_null(snapshot_vcpu_lookup(empty, NULL, 0, SNAP_NEXT, NULL));
    ck_assert_ptr_null(snapshot_vcpu_lookup(empty, NULL, 0, SNAP_NEXT, &d));
    ck_assert_ptr_null(snapshot_domain_lookup(empty, NULL, 0, SNAP_NEXT));
    ck_assert_ptr_null(row_of(empty, NULL));
    ck_assert_int_eq(snapshot_diff(NULL, empty, record_event, NULL), -1);
    ck_assert_int_eq(snapshot_diff(empty, empty, NULL, NULL), -1);
    ck_assert_int_eq(index_map_save(NULL), -1);
    ck_assert_uint_eq(index_map_lookup(NULL, NULL), 0);
    ck_assert_int_eq(virUUIDParse("00000000-0000-0000-0000-00000000000",
                                     (unsigned char[16]){ 0 }),
                     -1);
    snapshot_free(NULL);
    index_map_free(NULL);
    snapshot_free(empty);
}
END_TEST

/* ---------------------------------------------------------- difference */

#define MAX_EVENTS 8
static struct snap_event events[MAX_EVENTS];
static int nevents;

static void
record_event(const struct snap_event *ev, void *opaque)
{
    (void)opaque;
    if (nevents < MAX_EVENTS)
        events[nevents] = *ev;
    nevents++;
}

static struct snap_domain
fake_domain(unsigned int index, int id, int state)
{
    struct snap_domain d;

    memset(&d, 0, sizeof(d));
    d.sd_index = index;
    d.sd_uuid[15] = (unsigned char)index;
    d.sd_name = (char *)(uintptr_t) "fake";
    d.sd_id = id;
    d.sd_state = state;
    return d;
}

/* One domain going from (oid, ostate) to (nid, nstate); 0 = absent. */
static int
diff_one(int present_old, int oid, int ostate, int present_new, int nid,
         int nstate)
{
    struct snap_domain o = fake_domain(3, oid, ostate);
    struct snap_domain n = fake_domain(3, nid, nstate);
    struct snapshot so = { .ss_ndomains = present_old ? 1 : 0,
                           .ss_domains = &o };
    struct snapshot sn = { .ss_ndomains = present_new ? 1 : 0,
                           .ss_domains = &n };

    nevents = 0;
    return snapshot_diff(&so, &sn, record_event, NULL);
}

START_TEST(test_diff_events)
{
    ck_assert_int_eq(
        diff_one(1, 1, VIR_DOMAIN_RUNNING, 1, 1, VIR_DOMAIN_RUNNING), 0);
    ck_assert_int_eq(
        diff_one(1, 1, VIR_DOMAIN_RUNNING, 1, 1, VIR_DOMAIN_BLOCKED), 0);
    ck_assert_int_eq(
        diff_one(1, 1, VIR_DOMAIN_RUNNING, 1, 1, VIR_DOMAIN_PAUSED), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_PAUSED);
    ck_assert_int_eq(events[0].se_old_state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(events[0].se_new_state, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(
        diff_one(1, 1, VIR_DOMAIN_PAUSED, 1, 1, VIR_DOMAIN_BLOCKED), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_RESUMED);
    ck_assert_int_eq(
        diff_one(1, -1, VIR_DOMAIN_SHUTOFF, 1, 5, VIR_DOMAIN_RUNNING), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STARTED);
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_RUNNING, 1, -1, VIR_DOMAIN_SHUTOFF), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STOPPED);
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_RUNNING, 1, 5, VIR_DOMAIN_CRASHED), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_CRASHED);
    ck_assert_int_eq(diff_one(0, 0, 0, 1, -1, VIR_DOMAIN_SHUTOFF), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_DEFINED);
    ck_assert_int_eq(events[0].se_old_state, SNAP_STATE_ABSENT);
    ck_assert_int_eq(diff_one(0, 0, 0, 1, 7, VIR_DOMAIN_RUNNING), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STARTED);
    ck_assert_int_eq(diff_one(1, -1, VIR_DOMAIN_SHUTOFF, 0, 0, 0), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_UNDEFINED);
    ck_assert_int_eq(events[0].se_new_state, SNAP_STATE_ABSENT);
}
END_TEST

/* A shutdown seen in two polls (shutting down, then off) is one event;
 * a transient domain that stops and vanishes is stopped + undefined. */
START_TEST(test_diff_once)
{
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_RUNNING, 1, 5, VIR_DOMAIN_SHUTDOWN), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STOPPED);
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_SHUTDOWN, 1, -1, VIR_DOMAIN_SHUTOFF), 0);
    ck_assert_int_eq(diff_one(1, 5, VIR_DOMAIN_RUNNING, 0, 0, 0), 2);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STOPPED);
    ck_assert_int_eq(events[1].se_type, SNAP_EV_UNDEFINED);
    /* A Xen guest that powered itself off stays listed, shut off, with
     * its id, until someone destroys it: stopped (not resumed, though it
     * was paused), and nothing more when it goes away but undefined. */
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_PAUSED, 1, 5, VIR_DOMAIN_SHUTOFF), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STOPPED);
    ck_assert_int_eq(events[0].se_new_state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_RUNNING, 1, 5, VIR_DOMAIN_SHUTOFF), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_STOPPED);
    ck_assert_int_eq(
        diff_one(1, 5, VIR_DOMAIN_SHUTOFF, 1, -1, VIR_DOMAIN_SHUTOFF), 0);
    ck_assert_int_eq(diff_one(1, 5, VIR_DOMAIN_SHUTOFF, 0, 0, 0), 1);
    ck_assert_int_eq(events[0].se_type, SNAP_EV_UNDEFINED);
}
END_TEST

/* Rows on either side only: merged by index. */
START_TEST(test_diff_merge)
{
    struct snap_domain o[2] = { fake_domain(1, 1, VIR_DOMAIN_RUNNING),
                                fake_domain(3, -1, VIR_DOMAIN_SHUTOFF) };
    struct snap_domain n[2] = { fake_domain(2, -1, VIR_DOMAIN_SHUTOFF),
                                fake_domain(3, -1, VIR_DOMAIN_SHUTOFF) };
    struct snapshot so = { .ss_ndomains = 2, .ss_domains = o };
    struct snapshot sn = { .ss_ndomains = 2, .ss_domains = n };

    nevents = 0;
    /* 1 stopped + undefined, 2 defined, 3 unchanged */
    ck_assert_int_eq(snapshot_diff(&so, &sn, record_event, NULL), 3);
    ck_assert_uint_eq(events[0].se_domain->sd_index, 1);
    ck_assert_uint_eq(events[2].se_domain->sd_index, 2);
    ck_assert_int_eq(events[2].se_type, SNAP_EV_DEFINED);
}
END_TEST

/* ------------------------------------------------------- value encoding */

START_TEST(test_memory_units)
{
    unsigned long kib;

    /* a 16 TiB node and a 4 TiB domain do not wrap */
    ck_assert_uint_eq(virt_mib_kib_to_mib(17179869184UL), 16777216UL);
    ck_assert_uint_eq(virt_mib_kib_to_mib(4294967296UL), 4194304UL);
    ck_assert_uint_eq(virt_mib_kib_to_mib(1023), 0);
    ck_assert_uint_eq(virt_mib_kib_to_mib(ULONG_MAX), 0xFFFFFFFFUL);
    ck_assert_int_eq(virt_mib_mib_to_kib(4194304UL, &kib), 0);
    ck_assert_uint_eq(kib, 4294967296UL);
    ck_assert_int_eq(virt_mib_mib_to_kib(ULONG_MAX, &kib), -1);
    ck_assert_int_eq(virt_mib_mib_to_kib(1, NULL), -1);
}
END_TEST

START_TEST(test_admin_plan)
{
    struct snap_domain run = fake_domain(2, 1, VIR_DOMAIN_RUNNING);
    struct snap_domain blk = fake_domain(2, 1, VIR_DOMAIN_BLOCKED);
    struct snap_domain pau = fake_domain(2, 1, VIR_DOMAIN_PAUSED);
    struct snap_domain off = fake_domain(2, -1, VIR_DOMAIN_SHUTOFF);
    struct snap_domain dom0 = fake_domain(1, 0, VIR_DOMAIN_RUNNING);
    struct snap_domain crash = fake_domain(2, 1, VIR_DOMAIN_CRASHED);

    ck_assert_int_eq(virt_mib_admin_plan(&run, ADMIN_PAUSED),
                     ADMIN_ACT_SUSPEND);
    ck_assert_int_eq(virt_mib_admin_plan(&blk, ADMIN_PAUSED),
                     ADMIN_ACT_SUSPEND);
    ck_assert_int_eq(virt_mib_admin_plan(&pau, ADMIN_RUNNING),
                     ADMIN_ACT_RESUME);
    ck_assert_int_eq(virt_mib_admin_plan(&off, ADMIN_RUNNING),
                     ADMIN_ACT_CREATE);
    ck_assert_int_eq(virt_mib_admin_plan(&run, ADMIN_RUNNING), ADMIN_ACT_NONE);
    ck_assert_int_eq(virt_mib_admin_plan(&pau, ADMIN_PAUSED), ADMIN_ACT_NONE);
    ck_assert_int_eq(virt_mib_admin_plan(&off, ADMIN_SHUTDOWN), ADMIN_ACT_NONE);
    ck_assert_int_eq(virt_mib_admin_plan(&run, ADMIN_SHUTDOWN),
                     ADMIN_ACT_SHUTDOWN);
    ck_assert_int_eq(virt_mib_admin_plan(&run, ADMIN_REBOOT), ADMIN_ACT_REBOOT);
    ck_assert_int_eq(virt_mib_admin_plan(&pau, ADMIN_DESTROY),
                     ADMIN_ACT_DESTROY);
    ck_assert_int_eq(virt_mib_admin_plan(&crash, ADMIN_DESTROY),
                     ADMIN_ACT_DESTROY);
    ck_assert_int_eq(virt_mib_admin_plan(&off, ADMIN_PAUSED),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&off, ADMIN_REBOOT),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&off, ADMIN_DESTROY),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&crash, ADMIN_PAUSED),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&dom0, ADMIN_PAUSED),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&dom0, ADMIN_RUNNING), ADMIN_ACT_NONE);
    ck_assert_int_eq(virt_mib_admin_plan(&dom0, ADMIN_SHUTDOWN),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&dom0, ADMIN_REBOOT),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_plan(&run, 0), ADMIN_ACT_WRONG_VALUE);
    ck_assert_int_eq(virt_mib_admin_plan(&run, 6), ADMIN_ACT_WRONG_VALUE);
    ck_assert_int_eq(virt_mib_admin_plan(NULL, ADMIN_RUNNING),
                     ADMIN_ACT_INCONSISTENT);
    ck_assert_int_eq(virt_mib_admin_read(&pau), ADMIN_PAUSED);
    ck_assert_int_eq(virt_mib_admin_read(&off), ADMIN_SHUTDOWN);
    ck_assert_int_eq(virt_mib_admin_read(&crash), ADMIN_SHUTDOWN);
    ck_assert_int_eq(virt_mib_admin_read(&blk), ADMIN_RUNNING);
}
END_TEST

/* libvirt byte order: CPU n is bit n % 8 of octet n / 8. */
START_TEST(test_cpumap)
{
    const unsigned char cpu0[2] = { 0x01, 0x00 };
    const unsigned char cpu7[2] = { 0x80, 0x00 };
    const unsigned char cpu8[2] = { 0x00, 0x01 };
    const unsigned char cpu15[2] = { 0x00, 0x80 };
    const unsigned char none[2] = { 0, 0 };
    unsigned char built[2] = { 0, 0 };

    ck_assert_int_eq(virt_mib_cpumap_has(cpu0, 2, 0), 1);
    ck_assert_int_eq(virt_mib_cpumap_has(cpu0, 2, 1), 0);
    ck_assert_int_eq(virt_mib_cpumap_has(cpu7, 2, 7), 1);
    ck_assert_int_eq(virt_mib_cpumap_has(cpu8, 2, 8), 1);
    ck_assert_int_eq(virt_mib_cpumap_has(cpu8, 2, 0), 0);
    ck_assert_int_eq(virt_mib_cpumap_has(cpu15, 2, 15), 1);
    ck_assert_int_eq(virt_mib_cpumap_has(cpu15, 2, 16), 0);
    /* the API's own macro agrees */
    VIR_USE_CPU(built, 15);
    ck_assert_mem_eq(built, cpu15, 2);
    ck_assert_int_eq(virt_mib_cpumap_check(cpu0, 2, 16), CPUMAP_OK);
    ck_assert_int_eq(virt_mib_cpumap_check(cpu15, 2, 16), CPUMAP_OK);
    ck_assert_int_eq(virt_mib_cpumap_check(none, 2, 16), CPUMAP_WRONG_VALUE);
    ck_assert_int_eq(virt_mib_cpumap_check(cpu15, 2, 12), CPUMAP_WRONG_VALUE);
    ck_assert_int_eq(virt_mib_cpumap_check(cpu8, 2, 9), CPUMAP_OK);
    ck_assert_int_eq(virt_mib_cpumap_check(cpu0, 1, 16), CPUMAP_WRONG_LENGTH);
    ck_assert_int_eq(virt_mib_cpumap_check(cpu0, 2, 8), CPUMAP_WRONG_LENGTH);
    ck_assert_int_eq(virt_mib_cpumap_check(NULL, 2, 16), CPUMAP_WRONG_LENGTH);
}
END_TEST

Suite *
snapshot_suite(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc;

    tc = tcase_create("core");
    tcase_add_checked_fixture(tc, open_host, close_host);
    tcase_add_test(tc, test_take_matches_library);
    tcase_add_test(tc, test_indexes_stable);
    tcase_add_test(tc, test_domain_walk);
    tcase_add_test(tc, test_vcpu_walk);
    tcase_add_test(tc, test_refresh_sees_change);
    tcase_add_test(tc, test_update_domain);
    suite_add_tcase(s, tc);

    tc = tcase_create("state file");
    tcase_add_checked_fixture(tc, open_host, close_host);
    tcase_add_test(tc, test_state_file_roundtrip);
    tcase_add_test(tc, test_state_file_new_index);
    tcase_add_test(tc, test_state_file_bad);
    suite_add_tcase(s, tc);

    tc = tcase_create("argument errors");
    tcase_add_checked_fixture(tc, open_host, close_host);
    tcase_add_test(tc, test_null_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("difference");
    tcase_add_test(tc, test_diff_events);
    tcase_add_test(tc, test_diff_once);
    tcase_add_test(tc, test_diff_merge);
    suite_add_tcase(s, tc);

    tc = tcase_create("encoding");
    tcase_add_test(tc, test_memory_units);
    tcase_add_test(tc, test_admin_plan);
    tcase_add_test(tc, test_cpumap);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(snapshot_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
