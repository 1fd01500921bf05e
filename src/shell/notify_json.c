/*
 * JSON Lines for received notifications (`listen --json`, `listen --log`):
 * one object per notification with its header fields and the varbinds of
 * its SNMPv2 form (RFC 3584 §3.1 for SNMPv1 traps) as SPEC §3's varbind
 * objects (oid, name, type, value, text, hex).  Strings are written as
 * JSON (RFC 8259 §7): bytes from the wire that are not printable ASCII
 * become \u00XX escapes, so every line is valid JSON whatever arrived.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sn/notify.h>

#include "shell.h"

static void
json_str(struct sh_buf *b, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	sh_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		uint8_t c = p[i];

		if (c == '"' || c == '\\') {
			sh_buf_addc(b, '\\');
			sh_buf_addc(b, (char)c);
		} else if (c >= 0x20 && c < 0x7f) {
			sh_buf_addc(b, (char)c);
		} else {
			sh_buf_adds(b, "\\u00");
			sh_buf_addc(b, hex[c >> 4]);
			sh_buf_addc(b, hex[c & 15]);
		}
	}
	sh_buf_addc(b, '"');
}

static void
json_cstr(struct sh_buf *b, const char *s)
{
	json_str(b, (const uint8_t *)s, strlen(s));
}

static void
json_hex(struct sh_buf *b, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	sh_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		sh_buf_addc(b, hex[p[i] >> 4]);
		sh_buf_addc(b, hex[p[i] & 15]);
	}
	sh_buf_addc(b, '"');
}

static void
json_oid(struct sh_buf *b, const struct sn_oid *oid)
{
	struct sh_buf t = { NULL, 0, 0 };

	sh_fmt_oid(&t, oid);
	/* dotted, no leading dot (SPEC §3) */
	json_str(b, (const uint8_t *)t.p + (t.len > 0 && t.p[0] == '.'),
	    t.len - (t.len > 0 && t.p[0] == '.'));
	sh_buf_free(&t);
}

static void
json_name(struct sh_shell *sh, struct sh_buf *b, const struct sn_oid *oid)
{
	struct sh_buf t = { NULL, 0, 0 };
	struct sh_outopts o;

	sh_outopts_init(&o);
	sh_out_oid(sh, &t, oid, &o);
	json_str(b, (const uint8_t *)t.p, t.len);
	sh_buf_free(&t);
}

/* The text form's rendering after "TYPE: " (SPEC §3). */
static void
json_text(struct sh_shell *sh, struct sh_buf *b, const struct sn_varbind *vb)
{
	struct sh_buf t = { NULL, 0, 0 };
	struct sh_outopts o;
	size_t skip = 0, n;
	const char *colon;

	sh_outopts_init(&o);
	o.value_only = true;
	sh_out_varbind(sh, &t, vb, &o);
	n = t.len;
	if (n > 0 && t.p[n - 1] == '\n')
		n--;
	if (!sn_type_is_exception(vb->value.type) && n > 0 &&
	    (colon = memchr(t.p, ':', n < 24 ? n : 24)) != NULL &&
	    (size_t)(colon - t.p) + 1 < n && colon[1] == ' ')
		skip = (size_t)(colon - t.p) + 2;
	else if (!sn_type_is_exception(vb->value.type) && n > 0 &&
	    t.p[n - 1] == ':')
		skip = n;	/* an empty string: "STRING:" */
	json_str(b, (const uint8_t *)t.p + skip, n - skip);
	sh_buf_free(&t);
}

static void
json_value(struct sh_buf *b, const struct sn_value *v)
{
	char ip[16];

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
	case SN_T_IPADDR:
		if (v->v.str.len == 4) {
			snprintf(ip, sizeof(ip), "%u.%u.%u.%u",
			    v->v.str.ptr[0], v->v.str.ptr[1], v->v.str.ptr[2],
			    v->v.str.ptr[3]);
			json_cstr(b, ip);
		} else {
			json_hex(b, v->v.str.ptr, v->v.str.len);
		}
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_NSAP:
		json_str(b, v->v.str.ptr, v->v.str.len);
		break;
	case SN_T_OID:
		json_oid(b, &v->v.oid);
		break;
	default:
		sh_buf_adds(b, "null");
		break;
	}
}

