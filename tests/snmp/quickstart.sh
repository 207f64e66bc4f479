#!/bin/sh
# quickstart.sh: the demo of `./quickstart demo` (demo.sh) shows what
# README says it shows, read from its output:
# - the SET over SNMPv2c is refused with net-snmp's noAccess, and the
#   domain's state read right after is still running;
# - the same SET over SNMPv3 authPriv succeeds, and the state is paused;
# - snmptrapd caught virtDomainPaused for web1, running to paused;
# - its snmpd.conf has no rwcommunity, and virtmibd wrote nothing on
#   stderr.
# Then the same demo against a master whose read community may also
# write (a misconfiguration made by rewriting its snmpd.conf before
# snmpd starts): the demo must fail and the checks above must see the
# v2c SET go through, so they can fail.
. "$(dirname "$0")/harness.sh"

DEMO=$abs_top_srcdir/tests/snmp/demo.sh
OUT=$(mktemp -d "${TMPDIR:-/tmp}/virtmib-quickstart.XXXXXX") || exit 1
trap 'rm -rf "$OUT"' EXIT

# section FILE REGEX [N]: the lines after the Nth (default first) "$ "
# line matching REGEX, up to the next "$ " line or blank line.
section() {
    awk -v re="$2" -v n="${3:-1}" '
        on && (/^\$ / || /^$/) { exit }
        on { print }
        /^\$ / && $0 ~ re && ++seen == n { on = 1 }' "$1"
}

# reason FILE REGEX: the error reason snmpset printed in that section.
reason() {
    section "$1" "$2" | sed -n 's/^Reason: *\([a-zA-Z]*\).*/\1/p'
}

# value FILE REGEX [N]: the value of the one varbind in that section.
value() {
    section "$1" "$2" "${3:-1}" | sed -n 's/^[^ ]* = [A-Za-z0-9]*: //p'
}

# notification FILE NAME: the varbind NAME of what snmptrapd caught.
notification() {
    sed -n '/^snmptrapd caught:/,$p' "$1" |
        sed -n "s/^  [^ ]*::$2[.0-9]* = [A-Za-z0-9]*: //p"
}

V2SET='^\$ snmpset -v2c '
V3SET='^\$ snmpset -v3 -l authPriv '
GET='^\$ snmpget -v2c .*virtDomainState'

# --- the demo as the quick start runs it, its temp dir in ours and kept
TMPDIR=$OUT KEEP_TMP=1 sh "$DEMO" >"$OUT/demo" 2>"$OUT/demo.err"
rc=$?
[ $rc -eq 77 ] && exit 77
h_eq "the demo exits 0" 0 "$rc" || cat "$OUT/demo.err" >&2
h_eq "v2c SET refused" noAccess "$(reason "$OUT/demo" "$V2SET")"
h_eq "web1 runs after the refused SET" "running(1)" \
    "$(value "$OUT/demo" "$GET" 1)"
h_eq "v3 authPriv SET succeeds" "paused(2)" "$(value "$OUT/demo" "$V3SET")"
h_eq "web1 paused after the v3 SET" "paused(3)" \
    "$(value "$OUT/demo" "$GET" 2)"
h_eq "notification caught" VIRT-MIB::virtDomainPaused \
    "$(notification "$OUT/demo" snmpTrapOID)"
h_eq "notification names web1" web1 \
    "$(notification "$OUT/demo" virtDomainName)"
old=$(notification "$OUT/demo" virtNotifOldState)
new=$(notification "$OUT/demo" virtNotifNewState)
h_eq "notification: from running to paused" "running(1) paused(3)" \
    "$old $new"

# the demo's temp dir: the socket's directory
tmp=$(sed -n 's/^snmpd .*, socket \(.*\)\/agentx\.sock$/\1/p' "$OUT/demo")
case $tmp in
"$OUT"/virtmib-snmp.?*)
    h_eq "no rwcommunity in the demo's snmpd.conf" "" \
        "$(grep '^rwcommunity' "$tmp/snmpd.conf")"
    h_true "the demo's snmpd.conf creates the v3 user" \
        grep -q '^createUser virtadmin SHA-512 ' "$tmp/snmpd.conf"
    h_eq "virtmibd stderr is empty" "" "$(cat "$tmp/virtmibd.stderr")"
    ;;
*) h_true "the demo names its temp dir ('$tmp')" false ;;
esac

# --- a master whose read community writes: the checks must catch it
cat >"$OUT/loose.sh" <<'EOF'
# runs snmpd (the arguments) after making "public" read-write in the
# config given with -c
prev=
for a in "$@"; do
    if [ "$prev" = -c ]; then
        sed -i 's/^rocommunity public /rwcommunity public /' "$a"
    fi
    prev=$a
done
exec "$@"
EOF
TMPDIR=$OUT H_SNMPD_ENV="sh $OUT/loose.sh" sh "$DEMO" >"$OUT/loose" 2>"$OUT/loose.err"
rc=$?
h_eq "with a v2c writer the demo exits 1" 1 "$rc"
h_true "with a v2c writer the demo says why" \
    grep -q 'snmpd accepted a SET over SNMPv2c' "$OUT/loose.err"
h_eq "with a v2c writer the check sees no refusal" "" \
    "$(reason "$OUT/loose" "$V2SET")"
h_eq "with a v2c writer the v2c SET shows paused" "paused(2)" \
    "$(value "$OUT/loose" "$V2SET")"

if [ "$H_FAIL" -gt 0 ]; then
    h_log "the demo printed:"
    cat "$OUT/demo" "$OUT/demo.err" >&2
fi
echo "quickstart: $H_PASS passed, $H_FAIL failed"
[ "$H_FAIL" -eq 0 ]
