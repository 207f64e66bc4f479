/*
 * start.h: the agent's start, reload and stop, one sequence for virtmibd
 * and the dlmod; each front end says how it differs.
 */

#ifndef VIRTMIBD_START_H
#define VIRTMIBD_START_H

#include "runtime/config.h"

struct agent_front {
    const char *af_log_prefix;              /* "" or "virtmib: " */
    void (*af_schedule)(void);              /* agent.as_schedule, or NULL */
    const struct agent_options *af_cmdline; /* NULL when there is none */
    void (*af_detach)(void); /* at stop, after the MIB groups, before the
                                host is let go; or NULL */
};

int agent_start(const struct agent_front *front);
void agent_reload(void);
void agent_stop(void);
int agent_poll_interval(void);

#endif /* VIRTMIBD_START_H */
