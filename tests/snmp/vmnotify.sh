#!/bin/sh
# vmnotify.sh: VM-MIB's (RFC 7666) notifications reach snmptrapd through
# the master: each state change the simulated host can make, with the
# trap OID of the new vmOperState, the domain's vmName and vmUUID (the
# same as VIRT-MIB's) and its previous vmOperState (from VIRT-MIB's
# state before the change, through the documented mapping); bulk
# notifications with vmAffectedVMs (the bits of the domains' indexes)
# from vmBulkThreshold domains on; the two switches, their SET errors,
# their independence from virtNodeNotificationsEnabled, and that a SET of
# them does not outlive a restart of virtmibd.  Numeric OIDs only: the
# RFC's module is not loaded.
#
# The simulated host cannot show shuttingdown (a shutdown is immediate)
# nor crash a domain while running (crashed is a node-file state read at
# open only): check_vm_changes covers those two transitions.  Nor can
# libvirt's test driver, which serves the same host in the system build
# (tests/libvirt/data/node-many.xml, in libvirt's format), where the
# changes come through libvirt's lifecycle events as well as the poll.
. "$(dirname "$0")/harness.sh"

VM=1.3.6.1.2.1.236
PERVM=$VM.1.9.0
BULK=$VM.1.10.0
T=$(printf '\t')

h_setup
h_start_trapd || exit 1
h_start_snmpd || exit 1
# The same host in either library's node-file format; TICKER runs
# throughout, for counting polls (libvirt's test driver has no Domain-0)
if [ -n "$H_SYSTEM" ]; then
    AGENT_URI=test://$abs_top_srcdir/tests/libvirt/data/node-many.xml
    TICKER=tick
else
    AGENT_URI=test://$abs_top_srcdir/tests/snmp/data/node-many.xml
    TICKER=Domain-0
fi
THRESHOLD=5
printf 'vmBulkThreshold %s\n' "$THRESHOLD" >"$H_TMP/virtmibd.conf"
h_start_agent -c "$H_TMP/virtmibd.conf" || exit 1
TICK=VIRT-MIB::virtDomainCpuTime.$(h_index_of "$TICKER")

DOMAINS="m01 m02 m03 m04 m05 m06 m07 m08 m09 m10 m11 m12 off1 tr1"

# vmOperState of a VIRT-MIB virtDomainState (docs/vm-mib.md)
oper_of() {
    case $1 in
    running | blocked) echo 4 ;;
    paused) echo 8 ;;
    shutdown) echo 10 ;;
    shutoff) echo 11 ;;
    crashed) echo 12 ;;
    *) echo 1 ;;
    esac
}

# Each domain's vmIndex (VIRT-MIB's index) and vmUUID as snmptrapd
# prints it (VIRT-MIB's uuid string as 16 octets), read while it exists.
for d in $DOMAINS; do
    i=$(h_index_of "$d")
    eval "idx_$d=$i"
    eval "hex_$d=\"$(h_get VIRT-MIB::virtDomainUuidString."$i" |
        tr -d '-' | tr 'a-f' 'A-F' | sed 's/\(..\)/\1 /g')\""
done
idx() { eval "echo \$idx_$1"; }
oper_now() { oper_of "$(h_get VIRT-MIB::virtDomainState."$(idx "$1")")"; }

# mark: the notifications from now on are looked at (since)
mark() { MARK=$(wc -l <"$TRAPLOG"); }
since() { tail -n +$((MARK + 1)) "$TRAPLOG"; }
# count NOTIF: VM-MIB.0.NOTIF notifications since the mark
count() { since | grep -c "mib-2\.236\.0\.$1$T"; }
count_is() { [ "$(count "$1")" -eq "$2" ]; }
has_line() { since | grep -qF "$1"; }
# resumed_is N: N of VIRT-MIB's virtDomainResumed since the mark (counted
# at each try of h_wait_until, not once when it is called)
resumed_is() { [ "$(since | grep -c 'VIRT-MIB::virtDomainResumed	')" -eq "$1" ]; }

