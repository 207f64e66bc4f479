/*
 * agentx_guard.c: SETs that outlive their AgentX session.
 *
 * When virtmibd stalls longer than the master's agentXTimeout, the master
 * answers genErr, closes the session and forgets the SET; what it had
 * sent is still in our socket, in front of the end of file.
 *
 * 1. net-snmp 5.9's subagent keeps, for each SET phase in flight between
 *    the AgentX session and the agent (through agentx_callback_sess), a
 *    pointer to the AgentX session (agent_set_info.sess), and reads it
 *    when the phase's answer comes back, after the closed session was
 *    freed: a use after free that kills the agent.  net-snmp's own ping
 *    path drops those phases by closing the callback session and opening
 *    a new one; its end-of-file path does not.  We do it in both, from
 *    SNMPD_CALLBACK_INDEX_STOP, which both call while the old session is
 *    still allocated: closing the callback session calls each phase's
 *    callback with "timed out", which returns without touching it.
 *    The dropped SET then holds the snapshot no longer.
 * 2. A CommitSet read before the end of file would still run ACTION,
 *    changing the host after the manager was told the SET failed.
 *    agent_request_live() says whether the session is still open (not
 *    stopped, and its socket not hung up: poll() with timeout 0), so
 *    that ACTION can refuse first, and undo after a slow hypervisor call
 *    if the master went away meanwhile.
 * 3. The master can still time us out after that last check: before our
 *    answer to CommitSet is written (it goes through the callback
 *    session, one pass of the loop later), or while another group of
 *    the same SET is slow.  It then answers genErr and hangs up without
 *    sending CleanupSet, which it sends only once it has our answer.  So
 *    the session's callback is wrapped to note each CleanupSet as it is
 *    read (before the end of file behind it), and when the session is
 *    lost the settle function given to agentx_guard_init() undoes what
 *    ACTION did for a SET that was never confirmed.
 *
 * In snmpd (the dlmod) there is no AgentX session of ours: every request
 * is live.
 */

#include <config.h> /* _GNU_SOURCE, for POLLRDHUP */

#include <poll.h>

#include "runtime/agentx_guard.h"
#include "runtime/schedule.h"

/* net-snmp's subagent state (agent/mibgroup/agentx/subagent.c and
 * snmp_vars.c): exported by libnetsnmpagent, not in its headers. */
extern netsnmp_session *agentx_callback_sess;
extern int callback_master_num;
int handle_subagent_response(int op, netsnmp_session *session, int reqid,
                             netsnmp_pdu *pdu, void *magic);

/* RFC 2741's PDU type of CleanupSet (net-snmp's agentx/protocol.h is
 * not installed) */
#define GUARD_AGENTX_CLEANUPSET 11

/* CleanupSets remembered: the master does one SET at a time */
#define GUARD_CONFIRMED_MAX 8

static netsnmp_session *guard_sess; /* the open AgentX session, or NULL */
static int guard_on;
static void (*guard_settle)(void);
static snmp_callback guard_next; /* the session's own callback */
static long guard_confirmed[GUARD_CONFIRMED_MAX];
static size_t guard_nconfirmed, guard_confirmed_next;

static int guard_start(int major, int minor, void *server, void *client);
static int guard_stop(int major, int minor, void *server, void *client);
static int guard_packet(int op, netsnmp_session *sess, int reqid,
                        netsnmp_pdu *pdu, void *magic);
static void guard_drop_phases(void);
static int guard_fd_open(netsnmp_session *sess);

/* Session start and stop */

/**
 * agentx_guard_init:
 * @settle: called when the session is lost, to undo the SETs whose
 *          ACTION ran but which the master never confirmed
 *          (agentx_guard_confirmed())
 */
void
agentx_guard_init(void (*settle)(void))
{
    /* the role is true in a subagent, false in snmpd (the dlmod) */
    if (!netsnmp_ds_get_boolean(NETSNMP_DS_APPLICATION_ID,
                                NETSNMP_DS_AGENT_ROLE))
        return;
    snmp_register_callback(SNMP_CALLBACK_APPLICATION,
                           SNMPD_CALLBACK_INDEX_START, guard_start, NULL);
    snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_STOP,
                           guard_stop, NULL);
    guard_settle = settle;
    guard_on = 1;
}

void
agentx_guard_shutdown(void)
{
    if (!guard_on)
        return;
    snmp_unregister_callback(SNMP_CALLBACK_APPLICATION,
                             SNMPD_CALLBACK_INDEX_START, guard_start, NULL, 0);
    snmp_unregister_callback(SNMP_CALLBACK_APPLICATION,
                             SNMPD_CALLBACK_INDEX_STOP, guard_stop, NULL, 0);
    guard_on = 0;
    guard_sess = NULL;
    guard_settle = NULL;
}

