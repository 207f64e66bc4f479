#!/bin/sh
# install.sh: the Debian packages as an operator gets them.  Needs root:
# it installs and purges system packages (quickstart's pkg_stage runs it;
# never make check).
#  - builds the .debs with dpkg-buildpackage -us -uc -b from a clean copy
#    of the tree (git archive of the tracked files, uncommitted changes
#    included; DEB_BUILD_OPTIONS=nocheck: make check has run already),
#    then lintian --fail-on error,warning on the .changes;
#  - apt-get install ./*.deb (apt brings the Depends), under a
#    policy-rc.d that lets no service start, and finds no agent started,
#    the virtmib system user created, the conffile in place (in
#    virtmib-common), no file in two packages, virtmibd-libvirt on
#    libvirt0 and not on libvir0;
#  - virtmibd-libvirt.service as installed: systemd-analyze verify says
#    nothing, and systemd-analyze security --offline rates it 3.0 or below;
#  - libvir-dev: examples/hostinfo.c builds with pkg-config libvir and
#    runs on test:///default; the installed vsh lists that host;
#  - the SNMP smoke against the installed files: a private snmpd (the
#    harness's: own config, loopback port, AgentX socket in a temp dir)
#    with /usr/sbin/virtmibd on libvir's test:///default (domain web1),
#    then /usr/sbin/virtmibd-libvirt on libvirt's (domain test): for
#    each, a walk by name with `-m +VIRT-MIB` and MIBDIRS = the base
#    modules and the installed MIB directory only, an SNMPv3 authPriv
#    SET, its notification caught by a private snmptrapd, and the
#    installed check_virtmib over SNMPv3;
#  - apt-get remove leaves only virtmib-common's conffile (dpkg -L) and
#    the agents' state directories, virtmib-common and both agents in
#    dpkg's config-files state; dpkg --purge of those leaves none of the
#    packages' files nor the state directories (the virtmib user stays,
#    by design: debian/virtmibd.postrm).
# Prints "install: ..." figures (build and lintian times, tags).
#
# Environment: abs_top_srcdir, abs_top_builddir (a build tree with the
# base MIB modules in mibs/base).  CI=true: a skip is a failure.
. "$(dirname "$0")/../snmp/harness.sh"

PKGS="libvir0 libvir-dev virtmib-common virtmibd virtmibd-libvirt vsh check-virtmib"
V3USER=pkgtest
V3AUTH=pkgtest-auth-passphrase
V3PRIV=pkgtest-priv-passphrase
PRC=/usr/sbin/policy-rc.d
PRC_MADE=
P_TMP=

# pkg_cleanup: on any exit, the private daemons stop, our policy-rc.d
# and the state directories we made go, and packages a failed run left installed are purged.
pkg_cleanup() {
    h_cleanup
    left=$(pkg_present)
    if [ -n "$left" ]; then
        # shellcheck disable=SC2086
        dpkg --purge $left >/dev/null 2>&1
    fi
    [ -z "$PRC_MADE" ] || rm -f "$PRC"
    for d in $STATE_MADE; do
        rm -rf "$d"
    done
    [ -z "$P_TMP" ] || [ -n "${KEEP_TMP:-}" ] || rm -rf "$P_TMP"
}

# pkg_present: those of our packages dpkg knows in any state but absent.
pkg_present() {
    for p in $PKGS; do
        st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
        [ -z "$st" ] || [ "$st" = not-installed ] || echo "$p"
    done
}

pkg_require() {
    [ "$(id -u)" -eq 0 ] || h_skip_or_fail "install.sh needs root"
    for t in dpkg-buildpackage dh lintian apt-get git systemd-analyze; do
        command -v "$t" >/dev/null ||
            h_skip_or_fail "$t is not installed (debhelper, lintian, git, systemd)"
    done
    git -C "$abs_top_srcdir" rev-parse --git-dir >/dev/null 2>&1 ||
        h_skip_or_fail "$abs_top_srcdir is not a git checkout"
    present=$(pkg_present)
    if [ -n "$present" ]; then
        h_log "FAIL: already installed, not touched: $present"
        exit 1
    fi
}

