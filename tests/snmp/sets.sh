#!/bin/sh
# sets.sh: what every library takes, in both builds (host.sh's H_URI,
# compared with H_TOOL on the same URI): every writable VIRT-MIB object
# changes the hypervisor (read back from a fresh snapshot of the
# library); every bad SET gets its exact error and changes nothing; a
# multi-varbind SET refused in RESERVE changes nothing; read-only mode
# refuses every SET with notWritable.  Every refusal is logged once,
# with its object, value, domain and reason.  The expected values come
# from the tool's view of the host before any SET (each process has its
# own copy of a test driver's host): memory, vcpus, the node's cpus and
# so the length of an affinity map.  libvir's own rules (a new maximum
# memory of a running domain, Domain-0, failures injected through the
# fault file) are sets-libvir.sh's.
. "$(dirname "$0")/harness.sh"

h_start_all

web1=$(h_index_of web1)
build1=$(h_index_of build1)
s() {
    h_get "VIRT-MIB::$1"
}
# field TEXT NAME: the first word after "NAME:" in the tool's output
field() {
    printf '%s\n' "$1" | sed -n "s/^$2: *//p" | awk 'NR == 1 { print $1 }'
}

# --- the host as the tool sees it
ni=$("$H_TOOL" -c "$H_URI" nodeinfo)
maxcpus=$(($(field "$ni" 'NUMA cell(s)') * $(field "$ni" 'CPU socket(s)') * \
    $(field "$ni" 'Core(s) per socket') * $(field "$ni" 'Thread(s) per core')))
maplen=$(((maxcpus + 7) / 8))
last=$((maxcpus - 1))
host_mib=$(($(field "$ni" 'Memory size') / 1024))
di=$("$H_TOOL" -c "$H_URI" dominfo web1)
web1_max=$(($(field "$di" 'Max memory') / 1024))
web1_vcpus=$(field "$di" 'CPU(s)')
web1_state=$(field "$di" State)
# the maximum: <vcpu> in the domain's XML, in either library's format
web1_maxv=$("$H_TOOL" -c "$H_URI" dumpxml web1 |
    sed -n 's:.*<vcpu[^>]*>\([0-9]*\)</vcpu>.*:\1:p')
di=$("$H_TOOL" -c "$H_URI" dominfo build1)
build1_max=$(($(field "$di" 'Max memory') / 1024))
h_true "web1 runs, with 2 vcpus or more, below its maximum memory" \
    test "$web1_state" = running -a "$web1_vcpus" -ge 2 \
    -a "$web1_maxv" -ge "$web1_vcpus" -a "$web1_max" -lt "$host_mib" ||
    exit 1

# map CPU [SEP]: the affinity map naming only CPU, maplen octets in hex
# (libvirt's byte order: cpu 0 is the low bit of the first octet), each
# followed by SEP
map() {
    awk -v c="$1" -v n="$maplen" -v sep="${2:-}" 'BEGIN {
        for (i = 0; i < n; i++)
            printf "%02X%s", (i == int(c / 8)) ? 2 ^ (c % 8) : 0, sep }'
}
# octets N FIRST: N octets in hex, the first FIRST, the others 00
octets() {
    awk -v n="$1" -v f="$2" 'BEGIN {
        for (i = 0; i < n; i++) printf "%s", i ? "00" : f }'
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

# --- memory (MiB) of a running domain, up to its maximum
h_set VIRT-MIB::virtDomainMemory."$web1" u "$web1_max" >/dev/null
h_eq "memory web1 at its maximum" "$web1_max" \
    "$(h_get -OU VIRT-MIB::virtDomainMemory."$web1")"
h_set VIRT-MIB::virtDomainMemory."$web1" u $((web1_max / 4)) >/dev/null
h_eq "memory web1 a quarter of it" $((web1_max / 4)) \
    "$(h_get -OU VIRT-MIB::virtDomainMemory."$web1")"
h_eq "memory leaves the maximum" "$web1_max" \
    "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$web1")"
# the maximum memory of a shut-off domain, which either library takes
h_set VIRT-MIB::virtDomainMaxMemory."$build1" u $((build1_max * 2)) >/dev/null
h_eq "raise build1's max memory" $((build1_max * 2)) \
    "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$build1")"
h_set VIRT-MIB::virtDomainMaxMemory."$build1" u $((build1_max / 2)) >/dev/null
h_eq "lower build1's max memory" $((build1_max / 2)) \
    "$(h_get -OU VIRT-MIB::virtDomainMaxMemory."$build1")"
h_eq "lowers its memory too" $((build1_max / 2)) \
    "$(h_get -OU VIRT-MIB::virtDomainMemory."$build1")"

