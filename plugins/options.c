/*
 * options.c: check_virtmib's command line, in the shape of check_snmp's
 * (-H -p -P -C -L -U -a -A -x -X -t -w -c), with --help and --version.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_virtmib.h"

static void opts_usage(FILE *f);
static void opts_help(void);
static long opts_number(const char *what, const char *s, long lo, long hi);
static void opts_range(struct vm_range *r, const char *what, const char *s);
static void opts_mode(struct vm_opts *o, const char *s);
static void opts_states(struct vm_opts *o, int level, const char *list);
static void opts_defaults(struct vm_opts *o);
static void opts_one(struct vm_opts *o, int c, char *arg);
static const char *opts_name(int c);
static void opts_check(const struct vm_opts *o);

enum {
    OPT_PERCENT = 256,
    OPT_OK_STATES,
    OPT_WARNING_STATES,
    OPT_CRITICAL_STATES,
    OPT_UNKNOWN_STATES,
    OPT_COUNT_FIRST, /* OPT_COUNT_FIRST + 2 * count (+1 for critical) */
};

static const struct option long_opts[] = {
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { "hostname", required_argument, NULL, 'H' },
    { "port", required_argument, NULL, 'p' },
    { "timeout", required_argument, NULL, 't' },
    { "protocol", required_argument, NULL, 'P' },
    { "community", required_argument, NULL, 'C' },
    { "seclevel", required_argument, NULL, 'L' },
    { "secname", required_argument, NULL, 'U' },
    { "authproto", required_argument, NULL, 'a' },
    { "authpasswd", required_argument, NULL, 'A' },
    { "privproto", required_argument, NULL, 'x' },
    { "privpasswd", required_argument, NULL, 'X' },
    { "domain", required_argument, NULL, 'd' },
    { "uuid", required_argument, NULL, 'u' },
    { "mode", required_argument, NULL, 'm' },
    { "warning", required_argument, NULL, 'w' },
    { "critical", required_argument, NULL, 'c' },
    { "interval", required_argument, NULL, 'i' },
    { "percent", no_argument, NULL, OPT_PERCENT },
    { "ok-states", required_argument, NULL, OPT_OK_STATES },
    { "warning-states", required_argument, NULL, OPT_WARNING_STATES },
    { "critical-states", required_argument, NULL, OPT_CRITICAL_STATES },
    { "unknown-states", required_argument, NULL, OPT_UNKNOWN_STATES },
    { "crashed-warning", required_argument, NULL, OPT_COUNT_FIRST + 0 },
    { "crashed-critical", required_argument, NULL, OPT_COUNT_FIRST + 1 },
    { "paused-warning", required_argument, NULL, OPT_COUNT_FIRST + 2 },
    { "paused-critical", required_argument, NULL, OPT_COUNT_FIRST + 3 },
    { "shutoff-warning", required_argument, NULL, OPT_COUNT_FIRST + 4 },
    { "shutoff-critical", required_argument, NULL, OPT_COUNT_FIRST + 5 },
    { NULL, 0, NULL, 0 },
};

static const char *const state_names[] = {
    [VM_NOSTATE] = "nostate",   [VM_RUNNING] = "running",
    [VM_BLOCKED] = "blocked",   [VM_PAUSED] = "paused",
    [VM_SHUTDOWN] = "shutdown", [VM_SHUTOFF] = "shutoff",
    [VM_CRASHED] = "crashed",   [VM_ABSENT] = "absent",
};

static const char *const mode_names[] = {
    [VM_MODE_STATE] = "state", [VM_MODE_MEMORY] = "memory",
    [VM_MODE_CPU] = "cpu",     [VM_MODE_VCPUS] = "vcpus",
    [VM_MODE_HOST] = "host",
};

/* The name of a VirtRunState value, "unknown" for one outside it. */
const char *
vm_state_name(int state)
{
    if (state < 0 || state >= VM_NSTATES) {
        return "unknown";
    }
    return state_names[state];
}

static void
opts_usage(FILE *f)
{
    fprintf(f, "Usage: check_virtmib -H host [-p port] [-t timeout]\n"
               "  [-P 2c -C community | -P 3 -L level -U user [-a SHA|MD5]"
               " [-A pass] [-x AES|DES] [-X pass]]\n"
               "  -m state|memory|cpu|vcpus -d name|--uuid uuid"
               " [-w range] [-c range]\n"
               "  -m host [--crashed-warning range] ...\n");
}