# pkg_build: the .debs and the .changes in $P_TMP from a git archive of
# the tracked files (a stash commit holds their uncommitted changes).
pkg_build() {
    ver=$(dpkg-parsechangelog -l "$abs_top_srcdir/debian/changelog" -S Version)
    rev=$(git -C "$abs_top_srcdir" stash create)
    src=$P_TMP/virtmib-$ver
    git -C "$abs_top_srcdir" archive --prefix="virtmib-$ver/" \
        "${rev:-HEAD}" | tar -xf - -C "$P_TMP" || return 1
    t0=$(date +%s)
    (cd "$src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) \
        >"$P_TMP/build.log" 2>&1 || {
        tail -n 40 "$P_TMP/build.log" >&2
        return 1
    }
    CHANGES=$P_TMP/virtmib_${ver}_$(dpkg --print-architecture).changes
    echo "install: dpkg-buildpackage -b built $(find "$P_TMP" -maxdepth 1 \
        -name '*.deb' | wc -l) .debs in $(($(date +%s) - t0)) s"
}

pkg_lintian() {
    t0=$(date +%s)
    lintian --fail-on error,warning -I --show-overrides "$CHANGES" \
        >"$P_TMP/lintian.out" 2>&1
    rc=$?
    cat "$P_TMP/lintian.out" >&2
    h_eq "lintian --fail-on error,warning passes" 0 "$rc"
    h_eq "lintian: no E: or W: tag" 0 "$(grep -c '^[EW]: ' "$P_TMP/lintian.out")"
    echo "install: lintian in $(($(date +%s) - t0)) s:" \
        "$(grep -c '^E: ' "$P_TMP/lintian.out") errors," \
        "$(grep -c '^W: ' "$P_TMP/lintian.out") warnings," \
        "$(grep -c '^I: ' "$P_TMP/lintian.out") info," \
        "$(grep -c '^O: ' "$P_TMP/lintian.out") overridden"
}

# pkg_install: apt-get install of the seven .debs, starting no service.
pkg_install() {
    if [ ! -e "$PRC" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$PRC"
        chmod 755 "$PRC"
        PRC_MADE=1
    fi
    debs=
    for p in $PKGS; do
        debs="$debs $(ls "$P_TMP/${p}_"*.deb)"
    done
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends $debs >"$P_TMP/apt.log" 2>&1
    rc=$?
    [ $rc -eq 0 ] || tail -n 30 "$P_TMP/apt.log" >&2
    h_eq "apt-get install ./*.deb" 0 $rc || return 1
    for p in $PKGS; do
        h_eq "$p installed" installed \
            "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)"
        dpkg -L "$p" >"$P_TMP/$p.files"
    done
}

# an agent process started from either installed binary
installed_agent_runs() {
    for exe in /proc/[0-9]*/exe; do
        case $(readlink "$exe" 2>/dev/null) in
        /usr/sbin/virtmibd | /usr/sbin/virtmibd-libvirt) return 0 ;;
        esac
    done
    return 1
}

# the regular files (and links) that more than one package lists
shared_files() {
    for p in $PKGS; do
        while IFS= read -r f; do
            [ -d "$f" ] || echo "$f"
        done <"$P_TMP/$p.files"
    done | sort | uniq -d
}

