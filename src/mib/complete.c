/*
 * Completion of MIB names for the shell's Tab key: descriptors of every
 * loaded module (plain "ifDe"), qualified "IF-MIB::ifD", module names, the
 * children of a dotted path "ifTable.ifEntry.", and the labels of an
 * enumeration or BITS (RFC 2578 §7.1.1, §7.1.4) for `set`.  Answers come
 * from the sorted name index, so a call costs a binary search plus the
 * candidates.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

struct cands {
	char **v;
	size_t n, cap;
};

static void
cand_add(struct cands *c, const char *a, const char *b, const char *d)
{
	size_t la = strlen(a), lb = strlen(b), ld = strlen(d);
	char *s;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		char **v = realloc(c->v, cap * sizeof(*v));

		if (v == NULL)
			return;
		c->v = v;
		c->cap = cap;
	}
	if ((s = malloc(la + lb + ld + 1)) == NULL)
		return;
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, d, ld + 1);
	c->v[c->n++] = s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort, drop duplicates, call fn for up to max; free; return count. */
static size_t
emit(struct cands *c, size_t max, mib_complete_fn fn, void *ud)
{
	size_t i, n = 0;

	if (c->n > 0)
		qsort(c->v, c->n, sizeof(char *), cmp_str);
	for (i = 0; i < c->n; i++) {
		if (i > 0 && strcmp(c->v[i], c->v[i - 1]) == 0)
			continue;
		if (max == 0 || n < max)
			fn(ud, c->v[i]);
		n++;
	}
	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	return n;
}

size_t
mib_complete(struct mib *mib, const char *prefix, size_t max,
    mib_complete_fn fn, void *ud)
{
	struct cands c = { 0 };
	const char *sep, *dot;
	size_t lo, hi, i, plen;

	mib_finish_lazy(mib);
	mib_index_ready(mib);
	if ((sep = strstr(prefix, "::")) != NULL) {
		char module[128];
		size_t n = (size_t)(sep - prefix);

		if (n >= sizeof(module) || strchr(sep + 2, '.') != NULL)
			return 0;
		memcpy(module, prefix, n);
		module[n] = '\0';
		mib_name_range(mib, sep + 2, &lo, &hi);
		for (i = lo; i < hi; i++)
			if (strcmp(mib->byname[i]->module, module) == 0)
				cand_add(&c, module, "::",
				    mib->byname[i]->name);
		return emit(&c, max, fn, ud);
	}
	if ((dot = strrchr(prefix, '.')) != NULL && dot != prefix) {
		char *head = strndup(prefix, (size_t)(dot - prefix));
		struct sn_oid oid;
		const struct mnode *e;

		if (head == NULL)
			return 0;
		if (mib_parse_oid(mib, head, &oid, NULL) == 0) {
			plen = strlen(dot + 1);
			/* The children: the OIDs one arc below oid. */
			for (i = 0; i < mib->nnodes; i++) {
				e = &mib->byoid[i];
				if (e->oidlen != oid.len + 1 ||
				    memcmp(e->oid, oid.sub, oid.len *
				    sizeof(uint32_t)) != 0)
					continue;
				if (i > 0 && mib->byoid[i - 1].oidlen ==
				    e->oidlen && memcmp(mib->byoid[i - 1].oid,
				    e->oid, e->oidlen * sizeof(uint32_t)) == 0)
					continue;	/* not preferred */
				if (strncmp(e->name, dot + 1, plen) == 0)
					cand_add(&c, head, ".", e->name);
			}
		}
		free(head);
		return emit(&c, max, fn, ud);
	}
	mib_name_range(mib, prefix, &lo, &hi);
	for (i = lo; i < hi; i++)
		cand_add(&c, "", "", mib->byname[i]->name);
	plen = strlen(prefix);
	for (i = 0; i < mib->nmods; i++)
		if (strncmp(mib->modnames[i], prefix, plen) == 0)
			cand_add(&c, mib->modnames[i], "::", "");
	return emit(&c, max, fn, ud);
}

size_t
mib_complete_enum(struct mib *mib, const struct sn_oid *oid,
    const char *prefix, mib_complete_fn fn, void *ud)
{
	const struct mnode *e;
	struct msyntax s;
	struct cands c = { 0 };
	SmiNamedNumber *nn;
	size_t depth, plen = strlen(prefix);

	e = mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e == NULL)
		return 0;
	mib_syntax(e->smi, &s);
	if (s.enumtype == NULL)
		return 0;
	for (nn = smiGetFirstNamedNumber(s.enumtype); nn != NULL;
	    nn = smiGetNextNamedNumber(nn))
		if (strncmp(nn->name, prefix, plen) == 0)
			cand_add(&c, "", "", nn->name);
	return emit(&c, 0, fn, ud);
}
