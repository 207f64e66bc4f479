#!/usr/bin/env python3
"""gen-libvirt-node.py N FILE: writes a node file in libvirt's own
test-driver format (https://libvirt.org/drvtest.html, test:///FILE) with
N guests: one in eight shut off, one in eight paused, the rest running
(libvirt's test namespace, <test:runstate>), with 1 or 2 vcpus.  Names
and UUIDs derive from the position, so the same N always gives the same
file.  libvir's own format is bench/gen-node.py's (testnode(5))."""

import sys

NS = "http://libvirt.org/schemas/domain/test/1.0"
SHUTOFF = 5  # VIR_DOMAIN_SHUTOFF
PAUSED = 3  # VIR_DOMAIN_PAUSED


def guest(i):
    kind = i % 8
    state = ""
    if kind == 0:
        state = "    <test:runstate>%d</test:runstate>\n" % SHUTOFF
    elif kind == 1:
        state = "    <test:runstate>%d</test:runstate>\n" % PAUSED
    mem = 131072 * (1 + i % 4)
    return (
        "  <domain type='test'>\n"
        "    <name>guest%05d</name>\n"
        "    <uuid>b0000000-0000-4000-8000-%012x</uuid>\n"
        "    <memory unit='KiB'>%d</memory>\n"
        "    <currentMemory unit='KiB'>%d</currentMemory>\n"
        "    <vcpu>%d</vcpu>\n"
        "    <os><type>hvm</type></os>\n"
        "%s"
        "  </domain>\n" % (i, i, mem, mem, 1 + i % 2, state))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-libvirt-node.py N FILE")
    try:
        n = int(sys.argv[1])
    except ValueError:
        sys.exit("gen-libvirt-node.py: N must be a number, not '%s'"
                 % sys.argv[1])
    if n < 1 or n > 100000:
        sys.exit("gen-libvirt-node.py: N must be 1 to 100000")
    parts = [
        "<node xmlns:test='%s'>\n" % NS,
        "  <cpu><nodes>1</nodes><sockets>2</sockets><cores>4</cores>"
        "<threads>2</threads><active>16</active><mhz>2000</mhz>"
        "<model>x86_64</model></cpu>\n",
        "  <memory>1073741824</memory>\n",
    ]
    parts += [guest(i) for i in range(1, n + 1)]
    parts.append("</node>\n")
    with open(sys.argv[2], "w") as f:
        f.write("".join(parts))


main()
