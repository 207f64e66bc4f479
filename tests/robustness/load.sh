#!/bin/bash
# load.sh: 8 concurrent snmpbulkwalk clients of the whole VIRT-MIB
# against virtmibd on a 1,000-domain node file, while a writer issues
# SETs (memory of running domains, pause and resume), for LOAD_SECONDS
# (default 150): every walk must end without timeout or error and see
# every row, every SET must succeed, virtmibd must stay up, and its RSS
# at the end must be within 10% of its RSS after the first minute
# (RSS_AFTER seconds, default 60).  The minute of warm-up is part of the
# load: the measure window is the LOAD_SECONDS - RSS_AFTER seconds after.
# The writer's SETs come from LOAD_SEED alone (seq.sh's load_plan),
# printed with the hash of the planned sequence; LOAD_LOG=FILE keeps it.
# Every request may take a loaded machine's time: 10 s tries, resent 3
# times (the same request id: a GETBULK twice is harmless, and so is a
# SET of an absolute value); the slowest walk and SET are printed.
. "$(dirname "$0")/../snmp/harness.sh"
. "$(dirname "$0")/seq.sh"

SEED=$(seq_seed load "${LOAD_SEED:-}") || exit 1
SECS=${LOAD_SECONDS:-150}
RSS_AFTER=${RSS_AFTER:-60}
[ "$RSS_AFTER" -lt "$SECS" ] || RSS_AFTER=$((SECS / 2))
NDOM=${LOAD_DOMAINS:-1000}
h_setup
NODE="$H_TMP/big.xml"
{
    echo "<node><cpu model='Load' mhz='2000' nodes='1' sockets='2' cores='4'" \
        "threads='2' active='16'/><memory>268435456</memory>"
    # the host itself takes id 0, which nothing may pause
    echo "<domain type='xen' id='0' state='running' persistent='no'>" \
        "<name>Domain-0</name><os><type>linux</type><kernel>/k</kernel></os>" \
        "<memory>1048576</memory><vcpu>2</vcpu></domain>"
    for d in $(seq 1 "$NDOM"); do
        st=shutoff
        [ $((d % 2)) -eq 1 ] && st=running
        printf "<domain type='xen' state='%s'><name>g%04d</name>" "$st" "$d"
        printf "<uuid>0000%04x-1111-4222-8333-%012x</uuid>" "$d" "$d"
        echo "<os><type>linux</type><kernel>/k</kernel></os><memory>65536</memory><vcpu>2</vcpu></domain>"
    done
    echo "</node>"
} >"$NODE"
# the writer cannot send more than 20 SETs a second (its pause); the
# plan wraps around if a fast machine gets there
PLAN="$H_TMP/plan"
load_plan "$SEED" $((20 * SECS + 100)) >"$PLAN"
[ -z "${LOAD_LOG:-}" ] || cp "$PLAN" "$LOAD_LOG"
echo "load: seed $SEED (LOAD_SEED=$SEED repeats this run's SETs), sequence hash $(seq_hash "$PLAN")"
h_start_trapd
h_start_snmpd || exit 1
AGENT_URI="test://$NODE" POLL=5 h_start_agent || exit 1
rows=$(snmpbulkwalk -v2c -c public -t 20 -r 3 -Cr25 "127.0.0.1:$PORT" \
    VIRT-MIB::virtMIB | wc -l)
echo "load: $NDOM domains, a whole walk is $rows lines"

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$AGENT_PID/status"; }
now_ms() { date +%s%3N; }

