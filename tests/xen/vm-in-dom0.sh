# vm-in-dom0.sh: the VM-MIB (RFC 7666) checks of the SNMP stage, sourced
# by snmp-in-dom0.sh (whose helpers, h_get, mark, new_traps, wait_for,
# xl_col..., it uses).  Numeric OIDs only (the RFC's module is not
# loaded); every value against the same host's VIRT-MIB (in one PDU
# where both come from one snapshot) and the library (vsh in dom0:
# dominfo, vcpuinfo, dumpxml), affinity rows also against xl's and
# dom0's hrProcessorTable, the ifindex of a vif against dom0's IF-MIB.
VSH=/host/snmp/tools/vsh
VM=1.3.6.1.2.1.236.1
VMT=$VM.4.1
VM_NOTIF=SNMPv2-SMI::mib-2.236.0
VM_E=SNMPv2-SMI::mib-2.236.1.4.1
T=$(printf '\t')
NOSUCH="No Such Instance currently exists at this OID"

# Centiseconds since dom0 booted (the agent's CLOCK_BOOTTIME).
uptime_cs() {
    awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime
}
VM_T0=$(uptime_cs) # before virtmibd starts

vsh() {
    "$VSH" -c xen:/// "$@"
}

# vv OID...: the values of one GET (one snapshot), one a line.
vv() {
    h_get -On -OU -Oe -Ot "$@"
}

# field TEXT LABEL: the value after "LABEL:" in vsh's output TEXT.
field() {
    printf '%s\n' "$1" | sed -n "s/^$2: *//p" | head -n 1
}

# rows_of_list CPULIST N: "1 2 ..." (enable(1), disable(2)) for cpus 0 to
# N-1 of a cpu list as vsh and xl print it ("0-1", "1", "all", "none").
rows_of_list() {
    echo "$1" | awk -v n="$2" -F, '{
        for (i = 1; i <= NF; i++) {
            if ($i == "all") { for (c = 0; c < n; c++) on[c] = 1; continue }
            if ($i !~ /^[0-9]/) continue
            split($i, r, "-")
            hi = r[2] == "" ? r[1] : r[2]
            for (c = r[1] + 0; c <= hi + 0; c++) on[c] = 1
        }
        for (c = 0; c < n; c++) printf "%d ", on[c] ? 1 : 2 }'
}

# rows_of_hex HEX N: the same from VIRT-MIB's virtVcpuAffinity octets.
rows_of_hex() {
    echo "$1" | awk -v n="$2" '{
        for (c = 0; c < n; c++) {
            b = substr($0, 2 * int(c / 8) + 1, 2)
            v = index("0123456789abcdef", substr(b, 1, 1)) * 16 - 16 +
                index("0123456789abcdef", substr(b, 2, 1)) - 1
            for (k = 0; k < c % 8; k++) v = int(v / 2) # no ^ in busybox
            printf "%d ", v % 2 ? 1 : 2
        } }'
}

# The VM-MIB rows under OID $1, one "value" a line (strings unquoted).
walk_vals() {
    h_walk -On -Oe "$1" | grep "^\.$1\." | sed 's/.*: //; s/^"\(.*\)"$/\1/'
}

# --- scalars (each tool run in dom0 takes a while under TCG: few of them)
vm_check_scalars() {
    h_get $VM.1.1.0 $VM.1.2.0 VIRT-MIB::virtNodeHypervisorType.0 |
        tr -d '"' >"$H_TMP/vmhv"
    h_eq "vmHvSoftware = virtNodeHypervisorType" "$(sed -n 3p "$H_TMP/vmhv")" \
        "$(sed -n 1p "$H_TMP/vmhv")"
    h_eq "vmHvVersion = /sys/hypervisor's major.minor.micro" \
        "$maj.$min.${micro:-0}" "$(sed -n 2p "$H_TMP/vmhv")"
    t0=$(uptime_cs)
    set -- $(vv $VM.1.4.0 $VM.3.0 VIRT-MIB::virtNodeActiveDomains.0 \
        VIRT-MIB::virtNodeDefinedDomains.0 $VM.2.0 $VM.1.3.0)
    t1=$(uptime_cs)
    t_true "vmHvUpTime $1 is dom0's uptime ($t0..$t1)" \
        test "$1" -ge "$t0" -a "$1" -le $((t1 + 1))
    t_true "vmTableLastChange $2: after virtmibd started, before now" \
        test "$2" -ge "$VM_T0" -a "$2" -le "$1"
    h_eq "vmNumber = active + defined (one PDU)" $(($3 + $4)) "$5"
    h_eq "vmHvObjectID = VIRT-MIB's root" \
        "$(snmptranslate -On VIRT-MIB::virtMIB)" "$6"
    h_eq "vmNumber = vsh list --all" \
        "$(vsh list --all | tail -n +3 | awk 'NF' | wc -l)" "$5"
    h_eq "vmTable rows = vmNumber" "$5" "$(walk_vals $VMT.2 | wc -l)"
}

