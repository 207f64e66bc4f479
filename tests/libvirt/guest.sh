#!/bin/sh
# guest.sh: virtmibd built on the system's libvirt, serving a real QEMU
# guest (TCG) under a private libvirtd (libvirtd.sh), through a private
# snmpd (../snmp/harness.sh).  Through SNMP the guest is walked, paused
# and resumed, its balloon set, a vcpu pinned, shut down (its init
# powers off on the ACPI button), started, destroyed and started again;
# each change is checked against virsh on the same libvirtd and its
# notification awaited in snmptrapd.  Changes made with virsh (define,
# start, suspend) must reach snmptrapd through libvirt's events: the
# agent polls only every 300 s, so nothing else could explain them, and
# an outside suspend must arrive within EV_LATENCY seconds (1, as issue
# 16 asks).  Then libvirtd is killed (SIGKILL) and started again: the
# agent says stale, comes back by itself, the tables are as before, and
# no notification is invented.
#
# Needs root, libvirtd, virsh and QEMU (exit 77 without; a failure under
# CI=true).  Each phase's seconds are printed ("phase ...").
. "$(dirname "$0")/../snmp/harness.sh"
. "$(dirname "$0")/libvirtd.sh"

# The agent's poll: far beyond every bound below, so that only events
# (and the agent's own reconnection) can explain what the test sees.
POLL=300
# How long an event-driven change may take to show on a loaded machine.
EV_SECS=30
# The outside suspend's notification: the issue's "within a second".
EV_LATENCY=${EV_LATENCY:-1}
DOM=virtmib-guest
T_ALL=$(lv_now)

trap lv_cleanup EXIT
lv_start || exit 1
h_setup
trap 'h_cleanup; lv_cleanup' EXIT
h_start_trapd || exit 1
h_start_snmpd || exit 1
AGENT_URI=$LV_URI
t0=$(lv_now)
h_start_agent || exit 1
lv_phase "virtmibd registered" "$t0"

# traps NAME: how many VIRT-MIB NAME notifications snmptrapd logged.
traps() {
    grep -c "VIRT-MIB::$1	" "$TRAPLOG"
}

# traps_reach NAME N: NAME has come N times.
traps_reach() {
    [ "$(traps "$1")" -ge "$2" ]
}

# expect_trap NAME N: the Nth NAME arrives within EV_SECS.
expect_trap() {
    h_true "notification $1 ($2) arrives" \
        h_wait_until "$EV_SECS" traps_reach "$1" "$2"
}

# virsh_is STATE: virsh says the domain is in STATE now.
virsh_is() {
    [ "$(lv_state "$DOM")" = "$1" ]
}

# snmp_is OBJECT VALUE: the agent's OBJECT of the domain reads VALUE.
snmp_is() {
    h_value_is "$2" -OU "VIRT-MIB::$1.$IDX"
}

# admin VALUE: a SET of virtDomainAdminState that must succeed.
admin() {
    h_true "SET virtDomainAdminState $1" \
        h_set "VIRT-MIB::virtDomainAdminState.$IDX" i "$1" >/dev/null
}

# the row of the domain, without its cpu time (it always moves)
table_rows() {
    h_walk -Oq VIRT-MIB::virtDomainTable | grep -v virtDomainCpuTime
    h_walk -Oq VIRT-MIB::virtVcpuTable | grep -Ev 'virtVcpuCpuTime|virtVcpuCpu\.'
}


# The guest defined and started with virsh: its row and its
# virtDomainDefined and virtDomainStarted come through events.
step_define() {
    lv_domain_xml "$DOM"
    lv_virsh define "$LV_TMP/$DOM.xml" >/dev/null &&
        lv_virsh start "$DOM" >/dev/null || exit 1
    expect_trap virtDomainDefined 1
    expect_trap virtDomainStarted 1
    IDX=$(h_index_of "$DOM")
    h_true "the guest has a row" test -n "$IDX" || exit 1
    lv_wait_ready "$DOM" 1 || exit 1
}

