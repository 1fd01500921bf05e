/*
 * The View-based Access Control Model (RFC 3415) of the command
 * responder: vacmContextTable, vacmSecurityToGroupTable, vacmAccessTable
 * with the best-match rules of §4, vacmViewTreeFamilyTable with the family
 * rules of §5 (mask wildcards, longest subtree, lexicographic tie-break),
 * and isAccessAllowed (§3.2) with its distinct status values.  Tables are
 * small and set up once, so they are plain arrays searched linearly; the
 * per-variable checks only walk the selected view's families.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "engine/vacm.h"

struct name {
	uint8_t s[SN_VACM_NAME_MAX];
	size_t len;
};

struct group_row {
	int model;
	struct name sec;
	struct name group;
};

struct access_row {
	struct name group;
	struct name prefix;
	int model;
	int level;
	bool prefix_match;
	struct name view[3];	/* by enum sn_vacm_view_type */
};

struct family {
	struct sn_oid subtree;
	uint8_t mask[SN_VACM_MASK_MAX];
	size_t mask_len;
	bool included;
	/* sub-identifiers before the first wildcard (the whole subtree
	 * when there is none): every member starts with them */
	size_t fixed;
};

struct sn_vacm_view {
	struct name name;
	struct family *f;
	size_t n;
};

struct sn_vacm {
	/* SNMP-VIEW-BASED-ACM-MIB snapshot, once registered (vacm_mib) */
	struct sn_mostore *mib;
	bool mib_on;
	struct name *ctx;
	size_t nctx;
	struct group_row *groups;
	size_t ngroups;
	struct access_row *acc;
	size_t nacc;
	struct sn_vacm_view *views;
	size_t nviews;
};

static int
name_set(struct name *n, const uint8_t *s, size_t len)
{
	if (len > SN_VACM_NAME_MAX || (len > 0 && s == NULL))
		return SN_EINVAL;
	if (len > 0)
		memcpy(n->s, s, len);
	n->len = len;
	return 0;
}

static bool
name_eq(const struct name *n, const uint8_t *s, size_t len)
{
	return n->len == len && (len == 0 || memcmp(n->s, s, len) == 0);
}

int
sn_vacm_new(struct sn_vacm **out)
{
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return SN_ENOMEM;
	return 0;
}

void
sn_vacm_free(struct sn_vacm *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nviews; i++)
		free(v->views[i].f);
	sn_mostore_free(v->mib);
	free(v->views);
	free(v->acc);
	free(v->groups);
	free(v->ctx);
	free(v);
}

/* Grow an array by one element; SN_ENOMEM. */
static int
grow(void *pp, size_t n, size_t size)
{
	void **p = pp;
	void *q = realloc(*p, (n + 1) * size);

	if (q == NULL)
		return SN_ENOMEM;
	*p = q;
	return 0;
}

int
sn_vacm_add_context(struct sn_vacm *v, const uint8_t *name, size_t len)
{
	struct name n;
	int rc;

	if ((rc = name_set(&n, name, len)) != 0)
		return rc;
	if (sn_vacm_has_context(v, name, len))
		return 0;	/* "" is always there, others once */
	if ((rc = grow(&v->ctx, v->nctx, sizeof(*v->ctx))) != 0)
		return rc;
	v->ctx[v->nctx++] = n;
	return 0;
}

bool
sn_vacm_has_context(const struct sn_vacm *v, const uint8_t *ctx, size_t len)
{
	size_t i;

	/* the default context is always there (RFC 3411 §3.3.1) */
	if (len == 0)
		return true;
	for (i = 0; i < v->nctx; i++) {
		if (name_eq(&v->ctx[i], ctx, len))
			return true;
	}
	return false;
}

int
sn_vacm_add_group(struct sn_vacm *v, int model, const uint8_t *sec,
    size_t sec_len, const uint8_t *group, size_t group_len)
{
	struct group_row g;
	size_t i;
	int rc;

	/* vacmSecurityModel is 1..2^31-1 here (RFC 3415 §4, no "any") */
	if (model <= 0 || sec_len == 0 || group_len == 0)
		return SN_EINVAL;
	g.model = model;
	if ((rc = name_set(&g.sec, sec, sec_len)) != 0 ||
	    (rc = name_set(&g.group, group, group_len)) != 0)
		return rc;
	for (i = 0; i < v->ngroups; i++) {
		if (v->groups[i].model == model &&
		    name_eq(&v->groups[i].sec, sec, sec_len)) {
			v->groups[i] = g;
			return 0;
		}
	}
	if ((rc = grow(&v->groups, v->ngroups, sizeof(*v->groups))) != 0)
		return rc;
	v->groups[v->ngroups++] = g;
	return 0;
}

