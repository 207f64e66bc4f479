/*
 * index_map.c: the map from domain UUID to virtDomainIndex, kept in a
 * state file so that a domain keeps its index across agent restarts.
 *
 * The file is text, one entry a line, rewritten atomically (temporary
 * file, fsync, rename, fsync of the directory) whenever an entry is added
 * or changes:
 *
 *   # virtmibd domain index map
 *   version 2
 *   next 4
 *   6695eb01-f6a4-8304-79aa-97f2502e193f 1 p 1718000000
 *   end 1
 *
 * "next" is the next index to hand out, the high-water mark: indexes are
 * never reused, even of entries pruned.  An entry is uuid, index,
 * persistence (p, t or u: persistent, transient, unknown) and the time
 * the domain was last seen (seconds since the epoch, kept to a day).
 * "end" counts the entries: a file cut short is refused, not half used.
 * Version 1 files (no version, end or last-seen) are read and rewritten
 * as version 2 at the next save.  Every line is parsed strictly.
 *
 * Entries are kept in an array in file order and found through an open
 * addressing hash on the uuid, so that loading is linear in the entries.
 * No SNMP types here.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/index_map.h"
#include "util/uuid.h"

#define INDEX_MAP_VERSION 2
/* last-seen times are kept to this step, so that a domain's presence
 * rewrites the file at most once a day */
#define SEEN_STEP (24L * 3600)
#define PRUNE_AGE ((long long)INDEX_MAP_PRUNE_DAYS * 24 * 3600)
#define ERR_LEN   512

struct index_entry {
    unsigned char ie_uuid[SNAP_UUID_LEN];
    unsigned int ie_index;
    enum snap_persistence ie_persistent;
    long long ie_seen; /* seconds since the epoch */
    int ie_saved;      /* in the file on disk */
};

struct index_map {
    char *im_path;                  /* NULL: kept in memory only */
    struct index_entry *im_entries; /* file order, then order of assignment */
    size_t im_count;
    size_t im_alloc;
    size_t *im_slots; /* hash on uuid: entry position + 1, 0 when empty */
    size_t im_nslots; /* a power of two, at least twice im_count */
    unsigned int im_next;
    size_t im_unsaved; /* entries not yet in the file */
    size_t im_pruned;  /* entries dropped at load */
    int im_dirty;
    int im_primed; /* a snapshot was taken with this map */
    char im_error[ERR_LEN];
};

/* What the loader is reading: one file, line by line. */
struct index_load {
    struct index_map *il_map;
    unsigned int il_line;
    int il_version;         /* 0 until known: 1 (old) or 2 */
    int il_next_seen;       /* a next line was read */
    int il_end;             /* the end line was read */
    unsigned int *il_lines; /* line of each entry, for error messages */
    size_t il_alloc;        /* room in il_lines */
};

static char open_error[ERR_LEN];

static size_t index_map_hash(const unsigned char *uuid);

static void index_map_seterr(char *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static struct index_entry *index_map_find(const struct index_map *map,
                                          const unsigned char *uuid);
static int index_map_grow(struct index_map *map);
static void *index_map_grow_array(void *array, size_t *alloc, size_t size);
static int index_map_rehash(struct index_map *map, size_t nslots);
static struct index_entry *
index_map_insert(struct index_map *map, const unsigned char *uuid,
                 unsigned int index, enum snap_persistence p, long long seen);

static int index_map_load(struct index_map *map);
static int index_map_load_fp(struct index_load *ld, FILE *fp);
static int index_map_load_check(struct index_load *ld);
static int index_map_parse_line(struct index_load *ld, char *line);
static int index_map_parse_entry(struct index_load *ld, char *line);
static int index_map_parse_uint(const char **s, unsigned long long max,
                                unsigned long long *out);
static int index_map_bad(struct index_load *ld, const char *what);
static int index_map_check_indexes(struct index_load *ld);
static int index_cmp(const void *a, const void *b);
static void index_map_prune(struct index_map *map);

static int index_map_write(const struct index_map *map, FILE *fp);
static int index_map_write_tmp(struct index_map *map, const char *tmp, int fd);
static int index_map_sync_dir(struct index_map *map);

/* The hash: FNV-1a, since uuids written by hand are far from random. */
static size_t
index_map_hash(const unsigned char *uuid)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;

    for (i = 0; i < SNAP_UUID_LEN; i++) {
        h ^= uuid[i];
        h *= 1099511628211ULL;
    }
    return (size_t)(h ^ (h >> 32));
}

