/*
 * snmp.c: the plugin's SNMP session, through net-snmp's client library:
 * SNMPv2c or SNMPv3 (USM, SHA or MD5, AES or DES), GET of a few objects
 * and a GETBULK walk of one column.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "check_virtmib.h"

/* OIDs are passed around as unsigned long arrays. */
typedef char snmp_oid_is_ulong[sizeof(oid) == sizeof(unsigned long) ? 1 : -1];

#define SNMP_BULK_REPS 32

struct vm_snmp {
    netsnmp_session *ss;
    char err[256];
};

static int snmp_v3(netsnmp_session *sess, const struct vm_opts *o);
static int snmp_level(const struct vm_opts *o);
static int snmp_key(const char *pass, const oid *proto, size_t plen,
                    u_char *key, size_t *klen);
static void snmp_value(const netsnmp_variable_list *v, struct vm_value *out);
static netsnmp_pdu *snmp_ask(struct vm_snmp *s, netsnmp_pdu *pdu);

/* The security level the options ask for (check_snmp's -L). */
static int
snmp_level(const struct vm_opts *o)
{
    if (o->seclevel == NULL) {
        if (o->privpass) {
            return SNMP_SEC_LEVEL_AUTHPRIV;
        }
        return o->authpass ? SNMP_SEC_LEVEL_AUTHNOPRIV : SNMP_SEC_LEVEL_NOAUTH;
    }
    if (strcasecmp(o->seclevel, "authPriv") == 0) {
        return SNMP_SEC_LEVEL_AUTHPRIV;
    }
    if (strcasecmp(o->seclevel, "authNoPriv") == 0) {
        return SNMP_SEC_LEVEL_AUTHNOPRIV;
    }
    if (strcasecmp(o->seclevel, "noAuthNoPriv") == 0) {
        return SNMP_SEC_LEVEL_NOAUTH;
    }
    vm_die(NULL, "-L must be noAuthNoPriv, authNoPriv or authPriv, not '%s'",
           o->seclevel);
}

/* A localizable key from a passphrase, hashed with the auth protocol. */
static int
snmp_key(const char *pass, const oid *proto, size_t plen, u_char *key,
         size_t *klen)
{
    if (pass == NULL || strlen(pass) < 8) {
        vm_die(NULL, "SNMPv3 passphrases need at least 8 characters");
    }
    return generate_Ku(proto, (u_int)plen, (const u_char *)pass, strlen(pass),
                       key, klen) == SNMPERR_SUCCESS
               ? 0
               : -1;
}

/* The USM part of the session: user, level, protocols and keys. */
static int
snmp_v3(netsnmp_session *sess, const struct vm_opts *o)
{
    int level = snmp_level(o);

    sess->version = SNMP_VERSION_3;
    sess->securityName = o->secname;
    sess->securityNameLen = strlen(o->secname);
    sess->securityLevel = level;
    if (strcasecmp(o->authproto, "SHA") == 0) {
        sess->securityAuthProto = usmHMACSHA1AuthProtocol;
        sess->securityAuthProtoLen = USM_AUTH_PROTO_SHA_LEN;
    } else if (strcasecmp(o->authproto, "MD5") == 0) {
        sess->securityAuthProto = usmHMACMD5AuthProtocol;
        sess->securityAuthProtoLen = USM_AUTH_PROTO_MD5_LEN;
    } else {
        vm_die(NULL, "-a must be SHA or MD5, not '%s'", o->authproto);
    }
    if (strcasecmp(o->privproto, "AES") == 0) {
        sess->securityPrivProto = usmAESPrivProtocol;
        sess->securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
    } else if (strcasecmp(o->privproto, "DES") == 0) {
        sess->securityPrivProto = usmDESPrivProtocol;
        sess->securityPrivProtoLen = USM_PRIV_PROTO_DES_LEN;
    } else {
        vm_die(NULL, "-x must be AES or DES, not '%s'", o->privproto);
    }
    if (level == SNMP_SEC_LEVEL_NOAUTH) {
        return 0;
    }
    sess->securityAuthKeyLen = USM_AUTH_KU_LEN;
    if (snmp_key(o->authpass, sess->securityAuthProto,
                 sess->securityAuthProtoLen, sess->securityAuthKey,
                 &sess->securityAuthKeyLen) < 0) {
        return -1;
    }
    if (level != SNMP_SEC_LEVEL_AUTHPRIV) {
        return 0;
    }
    sess->securityPrivKeyLen = USM_PRIV_KU_LEN;
    return snmp_key(o->privpass, sess->securityAuthProto,
                    sess->securityAuthProtoLen, sess->securityPrivKey,
                    &sess->securityPrivKeyLen);
}

/*
 * Opens the session; exits UNKNOWN when it cannot.  The timeout -t
 * bounds the whole run (main.c's alarm); each request gets a quarter of
 * it, sent twice.
 */
