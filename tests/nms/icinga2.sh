#!/bin/bash
# icinga2.sh: the shipped etc/icinga2/virtmib.conf (the CheckCommand,
# the service template, the example apply rules) validated by Debian's
# icinga2 (`icinga2 daemon -C`) against a private configuration: a host
# of the live agent with two domains, all under $H_TMP; `icinga2 object
# list` shows the services the rules made.  The daemon itself is not
# run: the shipped rules check every 5 minutes.
. "$(dirname "$0")/nms.sh"

nms_need icinga2
PLUGINS=$abs_top_builddir/plugins
[ -x "$PLUGINS/check_virtmib" ] || h_skip_or_fail "check_virtmib was not built"
id nagios >/dev/null 2>&1 || h_skip_or_fail "no nagios user (icinga2-common)"
nms_start
ID=$H_TMP/icinga2
mkdir -p "$ID/data" "$ID/log" "$ID/cache" "$ID/spool" "$ID/run"
chmod 711 "$H_TMP" # icinga2 drops to the nagios user
cat >"$ID/icinga2.conf" <<CONF
include <itl>
const PluginDir = "$PLUGINS"
include "$abs_top_srcdir/etc/icinga2/virtmib.conf"
object Host "hv1" {
    address = "127.0.0.1"
    check_command = "dummy"
    vars.virtmib_port = $PORT
    vars.virtmib_domains = [ "web1", "db1" ]
}
CONF
chown -R nagios: "$ID"
i2() {
    icinga2 "$@" -c "$ID/icinga2.conf" -DDataDir="$ID/data" \
        -DLogDir="$ID/log" -DCacheDir="$ID/cache" -DSpoolDir="$ID/spool" \
        -DInitRunDir="$ID/run"
}
i2 daemon -C >"$ID/validate.log" 2>&1
h_eq "icinga2 daemon -C accepts virtmib.conf" 0 $?
h_eq "no warning or error" "" \
    "$(grep -E '(warning|critical)/' "$ID/validate.log")"
h_true "the example rules make 5 services for 2 domains" \
    grep -q "Instantiated 5 Services" "$ID/validate.log"
objects=$(icinga2 object list -DCacheDir="$ID/cache" 2>&1)
for o in "'virtmib' of type 'CheckCommand'" "'hv1!state web1' of type 'Service'" \
    "'hv1!state db1' of type 'Service'" "'hv1!cpu web1' of type 'Service'" \
    "'hv1!domains' of type 'Service'"; do
    h_true "object $o" grep -q "^Object $o" <<<"$objects"
done
h_summary
