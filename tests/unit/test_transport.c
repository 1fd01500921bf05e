/*
 * Unit tests of transport addresses and transports (src/engine/
 * transport.c, tr_udp.c, tr_unix.c): the text forms Net-SNMP accepts,
 * good and bad, their canonical formatting, address equality, a round
 * trip over UDP/IPv4, UDP/IPv6 and Unix datagram sockets (unixdg:),
 * including close from inside the receive callback, and the unix: stream
 * transport: its framing of BER messages, client and server against each
 * other and against raw socket peers that dribble bytes, send two
 * messages in one write, send an oversized or malformed header, or close
 * mid-message; reconnection, the connection limit, the send queue bound,
 * and the socket path's life (stale file replaced, live one kept).
 */
#include "config.h"

#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <sys/un.h>
#include <unistd.h>

#include <sn/loop.h>
#include <sn/pdu.h>

#include "engine/tr_internal.h"
#include "tests/lib/tap.h"

struct row {
	const char *text;
	int rc;
	const char *want;	/* formatted, when rc == 0 */
};

static const struct row rows[] = {
	{ "127.0.0.1", 0, "udp:127.0.0.1:161" },
	{ "127.0.0.1:1161", 0, "udp:127.0.0.1:1161" },
	{ "udp:127.0.0.1:162", 0, "udp:127.0.0.1:162" },
	{ "UDP:127.0.0.1", 0, "udp:127.0.0.1:161" },
	{ "localhost", 0, "udp:127.0.0.1:161" },
	{ "udp:localhost:99", 0, "udp:127.0.0.1:99" },
	{ "udp6:[::1]:161", 0, "udp6:[::1]:161" },
	{ "udp6:[::1]", 0, "udp6:[::1]:161" },
	{ "udp6:::1", 0, "udp6:[::1]:161" },
	{ "udpv6:[::1]:5", 0, "udp6:[::1]:5" },
	{ "udpipv6:[::1]:6", 0, "udp6:[::1]:6" },
	{ "[::1]:1161", 0, "udp6:[::1]:1161" },
	{ "[::1]", 0, "udp6:[::1]:161" },
	{ "::1", 0, "udp6:[::1]:161" },
	{ "udp:[::1]:7", 0, "udp6:[::1]:7" },
	{ "udp6:[2001:db8::5]:1", 0, "udp6:[2001:db8::5]:1" },
	{ "1161", 0, "udp:0.0.0.0:1161" },
	{ "udp:1161", 0, "udp:0.0.0.0:1161" },
	{ "udp6:1161", 0, "udp6:[::]:1161" },
	{ "udp:127.0.0.1:0", 0, "udp:127.0.0.1:0" },
	{ "udp:127.0.0.1:65535", 0, "udp:127.0.0.1:65535" },
	{ "unix:/tmp/agent.sock", 0, "unix:/tmp/agent.sock" },
	{ "unix:relative.sock", 0, "unix:relative.sock" },
	{ "unixdg:/tmp/agent.sock", 0, "unixdg:/tmp/agent.sock" },
	{ "UNIXDG:/x", 0, "unixdg:/x" },
	{ "tcp:127.0.0.1", SN_EPROTO, NULL },
	{ "tcp:127.0.0.1:161", SN_EPROTO, NULL },
	{ "tcp6:[::1]:161", SN_EPROTO, NULL },
	{ "TCP:localhost", SN_EPROTO, NULL },
	{ "ipx:00000000:000000000000", SN_EPROTO, NULL },
	{ "foo:bar", SN_EPROTO, NULL },
	{ "127.0.0.1:65536", SN_EADDR, NULL },
	{ "127.0.0.1:99999999", SN_EADDR, NULL },
	{ "127.0.0.1:", SN_EADDR, NULL },
	{ "127.0.0.1:abc", SN_EADDR, NULL },
	{ "127.0.0.1:-1", SN_EADDR, NULL },
	{ "udp:127.0.0.1:1x", SN_EADDR, NULL },
	{ "udp:", SN_EADDR, NULL },
	{ "udp6:", SN_EADDR, NULL },
	{ "", SN_EADDR, NULL },
	{ ":161", SN_EADDR, NULL },
	{ "[::1", SN_EADDR, NULL },
	{ "[::1]x", SN_EADDR, NULL },
	{ "[::1]:", SN_EADDR, NULL },
	{ "[::1]:70000", SN_EADDR, NULL },
	{ "unix:", SN_EADDR, NULL },
	{ "unixdg:", SN_EADDR, NULL },
	{ "udp:[::1]:x", SN_EADDR, NULL },
	{ NULL, 0, NULL }
};

