/*
 * The BER subset of SNMP (X.690 as restricted by RFC 3417 §8): a bounded
 * decoder that reports byte offsets, and an encoder that writes backwards
 * from the end of the caller's buffer.  Which sloppy encodings are accepted
 * and why is documented in ber.h.  Types: RFC 2578 §7.1 (INTEGER, OCTET
 * STRING, OBJECT IDENTIFIER, IpAddress, Counter32, Gauge32, TimeTicks,
 * Opaque, Counter64), RFC 1442 NsapAddress/UInteger32 (historic, read as
 * bytes and unsigned), RFC 3416 §3 exceptions.
 */
#include "config.h"

#include <string.h>

#include "ber.h"

/* Printable name of an expected element for error messages. */
static const char *
name_or(const char *what, const char *dflt)
{
	return what != NULL ? what : dflt;
}

int
sn_ber_get_header_slow(struct sn_ber *d, uint8_t *tag, size_t *len,
    struct sn_error *err)
{
	const uint8_t *p = d->p;
	size_t off = sn_ber_offset(d);
	size_t n, l, left;
	uint8_t b;

	if (p >= d->end) {
		return sn_error_set(err, SN_ETRUNC,
		    "at offset %zu: input ends where a tag is expected", off);
	}
	b = *p++;
	/* X.690 §8.1.2.4: high tag numbers; SNMP uses none */
	if ((b & 0x1f) == 0x1f) {
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: multi-octet tag 0x%02x", off, b);
	}
	*tag = b;
	if (p >= d->end) {
		return sn_error_set(err, SN_ETRUNC,
		    "at offset %zu: input ends where a length is expected",
		    off + 1);
	}
	b = *p++;
	if (b < 0x80) {
		l = b;
	} else if (b == 0x80) {
		/* X.690 §8.1.3.6 indefinite form; RFC 3417 §8 wants definite */
		return sn_error_set(err, SN_ELENGTH,
		    "at offset %zu: indefinite length", off + 1);
	} else {
		n = b & 0x7f;
		if (n > 4) {
			return sn_error_set(err, SN_ELENGTH,
			    "at offset %zu: length of %zu octets (at most 4)",
			    off + 1, n);
		}
		if ((size_t)(d->end - p) < n) {
			return sn_error_set(err, SN_ETRUNC,
			    "at offset %zu: input ends inside a length",
			    off + 1);
		}
		/* X.690 §8.1.3.5 long form; non-minimal accepted (ber.h) */
		l = 0;
		while (n-- > 0)
			l = (l << 8) | *p++;
	}
	left = (size_t)(d->end - p);
	if (l > left) {
		return sn_error_set(err, SN_ETRUNC,
		    "at offset %zu: length %zu exceeds remaining %zu bytes",
		    off, l, left);
	}
	*len = l;
	d->p = p;
	return 0;
}

/* Read a header and check its tag. */
static int
expect(struct sn_ber *d, uint8_t tag, size_t *len, const char *what,
    struct sn_error *err)
{
	const uint8_t *start = d->p;
	uint8_t t;
	int rc;

	if ((rc = sn_ber_get_header(d, &t, len, err)) != 0)
		return rc;
	if (t != tag) {
		d->p = start;
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: expected %s (tag 0x%02x), got tag 0x%02x",
		    sn_ber_offset(d), name_or(what, "element"), tag, t);
	}
	return 0;
}

int
sn_ber_enter_slow(struct sn_ber *d, uint8_t tag, uint8_t *tag_out,
    struct sn_ber *sub, const char *what, struct sn_error *err)
{
	size_t off = sn_ber_offset(d);
	size_t len;
	uint8_t t;
	int rc;

