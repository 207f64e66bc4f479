/*
 * devices.h: a domain's devices (disks and network interfaces) as its
 * domain XML (virDomainGetXMLDesc) describes them, for VM-MIB's storage
 * and network tables.  Free of SNMP types, like the rest of the model.
 *
 * A domain's devices are read once per change of the domain, not at
 * every poll (see snap_devices.c for what a change is): a snapshot row
 * holds a counted reference, shared with the previous snapshot's row
 * while the domain is unchanged.
 */

#ifndef VIRTMIBD_DEVICES_H
#define VIRTMIBD_DEVICES_H

#include <stddef.h>

#include <libvirt/libvirt.h>

/* Bounds: the rows of one domain, and a string (SnmpAdminString's 255). */
#define DEV_MAX_DISKS  256
#define DEV_MAX_IFACES 256
#define DEV_STR_MAX    255

#define DEV_MAC_LEN 6

struct snap_disk {
    char *dk_type;          /* <disk type=''>: file, block, network... */
    char *dk_device;        /* <disk device=''>: disk, cdrom, floppy... */
    char *dk_source;        /* the file, the device, or the network name */
    char *dk_format;        /* <driver type=''/>, "" when absent */
    char *dk_bus;           /* <target bus=''/>, else from the target name */
    char *dk_target;        /* <target dev=''/> */
    int dk_readonly;        /* <readonly/> */
    long long dk_defined;   /* bytes the guest sees, -1 unknown */
    long long dk_allocated; /* bytes used on the host, -1 unknown */
};

struct snap_iface {
    char *if_model; /* <model type=''/>, or the PV default */
    unsigned char if_mac[DEV_MAC_LEN];
    int if_hasmac;           /* <mac address=''/> was there */
    char *if_target;         /* <target dev=''/>, "" when absent */
    char *if_bridge;         /* <source bridge=''/>, "" when absent */
    unsigned int if_ifindex; /* the host's ifindex of if_target, 0 */
    unsigned int if_parent;  /* the host's ifindex of if_bridge, 0 */
};

struct snap_devices {
    unsigned int dv_refs; /* snapshot rows holding it */
    int dv_expired;       /* read again at the next snapshot */
    long dv_read_at;      /* CLOCK_MONOTONIC seconds of the read */
    size_t dv_ndisks;
    struct snap_disk *dv_disks; /* in XML order */
    size_t dv_nifaces;
    struct snap_iface *dv_ifaces; /* in XML order */
};

struct snap_devices *devices_parse(const char *xml, const char *ostype);
struct snap_devices *devices_read(virDomainPtr dom, const char *ostype);
struct snap_devices *devices_ref(struct snap_devices *dv);
void devices_unref(struct snap_devices *dv);
unsigned long devices_xml_reads(void);
const char *devices_bus_of(const char *target);

#endif /* VIRTMIBD_DEVICES_H */
