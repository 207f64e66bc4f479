/*
 * util.c: UUIDs, enum spellings, whole-file I/O and strict number
 * parsing.
 */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Helpers */
static int virFileWriteFd(int fd, const void *data, size_t len);

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
 */
void
virUUIDFormat(const unsigned char *uuid, char *buf)
{
    snprintf(buf, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6],
             uuid[7], uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13],
             uuid[14], uuid[15]);
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

/**
 * virEnumFromString:
 * @names: the spellings of an enum, indexed by value (NULL for a gap)
 * @nnames: entries in @names
 * @str: a spelling
 *
 * Returns the value spelled @str, or -1.
 */
int
virEnumFromString(const char *const *names, size_t nnames, const char *str)
{
    size_t i;

    for (i = 0; i < nnames; i++) {
        if (names[i] && strcmp(names[i], str) == 0)
            return (int)i;
    }
    return -1;
}

/**
 * virEnumToString:
 * @names: the spellings of an enum, indexed by value
 * @nnames: entries in @names
 * @val: a value
 *
 * Returns the spelling of @val (static), or NULL outside the table.
 */
const char *
virEnumToString(const char *const *names, size_t nnames, int val)
{
    if (val < 0 || (size_t)val >= nnames)
        return NULL;
    return names[val];
}

static int
virFileWriteFd(int fd, const void *data, size_t len)
{
    const char *p = data;
    ssize_t n;

    while (len > 0) {
        n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/**
 * virFileWriteAtomic:
 * @path: the file to replace
 * @data: its new content
 * @len: bytes in @data
 *
 * Writes a temporary file beside @path, fsyncs it, renames it over @path
 * and fsyncs the directory, so @path is always either old or new.
 *
 * Returns 0, or -1 with errno set and @path untouched.
 */
int
virFileWriteAtomic(const char *path, const void *data, size_t len)
{
    char *tmp = NULL;
    char *dir = NULL;
    char *slash;
    int fd = -1;
    int dfd;
    int saved;
    int ret = -1;

    if (!path || (!data && len)) {
        errno = EINVAL;
        return -1;
    }
    if (asprintf(&tmp, "%s.XXXXXX", path) < 0) {
        tmp = NULL;
        goto cleanup;
    }
    if ((fd = mkstemp(tmp)) < 0)
        goto cleanup;
    if (fchmod(fd, 0644) < 0 || virFileWriteFd(fd, data, len) < 0 ||
        fsync(fd) < 0)
        goto cleanup;
    if (close(fd) < 0) {
        fd = -1;
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto cleanup;
    if ((dir = strdup(path)) && (slash = strrchr(dir, '/'))) {
        *(slash == dir ? slash + 1 : slash) = '\0';
        if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    ret = 0;

cleanup:
    saved = errno;
    if (fd >= 0)
        close(fd);
    if (ret < 0 && tmp)
        unlink(tmp);
    free(tmp);
    free(dir);
    errno = saved;
    return ret;
}

/**
 * virFileReadAll:
 * @path: the file
 * @maxlen: refuse files larger than this (errno EFBIG)
 * @data: caller-frees, NUL-terminated content (OUT)
 * @len: bytes read, without the NUL (OUT, may be NULL)
 *
 * Returns 0, or -1 with errno set.
 */
int
virFileReadAll(const char *path, size_t maxlen, char **data, size_t *len)
{
    FILE *fp;
    char *buf = NULL;
    char *grown;
    size_t size = 0, cap = 0, n;
    int saved;

    if (!path || !data) {
        errno = EINVAL;
        return -1;
    }
    if (!(fp = fopen(path, "rb")))
        return -1;
    for (;;) {
        if (cap - size < 4097) {
            cap = cap ? cap * 2 : 8192;
            if (!(grown = realloc(buf, cap)))
                goto error;
            buf = grown;
        }
        n = fread(buf + size, 1, cap - size - 1, fp);
        size += n;
        if (size > maxlen) {
            errno = EFBIG;
            goto error;
        }
        if (n == 0)
            break;
    }
    if (ferror(fp)) {
        errno = EIO;
        goto error;
    }
    fclose(fp);
    buf[size] = '\0';
    *data = buf;
    if (len)
        *len = size;
    return 0;

error:
    saved = errno;
    fclose(fp);
    free(buf);
    errno = saved;
    return -1;
}

/**
 * virStrToLong:
 * @str: a decimal number, nothing before or after it
 * @result: OUT
 *
 * Returns 0, or -1 for empty, partial ("12abc") or overflowing input.
 */
int
virStrToLong(const char *str, long *result)
{
    char *end;
    long val;

    if (!str || !result || !*str || isspace((unsigned char)*str))
        return -1;
    errno = 0;
    val = strtol(str, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *result = val;
    return 0;
}

/**
 * virStrToULong:
 * @str: a decimal number without sign, nothing before or after it
 * @result: OUT
 *
 * Returns 0, or -1 for empty, signed, partial or overflowing input.
 */
int
virStrToULong(const char *str, unsigned long *result)
{
    char *end;
    unsigned long val;

    if (!str || !result || !isdigit((unsigned char)*str))
        return -1;
    errno = 0;
    val = strtoul(str, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *result = val;
    return 0;
}
