#!/bin/sh
# lostset.sh: a SET whose ACTION outlasts snmpd's agentXTimeout.
# snmpd gets agentXTimeout 1 and agentXRetries 0; the test driver's
# delay fault (testnode(5)) holds virtmibd inside virDomainSetMemory(),
# the call its ACTION makes, until the manager has its answer: snmpd
# timed virtmibd out, answered genErr and closed the AgentX session
# (it closes before it answers).  Then the call goes on.
# - the manager got genErr;
# - virtmibd noticed the master had gone and undid the change (the
#   guard of agent/agentx_guard.c): once it has registered again and
#   polled, the memory reads back its old value;
# - virtmibd is alive, its next SET works, it exits 0 with nothing on
#   stderr.
# Without the guard the memory reads back the value of the failed SET.
. "$(dirname "$0")/harness.sh"

H_FAULTS=1
h_setup
printf 'agentXPingInterval 1\n' >"$H_TMP/virtmibd.conf"
h_start_trapd || exit 1
H_SNMPD_EXTRA="agentXTimeout 1
agentXRetries 0"
h_start_snmpd || exit 1
# net-snmp's own leak when a master hangs up with data unread
# (tests/robustness/lsan-netsnmp.supp says which)
LSAN_OPTIONS="suppressions=$abs_top_srcdir/tests/robustness/lsan-netsnmp.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
    h_start_agent -c "$H_TMP/virtmibd.conf" || exit 1

web1=$(h_index_of web1)
MEM=VIRT-MIB::virtDomainMemory.$web1
old=$(h_get -OU "$MEM")
new=$((old / 2))
h_true "web1 has a memory to halve ($old MiB)" [ "$new" -gt 0 ]

# Held for up to 120 s: far longer than snmpd's 1 s, ended below.
echo "delay domainSetMemory 120" >"$FAULTS"
out=$(snmpset -v2c -c private -t 30 -r 0 "127.0.0.1:$PORT" "$MEM" u "$new" 2>&1)
rc=$?
rm -f "$FAULTS"
reason=$(printf '%s\n' "$out" | sed -n 's/^Reason: *(\{0,1\}\([a-zA-Z]*\).*/\1/p' |
    head -n 1)
h_true "the SET outlasting agentXTimeout fails" [ "$rc" -ne 0 ]
h_eq "the manager is told genErr" genError "$reason"

# virtmibd registers again (within its 1 s ping interval, generously)
# and then polls: the snapshot read after that shows the host.
h_true "virtmibd registers again" h_wait_registered "$H_START_SECS"
h_true "virtmibd polls again" h_wait_polls 2 "VIRT-MIB::virtDomainCpuTime.$web1"
h_eq "the SET answered genErr did not take effect" "$old" "$(h_get -OU "$MEM")"
h_true "virtmibd logged that it refused the SET" \
    grep -q 'SET refused: the AgentX master has gone' "$AGENTLOG"
h_true "virtmibd is alive" kill -0 "$AGENT_PID"

# and it takes the next SET
h_true "a SET after the lost one works" h_set "$MEM" u "$new" >/dev/null
h_eq "it reads back" "$new" "$(h_get -OU "$MEM")"

h_summary
