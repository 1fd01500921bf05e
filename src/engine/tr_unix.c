/*
 * Unix domain sockets for the transport layer (no RFC mapping; RFC 3419
 * §2 lists only IP domains, and Net-SNMP's snmpUnixDomain.c is the
 * reference).  "unix:" is Net-SNMP's form: a SOCK_STREAM socket carrying
 * each SNMP message as-is, one BER SEQUENCE after another, so the reader
 * reassembles messages from their outer header (RFC 3417 §8: definite
 * lengths only).  A client connects on its first send and again after the
 * peer has closed; a server accepts a bounded number of connections and
 * answers each message on the connection it came on.  Input is bounded
 * per connection (SN_MSG_MAX plus a header), output per connection
 * (SN_TR_STREAM_QUEUE); a bad frame or a peer closing mid-message closes
 * that connection and is recorded for sn_transport_last_error.  "unixdg:"
 * keeps datagram sockets: a client binds to a socket in a private
 * directory (mode 0700, socket 0600) so the agent can answer it.  Servers
 * of both kinds replace a socket file left at their path only when nothing
 * listens on it, and remove the path at close.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <sn/pdu.h>

#include "engine/tr_internal.h"

/* Longest SEQUENCE header: tag, 0x84, four length bytes. */
#define FRAME_HDR_MAX 6
/* Input a connection may buffer: one whole message and its header. */
#define IN_CAP_MAX (SN_MSG_MAX + FRAME_HDR_MAX)
#define IN_CAP_MIN 4096
/* Reads and accepts per wake-up, so one peer cannot starve the loop. */
#define READ_BURST 16
#define ACCEPT_BURST 16
/* Pending connections the kernel keeps for a server. */
#define LISTEN_BACKLOG 16
/* Pause after accept() fails for want of descriptors. */
#define ACCEPT_PAUSE_MS 100

struct sn_tr_conn {
	struct sn_tr_conn *next;
	struct sn_transport *t;
	uint64_t id;
	int fd;
	struct sn_io *io;
	bool connecting;
	uint8_t *in;
	size_t inlen, incap;
	uint8_t *out;
	size_t outoff, outlen, outcap;
};

/* --- addresses ---------------------------------------------------------- */

int
sn_tr_unix_addr(const char *path, enum sn_tdomain domain,
    struct sn_taddr *out, struct sn_error *err)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)&out->ss;
	const char *name = domain == SN_TD_UNIXDG ? "unixdg" : "unix";
	size_t n = strlen(path);

	if (n == 0)
		return sn_error_set(err, SN_EADDR, "%s: missing socket path",
		    name);
	if (n >= sizeof(sun->sun_path))
		return sn_error_set(err, SN_EADDR,
		    "%s:%s: socket path too long (max %zu bytes)", name, path,
		    sizeof(sun->sun_path) - 1);
	memset(out, 0, sizeof(*out));
	out->domain = domain;
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, path, n + 1);
	out->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	return 0;
}

static const char *
addr_path(const struct sn_taddr *a)
{
	return ((const struct sockaddr_un *)&a->ss)->sun_path;
}

static int
set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return 0;
}

/*
 * Is something alive at the socket path?  A connect of the same type
 * answers: refused (or gone) means a stale file; success, a full backlog
 * or a socket of the other type (EPROTOTYPE) mean a live one.
 */
static bool
path_alive(const struct sn_taddr *addr, int type)
{
	int fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	bool alive;

	if (fd < 0)
		return true;	/* cannot tell: do not remove it */
	if (connect(fd, (const struct sockaddr *)&addr->ss, addr->len) == 0)
		alive = true;
	else
		alive = errno != ECONNREFUSED && errno != ENOENT;
	close(fd);
	return alive;
}

/*
 * Bind fd (of type) to addr's path; a socket file there that nothing
 * listens on is replaced.
 */
static int
bind_path(int fd, int type, const struct sn_taddr *addr,
    struct sn_tr_sock *out, struct sn_error *err)
{
	const char *path = addr_path(addr);
	char text[SN_TADDR_STR_MAX];
	struct stat st;
	int e;

