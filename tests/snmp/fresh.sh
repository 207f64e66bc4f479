#!/bin/sh
# fresh.sh: what an NMS turns into a rate is current when read.  With
# the poll set long (30 s, so that the poll cannot be what makes values
# fresh), every GET reads the host at its start (virtmibd(8)): the cpu time deltas of a
# running domain (virtDomainCpuTime and virtVcpuCpuTime) between GETs
# 1.5 to 3 s apart, back to back or with another manager's walk between,
# and a rate over about 6 s, match its vcpus times the wall time within
# 5%; one PDU is answered from one read; a walk within the bound makes
# one read, not one per PDU; a pause shows at once and stops the cpu
# time; virtMaxAge 0 reads for every PDU; with virtFreshPolls no and a
# large virtMaxAge, answers come from one read, as before.
#
# The error bound: the agent reads the host when the request reaches it,
# somewhere between the instants just before and just after the tool
# ran (a and b, measured here).  The wall time between two reads is
# taken as the distance of the midpoints, which is off by at most half
# the sum of the two windows (w); a pair passes when its cpu-time delta
# is within 5% of vcpus x that distance, plus vcpus x w.  A pair whose
# own windows are wider than 5% of its spacing (a loaded machine) cannot
# tell and is taken again, up to FR_TRIES times; every conclusive pair
# must pass.
. "$(dirname "$0")/harness.sh"

FR_T0=$(date +%s)
POLL=30
FR_TOL=0.05
FR_TRIES=10
h_start_all -D virtmibd/schedule

# --- the domain: running, with 2 vcpus (as the agent itself says)
dom=
for i in $(h_walk -Oq VIRT-MIB::virtDomainName | sed 's/^[^ ]*\.\([0-9]*\) .*/\1/'); do
    [ "$(h_get -Oe VIRT-MIB::virtDomainState."$i")" = 1 ] || continue
    [ "$(h_get VIRT-MIB::virtDomainVcpus."$i")" = 2 ] || continue
    [ "$(h_get VIRT-MIB::virtDomainName."$i")" = Domain-0 ] && continue
    dom=$i
    break
done
h_true "a running 2-vcpu domain" test -n "$dom"
[ -n "$dom" ] || { h_summary; exit 1; }
n=$(h_get VIRT-MIB::virtDomainVcpus."$dom")
CPU_OID=$(snmptranslate -On VIRT-MIB::virtDomainCpuTime."$dom")
VCPU_OID=$(snmptranslate -On VIRT-MIB::virtVcpuCpuTime."$dom")
h_log "domain $(h_get VIRT-MIB::virtDomainName."$dom") (index $dom), $n vcpus"

# fr_sample: one GET of the domain's cpu time and its vcpus' in one PDU,
# as "a b dom vcpu0 vcpu1 ...", a and b the wall time around it.  The
# OIDs are numeric and no MIB is loaded, so that the tool starts fast.
fr_sample() {
    oids=$CPU_OID
    v=0
    while [ $v -lt "$n" ]; do
        oids="$oids $VCPU_OID.$v"
        v=$((v + 1))
    done
    a=$(date +%s.%N)
    # shellcheck disable=SC2086
    vals=$(snmpget -m '' -v2c -c public $H_TRIES -Oqv "127.0.0.1:$PORT" $oids)
    b=$(date +%s.%N)
    echo "$a $b" $vals
}

# fr_check WHAT S1 S2: prints "pass", "fail" or "wide" (inconclusive)
# and the numbers, for the domain's delta and each vcpu's (1 vcpu each).
fr_check() {
    echo "$2 $3" | awk -v n="$n" -v tol="$FR_TOL" -v what="$1" '{
        k = NF / 2
        dt = ($(k + 1) + $(k + 2)) / 2 - ($1 + $2) / 2
        w = (($2 - $1) + ($(k + 2) - $(k + 1))) / 2
        verdict = "pass"
        if (w > tol * dt)
            verdict = "wide"
        err = ($(k + 3) - $3) / 1e9 - n * dt
        if (verdict == "pass" && (err > tol * n * dt + n * w ||
            -err > tol * n * dt + n * w))
            verdict = "fail"
        for (v = 0; v < n; v++) {
            e = ($(k + 4 + v) - $(4 + v)) / 1e9 - dt
            if (verdict == "pass" && (e > tol * dt + w || -e > tol * dt + w))
                verdict = "fail"
        }
        printf "%s %s: spacing %.3f s, window %.3f s, cpu delta %.3f s " \
            "(%.2f%% off %d x spacing)\n", verdict, what, dt, w,
            ($(k + 3) - $3) / 1e9, 100 * err / (n * dt), n
    }'
}

# fr_pair WHAT SECS: two samples SECS apart (with FR_BETWEEN, another
# manager's request, run 0.5 s after the first), taken again while the
# windows are too wide to tell; asserts the conclusive one.
fr_pair() {
    try=0
    while [ $try -lt $FR_TRIES ]; do
        try=$((try + 1))
        s1=$(fr_sample)
        if [ -n "${FR_BETWEEN:-}" ]; then
            sleep 0.5
            $FR_BETWEEN >/dev/null
        fi
        sleep "$2"
        s2=$(fr_sample)
        out=$(fr_check "$1" "$s1" "$s2")
        h_log "$out"
        case $out in
        wide*) continue ;;
        esac
        h_eq "$1: delta within 5% of $n vcpus x wall time" pass "${out%% *}"
        return
    done
    h_true "$1: a conclusive measurement in $FR_TRIES tries" false
}