pkg_check_installed() {
    h_true "no agent started by the installation" \
        eval '! installed_agent_runs'
    uid=$(getent passwd virtmib | cut -d: -f3)
    h_true "system user virtmib (uid $uid)" test "${uid:-1000}" -lt 1000
    h_true "group virtmib" eval 'getent group virtmib >/dev/null'
    h_eq "conffile (virtmib-common)" /etc/snmp/virtmibd.conf \
        "$(dpkg-query -W -f='${Conffiles}' virtmib-common | awk 'NF { print $1 }')"
    h_eq "no file in two packages" "" "$(shared_files)"
    h_true "the unit is installed" test -f /lib/systemd/system/virtmibd.service
    h_true "VIRT-MIB where net-snmp looks" \
        test -f /usr/share/snmp/mibs/VIRT-MIB.txt
    ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
    h_true "the dlmod" test -f "/usr/lib/$ma/virtmib/virtmib.so"
    h_true "virtmibd-libvirt's unit is installed" \
        test -f /lib/systemd/system/virtmibd-libvirt.service
    h_true "virtmibd-libvirt's dlmod" \
        test -f "/usr/lib/$ma/virtmib/virtmib-libvirt.so"
    h_true "virtmibd-libvirt(8)" \
        test -f /usr/share/man/man8/virtmibd-libvirt.8.gz
    dep=$(dpkg-query -W -f='${Depends}' virtmibd-libvirt)
    h_true "virtmibd-libvirt depends on libvirt0, not libvir0 ($dep)" eval \
        "printf '%s\n' \"\$dep\" | grep -q 'libvirt0' &&
            ! printf '%s\n' \"\$dep\" | grep -q 'libvir0'"
    h_true "/usr/sbin/virtmibd-libvirt links libvirt.so.0 only" eval \
        "ldd /usr/sbin/virtmibd-libvirt | grep -q 'libvirt\.so\.0 ' &&
            ! ldd /usr/sbin/virtmibd-libvirt | grep -q 'libvir\.so'"
}

# virtmibd-libvirt.service as installed, offline (systemd is not PID 1
# here): verify says nothing; the exposure score is 3.0 or below.
pkg_check_unit() {
    unit=/lib/systemd/system/virtmibd-libvirt.service
    out=$(systemd-analyze verify "$unit" 2>&1)
    rc=$?
    [ -z "$out" ] || h_log "$out"
    h_eq "systemd-analyze verify virtmibd-libvirt.service: silent" "0:" "$rc:$out"
    sec=$P_TMP/sec
    mkdir -p "$sec/etc/systemd/system"
    cp "$unit" "$sec/etc/systemd/system/"
    score=$(systemd-analyze security --offline=true --root="$sec" \
        virtmibd-libvirt.service 2>&1 |
        sed -n 's/.*Overall exposure level for virtmibd-libvirt.service: \([0-9.]*\).*/\1/p')
    echo "install: systemd-analyze security: virtmibd-libvirt.service: $score"
    h_true "virtmibd-libvirt.service rates 3.0 or below ($score)" \
        systemd-analyze security --offline=true --root="$sec" --threshold=30 \
        virtmibd-libvirt.service >/dev/null 2>&1
}

# libvir-dev: a program built with pkg-config runs on the test host
pkg_check_dev() {
    # shellcheck disable=SC2046
    h_true "hostinfo builds with pkg-config libvir" cc -o "$P_TMP/hostinfo" \
        $(pkg-config --cflags libvir) "$abs_top_srcdir/examples/hostinfo.c" \
        $(pkg-config --libs libvir)
    h_true "hostinfo runs on test:///default" eval \
        "LIBVIRT_DEFAULT_URI=test:///default '$P_TMP/hostinfo' |
            grep -qE '^ +0  Domain-0 '"
    h_true "the installed vsh lists web1" eval \
        "/usr/bin/vsh -c test:///default list | grep -qE '^ *1 +web1 +running'"
}

# v3 TOOL -OFORMAT ARGS...: a net-snmp tool as the v3 user, authPriv,
# naming objects as an operator does: -m +VIRT-MIB
v3() {
    tool=$1
    fmt=$2
    shift 2
    # shellcheck disable=SC2086
    "$tool" -v3 -l authPriv -u "$V3USER" -a SHA -A "$V3AUTH" \
        -x AES -X "$V3PRIV" $H_TRIES -m +VIRT-MIB "$fmt" \
        "127.0.0.1:$PORT" "$@"
}

