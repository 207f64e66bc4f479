#!/bin/sh
# bench/vmwalk.sh: VM-MIB's vmTable walked beside VIRT-MIB's domain table,
# on the same virtmibd and master, in alternate rounds, at 10,000 domains
# (BENCH_SIZES, BENCH_RUNS override).  Prints varbinds/s of each and the
# median of the per-round ratios; fails when vmTable is more than 10%
# slower than virtDomainTable.  `make -C bench bench-vm`.

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
export abs_top_srcdir abs_top_builddir
SIZES=${BENCH_SIZES:-10000}
RUNS=${BENCH_RUNS:-5}
DTABLE=.1.3.6.1.4.1.8072.9999.9999.1.1.2
VMTABLE=.1.3.6.1.2.1.236.1.4

# shellcheck source=../tests/snmp/harness.sh
. "$abs_top_srcdir/tests/snmp/harness.sh"
# shellcheck source=bench.sh
. "$abs_top_srcdir/bench/bench.sh"

# v_walk ROOT: "varbinds nanoseconds" of one snmpbulkwalk -Cr50.
v_walk() {
    t0=$(b_now)
    n=$(snmpbulkwalk -v2c -Cr50 -c public -t 30 -r 0 -On -m '' \
        "127.0.0.1:$PORT" "$1" 2>/dev/null | wc -l)
    t1=$(b_now)
    echo "$n $((t1 - t0))"
}

# v_size N: the rounds at N domains; prints one line, 1 if out of bound.
v_size() {
    node=$H_TMP/node-$1.xml
    python3 "$abs_top_srcdir/bench/gen-node.py" "$1" "$node" || return 1
    rm -f "$STATE"
    AGENT_URI=test://$node POLL=3600 h_start_agent || return 1
    v_walk $DTABLE >/dev/null # warm: the first read of the host is done
    r=0
    while [ $r -lt "$RUNS" ]; do
        set -- $(v_walk $DTABLE) $(v_walk $VMTABLE)
        awk -v dn="$1" -v dt="$2" -v vn="$3" -v vt="$4" 'BEGIN {
            d = dn / (dt / 1e9); v = vn / (vt / 1e9)
            printf "%.0f %.0f %.3f %d %d\n", d, v, v / d, dn, vn }'
        r=$((r + 1))
    done >"$H_TMP/rounds"
    h_stop_agent
    sed 's/^/  round: /' "$H_TMP/rounds" # d/s v/s ratio d-varbinds v-varbinds
    d=$(cut -d' ' -f1 "$H_TMP/rounds" | b_median)
    v=$(cut -d' ' -f2 "$H_TMP/rounds" | b_median)
    ratio=$(cut -d' ' -f3 "$H_TMP/rounds" | b_median)
    set -- $(head -n 1 "$H_TMP/rounds")
    echo "$node_n domains: virtDomainTable $d varbinds/s ($4 varbinds)," \
        "vmTable $v varbinds/s ($5 varbinds), ratio $ratio (median of $RUNS)"
    awk -v r="$ratio" 'BEGIN { exit !(r >= 0.9) }'
}

h_setup
h_start_trapd || exit 1
h_start_snmpd || exit 1
rc=0
for node_n in $SIZES; do
    v_size "$node_n" || rc=1
done
[ $rc -eq 0 ] || h_log "vmTable walks more than 10% slower than virtDomainTable"
exit $rc
