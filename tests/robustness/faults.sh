#!/bin/bash
# faults.sh: virtmibd against a failing master, a failing host and its
# own sudden death.
# 1. snmpd is SIGKILLed while 4 walkers run, and restarted on the same
#    port and socket: virtmibd registers again within its ping interval
#    (agentXPingInterval, PING seconds) plus a margin, and every walk
#    after that is whole.
# 2. The host fails (LIBVIR_TEST_FAULTS, testnode(5)): a failing
#    domainSuspend gives the SET an SNMP error, a logged reason and no
#    change; a failing domainGetInfo makes the agent keep its last data
#    marked stale (virtNodeStale true, rows still there), log why, and
#    refuse SETs; once the fault is gone it is fresh again and SETs work.
# 3. virtmibd is SIGKILLed at random moments while SETs stream in and it
#    writes its index state file for newly defined domains (a new node
#    file each round): the file is always the old or the new one, whole
#    (strictly parsed, old entries keep their indexes), never torn; a
#    last start reads it and keeps every index.  The moments of the
#    kills and the storms' SETs come from FAULTS_SEED alone (seq.sh's
#    faults_plan), printed with the plan's hash; FAULTS_LOG=FILE keeps it.
# Waits wait for what they need, up to 3 polls + 30 s; the verdict on
# re-registration is 3 ping intervals + 10 s.
. "$(dirname "$0")/../snmp/harness.sh"
. "$(dirname "$0")/seq.sh"

PING=${PING:-2}
ROUNDS=${KILL_ROUNDS:-20}
SEED=$(seq_seed faults "${FAULTS_SEED:-}") || exit 1

H_FAULTS=1
h_setup
printf 'agentXPingInterval %s\n' "$PING" >"$H_TMP/virtmibd.conf"
h_start_trapd
h_start_snmpd || exit 1
# net-snmp's own leak on a master's sudden death (see the file); only
# this agent sees one, the agents of part 3 run without suppressions
LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan-netsnmp.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
    h_start_agent -c "$H_TMP/virtmibd.conf" || exit 1
rows=$(h_walk VIRT-MIB::virtDomainTable | wc -l)

# --- 1. the master dies -------------------------------------------------
walker() {
    end=$(($(date +%s) + $1))
    while [ "$(date +%s)" -lt "$end" ]; do
        snmpbulkwalk -v2c -c public -t 1 -r 0 "127.0.0.1:$PORT" \
            VIRT-MIB::virtMIB >/dev/null 2>&1
    done
}
WPIDS=
for _ in 1 2 3 4; do
    walker 15 &
    WPIDS="$WPIDS $!"
done
sleep 2
kill -KILL "$SNMPD_PID"
wait "$SNMPD_PID" 2>/dev/null
SNMPD_PID=
sleep 1
h_start_snmpd || exit 1
t0=$(date +%s.%N)
REREG=$((3 * PING + 10))
h_wait_registered $((REREG + 30))
t1=$(date +%s.%N)
rereg=$(echo "$t1 - $t0" | bc)
echo "faults: virtmibd answered again ${rereg}s after snmpd answered again (ping interval ${PING}s)"
h_true "re-registered within 3 ping intervals + 10 s" \
    [ "$(echo "$rereg <= $REREG" | bc)" = 1 ]
# shellcheck disable=SC2086
wait $WPIDS
h_eq "a whole walk after the restart" "$rows" \
    "$(h_walk VIRT-MIB::virtDomainTable | wc -l)"
h_true "virtmibd survived the master's death" kill -0 "$AGENT_PID"

# --- 2. the host fails --------------------------------------------------
web1=$(h_index_of web1)
OBJ=VIRT-MIB::virtDomainAdminState.$web1
echo domainSuspend >"$FAULTS"
h_set_error commitFailed "$OBJ" i 2
h_eq "failed suspend: web1 still running" running "$(h_get "$OBJ")"
h_true "the reason is logged" h_wait_log "$AGENTLOG" \
    'cannot domainSuspend: fault injected'

