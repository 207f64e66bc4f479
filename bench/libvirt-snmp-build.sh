#!/bin/sh
# bench/libvirt-snmp-build.sh DIR: prints the path of a libvirt-snmp
# subagent (libvirtMib_subagent) for bench/libvirt-snmp.sh, building it
# in DIR from its public sources against the system's libvirt-dev and
# libsnmp-dev.  Nothing is installed; libvirt-snmp's code is never kept
# in this tree.  The first of these that is there is used:
#   LIBVIRT_SNMP      a libvirtMib_subagent already built: used as is;
#   DIR/build/src/libvirtMib_subagent, built by an earlier run;
#   LIBVIRT_SNMP_SRC  a source tree or a tar archive of one (e.g. from
#                     `git archive`), copied to DIR and built there;
#   a clone of LIBVIRT_SNMP_GIT (default its GitHub repository) at
#   LIBVIRT_SNMP_COMMIT (default the last commit, b1167cc of 2022),
#   when the network allows it (60 s at most).
# Exits 77 (skip) when none of them is available or a build tool is
# missing, 1 when a build fails (its log is printed).
#
# libvirt-snmp builds unpatched on Debian 12 (libvirt 9.0, net-snmp
# 5.9.3): its autogen.sh needs ChangeLog and AUTHORS to exist (made
# empty here) and its docs/ are not built (only src/).

: "${LIBVIRT_SNMP_GIT:=https://github.com/libvirt/libvirt-snmp.git}"
: "${LIBVIRT_SNMP_COMMIT:=b1167cc10c4342d8e2f3eb6fef70c70067041f3c}"

skip() {
    printf 'SKIP: libvirt-snmp: %s\n' "$*" >&2
    printf '  (set LIBVIRT_SNMP=/path/to/libvirtMib_subagent, or' >&2
    printf ' LIBVIRT_SNMP_SRC=a source tree or tarball)\n' >&2
    exit 77
}

need_tools() {
    for t in autoreconf make cc pkg-config net-snmp-config tar; do
        command -v "$t" >/dev/null 2>&1 || skip "$t is not installed"
    done
    pkg-config --exists libvirt ||
        skip "pkg-config finds no libvirt (install libvirt-dev)"
}

# get_sources DIR: DIR/src holds the sources, or it returns 1.
get_sources() {
    rm -rf "$1/src" "$1/git"
    mkdir -p "$1/src"
    if [ -n "${LIBVIRT_SNMP_SRC:-}" ]; then
        if [ -d "$LIBVIRT_SNMP_SRC" ]; then
            (cd "$LIBVIRT_SNMP_SRC" && tar -cf - .) | tar -xf - -C "$1/src"
        else
            tar -xf "$LIBVIRT_SNMP_SRC" -C "$1/src"
        fi
        return
    fi
    command -v git >/dev/null 2>&1 || return 1
    timeout 60 git clone -q --bare "$LIBVIRT_SNMP_GIT" "$1/git" \
        2>/dev/null || return 1
    git --git-dir="$1/git" archive "$LIBVIRT_SNMP_COMMIT" |
        tar -xf - -C "$1/src"
}

# build DIR: configures and builds DIR/src in DIR/build, log DIR/build.log.
build() {
    src=$(cd "$1/src" && pwd)
    if [ ! -f "$src/configure.ac" ] || [ ! -f "$src/src/libvirtSnmp.c" ]; then
        echo "libvirt-snmp: $src is not a libvirt-snmp source tree" >&2
        return 1
    fi
    touch "$src/ChangeLog" "$src/AUTHORS"
    mkdir -p "$src/build-aux" "$1/build"
    if ! { (cd "$src" && autoreconf -if) &&
        (cd "$1/build" && "$src/configure" -q) &&
        make -C "$1/build/src"; } >"$1/build.log" 2>&1; then
        echo "libvirt-snmp: the build failed; its log:" >&2
        cat "$1/build.log" >&2
        return 1
    fi
}

[ $# -eq 1 ] || {
    echo "usage: libvirt-snmp-build.sh DIR" >&2
    exit 2
}
dir=$1
bin=$dir/build/src/libvirtMib_subagent
if [ -n "${LIBVIRT_SNMP:-}" ]; then
    [ -x "$LIBVIRT_SNMP" ] || skip "LIBVIRT_SNMP=$LIBVIRT_SNMP is not executable"
    echo "$LIBVIRT_SNMP"
    exit 0
fi
if [ -x "$bin" ] && [ -z "${LIBVIRT_SNMP_SRC:-}" ]; then
    echo "$bin"
    exit 0
fi
need_tools
mkdir -p "$dir" || exit 1
get_sources "$dir" || skip "no sources: $LIBVIRT_SNMP_GIT cannot be cloned"
build "$dir" || exit 1
echo "$bin"
