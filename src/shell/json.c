/*
 * Machine-readable varbinds (SPEC §3): JSON Lines objects with the fields
 * oid, name, type, value, text, hex and session, and the CSV and
 * tab-separated forms behind the `| csv` and `| table` filters.  Types are
 * named as the SMI names them (RFC 2578 §7.1, RFC 3416 §3 exceptions).
 * JSON carries the exact bytes of an octet string: valid UTF-8 as is,
 * other bytes as \u00XX, and always the hex field.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "shell.h"

static const char *
smi_type(enum sn_type t)
{
	switch (t) {
	case SN_T_INTEGER: return "Integer32";
	case SN_T_OCTETS: return "OctetString";
	case SN_T_NULL: return "Null";
	case SN_T_OID: return "ObjectIdentifier";
	case SN_T_IPADDR: return "IpAddress";
	case SN_T_COUNTER32: return "Counter32";
	case SN_T_GAUGE32: return "Gauge32";
	case SN_T_TIMETICKS: return "TimeTicks";
	case SN_T_OPAQUE: return "Opaque";
	case SN_T_NSAP: return "NsapAddress";
	case SN_T_COUNTER64: return "Counter64";
	case SN_T_UINTEGER32: return "UInteger32";
	case SN_T_NOSUCHOBJECT: return "noSuchObject";
	case SN_T_NOSUCHINSTANCE: return "noSuchInstance";
	case SN_T_ENDOFMIBVIEW: return "endOfMibView";
	default: return "unknown";
	}
}

/* Length of the valid UTF-8 sequence at p (RFC 3629 §4), 0 if none. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	size_t k, i;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (k > n)
		return 0;
	c = p[0] & (0x7f >> k);
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* No overlong forms, surrogates or code points past U+10FFFF. */
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return k;
}

/* A JSON string (RFC 8259 §7) of n bytes. */
static void
json_str(struct sh_buf *b, const void *vp, size_t n)
{
	const uint8_t *p = vp;
	char esc[8];
	size_t i, k;

	sh_buf_addc(b, '"');
	for (i = 0; i < n; i += k) {
		k = utf8_len(p + i, n - i);
		if (k > 1) {
			sh_buf_add(b, p + i, k);
			continue;
		}
		k = 1;
		switch (p[i]) {
		case '"': sh_buf_adds(b, "\\\""); continue;
		case '\\': sh_buf_adds(b, "\\\\"); continue;
		case '\n': sh_buf_adds(b, "\\n"); continue;
		case '\r': sh_buf_adds(b, "\\r"); continue;
		case '\t': sh_buf_adds(b, "\\t"); continue;
		default: break;
		}
		if (p[i] < 0x20 || p[i] >= 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", p[i]);
			sh_buf_adds(b, esc);
		} else {
			sh_buf_addc(b, (char)p[i]);
		}
	}
	sh_buf_addc(b, '"');
}

static void
dotted(struct sh_buf *b, const struct sn_oid *oid)
{
	size_t i;

	for (i = 0; i < oid->len; i++) {
		if (i > 0)
			sh_buf_addc(b, '.');
		sh_buf_addu64(b, oid->sub[i]);
	}
}

/* The name as MODULE::name.index (numeric without MIBs), into tmp. */
static void
vb_name(struct sh_shell *sh, struct sh_buf *tmp, const struct sn_oid *oid)
{
	struct sh_outopts o;

	sh_outopts_init(&o);
	tmp->len = 0;
	if (sh->mib == NULL)
		dotted(tmp, oid);
	else
		sh_out_oid(sh, tmp, oid, &o);
}

/* The text form after "TYPE: " (-Oq) of the value, into tmp. */
static void
vb_text(struct sh_shell *sh, struct sh_buf *tmp, const struct sn_varbind *vb)
{
	struct sh_outopts o;
	struct mib_outopts mo;

	sh_outopts_init(&o);
	o.quick = true;
	tmp->len = 0;
	if (sh->mib != NULL) {
		sh_outopts_mib(&o, &mo);
		mib_buf_reset(&sh->mb);
		if (mib_format_value(sh->mib, &vb->name, &vb->value, &mo,
		    &sh->mb) == 0) {
			sh_buf_add(tmp, mib_buf_str(&sh->mb), sh->mb.len);
			return;
		}
	}
	sh_fmt_value(tmp, &vb->value, &o);
}

static void
hex(struct sh_buf *b, const uint8_t *p, size_t n)
{
	static const char dig[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		sh_buf_addc(b, dig[p[i] >> 4]);
		sh_buf_addc(b, dig[p[i] & 15]);
	}
}