void
sh_notify_json_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb)
{
	sh_buf_adds(b, "{\"oid\":");
	json_oid(b, &vb->name);
	sh_buf_adds(b, ",\"name\":");
	json_name(sh, b, &vb->name);
	sh_buf_adds(b, ",\"type\":");
	json_cstr(b, sn_type_name(vb->value.type));
	sh_buf_adds(b, ",\"value\":");
	json_value(b, &vb->value);
	sh_buf_adds(b, ",\"text\":");
	json_text(sh, b, vb);
	if (vb->value.type == SN_T_OCTETS || vb->value.type == SN_T_OPAQUE) {
		sh_buf_adds(b, ",\"hex\":");
		json_hex(b, vb->value.v.str.ptr, vb->value.v.str.len);
	}
	sh_buf_addc(b, '}');
}

static const char *
version_name(enum sn_version v)
{
	return v == SN_V1 ? "1" : v == SN_V2C ? "2c" : "3";
}

static const char *
type_name(enum sn_pdu_type t)
{
	return t == SN_PDU_TRAP_V1 ? "trap" : t == SN_PDU_INFORM ? "inform" :
	    "trap2";
}

void
sh_notify_json(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_notification *n, const char *when)
{
	static const char *const levels[] = { "", "noAuthNoPriv",
		"authNoPriv", "authPriv" };
	char ip[16];
	size_t i;

	sh_buf_adds(b, "{\"time\":");
	json_cstr(b, when);
	sh_buf_adds(b, ",\"source\":");
	json_cstr(b, n->source);
	if (n->local != NULL && n->local[0] != '\0') {
		sh_buf_adds(b, ",\"local\":");
		json_cstr(b, n->local);
	}
	sh_buf_adds(b, ",\"version\":");
	json_cstr(b, version_name(n->version));
	sh_buf_adds(b, ",\"pdu\":");
	json_cstr(b, type_name(n->type));
	if (n->version == SN_V3) {
		sh_buf_adds(b, ",\"user\":");
		json_str(b, n->user, n->user_len);
		sh_buf_adds(b, ",\"level\":");
		json_cstr(b, levels[n->sec_level & 3]);
		sh_buf_adds(b, ",\"engine_id\":");
		json_hex(b, n->engine_id, n->engine_id_len);
		sh_buf_adds(b, ",\"context\":");
		json_str(b, n->context, n->context_len);
	} else {
		sh_buf_adds(b, ",\"community\":");
		json_str(b, n->community, n->community_len);
	}
	if (n->type == SN_PDU_TRAP_V1) {
		/* the Trap-PDU's own fields (RFC 1157 §4.1.6) */
		sh_buf_adds(b, ",\"enterprise\":");
		json_oid(b, &n->pdu->enterprise);
		snprintf(ip, sizeof(ip), "%u.%u.%u.%u",
		    n->pdu->agent_addr[0], n->pdu->agent_addr[1],
		    n->pdu->agent_addr[2], n->pdu->agent_addr[3]);
		sh_buf_adds(b, ",\"agent_addr\":");
		json_cstr(b, ip);
		sh_buf_adds(b, ",\"generic_trap\":");
		sh_buf_addi64(b, n->pdu->generic_trap);
		sh_buf_adds(b, ",\"specific_trap\":");
		sh_buf_addi64(b, n->pdu->specific_trap);
	}
	sh_buf_adds(b, ",\"uptime\":");
	sh_buf_addu64(b, n->uptime);
	sh_buf_adds(b, ",\"trap_oid\":");
	if (n->trap_oid.len > 0) {
		json_oid(b, &n->trap_oid);
		sh_buf_adds(b, ",\"trap_name\":");
		json_name(sh, b, &n->trap_oid);
	} else {
		sh_buf_adds(b, "null");
	}
	sh_buf_adds(b, ",\"varbinds\":[");
	for (i = 0; i < n->vbl->len; i++) {
		if (i > 0)
			sh_buf_addc(b, ',');
		sh_notify_json_varbind(sh, b, &n->vbl->vb[i]);
	}
	sh_buf_adds(b, "]}\n");
}
