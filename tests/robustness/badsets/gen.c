/*
 * gen.c: badsets' generator: random SET requests from the seed alone
 * (splitmix64), with what each varbind means to the model.
 */

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdint.h>
#include <string.h>

#include "badsets.h"

/*
 * The host the generator aims at (test:///default): domain indexes 1 to
 * GEN_DOMS, up to GEN_VCPUS vcpus each, GEN_CPUS cpus, GEN_HOST_MIB MiB.
 * Constants, so that the requests never depend on what the agent says.
 */
#define GEN_DOMS     4
#define GEN_VCPUS    4
#define GEN_CPUS     16
#define GEN_HOST_MIB 16384

/* the generator */
static uint64_t rng_next(void);
static unsigned long rnd(unsigned long n);
static long rnd_num(long lo, long hi);
static u_char pick_type(u_char good);
static void gen_oid(struct vb *v, const oid *tail, size_t n);
static void gen_value(struct vb *v, u_char type, long num,
                      const unsigned char *str, size_t slen);
static void gen_anywhere(struct vb *v, struct planned *p);
static void gen_readonly(struct vb *v, struct planned *p);
static void gen_notify(struct vb *v, struct planned *p);
static void gen_affinity(struct vb *v, struct planned *p);
static void gen_column(struct vb *v, struct planned *p);

uint64_t rng_state;

/* ---- the generator --------------------------------------------------- */

/* splitmix64 (Steele, Lea, Flood 2014): the only source of randomness. */
static uint64_t
rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned long
rnd(unsigned long n)
{
    return n ? (unsigned long)(rng_next() % n) : 0;
}

/* A number, mostly in [lo, hi], sometimes just below or anywhere. */
static long
rnd_num(long lo, long hi)
{
    long a, b;

    switch (rnd(6)) {
    case 0:
        return rnd(2) ? 0x7FFFFFFFL : -0x7FFFFFFFL - 1;
    case 1:
        a = (long)rnd(0x80000000UL);
        b = (long)rnd(0x80000000UL);
        return a - b;
    case 2:
        return lo - 1 - (long)rnd(3);
    default:
        return lo + (long)rnd((unsigned long)(hi - lo + 1));
    }
}

static const u_char types[] = { ASN_INTEGER,   ASN_UNSIGNED,  ASN_OCTET_STR,
                                ASN_COUNTER,   ASN_TIMETICKS, ASN_IPADDRESS,
                                ASN_OBJECT_ID, ASN_NULL,      ASN_COUNTER64,
                                ASN_OPAQUE };

static u_char
pick_type(u_char good)
{
    return rnd(10) < 7 ? good : types[rnd(sizeof(types))];
}

static void
gen_oid(struct vb *v, const oid *tail, size_t n)
{
    mk_oid(v->name, &v->len, tail, n);
}

/* The value of @v; a string type without @str gets random bytes. */
static void
gen_value(struct vb *v, u_char type, long num, const unsigned char *str,
          size_t slen)
{
    size_t i;

    v->type = type;
    v->num = num;
    v->slen = 0;
    if (type == ASN_COUNTER64)
        v->num = (long)(rnd(2) << 32 | ((unsigned long)num & 0xFFFFFFFFUL));
    if (type != ASN_OCTET_STR && type != ASN_OPAQUE)
        return;
    if (str) {
        memcpy(v->str, str, slen);
        v->slen = slen;
        return;
    }
    v->slen = rnd(4) ? rnd(6) : rnd(STRMAX);
    for (i = 0; i < v->slen; i++)
        v->str[i] = (unsigned char)rng_next();
}

/* Anywhere under VIRT-MIB. */
static void
gen_anywhere(struct vb *v, struct planned *p)
{
    oid t[8];
    size_t n = 1 + rnd(7), i;
    u_char type;

    for (i = 0; i < n; i++)
        t[i] = rnd(4) ? rnd(20) : (oid)rnd(0x80000000UL);
    gen_oid(v, t, n);
    type = types[rnd(sizeof(types))];
    gen_value(v, type, rnd_num(0, 9), NULL, 0);
    p->kind = 0;
}

