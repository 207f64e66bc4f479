/*
 * libvirt.c: the public entry points of libvir.
 *
 * Each has the same skeleton: clear the last error; check the handle (the
 * registry knows live handles, so a freed pointer is an error, not a
 * crash); check the arguments; refuse changes on a read-only connection;
 * dispatch to the connection's driver or report VIR_ERR_NO_SUPPORT.  On
 * failure exactly one error is left behind.  Nothing here knows about a
 * particular hypervisor.
 */

#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "domain_event.h"
#include "internal.h"
#include "driver.h"

#include <libxml/parser.h>

/* Checks shared by every entry point */
static bool virCheckConnect(virConnectPtr conn, const char *func);
static bool virCheckDomain(virDomainPtr domain, const char *func);
static bool virCheckWritable(virConnectPtr conn, virDomainPtr domain,
                             const char *func);
static bool virCheckArg(virConnectPtr conn, virDomainPtr domain, bool ok,
                        const char *func, const char *what);
static bool virCheckSupported(virConnectPtr conn, virDomainPtr domain,
                              const void *op, const char *func);
static void virEnsureError(virConnectPtr conn, virDomainPtr domain,
                           unsigned long serial, const char *func);
static bool virDomainBegin(virDomainPtr domain, bool writes, const char *func);
static int virDomainFailed(virDomainPtr domain, unsigned long serial,
                           const char *func);
static bool virConnectBegin(virConnectPtr conn, bool writes, const char *func);

/* Opening */
static const char *virDefaultURI(void);
static virConnectPtr virConnectOpenInternal(const char *name, int flags);

static pthread_once_t virInitOnce = PTHREAD_ONCE_INIT;

static void
virInitializeOnce(void)
{
    xmlInitParser();
}

/**
 * virInitialize:
 *
 * Initializes the library.  Calling it is optional: every entry point
 * initializes on first use, and repeated calls are harmless.
 *
 * Returns 0.
 */
int
virInitialize(void)
{
    pthread_once(&virInitOnce, virInitializeOnce);
    return 0;
}

/* ------------------------------------------------------------------ */

static bool
virCheckConnect(virConnectPtr conn, const char *func)
{
    if (virIsConnect(conn))
        return true;
    virReportError(NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_CONN,
                   "%s: invalid connection pointer", func);
    return false;
}

static bool
virCheckDomain(virDomainPtr domain, const char *func)
{
    if (virIsDomain(domain))
        return true;
    virReportError(NULL, NULL, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN,
                   "%s: invalid domain pointer", func);
    return false;
}

static bool
virCheckWritable(virConnectPtr conn, virDomainPtr domain, const char *func)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return true;
    if (domain)
        virReportError(conn, domain, VIR_FROM_DOM, VIR_ERR_OPERATION_DENIED,
                       "%s of domain '%s' denied: the connection is "
                       "read-only",
                       func, domain->name);
    else
        virReportError(conn, NULL, VIR_FROM_NONE, VIR_ERR_OPERATION_DENIED,
                       "%s denied: the connection is read-only", func);
    return false;
}

static bool
virCheckArg(virConnectPtr conn, virDomainPtr domain, bool ok, const char *func,
            const char *what)
{
    if (ok)
        return true;
    if (domain)
        virReportError(conn, domain, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "%s of domain '%s': %s", func, domain->name, what);
    else
        virReportError(conn, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "%s: %s",
                       func, what);
    return false;
}

static bool
virCheckSupported(virConnectPtr conn, virDomainPtr domain, const void *op,
                  const char *func)
{
    if (op)
        return true;
    virReportError(conn, domain, VIR_FROM_NONE, VIR_ERR_NO_SUPPORT,
                   "%s: not supported by the %s driver", func,
                   conn->driver->name);
    return false;
}

/* A driver that failed without saying why still leaves one error. */
static void
virEnsureError(virConnectPtr conn, virDomainPtr domain, unsigned long serial,
               const char *func)
{
    if (virErrorSerial() != serial)
        return;
    virReportError(conn, domain, VIR_FROM_NONE, VIR_ERR_OPERATION_FAILED,
                   "%s failed in the %s driver", func, conn->driver->name);
}

