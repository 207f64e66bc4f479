/*
 * agent.h: the agent's one piece of shared state, the same in virtmibd
 * and in the dlmod.
 */

#ifndef VIRTMIBD_AGENT_H
#define VIRTMIBD_AGENT_H

#include <signal.h>

#include <libvirt/libvirt.h>

#include "model/snapshot.h"

/*
 * Owned by the runtime (start.c defines it; start, refresh and reload
 * change it) and read by the MIB group modules.  Only the thread of the
 * SNMP session ever changes it.
 */
struct agent_state {
    virConnectPtr as_conn;           /* NULL while disconnected */
    struct snapshot *as_snap;        /* the current snapshot, never NULL */
    struct index_map *as_map;        /* UUID to index, kept in a file */
    int as_readonly;                 /* refuse every SET */
    int as_notify;                   /* send notifications */
    int as_stale;                    /* last refresh failed */
    int as_refresh;                  /* refresh before the next request */
    int as_primed;                   /* a first snapshot was read */
    int as_max_age;                  /* ms: a GET or GETNEXT reads the host
                                        again when the last read made for
                                        a request is older (virtMaxAge) */
    int as_fresh_polls;              /* a GET or a new walk reads first
                                        (virtFreshPolls) */
    unsigned long as_last_change;    /* centiseconds of agent uptime */
    const char *as_uri;              /* hypervisor URI, NULL for the default */
    const char *as_log_prefix;       /* "" for virtmibd, "virtmib: " in snmpd */
    void (*as_schedule)(void);       /* asks for an agent_sync() soon, or
                                        NULL when the loop calls it anyway */
    volatile sig_atomic_t as_active; /* refreshes allowed (0 once
                                        stopping) */
};

extern struct agent_state agent;

#endif /* VIRTMIBD_AGENT_H */