/* The value field: a number, a string, or null (SPEC §3). */
static void
json_value(struct sh_buf *b, const struct sn_value *v)
{
	struct sh_buf t = { NULL, 0, 0 };
	size_t i;

	switch (v->type) {
	case SN_T_INTEGER:
		sh_buf_addi64(b, v->v.i);
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		sh_buf_addu64(b, v->v.u);
		break;
	case SN_T_COUNTER64:
		sh_buf_addu64(b, v->v.u64);
		break;
	case SN_T_OCTETS:
		json_str(b, v->v.str.ptr, v->v.str.len);
		break;
	case SN_T_IPADDR:
		for (i = 0; i < v->v.str.len; i++) {
			if (i > 0)
				sh_buf_addc(&t, '.');
			sh_buf_addu64(&t, v->v.str.ptr[i]);
		}
		json_str(b, t.p, t.len);
		break;
	case SN_T_OID:
		dotted(&t, &v->v.oid);
		json_str(b, t.p, t.len);
		break;
	case SN_T_OPAQUE:
	case SN_T_NSAP:
		hex(&t, v->v.str.ptr, v->v.str.len);
		json_str(b, t.p, t.len);
		break;
	default:
		sh_buf_adds(b, "null");
		break;
	}
	sh_buf_free(&t);
}

void
sh_json_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb, const char *session)
{
	struct sh_buf t = { NULL, 0, 0 };

	sh_buf_adds(b, "{\"oid\":\"");
	dotted(b, &vb->name);
	sh_buf_adds(b, "\",\"name\":");
	vb_name(sh, &t, &vb->name);
	json_str(b, t.p, t.len);
	sh_buf_adds(b, ",\"type\":\"");
	sh_buf_adds(b, smi_type(vb->value.type));
	sh_buf_adds(b, "\",\"value\":");
	json_value(b, &vb->value);
	sh_buf_adds(b, ",\"text\":");
	vb_text(sh, &t, vb);
	json_str(b, t.p, t.len);
	if (vb->value.type == SN_T_OCTETS) {
		sh_buf_adds(b, ",\"hex\":\"");
		hex(b, vb->value.v.str.ptr, vb->value.v.str.len);
		sh_buf_addc(b, '"');
	}
	if (session != NULL) {
		sh_buf_adds(b, ",\"session\":");
		json_str(b, session, strlen(session));
	}
	sh_buf_addc(b, '}');
	sh_buf_free(&t);
}

/* A CSV field (RFC 4180 §2): quoted when it holds , " or a line break. */
static void
csv_field(struct sh_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n) {
		sh_buf_add(b, s, n);
		return;
	}
	sh_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			sh_buf_addc(b, '"');
		sh_buf_addc(b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	}
	sh_buf_addc(b, '"');
}

void
sh_cells_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb, const char *session, char sep)
{
	struct sh_buf t = { NULL, 0, 0 };
	size_t i;

	if (session != NULL) {
		csv_field(b, session, strlen(session));
		sh_buf_addc(b, sep);
	}
	vb_name(sh, &t, &vb->name);
	csv_field(b, t.p, t.len);
	sh_buf_addc(b, sep);
	sh_buf_adds(b, smi_type(vb->value.type));
	sh_buf_addc(b, sep);
	vb_text(sh, &t, vb);
	if (sep == '\t') {
		/* cells are one line each: breaks and tabs become spaces */
		for (i = 0; i < t.len; i++)
			if (t.p[i] == '\t' || t.p[i] == '\n' || t.p[i] == '\r')
				t.p[i] = ' ';
		sh_buf_add(b, t.p, t.len);
	} else {
		csv_field(b, t.p, t.len);
	}
	sh_buf_free(&t);
}

/* --- pieces for other JSON objects (notifications: notify_json.c) --- */

void
sh_json_str(struct sh_buf *b, const void *p, size_t n)
{
	json_str(b, p, n);
}

void
sh_json_oid(struct sh_buf *b, const struct sn_oid *oid)
{
	sh_buf_addc(b, '"');
	dotted(b, oid);
	sh_buf_addc(b, '"');
}

void
sh_json_name(struct sh_shell *sh, struct sh_buf *b, const struct sn_oid *oid)
{
	struct sh_buf t = { NULL, 0, 0 };

	vb_name(sh, &t, oid);
	json_str(b, t.p, t.len);
	sh_buf_free(&t);
}

void
sh_json_hex(struct sh_buf *b, const uint8_t *p, size_t n)
{
	sh_buf_addc(b, '"');
	hex(b, p, n);
	sh_buf_addc(b, '"');
}
