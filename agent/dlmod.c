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
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "agent.h"
#include "mib_request.h"

#define DL_DEFAULT_POLL  5
#define DL_DEFAULT_STATE "/var/lib/virtmibd/index.map"

struct agent_state agent;

static char *dl_uri;
static char *dl_state_file;
static int dl_poll = DL_DEFAULT_POLL;
static int dl_started;
static unsigned int dl_soon_reg;

void init_virtmib(void);
void deinit_virtmib(void);

static void dl_config(const char *token, char *line);
static int dl_start(int major, int minor, void *server, void *client);
static void dl_refresh(void);
static void dl_alarm(unsigned int reg, void *clientarg);
static void dl_error_func(void *userdata, virErrorPtr err);

/* Config tokens: virtURI, virtStateFile, virtPollInterval, virtReadOnly. */
static void
dl_config(const char *token, char *line)
{
    if (strcmp(token, "virtURI") == 0) {
        free(dl_uri);
        dl_uri = strdup(line);
    } else if (strcmp(token, "virtStateFile") == 0) {
        free(dl_state_file);
        dl_state_file = strdup(line);
    } else if (strcmp(token, "virtPollInterval") == 0) {
        dl_poll = atoi(line);
        if (dl_poll < 1 || dl_poll > 3600) {
            config_perror("poll interval must be 1 to 3600 seconds");
            dl_poll = DL_DEFAULT_POLL;
        }
    } else {
        agent.as_readonly = strcmp(line, "yes") == 0 || strcmp(line, "1") == 0;
    }
}

static void
dl_error_func(void *userdata, virErrorPtr err)
{
    if (err && err->message && !agent.as_stale)
        snmp_log(LOG_INFO, "virtmib: libvir: %s\n", err->message);
}

/* Reads the host again and sends what changed (as main.c does). */
static void
dl_refresh(void)
{
    struct snapshot *snap;

    agent.as_refresh = 0;
    if (!agent.as_conn)
        agent.as_conn = agent.as_readonly ? virConnectOpenReadOnly(dl_uri)
                                          : virConnectOpen(dl_uri);
    snap = agent.as_conn ? snapshot_take(agent.as_conn, agent.as_map) : NULL;
    if (!snap) {
        if (!agent.as_stale)
            snmp_log(LOG_ERR, "virtmib: cannot read the hypervisor; "
                              "answers are stale until it comes back\n");
        agent.as_stale = 1;
        if (agent.as_conn)
            virConnectClose(agent.as_conn);
        agent.as_conn = NULL;
        return;
    }
    agent.as_stale = 0;
    if (agent.as_primed)
        notifications_send(agent.as_snap, snap);
    agent.as_primed = 1;
    snapshot_free(agent.as_snap);
    agent.as_snap = snap;
    if (index_map_save(agent.as_map) < 0)
        snmp_log(LOG_ERR, "virtmib: cannot write the index state file\n");
}

static void
dl_alarm(unsigned int reg, void *clientarg)
{
    if (clientarg)
        dl_soon_reg = 0;
    dl_refresh();
}

/* The MIB modules call this after a SET: refresh once, right after. */
void
agent_request_refresh(void)
{
    struct timeval tv = { 0, 1000 };

    agent.as_refresh = 1;
    if (dl_started && !dl_soon_reg)
        dl_soon_reg = snmp_alarm_register_hr(tv, 0, dl_alarm, &dl_soon_reg);
}

/* In snmpd, a SET's refresh is the full one (see main.c for the
 * one-domain refresh virtmibd does). */
void
agent_request_refresh_domain(const unsigned char *uuid)
{
    agent_request_refresh();
}

/* Before a handler reads the snapshot: a refresh a SET asked for is done
 * first (and its alarm dropped). */
void
agent_sync(void)
{
    if (!agent.as_refresh || !dl_started)
        return;
    if (dl_soon_reg) {
        snmp_alarm_unregister(dl_soon_reg);
        dl_soon_reg = 0;
    }
    dl_refresh();
}

/* Copies the library's last error message into @buf. */
void
agent_library_error(char *buf, size_t len)
{
    virErrorPtr err = virGetLastError();

    snprintf(buf, len, "%s",
             err && err->message ? err->message : "unknown error");
}

/* After snmpd read its config: connect, read the host, register. */
static int
dl_start(int major, int minor, void *server, void *client)
{
    const char *state = dl_state_file ? dl_state_file : DL_DEFAULT_STATE;

    if (dl_started)
        return SNMP_ERR_NOERROR;
    agent.as_notify = 1;
    if (virInitialize() < 0)
        return SNMP_ERR_GENERR;
    virSetErrorFunc(NULL, dl_error_func);
    agent.as_map = index_map_open(state);
    agent.as_snap = snapshot_empty();
    if (!agent.as_map || !agent.as_snap) {
        snmp_log(LOG_ERR, "virtmib: cannot read the index state file %s\n",
                 state);
        return SNMP_ERR_GENERR;
    }
    dl_refresh();
    init_notifications();
    init_node_scalars();
    init_domain_table();
    init_vcpu_table();
    snmp_alarm_register((unsigned int)dl_poll, SA_REPEAT, dl_alarm, NULL);
    dl_started = 1;
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
    snmp_unregister_callback(SNMP_CALLBACK_LIBRARY,
                             SNMP_CALLBACK_POST_READ_CONFIG, dl_start, NULL, 0);
    if (dl_started) {
        shutdown_vcpu_table();
        shutdown_domain_table();
        shutdown_node_scalars();
        shutdown_notifications();
        index_map_save(agent.as_map);
    }
    snapshot_free(agent.as_snap);
    index_map_free(agent.as_map);
    if (agent.as_conn)
        virConnectClose(agent.as_conn);
    free(dl_uri);
    free(dl_state_file);
    memset(&agent, 0, sizeof(agent));
    dl_uri = dl_state_file = NULL;
    dl_started = 0;
}
