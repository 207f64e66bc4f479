/*
 * dlmod.c: VIRT-MIB inside the stock snmpd, loaded with
 *
 *     dlmod virtmib /usr/lib/virtmib/virtmib.so
 *     virtURI test:///default
 *     virtStateFile /var/lib/virtmibd/index.map
 *     virtPollInterval 5
 *
 * (the virt* lines after the dlmod line; every token of virtmibd.conf
 * but the agentX ones).  The runtime and the MIB group modules are
 * virtmibd's, unchanged: this front end only registers the tokens and
 * starts the runtime once snmpd read its config.  There is no main loop
 * of ours here, so a refresh that a SET asks for runs from
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

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "runtime/agent.h"
#include "runtime/config.h"
#include "runtime/schedule.h"
#include "runtime/start.h"

static unsigned int dl_soon_reg;

void init_virtmib(void);
void deinit_virtmib(void);

static int dl_start(int major, int minor, void *server, void *client);
static void dl_schedule(void);
static void dl_soon(unsigned int reg, void *clientarg);

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

/* After snmpd read its config: connect, read the host, register. */
static int
dl_start(int major, int minor, void *server, void *client)
{
    static const struct agent_front module = {
        .af_log_prefix = "virtmib: ",
        .af_schedule = dl_schedule,
        .af_cmdline = NULL, /* snmpd's command line is not ours */
        .af_detach = NULL,
    };

    if (agent.as_active)
        return SNMP_ERR_NOERROR;
    if (agent_start(&module) < 0) {
        agent_stop();
        return SNMP_ERR_GENERR;
    }
    snmp_log(LOG_INFO, "virtmib: VIRT-MIB in snmpd, poll %ds\n",
             agent_poll_interval());
    return SNMP_ERR_NOERROR;
}

void
init_virtmib(void)
{
    config_register();
    snmp_register_callback(SNMP_CALLBACK_LIBRARY,
                           SNMP_CALLBACK_POST_READ_CONFIG, dl_start, NULL);
}

void
deinit_virtmib(void)
{
    snmp_unregister_callback(SNMP_CALLBACK_LIBRARY,
                             SNMP_CALLBACK_POST_READ_CONFIG, dl_start, NULL, 0);
    config_unregister();
    if (dl_soon_reg)
        snmp_alarm_unregister(dl_soon_reg);
    dl_soon_reg = 0;
    agent_stop();
}
