/*
 * Object identifiers as values (RFC 2578 §3.5: at most 128 sub-identifiers,
 * each at most 2^32-1): numeric dotted text in and out, the lexicographic
 * order that GetNext and walks rely on (RFC 3416 §4.2.2), prefixes.
 */
#include "config.h"

#include <string.h>

#include <sn/oid.h>

int
sn_oid_parse(struct sn_oid *oid, const char *text, struct sn_error *err)
{
	const char *s = text;
	uint64_t v;
	size_t n = 0;

	oid->len = 0;
	if (s == NULL)
		return sn_error_set(err, SN_ENAME, "no OID given");
	if (*s == '.')
		s++;
	if (*s == '\0') {
		return sn_error_set(err, SN_ENAME,
		    "'%s' is not a numeric OID", text);
	}
	for (;;) {
		if (*s < '0' || *s > '9') {
			return sn_error_set(err, SN_ENAME,
			    "'%s' is not a numeric OID", text);
		}
		v = 0;
		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (uint64_t)(*s - '0');
			if (v > UINT32_MAX) {
				return sn_error_set(err, SN_EOVERFLOW,
				    "'%s': sub-identifier exceeds 4294967295",
				    text);
			}
			s++;
		}
		/* RFC 2578 §3.5: at most 128 sub-identifiers */
		if (n == SN_OID_MAX_LEN) {
			return sn_error_set(err, SN_ETOOLONG,
			    "'%s': more than %d sub-identifiers", text,
			    SN_OID_MAX_LEN);
		}
		oid->sub[n++] = (uint32_t)v;
		if (*s == '\0')
			break;
		if (*s != '.') {
			return sn_error_set(err, SN_ENAME,
			    "'%s' is not a numeric OID", text);
		}
		s++;
	}
	oid->len = n;
	return 0;
}

/* Write the decimal digits of v ending just before end; return the start. */
static char *
put_dec(char *end, uint32_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

int
sn_oid_format(const struct sn_oid *oid, bool lead_dot, char *buf,
    size_t cap)
{
	char tmp[12];
	size_t pos = 0, i, n;
	char *d;

	if (cap == 0)
		return SN_ETOOLONG;
	if (oid->len == 0) {
		if (lead_dot) {
			if (cap < 2) {
				buf[0] = '\0';
				return SN_ETOOLONG;
			}
			buf[pos++] = '.';
		}
		buf[pos] = '\0';
		return (int)pos;
	}
	for (i = 0; i < oid->len; i++) {
		d = put_dec(tmp + sizeof(tmp), oid->sub[i]);
		n = (size_t)(tmp + sizeof(tmp) - d);
		if (i > 0 || lead_dot) {
			if (pos + 1 >= cap)
				goto toolong;
			buf[pos++] = '.';
		}
		if (pos + n >= cap)
			goto toolong;
		memcpy(buf + pos, d, n);
		pos += n;
	}
	buf[pos] = '\0';
	return (int)pos;
toolong:
	buf[pos] = '\0';
	return SN_ETOOLONG;
}

int
sn_oid_cmp(const struct sn_oid *a, const struct sn_oid *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	size_t i;

	/* RFC 3416 §4.2.2: lexicographic order, shorter prefix first */
	for (i = 0; i < n; i++) {
		if (a->sub[i] != b->sub[i])
			return a->sub[i] < b->sub[i] ? -1 : 1;
	}
	if (a->len == b->len)
		return 0;
	return a->len < b->len ? -1 : 1;
}

bool
sn_oid_has_prefix(const struct sn_oid *oid, const struct sn_oid *prefix)
{
	size_t i;

	if (prefix->len > oid->len)
		return false;
	for (i = 0; i < prefix->len; i++) {
		if (oid->sub[i] != prefix->sub[i])
			return false;
	}
	return true;
}

int
sn_oid_append(struct sn_oid *oid, uint32_t sub)
{
	if (oid->len >= SN_OID_MAX_LEN)
		return SN_ETOOLONG;
	oid->sub[oid->len++] = sub;
	return 0;
}

int
sn_oid_set(struct sn_oid *oid, const uint32_t *sub, size_t n)
{
	if (n > SN_OID_MAX_LEN)
		return SN_ETOOLONG;
	if (n > 0)
		memcpy(oid->sub, sub, n * sizeof(*sub));
	oid->len = n;
	return 0;
}
