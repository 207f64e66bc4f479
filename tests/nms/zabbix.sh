#!/bin/bash
# zabbix.sh: Zabbix 6.0 (Debian's server, PostgreSQL and frontend)
# monitors virtmibd with the shipped template and trap receiver.
#
# Private PostgreSQL cluster (runuser postgres, 127.0.0.1, data under
# $H_TMP), Zabbix's schema from the server package, zabbix_server in
# the foreground with its own config, the frontend's API served by
# `php -S` from a private copy of /usr/share/zabbix.  The shipped
# etc/zabbix/virtmib_template.yaml is imported through the API; a host
# polls the master over SNMPv3 authPriv.  Asserted, with the agent's
# own answers as the reference: discovery makes every domain's and
# vcpu's items, their values are the agent's, a 2-vcpu running domain's
# cpu utilisation is 100% per vcpu within 5%, a pause made by an SNMPv3
# SET raises the "paused for more than" trigger no sooner than the
# macro says and a resume clears it, the notifications of both reach
# their snmptrap items through a second snmptrapd loaded with the
# shipped snmptrapd lines and virtmib_trap_receiver.pl, and "stopped
# unexpectedly" opens for a shutdown but not for a destroy written to
# virtDomainAdminState (the one stop the agent records as an admin's).
#
# ZBX_SCREENSHOT=FILE.png also takes a picture of Latest data with
# headless Chromium, when it is installed.
. "$(dirname "$0")/nms.sh"

ZETC=$abs_top_srcdir/etc/zabbix
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
ZSQL=/usr/share/zabbix-server-pgsql
ZUI=/usr/share/zabbix
TPL='VIRT-MIB by SNMP'
# the host's item interval and the paused macro, small for the test
IVAL=5
PAUSED_MAX=10
T0=$(date +%s)

nms_need zabbix_server php psql curl jq runuser "$PGBIN/initdb" "$PGBIN/pg_ctl"
for f in "$ZSQL/schema.sql.gz" "$ZUI/api_jsonrpc.php"; do
    [ -f "$f" ] || h_skip_or_fail "$f is missing (zabbix-server-pgsql," \
        "zabbix-frontend-php)"
done
perl -MNetSNMP::TrapReceiver -e 1 2>/dev/null ||
    h_skip_or_fail "snmptrapd's embedded perl (libsnmp-perl) is missing"

# phase NAME: prints the seconds since the start and NAME
phase() {
    printf '[%4ss] %s\n' "$(($(date +%s) - T0))" "$*"
}

# test_eq WANT COMMAND...: the command prints WANT
test_eq() {
    tewant=$1
    shift
    [ "$("$@")" = "$tewant" ]
}

# die MESSAGE: counts a failure, says why, and ends the test
die() {
    h_true "$*" false
    h_summary
    exit 1
}

# The agent's snmpd also sends its notifications to the Zabbix snmptrapd.
ZTRAPPORT=$(h_free_port)
H_SNMPD_EXTRA="$H_SNMPD_EXTRA
trap2sink 127.0.0.1:$ZTRAPPORT public"
nms_start
trap 'nms_cleanup; pg_stop; h_cleanup' EXIT
phase "agent up: snmpd on udp:127.0.0.1:$PORT"

Z=$H_TMP/zabbix
PGD=$H_TMP/pg
TRAPFILE=$Z/zabbix_traps.tmp
PG_UP=
mkdir -p "$Z" "$PGD"
# postgres runs as its own user: it must reach $H_TMP/pg
chmod 711 "$H_TMP"
chown postgres: "$PGD"

