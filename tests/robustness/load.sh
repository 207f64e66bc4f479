#!/bin/bash
# load.sh: 8 concurrent snmpbulkwalk clients of the whole VIRT-MIB
# against virtmibd on a 1,000-domain node file, while a writer issues
# SETs (memory of running domains, pause and resume), for LOAD_SECONDS
# (default 150): every walk must end without timeout or error and see
# every row, every SET must succeed, virtmibd must stay up, and its RSS
# at the end must be within 10% of its RSS after the first minute
# (RSS_AFTER seconds, default 60).  The minute of warm-up is part of the
# load: the measure window is the LOAD_SECONDS - RSS_AFTER seconds after.
. "$(dirname "$0")/../snmp/harness.sh"

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
h_start_trapd
h_start_snmpd || exit 1
AGENT_URI="test://$NODE" POLL=5 h_start_agent || exit 1
rows=$(snmpbulkwalk -v2c -c public -t 20 -r 0 -Cr25 "127.0.0.1:$PORT" \
    VIRT-MIB::virtMIB | wc -l)
echo "load: $NDOM domains, a whole walk is $rows lines"

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$AGENT_PID/status"; }

# walker N: walks until the deadline; counts walks and failures
walker() {
    n=0 bad=0
    while [ "$(date +%s)" -lt "$END" ]; do
        if snmpbulkwalk -v2c -c public -t 10 -r 0 -Cr25 "127.0.0.1:$PORT" \
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
        n=$((n + 1))
    done
    echo "$n $bad" >"$H_TMP/walker$1.res"
}

# writer: SETs on the running domains (odd indexes in file order, found
# by name), memory between 33 and 64 MiB, and pause then resume
writer() {
    n=0 bad=0
    mapfile -t idx < <(snmpbulkwalk -v2c -c public -t 20 -r 0 -Oq \
        "127.0.0.1:$PORT" VIRT-MIB::virtDomainName | awk '$2 ~ /^g[0-9]*[13579]$/ {
            sub(/.*\./, "", $1); print $1 }' | head -n 50)
    while [ "$(date +%s)" -lt "$END" ]; do
        i=${idx[$((n % ${#idx[@]}))]}
        case $((n % 3)) in
        0) args="VIRT-MIB::virtDomainMemory.$i u $((33 + n % 32))" ;;
        1) args="VIRT-MIB::virtDomainAdminState.$i i 2" ;;
        2) args="VIRT-MIB::virtDomainAdminState.$i i 1" ;;
        esac
        # shellcheck disable=SC2086
        if ! snmpset -v2c -c private -t 10 -r 0 "127.0.0.1:$PORT" $args \
            >/dev/null 2>"$H_TMP/seterr"; then
            bad=$((bad + 1))
            echo "writer: $args: $(head -n 2 "$H_TMP/seterr")" >&2
        fi
        n=$((n + 1))
        sleep 0.05
    done
    echo "$n $bad" >"$H_TMP/writer.res"
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
walks=0 wbad=0
for w in 1 2 3 4 5 6 7 8; do
    read -r n b <"$H_TMP/walker$w.res"
    walks=$((walks + n))
    wbad=$((wbad + b))
done
read -r sets sbad <"$H_TMP/writer.res"
pct=$(echo "scale=1; ($rss2 - $rss1) * 100 / $rss1" | bc)
echo "load: $SECS s, 8 walkers: $walks whole walks ($((walks * rows)) varbinds), $wbad failed; writer: $sets SETs, $sbad failed"
echo "load: virtmibd RSS ${rss0} KiB at start, ${rss1} KiB after ${RSS_AFTER} s, ${rss2} KiB at the end (${pct}%)"
h_eq "walks without timeout or error" 0 "$wbad"
h_eq "SETs without error" 0 "$sbad"
h_true "walks were made" [ "$walks" -gt 8 ]
h_true "virtmibd alive under load" kill -0 "$AGENT_PID"
h_true "RSS at the end within 10% of after ${RSS_AFTER} s" \
    [ "$(echo "$rss2 * 100 <= $rss1 * 110" | bc)" = 1 ]
h_summary
