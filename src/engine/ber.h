/*
 * Internal: the Basic Encoding Rules subset SNMP uses (X.690, restricted by
 * RFC 3417 §8 and RFC 1157 §4): single-octet tags, definite lengths, the
 * universal types INTEGER, OCTET STRING, NULL, OBJECT IDENTIFIER, SEQUENCE
 * and the application types of RFC 2578 §7.1.  The decoder reads a bounded
 * window of its input and reports errors with the byte offset from the start
 * of the outermost message; the encoder writes backwards from the end of the
 * caller's buffer so that every length is known when it is written.
 *
 * Decoding rules (what is accepted beyond DER, and why):
 *  - Lengths: short form, or long form with 1 to 4 length octets.  A
 *    non-minimal long form (0x82 0x00 0x05) is accepted, because agents in
 *    the wild send it; more than 4 length octets, the indefinite form 0x80
 *    (X.690 §8.1.3.6, forbidden by RFC 3417 §8) and lengths past the end of
 *    the enclosing element are rejected.
 *  - Integers: redundant leading 0x00/0xff octets are tolerated as long as
 *    the value fits the type and, as in Net-SNMP, the content has at most 8
 *    octets (9 for unsigned types when the first is 0x00); a value that
 *    does not fit, or a longer content, is SN_EOVERFLOW (values are never
 *    truncated).
 *    Unsigned types (Counter32, Gauge32, TimeTicks, UInteger32, Counter64)
 *    take a leading 0x00 for values with the top bit set.  An unsigned value
 *    that looks negative (41 01 ff) is taken, as Net-SNMP does, as the
 *    two's-complement bit pattern of the type (4294967295) provided it has
 *    no more octets than the type (4, or 8 for Counter64); a longer
 *    negative encoding is SN_EOVERFLOW.  Empty integers are SN_ELENGTH.
 *  - OBJECT IDENTIFIER: at least one octet, at most 128 sub-identifiers
 *    (SN_ETOOLONG), each at most 2^32-1 (SN_EOVERFLOW); the first octets
 *    decode to two arcs (X.690 §8.19.4), arc 2 taking any second arc.
 *    A sub-identifier with redundant leading 0x80 octets (X.690 §8.19.2
 *    forbids them) is accepted and re-encoded minimally.
 *  - IpAddress exactly 4 octets; NULL and the exceptions of RFC 3416 §3 are
 *    empty; constructed or multi-octet tags where a value is expected are
 *    SN_ETAG.
 */
#ifndef SN_ENGINE_BER_H
#define SN_ENGINE_BER_H

#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/oid.h>
#include <sn/value.h>

/* Universal and context tags used by SNMP. */
#define SN_BER_INTEGER 0x02
#define SN_BER_OCTETS 0x04
#define SN_BER_NULL 0x05
#define SN_BER_OID 0x06
#define SN_BER_SEQUENCE 0x30

/* Deepest nesting of constructed elements the decoder enters. */
#define SN_BER_MAX_DEPTH 8

/*
 * A decoder: a window [p, end) of an input that starts at base.  Copy it
 * freely; sub-decoders made by sn_ber_enter() share base, so offsets in
 * error messages count from the start of the message.
 */
struct sn_ber {
	const uint8_t *base;
	const uint8_t *p;
	const uint8_t *end;
	int depth;
};

static inline void
sn_ber_init(struct sn_ber *d, const uint8_t *buf, size_t len)
{
	d->base = buf;
	d->p = buf;
	d->end = buf + len;
	d->depth = 0;
}

/* Bytes left in the window. */
static inline size_t
sn_ber_left(const struct sn_ber *d)
{
	return (size_t)(d->end - d->p);
}

/* Offset of the next byte from the start of the message. */
static inline size_t
sn_ber_offset(const struct sn_ber *d)
{
	return (size_t)(d->p - d->base);
}

