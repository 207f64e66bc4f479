/*
 * libvirt.h: the public interface of libvir, virtmib's implementation of
 * the classic libvirt hypervisor API.
 *
 * Every name, signature, structure layout and return convention here is
 * the one of the libvirt API document the project implements, so that a
 * program written against that document compiles unchanged.  Extensions
 * are marked as such.
 */

#ifndef VIR_LIBVIRT_H
#define VIR_LIBVIRT_H

#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * LIBVIR_VERSION_NUMBER:
 *
 * The version of the library as major * 1,000,000 + minor * 1,000 + micro.
 */
#define LIBVIR_VERSION_NUMBER 1000

/**
 * virConnect:
 *
 * A connection to a hypervisor.  Its content is private.
 */
typedef struct _virConnect virConnect;

/**
 * virConnectPtr:
 *
 * The handle of a hypervisor connection, used by every call of the API.
 */
typedef virConnect *virConnectPtr;

/**
 * virDomain:
 *
 * A domain (a virtual machine).  Its content is private.
 */
typedef struct _virDomain virDomain;

/**
 * virDomainPtr:
 *
 * The handle of a domain.
 */
typedef virDomain *virDomainPtr;

/**
 * virDomainState:
 *
 * The running state of a domain.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE = 0,  /* no state */
    VIR_DOMAIN_RUNNING = 1,  /* the domain is running */
    VIR_DOMAIN_BLOCKED = 2,  /* the domain is blocked on resource */
    VIR_DOMAIN_PAUSED = 3,   /* the domain is paused by user */
    VIR_DOMAIN_SHUTDOWN = 4, /* the domain is being shut down */
    VIR_DOMAIN_SHUTOFF = 5,  /* the domain is shut off */
    VIR_DOMAIN_CRASHED = 6   /* the domain is crashed */
} virDomainState;

/**
 * virDomainRestart:
 *
 * What to do when a domain stops (on_poweroff, on_reboot, on_crash).
 */
typedef enum {
    VIR_DOMAIN_DESTROY = 1,       /* destroy the domain */
    VIR_DOMAIN_RESTART = 2,       /* restart the domain */
    VIR_DOMAIN_PRESERVE = 3,      /* keep as is, need manual destroy */
    VIR_DOMAIN_RENAME_RESTART = 4 /* restart under a new unique name */
} virDomainRestart;

/**
 * virDeviceMode:
 *
 * How a device is accessed.
 */
typedef enum {
    VIR_DEVICE_DEFAULT = 0, /* default mode */
    VIR_DEVICE_RO = 1,      /* access read-only */
    VIR_DEVICE_RW = 2,      /* access read-write */
    VIR_DEVICE_RW_FORCE = 3 /* forced read-write even if already used */
} virDeviceMode;

/**
 * virDomainInfo:
 *
 * Information about a domain, filled by virDomainGetInfo().
 */
typedef struct _virDomainInfo virDomainInfo;

struct _virDomainInfo {
    unsigned char state;        /* the running state, a virDomainState */
    unsigned long maxMem;       /* the maximum memory in KBytes allowed */
    unsigned long memory;       /* the memory in KBytes used by the domain */
    unsigned short nrVirtCpu;   /* the number of virtual CPUs */
    unsigned long long cpuTime; /* the CPU time used in nanoseconds */
};

/**
 * virDomainInfoPtr:
 *
 * A pointer to a virDomainInfo structure.
 */
typedef virDomainInfo *virDomainInfoPtr;

/**
 * virDomainCreateFlags:
 *
 * Flags of virDomainCreateLinux().
 */
typedef enum { VIR_DOMAIN_NONE = 0 } virDomainCreateFlags;

/**
 * virNodeInfo:
 *
 * Information about the host node, filled by virNodeGetInfo().
 */
typedef struct _virNodeInfo virNodeInfo;

struct _virNodeInfo {
    char model[32];       /* string indicating the CPU model */
    unsigned long memory; /* memory size in kilobytes */
    unsigned int cpus;    /* the number of active CPUs */
    unsigned int mhz;     /* expected CPU frequency */
    unsigned int nodes;   /* the number of NUMA cells, 1 for UMA */
    unsigned int sockets; /* number of CPU sockets per node */
    unsigned int cores;   /* number of cores per socket */
    unsigned int threads; /* number of threads per core */
};

/**
 * virNodeInfoPtr:
 *
 * A pointer to a virNodeInfo structure.
 */
typedef virNodeInfo *virNodeInfoPtr;