# per_vm NOTIF NAME OLD [PERSISTENT]: what a per-VM one must carry
per_vm() {
    i=$(idx "$2")
    e=SNMPv2-SMI::mib-2.236.1.4.1
    line="OID: SNMPv2-SMI::mib-2.236.0.$1$T$e.2.$i = STRING: \"$2\"$T$e.3.$i = Hex-STRING: $(eval "echo \"\$hex_$2\"")$T$e.6.$i = INTEGER: $3"
    [ -n "${4:-}" ] && line="$line$T$e.8.$i = INTEGER: $4"
    printf '%s\n' "$line"
}

# expect NOTIF NAME OLD [PERSISTENT]: since the mark, that notification
# of NAME arrived, with these varbinds, once (looked at again once three
# more polls went by)
expect() {
    pat=$(per_vm "$@")
    h_true "vm notification $1 of $2 arrives" \
        h_wait_until "$(h_poll_bound)" has_line "$pat"
    h_true "polls go on after $1 of $2" h_wait_polls 3 "$TICK"
    h_eq "vm notification $1 of $2, previous state $3, once" 1 \
        "$(since | grep -cF "$pat")"
}

# change STATE NAME...: marks, then one SET of virtDomainAdminState for
# every NAME
change() {
    st=$1
    shift
    args=
    for d in "$@"; do
        args="$args VIRT-MIB::virtDomainAdminState.$(idx "$d") i $st"
    done
    mark
    # shellcheck disable=SC2086
    h_set $args >/dev/null
}

# one NOTIF STATE NAME [PERSISTENT]: NAME changed to STATE is NOTIF, once,
# from the vmOperState it had
one() {
    old=$(oper_now "$3")
    change "$2" "$3"
    expect "$1" "$3" "$old" ${4:+"$4"}
    h_eq "one vm notification $1 for $3" 1 "$(count "$1")"
}

# affected NAME...: vmAffectedVMs of those domains, octets in hex
affected() {
    for d in "$@"; do idx "$d"; done | awk '
        { bit[$1] = 1; if ($1 > top) top = $1 }
        END {
            for (o = 0; o * 8 < top; o++) {
                v = 0
                for (b = 0; b < 8; b++)
                    if (bit[o * 8 + b + 1]) v += 2 ^ (7 - b)
                printf "%02x", v
            }
            print ""
        }'
}

# bulk_value NOTIF: of the last bulk NOTIF since the mark, "K HEX": K
# varbinds before vmAffectedVMs, HEX its octets; "bad" unless
# vmAffectedVMs is its last varbind.  snmptrapd prints the octets as a
# STRING (with " and \ escaped) when they happen to be text, and then a
# newline among them, as any long Hex-STRING, goes on on the next line
# of the log: a line that does not start a trap belongs to the one
# before.  (The indexes, so the octets, differ from run to run on
# libvirt, whose test driver lists its domains in hash order.)
bulk_value() {
    since | LC_ALL=C awk -v want="mib-2.236.0.$1$T" -v tab="$T" '
        function take() { if (index(rec, want)) last = rec }
        function bad() { print "bad"; exit }
        BEGIN { for (i = 1; i < 128; i++) ord[sprintf("%c", i)] = i }
        /^TRAP / { take(); rec = $0; next }
        { rec = rec "\n" $0 }
        END {
            take()
            key = "mib-2.236.1.11.0 = "
            if (!(p = index(last, key))) bad()
            pre = substr(last, 1, p - 1)
            k = gsub(tab, "", pre)
            v = substr(last, p + length(key))
            if (v ~ /^Hex-STRING: [0-9A-F \n]*$/) {
                v = substr(v, 13)
                gsub(/[ \n]/, "", v)
                print k, tolower(v)
                exit
            }
            if (v !~ /^STRING: ".*"$/) bad()
            v = substr(v, 10, length(v) - 10)
            out = ""
            for (i = 1; i <= length(v); i++) {
                c = substr(v, i, 1)
                if (c == "\"") bad()
                if (c == "\\") c = substr(v, ++i, 1)
                out = out sprintf("%02x", ord[c])
            }
            print k, out
        }'
}

# bulk NOTIF NAME...: since the mark, one bulk NOTIF, listing exactly
# NAME..., and nothing else from VM-MIB
bulk() {
    b=$1
    shift
    h_true "bulk notification $b arrives" \
        h_wait_until "$(h_poll_bound)" count_is "$b" 1
    h_true "polls go on after bulk $b" h_wait_polls 3 "$TICK"
    h_eq "bulk $b once" 1 "$(count "$b")"
    got=$(bulk_value "$b")
    h_eq "bulk $b lists $*" "$(affected "$@")" "${got#* }"
    h_eq "bulk $b carries vmAffectedVMs only, after 2 varbinds" 2 \
        "${got%% *}"
    h_eq "bulk $b and no other VM-MIB notification" 1 \
        "$(since | grep -c 'mib-2\.236\.0\.')"
}

