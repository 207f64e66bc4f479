#!/bin/sh
# run-in-dom0.sh: copied into the host share as run.sh; dom0-init runs it
# as root in domain 0.  Runs the stages in $XT_STAGES (default both), each
# bounded by a timeout, and writes the outcome back to the host:
#   check_xen  the Check suite of the xen driver with a private config
#              directory; log in /host/check_xen.log
#   snmp       snmp-in-dom0.sh: snmpd, snmptrapd and virtmibd on xen:///
#              driven by the net-snmp tools; log in /host/snmp.log
# /host/RESULT gets one "STAGE rc=N" line per stage run, /host/dmesg.log
# dom0's kernel log.
cd /host || exit 1
export LD_LIBRARY_PATH=/host/lib
export VIRTMIB_XEN_CONFDIR=/tmp/virtmib-xen
export CK_DEFAULT_TIMEOUT=240
# every Check timeout (tcase_set_timeout too) doubled: a loaded host
export CK_TIMEOUT_MULTIPLIER=2
# Optional settings from the host (e.g. CK_RUN_CASE=guest)
[ -f /host/env ] && . /host/env
up() { cut -d' ' -f1 /proc/uptime; }
echo "RUN-IN-DOM0: start at $(up)s"
rm -f /host/RESULT

run_check_xen() {
    timeout -s KILL "${XT_SUITE_TIMEOUT:-1200}" ./check_xen \
        >/host/check_xen.log 2>&1
    rc=$?
    echo "RUN-IN-DOM0: check_xen rc=$rc at $(up)s"
    grep -E '^TIME|%:|Checks' /host/check_xen.log
    grep -E ':[EF]:' /host/check_xen.log | head -20
    echo "check_xen rc=$rc" >>/host/RESULT
}

# TERM first so that the script's EXIT trap stops snmpd and virtmibd.
run_snmp() {
    timeout -k 10 "${XT_SNMP_TIMEOUT:-1800}" ./snmp-in-dom0.sh \
        >/host/snmp.log 2>&1
    rc=$?
    echo "RUN-IN-DOM0: snmp rc=$rc at $(up)s"
    grep -E '^(FAIL|SNMP-IN-DOM0)|passed,' /host/snmp.log | head -40
    echo "snmp rc=$rc" >>/host/RESULT
}

for stage in ${XT_STAGES:-check_xen snmp}; do
    case $stage in
    check_xen) run_check_xen ;;
    snmp) run_snmp ;;
    *) echo "RUN-IN-DOM0: unknown stage $stage" && echo "$stage rc=2" >>/host/RESULT ;;
    esac
done
echo "--- xl list"; xl list
# The kernel names any process that died of a signal (binary, library,
# faulting address): dom0 processes have segfaulted now and then under TCG.
dmesg >/host/dmesg.log
grep -E 'segfault|general protection|trap ' /host/dmesg.log | head -10
mkdir -p /host/console
cp /var/log/xen/console/guest-*.log /host/console/ 2>/dev/null
sync