static void
index_map_seterr(char *buf, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, ERR_LEN, fmt, ap);
    va_end(ap);
}

/* The map */

struct index_map *
index_map_open(const char *path)
{
    struct index_map *map;

    open_error[0] = '\0';
    map = calloc(1, sizeof(*map));
    if (!map) {
        index_map_seterr(open_error, "out of memory");
        return NULL;
    }
    map->im_next = 1;
    if (index_map_rehash(map, 16) < 0) {
        index_map_seterr(open_error, "out of memory");
        goto error;
    }
    if (path) {
        map->im_path = strdup(path);
        if (!map->im_path) {
            index_map_seterr(open_error, "out of memory");
            goto error;
        }
        if (index_map_load(map) < 0)
            goto error;
    }
    return map;

error:
    index_map_free(map);
    return NULL;
}

const char *
index_map_open_error(void)
{
    return open_error[0] ? open_error : "unknown error";
}

void
index_map_free(struct index_map *map)
{
    if (!map)
        return;
    free(map->im_path);
    free(map->im_entries);
    free(map->im_slots);
    free(map);
}

static struct index_entry *
index_map_find(const struct index_map *map, const unsigned char *uuid)
{
    size_t mask = map->im_nslots - 1;
    size_t i = index_map_hash(uuid) & mask;

    while (map->im_slots[i]) {
        struct index_entry *e = &map->im_entries[map->im_slots[i] - 1];

        if (memcmp(e->ie_uuid, uuid, SNAP_UUID_LEN) == 0)
            return e;
        i = (i + 1) & mask;
    }
    return NULL;
}

static int
index_map_rehash(struct index_map *map, size_t nslots)
{
    size_t *slots, i;

    if (nslots == map->im_nslots) {
        slots = map->im_slots;
        memset(slots, 0, nslots * sizeof(*slots));
    } else {
        slots = calloc(nslots, sizeof(*slots));
        if (!slots)
            return -1;
        free(map->im_slots);
        map->im_slots = slots;
        map->im_nslots = nslots;
    }
    for (i = 0; i < map->im_count; i++) {
        size_t h = index_map_hash(map->im_entries[i].ie_uuid) & (nslots - 1);

        while (slots[h])
            h = (h + 1) & (nslots - 1);
        slots[h] = i + 1;
    }
    return 0;
}

/* @array, of *@alloc elements of @size bytes, grown to twice as many (16
 * at first), *@alloc updated; NULL, with @array kept, when it cannot. */
static void *
index_map_grow_array(void *array, size_t *alloc, size_t size)
{
    size_t n = 16;
    void *tmp;

    if (*alloc)
        n = *alloc * 2;
    if (n > SIZE_MAX / size)
        return NULL;
    tmp = realloc(array, n * size);
    if (tmp)
        *alloc = n;
    return tmp;
}

/* Room for one more entry, in the array and in the hash. */
static int
index_map_grow(struct index_map *map)
{
    if (map->im_count == map->im_alloc) {
        struct index_entry *tmp;

        tmp =
            index_map_grow_array(map->im_entries, &map->im_alloc, sizeof(*tmp));
        if (!tmp)
            return -1;
        map->im_entries = tmp;
    }
    if ((map->im_count + 1) * 2 > map->im_nslots) {
        if (map->im_nslots > SIZE_MAX / 2 / sizeof(size_t))
            return -1;
        return index_map_rehash(map, map->im_nslots * 2);
    }
    return 0;
}

/* Adds an entry the caller checked is not there. */
static struct index_entry *
index_map_insert(struct index_map *map, const unsigned char *uuid,
                 unsigned int index, enum snap_persistence p, long long seen)
{
    struct index_entry *e;
    size_t h;

    if (index_map_grow(map) < 0)
        return NULL;
    e = &map->im_entries[map->im_count];
    memcpy(e->ie_uuid, uuid, SNAP_UUID_LEN);
    e->ie_index = index;
    e->ie_persistent = p;
    e->ie_seen = seen;
    e->ie_saved = 0;
    h = index_map_hash(uuid) & (map->im_nslots - 1);
    while (map->im_slots[h])
        h = (h + 1) & (map->im_nslots - 1);
    map->im_slots[h] = ++map->im_count;
    return e;
}

