/*
 * handles.c: creation, registry and release of connection and domain
 * handles.
 *
 * Every live handle is registered by address.  A public function asks the
 * registry before it reads a handle, so a freed or foreign pointer is
 * reported as an invalid handle instead of being dereferenced.
 */

#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util/hash.h"

typedef enum {
    VIR_HANDLE_CONNECT = 1,
    VIR_HANDLE_DOMAIN = 2,
} virHandleKind;

/* Registry */
static bool virHandleIsLive(const void *ptr, virHandleKind kind);
static int virHandleRegister(const void *ptr, virHandleKind kind);
static void virHandleUnregister(const void *ptr);

/* Release */
static void virErrorForgetDomain(virErrorPtr err, virDomainPtr dom);

static pthread_mutex_t virHandleLock = PTHREAD_MUTEX_INITIALIZER;
static virHashTablePtr virHandles;

static bool
virHandleIsLive(const void *ptr, virHandleKind kind)
{
    void *found;

    if (!ptr)
        return false;
    pthread_mutex_lock(&virHandleLock);
    found = virHashLookup(virHandles, &ptr, sizeof(ptr));
    pthread_mutex_unlock(&virHandleLock);
    return found == (void *)(uintptr_t)kind;
}

static int
virHandleRegister(const void *ptr, virHandleKind kind)
{
    int ret = -1;

    pthread_mutex_lock(&virHandleLock);
    if (!virHandles && !(virHandles = virHashCreate(64)))
        goto cleanup;
    ret = virHashAdd(virHandles, &ptr, sizeof(ptr), (void *)(uintptr_t)kind);
cleanup:
    pthread_mutex_unlock(&virHandleLock);
    return ret;
}

static void
virHandleUnregister(const void *ptr)
{
    pthread_mutex_lock(&virHandleLock);
    virHashRemove(virHandles, &ptr, sizeof(ptr));
    if (virHandles && virHashSize(virHandles) == 0) {
        virHashFree(virHandles);
        virHandles = NULL;
    }
    pthread_mutex_unlock(&virHandleLock);
}

bool
virIsConnect(virConnectPtr conn)
{
    return virHandleIsLive(conn, VIR_HANDLE_CONNECT) &&
           conn->magic == VIR_CONNECT_MAGIC;
}

bool
virIsDomain(virDomainPtr dom)
{
    return virHandleIsLive(dom, VIR_HANDLE_DOMAIN) &&
           dom->magic == VIR_DOMAIN_MAGIC && virIsConnect(dom->conn);
}

/**
 * virConnectNew:
 *
 * Returns a new, registered connection with no driver yet, or NULL when
 * memory runs out.  Release it with virConnectRelease().
 */
virConnectPtr
virConnectNew(void)
{
    virConnectPtr conn;

    if (!(conn = calloc(1, sizeof(*conn))))
        return NULL;
    conn->magic = VIR_CONNECT_MAGIC;
    if (virHandleRegister(conn, VIR_HANDLE_CONNECT) < 0) {
        free(conn);
        return NULL;
    }
    return conn;
}

/**
 * virConnectRelease:
 * @conn: a connection whose driver, if any, is already closed
 *
 * Frees every domain handle of @conn, then @conn itself.
 */
void
virConnectRelease(virConnectPtr conn)
{
    if (!conn)
        return;
    while (conn->domains)
        virDomainRelease(conn->domains);
    virHandleUnregister(conn);
    virErrorFreeConnect(conn);
    conn->magic = 0;
    free(conn->uri);
    free(conn);
}

/**
 * virGetDomain:
 * @conn: the connection the domain belongs to
 * @name: the domain's name (copied)
 * @uuid: the domain's 16-byte uuid (copied)
 * @id: the hypervisor id, or VIR_DOMAIN_ID_INACTIVE
 *
 * Returns a new domain handle owned by the caller (freed by the public
 * virDomainFree), or NULL after raising VIR_ERR_NO_MEMORY.
 */
virDomainPtr
virGetDomain(virConnectPtr conn, const char *name, const unsigned char *uuid,
             int id)
{
    virDomainPtr dom;

    if (!conn || !name || !uuid) {
        virReportError(conn, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "cannot create domain handle: missing name or uuid");
        return NULL;
    }
    if (!(dom = calloc(1, sizeof(*dom))) || !(dom->name = strdup(name)))
        goto error;
    dom->magic = VIR_DOMAIN_MAGIC;
    dom->conn = conn;
    dom->id = id;
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    if (virHandleRegister(dom, VIR_HANDLE_DOMAIN) < 0)
        goto error;
    dom->next = conn->domains;
    if (conn->domains)
        conn->domains->prev = dom;
    conn->domains = dom;
    return dom;

error:
    if (dom)
        free(dom->name);
    free(dom);
    virReportOOM(conn, VIR_FROM_NONE);
    return NULL;
}

static void
virErrorForgetDomain(virErrorPtr err, virDomainPtr dom)
{
    if (err && err->dom == dom)
        err->dom = NULL;
}

/**
 * virDomainRelease:
 * @dom: a registered domain handle
 *
 * Unlinks, unregisters, poisons and frees @dom.  Error records that point
 * at it forget it, so a later virGetLastError() never shows a dangling
 * domain.
 */
void
virDomainRelease(virDomainPtr dom)
{
    virConnectPtr conn;

    if (!dom)
        return;
    conn = dom->conn;
    if (dom->prev)
        dom->prev->next = dom->next;
    else if (conn)
        conn->domains = dom->next;
    if (dom->next)
        dom->next->prev = dom->prev;
    virHandleUnregister(dom);
    virErrorForgetDomain(virGetLastError(), dom);
    if (conn)
        virErrorForgetDomain(&conn->err, dom);
    dom->magic = 0;
    free(dom->name);
    free(dom);
}
