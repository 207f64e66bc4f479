/*
 * util.c: enum spellings, whole-file I/O and strict number parsing.
 */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Helpers */
static int virFileWriteFd(int fd, const void *data, size_t len);

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
