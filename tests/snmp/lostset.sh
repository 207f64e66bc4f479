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
#
# Then one SET of two varbinds for two MIB groups: web1's memory (the
# domain table, whose ACTION is done and checked when the delay starts)
# and a pin of its vcpu 0 (the vcpu table, held in virDomainPinVcpu()).
# snmpd answers genErr and hangs up before the pin returns; the vcpu
# table undoes its own change, and the domain table's, done and
# answered for, is undone when the session is found lost without the
# master's CleanupSet (agentx_guard.c): both read back as before.
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

# held_set OP OID TYPE VALUE...: the SET, with the library call OP held
# for up to 120 s (far longer than snmpd's 1 s) until the answer came;
# sets rc (snmpset's status) and reason (the error's name, if any).
held_set() {
    echo "delay $1 120" >"$FAULTS"
    shift
    out=$(snmpset -v2c -c private -t 30 -r 0 "127.0.0.1:$PORT" "$@" 2>&1)
    rc=$?
    rm -f "$FAULTS"
    reason=$(printf '%s\n' "$out" |
        sed -n 's/^Reason: *(\{0,1\}\([a-zA-Z]*\).*/\1/p' | head -n 1)
}

held_set domainSetMemory "$MEM" u "$new"
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

# --- a SET over two groups, the second one held ---
PIN=VIRT-MIB::virtVcpuAffinity.$web1.0
oldpin=$(h_get -Ox "$PIN")
# host cpu 0 alone (libvirt's cpumap: cpu N is bit N % 8 of byte N / 8),
# or cpu 1 if vcpu 0 is pinned to cpu 0 already
newpin=0100
[ "$(printf '%s' "$oldpin" | tr -d ' \n')" != "$newpin" ] || newpin=0200
mem2=$((new / 2))
h_true "web1 has a memory to halve again ($new MiB)" [ "$mem2" -gt 0 ]
lost_before=$(grep -c 'AgentX session lost' "$AGENTLOG")
held_set domainPinVcpu "$MEM" u "$mem2" "$PIN" x "$newpin"
h_true "the two-group SET outlasting agentXTimeout fails" [ "$rc" -ne 0 ]
h_eq "the manager is told genErr" genError "$reason"
h_true "virtmibd finds its session lost" h_wait_until "$H_START_SECS" \
    sh -c "[ \$(grep -c 'AgentX session lost' '$AGENTLOG') -gt $lost_before ]"
h_true "virtmibd registers again" h_wait_registered "$H_START_SECS"
h_true "virtmibd polls again" h_wait_polls 2 "VIRT-MIB::virtDomainCpuTime.$web1"
h_eq "the first group's change, answered genErr, was undone" "$new" \
    "$(h_get -OU "$MEM")"
h_eq "the held group's change was undone" "$oldpin" "$(h_get -Ox "$PIN")"
h_true "virtmibd logged the undo of the unconfirmed SET" \
    grep -q 'not confirmed by the AgentX master' "$AGENTLOG"
h_true "virtmibd is alive" kill -0 "$AGENT_PID"

h_summary
