/*
 * The command responder on real transports (RFC 3413 §3.2, RFC 3417):
 * an sn_agent listening on udp:127.0.0.1:0, udp6:[::1]:0, a Unix stream
 * socket (unix:, Net-SNMP's form) and a Unix datagram socket (unixdg:) on
 * this process's loop, and raw clients sending hand-made messages and
 * malformed datagrams or frames.  The agent must answer from the address
 * (or on the connection) it was reached at, drop and count what it must
 * not answer (bad community, bad version, garbage), and keep answering
 * afterwards.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <sn/agent.h>

#include "engine/tr_internal.h"
#include "tests/lib/tap.h"

static struct sn_loop *loop;
static struct sn_agent *agent;
static struct sn_mostore *store;
static uint8_t rbuf[70000];
static size_t rlen;
static struct sockaddr_storage rfrom;

static struct sn_oid
O(const char *s)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, s, NULL) < 0)
		o.len = 0;
	return o;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * Send buf from fd to (to, tolen), run the agent's loop, and wait up to
 * wait_ms for a reply.  Returns true when one arrived (in rbuf/rlen).
 */
static bool
exchange(int fd, const struct sockaddr *to, socklen_t tolen,
    const uint8_t *buf, size_t len, unsigned wait_ms)
{
	uint64_t end = now_ms() + wait_ms;
	int spins = 0;

	if (sendto(fd, buf, len, 0, to, tolen) != (ssize_t)len)
		return false;
	while (now_ms() < end && spins++ < 10000) {
		struct pollfd p = { fd, POLLIN, 0 };
		socklen_t fl = sizeof(rfrom);
		ssize_t n;

		sn_loop_run(loop, SN_RUN_NOWAIT);
		if (poll(&p, 1, 5) <= 0)
			continue;
		n = recvfrom(fd, rbuf, sizeof(rbuf), 0,
		    (struct sockaddr *)&rfrom, &fl);
		if (n >= 0) {
			rlen = (size_t)n;
			return true;
		}
	}
	return false;
}

static size_t
encode(enum sn_version v, const char *community, const struct sn_pdu *pdu,
    uint8_t *buf, size_t cap)
{
	struct sn_msg m;
	uint8_t *out;
	size_t len = 0;

	sn_msg_init(&m);
	m.version = v;
	sn_msg_set_community(&m, community, strlen(community));
	sn_pdu_copy(&m.pdu, pdu);
	if (sn_msg_encode(&m, buf, cap, &out, &len, NULL) == 0)
		memmove(buf, out, len);
	else
		len = 0;
	sn_msg_clear(&m);
	return len;
}

static size_t
request(enum sn_version v, const char *community, enum sn_pdu_type type,
    int32_t id, const char *oid, uint8_t *buf, size_t cap)
{
	struct sn_pdu p;
	struct sn_oid o = O(oid);
	size_t n;

	sn_pdu_init(&p, type);
	p.request_id = id;
	if (type == SN_PDU_SET) {
		struct sn_value val = sn_value_str(SN_T_OCTETS, "new", 3);

		sn_vbl_add(&p.vbl, &o, &val);
	} else {
		sn_vbl_add_null(&p.vbl, &o);
	}
	if (type == SN_PDU_GETBULK) {
		p.error_status = 0;
		p.error_index = 100000;
	}
	n = encode(v, community, &p, buf, cap);
	sn_pdu_clear(&p);
	return n;
}

/* Decode the last reply into m; true when it is a Response to id. */
static bool
reply_is(struct sn_msg *m, enum sn_version v, int32_t id)
{
	sn_msg_clear(m);
	sn_msg_init(m);
	return sn_msg_decode(rbuf, rlen, m, NULL) == 0 && m->version == v &&
	    m->pdu.type == SN_PDU_RESPONSE && m->pdu.request_id == id;
}

static uint16_t
port_of(const char *addr)
{
	const char *c = strrchr(addr, ':');

	return c != NULL ? (uint16_t)strtoul(c + 1, NULL, 10) : 0;
}

/*
 * Read one whole message from the stream fd into rbuf within wait_ms,
 * running the agent's loop; false on timeout or end of stream.
 */