static void
opts_help(void)
{
    printf("check_virtmib %s: checks a virtual machine (domain) that\n"
           "virtmibd serves in VIRT-MIB, found by name or UUID.\n\n",
           PACKAGE_VERSION);
    opts_usage(stdout);
    printf("\n"
           " -H, --hostname=ADDRESS   the SNMP agent\n"
           " -p, --port=PORT          its UDP port (161)\n"
           " -t, --timeout=SECONDS    UNKNOWN after this long (10)\n"
           " -P, --protocol=2c|3      SNMP version (2c)\n"
           " -C, --community=NAME     SNMPv2c community (public)\n"
           " -L, --seclevel=LEVEL     noAuthNoPriv, authNoPriv or authPriv\n"
           "                          (authPriv when -X is given, else\n"
           "                          authNoPriv with -A, else noAuthNoPriv)\n"
           " -U, --secname=USER       SNMPv3 user\n"
           " -a, --authproto=SHA|MD5  (SHA)   -A, --authpasswd=PASS\n"
           " -x, --privproto=AES|DES  (AES)   -X, --privpasswd=PASS\n"
           " -d, --domain=NAME        the domain, by name\n"
           " -u, --uuid=UUID          the domain, by UUID\n"
           " -m, --mode=MODE          state, memory, cpu, vcpus or host\n"
           " -w, --warning=RANGE      -c, --critical=RANGE  thresholds\n"
           "                          (10, 10:, ~:10, 10:20, @10:20)\n"
           "     --percent            memory: percent of the maximum\n"
           " -i, --interval=SECONDS   cpu: two samples this far apart\n"
           "                          (else the previous run's, kept in\n"
           "                          $NAGIOS_PLUGIN_STATE_DIRECTORY)\n"
           "     --ok-states=LIST     --warning-states=LIST\n"
           "     --critical-states=LIST  --unknown-states=LIST\n"
           "                          state: which states give which status\n"
           "                          (running,blocked OK; shutdown WARNING;\n"
           "                          paused,shutoff,crashed CRITICAL)\n"
           "     --crashed-warning=RANGE  --crashed-critical=RANGE (0)\n"
           "     --paused-warning=RANGE   --paused-critical=RANGE\n"
           "     --shutoff-warning=RANGE  --shutoff-critical=RANGE\n"
           "                          host: thresholds on each count\n"
           " -h, --help    -V, --version\n"
           "\nSee check_virtmib(1).\n");
}

static long
opts_number(const char *what, const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
        vm_die(NULL, "%s must be a number from %ld to %ld, not '%s'", what, lo,
               hi, s);
    }
    return v;
}

static void
opts_range(struct vm_range *r, const char *what, const char *s)
{
    if (vm_range_parse(r, s) < 0) {
        vm_die(NULL,
               "%s '%s' is not a threshold range "
               "(10, 10:, ~:10, 10:20, @10:20)",
               what, s);
    }
}

static void
opts_mode(struct vm_opts *o, const char *s)
{
    size_t i;

    for (i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++) {
        if (strcmp(s, mode_names[i]) == 0) {
            o->mode = (enum vm_mode)i;
            return;
        }
    }
    vm_die(NULL, "unknown mode '%s' (state, memory, cpu, vcpus, host)", s);
}

/* Gives LEVEL to each state named in the comma-separated LIST. */
static void
opts_states(struct vm_opts *o, int level, const char *list)
{
    const char *p = list;
    size_t n;
    int s;

    while (*p) {
        n = strcspn(p, ",");
        for (s = 0; s < VM_NSTATES; s++) {
            if (strlen(state_names[s]) == n &&
                strncmp(p, state_names[s], n) == 0) {
                break;
            }
        }
        if (s == VM_NSTATES) {
            vm_die(NULL,
                   "unknown state '%.*s' in '%s' (nostate, running, "
                   "blocked, paused, shutdown, shutoff, crashed)",
                   (int)n, p, list);
        }
        o->state_level[s] = level;
        p += n;
        p += *p == ',';
    }
}

static void
opts_defaults(struct vm_opts *o)
{
    int s;

    memset(o, 0, sizeof(*o));
    o->port = "161";
    o->timeout = 10;
    o->community = "public";
    o->authproto = "SHA";
    o->privproto = "AES";
    for (s = 0; s < VM_NSTATES; s++) {
        o->state_level[s] = VM_UNKNOWN;
    }
    o->state_level[VM_RUNNING] = VM_OK;
    o->state_level[VM_BLOCKED] = VM_OK;
    o->state_level[VM_PAUSED] = VM_CRITICAL;
    o->state_level[VM_SHUTDOWN] = VM_WARNING;
    o->state_level[VM_SHUTOFF] = VM_CRITICAL;
    o->state_level[VM_CRASHED] = VM_CRITICAL;
    vm_range_parse(&o->count_crit[VM_COUNT_CRASHED], "0");
}

