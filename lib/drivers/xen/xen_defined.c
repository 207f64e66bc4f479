/*
 * xen_defined.c: the defined (persistent) domains of the Xen driver,
 * kept as definitions in its config directory: listing, defining,
 * undefining and starting them, and starting a transient domain.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain_event.h"
#include "drivers/xen/xen_driver.h"
#include "drivers/xen/xen_events.h"
#include "drivers/xen/xen_shown.h"

/* Defined domains */
static int xenLoadInactive(virConnectPtr conn, xenConfListPtr list);
static int xenCheckNew(virConnectPtr conn, virDomainDefPtr def, bool redefine);
static int xenHasDef(virDomainPtr dom);

/* Loads the definitions and drops those whose domain runs, as listed
 * (one being built or torn down still counts as inactive: it is in one
 * list or the other, never in neither). */
static int
xenLoadInactive(virConnectPtr conn, xenConfListPtr list)
{
    xenPrivatePtr priv = conn->privateData;
    xc_domaininfo_t *all = NULL;
    size_t i, j, k = 0;
    int n, d;

    if (xenNeedHv(conn, NULL, "list the defined domains") < 0 ||
        (n = xenHvListAll(conn, priv->xch, &all)) < 0)
        return -1;
    if (xenConfLoad(conn, priv->confdir, list) < 0) {
        free(all);
        return -1;
    }
    for (i = 0; i < list->ndefs; i++) {
        d = xenShownWithUUID(conn, all, n, list->defs[i]->uuid);
        if (d == -2) {
            /* keep what is left, kept or not looked at, to clear it */
            for (j = i; j < list->ndefs; j++)
                list->defs[k++] = list->defs[j];
            list->ndefs = k;
            xenConfListClear(list);
            free(all);
            return -1;
        }
        if (d >= 0) {
            virDomainDefFree(list->defs[i]);
            continue;
        }
        list->defs[k++] = list->defs[i];
    }
    list->ndefs = k;
    for (j = 0; j < k; j++) /* sorted output is easier to compare */
        for (i = j + 1; i < k; i++)
            if (strcmp(list->defs[i]->name, list->defs[j]->name) < 0) {
                virDomainDefPtr t = list->defs[i];
                list->defs[i] = list->defs[j];
                list->defs[j] = t;
            }
    free(all);
    return 0;
}

int
xenListDefinedDomains(virConnectPtr conn, const char **names, int maxnames)
{
    xenConfList list;
    int i, n = 0;

    if (xenLoadInactive(conn, &list) < 0)
        return -1;
    for (i = 0; i < (int)list.ndefs && n < maxnames; i++, n++) {
        if (!(names[n] = strdup(list.defs[i]->name))) {
            while (n-- > 0)
                free((void *)(uintptr_t)names[n]);
            xenConfListClear(&list);
            return virReportOOM(conn, VIR_FROM_XEN);
        }
    }
    xenConfListClear(&list);
    return n;
}

int
xenNumOfDefinedDomains(virConnectPtr conn)
{
    xenConfList list;
    int n;

    if (xenLoadInactive(conn, &list) < 0)
        return -1;
    n = (int)list.ndefs;
    xenConfListClear(&list);
    return n;
}

/*
 * @def must clash with nothing: not with a running domain (by name or
 * uuid), and not with another definition.  With @redefine, the
 * definition of the same name and uuid may be replaced; a def without
 * uuid takes the uuid of the definition it replaces, or a new one.
 */
static int
xenCheckNew(virConnectPtr conn, virDomainDefPtr def, bool redefine)
{
    xenPrivatePtr priv = conn->privateData;
    xenConfList list;
    virDomainDefPtr byName, byUUID;
    xc_domaininfo_t xi;
    int ret = -1, r = 0;

    if (xenConfLoad(conn, priv->confdir, &list) < 0)
        return -1;
    byName = xenConfFindName(&list, def->name);
    if (!def->hasUUID && redefine && byName)
        memcpy(def->uuid, byName->uuid, VIR_UUID_BUFLEN);
    else if (!def->hasUUID && virUUIDGenerate(def->uuid) < 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_INTERNAL_ERROR,
                       "cannot generate a uuid for domain '%s'", def->name);
        goto cleanup;
    }
    def->hasUUID = true;
    byUUID = xenConfFindUUID(&list, def->uuid);
    if ((byName && (!redefine || byName != byUUID)) ||
        (byUUID && byUUID != byName)) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
                       "domain '%s' already exists%s", def->name,
                       byName ? " with a different uuid"
                              : " under another name");
        goto cleanup;
    }
    if (xenStoreDomainByName(priv->xsh, def->name) >= 0 ||
        (r = xenFindUUID(conn, def->uuid, &xi)) == 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_DOM_EXIST,
                       "domain '%s' is already active", def->name);
        goto cleanup;
    }
    /* 1: @def replaces a definition of the same name and uuid */
    ret = r < 0 ? -1 : byName ? 1 : 0;