# The private snmpd (with the v3 user) and snmptrapd that both agents'
# smokes use.
pkg_snmp_start() {
    H_SNMPD_EXTRA="createUser $V3USER SHA $V3AUTH AES $V3PRIV
rwuser $V3USER priv"
    # names from the installed MIB only, not the source tree's mibs/, for
    # the tools and snmptrapd alike
    MIBDIRS="$BASE_MIBS:/usr/share/snmp/mibs"
    export MIBDIRS
    h_start_trapd || return 1
    h_start_snmpd
}

# pkg_smoke AGENT DOMAIN: the installed agent and MIB behind the private
# snmpd, on its library's test:///default, where DOMAIN runs.
pkg_smoke() {
    VIRTMIBD=$1
    dom=$2
    name=$(basename "$VIRTMIBD")
    AGENT_URI=test:///default
    STATE=$P_TMP/$name.map
    AGENTERR=$P_TMP/$name.stderr
    h_true "$VIRTMIBD registers" h_start_agent || return 1
    # as an operator names it: no MIBS, -m +VIRT-MIB.  net-snmp's default
    # modules come with it; without snmp-mibs-downloader most are missing
    # (MIBERR gets those complaints), but none may be about VIRT-MIB.
    unset MIBS
    MIBERR=$P_TMP/$name.mib-errors
    walk=$P_TMP/$name.walk
    snmpbulkwalk -v2c -c public $H_TRIES -m +VIRT-MIB -Oq \
        "127.0.0.1:$PORT" VIRT-MIB::virtDomainName >"$walk" 2>>"$MIBERR"
    h_true "$name: walk by name lists $dom" \
        grep -q "^VIRT-MIB::virtDomainName\.[0-9]* $dom\$" "$walk" ||
        cat "$walk" >&2
    idx=$(awk -v d="$dom" '$2 == d { sub(/.*\./, "", $1); print $1 }' "$walk")
    obj=VIRT-MIB::virtDomainAdminState.${idx:-0}
    h_true "$name: SNMPv3 authPriv SET pauses $dom" \
        v3 snmpset -Oq "$obj" i paused 2>>"$MIBERR"
    h_eq "$name: $dom paused" paused \
        "$(v3 snmpget -Oqv VIRT-MIB::virtDomainState."$idx" 2>>"$MIBERR")"
    h_eq "$name: no complaint about VIRT-MIB from the tools" "" \
        "$(grep VIRT-MIB "$MIBERR")"
    h_true "$name: virtDomainPaused caught by snmptrapd" \
        h_wait_log "$TRAPLOG" "virtDomainPaused.*virtDomainName\.$idx = STRING: $dom"
    out=$(/usr/lib/nagios/plugins/check_virtmib -H 127.0.0.1 -p "$PORT" \
        -P 3 -L authPriv -U "$V3USER" -a SHA -A "$V3AUTH" -x AES \
        -X "$V3PRIV" -m state -d "$dom" 2>&1)
    h_true "$name: installed check_virtmib over SNMPv3: $out" eval \
        "printf '%s\n' \"\$out\" | grep -q '$dom is paused'"
    h_stop_agent
    h_eq "$VIRTMIBD exits 0 on SIGTERM" 0 $?
    h_eq "$name: its stderr is empty" "" "$(cat "$AGENTERR" 2>/dev/null)"
}

# regular files (and links) of the packages' lists that exist
existing_files() {
    for p in $PKGS; do
        while IFS= read -r f; do
            # a directory, or a link to one (/lib), may be shared
            [ -d "$f" ] && continue
            if [ -e "$f" ] || [ -L "$f" ]; then
                echo "$f"
            fi
        done <"$P_TMP/$p.files"
    done
}

