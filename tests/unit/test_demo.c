/*
 * Tests of the demo agent's tree (src/shell/demo.c) through its responder
 * with sn_agent_process: live sysUpTime, moving and wrapping interface
 * counters (RFC 2863), writable objects and their constraints, a complete
 * increasing walk of mib-2, the synthetic bulk table.
 */
#include "config.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sn/agent.h>

#include "shell/demo.h"
#include "tests/lib/tap.h"

static struct sn_agent *agent;
static struct sn_pdu req, resp;

static struct sn_oid
O(const char *s)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, s, NULL) < 0)
		o.len = 0;
	return o;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int
pdu(enum sn_version v, enum sn_pdu_type type, const char *oid,
    const struct sn_value *val)
{
	struct sn_oid o = O(oid);

	sn_pdu_clear(&req);
	sn_pdu_init(&req, type);
	req.request_id = 7;
	if (val != NULL)
		sn_vbl_add(&req.vbl, &o, val);
	else
		sn_vbl_add_null(&req.vbl, &o);
	return sn_agent_process(agent, v, true, &req, SN_MSG_MAX, &resp, NULL);
}

/* Get one value; type SN_T_NULL on failure. */
static struct sn_value
get(const char *oid)
{
	if (pdu(SN_V2C, SN_PDU_GET, oid, NULL) < 0 ||
	    resp.error_status != 0 || resp.vbl.len != 1)
		return sn_value_null(SN_T_NULL);
	return resp.vbl.vb[0].value;
}

static int
set(const char *oid, struct sn_value v)
{
	if (pdu(SN_V2C, SN_PDU_SET, oid, &v) < 0)
		return -1;
	return resp.error_status;
}

static bool
str_is(struct sn_value v, const char *s)
{
	return v.type == SN_T_OCTETS && v.v.str.len == strlen(s) &&
	    memcmp(v.v.str.ptr, s, v.v.str.len) == 0;
}

static int32_t
get_int(const char *oid)
{
	struct sn_value v = get(oid);

	return v.type == SN_T_INTEGER ? v.v.i : -1;
}

static uint64_t
get_u64(const char *oid)
{
	struct sn_value v = get(oid);

	return v.type == SN_T_COUNTER64 ? v.v.u64 : 0;
}

static void
test_system(void)
{
	struct sn_value v;
	uint32_t t1, t2;
	struct timespec ts1, ts2;
	long ms;
	char big[300];

	v = get("1.3.6.1.2.1.1.1.0");
	tap_ok(v.type == SN_T_OCTETS && v.v.str.len > 18 &&
	    memcmp(v.v.str.ptr, "snmpsh demo agent ", 18) == 0,
	    "sysDescr.0 describes the demo agent");
	v = get("1.3.6.1.2.1.1.2.0");
	tap_ok(v.type == SN_T_OID && v.v.oid.len > 6, "sysObjectID.0 is an "
	    "OID");
	clock_gettime(CLOCK_MONOTONIC, &ts1);
	v = get("1.3.6.1.2.1.1.3.0");
	t1 = v.v.u;
	tap_ok(v.type == SN_T_TIMETICKS, "sysUpTime.0 is TimeTicks");
	sleep_ms(120);
	v = get("1.3.6.1.2.1.1.3.0");
	clock_gettime(CLOCK_MONOTONIC, &ts2);
	t2 = v.v.u;
	ms = (ts2.tv_sec - ts1.tv_sec) * 1000 +
	    (ts2.tv_nsec - ts1.tv_nsec) / 1000000;
	/* hundredths of a second: 120 ms or more is 12 ticks or more */
	tap_ok(v.type == SN_T_TIMETICKS && t2 >= t1 + 11 &&
	    (long)(t2 - t1) <= ms / 10 + 2,
	    "sysUpTime.0 counts hundredths of a second (%u -> %u in %ld ms)",
	    t1, t2, ms);
	tap_ok(get_int("1.3.6.1.2.1.1.7.0") == 72, "sysServices.0");
	v = get("1.3.6.1.2.1.1.9.1.2.1");
	tap_ok(v.type == SN_T_OID, "sysORID.1");

	tap_ok(set("1.3.6.1.2.1.1.4.0", sn_value_str(SN_T_OCTETS,
	    "noc@example.org", 15)) == 0 && str_is(get("1.3.6.1.2.1.1.4.0"),
	    "noc@example.org"), "set sysContact.0 sticks");
	tap_ok(set("1.3.6.1.2.1.1.5.0", sn_value_str(SN_T_OCTETS, "", 0)) == 0
	    && str_is(get("1.3.6.1.2.1.1.5.0"), ""), "empty sysName.0");
	memset(big, 'x', sizeof(big));
	tap_ok(set("1.3.6.1.2.1.1.6.0", sn_value_str(SN_T_OCTETS, big,
	    256)) == SN_ERR_WRONGLENGTH, "sysLocation.0 of 256 bytes: "
	    "wrongLength");
	tap_ok(set("1.3.6.1.2.1.1.6.0", sn_value_str(SN_T_OCTETS, big,
	    255)) == 0, "sysLocation.0 of 255 bytes accepted");
	tap_ok(set("1.3.6.1.2.1.1.1.0", sn_value_str(SN_T_OCTETS, "x",
	    1)) == SN_ERR_NOTWRITABLE, "sysDescr.0: notWritable");
	tap_ok(set("1.3.6.1.2.1.1.4.0", sn_value_int(1)) == SN_ERR_WRONGTYPE,
	    "sysContact.0 as INTEGER: wrongType");
}

