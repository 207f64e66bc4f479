/*
 * snapshot.c: one read of the host (node, domains, virtual CPUs) through
 * the public libvirt API into a plain model sorted by domain index; row
 * lookups for GET and GETNEXT; the life-cycle changes between two reads.
 *
 * No SNMP types here, so tests/unit/check_snapshot.c drives it directly.
 */

#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "model/index_map.h"
#include "model/snapshot.h"
#include "model/snap_devices.h"
#include "util/uuid.h"

/* The names virConnectListDefinedDomains fills: libvir's prototype takes
 * const char **, libvirt's char **const. */
#ifdef WITH_SYSTEM_LIBVIRT
typedef char *snap_name;
#else
typedef const char *snap_name;
#endif

static int snapshot_gone(void);
static int snapshot_read_node(virConnectPtr conn, struct snap_node *node);
static int snapshot_read_active(virConnectPtr conn, struct snapshot *snap,
                                size_t max);
static int snapshot_read_defined(virConnectPtr conn, struct snapshot *snap,
                                 size_t max);
static int snapshot_add_listed(struct snapshot *snap, virDomainPtr dom,
                               int active);
static int snapshot_add_domain(struct snapshot *snap, virDomainPtr dom,
                               int active);
static enum snap_persistence snapshot_persistence(virDomainPtr dom);
static unsigned int snapshot_max_vcpus(virDomainPtr dom);
static int snapshot_autostart(virDomainPtr dom);
static int snapshot_read_vcpus(virDomainPtr dom, const struct snap_node *node,
                               struct snap_domain *sd);
static int snapshot_index_domains(struct snapshot *snap, struct index_map *map);
static void snap_domain_clear(struct snap_domain *sd);
static struct snap_domain *snapshot_row(struct snapshot *snap,
                                        const struct index_map *map,
                                        const unsigned char *uuid);
static int snap_domain_cmp(const void *a, const void *b);
static void snapshot_diff_one(const struct snap_domain *o,
                              const struct snap_domain *n, snap_event_cb cb,
                              void *opaque, int *count);
static void snapshot_emit(enum snap_event_type type,
                          const struct snap_domain *dom, int old_state,
                          int new_state, snap_event_cb cb, void *opaque,
                          int *count);

/* Reading */

struct snapshot *
snapshot_empty(void)
{
    return calloc(1, sizeof(struct snapshot));
}

/**
 * snapshot_take:
 * @conn: an open connection
 * @map: the UUID-to-index map; new domains get new indexes in it
 *
 * Returns a new snapshot (free with snapshot_free()), or NULL when the
 * host could not be read; the library's error is then the last error.
 */
struct snapshot *
snapshot_take(virConnectPtr conn, struct index_map *map)
{
    return snapshot_take_after(conn, map, NULL);
}

/**
 * snapshot_take_after:
 * @conn: an open connection
 * @map: the UUID-to-index map
 * @prev: the snapshot before, taken with @map, or NULL
 *
 * As snapshot_take(), but a domain unchanged since @prev keeps @prev's
 * devices instead of reading its XML again (snap_devices.c).
 */
struct snapshot *
snapshot_take_after(virConnectPtr conn, struct index_map *map,
                    const struct snapshot *prev)
{
    struct snapshot *snap;
    int nactive, ndefined;

    if (!conn || !map)
        return NULL;
    snap = snapshot_empty();
    if (!snap)
        return NULL;
    if (snapshot_read_node(conn, &snap->ss_node) < 0)
        goto error;
    nactive = virConnectNumOfDomains(conn);
    ndefined = virConnectNumOfDefinedDomains(conn);
    if (nactive < 0 || ndefined < 0)
        goto error;
    /* Room for domains that appear between counting and listing. */
    snap->ss_domains = calloc((size_t)nactive + (size_t)ndefined + 16,
                              sizeof(*snap->ss_domains));
    if (!snap->ss_domains)
        goto error;
    if (snapshot_read_active(conn, snap, (size_t)nactive + 8) < 0 ||
        snapshot_read_defined(conn, snap, (size_t)ndefined + 8) < 0)
        goto error;
    if (snapshot_index_domains(snap, map) < 0)
        goto error;
    snapshot_read_devices(snap, conn, prev);
    return snap;

error:
    snapshot_free(snap);
    return NULL;
}

