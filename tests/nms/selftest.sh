#!/bin/bash
# selftest.sh: what every NMS test stands on.  The master answers
# SNMPv3 authPriv as $NMS_V3_USER (GET and SET), refuses a wrong
# passphrase, and nms_cleanup stops what nms_spawn started.
. "$(dirname "$0")/nms.sh"

nms_start
web1=$(h_index_of web1)
h_eq "SNMPv3 authPriv GET" web1 \
    "$(nms_v3 snmpget -Oqv "VIRT-MIB::virtDomainName.$web1")"
h_true "SNMPv3 authPriv SET" \
    nms_v3 snmpset -Oq "VIRT-MIB::virtDomainMemory.$web1" u 200 >/dev/null
h_true "the SET took effect" \
    h_wait_until "$(h_poll_bound)" h_value_is 200 -OU "VIRT-MIB::virtDomainMemory.$web1"
out=$(snmpget -v3 -l authPriv -u "$NMS_V3_USER" -a SHA -A wrong-passphrase \
    -x AES -X "$NMS_V3_PRIV" -t 2 -r 0 "127.0.0.1:$PORT" \
    "VIRT-MIB::virtDomainName.$web1" 2>&1)
h_true "a wrong passphrase is refused" \
    grep -qi 'authentication failure\|decryption error\|wrong digest' <<<"$out"

nms_spawn sleep 600
spid=$!
h_true "nms_spawn runs its command" kill -0 "$spid"
nms_cleanup
h_true "nms_cleanup stops it" sh -c "! kill -0 $spid 2>/dev/null"
h_summary
