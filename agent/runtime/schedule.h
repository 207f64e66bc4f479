/*
 * schedule.h: when the snapshot is read again.
 */

#ifndef VIRTMIBD_SCHEDULE_H
#define VIRTMIBD_SCHEDULE_H

#include <stddef.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

void agent_request_refresh(void);
void agent_request_refresh_domain(const unsigned char *uuid);
void agent_sync(void);
void agent_request_begin(int mode, long transid, const oid *name, size_t len);
void agent_request_answered(const oid *name, size_t len);
void agent_request_end(int mode);
void agent_request_drop(void);
int schedule_set_open(void);

#endif /* VIRTMIBD_SCHEDULE_H */
