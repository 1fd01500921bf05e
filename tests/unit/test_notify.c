/*
 * Unit tests of notifications: the RFC 3584 §3.1 conversion of SNMPv1
 * traps (coexist.c) as a table with failing rows; the receiver
 * (notify_rx.c) fed each PDU form through sn_listener_input -- v1 Trap,
 * v2c Trap, v2c Inform answered with a Response (RFC 3416 §4.2.7), other
 * PDUs, a community filter, every truncation of a message -- and, over
 * loopback on one loop, the originator (notify_tx.c) sending v1, v2c and
 * v3 traps and informs to a listener: two SNMPv3 senders with different
 * engine IDs and one user, a wrong passphrase counted, an inform
 * acknowledged after discovery, and a listener closed from its callback;
 * the sysUpTime of a trap sent now.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sn/notify.h>

#include "engine/crypto.h"
#include "engine/mp_v3.h"
#include "engine/usm.h"
#include "tests/lib/tap.h"

static struct sn_oid
O(const char *s)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, s, NULL) < 0)
		o.len = 0;
	return o;
}

static bool
oid_is(const struct sn_oid *o, const char *s)
{
	struct sn_oid w = O(s);

	return w.len > 0 && sn_oid_cmp(o, &w) == 0;
}

/* ---- RFC 3584 §3.1 ---- */

struct conv_row {
	int32_t generic;
	int32_t specific;
	const char *enterprise;
	const char *trap_oid;	/* NULL: the conversion fails */
	int rc;
};

static const struct conv_row conv_rows[] = {
	{ 0, 0, "1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5.1", 0 },
	{ 1, 0, "1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5.2", 0 },
	{ 2, 0, "1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5.3", 0 },
	{ 3, 9, "1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5.4", 0 },
	{ 4, 0, "1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5.5", 0 },
	{ 5, 0, "1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5.6", 0 },
	{ 6, 17, "1.3.6.1.4.1.8072.9", "1.3.6.1.4.1.8072.9.0.17", 0 },
	{ 6, 0, "1.3", "1.3.0.0", 0 },
	{ 7, 0, "1.3.6.1.4.1.8072", NULL, SN_EINVAL },
	{ -1, 0, "1.3.6.1.4.1.8072", NULL, SN_EINVAL },
};

