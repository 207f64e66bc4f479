#!/bin/bash
# check_virtmib.sh: the plugin alone against a live virtmibd.  Every
# mode and every exit code: OK, WARNING and CRITICAL from thresholds and
# from states, UNKNOWN for a domain that does not exist, an agent that
# does not answer, bad options; SNMPv2c and v3; name and UUID; the
# status line and perfdata format.  Expected values come from the
# agent's own answers (h_get), never from constants.
#
# CHECK_VIRTMIB_WRAPPER runs the plugin under a checker, e.g.
# "valgrind -q --error-exitcode=99 --leak-check=full"; whatever the
# plugin writes on stderr (such a report) fails the test.
. "$(dirname "$0")/nms.sh"

PLUGIN=$abs_top_builddir/plugins/check_virtmib
[ -x "$PLUGIN" ] || h_skip_or_fail "check_virtmib was not built"
H_FAULTS=1 # the library's fault file, to make the agent's data stale
nms_start
PLUGERR=$H_TMP/plugin.stderr
export NAGIOS_PLUGIN_STATE_DIRECTORY=$H_TMP/plugin-state
mkdir -p "$NAGIOS_PLUGIN_STATE_DIRECTORY"
LINE_RE="^VIRTMIB ([A-Z]+ )?(OK|WARNING|CRITICAL|UNKNOWN) - [^|]+"
PERF_RE="'[^']+'=-?[0-9.]+([a-zA-Z%]*);[^; ]*;[^; ]*;[^; ]*;[^; ]*"

# cv ARGS...: runs the plugin against the master; OUT, RC.
cv() {
    # shellcheck disable=SC2086
    OUT=$($CHECK_VIRTMIB_WRAPPER "$PLUGIN" -H 127.0.0.1 -p "$PORT" "$@" \
        2>>"$PLUGERR")
    RC=$?
}

# expect DESCRIPTION RC REGEX ARGS...: the plugin exits RC, its one
# line matches the status line format and REGEX.
expect() {
    desc=$1 want=$2 re=$3
    shift 3
    cv "$@"
    h_eq "$desc: exit code ($OUT)" "$want" "$RC"
    h_true "$desc: one status line ($OUT)" \
        grep -Eq "$LINE_RE( \| $PERF_RE( $PERF_RE)*)?\$" <<<"$OUT"
    h_true "$desc: says '$re' ($OUT)" grep -Eq -- "$re" <<<"$OUT"
    [ "$(wc -l <<<"$OUT")" -eq 1 ] || h_true "$desc: one line" false
}

# The status of the defaults for a VirtRunState name.
state_status() {
    case $1 in
    running | blocked) echo 0 ;;
    shutdown) echo 1 ;;
    paused | shutoff | crashed) echo 2 ;;
    *) echo 3 ;;
    esac
}

web1=$(h_index_of web1)
uuid=$(h_get "VIRT-MIB::virtDomainUuidString.$web1" | tr -d '"')
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"/\1/p' \
    "$abs_top_builddir/config.h")

OUT=$($CHECK_VIRTMIB_WRAPPER "$PLUGIN" --help 2>>"$PLUGERR")
h_eq "--help exits 0" 0 $?
h_true "--help shows the usage" grep -q "^Usage: check_virtmib" <<<"$OUT"
OUT=$($CHECK_VIRTMIB_WRAPPER "$PLUGIN" --version 2>>"$PLUGERR")
h_eq "--version is the package's" "check_virtmib $version" "$OUT"

# state: every domain of the host, by name, as the defaults say
while read -r idx name; do
    st=$(h_get "VIRT-MIB::virtDomainState.$idx")
    code=$(h_get -OUe "VIRT-MIB::virtDomainState.$idx")
    expect "state of $name ($st)" "$(state_status "$st")" \
        "^VIRTMIB STATE [A-Z]+ - $name is $st \| 'state'=$code;;;0;7\$" \
        -m state -d "$name"
done < <(h_walk -Oq VIRT-MIB::virtDomainName |
    sed 's/^[^.]*\.\([0-9]*\) /\1 /')
cv -m state -d web1
byname=$OUT
expect "state by UUID" 0 "web1 is running" -m state --uuid "$uuid"
h_eq "by UUID = by name" "$byname" "$OUT"
expect "state by UUID in upper case" 0 "web1 is running" \
    -m state --uuid "$(tr a-f A-F <<<"$uuid")"
expect "state, SNMPv3 authPriv" 0 "web1 is running" -m state -d web1 \
    -P 3 -L authPriv -U "$NMS_V3_USER" -a SHA -A "$NMS_V3_AUTH" -x AES \
    -X "$NMS_V3_PRIV"
h_eq "v3 = v2c" "$byname" "$OUT"
expect "SNMPv3, a wrong passphrase" 3 "UNKNOWN - .*[Aa]uthentication" \
    -m state -d web1 -P 3 -U "$NMS_V3_USER" -A wrong-passphrase \
    -X "$NMS_V3_PRIV"