/* Loading */

static int
index_map_load(struct index_map *map)
{
    struct index_load ld;
    struct stat st;
    FILE *fp;
    int fd, ret;

    /* O_NONBLOCK: a FIFO put there must not hang the start */
    fd = open(map->im_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        index_map_seterr(open_error, "%s: %s", map->im_path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        index_map_seterr(open_error, "%s: %s", map->im_path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        index_map_seterr(open_error, "%s: not a regular file", map->im_path);
        close(fd);
        return -1;
    }
    fp = fdopen(fd, "r");
    if (!fp) {
        index_map_seterr(open_error, "%s: %s", map->im_path, strerror(errno));
        close(fd);
        return -1;
    }
    memset(&ld, 0, sizeof(ld));
    ld.il_map = map;
    ret = index_map_load_fp(&ld, fp);
    fclose(fp);
    if (ret == 0)
        ret = index_map_load_check(&ld);
    free(ld.il_lines);
    if (ret == 0)
        index_map_prune(map);
    return ret;
}

static int
index_map_load_fp(struct index_load *ld, FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ret = 0;

    errno = 0;
    while (ret == 0 && (len = getline(&line, &cap, fp)) >= 0) {
        ld->il_line++;
        if (len == 0 || line[len - 1] != '\n')
            ret = index_map_bad(ld, "the line has no end (file cut short?)");
        else if ((size_t)len != strlen(line))
            ret = index_map_bad(ld, "a NUL byte in the line");
        else {
            line[len - 1] = '\0';
            ret = index_map_parse_line(ld, line);
        }
        errno = 0;
    }
    if (ret == 0 && ferror(fp)) {
        index_map_seterr(open_error, "%s: %s", ld->il_map->im_path,
                         strerror(errno ? errno : EIO));
        ret = -1;
    }
    free(line);
    return ret;
}

/* What the whole file must say, once read. */
static int
index_map_load_check(struct index_load *ld)
{
    struct index_map *map = ld->il_map;
    size_t i;

    /* every saver wrote a next line: a file without one was cut short,
     * or emptied */
    if (!ld->il_next_seen) {
        index_map_seterr(open_error,
                         "%s: no next line in %u lines: the file is empty "
                         "or cut short",
                         map->im_path, ld->il_line);
        return -1;
    }
    if (ld->il_version == INDEX_MAP_VERSION && !ld->il_end) {
        index_map_seterr(open_error,
                         "%s: no end line after %u lines: the file is cut "
                         "short, and indexes past the cut would be handed "
                         "out again",
                         map->im_path, ld->il_line);
        return -1;
    }
    if (index_map_check_indexes(ld) < 0)
        return -1;
    for (i = 0; i < map->im_count; i++) {
        map->im_entries[i].ie_saved = 1;
        if (map->im_entries[i].ie_index >= map->im_next)
            map->im_next = map->im_entries[i].ie_index + 1;
    }
    /* an old file is rewritten in today's form */
    if (ld->il_version != INDEX_MAP_VERSION)
        map->im_dirty = 1;
    return 0;
}

static int
index_map_bad(struct index_load *ld, const char *what)
{
    index_map_seterr(open_error, "%s:%u: %s", ld->il_map->im_path, ld->il_line,
                     what);
    return -1;
}

/* A decimal number without sign or spaces, 0 to @max; moves @s past it. */
static int
index_map_parse_uint(const char **s, unsigned long long max,
                     unsigned long long *out)
{
    unsigned long long v = 0;
    const char *p = *s;

    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (max - (unsigned long long)(*p - '0')) / 10)
            return -1;
        v = v * 10 + (unsigned long long)(*p - '0');
    }
    *s = p;
    *out = v;
    return 0;
}