# --- vmTable: vm_check_row NAME INDEX STARTED: the row against vsh and
# VIRT-MIB; STARTED is dom0's uptime (cs) before the domain started, or
# before virtmibd did for one it found running.  The numbers in one PDU
# (one snapshot) with VIRT-MIB's, vsh read after it.
vm_check_row() {
    n=$1
    i=$2
    started=$3
    h_get $VMT.2.$i $VMT.4.$i VIRT-MIB::virtDomainOSType.$i $VMT.3.$i \
        VIRT-MIB::virtDomainUuid.$i | tr -d '"' >"$H_TMP/vmrow"
    set -- $(vv $VMT.5.$i $VMT.6.$i $VMT.7.$i $VMT.8.$i $VMT.9.$i \
        $VMT.10.$i $VMT.11.$i $VMT.12.$i $VMT.13.$i $VMT.14.$i $VMT.15.$i \
        $VMT.16.$i $VMT.17.$i VIRT-MIB::virtDomainPersistent.$i \
        VIRT-MIB::virtDomainMemory.$i VIRT-MIB::virtDomainCpuTime.$i)
    now=$(uptime_cs)
    di=$(vsh dominfo "$n")
    st=$(field "$di" State)
    row() { sed -n "$1p" "$H_TMP/vmrow" | tr -d ' ' | tr 'A-F' 'a-f'; }
    h_eq "$n vmName" "$n" "$(sed -n 1p "$H_TMP/vmrow")"
    h_eq "$n vmOSType = virtDomainOSType" "$(sed -n 3p "$H_TMP/vmrow")" \
        "$(sed -n 2p "$H_TMP/vmrow")"
    h_eq "$n vmOSType = vsh's" "$(field "$di" "OS Type")" \
        "$(sed -n 2p "$H_TMP/vmrow")"
    h_eq "$n vmUUID = virtDomainUuid" "$(row 5)" "$(row 4)"
    h_eq "$n vmUUID = vsh's" "$(field "$di" UUID | tr -d -)" "$(row 4)"
    h_eq "$n vmAdminState ($st)" "$(h_vm_admin "$st")" "$1"
    h_eq "$n vmOperState ($st)" "$(h_vm_oper "$st")" "$2"
    h_eq "$n vmAutoStart unknown" 1 "$3"
    h_eq "$n vmPersistent = virtDomainPersistent" $((${14} % 3 + 1)) "$4"
    h_eq "$n vmCurCpuNumber = vsh CPU(s)" "$(field "$di" "CPU(s)")" "$5"
    h_eq "$n vmMinCpuNumber" 1 "$6"
    h_eq "$n vmMaxCpuNumber = dumpxml <vcpu>" "$(vsh dumpxml "$n" |
        sed -n 's/.*<vcpu[^>]*>\([0-9]*\)<.*/\1/p')" "$7"
    h_eq "$n vmMemUnit KiB" 1024 "$8"
    h_eq "$n vmCurMem = vsh Used memory" \
        "$(field "$di" "Used memory" | cut -d' ' -f1)" "$9"
    h_eq "$n vmCurMem in MiB = virtDomainMemory" "${15}" $(($9 / 1024))
    h_eq "$n vmMinMem none" -1 "${10}"
    h_eq "$n vmMaxMem = vsh Max memory" \
        "$(field "$di" "Max memory" | cut -d' ' -f1)" "${11}"
    t_true "$n vmUpTime ${12}: since it started (at most $((now - started)))" \
        test "${12}" -gt 0 -a "${12}" -le $((now - started + 1))
    h_eq "$n vmCpuTime = virtDomainCpuTime / 1000" $((${16} / 1000)) "${13}"
    secs=$(field "$di" "CPU time" | tr -d s)
    t_true "$n vmCpuTime ${13} us not beyond vsh's later ${secs}s" \
        awk -v us="${13}" -v s="$secs" 'BEGIN { exit !(us > 0 &&
            us <= s * 1000000 + 50000) }'
}