static bool
stream_reply(int fd, unsigned wait_ms)
{
	uint64_t end = now_ms() + wait_ms;
	size_t total = 0;
	int spins = 0;

	rlen = 0;
	while (now_ms() < end && spins++ < 10000) {
		struct pollfd p = { fd, POLLIN, 0 };
		size_t want = total > 0 ? total - rlen : 1;
		ssize_t n;

		sn_loop_run(loop, SN_RUN_NOWAIT);
		if (poll(&p, 1, 5) <= 0)
			continue;
		n = read(fd, rbuf + rlen, want);
		if (n <= 0)
			return false;
		rlen += (size_t)n;
		if (total == 0 && sn_tr_frame_len(rbuf, rlen, &total) < 0)
			return false;
		if (total > 0 && rlen == total)
			return true;
	}
	return false;
}

/* True when the agent closes the stream fd within wait_ms. */
static bool
stream_closed(int fd, unsigned wait_ms)
{
	uint64_t end = now_ms() + wait_ms;
	uint8_t b[64];

	while (now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };

		sn_loop_run(loop, SN_RUN_NOWAIT);
		if (poll(&p, 1, 5) > 0 && read(fd, b, sizeof(b)) <= 0)
			return true;
	}
	return false;
}

static int
stream_connect(const char *path)
{
	struct sockaddr_un su;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&su, 0, sizeof(su));
	su.sun_family = AF_UNIX;
	snprintf(su.sun_path, sizeof(su.sun_path), "%s", path);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&su, sizeof(su)) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static size_t request(enum sn_version v, const char *community,
    enum sn_pdu_type type, int32_t id, const char *oid, uint8_t *buf,
    size_t cap);
static bool reply_is(struct sn_msg *m, enum sn_version v, int32_t id);

