#!/bin/sh
# vsh-test.sh: end-to-end tests of tools/vsh, the built binary, against
# test:///default and against the node file tests/tools/data/node.xml.
#
# Every command's happy path is checked with exact output where it is
# deterministic, and its error paths with the exit status (1: the library
# refused, one line on stderr; 2: usage).  Expected values come from an
# independent source: the node file written for this test, dumpxml for
# dominfo, the JSON output (read by python3) for the tables, config.h for
# versions.  The test driver keeps state only within a process, so
# chained checks feed commands to the interactive mode on stdin.
#
# Prints "ok"/"not ok" per check, then "N passed, N failed".
# VSH_WRAPPER (e.g. "valgrind -q --error-exitcode=99") prefixes each run.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top_builddir=${abs_top_builddir:-$(cd "$here/../.." && pwd)}
VSH="$top_builddir/tools/vsh"
DATA="$here/data"
DEF=test:///default
NODE="test://$DATA/node.xml"
WRAP=${VSH_WRAPPER:-}

unset LIBVIRT_DEFAULT_URI || true
T=$(mktemp -d "${TMPDIR:-/tmp}/vsh-test.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T"

pass=0
fail=0
rc=0

# ---------------------------------------------------------------- helpers

# run ARG...: runs vsh with no input; stdout in $T/out, stderr in $T/err,
# exit status in $rc.
run() {
    if $WRAP "$VSH" "$@" >"$T/out" 2>"$T/err" </dev/null; then
        rc=0
    else
        rc=$?
    fi
}

# feed INPUT ARG...: runs vsh with INPUT (printf format) on stdin.
feed() {
    _in=$1
    shift
    # shellcheck disable=SC2059
    if printf "$_in" | $WRAP "$VSH" "$@" >"$T/out" 2>"$T/err"; then
        rc=0
    else
        rc=$?
    fi
}

ok() {
    pass=$((pass + 1))
    echo "ok $((pass + fail)) - $1"
}

not_ok() {
    fail=$((fail + 1))
    echo "not ok $((pass + fail)) - $1"
    shift
    for _line in "$@"; do
        echo "#   $_line"
    done
    echo "#   status: $rc"
    sed 's/^/#   stdout: /' "$T/out" 2>/dev/null | head -20 || true
    sed 's/^/#   stderr: /' "$T/err" 2>/dev/null | head -20 || true
}

# expect_out NAME EXPECTED: the last run succeeded, printed EXPECTED
# (without its final newline) and nothing on stderr.
expect_out() {
    if [ -n "$2" ]; then
        printf '%s\n' "$2" >"$T/expected"
    else
        : >"$T/expected"
    fi
    if [ "$rc" -ne 0 ]; then
        not_ok "$1" "expected status 0"
    elif [ -s "$T/err" ]; then
        not_ok "$1" "expected an empty stderr"
    elif ! cmp -s "$T/expected" "$T/out"; then
        not_ok "$1" "expected stdout:" "$(cat "$T/expected")"
    else
        ok "$1"
    fi
}

# expect_lib_error NAME PATTERN: the last run failed with status 1, printed
# nothing and exactly one stderr line "error: ..." matching PATTERN (grep -E).
expect_lib_error() {
    if [ "$rc" -ne 1 ]; then
        not_ok "$1" "expected status 1"
    elif [ -s "$T/out" ]; then
        not_ok "$1" "expected an empty stdout"
    elif [ "$(wc -l <"$T/err")" -ne 1 ]; then
        not_ok "$1" "expected exactly one stderr line"
    elif ! grep -Eq "^error: .*$2" "$T/err"; then
        not_ok "$1" "expected stderr matching: error: .*$2"
    else
        ok "$1"
    fi
}

# expect_usage NAME COMMAND PATTERN: the last run failed with status 2,
# said what is wrong (PATTERN) and printed the usage of COMMAND.
expect_usage() {
    if [ "$rc" -ne 2 ]; then
        not_ok "$1" "expected status 2"
    elif [ -s "$T/out" ]; then
        not_ok "$1" "expected an empty stdout"
    elif ! grep -Eq -- "$3" "$T/err"; then
        not_ok "$1" "expected stderr matching: $3"
    elif ! grep -q "^usage: vsh $2" "$T/err"; then
        not_ok "$1" "expected the usage of $2"
    else
        ok "$1"
    fi
}

# check NAME CONDITION...: a plain assertion on a shell test.
check() {
    _name=$1
    shift
    if "$@"; then
        ok "$_name"
    else
        not_ok "$_name" "failed: $*"
    fi
}

# out_has REGEX: the last stdout has a line matching REGEX (grep -E).
out_has() {
    grep -Eq -- "$1" "$T/out"
}

# py SCRIPT ARG...: python3 with the last stdout on stdin.
py() {
    _script=$1
    shift
    python3 -c "$_script" "$@" <"$T/out"
}

# xml_value TAG: the text of the first <TAG>...</TAG> of the last stdout.
xml_value() {
    sed -n "s|.*<$1>\\([^<]*\\)</$1>.*|\\1|p" "$T/out" | head -n 1
}

# field LABEL: the value after "LABEL:" in the last stdout.
field() {
    sed -n "s|^$1: *||p" "$T/out" | head -n 1
}

if ! command -v python3 >/dev/null 2>&1; then
    echo "vsh-test: python3 is needed to read JSON" >&2
    exit 99
fi

# ---------------------------------------------------------------- program

version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
    "$top_builddir/config.h")
