#!/bin/bash
# nagios.sh: Nagios 4 (Debian's nagios4-core) with the shipped
# etc/nagios/virtmib.cfg and virtmib-example.cfg, from the source tree.
# `nagios4 -v` must load them with 0 warnings and 0 errors; then the
# daemon runs check_virtmib (SNMPv3 authPriv) against the live agent and
# status.dat shows web1's state OK, CRITICAL (the plugin's default for
# paused) after a pause by SNMP, and OK after the resume.
#
# Private: nagios.cfg, objects, status and check results under $H_TMP
# (nothing of /etc/nagios4 is read); nagios4 is a foreground child,
# stopped by pid; it drops to the nagios user, so its dirs are its own.
. "$(dirname "$0")/nms.sh"

NAGIOS=/usr/sbin/nagios4
PLUGINS=$abs_top_builddir/plugins
nms_need "$NAGIOS"
[ -x "$PLUGINS/check_virtmib" ] || h_skip_or_fail "check_virtmib was not built"
id nagios >/dev/null 2>&1 || h_skip_or_fail "no nagios user (nagios4-core)"
nms_start
ND=$H_TMP/nagios
mkdir -p "$ND/rw" "$ND/tmp" "$ND/checkresults" "$ND/state"
chmod 711 "$H_TMP" # the nagios user walks through to $ND only
SHIPPED=$abs_top_srcdir/etc/nagios