static void
test_table(void)
{
	const struct row *r;
	struct sn_taddr a;
	struct sn_error err;
	char buf[SN_TADDR_STR_MAX];
	char longpath[200];

	for (r = rows; r->text != NULL; r++) {
		int rc;

		sn_error_clear(&err);
		rc = sn_taddr_parse(r->text, 161, &a, &err);
		if (r->rc != 0) {
			tap_ok(rc == r->rc && err.code == r->rc &&
			    strstr(err.msg, r->text) != NULL,
			    "\"%s\" fails with %s naming the text (%s: %s)",
			    r->text, sn_errname(r->rc), sn_errname(rc),
			    err.msg);
			continue;
		}
		if (!tap_ok(rc == 0, "\"%s\" parses (%s)", r->text, err.msg))
			continue;
		sn_taddr_format(&a, buf, sizeof(buf));
		tap_ok(strcmp(buf, r->want) == 0, "\"%s\" formats as \"%s\" "
		    "(got \"%s\")", r->text, r->want, buf);
	}
	memset(longpath, 'a', sizeof(longpath) - 1);
	memcpy(longpath, "unix:/", 6);
	longpath[sizeof(longpath) - 1] = '\0';
	tap_ok(sn_taddr_parse(longpath, 161, &a, &err) == SN_EADDR,
	    "a unix path longer than sun_path fails");
	tap_ok(sn_taddr_parse("tcp:127.0.0.1", 161, &a, &err) == SN_EPROTO &&
	    strstr(err.msg, "TCP transport not supported yet") != NULL,
	    "tcp: says \"TCP transport not supported yet\" (%s)", err.msg);
	tap_ok(sn_taddr_parse("udp:127.0.0.1", 1162, &a, NULL) == 0 &&
	    sn_taddr_format(&a, buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "udp:127.0.0.1:1162") == 0,
	    "the caller's default port is used");
	tap_ok(sn_taddr_format(&a, buf, 5) == SN_ETOOLONG,
	    "format into a short buffer is SN_ETOOLONG");
}

static void
test_equal(void)
{
	struct sn_taddr a, b, c, u1, u2, u3, v6a, v6b, d1, k1, k2;

	sn_taddr_parse("127.0.0.1:161", 161, &a, NULL);
	sn_taddr_parse("udp:localhost", 161, &b, NULL);
	sn_taddr_parse("udp:127.0.0.1:162", 161, &c, NULL);
	sn_taddr_parse("unix:/tmp/a", 161, &u1, NULL);
	sn_taddr_parse("unix:/tmp/a", 161, &u2, NULL);
	sn_taddr_parse("unix:/tmp/b", 161, &u3, NULL);
	sn_taddr_parse("unixdg:/tmp/a", 161, &d1, NULL);
	sn_taddr_parse("udp6:[::1]:161", 161, &v6a, NULL);
	sn_taddr_parse("[::1]", 161, &v6b, NULL);
	tap_ok(sn_taddr_equal(&a, &b), "same address and port are equal");
	tap_ok(!sn_taddr_equal(&a, &c), "another port is not equal");
	tap_ok(sn_taddr_equal(&u1, &u2), "same unix path is equal");
	tap_ok(!sn_taddr_equal(&u1, &u3), "another unix path is not equal");
	tap_ok(!sn_taddr_equal(&u1, &d1), "unix: and unixdg: are not equal");
	k1 = u1;
	k2 = u1;
	k1.conn = 1;
	k2.conn = 2;
	tap_ok(!sn_taddr_equal(&k1, &k2) && !sn_taddr_equal(&k1, &u1) &&
	    sn_taddr_equal(&k1, &k1), "stream connections are told apart");
	tap_ok(sn_taddr_equal(&v6a, &v6b), "same IPv6 address is equal");
	tap_ok(!sn_taddr_equal(&a, &v6a), "IPv4 and IPv6 are not equal");
}

/* --- round trips -------------------------------------------------------- */

struct peer {
	struct sn_transport *t;
	int got;
	char last[64];
	struct sn_taddr from;
	bool echo;		/* send each datagram back */
	bool close_in_cb;	/* close on the first datagram */
};

static void
on_recv(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *from, void *ud)
{
	struct peer *p = ud;
	size_t n = len < sizeof(p->last) - 1 ? len : sizeof(p->last) - 1;

	p->got++;
	memcpy(p->last, buf, n);
	p->last[n] = '\0';
	p->from = *from;
	if (p->echo)
		sn_transport_send(t, buf, len, from, NULL);
	if (p->close_in_cb) {
		sn_transport_close(t);
		p->t = NULL;
	}
}

