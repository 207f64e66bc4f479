#!/bin/bash
# run.sh: the NMS stage (make check-nms), through tests/stage.sh: each
# NMS script of tests/nms against a live virtmibd, within 15 minutes,
# its log and .trs in the build tree's tests/nms, then the figures.
#
# Environment: abs_top_srcdir, abs_top_builddir; NMS_TESTS (a subset,
# e.g. "nagios snmptt").
: "${abs_top_srcdir:?}"
# shellcheck disable=SC2086
exec "$abs_top_srcdir/tests/stage.sh" nms 900 \
    ${NMS_TESTS:-selftest check_virtmib nagios icinga2 prometheus snmptt zabbix}
