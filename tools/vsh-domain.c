/*
 * vsh-domain.c: commands that read domains: list, dominfo, domid,
 * domname, domuuid, domstate and dumpxml.
 */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

#define VSH_UUID_STRING_BUFLEN 37

/* One line of "list". */
typedef struct {
    int id; /* -1 for an inactive domain */
    char *name;
    char uuid[VSH_UUID_STRING_BUFLEN];
    int state;
} vshListRow;

/* One growing table of rows. */
typedef struct {
    vshListRow *rows;
    size_t count;
} vshListTable;

/* list */
static int vshCompareIds(const void *a, const void *b);
static int vshCompareNames(const void *a, const void *b);
static bool vshDomainVanished(void);
static int vshListAdd(vshControl *ctl, vshListTable *table, virDomainPtr dom);
static int vshListAddFound(vshControl *ctl, vshListTable *table,
                           virDomainPtr dom);
static int vshListActive(vshControl *ctl, vshListTable *table);
static int vshListInactive(vshControl *ctl, vshListTable *table);
static int vshWidth(const char *str);
static void vshPad(const char *str, int width);
static void vshListPrint(const vshListTable *table);
static void vshListPrintJSON(const vshListTable *table);
static void vshListFree(vshListTable *table);

/* dominfo */
static void vshDomInfoPrint(virDomainPtr dom, const virDomainInfo *info,
                            const char *uuid, const char *ostype);
static void vshDomInfoPrintJSON(virDomainPtr dom, const virDomainInfo *info,
                                const char *uuid, const char *ostype);


