/*
 * snap_devices.h: each snapshot row's devices (devices.h), read once per
 * change of the domain, and the lookups of VM-MIB's device tables.
 */

#ifndef VIRTMIBD_SNAP_DEVICES_H
#define VIRTMIBD_SNAP_DEVICES_H

#include <stddef.h>

#include <libvirt/libvirt.h>

#include "model/devices.h"
#include "model/snapshot.h"

/* Devices unchanged this long (s) are read again, a few per snapshot. */
#define SNAP_DEVICES_MAX_AGE 300
#define SNAP_DEVICES_BUDGET  32

struct index_map;

/* reading */
void snapshot_read_devices(struct snapshot *snap, virConnectPtr conn,
                           const struct snapshot *prev);
void snapshot_renew_devices(struct snap_domain *sd, virDomainPtr dom,
                            const struct snap_domain *old);
int snapshot_expire_devices(struct snapshot *snap, const struct index_map *map,
                            const unsigned char *uuid);
void snapshot_devices_max_age(int seconds);

/* lookups: rows by (domain index, 1-based position) */
const struct snap_disk *snapshot_disk_lookup(const struct snapshot *snap,
                                             const unsigned int *idx,
                                             size_t nidx, enum snap_lookup how,
                                             const struct snap_domain **dom,
                                             unsigned int *pos);
const struct snap_iface *
snapshot_iface_lookup(const struct snapshot *snap, const unsigned int *idx,
                      size_t nidx, enum snap_lookup how,
                      const struct snap_domain **dom, unsigned int *pos);

#endif /* VIRTMIBD_SNAP_DEVICES_H */
