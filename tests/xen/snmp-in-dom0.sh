#!/bin/sh
# snmp-in-dom0.sh: virtmibd on a real Xen, run by run.sh inside dom0.
#
# A private snmpd master (loopback, AgentX socket in a temp dir),
# snmptrapd and virtmibd on xen:/// with a 1 s poll, set up by the same
# harness as the end-to-end suites (tests/snmp/harness.sh, in the share),
# driven by the real net-snmp tools.  Every value is checked against what
# Xen itself says (xl, xenstore, /sys/hypervisor), never against libvir:
#   1. a bulk walk of VIRT-MIB: node scalars, Domain-0 and a PV guest that
#      xl created (name, uuid, id, memory, vcpus, state);
#   2. SETs: pause/resume, memory (balloon target), vcpu pinning, and
#      refused SETs with their exact error that change nothing;
#   3. notifications: for the SETs, and for changes made with xl outside
#      the agent (create, pause, unpause, destroy), each within
#      $XT_NOTIFY_BOUND seconds (the agent polls every second);
#   4. VM-MIB (vm-in-dom0.sh): every object of Domain-0 and the guests by
#      numeric OID against VIRT-MIB and vsh, its notifications with the
#      previous state, and a defined guest with a disk that is started,
#      shut down and crashed.
# Every wait is for the thing it needs, bounded by $BOUND (60 polls of
# the agent, far beyond the few seconds each takes even on a loaded
# host under TCG) or, for the guest kernel, by what its boot takes.
# Prints PASS/FAIL lines and "N passed, M failed"; exits non-zero on any
# FAIL.  Layout of the share: /host/snmp/{bin,agent,mibs,harness.sh},
# libraries in /host/lib.
export PATH="/host/snmp/bin:$PATH"
export LD_LIBRARY_PATH=/host/lib
export VIRTMIB_XEN_CONFDIR=/tmp/virtmib-xen-snmp
abs_top_builddir=/host/snmp
abs_top_srcdir=/host/snmp
AGENT_URI=xen:///
POLL=1
# libperl is there for the binaries to load, not its modules: no perl.
H_SNMPD_EXTRA="disablePerl true"
GUEST=snmp1
BOUND=${XT_NOTIFY_BOUND:-60}
# shellcheck source=../snmp/harness.sh
. /host/snmp/harness.sh
# shellcheck source=vm-in-dom0.sh
. /host/snmp/vm-in-dom0.sh
# The tools' tries: 10 s, resent 5 times.  On a loaded host (two QEMUs
# beside a fuzzer, load 4.5) a walk right after a SET or a guest start
# got no answer within the harness's 4 x 5 s, twice in two runs.
H_TRIES="-t 10 -r 5"

up() { cut -d' ' -f1 /proc/uptime; }
say() { echo "SNMP-IN-DOM0: $* at $(up)s"; }

# The harness's assertions, printing a PASS line too (the log is the
# proof), and FAIL on stdout with the rest.
h_eq() {
    if [ "$2" = "$3" ]; then
        H_PASS=$((H_PASS + 1))
        echo "PASS: $1 ($3)"
    else
        H_FAIL=$((H_FAIL + 1))
        echo "FAIL: $1: expected '$2', got '$3'"
    fi
}

t_true() {
    desc=$1
    shift
    if "$@"; then
        H_PASS=$((H_PASS + 1))
        echo "PASS: $desc"
    else
        H_FAIL=$((H_FAIL + 1))
        echo "FAIL: $desc"
    fi
}

# set_error EXPECTED-ERROR OBJECT TYPE VALUE: h_set_error, showing what
# snmpset said when it is not the expected error.
set_error() {
    n=$H_FAIL
    h_set_error "$@"
    [ "$n" = "$H_FAIL" ] ||
        MIBS=SNMPv2-MIB h_set "$(snmptranslate -On "$2")" "$3" "$4" 2>&1
}

# --- what Xen says
xl_info() {
    xl info | sed -n "s/^$1 *: *//p"
}

# xl_col NAME N: column N of the `xl list -v` row of domain NAME
# (2 id, 3 MiB, 4 vcpus, 5 state, 7 uuid).
xl_col() {
    xl list -v | awk -v n="$1" -v c="$2" '$1 == n { print $c }'
}

