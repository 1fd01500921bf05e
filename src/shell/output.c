/*
 * Text rendering of varbinds as Net-SNMP's tools print them with no MIB
 * loaded (its mib.c sprint_realloc_* family, learnt from its output): the
 * STRING/Hex-STRING guess, 16-byte hex lines, TimeTicks with days,
 * Opaque-wrapped float/double/int64 (Net-SNMP's OPAQUE_SPECIAL_TYPES), the
 * RFC 3416 §3 exceptions and the -O letters.  The hot path (walks of many
 * thousands of varbinds) formats integers and hex by hand into one reused
 * buffer, never through printf.  Control characters from the wire are
 * escaped (SPEC §3), so no agent can forge lines or drive the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib.h"
#include "output.h"

static const char hexdig[] = "0123456789ABCDEF";

void
sh_outopts_init(struct sh_outopts *o)
{
	memset(o, 0, sizeof(*o));
	o->strfmt = SH_STR_GUESS;
}

int
sh_outopts_parse(struct sh_outopts *o, const char *letters)
{
	const char *c;

	for (c = letters; *c != '\0'; c++) {
		switch (*c) {
		case 'n': case 'f': case 's': case 'S': case 'u':
			/* one OID form: the last letter wins, as Net-SNMP */
			o->numeric = *c == 'n';
			o->full = *c == 'f';
			o->suffix = *c == 's';
			o->module = *c == 'S';
			o->ucd = *c == 'u';
			break;
		case 'X': o->ext_index = true; break;
		case 'q': o->quick = true; break;
		case 'Q': o->quick = true; o->quick_eq = true; break;
		case 'v': o->value_only = true; break;
		case 'e': o->num_enums = true; break;
		case 'b': o->no_break_index = true; break;
		case 'x': o->strfmt = SH_STR_HEX; break;
		case 'a': o->strfmt = SH_STR_ASCII; break;
		case 'U': o->no_units = true; break;
		case 't': o->num_ticks = true; break;
		case 'T': o->hex_text = true; break;
		default:
			return (unsigned char)*c;
		}
	}
	return 0;
}

void
sh_outopts_mib(const struct sh_outopts *o, struct mib_outopts *mo)
{
	mib_outopts_init(mo);
	mo->oidfmt = o->numeric ? MIB_OID_NUMERIC : o->full ? MIB_OID_FULL :
	    o->suffix ? MIB_OID_SUFFIX : o->ucd ? MIB_OID_UCD :
	    MIB_OID_MODULE;
	mo->no_break_index = o->no_break_index;
	mo->ext_index = o->ext_index;
	mo->quick = o->quick;
	mo->quick_eq = o->quick_eq;
	mo->value_only = o->value_only;
	mo->num_enums = o->num_enums;
	mo->num_ticks = o->num_ticks;
	mo->hex_text = o->hex_text;
	mo->no_units = o->no_units;
	mo->ascii = o->strfmt == SH_STR_ASCII;
	mo->hex = o->strfmt == SH_STR_HEX;
}

void
sh_buf_free(struct sh_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
sh_buf_reserve(struct sh_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->cap - b->len >= n)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap - b->len < n)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		/* The shell cannot print without memory; say so and stop. */
		fputs("snmpsh: out of memory\n", stderr);
		exit(1);
	}
	b->p = p;
	b->cap = cap;
}

