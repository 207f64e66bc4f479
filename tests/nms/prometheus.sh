#!/bin/bash
# prometheus.sh: Debian 12's prometheus-snmp-exporter (0.21) serves the
# shipped module (etc/prometheus/snmp.yml) from a live virtmibd, as a
# Prometheus server would scrape it: every domain's metrics labelled
# with its name and uuid, values equal to what the agent answers (memory,
# max memory, vcpus, state, admin state, persistence, each vcpu's
# physical cpu, the node's counts); the cpu time of each running domain,
# scraped twice 10 s apart, gives a rate within 5% of its vcpus (on
# test:///default every vcpu of a running domain is busy all the time,
# docs/testnode.5); a pause made by SNMPv3 shows as the paused state
# and the rate then drops to 0.  The package's generator builds a module
# from VIRT-MIB and etc/prometheus/generator.yml that the exporter
# serves too.  A master that does not answer gives a failed scrape (what
# Prometheus counts as up == 0); a master without virtmibd a scrape with
# no virt_ series (the two cases of the shipped alert rules, which
# promtool checks when it is installed: it comes only with the
# prometheus package, 316 MiB, which the stage does not install).
# PROM_SCREENSHOT=FILE.png, with prometheus and chromium installed, also
# runs a Prometheus server on the shipped job and rules, checks its rate
# of web1's cpu time and its rules, and photographs its graph page.
. "$(dirname "$0")/nms.sh"

PROM_ETC=$abs_top_srcdir/etc/prometheus
T0=$(date +%s)
nms_need prometheus-snmp-exporter prometheus-snmp-generator curl
nms_start

# exporter_start CONFIG NAME: runs an exporter on a free 127.0.0.1 TCP
# port, its log in $H_TMP/NAME.log; sets EXPORTER to host:port once it
# answers HTTP.  Another port is tried if the exporter exits (a port
# taken meanwhile).
exporter_start() {
    tries=0
    while [ $tries -lt 5 ]; do
        tries=$((tries + 1))
        EXPORTER=127.0.0.1:$(nms_free_tcp)
        nms_spawn prometheus-snmp-exporter --config.file="$1" \
            --web.listen-address="$EXPORTER" >"$H_TMP/$2.log" 2>&1
        pid=$!
        if h_wait_until "$H_START_SECS" exporter_up "$pid"; then
            return 0
        fi
    done
    h_log "$2 did not start: $(cat "$H_TMP/$2.log")"
    return 1
}

# exporter_up PID: the exporter answers, or (1) it is gone.
exporter_up() {
    kill -0 "$1" 2>/dev/null || return 1
    curl -sf -m 5 -o /dev/null "http://$EXPORTER/"
}

# scrape MODULE [TARGET]: what Prometheus would get for TARGET (default
# the harness's master) through the module; fails on an HTTP error.
scrape() {
    curl -sf -m 30 \
        "http://$EXPORTER/snmp?module=$1&target=${2:-127.0.0.1:$PORT}"
}

# scrape_to FILE: a scrape with the virtmib module into FILE.
scrape_to() {
    scrape virtmib >"$1"
}

# sample FILE KEY: the value of the series KEY (name{labels}, as the
# exporter prints them: labels in name order) in the scrape FILE.
sample() {
    awk -v k="$2" 'index($0, k " ") == 1 { print $2 }' "$1"
}

# as_int NUMBER: the exporter prints floats (3e+06); the agent integers.
as_int() {
    awk -v v="$1" 'BEGIN { if (v != "") printf "%.0f\n", v }'
}

# label_values FILE METRIC LABEL: the values of LABEL over the series
# of METRIC, sorted.
label_values() {
    grep "^$2{" "$1" | sed -n "s/.*[{,]$3=\"\\([^\"]*\\)\".*/\\1/p" | sort
}

# The agent's domains: "INDEX NAME" lines.
agent_domains() {
    h_walk -Oq VIRT-MIB::virtDomainName |
        sed -n 's/^VIRT-MIB::virtDomainName\.\([0-9]*\) \(.*\)$/\1 \2/p'
}