	sn_taddr_format(addr, text, sizeof(text));
	if (bind(fd, (const struct sockaddr *)&addr->ss, addr->len) != 0) {
		e = errno;
		if (e == EADDRINUSE && lstat(path, &st) == 0 &&
		    S_ISSOCK(st.st_mode) && !path_alive(addr, type)) {
			if ((unlink(path) == 0 || errno == ENOENT) &&
			    bind(fd, (const struct sockaddr *)&addr->ss,
			    addr->len) == 0)
				e = 0;
			else
				e = errno;
		}
		if (e != 0)
			return sn_error_set(err, SN_ESOCKET, "bind %s: %s",
			    text, strerror(e));
	}
	if ((out->path = strdup(path)) == NULL) {
		unlink(path);
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	out->local = *addr;
	return 0;
}

/* --- unixdg: datagram sockets -------------------------------------------- */

static int
bind_client(int fd, struct sn_tr_sock *out, struct sn_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char path[sizeof(dir)];
	struct sn_taddr local;
	int n, rc;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	/* leave room for "/s" after the directory name */
	n = snprintf(dir, sizeof(dir), "%s/snmpsh-XXXXXX", tmp);
	if (n < 0 || (size_t)n + 3 > sizeof(dir))
		snprintf(dir, sizeof(dir), "/tmp/snmpsh-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return sn_error_set(err, SN_ESOCKET, "mkdtemp %s: %s", dir,
		    strerror(errno));
	n = snprintf(path, sizeof(path), "%s/s", dir);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		rmdir(dir);
		return sn_error_set(err, SN_EADDR, "socket path too long");
	}
	if ((rc = sn_tr_unix_addr(path, SN_TD_UNIXDG, &local, err)) != 0) {
		rmdir(dir);
		return rc;
	}
	if (bind(fd, (struct sockaddr *)&local.ss, local.len) != 0) {
		rc = errno;
		rmdir(dir);
		return sn_error_set(err, SN_ESOCKET, "bind unixdg:%s: %s",
		    path, strerror(rc));
	}
	(void)chmod(path, 0600);
	out->path = strdup(path);
	out->dir = strdup(dir);
	if (out->path == NULL || out->dir == NULL) {
		unlink(path);
		rmdir(dir);
		free(out->path);
		free(out->dir);
		out->path = out->dir = NULL;
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	out->local = local;
	return 0;
}

int
sn_tr_unix_open(const struct sn_taddr *addr, bool server,
    struct sn_tr_sock *out, struct sn_error *err)
{
	int fd, rc;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	if (addr->ss.ss_family != AF_UNIX)
		return sn_error_set(err, SN_EADDR, "not a unix address");
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sn_error_set(err, SN_ESOCKET, "socket(AF_UNIX): %s",
		    strerror(errno));
	rc = server ? bind_path(fd, SOCK_DGRAM, addr, out, err) :
	    bind_client(fd, out, err);
	if (rc != 0) {
		close(fd);
		return rc;
	}
	out->fd = fd;
	return 0;
}

/* --- unix: stream framing ------------------------------------------------- */

int
sn_tr_frame_len(const uint8_t *p, size_t n, size_t *total)
{
	size_t i, k = 0, len;

	if (n < 1)
		return 1;
	/* RFC 3417 §8 / RFC 3416 §3: every message is a SEQUENCE */
	if (p[0] != 0x30)
		return SN_ETAG;
	if (n < 2)
		return 1;
	if (p[1] < 0x80) {
		len = p[1];
	} else {
		k = p[1] & 0x7f;
		/* RFC 3417 §8 (1): definite form only; 4 length bytes are
		 * more than any message we accept needs */
		if (k == 0 || k > 4)
			return SN_ELENGTH;
		if (n < 2 + k)
			return 1;
		len = 0;
		for (i = 0; i < k; i++)
			len = (len << 8) | p[2 + i];
	}
	if (len > SN_MSG_MAX)
		return SN_ETOOBIG;
	*total = 2 + k + len;
	return 0;
}

/* --- unix: connections ---------------------------------------------------- */

static struct sn_tr_conn *
conn_find(const struct sn_transport *t, uint64_t id)
{
	struct sn_tr_conn *c;

	for (c = t->conns; c != NULL; c = c->next) {
		if (c->id == id)
			return c;
	}
	return NULL;
}

/* "unix:/path" for a client, "unix:/path (connection N)" for a server. */
static void
conn_name(const struct sn_tr_conn *c, char *buf, size_t cap)
{
	const struct sn_transport *t = c->t;
	char text[SN_TADDR_STR_MAX];

	sn_taddr_format(t->server ? &t->sock.local : &t->peer, text,
	    sizeof(text));
	if (t->server)
		snprintf(buf, cap, "%s (connection %llu)", text,
		    (unsigned long long)c->id);
	else
		snprintf(buf, cap, "%s", text);
}

/* Close c, recording code and the text as the transport's last error. */
static void
conn_close(struct sn_tr_conn *c, int code, const char *what)
{
	struct sn_transport *t = c->t;
	struct sn_tr_conn **pp;
	char name[SN_TADDR_STR_MAX + 32];

	if (code != 0) {
		conn_name(c, name, sizeof(name));
		sn_error_set(&t->last_err, code, "%s: %s", name, what);
	}
	for (pp = &t->conns; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			t->nconns--;
			break;
		}
	}
	sn_io_stop(c->io);
	close(c->fd);
	free(c->in);
	free(c->out);
	free(c);
}