/**
 * VIR_NODEINFO_MAXCPUS:
 * @nodeinfo: a virNodeInfo instance
 *
 * The total number of CPUs supported, though not necessarily active, in
 * the host.
 */
#define VIR_NODEINFO_MAXCPUS(nodeinfo)                          \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * \
     (nodeinfo).threads)

/**
 * virDomainKernel:
 *
 * The kernel of a Linux guest.
 */
typedef struct _virDomainKernel virDomainKernel;

struct _virDomainKernel {
    const char *kernel;  /* filename pointing to the kernel image */
    const char *ramdisk; /* an optional init ramdisk */
    const char *root;    /* an optional root block device */
    const char *extra;   /* optional kernel command line parameters */
};

/**
 * virDomainKernelPtr:
 *
 * A pointer to a virDomainKernel structure.
 */
typedef virDomainKernel *virDomainKernelPtr;

/**
 * virVcpuState:
 *
 * The state of a virtual CPU.
 */
typedef enum {
    VIR_VCPU_OFFLINE = 0, /* the virtual CPU is offline */
    VIR_VCPU_RUNNING = 1, /* the virtual CPU is running */
    VIR_VCPU_BLOCKED = 2  /* the virtual CPU is blocked on resource */
} virVcpuState;

/**
 * virVcpuInfo:
 *
 * Information about one virtual CPU, filled by virDomainGetVcpus().
 */
typedef struct _virVcpuInfo virVcpuInfo;

struct _virVcpuInfo {
    unsigned int number;        /* virtual CPU number */
    int state;                  /* value from virVcpuState */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
    int cpu;                    /* real CPU number, or -1 if offline */
};

/**
 * virVcpuInfoPtr:
 *
 * A pointer to a virVcpuInfo structure.
 */
typedef virVcpuInfo *virVcpuInfoPtr;

/*
 * CPU maps.  A cpumap is a bit map of real CPUs in 8-bit bytes, stored in
 * little-endian order: CPU 0-7 in byte 0, 8-15 in byte 1 and so on; in
 * each byte the lowest CPU number is the least significant bit.
 */

/**
 * VIR_USE_CPU:
 * @cpumap: pointer to a bit map of real CPUs (IN/OUT)
 * @cpu: the physical CPU number
 *
 * Sets the bit of @cpu (usable) in @cpumap.
 */
#define VIR_USE_CPU(cpumap, cpu) \
    ((cpumap)[(cpu) / 8] |= (unsigned char)(1 << ((cpu) % 8)))

/**
 * VIR_UNUSE_CPU:
 * @cpumap: pointer to a bit map of real CPUs (IN/OUT)
 * @cpu: the physical CPU number
 *
 * Resets the bit of @cpu (not usable) in @cpumap.
 */
#define VIR_UNUSE_CPU(cpumap, cpu) \
    ((cpumap)[(cpu) / 8] &= (unsigned char)~(1 << ((cpu) % 8)))

/**
 * VIR_CPU_MAPLEN:
 * @cpu: number of physical CPUs
 *
 * The length in bytes of a cpumap that holds @cpu physical CPUs.
 */
#define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)

/**
 * VIR_CPU_USABLE:
 * @cpumaps: pointer to an array of cpumaps (IN)
 * @maplen: the length in bytes of one cpumap
 * @vcpu: the virtual CPU number
 * @cpu: the physical CPU number
 *
 * Non-zero if @cpu is usable by @vcpu, 0 otherwise.
 */
#define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    ((cpumaps)[((vcpu) * (maplen)) + ((cpu) / 8)] & (1 << ((cpu) % 8)))

/**
 * VIR_COPY_CPUMAP:
 * @cpumaps: pointer to an array of cpumaps (IN)
 * @maplen: the length in bytes of one cpumap
 * @vcpu: the virtual CPU number
 * @cpumap: pointer to a caller-allocated cpumap of @maplen bytes (OUT)
 *
 * Copies the cpumap of @vcpu out of @cpumaps into @cpumap.
 */
#define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy((cpumap), &((cpumaps)[(vcpu) * (maplen)]), (maplen))

/**
 * VIR_GET_CPUMAP:
 * @cpumaps: pointer to an array of cpumaps (IN)
 * @maplen: the length in bytes of one cpumap
 * @vcpu: the virtual CPU number
 *
 * A pointer to the cpumap of @vcpu inside @cpumaps.
 */
#define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))

/* Library */
int virInitialize(void);
int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);

