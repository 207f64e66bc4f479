#!/bin/sh
# style.sh: the house style's size limits on the production code (the .c
# and .h files of lib/, agent/, tools/ and plugins/): no file over
# MAX_LINES lines (1,000), no function over MAX_FUNC lines (60, counted
# by funclen.awk between its braces).  Prints every file and function
# over its limit and fails when there is one.
set -u

: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_srcdir:=$abs_top_srcdir/tests}"
MAX_LINES=${MAX_LINES:-1000}
MAX_FUNC=${MAX_FUNC:-60}

cd "$abs_top_srcdir" || exit 1
files=$(find lib agent tools plugins -name '*.[ch]' | LC_ALL=C sort)
[ -n "$files" ] || { echo "style: no production sources found" >&2; exit 1; }

# shellcheck disable=SC2086
long_files=$(wc -l $files | awk -v max="$MAX_LINES" \
    '$2 != "total" && $1 > max { print "  " $2 ": " $1 " lines" }')
# shellcheck disable=SC2086
long_funcs=$(awk -f "$abs_srcdir/funclen.awk" $files |
    awk -v max="$MAX_FUNC" '$1 > max { print "  " $2 " " $3 ": " $1 " lines" }')

fail=0
if [ -n "$long_files" ]; then
    echo "style: files over $MAX_LINES lines:"
    echo "$long_files"
    fail=1
fi
if [ -n "$long_funcs" ]; then
    echo "style: functions over $MAX_FUNC lines:"
    echo "$long_funcs"
    fail=1
fi
echo "style: $(echo "$files" | wc -l) files checked, limits $MAX_LINES" \
    "lines a file and $MAX_FUNC a function"
exit $fail
