#!/bin/sh
# vmmib.sh: VM-MIB (RFC 7666, 1.3.6.1.2.1.236) by numeric OID: the
# hypervisor scalars, vmTable, vmCpuTable and vmCpuAffinityTable against
# the same host's VIRT-MIB values (one PDU, one snapshot), the host's
# tool (H_TOOL: vsh, or virsh on the system's libvirt) and the host's own
# hrProcessorTable, on H_URI (host.sh) and on a node file; a
# pin through VIRT-MIB seen in the affinity rows; a row taken away moves
# vmTableLastChange; virtViews turns either view off.
. "$(dirname "$0")/harness.sh"

VSH=$H_TOOL
VM=1.3.6.1.2.1.236.1
VMT=$VM.4.1
[ -x "$VSH" ] || h_skip_or_fail "${VSH:-virsh} is not there"

# Centiseconds since boot, as /proc/uptime has them.
uptime_cs() {
    awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime
}

# v OID...: the values, one a line, of one GET (one snapshot).
v() {
    h_get -On -OU -Oe "$@"
}

check_scalars() {
    h_eq "vmHvSoftware" "$(h_get VIRT-MIB::virtNodeHypervisorType.0)" \
        "$(h_get $VM.1.1.0 | tr -d '"')"
    ver=$(h_get -OU VIRT-MIB::virtNodeHypervisorVersion.0)
    h_eq "vmHvVersion" \
        "$(echo "$ver" | awk '{ printf "%d.%d.%d", $1 / 1000000,
            int($1 / 1000) % 1000, $1 % 1000 }')" \
        "$(h_get $VM.1.2.0 | tr -d '"')"
    h_eq "vmHvObjectID" "$(snmptranslate -On VIRT-MIB::virtMIB)" \
        "$(h_get -On $VM.1.3.0)"
    t0=$(uptime_cs)
    hv=$(h_get -Ot $VM.1.4.0)
    t1=$(uptime_cs)
    h_true "vmHvUpTime $hv is the host's uptime ($t0..$t1)" \
        test "$hv" -ge "$t0" -a "$hv" -le $((t1 + 1))
    set -- $(v VIRT-MIB::virtNodeActiveDomains.0 \
        VIRT-MIB::virtNodeDefinedDomains.0 $VM.2.0)
    h_eq "vmNumber" $(($1 + $2)) "$3"
    last=$(h_get -Ot $VM.3.0)
    h_true "vmTableLastChange $last: at the first read, before now" \
        test "$last" -gt 0 -a "$last" -le "$hv"
}

# check_domain URI NAME: one row against VIRT-MIB and vsh.
check_domain() {
    idx=$(h_index_of "$2")
    h_true "$2 has a vmTable row" test -n "$idx"
    [ -n "$idx" ] || return
    di=$("$VSH" -c "$1" dominfo "$2")
    state=$(printf '%s\n' "$di" | sed -n 's/^State: *//p')
    h_eq "$2 vmName" "\"$2\"" "$(h_get $VMT.2.$idx)"
    h_eq "$2 vmUUID" "$(h_get -Ox VIRT-MIB::virtDomainUuid.$idx)" \
        "$(h_get -Ox $VMT.3.$idx)"
    h_eq "$2 vmOSType" "$(h_get VIRT-MIB::virtDomainOSType.$idx)" \
        "$(h_get $VMT.4.$idx | tr -d '"')"
    h_eq "$2 vmAdminState" "$(h_vm_admin "$state")" "$(v $VMT.5.$idx)"
    h_eq "$2 vmOperState" "$(h_vm_oper "$state")" "$(v $VMT.6.$idx)"
    # vsh does not tell autostart (unknown); virsh does
    case $(printf '%s\n' "$di" | sed -n 's/^Autostart: *//p') in
    enable) auto=2 ;;
    disable) auto=3 ;;
    *) auto=1 ;;
    esac
    h_eq "$2 vmAutoStart" "$auto" "$(v $VMT.7.$idx)"
    h_eq "$2 vmPersistent" \
        "$(($(v VIRT-MIB::virtDomainPersistent.$idx) % 3 + 1))" \
        "$(v $VMT.8.$idx)"
    h_eq "$2 vmCurCpuNumber" "$(printf '%s\n' "$di" |
        sed -n 's/^CPU(s): *//p')" "$(v $VMT.9.$idx)"
    h_eq "$2 vmMinCpuNumber" 1 "$(v $VMT.10.$idx)"
    h_eq "$2 vmMaxCpuNumber" "$("$VSH" -c "$1" dumpxml "$2" |
        sed -n 's/.*<vcpu[^>]*>\([0-9]*\)<.*/\1/p')" "$(v $VMT.11.$idx)"
    h_eq "$2 vmMemUnit" 1024 "$(v $VMT.12.$idx)"
    h_eq "$2 vmCurMem" "$(printf '%s\n' "$di" |
        sed -n 's/^Used memory: *\([0-9]*\).*/\1/p')" "$(v $VMT.13.$idx)"
    h_eq "$2 vmMinMem" -1 "$(v $VMT.14.$idx)"
    h_eq "$2 vmMaxMem" "$(printf '%s\n' "$di" |
        sed -n 's/^Max memory: *\([0-9]*\).*/\1/p')" "$(v $VMT.15.$idx)"
    set -- "$2" $(v VIRT-MIB::virtDomainCpuTime.$idx $VMT.17.$idx)
    h_eq "$1 vmCpuTime (µs of the same snapshot's ns)" $(($2 / 1000)) "$3"
    up=$(h_get -Ot $VMT.16.$idx)
    hv=$(h_get -Ot $VM.1.4.0)
    if [ "$(h_vm_oper "$state")" = 11 ]; then
        h_eq "$1 vmUpTime while shut off" 0 "$up"
    else
        # running since the agent's first sight at the latest
        h_true "$1 vmUpTime $up: since the first read" \
            test "$up" -gt 0 -a "$up" -le $((hv - last + 1))
    fi
}

