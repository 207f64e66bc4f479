/*
 * fuzz_mib_values.c: the decoding and checking of every writable
 * VIRT-MIB value, without an SNMP session.  The input is
 *
 *   byte 0   which object: virtDomainAdminState, virtDomainVcpus,
 *            virtDomainMaxMemory, virtDomainMemory, virtVcpuAffinity or
 *            virtNodeNotificationsEnabled (modulo 6)
 *   byte 1   the target domain's state (virDomainState, 0..7), bit 3:
 *            active, bit 4: Domain-0
 *   byte 2   the node's cpu count - 1
 *   rest     the value as it arrives on the wire: one BER TLV
 *
 * The value is decoded with net-snmp's BER parsers (as snmp_pdu_parse()
 * does for a SET), typed with netsnmp_check_vb_type_and_size() like the
 * agent's handlers, and given to the agent's value functions
 * (agent/virt_mib.c).  Their answers are checked against what VIRT-MIB
 * says.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "model/virt_mib.h"

#include "model/virt_oids.h"

enum { OBJ_ADMIN, OBJ_VCPUS, OBJ_MAXMEM, OBJ_MEMORY, OBJ_AFFINITY, OBJ_NOTIFY };

static int fuzzDecode(const uint8_t *data, size_t size,
                      netsnmp_variable_list *vb);
static void fuzzAdmin(const netsnmp_variable_list *vb, uint8_t dombyte);
static void fuzzMemory(const netsnmp_variable_list *vb);
static void fuzzAffinity(const netsnmp_variable_list *vb, unsigned int ncpus);
static void fuzzRange(const netsnmp_variable_list *vb, int obj);

/* One BER TLV to a varbind value; -1 when net-snmp refuses it. */
static int
fuzzDecode(const uint8_t *data, size_t size, netsnmp_variable_list *vb)
{
    u_char type = size ? data[0] : 0;
    size_t len = size;
    long l;
    u_long u;
    u_char buf[512];
    size_t blen = sizeof(buf);
    /* net-snmp's parsers take the buffer without const; they only read */
    u_char *wire = (u_char *)(uintptr_t)data;

    switch (type) {
    case ASN_INTEGER:
        if (!asn_parse_int(wire, &len, &type, &l, sizeof(l)))
            return -1;
        return snmp_set_var_typed_value(vb, type, &l, sizeof(l)) ? -1 : 0;
    case ASN_UNSIGNED:
    case ASN_COUNTER:
    case ASN_TIMETICKS:
        if (!asn_parse_unsigned_int(wire, &len, &type, &u, sizeof(u)))
            return -1;
        return snmp_set_var_typed_value(vb, type, &u, sizeof(u)) ? -1 : 0;
    case ASN_OCTET_STR:
    case ASN_IPADDRESS:
    case ASN_OPAQUE:
        if (!asn_parse_string(wire, &len, &type, buf, &blen))
            return -1;
        return snmp_set_var_typed_value(vb, type, buf, blen) ? -1 : 0;
    default:
        return -1;
    }
}

static void
fuzzAdmin(const netsnmp_variable_list *vb, uint8_t dombyte)
{
    struct snap_domain dom;
    enum admin_action act;
    long v;

    if (netsnmp_check_vb_type_and_size(vb, ASN_INTEGER, sizeof(long)))
        return;
    memset(&dom, 0, sizeof(dom));
    dom.sd_state = dombyte & 7;
    dom.sd_id = (dombyte & 8) ? ((dombyte & 16) ? 0 : 5) : -1;
    v = *vb->val.integer;
    act = virt_mib_admin_plan(&dom, v);
    if (act > ADMIN_ACT_INCONSISTENT)
        abort();
    if ((v < ADMIN_RUNNING || v > ADMIN_DESTROY) !=
        (act == ADMIN_ACT_WRONG_VALUE))
        abort();
    /* Domain-0 is never changed */
    if (dom.sd_id == 0 && act != ADMIN_ACT_NONE &&
        act != ADMIN_ACT_INCONSISTENT && act != ADMIN_ACT_WRONG_VALUE)
        abort();
    /* asking for the state it reads is no change */
    if (v == virt_mib_admin_read(&dom) && act != ADMIN_ACT_NONE &&
        act != ADMIN_ACT_INCONSISTENT && act != ADMIN_ACT_SHUTDOWN)
        abort();
}

static void
fuzzMemory(const netsnmp_variable_list *vb)
{
    unsigned long mib, kib = 0;

    if (netsnmp_check_vb_type_and_size(vb, ASN_UNSIGNED, sizeof(long)))
        return;
    mib = (unsigned long)*vb->val.integer & 0xFFFFFFFFUL;
    if (virt_mib_mib_to_kib(mib, &kib) < 0) {
        if (mib <= ULONG_MAX / 1024)
            abort();
        return;
    }
    if (kib / 1024 != mib || virt_mib_kib_to_mib(kib) != mib)
        abort();
}

static void
fuzzAffinity(const netsnmp_variable_list *vb, unsigned int ncpus)
{
    size_t i, maplen = VIR_CPU_MAPLEN(ncpus);
    int any = 0, beyond = 0;
    enum cpumap_check res;

    if (vb->type != ASN_OCTET_STR)
        return;
    res = virt_mib_cpumap_check(vb->val.string, vb->val_len, ncpus);
    if (vb->val_len != maplen) {
        if (res != CPUMAP_WRONG_LENGTH)
            abort();
        return;
    }
    for (i = 0; i < maplen * 8; i++) {
        int bit = (vb->val.string[i / 8] >> (i % 8)) & 1;

        if (bit !=
            virt_mib_cpumap_has(vb->val.string, vb->val_len, (unsigned int)i))
            abort();
        if (bit && i < ncpus)
            any = 1;
        if (bit && i >= ncpus)
            beyond = 1;
    }
    if ((res == CPUMAP_OK) != (any && !beyond))
        abort();
}

/* virtDomainVcpus is Unsigned32 (1..65535), the switch a TruthValue. */
static void
fuzzRange(const netsnmp_variable_list *vb, int obj)
{
    long v;

    if (netsnmp_check_vb_type_and_size(
            vb, obj == OBJ_VCPUS ? ASN_UNSIGNED : ASN_INTEGER, sizeof(long)))
        return;
    v = *vb->val.integer;
    if (obj == OBJ_VCPUS && virt_mib_vcpus_valid(v) != (v >= 1 && v <= 65535))
        abort();
    if (obj == OBJ_NOTIFY && virt_mib_truth_valid(v) != (v == 1 || v == 2))
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    netsnmp_variable_list vb;

    if (size < 3)
        return 0;
    memset(&vb, 0, sizeof(vb));
    if (fuzzDecode(data + 3, size - 3, &vb) == 0) {
        switch (data[0] % 6) {
        case OBJ_ADMIN:
            fuzzAdmin(&vb, data[1]);
            break;
        case OBJ_AFFINITY:
            fuzzAffinity(&vb, (unsigned int)data[2] + 1);
            break;
        case OBJ_VCPUS:
        case OBJ_NOTIFY:
            fuzzRange(&vb, data[0] % 6);
            break;
        default:
            fuzzMemory(&vb);
        }
    }
    snmp_free_var_internals(&vb);
    return 0;
}
