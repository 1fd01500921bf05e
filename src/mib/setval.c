/*
 * Typed values for `set` with "=": the object's syntax (RFC 2578 §7.1)
 * decides how text is read: enumeration labels or numbers (§7.1.1), BITS
 * labels (§7.1.4), DISPLAY-HINT input (RFC 2579 §3.1, e.g. MacAddress
 * "00:11:22:33:44:55" or DateAndTime "2024-1-2,3:4:5.6"), plain text for
 * other strings, names or dotted OIDs, a.b.c.d for IpAddress; then the
 * range and size constraints of the syntax are checked (RFC 2578 §7.1 and
 * the subtyping of its §9) before anything is sent.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

/* Check v against the ranges of the syntax; true when allowed. */
static bool
in_ranges(SmiType *t, long long v, bool is_unsigned)
{
	SmiRange *r;

	if (t == NULL || (r = smiGetFirstRange(t)) == NULL)
		return true;
	for (; r != NULL; r = smiGetNextRange(r)) {
		long long lo, hi;

		if (r->minValue.basetype == SMI_BASETYPE_UNSIGNED32 ||
		    is_unsigned) {
			lo = r->minValue.value.unsigned32;
			hi = r->maxValue.value.unsigned32;
		} else {
			lo = r->minValue.value.integer32;
			hi = r->maxValue.value.integer32;
		}
		if (r->minValue.basetype == SMI_BASETYPE_INTEGER32)
			lo = r->minValue.value.integer32;
		if (r->maxValue.basetype == SMI_BASETYPE_INTEGER32)
			hi = r->maxValue.value.integer32;
		if (v >= lo && v <= hi)
			return true;
	}
	return false;
}

