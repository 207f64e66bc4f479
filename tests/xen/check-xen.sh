#!/bin/bash
# check-xen.sh: the Xen stage, run by `make check-xen`.  Builds the test
# bed (tests/xen/build-testbed.sh), puts check_xen, virtmibd, net-snmp and
# the libraries they need into a host share, boots Xen + dom0 under QEMU
# (boot.sh), and fails unless every stage passed inside dom0: the Check
# suite and the SNMP checks (snmp-in-dom0.sh).
#   $1  the check_xen binary (built by make)
#   $2  the top build directory (virtmibd, libvir, the base MIBs)
#   XT_STAGES  the stages to run in dom0 (default "check_xen snmp")
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BIN=${1:?usage: check-xen.sh path/to/check_xen top_builddir}
TOP=${2:?usage: check-xen.sh path/to/check_xen top_builddir}
WORK=${XT_WORK:-/tmp/virtmib-xt}
OUT=${XT_OUT:-$WORK/out}
SHARE=$WORK/share
T0=$SECONDS

# Copies the shared libraries of binary $1 (LD_LIBRARY_PATH applies) into
# the share's lib/, so that dom0 needs nothing beyond the toolstack.
share_libs() {
    ldd "$1" | awk '/=>/ && $3 ~ /^\// { print $3 }' | while read -r l; do
        cp -L "$l" "$SHARE/lib/"
    done
}

# virtmibd and vsh as libtool built them (.libs/, linked against
# libvir.so.0), the net-snmp tools and MIB modules of the test bed,
# VIRT-MIB and the base modules, and the end-to-end harness and the
# VM-MIB checks that snmp-in-dom0.sh sources: the
# layout of a build tree (agent/, mibs/, mibs/base/) that harness.sh expects.
share_snmp() {
    local s=$SHARE/snmp
    mkdir -p "$s/agent"
    cp -a "$OUT/snmp/bin" "$OUT/snmp/mibs" "$s/"
    mkdir -p "$s/mibs/base"
    cp -a "$OUT/snmp/lib/." "$SHARE/lib/"
    cp "$TOP/agent/.libs/virtmibd" "$s/agent/virtmibd"
    cp -L "$TOP/lib/.libs/libvir.so.0" "$SHARE/lib/"
    LD_LIBRARY_PATH=$TOP/lib/.libs share_libs "$TOP/agent/.libs/virtmibd"
    cp "$SRC/mibs/VIRT-MIB.txt" "$s/mibs/"
    cp "$TOP"/mibs/base/*.txt "$s/mibs/base/"
    touch "$s/mibs/base/.stamp"
    cp "$SRC/tests/snmp/harness.sh" "$s/harness.sh"
    # the host's facts the harness sources, and the build's config.h
    # they are read from (libvir's build: test:///default, vsh)
    mkdir -p "$s/tests/snmp"
    cp "$SRC/tests/snmp/host.sh" "$s/tests/snmp/host.sh"
    cp "$TOP/config.h" "$s/config.h"
    cp "$HERE/snmp-in-dom0.sh" "$SHARE/snmp-in-dom0.sh"
    cp "$HERE/vm-in-dom0.sh" "$s/vm-in-dom0.sh"
    # vsh, for the VM-MIB checks against the library
    mkdir -p "$s/tools"
    cp "$TOP/tools/.libs/vsh" "$s/tools/vsh"
    LD_LIBRARY_PATH=$TOP/lib/.libs share_libs "$TOP/tools/.libs/vsh"
    chmod +x "$SHARE/snmp-in-dom0.sh"
}

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
# The suite's own shared libraries (libxml2, libcheck, ...)
share_libs "$BIN"
if [ ! -x "$TOP/agent/.libs/virtmibd" ] || [ ! -x "$TOP/tools/.libs/vsh" ] ||
    [ ! -f "$TOP/mibs/base/.stamp" ]; then
    echo "check-xen: virtmibd, vsh or the base MIBs were not built" >&2
    exit 1
fi
share_snmp
cp "$HERE/run-in-dom0.sh" "$SHARE/run.sh"
# Check's own selection and the stages, passed on into dom0
for v in CK_RUN_CASE CK_RUN_SUITE CK_VERBOSITY VIRTMIB_XEN_DEBUG XT_STAGES; do
    [ -n "${!v:-}" ] && echo "export $v='${!v}'" >>"$SHARE/env"
done
chmod +x "$SHARE/run.sh"
XT_OUT=$OUT XT_SHARE=$SHARE XT_TIMEOUT=${XT_TIMEOUT:-3300} "$HERE/boot.sh" \
    >"$WORK/serial.log" 2>&1
# The serial console shows progress; it can drop lines (Xen's console
# ring overflows when dom0 writes faster than the emulated UART drains),
# so the verdict and the counts come from the files dom0 wrote into the
# share over 9p.
grep -E 'DOM0-|RUN-IN-DOM0|SNMP-IN-DOM0|segfault|^ *[0-9.]+ TIME' \
    "$WORK/serial.log"
echo "check-xen: finished after $((SECONDS - T0)) s (serial log:" \
    "$WORK/serial.log, logs: $SHARE/check_xen.log, $SHARE/snmp.log)"
echo "check-xen: results from the share:"
cat "$SHARE/RESULT" 2>/dev/null || echo "no RESULT: dom0 did not finish"
[ -f "$SHARE/check_xen.log" ] &&
    grep -E '^[0-9]+%: Checks|:[EF]:' "$SHARE/check_xen.log"
[ -f "$SHARE/snmp.log" ] && grep -E '^FAIL|passed,' "$SHARE/snmp.log"
# RESULT has one "STAGE rc=N" line per stage run: all must be rc=0.
if [ -s "$SHARE/RESULT" ] && ! grep -qv ' rc=0$' "$SHARE/RESULT"; then
    exit 0
fi
# What the guests printed, to tell our failure from the guest's
for f in "$SHARE"/console/guest-*.log; do
    [ -f "$f" ] || continue
    echo "--- last lines of ${f##*/}"
    tail -15 "$f"
done
[ -f "$SHARE/dmesg.log" ] &&
    grep -E 'segfault|general protection|trap |Oops' "$SHARE/dmesg.log"
exit 1
