#!/bin/sh
# badsets.sh: BADSETS_COUNT (default 10000) random SETs against virtmibd
# on test:///default through a private snmpd (tests/snmp/harness.sh), by
# badsets (badsets/*.c), a client on net-snmp's library.  Passes when
# every reply is a proper response, the model of the accepted SETs
# matches every domain's values at the end, the requests sent are those
# the seed alone makes (the run's sequence hash is that of "badsets -g"
# with the same seed and count), and virtmibd is alive throughout and
# exits 0 with an empty stderr.  BADSETS_SEED=N repeats a run;
# BADSETS_LOG=FILE keeps its requests, one line each.
. "$(dirname "$0")/../snmp/harness.sh"

COUNT=${BADSETS_COUNT:-10000}
SEED=${BADSETS_SEED:-$(date +%s)}
h_start_all
BIN="$H_TMP/badsets"
# shellcheck disable=SC2046
${CC:-cc} -O1 $(net-snmp-config --cflags) \
    "$abs_top_srcdir"/tests/robustness/badsets/*.c \
    $(net-snmp-config --libs) -o "$BIN" || exit 1
echo "random SETs from BADSETS_SEED=$SEED"
"$BIN" ${BADSETS_LOG:+-l "$BADSETS_LOG"} -p "${POLL:-1}" "127.0.0.1:$PORT" \
    private "$COUNT" "$SEED" >"$H_TMP/run.out"
rc=$?
cat "$H_TMP/run.out"
h_eq "random SETs: proper replies, model matches" 0 "$rc"
hash_of() {
    sed -n 's/^badsets: seed .*, sequence hash //p' "$1"
}
"$BIN" -g "$COUNT" "$SEED" >"$H_TMP/gen.out"
h_true "the run printed its sequence hash" test -n "$(hash_of "$H_TMP/run.out")"
h_eq "the requests sent are the seed's alone (badsets -g)" \
    "$(hash_of "$H_TMP/gen.out")" "$(hash_of "$H_TMP/run.out")"
h_true "virtmibd is alive after the SETs" kill -0 "$AGENT_PID"
h_eq "virtmibd still answers" Test "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"
h_summary
