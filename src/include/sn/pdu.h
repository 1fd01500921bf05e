/*
 * PDUs of RFC 3416 (and the SNMPv1 Trap-PDU of RFC 1157) and community
 * messages of SNMPv1 (RFC 1157) and SNMPv2c (RFC 1901): encoding and
 * decoding.  Encoding writes backwards from the end of the caller's buffer,
 * so nothing is copied twice.
 */
#ifndef SN_PDU_H
#define SN_PDU_H

#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/oid.h>
#include <sn/value.h>

enum sn_pdu_type {
	SN_PDU_GET = 0xa0,
	SN_PDU_GETNEXT = 0xa1,
	SN_PDU_RESPONSE = 0xa2,
	SN_PDU_SET = 0xa3,
	SN_PDU_TRAP_V1 = 0xa4,
	SN_PDU_GETBULK = 0xa5,
	SN_PDU_INFORM = 0xa6,
	SN_PDU_TRAP = 0xa7,	/* SNMPv2-Trap-PDU */
	SN_PDU_REPORT = 0xa8
};

/* error-status values (RFC 3416 §3) */
enum sn_errstat {
	SN_ERR_NOERROR = 0,
	SN_ERR_TOOBIG = 1,
	SN_ERR_NOSUCHNAME = 2,
	SN_ERR_BADVALUE = 3,
	SN_ERR_READONLY = 4,
	SN_ERR_GENERR = 5,
	SN_ERR_NOACCESS = 6,
	SN_ERR_WRONGTYPE = 7,
	SN_ERR_WRONGLENGTH = 8,
	SN_ERR_WRONGENCODING = 9,
	SN_ERR_WRONGVALUE = 10,
	SN_ERR_NOCREATION = 11,
	SN_ERR_INCONSISTENTVALUE = 12,
	SN_ERR_RESOURCEUNAVAILABLE = 13,
	SN_ERR_COMMITFAILED = 14,
	SN_ERR_UNDOFAILED = 15,
	SN_ERR_AUTHORIZATIONERROR = 16,
	SN_ERR_NOTWRITABLE = 17,
	SN_ERR_INCONSISTENTNAME = 18
};

enum sn_version {
	SN_V1 = 0,
	SN_V2C = 1,
	SN_V3 = 3
};

/*
 * A PDU.  For GetBulk, error_status is non-repeaters and error_index is
 * max-repetitions (RFC 3416 §3).  The v1 trap fields are used only by
 * SN_PDU_TRAP_V1 (then request_id, error_status, error_index are unused).
 * Embed, sn_pdu_init(), sn_pdu_clear().
 */
struct sn_pdu {
	enum sn_pdu_type type;
	int32_t request_id;
	int32_t error_status;
	int32_t error_index;
	/* SNMPv1 Trap-PDU (RFC 1157 §4.1.6) */
	struct sn_oid enterprise;
	uint8_t agent_addr[4];
	int32_t generic_trap;
	int32_t specific_trap;
	uint32_t time_stamp;
	struct sn_vbl vbl;
};

/* Longest community string accepted (bytes). */
#define SN_COMMUNITY_MAX 256
/* Largest message encoded or accepted (RFC 3417: UDP payload). */
#define SN_MSG_MAX 65507

/* A community-based message (v1, v2c). */
struct sn_msg {
	enum sn_version version;
	uint8_t community[SN_COMMUNITY_MAX];
	size_t community_len;
	struct sn_pdu pdu;
};

SN_API void sn_pdu_init(struct sn_pdu *pdu, enum sn_pdu_type type);
SN_API void sn_pdu_clear(struct sn_pdu *pdu);
/* Deep copy (dst initialised; its old content freed). */
SN_API int sn_pdu_copy(struct sn_pdu *dst, const struct sn_pdu *src);
/* "get", "getnext", "response", "set", "trap" (v1), "getbulk", "inform",
 * "trap2", "report" (Net-SNMP's names, lower case); "unknown" otherwise. */
SN_API const char *sn_pdu_type_name(enum sn_pdu_type type);
/* Net-SNMP's error-status names and texts: "noSuchName",
 * "There is no such variable name in this MIB." */
SN_API const char *sn_errstat_name(int status);
SN_API const char *sn_errstat_text(int status);
/*
 * Net-SNMP's whole snmp_errstring() text, as snmpget prints it after
 * "Reason: ".  Net-SNMP words it "(name) text" for 0..5, "name (text)" for
 * most later codes and just "name" for noAccess, wrongEncoding,
 * commitFailed and undoFailed (sn_errstat_text() is then "").  Unknown
 * statuses: name "unknown", text and string "Unknown Error".  Never NULL.
 */
SN_API const char *sn_errstat_string(int status);

/*
 * Encode the PDU alone into buf[0..cap), backwards: on success *out points
 * at the first byte inside buf and *outlen is the length.  SN_EENCODE when
 * it does not fit, SN_EINVAL for a value the PDU type cannot carry.
 */
SN_API int sn_pdu_encode(const struct sn_pdu *pdu, uint8_t *buf, size_t cap,
    uint8_t **out, size_t *outlen, struct sn_error *err);
/*
 * Decode one PDU (the whole of buf) into pdu, which must be initialised;
 * its varbind list is reset and refilled.  Errors: the SN_E* decode group,
 * with the byte offset in err.
 */
SN_API int sn_pdu_decode(const uint8_t *buf, size_t len, struct sn_pdu *pdu,
    struct sn_error *err);

SN_API void sn_msg_init(struct sn_msg *msg);
SN_API void sn_msg_clear(struct sn_msg *msg);
/* Set the community (copied); SN_ETOOLONG past SN_COMMUNITY_MAX. */
SN_API int sn_msg_set_community(struct sn_msg *msg, const void *c,
    size_t len);
/*
 * Encode a v1/v2c message, as sn_pdu_encode.  SN_EINVAL for a PDU type the
 * version cannot carry (GetBulk, Inform, SNMPv2-Trap, Report in v1; the
 * v1 Trap-PDU in v2c) and, in v1, for Counter64 values and exceptions
 * (RFC 3584 §4.2.2.1).  SN_ETOOBIG past SN_MSG_MAX.
 */
SN_API int sn_msg_encode(const struct sn_msg *msg, uint8_t *buf, size_t cap,
    uint8_t **out, size_t *outlen, struct sn_error *err);
/*
 * Decode a v1/v2c message into msg (initialised; reused storage).
 * SN_EVERSION for a well-formed message of another version (e.g. v3).
 */
SN_API int sn_msg_decode(const uint8_t *buf, size_t len, struct sn_msg *msg,
    struct sn_error *err);
/*
 * Read only the version field of a message (to route it to v1/v2c or v3
 * processing).  Returns 0 and sets *version, or a decode error.
 */
SN_API int sn_msg_peek_version(const uint8_t *buf, size_t len, long *version,
    struct sn_error *err);

#endif
