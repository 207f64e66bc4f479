#!/bin/sh
# dlmod.sh: VIRT-MIB inside the stock snmpd (agent/dlmod.c, loaded with
# "dlmod virtmib virtmib.so", virtmib-libvirt.so in the build on the
# system's libvirt, on host.sh's H_URI): it serves the same table, a SET takes
# effect before the next request, the notification reaches snmptrapd,
# bad SETs get their error, and the index state file is written.
# VM-MIB (RFC 7666) is served by the same module: a few objects by
# numeric OID against VIRT-MIB's of the same snapshot, and its vmPaused.
# snmpd's own reload (SIGHUP) unloads the module and loads it again: the
# virt* lines are read again (a new virtReadOnly applies, virtViews virt
# takes VM-MIB away), indexes stay, and nothing is said on snmpd's stderr.
. "$(dirname "$0")/harness.sh"

so=$abs_top_builddir/agent/.libs/${VIRTMIB_DLMOD:-$H_DLMOD}.so
[ -f "$so" ] || h_skip_or_fail "$so is not built"

# A sanitizer build of the module needs its runtimes loaded first, since
# snmpd itself is not instrumented; snmpd's own leaks are not ours.
H_SNMPD_ENV=
if [ -n "${SAN_CFLAGS:-}" ]; then
    H_SNMPD_ENV="env LD_PRELOAD=$(${CC:-cc} -print-file-name=libasan.so):$(${CC:-cc} -print-file-name=libubsan.so) ASAN_OPTIONS=detect_leaks=0"
fi

h_setup
# what the module's library says on snmpd's stderr (libvirt's warnings)
H_SNMPD_ERR=$H_TMP/snmpd.stderr
h_start_trapd || exit 1
H_SNMPD_EXTRA="dlmod virtmib $so
virtURI $H_URI
virtStateFile $STATE
virtPollInterval 1"
h_start_snmpd || exit 1

web1=$(h_index_of web1)
h_true "web1 has a row" test -n "$web1"
h_eq "web1's name" web1 "$(h_get VIRT-MIB::virtDomainName."$web1")"
h_eq "web1 is running" "running" \
    "$(h_get VIRT-MIB::virtDomainState."$web1")"
h_eq "node type" "$H_NODE_TYPE" "$(h_get VIRT-MIB::virtNodeHypervisorType.0)"

h_set VIRT-MIB::virtDomainAdminState."$web1" i paused >/dev/null
h_eq "pause SET answered" 0 "$?"
h_eq "web1 paused at once" "paused" \
    "$(h_get VIRT-MIB::virtDomainState."$web1")"
h_true "virtDomainPaused reached snmptrapd" \
    h_wait_log "$TRAPLOG" "virtDomainPaused"
h_set_error wrongValue VIRT-MIB::virtDomainAdminState."$web1" i 99
# a SET the host refuses: the pause of libvir's Domain-0; libvirt's test
# driver has no such domain, and refuses a new maximum memory of a
# domain that is not shut off
if [ -n "$H_DOM0" ]; then
    dom0=$(h_index_of "$H_DOM0")
    h_set_error inconsistentValue VIRT-MIB::virtDomainAdminState."$dom0" i 2
else
    h_set_error inconsistentValue VIRT-MIB::virtDomainMaxMemory."$web1" u 64
fi
h_eq "web1 still paused" "paused" \
    "$(h_get VIRT-MIB::virtDomainState."$web1")"
h_true "index state file written" test -s "$STATE"

# --- VM-MIB from the same module, by numeric OID ----------------------
VM=1.3.6.1.2.1.236
VMT=$VM.1.4.1
T=$(printf '\t')
v() {
    h_get -On -OU -Oe "$@"
}
h_eq "vmHvSoftware = virtNodeHypervisorType" \
    "$(h_get VIRT-MIB::virtNodeHypervisorType.0)" \
    "$(h_get $VM.1.1.1.0 | tr -d '"')"
