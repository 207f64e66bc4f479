/*
 * failagent.c: a second AgentX subagent for the end-to-end tests, so
 * that a SET can carry a varbind virtmibd does not see.  It serves one
 * writable INTEGER scalar, netSnmpPlaypen.2.1.0: any INTEGER passes the
 * test phase; writing 2 then fails in ACTION (commitFailed), any other
 * value is kept.
 *
 * failagent SOCKET: connects to the master's AgentX socket; SIGTERM
 * stops it.
 */

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <signal.h>

#define FAIL_VALUE 2

static const oid fail_oid[] = { 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 2, 1 };
static volatile sig_atomic_t running = 1;
static long value = 1;

static int fail_handler(netsnmp_mib_handler *handler,
                        netsnmp_handler_registration *reginfo,
                        netsnmp_agent_request_info *reqinfo,
                        netsnmp_request_info *requests);
static void fail_stop(int sig);

static int
fail_handler(netsnmp_mib_handler *handler,
             netsnmp_handler_registration *reginfo,
             netsnmp_agent_request_info *reqinfo,
             netsnmp_request_info *requests)
{
    netsnmp_request_info *req;
    netsnmp_variable_list *vb;

    (void)handler, (void)reginfo;
    for (req = requests; req; req = req->next) {
        vb = req->requestvb;
        switch (reqinfo->mode) {
        case MODE_GET:
            snmp_set_var_typed_value(vb, ASN_INTEGER, &value, sizeof(value));
            break;
        case MODE_SET_RESERVE1:
            if (vb->type != ASN_INTEGER)
                netsnmp_request_set_error(req, SNMP_ERR_WRONGTYPE);
            break;
        case MODE_SET_ACTION:
            if (*vb->val.integer == FAIL_VALUE)
                netsnmp_request_set_error(req, SNMP_ERR_COMMITFAILED);
            else
                value = *vb->val.integer;
            break;
        default:
            break;
        }
    }
    return SNMP_ERR_NOERROR;
}

static void
fail_stop(int sig)
{
    (void)sig;
    running = 0;
}

int
main(int argc, char **argv)
{
    netsnmp_handler_registration *reg;

    if (argc != 2)
        return 2;
    signal(SIGTERM, fail_stop);
    signal(SIGINT, fail_stop);
    snmp_enable_stderrlog();
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
    netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET,
                          argv[1]);
    init_agent("failagent");
    reg = netsnmp_create_handler_registration("failagent", fail_handler,
                                              fail_oid, OID_LENGTH(fail_oid),
                                              HANDLER_CAN_RWRITE);
    if (!reg || netsnmp_register_scalar(reg) != MIB_REGISTERED_OK)
        return 1;
    init_snmp("failagent");
    while (running)
        agent_check_and_process(1);
    snmp_shutdown("failagent");
    return 0;
}
