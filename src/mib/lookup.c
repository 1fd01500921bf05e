/*
 * Names to OIDs as Net-SNMP's tools accept them with random access (-IR):
 * numeric OIDs with or without the leading dot, descriptors anywhere in the
 * tree, MODULE::descriptor, dotted label paths from the root or from any
 * descriptor, and instance index values written by the INDEX clause (RFC
 * 2578 §7.7): numbers, enumeration labels, quoted strings (length-prefixed
 * unless IMPLIED or fixed-size), IpAddress, and InetAddress (RFC 4001 §4.1)
 * written as an address after its InetAddressType.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

#define MAXTOK 160

/* One dotted component: a number, a label, or a quoted string. */
struct tok {
	enum { T_NUM, T_LABEL, T_STR } kind;
	uint32_t num;
	char *text;		/* label, or string bytes (len) */
	size_t len;
};

struct toks {
	struct tok v[MAXTOK];
	size_t n;
	char *store;		/* one allocation for all texts */
};

static int
fail(struct sn_error *err, int code, const char *text, const char *why)
{
	return sn_error_set(err, code, "%s: %s", text, why);
}

/* Split s into components; quotes may hold dots and \" escapes. */
static int
tokenize(const char *s, struct toks *t, const char *text,
    struct sn_error *err)
{
	char *w;

	t->n = 0;
	if ((t->store = malloc(strlen(s) + 1)) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	w = t->store;
	while (*s != '\0') {
		struct tok *k;

		if (t->n == MAXTOK)
			return fail(err, SN_ETOOLONG, text,
			    "too many sub-identifiers");
		k = &t->v[t->n++];
		k->text = w;
		if (*s == '"' || *s == '\'') {
			char q = *s++;

			k->kind = T_STR;
			while (*s != '\0' && *s != q) {
				if (*s == '\\' && s[1] != '\0')
					s++;
				*w++ = *s++;
			}
			if (*s != q)
				return fail(err, SN_ENAME, text,
				    "unterminated quoted index");
			s++;
			k->len = (size_t)(w - k->text);
			*w++ = '\0';
		} else {
			const char *e = strchr(s, '.');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			char *end;
			unsigned long v;

			if (n == 0)
				return fail(err, SN_ENAME, text,
				    "empty sub-identifier");
			memcpy(w, s, n);
			w[n] = '\0';
			k->len = n;
			s += n;
			w += n + 1;
			if (k->text[0] >= '0' && k->text[0] <= '9') {
				errno = 0;
				v = strtoul(k->text, &end, 10);
				if (*end != '\0')
					return fail(err, SN_ENAME, text,
					    "bad sub-identifier");
				if (errno != 0 || v > UINT32_MAX)
					return fail(err, SN_EOVERFLOW, text,
					    "sub-identifier too large");
				k->kind = T_NUM;
				k->num = (uint32_t)v;
			} else if (k->text[0] == '-') {
				return fail(err, SN_ENAME, text,
				    "negative sub-identifier");
			} else
				k->kind = T_LABEL;
		}
		if (*s == '.') {
			s++;
			if (*s == '\0')
				return fail(err, SN_ENAME, text,
				    "trailing dot");
		} else if (*s != '\0') {
			return fail(err, SN_ENAME, text,
			    "text after a quoted index");
		}
	}
	return 0;
}

static int
push(struct sn_oid *oid, uint32_t a, const char *text, struct sn_error *err)
{
	if (oid->len >= SN_OID_MAX_LEN)
		return fail(err, SN_ETOOLONG, text,
		    "more than 128 sub-identifiers");
	oid->sub[oid->len++] = a;
	return 0;
}

/* The child of oid named label, or NULL. */
static const struct mnode *
child(struct mib *mib, const struct sn_oid *oid, const char *label)
{
	size_t lo, hi, i;
	const struct mnode *e;

	mib_node_byname(mib, NULL, label);	/* finishes a lazy load */
	mib_name_range(mib, label, &lo, &hi);
	for (i = lo; i < hi; i++) {
		e = mib->byname[i];
		if (strcmp(e->name, label) != 0)
			continue;
		if (e->oidlen == oid->len + 1 && memcmp(e->oid, oid->sub,
		    oid->len * sizeof(uint32_t)) == 0)
			return e;
	}
	return NULL;
}

static int
set_node(struct sn_oid *oid, const struct mnode *e)
{
	oid->len = e->oidlen;
	memcpy(oid->sub, e->oid, e->oidlen * sizeof(uint32_t));
	return 0;
}

static int
push_bytes(struct sn_oid *oid, const uint8_t *p, size_t n, bool lenpfx,
    const char *text, struct sn_error *err)
{
	size_t i;
	int rc;

	if (lenpfx && (rc = push(oid, (uint32_t)n, text, err)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = push(oid, p[i], text, err)) != 0)
			return rc;
	return 0;
}

/*
 * Index values by the INDEX clause of row, from token *ti on.  A number
 * where a string or OID is expected switches to plain arcs for the rest.
 */
static int
parse_index(struct mib *mib, SmiNode *row, struct toks *t, size_t *ti,
    struct sn_oid *oid, const char *text, struct sn_error *err)
{
	SmiElement *el;
	long prevval = -1;
	bool previnettype = false;
	int rc;