# --- the trap receiver: a second snmptrapd with the shipped lines -------
# snmptrapd.conf.virtmib.in as `make install` writes it, with this
# tree's receiver and a private trapper file.
zbx_trapd() {
    sed -e "s|@zabbixdir@|$ZETC|g" \
        -e "s|^\(perl \$VirtMIB::ZabbixTrapFile = \).*|\1\"$TRAPFILE\";|" \
        "$ZETC/snmptrapd.conf.virtmib.in" >"$Z/snmptrapd.conf"
    : >"$TRAPFILE"
    nms_spawn "$SNMPTRAPD" -f -Lf "$Z/snmptrapd.log" -C \
        -c "$Z/snmptrapd.conf" -p "$Z/snmptrapd.pid" \
        "udp:127.0.0.1:$ZTRAPPORT" 2>"$Z/snmptrapd.err"
    h_wait_until 30 grep -q 'virtmib_trap_receiver: writing' "$Z/snmptrapd.err"
}
h_true "snmptrapd loads virtmib_trap_receiver.pl" zbx_trapd ||
    cat "$Z"/snmptrapd.* >&2

# --- PostgreSQL ---------------------------------------------------------
pg_start() {
    PGPORT=$(nms_free_tcp 20000 32767)
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGD/data" -A trust \
        -U postgres -E UTF8 --locale=C --no-sync >"$PGD/initdb.log" 2>&1 ||
        return 1
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGD/data" -w -t 60 \
        -l "$PGD/postgres.log" -o "-p $PGPORT -k $PGD \
        -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
        -c synchronous_commit=off" start >/dev/null || return 1
    PG_UP=1
}

# Stops the cluster by the pid in its postmaster.pid (pg_ctl stop).
pg_stop() {
    [ -n "$PG_UP" ] || return 0
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGD/data" -m fast -w \
        stop >/dev/null 2>&1
    PG_UP=
}

psql_z() {
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" "$@"
}

# Zabbix's database: schema, images and data in one transaction.
zbx_db() {
    psql_z -U postgres -c 'CREATE ROLE zabbix LOGIN' postgres &&
        psql_z -U postgres -c "CREATE DATABASE zabbix OWNER zabbix
            ENCODING 'UTF8' TEMPLATE template0" postgres || return 1
    gzip -dc "$ZSQL/schema.sql.gz" "$ZSQL/images.sql.gz" \
        "$ZSQL/data.sql.gz" | psql_z -1 -U zabbix zabbix >"$PGD/schema.log" 2>&1
}

pg_start || die "PostgreSQL starts (see $PGD/postgres.log): $(cat "$PGD"/*.log)"
phase "PostgreSQL up on 127.0.0.1:$PGPORT"
zbx_db || die "Zabbix's schema loads: $(tail -n 5 "$PGD/schema.log")"
phase "Zabbix schema, images and data loaded"

# --- zabbix_server ------------------------------------------------------
zbx_conf() {
    cat <<CONF
ListenIP=127.0.0.1
ListenPort=$ZPORT
LogType=file
LogFile=$Z/zabbix_server.log
LogFileSize=0
PidFile=$Z/zabbix_server.pid
SocketDir=$Z
DBHost=127.0.0.1
DBPort=$PGPORT
DBName=zabbix
DBUser=zabbix
AllowRoot=1
StartPollers=2
StartPollersUnreachable=1
StartPreprocessors=2
StartTrappers=1
StartPingers=0
StartDiscoverers=0
StartHTTPPollers=0
StartLLDProcessors=1
StartSNMPTrapper=1
SNMPTrapperFile=$TRAPFILE
CacheUpdateFrequency=2
HousekeepingFrequency=0
UnreachablePeriod=10
UnreachableDelay=2
UnavailableDelay=5
Timeout=10
CONF
}

zbx_up() {
    kill -0 "$ZBX_PID" 2>/dev/null || return 2
    grep -q 'server #0 started' "$Z/zabbix_server.log" 2>/dev/null &&
        [ -n "$(ss -Hnlt "sport = :$ZPORT" 2>/dev/null)" ]
}

