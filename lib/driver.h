/*
 * driver.h: the driver table.  One struct of function pointers; a member a
 * driver leaves NULL is an operation it does not support, and the public
 * layer turns that into VIR_ERR_NO_SUPPORT.
 *
 * The public layer has checked every handle and argument it can check
 * (live handles, non-NULL pointers, read-only connections) before a driver
 * is called.  A driver that fails raises exactly one error with
 * virReportError() and returns -1 or NULL.
 */

#ifndef VIR_DRIVER_H
#define VIR_DRIVER_H

#include <stddef.h>

#include <libvirt/libvirt.h>

typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,  /* the URI is mine and it is open */
    VIR_DRV_OPEN_DECLINED = 1, /* not my URI: ask the next driver */
    VIR_DRV_OPEN_ERROR = -1    /* mine, but opening failed (error raised) */
} virDrvOpenStatus;

/* virDrvOpen flags */
#define VIR_DRV_OPEN_RO (1 << 0)

typedef const char *(*virDrvProbe)(void);
typedef virDrvOpenStatus (*virDrvOpen)(virConnectPtr conn, const char *name,
                                       int flags);
typedef int (*virDrvClose)(virConnectPtr conn);
typedef const char *(*virDrvGetType)(virConnectPtr conn);
typedef int (*virDrvGetVersion)(virConnectPtr conn, unsigned long *hvVer);
typedef int (*virDrvNodeGetInfo)(virConnectPtr conn, virNodeInfoPtr info);

typedef int (*virDrvListDomains)(virConnectPtr conn, int *ids, int maxids);
typedef int (*virDrvNumOfDomains)(virConnectPtr conn);
typedef int (*virDrvListDefinedDomains)(virConnectPtr conn, const char **names,
                                        int maxnames);
typedef int (*virDrvNumOfDefinedDomains)(virConnectPtr conn);

typedef virDomainPtr (*virDrvDomainCreateLinux)(virConnectPtr conn,
                                                const char *xmlDesc,
                                                unsigned int flags);
typedef virDomainPtr (*virDrvDomainLookupByID)(virConnectPtr conn, int id);
typedef virDomainPtr (*virDrvDomainLookupByUUID)(virConnectPtr conn,
                                                 const unsigned char *uuid);
typedef virDomainPtr (*virDrvDomainLookupByName)(virConnectPtr conn,
                                                 const char *name);

typedef int (*virDrvDomainSuspend)(virDomainPtr domain);
typedef int (*virDrvDomainResume)(virDomainPtr domain);
typedef int (*virDrvDomainShutdown)(virDomainPtr domain);
typedef int (*virDrvDomainReboot)(virDomainPtr domain, unsigned int flags);
typedef int (*virDrvDomainDestroy)(virDomainPtr domain);
typedef int (*virDrvDomainSave)(virDomainPtr domain, const char *to);
typedef int (*virDrvDomainRestore)(virConnectPtr conn, const char *from);
typedef int (*virDrvDomainCoreDump)(virDomainPtr domain, const char *to,
                                    int flags);

typedef int (*virDrvDomainGetInfo)(virDomainPtr domain, virDomainInfoPtr info);
typedef int (*virDrvDomainGetID)(virDomainPtr domain, unsigned int *id);
typedef char *(*virDrvDomainGetOSType)(virDomainPtr domain);
typedef unsigned long (*virDrvDomainGetMaxMemory)(virDomainPtr domain);
typedef int (*virDrvDomainSetMaxMemory)(virDomainPtr domain,
                                        unsigned long memory);
typedef int (*virDrvDomainSetMemory)(virDomainPtr domain, unsigned long memory);
typedef char *(*virDrvDomainGetXMLDesc)(virDomainPtr domain, int flags);

typedef virDomainPtr (*virDrvDomainDefineXML)(virConnectPtr conn,
                                              const char *xml);
typedef int (*virDrvDomainUndefine)(virDomainPtr domain);
typedef int (*virDrvDomainCreate)(virDomainPtr domain);

typedef int (*virDrvDomainSetVcpus)(virDomainPtr domain, unsigned int nvcpus);
typedef int (*virDrvDomainGetMaxVcpus)(virDomainPtr domain);
typedef int (*virDrvDomainPinVcpu)(virDomainPtr domain, unsigned int vcpu,
                                   const unsigned char *cpumap, int maplen);
