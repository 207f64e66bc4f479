#!/bin/bash
# snmptt.sh: Debian 12's snmptt (1.5), run by a private snmptrapd from
# the shipped snmptrapd.conf.virtmib, turns every VIRT-MIB notification
# into its formatted line (etc/snmptt/virtmib.conf: name, severity, the
# domain, its uuid, the old and the new state), both ways the file
# offers: snmptt run for each trap, and snmptthandler spooling it for
# the snmptt daemon.  The Nagios variant (etc/snmptt/virtmib-nagios.conf)
# writes the matching PROCESS_SERVICE_CHECK_RESULT line into a file
# standing in for Nagios's command pipe.
#
# The master sends its notifications to that snmptrapd (a trap2sink).
# Five of them are caused for real on test:///default, by SETs of
# virtDomainAdminState: paused, resumed, started, shutdown, destroyed.
# The other three cannot be: the test driver has no way to crash a
# domain, SNMP cannot define or undefine one, and the only transient
# domain of test:///default (whose stop would be an undefine) is
# Domain-0, which cannot be stopped; the simulated host lives inside
# virtmibd's process, so no other program reaches it.  Those three are
# sent by snmptrap with exactly the varbinds virtmibd would send.
. "$(dirname "$0")/nms.sh"

SNMPTT_ETC=$abs_top_srcdir/etc/snmptt
T0=$(date +%s)
nms_need snmptt snmptrapd snmptrap snmptranslate perl
perl -MSNMP -e 1 2>/dev/null ||
    h_skip_or_fail "perl's SNMP module (libsnmp-perl) is not installed"
TP=$(h_free_port)
H_SNMPD_EXTRA="$H_SNMPD_EXTRA
trap2sink 127.0.0.1:$TP public"
nms_start
SD=$H_TMP/snmptt
mkdir -p "$SD"

# snmptt_ini NAME MODE CONF: a private snmptt.ini from Debian's, in
# MODE (standalone or daemon: in the foreground, as this user, reading
# its spool every second), everything under $SD/NAME.*, reading only
# the definitions file CONF; enums by name (net_snmp_perl_enable);
# ipv6_enable = 0, since 1 needs Net::IP, which nothing installs;
# nothing to syslog.
snmptt_ini() {
    mkdir -p "$SD/$1.spool"
    perl -pe '
        BEGIN { ($d, $mode, $conf) = splice(@ARGV, 0, 3) }
        s/^mode = .*/mode = $mode/;
        s/^net_snmp_perl_enable = .*/net_snmp_perl_enable = 1/;
        s/^ipv6_enable = .*/ipv6_enable = 0/;
        s/^daemon_fork = .*/daemon_fork = 0/;
        s/^daemon_uid = .*/daemon_uid = /;
        s/^sleep = .*/sleep = 1/;
        s/^log_file = .*/log_file = $d.log/;
        s/^log_system_enable = .*/log_system_enable = 1/;
        s/^log_system_file = .*/log_system_file = $d.system.log/;
        s/^unknown_trap_log_enable = .*/unknown_trap_log_enable = 1/;
        s/^unknown_trap_log_file = .*/unknown_trap_log_file = $d.unknown.log/;
        s/^(syslog_enable|syslog_system_enable) = .*/$1 = 0/;
        s/^pid_file = .*/pid_file = $d.pid/;
        s/^spool_directory = .*/spool_directory = $d.spool\//;
        s/^\/etc\/snmptt\/snmptt\.conf$/$conf/;
    ' "$SD/$1" "$2" "$3" /etc/snmp/snmptt.ini >"$SD/$1.ini"
    grep -qxF "$3" "$SD/$1.ini" && grep -qx "mode = $2" "$SD/$1.ini"
}

# The shipped snmptrapd lines, each handler given its private ini (the
# daemon's line uncommented), and a third handler for the Nagios
# variant.
trapd_conf() {
    sed -e "s|^traphandle default /usr/sbin/snmptt\$|& --ini=$SD/log.ini|" \
        -e "s|^#\(traphandle default /usr/sbin/snmptthandler\)\$|\1 --ini=$SD/daemon.ini|" \
        "$SNMPTT_ETC/snmptrapd.conf.virtmib"
    echo "traphandle default /usr/sbin/snmptt --ini=$SD/nagios.ini"
}

