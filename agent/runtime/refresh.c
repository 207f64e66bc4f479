/*
 * refresh.c: reading the host again into the snapshot, all of it (at
 * each poll, and when a domain started, stopped or went away) or only
 * the domains marked dirty (after a SET or a pause), and telling the
 * changes it finds to its sink (the notifications).  When reads run is
 * schedule.c's job.
 */

#include <config.h>

#include <string.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <libvirt/libvirt.h>

#include "runtime/agent.h"
#include "runtime/connection.h"
#include "runtime/refresh.h"
#include "runtime/state_file.h"
#include "model/snapshot.h"
#include "model/vm_values.h"

#define MAX_DIRTY 16

/* Domains to read again before the next request. */
static unsigned char dirty[MAX_DIRTY][SNAP_UUID_LEN];
static size_t ndirty;
static const struct refresh_sink *sink;

static struct snapshot *refresh_read(void);
static void refresh_dirty(void);
static int refresh_one(const unsigned char *uuid);

/* Where the changes reads find go from now on (NULL: nowhere). */
void
refresh_init(const struct refresh_sink *to)
{
    sink = to;
}

/**
 * agent_refresh:
 *
 * Reads the host again, sends what changed, keeps the new snapshot.  When
 * the host cannot be read, keeps the old one marked stale and reconnects
 * at the next poll.
 */
void
agent_refresh(void)
{
    struct snapshot *snap;
    struct timespec t0, t1;

    agent.as_refresh = 0;
    ndirty = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    snap = refresh_read();
    if (!snap)
        return;
    vm_values_carry(snap, agent.as_snap, vm_values_host_uptime());
    /* The first read sends nothing: every domain would look new. */
    if (agent.as_primed && sink)
        sink->rs_host(agent.as_snap, snap);
    agent.as_primed = 1;
    snapshot_free(agent.as_snap);
    agent.as_snap = snap;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    DEBUGMSGTL(("virtmibd/refresh", "snapshot: %u active, %u defined, %ld ms\n",
                snap->ss_nactive, snap->ss_ndefined,
                (long)((t1.tv_sec - t0.tv_sec) * 1000 +
                       (t1.tv_nsec - t0.tv_nsec) / 1000000)));
}

/* A new snapshot of the host, its indexes saved; NULL, with the agent
 * stale, when the host cannot be read. */
static struct snapshot *
refresh_read(void)
{
    struct snapshot *snap;

    if (!agent.as_conn && connection_establish() < 0) {
        agent.as_stale = 1;
        return NULL;
    }
    snap = snapshot_take_after(agent.as_conn, agent.as_map, agent.as_snap);
    if (!snap) {
        if (!agent.as_stale)
            snmp_log(LOG_ERR,
                     "%scannot read the hypervisor; answers are "
                     "stale until it comes back\n",
                     agent.as_log_prefix);
        agent.as_stale = 1;
        agent_close(agent.as_conn);
        agent.as_conn = NULL;
        return NULL;
    }
    /* saved first: a domain whose index is not saved is not shown */
    agent_save_state();
    snapshot_hide_unsaved(snap, agent.as_map);
    if (agent.as_stale)
        snmp_log(LOG_NOTICE, "%shypervisor readable again\n",
                 agent.as_log_prefix);
    agent.as_stale = 0;
    return snap;
}

/* Reads again only the dirty domains: a SET then costs the same at any
 * number of domains.  A domain that started, stopped or went away needs
 * the full refresh. */
static void
refresh_dirty(void)
{
    size_t i;

    for (i = 0; i < ndirty && !agent.as_refresh; i++) {
        if (refresh_one(dirty[i]) < 0) {
            agent.as_refresh = 1;
            break;
        }
    }
    ndirty = 0;
    if (agent.as_refresh)
        agent_refresh();
}

/* Reads the domain @uuid again in place and sends what changed in it;
 * -1 when that takes a full refresh. */
static int
refresh_one(const unsigned char *uuid)
{
    const struct snap_domain *row;
    struct snap_domain old;

    if (!agent.as_conn || agent.as_stale ||
        snapshot_update_domain(agent.as_snap, agent.as_conn, agent.as_map, uuid,
                               &old) != 0)
        return -1;
    row = snapshot_domain_lookup(agent.as_snap, &old.sd_index, 1, SNAP_EXACT);
    if (row && sink)
        sink->rs_domain(&old, row);
    snapshot_domain_clear(&old);
    return 0;
}

/* Marks the domain @uuid to be read again (when too many are, the whole
 * host is).  Returns 1, or 0 when it was marked already. */
int
refresh_mark_domain(const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < ndirty; i++) {
        if (memcmp(dirty[i], uuid, SNAP_UUID_LEN) == 0)
            return 0;
    }
    if (ndirty == MAX_DIRTY)
        agent.as_refresh = 1;
    else
        memcpy(dirty[ndirty++], uuid, SNAP_UUID_LEN);
    return 1;
}

/* Whether a read is waiting: the whole host, or dirty domains. */
int
refresh_wanted(void)
{
    return agent.as_refresh || ndirty;
}

/* Does the read that is waiting, if any, then tells the sink it is
 * done. */
void
refresh_run(void)
{
    if (agent.as_refresh)
        agent_refresh();
    else if (ndirty)
        refresh_dirty();
    else
        return;
    if (sink && sink->rs_done)
        sink->rs_done();
}
