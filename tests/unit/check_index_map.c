/*
 * check_index_map.c: virtmibd's domain index state file
 * (agent/index_map.c): the strict reader, the end marker, the old
 * format, pruning, scale, and indexes that could not be saved.
 */

#include <config.h>

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "model/index_map.h"
#include "model/snapshot.h"
#include "util/uuid.h"

#define UUID_A "4dea22b3-1d52-d8f3-2516-782e98ab3fa0"
#define UUID_B "4dea22b3-1d52-d8f3-2516-782e98ab3fa1"
#define UUID_C "4dea22b3-1d52-d8f3-2516-782e98ab3fa2"
#define BIG    200000

static char dir[256];
static char path[300];

static void setup(void);
static void teardown(void);
static void write_file(const char *text);
static char *read_file(void);
static struct index_map *open_ok(void);
static void open_refused(const char *what, const char *want);
static unsigned int lookup(const struct index_map *m, const char *uuid);
static void big_uuid(size_t i, unsigned char *uuid);
static void quiet_errors(void *userdata, virErrorPtr err);
Suite *index_map_suite(void);

static void
setup(void)
{
    snprintf(dir, sizeof(dir), "%s/index-map-%ld", ABS_BUILDDIR,
             (long)getpid());
    mkdir(dir, 0700);
    snprintf(path, sizeof(path), "%s/index.map", dir);
    unlink(path);
}