zbx_start() {
    ZPORT=$(nms_free_tcp 20000 32767)
    zbx_conf >"$Z/zabbix_server.conf"
    nms_spawn zabbix_server -f -c "$Z/zabbix_server.conf" \
        >"$Z/zabbix_server.out" 2>&1
    ZBX_PID=$!
    h_wait_until 60 zbx_up
}
zbx_start || die "zabbix_server starts: $(tail -n 5 "$Z/zabbix_server.log")"
phase "zabbix_server $(zabbix_server -V | awk 'NR == 1 { print $NF }') on :$ZPORT"

# --- the frontend's API -------------------------------------------------
# Debian's frontend reads /etc/zabbix/zabbix.conf.php, a constant in
# CConfigFile.php: a private copy (hard links where it can) gets its own
# CConfigFile.php (sed -i writes a new file; the package's is untouched)
# naming $Z/zabbix.conf.php.
ui_conf() {
    cat <<PHP
<?php
\$DB['TYPE'] = 'POSTGRESQL';
\$DB['SERVER'] = '127.0.0.1';
\$DB['PORT'] = '$PGPORT';
\$DB['DATABASE'] = 'zabbix';
\$DB['USER'] = 'zabbix';
\$DB['PASSWORD'] = '';
\$DB['SCHEMA'] = '';
\$DB['ENCRYPTION'] = false;
\$DB['DOUBLE_IEEE754'] = true;
\$ZBX_SERVER = '127.0.0.1';
\$ZBX_SERVER_PORT = '$ZPORT';
\$ZBX_SERVER_NAME = 'virtmib test';
\$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
PHP
}

ui_start() {
    cp -al "$ZUI" "$Z/ui" 2>/dev/null || cp -a "$ZUI" "$Z/ui" || return 1
    sed -i "s|'/etc/zabbix/zabbix.conf.php'|'$Z/zabbix.conf.php'|" \
        "$Z/ui/include/classes/core/CConfigFile.php"
    grep -q "'$Z/zabbix.conf.php'" "$Z/ui/include/classes/core/CConfigFile.php" ||
        return 1
    ui_conf >"$Z/zabbix.conf.php"
    WPORT=$(nms_free_tcp 20000 32767)
    API=http://127.0.0.1:$WPORT/api_jsonrpc.php
    # for a screenshot, the locale the frontend wants (no warning box)
    locpath=
    if [ -n "${ZBX_SCREENSHOT:-}" ] && mkdir -p "$Z/locale" &&
        localedef -i en_US -f UTF-8 "$Z/locale/en_US.UTF-8" 2>/dev/null; then
        locpath=$Z/locale
    fi
    nms_spawn env ${locpath:+LOCPATH="$locpath"} php -d memory_limit=512M -d post_max_size=16M \
        -d max_execution_time=300 -d date.timezone=UTC \
        -S "127.0.0.1:$WPORT" -t "$Z/ui" >"$Z/php.log" 2>&1
    h_wait_until 60 zapi apiinfo.version '{}' >/dev/null 2>&1
}

ZAUTH=
# zapi METHOD PARAMS-JSON: the call's result as JSON; false, with the
# answer on stderr, on a JSON-RPC error.
zapi() {
    body=$(jq -nc --arg m "$1" --argjson p "$2" --arg a "$ZAUTH" \
        '{jsonrpc: "2.0", method: $m, params: $p, id: 1} +
         (if $a == "" then {} else {auth: $a} end)') || return 1
    ans=$(curl -sS -m 120 -H 'Content-Type: application/json-rpc' \
        -d "$body" "$API") || return 1
    if ! jq -e 'has("result")' <<<"$ans" >/dev/null 2>&1; then
        echo "API $1: $ans" >&2
        return 1
    fi
    jq -c .result <<<"$ans"
}

ui_start || die "the frontend's API answers on :$WPORT: $(tail -n 5 "$Z/php.log")"
phase "frontend API $(zapi apiinfo.version '{}') on :$WPORT"
ZAUTH=$(zapi user.login '{"username": "Admin", "password": "zabbix"}' |
    jq -r .) || die "user.login as Admin"

# The stock "Zabbix server" host polls an agent on :10050 that is not
# there: disabled, so that only our host is polled.
zsrv=$(zapi host.get '{"filter": {"host": ["Zabbix server"]},
    "output": ["hostid"]}' | jq -r '.[0].hostid // empty')
[ -z "$zsrv" ] || zapi host.update "{\"hostid\": \"$zsrv\", \"status\": 1}" >/dev/null

# --- the template, as shipped, and a host using it ----------------------
tpl_import() {
    src=$(jq -Rs . <"$ZETC/virtmib_template.yaml")
    rules='{"groups": {"createMissing": true},
        "templates": {"createMissing": true, "updateExisting": true},
        "items": {"createMissing": true, "updateExisting": true},
        "discoveryRules": {"createMissing": true, "updateExisting": true},
        "triggers": {"createMissing": true, "updateExisting": true},
        "valueMaps": {"createMissing": true, "updateExisting": true}}'
    zapi configuration.import "{\"format\": \"yaml\", \"source\": $src,
        \"rules\": $rules}" >/dev/null
}

