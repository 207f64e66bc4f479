#!/bin/bash
# seeds.sh: the random request sequences of the robustness suite come
# from their seeds alone (issue 11).  Cheap: a few seconds.
# - badsets -g (no agent) twice with one seed: the same hash, the same
#   log, COUNT lines; another seed: another hash;
# - badsets against a live virtmibd twice with that seed (the second run
#   meets the state the first one left, and net-snmp draws its request
#   ids from random()): both runs print the generate-only hash and log
#   the same lines;
# - load.sh's and faults.sh's plans (seq.sh) twice with one seed: the
#   same; with another: different.
. "$(dirname "$0")/../snmp/harness.sh"
. "$(dirname "$0")/seq.sh"

COUNT=${SEEDS_COUNT:-500}
A=${SEEDS_SEED:-1796108222}
B=$((A + 1))
h_start_all
BIN="$H_TMP/badsets"
# shellcheck disable=SC2046
${CC:-cc} -O1 $(net-snmp-config --cflags) \
    "$abs_top_srcdir"/tests/robustness/badsets/*.c \
    $(net-snmp-config --libs) -o "$BIN" || exit 1
hash_of() {
    sed -n 's/^badsets: seed .*, sequence hash //p' "$1"
}

# --- badsets, generate only
"$BIN" -g -l "$H_TMP/g1.log" "$COUNT" "$A" >"$H_TMP/g1.out"
"$BIN" -g -l "$H_TMP/g2.log" "$COUNT" "$A" >"$H_TMP/g2.out"
"$BIN" -g -l "$H_TMP/g3.log" "$COUNT" "$B" >"$H_TMP/g3.out"
g1=$(hash_of "$H_TMP/g1.out")
h_true "badsets -g prints a hash" test -n "$g1"
h_eq "badsets -g: one seed, one hash" "$g1" "$(hash_of "$H_TMP/g2.out")"
h_true "badsets -g: one seed, one log" cmp -s "$H_TMP/g1.log" "$H_TMP/g2.log"
h_eq "badsets -g: a line per request" "$COUNT" "$(wc -l <"$H_TMP/g1.log")"
h_true "badsets -g: another seed, another hash" \
    test "$g1" != "$(hash_of "$H_TMP/g3.out")"

# --- badsets against the agent, twice with seed A
for r in 1 2; do
    "$BIN" -l "$H_TMP/r$r.log" "127.0.0.1:$PORT" private "$COUNT" "$A" \
        >"$H_TMP/r$r.out"
    h_eq "badsets run $r passes" 0 "$?"
    h_eq "badsets run $r: the generate-only hash" "$g1" \
        "$(hash_of "$H_TMP/r$r.out")"
    h_true "badsets run $r: the generate-only log" \
        cmp -s "$H_TMP/g1.log" "$H_TMP/r$r.log"
done
echo "seeds: badsets seed $A, $COUNT requests: hash $g1 without an agent" \
    "and in two runs against it; seed $B: $(hash_of "$H_TMP/g3.out")"

# --- the plans of load.sh and faults.sh
for plan in load_plan faults_plan; do
    size=3000
    [ $plan = load_plan ] || size=20
    $plan "$A" $size >"$H_TMP/p1"
    $plan "$A" $size >"$H_TMP/p2"
    $plan "$B" $size >"$H_TMP/p3"
    h_true "$plan: not empty" test -s "$H_TMP/p1"
    h_eq "$plan: one seed, one sequence" "$(seq_hash "$H_TMP/p1")" \
        "$(seq_hash "$H_TMP/p2")"
    h_true "$plan: another seed, another sequence" \
        test "$(seq_hash "$H_TMP/p1")" != "$(seq_hash "$H_TMP/p3")"
    echo "seeds: $plan seed $A: hash $(seq_hash "$H_TMP/p1"); seed $B: $(seq_hash "$H_TMP/p3")"
done
h_summary
