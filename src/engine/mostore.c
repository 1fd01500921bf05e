/*
 * sn_mostore: managed-object instances of a command responder kept in one
 * sorted array (binary search, O(log n) lookups), each with a fixed value
 * (read-only or writable) or a value computed at each read, exposed as an
 * sn_mo_ops handler for sn_agent_register.  It answers the per-variable
 * parts of RFC 3416 §4.2.1 (exceptions), §4.2.2 (lexicographic successor)
 * and §4.2.5 (Set test/commit/undo with notWritable, wrongType, noCreation).
 *
 * The object of an instance is the instance minus its last arc (a scalar's
 * x.0, a table column's single-arc index).  An OID that names no instance
 * is reported as noSuchInstance (or, for Set, noCreation) when it lies
 * under the object of some stored instance, i.e. some stored instance
 * minus its last arc is a prefix of it; otherwise as noSuchObject (or
 * notWritable).  Tables whose index spans several arcs are therefore seen
 * as one object per index prefix: a missing row of such a table reads as
 * noSuchObject unless a row shares all but the last index arc.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/agent.h>

/* A stored value: numbers inline, octets (or an OID's arcs) on the heap. */
struct stored {
	enum sn_type type;
	union {
		int32_t i;
		uint32_t u;
		uint64_t u64;
	} n;
	void *p;	/* owned: bytes, or uint32_t arcs for an OID */
	size_t len;	/* bytes, or arcs */
};

struct entry {
	uint32_t *sub;	/* owned */
	size_t len;
	bool writable;
	sn_mostore_fn fn;	/* non-NULL: computed */
	void *fn_ud;
	struct stored val;
	struct stored *undo;	/* value before the last commit (owned) */
};

/* An object: an instance minus its last arc. */
struct object {
	uint32_t *sub;	/* owned */
	size_t len;
};

struct sn_mostore {
	struct entry *e;
	size_t n, cap;
	struct object *obj;
	size_t nobj, capobj;
};

/* Compare arcs a[0..alen) with b[0..blen), RFC 3416 lexicographic order. */
static int
arcs_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
	size_t i, n = alen < blen ? alen : blen;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	}
	if (alen == blen)
		return 0;
	return alen < blen ? -1 : 1;
}