static int
snapshot_read_node(virConnectPtr conn, struct snap_node *node)
{
    virNodeInfo info;
    const char *type;
    unsigned long long maxcpus;

    if (virNodeGetInfo(conn, &info) < 0)
        return -1;
    type = virConnectGetType(conn);
    if (!type)
        return -1;
    snprintf(node->sn_hvtype, sizeof(node->sn_hvtype), "%s", type);
    if (virConnectGetVersion(conn, &node->sn_hvversion) < 0)
        node->sn_hvversion = 0;
    if (virGetVersion(&node->sn_libversion, NULL, NULL) < 0)
        node->sn_libversion = 0;
    memcpy(node->sn_model, info.model, sizeof(info.model));
    node->sn_model[sizeof(info.model)] = '\0';
    node->sn_memory = info.memory;
    node->sn_cpus = info.cpus;
    node->sn_mhz = info.mhz;
    node->sn_nodes = info.nodes;
    node->sn_sockets = info.sockets;
    node->sn_cores = info.cores;
    node->sn_threads = info.threads;
    maxcpus = (unsigned long long)info.nodes * info.sockets * info.cores *
              info.threads;
    if (maxcpus == 0 || maxcpus > 65536)
        maxcpus = info.cpus ? info.cpus : 1;
    node->sn_maxcpus = (unsigned int)maxcpus;
    node->sn_maplen = (int)VIR_CPU_MAPLEN(node->sn_maxcpus);
    return 0;
}

/*
 * Whether the call that just failed found its domain gone (undefined or
 * stopped since it was listed): such a domain is left out.  Any other
 * failure is the host's, and fails the whole read.
 */
static int
snapshot_gone(void)
{
    virErrorPtr err = virGetLastError();

    return err && err->code == VIR_ERR_NO_DOMAIN;
}

static int
snapshot_read_active(virConnectPtr conn, struct snapshot *snap, size_t max)
{
    virDomainPtr dom;
    int *ids;
    int n, i, ret = -1;

    ids = calloc(max, sizeof(*ids));
    if (!ids)
        return -1;
    n = virConnectListDomains(conn, ids, (int)max);
    if (n < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        dom = virDomainLookupByID(conn, ids[i]);
        if (snapshot_add_listed(snap, dom, 1) < 0)
            goto cleanup;
    }
    ret = 0;

cleanup:
    free(ids);
    return ret;
}

static int
snapshot_read_defined(virConnectPtr conn, struct snapshot *snap, size_t max)
{
    virDomainPtr dom;
    snap_name *names;
    int n, i, ret = -1;

    names = calloc(max, sizeof(*names));
    if (!names)
        return -1;
    n = virConnectListDefinedDomains(conn, names, (int)max);
    if (n < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        dom = virDomainLookupByName(conn, names[i]);
        if (snapshot_add_listed(snap, dom, 0) < 0)
            goto cleanup;
    }
    ret = 0;

cleanup:
    for (i = 0; i < (int)max; i++)
        free((void *)(uintptr_t)names[i]);
    free(names);
    return ret;
}

/* Adds @dom, which a listing named, and frees it; a domain that went
 * away since the listing (@dom NULL, snapshot_gone()) is left out.
 * Returns 0, or -1 on an error. */
static int
snapshot_add_listed(struct snapshot *snap, virDomainPtr dom, int active)
{
    int ret;

    if (!dom)
        return snapshot_gone() ? 0 : -1;
    ret = snapshot_add_domain(snap, dom, active);
    virDomainFree(dom);
    return ret;
}

