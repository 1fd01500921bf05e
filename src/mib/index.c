/*
 * The node index of the mib service: every node of every loaded module
 * (libsmi keeps one per module and OID), sorted by OID (RFC 2578 §3.5
 * order) and by descriptor, built once after each load.  When several
 * modules define the same OID or descriptor the preferred one comes first:
 * a module Net-SNMP loads by default, then an SMIv2 module, then an
 * OBJECT-TYPE (or other macro) over a plain OBJECT IDENTIFIER value, then
 * load order; so `IP-MIB::ipForwarding`, not `RFC1213-MIB::ipForwarding`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

void
mib_index_free(struct mib *mib)
{
	free(mib->byoid);
	free(mib->byname);
	free(mib->modnames);
	mib->byoid = NULL;
	mib->byname = NULL;
	mib->modnames = NULL;
	mib->nnodes = 0;
	mib->nmods = 0;
}

static int
oidcmp(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
	size_t i, n = an < bn ? an : bn;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return an < bn ? -1 : an > bn;
}

static int
cmp_byoid(const void *pa, const void *pb)
{
	const struct mnode *a = pa, *b = pb;
	int c = oidcmp(a->oid, a->oidlen, b->oid, b->oidlen);

	if (c != 0)
		return c;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
cmp_byname(const void *pa, const void *pb)
{
	const struct mnode *a = *(struct mnode *const *)pa;
	const struct mnode *b = *(struct mnode *const *)pb;
	int c = strcmp(a->name, b->name);

	if (c != 0)
		return c;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
cmp_modname(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum mib_kind
mib_kind_of(const SmiNode *smi)
{
	switch (smi->nodekind) {
	case SMI_NODEKIND_SCALAR: return MIB_K_SCALAR;
	case SMI_NODEKIND_TABLE: return MIB_K_TABLE;
	case SMI_NODEKIND_ROW: return MIB_K_ROW;
	case SMI_NODEKIND_COLUMN: return MIB_K_COLUMN;
	case SMI_NODEKIND_NOTIFICATION: return MIB_K_NOTIFICATION;
	default: return MIB_K_OTHER;
	}
}

static int
grow(struct mnode **v, size_t *cap, size_t n)
{
	struct mnode *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 4096;
	if ((p = realloc(*v, c * sizeof(*p))) == NULL)
		return SN_ENOMEM;
	*v = p;
	*cap = c;
	return 0;
}

static int
add_node(struct mib *mib, struct mnode **v, size_t *cap, SmiNode *n)
{
	SmiModule *m;
	struct mnode *e;

	if (n->name == NULL || n->oidlen == 0 || n->oid == NULL)
		return 0;
	if (grow(v, cap, mib->nnodes) != 0)
		return SN_ENOMEM;
	m = smiGetNodeModule(n);
	e = &(*v)[mib->nnodes++];
	e->smi = n;
	e->name = n->name;
	/* The roots belong to no module: Net-SNMP prints them bare. */
	e->module = m != NULL && m->name != NULL ? m->name : "";
	e->oid = (const uint32_t *)n->oid;
	e->oidlen = n->oidlen;
	e->rank = 0;
	e->seq = mib->seq++;
	return 0;
}

/*
 * A named definition of the OID of n, whose first definition has no name
 * (a module that only hangs a child below it): ask each module.
 */
static SmiNode *
named(SmiNode *n)
{
	char text[SN_OID_STR_MAX];
	SmiModule *m;
	SmiNode *x;
	size_t len = 0;
	unsigned i;

	for (i = 0; i < n->oidlen && len + 12 < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    i ? ".%u" : "%u", n->oid[i]);
	for (m = smiGetFirstModule(); m != NULL; m = smiGetNextModule(m)) {
		x = smiGetNode(m, text);
		if (x != NULL && x->name != NULL && x->oidlen == n->oidlen)
			return x;
	}
	return n;
}

/*
 * Walk the OID tree below n.  libsmi's child walk is cheap (its per-module
 * node iteration costs a second for the bundled set), and for each OID
 * smiGetNodeByOID() answers the definition of the module loaded first:
 * the core modules are loaded first, so they are the preferred ones.
 */
static int
walk(struct mib *mib, struct mnode **v, size_t *cap, SmiNode *n, int depth)
{
	SmiNode *c, *p;

	if (depth > SN_OID_MAX_LEN)
		return 0;
	for (c = smiGetFirstChildNode(n); c != NULL;
	    c = smiGetNextChildNode(c)) {
		p = smiGetNodeByOID(c->oidlen, c->oid);
		if (p == NULL || p->name == NULL || p->oidlen != c->oidlen)
			p = c;
		if (p->name == NULL)
			p = named(c);
		if (add_node(mib, v, cap, p) != 0)
			return SN_ENOMEM;
		if (walk(mib, v, cap, c, depth + 1) != 0)
			return SN_ENOMEM;
	}
	return 0;
}