# check_enum FILE METRIC KEYPREFIX EXPECTED: EXPECTED is the one state
# of the state set whose series is 1.
check_enum() {
    h_eq "$2 of ${3#*domain=}" "$4" \
        "$(grep -F "$2{$3," "$1" | awk '$2 == 1' |
            sed -n "s/.*,$2=\"\\([^\"]*\\)\"} .*/\\1/p" | tr '\n' ' ' |
            sed 's/ $//')"
}

# check_domain FILE INDEX NAME: each metric of the domain equals the
# agent's object.
check_domain() {
    uuid=$(h_get VIRT-MIB::virtDomainUuidString."$2")
    key="domain=\"$3\",uuid=\"$uuid\""
    for pair in memory_mebibytes:Memory max_memory_mebibytes:MaxMemory \
        vcpus:Vcpus id:Id; do
        h_eq "virt_domain_${pair%:*} of $3" \
            "$(h_get -OU VIRT-MIB::virtDomain"${pair#*:}"."$2")" \
            "$(as_int "$(sample "$1" "virt_domain_${pair%:*}{$key}")")"
    done
    check_enum "$1" virt_domain_state "$key" \
        "$(h_get VIRT-MIB::virtDomainState."$2")"
    check_enum "$1" virt_domain_admin_state "$key" \
        "$(h_get VIRT-MIB::virtDomainAdminState."$2")"
    h_eq "virt_domain_persistence_info of $3" 1 "$(sample "$1" \
        "virt_domain_persistence_info{$key,virt_domain_persistence=\"$(h_get VIRT-MIB::virtDomainPersistent."$2")\"}")"
    check_vcpus "$1" "$2" "$3" "$key"
}

# check_vcpus FILE INDEX NAME KEY: an active domain has one series per
# vcpu, each on the physical cpu the agent gives; an inactive one none.
check_vcpus() {
    n=0
    if [ "$(h_get -Ot VIRT-MIB::virtDomainId."$2")" != -1 ]; then
        n=$(h_get -OU VIRT-MIB::virtDomainVcpus."$2")
    fi
    h_eq "vcpu series of $3" "$n" \
        "$(grep -c "^virt_vcpu_cpu_time_nanoseconds_total{$4,vcpu=" "$1")"
    v=0
    while [ $v -lt "$n" ]; do
        h_eq "virt_vcpu_physical_cpu of $3 vcpu $v" \
            "$(h_get VIRT-MIB::virtVcpuCpu."$2.$v")" \
            "$(as_int "$(sample "$1" "virt_vcpu_physical_cpu{$4,vcpu=\"$v\"}")")"
        v=$((v + 1))
    done
}

# check_node FILE: the node's scalars.
check_node() {
    for pair in cpus:Cpus memory_mebibytes:Memory max_cpus:MaxCpus \
        active_domains:ActiveDomains defined_domains:DefinedDomains \
        stale:Stale hypervisor_version:HypervisorVersion; do
        h_eq "virt_node_${pair%:*}" \
            "$(h_get -OU -Oe VIRT-MIB::virtNode"${pair#*:}".0)" \
            "$(as_int "$(sample "$1" "virt_node_${pair%:*}")")"
    done
}

# --- the shipped module: parsed, then served -------------------------
h_true "snmp.yml passes --dry-run" prometheus-snmp-exporter \
    --config.file="$PROM_ETC/snmp.yml" --dry-run >"$H_TMP/dry-run.log" 2>&1
exporter_start "$PROM_ETC/snmp.yml" exporter || exit 1
h_true "first scrape" scrape_to "$H_TMP/scrape1.txt"
h_eq "domain names: the agent's" \
    "$(agent_domains | cut -d' ' -f2- | sort | tr '\n' ' ')" \
    "$(label_values "$H_TMP/scrape1.txt" virt_domain_vcpus domain | tr '\n' ' ')"
agent_domains >"$H_TMP/domains"
while read -r idx name; do
    check_domain "$H_TMP/scrape1.txt" "$idx" "$name"
done <"$H_TMP/domains"
check_node "$H_TMP/scrape1.txt"

# --- the rate over 10 s ----------------------------------------------
# timed_scrape FILE: scrapes into FILE and prints when the scrape began
# (the timestamp Prometheus gives a scrape's samples).
timed_scrape() {
    t=$(date +%s.%N)
    scrape virtmib >"$1" || return 1
    echo "$t"
}

# check_rate INDEX NAME TA TB: the cpu time of the running domain NAME,
# scraped at TA and TB, gives a rate within 5% of its vcpus.
check_rate() {
    uuid=$(h_get VIRT-MIB::virtDomainUuidString."$1")
    key="virt_domain_cpu_time_nanoseconds_total{domain=\"$2\",uuid=\"$uuid\"}"
    vcpus=$(h_get -OU VIRT-MIB::virtDomainVcpus."$1")
    out=$(awk -v a="$(sample "$H_TMP/rate-a.txt" "$key")" \
        -v b="$(sample "$H_TMP/rate-b.txt" "$key")" -v ta="$3" -v tb="$4" \
        -v n="$vcpus" 'BEGIN {
            r = (b - a) / (tb - ta) / 1e9; e = (r - n) / n * 100
            printf "%.4f cpus over %.2f s (vcpus %d, error %+.2f%%) %d\n",
                r, tb - ta, n, e, (a != "" && b != "" && e <= 5 && e >= -5)
        }')
    echo "prometheus: rate of $2's cpu time: ${out% *}"
    h_eq "rate of $2's cpu time within 5% of its $vcpus vcpus" 1 "${out##* }"
}

ta=$(timed_scrape "$H_TMP/rate-a.txt")
sleep "$(awk -v t="$ta" -v now="$(date +%s.%N)" \
    'BEGIN { d = t + 10 - now; print (d > 0 ? d : 0) }')"
tb=$(timed_scrape "$H_TMP/rate-b.txt")
h_true "two scrapes 10 s apart" test -n "$ta" -a -n "$tb"
while read -r idx name; do
    if [ "$(h_get VIRT-MIB::virtDomainState."$idx")" = running ]; then
        check_rate "$idx" "$name" "$ta" "$tb"
    fi
done <"$H_TMP/domains"

# --- PROM_SCREENSHOT=FILE.png: a Prometheus server, and its graph ------
# With the prometheus package (not in the stage: 316 MiB) and chromium,
# a private server scrapes the exporter every PROM_SCRAPE s, with the
# shipped job and rules; the rate of web1's cpu time it computes is
# checked, and its graph page is photographed into FILE.
PROM_SCRAPE=2
PROM_WINDOW=20

# prom_start: the shipped prometheus.yml, pointed at this master and
# exporter, with a short interval, and the shipped rules; sets PROM to
# host:port once the server is ready.
prom_start() {
    P=$H_TMP/prometheus
    mkdir -p "$P/data"
    sed -e "s/\(scrape_interval\|evaluation_interval\): .*/\1: ${PROM_SCRAPE}s/" \
        -e "s/scrape_timeout: .*/scrape_timeout: ${PROM_SCRAPE}s/" \
        -e "s|^- virtmib-rules.yml|- $PROM_ETC/virtmib-rules.yml|" \
        -e "s/- hv1.example.org .*/- 127.0.0.1:$PORT/" \
        -e "s/replacement: 127.0.0.1:9116 .*/replacement: $EXPORTER/" \
        "$PROM_ETC/prometheus.yml" >"$P/prometheus.yml"
    h_true "promtool: the test's scrape config" \
        promtool check config "$P/prometheus.yml"
    PROM=127.0.0.1:$(nms_free_tcp)
    nms_spawn prometheus --config.file="$P/prometheus.yml" \
        --storage.tsdb.path="$P/data" --web.listen-address="$PROM" \
        >"$P/prometheus.log" 2>&1
    h_wait_until "$H_START_SECS" curl -sf -m 5 -o /dev/null \
        "http://$PROM/-/ready"
}

# prom_value EXPR: the value of the first series EXPR gives now; fails
# when it gives none (a comparison that filters everything out).
prom_value() {
    curl -sf -m 30 "http://$PROM/api/v1/query" --data-urlencode "query=$1" |
        jq -er '.data.result[0].value[1] // empty'
}

# prom_shot FILE: once the server holds a full window of web1's cpu
# time, its rate is within 5% of web1's vcpus, the rules are loaded,
# and chromium takes the graph of that rate into FILE.
prom_shot() {
    idx=$(h_index_of web1)
    vcpus=$(h_get -OU VIRT-MIB::virtDomainVcpus."$idx")
    cpu="virt_domain_cpu_time_nanoseconds_total{domain=\"web1\"}"
    expr="rate(${cpu}[${PROM_WINDOW}s]) / 1e9"
    # samples spanning more than the window: rate() then has one near
    # each end of it and need not extrapolate far
    n=$((PROM_WINDOW / PROM_SCRAPE + 2))
    h_true "prometheus: $n samples of web1's cpu time" \
        h_wait_until $((2 * PROM_WINDOW + 10 * PROM_SCRAPE + $(h_poll_bound))) \
        prom_value "count_over_time(${cpu}[$((2 * PROM_WINDOW))s]) >= $n" >/dev/null
    r=$(prom_value "$expr")
    echo "prometheus: server's $expr = $r (vcpus $vcpus)"
    h_eq "prometheus: $expr within 5% of $vcpus" 1 "$(awk -v r="$r" \
        -v n="$vcpus" 'BEGIN { print (r != "" && r >= n * 0.95 && r <= n * 1.05) }')"
    h_eq "prometheus: the shipped rules loaded" \
        "$(sed -n 's/^ *- alert: //p' "$PROM_ETC/virtmib-rules.yml" | sort | tr '\n' ' ')" \
        "$(curl -sf -m 30 "http://$PROM/api/v1/rules" |
            jq -r '.data.groups[].rules[].name' | sort | tr '\n' ' ')"
    url="http://$PROM/graph?g0.expr=$(jq -rn --arg e "$expr" '$e | @uri')&g0.tab=0&g0.range_input=1m"
    rm -f "$1"
    timeout -k 10 120 chromium --headless --no-sandbox --disable-gpu \
        --hide-scrollbars --user-data-dir="$P/chromium" \
        --disable-background-networking --disable-component-update \
        --no-first-run --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" \
        --window-size=1280,900 --virtual-time-budget=15000 \
        --screenshot="$1" "$url" >"$P/chromium.log" 2>&1
    [ -s "$1" ] || tail -n 5 "$P/chromium.log" >&2
    h_true "prometheus: a screenshot of the graph in $1" test -s "$1"
}

if [ -n "${PROM_SCREENSHOT:-}" ]; then
    if ! command -v prometheus >/dev/null || ! command -v chromium >/dev/null ||
        ! command -v jq >/dev/null; then
        echo "prometheus: PROM_SCREENSHOT needs prometheus, chromium, jq"
    elif prom_start; then
        prom_shot "$PROM_SCREENSHOT"
    else
        h_true "prometheus server ready: $(tail -n 3 "$P/prometheus.log")" false
    fi
fi

# --- a pause by SNMPv3 shows, and the cpu time stops -----------------
# scrape_shows KEY VALUE: a new scrape has the series KEY at VALUE.
scrape_shows() {
    scrape virtmib >"$H_TMP/scrape-now.txt" &&
        [ "$(sample "$H_TMP/scrape-now.txt" "$1")" = "$2" ]
}

web1=$(h_index_of web1)
key="domain=\"web1\",uuid=\"$(h_get VIRT-MIB::virtDomainUuidString."$web1")\""
nms_v3 snmpset -Oq VIRT-MIB::virtDomainAdminState."$web1" i paused >/dev/null
h_true "web1 paused by SNMPv3 shows as virt_domain_state paused" \
    h_wait_until "$(h_poll_bound)" scrape_shows \
    "virt_domain_state{$key,virt_domain_state=\"paused\"}" 1
cpu=$(sample "$H_TMP/scrape-now.txt" "virt_domain_cpu_time_nanoseconds_total{$key}")
h_true "polls go on" h_wait_polls 2 \
    VIRT-MIB::virtDomainCpuTime."$(h_index_of Domain-0)"
h_true "web1's cpu time stops while paused" \
    scrape_shows "virt_domain_cpu_time_nanoseconds_total{$key}" "$cpu"
nms_v3 snmpset -Oq VIRT-MIB::virtDomainAdminState."$web1" i running >/dev/null
h_true "web1 resumed shows as virt_domain_state running" \
    h_wait_until "$(h_poll_bound)" scrape_shows \
    "virt_domain_state{$key,virt_domain_state=\"running\"}" 1

# --- the package's generator, from VIRT-MIB and generator.yml --------
# generator.yml is in the format of 0.23+; Debian's 0.21 generator wants
# the auth inside the module (the comment at the top of the file).
mkdir "$H_TMP/gen"
awk '/^auths:/ { skip = 1; next }
    /^[^ #]/ { skip = 0 }
    !skip { print }
    END { print "    version: 2\n    auth:\n      community: public" }' \
    "$PROM_ETC/generator.yml" >"$H_TMP/gen/generator.yml"
h_true "prometheus-snmp-generator builds a module from VIRT-MIB" \
    sh -c "cd '$H_TMP/gen' && prometheus-snmp-generator generate \
        >generator.log 2>&1"
h_true "the generated module passes --dry-run" prometheus-snmp-exporter \
    --config.file="$H_TMP/gen/snmp.yml" --dry-run >"$H_TMP/gen/dry-run.log" 2>&1
SHIPPED=$EXPORTER
exporter_start "$H_TMP/gen/snmp.yml" exporter-gen || exit 1
h_true "scrape with the generated module" \
    scrape_to "$H_TMP/scrape-gen.txt"
h_eq "generated module: the agent's domain names" \
    "$(agent_domains | cut -d' ' -f2- | sort | tr '\n' ' ')" \
    "$(label_values "$H_TMP/scrape-gen.txt" virtDomainVcpus virtDomainName |
        tr '\n' ' ')"
uuid=$(h_get VIRT-MIB::virtDomainUuidString."$web1")
state=$(h_get VIRT-MIB::virtDomainState."$web1")
h_eq "generated module: web1's vcpus" \
    "$(h_get -OU VIRT-MIB::virtDomainVcpus."$web1")" \
    "$(sample "$H_TMP/scrape-gen.txt" \
        "virtDomainVcpus{virtDomainName=\"web1\",virtDomainUuidString=\"$uuid\"}")"
h_eq "generated module: web1's state set" 1 "$(sample "$H_TMP/scrape-gen.txt" \
    "virtDomainState{virtDomainName=\"web1\",virtDomainState=\"$state\",virtDomainUuidString=\"$uuid\"}")"
EXPORTER=$SHIPPED

# --- what the alert rules stand on -----------------------------------
# A master that does not answer: the scrape fails (HTTP 500), which
# Prometheus records as up == 0 (VirtmibExporterCannotReachAgent).
h_eq "a master that does not answer: the scrape fails" 500 \
    "$(curl -s -m 60 -o /dev/null -w '%{http_code}' \
        "http://$EXPORTER/snmp?module=virtmib&target=127.0.0.1:$(h_free_port)")"
if command -v promtool >/dev/null 2>&1; then
    h_true "promtool: the alert rules" \
        promtool check rules "$PROM_ETC/virtmib-rules.yml"
    h_true "promtool: the scrape config" \
        promtool check config "$PROM_ETC/prometheus.yml"
else
    echo "prometheus: promtool not installed (package prometheus):" \
        "alert rules and scrape config not checked"
fi
# A master without virtmibd: the scrape succeeds with no virt_ series
# (VirtmibAgentMissing).  Last, since it stops the agent.
h_stop_agent
h_eq "virtmibd exits 0 on SIGTERM" 0 "$?"
h_true "a master without virtmibd: the scrape succeeds" \
    scrape_to "$H_TMP/scrape-noagent.txt"
h_eq "a master without virtmibd: no virt_ series" 0 \
    "$(grep -c '^virt_' "$H_TMP/scrape-noagent.txt")"
echo "prometheus: took $(($(date +%s) - T0)) s"
h_summary
