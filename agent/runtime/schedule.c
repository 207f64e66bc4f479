/*
 * schedule.c: when the snapshot is read again.
 *
 * A poll, a domain event or a SET asks for a read (refresh.c does it);
 * it is done before the next request is answered: by the handlers, by
 * the loop of virtmibd after each pass, and in the dlmod by the one-shot
 * alarm that agent.as_schedule sets.  Everything runs in the one thread
 * that owns the SNMP session.
 *
 * A read request is answered from values read after it came, so that
 * the rates a manager computes from two polls are right at any poll
 * interval and with any number of managers: a GET, and a GETNEXT (net-
 * snmp turns a GETBULK into GETNEXTs) that does not continue a walk,
 * starts a poll and reads the whole host again first, unless the last
 * read made for a request is younger than POLL_FLOOR_MS (so that a burst
 * of GETs costs one read per few milliseconds, not one each), or
 * agent.as_fresh_polls is off (virtFreshPolls no: then only the bound
 * below applies, one read per bound at most).  The GETNEXTs that
 * continue a walk (their first OID is one this agent just answered)
 * share the walk's read, no older than agent.as_max_age (virtMaxAge):
 * past that a walk reads again, so that no value is ever older than the
 * bound; 0 makes every PDU read.  The varbinds of one
 * PDU always share one read, whatever their MIB group.  The poll and
 * the re-reads of events and SETs do not count as reads for a request:
 * they keep the snapshot current for notifications and SET checks.
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

/* Reads for polls are at least this far apart (ms): a rate over T
 * seconds is then off by POLL_FLOOR_MS / T at most (2% at 1 s). */
#define POLL_FLOOR_MS 20

/* The last OIDs answered to a GETNEXT, as hashes: the places where a
 * walk goes on (a few walks at once, GETBULKs of many repetitions). */
#define ANSWERED_MAX 256
static unsigned int answered[ANSWERED_MAX];
static size_t answered_next;

/* The last request that was decided on: a PDU is decided on once, by
 * the first MIB group it reaches, and read for at most once. */
static int seen_done;
static long seen_transid;

/* The last read made for a request: when it began, and for which. */
static int fresh_done;
static struct timespec fresh_at;

/* The SET between RESERVE1 and its end, if any. */
static int set_open;
static long set_transid;
static struct timespec set_since;

static void schedule_soon(void);
static int schedule_held(void);
static void schedule_fresh(long transid, int new_poll);
static unsigned int schedule_hash(const oid *name, size_t len);
static int schedule_continues(const oid *name, size_t len);
static long schedule_ms_since(const struct timespec *then,
                              const struct timespec *now);

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
 * @name: the OID of its first varbind
 * @len: its length
 *
 * Called by every handler before it reads the snapshot.  GET and GETNEXT
 * bring it up to date, reading the host again for a new poll or a walk
 * past virtMaxAge (schedule_fresh()); the RESERVE1 of a SET does too
 * (its checks read the snapshot), then holds every refresh until
 * agent_request_end().  The second table of the same SET finds it open
 * and changes nothing.
 */
void
agent_request_begin(int mode, long transid, const oid *name, size_t len)
{
    struct timespec now;

    if (mode == MODE_GET) {
        schedule_fresh(transid, 1);
        return;
    }
    if (mode == MODE_GETNEXT) {
        schedule_fresh(transid, !schedule_continues(name, len));
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
 * agent_request_answered:
 * @name: an OID a GETNEXT was answered with
 * @len: its length
 *
 * Kept (a hash of it) so that the GETNEXT which asks for what follows it
 * is known to continue a walk.
 */
void
agent_request_answered(const oid *name, size_t len)
{
    answered[answered_next] = schedule_hash(name, len);
    answered_next = (answered_next + 1) % ANSWERED_MAX;
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

/*
 * Before a GET or GETNEXT (@new_poll: one that does not continue a walk):
 * what a poll, an event or a SET asked for, or the whole host read again
 * when the last read made for a request is older than POLL_FLOOR_MS (a
 * new poll, with virtFreshPolls) or agent.as_max_age (any request).  Only
 * at the first MIB group a request (@transid) reaches: its varbinds then
 * share one read.  Not while a SET holds the refreshes, and not while
 * the host is unreadable: then the poll reconnects.
 */
static void
schedule_fresh(long transid, int new_poll)
{
    struct timespec now;
    long age, bound;

    if (!agent.as_active || schedule_held())
        return;
    if (seen_done && transid == seen_transid) {
        refresh_run();
        return;
    }
    seen_done = 1;
    seen_transid = transid;
    clock_gettime(CLOCK_MONOTONIC, &now);
    age = fresh_done ? schedule_ms_since(&fresh_at, &now) : -1;
    bound = agent.as_max_age;
    if (new_poll && agent.as_fresh_polls && bound > POLL_FLOOR_MS)
        bound = POLL_FLOOR_MS;
    if (!agent.as_conn || (fresh_done && age < bound)) {
        refresh_run();
        return;
    }
    DEBUGMSGTL(("virtmibd/schedule",
                "read for request %ld (%s): last one %ld ms ago\n", transid,
                new_poll ? "new poll" : "walk", age));
    fresh_done = 1;
    fresh_at = now;
    agent.as_refresh = 1;
    refresh_run();
}

/* FNV-1a over the sub-identifiers of @name. */
static unsigned int
schedule_hash(const oid *name, size_t len)
{
    unsigned int h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned int)name[i];
        h *= 16777619u;
    }
    return h ^ (unsigned int)len;
}

/* Whether a GETNEXT from @name continues a walk: @name was answered. */
static int
schedule_continues(const oid *name, size_t len)
{
    unsigned int h;
    size_t i;

    if (!name)
        return 0;
    h = schedule_hash(name, len);
    for (i = 0; i < ANSWERED_MAX; i++) {
        if (answered[i] == h)
            return 1;
    }
    return 0;
}

/* Milliseconds from @then to @now. */
static long
schedule_ms_since(const struct timespec *then, const struct timespec *now)
{
    return (long)(now->tv_sec - then->tv_sec) * 1000 +
           (now->tv_nsec - then->tv_nsec) / 1000000;
}
