#!/bin/sh
# install.sh: the Debian packages as an operator gets them.  Needs root:
# it installs and purges system packages (quickstart's pkg_stage runs it;
# never make check).
#  - builds the .debs with dpkg-buildpackage -us -uc -b from a clean copy
#    of the tree (git archive of the tracked files, uncommitted changes
#    included; DEB_BUILD_OPTIONS=nocheck: make check has run already),
#    then lintian --fail-on error,warning on the .changes;
#  - apt-get install ./*.deb (apt brings the Depends), under a
#    policy-rc.d that lets no service start, and finds no virtmibd
#    started, the virtmib system user created, the conffile in place;
#  - libvir-dev: examples/hostinfo.c builds with pkg-config libvir and
#    runs on test:///default; the installed vsh lists that host;
#  - the SNMP smoke against the installed files: a private snmpd (the
#    harness's: own config, loopback port, AgentX socket in a temp dir)
#    with /usr/sbin/virtmibd on test:///default, a walk by name with
#    `-m +VIRT-MIB` and MIBDIRS = the base modules and the installed MIB
#    directory only, an SNMPv3 authPriv SET, its notification caught by a
#    private snmptrapd, and the installed check_virtmib over SNMPv3;
#  - apt-get remove leaves only virtmibd's conffile (dpkg -L, dpkg
#    status config-files); dpkg --purge leaves none of the packages'
#    files (the virtmib user stays, by design: debian/virtmibd.postrm).
# Prints "install: ..." figures (build and lintian times, tags).
#
# Environment: abs_top_srcdir, abs_top_builddir (a build tree with the
# base MIB modules in mibs/base).  CI=true: a skip is a failure.
. "$(dirname "$0")/../snmp/harness.sh"

PKGS="libvir0 libvir-dev virtmibd vsh check-virtmib"
V3USER=pkgtest
V3AUTH=pkgtest-auth-passphrase
V3PRIV=pkgtest-priv-passphrase
PRC=/usr/sbin/policy-rc.d
PRC_MADE=
P_TMP=

