/*
 * domain_conf.c: the model of a domain definition that the parser
 * (domain_parse.c, device_parse.c) builds and the formatter
 * (domain_format.c) writes: the spellings of its enums, its MAC
 * addresses, lookup in its device lists, deep copy and freeing.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/domain_conf_priv.h"

/* Strings */
static int virDomainStrDup(char **dst, const char *src);

/* Copying */
static int virDomainOSDefCopy(virDomainOSDef *dst, const virDomainOSDef *src);
static int virDomainDefCopyStrings(virDomainDefPtr dst,
                                   const virDomainDef *src);
static virDomainDiskDefPtr virDomainDiskDefCopy(const virDomainDiskDef *src);
static virDomainNetDefPtr virDomainNetDefCopy(const virDomainNetDef *src);
static int virDomainDiskListCopy(virDomainDiskDefPtr *dst,
                                 const virDomainDiskDef *src);
static int virDomainNetListCopy(virDomainNetDefPtr *dst,
                                const virDomainNetDef *src);
static virDomainGraphicsDefPtr
virDomainGraphicsDefCopy(const virDomainGraphicsDef *src);

/* Freeing */
static void virDomainOSDefClear(virDomainOSDef *os);


/* The spellings of the enums, indexed by value. */
const char *const virDomainDiskTypeNames[] = {
    [VIR_DOMAIN_DISK_FILE] = "file",
    [VIR_DOMAIN_DISK_BLOCK] = "block",
};
const char *const virDomainDiskDeviceNames[] = {
    [VIR_DOMAIN_DISK_DEVICE_DISK] = "disk",
    [VIR_DOMAIN_DISK_DEVICE_CDROM] = "cdrom",
};
const char *const virDomainNetTypeNames[] = {
    [VIR_DOMAIN_NET_BRIDGE] = "bridge",
    [VIR_DOMAIN_NET_ETHERNET] = "ethernet",
};
const char *const virDomainGraphicsTypeNames[] = {
    [VIR_DOMAIN_GRAPHICS_VNC] = "vnc",
    [VIR_DOMAIN_GRAPHICS_SDL] = "sdl",
};
const char *const virDomainRestartNames[] = {
    [VIR_DOMAIN_DESTROY] = "destroy",
    [VIR_DOMAIN_RESTART] = "restart",
    [VIR_DOMAIN_PRESERVE] = "preserve",
    [VIR_DOMAIN_RENAME_RESTART] = "rename-restart",
};


/* ------------------------------------------------------------------ */
/* MACs                                                               */
/* ------------------------------------------------------------------ */

/**
 * virMacAddrParse:
 * @str: "aa:bb:cc:dd:ee:ff", exactly six pairs of hex digits
 * @mac: caller-allocated buffer of 6 bytes receiving the address
 *
 * Returns 0 on success, -1 if @str is not such an address (@mac may then
 * be partly written).
 */