package=$(sed -n 's/^#define PACKAGE_NAME "\(.*\)"$/\1/p' \
    "$top_builddir/config.h")

run -V
expect_out "-V prints the version of config.h" "vsh ($package) $version"
run --version
expect_out "--version" "vsh ($package) $version"
run -c "$DEF" --version list
expect_out "--version after -c ends there" "vsh ($package) $version"

all_commands="list dominfo domid domname domuuid domstate dumpxml define
undefine create start shutdown reboot destroy suspend resume save restore
dump setmem setmaxmem setvcpus vcpuinfo vcpupin attach-device detach-device
nodeinfo version uri help"

run -h
missing=
for c in $all_commands; do
    grep -Eq "^  $c +[a-z]" "$T/out" || missing="$missing $c"
done
check "-h lists every command (missing:$missing)" \
    test "$rc" -eq 0 -a -z "$missing"
check "-h starts with the usage" \
    grep -q '^usage: vsh \[-c URI\] \[-r\] \[--json\]' "$T/out"

cp "$T/out" "$T/short-help"
run --help
check "--help: status 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$T/err"
check "--help prints the same usage as -h" cmp -s "$T/short-help" "$T/out"
run -c "$DEF" -r --help list
check "--help after other options: status 0, the usage" \
    cmp -s "$T/short-help" "$T/out"

run help
missing=
for c in $all_commands; do
    grep -Eq "^  $c +[a-z]" "$T/out" || missing="$missing $c"
done
check "help lists every command (missing:$missing)" \
    test "$rc" -eq 0 -a -z "$missing"

run help vcpupin
expect_out "help COMMAND prints its usage" "usage: vsh vcpupin DOMAIN VCPU CPULIST

  pin a virtual cpu to physical cpus, e.g. 0-7,^3"
run help nosuch
expect_usage "help of an unknown command" help "unknown command 'nosuch'"
run help a b
expect_usage "help with two arguments" help \
    "expected at most 1 argument, got 2"

for opt in --bogus -x --helpx --version=1 -hV -; do
    run "$opt" list
    check "unknown global option $opt: status 2, empty stdout" \
        test "$rc" -eq 2 -a ! -s "$T/out"
    check "unknown global option $opt: says so" \
        grep -q "^vsh: unknown option '$opt'\$" "$T/err"
    check "unknown global option $opt: the usage on stderr" \
        grep -q '^usage: vsh \[-c URI\] \[-r\] \[--json\]' "$T/err"
done
run -c
check "-c without URI: status 2" test "$rc" -eq 2
run nosuchcmd
check "unknown command: status 2" test "$rc" -eq 2
check "unknown command: says so" \
    grep -q "^vsh: unknown command 'nosuchcmd'" "$T/err"

# Without -c nor LIBVIRT_DEFAULT_URI, the library falls back to Xen; where
# Xen does not run the connection fails with one line.
if [ ! -e /proc/xen/privcmd ] && [ ! -e /proc/xen/capabilities ] &&
    ! grep -qs '^xen' /sys/hypervisor/type; then
    run list
    expect_lib_error "no URI, no Xen: one-line error" "URI"
fi
run -c bogus:///x list
expect_lib_error "unknown URI scheme: one-line error" "bogus:///x"

LIBVIRT_DEFAULT_URI=$DEF
export LIBVIRT_DEFAULT_URI
run uri
expect_out "uri comes from LIBVIRT_DEFAULT_URI" "$DEF"
run domstate 0
expect_out "LIBVIRT_DEFAULT_URI is used to connect" "running"
unset LIBVIRT_DEFAULT_URI
run -c "$DEF" uri
expect_out "uri prints -c" "$DEF"
run -c "$NODE" uri
expect_out "uri of a node file" "$NODE"
run --connect="$NODE" domname 3
expect_out "--connect=URI" "alpha"
run --readonly --connect "$NODE" -- domname 3
expect_out "--readonly --connect URI -- COMMAND" "alpha"
run -c "$DEF"
expect_out "no command, empty input: the prompt ends quietly" ""
run -c "$DEF" uri extra
expect_usage "uri takes no argument" uri "expected 0 arguments, got 1"

# ---------------------------------------------------------------- node file
#
# tests/tools/data/node.xml is written for this test: every value below is
# read from it by hand.

run -c "$NODE" list
expect_out "list on the node file" " Id   Name         State
--------------------------
 0    Domain-0     running
 3    alpha        running
 7    bravo-long   paused"

run -c "$NODE" list --all
expect_out "list --all on the node file" " Id   Name         State
---------------------------
 0    Domain-0     running
 3    alpha        running
 7    bravo-long   paused
 -    charlie      shut off"

run -c "$NODE" list --inactive
expect_out "list --inactive on the node file" " Id   Name      State
------------------------
 -    charlie   shut off"

run -c "$NODE" list --all --json
expect_out "list --all --json on the node file" \
'[{"id":0,"name":"Domain-0","uuid":"00000000-0000-0000-0000-000000000000","state":"running"},{"id":3,"name":"alpha","uuid":"0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c01","state":"running"},{"id":7,"name":"bravo-long","uuid":"0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c02","state":"paused"},{"id":null,"name":"charlie","uuid":"0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c03","state":"shutoff"}]'

run -c "$NODE" nodeinfo
expect_out "nodeinfo on the node file" "CPU model:           Test CPU 9000
CPU(s):              10
CPU frequency:       2400 MHz
CPU socket(s):       2
Core(s) per socket:  3
Thread(s) per core:  2
NUMA cell(s):        1
Memory size:         8388608 KiB"