echo domainGetInfo >"$FAULTS"
t0=$(date +%s%N)
h_wait_until "$(h_poll_bound)" h_value_is true VIRT-MIB::virtNodeStale.0
t=$((($(date +%s%N) - t0) / 100000000))
echo "faults: stale after $((t / 10)).$((t % 10)) s of failing domainGetInfo"
h_eq "failing host: virtNodeStale" true "$(h_get VIRT-MIB::virtNodeStale.0)"
h_eq "failing host: the last rows are kept" "$rows" \
    "$(h_walk VIRT-MIB::virtDomainTable | wc -l)"
h_true "failing host: reason logged" h_wait_log "$AGENTLOG" \
    'cannot domainGetInfo: fault injected'
h_true "failing host: staleness logged" h_wait_log "$AGENTLOG" 'stale'
out=$(MIBS=SNMPv2-MIB h_set "$(snmptranslate -On "$OBJ")" i 2 2>&1)
h_true "failing host: a SET gets an SNMP error ($(
    printf '%s' "$out" | sed -n 's/^Reason: *//p'))" \
    grep -q '^Reason: ' <<<"$out"
rm -f "$FAULTS"
t0=$(date +%s%N)
h_wait_until "$(h_poll_bound)" h_value_is false VIRT-MIB::virtNodeStale.0
t=$((($(date +%s%N) - t0) / 100000000))
echo "faults: fresh again $((t / 10)).$((t % 10)) s after the fault ended"
h_eq "recovered: not stale" false "$(h_get VIRT-MIB::virtNodeStale.0)"
h_eq "recovered: web1 was never paused" running "$(h_get "$OBJ")"
h_true "recovered: SET works" h_set "$OBJ" i 2
h_eq "recovered: web1 paused" paused "$(h_get "$OBJ")"
h_true "recovery logged" h_wait_log "$AGENTLOG" 'readable again'
h_stop_agent
h_eq "virtmibd exits 0 on SIGTERM" 0 "$?"

# --- 3. virtmibd dies while writing its state ---------------------------
# node_file N: a node whose domains are those of rounds 1..N, 20 each
node_file() {
    {
        echo "<node><cpu model='x' mhz='1000' nodes='1' sockets='1'" \
            "cores='2' threads='1' active='2'/><memory>67108864</memory>"
        for r in $(seq 1 "$1"); do
            for d in $(seq 1 20); do
                printf "<domain type='xen' state='shutoff'><name>r%dd%d</name>" "$r" "$d"
                printf "<uuid>%08x-0000-4000-8000-%012x</uuid>" "$r" "$d"
                echo "<os><type>linux</type><kernel>/k</kernel></os><memory>65536</memory></domain>"
            done
        done
        echo "<domain type='xen' id='1' state='running'><name>steady</name>" \
            "<uuid>ffffffff-0000-4000-8000-000000000001</uuid>" \
            "<os><type>linux</type><kernel>/k</kernel></os><memory>65536</memory></domain>"
        echo "</node>"
    }
}

