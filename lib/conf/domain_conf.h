/*
 * domain_conf.h: the parsed form of libvirt's domain XML and device XML,
 * shared by every driver.  Parsing uses libxml2 with network access and
 * entity expansion off; formatting what was parsed gives back the same
 * definition.
 */

#ifndef VIR_DOMAIN_CONF_H
#define VIR_DOMAIN_CONF_H

#include <libxml/tree.h>

#include "internal.h"
#include "util/xml.h"

/* Limits enforced by the parser. */
#define VIR_DOMAIN_MAX_VCPUS 4096
#define VIR_DOMAIN_MAX_NAME  255

typedef enum {
    VIR_DOMAIN_DISK_FILE = 0,
    VIR_DOMAIN_DISK_BLOCK,
} virDomainDiskType;

typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK = 0,
    VIR_DOMAIN_DISK_DEVICE_CDROM,
} virDomainDiskDevice;

typedef struct _virDomainDiskDef virDomainDiskDef;
typedef virDomainDiskDef *virDomainDiskDefPtr;
struct _virDomainDiskDef {
    int type;         /* virDomainDiskType */
    int device;       /* virDomainDiskDevice */
    char *driverName; /* <driver name=''/>, may be NULL */
    char *driverType; /* <driver type=''/>, may be NULL */
    char *src;        /* <source file=''/> or <source dev=''/>; may be
                         NULL only for an empty cdrom */
    char *dst;        /* <target dev=''/>, required, unique per domain */
    bool readonly;    /* <readonly/> */
    virDomainDiskDefPtr next;
};

typedef enum {
    VIR_DOMAIN_NET_BRIDGE = 0,
    VIR_DOMAIN_NET_ETHERNET,
} virDomainNetType;

typedef struct _virDomainNetDef virDomainNetDef;
typedef virDomainNetDef *virDomainNetDefPtr;
struct _virDomainNetDef {
    int type;             /* virDomainNetType */
    unsigned char mac[6]; /* <mac address=''/>; generated (00:16:3e:...,
                             Xen's prefix) when absent */
    char *bridge;         /* <source bridge=''/>, bridge type only */
    char *script;         /* <script path=''/>, may be NULL */
    char *ifname;         /* <target dev=''/>, may be NULL */
    virDomainNetDefPtr next;
};

typedef enum {
    VIR_DOMAIN_GRAPHICS_VNC = 0,
    VIR_DOMAIN_GRAPHICS_SDL,
} virDomainGraphicsType;

typedef struct _virDomainGraphicsDef virDomainGraphicsDef;
typedef virDomainGraphicsDef *virDomainGraphicsDefPtr;
struct _virDomainGraphicsDef {
    int type;     /* virDomainGraphicsType */
    int port;     /* vnc: -1 for autoport, else 5900.. */
    char *listen; /* vnc: listen address, may be NULL */
};

typedef struct _virDomainOSDef virDomainOSDef;
struct _virDomainOSDef {
    char *type;   /* "linux" (PV) or "hvm"; required */
    char *kernel; /* required for "linux" unless a bootloader is set */
    char *initrd;
    char *cmdline;
    char *root;
    char *loader;  /* hvm only */
    char *bootDev; /* hvm only: <boot dev='hd|cdrom|fd|network'/> */
};

typedef struct _virDomainDef virDomainDef;
typedef virDomainDef *virDomainDefPtr;
struct _virDomainDef {
    char *virtType; /* <domain type='xen'>; required */
    int id;         /* <domain id=''>, -1 when absent */
    char *name;     /* required, 1..VIR_DOMAIN_MAX_NAME bytes */
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool hasUUID;     /* false: the caller generates one */
    char *bootloader; /* <bootloader>, may be NULL */
    virDomainOSDef os;
    unsigned long maxmem; /* <memory>, KiB, > 0 */
    unsigned long memory; /* <currentMemory>, KiB; = maxmem when
                             absent; 0 < memory <= maxmem */
    unsigned int vcpus;   /* <vcpu>, 1..VIR_DOMAIN_MAX_VCPUS; 1 when
                             absent */
    int onPoweroff;       /* virDomainRestart; DESTROY when absent */
    int onReboot;         /* virDomainRestart; RESTART when absent */
    int onCrash;          /* virDomainRestart; RESTART when absent */
    virDomainDiskDefPtr disks;
    virDomainNetDefPtr nets;
    bool console;                     /* <console/> present */
    char *consoleTty;                 /* <console tty=''/>, may be NULL */
    virDomainGraphicsDefPtr graphics; /* at most one, may be NULL */
};

typedef enum {
    VIR_DOMAIN_DEVICE_DISK = 0,
    VIR_DOMAIN_DEVICE_NET,
} virDomainDeviceType;

/* One device of virDomainAttachDevice()/virDomainDetachDevice(). */
typedef struct _virDomainDeviceDef virDomainDeviceDef;
typedef virDomainDeviceDef *virDomainDeviceDefPtr;
struct _virDomainDeviceDef {
    int type; /* virDomainDeviceType */
    union {
        virDomainDiskDefPtr disk;
        virDomainNetDefPtr net;
    } data;
};

/*
 * Parsing.  On failure these raise one VIR_ERR_XML_ERROR (VIR_FROM_XML) on
 * @conn, whose message says why ("invalid domain XML: missing <name>"),
 * and return NULL.  The result is caller-frees (virDomainDefFree).
 */
virDomainDefPtr virDomainDefParseString(virConnectPtr conn, const char *xml);
/* @doc/@node: a <domain> element inside a larger document, e.g. a node
 * file; @source names that document in messages, with the line. */
virDomainDefPtr virDomainDefParseNode(virConnectPtr conn, xmlDocPtr doc,
                                      xmlNodePtr node, const char *source);
virDomainDeviceDefPtr virDomainDeviceDefParseString(virConnectPtr conn,
                                                    const char *xml);

/*
 * Formatting.  @id is written as <domain id=''> when >= 0.  Returns a
 * caller-frees string, or NULL after raising VIR_ERR_NO_MEMORY.
 */
char *virDomainDefFormat(virConnectPtr conn, const virDomainDef *def, int id);

/* A deep copy, or NULL after raising VIR_ERR_NO_MEMORY. */
virDomainDefPtr virDomainDefCopy(virConnectPtr conn, const virDomainDef *def);

/* Device lists */
virDomainDiskDefPtr virDomainDiskFind(virDomainDefPtr def, const char *dst);
virDomainNetDefPtr virDomainNetFind(virDomainDefPtr def,
                                    const unsigned char *mac);

/* Freeing; each accepts NULL.  virDomainDiskDefFree and virDomainNetDefFree
 * free one element only, not the ones linked after it: unlink it first. */
void virDomainDefFree(virDomainDefPtr def);
void virDomainDeviceDefFree(virDomainDeviceDefPtr dev);
void virDomainDiskDefFree(virDomainDiskDefPtr disk);
void virDomainNetDefFree(virDomainNetDefPtr net);

/* Parses a MAC address "aa:bb:cc:dd:ee:ff"; 0 on success, -1 if bad. */
int virMacAddrParse(const char *str, unsigned char *mac);
/* Writes @mac as "aa:bb:cc:dd:ee:ff" into @buf (VIR_MAC_STRING_BUFLEN). */
#define VIR_MAC_STRING_BUFLEN 18
void virMacAddrFormat(const unsigned char *mac, char *buf);

#endif /* VIR_DOMAIN_CONF_H */
