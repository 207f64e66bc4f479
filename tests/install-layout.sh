#!/bin/sh
# install-layout.sh: libvir as a user gets it.  Installs the build into a
# temporary DESTDIR, then checks that
#  - `pkg-config --cflags --libs libvir` builds examples/hostinfo.c, and
#    <libvirt/libvirt.h> resolves to ours even when another libvirt.h sits
#    on the system include path (a decoy that #errors stands in for
#    libvirt-dev);
#  - the program runs against test:///default through LIBVIRT_DEFAULT_URI;
#  - libvir.so exports the public API and nothing else;
#  - the installed vsh runs, and every man page is installed;
#  - VIRT-MIB is in the configured MIB directory (net-snmp's own when
#    datadir is /usr/share), the unit in the configured systemd unit
#    directory, and virtmibd(8) names those installed paths.
set -eu

: "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make -s -C "$abs_top_builddir" install DESTDIR="$tmp/root" >/dev/null 2>&1
pc=$(find "$tmp/root" -name libvir.pc)
[ -n "$pc" ] || { echo "FAIL: libvir.pc not installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
export PKG_CONFIG_SYSROOT_DIR="$tmp/root"

mkdir -p "$tmp/decoy/libvirt"
echo '#error "the system libvirt.h was used instead of libvir'"'"'s"' \
    >"$tmp/decoy/libvirt/libvirt.h"

libdir=$(dirname "$(find "$tmp/root" -name 'libvir.so.0' | head -n 1)")
# shellcheck disable=SC2046,SC2086
${CC:-cc} ${SAN_CFLAGS:-} $(pkg-config --cflags libvir) -isystem "$tmp/decoy" \
    -o "$tmp/hostinfo" "$abs_top_srcdir/examples/hostinfo.c" \
    $(pkg-config --libs libvir) -Wl,-rpath,"$libdir"
echo "ok: hostinfo built with pkg-config libvir despite a decoy libvirt.h"

out=$(LIBVIRT_DEFAULT_URI=test:///default "$tmp/hostinfo")
echo "$out" | grep -q '^Hypervisor: *Test ' ||
    { echo "FAIL: hostinfo output: $out"; exit 1; }
echo "$out" | grep -qE '^ +0  Domain-0 ' ||
    { echo "FAIL: no Domain-0 in: $out"; exit 1; }
echo "ok: hostinfo ran on test:///default through LIBVIRT_DEFAULT_URI"

if LIBVIRT_DEFAULT_URI= "$tmp/hostinfo" >"$tmp/out" 2>&1 &&
    [ ! -e /proc/xen/capabilities ]; then
    echo "FAIL: virConnectOpen(NULL) picked a driver without a URI or Xen"
    exit 1
fi
echo "ok: no URI and no Xen: virConnectOpen(NULL) refuses"

nm -D --defined-only "$libdir/libvir.so.0" |
    awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort >"$tmp/exported"
sort "$abs_top_srcdir/lib/libvir.syms" >"$tmp/expected"
if ! diff -u "$tmp/expected" "$tmp/exported"; then
    echo "FAIL: libvir.so exports differ from lib/libvir.syms"
    exit 1
fi
grep -c . "$tmp/expected" | xargs echo "ok: exported symbols match libvir.syms:"
for f in $(grep -ohE '\bvir[A-Z][A-Za-z]+ *\(' \
        "$abs_top_srcdir/lib/include/libvirt/libvirt.h" \
        "$abs_top_srcdir/lib/include/libvirt/virterror.h" | tr -d ' (' | sort -u); do
    [ "$f" = virErrorFunc ] && continue
    grep -qx "$f" "$tmp/exported" ||
        { echo "FAIL: $f is declared but not exported"; exit 1; }
done
echo "ok: every function the public headers declare is exported"

vsh=$(find "$tmp/root" -path '*/bin/vsh' -type f)
[ -n "$vsh" ] || { echo "FAIL: vsh not installed"; exit 1; }
out=$(LD_LIBRARY_PATH="$libdir" "$vsh" -c test:///default list --all)
echo "$out" | grep -qE '^ *0 +Domain-0 +running' ||
    { echo "FAIL: installed vsh list --all: $out"; exit 1; }
echo "ok: the installed vsh lists test:///default"
pages="man1/vsh.1 man3/libvir.3 man5/testnode.5"
# virtmibd is built only where net-snmp is (CI always has it).
[ -z "$(find "$tmp/root" -path '*/sbin/virtmibd')" ] ||
    pages="$pages man8/virtmibd.8"
for page in $pages; do
    [ -n "$(find "$tmp/root" -path "*/man/$page")" ] ||
        { echo "FAIL: $page not installed"; exit 1; }
done
echo "ok: man pages installed: $pages"

# MIBDIR, UNITDIR (configure's mibdir and systemdsystemunitdir, expanded
# by tests/Makefile.am).
[ -f "$tmp/root$MIBDIR/VIRT-MIB.txt" ] ||
    { echo "FAIL: VIRT-MIB.txt not in $MIBDIR"; exit 1; }
echo "ok: VIRT-MIB.txt installed in $MIBDIR"
if [ "$UNITDIR" != no ]; then
    [ -f "$tmp/root$UNITDIR/virtmibd.service" ] ||
        { echo "FAIL: virtmibd.service not in $UNITDIR"; exit 1; }
    echo "ok: virtmibd.service installed in $UNITDIR"
fi
page=$(find "$tmp/root" -path '*/man8/virtmibd.8')
if [ -n "$page" ]; then
    for p in "$MIBDIR/VIRT-MIB.txt" "$UNITDIR/virtmibd.service"; do
        case $p in no/*) continue ;; esac
        grep -qF "$p" "$page" ||
            { echo "FAIL: virtmibd.8 does not name $p"; exit 1; }
    done
    ! grep -q '@[a-z]*@' "$page" ||
        { echo "FAIL: virtmibd.8 keeps a placeholder"; exit 1; }
    echo "ok: virtmibd.8 names the installed MIB and unit"
fi
