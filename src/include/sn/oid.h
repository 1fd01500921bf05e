/*
 * Object identifiers as plain values: a length and up to 128 sub-identifiers
 * (RFC 2578 §3.5), each at most 2^32-1.  Copied by assignment.
 */
#ifndef SN_OID_H
#define SN_OID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>

#define SN_OID_MAX_LEN 128
/* Longest dotted text of an OID: 128 * ".4294967295" plus NUL. */
#define SN_OID_STR_MAX (SN_OID_MAX_LEN * 11 + 1)

struct sn_oid {
	size_t len;
	uint32_t sub[SN_OID_MAX_LEN];
};

/*
 * Parse numeric dotted text ("1.3.6.1", ".1.3.6.1") into oid.
 * Errors: SN_ENAME (not numeric dotted), SN_EOVERFLOW (arc > 2^32-1),
 * SN_ETOOLONG (more than 128 arcs).
 */
SN_API int sn_oid_parse(struct sn_oid *oid, const char *text,
    struct sn_error *err);
/*
 * Write ".1.3.6.1" (leading dot when lead_dot) into buf of size cap.
 * Returns the length written, or SN_ETOOLONG if it does not fit (buf then
 * holds a truncated, NUL-terminated text).  An empty OID prints as "" or
 * ".".
 */
SN_API int sn_oid_format(const struct sn_oid *oid, bool lead_dot, char *buf,
    size_t cap);
/* Lexicographic order of RFC 3416: <0, 0, >0. */
SN_API int sn_oid_cmp(const struct sn_oid *a, const struct sn_oid *b);
/* True when prefix is a (not necessarily proper) prefix of oid. */
SN_API bool sn_oid_has_prefix(const struct sn_oid *oid,
    const struct sn_oid *prefix);
/* Append one sub-identifier; SN_ETOOLONG when full. */
SN_API int sn_oid_append(struct sn_oid *oid, uint32_t sub);
/* Set oid from an array; SN_ETOOLONG if n > 128. */
SN_API int sn_oid_set(struct sn_oid *oid, const uint32_t *sub, size_t n);

#endif
