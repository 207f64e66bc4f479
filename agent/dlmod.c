/*
 * dlmod.c: VIRT-MIB inside the stock snmpd, loaded with
 *
 *     dlmod virtmib /usr/lib/virtmib/virtmib.so
 *     virtURI test:///default
 *     virtStateFile /var/lib/virtmibd/index.map
 *     virtPollInterval 5
 *
 * (the virt* lines after the dlmod line).  The MIB group modules are
 * virtmibd's, unchanged: only this glue differs from main.c.  There is
 * no main loop of ours here, so a refresh that a SET asks for runs from
 * a one-shot alarm right after the request; the poll is a repeating
 * alarm.  The trade-off: every hypervisor call runs inside snmpd, so a
 * slow or hung hypervisor stalls the whole master (every MIB, every
 * other subagent); virtmibd keeps that outside it.  See docs/agent.md.
 *
 * snmpd's reload (SIGHUP) unloads every dlmod and loads it again as it
 * reads snmpd.conf: deinit_virtmib() then init_virtmib() and a new start,
 * so every virt* line is read again and the index state file carries the
 * indexes over.  Nothing of the old load may stay registered: the config
 * tokens and the alarms point into the unloaded library.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "runtime/agent.h"
#include "runtime/config.h"
#include "runtime/connection.h"
#include "runtime/events.h"
#include "runtime/liberror.h"
#include "runtime/refresh.h"
#include "runtime/schedule.h"
#include "runtime/state_file.h"
#include "mib/mib_groups.h"
#include "mib/mib_request.h"
#include "model/index_map.h"

#define DL_DEFAULT_POLL  5
#define DL_DEFAULT_STATE "/var/lib/virtmibd/index.map"

struct agent_state agent;

/* What an event asks for is scheduled like any other refresh. */
static const struct agent_events_sink events_sink = {
    .es_refresh = agent_request_refresh,
    .es_refresh_domain = agent_request_refresh_domain,
    .es_sync = agent_sync,
};

static char *dl_uri;
static char *dl_state_file;
static int dl_poll = DL_DEFAULT_POLL;
static unsigned int dl_soon_reg;
static unsigned int dl_poll_reg;
static const char *const dl_tokens[] = {
    "virtURI",
    "virtStateFile",
    "virtPollInterval",
    "virtReadOnly",
};

void init_virtmib(void);
void deinit_virtmib(void);

static void dl_config(const char *token, char *line);
static int dl_start(int major, int minor, void *server, void *client);
static void dl_schedule(void);
static void dl_soon(unsigned int reg, void *clientarg);
static void dl_poll_alarm(unsigned int reg, void *clientarg);

/* The virt* lines of snmpd.conf; bad values are refused with the line. */
static void
dl_config(const char *token, char *line)
{
    int v;

    if (strcmp(token, "virtURI") == 0) {
        free(dl_uri);
        dl_uri = strdup(line);
    } else if (strcmp(token, "virtStateFile") == 0) {
        free(dl_state_file);
        dl_state_file = strdup(line);
    } else if (strcmp(token, "virtPollInterval") == 0) {
        if (config_parse_number(line, 1, 3600, &v) < 0)
            config_perror("virtPollInterval: 1 to 3600 seconds expected");
        else
            dl_poll = v;
    } else if (config_parse_bool(line, &v) < 0) {
        config_perror("yes or no expected");
    } else {
        agent.as_readonly = v;
    }
}

/* No loop of ours calls agent_sync(): a one-shot alarm does, right after
 * the request that asked for a refresh. */
static void
dl_schedule(void)
{
    struct timeval tv = { 0, 1000 };

    if (agent.as_active && !dl_soon_reg)
        dl_soon_reg = snmp_alarm_register_hr(tv, 0, dl_soon, NULL);
}

static void
dl_soon(unsigned int reg, void *clientarg)
{
    dl_soon_reg = 0;
    agent_sync();
}

static void
dl_poll_alarm(unsigned int reg, void *clientarg)
{
    agent_request_refresh();
}

/* After snmpd read its config: connect, read the host, register. */
static int
dl_start(int major, int minor, void *server, void *client)
{
    const char *state = dl_state_file ? dl_state_file : DL_DEFAULT_STATE;

    if (agent.as_active)
        return SNMP_ERR_NOERROR;
    agent.as_notify = 1;
    agent.as_uri = dl_uri;
    agent.as_log_prefix = "virtmib: ";
    agent.as_schedule = dl_schedule;
    if (virInitialize() < 0)
        return SNMP_ERR_GENERR;
    virSetErrorFunc(NULL, agent_error_func);
    agent_events_init(&events_sink);
    agent.as_map = index_map_open(state);
    agent.as_snap = snapshot_empty();
    if (!agent.as_map || !agent.as_snap) {
        snmp_log(LOG_ERR, "virtmib: cannot read the index state file: %s\n",
                 agent.as_map ? state : index_map_open_error());
        return SNMP_ERR_GENERR;
    }
    agent.as_active = 1;
    agent_refresh();
    init_notifications();
    init_node_scalars();
    init_domain_table();
    init_vcpu_table();
    dl_poll_reg = snmp_alarm_register((unsigned int)dl_poll, SA_REPEAT,
                                      dl_poll_alarm, NULL);
    snmp_log(LOG_INFO, "virtmib: VIRT-MIB in snmpd, poll %ds\n", dl_poll);
    return SNMP_ERR_NOERROR;
}

void
init_virtmib(void)
{
    register_app_config_handler("virtURI", dl_config, NULL, "URI");
    register_app_config_handler("virtStateFile", dl_config, NULL, "FILE");
    register_app_config_handler("virtPollInterval", dl_config, NULL, "SECONDS");
    register_app_config_handler("virtReadOnly", dl_config, NULL, "yes|no");
    snmp_register_callback(SNMP_CALLBACK_LIBRARY,
                           SNMP_CALLBACK_POST_READ_CONFIG, dl_start, NULL);
}

void
deinit_virtmib(void)
{
    size_t i;

    snmp_unregister_callback(SNMP_CALLBACK_LIBRARY,
                             SNMP_CALLBACK_POST_READ_CONFIG, dl_start, NULL, 0);
    for (i = 0; i < sizeof(dl_tokens) / sizeof(*dl_tokens); i++)
        unregister_app_config_handler(dl_tokens[i]);
    if (dl_soon_reg)
        snmp_alarm_unregister(dl_soon_reg);
    if (dl_poll_reg)
        snmp_alarm_unregister(dl_poll_reg);
    if (agent.as_active) {
        shutdown_vcpu_table();
        shutdown_domain_table();
        shutdown_node_scalars();
        shutdown_notifications();
        agent_save_state();
    }
    snapshot_free(agent.as_snap);
    index_map_free(agent.as_map);
    if (agent.as_conn)
        virConnectClose(agent.as_conn);
    agent_events_shutdown();
    free(dl_uri);
    free(dl_state_file);
    memset(&agent, 0, sizeof(agent));
    dl_uri = dl_state_file = NULL;
    dl_soon_reg = dl_poll_reg = 0;
    dl_poll = DL_DEFAULT_POLL;
}