static int
cname_set(struct name *n, const char *s)
{
	return name_set(n, (const uint8_t *)s, s != NULL ? strlen(s) : 0);
}

int
sn_vacm_add_access(struct sn_vacm *v, const struct sn_vacm_access *acc)
{
	struct access_row r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	if (acc->group == NULL || acc->group[0] == '\0' ||
	    acc->model < SN_VACM_MODEL_ANY ||
	    acc->level < SN_VACM_NOAUTH || acc->level > SN_VACM_AUTHPRIV)
		return SN_EINVAL;
	if ((rc = cname_set(&r.group, acc->group)) != 0 ||
	    (rc = cname_set(&r.prefix, acc->context_prefix)) != 0 ||
	    (rc = cname_set(&r.view[SN_VACM_READ], acc->read_view)) != 0 ||
	    (rc = cname_set(&r.view[SN_VACM_WRITE], acc->write_view)) != 0 ||
	    (rc = cname_set(&r.view[SN_VACM_NOTIFY], acc->notify_view)) != 0)
		return rc;
	r.model = (int)acc->model;
	r.level = (int)acc->level;
	r.prefix_match = acc->prefix_match;
	/* INDEX { vacmGroupName, vacmAccessContextPrefix,
	 * vacmAccessSecurityModel, vacmAccessSecurityLevel } */
	for (i = 0; i < v->nacc; i++) {
		struct access_row *o = &v->acc[i];

		if (name_eq(&o->group, r.group.s, r.group.len) &&
		    name_eq(&o->prefix, r.prefix.s, r.prefix.len) &&
		    o->model == r.model && o->level == r.level) {
			*o = r;
			return 0;
		}
	}
	if ((rc = grow(&v->acc, v->nacc, sizeof(*v->acc))) != 0)
		return rc;
	v->acc[v->nacc++] = r;
	return 0;
}

/* Mask bit of sub-identifier i (RFC 3415 vacmViewTreeFamilyMask). */
static bool
mask_bit(const struct family *f, size_t i)
{
	/* a short mask is extended with 1s */
	if (i / 8 >= f->mask_len)
		return true;
	return (f->mask[i / 8] & (0x80u >> (i % 8))) != 0;
}

static struct sn_vacm_view *
view_find(const struct sn_vacm *v, const uint8_t *name, size_t len)
{
	size_t i;

	for (i = 0; i < v->nviews; i++) {
		if (name_eq(&v->views[i].name, name, len))
			return &v->views[i];
	}
	return NULL;
}

int
sn_vacm_add_view(struct sn_vacm *v, const uint8_t *name, size_t len,
    const struct sn_oid *subtree, const uint8_t *mask, size_t mask_len,
    bool included)
{
	struct sn_vacm_view *vw;
	struct family f;
	size_t i;
	int rc;

	if (len == 0 || mask_len > SN_VACM_MASK_MAX ||
	    (mask_len > 0 && mask == NULL) || subtree->len > SN_OID_MAX_LEN)
		return SN_EINVAL;
	memset(&f, 0, sizeof(f));
	f.subtree = *subtree;
	if (mask_len > 0)
		memcpy(f.mask, mask, mask_len);
	f.mask_len = mask_len;
	f.included = included;
	for (f.fixed = 0; f.fixed < f.subtree.len && mask_bit(&f, f.fixed);
	    f.fixed++)
		;
	if ((vw = view_find(v, name, len)) == NULL) {
		if ((rc = grow(&v->views, v->nviews, sizeof(*v->views))) != 0)
			return rc;
		vw = &v->views[v->nviews];
		memset(vw, 0, sizeof(*vw));
		if ((rc = name_set(&vw->name, name, len)) != 0)
			return rc;
		v->nviews++;
	}
	/* INDEX { vacmViewTreeFamilyViewName, vacmViewTreeFamilySubtree } */
	for (i = 0; i < vw->n; i++) {
		if (sn_oid_cmp(&vw->f[i].subtree, subtree) == 0) {
			vw->f[i] = f;
			return 0;
		}
	}
	if ((rc = grow(&vw->f, vw->n, sizeof(*vw->f))) != 0)
		return rc;
	vw->f[vw->n++] = f;
	return 0;
}