run -c "$NODE" nodeinfo --json
expect_out "nodeinfo --json on the node file" \
'{"model":"Test CPU 9000","cpus":10,"mhz":2400,"nodes":1,"sockets":2,"cores":3,"threads":2,"memory_kib":8388608}'

run -c "$NODE" dominfo alpha
sed '/^CPU time:/d' "$T/out" >"$T/out2"
mv "$T/out2" "$T/out"
expect_out "dominfo alpha on the node file" "Id:             3
Name:           alpha
UUID:           0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c01
OS Type:        linux
State:          running
CPU(s):         3
Max memory:     524288 KiB
Used memory:    393216 KiB"

run -c "$NODE" dominfo charlie
sed '/^CPU time:/d' "$T/out" >"$T/out2"
mv "$T/out2" "$T/out"
expect_out "dominfo of an inactive domain" "Id:             -
Name:           charlie
UUID:           0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c03
OS Type:        linux
State:          shut off
CPU(s):         1
Max memory:     131072 KiB
Used memory:    131072 KiB"

run -c "$NODE" dominfo --json bravo-long
py 'import json,sys; d=json.load(sys.stdin); d.pop("cpu_time_ns"); print(json.dumps(d, sort_keys=True))' >"$T/json"
check "dominfo --json of a paused domain" test "$(cat "$T/json")" = \
'{"id": 7, "max_memory_kib": 1048576, "memory_kib": 1048576, "name": "bravo-long", "os_type": "linux", "state": "paused", "uuid": "0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c02", "vcpus": 2}'

run -c "$NODE" domid alpha
expect_out "domid by name" "3"
run -c "$NODE" domid charlie
expect_out "domid of an inactive domain" "-"
run -c "$NODE" domname 7
expect_out "domname by id" "bravo-long"
run -c "$NODE" domname 0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c03
expect_out "domname by uuid" "charlie"
run -c "$NODE" domname 0B5E8C3A7F4E4D8A9C1A3E2F4A5B6C01
expect_out "domname by uuid without dashes, upper case" "alpha"
run -c "$NODE" domuuid 3
expect_out "domuuid by id" "0b5e8c3a-7f4e-4d8a-9c1a-3e2f4a5b6c01"
run -c "$NODE" domstate bravo-long
expect_out "domstate paused" "paused"
run -c "$NODE" domstate charlie
expect_out "domstate shut off" "shut off"

run -c "$NODE" vcpuinfo alpha
sed '/^CPU time:/d' "$T/out" >"$T/out2"
mv "$T/out2" "$T/out"
expect_out "vcpuinfo on the node file" "VCPU:           0
CPU:            0
State:          running
CPU Affinity:   0-9

VCPU:           1
CPU:            1
State:          running
CPU Affinity:   0-9

VCPU:           2
CPU:            2
State:          running
CPU Affinity:   0-9"

feed 'vcpupin alpha 0 0-9,^3-8\nvcpupin alpha 1 9\nvcpupin alpha 2 0\nvcpuinfo --json alpha\n' -c "$NODE"
py 'import json,sys; print(" ".join("%s:%s" % (v["cpu"], v["affinity"]) for v in json.load(sys.stdin)))' >"$T/json"
check "vcpupin then vcpuinfo: cpus 0, 9 (last online), exclusions" \
    test "$(cat "$T/json")" = "0:0-2,9 9:9 0:0"
run -c "$NODE" vcpupin alpha 0 11
expect_lib_error "vcpupin to an offline cpu: the library refuses" "alpha"
run -c "$NODE" vcpupin alpha 0 12
expect_usage "vcpupin past the host's 12 cpus" vcpupin \
    "cpu '12' is out of range: the host has cpus 0-11"

# README.md's node file, taken from README.md itself, with the db1.xml it
# names: its guests carry no id, and none of them is Domain-0.
mkdir "$T/readme"
awk '/^### Node files/ { s = 1 }
    s == 1 && /^```xml/ { s = 2; next }
    s == 2 && /^```/ { exit }
    s == 2 { print }' "$here/../../README.md" >"$T/readme/node.xml"
check "README.md has a node file example" grep -q '^</node>' \
    "$T/readme/node.xml"
cp "$here/../data/nodes/domains/db1.xml" "$T/readme/db1.xml"
README_NODE="test://$T/readme/node.xml"
run -c "$README_NODE" list
expect_out "README's node file: guests numbered from 1" " Id   Name   State
--------------------
 1    web1   running
 2    db1    paused"
run -c "$README_NODE" suspend web1
expect_out "README's node file: suspend web1" "Domain 'web1' suspended"
feed "suspend web1\\ndomstate web1\\ncreate $DATA/guest-transient.xml\\nlist\\n" \
    -c "$README_NODE"
check "README's node file: web1 paused, the new guest gets id 3" \
    test "$rc" -eq 0 -a ! -s "$T/err"
check "... web1 is paused" out_has '^paused$'
check "... the created guest has id 3" out_has '^ 3 +[^ ]+ +running$'

# ---------------------------------------------------------------- default
#
# test:///default: the tables must agree with their JSON form, and each
# domain's details with list, dumpxml and each other.

run -c "$DEF" list --all --json
check "list --all --json is valid JSON" py 'import json,sys; json.load(sys.stdin)'
cp "$T/out" "$T/list.json"

