#!/bin/sh
# vmdevices.sh: VM-MIB's vmStorageTable and vmNetworkTable, by numeric
# OID, against the domain XML vsh (or virsh, on the system's libvirt)
# dumps for the same host: on a node file with a raw and a qcow2 image, a
# block device and a read-only cdrom, and interfaces with and without a
# target (one on "lo", whose vmNetworkIfIndex must be the ifIndex the
# same snmpd's IF-MIB gives "lo"); then on test:///default, every
# domain's rows against its XML.  On libvirt, virsh's domblklist and
# domiflist of the same URI are compared as well.
. "$(dirname "$0")/harness.sh"

VSH=$H_TOOL
VM_STORAGE=1.3.6.1.2.1.236.1.7.1
VM_NETWORK=1.3.6.1.2.1.236.1.8.1
IF_DESCR=1.3.6.1.2.1.2.2.1.2
MIB=1048576
[ -x "$VSH" ] || h_skip_or_fail "$VSH was not built"

h_setup

# --- the node file and its images, in the temp dir
RAW=$H_TMP/raw.img
QCOW=$H_TMP/guest.qcow2
QCOW_GUEST=10737418240 # 10 GiB, written big-endian at offset 24
printf 'x' >"$RAW"
truncate -s 3145729 "$RAW"
printf 'QFI\373\000\000\000\003' >"$QCOW"
printf '\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000' \
    >>"$QCOW"
printf '\000\000\000\002\200\000\000\000' >>"$QCOW"
truncate -s 65536 "$QCOW"
# the one domain's devices (libvirt's driver names are its own)
if [ -n "$H_SYSTEM" ]; then
    DRV_RAW=qemu DRV_QCOW=qemu
else
    DRV_RAW=file DRV_QCOW=tap
fi
cat >"$H_TMP/devices.xml" <<EOF
    <devices>
      <disk type='file' device='disk'>
        <driver name='$DRV_RAW' type='raw'/>
        <source file='$RAW'/><target dev='hda'/>
      </disk>
      <disk type='file' device='disk'>
        <driver name='$DRV_QCOW' type='qcow2'/>
        <source file='$QCOW'/><target dev='sda'/>
      </disk>
      <disk type='block' device='disk'>
        <source dev='/dev/null'/><target dev='xvdc'/>
      </disk>
      <disk type='file' device='cdrom'>
        <source file='$H_TMP/none.iso'/><target dev='hdc'/><readonly/>
      </disk>
      <interface type='ethernet'>
        <mac address='00:16:3e:00:00:0a'/><target dev='lo'/>
      </interface>
      <interface type='bridge'>
        <mac address='00:16:3e:00:00:0b'/><source bridge='lo'/>
      </interface>
      <interface type='ethernet'>
        <mac address='00:16:3e:00:00:0c'/><target dev='vif99.0'/>
      </interface>
    </devices>
EOF
# store1 in the library's node-file format (libvirt: its test driver's,
# with a uuid, which libvirt would otherwise draw for each connection)
if [ -n "$H_SYSTEM" ]; then
    cat >"$H_TMP/node.xml" <<EOF
<node>
  <cpu><mhz>1000</mhz><model>devices</model><active>2</active>
    <nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads>
  </cpu>
  <memory>4194304</memory>
  <domain type='test'>
    <name>store1</name>
    <uuid>11111111-2222-3333-4444-0000000000d1</uuid>
    <os><type>hvm</type></os>
    <memory>262144</memory>
$(cat "$H_TMP/devices.xml")
  </domain>
</node>
EOF
else
    cat >"$H_TMP/node.xml" <<EOF
<node>
  <cpu model='devices' mhz='1000' nodes='1' sockets='1' cores='2' threads='1'/>
  <memory>4194304</memory>
  <domain type='xen'>
    <name>store1</name>
    <os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader></os>
    <memory>262144</memory>
$(cat "$H_TMP/devices.xml")
  </domain>
</node>
EOF
fi
NODE_URI=test://$H_TMP/node.xml
AGENT_URI=$NODE_URI
h_start_trapd || exit 1
h_start_snmpd || exit 1
h_start_agent || exit 1

