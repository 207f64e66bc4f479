/*
 * snap_devices.c: each snapshot row's devices, read from the domain's
 * XML once per change of the domain instead of at every poll, and the
 * row lookups of VM-MIB's storage and network tables.
 *
 * A new snapshot takes the previous one's devices of a domain (one more
 * reference, no call) unless the domain changed.  A change is:
 * - the domain is new to the agent (no row in the previous snapshot, or
 *   a row whose devices could not be read);
 * - its id changed: it started, stopped or was restarted (an inactive
 *   domain has id -1, so this covers every change to or from active);
 * - its devices were expired (snapshot_expire_devices()): by a domain
 *   event of the library (defined, started, stopped, paused...), which
 *   is how a new definition shows;
 * - a SET through the agent read the domain again
 *   (snapshot_update_domain() calls snapshot_renew_devices());
 * - its devices are older than the maximum age (SNAP_DEVICES_MAX_AGE):
 *   a disk hot-plugged with no event still shows, that late (later when
 *   more domains are due than the budget below).
 *   At most SNAP_DEVICES_BUDGET such re-reads per snapshot, in index
 *   order, so that a large host spreads them over several snapshots.
 */

#include <config.h>

#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "model/index_map.h"
#include "model/snap_devices.h"

static int max_age = SNAP_DEVICES_MAX_AGE;
static int unsupported; /* the driver has no virDomainGetXMLDesc */

static void snap_devices_one(struct snap_domain *n, const struct snap_domain *o,
                             virConnectPtr conn, long now, int *budget);
static int snap_devices_reusable(const struct snap_domain *n,
                                 const struct snap_domain *o, long now,
                                 int *budget);
static struct snap_devices *snap_devices_fetch(virDomainPtr dom,
                                               const struct snap_domain *sd);
static long snap_devices_now(void);
static const struct snap_domain *
snap_devices_row(const struct snapshot *snap, const unsigned int *idx,
                 size_t nidx, enum snap_lookup how,
                 size_t (*count)(const struct snap_domain *),
                 unsigned int *pos);
static size_t snap_devices_ndisks(const struct snap_domain *sd);
static size_t snap_devices_nifaces(const struct snap_domain *sd);

/* Reading */

/**
 * snapshot_read_devices:
 * @snap: a snapshot just read, sorted by index
 * @conn: the connection it was read from
 * @prev: the snapshot before it (same index map), or NULL
 *
 * Gives every row of @snap its devices: @prev's for an unchanged domain,
 * else read now.  A domain whose XML cannot be read keeps @prev's
 * devices, expired so that the next snapshot tries again, or has none.
 */
void
snapshot_read_devices(struct snapshot *snap, virConnectPtr conn,
                      const struct snapshot *prev)
{
    size_t i, j = 0;
    long now = snap_devices_now();
    int budget = SNAP_DEVICES_BUDGET;

    if (!snap || !conn)
        return;
    for (i = 0; i < snap->ss_ndomains; i++) {
        struct snap_domain *n = &snap->ss_domains[i];
        const struct snap_domain *o = NULL;

        while (prev && j < prev->ss_ndomains &&
               prev->ss_domains[j].sd_index < n->sd_index)
            j++;
        if (prev && j < prev->ss_ndomains &&
            prev->ss_domains[j].sd_index == n->sd_index)
            o = &prev->ss_domains[j];
        snap_devices_one(n, o, conn, now, &budget);
    }
}

static void
snap_devices_one(struct snap_domain *n, const struct snap_domain *o,
                 virConnectPtr conn, long now, int *budget)
{
    virDomainPtr dom;

    if (n->sd_devices)
        return;
    if (snap_devices_reusable(n, o, now, budget)) {
        n->sd_devices = devices_ref(o->sd_devices);
        return;
    }
    dom = unsupported ? NULL : virDomainLookupByUUID(conn, n->sd_uuid);
    if (dom) {
        n->sd_devices = snap_devices_fetch(dom, n);
        virDomainFree(dom);
    }
    if (!n->sd_devices && o && o->sd_devices) {
        n->sd_devices = devices_ref(o->sd_devices);
        n->sd_devices->dv_expired = 1;
    }
}

/* Whether @n, unchanged since @o, keeps @o's devices; an old read costs
 * one of the @budget re-reads. */
static int
snap_devices_reusable(const struct snap_domain *n, const struct snap_domain *o,
                      long now, int *budget)
{
    if (!o || !o->sd_devices || o->sd_devices->dv_expired)
        return 0;
    if (o->sd_id != n->sd_id ||
        snapshot_domain_active(o) != snapshot_domain_active(n))
        return 0;
    if (now - o->sd_devices->dv_read_at < max_age || *budget <= 0)
        return 1;
    (*budget)--;
    return 0;
}

/* @dom's devices, or NULL; a driver without the call is not asked
 * again. */
static struct snap_devices *
snap_devices_fetch(virDomainPtr dom, const struct snap_domain *sd)
{
    struct snap_devices *dv;
    virErrorPtr err;

    dv = devices_read(dom, sd->sd_ostype);
    if (dv)
        return dv;
    err = virGetLastError();
    if (err && err->code == VIR_ERR_NO_SUPPORT)
        unsupported = 1;
    return NULL;
}

/**
 * snapshot_renew_devices:
 * @sd: a row just read again in place (its devices not set yet)
 * @dom: its domain
 * @old: the row it replaces
 *
 * Reads @dom's devices again (a SET changed the domain); on failure the
 * row keeps @old's, expired.
 */
