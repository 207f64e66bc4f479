/*
 * liberror.h: the library's errors, in net-snmp's log and as the text of
 * a refusal.
 */

#ifndef VIRTMIBD_LIBERROR_H
#define VIRTMIBD_LIBERROR_H

#include <stddef.h>

#include <libvirt/virterror.h>

void agent_error_func(void *userdata, virErrorPtr err);
void agent_library_error(char *buf, size_t len);
void agent_error_quiet(int on);
void agent_xml_errors_to_log(void);

#endif /* VIRTMIBD_LIBERROR_H */
