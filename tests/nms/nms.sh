# nms.sh: sourced by the NMS end-to-end scripts (tests/nms/*.sh), on top
# of tests/snmp/harness.sh (a private snmpd master, snmptrapd and
# virtmibd on test:///default, all on 127.0.0.1).
#
# Each NMS runs privately: its own config, data and ports under $H_TMP,
# nothing under /etc, every process it starts stopped by pid on exit
# (nms_spawn).  The NMS packages are installed by `./quickstart check`
# (its NMS stage); a script that finds one missing skips (77), or fails
# under CI=true.
#
# The master also serves SNMPv3: user $NMS_V3_USER, SHA and AES with the
# passphrases below (read-write), as an operator's NMS would poll.

. "$(dirname "$0")/../snmp/harness.sh"

NMS_V3_USER=nmsops
NMS_V3_AUTH=virtmib-auth-pass
NMS_V3_PRIV=virtmib-priv-pass
NMS_PIDS=
H_SNMPD_EXTRA="createUser $NMS_V3_USER SHA $NMS_V3_AUTH AES $NMS_V3_PRIV
rwuser $NMS_V3_USER priv
${H_SNMPD_EXTRA:-}"

# nms_need PROGRAM...: each is on PATH or an existing absolute path.
nms_need() {
    for p in "$@"; do
        case $p in
        /*) [ -x "$p" ] && continue ;;
        *) command -v "$p" >/dev/null 2>&1 && continue ;;
        esac
        h_skip_or_fail "$p is not installed (./quickstart check installs" \
            "the NMS packages)"
    done
}

# nms_start: the harness's world (h_start_all) with the NMS cleanup
# before the harness's own.  Arguments go to virtmibd.
nms_start() {
    h_start_all "$@"
    trap 'nms_cleanup; h_cleanup' EXIT
}

# nms_spawn COMMAND...: starts COMMAND in the background and records its
# pid for nms_cleanup; the pid is in $!, as after "&".
nms_spawn() {
    "$@" &
    NMS_PIDS="$! $NMS_PIDS"
}

# Stops what nms_spawn started, the last first: SIGTERM, then SIGKILL
# after 10 s for one that does not go.
nms_cleanup() {
    for pid in $NMS_PIDS; do
        kill "$pid" 2>/dev/null
    done
    for pid in $NMS_PIDS; do
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -9 "$pid" 2>/dev/null
    done
    # "wait" with no pid would wait for the harness's daemons too
    [ -n "$NMS_PIDS" ] && { wait $NMS_PIDS; } 2>/dev/null
    NMS_PIDS=
}

# nms_free_tcp [MIN MAX]: a TCP port on 127.0.0.1 that nobody listens on
# (default 20000-32767: Zabbix refuses ListenPort above 32767).
nms_free_tcp() {
    h_free_port tcp "${1:-20000}" "${2:-32767}"
}

# nms_v3 TOOL [-OPTION...] ARGS...: a net-snmp tool as SNMPv3 authPriv
# against the master; the leading options go before the host.
nms_v3() {
    tool=$1
    shift
    opts=
    while [ $# -gt 0 ]; do
        case $1 in
        -*) opts="$opts $1" ;;
        *) break ;;
        esac
        shift
    done
    # shellcheck disable=SC2086
    "$tool" -v3 -l authPriv -u "$NMS_V3_USER" -a SHA -A "$NMS_V3_AUTH" \
        -x AES -X "$NMS_V3_PRIV" $H_TRIES $opts "127.0.0.1:$PORT" "$@"
}