int
mib_index_build(struct mib *mib)
{
	static const char *const roots[] = { "ccitt", "iso",
	    "joint-iso-ccitt" };
	struct mnode *v = NULL;
	size_t cap = 0, i, nm = 0;
	SmiModule *m;
	SmiNode *n;

	mib_index_free(mib);
	mib->seq = 0;
	for (m = smiGetFirstModule(); m != NULL; m = smiGetNextModule(m))
		nm++;
	if ((mib->modnames = calloc(nm + 1, sizeof(char *))) == NULL)
		return SN_ENOMEM;
	for (m = smiGetFirstModule(); m != NULL; m = smiGetNextModule(m))
		mib->modnames[mib->nmods++] = m->name;
	qsort(mib->modnames, mib->nmods, sizeof(char *), cmp_modname);
	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		if ((n = smiGetNode(NULL, roots[i])) == NULL ||
		    n->oidlen != 1)
			continue;
		if (add_node(mib, &v, &cap, n) != 0 ||
		    walk(mib, &v, &cap, n, 1) != 0)
			goto nomem;
	}
	if (mib->nnodes > 0)
		qsort(v, mib->nnodes, sizeof(*v), cmp_byoid);
	mib->byoid = v;
	if ((mib->byname = calloc(mib->nnodes + 1, sizeof(*mib->byname)))
	    == NULL)
		goto nomem2;
	for (i = 0; i < mib->nnodes; i++)
		mib->byname[i] = &v[i];
	qsort(mib->byname, mib->nnodes, sizeof(*mib->byname), cmp_byname);
	return 0;
nomem:
	free(v);
nomem2:
	mib_index_free(mib);
	return SN_ENOMEM;
}

/* First index in byoid whose OID is >= key. */
static size_t
lower_bound(struct mib *mib, const uint32_t *key, size_t len)
{
	size_t lo = 0, hi = mib->nnodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct mnode *e = &mib->byoid[mid];

		if (oidcmp(e->oid, e->oidlen, key, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct mnode *
mib_node_exact(struct mib *mib, const uint32_t *oid, size_t len)
{
	size_t i;

	mib_index_ready(mib);
	i = lower_bound(mib, oid, len);
	if (i < mib->nnodes && mib->byoid[i].oidlen == len &&
	    oidcmp(mib->byoid[i].oid, len, oid, len) == 0)
		return &mib->byoid[i];
	return NULL;
}

static const struct mnode *
longest(struct mib *mib, const uint32_t *oid, size_t len, size_t *depth)
{
	const struct mnode *e;
	size_t l;

	for (l = len; l > 0; l--) {
		if ((e = mib_node_exact(mib, oid, l)) != NULL) {
			*depth = l;
			return e;
		}
	}
	*depth = 0;
	return NULL;
}

const struct mnode *
mib_node_lookup(struct mib *mib, const uint32_t *oid, size_t len,
    size_t *depth)
{
	const struct mnode *e;

	mib_index_ready(mib);
	e = longest(mib, oid, len, depth);
	if (!mib->lazy)
		return e;
	/*
	 * Named down to the end, or an instance of an object: the rest of
	 * the modules cannot name it better (they would be preferred less).
	 */
	if (e != NULL && (*depth == len ||
	    e->smi->nodekind == SMI_NODEKIND_SCALAR ||
	    e->smi->nodekind == SMI_NODEKIND_COLUMN))
		return e;
	if (mib_finish_lazy(mib))
		mib_index_ready(mib);
	return longest(mib, oid, len, depth);
}

/* First index in byname whose name is >= key. */
static size_t
name_lower(struct mib *mib, const char *key)
{
	size_t lo = 0, hi = mib->nnodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(mib->byname[mid]->name, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct mnode *
byname(struct mib *mib, const char *module, const char *name)
{
	SmiModule *m = NULL;
	SmiNode *n;
	size_t i;

	for (i = name_lower(mib, name); i < mib->nnodes &&
	    strcmp(mib->byname[i]->name, name) == 0; i++) {
		if (module == NULL || strcmp(mib->byname[i]->module,
		    module) == 0)
			return mib->byname[i];
	}
	/*
	 * A definition that is not the preferred one for its OID (say
	 * RFC1213-MIB::ipForwarding): libsmi knows it; the index has its
	 * OID under the preferred name.
	 */
	if (module != NULL && (m = smiGetModule(module)) == NULL)
		return NULL;
	n = smiGetNode(m, name);
	if (n == NULL || n->name == NULL || strcmp(n->name, name) != 0)
		return NULL;
	return mib_node_exact(mib, (const uint32_t *)n->oid, n->oidlen);
}

const struct mnode *
mib_node_byname(struct mib *mib, const char *module, const char *name)
{
	const struct mnode *e;

	mib_index_ready(mib);
	if ((e = byname(mib, module, name)) != NULL || !mib->lazy)
		return e;
	if (module != NULL && smiIsLoaded(module))
		return NULL;
	if (mib_finish_lazy(mib))
		mib_index_ready(mib);
	return byname(mib, module, name);
}

void
mib_name_range(struct mib *mib, const char *prefix, size_t *lo, size_t *hi)
{
	size_t n = strlen(prefix), i;

	mib_index_ready(mib);
	i = name_lower(mib, prefix);
	*lo = i;
	while (i < mib->nnodes && strncmp(mib->byname[i]->name, prefix, n)
	    == 0)
		i++;
	*hi = i;
}

const struct mnode *
mib_node_of(struct mib *mib, SmiNode *smi)
{
	if (smi == NULL)
		return NULL;
	return mib_node_exact(mib, (const uint32_t *)smi->oid, smi->oidlen);
}
