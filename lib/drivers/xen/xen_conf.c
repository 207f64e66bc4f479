/*
 * xen_conf.c: the config directory of the Xen driver's defined domains.
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/xen/xen_conf.h"

#define XEN_CONF_MAX_FILE (1024 * 1024)

/* Paths */
static char *xenConfPath(virConnectPtr conn, const char *dir, const char *name);
static int xenConfMakeDir(virConnectPtr conn, const char *dir);
static bool xenConfIsXMLName(const char *file);
static int xenConfAppend(virConnectPtr conn, xenConfListPtr list,
                         virDomainDefPtr def);

/* ------------------------------------------------------------------ */

static char *
xenConfPath(virConnectPtr conn, const char *dir, const char *name)
{
    char *path = NULL;

    /* A name with a slash, or "." / "..", must not escape @dir. */
    if (!name[0] || strchr(name, '/') || strcmp(name, ".") == 0 ||
        strcmp(name, "..") == 0) {
        virReportError(conn, NULL, VIR_FROM_CONF, VIR_ERR_INVALID_ARG,
                       "domain name '%s' cannot be stored as a file name",
                       name);
        return NULL;
    }
    if (asprintf(&path, "%s/%s.xml", dir, name) < 0) {
        virReportOOM(conn, VIR_FROM_CONF);
        return NULL;
    }
    return path;
}

static bool
xenConfIsXMLName(const char *file)
{
    size_t len = strlen(file);

    return file[0] != '.' && len > 4 && strcmp(file + len - 4, ".xml") == 0;
}

static int
xenConfAppend(virConnectPtr conn, xenConfListPtr list, virDomainDefPtr def)
{
    virDomainDefPtr *tmp;

    tmp = realloc(list->defs, (list->ndefs + 1) * sizeof(*tmp));
    if (!tmp)
        return virReportOOM(conn, VIR_FROM_CONF);
    list->defs = tmp;
    list->defs[list->ndefs++] = def;
    return 0;
}

int
xenConfLoad(virConnectPtr conn, const char *dir, xenConfListPtr list)
{
    DIR *d;
    struct dirent *ent;
    virDomainDefPtr def;
    char name[VIR_DOMAIN_MAX_NAME + 1];
    bool found;
    size_t len;

    memset(list, 0, sizeof(*list));
    if (!(d = opendir(dir)))
        return 0;
    while ((ent = readdir(d))) {
        len = strlen(ent->d_name);
        if (!xenConfIsXMLName(ent->d_name) || len - 4 > VIR_DOMAIN_MAX_NAME)
            continue;
        memcpy(name, ent->d_name, len - 4);
        name[len - 4] = '\0';
        if (!(def = xenConfRead(NULL, dir, name, &found)))
            continue;
        if (xenConfAppend(conn, list, def) < 0) {
            virDomainDefFree(def);
            closedir(d);
            xenConfListClear(list);
            return -1;
        }
    }
    closedir(d);
    return 0;
}

void
xenConfListClear(xenConfListPtr list)
{
    size_t i;

    for (i = 0; i < list->ndefs; i++)
        virDomainDefFree(list->defs[i]);
    free(list->defs);
    list->defs = NULL;
    list->ndefs = 0;
}

virDomainDefPtr
xenConfFindName(xenConfListPtr list, const char *name)
{
    size_t i;

    for (i = 0; i < list->ndefs; i++)
        if (strcmp(list->defs[i]->name, name) == 0)
            return list->defs[i];
    return NULL;
}

virDomainDefPtr
xenConfFindUUID(xenConfListPtr list, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < list->ndefs; i++)
        if (memcmp(list->defs[i]->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return list->defs[i];
    return NULL;
}

virDomainDefPtr
xenConfRead(virConnectPtr conn, const char *dir, const char *name, bool *found)
{
    char *path, *xml = NULL;
    size_t len;
    virDomainDefPtr def = NULL;

    *found = false;
    if (!(path = xenConfPath(conn, dir, name))) {
        *found = true;
        return NULL;
    }
    if (virFileReadAll(path, XEN_CONF_MAX_FILE, &xml, &len) < 0) {
        if (errno != ENOENT) {
            *found = true;
            virReportError(conn, NULL, VIR_FROM_CONF, VIR_ERR_READ_FAILED,
                           "cannot read the definition of domain '%s' "
                           "(%s): %s",
                           name, path, strerror(errno));
        }
        goto cleanup;
    }
    *found = true;
    def = virDomainDefParseString(conn, xml);
    if (def && strcmp(def->name, name) != 0) {
        virReportError(conn, NULL, VIR_FROM_CONF, VIR_ERR_PARSE_FAILED,
                       "%s defines domain '%s', not '%s'", path, def->name,
                       name);
        virDomainDefFree(def);
        def = NULL;
    }
cleanup:
    free(xml);
    free(path);
    return def;
}

static int
xenConfMakeDir(virConnectPtr conn, const char *dir)
{
    char *copy;
    size_t i, len = strlen(dir);
    int ret = 0;

    if (!(copy = strdup(dir)))
        return virReportOOM(conn, VIR_FROM_CONF);
    /* Each prefix ending before a slash, then the whole path. */
    for (i = 1; i <= len && ret == 0; i++) {
        if (dir[i] != '/' && dir[i] != '\0')
            continue;
        copy[i] = '\0';
        if (mkdir(copy, 0755) < 0 && errno != EEXIST) {
            virReportError(conn, NULL, VIR_FROM_CONF, VIR_ERR_WRITE_FAILED,
                           "cannot create the config directory %s: %s", copy,
                           strerror(errno));
            ret = -1;
        }
        copy[i] = dir[i];
    }
    free(copy);
    return ret;
}

int
xenConfWrite(virConnectPtr conn, const char *dir, const virDomainDef *def)
{
    char *path = NULL, *xml = NULL;
    int ret = -1;

    if (xenConfMakeDir(conn, dir) < 0 ||
        !(path = xenConfPath(conn, dir, def->name)) ||
        !(xml = virDomainDefFormat(conn, def, -1)))
        goto cleanup;
    if (virFileWriteAtomic(path, xml, strlen(xml)) < 0) {
        virReportError(conn, NULL, VIR_FROM_CONF, VIR_ERR_WRITE_FAILED,
                       "cannot save the definition of domain '%s' to %s: %s",
                       def->name, path, strerror(errno));
        goto cleanup;
    }
    ret = 0;
cleanup:
    free(xml);
    free(path);
    return ret;
}

int
xenConfRemove(virConnectPtr conn, const char *dir, const char *name)
{
    char *path = xenConfPath(conn, dir, name);
    int ret = 0;

    if (!path)
        return -1;
    if (unlink(path) < 0 && errno != ENOENT) {
        virReportError(conn, NULL, VIR_FROM_CONF, VIR_ERR_WRITE_FAILED,
                       "cannot remove the definition of domain '%s' (%s): "
                       "%s",
                       name, path, strerror(errno));
        ret = -1;
    }
    free(path);
    return ret;
}
