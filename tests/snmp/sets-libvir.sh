#!/bin/sh
# sets-libvir.sh: the SETs that follow libvir's own rules, on libvir's
# test host (test:///default: Domain-0, 16 cpus, so two-octet affinity
# maps): a new maximum memory of a running domain, and memory raised
# above the old maximum with the maximum in one SET; Domain-0 cannot be
# paused or destroyed; a multi-varbind SET failing in ACTION (a failure
# injected through the fault file, testnode(5)) is rolled back, across
# tables, and the library's refusal is logged once a varbind with its
# message.  What every library takes is sets.sh's.
. "$(dirname "$0")/harness.sh"

if [ -z "$H_FAULTS_OK" ] || [ -z "$H_DOM0" ]; then
    h_log "SKIP: libvir's own rules; $H_LIBRARY has no fault file or Domain-0"
    exit 77
fi
H_FAULTS=1
h_start_all

web1=$(h_index_of web1)
dom0=$(h_index_of "$H_DOM0")
s() {
    h_get "VIRT-MIB::$1"
}

# --- the maximum memory (MiB) of a running domain changes
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

# --- Domain-0 is neither paused nor destroyed (paused(2), destroy(5))
before=$(h_set_state)
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$dom0" i 2
h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$dom0" i 5
h_eq "refused Domain-0 SETs changed nothing" "$before" "$(h_set_state)"

# --- multi-varbind failing in ACTION (the library refuses the vcpus: an
# injected fault): the pause and the memory change already made are undone
echo domainSetVcpus >"$FAULTS"
h_set_error commitFailed VIRT-MIB::virtDomainAdminState."$web1" i 2 \
    VIRT-MIB::virtDomainMemory."$web1" u 200 \
    VIRT-MIB::virtDomainVcpus."$web1" u 1
h_eq "failed triple rolled back" "$before" "$(h_set_state)"
# undo of a maximum that lowered the memory gives both back
h_set_error commitFailed VIRT-MIB::virtDomainMaxMemory."$web1" u 128 \
    VIRT-MIB::virtDomainVcpus."$web1" u 1
h_eq "max memory and memory rolled back" "$before" "$(h_set_state)"
# across tables: the pin (vcpu table) is undone when the domain table fails
h_set_error commitFailed VIRT-MIB::virtVcpuAffinity."$web1".0 x 0100 \
    VIRT-MIB::virtDomainVcpus."$web1" u 1
h_eq "pin rolled back with the failing vcpus" "$before" "$(h_set_state)"
rm -f "$FAULTS"

# --- the library's refusal is logged once a SET, with its message
h_eq "the hypervisor's refusal logged once, with its message" 3 "$(grep -cF \
    "SET virtDomainVcpus.$web1 = 1 of domain 'web1' refused, commitFailed: cannot domainSetVcpus: fault injected" \
    "$AGENTLOG")"
h_eq "and not again by the library's error callback" 0 \
    "$(grep -c 'libvir: cannot domainSetVcpus' "$AGENTLOG")"

h_summary