# --- vmCpuTable and vmCpuAffinityTable: vm_check_cpus NAME INDEX
# Every vcpu vsh lists: its core time in one PDU with VIRT-MIB's, and its
# affinity rows (vmCpuPhysIndex, enable/disable) against vsh's cpu list,
# VIRT-MIB's map and xl's hard affinity.
vm_check_cpus() {
    n=$1
    i=$2
    vsh vcpuinfo "$n" | awk -F': *' '$1 == "VCPU" { v = $2 }
        $1 == "CPU Affinity" { print v, $2 }' >"$H_TMP/vcpus"
    nv=$(wc -l <"$H_TMP/vcpus")
    xl vcpu-list "$n" >"$H_TMP/xlv"
    # ".ROOT.6.1.3.I.C.P = INTEGER: V" as "C P V"
    h_walk -On -Oe $VM.6.1.3.$i | awk -F' = INTEGER: ' '{
        k = split($1, o, "."); print o[k - 1], o[k], $2 }' >"$H_TMP/aff"
    h_walk -On VIRT-MIB::virtVcpuAffinity.$i | awk -F' = Hex-STRING: ' '{
        k = split($1, o, "."); gsub(/ /, "", $2); print o[k], tolower($2) }' \
        >"$H_TMP/vaff"
    h_eq "$n vmCpuTable rows = vsh vcpuinfo's" "$nv" \
        "$(walk_vals $VM.5.1.2.$i | wc -l)"
    h_eq "$n vmCpuAffinityTable rows = vcpus x virtNodeMaxCpus" \
        $((nv * NCPUS)) "$(wc -l <"$H_TMP/aff")"
    oids=
    while read -r c list; do
        oids="$oids VIRT-MIB::virtVcpuCpuTime.$i.$c $VM.5.1.2.$i.$((c + 1))"
    done <"$H_TMP/vcpus"
    vv $oids | paste - - >"$H_TMP/ctimes"
    while read -r c list; do
        set -- $(sed -n "$((c + 1))p" "$H_TMP/ctimes")
        h_eq "$n vmCpuCoreTime.$((c + 1)) = virtVcpuCpuTime / 1000" \
            $(($1 / 1000)) "$2"
        got=$(awk -v c=$((c + 1)) '$1 == c { printf "%s ", $3 }' "$H_TMP/aff")
        h_eq "$n vmCpuAffinity of vcpu $c = vsh's $list" \
            "$(rows_of_list "$list" "$NCPUS")" "$got"
        h_eq "$n vmCpuAffinity of vcpu $c = virtVcpuAffinity" \
            "$(rows_of_hex "$(awk -v c="$c" '$1 == c { print $2 }' \
                "$H_TMP/vaff")" "$NCPUS")" "$got"
        h_eq "$n vmCpuAffinity of vcpu $c = xl's hard affinity" \
            "$(rows_of_list "$(awk -v v="$c" '$3 == v { print $7 }' \
                "$H_TMP/xlv")" "$NCPUS")" "$got"
        h_eq "$n vcpu $c: vmCpuPhysIndex of cpu 0 = hrDeviceIndex" "$HR_CPU0" \
            "$(awk -v c=$((c + 1)) '$1 == c { print $2; exit }' "$H_TMP/aff")"
    done <"$H_TMP/vcpus"
}

# --- vmStorageTable and vmNetworkTable: vm_check_devices NAME INDEX
# The disks and interfaces of the domain's XML, one line each (fields
# "-" when absent): "type device format source target readonly" and
# "mac target"; the rows must be these, in this order.
xml_devices() {
    vsh dumpxml "$1" | tr -d '\n' |
        awk '{ gsub(/<disk /, "\n<disk "); gsub(/<interface /, "\n<interface ")
            print }' | awk -v what="$2" '
        function attr(el, a,   s) {
            s = $0
            if (!match(s, "<" el "[ >][^>]*")) return "-"
            s = substr(s, RSTART, RLENGTH)
            if (!match(s, " " a "='\''[^'\'']*'\''")) return "-"
            return substr(s, RSTART + length(a) + 3, RLENGTH - length(a) - 4)
        }
        what == "disk" && /^<disk / {
            sub(/<\/disk>.*/, "")
            src = attr("source", "file")
            if (src == "-") src = attr("source", "dev")
            print attr("disk", "type"), attr("disk", "device"),
                attr("driver", "type"), src, attr("target", "dev"),
                index($0, "<readonly/>") ? "yes" : "no"
        }
        what == "net" && /^<interface / {
            sub(/<\/interface>.*/, "")
            print attr("mac", "address"), attr("target", "dev")
        }'
}