static void
test_interfaces(void)
{
	struct sn_value v;
	uint64_t hc1, hc2, hc3;
	uint32_t in32;

	tap_ok(get_int("1.3.6.1.2.1.2.1.0") == 4, "ifNumber.0 = 4");
	tap_ok(get_int("1.3.6.1.2.1.2.2.1.3.1") == 24 &&
	    get_int("1.3.6.1.2.1.2.2.1.3.2") == 6 &&
	    get_int("1.3.6.1.2.1.2.2.1.3.4") == 71,
	    "ifType: softwareLoopback, ethernetCsmacd, ieee80211");
	v = get("1.3.6.1.2.1.2.2.1.6.2");
	tap_ok(v.type == SN_T_OCTETS && v.v.str.len == 6,
	    "ifPhysAddress.2 is a 6-byte MAC");
	tap_ok(str_is(get("1.3.6.1.2.1.31.1.1.1.1.4"), "wlan0"),
	    "ifName.4 = wlan0");
	v = get("1.3.6.1.2.1.31.1.1.1.15.2");
	tap_ok(v.type == SN_T_GAUGE32 && v.v.u == 1000, "ifHighSpeed.2");

	/* counters move, Counter32 is the low half of the HC counter */
	sn_pdu_clear(&req);
	sn_pdu_init(&req, SN_PDU_GET);
	{
		struct sn_oid a = O("1.3.6.1.2.1.31.1.1.1.6.2");
		struct sn_oid b = O("1.3.6.1.2.1.2.2.1.10.2");

		sn_vbl_add_null(&req.vbl, &a);
		sn_vbl_add_null(&req.vbl, &b);
	}
	sn_agent_process(agent, SN_V2C, true, &req, SN_MSG_MAX, &resp, NULL);
	hc1 = resp.vbl.len == 2 ? resp.vbl.vb[0].value.v.u64 : 0;
	in32 = resp.vbl.len == 2 ? resp.vbl.vb[1].value.v.u : 0;
	tap_ok(resp.vbl.len == 2 && resp.vbl.vb[0].value.type ==
	    SN_T_COUNTER64 && resp.vbl.vb[1].value.type == SN_T_COUNTER32,
	    "ifHCInOctets is Counter64, ifInOctets Counter32");
	/* the two are read a moment apart, in either order: compare the
	 * low 32 bits by their signed distance */
	tap_ok(hc1 > UINT32_MAX &&
	    llabs((long long)(int32_t)((uint32_t)hc1 - in32)) < 100000,
	    "ifInOctets.2 is ifHCInOctets.2 modulo 2^32 (%llu, %u)",
	    (unsigned long long)hc1, in32);
	sleep_ms(30);
	hc2 = get_u64("1.3.6.1.2.1.31.1.1.1.6.2");
	tap_ok(hc2 > hc1, "ifHCInOctets.2 increases (%llu -> %llu)",
	    (unsigned long long)hc1, (unsigned long long)hc2);
	hc3 = get_u64("1.3.6.1.2.1.31.1.1.1.6.3");
	sleep_ms(30);
	tap_ok(get_u64("1.3.6.1.2.1.31.1.1.1.6.3") == hc3 &&
	    get_u64("1.3.6.1.2.1.31.1.1.1.6.4") > 0, "eth1 (no carrier) is "
	    "still");
	tap_ok(get_int("1.3.6.1.2.1.2.2.1.8.3") == 2, "ifOperStatus.3 down");

	/* admin down freezes counters; up resumes */
	tap_ok(set("1.3.6.1.2.1.2.2.1.7.2", sn_value_int(7)) ==
	    SN_ERR_WRONGVALUE, "ifAdminStatus.2 = 7: wrongValue");
	tap_ok(set("1.3.6.1.2.1.2.2.1.7.2", sn_value_int(2)) == 0 &&
	    get_int("1.3.6.1.2.1.2.2.1.7.2") == 2 &&
	    get_int("1.3.6.1.2.1.2.2.1.8.2") == 2,
	    "ifAdminStatus.2 down: ifOperStatus.2 follows");
	v = get("1.3.6.1.2.1.2.2.1.9.2");
	tap_ok(v.type == SN_T_TIMETICKS && v.v.u > 0, "ifLastChange.2 set");
	hc2 = get_u64("1.3.6.1.2.1.31.1.1.1.6.2");
	sleep_ms(30);
	hc3 = get_u64("1.3.6.1.2.1.31.1.1.1.6.2");
	tap_ok(hc3 == hc2, "counters stop while down");
	tap_ok(set("1.3.6.1.2.1.2.2.1.7.2", sn_value_int(1)) == 0 &&
	    get_int("1.3.6.1.2.1.2.2.1.8.2") == 1, "ifAdminStatus.2 up");
	sleep_ms(30);
	tap_ok(get_u64("1.3.6.1.2.1.31.1.1.1.6.2") > hc3,
	    "counters resume, monotonic");

	tap_ok(set("1.3.6.1.2.1.31.1.1.1.18.3", sn_value_str(SN_T_OCTETS,
	    "uplink", 6)) == 0 && str_is(get("1.3.6.1.2.1.31.1.1.1.18.3"),
	    "uplink"), "ifAlias.3 set sticks");
	tap_ok(set("1.3.6.1.2.1.31.1.1.1.18.3", sn_value_str(SN_T_OCTETS,
	    "0123456789012345678901234567890123456789012345678901234567890"
	    "12345", 65)) == SN_ERR_WRONGLENGTH, "ifAlias of 65: wrongLength");
	tap_ok(set("1.3.6.1.2.1.2.2.1.2.1", sn_value_str(SN_T_OCTETS, "x",
	    1)) == SN_ERR_NOTWRITABLE, "ifDescr: notWritable");
	tap_ok(pdu(SN_V2C, SN_PDU_GET, "1.3.6.1.2.1.2.2.1.2.9", NULL) == 0 &&
	    resp.vbl.vb[0].value.type == SN_T_NOSUCHINSTANCE,
	    "ifDescr.9: noSuchInstance");
}