struct vm_snmp *
vm_snmp_open(const struct vm_opts *o)
{
    netsnmp_session sess;
    struct vm_snmp *s;
    char peer[512];

    snmp_sess_init(&sess);
    snprintf(peer, sizeof(peer), "udp:%s:%s", o->host, o->port);
    sess.peername = peer;
    sess.timeout = (long)o->timeout * 1000000L / 4;
    sess.retries = 1;
    if (o->v3) {
        if (snmp_v3(&sess, o) < 0) {
            vm_die(NULL, "cannot make the SNMPv3 keys");
        }
    } else {
        sess.version = SNMP_VERSION_2c;
        sess.community = (u_char *)o->community;
        sess.community_len = strlen(o->community);
    }
    s = calloc(1, sizeof(*s));
    if (s == NULL) {
        vm_die(NULL, "out of memory");
    }
    s->ss = snmp_open(&sess);
    if (s->ss == NULL) {
        free(s);
        vm_die(NULL, "cannot open an SNMP session to %s: %s", peer,
               snmp_api_errstring(snmp_errno));
    }
    return s;
}

void
vm_snmp_close(struct vm_snmp *s)
{
    if (s == NULL) {
        return;
    }
    snmp_close(s->ss);
    free(s);
}

const char *
vm_snmp_error(const struct vm_snmp *s)
{
    return s->err;
}

/* Sends PDU and returns the answer, or NULL with s->err set. */
static netsnmp_pdu *
snmp_ask(struct vm_snmp *s, netsnmp_pdu *pdu)
{
    netsnmp_pdu *resp = NULL;
    int rc;

    rc = snmp_synch_response(s->ss, pdu, &resp);
    if (rc == STAT_TIMEOUT) {
        snprintf(s->err, sizeof(s->err), "no answer from %s", s->ss->peername);
    } else if (rc != STAT_SUCCESS) {
        snprintf(s->err, sizeof(s->err), "SNMP request to %s failed: %s",
                 s->ss->peername, snmp_api_errstring(s->ss->s_snmp_errno));
    } else if (resp->errstat != SNMP_ERR_NOERROR) {
        snprintf(s->err, sizeof(s->err), "%s answered %s", s->ss->peername,
                 snmp_errstring(resp->errstat));
    } else {
        return resp;
    }
    if (resp) {
        snmp_free_pdu(resp);
    }
    return NULL;
}

/* An integer, counter or string varbind as a vm_value. */
static void
snmp_value(const netsnmp_variable_list *v, struct vm_value *out)
{
    size_t n;

    memset(out, 0, sizeof(*out));
    switch (v->type) {
    case ASN_INTEGER:
    case ASN_UNSIGNED:
    case ASN_COUNTER:
    case ASN_TIMETICKS:
        out->num = v->type == ASN_INTEGER ? (uint64_t)*v->val.integer
                                          : (uint64_t)(u_long)*v->val.integer;
        break;
    case ASN_COUNTER64:
        out->num =
            ((uint64_t)v->val.counter64->high << 32) | v->val.counter64->low;
        break;
    case ASN_OCTET_STR:
        n = v->val_len < sizeof(out->str) - 1 ? v->val_len
                                              : sizeof(out->str) - 1;
        memcpy(out->str, v->val.string, n);
        break;
    default: /* noSuchObject, noSuchInstance, endOfMibView */
        out->missing = 1;
    }
}

/* GETs N objects in one request; 0, or -1 with the error set. */
int
vm_snmp_get(struct vm_snmp *s, const unsigned long *const *oids,
            const size_t *lens, size_t n, struct vm_value *out)
{
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET);
    netsnmp_pdu *resp;
    netsnmp_variable_list *v;
    size_t i;

    for (i = 0; i < n; i++) {
        snmp_add_null_var(pdu, oids[i], lens[i]);
    }
    resp = snmp_ask(s, pdu);
    if (resp == NULL) {
        return -1;
    }
    for (i = 0, v = resp->variables; i < n; i++, v = v ? v->next_variable : v) {
        if (v == NULL) {
            out[i].missing = 1;
        } else {
            snmp_value(v, &out[i]);
        }
    }
    snmp_free_pdu(resp);
    return 0;
}

/*
 * Walks the column COL (LEN sub-ids, its rows indexed by one sub-id)
 * with GETBULK, calling CB for each row; 0, or -1 with the error set.
 */
int
vm_snmp_walk(struct vm_snmp *s, const unsigned long *col, size_t len,
             vm_walk_cb cb, void *arg)
{
    oid next[MAX_OID_LEN];
    size_t nlen = len;
    netsnmp_pdu *pdu;
    netsnmp_pdu *resp;
    netsnmp_variable_list *v;
    struct vm_value val;
    int more = 1;

    memcpy(next, col, len * sizeof(oid));
    while (more) {
        pdu = snmp_pdu_create(SNMP_MSG_GETBULK);
        pdu->non_repeaters = 0;
        pdu->max_repetitions = SNMP_BULK_REPS;
        snmp_add_null_var(pdu, next, nlen);
        if ((resp = snmp_ask(s, pdu)) == NULL) {
            return -1;
        }
        more = resp->variables != NULL;
        for (v = resp->variables; v && more; v = v->next_variable) {
            if (v->name_length != len + 1 ||
                snmp_oid_compare(v->name, len, col, len) != 0 ||
                v->type == SNMP_ENDOFMIBVIEW) {
                more = 0;
                break;
            }
            snmp_value(v, &val);
            memcpy(next, v->name, v->name_length * sizeof(oid));
            nlen = v->name_length;
            more = cb(v->name[len], &val, arg) == 0;
        }
        snmp_free_pdu(resp);
    }
    return 0;
}