h_eq "vmPerVMNotificationsEnabled starts true" 1 "$(h_get $PERVM)"
h_eq "vmBulkNotificationsEnabled starts true" 1 "$(h_get $BULK)"

# per VM: each change the simulated host makes
one 4 paused m01
one 1 running m01
one 1 running off1
one 3 shutdown off1
one 10 destroy tr1 3
h_eq "a transient domain destroyed is vmDeleted, not vmShutdown" 0 \
    "$(count 3)"
h_eq "VIRT-MIB told its own: virtDomainDestroyed" 1 \
    "$(since | grep -c 'VIRT-MIB::virtDomainDestroyed	')"

# from the threshold on one bulk notification (dirty domains re-read);
# below it per VM
change paused m01 m02 m03 m04 m05
bulk 14 m01 m02 m03 m04 m05
old=$(oper_now m06)
change paused m06 m07 m08 m09
for d in m06 m07 m08 m09; do expect 4 "$d" "$old"; done
h_eq "four pauses below the threshold: four per VM" 4 "$(count 4)"
h_eq "four pauses below the threshold: no bulk" 0 "$(count 14)"

# bulk off: per VM above the threshold too
h_set $BULK i 2 >/dev/null
h_eq "vmBulkNotificationsEnabled false" 2 "$(h_get $BULK)"
old=$(oper_now m01)
change running m01 m02 m03 m04 m05
for d in m01 m02 m03 m04 m05; do expect 1 "$d" "$old"; done
h_eq "bulk off: five vmRunning" 5 "$(count 1)"
h_eq "bulk off: no vmBulkRunning" 0 "$(count 11)"

# per-VM off, bulk on: bulk for a single domain
h_set $BULK i 1 $PERVM i 2 >/dev/null
change running m06
bulk 11 m06

# both on: five domains started in one SET, the whole host read
h_set $PERVM i 1 >/dev/null
for d in m10 m11 m12 m01; do one 3 shutdown "$d"; done
change running off1 m10 m11 m12 m01
bulk 11 off1 m10 m11 m12 m01

# both off: nothing from VM-MIB, VIRT-MIB still tells
h_set $BULK i 2 $PERVM i 2 >/dev/null
change running m07 m08
h_true "VIRT-MIB's notifications go on" h_wait_until "$(h_poll_bound)" \
    resumed_is 2
h_true "polls go on with both switches off" h_wait_polls 3 "$TICK"
h_eq "both off: no VM-MIB notification" 0 \
    "$(since | grep -c 'mib-2\.236\.0\.')"

# VIRT-MIB's switch off does not stop VM-MIB's
h_set $PERVM i 1 VIRT-MIB::virtNodeNotificationsEnabled.0 i 2 >/dev/null
one 4 paused m07
h_eq "no virtDomainPaused while VIRT-MIB's are off" 0 \
    "$(since | grep -c 'VIRT-MIB::virtDomainPaused	')"
h_set VIRT-MIB::virtNodeNotificationsEnabled.0 i 1 >/dev/null

# SETs: every check before anything changes
h_set_error wrongValue $PERVM i 0
h_set_error wrongValue $PERVM i 3
h_set_error wrongType $BULK s yes
h_set_error noCreation $VM.1.9.1 i 1
h_set_error notWritable $VM.1.11.0 i 1
h_set_error wrongValue $BULK i 1 $PERVM i 3
h_eq "a refused SET changed neither switch" "1 2" \
    "$(h_get $PERVM) $(h_get $BULK)"

# a restart forgets the SETs: both true again
h_stop_agent
h_eq "virtmibd exits 0 for the restart" 0 "$?"
h_start_agent -c "$H_TMP/virtmibd.conf" || exit 1
h_eq "vmPerVMNotificationsEnabled true after a restart" 1 "$(h_get $PERVM)"
h_eq "vmBulkNotificationsEnabled true after a restart" 1 "$(h_get $BULK)"

h_summary
