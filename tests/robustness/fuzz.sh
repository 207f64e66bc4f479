#!/bin/bash
# fuzz.sh: builds the libFuzzer targets of fuzz/ with clang, ASan and
# UBSan, and runs each for FUZZ_SECONDS (default 60) on a copy of its
# seed corpus (fuzz/corpus/TARGET, in the tree).  Any crash, leak,
# sanitizer report or timeout fails; the input that caused it is kept in
# the work directory and printed, to be added to the corpus with a fix.
#
# Environment: abs_top_srcdir, abs_top_builddir (for config.h),
# FUZZ_SECONDS, FUZZ_TARGETS (a subset, space separated), FUZZ_WORK (the
# work directory, default $abs_top_builddir/tests/robustness/fuzz-work).
# Prints "fuzz TARGET: N execs in S s, corpus A -> B, OK|FAIL" per
# target.  Exits 77 (skip) without clang or libFuzzer, unless CI=true.
set -u

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-domain_xml node_file save_image cpulist mib_values index_map}
WORK=${FUZZ_WORK:-$abs_top_builddir/tests/robustness/fuzz-work}
SRC=$abs_top_srcdir
FZ=$SRC/tests/robustness/fuzz

skip_or_fail() {
    if [ "${CI:-}" = true ]; then
        echo "FAIL: $* (CI=true: a skip is a failure)" >&2
        exit 1
    fi
    echo "SKIP: $*" >&2
    exit 77
}

CLANG=$(command -v clang || command -v clang-14) ||
    skip_or_fail "clang is not installed"
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)
{ (void)d; (void)n; return 0; }' >"${TMPDIR:-/tmp}/fuzzprobe.$$.c"
if ! "$CLANG" -fsanitize=fuzzer "${TMPDIR:-/tmp}/fuzzprobe.$$.c" \
    -o "${TMPDIR:-/tmp}/fuzzprobe.$$" 2>/dev/null; then
    rm -f "${TMPDIR:-/tmp}/fuzzprobe.$$"*
    skip_or_fail "clang cannot link libFuzzer (libclang-rt-14-dev)"
fi
rm -f "${TMPDIR:-/tmp}/fuzzprobe.$$"*

mkdir -p "$WORK/obj"
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
CFLAGS="-g -O1 -fno-omit-frame-pointer $SAN -I$abs_top_builddir -I$SRC/lib/include -I$SRC/lib \
    -I$SRC/tools -I$SRC/agent -I$FZ $(xml2-config --cflags)"
LIBS="$(xml2-config --libs) -lpthread"
# the xen driver, when this build has it (libvirt.c lists it)
XEN_SRCS=
if grep -q '^#define WITH_XEN 1' "$abs_top_builddir/config.h"; then
    XEN_SRCS="drivers/xen/xen_driver drivers/xen/xen_hv drivers/xen/xen_store drivers/xen/xen_conf drivers/xen/xen_libxl drivers/xen/xen_events"
    LIBS="$LIBS $(sed -n 's/^XEN_LIBS = //p' "$abs_top_builddir/lib/Makefile")"
fi

# build: one archive of lib/, then one binary per target (always from
# scratch: a header change must not leave stale objects)
build() {
    local f o objs=
    for f in util/hash handles util/util virterror conf/domain_conf domain_event libvirt \
        drivers/test/sim_driver drivers/test/sim_node drivers/test/sim_image $XEN_SRCS; do
        o=$WORK/obj/$(echo "$f" | tr / _).o
        objs="$objs $o"
        # shellcheck disable=SC2086
        "$CLANG" $CFLAGS -c "$SRC/lib/$f.c" -o "$o" || return 1
    done
    for f in fuzz_common:$FZ/fuzz_common.c cpulist:$SRC/tools/cpulist.c \
        virt_mib:$SRC/agent/model/virt_mib.c snapshot:$SRC/agent/model/snapshot.c \
        index_map:$SRC/agent/model/index_map.c; do
        o=$WORK/obj/${f%%:*}.o
        # shellcheck disable=SC2086
        "$CLANG" $CFLAGS -c "${f#*:}" -o "$o" || return 1
    done
    # shellcheck disable=SC2086
    ar rcs "$WORK/libfuzzvir.a" $objs "$WORK/obj/fuzz_common.o" || return 1
    for t in $TARGETS; do
        extra=
        case $t in
        cpulist) extra="$WORK/obj/cpulist.o" ;;
        index_map) extra="$WORK/obj/index_map.o $WORK/obj/snapshot.o" ;;
        mib_values) extra="$WORK/obj/virt_mib.o $WORK/obj/snapshot.o \
            $WORK/obj/index_map.o \
            $(net-snmp-config --netsnmp-libs)" ;;
        esac
        # shellcheck disable=SC2086
        "$CLANG" $CFLAGS -fsanitize=fuzzer "$FZ/fuzz_$t.c" $extra \
            "$WORK/libfuzzvir.a" $LIBS -o "$WORK/fuzz_$t" || return 1
    done
}

echo "fuzz: building ${TARGETS} with $CLANG (ASan, UBSan, libFuzzer)"
build || { echo "FAIL: the fuzz targets do not build" >&2; exit 1; }

fail=0
total=0
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in $TARGETS; do
    corpus=$WORK/corpus-$t
    rm -rf "$corpus" "$WORK/crash-$t"
    mkdir -p "$corpus" "$WORK/crash-$t"
    cp "$FZ/corpus/$t"/* "$corpus"/
    before=$(find "$corpus" -type f | wc -l)
    (cd "$WORK" && timeout -k 10 $((FUZZ_SECONDS + 60)) "./fuzz_$t" \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=1024 \
        -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$WORK/crash-$t/" "$corpus" \
        >"$WORK/fuzz_$t.out" 2>&1)
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/fuzz_$t.out")
    secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' \
        "$WORK/fuzz_$t.out")
    after=$(find "$corpus" -type f | wc -l)
    total=$((total + ${runs:-0}))
    if [ $rc -ne 0 ] || [ -n "$(ls -A "$WORK/crash-$t")" ]; then
        fail=$((fail + 1))
        echo "fuzz $t: FAIL (exit $rc); the end of its log:"
        tail -n 40 "$WORK/fuzz_$t.out"
        for c in "$WORK/crash-$t"/*; do
            [ -f "$c" ] || continue
            echo "  input $c:"
            od -c "$c" | head -n 20
        done
    else
        echo "fuzz $t: ${runs:-?} execs in ${secs:-?} s, corpus $before -> $after, OK"
    fi
done
echo "fuzz: $total execs over $(echo "$TARGETS" | wc -w) targets, $fail failed"
[ $fail -eq 0 ]
