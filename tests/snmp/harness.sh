# harness.sh: sourced by the SNMP end-to-end scripts and demo.sh.
#
# Starts a private net-snmp world in a temporary directory: snmpd as
# AgentX master on a free 127.0.0.1 UDP port with its own config, an
# AgentX socket and persistent directory in the temp dir, snmptrapd on
# another loopback port logging to a file, and virtmibd.  Never touches
# the system snmpd, its config or /var/lib/snmp.  Everything started is
# stopped, by pid, on exit.
#
# Inputs (environment): abs_top_builddir, abs_top_srcdir (default: two
# levels up from this script).  host.sh gives the host's facts for the
# build (H_URI, the agent's URI unless AGENT_URI names another; H_TOOL,
# vsh or virsh; the domain names, the node type).  CI=true turns "snmpd missing" from a
# skip (77) into a failure.  H_SNMPD_EXTRA: lines for the end of
# snmpd.conf (they override the harness's defaults, snmpd takes the
# last); H_SNMPD_ENV: a command prefix for snmpd; H_SNMPD_ERR: a file
# for snmpd's stderr (default: the suite's).
#
# Who may write: by default the community "private" (h_set), which the
# suites use.  H_V3=1 instead makes an SNMPv3 user the only writer, as
# etc/snmpd.conf.virtmib does: $H_V3_USER at authPriv (SHA-512, AES-256)
# with passphrases drawn for this run, and no rwcommunity; h_set_v3
# writes as that user.  "public" reads either way.
#
# A busy machine: every wait waits for the thing it needs (a reply, a
# log line), bounded in seconds, not in tries; the tools get 5 s tries,
# resent 3 times; snmpd waits up to 20 s for virtmibd (agentXTimeout,
# not resent) instead of net-snmp's 1 s resent 5 times.

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
# the host's facts for this build (H_URI, H_TOOL, ...)
. "$abs_top_srcdir/tests/snmp/host.sh"

H_TMP=
# the tools' tries; how long a daemon may take to start or register
H_TRIES="-t 5 -r 3"
H_START_SECS=30
SNMPD_PID=
TRAPD_PID=
AGENT_PID=
H_V3_USER=virtadmin
H_V3_AUTHPROTO=SHA-512
H_V3_PRIVPROTO=AES-256

h_log() {
    printf '%s\n' "$*" >&2
}

h_skip_or_fail() {
    if [ "${CI:-}" = true ]; then
        h_log "FAIL: $* (CI=true: a skip is a failure)"
        exit 1
    fi
    h_log "SKIP: $*"
    exit 77
}

h_cleanup() {
    # the agent first, while its master is still there to hear it leave
    if [ -n "$AGENT_PID" ]; then
        kill "$AGENT_PID" 2>/dev/null
        wait "$AGENT_PID" 2>/dev/null
    fi
    for pid in $TRAPD_PID $SNMPD_PID; do
        kill "$pid" 2>/dev/null
    done
    for pid in $TRAPD_PID $SNMPD_PID; do
        wait "$pid" 2>/dev/null
    done
    if [ -n "$H_TMP" ] && [ -z "${KEEP_TMP:-}" ]; then
        rm -rf "$H_TMP"
    fi
}

# h_free_port [udp|tcp [MIN MAX]]: a port on 127.0.0.1 that nobody holds
# right now (default UDP): random in MIN-MAX (default 20000-59999),
# checked with ss (iproute2) when it is there.  A port taken between the
# check and snmpd's bind makes h_start_snmpd try another.
h_free_port() {
    case ${1:-udp} in
    tcp) ssproto=-Hnlt ;;
    *) ssproto=-Hnlu ;;
    esac
    lo=${2:-20000}
    hi=${3:-59999}
    i=0
    while [ $i -lt 100 ]; do
        i=$((i + 1))
        n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
        port=$((lo + n % (hi - lo + 1)))
        if command -v ss >/dev/null 2>&1 &&
            [ -n "$(ss "$ssproto" "sport = :$port" 2>/dev/null)" ]; then
            continue
        fi
        echo "$port"
        return 0
    done
    return 1
}

