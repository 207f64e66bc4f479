/*
 * refresh.c: keeping the snapshot current, shared by virtmibd (main.c)
 * and the in-snmpd module (dlmod.c).
 *
 * The hypervisor connection, full refreshes at each poll and when asked,
 * the one-domain re-reads after a SET, the notifications that come of
 * them, the index state file, and the library's errors in net-snmp's log.
 * Everything runs in the one thread that owns the SNMP session.
 *
 * From a SET's RESERVE1 until its end (COMMIT, FREE or UNDO) nothing is
 * read again: the snapshot stays the one the SET was checked against,
 * and a state that exists only inside the SET (an ACTION later undone)
 * is never read, so never notified.  The re-reads it asked for happen
 * once it is over.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "runtime/agent.h"
#include "mib/mib_request.h"

#define MAX_DIRTY 16

/* A SET open longer than this was abandoned (its master went away). */
#define SET_OPEN_MAX 30

/* Domains SETs changed, to read again before the next request. */
static unsigned char dirty[MAX_DIRTY][SNAP_UUID_LEN];
static size_t ndirty;

/* The SET between RESERVE1 and its end, if any. */
static int set_open;
static long set_transid;
static struct timespec set_since;

static int refresh_held(void);
static int refresh_connect(void);
static void refresh_dirty(void);
static void refresh_schedule(void);

/* The library's errors go to net-snmp's log. */
void
agent_error_func(void *userdata, virErrorPtr err)
{
    /* while stale, every poll would repeat the same failure; inside a
     * SET, the SET's own refusal carries the message */
    if (err && err->message && !agent.as_stale && !set_open)
        snmp_log(LOG_INFO, "%slibvir: %s\n", agent.as_log_prefix, err->message);
}

/**
 * agent_open:
 *
 * Opens a new hypervisor connection in the agent's mode (read-only under
 * virtReadOnly) with the domain events attached; NULL if it cannot.
 */
virConnectPtr
agent_open(void)
{
    virConnectPtr conn;

    if (agent.as_readonly)
        conn = virConnectOpenReadOnly(agent.as_uri);
    else
        conn = virConnectOpen(agent.as_uri);
    if (conn)
        agent_events_attach(conn);
    return conn;
}

static int
refresh_connect(void)
{
    const char *uri = agent.as_uri;

    agent.as_conn = agent_open();
    if (!agent.as_conn) {
        /* said once; the retries at each poll stay quiet */
        if (!agent.as_stale)
            snmp_log(LOG_ERR,
                     "%scannot open hypervisor connection '%s'; "
                     "retrying at each poll\n",
                     agent.as_log_prefix, uri ? uri : "(default)");
        return -1;
    }
    return 0;
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
    if (!agent.as_conn && refresh_connect() < 0) {
        agent.as_stale = 1;
        return;
    }
    snap = snapshot_take(agent.as_conn, agent.as_map);
    if (!snap) {
        if (!agent.as_stale)
            snmp_log(LOG_ERR,
                     "%scannot read the hypervisor; answers are "
                     "stale until it comes back\n",
                     agent.as_log_prefix);
        agent.as_stale = 1;
        virConnectClose(agent.as_conn);
        agent.as_conn = NULL;
        return;
    }
    /* saved first: a domain whose index is not saved is not shown */
    agent_save_state();
    snapshot_hide_unsaved(snap, agent.as_map);
    if (agent.as_stale)
        snmp_log(LOG_NOTICE, "%shypervisor readable again\n",
                 agent.as_log_prefix);
    agent.as_stale = 0;
    /* The first read sends nothing: every domain would look new. */
    if (agent.as_primed) {
        notifications_send(agent.as_snap, snap);
        notifications_forget_destroys();
    }
    agent.as_primed = 1;
    snapshot_free(agent.as_snap);
    agent.as_snap = snap;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    DEBUGMSGTL(("virtmibd/refresh", "snapshot: %u active, %u defined, %ld ms\n",
                snap->ss_nactive, snap->ss_ndefined,
                (long)((t1.tv_sec - t0.tv_sec) * 1000 +
                       (t1.tv_nsec - t0.tv_nsec) / 1000000)));
}

/* Reads again only the domains SETs changed: a SET then costs the same
 * at any number of domains.  A domain that started, stopped or went
 * away needs the full refresh. */
static void
refresh_dirty(void)
{
    const struct snap_domain *row;
    struct snap_domain old;
    size_t i;

    for (i = 0; i < ndirty && !agent.as_refresh; i++) {
        if (!agent.as_conn || agent.as_stale ||
            snapshot_update_domain(agent.as_snap, agent.as_conn, agent.as_map,
                                   dirty[i], &old) != 0) {
            agent.as_refresh = 1;
            break;
        }
        /* the notifications of the one row, old and new */
        row = snapshot_domain_lookup(agent.as_snap, &old.sd_index, 1,
                                     SNAP_EXACT);
        if (row) {
            notifications_domain_changed(&old, row);
            notifications_forget_destroys();
        }
        snapshot_domain_clear(&old);
    }
    ndirty = 0;
    if (agent.as_refresh)
        agent_refresh();
}