	if (d->depth >= SN_BER_MAX_DEPTH) {
		return sn_error_set(err, SN_EDEPTH,
		    "at offset %zu: nesting deeper than %d", off,
		    SN_BER_MAX_DEPTH);
	}
	if ((rc = sn_ber_get_header(d, &t, &len, err)) != 0)
		return rc;
	if ((tag != 0 && t != tag) || (tag == 0 && (t & 0x20) == 0)) {
		d->p = d->base + off;
		if (tag == 0) {
			return sn_error_set(err, SN_ETAG,
			    "at offset %zu: expected %s, got primitive "
			    "tag 0x%02x", off, name_or(what, "constructed"),
			    t);
		}
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: expected %s (tag 0x%02x), got tag 0x%02x",
		    off, name_or(what, "SEQUENCE"), tag, t);
	}
	if (tag_out != NULL)
		*tag_out = t;
	sub->base = d->base;
	sub->p = d->p;
	sub->end = d->p + len;
	sub->depth = d->depth + 1;
	d->p += len;
	return 0;
}

int
sn_ber_finish(const struct sn_ber *d, const char *what,
    struct sn_error *err)
{
	if (d->p != d->end) {
		return sn_error_set(err, SN_EDECODE,
		    "at offset %zu: %zu trailing bytes after %s",
		    sn_ber_offset(d), sn_ber_left(d), name_or(what, "data"));
	}
	return 0;
}

int
sn_ber_dec_int32(const uint8_t *c, size_t n, int32_t *v)
{
	int64_t x;
	size_t i;

	/* X.690 §8.3.1: at least one octet */
	if (n == 0)
		return SN_ELENGTH;
	/* at most 8 octets, as Net-SNMP (ber.h) */
	if (n > 8)
		return SN_EOVERFLOW;
	/* X.690 §8.3.3: two's complement; the value only grows in magnitude,
	 * so leaving the int32 range once is final */
	x = (c[0] & 0x80) ? -1 : 0;
	for (i = 0; i < n; i++) {
		x = (int64_t)(((uint64_t)x << 8) | c[i]);
		if (x > INT32_MAX || x < INT32_MIN)
			return SN_EOVERFLOW;
	}
	*v = (int32_t)x;
	return 0;
}

int
sn_ber_dec_uint32(const uint8_t *c, size_t n, uint32_t *v)
{
	uint64_t x = 0;
	uint32_t y;
	size_t i;

	if (n == 0)
		return SN_ELENGTH;
	/* at most 8 octets, or 9 after a 0x00, as Net-SNMP (ber.h) */
	if (n > 9 || (n == 9 && c[0] != 0))
		return SN_EOVERFLOW;
	if (c[0] & 0x80) {
		/* negative-looking: the 32-bit pattern, as Net-SNMP (ber.h) */
		if (n > 4)
			return SN_EOVERFLOW;
		y = UINT32_MAX;
		for (i = 0; i < n; i++)
			y = (y << 8) | c[i];
		*v = y;
		return 0;
	}
	for (i = 0; i < n; i++) {
		x = (x << 8) | c[i];
		if (x > UINT32_MAX)
			return SN_EOVERFLOW;
	}
	*v = (uint32_t)x;
	return 0;
}

int
sn_ber_dec_uint64(const uint8_t *c, size_t n, uint64_t *v)
{
	uint64_t x;
	size_t i;

	if (n == 0)
		return SN_ELENGTH;
	if (n > 9 || (n == 9 && c[0] != 0))
		return SN_EOVERFLOW;
	if (c[0] & 0x80) {
		if (n > 8)
			return SN_EOVERFLOW;
		x = UINT64_MAX;
		for (i = 0; i < n; i++)
			x = (x << 8) | c[i];
		*v = x;
		return 0;
	}
	x = 0;
	for (i = 0; i < n; i++) {
		if (x > (UINT64_MAX >> 8))
			return SN_EOVERFLOW;
		x = (x << 8) | c[i];
	}
	*v = x;
	return 0;
}

/*
 * One sub-identifier of two or more octets at *cp (X.690 §8.19.2):
 * SN_EOVERFLOW past 2^32-1 (RFC 2578 §3.5), SN_EDECODE if unterminated.
 */
static int
dec_subid(const uint8_t **cp, const uint8_t *end, uint32_t *out)
{
	const uint8_t *c = *cp;
	uint32_t x = 0;

	for (;;) {
		if (c == end)
			return SN_EDECODE;
		if (x > (UINT32_MAX >> 7))
			return SN_EOVERFLOW;
		x = (x << 7) | (*c & 0x7f);
		if ((*c++ & 0x80) == 0)
			break;
	}
	*cp = c;
	*out = x;
	return 0;
}