int
virMacAddrParse(const char *str, unsigned char *mac)
{
    int i;

    if (!str || !mac || strlen(str) != 17)
        return -1;
    for (i = 0; i < 6; i++) {
        int hi = virHexValue(str[3 * i]);
        int lo = virHexValue(str[3 * i + 1]);

        if (hi < 0 || lo < 0)
            return -1;
        if (i < 5 && str[3 * i + 2] != ':')
            return -1;
        mac[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

/**
 * virMacAddrFormat:
 * @mac: 6 bytes
 * @buf: caller-allocated, VIR_MAC_STRING_BUFLEN (18) bytes
 */
void
virMacAddrFormat(const unsigned char *mac, char *buf)
{
    snprintf(buf, VIR_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/* All zeros is refused in documents, so it marks "no <mac> given". */
bool
virDomainMacIsZero(const unsigned char *mac)
{
    static const unsigned char zero[6];

    return memcmp(mac, zero, sizeof(zero)) == 0;
}

/*
 * A random address in Xen's range, 00:16:3e:00:00:00-00:16:3e:7f:ff:ff,
 * not used by any interface of @def (which may be NULL).  The random
 * bytes come from virUUIDGenerate, the library's one random source.
 */
int
virDomainMacGenerate(virDomainDefPtr def, unsigned char *mac)
{
    unsigned char rnd[VIR_UUID_BUFLEN];
    unsigned char cand[6] = { 0x00, 0x16, 0x3e };
    int tries;

    for (tries = 0; tries < 64; tries++) {
        if (virUUIDGenerate(rnd) < 0)
            return -1;
        cand[3] = rnd[0] & 0x7f;
        cand[4] = rnd[1];
        cand[5] = rnd[2];
        if (!virDomainNetFind(def, cand)) {
            memcpy(mac, cand, sizeof(cand));
            return 0;
        }
    }
    return -1;
}

/* *@dst = a copy of @src (NULL stays NULL); -1 on allocation failure. */
static int
virDomainStrDup(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Copying                                                            */
/* ------------------------------------------------------------------ */

static int
virDomainOSDefCopy(virDomainOSDef *dst, const virDomainOSDef *src)
{
    if (virDomainStrDup(&dst->type, src->type) < 0 ||
        virDomainStrDup(&dst->kernel, src->kernel) < 0 ||
        virDomainStrDup(&dst->initrd, src->initrd) < 0 ||
        virDomainStrDup(&dst->cmdline, src->cmdline) < 0 ||
        virDomainStrDup(&dst->root, src->root) < 0 ||
        virDomainStrDup(&dst->loader, src->loader) < 0 ||
        virDomainStrDup(&dst->bootDev, src->bootDev) < 0)
        return -1;
    return 0;
}

static int
virDomainDefCopyStrings(virDomainDefPtr dst, const virDomainDef *src)
{
    if (virDomainStrDup(&dst->virtType, src->virtType) < 0 ||
        virDomainStrDup(&dst->name, src->name) < 0 ||
        virDomainStrDup(&dst->bootloader, src->bootloader) < 0 ||
        virDomainStrDup(&dst->consoleTty, src->consoleTty) < 0 ||
        virDomainOSDefCopy(&dst->os, &src->os) < 0)
        return -1;
    return 0;
}

/* One disk, not the ones linked after it. */
static virDomainDiskDefPtr
virDomainDiskDefCopy(const virDomainDiskDef *src)
{
    virDomainDiskDefPtr dst = calloc(1, sizeof(*dst));

    if (!dst)
        return NULL;
    dst->type = src->type;
    dst->device = src->device;
    dst->readonly = src->readonly;
    if (virDomainStrDup(&dst->driverName, src->driverName) < 0 ||
        virDomainStrDup(&dst->driverType, src->driverType) < 0 ||
        virDomainStrDup(&dst->src, src->src) < 0 ||
        virDomainStrDup(&dst->dst, src->dst) < 0) {
        virDomainDiskDefFree(dst);
        return NULL;
    }
    return dst;
}

/* One interface, not the ones linked after it. */
static virDomainNetDefPtr
virDomainNetDefCopy(const virDomainNetDef *src)
{
    virDomainNetDefPtr dst = calloc(1, sizeof(*dst));

    if (!dst)
        return NULL;
    dst->type = src->type;
    memcpy(dst->mac, src->mac, sizeof(dst->mac));
    if (virDomainStrDup(&dst->bridge, src->bridge) < 0 ||
        virDomainStrDup(&dst->script, src->script) < 0 ||
        virDomainStrDup(&dst->ifname, src->ifname) < 0) {
        virDomainNetDefFree(dst);
        return NULL;
    }
    return dst;
}

static int
virDomainDiskListCopy(virDomainDiskDefPtr *dst, const virDomainDiskDef *src)
{
    for (; src; src = src->next) {
        *dst = virDomainDiskDefCopy(src);
        if (!*dst)
            return -1;
        dst = &(*dst)->next;
    }
    return 0;
}

static int
virDomainNetListCopy(virDomainNetDefPtr *dst, const virDomainNetDef *src)
{
    for (; src; src = src->next) {
        *dst = virDomainNetDefCopy(src);
        if (!*dst)
            return -1;
        dst = &(*dst)->next;
    }
    return 0;
}

static virDomainGraphicsDefPtr
virDomainGraphicsDefCopy(const virDomainGraphicsDef *src)
{
    virDomainGraphicsDefPtr dst = calloc(1, sizeof(*dst));

    if (!dst)
        return NULL;
    dst->type = src->type;
    dst->port = src->port;
    if (virDomainStrDup(&dst->listen, src->listen) < 0) {
        free(dst);
        return NULL;
    }
    return dst;
}

/**
 * virDomainDefCopy:
 * @conn: the connection errors are raised on, or NULL
 * @def: the definition to copy
 *
 * Returns a deep copy of @def (caller-frees, virDomainDefFree), or NULL
 * after raising VIR_ERR_NO_MEMORY (VIR_ERR_INVALID_ARG when @def is NULL).
 */
virDomainDefPtr
virDomainDefCopy(virConnectPtr conn, const virDomainDef *def)
{
    virDomainDefPtr copy;

    if (!def) {
        virReportError(conn, NULL, VIR_FROM_XML, VIR_ERR_INVALID_ARG, "%s",
                       "cannot copy domain definition: none given");
        return NULL;
    }
    copy = calloc(1, sizeof(*copy));
    if (!copy)
        goto error;
    copy->id = def->id;
    memcpy(copy->uuid, def->uuid, sizeof(copy->uuid));
    copy->hasUUID = def->hasUUID;
    copy->maxmem = def->maxmem;
    copy->memory = def->memory;
    copy->vcpus = def->vcpus;
    copy->onPoweroff = def->onPoweroff;
    copy->onReboot = def->onReboot;
    copy->onCrash = def->onCrash;
    copy->console = def->console;
    if (virDomainDefCopyStrings(copy, def) < 0 ||
        virDomainDiskListCopy(&copy->disks, def->disks) < 0 ||
        virDomainNetListCopy(&copy->nets, def->nets) < 0)
        goto error;
    if (def->graphics) {
        copy->graphics = virDomainGraphicsDefCopy(def->graphics);
        if (!copy->graphics)
            goto error;
    }
    return copy;

error:
    virDomainDefFree(copy);
    virReportOOM(conn, VIR_FROM_XML);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Device lists                                                       */
/* ------------------------------------------------------------------ */

/**
 * virDomainDiskFind:
 * @def: a definition, or NULL
 * @dst: a target device name ("xvda"), or NULL
 *
 * Returns the disk of @def whose target is @dst (borrowed: lives as long
 * as it stays in @def), or NULL.
 */
virDomainDiskDefPtr
virDomainDiskFind(virDomainDefPtr def, const char *dst)
{
    virDomainDiskDefPtr disk;

    if (!def || !dst)
        return NULL;
    for (disk = def->disks; disk; disk = disk->next) {
        if (disk->dst && strcmp(disk->dst, dst) == 0)
            return disk;
    }
    return NULL;
}

/**
 * virDomainNetFind:
 * @def: a definition, or NULL
 * @mac: a 6-byte MAC address, or NULL
 *
 * Returns the interface of @def with address @mac (borrowed: lives as
 * long as it stays in @def), or NULL.
 */
virDomainNetDefPtr
virDomainNetFind(virDomainDefPtr def, const unsigned char *mac)
{
    virDomainNetDefPtr net;

    if (!def || !mac)
        return NULL;
    for (net = def->nets; net; net = net->next) {
        if (memcmp(net->mac, mac, sizeof(net->mac)) == 0)
            return net;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Freeing                                                            */
/* ------------------------------------------------------------------ */

static void
virDomainOSDefClear(virDomainOSDef *os)
{
    free(os->type);
    free(os->kernel);
    free(os->initrd);
    free(os->cmdline);
    free(os->root);
    free(os->loader);
    free(os->bootDev);
}

void
virDomainGraphicsDefFree(virDomainGraphicsDefPtr graphics)
{
    if (!graphics)
        return;
    free(graphics->listen);
    free(graphics);
}

/**
 * virDomainDiskDefFree:
 * @disk: a disk, or NULL
 *
 * Frees @disk alone: the disks linked after it through @next are left
 * alone, so unlink it from its list first.
 */
void
virDomainDiskDefFree(virDomainDiskDefPtr disk)
{
    if (!disk)
        return;
    free(disk->driverName);
    free(disk->driverType);
    free(disk->src);
    free(disk->dst);
    free(disk);
}

/**
 * virDomainNetDefFree:
 * @net: an interface, or NULL
 *
 * Frees @net alone: the interfaces linked after it through @next are left
 * alone, so unlink it from its list first.
 */
void
virDomainNetDefFree(virDomainNetDefPtr net)
{
    if (!net)
        return;
    free(net->bridge);
    free(net->script);
    free(net->ifname);
    free(net);
}

/**
 * virDomainDeviceDefFree:
 * @dev: a device, or NULL
 *
 * Frees @dev and the disk or interface it holds.
 */
void
virDomainDeviceDefFree(virDomainDeviceDefPtr dev)
{
    if (!dev)
        return;
    if (dev->type == VIR_DOMAIN_DEVICE_DISK)
        virDomainDiskDefFree(dev->data.disk);
    else if (dev->type == VIR_DOMAIN_DEVICE_NET)
        virDomainNetDefFree(dev->data.net);
    free(dev);
}

/**
 * virDomainDefFree:
 * @def: a definition, or NULL
 *
 * Frees @def with all its devices.
 */
void
virDomainDefFree(virDomainDefPtr def)
{
    virDomainDiskDefPtr disk;
    virDomainNetDefPtr net;

    if (!def)
        return;
    while ((disk = def->disks)) {
        def->disks = disk->next;
        virDomainDiskDefFree(disk);
    }
    while ((net = def->nets)) {
        def->nets = net->next;
        virDomainNetDefFree(net);
    }
    virDomainGraphicsDefFree(def->graphics);
    virDomainOSDefClear(&def->os);
    free(def->virtType);
    free(def->name);
    free(def->bootloader);
    free(def->consoleTty);
    free(def);
}
