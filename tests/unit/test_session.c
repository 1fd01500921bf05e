/*
 * Unit tests of the command generator (cmdgen.c, dispatch.c) and walks
 * (walk.c), all in one process on one loop: round trips against the
 * engine's own responder (sn_agent) over UDP/IPv4, UDP/IPv6 and Unix
 * stream sockets, and against a scripted, misbehaving peer written here
 * (drops tries, late and duplicate replies, wrong request-id, source
 * port, community or version, garbage, non-increasing OIDs, v1
 * noSuchName, error-status), over UDP and over a Unix stream (resends,
 * a garbled stream, a peer restarting or gone), so that every rule of
 * the dispatcher and of walks is proven.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sn/agent.h>
#include <sn/session.h>

#include "engine/cmdgen.h"
#include "engine/dispatch.h"
#include "engine/transport.h"
#include "tests/lib/tap.h"

static struct sn_loop *loop;

static struct sn_oid
O(const char *text)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, text, NULL) != 0)
		o.len = 0;
	return o;
}

static bool
oid_is(const struct sn_oid *o, const char *text)
{
	struct sn_oid want = O(text);

	return sn_oid_cmp(o, &want) == 0;
}

static void
on_tick(struct sn_timer *t, void *ud)
{
	(void)t;
	*(bool *)ud = true;
}

/* One blocking turn of the loop, at most ms long. */
static void
turn(struct sn_loop *l, uint64_t ms)
{
	struct sn_timer *t;
	bool fired = false;

	sn_timer_start(l, ms, 0, on_tick, &fired, &t);
	sn_loop_run(l, SN_RUN_ONCE);
	if (!fired)
		sn_timer_stop(t);	/* a fired one-shot timer is gone */
}

/* Run the loop until *flag (bounded: 3 s, 100000 turns). */
static bool
wait_flag(const bool *flag)
{
	uint64_t start;
	int i;

	sn_loop_update_time(loop);
	start = sn_loop_now(loop);
	for (i = 0; i < 100000 && !*flag; i++) {
		turn(loop, 20);
		if (sn_loop_now(loop) - start > 3000)
			break;
	}
	return *flag;
}

/* Run the loop for ms milliseconds. */
static void
run_ms(unsigned ms)
{
	bool done = false;
	uint64_t end;

	sn_loop_update_time(loop);
	end = sn_loop_now(loop) + ms;
	while (!done) {
		turn(loop, 5);
		done = sn_loop_now(loop) >= end;
	}
}

static uint64_t
now_ms(void)
{
	sn_loop_update_time(loop);
	return sn_loop_now(loop);
}

/* --- a scripted peer ---------------------------------------------------- */

enum walk_mode {
	WM_NORMAL,
	WM_NOTINCR,	/* GETNEXT from notincr_at answers mib[0] */
	WM_SAME,	/* GETNEXT answers the requested OID itself */
	WM_GENERR	/* every GETNEXT answers genErr */
};

#define FAKE_MIB_MAX 2048

struct fake {
	struct sn_transport *t;
	struct sn_transport *alt;	/* another port, for wrong sources */
	char addr[SN_TADDR_STR_MAX];
	int tries;			/* requests received */
	int drop_first;			/* ignore this many requests */
	bool drop_all;
	int late_ms;			/* answer try 1 late, no others */
	bool wrong_id_first;
	bool wrong_source_first;
	bool wrong_community_first;
	bool wrong_version_first;
	bool garbage_first;
	bool duplicate;
	enum walk_mode walk;
	size_t notincr_at;
	struct sn_oid mib[FAKE_MIB_MAX];
	int32_t val[FAKE_MIB_MAX];
	size_t nmib;
	struct sn_msg rq;
	struct sn_msg rs;
	uint8_t buf[SN_MSG_MAX];
};

static struct fake *fake;

static void
fake_add(const char *oid, int32_t v)
{
	if (fake->nmib < FAKE_MIB_MAX) {
		fake->mib[fake->nmib] = O(oid);
		fake->val[fake->nmib++] = v;
	}
}

/* The index of the first entry after o, or nmib. */
static size_t
fake_next(const struct sn_oid *o)
{
	size_t i;

	for (i = 0; i < fake->nmib; i++) {
		if (sn_oid_cmp(&fake->mib[i], o) > 0)
			return i;
	}
	return fake->nmib;
}

static bool
fake_answer(const struct sn_oid *req, bool next, struct sn_vbl *vbl,
    struct sn_oid *last)
{
	struct sn_value v;
	size_t i;

	if (!next) {
		for (i = 0; i < fake->nmib; i++) {
			if (sn_oid_cmp(&fake->mib[i], req) == 0)
				break;
		}
		if (i == fake->nmib) {
			if (fake->rq.version == SN_V1)
				return false;
			v = sn_value_null(SN_T_NOSUCHOBJECT);
			sn_vbl_add(vbl, req, &v);
			*last = *req;
			return true;
		}
		v = sn_value_int(fake->val[i]);
		sn_vbl_add(vbl, req, &v);
		*last = *req;
		return true;
	}
	if (fake->walk == WM_SAME) {
		v = sn_value_int(1);
		sn_vbl_add(vbl, req, &v);
		*last = *req;
		return true;
	}
	i = fake_next(req);
	if (fake->walk == WM_NOTINCR && i > fake->notincr_at)
		i = 0;
	if (i == fake->nmib) {
		if (fake->rq.version == SN_V1)
			return false;
		v = sn_value_null(SN_T_ENDOFMIBVIEW);
		sn_vbl_add(vbl, req, &v);
		*last = *req;
		return true;
	}
	v = sn_value_int(fake->val[i]);
	sn_vbl_add(vbl, &fake->mib[i], &v);
	*last = fake->mib[i];
	return true;
}