/* Clear the last error, check @domain and, for a change, its connection. */
static bool
virDomainBegin(virDomainPtr domain, bool writes, const char *func)
{
    virResetLastError();
    if (!virCheckDomain(domain, func))
        return false;
    return !writes || virCheckWritable(domain->conn, domain, func);
}

static bool
virConnectBegin(virConnectPtr conn, bool writes, const char *func)
{
    virResetLastError();
    if (!virCheckConnect(conn, func))
        return false;
    return !writes || virCheckWritable(conn, NULL, func);
}

static int
virDomainFailed(virDomainPtr domain, unsigned long serial, const char *func)
{
    virEnsureError(domain->conn, domain, serial, func);
    return -1;
}

/* ------------------------------------------------------------------ */

/* LIBVIRT_DEFAULT_URI, else the URI of the first driver that serves a
 * NULL one on this host (Xen where Xen runs), else NULL. */
static const char *
virDefaultURI(void)
{
    const char *env = getenv("LIBVIRT_DEFAULT_URI");
    const char *uri;
    virDriverPtr drv;
    size_t i;

    if (env && *env)
        return env;
    for (i = 0; (drv = virDriverNth(i)); i++) {
        if (drv->probe && (uri = drv->probe()))
            return uri;
    }
    return NULL;
}

static virConnectPtr
virConnectOpenInternal(const char *name, int flags)
{
    virConnectPtr conn;
    size_t i;
    virDrvOpenStatus st = VIR_DRV_OPEN_DECLINED;

    virInitialize();
    virResetLastError();
    if (!name && !(name = virDefaultURI())) {
        virReportError(NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "no hypervisor URI given and no Xen hypervisor found: "
                       "pass a URI such as test:///default or xen:///, or "
                       "set LIBVIRT_DEFAULT_URI");
        return NULL;
    }
    if (!(conn = virConnectNew()) || !(conn->uri = strdup(name))) {
        virConnectRelease(conn);
        virReportOOM(NULL, VIR_FROM_NONE);
        return NULL;
    }
    if (flags & VIR_DRV_OPEN_RO)
        conn->flags |= VIR_CONNECT_RO;
    for (i = 0; (conn->driver = virDriverNth(i)); i++) {
        st = conn->driver->open(conn, name, flags);
        if (st != VIR_DRV_OPEN_DECLINED)
            break;
    }
    if (st == VIR_DRV_OPEN_SUCCESS)
        return conn;
    if (st == VIR_DRV_OPEN_DECLINED)
        virReportError(NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "cannot open connection to '%s': no driver for this "
                       "URI (use test:///default, test:///PATH/node.xml or "
                       "xen:///)",
                       name);
    else if (virErrorSerial() == 0 || !virGetLastError())
        virReportError(NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "cannot open connection to '%s'", name);
    conn->driver = NULL;
    virConnectRelease(conn);
    return NULL;
}

/**
 * virConnectOpen:
 * @name: the hypervisor URI (test:///default, test:///PATH/node.xml,
 *        xen:///), or NULL for LIBVIRT_DEFAULT_URI, else Xen when Xen is
 *        present
 *
 * Opens a read-write connection to a hypervisor.
 *
 * Returns a connection (caller closes it with virConnectClose), or NULL
 * in case of error.
 */
virConnectPtr
virConnectOpen(const char *name)
{
    return virConnectOpenInternal(name, 0);
}

/**
 * virConnectOpenReadOnly:
 * @name: as for virConnectOpen()
 *
 * Opens a read-only connection: every query works and every change fails
 * with VIR_ERR_OPERATION_DENIED.
 *
 * Returns a connection (caller closes it), or NULL in case of error.
 */
virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    return virConnectOpenInternal(name, VIR_DRV_OPEN_RO);
}

/**
 * virConnectClose:
 * @conn: pointer to the hypervisor connection
 *
 * Closes @conn and frees every domain handle obtained through it.
 *
 * Returns 0 in case of success or -1 in case of error.
 */