# The agents' state directories, as their units' StateDirectory= would
# have made them, so that remove and purge have them to keep or remove
# (none is made where one exists already: it is then not ours).
STATEDIRS="/var/lib/virtmibd /var/lib/virtmibd-libvirt"
STATE_MADE=
pkg_make_state() {
    for d in $STATEDIRS; do
        [ -e "$d" ] && continue
        mkdir "$d" && echo "1 00000000-0000-0000-0000-000000000001" >"$d/index.map" &&
            STATE_MADE="$STATE_MADE $d"
    done
}

pkg_remove() {
    pkg_make_state
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -q $PKGS \
        >>"$P_TMP/apt.log" 2>&1
    h_eq "apt-get remove" 0 $?
    for p in $PKGS; do
        # dpkg forgets a removed package that has no conffiles and no
        # postrm; the agents' postrm (deb-systemd-helper's, and their
        # state directory's on purge) keeps them until purged
        want=
        case $p in
        virtmib-common | virtmibd | virtmibd-libvirt) want=config-files ;;
        esac
        st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
        [ "$st" = not-installed ] && st=
        h_eq "$p after remove" "$want" "$st"
    done
    h_eq "files left after remove: the conffile" /etc/snmp/virtmibd.conf \
        "$(existing_files | tr '\n' ' ' | sed 's/ $//')"
    h_eq "dpkg -L virtmib-common: its files but the conffile gone" \
        /etc/snmp/virtmibd.conf "$(dpkg -L virtmib-common | while IFS= read -r f; do
            [ -d "$f" ] || [ ! -e "$f" ] || echo "$f"; done)"
    for d in $STATE_MADE; do
        h_true "$d kept by remove" test -f "$d/index.map"
    done
    dpkg --purge virtmibd virtmibd-libvirt virtmib-common \
        >>"$P_TMP/apt.log" 2>&1
    h_eq "dpkg --purge virtmibd virtmibd-libvirt virtmib-common" 0 $?
    left=$(pkg_present)
    h_eq "no package left in any state" "" "$left"
    h_eq "no file left after purge" "" "$(existing_files)"
    for p in virtmib-common virtmibd virtmibd-libvirt; do
        h_true "dpkg -L $p: not installed" eval "! dpkg -L $p >/dev/null 2>&1"
    done
    h_true "state directories made: $STATE_MADE" [ -n "$STATE_MADE" ]
    for d in $STATEDIRS; do
        h_true "$d gone" test ! -e "$d"
    done
    h_eq "no unit state left (deb-systemd-helper)" "" \
        "$(find /var/lib/systemd /etc/systemd -name '*virtmibd*' 2>/dev/null)"
    h_true "the virtmib user stays (debian/virtmibd.postrm)" \
        eval 'getent passwd virtmib >/dev/null'
}

start=$(date +%s)
pkg_require
h_setup
trap pkg_cleanup EXIT
P_TMP=$(mktemp -d "${TMPDIR:-/tmp}/virtmib-pkg.XXXXXX")
pkg_build || { h_log "FAIL: dpkg-buildpackage"; exit 1; }
pkg_lintian
pkg_install || exit 1
pkg_check_installed
pkg_check_unit
pkg_check_dev
if pkg_snmp_start; then
    pkg_smoke /usr/sbin/virtmibd web1
    pkg_smoke /usr/sbin/virtmibd-libvirt test
fi
pkg_remove
h_true "no policy-rc.d of ours left" eval \
    '[ -z "$PRC_MADE" ] || { rm -f "$PRC" && PRC_MADE= && [ ! -e "$PRC" ]; }'
echo "install: build, lintian, install, smoke, remove and purge in" \
    "$(($(date +%s) - start)) s"
echo "install: $H_PASS passed, $H_FAIL failed"
[ "$H_FAIL" -eq 0 ]
