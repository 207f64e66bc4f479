/*
 * virterror.h: libvirt's error API, as the classic library shipped it.
 *
 * A failing call records exactly one virError: per thread (the "last
 * error") and, when a connection is involved, on that connection too.
 * The library prints nothing once a handler is set with virSetErrorFunc()
 * or virConnSetErrorFunc(); without one it prints through
 * virDefaultErrorFunc().
 */

#ifndef VIR_VIRTERROR_H
#define VIR_VIRTERROR_H

#include <libvirt/libvirt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * virErrorLevel:
 *
 * How serious an error is.
 */
typedef enum {
    VIR_ERR_NONE = 0,
    VIR_ERR_WARNING = 1, /* a simple warning */
    VIR_ERR_ERROR = 2    /* an error */
} virErrorLevel;

/**
 * virErrorDomain:
 *
 * The part of the library an error comes from.
 */
typedef enum {
    VIR_FROM_NONE = 0,
    VIR_FROM_XEN,      /* Error at Xen hypervisor layer */
    VIR_FROM_XEND,     /* Error at connection with xend daemon */
    VIR_FROM_XENSTORE, /* Error at connection with xen store */
    VIR_FROM_SEXPR,    /* Error in the S-Expression code */
    VIR_FROM_XML,      /* Error in the XML code */
    VIR_FROM_DOM,      /* Error when operating on a domain */
    VIR_FROM_RPC,      /* Error in the XML-RPC code */
    VIR_FROM_PROXY,    /* Error in the proxy code */
    VIR_FROM_CONF,     /* Error in the configuration file handling */
    VIR_FROM_QEMU,     /* Error at the QEMU daemon */
    VIR_FROM_NET,      /* Error when operating on a network */
    VIR_FROM_TEST,     /* Error from test driver */
    VIR_FROM_REMOTE    /* Error from remote driver */
} virErrorDomain;

/**
 * virError:
 *
 * An error record.  Strings belong to the library; copy the record with
 * virCopyLastError() to keep it, and release a copy with virResetError().
 */
typedef struct _virError virError;
typedef virError *virErrorPtr;

struct _virError {
    int code;            /* the error code, a virErrorNumber */
    int domain;          /* what part of the library raised it */
    char *message;       /* human-readable informative error message */
    virErrorLevel level; /* how consequent the error is */
    virConnectPtr conn;  /* the connection if available */
    virDomainPtr dom;    /* the domain if available */
    char *str1;          /* extra string information */
    char *str2;          /* extra string information */
    char *str3;          /* extra string information */
    int int1;            /* extra number information */
    int int2;            /* extra number information */
};

/**
 * virErrorNumber:
 *
 * The error codes, with libvirt's names and values.
 */
typedef enum {
    VIR_ERR_OK = 0,
    VIR_ERR_INTERNAL_ERROR,   /* 1: internal error */
    VIR_ERR_NO_MEMORY,        /* 2: memory allocation failure */
    VIR_ERR_NO_SUPPORT,       /* 3: no support for this function */
    VIR_ERR_UNKNOWN_HOST,     /* 4: could not resolve hostname */
    VIR_ERR_NO_CONNECT,       /* 5: can't connect to hypervisor */
    VIR_ERR_INVALID_CONN,     /* 6: invalid connection object */
    VIR_ERR_INVALID_DOMAIN,   /* 7: invalid domain object */
    VIR_ERR_INVALID_ARG,      /* 8: invalid function argument */
    VIR_ERR_OPERATION_FAILED, /* 9: a command to hypervisor failed */
    VIR_ERR_GET_FAILED,       /* 10: a HTTP GET command failed */
    VIR_ERR_POST_FAILED,      /* 11: a HTTP POST command failed */
    VIR_ERR_HTTP_ERROR,       /* 12: unexpected HTTP error code */
    VIR_ERR_SEXPR_SERIAL,     /* 13: failure to serialize an S-Expr */
    VIR_ERR_NO_XEN,           /* 14: could not open Xen hypervisor */
    VIR_ERR_XEN_CALL,         /* 15: failure doing a hypervisor call */
    VIR_ERR_OS_TYPE,          /* 16: unknown OS type */
    VIR_ERR_NO_KERNEL,        /* 17: missing kernel information */
    VIR_ERR_NO_ROOT,          /* 18: missing root device information */
    VIR_ERR_NO_SOURCE,        /* 19: missing source device information */
    VIR_ERR_NO_TARGET,        /* 20: missing target device information */
    VIR_ERR_NO_NAME,          /* 21: missing domain name information */
    VIR_ERR_NO_OS,            /* 22: missing domain OS information */
    VIR_ERR_NO_DEVICE,        /* 23: missing domain devices information */
    VIR_ERR_NO_XENSTORE,      /* 24: could not open Xen Store control */
    VIR_ERR_DRIVER_FULL,      /* 25: too many drivers registered */
    VIR_ERR_CALL_FAILED,      /* 26: not supported by the drivers */
    VIR_ERR_XML_ERROR,        /* 27: an XML description is not well
                                 formed or broken */
    VIR_ERR_DOM_EXIST,        /* 28: the domain already exists */
    VIR_ERR_OPERATION_DENIED, /* 29: operation forbidden on read-only
                                 connections */
    VIR_ERR_OPEN_FAILED,      /* 30: failed to open a conf file */
    VIR_ERR_READ_FAILED,      /* 31: failed to read a conf file */
    VIR_ERR_PARSE_FAILED,     /* 32: failed to parse a conf file */
    VIR_ERR_CONF_SYNTAX,      /* 33: failed to parse the syntax of a conf
                                 file */
    VIR_ERR_WRITE_FAILED,     /* 34: failed to write a conf file */
    VIR_ERR_XML_DETAIL,       /* 35: detail of an XML error */
    VIR_ERR_INVALID_NETWORK,  /* 36: invalid network object */
    VIR_ERR_NETWORK_EXIST,    /* 37: the network already exists */
    VIR_ERR_SYSTEM_ERROR,     /* 38: general system call failure */
    VIR_ERR_RPC,              /* 39: some sort of RPC error */
    VIR_ERR_GNUTLS_ERROR,     /* 40: error from a GNUTLS call */
    VIR_WAR_NO_NETWORK,       /* 41: failed to start network */
    VIR_ERR_NO_DOMAIN,        /* 42: domain not found or unexpectedly
                                 disappeared */
    VIR_ERR_NO_NETWORK,       /* 43: network not found */
    VIR_ERR_INVALID_MAC,      /* 44: invalid MAC address */
    VIR_ERR_AUTH_FAILED       /* 45: authentication failed */
} virErrorNumber;

/**
 * virErrorFunc:
 * @userData: the data given when the handler was set
 * @error: the error being raised (borrowed for the call only)
 *
 * Signature of an error handler.
 */
typedef void (*virErrorFunc)(void *userData, virErrorPtr error);

virErrorPtr virGetLastError(void);
void virResetLastError(void);
void virResetError(virErrorPtr err);
virErrorPtr virConnGetLastError(virConnectPtr conn);
void virConnResetLastError(virConnectPtr conn);
int virCopyLastError(virErrorPtr to);
void virDefaultErrorFunc(virErrorPtr err);
void virSetErrorFunc(void *userData, virErrorFunc handler);
void virConnSetErrorFunc(virConnectPtr conn, void *userData,
                         virErrorFunc handler);
int virConnCopyLastError(virConnectPtr conn, virErrorPtr to);

#ifdef __cplusplus
}
#endif

#endif /* VIR_VIRTERROR_H */
