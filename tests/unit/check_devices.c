/*
 * check_devices.c: the devices the agent's snapshot carries (disks and
 * interfaces from the domain XML), read once per change of the domain;
 * the lookups of VM-MIB's storage and network tables; their values.
 * Expected values come from the library's own parser of the same XML.
 */

#include <config.h>

#include <check.h>
#include <fcntl.h>
#include <malloc.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "conf/domain_conf.h"
#include "model/devices.h"
#include "model/index_map.h"
#include "model/snap_devices.h"
#include "model/snapshot.h"
#include "model/vm_devices.h"
#include "model/vm_oids.h"

#define RAW_BYTES  (3 * 1048576 + 1)
#define QCOW_GUEST (10ULL * 1024 * 1048576)
#define ATTACH_DISK                                               \
    "<disk type='file' device='disk'><source file='/srv/x.img'/>" \
    "<target dev='xvdb'/></disk>"

static virConnectPtr conn;
static struct index_map *map;
static char state_path[256];
static char dir[256];
static char node_uri[640];

static void quiet_errors(void *userdata, virErrorPtr err);
static void open_uri(const char *uri);
static void open_default(void);
static void close_host(void);
static void open_node(void);
static void close_node(void);
static void write_file(const char *path, const void *data, size_t len,
                       off_t size);
static void write_node(const char *path);
static const struct snap_domain *row_named(const struct snapshot *snap,
                                           const char *name);
static void check_against_library(const struct snap_domain *sd);
Suite *devices_suite(void);

static void
quiet_errors(void *userdata, virErrorPtr err)
{
    (void)userdata;
    (void)err;
}

static void
open_uri(const char *uri)
{
    virSetErrorFunc(NULL, quiet_errors);
    conn = virConnectOpen(uri);
    ck_assert_ptr_nonnull(conn);
    snprintf(state_path, sizeof(state_path), "%s/devices-%ld.map", ABS_BUILDDIR,
             (long)getpid());
    unlink(state_path);
    map = index_map_open(state_path);
    ck_assert_ptr_nonnull(map);
    snapshot_devices_max_age(-1);
}

static void
open_default(void)
{
    open_uri("test:///default");
}

static void
close_host(void)
{
    index_map_free(map);
    map = NULL;
    unlink(state_path);
    virConnectClose(conn);
    conn = NULL;
}

static void
write_file(const char *path, const void *data, size_t len, off_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
    ck_assert_int_eq(ftruncate(fd, size), 0);
    close(fd);
}

/* A host of one domain with a raw image, a qcow2 image, a block device,
 * a read-only cdrom and a disk whose image is not there; an interface
 * on "lo", one without a target, one with a target this host lacks. */
static void
write_node(const char *path)
{
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fprintf(f,
            "<node><cpu model='t' mhz='1000' nodes='1' sockets='1' "
            "cores='2' threads='1'/><memory>4194304</memory>\n"
            "<domain type='xen'><name>store1</name>"
            "<os><type>hvm</type><loader>/l</loader></os>"
            "<memory>262144</memory><devices>\n"
            "<disk type='file' device='disk'><driver name='file' "
            "type='raw'/><source file='%s/raw.img'/><target dev='hda'/>"
            "</disk>\n"
            "<disk type='file' device='disk'><driver name='tap' "
            "type='qcow2'/><source file='%s/q.qcow2'/><target dev='sda'/>"
            "</disk>\n"
            "<disk type='block' device='disk'><source dev='/dev/null'/>"
            "<target dev='xvdc'/></disk>\n"
            "<disk type='file' device='cdrom'><source file='%s/none.iso'/>"
            "<target dev='hdc'/><readonly/></disk>\n"
            "<interface type='ethernet'><mac address='00:16:3e:00:00:0a'/>"
            "<target dev='lo'/></interface>\n"
            "<interface type='bridge'><mac address='00:16:3e:00:00:0b'/>"
            "<source bridge='lo'/></interface>\n"
            "<interface type='ethernet'><mac address='00:16:3e:00:00:0c'/>"
            "<target dev='vif99.0'/></interface>\n"
            "</devices></domain></node>\n",
            dir, dir, dir);
    fclose(f);
}