typedef int (*virDrvDomainGetVcpus)(virDomainPtr domain, virVcpuInfoPtr info,
                                    int maxinfo, unsigned char *cpumaps,
                                    int maplen);

typedef int (*virDrvDomainAttachDevice)(virDomainPtr domain, const char *xml);
typedef int (*virDrvDomainDetachDevice)(virDomainPtr domain, const char *xml);
typedef int (*virDrvDomainIsPersistent)(virDomainPtr domain);
typedef int (*virDrvDomainEventStart)(virConnectPtr conn);
typedef void (*virDrvDomainEventStop)(virConnectPtr conn);

typedef struct _virDriver virDriver;
typedef virDriver *virDriverPtr;

/*
 * Notes on individual members:
 * - probe: the URI the driver serves when a connection is opened with a
 *   NULL name (a static string), or NULL when it does not serve the
 *   default on this host.  A driver that never does leaves it NULL.
 * - domainGetID: the current hypervisor id of the domain, which changes
 *   when a defined domain is started; the driver also refreshes
 *   domain->id.  Without it the public layer answers from the handle.
 * - domainDestroy: on success the public layer frees the handle.
 * - domainGetMaxMemory returns 0 after raising an error.
 * - domainEventStart: called when the connection gets its first domain
 *   event callback, to start watching the hypervisor for changes made
 *   elsewhere (raises an error and returns -1 when it cannot);
 *   domainEventStop when the last one goes.  Drivers whose domains change
 *   only through the library need neither: they queue events
 *   (domain_event.h) as they change domains.
 */
struct _virDriver {
    const char *name; /* the driver's name, e.g. "Test" or "Xen" */
    virDrvProbe probe;
    virDrvOpen open;
    virDrvClose close;
    virDrvGetType type;
    virDrvGetVersion version;
    virDrvNodeGetInfo nodeGetInfo;
    virDrvListDomains listDomains;
    virDrvNumOfDomains numOfDomains;
    virDrvListDefinedDomains listDefinedDomains;
    virDrvNumOfDefinedDomains numOfDefinedDomains;
    virDrvDomainCreateLinux domainCreateLinux;
    virDrvDomainLookupByID domainLookupByID;
    virDrvDomainLookupByUUID domainLookupByUUID;
    virDrvDomainLookupByName domainLookupByName;
    virDrvDomainSuspend domainSuspend;
    virDrvDomainResume domainResume;
    virDrvDomainShutdown domainShutdown;
    virDrvDomainReboot domainReboot;
    virDrvDomainDestroy domainDestroy;
    virDrvDomainSave domainSave;
    virDrvDomainRestore domainRestore;
    virDrvDomainCoreDump domainCoreDump;
    virDrvDomainGetInfo domainGetInfo;
    virDrvDomainGetID domainGetID;
    virDrvDomainGetOSType domainGetOSType;
    virDrvDomainGetMaxMemory domainGetMaxMemory;
    virDrvDomainSetMaxMemory domainSetMaxMemory;
    virDrvDomainSetMemory domainSetMemory;
    virDrvDomainGetXMLDesc domainGetXMLDesc;
    virDrvDomainDefineXML domainDefineXML;
    virDrvDomainUndefine domainUndefine;
    virDrvDomainCreate domainCreate;
    virDrvDomainSetVcpus domainSetVcpus;
    virDrvDomainGetMaxVcpus domainGetMaxVcpus;
    virDrvDomainPinVcpu domainPinVcpu;
    virDrvDomainGetVcpus domainGetVcpus;
    virDrvDomainAttachDevice domainAttachDevice;
    virDrvDomainDetachDevice domainDetachDevice;
    virDrvDomainIsPersistent domainIsPersistent;
    virDrvDomainEventStart domainEventStart;
    virDrvDomainEventStop domainEventStop;
};

/* The list of drivers (drivers.c), in the order they are asked to open a
 * URI: the first that accepts one owns the connection. */
virDriverPtr virDriverNth(size_t i);
const char *virDriverProbeAll(void);
extern const char virDriverDefaultType[];

#endif /* VIR_DRIVER_H */
