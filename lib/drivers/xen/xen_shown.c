/*
 * xen_shown.c: the Xen driver's visibility policy: which running domains
 * libvir shows, and under what name.  Listings, lookups and the event
 * watch all see the host through it, so that a domain is shown (or not)
 * the same way everywhere.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/xen/xen_shown.h"

/*
 * Whether libvir shows the running domain @info, and under what name: 0
 * with *name set (caller-frees), 1 when not shown, -1 raised.  Shown are
 * Domain-0 and every guest the toolstack has named in xenstore and that
 * is not dying.  A guest without a name is still being built or already
 * being torn down (libxl writes the name before it builds and removes it
 * before it destroys); shown, it would come and go as a domain nobody
 * made, under a made-up name, and trap receivers would hear of it.
 */
int
xenShownName(virConnectPtr conn, const xc_domaininfo_t *info, char **name)
{
    xenPrivatePtr priv = conn->privateData;

    *name = NULL;
    if (info->flags & XEN_DOMINF_dying)
        return 1;
    errno = 0;
    if ((*name = xenStoreDomainName(priv->xsh, info->domain)))
        return 0;
    if (errno == ENOMEM)
        goto oom;
    if (info->domain != 0)
        return 1;
    /* xen-init-dom0 names it; a host booted without it still has one */
    if (!(*name = strdup("Domain-0")))
        goto oom;
    return 0;

oom:
    return virReportOOM(conn, VIR_FROM_XEN);
}

/**
 * xenListShown:
 *
 * The running domains libvir shows (see xenShownName), in domain id
 * order: their hypervisor information in *@infos and, when @names is not
 * NULL, their names in *@names (both caller-frees, every name too).  The
 * count, or -1 raised.
 */
int
xenListShown(virConnectPtr conn, xc_domaininfo_t **infos, char ***names)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    char **nm = NULL;
    char *name;
    int n, i, k = 0, r;

    if ((n = xenHvListAll(conn, priv->xch, &all)) < 0)
        return -1;
    if (names && !(nm = calloc((size_t)n + 1, sizeof(*nm)))) {
        virReportOOM(conn, VIR_FROM_XEN);
        goto error;
    }
    for (i = 0; i < n; i++) {
        if ((r = xenShownName(conn, &all[i], &name)) < 0)
            goto error;
        if (r > 0)
            continue;
        all[k] = all[i];
        if (nm)
            nm[k] = name;
        else
            free(name);
        k++;
    }
    *infos = all;
    if (names)
        *names = nm;
    return k;

error:
    while (nm && k > 0)
        free(nm[--k]);
    free(nm);
    free(all);
    return -1;
}

/* The index in @all of the shown domain with @uuid (see xenShownName):
 * >= 0, -1 when none, -2 raised.  Only the names of domains with @uuid
 * are read: a uuid lookup costs one xenstore read, not one per domain. */
int
xenShownWithUUID(virConnectPtr conn, const xc_domaininfo_t *all, int n,
                 const unsigned char *uuid)
{
    char *name;
    int i, r;

    for (i = 0; i < n; i++) {
        if (memcmp(all[i].handle, uuid, VIR_UUID_BUFLEN) != 0)
            continue;
        /* a dying instance may sit beside the live one: look on */
        if ((r = xenShownName(conn, &all[i], &name)) < 0)
            return -2;
        free(name);
        if (r == 0)
            return i;
    }
    return -1;
}

/* Finds the running domain with @uuid among those shown: 0, 1 when none,
 * -1 on error.  A dying domain (destroyed, its memory not yet released)
 * does not count, nor one still being built. */
int
xenFindUUID(virConnectPtr conn, const unsigned char *uuid,
            xc_domaininfo_t *info)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    int n, d, ret = 1;

    if ((n = xenHvListAll(conn, priv->xch, &all)) < 0)
        return -1;
    d = xenShownWithUUID(conn, all, n, uuid);
    if (d == -2) {
        ret = -1;
    } else if (d >= 0) {
        *info = all[d];
        ret = 0;
    }
    free(all);
    return ret;
}
