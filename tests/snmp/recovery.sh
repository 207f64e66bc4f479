#!/bin/sh
# recovery.sh: virtmibd started before its master and before its
# hypervisor can be opened.
# - it waits for the master and registers when the master comes up;
# - while the hypervisor cannot be read it answers with virtNodeStale
#   true and an empty table, then recovers on its own at a later poll,
#   without notifications for what it finds on its first read;
# - virtReadOnly in the config file refuses SETs with notWritable; a bad
#   value in the config file is reported and ignored; bad options stop
#   virtmibd with status 1.
. "$(dirname "$0")/harness.sh"

# node files in the library's own format: libvir's, or libvirt's test
# driver's copies of them (the same domains)
DATA=$abs_top_srcdir/tests/snmp/data
[ -n "$H_SYSTEM" ] && DATA=$abs_top_srcdir/tests/libvirt/data
h_setup

# bad command lines: status 1 and a message, nothing started
for args in "-p 0" "-p 5x" "-p 3601" "-Z" "extra"; do
    # shellcheck disable=SC2086
    out=$("$VIRTMIBD" -C $args 2>&1)
    h_eq "virtmibd $args exits 1" 1 "$?"
    h_true "virtmibd $args says why" test -n "$out"
done
out=$("$VIRTMIBD" -h)
h_eq "virtmibd -h exits 0" 0 "$?"
h_true "virtmibd -h prints usage" sh -c "printf '%s' '$out' | grep -q '^usage:'"

h_start_trapd || exit 1
LATE="$H_TMP/late-node.xml"
cat >"$H_TMP/virtmibd.conf" <<CONF
virtURI test://$LATE
virtPollInterval 1
virtReadOnly yes
virtNotifications maybe
agentXPingInterval 1
CONF
PORT=$(h_free_port)
# shellcheck disable=SC2086
$VIRTMIBD_WRAPPER "$VIRTMIBD" -f -Lf "$AGENTLOG" -C -c "$H_TMP/virtmibd.conf" \
    -x "$SOCK" -s "$STATE" 2>>"$AGENTERR" &
AGENT_PID=$!
h_true "virtmibd tried the hypervisor" h_wait_log "$AGENTLOG" \
    'cannot open hypervisor connection'
h_true "virtmibd runs without master and hypervisor" kill -0 "$AGENT_PID"
h_start_snmpd || exit 1
if h_wait_registered; then
    H_PASS=$((H_PASS + 1))
else
    H_FAIL=$((H_FAIL + 1))
    h_log "FAIL: virtmibd did not register with a late master"
fi
h_eq "stale while the hypervisor is missing" true \
    "$(h_get VIRT-MIB::virtNodeStale.0)"
h_eq "no rows while never read" 0 \
    "$(h_walk -Oq VIRT-MIB::virtDomainTable | grep -c '^VIRT-MIB::virtDomain[A-Za-z]*\.[0-9]')"
h_true "bad config value reported" \
    grep -q "virtmibd.conf: line 4: Error: yes or no expected" "$AGENTLOG"
h_eq "bad config value ignored" true \
    "$(h_get VIRT-MIB::virtNodeNotificationsEnabled.0)"
h_eq "connection failure logged once" 1 \
    "$(grep -c 'cannot open hypervisor connection' "$AGENTLOG")"
if [ -n "$H_SYSTEM" ]; then
    # libvirt's test driver parses with libxml2 in virtmibd's process,
    # whose warning would go to stderr (h_summary checks it stays empty)
    h_eq "libxml2's warning in the log, once" 1 \
        "$(grep -c "libxml2: .*failed to load external entity \"$LATE\"" \
            "$AGENTLOG")"
fi

# the hypervisor appears: the next poll connects and reads it
cp "$DATA/node-a.xml" "$LATE"
h_wait_until "$(h_poll_bound)" h_value_is false VIRT-MIB::virtNodeStale.0
h_eq "not stale once readable" false "$(h_get VIRT-MIB::virtNodeStale.0)"
h_eq "rows once readable" 4 \
    "$(h_walk -Oq VIRT-MIB::virtDomainName | wc -l)"
h_true "polls go on once readable" \
    h_wait_polls 3 VIRT-MIB::virtDomainCpuTime."$(h_index_of Domain-0)"
h_eq "no notification for the first read" 0 \
    "$(grep -c 'VIRT-MIB::virtDomain' "$TRAPLOG")"

alpha=$(h_index_of alpha)
h_set_error notWritable VIRT-MIB::virtDomainAdminState."$alpha" i 2
h_eq "read-only: alpha still running" running \
    "$(h_get VIRT-MIB::virtDomainState."$alpha")"

h_summary