int
virConnectClose(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        return -1;
    virDomainEventConnClosed(conn);
    if (conn->driver->close)
        conn->driver->close(conn);
    virConnectRelease(conn);
    return 0;
}

/**
 * virConnectGetType:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the name of the hypervisor software ("Xen", "Test"): a static
 * string, or NULL in case of error.
 */
const char *
virConnectGetType(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        return NULL;
    if (conn->driver->type)
        return conn->driver->type(conn);
    return conn->driver->name;
}

/**
 * virGetVersion:
 * @libVer: the library version, major * 1,000,000 + minor * 1,000 + micro
 *          (OUT)
 * @type: the hypervisor type ("Xen" when NULL, or "Test")
 * @typeVer: the version of the driver for @type (OUT, may be NULL)
 *
 * Returns 0, or -1 when @libVer is NULL or @type names no driver of this
 * build (VIR_ERR_NO_SUPPORT).
 */
int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virDriverPtr drv;
    size_t i;

    virInitialize();
    virResetLastError();
    if (!virCheckArg(NULL, NULL, libVer != NULL, __func__, "libVer is NULL"))
        return -1;
    *libVer = LIBVIR_VERSION_NUMBER;
    if (!typeVer)
        return 0;
    if (!type)
        type = virDriverDefaultType;
    for (i = 0; (drv = virDriverNth(i)); i++) {
        if (strcasecmp(type, drv->name) == 0) {
            *typeVer = LIBVIR_VERSION_NUMBER;
            return 0;
        }
    }
    virReportError(NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_SUPPORT,
                   "%s: no driver for hypervisor type '%s' in this build",
                   __func__, type);
    return -1;
}

/**
 * virConnectGetVersion:
 * @conn: pointer to the hypervisor connection
 * @hvVer: the hypervisor version, major * 1,000,000 + minor * 1,000 +
 *         release, or 0 when it cannot be known (OUT)
 *
 * Returns 0, or -1 in case of error.
 */
int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    unsigned long serial;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        !virCheckArg(conn, NULL, hvVer != NULL, __func__, "hvVer is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->version, __func__))
        return -1;
    serial = virErrorSerial();
    if (conn->driver->version(conn, hvVer) < 0) {
        virEnsureError(conn, NULL, serial, __func__);
        return -1;
    }
    return 0;
}

/**
 * virNodeGetInfo:
 * @conn: pointer to the hypervisor connection
 * @info: a caller-allocated virNodeInfo (OUT)
 *
 * Returns 0, or -1 in case of error.
 */
int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    unsigned long serial;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        !virCheckArg(conn, NULL, info != NULL, __func__, "info is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->nodeGetInfo, __func__))
        return -1;
    memset(info, 0, sizeof(*info));
    serial = virErrorSerial();
    if (conn->driver->nodeGetInfo(conn, info) < 0) {
        virEnsureError(conn, NULL, serial, __func__);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ listing */

/**
 * virConnectListDomains:
 * @conn: pointer to the hypervisor connection
 * @ids: caller-allocated array that receives the IDs of active domains
 * @maxids: capacity of @ids
 *
 * Returns the number of IDs stored in @ids, or -1 in case of error.
 */
int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    unsigned long serial;
    int n;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, ids != NULL, __func__, "ids is NULL") ||
        !virCheckArg(conn, NULL, maxids >= 0, __func__, "maxids is negative") ||
        !virCheckSupported(conn, NULL, conn->driver->listDomains, __func__))
        return -1;
    serial = virErrorSerial();
    if ((n = conn->driver->listDomains(conn, ids, maxids)) < 0)
        virEnsureError(conn, NULL, serial, __func__);
    return n;
}

/**
 * virConnectNumOfDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the number of active domains, or -1 in case of error.
 */
int
virConnectNumOfDomains(virConnectPtr conn)
{
    unsigned long serial;
    int n;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckSupported(conn, NULL, conn->driver->numOfDomains, __func__))
        return -1;
    serial = virErrorSerial();
    if ((n = conn->driver->numOfDomains(conn)) < 0)
        virEnsureError(conn, NULL, serial, __func__);
    return n;
}

