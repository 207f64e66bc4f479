#!/bin/sh
# restart.sh: virtmibd on node files, its config file, restarts.
# - a domain keeps its index across an agent restart (state file), even
#   when the host's domains change meanwhile; indexes are not reused;
# - SIGTERM stops the agent cleanly (exit 0);
# - killing and restarting snmpd leads virtmibd to register again;
# - options come from the config file (-c) as well.
. "$(dirname "$0")/harness.sh"

# node files in the library's own format: libvir's, or libvirt's test
# driver's copies of them (the same domains)
DATA=$abs_top_srcdir/tests/snmp/data
[ -n "$H_SYSTEM" ] && DATA=$abs_top_srcdir/tests/libvirt/data
h_setup
h_start_trapd || exit 1
h_start_snmpd || exit 1
cat >"$H_TMP/virtmibd.conf" <<CONF
# virtmibd's own tokens and net-snmp's AgentX ones
virtURI test://$DATA/node-a.xml
virtPollInterval 1
agentXPingInterval 1
CONF
# shellcheck disable=SC2086
$VIRTMIBD_WRAPPER "$VIRTMIBD" -f -Lf "$AGENTLOG" -C -c "$H_TMP/virtmibd.conf" \
    -x "$SOCK" -s "$STATE" 2>>"$AGENTERR" &
AGENT_PID=$!
h_wait_registered || exit 1

names() {
    h_walk -Oq VIRT-MIB::virtDomainName | sed 's/^[^.]*\.\([0-9]*\) \(.*\)/\2=\1/' |
        sort
}
h_eq "config file: node file URI" "test cpu" \
    "$(h_get VIRT-MIB::virtNodeCpuModel.0)"
before=$(names)
h_eq "four rows on node-a" 4 "$(printf '%s\n' "$before" | wc -l)"
idx() {
    printf '%s\n' "$2" | sed -n "s/^$1=//p"
}

# persistence as the node file defines it: libvir's persistent='yes' or
# 'no'; on libvirt, as virsh dominfo reads it (test:transient)
persistence() {
    if [ -n "$H_SYSTEM" ]; then
        "$H_TOOL" -c "test://$DATA/node-a.xml" dominfo "$1" |
            sed -n 's/^Persistent: *yes$/persistent/p; s/^Persistent: *no$/transient/p'
        return
    fi
    awk -v n="$1" '
        /<domain / { p = ($0 ~ /persistent=.yes./) ? "persistent" : "transient" }
        $0 ~ "<name>" n "</name>" { print p }' "$DATA/node-a.xml"
}
for d in Domain-0 alpha beta gamma; do
    want=$(persistence "$d")
    h_eq "$d persistence" "$want" \
        "$(h_get VIRT-MIB::virtDomainPersistent."$(idx "$d" "$before")")"
done

# --- SIGTERM: clean exit, state file written
h_stop_agent
h_eq "SIGTERM exit status" 0 "$?"
h_true "agent logged its stop" grep -q "virtmibd stopping" "$AGENTLOG"
h_true "state file names alpha's uuid" \
    grep -q "^11111111-2222-3333-4444-000000000001 $(idx alpha "$before") " \
    "$STATE"

# --- restart on node-b: same uuids, same indexes; new domain, new index
h_start_agent -u "test://$DATA/node-b.xml"
after=$(names)
for d in Domain-0 alpha gamma; do
    h_eq "$d keeps its index" "$(idx "$d" "$before")" "$(idx "$d" "$after")"
done
h_eq "beta is gone" "" "$(idx beta "$after")"
maxb=$(printf '%s\n' "$before" | sed 's/.*=//' | sort -n | tail -n 1)
h_eq "delta gets a new index" "$((maxb + 1))" "$(idx delta "$after")"

# --- and back to node-a: beta's old index, not a new one
h_stop_agent
h_start_agent -u "test://$DATA/node-a.xml"
h_eq "beta back at its index" "$(idx beta "$before")" "$(idx beta "$(names)")"

# --- snmpd goes away and comes back: virtmibd registers again
kill "$SNMPD_PID"
wait "$SNMPD_PID"
SNMPD_PID=
h_true "virtmibd notices the master's exit" h_wait_log "$AGENTLOG" \
    'master disconnected us'
h_true "virtmibd survives the master's exit" kill -0 "$AGENT_PID"
h_start_snmpd || exit 1
if h_wait_registered; then
    H_PASS=$((H_PASS + 1))
else
    H_FAIL=$((H_FAIL + 1))
    h_log "FAIL: virtmibd did not register again"
fi
h_eq "answers after re-registration" "test cpu" \
    "$(h_get VIRT-MIB::virtNodeCpuModel.0)"

h_summary