# host.create: SNMPv3 authPriv (SHA, AES) as $NMS_V3_USER on the master;
# short intervals and a short paused macro.
host_create() {
    tplid=$(zapi template.get "{\"filter\": {\"host\": [\"$TPL\"]},
        \"output\": [\"templateid\"]}" | jq -r '.[0].templateid // empty')
    [ -n "$tplid" ] || return 1
    gid=$(zapi hostgroup.create '{"name": "virtmib"}' | jq -r '.groupids[0]')
    HOSTID=$(zapi host.create "$(jq -nc --arg port "$PORT" --arg g "$gid" \
        --arg t "$tplid" --arg u "$NMS_V3_USER" --arg a "$NMS_V3_AUTH" \
        --arg x "$NMS_V3_PRIV" --arg i "${IVAL}s" --arg p "${PAUSED_MAX}s" '{
        host: "virtmib-agent", groups: [{groupid: $g}],
        templates: [{templateid: $t}],
        interfaces: [{type: 2, main: 1, useip: 1, ip: "127.0.0.1", dns: "",
            port: $port, details: {version: 3, bulk: 1, securityname: $u,
            securitylevel: 2, authprotocol: 1, authpassphrase: $a,
            privprotocol: 1, privpassphrase: $x, contextname: ""}}],
        macros: [{macro: "{$VIRTMIB.INTERVAL}", value: $i},
            {macro: "{$VIRTMIB.INTERVAL.SLOW}", value: $i},
            {macro: "{$VIRTMIB.LLD.INTERVAL}", value: $i},
            {macro: "{$VIRTMIB.PAUSED.MAX}", value: $p}]}')" |
        jq -r '.hostids[0] // empty')
    [ -n "$HOSTID" ] || return 1
    zabbix_server -c "$Z/zabbix_server.conf" -R config_cache_reload >/dev/null
}

h_true "the shipped template imports through configuration.import" tpl_import ||
    die "the template imports"
host_create || die "host.create with the template and an SNMPv3 interface"
phase "template imported, host $HOSTID polls 127.0.0.1:$PORT over SNMPv3"

# --- what the agent serves, and what Zabbix made of it ------------------
ITEMS=$Z/items.json
# Fetches the host's items into $ITEMS.
items_fetch() {
    zapi item.get "{\"hostids\": [\"$HOSTID\"], \"output\": [\"itemid\",
        \"key_\", \"name\", \"lastvalue\", \"lastclock\", \"state\", \"error\"]}" \
        >"$ITEMS.new" && mv "$ITEMS.new" "$ITEMS"
}

# item FIELD KEY: that field of the item with that key ("" if none).
item() {
    jq -r --arg k "$2" --arg f "$1" '.[] | select(.key_ == $k) | .[$f]' "$ITEMS"
}