h_true "snmptt.ini for virtmib.conf" \
    snmptt_ini log standalone "$SNMPTT_ETC/virtmib.conf"
h_true "snmptt.ini for the snmptt daemon" \
    snmptt_ini daemon daemon "$SNMPTT_ETC/virtmib.conf"
h_true "snmptt.ini for virtmib-nagios.conf" \
    snmptt_ini nagios standalone "$SNMPTT_ETC/virtmib-nagios.conf"
trapd_conf >"$SD/snmptrapd.conf"
h_true "the shipped traphandle line of snmptt is used" \
    grep -q "^traphandle default /usr/sbin/snmptt --ini=$SD/log.ini\$" \
    "$SD/snmptrapd.conf"
h_true "the shipped traphandle line of snmptthandler is used" \
    grep -q "^traphandle default /usr/sbin/snmptthandler --ini=$SD/daemon.ini\$" \
    "$SD/snmptrapd.conf"
nms_spawn snmptt --daemon --ini="$SD/daemon.ini" >"$SD/daemon.out" 2>&1
export VIRTMIB_NAGIOS_CMD=$SD/nagios.cmd
: >"$VIRTMIB_NAGIOS_CMD"
nms_spawn "$SNMPTRAPD" -f -On -Lf "$SD/snmptrapd.log" -C \
    -c "$SD/snmptrapd.conf" -p "$SD/snmptrapd.pid" "udp:127.0.0.1:$TP" \
    >"$SD/snmptrapd.out" 2>&1
h_wait_log "$SD/snmptrapd.log" '^NET-SNMP version' "$H_START_SECS" || {
    h_log "snmptrapd did not start: $(cat "$SD/snmptrapd.log")"
    exit 1
}

# How long a notification may take to reach a log: the agent sees the
# change within h_poll_bound, then snmptt starts (a perl program that
# loads the MIBs) within the harness's bound for a daemon start.
TRAP_SECS=$(($(h_poll_bound) + H_START_SECS))

# The design (virtmib.conf's opening comment): severity and verb of
# each notification.
severity_of() {
    case $1 in
    virtDomainCrashed) echo Critical ;;
    virtDomainStarted | virtDomainResumed | virtDomainDefined) echo Normal ;;
    *) echo Warning ;;
    esac
}

verb_of() {
    case $1 in
    virtDomainShutdown) echo "shut down" ;;
    *) echo "$1" | sed 's/^virtDomain//' | tr '[:upper:]' '[:lower:]' ;;
    esac
}

# line_with FILE A B: the first line of FILE holding A and ending in B.
line_with() {
    awk -v a="$2" -v b="$3" 'index($0, a) &&
        substr($0, length($0) - length(b) + 1) == b { print; exit }' \
        "$1" 2>/dev/null
}

# has_line FILE A B: FILE has such a line.
has_line() {
    [ -n "$(line_with "$@")" ]
}

# expect NOTIFICATION NAME UUID OLD NEW: snmptt logged the notification
# once, with its severity and text, and the Nagios variant wrote the
# passive check result of the same text, with the code of the severity.
expect() {
    oid=$(snmptranslate -On "VIRT-MIB::$1")
    sev=$(severity_of "$1")
    text="domain $2 $(verb_of "$1"): $4 -> $5 (uuid $3, host 127.0.0.1)"
    head=" $oid $sev \"Status Events\" "
    h_true "$1 of $2: its snmptt line" h_wait_until "$TRAP_SECS" \
        has_line "$SD/log.log" "$head" " - virtmib: $text"
    line=$(line_with "$SD/log.log" "$head" " - virtmib: $text")
    echo "snmptt: $line"
    h_eq "$1 of $2: logged once" 1 "$(grep -c "$head" "$SD/log.log")"
    h_true "$1 of $2: the snmptt daemon's line" h_wait_until "$TRAP_SECS" \
        has_line "$SD/daemon.log" "$head" " - virtmib: $text"
    host=$(printf '%s\n' "$line" | sed 's/.*"Status Events" \(.*\) - virtmib: .*/\1/')
    case $sev in
    Critical) code="2;CRITICAL" ;;
    Warning) code="1;WARNING" ;;
    *) code="0;OK" ;;
    esac
    h_true "$1 of $2: its Nagios passive check result" h_wait_until "$TRAP_SECS" \
        has_line "$VIRTMIB_NAGIOS_CMD" "] PROCESS_SERVICE_CHECK_RESULT;$host;" \
        ";virtmib domain $2;${code%;*};${code#*;} - $text"
    line=$(line_with "$VIRTMIB_NAGIOS_CMD" "] PROCESS_SERVICE_CHECK_RESULT;$host;" \
        ";virtmib domain $2;${code%;*};${code#*;} - $text")
    stamp=$(printf '%s\n' "$line" | sed -n 's/^\[\([0-9]*\)\] .*/\1/p')
    h_true "$1 of $2: the result's time is the trap's" \
        test "${stamp:-0}" -ge "$T0" -a "${stamp:-0}" -le "$(date +%s)"
}