static int
snapshot_add_domain(struct snapshot *snap, virDomainPtr dom, int active)
{
    struct snap_domain *sd = &snap->ss_domains[snap->ss_ndomains];
    virDomainInfo info;
    const char *name;

    if (virDomainGetInfo(dom, &info) < 0 ||
        virDomainGetUUID(dom, sd->sd_uuid) < 0)
        return snapshot_gone() ? 0 : -1;
    name = virDomainGetName(dom);
    sd->sd_name = strdup(name ? name : "");
    sd->sd_ostype = virDomainGetOSType(dom);
    if (!sd->sd_ostype)
        sd->sd_ostype = strdup("");
    if (!sd->sd_name || !sd->sd_ostype)
        goto error;
    virUUIDFormat(sd->sd_uuid, sd->sd_uuidstr);
    sd->sd_id = active ? (int)virDomainGetID(dom) : -1;
    sd->sd_state = info.state;
    sd->sd_cputime = info.cpuTime;
    sd->sd_maxmem = info.maxMem;
    sd->sd_memory = info.memory;
    sd->sd_nrvcpu = info.nrVirtCpu;
    sd->sd_persistent = snapshot_persistence(dom);
    sd->sd_autostart = snapshot_autostart(dom);
    sd->sd_maxvcpus = active ? snapshot_max_vcpus(dom) : 0;
    if (active && snapshot_read_vcpus(dom, &snap->ss_node, sd) < 0)
        goto error;
    snap->ss_ndomains++;
    if (active)
        snap->ss_nactive++;
    else
        snap->ss_ndefined++;
    return 0;

error:
    snap_domain_clear(sd);
    return -1;
}

/*
 * Whether the domain starts with the host (virDomainGetAutostart):
 * libvirt tells, libvir's API has no such call (-1).
 */
static int
snapshot_autostart(virDomainPtr dom)
{
#ifdef WITH_SYSTEM_LIBVIRT
    int on;

    if (virDomainGetAutostart(dom, &on) < 0) {
        virResetLastError();
        return -1;
    }
    return on != 0;
#else
    (void)dom;
    return -1;
#endif
}

/*
 * What the library says of the domain's persistence (the
 * virDomainIsPersistent extension), or SNAP_UNKNOWN when its driver cannot
 * tell; then snapshot_index_domains() works it out.  A driver without the
 * call is not asked again.
 */
static enum snap_persistence
snapshot_persistence(virDomainPtr dom)
{
    static int unsupported;
    virErrorPtr err;
    int ret;

    if (unsupported)
        return SNAP_UNKNOWN;
    ret = virDomainIsPersistent(dom);
    if (ret >= 0)
        return ret ? SNAP_PERSISTENT : SNAP_TRANSIENT;
    err = virGetLastError();
    if (err && err->code == VIR_ERR_NO_SUPPORT)
        unsupported = 1;
    return SNAP_UNKNOWN;
}

/*
 * The most vcpus the library lets the active domain have, or 0 when it
 * cannot tell (then a SET of more is left to the library).  A driver
 * without the call is not asked again.
 */
static unsigned int
snapshot_max_vcpus(virDomainPtr dom)
{
    static int unsupported;
    virErrorPtr err;
    int n;

    if (unsupported)
        return 0;
    n = virDomainGetMaxVcpus(dom);
    if (n > 0)
        return (unsigned int)n;
    err = virGetLastError();
    if (err && err->code == VIR_ERR_NO_SUPPORT)
        unsupported = 1;
    return 0;
}

static int
snapshot_read_vcpus(virDomainPtr dom, const struct snap_node *node,
                    struct snap_domain *sd)
{
    virVcpuInfo *info = NULL;
    size_t maplen = (size_t)node->sn_maplen, i;
    int n;