/* The long name of the option whose value is C. */
static const char *
opts_name(int c)
{
    const struct option *p;

    for (p = long_opts; p->name != NULL; p++) {
        if (p->val == c) {
            return p->name;
        }
    }
    return "?";
}

/* Takes one option C with its argument ARG. */
static void
opts_one(struct vm_opts *o, int c, char *arg)
{
    char *a = arg; /* argv's own: kept, never copied */
    int k;

    /* one column of short cases reads best */
    /* clang-format off */
    switch (c) {
    case 'h': opts_help(); exit(VM_OK);
    case 'V': printf("check_virtmib %s\n", PACKAGE_VERSION); exit(VM_OK);
    case 'H': o->host = a; break;
    case 'p': opts_number("-p", arg, 1, 65535); o->port = a; break;
    case 't': o->timeout = (int)opts_number("-t", arg, 1, 3600); break;
    case 'P':
        if (strcmp(arg, "3") != 0 && strcmp(arg, "2c") != 0) {
            vm_die(NULL, "-P must be 2c or 3, not '%s'", arg);
        }
        o->v3 = strcmp(arg, "3") == 0;
        break;
    case 'C': o->community = a; break;
    case 'L': o->seclevel = a; break;
    case 'U': o->secname = a; break;
    case 'a': o->authproto = a; break;
    case 'A': o->authpass = a; break;
    case 'x': o->privproto = a; break;
    case 'X': o->privpass = a; break;
    case 'd': o->domain = a; break;
    case 'u': o->uuid = a; break;
    case 'm': opts_mode(o, arg); break;
    case 'w': opts_range(&o->warn, "-w", arg); break;
    case 'c': opts_range(&o->crit, "-c", arg); break;
    case 'i': o->interval = (int)opts_number("-i", arg, 1, 3599); break;
    case OPT_PERCENT: o->percent = 1; break;
    case OPT_OK_STATES: opts_states(o, VM_OK, arg); break;
    case OPT_WARNING_STATES: opts_states(o, VM_WARNING, arg); break;
    case OPT_CRITICAL_STATES: opts_states(o, VM_CRITICAL, arg); break;
    case OPT_UNKNOWN_STATES: opts_states(o, VM_UNKNOWN, arg); break;
    default:
        k = c - OPT_COUNT_FIRST;
        if (k < 0 || k >= 2 * VM_NCOUNTS) {
            opts_usage(stdout);
            vm_die(NULL, "bad option (see --help)");
        }
        opts_range(k % 2 ? &o->count_crit[k / 2] : &o->count_warn[k / 2],
                   opts_name(c), arg);
    }
    /* clang-format on */
}

/* The checks between options, with a message for each. */
static void
opts_check(const struct vm_opts *o)
{
    if (o->host == NULL) {
        vm_die(NULL, "no agent given (-H)");
    }
    if (o->mode != VM_MODE_HOST && (o->domain == NULL) == (o->uuid == NULL)) {
        vm_die(NULL, "give the domain by name (-d) or by UUID (--uuid), "
                     "one of them");
    }
    if (o->mode == VM_MODE_HOST && (o->domain || o->uuid)) {
        vm_die(NULL, "the host mode takes no domain");
    }
    if (o->interval && o->mode != VM_MODE_CPU) {
        vm_die(NULL, "--interval is for the cpu mode");
    }
    if (o->interval >= o->timeout) {
        vm_die(NULL, "--interval %d must be shorter than the timeout (-t %d)",
               o->interval, o->timeout);
    }
    if (o->percent && o->mode != VM_MODE_MEMORY) {
        vm_die(NULL, "--percent is for the memory mode");
    }
    if (o->v3 && o->secname == NULL) {
        vm_die(NULL, "SNMPv3 needs a user (-U)");
    }
}

/* Fills O from the command line; exits with a message when it is bad. */
int
vm_opts_parse(struct vm_opts *o, int argc, char **argv)
{
    int c;

    opts_defaults(o);
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hVH:p:t:P:C:L:U:a:A:x:X:d:u:m:w:c:i:",
                            long_opts, NULL)) != -1) {
        if (c == '?' || c == ':') {
            vm_die(NULL, "bad option '%s' (see --help)", argv[optind - 1]);
        }
        opts_one(o, c, optarg);
    }
    if (optind < argc) {
        vm_die(NULL, "unexpected argument '%s' (see --help)", argv[optind]);
    }
    opts_check(o);
    return 0;
}