static void
open_node(void)
{
    unsigned char h[32] = { 'Q', 'F', 'I', 0xfb, 0, 0, 0, 3 };
    char path[600];
    int i;

    snprintf(dir, sizeof(dir), "%s/devices-%ld.d", ABS_BUILDDIR,
             (long)getpid());
    mkdir(dir, 0755);
    for (i = 0; i < 8; i++)
        h[24 + i] = (unsigned char)(QCOW_GUEST >> (56 - 8 * i));
    snprintf(path, sizeof(path), "%s/raw.img", dir);
    write_file(path, "x", 1, RAW_BYTES);
    snprintf(path, sizeof(path), "%s/q.qcow2", dir);
    write_file(path, h, sizeof(h), 65536);
    snprintf(path, sizeof(path), "%s/node.xml", dir);
    write_node(path);
    snprintf(node_uri, sizeof(node_uri), "test://%s", path);
    open_uri(node_uri);
}

static void
close_node(void)
{
    char path[600];

    close_host();
    snprintf(path, sizeof(path), "%s/raw.img", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/q.qcow2", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/node.xml", dir);
    unlink(path);
    rmdir(dir);
}

static const struct snap_domain *
row_named(const struct snapshot *snap, const char *name)
{
    size_t i;

    for (i = 0; i < snap->ss_ndomains; i++) {
        if (strcmp(snap->ss_domains[i].sd_name, name) == 0)
            return &snap->ss_domains[i];
    }
    return NULL;
}

/* The row's devices are those the library's own parser finds in the
 * domain's XML, in the same order. */
static void
check_against_library(const struct snap_domain *sd)
{
    virDomainPtr dom = virDomainLookupByUUID(conn, sd->sd_uuid);
    virDomainDefPtr def;
    virDomainDiskDefPtr disk;
    virDomainNetDefPtr net;
    char *xml;
    size_t i;

    ck_assert_ptr_nonnull(dom);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(xml);
    def = virDomainDefParseString(conn, xml);
    ck_assert_ptr_nonnull(def);
    ck_assert_ptr_nonnull(sd->sd_devices);
    for (i = 0, disk = def->disks; disk; disk = disk->next, i++) {
        const struct snap_disk *dk = &sd->sd_devices->dv_disks[i];

        ck_assert_uint_lt(i, sd->sd_devices->dv_ndisks);
        ck_assert_str_eq(dk->dk_source, disk->src ? disk->src : "");
        ck_assert_str_eq(dk->dk_target, disk->dst);
        ck_assert_str_eq(dk->dk_format,
                         disk->driverType ? disk->driverType : "");
        ck_assert_int_eq(dk->dk_readonly, disk->readonly);
        ck_assert_str_eq(dk->dk_type, disk->type == VIR_DOMAIN_DISK_BLOCK
                                          ? "block"
                                          : "file");
    }
    ck_assert_uint_eq(i, sd->sd_devices->dv_ndisks);
    for (i = 0, net = def->nets; net; net = net->next, i++) {
        const struct snap_iface *ifc = &sd->sd_devices->dv_ifaces[i];

        ck_assert_uint_lt(i, sd->sd_devices->dv_nifaces);
        ck_assert_int_eq(ifc->if_hasmac, 1);
        ck_assert_mem_eq(ifc->if_mac, net->mac, DEV_MAC_LEN);
        ck_assert_str_eq(ifc->if_target, net->ifname ? net->ifname : "");
        ck_assert_str_eq(ifc->if_bridge, net->bridge ? net->bridge : "");
    }
    ck_assert_uint_eq(i, sd->sd_devices->dv_nifaces);
    virDomainDefFree(def);
    free(xml);
    virDomainFree(dom);
}

/* Every domain of test:///default carries the devices of its XML. */
START_TEST(test_default_matches_xml)
{
    struct snapshot *snap = snapshot_take(conn, map);
    const struct snap_domain *web1;
    size_t i;

    ck_assert_ptr_nonnull(snap);
    for (i = 0; i < snap->ss_ndomains; i++)
        check_against_library(&snap->ss_domains[i]);
    web1 = row_named(snap, "web1");
    ck_assert_ptr_nonnull(web1);
    ck_assert_uint_gt(web1->sd_devices->dv_ndisks, 0);
    ck_assert_uint_gt(web1->sd_devices->dv_nifaces, 0);
    /* a PV guest's interface without <model/> is a netfront */
    ck_assert_str_eq(web1->sd_devices->dv_ifaces[0].if_model, "netfront");
    ck_assert_str_eq(web1->sd_devices->dv_disks[0].dk_bus, "xen");
    snapshot_free(snap);
}
END_TEST

