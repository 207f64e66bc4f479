#!/usr/bin/env python3
"""report.py RESULTS MACHINE RESULTS.md PLOTDAT: turns bench/run.sh's raw
lines ("SIZE NAME MEDIAN MIN MAX" or "SIZE NAME MEDIAN P99") into the one
table (printed, and written to RESULTS.md with the machine description)
and the gnuplot data file (size, ours, (a), (b) varbinds/s)."""

import sys

ROWS = [
    # (key, label, kind): kind 3 = median (min-max), 2 = median / p99
    ("vb_ours", "walk: VIRT-MIB varbinds walked", 3),
    ("vb_a", "walk: (a) hrSWInstalledTable varbinds", 3),
    ("walk_ours", "walk: ours, varbinds/s", 3),
    ("walk_a", "walk: (a) snmpd's own table, varbinds/s", 3),
    ("walk_b", "walk: (b) null subagent, varbinds/s", 3),
    ("ours_a", "walk: ours/(a)", 3),
    ("ours_b", "walk: ours/(b) [target >= 0.95]", 3),
    ("cpu_ours", "walk: virtmibd CPU, us/varbind (all rounds)", 1),
    ("cpu_null", "walk: null subagent CPU, us/varbind (all rounds)", 1),
    ("cpu_beyond", "walk: virtmibd CPU beyond null, us/varbind [<= 3]", 1),
    ("cpu_snmpd", "walk: master snmpd CPU, us/varbind (ours)", 1),
    ("poll_ours", "poll 50 vb/GET: ours, varbinds/s", 3),
    ("poll_b", "poll 50 vb/GET: (b), varbinds/s", 3),
    ("poll_ratio", "poll 50 vb/GET: ours/(b)", 3),
    ("dl_ours", "in-snmpd (dlmod): VIRT-MIB varbinds/s", 3),
    ("dl_a", "in-snmpd: (a) same snmpd's own table, varbinds/s", 3),
    ("dl_ratio", "in-snmpd: dlmod/(a) [target >= 0.8]", 3),
    ("snapshot", "refresh: snapshot_take, ms [<= 20 at 10k]", 3),
    ("lib_refresh", "refresh: its library calls alone, ms", 3),
    ("agent_own", "refresh: the agent's own share (run by run), ms", 3),
    ("get", "GET latency, us (median / p99)", 2),
    ("set", "SET latency, us (median / p99)", 2),
    ("trap", "SET pause/resume to trap logged, us (median / p99)", 2),
    ("rss", "virtmibd RSS, KiB", 1),
    ("rss_per", "RSS above baseline per domain, KiB [<= 2]", 1),
    ("host_per", "  of which the simulated host (test driver), KiB/domain", 1),
    ("model_per", "  of which the agent's snapshot, KiB/domain", 1),
    ("vsh_connect", "vsh uri (process: connect only, parses the node file), ms",
     3),
    ("vsh_list", "vsh list --all (process), ms", 3),
    ("vsh_dominfo", "vsh: one dominfo per domain, one session, ms", 3),
    ("lib_list", "C API: list + info of every domain, ms", 3),
]
US_TO_MS = {"vsh_list", "vsh_dominfo", "vsh_connect"}


def load(path):
    data = {}
    for line in open(path):
        f = line.split()
        if len(f) < 3:
            continue
        data[(int(f[0]), f[1])] = f[2:]
    return data


def derive(data, sizes):
    base = data.get((1, "rss"))
    for n in sizes:
        s, r = data.get((n, "snapshot")), data.get((n, "lib_refresh"))
        if s and r and (n, "agent_own") not in data:
            data[(n, "agent_own")] = ["%.3f" % (float(s[0]) - float(r[0]))]
        o, b = data.get((n, "cpu_ours")), data.get((n, "cpu_null"))
        if o and b and o[0] != "-" and b[0] != "-":
            data[(n, "cpu_beyond")] = ["%.1f" % (float(o[0]) - float(b[0]))]
        rss = data.get((n, "rss"))
        if rss and base:
            per = (float(rss[0]) - float(base[0])) / max(n - 1, 1)
            data[(n, "rss_per")] = ["%.2f" % per]
        mem, mem1 = data.get((n, "memory")), data.get((sizes[0], "memory"))
        if mem and mem1 and n > sizes[0]:
            host = (float(mem[0]) - float(mem1[0])) / max(n - sizes[0], 1)
            model = (float(mem[1]) - float(mem[0])) / max(n, 1)
            data[(n, "host_per")] = ["%.2f" % host]
            data[(n, "model_per")] = ["%.2f" % model]
        for k in US_TO_MS:
            v = data.get((n, k))
            if v:
                data[(n, k)] = ["%.1f" % (float(x) / 1000) for x in v[:3]]


def cell(v, kind):
    if not v or v[0] == "-":
        return "-"
    if kind == 3 and len(v) >= 3 and v[1] != v[0] or kind == 3 and len(v) >= 3 and v[2] != v[0]:
        return "%s (%s-%s)" % (v[0], v[1], v[2])
    if kind == 2 and len(v) >= 2:
        return "%s / %s" % (v[0], v[1])
    return v[0]


def main():
    res, machine, md, plot = sys.argv[1:5]
    data = load(res)
    sizes = sorted({k[0] for k in data if k[0] > 1})
    derive(data, sizes)
    head = "| measure | " + " | ".join("%d domains" % n for n in sizes) + " |"
    sep = "|---|" + "---|" * len(sizes)
    lines = [head, sep]
    for key, label, kind in ROWS:
        cells = [cell(data.get((n, key)), kind) for n in sizes]
        if all(c == "-" for c in cells):
            continue
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    table = "\n".join(lines)
    print(table)
    base = data.get((1, "rss"), ["-"])[0]
    gen = ("<!-- bench:begin (written by bench/run.sh) -->\n"
           "Each cell is the median of the runs, with (min-max); latencies "
           "are median / p99 of single requests.  virtmibd RSS with "
           "Domain-0 only (baseline): %s KiB.\n\n" % base +
           open(machine).read() + "\n" + table + "\n\n"
           "![walk rate](walk.png)\n<!-- bench:end -->\n")
    try:
        old = open(md).read()
    except OSError:
        old = ""
    b, e = old.find("<!-- bench:begin"), old.find("<!-- bench:end -->")
    if b >= 0 and e > b:
        text = old[:b] + gen + old[e + len("<!-- bench:end -->\n"):]
    else:
        text = "# bench results\n\n" + gen
    with open(md, "w") as f:
        f.write(text)
    with open(plot, "w") as f:
        for n in sizes:
            v = [data.get((n, k), ["0"])[0] for k in
                 ("walk_ours", "walk_a", "walk_b", "dl_ours")]
            f.write("%d %s\n" % (n, " ".join(v)))


main()
