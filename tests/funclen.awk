# funclen.awk: the length in lines of each function of house-style C
# (the return type on its own line, the name and both braces at column
# 0), printed as "LINES FILE:LINE NAME" for `sort -rn`; style.sh uses it.
/^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name); at = FNR }
/^\{/ && name != "" { start = FNR }
/^\}/ && start { print FNR - start - 1, FILENAME ":" at, name; start = 0; name = "" }