# Checks every second or so: interval_length=1 makes the templates'
# intervals seconds; status.dat rewritten every second; the plugin's -t 8
# well inside service_check_timeout.
cat >"$ND/nagios.cfg" <<CFG
cfg_file=$SHIPPED/virtmib.cfg
cfg_file=$SHIPPED/virtmib-example.cfg
cfg_file=$ND/site.cfg
resource_file=$ND/resource.cfg
log_file=$ND/nagios.log
object_cache_file=$ND/objects.cache
precached_object_file=$ND/objects.precache
status_file=$ND/status.dat
status_update_interval=1
nagios_user=nagios
nagios_group=nagios
check_external_commands=0
command_file=$ND/rw/nagios.cmd
query_socket=$ND/rw/nagios.qh
lock_file=$ND/nagios.pid
temp_file=$ND/nagios.tmp
temp_path=$ND/tmp
check_result_path=$ND/checkresults
check_result_reaper_frequency=1
retain_state_information=0
state_retention_file=$ND/retention.dat
interval_length=1
service_inter_check_delay_method=n
host_inter_check_delay_method=n
max_service_check_spread=1
max_host_check_spread=1
max_concurrent_checks=16
service_check_timeout=20
host_check_timeout=20
use_syslog=0
log_rotation_method=n
log_initial_states=1
enable_notifications=0
enable_event_handlers=0
enable_flap_detection=0
check_for_updates=0
process_performance_data=0
illegal_macro_output_chars=\`~\$&|'"<>
CFG
echo "\$USER1\$=$PLUGINS" >"$ND/resource.cfg"

# What a site adds: a period, a contact, the host of the agent.
cat >"$ND/site.cfg" <<OBJ
define timeperiod {
    timeperiod_name 24x7
    alias           always
    sunday          00:00-24:00
    monday          00:00-24:00
    tuesday         00:00-24:00
    wednesday       00:00-24:00
    thursday        00:00-24:00
    friday          00:00-24:00
    saturday        00:00-24:00
}
define command {
    command_name    notify_nobody
    command_line    /bin/true
}
define contact {
    contact_name                    nobody
    host_notifications_enabled      0
    service_notifications_enabled   0
    host_notification_period        24x7
    service_notification_period     24x7
    host_notification_options       n
    service_notification_options    n
    host_notification_commands      notify_nobody
    service_notification_commands   notify_nobody
}
define host {
    use             virtmib-host
    host_name       hv1
    address         127.0.0.1
    contacts        nobody
    _VIRTMIB_SNMP   -p $PORT -P 3 -L authPriv -U $NMS_V3_USER -a SHA -A $NMS_V3_AUTH -x AES -X $NMS_V3_PRIV
}
OBJ
chown -R nagios: "$ND"

"$NAGIOS" -v "$ND/nagios.cfg" >"$ND/verify.log" 2>&1
h_eq "nagios4 -v accepts the shipped definitions" 0 $?
h_eq "nagios4 -v: 0 warnings" "Total Warnings: 0" \
    "$(grep -o 'Total Warnings: [0-9]*' "$ND/verify.log")"
h_eq "nagios4 -v: 0 errors" "Total Errors:   0" \
    "$(grep -o 'Total Errors: *[0-9]*' "$ND/verify.log")"
grep -E '^(Warning|Error)' "$ND/verify.log" >&2

# The cpu mode's state files go to a directory of the nagios user.
NAGIOS_PLUGIN_STATE_DIRECTORY=$ND/state nms_spawn "$NAGIOS" "$ND/nagios.cfg" \
    >"$ND/stdout.log" 2>&1

# field SERVICE FIELD: that field of SERVICE's servicestatus block in
# status.dat, once the service has been checked.
field() {
    awk -v d="$1" -v f="$2" '
        /^servicestatus \{/ { s = 1; desc = ""; val = ""; chk = "" }
        s && index($0, "\tservice_description=") == 1 { desc = substr($0, index($0, "=") + 1) }
        s && index($0, "\thas_been_checked=") == 1 { chk = substr($0, index($0, "=") + 1) }
        s && index($0, "\t" f "=") == 1 { val = substr($0, index($0, "=") + 1) }
        s && /^\t\}/ { s = 0; if (desc == d && chk == 1) print val }
    ' "$ND/status.dat" 2>/dev/null
}
is() {
    [ "$(field "$1" current_state)" = "$2" ]
}
checked() {
    [ -n "$(field "$1" current_state)" ]
}

# The first results come within one check interval of the start, the
# daemon's own start and a loaded machine's slowness (the bound below).
bound=$(($(h_poll_bound) + 30))
h_true "status.dat shows web1 state OK" h_wait_until "$bound" is "web1 state" 0
h_true "web1 state says running ($(field 'web1 state' plugin_output))" \
    grep -q "^VIRTMIB STATE OK - web1 is running" <<<"$(field 'web1 state' plugin_output)"

# Every example service runs its command: checked, the plugin's line,
# never UNKNOWN (which a wrong command line or option would give).
services=$(sed -n 's/^ *service_description *//p' "$SHIPPED/virtmib-example.cfg")
while read -r svc; do
    h_true "'$svc' checked" h_wait_until "$bound" checked "$svc"
    out=$(field "$svc" plugin_output)
    h_true "'$svc' runs check_virtmib ($out)" grep -q '^VIRTMIB ' <<<"$out"
    h_true "'$svc' is not UNKNOWN ($out)" test "$(field "$svc" current_state)" != 3
done <<<"$services"
db1=$(h_index_of db1)
[ "$(h_get "VIRT-MIB::virtDomainState.$db1")" = paused ] && want=1 || want=0
h_true "db1 state (--warning-states paused) is $want" is "db1 state" "$want"
cpu_rated() {
    field "web1 cpu" plugin_output | grep -q "web1 uses [0-9.]*% cpu"
}
h_true "web1 cpu: a rate from the previous check's sample" \
    h_wait_until "$bound" cpu_rated

# A pause by SNMP: CRITICAL (the plugin's default for paused); resumed: OK.
web1=$(h_index_of web1)
h_set "VIRT-MIB::virtDomainAdminState.$web1" i paused >/dev/null
t0=$(date +%s)
h_true "after the pause, status.dat shows web1 state CRITICAL" \
    h_wait_until "$bound" is "web1 state" 2
echo "nagios: web1 state CRITICAL $(($(date +%s) - t0)) s after the pause"
h_true "... saying paused ($(field 'web1 state' plugin_output))" \
    grep -q "^VIRTMIB STATE CRITICAL - web1 is paused" <<<"$(field 'web1 state' plugin_output)"
h_true "nagios.log has the alert" \
    h_wait_log "$ND/nagios.log" "SERVICE ALERT: hv1;web1 state;CRITICAL;" "$bound"
h_set "VIRT-MIB::virtDomainAdminState.$web1" i running >/dev/null
h_true "after the resume, status.dat shows web1 state OK" \
    h_wait_until "$bound" is "web1 state" 0
h_eq "nagios4 still runs" 0 "$(kill -0 "$(cut -d' ' -f1 <<<"$NMS_PIDS")" 2>/dev/null; echo $?)"
h_summary
