/*
 * domain.c: a domain's row of virtDomainTable, found by name or UUID
 * (a GETBULK walk of virtDomainName or virtDomainUuidString, never a row
 * index from the operator), then its columns read in one GET.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_virtmib.h"
#include "oids.h"

struct domain_match {
    const char *want;
    int by_uuid;
    unsigned long index;
};

static int domain_match_cb(unsigned long index, const struct vm_value *v,
                           void *arg);

/* Stops the walk at the row whose name (or UUID) is the one wanted. */
static int
domain_match_cb(unsigned long index, const struct vm_value *v, void *arg)
{
    struct domain_match *m = arg;
    int same;

    if (v->missing) {
        return 0;
    }
    same = m->by_uuid ? strcasecmp(v->str, m->want) == 0
                      : strcmp(v->str, m->want) == 0;
    if (!same) {
        return 0;
    }
    m->index = index;
    return 1;
}

/* The index of the domain the options name; 0 found, 1 none, -1 error. */
int
vm_domain_find(struct vm_snmp *s, const struct vm_opts *o, unsigned long *index)
{
    static const unsigned long name_col[] = { VM_OID_DOMAIN_COL(VM_COL_NAME) };
    static const unsigned long uuid_col[] = { VM_OID_DOMAIN_COL(
        VM_COL_UUIDSTRING) };
    struct domain_match m = { .want = o->uuid ? o->uuid : o->domain,
                              .by_uuid = o->uuid != NULL };
    const unsigned long *col = m.by_uuid ? uuid_col : name_col;

    if (vm_snmp_walk(s, col, VM_OID_DOMAIN_COL_LEN, domain_match_cb, &m) < 0) {
        return -1;
    }
    if (m.index == 0) {
        return 1;
    }
    *index = m.index;
    return 0;
}

/* The columns of row INDEX and virtNodeStale; 0, 1 row gone, -1 error. */
int
vm_domain_read(struct vm_snmp *s, unsigned long index, struct vm_domain *d)
{
    static const int cols[] = { VM_COL_UUIDSTRING, VM_COL_NAME,
                                VM_COL_STATE,      VM_COL_CPUTIME,
                                VM_COL_MAXMEMORY,  VM_COL_MEMORY,
                                VM_COL_VCPUS };
    enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
    unsigned long oids[NCOLS + 1][VM_OID_DOMAIN_COL_LEN + 1];
    static const unsigned long stale[] = { VM_OID_NODE_STALE };
    const unsigned long *ptrs[NCOLS + 1];
    size_t lens[NCOLS + 1];
    struct vm_value v[NCOLS + 1];
    size_t i;

    for (i = 0; i < NCOLS; i++) {
        unsigned long col[] = { VM_OID_DOMAIN_COL(0) };

        col[VM_OID_DOMAIN_COL_LEN - 1] = (unsigned long)cols[i];
        memcpy(oids[i], col, sizeof(col));
        oids[i][VM_OID_DOMAIN_COL_LEN] = index;
        ptrs[i] = oids[i];
        lens[i] = VM_OID_DOMAIN_COL_LEN + 1;
    }
    ptrs[NCOLS] = stale;
    lens[NCOLS] = sizeof(stale) / sizeof(stale[0]);
    if (vm_snmp_get(s, ptrs, lens, NCOLS + 1, v) < 0) {
        return -1;
    }
    for (i = 0; i < NCOLS; i++) {
        if (v[i].missing) {
            return 1;
        }
    }
    d->index = index;
    snprintf(d->uuid, sizeof(d->uuid), "%.36s", v[0].str);
    snprintf(d->name, sizeof(d->name), "%.255s", v[1].str);
    d->state = (int)v[2].num;
    d->cputime = v[3].num;
    d->maxmem = (unsigned long)v[4].num;
    d->mem = (unsigned long)v[5].num;
    d->vcpus = (unsigned long)v[6].num;
    d->stale = !v[NCOLS].missing && v[NCOLS].num == 1;
    return 0;
}

/* virtNodeStale: 0 with *stale set, or -1 with the error set. */
int
vm_node_stale(struct vm_snmp *s, int *stale)
{
    static const unsigned long oid[] = { VM_OID_NODE_STALE };
    const unsigned long *ptr = oid;
    size_t len = sizeof(oid) / sizeof(oid[0]);
    struct vm_value v;

    if (vm_snmp_get(s, &ptr, &len, 1, &v) < 0) {
        return -1;
    }
    *stale = !v.missing && v.num == 1;
    return 0;
}
