/*
 * oids.h: the VIRT-MIB objects check_virtmib reads, as in
 * mibs/VIRT-MIB.txt (virtMIB is netSnmpPlaypen 1).
 */
#ifndef CHECK_VIRTMIB_OIDS_H
#define CHECK_VIRTMIB_OIDS_H

#define VM_OID_VIRTMIB        1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1
#define VM_OID_NODE_STALE     VM_OID_VIRTMIB, 1, 1, 17, 0
#define VM_OID_DOMAIN_COL(c)  VM_OID_VIRTMIB, 1, 2, 1, (c)
#define VM_OID_DOMAIN_COL_LEN 14

#define VM_COL_UUIDSTRING 3
#define VM_COL_NAME       4
#define VM_COL_STATE      7
#define VM_COL_CPUTIME    8
#define VM_COL_MAXMEMORY  9
#define VM_COL_MEMORY     10
#define VM_COL_VCPUS      11

#endif /* CHECK_VIRTMIB_OIDS_H */
