/*
 * Clauses of a definition as its module file spells them.  libsmi hands a
 * DESCRIPTION over re-indented and a DEFVAL as a decoded value, while
 * snmptranslate -Td prints the DESCRIPTION text exactly as written (carriage
 * returns dropped, at most 4095 characters) and the DEFVAL as the tokens of
 * its braces joined by blanks (Net-SNMP's parse.c); so `describe` reads both
 * back from the file at the line libsmi gives for the node, as are the
 * syntax keyword, named numbers and ranges that libsmi normalises (RFC 2578
 * §7.1: INTEGER or Integer32, Unsigned32 or Gauge32).  The scanner knows
 * what the ASN.1 subset of RFC 2578 §3 needs to skip safely: comments
 * ("--" to the end of the line or the next "--"), quoted strings, braces.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

/* Net-SNMP's MAXQUOTESTR and MAXTOKEN, and its DEFVAL buffer (parse.c). */
#define NS_MAXQUOTESTR	4096
#define NS_MAXTOKEN	128
#define NS_DEFBUF	512

/* The file of the last definition read, kept for the next one. */
static const char *
load_file(struct mib *mib, const char *path, size_t *len)
{
	FILE *f;
	char *p = NULL;
	size_t n = 0, cap = 0, got;

	if (mib->srcpath != NULL && strcmp(mib->srcpath, path) == 0) {
		*len = mib->srclen;
		return mib->srctext;
	}
	free(mib->srcpath);
	free(mib->srctext);
	mib->srcpath = NULL;
	mib->srctext = NULL;
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			char *q = realloc(p, cap + 65536 + 1);

			if (q == NULL) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = q;
			cap += 65536;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	p[n] = '\0';
	if ((mib->srcpath = strdup(path)) == NULL) {
		free(p);
		return NULL;
	}
	mib->srctext = p;
	mib->srclen = n;
	*len = n;
	return p;
}

/* A token of the scanner: a word, a quoted string or a punctuation mark. */
struct tok {
	const char *p;		/* its first character (after the quote) */
	size_t n;
	bool string;
};

/* The next token at or after *pos; false at the end of the text. */
static bool
next_tok(const char *s, size_t len, size_t *pos, struct tok *t)
{
	size_t i = *pos;

	for (;;) {
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i >= len)
			return false;
		if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
			/* ASN.1: to the end of the line or the next "--" */
			i += 2;
			while (i < len && s[i] != '\n' &&
			    !(s[i] == '-' && i + 1 < len && s[i + 1] == '-'))
				i++;
			if (i < len && s[i] == '-')
				i += 2;
			continue;
		}
		break;
	}
	t->string = false;
	if (s[i] == '"') {
		t->p = s + i + 1;
		for (i++; i < len && s[i] != '"'; i++)
			;
		t->n = (size_t)(s + i - t->p);
		t->string = true;
		*pos = i < len ? i + 1 : i;
		return true;
	}
	t->p = s + i;
	if (s[i] == '\'') {
		/* 'hex'H, 'bin'B */
		for (i++; i < len && s[i] != '\''; i++)
			;
		if (i < len)
			i++;
		if (i < len && isalpha((unsigned char)s[i]))
			i++;
	} else if (isalnum((unsigned char)s[i]) || s[i] == '-' ||
	    s[i] == '_') {
		for (i++; i < len && (isalnum((unsigned char)s[i]) ||
		    s[i] == '-' || s[i] == '_'); i++)
			;
	} else if (s[i] == ':' && i + 2 < len && s[i + 1] == ':' &&
	    s[i + 2] == '=') {
		i += 3;
	} else
		i++;
	t->n = (size_t)(s + i - t->p);
	*pos = i;
	return true;
}

static bool
tok_is(const struct tok *t, const char *w)
{
	return !t->string && t->n == strlen(w) && memcmp(t->p, w, t->n) == 0;
}

