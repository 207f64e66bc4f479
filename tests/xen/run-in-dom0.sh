#!/bin/sh
# run-in-dom0.sh: copied into the host share as run.sh; dom0-init runs it
# as root in domain 0.  Runs the Check suite of the xen driver with a
# private config directory, bounded by a timeout, and writes the outcome
# back to the host: /host/RESULT ("rc=N") and /host/check_xen.log.
cd /host || exit 1
export LD_LIBRARY_PATH=/host/lib
export VIRTMIB_XEN_CONFDIR=/tmp/virtmib-xen
export CK_DEFAULT_TIMEOUT=240
# Optional settings from the host (e.g. CK_RUN_CASE=guest)
[ -f /host/env ] && . /host/env
up() { cut -d' ' -f1 /proc/uptime; }
echo "RUN-IN-DOM0: start at $(up)s"
rm -f /host/RESULT
timeout -s KILL "${XT_SUITE_TIMEOUT:-540}" ./check_xen >/host/check_xen.log 2>&1
rc=$?
echo "RUN-IN-DOM0: check_xen rc=$rc at $(up)s"
grep -E '^TIME|%:|Checks' /host/check_xen.log
grep -E ':[EF]:' /host/check_xen.log | head -20
echo "--- xl list"; xl list
mkdir -p /host/console
cp /var/log/xen/console/guest-*.log /host/console/ 2>/dev/null
echo "rc=$rc" >/host/RESULT
sync