/* RFC 3415 §5 (vacmViewTreeFamilyMask): whether oid is in the family. */
static bool
family_has(const struct family *f, const struct sn_oid *oid)
{
	size_t i;

	if (oid->len < f->subtree.len)
		return false;
	for (i = 0; i < f->subtree.len; i++) {
		if (mask_bit(f, i) && oid->sub[i] != f->subtree.sub[i])
			return false;
	}
	return true;
}

bool
sn_vacm_in_view(const struct sn_vacm_view *view, const struct sn_oid *oid)
{
	const struct family *best = NULL;
	size_t i;

	for (i = 0; i < view->n; i++) {
		const struct family *f = &view->f[i];

		if (!family_has(f, oid))
			continue;
		/*
		 * RFC 3415 §5: the family with the most sub-identifiers in
		 * its subtree decides; among equally long ones, the
		 * lexicographically greatest subtree.
		 */
		if (best == NULL || f->subtree.len > best->subtree.len ||
		    (f->subtree.len == best->subtree.len &&
		    sn_oid_cmp(&f->subtree, &best->subtree) > 0))
			best = f;
	}
	return best != NULL && best->included;
}

/* The first `len` arcs of oid. */
static struct sn_oid
oid_head(const struct sn_oid *oid, size_t len)
{
	struct sn_oid o;

	o.len = len;
	memcpy(o.sub, oid->sub, len * sizeof(o.sub[0]));
	return o;
}

/*
 * The smallest OID after every OID that has prefix p (p's last arc plus
 * one, carrying into shorter prefixes); false when there is none.
 */
static bool
oid_after_subtree(const struct sn_oid *p, struct sn_oid *out)
{
	*out = *p;
	while (out->len > 0) {
		if (out->sub[out->len - 1] != UINT32_MAX) {
			out->sub[out->len - 1]++;
			return true;
		}
		out->len--;
	}
	return false;
}

int
sn_vacm_view_skip(const struct sn_vacm_view *view, const struct sn_oid *oid,
    struct sn_oid *next)
{
	struct sn_oid b[2];
	bool have = false;
	size_t i, k, nb;

	/*
	 * Membership can only change where an OID enters or leaves the
	 * region [P, after(P)) of some family, P being the arcs before its
	 * first wildcard; between two such boundaries it is constant,
	 * except inside the region of a family with wildcards.
	 */
	for (i = 0; i < view->n; i++) {
		const struct family *f = &view->f[i];

		b[0] = oid_head(&f->subtree, f->fixed);
		nb = oid_after_subtree(&b[0], &b[1]) ? 2 : 1;
		if (f->fixed < f->subtree.len && sn_oid_has_prefix(oid, &b[0]))
			return 2;
		for (k = 0; k < nb; k++) {
			if (sn_oid_cmp(&b[k], oid) <= 0)
				continue;
			if (!have || sn_oid_cmp(&b[k], next) < 0) {
				*next = b[k];
				have = true;
			}
		}
	}
	return have ? 0 : 1;
}

int
sn_vacm_select(const struct sn_vacm *v, int model, const uint8_t *sec,
    size_t sec_len, int level, const uint8_t *ctx, size_t ctx_len,
    enum sn_vacm_view_type type, const struct sn_vacm_view **view)
{
	const struct group_row *g = NULL;
	const struct access_row *best = NULL;
	const struct name *vn;
	bool any_row = false;
	size_t i;

