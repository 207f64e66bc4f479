/*
 * uuid.c: UUIDs in their text form, and hex digits (uuid.h).
 */

#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <sys/random.h>
#include <sys/types.h>

#include "util/uuid.h"

/**
 * virHexValue:
 * @c: a character
 *
 * Returns the value of the hex digit @c, or -1 when it is not one.
 */
int
virHexValue(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/**
 * virUUIDParse:
 * @str: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", or 32 hex digits
 * @uuid: 16-byte output
 *
 * Returns 0 on success, -1 when @str is not a uuid (nothing else may
 * follow it).
 */
int
virUUIDParse(const char *str, unsigned char *uuid)
{
    size_t i = 0;
    const char *p = str;
    int hi, lo;

    if (!str || !uuid)
        return -1;
    while (i < VIR_UUID_BUFLEN) {
        if (*p == '-' && (i == 4 || i == 6 || i == 8 || i == 10) && p != str &&
            p[-1] != '-') {
            p++;
            continue;
        }
        if ((hi = virHexValue(p[0])) < 0 || (lo = virHexValue(p[1])) < 0)
            return -1;
        uuid[i++] = (unsigned char)(hi << 4 | lo);
        p += 2;
    }
    return *p == '\0' ? 0 : -1;
}

/**
 * virUUIDFormat:
 * @uuid: 16 raw bytes
 * @buf: caller-allocated, VIR_UUID_STRING_BUFLEN (37) bytes
 *
 * By hand: the agent formats every domain's uuid at every refresh, and
 * snprintf cost it a fifth of a refresh at 10,000 domains.
 */
void
virUUIDFormat(const unsigned char *uuid, char *buf)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, o = 0;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf[o++] = '-';
        buf[o++] = hex[uuid[i] >> 4];
        buf[o++] = hex[uuid[i] & 0xf];
    }
    buf[o] = '\0';
}

/**
 * virUUIDGenerate:
 * @uuid: 16-byte output
 *
 * Fills @uuid with a random (version 4) uuid.  Returns 0, or -1 when the
 * kernel gives no randomness.
 */
int
virUUIDGenerate(unsigned char *uuid)
{
    size_t got = 0;
    ssize_t n;

    while (got < VIR_UUID_BUFLEN) {
        n = getrandom(uuid + got, VIR_UUID_BUFLEN - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)n;
    }
    uuid[6] = (unsigned char)((uuid[6] & 0x0F) | 0x40);
    uuid[8] = (unsigned char)((uuid[8] & 0x3F) | 0x80);
    return 0;
}
