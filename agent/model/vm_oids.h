/*
 * vm_oids.h: VM-MIB (RFC 7666, mib-2 236) in C: the object identifiers,
 * sub-identifiers and enumerated values virtmibd serves, one macro per
 * line, in the RFC's order.  Plain numbers, free of SNMP types, like
 * virt_oids.h for VIRT-MIB.  The RFC's module is not shipped: the agent
 * works with OIDs, and a manager that loads VM-MIB brings its own copy.
 */

#ifndef VIRTMIBD_VM_OIDS_H
#define VIRTMIBD_VM_OIDS_H

/* vmMIB ::= { mib-2 236 } */
#define VM_MIB_ROOT 1, 3, 6, 1, 2, 1, 236

/* vmNotifications: per domain 1..10, in bulk 11..20 (VM_NOTIF_BULK) */
#define VM_NOTIFICATIONS      VM_MIB_ROOT, 0
#define VM_NOTIF_RUNNING      1
#define VM_NOTIF_SHUTTINGDOWN 2
#define VM_NOTIF_SHUTDOWN     3
#define VM_NOTIF_PAUSED       4
#define VM_NOTIF_SUSPENDING   5
#define VM_NOTIF_SUSPENDED    6
#define VM_NOTIF_RESUMING     7
#define VM_NOTIF_MIGRATING    8
#define VM_NOTIF_CRASHED      9
#define VM_NOTIF_DELETED      10
#define VM_NOTIF_BULK         10 /* added to a per-domain number */

/* vmObjects */
#define VM_OBJECTS VM_MIB_ROOT, 1

/* vmHypervisor's scalars */
#define VM_HYPERVISOR   VM_OBJECTS, 1
#define VM_HV_SOFTWARE  1
#define VM_HV_VERSION   2
#define VM_HV_OBJECT_ID 3
#define VM_HV_UP_TIME   4

/* vmObjects' own scalars, beside the tables */
#define VM_NUMBER                       2
#define VM_TABLE_LAST_CHANGE            3
#define VM_PER_VM_NOTIFICATIONS_ENABLED 9
#define VM_BULK_NOTIFICATIONS_ENABLED   10
#define VM_AFFECTED_VMS                 11

/* vmTable and vmEntry's columns */
#define VM_TABLE           VM_OBJECTS, 4
#define VM_ENTRY           VM_TABLE, 1
#define VM_COL_INDEX       1
#define VM_COL_NAME        2
#define VM_COL_UUID        3
#define VM_COL_OS_TYPE     4
#define VM_COL_ADMIN_STATE 5
#define VM_COL_OPER_STATE  6
#define VM_COL_AUTO_START  7
#define VM_COL_PERSISTENT  8
#define VM_COL_CUR_CPU     9
#define VM_COL_MIN_CPU     10
#define VM_COL_MAX_CPU     11
#define VM_COL_MEM_UNIT    12
#define VM_COL_CUR_MEM     13
#define VM_COL_MIN_MEM     14
#define VM_COL_MAX_MEM     15
#define VM_COL_UP_TIME     16
#define VM_COL_CPU_TIME    17

/* vmCpuTable and vmCpuEntry's columns */
#define VM_CPU_TABLE         VM_OBJECTS, 5
#define VM_CPU_ENTRY         VM_CPU_TABLE, 1
#define VM_CPU_COL_INDEX     1
#define VM_CPU_COL_CORE_TIME 2

/* vmCpuAffinityTable and vmCpuAffinityEntry's columns */
#define VM_AFFINITY_TABLE        VM_OBJECTS, 6
#define VM_AFFINITY_ENTRY        VM_AFFINITY_TABLE, 1
#define VM_AFFINITY_COL_PHYS     2
#define VM_AFFINITY_COL_AFFINITY 3