void
snapshot_renew_devices(struct snap_domain *sd, virDomainPtr dom,
                       const struct snap_domain *old)
{
    if (!sd || sd->sd_devices)
        return;
    if (dom && !unsupported)
        sd->sd_devices = snap_devices_fetch(dom, sd);
    if (!sd->sd_devices && old && old->sd_devices) {
        sd->sd_devices = devices_ref(old->sd_devices);
        sd->sd_devices->dv_expired = 1;
    }
}

/**
 * snapshot_expire_devices:
 * @snap: the current snapshot
 * @map: its index map
 * @uuid: a domain the library told an event of
 *
 * The next snapshot reads the domain's devices again.  Returns 1, or 0
 * when @snap has no devices of that domain.
 */
int
snapshot_expire_devices(struct snapshot *snap, const struct index_map *map,
                        const unsigned char *uuid)
{
    const struct snap_domain *sd;
    unsigned int idx;

    if (!snap || !map || !uuid)
        return 0;
    idx = index_map_lookup(map, uuid);
    sd = snapshot_domain_lookup(snap, &idx, 1, SNAP_EXACT);
    if (!sd || !sd->sd_devices)
        return 0;
    sd->sd_devices->dv_expired = 1;
    return 1;
}

/* The maximum age of devices, in seconds (0: read at every snapshot,
 * within the budget); for the unit tests. */
void
snapshot_devices_max_age(int seconds)
{
    max_age = seconds < 0 ? SNAP_DEVICES_MAX_AGE : seconds;
}

static long
snap_devices_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec;
}

/* Lookups */

static size_t
snap_devices_ndisks(const struct snap_domain *sd)
{
    return sd->sd_devices ? sd->sd_devices->dv_ndisks : 0;
}

static size_t
snap_devices_nifaces(const struct snap_domain *sd)
{
    return sd->sd_devices ? sd->sd_devices->dv_nifaces : 0;
}

/*
 * The domain of the row at (SNAP_EXACT) or after (SNAP_NEXT) @idx
 * (domain index, 1-based position) among rows @count gives each domain,
 * its 0-based position in @pos; NULL if none.  With one index value,
 * SNAP_NEXT gives the first row of the first domain from @idx[0] on.
 */
static const struct snap_domain *
snap_devices_row(const struct snapshot *snap, const unsigned int *idx,
                 size_t nidx, enum snap_lookup how,
                 size_t (*count)(const struct snap_domain *), unsigned int *pos)
{
    const struct snap_domain *sd;

    if (!snap || !pos || (nidx && !idx))
        return NULL;
    if (how == SNAP_EXACT) {
        if (nidx != 2 || idx[1] == 0)
            return NULL;
        sd = snapshot_domain_lookup(snap, idx, 1, SNAP_EXACT);
        if (!sd || idx[1] > count(sd))
            return NULL;
        *pos = idx[1] - 1;
        return sd;
    }
    sd = snapshot_domain_lookup(snap, idx, nidx ? 1 : 0, SNAP_EXACT);
    if (sd && nidx >= 2 && idx[1] < count(sd)) {
        *pos = idx[1];
        return sd;
    }
    if (sd && nidx < 2 && count(sd) > 0) {
        *pos = 0;
        return sd;
    }
    /* no index: from the first domain; else from the one after idx[0] */
    sd = snapshot_domain_lookup(snap, idx, nidx ? 1 : 0, SNAP_NEXT);
    while (sd && count(sd) == 0)
        sd = snapshot_domain_lookup(snap, &sd->sd_index, 1, SNAP_NEXT);
    *pos = 0;
    return sd;
}

/**
 * snapshot_disk_lookup:
 * @snap: a snapshot
 * @idx: the index values of the request: domain index, disk position
 * @nidx: how many of them there are (0, 1 or 2; more count as 2)
 * @how: SNAP_EXACT or SNAP_NEXT, as snapshot_vcpu_lookup()
 * @dom: where to put the row's domain (borrowed)
 * @pos: where to put the row's 1-based position
 *
 * Returns the disk (borrowed from @snap), or NULL.
 */
const struct snap_disk *
snapshot_disk_lookup(const struct snapshot *snap, const unsigned int *idx,
                     size_t nidx, enum snap_lookup how,
                     const struct snap_domain **dom, unsigned int *pos)
{
    const struct snap_domain *sd;
    unsigned int p;

    if (!dom || !pos)
        return NULL;
    sd = snap_devices_row(snap, idx, nidx, how, snap_devices_ndisks, &p);
    *dom = sd;
    if (!sd)
        return NULL;
    *pos = p + 1;
    return &sd->sd_devices->dv_disks[p];
}

/* The network interface at or after @idx, as snapshot_disk_lookup(). */
const struct snap_iface *
snapshot_iface_lookup(const struct snapshot *snap, const unsigned int *idx,
                      size_t nidx, enum snap_lookup how,
                      const struct snap_domain **dom, unsigned int *pos)
{
    const struct snap_domain *sd;
    unsigned int p;

    if (!dom || !pos)
        return NULL;
    sd = snap_devices_row(snap, idx, nidx, how, snap_devices_nifaces, &p);
    *dom = sd;
    if (!sd)
        return NULL;
    *pos = p + 1;
    return &sd->sd_devices->dv_ifaces[p];
}