# pkg_cleanup: on any exit, the private daemons stop, our policy-rc.d
# goes, and packages a failed run left installed are purged.
pkg_cleanup() {
    h_cleanup
    left=$(pkg_present)
    if [ -n "$left" ]; then
        # shellcheck disable=SC2086
        dpkg --purge $left >/dev/null 2>&1
    fi
    [ -z "$PRC_MADE" ] || rm -f "$PRC"
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
    for t in dpkg-buildpackage dh lintian apt-get git; do
        command -v "$t" >/dev/null ||
            h_skip_or_fail "$t is not installed (debhelper, lintian, git)"
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

# pkg_install: apt-get install of the five .debs, starting no service.
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

# a virtmibd process started from the installed binary
installed_agent_runs() {
    for exe in /proc/[0-9]*/exe; do
        [ "$(readlink "$exe" 2>/dev/null)" = /usr/sbin/virtmibd ] && return 0
    done
    return 1
}

pkg_check_installed() {
    h_true "no virtmibd started by the installation" \
        eval '! installed_agent_runs'
    uid=$(getent passwd virtmib | cut -d: -f3)
    h_true "system user virtmib (uid $uid)" test "${uid:-1000}" -lt 1000
    h_true "group virtmib" eval 'getent group virtmib >/dev/null'
    h_eq "conffile" /etc/snmp/virtmibd.conf \
        "$(dpkg-query -W -f='${Conffiles}' virtmibd | awk 'NF { print $1 }')"
    h_true "the unit is installed" test -f /lib/systemd/system/virtmibd.service
    h_true "VIRT-MIB where net-snmp looks" \
        test -f /usr/share/snmp/mibs/VIRT-MIB.txt
    h_true "the dlmod" test -f "/usr/lib/$(dpkg-architecture \
        -qDEB_HOST_MULTIARCH)/virtmib/virtmib.so"
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

# The SNMP smoke: the installed agent and MIB behind a private snmpd.
pkg_smoke() {
    H_SNMPD_EXTRA="createUser $V3USER SHA $V3AUTH AES $V3PRIV
rwuser $V3USER priv"
    # names from the installed MIB only, not the source tree's mibs/, for
    # the tools and snmptrapd alike
    MIBDIRS="$BASE_MIBS:/usr/share/snmp/mibs"
    export MIBDIRS
    h_start_trapd || return 1
    h_start_snmpd || return 1
    VIRTMIBD=/usr/sbin/virtmibd
    h_true "/usr/sbin/virtmibd registers" h_start_agent || return 1
    # as an operator names it: no MIBS, -m +VIRT-MIB.  net-snmp's default
    # modules come with it; without snmp-mibs-downloader most are missing
    # (MIBERR gets those complaints), but none may be about VIRT-MIB.
    unset MIBS
    MIBERR=$P_TMP/mib-errors
    snmpbulkwalk -v2c -c public $H_TRIES -m +VIRT-MIB -Oq \
        "127.0.0.1:$PORT" VIRT-MIB::virtDomainName >"$P_TMP/walk" 2>>"$MIBERR"
    h_true "walk by name lists web1" grep -q '^VIRT-MIB::virtDomainName\.[0-9]* web1$' \
        "$P_TMP/walk" || cat "$P_TMP/walk" >&2
    web1=$(awk '$2 == "web1" { sub(/.*\./, "", $1); print $1 }' "$P_TMP/walk")
    obj=VIRT-MIB::virtDomainAdminState.${web1:-0}
    h_true "SNMPv3 authPriv SET pauses web1" \
        v3 snmpset -Oq "$obj" i paused 2>>"$MIBERR"
    h_eq "web1 paused" paused \
        "$(v3 snmpget -Oqv VIRT-MIB::virtDomainState."$web1" 2>>"$MIBERR")"
    h_eq "no complaint about VIRT-MIB from the tools" "" \
        "$(grep VIRT-MIB "$MIBERR")"
    h_true "virtDomainPaused caught by snmptrapd" \
        h_wait_log "$TRAPLOG" "virtDomainPaused.*virtDomainName\.$web1 = STRING: web1"
    out=$(/usr/lib/nagios/plugins/check_virtmib -H 127.0.0.1 -p "$PORT" \
        -P 3 -L authPriv -U "$V3USER" -a SHA -A "$V3AUTH" -x AES \
        -X "$V3PRIV" -m state -d web1 2>&1)
    h_true "installed check_virtmib over SNMPv3: $out" eval \
        "printf '%s\n' \"\$out\" | grep -q 'web1 is paused'"
    h_stop_agent
    h_eq "/usr/sbin/virtmibd exits 0 on SIGTERM" 0 $?
    h_eq "its stderr is empty" "" "$(cat "$AGENTERR" 2>/dev/null)"
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

pkg_remove() {
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -q $PKGS \
        >>"$P_TMP/apt.log" 2>&1
    h_eq "apt-get remove" 0 $?
    for p in $PKGS; do
        # dpkg forgets a removed package that has no conffiles
        want=
        [ "$p" = virtmibd ] && want=config-files
        st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
        [ "$st" = not-installed ] && st=
        h_eq "$p after remove" "$want" "$st"
    done
    h_eq "files left after remove: the conffile" /etc/snmp/virtmibd.conf \
        "$(existing_files | tr '\n' ' ' | sed 's/ $//')"
    h_eq "dpkg -L virtmibd: its files but the conffile gone" \
        /etc/snmp/virtmibd.conf "$(dpkg -L virtmibd | while IFS= read -r f; do
            [ -d "$f" ] || [ ! -e "$f" ] || echo "$f"; done)"
    dpkg --purge virtmibd >>"$P_TMP/apt.log" 2>&1
    h_eq "dpkg --purge virtmibd" 0 $?
    left=$(pkg_present)
    h_eq "no package left in any state" "" "$left"
    h_eq "no file left after purge" "" "$(existing_files)"
    h_true "dpkg -L virtmibd: not installed" eval '! dpkg -L virtmibd >/dev/null 2>&1'
    h_true "/var/lib/virtmibd gone" test ! -e /var/lib/virtmibd
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
pkg_check_dev
pkg_smoke
pkg_remove
h_true "no policy-rc.d of ours left" eval \
    '[ -z "$PRC_MADE" ] || { rm -f "$PRC" && PRC_MADE= && [ ! -e "$PRC" ]; }'
echo "install: build, lintian, install, smoke, remove and purge in" \
    "$(($(date +%s) - start)) s"
echo "install: $H_PASS passed, $H_FAIL failed"
[ "$H_FAIL" -eq 0 ]