/* vmStorageTable and vmStorageEntry's columns */
#define VM_STORAGE_TABLE                  VM_OBJECTS, 7
#define VM_STORAGE_ENTRY                  VM_STORAGE_TABLE, 1
#define VM_STORAGE_COL_VM_INDEX           1
#define VM_STORAGE_COL_INDEX              2
#define VM_STORAGE_COL_PARENT             3
#define VM_STORAGE_COL_SOURCE_TYPE        4
#define VM_STORAGE_COL_SOURCE_TYPE_STRING 5
#define VM_STORAGE_COL_RESOURCE_ID        6
#define VM_STORAGE_COL_ACCESS             7
#define VM_STORAGE_COL_MEDIA_TYPE         8
#define VM_STORAGE_COL_MEDIA_TYPE_STRING  9
#define VM_STORAGE_COL_SIZE_UNIT          10
#define VM_STORAGE_COL_DEFINED_SIZE       11
#define VM_STORAGE_COL_ALLOCATED_SIZE     12
#define VM_STORAGE_COL_READ_IOS           13
#define VM_STORAGE_COL_WRITE_IOS          14
#define VM_STORAGE_COL_READ_OCTETS        15
#define VM_STORAGE_COL_WRITE_OCTETS       16
#define VM_STORAGE_COL_READ_LATENCY       17
#define VM_STORAGE_COL_WRITE_LATENCY      18

/* vmNetworkTable and vmNetworkEntry's columns */
#define VM_NETWORK_TABLE            VM_OBJECTS, 8
#define VM_NETWORK_ENTRY            VM_NETWORK_TABLE, 1
#define VM_NETWORK_COL_INDEX        1
#define VM_NETWORK_COL_IF_INDEX     2
#define VM_NETWORK_COL_PARENT       3
#define VM_NETWORK_COL_MODEL        4
#define VM_NETWORK_COL_PHYS_ADDRESS 5

/* VirtualMachineAdminState */
#define VM_ADMIN_RUNNING   1
#define VM_ADMIN_SUSPENDED 2
#define VM_ADMIN_PAUSED    3
#define VM_ADMIN_SHUTDOWN  4

/* VirtualMachineOperState */
#define VM_OPER_UNKNOWN      1
#define VM_OPER_OTHER        2
#define VM_OPER_PREPARING    3
#define VM_OPER_RUNNING      4
#define VM_OPER_SUSPENDING   5
#define VM_OPER_SUSPENDED    6
#define VM_OPER_RESUMING     7
#define VM_OPER_PAUSED       8
#define VM_OPER_MIGRATING    9
#define VM_OPER_SHUTTINGDOWN 10
#define VM_OPER_SHUTDOWN     11
#define VM_OPER_CRASHED      12

/* VirtualMachineAutoStart */
#define VM_AUTOSTART_UNKNOWN  1
#define VM_AUTOSTART_ENABLED  2
#define VM_AUTOSTART_DISABLED 3

/* VirtualMachinePersistent */
#define VM_PERSISTENT_UNKNOWN    1
#define VM_PERSISTENT_PERSISTENT 2
#define VM_PERSISTENT_TRANSIENT  3

/* vmCpuAffinity */
#define VM_AFFINITY_UNKNOWN 0
#define VM_AFFINITY_ENABLE  1
#define VM_AFFINITY_DISABLE 2

/* VirtualMachineStorageSourceType */
#define VM_STORAGE_SOURCE_UNKNOWN 1
#define VM_STORAGE_SOURCE_OTHER   2
#define VM_STORAGE_SOURCE_BLOCK   3
#define VM_STORAGE_SOURCE_RAW     4
#define VM_STORAGE_SOURCE_SPARSE  5
#define VM_STORAGE_SOURCE_NETWORK 6

/* VirtualMachineStorageAccess */
#define VM_STORAGE_ACCESS_UNKNOWN   1
#define VM_STORAGE_ACCESS_READWRITE 2
#define VM_STORAGE_ACCESS_READONLY  3

/* IANAStorageMediaType (IANA-STORAGE-MEDIA-TYPE-MIB, mib-2 237): the
 * numbers of its SYNTAX, which differ from its DESCRIPTION's list */
#define VM_MEDIA_OTHER   1
#define VM_MEDIA_UNKNOWN 2
#define VM_MEDIA_HARD    3
#define VM_MEDIA_OPTICAL 4
#define VM_MEDIA_FLOPPY  5

#endif /* VIRTMIBD_VM_OIDS_H */
