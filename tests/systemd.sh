#!/bin/sh
# systemd.sh: the installed virtmibd.service, as systemd would take it.
# systemd is not PID 1 here, so everything is offline:
#  - `systemd-analyze verify` accepts the installed unit, alone and with
#    the Xen drop-in, without a word (its ExecStart pointed at the binary
#    installed into a DESTDIR, the man page found there);
#  - `systemd-analyze security --offline` rates the unit 3.0 or below
#    (and says so of the Xen unit too), while the same unit stripped of
#    its hardening is rated above 3.0: the check can fail;
#  - what the sandbox forbids, virtmibd does not need: run under strace
#    against a private snmpd on test:///default, through a walk, a SET
#    and its notification, with every socket but the first (the AgentX
#    connection) refused as RestrictAddressFamilies=AF_UNIX refuses it,
#    it still serves and notifies, and every system call it makes is in
#    the unit's SystemCallFilter (systemd-analyze syscall-filter), with
#    no writable and executable mapping (MemoryDenyWriteExecute).
# Skips (77) without systemd-analyze or strace, except under CI=true.
. "$(dirname "$0")/snmp/harness.sh"

# sd_need TOOL: skip (or fail under CI) without it.
sd_need() {
    command -v "$1" >/dev/null 2>&1 || h_skip_or_fail "$1 is not installed"
}

# sd_expand GROUP...: the system calls of systemd's syscall groups, one a
# line, nested groups expanded.
sd_expand() {
    for g in "$@"; do
        systemd-analyze syscall-filter "$g" | awk 'NR > 1 && !/#/ { print $1 }' |
            while read -r s; do
                case $s in
                @*) sd_expand "$s" ;;
                ?*) echo "$s" ;;
                esac
            done
    done
}

# sd_score ROOT: the overall exposure systemd-analyze gives virtmibd.service
# under ROOT.
sd_score() {
    systemd-analyze security --offline=true --root="$1" virtmibd.service \
        2>&1 | sed -n 's/.*Overall exposure level for virtmibd.service: \([0-9.]*\).*/\1/p'
}

# sd_verify DIR: systemd-analyze verify of DIR/virtmibd.service (and its
# drop-ins in DIR/virtmibd.service.d) prints nothing and exits 0.
sd_verify() {
    out=$(MANPATH="$man" systemd-analyze verify "$1/virtmibd.service" 2>&1)
    rc=$?
    [ -z "$out" ] || h_log "$out"
    [ $rc -eq 0 ] && [ -z "$out" ]
}

# sd_walk: virtDomainTable's walk names domains.
sd_walk() {
    h_walk VIRT-MIB::virtDomainTable | grep -q virtDomainName
}

sd_need systemd-analyze
h_setup
root=$H_TMP/root
make -s -C "$abs_top_builddir" install DESTDIR="$root" >/dev/null 2>&1 ||
    { h_log "FAIL: make install DESTDIR=$root"; exit 1; }
unit=$(find "$root" -path '*/system/virtmibd.service')
[ -n "$unit" ] || h_skip_or_fail "virtmibd.service not installed (configure --with-systemdsystemunitdir=no?)"
xen=$(find "$root" -path '*/virtmib/systemd/xen.conf')
h_true "the Xen drop-in is installed under DATADIR/virtmib/systemd" [ -n "$xen" ]
man=$(dirname "$(dirname "$(find "$root" -path '*/man8/virtmibd.8')")")
bin=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
h_true "ExecStart names the installed virtmibd ($bin)" [ -x "$root$bin" ]

# snmpd.conf.virtmib's agentXPerms lets the unit's group connect.
group=$(sed -n 's/^Group=//p' "$unit")
perms=$(grep '^agentXPerms' "$abs_top_srcdir/etc/snmpd.conf.virtmib")
h_eq "agentXPerms gives the socket to group $group" \
    "agentXPerms 0660 0550 root $group" "$perms"

# verify: the unit as installed but for ExecStart's DESTDIR.
mkdir -p "$H_TMP/units/virtmibd.service.d"
sed "s|^ExecStart=$bin|ExecStart=$root$bin|" "$unit" >"$H_TMP/units/virtmibd.service"
h_true "systemd-analyze verify: the unit" sd_verify "$H_TMP/units"
cp "$xen" "$H_TMP/units/virtmibd.service.d/xen.conf"
h_true "systemd-analyze verify: the unit with the Xen drop-in" \
    sd_verify "$H_TMP/units"