# --- affinity: maps of maplen octets; vcpus down and up to the maximum
h_set VIRT-MIB::virtVcpuAffinity."$web1".1 x "$(map 2)" >/dev/null
h_eq "pin web1 vcpu 1 to cpu 2" "\"$(map 2 ' ')\"" \
    "$(h_get -Ox VIRT-MIB::virtVcpuAffinity."$web1".1)"
h_eq "web1 vcpu 1 runs on cpu 2" 2 "$(s virtVcpuCpu."$web1".1)"
h_set VIRT-MIB::virtVcpuAffinity."$web1".0 x "$(map "$last")" >/dev/null
h_eq "pin web1 vcpu 0 to cpu $last" "$last" "$(s virtVcpuCpu."$web1".0)"
h_set VIRT-MIB::virtDomainVcpus."$web1" u $((web1_vcpus - 1)) >/dev/null
h_eq "vcpus web1 one fewer" $((web1_vcpus - 1)) "$(s virtDomainVcpus."$web1")"
h_eq "web1 vcpu rows" $((web1_vcpus - 1)) \
    "$(h_walk -Oq VIRT-MIB::virtVcpuState."$web1" | wc -l)"
h_set VIRT-MIB::virtDomainVcpus."$web1" u "$web1_maxv" >/dev/null
h_eq "vcpus web1 at its maximum" "$web1_maxv" "$(s virtDomainVcpus."$web1")"
h_eq "web1 vcpu rows again" "$web1_maxv" \
    "$(h_walk -Oq VIRT-MIB::virtVcpuState."$web1" | wc -l)"
h_set VIRT-MIB::virtNodeNotificationsEnabled.0 i false >/dev/null
h_eq "notifications off" false "$(s virtNodeNotificationsEnabled.0)"
h_set VIRT-MIB::virtNodeNotificationsEnabled.0 i true >/dev/null
h_eq "notifications on" true "$(s virtNodeNotificationsEnabled.0)"

# --- bad SETs: exact error, nothing changed (numbers for enumerations:
# paused(2), reboot(4), destroy(5), false(2)); a map one octet short
# (none at all on a host of 8 cpus or fewer) and one octet long
short=$(octets $((maplen - 1)) 01)
before=$(h_set_state)
h_set_error wrongType VIRT-MIB::virtDomainAdminState."$web1" s paused
h_set_error wrongType VIRT-MIB::virtDomainMemory."$web1" i 100
h_set_error wrongType VIRT-MIB::virtVcpuAffinity."$web1".0 i 1
h_set_error wrongValue VIRT-MIB::virtDomainAdminState."$web1" i 9
h_set_error wrongValue VIRT-MIB::virtDomainAdminState."$web1" i 0
h_set_error wrongValue VIRT-MIB::virtDomainVcpus."$web1" u 0
h_set_error wrongValue VIRT-MIB::virtDomainMemory."$web1" u 0
h_set_error wrongValue VIRT-MIB::virtNodeNotificationsEnabled.0 i 3
h_set_error wrongValue VIRT-MIB::virtVcpuAffinity."$web1".0 x \
    "$(octets "$maplen" 00)"
h_set_error wrongLength VIRT-MIB::virtVcpuAffinity."$web1".0 x "$short"
h_set_error wrongLength VIRT-MIB::virtVcpuAffinity."$web1".0 x \
    "$(octets $((maplen + 1)) 01)"
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$build1" i 2
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$build1" i 4
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$build1" i 5
h_set_error inconsistentValue VIRT-MIB::virtDomainMemory."$web1" u \
    $((web1_max + 1))
h_set_error inconsistentValue VIRT-MIB::virtDomainMemory."$build1" u 100
h_set_error inconsistentValue VIRT-MIB::virtDomainVcpus."$build1" u 1
# what the snapshot knows is checked before anything changes: vcpus above
# the domain's maximum, maximum memory above the host's
h_set_error inconsistentValue VIRT-MIB::virtDomainVcpus."$web1" u \
    $((web1_maxv + 1))
h_set_error inconsistentValue VIRT-MIB::virtDomainMaxMemory."$web1" u \
    $((host_mib + 1))
h_set_error noCreation VIRT-MIB::virtDomainAdminState.9999 i 2
h_set_error noCreation VIRT-MIB::virtVcpuAffinity."$web1"."$web1_maxv" x \
    "$(map 0)"
