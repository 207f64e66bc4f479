/*
 * index_map.c: the map from domain UUID to virtDomainIndex, kept in a
 * state file so that a domain keeps its index across agent restarts.
 *
 * The file is text, one entry a line, rewritten atomically (temporary
 * file, fsync, rename) whenever an entry is added or changes:
 *
 *   next 4
 *   6695eb01-f6a4-8304-79aa-97f2502e193f 1 p
 *
 * "next" is the next index to hand out; indexes are never reused.  The
 * last field is what the agent knows of the domain's persistence: p, t
 * or u (persistent, transient, unknown).  No SNMP types here.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index_map.h"

struct index_entry {
    unsigned char ie_uuid[SNAP_UUID_LEN];
    unsigned int ie_index;
    enum snap_persistence ie_persistent;
};

struct index_map {
    char *im_path;                  /* NULL: kept in memory only */
    struct index_entry *im_entries; /* sorted by uuid */
    size_t im_count;
    size_t im_alloc;
    unsigned int im_next;
    int im_dirty;
    int im_primed; /* a snapshot was taken with this map */
};

static int index_map_load(struct index_map *map);
static void index_map_sync_dir(const char *path);
static int index_map_used(const struct index_map *map, unsigned int index);
static int index_map_parse_line(struct index_map *map, char *line,
                                unsigned int lineno);
static struct index_entry *index_map_find(const struct index_map *map,
                                          const unsigned char *uuid,
                                          size_t *pos);
static struct index_entry *index_map_insert(struct index_map *map,
                                            const unsigned char *uuid,
                                            unsigned int index,
                                            enum snap_persistence p);
static int index_map_write(const struct index_map *map, FILE *fp);
static int hexval(char c);

/* UUID text form */

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
snap_uuid_parse(const char *str, unsigned char *uuid)
{
    size_t i, n = 0;

    if (!str || !uuid || strlen(str) != SNAP_UUIDSTR_LEN - 1)
        return -1;
    for (i = 0; i < SNAP_UUIDSTR_LEN - 1; i++) {
        int hi, lo;

        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (str[i] != '-')
                return -1;
            continue;
        }
        hi = hexval(str[i]);
        lo = hexval(str[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        uuid[n++] = (unsigned char)(hi * 16 + lo);
        i++;
    }
    return 0;
}

/* Called once per domain per refresh: by hand, snprintf cost a fifth of
 * a refresh at 10,000 domains. */
void
snap_uuid_format(const unsigned char *uuid, char *buf)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, o = 0;

    for (i = 0; i < SNAP_UUID_LEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf[o++] = '-';
        buf[o++] = hex[uuid[i] >> 4];
        buf[o++] = hex[uuid[i] & 0xf];
    }
    buf[o] = '\0';
}

/* The map */

struct index_map *
index_map_open(const char *path)
{
    struct index_map *map;

    map = calloc(1, sizeof(*map));
    if (!map)
        return NULL;
    map->im_next = 1;
    if (path) {
        map->im_path = strdup(path);
        if (!map->im_path || index_map_load(map) < 0) {
            index_map_free(map);
            return NULL;
        }
    }
    return map;
}

void
index_map_free(struct index_map *map)
{
    if (!map)
        return;
    free(map->im_path);
    free(map->im_entries);
    free(map);
}

/* Whether some entry has @index (two domains must never share one). */
static int
index_map_used(const struct index_map *map, unsigned int index)
{
    size_t i;

    for (i = 0; i < map->im_count; i++)
        if (map->im_entries[i].ie_index == index)
            return 1;
    return 0;
}

/*
 * Makes a rename in @path's directory durable (a crash after it must not
 * bring the old file back).  Best effort: the file itself is whole either
 * way.
 */