	*view = NULL;
	/* §3.2 step 1: the context */
	if (!sn_vacm_has_context(v, ctx, ctx_len))
		return SN_ENOSUCHCONTEXT;
	/* step 2: the group of (securityModel, securityName) */
	for (i = 0; i < v->ngroups; i++) {
		if (v->groups[i].model == model &&
		    name_eq(&v->groups[i].sec, sec, sec_len)) {
			g = &v->groups[i];
			break;
		}
	}
	if (g == NULL)
		return SN_ENOGROUPNAME;
	/* step 3: the access entry, best match of §4 */
	for (i = 0; i < v->nacc; i++) {
		const struct access_row *r = &v->acc[i];
		bool ctx_ok;

		if (!name_eq(&r->group, g->group.s, g->group.len))
			continue;
		any_row = true;
		if (r->prefix_match)
			ctx_ok = r->prefix.len <= ctx_len &&
			    (r->prefix.len == 0 ||
			    memcmp(r->prefix.s, ctx, r->prefix.len) == 0);
		else
			ctx_ok = name_eq(&r->prefix, ctx, ctx_len);
		if (!ctx_ok ||
		    (r->model != SN_VACM_MODEL_ANY && r->model != model) ||
		    r->level > level)
			continue;
		if (best == NULL) {
			best = r;
			continue;
		}
		/* §4: (1) a matching securityModel over "any" */
		if ((r->model == model) != (best->model == model)) {
			if (r->model == model)
				best = r;
			continue;
		}
		/* (2) an exact contextName match over a prefix match */
		if (r->prefix_match != best->prefix_match) {
			if (!r->prefix_match)
				best = r;
			continue;
		}
		/* (3) the longest contextPrefix */
		if (r->prefix.len != best->prefix.len) {
			if (r->prefix.len > best->prefix.len)
				best = r;
			continue;
		}
		/* (4) the highest securityLevel */
		if (r->level > best->level)
			best = r;
	}
	if (!any_row)
		return SN_ENOSUCHGROUP;
	if (best == NULL)
		return SN_ENOACCESSENTRY;
	/* step 4: the view of that type, which must exist */
	vn = &best->view[type];
	if (vn->len == 0 || (*view = view_find(v, vn->s, vn->len)) == NULL)
		return SN_ENOSUCHVIEW;
	return 0;
}

/* ---- SNMP-VIEW-BASED-ACM-MIB (RFC 3415 §4), read-only ---- */

/* vacmMIBObjects */
static const uint32_t mib_arc[] = { 1, 3, 6, 1, 6, 3, 16, 1 };
#define MIB_ARC_LEN (sizeof(mib_arc) / sizeof(mib_arc[0]))
/* StorageType readOnly(5) (SNMPv2-TC): configured, not writable here */
#define ST_READONLY 5
#define ROW_ACTIVE 1

/* table.1.column then the index parts appended by the caller */
static struct sn_oid
mib_col(uint32_t table, uint32_t column)
{
	struct sn_oid o;

	o.len = MIB_ARC_LEN;
	memcpy(o.sub, mib_arc, sizeof(mib_arc));
	o.sub[o.len++] = table;
	o.sub[o.len++] = 1;
	o.sub[o.len++] = column;
	return o;
}

/* An SnmpAdminString index (not IMPLIED): its length, then its octets. */
static int
idx_name(struct sn_oid *o, const struct name *n)
{
	size_t i;
	int rc = sn_oid_append(o, (uint32_t)n->len);

	for (i = 0; rc == 0 && i < n->len; i++)
		rc = sn_oid_append(o, n->s[i]);
	return rc;
}

/* Put a value at base.index; an index too long for an OID is skipped. */
static int
mib_put(struct sn_mostore *st, const struct sn_oid *o, int idx_rc,
    struct sn_value v)
{
	if (idx_rc == SN_ETOOLONG)
		return 0;
	if (idx_rc != 0)
		return idx_rc;
	return sn_mostore_put(st, o, &v, false);
}

static struct sn_value
str_val(const struct name *n)
{
	return sn_value_str(SN_T_OCTETS, n->s, n->len);
}

