/*
 * start.c: the agent's life, the same in virtmibd and in the dlmod:
 * start (the library, the settings, the index state file, a first read
 * of the host, the MIB groups, the poll), reload and stop.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "runtime/agent.h"
#include "runtime/config.h"
#include "runtime/connection.h"
#include "runtime/events.h"
#include "runtime/liberror.h"
#include "runtime/refresh.h"
#include "runtime/schedule.h"
#include "runtime/start.h"
#include "runtime/state_file.h"
#include "mib/mib_groups.h"
#include "model/index_map.h"
#include "model/snap_devices.h"

struct agent_state agent;

static void start_devices_changed(const unsigned char *uuid);

/* What an event asks for is scheduled like any other refresh. */
static const struct agent_events_sink start_sink = {
    .es_refresh = agent_request_refresh,
    .es_refresh_domain = agent_request_refresh_domain,
    .es_sync = agent_sync,
    .es_devices = start_devices_changed,
};

/* What a read finds changed is notified; the destroys the SETs announced
 * are then told (or gone) and forgotten. */
static void start_host_changed(const struct snapshot *old_snap,
                               const struct snapshot *new_snap);
static void start_domain_changed(const struct snap_domain *old_dom,
                                 const struct snap_domain *new_dom);

static const struct refresh_sink start_refresh_sink = {
    .rs_host = start_host_changed,
    .rs_domain = start_domain_changed,
    .rs_done = vm_notifications_read_done,
};

static struct agent_front front;
static char *run_uri;         /* agent.as_uri: outlives a reload */
static unsigned int poll_reg; /* the poll alarm */
static int poll_secs;
static int groups_on; /* the MIB groups are registered */
static int views_on;  /* which: AGENT_VIEW_* bits (virtViews) */

static int start_library(void);
static int start_host(const struct agent_options *cur);
static void start_groups(int views);
static void stop_groups(void);
static int start_poll_every(int seconds);
static void start_poll_alarm(unsigned int reg, void *clientarg);
static void start_reload_mode(int readonly);

/**
 * agent_start:
 * @how: how the front end differs, copied
 *
 * Starts the agent with the settings in force (config_current()).
 * Returns 0, or -1 (said in the log) after which agent_stop() undoes
 * what was done.
 */
int
agent_start(const struct agent_front *how)
{
    struct agent_options cur;

    front = *how;
    config_current(front.af_cmdline, &cur);
    agent.as_log_prefix = front.af_log_prefix;
    agent.as_schedule = front.af_schedule;
    if (start_library() < 0 || start_host(&cur) < 0)
        return -1;
    agent.as_active = 1;
    agent_refresh();
    start_groups(cur.ao_views);
    if (start_poll_every(cur.ao_poll) < 0) {
        snmp_log(LOG_ERR, "%scannot register the poll alarm\n",
                 agent.as_log_prefix);
        return -1;
    }
    return 0;
}

/* The library, its errors (and its XML parser's) in the log, its events
 * in net-snmp's loop. */
static int
start_library(void)
{
    if (virInitialize() < 0)
        return -1;
    virSetErrorFunc(NULL, agent_error_func);
    agent_xml_errors_to_log();
    agent_events_init(&start_sink);
    refresh_init(&start_refresh_sink);
    return 0;
}

/* The next read of the host reads the domain's devices again. */
static void
start_devices_changed(const unsigned char *uuid)
{
    snapshot_expire_devices(agent.as_snap, agent.as_map, uuid);
}

static void
start_host_changed(const struct snapshot *old_snap,
                   const struct snapshot *new_snap)
{
    if (views_on & AGENT_VIEW_VIRT)
        notifications_send(old_snap, new_snap);
    notifications_forget_destroys();
    if (views_on & AGENT_VIEW_VM)
        vm_notifications_host_changed(old_snap, new_snap);
}

static void
start_domain_changed(const struct snap_domain *old_dom,
                     const struct snap_domain *new_dom)
{
    if (views_on & AGENT_VIEW_VIRT)
        notifications_domain_changed(old_dom, new_dom);
    notifications_forget_destroys();
    if (views_on & AGENT_VIEW_VM)
        vm_notifications_domain_changed(old_dom, new_dom);
}

/* The settings of the hypervisor side, the index state file, an empty
 * snapshot until the first read. */
static int
start_host(const struct agent_options *cur)
{
    agent.as_readonly = cur->ao_readonly;
    agent.as_max_age = cur->ao_max_age;
    agent.as_fresh_polls = cur->ao_fresh_polls;
    agent.as_notify = 1;
    if (cur->ao_notify >= 0)
        agent.as_notify = cur->ao_notify;
    vm_notifications_threshold(cur->ao_bulk_threshold);
    if (cur->ao_uri) {
        run_uri = strdup(cur->ao_uri);
        if (!run_uri)
            return -1;
    }
    agent.as_uri = run_uri;
    agent.as_map = index_map_open(cur->ao_state_file);
    if (!agent.as_map) {
        snmp_log(LOG_ERR, "%scannot read the index state file: %s\n",
                 agent.as_log_prefix, index_map_open_error());
        return -1;
    }
    agent.as_snap = snapshot_empty();
    if (!agent.as_snap)
        return -1;
    return 0;
}