/* The client binds to the wildcard address: compare ports (or paths). */
static bool
same_port(const struct sn_taddr *a, const struct sn_taddr *b)
{
	if (a->ss.ss_family != b->ss.ss_family)
		return false;
	if (a->ss.ss_family == AF_INET)
		return ((const struct sockaddr_in *)&a->ss)->sin_port ==
		    ((const struct sockaddr_in *)&b->ss)->sin_port;
	if (a->ss.ss_family == AF_INET6)
		return ((const struct sockaddr_in6 *)&a->ss)->sin6_port ==
		    ((const struct sockaddr_in6 *)&b->ss)->sin6_port;
	return sn_taddr_equal(a, b);
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

static void
wait_for(struct sn_loop *loop, const int *count, int want)
{
	int i;

	for (i = 0; i < 200 && *count < want; i++) {
		turn(loop, 10);
	}
}

static void
round_trip(struct sn_loop *loop, const char *spec, const char *name)
{
	struct peer srv, cli;
	struct sn_taddr local, srv_addr;
	struct sn_error err;
	char buf[SN_TADDR_STR_MAX];
	int rc, i;

	memset(&srv, 0, sizeof(srv));
	memset(&cli, 0, sizeof(cli));
	srv.echo = true;
	if (sn_taddr_parse(spec, 0, &local, &err) != 0) {
		tap_ok(0, "%s: parse %s: %s", name, spec, err.msg);
		return;
	}
	rc = sn_transport_open_server(loop, &local, on_recv, &srv, &srv.t,
	    &err);
	if (!tap_ok(rc == 0, "%s: server opens on %s (%s)", name, spec,
	    err.msg))
		return;
	srv_addr = *sn_transport_local(srv.t);
	sn_taddr_format(&srv_addr, buf, sizeof(buf));
	rc = sn_transport_open_client(loop, &srv_addr, on_recv, &cli, &cli.t,
	    &err);
	if (!tap_ok(rc == 0, "%s: client opens (%s)", name, err.msg)) {
		sn_transport_close(srv.t);
		return;
	}
	rc = sn_transport_send(cli.t, (const uint8_t *)"hello", 5, &srv_addr,
	    &err);
	tap_ok(rc == 0, "%s: client sends to %s (%s)", name, buf, err.msg);
	wait_for(loop, &cli.got, 1);
	tap_ok(srv.got == 1 && strcmp(srv.last, "hello") == 0,
	    "%s: server received the datagram", name);
	tap_ok(same_port(&srv.from, sn_transport_local(cli.t)),
	    "%s: server sees the client's bound address", name);
	tap_ok(cli.got == 1 && strcmp(cli.last, "hello") == 0,
	    "%s: client received the echo", name);
	tap_ok(sn_taddr_equal(&cli.from, &srv_addr),
	    "%s: the echo comes from the server's address", name);

	/* three queued datagrams; the server closes on the first */
	srv.echo = false;
	srv.close_in_cb = true;
	srv.got = 0;
	sn_transport_send(cli.t, (const uint8_t *)"1", 1, &srv_addr, NULL);
	sn_transport_send(cli.t, (const uint8_t *)"2", 1, &srv_addr, NULL);
	sn_transport_send(cli.t, (const uint8_t *)"3", 1, &srv_addr, NULL);
	wait_for(loop, &srv.got, 1);
	for (i = 0; i < 10; i++)
		turn(loop, 10);	/* 100 ms for a second one not to come */
	tap_ok(srv.got == 1 && srv.t == NULL,
	    "%s: close inside the receive callback stops delivery (%d)",
	    name, srv.got);
	if (local.domain == SN_TD_UNIXDG) {
		struct stat st;
		char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
		const struct sockaddr_un *su = (const struct sockaddr_un *)
		    &sn_transport_local(cli.t)->ss;

		snprintf(path, sizeof(path), "%s", su->sun_path);
		tap_ok(stat(path, &st) == 0 && S_ISSOCK(st.st_mode) &&
		    (st.st_mode & 077) == 0,
		    "%s: the client socket is private (%s)", name, path);
		sn_transport_close(cli.t);
		tap_ok(stat(path, &st) != 0,
		    "%s: the client socket is removed at close", name);
		tap_ok(stat(spec + 7, &st) != 0,
		    "%s: the server socket was removed at close", name);
	} else {
		sn_transport_close(cli.t);
	}
}

/* --- unix: stream transport ------------------------------------------- */

static const char *
tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && *t != '\0' ? t : "/tmp";
}