# check_state OLD NODE: the state file is OLD, or OLD plus exactly the
# uuids of NODE it lacked, with fresh indexes; prints "old" or "new".
check_state() {
    python3 - "$STATE" "$1" "$2" <<'PY'
import re, sys
def parse(path):
    try:
        lines = open(path).read().split("\n")
    except FileNotFoundError:
        return None
    assert lines[-1] == "", "no final newline"
    lines = [l for l in lines[:-1] if not l.startswith("#")]
    assert lines[0] == "version 2", "bad first line %r" % lines[0]
    m = re.fullmatch(r"end (\d+)", lines[-1])
    assert m and int(m.group(1)) == len(lines) - 3, "bad end %r" % lines[-1]
    m = re.fullmatch(r"next (\d+)", lines[1])
    assert m, "bad next line %r" % lines[1]
    nxt, ent, idx = int(m.group(1)), {}, set()
    for l in lines[2:-1]:
        m = re.fullmatch(r"([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}) (\d+) ([ptu]) \d+", l)
        assert m, "bad line %r" % l
        i = int(m.group(2))
        assert m.group(1) not in ent and i not in idx and 0 < i < nxt, l
        ent[m.group(1)] = i
        idx.add(i)
    return ent
cur, old = parse(sys.argv[1]), parse(sys.argv[2]) or {}
node = set(re.findall(r"<uuid>([0-9a-f-]{36})</uuid>", open(sys.argv[3]).read()))
assert cur is not None or not old, "state file vanished"
if cur is None or cur == old:
    print("old")
else:
    for u, i in old.items():
        assert cur.get(u) == i, "index of %s changed" % u
    assert set(cur) == set(old) | node, "%d entries, expected %d" % (
        len(cur), len(set(old) | node))
    print("new")
PY
}

# setter PID ROUND: the storm of ROUND's plan while PID lives (its
# answers do not matter: the agent is being killed)
setter() {
    for mib in $(sed -n "s/^$2 set //p" "$PLAN"); do
        kill -0 "$1" 2>/dev/null || break
        snmpset -v2c -c private -t 1 -r 0 "127.0.0.1:$PORT" \
            VIRT-MIB::virtDomainMemory.1 u "$mib" >/dev/null 2>&1
    done
}

PLAN="$H_TMP/plan"
faults_plan "$SEED" "$ROUNDS" >"$PLAN"
[ -z "${FAULTS_LOG:-}" ] || cp "$PLAN" "$FAULTS_LOG"
echo "faults: seed $SEED (FAULTS_SEED=$SEED repeats the kills and storms), sequence hash $(seq_hash "$PLAN")"
rm -f "$STATE"
NODE="$H_TMP/churn.xml"
old=0 new=0 torn=0
for r in $(seq 1 "$ROUNDS"); do
    cp "$STATE" "$H_TMP/state.old" 2>/dev/null || rm -f "$H_TMP/state.old"
    node_file "$r" >"$NODE"
    # shellcheck disable=SC2086
    "$VIRTMIBD" -f -Lf "$AGENTLOG" -C -x "$SOCK" -u "test://$NODE" -p 1 \
        -s "$STATE" 2>>"$AGENTERR" &
    pid=$!
    setter "$pid" "$r" &
    spid=$!
    # half the kills in the first 100 ms (the first state write), half
    # later, while the SETs come in: after the write of this round's
    # domains (awaited, so that a slow start on a loaded machine does not
    # turn them into early kills)
    if [ $((r % 2)) -eq 1 ]; then
        h_wait_until "$(h_poll_bound)" grep -q "^$(printf '%08x' "$r")-" \
            "$STATE"
    fi
    sleep "$(sed -n "s/^$r kill //p" "$PLAN")"
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
    wait "$spid"
    if res=$(check_state "$H_TMP/state.old" "$NODE" 2>&1); then
        [ "$res" = old ] && old=$((old + 1)) || new=$((new + 1))
    else
        torn=$((torn + 1))
        h_log "round $r: torn state file: $res"
        cp "$H_TMP/state.old" "$STATE" 2>/dev/null
    fi
done
echo "faults: $ROUNDS SIGKILLs of virtmibd while writing: $old old, $new new, $torn torn"
h_eq "no torn state file" 0 "$torn"
h_true "some kills landed after the write" [ "$new" -gt 0 ]
# a last start reads what the kills left and keeps every index
cp "$STATE" "$H_TMP/state.last"
h_start_agent -u "test://$NODE" || exit 1
h_true "after the kills: every index kept" check_state "$H_TMP/state.last" \
    "$NODE" >/dev/null
h_eq "after the kills: steady keeps its index" \
    "$(awk '/^ffffffff-0000-4000-8000-000000000001/ { print $2 }' "$H_TMP/state.last")" \
    "$(h_index_of steady)"
h_summary
