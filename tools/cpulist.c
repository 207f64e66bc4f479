/*
 * cpulist.c: physical CPU lists ("0-3,6,^2") to and from libvirt cpumaps.
 *
 * Grammar:  list := item ("," item)*
 *           item := ["^"] cpu ["-" cpu]
 *           cpu  := decimal digits
 * Items without "^" select CPUs, items with "^" exclude them; exclusions
 * apply after every selection, whatever their place in the list, so
 * "^3,0-7" and "0-7,^3" mean the same.  Every CPU named, excluded ones
 * too, must exist on the host.  No blanks, signs or empty items.
 */

#include <config.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpulist.h"

/* One parsed item of a list. */
typedef struct {
    bool exclude;
    unsigned int first;
    unsigned int last;
} vshCpuRange;

/* Parsing; the two error helpers return -1, for their callers to */
static int vshCpuListError(char *errbuf, size_t errlen, const char *fmt, ...)
    __attribute__((__format__(__printf__, 3, 4)));
static int vshCpuListBadChar(const char *str, size_t pos, char *errbuf,
                             size_t errlen);
static int vshCpuListNumber(const char *str, size_t *pos, unsigned int ncpus,
                            unsigned int *cpu, char *errbuf, size_t errlen);
static int vshCpuListItem(const char *str, size_t *pos, unsigned int ncpus,
                          vshCpuRange *range, char *errbuf, size_t errlen);
static int vshCpuListApply(const char *str, unsigned int ncpus, bool exclude,
                           unsigned char *cpumap, char *errbuf, size_t errlen);

/* Formatting */
static size_t vshCpuListWrite(const unsigned char *cpumap, unsigned int ncpus,
                              char *buf, size_t buflen);


