#!/bin/bash
# stage.sh STAGE LIMIT TEST...: runs the test scripts of a stage that
# `make check` leaves out (tests/STAGE/TEST.sh: make check-robustness,
# make check-nms), each within LIMIT seconds.  Keeps each one's output in
# TEST.log with an automake-style TEST.trs beside it, in the build tree's
# tests/STAGE, where quickstart's count() finds them, and ends with the
# figures each script printed (its lines that begin "TEST:" or "TEST ").
# Exit 0 when none failed (a skip, 77, is not a failure here; under
# CI=true the scripts fail instead of skipping).
#
# Environment: abs_top_srcdir, abs_top_builddir.
set -u

: "${abs_top_srcdir:?}" "${abs_top_builddir:?}"
export abs_top_srcdir abs_top_builddir
STAGE=$1
LIMIT=$2
shift 2
OUT=$abs_top_builddir/tests/$STAGE
mkdir -p "$OUT"
pass=0
fail=0
skip=0
start=$(date +%s)
for t in "$@"; do
    log=$OUT/$t.log
    t0=$(date +%s)
    echo "$STAGE: $t ..."
    timeout -k 30 "$LIMIT" "$abs_top_srcdir/tests/$STAGE/$t.sh" >"$log" 2>&1
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
echo "$STAGE figures:"
for t in "$@"; do
    grep -hE "^$t[ :]" "$OUT/$t.log" 2>/dev/null | sed 's/^/  /'
done
echo "$STAGE: $pass passed, $fail failed, $skip skipped in" \
    "$(($(date +%s) - start)) s"
[ $fail -eq 0 ]
