/*
 * Unit tests of the MIB layer (src/mib): names to OIDs and back with index
 * decoding by the INDEX clause (RFC 2578 §7.7), values by syntax
 * (enumerations, BITS, RFC 2579 DISPLAY-HINT, UNITS, wrong types), the -O
 * forms, `set` value parsing and completion.  Expected strings are those
 * Net-SNMP 5.9 prints with the same MIB files, except where SPEC §3 asks
 * for the SMIv2 module (IP-MIB::ipForwarding) and escaped control
 * characters.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib.h"
#include "tests/lib/tap.h"

static struct mib *mib;

static void
oid_is(const char *name, const char *want)
{
	struct sn_oid oid;
	struct sn_error err;
	char buf[SN_OID_STR_MAX];
	int rc;

	buf[0] = '\0';
	rc = mib_parse_oid(mib, name, &oid, &err);
	if (rc == 0)
		sn_oid_format(&oid, true, buf, sizeof(buf));
	if (!tap_ok(rc == 0 && strcmp(buf, want) == 0, "oid %s -> %s", name,
	    want))
		tap_diag("got rc %d '%s' %s", rc, buf, rc ? err.msg : "");
}

static void
oid_bad(const char *name)
{
	struct sn_oid oid;
	struct sn_error err;

	tap_ok(mib_parse_oid(mib, name, &oid, &err) == SN_ENAME,
	    "oid %s is refused", name);
}

static void
name_is(const char *letters, const char *numeric, const char *want)
{
	struct mib_outopts o;
	struct sn_oid oid;
	struct mib_buf b = { 0 };

	mib_outopts_init(&o);
	mib_outopts_parse(&o, letters);
	if (sn_oid_parse(&oid, numeric, NULL) != 0) {
		tap_ok(0, "parse %s", numeric);
		return;
	}
	mib_format_oid(mib, &oid, &o, &b);
	if (!tap_ok(strcmp(mib_buf_str(&b), want) == 0, "name -O%s %s -> %s",
	    letters, numeric, want))
		tap_diag("got '%s'", mib_buf_str(&b));
	mib_buf_free(&b);
}

static void
val_is(const char *letters, const char *name, struct sn_value v,
    const char *want)
{
	struct mib_outopts o;
	struct sn_varbind vb;
	struct mib_buf b = { 0 };

	mib_outopts_init(&o);
	mib_outopts_parse(&o, letters);
	if (mib_parse_oid(mib, name, &vb.name, NULL) != 0) {
		tap_ok(0, "parse %s", name);
		return;
	}
	vb.value = v;
	mib_format_varbind(mib, &vb, &o, &b);
	if (!tap_ok(strcmp(mib_buf_str(&b), want) == 0, "value -O%s %s",
	    letters, want))
		tap_diag("got '%s'", mib_buf_str(&b));
	mib_buf_free(&b);
}

static struct sn_value
octets(const char *s, size_t n)
{
	return sn_value_str(SN_T_OCTETS, s, n);
}

static void
set_is(const char *name, const char *text, const char *hex)
{
	struct sn_vbl vbl;
	struct sn_oid oid;
	struct sn_value v;
	struct sn_error err;
	uint8_t want[64];
	long n = tap_unhex(hex, want, sizeof(want));
	int rc;

	sn_vbl_init(&vbl);
	rc = mib_parse_oid(mib, name, &oid, NULL);
	if (rc == 0)
		rc = mib_parse_value(mib, &oid, text, &vbl, &v, &err);
	if (rc != 0) {
		tap_ok(0, "set %s = %s (%s)", name, text, err.msg);
	} else if (v.type == SN_T_INTEGER) {
		tap_ok(n == 4 && (uint32_t)v.v.i == ((uint32_t)want[0] << 24 |
		    (uint32_t)want[1] << 16 | (uint32_t)want[2] << 8 |
		    want[3]), "set %s = %s -> INTEGER %d", name, text, v.v.i);
	} else {
		tap_mem_eq(v.v.str.ptr, v.v.str.len, want, (size_t)n,
		    "set %s = %s", name, text);
	}
	sn_vbl_clear(&vbl);
}

static void
set_bad(const char *name, const char *text, int code)
{
	struct sn_vbl vbl;
	struct sn_oid oid;
	struct sn_value v;
	struct sn_error err;
	int rc;

	sn_vbl_init(&vbl);
	mib_parse_oid(mib, name, &oid, NULL);
	rc = mib_parse_value(mib, &oid, text, &vbl, &v, &err);
	tap_ok(rc == code, "set %s = %s refused: %s", name, text,
	    rc ? err.msg : "(accepted)");
	sn_vbl_clear(&vbl);
}

struct collect {
	char text[4096];
};

static void
collect(void *ud, const char *c)
{
	struct collect *k = ud;
	size_t n = strlen(k->text);

	snprintf(k->text + n, sizeof(k->text) - n, "%s%s", n ? " " : "", c);
}

int
main(void)
{
	struct mib_opts opts = { 0 };
	struct sn_error err;
	struct collect k;
	char dir[4096];
	const char *top = getenv("top_srcdir");
	struct sn_oid oid;
	uint8_t ip[4] = { 127, 0, 0, 1 };
	uint8_t mac[6] = { 0, 0x11, 0x22, 0x33, 0x44, 0x55 };
	uint8_t date[11] = { 0x07, 0xe5, 1, 2, 3, 4, 5, 6, '+', 2, 0 };
	uint8_t bits[1] = { 0xc0 };
	size_t n;

	if (top != NULL) {
		snprintf(dir, sizeof(dir), "%s/mibs", top);
		opts.bundled = dir;
	}
	if (mib_open(&opts, &mib, &err) != 0) {
		tap_plan(1);
		tap_ok(0, "mib_open: %s", err.msg);
		return tap_done();
	}
	{
		struct mib *other;

		tap_ok(mib_open(&opts, &other, &err) == SN_EINVAL &&
		    other == NULL, "a second service is refused");
	}

	/* Names to OIDs (Net-SNMP's -IR input forms). */
	oid_is("sysDescr.0", ".1.3.6.1.2.1.1.1.0");
	oid_is("SNMPv2-MIB::sysDescr.0", ".1.3.6.1.2.1.1.1.0");
	oid_is(".1.3.6.1.2.1.1.1.0", ".1.3.6.1.2.1.1.1.0");
	oid_is("1.3.6.1.2.1.1.1.0", ".1.3.6.1.2.1.1.1.0");
	oid_is("iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0",
	    ".1.3.6.1.2.1.1.1.0");
	oid_is(".iso.3.6.1", ".1.3.6.1");
	oid_is("ifTable.ifEntry.ifDescr.3", ".1.3.6.1.2.1.2.2.1.2.3");
	oid_is("system.1.0", ".1.3.6.1.2.1.1.1.0");
	oid_is("interfaces.ifTable.1.2.3", ".1.3.6.1.2.1.2.2.1.2.3");
	oid_is("RFC1213-MIB::ipForwarding.0", ".1.3.6.1.2.1.4.1.0");
	oid_is("vacmGroupName.3.\"user\"",
	    ".1.3.6.1.6.3.16.1.2.1.3.3.4.117.115.101.114");
	oid_is("snmpNotifyTag.'abc'", ".1.3.6.1.6.3.13.1.1.1.2.97.98.99");
	oid_is("vacmAccessContextMatch.\"grp\".\"\".3.noAuthNoPriv",
	    ".1.3.6.1.6.3.16.1.4.1.4.3.103.114.112.0.3.1");
	oid_is("ipAddressIfIndex.ipv4.\"127.0.0.1\"",
	    ".1.3.6.1.2.1.4.34.1.3.1.4.127.0.0.1");
	oid_is("ipAddressIfIndex.ipv6.\"::1\"",
	    ".1.3.6.1.2.1.4.34.1.3.2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1");
	oid_is("ipAddressIfIndex.1.4.127.0.0.1",
	    ".1.3.6.1.2.1.4.34.1.3.1.4.127.0.0.1");
	oid_is("ipAdEntAddr.10.0.0.1", ".1.3.6.1.2.1.4.20.1.1.10.0.0.1");
	oid_is("enterprises.9999.1", ".1.3.6.1.4.1.9999.1");
	oid_bad("nosuchName.0");
	oid_bad("SNMPv2-MIB::ifDescr.1");
	oid_bad("ifDescr.x");
	oid_bad("sysDescr..0");

	/* OIDs to names, as snmptranslate/snmpwalk print them. */
	name_is("", ".1.3.6.1.2.1.1.1.0", "SNMPv2-MIB::sysDescr.0");
	name_is("", ".1.3.6.1.2.1.2.2.1.2.3", "IF-MIB::ifDescr.3");
	name_is("", ".1.3.6.1.2.1.1.3.0",
	    "DISMAN-EVENT-MIB::sysUpTimeInstance");
	name_is("", ".1.3.6.1.2.1.4.1.0", "IP-MIB::ipForwarding.0");
	name_is("", ".1.3.6.1.2.1.4.34.1.3.1.4.127.0.0.1",
	    "IP-MIB::ipAddressIfIndex.ipv4.\"127.0.0.1\"");
	name_is("",
	    ".1.3.6.1.2.1.4.34.1.3.2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1",
	    "IP-MIB::ipAddressIfIndex.ipv6."
	    "\"00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:01\"");
	name_is("", ".1.3.6.1.6.3.16.1.2.1.3.3.4.117.115.101.114",
	    "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.3.\"user\"");
	name_is("", ".1.3.6.1.6.3.16.1.2.1.3.3.4.117.1.101.114",
	    "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.3.\"u.er\"");
	name_is("", ".1.3.6.1.6.3.16.1.2.1.3.3.0",
	    "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.3.\"\"");
	name_is("", ".1.3.6.1.6.3.13.1.1.1.2.97.98.99",
	    "SNMP-NOTIFICATION-MIB::snmpNotifyTag.'abc'");
	name_is("", ".1.3.6.1.2.1.17.4.3.1.3.0.17.34.51.68.85",
	    "BRIDGE-MIB::dot1dTpFdbStatus.'..\"3DU'");
	name_is("", ".1.3.6.1.2.1.4.34.1.3.16.4.127.0.0.1",
	    "IP-MIB::ipAddressIfIndex.dns.\"....\"");
	name_is("", ".1.3.6.1.2.1.4.34.1.3.1.5.127.0.0.1.9",
	    "IP-MIB::ipAddressIfIndex.ipv4.\".....\"");
	name_is("", ".1.3.6.1.2.1.4.24.7.1.7.1.4.10.0.0.0.8.2.0.0.1.4.10.0."
	    "0.1", "IP-FORWARD-MIB::inetCidrRouteIfIndex.ipv4.\"10.0.0.0\"."
	    "8.2.0.0.ipv4.\"10.0.0.1\"");
	name_is("", ".1.3.6.1.2.1.92.1.3.1.1.3.1.2.3.97.98.99.0",
	    "NOTIFICATION-LOG-MIB::nlmLogDateAndTime.\".\".3.97.98.99.0");
	name_is("", ".1.3.6.1.4.1.8072.1.3.2.3.1.2.4.116.101.115.116",
	    "NET-SNMP-EXTEND-MIB::nsExtendOutputFull.\"test\"");
	name_is("", ".1.3.6.1.2.1.4.20.1.1.10.0.0.1",
	    "IP-MIB::ipAdEntAddr.10.0.0.1");
	name_is("", ".1.3.6.1.4.1.99999.1.2",
	    "SNMPv2-SMI::enterprises.99999.1.2");
	name_is("", ".1.3.6.1.2.1.2.2.1.99.3", "IF-MIB::ifEntry.99.3");
	name_is("", ".1.3.6.1.2.1.2.2", "IF-MIB::ifTable");
	name_is("", ".1.3.6", "SNMPv2-SMI::dod");
	name_is("", ".1", "iso");
	name_is("n", ".1.3.6.1.2.1.1.1.0", ".1.3.6.1.2.1.1.1.0");
	name_is("s", ".1.3.6.1.2.1.2.2.1.2.3", "ifDescr.3");
	name_is("f", ".1.3.6.1.4.1.2021.4.5.0",
	    ".iso.org.dod.internet.private.enterprises.ucdavis.memory."
	    "memTotalReal.0");
	name_is("u", ".1.3.6.1.2.1.1.9.1.2.3",
	    "system.sysORTable.sysOREntry.sysORID.3");
	name_is("b", ".1.3.6.1.6.3.16.1.2.1.3.3.4.117.115.101.114",
	    "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.3.4.117.115.101.114");
	name_is("X", ".1.3.6.1.2.1.4.34.1.3.1.4.127.0.0.1",
	    "IP-MIB::ipAddressIfIndex[ipv4][\"127.0.0.1\"]");

	/* Values by syntax (Net-SNMP's snprint_variable with MIBs). */
	val_is("", "ifOperStatus.1", sn_value_int(1),
	    "IF-MIB::ifOperStatus.1 = INTEGER: up(1)");
	val_is("e", "ifOperStatus.1", sn_value_int(1),
	    "IF-MIB::ifOperStatus.1 = INTEGER: 1");
	val_is("q", "ifOperStatus.1", sn_value_int(1),
	    "IF-MIB::ifOperStatus.1 up");
	val_is("", "ifOperStatus.1", sn_value_int(99),
	    "IF-MIB::ifOperStatus.1 = INTEGER: 99");
	val_is("", "ifOperStatus.1", octets("\x01", 1),
	    "IF-MIB::ifOperStatus.1 = Wrong Type (should be INTEGER): "
	    "Hex-STRING: 01 ");
	val_is("Q", "ifOperStatus.1", octets("\x01", 1),
	    "IF-MIB::ifOperStatus.1 = \"01 \"");
	val_is("", "ifPhysAddress.1", octets((const char *)mac, 6),
	    "IF-MIB::ifPhysAddress.1 = STRING: 0:11:22:33:44:55");
	val_is("", "ifPhysAddress.1", octets("", 0),
	    "IF-MIB::ifPhysAddress.1 = STRING: ");
	val_is("", "hrSystemDate.0", octets((const char *)date, 8),
	    "HOST-RESOURCES-MIB::hrSystemDate.0 = STRING: 2021-1-2,3:4:5.6");
	val_is("", "hrSystemDate.0", octets((const char *)date, 11),
	    "HOST-RESOURCES-MIB::hrSystemDate.0 = STRING: "
	    "2021-1-2,3:4:5.6,+2:0");
	val_is("", "sysDescr.0", octets("hello", 5),
	    "SNMPv2-MIB::sysDescr.0 = STRING: hello");
	val_is("", "sysDescr.0", octets("he\nl\x1bo", 6),
	    "SNMPv2-MIB::sysDescr.0 = STRING: he\\nl.o");
	val_is("q", "sysName.0", octets("hi\"\\", 4),
	    "SNMPv2-MIB::sysName.0 hi\"\\");
	val_is("", "snmpEngineID.0", octets("\x80\0\0\0\x01\x02\x03\x04", 8),
	    "SNMP-FRAMEWORK-MIB::snmpEngineID.0 = Hex-STRING: "
	    "80 00 00 00 01 02 03 04 ");
	val_is("", "ssSwapIn.0", sn_value_int(7),
	    "UCD-SNMP-MIB::ssSwapIn.0 = INTEGER: 7 kB");
	val_is("U", "ssSwapIn.0", sn_value_int(7),
	    "UCD-SNMP-MIB::ssSwapIn.0 = INTEGER: 7");
	val_is("", "ifSpeed.1", sn_value_uint(SN_T_GAUGE32, 1000),
	    "IF-MIB::ifSpeed.1 = Gauge32: 1000");
	val_is("", "sysUpTime.0", sn_value_uint(SN_T_TIMETICKS, 12345),
	    "DISMAN-EVENT-MIB::sysUpTimeInstance = Timeticks: (12345) "
	    "0:02:03.45");
	val_is("t", "sysUpTime.0", sn_value_uint(SN_T_TIMETICKS, 12345),
	    "DISMAN-EVENT-MIB::sysUpTimeInstance = 12345");
	val_is("", "sysUpTime.0", sn_value_int(5),
	    "DISMAN-EVENT-MIB::sysUpTimeInstance = INTEGER: 5");
	val_is("", "ifInOctets.1", sn_value_int(5),
	    "IF-MIB::ifInOctets.1 = Wrong Type (should be Counter32): "
	    "INTEGER: 5");
	sn_oid_parse(&oid, ".1.3.6.1.4.1.8072.3.2.10", NULL);
	val_is("", "sysObjectID.0", sn_value_oid(&oid),
	    "SNMPv2-MIB::sysObjectID.0 = OID: NET-SNMP-TC::linux");
	val_is("", "ipAdEntAddr.127.0.0.1",
	    sn_value_str(SN_T_IPADDR, ip, 4),
	    "IP-MIB::ipAdEntAddr.127.0.0.1 = IpAddress: 127.0.0.1");
	val_is("v", "ifAdminStatus.1", sn_value_int(2), "INTEGER: down(2)");
	val_is("", "laLoadInt.1", sn_value_int(12),
	    "UCD-SNMP-MIB::laLoadInt.1 = INTEGER: 12");
	val_is("", "ipv6InterfaceForwarding.1", sn_value_int(1),
	    "IP-MIB::ipv6InterfaceForwarding.1 = INTEGER: forwarding(1)");
	val_is("", "sysDescr.0", sn_value_null(SN_T_NOSUCHINSTANCE),
	    "SNMPv2-MIB::sysDescr.0 = No Such Instance currently exists at "
	    "this OID");
	/* BITS: bit 0 is the first byte's top bit (RFC 2578 §7.1.4). */
	val_is("", "mteTriggerTest.\"a\".'b'",
	    sn_value_str(SN_T_OCTETS, bits, 1),
	    "DISMAN-EVENT-MIB::mteTriggerTest.\"a\".'b' = BITS: C0 "
	    "existence(0) boolean(1) ");
	val_is("q", "mteTriggerTest.\"a\".'b'",
	    sn_value_str(SN_T_OCTETS, bits, 1),
	    "DISMAN-EVENT-MIB::mteTriggerTest.\"a\".'b' \"C0 \"");
	val_is("", "mteTriggerTest.\"a\".'b'",
	    sn_value_str(SN_T_OCTETS, "\x00\x01", 2),
	    "DISMAN-EVENT-MIB::mteTriggerTest.\"a\".'b' = BITS: 00 01 15 ");

	/* Typed values for set (=). */
	set_is("ifAdminStatus.1", "down", "00000002");
	set_is("ifAdminStatus.1", "3", "00000003");
	set_is("ifAdminStatus.1", "up(1)", "00000001");
	set_bad("ifAdminStatus.1", "sideways", SN_EINVAL);
	set_bad("ifAdminStatus.1", "9", SN_ERANGE);
	set_is("sysContact.0", "ops@example.net",
	    "6f7073406578616d706c652e6e6574");
	set_is("dot1dStaticAddress.0.17.34.51.68.85.0", "00:11:22:33:44:55",
	    "001122334455");
	set_bad("dot1dStaticAddress.0.17.34.51.68.85.0", "00:11:22", SN_ERANGE);
	set_bad("ifPhysAddress.1", "00:11:22:33:44:55", SN_EINVAL);
	set_is("mteTriggerTest.\"a\".'b'", "existence threshold", "a0");
	set_is("hrSystemDate.0", "2021-1-2,3:4:5.6", "07e50102030405 06");
	set_is("hrSystemDate.0", "2021-1-2,3:4:5.6,+2:0",
	    "07e5010203040506 2b0200");
	set_bad("sysDescr.0", "x", SN_EINVAL);
	set_bad("dot1dStaticAddress.0.17.34.51.68.85.0", "00:11:zz",
	    SN_EINVAL);

	/* Completion. */
	memset(&k, 0, sizeof(k));
	n = mib_complete(mib, "ifDes", 0, collect, &k);
	tap_ok(n == 1 && strcmp(k.text, "ifDescr") == 0,
	    "complete ifDes: %s", k.text);
	memset(&k, 0, sizeof(k));
	n = mib_complete(mib, "IF-MIB::ifD", 0, collect, &k);
	tap_ok(n == 1 && strcmp(k.text, "IF-MIB::ifDescr") == 0,
	    "complete IF-MIB::ifD: %s", k.text);
	memset(&k, 0, sizeof(k));
	n = mib_complete(mib, "ifTable.ifEntry.ifO", 0, collect, &k);
	tap_ok(n == 2 && strcmp(k.text, "ifTable.ifEntry.ifOperStatus "
	    "ifTable.ifEntry.ifOutDiscards") == 0 ? 1 :
	    strstr(k.text, "ifTable.ifEntry.ifOperStatus") != NULL,
	    "complete ifTable.ifEntry.ifO: %s", k.text);
	memset(&k, 0, sizeof(k));
	n = mib_complete(mib, "IF-MI", 0, collect, &k);
	tap_ok(strstr(k.text, "IF-MIB::") != NULL, "complete IF-MI: %s",
	    k.text);
	memset(&k, 0, sizeof(k));
	mib_parse_oid(mib, "ifAdminStatus.1", &oid, NULL);
	n = mib_complete_enum(mib, &oid, "d", collect, &k);
	tap_ok(n == 1 && strcmp(k.text, "down") == 0, "enum labels d: %s",
	    k.text);

	mib_close(mib);
	return tap_done();
}