# --- one PDU, one read: the vcpus' times add up to the domain's, but
# for the moments between the library calls of that one read (within
# the GET's window, for each vcpu)
s=$(fr_sample)
h_true "one GET: the vcpus' cpu times add up to the domain's" \
    test "$(echo "$s" | awk -v n="$n" '{
        t = 0
        for (i = 4; i <= NF; i++)
            t += $i
        d = t - $3
        print (d < 0 ? -d : d) <= n * ($2 - $1) * 1e9 ? "yes" : "no" }')" = yes

# --- pairs at spacings from 1.5 to 3 s (each more than the 1 s bound)
for secs in 1.5 2 2 2.5 3; do
    fr_pair "GETs ${secs} s apart" "$secs"
done

# --- a rate like check_snmp --rate or Prometheus's rate() over ~6 s
fr_pair "rate over 6 s" 6

# --- another manager walking the domain table between the two GETs:
# its read is not the one the second GET is answered from
fr_other() {
    h_walk VIRT-MIB::virtDomainTable
}
FR_BETWEEN=fr_other fr_pair "GETs 2 s apart, another manager between" 1.5

# fr_reads: how many reads the agent made for requests so far.
fr_reads() {
    grep -c 'read for request' "$AGENTLOG"
}

# --- a walk of the domain table (one GETNEXT per PDU) within the bound
# shares a read: at most one per started bound of its duration.  It
# starts more than the 20 ms of virtmibd(8) after the last request, so
# that its first PDU reads (one sooner shares the last read).
sleep 0.1
r0=$(fr_reads)
t0=$(date +%s.%N)
pdus=$(snmpwalk -v2c -c public $H_TRIES -Oq "127.0.0.1:$PORT" \
    VIRT-MIB::virtDomainTable | wc -l)
t1=$(date +%s.%N)
reads=$(($(fr_reads) - r0))
grep 'read for request' "$AGENTLOG" | tail -n +$((r0 + 1)) >&2
most=$(echo "$t0 $t1" | awk '{ print int($2 - $1) + 1 }')
h_log "walk: $pdus PDUs in $(echo "$t0 $t1" | awk '{ print $2 - $1 }') s, $reads reads"
h_true "a walk made at least one read" test "$reads" -ge 1
h_true "a walk made at most one read per started second ($most)" \
    test "$reads" -le "$most"
h_true "a walk made fewer reads than PDUs" test "$reads" -lt "$pdus"

# --- state: a pause shows at once and its cpu time stands still; a
# resume starts it again
h_set VIRT-MIB::virtDomainAdminState."$dom" i paused >/dev/null
h_eq "paused at once" 3 "$(h_get -Oe VIRT-MIB::virtDomainState."$dom")"
s1=$(fr_sample)
sleep 1.5
s2=$(fr_sample)
h_eq "a paused domain's cpu time stands still" \
    "$(echo "$s1" | cut -d' ' -f3-)" "$(echo "$s2" | cut -d' ' -f3-)"
h_set VIRT-MIB::virtDomainAdminState."$dom" i running >/dev/null
h_eq "running at once" 1 "$(h_get -Oe VIRT-MIB::virtDomainState."$dom")"
fr_pair "GETs 2 s apart after resume" 2

# --- virtMaxAge 0: a read for every PDU, one for all varbinds of one
h_stop_agent
h_start_agent -D virtmibd/schedule -a 0
r0=$(fr_reads)
pdus=$(snmpwalk -v2c -c public $H_TRIES -Oq "127.0.0.1:$PORT" \
    VIRT-MIB::virtDomainTable | wc -l)
reads=$(($(fr_reads) - r0))
# snmpwalk sends one PDU more than it prints (the one past the table)
h_eq "virtMaxAge 0: one read per PDU of a walk" $((pdus + 1)) "$reads"
r0=$(fr_reads)
h_get VIRT-MIB::virtNodeCpus.0 VIRT-MIB::virtDomainCpuTime."$dom" \
    VIRT-MIB::virtVcpuCpuTime."$dom".0 >/dev/null
h_eq "virtMaxAge 0: one read for a PDU across three groups" 1 \
    $(($(fr_reads) - r0))

# --- virtFreshPolls no and a large virtMaxAge (answers from the last
# poll, as before the bound): GETs 2 s apart share one read
h_stop_agent
echo "virtFreshPolls no" >"$H_TMP/fresh.conf"
h_start_agent -D virtmibd/schedule -a 600 -c "$H_TMP/fresh.conf"
s1=$(fr_sample)
sleep 2
s2=$(fr_sample)
h_eq "virtFreshPolls no, virtMaxAge 600: GETs 2 s apart answer one read" \
    "$(echo "$s1" | cut -d' ' -f3-)" "$(echo "$s2" | cut -d' ' -f3-)"

# --- -a takes 0 to 3600 seconds, decimals allowed
for bad in -1 3601 1s nan; do
    out=$("$VIRTMIBD" -f -C -a "$bad" 2>&1)
    h_eq "-a $bad refused" "virtmibd: bad maximum age '$bad'" "$out"
done

h_log "took $(($(date +%s) - FR_T0)) s"
h_summary
