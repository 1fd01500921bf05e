/*
 * The command responder of RFC 3413 §3.2 over v1/v2c (RFC 3416 §4.2) and
 * SNMPv3 with USM users (RFC 3412, RFC 3414, authoritative role):
 * serve registered managed objects on one or more transports.  Objects are
 * provided by handlers registered under a subtree; sn_mostore is a ready
 * handler keeping instances in a sorted table (scalars, table cells,
 * read-write where declared, values computed on demand).
 */
#ifndef SN_AGENT_H
#define SN_AGENT_H

#include <stdbool.h>
#include <stddef.h>

#include <sn/error.h>
#include <sn/loop.h>
#include <sn/oid.h>
#include <sn/pdu.h>
#include <sn/value.h>

struct sn_agent;

enum sn_set_phase {
	SN_SET_TEST,	/* check only; return an error-status or 0 */
	SN_SET_COMMIT,	/* apply; return an error-status or 0 */
	SN_SET_UNDO	/* roll back a committed value (best effort) */
};

/*
 * A handler of one subtree.  Values returned through *out stay valid until
 * the next call into the same handler (the agent copies them at once).
 *   get:  exact instance.  0, or SN_ENOTFOUND with *out set to a
 *         noSuchObject/noSuchInstance exception value.
 *   next: the first instance strictly after `after` inside the handler's
 *         subtree; 0 with *found and *out, or SN_ENOTFOUND when none.
 *   set:  NULL for read-only subtrees.  Returns an RFC 3416 error-status
 *         (0 = noError), e.g. SN_ERR_NOTWRITABLE, SN_ERR_WRONGTYPE.
 */
struct sn_mo_ops {
	int (*get)(void *ud, const struct sn_oid *oid, struct sn_value *out);
	int (*next)(void *ud, const struct sn_oid *after, struct sn_oid *found,
	    struct sn_value *out);
	int (*set)(void *ud, enum sn_set_phase phase, const struct sn_oid *oid,
	    const struct sn_value *value);
};

SN_API int sn_agent_new(struct sn_loop *loop, struct sn_agent **out,
    struct sn_error *err);
/* Close transports and free; registered handlers' ud are not freed. */
SN_API void sn_agent_free(struct sn_agent *a);
/*
 * Listen on spec ("udp:127.0.0.1:0" picks a free port; "udp6:[::1]:N",
 * "unix:/path").  May be called several times.
 */
SN_API int sn_agent_listen(struct sn_agent *a, const char *spec,
    struct sn_error *err);
/* The address of listener i as "udp:127.0.0.1:40123"; NULL past the end. */
SN_API const char *sn_agent_address(const struct sn_agent *a, size_t i);
/* Accept community (copied) for v1/v2c; writable allows Set. */
SN_API int sn_agent_add_community(struct sn_agent *a, const char *community,
    bool writable);
/*
 * Serve subtree through ops/ud.  Subtrees must not overlap.  ops and ud are
 * borrowed for the agent's lifetime.
 */
SN_API int sn_agent_register(struct sn_agent *a, const struct sn_oid *subtree,
    const struct sn_mo_ops *ops, void *ud, struct sn_error *err);
/*
 * Answer one request PDU as the responder would (for tests and proxies):
 * resp is initialised by the caller and receives the Response-PDU.
 * max_size bounds the encoded response (tooBig, GetBulk truncation).
 * (It bounds the encoded PDU; the responder itself passes the message
 * limit minus the community header.)  Returns 0 when resp is to be sent;
 * a negative code when nothing is to be answered: SN_EINVAL for a PDU type
 * the responder does not answer (including GetBulk in SNMPv1, counted as
 * snmpInASNParseErrs), SN_ETOOBIG when not even the tooBig response fits
 * (counted as snmpSilentDrops), SN_EVERSION for SNMPv3.  It applies no
 * access control beyond `writable`, even when VACM is configured (a
 * trusted local caller); sn_agent_process_as answers as a principal.
 */
SN_API int sn_agent_process(struct sn_agent *a, enum sn_version version,
    bool writable, const struct sn_pdu *req, size_t max_size,
    struct sn_pdu *resp, struct sn_error *err);

/* Counters (snmpInPkts and friends, RFC 3418) for tests and the demo. */
struct sn_agent_stats {
	unsigned long in_pkts;
	unsigned long out_pkts;
	unsigned long bad_versions;
	unsigned long bad_community_names;
	unsigned long asn_parse_errs;
	unsigned long silent_drops;
	/* snmpInBadCommunityUses (RFC 3584 §5.2.1): Set with a read-only
	 * community. */
	unsigned long bad_community_uses;
};
SN_API void sn_agent_stats(const struct sn_agent *a,
    struct sn_agent_stats *out);

