# libvirtd.sh: sourced by the tests that need a real libvirt host.
#
# Starts a private libvirtd in session mode, as the user nobody, with
# its own XDG directories, sockets and virtlogd in a temporary directory
# (the system's libvirtd, its sockets and /etc/libvirt are never
# touched), and runs a small QEMU guest under it: type 'qemu' (TCG), no
# disk and no network card, 256 MiB, 2 vcpus, a virtio balloon, direct
# kernel boot of Debian's cloud kernel (fetched with apt-get download
# and unpacked, never installed) and a busybox initramfs.  The guest's
# init loads the balloon driver, powers off when the ACPI power button
# is pressed (so that virDomainShutdown really shuts it down), and
# prints "GUEST READY" on its serial console, a file that the tests
# wait on.  Everything started is stopped, by pid, on exit.
#
# Inputs (environment): abs_top_builddir (the kernel and initramfs are
# cached in $abs_top_builddir/tests/libvirt/guest, so that the next run
# does not fetch them again).  CI=true turns a missing package into a
# failure instead of a skip (77).
#
# Outputs: LV_URI, the URI of the private daemon; LV_TMP, its directory;
# lv_virsh runs virsh on it.  Each phase is timed: lv_phase NAME START
# prints "phase NAME: SECONDS s" on stderr and into $LV_TMP/phases.
#
# Bounds: the daemon answered within 3.4 s and the guest was ready 2.5 s
# after its start on these 2-core machines (measured with nothing else
# running); the waits allow many times that for a loaded machine.

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"

LV_TMP=
LV_PID=
LV_URI=
LV_USER=nobody
LV_START_SECS=60
LV_BOOT_SECS=120
LV_STOP_SECS=30
LV_GUEST=$abs_top_builddir/tests/libvirt/guest
# Debian packages the guest tests need (quickstart installs them).
LV_PACKAGES="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients
qemu-system-x86 busybox-static cpio"
# The guest's modules, in load order (virtio_ring before virtio).
LV_MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev
virtio_pci virtio_balloon button evdev"

lv_log() {
    printf '%s\n' "$*" >&2
}

lv_skip_or_fail() {
    if [ "${CI:-}" = true ]; then
        lv_log "FAIL: $* (CI=true: a skip is a failure)"
        exit 1
    fi
    lv_log "SKIP: $*"
    exit 77
}

lv_now() {
    date +%s.%N
}

# lv_phase NAME START: the seconds since START (lv_now), on stderr and
# in $LV_TMP/phases.
lv_phase() {
    line=$(awk -v n="$1" -v a="$2" -v b="$(lv_now)" \
        'BEGIN { printf "phase %s: %.2f s", n, b - a }')
    lv_log "$line"
    [ -z "$LV_TMP" ] || echo "$line" >>"$LV_TMP/phases"
}

# lv_require: root, the packages and a QEMU with TCG; else a skip (77),
# a failure under CI=true.
lv_require() {
    [ "$(id -u)" -eq 0 ] ||
        lv_skip_or_fail "a private libvirtd as $LV_USER needs root"
    for c in libvirtd virtlogd virsh qemu-system-x86_64 setpriv dpkg-deb \
        apt-get cpio gzip; do
        command -v "$c" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
        command -v "$c" >/dev/null 2>&1 ||
            lv_skip_or_fail "no $c; the test needs the Debian packages" \
                $LV_PACKAGES
    done
    ldd /bin/busybox 2>&1 | grep -q 'not a dynamic executable' ||
        lv_skip_or_fail "no static /bin/busybox (Debian's busybox-static)"
    qemu-system-x86_64 -accel help 2>/dev/null | grep -qx tcg ||
        lv_skip_or_fail "qemu-system-x86_64 has no TCG accelerator"
    id "$LV_USER" >/dev/null 2>&1 || lv_skip_or_fail "no user $LV_USER"
}

# lv_guest_build: the guest's vmlinuz and initrd.gz in $LV_GUEST, built
# once; a later run finds them there.
lv_guest_build() {
    [ -s "$LV_GUEST/vmlinuz" ] && [ -s "$LV_GUEST/initrd.gz" ] && return 0
    t0=$(lv_now)
    work=$LV_GUEST.tmp
    rm -rf "$work"
    mkdir -p "$work/dl" "$work/root/bin" "$work/root/mods" || return 1
    lv_kernel_fetch "$work" || return 1
    lv_initramfs "$work" || return 1
    mkdir -p "$LV_GUEST"
    mv "$work/vmlinuz" "$work/initrd.gz" "$LV_GUEST/"
    rm -rf "$work"
    lv_phase "guest kernel fetched and initramfs built" "$t0"
}