# The agent's domains: "INDEX UUID NAME" lines.
domains() {
    h_walk -Oq VIRT-MIB::virtDomainUuidString | while read -r oid uuid; do
        i=${oid##*.}
        echo "$i $uuid $(h_get "VIRT-MIB::virtDomainName.$i")"
    done
}
# The agent's vcpu rows: "DOMINDEX.VCPU".
vcpus() {
    h_walk -On VIRT-MIB::virtVcpuCpu | awk '{ n = split($1, p, ".");
        print p[n - 1] "." p[n] }'
}
DOMAINS=$(domains)
VCPUS=$(vcpus)
DKEYS="state adminstate memory maxmemory vcpus cpu.util persistent"
VKEYS="cputime cpu.util cpu state"

# Every key discovery must make: per domain by UUID, per vcpu by index.
want_keys() {
    while read -r i uuid name; do
        for k in $DKEYS; do echo "virtmib.domain.$k[$uuid]"; done
        echo "snmptrap[\"virtDomainDestroyed domain=[^ ]* uuid=$uuid\"]"
    done <<<"$DOMAINS"
    for v in $VCPUS; do
        for k in $VKEYS; do echo "virtmib.vcpu.$k[${v%.*},${v#*.}]"; done
    done
}

missing_keys() {
    items_fetch || return 1
    want_keys | while read -r k; do
        [ -n "$(item key_ "$k")" ] || echo "$k"
    done
}

discovered() {
    [ -z "$(missing_keys)" ]
}

DBOUND=$((20 * IVAL + $(h_poll_bound)))
h_true "discovery makes every domain's and vcpu's items (within $DBOUND s)" \
    h_wait_until "$DBOUND" discovered ||
    echo "missing: $(missing_keys | tr '\n' ' ')" >&2
phase "discovery: $(want_keys | wc -l) items for $(wc -l <<<"$DOMAINS") domains and $(wc -w <<<"$VCPUS") vcpus"

# Item names carry the domain name.
while read -r i uuid name; do
    h_eq "the state item of $uuid is named after its domain" \
        "Domain $name: state" "$(item name "virtmib.domain.state[$uuid]")"
done <<<"$DOMAINS"

# Each domain gets the 4 triggers of the template's prototypes.
domain_triggers() {
    zapi trigger.get "{\"hostids\": [\"$HOSTID\"], \"expandDescription\": true,
        \"output\": [\"description\"]}" | jq -r --arg n "$1" '[.[] |
        select(.description | startswith("Domain " + $n + " has crashed")
            or startswith("Domain " + $n + " has been paused for more than")
            or startswith("Domain " + $n + " stopped unexpectedly")
            or startswith("Domain " + $n + ": memory at"))] | length'
}
while read -r i uuid name; do
    h_true "domain $name has its 4 triggers" h_wait_until "$DBOUND" \
        test_eq 4 domain_triggers "$name"
done <<<"$DOMAINS"

# --- values: Zabbix's last values are the agent's -----------------------
# "KEY OBJECT MULTIPLIER": an item and the agent's object it must equal
# (times the template's multiplier: MiB to bytes).
value_pairs() {
    echo "virtmib.node.cpus virtNodeCpus.0 1"
    echo "virtmib.node.memory virtNodeMemory.0 1048576"
    echo "virtmib.node.domains.active virtNodeActiveDomains.0 1"
    echo "virtmib.node.domains.defined virtNodeDefinedDomains.0 1"
    echo "virtmib.node.stale virtNodeStale.0 1"
    echo "virtmib.node.domains.unsaved virtNodeUnsavedDomains.0 1"
    echo "virtmib.node.notifications virtNodeNotificationsEnabled.0 1"
    echo "virtmib.node.hypervisor virtNodeHypervisorType.0 -"
    while read -r i uuid name; do
        echo "virtmib.domain.state[$uuid] virtDomainState.$i 1"
        echo "virtmib.domain.adminstate[$uuid] virtDomainAdminState.$i 1"
        echo "virtmib.domain.memory[$uuid] virtDomainMemory.$i 1048576"
        echo "virtmib.domain.maxmemory[$uuid] virtDomainMaxMemory.$i 1048576"
        echo "virtmib.domain.vcpus[$uuid] virtDomainVcpus.$i 1"
        echo "virtmib.domain.persistent[$uuid] virtDomainPersistent.$i 1"
    done <<<"$DOMAINS"
    for v in $VCPUS; do
        echo "virtmib.vcpu.cpu[${v%.*},${v#*.}] virtVcpuCpu.$v 1"
        echo "virtmib.vcpu.state[${v%.*},${v#*.}] virtVcpuState.$v 1"
    done
}

