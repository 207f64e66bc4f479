#!/bin/sh
# bench/run.sh: virtmibd at scale, side by side with the limits of the
# SNMP path.  Called by `make bench` (abs_top_builddir and abs_top_srcdir
# set); prints one table and writes bench/RESULTS.md and bench/walk.png
# in the source tree.  See bench/README.md for what each column means.
#
# Environment: BENCH_QUICK=1 for 3 runs on 100 and 1,000 domains only;
# BENCH_SIZES and BENCH_RUNS override.  Everything runs on 127.0.0.1;
# every process started here is stopped by pid on exit.

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
export abs_top_srcdir abs_top_builddir
if [ -n "${BENCH_QUICK:-}" ]; then
    SIZES=${BENCH_SIZES:-"100 1000"}
    RUNS=${BENCH_RUNS:-3}
    NREQ=200
else
    SIZES=${BENCH_SIZES:-"10 100 1000 10000"}
    RUNS=${BENCH_RUNS:-5}
    NREQ=1000
fi
B=$abs_top_builddir/bench
OUT=$abs_top_srcdir/bench
ROOT=.1.3.6.1.4.1.8072.9999.9999.1
NULLROOT=.1.3.6.1.4.1.8072.9999.9999.2
# (a): snmpd's own hrSWInstalledTable (one row per installed package)
REFTABLE=.1.3.6.1.2.1.25.6.3
DENTRY=$ROOT.1.2.1
NENTRY=$NULLROOT.1.2.1
NULL_PID=
DL_PID=

# shellcheck source=../tests/snmp/harness.sh
. "$abs_top_srcdir/tests/snmp/harness.sh"

b_cleanup() {
    for pid in $NULL_PID $DL_PID; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    h_cleanup
}

# shellcheck source=bench.sh
. "$abs_top_srcdir/bench/bench.sh"

# b_walk PID ROOT: one snmpbulkwalk -Cr50 of ROOT; appends to $WALKS
# "varbinds seconds subagent_ticks snmpd_ticks" (PID may be "-").
b_walk() {
    w_ta=0; [ "$1" != - ] && w_ta=$(b_ticks "$1")
    w_sa=$(b_ticks "$SNMPD_PID")
    w_t0=$(b_now)
    w_n=$(snmpbulkwalk -v2c -Cr50 -c public -t 10 -r 0 -On -m '' \
        "127.0.0.1:${WPORT:-$PORT}" "$2" 2>/dev/null | wc -l)
    w_t1=$(b_now)
    w_tb=0; [ "$1" != - ] && w_tb=$(b_ticks "$1")
    w_sb=$(b_ticks "$SNMPD_PID")
    echo "$w_n $(( w_t1 - w_t0 )) $(( w_tb - w_ta )) $(( w_sb - w_sa ))"
}

# The cost of starting snmpbulkwalk and one round trip, to subtract.
b_walk_base() {
    for i in 1 2 3 4 5; do
        b_walk - .1.3.6.1.6.3.99999 | awk '{ print $2 }'
    done | b_median
}

# rate N NS BASE -> varbinds/s
b_rate() { awk -v n="$1" -v t="$2" -v b="$3" 'BEGIN {
    d = (t - b) / 1e9; if (d <= 0) d = t / 1e9; printf "%.0f\n", n / d }'; }
# us per varbind from ticks
b_cpu() { awk -v n="$1" -v k="$2" -v hz="$HZ" 'BEGIN {
    printf "%.1f\n", k * 1e6 / hz / n }'; }
b_rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }

