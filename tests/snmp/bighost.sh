#!/bin/sh
# bighost.sh: on a host of 2,048 cpus (the node file node-big.xml),
# virtVcpuAffinity reads 256 octets and pins to any cpu, the last one
# included; a map of the old 128-octet bound is refused as wrongLength.
. "$(dirname "$0")/harness.sh"

# the same host in libvirt's format in the system build
if [ -n "$H_SYSTEM" ]; then
    AGENT_URI="test://$abs_top_srcdir/tests/libvirt/data/node-big.xml"
else
    AGENT_URI="test://$abs_top_srcdir/tests/snmp/data/node-big.xml"
fi
h_start_all

wide=$(h_index_of wide)
# octets of a virtVcpuAffinity value, read in hex
octets() {
    h_get -Ox "VIRT-MIB::virtVcpuAffinity.$wide.$1" | tr -cd '0-9A-Fa-f' |
        awk '{ print length($0) / 2 }'
}
# a map of 256 octets naming only cpu $1, in hex
map_of() {
    awk -v cpu="$1" 'BEGIN {
        for (i = 0; i < 256; i++)
            printf "%02x", (i == int(cpu / 8)) ? 2 ^ (cpu % 8) : 0
    }'
}

h_eq "virtNodeMaxCpus" 2048 "$(h_get VIRT-MIB::virtNodeMaxCpus.0)"
h_eq "the affinity of vcpu 0 reads 256 octets" 256 "$(octets 0)"
h_eq "all 2,048 cpus in it" "$(printf 'FF%.0s' $(seq 256))" \
    "$(h_get -Ox "VIRT-MIB::virtVcpuAffinity.$wide.0" | tr -cd '0-9A-Fa-f')"
h_true "pin vcpu 0 to the last cpu" \
    h_set "VIRT-MIB::virtVcpuAffinity.$wide.0" x "$(map_of 2047)"
h_eq "vcpu 0 runs on cpu 2047" 2047 "$(h_get VIRT-MIB::virtVcpuCpu."$wide".0)"
h_eq "and reads back so" "$(map_of 2047)" \
    "$(h_get -Ox "VIRT-MIB::virtVcpuAffinity.$wide.0" | tr -cd '0-9A-Fa-f' |
        tr 'A-F' 'a-f')"
h_true "pin vcpu 1 to cpu 1000" \
    h_set "VIRT-MIB::virtVcpuAffinity.$wide.1" x "$(map_of 1000)"
h_eq "vcpu 1 runs on cpu 1000" 1000 "$(h_get VIRT-MIB::virtVcpuCpu."$wide".1)"
h_set_error wrongLength "VIRT-MIB::virtVcpuAffinity.$wide.1" x \
    "$(map_of 3 | cut -c1-256)"
h_eq "the refused map changed nothing" 1000 \
    "$(h_get VIRT-MIB::virtVcpuCpu."$wide".1)"

h_summary