static int
vshCpuListError(char *errbuf, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (!errbuf || errlen == 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(errbuf, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Reports the unexpected character at @str + @pos, printable or not. */
static int
vshCpuListBadChar(const char *str, size_t pos, char *errbuf, size_t errlen)
{
    unsigned char c = (unsigned char)str[pos];

    if (c > ' ' && c < 0x7f)
        return vshCpuListError(errbuf, errlen,
                               "invalid character '%c' at offset %zu", c, pos);
    return vshCpuListError(errbuf, errlen,
                           "invalid character 0x%02x at offset %zu", c, pos);
}

/*
 * Reads the decimal number at @str + *@pos into @cpu and moves *@pos past
 * it.  Returns 0, or -1 with a message when there is no number, it
 * overflows or it names no CPU of the host.
 */
static int
vshCpuListNumber(const char *str, size_t *pos, unsigned int ncpus,
                 unsigned int *cpu, char *errbuf, size_t errlen)
{
    size_t start = *pos;
    unsigned long value = 0;

    if (str[start] < '0' || str[start] > '9') {
        if (str[start] == '\0' || str[start] == ',')
            vshCpuListError(errbuf, errlen, "missing cpu number at offset %zu",
                            start);
        else
            vshCpuListBadChar(str, start, errbuf, errlen);
        return -1;
    }
    while (str[*pos] >= '0' && str[*pos] <= '9') {
        value = value * 10 + (unsigned long)(str[*pos] - '0');
        if (value >= ncpus) {
            while (str[*pos] >= '0' && str[*pos] <= '9')
                (*pos)++;
            return vshCpuListError(
                errbuf, errlen,
                "cpu '%.*s' is out of range: the host has cpus "
                "0-%u",
                (int)(*pos - start > 20 ? 20 : *pos - start), str + start,
                ncpus - 1);
        }
        (*pos)++;
    }
    *cpu = (unsigned int)value;
    return 0;
}

/*
 * Reads one item at @str + *@pos and moves *@pos to the "," after it or
 * to the end of the string.  Returns 0 or -1 with a message.
 */
static int
vshCpuListItem(const char *str, size_t *pos, unsigned int ncpus,
               vshCpuRange *range, char *errbuf, size_t errlen)
{
    range->exclude = false;
    if (str[*pos] == '^') {
        range->exclude = true;
        (*pos)++;
    }
    if (vshCpuListNumber(str, pos, ncpus, &range->first, errbuf, errlen) < 0)
        return -1;
    range->last = range->first;
    if (str[*pos] == '-') {
        (*pos)++;
        if (vshCpuListNumber(str, pos, ncpus, &range->last, errbuf, errlen) < 0)
            return -1;
        if (range->last < range->first)
            return vshCpuListError(
                errbuf, errlen,
                "invalid range %u-%u: its start is after its end", range->first,
                range->last);
    }
    if (str[*pos] != '\0' && str[*pos] != ',')
        return vshCpuListBadChar(str, *pos, errbuf, errlen);
    return 0;
}

/*
 * Walks the whole list and applies either its selections or its
 * exclusions to @cpumap.  Returns 0 or -1 with a message.
 */
static int
vshCpuListApply(const char *str, unsigned int ncpus, bool exclude,
                unsigned char *cpumap, char *errbuf, size_t errlen)
{
    size_t pos = 0;
    vshCpuRange range;
    unsigned int cpu;

    for (;;) {
        if (vshCpuListItem(str, &pos, ncpus, &range, errbuf, errlen) < 0)
            return -1;
        if (range.exclude == exclude) {
            for (cpu = range.first; cpu <= range.last; cpu++) {
                if (exclude)
                    cpumap[cpu / 8] &= (unsigned char)~(1U << (cpu % 8));
                else
                    cpumap[cpu / 8] |= (unsigned char)(1U << (cpu % 8));
            }
        }
        if (str[pos] == '\0')
            return 0;
        pos++; /* the ',' */
    }
}

/**
 * vshCpuListParse:
 * @str: the CPU list, e.g. "0-7,^3"
 * @ncpus: the number of physical CPUs of the host (valid CPUs: 0..ncpus-1)
 * @cpumap: caller-allocated cpumap of @maplen bytes (OUT)
 * @maplen: the length of @cpumap, at least (@ncpus + 7) / 8
 * @errbuf: caller-allocated buffer for a message on failure, or NULL
 * @errlen: the capacity of @errbuf (VSH_CPULIST_ERRLEN is always enough)
 *
 * Turns a CPU list into a cpumap.  The whole of @cpumap is cleared first;
 * on failure it holds no meaningful value.
 *
 * Returns: the number of CPUs selected (at least 1), or -1 with a
 * one-line message in @errbuf when the list is malformed, names a CPU
 * the host does not have or selects no CPU at all, or when an argument
 * is invalid.
 */
int
vshCpuListParse(const char *str, unsigned int ncpus, unsigned char *cpumap,
                size_t maplen, char *errbuf, size_t errlen)
{
    unsigned int cpu;
    int count = 0;

    if (errbuf && errlen > 0)
        errbuf[0] = '\0';
    if (!str || !cpumap || ncpus == 0 || maplen < ncpus / 8 + !!(ncpus % 8) ||
        ncpus > (unsigned int)(-1) / 2)
        return vshCpuListError(errbuf, errlen, "invalid arguments");
    memset(cpumap, 0, maplen);
    if (str[0] == '\0')
        return vshCpuListError(errbuf, errlen, "empty cpu list");
    if (vshCpuListApply(str, ncpus, false, cpumap, errbuf, errlen) < 0 ||
        vshCpuListApply(str, ncpus, true, cpumap, errbuf, errlen) < 0)
        return -1;
    for (cpu = 0; cpu < ncpus; cpu++) {
        if (cpumap[cpu / 8] & (1U << (cpu % 8)))
            count++;
    }
    if (count == 0)
        return vshCpuListError(errbuf, errlen,
                               "cpu list '%.40s' selects no cpu", str);
    return count;
}

/*
 * Writes the list of @cpumap into @buf (when not NULL) of @buflen bytes,
 * truncating silently, and returns the length of the whole list.
 */
static size_t
vshCpuListWrite(const unsigned char *cpumap, unsigned int ncpus, char *buf,
                size_t buflen)
{
    size_t len = 0;
    unsigned int cpu = 0;
    unsigned int last;
    char item[32];
    int n;

    while (cpu < ncpus) {
        if (!(cpumap[cpu / 8] & (1U << (cpu % 8)))) {
            cpu++;
            continue;
        }
        last = cpu;
        while (last + 1 < ncpus &&
               (cpumap[(last + 1) / 8] & (1U << ((last + 1) % 8))))
            last++;
        if (last == cpu)
            n = snprintf(item, sizeof(item), "%s%u", len ? "," : "", cpu);
        else
            n = snprintf(item, sizeof(item), "%s%u-%u", len ? "," : "", cpu,
                         last);
        if (buf && len + (size_t)n < buflen)
            memcpy(buf + len, item, (size_t)n + 1);
        len += (size_t)n;
        cpu = last + 1;
    }
    return len;
}

/**
 * vshCpuListFormat:
 * @cpumap: the cpumap to format
 * @maplen: the length of @cpumap in bytes, at least (@ncpus + 7) / 8
 * @ncpus: the number of physical CPUs described by @cpumap
 *
 * Formats a cpumap as the shortest CPU list of ascending ranges and
 * single CPUs, e.g. "0-3,6".  Bits at or above @ncpus are ignored.  An
 * empty map gives the empty string.
 *
 * Returns: a caller-frees string, or NULL on invalid arguments or when
 * memory runs out.
 */
char *
vshCpuListFormat(const unsigned char *cpumap, size_t maplen, unsigned int ncpus)
{
    size_t len;
    char *buf;

    if (!cpumap || maplen < ncpus / 8 + !!(ncpus % 8) ||
        ncpus > (unsigned int)(-1) / 2)
        return NULL;
    len = vshCpuListWrite(cpumap, ncpus, NULL, 0);
    buf = malloc(len + 1);
    if (!buf)
        return NULL;
    buf[0] = '\0';
    vshCpuListWrite(cpumap, ncpus, buf, len + 1);
    return buf;
}
