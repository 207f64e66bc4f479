/*
 * range.c: Nagios threshold ranges, as the monitoring-plugins guidelines
 * define them: "10" alerts outside 0..10, "10:" below 10, "~:10" above
 * 10, "10:20" outside 10..20 and "@10:20" inside 10..20.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check_virtmib.h"

static int range_number(const char *s, const char *end, double *out);

/* Parses S (up to END) as a whole number; 0 on success. */
static int
range_number(const char *s, const char *end, double *out)
{
    char *stop;

    if (s == end) {
        return -1;
    }
    *out = strtod(s, &stop);
    return stop == end ? 0 : -1;
}

/* Fills R from TEXT; 0 on success, -1 when TEXT is not a range. */
int
vm_range_parse(struct vm_range *r, const char *text)
{
    const char *s = text;
    const char *colon;
    const char *end;

    memset(r, 0, sizeof(*r));
    if (*s == '@') {
        r->inside = 1;
        s++;
    }
    end = s + strlen(s);
    colon = strchr(s, ':');
    if (colon == NULL) {
        r->lo = 0;
        if (range_number(s, end, &r->hi) < 0) {
            return -1;
        }
    } else {
        if (colon - s == 1 && *s == '~') {
            r->lo_inf = 1;
        } else if (range_number(s, colon, &r->lo) < 0) {
            return -1;
        }
        if (colon + 1 == end) {
            r->hi_inf = 1;
        } else if (range_number(colon + 1, end, &r->hi) < 0) {
            return -1;
        }
    }
    if (!r->lo_inf && !r->hi_inf && r->lo > r->hi) {
        return -1;
    }
    r->text = text;
    return 0;
}

/* Whether VALUE raises an alert against R (never for an unset range). */
int
vm_range_alert(const struct vm_range *r, double value)
{
    int within;

    if (r->text == NULL) {
        return 0;
    }
    within = (r->lo_inf || value >= r->lo) && (r->hi_inf || value <= r->hi);
    return r->inside ? within : !within;
}

/* CRITICAL, WARNING or OK for VALUE against the two ranges. */
enum vm_status
vm_range_check(const struct vm_range *warn, const struct vm_range *crit,
               double value)
{
    if (vm_range_alert(crit, value)) {
        return VM_CRITICAL;
    }
    if (vm_range_alert(warn, value)) {
        return VM_WARNING;
    }
    return VM_OK;
}
