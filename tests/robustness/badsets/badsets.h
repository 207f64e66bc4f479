/*
 * badsets.h: what the parts of badsets (see client.c) share: the
 * requests as generated (gen.c), logged and hashed (log.c), and sent
 * (client.c), and the VIRT-MIB columns they aim at.
 */

#ifndef BADSETS_H
#define BADSETS_H

#include <stdint.h>
#include <stdio.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#define MAPLEN  16
#define MAXVB   4
#define STRMAX  300

#define ROOTLEN    10
#define COL_ADMIN  13
#define COL_MAXMEM 9
#define COL_MEMORY 10
#define COL_VCPUS  11

/* One varbind as generated: what goes on the wire and into the log. */
struct vb {
    oid name[MAX_OID_LEN];
    size_t len;
    u_char type;
    long num;
    unsigned char str[STRMAX];
    size_t slen;
};

/* What a varbind means to the model. */
struct planned {
    int kind; /* 0 none, -1 must be refused, 1 admin, 2 maxmem, 3 memory,
                 4 vcpus, 5 map, 6 notify */
    unsigned long index;
    unsigned long vcpu;
    long value;
    unsigned char map[MAPLEN];
    size_t maplen;
};

struct request {
    size_t n;
    struct vb vb[MAXVB];
    struct planned p[MAXVB];
};

/* the generator (gen.c): the whole sequence comes from rng_state */
extern uint64_t rng_state;
void gen_request(struct request *rq);

/* the request log and its hash (log.c) */
extern uint64_t log_hash;
extern FILE *log_file;
void log_request(const struct request *rq);

/* the wire (client.c) */
void mk_oid(oid *o, size_t *len, const oid *tail, size_t n);

#endif /* BADSETS_H */
