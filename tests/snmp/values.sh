#!/bin/sh
# values.sh: every VIRT-MIB object served through a private snmpd agrees
# with what the host's tool (H_TOOL: vsh, or virsh on the system's
# libvirt) reports for the same host (H_URI, host.sh); GETNEXT
# visits every row once, in index order; GET of what does not exist
# answers noSuchObject/noSuchInstance.
. "$(dirname "$0")/harness.sh"

VSH=$H_TOOL
h_start_all

# --- node: the tool's nodeinfo against the virtNode scalars
[ -x "$VSH" ] || h_skip_or_fail "${VSH:-virsh} is not there"
ni=$("$VSH" -c "$H_URI" nodeinfo)
field() {
    printf '%s\n' "$ni" | sed -n "s/^$1: *//p" | awk '{ print $1 }'
}
model=$(printf '%s\n' "$ni" | sed -n 's/^CPU model: *//p')
h_eq "cpu model" "$model" "$(h_get VIRT-MIB::virtNodeCpuModel.0)"
h_eq "cpus" "$(field 'CPU(s)')" "$(h_get -OU VIRT-MIB::virtNodeCpus.0)"
h_eq "mhz" "$(field 'CPU frequency')" "$(h_get -OU VIRT-MIB::virtNodeMhz.0)"
h_eq "sockets" "$(field 'CPU socket(s)')" "$(h_get VIRT-MIB::virtNodeSockets.0)"
h_eq "cores" "$(field 'Core(s) per socket')" "$(h_get VIRT-MIB::virtNodeCores.0)"
h_eq "threads" "$(field 'Thread(s) per core')" \
    "$(h_get VIRT-MIB::virtNodeThreads.0)"
h_eq "numa nodes" "$(field 'NUMA cell(s)')" \
    "$(h_get VIRT-MIB::virtNodeNumaNodes.0)"
kib=$(field 'Memory size')
h_eq "node memory (MiB)" "$((kib / 1024))" \
    "$(h_get -OU VIRT-MIB::virtNodeMemory.0)"
max=$(($(field 'NUMA cell(s)') * $(field 'CPU socket(s)') * \
    $(field 'Core(s) per socket') * $(field 'Thread(s) per core')))
h_eq "max cpus" "$max" "$(h_get VIRT-MIB::virtNodeMaxCpus.0)"

ver=$("$VSH" -c "$H_URI" version)
h_eq "hypervisor type is the host's" "$H_NODE_TYPE" \
    "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"
hvtype=$(printf '%s\n' "$ver" | sed -n 's/^Using API: \([^ ]*\) .*/\1/p')
h_eq "hypervisor type" "$hvtype" \
    "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"
hvver=$(printf '%s\n' "$ver" | sed -n 's/^Running hypervisor: [^ ]* //p' |
    awk -F. '{ print $1 * 1000000 + $2 * 1000 + $3 }')
h_eq "hypervisor version" "$hvver" \
    "$(h_get VIRT-MIB::virtNodeHypervisorVersion.0)"
libver=$(printf '%s\n' "$ver" | sed -n "s/^Using library: $H_LIBRARY //p" |
    awk -F. '{ print $1 * 1000000 + $2 * 1000 + $3 }')
h_eq "library version" "$libver" "$(h_get VIRT-MIB::virtNodeLibraryVersion.0)"

list=$("$VSH" -c "$H_URI" list --all | tail -n +3 | sed '/^$/d')
nactive=$(printf '%s\n' "$list" | awk '$1 != "-"' | wc -l)
ninactive=$(printf '%s\n' "$list" | awk '$1 == "-"' | wc -l)
h_eq "active domains" "$nactive" "$(h_get VIRT-MIB::virtNodeActiveDomains.0)"
h_eq "defined domains" "$ninactive" \
    "$(h_get VIRT-MIB::virtNodeDefinedDomains.0)"
h_eq "notifications enabled" "true" \
    "$(h_get VIRT-MIB::virtNodeNotificationsEnabled.0)"
h_eq "not stale" "false" "$(h_get VIRT-MIB::virtNodeStale.0)"

