#!/bin/sh
# A Net-SNMP "pass" program for the interop tests' snmpd: fixed values of
# the types snmpd's "override" cannot serve (Counter64, IpAddress, Opaque,
# binary OCTET STRING, Gauge32 maximum) under enterprises.99997, read-only.
# snmpd runs it as "snmpd-pass.sh -g OID" (get) or "-n OID" (getnext) and
# reads back three lines: OID, type, value (nothing: no such object).

data()
{
	cat <<'END'
.1.3.6.1.4.1.99997.1.0 counter64 18446744073709551615
.1.3.6.1.4.1.99997.2.0 ipaddress 192.0.2.1
.1.3.6.1.4.1.99997.3.0 opaque 1234
.1.3.6.1.4.1.99997.4.0 octet 00 01 02 ff
.1.3.6.1.4.1.99997.5.0 gauge 4294967295
.1.3.6.1.4.1.99997.6.0 counter64 1
.1.3.6.1.4.1.99997.7.1 ipaddress 0.0.0.0
.1.3.6.1.4.1.99997.7.2 ipaddress 255.255.255.255
.1.3.6.1.4.1.99997.8.0 integer 2147483647
.1.3.6.1.4.1.99997.9.0 integer -2147483648
END
}

data | awk -v mode="$1" -v req="$2" '
# compare two dotted OIDs numerically: -1, 0, 1
function cmp(a, b,   x, y, n, m, i) {
	n = split(substr(a, 2), x, ".")
	m = split(substr(b, 2), y, ".")
	for (i = 1; i <= n && i <= m; i++) {
		if (x[i] + 0 < y[i] + 0)
			return -1
		if (x[i] + 0 > y[i] + 0)
			return 1
	}
	return n < m ? -1 : (n > m ? 1 : 0)
}
{
	v = $0
	sub(/^[^ ]+ [^ ]+ /, "", v)
	if ((mode == "-g" && cmp($1, req) == 0) ||
	    (mode == "-n" && cmp($1, req) > 0)) {
		print $1
		print $2
		print v
		exit
	}
}'
