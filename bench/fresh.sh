#!/bin/sh
# bench/fresh.sh: what fresh counters (virtMaxAge, virtmibd(8)) cost.
# Called by `make bench-fresh`; prints one table and writes it between
# the fresh:begin and fresh:end marks of bench/RESULTS.md.
#
# For each size (BENCH_SIZES, default 1,000 and 10,000 domains) and each
# pattern, virtmibd (poll 5 s, the default) runs twice on the same node
# file: the reference with virtFreshPolls no and virtMaxAge 3600
# (answers come from the last poll, as before fresh counters) and with
# the defaults (virtFreshPolls yes: a GET or a new walk reads the host
# first; virtMaxAge 1: a walk reads again after 1 s).  The
# patterns, each for BENCH_SECS (default 60) seconds:
#   scrape: a walk of the whole VIRT-MIB (snmpbulkwalk -Cr50) every 15 s;
#   poll:   a GET of one running domain's cpu time every 1 s.
# Measured: virtmibd's CPU time (utime+stime of /proc/PID/stat) per
# minute, the number of reads it made for requests (its virtmibd/schedule
# debug lines) and the median request time (a walk's or a GET's, tool
# start included, the same in both runs).  Ratios are fresh/reference.

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
export abs_top_srcdir abs_top_builddir
SIZES=${BENCH_SIZES:-"1000 10000"}
SECS=${BENCH_SECS:-60}
OUT=$abs_top_srcdir/bench
ROOT=.1.3.6.1.4.1.8072.9999.9999.1
# virtDomainCpuTime, column 10 of the domain table
CPUCOL=$ROOT.1.2.1.10

# shellcheck source=../tests/snmp/harness.sh
. "$abs_top_srcdir/tests/snmp/harness.sh"

# shellcheck source=bench.sh
. "$abs_top_srcdir/bench/bench.sh"

# f_request PATTERN: one request; prints its time in ms.
f_request() {
    t0=$(b_now)
    if [ "$1" = scrape ]; then
        snmpbulkwalk -v2c -Cr50 -c public -t 30 -r 0 -On -m '' \
            "127.0.0.1:$PORT" $ROOT >/dev/null 2>&1
    else
        snmpget -v2c -c public -t 10 -r 0 -On -m '' "127.0.0.1:$PORT" \
            "$CPUCOL.$DOM" >/dev/null 2>&1
    fi
    t1=$(b_now)
    echo $(((t1 - t0) / 1000000))
}

# f_run PATTERN ref|fresh: one run; prints "cpu_s_per_min reads
# median_ms".
f_run() {
    every=1
    [ "$1" = scrape ] && every=15
    if [ "$2" = ref ]; then
        printf 'virtFreshPolls no\nvirtMaxAge 3600\n' >"$H_TMP/f.conf"
    else
        : >"$H_TMP/f.conf"
    fi
    AGENT_URI=test://$NODE POLL=5 h_start_agent -D virtmibd/schedule \
        -c "$H_TMP/f.conf" || return 1
    # the first read for a request, out of the measurement
    f_request "$1" >/dev/null
    r0=$(grep -c 'read for request' "$AGENTLOG")
    k0=$(b_ticks "$AGENT_PID")
    start=$(date +%s)
    : >"$H_TMP/lat"
    next=$start
    while [ "$next" -lt $((start + SECS)) ]; do
        f_request "$1" >>"$H_TMP/lat"
        next=$((next + every))
        while [ "$(date +%s)" -lt "$next" ]; do
            sleep 0.05
        done
    done
    k1=$(b_ticks "$AGENT_PID")
    r1=$(grep -c 'read for request' "$AGENTLOG")
    h_stop_agent
    rm -f "$AGENTLOG"
    echo "$(awk -v k=$((k1 - k0)) -v hz="$HZ" -v s="$SECS" 'BEGIN {
        printf "%.3f", k / hz * 60 / s }') $((r1 - r0)) \
$(b_median <"$H_TMP/lat")"
}

# f_size N: both patterns, both runs, one table row each.
f_size() {
    NODE=$H_TMP/node-$1.xml
    python3 "$abs_top_srcdir/bench/gen-node.py" "$1" "$NODE" || return 1
    rm -f "$STATE"
    AGENT_URI=test://$NODE POLL=5 h_start_agent || return 1
    DOM=$(snmpwalk -v2c -c public -On -m '' -Oq "127.0.0.1:$PORT" \
        $ROOT.1.2.1.7 | awk '$2 == 1 { n++ } $2 == 1 && n == 2 {
            sub(/.*\./, "", $1); print $1; exit }')
    h_stop_agent
    rm -f "$AGENTLOG"
    for p in scrape poll; do
        ref=$(f_run $p ref) || return 1
        new=$(f_run $p fresh) || return 1
        echo "$1 $p $ref $new" | awk '{
            printf "| %d | %s | %.3f | %.3f | %.2f | %d | %d | %d | %d | %.2f |\n",
                $1, $2, $3, $6, ($3 > 0 ? $6 / $3 : 0), $4, $7, $5, $8,
                ($5 > 0 ? $8 / $5 : 0) }' >>"$H_TMP/rows"
        tail -n 1 "$H_TMP/rows"
    done
}

f_table() {
    echo "virtmibd with poll 5 s; reference virtFreshPolls no and" \
        "virtMaxAge 3600 (answers from the last poll, as before), fresh" \
        "the defaults (virtFreshPolls yes, virtMaxAge 1); each run" \
        "${SECS} s.  scrape: a walk of all VIRT-MIB every 15 s; poll: a" \
        "GET of one domain's cpu time every 1 s.  Request time includes" \
        "starting the tool.  CPU in clock ticks of $((1000 / HZ)) ms."
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- command: \`make bench-fresh\` (sizes: $SIZES)"
    echo "- machine: $(nproc) cpus; load average at end:" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| domains | pattern | CPU s/min, reference | CPU s/min, fresh" \
        "| ratio | reads for requests, reference | fresh | request ms," \
        "reference | fresh | ratio |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    cat "$H_TMP/rows"
}

# f_write FILE: the table between the marks (appended when absent).
f_write() {
    f_table >"$H_TMP/table"
    if ! grep -q '<!-- fresh:begin' "$1"; then
        printf '\n## Fresh counters (bench/fresh.sh)\n\n' >>"$1"
        printf '<!-- fresh:begin (written by bench/fresh.sh) -->\n' >>"$1"
        printf '<!-- fresh:end -->\n' >>"$1"
    fi
    awk -v t="$H_TMP/table" '
        /<!-- fresh:begin/ { print; while ((getline l < t) > 0) print l
                             skip = 1; next }
        /<!-- fresh:end/ { skip = 0 }
        !skip { print }' "$1" >"$H_TMP/results" && cat "$H_TMP/results" >"$1"
}

h_setup
h_start_trapd || exit 1
h_start_snmpd || exit 1
: >"$H_TMP/rows"
for n in $SIZES; do
    f_size "$n" || exit 1
done
f_table
f_write "$OUT/RESULTS.md"
