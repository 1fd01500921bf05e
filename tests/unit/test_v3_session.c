/*
 * Unit tests of SNMPv3 end to end inside one process: the command
 * generator (src/engine/cmdgen.c, RFC 3412 §7 and RFC 3414 §3.1, §4 as
 * the non-authoritative engine) against the command responder's
 * authoritative USM (src/engine/agent_usm.c, RFC 3414 §3.2) over UDP on
 * loopback.  Every authentication protocol (RFC 3414, RFC 7860) with every
 * privacy protocol (DES, 3DES, AES-128 RFC 3826, AES-192/256 with both key
 * extensions) for get and bulk walk, printed as a matrix; discovery once
 * per session; each usmStats report as its error code; the time window
 * (an agent reboot with higher boots, then a new engine ID); -e and -E;
 * contexts; the access policy; and the client CPU cost of authPriv
 * against v2c, and of password to key.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sn/agent.h>
#include <sn/session.h>

#include "engine/cmdgen.h"
#include "engine/crypto.h"
#include "engine/dispatch.h"
#include "engine/usm.h"
#include "tests/lib/tap.h"

static struct sn_loop *loop;
static struct sn_agent *agent;
static struct sn_mostore *store;
static const char *addr;

static const char *const auths[] = { "MD5", "SHA", "SHA-224", "SHA-256",
	"SHA-384", "SHA-512" };
static const char *const privs[] = { NULL, "DES", "3DES", "AES", "AES-192",
	"AES-256", "AES-192-C", "AES-256-C" };
#define NAUTH 6
#define NPRIV 8
#define ROWS 40

static struct sn_oid
O(const char *text)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, text, NULL) != 0)
		o.len = 0;
	return o;
}

static void
user_name(char *buf, size_t cap, int a, int p)
{
	snprintf(buf, cap, "u-%s-%s", auths[a], privs[p] ? privs[p] : "none");
}

static bool
agent_start(void)
{
	struct sn_agent_user u;
	struct sn_error err;
	struct sn_oid o;
	struct sn_value v;
	char text[64], name[64];
	int i, a, p;

	if (sn_agent_new(loop, &agent, &err) != 0 ||
	    sn_mostore_new(&store) != 0)
		return false;
	o = O("1.3.6.1.2.1.1.1.0");
	v = sn_value_str(SN_T_OCTETS, "snmpsh v3 test", 14);
	sn_mostore_put(store, &o, &v, false);
	o = O("1.3.6.1.2.1.1.4.0");
	v = sn_value_str(SN_T_OCTETS, "nobody", 6);
	sn_mostore_put(store, &o, &v, true);
	for (i = 1; i <= ROWS; i++) {
		snprintf(text, sizeof(text), "1.3.6.1.2.1.2.2.1.1.%d", i);
		o = O(text);
		v = sn_value_int(i);
		sn_mostore_put(store, &o, &v, false);
	}
	o = O("1.3.6.1.2.1");
	if (sn_agent_register(agent, &o, sn_mostore_ops(), store, &err) != 0)
		return false;
	memset(&u, 0, sizeof(u));
	for (a = 0; a < NAUTH; a++) {
		for (p = 0; p < NPRIV; p++) {
			user_name(name, sizeof(name), a, p);
			u.name = name;
			u.auth_proto = auths[a];
			u.auth_pass = "authpass-v3";
			u.priv_proto = privs[p];
			u.priv_pass = "privpass-v3";
			u.writable = a == 1 && p == 3;	/* u-SHA-AES */
			if (sn_agent_add_user(agent, &u, &err) != 0) {
				tap_diag("add user %s: %s", name, err.msg);
				return false;
			}
		}
	}
	memset(&u, 0, sizeof(u));
	u.name = "noauth";
	if (sn_agent_add_user(agent, &u, &err) != 0)
		return false;
	if (sn_agent_listen(agent, "udp:127.0.0.1:0", &err) != 0) {
		tap_diag("agent listen: %s", err.msg);
		return false;
	}
	addr = sn_agent_address(agent, 0);
	return addr != NULL;
}