/* --- SNMPv3 (RFC 3412, RFC 3414 USM as the authoritative engine) --- */

/*
 * A USM user of the responder.  Protocol names as Net-SNMP's -a/-x
 * ("SHA", "SHA-256", "AES", "AES-256-C" ...); auth_proto NULL makes a
 * noAuthNoPriv user, priv_proto NULL an authNoPriv one.  Passphrases of
 * at least 8 characters; they are turned into keys localised to the
 * agent's engine ID at once and not kept.
 *
 * Access without VACM configured (see sn_agent_vacm_add_group): a user
 * reads everything the agent serves, and writes when writable, at its own
 * security level or above it as far as its keys allow; a request at a
 * lower level than the user's gets authorizationError.  With VACM, the
 * user is the securityName of model USM and writable is ignored.
 */
struct sn_agent_user {
	const char *name;		/* 1..32 octets */
	const char *auth_proto;
	const char *auth_pass;
	const char *priv_proto;
	const char *priv_pass;
	bool writable;
};

/*
 * Add (or replace) a user.  SN_EINVAL with err naming the bad field.
 * SNMPv3 datagrams are served once the agent has at least one user (and
 * are otherwise counted as bad versions).
 */
SN_API int sn_agent_add_user(struct sn_agent *a,
    const struct sn_agent_user *user, struct sn_error *err);
/*
 * Set the agent's snmpEngineID (RFC 3411 §5: 5..32 octets) and
 * snmpEngineBoots; snmpEngineTime restarts at 0 and users' keys are
 * localised again.  Without it, the agent generates an engine ID in the
 * RFC 3411 format 5 (administratively assigned octets) under IANA's
 * documentation enterprise number 32473 (RFC 5612): 80 00 7e d9 05 and
 * eight octets hashed from the host name and user ID, so it is stable
 * for one user on one host; boots then counts from the wall clock
 * (seconds since 2020 / 2, so it grows at each restart).
 */
SN_API int sn_agent_set_engine_id(struct sn_agent *a, const uint8_t *id,
    size_t len, uint32_t boots, struct sn_error *err);
/* Copy the engine ID into buf (cap octets); returns its length. */
SN_API size_t sn_agent_engine_id(struct sn_agent *a, uint8_t *buf,
    size_t cap);

/*
 * Persistent engine identity (engine_id.c): at each start of a local
 * authoritative engine, read the file "engine" in dir (which the caller
 * has created; the engine reads no environment), holding the lines
 * "engineID 0x<hex>" and "engineBoots <decimal>", and write it back
 * atomically (temporary file, fsync, rename) with mode 0600 and boots one
 * higher (RFC 3414 §2.2.2: at 2147483647 it stays there).
 * id (capacity at least 32 octets) and *len: on entry the engine ID to use
 * when the file is missing or unusable (5..32 octets, e.g. from
 * sn_agent_engine_id); on return the engine ID to use.  *boots: the
 * snmpEngineBoots to use (1 for a new identity); pass both to
 * sn_agent_set_engine_id.  *replaced (optional) is set when a file was
 * there but unusable (corrupt, unreadable) and has been replaced: the
 * caller should warn.  Errors: SN_EINVAL (no directory, bad length, the
 * file cannot be written: the message names the path and the reason),
 * SN_ETOOLONG (path too long); on error, keep the agent's generated
 * identity (id, *len and *boots are then unspecified).
 */
SN_API int sn_engine_id_restart(const char *dir, uint8_t *id, size_t *len,
    uint32_t *boots, bool *replaced, struct sn_error *err);
/*
 * An SnmpEngineID from text: hex digits, two per octet, "0x" optional,
 * 5 to 32 octets (RFC 3411 §5).  id has room for 32 octets; *len gets the
 * length.  0, or SN_EINVAL (id and *len then unspecified).
 */
SN_API int sn_engine_id_parse(const char *text, uint8_t *id, size_t *len);

/*
 * Serve the read-only scalars of SNMP-FRAMEWORK-MIB snmpEngine
 * (1.3.6.1.6.3.10.2.1.1-4.0: snmpEngineID, snmpEngineBoots,
 * snmpEngineTime, snmpEngineMaxMessageSize; RFC 3411 §5) and
 * SNMP-USER-BASED-SM-MIB usmStats (1.3.6.1.6.3.15.1.1.1-6.0; RFC 3414
 * §5).  Not done by default.  Errors as sn_agent_register (overlap).
 */