# lv_kernel_fetch DIR: Debian's cloud kernel unpacked into DIR/kernel
# (the package's files, never installed), its image as DIR/vmlinuz.
lv_kernel_fetch() {
    pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
        awk '/Depends: linux-image-/ { print $2; exit }')
    if [ -z "$pkg" ]; then
        lv_log "no linux-image-cloud-amd64 in the apt lists (apt-get update?)"
        return 1
    fi
    (cd "$1/dl" && apt-get download -q -o APT::Sandbox::User=root "$pkg") \
        >"$1/download.log" 2>&1 || {
        lv_log "apt-get download $pkg failed:"
        cat "$1/download.log" >&2
        return 1
    }
    dpkg-deb -x "$1"/dl/*.deb "$1/kernel" || return 1
    cp "$1"/kernel/boot/vmlinuz-* "$1/vmlinuz"
}

# lv_initramfs DIR: busybox, the modules and the init, as DIR/initrd.gz.
lv_initramfs() {
    for m in $LV_MODULES; do
        ko=$(find "$1/kernel/lib/modules" -name "$m.ko" | head -n 1)
        if [ -z "$ko" ]; then
            lv_log "module $m.ko is not in the kernel package"
            return 1
        fi
        cp "$ko" "$1/root/mods/"
    done
    cp /bin/busybox "$1/root/bin/busybox"
    lv_init >"$1/root/init"
    chmod 755 "$1/root/init"
    (cd "$1/root" && find . | cpio -o -H newc 2>/dev/null | gzip -1) \
        >"$1/initrd.gz"
}

# The guest's init: the modules, a watcher on each ACPI power button
# that powers the guest off (busybox has no init that would), then
# "GUEST READY" on the console.
lv_init() {
    cat <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
INIT
    echo "for m in $LV_MODULES; do insmod /mods/\$m.ko; done" | tr '\n' ' '
    cat <<'INIT'

for e in /sys/class/input/event*; do
    grep -q 'Power Button' "$e/device/name" 2>/dev/null || continue
    (dd if="/dev/input/${e##*/}" of=/dev/null bs=24 count=1 2>/dev/null
     echo "GUEST POWEROFF"; poweroff -f) &
done
echo "GUEST READY"
while :; do sleep 3600; done
INIT
}

# lv_setup: the daemon's directory tree, owned by $LV_USER.
lv_setup() {
    LV_TMP=$(mktemp -d "${TMPDIR:-/tmp}/virtmib-lv.XXXXXX") || return 1
    chmod 755 "$LV_TMP"
    LV_HOME=$LV_TMP/home
    mkdir -p "$LV_HOME/.config/libvirt" "$LV_HOME/.run" "$LV_HOME/.cache" \
        "$LV_HOME/.local/share" "$LV_TMP/guest"
    # an empty qemu.conf is a syntax error to libvirt
    echo '# private session qemu.conf of a virtmib test' \
        >"$LV_HOME/.config/libvirt/qemu.conf"
    echo "log_outputs = \"3:file:$LV_TMP/libvirtd.log\"" \
        >"$LV_HOME/.config/libvirt/libvirtd.conf"
    cp "$LV_GUEST/vmlinuz" "$LV_GUEST/initrd.gz" "$LV_TMP/guest/"
    chown -R "$LV_USER:$(id -gn "$LV_USER")" "$LV_TMP"
    LV_URI="qemu:///session?socket=$LV_HOME/.run/libvirt/libvirt-sock"
}

# lv_start_daemon: libvirtd as $LV_USER in the foreground, its
# environment only the private XDG directories; returns once it
# answers (up to LV_START_SECS).
lv_start_daemon() {
    t0=$(lv_now)
    setpriv --reuid="$LV_USER" --regid="$(id -g "$LV_USER")" --clear-groups \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$LV_HOME" \
        XDG_RUNTIME_DIR="$LV_HOME/.run" XDG_CONFIG_HOME="$LV_HOME/.config" \
        XDG_CACHE_HOME="$LV_HOME/.cache" \
        XDG_DATA_HOME="$LV_HOME/.local/share" \
        libvirtd >>"$LV_TMP/libvirtd.out" 2>&1 &
    LV_PID=$!
    end=$(($(date +%s) + LV_START_SECS))
    while [ "$(date +%s)" -lt $end ] && kill -0 "$LV_PID" 2>/dev/null; do
        if lv_virsh version >/dev/null 2>&1; then
            lv_phase "libvirtd answers" "$t0"
            return 0
        fi
        sleep 0.1
    done
    lv_log "libvirtd did not answer within ${LV_START_SECS}s; its output:"
    tail -n 20 "$LV_TMP/libvirtd.out" "$LV_TMP/libvirtd.log" >&2
    return 1
}