# One size: start virtmibd and the null subagent on one master, measure.
b_size() {
    n=$1
    node=$H_TMP/node-$n.xml
    python3 "$abs_top_srcdir/bench/gen-node.py" "$n" "$node" || return 1
    rm -f "$STATE"
    AGENT_URI=test://$node POLL=3600 h_start_agent || return 1
    b_walk "$AGENT_PID" $ROOT >/dev/null
    nvcpu=$(snmpbulkwalk -v2c -Cr50 -c public -On -m '' "127.0.0.1:$PORT" \
        $ROOT.1.3.1.2 | wc -l)
    "$B/nullagent" -x "$SOCK" -d "$n" -v "$nvcpu" 2>>"$H_TMP/null.log" &
    NULL_PID=$!
    i=0
    while [ $i -lt 100 ] && ! snmpget -v2c -c public -On -m '' \
        "127.0.0.1:$PORT" $NENTRY.2.1 2>/dev/null | grep -q Hex; do
        sleep 0.1; i=$((i + 1))
    done
    b_walk "$NULL_PID" $NULLROOT >/dev/null
    base=$(b_walk_base)
    : >"$H_TMP/w-ours" ; : >"$H_TMP/w-a"; : >"$H_TMP/w-b"
    : >"$H_TMP/p-ours"; : >"$H_TMP/p-b"
    r=0
    while [ $r -lt "$RUNS" ]; do
        b_walk "$AGENT_PID" $ROOT >>"$H_TMP/w-ours"
        b_walk - $REFTABLE >>"$H_TMP/w-a"
        b_walk "$NULL_PID" $NULLROOT >>"$H_TMP/w-b"
        "$B/snmpbench" poll "$PORT" $DENTRY 4,7,8,10,11 10 >>"$H_TMP/p-ours"
        "$B/snmpbench" poll "$PORT" $NENTRY 4,7,8,10,11 10 >>"$H_TMP/p-b"
        r=$((r + 1))
    done
    b_report_walks "$n" "$base"
    b_latency "$n"
    rss=$(b_rss "$AGENT_PID")
    kill "$NULL_PID"; wait "$NULL_PID" 2>/dev/null; NULL_PID=
    h_stop_agent
    b_library "$n" "$node"
    echo "$n rss $rss" >>"$RES"
}

# Rates and ratios (each ratio from the runs of one round), CPU/varbind.
b_report_walks() {
    paste -d' ' "$H_TMP/w-ours" "$H_TMP/w-a" "$H_TMP/w-b" \
        "$H_TMP/p-ours" "$H_TMP/p-b" >"$H_TMP/rounds"
    while read -r n1 t1 k1 s1 n2 t2 k2 s2 n3 t3 k3 s3 pn1 pt1 pn2 pt2; do
        o=$(b_rate "$n1" "$t1" "$2"); a=$(b_rate "$n2" "$t2" "$2")
        b=$(b_rate "$n3" "$t3" "$2")
        po=$(awk -v n="$pn1" -v t="$pt1" 'BEGIN { printf "%.0f", n / t }')
        pb=$(awk -v n="$pn2" -v t="$pt2" 'BEGIN { printf "%.0f", n / t }')
        echo "$o $a $b $(awk -v o="$o" -v a="$a" -v b="$b" 'BEGIN {
            printf "%.3f %.3f", o / a, o / b }') $(b_cpu "$n1" "$k1") \
$(b_cpu "$n3" "$k3") $(b_cpu "$n1" "$s1") $po $pb $(awk -v o="$po" \
            -v b="$pb" 'BEGIN { printf "%.3f", o / b }') $n1 $n2 $n3"
    done <"$H_TMP/rounds" >"$H_TMP/rates"
    col=1
    for name in walk_ours walk_a walk_b ours_a ours_b cpu_ours cpu_null \
        cpu_snmpd poll_ours poll_b poll_ratio vb_ours vb_a vb_b; do
        case $name in
        cpu_*) ;;
        *) echo "$1 $name $(awk -v c=$col '{ print $c }' "$H_TMP/rates" |
            b_stats)" >>"$RES" ;;
        esac
        col=$((col + 1))
    done
    # CPU per varbind over all rounds together (ticks are 10 ms): "-"
    # when a process spent less than 0.5 s in all.
    awk -v hz="$HZ" -v size="$1" '
        { n1 += $1; k1 += $3; s1 += $4; n3 += $9; k3 += $11 }
        function f(k, n) {
            if (k < hz / 2)
                return "-"
            return sprintf("%.1f", k * 1e6 / hz / n)
        }
        END { print size, "cpu_ours", f(k1, n1)
              print size, "cpu_null", f(k3, n3)
              print size, "cpu_snmpd", f(s1, n1) }' "$H_TMP/rounds" >>"$RES"
}