/* Connections */
virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
int virConnectClose(virConnectPtr conn);
const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/* Listing */
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, const char **names,
                                 int maxnames);
int virConnectNumOfDefinedDomains(virConnectPtr conn);

/* Domain handles */
virDomainPtr virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                                  unsigned int flags);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn,
                                         const char *uuidstr);
int virDomainFree(virDomainPtr domain);

/* Domain lifecycle */
int virDomainShutdown(virDomainPtr domain);
int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainDestroy(virDomainPtr domain);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);
int virDomainSave(virDomainPtr domain, const char *to);
int virDomainRestore(virConnectPtr conn, const char *from);
int virDomainCoreDump(virDomainPtr domain, const char *to, int flags);

/* Domain information */
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
char *virDomainGetOSType(virDomainPtr domain);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);
char *virDomainGetXMLDesc(virDomainPtr domain, int flags);

/* Defined domains */
virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
int virDomainUndefine(virDomainPtr domain);
int virDomainCreate(virDomainPtr domain);

/* Virtual CPUs */
int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                     unsigned char *cpumap, int maplen);
int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

/* Devices */
int virDomainAttachDevice(virDomainPtr domain, char *xml);
int virDomainDetachDevice(virDomainPtr domain, char *xml);

/*
 * Extensions.  Not in the classic API document; each has the name and
 * signature later libvirt gave the same call, so code using it stays
 * portable to libvirt.
 */
int virDomainIsPersistent(virDomainPtr domain);
int virDomainGetMaxVcpus(virDomainPtr domain);

/*
 * Domain events (extension: later libvirt's names, values and
 * signatures).  A program registers a callback on a connection and gets
 * one call per change of a domain's life cycle: those made through the
 * library (by any connection to the same test node) and, on Xen, those
 * xenstore reports (a domain appearing, shutting down, crashing, going
 * away), which need an event loop registered with virEventRegisterImpl.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED = 1,
    VIR_DOMAIN_EVENT_STARTED = 2,
    VIR_DOMAIN_EVENT_SUSPENDED = 3,
    VIR_DOMAIN_EVENT_RESUMED = 4,
    VIR_DOMAIN_EVENT_STOPPED = 5
} virDomainEventType;

typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED = 0,  /* a new persistent domain */
    VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1 /* a changed definition */
} virDomainEventDefinedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0
} virDomainEventUndefinedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED = 0,
    VIR_DOMAIN_EVENT_STARTED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_STARTED_RESTORED = 2
} virDomainEventStartedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0,
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED = 1
} virDomainEventSuspendedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0,
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED = 1
} virDomainEventResumedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,
    VIR_DOMAIN_EVENT_STOPPED_CRASHED = 2,
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED = 3,
    VIR_DOMAIN_EVENT_STOPPED_SAVED = 4,
    VIR_DOMAIN_EVENT_STOPPED_FAILED = 5
} virDomainEventStoppedDetailType;

typedef void (*virFreeCallback)(void *opaque);

typedef int (*virConnectDomainEventCallback)(virConnectPtr conn,
                                             virDomainPtr dom, int event,
                                             int detail, void *opaque);

int virConnectDomainEventRegister(virConnectPtr conn,
                                  virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregister(virConnectPtr conn,
                                    virConnectDomainEventCallback cb);

/* The event loop the library's drivers use to watch file descriptors. */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = (1 << 0),
    VIR_EVENT_HANDLE_WRITABLE = (1 << 1),
    VIR_EVENT_HANDLE_ERROR = (1 << 2),
    VIR_EVENT_HANDLE_HANGUP = (1 << 3)
} virEventHandleType;

typedef void (*virEventHandleCallback)(int watch, int fd, int events,
                                       void *opaque);
typedef int (*virEventAddHandleFunc)(int fd, int event,
                                     virEventHandleCallback cb, void *opaque,
                                     virFreeCallback ff);
typedef void (*virEventUpdateHandleFunc)(int watch, int event);
typedef int (*virEventRemoveHandleFunc)(int watch);

typedef void (*virEventTimeoutCallback)(int timer, void *opaque);
typedef int (*virEventAddTimeoutFunc)(int timeout, virEventTimeoutCallback cb,
                                      void *opaque, virFreeCallback ff);
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);
typedef int (*virEventRemoveTimeoutFunc)(int timer);

void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);

#ifdef __cplusplus
}
#endif

#include <libvirt/virterror.h>

#endif /* VIR_LIBVIRT_H */
