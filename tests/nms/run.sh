#!/bin/bash
# run.sh: the NMS stage (make check-nms).  Runs each NMS script of
# tests/nms against a live virtmibd, with a time limit, keeps its output
# in NAME.log with an automake-style NAME.trs beside it (in the build
# tree's tests/nms, where quickstart's count() finds them), and ends
# with the figures each script printed.
#
# Environment: abs_top_srcdir, abs_top_builddir; NMS_TESTS (a subset,
# e.g. "nagios snmptt").
set -u

: "${abs_top_srcdir:?}" "${abs_top_builddir:?}"
export abs_top_srcdir abs_top_builddir
TESTS=${NMS_TESTS:-selftest check_virtmib nagios icinga2 prometheus snmptt zabbix}
OUT=$abs_top_builddir/tests/nms
mkdir -p "$OUT"
pass=0
fail=0
skip=0
start=$(date +%s)
for t in $TESTS; do
    log=$OUT/$t.log
    t0=$(date +%s)
    echo "nms: $t ..."
    timeout -k 30 900 "$abs_top_srcdir/tests/nms/$t.sh" >"$log" 2>&1
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
echo "nms figures:"
for t in $TESTS; do
    grep -hE "^$t[ :]" "$OUT/$t.log" 2>/dev/null | sed 's/^/  /'
done
echo "nms: $pass passed, $fail failed, $skip skipped in" \
    "$(($(date +%s) - start)) s"
[ $fail -eq 0 ]
