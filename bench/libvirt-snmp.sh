#!/bin/sh
# bench/libvirt-snmp.sh: virtmibd on the system libvirt against
# libvirt-snmp's subagent, side by side: one private snmpd master, both
# subagents registered on it at once (VIRT-MIB under netSnmpPlaypen,
# LIBVIRT-MIB under 36957), both on the same libvirt test-driver node file
# (libvirt's own format, gen-libvirt-node.py) at 1,000 and 10,000 domains
# (BENCH_SIZES).  Each round walks each one's domain table once
# (snmpbulkwalk -Cr50), the order alternating from round to round
# (BENCH_RUNS rounds, default 5); it prints each walk and the medians,
# and writes them between the libvirt-snmp marks of bench/RESULTS.md.
# `make -C bench bench-libvirt`.
#
# libvirt-snmp comes from bench/libvirt-snmp-build.sh (LIBVIRT_SNMP,
# LIBVIRT_SNMP_SRC: see there); without it this exits 77.  virtmibd is
# VIRTMIBD_LIBVIRT, or the first agent/virtmibd linked with libvirt.so.0
# in the build tree or in _build-libvirt (./configure
# --with-libvirt=system); without one, libvirt-snmp is measured alone.
#
# Caches, as equal as each allows: libvirt-snmp reloads its whole table
# through net-snmp's cache helper when a request comes more than 5 s
# after the last load (LIBVIRTGUESTTABLE_CACHE_TIMEOUT, not
# configurable); virtmibd runs with -p 5, virtFreshPolls no and
# virtMaxAge 5 (BENCH_MAXAGE): every answer from a read at most 5 s old.

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
export abs_top_srcdir abs_top_builddir
SIZES=${BENCH_SIZES:-1000 10000}
RUNS=${BENCH_RUNS:-5}
MAXAGE=${BENCH_MAXAGE:-5}
OUT=${BENCH_OUT:-$abs_top_srcdir/bench}
V_TABLE=.1.3.6.1.4.1.8072.9999.9999.1.1.2
L_TABLE=.1.3.6.1.4.1.36957.1.1
L_START_SECS=30
VM_ON=

LSNMP=$(sh "$abs_top_srcdir/bench/libvirt-snmp-build.sh" \
    "$abs_top_builddir/bench/libvirt-snmp") || exit $?

# shellcheck source=../tests/snmp/harness.sh
. "$abs_top_srcdir/tests/snmp/harness.sh"
# shellcheck source=bench.sh
. "$abs_top_srcdir/bench/bench.sh"

L_PID=

# l_cleanup: libvirt-snmp's subagent first, then the harness's world.
l_cleanup() {
    if [ -n "$L_PID" ]; then
        kill "$L_PID" 2>/dev/null
        wait "$L_PID" 2>/dev/null
    fi
    h_cleanup
}

# on_system_libvirt FILE: FILE is a program linked with libvirt.so.0.
on_system_libvirt() {
    [ -x "$1" ] && objdump -p "$1" 2>/dev/null |
        grep -q 'NEEDED  *libvirt\.so\.0$'
}

# find_virtmibd: the path of virtmibd built on the system libvirt, or "".
find_virtmibd() {
    if [ -n "${VIRTMIBD_LIBVIRT:-}" ]; then
        on_system_libvirt "$VIRTMIBD_LIBVIRT" || {
            h_log "VIRTMIBD_LIBVIRT=$VIRTMIBD_LIBVIRT is not a program" \
                "linked with the system libvirt (libvirt.so.0)"
            return 1
        }
        echo "$VIRTMIBD_LIBVIRT"
        return 0
    fi
    for f in "$abs_top_builddir/agent/.libs/virtmibd" \
        "$abs_top_builddir/agent/virtmibd" \
        "$abs_top_srcdir/_build-libvirt/agent/.libs/virtmibd" \
        "$abs_top_srcdir/_build-libvirt/agent/virtmibd"; do
        if on_system_libvirt "$f"; then
            echo "$f" | sed 's,/\.libs/virtmibd$,/virtmibd,'
            return 0
        fi
    done
    echo ""
}

# l_rss PID: VmRSS of PID in KiB.
l_rss() {
    awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"
}