int
sn_ber_dec_oid(const uint8_t *c, size_t n, struct sn_oid *oid)
{
	const uint8_t *end = c + n;
	uint64_t first;
	uint32_t x;
	size_t k;
	int rc;

	if (n == 0)
		return SN_ELENGTH;
	/* X.690 §8.19.4: the first sub-identifier is 40 * X + Y; arc 2 takes
	 * any Y, so it may exceed 2^32-1 by up to 80 */
	if (*c < 0x80) {
		first = *c++;
	} else {
		first = 0;
		for (;;) {
			if (c == end)
				return SN_EDECODE;
			first = (first << 7) | (*c & 0x7f);
			if (first > (uint64_t)UINT32_MAX + 80)
				return SN_EOVERFLOW;
			if ((*c++ & 0x80) == 0)
				break;
		}
	}
	if (first < 40) {
		oid->sub[0] = 0;
		oid->sub[1] = (uint32_t)first;
	} else if (first < 80) {
		oid->sub[0] = 1;
		oid->sub[1] = (uint32_t)(first - 40);
	} else {
		oid->sub[0] = 2;
		oid->sub[1] = (uint32_t)(first - 80);
	}
	k = 2;
	if (n < SN_OID_MAX_LEN) {
		/* n octets make at most n + 1 arcs: no room check needed */
		while (c < end) {
			if (*c < 0x80) {
				oid->sub[k++] = *c++;
			} else {
				if ((rc = dec_subid(&c, end, &x)) != 0)
					return rc;
				oid->sub[k++] = x;
			}
		}
	} else {
		while (c < end) {
			/* RFC 2578 §3.5: at most 128 sub-identifiers */
			if (k == SN_OID_MAX_LEN)
				return SN_ETOOLONG;
			if ((rc = dec_subid(&c, end, &x)) != 0)
				return rc;
			oid->sub[k++] = x;
		}
	}
	oid->len = k;
	return 0;
}

static int
int_error(struct sn_ber *d, int rc, size_t off, const char *what,
    size_t len, struct sn_error *err)
{
	d->p = d->base + off;
	if (rc == SN_ELENGTH) {
		return sn_error_set(err, rc, "at offset %zu: empty %s", off,
		    name_or(what, "integer"));
	}
	return sn_error_set(err, rc,
	    "at offset %zu: %s of %zu octets out of range", off,
	    name_or(what, "integer"), len);
}

int
sn_ber_get_int32(struct sn_ber *d, uint8_t tag, int32_t *v, const char *what,
    struct sn_error *err)
{
	const uint8_t *p = d->p;
	size_t off = sn_ber_offset(d);
	size_t len, left = sn_ber_left(d);
	int rc;

	if (left >= 2 && p[0] == tag && p[1] < 0x80 && p[1] <= left - 2 &&
	    sn_ber_dec_int32(p + 2, p[1], v) == 0) {
		d->p = p + 2 + p[1];
		return 0;
	}

	if ((rc = expect(d, tag, &len, what, err)) != 0)
		return rc;
	if ((rc = sn_ber_dec_int32(d->p, len, v)) != 0)
		return int_error(d, rc, off, what, len, err);
	d->p += len;
	return 0;
}

int
sn_ber_get_uint32(struct sn_ber *d, uint8_t tag, uint32_t *v,
    const char *what, struct sn_error *err)
{
	size_t off = sn_ber_offset(d);
	size_t len;
	int rc;

	if ((rc = expect(d, tag, &len, what, err)) != 0)
		return rc;
	if ((rc = sn_ber_dec_uint32(d->p, len, v)) != 0)
		return int_error(d, rc, off, what, len, err);
	d->p += len;
	return 0;
}

int
sn_ber_get_uint64(struct sn_ber *d, uint8_t tag, uint64_t *v,
    const char *what, struct sn_error *err)
{
	size_t off = sn_ber_offset(d);
	size_t len;
	int rc;

	if ((rc = expect(d, tag, &len, what, err)) != 0)
		return rc;
	if ((rc = sn_ber_dec_uint64(d->p, len, v)) != 0)
		return int_error(d, rc, off, what, len, err);
	d->p += len;
	return 0;
}

