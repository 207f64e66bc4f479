/*
 * log.c: badsets' request log: one line per request, as snmpset spells
 * it, and the FNV-1a 64 hash of those lines.
 */

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdint.h>
#include <stdio.h>

#include "badsets.h"

/* the request log and its hash */
static void log_text(const char *s);
static void log_varbind(const struct vb *v);
static char log_type_letter(u_char type);

uint64_t log_hash = 0xcbf29ce484222325ULL; /* FNV-1a 64 offset */
FILE *log_file;

/* ---- the request log and its hash ------------------------------------ */

/* Hashes @s (FNV-1a 64) and writes it to the log when there is one. */
static void
log_text(const char *s)
{
    const unsigned char *c;

    for (c = (const unsigned char *)s; *c; c++) {
        log_hash ^= *c;
        log_hash *= 0x100000001b3ULL;
    }
    if (log_file)
        fputs(s, log_file);
}

/* One varbind as "OID TYPE VALUE", types as snmpset spells them. */
static void
log_varbind(const struct vb *v)
{
    char buf[3 * STRMAX + 64];
    size_t i, at = 0;

    for (i = 0; i < v->len; i++)
        at += (size_t)snprintf(buf + at, sizeof(buf) - at, ".%lu",
                               (unsigned long)v->name[i]);
    log_text(buf);
    switch (v->type) {
    case ASN_OCTET_STR:
    case ASN_OPAQUE:
        at = (size_t)snprintf(buf, sizeof(buf), " %s ",
                              v->type == ASN_OPAQUE ? "opaque" : "x");
        for (i = 0; i < v->slen; i++)
            at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%02x",
                                   v->str[i]);
        break;
    case ASN_IPADDRESS:
        snprintf(buf, sizeof(buf), " a 127.0.0.1");
        break;
    case ASN_OBJECT_ID:
        snprintf(buf, sizeof(buf), " o .1.3.6.1");
        break;
    case ASN_NULL:
        snprintf(buf, sizeof(buf), " null");
        break;
    case ASN_COUNTER64:
        snprintf(buf, sizeof(buf), " c64 %lu", (unsigned long)v->num);
        break;
    default:
        snprintf(buf, sizeof(buf), " %c %ld", log_type_letter(v->type),
                 v->num);
    }
    log_text(buf);
}

/* snmpset's letter for the numeric types (TimeTicks the rest). */
static char
log_type_letter(u_char type)
{
    switch (type) {
    case ASN_INTEGER:
        return 'i';
    case ASN_UNSIGNED:
        return 'u';
    case ASN_COUNTER:
        return 'c';
    default:
        return 't';
    }
}

/* One line per request: its varbinds, separated by " ; ". */
void
log_request(const struct request *rq)
{
    size_t i;

    for (i = 0; i < rq->n; i++) {
        if (i)
            log_text(" ; ");
        log_varbind(&rq->vb[i]);
    }
    log_text("\n");
}
