/*
 * The codec benchmark's common ground: the reference message (a v2c
 * GetResponse-PDU of RFC 3416 §3 in a community message of RFC 1901 with
 * ten varbinds of mixed RFC 2578 types), described neutrally so that the
 * snmpsh side and the libnetsnmp side build it from the same data, and the
 * interface of the libnetsnmp side (bench_netsnmp.c), which lives in its
 * own file so that Net-SNMP's headers never meet snmpsh's.
 */
#ifndef BENCH_CODEC_COMMON_H
#define BENCH_CODEC_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* The value kinds are the BER tags of RFC 2578 / RFC 3416. */
#define BK_INTEGER	0x02
#define BK_OCTETS	0x04
#define BK_OID		0x06
#define BK_IPADDR	0x40
#define BK_COUNTER32	0x41
#define BK_GAUGE32	0x42
#define BK_TIMETICKS	0x43
#define BK_COUNTER64	0x46

#define BENCH_MAX_SUBIDS 32

struct bench_vb {
	uint32_t name[BENCH_MAX_SUBIDS];
	size_t name_len;
	int kind;
	int32_t i;			/* INTEGER */
	uint64_t u;			/* Counter32/Gauge32/TimeTicks/64 */
	const uint8_t *str;		/* OCTET STRING, IpAddress */
	size_t str_len;
	uint32_t oid[BENCH_MAX_SUBIDS];	/* OBJECT IDENTIFIER */
	size_t oid_len;
};

struct bench_msg {
	const char *community;
	int32_t request_id;
	const struct bench_vb *vb;
	size_t n;
};

/*
 * Canonical text of a decoded message, the same on both sides: a header
 * line, then one line per varbind "OID TAG VALUE" (integers in decimal,
 * strings and addresses in hex, OIDs dotted).  Used to check that each
 * side decodes the other's bytes to the same content.
 */
struct bench_dump {
	char buf[8192];
	size_t len;
	int overflow;
};

void bench_dump_init(struct bench_dump *d);
void bench_dump_printf(struct bench_dump *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bench_dump_hex(struct bench_dump *d, const uint8_t *p, size_t n);
void bench_dump_oid(struct bench_dump *d, const uint32_t *sub, size_t n);

/* The libnetsnmp side (bench_netsnmp.c). */
struct bns;

/* Set up libnetsnmp as `snmpbulkwalk -m ''` would; 0 or -1. */
int bns_init(void);
/* Build the reference PDU and a v2c session; NULL on failure. */
struct bns *bns_new(const struct bench_msg *m);
void bns_free(struct bns *b);
/*
 * Encode the message with snmp_build() into b's reused buffer; *out
 * points into it until the next call.  0 or -1.
 */
int bns_encode(struct bns *b, const uint8_t **out, size_t *outlen);
/*
 * Decode a message as the library does for each received packet (a fresh
 * PDU, snmp_parse(), snmp_free_pdu()); 0 or -1.
 */
int bns_decode(struct bns *b, const uint8_t *buf, size_t len);
/* Decode and write the canonical text into d; 0 or -1. */
int bns_dump(struct bns *b, const uint8_t *buf, size_t len,
    struct bench_dump *d);

#endif