# Hard affinity of vcpu $2 of domain $1 in `xl vcpu-list`.
xl_affinity() {
    xl vcpu-list "$1" | awk -v v="$2" '$3 == v { print $7 }'
}

xs_dom() {
    xenstore-read "/local/domain/$(xl_col "$GUEST" 2)/$1" 2>/dev/null
}

# --- what the agent says
# w OBJECT: the value of OBJECT (e.g. virtNodeCpus.0) in the last walk.
w() {
    awk -v o="VIRT-MIB::$1" '$1 == o { sub(/^[^ ]* /, ""); print }' "$WALK"
}

walk_all() {
    WALK=$H_TMP/walk.txt
    h_walk -OqU VIRT-MIB::virtMIB >"$WALK"
}

# OCTET STRING $1 as lower-case hex digits.  net-snmp shows a value with
# a non-printable octet in hex by itself ("01 AB ..." with -Oq); a wholly
# printable one would keep its letters and fail the comparison.  Not -Ox:
# snmpget crashed with it once on Domain-0's all-zero uuid.
hex_of() {
    h_get "$1" | tr -d ' "\n' | tr 'A-F' 'a-f'
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds, for at most
# SECONDS of wall time (each try may itself take a while under TCG).
wait_for() {
    end=$(($(up | cut -d. -f1) + $1 + 1))
    shift
    while :; do
        "$@" && return 0
        [ "$(up | cut -d. -f1)" -lt "$end" ] || return 1
        sleep 0.1
    done
}

get_is() { [ "$(h_get -OU "$1" 2>/dev/null)" = "$2" ]; }
xl_state_has() { xl_col "$GUEST" 5 | grep -q "$1"; }
xl_state_lacks() { ! xl_col "$GUEST" 5 | grep -q "$1"; }
xl_mem_is() { [ "$(xl_col "$GUEST" 3)" = "$1" ]; }
xl_gone() { [ -z "$(xl_col "$GUEST" 1)" ]; }
guest_ready() { [ "$(xs_dom control/feature-poweroff)" = 1 ]; }
has_row() { [ -n "$(h_index_of "$1")" ]; }
no_row() { [ -z "$(h_index_of "$1")" ]; }
hex_is() { [ "$(hex_of "$1")" = "$2" ]; }

# --- notifications
# mark: remember how far the trap log went; the next checks look only at
# what came after it.
mark() {
    MARK=$(wc -l <"$TRAPLOG")
}

new_traps() {
    tail -n +"$((MARK + 1))" "$TRAPLOG"
}

# new_trap NOTIF REGEX: a notification NOTIF (an extended regex) about the
# guest, whose line
# also matches the extended REGEX, came after the mark.
new_trap() {
    new_traps | grep -E "VIRT-MIB::($1)	" |
        grep "virtDomainName.$gi = STRING: $GUEST	" |
        grep -Eq "$2"
}

# expect_trap DESC NOTIF OLD NEW: within the bound, NOTIF about the guest
# arrives with its uuid and these states (extended regexes); prints how
# long it took.
expect_trap() {
    t0=$(up)
    pat="virtDomainUuidString.$gi = STRING: $uuid	VIRT-MIB::virtNotifOldState.0 = INTEGER: ($3)	VIRT-MIB::virtNotifNewState.0 = INTEGER: ($4)"
    if wait_for "$BOUND" new_trap "$2" "$pat"; then
        echo "PASS: $1: $2 within $(echo "$(up) $t0" | awk '{ printf "%.1f", $1 - $2 }') s"
        H_PASS=$((H_PASS + 1))
    else
        H_FAIL=$((H_FAIL + 1))
        echo "FAIL: $1: no $2 ($3 -> $4) within $BOUND s; traps since mark:"
        new_traps
    fi
}

# exactly_once DESC NOTIF: after two more polls, NOTIF came once only.
exactly_once() {
    sleep 2
    h_eq "$1: one $2" 1 "$(new_traps | grep -c "VIRT-MIB::$2	")"
}

# Also keeps the logs of snmpd, snmptrapd and virtmibd in the share.
cleanup() {
    [ -n "$(xl_col "$GUEST" 1)" ] && xl destroy "$GUEST"
    mkdir -p /host/snmp-logs
    cp "$H_TMP"/*.log "$H_TMP"/*.stderr "$H_TMP"/*.conf /host/snmp-logs/ 2>/dev/null
    h_cleanup
}

# ======================================================================
ip link set lo up
say "start"
h_start_all
trap cleanup EXIT
say "snmpd, snmptrapd, virtmibd on $AGENT_URI up"

# --- 3a. a guest created with xl, outside the agent
cat >"$H_TMP/$GUEST.cfg" <<CFG
name = "$GUEST"
kernel = "/guest/vmlinuz"
ramdisk = "/guest/initrd"
extra = "console=hvc0 loglevel=5"
memory = 128
maxmem = 256
vcpus = 2
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
CFG
mark
VM_CREATED=$(uptime_cs)
say "xl create"
xl create "$H_TMP/$GUEST.cfg" || {
    echo "FAIL: xl create $GUEST"
    exit 1
}
say "xl create returned"
wait_for "$BOUND" has_row "$GUEST"
gi=$(h_index_of "$GUEST")
t_true "$GUEST has a row" test -n "$gi"
[ -n "$gi" ] || exit 1
uuid=$(xl_col "$GUEST" 7)
expect_trap "xl create" virtDomainStarted \
    "absent\(7\)|shutoff\(5\)" "running\(1\)|blocked\(2\)|paused\(3\)"
# libxl builds a domain paused and unpauses it once built: a poll during
# the build sees it paused (vmPaused from shutdown, then vmRunning from
# paused); otherwise vmRunning comes from shutdown.
vm_expect "xl create" 1 "$GUEST" "$gi" "$uuid" "11|8"
t_true "$GUEST kernel up (PV shutdown handler)" wait_for 600 guest_ready
say "guest up"

# --- 1. the walk against xl info, /sys/hypervisor and xl list
# A settled table: the agent has polled since the guest came up, so its
# memory and state agree with xl's (the balloon settles during boot).
settled() {
    [ "$(h_get -OU VIRT-MIB::virtDomainMemory."$gi" 2>/dev/null)" = \
        "$(xl_col "$GUEST" 3)" ] &&
        [ -z "$(xl_col "$GUEST" 5 | tr -d 'rb-')" ]
}
t_true "$GUEST: the agent's row settles to xl's memory and state" \
    wait_for "$BOUND" settled
walk_all
h_eq "virtNodeHypervisorType" "$(cat /sys/hypervisor/type)" \
    "$(w virtNodeHypervisorType.0 | tr "[:upper:]" "[:lower:]")"
maj=$(cat /sys/hypervisor/version/major)
min=$(cat /sys/hypervisor/version/minor)
extra=$(cat /sys/hypervisor/version/extra)
h_eq "xl info xen_extra is /sys/hypervisor's" "$extra" "$(xl_info xen_extra)"
micro=$(echo "$extra" | sed -n 's/^\.\([0-9]*\).*/\1/p')
h_eq "virtNodeHypervisorVersion ($maj.$min$extra)" \
    "$((maj * 1000000 + min * 1000 + ${micro:-0}))" \
    "$(w virtNodeHypervisorVersion.0)"
h_eq "virtNodeMemory = xl total_memory" "$(xl_info total_memory)" \
    "$(w virtNodeMemory.0)"
h_eq "virtNodeCpus = xl nr_cpus" "$(xl_info nr_cpus)" "$(w virtNodeCpus.0)"
h_eq "virtNodeMhz = xl cpu_mhz" "$(xl_info cpu_mhz | cut -d. -f1)" \
    "$(w virtNodeMhz.0)"
h_eq "virtNodeNumaNodes = xl nr_nodes" "$(xl_info nr_nodes)" \
    "$(w virtNodeNumaNodes.0)"
h_eq "virtNodeCores = xl cores_per_socket" "$(xl_info cores_per_socket)" \
    "$(w virtNodeCores.0)"
h_eq "virtNodeThreads = xl threads_per_core" "$(xl_info threads_per_core)" \
    "$(w virtNodeThreads.0)"
h_eq "virtNodeSockets = nr_cpus / (nodes * cores * threads)" \
    "$(($(xl_info nr_cpus) / ($(xl_info nr_nodes) * \
    $(xl_info cores_per_socket) * $(xl_info threads_per_core))))" \
    "$(w virtNodeSockets.0)"
maxcpus=$(w virtNodeMaxCpus.0)
h_eq "virtNodeMaxCpus = xl nr_cpus (all online here)" "$(xl_info nr_cpus)" \
    "$maxcpus"
h_eq "virtNodeCpuModel = uname -m" "$(uname -m)" "$(w virtNodeCpuModel.0)"
h_eq "virtNodeActiveDomains = rows of xl list" \
    "$(xl list | tail -n +2 | wc -l)" "$(w virtNodeActiveDomains.0)"

# check_row NAME INDEX: the row agrees with xl list -v.
check_row() {
    h_eq "$1: virtDomainName" "$1" "$(w virtDomainName."$2")"
    h_eq "$1: virtDomainId" "$(xl_col "$1" 2)" "$(w virtDomainId."$2")"
    h_eq "$1: virtDomainUuidString" "$(xl_col "$1" 7)" \
        "$(w virtDomainUuidString."$2")"
    h_eq "$1: virtDomainUuid (octets)" "$(xl_col "$1" 7 | tr -d -)" \
        "$(hex_of VIRT-MIB::virtDomainUuid."$2")"
    h_eq "$1: virtDomainMemory (MiB)" "$(xl_col "$1" 3)" \
        "$(w virtDomainMemory."$2")"
    h_eq "$1: virtDomainVcpus" "$(xl_col "$1" 4)" "$(w virtDomainVcpus."$2")"
    h_eq "$1: virtDomainOSType" linux "$(w virtDomainOSType."$2")"
    # xl: r(unning), b(locked) or neither (runnable, waiting for a CPU):
    # all of them "up", which the agent reports as running or blocked.
    xst=$(xl_col "$1" 5)
    st=$(w virtDomainState."$2")
    t_true "$1: virtDomainState $st while xl says $xst" \
        test "$(echo "$xst" | tr -d 'rb-')" = "" -a \
        \( "$st" = running -o "$st" = blocked \)
}
d0=$(h_index_of Domain-0)
t_true "Domain-0 has a row" test -n "$d0"
check_row Domain-0 "$d0"
check_row "$GUEST" "$gi"
h_eq "$GUEST: virtDomainMaxMemory = xenstore memory/static-max" \
    "$(($(xs_dom memory/static-max) / 1024))" "$(w virtDomainMaxMemory."$gi")"
h_eq "$GUEST: two virtVcpuTable rows" 2 \
    "$(grep -c "^VIRT-MIB::virtVcpuState.$gi\." "$WALK")"
say "walk checked"
vm_check_host
say "VM-MIB checked"

# --- 2. SETs, each seen by xl/xenstore, and 3. their notifications
mark
h_set VIRT-MIB::virtDomainAdminState."$gi" i paused >/dev/null
t_true "SET paused: xl list shows 'p'" wait_for "$BOUND" xl_state_has p
expect_trap "SET paused" virtDomainPaused "running\(1\)|blocked\(2\)" \
    "paused\(3\)"
t_true "SET paused: virtDomainState paused" \
    wait_for "$BOUND" get_is VIRT-MIB::virtDomainState."$gi" paused
exactly_once "SET paused" virtDomainPaused
vm_expect "SET paused" 4 "$GUEST" "$gi" "$uuid" 4
h_eq "SET paused: one vmPaused" 1 "$(vm_count 4)"
h_eq "SET paused: vmOperState paused" 8 "$(vv $VMT.6.$gi)"

mark
h_set VIRT-MIB::virtDomainAdminState."$gi" i running >/dev/null
t_true "SET running: xl list no longer 'p'" wait_for "$BOUND" xl_state_lacks p
expect_trap "SET running" virtDomainResumed "paused\(3\)" \
    "running\(1\)|blocked\(2\)"
exactly_once "SET running" virtDomainResumed
vm_expect "SET running" 1 "$GUEST" "$gi" "$uuid" 8
h_eq "SET running: one vmRunning" 1 "$(vm_count 1)"

h_set VIRT-MIB::virtDomainMemory."$gi" u 96 >/dev/null
h_eq "SET memory 96: xenstore memory/target (KiB)" 98304 \
    "$(xs_dom memory/target)"
t_true "SET memory 96: the guest ballooned down (xl list 96 MiB)" \
    wait_for $((2 * BOUND)) xl_mem_is 96
t_true "SET memory 96: virtDomainMemory 96" \
    wait_for "$BOUND" get_is VIRT-MIB::virtDomainMemory."$gi" 96

h_set VIRT-MIB::virtVcpuAffinity."$gi".0 x 02 >/dev/null
h_eq "SET affinity of vcpu 0 to CPU 1: xl vcpu-list" 1 \
    "$(xl_affinity "$GUEST" 0)"
h_set VIRT-MIB::virtVcpuAffinity."$gi".1 x 01 >/dev/null
h_eq "SET affinity of vcpu 1 to CPU 0: xl vcpu-list" 0 \
    "$(xl_affinity "$GUEST" 1)"
h_eq "vcpu 0 kept its pin" 1 "$(xl_affinity "$GUEST" 0)"
t_true "virtVcpuAffinity of vcpu 0 reads 02" \
    wait_for "$BOUND" hex_is VIRT-MIB::virtVcpuAffinity."$gi".0 02
t_true "virtVcpuAffinity of vcpu 1 reads 01" \
    wait_for "$BOUND" hex_is VIRT-MIB::virtVcpuAffinity."$gi".1 01
# the pins through VIRT-MIB in vmCpuAffinityTable
vm_check_cpus "$GUEST" "$gi"
h_eq "pinned: vmCpuAffinity of vcpu 0 (cpu 1 only)" \
    "$(rows_of_list 1 "$maxcpus")" "$(walk_vals $VM.6.1.3.$gi.1 | tr '\n' ' ')"

# refused SETs: the exact error, and Xen unchanged
target=$(xs_dom memory/target)
set_error inconsistentValue VIRT-MIB::virtDomainMemory."$gi" u 512
h_eq "memory above max: xenstore memory/target unchanged" "$target" \
    "$(xs_dom memory/target)"
h_eq "memory above max: xl list unchanged" 96 "$(xl_col "$GUEST" 3)"
set_error wrongLength VIRT-MIB::virtVcpuAffinity."$gi".0 x 0101
if [ "$((maxcpus % 8))" -ne 0 ]; then
    beyond=$(printf '%02x' $((1 << (maxcpus % 8))))
    set_error wrongValue VIRT-MIB::virtVcpuAffinity."$gi".0 x "$beyond"
fi
h_eq "refused pins: xl vcpu-list unchanged" 1 "$(xl_affinity "$GUEST" 0)"
set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$d0" i 2
h_eq "Domain-0 pause refused: xl state" "$(xl_col Domain-0 5 | tr -d p)" \
    "$(xl_col Domain-0 5)"
say "SETs checked"

# --- 3b. changes made outside the agent, seen by polling
mark
xl pause "$GUEST"
expect_trap "xl pause" virtDomainPaused "running\(1\)|blocked\(2\)" \
    "paused\(3\)"
vm_expect "xl pause" 4 "$GUEST" "$gi" "$uuid" 4
mark
xl unpause "$GUEST"
expect_trap "xl unpause" virtDomainResumed "paused\(3\)" \
    "running\(1\)|blocked\(2\)"
vm_expect "xl unpause" 1 "$GUEST" "$gi" "$uuid" 8
mark
say "xl destroy"
# A stop from outside: xl destroy (a xenstore shutdown request was read by
# this busybox guest but did not power it off in our runs).  The MIB
# reports any stop not made through the agent as virtDomainShutdown.
# libxl pauses the domain before it tears it down: a poll may see that
# first (virtDomainPaused), and then the stop comes from paused.
mark
xl destroy "$GUEST"
expect_trap "xl destroy" virtDomainShutdown \
    "running\(1\)|blocked\(2\)|paused\(3\)|shutdown\(4\)" \
    "shutoff\(5\)|absent\(7\)"
t_true "xl destroy: the row is gone" wait_for "$BOUND" no_row "$GUEST"
# A transient domain that stops is gone: vmDeleted, from running or (a
# poll saw libxl's pause first) paused, and no vmShutdown.
vm_expect "xl destroy" 10 "$GUEST" "$gi" "$uuid" "4|8" 3
h_eq "xl destroy: no vmShutdown for a transient guest" 0 "$(vm_count 3)"
say "notifications checked"

# --- 4. VM-MIB on a defined guest with a disk
vm_defined_guest
say "defined guest checked"

# --- 3c. the xenstore watch: virtmibd again, polling once an hour, so
# that only the library's domain events (xenstore's @introduceDomain and
# @releaseDomain) can make it notify.  A guest that powers itself off
# (guest-init's selfstop=N: poweroff -f after N seconds, the guest
# kernel's own SCHEDOP_shutdown) must be notified at once.
h_stop_agent
POLL=3600
h_start_agent || exit 1
t_true "virtmibd listens to domain events" \
    sh -c "! grep -q 'no domain events' '$AGENTLOG'"
sed 's/^extra = .*/extra = "console=hvc0 loglevel=5 selfstop=20"/' \
    "$H_TMP/$GUEST.cfg" >"$H_TMP/$GUEST-selfstop.cfg"
mark
say "xl create (selfstop), agent polling every hour"
xl create "$H_TMP/$GUEST-selfstop.cfg" || {
    echo "FAIL: xl create $GUEST (selfstop)"
    exit 1
}
t_true "watch: the new guest has a row without a poll" \
    wait_for "$BOUND" has_row "$GUEST"
gi=$(h_index_of "$GUEST")
uuid=$(xl_col "$GUEST" 7)
expect_trap "watch: xl create" virtDomainStarted \
    "absent\(7\)|shutoff\(5\)" "running\(1\)|blocked\(2\)|paused\(3\)"
vm_expect "watch: xl create" 1 "$GUEST" "$gi" "$uuid" "11|8"
mark
# the guest's own poweroff: wait until xl sees it down or gone
gone_or_down() {
    st=$(xl_col "$GUEST" 5)
    [ -z "$st" ] || [ "$(echo "$st" | tr -d -- '-rbp')" != "" ]
}
no_xl_guest() {
    [ -z "$(xl_col "$GUEST" 5)" ]
}
t_true "the guest powered itself off" wait_for 600 gone_or_down
say "guest powered off"
# A guest that stops by itself: its poweroff, or (seen once under TCG:
# its init segfaulted, the kernel panicked) a crash; either is a stop
# that only the watch can tell with this poll.
expect_trap "watch: the guest stopped by itself" \
    "virtDomainShutdown|virtDomainCrashed" \
    "running\(1\)|blocked\(2\)|paused\(3\)|shutdown\(4\)" \
    "shutoff\(5\)|absent\(7\)|crashed\(6\)"
# VM-MIB from running: the event of the guest's own stop finds it shut
# off (or crashed) before xl destroys it, so vmShutdown (vmCrashed); one
# that came after the destroy finds it gone, vmDeleted.
vm_expect "watch: the guest stopped by itself" "3|9|10" "$GUEST" "$gi" \
    "$uuid" 4
# Then xl destroys it: a transient domain the library told stopped and
# that goes is UNDEFINED, so the row goes and vmDeleted comes with this
# poll too (from shutdown or crashed; or it came first, from running).
# Before the library told that, the row stayed for up to an hour.
t_true "watch: xl destroyed the stopped guest" wait_for 600 no_xl_guest
vm_expect "watch: the stopped guest, gone, is vmDeleted" 10 "$GUEST" "$gi" \
    "$uuid" "4|11|12"
t_true "watch: its row is gone without a poll" wait_for "$BOUND" no_row "$GUEST"
say "events checked"
# Every notification named a domain that xl made: none spoke of a guest
# half built or half torn down, which has no name in xenstore yet or any
# more (once reported as "Domain-5" starting when xl create began).
h_eq "no notification about a nameless domain (Domain-N)" 0 \
    "$(grep -c 'virtDomainName\.[0-9]* = STRING: Domain-[1-9]' "$TRAPLOG")"
echo "--- notifications"
cat "$TRAPLOG"
h_summary