cleanup:
    xenConfListClear(&list);
    return ret;
}

virDomainPtr
xenDomainDefineXML(virConnectPtr conn, const char *xml)
{
    xenPrivatePtr priv = conn->privateData;
    virDomainDefPtr def;
    virDomainPtr dom = NULL;
    int existed;

    if (xenNeedHv(conn, NULL, "define a domain") < 0 ||
        !(def = virDomainDefParseString(conn, xml)))
        return NULL;
    if ((existed = xenCheckNew(conn, def, true)) >= 0 &&
        xenConfWrite(conn, priv->confdir, def) == 0) {
        virDomainEventQueue(priv, def->name, def->uuid, VIR_DOMAIN_ID_INACTIVE,
                            VIR_DOMAIN_EVENT_DEFINED,
                            existed ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                    : VIR_DOMAIN_EVENT_DEFINED_ADDED);
        dom = virGetDomain(conn, def->name, def->uuid, VIR_DOMAIN_ID_INACTIVE);
    }
    virDomainDefFree(def);
    return dom;
}

/* Whether @dom has a definition of its own (same name and uuid): 1 or 0,
 * -1 after raising an error. */
static int
xenHasDef(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    virDomainDefPtr def;
    bool found;
    int ret;

    def = xenConfRead(dom->conn, priv->confdir, dom->name, &found);
    if (!def)
        return found ? -1 : 0;
    ret = memcmp(def->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0;
    virDomainDefFree(def);
    return ret;
}

int
xenDomainIsPersistent(virDomainPtr dom)
{
    xc_domaininfo_t xi;

    if (xenResolve(dom, &xi) < 0)
        return -1;
    return xenHasDef(dom);
}

int
xenDomainUndefine(virDomainPtr dom)
{
    xenPrivatePtr priv = dom->conn->privateData;
    xc_domaininfo_t xi;
    int r;

    if (xenResolve(dom, &xi) < 0 || (r = xenHasDef(dom)) < 0)
        return -1;
    if (r == 0)
        return virReportError(dom->conn, dom, VIR_FROM_XEN,
                              VIR_ERR_OPERATION_FAILED,
                              "cannot undefine domain '%s': domain is not "
                              "persistent",
                              dom->name);
    /* A running domain keeps running, as a transient one. */
    if (xenConfRemove(dom->conn, priv->confdir, dom->name) < 0)
        return -1;
    xenEventTellDomain(dom, VIR_DOMAIN_EVENT_UNDEFINED,
                       VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    return 0;
}

int
xenDomainCreate(virDomainPtr dom)
{
    xc_domaininfo_t xi;
    virDomainDefPtr def;
    libxl_ctx *xl;
    int r = xenResolve(dom, &xi), id, ret = -1;

    if (r < 0)
        return -1;
    if (r == 0)
        return virReportError(
            dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
            "cannot start domain '%s': domain is already running", dom->name);
    if (!(xl = xenNeedLibxl(dom->conn, dom, "start a domain")) ||
        !(def = xenDefOf(dom)))
        return -1;
    if (xenLibxlCreate(dom->conn, xl, def, &id) == 0) {
        dom->id = id;
        ret = 0;
    }
    virDomainDefFree(def);
    return ret;
}

virDomainPtr
xenDomainCreateLinux(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainDefPtr def;
    virDomainPtr dom = NULL;
    libxl_ctx *xl;
    int id;

    if (!(xl = xenNeedLibxl(conn, NULL, "start a domain")) ||
        !(def = virDomainDefParseString(conn, xml)))
        return NULL;
    if (xenCheckNew(conn, def, false) == 0 &&
        xenLibxlCreate(conn, xl, def, &id) == 0)
        dom = virGetDomain(conn, def->name, def->uuid, id);
    virDomainDefFree(def);
    return dom;
}