/* The macros of RFC 2578, 2580 and 1215 that define a node. */
static bool
is_macro(const struct tok *t)
{
	static const char *const m[] = { "OBJECT-TYPE", "OBJECT-IDENTITY",
	    "MODULE-IDENTITY", "NOTIFICATION-TYPE", "TRAP-TYPE",
	    "OBJECT-GROUP", "NOTIFICATION-GROUP", "MODULE-COMPLIANCE",
	    "AGENT-CAPABILITIES", "OBJECT" };
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (tok_is(t, m[i]))
			return true;
	return false;
}

/* Offset of the start of line (1-based) in s, or len. */
static size_t
line_start(const char *s, size_t len, int line)
{
	size_t i = 0;

	while (line > 1 && i < len) {
		if (s[i++] == '\n')
			line--;
	}
	return i;
}

/*
 * Position just after "name MACRO" (or "name OBJECT IDENTIFIER"), looked
 * for from the node's line, then from the start of the file.
 */
static bool
find_def(const char *s, size_t len, size_t from, const char *name,
    size_t *pos)
{
	struct tok t, u;
	size_t i, j;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		i = pass == 0 ? from : 0;
		while (next_tok(s, len, &i, &t)) {
			if (!tok_is(&t, name))
				continue;
			j = i;
			if (!next_tok(s, len, &j, &u) || u.string)
				continue;
			if (is_macro(&u)) {
				*pos = j;
				return true;
			}
		}
	}
	return false;
}

/* strlcat() into the DEFVAL buffer: what does not fit is cut off. */
static void
add(char *def, const char *s)
{
	size_t n = strlen(def), k = strlen(s);

	if (n + 1 >= NS_DEFBUF)
		return;
	if (k > NS_DEFBUF - 1 - n)
		k = NS_DEFBUF - 1 - n;
	memcpy(def + n, s, k);
	def[n + k] = '\0';
}

/* Append a DEFVAL token as Net-SNMP's get_token returns it. */
static void
defval_token(char *def, const struct tok *t)
{
	char tok[NS_MAXTOKEN];
	size_t n;

	if (t->string) {
		/* parseQuoteString: '\r' dropped, MAXTOKEN - 1 characters */
		size_t k;

		for (k = 0, n = 0; k < t->n && n + 1 < NS_MAXTOKEN; k++)
			if (t->p[k] != '\r')
				tok[n++] = t->p[k];
		tok[n] = '\0';
		add(def, "\\\"");
		add(def, tok);
		add(def, "\\\"");
		add(def, " ");
		return;
	}
	n = t->n < NS_MAXTOKEN - 1 ? t->n : NS_MAXTOKEN - 1;
	memcpy(tok, t->p, n);
	tok[n] = '\0';
	if (t->p[0] == '\'' && t->n >= 3 && t->p[t->n - 2] == '\'') {
		/* 'hex'H and 'bin'B become a number (unsigned long) */
		char kind = (char)tolower((unsigned char)t->p[t->n - 1]);
		unsigned long val = 0;
		size_t k;
		bool ok = kind == 'h' || kind == 'b';

		for (k = 1; ok && k < t->n - 2; k++) {
			int c = (unsigned char)t->p[k];

			if (kind == 'b' && (c == '0' || c == '1'))
				val = val * 2 + (unsigned long)(c - '0');
			else if (kind == 'h' && isxdigit(c))
				val = val * 16 + (unsigned long)(isdigit(c) ?
				    c - '0' : tolower(c) - 'a' + 10);
			else
				ok = false;
		}
		if (ok)
			snprintf(tok, sizeof(tok), "%ld", (long)val);
	}
	add(def, tok);
	add(def, " ");
}

int
mib_src_clauses(struct mib *mib, SmiNode *n, struct mib_buf *descr,
    struct mib_buf *defval)
{
	SmiModule *m = smiGetNodeModule(n);
	const char *s;
	size_t len, pos, k, lim;
	struct tok t;
	int depth, found = 0;

