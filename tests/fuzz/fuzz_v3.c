/*
 * libFuzzer target for SNMPv3 message processing (RFC 3412 §7.2, RFC 3414
 * §3.2): the authoritative side of the responder (src/engine/agent_usm.c:
 * decode, engine ID and user checks, authentication, timeliness,
 * decryption, the PDU answered, the response or report encoded) and the
 * manager's steps (sn_v3_decode, sn_v3_authenticate, sn_v3_decrypt with
 * a user's keys).  The first input byte picks the mode:
 *   bit 0 clear: the rest is a datagram as it came from the wire (without
 *                valid credentials it meets the reports);
 *   bit 0 set:   the rest is decoded and, when it decodes, re-encoded for
 *                the user numbered by bits 1-3 with valid keys, the
 *                agent's engine ID and time, so that the fuzzed header
 *                fields and PDU reach the authenticated paths.
 * Bit 7 set: the responder behind uses RFC 3415 VACM (groups by user,
 * access rows at several levels and context prefixes, views with masks
 * and exclusions, one extra context) instead of the simple policy.
 * Whatever the input: no crash, leak or out-of-bounds access, and every
 * answer the agent sends decodes and authenticates with the user's key.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sn/agent.h>
#include <sn/pdu.h>

#include "engine/agent_usm.h"
#include "engine/crypto.h"
#include "engine/mp_v3.h"
#include "engine/usm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) abort(); } while (0)

struct fuser {
	const char *name, *auth, *priv;
	enum sn_auth_proto ap;
	enum sn_priv_proto pp;
	uint8_t akey[SN_USM_KEY_MAX];
	uint8_t pkey[SN_USM_PRIVKEY_MAX];
};

static struct fuser users[] = {
	{ "none", NULL, NULL, SN_AUTH_NONE, SN_PRIV_NONE, { 0 }, { 0 } },
	{ "md5des", "MD5", "DES", SN_AUTH_MD5, SN_PRIV_DES, { 0 }, { 0 } },
	{ "sha", "SHA", NULL, SN_AUTH_SHA1, SN_PRIV_NONE, { 0 }, { 0 } },
	{ "shaaes", "SHA", "AES", SN_AUTH_SHA1, SN_PRIV_AES128, { 0 }, { 0 } },
	{ "s256-3des", "SHA-256", "3DES", SN_AUTH_SHA256, SN_PRIV_3DES,
	    { 0 }, { 0 } },
	{ "s512-a256c", "SHA-512", "AES-256-C", SN_AUTH_SHA512,
	    SN_PRIV_AES256C, { 0 }, { 0 } },
	{ "s224-a192", "SHA-224", "AES-192", SN_AUTH_SHA224, SN_PRIV_AES192,
	    { 0 }, { 0 } },
	{ "s384-a256", "SHA-384", "AES-256", SN_AUTH_SHA384, SN_PRIV_AES256,
	    { 0 }, { 0 } },
};
#define NUSERS (sizeof(users) / sizeof(users[0]))
#define PASS "fuzz-passphrase"
#define BOOTS 5

static struct sn_agent *agent, *vagent;
static struct sn_agent_usm *usm;
static struct sn_mostore *store;
static struct sn_crypto *crypto;
static uint8_t eid[SN_USM_ENGINEID_MAX];
static size_t eid_len;

/* RFC 3415 tables of the VACM responder (vagent). */
static void
setup_vacm(void)
{
	static const char *const groups[] = { "g0", "g1", "g2" };
	static const struct sn_vacm_access acc[] = {
		{ "g0", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false,
		    "all", "all", "all" },
		{ "g1", "", SN_VACM_MODEL_USM, SN_VACM_AUTHNOPRIV, false,
		    "sys", "", "sys" },
		{ "g1", "c", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, true,
		    "masked", "sys", NULL },
		{ "g2", "ctx", SN_VACM_MODEL_USM, SN_VACM_AUTHPRIV, false,
		    "nosuch", "all", "all" },
	};
	static const uint8_t mask[] = { 0xfe, 0xc0 };
	struct sn_oid o;
	size_t i;

	for (i = 0; i < NUSERS; i++)
		CHECK(sn_agent_vacm_add_group(vagent, SN_VACM_MODEL_USM,
		    users[i].name, groups[i % 3], NULL) == 0);
	for (i = 0; i < sizeof(acc) / sizeof(acc[0]); i++)
		CHECK(sn_agent_vacm_add_access(vagent, &acc[i], NULL) == 0);
	CHECK(sn_agent_vacm_add_context(vagent, "ctx", NULL) == 0);
	CHECK(sn_oid_parse(&o, "1", NULL) == 0);
	CHECK(sn_agent_vacm_add_view(vagent, "all", &o, NULL, 0, true,
	    NULL) == 0);
	CHECK(sn_oid_parse(&o, "1.3.6.1.2.1.1", NULL) == 0);
	CHECK(sn_agent_vacm_add_view(vagent, "sys", &o, NULL, 0, true,
	    NULL) == 0);
	CHECK(sn_oid_parse(&o, "1.3.6.1.2.1.1.3", NULL) == 0);
	CHECK(sn_agent_vacm_add_view(vagent, "sys", &o, NULL, 0, false,
	    NULL) == 0);
	CHECK(sn_oid_parse(&o, "1.3.6.1.2.1.9.1.0", NULL) == 0);
	CHECK(sn_agent_vacm_add_view(vagent, "masked", &o, mask,
	    sizeof(mask), true, NULL) == 0);
}