# The expected table, computed by python3 from the JSON.
table_py='
import json, sys
human = {"nostate": "no state", "running": "running", "blocked": "blocked",
         "paused": "paused", "shutdown": "in shutdown", "shutoff": "shut off",
         "crashed": "crashed"}
want = sys.argv[1]
rows = [r for r in json.load(sys.stdin)
        if want == "all" or (want == "active") == (r["id"] is not None)]
ids = ["-" if r["id"] is None else str(r["id"]) for r in rows]
states = [human[r["state"]] for r in rows]
iw = max([2] + [len(i) for i in ids])
nw = max([4] + [len(r["name"]) for r in rows])
sw = max([5] + [len(s) for s in states])
print(" %s   %s   State" % ("Id".ljust(iw), "Name".ljust(nw)))
print("-" * (1 + iw + 3 + nw + 3 + sw))
for i, r, s in zip(ids, rows, states):
    print(" %s   %s   %s" % (i.ljust(iw), r["name"].ljust(nw), s))
'
for mode in all active inactive; do
    python3 -c "$table_py" "$mode" <"$T/list.json" >"$T/table.$mode"
done
run -c "$DEF" list --all
expect_out "list --all matches its JSON" "$(cat "$T/table.all")"
run -c "$DEF" list
expect_out "list matches the active rows of the JSON" \
    "$(cat "$T/table.active")"
run -c "$DEF" list --inactive
expect_out "list --inactive matches the inactive rows" \
    "$(cat "$T/table.inactive")"

cp "$T/list.json" "$T/out"
check "list: active by id, then inactive by name" py '
import json, sys
r = json.load(sys.stdin)
a = [x["id"] for x in r if x["id"] is not None]
i = [x["name"] for x in r if x["id"] is None]
assert a == sorted(a) and i == sorted(i)
assert r[:len(a)] == [x for x in r if x["id"] is not None]
'
check "default: Domain-0 is id 0 and running" py '
import json, sys
r = json.load(sys.stdin)
assert {"id": 0, "name": "Domain-0", "state": "running"}.items() <= r[0].items()
'

# Pick the guests by state: a running one (not Domain-0), a paused one and
# an inactive one.
pick() {
    python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r["state"] == sys.argv[1] and r["id"] != 0:
        print(r["name"]); break
' "$1" <"$T/list.json"
}
RUN1=$(pick running)
PAUSED=$(pick paused)
INACTIVE=$(pick shutoff)
check "default has a running guest" test -n "$RUN1"
check "default has a paused guest" test -n "$PAUSED"
check "default has an inactive guest" test -n "$INACTIVE"

# For every domain: domid, domname, domuuid, domstate and dominfo agree
# with list and with dumpxml.
python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print(r["name"], "-" if r["id"] is None else r["id"], r["uuid"], r["state"])
' <"$T/list.json" >"$T/doms"
while read -r name id uuid state; do
    run -c "$DEF" domid "$name"
    expect_out "domid $name" "$id"
    run -c "$DEF" domuuid "$name"
    expect_out "domuuid $name" "$uuid"
    run -c "$DEF" domname "$uuid"
    expect_out "domname by uuid of $name" "$name"
    if [ "$id" != "-" ]; then
        run -c "$DEF" domname "$id"
        expect_out "domname by id of $name" "$name"
    fi
    run -c "$DEF" dominfo --json "$name"
    check "dominfo --json $name agrees with list --json" py '
import json, sys
d = json.load(sys.stdin)
id = None if sys.argv[2] == "-" else int(sys.argv[2])
assert (d["name"], d["id"], d["uuid"], d["state"]) == \
    (sys.argv[1], id, sys.argv[3], sys.argv[4]), d
' "$name" "$id" "$uuid" "$state"
    cp "$T/out" "$T/info.json"

    run -c "$DEF" dumpxml "$name"
    check "dumpxml $name is XML of that domain" \
        grep -q "<name>$name</name>" "$T/out"
    xml_max=$(xml_value memory)
    xml_cur=$(xml_value currentMemory)
    xml_vcpu=$(xml_value vcpu)
    xml_uuid=$(xml_value uuid)
    xml_os=$(xml_value type)
    check "dominfo $name matches dumpxml (memory, vcpus, uuid, os)" \
        python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
mx, cur, vcpu, uuid, os = sys.argv[2:7]
assert d["max_memory_kib"] == int(mx), (d, mx)
assert d["memory_kib"] == int(cur or mx), (d, cur)
assert d["vcpus"] == int(vcpu), (d, vcpu)
assert d["uuid"] == uuid and d["os_type"] == os, d
' "$T/info.json" "$xml_max" "$xml_cur" "$xml_vcpu" "$xml_uuid" "$xml_os"

    # The human form shows the same values as the JSON one.
    run -c "$DEF" dominfo "$name"
    check "dominfo $name agrees with dominfo --json" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
human = {"running": "running", "paused": "paused", "shutoff": "shut off",
         "blocked": "blocked", "shutdown": "in shutdown",
         "crashed": "crashed", "nostate": "no state"}
lines = open(sys.argv[2]).read().splitlines()
want = [
    "Id:             %s" % ("-" if d["id"] is None else d["id"]),
    "Name:           %s" % d["name"],
    "UUID:           %s" % d["uuid"],
    "OS Type:        %s" % d["os_type"],
    "State:          %s" % human[d["state"]],
    "CPU(s):         %d" % d["vcpus"],
    "CPU time:",
    "Max memory:     %d KiB" % d["max_memory_kib"],
    "Used memory:    %d KiB" % d["memory_kib"],
]
assert len(lines) == len(want), lines
for l, w in zip(lines, want):
    assert l.startswith(w), (l, w)