	if (m == NULL || m->path == NULL || n->name == NULL ||
	    (s = load_file(mib, m->path, &len)) == NULL)
		return 0;
	if (!find_def(s, len, line_start(s, len, smiGetNodeLine(n)),
	    n->name, &pos))
		return 0;
	depth = 0;
	while (next_tok(s, len, &pos, &t)) {
		if (t.string)
			continue;
		if (depth == 0 && tok_is(&t, "::="))
			break;
		if (tok_is(&t, "{")) {
			depth++;
			continue;
		}
		if (tok_is(&t, "}")) {
			depth--;
			continue;
		}
		if (depth != 0)
			continue;
		if (tok_is(&t, "DESCRIPTION") && descr != NULL &&
		    !(found & 1) &&
		    next_tok(s, len, &pos, &t) && t.string) {
			lim = NS_MAXQUOTESTR - 1;
			for (k = 0; k < t.n && lim > 0; k++) {
				if (t.p[k] == '\r')
					continue;
				mib_buf_addc(descr, t.p[k]);
				lim--;
			}
			found |= 1;
		} else if (tok_is(&t, "DEFVAL") && defval != NULL &&
		    !(found & 2)) {
			char def[NS_DEFBUF] = "";
			int level = 1;

			if (!next_tok(s, len, &pos, &t) || !tok_is(&t, "{"))
				continue;
			while (next_tok(s, len, &pos, &t)) {
				if (tok_is(&t, "}") && --level == 0)
					break;
				if (tok_is(&t, "{"))
					level++;
				defval_token(def, &t);
			}
			if (def[0] != '\0')
				def[strlen(def) - 1] = '\0';
			mib_buf_adds(defval, def);
			found |= 2;
		}
	}
	return found;
}