static void
fake_build(void)
{
	struct sn_pdu *q = &fake->rq.pdu, *r = &fake->rs.pdu;
	struct sn_oid last;
	size_t i;
	int k;

	sn_vbl_reset(&r->vbl);
	r->type = SN_PDU_RESPONSE;
	r->request_id = q->request_id;
	r->error_status = 0;
	r->error_index = 0;
	fake->rs.version = fake->rq.version;
	sn_msg_set_community(&fake->rs, fake->rq.community,
	    fake->rq.community_len);
	if (q->type == SN_PDU_GETNEXT && fake->walk == WM_GENERR) {
		r->error_status = SN_ERR_GENERR;
		r->error_index = 1;
		sn_vbl_copy(&r->vbl, &q->vbl);
		return;
	}
	if (q->type == SN_PDU_GETBULK) {
		/* non-repeaters 0 in our walks: repeat over varbind 1 */
		if (q->vbl.len == 0)
			return;
		last = q->vbl.vb[0].name;
		for (k = 0; k < q->error_index; k++) {
			size_t before = r->vbl.len;

			fake_answer(&last, true, &r->vbl, &last);
			if (r->vbl.len > before && r->vbl.vb[before].value.type
			    == SN_T_ENDOFMIBVIEW)
				break;
		}
		return;
	}
	for (i = 0; i < q->vbl.len; i++) {
		if (!fake_answer(&q->vbl.vb[i].name,
		    q->type == SN_PDU_GETNEXT, &r->vbl, &last)) {
			/* v1: noSuchName names the varbind (RFC 1157) */
			sn_vbl_reset(&r->vbl);
			sn_vbl_copy(&r->vbl, &q->vbl);
			r->error_status = SN_ERR_NOSUCHNAME;
			r->error_index = (int32_t)i + 1;
			return;
		}
	}
}

static void
fake_send(struct sn_transport *via, const struct sn_taddr *to)
{
	uint8_t *out;
	size_t len;

	if (sn_msg_encode(&fake->rs, fake->buf, sizeof(fake->buf), &out,
	    &len, NULL) == 0)
		sn_transport_send(via, out, len, to, NULL);
}

struct late {
	uint8_t *buf;
	size_t len;
	struct sn_taddr to;
};

static void
on_late(struct sn_timer *t, void *ud)
{
	struct late *l = ud;

	(void)t;
	if (fake != NULL)
		sn_transport_send(fake->t, l->buf, l->len, &l->to, NULL);
	free(l->buf);
	free(l);
}

static void
fake_recv(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *from, void *ud)
{
	bool first;

	(void)ud;
	if (sn_msg_decode(buf, len, &fake->rq, NULL) != 0)
		return;
	fake->tries++;
	first = fake->tries == 1;
	if (fake->drop_all || fake->tries <= fake->drop_first)
		return;
	if (fake->late_ms > 0) {
		struct late *l;
		uint8_t *out;
		size_t n;

		if (!first)
			return;
		fake_build();
		if (sn_msg_encode(&fake->rs, fake->buf, sizeof(fake->buf),
		    &out, &n, NULL) != 0)
			return;
		if ((l = calloc(1, sizeof(*l))) == NULL)
			return;
		l->buf = malloc(n);
		memcpy(l->buf, out, n);
		l->len = n;
		l->to = *from;
		sn_timer_start(loop, (uint64_t)fake->late_ms, 0, on_late, l,
		    NULL);
		return;
	}
	fake_build();
	if (first && fake->garbage_first) {
		static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01 };

		sn_transport_send(t, junk, sizeof(junk), from, NULL);
	}
	if (first && (fake->wrong_id_first || fake->wrong_source_first ||
	    fake->wrong_community_first || fake->wrong_version_first)) {
		/* a shallow copy: the fields changed are restored below */
		struct sn_msg saved = fake->rs;
		struct sn_transport *via = t;

		if (fake->rs.pdu.vbl.len > 0 &&
		    fake->rs.pdu.vbl.vb[0].value.type == SN_T_INTEGER)
			fake->rs.pdu.vbl.vb[0].value.v.i = 666;
		if (fake->wrong_id_first)
			fake->rs.pdu.request_id ^= 0x100;
		if (fake->wrong_source_first)
			via = fake->alt;
		if (fake->wrong_community_first)
			sn_msg_set_community(&fake->rs, "bogus", 5);
		if (fake->wrong_version_first)
			fake->rs.version = fake->rs.version == SN_V1 ? SN_V2C :
			    SN_V1;
		fake_send(via, from);
		fake->rs.version = saved.version;
		fake->rs.pdu.request_id = saved.pdu.request_id;
		sn_msg_set_community(&fake->rs, fake->rq.community,
		    fake->rq.community_len);
		fake_build();
	}
	fake_send(t, from);
	if (fake->duplicate)
		fake_send(t, from);
}

static void
fake_reset(void)
{
	fake->tries = 0;
	fake->drop_first = 0;
	fake->drop_all = false;
	fake->late_ms = 0;
	fake->wrong_id_first = fake->wrong_source_first = false;
	fake->wrong_community_first = fake->wrong_version_first = false;
	fake->garbage_first = fake->duplicate = false;
	fake->walk = WM_NORMAL;
}

static bool
fake_start(void)
{
	struct sn_taddr a;
	struct sn_error err;

	if ((fake = calloc(1, sizeof(*fake))) == NULL)
		return false;
	sn_msg_init(&fake->rq);
	sn_msg_init(&fake->rs);
	sn_taddr_parse("udp:127.0.0.1:0", 0, &a, NULL);
	if (sn_transport_open_server(loop, &a, fake_recv, NULL, &fake->t,
	    &err) != 0 || sn_transport_open_server(loop, &a, fake_recv, NULL,
	    &fake->alt, &err) != 0) {
		tap_diag("fake peer: %s", err.msg);
		return false;
	}
	sn_taddr_format(sn_transport_local(fake->t), fake->addr,
	    sizeof(fake->addr));
	fake_add("1.3.6.1.2.1.1.1.0", 11);
	fake_add("1.3.6.1.2.1.1.2.0", 12);
	fake_add("1.3.6.1.2.1.1.3.0", 13);
	fake_add("1.3.6.1.2.1.2.1.0", 21);
	return true;
}

