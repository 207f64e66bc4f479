/*
 * sim_driver.h: the simulated Xen host behind test:// URIs.  The node
 * model lives in sim_node.c, its node-file parser in sim_nodefile.c; the
 * driver table, connections and lookups in sim_driver.c, the operations
 * on domains in sim_lifecycle.c and sim_tuning.c.  Nothing here is
 * public.
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
int testDomDefEnsureUUID(virConnectPtr conn, virDomainDefPtr def);

testDomPtr testNodeFindName(testNodePtr node, const char *name);
testDomPtr testNodeFindUUID(testNodePtr node, const unsigned char *uuid);
testDomPtr testNodeFindID(testNodePtr node, int id);

/* Helpers of the operations (sim_driver.c); each raises before failing. */
int testFault(virConnectPtr conn, virDomainPtr domain, const char *op);
testDomPtr testDomGet(virDomainPtr domain, testNodePtr *node,
                      const char *fault);
int testDomNeedActive(virDomainPtr domain, testDomPtr dom, const char *op);
int testDomNotDom0(virDomainPtr domain, testDomPtr dom, const char *op);
void testDomEvent(testNodePtr node, testDomPtr dom, int event, int detail);
int testDomCheckNew(virConnectPtr conn, testNodePtr node, virDomainDefPtr def,
                    bool redefine);

/* Lifecycle operations of testDriver (sim_lifecycle.c) */
virDomainPtr testDomainCreateLinux(virConnectPtr conn, const char *xml,
                                   unsigned int flags);
int testDomainSuspend(virDomainPtr domain);
int testDomainResume(virDomainPtr domain);
int testDomainShutdown(virDomainPtr domain);
int testDomainReboot(virDomainPtr domain, unsigned int flags);
int testDomainDestroy(virDomainPtr domain);
int testDomainSave(virDomainPtr domain, const char *to);
int testDomainRestore(virConnectPtr conn, const char *from);
int testDomainCoreDump(virDomainPtr domain, const char *to, int flags);
virDomainPtr testDomainDefineXML(virConnectPtr conn, const char *xml);
int testDomainUndefine(virDomainPtr domain);
int testDomainCreate(virDomainPtr domain);

/* Information and tuning operations of testDriver (sim_tuning.c) */
int testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int testDomainGetID(virDomainPtr domain, unsigned int *id);
char *testDomainGetOSType(virDomainPtr domain);
int testDomainIsPersistent(virDomainPtr domain);
unsigned long testDomainGetMaxMemory(virDomainPtr domain);
int testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int testDomainSetMemory(virDomainPtr domain, unsigned long memory);
char *testDomainGetXMLDesc(virDomainPtr domain, int flags);

/* Virtual cpus */
int testDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int testDomainGetMaxVcpus(virDomainPtr domain);
int testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                      const unsigned char *cpumap, int maplen);
int testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);

/* Devices */
int testDomainAttachDevice(virDomainPtr domain, const char *xml);
int testDomainDetachDevice(virDomainPtr domain, const char *xml);

#endif /* VIR_TEST_DRIVER_H */