import re
assert re.match(r"^CPU time:       [0-9]+\.[0-9]s$", lines[6]), lines[6]
' "$T/info.json" "$T/out"

    run -c "$DEF" domstate "$name"
    check "domstate $name agrees with list" python3 -c '
import sys
human = {"running": "running", "paused": "paused", "shutoff": "shut off",
         "blocked": "blocked", "shutdown": "in shutdown",
         "crashed": "crashed", "nostate": "no state"}
assert open(sys.argv[1]).read() == human[sys.argv[2]] + "\n"
' "$T/out" "$state"
done <"$T/doms"

# nodeinfo: human and JSON agree; the topology holds the active cpus.
run -c "$DEF" nodeinfo --json
cp "$T/out" "$T/node.json"
check "nodeinfo --json is consistent" py '
import json, sys
n = json.load(sys.stdin)
assert 0 < n["cpus"] <= n["nodes"] * n["sockets"] * n["cores"] * n["threads"]
assert n["memory_kib"] > 0 and n["mhz"] > 0 and n["model"]
'
MAXCPUS=$(python3 -c '
import json, sys
n = json.load(open(sys.argv[1]))
print(n["nodes"] * n["sockets"] * n["cores"] * n["threads"])
' "$T/node.json")
LASTCPU=$((MAXCPUS - 1))
run -c "$DEF" nodeinfo
check "nodeinfo agrees with nodeinfo --json" python3 -c '
import json, sys
n = json.load(open(sys.argv[1]))
want = """CPU model:           %(model)s
CPU(s):              %(cpus)d
CPU frequency:       %(mhz)d MHz
CPU socket(s):       %(sockets)d
Core(s) per socket:  %(cores)d
Thread(s) per core:  %(threads)d
NUMA cell(s):        %(nodes)d
Memory size:         %(memory_kib)d KiB
""" % n
assert open(sys.argv[2]).read() == want
' "$T/node.json" "$T/out"
run -c "$DEF" --json nodeinfo
check "global --json equals nodeinfo --json" cmp -s "$T/out" "$T/node.json"
run -c "$DEF" --json domstate "$RUN1"
expect_out "global --json leaves other commands alone" "running"

# vcpuinfo: one entry per vcpu of dominfo, affinities within the host.
run -c "$DEF" dominfo --json "$RUN1"
NVCPU=$(py 'import json,sys; print(json.load(sys.stdin)["vcpus"])')
check "the running guest has at least 2 vcpus" test "$NVCPU" -ge 2
run -c "$DEF" vcpuinfo --json "$RUN1"
cp "$T/out" "$T/vcpu.json"
check "vcpuinfo --json: one entry per vcpu, cpus on the host" py '
import json, sys
v = json.load(sys.stdin)
n, maxcpus = int(sys.argv[1]), int(sys.argv[2])
assert [x["vcpu"] for x in v] == list(range(n)), v
for x in v:
    assert x["cpu"] is None or 0 <= x["cpu"] < maxcpus
    cpus = set()
    for part in x["affinity"].split(","):
        a, _, b = part.partition("-")
        cpus.update(range(int(a), int(b or a) + 1))
    assert cpus and max(cpus) < maxcpus, x
' "$NVCPU" "$MAXCPUS"
run -c "$DEF" vcpuinfo "$RUN1"
check "vcpuinfo agrees with vcpuinfo --json" python3 -c '
import json, re, sys
v = json.load(open(sys.argv[1]))
blocks = open(sys.argv[2]).read().split("\n\n")
assert len(blocks) == len(v)
for x, b in zip(v, blocks):
    l = b.strip("\n").split("\n")
    assert l[0] == "VCPU:           %d" % x["vcpu"], l
    assert l[1] == "CPU:            %s" % ("-" if x["cpu"] is None else x["cpu"])
    assert l[2] == "State:          %s" % x["state"], l
    assert re.match(r"^CPU time:       [0-9]+\.[0-9]s$", l[3]), l
    assert l[4] == "CPU Affinity:   %s" % x["affinity"], l
' "$T/vcpu.json" "$T/out"

run -c "$DEF" version
check "version: library versions from config.h" python3 -c '
import sys
l = open(sys.argv[1]).read().splitlines()
v = sys.argv[2]
assert l[0] == "Compiled against library: libvir " + v, l
assert l[1] == "Using library: libvir " + v, l
assert l[2].startswith("Using API: Test "), l
assert l[3] == "Running hypervisor: Test 3.0.0", l  # testnode(5)
assert len(l) == 4
' "$T/out" "$version"
run -c "$DEF" version --json
check "version --json agrees" py '
import json, sys
d = json.load(sys.stdin)
assert d["library"] == d["compiled_library"] == sys.argv[1]
assert d["type"] == "Test"
' "$version"

# ---------------------------------------------------------------- changes

# suspend, suspend again, resume, in one process.
feed "suspend $RUN1\ndomstate $RUN1\nsuspend $RUN1\nresume $RUN1\ndomstate $RUN1\n" -c "$DEF"
check "suspend twice: the shell goes on, status of the last command" \
    test "$rc" -eq 0
printf "Domain '%s' suspended\npaused\nDomain '%s' resumed\nrunning\n" \
    "$RUN1" "$RUN1" >"$T/expected"
check "suspend, domstate, resume, domstate" cmp -s "$T/expected" "$T/out"
check "suspend of a paused domain: one error line" \
    test "$(wc -l <"$T/err")" -eq 1 -a "$(grep -c '^error: ' "$T/err")" -eq 1
run -c "$DEF" suspend "$PAUSED"
expect_lib_error "suspend of a paused domain: status 1" "$PAUSED"
run -c "$DEF" resume "$RUN1"
expect_lib_error "resume of a running domain: status 1" "$RUN1"

feed "suspend $RUN1\nsuspend $RUN1\n" -c "$DEF"
check "at the prompt, the status is the last command's (1)" test "$rc" -eq 1
feed "suspend $RUN1\nsuspend $RUN1\nquit\n" -c "$DEF"
check "quit ends the prompt with status 0" test "$rc" -eq 0
feed "domname 0\nexit\ndomname 0\n" -c "$DEF"
expect_out "exit stops reading" "Domain-0"
feed "nosuch\nlist --bogus\n  # a comment\n\n'domname' \"0\" # trailing\n" -c "$DEF"
check "bad lines do not end the prompt; quotes and comments" \
    test "$rc" -eq 0 -a "$(cat "$T/out")" = "Domain-0"
check "... each bad line says why" python3 -c '
import sys
l = open(sys.argv[1]).read().splitlines()
assert l == ["vsh: unknown command %r (try %r)" % ("nosuch", "help"),
             "vsh: list: unknown option %r" % "--bogus",
             "usage: vsh list [--all | --inactive] [--json]"], l
' "$T/err"
feed "domid \"Domain-0\"\ndomid Dom'ain'-\"0\"\ndomid Domain\\\\-0\ndomid \"Do\\\\\"x\"\n" -c "$DEF"
check "prompt words: double quotes, joined quotes, backslashes" python3 -c '
import sys
assert open(sys.argv[1]).read() == "0\n0\n0\n", open(sys.argv[1]).read()
assert open(sys.argv[2]).read().count("Do\"x") == 1, open(sys.argv[2]).read()
' "$T/out" "$T/err"
feed "domname 'unterminated\ndomname 0\n" -c "$DEF"
check "an unterminated quote is reported, the prompt goes on" \
    grep -q "^vsh: unterminated single quote" "$T/err"
check "... and the next line runs" test "$(cat "$T/out")" = "Domain-0"

# Memory: setmem/setmaxmem then dominfo shows the values.
run -c "$DEF" dominfo --json "$RUN1"
MAXMEM=$(py 'import json,sys; print(json.load(sys.stdin)["max_memory_kib"])')
HALF=$((MAXMEM / 2))
BIGGER=$((MAXMEM + 1024))
feed "setmem $RUN1 $HALF\nsetmaxmem $RUN1 $BIGGER\ndominfo --json $RUN1\n" -c "$DEF"
check "setmem and setmaxmem are silent, dominfo shows them" py '
import json, sys
lines = sys.stdin.read().splitlines()
assert len(lines) == 1, lines
d = json.loads(lines[0])
assert d["memory_kib"] == int(sys.argv[1]), d
assert d["max_memory_kib"] == int(sys.argv[2]), d
' "$HALF" "$BIGGER"
run -c "$DEF" setmem "$RUN1" "$BIGGER"
expect_lib_error "setmem above the maximum: status 1" "$RUN1"

# vcpus: setvcpus then dominfo and vcpuinfo follow; vcpupin shows.
feed "setvcpus $RUN1 1\ndominfo --json $RUN1\nvcpuinfo --json $RUN1\n" -c "$DEF"
check "setvcpus 1: dominfo and vcpuinfo show one vcpu" py '
import json, sys
l = sys.stdin.read().splitlines()
assert json.loads(l[0])["vcpus"] == 1 and len(json.loads(l[1])) == 1, l
'
feed "vcpupin $RUN1 0 0-3,^2\nvcpupin $RUN1 1 $LASTCPU\nvcpuinfo --json $RUN1\n" -c "$DEF"
check "vcpupin: exclusions and the last cpu" py '
import json, sys
v = json.load(sys.stdin)
assert v[0]["affinity"] == "0-1,3" and v[1]["affinity"] == sys.argv[1], v
' "$LASTCPU"
run -c "$DEF" vcpupin "$RUN1" 1 0
expect_out "vcpupin is silent" ""
run -c "$DEF" vcpupin "$RUN1" 99 0
expect_lib_error "vcpupin of a vcpu the domain lacks: status 1" ""
run -c "$DEF" setvcpus "$RUN1" 0
expect_lib_error "setvcpus 0: status 1" ""

# Lifecycle of the default guests.
feed "destroy $RUN1\ndomstate $RUN1\ndomid $RUN1\nstart $RUN1\ndomstate $RUN1\n" -c "$DEF"
printf "Domain '%s' destroyed\nshut off\n-\nDomain '%s' started\nrunning\n" \
    "$RUN1" "$RUN1" >"$T/expected"
check "destroy, then start again" cmp -s "$T/expected" "$T/out"
feed "start $INACTIVE\ndomstate $INACTIVE\nshutdown $INACTIVE\n" -c "$DEF"
check "start an inactive guest, shut it down" python3 -c '
import sys
l = open(sys.argv[1]).read().splitlines()
n = sys.argv[2]
assert l == ["Domain %r started" % n, "running",
             "Domain %r is being shutdown" % n], l
' "$T/out" "$INACTIVE"
feed "shutdown $RUN1\ndomstate $RUN1\n" -c "$DEF"
check "shutdown: the state becomes in shutdown or shut off" python3 -c '
import sys
l = open(sys.argv[1]).read().splitlines()
assert l[0] == "Domain %r is being shutdown" % sys.argv[2], l
assert l[1] in ("in shutdown", "shut off"), l
' "$T/out" "$RUN1"
run -c "$DEF" reboot "$RUN1"
expect_out "reboot" "Domain '$RUN1' is being rebooted"
run -c "$DEF" destroy Domain-0
expect_lib_error "destroy Domain-0 is refused" "Domain-0"
run -c "$DEF" start "$RUN1"
expect_lib_error "start of a running domain" "$RUN1"

# save / restore / dump
feed "save $RUN1 $T/saved.img\ndomstate $RUN1\nrestore $T/saved.img\ndomstate $RUN1\n" -c "$DEF"
printf "Domain '%s' saved to %s\nshut off\nDomain restored from %s\nrunning\n" \
    "$RUN1" "$T/saved.img" "$T/saved.img" >"$T/expected"
check "save, restore" cmp -s "$T/expected" "$T/out"
check "save wrote its file" test -s "$T/saved.img"
run -c "$DEF" dump "$RUN1" "$T/core.img"
expect_out "dump" "Domain '$RUN1' dumped to $T/core.img"
check "dump wrote its file" test -s "$T/core.img"
run -c "$DEF" restore "$T/nosuch.img"
expect_lib_error "restore of a missing file" "nosuch.img"
run -c "$DEF" save "$RUN1" "$T/nodir/x.img"
expect_lib_error "save to a directory that does not exist" ""

# define / undefine / create
feed "define $DATA/guest-new.xml\nlist --inactive --json\nstart vsh-new\ndomstate vsh-new\ndestroy vsh-new\nundefine vsh-new\ndomstate vsh-new\n" -c "$DEF"
check "define, start, destroy, undefine" python3 -c '
import json, sys
l = open(sys.argv[1]).read().splitlines()
assert l[0] == "Domain %r defined from %s" % ("vsh-new", sys.argv[2]), l
assert "vsh-new" in [r["name"] for r in json.loads(l[1])], l
assert l[2:] == ["Domain %r started" % "vsh-new", "running",
                 "Domain %r destroyed" % "vsh-new",
                 "Domain %r has been undefined" % "vsh-new"], l
' "$T/out" "$DATA/guest-new.xml"
check "domstate after undefine fails with one line" \
    test "$(wc -l <"$T/err")" -eq 1 -a "$rc" -eq 1
feed "create $DATA/guest-transient.xml\ndomstate vsh-tmp\ndominfo --json vsh-tmp\ndestroy vsh-tmp\ndomstate vsh-tmp\n" -c "$DEF"
check "create a transient domain; destroy makes it vanish" python3 -c '
import json, sys
l = open(sys.argv[1]).read().splitlines()
assert l[0] == "Domain %r created from %s" % ("vsh-tmp", sys.argv[2]), l
assert l[1] == "running", l
d = json.loads(l[2])
assert d["memory_kib"] == 262144 and d["vcpus"] == 2, d
assert l[3] == "Domain %r destroyed" % "vsh-tmp" and len(l) == 4, l
' "$T/out" "$DATA/guest-transient.xml"
run -c "$DEF" define "$T/nosuch.xml"
expect_lib_error "define of a missing file" "cannot open '.*nosuch.xml'"
run -c "$DEF" define "$T"
expect_lib_error "define of a directory" "cannot read"
printf '<domain>\0</domain>' >"$T/nul.xml"
run -c "$DEF" define "$T/nul.xml"
expect_lib_error "define of a file with a NUL byte" "not a text file"
dd if=/dev/zero bs=1048576 count=17 2>/dev/null | tr '\0' ' ' >"$T/big.xml"
run -c "$DEF" define "$T/big.xml"
expect_lib_error "define of a file over 16 MiB" "at most 16777216 bytes"
run -c "$DEF" define "$DATA/bad.xml"
expect_lib_error "define of broken XML" ""
run -c "$DEF" create "$DATA/bad.xml"
expect_lib_error "create of broken XML" ""
run -c "$DEF" undefine "$RUN1"
expect_out "undefine of a running domain keeps it running" \
    "Domain '$RUN1' has been undefined"

# devices
feed "attach-device $RUN1 $DATA/disk.xml\ndumpxml $RUN1\ndetach-device $RUN1 $DATA/disk.xml\ndumpxml $RUN1\n" -c "$DEF"
check "attach-device then dumpxml shows the disk" python3 -c '
import sys
t = open(sys.argv[1]).read()
first, _, second = t.partition("Device detached successfully\n")
assert first.startswith("Device attached successfully\n"), t
assert "xvdz" in first and "xvdz" not in second, t
' "$T/out"
run -c "$DEF" detach-device "$RUN1" "$DATA/disk.xml"
expect_lib_error "detach of a device the domain lacks" ""
run -c "$DEF" attach-device "$RUN1" "$T/nosuch.xml"
expect_lib_error "attach-device of a missing file" "nosuch.xml"

# ---------------------------------------------------------------- JSON
feed "define $DATA/guest-odd-name.xml\nlist --all --json\n" -c "$DEF"
check "JSON escapes quotes, backslashes and keeps UTF-8" py '
import json, sys
l = sys.stdin.read().splitlines()
names = [r["name"] for r in json.loads(l[1])]
assert "odd \"q\" back\\slash \u00e9t\u00e9" in names, names
'
sed -n 2p "$T/out" >"$T/odd.json"
feed "define $DATA/guest-odd-name.xml\nlist --all\n" -c "$DEF"
sed 1d "$T/out" >"$T/odd.table"
python3 -c "$table_py" all <"$T/odd.json" >"$T/expected"
check "list aligns a name with multi-byte characters" \
    cmp -s "$T/expected" "$T/odd.table"

# ---------------------------------------------------------------- errors
run -c "$DEF" dominfo nosuchdomain
expect_lib_error "dominfo of an unknown domain" "nosuchdomain"
run -c "$DEF" domstate 4242
expect_lib_error "an unknown id" "4242"
run -c "$DEF" domstate 00000000-0000-0000-0000-0000000000ff
expect_lib_error "an unknown uuid" "00000000-0000-0000-0000-0000000000ff"
run -c "$DEF" dominfo
expect_usage "dominfo without a domain" dominfo "expected 1 argument, got 0"
run -c "$DEF" dominfo a b
expect_usage "dominfo with two domains" dominfo "expected 1 argument, got 2"
run -c "$DEF" list extra
expect_usage "list with an argument" list "expected 0 arguments"
run -c "$DEF" list --bogus
expect_usage "list --bogus" list "unknown option '--bogus'"
run -c "$DEF" list --all --inactive
expect_usage "list --all --inactive" list "exclude each other"
run -c "$DEF" domstate --json 0
expect_usage "--json on a command without JSON" domstate "unknown option"
run -c "$DEF" save "$RUN1"
expect_usage "save without a file" save "expected 2 arguments, got 1"
run -c "$DEF" vcpupin "$RUN1" 0
expect_usage "vcpupin without a list" vcpupin "expected 3 arguments"

for bad in 12abc -5 "" 99999999999999999999999 +5 " 5" "5 " 0x10 1e3; do
    run -c "$DEF" setmem "$RUN1" "$bad"
    expect_usage "setmem '$bad' is refused" setmem "KIB "
done
run -c "$DEF" setmem "$RUN1" -5
check "a negative number says so" grep -q "must not be negative" "$T/err"
run -c "$DEF" setmem "$RUN1" 99999999999999999999999
check "an overflow says so" grep -q "too large" "$T/err"
run -c "$DEF" setmem "$RUN1" ""
check "an empty number says so" grep -q "empty" "$T/err"
run -c "$DEF" setmaxmem "$RUN1" 1x
expect_usage "setmaxmem '1x'" setmaxmem "KIB must be a decimal number"
run -c "$DEF" setvcpus "$RUN1" 4294967296
expect_usage "setvcpus above UINT_MAX" setvcpus "COUNT is too large"
run -c "$DEF" setvcpus "$RUN1" two
expect_usage "setvcpus 'two'" setvcpus "COUNT must be a decimal number"
run -c "$DEF" vcpupin "$RUN1" x 0
expect_usage "vcpupin with a bad vcpu" vcpupin "VCPU must be a decimal"
run -c "$DEF" vcpupin "$RUN1" 0 "$MAXCPUS"
expect_usage "vcpupin to a cpu past the last" vcpupin "out of range"
run -c "$DEF" vcpupin "$RUN1" 0 "0-$MAXCPUS"
expect_usage "vcpupin to a range past the last" vcpupin "out of range"
run -c "$DEF" vcpupin "$RUN1" 0 ""
expect_usage "vcpupin to an empty list" vcpupin "empty cpu list"
run -c "$DEF" vcpupin "$RUN1" 0 "0,^0"
expect_usage "vcpupin to nothing" vcpupin "selects no cpu"
run -c "$DEF" vcpupin "$RUN1" 0 "1-x"
expect_usage "vcpupin to garbage" vcpupin "invalid character 'x'"
run -c "$DEF" vcpupin "$RUN1" 0 "3-1"
expect_usage "vcpupin to a reversed range" vcpupin "invalid range"

# read-only
run -r -c "$DEF" list
check "-r: queries work" test "$rc" -eq 0 -a -s "$T/out"
for cmd in "suspend $RUN1" "resume $PAUSED" "destroy $RUN1" \
    "shutdown $RUN1" "reboot $RUN1" "start $INACTIVE" \
    "undefine $INACTIVE" "setmem $RUN1 1024" "setmaxmem $RUN1 1024" \
    "setvcpus $RUN1 1" "vcpupin $RUN1 0 0" "save $RUN1 $T/ro.img" \
    "dump $RUN1 $T/ro.img" "restore $T/saved.img" \
    "define $DATA/guest-new.xml" "create $DATA/guest-transient.xml" \
    "attach-device $RUN1 $DATA/disk.xml" \
    "detach-device $RUN1 $DATA/disk.xml"; do
    # shellcheck disable=SC2086
    run -r -c "$DEF" $cmd
    expect_lib_error "-r: '${cmd%% *}' is refused" "read-only"
done
check "-r: no file was written" test ! -e "$T/ro.img"

# output errors
if [ -w /dev/full ]; then
    if $WRAP "$VSH" -c "$DEF" dumpxml 0 >/dev/full 2>"$T/err"; then
        rc=0
    else
        rc=$?
    fi
    check "a full stdout is an error" test "$rc" -eq 1
    check "... said on one line" grep -q "^error: cannot write the output" \
        "$T/err"
fi

echo "$pass passed, $fail failed"
test "$fail" -eq 0