    if (sd->sd_nrvcpu == 0)
        return 0;
    if (maplen && sd->sd_nrvcpu > SIZE_MAX / maplen)
        return -1;
    info = calloc(sd->sd_nrvcpu, sizeof(*info));
    sd->sd_vcpus = calloc(sd->sd_nrvcpu, sizeof(*sd->sd_vcpus));
    sd->sd_cpumaps = calloc(sd->sd_nrvcpu, maplen);
    if (!info || !sd->sd_vcpus || !sd->sd_cpumaps) {
        free(info);
        return -1;
    }
    n = virDomainGetVcpus(dom, info, (int)sd->sd_nrvcpu, sd->sd_cpumaps,
                          (int)maplen);
    /* A driver without vcpu information leaves the table empty. */
    for (i = 0; n > 0 && i < (size_t)n; i++) {
        sd->sd_vcpus[i].sv_number = info[i].number;
        sd->sd_vcpus[i].sv_state = info[i].state;
        sd->sd_vcpus[i].sv_cputime = info[i].cpuTime;
        sd->sd_vcpus[i].sv_cpu = info[i].cpu;
        sd->sd_vcpus[i].sv_cpumap = sd->sd_cpumaps + i * maplen;
    }
    sd->sd_nvcpus = n > 0 ? (size_t)n : 0;
    free(info);
    return 0;
}

static int
snapshot_index_domains(struct snapshot *snap, struct index_map *map)
{
    size_t i, j;

    for (i = 0; i < snap->ss_ndomains; i++) {
        struct snap_domain *sd = &snap->ss_domains[i];
        enum snap_persistence known = sd->sd_persistent, p;

        /* Known from the library, or because inactive means defined.
         * Else: an active domain first seen after the agent's first read
         * was created, so transient; else what the map remembers. */
        if (known == SNAP_UNKNOWN && sd->sd_id < 0)
            known = SNAP_PERSISTENT;
        p = known;
        if (p == SNAP_UNKNOWN && index_map_primed(map))
            p = SNAP_TRANSIENT;
        sd->sd_index = index_map_assign(map, sd->sd_uuid, &p);
        if (sd->sd_index == 0)
            return -1;
        if (known != SNAP_UNKNOWN) {
            index_map_set_persistence(map, sd->sd_uuid, known);
            p = known;
        }
        sd->sd_persistent = p;
    }
    qsort(snap->ss_domains, snap->ss_ndomains, sizeof(*snap->ss_domains),
          snap_domain_cmp);
    /* A domain listed twice (started between the two lists) is kept once,
     * as active. */
    for (i = 0, j = 0; i < snap->ss_ndomains; i++) {
        if (j > 0 &&
            snap->ss_domains[j - 1].sd_index == snap->ss_domains[i].sd_index) {
            snap_domain_clear(&snap->ss_domains[i]);
            snap->ss_ndefined--;
            continue;
        }
        snap->ss_domains[j++] = snap->ss_domains[i];
    }
    snap->ss_ndomains = j;
    index_map_set_primed(map);
    return 0;
}

static int
snap_domain_cmp(const void *a, const void *b)
{
    const struct snap_domain *x = a, *y = b;

    if (x->sd_index != y->sd_index)
        return x->sd_index < y->sd_index ? -1 : 1;
    /* active (id >= 0) first among duplicates */
    return (x->sd_id < 0) - (y->sd_id < 0);
}

static void
snap_domain_clear(struct snap_domain *sd)
{
    free(sd->sd_name);
    free(sd->sd_ostype);
    free(sd->sd_vcpus);
    free(sd->sd_cpumaps);
    devices_unref(sd->sd_devices);
    memset(sd, 0, sizeof(*sd));
}

void
snapshot_free(struct snapshot *snap)
{
    size_t i;

    if (!snap)
        return;
    for (i = 0; i < snap->ss_ndomains; i++)
        snap_domain_clear(&snap->ss_domains[i]);
    free(snap->ss_domains);
    free(snap);
}

void
snapshot_domain_clear(struct snap_domain *sd)
{
    if (sd)
        snap_domain_clear(sd);
}