static int
guard_start(int major, int minor, void *server, void *client)
{
    netsnmp_session *sess = server;

    guard_sess = sess;
    guard_nconfirmed = 0;
    if (sess && sess->callback != guard_packet) {
        guard_next = sess->callback;
        sess->callback = guard_packet;
    }
    return SNMP_ERR_NOERROR;
}

/* Every PDU the master sends: a CleanupSet's transaction is noted, then
 * net-snmp's own callback handles the PDU. */
static int
guard_packet(int op, netsnmp_session *sess, int reqid, netsnmp_pdu *pdu,
             void *magic)
{
    if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu &&
        pdu->command == GUARD_AGENTX_CLEANUPSET) {
        guard_confirmed[guard_confirmed_next] = pdu->transid;
        guard_confirmed_next = (guard_confirmed_next + 1) % GUARD_CONFIRMED_MAX;
        if (guard_nconfirmed < GUARD_CONFIRMED_MAX)
            guard_nconfirmed++;
    }
    return guard_next ? guard_next(op, sess, reqid, pdu, magic) : 1;
}

/**
 * agentx_guard_confirmed:
 * Whether the master of this session sent CleanupSet for SET @transid:
 * it has our answer to its CommitSet and tells the manager noError.
 */
int
agentx_guard_confirmed(long transid)
{
    size_t i;

    for (i = 0; i < guard_nconfirmed; i++)
        if (guard_confirmed[i] == transid)
            return 1;
    return 0;
}

/* Called twice on a failed ping (once per net-snmp path): idempotent
 * but for the callback session, which is dropped anew each time. */
static int
guard_stop(int major, int minor, void *server, void *client)
{
    if (server && server != guard_sess)
        return SNMP_ERR_NOERROR;
    if (guard_sess)
        snmp_log(LOG_INFO, "AgentX session lost: SETs in flight dropped\n");
    guard_sess = NULL;
    /* first, while net-snmp still holds the SETs' requests */
    if (guard_settle)
        guard_settle();
    guard_drop_phases();
    agent_request_drop(); /* the snapshot is not held for them */
    return SNMP_ERR_NOERROR;
}

/* Closes the callback session (its pending phases get "timed out") and
 * opens a new one for the next session, as net-snmp's ping path does. */
static void
guard_drop_phases(void)
{
    if (!agentx_callback_sess)
        return;
    snmp_close(agentx_callback_sess);
    agentx_callback_sess = netsnmp_callback_open(
        callback_master_num, handle_subagent_response, NULL, NULL);
    if (!agentx_callback_sess)
        snmp_log(LOG_ERR, "cannot open the AgentX callback session\n");
}

/* Requests */

/* 1 while the session's socket has not seen the master hang up. */
static int
guard_fd_open(netsnmp_session *sess)
{
    void *slp = snmp_sess_pointer(sess);
    netsnmp_transport *t = slp ? snmp_sess_transport(slp) : NULL;
    struct pollfd pfd;

    if (!t || t->sock < 0)
        return 0;
    pfd.fd = t->sock;
    pfd.events = POLLRDHUP;
    pfd.revents = 0;
    if (poll(&pfd, 1, 0) < 0)
        return 1; /* cannot tell: the master decides */
    return !(pfd.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

/**
 * agent_request_live:
 * Whether the master that sent @reqinfo's request can still hear its
 * answer: always in snmpd; in virtmibd, while the AgentX session is open
 * and the master has not closed its end.
 */
int
agent_request_live(netsnmp_agent_request_info *reqinfo)
{
    (void)reqinfo;
    if (!guard_on)
        return 1;
    return guard_sess && guard_fd_open(guard_sess);
}

/**
 * agentx_guard_refuse:
 * For ACTION: when the master has gone, gives every request of the SET
 * an error, logs it and returns 1 (the handler changes nothing);
 * returns 0 when the SET may go on.
 */
int
agentx_guard_refuse(netsnmp_agent_request_info *reqinfo,
                    netsnmp_request_info *requests)
{
    if (agent_request_live(reqinfo))
        return 0;
    snmp_log(LOG_WARNING, "SET refused: the AgentX master has gone (it "
                          "answered the manager already)\n");
    netsnmp_request_set_error_all(requests, SNMP_ERR_COMMITFAILED);
    return 1;
}
