#!/usr/bin/env python3
"""gen-node.py N FILE: writes a test-driver node file (see testnode(5))
with N domains: Domain-0 plus N-1 guests.  Of the guests, one in eight
is shut off, one in eight paused, the rest running; they have 1 or 2
vcpus.  UUIDs and names derive from the position, so the same N always
gives the same file."""

import sys


def guest(i):
    kind = i % 8
    state = "shutoff" if kind == 0 else ("paused" if kind == 1 else "running")
    vcpus = 1 + (i % 2)
    mem = 131072 * (1 + i % 4)
    return (
        "  <domain type='xen' state='%s' persistent='yes'>\n"
        "    <name>guest%05d</name>\n"
        "    <uuid>b0000000-0000-4000-8000-%012x</uuid>\n"
        "    <os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>\n"
        "    <memory>%d</memory>\n"
        "    <vcpu>%d</vcpu>\n"
        "  </domain>\n" % (state, i, i, mem, vcpus))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-node.py N FILE")
    n = int(sys.argv[1])
    if n < 1 or n > 100000:
        sys.exit("gen-node.py: N must be 1 to 100000")
    parts = [
        "<node>\n",
        "  <cpu model='bench cpu' mhz='2000' nodes='1' sockets='2' "
        "cores='4' threads='2'/>\n",
        "  <memory>1073741824</memory>\n",
        "  <domain type='xen' id='0' state='running' persistent='no'>\n"
        "    <name>Domain-0</name>\n"
        "    <uuid>00000000-0000-0000-0000-000000000000</uuid>\n"
        "    <os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>\n"
        "    <memory>2097152</memory>\n"
        "    <vcpu>2</vcpu>\n"
        "  </domain>\n",
    ]
    parts += [guest(i) for i in range(1, n)]
    parts.append("</node>\n")
    with open(sys.argv[2], "w") as f:
        f.write("".join(parts))


main()