/* The tables as instances of SNMP-VIEW-BASED-ACM-MIB, in a new store. */
static int
mib_build(const struct sn_vacm *v, struct sn_mostore **out)
{
	struct sn_mostore *st;
	struct name empty;
	struct sn_oid o, base;
	size_t i, k;
	int rc, ic;

	if ((rc = sn_mostore_new(&st)) != 0)
		return rc;
	memset(&empty, 0, sizeof(empty));
	/* vacmContextTable (1): vacmContextName, "" included */
	for (i = 0; rc == 0 && i <= v->nctx; i++) {
		const struct name *n = i == 0 ? &empty : &v->ctx[i - 1];

		o = mib_col(1, 1);
		ic = idx_name(&o, n);
		rc = mib_put(st, &o, ic, str_val(n));
	}
	/* vacmSecurityToGroupTable (2): GroupName, StorageType, Status */
	for (i = 0; rc == 0 && i < v->ngroups; i++) {
		const struct group_row *g = &v->groups[i];

		for (k = 3; rc == 0 && k <= 5; k++) {
			o = mib_col(2, (uint32_t)k);
			ic = sn_oid_append(&o, (uint32_t)g->model);
			if (ic == 0)
				ic = idx_name(&o, &g->sec);
			rc = mib_put(st, &o, ic, k == 3 ? str_val(&g->group) :
			    sn_value_int(k == 4 ? ST_READONLY : ROW_ACTIVE));
		}
	}
	/* vacmAccessTable (4): ContextMatch, Read/Write/NotifyViewName,
	 * StorageType, Status */
	for (i = 0; rc == 0 && i < v->nacc; i++) {
		const struct access_row *r = &v->acc[i];

		for (k = 4; rc == 0 && k <= 9; k++) {
			struct sn_value val;

			o = mib_col(4, (uint32_t)k);
			ic = idx_name(&o, &r->group);
			if (ic == 0)
				ic = idx_name(&o, &r->prefix);
			if (ic == 0)
				ic = sn_oid_append(&o, (uint32_t)r->model);
			if (ic == 0)
				ic = sn_oid_append(&o, (uint32_t)r->level);
			if (k == 4)
				val = sn_value_int(r->prefix_match ? 2 : 1);
			else if (k <= 7)
				val = str_val(&r->view[k - 5]);
			else
				val = sn_value_int(k == 8 ? ST_READONLY :
				    ROW_ACTIVE);
			rc = mib_put(st, &o, ic, val);
		}
	}
	/* vacmMIBViews (5): vacmViewSpinLock.0, vacmViewTreeFamilyTable */
	if (rc == 0) {
		o.len = MIB_ARC_LEN;
		memcpy(o.sub, mib_arc, sizeof(mib_arc));
		o.sub[o.len++] = 5;
		o.sub[o.len++] = 1;
		o.sub[o.len++] = 0;
		rc = mib_put(st, &o, 0, sn_value_int(0));
	}
	for (i = 0; rc == 0 && i < v->nviews; i++) {
		const struct sn_vacm_view *vw = &v->views[i];

		for (k = 0; rc == 0 && k < vw->n; k++) {
			const struct family *f = &vw->f[k];
			uint32_t col;

			/* vacmViewTreeFamilyEntry: vacmMIBViews.2.1 */
			base.len = MIB_ARC_LEN;
			memcpy(base.sub, mib_arc, sizeof(mib_arc));
			base.sub[base.len++] = 5;
			base.sub[base.len++] = 2;
			base.sub[base.len++] = 1;
			for (col = 3; rc == 0 && col <= 6; col++) {
				struct sn_value val;
				size_t a;

				o = base;
				ic = sn_oid_append(&o, col);
				if (ic == 0)
					ic = idx_name(&o, &vw->name);
				if (ic == 0)
					ic = sn_oid_append(&o,
					    (uint32_t)f->subtree.len);
				for (a = 0; ic == 0 && a < f->subtree.len; a++)
					ic = sn_oid_append(&o,
					    f->subtree.sub[a]);
				if (col == 3)
					val = sn_value_str(SN_T_OCTETS, f->mask,
					    f->mask_len);
				else if (col == 4)
					val = sn_value_int(f->included ? 1 : 2);
				else
					val = sn_value_int(col == 5 ?
					    ST_READONLY : ROW_ACTIVE);
				rc = mib_put(st, &o, ic, val);
			}
		}
	}
	if (rc != 0) {
		sn_mostore_free(st);
		return rc;
	}
	*out = st;
	return 0;
}

/* After a change of the tables: a new snapshot when the MIB is served. */
static int
mib_update(struct sn_vacm *v, struct sn_error *err)
{
	struct sn_mostore *st;
	int rc;

	if (!v->mib_on)
		return 0;
	if ((rc = mib_build(v, &st)) != 0)
		return sn_error_set(err, rc, "agent: VACM MIB not updated");
	sn_mostore_free(v->mib);
	v->mib = st;
	return 0;
}

static int
mib_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	const struct sn_vacm *v = ud;

	return sn_mostore_ops()->get(v->mib, oid, out);
}