vm_check_devices() {
    n=$1
    i=$2
    k=0
    xml_devices "$n" disk >"$H_TMP/disks"
    while read -r type dev fmt src target ro; do
        k=$((k + 1))
        r=$i.$k
        [ "$fmt" = - ] && fmt=
        h_eq "$n disk $k: a file disk (what the bed's guests have)" \
            "file disk" "$type $dev"
        want=2
        case $fmt in "" | raw) want=4 ;; qcow2) want=5 ;; esac
        set -- $(vv $VM.7.1.3.$r $VM.7.1.4.$r $VM.7.1.7.$r $VM.7.1.8.$r \
            $VM.7.1.10.$r $VM.7.1.11.$r $VM.7.1.12.$r)
        h_eq "$n disk $k vmStorageParent" 0 "$1"
        h_eq "$n disk $k vmStorageSourceType ($fmt)" "$want" "$2"
        want=2
        [ "$ro" = yes ] && want=3
        h_eq "$n disk $k vmStorageAccess" "$want" "$3"
        h_eq "$n disk $k vmStorageMediaType hardDisk" 3 "$4"
        h_eq "$n disk $k vmStorageSizeUnit MiB" 1048576 "$5"
        mib=$((($(stat -c %s "$src") + 1048575) / 1048576))
        h_eq "$n disk $k vmStorageDefinedSize = the image's" "$mib" "$6"
        h_eq "$n disk $k vmStorageAllocatedSize (raw: defined)" "$mib" "$7"
        h_eq "$n disk $k vmStorageSourceTypeString" "$fmt" \
            "$(h_get $VM.7.1.5.$r | tr -d '"')"
        h_eq "$n disk $k vmStorageResourceID" "$src" \
            "$(h_get $VM.7.1.6.$r | tr -d '"')"
        case $target in xvd*) want=xen ;; *) want=? ;; esac
        h_eq "$n disk $k vmStorageMediaTypeString ($target)" "$want" \
            "$(h_get $VM.7.1.9.$r | tr -d '"')"
        h_eq "$n disk $k: the six I/O counters unknown (0)" "0 0 0 0 0 0" \
            "$(vv $VM.7.1.13.$r $VM.7.1.14.$r $VM.7.1.15.$r $VM.7.1.16.$r \
                $VM.7.1.17.$r $VM.7.1.18.$r | tr '\n' ' ' | sed 's/ $//')"
    done <"$H_TMP/disks"
    h_eq "$n vmStorageTable rows = dumpxml's disks" "$k" \
        "$(walk_vals $VM.7.1.4.$i | wc -l)"
    vm_check_ifaces "$n" "$i"
}

# Each interface: the MAC, and the ifIndex that dom0's IF-MIB (the
# same snmpd) gives its backend (vifDOMID.N).
vm_check_ifaces() {
    k=0
    xml_devices "$1" net >"$H_TMP/ifaces"
    while read -r mac target; do
        k=$((k + 1))
        r=$2.$k
        want=0
        [ "$target" != - ] && want=$(h_walk -On -Oq 1.3.6.1.2.1.2.2.1.2 |
            awk -v t="$target" '{ v = $2; gsub(/"/, "", v) } v == t {
                sub(/.*\./, "", $1); print $1 }')
        h_eq "$1 interface $k vmNetworkIfIndex = IF-MIB's $target" \
            "${want:-0}" "$(h_get $VM.8.1.2.$r)"
        h_eq "$1 interface $k vmNetworkPhysAddress" \
            "$(echo "$mac" | tr -d :)" "$(hex_of $VM.8.1.5.$r)"
    done <"$H_TMP/ifaces"
    h_eq "$1 vmNetworkTable rows = dumpxml's interfaces" "$k" \
        "$(walk_vals $VM.8.1.4.$2 | wc -l)"
}