static int
index_map_parse_line(struct index_load *ld, char *line)
{
    unsigned long long v;
    const char *p;

    if (line[0] == '#' || line[0] == '\0')
        return 0;
    if (ld->il_end)
        return index_map_bad(ld, "a line after the end line");
    if (strncmp(line, "version ", 8) == 0) {
        p = line + 8;
        if (ld->il_version || ld->il_next_seen || ld->il_map->im_count)
            return index_map_bad(ld, "version must be the first line");
        if (index_map_parse_uint(&p, INT_MAX, &v) < 0 || *p ||
            v != INDEX_MAP_VERSION)
            return index_map_bad(ld, "unknown version (this agent reads 2)");
        ld->il_version = INDEX_MAP_VERSION;
        return 0;
    }
    if (!ld->il_version)
        ld->il_version = 1;
    if (strncmp(line, "next ", 5) == 0) {
        p = line + 5;
        if (ld->il_next_seen)
            return index_map_bad(ld, "a second next line");
        if (index_map_parse_uint(&p, (unsigned long long)INT_MAX + 1, &v) < 0 ||
            *p || v == 0)
            return index_map_bad(ld, "next must be a number from 1 to "
                                     "2147483648 and nothing after it");
        ld->il_next_seen = 1;
        ld->il_map->im_next = (unsigned int)v;
        return 0;
    }
    if (strncmp(line, "end ", 4) == 0 && ld->il_version == INDEX_MAP_VERSION) {
        p = line + 4;
        if (index_map_parse_uint(&p, SIZE_MAX, &v) < 0 || *p)
            return index_map_bad(ld, "end must be the entry count");
        if (v != ld->il_map->im_count)
            return index_map_bad(ld, "end counts other entries than the "
                                     "file holds");
        if (!ld->il_next_seen)
            return index_map_bad(ld, "no next line before the end");
        ld->il_end = 1;
        return 0;
    }
    return index_map_parse_entry(ld, line);
}

/* uuid index flag [seen]: seen in version 2 only. */
static int
index_map_parse_entry(struct index_load *ld, char *line)
{
    struct index_map *map = ld->il_map;
    unsigned char uuid[SNAP_UUID_LEN];
    unsigned long long index, seen;
    enum snap_persistence p;
    const char *s = line + SNAP_UUIDSTR_LEN;
    unsigned int *lines;

    if (strlen(line) < SNAP_UUIDSTR_LEN || line[SNAP_UUIDSTR_LEN - 1] != ' ')
        return index_map_bad(ld, "not an entry: uuid index persistence");
    line[SNAP_UUIDSTR_LEN - 1] = '\0';
    if (virUUIDParse(line, uuid) < 0)
        return index_map_bad(ld, "bad uuid");
    if (index_map_parse_uint(&s, INT_MAX, &index) < 0 || index == 0 ||
        *s++ != ' ')
        return index_map_bad(ld, "the index must be from 1 to 2147483647");
    if (*s == 'p')
        p = SNAP_PERSISTENT;
    else if (*s == 't')
        p = SNAP_TRANSIENT;
    else if (*s == 'u')
        p = SNAP_UNKNOWN;
    else
        return index_map_bad(ld, "persistence must be p, t or u");
    s++;
    seen = (unsigned long long)time(NULL);
    if (ld->il_version == INDEX_MAP_VERSION &&
        (*s++ != ' ' || index_map_parse_uint(&s, LLONG_MAX, &seen) < 0))
        return index_map_bad(ld, "no last-seen time after the persistence");
    if (*s)
        return index_map_bad(ld, "trailing characters after the entry");
    if (index_map_find(map, uuid))
        return index_map_bad(ld, "a uuid listed twice");
    if (map->im_count == ld->il_alloc) {
        lines =
            index_map_grow_array(ld->il_lines, &ld->il_alloc, sizeof(*lines));
        if (!lines)
            return index_map_bad(ld, "out of memory");
        ld->il_lines = lines;
    }
    ld->il_lines[map->im_count] = ld->il_line;
    if (!index_map_insert(map, uuid, (unsigned int)index, p, (long long)seen))
        return index_map_bad(ld, "out of memory");
    return 0;
}

static int
index_cmp(const void *a, const void *b)
{
    const unsigned long long *x = a, *y = b;

    return *x < *y ? -1 : *x > *y;
}