# GET and SET latency, trap latency (a running guest: index of row 3).
b_latency() {
    idx=$(snmpbulkwalk -v2c -Cr50 -c public -On -m '' "127.0.0.1:$PORT" \
        $DENTRY.7 | awk -F'[ .]' '$NF == 1 { print $(NF - 3) }' |
        sed -n "$(( ($1 + 1) / 2 ))p")
    [ -n "$idx" ] || idx=1
    echo "$1 get $("$B/snmpbench" get "$PORT" $NREQ $DENTRY.7.$idx)" >>"$RES"
    echo "$1 set $("$B/snmpbench" set "$PORT" $NREQ $DENTRY.10.$idx u \
        128 120)" >>"$RES"
    ntrap=$((RUNS * 2))
    echo "$1 trap $("$B/snmpbench" set "$PORT" $ntrap $DENTRY.13.$idx i 2 1 \
        "$TRAPLOG")" >>"$RES"
}

# vsh and the C API; the refresh split.
b_library() {
    uri=test://$2
    # the binary itself, not libtool's wrapper script in tools/ (a shell
    # that sets LD_LIBRARY_PATH and execs it: 60 ms a start here)
    vsh() {
        if [ -x "$abs_top_builddir/tools/.libs/vsh" ]; then
            LD_LIBRARY_PATH=$abs_top_builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
                "$abs_top_builddir/tools/.libs/vsh" "$@"
        else
            "$abs_top_builddir/tools/vsh" "$@"
        fi
    }
    for i in $(seq "$RUNS"); do
        t0=$(b_now)
        vsh -c "$uri" list --all >/dev/null
        echo $(( ($(b_now) - t0) / 1000 ))
    done | b_stats | sed "s/^/$1 vsh_list /" >>"$RES"
    # the same process doing nothing but connect (the test driver parses
    # the node file then)
    for i in $(seq "$RUNS"); do
        t0=$(b_now)
        vsh -c "$uri" uri >/dev/null
        echo $(( ($(b_now) - t0) / 1000 ))
    done | b_stats | sed "s/^/$1 vsh_connect /" >>"$RES"
    vsh -c "$uri" list --all |
        awk 'NR > 2 && NF >= 2 { print "dominfo " $2 }' >"$H_TMP/cmds"
    for i in $(seq "$RUNS"); do
        t0=$(b_now)
        vsh -c "$uri" <"$H_TMP/cmds" >/dev/null
        echo $(( ($(b_now) - t0) / 1000 ))
    done | b_stats | sed "s/^/$1 vsh_dominfo /" >>"$RES"
    echo "$1 lib_list $("$B/libbench" list "$uri" "$RUNS")" >>"$RES"
    rm -f "$H_TMP/map"
    "$B/libbench" snapshot "$uri" 1 "$H_TMP/map" >/dev/null # first read
    "$B/libbench" split "$uri" $((RUNS * 2 + 1)) "$H_TMP/map" |
        sed "s/^/$1 /" >>"$RES"
    rm -f "$H_TMP/map"
    echo "$1 memory $("$B/libbench" memory "$uri" 1 "$H_TMP/map")" >>"$RES"
}

# virtmibd's RSS with only Domain-0: the baseline for per-domain memory.
b_baseline() {
    python3 "$abs_top_srcdir/bench/gen-node.py" 1 "$H_TMP/node-1.xml" &&
        AGENT_URI=test://$H_TMP/node-1.xml POLL=3600 h_start_agent || return 1
    b_walk "$AGENT_PID" $ROOT >/dev/null
    echo "1 rss $(b_rss "$AGENT_PID")" >>"$RES"
    h_stop_agent
}