/* A poll of unchanged domains reads no XML: the rows share the devices
 * of the snapshot before. */
START_TEST(test_unchanged_not_read)
{
    struct snapshot *s1, *s2;
    unsigned long before;
    size_t i;

    s1 = snapshot_take(conn, map);
    ck_assert_ptr_nonnull(s1);
    ck_assert_uint_eq(devices_xml_reads() > 0, 1);
    before = devices_xml_reads();
    s2 = snapshot_take_after(conn, map, s1);
    ck_assert_ptr_nonnull(s2);
    ck_assert_uint_eq(devices_xml_reads(), before);
    ck_assert_uint_eq(s1->ss_ndomains, s2->ss_ndomains);
    for (i = 0; i < s2->ss_ndomains; i++) {
        ck_assert_ptr_eq(s2->ss_domains[i].sd_devices,
                         s1->ss_domains[i].sd_devices);
        ck_assert_uint_eq(s2->ss_domains[i].sd_devices->dv_refs, 2);
    }
    snapshot_free(s1);
    for (i = 0; i < s2->ss_ndomains; i++)
        ck_assert_uint_eq(s2->ss_domains[i].sd_devices->dv_refs, 1);
    snapshot_free(s2);
}
END_TEST

/* A disk attached without an event shows once the domain's devices are
 * expired (what an event does) or too old; a detach likewise. */
START_TEST(test_attach_detach)
{
    struct snapshot *s1, *s2, *s3, *s4;
    virDomainPtr dom = virDomainLookupByName(conn, "web1");
    const struct snap_domain *row;
    unsigned long before;
    size_t n;

    ck_assert_ptr_nonnull(dom);
    s1 = snapshot_take(conn, map);
    row = row_named(s1, "web1");
    n = row->sd_devices->dv_ndisks;
    ck_assert_int_eq(virDomainAttachDevice(dom, (char *)ATTACH_DISK), 0);
    s2 = snapshot_take_after(conn, map, s1);
    ck_assert_uint_eq(row_named(s2, "web1")->sd_devices->dv_ndisks, n);
    ck_assert_int_eq(snapshot_expire_devices(s2, map, row->sd_uuid), 1);
    before = devices_xml_reads();
    s3 = snapshot_take_after(conn, map, s2);
    ck_assert_uint_eq(devices_xml_reads(), before + 1);
    row = row_named(s3, "web1");
    ck_assert_uint_eq(row->sd_devices->dv_ndisks, n + 1);
    ck_assert_str_eq(row->sd_devices->dv_disks[n].dk_target, "xvdb");
    check_against_library(row);
    ck_assert_int_eq(virDomainDetachDevice(dom, (char *)ATTACH_DISK), 0);
    snapshot_devices_max_age(0);
    before = devices_xml_reads();
    s4 = snapshot_take_after(conn, map, s3);
    ck_assert_uint_eq(devices_xml_reads(), before + s4->ss_ndomains);
    ck_assert_uint_eq(row_named(s4, "web1")->sd_devices->dv_ndisks, n);
    snapshot_free(s1);
    snapshot_free(s2);
    snapshot_free(s3);
    snapshot_free(s4);
    virDomainFree(dom);
}
END_TEST

/* Starting a domain (its id changes) reads its XML again, and only its. */
START_TEST(test_start_reads_again)
{
    struct snapshot *s1, *s2;
    virDomainPtr dom = virDomainLookupByName(conn, "build1");
    const struct snap_domain *o, *n;
    unsigned long before;

    ck_assert_ptr_nonnull(dom);
    s1 = snapshot_take(conn, map);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    before = devices_xml_reads();
    s2 = snapshot_take_after(conn, map, s1);
    ck_assert_uint_eq(devices_xml_reads(), before + 1);
    o = row_named(s1, "build1");
    n = row_named(s2, "build1");
    ck_assert_ptr_ne(o->sd_devices, n->sd_devices);
    check_against_library(n);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    snapshot_free(s1);
    snapshot_free(s2);
    virDomainFree(dom);
}
END_TEST

