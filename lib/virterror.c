/*
 * virterror.c: the error records of libvir.
 *
 * The last error lives per thread and, when a connection is involved, on
 * the connection too.  Raising an error calls exactly one handler: the
 * connection's, else the global one, else virDefaultErrorFunc().
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Records */
static void virErrorRecord(virErrorPtr err, virConnectPtr conn,
                           virDomainPtr dom, int from, int code,
                           const char *message);
static int virErrorCopy(const virError *from, virErrorPtr to);
static const char *virErrorDomainName(int from);

static __thread virError virLastErr;
static __thread unsigned long virLastErrSerial;
static virErrorFunc virErrorHandler;
static void *virErrorUserData;

/* One generic text per code; a raised error's message says more. */
static const char *const virErrorMessages[] = {
    [VIR_ERR_OK] = "no error",
    [VIR_ERR_INTERNAL_ERROR] = "internal error",
    [VIR_ERR_NO_MEMORY] = "out of memory",
    [VIR_ERR_NO_SUPPORT] = "this function is not supported by the driver",
    [VIR_ERR_UNKNOWN_HOST] = "unknown host",
    [VIR_ERR_NO_CONNECT] = "no connection driver available",
    [VIR_ERR_INVALID_CONN] = "invalid connection pointer",
    [VIR_ERR_INVALID_DOMAIN] = "invalid domain pointer",
    [VIR_ERR_INVALID_ARG] = "invalid argument",
    [VIR_ERR_OPERATION_FAILED] = "operation failed",
    [VIR_ERR_GET_FAILED] = "GET operation failed",
    [VIR_ERR_POST_FAILED] = "POST operation failed",
    [VIR_ERR_HTTP_ERROR] = "unexpected HTTP error code",
    [VIR_ERR_SEXPR_SERIAL] = "failed to serialize S-Expr",
    [VIR_ERR_NO_XEN] = "could not use Xen hypervisor entry",
    [VIR_ERR_XEN_CALL] = "failed Xen hypervisor call",
    [VIR_ERR_OS_TYPE] = "unknown OS type",
    [VIR_ERR_NO_KERNEL] = "missing kernel information",
    [VIR_ERR_NO_ROOT] = "missing root device information",
    [VIR_ERR_NO_SOURCE] = "missing source information for device",
    [VIR_ERR_NO_TARGET] = "missing target information for device",
    [VIR_ERR_NO_NAME] = "missing domain name information",
    [VIR_ERR_NO_OS] = "missing operating system information",
    [VIR_ERR_NO_DEVICE] = "missing devices information",
    [VIR_ERR_NO_XENSTORE] = "could not connect to Xen Store",
    [VIR_ERR_DRIVER_FULL] = "too many drivers registered",
    [VIR_ERR_CALL_FAILED] = "library call failed, possibly not supported",
    [VIR_ERR_XML_ERROR] = "XML description is invalid or not well formed",
    [VIR_ERR_DOM_EXIST] = "domain already exists",
    [VIR_ERR_OPERATION_DENIED] = "operation forbidden for read only access",
    [VIR_ERR_OPEN_FAILED] = "failed to open configuration file",
    [VIR_ERR_READ_FAILED] = "failed to read configuration file",
    [VIR_ERR_PARSE_FAILED] = "failed to parse configuration file",
    [VIR_ERR_CONF_SYNTAX] = "configuration file syntax error",
    [VIR_ERR_WRITE_FAILED] = "failed to write configuration file",
    [VIR_ERR_XML_DETAIL] = "parser error",
    [VIR_ERR_INVALID_NETWORK] = "invalid network pointer",
    [VIR_ERR_NETWORK_EXIST] = "network already exists",
    [VIR_ERR_SYSTEM_ERROR] = "system call error",
    [VIR_ERR_RPC] = "RPC error",
    [VIR_ERR_GNUTLS_ERROR] = "GNUTLS call error",
    [VIR_WAR_NO_NETWORK] = "failed to start network",
    [VIR_ERR_NO_DOMAIN] = "domain not found",
    [VIR_ERR_NO_NETWORK] = "network not found",
    [VIR_ERR_INVALID_MAC] = "invalid MAC address",
    [VIR_ERR_AUTH_FAILED] = "authentication failed",
};