h_set_error noCreation VIRT-MIB::virtVcpuAffinity."$build1".0 x "$(map 0)"
h_set_error notWritable VIRT-MIB::virtDomainName."$web1" s other
h_set_error notWritable VIRT-MIB::virtDomainState."$web1" i 3
h_set_error notWritable VIRT-MIB::virtNodeCpus.0 u 4
h_set_error notWritable VIRT-MIB::virtVcpuCpu."$web1".0 i 1
h_eq "bad SETs changed nothing" "$before" "$(h_set_state)"

# --- multi-varbind refused in RESERVE: the pause of web1 never happens
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$web1" i 2 \
    VIRT-MIB::virtDomainAdminState."$build1" i 2
h_eq "refused pair changed nothing" "$before" "$(h_set_state)"

# --- every refusal is logged once: object, value, domain, reason
refusals() {
    grep -cF "$1" "$AGENTLOG"
}
if [ "$maplen" -gt 1 ]; then
    shown=0x$(printf '%s' "$short" | tr 'A-F' 'a-f')
else
    shown='""'
fi
h_eq "vcpus above the maximum logged once" 1 "$(refusals \
    "SET virtDomainVcpus.$web1 = $((web1_maxv + 1)) of domain 'web1' refused, inconsistentValue: above the domain's maximum of $web1_maxv vcpus")"
h_eq "maximum memory above the host's logged once" 1 "$(refusals \
    "SET virtDomainMaxMemory.$web1 = $((host_mib + 1)) of domain 'web1' refused, inconsistentValue: above the host's memory of $host_mib MiB")"
h_eq "memory above the maximum logged once" 1 "$(refusals \
    "SET virtDomainMemory.$web1 = $((web1_max + 1)) of domain 'web1' refused, inconsistentValue: above the domain's maximum memory of $web1_max MiB")"
# (twice refused: alone, and beside web1's pause)
h_eq "pause of a shut-off domain logged once a SET" 2 "$(refusals \
    "SET virtDomainAdminState.$build1 = 2 of domain 'build1' refused, inconsistentValue: not possible from state shutoff")"
h_eq "short affinity logged once" 1 "$(refusals \
    "SET virtVcpuAffinity.$web1.0 = $shown of domain 'web1' refused, wrongLength: $((maplen - 1)) octets, a host of $maxcpus cpus needs $maplen")"
h_eq "all-zero affinity logged once" 1 "$(refusals \
    "SET virtVcpuAffinity.$web1.0 = 0x$(octets "$maplen" 00) of domain 'web1' refused, wrongValue: names no cpu")"
h_eq "a missing row logged once" 1 "$(refusals \
    "SET virtDomainAdminState.9999 = 2 refused, noCreation: no such domain")"

# a shutdown, reboot or destroy cannot be undone: only alone
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$web1" i 3 \
    VIRT-MIB::virtDomainMemory."$web1" u 200
h_set_error inconsistentValue VIRT-MIB::virtVcpuAffinity."$web1".0 x \
    "$(map 0)" VIRT-MIB::virtDomainAdminState."$web1" i 5
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$web1" i 4 \
    VIRT-MIB::virtNodeNotificationsEnabled.0 i 1
h_eq "an irreversible write with others changed nothing" "$before" \
    "$(h_set_state)"
# shutdown of a domain already shut off changes nothing: allowed in company
h_true "a no-op shutdown goes with others" h_set \
    VIRT-MIB::virtDomainAdminState."$build1" i 3 \
    VIRT-MIB::virtDomainAdminState."$web1" i 1

# --- read-only mode: notWritable, nothing changes
h_stop_agent
h_start_agent -r
h_set_error notWritable VIRT-MIB::virtDomainAdminState."$web1" i 2
h_set_error notWritable VIRT-MIB::virtDomainMemory."$web1" u 128
h_set_error notWritable VIRT-MIB::virtVcpuAffinity."$web1".0 x "$(map 0)"
h_set_error notWritable VIRT-MIB::virtNodeNotificationsEnabled.0 i 2
# every SET, whatever else is wrong with it
h_set_error notWritable VIRT-MIB::virtDomainIndex."$web1" u 1
h_set_error notWritable VIRT-MIB::virtVcpuNumber."$web1".0 u 1
h_set_error notWritable VIRT-MIB::virtNodeNotificationsEnabled.1 i 2
h_set_error notWritable VIRT-MIB::virtDomainAdminState.9999 i 2
h_set_error notWritable VIRT-MIB::virtVcpuAffinity."$web1"."$web1_maxv" x \
    "$(map 0)"
h_set_error notWritable VIRT-MIB::virtDomainVcpus."$web1" s 1
h_set_error notWritable VIRT-MIB::virtDomainName."$web1" s other
h_eq "read-only: web1 still running" running "$(s virtDomainState."$web1")"

h_summary