# In-snmpd mode: a second snmpd that loads the module with dlmod; its
# VIRT-MIB walk alternates with the same snmpd's own table (a).
b_dlmod() {
    n=$1
    so=$abs_top_builddir/agent/.libs/virtmib.so
    [ -f "$so" ] || return 0
    DPORT=$(h_free_port)
    cat >"$H_TMP/dl.conf" <<CONF
agentaddress udp:127.0.0.1:$DPORT
master agentx
agentXSocket unix:$H_TMP/dl.sock
rocommunity public 127.0.0.1
dlmod virtmib $so
virtURI test://$H_TMP/node-$n.xml
virtStateFile $H_TMP/dl.map
virtPollInterval 3600
CONF
    rm -f "$H_TMP/dl.map"
    "$SNMPD" -f -Lf "$H_TMP/dl.log" -C -c "$H_TMP/dl.conf" \
        -p "$H_TMP/dl.pid" &
    DL_PID=$!
    i=0
    while [ $i -lt 100 ] && ! snmpget -v2c -c public -On -m '' \
        "127.0.0.1:$DPORT" $DENTRY.4.1 2>/dev/null | grep -q STRING; do
        sleep 0.1; i=$((i + 1))
    done
    : >"$H_TMP/d-ours"; : >"$H_TMP/d-a"
    r=0
    while [ $r -lt "$RUNS" ]; do
        WPORT=$DPORT b_walk - $ROOT >>"$H_TMP/d-ours"
        WPORT=$DPORT b_walk - $REFTABLE >>"$H_TMP/d-a"
        r=$((r + 1))
    done
    paste -d' ' "$H_TMP/d-ours" "$H_TMP/d-a" | while read -r n1 t1 k1 s1 n2 t2 k2 s2; do
        o=$(b_rate "$n1" "$t1" "$base"); a=$(b_rate "$n2" "$t2" "$base")
        echo "$o $a $(awk -v o="$o" -v a="$a" 'BEGIN { printf "%.3f", o / a }')"
    done >"$H_TMP/d-rates"
    col=1
    for name in dl_ours dl_a dl_ratio; do
        echo "$n $name $(awk -v c=$col '{ print $c }' "$H_TMP/d-rates" |
            b_stats)" >>"$RES"
        col=$((col + 1))
    done
    kill "$DL_PID"; wait "$DL_PID" 2>/dev/null; DL_PID=
}

b_machine() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- command: \`${BENCH_COMMAND:-make bench}\`" \
        "(BENCH_QUICK=${BENCH_QUICK:-}, sizes: $SIZES, runs: $RUNS)"
    echo "- machine: $(nproc) cpus, $(sed -n 's/^model name[^:]*: //p' \
        /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ {
        printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
    echo "- load average at start: $LOAD0; at end: $(cut -d' ' -f1-3 \
        /proc/loadavg)"
    echo "- net-snmp $(net-snmp-config --version 2>/dev/null)"
}

h_setup
trap b_cleanup EXIT
RES=$H_TMP/results
: >"$RES"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
h_start_trapd
h_start_snmpd || exit 1
h_log "bench: baseline"
b_baseline || exit 1
for n in $SIZES; do
    h_log "bench: $n domains"
    b_size "$n" || exit 1
    b_dlmod "$n"
done
b_machine >"$H_TMP/machine"
python3 "$abs_top_srcdir/bench/report.py" "$RES" "$H_TMP/machine" \
    "$OUT/RESULTS.md" "$H_TMP/plot.dat" || exit 1
if command -v gnuplot >/dev/null; then
    gnuplot -e "datafile='$H_TMP/plot.dat'; outfile='$OUT/walk.png'" \
        "$abs_top_srcdir/bench/walk.gp" || h_log "bench: gnuplot failed"
fi
