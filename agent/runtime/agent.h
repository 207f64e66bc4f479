/*
 * agent.h: virtmibd's shared state and the entry points of the MIB group
 * modules.  VIRT-MIB's object identifiers are in model/virt_oids.h.
 */

#ifndef VIRTMIBD_AGENT_H
#define VIRTMIBD_AGENT_H

#include <signal.h>

#include <libvirt/libvirt.h>

#include "model/index_map.h"
#include "model/snapshot.h"
#include "model/virt_oids.h"

/*
 * The agent's one piece of shared state, owned by main.c and read by the
 * MIB group modules.  Only the main loop ever changes it.
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
    unsigned long as_last_change;    /* centiseconds of agent uptime */
    const char *as_uri;              /* hypervisor URI, NULL for the default */
    const char *as_log_prefix;       /* "" for virtmibd, "virtmib: " in snmpd */
    void (*as_schedule)(void);       /* asks for an agent_sync() soon, or
                                        NULL when the loop calls it anyway */
    volatile sig_atomic_t as_active; /* refreshes allowed (0 once
                                        stopping) */
};

extern struct agent_state agent;

/* refresh.c: shared by virtmibd (main.c) and the dlmod (dlmod.c) */
virConnectPtr agent_open(void);
void agent_refresh(void);
void agent_save_state(void);
void agent_request_refresh(void);
void agent_request_refresh_domain(const unsigned char *uuid);
void agent_sync(void);
void agent_request_begin(int mode, long transid);
void agent_request_end(int mode);
void agent_library_error(char *buf, size_t len);
void agent_error_func(void *userdata, virErrorPtr err);
int agent_parse_number(const char *str, long min, long max, int *out);
int agent_parse_bool(const char *str, int *out);

/* events.c: domain events into net-snmp's loop */
void agent_events_init(void);
void agent_events_shutdown(void);
void agent_events_attach(virConnectPtr conn);

/* node_scalars.c */
void init_node_scalars(void);
void shutdown_node_scalars(void);

/* domain_table.c */
void init_domain_table(void);
void shutdown_domain_table(void);

/* vcpu_table.c */
void init_vcpu_table(void);
void shutdown_vcpu_table(void);

/* notifications.c */
void init_notifications(void);
void shutdown_notifications(void);
void notifications_send(const struct snapshot *old_snap,
                        const struct snapshot *new_snap);
void notifications_domain_changed(const struct snap_domain *old_dom,
                                  const struct snap_domain *new_dom);
void notifications_expect_destroy(const unsigned char *uuid);
void notifications_forget_destroys(void);

#endif /* VIRTMIBD_AGENT_H */
