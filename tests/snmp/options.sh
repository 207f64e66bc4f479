#!/bin/sh
# options.sh: virtmibd's --help and --version (and -h, -V) print to
# standard output and exit 0 without starting anything; a bad option
# prints the usage to standard error and exits 1.  No snmpd needed.
# The library line names the library of the build (host.sh): libvir and
# its version, or libvirt and pkg-config's version of it.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
# H_LIBRARY, H_LIBVERSION: the library this build runs on
. "$abs_top_srcdir/tests/snmp/host.sh"

VIRTMIBD=$abs_top_builddir/agent/virtmibd
if [ ! -x "$VIRTMIBD" ]; then
    [ "${CI:-}" = true ] && { echo "FAIL: virtmibd was not built"; exit 1; }
    echo "SKIP: virtmibd was not built"
    exit 77
fi
VERSION=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
    "$abs_top_builddir/config.h")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/virtmib-opt.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
PASS=0
FAIL=0

check() {
    # check DESCRIPTION COMMAND...
    desc=$1
    shift
    if "$@"; then
        PASS=$((PASS + 1))
    else
        FAIL=$((FAIL + 1))
        echo "FAIL: $desc" >&2
    fi
}

# run OPTION...: virtmibd's status, stdout and stderr in $rc, out, err
run() {
    # a hang (an option that started the agent) fails instead of blocking
    timeout 10 "$VIRTMIBD" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
}

for opt in --help -h; do
    run "$opt"
    check "$opt exits 0 (got $rc)" [ "$rc" -eq 0 ]
    check "$opt prints the usage on stdout" grep -q '^usage: virtmibd' "$TMP/out"
    check "$opt names --version" grep -q -- '--version' "$TMP/out"
    check "$opt: nothing on stderr" [ ! -s "$TMP/err" ]
done
for opt in --version -V; do
    run "$opt"
    check "$opt exits 0 (got $rc)" [ "$rc" -eq 0 ]
    check "$opt prints virtmibd's version ($VERSION)" \
        [ "$(head -n 1 "$TMP/out")" = "virtmibd (virtmib) $VERSION" ]
    check "$opt prints net-snmp's version" \
        grep -Eq '^net-snmp [0-9]+\.[0-9]+' "$TMP/out"
    check "$opt prints $H_LIBRARY's version ($H_LIBVERSION)" \
        grep -q "^$H_LIBRARY $H_LIBVERSION\$" "$TMP/out"
    check "$opt: nothing on stderr" [ ! -s "$TMP/err" ]
done
for opt in --bogus -Q; do
    run "$opt"
    check "$opt exits 1 (got $rc)" [ "$rc" -eq 1 ]
    check "$opt prints the usage on stderr" grep -q '^usage: virtmibd' "$TMP/err"
    check "$opt: nothing on stdout" [ ! -s "$TMP/out" ]
done
run -p 0
check "-p 0 exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "-p 0 says why" grep -q 'bad poll interval' "$TMP/err"

echo "options: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
