/*
 * The set command: a SetRequest (RFC 3416 §4.2.5) built from OID TYPE
 * VALUE triples with Net-SNMP's type letters (snmpset(1)): i u t a o s x d
 * b U I F D c C n, for the RFC 2578 §7.1 types plus Net-SNMP's Opaque
 * wrapped int64/uint64/float/double, and `=`: the type from the MIB, the
 * value parsed by the object's syntax (enumeration labels, RFC 2579
 * DISPLAY-HINT input) and checked against its range and size before
 * anything is sent.  The response is printed as snmpset prints it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

/* Longest OCTET STRING value we build (RFC 2578 §7.1.2: 65535). */
#define SET_STR_MAX 65535

/* "1.2.3" or "1 2 3": decimal bytes. */
static int
parse_dec(const char *s, uint8_t *buf, size_t *len)
{
	size_t n = 0;
	unsigned v;

	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '.') {
			s++;
			continue;
		}
		if (*s < '0' || *s > '9' || n >= SET_STR_MAX)
			return -1;
		for (v = 0; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (unsigned)(*s - '0');
			if (v > 255)
				return -1;
		}
		buf[n++] = (uint8_t)v;
	}
	*len = n;
	return 0;
}

/* BITS (RFC 2578 §7.1.4): bit numbers, bit 0 the MSB of the 1st byte. */
static int
parse_bits(const char *s, uint8_t *buf, size_t *len)
{
	size_t n = 0;
	unsigned long v;

	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == ',') {
			s++;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		for (v = 0; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (unsigned long)(*s - '0');
			if (v >= SET_STR_MAX * 8UL)
				return -1;
		}
		while (n <= v / 8)
			buf[n++] = 0;
		buf[v / 8] |= (uint8_t)(0x80 >> (v % 8));
	}
	*len = n;
	return 0;
}

/*
 * Net-SNMP's Opaque special types: the Opaque content is a BER item
 * tagged 0x9f 0x7X; integers big-endian, minimal length.
 */
static size_t
opaque_int(uint8_t *buf, uint8_t tag, uint64_t u, bool is_signed)
{
	uint8_t tmp[9];
	size_t n = 0, i;

	for (i = 0; i < 8; i++)
		tmp[i + 1] = (uint8_t)(u >> (56 - 8 * i));
	tmp[0] = (is_signed && (int64_t)u < 0) ? 0xff : 0;
	/* Drop leading bytes that only repeat the sign. */
	for (i = 0; i < 8; i++) {
		if (!((tmp[i] == 0 && !(tmp[i + 1] & 0x80)) ||
		    (tmp[i] == 0xff && (tmp[i + 1] & 0x80) && is_signed)))
			break;
	}
	buf[n++] = 0x9f;
	buf[n++] = tag;
	buf[n++] = (uint8_t)(9 - i);
	memcpy(buf + n, tmp + i, 9 - i);
	return n + 9 - i;
}

static size_t
opaque_float(uint8_t *buf, bool dbl, double d)
{
	uint64_t bits = 0;
	size_t n = 0, len = dbl ? 8 : 4, i;

	if (dbl) {
		memcpy(&bits, &d, sizeof(bits));
	} else {
		float f = (float)d;
		uint32_t b32;

		memcpy(&b32, &f, sizeof(b32));
		bits = b32;
	}
	buf[n++] = 0x9f;
	buf[n++] = dbl ? 0x79 : 0x78;
	buf[n++] = (uint8_t)len;
	for (i = 0; i < len; i++)
		buf[n++] = (uint8_t)(bits >> (8 * (len - 1 - i)));
	return n;
}

/*
 * Build the value of one triple.  buf (SET_STR_MAX bytes) holds octet
 * contents; the varbind list copies them.  Returns SH_OK or prints and
 * returns an error status.
 */
