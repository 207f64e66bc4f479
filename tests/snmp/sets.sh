#!/bin/sh
# sets.sh: every writable VIRT-MIB object changes the hypervisor (read
# back from a fresh snapshot of the library); every bad SET gets its
# exact error and changes nothing; a failing multi-varbind SET is rolled
# back; read-only mode refuses every SET with notWritable.  Every refusal
# is logged once, with its object, value, domain and reason.
. "$(dirname "$0")/harness.sh"

H_FAULTS=1
h_start_all

web1=$(h_index_of web1)
db1=$(h_index_of db1)
build1=$(h_index_of build1)
dom0=$(h_index_of Domain-0)
s() {
    h_get "VIRT-MIB::$1"
}
# everything a bad SET could have touched, as one line
all_state() {
    h_walk -Oqv VIRT-MIB::virtDomainState
    h_walk -Oqv VIRT-MIB::virtDomainMaxMemory
    h_walk -Oqv VIRT-MIB::virtDomainMemory
    h_walk -Oqv VIRT-MIB::virtDomainVcpus
    h_walk -Oqv -Ox VIRT-MIB::virtVcpuAffinity
    s virtNodeNotificationsEnabled.0
}

# --- virtDomainAdminState: each action, read back
h_set VIRT-MIB::virtDomainAdminState."$web1" i paused >/dev/null
h_eq "pause web1" paused "$(s virtDomainState."$web1")"
h_set VIRT-MIB::virtDomainAdminState."$web1" i running >/dev/null
h_eq "resume web1" running "$(s virtDomainState."$web1")"
h_set VIRT-MIB::virtDomainAdminState."$web1" i running >/dev/null
h_eq "running again is no change" running "$(s virtDomainState."$web1")"
h_set VIRT-MIB::virtDomainAdminState."$build1" i running >/dev/null
h_eq "start build1" running "$(s virtDomainState."$build1")"
h_true "build1 has an id" test "$(s virtDomainId."$build1")" -ge 0
h_set VIRT-MIB::virtDomainAdminState."$build1" i shutdown >/dev/null
h_eq "shut build1 down" shutoff "$(s virtDomainState."$build1")"
h_eq "build1 id" -1 "$(s virtDomainId."$build1")"
h_set VIRT-MIB::virtDomainAdminState."$build1" i running >/dev/null
h_set VIRT-MIB::virtDomainAdminState."$build1" i destroy >/dev/null
h_eq "destroy build1" shutoff "$(s virtDomainState."$build1")"
h_eq "destroyed build1 stays defined" "$build1" "$(h_index_of build1)"
h_set VIRT-MIB::virtDomainAdminState."$web1" i reboot >/dev/null
h_eq "reboot web1 keeps it running" running "$(s virtDomainState."$web1")"

# --- memory (MiB), vcpus, affinity
h_set VIRT-MIB::virtDomainMaxMemory."$web1" u 1024 >/dev/null
h_eq "max memory web1" 1024 "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$web1")"
h_set VIRT-MIB::virtDomainMemory."$web1" u 300 >/dev/null
h_eq "memory web1" 300 "$(h_get -OU VIRT-MIB::virtDomainMemory."$web1")"
h_set VIRT-MIB::virtDomainMaxMemory."$web1" u 256 >/dev/null
h_eq "lower max memory" 256 "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$web1")"
h_eq "lowers memory too" 256 "$(h_get -OU VIRT-MIB::virtDomainMemory."$web1")"
# one request raising memory above the old maximum and the maximum with
# it, memory first: checked against the new maximum, applied in order
h_set VIRT-MIB::virtDomainMemory."$web1" u 600 \
    VIRT-MIB::virtDomainMaxMemory."$web1" u 1024 >/dev/null
h_eq "memory and max in one SET: max" 1024 \
    "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$web1")"
h_eq "memory and max in one SET: memory" 600 \
    "$(h_get -OU VIRT-MIB::virtDomainMemory."$web1")"
h_set VIRT-MIB::virtDomainVcpus."$db1" u 2 >/dev/null
h_eq "vcpus db1" 2 "$(s virtDomainVcpus."$db1")"
h_eq "db1 vcpu rows" 2 "$(h_walk -Oq VIRT-MIB::virtVcpuState."$db1" | wc -l)"
h_set VIRT-MIB::virtVcpuAffinity."$web1".1 x 0400 >/dev/null
h_eq "pin web1 vcpu 1 to cpu 2" '"04 00 "' \
    "$(h_get -Ox VIRT-MIB::virtVcpuAffinity."$web1".1)"
