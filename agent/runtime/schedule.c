/*
 * schedule.c: when the snapshot is read again.
 *
 * A poll, a domain event or a SET asks for a read (refresh.c does it);
 * it is done before the next request is answered: by the handlers, by
 * the loop of virtmibd after each pass, and in the dlmod by the one-shot
 * alarm that agent.as_schedule sets.  Everything runs in the one thread
 * that owns the SNMP session.
 *
 * From a SET's RESERVE1 until its end (COMMIT, FREE or UNDO) nothing is
 * read again: the snapshot stays the one the SET was checked against,
 * and a state that exists only inside the SET (an ACTION later undone)
 * is never read, so never notified.  The re-reads it asked for happen
 * once it is over.
 */

#include <config.h>

#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "runtime/agent.h"
#include "runtime/refresh.h"
#include "runtime/schedule.h"

/* A SET open longer than this was abandoned (its master went away). */
#define SET_OPEN_MAX 30

/* The SET between RESERVE1 and its end, if any. */
static int set_open;
static long set_transid;
static struct timespec set_since;

static void schedule_soon(void);
static int schedule_held(void);

static void
schedule_soon(void)
{
    if (agent.as_schedule)
        agent.as_schedule();
}

/* The whole host is read again before the next request. */
void
agent_request_refresh(void)
{
    agent.as_refresh = 1;
    schedule_soon();
}

/* The domain @uuid is read again before the next request. */
void
agent_request_refresh_domain(const unsigned char *uuid)
{
    if (refresh_mark_domain(uuid))
        schedule_soon();
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
    if (!agent.as_active || schedule_held())
        return;
    refresh_run();
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
    if (set_open && set_transid == transid && schedule_held())
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
    if (refresh_wanted())
        schedule_soon();
}

/**
 * agent_request_drop:
 *
 * Called when the SETs in flight were dropped (virtmibd lost its AgentX
 * session, so no further phase will come for them): the open SET, if
 * any, holds the refreshes no longer, and the host is read again, as
 * after an UNDO, instead of after SET_OPEN_MAX seconds.
 */
void
agent_request_drop(void)
{
    if (!set_open)
        return;
    set_open = 0;
    agent_request_refresh();
}

/* Whether a SET is between its RESERVE1 and its end. */
int
schedule_set_open(void)
{
    return set_open;
}

/* Whether a SET holds the refreshes; one open too long is let go. */
static int
schedule_held(void)
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