static void
test_conversion(void)
{
	struct sn_pdu p;
	struct sn_vbl out;
	struct sn_oid t, e;
	struct sn_value v;
	size_t i;
	int rc;

	sn_pdu_init(&p, SN_PDU_TRAP_V1);
	sn_vbl_init(&out);
	for (i = 0; i < sizeof(conv_rows) / sizeof(conv_rows[0]); i++) {
		const struct conv_row *r = &conv_rows[i];

		p.generic_trap = r->generic;
		p.specific_trap = r->specific;
		p.enterprise = O(r->enterprise);
		p.time_stamp = 4321;
		memcpy(p.agent_addr, "\xc0\x00\x02\x07", 4);
		rc = sn_trap_v1_to_v2(&p, (const uint8_t *)"public", 6, &out,
		    &t, NULL);
		tap_ok(rc == r->rc, "generic %d specific %d: rc %d", r->generic,
		    r->specific, rc);
		if (r->trap_oid == NULL)
			continue;
		tap_ok(oid_is(&t, r->trap_oid), "generic %d: snmpTrapOID %s",
		    r->generic, r->trap_oid);
		tap_ok(out.len == 5 && oid_is(&out.vb[0].name,
		    "1.3.6.1.2.1.1.3.0") && out.vb[0].value.type ==
		    SN_T_TIMETICKS && out.vb[0].value.v.u == 4321 &&
		    oid_is(&out.vb[1].name, "1.3.6.1.6.3.1.1.4.1.0") &&
		    sn_oid_cmp(&out.vb[1].value.v.oid, &t) == 0,
		    "generic %d: sysUpTime.0 and snmpTrapOID.0 first",
		    r->generic);
	}
	/* the appended objects, and the trap's own varbinds in between */
	p.generic_trap = 6;
	p.specific_trap = 1;
	p.enterprise = O("1.3.6.1.4.1.99");
	v = sn_value_int(42);
	e = O("1.3.6.1.2.1.2.2.1.1.1");
	sn_vbl_add(&p.vbl, &e, &v);
	rc = sn_trap_v1_to_v2(&p, (const uint8_t *)"pub\nlic", 7, &out, &t,
	    NULL);
	TAP_OK(rc == 0 && out.len == 6);
	TAP_OK(oid_is(&out.vb[2].name, "1.3.6.1.2.1.2.2.1.1.1") &&
	    out.vb[2].value.v.i == 42);
	TAP_OK(oid_is(&out.vb[3].name, "1.3.6.1.6.3.18.1.3.0") &&
	    out.vb[3].value.type == SN_T_IPADDR &&
	    memcmp(out.vb[3].value.v.str.ptr, "\xc0\x00\x02\x07", 4) == 0);
	TAP_OK(oid_is(&out.vb[4].name, "1.3.6.1.6.3.18.1.4.0") &&
	    out.vb[4].value.v.str.len == 7 &&
	    memcmp(out.vb[4].value.v.str.ptr, "pub\nlic", 7) == 0);
	TAP_OK(oid_is(&out.vb[5].name, "1.3.6.1.6.3.1.1.4.3.0") &&
	    oid_is(&out.vb[5].value.v.oid, "1.3.6.1.4.1.99"));
	/* no community known: no snmpTrapCommunity.0 */
	rc = sn_trap_v1_to_v2(&p, NULL, 0, &out, &t, NULL);
	TAP_OK(rc == 0 && out.len == 5);
	/* already present: not appended twice (RFC 3584 §3.1) */
	v = sn_value_str(SN_T_IPADDR, "\x0a\x00\x00\x01", 4);
	e = O("1.3.6.1.6.3.18.1.3.0");
	sn_vbl_add(&p.vbl, &e, &v);
	rc = sn_trap_v1_to_v2(&p, NULL, 0, &out, &t, NULL);
	TAP_OK(rc == 0 && out.len == 5 && oid_is(&out.vb[3].name,
	    "1.3.6.1.6.3.18.1.3.0") && out.vb[3].value.v.str.ptr[0] == 10);
	/* failing rows: not a Trap-PDU; enterprise too long for .0.specific */
	p.type = SN_PDU_TRAP;
	TAP_OK(sn_trap_v1_to_v2(&p, NULL, 0, &out, &t, NULL) == SN_EINVAL);
	p.type = SN_PDU_TRAP_V1;
	p.enterprise.len = SN_OID_MAX_LEN - 1;
	for (i = 0; i < p.enterprise.len; i++)
		p.enterprise.sub[i] = 1;
	TAP_OK(sn_trap_v1_to_v2(&p, NULL, 0, &out, &t, NULL) == SN_ETOOLONG);
	p.generic_trap = 2;
	TAP_OK(sn_trap_v1_to_v2(&p, NULL, 0, &out, &t, NULL) == 0 &&
	    oid_is(&t, "1.3.6.1.6.3.1.1.5.3"));
	sn_vbl_clear(&out);
	sn_pdu_clear(&p);
}

/* ---- the receive path, without a network ---- */

struct got {
	int n;
	enum sn_version version;
	enum sn_pdu_type type;
	struct sn_oid trap_oid;
	uint32_t uptime;
	size_t nvb;
	char who[64];
	int level;
	bool close_in_cb;
};

static void
on_n(struct sn_listener *l, const struct sn_notification *n, void *ud)
{
	struct got *g = ud;
	const uint8_t *w = n->version == SN_V3 ? n->user : n->community;
	size_t wl = n->version == SN_V3 ? n->user_len : n->community_len;

	g->n++;
	g->version = n->version;
	g->type = n->type;
	g->trap_oid = n->trap_oid;
	g->uptime = n->uptime;
	g->nvb = n->vbl->len;
	g->level = n->sec_level;
	snprintf(g->who, sizeof(g->who), "%.*s", (int)wl, (const char *)w);
	if (g->close_in_cb)
		sn_listener_close(l);
}