# What the walk shows is what virsh says.
step_walk() {
    h_eq "hypervisor type" QEMU \
        "$(h_get VIRT-MIB::virtNodeHypervisorType.0 | tr -d '"')"
    h_eq "node cpus" "$(lv_virsh nodeinfo | awk '/^CPU\(s\)/ { print $2 }')" \
        "$(h_get VIRT-MIB::virtNodeCpus.0)"
    h_eq "node memory (MiB)" \
        "$(lv_virsh nodeinfo | awk '/^Memory size/ { print int($3 / 1024) }')" \
        "$(h_get -OU VIRT-MIB::virtNodeMemory.0)"
    h_eq "one active domain" 1 "$(h_get VIRT-MIB::virtNodeActiveDomains.0)"
    walk=$(h_walk -Oqv VIRT-MIB::virtDomainName)
    h_eq "the walk names the guest only" "$DOM" "$walk"
    h_eq "uuid" "$(lv_virsh domuuid "$DOM")" \
        "$(h_get VIRT-MIB::virtDomainUuidString."$IDX")"
    h_eq "id" "$(lv_virsh domid "$DOM")" \
        "$(h_get VIRT-MIB::virtDomainId."$IDX")"
    h_eq "state" running "$(h_get VIRT-MIB::virtDomainState."$IDX")"
    h_eq "max memory (MiB)" 256 \
        "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$IDX")"
    h_eq "vcpus" "$(lv_virsh vcpucount "$DOM" --live --active)" \
        "$(h_get VIRT-MIB::virtDomainVcpus."$IDX")"
    h_eq "persistent" persistent \
        "$(h_get VIRT-MIB::virtDomainPersistent."$IDX")"
    h_eq "two vcpu rows" 2 \
        "$(h_walk -Oq VIRT-MIB::virtVcpuState."$IDX" | grep -c running)"
}

# Pause and resume through SNMP; virsh sees each and each is notified.
step_pause_resume() {
    admin paused
    h_true "virsh: paused" h_wait_until "$EV_SECS" virsh_is paused
    expect_trap virtDomainPaused 1
    h_true "SNMP: paused" snmp_is virtDomainState paused
    admin running
    h_true "virsh: running" h_wait_until "$EV_SECS" virsh_is running
    expect_trap virtDomainResumed 1
    h_true "SNMP: running" snmp_is virtDomainState running
}

# The balloon: 192 MiB through SNMP.  The guest's driver gives the
# memory back in steps; virsh dommemstat asks QEMU, dominfo shows what
# the balloon events told libvirtd so far, and so does the agent.
balloon_is() {
    [ "$(lv_virsh dommemstat "$DOM" | awk '$1 == "actual" { print $2 }')" = "$1" ]
}

used_is() {
    [ "$(lv_virsh dominfo "$DOM" | sed -n 's/^Used memory: *//p')" = "$1" ]
}

step_memory() {
    h_true "SET virtDomainMemory 192" \
        h_set VIRT-MIB::virtDomainMemory."$IDX" u 192 >/dev/null
    h_true "virsh dommemstat: actual 196608 KiB" \
        h_wait_until "$EV_SECS" balloon_is 196608
    h_true "virsh dominfo: used memory 196608 KiB" \
        h_wait_until "$EV_SECS" used_is "196608 KiB"
    h_true "SNMP: memory 192" h_wait_until "$EV_SECS" snmp_is virtDomainMemory 192
}

# vcpu 0 pinned to the host's last cpu alone, in libvirt's cpumap bytes.
step_pin() {
    ncpus=$(h_get VIRT-MIB::virtNodeMaxCpus.0)
    last=$((ncpus - 1))
    map=
    i=0
    while [ $i -lt $(((ncpus + 7) / 8)) ]; do
        byte=0
        [ $i -eq $((last / 8)) ] && byte=$((1 << (last % 8)))
        map="$map$(printf '%02x' $byte)"
        i=$((i + 1))
    done
    h_true "SET virtVcpuAffinity of vcpu 0 to cpu $last" \
        h_set VIRT-MIB::virtVcpuAffinity."$IDX".0 x "$map" >/dev/null
    h_eq "virsh vcpupin: vcpu 0 on cpu $last" "$last" \
        "$(lv_virsh vcpupin "$DOM" --vcpu 0 | awk '{ print $2 }')"
    h_eq "SNMP: the affinity read back" "$map" \
        "$(h_get -Ox VIRT-MIB::virtVcpuAffinity."$IDX".0 | tr -d ' "\n' |
            tr 'A-F' 'a-f')"
}

