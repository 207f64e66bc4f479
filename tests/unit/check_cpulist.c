/*
 * check_cpulist.c: the CPU list parser and formatter of vsh
 * (tools/cpulist.c): CPUs 0, 7, 8 and the last one, ranges, exclusions,
 * every kind of malformed list, and round trips.
 */

#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpulist.h"

#define MAPLEN 8 /* room for 64 cpus */

/* Parses @str for @ncpus into a map pre-filled with garbage. */
static int parse(const char *str, unsigned int ncpus, unsigned char *map,
                 char *err);
/* Formats the first @ncpus of @map and compares with @expect. */
static void check_format(const unsigned char *map, unsigned int ncpus,
                         const char *expect);
Suite *cpulist_suite(void);


static int
parse(const char *str, unsigned int ncpus, unsigned char *map, char *err)
{
    memset(map, 0xA5, MAPLEN);
    return vshCpuListParse(str, ncpus, map, MAPLEN, err, VSH_CPULIST_ERRLEN);
}

static void
check_format(const unsigned char *map, unsigned int ncpus, const char *expect)
{
    char *s = vshCpuListFormat(map, MAPLEN, ncpus);

    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, expect);
    free(s);
}

/* ------------------------------------------------------------ parse */

START_TEST(test_parse_single_cpus)
{
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];
    static const unsigned char none[MAPLEN] = { 0 };

    ck_assert_int_eq(parse("0", 16, map, err), 1);
    ck_assert_uint_eq(map[0], 0x01);
    ck_assert_uint_eq(map[1], 0x00);
    ck_assert_int_eq(parse("7", 16, map, err), 1);
    ck_assert_uint_eq(map[0], 0x80);
    ck_assert_uint_eq(map[1], 0x00);
    ck_assert_int_eq(parse("8", 16, map, err), 1);
    ck_assert_uint_eq(map[0], 0x00);
    ck_assert_uint_eq(map[1], 0x01);
    /* the last cpu of a 12-cpu host: bit 3 of byte 1 */
    ck_assert_int_eq(parse("11", 12, map, err), 1);
    ck_assert_uint_eq(map[0], 0x00);
    ck_assert_uint_eq(map[1], 0x08);
    /* the last cpu of a 64-cpu host: bit 7 of byte 7 */
    ck_assert_int_eq(parse("63", 64, map, err), 1);
    ck_assert_uint_eq(map[7], 0x80);
    ck_assert_int_eq(memcmp(map, none, 7), 0);
    /* leading zeros are still decimal */
    ck_assert_int_eq(parse("010", 16, map, err), 1);
    ck_assert_uint_eq(map[1], 0x04);
}
END_TEST

START_TEST(test_parse_ranges)
{
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];

    ck_assert_int_eq(parse("0-3", 8, map, err), 4);
    ck_assert_uint_eq(map[0], 0x0F);
    ck_assert_int_eq(parse("0-3,6", 8, map, err), 5);
    ck_assert_uint_eq(map[0], 0x4F);
    ck_assert_int_eq(parse("6-9", 16, map, err), 4);
    ck_assert_uint_eq(map[0], 0xC0);
    ck_assert_uint_eq(map[1], 0x03);
    ck_assert_int_eq(parse("5-5", 8, map, err), 1);
    ck_assert_uint_eq(map[0], 0x20);
    ck_assert_int_eq(parse("0-7", 8, map, err), 8);
    ck_assert_uint_eq(map[0], 0xFF);
    /* overlaps and repeats count once */
    ck_assert_int_eq(parse("1,1,0-2,2", 8, map, err), 3);
    ck_assert_uint_eq(map[0], 0x07);
}
END_TEST

START_TEST(test_parse_exclusions)
{
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];

    ck_assert_int_eq(parse("0-7,^3", 8, map, err), 7);
    ck_assert_uint_eq(map[0], 0xF7);
    /* exclusions apply after selections, wherever they stand */
    ck_assert_int_eq(parse("^3,0-7", 8, map, err), 7);
    ck_assert_uint_eq(map[0], 0xF7);
    ck_assert_int_eq(parse("0-15,^4-11", 16, map, err), 8);
    ck_assert_uint_eq(map[0], 0x0F);
    ck_assert_uint_eq(map[1], 0xF0);
    ck_assert_int_eq(parse("0-7,^0,^7", 8, map, err), 6);
    ck_assert_uint_eq(map[0], 0x7E);
    /* excluding what was not selected changes nothing */
    ck_assert_int_eq(parse("1,^5", 8, map, err), 1);
    ck_assert_uint_eq(map[0], 0x02);
}
END_TEST