static int
parse_value(struct sh_shell *sh, const char *cmd, const char *oidtext,
    const struct sn_oid *name, struct sn_vbl *vbl, const char *type,
    const char *text, uint8_t *buf, struct sn_value *v)
{
	struct sn_error err;
	uint64_t u64;
	int64_t i64;
	uint32_t u32;
	double d;
	size_t len;
	struct sn_oid oid;
	int st;

	if (strlen(type) != 1)
		goto badtype;
	switch (type[0]) {
	case 'i':
		if (sh_parse_i64(text, &i64) < 0 || i64 < INT32_MIN ||
		    i64 > INT32_MAX)
			goto badvalue;
		*v = sn_value_int((int32_t)i64);
		return SH_OK;
	case 'u':
	case 'c':
	case 't':
		if (sh_parse_u32(text, &u32) < 0)
			goto badvalue;
		*v = sn_value_uint(type[0] == 'u' ? SN_T_GAUGE32 :
		    type[0] == 'c' ? SN_T_COUNTER32 : SN_T_TIMETICKS, u32);
		return SH_OK;
	case 'a':
		if (inet_pton(AF_INET, text, buf) != 1)
			goto badvalue;
		*v = sn_value_str(SN_T_IPADDR, buf, 4);
		return SH_OK;
	case 'o':
		if ((st = sh_resolve_oid(sh, cmd, text, &oid)) != SH_OK)
			return st;
		*v = sn_value_oid(&oid);
		return SH_OK;
	case 's':
		if ((len = strlen(text)) > SET_STR_MAX)
			goto badvalue;
		*v = sn_value_str(SN_T_OCTETS, text, len);
		return SH_OK;
	case 'x':
		if (sn_hex_decode(text, buf, SET_STR_MAX, &len,
		    SN_HEX_SEPARATORS) != 0)
			goto badvalue;
		*v = sn_value_str(SN_T_OCTETS, buf, len);
		return SH_OK;
	case 'd':
		if (parse_dec(text, buf, &len) < 0)
			goto badvalue;
		*v = sn_value_str(SN_T_OCTETS, buf, len);
		return SH_OK;
	case 'b':
		if (parse_bits(text, buf, &len) < 0)
			goto badvalue;
		*v = sn_value_str(SN_T_OCTETS, buf, len);
		return SH_OK;
	case 'U':
	case 'C':
		if (sh_parse_u64(text, &u64) < 0)
			goto badvalue;
		if (type[0] == 'C') {
			*v = sn_value_u64(u64);
		} else {
			len = opaque_int(buf, 0x7b, u64, false);
			*v = sn_value_str(SN_T_OPAQUE, buf, len);
		}
		return SH_OK;
	case 'I':
		if (sh_parse_i64(text, &i64) < 0)
			goto badvalue;
		len = opaque_int(buf, 0x7a, (uint64_t)i64, true);
		*v = sn_value_str(SN_T_OPAQUE, buf, len);
		return SH_OK;
	case 'F':
	case 'D':
		if (sh_parse_double(text, &d) < 0)
			goto badvalue;
		len = opaque_float(buf, type[0] == 'D', d);
		*v = sn_value_str(SN_T_OPAQUE, buf, len);
		return SH_OK;
	case 'n':
		*v = sn_value_null(SN_T_NULL);
		return SH_OK;
	case '=':
		/* The type from the MIB: syntax, enumerations, DISPLAY-HINT
		 * (RFC 2579 §3.1), range and size checked before sending. */
		if (sh->mib == NULL) {
			sh_err("%s: %s: type '=' takes the type from the MIB, "
			    "and no MIB modules are loaded (-m): give a type "
			    "letter", cmd, oidtext);
			return SH_EUSAGE;
		}
		sn_error_clear(&err);
		if (mib_parse_value(sh->mib, name, text, vbl, v, &err) < 0) {
			sh_err("%s: %s: %s", cmd, oidtext, err.msg[0] != '\0' ?
			    err.msg : "bad value");
			return SH_EUSAGE;
		}
		return SH_OK;
	default:
		break;
	}
badtype:
	sh_err("%s: %s: %s: unknown type (i u t a o s x d b U I F D c C n)",
	    cmd, oidtext, type);
	return SH_EUSAGE;
badvalue:
	sh_err("%s: %s: %s: bad value for type '%s'", cmd, oidtext, text,
	    type);
	return SH_EUSAGE;
}

static void
setspec_free(void *p)
{
	struct sn_pdu *pdu = p;

	if (pdu == NULL)
		return;
	sn_pdu_clear(pdu);
	free(pdu);
}