/**
 * virConnectListDefinedDomains:
 * @conn: pointer to the hypervisor connection
 * @names: caller-allocated array that receives the names of the defined,
 *         inactive domains; each name is caller-frees:
 *         free((void *)(uintptr_t)names[i])
 * @maxnames: capacity of @names
 *
 * Returns the number of names stored, or -1 in case of error.
 */
int
virConnectListDefinedDomains(virConnectPtr conn, const char **names,
                             int maxnames)
{
    unsigned long serial;
    int n;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, names != NULL, __func__, "names is NULL") ||
        !virCheckArg(conn, NULL, maxnames >= 0, __func__,
                     "maxnames is negative") ||
        !virCheckSupported(conn, NULL, conn->driver->listDefinedDomains,
                           __func__))
        return -1;
    serial = virErrorSerial();
    if ((n = conn->driver->listDefinedDomains(conn, names, maxnames)) < 0)
        virEnsureError(conn, NULL, serial, __func__);
    return n;
}

/**
 * virConnectNumOfDefinedDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the number of defined, inactive domains, or -1 in case of error.
 */
int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    unsigned long serial;
    int n;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckSupported(conn, NULL, conn->driver->numOfDefinedDomains,
                           __func__))
        return -1;
    serial = virErrorSerial();
    if ((n = conn->driver->numOfDefinedDomains(conn)) < 0)
        virEnsureError(conn, NULL, serial, __func__);
    return n;
}

/* ------------------------------------------------------------ handles */

/**
 * virDomainCreateLinux:
 * @conn: pointer to the hypervisor connection
 * @xmlDesc: the domain XML, as virDomainGetXMLDesc() gives it
 * @flags: VIR_DOMAIN_NONE (other values are refused)
 *
 * Starts a new transient domain from @xmlDesc.
 *
 * Returns a new domain handle (caller frees with virDomainFree), or NULL
 * in case of error.
 */
virDomainPtr
virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                     unsigned int flags)
{
    unsigned long serial;
    virDomainPtr dom;

    if (!virConnectBegin(conn, true, __func__) ||
        !virCheckArg(conn, NULL, xmlDesc != NULL, __func__,
                     "xmlDesc is NULL") ||
        !virCheckArg(conn, NULL, flags == 0, __func__, "unknown flags") ||
        !virCheckSupported(conn, NULL, conn->driver->domainCreateLinux,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(dom = conn->driver->domainCreateLinux(conn, xmlDesc, flags)))
        virEnsureError(conn, NULL, serial, __func__);
    else
        virDomainEventFlush();
    return dom;
}

/**
 * virDomainLookupByID:
 * @conn: pointer to the hypervisor connection
 * @id: the hypervisor id of an active domain
 *
 * Returns a new domain handle (caller frees), or NULL in case of error
 * (VIR_ERR_NO_DOMAIN when no active domain has @id).
 */
virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    unsigned long serial;
    virDomainPtr dom;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, id >= 0, __func__, "id is negative") ||
        !virCheckSupported(conn, NULL, conn->driver->domainLookupByID,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(dom = conn->driver->domainLookupByID(conn, id)))
        virEnsureError(conn, NULL, serial, __func__);
    return dom;
}

/**
 * virDomainLookupByUUID:
 * @conn: pointer to the hypervisor connection
 * @uuid: the 16 raw bytes of the domain's uuid
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    unsigned long serial;
    virDomainPtr dom;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, uuid != NULL, __func__, "uuid is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->domainLookupByUUID,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(dom = conn->driver->domainLookupByUUID(conn, uuid)))
        virEnsureError(conn, NULL, serial, __func__);
    return dom;
}

/**
 * virDomainLookupByUUIDString:
 * @conn: pointer to the hypervisor connection
 * @uuidstr: the uuid as text (with or without dashes)
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        !virCheckArg(conn, NULL, uuidstr != NULL, __func__, "uuidstr is NULL"))
        return NULL;
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportError(conn, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "%s: '%s' is not a valid uuid", __func__, uuidstr);
        return NULL;
    }
    return virDomainLookupByUUID(conn, uuid);
}

/**
 * virDomainLookupByName:
 * @conn: pointer to the hypervisor connection
 * @name: the domain's name
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    unsigned long serial;
    virDomainPtr dom;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, name != NULL, __func__, "name is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->domainLookupByName,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(dom = conn->driver->domainLookupByName(conn, name)))
        virEnsureError(conn, NULL, serial, __func__);
    return dom;
}

/**
 * virDomainFree:
 * @domain: a domain handle
 *
 * Frees the handle; the domain itself keeps running.
 *
 * Returns 0, or -1 when @domain is not a live handle.
 */