static int
vshCompareIds(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

static int
vshCompareNames(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when the last error says the domain went away meanwhile. */
static bool
vshDomainVanished(void)
{
    virErrorPtr err = virGetLastError();

    return err && err->code == VIR_ERR_NO_DOMAIN;
}

/*
 * Adds the row of @dom to @table.  Returns 0, 1 when the domain vanished
 * meanwhile (not an error: it is just not listed), or VSH_EXIT_FAILED.
 */
static int
vshListAdd(vshControl *ctl, vshListTable *table, virDomainPtr dom)
{
    virDomainInfo info;
    vshListRow *grown, *row;
    const char *name;
    unsigned int id;

    if (virDomainGetInfo(dom, &info) < 0)
        return vshDomainVanished() ? 1 : vshLibError(ctl, "getting info");
    grown = realloc(table->rows, (table->count + 1) * sizeof(*grown));
    if (!grown)
        return vshSysError("out of memory");
    table->rows = grown;
    row = &table->rows[table->count];
    memset(row, 0, sizeof(*row));
    name = virDomainGetName(dom);
    if (!name || virDomainGetUUIDString(dom, row->uuid) < 0)
        return vshLibError(ctl, "getting the name and uuid");
    row->name = strdup(name);
    if (!row->name)
        return vshSysError("out of memory");
    id = virDomainGetID(dom);
    row->id = id == (unsigned int)-1 ? -1 : (int)id;
    row->state = info.state;
    table->count++;
    return 0;
}

/*
 * Adds @dom, just looked up from a listing, and frees it; returns as
 * vshListAdd() does.  A domain that went away between the listing and
 * the lookup (@dom NULL, VIR_ERR_NO_DOMAIN) is skipped.
 */
static int
vshListAddFound(vshControl *ctl, vshListTable *table, virDomainPtr dom)
{
    int ret;

    if (!dom) {
        if (vshDomainVanished())
            return 1;
        return vshLibError(ctl, "looking up a domain");
    }
    ret = vshListAdd(ctl, table, dom);
    virDomainFree(dom);
    return ret;
}

/* Adds the running domains, by ascending id. */
static int
vshListActive(vshControl *ctl, vshListTable *table)
{
    int *ids = NULL;
    int n, i, ret = VSH_EXIT_FAILED;

    n = virConnectNumOfDomains(ctl->conn);
    if (n < 0)
        return vshLibError(ctl, "counting domains");
    ids = calloc((size_t)n + 1, sizeof(*ids));
    if (!ids)
        return vshSysError("out of memory");
    n = virConnectListDomains(ctl->conn, ids, n);
    if (n < 0) {
        vshLibError(ctl, "listing domains");
        goto cleanup;
    }
    qsort(ids, (size_t)n, sizeof(*ids), vshCompareIds);
    for (i = 0; i < n; i++) {
        ret =
            vshListAddFound(ctl, table, virDomainLookupByID(ctl->conn, ids[i]));
        if (ret == VSH_EXIT_FAILED)
            goto cleanup;
    }
    ret = VSH_EXIT_OK;

cleanup:
    free(ids);
    return ret;
}

/* Adds the defined, inactive domains, by name. */
static int
vshListInactive(vshControl *ctl, vshListTable *table)
{
    const char **names = NULL;
    int n, i, ret = VSH_EXIT_FAILED;

    n = virConnectNumOfDefinedDomains(ctl->conn);
    if (n < 0)
        return vshLibError(ctl, "counting defined domains");
    names = calloc((size_t)n + 1, sizeof(*names));
    if (!names)
        return vshSysError("out of memory");
    n = virConnectListDefinedDomains(ctl->conn, names, n);
    if (n < 0) {
        vshLibError(ctl, "listing defined domains");
        goto cleanup;
    }
    qsort(names, (size_t)n, sizeof(*names), vshCompareNames);
    for (i = 0; i < n; i++) {
        ret = vshListAddFound(ctl, table,
                              virDomainLookupByName(ctl->conn, names[i]));
        if (ret == VSH_EXIT_FAILED)
            goto cleanup;
    }
    ret = VSH_EXIT_OK;

cleanup:
    for (i = 0; i < n; i++)
        free((void *)(uintptr_t)names[i]); /* caller-frees, see API */
    free(names);
    return ret;
}

/* The number of characters of UTF-8 @str: its bytes less continuations. */
static int
vshWidth(const char *str)
{
    int width = 0;

    for (; *str; str++) {
        if (((unsigned char)*str & 0xC0) != 0x80)
            width++;
    }
    return width;
}

/* Prints @str, then blanks up to @width characters and three more. */
static void
vshPad(const char *str, int width)
{
    fputs(str, stdout);
    printf("%*s", width - vshWidth(str) + 3, "");
}

/* Prints the table in aligned columns: " Id   Name   State". */
static void
vshListPrint(const vshListTable *table)
{
    int idw = 2, namew = 4, statew = 5, w;
    size_t i;
    char id[16];

    for (i = 0; i < table->count; i++) {
        w = snprintf(id, sizeof(id), "%d", table->rows[i].id);
        idw = w > idw ? w : idw;
        w = vshWidth(table->rows[i].name);
        namew = w > namew ? w : namew;
        w = vshWidth(vshStateName(table->rows[i].state));
        statew = w > statew ? w : statew;
    }
    printf(" %-*s   %-*s   %s\n", idw, "Id", namew, "Name", "State");
    for (w = 0; w < 1 + idw + 3 + namew + 3 + statew; w++)
        putchar('-');
    putchar('\n');
    for (i = 0; i < table->count; i++) {
        if (table->rows[i].id < 0)
            snprintf(id, sizeof(id), "-");
        else
            snprintf(id, sizeof(id), "%d", table->rows[i].id);
        putchar(' ');
        vshPad(id, idw);
        vshPad(table->rows[i].name, namew);
        printf("%s\n", vshStateName(table->rows[i].state));
    }
}

/* Prints the table as a JSON array of objects. */
static void
vshListPrintJSON(const vshListTable *table)
{
    size_t i;

    putchar('[');
    for (i = 0; i < table->count; i++) {
        if (table->rows[i].id < 0)
            printf("%s{\"id\":null,\"name\":", i ? "," : "");
        else
            printf("%s{\"id\":%d,\"name\":", i ? "," : "", table->rows[i].id);
        vshJsonString(table->rows[i].name);
        printf(",\"uuid\":\"%s\",\"state\":\"%s\"}", table->rows[i].uuid,
               vshStateToken(table->rows[i].state));
    }
    printf("]\n");
}

static void
vshListFree(vshListTable *table)
{
    size_t i;

    for (i = 0; i < table->count; i++)
        free(table->rows[i].name);
    free(table->rows);
}

/* list [--all | --inactive] [--json] */
int
vshCmdList(vshControl *ctl, const vshCmd *cmd)
{
    vshListTable table = { NULL, 0 };
    int ret = VSH_EXIT_OK;

    if (!(cmd->opts & VSH_OPT_INACTIVE))
        ret = vshListActive(ctl, &table);
    if (ret == VSH_EXIT_OK && (cmd->opts & (VSH_OPT_ALL | VSH_OPT_INACTIVE)))
        ret = vshListInactive(ctl, &table);
    if (ret == VSH_EXIT_OK && cmd->json)
        vshListPrintJSON(&table);
    else if (ret == VSH_EXIT_OK)
        vshListPrint(&table);
    vshListFree(&table);
    return ret;
}

static void
vshDomInfoPrint(virDomainPtr dom, const virDomainInfo *info, const char *uuid,
                const char *ostype)
{
    unsigned int id = virDomainGetID(dom);

    if (id == (unsigned int)-1)
        printf("%-15s %s\n", "Id:", "-");
    else
        printf("%-15s %u\n", "Id:", id);
    printf("%-15s %s\n", "Name:", virDomainGetName(dom));
    printf("%-15s %s\n", "UUID:", uuid);
    printf("%-15s %s\n", "OS Type:", ostype);
    printf("%-15s %s\n", "State:", vshStateName(info->state));
    printf("%-15s %u\n", "CPU(s):", info->nrVirtCpu);
    printf("%-15s %.1fs\n", "CPU time:", (double)info->cpuTime / 1e9);
    printf("%-15s %lu KiB\n", "Max memory:", info->maxMem);
    printf("%-15s %lu KiB\n", "Used memory:", info->memory);
}

static void
vshDomInfoPrintJSON(virDomainPtr dom, const virDomainInfo *info,
                    const char *uuid, const char *ostype)
{
    unsigned int id = virDomainGetID(dom);

    if (id == (unsigned int)-1)
        printf("{\"id\":null,\"name\":");
    else
        printf("{\"id\":%u,\"name\":", id);
    vshJsonString(virDomainGetName(dom));
    printf(",\"uuid\":\"%s\",\"os_type\":", uuid);
    vshJsonString(ostype);
    printf(",\"state\":\"%s\",\"vcpus\":%u,\"cpu_time_ns\":%llu,"
           "\"max_memory_kib\":%lu,\"memory_kib\":%lu}\n",
           vshStateToken(info->state), info->nrVirtCpu, info->cpuTime,
           info->maxMem, info->memory);
}

/* dominfo [--json] DOMAIN */
int
vshCmdDomInfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    virDomainInfo info;
    char uuid[VSH_UUID_STRING_BUFLEN];
    char *ostype = NULL;
    int ret = VSH_EXIT_FAILED;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (virDomainGetInfo(dom, &info) < 0 ||
        virDomainGetUUIDString(dom, uuid) < 0 ||
        !(ostype = virDomainGetOSType(dom))) {
        vshLibError(ctl, "getting domain information");
        goto cleanup;
    }
    if (cmd->json)
        vshDomInfoPrintJSON(dom, &info, uuid, ostype);
    else
        vshDomInfoPrint(dom, &info, uuid, ostype);
    ret = VSH_EXIT_OK;

cleanup:
    free(ostype);
    virDomainFree(dom);
    return ret;
}

/* domid DOMAIN: the id, "-" for an inactive domain */
int
vshCmdDomId(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    unsigned int id;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        printf("-\n");
    else
        printf("%u\n", id);
    virDomainFree(dom);
    return VSH_EXIT_OK;
}

/* domname DOMAIN */
int
vshCmdDomName(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    const char *name;
    int ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    name = virDomainGetName(dom);
    if (name)
        printf("%s\n", name);
    else
        ret = vshLibError(ctl, "getting the domain name");
    virDomainFree(dom);
    return ret;
}

/* domuuid DOMAIN */
int
vshCmdDomUUID(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    char uuid[VSH_UUID_STRING_BUFLEN];
    int ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (virDomainGetUUIDString(dom, uuid) == 0)
        printf("%s\n", uuid);
    else
        ret = vshLibError(ctl, "getting the domain uuid");
    virDomainFree(dom);
    return ret;
}

/* domstate DOMAIN */
int
vshCmdDomState(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    virDomainInfo info;
    int ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (virDomainGetInfo(dom, &info) == 0)
        printf("%s\n", vshStateName(info.state));
    else
        ret = vshLibError(ctl, "getting the domain state");
    virDomainFree(dom);
    return ret;
}

/* dumpxml DOMAIN */
int
vshCmdDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    char *xml;
    size_t len;
    int ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    xml = virDomainGetXMLDesc(dom, 0);
    if (xml) {
        len = strlen(xml);
        fputs(xml, stdout);
        if (len == 0 || xml[len - 1] != '\n')
            putchar('\n');
    } else {
        ret = vshLibError(ctl, "getting the domain XML");
    }
    free(xml);
    virDomainFree(dom);
    return ret;
}
