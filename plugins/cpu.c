/*
 * cpu.c: the cpu mode, a domain's cpu utilisation in percent of one cpu
 * (200% for two busy vcpus) from two samples of virtDomainCpuTime: two
 * GETs --interval seconds apart, or this run's and the previous run's,
 * kept in a state file under $NAGIOS_PLUGIN_STATE_DIRECTORY as the
 * monitoring-plugins keep theirs.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check_virtmib.h"

#define CPU_STATE_DIR "/var/lib/monitoring-plugins"

struct cpu_sample {
    uint64_t cputime; /* ns */
    uint64_t when;    /* ns */
};

static uint64_t cpu_now(clockid_t clock);
static int cpu_sample_read(struct vm_snmp *s, struct vm_domain *d,
                           struct cpu_sample *sample);
static void cpu_state_path(const struct vm_opts *o, const struct vm_domain *d,
                           char *path, size_t size);
static int cpu_state_load(const char *path, struct cpu_sample *prev);
static void cpu_state_save(const char *path, const struct cpu_sample *now);
static void cpu_report(const struct vm_opts *o, const struct vm_domain *d,
                       const struct cpu_sample *a, const struct cpu_sample *b,
                       struct vm_result *r);

static uint64_t
cpu_now(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * Reads D's cpu time again into SAMPLE, stamped with the middle of the
 * GET: the agent reads the host when the GET reaches it, somewhere in
 * that window, so both samples of a rate carry the same error.  0, or
 * vm_domain_read()'s 1 or -1.
 */
static int
cpu_sample_read(struct vm_snmp *s, struct vm_domain *d,
                struct cpu_sample *sample)
{
    uint64_t t0 = cpu_now(CLOCK_MONOTONIC);
    int rc = vm_domain_read(s, d->index, d);

    if (rc != 0) {
        return rc;
    }
    sample->cputime = d->cputime;
    sample->when = t0 + (cpu_now(CLOCK_MONOTONIC) - t0) / 2;
    return 0;
}

/*
 * DIR/check_virtmib/HOST_PORT_UUID, the directory made when missing
 * (the domain's UUID, not its row index, names the file).
 */
static void
cpu_state_path(const struct vm_opts *o, const struct vm_domain *d, char *path,
               size_t size)
{
    const char *dir = getenv("NAGIOS_PLUGIN_STATE_DIRECTORY");
    char *p;

    if (dir == NULL || *dir == '\0') {
        dir = CPU_STATE_DIR;
    }
    snprintf(path, size, "%s/check_virtmib", dir);
    if (mkdir(path, 0755) < 0 && errno != EEXIST) {
        vm_die("CPU", "cannot make the state directory %s: %s", path,
               strerror(errno));
    }
    snprintf(path, size, "%s/check_virtmib/%s_%s_%s", dir, o->host, o->port,
             d->uuid);
    for (p = path + strlen(dir) + sizeof("/check_virtmib"); *p; p++) {
        if (*p == '/') {
            *p = '_';
        }
    }
}

/* The previous run's sample; 0, or -1 when there is none. */
static int
cpu_state_load(const char *path, struct cpu_sample *prev)
{
    FILE *f = fopen(path, "r");
    unsigned long long t;
    unsigned long long w;
    int n;

    if (f == NULL) {
        return -1;
    }
    n = fscanf(f, "%llu %llu", &t, &w);
    fclose(f);
    if (n != 2) {
        return -1;
    }
    prev->cputime = t;
    prev->when = w;
    return 0;
}

/* Writes this run's sample, atomically (a new file renamed). */
static void
cpu_state_save(const char *path, const struct cpu_sample *now)
{
    char tmp[4200];
    FILE *f;
    int bad;

    snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
    f = fopen(tmp, "w");
    if (f == NULL) {
        vm_die("CPU", "cannot write the state file %s: %s", tmp,
               strerror(errno));
    }
    fprintf(f, "%llu %llu\n", (unsigned long long)now->cputime,
            (unsigned long long)now->when);
    bad = ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) < 0) {
        unlink(tmp);
        vm_die("CPU", "cannot write the state file %s: %s", path,
               strerror(errno));
    }
}

/* The utilisation between samples A and B, thresholds and perfdata. */
static void
cpu_report(const struct vm_opts *o, const struct vm_domain *d,
           const struct cpu_sample *a, const struct cpu_sample *b,
           struct vm_result *r)
{
    double secs = (double)(b->when - a->when) / 1e9;
    double pct =
        100.0 * (double)(b->cputime - a->cputime) / (double)(b->when - a->when);
    char max[32];

    snprintf(max, sizeof(max), "%lu", d->vcpus * 100);
    vm_raise(r, vm_range_check(&o->warn, &o->crit, pct));
    vm_text(r, "%s uses %.1f%% cpu (%lu vcpu%s) over %.1f s", d->name, pct,
            d->vcpus, d->vcpus == 1 ? "" : "s", secs);
    vm_perf(r, "cpu", pct, "%", &o->warn, &o->crit, "0", max);
    vm_perf(r, "cpu_time", (double)b->cputime, "c", NULL, NULL, "0", NULL);
}

/*
 * The cpu mode on domain D, already read once.  0, 1 when the domain
 * went away meanwhile, or -1 with the SNMP error set.
 */
int
vm_mode_cpu(const struct vm_opts *o, struct vm_snmp *s, struct vm_domain *d,
            struct vm_result *r)
{
    struct cpu_sample a = { d->cputime, 0 };
    struct cpu_sample b;
    char path[4096];
    int rc;

    if (o->interval) {
        if ((rc = cpu_sample_read(s, d, &a)) != 0) {
            return rc;
        }
        sleep((unsigned)o->interval);
        if ((rc = cpu_sample_read(s, d, &b)) != 0) {
            return rc;
        }
    } else {
        b.cputime = d->cputime;
        b.when = cpu_now(CLOCK_REALTIME);
        cpu_state_path(o, d, path, sizeof(path));
        rc = cpu_state_load(path, &a);
        cpu_state_save(path, &b);
        if (rc < 0 || a.when >= b.when || a.cputime > b.cputime) {
            vm_text(r, "%s: %s, cpu time kept for the next check", d->name,
                    rc < 0 ? "no previous sample"
                           : "cpu time counter restarted");
            vm_perf(r, "cpu_time", (double)b.cputime, "c", NULL, NULL, "0",
                    NULL);
            return 0;
        }
    }
    if (b.cputime < a.cputime) {
        vm_raise(r, VM_UNKNOWN);
        vm_text(r, "%s: cpu time counter restarted during the check", d->name);
        return 0;
    }
    cpu_report(o, d, &a, &b, r);
    return 0;
}
