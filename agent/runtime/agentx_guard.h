/*
 * agentx_guard.h: the AgentX session a SET came on, and whether the
 * master is still there to hear the answer.
 */

#ifndef VIRTMIBD_AGENTX_GUARD_H
#define VIRTMIBD_AGENTX_GUARD_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

void agentx_guard_init(void (*settle)(void));
int agentx_guard_confirmed(long transid);
void agentx_guard_shutdown(void);
int agent_request_live(netsnmp_agent_request_info *reqinfo);
int agentx_guard_refuse(netsnmp_agent_request_info *reqinfo,
                        netsnmp_request_info *requests);

#endif /* VIRTMIBD_AGENTX_GUARD_H */