h_require_tools() {
    SNMPD=$(command -v snmpd || ls /usr/sbin/snmpd 2>/dev/null)
    SNMPTRAPD=$(command -v snmptrapd || ls /usr/sbin/snmptrapd 2>/dev/null)
    [ -x "$SNMPD" ] || h_skip_or_fail "snmpd is not installed"
    [ -x "$SNMPTRAPD" ] || h_skip_or_fail "snmptrapd is not installed"
    command -v snmpget >/dev/null || h_skip_or_fail "snmp tools not installed"
    VIRTMIBD=$abs_top_builddir/agent/virtmibd
    [ -x "$VIRTMIBD" ] || h_skip_or_fail "virtmibd was not built"
    BASE_MIBS=$abs_top_builddir/mibs/base
    if [ ! -f "$BASE_MIBS/.stamp" ]; then
        sh "$abs_top_srcdir/mibs/fetch-base-mibs.sh" "$BASE_MIBS" >&2 &&
            touch "$BASE_MIBS/.stamp" ||
            h_skip_or_fail "base MIB modules could not be fetched"
    fi
}

# Sets up the temp dir and the environment every net-snmp tool reads.
h_setup() {
    h_require_tools
    H_TMP=$(mktemp -d "${TMPDIR:-/tmp}/virtmib-snmp.XXXXXX")
    trap h_cleanup EXIT
    trap 'exit 130' HUP INT PIPE TERM
    mkdir -p "$H_TMP/conf" "$H_TMP/persist"
    export SNMPCONFPATH="$H_TMP/conf"
    export SNMP_PERSISTENT_DIR="$H_TMP/persist"
    export MIBDIRS="$BASE_MIBS:$abs_top_srcdir/mibs:/usr/share/snmp/mibs"
    export MIBS="SNMPv2-MIB:VIRT-MIB"
    : >"$H_TMP/conf/snmp.conf"
    SOCK="$H_TMP/agentx.sock"
    STATE="$H_TMP/index.map"
    TRAPLOG="$H_TMP/traps.log"
    AGENTLOG="$H_TMP/virtmibd.log"
    AGENTERR="$H_TMP/virtmibd.stderr"
    SNMPDLOG="$H_TMP/snmpd.log"
    # With H_FAULTS=1 the library reads this fault file (testnode(5)):
    # an operation's name written into it makes that call fail.
    FAULTS="$H_TMP/faults"
    if [ "${H_FAULTS:-}" = 1 ]; then
        export LIBVIR_TEST_FAULTS="$FAULTS"
    fi
    H_V3_AUTH=$(h_passphrase)
    H_V3_PRIV=$(h_passphrase)
}

# A passphrase of 16 random hex digits (net-snmp wants at least 8).
h_passphrase() {
    od -An -N8 -tx1 /dev/urandom | tr -d ' \n'
}

# The snmpd.conf lines that say who may write (see H_V3 above).  The
# user is created in the -c config: with -C, snmpd reads no createUser
# line from its persistent directory (it keeps only the keys it derived
# there).
h_writer_conf() {
    if [ "${H_V3:-}" = 1 ]; then
        echo "createUser $H_V3_USER $H_V3_AUTHPROTO \"$H_V3_AUTH\"" \
            "$H_V3_PRIVPROTO \"$H_V3_PRIV\""
        echo "rwuser $H_V3_USER priv"
    else
        echo "rwcommunity private 127.0.0.1"
    fi
}

