/*
 * virt_oids.h: VIRT-MIB in C, the one mirror of mibs/VIRT-MIB.txt.
 *
 * Object identifiers, the scalars' and columns' sub-identifiers and the
 * enumerated values, one macro per line, in MIB order.  Plain numbers,
 * free of SNMP types: the model (virt_mib.c) encodes values with them,
 * the MIB groups build OIDs from them.  VIRT_MIB_ROOT is the only place
 * the module's position is written in C: moving the MIB is a change of
 * that line and of the module's MODULE-IDENTITY value.
 */

#ifndef VIRTMIBD_VIRT_OIDS_H
#define VIRTMIBD_VIRT_OIDS_H

/* netSnmpPlaypen.1 */
#define VIRT_MIB_ROOT 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1

/* virtNotifications */
#define VIRT_NOTIFICATIONS   VIRT_MIB_ROOT, 0
#define VIRT_NOTIF_STARTED   VIRT_NOTIFICATIONS, 1
#define VIRT_NOTIF_PAUSED    VIRT_NOTIFICATIONS, 2
#define VIRT_NOTIF_RESUMED   VIRT_NOTIFICATIONS, 3
#define VIRT_NOTIF_SHUTDOWN  VIRT_NOTIFICATIONS, 4
#define VIRT_NOTIF_CRASHED   VIRT_NOTIFICATIONS, 5
#define VIRT_NOTIF_DESTROYED VIRT_NOTIFICATIONS, 6
#define VIRT_NOTIF_DEFINED   VIRT_NOTIFICATIONS, 7
#define VIRT_NOTIF_UNDEFINED VIRT_NOTIFICATIONS, 8

/* virtObjects */
#define VIRT_OBJECTS VIRT_MIB_ROOT, 1

/* virtNode and its scalars */
#define VIRT_NODE                  VIRT_OBJECTS, 1
#define NODE_HV_TYPE               1
#define NODE_HV_VERSION            2
#define NODE_LIB_VERSION           3
#define NODE_CPU_MODEL             4
#define NODE_MEMORY                5
#define NODE_CPUS                  6
#define NODE_MHZ                   7
#define NODE_NUMA_NODES            8
#define NODE_SOCKETS               9
#define NODE_CORES                 10
#define NODE_THREADS               11
#define NODE_MAX_CPUS              12
#define NODE_ACTIVE_DOMAINS        13
#define NODE_DEFINED_DOMAINS       14
#define NODE_TABLE_LAST_CHANGE     15
#define NODE_NOTIFICATIONS_ENABLED 16
#define NODE_STALE                 17
#define NODE_UNSAVED_DOMAINS       18

/* virtDomainTable and virtDomainEntry's columns */
#define VIRT_DOMAIN_TABLE      VIRT_OBJECTS, 2
#define VIRT_DOMAIN_ENTRY      VIRT_DOMAIN_TABLE, 1
#define DOMAIN_COL_INDEX       1
#define DOMAIN_COL_UUID        2
#define DOMAIN_COL_UUID_STRING 3
#define DOMAIN_COL_NAME        4
#define DOMAIN_COL_ID          5
#define DOMAIN_COL_OS_TYPE     6
#define DOMAIN_COL_STATE       7
#define DOMAIN_COL_CPU_TIME    8
#define DOMAIN_COL_MAX_MEMORY  9
#define DOMAIN_COL_MEMORY      10
#define DOMAIN_COL_VCPUS       11
#define DOMAIN_COL_PERSISTENT  12
#define DOMAIN_COL_ADMIN_STATE 13

/* virtVcpuTable and virtVcpuEntry's columns */
#define VIRT_VCPU_TABLE   VIRT_OBJECTS, 3
#define VIRT_VCPU_ENTRY   VIRT_VCPU_TABLE, 1
#define VCPU_COL_NUMBER   1
#define VCPU_COL_STATE    2
#define VCPU_COL_CPU_TIME 3
#define VCPU_COL_CPU      4
#define VCPU_COL_AFFINITY 5

/* virtNotifObjects */
#define VIRT_NOTIF_OBJECTS   VIRT_OBJECTS, 4
#define VIRT_NOTIF_OLD_STATE VIRT_NOTIF_OBJECTS, 1
#define VIRT_NOTIF_NEW_STATE VIRT_NOTIF_OBJECTS, 2

/* virtDomainAdminState values */
#define ADMIN_RUNNING  1
#define ADMIN_PAUSED   2
#define ADMIN_SHUTDOWN 3
#define ADMIN_REBOOT   4
#define ADMIN_DESTROY  5

/* TruthValue (SNMPv2-TC) */
#define TV_TRUE  1
#define TV_FALSE 2

#endif /* VIRTMIBD_VIRT_OIDS_H */