expect "state overridden: running CRITICAL" 2 "web1 is running" \
    -m state -d web1 --critical-states running,crashed

# a pause by SNMP: CRITICAL by default, WARNING when asked; resume: OK
paused() {
    cv -m state -d web1 "$@"
    [ "$RC" = "$want" ]
}
h_set "VIRT-MIB::virtDomainAdminState.$web1" i paused >/dev/null
want=2
h_true "paused web1 goes CRITICAL" h_wait_until "$(h_poll_bound)" paused
h_eq "the agent says paused" paused "$(h_get "VIRT-MIB::virtDomainState.$web1")"
expect "paused web1" 2 "web1 is paused" -m state -d web1
expect "paused web1, --warning-states paused" 1 "web1 is paused" \
    -m state -d web1 --warning-states paused
h_set "VIRT-MIB::virtDomainAdminState.$web1" i running >/dev/null
want=0
h_true "resumed web1 goes OK" h_wait_until "$(h_poll_bound)" paused

# memory: MiB and percent, every range form
mem=$(h_get -OU "VIRT-MIB::virtDomainMemory.$web1")
max=$(h_get -OU "VIRT-MIB::virtDomainMaxMemory.$web1")
pct=$(awk -v m="$mem" -v x="$max" 'BEGIN { printf "%.1f", 100 * m / x }')
mperf="'memory'=${mem}MB"
expect "memory within" 0 "web1 uses $mem MiB .*\| $mperf;$mem;$((mem + 1));0;$max\$" \
    -m memory -d web1 -w "$mem" -c "$((mem + 1))"
expect "memory above -w" 1 "$mperf;$((mem - 1));" \
    -m memory -d web1 -w "$((mem - 1))" -c "$((mem + 1))"
expect "memory above -c" 2 "$mperf" -m memory -d web1 -w 1 -c "$((mem - 1))"
expect "memory below -w N:" 1 "$mperf" -m memory -d web1 -w "$((mem + 1)):"
expect "memory above -w ~:N" 1 "$mperf" -m memory -d web1 -w "~:$((mem - 1))"
expect "memory outside -c N:M" 2 "$mperf" -m memory -d web1 \
    -c "$((mem + 1)):$((mem + 10))"
expect "memory inside -c @N:M" 2 "$mperf" -m memory -d web1 -c "@$mem:$mem"
expect "memory outside -c @N:M" 0 "$mperf" -m memory -d web1 \
    -c "@$((mem + 1)):$((mem + 2))"
expect "memory in percent" 0 "web1 uses $pct% of its memory .*'memory_pct'=" \
    -m memory -d web1 --percent -c 101
expect "memory in percent, -w below it" 1 "$pct%" \
    -m memory -d web1 --percent -w "$(awk -v p="$pct" 'BEGIN { print p - 1 }')"

# vcpus
vcpus=$(h_get "VIRT-MIB::virtDomainVcpus.$web1")
expect "vcpus" 0 "web1 has $vcpus vcpus? \| 'vcpus'=$vcpus;;$vcpus;0;\$" \
    -m vcpus -d web1 -c "$vcpus"
expect "vcpus above -c" 2 "'vcpus'=$vcpus" -m vcpus -d web1 -c "$((vcpus - 1))"
expect "vcpus below -w N:" 1 "'vcpus'=$vcpus" -m vcpus -d web1 -w "$((vcpus + 1)):"

# cpu: a running domain's vcpus are busy in the test driver, so 100% a
# vcpu.  virtmibd reads the host for each GET (virtMaxAge, virtmibd(8)),
# so the rate is right within what the GETs' own timing adds: the
# issue's 5% of 100 * vcpus.
IVL=4
lo=$((100 * vcpus - 5 * vcpus))
hi=$((100 * vcpus + 5 * vcpus))
cpu_pct() {
    sed -n "s/.*'cpu'=\([0-9.]*\)%.*/\1/p" <<<"$OUT"
}
in_bounds() {
    awk -v v="$1" -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(v != "" && v >= lo && v <= hi) }'
}
expect "cpu over -i $IVL" 0 "web1 uses [0-9.]+% cpu \($vcpus vcpus\) .*'cpu'=[0-9.]+%;;;0;$((100 * vcpus)) 'cpu_time'=[0-9]+c;" \
    -m cpu -d web1 -i "$IVL"
h_true "cpu over -i $IVL is within $lo..$hi% ($(cpu_pct))" in_bounds "$(cpu_pct)"
expect "cpu above -c" 2 "'cpu'=" -m cpu -d web1 -i "$IVL" -c "$((50 * vcpus))"
expect "cpu, first run: no previous sample" 0 \
    "web1: no previous sample.*'cpu_time'=[0-9]+c" -m cpu -d web1