static void
fake_stop(void)
{
	sn_transport_close(fake->t);
	sn_transport_close(fake->alt);
	sn_msg_clear(&fake->rq);
	sn_msg_clear(&fake->rs);
	free(fake);
	fake = NULL;
}

/* --- request helpers ---------------------------------------------------- */

struct result {
	int calls;
	int status;
	int32_t value;		/* first varbind's integer */
	size_t nvb;
	int32_t errstat;
	uint64_t at;		/* when it completed */
	bool done;
};

static void
on_result(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct result *r = ud;

	(void)req;
	r->calls++;
	r->status = status;
	r->done = true;
	r->at = now_ms();
	if (resp != NULL) {
		r->nvb = resp->vbl.len;
		r->errstat = resp->error_status;
		if (resp->vbl.len > 0 &&
		    resp->vbl.vb[0].value.type == SN_T_INTEGER)
			r->value = resp->vbl.vb[0].value.v.i;
	}
}

static struct sn_session *
open_session(const char *agent, enum sn_version v, const char *community,
    unsigned timeout_ms, int retries)
{
	struct sn_session_opts o;
	struct sn_session *s = NULL;
	struct sn_error err;

	sn_session_opts_init(&o);
	o.version = v;
	o.community = community;
	o.timeout_ms = timeout_ms;
	o.retries = retries;
	if (sn_session_open(loop, agent, &o, &s, &err) != 0)
		tap_diag("open %s: %s", agent, err.msg);
	return s;
}

static int
send_get(struct sn_session *s, enum sn_pdu_type type, const char *oid,
    struct result *r, struct sn_request **out)
{
	struct sn_pdu pdu;
	struct sn_oid o = O(oid);
	int rc;

	memset(r, 0, sizeof(*r));
	sn_pdu_init(&pdu, type);
	if (type == SN_PDU_GETBULK)
		pdu.error_index = 5;
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_send(s, &pdu, on_result, r, out, NULL);
	sn_pdu_clear(&pdu);
	return rc;
}

static struct sn_dispatch_stats
stats(struct sn_session *s)
{
	struct sn_dispatch_stats st;

	sn_dispatch_get_stats(sn_session_dispatch(s), &st);
	return st;
}

/* --- against the engine's responder ------------------------------------- */

static struct sn_agent *agent;
static struct sn_mostore *store;

static bool
agent_start(void)
{
	struct sn_error err;
	struct sn_oid o;
	struct sn_value v;
	char text[64];
	int i;

	if (sn_agent_new(loop, &agent, &err) != 0 ||
	    sn_mostore_new(&store) != 0)
		return false;
	sn_agent_add_community(agent, "public", false);
	sn_agent_add_community(agent, "private", true);
	o = O("1.3.6.1.2.1.1.1.0");
	v = sn_value_str(SN_T_OCTETS, "snmpsh test", 11);
	sn_mostore_put(store, &o, &v, false);
	o = O("1.3.6.1.2.1.1.4.0");
	v = sn_value_str(SN_T_OCTETS, "nobody", 6);
	sn_mostore_put(store, &o, &v, true);
	for (i = 1; i <= 300; i++) {
		snprintf(text, sizeof(text), "1.3.6.1.2.1.2.2.1.1.%d", i);
		o = O(text);
		v = sn_value_int(i);
		sn_mostore_put(store, &o, &v, false);
	}
	o = O("1.3.6.1.2.1");
	if (sn_agent_register(agent, &o, sn_mostore_ops(), store, &err) != 0)
		return false;
	if (sn_agent_listen(agent, "udp:127.0.0.1:0", &err) != 0) {
		tap_diag("agent listen: %s", err.msg);
		return false;
	}
	return true;
}

static void
test_round_trip(const char *addr, const char *name)
{
	struct sn_session *s = open_session(addr, SN_V2C, "private", 1000, 1);
	struct sn_pdu pdu, resp;
	struct sn_error err;
	struct sn_oid o;
	struct sn_value v;
	int rc;

	if (!tap_ok(s != NULL, "%s: session to %s opens", name, addr))
		return;
	sn_pdu_init(&pdu, SN_PDU_GET);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	o = O("1.3.6.1.2.1.1.1.0");
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_request_sync(s, &pdu, &resp, &err);
	tap_ok(rc == 0 && resp.type == SN_PDU_RESPONSE &&
	    resp.vbl.len == 1 && resp.vbl.vb[0].value.type == SN_T_OCTETS &&
	    resp.vbl.vb[0].value.v.str.len == 11 &&
	    memcmp(resp.vbl.vb[0].value.v.str.ptr, "snmpsh test", 11) == 0,
	    "%s: get sysDescr.0 (%s)", name, rc ? err.msg : "ok");

	sn_pdu_clear(&pdu);
	sn_pdu_init(&pdu, SN_PDU_GETNEXT);
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_request_sync(s, &pdu, &resp, &err);
	tap_ok(rc == 0 && resp.vbl.len == 1 &&
	    oid_is(&resp.vbl.vb[0].name, "1.3.6.1.2.1.1.4.0"),
	    "%s: getnext sysDescr.0 is sysContact.0", name);

	sn_pdu_clear(&pdu);
	sn_pdu_init(&pdu, SN_PDU_GETBULK);
	pdu.error_status = 0;
	pdu.error_index = 7;
	o = O("1.3.6.1.2.1.2.2.1.1");
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_request_sync(s, &pdu, &resp, &err);
	tap_ok(rc == 0 && resp.vbl.len == 7 &&
	    oid_is(&resp.vbl.vb[6].name, "1.3.6.1.2.1.2.2.1.1.7") &&
	    resp.vbl.vb[6].value.v.i == 7,
	    "%s: getbulk max-repetitions 7 gives 7 rows", name);

	sn_pdu_clear(&pdu);
	sn_pdu_init(&pdu, SN_PDU_SET);
	o = O("1.3.6.1.2.1.1.4.0");
	v = sn_value_str(SN_T_OCTETS, "ops@example.net", 15);
	sn_vbl_add(&pdu.vbl, &o, &v);
	rc = sn_session_request_sync(s, &pdu, &resp, &err);
	tap_ok(rc == 0 && resp.error_status == 0,
	    "%s: set sysContact.0 (errstat %d)", name, resp.error_status);
	sn_pdu_clear(&pdu);
	sn_pdu_init(&pdu, SN_PDU_GET);
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_request_sync(s, &pdu, &resp, &err);
	tap_ok(rc == 0 && resp.vbl.len == 1 &&
	    resp.vbl.vb[0].value.v.str.len == 15 &&
	    memcmp(resp.vbl.vb[0].value.v.str.ptr, "ops@example.net", 15)
	    == 0, "%s: get reads the value set", name);
	/* put it back for the next transport */
	sn_pdu_clear(&pdu);
	sn_pdu_init(&pdu, SN_PDU_SET);
	v = sn_value_str(SN_T_OCTETS, "nobody", 6);
	sn_vbl_add(&pdu.vbl, &o, &v);
	sn_session_request_sync(s, &pdu, &resp, NULL);
	sn_pdu_clear(&pdu);
	sn_pdu_clear(&resp);
	sn_session_close(s);
}

