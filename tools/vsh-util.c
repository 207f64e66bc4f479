/*
 * vsh-util.c: helpers the commands share: strict numbers, domain lookup
 * by id, uuid or name, reading files, state names, JSON strings, output
 * errors and the splitting of prompt lines into words.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "vsh.h"

/* Files larger than this are refused: no domain XML is that big. */
#define VSH_MAX_FILE_SIZE (16 * 1024 * 1024)

/* Numbers and names */
static bool vshIsDigits(const char *str);
static bool vshLooksLikeUUID(const char *str);

/* Files */
static ssize_t vshReadStream(FILE *fp, char **buf);

/* JSON */
static size_t vshUtf8Length(const unsigned char *s);

/* Splitting */
static int vshSplitWord(const char **pos, char *word, const char **err);
static int vshSplitAppend(char ***argv, size_t *argc, const char *word);


static bool
vshIsDigits(const char *str)
{
    if (!str || !*str)
        return false;
    for (; *str; str++) {
        if (*str < '0' || *str > '9')
            return false;
    }
    return true;
}

/**
 * vshParseULong:
 * @cmd: the command, for its usage on error
 * @what: the name of the argument, for messages
 * @str: the text to parse
 * @max: the largest value accepted
 * @value: where to store the number (OUT)
 *
 * Parses a decimal number strictly: digits only, all of @str, no sign,
 * no blank, no overflow, at most @max.
 *
 * Returns: 0, or VSH_EXIT_USAGE after printing why and the usage.
 */
int
vshParseULong(const vshCmd *cmd, const char *what, const char *str,
              unsigned long max, unsigned long *value)
{
    unsigned long v;
    char *end = NULL;

    if (!str || !*str)
        return vshUsageError(cmd, "%s must be a number, got an empty string",
                             what);
    if (str[0] == '-')
        return vshUsageError(cmd, "%s must not be negative: '%s'", what, str);
    if (!vshIsDigits(str))
        return vshUsageError(cmd, "%s must be a decimal number: '%s'", what,
                             str);
    errno = 0;
    v = strtoul(str, &end, 10);
    if (errno == ERANGE || *end != '\0' || v > max)
        return vshUsageError(cmd, "%s is too large: '%s' (at most %lu)", what,
                             str, max);
    *value = v;
    return 0;
}

/* True for 32 hex digits, or 36 characters with dashes where a uuid has. */
static bool
vshLooksLikeUUID(const char *str)
{
    size_t len = strlen(str), i, hex = 0;

    if (len != 32 && len != 36)
        return false;
    for (i = 0; i < len; i++) {
        if (len == 36 && (i == 8 || i == 13 || i == 18 || i == 23)) {
            if (str[i] != '-')
                return false;
        } else if ((str[i] >= '0' && str[i] <= '9') ||
                   (str[i] >= 'a' && str[i] <= 'f') ||
                   (str[i] >= 'A' && str[i] <= 'F')) {
            hex++;
        } else {
            return false;
        }
    }
    return hex == 32;
}

/**
 * vshLookupDomain:
 * @ctl: the shell, connected
 * @arg: a domain id, uuid or name
 *
 * Finds a domain as virsh does: by id when @arg is all digits, then by
 * uuid when it looks like one, then by name.
 *
 * Returns: a domain handle the caller frees with virDomainFree(), or NULL
 * after printing the library's error.
 */
virDomainPtr
vshLookupDomain(vshControl *ctl, const char *arg)
{
    virDomainPtr dom = NULL;
    unsigned long id;

    if (vshIsDigits(arg)) {
        errno = 0;
        id = strtoul(arg, NULL, 10);
        if (errno == 0 && id <= INT_MAX)
            dom = virDomainLookupByID(ctl->conn, (int)id);
    }
    if (!dom && vshLooksLikeUUID(arg))
        dom = virDomainLookupByUUIDString(ctl->conn, arg);
    if (!dom)
        dom = virDomainLookupByName(ctl->conn, arg);
    if (!dom)
        vshLibError(ctl, "looking up the domain");
    return dom;
}