# --- the whole host after the walk: Domain-0 and the xl guest
vm_check_host() {
    h_walk -On 1.3.6.1.2.1.25.3.3.1.1 | grep OID >"$H_TMP/hrcpu"
    HR_CPU0=$(head -n 1 "$H_TMP/hrcpu" | sed 's/ = .*//; s/.*\.//')
    NCPUS=$maxcpus
    t_true "dom0's hrProcessorTable answers ($HR_CPU0)" test -n "$HR_CPU0"
    h_eq "dom0's hrProcessorTable: one row per host cpu (dom0_max_vcpus)" \
        "$NCPUS" "$(wc -l <"$H_TMP/hrcpu")"
    vm_check_scalars
    vm_check_row Domain-0 "$d0" "$VM_T0"
    vm_check_cpus Domain-0 "$d0"
    vm_check_devices Domain-0 "$d0"
    vm_check_row "$GUEST" "$gi" "$VM_CREATED"
    vm_check_cpus "$GUEST" "$gi"
    vm_check_devices "$GUEST" "$gi"
    h_eq "$GUEST made by xl is transient (vmPersistent)" 3 \
        "$(vv $VMT.8.$gi)"
    h_eq "GET of a missing vm" "$NOSUCH" "$(h_get $VMT.2.999999)"
}

# --- notifications
# vm_trap_re NOTIF NAME INDEX UUID OLD [PERSISTENT]: the extended regex
# of a per-VM notification as snmptrapd logs it: vmName, vmUUID (UUID as
# octets), the previous vmOperState (OLD, a regex), vmPersistent.
vm_trap_re() {
    hex=$(echo "$4" | tr -d - | tr 'a-f' 'A-F' | sed 's/\(..\)/\1 /g')
    re="$VM_NOTIF\.$1$T$VM_E\.2\.$3 = STRING: \"$2\"$T$VM_E\.3\.$3 = Hex-STRING: $hex$T$VM_E\.6\.$3 = INTEGER: ($5)"
    [ -n "${6:-}" ] && re="$re$T$VM_E\.8\.$3 = INTEGER: $6"
    printf '%s\n' "$re"
}

has_trap() { new_traps | grep -Eq "$1"; }

# vm_expect DESC NOTIF NAME INDEX UUID OLD [PERSISTENT]: that
# notification arrives after the mark, within the bound.
vm_expect() {
    desc=$1
    shift
    re=$(vm_trap_re "$@")
    if wait_for "$BOUND" has_trap "$re"; then
        H_PASS=$((H_PASS + 1))
        echo "PASS: $desc: VM-MIB notification $1, previous state $5"
    else
        H_FAIL=$((H_FAIL + 1))
        echo "FAIL: $desc: no VM-MIB notification $1 of $2 (previous $5)" \
            "within $BOUND s; traps since mark:"
        new_traps
    fi
}

# vm_count NOTIF: VM-MIB notifications NOTIF since the mark.
vm_count() {
    new_traps | grep -c "$VM_NOTIF\.$1$T"
}

# --- a defined guest, started, shut down, crashed: what an xl guest
# cannot show (a disk in the library's XML, vmShutdown of a persistent
# domain, vmCrashed with on_crash preserve).
G2=snmp2
g2_xml() { # CMDLINE-EXTRA
    cat <<XML
<domain type='xen'><name>$G2</name>
  <os><type>linux</type><kernel>/guest/vmlinuz</kernel>
    <initrd>/guest/initrd</initrd>
    <cmdline>console=hvc0 loglevel=5$1</cmdline></os>
  <memory>131072</memory><vcpu>2</vcpu>
  <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot>
  <on_crash>preserve</on_crash>
  <devices>
    <disk type='file' device='disk'><driver type='raw'/>
      <source file='$H_TMP/$G2.img'/><target dev='xvda'/></disk>
    <console/>
  </devices>
</domain>
XML
}

g2_state_is() { [ "$(vsh domstate "$G2" 2>/dev/null)" = "$1" ]; }
g2_ready() {
    id=$(xl_col "$G2" 2)
    [ -n "$id" ] &&
        [ "$(xenstore-read "/local/domain/$id/control/feature-poweroff" \
            2>/dev/null)" = 1 ]
}
g2_settled() {
    [ "$(vv $VMT.6.$i2 $VMT.13.$i2 2>/dev/null | tr '\n' ' ')" = \
        "4 $(field "$(vsh dominfo "$G2")" "Used memory" | cut -d' ' -f1) " ]
}