/* The agent over unix: (Net-SNMP's stream form). */
static void
test_stream(struct sn_msg *m)
{
	struct sn_error err;
	uint8_t buf[4096];
	char path[96], spec[128];
	size_t n, n2;
	int fd, fd2;
	bool ok;

	snprintf(path, sizeof(path), "/tmp/snmpsh-rsp-%ld.sock",
	    (long)getpid());
	snprintf(spec, sizeof(spec), "unix:%s", path);
	if (!tap_ok(sn_agent_listen(agent, spec, &err) == 0, "listen on %s",
	    spec))
		return;
	fd = stream_connect(path);
	n = request(SN_V2C, "public", SN_PDU_GET, 120, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	ok = fd >= 0 && write(fd, buf, n) == (ssize_t)n;
	tap_ok(ok && stream_reply(fd, 2000) && reply_is(m, SN_V2C, 120) &&
	    m->pdu.vbl.len == 1 && m->pdu.vbl.vb[0].value.type ==
	    SN_T_OCTETS, "answered over unix (stream)");
	/* two requests in one write: two replies on the connection */
	n = request(SN_V1, "public", SN_PDU_GETNEXT, 121, "1.3.6.1.2.1.1",
	    buf, sizeof(buf));
	n2 = request(SN_V2C, "public", SN_PDU_GET, 122, "1.3.6.1.2.1.1.4.0",
	    buf + n, sizeof(buf) - n);
	ok = write(fd, buf, n + n2) == (ssize_t)(n + n2);
	ok = ok && stream_reply(fd, 2000) && reply_is(m, SN_V1, 121);
	tap_ok(ok && stream_reply(fd, 2000) && reply_is(m, SN_V2C, 122),
	    "two requests in one write: two replies, in order");
	/* a bad community is dropped, the connection stays */
	n = request(SN_V2C, "wrong", SN_PDU_GET, 123, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	n2 = request(SN_V2C, "public", SN_PDU_GET, 124, "1.3.6.1.2.1.1.1.0",
	    buf + n, sizeof(buf) - n);
	ok = write(fd, buf, n + n2) == (ssize_t)(n + n2);
	tap_ok(ok && stream_reply(fd, 2000) && reply_is(m, SN_V2C, 124),
	    "an unknown community is dropped, the next request answered");
	/* a second connection sending an oversized frame is closed */
	fd2 = stream_connect(path);
	ok = fd2 >= 0 && write(fd2, "\x30\x84\x01\x00\x00\x00", 6) == 6;
	tap_ok(ok && stream_closed(fd2, 2000),
	    "an oversized frame closes its connection");
	if (fd2 >= 0)
		close(fd2);
	n = request(SN_V2C, "public", SN_PDU_GET, 125, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	ok = write(fd, buf, n) == (ssize_t)n;
	tap_ok(ok && stream_reply(fd, 2000) && reply_is(m, SN_V2C, 125),
	    "the first connection is still answered");
	/* a huge GetBulk over a stream is truncated like over UDP */
	n = request(SN_V2C, "public", SN_PDU_GETBULK, 126, "1.3.6.1.2.1.99",
	    buf, sizeof(buf));
	ok = write(fd, buf, n) == (ssize_t)n && stream_reply(fd, 3000) &&
	    reply_is(m, SN_V2C, 126);
	tap_ok(ok && rlen <= SN_MSG_MAX && m->pdu.vbl.len > 100,
	    "huge getbulk over unix: %zu bytes, %zu varbinds", rlen,
	    m->pdu.vbl.len);
	if (fd >= 0)
		close(fd);
}

static void
setup(void)
{
	struct sn_error err;
	struct sn_oid o;
	struct sn_value v;
	char name[64];
	uint32_t i;

	sn_loop_new(&loop, &err);
	sn_agent_new(loop, &agent, &err);
	sn_mostore_new(&store);
	sn_agent_add_community(agent, "public", true);
	sn_agent_add_community(agent, "ro", false);
	o = O("1.3.6.1.2.1.1.1.0");
	v = sn_value_str(SN_T_OCTETS, "net test agent", 14);
	sn_mostore_put(store, &o, &v, false);
	o = O("1.3.6.1.2.1.1.4.0");
	v = sn_value_str(SN_T_OCTETS, "old", 3);
	sn_mostore_put(store, &o, &v, true);
	/* enough instances that a large GetBulk must be truncated */
	for (i = 1; i <= 5000; i++) {
		snprintf(name, sizeof(name), "1.3.6.1.2.1.99.1.2.%u", i);
		o = O(name);
		v = sn_value_str(SN_T_OCTETS,
		    "a value of some length to fill the message quickly", 50);
		sn_mostore_put(store, &o, &v, false);
	}
	o = O("1.3.6.1.2.1");
	sn_agent_register(agent, &o, sn_mostore_ops(), store, &err);
}

int
main(void)
{
	struct sn_error err;
	struct sn_agent_stats st;
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	struct sockaddr_un un, cun;
	struct sn_msg m;
	uint8_t buf[2048];
	size_t n, i;
	int fd, fd6, fdu;
	bool ok;
	char upath[96], cpath[96];
	const char *addr;

	sn_msg_init(&m);
	setup();
	tap_ok(sn_agent_listen(agent, "udp:127.0.0.1:0", &err) == 0,
	    "listen on udp:127.0.0.1:0");
	addr = sn_agent_address(agent, 0);
	tap_ok(addr != NULL && strncmp(addr, "udp:127.0.0.1:", 14) == 0 &&
	    port_of(addr) != 0, "address of listener 0: %s",
	    addr ? addr : "(null)");
	{
		char spec[64];

		snprintf(spec, sizeof(spec), "udp:127.0.0.1:%u",
		    (unsigned)port_of(addr ? addr : ""));
		tap_ok(sn_agent_listen(agent, spec, &err) < 0 &&
		    sn_agent_address(agent, 1) == NULL,
		    "listening on a port in use fails: %s", err.msg);
		tap_ok(sn_agent_listen(agent, "bogus:nowhere", &err) < 0,
		    "a bad address fails: %s", err.msg);
	}
	memset(&a4, 0, sizeof(a4));
	a4.sin_family = AF_INET;
	a4.sin_port = htons(port_of(addr ? addr : ""));
	a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_DGRAM, 0);

	n = request(SN_V2C, "public", SN_PDU_GET, 101, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	ok = exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 2000);
	tap_ok(ok && reply_is(&m, SN_V2C, 101) && m.pdu.vbl.len == 1 &&
	    m.pdu.vbl.vb[0].value.type == SN_T_OCTETS &&
	    m.pdu.vbl.vb[0].value.v.str.len == 14, "v2c get answered");
	tap_ok(ok && rfrom.ss_family == AF_INET &&
	    ((struct sockaddr_in *)&rfrom)->sin_port == a4.sin_port &&
	    ((struct sockaddr_in *)&rfrom)->sin_addr.s_addr ==
	    a4.sin_addr.s_addr, "answered from the address it was sent to");
	n = request(SN_V1, "public", SN_PDU_GETNEXT, 102, "1.3.6.1.2.1.1",
	    buf, sizeof(buf));
	tap_ok(exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 2000)
	    && reply_is(&m, SN_V1, 102) && m.pdu.vbl.len == 1,
	    "v1 getnext answered in v1");

	/* things to drop */
	n = request(SN_V2C, "wrong", SN_PDU_GET, 103, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	tap_ok(!exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 150),
	    "unknown community: no answer");
	/* a v2c GetBulk relabelled as SNMPv1 (the codec would not encode it) */
	n = request(SN_V2C, "public", SN_PDU_GETBULK, 104, "1.3.6.1.2.1",
	    buf, sizeof(buf));
	ok = n > 5 && buf[0] == 0x30 && buf[1] < 0x80 && buf[2] == 0x02 &&
	    buf[3] == 0x01 && buf[4] == 0x01;
	buf[4] = 0x00;
	tap_ok(ok && !exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n,
	    150), "GetBulk in v1: no answer");
	{
		/* an SNMPv3 header: SEQUENCE { INTEGER 3, ... } */
		static const char *v3 = "30 11 02 01 03 30 0c 02 01 01 02 02 "
		    "05 dc 04 01 04 02 01 03";
		long l = tap_unhex(v3, buf, sizeof(buf));

		tap_ok(l > 0 && !exchange(fd, (struct sockaddr *)&a4,
		    sizeof(a4), buf, (size_t)l, 150), "SNMPv3 message: no "
		    "answer");
	}
	ok = true;
	{
		static const char *junk[] = {
			"", "30", "30 84 ff ff ff ff", "30 03 02 01",
			"30 0a 02 01 01 04 06 70 75 62 6c 69 63",
			"a0 00", "ff ff ff ff ff ff ff ff",
			"30 80 02 01 01 00 00",
		};
		for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
			long l = tap_unhex(junk[i], buf, sizeof(buf));

			if (l < 0 || exchange(fd, (struct sockaddr *)&a4,
			    sizeof(a4), buf, (size_t)l, 60))
				ok = false;
		}
	}
	tap_ok(ok, "malformed datagrams: no answer");
	/* every prefix of a valid message, and random bytes */
	n = request(SN_V2C, "public", SN_PDU_GET, 105, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	ok = true;
	for (i = 1; i < n; i++) {
		if (exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, i,
		    20))
			ok = false;
	}
	srand(42);
	for (i = 0; i < 200; i++) {
		size_t j, l = (size_t)(rand() % 300);
		uint8_t junk[300];

		for (j = 0; j < l; j++)
			junk[j] = (uint8_t)rand();
		if (l > 0 && i % 2 == 0)
			junk[0] = 0x30;
		sendto(fd, junk, l, 0, (struct sockaddr *)&a4, sizeof(a4));
		sn_loop_run(loop, SN_RUN_NOWAIT);
	}
	tap_ok(ok, "truncated messages: no answer");
	/* flush what the random datagrams may have provoked */
	{
		struct pollfd p = { fd, POLLIN, 0 };
		int k = 0;

		for (k = 0; k < 50; k++) {
			sn_loop_run(loop, SN_RUN_NOWAIT);
			if (poll(&p, 1, 5) > 0)
				recv(fd, rbuf, sizeof(rbuf), 0);
		}
	}
	sn_agent_stats(agent, &st);
	tap_ok(st.bad_community_names == 1, "snmpInBadCommunityNames = 1");
	tap_ok(st.bad_versions >= 1, "snmpInBadVersions counted (%lu)",
	    st.bad_versions);
	tap_ok(st.asn_parse_errs >= 7 + n - 1, "snmpInASNParseErrs counted "
	    "(%lu)", st.asn_parse_errs);

	n = request(SN_V2C, "public", SN_PDU_GET, 106, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	tap_ok(exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 2000)
	    && reply_is(&m, SN_V2C, 106), "still answering after garbage");

	n = request(SN_V2C, "ro", SN_PDU_SET, 107, "1.3.6.1.2.1.1.4.0", buf,
	    sizeof(buf));
	tap_ok(exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 2000)
	    && reply_is(&m, SN_V2C, 107) &&
	    m.pdu.error_status == SN_ERR_NOACCESS && m.pdu.error_index == 1,
	    "read-only community set: noAccess");
	n = request(SN_V2C, "public", SN_PDU_SET, 108, "1.3.6.1.2.1.1.4.0",
	    buf, sizeof(buf));
	tap_ok(exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 2000)
	    && reply_is(&m, SN_V2C, 108) && m.pdu.error_status == 0,
	    "read-write community set: noError");

	/* a GetBulk larger than a datagram is truncated, not refused */
	n = request(SN_V2C, "public", SN_PDU_GETBULK, 109, "1.3.6.1.2.1.99",
	    buf, sizeof(buf));
	ok = exchange(fd, (struct sockaddr *)&a4, sizeof(a4), buf, n, 3000) &&
	    reply_is(&m, SN_V2C, 109);
	tap_ok(ok && rlen <= SN_MSG_MAX &&
	    m.pdu.error_status == 0 && m.pdu.vbl.len > 100 &&
	    m.pdu.vbl.len < 5000, "huge getbulk truncated: %zu bytes, %zu "
	    "varbinds", rlen, m.pdu.vbl.len);

	sn_agent_stats(agent, &st);
	tap_ok(st.out_pkts == 6 && st.in_pkts > st.out_pkts,
	    "snmpOutPkts = 6 (%lu), snmpInPkts %lu", st.out_pkts, st.in_pkts);

	/* udp6 */
	if (sn_agent_listen(agent, "udp6:[::1]:0", &err) == 0 &&
	    (fd6 = socket(AF_INET6, SOCK_DGRAM, 0)) >= 0) {
		addr = sn_agent_address(agent, 1);
		memset(&a6, 0, sizeof(a6));
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons(port_of(addr ? addr : ""));
		a6.sin6_addr = in6addr_loopback;
		n = request(SN_V2C, "public", SN_PDU_GET, 110,
		    "1.3.6.1.2.1.1.1.0", buf, sizeof(buf));
		tap_ok(exchange(fd6, (struct sockaddr *)&a6, sizeof(a6), buf,
		    n, 2000) && reply_is(&m, SN_V2C, 110),
		    "answered over udp6 (%s)", addr ? addr : "?");
		close(fd6);
	} else {
		tap_skip("no IPv6 loopback: %s", err.msg);
	}

	test_stream(&m);

	/* unixdg */
	snprintf(upath, sizeof(upath), "/tmp/snmpsh-rsp-%ld-dg.sock",
	    (long)getpid());
	snprintf(cpath, sizeof(cpath), "/tmp/snmpsh-rsp-%ld-c.sock",
	    (long)getpid());
	unlink(cpath);
	{
		char spec[128];

		snprintf(spec, sizeof(spec), "unixdg:%s", upath);
		tap_ok(sn_agent_listen(agent, spec, &err) == 0,
		    "listen on %s", spec);
	}
	fdu = socket(AF_UNIX, SOCK_DGRAM, 0);
	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	memcpy(un.sun_path, upath, strlen(upath) + 1);
	memset(&cun, 0, sizeof(cun));
	cun.sun_family = AF_UNIX;
	memcpy(cun.sun_path, cpath, strlen(cpath) + 1);
	bind(fdu, (struct sockaddr *)&cun, sizeof(cun));
	n = request(SN_V2C, "public", SN_PDU_GET, 111, "1.3.6.1.2.1.1.1.0",
	    buf, sizeof(buf));
	tap_ok(exchange(fdu, (struct sockaddr *)&un, sizeof(un), buf, n,
	    2000) && reply_is(&m, SN_V2C, 111), "answered over unixdg");
	close(fdu);
	unlink(cpath);

	close(fd);
	sn_msg_clear(&m);
	sn_agent_free(agent);
	sn_mostore_free(store);
	sn_loop_free(loop);
	unlink(upath);
	return tap_done();
}
