/*
 * main.c: check_virtmib's front end: the options, the time limit, the
 * SNMP library, the domain's row, the mode, the status line.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "check_virtmib.h"

static void main_timeout(int sig);
static void main_library(void);
static int main_domain(const struct vm_opts *o, struct vm_snmp *s,
                       struct vm_result *r);

static const char *const mode_titles[] = {
    [VM_MODE_STATE] = "STATE", [VM_MODE_MEMORY] = "MEMORY",
    [VM_MODE_CPU] = "CPU",     [VM_MODE_VCPUS] = "VCPUS",
    [VM_MODE_HOST] = "HOST",
};

static const char *timeout_msg;

/* SIGALRM: the -t limit passed; UNKNOWN, as the guidelines want. */
static void
main_timeout(int sig)
{
    ssize_t rc;

    (void)sig;
    rc = write(STDOUT_FILENO, timeout_msg, strlen(timeout_msg));
    (void)rc;
    _exit(VM_UNKNOWN);
}

/*
 * net-snmp as a client only: no MIB files read (the OIDs are numeric),
 * no persistent state read or written (the plugin runs as the NMS's
 * user, often without a home), its log to stderr at warning and above.
 */
static void
main_library(void)
{
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    setenv("MIBS", "", 1);
    setenv("MIBDIRS", "", 1);
    snmp_enable_stderrlog();
    init_snmp("check_virtmib");
}

/* The modes of one domain: find its row, read it, check it. */
static int
main_domain(const struct vm_opts *o, struct vm_snmp *s, struct vm_result *r)
{
    struct vm_domain d;
    unsigned long index;
    int rc;

    rc = vm_domain_find(s, o, &index);
    if (rc == 0) {
        rc = vm_domain_read(s, index, &d);
    }
    if (rc != 0) {
        return rc;
    }
    if (d.stale) {
        vm_raise(r, VM_UNKNOWN);
        vm_text(r, "agent data is stale (virtNodeStale): ");
    }
    switch (o->mode) {
    case VM_MODE_STATE:
        vm_mode_state(o, &d, r);
        break;
    case VM_MODE_MEMORY:
        vm_mode_memory(o, &d, r);
        break;
    case VM_MODE_VCPUS:
        vm_mode_vcpus(o, &d, r);
        break;
    default:
        rc = vm_mode_cpu(o, s, &d, r);
    }
    return rc;
}

int
main(int argc, char **argv)
{
    struct vm_opts o;
    struct vm_result r;
    struct vm_snmp *s;
    static char msg[128];
    int rc;

    vm_opts_parse(&o, argc, argv);
    memset(&r, 0, sizeof(r));
    r.mode = mode_titles[o.mode];
    snprintf(msg, sizeof(msg),
             "VIRTMIB %s UNKNOWN - no result within %d s "
             "(-t)\n",
             r.mode, o.timeout);
    timeout_msg = msg;
    signal(SIGALRM, main_timeout);
    alarm((unsigned)o.timeout);
    main_library();
    s = vm_snmp_open(&o);
    rc = o.mode == VM_MODE_HOST ? vm_mode_host(&o, s, &r)
                                : main_domain(&o, s, &r);
    if (rc < 0) {
        r.status = VM_UNKNOWN;
        snprintf(r.text, sizeof(r.text), "%s", vm_snmp_error(s));
        r.perf[0] = '\0';
    } else if (rc > 0) {
        r.status = VM_UNKNOWN;
        snprintf(r.text, sizeof(r.text), "no domain %s '%s' on %s",
                 o.uuid ? "with UUID" : "named", o.uuid ? o.uuid : o.domain,
                 o.host);
    }
    vm_snmp_close(s);
    snmp_shutdown("check_virtmib");
    vm_print(&r);
    return r.status;
}
