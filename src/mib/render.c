/*
 * Values rendered as Net-SNMP's tools print them with MIBs loaded (its
 * sprint_realloc_* printers chosen by the object's syntax): enumerations
 * "up(1)", BITS with their labels, DISPLAY-HINT strings and integers (RFC
 * 2579 §3.1), UNITS, TimeTicks, the STRING/Hex-STRING guess, "Wrong Type
 * (should be ...)" when the agent's type (RFC 2578 §7.1, RFC 3416 §3)
 * disagrees with the MIB, and the -O letters.  One deliberate difference
 * (SPEC §3): control characters from the wire are shown escaped.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mib/mib_int.h"

static const char hexdig[] = "0123456789ABCDEF";

void
mib_outopts_init(struct mib_outopts *o)
{
	memset(o, 0, sizeof(*o));
	o->escape = true;
}

int
mib_outopts_parse(struct mib_outopts *o, const char *letters)
{
	const char *c;

	for (c = letters; *c != '\0'; c++) {
		switch (*c) {
		case 'n': o->oidfmt = MIB_OID_NUMERIC; break;
		case 'f': o->oidfmt = MIB_OID_FULL; break;
		case 's': o->oidfmt = MIB_OID_SUFFIX; break;
		case 'S': o->oidfmt = MIB_OID_MODULE; break;
		case 'u': o->oidfmt = MIB_OID_UCD; break;
		case 'b': o->no_break_index = !o->no_break_index; break;
		case 'X': o->ext_index = !o->ext_index; break;
		case 'q': o->quick = !o->quick; break;
		case 'Q': o->quick_eq = true; o->quick = !o->quick; break;
		case 'v': o->value_only = !o->value_only; break;
		case 'e': o->num_enums = !o->num_enums; break;
		case 't': o->num_ticks = !o->num_ticks; break;
		case 'T': o->hex_text = !o->hex_text; break;
		case 'U': o->no_units = !o->no_units; break;
		case 'a': o->ascii = true; o->hex = false; break;
		case 'x': o->hex = true; o->ascii = false; break;
		default:
			return (unsigned char)*c;
		}
	}
	return 0;
}

static void
add_u64(struct mib_buf *b, uint64_t u)
{
	char tmp[20];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	mib_buf_add(b, tmp + n, sizeof(tmp) - n);
}

static void
add_i64(struct mib_buf *b, int64_t i)
{
	if (i < 0) {
		mib_buf_addc(b, '-');
		add_u64(b, (uint64_t)0 - (uint64_t)i);
	} else
		add_u64(b, (uint64_t)i);
}

static bool
is_print(uint8_t c)
{
	return c >= 0x20 && c < 0x7f;
}

static bool
is_ctlspace(uint8_t c)
{
	return c >= '\t' && c <= '\r';
}

/* Length of a valid UTF-8 sequence at p that is not a C1 control, or 0. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff) ||
	    (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return len;
}

/*
 * Unquoted text of a DISPLAY-HINT 'a'/'t' item: printable bytes and valid
 * UTF-8 as they are, \t \n \v \f \r as escapes, other controls as '.'
 * (SPEC §3; Net-SNMP writes them raw).
 */
void
mib_add_text(struct mib_buf *b, const uint8_t *p, size_t n, bool escape)
{
	static const char ctl[] = "tnvfr";
	size_t i, k;

	if (!escape) {
		mib_buf_add(b, p, n);
		return;
	}
	for (i = 0; i < n; i++) {
		uint8_t c = p[i];

		if (is_print(c)) {
			mib_buf_addc(b, (char)c);
		} else if (is_ctlspace(c)) {
			mib_buf_addc(b, '\\');
			mib_buf_addc(b, ctl[c - '\t']);
		} else if (c >= 0x80 && (k = utf8_len(p + i, n - i)) > 0) {
			mib_buf_add(b, p + i, k);
			i += k - 1;
		} else {
			mib_buf_addc(b, '.');
		}
	}
}