# shutdown(3): the guest's init powers off on the ACPI button; then
# start, destroy(5), and start again, each seen by virsh and notified.
step_shutdown_start() {
    admin shutdown
    h_true "virsh: shut off after shutdown" \
        h_wait_until "$LV_BOOT_SECS" virsh_is "shut off"
    expect_trap virtDomainShutdown 1
    h_true "SNMP: shutoff" h_wait_until "$EV_SECS" snmp_is virtDomainState shutoff
    admin running
    h_true "virsh: running after start" h_wait_until "$EV_SECS" virsh_is running
    expect_trap virtDomainStarted 2
    lv_wait_ready "$DOM" 2
    admin destroy
    h_true "virsh: shut off after destroy" \
        h_wait_until "$EV_SECS" virsh_is "shut off"
    expect_trap virtDomainDestroyed 1
    admin running
    expect_trap virtDomainStarted 3
    lv_wait_ready "$DOM" 3
    h_eq "one virtDomainShutdown: a destroy is not a shutdown" 1 \
        "$(traps virtDomainShutdown)"
    h_eq "the same row after the restarts" "$IDX" "$(h_index_of "$DOM")"
}

# virsh suspend, outside SNMP: its notification within EV_LATENCY s.
step_outside_suspend() {
    paused=$(traps virtDomainPaused)
    resumed=$(traps virtDomainResumed)
    t0=$(lv_now)
    lv_virsh suspend "$DOM" >/dev/null
    end=$(($(date +%s) + EV_SECS))
    while ! traps_reach virtDomainPaused $((paused + 1)) &&
        [ "$(date +%s)" -lt $end ]; do
        sleep 0.02
    done
    lat=$(awk -v a="$t0" -v b="$(lv_now)" 'BEGIN { printf "%.2f", b - a }')
    lv_phase "virsh suspend to its notification" "$t0"
    h_true "virsh suspend notified within ${EV_LATENCY}s (took ${lat}s)" \
        awk -v l="$lat" -v max="$EV_LATENCY" 'BEGIN { exit !(l < max) }'
    h_true "SNMP: paused" snmp_is virtDomainState paused
    lv_virsh resume "$DOM" >/dev/null
    expect_trap virtDomainResumed $((resumed + 1))
}

# libvirtd killed and started again: stale, back, same tables, no
# notification made up.
stale_is() {
    h_value_is "$1" VIRT-MIB::virtNodeStale.0
}

notifications() {
    grep -c 'VIRT-MIB::virtDomain[A-Za-z]*	' "$TRAPLOG"
}

step_restart_libvirtd() {
    h_true "resumed" h_wait_until "$EV_SECS" snmp_is virtDomainState running
    before=$(table_rows)
    sent=$(notifications)
    lv_kill_daemon KILL
    h_true "stale once libvirtd is gone" \
        h_wait_until "$EV_SECS" stale_is true
    h_eq "the row answers while stale" "$DOM" \
        "$(h_get VIRT-MIB::virtDomainName."$IDX")"
    lv_start_daemon || exit 1
    h_true "virsh: the guest survived libvirtd" virsh_is running
    h_true "not stale once libvirtd is back" \
        h_wait_until "$EV_SECS" stale_is false
    h_eq "the tables are as before" "$before" "$(table_rows)"
    # a change after the reconnection: events are attached again, and
    # once its notification is in, any other would be too
    paused=$(traps virtDomainPaused)
    lv_virsh suspend "$DOM" >/dev/null
    expect_trap virtDomainPaused $((paused + 1))
    h_eq "no notification but the suspend's" $((sent + 1)) "$(notifications)"
}

t0=$(lv_now)
step_define
lv_phase "define and start, seen through events" "$t0"
t0=$(lv_now)
step_walk
lv_phase "walk" "$t0"
t0=$(lv_now)
step_pause_resume
step_memory
step_pin
lv_phase "pause, resume, balloon, pin" "$t0"
t0=$(lv_now)
step_shutdown_start
lv_phase "shutdown, start, destroy, start" "$t0"
step_outside_suspend
t0=$(lv_now)
step_restart_libvirtd
lv_phase "libvirtd killed and back" "$t0"
lv_phase "guest.sh in all" "$T_ALL"
h_summary
