/*
 * main.c: virtmibd, the AgentX subagent serving VIRT-MIB.
 *
 * Options and the config file (read again on SIGHUP), the AgentX
 * subagent role, the one main loop (requests, polls, notifications) and
 * signals.  Only this loop touches the AgentX session and the hypervisor
 * connection; refresh.c keeps the snapshot current.
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

#include "runtime/agent.h"
#include "runtime/agentx_guard.h"
#include "runtime/config.h"
#include "runtime/connection.h"
#include "runtime/events.h"
#include "runtime/liberror.h"
#include "runtime/refresh.h"
#include "runtime/schedule.h"
#include "runtime/state_file.h"
#include "mib/mib_groups.h"
#include "mib/mib_request.h"
#include "model/index_map.h"

#define APP_NAME           "virtmibd"
#define DEFAULT_POLL       5
#define DEFAULT_PING       5
#define DEFAULT_STATE_FILE "/var/lib/virtmibd/index.map"

/* Settings: from the command line (cl_*) or the config file (cf_*). */
struct agent_options {
    char *ao_uri;
    char *ao_socket;
    char *ao_state_file;
    int ao_poll;
    int ao_readonly;
    int ao_notify;
};

struct agent_state agent;

/* What an event asks for is scheduled like any other refresh. */
static const struct agent_events_sink events_sink = {
    .es_refresh = agent_request_refresh,
    .es_refresh_domain = agent_request_refresh_domain,
    .es_sync = agent_sync,
};

static struct agent_options cl_opts = { NULL, NULL, NULL, -1, -1, -1 };
static struct agent_options cf_opts = { NULL, NULL, NULL, -1, -1, -1 };
static volatile sig_atomic_t keep_running = 1;
static volatile sig_atomic_t reload_pending;
static char *run_uri;         /* agent.as_uri: outlives a reload */
static unsigned int poll_reg; /* the poll alarm */
static int poll_secs;

static void usage(FILE *fp);
static void version(void);
static int parse_args(int argc, char **argv, int *foreground);
static void config_string(const char *token, char *line);
static void config_number(const char *token, char *line);
static void config_free(void);
static int config_apply(int major, int minor, void *server, void *client);
static void config_current(struct agent_options *cur);
static void config_reread(void);
static int agent_poll_every(int seconds);
static void agent_poll_alarm(unsigned int reg, void *clientarg);
static void agent_on_signal(int sig);
static void agent_on_hup(int sig);
static void agent_signals(void);
static void agent_reload(void);
static void agent_reload_mode(int readonly);
static int agent_start(void);
static void agent_stop(void);

/* Options */

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: " APP_NAME " [-fhnrV] [-c file] [-C] [-D tokens] "
            "[-L logopts]\n"
            "                [-p seconds] [-s statefile] [-u uri] "
            "[-x socket]\n"
            "       " APP_NAME " --help | --version\n"
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
            DEFAULT_POLL, DEFAULT_STATE_FILE);
}

/* Ours, and those of the two libraries we run on. */
static void
version(void)
{
    unsigned long lib = 0;

    printf(APP_NAME " (" PACKAGE_NAME ") " PACKAGE_VERSION "\n");
    printf("net-snmp %s\n", netsnmp_get_version());
    if (virGetVersion(&lib, NULL, NULL) == 0)
        printf("libvir %lu.%lu.%lu\n", lib / 1000000, lib / 1000 % 1000,
               lib % 1000);
}