/* Quoted text as Net-SNMP prints it, with control characters escaped. */
void
mib_add_quoted(struct mib_buf *b, const uint8_t *p, size_t n, bool escape)
{
	static const char ctl[] = "tnvfr";
	size_t i;

	mib_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		uint8_t c = p[i];

		if (c == '"' || c == '\\') {
			mib_buf_addc(b, '\\');
			mib_buf_addc(b, (char)c);
		} else if (is_print(c)) {
			mib_buf_addc(b, (char)c);
		} else if (is_ctlspace(c)) {
			if (escape) {
				mib_buf_addc(b, '\\');
				mib_buf_addc(b, ctl[c - '\t']);
			} else
				mib_buf_addc(b, (char)c);
		} else {
			mib_buf_addc(b, '.');
		}
	}
	mib_buf_addc(b, '"');
}

/*
 * "XX " per byte, a newline after each 16 when more follow; with -OT the
 * text beside them (white space raw only when o->escape is off, as
 * Net-SNMP prints it; SPEC §3 wants no control character raw).
 */
void
mib_add_hex(struct mib_buf *b, const uint8_t *p, size_t n,
    const struct mib_outopts *o)
{
	bool text = o->hex_text;

	size_t i, j, start = 0;
	char h[3];

	h[2] = ' ';
	for (i = 0; i < n; i++) {
		h[0] = hexdig[p[i] >> 4];
		h[1] = hexdig[p[i] & 15];
		mib_buf_add(b, h, 3);
		if ((i + 1) % 16 != 0 && i + 1 != n)
			continue;
		if (text) {
			mib_buf_add(b, "  [", 3);
			for (j = start; j <= i; j++)
				mib_buf_addc(b, is_print(p[j]) ||
				    (!o->escape && (is_ctlspace(p[j]) ||
				    p[j] == ' ')) ? (char)p[j] : '.');
			mib_buf_addc(b, ']');
			start = i + 1;
		}
		if ((i + 1) % 16 == 0 && i + 1 < n)
			mib_buf_addc(b, '\n');
	}
	if (text && n == 0)
		mib_buf_adds(b, "  []");
}

/* An octet string without hint: the STRING / Hex-STRING guess. */
static void
fmt_octets(struct mib_buf *b, const uint8_t *p, size_t n,
    const struct mib_outopts *o)
{
	bool hex = false;
	size_t i;

	if (o->hex) {
		hex = true;
	} else if (!o->ascii) {
		for (i = 0; i < n; i++) {
			if (!is_print(p[i]) && !is_ctlspace(p[i])) {
				hex = true;
				break;
			}
		}
	}
	if (n == 0) {
		mib_buf_add(b, "\"\"", 2);
		return;
	}
	if (hex) {
		if (o->quick)
			mib_buf_addc(b, '"');
		else
			mib_buf_adds(b, "Hex-STRING: ");
		mib_add_hex(b, p, n, o);
		if (o->quick)
			mib_buf_addc(b, '"');
		return;
	}
	if (!o->quick)
		mib_buf_adds(b, "STRING: ");
	mib_add_quoted(b, p, n, o->escape);
}

static void
fmt_ticks(struct mib_buf *b, uint32_t t, const struct mib_outopts *o)
{
	char tmp[64];
	unsigned cs, s, m, h, d;

	cs = t % 100;
	s = t / 100;
	d = s / 86400;
	s %= 86400;
	h = s / 3600;
	s %= 3600;
	m = s / 60;
	s %= 60;
	if (o->quick)
		snprintf(tmp, sizeof(tmp), "%u:%u:%02u:%02u.%02u", d, h, m, s,
		    cs);
	else if (d == 0)
		snprintf(tmp, sizeof(tmp), "%u:%02u:%02u.%02u", h, m, s, cs);
	else
		snprintf(tmp, sizeof(tmp), "%u day%s, %u:%02u:%02u.%02u", d,
		    d == 1 ? "" : "s", h, m, s, cs);
	mib_buf_adds(b, tmp);
}

