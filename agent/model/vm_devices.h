/*
 * vm_devices.h: how a domain's devices (devices.h) read in VM-MIB's
 * vmStorageTable and vmNetworkTable, free of SNMP types.
 */

#ifndef VIRTMIBD_VM_DEVICES_H
#define VIRTMIBD_VM_DEVICES_H

#include "model/devices.h"

/* vmStorageSizeUnit: sizes in MiB, so Integer32 reaches 2 PiB */
#define VM_STORAGE_SIZE_UNIT 1048576

int vm_mib_storage_source(const struct snap_disk *dk);
int vm_mib_storage_access(const struct snap_disk *dk);
int vm_mib_storage_media(const struct snap_disk *dk);
int vm_mib_storage_size(long long bytes);

#endif /* VIRTMIBD_VM_DEVICES_H */