static void
test_v1_rules(const char *addr)
{
	struct sn_session *s = open_session(addr, SN_V1, "public", 1000, 1);
	struct sn_pdu pdu;
	struct sn_oid o = O("1.3.6.1.2.1.1");
	struct sn_error err;
	struct sn_walk_opts wo;
	struct sn_walk_cbs cbs = { NULL, NULL };
	int rc;

	if (s == NULL)
		return;
	sn_pdu_init(&pdu, SN_PDU_GETBULK);
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_send(s, &pdu, on_result, NULL, NULL, &err);
	tap_ok(rc == SN_EINVAL && strstr(err.msg, "GETBULK") != NULL,
	    "v1: getbulk is refused (%s)", err.msg);
	sn_walk_opts_init(&wo);
	wo.bulk = true;
	rc = sn_walk_start(s, &o, &wo, &cbs, NULL, NULL, &err);
	tap_ok(rc == SN_EINVAL, "v1: a bulk walk is refused (%s)", err.msg);
	tap_ok(sn_session_version(s) == SN_V1 && sn_session_loop(s) == loop,
	    "session accessors");
	sn_pdu_clear(&pdu);
	sn_session_close(s);
}

#define NCONC 200

static void
test_concurrent(const char *addr)
{
	static struct result res[NCONC];
	struct sn_session *s[3];
	char oid[64];
	bool all = false;
	int i, ok = 0, once = 0;
	uint64_t t0;

	for (i = 0; i < 3; i++)
		s[i] = open_session(addr, SN_V2C, "public", 2000, 1);
	if (s[0] == NULL || s[1] == NULL || s[2] == NULL)
		return;
	for (i = 0; i < NCONC; i++) {
		snprintf(oid, sizeof(oid), "1.3.6.1.2.1.2.2.1.1.%d", i + 1);
		send_get(s[i % 3], SN_PDU_GET, oid, &res[i], NULL);
	}
	tap_ok(sn_dispatch_pending(sn_session_dispatch(s[0])) == 67,
	    "67 requests outstanding on the first session");
	t0 = now_ms();
	while (!all && now_ms() - t0 < 3000) {
		turn(loop, 20);
		all = true;
		for (i = 0; i < NCONC; i++)
			all = all && res[i].done;
	}
	for (i = 0; i < NCONC; i++) {
		if (res[i].status == 0 && res[i].value == i + 1)
			ok++;
		if (res[i].calls == 1)
			once++;
	}
	tap_ok(ok == NCONC, "%d concurrent requests over 3 sessions all "
	    "answered with their own value (%d)", NCONC, ok);
	tap_ok(once == NCONC, "each completed exactly once (%d)", once);
	for (i = 0; i < 3; i++)
		sn_session_close(s[i]);
}

/* --- against the scripted peer ------------------------------------------ */

static void
test_retries_and_timeout(void)
{
	struct sn_session *s;
	struct result r;
	struct sn_pdu pdu, resp;
	struct sn_error err;
	struct sn_oid o = O("1.3.6.1.2.1.1.1.0");
	uint64_t t0, el;
	int rc;

	fake_reset();
	fake->drop_first = 2;
	s = open_session(fake->addr, SN_V2C, "public", 100, 3);
	if (s == NULL)
		return;
	t0 = now_ms();
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
	wait_flag(&r.done);
	el = r.at - t0;
	tap_ok(r.status == 0 && r.value == 11 && r.calls == 1,
	    "retries: answered on the third try (status %d)", r.status);
	tap_ok(fake->tries == 3 && stats(s).retries == 2,
	    "retries: 3 tries, 2 retries (%d, %lu)", fake->tries,
	    stats(s).retries);
	tap_ok(el >= 190 && el < 800, "retries: answer after two timeouts "
	    "(%llu ms)", (unsigned long long)el);
	sn_session_close(s);

	fake_reset();
	fake->drop_all = true;
	s = open_session(fake->addr, SN_V2C, "public", 60, 2);
	t0 = now_ms();
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
	wait_flag(&r.done);
	el = r.at - t0;
	tap_ok(r.status == SN_ETIMEDOUT, "timeout: SN_ETIMEDOUT (%s)",
	    sn_errname(r.status));
	tap_ok(el >= 175 && el < 700, "timeout: after (retries+1)*timeout = "
	    "180 ms (%llu ms)", (unsigned long long)el);
	tap_ok(fake->tries == 3, "timeout: 3 tries sent (%d)", fake->tries);
	run_ms(150);
	tap_ok(r.calls == 1, "timeout: the callback ran exactly once (%d)",
	    r.calls);

	sn_pdu_init(&pdu, SN_PDU_GET);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	sn_vbl_add_null(&pdu.vbl, &o);
	sn_session_set_timeout(s, 30, 0);
	fake->tries = 0;
	t0 = now_ms();
	rc = sn_session_request_sync(s, &pdu, &resp, &err);
	{
		char want[200];

		snprintf(want, sizeof(want), "Timeout: No Response from %s.",
		    fake->addr);
		tap_ok(rc == SN_ETIMEDOUT && strcmp(err.msg, want) == 0,
		    "sync timeout says \"%s\" (\"%s\")", want, err.msg);
	}
	tap_ok(fake->tries == 1 && now_ms() - t0 < 500,
	    "set_timeout: later requests use 0 retries (%d tries)",
	    fake->tries);
	sn_pdu_clear(&pdu);
	sn_pdu_clear(&resp);
	sn_session_close(s);
}

