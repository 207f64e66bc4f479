/*
 * xen_shown.h: the Xen driver's visibility policy (xen_shown.c): which
 * running domains libvir shows, and under what name.
 */

#ifndef VIR_XEN_SHOWN_H
#define VIR_XEN_SHOWN_H

#include "drivers/xen/xen_driver.h"

/* Whether running @info is shown: 0 with *@name (caller-frees), 1 when
 * not, -1 raised. */
int xenShownName(virConnectPtr conn, const xc_domaininfo_t *info, char **name);
/* The shown running domains in id order (and their names): the count or
 * -1 raised. */
int xenListShown(virConnectPtr conn, xc_domaininfo_t **infos, char ***names);
/* The index in @all of the shown domain with @uuid: >= 0, -1 when none,
 * -2 raised. */
int xenShownWithUUID(virConnectPtr conn, const xc_domaininfo_t *all, int n,
                     const unsigned char *uuid);
/* The shown running domain with @uuid: 0 (*@info filled), 1 when none,
 * -1 raised. */
int xenFindUUID(virConnectPtr conn, const unsigned char *uuid,
                xc_domaininfo_t *info);

#endif /* VIR_XEN_SHOWN_H */