static size_t
encode(enum sn_version v, const char *community, const struct sn_pdu *p,
    uint8_t *buf, uint8_t **out)
{
	struct sn_msg m;
	size_t len = 0;

	sn_msg_init(&m);
	m.version = v;
	sn_msg_set_community(&m, community, strlen(community));
	sn_pdu_copy(&m.pdu, p);
	if (sn_msg_encode(&m, buf, SN_MSG_MAX, out, &len, NULL) != 0)
		len = 0;
	sn_msg_clear(&m);
	return len;
}

static void
test_input(void)
{
	static uint8_t buf[SN_MSG_MAX];
	struct sn_listener *l;
	struct sn_listener_stats st;
	struct got g;
	struct sn_pdu p;
	struct sn_msg r;
	struct sn_oid cold = O("1.3.6.1.6.3.1.1.5.1"), e;
	struct sn_value v;
	const uint8_t *reply;
	uint8_t *wire;
	size_t len, rlen, i, ntrunc;
	int rc, bad = 0;

	memset(&g, 0, sizeof(g));
	TAP_OK(sn_listener_new(NULL, on_n, &g, &l, NULL) == 0);
	/* v1 Trap-PDU */
	sn_pdu_init(&p, SN_PDU_TRAP_V1);
	p.enterprise = O("1.3.6.1.4.1.8072");
	p.generic_trap = 6;
	p.specific_trap = 3;
	p.time_stamp = 99;
	len = encode(SN_V1, "public", &p, buf, &wire);
	rc = sn_listener_input(l, wire, len, "test", &reply, &rlen);
	TAP_OK(rc == 0 && g.n == 1 && g.version == SN_V1 &&
	    g.type == SN_PDU_TRAP_V1 && g.uptime == 99 && rlen == 0);
	TAP_OK(oid_is(&g.trap_oid, "1.3.6.1.4.1.8072.0.3") && g.nvb == 5 &&
	    strcmp(g.who, "public") == 0);
	/* v2c SNMPv2-Trap */
	sn_notify_pdu_init(&p, SN_PDU_TRAP, 1234, &cold);
	v = sn_value_str(SN_T_OCTETS, "x", 1);
	e = O("1.3.6.1.2.1.1.4.0");
	sn_vbl_add(&p.vbl, &e, &v);
	len = encode(SN_V2C, "public", &p, buf, &wire);
	rc = sn_listener_input(l, wire, len, "test", &reply, &rlen);
	TAP_OK(rc == 0 && g.n == 2 && g.version == SN_V2C &&
	    g.type == SN_PDU_TRAP && g.uptime == 1234 && g.nvb == 3 &&
	    oid_is(&g.trap_oid, "1.3.6.1.6.3.1.1.5.1") && rlen == 0);
	/* every truncation of it is dropped, never delivered */
	for (i = 0; i + 1 < len; i++) {
		if (sn_listener_input(l, wire, i, "test", &reply, &rlen) == 0 ||
		    rlen != 0)
			bad++;
	}
	ntrunc = len - 1;
	tap_ok(bad == 0 && g.n == 2, "%zu truncations dropped", ntrunc);
	/* v2c InformRequest: a Response, same request-id and varbinds */
	p.type = SN_PDU_INFORM;
	len = encode(SN_V2C, "public", &p, buf, &wire);
	rc = sn_listener_input(l, wire, len, "test", &reply, &rlen);
	TAP_OK(rc == 0 && g.n == 3 && g.type == SN_PDU_INFORM && rlen > 0);
	sn_msg_init(&r);
	TAP_OK(rlen > 0 && sn_msg_decode(reply, rlen, &r, NULL) == 0 &&
	    r.version == SN_V2C && r.pdu.type == SN_PDU_RESPONSE &&
	    r.pdu.error_status == 0 && r.pdu.vbl.len == 3 &&
	    r.community_len == 6 && r.pdu.request_id == 0);
	sn_msg_clear(&r);
	/* not notifications: a GET, an Inform in SNMPv1 terms */
	p.type = SN_PDU_GET;
	len = encode(SN_V2C, "public", &p, buf, &wire);
	TAP_OK(sn_listener_input(l, wire, len, "t", &reply, &rlen) ==
	    SN_EINVAL && rlen == 0 && g.n == 3);
	/* garbage and an empty datagram */
	TAP_OK(sn_listener_input(l, (const uint8_t *)"\x30\x03\x02\x01",
	    4, "t", &reply, &rlen) < 0);
	TAP_OK(sn_listener_input(l, buf, 0, "t", &reply, &rlen) < 0);
	/* a v3 message with no users: dropped, counted */
	TAP_OK(sn_listener_input(l, (const uint8_t *)"\x30\x03\x02\x01\x03",
	    5, "t", &reply, &rlen) < 0);
	/* the community filter */
	TAP_OK(sn_listener_add_community(l, "public") == 0);
	p.type = SN_PDU_TRAP;
	len = encode(SN_V2C, "private", &p, buf, &wire);
	TAP_OK(sn_listener_input(l, wire, len, "t", &reply, &rlen) ==
	    SN_EAUTH && g.n == 3);
	len = encode(SN_V2C, "public", &p, buf, &wire);
	TAP_OK(sn_listener_input(l, wire, len, "t", &reply, &rlen) == 0 &&
	    g.n == 4);
	sn_listener_stats(l, &st);
	tap_ok(st.packets == ntrunc + 9 && st.accepted == 4 &&
	    st.traps_v1 == 1 && st.traps_v2 == 2 && st.informs == 1 &&
	    st.bad_community == 1 && st.bad_pdu_type == 1 &&
	    st.parse_errs == ntrunc + 3, "stats: packets %lu accepted %lu "
	    "parse %lu", st.packets, st.accepted, st.parse_errs);
	sn_pdu_clear(&p);
	sn_listener_close(l);
}