/* Two domains must never share an index: sort (index, entry) pairs. */
static int
index_map_check_indexes(struct index_load *ld)
{
    struct index_map *map = ld->il_map;
    unsigned long long *keys;
    size_t i;
    int ret = 0;

    if (map->im_count < 2)
        return 0;
    keys = malloc(map->im_count * sizeof(*keys));
    if (!keys) {
        index_map_seterr(open_error, "out of memory");
        return -1;
    }
    for (i = 0; i < map->im_count; i++)
        keys[i] = (unsigned long long)map->im_entries[i].ie_index << 32 | i;
    qsort(keys, map->im_count, sizeof(*keys), index_cmp);
    for (i = 1; i < map->im_count && ret == 0; i++) {
        if (keys[i] >> 32 != keys[i - 1] >> 32)
            continue;
        index_map_seterr(open_error,
                         "%s:%u: index %u listed twice (first at "
                         "line %u)",
                         map->im_path, ld->il_lines[keys[i] & 0xffffffffULL],
                         (unsigned int)(keys[i] >> 32),
                         ld->il_lines[keys[i - 1] & 0xffffffffULL]);
        ret = -1;
    }
    free(keys);
    return ret;
}

/*
 * Drops the entries of domains not seen for INDEX_MAP_PRUNE_DAYS before
 * the latest sighting the file records (not before today: an agent
 * stopped for months must not forget every domain), or before now if
 * the clock says earlier.  next stays: a pruned index is never reused.
 */
static void
index_map_prune(struct index_map *map)
{
    long long ref = 0, now = (long long)time(NULL);
    size_t i, j;

    for (i = 0; i < map->im_count; i++)
        if (map->im_entries[i].ie_seen > ref)
            ref = map->im_entries[i].ie_seen;
    if (now < ref)
        ref = now;
    for (i = 0, j = 0; i < map->im_count; i++) {
        if (ref - map->im_entries[i].ie_seen > PRUNE_AGE)
            continue;
        map->im_entries[j++] = map->im_entries[i];
    }
    if (j == map->im_count)
        return;
    map->im_pruned = map->im_count - j;
    map->im_count = j;
    map->im_dirty = 1;
    index_map_rehash(map, map->im_nslots); /* same size: in place */
}

/* Use */

unsigned int
index_map_lookup(const struct index_map *map, const unsigned char *uuid)
{
    const struct index_entry *e;

    if (!map || !uuid)
        return 0;
    e = index_map_find(map, uuid);
    return e ? e->ie_index : 0;
}

unsigned int
index_map_assign(struct index_map *map, const unsigned char *uuid,
                 enum snap_persistence *persistent)
{
    long long now = (long long)time(NULL);
    struct index_entry *e;

    e = index_map_find(map, uuid);
    if (e) {
        if (now - e->ie_seen >= SEEN_STEP || now < e->ie_seen) {
            e->ie_seen = now;
            map->im_dirty = 1;
        }
        *persistent = e->ie_persistent;
        return e->ie_index;
    }
    if (map->im_next > INT_MAX)
        return 0;
    e = index_map_insert(map, uuid, map->im_next, *persistent, now);
    if (!e)
        return 0;
    map->im_next++;
    map->im_unsaved++;
    map->im_dirty = 1;
    return e->ie_index;
}

void
index_map_set_persistence(struct index_map *map, const unsigned char *uuid,
                          enum snap_persistence p)
{
    struct index_entry *e = index_map_find(map, uuid);

    if (e && e->ie_persistent != p) {
        e->ie_persistent = p;
        map->im_dirty = 1;
    }
}

int
index_map_saved(const struct index_map *map, const unsigned char *uuid)
{
    const struct index_entry *e;

    if (!map || !uuid)
        return 0;
    if (!map->im_path)
        return 1;
    e = index_map_find(map, uuid);
    return e ? e->ie_saved : 0;
}

size_t
index_map_unsaved(const struct index_map *map)
{
    return map && map->im_path ? map->im_unsaved : 0;
}

size_t
index_map_pruned(const struct index_map *map)
{
    return map ? map->im_pruned : 0;
}

const char *
index_map_path(const struct index_map *map)
{
    return map && map->im_path ? map->im_path : "(none)";
}

const char *
index_map_save_error(const struct index_map *map)
{
    return map && map->im_error[0] ? map->im_error : "unknown error";
}

