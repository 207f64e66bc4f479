/*
 * config.h: the agent's settings, their defaults and the config-file
 * tokens that set them, the same in virtmibd and in the dlmod.
 */

#ifndef VIRTMIBD_CONFIG_H
#define VIRTMIBD_CONFIG_H

#define AGENT_DEFAULT_POLL       5 /* seconds */
#define AGENT_DEFAULT_PING       5 /* seconds, virtmibd's agentXPingInterval */
#define AGENT_DEFAULT_STATE_FILE "/var/lib/virtmibd/index.map"
#define AGENT_POLL_MIN           1
#define AGENT_POLL_MAX           3600
#define AGENT_DEFAULT_MAX_AGE    1000 /* milliseconds */
#define AGENT_MAX_AGE_MAX        3600 /* seconds */
#define AGENT_DEFAULT_BULK       10   /* domains, vmBulkThreshold */
#define AGENT_BULK_MAX           1000000

/* The MIB views virtmibd serves (virtViews), as bits of ao_views. */
#define AGENT_VIEW_VIRT     1 /* VIRT-MIB */
#define AGENT_VIEW_VM       2 /* VM-MIB, RFC 7666 */
#define AGENT_VIEWS_DEFAULT (AGENT_VIEW_VIRT | AGENT_VIEW_VM)

/* One source of settings: unset strings are NULL, unset numbers -1. */
struct agent_options {
    char *ao_uri;
    char *ao_socket;
    char *ao_state_file;
    int ao_poll;
    int ao_max_age;     /* milliseconds; 0: read again for every request */
    int ao_fresh_polls; /* a GET or a new walk reads the host first */
    int ao_readonly;
    int ao_notify;
    int ao_views;          /* AGENT_VIEW_* bits */
    int ao_bulk_threshold; /* VM-MIB: bulk from this many domains on */
};

#define AGENT_OPTIONS_UNSET                          \
    {                                                \
        NULL, NULL, NULL, -1, -1, -1, -1, -1, -1, -1 \
    }

void config_register(void);
void config_unregister(void);
void config_release(void);
void config_current(const struct agent_options *cl, struct agent_options *cur);
int config_parse_number(const char *str, long min, long max, int *out);
int config_parse_bool(const char *str, int *out);
int config_parse_ms(const char *str, long max_secs, int *out);
int config_parse_views(const char *str, int *out);

#endif /* VIRTMIBD_CONFIG_H */
