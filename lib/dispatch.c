/*
 * dispatch.c: the checks every public entry point makes before it calls
 * its connection's driver, and the one error it leaves when the driver
 * fails.  See dispatch.h for the skeleton they make up.
 */

#include <config.h>

#include "dispatch.h"

bool
virCheckConnect(virConnectPtr conn, const char *func)
{
    if (virIsConnect(conn))
        return true;
    virReportError(NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_CONN,
                   "%s: invalid connection pointer", func);
    return false;
}

bool
virCheckDomain(virDomainPtr domain, const char *func)
{
    if (virIsDomain(domain))
        return true;
    virReportError(NULL, NULL, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN,
                   "%s: invalid domain pointer", func);
    return false;
}

bool
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
