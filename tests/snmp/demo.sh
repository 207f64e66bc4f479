#!/bin/sh
# demo.sh: the SNMP half of the README's quick start.
#
# Starts a private snmpd master (its own config, a random free port on
# 127.0.0.1, its AgentX socket in a temp dir; never the system's snmpd),
# snmptrapd on another loopback port, and virtmibd on test:///default;
# walks VIRT-MIB, pauses a domain with snmpset and shows the notification
# that snmptrapd caught.  Everything is stopped and removed on exit.
#
# usage: tests/snmp/demo.sh [BUILDDIR]
# BUILDDIR is the build tree (default: abs_top_builddir, else the source
# tree), for example _build of the quick start.
if [ $# -ge 1 ]; then
    abs_top_builddir=$(cd "$1" && pwd) || exit 1
fi
. "$(dirname "$0")/harness.sh"

h_start_all

say() {
    printf '\n$ %s\n' "$*"
}

echo "snmpd (AgentX master) on udp:127.0.0.1:$PORT, socket $SOCK"
echo "snmptrapd on udp:127.0.0.1:$TRAPPORT; virtmibd on test:///default"

say snmpwalk -v2c -c public 127.0.0.1:$PORT VIRT-MIB::virtMIB
snmpwalk -v2c -c public "127.0.0.1:$PORT" VIRT-MIB::virtMIB

web1=$(h_index_of web1)
say snmpset -v2c -c private 127.0.0.1:$PORT \
    VIRT-MIB::virtDomainAdminState.$web1 i paused
h_set VIRT-MIB::virtDomainAdminState."$web1" i paused

say snmpget -v2c -c public 127.0.0.1:$PORT VIRT-MIB::virtDomainState.$web1
snmpget -v2c -c public "127.0.0.1:$PORT" VIRT-MIB::virtDomainState."$web1"

echo
echo "snmptrapd caught:"
if h_wait_log "$TRAPLOG" 'virtDomainPaused'; then
    grep 'virtDomainPaused' "$TRAPLOG" | sed 's/^TRAP //' | tr '\t' '\n' |
        sed 's/^/  /'
else
    echo "no notification arrived; snmpd's log:" >&2
    cat "$SNMPDLOG" >&2
    exit 1
fi