# security: the test-driver unit, the unhardened one, the Xen unit, each
# in a root of its own (systemd's search path under --root; the unit may
# have been installed elsewhere, as distcheck does).
sec=$H_TMP/sec
mkdir -p "$sec/etc/systemd/system"
cp "$unit" "$sec/etc/systemd/system/virtmibd.service"
score=$(sd_score "$sec")
echo "systemd-analyze security: virtmibd.service (test driver): $score"
h_true "the test-driver unit rates 3.0 or below ($score)" \
    systemd-analyze security --offline=true --root="$sec" --threshold=30 \
    virtmibd.service >/dev/null 2>&1
bare=$H_TMP/bare
mkdir -p "$bare/etc/systemd/system"
sed '/^\[Service\]/,/^\[Install\]/{/^\[/!d}' "$unit" |
    sed "s|^\[Service\]|[Service]\nExecStart=$bin|" \
    >"$bare/etc/systemd/system/virtmibd.service"
score=$(sd_score "$bare")
echo "systemd-analyze security: virtmibd.service without hardening: $score"
h_true "the unit without its hardening rates above 3.0 ($score)" \
    sh -c '! systemd-analyze security --offline=true --root="$1" \
        --threshold=30 virtmibd.service >/dev/null 2>&1' sh "$bare"
mkdir -p "$sec/etc/systemd/system/virtmibd.service.d"
cp "$xen" "$sec/etc/systemd/system/virtmibd.service.d/xen.conf"
score=$(sd_score "$sec")
echo "systemd-analyze security: virtmibd.service with xen.conf: $score"
h_true "the Xen unit rates 3.0 or below ($score)" \
    systemd-analyze security --offline=true --root="$sec" --threshold=30 \
    virtmibd.service >/dev/null 2>&1

# The sandbox against what virtmibd does: the installed binary under
# strace, AF_INET (and any socket after the AgentX one) refused.
sd_need strace
h_start_trapd || exit 1
h_start_snmpd || exit 1
libdir=$(dirname "$(find "$root" -name 'libvir.so.0' | head -n 1)")
VIRTMIBD=$root$bin
# LeakSanitizer cannot run under ptrace: an ASan build leaves leak
# checks to the other suites here (ASAN_OPTIONS is ignored otherwise).
VIRTMIBD_WRAPPER="strace -f -qq -o $H_TMP/trace -e inject=socket:error=EAFNOSUPPORT:when=2+ env LD_LIBRARY_PATH=$libdir ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
h_start_agent || exit 1
h_true "a walk of virtDomainTable under the sandbox's limits" sd_walk
web1=$(h_index_of web1)
before=$(grep -c 'VIRT-MIB::virtDomainPaused' "$TRAPLOG")
h_set VIRT-MIB::virtDomainAdminState."$web1" i paused >/dev/null
h_true "the SET's notification arrives without AF_INET" \
    h_wait_log "$TRAPLOG" 'VIRT-MIB::virtDomainPaused'
h_true "one notification more than before the SET" \
    [ "$(grep -c 'VIRT-MIB::virtDomainPaused' "$TRAPLOG")" -gt "$before" ]
# Stop the traced virtmibd itself; strace follows it out.
kill "$(pgrep -P "$AGENT_PID" | head -n 1)" 2>/dev/null
wait "$AGENT_PID"
h_eq "virtmibd exits 0 on SIGTERM" 0 "$?"
AGENT_PID=
tr=$H_TMP/trace
h_true "the AgentX connection is a unix socket" \
    grep -q 'connect([0-9]*, {sa_family=AF_UNIX' "$tr"
h_eq "no socket but AF_UNIX was made" "" \
    "$(grep -E 'socket\(AF_' "$tr" | grep -v 'socket(AF_UNIX' |
        grep -v 'EAFNOSUPPORT (Address family not supported by protocol) (INJECTED)')"
h_eq "no writable and executable mapping" "" \
    "$(grep -E 'PROT_WRITE\|PROT_EXEC|PROT_EXEC\|PROT_WRITE' "$tr")"
sd_expand @system-service | sort -u >"$H_TMP/allowed"
sd_expand @privileged @resources | sort -u >"$H_TMP/denied"
sed -n 's/^[0-9]* *\([a-z0-9_]*\)(.*/\1/p' "$tr" | sort -u >"$H_TMP/used"
grep -c . "$H_TMP/used" | xargs echo "system calls virtmibd made:"
h_eq "every system call is in @system-service" "" \
    "$(comm -23 "$H_TMP/used" "$H_TMP/allowed" | tr '\n' ' ')"
h_eq "no system call is in @privileged or @resources" "" \
    "$(comm -12 "$H_TMP/used" "$H_TMP/denied" | tr '\n' ' ')"
h_summary
