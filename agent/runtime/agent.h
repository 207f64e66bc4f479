/*
 * agent.h: virtmibd's shared state, VIRT-MIB's object identifiers and
 * the entry points of the MIB group modules.
 *
 * The OID macros mirror mibs/VIRT-MIB.txt, nested, one per line, in MIB
 * order.  VIRT_MIB_ROOT is the only place the module's position is
 * written in C: moving the MIB is a change of that line and of the
 * module's MODULE-IDENTITY value.
 */

#ifndef VIRTMIBD_AGENT_H
#define VIRTMIBD_AGENT_H

#include <signal.h>

#include <libvirt/libvirt.h>

#include "model/snapshot.h"

/* netSnmpPlaypen.1 */
#define VIRT_MIB_ROOT 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1

#define VIRT_NOTIFICATIONS   VIRT_MIB_ROOT, 0
#define VIRT_NOTIF_STARTED   VIRT_NOTIFICATIONS, 1
#define VIRT_NOTIF_PAUSED    VIRT_NOTIFICATIONS, 2
#define VIRT_NOTIF_RESUMED   VIRT_NOTIFICATIONS, 3
#define VIRT_NOTIF_SHUTDOWN  VIRT_NOTIFICATIONS, 4
#define VIRT_NOTIF_CRASHED   VIRT_NOTIFICATIONS, 5
#define VIRT_NOTIF_DESTROYED VIRT_NOTIFICATIONS, 6
#define VIRT_NOTIF_DEFINED   VIRT_NOTIFICATIONS, 7
#define VIRT_NOTIF_UNDEFINED VIRT_NOTIFICATIONS, 8
#define VIRT_OBJECTS         VIRT_MIB_ROOT, 1
#define VIRT_NODE            VIRT_OBJECTS, 1
#define VIRT_DOMAIN_TABLE    VIRT_OBJECTS, 2
#define VIRT_DOMAIN_ENTRY    VIRT_DOMAIN_TABLE, 1
#define VIRT_VCPU_TABLE      VIRT_OBJECTS, 3
#define VIRT_VCPU_ENTRY      VIRT_VCPU_TABLE, 1
#define VIRT_NOTIF_OBJECTS   VIRT_OBJECTS, 4
#define VIRT_NOTIF_OLD_STATE VIRT_NOTIF_OBJECTS, 1
#define VIRT_NOTIF_NEW_STATE VIRT_NOTIF_OBJECTS, 2

/* virtNode scalars */
#define NODE_HV_TYPE               1
#define NODE_HV_VERSION            2
#define NODE_LIB_VERSION           3
#define NODE_CPU_MODEL             4
#define NODE_MEMORY                5
#define NODE_CPUS                  6
#define NODE_MHZ                   7
#define NODE_NUMA_NODES            8
#define NODE_SOCKETS               9
#define NODE_CORES                 10
#define NODE_THREADS               11
#define NODE_MAX_CPUS              12
#define NODE_ACTIVE_DOMAINS        13
#define NODE_DEFINED_DOMAINS       14
#define NODE_TABLE_LAST_CHANGE     15
#define NODE_NOTIFICATIONS_ENABLED 16
#define NODE_STALE                 17
#define NODE_UNSAVED_DOMAINS       18

/* virtDomainEntry columns */
#define DOMAIN_COL_INDEX       1
#define DOMAIN_COL_UUID        2
#define DOMAIN_COL_UUID_STRING 3
#define DOMAIN_COL_NAME        4
#define DOMAIN_COL_ID          5
#define DOMAIN_COL_OS_TYPE     6
#define DOMAIN_COL_STATE       7
#define DOMAIN_COL_CPU_TIME    8
#define DOMAIN_COL_MAX_MEMORY  9
#define DOMAIN_COL_MEMORY      10
#define DOMAIN_COL_VCPUS       11
#define DOMAIN_COL_PERSISTENT  12
#define DOMAIN_COL_ADMIN_STATE 13

/* virtVcpuEntry columns */
#define VCPU_COL_NUMBER   1
#define VCPU_COL_STATE    2
#define VCPU_COL_CPU_TIME 3
#define VCPU_COL_CPU      4
#define VCPU_COL_AFFINITY 5

/* virtDomainAdminState values */
#define ADMIN_RUNNING  1
#define ADMIN_PAUSED   2
#define ADMIN_SHUTDOWN 3
#define ADMIN_REBOOT   4
#define ADMIN_DESTROY  5

/* TruthValue */
#define TV_TRUE  1
#define TV_FALSE 2

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
void agent_request_drop(void);
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
void notifications_expect_destroy(const unsigned char *uuid);

#endif /* VIRTMIBD_AGENT_H */