	(void)mib;
	row = mib_index_row(row);
	if (row == NULL)
		return 0;
	for (el = smiGetFirstElement(row); el != NULL && *ti < t->n;
	    el = smiGetNextElement(el)) {
		SmiNode *idx = smiGetElementNode(el);
		bool implied = row->implied && smiGetNextElement(el) == NULL;
		struct tok *k = &t->v[*ti];
		struct msyntax s;
		long v;

		mib_syntax(idx, &s);
		switch (s.cls) {
		case MS_INTEGER:
		case MS_UINTEGER:
		case MS_GAUGE32:
		case MS_TIMETICKS:
			if (k->kind == T_NUM) {
				v = k->num;
			} else if (k->kind == T_LABEL &&
			    mib_enum_value(s.enumtype, k->text, &v)) {
				if (v < 0)
					return fail(err, SN_ENAME, text,
					    "negative index value");
			} else {
				/* snmpget's words for it */
				return sn_error_set(err, SN_ENAME,
				    "%s: Unknown Object Identifier (Index out "
				    "of range: %s (%s))", text, k->kind ==
				    T_LABEL ? k->text : "?", idx->name);
			}
			if ((rc = push(oid, (uint32_t)v, text, err)) != 0)
				return rc;
			(*ti)++;
			previnettype = s.tcname != NULL &&
			    strcmp(s.tcname, "InetAddressType") == 0;
			prevval = v;
			continue;
		case MS_OCTETS: {
			uint8_t addr[16];
			size_t size, n = k->len;
			const uint8_t *p = (const uint8_t *)k->text;
			bool fixed = false;
			SmiRange *r;

			if (k->kind != T_STR)
				return 0;	/* plain arcs from here on */
			if (previnettype && s.tcname != NULL &&
			    strcmp(s.tcname, "InetAddress") == 0) {
				/* RFC 4001 §4.1: the address bytes. */
				if (prevval == 1 && inet_pton(AF_INET,
				    k->text, addr) == 1) {
					p = addr;
					n = 4;
				} else if (prevval == 2 && inet_pton(AF_INET6,
				    k->text, addr) == 1) {
					p = addr;
					n = 16;
				}
			}
			if (s.rangetype != NULL &&
			    (r = smiGetFirstRange(s.rangetype)) != NULL &&
			    smiGetNextRange(r) == NULL &&
			    r->minValue.value.unsigned32 ==
			    r->maxValue.value.unsigned32) {
				fixed = true;
				size = r->minValue.value.unsigned32;
				if (n != size)
					return sn_error_set(err, SN_ENAME,
					    "%s: index %s takes %zu bytes",
					    text, idx->name, size);
			}
			if ((rc = push_bytes(oid, p, n, !implied && !fixed,
			    text, err)) != 0)
				return rc;
			(*ti)++;
			break;
		}
		case MS_IPADDR: {
			uint8_t a[4];
			int j;

			if (k->kind == T_STR && inet_pton(AF_INET, k->text,
			    a) == 1) {
				if ((rc = push_bytes(oid, a, 4, false, text,
				    err)) != 0)
					return rc;
				(*ti)++;
				break;
			}
			/* Fewer than four numbers: plain arcs from here. */
			for (j = 0; j < 4; j++)
				if (*ti + (size_t)j >= t->n ||
				    t->v[*ti + (size_t)j].kind != T_NUM)
					return 0;
			for (j = 0; j < 4; j++) {
				if ((rc = push(oid, t->v[*ti].num, text,
				    err)) != 0)
					return rc;
				(*ti)++;
			}
			break;
		}
		case MS_OID: {
			size_t j, len;

			/* A length, then that many arcs (RFC 2578 §7.7). */
			if (implied || k->kind != T_NUM)
				return 0;
			len = k->num;
			if (len > t->n - *ti - 1)
				return 0;
			for (j = 0; j <= len; j++)
				if (t->v[*ti + j].kind != T_NUM)
					return 0;
			for (j = 0; j <= len; j++) {
				if ((rc = push(oid, t->v[*ti].num, text,
				    err)) != 0)
					return rc;
				(*ti)++;
			}
			break;
		}
		default:
			return 0;
		}
		previnettype = false;
	}
	return 0;
}

int
mib_parse_oid(struct mib *mib, const char *text, struct sn_oid *oid,
    struct sn_error *err)
{
	struct toks *t;
	const struct mnode *e = NULL;
	const char *s = text, *sep;
	char module[128];
	size_t ti = 0;
	int rc = 0;
	bool inindex = false;
	SmiNode *row = NULL;