START_TEST(test_parse_clears_whole_map)
{
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];
    size_t i;

    /* a 4-cpu host, 8-byte map: every byte past the list is cleared */
    ck_assert_int_eq(parse("2", 4, map, err), 1);
    ck_assert_uint_eq(map[0], 0x04);
    for (i = 1; i < MAPLEN; i++)
        ck_assert_uint_eq(map[i], 0);
}
END_TEST

/* ------------------------------------------------------------ errors */

/* Each bad list with a piece of the message it must give. */
static const struct {
    const char *list;
    unsigned int ncpus;
    const char *msg;
} bad_lists[] = {
    { "", 8, "empty cpu list" },
    { ",", 8, "missing cpu number at offset 0" },
    { ",0", 8, "missing cpu number at offset 0" },
    { "0,", 8, "missing cpu number at offset 2" },
    { "0,,1", 8, "missing cpu number at offset 2" },
    { "8", 8, "cpu '8' is out of range: the host has cpus 0-7" },
    { "0-8", 8, "cpu '8' is out of range" },
    { "^8", 8, "cpu '8' is out of range" },
    { "64", 64, "out of range: the host has cpus 0-63" },
    { "1", 1, "cpu '1' is out of range: the host has cpus 0-0" },
    { "99999999999999999999999999", 8, "out of range" },
    { "3-1", 8, "invalid range 3-1" },
    { "-1", 8, "invalid character '-' at offset 0" },
    { "+1", 8, "invalid character '+' at offset 0" },
    { " 1", 8, "invalid character 0x20 at offset 0" },
    { "1 ", 8, "invalid character 0x20 at offset 1" },
    { "1\n", 8, "invalid character 0x0a at offset 1" },
    { "12abc", 16, "invalid character 'a' at offset 2" },
    { "0x1", 8, "invalid character 'x' at offset 1" },
    { "1.5", 8, "invalid character '.' at offset 1" },
    { "a", 8, "invalid character 'a' at offset 0" },
    { "^", 8, "missing cpu number at offset 1" },
    { "^^1", 8, "invalid character '^' at offset 1" },
    { "0-", 8, "missing cpu number at offset 2" },
    { "0--1", 8, "invalid character '-' at offset 2" },
    { "0-1-2", 8, "invalid character '-' at offset 3" },
    { "1^2", 8, "invalid character '^' at offset 1" },
    { "^0", 8, "selects no cpu" },
    { "0-3,^0-3", 8, "selects no cpu" },
    { "\xff", 8, "invalid character 0xff at offset 0" },
};

START_TEST(test_parse_bad_lists)
{
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];
    const char *list = bad_lists[_i].list;

    ck_assert_int_eq(parse(list, bad_lists[_i].ncpus, map, err), -1);
    ck_assert_msg(strstr(err, bad_lists[_i].msg) != NULL,
                  "list '%s': message '%s' lacks '%s'", list, err,
                  bad_lists[_i].msg);
    ck_assert_ptr_null(strchr(err, '\n'));
}
END_TEST

START_TEST(test_parse_bad_arguments)
{
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];

    ck_assert_int_eq(vshCpuListParse(NULL, 8, map, 1, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "invalid arguments");
    ck_assert_int_eq(vshCpuListParse("0", 8, NULL, 1, err, sizeof(err)), -1);
    ck_assert_int_eq(vshCpuListParse("0", 0, map, 1, err, sizeof(err)), -1);
    /* 9 cpus need 2 bytes */
    ck_assert_int_eq(vshCpuListParse("0", 9, map, 1, err, sizeof(err)), -1);
    ck_assert_int_eq(vshCpuListParse("0", 9, map, 2, err, sizeof(err)), 1);
    /* no message buffer, or a tiny one: still safe */
    ck_assert_int_eq(vshCpuListParse("x", 8, map, 1, NULL, 0), -1);
    ck_assert_int_eq(vshCpuListParse("x", 8, map, 1, err, 4), -1);
    ck_assert_str_eq(err, "inv");
    ck_assert_int_eq(vshCpuListParse("1", 8, map, 1, NULL, 0), 1);
}
END_TEST

