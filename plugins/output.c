/*
 * output.c: the plugin's one line of output, "VIRTMIB MODE STATUS -
 * text | perfdata", perfdata in the 'label'=value[UOM];warn;crit;min;max
 * form of the monitoring-plugins guidelines.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_virtmib.h"

static void output_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *const status_names[] = {
    [VM_OK] = "OK",
    [VM_WARNING] = "WARNING",
    [VM_CRITICAL] = "CRITICAL",
    [VM_UNKNOWN] = "UNKNOWN",
};

/* Appends to the string in BUF, cut at SIZE. */
static void
output_append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;

    if (used + 1 >= size) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

const char *
vm_status_name(enum vm_status status)
{
    return status_names[status];
}

/* Appends to the status text. */
void
vm_text(struct vm_result *r, const char *fmt, ...)
{
    size_t used = strlen(r->text);
    va_list ap;

    if (used + 1 >= sizeof(r->text)) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(r->text + used, sizeof(r->text) - used, fmt, ap);
    va_end(ap);
}

/* Appends one perfdata item; MIN and MAX may be NULL. */
void
vm_perf(struct vm_result *r, const char *label, double value, const char *uom,
        const struct vm_range *warn, const struct vm_range *crit,
        const char *min, const char *max)
{
    char num[64];

    /* counters and whole numbers in full, never in exponent form */
    if (value > -9e18 && value < 9e18 && value == (double)(long long)value) {
        snprintf(num, sizeof(num), "%lld", (long long)value);
    } else {
        snprintf(num, sizeof(num), "%.3f", value);
    }
    output_append(r->perf, sizeof(r->perf), "%s'%s'=%s%s;%s;%s;%s;%s",
                  r->perf[0] ? " " : "", label, num, uom ? uom : "",
                  warn && warn->text ? warn->text : "",
                  crit && crit->text ? crit->text : "", min ? min : "",
                  max ? max : "");
}

/* Raises R's status to STATUS when that is worse (UNKNOWN is worst). */
void
vm_raise(struct vm_result *r, enum vm_status status)
{
    if (status > r->status) {
        r->status = status;
    }
}

void
vm_print(const struct vm_result *r)
{
    printf("VIRTMIB %s %s - %s", r->mode, status_names[r->status], r->text);
    if (r->perf[0]) {
        printf(" | %s", r->perf);
    }
    putchar('\n');
}

/* Prints "VIRTMIB MODE UNKNOWN - message" and exits 3; MODE may be NULL. */
void
vm_die(const char *mode, const char *fmt, ...)
{
    va_list ap;

    if (mode != NULL) {
        printf("VIRTMIB %s UNKNOWN - ", mode);
    } else {
        printf("VIRTMIB UNKNOWN - ");
    }
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    exit(VM_UNKNOWN);
}