static const char *const virErrorDomainNames[] = {
    [VIR_FROM_NONE] = "",
    [VIR_FROM_XEN] = "Xen",
    [VIR_FROM_XEND] = "Xen Daemon",
    [VIR_FROM_XENSTORE] = "Xen Store",
    [VIR_FROM_SEXPR] = "S-Expression",
    [VIR_FROM_XML] = "XML",
    [VIR_FROM_DOM] = "Domain",
    [VIR_FROM_RPC] = "XML-RPC",
    [VIR_FROM_PROXY] = "proxy",
    [VIR_FROM_CONF] = "Config",
    [VIR_FROM_QEMU] = "QEMU",
    [VIR_FROM_NET] = "Network",
    [VIR_FROM_TEST] = "Test",
    [VIR_FROM_REMOTE] = "Remote",
};

/**
 * virErrorMessageForCode:
 * @code: a virErrorNumber
 *
 * Returns the generic text of @code (static), or NULL for an unknown code.
 */
const char *
virErrorMessageForCode(int code)
{
    return virEnumToString(virErrorMessages, VIR_N_ELEMENTS(virErrorMessages),
                           code);
}

static const char *
virErrorDomainName(int from)
{
    const char *name = virEnumToString(
        virErrorDomainNames, VIR_N_ELEMENTS(virErrorDomainNames), from);

    return name ? name : "";
}

/**
 * virResetError:
 * @err: an error record, or NULL
 *
 * Frees the strings of @err and clears it.
 */
void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    free(err->message);
    free(err->str1);
    free(err->str2);
    free(err->str3);
    memset(err, 0, sizeof(*err));
}

static void
virErrorRecord(virErrorPtr err, virConnectPtr conn, virDomainPtr dom, int from,
               int code, const char *message)
{
    const char *generic = virErrorMessageForCode(code);

    virResetError(err);
    err->code = code;
    err->domain = from;
    err->level = VIR_ERR_ERROR;
    err->conn = conn;
    err->dom = dom;
    /* On allocation failure the record keeps its code without text. */
    err->message = strdup(message ? message : (generic ? generic : ""));
    if (generic)
        err->str1 = strdup(generic);
}

/**
 * virReportError:
 * @conn: the connection involved, or NULL
 * @dom: the domain involved, or NULL
 * @from: the virErrorDomain raising it
 * @code: the virErrorNumber
 * @fmt: printf format of the message, which names the operation and the
 *       object ("cannot suspend domain 'web1': domain is not running")
 *
 * Records one error and calls one handler.  Prints nothing itself unless
 * no handler is set, in which case virDefaultErrorFunc() prints it.
 *
 * Returns -1, for a caller that fails with -1 to return.
 */
int
virReportError(virConnectPtr conn, virDomainPtr dom, int from, int code,
               const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    virErrorFunc handler = virErrorHandler;
    void *userData = virErrorUserData;

    if (!conn && dom && virIsDomain(dom))
        conn = dom->conn;
    if (conn && !virIsConnect(conn))
        conn = NULL;
    if (dom && !virIsDomain(dom))
        dom = NULL;

    buf[0] = '\0';
    if (fmt) {
        va_start(ap, fmt);
        vsnprintf(buf, sizeof(buf), fmt, ap);
        va_end(ap);
    }
    virErrorRecord(&virLastErr, conn, dom, from, code, fmt ? buf : NULL);
    virLastErrSerial++;
    if (conn) {
        virErrorRecord(&conn->err, conn, dom, from, code, fmt ? buf : NULL);
        if (conn->handler) {
            handler = conn->handler;
            userData = conn->userData;
        }
    }
    if (handler)
        handler(userData, &virLastErr);
    else
        virDefaultErrorFunc(&virLastErr);
    return -1;
}

/**
 * virReportOOM:
 * @conn: the connection involved, or NULL
 * @from: the virErrorDomain raising it
 *
 * Raises VIR_ERR_NO_MEMORY.
 *
 * Returns -1, as virReportError() does.
 */
