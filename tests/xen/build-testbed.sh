#!/bin/bash
# build-testbed.sh: build a bootable Xen 4.17 test bed from Debian 12
# packages only.  Results in $XT_OUT (default $XT_WORK/out):
#   xen           the hypervisor (uncompressed multiboot ELF, QEMU -kernel)
#   vmlinuz       Debian's generic kernel (CONFIG_XEN_DOM0=y; the -cloud
#                 flavour lacks it), used for dom0 and for the PV guest
#   dom0.cpio.gz  dom0 initramfs: busybox, the xen toolstack daemons, xl,
#                 their libraries, the xen and 9p modules, the guest
#   guest.cpio.gz the PV guest's initramfs (busybox; prints GUEST-UP)
#   snmp/         net-snmp's snmpd, snmptrapd and command-line tools
#                 (bin/) with their ldd closure (lib/) and net-snmp's own
#                 MIB modules (mibs/: NET-SNMP-MIB, which VIRT-MIB imports),
#                 for the host share
# The hypervisor and kernel packages are only unpacked (dpkg-deb -x), never
# installed.  Set XT_SKIP_APT=1 to skip the apt step on a prepared host.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${XT_WORK:-/tmp/virtmib-xt}
OUT=${XT_OUT:-$WORK/out}
XB=/usr/lib/xen-4.17/bin
export DEBIAN_FRONTEND=noninteractive

apt_step() {
    local pkgs="qemu-system-x86 busybox-static cpio kmod gcc libc6-dev
                libxen-dev xen-utils-4.17 xenstore-utils snmpd snmptrapd
                snmp"
    # shellcheck disable=SC2086
    if dpkg-query -W $pkgs >/dev/null 2>&1 && [ -x $XB/xl ]; then
        return 0
    fi
    apt-get update -q
    # policy-rc.d: xen-utils' maintainer scripts must not start xencommons
    # on a host that does not run Xen, nor snmpd's start the system snmpd.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $pkgs || {
        rm -f /usr/sbin/policy-rc.d
        exit 1
    }
    rm -f /usr/sbin/policy-rc.d
}

