/*
 * Internal: transport addresses and transports (UDP/IPv4, UDP/IPv6,
 * Unix domain stream sockets as Net-SNMP's "unix:", Unix datagram
 * sockets as "unixdg:"; RFC 3417 §2 and RFC 3419 naming).  Text form
 * "[udp:|udp6:|unix:|unixdg:]host[:port]" as Net-SNMP accepts it.
 *
 * unix: is Net-SNMP's Unix transport: SOCK_STREAM, each SNMP message
 * written as-is with no extra framing (a BER SEQUENCE carries its own
 * length, RFC 3417 §8).  A client connects to the path on its first send
 * (non-blocking, on the loop), reassembles replies from the byte stream,
 * and reconnects on a later send when the peer has closed.  A server
 * listens at the path, accepts up to SN_TR_STREAM_CONNS connections, and
 * identifies each by a number carried in the `from` address (conn) so
 * that a reply sent to that address goes back on the same connection.
 * A frame whose header is not a definite-length SEQUENCE, or whose
 * content exceeds SN_MSG_MAX, closes its connection (see
 * sn_transport_last_error); a peer closing mid-message likewise.
 */
#ifndef SN_ENGINE_TRANSPORT_H
#define SN_ENGINE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <sn/error.h>
#include <sn/loop.h>

enum sn_tdomain {
	SN_TD_UDP,	/* udp: (IPv4, or IPv6 when the host is an IPv6 literal) */
	SN_TD_UDP6,	/* udp6: */
	SN_TD_UNIX,	/* unix: stream socket at a path (Net-SNMP's form) */
	SN_TD_UNIXDG	/* unixdg: datagram socket at a path */
};

/*
 * A resolved transport address.  conn is 0 except in the `from` address a
 * stream server hands its callback: the number (from 1, never reused by
 * that transport) of the accepted connection the message came on; ss then
 * holds the server's own path, as the peer of an accepted Unix stream
 * socket has no name.
 */
struct sn_taddr {
	enum sn_tdomain domain;
	socklen_t len;
	struct sockaddr_storage ss;
	uint64_t conn;
};

/* Connections a unix: server accepts at once; more are closed at once. */
#define SN_TR_STREAM_CONNS 64

/* Longest text of a transport address, "udp6:[...]:65535". */
#define SN_TADDR_STR_MAX 128

/*
 * Parse and resolve text ("udp:host:port", "udp6:[::1]:161", "[::1]:161",
 * "unix:/path", "unixdg:/path", "host", "host:port") with default_port
 * when none is given.
 * Host names are resolved (first address of the domain's family).
 * Errors: SN_EADDR with the offending text, SN_EPROTO for tcp: and
 * unknown prefixes.
 */
int sn_taddr_parse(const char *text, uint16_t default_port,
    struct sn_taddr *out, struct sn_error *err);
/*
 * "udp:127.0.0.1:161", "udp6:[::1]:161", "unix:/path", "unixdg:/path"
 * (conn is not shown).
 */
int sn_taddr_format(const struct sn_taddr *a, char *buf, size_t cap);
/*
 * Same family, address and port (or domain and path), and same conn: a
 * message from one accepted connection is not "from" another.
 */
bool sn_taddr_equal(const struct sn_taddr *a, const struct sn_taddr *b);

struct sn_transport;

/*
 * A datagram, or one whole message reassembled from a stream, arrived.
 * buf and from are valid during the call only.
 */
typedef void (*sn_transport_recv_cb)(struct sn_transport *t,
    const uint8_t *buf, size_t len, const struct sn_taddr *from, void *ud);

/*
 * Open a client transport able to reach peer: an unconnected datagram
 * socket of peer's family bound to an ephemeral port (unixdg: a private
 * socket path, removed at close); unix: opens no socket yet, the first
 * send connects.  Received messages go to cb.
 */
int sn_transport_open_client(struct sn_loop *loop, const struct sn_taddr *peer,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err);
/*
 * Open a server transport bound to local (port 0: the kernel picks one;
 * read it back with sn_transport_local).  unix:/unixdg: replace a socket
 * file at the path only when nothing listens on it (else SN_ESOCKET,
 * "Address already in use"), and remove the path at close.
 */
int sn_transport_open_server(struct sn_loop *loop, const struct sn_taddr *local,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err);
/*
 * The bound local address (a unix: client has none: an AF_UNIX address
 * with an empty path).
 */
const struct sn_taddr *sn_transport_local(const struct sn_transport *t);
/*
 * Send one message; SN_ESEND with errno text on failure.  unix: client:
 * to is the peer; connects first when not connected (a connect that
 * fails at once, e.g. no such file, is SN_ESEND naming the path), and
 * queues what the socket does not take now (at most SN_TR_STREAM_QUEUE
 * bytes, else SN_ESEND).  unix: server: to must be a `from` address the
 * callback was given; SN_ESEND when that connection has closed.
 */
int sn_transport_send(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *to, struct sn_error *err);
/* Bytes a stream connection may hold unsent. */
#define SN_TR_STREAM_QUEUE (4 * 65536)
/*
 * Stream transports: the last asynchronous connection error (connect
 * failed, malformed or oversized frame, peer closed mid-message, too many
 * connections), with the peer in the text; code 0 when none.  Datagram
 * transports: always code 0.  Owned by t, valid until it closes.
 */
const struct sn_error *sn_transport_last_error(const struct sn_transport *t);
/* Close the socket and free (safe from inside the receive callback). */
void sn_transport_close(struct sn_transport *t);

#endif
