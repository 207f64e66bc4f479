#!/bin/bash
# run.sh: the robustness suite (make check-robustness).  Runs each test
# script of tests/robustness with a time limit, keeps its output in
# NAME.log with an automake-style NAME.trs beside it (in the build tree's
# tests/robustness, where quickstart's count() finds them), and ends with
# the figures every script printed.
#
# Environment: abs_top_srcdir, abs_top_builddir; ROBUSTNESS_TESTS (a
# subset, e.g. "access faults"); FUZZ_SECONDS, BADSETS_COUNT,
# LOAD_SECONDS shorten the runs locally; BADSETS_SEED, LOAD_SEED,
# FAULTS_SEED repeat a run (each script prints its seed and hash).
set -u

: "${abs_top_srcdir:?}" "${abs_top_builddir:?}"
export abs_top_srcdir abs_top_builddir
TESTS=${ROBUSTNESS_TESTS:-seeds fuzz badsets access faults stall load}
OUT=$abs_top_builddir/tests/robustness
mkdir -p "$OUT"
pass=0
fail=0
skip=0
start=$(date +%s)
for t in $TESTS; do
    log=$OUT/$t.log
    t0=$(date +%s)
    echo "robustness: $t ..."
    timeout -k 30 1200 "$abs_top_srcdir/tests/robustness/$t.sh" >"$log" 2>&1
    rc=$?
    case $rc in
    0) res=PASS pass=$((pass + 1)) ;;
    77) res=SKIP skip=$((skip + 1)) ;;
    *) res=FAIL fail=$((fail + 1)) ;;
    esac
    printf ':test-result: %s\n:global-test-result: %s\n' "$res" "$res" \
        >"$OUT/$t.trs"
    echo "$res: $t ($(($(date +%s) - t0)) s)"
    [ $res = FAIL ] && tail -n 30 "$log"
done
echo
echo "robustness figures:"
for t in $TESTS; do
    grep -hE '^(seeds|fuzz|badsets|load|faults|access|stall)[ :]' "$OUT/$t.log" 2>/dev/null |
        sed 's/^/  /'
done
echo "robustness: $pass passed, $fail failed, $skip skipped in" \
    "$(($(date +%s) - start)) s"
[ $fail -eq 0 ]