# check_cpus: every vcpu row of VIRT-MIB has its VM-MIB rows, same times
# (in one PDU), and an affinity row per physical cpu from its map.
check_cpus() {
    ncpus=$(h_get VIRT-MIB::virtNodeMaxCpus.0)
    base=$(h_walk -On 1.3.6.1.2.1.25.3.3.1.1 | head -n 1 |
        sed 's/ = .*//; s/.*\.//')
    h_true "hrProcessorTable answers ($base)" test -n "$base"
    rows=$(h_walk -On VIRT-MIB::virtVcpuCpuTime | sed 's/ = .*//' |
        awk -F. '{ print $(NF - 1) "." $NF }')
    n=0
    for r in $rows; do
        d=${r%.*}
        c=$((${r#*.} + 1))
        n=$((n + 1))
        set -- $(v VIRT-MIB::virtVcpuCpuTime.$r $VM.5.1.2.$d.$c)
        h_eq "vmCpuCoreTime.$d.$c" $(($1 / 1000)) "$2"
        want=$(h_get -Ox VIRT-MIB::virtVcpuAffinity.$r | tr -d '" \n' |
            awk -v n="$ncpus" '{
                for (i = 0; i < n; i++) {
                    b = index("0123456789ABCDEF",
                        toupper(substr($0, 2 * int(i / 8) + 1, 1))) - 1
                    l = index("0123456789ABCDEF",
                        toupper(substr($0, 2 * int(i / 8) + 2, 1))) - 1
                    byte = b * 16 + l
                    printf "%d ", (int(byte / 2 ^ (i % 8)) % 2) ? 1 : 2
                } }')
        got=$(h_walk -On -Oe $VM.6.1.3.$d.$c | sed 's/.*INTEGER: //' |
            tr '\n' ' ')
        h_eq "vmCpuAffinity.$d.$c" "$want" "$got"
        first=$(h_walk -On $VM.6.1.3.$d.$c | head -n 1 | sed 's/ = .*//')
        h_eq "vmCpuPhysIndex of cpu 0 is its hrDeviceIndex" \
            "$VM.6.1.3.$d.$c.$base" "${first#.}"
    done
    h_eq "vmCpuTable rows" "$n" "$(h_walk -On $VM.5.1.2 | grep -c Counter64)"
    h_eq "vmCpuAffinityTable rows" $((n * ncpus)) \
        "$(h_walk -On $VM.6.1.3 | grep -c INTEGER)"
}

# check_host URI: everything on one host.
check_host() {
    check_scalars
    for name in $("$VSH" -c "$1" list --all | tail -n +3 |
        awk 'NF { print $2 }'); do
        check_domain "$1" "$name"
    done
    h_eq "vmTable rows" "$(h_get $VM.2.0)" \
        "$(h_walk -On $VMT.2 | grep -c STRING)"
    check_cpus
}

# --- the build's host (H_URI), both views
h_start_all
check_host "$H_URI"
h_eq "GET of a missing vm" "No Such Instance currently exists at this OID" \
    "$(h_get $VMT.2.999999)"
h_eq "GET of vmCpuIndex 0" "No Such Instance currently exists at this OID" \
    "$(h_get $VM.5.1.2.1.0)"
h_set_error notWritable $VMT.2.1 s x
h_set_error notWritable $VM.2.0 i 1

# --- a pin through VIRT-MIB shows in VM-MIB's affinity rows
web1=$(h_index_of web1)
ncpus=$(h_get VIRT-MIB::virtNodeMaxCpus.0)
base=$(h_walk -On 1.3.6.1.2.1.25.3.3.1.1 | head -n 1 | sed 's/ = .*//; s/.*\.//')
map=$(awk -v n="$ncpus" 'BEGIN {
    for (i = 0; i < int((n + 7) / 8); i++) printf "%02X", i == 0 ? 8 : 0 }')
h_set VIRT-MIB::virtVcpuAffinity."$web1".0 x "$map" >/dev/null
want=$(awk -v n="$ncpus" 'BEGIN {
    for (i = 0; i < n; i++) printf "%d ", i == 3 ? 1 : 2 }')
h_true "vcpu 0 of web1 pinned to cpu 3 only" h_wait_until "$(h_poll_bound)" \
    sh -c "test \"\$(snmpbulkwalk -v2c -c public -On -Oe 127.0.0.1:$PORT \
        $VM.6.1.3.$web1.1 | sed 's/.*INTEGER: //' | tr '\n' ' ')\" = '$want'"
h_eq "enabled row is cpu 3's hrDeviceIndex" "$VM.6.1.3.$web1.1.$((base + 3))" \
    "$(h_walk -On -Oe $VM.6.1.3.$web1.1 | grep 'INTEGER: 1$' | sed 's/^\.//; s/ = .*//')"

# --- vmUpTime restarts with the domain; rows did not change
build1=$(h_index_of build1)
last=$(h_get -Ot $VM.3.0)
t0=$(uptime_cs)
h_set VIRT-MIB::virtDomainAdminState."$build1" i running >/dev/null
h_true "build1 runs" h_wait_until "$(h_poll_bound)" h_value_is 4 -Oe $VMT.6.$build1
up=$(h_get -Ot $VMT.16.$build1)
t1=$(uptime_cs)
h_true "build1 vmUpTime $up counts from its start" \
    test "$up" -ge 0 -a "$up" -le $((t1 - t0 + 1))
h_eq "a start changes no row" "$last" "$(h_get -Ot $VM.3.0)"

# --- a node file with a transient guest: its destroy takes a row away
restart() {
    h_stop_agent
    h_eq "virtmibd exits 0 on SIGTERM" 0 "$?"
    h_start_agent "$@" || exit 1
}
NODE=$H_TMP/node.xml
if [ -n "$H_SYSTEM" ]; then
    # libvirt's format: the test namespace makes the guest transient
    sed 's|</node>||' "$abs_top_srcdir/tests/libvirt/data/node.xml" >"$NODE"
    cat >>"$NODE" <<XML
  <domain type="test" xmlns:test="http://libvirt.org/schemas/domain/test/1.0">
    <name>scratch</name>
    <uuid>11111111-2222-3333-4444-0000000000aa</uuid>
    <os><type>hvm</type></os>
    <memory>131072</memory>
    <vcpu>2</vcpu>
    <test:transient/>
  </domain>
</node>
XML
else
    sed 's|</node>||' "$abs_top_srcdir/tests/snmp/data/node-a.xml" >"$NODE"
    cat >>"$NODE" <<XML
  <domain type='xen' id='7' state='running' persistent='no'>
    <name>scratch</name>
    <uuid>11111111-2222-3333-4444-0000000000aa</uuid>
    <os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>
    <memory>131072</memory>
    <vcpu>2</vcpu>
  </domain>
</node>
XML
fi
AGENT_URI="test://$NODE"
restart
check_host "test://$NODE"
n=$(h_get $VM.2.0)
scratch=$(h_index_of scratch)
t0=$(uptime_cs)
h_set VIRT-MIB::virtDomainAdminState."$scratch" i destroy >/dev/null
h_true "the transient row goes" h_wait_until "$(h_poll_bound)" \
    h_value_is $((n - 1)) $VM.2.0
last=$(h_get -Ot $VM.3.0)
h_true "vmTableLastChange $last moved to the deletion (after $t0)" \
    test "$last" -ge "$t0" -a "$last" -le "$(uptime_cs)"

# --- virtViews: each view alone, and a bad value refused
views() {
    printf 'virtViews %s\n' "$1" >"$H_TMP/virtmibd.conf"
    restart -c "$H_TMP/virtmibd.conf"
}
AGENT_URI=
views virt
h_eq "VM-MIB off: vmHvSoftware" "No Such Object available on this agent at this OID" \
    "$(h_get $VM.1.1.0)"
h_eq "VM-MIB off: nothing under 236" "" \
    "$(h_walk -On 1.3.6.1.2.1.236 | grep '^\.1\.3\.6\.1\.2\.1\.236\.')"

H_READY_OID=$VM.1.1.0
views "vm"
h_eq "VIRT-MIB off: virtNodeHypervisorType" \
    "No Such Object available on this agent at this OID" \
    "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"
h_eq "VIRT-MIB off: VM-MIB still answers" \
    "$(h_get $VM.2.0)" "$(h_walk -On $VMT.2 | grep -c STRING)"
h_eq "VIRT-MIB off: no domain table" "" \
    "$(h_walk -On VIRT-MIB::virtDomainTable | grep -v 'No Such Object')"

H_READY_OID=
views "virt, vms"
h_true "a bad virtViews is refused with its line" \
    grep -q "virtViews: virt, vm or both" "$AGENTLOG"
h_true "both views serve after a bad value" test -n "$(h_get $VM.2.0)"
h_summary