static int
parse_args(int argc, char **argv, int *foreground)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c, log_set = 0;

    while ((c = getopt_long(argc, argv, "c:CD:fhL:np:rs:u:Vx:", longopts,
                            NULL)) != -1) {
        switch (c) {
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
            if (snmp_log_options(optarg, argc, argv) < 0) {
                usage(stderr);
                return -1;
            }
            log_set = 1;
            break;
        case 'n':
            cl_opts.ao_notify = 0;
            break;
        case 'p':
            if (config_parse_number(optarg, 1, 3600, &cl_opts.ao_poll) < 0) {
                fprintf(stderr, APP_NAME ": bad poll interval '%s'\n", optarg);
                return -1;
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
            usage(stderr);
            return -1;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return -1;
    }
    if (!log_set) {
        if (*foreground)
            snmp_enable_stderrlog();
        else
            snmp_enable_syslog_ident(APP_NAME, LOG_DAEMON);
    }
    return 0;
}

/* Config file tokens: virtURI, virtStateFile (strings), virtPollInterval,
 * virtReadOnly, virtNotifications (numbers; yes/no accepted). */

static void
config_string(const char *token, char *line)
{
    char **slot = strcmp(token, "virtURI") == 0 ? &cf_opts.ao_uri
                                                : &cf_opts.ao_state_file;

    free(*slot);
    *slot = strdup(line);
}

static void
config_number(const char *token, char *line)
{
    int v;

    if (strcmp(token, "virtPollInterval") == 0) {
        if (config_parse_number(line, 1, 3600, &v) < 0)
            config_perror("virtPollInterval: 1 to 3600 seconds expected");
        else
            cf_opts.ao_poll = v;
        return;
    }
    if (config_parse_bool(line, &v) < 0) {
        config_perror("yes or no expected");
        return;
    }
    if (strcmp(token, "virtReadOnly") == 0)
        cf_opts.ao_readonly = v;
    else
        cf_opts.ao_notify = v;
}

/* The tokens' release function: free_config() calls it before a reload
 * reads the files again, so that a line taken out means the default. */
static void
config_free(void)
{
    free(cf_opts.ao_uri);
    free(cf_opts.ao_state_file);
    cf_opts.ao_uri = cf_opts.ao_state_file = NULL;
    cf_opts.ao_poll = cf_opts.ao_readonly = cf_opts.ao_notify = -1;
}

/* After the config files are read, before the AgentX connection: the
 * command line wins over the config file. */
static int
config_apply(int major, int minor, void *server, void *client)
{
    if (cl_opts.ao_socket)
        netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
                              NETSNMP_DS_AGENT_X_SOCKET, cl_opts.ao_socket);
    return SNMP_ERR_NOERROR;
}

/*
 * The settings in force: the command line, else the config file, else
 * the default; ao_notify stays -1 when neither sets it.
 */
static void
config_current(struct agent_options *cur)
{
    cur->ao_socket = NULL;
    cur->ao_readonly = cl_opts.ao_readonly >= 0 ? cl_opts.ao_readonly
                                                : cf_opts.ao_readonly > 0;
    cur->ao_notify =
        cl_opts.ao_notify >= 0 ? cl_opts.ao_notify : cf_opts.ao_notify;
    cur->ao_poll = cl_opts.ao_poll > 0   ? cl_opts.ao_poll
                   : cf_opts.ao_poll > 0 ? cf_opts.ao_poll
                                         : DEFAULT_POLL;
    cur->ao_state_file = cl_opts.ao_state_file   ? cl_opts.ao_state_file
                         : cf_opts.ao_state_file ? cf_opts.ao_state_file
                                                 : DEFAULT_STATE_FILE;
    cur->ao_uri = cl_opts.ao_uri ? cl_opts.ao_uri : cf_opts.ao_uri;
}

/*
 * What init_snmp() read, read again: the default files (unless -C), then
 * the -c ones (a comma-separated list, as net-snmp takes it).  Not
 * read_configs(): its post-read callbacks would open the AgentX session
 * a second time.
 */
static void
config_reread(void)
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

/* Polling */

/* (Re)arms the poll alarm.  Returns 0, or -1 with the old one kept. */
static int
agent_poll_every(int seconds)
{
    unsigned int reg;

    reg = snmp_alarm_register((unsigned int)seconds, SA_REPEAT,
                              agent_poll_alarm, NULL);
    if (reg == 0)
        return -1;
    if (poll_reg)
        snmp_alarm_unregister(poll_reg);
    poll_reg = reg;
    poll_secs = seconds;
    return 0;
}

static void
agent_poll_alarm(unsigned int reg, void *clientarg)
{
    agent_request_refresh();
}

/* Signals: set a flag, the main loop does the rest. */

static void
agent_on_signal(int sig)
{
    keep_running = 0;
    agent.as_active = 0;
}

static void
agent_on_hup(int sig)
{
    reload_pending = 1;
}

static void
agent_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = agent_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = agent_on_hup;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

/* Reload (SIGHUP) */

/*
 * Reads the config files again, as at start, and applies what can change
 * while running: the poll interval, virtReadOnly and virtNotifications
 * (the command line still wins).  The AgentX session, the hypervisor
 * URI and the state file stay as they are.
 */
static void
agent_reload(void)
{
    struct agent_options cur;

    reload_pending = 0;
    config_reread();
    config_current(&cur);
    if (cur.ao_poll != poll_secs && agent_poll_every(cur.ao_poll) < 0)
        snmp_log(LOG_ERR, "cannot change the poll interval\n");
    if (cur.ao_readonly != agent.as_readonly)
        agent_reload_mode(cur.ao_readonly);
    if (cur.ao_notify >= 0)
        agent.as_notify = cur.ao_notify;
    if ((cur.ao_uri || run_uri) &&
        (!cur.ao_uri || !run_uri || strcmp(cur.ao_uri, run_uri) != 0))
        snmp_log(LOG_WARNING, "a new virtURI takes effect at restart\n");
    snmp_log(LOG_INFO, APP_NAME " reloaded: poll %ds, %s, notifications %s\n",
             poll_secs, agent.as_readonly ? "read-only" : "read-write",
             agent.as_notify ? "on" : "off");
}