/* A GetNext walk of mib-2: strictly increasing, finite. */
static void
test_walk(enum sn_version ver)
{
	struct sn_oid cur = O("1.3.6.1.2.1"), mib2 = cur;
	size_t n = 0, c64 = 0;
	bool inc = true;

	while (n < 10000) {
		if (pdu(ver, SN_PDU_GETNEXT, "1", NULL) < 0)
			break;
		req.vbl.vb[0].name = cur;
		if (sn_agent_process(agent, ver, true, &req, SN_MSG_MAX, &resp,
		    NULL) < 0 || resp.error_status != 0 ||
		    resp.vbl.vb[0].value.type == SN_T_ENDOFMIBVIEW ||
		    !sn_oid_has_prefix(&resp.vbl.vb[0].name, &mib2))
			break;
		if (sn_oid_cmp(&resp.vbl.vb[0].name, &cur) <= 0)
			inc = false;
		if (resp.vbl.vb[0].value.type == SN_T_COUNTER64)
			c64++;
		cur = resp.vbl.vb[0].name;
		n++;
	}
	tap_ok(inc && n > 150 && n < 10000, "%s walk of mib-2: %zu "
	    "increasing instances", ver == SN_V1 ? "v1" : "v2c", n);
	if (ver == SN_V1)
		tap_ok(c64 == 0, "v1 walk sees no Counter64");
	else
		tap_ok(c64 == 4 * 8, "v2c walk sees the 32 HC counters");
}

