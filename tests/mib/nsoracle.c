/*
 * The yardstick for value rendering: Net-SNMP's own library (libnetsnmp,
 * test-only, never linked into snmpsh) renders "OID T VALUE" lines with
 * snprint_variable(), the same lines tests/mib/mibtool renders with the
 * MIB layer.  T: h octets (hex), a IpAddress (hex), p Opaque (hex), i
 * INTEGER, g Gauge32, c Counter32, t TimeTicks, C Counter64, o OID, n NULL,
 * x noSuchInstance.  argv[1] holds -O letters; MIBS and MIBDIRS come from
 * the environment.  It includes Net-SNMP's configuration header instead of
 * ours (config.h), whose PACKAGE_* macros would clash with it.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
unhex(const char *h, u_char *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (h[0] && h[1] && n < cap && sscanf(h, "%2x", &v) == 1) {
		out[n++] = (u_char)v;
		h += 2;
	}
	return n;
}

int
main(int argc, char **argv)
{
	static char line[8192], buf[65536];
	static u_char bytes[4096];

	netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_MIB_WARNINGS,
	    0);
	if (argc > 1 && argv[1][0] != '\0')
		snmp_out_toggle_options(argv[1]);
	init_snmp("nsoracle");
	while (fgets(line, sizeof(line), stdin) != NULL) {
		netsnmp_variable_list *vb = NULL;
		oid name[MAX_OID_LEN], o2[MAX_OID_LEN];
		size_t nlen = MAX_OID_LEN, l2 = MAX_OID_LEN, n;
		char *sp, *val;
		long l;
		unsigned long u;
		struct counter64 c64;
		unsigned long long x;

		line[strcspn(line, "\n")] = '\0';
		if ((sp = strchr(line, ' ')) != NULL)
			*sp = '\0';
		if (!snmp_parse_oid(line, name, &nlen)) {
			printf("ERR %s\n", line);
			continue;
		}
		if (sp == NULL) {
			snprint_objid(buf, sizeof(buf), name, nlen);
			printf("%s\n", buf);
			continue;
		}
		val = sp + 3;
		switch (sp[1]) {
		case 'h': case 'a': case 'p':
			n = unhex(val, bytes, sizeof(bytes));
			snmp_varlist_add_variable(&vb, name, nlen,
			    sp[1] == 'h' ? ASN_OCTET_STR : sp[1] == 'a' ?
			    ASN_IPADDRESS : ASN_OPAQUE, bytes, n);
			break;
		case 'i':
			l = strtol(val, NULL, 10);
			snmp_varlist_add_variable(&vb, name, nlen, ASN_INTEGER,
			    &l, sizeof(l));
			break;
		case 'g': case 'c': case 't':
			u = strtoul(val, NULL, 10);
			snmp_varlist_add_variable(&vb, name, nlen,
			    sp[1] == 'c' ? ASN_COUNTER : sp[1] == 't' ?
			    ASN_TIMETICKS : ASN_GAUGE, &u, sizeof(u));
			break;
		case 'C':
			x = strtoull(val, NULL, 10);
			c64.high = (u_long)(x >> 32);
			c64.low = (u_long)(x & 0xffffffffUL);
			snmp_varlist_add_variable(&vb, name, nlen,
			    ASN_COUNTER64, &c64, sizeof(c64));
			break;
		case 'o':
			if (!snmp_parse_oid(val, o2, &l2)) {
				printf("ERR %s\n", val);
				continue;
			}
			snmp_varlist_add_variable(&vb, name, nlen,
			    ASN_OBJECT_ID, o2, l2 * sizeof(oid));
			break;
		case 'n':
			snmp_varlist_add_variable(&vb, name, nlen, ASN_NULL,
			    NULL, 0);
			break;
		default:
			snmp_varlist_add_variable(&vb, name, nlen,
			    SNMP_NOSUCHINSTANCE, NULL, 0);
			break;
		}
		snprint_variable(buf, sizeof(buf), name, nlen, vb);
		printf("%s\n", buf);
		snmp_free_varbind(vb);
	}
	return 0;
}
