/*
 * vsh-host.c: commands about the host and the connection: nodeinfo,
 * version and uri.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

/* "1002003" -> "1.2.3" */
static void vshFormatVersion(unsigned long version, char *buf, size_t len);


/* nodeinfo [--json] */
int
vshCmdNodeInfo(vshControl *ctl, const vshCmd *cmd)
{
    virNodeInfo node;
    char model[sizeof(node.model) + 1];

    if (virNodeGetInfo(ctl->conn, &node) < 0)
        return vshLibError(ctl, "nodeinfo");
    memcpy(model, node.model, sizeof(node.model));
    model[sizeof(node.model)] = '\0';
    if (cmd->json) {
        printf("{\"model\":");
        vshJsonString(model);
        printf(",\"cpus\":%u,\"mhz\":%u,\"nodes\":%u,\"sockets\":%u,"
               "\"cores\":%u,\"threads\":%u,\"memory_kib\":%lu}\n",
               node.cpus, node.mhz, node.nodes, node.sockets, node.cores,
               node.threads, node.memory);
        return VSH_EXIT_OK;
    }
    printf("%-20s %s\n", "CPU model:", model);
    printf("%-20s %u\n", "CPU(s):", node.cpus);
    printf("%-20s %u MHz\n", "CPU frequency:", node.mhz);
    printf("%-20s %u\n", "CPU socket(s):", node.sockets);
    printf("%-20s %u\n", "Core(s) per socket:", node.cores);
    printf("%-20s %u\n", "Thread(s) per core:", node.threads);
    printf("%-20s %u\n", "NUMA cell(s):", node.nodes);
    printf("%-20s %lu KiB\n", "Memory size:", node.memory);
    return VSH_EXIT_OK;
}

static void
vshFormatVersion(unsigned long version, char *buf, size_t len)
{
    snprintf(buf, len, "%lu.%lu.%lu", version / 1000000,
             (version / 1000) % 1000, version % 1000);
}

/* version [--json] */
int
vshCmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    const char *type;
    unsigned long libVer = 0, apiVer = 0, hvVer = 0;
    char built[32], lib[32], api[32], hv[32];

    if (!(type = virConnectGetType(ctl->conn)))
        return vshLibError(ctl, "getting the hypervisor type");
    if (virGetVersion(&libVer, type, &apiVer) < 0)
        return vshLibError(ctl, "getting the library version");
    if (virConnectGetVersion(ctl->conn, &hvVer) < 0)
        return vshLibError(ctl, "getting the hypervisor version");
    vshFormatVersion(LIBVIR_VERSION_NUMBER, built, sizeof(built));
    vshFormatVersion(libVer, lib, sizeof(lib));
    vshFormatVersion(apiVer, api, sizeof(api));
    vshFormatVersion(hvVer, hv, sizeof(hv));
    if (cmd->json) {
        printf("{\"compiled_library\":\"%s\",\"library\":\"%s\","
               "\"type\":",
               built, lib);
        vshJsonString(type);
        printf(",\"api\":\"%s\",\"hypervisor\":\"%s\"}\n", api, hv);
        return VSH_EXIT_OK;
    }
    printf("Compiled against library: libvir %s\n", built);
    printf("Using library: libvir %s\n", lib);
    printf("Using API: %s %s\n", type, api);
    printf("Running hypervisor: %s %s\n", type, hv);
    return VSH_EXIT_OK;
}

/* uri */
int
vshCmdURI(vshControl *ctl, const vshCmd *cmd)
{
    const char *uri = ctl->uri;

    (void)cmd;
    if (!uri || !*uri)
        uri = getenv("LIBVIRT_DEFAULT_URI");
    if (!uri || !*uri)
        uri = "xen:///";
    printf("%s\n", uri);
    return VSH_EXIT_OK;
}