static void
conn_close_errno(struct sn_tr_conn *c, const char *op, int e)
{
	char what[128];

	snprintf(what, sizeof(what), "%s: %s", op, strerror(e));
	conn_close(c, SN_ESEND, what);
}

static void on_conn_io(struct sn_io *io, int fd, int events, void *ud);

static int
conn_new(struct sn_transport *t, int fd, bool connecting,
    struct sn_tr_conn **out, struct sn_error *err)
{
	struct sn_tr_conn *c;
	int rc;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->in = malloc(IN_CAP_MIN)) == NULL) {
		free(c);
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	c->t = t;
	c->fd = fd;
	c->incap = IN_CAP_MIN;
	c->connecting = connecting;
	rc = sn_io_start(t->loop, fd, connecting ? SN_IO_READ | SN_IO_WRITE :
	    SN_IO_READ, on_conn_io, c, &c->io);
	if (rc != 0) {
		free(c->in);
		free(c);
		return sn_error_set(err, rc, "out of memory");
	}
	c->id = ++t->next_conn;
	c->next = t->conns;
	t->conns = c;
	t->nconns++;
	*out = c;
	return 0;
}

/*
 * Hand every whole message in c's buffer to the callback, each from a
 * copy of its own: a callback may run the loop, which may read more into
 * (or close) this connection.  Returns c when it is still open and the
 * transport not closed, else NULL.
 */
static struct sn_tr_conn *
deliver(struct sn_tr_conn *c)
{
	struct sn_transport *t = c->t;
	uint64_t id = c->id;
	struct sn_taddr from;
	char what[64];
	size_t total;
	uint8_t *msg, *p;
	int rc;

	for (;;) {
		rc = sn_tr_frame_len(c->in, c->inlen, &total);
		if (rc == 1)
			return c;
		if (rc < 0) {
			if (rc == SN_ETOOBIG)
				snprintf(what, sizeof(what), "message longer "
				    "than the %d bytes allowed", SN_MSG_MAX);
			else
				snprintf(what, sizeof(what), "%s",
				    rc == SN_ETAG ? "not an SNMP message (no "
				    "SEQUENCE)" : "bad message length");
			conn_close(c, rc, what);
			return NULL;
		}
		if (total > c->inlen) {
			if (total > c->incap) {
				if ((p = realloc(c->in, total)) == NULL) {
					conn_close(c, SN_ENOMEM,
					    "out of memory");
					return NULL;
				}
				c->in = p;
				c->incap = total;
			}
			return c;
		}
		if ((msg = malloc(total)) == NULL) {
			conn_close(c, SN_ENOMEM, "out of memory");
			return NULL;
		}
		memcpy(msg, c->in, total);
		c->inlen -= total;
		memmove(c->in, c->in + total, c->inlen);
		if (t->server) {
			from = t->sock.local;
			from.conn = id;
		} else {
			from = t->peer;
		}
		t->cb(t, msg, total, &from, t->ud);
		free(msg);
		if (t->closed || (c = conn_find(t, id)) == NULL)
			return NULL;
	}
}

static void
conn_read(struct sn_tr_conn *c)
{
	char what[96];
	ssize_t n;
	int i;

	for (i = 0; i < READ_BURST; i++) {
		/* deliver() leaves room: a partial message is always
		 * shorter than the buffer it grew for */
		n = recv(c->fd, c->in + c->inlen, c->incap - c->inlen, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				conn_close_errno(c, "read", errno);
			return;
		}
		if (n == 0) {
			if (c->inlen > 0) {
				snprintf(what, sizeof(what), "connection "
				    "closed inside a message (%zu bytes "
				    "pending)", c->inlen);
				conn_close(c, SN_ETRUNC, what);
			} else {
				conn_close(c, 0, NULL);
			}
			return;
		}
		c->inlen += (size_t)n;
		if ((c = deliver(c)) == NULL)
			return;
	}
}

/* Write what is queued; false when c was closed. */
static bool
conn_flush(struct sn_tr_conn *c)
{
	ssize_t n;

	while (c->outoff < c->outlen) {
		n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
		    MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return true;
			conn_close_errno(c, "write", errno);
			return false;
		}
		c->outoff += (size_t)n;
	}
	c->outoff = c->outlen = 0;
	sn_io_set(c->io, SN_IO_READ);
	return true;
}