/* A SET's re-read of one domain reads its devices again too. */
START_TEST(test_update_reads_again)
{
    struct snapshot *snap = snapshot_take(conn, map);
    struct snap_domain old;
    const struct snap_domain *row = row_named(snap, "web1");
    unsigned char uuid[SNAP_UUID_LEN];
    unsigned long before = devices_xml_reads();

    memcpy(uuid, row->sd_uuid, SNAP_UUID_LEN);
    ck_assert_int_eq(snapshot_update_domain(snap, conn, map, uuid, &old), 0);
    ck_assert_uint_eq(devices_xml_reads(), before + 1);
    ck_assert_ptr_nonnull(row_named(snap, "web1")->sd_devices);
    check_against_library(row_named(snap, "web1"));
    snapshot_domain_clear(&old);
    snapshot_free(snap);
}
END_TEST

/* GETNEXT from nothing visits every disk once, in (index, position)
 * order; GET finds each; past the last there is none. */
START_TEST(test_disk_walk)
{
    struct snapshot *snap = snapshot_take(conn, map);
    const struct snap_domain *dom, *d2;
    const struct snap_disk *dk;
    unsigned int idx[2], pos = 0, pos2, last_dom = 0, last_pos = 0;
    size_t seen = 0, total = 0, i;

    for (i = 0; i < snap->ss_ndomains; i++)
        total += snap->ss_domains[i].sd_devices->dv_ndisks;
    ck_assert_uint_gt(total, 0);
    dk = snapshot_disk_lookup(snap, NULL, 0, SNAP_NEXT, &dom, &pos);
    while (dk) {
        ck_assert(dom->sd_index > last_dom ||
                  (dom->sd_index == last_dom && pos > last_pos));
        idx[0] = dom->sd_index;
        idx[1] = pos;
        ck_assert_ptr_eq(
            snapshot_disk_lookup(snap, idx, 2, SNAP_EXACT, &d2, &pos2), dk);
        last_dom = dom->sd_index;
        last_pos = pos;
        seen++;
        dk = snapshot_disk_lookup(snap, idx, 2, SNAP_NEXT, &dom, &pos);
    }
    ck_assert_uint_eq(seen, total);
    idx[0] = last_dom;
    idx[1] = 0;
    ck_assert_ptr_null(
        snapshot_disk_lookup(snap, idx, 2, SNAP_EXACT, &dom, &pos));
    snapshot_free(snap);
}
END_TEST

/* The node file's disks: source types, access, media, sizes. */
START_TEST(test_node_disks)
{
    struct snapshot *snap = snapshot_take(conn, map);
    const struct snap_domain *sd = row_named(snap, "store1");
    const struct snap_disk *dk;
    struct stat st;
    char path[600];

    ck_assert_ptr_nonnull(sd);
    check_against_library(sd);
    ck_assert_uint_eq(sd->sd_devices->dv_ndisks, 4);
    dk = sd->sd_devices->dv_disks;
    ck_assert_int_eq(vm_mib_storage_source(&dk[0]), VM_STORAGE_SOURCE_RAW);
    ck_assert_int_eq(vm_mib_storage_source(&dk[1]), VM_STORAGE_SOURCE_SPARSE);
    ck_assert_int_eq(vm_mib_storage_source(&dk[2]), VM_STORAGE_SOURCE_BLOCK);
    ck_assert_int_eq(vm_mib_storage_access(&dk[0]),
                     VM_STORAGE_ACCESS_READWRITE);
    ck_assert_int_eq(vm_mib_storage_access(&dk[3]), VM_STORAGE_ACCESS_READONLY);
    ck_assert_int_eq(vm_mib_storage_media(&dk[0]), VM_MEDIA_HARD);
    ck_assert_int_eq(vm_mib_storage_media(&dk[3]), VM_MEDIA_OPTICAL);
    ck_assert_str_eq(dk[0].dk_bus, "ide");
    ck_assert_str_eq(dk[1].dk_bus, "scsi");
    ck_assert_str_eq(dk[2].dk_bus, "xen");
    /* raw: both sizes its length, rounded up to MiB */
    ck_assert_int_eq(dk[0].dk_defined, RAW_BYTES);
    ck_assert_int_eq(dk[0].dk_allocated, RAW_BYTES);
    ck_assert_int_eq(vm_mib_storage_size(dk[0].dk_defined),
                     (RAW_BYTES + 1048575) / 1048576);
    /* qcow2: the guest's size from the header, the blocks it holds */
    snprintf(path, sizeof(path), "%s/q.qcow2", dir);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(dk[1].dk_defined, (long long)QCOW_GUEST);
    ck_assert_int_eq(dk[1].dk_allocated, (long long)st.st_blocks * 512);
    /* a block device and a missing image: unknown */
    ck_assert_int_eq(vm_mib_storage_size(dk[2].dk_defined), -1);
    ck_assert_int_eq(vm_mib_storage_size(dk[3].dk_allocated), -1);
    snapshot_free(snap);
}
END_TEST

