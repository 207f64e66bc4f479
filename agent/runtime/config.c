/*
 * config.c: the config-file tokens of VIRT-MIB's agent, one table for
 * virtmibd (virtmibd.conf) and the dlmod (snmpd.conf), and the settings
 * in force: the command line, else the file, else the default.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "runtime/config.h"

/* What the config files said (the tokens' lines). */
static struct agent_options cf_opts = AGENT_OPTIONS_UNSET;

/* How a token's value is read, and where it goes in cf_opts. */
enum config_kind {
    CONFIG_STRING,
    CONFIG_POLL,
    CONFIG_MS,
    CONFIG_BOOL,
    CONFIG_VIEWS,
    CONFIG_BULK
};

struct config_token {
    const char *ct_name;
    const char *ct_help;
    enum config_kind ct_kind;
    char **ct_string; /* CONFIG_STRING */
    int *ct_number;   /* the others */
};

static const struct config_token config_tokens[] = {
    { "virtURI", "URI", CONFIG_STRING, &cf_opts.ao_uri, NULL },
    { "virtStateFile", "FILE", CONFIG_STRING, &cf_opts.ao_state_file, NULL },
    { "virtPollInterval", "SECONDS", CONFIG_POLL, NULL, &cf_opts.ao_poll },
    { "virtMaxAge", "SECONDS", CONFIG_MS, NULL, &cf_opts.ao_max_age },
    { "virtFreshPolls", "yes|no", CONFIG_BOOL, NULL, &cf_opts.ao_fresh_polls },
    { "virtReadOnly", "yes|no", CONFIG_BOOL, NULL, &cf_opts.ao_readonly },
    { "virtNotifications", "yes|no", CONFIG_BOOL, NULL, &cf_opts.ao_notify },
    { "virtViews", "virt,vm", CONFIG_VIEWS, NULL, &cf_opts.ao_views },
    { "vmBulkThreshold", "DOMAINS", CONFIG_BULK, NULL,
      &cf_opts.ao_bulk_threshold },
};

#define CONFIG_NTOKENS (sizeof(config_tokens) / sizeof(config_tokens[0]))

static const struct config_token *config_find(const char *name);
static void config_line(const char *token, char *line);

/* Registers every token, with config_release() as the release function:
 * free_config() calls it before a reload reads the files again, so that
 * a line taken out means the default. */
void
config_register(void)
{
    size_t i;

    for (i = 0; i < CONFIG_NTOKENS; i++)
        register_app_config_handler(config_tokens[i].ct_name, config_line,
                                    config_release, config_tokens[i].ct_help);
}

void
config_unregister(void)
{
    size_t i;

    for (i = 0; i < CONFIG_NTOKENS; i++)
        unregister_app_config_handler(config_tokens[i].ct_name);
}

/* Forgets every line read: each setting is unset again. */
void
config_release(void)
{
    free(cf_opts.ao_uri);
    free(cf_opts.ao_state_file);
    cf_opts.ao_uri = cf_opts.ao_state_file = NULL;
    cf_opts.ao_poll = cf_opts.ao_readonly = cf_opts.ao_notify = -1;
    cf_opts.ao_max_age = cf_opts.ao_fresh_polls = -1;
    cf_opts.ao_views = -1;
    cf_opts.ao_bulk_threshold = -1;
}

static const struct config_token *
config_find(const char *name)
{
    size_t i;

    for (i = 0; i < CONFIG_NTOKENS; i++) {
        if (strcmp(config_tokens[i].ct_name, name) == 0)
            return &config_tokens[i];
    }
    return NULL;
}

/* One token's line; a bad value is refused with the line's position. */
static void
config_line(const char *token, char *line)
{
    const struct config_token *ct = config_find(token);
    int v;

    if (!ct)
        return;
    if (ct->ct_kind == CONFIG_STRING) {
        free(*ct->ct_string);
        *ct->ct_string = strdup(line);
    } else if (ct->ct_kind == CONFIG_POLL) {
        if (config_parse_number(line, AGENT_POLL_MIN, AGENT_POLL_MAX, &v) < 0)
            config_perror("virtPollInterval: 1 to 3600 seconds expected");
        else
            *ct->ct_number = v;
    } else if (ct->ct_kind == CONFIG_MS) {
        if (config_parse_ms(line, AGENT_MAX_AGE_MAX, &v) < 0)
            config_perror("virtMaxAge: 0 to 3600 seconds expected");
        else
            *ct->ct_number = v;
    } else if (ct->ct_kind == CONFIG_VIEWS) {
        if (config_parse_views(line, &v) < 0)
            config_perror("virtViews: virt, vm or both (\"virt,vm\") expected");
        else
            *ct->ct_number = v;
    } else if (ct->ct_kind == CONFIG_BULK) {
        if (config_parse_number(line, 1, AGENT_BULK_MAX, &v) < 0)
            config_perror("vmBulkThreshold: 1 to 1000000 domains expected");
        else
            *ct->ct_number = v;
    } else if (config_parse_bool(line, &v) < 0) {
        config_perror("yes or no expected");
    } else {
        *ct->ct_number = v;
    }
}