/*
 * Read-only on or off: SETs follow the flag at once; the hypervisor
 * connection is opened again in the new mode, the new one before the old
 * is closed (so that the host's state carries over; a failed open keeps
 * the old one, and refresh.c reconnects in the new mode when it drops).
 */
static void
agent_reload_mode(int readonly)
{
    virConnectPtr conn;

    agent.as_readonly = readonly;
    if (!agent.as_conn)
        return;
    conn = agent_open();
    if (!conn) {
        snmp_log(LOG_WARNING,
                 "cannot open the hypervisor %s for the new "
                 "mode; keeping the old connection\n",
                 readonly ? "read-only" : "read-write");
        return;
    }
    virConnectClose(agent.as_conn);
    agent.as_conn = conn;
    agent_request_refresh();
}

/* Start and stop */

static int
agent_start(void)
{
    struct agent_options cur;

    config_current(&cur);
    agent.as_readonly = cur.ao_readonly;
    agent.as_notify = cur.ao_notify >= 0 ? cur.ao_notify : 1;
    if (cur.ao_uri) {
        run_uri = strdup(cur.ao_uri);
        if (!run_uri)
            return -1;
    }
    agent.as_uri = run_uri;
    agent.as_log_prefix = "";
    agent.as_map = index_map_open(cur.ao_state_file);
    if (!agent.as_map) {
        snmp_log(LOG_ERR, "cannot read the index state file: %s\n",
                 index_map_open_error());
        return -1;
    }
    agent.as_snap = snapshot_empty();
    if (!agent.as_snap)
        return -1;
    agent.as_active = keep_running;
    agent_refresh();
    init_notifications();
    init_node_scalars();
    init_domain_table();
    init_vcpu_table();
    if (agent_poll_every(cur.ao_poll) < 0)
        return -1;
    snmp_log(LOG_INFO, APP_NAME " started: poll %ds, %s%s\n", poll_secs,
             agent.as_readonly ? "read-only" : "read-write",
             agent.as_stale ? ", hypervisor not readable yet" : "");
    return 0;
}

static void
agent_stop(void)
{
    shutdown_vcpu_table();
    shutdown_domain_table();
    shutdown_node_scalars();
    shutdown_notifications();
    snmp_shutdown(APP_NAME);
    agentx_guard_shutdown();
    if (agent.as_map)
        agent_save_state();
    snapshot_free(agent.as_snap);
    index_map_free(agent.as_map);
    if (agent.as_conn)
        virConnectClose(agent.as_conn);
    agent_events_shutdown();
    config_free();
    free(run_uri);
    run_uri = NULL;
    poll_reg = 0;
    memset(&agent, 0, sizeof(agent));
}

int
main(int argc, char **argv)
{
    int foreground = 0;

    /* first, so that a signal during start-up still ends cleanly */
    agent_signals();
    if (parse_args(argc, argv, &foreground) < 0)
        return 1;
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
    snmp_register_callback(SNMP_CALLBACK_LIBRARY,
                           SNMP_CALLBACK_POST_READ_CONFIG, config_apply, NULL);
    init_agent(APP_NAME);
    agentx_guard_init();
    /* Reconnect to a master that went away (the config file's
     * agentXPingInterval, read by init_snmp(), overrides this). */
    netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
                       NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL, DEFAULT_PING);
    register_app_config_handler("virtURI", config_string, config_free, "URI");
    register_app_config_handler("virtStateFile", config_string, config_free,
                                "FILE");
    register_app_config_handler("virtPollInterval", config_number, config_free,
                                "SECONDS");
    register_app_config_handler("virtReadOnly", config_number, config_free,
                                "yes|no");
    register_app_config_handler("virtNotifications", config_number, config_free,
                                "yes|no");
    init_snmp(APP_NAME);
    if (!foreground && netsnmp_daemonize(1, snmp_stderrlog_status()) != 0)
        return 1;
    if (virInitialize() < 0)
        return 1;
    virSetErrorFunc(NULL, agent_error_func);
    agent_events_init(&events_sink);
    if (agent_start() < 0) {
        agent_stop();
        return 1;
    }
    while (keep_running) {
        agent_check_and_process(1);
        if (reload_pending && keep_running)
            agent_reload();
        agent_sync();
    }
    snmp_log(LOG_INFO, APP_NAME " stopping\n");
    agent_stop();
    return 0;
}