/* The node file's interfaces: the host's ifindex of the target and of
 * the bridge where they exist, else 0; HVM without a model says "". */
START_TEST(test_node_ifaces)
{
    struct snapshot *snap = snapshot_take(conn, map);
    const struct snap_domain *sd = row_named(snap, "store1");
    const struct snap_iface *ifc;
    unsigned int lo = if_nametoindex("lo");

    ck_assert_ptr_nonnull(sd);
    ck_assert_uint_gt(lo, 0);
    ck_assert_uint_eq(sd->sd_devices->dv_nifaces, 3);
    ifc = sd->sd_devices->dv_ifaces;
    ck_assert_uint_eq(ifc[0].if_ifindex, lo);
    ck_assert_uint_eq(ifc[0].if_parent, 0);
    ck_assert_uint_eq(ifc[1].if_ifindex, 0);
    ck_assert_uint_eq(ifc[1].if_parent, lo);
    ck_assert_uint_eq(ifc[2].if_ifindex, 0);
    ck_assert_str_eq(ifc[0].if_model, "");
    snapshot_free(snap);
}
END_TEST

/* What the parser makes of odd XML: defaults, bounds, failures. */
START_TEST(test_parse_edges)
{
    struct snap_devices *dv;
    char *xml;
    size_t i, len = 0, cap = 64 * (DEV_MAX_DISKS + 10) + 64;

    ck_assert_ptr_null(devices_parse("not xml", NULL));
    ck_assert_ptr_null(devices_parse("<node/>", NULL));
    ck_assert_ptr_null(devices_parse(NULL, NULL));
    dv = devices_parse("<domain><devices><disk><target dev='vdb'/></disk>"
                       "<interface><mac address='zz'/><model type='e1000'/>"
                       "</interface></devices></domain>",
                       "hvm");
    ck_assert_ptr_nonnull(dv);
    ck_assert_str_eq(dv->dv_disks[0].dk_type, "file");
    ck_assert_str_eq(dv->dv_disks[0].dk_device, "disk");
    ck_assert_str_eq(dv->dv_disks[0].dk_bus, "virtio");
    ck_assert_str_eq(dv->dv_disks[0].dk_source, "");
    ck_assert_int_eq(dv->dv_ifaces[0].if_hasmac, 0);
    ck_assert_str_eq(dv->dv_ifaces[0].if_model, "e1000");
    devices_unref(dv);
    /* the document's OS type decides the PV default, not the caller's */
    dv = devices_parse("<domain><os><type arch='i686'>hvm</type></os>"
                       "<devices><interface/></devices></domain>",
                       "linux");
    ck_assert_ptr_nonnull(dv);
    ck_assert_str_eq(dv->dv_ifaces[0].if_model, "");
    devices_unref(dv);
    dv = devices_parse("<domain><os><type>linux</type></os>"
                       "<devices><interface/></devices></domain>",
                       "hvm");
    ck_assert_ptr_nonnull(dv);
    ck_assert_str_eq(dv->dv_ifaces[0].if_model, "netfront");
    devices_unref(dv);
    xml = malloc(cap);
    ck_assert_ptr_nonnull(xml);
    len += (size_t)snprintf(xml + len, cap - len, "<domain><devices>");
    for (i = 0; i < DEV_MAX_DISKS + 10; i++)
        len += (size_t)snprintf(xml + len, cap - len, "<disk type='network'/>");
    snprintf(xml + len, cap - len, "</devices></domain>");
    dv = devices_parse(xml, NULL);
    ck_assert_ptr_nonnull(dv);
    ck_assert_uint_eq(dv->dv_ndisks, DEV_MAX_DISKS);
    ck_assert_int_eq(vm_mib_storage_source(&dv->dv_disks[0]),
                     VM_STORAGE_SOURCE_NETWORK);
    devices_unref(dv);
    free(xml);
}
END_TEST

/*
 * A domain's devices take room for what it has, not for the bounds
 * (256 disks and 256 interfaces in every domain were 30 KiB each:
 * bench/RESULTS.md).  The allocator's usable size shows the room.
 */