SN_API int sn_agent_register_v3_mib(struct sn_agent *a,
    struct sn_error *err);

/* usmStats (RFC 3414 §5) and RFC 3412 counters of the SNMPv3 side. */
struct sn_agent_v3_stats {
	unsigned long unsupported_sec_levels;
	unsigned long not_in_time_windows;
	unsigned long unknown_user_names;
	unsigned long unknown_engine_ids;
	unsigned long wrong_digests;
	unsigned long decryption_errors;
	unsigned long unknown_contexts;	/* snmpUnknownContexts */
	unsigned long invalid_msgs;	/* snmpInvalidMsgs */
	unsigned long parse_errs;
	unsigned long reports;		/* reports sent */
};
SN_API void sn_agent_v3_stats(const struct sn_agent *a,
    struct sn_agent_v3_stats *out);

/* --- RFC 3415 VACM (vacm.c) and RFC 3584 community mapping --- */

/*
 * Without any VACM configuration the responder keeps its simple policy:
 * every community and user reads everything, writes when `writable`, and
 * a v3 request below its user's level gets authorizationError.  The first
 * sn_agent_vacm_* call switches the agent to RFC 3415 VACM for all
 * versions: then `writable` is ignored and every request is checked by
 * isAccessAllowed (RFC 3415 §3.2) with securityModel 1 (v1), 2 (v2c) or
 * 3 (USM), the community's securityName (its own text unless mapped by
 * sn_agent_map_community) or the USM user name, the message's security
 * level, and the contextName (the community's, or the v3 message's).
 * - Get of an object outside the read view: noSuchObject (v1:
 *   noSuchName); GetNext/GetBulk skip what is outside it, and meet
 *   endOfMibView after its last object (RFC 3416 §4.2.1-3).
 * - Set of an object outside the write view: noAccess (v1: noSuchName),
 *   before the notWritable check (RFC 3416 §4.2.5 steps 1-2).
 * - noSuchView, noAccessEntry, noGroupName (and a group with no access
 *   entry): a Response with authorizationError, error-index 0 (v1:
 *   noSuchName, index 1), snmpInBadCommunityUses counted for v1/v2c
 *   (RFC 3413 §3.2, RFC 3584 §4.4).
 * - noSuchContext: SNMPv3 answers the snmpUnknownContexts report
 *   (RFC 3413 §3.2 step 3); v1/v2c as authorizationError.
 * The default context "" always exists; every known context serves the
 * same registered objects.
 */
enum sn_vacm_model {
	SN_VACM_MODEL_ANY = 0,	/* in access entries only */
	SN_VACM_MODEL_V1 = 1,
	SN_VACM_MODEL_V2C = 2,
	SN_VACM_MODEL_USM = 3
};
enum sn_vacm_level {
	SN_VACM_NOAUTH = 1,	/* noAuthNoPriv */
	SN_VACM_AUTHNOPRIV = 2,
	SN_VACM_AUTHPRIV = 3
};
enum sn_vacm_view_type {
	SN_VACM_READ,
	SN_VACM_WRITE,
	SN_VACM_NOTIFY
};

/* vacmContextTable: a locally available context (0..32 octets). */
SN_API int sn_agent_vacm_add_context(struct sn_agent *a, const char *context,
    struct sn_error *err);
/*
 * vacmSecurityToGroupTable: (model, securityName) -> group; model is not
 * ANY; names of 1..32 octets.  Replaces an existing row.
 */
SN_API int sn_agent_vacm_add_group(struct sn_agent *a,
    enum sn_vacm_model model, const char *security_name, const char *group,
    struct sn_error *err);
/*
 * vacmAccessTable row.  A NULL or "" view name is "no view" (the check
 * then answers noSuchView).  prefix_match: contextPrefix is a prefix of
 * the context name (vacmAccessContextMatch prefix(2)), else exact(1).
 * Replaces the row with the same group, prefix, model and level.
 */
struct sn_vacm_access {
	const char *group;
	const char *context_prefix;	/* NULL: "" */
	enum sn_vacm_model model;
	enum sn_vacm_level level;
	bool prefix_match;
	const char *read_view;
	const char *write_view;
	const char *notify_view;
};
SN_API int sn_agent_vacm_add_access(struct sn_agent *a,
    const struct sn_vacm_access *access, struct sn_error *err);
