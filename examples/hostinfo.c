/*
 * hostinfo.c: a program written against the classic libvirt API alone.
 *
 * It opens the default hypervisor (virConnectOpen(NULL): the URI in
 * LIBVIRT_DEFAULT_URI, else Xen) and prints the node and every domain,
 * active and defined.  Run it on the embedded test host with
 *
 *     LIBVIRT_DEFAULT_URI=test:///default ./hostinfo
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static const char *state_name(unsigned char state);
static int print_node(virConnectPtr conn);
static void print_domain(virDomainPtr dom);
static int print_domains(virConnectPtr conn);

static const char *
state_name(unsigned char state)
{
    static const char *const names[] = {
        "no state", "running",  "blocked", "paused",
        "shutdown", "shut off", "crashed",
    };

    return state < sizeof(names) / sizeof(*names) ? names[state] : "?";
}

static int
print_node(virConnectPtr conn)
{
    virNodeInfo ni;
    unsigned long hv = 0;

    if (virNodeGetInfo(conn, &ni) < 0 || virConnectGetVersion(conn, &hv) < 0)
        return -1;
    printf("Hypervisor:  %s %lu.%lu.%lu\n", virConnectGetType(conn),
           hv / 1000000, hv / 1000 % 1000, hv % 1000);
    printf("CPU model:   %s\n", ni.model);
    printf("CPUs:        %u active of %u (%u MHz)\n", ni.cpus,
           VIR_NODEINFO_MAXCPUS(ni), ni.mhz);
    printf("Topology:    %u NUMA nodes, %u sockets/node, %u cores/socket, "
           "%u threads/core\n",
           ni.nodes, ni.sockets, ni.cores, ni.threads);
    printf("Memory:      %lu KiB\n\n", ni.memory);
    return 0;
}

static void
print_domain(virDomainPtr dom)
{
    virDomainInfo info;
    char uuid[37];
    unsigned int id = virDomainGetID(dom);

    if (virDomainGetInfo(dom, &info) < 0 ||
        virDomainGetUUIDString(dom, uuid) < 0)
        return;
    if (id == (unsigned int)-1)
        printf(" %4s", "-");
    else
        printf(" %4u", id);
    printf("  %-16s %-9s %5u %10lu %10lu  %s\n", virDomainGetName(dom),
           state_name(info.state), info.nrVirtCpu, info.memory, info.maxMem,
           uuid);
}

static int
print_domains(virConnectPtr conn)
{
    int ids[1024];
    const char *names[1024];
    int i, n;
    virDomainPtr dom;

    printf(" %4s  %-16s %-9s %5s %10s %10s  %s\n", "Id", "Name", "State",
           "vCPUs", "Mem KiB", "Max KiB", "UUID");
    if ((n = virConnectListDomains(conn, ids, 1024)) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if ((dom = virDomainLookupByID(conn, ids[i]))) {
            print_domain(dom);
            virDomainFree(dom);
        }
    }
    if ((n = virConnectListDefinedDomains(conn, names, 1024)) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if ((dom = virDomainLookupByName(conn, names[i]))) {
            print_domain(dom);
            virDomainFree(dom);
        }
        free((void *)(uintptr_t)names[i]);
    }
    return 0;
}

int
main(void)
{
    virConnectPtr conn = virConnectOpenReadOnly(NULL);
    int ret = EXIT_FAILURE;

    if (!conn)
        return EXIT_FAILURE; /* the library printed why */
    if (print_node(conn) == 0 && print_domains(conn) == 0)
        ret = EXIT_SUCCESS;
    virConnectClose(conn);
    return ret;
}