void
sh_buf_add(struct sh_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	sh_buf_reserve(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
sh_buf_adds(struct sh_buf *b, const char *s)
{
	sh_buf_add(b, s, strlen(s));
}

void
sh_buf_addc(struct sh_buf *b, char c)
{
	sh_buf_reserve(b, 1);
	b->p[b->len++] = c;
}

void
sh_buf_addu64(struct sh_buf *b, uint64_t u)
{
	char tmp[20];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	sh_buf_add(b, tmp + n, sizeof(tmp) - n);
}

void
sh_buf_addi64(struct sh_buf *b, int64_t i)
{
	if (i < 0) {
		sh_buf_addc(b, '-');
		sh_buf_addu64(b, (uint64_t)0 - (uint64_t)i);
	} else
		sh_buf_addu64(b, (uint64_t)i);
}

/* Two decimal digits, zero-padded (uptime fields). */
static void
add2(struct sh_buf *b, unsigned v)
{
	sh_buf_reserve(b, 2);
	b->p[b->len++] = (char)('0' + v / 10 % 10);
	b->p[b->len++] = (char)('0' + v % 10);
}

void
sh_fmt_oid(struct sh_buf *b, const struct sn_oid *oid)
{
	size_t i;

	if (oid->len == 0) {
		sh_buf_addc(b, '.');
		return;
	}
	sh_buf_reserve(b, oid->len * 11);
	for (i = 0; i < oid->len; i++) {
		b->p[b->len++] = '.';
		sh_buf_addu64(b, oid->sub[i]);
	}
}

static bool
is_print(uint8_t c)
{
	return c >= 0x20 && c < 0x7f;
}

/* isspace() in the C locale minus the blank itself: \t \n \v \f \r. */
static bool
is_ctlspace(uint8_t c)
{
	return c >= '\t' && c <= '\r';
}

/*
 * Net-SNMP's hex dump: "XX " per byte, a line break after every 16 bytes
 * when more follow; with -OT each line is followed by "  [text]".
 */
static void
add_hex(struct sh_buf *b, const uint8_t *p, size_t n, bool text)
{
	size_t i, j, start = 0;

	sh_buf_reserve(b, n * 3 + (n / 16 + 1) * (text ? 22 : 1));
	for (i = 0; i < n; i++) {
		b->p[b->len++] = hexdig[p[i] >> 4];
		b->p[b->len++] = hexdig[p[i] & 15];
		b->p[b->len++] = ' ';
		if ((i + 1) % 16 != 0 && i + 1 != n)
			continue;
		if (text && ((i + 1) % 16 == 0 || i + 1 == n)) {
			sh_buf_add(b, "  [", 3);
			for (j = start; j <= i; j++)
				sh_buf_addc(b,
				    is_print(p[j]) ? (char)p[j] : '.');
			sh_buf_addc(b, ']');
			start = i + 1;
		}
		if ((i + 1) % 16 == 0 && i + 1 < n)
			sh_buf_addc(b, '\n');
	}
	if (text && n == 0)
		sh_buf_adds(b, "  []");
}

/*
 * Quoted text as Net-SNMP prints it (quote and backslash escaped,
 * non-printables as '.' under -Oa) except that wire control characters
 * are escaped instead of written raw (SPEC §3).
 */
static void
add_quoted(struct sh_buf *b, const uint8_t *p, size_t n)
{
	static const char ctl[] = "tnvfr";
	size_t i;

	sh_buf_reserve(b, n * 2 + 2);
	b->p[b->len++] = '"';
	for (i = 0; i < n; i++) {
		uint8_t c = p[i];

		if (c == '"' || c == '\\') {
			b->p[b->len++] = '\\';
			b->p[b->len++] = (char)c;
		} else if (is_print(c)) {
			b->p[b->len++] = (char)c;
		} else if (is_ctlspace(c)) {
			b->p[b->len++] = '\\';
			b->p[b->len++] = ctl[c - '\t'];
		} else {
			b->p[b->len++] = '.';
		}
	}
	b->p[b->len++] = '"';
}

static void
fmt_octets(struct sh_buf *b, const uint8_t *p, size_t n,
    const struct sh_outopts *o)
{
	bool hex = false;
	size_t i;

	if (o->strfmt == SH_STR_HEX) {
		hex = true;
	} else if (o->strfmt == SH_STR_GUESS) {
		for (i = 0; i < n; i++) {
			if (!is_print(p[i]) && !is_ctlspace(p[i])) {
				hex = true;
				break;
			}
		}
	}
	/* Net-SNMP prints an empty string as "" without a type. */
	if (n == 0) {
		sh_buf_add(b, "\"\"", 2);
		return;
	}
	if (hex) {
		if (o->quick)
			sh_buf_addc(b, '"');
		else
			sh_buf_add(b, "Hex-STRING: ", 12);
		add_hex(b, p, n, o->hex_text);
		if (o->quick)
			sh_buf_addc(b, '"');
		return;
	}
	if (!o->quick)
		sh_buf_add(b, "STRING: ", 8);
	add_quoted(b, p, n);
}

static void
fmt_ticks(struct sh_buf *b, uint32_t t, const struct sh_outopts *o)
{
	uint32_t ticks = t;
	unsigned cs, s, m, h, d;

	if (o->num_ticks) {
		sh_buf_addu64(b, t);
		return;
	}
	cs = t % 100;
	t /= 100;
	d = t / 86400;
	t %= 86400;
	h = t / 3600;
	t %= 3600;
	m = t / 60;
	s = t % 60;
	if (o->quick) {
		/* "%d:%d:%02d:%02d.%02d" */
		sh_buf_addu64(b, d);
		sh_buf_addc(b, ':');
		sh_buf_addu64(b, h);
		sh_buf_addc(b, ':');
	} else {
		sh_buf_add(b, "Timeticks: (", 12);
		sh_buf_addu64(b, ticks);
		sh_buf_add(b, ") ", 2);
		if (d == 1) {
			sh_buf_add(b, "1 day, ", 7);
		} else if (d > 1) {
			sh_buf_addu64(b, d);
			sh_buf_add(b, " days, ", 7);
		}
		sh_buf_addu64(b, h);
		sh_buf_addc(b, ':');
	}
	add2(b, m);
	sh_buf_addc(b, ':');
	add2(b, s);
	sh_buf_addc(b, '.');
	add2(b, cs);
}

/*
 * Net-SNMP's special Opaque types: an Opaque whose content is itself a
 * BER item with the two-byte tag 0x9f 0x7X (0x76 Counter64, 0x78 float,
 * 0x79 double, 0x7a Int64, 0x7b UInt64).  Returns false when the content
 * is plain bytes.
 */
static bool
fmt_opaque_special(struct sh_buf *b, const uint8_t *p, size_t n,
    const struct sh_outopts *o)
{
	char tmp[512];
	uint64_t u = 0;
	size_t len, i;
	int w;

	if (n < 3 || p[0] != 0x9f || p[2] >= 0x80)
		return false;
	len = p[2];
	if (len + 3 != n)
		return false;
	p += 3;
	switch (p[-2]) {
	case 0x78:	/* float */
	case 0x79: {	/* double */
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
			sh_buf_adds(b, "Opaque: Float: ");
		w = snprintf(tmp, sizeof(tmp), "%f", d);
		if (w > 0)
			sh_buf_add(b, tmp, (size_t)w < sizeof(tmp) ?
			    (size_t)w : sizeof(tmp) - 1);
		return true;
	}
	case 0x7a:	/* Int64: two's complement, at most 8 bytes */
		if (len == 0 || len > 8)
			return false;
		u = (p[0] & 0x80) ? UINT64_MAX : 0;
		for (i = 0; i < len; i++)
			u = u << 8 | p[i];
		if (!o->quick)
			sh_buf_adds(b, "Opaque: Int64: ");
		sh_buf_addi64(b, (int64_t)u);
		return true;
	case 0x76:	/* Counter64 */
	case 0x7b:	/* UInt64 */
		if (len == 0 || len > 9 || (len == 9 && p[0] != 0))
			return false;
		for (i = 0; i < len; i++)
			u = u << 8 | p[i];
		if (!o->quick)
			sh_buf_adds(b, p[-2] == 0x76 ? "Opaque: Counter64: " :
			    "Opaque: UInt64: ");
		sh_buf_addu64(b, u);
		return true;
	default:
		return false;
	}
}

void
sh_fmt_value(struct sh_buf *b, const struct sn_value *v,
    const struct sh_outopts *o)
{
	size_t i;

	switch (v->type) {
	case SN_T_INTEGER:
		if (!o->quick)
			sh_buf_add(b, "INTEGER: ", 9);
		sh_buf_addi64(b, v->v.i);
		break;
	case SN_T_OCTETS:
		fmt_octets(b, v->v.str.ptr, v->v.str.len, o);
		break;
	case SN_T_NULL:
		sh_buf_add(b, "NULL", 4);
		break;
	case SN_T_OID:
		if (!o->quick)
			sh_buf_add(b, "OID: ", 5);
		sh_fmt_oid(b, &v->v.oid);
		break;
	case SN_T_IPADDR:
		if (!o->quick)
			sh_buf_add(b, "IpAddress: ", 11);
		for (i = 0; i < v->v.str.len; i++) {
			if (i > 0)
				sh_buf_addc(b, '.');
			sh_buf_addu64(b, v->v.str.ptr[i]);
		}
		break;
	case SN_T_COUNTER32:
		if (!o->quick)
			sh_buf_add(b, "Counter32: ", 11);
		sh_buf_addu64(b, v->v.u);
		break;
	case SN_T_GAUGE32:
		if (!o->quick)
			sh_buf_add(b, "Gauge32: ", 9);
		sh_buf_addu64(b, v->v.u);
		break;
	case SN_T_UINTEGER32:
		/* Net-SNMP prints the historic UInteger32 with no type. */
		sh_buf_addu64(b, v->v.u);
		break;
	case SN_T_TIMETICKS:
		fmt_ticks(b, v->v.u, o);
		break;
	case SN_T_COUNTER64:
		if (!o->quick)
			sh_buf_add(b, "Counter64: ", 11);
		sh_buf_addu64(b, v->v.u64);
		break;
	case SN_T_OPAQUE:
		if (fmt_opaque_special(b, v->v.str.ptr, v->v.str.len, o))
			break;
		if (!o->quick)
			sh_buf_add(b, "OPAQUE: ", 8);
		add_hex(b, v->v.str.ptr, v->v.str.len, o->hex_text);
		break;
	case SN_T_NSAP:
		if (!o->quick)
			sh_buf_adds(b, "NsapAddress: ");
		add_hex(b, v->v.str.ptr, v->v.str.len, o->hex_text);
		break;
	case SN_T_NOSUCHOBJECT:
		sh_buf_adds(b,
		    "No Such Object available on this agent at this OID");
		break;
	case SN_T_NOSUCHINSTANCE:
		sh_buf_adds(b,
		    "No Such Instance currently exists at this OID");
		break;
	case SN_T_ENDOFMIBVIEW:
		sh_buf_adds(b, "No more variables left in this MIB View "
		    "(It is past the end of the MIB tree)");
		break;
	default:
		sh_buf_adds(b, "Variable has bad type");
		break;
	}
}

void
sh_fmt_varbind(struct sh_buf *b, const struct sn_varbind *vb,
    const struct sh_outopts *o)
{
	if (!o->value_only) {
		sh_fmt_oid(b, &vb->name);
		if (o->quick && !o->quick_eq)
			sh_buf_addc(b, ' ');
		else
			sh_buf_add(b, " = ", 3);
	}
	sh_fmt_value(b, &vb->value, o);
	sh_buf_addc(b, '\n');
}