static void
teardown(void)
{
    char cmd[400];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void
write_file(const char *text)
{
    FILE *fp = fopen(path, "w");

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_ge(fputs(text, fp), 0);
    ck_assert_int_eq(fclose(fp), 0);
}

/* The whole state file, caller frees. */
static char *
read_file(void)
{
    FILE *fp = fopen(path, "r");
    char *buf;
    long n;

    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = calloc(1, (size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return buf;
}

static struct index_map *
open_ok(void)
{
    struct index_map *m = index_map_open(path);

    ck_assert_msg(m != NULL, "refused: %s", index_map_open_error());
    return m;
}

/* @what is refused with an error that contains @want. */
static void
open_refused(const char *what, const char *want)
{
    struct index_map *m;

    write_file(what);
    m = index_map_open(path);
    if (m)
        index_map_free(m);
    ck_assert_msg(m == NULL, "accepted: %s", what);
    ck_assert_msg(strstr(index_map_open_error(), want) != NULL,
                  "error '%s' lacks '%s' for: %s", index_map_open_error(), want,
                  what);
}

static unsigned int
lookup(const struct index_map *m, const char *uuid)
{
    unsigned char u[SNAP_UUID_LEN];

    ck_assert_int_eq(virUUIDParse(uuid, u), 0);
    return index_map_lookup(m, u);
}

static void
big_uuid(size_t i, unsigned char *uuid)
{
    memset(uuid, 0x5a, SNAP_UUID_LEN);
    uuid[12] = (unsigned char)(i >> 24);
    uuid[13] = (unsigned char)(i >> 16);
    uuid[14] = (unsigned char)(i >> 8);
    uuid[15] = (unsigned char)i;
}

static void
quiet_errors(void *userdata, virErrorPtr err)
{
    (void)userdata;
    (void)err;
}

/* -------------------------------------------------------------- reader */

/* A comment of any length; an error after it names its own line. */
START_TEST(test_long_lines)
{
    size_t len = _i == 0 ? 255 : 100000;
    char *text = malloc(len + 200);
    struct index_map *m;
    char want[400];

    ck_assert_ptr_nonnull(text);
    text[0] = '#';
    memset(text + 1, 'x', len - 1);
    snprintf(text + len, 200, "\nnext 3\n" UUID_A " 2 p\n");
    write_file(text);
    m = open_ok();
    ck_assert_uint_eq(lookup(m, UUID_A), 2);
    index_map_free(m);

    snprintf(text + len, 200, "\nnext 3\n" UUID_A " 2 q\n");
    snprintf(want, sizeof(want), "%s:3: ", path);
    open_refused(text, want);
    free(text);
}
END_TEST

START_TEST(test_not_regular)
{
    struct index_map *m;

    ck_assert_int_eq(mkfifo(path, 0600), 0);
    m = index_map_open(path); /* hung here before, with no writer */
    ck_assert_ptr_null(m);
    ck_assert_ptr_nonnull(strstr(index_map_open_error(), "not a regular"));
    unlink(path);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    ck_assert_ptr_null(index_map_open(path));
    ck_assert_ptr_nonnull(strstr(index_map_open_error(), "not a regular"));
    rmdir(path);
}
END_TEST

START_TEST(test_strict)
{
    static const char *const bad[] = {
        "next 5 x\n",
        "next +5\n",
        "next  5\n",
        "next 5\n" UUID_A " 1 p junk\n",
        "next 5\n" UUID_A " 1 px\n",
        "next 5\n" UUID_A " 1 p \n",
        "next 5\n" UUID_A "  1 p\n",
        "next 5\n" UUID_A " 01x p\n",
        "next 5\n" UUID_A "x 1 p\n",
        "next 5\n" UUID_A " 2147483648 p\n",
        "next 5\nnext 6\n",
        "version 2\nnext 5\n" UUID_A " 1 p\nend 1\n" UUID_B " 2 p\n",
        "version 2\nnext 5\n" UUID_A " 1 p 12 x\nend 1\n",
        "version 2\nnext 5\n" UUID_A " 1 p\nend 1\n",
        "version 3\nnext 5\nend 0\n",
        "next 5\nversion 2\nend 0\n",
    };
    static const char nul[] = "next 5\n" UUID_A " 1 p\0\n";
    size_t i;
    FILE *fp;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        open_refused(bad[i], path);
    fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(nul, 1, sizeof(nul) - 1, fp), sizeof(nul) - 1);
    fclose(fp);
    ck_assert_ptr_null(index_map_open(path));
    ck_assert_ptr_nonnull(strstr(index_map_open_error(), ":2: a NUL"));
    open_refused("next 5\n" UUID_A " 1 p junk\n", ":2: trailing");
}
END_TEST

START_TEST(test_duplicates)
{
    char want[400];

    snprintf(want, sizeof(want), "%s:4: index 2 listed twice (first at line 2)",
             path);
    open_refused("next 9\n" UUID_A " 2 p\n" UUID_B " 3 p\n" UUID_C " 2 t\n",
                 want);
    open_refused("next 9\n" UUID_A " 2 p\n" UUID_A " 3 p\n", ":3: a uuid");
}
END_TEST

/* A file cut anywhere, at a line end too, is refused, never half used. */
START_TEST(test_truncated)
{
    struct index_map *m = open_ok();
    enum snap_persistence p = SNAP_PERSISTENT;
    unsigned char u[SNAP_UUID_LEN];
    const char *uuids[] = { UUID_A, UUID_B, UUID_C };
    char *text, *copy, *cut;
    size_t i;

    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(virUUIDParse(uuids[i], u), 0);
        ck_assert_uint_eq(index_map_assign(m, u, &p), i + 1);
    }
    ck_assert_int_eq(index_map_save(m), 0);
    index_map_free(m);
    text = read_file();
    copy = strdup(text);
    ck_assert_ptr_nonnull(copy);
    /* after the second entry's line */
    cut = strstr(text, UUID_B);
    ck_assert_ptr_nonnull(cut);
    cut = strchr(cut, '\n') + 1;
    *cut = '\0';
    open_refused(text, "cut short");
    open_refused("", "empty or cut short");
    open_refused("# virtmibd domain index map\n", "empty or cut short");
    /* in the end line: "end 3" cut to "end " */
    cut = strstr(copy, "end 3\n");
    ck_assert_ptr_nonnull(cut);
    cut[4] = '\0';
    open_refused(copy, path);
    /* before the end line */
    cut[0] = '\0';
    open_refused(copy, "cut short");
    free(text);
    free(copy);
}
END_TEST

/* ------------------------------------------------------ format, upgrade */

START_TEST(test_old_format)
{
    struct index_map *m;
    char *text;

    write_file("# virtmibd domain index map: uuid index persistence\n"
               "next 7\n" UUID_A " 3 p\n" UUID_B " 5 t\n\n");
    m = open_ok();
    ck_assert_uint_eq(lookup(m, UUID_A), 3);
    ck_assert_uint_eq(lookup(m, UUID_B), 5);
    ck_assert_int_eq(index_map_save(m), 0); /* rewritten: it is old */
    index_map_free(m);
    text = read_file();
    ck_assert_ptr_nonnull(strstr(text, "\nversion 2\nnext 7\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nend 2\n"));
    free(text);
    m = open_ok();
    ck_assert_uint_eq(lookup(m, UUID_A), 3);
    ck_assert_uint_eq(lookup(m, UUID_B), 5);
    index_map_free(m);
}
END_TEST

/* Entries of domains long gone go; their indexes are not handed out. */
START_TEST(test_prune)
{
    long long now = (long long)time(NULL);
    long long old = now - (INDEX_MAP_PRUNE_DAYS + 1) * 86400LL;
    enum snap_persistence p = SNAP_PERSISTENT;
    unsigned char u[SNAP_UUID_LEN];
    struct index_map *m;
    char text[512];

    snprintf(text, sizeof(text),
             "version 2\nnext 9\n" UUID_A " 3 p %lld\n" UUID_B " 8 p %lld\n"
             "end 2\n",
             now, old);
    write_file(text);
    m = open_ok();
    ck_assert_uint_eq(index_map_pruned(m), 1);
    ck_assert_uint_eq(lookup(m, UUID_A), 3);
    ck_assert_uint_eq(lookup(m, UUID_B), 0);
    ck_assert_int_eq(virUUIDParse(UUID_B, u), 0);
    ck_assert_uint_eq(index_map_assign(m, u, &p), 9); /* not 8 again */
    ck_assert_int_eq(index_map_save(m), 0);
    index_map_free(m);
    m = open_ok();
    ck_assert_uint_eq(lookup(m, UUID_B), 9);
    index_map_free(m);

    /* an agent stopped for a year forgets nothing: B was seen 60 days
     * before the last sighting the file records */
    snprintf(text, sizeof(text),
             "version 2\nnext 9\n" UUID_A " 3 p %lld\n" UUID_B " 8 p %lld\n"
             "end 2\n",
             now - 365 * 86400LL, now - 425 * 86400LL);
    write_file(text);
    m = open_ok();
    ck_assert_uint_eq(index_map_pruned(m), 0);
    ck_assert_uint_eq(lookup(m, UUID_B), 8);
    index_map_free(m);
}
END_TEST

/* Start-up reads a big file whole and right (its time is in bench/). */
START_TEST(test_big)
{
    enum snap_persistence p = SNAP_TRANSIENT;
    unsigned char u[SNAP_UUID_LEN];
    struct index_map *m = open_ok();
    size_t i;

    for (i = 0; i < BIG; i++) {
        big_uuid(i, u);
        ck_assert_uint_eq(index_map_assign(m, u, &p), i + 1);
    }
    ck_assert_int_eq(index_map_save(m), 0);
    index_map_free(m);
    m = open_ok();
    for (i = 0; i < BIG; i++) {
        big_uuid(i, u);
        ck_assert_uint_eq(index_map_lookup(m, u), i + 1);
    }
    big_uuid(BIG, u);
    ck_assert_uint_eq(index_map_assign(m, u, &p), BIG + 1);
    index_map_free(m);
}
END_TEST

/* ------------------------------------------------------ unsaved indexes */

START_TEST(test_unsaved)
{
    enum snap_persistence p = SNAP_PERSISTENT;
    unsigned char u[SNAP_UUID_LEN];
    struct index_map *m;

    snprintf(path, sizeof(path), "%s/later/index.map", dir);
    m = open_ok(); /* no file yet: an empty map */
    ck_assert_int_eq(virUUIDParse(UUID_A, u), 0);
    ck_assert_uint_eq(index_map_assign(m, u, &p), 1);
    ck_assert_int_eq(index_map_saved(m, u), 0);
    ck_assert_int_eq(index_map_save(m), -1);
    ck_assert_int_eq(index_map_saved(m, u), 0);
    ck_assert_uint_eq(index_map_unsaved(m), 1);
    ck_assert_ptr_nonnull(strstr(index_map_save_error(m), path));
    ck_assert_ptr_nonnull(strstr(index_map_save_error(m), strerror(ENOENT)));
    snprintf(path, sizeof(path), "%s/later", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    ck_assert_int_eq(index_map_save(m), 0);
    ck_assert_int_eq(index_map_saved(m, u), 1);
    ck_assert_uint_eq(index_map_unsaved(m), 0);
    index_map_free(m);
    /* kept in memory only: nothing to save, nothing hidden */
    m = index_map_open(NULL);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(index_map_assign(m, u, &p), 1);
    ck_assert_int_eq(index_map_saved(m, u), 1);
    index_map_free(m);
}
END_TEST

/* Domains whose index is not saved are left out of the snapshot. */
START_TEST(test_hide_unsaved)
{
    virConnectPtr conn;
    struct snapshot *snap;
    struct index_map *m;
    size_t n;

    virSetErrorFunc(NULL, quiet_errors);
    conn = virConnectOpen("test:///default");
    ck_assert_ptr_nonnull(conn);
    snprintf(path, sizeof(path), "%s/missing/index.map", dir);
    m = open_ok();
    snap = snapshot_take(conn, m);
    ck_assert_ptr_nonnull(snap);
    n = snap->ss_ndomains;
    ck_assert_uint_gt(n, 0);
    ck_assert_int_eq(index_map_save(m), -1);
    ck_assert_uint_eq(snapshot_hide_unsaved(snap, m), n);
    ck_assert_uint_eq(snap->ss_ndomains, 0);
    ck_assert_uint_eq(snap->ss_nactive, 0);
    ck_assert_uint_eq(snap->ss_ndefined, 0);
    snapshot_free(snap);

    snprintf(path, sizeof(path), "%s/missing", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snap = snapshot_take(conn, m);
    ck_assert_ptr_nonnull(snap);
    ck_assert_int_eq(index_map_save(m), 0);
    ck_assert_uint_eq(snapshot_hide_unsaved(snap, m), 0);
    ck_assert_uint_eq(snap->ss_ndomains, n);
    ck_assert_uint_eq(snap->ss_domains[0].sd_index, 1);
    snapshot_free(snap);
    index_map_free(m);
    virConnectClose(conn);
}
END_TEST

/* The save leaves no temporary file behind. */
START_TEST(test_save_clean)
{
    enum snap_persistence p = SNAP_PERSISTENT;
    unsigned char u[SNAP_UUID_LEN];
    struct index_map *m = open_ok();
    char cmd[400];

    ck_assert_int_eq(virUUIDParse(UUID_A, u), 0);
    index_map_assign(m, u, &p);
    ck_assert_int_eq(index_map_save(m), 0);
    index_map_free(m);
    snprintf(cmd, sizeof(cmd), "test \"$(ls '%s')\" = index.map", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *
index_map_suite(void)
{
    Suite *s = suite_create("index_map");
    TCase *tc;

    tc = tcase_create("reader");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_long_lines, 0, 2);
    tcase_add_test(tc, test_not_regular);
    tcase_add_test(tc, test_strict);
    tcase_add_test(tc, test_duplicates);
    tcase_add_test(tc, test_truncated);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_old_format);
    tcase_add_test(tc, test_prune);
    tcase_add_test(tc, test_save_clean);
    suite_add_tcase(s, tc);

    /* generous: valgrind runs it too, and the machine may be busy */
    tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_big);
    suite_add_tcase(s, tc);

    tc = tcase_create("unsaved");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_unsaved);
    tcase_add_test(tc, test_hide_unsaved);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(index_map_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
