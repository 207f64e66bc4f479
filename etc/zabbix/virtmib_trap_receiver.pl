# virtmib_trap_receiver.pl: hands SNMP notifications to Zabbix.
#
# Loaded into snmptrapd's embedded perl (Debian: libsnmp-perl) by the
# lines of snmptrapd.conf.virtmib.  Each notification is appended to the
# file Zabbix's SNMP trapper reads (SNMPTrapperFile in
# zabbix_server.conf) as one record in the format the trapper parses:
#
#   <time> ZBXTRAP <address of the sender>
#   <text: matched by the snmptrap["regexp"] items of the host whose
#    SNMP interface has that address>
#
# Upstream Zabbix has misc/snmptrap/zabbix_trap_receiver.pl for this;
# Debian's packages do not ship it.  This one writes the same kind of
# record, and for the notifications of VIRT-MIB it starts the text with
# one summary line that needs no MIB loaded in snmptrapd:
#
#   virtDomainPaused domain=web1 uuid=4dea22b3-... old=running new=paused
#
# which is what the template's snmptrap items match and what an operator
# reads in Latest data.  The PDU details and every varbind follow.
#
# The trapper file is $VirtMIB::ZabbixTrapFile when snmptrapd.conf sets
# it before loading this file, else $ZBX_TRAPFILE from the environment,
# else Zabbix's default /tmp/zabbix_traps.tmp.
package VirtMIB;

use strict;
use warnings;
use Fcntl qw(O_WRONLY O_APPEND O_CREAT :flock);
use POSIX qw(strftime);

our $ZabbixTrapFile;
my $file = $ZabbixTrapFile || $ENV{ZBX_TRAPFILE} || '/tmp/zabbix_traps.tmp';

# VIRT-MIB: the notifications (virtNotifications.N) and the objects
# they carry, as numeric OIDs, so that no MIB needs to be loaded.
my $VIRT = '1.3.6.1.4.1.8072.9999.9999.1';
my @NOTIFS = qw(- virtDomainStarted virtDomainPaused virtDomainResumed
    virtDomainShutdown virtDomainCrashed virtDomainDestroyed
    virtDomainDefined virtDomainUndefined);
my @RUNSTATE = qw(nostate running blocked paused shutdown shutoff crashed
    absent);
my $TRAPOID = '1.3.6.1.6.3.1.1.4.1.0';

# The dotted numeric form of a varbind's NetSNMP::OID.
sub numeric {
    my ($oid) = @_;
    return join('.', $oid->to_array());
}

# A VirtRunState number as its name ("paused"), or the number itself.
sub runstate {
    my ($v) = @_;
    return '?' unless defined $v;
    ($v) = $v =~ /(-?\d+)/;
    return '?' unless defined $v;
    return ($v >= 0 && $v <= $#RUNSTATE) ? $RUNSTATE[$v] : $v;
}

# The summary line of a VIRT-MIB notification, or undef for another one.
sub summary {
    my ($vbs) = @_;
    my ($name, %f);
    for my $vb (@$vbs) {
        my $oid = numeric($vb->[0]);
        my $raw = defined $vb->[3] ? $vb->[3] : $vb->[1];
        if ($oid eq $TRAPOID) {
            my $t = ref $raw ? numeric($raw) : "$raw";
            $t =~ s/^\.//;
            $name = $NOTIFS[$1] if $t =~ /^\Q$VIRT\E\.0\.(\d+)$/ && $1 >= 1
                && $1 <= $#NOTIFS;
        } elsif ($oid =~ /^\Q$VIRT\E\.1\.2\.1\.4\.\d+$/) {
            $f{domain} = $raw;
        } elsif ($oid =~ /^\Q$VIRT\E\.1\.2\.1\.3\.\d+$/) {
            $f{uuid} = $raw;
        } elsif ($oid eq "$VIRT.1.4.1.0") {
            $f{old} = runstate($raw);
        } elsif ($oid eq "$VIRT.1.4.2.0") {
            $f{new} = runstate($raw);
        }
    }
    return undef unless defined $name;
    for my $k (qw(domain uuid old new)) {
        $f{$k} = '?' unless defined $f{$k};
        $f{$k} =~ s/\s/_/g;
    }
    return "$name domain=$f{domain} uuid=$f{uuid} old=$f{old} new=$f{new}";
}

# A value as printable text: binary octets (engine IDs) in hex.
sub printable {
    my ($v) = @_;
    return '' unless defined $v;
    return $v if $v =~ /^[[:print:]]*$/;
    return '0x' . unpack('H*', $v);
}

# The whole record for one notification.
sub record {
    my ($pdu, $vbs) = @_;
    my ($ip) = ($pdu->{receivedfrom} || '') =~ /\[([^\]]*)\]/;
    my $out = sprintf("%s ZBXTRAP %s\n",
        strftime('%H:%M:%S %Y/%m/%d', localtime), $ip || '0.0.0.0');
    my $line = summary($vbs);
    $out .= "$line\n" if defined $line;
    $out .= "PDU INFO:\n";
    for my $k (sort keys %$pdu) {
        $out .= sprintf("  %-30s %s\n", $k, printable($pdu->{$k}));
    }
    $out .= "VARBINDS:\n";
    for my $vb (@$vbs) {
        $out .= sprintf("  %-30s type=%-2d value=%s\n", "$vb->[0]",
            $vb->[2], printable($vb->[1]));
    }
    return $out;
}

# The handler: append the record under an exclusive lock (the trapper
# may be reading), one write.
sub receive {
    my ($pdu, $vbs) = @_;
    my $fh;
    unless (sysopen($fh, $file, O_WRONLY | O_APPEND | O_CREAT, 0640)) {
        print STDERR "virtmib_trap_receiver: cannot open $file: $!\n";
        return NetSNMP::TrapReceiver::NETSNMPTRAPD_HANDLER_FAIL();
    }
    flock($fh, LOCK_EX);
    my $out = record($pdu, $vbs);
    my $n = syswrite($fh, $out);
    close($fh);
    unless (defined $n && $n == length($out)) {
        print STDERR "virtmib_trap_receiver: cannot write $file\n";
        return NetSNMP::TrapReceiver::NETSNMPTRAPD_HANDLER_FAIL();
    }
    return NetSNMP::TrapReceiver::NETSNMPTRAPD_HANDLER_OK();
}

NetSNMP::TrapReceiver::register('all', \&receive)
    or die "virtmib_trap_receiver: cannot register with snmptrapd\n";
print STDERR "virtmib_trap_receiver: writing notifications to $file\n";

1;
