#!/bin/bash
# stall.sh: virtmibd stalled (SIGSTOP) longer than the master's AgentX
# timeout while SETs flow, STALLS times (default 20).  snmpd gets
# agentXTimeout 1 and agentXRetries 0, so that a STALL_SECONDS (default
# 3) stop makes it answer genErr, drop the session and forget the SETs
# in flight, while what it had sent still waits in virtmibd's socket.
# - virtmibd never dies (it did: a use after free in net-snmp's
#   subagent, see agent/agentx_guard.c) and registers again;
# - after each stall, with the setters stopped, every object reads back
#   the value of the last SET on it that was answered noError (or its
#   first value): a SET the manager was told failed did not happen.
# One setter per object (web1's and db1's memory), each SETs distinct
# values one at a time and logs "value answer".
. "$(dirname "$0")/../snmp/harness.sh"

STALLS=${STALLS:-20}
STALL_SECONDS=${STALL_SECONDS:-3}
PING=1

h_setup
printf 'agentXPingInterval %s\n' "$PING" >"$H_TMP/virtmibd.conf"
h_start_trapd || exit 1
H_SNMPD_EXTRA="agentXTimeout 1
agentXRetries 0"
h_start_snmpd || exit 1
# net-snmp's own leak when a master hangs up with data unread (see the file)
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan-netsnmp.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
    h_start_agent -c "$H_TMP/virtmibd.conf" || exit 1
web1=$(h_index_of web1)
db1=$(h_index_of db1)
OBJS="VIRT-MIB::virtDomainMemory.$web1 VIRT-MIB::virtDomainMemory.$db1"
STOP=$H_TMP/setters.stop

# setter N OBJECT: SETs 100+N*200+k (k = 0..199 cycling), one at a
# time, until $STOP exists; logs each "value reason" (noError, a
# reason, or timeout) to $H_TMP/set.N
setter() {
    k=0
    while [ ! -e "$STOP" ]; do
        v=$((100 + $1 * 200 + k % 200))
        k=$((k + 1))
        # snmpd answers within its 1 s AgentX timeout; 10 s is generous
        out=$(snmpset -v2c -c private -t 10 -r 0 "127.0.0.1:$PORT" \
            "$2" u "$v" 2>&1)
        if [ $? -eq 0 ]; then
            r=noError
        else
            # "Reason: notWritable (...)", "Reason: (genError) ..."
            r=$(printf '%s\n' "$out" |
                sed -n 's/^Reason: *(\{0,1\}\([a-zA-Z]*\).*/\1/p')
            [ -n "$r" ] || r=timeout
        fi
        echo "$v $r" >>"$H_TMP/set.$1"
    done
}

start_setters() {
    rm -f "$STOP"
    SPIDS=
    n=0
    for o in $OBJS; do
        setter $n "$o" &
        SPIDS="$SPIDS $!"
        n=$((n + 1))
    done
}

# Stops the setters after their current SET (each waits at most 10 s).
stop_setters() {
    : >"$STOP"
    # shellcheck disable=SC2086
    wait $SPIDS
}

# The value an object must have: its last noError SET, else $2.
expected() {
    v=$(awk '$2 == "noError" { v = $1 } END { print v }' "$H_TMP/set.$1" 2>/dev/null)
    echo "${v:-$2}"
}

n=0
INIT=
for o in $OBJS; do
    INIT="$INIT $(h_get "$o" | awk '{print $1}')"
    n=$((n + 1))
done
read -r -a init <<<"$INIT"
read -r -a objs <<<"$OBJS"

died=0
mismatch=0
inconclusive=0
t_start=$(date +%s)
for s in $(seq 1 "$STALLS"); do
    start_setters
    sleep 0.5
    kill -STOP "$AGENT_PID"
    sleep "$STALL_SECONDS"
    kill -CONT "$AGENT_PID"
    # back: the master drops it at the first request it times out, and
    # it registers again within its ping interval; 30 s is generous
    i=0
    while [ $i -lt 300 ] && kill -0 "$AGENT_PID" 2>/dev/null; do
        h_get VIRT-MIB::virtNodeHypervisorType.0 2>/dev/null | grep -q Test &&
            break
        sleep 0.1
        i=$((i + 1))
    done
    stop_setters
    if ! kill -0 "$AGENT_PID" 2>/dev/null; then
        died=$s
        h_log "FAIL: virtmibd died in stall $s"
        break
    fi
    for j in "${!objs[@]}"; do
        want=$(expected "$j" "${init[$j]}")
        got=$(h_get "${objs[$j]}" | awk '{print $1}')
        if grep -q ' timeout$' "$H_TMP/set.$j" 2>/dev/null; then
            # an unanswered SET leaves the value unknown: say so, reset
            inconclusive=$((inconclusive + 1))
        elif [ "$got" != "$want" ]; then
            mismatch=$((mismatch + 1))
            h_log "FAIL: stall $s: ${objs[$j]} is '$got', the last noError SET was '$want':"
            tail -n 4 "$H_TMP/set.$j" >&2
        fi
        init[j]=$got
        [ -n "${KEEP_TMP:-}" ] && cp "$H_TMP/set.$j" "$H_TMP/kept.$s.$j"
        rm -f "$H_TMP/set.$j"
    done
done
secs=$(($(date +%s) - t_start))
h_eq "virtmibd survived every stall" 0 "$died"
h_eq "no SET answered genErr (or another error) took effect" 0 "$mismatch"
h_true "most stalls conclusive ($inconclusive object-rounds with an unanswered SET)" \
    [ "$inconclusive" -le "$STALLS" ]
refused=$(grep -c 'SET refused: the AgentX master has gone' "$AGENTLOG")
lost=$(grep -c 'AgentX session lost' "$AGENTLOG")
echo "stall: $STALLS stalls of ${STALL_SECONDS}s in ${secs}s: died in stall $died (0: never), $mismatch objects off, $lost sessions lost, $refused SETs refused in ACTION, $inconclusive inconclusive"
if [ "$died" -ne 0 ]; then
    AGENT_PID=
    H_FAIL=$((H_FAIL + 1))
    name=$(basename "$0" .sh)
    echo "$name: $H_PASS passed, $H_FAIL failed"
    exit 1
fi
h_summary
