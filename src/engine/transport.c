/*
 * Transport addresses and the transport handle.  Addresses are written as
 * Net-SNMP writes them, "[udp:|udp6:|unix:]host[:port]" (RFC 3419 §2
 * names the udp/udpipv6 domains; RFC 3417 §3 gives UDP port 161 as the
 * agent default, passed in by the caller), plus "unixdg:" for Unix
 * datagram sockets.  A datagram handle reads every pending datagram on
 * each wake-up (bounded) and hands each to its callback; the unix: stream
 * side lives in tr_unix.c.  A handle may be closed from inside its
 * callback.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine/tr_internal.h"

/* Receive buffer: the largest UDP payload and then some. */
#define RECV_BUF 65536
/* Datagrams read per wake-up, so one busy socket cannot starve the loop. */
#define RECV_BURST 64

/* --- address text ------------------------------------------------------- */

struct prefix {
	const char *name;
	int domain;	/* enum sn_tdomain, or -1: known but unsupported */
};

/* Net-SNMP's domain names (snmp_transport.c), case-insensitive. */
static const struct prefix prefixes[] = {
	{ "udp", SN_TD_UDP },
	{ "udp6", SN_TD_UDP6 },
	{ "udpv6", SN_TD_UDP6 },
	{ "udpipv6", SN_TD_UDP6 },
	{ "ipv6", SN_TD_UDP6 },
	{ "unix", SN_TD_UNIX },
	{ "unixdg", SN_TD_UNIXDG },
	{ "tcp", -1 },
	{ "tcp6", -1 },
	{ "tcpv6", -1 },
	{ "tcpipv6", -1 },
	{ "ipx", -2 },
	{ "aal5pvc", -2 },
	{ "pvc", -2 },
	{ "dtlsudp", -2 },
	{ "tlstcp", -2 },
	{ "ssh", -2 },
	{ "callback", -2 },
	{ "alias", -2 },
	{ "std", -2 },
	{ NULL, 0 }
};

static bool
all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return true;
}

static int
parse_port(const char *s, size_t n, uint16_t *port, const char *text,
    struct sn_error *err)
{
	unsigned long v = 0;
	size_t i;

	if (!all_digits(s, n) || n > 5)
		return sn_error_set(err, SN_EADDR, "%s: bad port number",
		    text);
	for (i = 0; i < n; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	if (v > 65535)
		return sn_error_set(err, SN_EADDR, "%s: port out of range",
		    text);
	*port = (uint16_t)v;
	return 0;
}

/* "foo" in "foo:bar": a name like Net-SNMP's domain names, not a host. */
static bool
looks_like_domain(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (i = 1; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/*
 * Resolve host (NUL-terminated) for family (AF_INET, AF_INET6, or
 * AF_UNSPEC: IPv4 first) into out.
 */
static int
resolve(const char *host, int family, uint16_t port, struct sn_taddr *out,
    const char *text, struct sn_error *err)
{
	struct addrinfo hints, *res = NULL, *ai;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_family = family;
	hints.ai_flags = AI_NUMERICHOST;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		hints.ai_flags = 0;
		rc = getaddrinfo(host, NULL, &hints, &res);
	}
	if (rc != 0)
		return sn_error_set(err, SN_EADDR, "%s: %s", text,
		    gai_strerror(rc));
	/* first IPv4 address, else the first of any family asked for */
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET)
			break;
	}
	if (ai == NULL || family == AF_INET6)
		ai = res;
	for (; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6)
			break;
	}
	if (ai == NULL || ai->ai_addrlen > sizeof(out->ss)) {
		freeaddrinfo(res);
		return sn_error_set(err, SN_EADDR, "%s: no usable address",
		    text);
	}
	memcpy(&out->ss, ai->ai_addr, ai->ai_addrlen);
	out->len = (socklen_t)ai->ai_addrlen;
	freeaddrinfo(res);
	if (out->ss.ss_family == AF_INET)
		((struct sockaddr_in *)&out->ss)->sin_port = htons(port);
	else
		((struct sockaddr_in6 *)&out->ss)->sin6_port = htons(port);
	return 0;
}

static int
set_any(int family, uint16_t port, struct sn_taddr *out)
{
	memset(&out->ss, 0, sizeof(out->ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_any;
		s6->sin6_port = htons(port);
		out->len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&out->ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_ANY);
		s4->sin_port = htons(port);
		out->len = sizeof(*s4);
	}
	return 0;
}

