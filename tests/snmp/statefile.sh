#!/bin/sh
# statefile.sh: virtmibd when its index state file cannot be written.
# - a domain first seen then is not shown (its index is not saved), while
#   virtNodeStale is true and virtNodeUnsavedDomains counts it, and the
#   log names the file and the reason;
# - across a restart no index is shown for two domains;
# - once the file can be written, the hidden domains appear by
#   themselves at a poll, and the log says so.
# Root ignores directory permissions, so the file is made unwritable in
# ways root respects too: a name of 250 characters, which reads fine but
# leaves no room for the saver's temporary name (".XXXXXX" makes it 257,
# over NAME_MAX); and a directory that does not exist yet.
. "$(dirname "$0")/harness.sh"

# node files in the library's own format: libvir's, or libvirt's test
# driver's copies of them (the same domains)
DATA=$abs_top_srcdir/tests/snmp/data
[ -n "$H_SYSTEM" ] && DATA=$abs_top_srcdir/tests/libvirt/data
h_setup
h_start_trapd || exit 1
h_start_snmpd || exit 1

# name=index lines of the table, sorted
names() {
    h_walk -Oq VIRT-MIB::virtDomainName | sed 's/^[^.]*\.\([0-9]*\) \(.*\)/\2=\1/' |
        sort
}
idx() {
    printf '%s\n' "$2" | sed -n "s/^$1=//p"
}
# prints the indexes $1 and $2 both show, for two different names
reused() {
    printf '%s\n%s\n' "$1" "$2" | awk -F= '
        NF == 2 { if (($2 in by) && by[$2] != $1) print $2; by[$2] = $1 }'
}

# --- a first run writes the file: four domains on node-a
h_start_agent -u "test://$DATA/node-a.xml" || exit 1
run1=$(names)
h_eq "four rows on node-a" 4 "$(printf '%s\n' "$run1" | wc -l)"
h_stop_agent

# --- the same file under a name the saver cannot write next to
LONG=$H_TMP/$(printf '%0250d' 0 | tr 0 i)
cp "$STATE" "$LONG"
sed 's/delta/epsilon/; s/-000000000004</-000000000005</' \
    "$DATA/node-b.xml" >"$H_TMP/node-c.xml"

# node-b: alpha, gamma, Domain-0 known; delta new
h_start_agent -u "test://$DATA/node-b.xml" -s "$LONG" || exit 1
run2=$(names)
h_eq "delta, not saved, is not shown" "" "$(idx delta "$run2")"
for d in Domain-0 alpha gamma; do
    h_eq "$d keeps its index" "$(idx "$d" "$run1")" "$(idx "$d" "$run2")"
done
h_eq "stale while an index is not saved" true \
    "$(h_get VIRT-MIB::virtNodeStale.0)"
h_eq "one domain unsaved" 1 "$(h_get VIRT-MIB::virtNodeUnsavedDomains.0)"
h_eq "defined domains leave out delta" 1 \
    "$(h_get VIRT-MIB::virtNodeDefinedDomains.0)"
h_true "the log names the file and the reason" \
    grep -q "cannot write the index state file $LONG: .*File name too long" \
    "$AGENTLOG"
h_stop_agent
h_eq "the file is as it was" "" "$(cmp "$STATE" "$LONG")"

# restart on node-c: epsilon is new; it must not take what delta was shown
h_start_agent -u "test://$H_TMP/node-c.xml" -s "$LONG" || exit 1
run3=$(names)
h_eq "epsilon, not saved, is not shown" "" "$(idx epsilon "$run3")"
h_eq "no index shown for two domains across the restart" "" \
    "$(reused "$run2" "$run3")"
h_stop_agent

# --- a directory that does not exist yet: nothing can be shown
LATER=$H_TMP/later
h_start_agent -u "test://$DATA/node-b.xml" -s "$LATER/index.map" || exit 1
h_eq "no row before the file is written" "" "$(names | grep =)"
h_eq "no active domain counted" 0 "$(h_get VIRT-MIB::virtNodeActiveDomains.0)"
h_eq "four domains unsaved" 4 "$(h_get VIRT-MIB::virtNodeUnsavedDomains.0)"
h_true "the log names the missing directory's file" \
    grep -q "cannot write the index state file $LATER/index.map: .*No such file" \
    "$AGENTLOG"
mkdir "$LATER"
# a poll (POLL=1 s) saves and shows them: wait for that, 30 polls at most
i=0
while [ $i -lt 300 ] && [ "$(h_get VIRT-MIB::virtNodeStale.0)" != false ]; do
    sleep 0.1
    i=$((i + 1))
done
h_eq "not stale once written" false "$(h_get VIRT-MIB::virtNodeStale.0)"
h_eq "nothing unsaved" 0 "$(h_get VIRT-MIB::virtNodeUnsavedDomains.0)"
h_eq "four rows once written" 4 "$(names | wc -l)"
h_true "the file names delta" \
    grep -q "^11111111-2222-3333-4444-000000000004 [0-9]* p " "$LATER/index.map"
h_true "the log says it is written again" \
    grep -q "index state file $LATER/index.map written again" "$AGENTLOG"

h_summary