/**
 * agent_save_state:
 *
 * Writes the index state file if it changed.  When it cannot, says so
 * once, naming the file and the reason; the domains whose index is not
 * saved stay out of the table (snapshot_hide_unsaved()) and every poll
 * tries again.
 */
void
agent_save_state(void)
{
    static int failing;

    if (index_map_save(agent.as_map) < 0) {
        if (!failing)
            snmp_log(LOG_ERR,
                     "%scannot write the index state file %s: %s; domains "
                     "first seen now stay out of the table until it can be "
                     "written (retrying at each poll)\n",
                     agent.as_log_prefix, index_map_path(agent.as_map),
                     index_map_save_error(agent.as_map));
        failing = 1;
    } else if (failing) {
        snmp_log(LOG_NOTICE, "%sindex state file %s written again\n",
                 agent.as_log_prefix, index_map_path(agent.as_map));
        failing = 0;
    }
}

/* Copies the library's last error message into @buf. */
void
agent_library_error(char *buf, size_t len)
{
    virErrorPtr err = virGetLastError();

    snprintf(buf, len, "%s",
             err && err->message ? err->message : "unknown error");
}

static void
refresh_schedule(void)
{
    if (agent.as_schedule)
        agent.as_schedule();
}

void
agent_request_refresh(void)
{
    agent.as_refresh = 1;
    refresh_schedule();
}

void
agent_request_refresh_domain(const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < ndirty; i++) {
        if (memcmp(dirty[i], uuid, SNAP_UUID_LEN) == 0)
            return;
    }
    if (ndirty == MAX_DIRTY)
        agent.as_refresh = 1;
    else
        memcpy(dirty[ndirty++], uuid, SNAP_UUID_LEN);
    refresh_schedule();
}

/**
 * agent_sync:
 *
 * Called by the handlers before they read the snapshot, and by the loop
 * after each pass: a refresh asked for by a SET is done before the next
 * request is answered, even when net-snmp reads that request in the same
 * pass of the loop.
 */
void
agent_sync(void)
{
    if (!agent.as_active || refresh_held())
        return;
    if (agent.as_refresh)
        agent_refresh();
    else if (ndirty)
        refresh_dirty();
}

/**
 * agent_request_begin:
 * @mode: the request's net-snmp mode
 * @transid: its transaction id (mib_transid())
 *
 * Called by every handler before it reads the snapshot.  GET and GETNEXT
 * bring it up to date; the RESERVE1 of a SET does too (its checks read
 * the snapshot), then holds every refresh until agent_request_end().
 * The second table of the same SET finds it open and changes nothing.
 */
void
agent_request_begin(int mode, long transid)
{
    struct timespec now;

    if (mode == MODE_GET || mode == MODE_GETNEXT) {
        agent_sync();
        return;
    }
    if (mode != MODE_SET_RESERVE1)
        return;
    if (set_open && set_transid == transid && refresh_held())
        return;
    set_open = 0;
    agent_sync();
    clock_gettime(CLOCK_MONOTONIC, &now);
    set_open = 1;
    set_transid = transid;
    set_since = now;
}

/**
 * agent_request_end:
 * @mode: the request's net-snmp mode
 *
 * Called by every handler after it handled its varbinds: the last phase
 * of a SET (COMMIT, FREE, or UNDO, after which AgentX sends nothing more)
 * ends it, and the re-reads it asked for are scheduled.
 */
void
agent_request_end(int mode)
{
    if (mode != MODE_SET_COMMIT && mode != MODE_SET_FREE &&
        mode != MODE_SET_UNDO)
        return;
    if (!set_open)
        return;
    set_open = 0;
    if (agent.as_refresh || ndirty)
        refresh_schedule();
}

/* Whether a SET holds the refreshes; one open too long is let go. */
static int
refresh_held(void)
{
    struct timespec now;

    if (!set_open)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec - set_since.tv_sec < SET_OPEN_MAX)
        return 1;
    snmp_log(LOG_WARNING,
             "%sa SET left unfinished for %d s is abandoned; "
             "reading the host again\n",
             agent.as_log_prefix, SET_OPEN_MAX);
    set_open = 0;
    return 0;
}

/* A whole decimal number from @min to @max; 0, or -1 if not. */
int
agent_parse_number(const char *str, long min, long max, int *out)
{
    char *end;
    long v;

    if (!str || !*str)
        return -1;
    errno = 0;
    v = strtol(str, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

/* yes/no, true/false, 1/0; 0, or -1 if none of them. */
int
agent_parse_bool(const char *str, int *out)
{
    if (!str)
        return -1;
    if (!strcmp(str, "yes") || !strcmp(str, "true") || !strcmp(str, "1"))
        *out = 1;
    else if (!strcmp(str, "no") || !strcmp(str, "false") || !strcmp(str, "0"))
        *out = 0;
    else
        return -1;
    return 0;
}