# --- domains: vsh dominfo against each row
state_name() {
    case "$1" in
    "running") echo running ;;
    "blocked") echo blocked ;;
    "paused") echo paused ;;
    "in shutdown") echo shutdown ;;
    "shut off") echo shutoff ;;
    "crashed") echo crashed ;;
    *) echo nostate ;;
    esac
}
for name in $(printf '%s\n' "$list" | awk '{ print $2 }'); do
    idx=$(h_index_of "$name")
    h_true "domain $name has a row" test -n "$idx"
    [ -n "$idx" ] || continue
    di=$("$VSH" -c "$H_URI" dominfo "$name")
    dfield() {
        printf '%s\n' "$di" | sed -n "s/^$1: *//p"
    }
    uuid=$(dfield UUID)
    h_eq "$name uuid" "$uuid" "$(h_get VIRT-MIB::virtDomainUuidString.$idx)"
    raw=$(h_get -Ox VIRT-MIB::virtDomainUuid."$idx" | tr -d ' "\n' |
        tr 'A-F' 'a-f')
    h_eq "$name raw uuid" "$(printf '%s' "$uuid" | tr -d -)" "$raw"
    h_eq "$name os type" "$(dfield 'OS Type')" \
        "$(h_get VIRT-MIB::virtDomainOSType.$idx)"
    id=$(dfield Id)
    [ "$id" = "-" ] && id=-1
    h_eq "$name id" "$id" "$(h_get VIRT-MIB::virtDomainId.$idx)"
    st=$(state_name "$(dfield State)")
    h_eq "$name state" "$st" "$(h_get VIRT-MIB::virtDomainState.$idx)"
    case "$st" in
    paused) admin=paused ;;
    shutoff | shutdown | crashed) admin=shutdown ;;
    *) admin=running ;;
    esac
    h_eq "$name admin state" "$admin" \
        "$(h_get VIRT-MIB::virtDomainAdminState.$idx)"
    h_eq "$name vcpus" "$(dfield 'CPU(s)')" \
        "$(h_get VIRT-MIB::virtDomainVcpus.$idx)"
    mk=$(dfield 'Max memory' | awk '{ print $1 }')
    h_eq "$name max memory" "$((mk / 1024))" \
        "$(h_get -OU VIRT-MIB::virtDomainMaxMemory.$idx)"
    uk=$(dfield 'Used memory' | awk '{ print $1 }')
    h_eq "$name memory" "$((uk / 1024))" \
        "$(h_get -OU VIRT-MIB::virtDomainMemory.$idx)"
    # inactive domains have no vcpu rows
    if [ "$id" = -1 ]; then
        h_eq "$name has no vcpu rows" 0 \
            "$(h_walk -Oq VIRT-MIB::virtVcpuCpu."$idx" |
                grep -c '^VIRT-MIB::virtVcpuCpu\.[0-9]*\.[0-9]')"
        continue
    fi
    # vcpus of active domains: count, physical cpu, state
    vi=$("$VSH" -c "$H_URI" vcpuinfo "$name")
    n=$(printf '%s\n' "$vi" | grep -c '^VCPU:')
    rows=$(h_walk -Oq VIRT-MIB::virtVcpuCpu."$idx" | wc -l)
    h_eq "$name vcpu rows" "$n" "$rows"
    cpus=$(printf '%s\n' "$vi" | sed -n 's/^CPU: *//p' | tr '\n' ' ')
    got=$(h_walk -Oqv VIRT-MIB::virtVcpuCpu."$idx" | tr '\n' ' ')
    h_eq "$name vcpu placement" "$cpus" "$got"
    states=$(printf '%s\n' "$vi" | sed -n 's/^State: *//p' | tr '\n' ' ')
    got=$(h_walk -Oqv VIRT-MIB::virtVcpuState."$idx" | tr '\n' ' ')
    h_eq "$name vcpu states" "$states" "$got"
done

# --- cpumaps: all of the host's cpus usable, in libvirt byte order (16
# cpus: FF FF)
all=$(awk -v n="$max" 'BEGIN {
    for (i = 0; i < n; i += 8) printf "%02X ", (n - i >= 8) ? 255 : 2 ^ (n - i) - 1 }')
h_eq "affinity of web1 vcpu 0" "\"$all\"" \
    "$(h_get -Ox VIRT-MIB::virtVcpuAffinity."$(h_index_of web1)".0)"

# --- GETNEXT: every row once, in order; from index 0 to the first row
idxs=$(h_walk -Oq VIRT-MIB::virtDomainName | sed 's/^[^.]*\.\([0-9]*\) .*/\1/')
h_eq "rows walked" "$(printf '%s\n' "$list" | wc -l)" \
    "$(printf '%s\n' "$idxs" | wc -l)"
h_eq "rows in index order, once" "$(printf '%s\n' "$idxs" | sort -n -u)" \
    "$idxs"
first=$(printf '%s\n' "$idxs" | head -n 1)
next=$(snmpgetnext -v2c -c public -Oq -Ir "127.0.0.1:$PORT" \
    VIRT-MIB::virtDomainName.0 | awk '{ print $1 }')
h_eq "getnext from index 0" "VIRT-MIB::virtDomainName.$first" "$next"
last=$(printf '%s\n' "$idxs" | tail -n 1)
next=$(snmpgetnext -v2c -c public -Oq "127.0.0.1:$PORT" \
    VIRT-MIB::virtDomainName."$last" | awk '{ print $1 }')
h_eq "getnext past the last row" "VIRT-MIB::virtDomainId.$first" "$next"
cols=$(h_walk -Oq VIRT-MIB::virtDomainTable | wc -l)
h_eq "table cells" "$((12 * $(printf '%s\n' "$idxs" | wc -l)))" "$cols"

# --- GET of what is not there
h_eq "missing row" "No Such Instance currently exists at this OID" \
    "$(h_get VIRT-MIB::virtDomainName.9999)"
# (through AgentX, net-snmp's master reports both as noSuchInstance)
nosuch() {
    h_get "$1" | grep -q '^No Such'
}
h_true "index column is not readable" nosuch VIRT-MIB::virtDomainIndex."$first"
h_true "unknown column" nosuch VIRT-MIB::virtDomainEntry.99."$first"
h_eq "scalar without .0" "No Such Instance currently exists at this OID" \
    "$(h_get VIRT-MIB::virtNodeCpus.1)"

# --- cpu time grows for a running domain (Counter64, ns)
web1=$(h_index_of web1)
t1=$(h_get -OU VIRT-MIB::virtDomainCpuTime."$web1")
moved() {
    [ "$(h_get -OU VIRT-MIB::virtDomainCpuTime."$web1")" != "$t1" ]
}
h_wait_until "$(h_poll_bound)" moved
t2=$(h_get -OU VIRT-MIB::virtDomainCpuTime."$web1")
h_true "cpu time grows ($t1 -> $t2)" test "$t2" -gt "$t1"

h_summary