h_eq "web1 vcpu 1 runs on cpu 2" 2 "$(s virtVcpuCpu."$web1".1)"
h_set VIRT-MIB::virtVcpuAffinity."$web1".0 x 0080 >/dev/null
h_eq "pin web1 vcpu 0 to cpu 15" 15 "$(s virtVcpuCpu."$web1".0)"
h_set VIRT-MIB::virtNodeNotificationsEnabled.0 i false >/dev/null
h_eq "notifications off" false "$(s virtNodeNotificationsEnabled.0)"
h_set VIRT-MIB::virtNodeNotificationsEnabled.0 i true >/dev/null
h_eq "notifications on" true "$(s virtNodeNotificationsEnabled.0)"

# --- bad SETs: exact error, nothing changed (numbers for enumerations:
# paused(2), reboot(4), destroy(5), false(2))
before=$(all_state)
h_set_error wrongType VIRT-MIB::virtDomainAdminState."$web1" s paused
h_set_error wrongType VIRT-MIB::virtDomainMemory."$web1" i 100
h_set_error wrongType VIRT-MIB::virtVcpuAffinity."$web1".0 i 1
h_set_error wrongValue VIRT-MIB::virtDomainAdminState."$web1" i 9
h_set_error wrongValue VIRT-MIB::virtDomainAdminState."$web1" i 0
h_set_error wrongValue VIRT-MIB::virtDomainVcpus."$web1" u 0
h_set_error wrongValue VIRT-MIB::virtDomainMemory."$web1" u 0
h_set_error wrongValue VIRT-MIB::virtNodeNotificationsEnabled.0 i 3
h_set_error wrongValue VIRT-MIB::virtVcpuAffinity."$web1".0 x 0000
h_set_error wrongLength VIRT-MIB::virtVcpuAffinity."$web1".0 x 01
h_set_error wrongLength VIRT-MIB::virtVcpuAffinity."$web1".0 x 010000
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$build1" i 2
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$build1" i 4
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$build1" i 5
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$dom0" i 2
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$dom0" i 5
h_set_error inconsistentValue VIRT-MIB::virtDomainMemory."$web1" u 100000
h_set_error inconsistentValue VIRT-MIB::virtDomainMemory."$build1" u 100
h_set_error inconsistentValue VIRT-MIB::virtDomainVcpus."$build1" u 1
# what the snapshot knows is checked before anything changes: vcpus above
# the domain's maximum (web1 has 2), maximum memory above the host's
h_set_error inconsistentValue VIRT-MIB::virtDomainVcpus."$web1" u 64
h_set_error inconsistentValue VIRT-MIB::virtDomainMaxMemory."$web1" u 100000
h_set_error noCreation VIRT-MIB::virtDomainAdminState.9999 i 2
h_set_error noCreation VIRT-MIB::virtVcpuAffinity."$web1".7 x 0100
h_set_error noCreation VIRT-MIB::virtVcpuAffinity."$build1".0 x 0100
h_set_error notWritable VIRT-MIB::virtDomainName."$web1" s other
h_set_error notWritable VIRT-MIB::virtDomainState."$web1" i 3
h_set_error notWritable VIRT-MIB::virtNodeCpus.0 u 4
h_set_error notWritable VIRT-MIB::virtVcpuCpu."$web1".0 i 1
h_eq "bad SETs changed nothing" "$before" "$(all_state)"

# --- multi-varbind: all or nothing
# refused in RESERVE: the pause of web1 never happens
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$web1" i 2 \
    VIRT-MIB::virtDomainAdminState."$build1" i 2
h_eq "refused pair changed nothing" "$before" "$(all_state)"
# failing in ACTION (the library refuses the vcpus: an injected fault):
# the pause and the memory change already made are undone
echo domainSetVcpus >"$FAULTS"
h_set_error commitFailed VIRT-MIB::virtDomainAdminState."$web1" i 2 \
    VIRT-MIB::virtDomainMemory."$web1" u 200 \
    VIRT-MIB::virtDomainVcpus."$web1" u 1
h_eq "failed triple rolled back" "$before" "$(all_state)"
# undo of a maximum that lowered the memory gives both back
h_set_error commitFailed VIRT-MIB::virtDomainMaxMemory."$web1" u 128 \
    VIRT-MIB::virtDomainVcpus."$web1" u 1