static void
setup(void)
{
	static const uint8_t id[] = { 0x80, 0x00, 0x7e, 0xd9, 0x05, 1, 2, 3,
		4, 5, 6, 7, 8 };
	struct sn_agent_user u;
	struct sn_usm_keycache *kc;
	struct sn_oid o;
	struct sn_value v;
	size_t i;

	CHECK(sn_agent_new(NULL, &agent, NULL) == 0);
	CHECK(sn_mostore_new(&store) == 0);
	CHECK(sn_oid_parse(&o, "1.3.6.1.2.1.1.1.0", NULL) == 0);
	v = sn_value_str(SN_T_OCTETS, "fuzz", 4);
	CHECK(sn_mostore_put(store, &o, &v, true) == 0);
	CHECK(sn_oid_parse(&o, "1.3.6.1.2.1.1.3.0", NULL) == 0);
	v = sn_value_uint(SN_T_TIMETICKS, 42);
	CHECK(sn_mostore_put(store, &o, &v, false) == 0);
	CHECK(sn_oid_parse(&o, "1.3.6.1.2.1", NULL) == 0);
	CHECK(sn_agent_register(agent, &o, sn_mostore_ops(), store,
	    NULL) == 0);
	CHECK(sn_agent_new(NULL, &vagent, NULL) == 0);
	CHECK(sn_agent_register(vagent, &o, sn_mostore_ops(), store,
	    NULL) == 0);
	setup_vacm();
	CHECK(sn_agent_usm_new(NULL, &usm, NULL) == 0);
	CHECK(sn_crypto_new(&crypto, NULL) == 0);
	CHECK(sn_usm_keycache_new(&kc, NULL) == 0);
	memcpy(eid, id, sizeof(id));
	eid_len = sizeof(id);
	CHECK(sn_agent_usm_set_engine(usm, eid, eid_len, BOOTS, 0,
	    NULL) == 0);
	for (i = 0; i < NUSERS; i++) {
		memset(&u, 0, sizeof(u));
		u.name = users[i].name;
		u.auth_proto = users[i].auth;
		u.auth_pass = PASS;
		u.priv_proto = users[i].priv;
		u.priv_pass = PASS;
		u.writable = i % 2 == 1;
		CHECK(sn_agent_usm_add_user(usm, &u, NULL) == 0);
		if (users[i].ap != SN_AUTH_NONE)
			CHECK(sn_usm_keycache_auth_key(kc, crypto, users[i].ap,
			    PASS, strlen(PASS), eid, eid_len, users[i].akey,
			    NULL) == 0);
		if (users[i].pp != SN_PRIV_NONE)
			CHECK(sn_usm_keycache_priv_key(kc, crypto, users[i].ap,
			    users[i].pp, PASS, strlen(PASS), eid, eid_len,
			    users[i].pkey, NULL) == 0);
	}
	sn_usm_keycache_free(kc);
}

static struct fuser *
find(const uint8_t *name, size_t len)
{
	size_t i;

	for (i = 0; i < NUSERS; i++) {
		if (strlen(users[i].name) == len &&
		    memcmp(users[i].name, name, len) == 0)
			return &users[i];
	}
	return NULL;
}

