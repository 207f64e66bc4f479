#!/bin/bash
# check-xen.sh: the Xen stage, run by `make check-xen`.  Builds the test
# bed (tests/xen/build-testbed.sh), puts check_xen and the libraries it
# needs into a host share, boots Xen + dom0 under QEMU (boot.sh), and
# fails unless the suite passed inside dom0.
#   $1  the check_xen binary (built by make)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:?usage: check-xen.sh path/to/check_xen}
WORK=${XT_WORK:-/tmp/virtmib-xt}
SHARE=$WORK/share
T0=$SECONDS

if [ "$(id -u)" != 0 ]; then
    echo "check-xen: needs root (apt, dpkg-deb, QEMU's 9p share)" >&2
    exit 1
fi
"$HERE/build-testbed.sh" >"$WORK.build.log" 2>&1 || {
    tail -20 "$WORK.build.log"
    echo "check-xen: building the test bed failed" >&2
    exit 1
}
echo "check-xen: test bed ready after $((SECONDS - T0)) s"
rm -rf "$SHARE"
mkdir -p "$SHARE/lib"
cp "$BIN" "$SHARE/check_xen"
# The suite's own shared libraries (libxml2, libcheck, ...), so dom0 needs
# nothing beyond the toolstack.
ldd "$BIN" | awk '/=>/ && $3 ~ /^\// { print $3 }' | while read -r l; do
    cp -L "$l" "$SHARE/lib/"
done
cp "$HERE/run-in-dom0.sh" "$SHARE/run.sh"
# Check's own selection, passed on into dom0
for v in CK_RUN_CASE CK_RUN_SUITE CK_VERBOSITY VIRTMIB_XEN_DEBUG; do
    [ -n "${!v:-}" ] && echo "export $v='${!v}'" >>"$SHARE/env"
done
chmod +x "$SHARE/run.sh"
XT_SHARE=$SHARE XT_TIMEOUT=${XT_TIMEOUT:-660} "$HERE/boot.sh" \
    >"$WORK/serial.log" 2>&1
grep -E 'DOM0-|RUN-IN-DOM0|^ *[0-9.]+ (TIME|[0-9]+%)|:[EF]:' \
    "$WORK/serial.log"
echo "check-xen: finished after $((SECONDS - T0)) s (serial log:" \
    "$WORK/serial.log, suite log: $SHARE/check_xen.log)"
[ "$(cat "$SHARE/RESULT" 2>/dev/null)" = "rc=0" ]