int
virDomainFree(virDomainPtr domain)
{
    if (!virDomainBegin(domain, false, __func__))
        return -1;
    virDomainRelease(domain);
    return 0;
}

/* ---------------------------------------------------------- lifecycle */

/**
 * virDomainSuspend:
 * @domain: a domain handle
 *
 * Pauses a running domain; its memory stays allocated.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSuspend(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainSuspend, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSuspend(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainResume:
 * @domain: a domain handle
 *
 * Resumes a paused domain.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainResume(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainResume, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainResume(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainShutdown:
 * @domain: a domain handle
 *
 * Asks the domain's OS to shut down.  The handle stays usable.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainShutdown(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainShutdown, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainShutdown(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainReboot:
 * @domain: a domain handle
 * @flags: 0 (other values are refused)
 *
 * Asks the domain's OS to reboot.  The handle stays usable.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainReboot(virDomainPtr domain, unsigned int flags)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, flags == 0, __func__,
                     "unknown flags") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainReboot, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainReboot(domain, flags) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainDestroy:
 * @domain: a domain handle
 *
 * Stops the domain at once and gives its resources back.  A persistent
 * domain stays defined; a transient one is gone.  On success @domain is
 * freed and must not be used again.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainDestroy(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainDestroy, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainDestroy(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainRelease(domain);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainSave:
 * @domain: a domain handle
 * @to: path of the file to write
 *
 * Saves the domain's state to @to and stops it.  On failure the domain is
 * left as it was.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSave(virDomainPtr domain, const char *to)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, to != NULL && *to, __func__,
                     "no file name") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainSave, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSave(domain, to) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainRestore:
 * @conn: pointer to the hypervisor connection
 * @from: a file written by virDomainSave()
 *
 * Brings a saved domain back, running.  A damaged file is refused and
 * creates nothing.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainRestore(virConnectPtr conn, const char *from)
{
    unsigned long serial;

    if (!virConnectBegin(conn, true, __func__) ||
        !virCheckArg(conn, NULL, from != NULL && *from, __func__,
                     "no file name") ||
        !virCheckSupported(conn, NULL, conn->driver->domainRestore, __func__))
        return -1;
    serial = virErrorSerial();
    if (conn->driver->domainRestore(conn, from) < 0) {
        virEnsureError(conn, NULL, serial, __func__);
        return -1;
    }
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainCoreDump:
 * @domain: a domain handle
 * @to: path of the core file to write
 * @flags: 0 (other values are refused)
 *
 * Writes the domain's core to @to; the domain keeps its state.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainCoreDump(virDomainPtr domain, const char *to, int flags)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, to != NULL && *to, __func__,
                     "no file name") ||
        !virCheckArg(domain->conn, domain, flags == 0, __func__,
                     "unknown flags") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainCoreDump, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainCoreDump(domain, to, flags) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/* -------------------------------------------------------- information */

/**
 * virDomainGetInfo:
 * @domain: a domain handle
 * @info: a caller-allocated virDomainInfo (OUT)
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    unsigned long serial;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckArg(domain->conn, domain, info != NULL, __func__,
                     "info is NULL") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainGetInfo, __func__))
        return -1;
    memset(info, 0, sizeof(*info));
    serial = virErrorSerial();
    if (domain->conn->driver->domainGetInfo(domain, info) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetName:
 * @domain: a domain handle
 *
 * Returns the domain's name (borrowed: lives as long as @domain), or NULL
 * in case of error.
 */
