/*
 * config.c: reading the values of the agent's settings.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/config.h"

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