static int
set_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    void **specp)
{
	const char *cmd = argv[0];
	struct sh_outopts o = sh->out;
	struct sn_pdu *pdu;
	struct sn_value v;
	struct sn_oid oid;
	uint8_t *buf = NULL;
	char **args = NULL;
	int i, rc, n = 0, st = SH_OK;

	if ((pdu = calloc(1, sizeof(*pdu))) == NULL ||
	    (buf = malloc(SET_STR_MAX + 16)) == NULL ||
	    (args = calloc((size_t)argc, sizeof(*args))) == NULL) {
		free(pdu);
		free(buf);
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	sn_pdu_init(pdu, SN_PDU_SET);
	*specp = pdu;
	for (i = 1; i < argc; i++) {
		/* Options come before a triple; values may start with '-'. */
		if (n % 3 == 0 &&
		    (rc = sh_parse_oopt(cmd, argc, argv, &i, &o)) != 0) {
			if (rc < 0) {
				st = -rc;
				goto out;
			}
			continue;
		}
		args[n++] = argv[i];
	}
	if (n == 0 || n % 3 != 0) {
		if (n % 3 != 0)
			sh_err("%s: %s: needs OID TYPE VALUE (usage: %s)", cmd,
			    args[n - n % 3], sh_cmd_find(cmd)->usage);
		else
			sh_err("%s: missing OID TYPE VALUE (usage: %s)", cmd,
			    sh_cmd_find(cmd)->usage);
		st = SH_EUSAGE;
		goto out;
	}
	if (n / 3 > SN_VBL_MAX) {
		sh_err("%s: more than %d varbinds", cmd, SN_VBL_MAX);
		st = SH_EUSAGE;
		goto out;
	}
	if (!have_session) {
		(void)sh_need_session(sh, cmd);
		st = SH_EUSAGE;
		goto out;
	}
	for (i = 0; i < n; i += 3) {
		if ((st = sh_resolve_oid(sh, cmd, args[i], &oid)) != SH_OK)
			goto out;
		st = parse_value(sh, cmd, args[i], &oid, &pdu->vbl,
		    args[i + 1], args[i + 2], buf, &v);
		if (st != SH_OK)
			goto out;
		if (sn_vbl_add(&pdu->vbl, &oid, &v) < 0) {
			sh_err("%s: out of memory", cmd);
			st = SH_ESNMP;
			goto out;
		}
	}
out:
	free(args);
	free(buf);
	return st;
}

static void
set_cb(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct sh_job *j = ud;
	struct sh_sink *prev;
	int st;

	(void)req;
	j->req = NULL;
	prev = sh_job_enter(j);
	if (status != 0) {
		st = sh_report_status(j->sh, j->ss, j->cmd, status, NULL);
	} else {
		sh_job_replied(j);
		st = sh_print_response(j->sh, resp, &j->o, true);
	}
	sh_job_finish(j, st);
	sh_job_leave(j, prev);
}

static int
set_start(struct sh_job *j)
{
	struct sn_request *req = NULL;
	struct sn_error err;
	int rc;

	sn_error_clear(&err);
	rc = sn_session_send(j->ss->s, j->spec, set_cb, j, &req, &err);
	if (rc < 0)
		return sh_report_status(j->sh, j->ss, j->cmd, rc, &err);
	if (!j->done)
		j->req = req;
	return SH_OK;
}

const struct sh_jobdef sh_job_set = {
	"set", set_parse, set_start, setspec_free
};

int
sh_cmd_set(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_set, argc, argv);
}

int
sh_set_add_varbind(struct sh_shell *sh, const char *cmd, const char *oidtext,
    const char *type, const char *text, struct sn_vbl *vbl)
{
	struct sn_value v;
	struct sn_oid oid;
	uint8_t *buf;
	int st;

	if ((st = sh_resolve_oid(sh, cmd, oidtext, &oid)) != SH_OK)
		return st;
	if ((buf = malloc(SET_STR_MAX + 16)) == NULL) {
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	st = parse_value(sh, cmd, oidtext, &oid, vbl, type, text, buf, &v);
	if (st == SH_OK && sn_vbl_add(vbl, &oid, &v) < 0) {
		sh_err("%s: out of memory", cmd);
		st = SH_ESNMP;
	}
	free(buf);
	return st;
}