# same KEY OBJECT MULTIPLIER: the item's last value equals the agent's
# answer now (numbers compared as numbers: Zabbix writes 1 as 1.0000
# in a float item).
same() {
    [ "$(item lastclock "$1")" != 0 ] || return 1
    z=$(item lastvalue "$1")
    a=$(h_get -OUe "VIRT-MIB::$2" 2>/dev/null) || return 1
    if [ "$3" = - ]; then
        [ "$z" = "$a" ]
        return
    fi
    awk -v z="$z" -v a="$a" -v m="$3" 'BEGIN { exit !(z != "" && z == a * m) }'
}

# Prints the pairs that differ, with both values.
differing() {
    items_fetch || return 1
    value_pairs | while read -r k o m; do
        same "$k" "$o" "$m" ||
            echo "$k: zabbix '$(item lastvalue "$k")' agent '$(h_get -OUe "VIRT-MIB::$o" 2>/dev/null)' x$m"
    done
}

all_same() {
    differing >"$Z/differing"
    [ ! -s "$Z/differing" ]
}

VBOUND=$((6 * IVAL + $(h_poll_bound)))
h_true "every item's last value is the agent's (within $VBOUND s)" \
    h_wait_until "$VBOUND" all_same || cat "$Z/differing" >&2
phase "values: $(value_pairs | wc -l) items equal the agent's answers"

# --- cpu utilisation: 100% per vcpu of a running domain -----------------
WEB1=$(h_index_of web1)
WEB1_UUID=$(h_get VIRT-MIB::virtDomainUuidString."$WEB1")
WEB1_VCPUS=$(h_get -OU VIRT-MIB::virtDomainVcpus."$WEB1")
CPU_KEY="virtmib.domain.cpu.util[$WEB1_UUID]"
CPU_N=3

# The last values of a float item, oldest first, one per line.
history_of() {
    id=$(jq -r --arg k "$1" '.[] | select(.key_ == $k) | .itemid' "$ITEMS")
    zapi history.get "{\"itemids\": [\"$id\"], \"history\": 0,
        \"sortfield\": \"clock\", \"sortorder\": \"DESC\", \"limit\": $2,
        \"output\": [\"clock\", \"value\"]}" | jq -r 'reverse | .[].value'
}

cpu_values() {
    items_fetch || return 1
    history_of "$CPU_KEY" "$CPU_N" >"$Z/cpu.values"
    [ "$(wc -l <"$Z/cpu.values")" -ge "$CPU_N" ]
}

h_true "$CPU_N cpu utilisation values of web1" \
    h_wait_until $(((CPU_N + 2) * IVAL + $(h_poll_bound))) cpu_values
want=$((100 * WEB1_VCPUS))
for v in $(cat "$Z/cpu.values"); do
    h_true "web1's cpu utilisation $v% is within 5% of $want%" \
        awk -v v="$v" -v w="$want" 'BEGIN { d = v - w; if (d < 0) d = -d;
            exit !(d <= 0.05 * w) }'
done
echo "zabbix: web1 cpu utilisation ($WEB1_VCPUS vcpus, want $want%): $(tr '\n' ' ' <"$Z/cpu.values")"

