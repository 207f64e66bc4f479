/*
 * state_file.c: writing the index state file after each read of the
 * host and at stop, a failure told once and its end told too.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "runtime/agent.h"
#include "runtime/state_file.h"
#include "model/index_map.h"

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
