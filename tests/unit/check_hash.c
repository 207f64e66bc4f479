/*
 * check_hash.c: the hash table behind O(1) domain lookups.
 */

#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

static Suite *hash_suite(void);

START_TEST(test_hash_add_lookup_remove)
{
    virHashTablePtr t = virHashCreate(0);
    int a = 1, b = 2;

    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(virHashAddStr(t, "web1", &a), 0);
    ck_assert_int_eq(virHashAddStr(t, "web2", &b), 0);
    ck_assert_ptr_eq(virHashLookupStr(t, "web1"), &a);
    ck_assert_ptr_eq(virHashLookupStr(t, "web2"), &b);
    ck_assert_ptr_null(virHashLookupStr(t, "web3"));
    ck_assert_uint_eq(virHashSize(t), 2);
    /* A duplicate key is refused and the old value kept. */
    ck_assert_int_eq(virHashAddStr(t, "web1", &b), -1);
    ck_assert_ptr_eq(virHashLookupStr(t, "web1"), &a);
    ck_assert_ptr_eq(virHashRemoveStr(t, "web1"), &a);
    ck_assert_ptr_null(virHashRemoveStr(t, "web1"));
    ck_assert_ptr_null(virHashLookupStr(t, "web1"));
    ck_assert_uint_eq(virHashSize(t), 1);
    virHashFree(t);
}
END_TEST

START_TEST(test_hash_binary_keys)
{
    virHashTablePtr t = virHashCreate(4);
    unsigned char k1[4] = { 0, 1, 0, 2 };
    unsigned char k2[4] = { 0, 1, 0, 3 };
    int v = 7;

    ck_assert_int_eq(virHashAdd(t, k1, sizeof(k1), &v), 0);
    ck_assert_ptr_eq(virHashLookup(t, k1, sizeof(k1)), &v);
    ck_assert_ptr_null(virHashLookup(t, k2, sizeof(k2)));
    /* Same bytes, shorter length: a different key. */
    ck_assert_ptr_null(virHashLookup(t, k1, 3));
    virHashFree(t);
}
END_TEST

START_TEST(test_hash_grows_to_10000)
{
    virHashTablePtr t = virHashCreate(0);
    char key[32];
    int i;
    static int values[10000];

    for (i = 0; i < 10000; i++) {
        values[i] = i;
        snprintf(key, sizeof(key), "dom%05d", i);
        ck_assert_int_eq(virHashAddStr(t, key, &values[i]), 0);
    }
    ck_assert_uint_eq(virHashSize(t), 10000);
    for (i = 0; i < 10000; i++) {
        snprintf(key, sizeof(key), "dom%05d", i);
        ck_assert_ptr_eq(virHashLookupStr(t, key), &values[i]);
    }
    for (i = 0; i < 10000; i += 2) {
        snprintf(key, sizeof(key), "dom%05d", i);
        ck_assert_ptr_eq(virHashRemoveStr(t, key), &values[i]);
    }
    ck_assert_uint_eq(virHashSize(t), 5000);
    snprintf(key, sizeof(key), "dom%05d", 9999);
    ck_assert_ptr_eq(virHashLookupStr(t, key), &values[9999]);
    virHashFree(t);
}
END_TEST

START_TEST(test_hash_null_arguments)
{
    int v = 0;

    ck_assert_int_eq(virHashAdd(NULL, "a", 1, &v), -1);
    ck_assert_ptr_null(virHashLookup(NULL, "a", 1));
    ck_assert_ptr_null(virHashRemove(NULL, "a", 1));
    ck_assert_uint_eq(virHashSize(NULL), 0);
    virHashFree(NULL);
}
END_TEST

static Suite *
hash_suite(void)
{
    Suite *s = suite_create("hash");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");
    TCase *args = tcase_create("argument errors");

    tcase_add_test(core, test_hash_add_lookup_remove);
    tcase_add_test(core, test_hash_binary_keys);
    tcase_add_test(limits, test_hash_grows_to_10000);
    tcase_add_test(args, test_hash_null_arguments);
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    suite_add_tcase(s, args);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(hash_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