# Starts snmpd on a free port (retrying on a lost race for the port).
h_start_snmpd() {
    tries=0
    while [ $tries -lt 5 ]; do
        tries=$((tries + 1))
        PORT=${PORT:-$(h_free_port)}
        cat >"$H_TMP/snmpd.conf" <<CONF
agentaddress udp:127.0.0.1:$PORT
master agentx
agentXSocket unix:$SOCK
agentXPerms 0600 0700
rocommunity public 127.0.0.1
$(h_writer_conf)
trap2sink 127.0.0.1:$TRAPPORT public
agentXTimeout 20
agentXRetries 0
${H_SNMPD_EXTRA:-}
CONF
        $H_SNMPD_ENV "$SNMPD" -f -Lf "$SNMPDLOG" -C -c "$H_TMP/snmpd.conf" \
            -p "$H_TMP/snmpd.pid" 2>>"${H_SNMPD_ERR:-/dev/stderr}" &
        SNMPD_PID=$!
        end=$(($(date +%s) + H_START_SECS))
        while [ "$(date +%s)" -lt $end ]; do
            if snmpget -v2c -c public -t 1 -r 0 "127.0.0.1:$PORT" \
                SNMPv2-MIB::sysUpTime.0 >/dev/null 2>&1; then
                return 0
            fi
            kill -0 "$SNMPD_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill "$SNMPD_PID" 2>/dev/null
        wait "$SNMPD_PID" 2>/dev/null
        SNMPD_PID=
        PORT=
    done
    h_log "snmpd did not start; its log:"
    cat "$SNMPDLOG" >&2
    return 1
}

# Starts snmptrapd on a free port (another one if it could not bind):
# it logs its version once it listens, and exits when it cannot.
h_start_trapd() {
    echo "disableAuthorization yes" >"$H_TMP/snmptrapd.conf"
    tries=0
    while [ $tries -lt 5 ]; do
        tries=$((tries + 1))
        TRAPPORT=$(h_free_port)
        : >"$TRAPLOG"
        "$SNMPTRAPD" -f -Lf "$TRAPLOG" -C -c "$H_TMP/snmptrapd.conf" \
            -p "$H_TMP/snmptrapd.pid" -F 'TRAP %v\n' \
            "udp:127.0.0.1:$TRAPPORT" &
        TRAPD_PID=$!
        end=$(($(date +%s) + H_START_SECS))
        while [ "$(date +%s)" -lt $end ] && kill -0 "$TRAPD_PID" 2>/dev/null; do
            grep -q '^NET-SNMP version' "$TRAPLOG" 2>/dev/null && return 0
            sleep 0.1
        done
        kill "$TRAPD_PID" 2>/dev/null
        wait "$TRAPD_PID" 2>/dev/null
        TRAPD_PID=
    done
    h_log "snmptrapd did not start; its log:"
    cat "$TRAPLOG" >&2
    return 1
}

# h_start_agent [extra virtmibd options...]
# virtmibd's stderr (sanitizer and valgrind reports) goes to AGENTERR;
# VIRTMIBD_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs it under
# a checker.
h_start_agent() {
    # shellcheck disable=SC2086
    $VIRTMIBD_WRAPPER "$VIRTMIBD" -f -Lf "$AGENTLOG" -C -x "$SOCK" \
        -u "${AGENT_URI:-$H_URI}" -p "${POLL:-1}" -s "$STATE" \
        "$@" 2>>"$AGENTERR" &
    AGENT_PID=$!
    h_wait_registered
}

h_stop_agent() {
    kill "$AGENT_PID" 2>/dev/null
    # bounded: a hung agent fails its test instead of hanging the suite
    if ! h_wait_until "$H_START_SECS" h_gone "$AGENT_PID"; then
        h_log "virtmibd did not exit on SIGTERM within $H_START_SECS s: killed"
        kill -9 "$AGENT_PID" 2>/dev/null
    fi
    wait "$AGENT_PID"
    rc=$?
    AGENT_PID=
    return $rc
}