/* ------------------------------------------------------------ format */

START_TEST(test_format_single_cpus)
{
    unsigned char map[MAPLEN] = { 0 };

    map[0] = 0x01;
    check_format(map, 16, "0");
    map[0] = 0x80;
    check_format(map, 16, "7");
    map[0] = 0x00;
    map[1] = 0x01;
    check_format(map, 16, "8");
    map[1] = 0x08;
    check_format(map, 12, "11");
    memset(map, 0, sizeof(map));
    map[7] = 0x80;
    check_format(map, 64, "63");
}
END_TEST

START_TEST(test_format_ranges)
{
    unsigned char map[MAPLEN] = { 0 };

    map[0] = 0x0F;
    check_format(map, 8, "0-3");
    map[0] = 0x4F;
    check_format(map, 8, "0-3,6");
    map[0] = 0xF7;
    check_format(map, 8, "0-2,4-7");
    map[0] = 0xC3;
    map[1] = 0x03;
    check_format(map, 16, "0-1,6-9");
    map[0] = 0x55;
    map[1] = 0;
    check_format(map, 8, "0,2,4,6");
    memset(map, 0xFF, sizeof(map));
    check_format(map, 64, "0-63");
}
END_TEST

START_TEST(test_format_edges)
{
    unsigned char map[MAPLEN] = { 0 };

    check_format(map, 8, "");
    /* bits at or past ncpus are ignored */
    map[0] = 0xFF;
    check_format(map, 4, "0-3");
    check_format(map, 1, "0");
    ck_assert_ptr_null(vshCpuListFormat(NULL, 1, 8));
    ck_assert_ptr_null(vshCpuListFormat(map, 1, 9));
}
END_TEST

/* ------------------------------------------------------------ round trips */

/* Every map of an 8-cpu host, then pseudo-random 64-cpu maps. */
START_TEST(test_round_trip_maps)
{
    unsigned char map[MAPLEN] = { 0 }, back[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];
    unsigned long long seed = 0x9E3779B97F4A7C15ULL;
    char *s;
    int i, n;

    for (i = 1; i < 256 + 200; i++) {
        if (i < 256) {
            map[0] = (unsigned char)i;
        } else {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            memcpy(map, &seed, sizeof(map));
        }
        s = vshCpuListFormat(map, MAPLEN, i < 256 ? 8 : 64);
        ck_assert_ptr_nonnull(s);
        n = vshCpuListParse(s, i < 256 ? 8 : 64, back, MAPLEN, err,
                            sizeof(err));
        if (n < 0) /* only an all-zero random map gives "" */
            ck_assert_str_eq(s, "");
        else
            ck_assert_int_eq(memcmp(map, back, MAPLEN), 0);
        free(s);
    }
}
END_TEST

/* Lists come back in their shortest, sorted form. */
START_TEST(test_round_trip_canonical)
{
    static const char *const pairs[][2] = {
        { "0-7,^3", "0-2,4-7" }, { "7,6,5", "5-7" }, { "3,0-1,2", "0-3" },
        { "0,^1,1", "0" },       { "15", "15" },     { "8-8", "8" },
    };
    unsigned char map[MAPLEN];
    char err[VSH_CPULIST_ERRLEN];
    char *s;
    size_t i;

    for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        ck_assert_int_gt(parse(pairs[i][0], 16, map, err), 0);
        s = vshCpuListFormat(map, MAPLEN, 16);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_eq(s, pairs[i][1]);
        free(s);
    }
}
END_TEST

Suite *
cpulist_suite(void)
{
    Suite *s = suite_create("cpulist");
    TCase *tc;

    tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_single_cpus);
    tcase_add_test(tc, test_parse_ranges);
    tcase_add_test(tc, test_parse_exclusions);
    tcase_add_test(tc, test_parse_clears_whole_map);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_parse_bad_lists, 0,
                        (int)(sizeof(bad_lists) / sizeof(bad_lists[0])));
    tcase_add_test(tc, test_parse_bad_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_test(tc, test_format_single_cpus);
    tcase_add_test(tc, test_format_ranges);
    tcase_add_test(tc, test_format_edges);
    suite_add_tcase(s, tc);

    tc = tcase_create("round trip");
    tcase_add_test(tc, test_round_trip_maps);
    tcase_add_test(tc, test_round_trip_canonical);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(cpulist_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