static void
test_frames(void)
{
	static const struct {
		const char *hex;
		int rc;
		size_t total;
		const char *what;
	} f[] = {
		{ "", 1, 0, "nothing yet" },
		{ "30", 1, 0, "tag only" },
		{ "30 00", 0, 2, "empty SEQUENCE" },
		{ "30 03 02 01", 0, 5, "short form, content still coming" },
		{ "30 81", 1, 0, "long form, length byte missing" },
		{ "30 81 80", 0, 131, "long form, one byte" },
		{ "30 82 01", 1, 0, "long form, second length byte missing" },
		{ "30 82 01 00", 0, 260, "long form, two bytes" },
		{ "30 82 00 05", 0, 9, "long form, not minimal" },
		{ "30 83 00 ff e3", 0, 65512, "exactly SN_MSG_MAX content" },
		{ "30 83 00 ff e4", SN_ETOOBIG, 0, "one byte too long" },
		{ "30 84 00 01 00 00", SN_ETOOBIG, 0, "65536 bytes" },
		{ "30 84 ff ff ff ff", SN_ETOOBIG, 0, "4 GiB" },
		{ "30 85 00 00 00 00 10", SN_ELENGTH, 0, "five length bytes" },
		{ "30 80", SN_ELENGTH, 0, "indefinite form" },
		{ "02 01 00", SN_ETAG, 0, "an INTEGER, not a message" },
		{ "a0 03", SN_ETAG, 0, "a PDU without its message" },
	};
	uint8_t buf[16];
	size_t i, total;
	long n;
	int rc;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		n = tap_unhex(f[i].hex, buf, sizeof(buf));
		total = 0;
		rc = sn_tr_frame_len(buf, n > 0 ? (size_t)n : 0, &total);
		tap_ok(rc == f[i].rc && (rc != 0 || total == f[i].total),
		    "frame \"%s\" (%s): %d, total %zu", f[i].hex, f[i].what,
		    rc, total);
	}
}

/* Up to SPEER_MAX message lengths and the last message, kept whole. */
#define SPEER_MAX 16

struct speer {
	struct sn_transport *t;
	int got;
	size_t lens[SPEER_MAX];
	uint8_t last[SN_MSG_MAX + 8];
	size_t lastlen;
	struct sn_taddr from;
	bool echo;
	bool close_in_cb;
};

static struct speer ssrv, scli, scli2;

static void
on_stream(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *from, void *ud)
{
	struct speer *p = ud;

	if (p->got < SPEER_MAX)
		p->lens[p->got] = len;
	p->got++;
	memcpy(p->last, buf, len);
	p->lastlen = len;
	p->from = *from;
	if (p->echo)
		sn_transport_send(t, buf, len, from, NULL);
	if (p->close_in_cb) {
		sn_transport_close(t);
		p->t = NULL;
	}
}

static void
speer_reset(struct speer *p)
{
	struct sn_transport *t = p->t;

	memset(p, 0, sizeof(*p));
	p->t = t;
}

/* A SEQUENCE of content bytes (minimal length form); total length. */
static size_t
mkmsg(uint8_t *buf, size_t content, uint8_t seed)
{
	size_t h, i;

	buf[0] = 0x30;
	if (content < 0x80) {
		buf[1] = (uint8_t)content;
		h = 2;
	} else if (content < 0x100) {
		buf[1] = 0x81;
		buf[2] = (uint8_t)content;
		h = 3;
	} else if (content < 0x10000) {
		buf[1] = 0x82;
		buf[2] = (uint8_t)(content >> 8);
		buf[3] = (uint8_t)content;
		h = 4;
	} else {
		buf[1] = 0x83;
		buf[2] = (uint8_t)(content >> 16);
		buf[3] = (uint8_t)(content >> 8);
		buf[4] = (uint8_t)content;
		h = 5;
	}
	for (i = 0; i < content; i++)
		buf[h + i] = (uint8_t)(seed + i * 7);
	return h + content;
}

static bool
same_msg(const struct speer *p, const uint8_t *want, size_t len)
{
	return p->lastlen == len && memcmp(p->last, want, len) == 0;
}

/* Turn the loop until *count >= want or about two seconds pass. */
static void
swait(struct sn_loop *loop, const int *count, int want)
{
	int i;

	for (i = 0; i < 200 && *count < want; i++)
		turn(loop, 10);
}

static int
raw_listen(const char *path)
{
	struct sockaddr_un su;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&su, 0, sizeof(su));
	su.sun_family = AF_UNIX;
	snprintf(su.sun_path, sizeof(su.sun_path), "%s", path);
	unlink(path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&su, sizeof(su)) != 0 ||
	    listen(fd, 8) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int
raw_connect(const char *path)
{
	struct sockaddr_un su;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&su, 0, sizeof(su));
	su.sun_family = AF_UNIX;
	snprintf(su.sun_path, sizeof(su.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&su, sizeof(su)) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Is fd readable within ms, turning the loop meanwhile? */
static bool
raw_ready(struct sn_loop *loop, int fd, int ms)
{
	int i;

	for (i = 0; i < ms / 5 + 1; i++) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (poll(&p, 1, 0) > 0)
			return true;
		turn(loop, 5);
	}
	return false;
}

static int
raw_accept(struct sn_loop *loop, int lfd)
{
	if (!raw_ready(loop, lfd, 2000))
		return -1;
	return accept(lfd, NULL, NULL);
}

/*
 * Read up to want bytes from fd within about two seconds, turning the
 * loop; returns the count, or -1 when the peer closed before any byte.
 */
static long
raw_read(struct sn_loop *loop, int fd, uint8_t *buf, size_t want)
{
	size_t got = 0;
	int i;

	for (i = 0; i < 400 && got < want; i++) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 0) <= 0) {
			turn(loop, 5);
			continue;
		}
		n = read(fd, buf + got, want - got);
		if (n <= 0)
			return got > 0 ? (long)got : -1;
		got += (size_t)n;
	}
	return (long)got;
}