# vm_defined_guest: the whole life of $G2.
vm_defined_guest() {
    dd if=/dev/zero of="$H_TMP/$G2.img" bs=1048576 count=0 seek=8 2>/dev/null
    g2_xml "" >"$H_TMP/$G2.xml"
    t_true "vsh define $G2" vsh define "$H_TMP/$G2.xml"
    t_true "$G2 gets a row" wait_for "$BOUND" has_row "$G2"
    i2=$(h_index_of "$G2")
    [ -n "$i2" ] || return 1
    u2=$(vsh domuuid "$G2")
    set -- $(vv $VMT.5.$i2 $VMT.6.$i2 $VMT.8.$i2 $VMT.16.$i2)
    h_eq "$G2 defined: admin, oper, persistent, uptime" "4 11 2 0" "$*"
    vm_check_devices "$G2" "$i2"
    mark
    t0=$(uptime_cs)
    say "vsh start $G2"
    t_true "vsh start $G2" vsh start "$G2"
    vm_expect "vsh start" 1 "$G2" "$i2" "$u2" "11|8"
    t_true "$G2 kernel up" wait_for 600 g2_ready
    say "$G2 up"
    t_true "$G2: the agent's row settles to running and vsh's memory" \
        wait_for "$BOUND" g2_settled
    vm_check_row "$G2" "$i2" "$t0"
    vm_check_cpus "$G2" "$i2"
    vm_check_devices "$G2" "$i2"
    vm_shutdown_guest
    vm_crash_guest
}

# A shutdown through VIRT-MIB (virDomainShutdown: the PV protocol).  The
# in-progress state: Xen marks nothing until the guest's SCHEDOP_shutdown,
# and the driver hides a dying domain, so no read can show shutdown in
# progress (vmShuttingdown): vmShutdown comes from running.
vm_shutdown_guest() {
    mark
    h_set VIRT-MIB::virtDomainAdminState."$i2" i shutdown >/dev/null
    t_true "SET shutdown: $G2 shut off (vsh domstate)" \
        wait_for 600 g2_state_is "shut off"
    vm_expect "SET shutdown" 3 "$G2" "$i2" "$u2" 4
    say "$G2 shut down"
    h_eq "SET shutdown: no vmShuttingdown (never observable on Xen)" 0 \
        "$(vm_count 2)"
    set -- $(vv $VMT.5.$i2 $VMT.6.$i2 VIRT-MIB::virtDomainState.$i2)
    h_eq "$G2 shut off: vmAdminState, vmOperState, virtDomainState" \
        "4 11 5" "$*"
    vsh destroy "$G2" >/dev/null
}

# guest-init's selfcrash=N: the guest panics (sysrq c) N seconds after
# its init started; with on_crash preserve the domain stays, crashed.
vm_crash_guest() {
    g2_xml " selfcrash=1" >"$H_TMP/$G2.xml"
    t_true "vsh define $G2 again (selfcrash)" vsh define "$H_TMP/$G2.xml"
    mark
    say "vsh start $G2 (selfcrash)"
    t_true "vsh start $G2 (selfcrash)" vsh start "$G2"
    vm_expect "vsh start (selfcrash)" 1 "$G2" "$i2" "$u2" "11|8"
    t_true "$G2 crashed (vsh domstate)" wait_for 600 g2_state_is crashed
    say "$G2 crashed"
    vm_expect "the guest's panic" 9 "$G2" "$i2" "$u2" 4
    set -- $(vv $VMT.5.$i2 $VMT.6.$i2 VIRT-MIB::virtDomainState.$i2)
    h_eq "$G2 crashed: vmAdminState, vmOperState, virtDomainState" \
        "4 12 6" "$*"
    mark
    vsh destroy "$G2" >/dev/null
    vm_expect "vsh destroy of the crashed guest" 3 "$G2" "$i2" "$u2" 12
    mark
    vsh undefine "$G2" >/dev/null
    vm_expect "vsh undefine" 10 "$G2" "$i2" "$u2" 11 2
    t_true "vsh undefine: the row is gone" wait_for "$BOUND" no_row "$G2"
}