/*
 * SPEC §2: a request ends with a reply or a timeout after its retries; an
 * ICMP port-unreachable from a closed port must not end it early.
 */
static void
test_closed_port(void)
{
	struct sn_transport *t;
	struct sn_taddr a;
	struct sn_session *s;
	struct result r;
	char addr[SN_TADDR_STR_MAX];
	uint64_t t0, el;

	sn_taddr_parse("udp:127.0.0.1:0", 0, &a, NULL);
	if (sn_transport_open_server(loop, &a, NULL, NULL, &t, NULL) != 0) {
		tap_ok(0, "closed port: no socket");
		return;
	}
	sn_taddr_format(sn_transport_local(t), addr, sizeof(addr));
	sn_transport_close(t);	/* the port is now closed */
	s = open_session(addr, SN_V2C, "public", 50, 2);
	t0 = now_ms();
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
	wait_flag(&r.done);
	el = r.at - t0;
	tap_ok(r.status == SN_ETIMEDOUT && el >= 145 && stats(s).sent == 3,
	    "closed port: no early end on ICMP unreachable, SN_ETIMEDOUT "
	    "after 3 tries (%llu ms)", (unsigned long long)el);
	sn_session_close(s);
}

static void
test_late_reply(void)
{
	struct sn_session *s;
	struct result r;

	fake_reset();
	fake->late_ms = 150;
	s = open_session(fake->addr, SN_V2C, "public", 100, 3);
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.2.0", &r, NULL);
	wait_flag(&r.done);
	tap_ok(r.status == 0 && r.value == 12 && fake->tries == 2,
	    "a late reply to the first try completes the request after the "
	    "retry (status %d, %d tries)", r.status, fake->tries);
	run_ms(120);
	tap_ok(r.calls == 1, "late reply: one completion");
	sn_session_close(s);
}

static void
test_cancel_and_close(void)
{
	struct sn_session *s;
	struct result r, rs[5];
	struct sn_request *req;
	int i, n = 0;

	fake_reset();
	fake->late_ms = 50;
	s = open_session(fake->addr, SN_V2C, "public", 1000, 0);
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, &req);
	sn_request_cancel(req);
	tap_ok(r.calls == 1 && r.status == SN_ECANCELED,
	    "cancel: callback with SN_ECANCELED before cancel returns");
	run_ms(120);
	tap_ok(r.calls == 1 && stats(s).unknown_id == 1,
	    "cancel: the reply arriving later is dropped (%lu)",
	    stats(s).unknown_id);

	fake_reset();
	fake->drop_all = true;
	for (i = 0; i < 5; i++)
		send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &rs[i], NULL);
	sn_session_close(s);
	for (i = 0; i < 5; i++)
		n += rs[i].calls == 1 && rs[i].status == SN_ECANCELED;
	tap_ok(n == 5, "close: 5 outstanding requests completed with "
	    "SN_ECANCELED before close returned (%d)", n);
	run_ms(30);
	n = 0;
	for (i = 0; i < 5; i++)
		n += rs[i].calls;
	tap_ok(n == 5, "close: no second completion");
}

struct closer {
	struct sn_session *s;
	int calls;
	bool done;
};

static void
on_close_in_cb(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct closer *c = ud;

	(void)req;
	(void)status;
	(void)resp;
	c->calls++;
	c->done = true;
	sn_session_close(c->s);	/* from inside the completion */
}

static void
test_close_in_callback(void)
{
	struct closer c;
	struct result other;
	struct sn_pdu pdu;
	struct sn_oid o = O("1.3.6.1.2.1.1.1.0");

	fake_reset();
	memset(&c, 0, sizeof(c));
	c.s = open_session(fake->addr, SN_V2C, "public", 1000, 0);
	sn_pdu_init(&pdu, SN_PDU_GET);
	sn_vbl_add_null(&pdu.vbl, &o);
	sn_session_send(c.s, &pdu, on_close_in_cb, &c, NULL, NULL);
	fake->drop_all = false;
	send_get(c.s, SN_PDU_GET, "1.3.6.1.2.1.1.3.0", &other, NULL);
	wait_flag(&c.done);
	run_ms(30);
	tap_ok(c.calls == 1 && other.calls == 1 &&
	    (other.status == SN_ECANCELED || other.status == 0),
	    "closing the session inside a completion callback is safe");
	sn_pdu_clear(&pdu);
}