int
index_map_primed(const struct index_map *map)
{
    return map ? map->im_primed : 0;
}

void
index_map_set_primed(struct index_map *map)
{
    if (map)
        map->im_primed = 1;
}

/* Saving */

static int
index_map_write(const struct index_map *map, FILE *fp)
{
    static const char flags[] = {
        [SNAP_PERSISTENT] = 'p', [SNAP_TRANSIENT] = 't', [SNAP_UNKNOWN] = 'u'
    };
    size_t i;

    fprintf(fp, "# virtmibd domain index map: uuid index persistence "
                "last-seen\n");
    fprintf(fp, "version %d\nnext %u\n", INDEX_MAP_VERSION, map->im_next);
    for (i = 0; i < map->im_count; i++) {
        const struct index_entry *e = &map->im_entries[i];
        char buf[SNAP_UUIDSTR_LEN];

        virUUIDFormat(e->ie_uuid, buf);
        fprintf(fp, "%s %u %c %lld\n", buf, e->ie_index,
                flags[e->ie_persistent], e->ie_seen);
    }
    fprintf(fp, "end %zu\n", map->im_count);
    return ferror(fp) ? -1 : 0;
}

/* Writes the whole map to @fd (the temporary file @tmp) and closes it. */
static int
index_map_write_tmp(struct index_map *map, const char *tmp, int fd)
{
    FILE *fp = fdopen(fd, "w");

    if (!fp) {
        index_map_seterr(map->im_error, "cannot write %s: %s", tmp,
                         strerror(errno));
        close(fd);
        return -1;
    }
    if (index_map_write(map, fp) < 0 || fflush(fp) != 0 ||
        fsync(fileno(fp)) < 0) {
        index_map_seterr(map->im_error, "cannot write %s: %s", tmp,
                         strerror(errno));
        fclose(fp);
        return -1;
    }
    if (fclose(fp) != 0) {
        index_map_seterr(map->im_error, "cannot write %s: %s", tmp,
                         strerror(errno));
        return -1;
    }
    return 0;
}

/*
 * Makes the rename durable: a crash after it must not bring the old file
 * back.  A directory this process cannot open for reading is left to the
 * file system (nothing else can be done); a failing fsync is an error.
 */
static int
index_map_sync_dir(struct index_map *map)
{
    char *dir = strdup(map->im_path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    int fd, ret = 0;

    if (!dir) {
        index_map_seterr(map->im_error, "out of memory");
        return -1;
    }
    if (slash)
        slash[slash == dir ? 1 : 0] = '\0';
    fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        if (fsync(fd) < 0 && errno != EINVAL) {
            index_map_seterr(map->im_error, "cannot sync directory %s: %s",
                             slash ? dir : ".", strerror(errno));
            ret = -1;
        }
        close(fd);
    }
    free(dir);
    return ret;
}

int
index_map_save(struct index_map *map)
{
    char *tmp = NULL;
    size_t len, i;
    int fd, ret = -1;

    if (!map)
        return -1;
    if (!map->im_path || !map->im_dirty)
        return 0;
    len = strlen(map->im_path) + sizeof(".XXXXXX");
    tmp = malloc(len);
    if (!tmp) {
        index_map_seterr(map->im_error, "out of memory");
        return -1;
    }
    snprintf(tmp, len, "%s.XXXXXX", map->im_path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        index_map_seterr(map->im_error, "cannot create %s: %s", tmp,
                         strerror(errno));
        goto cleanup;
    }
    if (index_map_write_tmp(map, tmp, fd) < 0) {
        unlink(tmp);
        goto cleanup;
    }
    if (rename(tmp, map->im_path) < 0) {
        index_map_seterr(map->im_error, "cannot rename %s to %s: %s", tmp,
                         map->im_path, strerror(errno));
        unlink(tmp);
        goto cleanup;
    }
    if (index_map_sync_dir(map) < 0)
        goto cleanup;
    for (i = 0; map->im_unsaved && i < map->im_count; i++)
        map->im_entries[i].ie_saved = 1;
    map->im_unsaved = 0;
    map->im_dirty = 0;
    map->im_error[0] = '\0';
    ret = 0;

cleanup:
    free(tmp);
    return ret;
}
