#!/bin/bash
# boot.sh: boot the test bed (Xen + dom0) under QEMU's software emulation.
# dom0 mounts $XT_SHARE over 9p as /host, runs /host/run.sh and powers off;
# QEMU runs with -no-reboot and under timeout, so a crash ends the run.
# The serial console goes to stdout with wall-clock seconds prefixed.
#   XT_OUT    the test bed (build-testbed.sh)     default /tmp/virtmib-xt/out
#   XT_SHARE  host directory shared into dom0     required
#   XT_TIMEOUT seconds before QEMU is killed      default 300
#   XT_MEM, XT_DOM0_MEM  RAM of the machine and of dom0 (768, 384M: with
#             256M dom0 runs out of memory building a 128 MiB guest)
#   XT_CPU    QEMU's cpu model (default Nehalem: no AVX, no XSAVE).  With
#             "max" (QEMU 7.2's TCG emulates AVX/AVX2 and XSAVE's newer
#             forms) programs in dom0 and in the guest crashed at random
#             with corrupted heaps; with max minus AVX the guest's init
#             still did.  See README.md.
set -uo pipefail
OUT=${XT_OUT:-/tmp/virtmib-xt/out}
SHARE=${XT_SHARE:?set XT_SHARE to the directory dom0 runs run.sh from}
MEM=${XT_MEM:-768}
CPU=${XT_CPU:-Nehalem}
DOM0_MEM=${XT_DOM0_MEM:-384M}
# smap=0: under TCG dom0 faults at its first instruction without it.
XENCMD="console=com1 com1=115200,8n1 dom0_mem=$DOM0_MEM,max:$DOM0_MEM"
XENCMD="$XENCMD dom0_max_vcpus=2 smap=0 loglvl=warning guest_loglvl=warning"
T0=${EPOCHREALTIME/./}

stamp() {
    local l now
    while IFS= read -r l; do
        now=${EPOCHREALTIME/./}
        printf '%6.2f %s\n' "$(((now - T0) / 10000))e-2" "$l"
    done
}

timeout --kill-after=10 "${XT_TIMEOUT:-300}" \
    qemu-system-x86_64 -accel tcg -cpu "$CPU" -m "$MEM" -smp 2 \
    -nographic -nodefaults -serial stdio -monitor none -no-reboot \
    -kernel "$OUT/xen" -append "$XENCMD" \
    -initrd "$OUT/vmlinuz console=hvc0 earlyprintk=xen loglevel=4,$OUT/dom0.cpio.gz" \
    -virtfs "local,path=$SHARE,mount_tag=host,security_model=none,id=host0" \
    </dev/null 2>&1 | stamp
exit "${PIPESTATUS[0]}"
