/*
 * Typed values of RFC 2578 §7.1 (plus the RFC 3416 §3 exceptions
 * noSuchObject, noSuchInstance, endOfMibView) and varbind lists.  A list
 * keeps its varbinds in one growing array and the bytes of its octet
 * strings in chunks; sn_vbl_reset() keeps both for reuse, so that decoding
 * into a reused list does not allocate once it has grown to size.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/value.h>

/* Octet-string storage: a chunk holds many strings, freed together. */
struct sn_vbl_chunk {
	struct sn_vbl_chunk *next;
	size_t cap;
	size_t used;
	uint8_t data[];
};

#define CHUNK_MIN 4000
#define VB_MIN 16

struct sn_value
sn_value_int(int32_t i)
{
	struct sn_value v;

	v.type = SN_T_INTEGER;
	v.v.i = i;
	return v;
}

struct sn_value
sn_value_uint(enum sn_type type, uint32_t u)
{
	struct sn_value v;

	v.type = type;
	v.v.u = u;
	return v;
}

struct sn_value
sn_value_u64(uint64_t u)
{
	struct sn_value v;

	v.type = SN_T_COUNTER64;
	v.v.u64 = u;
	return v;
}

struct sn_value
sn_value_str(enum sn_type type, const void *p, size_t len)
{
	struct sn_value v;

	v.type = type;
	v.v.str.ptr = p;
	v.v.str.len = len;
	return v;
}

struct sn_value
sn_value_oid(const struct sn_oid *oid)
{
	struct sn_value v;

	v.type = SN_T_OID;
	v.v.oid.len = oid->len;
	memcpy(v.v.oid.sub, oid->sub, oid->len * sizeof(oid->sub[0]));
	return v;
}

struct sn_value
sn_value_null(enum sn_type type)
{
	struct sn_value v;

	v.type = type;
	v.v.u64 = 0;
	return v;
}

const char *
sn_type_name(enum sn_type type)
{
	/* SMI names (RFC 2578 §7.1), as SPEC §3 lists them */
	switch (type) {
	case SN_T_INTEGER:
		return "Integer32";
	case SN_T_OCTETS:
		return "OctetString";
	case SN_T_NULL:
		return "Null";
	case SN_T_OID:
		return "ObjectIdentifier";
	case SN_T_IPADDR:
		return "IpAddress";
	case SN_T_COUNTER32:
		return "Counter32";
	case SN_T_GAUGE32:
		return "Gauge32";
	case SN_T_TIMETICKS:
		return "TimeTicks";
	case SN_T_OPAQUE:
		return "Opaque";
	case SN_T_NSAP:
		return "NsapAddress";
	case SN_T_COUNTER64:
		return "Counter64";
	case SN_T_UINTEGER32:
		return "UInteger32";
	case SN_T_NOSUCHOBJECT:
		return "noSuchObject";
	case SN_T_NOSUCHINSTANCE:
		return "noSuchInstance";
	case SN_T_ENDOFMIBVIEW:
		return "endOfMibView";
	}
	return "unknown";
}

int
sn_type_is_exception(enum sn_type type)
{
	return type == SN_T_NOSUCHOBJECT || type == SN_T_NOSUCHINSTANCE ||
	    type == SN_T_ENDOFMIBVIEW;
}

void
sn_vbl_init(struct sn_vbl *vbl)
{
	vbl->vb = NULL;
	vbl->len = 0;
	vbl->cap = 0;
	vbl->chunks = NULL;
}