/* The groups of the views in @views (AGENT_VIEW_* bits). */
static void
start_groups(int views)
{
    views_on = views;
    init_notifications();
    if (views & AGENT_VIEW_VIRT) {
        init_node_scalars();
        init_domain_table();
        init_vcpu_table();
    }
    if (views & AGENT_VIEW_VM) {
        init_vm_scalars();
        init_vm_table();
        init_vm_cpu_table();
        init_vm_affinity_table();
        init_vm_storage();
        init_vm_network();
        init_vm_notifications();
    }
    groups_on = 1;
}

static void
stop_groups(void)
{
    if (!groups_on)
        return;
    if (views_on & AGENT_VIEW_VM) {
        shutdown_vm_notifications();
        shutdown_vm_network();
        shutdown_vm_storage();
        shutdown_vm_affinity_table();
        shutdown_vm_cpu_table();
        shutdown_vm_table();
        shutdown_vm_scalars();
    }
    if (views_on & AGENT_VIEW_VIRT) {
        shutdown_vcpu_table();
        shutdown_domain_table();
        shutdown_node_scalars();
    }
    shutdown_notifications();
    groups_on = 0;
}

/**
 * agent_stop:
 *
 * Undoes agent_start(), or as much of it as was done: the poll, the MIB
 * groups, the front end's own (af_detach), then the index state file
 * written a last time, the host let go, the settings forgotten.
 */
void
agent_stop(void)
{
    if (poll_reg)
        snmp_alarm_unregister(poll_reg);
    poll_reg = 0;
    poll_secs = 0;
    stop_groups();
    if (front.af_detach)
        front.af_detach();
    if (agent.as_map)
        agent_save_state();
    snapshot_free(agent.as_snap);
    index_map_free(agent.as_map);
    if (agent.as_conn)
        agent_close(agent.as_conn);
    agent_events_shutdown();
    refresh_init(NULL);
    config_release();
    free(run_uri);
    run_uri = NULL;
    memset(&agent, 0, sizeof(agent));
    memset(&front, 0, sizeof(front));
}

/* The poll interval in force, in seconds. */
int
agent_poll_interval(void)
{
    return poll_secs;
}

/* (Re)arms the poll alarm.  Returns 0, or -1 with the old one kept. */
static int
start_poll_every(int seconds)
{
    unsigned int reg;

    reg = snmp_alarm_register((unsigned int)seconds, SA_REPEAT,
                              start_poll_alarm, NULL);
    if (reg == 0)
        return -1;
    if (poll_reg)
        snmp_alarm_unregister(poll_reg);
    poll_reg = reg;
    poll_secs = seconds;
    return 0;
}

static void
start_poll_alarm(unsigned int reg, void *clientarg)
{
    agent_request_refresh();
}

/**
 * agent_reload:
 *
 * After the config files were read again: applies what can change while
 * running, the poll interval, virtMaxAge, virtFreshPolls, virtReadOnly,
 * virtNotifications (the command line still wins) and vmBulkThreshold.
 * The hypervisor URI, the state file and the views stay as they are.
 */
void
agent_reload(void)
{
    struct agent_options cur;

    config_current(front.af_cmdline, &cur);
    if (cur.ao_poll != poll_secs && start_poll_every(cur.ao_poll) < 0)
        snmp_log(LOG_ERR, "%scannot change the poll interval\n",
                 agent.as_log_prefix);
    agent.as_max_age = cur.ao_max_age;
    agent.as_fresh_polls = cur.ao_fresh_polls;
    if (cur.ao_readonly != agent.as_readonly)
        start_reload_mode(cur.ao_readonly);
    if (cur.ao_notify >= 0)
        agent.as_notify = cur.ao_notify;
    vm_notifications_threshold(cur.ao_bulk_threshold);
    if ((cur.ao_uri || run_uri) &&
        (!cur.ao_uri || !run_uri || strcmp(cur.ao_uri, run_uri) != 0))
        snmp_log(LOG_WARNING, "%sa new virtURI takes effect at restart\n",
                 agent.as_log_prefix);
    if (cur.ao_views != views_on)
        snmp_log(LOG_WARNING, "%snew virtViews take effect at restart\n",
                 agent.as_log_prefix);
}

/*
 * Read-only on or off: SETs follow the flag at once; the hypervisor
 * connection is opened again in the new mode, the new one before the old
 * is closed (so that the host's state carries over; a failed open keeps
 * the old one, and refresh.c reconnects in the new mode when it drops).
 */
static void
start_reload_mode(int readonly)
{
    virConnectPtr conn;

    agent.as_readonly = readonly;
    if (!agent.as_conn)
        return;
    conn = agent_open();
    if (!conn) {
        snmp_log(LOG_WARNING,
                 "%scannot open the hypervisor %s for the new "
                 "mode; keeping the old connection\n",
                 agent.as_log_prefix, readonly ? "read-only" : "read-write");
        return;
    }
    agent_close(agent.as_conn);
    agent.as_conn = conn;
    agent_request_refresh();
}