START_TEST(test_parse_sizes)
{
    struct snap_devices *dv;

    dv = devices_parse("<domain><name>bare</name><devices><emulator/>"
                       "</devices></domain>",
                       "hvm");
    ck_assert_ptr_nonnull(dv);
    ck_assert_uint_eq(dv->dv_ndisks, 0);
    ck_assert_uint_eq(dv->dv_nifaces, 0);
    ck_assert_ptr_null(dv->dv_disks);
    ck_assert_ptr_null(dv->dv_ifaces);
    devices_unref(dv);
    ck_assert_ptr_nonnull(dv = devices_parse("<domain/>", NULL));
    ck_assert_ptr_null(dv->dv_disks);
    devices_unref(dv);
    dv = devices_parse("<domain><devices><disk><target dev='vda'/></disk>"
                       "<console/><interface/><disk><target dev='vdb'/>"
                       "</disk></devices></domain>",
                       "hvm");
    ck_assert_ptr_nonnull(dv);
    ck_assert_uint_eq(dv->dv_ndisks, 2);
    ck_assert_uint_eq(dv->dv_nifaces, 1);
    ck_assert_str_eq(dv->dv_disks[1].dk_target, "vdb");
    ck_assert_uint_lt(malloc_usable_size(dv->dv_disks),
                      3 * sizeof(struct snap_disk));
    ck_assert_uint_lt(malloc_usable_size(dv->dv_ifaces),
                      2 * sizeof(struct snap_iface));
    devices_unref(dv);
}
END_TEST

START_TEST(test_values)
{
    struct snap_disk dk;

    memset(&dk, 0, sizeof(dk));
    ck_assert_int_eq(vm_mib_storage_source(NULL), VM_STORAGE_SOURCE_UNKNOWN);
    dk.dk_type = (char *)"file";
    dk.dk_format = (char *)"vmdk";
    ck_assert_int_eq(vm_mib_storage_source(&dk), VM_STORAGE_SOURCE_SPARSE);
    dk.dk_format = (char *)"iso";
    ck_assert_int_eq(vm_mib_storage_source(&dk), VM_STORAGE_SOURCE_OTHER);
    dk.dk_type = (char *)"dir";
    ck_assert_int_eq(vm_mib_storage_source(&dk), VM_STORAGE_SOURCE_OTHER);
    dk.dk_device = (char *)"floppy";
    ck_assert_int_eq(vm_mib_storage_media(&dk), VM_MEDIA_FLOPPY);
    dk.dk_device = (char *)"lun";
    ck_assert_int_eq(vm_mib_storage_media(&dk), VM_MEDIA_OTHER);
    ck_assert_int_eq(vm_mib_storage_size(-1), -1);
    ck_assert_int_eq(vm_mib_storage_size(0), 0);
    ck_assert_int_eq(vm_mib_storage_size(1), 1);
    ck_assert_int_eq(vm_mib_storage_size(1048576), 1);
    ck_assert_int_eq(vm_mib_storage_size(1048577), 2);
    ck_assert_int_eq(vm_mib_storage_size(0x7fffffffffffffffLL), 2147483647);
    ck_assert_str_eq(devices_bus_of("xvda"), "xen");
    ck_assert_str_eq(devices_bus_of("fda"), "fdc");
    ck_assert_str_eq(devices_bus_of("nbd0"), "");
}
END_TEST

Suite *
devices_suite(void)
{
    Suite *s = suite_create("devices");
    TCase *tc;

    tc = tcase_create("default");
    tcase_add_checked_fixture(tc, open_default, close_host);
    tcase_add_test(tc, test_default_matches_xml);
    tcase_add_test(tc, test_unchanged_not_read);
    tcase_add_test(tc, test_attach_detach);
    tcase_add_test(tc, test_start_reads_again);
    tcase_add_test(tc, test_update_reads_again);
    tcase_add_test(tc, test_disk_walk);
    suite_add_tcase(s, tc);

    tc = tcase_create("node file");
    tcase_add_checked_fixture(tc, open_node, close_node);
    tcase_add_test(tc, test_node_disks);
    tcase_add_test(tc, test_node_ifaces);
    suite_add_tcase(s, tc);

    tc = tcase_create("values");
    tcase_add_test(tc, test_parse_edges);
    tcase_add_test(tc, test_parse_sizes);
    tcase_add_test(tc, test_values);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(devices_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