# v OID: the value of a numeric OID, strings unquoted, VM-MIB unloaded
v() {
    MIBS=SNMPv2-MIB h_get "$1" 2>/dev/null | sed 's/^"\(.*\)"$/\1/'
}

# The disks and interfaces of a domain's XML, one line each:
# "type device driver-type source target readonly bus", "-" for what is
# absent; "mac target bridge".
xml_line() { # the domain's XML as one line, newline-terminated
    "$VSH" -c "$1" dumpxml "$2" | tr -d '\n'
    echo
}
dash() {
    echo "${1:--}"
}
disks_of() {
    xml_line "$1" "$2" | sed 's/<disk /\n<disk /g' |
        sed -n 's/^<disk \(.*\)<\/disk>.*/\1/p' | while read -r d; do
        attr() {
            printf '%s\n' "$d" | sed -n "s/.*<$1 [^>]*$2='\([^']*\)'.*/\1/p"
        }
        head=$(printf '%s\n' "$d" | sed 's/>.*//')
        type=$(printf '%s\n' "$head" | sed -n "s/.*type='\([^']*\)'.*/\1/p")
        dev=$(printf '%s\n' "$head" | sed -n "s/.*device='\([^']*\)'.*/\1/p")
        src=$(attr source file)
        [ -n "$src" ] || src=$(attr source dev)
        ro=no
        case $d in *"<readonly/>"*) ro=yes ;; esac
        echo "${type:-file} ${dev:-disk} $(dash "$(attr driver type)")" \
            "$(dash "$src") $(dash "$(attr target dev)") $ro" \
            "$(dash "$(attr target bus)")"
    done
}

ifaces_of() {
    xml_line "$1" "$2" | sed 's/<interface /\n<interface /g' |
        sed -n 's/^<interface \(.*\)<\/interface>.*/\1/p' | while read -r i; do
        attr() {
            printf '%s\n' "$i" | sed -n "s/.*<$1 [^>]*$2='\([^']*\)'.*/\1/p"
        }
        echo "$(dash "$(attr mac address)") $(dash "$(attr target dev)")" \
            "$(dash "$(attr source bridge)")"
    done
}

# The VM-MIB values the XML implies (docs/vm-mib.md's mapping).
source_type() { # type format
    case $1 in
    block) echo 3 ;;
    network) echo 6 ;;
    file) case $2 in
        "" | raw | aio) echo 4 ;;
        qcow | qcow2 | qed | vhd | vpc | vmdk | vdi | cow) echo 5 ;;
        *) echo 2 ;;
        esac ;;
    *) echo 2 ;;
    esac
}
media_type() {
    case $1 in disk) echo 3 ;; cdrom) echo 4 ;; floppy) echo 5 ;; *) echo 1 ;; esac
}
bus_of() {
    case $1 in
    xvd*) echo xen ;; vd*) echo virtio ;; sd*) echo scsi ;; hd*) echo ide ;;
    fd*) echo fdc ;; *) echo "" ;;
    esac
}
mib_up() { # bytes -> MiB, rounded up
    echo $((($1 + MIB - 1) / MIB))
}
# The ifIndex IF-MIB gives interface $1 in the same snmpd, or 0.
if_index_of() {
    MIBS=SNMPv2-MIB h_walk -On -Oq "$IF_DESCR" 2>/dev/null |
        awk -v n="$1" '{ v = $2; gsub(/"/, "", v) } v == n {
            sub(/.*\./, "", $1); print $1; found = 1 }
            END { if (!found) print 0 }'
}
rows_of() { # table column vmindex: how many rows the walk gives
    MIBS=SNMPv2-MIB h_walk -On -Oq "$1.$2.$3" 2>/dev/null | grep -c "^\.$1\.$2\.$3\."
}