	oid->len = 0;
	if (text == NULL || *text == '\0')
		return sn_error_set(err, SN_ENAME, "empty OID");
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	/* MODULE:: only before any dot or quote. */
	if ((sep = strstr(s, "::")) != NULL &&
	    strcspn(s, ".\"'") < (size_t)(sep - s))
		sep = NULL;
	if (sep != NULL) {
		size_t n = (size_t)(sep - s);

		if (n == 0 || n >= sizeof(module)) {
			rc = fail(err, SN_ENAME, text, "bad module name");
			goto out;
		}
		memcpy(module, s, n);
		module[n] = '\0';
		s = sep + 2;
	}
	if (*s == '.')
		s++;
	if ((rc = tokenize(s, t, text, err)) != 0)
		goto out;
	if (t->n == 0) {
		rc = fail(err, SN_ENAME, text, "empty OID");
		goto out;
	}
	if (sep != NULL) {
		if (t->v[0].kind != T_LABEL ||
		    (e = mib_node_byname(mib, module, t->v[0].text)) ==
		    NULL) {
			rc = sn_error_set(err, SN_ENAME,
			    "%s: Unknown Object Identifier", text);
			goto out;
		}
		set_node(oid, e);
		ti = 1;
	} else if (t->v[0].kind == T_LABEL) {
		/* A root label starts a path; any other a random access. */
		if ((e = mib_node_byname(mib, NULL, t->v[0].text)) == NULL) {
			/* Net-SNMP's words after its random access fails */
			rc = sn_error_set(err, SN_ENAME, "%s: Unknown Object "
			    "Identifier (Sub-id not found: (top) -> %s)", text,
			    t->v[0].text);
			goto out;
		}
		set_node(oid, e);
		ti = 1;
	}
	for (; ti < t->n; ti++) {
		struct tok *k = &t->v[ti];
		const struct mnode *c;

		if (!inindex && (row != NULL || (e != NULL &&
		    e->smi->nodekind == SMI_NODEKIND_COLUMN))) {
			inindex = true;
			if ((rc = parse_index(mib, row != NULL ? row :
			    smiGetParentNode(e->smi), t, &ti, oid, text,
			    err)) != 0)
				goto out;
			if (ti >= t->n)
				break;
			k = &t->v[ti];
		}
		if (k->kind == T_NUM) {
			if ((rc = push(oid, k->num, text, err)) != 0)
				goto out;
			c = inindex ? NULL : mib_node_exact(mib, oid->sub,
			    oid->len);
			/* A column the MIB does not know: index follows. */
			if (c == NULL && !inindex && e != NULL &&
			    e->smi->nodekind == SMI_NODEKIND_ROW)
				row = e->smi;
			e = c;
			continue;
		}
		if (k->kind == T_LABEL && !inindex &&
		    (c = child(mib, oid, k->text)) != NULL) {
			e = c;
			set_node(oid, e);
			continue;
		}
		/*
		 * Net-SNMP names the first label of a random-access name,
		 * else the node the unknown label was looked for under
		 * (looked up again: child() may have finished a lazy load,
		 * which moves the nodes).
		 */
		e = mib_node_exact(mib, oid->sub, oid->len);
		if (sep == NULL && t->v[0].kind == T_LABEL)
			rc = sn_error_set(err, SN_ENAME, "%s: Unknown Object "
			    "Identifier (Sub-id not found: (top) -> %s)", text,
			    t->v[0].text);
		else
			rc = sn_error_set(err, SN_ENAME, "%s: Unknown Object "
			    "Identifier (Sub-id not found: %s -> %s)", text,
			    e != NULL ? e->name : "(top)", k->text);
		goto out;
	}
out:
	free(t->store);
	free(t);
	if (rc != 0)
		oid->len = 0;
	return rc;
}
