# host.sh: sourced by harness.sh and options.sh.  The facts of the host
# the SNMP suites run against, which depend on the library the agent was
# built on (config.h's WITH_SYSTEM_LIBVIRT, configure --with-libvirt):
#
#   libvir (default): libvir's test host test:///default, compared with
#   tools/vsh; the system's libvirt: libvirt's own test driver on
#   tests/libvirt/data/node.xml (libvirt's node-file format), compared
#   with virsh.  Either host has web1 and db1 running and build1 defined
#   but shut off.
#
# H_SYSTEM       1 in a build on the system's libvirt, else empty
# H_URI          the URI virtmibd serves unless a suite names another
# H_TOOL         the command-line tool to compare with, on H_URI
# H_LIBRARY      the library's name as "TOOL version" and --version print it
# H_LIBVERSION   the library's version, as those print it (x.y.z)
# H_NODE_TYPE    the hypervisor type the host reports
# H_TICK         a domain that no suite changes and that runs throughout:
#                its cpu time changes at each poll (h_wait_polls)
# H_DOM0         the domain the host refuses to pause (libvir's Domain-0);
#                empty on libvirt's test driver, which has none
# H_DLMOD        the dlmod's name (agent/.libs/NAME.so)
# H_FAULTS_OK    1 where the library reads a fault file (testnode(5))

if grep -q '^#define WITH_SYSTEM_LIBVIRT 1' "$abs_top_builddir/config.h" \
    2>/dev/null; then
    H_SYSTEM=1
    H_URI=test://$abs_top_srcdir/tests/libvirt/data/node.xml
    H_TOOL=$(command -v virsh)
    H_LIBRARY=libvirt
    H_LIBVERSION=$(pkg-config --modversion libvirt 2>/dev/null)
    H_NODE_TYPE=TEST
    H_TICK=db1
    H_DOM0=
    H_DLMOD=virtmib-libvirt
    H_FAULTS_OK=
else
    H_SYSTEM=
    H_URI=test:///default
    H_TOOL=$abs_top_builddir/tools/vsh
    H_LIBRARY=libvir
    H_LIBVERSION=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
        "$abs_top_builddir/config.h" 2>/dev/null)
    H_NODE_TYPE=Test
    H_TICK=Domain-0
    H_DOM0=Domain-0
    H_DLMOD=virtmib
    H_FAULTS_OK=1
fi
