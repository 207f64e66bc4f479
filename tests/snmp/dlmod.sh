#!/bin/sh
# dlmod.sh: VIRT-MIB inside the stock snmpd (agent/dlmod.c, loaded with
# "dlmod virtmib virtmib.so"): it serves the same table, a SET takes
# effect before the next request, the notification reaches snmptrapd,
# bad SETs get their error, and the index state file is written.
# snmpd's own reload (SIGHUP) unloads the module and loads it again: the
# virt* lines are read again (a new virtReadOnly applies), indexes stay.
. "$(dirname "$0")/harness.sh"

so=$abs_top_builddir/agent/.libs/${VIRTMIB_DLMOD:-virtmib}.so
[ -f "$so" ] || h_skip_or_fail "$so is not built"

# A sanitizer build of the module needs its runtimes loaded first, since
# snmpd itself is not instrumented; snmpd's own leaks are not ours.
H_SNMPD_ENV=
if [ -n "${SAN_CFLAGS:-}" ]; then
    H_SNMPD_ENV="env LD_PRELOAD=$(${CC:-cc} -print-file-name=libasan.so):$(${CC:-cc} -print-file-name=libubsan.so) ASAN_OPTIONS=detect_leaks=0"
fi

h_setup
h_start_trapd || exit 1
H_SNMPD_EXTRA="dlmod virtmib $so
virtURI test:///default
virtStateFile $STATE
virtPollInterval 1"
h_start_snmpd || exit 1

web1=$(h_index_of web1)
h_true "web1 has a row" test -n "$web1"
h_eq "web1's name" web1 "$(h_get VIRT-MIB::virtDomainName."$web1")"
h_eq "web1 is running" "running" \
    "$(h_get VIRT-MIB::virtDomainState."$web1")"
h_eq "node type" Test "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"

h_set VIRT-MIB::virtDomainAdminState."$web1" i paused >/dev/null
h_eq "pause SET answered" 0 "$?"
h_eq "web1 paused at once" "paused" \
    "$(h_get VIRT-MIB::virtDomainState."$web1")"
h_true "virtDomainPaused reached snmptrapd" \
    h_wait_log "$TRAPLOG" "virtDomainPaused"
h_set_error wrongValue VIRT-MIB::virtDomainAdminState."$web1" i 99
dom0=$(h_index_of Domain-0)
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$dom0" i 2
h_eq "web1 still paused" "paused" \
    "$(h_get VIRT-MIB::virtDomainState."$web1")"
h_true "index state file written" test -s "$STATE"
h_true "snmpd logged the module's start" \
    grep -q "virtmib: VIRT-MIB in snmpd" "$SNMPDLOG"

# --- snmpd's SIGHUP -----------------------------------------------------
echo "virtReadOnly yes" >>"$H_TMP/snmpd.conf"
kill -HUP "$SNMPD_PID"
i=0
while [ $i -lt 100 ] &&
    [ "$(grep -c 'virtmib: VIRT-MIB in snmpd' "$SNMPDLOG")" -lt 2 ]; do
    sleep 0.1
    i=$((i + 1))
done
h_eq "SIGHUP: the module started again" 2 \
    "$(grep -c 'virtmib: VIRT-MIB in snmpd' "$SNMPDLOG")"
h_true "SIGHUP: snmpd is still up" kill -0 "$SNMPD_PID"
h_eq "SIGHUP: web1 keeps its index" "$web1" "$(h_index_of web1)"
h_set_error notWritable VIRT-MIB::virtDomainAdminState."$web1" i 1
h_summary