int
sn_ber_get_octets(struct sn_ber *d, uint8_t tag, const uint8_t **p,
    size_t *len, const char *what, struct sn_error *err)
{
	int rc;

	if ((rc = expect(d, tag, len, what, err)) != 0)
		return rc;
	*p = d->p;
	d->p += *len;
	return 0;
}

static int
oid_error(struct sn_ber *d, int rc, size_t off, const char *what,
    struct sn_error *err)
{
	const char *w = name_or(what, "OBJECT IDENTIFIER");

	d->p = d->base + off;
	switch (rc) {
	case SN_ELENGTH:
		return sn_error_set(err, rc, "at offset %zu: empty %s", off,
		    w);
	case SN_ETOOLONG:
		return sn_error_set(err, rc,
		    "at offset %zu: %s has more than %d sub-identifiers", off,
		    w, SN_OID_MAX_LEN);
	case SN_EOVERFLOW:
		return sn_error_set(err, rc,
		    "at offset %zu: %s has a sub-identifier above 4294967295",
		    off, w);
	default:
		return sn_error_set(err, rc,
		    "at offset %zu: %s ends inside a sub-identifier", off, w);
	}
}

int
sn_ber_get_oid(struct sn_ber *d, uint8_t tag, struct sn_oid *oid,
    const char *what, struct sn_error *err)
{
	const uint8_t *p = d->p;
	size_t off = sn_ber_offset(d);
	size_t len, left = sn_ber_left(d);
	int rc;

	/* the common case first: short form, decodes cleanly */
	if (left >= 2 && p[0] == tag && p[1] < 0x80 && p[1] <= left - 2 &&
	    sn_ber_dec_oid(p + 2, p[1], oid) == 0) {
		d->p = p + 2 + p[1];
		return 0;
	}

	if ((rc = expect(d, tag, &len, what, err)) != 0)
		return rc;
	if ((rc = sn_ber_dec_oid(d->p, len, oid)) != 0)
		return oid_error(d, rc, off, what, err);
	d->p += len;
	return 0;
}

int
sn_ber_get_null(struct sn_ber *d, uint8_t tag, const char *what,
    struct sn_error *err)
{
	size_t off = sn_ber_offset(d);
	size_t len;
	int rc;

	if ((rc = expect(d, tag, &len, what, err)) != 0)
		return rc;
	/* X.690 §8.8.2: NULL has no content */
	if (len != 0) {
		d->p = d->base + off;
		return sn_error_set(err, SN_ELENGTH,
		    "at offset %zu: %s with %zu content octets", off,
		    name_or(what, "NULL"), len);
	}
	return 0;
}

int
sn_ber_get_value(struct sn_ber *d, struct sn_value *v, struct sn_error *err)
{
	size_t off = sn_ber_offset(d);
	const uint8_t *c;
	size_t len;
	uint8_t tag;
	int rc;

	if ((rc = sn_ber_get_header(d, &tag, &len, err)) != 0)
		return rc;
	c = d->p;
	switch (tag) {
	case SN_T_INTEGER:
		rc = sn_ber_dec_int32(c, len, &v->v.i);
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		rc = sn_ber_dec_uint32(c, len, &v->v.u);
		break;
	case SN_T_COUNTER64:
		rc = sn_ber_dec_uint64(c, len, &v->v.u64);
		break;
	case SN_T_IPADDR:
		/* RFC 2578 §7.1.5: IpAddress is OCTET STRING (SIZE (4)) */
		if (len != 4) {
			d->p = d->base + off;
			return sn_error_set(err, SN_ELENGTH,
			    "at offset %zu: IpAddress of %zu octets", off,
			    len);
		}
		/* FALLTHROUGH */
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_NSAP:
		v->v.str.ptr = c;
		v->v.str.len = len;
		break;
	case SN_T_OID:
		rc = sn_ber_dec_oid(c, len, &v->v.oid);
		if (rc != 0)
			return oid_error(d, rc, off, "OBJECT IDENTIFIER", err);
		break;
	case SN_T_NULL:
	case SN_T_NOSUCHOBJECT:
	case SN_T_NOSUCHINSTANCE:
	case SN_T_ENDOFMIBVIEW:
		/* X.690 §8.8.2; RFC 3416 §3: the exceptions are NULL-like */
		if (len != 0) {
			d->p = d->base + off;
			return sn_error_set(err, SN_ELENGTH,
			    "at offset %zu: %s with %zu content octets", off,
			    sn_type_name((enum sn_type)tag), len);
		}
		v->v.u64 = 0;
		break;
	default:
		d->p = d->base + off;
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: tag 0x%02x is not an SNMP value type", off,
		    tag);
	}
	if (rc != 0) {
		return int_error(d, rc, off, sn_type_name((enum sn_type)tag),
		    len, err);
	}
	v->type = (enum sn_type)tag;
	d->p = c + len;
	return 0;
}

