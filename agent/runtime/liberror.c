/*
 * liberror.c: the library's errors, in net-snmp's log (the callback the
 * start installs with virSetErrorFunc) and as the text of a refusal; and
 * what libxml2 would print to stderr for the library's parser.
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlerror.h>

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

/* libxml2 hands a message over in pieces; a line is logged whole */
static char xml_line[512];

static int liberror_logged(void);
static void liberror_xml_func(void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The library's errors go to net-snmp's log. */
void
agent_error_func(void *userdata, virErrorPtr err)
{
    (void)userdata;
    if (err && err->message && liberror_logged())
        snmp_log(LOG_INFO, "%s" LIBERROR_NAME ": %s\n", agent.as_log_prefix,
                 err->message);
}

/* While stale, every poll would repeat the same failure; inside a SET,
 * the SET's own refusal carries the message. */
static int
liberror_logged(void)
{
    return !quiet && !agent.as_stale && !schedule_set_open();
}

/**
 * agent_xml_errors_to_log:
 *
 * Sends what libxml2 reports through its generic handler (stderr by
 * default) to net-snmp's log, as the library's errors go: a library
 * that parses with libxml2 in our process (libvirt's test driver on a
 * node file it cannot load) leaves its parser's warnings there.  The
 * handler is the calling thread's, the one that opens connections.
 */
void
agent_xml_errors_to_log(void)
{
    xml_line[0] = '\0';
    xmlSetGenericErrorFunc(NULL, liberror_xml_func);
}

static void
liberror_xml_func(void *ctx, const char *fmt, ...)
{
    size_t used = strlen(xml_line);
    va_list ap;

    (void)ctx;
    va_start(ap, fmt);
    vsnprintf(xml_line + used, sizeof(xml_line) - used, fmt, ap);
    va_end(ap);
    used = strlen(xml_line);
    if (used == 0 ||
        (xml_line[used - 1] != '\n' && used < sizeof(xml_line) - 1))
        return;
    if (liberror_logged())
        snmp_log(LOG_INFO, "%slibxml2: %s%s", agent.as_log_prefix, xml_line,
                 xml_line[used - 1] == '\n' ? "" : "\n");
    xml_line[0] = '\0';
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