/* ---- over loopback: the originator and the v3 receiver ---- */

struct done {
	bool done;
	int status;
};

static void
on_req(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct done *d = ud;

	(void)req;
	d->done = true;
	d->status = status;
	if (status == 0 && (resp->type != SN_PDU_RESPONSE ||
	    resp->vbl.len != 2))
		d->status = -1000;
}

static void
tick(struct sn_timer *t, void *ud)
{
	(void)t;
	*(bool *)ud = true;
}

/* Run the loop until *n reaches want, or 0.5 s passed. */
static void
run_until(struct sn_loop *loop, const int *n, int want)
{
	struct sn_timer *t;
	bool expired = false;

	if (sn_timer_start(loop, 500, 0, tick, &expired, &t) != 0)
		return;
	while (*n < want && !expired)
		sn_loop_run(loop, SN_RUN_ONCE);
	if (!expired)
		sn_timer_stop(t);
}

static struct sn_session *
v3_session(struct sn_loop *loop, const char *agent, const char *eid,
    const char *pass)
{
	struct sn_session_opts o;
	struct sn_session *s = NULL;

	sn_session_opts_init(&o);
	o.version = SN_V3;
	o.user = "bob";
	o.sec_level = "authPriv";
	o.auth_proto = "SHA";
	o.auth_pass = pass;
	o.priv_proto = "AES";
	o.priv_pass = "bobpriv11";
	o.sec_engine_id = eid;
	o.timeout_ms = 500;
	o.retries = 1;
	if (sn_session_open(loop, agent, &o, &s, NULL) != 0)
		return NULL;
	return s;
}