/* Open a v3 session; extra may set -e/-E/-n and such. */
static struct sn_session *
open_v3(const char *user, const char *level, const char *auth,
    const char *apass, const char *priv, const char *ppass,
    const struct sn_session_opts *extra, struct sn_error *err)
{
	struct sn_session_opts o;
	struct sn_session *s = NULL;

	if (extra != NULL)
		o = *extra;
	else
		sn_session_opts_init(&o);
	o.version = SN_V3;
	o.timeout_ms = 500;
	o.retries = 1;
	o.user = user;
	o.sec_level = level;
	o.auth_proto = auth;
	o.auth_pass = apass;
	o.priv_proto = priv;
	o.priv_pass = ppass;
	if (sn_session_open(loop, addr, &o, &s, err) != 0)
		return NULL;
	return s;
}

/* GET one OID; returns the status; *resp (initialised) gets the PDU. */
static int
get(struct sn_session *s, const char *oid, struct sn_pdu *resp,
    struct sn_error *err)
{
	struct sn_pdu pdu;
	struct sn_oid o = O(oid);
	int rc;

	sn_pdu_init(&pdu, SN_PDU_GET);
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_request_sync(s, &pdu, resp, err);
	sn_pdu_clear(&pdu);
	return rc;
}

static bool
is_descr(const struct sn_pdu *r)
{
	return r->type == SN_PDU_RESPONSE && r->error_status == 0 &&
	    r->vbl.len == 1 && r->vbl.vb[0].value.type == SN_T_OCTETS &&
	    r->vbl.vb[0].value.v.str.len == 14 &&
	    memcmp(r->vbl.vb[0].value.v.str.ptr, "snmpsh v3 test", 14) == 0;
}

struct walkres {
	bool done;
	int status;
	int count;
	bool in_order;
};

static int
on_vb(struct sn_walk *w, const struct sn_varbind *vb, void *ud)
{
	struct walkres *r = ud;

	(void)w;
	/* the walk ends with the agent's endOfMibView varbind */
	if (vb->value.type == SN_T_ENDOFMIBVIEW && r->count == ROWS)
		return 0;
	r->count++;
	if (vb->value.type != SN_T_INTEGER || vb->value.v.i != r->count)
		r->in_order = false;
	return 0;
}

static void
on_walk_done(struct sn_walk *w, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct walkres *r = ud;

	(void)w;
	(void)resp;
	(void)err;
	r->done = true;
	r->status = status;
}

/* Bulk walk ifIndex (-Cr7: several GetBulk rounds); true when all ROWS. */
static bool
bulkwalk(struct sn_session *s)
{
	static const struct sn_walk_cbs cbs = { on_vb, on_walk_done };
	struct sn_walk_opts wo;
	struct walkres r = { false, 0, 0, true };
	struct sn_oid root = O("1.3.6.1.2.1.2.2.1.1");
	int i;

	sn_walk_opts_init(&wo);
	wo.bulk = true;
	wo.max_repetitions = 7;
	if (sn_walk_start(s, &root, &wo, &cbs, &r, NULL, NULL) != 0)
		return false;
	for (i = 0; i < 100000 && !r.done; i++)
		sn_loop_run(loop, SN_RUN_ONCE);
	if (!(r.done && r.status == 0 && r.count == ROWS && r.in_order))
		tap_diag("walk: done %d status %d count %d in order %d",
		    r.done, r.status, r.count, r.in_order);
	return r.done && r.status == 0 && r.count == ROWS && r.in_order;
}

static struct sn_agent_v3_stats
v3stats(void)
{
	struct sn_agent_v3_stats st;

	sn_agent_v3_stats(agent, &st);
	return st;
}