/* Encoder */

int
sn_ber_put_header_slow(struct sn_ber_enc *e, uint8_t tag, size_t len)
{
	uint8_t *p = e->p;
	size_t need;

	need = len < 0x80 ? 2 : len <= 0xff ? 3 : len <= 0xffff ? 4 :
	    len <= 0xffffff ? 5 : 6;
	if ((size_t)(p - e->start) < need)
		return SN_EENCODE;
	/* X.690 §8.1.3: definite form, minimal */
	if (len < 0x80) {
		*--p = (uint8_t)len;
	} else if (len <= 0xff) {
		*--p = (uint8_t)len;
		*--p = 0x81;
	} else if (len <= 0xffff) {
		*--p = (uint8_t)len;
		*--p = (uint8_t)(len >> 8);
		*--p = 0x82;
	} else if (len <= 0xffffff) {
		*--p = (uint8_t)len;
		*--p = (uint8_t)(len >> 8);
		*--p = (uint8_t)(len >> 16);
		*--p = 0x83;
	} else if (len <= 0xffffffffu) {
		*--p = (uint8_t)len;
		*--p = (uint8_t)(len >> 8);
		*--p = (uint8_t)(len >> 16);
		*--p = (uint8_t)(len >> 24);
		*--p = 0x84;
	} else {
		return SN_EENCODE;
	}
	*--p = tag;
	e->p = p;
	return 0;
}

int
sn_ber_put_raw(struct sn_ber_enc *e, const void *p, size_t len)
{
	if ((size_t)(e->p - e->start) < len)
		return SN_EENCODE;
	e->p -= len;
	if (len > 0)
		memcpy(e->p, p, len);
	return 0;
}

int
sn_ber_put_int32(struct sn_ber_enc *e, uint8_t tag, int32_t v)
{
	uint32_t u = (uint32_t)v;
	uint8_t *p = e->p;
	size_t n = 4, i;

	/* X.690 §8.3.2: drop leading octets that only repeat the sign */
	if (v >= 0) {
		while (n > 1 && (u >> (8 * (n - 1) - 1)) == 0)
			n--;
	} else {
		while (n > 1 && (u >> (8 * (n - 1) - 1)) ==
		    (UINT32_MAX >> (8 * (n - 1) - 1)))
			n--;
	}
	if ((size_t)(p - e->start) < n + 2)
		return SN_EENCODE;
	for (i = 0; i < n; i++) {
		*--p = (uint8_t)u;
		u >>= 8;
	}
	*--p = (uint8_t)n;
	*--p = tag;
	e->p = p;
	return 0;
}

int
sn_ber_put_uint64(struct sn_ber_enc *e, uint8_t tag, uint64_t v)
{
	uint8_t *p = e->p;
	uint8_t *c;
	size_t n = 1;
	uint64_t x;

	/* content octets, with a 0x00 before a set top bit */
	for (x = v >> 7; x != 0; x >>= 8)
		n++;
	if ((size_t)(p - e->start) < n + 2)
		return SN_EENCODE;
	c = p;
	do {
		*--p = (uint8_t)v;
		v >>= 8;
	} while (v != 0);
	/* X.690 §8.3.3: a set top bit would read as negative */
	if (*p & 0x80)
		*--p = 0;
	p[-1] = (uint8_t)(c - p);
	p -= 2;
	*p = tag;
	e->p = p;
	return 0;
}