# walker N: walks until the deadline; counts walks and failures, notes
# the slowest walk (ms)
walker() {
    n=0 bad=0 slow=0
    while [ "$(date +%s)" -lt "$END" ]; do
        t0=$(now_ms)
        if snmpbulkwalk -v2c -c public -t 10 -r 3 -Cr25 "127.0.0.1:$PORT" \
            VIRT-MIB::virtMIB >"$H_TMP/walk$1" 2>"$H_TMP/walkerr$1"; then
            got=$(wc -l <"$H_TMP/walk$1")
            if [ "$got" -ne "$rows" ] || [ -s "$H_TMP/walkerr$1" ]; then
                bad=$((bad + 1))
                echo "walker $1: $got lines: $(head -n 2 "$H_TMP/walkerr$1")" >&2
            fi
        else
            bad=$((bad + 1))
            echo "walker $1: $(head -n 2 "$H_TMP/walkerr$1")" >&2
        fi
        t=$(($(now_ms) - t0))
        [ "$t" -le "$slow" ] || slow=$t
        n=$((n + 1))
    done
    echo "$n $bad $slow" >"$H_TMP/walker$1.res"
}

# writer: the planned SETs (memory between 33 and 64 MiB, pause,
# resume) on running domains found by name; notes the slowest SET (ms)
writer() {
    n=0 bad=0 slow=0
    declare -A idx
    while read -r oid name; do
        idx[$name]=${oid##*.}
    done < <(snmpbulkwalk -v2c -c public -t 20 -r 3 -Oq "127.0.0.1:$PORT" \
        VIRT-MIB::virtDomainName)
    mapfile -t plan <"$PLAN"
    while [ "$(date +%s)" -lt "$END" ]; do
        read -r name op mib <<<"${plan[$((n % ${#plan[@]}))]}"
        i=${idx[$name]}
        case $op in
        memory) args="VIRT-MIB::virtDomainMemory.$i u $mib" ;;
        pause) args="VIRT-MIB::virtDomainAdminState.$i i 2" ;;
        resume) args="VIRT-MIB::virtDomainAdminState.$i i 1" ;;
        esac
        t0=$(now_ms)
        # shellcheck disable=SC2086
        if ! snmpset -v2c -c private -t 10 -r 3 "127.0.0.1:$PORT" $args \
            >/dev/null 2>"$H_TMP/seterr"; then
            bad=$((bad + 1))
            echo "writer: $name $op: $args: $(head -n 2 "$H_TMP/seterr")" >&2
        fi
        t=$(($(now_ms) - t0))
        [ "$t" -le "$slow" ] || slow=$t
        n=$((n + 1))
        sleep 0.05
    done
    echo "$n $bad $slow" >"$H_TMP/writer.res"
}

rss0=$(rss)
START=$(date +%s)
END=$((START + SECS))
PIDS=
for w in 1 2 3 4 5 6 7 8; do
    walker $w &
    PIDS="$PIDS $!"
done
writer &
PIDS="$PIDS $!"
sleep "$RSS_AFTER"
rss1=$(rss)
# shellcheck disable=SC2086
wait $PIDS
rss2=$(rss)
walks=0 wbad=0 wslow=0
for w in 1 2 3 4 5 6 7 8; do
    read -r n b t <"$H_TMP/walker$w.res"
    walks=$((walks + n))
    wbad=$((wbad + b))
    [ "$t" -le "$wslow" ] || wslow=$t
done
read -r sets sbad sslow <"$H_TMP/writer.res"
pct=$(echo "scale=1; ($rss2 - $rss1) * 100 / $rss1" | bc)
echo "load: $SECS s, 8 walkers: $walks whole walks ($((walks * rows)) varbinds), $wbad failed; writer: the first $sets SETs of the plan, $sbad failed"
echo "load: slowest whole walk $((wslow / 1000)).$(printf '%03d' $((wslow % 1000))) s, slowest SET $((sslow / 1000)).$(printf '%03d' $((sslow % 1000))) s (tries of 10 s)"
echo "load: virtmibd RSS ${rss0} KiB at start, ${rss1} KiB after ${RSS_AFTER} s, ${rss2} KiB at the end (${pct}%)"
h_eq "walks without timeout or error" 0 "$wbad"
h_eq "SETs without error" 0 "$sbad"
h_true "walks were made" [ "$walks" -gt 8 ]
h_true "virtmibd alive under load" kill -0 "$AGENT_PID"
h_true "RSS at the end within 10% of after ${RSS_AFTER} s" \
    [ "$(echo "$rss2 * 100 <= $rss1 * 110" | bc)" = 1 ]
h_summary