static void
test_matrix(void)
{
	struct sn_session *s;
	struct sn_pdu resp;
	struct sn_error err;
	char name[64], row[256], line[64];
	int a, p, rc, fails = 0;
	bool ok;

	tap_diag("SNMPv3 against the engine's responder (get + bulk walk):");
	snprintf(row, sizeof(row), "%-8s", "");
	for (p = 0; p < NPRIV; p++) {
		snprintf(line, sizeof(line), " %-9s", privs[p] ? privs[p] :
		    "none");
		strncat(row, line, sizeof(row) - strlen(row) - 1);
	}
	tap_diag("%s", row);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	for (a = 0; a < NAUTH; a++) {
		snprintf(row, sizeof(row), "%-8s", auths[a]);
		for (p = 0; p < NPRIV; p++) {
			user_name(name, sizeof(name), a, p);
			s = open_v3(name, privs[p] ? "authPriv" : "authNoPriv",
			    auths[a], "authpass-v3", privs[p], "privpass-v3",
			    NULL, &err);
			ok = s != NULL;
			if (!ok)
				tap_diag("%s: %s", name, err.msg);
			rc = ok ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
			ok = ok && rc == 0 && is_descr(&resp);
			tap_ok(ok, "%s: get (%s)", name, rc == 0 ? "ok" :
			    err.msg);
			ok = s != NULL && bulkwalk(s) && ok;
			tap_ok(s != NULL && ok, "%s: bulk walk", name);
			if (!ok)
				fails++;
			sn_session_close(s);
			snprintf(line, sizeof(line), " %-9s", ok ? "ok" :
			    "FAIL");
			strncat(row, line, sizeof(row) - strlen(row) - 1);
		}
		tap_diag("%s", row);
	}
	s = open_v3("noauth", "noAuthNoPriv", NULL, NULL, NULL, NULL, NULL,
	    &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp) && bulkwalk(s),
	    "noAuthNoPriv user: get and bulk walk");
	sn_session_close(s);
	tap_ok(fails == 0, "whole matrix passes (%d failures)", fails);
	sn_pdu_clear(&resp);
}

/* Discovery once per session, keys localised once; -e skips it. */
static void
test_discovery(void)
{
	struct sn_agent_v3_stats before, after;
	struct sn_session_opts o;
	struct sn_session *s;
	struct sn_pdu resp;
	struct sn_error err;
	struct sn_dispatch_stats ds;
	uint8_t eid[32];
	char hex[80];
	size_t n, i;
	int k, rc = 0;

	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	before = v3stats();
	s = open_v3("u-SHA-256-AES", "authPriv", "SHA-256", "authpass-v3",
	    "AES", "privpass-v3", NULL, &err);
	for (k = 0; s != NULL && k < 5 && rc == 0; k++)
		rc = get(s, "1.3.6.1.2.1.1.1.0", &resp, &err);
	after = v3stats();
	tap_ok(s != NULL && rc == 0 && is_descr(&resp), "five gets");
	tap_ok(after.unknown_engine_ids == before.unknown_engine_ids + 1,
	    "one discovery for five requests (unknownEngineIDs +%lu)",
	    after.unknown_engine_ids - before.unknown_engine_ids);
	tap_ok(after.not_in_time_windows == before.not_in_time_windows,
	    "no time-window report after discovery");
	if (s != NULL) {
		sn_dispatch_get_stats(sn_session_dispatch(s), &ds);
		tap_ok(ds.sent == 6 && ds.retries == 0,
		    "six datagrams: probe and five requests (%lu sent)",
		    ds.sent);
	}
	sn_session_close(s);

	/* -e: the engine ID given, no probe; time comes from the report */
	n = sn_agent_engine_id(agent, eid, sizeof(eid));
	tap_ok(n >= 5 && n <= 32 && eid[0] == 0x80, "agent engine ID "
	    "in RFC 3411 format (%zu octets)", n);
	for (i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, sizeof(hex) - 2 * i, "%02x", eid[i]);
	sn_session_opts_init(&o);
	o.sec_engine_id = hex;
	before = v3stats();
	s = open_v3("u-SHA-AES", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	after = v3stats();
	tap_ok(rc == 0 && is_descr(&resp), "-e %s: get (%s)", hex,
	    rc == 0 ? "ok" : err.msg);
	tap_ok(after.unknown_engine_ids == before.unknown_engine_ids,
	    "-e: no discovery probe");
	tap_ok(after.not_in_time_windows == before.not_in_time_windows + 1,
	    "-e: one time-window report synchronised the clock");
	sn_session_close(s);

	/* -E: a context engine ID other than the agent's */
	sn_session_opts_init(&o);
	o.ctx_engine_id = "0x8000000001020304";
	s = open_v3("u-SHA-AES", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == SN_ENOACCESS, "-E other engine: unknown context "
	    "report (%s)", sn_session_strerror(rc));
	sn_session_close(s);
	sn_session_opts_init(&o);
	o.ctx_engine_id = hex;
	s = open_v3("u-SHA-AES", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp), "-E the agent's own engine ID");
	sn_session_close(s);
	sn_pdu_clear(&resp);
}

