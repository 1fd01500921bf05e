/*
 * Internal: the split between transport.c (address text, the transport
 * handle, the datagram receive loop), tr_udp.c (UDP over IPv4/IPv6,
 * RFC 3417 §3 / RFC 3419 §2) and tr_unix.c (Unix domain sockets: the
 * stream transport Net-SNMP calls "unix:", with its framing, connections
 * and send queues, and the datagram variant "unixdg:").
 */
#ifndef SN_ENGINE_TR_INTERNAL_H
#define SN_ENGINE_TR_INTERNAL_H

#include <stdbool.h>

#include "engine/transport.h"

/*
 * A socket set up for a transport.  path is the Unix socket path this
 * process created (removed at close), dir a private directory holding it
 * (removed after it); both NULL for UDP and for a unix: client.  fd is
 * -1 for a unix: client (its connection lives in conns).  Owned by the
 * transport.
 */
struct sn_tr_sock {
	int fd;
	struct sn_taddr local;
	char *path;
	char *dir;
};

/* One connection of a stream transport (tr_unix.c). */
struct sn_tr_conn;

/*
 * The transport handle.  busy counts the callbacks running on it (they
 * may nest when a callback runs the loop); a close while busy only sets
 * closed, and the last callback to return frees it.
 */
struct sn_transport {
	struct sn_loop *loop;
	struct sn_io *io;		/* datagram or listening socket */
	struct sn_tr_sock sock;
	sn_transport_recv_cb cb;
	void *ud;
	int busy;
	bool closed;
	bool stream;
	bool server;
	uint8_t *buf;			/* datagram receive buffer */
	struct sn_taddr peer;		/* stream client: its server */
	struct sn_tr_conn *conns;	/* stream: open connections */
	size_t nconns;
	uint64_t next_conn;		/* stream: last connection number */
	struct sn_timer *accept_timer;	/* stream server: accept paused */
	struct sn_error last_err;
};

/*
 * Open a non-blocking, close-on-exec UDP socket of addr's family.  server:
 * bind to addr (port 0 lets the kernel choose); client: bind to the
 * wildcard address of the family and an ephemeral port.  The socket is
 * never connected, so ICMP errors cannot end a request (SPEC §2).
 */
int sn_tr_udp_open(const struct sn_taddr *addr, bool server,
    struct sn_tr_sock *out, struct sn_error *err);
/*
 * Open a Unix datagram socket (unixdg:).  server: bind to addr's path (a
 * stale socket file there is replaced); client: bind to a fresh socket in
 * a private directory under $TMPDIR (or /tmp), mode 0600.
 */
int sn_tr_unix_open(const struct sn_taddr *addr, bool server,
    struct sn_tr_sock *out, struct sn_error *err);
/* Fill out from a path for domain (SN_TD_UNIX or SN_TD_UNIXDG); SN_EADDR
 * when empty or too long. */
int sn_tr_unix_addr(const char *path, enum sn_tdomain domain,
    struct sn_taddr *out, struct sn_error *err);

/*
 * The unix: stream side of a transport t (t->loop, cb, ud, server and
 * peer set; t->sock zeroed with fd -1).  Server: bind, listen and watch
 * for connections; client: nothing until the first send.
 */
int sn_tr_stream_open(struct sn_transport *t, const struct sn_taddr *addr,
    struct sn_error *err);
/* sn_transport_send for a stream transport. */
int sn_tr_stream_send(struct sn_transport *t, const uint8_t *buf,
    size_t len, const struct sn_taddr *to, struct sn_error *err);
/* Close every connection and free their buffers (the transport closes). */
void sn_tr_stream_clear(struct sn_transport *t);
/* Free t if it is closed and no callback runs on it; true if freed. */
bool sn_tr_release(struct sn_transport *t);

/*
 * Stream framing: with the n bytes at p starting a message, 0 and *total
 * (header plus content) once the SEQUENCE header is complete, 1 when more
 * bytes are needed to know, SN_ETAG when it is not a SEQUENCE,
 * SN_ELENGTH for an indefinite or over-long length, SN_ETOOBIG when the
 * content exceeds SN_MSG_MAX.
 */
int sn_tr_frame_len(const uint8_t *p, size_t n, size_t *total);

#endif
