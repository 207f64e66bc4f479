/*
 * sim_driver.h: the simulated Xen host behind test:// URIs.  The node
 * model and its node-file parser live in sim_node.c, the driver table
 * and its operations in sim_driver.c.  Nothing here is public.
 */

#ifndef VIR_TEST_DRIVER_H
#define VIR_TEST_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"
#include "conf/domain_conf.h"
#include "util/hash.h"

/* Limits of the simulated host. */
#define TEST_MAX_CPUS      4096
#define TEST_MAX_FILE_SIZE (256UL * 1024 * 1024)

/* One virtual cpu: its accumulated time and its affinity. */
typedef struct _testVcpu testVcpu;
struct _testVcpu {
    unsigned long long cpuTime; /* ns spent running */
    unsigned char *cpumap;      /* node->maplen bytes, libvirt byte order */
};

/* One domain of the simulated host, active or defined. */
typedef struct _testDom testDom;
typedef testDom *testDomPtr;
struct _testDom {
    virDomainDefPtr def;     /* live definition: memory, vcpus, devices */
    int id;                  /* VIR_DOMAIN_ID_INACTIVE when shut off */
    int state;               /* virDomainState */
    bool persistent;         /* stays defined when it stops */
    unsigned int maxVcpus;   /* upper bound of def->vcpus */
    testVcpu *vcpus;         /* maxVcpus entries; def->vcpus are online */
    unsigned long long tick; /* CLOCK_MONOTONIC ns of the last accounting */
    size_t slot;             /* index in node->doms */
};

/* The simulated host: one per URI, shared by that URI's connections. */
typedef struct _testNode testNode;
typedef testNode *testNodePtr;
struct _testNode {
    char *uri; /* registry key */
    int refs;  /* connections using this node */
    char model[32];
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
    unsigned int cpus;    /* active cpus: 0 .. cpus - 1 */
    unsigned int maxcpus; /* nodes * sockets * cores * threads */
    int maplen;           /* VIR_CPU_MAPLEN(maxcpus) */
    unsigned long memory; /* KiB */
    int nextId;           /* the id the next started domain gets, >= 1 */
    testDomPtr *doms;     /* every domain, in no particular order */
    size_t ndoms;
    size_t allocDoms;
    size_t nactive;         /* how many of doms have an id */
    virHashTablePtr byName; /* name -> testDomPtr */
    virHashTablePtr byUUID; /* raw uuid -> testDomPtr */
    virHashTablePtr byID;   /* int id -> testDomPtr, active only */
    testNodePtr next;       /* registry list */
};

/* Node model (sim_node.c) */
testNodePtr testNodeNew(void);
void testNodeFree(testNodePtr node);
testNodePtr testNodeLoadFile(virConnectPtr conn, const char *path);
testNodePtr testNodeLoadDefault(virConnectPtr conn);

testDomPtr testDomNew(virConnectPtr conn, testNodePtr node, virDomainDefPtr def,
                      unsigned int maxVcpus);
void testDomFree(testDomPtr dom);
int testNodeAddDom(virConnectPtr conn, testNodePtr node, testDomPtr dom);
void testNodeRemoveDom(testNodePtr node, testDomPtr dom);
int testDomStart(virConnectPtr conn, testNodePtr node, testDomPtr dom, int id,
                 int state);
void testDomStop(testNodePtr node, testDomPtr dom);
void testDomTick(testDomPtr dom);
int testDomVcpuCpu(testNodePtr node, testDomPtr dom, unsigned int vcpu);
bool testDomIsActive(const testDom *dom);

testDomPtr testNodeFindName(testNodePtr node, const char *name);
testDomPtr testNodeFindUUID(testNodePtr node, const unsigned char *uuid);
testDomPtr testNodeFindID(testNodePtr node, int id);

#endif /* VIR_TEST_DRIVER_H */
