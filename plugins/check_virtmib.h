/*
 * check_virtmib.h: the parts of check_virtmib, a Nagios/Icinga plugin
 * for the domains virtmibd serves in VIRT-MIB.  options.c reads the
 * command line, range.c the threshold ranges, snmp.c talks to the agent,
 * domain.c finds a domain's row, modes.c and cpu.c make the checks and
 * output.c prints the one status line and exits.
 */
#ifndef CHECK_VIRTMIB_H
#define CHECK_VIRTMIB_H

#include <stddef.h>
#include <stdint.h>

/* The monitoring-plugins exit codes. */
enum vm_status {
    VM_OK = 0,
    VM_WARNING = 1,
    VM_CRITICAL = 2,
    VM_UNKNOWN = 3,
};

/* VirtRunState of VIRT-MIB. */
enum vm_run_state {
    VM_NOSTATE = 0,
    VM_RUNNING,
    VM_BLOCKED,
    VM_PAUSED,
    VM_SHUTDOWN,
    VM_SHUTOFF,
    VM_CRASHED,
    VM_ABSENT,
    VM_NSTATES,
};

enum vm_mode {
    VM_MODE_STATE,
    VM_MODE_MEMORY,
    VM_MODE_CPU,
    VM_MODE_VCPUS,
    VM_MODE_HOST,
};

/* What the host mode counts, each with its own thresholds. */
enum vm_host_count {
    VM_COUNT_CRASHED,
    VM_COUNT_PAUSED,
    VM_COUNT_SHUTOFF,
    VM_NCOUNTS,
};

/* A Nagios threshold range: alert outside [lo, hi], or inside with @. */
struct vm_range {
    const char *text; /* as given, for the perfdata; NULL: none */
    double lo;
    double hi;
    int lo_inf;
    int hi_inf;
    int inside;
};

struct vm_opts {
    char *host;
    char *port;
    int timeout;
    int v3;
    char *community;
    char *seclevel;
    char *secname;
    char *authproto;
    char *authpass;
    char *privproto;
    char *privpass;
    char *domain;
    char *uuid;
    enum vm_mode mode;
    struct vm_range warn;
    struct vm_range crit;
    int percent;
    int interval;
    int state_level[VM_NSTATES];
    struct vm_range count_warn[VM_NCOUNTS];
    struct vm_range count_crit[VM_NCOUNTS];
    int verbose;
};

/* One domain row, as the checks need it. */
struct vm_domain {
    unsigned long index;
    char name[256];
    char uuid[40];
    int state;
    uint64_t cputime;
    unsigned long maxmem;
    unsigned long mem;
    unsigned long vcpus;
    int stale;
};

/* The result a mode builds: status, text and perfdata. */
struct vm_result {
    enum vm_status status;
    const char *mode;
    char text[1024];
    char perf[1024];
};

/* A value read by SNMP: an integer, a counter or a string. */
struct vm_value {
    int missing;
    uint64_t num;
    char str[256];
};

struct vm_snmp;

typedef int (*vm_walk_cb)(unsigned long index, const struct vm_value *v,
                          void *arg);

/* options.c */
int vm_opts_parse(struct vm_opts *o, int argc, char **argv);
const char *vm_state_name(int state);

/* range.c */
int vm_range_parse(struct vm_range *r, const char *text);
int vm_range_alert(const struct vm_range *r, double value);
enum vm_status vm_range_check(const struct vm_range *warn,
                              const struct vm_range *crit, double value);

/* snmp.c */
struct vm_snmp *vm_snmp_open(const struct vm_opts *o);
void vm_snmp_close(struct vm_snmp *s);
int vm_snmp_get(struct vm_snmp *s, const unsigned long *const *oids,
                const size_t *lens, size_t n, struct vm_value *out);
int vm_snmp_walk(struct vm_snmp *s, const unsigned long *col, size_t len,
                 vm_walk_cb cb, void *arg);
const char *vm_snmp_error(const struct vm_snmp *s);

/* domain.c */
int vm_domain_find(struct vm_snmp *s, const struct vm_opts *o,
                   unsigned long *index);
int vm_domain_read(struct vm_snmp *s, unsigned long index, struct vm_domain *d);
int vm_node_stale(struct vm_snmp *s, int *stale);

/* modes.c */
void vm_mode_state(const struct vm_opts *o, const struct vm_domain *d,
                   struct vm_result *r);
void vm_mode_memory(const struct vm_opts *o, const struct vm_domain *d,
                    struct vm_result *r);
void vm_mode_vcpus(const struct vm_opts *o, const struct vm_domain *d,
                   struct vm_result *r);
int vm_mode_host(const struct vm_opts *o, struct vm_snmp *s,
                 struct vm_result *r);

/* cpu.c */
int vm_mode_cpu(const struct vm_opts *o, struct vm_snmp *s, struct vm_domain *d,
                struct vm_result *r);

/* output.c */
void vm_text(struct vm_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vm_perf(struct vm_result *r, const char *label, double value,
             const char *uom, const struct vm_range *warn,
             const struct vm_range *crit, const char *min, const char *max);
void vm_raise(struct vm_result *r, enum vm_status status);
const char *vm_status_name(enum vm_status status);
void vm_print(const struct vm_result *r);
void vm_die(const char *mode, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

#endif /* CHECK_VIRTMIB_H */
