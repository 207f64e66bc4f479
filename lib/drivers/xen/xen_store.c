/*
 * xen_store.c: the xenstore back end of the Xen driver.
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/xen/xen_store.h"

#define XEN_STORE_PATH_MAX 256

/* Reading and writing one node */
static bool xenStorePath(char *path, const char *fmt, va_list ap)
    VIR_ATTRIBUTE_PRINTF(2, 0);
static char *xenStoreRead(struct xs_handle *xsh, const char *fmt, ...)
    VIR_ATTRIBUTE_PRINTF(2, 3);
static int xenStoreWrite(virDomainPtr dom, struct xs_handle *xsh,
                         const char *value, const char *what, const char *fmt,
                         ...) VIR_ATTRIBUTE_PRINTF(5, 6);

/* Sizes in KiB under /local/domain/ID/memory */
static unsigned long xenStoreMemoryRead(struct xs_handle *xsh, int id,
                                        const char *node);
static int xenStoreMemoryWrite(virDomainPtr dom, struct xs_handle *xsh,
                               const char *node, unsigned long kib,
                               const char *what);

/* ------------------------------------------------------------------ */

struct xs_handle *
xenStoreOpen(virConnectPtr conn, bool quiet)
{
    struct xs_handle *xsh = xs_open(0);

    if (!xsh && !quiet)
        virReportError(conn, NULL, VIR_FROM_XENSTORE, VIR_ERR_NO_XENSTORE,
                       "cannot connect to xenstore: %s", strerror(errno));
    return xsh;
}

void
xenStoreClose(struct xs_handle *xsh)
{
    if (xsh)
        xs_close(xsh);
}

/* Prints the path into @path (XEN_STORE_PATH_MAX bytes); false when it
 * does not fit. */
static bool
xenStorePath(char *path, const char *fmt, va_list ap)
{
    int n = vsnprintf(path, XEN_STORE_PATH_MAX, fmt, ap);

    return n >= 0 && n < XEN_STORE_PATH_MAX;
}

static char *
xenStoreRead(struct xs_handle *xsh, const char *fmt, ...)
{
    char path[XEN_STORE_PATH_MAX];
    unsigned int len = 0;
    va_list ap;
    int fits;

    va_start(ap, fmt);
    fits = xenStorePath(path, fmt, ap);
    va_end(ap);
    return fits ? xs_read(xsh, XBT_NULL, path, &len) : NULL;
}

static int
xenStoreWrite(virDomainPtr dom, struct xs_handle *xsh, const char *value,
              const char *what, const char *fmt, ...)
{
    char path[XEN_STORE_PATH_MAX];
    va_list ap;
    int fits;

    va_start(ap, fmt);
    fits = xenStorePath(path, fmt, ap);
    va_end(ap);
    if (!fits)
        return virReportError(
            dom->conn, dom, VIR_FROM_XENSTORE, VIR_ERR_INTERNAL_ERROR,
            "cannot %s domain '%s': xenstore path too long", what, dom->name);
    if (!xs_write(xsh, XBT_NULL, path, value, (unsigned int)strlen(value)))
        return virReportError(dom->conn, dom, VIR_FROM_XENSTORE,
                              VIR_ERR_XEN_CALL,
                              "cannot %s domain '%s': writing %s failed: %s",
                              what, dom->name, path, strerror(errno));
    return 0;
}

char *
xenStoreDomainName(struct xs_handle *xsh, int id)
{
    return xenStoreRead(xsh, "/local/domain/%d/name", id);
}

int
xenStoreDomainByName(struct xs_handle *xsh, const char *name)
{
    char **ents;
    char *n;
    unsigned int num = 0, i;
    long id;
    int found = -1;

    if (!(ents = xs_directory(xsh, XBT_NULL, "/local/domain", &num)))
        return -1;
    for (i = 0; i < num && found < 0; i++) {
        if (virStrToLong(ents[i], &id) < 0 || id < 0 || id > 0x7fef)
            continue;
        n = xenStoreDomainName(xsh, (int)id);
        if (n && strcmp(n, name) == 0)
            found = (int)id;
        free(n);
    }
    free(ents);
    return found;
}

char *
xenStoreOSType(struct xs_handle *xsh, int id)
{
    char *vm = xenStoreRead(xsh, "/local/domain/%d/vm", id);
    char *type = NULL;

    if (vm)
        type = xenStoreRead(xsh, "%s/image/ostype", vm);
    free(vm);
    return type;
}

/* /local/domain/@id/memory/@node in KiB; 0 when absent or not a number */
static unsigned long
xenStoreMemoryRead(struct xs_handle *xsh, int id, const char *node)
{
    char *s = xenStoreRead(xsh, "/local/domain/%d/memory/%s", id, node);
    unsigned long kib = 0;

    if (s && virStrToULong(s, &kib) < 0)
        kib = 0;
    free(s);
    return kib;
}

static int
xenStoreMemoryWrite(virDomainPtr dom, struct xs_handle *xsh, const char *node,
                    unsigned long kib, const char *what)
{
    char val[32];

    snprintf(val, sizeof(val), "%lu", kib);
    return xenStoreWrite(dom, xsh, val, what, "/local/domain/%d/memory/%s",
                         dom->id, node);
}

unsigned long
xenStoreMemoryTarget(struct xs_handle *xsh, int id)
{
    return xenStoreMemoryRead(xsh, id, "target");
}

unsigned long
xenStoreMemoryMax(struct xs_handle *xsh, int id)
{
    return xenStoreMemoryRead(xsh, id, "static-max");
}

int
xenStoreSetMemoryMax(virDomainPtr dom, struct xs_handle *xsh, unsigned long kib)
{
    return xenStoreMemoryWrite(dom, xsh, "static-max", kib,
                               "set the maximum memory of");
}

int
xenStoreSetMemoryTarget(virDomainPtr dom, struct xs_handle *xsh,
                        unsigned long kib)
{
    return xenStoreMemoryWrite(dom, xsh, "target", kib, "set the memory of");
}

int
xenStoreSetVcpuAvailable(virDomainPtr dom, struct xs_handle *xsh,
                         unsigned int vcpu, bool online)
{
    return xenStoreWrite(dom, xsh, online ? "online" : "offline",
                         "set the vcpus of",
                         "/local/domain/%d/cpu/%u/availability", dom->id, vcpu);
}

int
xenStoreShutdown(virDomainPtr dom, struct xs_handle *xsh, const char *request)
{
    return xenStoreWrite(dom, xsh, request, request,
                         "/local/domain/%d/control/shutdown", dom->id);
}

int
xenStoreListDomains(struct xs_handle *xsh, int *ids, int maxids)
{
    char **ents;
    unsigned int num = 0, i;
    long id;
    int n = 0;

    if (!(ents = xs_directory(xsh, XBT_NULL, "/local/domain", &num)))
        return -1;
    for (i = 0; i < num; i++) {
        if (virStrToLong(ents[i], &id) < 0 || id < 0 || id > 0x7fef)
            continue;
        if (ids && n < maxids)
            ids[n] = (int)id;
        n++;
    }
    free(ents);
    return ids && n > maxids ? maxids : n;
}

int
xenStoreDomainUUID(struct xs_handle *xsh, int id, unsigned char *uuid)
{
    char *vm = xenStoreRead(xsh, "/local/domain/%d/vm", id);
    int ret = -1;

    if (vm && strncmp(vm, "/vm/", 4) == 0 && virUUIDParse(vm + 4, uuid) == 0)
        ret = 0;
    free(vm);
    return ret;
}