# l_walk WHO PID ROOT: one walk of ROOT; prints
# "WHO varbinds nanoseconds ticks rss-KiB".
l_walk() {
    c0=$(b_ticks "$2")
    t0=$(b_now)
    n=$(snmpbulkwalk -v2c -Cr50 -c public -t 30 -r 0 -On -m '' \
        "127.0.0.1:$PORT" "$3" 2>/dev/null | grep -c "^$3\.")
    t1=$(b_now)
    c1=$(b_ticks "$2")
    echo "$1 $n $((t1 - t0)) $((c1 - c0)) $(l_rss "$2")"
}

# l_first_row_is_there: libvirt-snmp answers a row of its table.
l_first_row_is_there() {
    snmpgetnext -v2c -c public -t 30 -r 0 -On -m '' "127.0.0.1:$PORT" \
        "$L_TABLE" 2>/dev/null | grep -q "^$L_TABLE\."
}

# l_start_lsnmp NODE: libvirt-snmp's subagent on test://NODE, once it
# answers a row (its first load of the table done).
l_start_lsnmp() {
    LIBVIRT_DEFAULT_URI=test://$1 "$LSNMP" -f -L -x "$SOCK" \
        >>"$H_TMP/libvirt-snmp.log" 2>&1 &
    L_PID=$!
    h_wait_until $L_START_SECS l_first_row_is_there && return 0
    h_log "libvirt-snmp did not answer within $L_START_SECS s; its log:"
    cat "$H_TMP/libvirt-snmp.log" >&2
    return 1
}

l_stop_lsnmp() {
    kill "$L_PID" 2>/dev/null
    wait "$L_PID" 2>/dev/null
    L_PID=
}

# l_round R: one walk of each subagent, virtmibd first in odd rounds.
l_round() {
    if [ -n "$VM_ON" ] && [ $(($1 % 2)) -eq 1 ]; then
        l_walk virtmibd "$AGENT_PID" $V_TABLE
    fi
    l_walk libvirt-snmp "$L_PID" $L_TABLE
    if [ -n "$VM_ON" ] && [ $(($1 % 2)) -eq 0 ]; then
        l_walk virtmibd "$AGENT_PID" $V_TABLE
    fi
}

# l_start N NODE: both subagents on NODE, each walked once to warm up.
# Each start may take 30 s plus 10 ms per domain (a first read of the
# host).  VM_ON is virtmibd's path when it runs at this size, else "".
l_start() {
    L_START_SECS=$((30 + $1 / 100))
    l_start_lsnmp "$2" || return 1
    VM_ON=$VM
    if [ -n "$VM" ]; then
        printf 'virtFreshPolls no\nvirtMaxAge %s\n' "$MAXAGE" >"$H_TMP/v.conf"
        rm -f "$STATE"
        if AGENT_URI=test://$2 POLL=5 H_START_SECS=$L_START_SECS \
            h_start_agent -c "$H_TMP/v.conf"; then
            l_walk virtmibd "$AGENT_PID" $V_TABLE >/dev/null
        else
            echo "- virtmibd did not answer within $L_START_SECS s at $1" \
                "domains: libvirt-snmp alone there" >>"$H_TMP/missed"
            h_stop_agent
            VM_ON=
        fi
    fi
    l_walk libvirt-snmp "$L_PID" $L_TABLE >/dev/null
}

# l_size N: the rounds at N domains into $H_TMP/walks-N.
l_size() {
    node=$H_TMP/node-$1.xml
    python3 "$abs_top_srcdir/bench/gen-libvirt-node.py" "$1" "$node" ||
        return 1
    : >"$H_TMP/walks-$1"
    l_start "$1" "$node" || return 1
    r=1
    while [ $r -le "$RUNS" ]; do
        l_round $r
        r=$((r + 1))
    done >"$H_TMP/walks-$1"
    l_stop_lsnmp
    [ -z "$VM_ON" ] || h_stop_agent
    sed "s/^/  $1 domains: walk: /" "$H_TMP/walks-$1"
    l_check "$1" 2>>"$H_TMP/missed"
}