int
sn_ber_put_octets(struct sn_ber_enc *e, uint8_t tag, const void *p,
    size_t len)
{
	int rc;

	if ((rc = sn_ber_put_raw(e, p, len)) != 0)
		return rc;
	return sn_ber_put_header(e, tag, len);
}

int
sn_ber_put_null(struct sn_ber_enc *e, uint8_t tag)
{
	if (e->p - e->start < 2)
		return SN_EENCODE;
	*--e->p = 0;
	*--e->p = tag;
	return 0;
}

/* Base-128 sub-identifier, written backwards ending before p. */
static inline uint8_t *
put_subid(uint8_t *p, uint64_t x)
{
	*--p = (uint8_t)(x & 0x7f);
	x >>= 7;
	while (x != 0) {
		*--p = (uint8_t)(0x80 | (x & 0x7f));
		x >>= 7;
	}
	return p;
}

/* Octets of a sub-identifier in base 128. */
static inline size_t
subid_len(uint64_t x)
{
	size_t n = 1;

	while (x >= 0x80) {
		x >>= 7;
		n++;
	}
	return n;
}

int
sn_ber_put_oid(struct sn_ber_enc *e, uint8_t tag, const struct sn_oid *oid)
{
	uint8_t *p = e->p;
	uint8_t *mark = p;
	uint64_t first;
	size_t i, clen;

	if (oid->len > SN_OID_MAX_LEN)
		return SN_EINVAL;
	/* X.690 §8.19.4; Net-SNMP writes an empty OID as 0.0 */
	if (oid->len == 0) {
		first = 0;
	} else if (oid->sub[0] > 2) {
		return SN_EINVAL;
	} else if (oid->len == 1) {
		first = (uint64_t)oid->sub[0] * 40;
	} else {
		if (oid->sub[0] < 2 && oid->sub[1] >= 40)
			return SN_EINVAL;
		first = (uint64_t)oid->sub[0] * 40 + oid->sub[1];
	}
	/* worst case 5 octets per arc and 4 of header; else count exactly */
	if ((size_t)(p - e->start) < oid->len * 5 + 10) {
		clen = subid_len(first);
		for (i = 2; i < oid->len; i++)
			clen += subid_len(oid->sub[i]);
		if ((size_t)(p - e->start) < clen + (clen < 0x80 ? 2 :
		    clen <= 0xff ? 3 : 4))
			return SN_EENCODE;
	}
	for (i = oid->len; i > 2; i--) {
		if (oid->sub[i - 1] < 0x80)
			*--p = (uint8_t)oid->sub[i - 1];
		else
			p = put_subid(p, oid->sub[i - 1]);
	}
	p = put_subid(p, first);
	e->p = p;
	return sn_ber_put_header(e, tag, (size_t)(mark - p));
}

int
sn_ber_put_value(struct sn_ber_enc *e, const struct sn_value *v)
{
	uint8_t tag = (uint8_t)v->type;

	switch (v->type) {
	case SN_T_INTEGER:
		return sn_ber_put_int32(e, tag, v->v.i);
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		return sn_ber_put_uint64(e, tag, v->v.u);
	case SN_T_COUNTER64:
		return sn_ber_put_uint64(e, tag, v->v.u64);
	case SN_T_IPADDR:
		/* RFC 2578 §7.1.5: exactly 4 octets */
		if (v->v.str.len != 4)
			return SN_EINVAL;
		/* FALLTHROUGH */
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_NSAP:
		if (v->v.str.len > 0 && v->v.str.ptr == NULL)
			return SN_EINVAL;
		return sn_ber_put_octets(e, tag, v->v.str.ptr, v->v.str.len);
	case SN_T_OID:
		return sn_ber_put_oid(e, tag, &v->v.oid);
	case SN_T_NULL:
	case SN_T_NOSUCHOBJECT:
	case SN_T_NOSUCHINSTANCE:
	case SN_T_ENDOFMIBVIEW:
		return sn_ber_put_null(e, tag);
	}
	return SN_EINVAL;
}