const char *
virDomainGetName(virDomainPtr domain)
{
    if (!virDomainBegin(domain, false, __func__))
        return NULL;
    return domain->name;
}

/**
 * virDomainGetID:
 * @domain: a domain handle
 *
 * Returns the domain's hypervisor id, or (unsigned int)-1 when the domain
 * is inactive or in case of error.
 */
unsigned int
virDomainGetID(virDomainPtr domain)
{
    unsigned long serial;
    unsigned int id;

    if (!virDomainBegin(domain, false, __func__))
        return (unsigned int)-1;
    if (!domain->conn->driver->domainGetID)
        return (unsigned int)domain->id;
    serial = virErrorSerial();
    if (domain->conn->driver->domainGetID(domain, &id) < 0) {
        virDomainFailed(domain, serial, __func__);
        return (unsigned int)-1;
    }
    return id;
}

/**
 * virDomainGetUUID:
 * @domain: a domain handle
 * @uuid: a caller-allocated array of VIR_UUID_BUFLEN (16) bytes (OUT)
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckArg(domain->conn, domain, uuid != NULL, __func__,
                     "uuid is NULL"))
        return -1;
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;
}

/**
 * virDomainGetUUIDString:
 * @domain: a domain handle
 * @buf: a caller-allocated array of 37 bytes (OUT)
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckArg(domain->conn, domain, buf != NULL, __func__,
                     "buf is NULL"))
        return -1;
    virUUIDFormat(domain->uuid, buf);
    return 0;
}

/**
 * virDomainGetOSType:
 * @domain: a domain handle
 *
 * Returns the OS type ("linux", "hvm"), caller-frees, or NULL in case of
 * error.
 */
char *
virDomainGetOSType(virDomainPtr domain)
{
    unsigned long serial;
    char *type;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainGetOSType, __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(type = domain->conn->driver->domainGetOSType(domain)))
        virDomainFailed(domain, serial, __func__);
    return type;
}

/**
 * virDomainGetMaxMemory:
 * @domain: a domain handle
 *
 * A NULL @domain is an error here: the classic "NULL means Domain-0"
 * needs a connection, so look Domain-0 up by id 0 instead.
 *
 * Returns the maximum memory in KiB, or 0 in case of error.
 */
unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    unsigned long serial;
    unsigned long mem;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainGetMaxMemory, __func__))
        return 0;
    serial = virErrorSerial();
    if ((mem = domain->conn->driver->domainGetMaxMemory(domain)) == 0)
        virDomainFailed(domain, serial, __func__);
    return mem;
}

/**
 * virDomainSetMaxMemory:
 * @domain: a domain handle
 * @memory: the new maximum in KiB, > 0
 *
 * A maximum below the current memory lowers the current memory too.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, memory > 0, __func__,
                     "memory must be greater than 0 KiB") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainSetMaxMemory, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSetMaxMemory(domain, memory) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainSetMemory:
 * @domain: a domain handle
 * @memory: the new target in KiB, 0 < @memory <= the maximum
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, memory > 0, __func__,
                     "memory must be greater than 0 KiB") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainSetMemory, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSetMemory(domain, memory) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetXMLDesc:
 * @domain: a domain handle
 * @flags: 0 (other values are refused)
 *
 * Returns the domain XML, caller-frees, which virDomainCreateLinux() and
 * virDomainDefineXML() accept; NULL in case of error.
 */
char *
virDomainGetXMLDesc(virDomainPtr domain, int flags)
{
    unsigned long serial;
    char *xml;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckArg(domain->conn, domain, flags == 0, __func__,
                     "unknown flags") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainGetXMLDesc, __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(xml = domain->conn->driver->domainGetXMLDesc(domain, flags)))
        virDomainFailed(domain, serial, __func__);
    return xml;
}

/* ---------------------------------------------------- defined domains */