static void
ranges_text(SmiType *t, char *buf, size_t cap)
{
	SmiRange *r;
	size_t n = 0;

	buf[0] = '\0';
	for (r = smiGetFirstRange(t); r != NULL && n < cap;
	    r = smiGetNextRange(r)) {
		int w;

		if (r->minValue.basetype == SMI_BASETYPE_INTEGER32)
			w = snprintf(buf + n, cap - n, "%s%ld..%ld",
			    n ? " | " : "", (long)r->minValue.value.integer32,
			    (long)r->maxValue.value.integer32);
		else
			w = snprintf(buf + n, cap - n, "%s%lu..%lu",
			    n ? " | " : "",
			    (unsigned long)r->minValue.value.unsigned32,
			    (unsigned long)r->maxValue.value.unsigned32);
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

static bool
parse_ll(const char *text, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(text, &end, 0);
	return errno == 0 && end != text && *end == '\0';
}

static int
store(struct sn_vbl *vbl, enum sn_type type, const uint8_t *p, size_t n,
    struct sn_value *out, struct sn_error *err)
{
	const uint8_t *s = n ? sn_vbl_store(vbl, p, n) : (const uint8_t *)"";

	if (s == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	*out = sn_value_str(type, s, n);
	return 0;
}

static int
parse_bits(const struct msyntax *s, const char *text, uint8_t *buf,
    size_t *n, struct sn_error *err)
{
	char tok[128];
	const char *p = text;
	long v;
	long long ll;
	size_t len = 0, k;

	memset(buf, 0, 128);
	while (*p != '\0') {
		/* Items separated by blanks, commas or '|'; "label(3)" too. */
		k = strcspn(p, " ,|");
		if (k == 0) {
			p++;
			continue;
		}
		if (k >= sizeof(tok))
			return sn_error_set(err, SN_ERANGE,
			    "bit name too long");
		memcpy(tok, p, k);
		tok[k] = '\0';
		p += k;
		tok[strcspn(tok, "(")] = '\0';
		if (!mib_enum_value(s->enumtype, tok, &v)) {
			if (!parse_ll(tok, &ll) || ll < 0 || ll >= 1024)
				return sn_error_set(err, SN_EINVAL,
				    "'%s' is not a bit of %s", tok,
				    s->tcname ? s->tcname : "BITS");
			v = (long)ll;
		}
		if (v < 0 || v >= 1024)
			return sn_error_set(err, SN_ERANGE, "bit %ld too big",
			    v);
		buf[v / 8] |= (uint8_t)(0x80 >> (v % 8));
		if ((size_t)v / 8 + 1 > len)
			len = (size_t)v / 8 + 1;
	}
	*n = len;
	return 0;
}

/* A hint that is one text item ("255a", "255t"): the text as it is. */
static bool
text_hint(const char *h)
{
	while (*h >= '0' && *h <= '9')
		h++;
	return (*h == 'a' || *h == 't') && h[1] == '\0';
}

int
mib_parse_value(struct mib *mib, const struct sn_oid *oid,
    const char *text, struct sn_vbl *vbl, struct sn_value *out,
    struct sn_error *err)
{
	const struct mnode *e;
	struct msyntax s;
	size_t depth, n = 0;
	uint8_t buf[4096];
	char rt[256];
	long long ll;
	long lv;

	e = mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e == NULL)
		return sn_error_set(err, SN_ENOTFOUND,
		    "no MIB object for this OID: give the type");
	mib_syntax(e->smi, &s);
	if (s.cls == MS_NONE)
		return sn_error_set(err, SN_ENOTFOUND,
		    "%s has no syntax: give the type", e->name);
	if (e->smi->access != SMI_ACCESS_READ_WRITE &&
	    e->smi->access != SMI_ACCESS_UNKNOWN)
		return sn_error_set(err, SN_EINVAL, "%s is not writable",
		    e->name);
	switch (s.cls) {
	case MS_INTEGER:
		if (mib_enum_value(s.enumtype, text, &lv)) {
			ll = lv;
		} else {
			char tmp[64], *par;

			/* "up(1)" as the output shows it. */
			snprintf(tmp, sizeof(tmp), "%s", text);
			if ((par = strchr(tmp, '(')) != NULL) {
				*par = '\0';
				if (mib_enum_value(s.enumtype, tmp, &lv)) {
					ll = lv;
					goto gotint;
				}
			}
			if (!parse_ll(text, &ll))
				return sn_error_set(err, SN_EINVAL,
				    "%s: '%s' is not %s", e->name, text,
				    s.enumtype ? "one of its labels" :
				    "an integer");
			if (s.enumtype != NULL &&
			    mib_enum_label(s.enumtype, (long)ll) == NULL)
				return sn_error_set(err, SN_ERANGE,
				    "%s: %lld is not one of its values",
				    e->name, ll);
		}
gotint:
		if (ll < INT32_MIN || ll > INT32_MAX ||
		    !in_ranges(s.rangetype, ll, false)) {
			ranges_text(s.rangetype, rt, sizeof(rt));
			return sn_error_set(err, SN_ERANGE,
			    "%s: %lld is out of range (%s)", e->name, ll,
			    rt[0] ? rt : "Integer32");
		}
		*out = sn_value_int((int32_t)ll);
		return 0;
	case MS_GAUGE32:
	case MS_COUNTER32:
	case MS_TIMETICKS:
	case MS_UINTEGER:
		if (!parse_ll(text, &ll))
			return sn_error_set(err, SN_EINVAL,
			    "%s: '%s' is not a number", e->name, text);
		if (ll < 0 || ll > UINT32_MAX ||
		    !in_ranges(s.rangetype, ll, true)) {
			ranges_text(s.rangetype, rt, sizeof(rt));
			return sn_error_set(err, SN_ERANGE,
			    "%s: %lld is out of range (%s)", e->name, ll,
			    rt[0] ? rt : "0..4294967295");
		}
		*out = sn_value_uint(mib_syn_wire(s.cls), (uint32_t)ll);
		return 0;
	case MS_COUNTER64: {
		char *end;
		unsigned long long u;

		errno = 0;
		u = strtoull(text, &end, 0);
		if (errno != 0 || end == text || *end != '\0' ||
		    text[0] == '-')
			return sn_error_set(err, SN_EINVAL,
			    "%s: '%s' is not a Counter64", e->name, text);
		*out = sn_value_u64(u);
		return 0;
	}
	case MS_IPADDR:
	case MS_NETADDR:
		if (inet_pton(AF_INET, text, buf) != 1)
			return sn_error_set(err, SN_EINVAL,
			    "%s: '%s' is not an IPv4 address", e->name, text);
		return store(vbl, SN_T_IPADDR, buf, 4, out, err);
	case MS_OID: {
		struct sn_oid v;
		int rc;

		if ((rc = mib_parse_oid(mib, text, &v, err)) != 0)
			return rc;
		*out = sn_value_oid(&v);
		return 0;
	}
	case MS_BITS: {
		int rc;

		if ((rc = parse_bits(&s, text, buf, &n, err)) != 0)
			return rc;
		return store(vbl, SN_T_OCTETS, buf, n, out, err);
	}
	case MS_OCTETS:
	case MS_OPAQUE: {
		long got;

		if (s.hint != NULL && !text_hint(s.hint)) {
			got = mib_hint_parse_octets(s.hint, text, buf,
			    sizeof(buf));
			if (got < 0)
				return sn_error_set(err, SN_EINVAL,
				    "%s: '%s' does not match the %s format "
				    "\"%s\"", e->name, text,
				    s.tcname ? s.tcname : "DISPLAY-HINT",
				    s.hint);
			n = (size_t)got;
		} else {
			n = strlen(text);
			if (n > sizeof(buf))
				return sn_error_set(err, SN_ERANGE,
				    "%s: value too long", e->name);
			memcpy(buf, text, n);
		}
		if (!in_ranges(s.rangetype, (long long)n, true)) {
			ranges_text(s.rangetype, rt, sizeof(rt));
			return sn_error_set(err, SN_ERANGE,
			    "%s: %zu bytes is not an allowed size (%s)",
			    e->name, n, rt);
		}
		return store(vbl, s.cls == MS_OPAQUE ? SN_T_OPAQUE :
		    SN_T_OCTETS, buf, n, out, err);
	}
	default:
		return sn_error_set(err, SN_EINVAL,
		    "%s: cannot set this syntax with '='", e->name);
	}
}