static void
free_chunks(struct sn_vbl_chunk *c)
{
	struct sn_vbl_chunk *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

void
sn_vbl_clear(struct sn_vbl *vbl)
{
	if (vbl == NULL)
		return;
	free(vbl->vb);
	free_chunks(vbl->chunks);
	sn_vbl_init(vbl);
}

static struct sn_vbl_chunk *
chunk_new(size_t cap)
{
	struct sn_vbl_chunk *c;

	if (cap < CHUNK_MIN)
		cap = CHUNK_MIN;
	if ((c = malloc(sizeof(*c) + cap)) == NULL)
		return NULL;
	c->next = NULL;
	c->cap = cap;
	c->used = 0;
	return c;
}

void
sn_vbl_reset(struct sn_vbl *vbl)
{
	struct sn_vbl_chunk *c, *merged;
	size_t total = 0;

	vbl->len = 0;
	if (vbl->chunks == NULL)
		return;
	if (vbl->chunks->next == NULL) {
		vbl->chunks->used = 0;
		return;
	}
	/* Several chunks: replace them by one as large, so that the next
	 * fill of the same size finds all its room in a single chunk. */
	for (c = vbl->chunks; c != NULL; c = c->next)
		total += c->cap;
	if ((merged = chunk_new(total)) == NULL) {
		for (c = vbl->chunks; c != NULL; c = c->next)
			c->used = 0;
		return;
	}
	free_chunks(vbl->chunks);
	vbl->chunks = merged;
}

uint8_t *
sn_vbl_store(struct sn_vbl *vbl, const void *p, size_t len)
{
	struct sn_vbl_chunk *c;
	uint8_t *d;

	for (c = vbl->chunks; c != NULL; c = c->next) {
		if (c->cap - c->used >= len)
			break;
	}
	if (c == NULL) {
		if (len > SIZE_MAX / 2)
			return NULL;
		/* grow geometrically so that many strings cost few chunks */
		if ((c = chunk_new(len > CHUNK_MIN ? len :
		    (vbl->chunks != NULL ? vbl->chunks->cap * 2 : 0))) == NULL)
			return NULL;
		c->next = vbl->chunks;
		vbl->chunks = c;
	}
	d = c->data + c->used;
	if (len > 0)
		memcpy(d, p, len);
	c->used += len;
	return d;
}

struct sn_varbind *
sn_vbl_push(struct sn_vbl *vbl)
{
	struct sn_varbind *vb;
	size_t ncap;

	if (vbl->len >= SN_VBL_MAX)
		return NULL;
	if (vbl->len == vbl->cap) {
		ncap = vbl->cap == 0 ? VB_MIN : vbl->cap * 2;
		if (ncap > SN_VBL_MAX)
			ncap = SN_VBL_MAX;
		if ((vb = realloc(vbl->vb, ncap * sizeof(*vb))) == NULL)
			return NULL;
		vbl->vb = vb;
		vbl->cap = ncap;
	}
	return &vbl->vb[vbl->len++];
}

/* Copy value into *dst, its string bytes into the list's storage. */
static int
set_value(struct sn_vbl *vbl, struct sn_value *dst,
    const struct sn_value *src)
{
	uint8_t *s;

	dst->type = src->type;
	switch (src->type) {
	case SN_T_OID:
		dst->v.oid.len = src->v.oid.len;
		memcpy(dst->v.oid.sub, src->v.oid.sub,
		    src->v.oid.len * sizeof(src->v.oid.sub[0]));
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
	case SN_T_NSAP:
		s = sn_vbl_store(vbl, src->v.str.ptr, src->v.str.len);
		if (s == NULL)
			return SN_ENOMEM;
		dst->v.str.ptr = s;
		dst->v.str.len = src->v.str.len;
		break;
	case SN_T_INTEGER:
		dst->v.i = src->v.i;
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		dst->v.u = src->v.u;
		break;
	case SN_T_COUNTER64:
		dst->v.u64 = src->v.u64;
		break;
	default:
		dst->v.u64 = 0;
		break;
	}
	return 0;
}

int
sn_vbl_add(struct sn_vbl *vbl, const struct sn_oid *name,
    const struct sn_value *value)
{
	struct sn_varbind *vb;
	struct sn_varbind tmp;
	int rc;

	if (name->len > SN_OID_MAX_LEN ||
	    (value->type == SN_T_OID && value->v.oid.len > SN_OID_MAX_LEN))
		return SN_EINVAL;
	if (vbl->len >= SN_VBL_MAX)
		return SN_ELIMIT;
	/* name or value may live in this list's array, which push may move */
	if (vbl->vb != NULL && vbl->len == vbl->cap &&
	    (((const char *)name >= (const char *)vbl->vb &&
	    (const char *)name < (const char *)(vbl->vb + vbl->cap)) ||
	    ((const char *)value >= (const char *)vbl->vb &&
	    (const char *)value < (const char *)(vbl->vb + vbl->cap)))) {
		tmp.name.len = name->len;
		memcpy(tmp.name.sub, name->sub,
		    name->len * sizeof(name->sub[0]));
		tmp.value = *value;
		return sn_vbl_add(vbl, &tmp.name, &tmp.value);
	}
	if ((vb = sn_vbl_push(vbl)) == NULL)
		return SN_ENOMEM;
	vb->name.len = name->len;
	memcpy(vb->name.sub, name->sub, name->len * sizeof(name->sub[0]));
	if ((rc = set_value(vbl, &vb->value, value)) != 0) {
		vbl->len--;
		return rc;
	}
	return 0;
}

int
sn_vbl_add_null(struct sn_vbl *vbl, const struct sn_oid *name)
{
	struct sn_varbind *vb;

	if (name->len > SN_OID_MAX_LEN)
		return SN_EINVAL;
	if (vbl->len >= SN_VBL_MAX)
		return SN_ELIMIT;
	if (vbl->vb != NULL && vbl->len == vbl->cap &&
	    (const char *)name >= (const char *)vbl->vb &&
	    (const char *)name < (const char *)(vbl->vb + vbl->cap)) {
		struct sn_oid tmp = *name;

		return sn_vbl_add_null(vbl, &tmp);
	}
	if ((vb = sn_vbl_push(vbl)) == NULL)
		return SN_ENOMEM;
	vb->name.len = name->len;
	memcpy(vb->name.sub, name->sub, name->len * sizeof(name->sub[0]));
	vb->value.type = SN_T_NULL;
	vb->value.v.u64 = 0;
	return 0;
}

int
sn_vbl_copy(struct sn_vbl *dst, const struct sn_vbl *src)
{
	size_t i;
	int rc;

	if (dst == src)
		return 0;
	sn_vbl_reset(dst);
	for (i = 0; i < src->len; i++) {
		rc = sn_vbl_add(dst, &src->vb[i].name, &src->vb[i].value);
		if (rc != 0) {
			sn_vbl_reset(dst);
			return rc;
		}
	}
	return 0;
}