# lv_kill_daemon [SIGNAL]: stops libvirtd (default TERM) and waits for
# it; its guests go on running, as they do when libvirtd restarts.
lv_kill_daemon() {
    [ -n "$LV_PID" ] || return 0
    kill -"${1:-TERM}" "$LV_PID" 2>/dev/null
    end=$(($(date +%s) + LV_STOP_SECS))
    while kill -0 "$LV_PID" 2>/dev/null && [ "$(date +%s)" -lt $end ]; do
        sleep 0.1
    done
    kill -9 "$LV_PID" 2>/dev/null
    wait "$LV_PID" 2>/dev/null
    LV_PID=
}

lv_virsh() {
    virsh -q -c "$LV_URI" "$@"
}

# lv_domain_xml NAME: the guest's definition, in $LV_TMP/NAME.xml.
lv_domain_xml() {
    cat >"$LV_TMP/$1.xml" <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>256</memory>
  <currentMemory unit='MiB'>256</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$LV_TMP/guest/vmlinuz</kernel>
    <initrd>$LV_TMP/guest/initrd.gz</initrd>
    <cmdline>console=ttyS0 panic=-1</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='file'>
      <source path='$LV_TMP/$1.console' append='on'/>
      <target port='0'/>
    </serial>
    <memballoon model='virtio'/>
  </devices>
</domain>
XML
}

# lv_boots NAME: how many times the guest NAME has become ready.
lv_boots() {
    n=$(grep -c 'GUEST READY' "$LV_TMP/$1.console" 2>/dev/null)
    echo "${n:-0}"
}

# lv_wait_ready NAME N: waits until the guest NAME has become ready for
# the Nth time (its console is appended to), up to LV_BOOT_SECS.
lv_wait_ready() {
    end=$(($(date +%s) + LV_BOOT_SECS))
    while [ "$(lv_boots "$1")" -lt "$2" ]; do
        if [ "$(date +%s)" -ge $end ]; then
            lv_log "guest $1 not ready ($2) within ${LV_BOOT_SECS}s; console:"
            tail -n 20 "$LV_TMP/$1.console" >&2
            return 1
        fi
        sleep 0.1
    done
}

# lv_state NAME: the domain's state as virsh says it ("running", ...).
lv_state() {
    lv_virsh domstate "$1" 2>/dev/null | head -n 1
}

# lv_wait_state NAME STATE [SECS]: waits until virsh says STATE.
lv_wait_state() {
    end=$(($(date +%s) + ${3:-$LV_STOP_SECS}))
    while [ "$(lv_state "$1")" != "$2" ]; do
        [ "$(date +%s)" -lt $end ] || return 1
        sleep 0.1
    done
}

# lv_start: everything up to a daemon that answers; the guest is the
# caller's to define.  Stops all of it on exit (lv_cleanup).
lv_start() {
    lv_require
    lv_guest_build || lv_skip_or_fail "the guest could not be built"
    lv_setup || return 1
    lv_start_daemon
}

# lv_cleanup: every domain destroyed and undefined, then libvirtd, the
# virtlogd it spawned and any QEMU left, each by its pid.
lv_cleanup() {
    [ -n "$LV_TMP" ] || return 0
    if [ -n "$LV_PID" ]; then
        for d in $(lv_virsh list --all --name 2>/dev/null); do
            lv_virsh destroy "$d" >/dev/null 2>&1
            lv_virsh undefine "$d" >/dev/null 2>&1
        done
    fi
    lv_kill_daemon TERM
    for pidfile in "$LV_HOME"/.run/libvirt/qemu/run/*.pid \
        "$LV_HOME/.run/libvirt/virtlogd.pid"; do
        [ -s "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null
        lv_wait_gone "$pid" || kill -9 "$pid" 2>/dev/null
    done
    if [ -z "${KEEP_TMP:-}" ]; then
        rm -rf "$LV_TMP"
    fi
    LV_TMP=
}

# lv_wait_gone PID: waits up to LV_STOP_SECS for PID (not a child) to
# exit.
lv_wait_gone() {
    end=$(($(date +%s) + LV_STOP_SECS))
    while kill -0 "$1" 2>/dev/null; do
        [ "$(date +%s)" -lt $end ] || return 1
        sleep 0.1
    done
}