/*
 * Read a tag and a length; on success d->p is at the content, which is
 * known to lie inside the window.  Errors: SN_ETRUNC, SN_ETAG (multi-octet
 * tag), SN_ELENGTH (indefinite or over-long length).
 */
int sn_ber_get_header_slow(struct sn_ber *d, uint8_t *tag, size_t *len,
    struct sn_error *err);

static inline int
sn_ber_get_header(struct sn_ber *d, uint8_t *tag, size_t *len,
    struct sn_error *err)
{
	const uint8_t *p = d->p;
	size_t left = (size_t)(d->end - p);

	/* the common case inline: low tag number, short-form length */
	if (left >= 2 && (p[0] & 0x1f) != 0x1f && p[1] < 0x80 &&
	    p[1] <= left - 2) {
		*tag = p[0];
		*len = p[1];
		d->p = p + 2;
		return 0;
	}
	return sn_ber_get_header_slow(d, tag, len, err);
}
/*
 * Enter a constructed element with the given tag (or any tag when
 * tag_out is not NULL and tag is 0; the tag read is stored there): sub is
 * set to its content and d moves past it.  what names the element in
 * error messages ("PDU", "varbind").  SN_EDEPTH past SN_BER_MAX_DEPTH.
 */
int sn_ber_enter_slow(struct sn_ber *d, uint8_t tag, uint8_t *tag_out,
    struct sn_ber *sub, const char *what, struct sn_error *err);

static inline int
sn_ber_enter(struct sn_ber *d, uint8_t tag, uint8_t *tag_out,
    struct sn_ber *sub, const char *what, struct sn_error *err)
{
	const uint8_t *p = d->p;
	size_t left = (size_t)(d->end - p), len;

	/* the common case inline; anything else (and every error) slow */
	if (d->depth < SN_BER_MAX_DEPTH && left >= 2 && p[1] < 0x80 &&
	    p[1] <= left - 2 && (tag != 0 ? p[0] == tag :
	    (p[0] & 0x20) != 0 && (p[0] & 0x1f) != 0x1f)) {
		len = p[1];
		if (tag_out != NULL)
			*tag_out = p[0];
		sub->base = d->base;
		sub->p = p + 2;
		sub->end = p + 2 + len;
		sub->depth = d->depth + 1;
		d->p = p + 2 + len;
		return 0;
	}
	return sn_ber_enter_slow(d, tag, tag_out, sub, what, err);
}
/* SN_EDECODE if bytes remain in d (trailing garbage after what). */
int sn_ber_finish(const struct sn_ber *d, const char *what,
    struct sn_error *err);

/* Typed readers: expect tag, decode the content, advance past it. */
int sn_ber_get_int32(struct sn_ber *d, uint8_t tag, int32_t *v,
    const char *what, struct sn_error *err);
int sn_ber_get_uint32(struct sn_ber *d, uint8_t tag, uint32_t *v,
    const char *what, struct sn_error *err);
int sn_ber_get_uint64(struct sn_ber *d, uint8_t tag, uint64_t *v,
    const char *what, struct sn_error *err);
/* *p points into the input (borrowed). */
int sn_ber_get_octets(struct sn_ber *d, uint8_t tag, const uint8_t **p,
    size_t *len, const char *what, struct sn_error *err);
int sn_ber_get_oid(struct sn_ber *d, uint8_t tag, struct sn_oid *oid,
    const char *what, struct sn_error *err);
int sn_ber_get_null(struct sn_ber *d, uint8_t tag, const char *what,
    struct sn_error *err);
/*
 * Read any SNMP value (RFC 2578 §7.1, RFC 3416 §3 exceptions).  String
 * values point into the input (borrowed): copy them before the input goes.
 */
int sn_ber_get_value(struct sn_ber *d, struct sn_value *v,
    struct sn_error *err);

/*
 * Content decoders (no tag or length), for callers that already hold the
 * content octets: 0, SN_ELENGTH (empty) or SN_EOVERFLOW.
 */
