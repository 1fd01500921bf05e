/*
 * libFuzzer target for the notification receiver's input path
 * (src/engine/notify_rx.c through sn_listener_input): community messages
 * (RFC 1157, RFC 1901: the Trap-PDU and its RFC 3584 §3.1 conversion,
 * SNMPv2-Trap, Inform answered with a Response) and SNMPv3 (RFC 3412
 * §7.2, RFC 3414 §3.2 in both roles: a trap's sender authoritative, an
 * inform's receiver).  The first input byte picks the mode:
 *   bit 0 clear: the rest is a datagram for a listener without users or
 *                community filter;
 *   bit 0 set:   the rest goes to a listener with a community filter
 *                and three v3 users; with bit 1 also set it is first
 *                decoded and, when it decodes with a clear ScopedPDU,
 *                re-encoded for the user numbered by bits 2-3 with valid
 *                keys (localised to the message's engine ID for a trap,
 *                to the listener's for an inform), so that the fuzzed
 *                header fields and PDU reach the authenticated paths.
 * Whatever the input: no crash, leak or out-of-bounds access, the
 * callback sees a consistent notification, and every reply decodes.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sn/notify.h>

#include "engine/crypto.h"
#include "engine/mp_v3.h"
#include "engine/usm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) abort(); } while (0)
#define PASS "fuzz-passphrase"

struct fuser {
	const char *name, *auth, *priv;
	enum sn_auth_proto ap;
	enum sn_priv_proto pp;
	uint8_t ku[SN_USM_KEY_MAX];
};

static struct fuser users[] = {
	{ "none", NULL, NULL, SN_AUTH_NONE, SN_PRIV_NONE, { 0 } },
	{ "shaaes", "SHA", "AES", SN_AUTH_SHA1, SN_PRIV_AES128, { 0 } },
	{ "md5des", "MD5", "DES", SN_AUTH_MD5, SN_PRIV_DES, { 0 } },
	{ "s256", "SHA-256", "AES-256", SN_AUTH_SHA256, SN_PRIV_AES256,
	    { 0 } },
};
#define NUSERS (sizeof(users) / sizeof(users[0]))

static struct sn_listener *open_l, *filtered;
static struct sn_crypto *crypto;
static uint8_t eid[SN_USM_ENGINEID_MAX];
static size_t eid_len;

static void
on_n(struct sn_listener *l, const struct sn_notification *n, void *ud)
{
	size_t i;

	(void)l;
	(void)ud;
	CHECK(n->vbl != NULL && n->pdu != NULL && n->source != NULL);
	CHECK(n->type == SN_PDU_TRAP_V1 || n->type == SN_PDU_TRAP ||
	    n->type == SN_PDU_INFORM);
	CHECK(n->trap_oid.len <= SN_OID_MAX_LEN);
	for (i = 0; i < n->vbl->len; i++)
		CHECK(n->vbl->vb[i].name.len <= SN_OID_MAX_LEN);
	if (n->version == SN_V3)
		CHECK(n->user_len <= SN_USM_USER_MAX && n->sec_level >= 1 &&
		    n->sec_level <= 3);
}

static void
setup(void)
{
	struct sn_notify_user u;
	const struct sn_usm_auth_info *ai;
	size_t i;

	CHECK(sn_crypto_new(&crypto, NULL) == 0);
	CHECK(sn_listener_new(NULL, on_n, NULL, &open_l, NULL) == 0);
	CHECK(sn_listener_new(NULL, on_n, NULL, &filtered, NULL) == 0);
	CHECK(sn_listener_add_community(filtered, "public") == 0);
	eid_len = sn_listener_engine_id(filtered, eid, sizeof(eid));
	for (i = 0; i < NUSERS; i++) {
		memset(&u, 0, sizeof(u));
		u.name = users[i].name;
		u.auth_proto = users[i].auth;
		u.auth_pass = PASS;
		u.priv_proto = users[i].priv;
		u.priv_pass = PASS;
		CHECK(sn_listener_add_user(filtered, &u, NULL) == 0);
		if ((ai = sn_usm_auth_info(users[i].ap)) != NULL)
			CHECK(sn_usm_password_to_key(crypto, ai->hash, PASS,
			    strlen(PASS), users[i].ku, NULL) == 0);
	}
}

/* Re-encode the decoded input for user u with valid keys. */
static size_t
resign(const uint8_t *in, size_t len, unsigned which, uint8_t *buf,
    size_t cap, const uint8_t **wire)
{
	const struct fuser *u = &users[which % NUSERS];
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(u->ap);
	uint8_t akey[SN_USM_KEY_MAX], kul[SN_USM_KEY_MAX];
	uint8_t pkey[SN_USM_PRIVKEY_MAX];
	struct sn_v3_msg m;
	struct sn_v3_keys keys;
	uint8_t *out;
	size_t n = 0, ulen = strlen(u->name);

	sn_v3_msg_init(&m);
	if (sn_v3_decode(in, len, &m, NULL) != 0 ||
	    (m.flags & SN_V3_FLAG_PRIV) != 0)
		goto done;	/* a fuzzed ScopedPDU must be in clear */
	/* an inform names us; a trap keeps its fuzzed sender (or gets one) */
	if ((m.flags & SN_V3_FLAG_REPORTABLE) != 0 || m.engine_id_len < 5) {
		memcpy(m.engine_id, eid, eid_len);
		m.engine_id_len = eid_len;
	}
	memcpy(m.user, u->name, ulen);
	m.user_len = ulen;
	m.flags &= SN_V3_FLAG_REPORTABLE | SN_V3_FLAG_AUTH | SN_V3_FLAG_PRIV;
	if (u->ap == SN_AUTH_NONE)
		m.flags &= SN_V3_FLAG_REPORTABLE;
	if (u->pp == SN_PRIV_NONE)
		m.flags &= (uint8_t)~SN_V3_FLAG_PRIV;
	if ((m.flags & SN_V3_FLAG_PRIV) != 0)
		m.flags |= SN_V3_FLAG_AUTH;
	memset(&keys, 0, sizeof(keys));
	if (ai != NULL) {
		CHECK(sn_usm_localize(crypto, ai->hash, u->ku, m.engine_id,
		    m.engine_id_len, akey, NULL) == 0);
		CHECK(sn_usm_localize(crypto, ai->hash, u->ku, m.engine_id,
		    m.engine_id_len, kul, NULL) == 0);
		if (u->pp != SN_PRIV_NONE)
			CHECK(sn_usm_priv_key(crypto, u->ap, u->pp, kul,
			    m.engine_id, m.engine_id_len, pkey, NULL) == 0);
		keys.auth = (m.flags & SN_V3_FLAG_AUTH) ? u->ap : SN_AUTH_NONE;
		keys.auth_key = akey;
		keys.priv = (m.flags & SN_V3_FLAG_PRIV) ? u->pp : SN_PRIV_NONE;
		keys.priv_key = pkey;
		keys.salt = 1;
	}
	if (sn_v3_encode(crypto, &m, &keys, buf, cap - 16, &out, &n,
	    NULL) != 0)
		n = 0;
	*wire = out;
done:
	sn_v3_msg_clear(&m);
	return n;
}