/* A read-only column or a missing row: must be refused. */
static void
gen_readonly(struct vb *v, struct planned *p)
{
    static const oid ro[] = { 1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 0 };
    oid t[5] = { 1, 2, 1, 0, 0 };
    u_char type;

    t[3] = ro[rnd(sizeof(ro) / sizeof(ro[0]))];
    t[4] = p->index;
    if (rnd(2))
        t[4] += 1000 + rnd(100);
    gen_oid(v, t, 5);
    type = types[rnd(sizeof(types))];
    gen_value(v, type, rnd_num(1, 5), NULL, 0);
    p->kind = -1;
}

/* The notification switch (sometimes a wrong instance). */
static void
gen_notify(struct vb *v, struct planned *p)
{
    oid t[4] = { 1, 1, 16, 0 };
    u_char type;

    t[3] = rnd(8) ? 0 : 1;
    gen_oid(v, t, 4);
    type = pick_type(ASN_INTEGER);
    p->value = rnd_num(1, 2);
    gen_value(v, type, p->value, NULL, 0);
    p->kind = (type == ASN_INTEGER && t[3] == 0) ? 6 : 0;
}

/* An affinity row, some beyond the domain's vcpus. */
static void
gen_affinity(struct vb *v, struct planned *p)
{
    const size_t ml = (GEN_CPUS + 7) / 8;
    oid t[6] = { 1, 3, 1, 5, 0, 0 };
    u_char type;
    size_t i;

    p->vcpu = rnd(GEN_VCPUS + 2);
    t[4] = p->index;
    t[5] = p->vcpu;
    gen_oid(v, t, 6);
    type = pick_type(ASN_OCTET_STR);
    p->maplen = rnd(8) ? ml : rnd(MAPLEN + 1);
    for (i = 0; i < p->maplen; i++)
        p->map[i] = rnd(3) ? (unsigned char)rng_next() : 0;
    if (p->maplen == ml && GEN_CPUS % 8) {
        if (rnd(4))
            p->map[ml - 1] &= (unsigned char)((1U << (GEN_CPUS % 8)) - 1);
    }
    gen_value(v, type, 0, p->map, p->maplen);
    p->kind = type == ASN_OCTET_STR ? 5 : 0;
}

/* A writable domain column. */
static void
gen_column(struct vb *v, struct planned *p)
{
    static const int cols[] = { COL_ADMIN, COL_MAXMEM, COL_MEMORY,
                                COL_VCPUS };
    int c = cols[rnd(4)];
    oid t[5] = { 1, 2, 1, 0, 0 };
    u_char type, good = c == COL_ADMIN ? ASN_INTEGER : ASN_UNSIGNED;

    t[3] = (oid)c;
    t[4] = p->index;
    gen_oid(v, t, 5);
    type = pick_type(good);
    if (c == COL_ADMIN) {
        p->value = rnd_num(1, 5);
        p->kind = 1;
    } else if (c == COL_VCPUS) {
        p->value = rnd_num(1, 6);
        p->kind = 4;
    } else if (c == COL_MAXMEM) {
        p->value = rnd_num(1, GEN_HOST_MIB + 2);
        p->kind = 2;
    } else {
        /* the default domains' maxima are 256 to 2,048 MiB */
        p->value = rnd_num(1, (256L << rnd(4)) + 2);
        p->kind = 3;
    }
    gen_value(v, type, p->value, NULL, 0);
    if (type != good)
        p->kind = 0;
}

void
gen_request(struct request *rq)
{
    size_t i;

    rq->n = 1;
    if (!rnd(3))
        rq->n += rnd(MAXVB);
    for (i = 0; i < rq->n; i++) {
        struct vb *v = &rq->vb[i];
        struct planned *p = &rq->p[i];

        memset(p, 0, sizeof(*p));
        p->index = 1 + rnd(GEN_DOMS);
        switch (rnd(20)) {
        case 0:
            gen_anywhere(v, p);
            break;
        case 1:
            gen_readonly(v, p);
            break;
        case 2:
            gen_notify(v, p);
            break;
        case 3:
        case 4:
        case 5:
            gen_affinity(v, p);
            break;
        default:
            gen_column(v, p);
        }
    }
}