/*
 * Reads all of @fp into *@buf, growing it, up to VSH_MAX_FILE_SIZE + 1
 * bytes.  Returns the length read, or -1 on a read error or out of memory
 * with errno set.
 */
static ssize_t
vshReadStream(FILE *fp, char **buf)
{
    size_t len = 0, cap = 0, n;
    char *grown;

    do {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            if (cap > VSH_MAX_FILE_SIZE + 1)
                cap = VSH_MAX_FILE_SIZE + 1;
            grown = realloc(*buf, cap + 1);
            if (!grown)
                return -1;
            *buf = grown;
        }
        n = fread(*buf + len, 1, cap - len, fp);
        len += n;
    } while (n > 0 && len <= VSH_MAX_FILE_SIZE);
    if (ferror(fp))
        return -1;
    (*buf)[len] = '\0';
    return (ssize_t)len;
}

/**
 * vshReadFile:
 * @path: the file
 *
 * Reads a whole text file (at most 16 MiB, no NUL byte).
 *
 * Returns: its content, caller-frees, or NULL after printing why.
 */
char *
vshReadFile(const char *path)
{
    FILE *fp;
    char *buf = NULL;
    ssize_t len;

    fp = fopen(path, "r");
    if (!fp) {
        vshSysError("cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    len = vshReadStream(fp, &buf);
    if (len < 0) {
        vshSysError("cannot read '%s': %s", path, strerror(errno));
    } else if (len > VSH_MAX_FILE_SIZE || memchr(buf, '\0', (size_t)len)) {
        vshSysError("'%s' is not a text file of at most %d bytes", path,
                    VSH_MAX_FILE_SIZE);
    } else {
        fclose(fp);
        return buf;
    }
    free(buf);
    fclose(fp);
    return NULL;
}

/**
 * vshStateName:
 * @state: a virDomainState
 *
 * Returns: the state for people ("running", "shut off"...), static.
 */
const char *
vshStateName(int state)
{
    switch (state) {
    case VIR_DOMAIN_NOSTATE:
        return "no state";
    case VIR_DOMAIN_RUNNING:
        return "running";
    case VIR_DOMAIN_BLOCKED:
        return "blocked";
    case VIR_DOMAIN_PAUSED:
        return "paused";
    case VIR_DOMAIN_SHUTDOWN:
        return "in shutdown";
    case VIR_DOMAIN_SHUTOFF:
        return "shut off";
    case VIR_DOMAIN_CRASHED:
        return "crashed";
    }
    return "unknown";
}

/**
 * vshStateToken:
 * @state: a virDomainState
 *
 * Returns: the state as one word for JSON ("running", "shutoff"...).
 */
const char *
vshStateToken(int state)
{
    switch (state) {
    case VIR_DOMAIN_NOSTATE:
        return "nostate";
    case VIR_DOMAIN_SHUTDOWN:
        return "shutdown";
    case VIR_DOMAIN_SHUTOFF:
        return "shutoff";
    }
    return vshStateName(state);
}

/**
 * vshVcpuStateName:
 * @state: a virVcpuState
 *
 * Returns: "offline", "running", "blocked" or "unknown".
 */
const char *
vshVcpuStateName(int state)
{
    switch (state) {
    case VIR_VCPU_OFFLINE:
        return "offline";
    case VIR_VCPU_RUNNING:
        return "running";
    case VIR_VCPU_BLOCKED:
        return "blocked";
    }
    return "unknown";
}

/* The length of the valid UTF-8 sequence at @s, 0 if it is not one. */
static size_t
vshUtf8Length(const unsigned char *s)
{
    size_t len, i;
    unsigned char lo = 0x80, hi = 0xBF;

    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4;
    else
        return 0;
    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < len; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    }
    return len;
}

/**
 * vshJsonString:
 * @str: the string, or NULL for JSON null
 *
 * Prints @str on stdout as a JSON string: quotes, backslashes and control
 * characters escaped; bytes that are not valid UTF-8 become U+FFFD.
 */
void
vshJsonString(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t len;

    if (!str) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    while (*s) {
        if (*s == '"' || *s == '\\') {
            printf("\\%c", *s);
        } else if (*s == '\n') {
            fputs("\\n", stdout);
        } else if (*s == '\t') {
            fputs("\\t", stdout);
        } else if (*s < 0x20 || *s == 0x7f) {
            printf("\\u%04x", *s);
        } else if (*s < 0x80) {
            putchar(*s);
        } else if ((len = vshUtf8Length(s)) > 0) {
            fwrite(s, 1, len, stdout);
            s += len;
            continue;
        } else {
            fputs("\\ufffd", stdout);
        }
        s++;
    }
    putchar('"');
}

/**
 * vshFinishOutput:
 *
 * Flushes stdout and checks that everything printed was written.
 *
 * Returns: 0, or -1 after printing why.
 */
int
vshFinishOutput(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        vshSysError("cannot write the output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/*
 * Copies the word at *@pos into @word (big enough for the whole line),
 * handling 'single' and "double" quotes and backslashes, and moves *@pos
 * past it.  Returns 0 or -1 with *@err set.
 */
static int
vshSplitWord(const char **pos, char *word, const char **err)
{
    const char *p = *pos;
    char quote;

    while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
        if (*p == '\\') {
            if (!p[1]) {
                *err = "a backslash ends the line";
                return -1;
            }
            *word++ = p[1];
            p += 2;
        } else if (*p == '\'' || *p == '"') {
            quote = *p++;
            while (*p && *p != quote) {
                if (quote == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *word++ = *p++;
            }
            if (!*p) {
                *err = quote == '"' ? "unterminated double quote"
                                    : "unterminated single quote";
                return -1;
            }
            p++;
        } else {
            *word++ = *p++;
        }
    }
    *word = '\0';
    *pos = p;
    return 0;
}

static int
vshSplitAppend(char ***argv, size_t *argc, const char *word)
{
    char **grown;
    char *copy;

    copy = strdup(word);
    if (!copy)
        return -1;
    grown = realloc(*argv, (*argc + 1) * sizeof(*grown));
    if (!grown) {
        free(copy);
        return -1;
    }
    grown[(*argc)++] = copy;
    *argv = grown;
    return 0;
}

/**
 * vshSplitLine:
 * @line: one line of the prompt
 * @argv: where to store the words, caller-frees (each and the array) (OUT)
 * @argc: where to store their number (OUT)
 * @err: where to point a message on failure (OUT)
 *
 * Splits a line into words at blanks, as a shell would for plain words:
 * 'single quotes' keep everything, "double quotes" honour \" and \\, a
 * backslash outside quotes keeps the next character, and a word starting
 * with # starts a comment.
 *
 * Returns: 0, or -1 with *@err set and nothing to free.
 */
int
vshSplitLine(const char *line, char ***argv, size_t *argc, const char **err)
{
    const char *p = line;
    char *word = NULL;
    size_t i;

    *argv = NULL;
    *argc = 0;
    *err = "out of memory";
    if (!line || !(word = malloc(strlen(line) + 1)))
        goto error;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p || *p == '#')
            break;
        if (vshSplitWord(&p, word, err) < 0)
            goto error;
        if (vshSplitAppend(argv, argc, word) < 0) {
            *err = "out of memory";
            goto error;
        }
    }
    free(word);
    return 0;

error:
    free(word);
    for (i = 0; i < *argc; i++)
        free((*argv)[i]);
    free(*argv);
    *argv = NULL;
    *argc = 0;
    return -1;
}
