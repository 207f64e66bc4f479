/*
 * mib_request.h: where a request OID falls in a hand-written table or
 * scalar group (column and index values), the answer (its OID and typed
 * value); the refusal of a SET varbind with its error and one log line.
 */

#ifndef VIRTMIBD_MIB_REQUEST_H
#define VIRTMIBD_MIB_REQUEST_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

/* index values at most: vmCpuAffinityTable's three */
#define MIB_MAX_INDEX 3
#define MIB_WHY_LEN   160 /* room for the reason of a refusal */

struct mib_pos {
    unsigned int mp_col;
    unsigned int mp_idx[MIB_MAX_INDEX];
    size_t mp_nidx;
};

/* Result of placing a GET request. */
enum mib_exact { MIB_EXACT_OK = 0, MIB_EXACT_NO_OBJECT, MIB_EXACT_NO_INSTANCE };

enum mib_exact mib_pos_exact(const oid *name, size_t len, const oid *base,
                             size_t baselen, unsigned int lastcol, size_t nidx,
                             struct mib_pos *pos);
int mib_pos_next(const oid *name, size_t len, const oid *base, size_t baselen,
                 unsigned int lastcol, size_t maxidx, struct mib_pos *pos);
int mib_set_oid(netsnmp_variable_list *vb, const oid *base, size_t baselen,
                unsigned int col, const unsigned int *idx, size_t nidx);
int mib_set_number(netsnmp_variable_list *vb, u_char type, long value);
int mib_set_string(netsnmp_variable_list *vb, const char *str);
int mib_set_counter64(netsnmp_variable_list *vb, unsigned long long value);
long mib_transid(const netsnmp_agent_request_info *reqinfo);
void mib_refuse(netsnmp_request_info *req, int err, const char *object,
                size_t baselen, const char *domain, const char *why);
const char *mib_column_name(const netsnmp_variable_list *vb, const oid *base,
                            size_t baselen, const char *const *names,
                            size_t nnames);

#endif /* VIRTMIBD_MIB_REQUEST_H */