/* True when fd shows end of file (the transport closed it) in time. */
static bool
raw_eof(struct sn_loop *loop, int fd)
{
	uint8_t b[256];

	while (raw_ready(loop, fd, 2000)) {
		ssize_t n = read(fd, b, sizeof(b));

		if (n == 0)
			return true;
		if (n < 0)
			return false;
	}
	return false;
}

static bool
err_is(const struct sn_transport *t, int code, const char *needle)
{
	const struct sn_error *e = sn_transport_last_error(t);

	return e->code == code && strstr(e->msg, needle) != NULL;
}

static void
stream_round_trip(struct sn_loop *loop, const char *path)
{
	static uint8_t big[SN_MSG_MAX + 8];
	struct sn_taddr local, srv_addr, from1;
	struct sn_error err;
	struct stat st;
	uint8_t m[300];
	char spec[128], buf[SN_TADDR_STR_MAX];
	size_t n, bn;
	int rc;

	sn_error_clear(&err);
	memset(&ssrv, 0, sizeof(ssrv));
	memset(&scli, 0, sizeof(scli));
	memset(&scli2, 0, sizeof(scli2));
	ssrv.echo = true;
	snprintf(spec, sizeof(spec), "unix:%s", path);
	unlink(path);
	sn_taddr_parse(spec, 0, &local, NULL);
	rc = sn_transport_open_server(loop, &local, on_stream, &ssrv, &ssrv.t,
	    &err);
	if (!tap_ok(rc == 0, "unix: server listens on %s (%s)", spec,
	    err.msg))
		return;
	srv_addr = *sn_transport_local(ssrv.t);
	sn_taddr_format(&srv_addr, buf, sizeof(buf));
	tap_ok(strcmp(buf, spec) == 0 && stat(path, &st) == 0 &&
	    S_ISSOCK(st.st_mode), "unix: the server's address is %s", buf);
	rc = sn_transport_open_client(loop, &srv_addr, on_stream, &scli,
	    &scli.t, &err);
	rc |= sn_transport_open_client(loop, &srv_addr, on_stream, &scli2,
	    &scli2.t, &err);
	if (!tap_ok(rc == 0, "unix: two clients open (%s)", err.msg))
		return;
	sn_taddr_format(sn_transport_local(scli.t), buf, sizeof(buf));
	tap_ok(strcmp(buf, "unix:") == 0, "unix: a client has no name (%s)",
	    buf);

	n = mkmsg(m, 20, 1);
	rc = sn_transport_send(scli.t, m, n, &srv_addr, &err);
	tap_ok(rc == 0, "unix: client 1 sends (%s)", err.msg);
	swait(loop, &scli.got, 1);
	tap_ok(ssrv.got == 1 && same_msg(&ssrv, m, n) && ssrv.from.conn != 0,
	    "unix: the server got the message on connection %llu",
	    (unsigned long long)ssrv.from.conn);
	tap_ok(scli.got == 1 && same_msg(&scli, m, n) &&
	    sn_taddr_equal(&scli.from, &srv_addr),
	    "unix: the echo reached client 1, from the server's address");
	from1 = ssrv.from;

	n = mkmsg(m, 200, 2);
	sn_transport_send(scli2.t, m, n, &srv_addr, NULL);
	swait(loop, &scli2.got, 1);
	tap_ok(ssrv.got == 2 && ssrv.from.conn != from1.conn &&
	    !sn_taddr_equal(&ssrv.from, &from1),
	    "unix: client 2 comes on another connection");
	tap_ok(scli2.got == 1 && same_msg(&scli2, m, n) && scli.got == 1,
	    "unix: the echo went to client 2 only");

	/* larger than a socket buffer's single read, both ways */
	bn = mkmsg(big, SN_MSG_MAX - 5, 3);
	rc = sn_transport_send(scli.t, big, bn, &srv_addr, &err);
	swait(loop, &scli.got, 2);
	tap_ok(rc == 0 && ssrv.got == 3 && ssrv.lens[2] == bn &&
	    scli.got == 2 && same_msg(&scli, big, bn),
	    "unix: a %zu-byte message goes and comes back whole", bn);

	/* two messages queued; the server closes on the first */
	ssrv.echo = false;
	ssrv.close_in_cb = true;
	speer_reset(&ssrv);
	ssrv.close_in_cb = true;
	n = mkmsg(m, 5, 4);
	sn_transport_send(scli.t, m, n, &srv_addr, NULL);
	sn_transport_send(scli.t, m, n, &srv_addr, NULL);
	swait(loop, &ssrv.got, 1);
	turn(loop, 50);
	tap_ok(ssrv.got == 1 && ssrv.t == NULL,
	    "unix: close inside the receive callback stops delivery (%d)",
	    ssrv.got);
	tap_ok(stat(path, &st) != 0, "unix: the server socket was removed "
	    "at close");
	turn(loop, 20);
	tap_ok(sn_transport_last_error(scli.t)->code == 0,
	    "unix: a clean close between messages is no error (%s)",
	    sn_transport_last_error(scli.t)->msg);
	rc = sn_transport_send(scli.t, m, n, &srv_addr, &err);
	tap_ok(rc == SN_ESEND && strstr(err.msg, path) != NULL,
	    "unix: sending with nobody at the path fails at once (%s)",
	    err.msg);
	sn_transport_close(scli.t);
	sn_transport_close(scli2.t);
}