/* The row of @uuid in @snap, found through its index, or NULL. */
static struct snap_domain *
snapshot_row(struct snapshot *snap, const struct index_map *map,
             const unsigned char *uuid)
{
    const struct snap_domain *found;
    unsigned int idx = index_map_lookup(map, uuid);

    if (idx == 0)
        return NULL;
    found = snapshot_domain_lookup(snap, &idx, 1, SNAP_EXACT);
    return found ? &snap->ss_domains[found - snap->ss_domains] : NULL;
}

/**
 * snapshot_update_domain:
 * @snap: the current snapshot, changed in place
 * @conn: the connection it was read from
 * @map: the index map it was read with
 * @uuid: the domain to read again
 * @old: receives the row as it was (free with snapshot_domain_clear())
 *
 * Reads one domain again, after a change this agent made to it, so that
 * a SET costs the same at any number of domains.  Only a change that
 * leaves the domain where it was (active stays active, inactive stays
 * inactive) is made in place.
 *
 * Returns 0 when the row was replaced (@old then holds the old row), 1
 * when only a full snapshot can tell what happened (the domain started,
 * stopped or went away), -1 on bad arguments or out of memory.
 */
int
snapshot_update_domain(struct snapshot *snap, virConnectPtr conn,
                       const struct index_map *map, const unsigned char *uuid,
                       struct snap_domain *old)
{
    struct snapshot one;
    struct snap_domain fresh, *sd;
    virDomainPtr dom;
    int active, ret = 1;

    if (!snap || !conn || !map || !uuid || !old)
        return -1;
    memset(old, 0, sizeof(*old));
    sd = snapshot_row(snap, map, uuid);
    if (!sd || !(dom = virDomainLookupByUUID(conn, uuid)))
        return 1;
    active = virDomainGetID(dom) != (unsigned int)-1;
    memset(&one, 0, sizeof(one));
    memset(&fresh, 0, sizeof(fresh));
    one.ss_node = snap->ss_node;
    one.ss_domains = &fresh;
    if (active != snapshot_domain_active(sd)) {
        ret = 1;
    } else if (snapshot_add_domain(&one, dom, active) < 0) {
        ret = -1;
    } else if (one.ss_ndomains == 1) {
        fresh.sd_index = sd->sd_index;
        fresh.sd_persistent = sd->sd_persistent;
        fresh.sd_started = sd->sd_started;
        *old = *sd;
        *sd = fresh;
        snapshot_renew_devices(sd, dom, old);
        ret = 0;
    }
    virDomainFree(dom);
    return ret;
}

int
snapshot_domain_active(const struct snap_domain *dom)
{
    return dom && dom->sd_id >= 0;
}

/* Lookups */

/**
 * snapshot_domain_lookup:
 * @snap: a snapshot
 * @idx: the index values of the request (the domain index)
 * @nidx: how many of them there are (0 for none)
 * @how: SNAP_EXACT for the row @idx names, SNAP_NEXT for the first row
 *       whose index is greater than what @idx names
 *
 * Returns the row (borrowed from @snap), or NULL if there is none.
 */