static void
test_bad_replies(void)
{
	static const struct {
		const char *name;
		size_t flag;
	} cases[] = {
		{ "wrong request-id", offsetof(struct fake, wrong_id_first) },
		{ "wrong source port",
		    offsetof(struct fake, wrong_source_first) },
		{ "wrong community",
		    offsetof(struct fake, wrong_community_first) },
		{ "wrong version", offsetof(struct fake, wrong_version_first) },
		{ "garbage", offsetof(struct fake, garbage_first) },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sn_session *s;
		struct sn_dispatch_stats st;
		struct result r;
		unsigned long dropped;

		fake_reset();
		*(bool *)((char *)fake + cases[i].flag) = true;
		s = open_session(fake->addr, SN_V2C, "public", 1000, 0);
		send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
		wait_flag(&r.done);
		st = stats(s);
		dropped = st.unknown_id + st.bad_source + st.mismatch +
		    st.bad_decode;
		tap_ok(r.status == 0 && r.value == 11 && r.calls == 1 &&
		    dropped == 1, "%s: the bad reply is dropped, the good one "
		    "accepted (value %d, %lu dropped)", cases[i].name, r.value,
		    dropped);
		sn_session_close(s);
	}

	fake_reset();
	fake->duplicate = true;
	{
		struct sn_session *s = open_session(fake->addr, SN_V2C,
		    "public", 1000, 0);
		struct result r;

		send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
		wait_flag(&r.done);
		run_ms(30);
		tap_ok(r.calls == 1 && stats(s).unknown_id == 1,
		    "duplicate: the second reply is dropped");
		sn_session_close(s);
	}
}

/* --- walks -------------------------------------------------------------- */

struct wres {
	int nvb;
	struct sn_oid first;
	struct sn_oid lastvb;
	int lasttype;
	int32_t lastval;
	int done_calls;
	int status;
	bool end_of_mib;
	uint64_t count;
	char prev[SN_OID_STR_MAX];
	char last[SN_OID_STR_MAX];
	char msg[SN_ERROR_MSG_MAX];
	int32_t errstat;
	bool done;
	int stop_after;		/* on_varbind returns 1 at this count */
	struct sn_session *close_at;	/* close it in on_varbind */
	bool ordered;
};

static int
w_varbind(struct sn_walk *w, const struct sn_varbind *vb, void *ud)
{
	struct wres *r = ud;

	(void)w;
	if (r->nvb == 0)
		r->first = vb->name;
	else if (sn_oid_cmp(&vb->name, &r->lastvb) <= 0 &&
	    !sn_type_is_exception(vb->value.type))
		r->ordered = false;
	r->nvb++;
	r->lastvb = vb->name;
	r->lasttype = vb->value.type;
	r->lastval = vb->value.type == SN_T_INTEGER ? vb->value.v.i : -1;
	if (r->close_at != NULL && r->nvb == 2) {
		struct sn_session *s = r->close_at;

		r->close_at = NULL;
		sn_session_close(s);
	}
	return r->stop_after > 0 && r->nvb == r->stop_after;
}

static void
w_done(struct sn_walk *w, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct wres *r = ud;

	r->done_calls++;
	r->status = status;
	r->done = true;
	r->end_of_mib = sn_walk_end_of_mib(w);
	r->count = sn_walk_count(w);
	r->errstat = resp != NULL ? resp->error_status : -1;
	snprintf(r->msg, sizeof(r->msg), "%s", err != NULL ? err->msg : "");
	if (status == SN_ENOTINCREASING) {
		sn_oid_format(sn_walk_prev_oid(w), true, r->prev,
		    sizeof(r->prev));
		sn_oid_format(sn_walk_last_oid(w), true, r->last,
		    sizeof(r->last));
	}
}

static int
walk(struct sn_session *s, const char *root, const struct sn_walk_opts *o,
    struct wres *r)
{
	static const struct sn_walk_cbs cbs = { w_varbind, w_done };
	struct sn_oid oid = O(root);
	struct sn_error err;
	int rc, stop = r->stop_after;
	struct sn_session *close_at = r->close_at;

	memset(r, 0, sizeof(*r));
	r->stop_after = stop;
	r->close_at = close_at;
	r->ordered = true;
	rc = sn_walk_start(s, &oid, o, &cbs, r, NULL, &err);
	if (rc != 0) {
		tap_diag("walk %s: %s", root, err.msg);
		return rc;
	}
	wait_flag(&r->done);
	return 0;
}

