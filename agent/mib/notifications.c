/*
 * notifications.c: VIRT-MIB's notifications, built from the difference
 * between two snapshots and sent from the agent's main loop (never from
 * another thread: the AgentX session has one user).
 *
 * Two snapshots cannot tell a shutdown from a destroy (and the domain
 * events only say why a refresh is due, not what it finds): a destroy
 * this agent performed is remembered by UUID until its owner, the
 * refresh, forgets the expectations after a diff, and is reported as
 * virtDomainDestroyed.
 */

#include <config.h>

#include <string.h>

#include "runtime/agent.h"
#include "mib/mib_groups.h"
#include "mib/mib_request.h"
#include "model/virt_oids.h"

#define EXPECT_MAX    64
#define NOTIF_OID_LEN (sizeof(notif_started) / sizeof(oid))

/* Every notification OID has the same length: VIRT_NOTIFICATIONS.n */
static const oid notif_started[] = { VIRT_NOTIF_STARTED };
static const oid notif_paused[] = { VIRT_NOTIF_PAUSED };
static const oid notif_resumed[] = { VIRT_NOTIF_RESUMED };
static const oid notif_shutdown[] = { VIRT_NOTIF_SHUTDOWN };
static const oid notif_crashed[] = { VIRT_NOTIF_CRASHED };
static const oid notif_destroyed[] = { VIRT_NOTIF_DESTROYED };
static const oid notif_defined[] = { VIRT_NOTIF_DEFINED };
static const oid notif_undefined[] = { VIRT_NOTIF_UNDEFINED };

static const oid snmptrap_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static const oid domain_entry_oid[] = { VIRT_DOMAIN_ENTRY };
static const oid old_state_oid[] = { VIRT_NOTIF_OLD_STATE, 0 };
static const oid new_state_oid[] = { VIRT_NOTIF_NEW_STATE, 0 };

static unsigned char expect_destroy[EXPECT_MAX][SNAP_UUID_LEN];
static size_t expect_count;

static void notifications_changed(int n);
static const oid *notifications_oid(const struct snap_event *ev);
static void notifications_one(const struct snap_event *ev, void *opaque);
static int notifications_take_destroy(const unsigned char *uuid);
static void notifications_add_column(netsnmp_variable_list **vars,
                                     const struct snap_domain *dom,
                                     unsigned int col, const char *value);

void
init_notifications(void)
{
    expect_count = 0;
}

void
shutdown_notifications(void)
{
    expect_count = 0;
}

/* Remember that this agent destroyed the domain @uuid. */
void
notifications_expect_destroy(const unsigned char *uuid)
{
    if (expect_count < EXPECT_MAX)
        memcpy(expect_destroy[expect_count++], uuid, SNAP_UUID_LEN);
}

static int
notifications_take_destroy(const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < expect_count; i++) {
        if (memcmp(expect_destroy[i], uuid, SNAP_UUID_LEN) == 0) {
            memmove(expect_destroy[i], expect_destroy[i + 1],
                    (expect_count - i - 1) * SNAP_UUID_LEN);
            expect_count--;
            return 1;
        }
    }
    return 0;
}

/* Forget every destroy remembered: called after each diff. */
void
notifications_forget_destroys(void)
{
    expect_count = 0;
}

/**
 * notifications_send:
 * Sends one notification per life-cycle change between @old_snap and
 * @new_snap, if notifications are enabled.
 */
void
notifications_send(const struct snapshot *old_snap,
                   const struct snapshot *new_snap)
{
    notifications_changed(
        snapshot_diff(old_snap, new_snap, notifications_one, NULL));
}

/**
 * notifications_domain_changed:
 * As notifications_send(), for one domain read again in place: @old_dom
 * is its row before, @new_dom its row now.
 */
void
notifications_domain_changed(const struct snap_domain *old_dom,
                             const struct snap_domain *new_dom)
{
    notifications_changed(
        snapshot_diff_domain(old_dom, new_dom, notifications_one, NULL));
}

/* After a diff that found @n changes: the table's last change. */
static void
notifications_changed(int n)
{
    if (n > 0)
        agent.as_last_change = netsnmp_get_agent_uptime();
}

static void
notifications_add_column(netsnmp_variable_list **vars,
                         const struct snap_domain *dom, unsigned int col,
                         const char *value)
{
    oid name[MAX_OID_LEN];
    size_t len = OID_LENGTH(domain_entry_oid);

    memcpy(name, domain_entry_oid, sizeof(domain_entry_oid));
    name[len] = col;
    name[len + 1] = dom->sd_index;
    snmp_varlist_add_variable(vars, name, len + 2, ASN_OCTET_STR, value,
                              strlen(value));
}

/* The notification an event means; a stop is a destroy when this agent
 * destroyed the domain. */
static const oid *
notifications_oid(const struct snap_event *ev)
{
    switch (ev->se_type) {
    case SNAP_EV_STARTED:
        return notif_started;
    case SNAP_EV_PAUSED:
        return notif_paused;
    case SNAP_EV_RESUMED:
        return notif_resumed;
    case SNAP_EV_STOPPED:
        if (notifications_take_destroy(ev->se_domain->sd_uuid))
            return notif_destroyed;
        return notif_shutdown;
    case SNAP_EV_CRASHED:
        return notif_crashed;
    case SNAP_EV_DEFINED:
        return notif_defined;
    case SNAP_EV_UNDEFINED:
        return notif_undefined;
    default:
        return NULL;
    }
}

static void
notifications_one(const struct snap_event *ev, void *opaque)
{
    netsnmp_variable_list *vars = NULL;
    const oid *trap = notifications_oid(ev);
    long old_state = ev->se_old_state, new_state = ev->se_new_state;

    (void)opaque;
    if (!trap)
        return;
    DEBUGMSGTL(("virtmibd/notifications",
                "domain '%s': notification %lu (%ld -> %ld)%s\n",
                ev->se_domain->sd_name, (unsigned long)trap[NOTIF_OID_LEN - 1],
                old_state, new_state, agent.as_notify ? "" : ", not sent"));
    if (!agent.as_notify)
        return;
    snmp_varlist_add_variable(&vars, snmptrap_oid, OID_LENGTH(snmptrap_oid),
                              ASN_OBJECT_ID, trap, NOTIF_OID_LEN * sizeof(oid));
    notifications_add_column(&vars, ev->se_domain, DOMAIN_COL_NAME,
                             ev->se_domain->sd_name);
    notifications_add_column(&vars, ev->se_domain, DOMAIN_COL_UUID_STRING,
                             ev->se_domain->sd_uuidstr);
    snmp_varlist_add_variable(&vars, old_state_oid, OID_LENGTH(old_state_oid),
                              ASN_INTEGER, &old_state, sizeof(old_state));
    snmp_varlist_add_variable(&vars, new_state_oid, OID_LENGTH(new_state_oid),
                              ASN_INTEGER, &new_state, sizeof(new_state));
    send_v2trap(vars);
    snmp_free_varbind(vars);
}