static void
expect_error(const char *desc, int want, const char *user, const char *level,
    const char *auth, const char *apass, const char *priv, const char *ppass,
    const struct sn_session_opts *extra)
{
	struct sn_session *s;
	struct sn_pdu resp;
	struct sn_error err;
	struct timespec t0, t1;
	double ms;
	int rc;

	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = open_v3(user, level, auth, apass, priv, ppass, extra, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	tap_ok(rc == want, "%s: %s (got %s: %s)", desc, sn_errname(want),
	    sn_errname(rc), rc != 0 ? err.msg : "success");
	tap_ok(ms < 400, "%s: answered at once, no timeout (%.1f ms)", desc,
	    ms);
	sn_session_close(s);
	sn_pdu_clear(&resp);
}

static void
test_errors(void)
{
	struct sn_session_opts o;
	struct sn_session *s;
	struct sn_pdu resp, pdu;
	struct sn_error err;
	struct sn_oid oid;
	struct sn_value v;
	int rc;

	expect_error("wrong auth passphrase", SN_EWRONGDIGEST, "u-SHA-AES",
	    "authPriv", "SHA", "wrong-pass", "AES", "privpass-v3", NULL);
	expect_error("wrong auth protocol", SN_EWRONGDIGEST, "u-SHA-AES",
	    "authPriv", "SHA-256", "authpass-v3", "AES", "privpass-v3",
	    NULL);
	expect_error("wrong priv passphrase", SN_EDECRYPT, "u-SHA-AES",
	    "authPriv", "SHA", "authpass-v3", "AES", "wrong-priv", NULL);
	expect_error("AES-192-C key for an AES-192 user", SN_EDECRYPT,
	    "u-SHA-AES-192", "authPriv", "SHA", "authpass-v3", "AES-192-C",
	    "privpass-v3", NULL);
	expect_error("unknown user", SN_EUNKNOWNUSER, "nobody",
	    "noAuthNoPriv", NULL, NULL, NULL, NULL, NULL);
	expect_error("priv for a user without it", SN_EUNSUPSECLEVEL,
	    "u-SHA-none", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", NULL);
	expect_error("auth for a noAuthNoPriv user", SN_EUNSUPSECLEVEL,
	    "noauth", "authNoPriv", "MD5", "authpass-v3", NULL, NULL, NULL);
	sn_session_opts_init(&o);
	o.sec_engine_id = "0x80001f8880aabbccddeeff";
	expect_error("wrong -e", SN_EUNKNOWNENGINEID, "u-SHA-AES", "authPriv",
	    "SHA", "authpass-v3", "AES", "privpass-v3", &o);
	sn_session_opts_init(&o);
	o.context = "nope";
	expect_error("unknown context (-n)", SN_ENOACCESS, "u-SHA-AES",
	    "authPriv", "SHA", "authpass-v3", "AES", "privpass-v3", &o);
	tap_ok(strcmp(sn_session_strerror(SN_EWRONGDIGEST),
	    "Authentication failure (incorrect password, community or key)")
	    == 0, "wrong digest in Net-SNMP's words");

	/* bad options fail at open, with the option named */
	s = open_v3("u", "authPriv", "SHA", "short", "AES", "privpass-v3",
	    NULL, &err);
	tap_ok(s == NULL && strstr(err.msg, "-A") != NULL,
	    "short passphrase refused: %s", err.msg);
	sn_session_close(s);
	s = open_v3("u", "authPriv", "SHA", "authpass-v3", "AES", NULL, NULL,
	    &err);
	tap_ok(s == NULL && strstr(err.msg, "-X") != NULL,
	    "missing privacy passphrase refused: %s", err.msg);
	sn_session_close(s);
	s = open_v3("u", "bogus", NULL, NULL, NULL, NULL, NULL, &err);
	tap_ok(s == NULL && strstr(err.msg, "-l") != NULL,
	    "bad level refused: %s", err.msg);
	sn_session_close(s);
	sn_session_opts_init(&o);
	o.sec_engine_id = "0x1234";
	s = open_v3("u", NULL, NULL, NULL, NULL, NULL, &o, &err);
	tap_ok(s == NULL && strstr(err.msg, "-e") != NULL,
	    "short engine ID refused: %s", err.msg);
	sn_session_close(s);

	/* access: below the user's level, authorizationError */
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	s = open_v3("u-SHA-AES", "authNoPriv", "SHA", "authpass-v3", NULL,
	    NULL, NULL, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && resp.error_status == SN_ERR_AUTHORIZATIONERROR,
	    "authNoPriv for an authPriv user: authorizationError (%d)",
	    (int)resp.error_status);
	sn_session_close(s);
	/* sets: the writable user writes, the others get noAccess */
	oid = O("1.3.6.1.2.1.1.4.0");
	v = sn_value_str(SN_T_OCTETS, "v3 admin", 8);
	sn_pdu_init(&pdu, SN_PDU_SET);
	sn_vbl_add(&pdu.vbl, &oid, &v);
	s = open_v3("u-SHA-AES", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", NULL, &err);
	rc = s != NULL ? sn_session_request_sync(s, &pdu, &resp, &err) : -1;
	tap_ok(rc == 0 && resp.error_status == 0, "writable user: set");
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.4.0", &resp, &err) : -1;
	tap_ok(rc == 0 && resp.vbl.len == 1 &&
	    resp.vbl.vb[0].value.v.str.len == 8, "the value sticks");
	sn_session_close(s);
	s = open_v3("u-MD5-DES", "authPriv", "MD5", "authpass-v3", "DES",
	    "privpass-v3", NULL, &err);
	rc = s != NULL ? sn_session_request_sync(s, &pdu, &resp, &err) : -1;
	tap_ok(rc == 0 && resp.error_status == SN_ERR_NOACCESS,
	    "read-only user: set gets noAccess (%d)", (int)resp.error_status);
	sn_session_close(s);
	sn_pdu_clear(&pdu);
	sn_pdu_clear(&resp);
}

/* RFC 3414 §4: the agent reboots (boots + 1), then changes engine ID. */
static void
test_time_window(void)
{
	struct sn_agent_v3_stats before, after;
	struct sn_session *s;
	struct sn_pdu resp;
	struct sn_error err;
	uint8_t eid[32];
	size_t n;
	int rc;

	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	s = open_v3("u-SHA-512-AES-256", "authPriv", "SHA-512", "authpass-v3",
	    "AES-256", "privpass-v3", NULL, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp), "before the reboot: get");
	n = sn_agent_engine_id(agent, eid, sizeof(eid));
	sn_agent_set_engine_id(agent, eid, n, 7, NULL);
	before = v3stats();
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	after = v3stats();
	tap_ok(rc == 0 && is_descr(&resp), "after a reboot (boots 7): get "
	    "(%s)", rc == 0 ? "ok" : err.msg);
	tap_ok(after.not_in_time_windows == before.not_in_time_windows + 1,
	    "one notInTimeWindow report, then resynchronised");
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && v3stats().not_in_time_windows ==
	    after.not_in_time_windows, "then in the window again");
	/* a new engine ID: the session discovers it again */
	eid[n - 1] ^= 0x5a;
	sn_agent_set_engine_id(agent, eid, n, 1, NULL);
	before = v3stats();
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	after = v3stats();
	tap_ok(rc == 0 && is_descr(&resp), "after an engine ID change: get "
	    "(%s)", rc == 0 ? "ok" : err.msg);
	tap_ok(after.unknown_engine_ids == before.unknown_engine_ids + 2,
	    "unknownEngineID report, then discovery again (+%lu)",
	    after.unknown_engine_ids - before.unknown_engine_ids);
	sn_session_close(s);
	sn_pdu_clear(&resp);
}

/*
 * Requests in flight each keep their own PDU for the resend after a
 * report (RFC 3414 §4), while a finished request's varbind storage is
 * reused by the next one (cmdgen_v3.c): three requests all answered by
 * notInTimeWindow after a reboot, and a fourth sent from the callback of
 * the first to finish, must each get the answer to its own varbind.
 */
struct inflight {
	struct sn_session *s;
	const char *send_more;	/* sent from the callback, once */
	struct inflight *more;
	struct sn_oid want;	/* the answer's name */
	int32_t value;
	int status;
	bool done;
	bool ok;
};

static int send_inflight(struct inflight *f, enum sn_pdu_type type,
    const char *oid);

static void
on_inflight(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct inflight *f = ud;

	(void)req;
	f->done = true;
	f->status = status;
	f->ok = status == 0 && resp->error_status == 0 &&
	    resp->vbl.len == 1 &&
	    sn_oid_cmp(&resp->vbl.vb[0].name, &f->want) == 0 &&
	    resp->vbl.vb[0].value.type == SN_T_INTEGER &&
	    resp->vbl.vb[0].value.v.i == f->value;
	if (f->more != NULL && f->more->s == NULL) {
		f->more->s = f->s;
		if (send_inflight(f->more, SN_PDU_GET, f->send_more) != 0)
			f->more->done = true;
	}
}

static int
send_inflight(struct inflight *f, enum sn_pdu_type type, const char *oid)
{
	struct sn_pdu pdu;
	struct sn_oid o = O(oid);
	int rc;

	sn_pdu_init(&pdu, type);
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = sn_session_send(f->s, &pdu, on_inflight, f, NULL, NULL);
	/* the caller's PDU is gone before any reply comes */
	sn_pdu_clear(&pdu);
	return rc;
}

static void
test_inflight(void)
{
	struct sn_agent_v3_stats before;
	struct inflight f[4];
	struct sn_session *s;
	struct sn_pdu resp;
	struct sn_error err;
	uint8_t eid[32];
	size_t n;
	int i, rc, ok = 0, done = 0;

	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	memset(f, 0, sizeof(f));
	s = open_v3("u-SHA-AES", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", NULL, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp), "in flight: first get");
	if (rc != 0) {
		sn_session_close(s);
		sn_pdu_clear(&resp);
		return;
	}
	n = sn_agent_engine_id(agent, eid, sizeof(eid));
	sn_agent_set_engine_id(agent, eid, n, 40, NULL);
	for (i = 0; i < 3; i++)
		f[i].s = s;
	f[0].want = O("1.3.6.1.2.1.2.2.1.1.5");
	f[0].value = 5;
	f[1].want = O("1.3.6.1.2.1.2.2.1.1.17");
	f[1].value = 17;
	f[2].want = O("1.3.6.1.2.1.2.2.1.1.31");
	f[2].value = 31;
	f[3].want = O("1.3.6.1.2.1.2.2.1.1.2");
	f[3].value = 2;
	for (i = 0; i < 3; i++) {
		f[i].more = &f[3];
		f[i].send_more = "1.3.6.1.2.1.2.2.1.1.2";
	}
	before = v3stats();
	rc = send_inflight(&f[0], SN_PDU_GET, "1.3.6.1.2.1.2.2.1.1.5");
	rc |= send_inflight(&f[1], SN_PDU_GET, "1.3.6.1.2.1.2.2.1.1.17");
	rc |= send_inflight(&f[2], SN_PDU_GETNEXT, "1.3.6.1.2.1.2.2.1.1.30");
	for (i = 0; i < 100000 && rc == 0 &&
	    !(f[0].done && f[1].done && f[2].done && f[3].done); i++)
		sn_loop_run(loop, SN_RUN_ONCE);
	for (i = 0; i < 4; i++) {
		done += f[i].done;
		ok += f[i].ok;
		if (!f[i].ok)
			tap_diag("request %d: done %d status %s", i,
			    f[i].done, sn_errname(f[i].status));
	}
	tap_ok(rc == 0 && done == 4 && ok == 4, "four requests in flight "
	    "through a reboot, each answered for its own varbind (%d of 4)",
	    ok);
	tap_ok(v3stats().not_in_time_windows == before.not_in_time_windows + 3,
	    "three notInTimeWindow reports, three resends");
	sn_session_close(s);
	sn_pdu_clear(&resp);
}

/* snmpEngine and usmStats scalars, once registered. */
static void
test_v3_mib(void)
{
	struct sn_session *s;
	struct sn_pdu resp, pdu;
	struct sn_error err;
	struct sn_oid o;
	uint8_t eid[32];
	size_t n;
	int rc;

	tap_ok(sn_agent_register_v3_mib(agent, &err) == 0,
	    "register snmpEngine and usmStats");
	n = sn_agent_engine_id(agent, eid, sizeof(eid));
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	s = open_v3("u-SHA-AES", "authPriv", "SHA", "authpass-v3", "AES",
	    "privpass-v3", NULL, &err);
	rc = s != NULL ? get(s, "1.3.6.1.6.3.10.2.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && resp.vbl.len == 1 &&
	    resp.vbl.vb[0].value.type == SN_T_OCTETS &&
	    resp.vbl.vb[0].value.v.str.len == n &&
	    memcmp(resp.vbl.vb[0].value.v.str.ptr, eid, n) == 0,
	    "snmpEngineID.0 is the engine ID");
	rc = s != NULL ? get(s, "1.3.6.1.6.3.15.1.1.4.0", &resp, &err) : -1;
	tap_ok(rc == 0 && resp.vbl.len == 1 &&
	    resp.vbl.vb[0].value.type == SN_T_COUNTER32 &&
	    resp.vbl.vb[0].value.v.u == (uint32_t)
	    v3stats().unknown_engine_ids, "usmStatsUnknownEngineIDs.0 = %lu",
	    v3stats().unknown_engine_ids);
	rc = s != NULL ? get(s, "1.3.6.1.6.3.10.2.1.1.1", &resp, &err) : -1;
	tap_ok(rc == 0 && resp.vbl.len == 1 &&
	    resp.vbl.vb[0].value.type == SN_T_NOSUCHINSTANCE,
	    "snmpEngineID.1: noSuchInstance");
	/* getnext from the end of snmpEngine into usmStats */
	sn_pdu_init(&pdu, SN_PDU_GETNEXT);
	o = O("1.3.6.1.6.3.10.2.1.4.0");
	sn_vbl_add_null(&pdu.vbl, &o);
	o = O("1.3.6.1.6.3.10");
	sn_vbl_add_null(&pdu.vbl, &o);
	rc = s != NULL ? sn_session_request_sync(s, &pdu, &resp, &err) : -1;
	o = O("1.3.6.1.6.3.15.1.1.1.0");
	tap_ok(rc == 0 && resp.vbl.len == 2 &&
	    sn_oid_cmp(&resp.vbl.vb[0].name, &o) == 0,
	    "getnext snmpEngineMaxMessageSize.0 is usmStatsUnsupportedSec"
	    "Levels.0");
	o = O("1.3.6.1.6.3.10.2.1.1.0");
	tap_ok(rc == 0 && resp.vbl.len == 2 &&
	    sn_oid_cmp(&resp.vbl.vb[1].name, &o) == 0,
	    "getnext snmpModules.10 is snmpEngineID.0");
	sn_pdu_clear(&pdu);
	sn_session_close(s);
	sn_pdu_clear(&resp);
}

static void
tohex(const uint8_t *p, size_t n, char *buf)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(buf + 2 * i, 3, "%02x", p[i]);
}

/* Master and localised keys instead of passphrases (-3m -3M -3k -3K). */
static void
test_keys(void)
{
	struct sn_session_opts o;
	struct sn_session *s;
	struct sn_crypto *c = NULL;
	struct sn_pdu resp;
	struct sn_error err;
	uint8_t ku[64], kupriv[64], kul[64], kulpriv[64], pk[32], eid[32];
	char h1[140], h2[140];
	size_t n;
	int rc;

	n = sn_agent_engine_id(agent, eid, sizeof(eid));
	if (sn_crypto_new(&c, &err) != 0 ||
	    sn_usm_password_to_key(c, SN_HASH_SHA256, "authpass-v3", 11, ku,
	    NULL) != 0 ||
	    sn_usm_password_to_key(c, SN_HASH_SHA256, "privpass-v3", 11,
	    kupriv, NULL) != 0 ||
	    sn_usm_localize(c, SN_HASH_SHA256, ku, eid, n, kul, NULL) != 0 ||
	    sn_usm_localize(c, SN_HASH_SHA256, kupriv, eid, n, kulpriv,
	    NULL) != 0 ||
	    sn_usm_priv_key(c, SN_AUTH_SHA256, SN_PRIV_AES256C, kulpriv, eid,
	    n, pk, NULL) != 0) {
		tap_ok(0, "key derivation for the test");
		sn_crypto_free(c);
		return;
	}
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	/* -3m/-3M: master keys */
	sn_session_opts_init(&o);
	tohex(ku, 32, h1);
	tohex(kupriv, 32, h2);
	o.auth_master_key = h1;
	o.priv_master_key = h2;
	s = open_v3("u-SHA-256-AES-256-C", "authPriv", "SHA-256", NULL,
	    "AES-256-C", NULL, &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp), "-3m -3M master keys (%s)",
	    rc == 0 ? "ok" : err.msg);
	sn_session_close(s);
	/* -3k/-3K: localised keys, the privacy one of the hash's length */
	sn_session_opts_init(&o);
	tohex(kul, 32, h1);
	tohex(kulpriv, 32, h2);
	o.auth_local_key = h1;
	o.priv_local_key = h2;
	s = open_v3("u-SHA-256-AES-256-C", "authPriv", "SHA-256", NULL,
	    "AES-256-C", NULL, &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp), "-3k -3K localised keys (%s)",
	    rc == 0 ? "ok" : err.msg);
	sn_session_close(s);
	/* -3K: the cipher's own key (already extended by Reeder) */
	tohex(pk, 32, h2);
	o.priv_local_key = h2;
	s = open_v3("u-SHA-256-AES-256-C", "authPriv", "SHA-256", NULL,
	    "AES-256-C", NULL, &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == 0 && is_descr(&resp), "-3K the extended privacy key "
	    "itself (%s)", rc == 0 ? "ok" : err.msg);
	sn_session_close(s);
	/* a wrong key is a wrong digest; a bad length is refused */
	kul[0] ^= 1;
	tohex(kul, 32, h1);
	o.auth_local_key = h1;
	s = open_v3("u-SHA-256-AES-256-C", "authPriv", "SHA-256", NULL,
	    "AES-256-C", NULL, &o, &err);
	rc = s != NULL ? get(s, "1.3.6.1.2.1.1.1.0", &resp, &err) : -1;
	tap_ok(rc == SN_EWRONGDIGEST, "-3k wrong key: wrong digest");
	sn_session_close(s);
	o.auth_local_key = "0x0102";
	s = open_v3("u-SHA-256-AES-256-C", "authPriv", "SHA-256", NULL,
	    "AES-256-C", NULL, &o, &err);
	tap_ok(s == NULL && strstr(err.msg, "-3k") != NULL &&
	    strstr(err.msg, "0102") == NULL,
	    "-3k of the wrong length refused, key not echoed: %s", err.msg);
	sn_session_close(s);
	sn_crypto_free(c);
	sn_pdu_clear(&resp);
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU per request, agent included (both sides run in this process). */
static double
cpu_per_get(struct sn_session *s, int n)
{
	struct sn_pdu resp;
	double t0;
	int i, bad = 0;

	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	t0 = cpu_now();
	for (i = 0; i < n; i++)
		if (get(s, "1.3.6.1.2.1.1.1.0", &resp, NULL) != 0)
			bad++;
	t0 = (cpu_now() - t0) / n;
	sn_pdu_clear(&resp);
	return bad == 0 ? t0 : -1;
}