h_eq "max memory and memory rolled back" "$before" "$(all_state)"
# across tables: the pin (vcpu table) is undone when the domain table fails
h_set_error commitFailed VIRT-MIB::virtVcpuAffinity."$web1".0 x 0100 \
    VIRT-MIB::virtDomainVcpus."$web1" u 1
h_eq "pin rolled back with the failing vcpus" "$before" "$(all_state)"
rm -f "$FAULTS"

# --- every refusal is logged once: object, value, domain, reason
refusals() {
    grep -cF "$1" "$AGENTLOG"
}
h_eq "vcpus above the maximum logged once" 1 "$(refusals \
    "SET virtDomainVcpus.$web1 = 64 of domain 'web1' refused, inconsistentValue: above the domain's maximum of 2 vcpus")"
h_eq "maximum memory above the host's logged once" 1 "$(refusals \
    "SET virtDomainMaxMemory.$web1 = 100000 of domain 'web1' refused, inconsistentValue: above the host's memory of 16384 MiB")"
h_eq "memory above the maximum logged once" 1 "$(refusals \
    "SET virtDomainMemory.$web1 = 100000 of domain 'web1' refused, inconsistentValue: above the domain's maximum memory of")"
# (twice refused: alone, and beside web1's pause)
h_eq "pause of a shut-off domain logged once a SET" 2 "$(refusals \
    "SET virtDomainAdminState.$build1 = 2 of domain 'build1' refused, inconsistentValue: not possible from state shutoff")"
h_eq "one-byte affinity logged once" 1 "$(refusals \
    "SET virtVcpuAffinity.$web1.0 = 0x01 of domain 'web1' refused, wrongLength: 1 octets, a host of 16 cpus needs 2")"
h_eq "all-zero affinity logged once" 1 "$(refusals \
    "SET virtVcpuAffinity.$web1.0 = 0x0000 of domain 'web1' refused, wrongValue: names no cpu")"
h_eq "a missing row logged once" 1 "$(refusals \
    "SET virtDomainAdminState.9999 = 2 refused, noCreation: no such domain")"
h_eq "the hypervisor's refusal logged once, with its message" 3 "$(refusals \
    "SET virtDomainVcpus.$web1 = 1 of domain 'web1' refused, commitFailed: cannot domainSetVcpus: fault injected")"
h_eq "and not again by the library's error callback" 0 \
    "$(grep -c 'libvir: cannot domainSetVcpus' "$AGENTLOG")"

# a shutdown, reboot or destroy cannot be undone: only alone
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$web1" i 3 \
    VIRT-MIB::virtDomainMemory."$web1" u 200
h_set_error inconsistentValue VIRT-MIB::virtVcpuAffinity."$web1".0 x 0100 \
    VIRT-MIB::virtDomainAdminState."$web1" i 5
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$web1" i 4 \
    VIRT-MIB::virtNodeNotificationsEnabled.0 i 1
h_eq "an irreversible write with others changed nothing" "$before" \
    "$(all_state)"
# shutdown of a domain already shut off changes nothing: allowed in company
h_true "a no-op shutdown goes with others" h_set \
    VIRT-MIB::virtDomainAdminState."$build1" i 3 \
    VIRT-MIB::virtDomainAdminState."$web1" i 1

# --- read-only mode: notWritable, nothing changes
h_stop_agent
h_start_agent -r
h_set_error notWritable VIRT-MIB::virtDomainAdminState."$web1" i 2
h_set_error notWritable VIRT-MIB::virtDomainMemory."$web1" u 128
h_set_error notWritable VIRT-MIB::virtVcpuAffinity."$web1".0 x 0100
h_set_error notWritable VIRT-MIB::virtNodeNotificationsEnabled.0 i 2
# every SET, whatever else is wrong with it
h_set_error notWritable VIRT-MIB::virtDomainIndex."$web1" u 1
h_set_error notWritable VIRT-MIB::virtVcpuNumber."$web1".0 u 1
h_set_error notWritable VIRT-MIB::virtNodeNotificationsEnabled.1 i 2
h_set_error notWritable VIRT-MIB::virtDomainAdminState.9999 i 2
h_set_error notWritable VIRT-MIB::virtVcpuAffinity."$web1".7 x 0100
h_set_error notWritable VIRT-MIB::virtDomainVcpus."$web1" s 1
h_set_error notWritable VIRT-MIB::virtDomainName."$web1" s other
h_eq "read-only: web1 still running" running "$(s virtDomainState."$web1")"

h_summary
