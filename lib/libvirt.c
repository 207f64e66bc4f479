/*
 * libvirt.c: the public entry points of libvir for a connection: library
 * initialization, opening and closing a connection, the hypervisor and
 * node, and the listings of domains.  The domain entry points are in
 * libvirt_domain.c, the event entry points in libvirt_event.c; all share
 * the skeleton of dispatch.h.  Nothing here knows a particular driver or
 * hypervisor: the drivers are listed in drivers.c.
 */

#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain_event.h"
#include "internal.h"
#include "driver.h"
#include "dispatch.h"

#include <libxml/parser.h>

/* Initialization */
static void virInitializeOnce(void);

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

/* LIBVIRT_DEFAULT_URI, else the URI of the first driver that serves a
 * NULL one on this host (Xen where Xen runs), else NULL. */
static const char *
virDefaultURI(void)
{
    const char *env = getenv("LIBVIRT_DEFAULT_URI");

    if (env && *env)
        return env;
    return virDriverProbeAll();
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
    if (!virConnectBegin(conn, false, __func__))
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
    if (!virConnectBegin(conn, false, __func__))
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
    return virReportError(
        NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_SUPPORT,
        "%s: no driver for hypervisor type '%s' in this build", __func__, type);
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

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, hvVer != NULL, __func__, "hvVer is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->version, __func__))
        return -1;
    serial = virErrorSerial();
    if (conn->driver->version(conn, hvVer) < 0)
        return virConnectFailed(conn, serial, __func__);
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

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, info != NULL, __func__, "info is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->nodeGetInfo, __func__))
        return -1;
    memset(info, 0, sizeof(*info));
    serial = virErrorSerial();
    if (conn->driver->nodeGetInfo(conn, info) < 0)
        return virConnectFailed(conn, serial, __func__);
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
    if (!virConnectBegin(conn, false, __func__))
        return -1;
    return virConnectCount(conn, conn->driver->numOfDomains, __func__);
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
    if (!virConnectBegin(conn, false, __func__))
        return -1;
    return virConnectCount(conn, conn->driver->numOfDefinedDomains, __func__);
}