# l_check N: every walk of one subagent gave the same count, a positive
# multiple of N (every row, each with the same columns).
l_check() {
    awk -v n="$1" -v bf="$H_TMP/bad-$1" '
        { c[$1] = c[$1] " " $2
          if ($2 == 0 || $2 % n != 0) bad = bad " " $1 "=" $2 }
        END { for (w in c) { split(c[w], v, " ")
                  for (i in v) if (v[i] != v[1]) bad = bad " " w ":" c[w] }
              for (w in c) if (index(bad, " " w)) print w > bf
              if (bad != "") {
                  printf "- incomplete walks at %d domains (varbinds):%s\n",
                      n, bad > "/dev/stderr"
                  exit 1 } }' "$H_TMP/walks-$1"
}

# l_incomplete N WHO: some walk of WHO at N domains missed rows.
l_incomplete() {
    grep -qx "$2" "$H_TMP/bad-$1" 2>/dev/null
}

# l_medians N WHO: "varbinds vb/s seconds us/vb rss-KiB", medians of
# the walks of WHO at N domains (- when WHO did not run; only the
# varbinds and RSS when its walks missed rows).
l_medians() {
    f=$H_TMP/walks-$1
    grep -q "^$2 " "$f" || {
        echo "- - - - -"
        return
    }
    if l_incomplete "$1" "$2"; then
        echo "$(grep "^$2 " "$f" | cut -d' ' -f2 | b_median) - - -" \
            "$(grep "^$2 " "$f" | cut -d' ' -f5 | b_median)"
        return
    fi
    grep "^$2 " "$f" | awk -v hz="$HZ" '{ print $2, $2 / ($3 / 1e9),
        $3 / 1e9, $4 * 1e6 / hz / $2, $5 }' >"$H_TMP/m"
    for col in 1 2 3 4 5; do
        cut -d' ' -f$col "$H_TMP/m" | b_median
    done | tr '\n' ' '
    echo
}

# l_ratios N: medians of the per-round ratios virtmibd / libvirt-snmp:
# "vb/s rows/s cpu-per-varbind rss" (- when virtmibd did not run).
l_ratios() {
    if ! grep -q '^virtmibd ' "$H_TMP/walks-$1"; then
        echo "- - - -"
        return
    fi
    if l_incomplete "$1" virtmibd || l_incomplete "$1" libvirt-snmp; then
        echo "- - - $(l_rss_ratio "$1")"
        return
    fi
    awk -v n="$1" '
        $1 == "libvirt-snmp" { l[++nl] = $0 }
        $1 == "virtmibd" { v[++nv] = $0 }
        END { for (i = 1; i <= nl && i <= nv; i++) {
                  split(l[i], a, " "); split(v[i], b, " ")
                  printf "%.3f %.3f %.3f %.3f\n",
                      (b[2] / b[3]) / (a[2] / a[3]), a[3] / b[3],
                      (a[4] > 0 ? (b[4] / b[2]) / (a[4] / a[2]) : 0),
                      b[5] / a[5] } }' "$H_TMP/walks-$1" >"$H_TMP/r"
    for col in 1 2 3 4; do
        cut -d' ' -f$col "$H_TMP/r" | b_median
    done | tr '\n' ' '
    echo
}

# l_rss_ratio N: median RSS of virtmibd over libvirt-snmp's at N domains.
l_rss_ratio() {
    v=$(grep '^virtmibd ' "$H_TMP/walks-$1" | cut -d' ' -f5 | b_median)
    l=$(grep '^libvirt-snmp ' "$H_TMP/walks-$1" | cut -d' ' -f5 | b_median)
    awk -v v="$v" -v l="$l" 'BEGIN { printf "%.3f\n", v / l }'
}

# l_summary N: the medians and ratios at N domains, one line of 14
# values (see L_MEASURES).
l_summary() {
    printf '%s %s %s\n' "$(l_medians "$1" virtmibd)" \
        "$(l_medians "$1" libvirt-snmp)" "$(l_ratios "$1")" | tr -s ' ' 
}

# The table's rows: the field of l_summary's line and the label.
L_MEASURES="1:varbinds walked, virtmibd
6:varbinds walked, libvirt-snmp
2:varbinds/s, virtmibd
7:varbinds/s, libvirt-snmp
11:ratio varbinds/s (virtmibd / libvirt-snmp)
3:seconds for all rows, virtmibd
8:seconds for all rows, libvirt-snmp
12:ratio rows/s (libvirt-snmp's seconds / virtmibd's)
4:CPU us/varbind, virtmibd
9:CPU us/varbind, libvirt-snmp
13:ratio CPU/varbind (virtmibd / libvirt-snmp)
5:RSS KiB, virtmibd
10:RSS KiB, libvirt-snmp
14:ratio RSS (virtmibd / libvirt-snmp)"