/* The agent's answer must be a v3 message the manager can verify. */
static void
check_answer(const uint8_t *out, size_t len)
{
	struct sn_v3_msg m;
	struct fuser *u;

	CHECK(len <= SN_MSG_MAX);
	sn_v3_msg_init(&m);
	CHECK(sn_v3_decode(out, len, &m, NULL) == 0);
	CHECK(m.engine_id_len == eid_len &&
	    memcmp(m.engine_id, eid, eid_len) == 0);
	CHECK((m.flags & SN_V3_FLAG_REPORTABLE) == 0);
	if ((m.flags & SN_V3_FLAG_AUTH) != 0) {
		CHECK((u = find(m.user, m.user_len)) != NULL);
		CHECK(sn_v3_authenticate(crypto, out, len, &m, u->ap, u->akey,
		    NULL) == 0);
		if ((m.flags & SN_V3_FLAG_PRIV) != 0)
			CHECK(sn_v3_decrypt(crypto, &m, u->pp, u->pkey,
			    NULL) == 0);
	}
	CHECK(m.pdu.type == SN_PDU_RESPONSE || m.pdu.type == SN_PDU_REPORT);
	sn_v3_msg_clear(&m);
}

/* What the manager does with a reply: decode, authenticate, decrypt. */
static void
manager_side(const uint8_t *buf, size_t len)
{
	struct sn_v3_msg m;
	struct fuser *u;

	sn_v3_msg_init(&m);
	if (sn_v3_decode(buf, len, &m, NULL) == 0 &&
	    (u = find(m.user, m.user_len)) != NULL &&
	    (m.flags & SN_V3_FLAG_AUTH) != 0 && u->ap != SN_AUTH_NONE) {
		(void)sn_v3_authenticate(crypto, buf, len, &m, u->ap, u->akey,
		    NULL);
		if ((m.flags & SN_V3_FLAG_PRIV) != 0 && u->pp != SN_PRIV_NONE)
			(void)sn_v3_decrypt(crypto, &m, u->pp, u->pkey, NULL);
	}
	sn_v3_msg_clear(&m);
}

/* Re-encode the decoded input for user u with valid keys. */
static size_t
resign(const uint8_t *in, size_t len, unsigned which, uint8_t *buf,
    size_t cap, uint8_t **wire)
{
	struct sn_v3_msg m;
	struct sn_v3_keys keys;
	struct fuser *u = &users[which % NUSERS];
	size_t n = 0, ulen = strlen(u->name);

	sn_v3_msg_init(&m);
	if (sn_v3_decode(in, len, &m, NULL) != 0 ||
	    (m.flags & SN_V3_FLAG_PRIV) != 0)
		goto out;	/* a fuzzed ScopedPDU must be in clear */
	memcpy(m.engine_id, eid, eid_len);
	m.engine_id_len = eid_len;
	m.boots = BOOTS;
	m.time = 0;
	memcpy(m.user, u->name, ulen);
	m.user_len = ulen;
	/* the fuzzed flags' low bits ask for auth and priv */
	m.flags &= SN_V3_FLAG_REPORTABLE | SN_V3_FLAG_AUTH | SN_V3_FLAG_PRIV;
	if (u->ap == SN_AUTH_NONE)
		m.flags &= SN_V3_FLAG_REPORTABLE;
	if (u->pp == SN_PRIV_NONE)
		m.flags &= (uint8_t)~SN_V3_FLAG_PRIV;
	if ((m.flags & SN_V3_FLAG_PRIV) != 0)
		m.flags |= SN_V3_FLAG_AUTH;
	if (m.context_engine_id_len == 0) {
		memcpy(m.context_engine_id, eid, eid_len);
		m.context_engine_id_len = eid_len;
	}
	memset(&keys, 0, sizeof(keys));
	keys.auth = u->ap;
	keys.auth_key = u->akey;
	keys.priv = u->pp;
	keys.priv_key = u->pkey;
	keys.salt = which;
	if (sn_v3_encode(crypto, &m, &keys, buf, cap - 16, wire, &n,
	    NULL) != 0)
		n = 0;
out:
	sn_v3_msg_clear(&m);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[SN_MSG_MAX], in[SN_MSG_MAX];
	const uint8_t *wire;
	uint8_t *ans, *enc;
	size_t anslen, n;

	if (agent == NULL)
		setup();
	if (size < 1 || size - 1 > SN_MSG_MAX)
		return 0;
	if ((data[0] & 1) == 0) {
		/* the libFuzzer buffer itself: ASan sees any overread */
		wire = data + 1;
		n = size - 1;
		manager_side(wire, n);
	} else {
		n = resign(data + 1, size - 1, data[0] >> 1, in, sizeof(in),
		    &enc);
		if (n == 0)
			return 0;
		wire = enc;
	}
	if (sn_agent_usm_process(usm, (data[0] & 0x80) != 0 ? vagent : agent,
	    0, wire, n, out, sizeof(out), &ans, &anslen) == 0)
		check_answer(ans, anslen);
	return 0;
}
