/*
 * internal.h: the connection and domain structures, their magic numbers,
 * the handle registry, error raising and small shared helpers.  Nothing
 * here is exported from libvir.so.
 */

#ifndef VIR_INTERNAL_H
#define VIR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "driver.h"
#include "util/uuid.h"

#define VIR_ATTRIBUTE_PRINTF(fmt, args) \
    __attribute__((__format__(__printf__, fmt, args)))
#define VIR_ATTRIBUTE_UNUSED __attribute__((__unused__))

/* Magic numbers: poisoned (set to 0) before a handle is freed. */
#define VIR_CONNECT_MAGIC 0x4F23DEADU
#define VIR_DOMAIN_MAGIC  0xDEAD4321U

/* virConnect.flags */
#define VIR_CONNECT_RO (1U << 0)

/* The id of an inactive (defined, not running) domain. */
#define VIR_DOMAIN_ID_INACTIVE (-1)

struct _virConnect {
    unsigned int magic;
    unsigned int flags;   /* VIR_CONNECT_RO */
    virDriverPtr driver;  /* the one driver owning this connection */
    void *privateData;    /* the driver's state, opaque to others */
    char *uri;            /* the URI the connection was opened with */
    virError err;         /* last error raised on this connection */
    virErrorFunc handler; /* per-connection error handler */
    void *userData;
    virDomainPtr domains; /* live domain handles of this connection */
};

struct _virDomain {
    unsigned int magic;
    virConnectPtr conn;
    char *name;
    int id; /* hypervisor id, or VIR_DOMAIN_ID_INACTIVE */
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr prev; /* links in conn->domains */
    virDomainPtr next;
};

/*
 * Handle registry (handles.c).  Every live connection and domain handle is
 * registered, so a public function can tell a stale or foreign pointer from
 * a live handle without reading freed memory.
 */
bool virIsConnect(virConnectPtr conn);
bool virIsDomain(virDomainPtr dom);
virConnectPtr virConnectNew(void);
void virConnectRelease(virConnectPtr conn);
virDomainPtr virGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);
void virDomainRelease(virDomainPtr dom);

/*
 * Errors (virterror.c).  virReportError records one error (on @conn too
 * when given; @dom's connection when @conn is NULL) and calls the handler.
 * Both raise helpers return -1, for a caller that fails with -1 to return.
 */
int virReportError(virConnectPtr conn, virDomainPtr dom, int from, int code,
                   const char *fmt, ...) VIR_ATTRIBUTE_PRINTF(5, 6);
int virReportOOM(virConnectPtr conn, int from);
unsigned long virErrorSerial(void);
const char *virErrorMessageForCode(int code);
void virErrorFreeConnect(virConnectPtr conn);

/* Enum spellings (util.c): @names indexed by value */
#define VIR_N_ELEMENTS(array) (sizeof(array) / sizeof((array)[0]))
int virEnumFromString(const char *const *names, size_t nnames, const char *str);
const char *virEnumToString(const char *const *names, size_t nnames, int val);

/* Files and numbers (util.c) */
int virFileWriteAtomic(const char *path, const void *data, size_t len);
int virFileReadAll(const char *path, size_t maxlen, char **data, size_t *len);
int virStrToLong(const char *str, long *result);
int virStrToULong(const char *str, unsigned long *result);

#endif /* VIR_INTERNAL_H */