/* Net-SNMP's name of an SMI base type keyword, or NULL for a type name. */
static const char *
base_word(const struct tok *t)
{
	static const char *const map[][2] = {
		{ "INTEGER", "INTEGER" }, { "Integer32", "Integer32" },
		{ "Unsigned32", "Unsigned32" }, { "Gauge32", "Gauge32" },
		{ "Gauge", "Gauge32" }, { "Counter32", "Counter32" },
		{ "Counter", "Counter32" }, { "Counter64", "Counter64" },
		{ "TimeTicks", "TimeTicks" }, { "IpAddress", "IpAddress" },
		{ "NetworkAddress", "NetworkAddress" }, { "Opaque", "Opaque" },
		{ "OCTET", "OCTET STRING" }, { "OBJECT", "OBJECT IDENTIFIER" },
		{ "BITS", "BITS" }, { "UInteger32", "UInteger32" },
		{ "NsapAddress", "NsapAddress" }
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (tok_is(t, map[i][0]))
			return map[i][1];
	return NULL;
}

/* A position in the text of a module file. */
struct spos {
	const char *s;
	size_t len, pos;
};

/*
 * The first word of the syntax of the definition of name at line of path:
 * after SYNTAX in a macro (OBJECT-TYPE, TEXTUAL-CONVENTION), else after
 * "::=" of a type assignment; at->pos is then just after it.
 */
static bool
syntax_at(struct mib *mib, const char *path, int line, const char *name,
    struct tok *w, struct spos *at)
{
	const char *s;
	size_t len, pos, i;
	struct tok t;
	int pass;

	if (path == NULL || name == NULL ||
	    (s = load_file(mib, path, &len)) == NULL)
		return false;
	at->s = s;
	at->len = len;
	for (pass = 0; pass < 2; pass++) {
		pos = pass == 0 ? line_start(s, len, line) : 0;
		while (next_tok(s, len, &pos, &t)) {
			if (!tok_is(&t, name))
				continue;
			i = pos;
			if (!next_tok(s, len, &i, &t) || t.string)
				continue;
			if (tok_is(&t, "::=")) {
				if (!next_tok(s, len, &i, &t))
					return false;
				if (!tok_is(&t, "TEXTUAL-CONVENTION")) {
					*w = t;
					at->pos = i;
					return true;
				}
			} else if (!tok_is(&t, "OBJECT-TYPE"))
				continue;
			/* a macro: its SYNTAX clause, before "::=" */
			while (next_tok(s, len, &i, &t) && !tok_is(&t, "::="))
				if (tok_is(&t, "SYNTAX")) {
					if (!next_tok(s, len, &i, w))
						return false;
					at->pos = i;
					return true;
				}
			return false;
		}
	}
	return false;
}

static bool
syntax_word(struct mib *mib, const char *path, int line, const char *name,
    struct tok *w)
{
	struct spos at;

	return syntax_at(mib, path, line, name, w, &at);
}

/*
 * Where the refinement of type t (of object n when t has no name) is
 * written: just after its syntax keyword (both words of OCTET STRING and
 * OBJECT IDENTIFIER).
 */
static bool
refinement_at(struct mib *mib, SmiNode *n, SmiType *t, struct spos *at)
{
	struct tok w;
	bool ok;

	if (t->name == NULL) {
		SmiModule *m = smiGetNodeModule(n);

		ok = m != NULL && syntax_at(mib, m->path, smiGetNodeLine(n),
		    n->name, &w, at);
	} else {
		SmiModule *m = smiGetTypeModule(t);

		ok = m != NULL && syntax_at(mib, m->path, smiGetTypeLine(t),
		    t->name, &w, at);
	}
	if (ok && (tok_is(&w, "OCTET") || tok_is(&w, "OBJECT")))
		ok = next_tok(at->s, at->len, &at->pos, &w);
	return ok;
}

static bool
next_at(struct spos *at, struct tok *t)
{
	return next_tok(at->s, at->len, &at->pos, t);
}

/* A number of a range: decimal, or 'hex'H / 'bin'B. */
static bool
range_num(const struct tok *t, long long *v)
{
	char buf[64], *end;

	if (t->string || t->n == 0 || t->n >= sizeof(buf))
		return false;
	memcpy(buf, t->p, t->n);
	buf[t->n] = '\0';
	if (buf[0] == '\'' && t->n >= 3) {
		char kind = (char)tolower((unsigned char)buf[t->n - 1]);

		buf[t->n - 2] = '\0';
		*v = (long long)strtoull(buf + 1, &end, kind == 'b' ? 2 : 16);
		return *end == '\0' && (kind == 'h' || kind == 'b');
	}
	*v = strtoll(buf, &end, 10);
	return *end == '\0';
}

bool
mib_src_enums(struct mib *mib, SmiNode *n, SmiType *t, struct mib_buf *b)
{
	struct spos at;
	struct tok k, v;
	long long x;
	size_t start = b->len;
	bool first = true;

	if (!refinement_at(mib, n, t, &at) || !next_at(&at, &k) ||
	    !tok_is(&k, "{"))
		return false;
	mib_buf_adds(b, " {");
	for (;;) {
		if (!next_at(&at, &k))
			break;
		if (tok_is(&k, "}")) {
			mib_buf_adds(b, "} ");
			return !b->oom;
		}
		if (tok_is(&k, ","))
			continue;
		/* label ( number ) */
		if (!next_at(&at, &v) || !tok_is(&v, "(") ||
		    !next_at(&at, &v) || !range_num(&v, &x))
			break;
		mib_buf_addf(b, "%s%.*s(%lld)", first ? "" : ", ",
		    (int)k.n, k.p, x);
		first = false;
		if (!next_at(&at, &v) || !tok_is(&v, ")"))
			break;
	}
	b->len = start;
	if (b->p != NULL)
		b->p[start] = '\0';
	return false;
}

bool
mib_src_ranges(struct mib *mib, SmiNode *n, SmiType *t, bool is_signed,
    struct mib_buf *b)
{
	struct spos at;
	struct tok k;
	long long lo, hi;
	size_t start = b->len;
	bool size = false, first = true;

	if (!refinement_at(mib, n, t, &at) || !next_at(&at, &k) ||
	    !tok_is(&k, "("))
		return false;
	if (!next_at(&at, &k))
		return false;
	if (tok_is(&k, "SIZE")) {
		size = true;
		if (!next_at(&at, &k) || !tok_is(&k, "(") ||
		    !next_at(&at, &k))
			return false;
	}
	mib_buf_adds(b, " (");
	for (;;) {
		if (!range_num(&k, &lo))
			break;
		hi = lo;
		if (!next_at(&at, &k))
			break;
		if (tok_is(&k, ".")) {
			if (!next_at(&at, &k) || !tok_is(&k, ".") ||
			    !next_at(&at, &k) || !range_num(&k, &hi) ||
			    !next_at(&at, &k))
				break;
		}
		/* Net-SNMP writes a one-value range as the value */
		if (lo == hi)
			mib_buf_addf(b, is_signed ? "%s%lld" : "%s%llu",
			    first ? "" : " | ", is_signed ? lo :
			    (long long)(unsigned long long)lo);
		else if (is_signed)
			mib_buf_addf(b, "%s%lld..%lld", first ? "" : " | ",
			    lo, hi);
		else
			mib_buf_addf(b, "%s%llu..%llu", first ? "" : " | ",
			    (unsigned long long)lo, (unsigned long long)hi);
		first = false;
		if (tok_is(&k, ")")) {
			if (size && (!next_at(&at, &k) || !tok_is(&k, ")")))
				break;
			mib_buf_adds(b, ") ");
			return !b->oom;
		}
		if (!tok_is(&k, "|") || !next_at(&at, &k))
			break;
	}
	b->len = start;
	if (b->p != NULL)
		b->p[start] = '\0';
	return false;
}

const char *
mib_src_base_type(struct mib *mib, SmiNode *n)
{
	SmiModule *m = smiGetNodeModule(n);
	SmiType *t = smiGetNodeType(n);
	struct tok w;
	const char *b;
	int depth;

	if (t == NULL || m == NULL)
		return NULL;
	/* the keyword written in the object itself (INTEGER, Integer32) */
	if (!syntax_word(mib, m->path, smiGetNodeLine(n), n->name, &w))
		return NULL;
	if ((b = base_word(&w)) != NULL)
		return b;
	if (t->name == NULL)
		t = smiGetParentType(t);
	for (depth = 0; t != NULL && depth < 16; depth++,
	    t = smiGetParentType(t)) {
		SmiModule *tm = smiGetTypeModule(t);

		if (t->name == NULL)
			continue;
		if (tm == NULL || tm->name == NULL || tm->name[0] == '\0' ||
		    strstr(tm->name, "-SMI") != NULL) {
			w.p = t->name;
			w.n = strlen(t->name);
			w.string = false;
			return base_word(&w);
		}
		if (!syntax_word(mib, tm->path, smiGetTypeLine(t), t->name,
		    &w))
			return NULL;
		if ((b = base_word(&w)) != NULL)
			return b;
	}
	return NULL;
}

const char *
mib_src_status(struct mib *mib, SmiNode *n)
{
	static const char *const words[] = { "current", "deprecated",
	    "obsolete", "mandatory", "optional" };
	SmiModule *m = smiGetNodeModule(n);
	const char *s;
	size_t len, pos, i;
	struct tok t;
	int depth = 0;

	if (m == NULL || m->path == NULL || n->name == NULL ||
	    (s = load_file(mib, m->path, &len)) == NULL ||
	    !find_def(s, len, line_start(s, len, smiGetNodeLine(n)),
	    n->name, &pos))
		return NULL;
	while (next_tok(s, len, &pos, &t)) {
		if (depth == 0 && tok_is(&t, "::="))
			break;
		if (tok_is(&t, "{"))
			depth++;
		else if (tok_is(&t, "}"))
			depth--;
		else if (depth == 0 && tok_is(&t, "STATUS")) {
			if (!next_tok(s, len, &pos, &t))
				break;
			for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
				if (tok_is(&t, words[i]))
					return words[i];
			break;
		}
	}
	return NULL;
}

void
mib_src_free(struct mib *mib)
{
	free(mib->srcpath);
	free(mib->srctext);
	mib->srcpath = NULL;
	mib->srctext = NULL;
}
