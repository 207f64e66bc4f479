#!/bin/sh
# badsets.sh: BADSETS_COUNT (default 10000) random SETs against virtmibd
# on test:///default through a private snmpd (tests/snmp/harness.sh), by
# badsets.c, a client on net-snmp's library.  Passes when every reply is
# a proper response, the model of the accepted SETs matches every
# domain's values at the end, and virtmibd is alive throughout and exits
# 0 with an empty stderr.
. "$(dirname "$0")/../snmp/harness.sh"

COUNT=${BADSETS_COUNT:-10000}
SEED=${BADSETS_SEED:-$(date +%s)}
h_start_all
BIN="$H_TMP/badsets"
# shellcheck disable=SC2046
${CC:-cc} -O1 $(net-snmp-config --cflags) \
    "$abs_top_srcdir/tests/robustness/badsets.c" \
    $(net-snmp-config --libs) -o "$BIN" || exit 1
echo "badsets: seed $SEED (BADSETS_SEED=$SEED repeats this run)"
h_true "random SETs: proper replies, model matches" \
    "$BIN" "127.0.0.1:$PORT" private "$COUNT" "$SEED"
h_true "virtmibd is alive after the SETs" kill -0 "$AGENT_PID"
h_eq "virtmibd still answers" Test "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"
h_summary
