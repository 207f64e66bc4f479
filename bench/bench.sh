# bench.sh: sourced by the benchmark scripts (run.sh, fresh.sh): the
# clock, a process's CPU ticks and the statistics they report.

# clock in nanoseconds; CPU ticks (utime+stime) of a pid
b_now() { date +%s%N; }
b_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

# b_stats: numbers on stdin -> "median min max" ("- - -" for none)
b_stats() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "- - -"; exit }
        printf "%s %s %s\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

# b_median: numbers on stdin -> their median ("-" for none)
b_median() {
    b_stats | awk '{ print $1 }'
}
