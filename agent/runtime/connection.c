/*
 * connection.c: the hypervisor connection, opened in the agent's mode
 * (read-only under virtReadOnly) with the domain events attached.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <libvirt/libvirt.h>

#include "runtime/agent.h"
#include "runtime/connection.h"
#include "runtime/events.h"

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

/**
 * agent_close:
 * @conn: a connection agent_open() gave
 *
 * Closes @conn, with what its events left on it.
 */
void
agent_close(virConnectPtr conn)
{
    agent_events_detach(conn);
    virConnectClose(conn);
}

/**
 * connection_establish:
 *
 * Opens the agent's connection (agent.as_conn).  Returns 0, or -1 when
 * it cannot, which it logs once: the retries at each poll stay quiet
 * while the agent is stale.
 */
int
connection_establish(void)
{
    const char *uri = agent.as_uri;

    agent.as_conn = agent_open();
    if (!agent.as_conn) {
        if (!agent.as_stale)
            snmp_log(LOG_ERR,
                     "%scannot open hypervisor connection '%s'; "
                     "retrying at each poll\n",
                     agent.as_log_prefix, uri ? uri : "(default)");
        return -1;
    }
    return 0;
}