# --- ZBX_SCREENSHOT=FILE: Latest data of the domains, as an operator sees it
# index.php signs in from the request's fields and goes on to "request".
screenshot() {
    page="zabbix.php?action=latest.view&hostids%5B%5D=$HOSTID&name=Domain&evaltype=0&tags%5B0%5D%5Btag%5D=domain&tags%5B0%5D%5Boperator%5D=4&tags%5B0%5D%5Bvalue%5D=&show_tags=1&filter_set=1"
    url="http://127.0.0.1:$WPORT/index.php?enter=Sign+in&name=Admin&password=zabbix&request=$(jq -rn --arg p "$page" '$p | @uri')"
    rm -f "$ZBX_SCREENSHOT"
    timeout -k 10 120 chromium --headless --no-sandbox --disable-gpu \
        --hide-scrollbars --user-data-dir="$Z/chromium" \
        --window-size=1440,1500 --virtual-time-budget=15000 \
        --screenshot="$ZBX_SCREENSHOT" "$url" >"$Z/chromium.log" 2>&1
    [ -s "$ZBX_SCREENSHOT" ]
}
if [ -n "${ZBX_SCREENSHOT:-}" ] && command -v chromium >/dev/null 2>&1; then
    h_true "a screenshot of Latest data in $ZBX_SCREENSHOT" screenshot ||
        tail -n 5 "$Z/chromium.log" >&2
    phase "screenshot of Latest data taken"
fi

# --- a pause by SNMPv3 SET raises the paused trigger; a resume clears it -
# trigger_value REGEX: the value (0 OK, 1 problem) of the host's trigger
# whose expanded name matches.
trigger_value() {
    zapi trigger.get "{\"hostids\": [\"$HOSTID\"], \"expandDescription\": true,
        \"output\": [\"description\", \"value\", \"lastchange\"]}" |
        jq -r --arg re "$1" '.[] | select(.description | test($re)) |
            "\(.value) \(.lastchange)"' | head -n 1
}

# trigger_is VALUE REGEX: that trigger has that value.
trigger_is() {
    set -- "$1" "$(trigger_value "$2")"
    [ "${2%% *}" = "$1" ]
}

PAUSED_RE="^Domain %s has been paused for more than ${PAUSED_MAX}s\$"
TBOUND=$((PAUSED_MAX + 4 * IVAL + $(h_poll_bound)))
# a domain that is paused from the start shows as a problem
while read -r i uuid name; do
    [ "$(h_get -Oe "VIRT-MIB::virtDomainState.$i")" = 3 ] || continue
    # shellcheck disable=SC2059
    h_true "$name, paused from the start, is a problem" \
        h_wait_until "$TBOUND" trigger_is 1 "$(printf "$PAUSED_RE" "$name")"
done <<<"$DOMAINS"
# shellcheck disable=SC2059
WEB1_RE=$(printf "$PAUSED_RE" web1)
h_true "web1 (running) is no paused problem" trigger_is 0 "$WEB1_RE"

WEB1_STATE=$(h_get VIRT-MIB::virtDomainState."$WEB1")
t_set=$(date +%s)
h_true "SNMPv3 SET virtDomainAdminState.$WEB1 = paused(2)" \
    nms_v3 snmpset -Oq "VIRT-MIB::virtDomainAdminState.$WEB1" i 2 >/dev/null
h_true "the paused trigger of web1 fires (within $TBOUND s)" \
    h_wait_until "$TBOUND" trigger_is 1 "$WEB1_RE"