static void
test_loopback(void)
{
	static const uint8_t local_id[] = { 0x80, 0, 0x7e, 0xd9, 5, 1, 2, 3 };
	struct sn_notify_engine eng = { local_id, sizeof(local_id), 3, 40 };
	struct sn_notify_user u = { "bob", "SHA", "bobauth11", "AES",
		"bobpriv11" };
	struct sn_session_opts o;
	struct sn_listener *l;
	struct sn_listener_stats st;
	struct sn_session *s1, *s2, *s3, *sv1, *sv2;
	struct sn_loop *loop;
	struct sn_pdu p;
	struct sn_oid cold = O("1.3.6.1.6.3.1.1.5.1");
	struct got g;
	struct done d = { false, 0 };
	const char *addr;
	char agent[SN_OID_STR_MAX];

	memset(&g, 0, sizeof(g));
	if (sn_loop_new(&loop, NULL) != 0) {
		tap_skip("no event loop");
		return;
	}
	TAP_OK(sn_listener_new(loop, on_n, &g, &l, NULL) == 0);
	TAP_OK(sn_listener_add_user(l, &u, NULL) == 0);
	TAP_OK(sn_listener_listen(l, "udp:127.0.0.1:0", NULL) == 0);
	TAP_OK((addr = sn_listener_address(l, 0)) != NULL &&
	    sn_listener_address(l, 1) == NULL);
	snprintf(agent, sizeof(agent), "%s", addr != NULL ? addr : "x");
	sn_pdu_init(&p, SN_PDU_TRAP);
	/* v2c trap */
	sn_session_opts_init(&o);
	TAP_OK(sn_session_open(loop, agent, &o, &sv2, NULL) == 0);
	TAP_OK(sn_notify_pdu_init(&p, SN_PDU_TRAP, 7, &cold) == 0);
	TAP_OK(sn_notify_trap(sv2, &p, NULL, NULL) == 0);
	run_until(loop, &g.n, 1);
	TAP_OK(g.n == 1 && g.version == SN_V2C && g.uptime == 7);
	/* a v1 session refuses a v2 trap; sends a Trap-PDU */
	o.version = SN_V1;
	TAP_OK(sn_session_open(loop, agent, &o, &sv1, NULL) == 0);
	TAP_OK(sn_notify_trap(sv1, &p, NULL, NULL) == SN_EINVAL);
	p.type = SN_PDU_TRAP_V1;
	p.enterprise = O("1.3.6.1.4.1.8072");
	p.generic_trap = 0;
	sn_vbl_reset(&p.vbl);
	TAP_OK(sn_notify_trap(sv1, &p, NULL, NULL) == 0);
	run_until(loop, &g.n, 2);
	TAP_OK(g.n == 2 && g.version == SN_V1 &&
	    oid_is(&g.trap_oid, "1.3.6.1.6.3.1.1.5.1"));
	/* v3 authPriv traps: the session's -e, then the local engine */
	TAP_OK((s1 = v3_session(loop, agent, "0x8000000001aa", "bobauth11"))
	    != NULL);
	TAP_OK((s2 = v3_session(loop, agent, NULL, "bobauth11")) != NULL);
	TAP_OK((s3 = v3_session(loop, agent, "0x8000000001cc", "wrongpass1"))
	    != NULL);
	TAP_OK(sn_notify_pdu_init(&p, SN_PDU_TRAP, 11, &cold) == 0);
	TAP_OK(s1 != NULL && sn_notify_trap(s1, &p, &eng, NULL) == 0);
	run_until(loop, &g.n, 3);
	TAP_OK(g.n == 3 && g.version == SN_V3 && g.level == 3 &&
	    strcmp(g.who, "bob") == 0 && g.uptime == 11);
	TAP_OK(s2 != NULL && sn_notify_trap(s2, &p, NULL, NULL) == SN_EINVAL);
	TAP_OK(s2 != NULL && sn_notify_trap(s2, &p, &eng, NULL) == 0);
	run_until(loop, &g.n, 4);
	TAP_OK(g.n == 4 && g.version == SN_V3);
	TAP_OK(s3 != NULL && sn_notify_trap(s3, &p, &eng, NULL) == 0);
	run_until(loop, &g.n, 5);
	TAP_OK(g.n == 4);
	/* a v3 inform: discovery of the listener, then acknowledged */
	TAP_OK(sn_notify_pdu_init(&p, SN_PDU_INFORM, 12, &cold) == 0);
	TAP_OK(sn_notify_inform(sv1, &p, on_req, &d, NULL, NULL) == SN_EINVAL);
	TAP_OK(s2 != NULL && sn_notify_inform(s2, &p, on_req, &d, NULL,
	    NULL) == 0);
	while (!d.done)
		sn_loop_run(loop, SN_RUN_ONCE);
	tap_ok(d.status == 0 && g.n == 5 && g.type == SN_PDU_INFORM,
	    "v3 inform acknowledged (status %d)", d.status);
	sn_listener_stats(l, &st);
	tap_ok(st.accepted == 5 && st.wrong_digests == 1 &&
	    st.unknown_engine_ids == 1 && st.reports == 1 &&
	    st.responses == 1, "stats: accepted %lu digests %lu engine IDs "
	    "%lu reports %lu responses %lu", st.accepted, st.wrong_digests,
	    st.unknown_engine_ids, st.reports, st.responses);
	/* closed from inside its own callback */
	g.close_in_cb = true;
	TAP_OK(sn_notify_pdu_init(&p, SN_PDU_TRAP, 13, &cold) == 0);
	TAP_OK(sn_notify_trap(sv2, &p, NULL, NULL) == 0);
	run_until(loop, &g.n, 6);
	TAP_OK(g.n == 6);
	sn_pdu_clear(&p);
	sn_session_close(s1);
	sn_session_close(s2);
	sn_session_close(s3);
	sn_session_close(sv1);
	sn_session_close(sv2);
	sn_loop_free(loop);
}