const struct snap_domain *
snapshot_domain_lookup(const struct snapshot *snap, const unsigned int *idx,
                       size_t nidx, enum snap_lookup how)
{
    size_t lo = 0, hi;

    if (!snap || (nidx && !idx))
        return NULL;
    if (how == SNAP_EXACT && nidx != 1)
        return NULL;
    if (nidx == 0)
        return snap->ss_ndomains ? &snap->ss_domains[0] : NULL;
    hi = snap->ss_ndomains;
    /* first row with index >= idx[0] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (snap->ss_domains[mid].sd_index < idx[0])
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < snap->ss_ndomains && snap->ss_domains[lo].sd_index == idx[0]) {
        if (how == SNAP_EXACT)
            return &snap->ss_domains[lo];
        lo++;
    }
    if (how == SNAP_EXACT || lo >= snap->ss_ndomains)
        return NULL;
    return &snap->ss_domains[lo];
}

/**
 * snapshot_vcpu_lookup:
 * @snap: a snapshot
 * @idx: the index values of the request: domain index, vcpu number
 * @nidx: how many of them there are (0, 1 or 2; more count as 2)
 * @how: SNAP_EXACT for the row (@idx[0], @idx[1]); SNAP_NEXT for the first
 *       row after what @idx names, in (domain index, vcpu number) order
 * @dom: where to put the row's domain (borrowed)
 *
 * With one index value, SNAP_NEXT gives the first vcpu of the first
 * domain whose index is at least @idx[0] (a longer OID sorts after its
 * prefix).  Returns the row (borrowed from @snap), or NULL.
 */
const struct snap_vcpu *
snapshot_vcpu_lookup(const struct snapshot *snap, const unsigned int *idx,
                     size_t nidx, enum snap_lookup how,
                     const struct snap_domain **dom)
{
    const struct snap_domain *sd;
    size_t i;

    if (!snap || !dom || (nidx && !idx))
        return NULL;
    *dom = NULL;
    if (how == SNAP_EXACT) {
        if (nidx != 2)
            return NULL;
        sd = snapshot_domain_lookup(snap, idx, 1, SNAP_EXACT);
        for (i = 0; sd && i < sd->sd_nvcpus; i++) {
            if (sd->sd_vcpus[i].sv_number == idx[1]) {
                *dom = sd;
                return &sd->sd_vcpus[i];
            }
        }
        return NULL;
    }
    sd = snapshot_domain_lookup(snap, idx, nidx ? 1 : 0, SNAP_EXACT);
    if (sd && nidx >= 2) {
        for (i = 0; i < sd->sd_nvcpus; i++) {
            if (sd->sd_vcpus[i].sv_number > idx[1]) {
                *dom = sd;
                return &sd->sd_vcpus[i];
            }
        }
    } else if (sd && sd->sd_nvcpus) {
        *dom = sd;
        return &sd->sd_vcpus[0];
    }
    sd = snapshot_domain_lookup(snap, idx, nidx ? 1 : 0, SNAP_NEXT);
    while (sd && sd->sd_nvcpus == 0)
        sd = snapshot_domain_lookup(snap, &sd->sd_index, 1, SNAP_NEXT);
    if (!sd)
        return NULL;
    *dom = sd;
    return &sd->sd_vcpus[0];
}

/* Differences */

/**
 * snapshot_diff:
 * @old_snap: the earlier snapshot
 * @new_snap: the later one, taken with the same index map
 * @cb: called once per life-cycle change, in index order
 * @opaque: passed to @cb
 *
 * Returns the number of changes found, or -1 on bad arguments.
 */
int
snapshot_diff(const struct snapshot *old_snap, const struct snapshot *new_snap,
              snap_event_cb cb, void *opaque)
{
    size_t i = 0, j = 0;
    int count = 0;

    if (!old_snap || !new_snap || !cb)
        return -1;
    while (i < old_snap->ss_ndomains || j < new_snap->ss_ndomains) {
        const struct snap_domain *o = NULL, *n = NULL;

        if (i < old_snap->ss_ndomains)
            o = &old_snap->ss_domains[i];
        if (j < new_snap->ss_ndomains)
            n = &new_snap->ss_domains[j];
        if (o && n && o->sd_index == n->sd_index) {
            i++;
            j++;
        } else if (o && (!n || o->sd_index < n->sd_index)) {
            n = NULL;
            i++;
        } else {
            o = NULL;
            j++;
        }
        snapshot_diff_one(o, n, cb, opaque, &count);
    }
    return count;
}

/**
 * snapshot_diff_domain:
 * @old_dom: a row before, or NULL
 * @new_dom: the same domain's row after, or NULL
 *
 * Calls @cb for each life-cycle change from @old_dom to @new_dom, as
 * snapshot_diff() does for each row.  Returns the number of calls, or -1
 * when there is no @cb.
 */
int
snapshot_diff_domain(const struct snap_domain *old_dom,
                     const struct snap_domain *new_dom, snap_event_cb cb,
                     void *opaque)
{
    int count = 0;

    if (!cb)
        return -1;
    snapshot_diff_one(old_dom, new_dom, cb, opaque, &count);
    return count;
}

static void
snapshot_diff_one(const struct snap_domain *o, const struct snap_domain *n,
                  snap_event_cb cb, void *opaque, int *count)
{
    int os = o ? o->sd_state : SNAP_STATE_ABSENT;
    int ns = n ? n->sd_state : SNAP_STATE_ABSENT;
    int oa = snapshot_domain_active(o), na = snapshot_domain_active(n);
    /* Already told stopped: shutting down, or shut off but still
     * listed (a Xen guest that powered itself off, not yet destroyed). */
    int odown = os == VIR_DOMAIN_SHUTDOWN || (oa && os == VIR_DOMAIN_SHUTOFF);

    if (!o) {
        snapshot_emit(na ? SNAP_EV_STARTED : SNAP_EV_DEFINED, n, os, ns, cb,
                      opaque, count);
        return;
    }
    if (!n) {
        if (oa && !odown)
            snapshot_emit(SNAP_EV_STOPPED, o, os, VIR_DOMAIN_SHUTOFF, cb,
                          opaque, count);
        snapshot_emit(SNAP_EV_UNDEFINED, o, oa ? VIR_DOMAIN_SHUTOFF : os, ns,
                      cb, opaque, count);
        return;
    }
    if (!oa && na) {
        snapshot_emit(SNAP_EV_STARTED, n, os, ns, cb, opaque, count);
    } else if (oa && !na) {
        if (!odown)
            snapshot_emit(SNAP_EV_STOPPED, n, os, ns, cb, opaque, count);
    } else if (oa && na && os != ns) {
        if (ns == VIR_DOMAIN_CRASHED)
            snapshot_emit(SNAP_EV_CRASHED, n, os, ns, cb, opaque, count);
        else if (odown)
            ; /* shutting down to shut off: told once already */
        else if (ns == VIR_DOMAIN_SHUTDOWN || ns == VIR_DOMAIN_SHUTOFF)
            snapshot_emit(SNAP_EV_STOPPED, n, os, ns, cb, opaque, count);
        else if (ns == VIR_DOMAIN_PAUSED)
            snapshot_emit(SNAP_EV_PAUSED, n, os, ns, cb, opaque, count);
        else if (os == VIR_DOMAIN_PAUSED)
            snapshot_emit(SNAP_EV_RESUMED, n, os, ns, cb, opaque, count);
    }
}

static void
snapshot_emit(enum snap_event_type type, const struct snap_domain *dom,
              int old_state, int new_state, snap_event_cb cb, void *opaque,
              int *count)
{
    struct snap_event ev;

    ev.se_type = type;
    ev.se_domain = dom;
    ev.se_old_state = old_state;
    ev.se_new_state = new_state;
    cb(&ev, opaque);
    (*count)++;
}

/**
 * snapshot_hide_unsaved:
 * @snap: a snapshot taken with @map, changed in place
 * @map: the index map, after an attempt to save it
 *
 * Drops the domains whose index is not in the state file yet: an index
 * shown but never saved would go to another domain after a restart.
 * They come back at the first refresh after a save succeeds.
 *
 * Returns the number of domains dropped.
 */
size_t
snapshot_hide_unsaved(struct snapshot *snap, const struct index_map *map)
{
    size_t i, j;

    if (!snap || !map || index_map_unsaved(map) == 0)
        return 0;
    for (i = 0, j = 0; i < snap->ss_ndomains; i++) {
        struct snap_domain *sd = &snap->ss_domains[i];

        if (index_map_saved(map, sd->sd_uuid)) {
            snap->ss_domains[j++] = *sd;
            continue;
        }
        if (snapshot_domain_active(sd))
            snap->ss_nactive--;
        else
            snap->ss_ndefined--;
        snap_domain_clear(sd);
    }
    i = snap->ss_ndomains - j;
    snap->ss_ndomains = j;
    return i;
}