/* First entry index whose OID is >= (or > when strict) oid. */
static size_t
entry_lower(const struct sn_mostore *st, const uint32_t *sub, size_t len,
    bool strict)
{
	size_t lo = 0, hi = st->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = arcs_cmp(st->e[mid].sub, st->e[mid].len, sub, len);

		if (c < 0 || (strict && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct entry *
entry_find(const struct sn_mostore *st, const struct sn_oid *oid)
{
	size_t i = entry_lower(st, oid->sub, oid->len, false);

	if (i < st->n &&
	    arcs_cmp(st->e[i].sub, st->e[i].len, oid->sub, oid->len) == 0)
		return &st->e[i];
	return NULL;
}

static size_t
object_lower(const struct sn_mostore *st, const uint32_t *sub, size_t len)
{
	size_t lo = 0, hi = st->nobj;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (arcs_cmp(st->obj[mid].sub, st->obj[mid].len, sub, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* True when some object (stored instance minus its last arc) prefixes oid. */
static bool
object_covers(const struct sn_mostore *st, const struct sn_oid *oid)
{
	size_t k, i;

	for (k = 1; k <= oid->len; k++) {
		i = object_lower(st, oid->sub, k);
		if (i < st->nobj && st->obj[i].len == k &&
		    arcs_cmp(st->obj[i].sub, k, oid->sub, k) == 0)
			return true;
	}
	return false;
}

static int
object_add(struct sn_mostore *st, const uint32_t *sub, size_t len)
{
	size_t i = object_lower(st, sub, len);
	struct object o;

	if (i < st->nobj && arcs_cmp(st->obj[i].sub, st->obj[i].len, sub,
	    len) == 0)
		return 0;
	if (st->nobj == st->capobj) {
		size_t ncap = st->capobj ? st->capobj * 2 : 16;
		struct object *p = realloc(st->obj, ncap * sizeof(*p));

		if (p == NULL)
			return SN_ENOMEM;
		st->obj = p;
		st->capobj = ncap;
	}
	o.len = len;
	o.sub = malloc((len ? len : 1) * sizeof(uint32_t));
	if (o.sub == NULL)
		return SN_ENOMEM;
	if (len)
		memcpy(o.sub, sub, len * sizeof(uint32_t));
	memmove(&st->obj[i + 1], &st->obj[i],
	    (st->nobj - i) * sizeof(st->obj[0]));
	st->obj[i] = o;
	st->nobj++;
	return 0;
}

static void
stored_clear(struct stored *s)
{
	free(s->p);
	s->p = NULL;
	s->len = 0;
}

/* Copy value v into s (s's old content is not freed). */
static int
stored_set(struct stored *s, const struct sn_value *v)
{
	memset(s, 0, sizeof(*s));
	s->type = v->type;
	switch (v->type) {
	case SN_T_INTEGER:
		s->n.i = v->v.i;
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		s->n.u = v->v.u;
		break;
	case SN_T_COUNTER64:
		s->n.u64 = v->v.u64;
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
	case SN_T_NSAP:
		s->len = v->v.str.len;
		s->p = malloc(s->len ? s->len : 1);
		if (s->p == NULL)
			return SN_ENOMEM;
		if (s->len)
			memcpy(s->p, v->v.str.ptr, s->len);
		break;
	case SN_T_OID:
		if (v->v.oid.len > SN_OID_MAX_LEN)
			return SN_EINVAL;
		s->len = v->v.oid.len;
		s->p = malloc((s->len ? s->len : 1) * sizeof(uint32_t));
		if (s->p == NULL)
			return SN_ENOMEM;
		if (s->len)
			memcpy(s->p, v->v.oid.sub, s->len * sizeof(uint32_t));
		break;
	case SN_T_NULL:
		break;
	default:
		/* Exceptions are not values an instance can hold. */
		return SN_EINVAL;
	}
	return 0;
}

/* Present s as a value; octets are borrowed from s. */
static void
stored_get(const struct stored *s, struct sn_value *out)
{
	out->type = s->type;
	switch (s->type) {
	case SN_T_INTEGER:
		out->v.i = s->n.i;
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		out->v.u = s->n.u;
		break;
	case SN_T_COUNTER64:
		out->v.u64 = s->n.u64;
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
	case SN_T_NSAP:
		out->v.str.ptr = s->p;
		out->v.str.len = s->len;
		break;
	case SN_T_OID:
		out->v.oid.len = s->len;
		if (s->len)
			memcpy(out->v.oid.sub, s->p, s->len * sizeof(uint32_t));
		break;
	default:
		break;
	}
}

int
sn_mostore_new(struct sn_mostore **out)
{
	struct sn_mostore *st;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return SN_ENOMEM;
	*out = st;
	return 0;
}

void
sn_mostore_free(struct sn_mostore *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++) {
		free(st->e[i].sub);
		stored_clear(&st->e[i].val);
		if (st->e[i].undo != NULL) {
			stored_clear(st->e[i].undo);
			free(st->e[i].undo);
		}
	}
	for (i = 0; i < st->nobj; i++)
		free(st->obj[i].sub);
	free(st->e);
	free(st->obj);
	free(st);
}

/* Find or insert the entry of oid; *fresh tells which. */
static int
entry_get_or_add(struct sn_mostore *st, const struct sn_oid *oid,
    struct entry **out, bool *fresh)
{
	size_t i;
	struct entry e;
	int rc;

	if (oid->len == 0 || oid->len > SN_OID_MAX_LEN)
		return SN_EINVAL;
	i = entry_lower(st, oid->sub, oid->len, false);
	if (i < st->n &&
	    arcs_cmp(st->e[i].sub, st->e[i].len, oid->sub, oid->len) == 0) {
		*out = &st->e[i];
		*fresh = false;
		return 0;
	}
	if ((rc = object_add(st, oid->sub, oid->len - 1)) < 0)
		return rc;
	if (st->n == st->cap) {
		size_t ncap = st->cap ? st->cap * 2 : 32;
		struct entry *p = realloc(st->e, ncap * sizeof(*p));

		if (p == NULL)
			return SN_ENOMEM;
		st->e = p;
		st->cap = ncap;
	}
	memset(&e, 0, sizeof(e));
	e.len = oid->len;
	if ((e.sub = malloc(oid->len * sizeof(uint32_t))) == NULL)
		return SN_ENOMEM;
	memcpy(e.sub, oid->sub, oid->len * sizeof(uint32_t));
	memmove(&st->e[i + 1], &st->e[i], (st->n - i) * sizeof(st->e[0]));
	st->e[i] = e;
	st->n++;
	*out = &st->e[i];
	*fresh = true;
	return 0;
}

/* Remove a freshly added entry whose value could not be stored. */
static void
entry_drop(struct sn_mostore *st, struct entry *e)
{
	size_t i = (size_t)(e - st->e);

	free(e->sub);
	memmove(&st->e[i], &st->e[i + 1], (st->n - i - 1) * sizeof(st->e[0]));
	st->n--;
}

static void
entry_forget_undo(struct entry *e)
{
	if (e->undo != NULL) {
		stored_clear(e->undo);
		free(e->undo);
		e->undo = NULL;
	}
}

int
sn_mostore_put(struct sn_mostore *st, const struct sn_oid *oid,
    const struct sn_value *value, bool writable)
{
	struct entry *e;
	struct stored s;
	bool fresh;
	int rc;

	if ((rc = entry_get_or_add(st, oid, &e, &fresh)) < 0)
		return rc;
	if ((rc = stored_set(&s, value)) < 0) {
		stored_clear(&s);
		if (fresh)
			entry_drop(st, e);
		return rc;
	}
	if (!fresh) {
		stored_clear(&e->val);
		entry_forget_undo(e);
	}
	e->val = s;
	e->writable = writable;
	e->fn = NULL;
	e->fn_ud = NULL;
	return 0;
}

int
sn_mostore_put_fn(struct sn_mostore *st, const struct sn_oid *oid,
    enum sn_type type, sn_mostore_fn fn, void *ud)
{
	struct entry *e;
	bool fresh;
	int rc;

	if (fn == NULL || sn_type_is_exception(type))
		return SN_EINVAL;
	if ((rc = entry_get_or_add(st, oid, &e, &fresh)) < 0)
		return rc;
	if (!fresh) {
		stored_clear(&e->val);
		entry_forget_undo(e);
	}
	memset(&e->val, 0, sizeof(e->val));
	e->val.type = type;
	e->writable = false;
	e->fn = fn;
	e->fn_ud = ud;
	return 0;
}

static int
entry_read(struct entry *e, const struct sn_oid *oid, struct sn_value *out)
{
	if (e->fn != NULL)
		return e->fn(e->fn_ud, oid, out);
	stored_get(&e->val, out);
	return 0;
}

int
sn_mostore_get(struct sn_mostore *st, const struct sn_oid *oid,
    struct sn_value *out)
{
	struct entry *e;

	if ((e = entry_find(st, oid)) == NULL)
		return SN_ENOTFOUND;
	return entry_read(e, oid, out);
}

/* RFC 3416 §4.2.1: noSuchObject or noSuchInstance, by the file's rule. */
static int
ops_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct sn_mostore *st = ud;
	struct entry *e;

	if ((e = entry_find(st, oid)) == NULL) {
		*out = sn_value_null(object_covers(st, oid) ?
		    SN_T_NOSUCHINSTANCE : SN_T_NOSUCHOBJECT);
		return SN_ENOTFOUND;
	}
	return entry_read(e, oid, out);
}

/* RFC 3416 §4.2.2: the lexicographic successor; failing computations skip. */
static int
ops_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	struct sn_mostore *st = ud;
	size_t i;

	for (i = entry_lower(st, after->sub, after->len, true); i < st->n;
	    i++) {
		struct entry *e = &st->e[i];

		found->len = e->len;
		memcpy(found->sub, e->sub, e->len * sizeof(uint32_t));
		if (entry_read(e, found, out) == 0)
			return 0;
	}
	return SN_ENOTFOUND;
}

/* RFC 3416 §4.2.5: test, commit and undo of one variable. */
static int
ops_set(void *ud, enum sn_set_phase phase, const struct sn_oid *oid,
    const struct sn_value *value)
{
	struct sn_mostore *st = ud;
	struct entry *e = entry_find(st, oid);
	struct stored s;

	switch (phase) {
	case SN_SET_TEST:
		if (e == NULL) {
			/* §4.2.5 (7) noCreation, else (2) notWritable */
			return object_covers(st, oid) ? SN_ERR_NOCREATION :
			    SN_ERR_NOTWRITABLE;
		}
		if (!e->writable || e->fn != NULL)
			return SN_ERR_NOTWRITABLE;	/* §4.2.5 (9) */
		if (value->type != e->val.type)
			return SN_ERR_WRONGTYPE;	/* §4.2.5 (3) */
		if (value->type == SN_T_IPADDR && value->v.str.len != 4)
			return SN_ERR_WRONGLENGTH;	/* §4.2.5 (4) */
		return 0;
	case SN_SET_COMMIT:
		if (e == NULL || !e->writable || e->fn != NULL)
			return SN_ERR_COMMITFAILED;
		if (stored_set(&s, value) < 0) {
			stored_clear(&s);
			return SN_ERR_RESOURCEUNAVAILABLE;
		}
		entry_forget_undo(e);
		if ((e->undo = malloc(sizeof(*e->undo))) == NULL) {
			stored_clear(&s);
			return SN_ERR_RESOURCEUNAVAILABLE;
		}
		*e->undo = e->val;
		e->val = s;
		return 0;
	case SN_SET_UNDO:
		if (e == NULL || e->undo == NULL)
			return SN_ERR_UNDOFAILED;
		stored_clear(&e->val);
		e->val = *e->undo;
		free(e->undo);
		e->undo = NULL;
		return 0;
	}
	return SN_ERR_GENERR;
}

static const struct sn_mo_ops mostore_ops = {
	ops_get,
	ops_next,
	ops_set
};

const struct sn_mo_ops *
sn_mostore_ops(void)
{
	return &mostore_ops;
}
