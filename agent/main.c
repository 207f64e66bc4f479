/*
 * main.c: virtmibd, the AgentX subagent serving VIRT-MIB.
 *
 * The front end of the runtime (runtime/start.c) as a daemon: options,
 * the AgentX subagent role, signals (SIGHUP reads the config files
 * again) and the one main loop (requests, polls, notifications).  Only
 * this loop touches the AgentX session and the hypervisor connection.
 */

#include <config.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "runtime/agent.h"
#include "mib/mib_handler.h"
#include "runtime/agentx_guard.h"
#include "runtime/config.h"
#include "runtime/schedule.h"
#include "runtime/start.h"

#define APP_NAME "virtmibd"

/* The library's name in --version: the one the agent was linked with. */
#ifdef WITH_SYSTEM_LIBVIRT
# define LIBRARY_NAME "libvirt"
#else
# define LIBRARY_NAME "libvir"
#endif

/* parse_option()'s failures */
#define PARSE_USAGE (-1) /* print the usage */
#define PARSE_TOLD  (-2) /* said already */

/* The command line's settings; the config file's are in config.c. */
static struct agent_options cl_opts = AGENT_OPTIONS_UNSET;
static volatile sig_atomic_t keep_running = 1;
static volatile sig_atomic_t reload_pending;

static void usage(FILE *fp);
static void version(void);
static int parse_args(int argc, char **argv, int *foreground);
static int parse_option(int c, int argc, char **argv, int *foreground,
                        int *log_set);
static int main_config_apply(int major, int minor, void *server, void *client);
static void main_config_reread(void);
static void main_on_signal(int sig);
static void main_on_hup(int sig);
static void main_signals(void);
static void main_reload(void);
static void main_detach(void);
static int main_start(void);

/* Options */

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: " APP_NAME " [-fhnrV] [-a seconds] [-c file] [-C] "
            "[-D tokens]\n"
            "                [-L logopts] [-p seconds] [-s statefile] "
            "[-u uri] [-x socket]\n"
            "       " APP_NAME " --help | --version\n"
            "  -a seconds   how old a value a request may get (default %g)\n"
            "  -c file      read this config file (as well)\n"
            "  -C           do not read the default config files\n"
            "  -D tokens    net-snmp debug tokens (virtmibd for all)\n"
            "  -f           stay in the foreground\n"
            "  -h           print this help and exit (also --help)\n"
            "  -L logopts   net-snmp logging: -Le, -Lf file, -Ls daemon...\n"
            "  -n           start with notifications disabled\n"
            "  -p seconds   poll interval (default %d)\n"
            "  -r           read-only: refuse every SET\n"
            "  -s file      domain index state file (default %s)\n"
            "  -u uri       hypervisor URI (default: LIBVIRT_DEFAULT_URI)\n"
            "  -V           print the versions and exit (also --version)\n"
            "  -x socket    AgentX socket of the master\n",
            AGENT_DEFAULT_MAX_AGE / 1000.0, AGENT_DEFAULT_POLL,
            AGENT_DEFAULT_STATE_FILE);
}

/* Ours, and those of the two libraries we run on. */
static void
version(void)
{
    unsigned long lib = 0;

    printf(APP_NAME " (" PACKAGE_NAME ") " PACKAGE_VERSION "\n");
    printf("net-snmp %s\n", netsnmp_get_version());
    if (virGetVersion(&lib, NULL, NULL) == 0)
        printf(LIBRARY_NAME " %lu.%lu.%lu\n", lib / 1000000, lib / 1000 % 1000,
               lib % 1000);
}

/* The options; -h and -V exit at once. */
static int
parse_args(int argc, char **argv, int *foreground)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c, rc, log_set = 0;

    while ((c = getopt_long(argc, argv, "a:c:CD:fhL:np:rs:u:Vx:", longopts,
                            NULL)) != -1) {
        rc = parse_option(c, argc, argv, foreground, &log_set);
        if (rc == PARSE_USAGE)
            usage(stderr);
        if (rc < 0)
            return -1;
    }
    if (optind != argc) {
        usage(stderr);
        return -1;
    }
    if (log_set)
        return 0;
    if (*foreground)
        snmp_enable_stderrlog();
    else
        snmp_enable_syslog_ident(APP_NAME, LOG_DAEMON);
    return 0;
}