static void
test_walks(void)
{
	struct sn_session *s, *s1;
	struct sn_walk_opts o;
	struct wres r;
	int i;

	fake_reset();
	s = open_session(fake->addr, SN_V2C, "public", 200, 1);
	s1 = open_session(fake->addr, SN_V1, "public", 200, 1);
	sn_walk_opts_init(&o);

	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 3 && r.done_calls == 1 &&
	    oid_is(&r.first, "1.3.6.1.2.1.1.1.0") &&
	    oid_is(&r.lastvb, "1.3.6.1.2.1.1.3.0") && !r.end_of_mib &&
	    r.count == 3, "walk: ends at the first OID outside the subtree "
	    "(%d varbinds, %s)", r.nvb, sn_errname(r.status));

	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.2", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 2 &&
	    r.lasttype == SN_T_ENDOFMIBVIEW,
	    "walk: endOfMibView is reported and ends the walk (%d)", r.nvb);

	memset(&r, 0, sizeof(r));
	walk(s1, "1.3.6.1.2.1.2", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 1 && r.end_of_mib,
	    "walk v1: noSuchName ends the walk as End of MIB (%d, %s)", r.nvb,
	    sn_errname(r.status));

	fake->walk = WM_NOTINCR;
	fake->notincr_at = 1;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1", &o, &r);
	tap_ok(r.status == SN_ENOTINCREASING && r.nvb == 3 &&
	    strcmp(r.prev, ".1.3.6.1.2.1.1.2.0") == 0 &&
	    strcmp(r.last, ".1.3.6.1.2.1.1.1.0") == 0,
	    "walk: a non-increasing OID is reported, then "
	    "SN_ENOTINCREASING naming %s >= %s", r.prev, r.last);
	tap_ok(strstr(r.msg, "OID not increasing") != NULL,
	    "walk: its message (%s)", r.msg);

	fake->walk = WM_SAME;
	o.no_check = true;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.done && r.status == SN_ENOTINCREASING && r.nvb == 1,
	    "walk -Cc: an agent returning the same OID cannot loop the walk "
	    "(%s)", sn_errname(r.status));
	o.no_check = false;

	fake->walk = WM_GENERR;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.status == SN_ERESPONSE && r.errstat == SN_ERR_GENERR &&
	    r.nvb == 0, "walk: an error-status ends it with SN_ERESPONSE and "
	    "the response (%s, %d)", sn_errname(r.status), r.errstat);
	fake->walk = WM_NORMAL;

	/* an instance as root: nothing under it, so GET it */
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1.1.0", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 1 &&
	    oid_is(&r.lastvb, "1.3.6.1.2.1.1.1.0") && r.lastval == 11,
	    "walk: an empty subtree falls back to a GET of the root (%d)",
	    r.nvb);
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1.9", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 1 &&
	    r.lasttype == SN_T_NOSUCHOBJECT,
	    "walk: the fallback GET reports an exception too");
	o.no_get_fallback = true;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1.1.0", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 0 && r.done_calls == 1,
	    "walk -CI: no fallback GET");
	o.no_get_fallback = false;
	o.include_root = true;
	fake->tries = 0;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1.1.0", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 1 && fake->tries == 2,
	    "walk -Ci: the root is got first, no fallback after (%d, %d "
	    "requests)", r.nvb, fake->tries);
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 4 && r.lasttype == SN_T_INTEGER &&
	    r.lastval == 13, "walk -Ci on a non-instance: noSuchObject then "
	    "the subtree (%d)", r.nvb);
	o.include_root = false;

	o.end = O("1.3.6.1.2.1.1.3");
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 2 &&
	    oid_is(&r.lastvb, "1.3.6.1.2.1.1.2.0"),
	    "walk -CE: stops before the end OID (%d)", r.nvb);
	o.end.len = 0;

	memset(&r, 0, sizeof(r));
	r.stop_after = 2;
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.status == SN_ECANCELED && r.nvb == 2 && r.done_calls == 1,
	    "walk: on_varbind returning non-zero stops it (SN_ECANCELED)");

	fake->drop_all = true;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.1", &o, &r);
	tap_ok(r.status == SN_ETIMEDOUT && r.done_calls == 1 &&
	    strstr(r.msg, "Timeout: No Response from") != NULL,
	    "walk: a timeout ends it (%s)", r.msg);
	fake->drop_all = false;

	/* a bulk walk over 1000 entries */
	fake->nmib = 0;
	for (i = 1; i <= 1000; i++) {
		char t[64];

		snprintf(t, sizeof(t), "1.3.6.1.4.1.99.1.%d", i);
		fake_add(t, i);
	}
	fake_add("1.3.6.1.4.1.99.2.1", -1);
	o.bulk = true;
	o.max_repetitions = 25;
	fake->tries = 0;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.4.1.99.1", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 1000 && r.ordered &&
	    r.lastval == 1000 && fake->tries == 41,
	    "bulk walk: 1000 varbinds in order in 41 GetBulk requests (%d, "
	    "%d)", r.nvb, fake->tries);
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.4.1.99", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 1002 &&
	    r.lasttype == SN_T_ENDOFMIBVIEW,
	    "bulk walk: endOfMibView inside a response ends it (%d)", r.nvb);

	fake->walk = WM_NOTINCR;
	fake->notincr_at = 500;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.4.1.99", &o, &r);
	tap_ok(r.status == SN_ENOTINCREASING && r.nvb == 502,
	    "bulk walk: a non-increasing OID inside a response ends it (%d)",
	    r.nvb);
	/* with checking off the agent cycles 1..501: the walk still ends */
	o.no_check = true;
	o.max_repetitions = 100;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.4.1.99", &o, &r);
	tap_ok(r.done && r.status == SN_ENOTINCREASING && r.nvb > 10000 &&
	    r.nvb < 11000, "bulk walk -Cc: an agent going round in circles "
	    "cannot keep the walk going (%d varbinds)", r.nvb);
	o.no_check = false;
	o.max_repetitions = 25;
	fake->walk = WM_NORMAL;

	/* closing the session from inside on_varbind */
	memset(&r, 0, sizeof(r));
	r.close_at = s;
	walk(s, "1.3.6.1.4.1.99.1", &o, &r);
	tap_ok(r.done_calls == 1 && r.status == SN_ECANCELED && r.nvb == 2,
	    "bulk walk: closing the session in on_varbind cancels it once "
	    "(%d, %s)", r.nvb, sn_errname(r.status));
	sn_session_close(s1);
}

/*
 * The command generator over unix: (stream) against the scripted peer:
 * a retry is a resend on the connection and its duplicate reply is
 * dropped, a garbled stream is closed and the retry reconnects, a peer
 * that restarts is reached again, and one that is gone fails the send.
 */