static void
test_cost(void)
{
	struct sn_session_opts o;
	struct sn_session *s2, *s3;
	struct sn_error err;
	double t0, t1, c2, c3;

	sn_session_opts_init(&o);
	o.community = "public";
	sn_agent_add_community(agent, "public", false);
	if (sn_session_open(loop, addr, &o, &s2, &err) != 0) {
		tap_ok(0, "v2c session: %s", err.msg);
		return;
	}
	t0 = cpu_now();
	s3 = open_v3("u-SHA-256-AES", "authPriv", "SHA-256", "authpass-v3",
	    "AES", "privpass-v3", NULL, &err);
	c3 = s3 != NULL ? cpu_per_get(s3, 1) : -1;	/* discovery + keys */
	t1 = cpu_now() - t0;
	c2 = cpu_per_get(s2, 2000);
	c3 = s3 != NULL ? cpu_per_get(s3, 2000) : -1;
	tap_ok(c2 > 0 && c3 > 0, "2,000 gets each over v2c and v3");
	tap_diag("CPU per get, manager and agent together: v2c %.1f us, "
	    "authPriv SHA-256/AES-128 %.1f us (%.2fx)", c2 * 1e6, c3 * 1e6,
	    c2 > 0 ? c3 / c2 : 0);
	tap_diag("first v3 get with discovery and SHA-256 password to key "
	    "(2 keys): %.2f ms CPU", t1 * 1e3);
	sn_session_close(s2);
	sn_session_close(s3);
}

int
main(void)
{
	struct sn_error err;

	if (sn_loop_new(&loop, &err) != 0 || !agent_start()) {
		tap_ok(0, "loop and agent start");
		return tap_done();
	}
	test_matrix();
	test_discovery();
	test_errors();
	test_time_window();
	test_inflight();
	test_v3_mib();
	test_keys();
	test_cost();
	sn_agent_free(agent);
	sn_mostore_free(store);
	sn_loop_free(loop);
	return tap_done();
}