static bool
is_ipv6_literal(const char *s)
{
	struct in6_addr a;
	char tmp[INET6_ADDRSTRLEN + 64];
	const char *pct = strchr(s, '%');
	size_t n = pct != NULL ? (size_t)(pct - s) : strlen(s);

	if (n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET6, tmp, &a) == 1;
}

/*
 * Parse the part after the domain prefix: "host", "host:port", "[v6]",
 * "[v6]:port", a bare IPv6 literal ("::1", as Net-SNMP's udp6 accepts),
 * or only a port ("1161": the wildcard address).
 */
static int
parse_ip(const char *rest, bool v6, bool prefixed, uint16_t default_port,
    struct sn_taddr *out, const char *text, struct sn_error *err)
{
	char host[NI_MAXHOST];
	const char *colon, *hp = rest;
	size_t hn;
	uint16_t port = default_port;
	int family = v6 ? AF_INET6 : AF_INET;
	int rc;

	if (*rest == '\0')
		return sn_error_set(err, SN_EADDR, "%s: missing host", text);
	if (all_digits(rest, strlen(rest))) {
		if ((rc = parse_port(rest, strlen(rest), &port, text, err)))
			return rc;
		return set_any(family, port, out);
	}
	if (*rest == '[') {
		const char *close = strchr(rest, ']');

		if (close == NULL)
			return sn_error_set(err, SN_EADDR,
			    "%s: missing ']'", text);
		hp = rest + 1;
		hn = (size_t)(close - hp);
		if (close[1] == ':') {
			rc = parse_port(close + 2, strlen(close + 2), &port,
			    text, err);
			if (rc != 0)
				return rc;
		} else if (close[1] != '\0') {
			return sn_error_set(err, SN_EADDR,
			    "%s: junk after ']'", text);
		}
		family = AF_INET6;
	} else if (is_ipv6_literal(rest)) {
		/* "::1": the whole text is the address */
		hn = strlen(rest);
		family = AF_INET6;
	} else if ((colon = strrchr(rest, ':')) != NULL) {
		hn = (size_t)(colon - rest);
		if (hn > 0 && memchr(rest, ':', hn) != NULL) {
			/* "fe80::1:161": a literal followed by a port */
			if (!v6)
				return sn_error_set(err, SN_EADDR,
				    "%s: write IPv6 addresses as [addr]:port",
				    text);
			family = AF_INET6;
		} else if (!prefixed && looks_like_domain(rest, hn) &&
		    !all_digits(colon + 1, strlen(colon + 1))) {
			return sn_error_set(err, SN_EPROTO,
			    "%s: unknown transport \"%.*s\"", text, (int)hn,
			    rest);
		}
		rc = parse_port(colon + 1, strlen(colon + 1), &port, text,
		    err);
		if (rc != 0)
			return rc;
	} else {
		hn = strlen(rest);
	}
	if (hn == 0)
		return sn_error_set(err, SN_EADDR, "%s: missing host", text);
	if (hn >= sizeof(host))
		return sn_error_set(err, SN_EADDR, "%s: host name too long",
		    text);
	memcpy(host, hp, hn);
	host[hn] = '\0';
	if (!v6 && family == AF_INET && !prefixed) {
		/* no domain given: IPv4 first, then IPv6 (Net-SNMP tries
		 * udp, then udp6) */
		rc = resolve(host, AF_UNSPEC, port, out, text, err);
	} else {
		rc = resolve(host, family, port, out, text, err);
	}
	return rc;
}

int
sn_taddr_parse(const char *text, uint16_t default_port, struct sn_taddr *out,
    struct sn_error *err)
{
	const struct prefix *p;
	const char *colon, *rest = text;
	int domain = SN_TD_UDP;
	bool prefixed = false;
	int rc;