/*
 * SNMPv3 traps from many senders: more engine IDs than the cache holds,
 * each authenticated on first sight (RFC 3414 §2.6 localisation), an
 * evicted one accepted again; a forged one never enters the cache.
 */
static void
test_many_engines(void)
{
	struct sn_notify_user u = { "bob", "SHA", "bobauth11", "AES",
		"bobpriv11" };
	struct sn_listener *l;
	struct sn_listener_stats st;
	struct sn_crypto *c;
	struct sn_v3_msg m;
	struct sn_v3_keys k;
	struct sn_oid cold = O("1.3.6.1.6.3.1.1.5.1");
	struct got g;
	uint8_t ku[SN_USM_KEY_MAX], kup[SN_USM_KEY_MAX], kul[SN_USM_KEY_MAX];
	uint8_t akey[SN_USM_KEY_MAX], pkey[SN_USM_PRIVKEY_MAX];
	static uint8_t buf[SN_MSG_MAX];
	const uint8_t *reply;
	uint8_t *wire;
	size_t len, rlen;
	int i, bad = 0, n = 300;

	memset(&g, 0, sizeof(g));
	TAP_OK(sn_crypto_new(&c, NULL) == 0);
	TAP_OK(sn_listener_new(NULL, on_n, &g, &l, NULL) == 0);
	TAP_OK(sn_listener_add_user(l, &u, NULL) == 0);
	TAP_OK(sn_usm_password_to_key(c, SN_HASH_SHA1, "bobauth11", 9, ku,
	    NULL) == 0);
	TAP_OK(sn_usm_password_to_key(c, SN_HASH_SHA1, "bobpriv11", 9, kup,
	    NULL) == 0);
	sn_v3_msg_init(&m);
	for (i = 0; i <= n + 1; i++) {
		/* engine 0 again after the churn */
		int e = i == n ? 0 : i;

		m.msg_id = i + 1;
		m.max_size = SN_MSG_MAX;
		m.security_model = SN_SECMODEL_USM;
		m.flags = SN_V3_FLAG_AUTH | SN_V3_FLAG_PRIV;
		memcpy(m.engine_id, "\x80\x00\x1f\x88\x04", 5);
		m.engine_id[5] = (uint8_t)(e >> 8);
		m.engine_id[6] = (uint8_t)e;
		m.engine_id_len = 7;
		m.boots = 1;
		m.time = 10;
		memcpy(m.user, "bob", 3);
		m.user_len = 3;
		memcpy(m.context_engine_id, m.engine_id, 7);
		m.context_engine_id_len = 7;
		sn_notify_pdu_init(&m.pdu, SN_PDU_TRAP, (uint32_t)i, &cold);
		sn_usm_localize(c, SN_HASH_SHA1, ku, m.engine_id, 7, akey,
		    NULL);
		sn_usm_localize(c, SN_HASH_SHA1, kup, m.engine_id, 7, kul,
		    NULL);
		sn_usm_priv_key(c, SN_AUTH_SHA1, SN_PRIV_AES128, kul,
		    m.engine_id, 7, pkey, NULL);
		if (i == n + 1)
			akey[0] ^= 1;	/* forged: a wrong key */
		memset(&k, 0, sizeof(k));
		k.auth = SN_AUTH_SHA1;
		k.auth_key = akey;
		k.priv = SN_PRIV_AES128;
		k.priv_key = pkey;
		k.salt = (uint64_t)i;
		if (sn_v3_encode(c, &m, &k, buf, SN_MSG_MAX - 16, &wire, &len,
		    NULL) != 0 || sn_listener_input(l, wire, len, "t", &reply,
		    &rlen) != (i == n + 1 ? SN_EWRONGDIGEST : 0))
			bad++;
	}
	sn_listener_stats(l, &st);
	tap_ok(bad == 0 && g.n == n + 1 && st.accepted == (unsigned long)n + 1
	    && st.wrong_digests == 1, "%d engine IDs, one user, no "
	    "registration: %d accepted, then engine 0 again (%d bad)", n,
	    g.n, bad);
	sn_v3_msg_clear(&m);
	sn_listener_close(l);
	sn_crypto_free(c);
}

