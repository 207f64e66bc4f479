#!/bin/bash
# run.sh: the robustness suite (make check-robustness), through
# tests/stage.sh: each script of tests/robustness within 20 minutes, its
# log and .trs in the build tree's tests/robustness, then the figures.
#
# Environment: abs_top_srcdir, abs_top_builddir; ROBUSTNESS_TESTS (a
# subset, e.g. "access faults"); FUZZ_SECONDS, BADSETS_COUNT,
# LOAD_SECONDS shorten the runs locally; BADSETS_SEED, LOAD_SEED,
# FAULTS_SEED repeat a run (each script prints its seed and hash).
: "${abs_top_srcdir:?}"
# shellcheck disable=SC2086
exec "$abs_top_srcdir/tests/stage.sh" robustness 1200 \
    ${ROBUSTNESS_TESTS:-seeds fuzz badsets access faults stall load}