/* A reply must be a message of its kind that decodes. */
static void
check_reply(const struct sn_listener *l, const uint8_t *r, size_t len)
{
	uint8_t id[SN_USM_ENGINEID_MAX];
	size_t idlen = sn_listener_engine_id(l, id, sizeof(id));
	struct sn_v3_msg m;
	struct sn_msg cm;
	long v;

	CHECK(len <= SN_MSG_MAX);
	CHECK(sn_msg_peek_version(r, len, &v, NULL) == 0);
	if (v == 3) {
		sn_v3_msg_init(&m);
		CHECK(sn_v3_decode(r, len, &m, NULL) == 0);
		CHECK((m.flags & SN_V3_FLAG_REPORTABLE) == 0);
		/* RFC 3414 §3.1: our engine is authoritative for a reply */
		CHECK(m.engine_id_len == idlen &&
		    memcmp(m.engine_id, id, idlen) == 0);
		sn_v3_msg_clear(&m);
	} else {
		sn_msg_init(&cm);
		CHECK(sn_msg_decode(r, len, &cm, NULL) == 0);
		CHECK(cm.pdu.type == SN_PDU_RESPONSE);
		sn_msg_clear(&cm);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *buf;
	const uint8_t *reply, *in;
	size_t rlen, n;

	if (crypto == NULL)
		setup();
	if (buf == NULL)
		CHECK((buf = malloc(SN_MSG_MAX)) != NULL);
	if (size < 1 || size - 1 > SN_MSG_MAX)
		return 0;
	in = data + 1;
	n = size - 1;
	if ((data[0] & 1) == 0) {
		(void)sn_listener_input(open_l, in, n, "fuzz", &reply, &rlen);
		if (rlen > 0)
			check_reply(open_l, reply, rlen);
		return 0;
	}
	if ((data[0] & 2) != 0 &&
	    (n = resign(in, n, (unsigned)data[0] >> 2, buf, SN_MSG_MAX,
	    &in)) == 0)
		return 0;
	(void)sn_listener_input(filtered, in, n, "fuzz", &reply, &rlen);
	if (rlen > 0)
		check_reply(filtered, reply, rlen);
	return 0;
}
