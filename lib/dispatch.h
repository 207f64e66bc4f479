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
bool virCheckArg(virConnectPtr conn, virDomainPtr domain, bool ok,
                 const char *func, const char *what);
bool virCheckSupported(virConnectPtr conn, virDomainPtr domain, const void *op,
                       const char *func);

/* The same checks on a live domain handle, for its connection */
bool virDomainCheckArg(virDomainPtr domain, bool ok, const char *func,
                       const char *what);
bool virDomainCheckSupported(virDomainPtr domain, const void *op,
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
int virConnectFailed(virConnectPtr conn, unsigned long serial,
                     const char *func);
/* @dom as a driver returned it: when NULL, one error is left; else,
 * when the call @changed the host, the events it queued are dispatched */
virDomainPtr virConnectGotDomain(virConnectPtr conn, virDomainPtr dom,
                                 unsigned long serial, bool changed,
                                 const char *func);

/*
 * The rest of an entry point whose shape many share, once it has begun
 * (the handle checked): check the argument, require the driver's @op,
 * call it and leave one error if it fails.
 *  - virConnectCount: a count of @conn (returned as the driver gives it).
 *  - virDomainCount: a count or yes/no answer about @domain.
 *  - virDomainChange: a change to @domain without arguments; the events
 *    it queued are dispatched after it.
 *  - virDomainSetKiB: a memory size of @domain, > 0.
 *  - virDomainDevice: a device of @domain, given as XML.
 */
int virConnectCount(virConnectPtr conn, int (*op)(virConnectPtr conn),
                    const char *func);
int virDomainCount(virDomainPtr domain, int (*op)(virDomainPtr domain),
                   const char *func);
int virDomainChange(virDomainPtr domain, int (*op)(virDomainPtr domain),
                    const char *func);
int virDomainSetKiB(virDomainPtr domain,
                    int (*op)(virDomainPtr domain, unsigned long kib),
                    unsigned long kib, const char *func);
int virDomainDevice(virDomainPtr domain,
                    int (*op)(virDomainPtr domain, const char *xml),
                    const char *xml, const char *func);

#endif /* VIR_DISPATCH_H */