/* One option: 0, PARSE_USAGE, or PARSE_TOLD when it said what is wrong. */
static int
parse_option(int c, int argc, char **argv, int *foreground, int *log_set)
{
    switch (c) {
    case 'a':
        if (config_parse_ms(optarg, AGENT_MAX_AGE_MAX, &cl_opts.ao_max_age) <
            0) {
            fprintf(stderr, APP_NAME ": bad maximum age '%s'\n", optarg);
            return PARSE_TOLD;
        }
        break;
    case 'c':
        netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID,
                              NETSNMP_DS_LIB_OPTIONALCONFIG, optarg);
        break;
    case 'C':
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                               NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        break;
    case 'D':
        debug_register_tokens(optarg);
        snmp_set_do_debugging(1);
        break;
    case 'f':
        *foreground = 1;
        break;
    case 'h':
        usage(stdout);
        exit(0);
    case 'L':
        if (snmp_log_options(optarg, argc, argv) < 0)
            return PARSE_USAGE;
        *log_set = 1;
        break;
    case 'n':
        cl_opts.ao_notify = 0;
        break;
    case 'p':
        if (config_parse_number(optarg, AGENT_POLL_MIN, AGENT_POLL_MAX,
                                &cl_opts.ao_poll) < 0) {
            fprintf(stderr, APP_NAME ": bad poll interval '%s'\n", optarg);
            return PARSE_TOLD;
        }
        break;
    case 'r':
        cl_opts.ao_readonly = 1;
        break;
    case 's':
        cl_opts.ao_state_file = optarg;
        break;
    case 'u':
        cl_opts.ao_uri = optarg;
        break;
    case 'V':
        version();
        exit(0);
    case 'x':
        cl_opts.ao_socket = optarg;
        break;
    default:
        return PARSE_USAGE;
    }
    return 0;
}

/* Config files */

/* After the config files are read, before the AgentX connection: the
 * command line wins over the config file. */
static int
main_config_apply(int major, int minor, void *server, void *client)
{
    if (cl_opts.ao_socket)
        netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
                              NETSNMP_DS_AGENT_X_SOCKET, cl_opts.ao_socket);
    return SNMP_ERR_NOERROR;
}

/*
 * What init_snmp() read, read again: the default files (unless -C), then
 * the -c ones (a comma-separated list, as net-snmp takes it).  Not
 * read_configs(): its post-read callbacks would open the AgentX session
 * a second time.
 */
static void
main_config_reread(void)
{
    const char *opt;
    char *list, *file, *save = NULL;

    free_config();
    read_config_files(NORMAL_CONFIG);
    opt = netsnmp_ds_get_string(NETSNMP_DS_LIBRARY_ID,
                                NETSNMP_DS_LIB_OPTIONALCONFIG);
    if (!opt)
        return;
    list = strdup(*opt == '-' ? opt + 1 : opt);
    for (file = list ? strtok_r(list, ",", &save) : NULL; file;
         file = strtok_r(NULL, ",", &save))
        read_config_with_type(file, APP_NAME);
    free(list);
}

/* Signals: set a flag, the main loop does the rest. */

static void
main_on_signal(int sig)
{
    keep_running = 0;
    agent.as_active = 0;
}

static void
main_on_hup(int sig)
{
    reload_pending = 1;
}

static void
main_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = main_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = main_on_hup;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

/*
 * SIGHUP: reads the config files again, as at start, and applies what
 * can change while running (agent_reload()).  The AgentX session stays
 * as it is.
 */
static void
main_reload(void)
{
    reload_pending = 0;
    main_config_reread();
    agent_reload();
    snmp_log(LOG_INFO,
             APP_NAME " reloaded: poll %ds, %s, notifications %s, max age "
                      "%gs\n",
             agent_poll_interval(),
             agent.as_readonly ? "read-only" : "read-write",
             agent.as_notify ? "on" : "off", agent.as_max_age / 1000.0);
}

/* Start and stop */

/* At stop, once the MIB groups are gone: the AgentX session. */
static void
main_detach(void)
{
    snmp_shutdown(APP_NAME);
    agentx_guard_shutdown();
}

static int
main_start(void)
{
    static const struct agent_front daemon = {
        .af_log_prefix = "",
        .af_schedule = NULL, /* the loop calls agent_sync() */
        .af_cmdline = &cl_opts,
        .af_detach = main_detach,
    };

    if (agent_start(&daemon) < 0)
        return -1;
    snmp_log(LOG_INFO, APP_NAME " started: poll %ds, %s, max age %gs%s\n",
             agent_poll_interval(),
             agent.as_readonly ? "read-only" : "read-write",
             agent.as_max_age / 1000.0,
             agent.as_stale ? ", hypervisor not readable yet" : "");
    return 0;
}

int
main(int argc, char **argv)
{
    int foreground = 0;

    /* first, so that a signal during start-up still ends cleanly */
    main_signals();
    if (parse_args(argc, argv, &foreground) < 0)
        return 1;
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
    snmp_register_callback(SNMP_CALLBACK_LIBRARY,
                           SNMP_CALLBACK_POST_READ_CONFIG, main_config_apply,
                           NULL);
    init_agent(APP_NAME);
    agentx_guard_init(mib_handler_settle);
    /* Reconnect to a master that went away (the config file's
     * agentXPingInterval, read by init_snmp(), overrides this). */
    netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
                       NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
                       AGENT_DEFAULT_PING);
    config_register();
    init_snmp(APP_NAME);
    if (!foreground && netsnmp_daemonize(1, snmp_stderrlog_status()) != 0)
        return 1;
    if (main_start() < 0) {
        agent_stop();
        return 1;
    }
    while (keep_running) {
        agent_check_and_process(1);
        if (reload_pending && keep_running)
            main_reload();
        agent_sync();
    }
    snmp_log(LOG_INFO, APP_NAME " stopping\n");
    agent_stop();
    return 0;
}