# act NOTIFICATION NAME ADMINSTATE: the SET that causes NOTIFICATION for
# the domain NAME, and the snmptt lines it must give, with the states
# the agent shows before and after.
act() {
    idx=$(h_index_of "$2")
    uuid=$(h_get VIRT-MIB::virtDomainUuidString."$idx")
    old=$(h_get VIRT-MIB::virtDomainState."$idx")
    h_set VIRT-MIB::virtDomainAdminState."$idx" i "$3" >/dev/null
    h_true "$2 changed state" h_wait_until "$(h_poll_bound)" \
        sh -c "[ \"\$(snmpget -v2c -c public $H_TRIES -Oqv 127.0.0.1:$PORT \
            VIRT-MIB::virtDomainState.$idx)\" != $old ]"
    expect "$1" "$2" "$uuid" "$old" "$(h_get VIRT-MIB::virtDomainState."$idx")"
}

# send NOTIFICATION INDEX NAME UUID OLD NEW: what virtmibd would send.
send() {
    # shellcheck disable=SC2086
    snmptrap -v2c -c public $H_TRIES "127.0.0.1:$TP" '' "VIRT-MIB::$1" \
        VIRT-MIB::virtDomainName."$2" s "$3" \
        VIRT-MIB::virtDomainUuidString."$2" s "$4" \
        VIRT-MIB::virtNotifOldState.0 i "$5" \
        VIRT-MIB::virtNotifNewState.0 i "$6"
    expect "$1" "$3" "$4" "$5" "$6"
}

# --- caused on test:///default -------------------------------------
act virtDomainPaused web1 paused
act virtDomainResumed web1 running
act virtDomainStarted build1 running
act virtDomainShutdown build1 shutdown
act virtDomainDestroyed web1 destroy

# --- sent by snmptrap: cannot happen on test:///default ----------------
web1=$(h_index_of web1)
build1=$(h_index_of build1)
next=$(($(h_walk -Oqn VIRT-MIB::virtDomainName | sed 's/ .*//; s/.*\.//' |
    sort -n | tail -n 1) + 1))
send virtDomainCrashed "$web1" web1 \
    "$(h_get VIRT-MIB::virtDomainUuidString."$web1")" running crashed
send virtDomainDefined "$next" new1 "$(cat /proc/sys/kernel/random/uuid)" \
    absent shutoff
send virtDomainUndefined "$build1" build1 \
    "$(h_get VIRT-MIB::virtDomainUuidString."$build1")" shutoff absent

h_eq "no VIRT-MIB notification unknown to snmptt" 0 \
    "$(cat "$SD"/*.unknown.log 2>/dev/null | grep -c '8072\.9999\.9999\.1\.0\.')"
h_eq "the snmptt daemon logged each once" 8 \
    "$(grep -c ' - virtmib: domain ' "$SD/daemon.log")"
h_eq "virtmib-nagios.conf has virtmib.conf's FORMAT lines" \
    "$(grep '^FORMAT' "$SNMPTT_ETC/virtmib.conf")" \
    "$(grep '^FORMAT' "$SNMPTT_ETC/virtmib-nagios.conf")"
echo "snmptt: took $(($(date +%s) - T0)) s"
h_summary
