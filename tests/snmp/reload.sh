#!/bin/sh
# reload.sh: SIGHUP makes virtmibd read its config file again and apply
# what can change at runtime (virtmibd(8)): virtNotifications,
# virtReadOnly (both ways, the hypervisor connection follows) and
# virtPollInterval, logging "reloaded"; it stays up on the same AgentX
# session, keeps the host's state and warns that a new virtURI waits for
# a restart.  Before, SIGHUP ended it (status 129), which systemd's
# Restart=on-failure does not restart.
. "$(dirname "$0")/harness.sh"

h_setup
h_start_trapd || exit 1
h_start_snmpd || exit 1
CONF=$H_TMP/virtmibd.conf
# A host whose state outlives a connection, since a reload to or from
# read-only opens a new one: libvir's test:///default and its web1; on
# libvirt, its test:///default too (shared by the process's connections)
# and its one domain, "test": libvirt's driver on a node file (H_URI)
# reads the file again for each connection.
URI='virtURI test:///default'
DOM=web1
[ -n "$H_SYSTEM" ] && DOM='test'
printf '%s\nvirtNotifications no\nvirtPollInterval 30\n' "$URI" >"$CONF"
# not h_start_agent: the URI and poll interval come from the file
# shellcheck disable=SC2086
$VIRTMIBD_WRAPPER "$VIRTMIBD" -f -Lf "$AGENTLOG" -C -c "$CONF" -x "$SOCK" \
    -s "$STATE" 2>>"$AGENTERR" &
AGENT_PID=$!
h_wait_registered || exit 1
NOTIF=VIRT-MIB::virtNodeNotificationsEnabled.0
dom=$(h_index_of $DOM)
ADMIN=VIRT-MIB::virtDomainAdminState.$dom
h_eq "start: notifications off from the file" false "$(h_get $NOTIF)"
h_true "start: poll 30s logged" grep -q 'started: poll 30s' "$AGENTLOG"

# hup N: sends SIGHUP and waits (10 s) for the Nth "reloaded" line
hup() {
    kill -HUP "$AGENT_PID"
    i=0
    while [ $i -lt 100 ] &&
        [ "$(grep -c ' reloaded: ' "$AGENTLOG")" -lt "$1" ]; do
        sleep 0.1
        i=$((i + 1))
    done
    h_eq "SIGHUP $1: reloaded logged" "$1" \
        "$(grep -c ' reloaded: ' "$AGENTLOG")"
    h_true "SIGHUP $1: virtmibd is still up" kill -0 "$AGENT_PID"
}

# 1. notifications on, poll 2 s, read-only
h_set "$ADMIN" i paused >/dev/null
h_eq "$DOM paused before the reloads" paused "$(h_get "$ADMIN")"
printf '%s\nvirtNotifications yes\nvirtPollInterval 2\nvirtReadOnly yes\n' \
    "$URI" >"$CONF"
hup 1
h_eq "reload 1: notifications on" true "$(h_get $NOTIF)"
h_true "reload 1: poll 2s, read-only logged" \
    grep -q 'reloaded: poll 2s, read-only, notifications on' "$AGENTLOG"
h_set_error notWritable "$ADMIN" i 1
h_eq "reload 1: the host kept its state" paused "$(h_get "$ADMIN")"

# 2. the lines taken out: defaults again (read-write, poll 5 s)
printf '%s\n' "$URI" >"$CONF"
hup 2
h_true "reload 2: poll 5s, read-write logged" \
    grep -q 'reloaded: poll 5s, read-write, notifications on' "$AGENTLOG"
h_true "reload 2: a SET works (read-write connection)" \
    h_set "$ADMIN" i running
h_eq "reload 2: $DOM running" running "$(h_get "$ADMIN")"
h_eq "reload 2: no URI warning" 0 "$(grep -c 'new virtURI' "$AGENTLOG")"

# 3. a new virtURI is not applied, and says so; the manager's
#    notifications setting is left alone when the file is silent
h_set $NOTIF i false >/dev/null
printf 'virtURI test:///nowhere\n' >"$CONF"
hup 3
h_true "reload 3: the URI change waits for a restart" \
    grep -q 'new virtURI takes effect at restart' "$AGENTLOG"
h_eq "reload 3: same host" $DOM "$(h_get VIRT-MIB::virtDomainName."$dom")"
h_eq "reload 3: notifications as the manager set them" false \
    "$(h_get $NOTIF)"

# 4. a burst of SIGHUPs while requests flow
for _ in 1 2 3 4 5; do
    kill -HUP "$AGENT_PID"
    h_get "$ADMIN" >/dev/null
done
h_wait_registered
h_true "burst: virtmibd is still up" kill -0 "$AGENT_PID"
h_eq "one AgentX session all along" 1 \
    "$(grep -c 'AgentX subagent connected' "$AGENTLOG")"
h_eq "no second session attempt" 0 \
    "$(grep -c 'attempted to be re-opened' "$AGENTLOG")"
h_summary
