# gnuplot -e "datafile='...'; outfile='...'" walk.gp
set terminal png size 800,500
set output outfile
set title "VIRT-MIB walk (snmpbulkwalk -Cr50), varbinds/s"
set xlabel "domains"
set ylabel "varbinds/s"
set logscale x
set key outside right
set grid
plot datafile using 1:2 with linespoints title "ours (virtmibd, AgentX)", \
     datafile using 1:3 with linespoints title "(a) snmpd's own table", \
     datafile using 1:4 with linespoints title "(b) null subagent", \
     datafile using 1:5 with linespoints title "ours in snmpd (dlmod)"
