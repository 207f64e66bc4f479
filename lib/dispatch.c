/*
 * dispatch.c: the skeleton of the public entry points, written once: the
 * checks each makes before it calls its connection's driver, the one
 * error it leaves when the driver fails, and the whole rest of the entry
 * points that share a shape.  See dispatch.h.
 */

#include <config.h>

#include "domain_event.h"
#include "dispatch.h"

/* The handles and the connection's mode */
static bool virCheckConnect(virConnectPtr conn, const char *func);
static bool virCheckDomain(virDomainPtr domain, const char *func);
static bool virCheckWritable(virConnectPtr conn, virDomainPtr domain,
                             const char *func);

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

bool
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

bool
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
void
virEnsureError(virConnectPtr conn, virDomainPtr domain, unsigned long serial,
               const char *func)
{
    if (virErrorSerial() != serial)
        return;
    virReportError(conn, domain, VIR_FROM_NONE, VIR_ERR_OPERATION_FAILED,
                   "%s failed in the %s driver", func, conn->driver->name);
}

/* Clear the last error, check @domain and, for a change, its connection. */
bool
virDomainBegin(virDomainPtr domain, bool writes, const char *func)
{
    virResetLastError();
    if (!virCheckDomain(domain, func))
        return false;
    return !writes || virCheckWritable(domain->conn, domain, func);
}

bool
virConnectBegin(virConnectPtr conn, bool writes, const char *func)
{
    virResetLastError();
    if (!virCheckConnect(conn, func))
        return false;
    return !writes || virCheckWritable(conn, NULL, func);
}

int
virDomainFailed(virDomainPtr domain, unsigned long serial, const char *func)
{
    virEnsureError(domain->conn, domain, serial, func);
    return -1;
}

bool
virDomainCheckArg(virDomainPtr domain, bool ok, const char *func,
                  const char *what)
{
    return virCheckArg(domain->conn, domain, ok, func, what);
}

bool
virDomainCheckSupported(virDomainPtr domain, const void *op, const char *func)
{
    return virCheckSupported(domain->conn, domain, op, func);
}

int
virConnectFailed(virConnectPtr conn, unsigned long serial, const char *func)
{
    virEnsureError(conn, NULL, serial, func);
    return -1;
}

virDomainPtr
virConnectGotDomain(virConnectPtr conn, virDomainPtr dom, unsigned long serial,
                    bool changed, const char *func)
{
    if (!dom)
        virEnsureError(conn, NULL, serial, func);
    else if (changed)
        virDomainEventFlush();
    return dom;
}

/* ------------------------------------------------------ shared shapes */

int
virConnectCount(virConnectPtr conn, int (*op)(virConnectPtr conn),
                const char *func)
{
    unsigned long serial;
    int n;

    if (!virCheckSupported(conn, NULL, op, func))
        return -1;
    serial = virErrorSerial();
    if ((n = op(conn)) < 0)
        virEnsureError(conn, NULL, serial, func);
    return n;
}

int
virDomainCount(virDomainPtr domain, int (*op)(virDomainPtr domain),
               const char *func)
{
    unsigned long serial;
    int n;

    if (!virDomainCheckSupported(domain, op, func))
        return -1;
    serial = virErrorSerial();
    if ((n = op(domain)) < 0)
        return virDomainFailed(domain, serial, func);
    return n;
}

int
virDomainChange(virDomainPtr domain, int (*op)(virDomainPtr domain),
                const char *func)
{
    unsigned long serial;

    if (!virDomainCheckSupported(domain, op, func))
        return -1;
    serial = virErrorSerial();
    if (op(domain) < 0)
        return virDomainFailed(domain, serial, func);
    virDomainEventFlush();
    return 0;
}

int
virDomainSetKiB(virDomainPtr domain,
                int (*op)(virDomainPtr domain, unsigned long kib),
                unsigned long kib, const char *func)
{
    unsigned long serial;

    if (!virDomainCheckArg(domain, kib > 0, func,
                           "memory must be greater than 0 KiB") ||
        !virDomainCheckSupported(domain, op, func))
        return -1;
    serial = virErrorSerial();
    if (op(domain, kib) < 0)
        return virDomainFailed(domain, serial, func);
    return 0;
}

int
virDomainDevice(virDomainPtr domain,
                int (*op)(virDomainPtr domain, const char *xml),
                const char *xml, const char *func)
{
    unsigned long serial;

    if (!virDomainCheckArg(domain, xml != NULL, func, "xml is NULL") ||
        !virDomainCheckSupported(domain, op, func))
        return -1;
    serial = virErrorSerial();
    if (op(domain, xml) < 0)
        return virDomainFailed(domain, serial, func);
    return 0;
}