/**
 * config_current:
 * @cl: the command line's settings, or NULL when there is none
 * @cur: filled with the settings in force
 *
 * The command line, else the config file, else the default; ao_notify
 * stays -1 when neither sets it, ao_socket is always NULL.  The strings
 * are borrowed: they live until the next reload.
 */
void
config_current(const struct agent_options *cl, struct agent_options *cur)
{
    static const struct agent_options none = AGENT_OPTIONS_UNSET;

    if (!cl)
        cl = &none;
    cur->ao_socket = NULL;
    cur->ao_readonly = cf_opts.ao_readonly > 0;
    if (cl->ao_readonly >= 0)
        cur->ao_readonly = cl->ao_readonly;
    cur->ao_notify = cf_opts.ao_notify;
    if (cl->ao_notify >= 0)
        cur->ao_notify = cl->ao_notify;
    cur->ao_poll = AGENT_DEFAULT_POLL;
    if (cl->ao_poll > 0)
        cur->ao_poll = cl->ao_poll;
    else if (cf_opts.ao_poll > 0)
        cur->ao_poll = cf_opts.ao_poll;
    cur->ao_max_age = AGENT_DEFAULT_MAX_AGE;
    if (cl->ao_max_age >= 0)
        cur->ao_max_age = cl->ao_max_age;
    else if (cf_opts.ao_max_age >= 0)
        cur->ao_max_age = cf_opts.ao_max_age;
    cur->ao_fresh_polls = cf_opts.ao_fresh_polls != 0;
    if (cl->ao_fresh_polls >= 0)
        cur->ao_fresh_polls = cl->ao_fresh_polls;
    cur->ao_state_file = AGENT_DEFAULT_STATE_FILE;
    if (cl->ao_state_file)
        cur->ao_state_file = cl->ao_state_file;
    else if (cf_opts.ao_state_file)
        cur->ao_state_file = cf_opts.ao_state_file;
    cur->ao_uri = cl->ao_uri ? cl->ao_uri : cf_opts.ao_uri;
    cur->ao_views = AGENT_VIEWS_DEFAULT;
    if (cl->ao_views > 0)
        cur->ao_views = cl->ao_views;
    else if (cf_opts.ao_views > 0)
        cur->ao_views = cf_opts.ao_views;
    cur->ao_bulk_threshold = AGENT_DEFAULT_BULK;
    if (cf_opts.ao_bulk_threshold > 0)
        cur->ao_bulk_threshold = cf_opts.ao_bulk_threshold;
}

/* A whole decimal number from @min to @max; 0, or -1 if not. */
int
config_parse_number(const char *str, long min, long max, int *out)
{
    char *end;
    long v;

    if (!str || !*str)
        return -1;
    errno = 0;
    v = strtol(str, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

/* Seconds from 0 to @max_secs, decimals allowed ("0.25"), as whole
 * milliseconds in @out; 0, or -1 if not. */
int
config_parse_ms(const char *str, long max_secs, int *out)
{
    char *end;
    double v;

    if (!str || !*str)
        return -1;
    errno = 0;
    v = strtod(str, &end);
    /* written so that NaN fails too */
    if (errno || *end || !(v >= 0 && v <= (double)max_secs))
        return -1;
    *out = (int)(v * 1000 + 0.5);
    return 0;
}

/* yes/no, true/false, 1/0; 0, or -1 if none of them. */
int
config_parse_bool(const char *str, int *out)
{
    if (!str)
        return -1;
    if (!strcmp(str, "yes") || !strcmp(str, "true") || !strcmp(str, "1"))
        *out = 1;
    else if (!strcmp(str, "no") || !strcmp(str, "false") || !strcmp(str, "0"))
        *out = 0;
    else
        return -1;
    return 0;
}

/* The views virtViews names: "virt", "vm" or both, separated by commas
 * or blanks, as AGENT_VIEW_* bits in @out; 0, or -1 if a word is not a
 * view or none is named. */
int
config_parse_views(const char *str, int *out)
{
    const char *sep = ", \t";
    size_t n;
    int views = 0;

    if (!str)
        return -1;
    for (str += strspn(str, sep); *str; str += strspn(str, sep)) {
        n = strcspn(str, sep);
        if (n == 4 && strncmp(str, "virt", n) == 0)
            views |= AGENT_VIEW_VIRT;
        else if (n == 2 && strncmp(str, "vm", n) == 0)
            views |= AGENT_VIEW_VM;
        else
            return -1;
        str += n;
    }
    if (!views)
        return -1;
    *out = views;
    return 0;
}