# l_fmt: numbers on stdin rounded for the table.
l_fmt() {
    awk '{ for (i = 1; i <= NF; i++)
               if ($i ~ /^[0-9]+\.[0-9]+$/)
                   $i = sprintf($i >= 100 ? "%.0f" : "%.3g", $i)
           print }' OFS=' '
}

# l_rows: the measures, one row each, a column per size.
l_rows() {
    for n in $SIZES; do
        l_summary "$n" | l_fmt >"$H_TMP/sum-$n"
    done
    echo "$L_MEASURES" | while IFS=: read -r field label; do
        printf '| %s |' "$label"
        for n in $SIZES; do
            printf ' %s |' "$(cut -d' ' -f"$field" "$H_TMP/sum-$n")"
        done
        echo
    done
}

l_table() {
    echo "Medians of $RUNS rounds; ratios are virtmibd / libvirt-snmp" \
        "taken per round (rows/s: libvirt-snmp's time over virtmibd's for" \
        "all rows).  virtmibd: $VM_DESC.  libvirt-snmp: $LSNMP" \
        "(cache 5 s).  Each walk: snmpbulkwalk -v2c -Cr50 of the domain" \
        "table through the master, the tool's start included.  CPU:" \
        "utime+stime of the subagent, clock ticks of $((1000 / HZ)) ms."
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- command: \`make -C bench bench-libvirt\` (sizes: $SIZES," \
        "runs: $RUNS)"
    echo "- library: libvirt $(pkg-config --modversion libvirt 2>/dev/null)" \
        "(test driver), net-snmp $(net-snmp-config --version 2>/dev/null)"
    echo "- machine: $(nproc) cpus; load average at end:" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$H_TMP/missed"
    echo
    printf '| measure |'
    for n in $SIZES; do
        printf ' %s domains |' "$n"
    done
    printf '\n|---|'
    for n in $SIZES; do
        printf '%s' '---|'
    done
    echo
    l_rows
}

# l_write FILE: the table between the marks (appended when absent).
l_write() {
    l_table >"$H_TMP/table"
    [ -f "$1" ] || : >"$1"
    if ! grep -q '<!-- libvirt-snmp:begin' "$1"; then
        {
            printf '\n## virtmibd and libvirt-snmp (bench/libvirt-snmp.sh)\n'
            printf '\n<!-- libvirt-snmp:begin (written by'
            printf ' bench/libvirt-snmp.sh) -->\n<!-- libvirt-snmp:end -->\n'
        } >>"$1"
    fi
    awk -v t="$H_TMP/table" '
        /<!-- libvirt-snmp:begin/ { print
                                    while ((getline l < t) > 0) print l
                                    skip = 1; next }
        /<!-- libvirt-snmp:end/ { skip = 0 }
        !skip { print }' "$1" >"$H_TMP/results" && cat "$H_TMP/results" >"$1"
}

h_setup
trap l_cleanup EXIT
VM=$(find_virtmibd) || exit 1
if [ -n "$VM" ]; then
    # shellcheck disable=SC2034 # h_start_agent runs it
    VIRTMIBD=$VM
    VM_DESC="$VM, -p 5, virtFreshPolls no, virtMaxAge $MAXAGE"
else
    VM_DESC="not found (no agent/virtmibd linked with libvirt.so.0)"
    h_log "virtmibd on the system libvirt: $VM_DESC; libvirt-snmp alone"
fi
h_start_trapd || exit 1
h_start_snmpd || exit 1
: >"$H_TMP/missed"
rc=0
for n in $SIZES; do
    l_size "$n" || rc=1
    [ -z "$VM" ] || [ -n "$VM_ON" ] || rc=1
done
l_table
l_write "$OUT/RESULTS.md"
[ $rc -eq 0 ] || h_log "FAIL: virtmibd or libvirt-snmp did not answer every row (see the notes above the table)"
exit $rc