fired=$(trigger_value "$WEB1_RE")
fired=${fired#* }
[ -n "$fired" ] || fired=0
# it needs a paused sample PAUSED_MAX old, taken after the SET
h_true "it fired no sooner than ${PAUSED_MAX}s after the SET ($((fired - t_set)) s)" \
    test $((fired - t_set)) -ge "$PAUSED_MAX"
phase "web1 paused: its trigger fired $((fired - t_set)) s after the SET"

h_true "SNMPv3 SET virtDomainAdminState.$WEB1 = running(1)" \
    nms_v3 snmpset -Oq "VIRT-MIB::virtDomainAdminState.$WEB1" i 1 >/dev/null
h_true "the paused trigger of web1 clears after the resume" \
    h_wait_until "$((4 * IVAL + $(h_poll_bound)))" trigger_is 0 "$WEB1_RE"
phase "web1 resumed: its trigger is OK again"

# --- the notifications of both, in their snmptrap items -----------------
# trap_has NAME TEXT: the snmptrap item of NAME holds TEXT.
trap_has() {
    items_fetch || return 1
    item lastvalue "snmptrap[\"$1 domain=\"]" | grep -qF "$2"
}
line="virtDomainPaused domain=web1 uuid=$WEB1_UUID old=$WEB1_STATE new=paused"
h_true "the trap item virtDomainPaused holds '$line'" \
    h_wait_until "$(h_poll_bound)" trap_has virtDomainPaused "$line" ||
    cat "$TRAPFILE" >&2
line="virtDomainResumed domain=web1 uuid=$WEB1_UUID old=paused new=$WEB1_STATE"
h_true "the trap item virtDomainResumed holds '$line'" \
    h_wait_until "$(h_poll_bound)" trap_has virtDomainResumed "$line" ||
    cat "$TRAPFILE" >&2
phase "notifications: virtDomainPaused and virtDomainResumed in their items"

# --- "stopped unexpectedly": a stop that is no admin's destroy ----------
# A shutdown, which the agent reports as virtDomainShutdown like the
# guest's own, opens it; starting the domain again closes it.
STOP_RE="^Domain web1 stopped unexpectedly\$"
zbx_state_is() {
    items_fetch && [ "$(item lastvalue "virtmib.domain.state[$WEB1_UUID]")" = "$1" ]
}
SBOUND=$((4 * IVAL + $(h_poll_bound)))
h_true "web1's 'stopped unexpectedly' trigger is OK while it runs" \
    trigger_is 0 "$STOP_RE"
h_true "SNMPv3 SET virtDomainAdminState.$WEB1 = shutdown(3)" \
    nms_v3 snmpset -Oq "VIRT-MIB::virtDomainAdminState.$WEB1" i 3 >/dev/null
h_true "then 'Domain web1 stopped unexpectedly' is a problem" \
    h_wait_until "$SBOUND" trigger_is 1 "$STOP_RE"
h_true "SNMPv3 SET virtDomainAdminState.$WEB1 = running(1) starts it again" \
    nms_v3 snmpset -Oq "VIRT-MIB::virtDomainAdminState.$WEB1" i 1 >/dev/null
h_true "and the problem is resolved" h_wait_until "$SBOUND" trigger_is 0 "$STOP_RE"
h_true "Zabbix sees web1 running again" h_wait_until "$SBOUND" zbx_state_is 1
phase "web1 shut down: 'stopped unexpectedly'; started: resolved"

# --- a destroy by an administrator is no "stopped unexpectedly" ---------
DKEY="snmptrap[\"virtDomainDestroyed domain=[^ ]* uuid=$WEB1_UUID\"]"
# destroyed_seen: Zabbix has web1 shut off and its virtDomainDestroyed
destroyed_seen() {
    zbx_state_is 5 &&
        item lastvalue "$DKEY" | grep -qF "virtDomainDestroyed domain=web1"
}
h_true "SNMPv3 SET virtDomainAdminState.$WEB1 = destroy(5)" \
    nms_v3 snmpset -Oq "VIRT-MIB::virtDomainAdminState.$WEB1" i 5 >/dev/null
h_true "Zabbix sees web1 shut off, and its virtDomainDestroyed in web1's trap item" \
    h_wait_until "$SBOUND" destroyed_seen
h_true "web1's 'stopped unexpectedly' trigger is OK after the admin's destroy" \
    h_wait_until "$(h_poll_bound)" trigger_is 0 "$STOP_RE"
phase "web1 destroyed by the admin: no unexpected-stop problem"


echo "zabbix: $(($(date +%s) - T0)) s from the agent's start to the last check"
h_summary