int sn_ber_dec_int32(const uint8_t *c, size_t n, int32_t *v);
int sn_ber_dec_uint32(const uint8_t *c, size_t n, uint32_t *v);
int sn_ber_dec_uint64(const uint8_t *c, size_t n, uint64_t *v);
/* Also SN_ETOOLONG (more than 128 arcs) and SN_EDECODE (unterminated). */
int sn_ber_dec_oid(const uint8_t *c, size_t n, struct sn_oid *oid);

/*
 * An encoder writing backwards into [start, end of buffer): p is the first
 * byte written so far.  To wrap content in a constructed element, keep
 * mark = e->p before writing the content (which is written last element
 * first), then call sn_ber_put_wrap(e, tag, mark).  Every writer returns 0
 * or SN_EENCODE when the buffer is full (e->p is then unspecified but
 * within the buffer); value writers also SN_EINVAL for a value the type
 * cannot carry.
 */
struct sn_ber_enc {
	uint8_t *start;
	uint8_t *p;
};

static inline void
sn_ber_enc_init(struct sn_ber_enc *e, uint8_t *buf, size_t cap)
{
	e->start = buf;
	e->p = buf + cap;
}

/* Bytes written from mark down to e->p. */
static inline size_t
sn_ber_enc_len(const struct sn_ber_enc *e, const uint8_t *mark)
{
	return (size_t)(mark - e->p);
}

int sn_ber_put_header_slow(struct sn_ber_enc *e, uint8_t tag, size_t len);

static inline int
sn_ber_put_header(struct sn_ber_enc *e, uint8_t tag, size_t len)
{
	/* the common case inline: short-form length */
	if (len < 0x80 && e->p - e->start >= 2) {
		e->p -= 2;
		e->p[0] = tag;
		e->p[1] = (uint8_t)len;
		return 0;
	}
	return sn_ber_put_header_slow(e, tag, len);
}

/* Tag and length of everything written since mark. */
static inline int
sn_ber_put_wrap(struct sn_ber_enc *e, uint8_t tag, const uint8_t *mark)
{
	return sn_ber_put_header(e, tag, (size_t)(mark - e->p));
}
/* Raw bytes, no header. */
int sn_ber_put_raw(struct sn_ber_enc *e, const void *p, size_t len);
int sn_ber_put_int32(struct sn_ber_enc *e, uint8_t tag, int32_t v);
/* Unsigned (Counter32 ... Counter64): minimal, 0x00 before a top bit. */
int sn_ber_put_uint64(struct sn_ber_enc *e, uint8_t tag, uint64_t v);
int sn_ber_put_octets(struct sn_ber_enc *e, uint8_t tag, const void *p,
    size_t len);
int sn_ber_put_null(struct sn_ber_enc *e, uint8_t tag);
/*
 * OBJECT IDENTIFIER (X.690 §8.19).  As Net-SNMP does, an empty OID is
 * written as 0.0 and a one-arc OID X as X.0.  SN_EINVAL when the first arc
 * is above 2, or above 1 with a second arc of 40 or more.
 */
int sn_ber_put_oid(struct sn_ber_enc *e, uint8_t tag,
    const struct sn_oid *oid);
/* Any value; SN_EINVAL for an unknown type or an IpAddress not 4 bytes. */
int sn_ber_put_value(struct sn_ber_enc *e, const struct sn_value *v);

/*
 * PDUs inside a message (implemented in pdu.c, for the message
 * processing models).  sn_ber_put_pdu() writes the whole PDU element;
 * sn_ber_get_pdu() reads one PDU element from d (any PDU tag), resets and
 * refills pdu's varbind list, copying strings into the list's storage.
 */
struct sn_pdu;
int sn_ber_put_pdu(struct sn_ber_enc *e, const struct sn_pdu *pdu,
    struct sn_error *err);
int sn_ber_get_pdu(struct sn_ber *d, struct sn_pdu *pdu,
    struct sn_error *err);

#endif