/*
 * vacmViewTreeFamilyTable row: in view `view` the family (subtree, mask)
 * is included or excluded (RFC 3415 §5: a mask bit 0 is a wildcard for
 * that sub-identifier; mask_len 0..16 octets, missing bits are 1s; the
 * family with the longest subtree decides, then the lexicographically
 * greatest).  Replaces the row with the same view and subtree.
 */
SN_API int sn_agent_vacm_add_view(struct sn_agent *a, const char *view,
    const struct sn_oid *subtree, const uint8_t *mask, size_t mask_len,
    bool included, struct sn_error *err);
/*
 * RFC 3584 §5.1 snmpCommunityTable, simple form: accept community (as
 * sn_agent_add_community, not writable) and map it to security_name and
 * context (NULL: "") for VACM.
 */
SN_API int sn_agent_map_community(struct sn_agent *a, const char *community,
    const char *security_name, const char *context, struct sn_error *err);
/*
 * isAccessAllowed (RFC 3415 §3.2).  var NULL checks up to the view
 * selection.  0 (accessAllowed), or SN_ENOTINVIEW, SN_ENOSUCHVIEW,
 * SN_ENOSUCHCONTEXT, SN_ENOGROUPNAME, SN_ENOSUCHGROUP (the group has no
 * vacmAccessTable row), SN_ENOACCESSENTRY; SN_EINVAL when VACM is not
 * configured.
 */
SN_API int sn_agent_vacm_check(const struct sn_agent *a,
    enum sn_vacm_model model, const char *security_name,
    enum sn_vacm_level level, const char *context,
    enum sn_vacm_view_type type, const struct sn_oid *var);
/*
 * Serve the VACM tables read-only as SNMP-VIEW-BASED-ACM-MIB objects
 * (RFC 3415 §4, under 1.3.6.1.6.3.16.1): vacmContextTable,
 * vacmSecurityToGroupTable, vacmAccessTable, vacmViewSpinLock and
 * vacmViewTreeFamilyTable, rows with StorageType readOnly(5) and status
 * active(1); later changes of the tables show at once.  Enables VACM (as
 * any sn_agent_vacm_* call).  Errors as sn_agent_register (overlap).
 */
SN_API int sn_agent_register_vacm_mib(struct sn_agent *a,
    struct sn_error *err);
/*
 * Who a request comes from, for sn_agent_process_as: the VACM inputs of
 * RFC 3415 §3.2 (the names are borrowed, NUL-terminated).
 */
struct sn_agent_principal {
	enum sn_vacm_model model;
	const char *security_name;
	enum sn_vacm_level level;
	const char *context;		/* NULL: "" */
};
/*
 * sn_agent_process with VACM: as the responder answers a request from
 * who (a v1 request uses model V1 rules for the PDU).  Without VACM
 * configured, who is ignored and the request is served as writable.
 * SN_ENOSUCHCONTEXT (nothing answered) when the context is unknown.
 */
SN_API int sn_agent_process_as(struct sn_agent *a, enum sn_version version,
    const struct sn_agent_principal *who, const struct sn_pdu *req,
    size_t max_size, struct sn_pdu *resp, struct sn_error *err);

/* --- sn_mostore: a sorted instance table usable as a handler --- */

struct sn_mostore;

/* Compute a value on demand (sysUpTime, counters).  Same validity rule. */
typedef int (*sn_mostore_fn)(void *ud, const struct sn_oid *oid,
    struct sn_value *out);

SN_API int sn_mostore_new(struct sn_mostore **out);
SN_API void sn_mostore_free(struct sn_mostore *st);
/* Add or replace an instance with a fixed value (copied). */
SN_API int sn_mostore_put(struct sn_mostore *st, const struct sn_oid *oid,
    const struct sn_value *value, bool writable);
/* Add or replace an instance whose value fn computes at each read. */
SN_API int sn_mostore_put_fn(struct sn_mostore *st, const struct sn_oid *oid,
    enum sn_type type, sn_mostore_fn fn, void *ud);
/* Read an instance's current value (borrowed); SN_ENOTFOUND. */
SN_API int sn_mostore_get(struct sn_mostore *st, const struct sn_oid *oid,
    struct sn_value *out);
/*
 * The handler to register with sn_agent_register(a, sub, ops, store).
 * Exceptions: an OID that is no stored instance reads as noSuchInstance
 * when some stored instance minus its last arc (its object) is a prefix of
 * it, else noSuchObject; Set answers noCreation and notWritable by the
 * same rule, notWritable for read-only or computed instances, wrongType
 * when the value's type differs from the instance's.  Undo restores the
 * value before the last commit.
 */
SN_API const struct sn_mo_ops *sn_mostore_ops(void);

#endif