# check_disks URI NAME: every disk of the domain's XML, row by row
check_disks() {
    idx=$(h_index_of "$2")
    h_true "$2 has a vmIndex" test -n "$idx" || return
    n=0
    disks_of "$1" "$2" >"$H_TMP/disks"
    while read -r type dev fmt src target ro bus; do
        [ "$src" = - ] && src=
        [ "$fmt" = - ] && fmt=
        # the target's bus, else the one its name implies (libvirt's rule)
        [ "$bus" = - ] && bus=$(bus_of "$target")
        n=$((n + 1))
        row=$idx.$n
        h_eq "$2 disk $n source type" "$(source_type "$type" "$fmt")" \
            "$(v $VM_STORAGE.4.$row)"
        h_eq "$2 disk $n format" "$fmt" "$(v $VM_STORAGE.5.$row)"
        h_eq "$2 disk $n resource id" "$src" "$(v $VM_STORAGE.6.$row)"
        want=2
        [ "$ro" = yes ] && want=3
        h_eq "$2 disk $n access" "$want" "$(v $VM_STORAGE.7.$row)"
        h_eq "$2 disk $n media" "$(media_type "$dev")" \
            "$(v $VM_STORAGE.8.$row)"
        h_eq "$2 disk $n bus" "$bus" "$(v $VM_STORAGE.9.$row)"
        h_eq "$2 disk $n size unit" $MIB "$(v $VM_STORAGE.10.$row)"
        h_eq "$2 disk $n parent" 0 "$(v $VM_STORAGE.3.$row)"
        for col in 13 14 15 16 17 18; do
            h_eq "$2 disk $n counter $col (unknown)" 0 \
                "$(v $VM_STORAGE.$col.$row)"
        done
    done <"$H_TMP/disks"
    h_eq "$2 disk rows" "$n" "$(rows_of $VM_STORAGE 4 "$idx")"
    h_eq "$2 no disk $((n + 1))" "No Such Instance currently exists at this OID" \
        "$(v $VM_STORAGE.4.$idx.$((n + 1)))"
}

# check_ifaces URI NAME MODEL: every interface of the domain's XML
check_ifaces() {
    idx=$(h_index_of "$2")
    n=0
    ifaces_of "$1" "$2" >"$H_TMP/ifaces"
    while read -r mac target bridge; do
        [ "$target" = - ] && target=
        [ "$bridge" = - ] && bridge=
        n=$((n + 1))
        row=$idx.$n
        want=0
        [ -n "$target" ] && want=$(if_index_of "$target")
        h_eq "$2 interface $n ifIndex" "$want" "$(v $VM_NETWORK.2.$row)"
        want=0
        [ -n "$bridge" ] && want=$(if_index_of "$bridge")
        h_eq "$2 interface $n parent" "$want" "$(v $VM_NETWORK.3.$row)"
        h_eq "$2 interface $n model" "$3" "$(v $VM_NETWORK.4.$row)"
        got=$(MIBS=SNMPv2-MIB h_get -Ox $VM_NETWORK.5.$row | tr -d ' "\n' |
            tr 'A-F' 'a-f')
        h_eq "$2 interface $n MAC" "$(printf '%s' "$mac" | tr -d :)" "$got"
    done <"$H_TMP/ifaces"
    h_eq "$2 interface rows" "$n" "$(rows_of $VM_NETWORK 2 "$idx")"
}

# On libvirt, virsh's own lists of the domain's devices, row by row
# (the header and its rule, then "Type Device Target Source" and
# "Interface Type Source Model MAC"; "-" for what is absent).
virsh_rows() { # URI NAME COMMAND [OPTIONS...]
    uri=$1 dom=$2 cmd=$3
    shift 3
    "$VSH" -c "$uri" "$cmd" "$dom" "$@" | tail -n +3 | awk 'NF'
}
check_blklist() { # URI NAME
    idx=$(h_index_of "$2")
    n=0
    virsh_rows "$1" "$2" domblklist --details >"$H_TMP/blklist"
    while read -r type dev target src; do
        [ "$src" = - ] && src=
        n=$((n + 1))
        h_eq "$2 domblklist $n ($target) resource id" "$src" \
            "$(v $VM_STORAGE.6.$idx.$n)"
        h_eq "$2 domblklist $n ($target) media" "$(media_type "$dev")" \
            "$(v $VM_STORAGE.8.$idx.$n)"
        h_eq "$2 domblklist $n ($target) file or block" "$type" \
            "$(case $(v $VM_STORAGE.4.$idx.$n) in 3) echo block ;;
                4 | 5) echo file ;; *) echo other ;; esac)"
    done <"$H_TMP/blklist"
    h_eq "$2 domblklist rows" "$n" "$(rows_of $VM_STORAGE 4 "$idx")"
}
check_iflist() { # URI NAME
    idx=$(h_index_of "$2")
    n=0
    virsh_rows "$1" "$2" domiflist >"$H_TMP/iflist"
    while read -r dev _ _ model mac; do
        [ "$model" = - ] && model=
        n=$((n + 1))
        want=0
        [ "$dev" = - ] || want=$(if_index_of "$dev")
        h_eq "$2 domiflist $n ($dev) ifIndex" "$want" \
            "$(v $VM_NETWORK.2.$idx.$n)"
        h_eq "$2 domiflist $n ($dev) model" "$model" \
            "$(v $VM_NETWORK.4.$idx.$n)"
        got=$(MIBS=SNMPv2-MIB h_get -Ox $VM_NETWORK.5.$idx.$n |
            tr -d ' "\n' | tr 'A-F' 'a-f')
        h_eq "$2 domiflist $n ($dev) MAC" "$(printf '%s' "$mac" | tr -d :)" \
            "$got"
    done <"$H_TMP/iflist"
    h_eq "$2 domiflist rows" "$n" "$(rows_of $VM_NETWORK 2 "$idx")"
}