# h_vm_oper STATE, h_vm_admin STATE: VM-MIB's vmOperState and
# vmAdminState for a state as vsh or virsh prints it (vm_mib.c's mapping,
# docs/vm-mib.md); vmmib.sh and the Xen stage's vm-in-dom0.sh use them.
h_vm_oper() {
    case "$1" in
    running | blocked) echo 4 ;;
    paused) echo 8 ;;
    "in shutdown") echo 10 ;;
    "shut off") echo 11 ;;
    crashed) echo 12 ;;
    *) echo 1 ;;
    esac
}

h_vm_admin() {
    case "$1" in
    running | blocked) echo 1 ;;
    paused) echo 3 ;;
    *) echo 4 ;;
    esac
}

# h_gone PID: the process has exited (a zombie counts: wait reaps it)
h_gone() {
    ! kill -0 "$1" 2>/dev/null ||
        [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ]
}

# h_wait_registered [SECS]: waits (default H_START_SECS) until
# virtmibd answers through the master (H_READY_OID, by default
# virtNodeHypervisorType.0).
h_wait_registered() {
    end=$(($(date +%s) + ${1:-$H_START_SECS}))
    while [ "$(date +%s)" -lt $end ]; do
        if snmpget -v2c -c public -t 1 -r 0 -Oqv "127.0.0.1:$PORT" \
            "${H_READY_OID:-VIRT-MIB::virtNodeHypervisorType.0}" 2>/dev/null |
            grep -qv 'No Such'; then
            return 0
        fi
        sleep 0.1
    done
    h_log "virtmibd did not register; its log:"
    cat "$AGENTLOG" >&2
    return 1
}

h_start_all() {
    h_setup
    h_start_trapd || exit 1
    h_start_snmpd || exit 1
    h_start_agent "$@" || exit 1
}

# Tools against the private master, with room for a loaded machine.  A
# resent SET keeps its request id and the first answer is taken; a SET
# applied twice sets the same absolute values twice.
h_get() {
    snmpget -v2c -c public $H_TRIES -Oqv "127.0.0.1:$PORT" "$@"
}

h_walk() {
    snmpbulkwalk -v2c -c public $H_TRIES "127.0.0.1:$PORT" "$@"
}

# h_set_state: every VIRT-MIB value a SET can change, each domain's and
# vcpu's, one per line: equal before and after, a SET changed nothing.
h_set_state() {
    h_walk -Oqv VIRT-MIB::virtDomainState
    h_walk -Oqv VIRT-MIB::virtDomainMaxMemory
    h_walk -Oqv VIRT-MIB::virtDomainMemory
    h_walk -Oqv VIRT-MIB::virtDomainVcpus
    h_walk -Oqv -Ox VIRT-MIB::virtVcpuAffinity
    h_get VIRT-MIB::virtNodeNotificationsEnabled.0
}

h_set() {
    snmpset -v2c -c private $H_TRIES "127.0.0.1:$PORT" "$@"
}

# h_set_v3 OID TYPE VALUE...: a SET as the H_V3=1 user, authPriv.
h_set_v3() {
    # shellcheck disable=SC2086
    snmpset -v3 -l authPriv -u "$H_V3_USER" -a "$H_V3_AUTHPROTO" \
        -A "$H_V3_AUTH" -x "$H_V3_PRIVPROTO" -X "$H_V3_PRIV" $H_TRIES \
        "127.0.0.1:$PORT" "$@"
}

# Assertions: every one counts; h_summary prints "N passed, N failed".
H_PASS=0
H_FAIL=0

# Each returns its verdict (0 passed, 1 failed), so that a test can stop
# at a failure the rest depends on: h_true "started" start_it || exit 1.
h_eq() {
    # h_eq DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then
        H_PASS=$((H_PASS + 1))
        return 0
    fi
    H_FAIL=$((H_FAIL + 1))
    h_log "FAIL: $1: expected '$2', got '$3'"
    return 1
}

