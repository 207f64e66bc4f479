/*
 * check_virterror.c: the error API (virterror.h) and the error table.
 */

#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static Suite *virterror_suite(void);
static void counting_handler(void *userData, virErrorPtr err);
static char *capture_stderr(void (*fn)(void));
static void raise_one(void);

static int handler_calls;
static int handler_last_code;

static void
counting_handler(void *userData, virErrorPtr err)
{
    int *calls = userData;

    (*calls)++;
    handler_last_code = err->code;
}

/* Runs @fn with stderr sent to a temporary file; returns what it wrote. */
static char *
capture_stderr(void (*fn)(void))
{
    char path[] = "/tmp/check_virterror.XXXXXX";
    int fd = mkstemp(path);
    int saved = dup(STDERR_FILENO);
    char *text = NULL;
    size_t len;

    ck_assert_int_ge(fd, 0);
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    fn();
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    ck_assert_int_eq(virFileReadAll(path, 1 << 20, &text, &len), 0);
    unlink(path);
    return text;
}

static void
raise_one(void)
{
    virReportError(NULL, NULL, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
                   "cannot suspend domain '%s': domain is not running", "web1");
}

START_TEST(test_every_code_has_its_own_message)
{
    int code, other;
    const char *msg;

    for (code = VIR_ERR_OK; code <= VIR_ERR_AUTH_FAILED; code++) {
        msg = virErrorMessageForCode(code);
        ck_assert_msg(msg && *msg, "code %d has no message", code);
        for (other = VIR_ERR_OK; other < code; other++)
            ck_assert_msg(strcmp(msg, virErrorMessageForCode(other)) != 0,
                          "codes %d and %d share a message", code, other);
    }
    ck_assert_ptr_null(virErrorMessageForCode(-1));
    ck_assert_ptr_null(virErrorMessageForCode(VIR_ERR_AUTH_FAILED + 1));
}
END_TEST

START_TEST(test_codes_have_libvirt_values)
{
    /* Spot checks against libvirt's published numbering. */
    ck_assert_int_eq(VIR_ERR_NO_SUPPORT, 3);
    ck_assert_int_eq(VIR_ERR_INVALID_CONN, 6);
    ck_assert_int_eq(VIR_ERR_INVALID_DOMAIN, 7);
    ck_assert_int_eq(VIR_ERR_INVALID_ARG, 8);
    ck_assert_int_eq(VIR_ERR_XML_ERROR, 27);
    ck_assert_int_eq(VIR_ERR_OPERATION_DENIED, 29);
    ck_assert_int_eq(VIR_ERR_NO_DOMAIN, 42);
    ck_assert_int_eq(VIR_FROM_XML, 5);
    ck_assert_int_eq(VIR_FROM_TEST, 12);
}
END_TEST

START_TEST(test_report_sets_last_error)
{
    virErrorPtr err;

    virSetErrorFunc(&handler_calls, counting_handler);
    handler_calls = 0;
    virResetLastError();
    ck_assert_ptr_null(virGetLastError());
    raise_one();
    err = virGetLastError();
    ck_assert_ptr_nonnull(err);
    ck_assert_int_eq(err->code, VIR_ERR_OPERATION_FAILED);
    ck_assert_int_eq(err->domain, VIR_FROM_TEST);
    ck_assert_int_eq(err->level, VIR_ERR_ERROR);
    ck_assert_str_eq(err->message,
                     "cannot suspend domain 'web1': domain is not running");
    ck_assert_int_eq(handler_calls, 1);
    ck_assert_int_eq(handler_last_code, VIR_ERR_OPERATION_FAILED);
    virResetLastError();
    ck_assert_ptr_null(virGetLastError());
    virSetErrorFunc(NULL, NULL);
}
END_TEST

START_TEST(test_copy_last_error)
{
    virError copy;

    memset(&copy, 0, sizeof(copy));
    virSetErrorFunc(&handler_calls, counting_handler);
    virResetLastError();
    ck_assert_int_eq(virCopyLastError(&copy), 0);
    raise_one();
    ck_assert_int_eq(virCopyLastError(&copy), VIR_ERR_OPERATION_FAILED);
    virResetLastError();
    /* The copy owns its strings and outlives the reset. */
    ck_assert_str_eq(copy.message,
                     "cannot suspend domain 'web1': domain is not running");
    virResetError(&copy);
    ck_assert_ptr_null(copy.message);
    ck_assert_int_eq(copy.code, VIR_ERR_OK);
    ck_assert_int_eq(virCopyLastError(NULL), -1);
    virResetError(NULL);
    virSetErrorFunc(NULL, NULL);
}
END_TEST

START_TEST(test_silent_with_handler_prints_without)
{
    char *text;

    virSetErrorFunc(&handler_calls, counting_handler);
    text = capture_stderr(raise_one);
    ck_assert_str_eq(text, "");
    free(text);
    virSetErrorFunc(NULL, NULL);
    text = capture_stderr(raise_one);
    ck_assert_str_eq(text, "libvir: Test error : cannot suspend domain "
                           "'web1': domain is not running\n");
    free(text);
    virResetLastError();
}
END_TEST

START_TEST(test_conn_functions_refuse_bad_handles)
{
    virError copy;
    char junk[64];

    memset(&copy, 0, sizeof(copy));
    memset(junk, 0x5a, sizeof(junk));
    ck_assert_ptr_null(virConnGetLastError(NULL));
    ck_assert_ptr_null(virConnGetLastError((virConnectPtr)junk));
    ck_assert_int_eq(virConnCopyLastError(NULL, &copy), -1);
    ck_assert_int_eq(virConnCopyLastError((virConnectPtr)junk, &copy), -1);
    virConnResetLastError(NULL);
    virConnResetLastError((virConnectPtr)junk);
    virConnSetErrorFunc(NULL, NULL, counting_handler);
    virConnSetErrorFunc((virConnectPtr)junk, NULL, counting_handler);
    virDefaultErrorFunc(NULL);
}
END_TEST

static Suite *
virterror_suite(void)
{
    Suite *s = suite_create("virterror");
    TCase *table = tcase_create("table");
    TCase *core = tcase_create("core");
    TCase *args = tcase_create("argument errors");

    tcase_add_test(table, test_every_code_has_its_own_message);
    tcase_add_test(table, test_codes_have_libvirt_values);
    tcase_add_test(core, test_report_sets_last_error);
    tcase_add_test(core, test_copy_last_error);
    tcase_add_test(core, test_silent_with_handler_prints_without);
    tcase_add_test(args, test_conn_functions_refuse_bad_handles);
    suite_add_tcase(s, table);
    suite_add_tcase(s, core);
    suite_add_tcase(s, args);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(virterror_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
