/*
 * liberror.c: the library's errors, in net-snmp's log (the callback the
 * start installs with virSetErrorFunc) and as the text of a refusal.
 */

#include <config.h>

#include <stdio.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "runtime/agent.h"
#include "runtime/liberror.h"
#include "runtime/schedule.h"

/* The library's name in the log. */
#ifdef WITH_SYSTEM_LIBVIRT
#define LIBERROR_NAME "libvirt"
#else
#define LIBERROR_NAME "libvir"
#endif

static int quiet; /* a call whose failure is expected is under way */

/* The library's errors go to net-snmp's log. */
void
agent_error_func(void *userdata, virErrorPtr err)
{
    (void)userdata;
    /* while stale, every poll would repeat the same failure; inside a
     * SET, the SET's own refusal carries the message */
    if (err && err->message && !quiet && !agent.as_stale &&
        !schedule_set_open())
        snmp_log(LOG_INFO, "%s" LIBERROR_NAME ": %s\n", agent.as_log_prefix,
                 err->message);
}

/* With @on, the library's errors are not logged: around a call that may
 * fail for a reason the caller handles (an optional feature). */
void
agent_error_quiet(int on)
{
    quiet = on;
}

/* Copies the library's last error message into @buf. */
void
agent_library_error(char *buf, size_t len)
{
    virErrorPtr err = virGetLastError();

    snprintf(buf, len, "%s",
             err && err->message ? err->message : "unknown error");
}
