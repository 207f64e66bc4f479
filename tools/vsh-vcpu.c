/*
 * vsh-vcpu.c: commands on virtual CPUs: setvcpus, vcpuinfo, vcpupin.
 * Affinities are shown and read as CPU lists ("0-3,6", "0-7,^3") through
 * cpulist.c; the length of a cpumap comes from the node's CPU count.
 */

#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cpulist.h"
#include "vsh.h"

/* Helpers */
static int vshHostCpus(vshControl *ctl, unsigned int *ncpus);
static int vshSetVcpusAction(virDomainPtr dom, unsigned long count);
static void vshVcpuPrint(const virVcpuInfo *vcpu, const char *affinity,
                         bool first);
static void vshVcpuPrintJSON(const virVcpuInfo *vcpu, const char *affinity,
                             bool first);
static int vshVcpuShow(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom,
                       unsigned int ncpus);


/*
 * Stores in *@ncpus the number of physical CPUs a cpumap describes:
 * VIR_NODEINFO_MAXCPUS of the node, or its active CPUs if that is 0.
 */
static int
vshHostCpus(vshControl *ctl, unsigned int *ncpus)
{
    virNodeInfo node;

    if (virNodeGetInfo(ctl->conn, &node) < 0)
        return vshLibError(ctl, "getting node information");
    *ncpus = VIR_NODEINFO_MAXCPUS(node);
    if (*ncpus == 0)
        *ncpus = node.cpus;
    if (*ncpus == 0 || *ncpus > INT_MAX / 2)
        return vshSysError("the node reports %u cpus", *ncpus);
    return VSH_EXIT_OK;
}

static int
vshSetVcpusAction(virDomainPtr dom, unsigned long count)
{
    return virDomainSetVcpus(dom, (unsigned int)count);
}

/* setvcpus DOMAIN COUNT */
int
vshCmdSetVcpus(vshControl *ctl, const vshCmd *cmd)
{
    return vshSetNumber(ctl, cmd, "COUNT", UINT_MAX, vshSetVcpusAction);
}

static void
vshVcpuPrint(const virVcpuInfo *vcpu, const char *affinity, bool first)
{
    if (!first)
        putchar('\n');
    printf("%-15s %u\n", "VCPU:", vcpu->number);
    if (vcpu->cpu < 0)
        printf("%-15s %s\n", "CPU:", "-");
    else
        printf("%-15s %d\n", "CPU:", vcpu->cpu);
    printf("%-15s %s\n", "State:", vshVcpuStateName(vcpu->state));
    printf("%-15s %.1fs\n", "CPU time:", (double)vcpu->cpuTime / 1e9);
    printf("%-15s %s\n", "CPU Affinity:", affinity[0] ? affinity : "none");
}

static void
vshVcpuPrintJSON(const virVcpuInfo *vcpu, const char *affinity, bool first)
{
    printf("%s{\"vcpu\":%u,", first ? "" : ",", vcpu->number);
    if (vcpu->cpu < 0)
        printf("\"cpu\":null,");
    else
        printf("\"cpu\":%d,", vcpu->cpu);
    printf("\"state\":\"%s\",\"cpu_time_ns\":%llu,\"affinity\":",
           vshVcpuStateName(vcpu->state), vcpu->cpuTime);
    vshJsonString(affinity);
    putchar('}');
}

/* Fetches the vcpus of @dom with their maps of @ncpus cpus, prints them. */
static int
vshVcpuShow(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom,
            unsigned int ncpus)
{
    virDomainInfo info;
    virVcpuInfo *vcpus = NULL;
    unsigned char *maps = NULL;
    size_t maplen = VIR_CPU_MAPLEN((size_t)ncpus);
    char *affinity;
    int n = 0, i, ret = VSH_EXIT_FAILED;

    if (virDomainGetInfo(dom, &info) < 0)
        return vshLibError(ctl, "getting domain information");
    vcpus = calloc((size_t)info.nrVirtCpu + 1, sizeof(*vcpus));
    maps = calloc((size_t)info.nrVirtCpu + 1, maplen);
    if (!vcpus || !maps) {
        vshSysError("out of memory");
        goto cleanup;
    }
    if (info.nrVirtCpu > 0 && (n = virDomainGetVcpus(dom, vcpus, info.nrVirtCpu,
                                                     maps, (int)maplen)) < 0) {
        vshLibError(ctl, "vcpuinfo");
        goto cleanup;
    }
    if (cmd->json)
        putchar('[');
    for (i = 0; i < n; i++) {
        affinity =
            vshCpuListFormat(VIR_GET_CPUMAP(maps, maplen, i), maplen, ncpus);
        if (!affinity) {
            vshSysError("out of memory");
            goto cleanup;
        }
        if (cmd->json)
            vshVcpuPrintJSON(&vcpus[i], affinity, i == 0);
        else
            vshVcpuPrint(&vcpus[i], affinity, i == 0);
        free(affinity);
    }
    if (cmd->json)
        printf("]\n");
    ret = VSH_EXIT_OK;

cleanup:
    free(vcpus);
    free(maps);
    return ret;
}

/* vcpuinfo [--json] DOMAIN */
int
vshCmdVcpuInfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    unsigned int ncpus;
    int ret;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    ret = vshHostCpus(ctl, &ncpus);
    if (ret == VSH_EXIT_OK)
        ret = vshVcpuShow(ctl, cmd, dom, ncpus);
    virDomainFree(dom);
    return ret;
}

/* vcpupin DOMAIN VCPU CPULIST */
int
vshCmdVcpuPin(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = NULL;
    unsigned long vcpu;
    unsigned int ncpus;
    unsigned char *map = NULL;
    char err[VSH_CPULIST_ERRLEN];
    int ret;

    ret = vshParseULong(cmd, "VCPU", cmd->argv[1], UINT_MAX, &vcpu);
    if (ret != 0 || (ret = vshHostCpus(ctl, &ncpus)) != 0)
        return ret;
    if (!(map = calloc(VIR_CPU_MAPLEN((size_t)ncpus), 1)))
        return vshSysError("out of memory");
    if (vshCpuListParse(cmd->argv[2], ncpus, map, VIR_CPU_MAPLEN((size_t)ncpus),
                        err, sizeof(err)) < 0) {
        ret = vshUsageError(cmd, "invalid CPULIST '%s': %s", cmd->argv[2], err);
        goto cleanup;
    }
    if (!(dom = vshLookupDomain(ctl, cmd->argv[0]))) {
        ret = VSH_EXIT_FAILED;
        goto cleanup;
    }
    if (virDomainPinVcpu(dom, (unsigned int)vcpu, map,
                         (int)VIR_CPU_MAPLEN(ncpus)) < 0)
        ret = vshLibError(ctl, "vcpupin");

cleanup:
    if (dom)
        virDomainFree(dom);
    free(map);
    return ret;
}
