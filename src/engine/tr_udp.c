/*
 * UDP sockets for the transport layer: the SNMP over UDP mapping of
 * RFC 3417 §3 (UDP/IPv4) and RFC 3419 §2.1/§2.2 (udp, udpipv6).  Sockets
 * are non-blocking and never connected: a reply is taken from any source
 * and the dispatcher checks it, and an ICMP port-unreachable cannot end a
 * request before its retries (SPEC §2).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/tr_internal.h"

/* Receive buffer asked for every UDP socket (bytes). */
#define SN_TR_UDP_RCVBUF (1 << 20)

int
sn_tr_udp_open(const struct sn_taddr *addr, bool server,
    struct sn_tr_sock *out, struct sn_error *err)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int family = addr->ss.ss_family;
	int fd, e;
	char text[SN_TADDR_STR_MAX];

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	if (family != AF_INET && family != AF_INET6)
		return sn_error_set(err, SN_EADDR, "not an IP address");
	fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sn_error_set(err, SN_ESOCKET, "socket: %s",
		    strerror(errno));
	if (family == AF_INET6) {
		/* a udp6 listener must not claim the IPv4 port too */
		int on = 1;

		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on,
		    sizeof(on));
	}
	{
		/*
		 * Bursts (a poll of many agents, many managers at once) must
		 * not be lost to the kernel's small default receive buffer;
		 * the kernel caps this at net.core.rmem_max (best effort).
		 */
		int rcvbuf = SN_TR_UDP_RCVBUF;

		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		    sizeof(rcvbuf));
	}
	if (server) {
		memcpy(&ss, &addr->ss, addr->len);
		len = addr->len;
	} else {
		memset(&ss, 0, sizeof(ss));
		ss.ss_family = (sa_family_t)family;
		len = family == AF_INET ? sizeof(struct sockaddr_in) :
		    sizeof(struct sockaddr_in6);
	}
	if (bind(fd, (struct sockaddr *)&ss, len) != 0) {
		e = errno;
		close(fd);
		sn_taddr_format(addr, text, sizeof(text));
		return sn_error_set(err, SN_ESOCKET, "bind %s: %s",
		    server ? text : "(client)", strerror(e));
	}
	out->local.domain = addr->domain;
	out->local.len = sizeof(out->local.ss);
	if (getsockname(fd, (struct sockaddr *)&out->local.ss,
	    &out->local.len) != 0) {
		e = errno;
		close(fd);
		return sn_error_set(err, SN_ESOCKET, "getsockname: %s",
		    strerror(e));
	}
	out->fd = fd;
	return 0;
}
