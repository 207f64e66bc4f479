/*
 * dispatch.h: the skeleton every public entry point shares (dispatch.c).
 * Clear the last error and check the handle (the registry knows live
 * handles, so a freed pointer is an error, not a crash); check the
 * arguments; refuse changes on a read-only connection; dispatch to the
 * connection's driver or report VIR_ERR_NO_SUPPORT.  On failure exactly
 * one error is left behind.  Each check returns false after raising its
 * error; @func is the public function's name, for the message.
 */

#ifndef VIR_DISPATCH_H
#define VIR_DISPATCH_H

#include "internal.h"

/* Checks */
bool virCheckConnect(virConnectPtr conn, const char *func);
bool virCheckDomain(virDomainPtr domain, const char *func);
bool virCheckWritable(virConnectPtr conn, virDomainPtr domain,
                      const char *func);
bool virCheckArg(virConnectPtr conn, virDomainPtr domain, bool ok,
                 const char *func, const char *what);
bool virCheckSupported(virConnectPtr conn, virDomainPtr domain, const void *op,
                       const char *func);

/* Beginning: clear the last error, check the handle and, when @writes,
 * refuse a read-only connection */
bool virConnectBegin(virConnectPtr conn, bool writes, const char *func);
bool virDomainBegin(virDomainPtr domain, bool writes, const char *func);

/* Failing: @serial is virErrorSerial() before the driver call; a driver
 * that failed without raising an error still leaves one */
void virEnsureError(virConnectPtr conn, virDomainPtr domain,
                    unsigned long serial, const char *func);
int virDomainFailed(virDomainPtr domain, unsigned long serial,
                    const char *func);

#endif /* VIR_DISPATCH_H */