static int
mib_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	const struct sn_vacm *v = ud;

	return sn_mostore_ops()->next(v->mib, after, found, out);
}

static const struct sn_mo_ops mib_ops = { mib_get, mib_next, NULL };

int
sn_agent_register_vacm_mib(struct sn_agent *a, struct sn_error *err)
{
	struct sn_vacm *v = sn_agent_vacm_make(a);
	struct sn_oid sub;
	int rc;

	if (v == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	if (v->mib_on)
		return 0;
	if ((rc = mib_build(v, &v->mib)) != 0)
		return sn_error_set(err, rc, "agent: VACM MIB");
	sub.len = MIB_ARC_LEN;
	memcpy(sub.sub, mib_arc, sizeof(mib_arc));
	if ((rc = sn_agent_register(a, &sub, &mib_ops, v, err)) != 0) {
		sn_mostore_free(v->mib);
		v->mib = NULL;
		return rc;
	}
	v->mib_on = true;
	return 0;
}

/* ---- the public API of sn/agent.h ---- */

static int
vacm_err(struct sn_error *err, int rc, const char *what)
{
	if (rc == SN_ENOMEM)
		return sn_error_set(err, rc, NULL);
	return sn_error_set(err, rc, "agent: VACM %s: bad argument (names "
	    "of at most 32 octets, masks of at most 16)", what);
}

int
sn_agent_vacm_add_context(struct sn_agent *a, const char *context,
    struct sn_error *err)
{
	struct sn_vacm *v = sn_agent_vacm_make(a);
	int rc;

	if (v == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	rc = sn_vacm_add_context(v, (const uint8_t *)context,
	    context != NULL ? strlen(context) : 0);
	return rc != 0 ? vacm_err(err, rc, "context") : mib_update(v, err);
}

int
sn_agent_vacm_add_group(struct sn_agent *a, enum sn_vacm_model model,
    const char *security_name, const char *group, struct sn_error *err)
{
	struct sn_vacm *v = sn_agent_vacm_make(a);
	int rc;

	if (v == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	if (security_name == NULL || group == NULL)
		return vacm_err(err, SN_EINVAL, "group");
	rc = sn_vacm_add_group(v, (int)model, (const uint8_t *)security_name,
	    strlen(security_name), (const uint8_t *)group, strlen(group));
	return rc != 0 ? vacm_err(err, rc, "group") : mib_update(v, err);
}

int
sn_agent_vacm_add_access(struct sn_agent *a,
    const struct sn_vacm_access *access, struct sn_error *err)
{
	struct sn_vacm *v = sn_agent_vacm_make(a);
	int rc;

	if (v == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	rc = sn_vacm_add_access(v, access);
	return rc != 0 ? vacm_err(err, rc, "access") : mib_update(v, err);
}

int
sn_agent_vacm_add_view(struct sn_agent *a, const char *view,
    const struct sn_oid *subtree, const uint8_t *mask, size_t mask_len,
    bool included, struct sn_error *err)
{
	struct sn_vacm *v = sn_agent_vacm_make(a);
	int rc;

	if (v == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	if (view == NULL)
		return vacm_err(err, SN_EINVAL, "view");
	rc = sn_vacm_add_view(v, (const uint8_t *)view, strlen(view),
	    subtree, mask, mask_len, included);
	return rc != 0 ? vacm_err(err, rc, "view") : mib_update(v, err);
}

int
sn_agent_vacm_check(const struct sn_agent *a, enum sn_vacm_model model,
    const char *security_name, enum sn_vacm_level level,
    const char *context, enum sn_vacm_view_type type,
    const struct sn_oid *var)
{
	const struct sn_vacm *v = sn_agent_vacm_tables(a);
	const struct sn_vacm_view *view;
	int rc;

	if (v == NULL || security_name == NULL ||
	    (unsigned)type > SN_VACM_NOTIFY)
		return SN_EINVAL;
	rc = sn_vacm_select(v, (int)model, (const uint8_t *)security_name,
	    strlen(security_name), (int)level, (const uint8_t *)context,
	    context != NULL ? strlen(context) : 0, type, &view);
	if (rc != 0)
		return rc;
	/* §3.2 step 5: no variable, the view is enough */
	if (var != NULL && !sn_vacm_in_view(view, var))
		return SN_ENOTINVIEW;
	return 0;
}
