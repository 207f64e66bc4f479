#!/bin/sh
# libvirt.sh: virtmibd built on the system's libvirt (--with-libvirt=system)
# serving libvirt's own test driver, a node file in libvirt's format
# (data/node.xml): the node and every row agree with virsh of the same
# URI; vmAutoStart comes from the library; the SETs libvirt takes change
# the host, the ones it refuses (maximum memory of a running domain,
# memory above the maximum) get inconsistentValue with the reason logged
# and change nothing; libvirt's own test:///default (one domain, "test")
# is served too.  h_summary asserts an empty stderr: libvirt logs none of
# its warnings (no "Ignoring attempt to replace registered event loop").
. "$abs_top_srcdir/tests/snmp/harness.sh"

VIRSH=$(command -v virsh) || h_skip_or_fail "virsh is not installed (libvirt-clients)"
NODE=$abs_top_srcdir/tests/libvirt/data/node.xml
AGENT_URI=test://$NODE
h_start_all

# field NAME TEXT: the value of "NAME:" in virsh's key/value output
field() {
    printf '%s\n' "$2" | sed -n "s/^$1: *//p" | head -n 1
}
s() {
    h_get "VIRT-MIB::$1"
}

# --- the node: virsh nodeinfo against the virtNode scalars
ni=$("$VIRSH" -c "$AGENT_URI" nodeinfo)
h_eq "cpus" "$(field 'CPU(s)' "$ni")" "$(s virtNodeCpus.0)"
h_eq "mhz" "$(field 'CPU frequency' "$ni" | sed 's/ MHz//') MHz" \
    "$(s virtNodeMhz.0)"
h_eq "memory" "$(($(field 'Memory size' "$ni" | sed 's/ KiB//') / 1024)) MiB" \
    "$(s virtNodeMemory.0)"
h_eq "hypervisor type" TEST "$(s virtNodeHypervisorType.0)"
lv=$(pkg-config --modversion libvirt | awk -F. '{ print $1 * 1000000 + $2 * 1000 + $3 }')
h_eq "library version is libvirt's" "$lv" "$(s virtNodeLibraryVersion.0)"

# --- every domain: virsh dominfo against its row
names=$("$VIRSH" -c "$AGENT_URI" list --all --name | sed '/^$/d')
h_eq "four domains" 4 "$(printf '%s\n' "$names" | wc -l)"
h_eq "as many rows" 4 "$(h_walk -Oqv VIRT-MIB::virtDomainName | wc -l)"
for name in $names; do
    i=$(h_index_of "$name")
    di=$("$VIRSH" -c "$AGENT_URI" dominfo "$name")
    st=$(field State "$di")
    case $st in
    "shut off") st=shutoff ;;
    esac
    h_eq "$name state" "$st" "$(s virtDomainState."$i")"
    h_eq "$name uuid" "$(field UUID "$di")" "$(s virtDomainUuidString."$i")"
    h_eq "$name max memory" "$(($(field 'Max memory' "$di" | sed 's/ KiB//') / 1024)) MiB" \
        "$(s virtDomainMaxMemory."$i")"
    h_eq "$name vcpus" "$(field 'CPU(s)' "$di")" "$(s virtDomainVcpus."$i")"
    # VirtualMachineAutoStart: unknown(1), enabled(2), disabled(3)
    case $(field Autostart "$di") in
    enable) want=2 ;;
    disable) want=3 ;;
    *) want=1 ;;
    esac
    h_eq "$name vmAutoStart" "$want" \
        "$(h_get -On -OU -Oe 1.3.6.1.2.1.236.1.4.1.7."$i")"
done

web1=$(h_index_of web1)
batch1=$(h_index_of batch1)
build1=$(h_index_of build1)

# --- SETs libvirt takes
h_set VIRT-MIB::virtDomainAdminState."$web1" i paused >/dev/null
h_eq "pause web1" paused "$(s virtDomainState."$web1")"
h_set VIRT-MIB::virtDomainAdminState."$batch1" i running >/dev/null
h_eq "resume batch1" running "$(s virtDomainState."$batch1")"
h_set VIRT-MIB::virtDomainMemory."$web1" u 512 >/dev/null
h_eq "web1 memory" "512 MiB" "$(s virtDomainMemory."$web1")"
h_set VIRT-MIB::virtDomainAdminState."$build1" i running >/dev/null
h_eq "start build1" running "$(s virtDomainState."$build1")"

# --- SETs libvirt refuses: the error, the reason logged, nothing changed
before=$(s virtDomainMaxMemory."$web1")
h_set_error inconsistentValue VIRT-MIB::virtDomainMaxMemory."$web1" u 1024
h_eq "web1 max memory unchanged" "$before" "$(s virtDomainMaxMemory."$web1")"
h_true "the refusal is logged with its reason" \
    grep -q 'virtDomainMaxMemory.*the domain is active' "$AGENTLOG"
h_set_error inconsistentValue VIRT-MIB::virtDomainMemory."$web1" u 4096
h_eq "web1 memory unchanged" "512 MiB" "$(s virtDomainMemory."$web1")"

# --- shut off, the maximum can change
h_set VIRT-MIB::virtDomainAdminState."$build1" i shutdown >/dev/null
h_true "build1 shuts off" h_wait_until "$(h_poll_bound)" \
    h_value_is shutoff VIRT-MIB::virtDomainState."$build1"
h_set VIRT-MIB::virtDomainMaxMemory."$build1" u 2048 >/dev/null
h_eq "build1 max memory, shut off" "2048 MiB" "$(s virtDomainMaxMemory."$build1")"

# --- libvirt's own test:///default: one running domain, "test"
h_stop_agent
AGENT_URI=test:///default
h_start_agent || exit 1
h_eq "test:///default has one domain" test "$(h_walk -Oqv VIRT-MIB::virtDomainName)"
h_eq "and it runs" running "$(h_walk -Oqv VIRT-MIB::virtDomainState)"

h_summary