static void
test_unix_stream(const char *tmp)
{
	struct sn_transport *saved = fake->t;
	struct sn_session *s;
	struct sn_taddr a;
	struct sn_error err;
	struct result r;
	char spec[128];
	int rc;

	snprintf(spec, sizeof(spec), "unix:%s/snmpsh-tsf-%ld.sock", tmp,
	    (long)getpid());
	sn_taddr_parse(spec, 0, &a, NULL);
	if (!tap_ok(sn_transport_open_server(loop, &a, fake_recv, NULL,
	    &fake->t, &err) == 0, "scripted peer on %s (%s)", spec, err.msg)) {
		fake->t = saved;
		return;
	}
	fake_reset();
	fake->drop_first = 1;
	s = open_session(spec, SN_V2C, "public", 100, 2);
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
	wait_flag(&r.done);
	tap_ok(r.status == 0 && r.value == 11 && fake->tries == 2 &&
	    stats(s).retries == 1, "unix: a retry resends on the stream "
	    "(status %d, %d tries)", r.status, fake->tries);

	fake_reset();
	fake->duplicate = true;
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.2.0", &r, NULL);
	wait_flag(&r.done);
	run_ms(50);
	tap_ok(r.status == 0 && r.value == 12 && r.calls == 1 &&
	    stats(s).unknown_id == 1, "unix: a duplicate reply is dropped "
	    "(%d calls, %lu unknown ids)", r.calls, stats(s).unknown_id);

	fake_reset();
	fake->late_ms = 150;
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.3.0", &r, NULL);
	wait_flag(&r.done);
	run_ms(100);
	tap_ok(r.status == 0 && r.value == 13 && r.calls == 1,
	    "unix: a late reply after a resend completes once (%d tries)",
	    fake->tries);

	/* a truncated message ahead of the reply garbles the stream */
	fake_reset();
	fake->garbage_first = true;
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.1.1.0", &r, NULL);
	wait_flag(&r.done);
	tap_ok(r.status == 0 && r.value == 11 && fake->tries == 2,
	    "unix: a garbled stream is closed and the retry reconnects "
	    "(status %d, %d tries)", r.status, fake->tries);

	/* the peer restarts at the same path */
	sn_transport_close(fake->t);
	rc = sn_transport_open_server(loop, &a, fake_recv, NULL, &fake->t,
	    &err);
	fake_reset();
	send_get(s, SN_PDU_GET, "1.3.6.1.2.1.2.1.0", &r, NULL);
	wait_flag(&r.done);
	tap_ok(rc == 0 && r.status == 0 && r.value == 21 && fake->tries == 1,
	    "unix: a restarted peer is reached on a new connection "
	    "(status %d, %d tries)", r.status, fake->tries);

	/* the peer is gone */
	sn_transport_close(fake->t);
	fake->t = saved;
	run_ms(20);
	memset(&r, 0, sizeof(r));
	{
		struct sn_pdu pdu;
		struct sn_oid o = O("1.3.6.1.2.1.1.1.0");

		sn_pdu_init(&pdu, SN_PDU_GET);
		sn_vbl_add_null(&pdu.vbl, &o);
		rc = sn_session_send(s, &pdu, on_result, &r, NULL, &err);
		sn_pdu_clear(&pdu);
	}
	tap_ok(rc == SN_ESEND && r.calls == 0 &&
	    strstr(err.msg, spec + 5) != NULL,
	    "unix: with the peer gone the send fails at once (%s)", err.msg);
	sn_session_close(s);
}

static void
test_agent_walk(const char *addr)
{
	struct sn_session *s = open_session(addr, SN_V2C, "public", 1000, 1);
	struct sn_walk_opts o;
	struct wres r;

	sn_walk_opts_init(&o);
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1.2.2.1.1", &o, &r);
	/* nothing follows the rows in the responder's view */
	tap_ok(r.status == 0 && r.nvb == 301 && r.ordered &&
	    r.lasttype == SN_T_ENDOFMIBVIEW,
	    "walk against the responder: 300 rows, then endOfMibView (%d)",
	    r.nvb);
	o.bulk = true;
	o.max_repetitions = 50;
	memset(&r, 0, sizeof(r));
	walk(s, "1.3.6.1.2.1", &o, &r);
	tap_ok(r.status == 0 && r.nvb == 303 && r.ordered &&
	    r.lasttype == SN_T_ENDOFMIBVIEW,
	    "bulk walk against the responder: 302 varbinds, then "
	    "endOfMibView (%d)", r.nvb);
	sn_session_close(s);
}

static void
test_open_errors(void)
{
	struct sn_session *s = NULL;
	struct sn_error err;
	int rc;

	rc = sn_session_open(loop, "tcp:127.0.0.1:161", NULL, &s, &err);
	tap_ok(rc == SN_EPROTO && s == NULL,
	    "open tcp: is SN_EPROTO (%s)", err.msg);
	rc = sn_session_open(loop, "127.0.0.1:notaport", NULL, &s, &err);
	tap_ok(rc == SN_EADDR && strstr(err.msg, "127.0.0.1:notaport") !=
	    NULL, "open with a bad port is SN_EADDR (%s)", err.msg);
	rc = sn_session_open(loop, "127.0.0.1", NULL, &s, &err);
	tap_ok(rc == 0 && strcmp(sn_session_peer(s), "127.0.0.1") == 0 &&
	    strcmp(sn_session_peer_addr(s), "udp:127.0.0.1:161") == 0,
	    "peer names: as given, and resolved with the default port");
	sn_session_close(s);
}

int
main(void)
{
	struct sn_error err;
	char unixspec[128];
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	if (sn_loop_new(&loop, &err) != 0) {
		tap_ok(0, "loop: %s", err.msg);
		return tap_done();
	}
	test_open_errors();
	if (tap_ok(agent_start(), "the in-process responder starts")) {
		const char *a = sn_agent_address(agent, 0);

		test_round_trip(a, "udp");
		if (sn_agent_listen(agent, "udp6:[::1]:0", &err) == 0)
			test_round_trip(sn_agent_address(agent, 1), "udp6");
		else
			tap_skip("no IPv6 loopback: %s", err.msg);
		snprintf(unixspec, sizeof(unixspec),
		    "unix:%s/snmpsh-ts-%ld.sock", tmp, (long)getpid());
		if (tap_ok(sn_agent_listen(agent, unixspec, &err) == 0,
		    "responder listens on %s (%s)", unixspec, err.msg))
			test_round_trip(unixspec, "unix");
		test_v1_rules(a);
		test_concurrent(a);
		test_agent_walk(a);
	}
	if (tap_ok(fake_start(), "the scripted peer starts")) {
		test_retries_and_timeout();
		test_closed_port();
		test_late_reply();
		test_cancel_and_close();
		test_close_in_callback();
		test_bad_replies();
		test_unix_stream(tmp);
		test_walks();
		fake_stop();
	}
	sn_agent_free(agent);
	sn_mostore_free(store);
	run_ms(10);
	tap_ok(sn_loop_run(loop, SN_RUN_NOWAIT) == 0,
	    "nothing is left on the loop");
	sn_loop_free(loop);
	return tap_done();
}