static void
on_conn_io(struct sn_io *io, int fd, int events, void *ud)
{
	struct sn_tr_conn *c = ud;
	struct sn_transport *t = c->t;
	int e = 0;
	socklen_t elen = sizeof(e);

	(void)io;
	t->busy++;
	if (c->connecting) {
		/* POSIX connect(): completion shows as writability, the
		 * outcome in SO_ERROR */
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) != 0)
			e = errno;
		if (e != 0) {
			conn_close_errno(c, "connect", e);
			goto out;
		}
		if (!(events & SN_IO_WRITE))
			goto out;
		c->connecting = false;
		sn_io_set(c->io, c->outlen > 0 ? SN_IO_READ | SN_IO_WRITE :
		    SN_IO_READ);
	}
	if ((events & SN_IO_WRITE) && c->outlen > 0 && !conn_flush(c))
		goto out;
	if (events & SN_IO_READ)
		conn_read(c);
out:
	t->busy--;
	sn_tr_release(t);
}

/*
 * Queue or write one message on c.  The whole message is accepted or
 * refused, so the stream never holds part of one.  *dead is set when the
 * peer had gone (the caller may reconnect).
 */
static int
conn_send(struct sn_tr_conn *c, const uint8_t *buf, size_t len, bool *dead,
    struct sn_error *err)
{
	char name[SN_TADDR_STR_MAX + 32];
	size_t off = 0, pending = c->outlen - c->outoff;
	ssize_t n;
	uint8_t *p;
	int e;

	conn_name(c, name, sizeof(name));
	*dead = false;
	if (pending + len > SN_TR_STREAM_QUEUE)
		return sn_error_set(err, SN_ESEND,
		    "send %s: %zu bytes already waiting", name, pending);
	while (!c->connecting && pending == 0 && off < len) {
		n = send(c->fd, buf + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0) {
			e = errno;
			/* a partial write left the stream mid-message:
			 * this connection is no use any more */
			*dead = off == 0 && (e == EPIPE || e == ECONNRESET ||
			    e == ENOTCONN);
			conn_close_errno(c, "write", e);
			return sn_error_set(err, SN_ESEND, "send %s: %s", name,
			    strerror(e));
		}
		off += (size_t)n;
	}
	if (off == len)
		return 0;
	if (c->outoff > 0) {
		memmove(c->out, c->out + c->outoff, pending);
		c->outoff = 0;
		c->outlen = pending;
	}
	if (c->outlen + len - off > c->outcap) {
		size_t cap = c->outlen + len - off;

		if ((p = realloc(c->out, cap)) == NULL)
			return sn_error_set(err, SN_ENOMEM, "out of memory");
		c->out = p;
		c->outcap = cap;
	}
	memcpy(c->out + c->outlen, buf + off, len - off);
	c->outlen += len - off;
	sn_io_set(c->io, SN_IO_READ | SN_IO_WRITE);
	return 0;
}

/* A client's connection to t->peer, started now. */
static int
client_connect(struct sn_transport *t, struct sn_tr_conn **out,
    struct sn_error *err)
{
	char text[SN_TADDR_STR_MAX];
	bool connecting = false;
	int fd, e, rc;

	sn_taddr_format(&t->peer, text, sizeof(text));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sn_error_set(err, SN_ESOCKET, "socket(AF_UNIX): %s",
		    strerror(errno));
	if (connect(fd, (const struct sockaddr *)&t->peer.ss,
	    t->peer.len) != 0) {
		e = errno;
		if (e != EINPROGRESS && e != EINTR) {
			/* ENOENT, ECONNREFUSED, EAGAIN (backlog full) */
			close(fd);
			return sn_error_set(err, SN_ESEND, "connect %s: %s",
			    text, strerror(e));
		}
		connecting = true;
	}
	if ((rc = conn_new(t, fd, connecting, out, err)) != 0)
		close(fd);
	return rc;
}

