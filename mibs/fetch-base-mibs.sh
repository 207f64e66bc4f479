#!/bin/sh
# fetch-base-mibs.sh DIR: put the IETF base MIB modules (SNMPv2-SMI,
# SNMPv2-TC, SNMPv2-CONF, SNMPv2-MIB) into DIR so that net-snmp and smilint
# can read SMIv2 modules such as VIRT-MIB on a host without them.
#
# Debian's main archive does not ship these modules (they are in the
# non-free snmp-mibs-downloader).  When the host has them, they are copied
# from there; otherwise they are taken from the npm registry's `net-snmp`
# package (MIT licence), which carries them under package/lib/mibs.  The
# files are build products: never commit them.
set -eu

dest=${1:?usage: fetch-base-mibs.sh DIR}
modules="SNMPv2-SMI SNMPv2-TC SNMPv2-CONF SNMPv2-MIB"
pkg=${NET_SNMP_NPM_PKG:-net-snmp@3}

have_all() {
    for m in $modules; do
        [ -s "$1/$m" ] || [ -s "$1/$m.txt" ] || [ -s "$1/$m.mib" ] || return 1
    done
    return 0
}

mkdir -p "$dest"
if have_all "$dest"; then
    exit 0
fi

for dir in /usr/share/snmp/mibs/ietf /usr/share/mibs/ietf; do
    if have_all "$dir"; then
        for m in $modules; do
            cp "$dir/$m" "$dest/$m.txt"
        done
        echo "fetch-base-mibs: copied base modules from $dir"
        exit 0
    fi
done

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-base-mibs: npm not found; install npm or snmp-mibs-downloader" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
(cd "$tmp" && npm pack --silent "$pkg" >pack.out 2>pack.err) || {
    cat "$tmp/pack.err" >&2
    echo "fetch-base-mibs: npm pack $pkg failed" >&2
    exit 1
}
tarball=$(tail -n 1 "$tmp/pack.out")
tar -xzf "$tmp/$tarball" -C "$tmp"
for m in $modules; do
    src="$tmp/package/lib/mibs/$m.mib"
    if [ ! -s "$src" ]; then
        echo "fetch-base-mibs: $tarball has no lib/mibs/$m.mib" >&2
        exit 1
    fi
    cp "$src" "$dest/$m.txt"
done
echo "fetch-base-mibs: base modules from npm $tarball in $dest"