/*
 * Net-SNMP's special Opaque types (OPAQUE_SPECIAL_TYPES): an Opaque that
 * wraps a BER item tagged 0x9f 0x76-0x7b.  False for plain bytes.
 */
static bool
fmt_opaque_special(struct mib_buf *b, const uint8_t *p, size_t n,
    const struct mib_outopts *o)
{
	uint64_t u = 0;
	size_t len, i;

	if (n < 3 || p[0] != 0x9f || p[2] >= 0x80)
		return false;
	len = p[2];
	if (len + 3 != n)
		return false;
	p += 3;
	switch (p[-2]) {
	case 0x78:
	case 0x79: {
		double d;

		if (p[-2] == 0x78 && len == 4) {
			uint32_t bits = (uint32_t)p[0] << 24 |
			    (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
			float f;

			memcpy(&f, &bits, sizeof(f));
			d = f;
		} else if (p[-2] == 0x79 && len == 8) {
			uint64_t bits = 0;

			for (i = 0; i < 8; i++)
				bits = bits << 8 | p[i];
			memcpy(&d, &bits, sizeof(d));
		} else
			return false;
		if (!o->quick)
			mib_buf_adds(b, "Opaque: Float: ");
		mib_buf_addf(b, "%f", d);
		return true;
	}
	case 0x7a:
		if (len == 0 || len > 8)
			return false;
		u = (p[0] & 0x80) ? UINT64_MAX : 0;
		for (i = 0; i < len; i++)
			u = u << 8 | p[i];
		if (!o->quick)
			mib_buf_adds(b, "Opaque: Int64: ");
		add_i64(b, (int64_t)u);
		return true;
	case 0x76:
	case 0x7b:
		if (len == 0 || len > 9 || (len == 9 && p[0] != 0))
			return false;
		for (i = 0; i < len; i++)
			u = u << 8 | p[i];
		if (!o->quick)
			mib_buf_adds(b, p[-2] == 0x76 ? "Opaque: Counter64: " :
			    "Opaque: UInt64: ");
		add_u64(b, u);
		return true;
	default:
		return false;
	}
}

/* The value by its wire type alone (Net-SNMP's sprint_realloc_by_type). */
static void
by_type(struct mib *mib, struct mib_buf *b, const struct sn_value *v,
    const struct mib_outopts *o)
{
	size_t i;

	switch (v->type) {
	case SN_T_INTEGER:
		if (!o->quick)
			mib_buf_adds(b, "INTEGER: ");
		add_i64(b, v->v.i);
		break;
	case SN_T_OCTETS:
		fmt_octets(b, v->v.str.ptr, v->v.str.len, o);
		break;
	case SN_T_NULL:
		mib_buf_adds(b, "NULL");
		break;
	case SN_T_OID:
		if (!o->quick)
			mib_buf_adds(b, "OID: ");
		mib_format_oid(mib, &v->v.oid, o, b);
		break;
	case SN_T_IPADDR:
		if (!o->quick)
			mib_buf_adds(b, "IpAddress: ");
		for (i = 0; i < v->v.str.len; i++) {
			if (i > 0)
				mib_buf_addc(b, '.');
			add_u64(b, v->v.str.ptr[i]);
		}
		break;
	case SN_T_COUNTER32:
		if (!o->quick)
			mib_buf_adds(b, "Counter32: ");
		add_u64(b, v->v.u);
		break;
	case SN_T_GAUGE32:
		if (!o->quick)
			mib_buf_adds(b, "Gauge32: ");
		add_u64(b, v->v.u);
		break;
	case SN_T_UINTEGER32:
		add_u64(b, v->v.u);
		break;
	case SN_T_TIMETICKS:
		if (o->num_ticks) {
			add_u64(b, v->v.u);
			break;
		}
		if (!o->quick)
			mib_buf_addf(b, "Timeticks: (%u) ", (unsigned)v->v.u);
		fmt_ticks(b, v->v.u, o);
		break;
	case SN_T_COUNTER64:
		if (!o->quick)
			mib_buf_adds(b, "Counter64: ");
		add_u64(b, v->v.u64);
		break;
	case SN_T_OPAQUE:
		if (fmt_opaque_special(b, v->v.str.ptr, v->v.str.len, o))
			break;
		if (!o->quick)
			mib_buf_adds(b, "OPAQUE: ");
		mib_add_hex(b, v->v.str.ptr, v->v.str.len, o);
		break;
	case SN_T_NSAP:
		if (!o->quick)
			mib_buf_adds(b, "NsapAddress: ");
		mib_add_hex(b, v->v.str.ptr, v->v.str.len, o);
		break;
	case SN_T_NOSUCHOBJECT:
		mib_buf_adds(b,
		    "No Such Object available on this agent at this OID");
		break;
	case SN_T_NOSUCHINSTANCE:
		mib_buf_adds(b,
		    "No Such Instance currently exists at this OID");
		break;
	case SN_T_ENDOFMIBVIEW:
		mib_buf_adds(b, "No more variables left in this MIB View "
		    "(It is past the end of the MIB tree)");
		break;
	default:
		mib_buf_adds(b, "Variable has bad type");
		break;
	}
}

static const char *
should_be(enum msyn cls)
{
	switch (cls) {
	case MS_INTEGER: return "INTEGER";
	case MS_OCTETS: return "OCTET STRING";
	case MS_BITS: return "BITS";
	case MS_OID: return "OBJECT IDENTIFIER";
	case MS_IPADDR: return "IpAddress";
	case MS_NETADDR: return "NetworkAddress";
	case MS_COUNTER32: return "Counter32";
	case MS_GAUGE32: return "Gauge32 or Unsigned32";
	case MS_TIMETICKS: return "Timeticks";
	case MS_OPAQUE: return "Opaque";
	case MS_COUNTER64: return "Counter64";
	case MS_UINTEGER: return "UInteger32";
	case MS_NSAP: return "NsapAddress";
	default: return "?";
	}
}

static void
units(struct mib_buf *b, SmiNode *node, const struct mib_outopts *o)
{
	if (!o->no_units && node->units != NULL && node->units[0] != '\0') {
		mib_buf_addc(b, ' ');
		mib_buf_adds(b, node->units);
	}
}

static void
fmt_bits(struct mib_buf *b, const struct msyntax *s, const uint8_t *p,
    size_t n, const struct mib_outopts *o)
{
	size_t i;
	unsigned bit;

	if (o->quick)
		mib_buf_addc(b, '"');
	else
		mib_buf_adds(b, "BITS: ");
	mib_add_hex(b, p, n, o);
	if (o->quick) {
		mib_buf_addc(b, '"');
		return;
	}
	/* RFC 2578 §7.1.4: bit 0 is the most significant bit of byte 0. */
	for (i = 0; i < n; i++) {
		for (bit = 0; bit < 8; bit++) {
			long pos = (long)(i * 8 + bit);
			const char *label;

			if (!(p[i] & (0x80 >> bit)))
				continue;
			label = o->num_enums ? NULL :
			    mib_enum_label(s->enumtype, pos);
			if (label != NULL)
				mib_buf_addf(b, "%s(%ld) ", label, pos);
			else
				mib_buf_addf(b, "%ld ", pos);
		}
	}
}

/* The value by the object's syntax; v's type matches the syntax. */
static void
by_syntax(struct mib *mib, struct mib_buf *b, SmiNode *node,
    const struct msyntax *s, const struct sn_value *v,
    const struct mib_outopts *o)
{
	const char *label;

	switch (s->cls) {
	case MS_INTEGER:
		label = mib_enum_label(s->enumtype, v->v.i);
		if (!o->quick)
			mib_buf_adds(b, "INTEGER: ");
		if (label == NULL || o->num_enums) {
			if (s->hint != NULL)
				mib_hint_int(b, s->hint, v->v.i, false);
			else
				add_i64(b, v->v.i);
		} else if (o->quick) {
			mib_buf_adds(b, label);
		} else {
			mib_buf_addf(b, "%s(%ld)", label, (long)v->v.i);
		}
		break;
	case MS_UINTEGER:
		label = mib_enum_label(s->enumtype, (long)v->v.u);
		if (label == NULL || o->num_enums) {
			if (s->hint != NULL)
				mib_hint_int(b, s->hint, v->v.u, true);
			else
				add_u64(b, v->v.u);
		} else if (o->quick) {
			mib_buf_adds(b, label);
		} else {
			mib_buf_addf(b, "%s(%lu)", label,
			    (unsigned long)v->v.u);
		}
		break;
	case MS_OCTETS:
		if (s->hint != NULL) {
			size_t start = b->len;

			if (!o->quick)
				mib_buf_adds(b, "STRING: ");
			if (mib_hint_octets(b, s->hint, v->v.str.ptr,
			    v->v.str.len))
				break;
			b->len = start;
			if (b->p != NULL)
				b->p[start] = '\0';
			mib_buf_addf(b, "(Bad hint ignored: %s) ", s->hint);
		}
		fmt_octets(b, v->v.str.ptr, v->v.str.len, o);
		break;
	case MS_BITS:
		fmt_bits(b, s, v->v.str.ptr, v->v.str.len, o);
		return;		/* Net-SNMP prints no UNITS after BITS */
	case MS_GAUGE32:
		if (!o->quick)
			mib_buf_adds(b, "Gauge32: ");
		if (s->hint != NULL)
			mib_hint_int(b, s->hint, v->v.u, true);
		else
			add_u64(b, v->v.u);
		break;
	case MS_TIMETICKS:
		if (o->num_ticks) {
			add_u64(b, v->v.u);
			return;
		}
		by_type(mib, b, v, o);
		break;
	case MS_IPADDR:
	case MS_NSAP:
		by_type(mib, b, v, o);
		return;
	case MS_NETADDR: {
		size_t i;

		if (!o->quick)
			mib_buf_adds(b, "Network Address: ");
		for (i = 0; i < v->v.str.len; i++)
			mib_buf_addf(b, "%s%02X", i ? ":" : "",
			    v->v.str.ptr[i]);
		return;
	}
	default:
		by_type(mib, b, v, o);
		break;
	}
	units(b, node, o);
}

static bool
type_matches(enum msyn cls, enum sn_type t)
{
	switch (cls) {
	case MS_BITS:
		return t == SN_T_OCTETS;
	case MS_NETADDR:
		return t == SN_T_IPADDR;
	case MS_OPAQUE:
		return t == SN_T_OPAQUE;
	default:
		return mib_syn_wire(cls) == t;
	}
}

int
mib_format_value(struct mib *mib, const struct sn_oid *oid,
    const struct sn_value *v, const struct mib_outopts *o,
    struct mib_buf *b)
{
	const struct mnode *e = NULL;
	struct msyntax s;
	size_t depth;

	if (mib != NULL && !sn_type_is_exception(v->type) && oid != NULL &&
	    oid->len > 0)
		e = mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e != NULL)
		mib_syntax(e->smi, &s);
	if (e == NULL || s.cls == MS_NONE) {
		by_type(mib, b, v, o);
	} else if (!type_matches(s.cls, v->type)) {
		if (!o->quick_eq) {
			mib_buf_adds(b, "Wrong Type (should be ");
			mib_buf_adds(b, should_be(s.cls));
			mib_buf_adds(b, "): ");
		}
		by_type(mib, b, v, o);
	} else {
		by_syntax(mib, b, e->smi, &s, v, o);
	}
	return b->oom ? SN_ENOMEM : 0;
}

int
mib_format_varbind(struct mib *mib, const struct sn_varbind *vb,
    const struct mib_outopts *o, struct mib_buf *b)
{
	if (!o->value_only) {
		mib_format_oid(mib, &vb->name, o, b);
		if (o->quick && !o->quick_eq)
			mib_buf_addc(b, ' ');
		else
			mib_buf_add(b, " = ", 3);
	}
	return mib_format_value(mib, &vb->name, &vb->value, o, b);
}