static void
stream_raw_server(struct sn_loop *loop, const char *path)
{
	struct sn_taddr peer, other;
	struct sn_error err;
	uint8_t m[400], two[400], r[400];
	char spec[128];
	size_t n, n2, i;
	long got;
	int lfd, fd, rc, ok;

	sn_error_clear(&err);
	snprintf(spec, sizeof(spec), "unix:%s", path);
	sn_taddr_parse(spec, 0, &peer, NULL);
	if (!tap_ok((lfd = raw_listen(path)) >= 0, "raw server on %s", path))
		return;
	memset(&scli, 0, sizeof(scli));
	sn_transport_open_client(loop, &peer, on_stream, &scli, &scli.t,
	    NULL);
	sn_taddr_parse("unix:/nowhere/else", 0, &other, NULL);
	tap_ok(sn_transport_send(scli.t, m, 2, &other, &err) == SN_ESEND,
	    "a unix: client sends only to its peer (%s)", err.msg);
	n = mkmsg(m, 30, 5);
	rc = sn_transport_send(scli.t, m, n, &peer, &err);
	fd = raw_accept(loop, lfd);
	got = fd >= 0 ? raw_read(loop, fd, r, n) : -1;
	tap_ok(rc == 0 && got == (long)n && memcmp(r, m, n) == 0,
	    "client connects and writes the message as-is (%ld bytes)", got);

	/* a reply dribbled byte by byte */
	n = mkmsg(m, 40, 6);
	ok = 1;
	for (i = 0; i < n; i++) {
		ok &= write(fd, m + i, 1) == 1;
		turn(loop, 2);
		turn(loop, 1);
		if (i + 1 < n && scli.got != 0)
			ok = 0;
	}
	swait(loop, &scli.got, 1);
	tap_ok(ok && scli.got == 1 && same_msg(&scli, m, n),
	    "a reply dribbled byte by byte arrives once, whole");
	/* two messages in one write */
	n = mkmsg(two, 3, 7);
	n2 = mkmsg(two + n, 150, 8);
	ok = write(fd, two, n + n2) == (ssize_t)(n + n2);
	swait(loop, &scli.got, 3);
	tap_ok(ok && scli.got == 3 && scli.lens[1] == n &&
	    scli.lens[2] == n2 && same_msg(&scli, two + n, n2),
	    "two messages in one write arrive as two, in order");
	/* a long-form header split across writes */
	n = mkmsg(m, 300, 9);
	ok = write(fd, m, 1) == 1;
	turn(loop, 5);
	ok &= write(fd, m + 1, 2) == 2;
	turn(loop, 5);
	ok &= write(fd, m + 3, n - 3) == (ssize_t)(n - 3);
	swait(loop, &scli.got, 4);
	tap_ok(ok && scli.got == 4 && same_msg(&scli, m, n),
	    "a header split across writes is reassembled");

	/* an oversized length closes the connection */
	tap_unhex("30 84 00 01 00 00 02 01", two, sizeof(two));
	ok = write(fd, two, 8) == 8;
	tap_ok(ok && raw_eof(loop, fd) && scli.got == 4 &&
	    err_is(scli.t, SN_ETOOBIG, path),
	    "an oversized length header closes the connection: %s",
	    sn_transport_last_error(scli.t)->msg);
	close(fd);
	/* the next send connects again */
	sn_error_clear(&err);
	n = mkmsg(m, 10, 10);
	rc = sn_transport_send(scli.t, m, n, &peer, &err);
	fd = raw_accept(loop, lfd);
	got = fd >= 0 ? raw_read(loop, fd, r, n) : -1;
	tap_ok(rc == 0 && got == (long)n && memcmp(r, m, n) == 0,
	    "the next send reconnects (%s)", err.msg);
	/* the peer closes in the middle of a message */
	tap_unhex("30 10 02 01", two, sizeof(two));
	ok = write(fd, two, 4) == 4;
	close(fd);
	for (i = 0; i < 100 &&
	    sn_transport_last_error(scli.t)->code != SN_ETRUNC; i++)
		turn(loop, 10);
	tap_ok(ok && scli.got == 4 && err_is(scli.t, SN_ETRUNC, "4 bytes"),
	    "a peer closing mid-message is an error, nothing delivered: %s",
	    sn_transport_last_error(scli.t)->msg);
	/* a frame that is no SEQUENCE; then an indefinite length */
	sn_transport_send(scli.t, m, n, &peer, NULL);
	fd = raw_accept(loop, lfd);
	ok = fd >= 0 && raw_read(loop, fd, r, n) == (long)n &&
	    write(fd, "\x02\x01\x00", 3) == 3;
	tap_ok(ok && raw_eof(loop, fd) && err_is(scli.t, SN_ETAG, path),
	    "a frame that is not a SEQUENCE closes the connection: %s",
	    sn_transport_last_error(scli.t)->msg);
	if (fd >= 0)
		close(fd);
	sn_transport_send(scli.t, m, n, &peer, NULL);
	fd = raw_accept(loop, lfd);
	ok = fd >= 0 && raw_read(loop, fd, r, n) == (long)n &&
	    write(fd, "\x30\x80\x02\x01\x00\x00\x00", 7) == 7;
	tap_ok(ok && raw_eof(loop, fd) && err_is(scli.t, SN_ELENGTH, path),
	    "an indefinite length closes the connection: %s",
	    sn_transport_last_error(scli.t)->msg);
	if (fd >= 0)
		close(fd);
	tap_ok(scli.got == 4, "no bad frame was delivered (%d)", scli.got);
	/* the raw server goes away, leaving its socket file behind */
	close(lfd);
	rc = sn_transport_send(scli.t, m, n, &peer, &err);
	tap_ok(rc == SN_ESEND && strstr(err.msg, path) != NULL,
	    "a refused connection fails the send at once (%s)", err.msg);
	sn_transport_close(scli.t);
}