int
sn_tr_stream_send(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *to, struct sn_error *err)
{
	char text[SN_TADDR_STR_MAX];
	struct sn_tr_conn *c;
	bool dead;
	int rc;

	if (t->server) {
		c = to->conn != 0 ? conn_find(t, to->conn) : NULL;
		if (c == NULL) {
			sn_taddr_format(to, text, sizeof(text));
			return sn_error_set(err, SN_ESEND, "send %s: no such "
			    "connection (closed)", text);
		}
		return conn_send(c, buf, len, &dead, err);
	}
	if (!sn_taddr_equal(to, &t->peer)) {
		sn_taddr_format(to, text, sizeof(text));
		return sn_error_set(err, SN_ESEND, "send %s: this transport "
		    "is connected elsewhere", text);
	}
	if ((c = t->conns) == NULL &&
	    (rc = client_connect(t, &c, err)) != 0)
		return rc;
	rc = conn_send(c, buf, len, &dead, err);
	if (rc != 0 && dead) {
		/* the peer closed since our last read: connect again once */
		if ((rc = client_connect(t, &c, err)) != 0)
			return rc;
		rc = conn_send(c, buf, len, &dead, err);
	}
	return rc;
}

/* --- unix: server ------------------------------------------------------ */

static void on_accept(struct sn_io *io, int fd, int events, void *ud);

static void
on_accept_pause(struct sn_timer *tm, void *ud)
{
	struct sn_transport *t = ud;

	(void)tm;
	t->accept_timer = NULL;
	sn_io_set(t->io, SN_IO_READ);
}

static void
on_accept(struct sn_io *io, int fd, int events, void *ud)
{
	struct sn_transport *t = ud;
	struct sn_tr_conn *c;
	char what[64];
	int i, cfd, e;

	(void)io;
	(void)events;
	for (i = 0; i < ACCEPT_BURST; i++) {
		if ((cfd = accept(fd, NULL, NULL)) < 0) {
			e = errno;
			if (e == EINTR)
				continue;
			if (e == EMFILE || e == ENFILE || e == ENOBUFS ||
			    e == ENOMEM) {
				/* the connection stays queued: wait rather
				 * than spin on it */
				sn_error_set(&t->last_err, SN_ESOCKET,
				    "%s: accept: %s", t->sock.path,
				    strerror(e));
				if (t->accept_timer == NULL &&
				    sn_timer_start(t->loop, ACCEPT_PAUSE_MS, 0,
				    on_accept_pause, t, &t->accept_timer) == 0)
					sn_io_set(t->io, 0);
			}
			return;
		}
		if (set_flags(cfd) != 0) {
			close(cfd);
			continue;
		}
		if (t->nconns >= SN_TR_STREAM_CONNS) {
			close(cfd);
			snprintf(what, sizeof(what), "more than %d "
			    "connections: one refused", SN_TR_STREAM_CONNS);
			sn_error_set(&t->last_err, SN_ELIMIT, "unix:%s: %s",
			    t->sock.path, what);
			continue;
		}
		if (conn_new(t, cfd, false, &c, &t->last_err) != 0)
			close(cfd);
	}
}

int
sn_tr_stream_open(struct sn_transport *t, const struct sn_taddr *addr,
    struct sn_error *err)
{
	struct sockaddr_un *sun;
	char text[SN_TADDR_STR_MAX];
	int fd, rc;

	memset(&t->sock, 0, sizeof(t->sock));
	t->sock.fd = -1;
	if (addr->ss.ss_family != AF_UNIX)
		return sn_error_set(err, SN_EADDR, "not a unix address");
	if (!t->server) {
		/* an unnamed socket, as Net-SNMP's client uses */
		t->sock.local.domain = SN_TD_UNIX;
		sun = (struct sockaddr_un *)&t->sock.local.ss;
		sun->sun_family = AF_UNIX;
		t->sock.local.len = offsetof(struct sockaddr_un, sun_path);
		return 0;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sn_error_set(err, SN_ESOCKET, "socket(AF_UNIX): %s",
		    strerror(errno));
	if ((rc = bind_path(fd, SOCK_STREAM, addr, &t->sock, err)) != 0) {
		close(fd);
		return rc;
	}
	t->sock.fd = fd;	/* from here transport_free cleans up */
	if (listen(fd, LISTEN_BACKLOG) != 0) {
		sn_taddr_format(addr, text, sizeof(text));
		return sn_error_set(err, SN_ESOCKET, "listen %s: %s", text,
		    strerror(errno));
	}
	rc = sn_io_start(t->loop, fd, SN_IO_READ, on_accept, t, &t->io);
	if (rc != 0) {
		t->io = NULL;
		return sn_error_set(err, rc, "out of memory");
	}
	return 0;
}

void
sn_tr_stream_clear(struct sn_transport *t)
{
	if (t->accept_timer != NULL) {
		sn_timer_stop(t->accept_timer);
		t->accept_timer = NULL;
	}
	while (t->conns != NULL)
		conn_close(t->conns, 0, NULL);
}