set -- $(v VIRT-MIB::virtNodeActiveDomains.0 \
    VIRT-MIB::virtNodeDefinedDomains.0 $VM.1.2.0)
h_eq "vmNumber = active + defined domains" $(($1 + $2)) "$3"
h_eq "vmName of web1's index" "\"web1\"" "$(h_get $VMT.2.$web1)"
h_eq "vmUUID = virtDomainUuid" "$(h_get -Ox VIRT-MIB::virtDomainUuid.$web1)" \
    "$(h_get -Ox $VMT.3.$web1)"
# one request, one snapshot: the two times of a running domain agree
tick=$(h_index_of "$H_TICK")
set -- $(v VIRT-MIB::virtDomainCpuTime.$tick $VMT.17.$tick $VMT.6.$web1)
h_eq "vmCpuTime of $H_TICK = virtDomainCpuTime / 1000" $(($1 / 1000)) "$2"
h_eq "vmOperState of web1 paused" 8 "$3"
h_eq "vmCpuTable rows = virtVcpuTable's" \
    "$(h_walk -On VIRT-MIB::virtVcpuCpuTime | grep -c Counter64)" \
    "$(h_walk -On $VM.1.5.1.2 | grep -c Counter64)"
hex=$(h_get VIRT-MIB::virtDomainUuidString.$web1 | tr -d '"-' |
    tr 'a-f' 'A-F' | sed 's/\(..\)/\1 /g')
h_true "vmPaused of web1, previous state running(4), reached snmptrapd" \
    h_wait_log "$TRAPLOG" "mib-2\.236\.0\.4${T}.*mib-2\.236\.1\.4\.1\.3\.$web1 = Hex-STRING: $hex${T}SNMPv2-SMI::mib-2\.236\.1\.4\.1\.6\.$web1 = INTEGER: 4"
h_true "snmpd logged the module's start" \
    grep -q "virtmib: VIRT-MIB in snmpd" "$SNMPDLOG"

# --- snmpd's SIGHUP -----------------------------------------------------
# reload LINE: appends LINE to snmpd.conf, sends SIGHUP, and waits (up to
# 10 s) until the module logged one more start.
reload() {
    n=$(($(grep -c 'virtmib: VIRT-MIB in snmpd' "$SNMPDLOG") + 1))
    echo "$1" >>"$H_TMP/snmpd.conf"
    kill -HUP "$SNMPD_PID"
    i=0
    while [ $i -lt 100 ] &&
        [ "$(grep -c 'virtmib: VIRT-MIB in snmpd' "$SNMPDLOG")" -lt $n ]; do
        sleep 0.1
        i=$((i + 1))
    done
    h_eq "SIGHUP ($1): the module started again" $n \
        "$(grep -c 'virtmib: VIRT-MIB in snmpd' "$SNMPDLOG")"
}
reload "virtReadOnly yes"
h_true "SIGHUP: snmpd is still up" kill -0 "$SNMPD_PID"
h_eq "SIGHUP: web1 keeps its index" "$web1" "$(h_index_of web1)"
h_set_error notWritable VIRT-MIB::virtDomainAdminState."$web1" i 1
h_eq "SIGHUP: VM-MIB still served" "\"web1\"" "$(h_get $VMT.2.$web1)"

reload "virtViews virt"
h_eq "virtViews virt: no vmHvSoftware" \
    "No Such Object available on this agent at this OID" \
    "$(h_get $VM.1.1.1.0)"
h_eq "virtViews virt: nothing under 236" "" \
    "$(h_walk -On $VM | grep "^\.$VM\.")"
h_eq "virtViews virt: VIRT-MIB still served" web1 \
    "$(h_get VIRT-MIB::virtDomainName."$web1")"

# the reload lends snmpd's loop to the library once: libvirt refuses a
# second lending ("Ignoring attempt to replace registered event loop")
# and would keep calling into the unloaded module
h_eq "snmpd's stderr is empty" "" "$(cat "$H_SNMPD_ERR")"
h_summary