static void
test_bulk_table(void)
{
	struct sn_oid cur, entry = O(SH_DEMO_BULK_OID);
	struct sn_value v;
	size_t n = 0, rounds = 0;
	bool ok = true;

	tap_ok(pdu(SN_V2C, SN_PDU_GETNEXT, SH_DEMO_BULK_OID, NULL) == 0 &&
	    resp.vbl.vb[0].value.type == SN_T_COUNTER32 &&
	    resp.vbl.vb[0].value.v.u == 1, "bulk table: first is row 1");
	tap_ok(str_is(get(SH_DEMO_BULK_OID ".3.1000"), "row 1000"),
	    "bulk table: column 3 of row 1000");
	tap_ok(pdu(SN_V2C, SN_PDU_GETNEXT, SH_DEMO_BULK_OID ".2.1000", NULL)
	    == 0 && str_is(resp.vbl.vb[0].value, "row 1"),
	    "bulk table: column 2 wraps to column 3");
	tap_ok(pdu(SN_V2C, SN_PDU_GETNEXT, SH_DEMO_BULK_OID ".3.1000", NULL)
	    == 0 && resp.vbl.vb[0].value.type == SN_T_ENDOFMIBVIEW,
	    "bulk table: the last instance is the end of the view");
	tap_ok(pdu(SN_V2C, SN_PDU_GET, SH_DEMO_BULK_OID ".3.1001", NULL) == 0
	    && resp.vbl.vb[0].value.type == SN_T_NOSUCHINSTANCE,
	    "bulk table: row 1001 noSuchInstance");
	tap_ok(pdu(SN_V2C, SN_PDU_GET, SH_DEMO_BULK_OID ".4.1", NULL) == 0
	    && resp.vbl.vb[0].value.type == SN_T_NOSUCHOBJECT,
	    "bulk table: column 4 noSuchObject");

	/* a bulk walk of the table */
	cur = entry;
	while (rounds++ < 1000) {
		size_t i;

		pdu(SN_V2C, SN_PDU_GETBULK, "1", NULL);
		req.error_status = 0;
		req.error_index = 50;
		req.vbl.vb[0].name = cur;
		if (sn_agent_process(agent, SN_V2C, true, &req, SN_MSG_MAX,
		    &resp, NULL) < 0 || resp.vbl.len == 0)
			break;
		for (i = 0; i < resp.vbl.len; i++) {
			struct sn_varbind *vb = &resp.vbl.vb[i];

			if (!sn_oid_has_prefix(&vb->name, &entry) ||
			    vb->value.type == SN_T_ENDOFMIBVIEW)
				goto done;
			if (sn_oid_cmp(&vb->name, &cur) <= 0)
				ok = false;
			cur = vb->name;
			n++;
		}
	}
done:
	tap_ok(ok && n == 2000, "getbulk walk of the bulk table: %zu "
	    "increasing varbinds", n);
	v = get("1.3.6.1.2.1.11.1.0");
	tap_ok(v.type == SN_T_COUNTER32, "snmpInPkts.0 is a Counter32");
}

int
main(void)
{
	struct sn_loop *loop = NULL;
	struct sh_demo *d = NULL;
	struct sh_demo_opts opts = { .listen = NULL, .bulk_rows = 1000,
	    .data_dir = NULL };
	struct sn_error err;
	const char *addr;

	sn_pdu_init(&req, SN_PDU_GET);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	if (sn_loop_new(&loop, &err) < 0 ||
	    sh_demo_start(loop, &opts, &d, &err) < 0) {
		tap_ok(0, "demo starts: %s", err.msg);
		return tap_done();
	}
	addr = sh_demo_address(d);
	tap_ok(strncmp(addr, "udp:127.0.0.1:", 14) == 0 &&
	    strcmp(addr, "udp:127.0.0.1:0") != 0,
	    "demo listens on a free loopback port (%s)", addr);
	agent = sh_demo_agent(d);
	test_system();
	test_interfaces();
	test_walk(SN_V2C);
	test_walk(SN_V1);
	test_bulk_table();
	sn_pdu_clear(&req);
	sn_pdu_clear(&resp);
	sh_demo_free(d);
	sn_loop_free(loop);
	return tap_done();
}