/**
 * virDomainDefineXML:
 * @conn: pointer to the hypervisor connection
 * @xml: the domain XML
 *
 * Defines a persistent domain without starting it, or redefines the
 * inactive domain of the same name and uuid.
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    unsigned long serial;
    virDomainPtr dom;

    if (!virConnectBegin(conn, true, __func__) ||
        !virCheckArg(conn, NULL, xml != NULL, __func__, "xml is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->domainDefineXML, __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(dom = conn->driver->domainDefineXML(conn, xml)))
        virEnsureError(conn, NULL, serial, __func__);
    else
        virDomainEventFlush();
    return dom;
}

/**
 * virDomainUndefine:
 * @domain: a defined domain
 *
 * Removes the definition.  A running domain keeps running, as a transient
 * domain.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainUndefine(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainUndefine, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainUndefine(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainCreate:
 * @domain: a defined, inactive domain
 *
 * Starts the domain: it moves from the defined to the active domains.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainCreate(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainCreate, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainCreate(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/* ------------------------------------------------------ virtual CPUs */

/**
 * virDomainSetVcpus:
 * @domain: a domain handle
 * @nvcpus: the new number of virtual CPUs, > 0
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, nvcpus > 0, __func__,
                     "nvcpus must be greater than 0") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainSetVcpus, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSetVcpus(domain, nvcpus) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetMaxVcpus:
 * @domain: a domain handle
 *
 * Returns the most virtual CPUs virDomainSetVcpus() may give @domain, or
 * -1 in case of failure.
 */
int
virDomainGetMaxVcpus(virDomainPtr domain)
{
    unsigned long serial;
    int n;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainGetMaxVcpus, __func__))
        return -1;
    serial = virErrorSerial();
    n = domain->conn->driver->domainGetMaxVcpus(domain);
    if (n < 0)
        return virDomainFailed(domain, serial, __func__);
    return n;
}

/**
 * virDomainPinVcpu:
 * @domain: a domain handle
 * @vcpu: the virtual CPU number
 * @cpumap: the real CPUs @vcpu may use (IN), one bit per CPU, CPU 0 the
 *          least significant bit of byte 0
 * @maplen: bytes in @cpumap, from 1 to the host's cpumap size; missing
 *          bytes count as zero
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                 int maplen)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, cpumap != NULL, __func__,
                     "cpumap is NULL") ||
        !virCheckArg(domain->conn, domain, maplen >= 1, __func__,
                     "maplen must be at least 1") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainPinVcpu, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainPinVcpu(domain, vcpu, cpumap, maplen) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetVcpus:
 * @domain: a domain handle
 * @info: a caller-allocated array of @maxinfo virVcpuInfo (OUT)
 * @maxinfo: capacity of @info, >= 1
 * @cpumaps: NULL, or a caller-allocated array of @maxinfo * @maplen bytes
 *           that receives each vcpu's cpumap (OUT)
 * @maplen: bytes in one cpumap, >= 1 when @cpumaps is given; a longer map
 *          than the host needs is zero-filled, a shorter one truncated
 *
 * Returns the number of entries filled, or -1 in case of failure.
 */
int
virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    unsigned long serial;
    int n;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckArg(domain->conn, domain, info != NULL, __func__,
                     "info is NULL") ||
        !virCheckArg(domain->conn, domain, maxinfo >= 1, __func__,
                     "maxinfo must be at least 1") ||
        !virCheckArg(domain->conn, domain, !cpumaps || maplen >= 1, __func__,
                     "maplen must be at least 1") ||
        !virCheckArg(domain->conn, domain,
                     !cpumaps || maxinfo <= (int)(2147483647 / maplen),
                     __func__, "maxinfo * maplen overflows") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainGetVcpus, __func__))
        return -1;
    memset(info, 0, sizeof(*info) * (size_t)maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
    serial = virErrorSerial();
    n = domain->conn->driver->domainGetVcpus(domain, info, maxinfo, cpumaps,
                                             maplen);
    if (n < 0)
        return virDomainFailed(domain, serial, __func__);
    return n;
}

/* ----------------------------------------------------------- devices */

