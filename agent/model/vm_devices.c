/*
 * vm_devices.c: VM-MIB's (RFC 7666) values of a domain's disks: source
 * type, access, media type and sizes.
 */

#include <config.h>

#include <limits.h>
#include <string.h>

#include "model/vm_devices.h"
#include "model/vm_oids.h"

static int vm_devices_in(const char *word, const char *const *list, size_t n);

/* Image formats that grow on the host as the guest writes: the image is
 * smaller than the disk the guest sees until it is full, which is what
 * the RFC's sparse(5) stands for. */
static const char *const sparse_formats[] = {
    "qcow", "qcow2", "qed", "vhd", "vpc", "vmdk", "vdi", "cow",
};

/* A file read as is: raw, Xen's blktap "aio", or no format at all (the
 * file: and phy: back ends of Xen read the image as is). */
static const char *const raw_formats[] = { "", "raw", "aio" };

static int
vm_devices_in(const char *word, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; word && i < n; i++) {
        if (strcmp(word, list[i]) == 0)
            return 1;
    }
    return 0;
}

/**
 * vm_mib_storage_source:
 * @dk: a disk
 *
 * Returns the VirtualMachineStorageSourceType: block(3) for type
 * 'block', network(6) for 'network'; for a 'file', raw(4) or sparse(5)
 * by its format, other(2) for any other format; other(2) for any other
 * type ('dir', 'volume'); unknown(1) without a disk.
 */
int
vm_mib_storage_source(const struct snap_disk *dk)
{
    if (!dk || !dk->dk_type)
        return VM_STORAGE_SOURCE_UNKNOWN;
    if (strcmp(dk->dk_type, "block") == 0)
        return VM_STORAGE_SOURCE_BLOCK;
    if (strcmp(dk->dk_type, "network") == 0)
        return VM_STORAGE_SOURCE_NETWORK;
    if (strcmp(dk->dk_type, "file") != 0)
        return VM_STORAGE_SOURCE_OTHER;
    if (vm_devices_in(dk->dk_format, raw_formats,
                      sizeof(raw_formats) / sizeof(*raw_formats)))
        return VM_STORAGE_SOURCE_RAW;
    if (vm_devices_in(dk->dk_format, sparse_formats,
                      sizeof(sparse_formats) / sizeof(*sparse_formats)))
        return VM_STORAGE_SOURCE_SPARSE;
    return VM_STORAGE_SOURCE_OTHER;
}

/* readonly(3) for a disk with <readonly/>, else readwrite(2). */
int
vm_mib_storage_access(const struct snap_disk *dk)
{
    if (!dk)
        return VM_STORAGE_ACCESS_UNKNOWN;
    return dk->dk_readonly ? VM_STORAGE_ACCESS_READONLY
                           : VM_STORAGE_ACCESS_READWRITE;
}

/* IANAStorageMediaType of <disk device=''>: disk, cdrom, floppy; a
 * device the RFC has no number for (lun) is other(1). */
int
vm_mib_storage_media(const struct snap_disk *dk)
{
    if (!dk || !dk->dk_device || !*dk->dk_device)
        return VM_MEDIA_UNKNOWN;
    if (strcmp(dk->dk_device, "disk") == 0)
        return VM_MEDIA_HARD;
    if (strcmp(dk->dk_device, "cdrom") == 0)
        return VM_MEDIA_OPTICAL;
    if (strcmp(dk->dk_device, "floppy") == 0)
        return VM_MEDIA_FLOPPY;
    return VM_MEDIA_OTHER;
}

/* @bytes in VM_STORAGE_SIZE_UNIT, rounded up (a non-empty image is never
 * 0), at most INT_MAX; -1 (the RFC's unknown) for a negative @bytes. */
int
vm_mib_storage_size(long long bytes)
{
    long long units;

    if (bytes < 0)
        return -1;
    units = bytes / VM_STORAGE_SIZE_UNIT + (bytes % VM_STORAGE_SIZE_UNIT != 0);
    return units > INT_MAX ? INT_MAX : (int)units;
}