h_true "cpu state file named by UUID" \
    test -s "$NAGIOS_PLUGIN_STATE_DIRECTORY/check_virtmib/127.0.0.1_${PORT}_$uuid"
sleep "$IVL" # the interval to measure, not a wait for a state
expect "cpu, second run: from the state file" 0 "web1 uses [0-9.]+% cpu" \
    -m cpu -d web1 -w "$((100 * vcpus + 100))"
h_true "cpu from the state file is within $lo..$hi% ($(cpu_pct))" in_bounds "$(cpu_pct)"

# host: the counts the agent's own table gives
states=$(h_walk -Oqv VIRT-MIB::virtDomainState)
count() { grep -cx "$1" <<<"$states"; }
n=$(wc -l <<<"$states")
np=$(count paused) ns=$(count shutoff) nc=$(count crashed)
nr=$(($(count running) + $(count blocked)))
expect "host" 0 "$n domains: $nr running, $nc crashed, $np paused, $ns shut off \| 'domains'=$n;;;0; 'running'=$nr;;;0; 'crashed'=$nc;;0;0; 'paused'=$np;;;0; 'shutoff'=$ns;;;0;\$" \
    -m host
expect "host, --paused-warning below the paused count" 1 "'paused'=$np;$((np - 1));" \
    -m host --paused-warning "$((np - 1))"
expect "host, --shutoff-critical below the shut off count" 2 "'shutoff'=$ns;;$((ns - 1));" \
    -m host --shutoff-critical "$((ns - 1))"

# stale: the agent cannot list the domains (a fault injected in the
# library, testnode(5)) and answers from its last data
echo listDomains >"$FAULTS"
h_true "the agent goes stale" \
    h_wait_until "$(h_poll_bound)" h_value_is true VIRT-MIB::virtNodeStale.0
expect "host, stale data" 2 \
    "^VIRTMIB HOST CRITICAL - the agent cannot read the hypervisor" -m host
expect "state, stale data" 3 "^VIRTMIB STATE UNKNOWN - agent data is stale" \
    -m state -d web1
rm -f "$FAULTS"
h_true "the agent is not stale again" \
    h_wait_until "$(h_poll_bound)" h_value_is false VIRT-MIB::virtNodeStale.0
expect "host, fresh again" 0 "^VIRTMIB HOST OK" -m host

# UNKNOWN: no such domain, no agent, bad options
expect "a domain that does not exist" 3 "UNKNOWN - no domain named 'nosuch'" \
    -m state -d nosuch
nouuid=deadbeef${uuid#????????}
h_true "$nouuid is no domain's UUID" sh -c \
        "! snmpbulkwalk -v2c -c public $H_TRIES -Oqv 127.0.0.1:$PORT \
        VIRT-MIB::virtDomainUuidString | grep -qi $nouuid"
expect "a UUID that does not exist" 3 "UNKNOWN - no domain with UUID '$nouuid'" \
    -m memory --uuid "$nouuid"
dead=$(h_free_port)
t0=$(date +%s)
OUT=$($CHECK_VIRTMIB_WRAPPER "$PLUGIN" -H 127.0.0.1 -p "$dead" -t 3 \
    -m state -d web1 2>>"$PLUGERR")
RC=$?
h_eq "no agent on udp:$dead: UNKNOWN ($OUT)" 3 "$RC"
h_true "no agent: says so ($OUT)" grep -q "^VIRTMIB STATE UNKNOWN - no answer" <<<"$OUT"
h_true "no agent: within -t and a margin" test $(($(date +%s) - t0)) -le 13
for bad in "-m bogus -d web1|unknown mode 'bogus'" \
    "-m state|give the domain" "-m state -d web1 --uuid $uuid|give the domain" \
    "-m memory -d web1 -w 1:x|-w '1:x' is not a threshold range" \
    "-m memory -d web1 -c 20:10|-c '20:10' is not a threshold range" \
    "-m state -d web1 --ok-states sleeping|unknown state 'sleeping'" \
    "-m state -d web1 --bogus|bad option '--bogus'" \
    "-m state -d web1 -P 1|-P must be 2c or 3" \
    "-m cpu -d web1 -i 10 -t 5|--interval 10 must be shorter" \
    "-m state -d web1 -P 3|SNMPv3 needs a user" \
    "-m host -d web1|the host mode takes no domain"; do
    expect "bad options: ${bad%%|*}" 3 "^VIRTMIB UNKNOWN - ${bad#*|}" ${bad%%|*}
done
OUT=$($CHECK_VIRTMIB_WRAPPER "$PLUGIN" -m host 2>>"$PLUGERR")
h_eq "no -H: UNKNOWN" "3 VIRTMIB UNKNOWN - no agent given (-H)" "$? $OUT"

h_eq "the plugin wrote nothing on stderr" "" "$(cat "$PLUGERR")"
h_summary