static void
index_map_sync_dir(const char *path)
{
    char *dir = strdup(path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    int fd;

    if (!dir)
        return;
    if (slash)
        slash[slash == dir ? 1 : 0] = '\0';
    fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

static int
index_map_load(struct index_map *map)
{
    FILE *fp;
    char line[256];
    unsigned int lineno = 0;
    int ret = -1;

    fp = fopen(map->im_path, "r");
    if (!fp)
        return errno == ENOENT ? 0 : -1;
    while (fgets(line, sizeof(line), fp)) {
        lineno++;
        if (index_map_parse_line(map, line, lineno) < 0)
            goto cleanup;
    }
    if (ferror(fp))
        goto cleanup;
    ret = 0;

cleanup:
    fclose(fp);
    if (ret < 0)
        fprintf(stderr, "virtmibd: %s:%u: bad index map line\n", map->im_path,
                lineno);
    return ret;
}

static int
index_map_parse_line(struct index_map *map, char *line, unsigned int lineno)
{
    char uuidstr[SNAP_UUIDSTR_LEN];
    unsigned char uuid[SNAP_UUID_LEN];
    unsigned int index;
    char flag;

    (void)lineno;
    if (line[0] == '#' || line[0] == '\n')
        return 0;
    if (sscanf(line, "next %u", &index) == 1) {
        if (index == 0 || index > INT_MAX)
            return -1;
        /* never below an index already read: it would be handed out again */
        if (index > map->im_next)
            map->im_next = index;
        return 0;
    }
    if (sscanf(line, "%36s %u %c", uuidstr, &index, &flag) != 3)
        return -1;
    if (snap_uuid_parse(uuidstr, uuid) < 0 || index == 0 || index > INT_MAX)
        return -1;
    if (flag != 'p' && flag != 't' && flag != 'u')
        return -1;
    if (index_map_find(map, uuid, NULL) || index_map_used(map, index))
        return -1;
    if (!index_map_insert(map, uuid, index,
                          flag == 'p'   ? SNAP_PERSISTENT
                          : flag == 't' ? SNAP_TRANSIENT
                                        : SNAP_UNKNOWN))
        return -1;
    if (index >= map->im_next)
        map->im_next = index + 1;
    return 0;
}

static struct index_entry *
index_map_find(const struct index_map *map, const unsigned char *uuid,
               size_t *pos)
{
    size_t lo = 0, hi = map->im_count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(map->im_entries[mid].ie_uuid, uuid, SNAP_UUID_LEN);

        if (c == 0)
            return &map->im_entries[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (pos)
        *pos = lo;
    return NULL;
}

static struct index_entry *
index_map_insert(struct index_map *map, const unsigned char *uuid,
                 unsigned int index, enum snap_persistence p)
{
    size_t pos = 0;
    struct index_entry *e;

    index_map_find(map, uuid, &pos);
    if (map->im_count == map->im_alloc) {
        size_t n = map->im_alloc ? map->im_alloc * 2 : 16;
        struct index_entry *tmp;

        if (n > SIZE_MAX / sizeof(*tmp))
            return NULL;
        tmp = realloc(map->im_entries, n * sizeof(*tmp));
        if (!tmp)
            return NULL;
        map->im_entries = tmp;
        map->im_alloc = n;
    }
    memmove(&map->im_entries[pos + 1], &map->im_entries[pos],
            (map->im_count - pos) * sizeof(*e));
    e = &map->im_entries[pos];
    memcpy(e->ie_uuid, uuid, SNAP_UUID_LEN);
    e->ie_index = index;
    e->ie_persistent = p;
    map->im_count++;
    return e;
}

unsigned int
index_map_lookup(const struct index_map *map, const unsigned char *uuid)
{
    const struct index_entry *e;

    if (!map || !uuid)
        return 0;
    e = index_map_find(map, uuid, NULL);
    return e ? e->ie_index : 0;
}

unsigned int
index_map_assign(struct index_map *map, const unsigned char *uuid,
                 enum snap_persistence *persistent)
{
    struct index_entry *e;

    e = index_map_find(map, uuid, NULL);
    if (e) {
        *persistent = e->ie_persistent;
        return e->ie_index;
    }
    if (map->im_next > INT_MAX)
        return 0;
    e = index_map_insert(map, uuid, map->im_next, *persistent);
    if (!e)
        return 0;
    map->im_next++;
    map->im_dirty = 1;
    return e->ie_index;
}

void
index_map_set_persistence(struct index_map *map, const unsigned char *uuid,
                          enum snap_persistence p)
{
    struct index_entry *e = index_map_find(map, uuid, NULL);

    if (e && e->ie_persistent != p) {
        e->ie_persistent = p;
        map->im_dirty = 1;
    }
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

static int
index_map_write(const struct index_map *map, FILE *fp)
{
    static const char flags[] = {
        [SNAP_PERSISTENT] = 'p', [SNAP_TRANSIENT] = 't', [SNAP_UNKNOWN] = 'u'
    };
    size_t i;

    fprintf(fp, "# virtmibd domain index map: uuid index persistence\n");
    fprintf(fp, "next %u\n", map->im_next);
    for (i = 0; i < map->im_count; i++) {
        char buf[SNAP_UUIDSTR_LEN];

        snap_uuid_format(map->im_entries[i].ie_uuid, buf);
        fprintf(fp, "%s %u %c\n", buf, map->im_entries[i].ie_index,
                flags[map->im_entries[i].ie_persistent]);
    }
    return ferror(fp) ? -1 : 0;
}

int
index_map_save(struct index_map *map)
{
    char *tmp = NULL;
    FILE *fp = NULL;
    size_t len;
    int fd, created = 0, ret = -1;

    if (!map)
        return -1;
    if (!map->im_path || !map->im_dirty)
        return 0;
    len = strlen(map->im_path) + sizeof(".XXXXXX");
    tmp = malloc(len);
    if (!tmp)
        goto cleanup;
    snprintf(tmp, len, "%s.XXXXXX", map->im_path);
    fd = mkstemp(tmp);
    if (fd < 0)
        goto cleanup;
    created = 1;
    fp = fdopen(fd, "w");
    if (!fp) {
        close(fd);
        goto cleanup;
    }
    if (index_map_write(map, fp) < 0 || fflush(fp) != 0 ||
        fsync(fileno(fp)) < 0)
        goto cleanup;
    if (fclose(fp) != 0) {
        fp = NULL;
        goto cleanup;
    }
    fp = NULL;
    if (rename(tmp, map->im_path) < 0)
        goto cleanup;
    map->im_dirty = 0;
    ret = 0;
    index_map_sync_dir(map->im_path);

cleanup:
    if (fp)
        fclose(fp);
    if (ret < 0 && created)
        unlink(tmp);
    free(tmp);
    return ret;
}
