/*
 * Internal: transport addresses and datagram transports (UDP/IPv4,
 * UDP/IPv6, Unix datagram sockets; RFC 3417 §2 and RFC 3419 naming).
 * Text form "[udp:|udp6:|unix:]host[:port]" as Net-SNMP accepts it.
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
	SN_TD_UNIX	/* unix: datagram socket at a path */
};

/* A resolved transport address. */
struct sn_taddr {
	enum sn_tdomain domain;
	socklen_t len;
	struct sockaddr_storage ss;
};

/* Longest text of a transport address, "udp6:[...]:65535". */
#define SN_TADDR_STR_MAX 128

/*
 * Parse and resolve text ("udp:host:port", "udp6:[::1]:161", "[::1]:161",
 * "unix:/path", "host", "host:port") with default_port when none is given.
 * Host names are resolved (first address of the domain's family).
 * Errors: SN_EADDR with the offending text, SN_EPROTO for tcp: and
 * unknown prefixes.
 */
int sn_taddr_parse(const char *text, uint16_t default_port,
    struct sn_taddr *out, struct sn_error *err);
/* "udp:127.0.0.1:161", "udp6:[::1]:161", "unix:/path". */
int sn_taddr_format(const struct sn_taddr *a, char *buf, size_t cap);
/* Same family, address and port (or path). */
bool sn_taddr_equal(const struct sn_taddr *a, const struct sn_taddr *b);

struct sn_transport;

/*
 * A datagram arrived.  buf and from are valid during the call only.
 */
typedef void (*sn_transport_recv_cb)(struct sn_transport *t,
    const uint8_t *buf, size_t len, const struct sn_taddr *from, void *ud);

/*
 * Open a client transport able to reach peer: an unconnected datagram
 * socket of peer's family bound to an ephemeral port (unix: a private
 * socket path, removed at close).  Received datagrams go to cb.
 */
int sn_transport_open_client(struct sn_loop *loop, const struct sn_taddr *peer,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err);
/*
 * Open a server transport bound to local (port 0: the kernel picks one;
 * read it back with sn_transport_local).
 */
int sn_transport_open_server(struct sn_loop *loop, const struct sn_taddr *local,
    sn_transport_recv_cb cb, void *ud, struct sn_transport **out,
    struct sn_error *err);
/* The bound local address. */
const struct sn_taddr *sn_transport_local(const struct sn_transport *t);
/* Send one datagram; SN_ESEND with errno text on failure. */
int sn_transport_send(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *to, struct sn_error *err);
/* Close the socket and free (safe from inside the receive callback). */
void sn_transport_close(struct sn_transport *t);

#endif