	if (text == NULL || out == NULL)
		return sn_error_set(err, SN_EINVAL, "no address");
	memset(out, 0, sizeof(*out));
	colon = strchr(text, ':');
	if (colon != NULL && colon > text && text[0] != '[') {
		size_t n = (size_t)(colon - text);

		for (p = prefixes; p->name != NULL; p++) {
			if (strlen(p->name) == n &&
			    strncasecmp(p->name, text, n) == 0)
				break;
		}
		if (p->name != NULL) {
			if (p->domain == -1)
				return sn_error_set(err, SN_EPROTO,
				    "%s: TCP transport not supported yet",
				    text);
			if (p->domain < 0)
				return sn_error_set(err, SN_EPROTO,
				    "%s: transport \"%.*s\" not supported",
				    text, (int)n, text);
			domain = p->domain;
			rest = colon + 1;
			prefixed = true;
		}
	}
	out->domain = (enum sn_tdomain)domain;
	if (domain == SN_TD_UNIX || domain == SN_TD_UNIXDG)
		return sn_tr_unix_addr(rest, (enum sn_tdomain)domain, out,
		    err);
	rc = parse_ip(rest, domain == SN_TD_UDP6, prefixed, default_port, out,
	    text, err);
	if (rc == 0)
		out->domain = (enum sn_tdomain)domain;
	return rc;
}

int
sn_taddr_format(const struct sn_taddr *a, char *buf, size_t cap)
{
	char host[INET6_ADDRSTRLEN];
	int n;

	if (cap == 0)
		return SN_ETOOLONG;
	switch (a->ss.ss_family) {
	case AF_INET: {
		const struct sockaddr_in *s4 =
		    (const struct sockaddr_in *)&a->ss;

		inet_ntop(AF_INET, &s4->sin_addr, host, sizeof(host));
		n = snprintf(buf, cap, "udp:%s:%u", host,
		    (unsigned)ntohs(s4->sin_port));
		break;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *s6 =
		    (const struct sockaddr_in6 *)&a->ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof(host));
		n = snprintf(buf, cap, "udp6:[%s]:%u", host,
		    (unsigned)ntohs(s6->sin6_port));
		break;
	}
	case AF_UNIX: {
		const struct sockaddr_un *su =
		    (const struct sockaddr_un *)&a->ss;
		size_t off = offsetof(struct sockaddr_un, sun_path);
		size_t pl = a->len > off ? a->len - off : 0;

		pl = strnlen(su->sun_path, pl);
		n = snprintf(buf, cap, "%s:%.*s",
		    a->domain == SN_TD_UNIXDG ? "unixdg" : "unix", (int)pl,
		    su->sun_path);
		break;
	}
	default:
		n = snprintf(buf, cap, "unknown");
		break;
	}
	if (n < 0 || (size_t)n >= cap)
		return SN_ETOOLONG;
	return n;
}

bool
sn_taddr_equal(const struct sn_taddr *a, const struct sn_taddr *b)
{
	if (a->ss.ss_family != b->ss.ss_family || a->conn != b->conn)
		return false;
	switch (a->ss.ss_family) {
	case AF_INET: {
		const struct sockaddr_in *x =
		    (const struct sockaddr_in *)&a->ss;
		const struct sockaddr_in *y =
		    (const struct sockaddr_in *)&b->ss;

		return x->sin_port == y->sin_port &&
		    x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *x =
		    (const struct sockaddr_in6 *)&a->ss;
		const struct sockaddr_in6 *y =
		    (const struct sockaddr_in6 *)&b->ss;

		return x->sin6_port == y->sin6_port &&
		    memcmp(&x->sin6_addr, &y->sin6_addr,
		    sizeof(x->sin6_addr)) == 0 &&
		    (x->sin6_scope_id == y->sin6_scope_id ||
		    x->sin6_scope_id == 0 || y->sin6_scope_id == 0);
	}
	case AF_UNIX: {
		const struct sockaddr_un *x =
		    (const struct sockaddr_un *)&a->ss;
		const struct sockaddr_un *y =
		    (const struct sockaddr_un *)&b->ss;
		size_t off = offsetof(struct sockaddr_un, sun_path);
		size_t xl = a->len > off ? a->len - off : 0;
		size_t yl = b->len > off ? b->len - off : 0;

		xl = strnlen(x->sun_path, xl);
		yl = strnlen(y->sun_path, yl);
		return a->domain == b->domain && xl == yl && xl > 0 &&
		    memcmp(x->sun_path, y->sun_path, xl) == 0;
	}
	default:
		return false;
	}
}

/* --- the handle --------------------------------------------------------- */