fetch_debs() {
    mkdir -p "$WORK/debs"
    cd "$WORK/debs"
    KPKG=$(apt-cache depends linux-image-amd64 |
        awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    KV=${KPKG#linux-image-}
    ls "${KPKG}"_*.deb >/dev/null 2>&1 || apt-get download -q "$KPKG"
    ls xen-hypervisor-4.17-amd64_*.deb >/dev/null 2>&1 ||
        apt-get download -q xen-hypervisor-4.17-amd64
    rm -rf "$WORK/kernel" "$WORK/hv"
    mkdir -p "$WORK/kernel" "$WORK/hv" "$OUT"
    dpkg-deb -x "${KPKG}"_*.deb "$WORK/kernel"
    dpkg-deb -x xen-hypervisor-4.17-amd64_*.deb "$WORK/hv"
    /sbin/depmod -b "$WORK/kernel" "$KV"
    zcat "$WORK"/hv/boot/xen-4.17-amd64.gz >"$OUT/xen"
    cp "$WORK/kernel/boot/vmlinuz-$KV" "$OUT/vmlinuz"
    cd "$WORK"
}

cpio_of() {
    (cd "$1" && find . | cpio -o -H newc --quiet | gzip -1)
}

build_guest() {
    local g="$WORK/guest-root"
    rm -rf "$g"
    mkdir -p "$g"/{bin,proc,sys,dev}
    cp /bin/busybox "$g/bin/busybox"
    cp "$HERE/guest-init" "$g/init"
    # The block frontend, so that an attached disk shows up in the guest.
    R="$g" put_mod "$(/sbin/modprobe -d "$WORK/kernel" -S "$KV" \
        --show-depends xen-blkfront | awk '$1 == "insmod" { print $2 }')"
    chmod +x "$g/init"
    cpio_of "$g" >"$OUT/guest.cpio.gz"
}

# Copy @1 (an absolute path) into the dom0 root, resolving symlinks.
put() {
    mkdir -p "$R$(dirname "$1")"
    cp -L "$1" "$R$1"
}

dom0_tools() {
    local bins="$XB/xl $XB/libxl-save-helper $XB/xenstored $XB/xenconsoled
                $XB/xen-init-dom0 /usr/bin/xenstore"
    local b l t
    for b in $bins; do put "$b"; done
    for t in xenstore-read xenstore-write xenstore-ls xenstore-list \
        xenstore-rm xenstore-exists; do
        ln -sf /usr/bin/xenstore "$R/bin/$t"
    done
    for t in xl xenstored xenconsoled xen-init-dom0; do
        ln -sf "$XB/$t" "$R/sbin/$t"
    done
    # The shared libraries of the tools (the test binaries bring their
    # own closure in the host share, see check-xen.sh).
    for b in $bins; do
        ldd "$b" | awk '/=>/ { print $3 } /ld-linux/ { print $1 }'
    done | sort -u | while read -r l; do
        [ -f "$l" ] && put "$l"
    done
    put /lib64/ld-linux-x86-64.so.2
    # glibc dlopen()s libgcc_s for pthread_cancel; xl aborts without it.
    put /lib/x86_64-linux-gnu/libgcc_s.so.1
    [ -f /etc/xen/xl.conf ] && put /etc/xen/xl.conf
    return 0
}

dom0_modules() {
    local m f
    for m in xenfs xen-evtchn xen-privcmd xen-gntdev xen-gntalloc \
        xen-blkback 9p 9pnet_virtio virtio_pci loop; do
        /sbin/modprobe -d "$WORK/kernel" -S "$KV" --show-depends "$m" |
            awk '$1 == "insmod" { print $2 }'
    done | sort -u | while read -r f; do
        put_mod "$f"
    done
    cp "$WORK/kernel/lib/modules/$KV"/modules.{order,builtin} \
        "$R/lib/modules/$KV/"
    /sbin/depmod -b "$R" "$KV"
}

put_mod() {
    local rel=${1#"$WORK/kernel"}
    mkdir -p "$R$(dirname "$rel")"
    cp "$1" "$R$rel"
}

build_dom0() {
    R="$WORK/dom0-root"
    rm -rf "$R"
    mkdir -p "$R"/{bin,sbin,proc,sys,dev,tmp,host,guest,etc/xen} \
        "$R/lib/modules/$KV" \
        "$R"/var/{run/xen,run/xenstored,lib/xen,lib/xenstored,log/xen,lock}
    cp /bin/busybox "$R/bin/busybox"
    dom0_tools
    dom0_modules
    cp "$OUT/vmlinuz" "$R/guest/vmlinuz"
    cp "$OUT/guest.cpio.gz" "$R/guest/initrd"
    mkdir -p "$R/etc/xen/scripts"
    cp "$HERE/block" "$R/etc/xen/scripts/block"
    cp "$HERE/dom0-init" "$R/init"
    chmod +x "$R/init"
    cpio_of "$R" >"$OUT/dom0.cpio.gz"
}

# net-snmp for the SNMP checks in dom0 (snmp-in-dom0.sh).  They go to the
# host share, not into the initramfs: their closure (libperl, krb5, ...)
# is about 18 MB, which the initramfs would hold in dom0's RAM for the
# whole run while the toolstack needs that RAM to build guests.
snmp_tools() {
    local s="$OUT/snmp" b
    local bins="/usr/sbin/snmpd /usr/sbin/snmptrapd /usr/bin/snmpget
                /usr/bin/snmpbulkwalk /usr/bin/snmpwalk /usr/bin/snmpset
                /usr/bin/snmptranslate"
    rm -rf "$s"
    mkdir -p "$s/bin" "$s/lib" "$s/mibs"
    for b in $bins; do cp -L "$b" "$s/bin/"; done
    cp /usr/share/snmp/mibs/*.txt "$s/mibs/"
    # shellcheck disable=SC2086
    for b in $bins; do ldd "$b"; done |
        awk '/=>/ && $3 ~ /^\// { print $3 }' | sort -u |
        xargs -r cp -L -t "$s/lib/"
}

main() {
    [ "${XT_SKIP_APT:-0}" = 1 ] || apt_step
    fetch_debs
    build_guest
    build_dom0
    snmp_tools
    ls -l "$OUT"
}

main "$@"
