/*
 * Typed SNMP values (RFC 2578 §7.1, RFC 3416 §3 exceptions) and varbind
 * lists.  A varbind list owns the bytes of its octet strings: adding a
 * varbind copies them into the list's own storage, which lives until
 * sn_vbl_clear() or sn_vbl_reset().
 */
#ifndef SN_VALUE_H
#define SN_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/oid.h>

/* Values are the BER tags of the types (RFC 2578, RFC 3416). */
enum sn_type {
	SN_T_INTEGER = 0x02,	/* INTEGER, Integer32 */
	SN_T_OCTETS = 0x04,	/* OCTET STRING */
	SN_T_NULL = 0x05,
	SN_T_OID = 0x06,
	SN_T_IPADDR = 0x40,
	SN_T_COUNTER32 = 0x41,
	SN_T_GAUGE32 = 0x42,	/* Gauge32, Unsigned32 */
	SN_T_TIMETICKS = 0x43,
	SN_T_OPAQUE = 0x44,
	SN_T_NSAP = 0x45,	/* SMIv1 NsapAddress, decoded as bytes */
	SN_T_COUNTER64 = 0x46,
	SN_T_UINTEGER32 = 0x47,	/* SMIv1 UInteger32 (historic) */
	SN_T_NOSUCHOBJECT = 0x80,
	SN_T_NOSUCHINSTANCE = 0x81,
	SN_T_ENDOFMIBVIEW = 0x82
};

/*
 * A value.  Which member is valid follows from type:
 *   INTEGER                       -> i
 *   Counter32 Gauge32 TimeTicks UInteger32 -> u (32-bit range)
 *   Counter64                     -> u64
 *   OCTET STRING Opaque IpAddress NsapAddress -> str (IpAddress: 4 bytes)
 *   OBJECT IDENTIFIER             -> oid
 *   NULL and exceptions           -> nothing
 * str.ptr is borrowed: owned by whatever holds the value (a varbind list,
 * a caller's buffer); it need not be NUL-terminated.
 */
struct sn_value {
	enum sn_type type;
	union {
		int32_t i;
		uint32_t u;
		uint64_t u64;
		struct {
			const uint8_t *ptr;
			size_t len;
		} str;
		struct sn_oid oid;
	} v;
};

struct sn_varbind {
	struct sn_oid name;
	struct sn_value value;
};

struct sn_vbl_chunk;

/*
 * A varbind list.  Embed and sn_vbl_init(); sn_vbl_clear() frees all.
 */
struct sn_vbl {
	struct sn_varbind *vb;
	size_t len;
	size_t cap;
	struct sn_vbl_chunk *chunks;	/* storage for octet strings */
};

/* Short constructors for values (no allocation; str borrowed). */
SN_API struct sn_value sn_value_int(int32_t i);
SN_API struct sn_value sn_value_uint(enum sn_type type, uint32_t u);
SN_API struct sn_value sn_value_u64(uint64_t u);
SN_API struct sn_value sn_value_str(enum sn_type type, const void *p,
    size_t len);
SN_API struct sn_value sn_value_oid(const struct sn_oid *oid);
SN_API struct sn_value sn_value_null(enum sn_type type);

/* Name of a wire type as SPEC §3 ("Integer32", "OctetString", ...). */
SN_API const char *sn_type_name(enum sn_type type);
/* True for noSuchObject, noSuchInstance, endOfMibView. */
SN_API int sn_type_is_exception(enum sn_type type);

SN_API void sn_vbl_init(struct sn_vbl *vbl);
/* Free everything; vbl is left initialised and empty. */
SN_API void sn_vbl_clear(struct sn_vbl *vbl);
/* Forget the varbinds but keep the storage for reuse. */
SN_API void sn_vbl_reset(struct sn_vbl *vbl);
/*
 * Append a varbind; copies name and value, including the octet-string
 * bytes.  SN_ENOMEM on allocation failure, SN_ELIMIT past SN_VBL_MAX.
 */
SN_API int sn_vbl_add(struct sn_vbl *vbl, const struct sn_oid *name,
    const struct sn_value *value);
/* Append name with a NULL value (for requests). */
SN_API int sn_vbl_add_null(struct sn_vbl *vbl, const struct sn_oid *name);
/* Deep copy src into dst (dst initialised, its content replaced). */
SN_API int sn_vbl_copy(struct sn_vbl *dst, const struct sn_vbl *src);
/*
 * Copy len bytes into the list's storage and return the copy (NULL on
 * ENOMEM); used by decoders to keep strings alive with the list.
 */
SN_API uint8_t *sn_vbl_store(struct sn_vbl *vbl, const void *p, size_t len);

/*
 * Append one varbind slot without copying anything and return it, or NULL
 * (ENOMEM, or SN_VBL_MAX reached: the list is then full).  The slot's
 * contents are unspecified; the caller fills name and value, and string
 * values must point to storage that lives as long as the list (normally
 * from sn_vbl_store()).  Used by decoders to fill the list in place.
 */
SN_API struct sn_varbind *sn_vbl_push(struct sn_vbl *vbl);

/*
 * Decode hexadecimal text into out (cap octets): an optional "0x" or
 * "0X", then pairs of hex digits; with SN_HEX_SEPARATORS, blanks, tabs
 * and colons may stand between the pairs.  *len receives the octet count
 * (0 for "" or "0x").  SN_EINVAL for anything else (a lone digit, a
 * non-hex character), SN_ETOOLONG past cap octets; out may then hold
 * part of the octets (wipe it when they are secret).
 */
#define SN_HEX_SEPARATORS 1u
SN_API int sn_hex_decode(const char *text, uint8_t *out, size_t cap,
    size_t *len, unsigned flags);

/* Most varbinds in one PDU we accept or build. */
#define SN_VBL_MAX 4096

#endif