# --- the node file
check_disks "$NODE_URI" store1
check_ifaces "$NODE_URI" store1 ""
if [ -n "$H_SYSTEM" ]; then
    check_blklist "$NODE_URI" store1
    check_iflist "$NODE_URI" store1
fi
idx=$(h_index_of store1)
lo=$(if_index_of lo)
h_true "IF-MIB serves lo" test "$lo" -gt 0
h_eq "interface on lo is IF-MIB's lo" "$lo" "$(v $VM_NETWORK.2.$idx.1)"
h_eq "bridge lo is IF-MIB's lo" "$lo" "$(v $VM_NETWORK.3.$idx.2)"
h_eq "absent vif99.0 is 0" 0 "$(v $VM_NETWORK.2.$idx.3)"
# sizes: the raw image's length, the qcow2 header's guest size and the
# blocks the qcow2 file holds, in MiB rounded up; unknown elsewhere
raw=$(stat -c %s "$RAW")
h_eq "raw defined size" "$(mib_up "$raw")" "$(v $VM_STORAGE.11.$idx.1)"
h_eq "raw allocated size" "$(mib_up "$raw")" "$(v $VM_STORAGE.12.$idx.1)"
guest=$(od -An -tu1 -j24 -N8 "$QCOW" |
    awk '{ for (i = 1; i <= NF; i++) s = s * 256 + $i } END { printf "%.0f", s }')
h_eq "qcow2 header as written" "$QCOW_GUEST" "$guest"
h_eq "qcow2 defined size" "$(mib_up "$guest")" "$(v $VM_STORAGE.11.$idx.2)"
alloc=$(($(stat -c %b "$QCOW") * $(stat -c %B "$QCOW")))
h_eq "qcow2 allocated size" "$(mib_up "$alloc")" "$(v $VM_STORAGE.12.$idx.2)"
h_eq "block device size unknown" -1 "$(v $VM_STORAGE.11.$idx.3)"
h_eq "missing image size unknown" -1 "$(v $VM_STORAGE.12.$idx.4)"
h_eq "no such domain" "No Such Instance currently exists at this OID" \
    "$(v $VM_STORAGE.4.$((idx + 1000)).1)"
h_stop_agent
h_eq "virtmibd exits 0 on the node file" 0 "$?"

# --- test:///default: every domain, with the VIRT-MIB index of its name
AGENT_URI=test:///default
rm -f "$STATE"
h_start_agent || exit 1
for name in $("$VSH" -c test:///default list --all | tail -n +3 |
    awk 'NF { print $2 }'); do
    check_disks test:///default "$name"
    os=$("$VSH" -c test:///default dumpxml "$name" |
        sed -n 's/.*<type[^>]*>\(.*\)<\/type>.*/\1/p')
    model=
    [ "$os" = linux ] && model=netfront
    check_ifaces test:///default "$name" "$model"
    if [ -n "$H_SYSTEM" ]; then
        check_blklist test:///default "$name"
        check_iflist test:///default "$name"
    fi
done
h_summary