/* The errors of sn_listener_add_user name the options of `listen`. */
static void
test_user_errors(void)
{
	static const struct {
		struct sn_notify_user u;
		int rc;
		const char *msg;
	} cases[] = {
		{ { "", NULL, NULL, NULL, NULL }, SN_EINVAL,
		    "a user name has 1 to 32 octets" },
		{ { "u", "MD6", "12345678", NULL, NULL }, SN_EINVAL,
		    "user u: -a MD6: unknown authentication protocol" },
		{ { "u", NULL, NULL, "AES", "12345678" }, SN_EINVAL,
		    "user u: privacy needs authentication (-a)" },
		{ { "u", "SHA", "12345678", "ROT13", "12345678" }, SN_EINVAL,
		    "user u: -x ROT13: unknown privacy protocol" },
		{ { "u", "SHA", "short", NULL, NULL }, SN_EINVAL,
		    "user u: -A: the passphrase must be at least 8 "
		    "characters" },
		{ { "u", "SHA", "12345678", "AES", "short" }, SN_EINVAL,
		    "user u: -X: the passphrase must be at least 8 "
		    "characters" },
		{ { "u", "SHA", NULL, NULL, NULL }, SN_EINVAL,
		    "user u: -A: a passphrase is required" },
		{ { "u", "SHA", "12345678", "AES", NULL }, SN_EINVAL,
		    "user u: -X: a passphrase is required" },
	};
	struct sn_listener *l;
	struct sn_error err;
	uint8_t id[5] = { 0x80, 0, 0, 1, 1 };
	size_t i;
	int rc;

	if (sn_listener_new(NULL, NULL, NULL, &l, NULL) != 0) {
		tap_skip("no listener");
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sn_error_clear(&err);
		rc = sn_listener_add_user(l, &cases[i].u, &err);
		tap_ok(rc == cases[i].rc && strcmp(err.msg, cases[i].msg) ==
		    0, "add_user error: %s", err.msg);
	}
	sn_error_clear(&err);
	tap_ok(sn_listener_set_engine_id(l, id, 4, 1, &err) == SN_EINVAL &&
	    strcmp(err.msg, "an engine ID has 5 to 32 octets") == 0,
	    "set_engine_id error: %s", err.msg);
	sn_listener_close(l);
}

/* sysUpTime for '' (snmptrap's now): hundredths of a second, advancing */
static void
test_uptime(void)
{
	struct timespec ts = { 0, 50000000 };
	uint32_t a, b;

	a = sn_notify_uptime();
	nanosleep(&ts, NULL);
	b = sn_notify_uptime();
	tap_ok(b - a >= 5 && b - a < 1000, "sn_notify_uptime: 50 ms are "
	    "5 hundredths or a little more (%u)", (unsigned)(b - a));
}

int
main(void)
{
	test_uptime();
	test_conversion();
	test_input();
	test_loopback();
	test_many_engines();
	test_user_errors();
	return tap_done();
}
