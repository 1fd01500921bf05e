/*
 * Reading test vectors (tests/vectors/NAME.txt) and rendering decoded values,
 * PDUs and messages as the one-line text the vectors expect; see vec.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
vec_foreach(const char *name, vec_fn fn, void *arg)
{
	const char *top = getenv("top_srcdir");
	char path[4096], *line = NULL, *acc = NULL, *s, *bar;
	size_t cap = 0, acclen = 0, n;
	struct vec_row row;
	int lineno = 0, start = 0, rows = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/vectors/%s",
	    top != NULL ? top : SN_SRCDIR, name);
	if ((f = fopen(path, "r")) == NULL) {
		printf("# cannot open %s\n", path);
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		s = trim(line);
		if (acclen == 0) {
			start = lineno;
			if (*s == '#' || *s == '\0')
				continue;
		}
		n = strlen(s);
		acc = realloc(acc, acclen + n + 2);
		if (acc == NULL)
			abort();
		memcpy(acc + acclen, s, n);
		acclen += n;
		acc[acclen] = '\0';
		if (acclen > 0 && acc[acclen - 1] == '\\') {
			acclen--;
			while (acclen > 0 && acc[acclen - 1] == ' ')
				acclen--;
			acc[acclen++] = ' ';
			acc[acclen] = '\0';
			continue;
		}
		memset(&row, 0, sizeof(row));
		row.file = name;
		row.line = start;
		s = acc;
		while (row.nfields < VEC_FIELDS) {
			bar = strstr(s, " | ");
			if (bar != NULL)
				*bar = '\0';
			row.field[row.nfields++] = trim(s);
			if (bar == NULL)
				break;
			s = bar + 3;
		}
		fn(&row, arg);
		rows++;
		acclen = 0;
	}
	free(line);
	free(acc);
	fclose(f);
	return rows;
}

static void
put_hex(char *buf, size_t cap, const uint8_t *p, size_t n)
{
	size_t i, pos = strlen(buf);

	for (i = 0; i < n && pos + 3 < cap; i++, pos += 2)
		snprintf(buf + pos, cap - pos, "%02x", p[i]);
}

void
vec_render_value(const struct sn_value *v, char *buf, size_t cap)
{
	char oid[SN_OID_STR_MAX];

	switch (v->type) {
	case SN_T_INTEGER:
		snprintf(buf, cap, "Integer32 %ld", (long)v->v.i);
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		snprintf(buf, cap, "%s %lu", sn_type_name(v->type),
		    (unsigned long)v->v.u);
		break;
	case SN_T_COUNTER64:
		snprintf(buf, cap, "Counter64 %llu",
		    (unsigned long long)v->v.u64);
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
	case SN_T_NSAP:
		snprintf(buf, cap, "%s x:", sn_type_name(v->type));
		put_hex(buf, cap, v->v.str.ptr, v->v.str.len);
		break;
	case SN_T_OID:
		sn_oid_format(&v->v.oid, 1, oid, sizeof(oid));
		snprintf(buf, cap, "ObjectIdentifier %s", oid);
		break;
	default:
		snprintf(buf, cap, "%s", sn_type_name(v->type));
		break;
	}
}

void
vec_render_pdu(const struct sn_pdu *pdu, char *buf, size_t cap)
{
	char oid[SN_OID_STR_MAX], val[SN_OID_STR_MAX + 64];
	size_t i, pos;

	if (pdu->type == SN_PDU_TRAP_V1) {
		sn_oid_format(&pdu->enterprise, 1, oid, sizeof(oid));
		snprintf(buf, cap, "trap ent=%s addr=%u.%u.%u.%u gen=%ld "
		    "spec=%ld ts=%lu", oid, pdu->agent_addr[0],
		    pdu->agent_addr[1], pdu->agent_addr[2],
		    pdu->agent_addr[3], (long)pdu->generic_trap,
		    (long)pdu->specific_trap, (unsigned long)pdu->time_stamp);
	} else {
		snprintf(buf, cap, "%s rid=%ld es=%ld ei=%ld",
		    sn_pdu_type_name(pdu->type), (long)pdu->request_id,
		    (long)pdu->error_status, (long)pdu->error_index);
	}
	for (i = 0; i < pdu->vbl.len; i++) {
		sn_oid_format(&pdu->vbl.vb[i].name, 1, oid, sizeof(oid));
		vec_render_value(&pdu->vbl.vb[i].value, val, sizeof(val));
		pos = strlen(buf);
		snprintf(buf + pos, cap - pos, "%s%s=%s", i == 0 ? " " : ", ",
		    oid, val);
	}
}

void
vec_render_msg(const struct sn_msg *msg, char *buf, size_t cap)
{
	size_t pos;

	snprintf(buf, cap, "%s %.*s ", msg->version == SN_V1 ? "v1" :
	    msg->version == SN_V2C ? "v2c" : "v?",
	    (int)msg->community_len, (const char *)msg->community);
	pos = strlen(buf);
	vec_render_pdu(&msg->pdu, buf + pos, cap - pos);
}