h_true() {
    # h_true DESCRIPTION COMMAND...
    desc=$1
    shift
    if "$@"; then
        H_PASS=$((H_PASS + 1))
        return 0
    fi
    H_FAIL=$((H_FAIL + 1))
    h_log "FAIL: $desc"
    return 1
}

# Stops virtmibd (SIGTERM), which must exit 0 with nothing on stderr
# (no sanitizer or valgrind report), then prints "N passed, N failed".
h_summary() {
    if [ -n "$AGENT_PID" ]; then
        h_stop_agent
        h_eq "virtmibd exits 0 on SIGTERM" 0 "$?"
    fi
    h_eq "virtmibd stderr is empty" "" "$(cat "$AGENTERR" 2>/dev/null)"
    name=$(basename "$0" .sh)
    echo "$name: $H_PASS passed, $H_FAIL failed"
    [ "$H_FAIL" -eq 0 ]
}

# h_set_error EXPECTED-ERROR NAME TYPE VALUE...: the SET fails with that
# error.  Names go out as numeric OIDs with VIRT-MIB unloaded, so that
# snmpset's own MIB checks (type, range, enumeration) do not stop a bad
# value before it reaches the agent.  Each value goes out as one word,
# even an empty one (an OCTET STRING of no octets).
h_set_error() {
    expected=$1
    shift
    desc="$*"
    # each triple rotated to the end, its name translated
    n=$(($# / 3))
    while [ "$n" -gt 0 ]; do
        set -- "$@" "$(snmptranslate -On "$1")" "$2" "$3"
        shift 3
        n=$((n - 1))
    done
    out=$(MIBS=SNMPv2-MIB h_set "$@" 2>&1)
    reason=$(printf '%s\n' "$out" | sed -n 's/^Reason: *\([a-zA-Z]*\).*/\1/p' |
        head -n 1)
    h_eq "SET $desc gives $expected" "$expected" "$reason"
}

# The index of the domain named $1.
h_index_of() {
    h_walk -Oq VIRT-MIB::virtDomainName | awk -v n="$1" '
        $2 == n { sub(/.*\./, "", $1); print $1 }'
}

# h_poll_bound: the seconds within which what the next poll shows must
# show on a loaded machine: 3 poll intervals (POLL, default 1) + 30 s.
h_poll_bound() {
    echo $((3 * ${POLL:-1} + 30))
}

# h_wait_until SECS COMMAND...: runs COMMAND every 0.1 s until it
# succeeds (0) or SECS seconds have passed (1).
h_wait_until() {
    end=$(($(date +%s) + $1))
    shift
    while ! "$@"; do
        [ "$(date +%s)" -lt $end ] || return 1
        sleep 0.1
    done
    return 0
}

# h_value_is EXPECTED GET-ARGS...: h_get answers EXPECTED.
h_value_is() {
    want=$1
    shift
    [ "$(h_get "$@" 2>/dev/null)" = "$want" ]
}

# h_wait_polls N OID: waits until OID, a value that each poll refreshes
# (a running domain's virtDomainCpuTime), has changed N times: then N-1
# whole polls, and a part of one, have been made since the call.  Up to
# N times h_poll_bound.
h_wait_polls() {
    n=$1
    last=$(h_get -OU "$2" 2>/dev/null)
    end=$(($(date +%s) + n * $(h_poll_bound)))
    while [ "$n" -gt 0 ]; do
        [ "$(date +%s)" -lt $end ] || return 1
        sleep 0.1
        now=$(h_get -OU "$2" 2>/dev/null)
        if [ -n "$now" ] && [ "$now" != "$last" ]; then
            n=$((n - 1))
            last=$now
        fi
    done
    return 0
}

# h_wait_log FILE REGEX [SECS]: waits (default h_poll_bound) until FILE
# has a line matching the extended regular expression REGEX.
h_wait_log() {
    h_wait_until "${3:-$(h_poll_bound)}" grep -Eq "$2" "$1" 2>/dev/null
}