static void
transport_free(struct sn_transport *t)
{
	if (t->stream)
		sn_tr_stream_clear(t);
	if (t->io != NULL)
		sn_io_stop(t->io);
	if (t->sock.fd >= 0)
		close(t->sock.fd);
	if (t->sock.path != NULL)
		unlink(t->sock.path);
	if (t->sock.dir != NULL)
		rmdir(t->sock.dir);
	free(t->sock.path);
	free(t->sock.dir);
	free(t->buf);
	free(t);
}

bool
sn_tr_release(struct sn_transport *t)
{
	if (!t->closed || t->busy > 0)
		return false;
	transport_free(t);
	return true;
}

static void
on_readable(struct sn_io *io, int fd, int events, void *ud)
{
	struct sn_transport *t = ud;
	struct sn_taddr from;
	int i;

	(void)io;
	(void)events;
	t->busy++;
	for (i = 0; i < RECV_BURST && !t->closed; i++) {
		ssize_t n;

		memset(&from, 0, sizeof(from));
		from.domain = t->sock.local.domain;
		from.len = sizeof(from.ss);
		n = recvfrom(fd, t->buf, RECV_BUF, 0,
		    (struct sockaddr *)&from.ss, &from.len);
		if (n < 0) {
			/* EAGAIN: drained.  Other errors (a queued ICMP
			 * error on some systems) end this burst only. */
			break;
		}
		t->cb(t, t->buf, (size_t)n, &from, t->ud);
	}
	t->busy--;
	sn_tr_release(t);
}

static int
transport_open(struct sn_loop *loop, const struct sn_taddr *addr, bool server,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err)
{
	struct sn_transport *t;
	int rc;

	*out = NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	t->sock.fd = -1;
	t->loop = loop;
	t->cb = cb;
	t->ud = ud;
	t->server = server;
	if (addr->domain == SN_TD_UNIX) {
		/* Net-SNMP's unix: is a stream (snmpUnixDomain.c) */
		t->stream = true;
		t->peer = *addr;
		if ((rc = sn_tr_stream_open(t, addr, err)) != 0) {
			t->closed = true;
			sn_tr_release(t);
			return rc;
		}
		*out = t;
		return 0;
	}
	if ((t->buf = malloc(RECV_BUF)) == NULL) {
		free(t);
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	if (addr->domain == SN_TD_UNIXDG)
		rc = sn_tr_unix_open(addr, server, &t->sock, err);
	else
		rc = sn_tr_udp_open(addr, server, &t->sock, err);
	if (rc != 0) {
		free(t->buf);
		free(t);
		return rc;
	}
	rc = sn_io_start(loop, t->sock.fd, SN_IO_READ, on_readable, t, &t->io);
	if (rc != 0) {
		t->io = NULL;
		transport_free(t);
		return sn_error_set(err, rc, "out of memory");
	}
	*out = t;
	return 0;
}

int
sn_transport_open_client(struct sn_loop *loop, const struct sn_taddr *peer,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err)
{
	return transport_open(loop, peer, false, cb, ud, out, err);
}

int
sn_transport_open_server(struct sn_loop *loop, const struct sn_taddr *local,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err)
{
	return transport_open(loop, local, true, cb, ud, out, err);
}

const struct sn_taddr *
sn_transport_local(const struct sn_transport *t)
{
	return &t->sock.local;
}

int
sn_transport_send(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *to, struct sn_error *err)
{
	char text[SN_TADDR_STR_MAX];
	ssize_t n;

	if (t->closed)
		return sn_error_set(err, SN_ESEND, "transport closed");
	if (t->stream)
		return sn_tr_stream_send(t, buf, len, to, err);
	do {
		n = sendto(t->sock.fd, buf, len, 0,
		    (const struct sockaddr *)&to->ss, to->len);
	} while (n < 0 && errno == EINTR);
	if (n < 0 || (size_t)n != len) {
		int e = n < 0 ? errno : EMSGSIZE;

		sn_taddr_format(to, text, sizeof(text));
		return sn_error_set(err, SN_ESEND, "sendto %s: %s", text,
		    strerror(e));
	}
	return 0;
}

void
sn_transport_close(struct sn_transport *t)
{
	if (t == NULL || t->closed)
		return;
	t->closed = true;
	sn_tr_release(t);
}

const struct sn_error *
sn_transport_last_error(const struct sn_transport *t)
{
	return &t->last_err;
}