int
virReportOOM(virConnectPtr conn, int from)
{
    return virReportError(conn, NULL, from, VIR_ERR_NO_MEMORY, "out of memory");
}

/**
 * virErrorSerial:
 *
 * Returns how many errors this thread has raised; the public layer uses
 * it to tell whether a failing driver raised one.
 */
unsigned long
virErrorSerial(void)
{
    return virLastErrSerial;
}

void
virErrorFreeConnect(virConnectPtr conn)
{
    if (!conn)
        return;
    if (virLastErr.conn == conn) {
        virLastErr.conn = NULL;
        virLastErr.dom = NULL;
    }
    virResetError(&conn->err);
}

static int
virErrorCopy(const virError *from, virErrorPtr to)
{
    virResetError(to);
    if (from->code == VIR_ERR_OK)
        return 0;
    *to = *from;
    to->message = from->message ? strdup(from->message) : NULL;
    to->str1 = from->str1 ? strdup(from->str1) : NULL;
    to->str2 = from->str2 ? strdup(from->str2) : NULL;
    to->str3 = from->str3 ? strdup(from->str3) : NULL;
    return to->code;
}

/**
 * virGetLastError:
 *
 * Returns the last error raised in this thread (borrowed: valid until the
 * next call of the library in this thread), or NULL when there is none.
 */
virErrorPtr
virGetLastError(void)
{
    if (virLastErr.code == VIR_ERR_OK)
        return NULL;
    return &virLastErr;
}

/**
 * virResetLastError:
 *
 * Clears the last error of this thread.
 */
void
virResetLastError(void)
{
    virResetError(&virLastErr);
}

/**
 * virCopyLastError:
 * @to: a caller-allocated record; free its strings with virResetError()
 *
 * Copies the last error of this thread into @to.
 *
 * Returns the error code, 0 when there is no error, or -1 when @to is NULL.
 */
int
virCopyLastError(virErrorPtr to)
{
    if (!to)
        return -1;
    return virErrorCopy(&virLastErr, to);
}

/**
 * virConnGetLastError:
 * @conn: a connection
 *
 * Returns the last error raised on @conn (borrowed: valid until the next
 * call on @conn), or NULL when there is none or @conn is invalid.
 */
virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!virIsConnect(conn) || conn->err.code == VIR_ERR_OK)
        return NULL;
    return &conn->err;
}

/**
 * virConnResetLastError:
 * @conn: a connection
 *
 * Clears the last error of @conn.
 */
void
virConnResetLastError(virConnectPtr conn)
{
    if (virIsConnect(conn))
        virResetError(&conn->err);
}

/**
 * virConnCopyLastError:
 * @conn: a connection
 * @to: a caller-allocated record; free its strings with virResetError()
 *
 * Returns the error code copied, 0 when there is none, -1 when @conn is
 * invalid or @to is NULL.
 */
int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    if (!virIsConnect(conn) || !to)
        return -1;
    return virErrorCopy(&conn->err, to);
}

/**
 * virDefaultErrorFunc:
 * @err: an error record
 *
 * Prints @err on stderr, as "libvir: Test error : message".  Used when no
 * handler is set.
 */
void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *dom;

    if (!err || err->code == VIR_ERR_OK)
        return;
    dom = virErrorDomainName(err->domain);
    fprintf(stderr, "libvir: %s%serror : %s\n", dom, *dom ? " " : "",
            err->message ? err->message : "unknown error");
}

/**
 * virSetErrorFunc:
 * @userData: passed to @handler
 * @handler: the handler, or NULL to print with virDefaultErrorFunc()
 *
 * Sets the process-wide error handler.
 */
void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    virErrorHandler = handler;
    virErrorUserData = userData;
}

/**
 * virConnSetErrorFunc:
 * @conn: a connection
 * @userData: passed to @handler
 * @handler: the handler for errors on @conn, or NULL for the global one
 */
void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!virIsConnect(conn))
        return;
    conn->handler = handler;
    conn->userData = userData;
}
