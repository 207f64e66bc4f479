/*
 * snapshot.h: a plain, immutable model of one hypervisor host (node,
 * domains, virtual CPUs) read in one go through the libvirt API, its
 * lookups and the life-cycle changes between two of them.  The domain
 * indexes come from the UUID-to-index map (index_map.h).
 *
 * Nothing here knows about SNMP or any MIB: VIRT-MIB (and later VM-MIB)
 * are views over this model.  Memory is in KiB, times in nanoseconds, as
 * the API reports them.
 */

#ifndef VIRTMIBD_SNAPSHOT_H
#define VIRTMIBD_SNAPSHOT_H

#include <stddef.h>

#include <libvirt/libvirt.h>

#define SNAP_UUID_LEN    16
#define SNAP_UUIDSTR_LEN 37

/* A pseudo state: the domain does not exist (old or new side of a diff). */
#define SNAP_STATE_ABSENT 7

enum snap_persistence {
    SNAP_PERSISTENT = 1,
    SNAP_TRANSIENT = 2,
    SNAP_UNKNOWN = 3
};

struct snap_vcpu {
    unsigned int sv_number;
    int sv_state;                   /* virVcpuState */
    unsigned long long sv_cputime;  /* ns */
    int sv_cpu;                     /* physical cpu, -1 if offline */
    const unsigned char *sv_cpumap; /* sn_maplen bytes, libvirt order */
};

struct snap_domain {
    unsigned int sd_index;
    unsigned char sd_uuid[SNAP_UUID_LEN];
    char sd_uuidstr[SNAP_UUIDSTR_LEN];
    char *sd_name;
    int sd_id; /* -1 when inactive */
    char *sd_ostype;
    int sd_state;                  /* virDomainState */
    unsigned long long sd_cputime; /* ns */
    unsigned long sd_maxmem;       /* KiB */
    unsigned long sd_memory;       /* KiB */
    unsigned int sd_nrvcpu;
    unsigned int sd_maxvcpus; /* virDomainGetMaxVcpus(), 0 if unknown */
    enum snap_persistence sd_persistent;
    int sd_autostart; /* 1 on, 0 off, -1 the library cannot tell */
    size_t sd_nvcpus;           /* rows in sd_vcpus (active only) */
    struct snap_vcpu *sd_vcpus; /* sorted by sv_number */
    unsigned char *sd_cpumaps;  /* sd_nvcpus * sn_maplen bytes */
    /* host uptime (cs) when last seen starting; active domains only */
    unsigned long long sd_started;
    /* its devices: counted, shared between snapshots (snap_devices.h) */
    struct snap_devices *sd_devices;
};

struct snap_node {
    char sn_hvtype[64];
    unsigned long sn_hvversion;
    unsigned long sn_libversion;
    char sn_model[33];
    unsigned long sn_memory; /* KiB */
    unsigned int sn_cpus;
    unsigned int sn_mhz;
    unsigned int sn_nodes;
    unsigned int sn_sockets;
    unsigned int sn_cores;
    unsigned int sn_threads;
    unsigned int sn_maxcpus;
    int sn_maplen; /* VIR_CPU_MAPLEN(sn_maxcpus) */
};

struct snapshot {
    struct snap_node ss_node;
    size_t ss_ndomains;
    struct snap_domain *ss_domains; /* sorted by sd_index */
    unsigned int ss_nactive;
    unsigned int ss_ndefined;
    /* host uptime (cs) when a row was last added or taken away */
    unsigned long long ss_rows_changed;
};

/* How a lookup matches: the exact row (GET) or the next one (GETNEXT). */
enum snap_lookup { SNAP_EXACT, SNAP_NEXT };

/* Life-cycle changes found by comparing two snapshots. */
enum snap_event_type {
    SNAP_EV_STARTED = 1,
    SNAP_EV_PAUSED,
    SNAP_EV_RESUMED,
    SNAP_EV_STOPPED, /* shut down or destroyed: two states cannot tell */
    SNAP_EV_CRASHED,
    SNAP_EV_DEFINED = 7,
    SNAP_EV_UNDEFINED
};

struct snap_event {
    enum snap_event_type se_type;
    const struct snap_domain *se_domain; /* new side, or old if gone */
    int se_old_state;                    /* SNAP_STATE_ABSENT if none */
    int se_new_state;
};

typedef void (*snap_event_cb)(const struct snap_event *ev, void *opaque);

struct index_map;
struct snap_devices;

/* snapshot */
struct snapshot *snapshot_empty(void);
struct snapshot *snapshot_take(virConnectPtr conn, struct index_map *map);
struct snapshot *snapshot_take_after(virConnectPtr conn, struct index_map *map,
                                     const struct snapshot *prev);
void snapshot_free(struct snapshot *snap);
const struct snap_domain *snapshot_domain_lookup(const struct snapshot *snap,
                                                 const unsigned int *idx,
                                                 size_t nidx,
                                                 enum snap_lookup how);
const struct snap_vcpu *snapshot_vcpu_lookup(const struct snapshot *snap,
                                             const unsigned int *idx,
                                             size_t nidx, enum snap_lookup how,
                                             const struct snap_domain **dom);
int snapshot_diff(const struct snapshot *old_snap,
                  const struct snapshot *new_snap, snap_event_cb cb,
                  void *opaque);
int snapshot_diff_domain(const struct snap_domain *old_dom,
                         const struct snap_domain *new_dom, snap_event_cb cb,
                         void *opaque);
int snapshot_domain_active(const struct snap_domain *dom);
int snapshot_update_domain(struct snapshot *snap, virConnectPtr conn,
                           const struct index_map *map,
                           const unsigned char *uuid, struct snap_domain *old);
void snapshot_domain_clear(struct snap_domain *sd);
size_t snapshot_hide_unsaved(struct snapshot *snap,
                             const struct index_map *map);

#endif /* VIRTMIBD_SNAPSHOT_H */
