/*
 * JSON Lines for received notifications (`listen --json`, `listen --log`):
 * one object per notification with its header fields and the varbinds of
 * its SNMPv2 form (RFC 3584 §3.1 for SNMPv1 traps) as SPEC §3's varbind
 * objects (oid, name, type, value, text, hex), written by json.c as the
 * request commands' are.  Strings are JSON (RFC 8259 §7) whatever arrived
 * on the wire: UTF-8 as is, other bytes as \u00XX escapes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sn/notify.h>

#include "shell.h"

static void
json_cstr(struct sh_buf *b, const char *s)
{
	sh_json_str(b, s, strlen(s));
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
		sh_json_str(b, n->user, n->user_len);
		sh_buf_adds(b, ",\"level\":");
		json_cstr(b, levels[n->sec_level & 3]);
		sh_buf_adds(b, ",\"engine_id\":");
		sh_json_hex(b, n->engine_id, n->engine_id_len);
		sh_buf_adds(b, ",\"context\":");
		sh_json_str(b, n->context, n->context_len);
	} else {
		sh_buf_adds(b, ",\"community\":");
		sh_json_str(b, n->community, n->community_len);
	}
	if (n->type == SN_PDU_TRAP_V1) {
		/* the Trap-PDU's own fields (RFC 1157 §4.1.6) */
		sh_buf_adds(b, ",\"enterprise\":");
		sh_json_oid(b, &n->pdu->enterprise);
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
		sh_json_oid(b, &n->trap_oid);
		sh_buf_adds(b, ",\"trap_name\":");
		sh_json_name(sh, b, &n->trap_oid);
	} else {
		sh_buf_adds(b, "null");
	}
	sh_buf_adds(b, ",\"varbinds\":[");
	for (i = 0; i < n->vbl->len; i++) {
		if (i > 0)
			sh_buf_addc(b, ',');
		sh_json_varbind(sh, b, &n->vbl->vb[i], NULL);
	}
	sh_buf_adds(b, "]}\n");
}