/**
 * virDomainAttachDevice:
 * @domain: a domain handle
 * @xml: the XML of one device (<disk> or <interface>)
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainAttachDevice(virDomainPtr domain, char *xml)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, xml != NULL, __func__,
                     "xml is NULL") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainAttachDevice, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainAttachDevice(domain, xml) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainDetachDevice:
 * @domain: a domain handle
 * @xml: the XML of one attached device (<disk> or <interface>)
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainDetachDevice(virDomainPtr domain, char *xml)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virCheckArg(domain->conn, domain, xml != NULL, __func__,
                     "xml is NULL") ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainDetachDevice, __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainDetachDevice(domain, xml) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/* -------------------------------------------------------- extensions */

/**
 * virDomainIsPersistent:
 * @domain: a domain handle
 *
 * An extension with later libvirt's name and signature: whether the
 * domain has a persistent definition, so that it stays defined when it
 * stops.
 *
 * Returns 1 if persistent, 0 if transient, -1 in case of error.
 */
int
virDomainIsPersistent(virDomainPtr domain)
{
    unsigned long serial;
    int ret;

    if (!virDomainBegin(domain, false, __func__) ||
        !virCheckSupported(domain->conn, domain,
                           domain->conn->driver->domainIsPersistent, __func__))
        return -1;
    serial = virErrorSerial();
    if ((ret = domain->conn->driver->domainIsPersistent(domain)) < 0)
        return virDomainFailed(domain, serial, __func__);
    return ret;
}

/* ------------------------------------------------------ domain events */

/**
 * virConnectDomainEventRegister:
 * @conn: pointer to the hypervisor connection
 * @cb: called once per domain life-cycle event
 * @opaque: passed to @cb
 * @freecb: called with @opaque when @cb is deregistered (may be NULL)
 *
 * An extension with later libvirt's name and signature.  @cb gets a
 * domain handle that is valid during the call only (the library frees
 * it), the event (virDomainEventType) and its detail.  It runs after the
 * call that caused the event returns, in the caller's thread, or from
 * the event loop registered with virEventRegisterImpl for changes made
 * outside the library (Xen); it may call the library, but must not close
 * @conn.  A read-only connection may register.
 *
 * Returns 0 in case of success, -1 in case of error (@cb NULL or already
 * registered on @conn; VIR_ERR_NO_SUPPORT when the driver needs an event
 * loop and none is registered).
 */
int
virConnectDomainEventRegister(virConnectPtr conn,
                              virConnectDomainEventCallback cb, void *opaque,
                              virFreeCallback freecb)
{
    unsigned long serial;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, cb != NULL, __func__, "callback is NULL"))
        return -1;
    serial = virErrorSerial();
    if (virDomainEventAdd(conn, cb, opaque, freecb) < 0) {
        virEnsureError(conn, NULL, serial, __func__);
        return -1;
    }
    return 0;
}

/**
 * virConnectDomainEventDeregister:
 * @conn: pointer to the hypervisor connection
 * @cb: a callback registered on @conn
 *
 * Removes @cb; its free callback, if any, runs once @cb is not running.
 *
 * Returns 0 in case of success, -1 in case of error (@cb not registered).
 */
int
virConnectDomainEventDeregister(virConnectPtr conn,
                                virConnectDomainEventCallback cb)
{
    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, cb != NULL, __func__, "callback is NULL"))
        return -1;
    return virDomainEventRemove(conn, cb);
}

/**
 * virEventRegisterImpl:
 * @addHandle: watch a file descriptor
 * @updateHandle: change what is watched
 * @removeHandle: stop watching
 * @addTimeout: start a timer
 * @updateTimeout: change a timer
 * @removeTimeout: stop a timer
 *
 * An extension with later libvirt's name and signature: lends the
 * library the program's event loop.  The Xen driver watches xenstore
 * through it for domain events.  Register it before the first
 * virConnectDomainEventRegister; the library never calls it otherwise.
 */
void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    virEventSetImpl(addHandle, updateHandle, removeHandle, addTimeout,
                    updateTimeout, removeTimeout);
}
