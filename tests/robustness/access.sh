#!/bin/sh
# access.sh: access control with the shipped snmpd lines
# (etc/snmpd.conf.virtmib), moved to 127.0.0.1 and a temporary AgentX
# socket and nothing else changed.
# - the v1 and v2c community reads, and cannot write;
# - the v3 user cannot write with a wrong passphrase, with noAuthNoPriv,
#   with authNoPriv, or with weaker protocols (SHA-1, DES);
# - the v3 user with authPriv (SHA-512, AES-256) writes;
# - each refused SET changes nothing (virtDomainAdminState re-read);
# - the AgentX socket is not world-writable (nor its directory);
# - virtmibd -r (read-only) refuses even the authPriv user.
. "$(dirname "$0")/../snmp/harness.sh"

AUTH="change-this-auth-passphrase"
PRIV="change-this-priv-passphrase"

h_setup
h_start_trapd
PORT=$(h_free_port)
SOCKDIR="$H_TMP/agentx"
SOCK="$SOCKDIR/master"
sed -e "s|^agentXSocket unix:/var/agentx/master|agentXSocket unix:$SOCK|" \
    -e "s|^agentXPerms \([0-7]*\) \([0-7]*\) root [a-z]*$|agentXPerms \1 \2|" \
    -e "s|192\.0\.2\.10|127.0.0.1|" \
    -e "s|^trap2sink 127.0.0.1 |trap2sink 127.0.0.1:$TRAPPORT |" \
    "$abs_top_srcdir/etc/snmpd.conf.virtmib" >"$H_TMP/snmpd.conf"
echo "agentaddress udp:127.0.0.1:$PORT" >>"$H_TMP/snmpd.conf"
"$SNMPD" -f -Lf "$SNMPDLOG" -C -c "$H_TMP/snmpd.conf" -p "$H_TMP/snmpd.pid" &
SNMPD_PID=$!

# the read community reads (tries as the harness's, H_TRIES)
# shellcheck disable=SC2086
v2() { snmpget -v2c -c virtmon $H_TRIES -Oqv "127.0.0.1:$PORT" "$@"; }
up() { snmpget -v2c -c virtmon -t 1 -r 0 "127.0.0.1:$PORT" "$@" >/dev/null 2>&1; }
h_wait_until "$H_START_SECS" up SNMPv2-MIB::sysUpTime.0
# the harness waits with "public", which the shipped lines do not have
registered() {
    snmpget -v2c -c virtmon -t 1 -r 0 -Oqv "127.0.0.1:$PORT" \
        VIRT-MIB::virtNodeHypervisorType.0 2>/dev/null | grep -qv 'No Such'
}
h_wait_registered() {
    h_wait_until "$H_START_SECS" registered && return 0
    h_log "virtmibd did not register"
    return 1
}
h_start_agent || exit 1
# shellcheck disable=SC2086
web1=$(snmpbulkwalk -v2c -c virtmon $H_TRIES "127.0.0.1:$PORT" -Oq \
    VIRT-MIB::virtDomainName | awk '$2 == "web1" { sub(/.*\./, "", $1); print $1 }')
OBJ=VIRT-MIB::virtDomainAdminState.$web1
h_eq "v2c community reads" running "$(v2 VIRT-MIB::virtDomainAdminState."$web1")"
h_eq "v1 community reads" running \
    "$(snmpget -v1 -c virtmon $H_TRIES -Oqv "127.0.0.1:$PORT" "$OBJ")"

# refused_set DESCRIPTION SNMPSET-ARGS...: fails, and web1 still runs
# (a refusal is an error reply, a report, or silence for 5 s; a SET
# wrongly applied shows in the re-read)
refused_set() {
    desc=$1
    shift
    if snmpset -t 5 -r 0 "$@" "127.0.0.1:$PORT" "$OBJ" i 2 >"$H_TMP/out" 2>&1; then
        H_FAIL=$((H_FAIL + 1))
        h_log "FAIL: $desc: the SET succeeded"
    else
        H_PASS=$((H_PASS + 1))
        why=$(sed -n 's/^Reason: *//p' "$H_TMP/out" | head -n 1)
        echo "access: refused ($desc): ${why:-$(head -n 1 "$H_TMP/out")}"
    fi
    h_eq "$desc changes nothing" running "$(v2 "$OBJ")"
}
V3="-v3 -u virtadmin"
refused_set "v2c read community" -v2c -c virtmon
refused_set "v1 read community" -v1 -c virtmon
refused_set "v2c unknown community" -v2c -c private
# shellcheck disable=SC2086
refused_set "v3 noAuthNoPriv" $V3 -l noAuthNoPriv
# shellcheck disable=SC2086
refused_set "v3 authNoPriv" $V3 -l authNoPriv -a SHA-512 -A "$AUTH"
# shellcheck disable=SC2086
refused_set "v3 wrong auth passphrase" $V3 -l authPriv -a SHA-512 \
    -A "wrong-passphrase-123" -x AES-256 -X "$PRIV"
# shellcheck disable=SC2086
refused_set "v3 wrong priv passphrase" $V3 -l authPriv -a SHA-512 \
    -A "$AUTH" -x AES-256 -X "wrong-passphrase-123"
# shellcheck disable=SC2086
refused_set "v3 SHA-1 instead of SHA-512" $V3 -l authPriv -a SHA -A "$AUTH" \
    -x AES-256 -X "$PRIV"
# shellcheck disable=SC2086
refused_set "v3 DES instead of AES-256" $V3 -l authPriv -a SHA-512 \
    -A "$AUTH" -x DES -X "$PRIV"

# the authPriv user writes
# shellcheck disable=SC2086
h_true "v3 authPriv SHA-512/AES-256 SET succeeds" snmpset $H_TRIES $V3 \
    -l authPriv -a SHA-512 -A "$AUTH" -x AES-256 -X "$PRIV" \
    "127.0.0.1:$PORT" "$OBJ" i 2
h_eq "the authPriv SET paused web1" paused "$(v2 "$OBJ")"
echo "access: authPriv SHA-512/AES-256 write accepted"

# the AgentX socket of the shipped config
mode=$(stat -c %a "$SOCK")
dmode=$(stat -c %a "$SOCKDIR")
echo "access: AgentX socket mode $mode, directory $dmode"
h_eq "AgentX socket not world-accessible" 0 "$((0$mode & 07))"
h_eq "AgentX directory not world-accessible" 0 "$((0$dmode & 07))"

# read-only mode refuses even the authPriv user
h_stop_agent
h_start_agent -r || exit 1
# a new virtmibd has a new test:///default: web1 runs again
before=$(v2 "$OBJ")
# shellcheck disable=SC2086
out=$(snmpset $H_TRIES $V3 -l authPriv -a SHA-512 -A "$AUTH" -x AES-256 \
    -X "$PRIV" "127.0.0.1:$PORT" "$OBJ" i 2 2>&1)
h_eq "read-only: authPriv SET refused with notWritable" notWritable \
    "$(printf '%s\n' "$out" | sed -n 's/^Reason: *\([a-zA-Z]*\).*/\1/p')"
h_eq "read-only: web1 as it was" "$before" "$(v2 "$OBJ")"
h_summary
