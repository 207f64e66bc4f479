#!/bin/bash
# fuzz.sh: builds the libFuzzer targets of fuzz/ with clang, ASan and
# UBSan (configure --enable-fuzzing in a build directory of its own),
# and runs each for FUZZ_SECONDS (default 60) on a copy of its
# seed corpus (fuzz/corpus/TARGET, in the tree).  Any crash, leak,
# sanitizer report or timeout fails; the input that caused it is kept in
# the work directory and printed, to be added to the corpus with a fix.
#
# Environment: abs_top_srcdir, abs_top_builddir (whose config.h says
# whether the xen driver is in), FUZZ_SECONDS, FUZZ_TARGETS (a subset,
# space separated), FUZZ_WORK (the work directory, default
# $abs_top_builddir/tests/robustness/fuzz-work), FUZZ_BUILD (the build
# directory, default $abs_top_builddir/fuzz-build).
# Prints "fuzz TARGET: N execs in S s, corpus A -> B, OK|FAIL" per
# target.  Exits 77 (skip) without clang or libFuzzer, unless CI=true.
set -u

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-domain_xml node_file save_image cpulist mib_values index_map}
WORK=${FUZZ_WORK:-$abs_top_builddir/tests/robustness/fuzz-work}
FUZZ_BUILD=${FUZZ_BUILD:-$abs_top_builddir/fuzz-build}
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

# build: a build directory of its own (FUZZ_BUILD), configured with
# --enable-fuzzing, where automake builds the libraries the unit suites
# link and the targets of fuzz/Makefile.am; it is reused, and its
# dependency tracking rebuilds what a changed source or header touches.
# The xen driver is in when this build has it.
XEN=no
if grep -q '^#define WITH_XEN 1' "$abs_top_builddir/config.h" 2>/dev/null; then
    XEN=yes
fi
CONFIGURE="$SRC/configure -q --enable-fuzzing --disable-werror --with-xen=$XEN CC=$CLANG CFLAGS=-g\ -O1"
configure() {
    if [ -f "$FUZZ_BUILD/config.status" ] &&
        [ "$(cat "$FUZZ_BUILD/fuzz-configure" 2>/dev/null)" = "$CONFIGURE" ]; then
        return 0
    fi
    rm -rf "$FUZZ_BUILD"
    mkdir -p "$FUZZ_BUILD" &&
        (cd "$FUZZ_BUILD" && eval "$CONFIGURE") &&
        echo "$CONFIGURE" >"$FUZZ_BUILD/fuzz-configure"
}
build() {
    local t progs=
    for t in $TARGETS; do
        progs="$progs fuzz_$t"
    done
    configure || return 1
    # shellcheck disable=SC2086
    make -C "$FUZZ_BUILD/tests/robustness/fuzz" fuzz-libs &&
        make -C "$FUZZ_BUILD/tests/robustness/fuzz" $progs
}

[ -f "$SRC/config.status" ] &&
    skip_or_fail "the source tree is configured in place: fuzz.sh builds" \
        "in a directory of its own, which needs a source tree built out" \
        "of it (mkdir _build && cd _build && ../configure)"
mkdir -p "$WORK"
echo "fuzz: building ${TARGETS} with $CLANG (ASan, UBSan, libFuzzer)"
if ! build >"$WORK/build.log" 2>&1; then
    tail -n 40 "$WORK/build.log"
    echo "FAIL: the fuzz targets do not build" >&2
    exit 1
fi
BIN=$FUZZ_BUILD/tests/robustness/fuzz

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
    (cd "$WORK" && timeout -k 10 $((FUZZ_SECONDS + 60)) "$BIN/fuzz_$t" \
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
