/*
 * fuzz_common.c: see fuzz_common.h.
 */

#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "fuzz_common.h"

static void fuzzIgnoreError(void *userData, virErrorPtr err);
static void fuzzRemoveFile(void);

static char fuzzPath[64];

static void
fuzzIgnoreError(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

/* The library reports every error on stderr unless a handler is set. */
void
fuzzQuiet(void)
{
    virSetErrorFunc(NULL, fuzzIgnoreError);
}

/* A NUL-terminated copy of the input; aborts when memory runs out. */
char *
fuzzString(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static void
fuzzRemoveFile(void)
{
    if (fuzzPath[0])
        unlink(fuzzPath);
}

/*
 * Writes the input to this process's scratch file (removed at exit) and
 * returns its absolute path.
 */
const char *
fuzzWriteFile(const uint8_t *data, size_t size)
{
    int fd;

    if (!fuzzPath[0]) {
        /* tmpfs when there is one: the index map reader fsyncs */
        snprintf(fuzzPath, sizeof(fuzzPath), "%s/virfuzz-%ld.in",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp",
                 (long)getpid());
        atexit(fuzzRemoveFile);
    }
    fd = open(fuzzPath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    close(fd);
    return fuzzPath;
}