static void
stream_raw_clients(struct sn_loop *loop, const char *path)
{
	static uint8_t big[SN_MSG_MAX + 8], sink[SN_MSG_MAX + 8];
	struct sn_taddr local, from1, from4;
	struct sn_transport *dup = NULL;
	struct sn_error err;
	struct stat st;
	uint8_t m[300], two[300], r[600];
	char spec[128];
	size_t n, n2, i, bn, total;
	long got;
	int fd1, fd2, fd3, fd4, fds[SN_TR_STREAM_CONNS + 8];
	int rc, ok, sent, eofs, nfd;

	sn_error_clear(&err);
	snprintf(spec, sizeof(spec), "unix:%s", path);
	sn_taddr_parse(spec, 0, &local, NULL);
	/* the raw server of the previous test left a stale socket file */
	tap_ok(stat(path, &st) == 0 && S_ISSOCK(st.st_mode),
	    "a stale socket file is at %s", path);
	memset(&ssrv, 0, sizeof(ssrv));
	ssrv.echo = true;
	rc = sn_transport_open_server(loop, &local, on_stream, &ssrv, &ssrv.t,
	    &err);
	if (!tap_ok(rc == 0, "a server replaces the stale socket file (%s)",
	    err.msg))
		return;
	rc = sn_transport_open_server(loop, &local, on_stream, &ssrv, &dup,
	    &err);
	tap_ok(rc == SN_ESOCKET && dup == NULL &&
	    strstr(err.msg, "in use") != NULL,
	    "a second server on a live path fails (%s)", err.msg);
	tap_ok(stat(path, &st) == 0, "and leaves the live socket in place");

	/* two messages in one write, from one raw client */
	fd1 = raw_connect(path);
	n = mkmsg(two, 8, 11);
	n2 = mkmsg(two + n, 100, 12);
	ok = fd1 >= 0 && write(fd1, two, n + n2) == (ssize_t)(n + n2);
	swait(loop, &ssrv.got, 2);
	from1 = ssrv.from;
	got = ok ? raw_read(loop, fd1, r, n + n2) : -1;
	tap_ok(ssrv.got == 2 && ssrv.lens[0] == n && ssrv.lens[1] == n2 &&
	    got == (long)(n + n2) && memcmp(r, two, n + n2) == 0,
	    "two messages in one write: both handled, replies on the same "
	    "connection");
	/* a second raw client dribbles its message */
	fd2 = raw_connect(path);
	n = mkmsg(m, 60, 13);
	ok = fd2 >= 0;
	for (i = 0; ok && i < n; i++) {
		ok = write(fd2, m + i, 1) == 1;
		turn(loop, 1);
		if (i + 1 < n && ssrv.got != 2)
			ok = 0;
	}
	swait(loop, &ssrv.got, 3);
	got = ok ? raw_read(loop, fd2, r, n) : -1;
	tap_ok(ok && ssrv.got == 3 && same_msg(&ssrv, m, n) &&
	    ssrv.from.conn != from1.conn && got == (long)n,
	    "a dribbled request is handled once, on its own connection");
	tap_ok(!raw_ready(loop, fd1, 20), "the first client got nothing of it");
	/* an oversized header from a third closes that one only */
	fd3 = raw_connect(path);
	ok = fd3 >= 0 && write(fd3, "\x30\x84\x7f\x00\x00\x00", 6) == 6;
	tap_ok(ok && raw_eof(loop, fd3) && err_is(ssrv.t, SN_ETOOBIG,
	    "connection"), "an oversized header closes its connection: %s",
	    sn_transport_last_error(ssrv.t)->msg);
	n = mkmsg(m, 9, 14);
	ok = write(fd1, m, n) == (ssize_t)n;
	got = raw_read(loop, fd1, r, n);
	tap_ok(ok && got == (long)n && ssrv.got == 4,
	    "the other connections are still served");
	if (fd3 >= 0)
		close(fd3);
	/* a reply to a connection that has gone */
	close(fd1);
	turn(loop, 20);
	turn(loop, 1);
	rc = sn_transport_send(ssrv.t, m, n, &from1, &err);
	tap_ok(rc == SN_ESEND, "a reply to a closed connection fails (%s)",
	    err.msg);

	/* the connection limit: one is open (fd2) */
	nfd = 0;
	for (i = 0; i < SN_TR_STREAM_CONNS + 3; i++) {
		if ((fds[nfd] = raw_connect(path)) >= 0)
			nfd++;
		turn(loop, 1);
	}
	for (i = 0; i < 10; i++)
		turn(loop, 5);
	eofs = 0;
	for (i = 0; i < (size_t)nfd; i++) {
		struct pollfd p = { fds[i], POLLIN, 0 };
		uint8_t b;

		if (poll(&p, 1, 0) > 0 && read(fds[i], &b, 1) == 0)
			eofs++;
	}
	tap_ok(nfd == SN_TR_STREAM_CONNS + 3 && eofs == 4 &&
	    err_is(ssrv.t, SN_ELIMIT, "connections"),
	    "past %d connections the newest are closed (%d of %d): %s",
	    SN_TR_STREAM_CONNS, eofs, nfd,
	    sn_transport_last_error(ssrv.t)->msg);
	for (i = 0; i < (size_t)nfd; i++)
		close(fds[i]);
	for (i = 0; i < 10; i++)
		turn(loop, 5);
	fd4 = raw_connect(path);
	n = mkmsg(m, 1, 15);
	ok = fd4 >= 0 && write(fd4, m, n) == (ssize_t)n;
	speer_reset(&ssrv);
	ssrv.echo = false;
	swait(loop, &ssrv.got, 1);
	from4 = ssrv.from;
	tap_ok(ok && ssrv.got == 1, "closed connections free their slots");

	/* a client that does not read: the send queue is bounded */
	bn = mkmsg(big, 60000, 16);
	sent = 0;
	rc = 0;
	for (i = 0; i < 100 && rc == 0; i++) {
		rc = sn_transport_send(ssrv.t, big, bn, &from4, &err);
		if (rc == 0)
			sent++;
	}
	tap_ok(rc == SN_ESEND && strstr(err.msg, "waiting") != NULL &&
	    sent >= SN_TR_STREAM_QUEUE / 60000,
	    "the send queue is bounded: %d messages taken, then %s", sent,
	    err.msg);
	/* everything taken arrives whole and in order */
	total = 0;
	ok = 1;
	for (i = 0; i < (size_t)sent && ok; i++) {
		got = raw_read(loop, fd4, sink, bn);
		ok = got == (long)bn && memcmp(sink, big, bn) == 0;
		total += got > 0 ? (size_t)got : 0;
	}
	tap_ok(ok && total == (size_t)sent * bn && !raw_ready(loop, fd4, 20),
	    "a reader then gets the %d messages whole (%zu bytes)", sent,
	    total);
	close(fd4);
	if (fd2 >= 0)
		close(fd2);
	sn_transport_close(ssrv.t);
	tap_ok(stat(path, &st) != 0, "the server removes its path at close");
}

int
main(void)
{
	struct sn_loop *loop;
	struct sn_error err;
	char spec[128], spath[108];

	test_table();
	test_equal();
	if (sn_loop_new(&loop, &err) != 0) {
		tap_ok(0, "sn_loop_new: %s", err.msg);
		return tap_done();
	}
	round_trip(loop, "udp:127.0.0.1:0", "udp");
	round_trip(loop, "udp6:[::1]:0", "udp6");
	snprintf(spec, sizeof(spec), "unixdg:%s/snmpsh-tt-%ld.sock",
	    tmpdir(), (long)getpid());
	round_trip(loop, spec, "unixdg");
	test_frames();
	snprintf(spath, sizeof(spath), "%s/snmpsh-ts-%ld.sock", tmpdir(),
	    (long)getpid());
	stream_round_trip(loop, spath);
	stream_raw_server(loop, spath);
	stream_raw_clients(loop, spath);
	tap_ok(sn_loop_run(loop, SN_RUN_NOWAIT) == 0,
	    "no watcher is left after every transport closed");
	sn_loop_free(loop);
	return tap_done();
}
