#!/bin/sh
# demo.sh: the SNMP half of the README's quick start.
#
# Starts a private snmpd master (its own config, a random free port on
# 127.0.0.1, its AgentX socket in a temp dir; never the system's snmpd),
# snmptrapd on another loopback port, and virtmibd on test:///default.
# The master is set up the way etc/snmpd.conf.virtmib sets up a host:
# the community "public" only reads, and the one writer is an SNMPv3
# user that the demo creates (authPriv: SHA-512 and AES-256, passphrases
# drawn for this run).  The demo walks VIRT-MIB, tries to pause a domain
# over SNMPv2c and shows that snmpd refuses it (and that the domain still
# runs), pauses it over SNMPv3 authPriv, and shows the notification that
# snmptrapd caught.  Everything is stopped and removed on exit.
#
# Exits 0 only when each step did what it shows: a v2c SET accepted, a
# v3 SET refused or a notification missing ends the demo with 1.
#
# usage: tests/snmp/demo.sh [BUILDDIR]
# BUILDDIR is the build tree (default: abs_top_builddir, else the source
# tree), for example _build of the quick start.
if [ $# -ge 1 ]; then
    abs_top_builddir=$(cd "$1" && pwd) || exit 1
fi
H_V3=1
. "$(dirname "$0")/harness.sh"

say() {
    printf '\n$ %s\n' "$*"
}

die() {
    printf 'demo: %s\n' "$*" >&2
    exit 1
}

# show_state: the state of web1, as read over SNMPv2c.
show_state() {
    say snmpget -v2c -c public 127.0.0.1:$PORT VIRT-MIB::virtDomainState.$web1
    # shellcheck disable=SC2086
    snmpget -v2c -c public $H_TRIES "127.0.0.1:$PORT" \
        VIRT-MIB::virtDomainState."$web1"
}

# set_v2c: the pause over SNMPv2c, with the read community (there is no
# other); snmpd must refuse it and web1 must still run.
set_v2c() {
    say snmpset -v2c -c public 127.0.0.1:$PORT \
        VIRT-MIB::virtDomainAdminState.$web1 i paused
    # shellcheck disable=SC2086
    if snmpset -v2c -c public $H_TRIES "127.0.0.1:$PORT" \
        VIRT-MIB::virtDomainAdminState."$web1" i paused 2>&1; then
        die "snmpd accepted a SET over SNMPv2c"
    fi
    echo "(refused by snmpd: no community may write, as a community string"
    echo " travels in clear text)"
    show_state
    [ "$(h_get VIRT-MIB::virtDomainState."$web1")" = running ] ||
        die "the refused SET changed web1's state"
}

# set_v3: the same pause as the SNMPv3 user, authenticated and encrypted.
set_v3() {
    say snmpset -v3 -l authPriv -u $H_V3_USER \
        -a $H_V3_AUTHPROTO -A $H_V3_AUTH -x $H_V3_PRIVPROTO -X $H_V3_PRIV \
        127.0.0.1:$PORT VIRT-MIB::virtDomainAdminState.$web1 i paused
    h_set_v3 VIRT-MIB::virtDomainAdminState."$web1" i paused ||
        die "the SET over SNMPv3 authPriv failed"
    show_state
}

# show_notification: the virtDomainPaused that snmptrapd caught.
show_notification() {
    echo
    echo "snmptrapd caught:"
    if ! h_wait_log "$TRAPLOG" 'virtDomainPaused'; then
        echo "no notification arrived; snmpd's log:" >&2
        cat "$SNMPDLOG" >&2
        exit 1
    fi
    grep 'virtDomainPaused' "$TRAPLOG" | sed 's/^TRAP //' | tr '\t' '\n' |
        sed 's/^/  /'
}

h_start_all

echo "snmpd (AgentX master) on udp:127.0.0.1:$PORT, socket $SOCK"
echo "snmptrapd on udp:127.0.0.1:$TRAPPORT; virtmibd on test:///default"
echo "community public reads; SNMPv3 user $H_V3_USER writes" \
    "(authPriv: $H_V3_AUTHPROTO, $H_V3_PRIVPROTO)"

say snmpwalk -v2c -c public 127.0.0.1:$PORT VIRT-MIB::virtMIB
snmpwalk -v2c -c public "127.0.0.1:$PORT" VIRT-MIB::virtMIB

web1=$(h_index_of web1)
[ -n "$web1" ] || die "web1 is not in virtDomainTable"
set_v2c
set_v3
show_notification
