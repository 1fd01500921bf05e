/*
 * The MIB layer: the one place that talks to libsmi (STYLE §1).  One mib
 * service per process loads MIB modules (RFC 2578 SMIv2, RFC 1155/1212
 * SMIv1) and answers the questions the shell and the Lua layer ask: names
 * to OIDs and back with instance indexes decoded by the INDEX clause
 * (RFC 2578 §7.7), values rendered by the object's syntax (enumerations,
 * BITS, RFC 2579 §3.1 DISPLAY-HINT, UNITS) exactly as Net-SNMP's tools
 * print them, typed value parsing for `set`, name completion and
 * `describe` text.  This header is the only one upper layers include;
 * smi.h stays inside src/mib.
 */
#ifndef MIB_MIB_H
#define MIB_MIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/oid.h>
#include <sn/value.h>

struct mib;

/* ------------------------------------------------------------------ */
/* Growable text buffer */

/*
 * A growable, always NUL-terminated text buffer: embed, zero-initialise
 * (or mib_buf_init()), mib_buf_free().  When an allocation fails the
 * buffer stops growing and sets oom; functions that write into a buffer
 * then return SN_ENOMEM.  p is NULL until something is written.
 */
struct mib_buf {
	char *p;
	size_t len;
	size_t cap;
	bool oom;
};

void mib_buf_init(struct mib_buf *b);
void mib_buf_free(struct mib_buf *b);
/* Forget the text, keep the storage. */
void mib_buf_reset(struct mib_buf *b);
void mib_buf_add(struct mib_buf *b, const void *p, size_t n);
void mib_buf_adds(struct mib_buf *b, const char *s);
void mib_buf_addc(struct mib_buf *b, char c);
/* A number in decimal. */
void mib_buf_addu(struct mib_buf *b, uint64_t u);
void mib_buf_addf(struct mib_buf *b, const char *fmt, ...) SN_PRINTF(2, 3);
/* The text so far ("" when empty); valid until the next write. */
const char *mib_buf_str(const struct mib_buf *b);

/* ------------------------------------------------------------------ */
/* The service */

/* Severity of a diagnostic passed to the log hook (libsmi's levels). */
enum mib_severity {
	MIB_LOG_ERROR = 0,	/* libsmi severities 0-2: the module is wrong */
	MIB_LOG_WARNING = 3,	/* 3-5 */
	MIB_LOG_INFO = 6	/* 6-9 and our own notes */
};

/*
 * Log hook: path of the MIB file (or NULL), line (0 if unknown), severity,
 * message.  Called synchronously during loading; the strings are valid
 * only during the call.  Default: silent.
 */
typedef void (*mib_log_fn)(void *ud, enum mib_severity sev, const char *path,
    int line, const char *msg);

/*
 * Options of mib_open().  The caller (the shell) passes the environment in
 * (MIBDIRS, MIBS, SMIPATH, HOME) so that the library reads no environment
 * of its own; a NULL or empty string means "not set".
 *
 * Search path (first directory wins when a module is in several):
 *   default = HOME/.snmp/mibs, then libsmi's path around the bundled
 *             mibs/ (ietf, iana, net-snmp under `bundled`, or found at run
 *             time: SN_PKGDATADIR/mibs when installed, else
 *             SN_SRCDIR/mibs): the `path` lines of the smi_conf files and
 *             then SMIPATH, each as libsmi applies them to its default
 *             path, the bundled folder standing for that default:
 *             ":DIRS" after it, "DIRS:" before it, "DIRS" before it in
 *             place of what came before (so Debian's /etc/smi.conf adds
 *             /usr/share/snmp/mibs behind the bundled folder, and no
 *             setting of libsmi's removes it)
 *   MIBDIRS and then -M (mibdirs) change it as Net-SNMP's -M does:
 *   "DIRS" replaces it, "+DIRS" appends, "-DIRS" prepends.
 * Modules: the default set is ALL plus the smi_conf files' `load` lines;
 *   MIBS and then -m (modules) change it as Net-SNMP's -m: "MODS"
 *   replaces it, "+MODS" / "-MODS" add to it, "ALL" means every module in
 *   the search path.  Lines tagged "snmpsh:" in smi_conf files count,
 *   other tags' lines do not.
 *
 * Loading ALL is lazy: mib_open() loads the core modules that Net-SNMP
 * loads by default (about 40ms) and the rest of the path (about 0.4s for
 * the bundled ~360 modules) the first time a name is not found, an OID
 * cannot be named within the core, or completions are asked for.
 * eager loads everything at once.
 */
struct mib_opts {
	const char *mibdirs;	/* -M DIRS */
	const char *modules;	/* -m MODULES */
	const char *env_mibdirs;	/* $MIBDIRS */
	const char *env_mibs;	/* $MIBS */
	const char *smipath;	/* $SMIPATH */
	const char *home;	/* $HOME, for ~/.snmp/mibs */
	/* smi.conf(5) files read in order (NULL-terminated), or NULL */
	const char *const *smi_conf;
	const char *bundled;	/* the bundled mibs/ folder; NULL: find it */
	bool eager;
	mib_log_fn log;
	void *log_ud;
};

/*
 * Open the process's mib service.  libsmi's state is process-wide, so only
 * one service may be open at a time (SN_EINVAL otherwise); close it to
 * open another.  Modules that fail to load do not fail the open: they are
 * listed by mib_errors().  Errors: SN_ENOMEM, SN_EINVAL.
 */
int mib_open(const struct mib_opts *opts, struct mib **out,
    struct sn_error *err);
/* Close the service and free everything (NULL is a no-op). */
void mib_close(struct mib *mib);
/* Load one more module by name or file path.  SN_ENOTFOUND, SN_EINVAL. */
int mib_load_module(struct mib *mib, const char *module,
    struct sn_error *err);
/* Finish a lazy load now (idempotent). */
int mib_load_all(struct mib *mib, struct sn_error *err);
/* The effective search path, directories separated by ':'. */
const char *mib_path(const struct mib *mib);

/*
 * A module that was not found or did not parse (libsmi severities 0 and
 * 1); libsmi's lesser complaints about the bundled modules go to the log
 * hook only.
 */
struct mib_load_error {
	const char *module;	/* the module name as requested */
	const char *path;	/* the file, or NULL when not found */
	int line;
	const char *msg;
};
/*
 * The load errors so far (after finishing the lazy load), in load order;
 * owned by mib, valid until the next load or mib_close().
 */
const struct mib_load_error *mib_errors(struct mib *mib, size_t *n);
/* Number of modules loaded. */
size_t mib_module_count(const struct mib *mib);

/* ------------------------------------------------------------------ */
/* Names and OIDs */

/*
 * Parse a name or numeric OID as Net-SNMP's tools accept it (with random
 * access, -IR): ".1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.1.0",
 * "sysDescr.0", "SNMPv2-MIB::sysDescr.0", "iso.org.dod.internet.mgmt.
 * mib-2.system.sysDescr.0", "ifTable.ifEntry.ifDescr.3", "system.1.0",
 * and index values after a column by the INDEX clause (RFC 2578 §7.7):
 * numbers, enumeration labels ("ipv4"), quoted strings ("\"user\"" with
 * the length prefix, 'text' or "text" for IMPLIED and fixed-size ones),
 * InetAddress values written as addresses after an InetAddressType
 * (ipAddressIfIndex.ipv4."127.0.0.1", where Net-SNMP would encode the
 * characters), IpAddress as a.b.c.d.
 * Errors: SN_ENAME (unknown name, malformed; err names the part),
 * SN_ETOOLONG, SN_EOVERFLOW.
 */
int mib_parse_oid(struct mib *mib, const char *text, struct sn_oid *oid,
    struct sn_error *err);

/* How OIDs are printed (Net-SNMP's -O letters n f s S u, b, X). */
enum mib_oidfmt {
	MIB_OID_MODULE = 0,	/* default, -OS: SNMPv2-MIB::sysDescr.0 */
	MIB_OID_SUFFIX,		/* -Os: sysDescr.0 */
	MIB_OID_FULL,		/* -Of: .iso.org.dod...sysDescr.0 */
	MIB_OID_NUMERIC,	/* -On: .1.3.6.1.2.1.1.1.0 */
	MIB_OID_UCD		/* -Ou: system.sysDescr.0 */
};

/* The -O output letters of Net-SNMP's snmpcmd(1) that the layer uses. */
struct mib_outopts {
	enum mib_oidfmt oidfmt;	/* n f s S u */
	bool no_break_index;	/* -Ob: indexes as numbers */
	bool ext_index;		/* -OX: ifDescr[3] */
	bool quick;		/* -Oq: no type, "name value" */
	bool quick_eq;		/* -OQ: no type, "name = value" */
	bool value_only;	/* -Ov */
	bool num_enums;		/* -Oe */
	bool num_ticks;		/* -Ot */
	bool hex_text;		/* -OT */
	bool no_units;		/* -OU */
	bool ascii;		/* -Oa: strings always as text */
	bool hex;		/* -Ox: strings always in hex */
	/*
	 * Escape control characters from the wire in text (SPEC §3).  On by
	 * mib_outopts_init(); off gives Net-SNMP's raw bytes.
	 */
	bool escape;
};

void mib_outopts_init(struct mib_outopts *o);
/* Apply -O letters; returns 0 or the first unknown letter. */
int mib_outopts_parse(struct mib_outopts *o, const char *letters);

/*
 * The three formatters below also work with no MIB service (mib NULL),
 * as the shell's `-m ''` asks: OIDs are then numeric whatever the form
 * (where Net-SNMP would still name the root "iso"), and values are shown
 * by their wire type, as Net-SNMP's tools print them with no modules
 * (sprint_realloc_by_type), control characters escaped unless o->escape
 * is off.
 */

/* Append the name of oid in the chosen form (Net-SNMP's snprint_objid). */
int mib_format_oid(struct mib *mib, const struct sn_oid *oid,
    const struct mib_outopts *o, struct mib_buf *b);
/*
 * Append the value part of a varbind of name oid: "INTEGER: up(1)",
 * "STRING: 0:11:22:33:44:55", "Wrong Type (should be ...): ..." (Net-SNMP's
 * sprint_realloc_value with the MIB).  Without a MIB object for oid it
 * renders by the wire type.
 */
int mib_format_value(struct mib *mib, const struct sn_oid *oid,
    const struct sn_value *v, const struct mib_outopts *o,
    struct mib_buf *b);
/* A whole varbind line as snmpget prints it, without the newline. */
int mib_format_varbind(struct mib *mib, const struct sn_varbind *vb,
    const struct mib_outopts *o, struct mib_buf *b);

/* ------------------------------------------------------------------ */
/* Objects */

/* What the MIB says of an OID: the node it falls under. */
enum mib_kind {
	MIB_K_OTHER = 0,	/* OBJECT IDENTIFIER, identity, group... */
	MIB_K_SCALAR,
	MIB_K_TABLE,
	MIB_K_ROW,
	MIB_K_COLUMN,
	MIB_K_NOTIFICATION
};

struct mib_node_info {
	const char *module;	/* "IF-MIB" */
	const char *name;	/* "ifDescr" */
	struct sn_oid oid;	/* of the node itself */
	size_t inst_len;	/* arcs of the OID past the node */
	enum mib_kind kind;
	enum sn_type type;	/* wire type the MIB expects, or 0 */
	const char *syntax;	/* "DisplayString", "INTEGER"...; or NULL */
	const char *hint;	/* DISPLAY-HINT in effect, or NULL */
	const char *units;	/* or NULL */
	bool writable;		/* read-write or read-create */
};
/*
 * Describe the node oid falls under (longest prefix known).  Strings are
 * owned by the service.  SN_ENOTFOUND when nothing matches.
 */
int mib_node_info(struct mib *mib, const struct sn_oid *oid,
    struct mib_node_info *info);

/*
 * Parse a value for `set` with type "=" (the type from the MIB): the
 * object's syntax decides: enumeration labels or numbers, BITS as labels
 * or numbers separated by spaces or commas, DISPLAY-HINT input (e.g. a
 * MacAddress "00:11:22:33:44:55", a DateAndTime "2024-1-2,3:4:5.6"),
 * text for strings, dotted names for OIDs, a.b.c.d for IpAddress.  Range
 * and size constraints are checked with a clear message.  String bytes go
 * to storage from the varbind list vbl (sn_vbl_store()), so the value lives
 * as long as vbl.  Errors: SN_ENOTFOUND (no object), SN_EINVAL (not
 * writable or not parseable), SN_ERANGE (out of range or size).
 */
int mib_parse_value(struct mib *mib, const struct sn_oid *oid,
    const char *text, struct sn_vbl *vbl, struct sn_value *out,
    struct sn_error *err);

/* ------------------------------------------------------------------ */
/* Completion */

/*
 * Call fn for each completion of prefix, sorted, at most max (0: no
 * limit); returns the number of candidates (which may exceed max).
 * Forms: a plain prefix "ifDe" completes descriptors of every module
 * ("ifDescr"); "IF-MIB::ifD" completes that module's names ("IF-MIB::
 * ifDescr"); "IF-MIB::" lists them; a module prefix "IF-M" also offers
 * "IF-MIB::"; "ifTable.ifEntry." and "ifTable.ifEntry.ifD" complete the
 * children of the node before the last dot (the text before it is kept).
 * The first call finishes a lazy load and builds the index; later calls
 * take microseconds.
 */
typedef void (*mib_complete_fn)(void *ud, const char *candidate);
size_t mib_complete(struct mib *mib, const char *prefix, size_t max,
    mib_complete_fn fn, void *ud);
/* Labels of the enumeration (or BITS) of the object oid falls under. */
size_t mib_complete_enum(struct mib *mib, const struct sn_oid *oid,
    const char *prefix, mib_complete_fn fn, void *ud);

/* ------------------------------------------------------------------ */
/* Describe and tables */

/*
 * Append the definition of the node oid falls under, in the shape of
 * `snmptranslate -Td`: the numeric and full name, then the clauses
 * (-- FROM, -- TEXTUAL CONVENTION, SYNTAX, DISPLAY-HINT, MAX-ACCESS,
 * STATUS, DESCRIPTION, INDEX) and "::= { parent n }".  SN_ENOTFOUND.
 */
int mib_describe(struct mib *mib, const struct sn_oid *oid,
    struct mib_buf *b);

/* A conceptual table (RFC 2578 §7.1.12): its columns and INDEX. */
struct mib_table_col {
	const char *name;
	uint32_t sub;		/* the column's arc under the entry */
	bool accessible;	/* not not-accessible */
};
struct mib_table {
	const char *module;
	const char *name;	/* the table */
	const char *entry;	/* the row */
	struct sn_oid entry_oid;
	struct mib_table_col *cols;
	size_t ncols;
	const char **index;	/* INDEX object names (of the base row */
	size_t nindex;		/*   for AUGMENTS) */
	bool implied;		/* the last index is IMPLIED */
};
/*
 * Fill t for a table named by oid (the table, its entry or a column).
 * Free with mib_table_clear().  SN_ENOTFOUND, SN_ENOMEM.
 */
int mib_table_get(struct mib *mib, const struct sn_oid *oid,
    struct mib_table *t);
void mib_table_clear(struct mib_table *t);
/*
 * Append the decoded index part of row instance arcs (the OID past the
 * column) as the default output shows it (`3`, `"user"`, `ipv4."1.2.3.4"`).
 */
int mib_format_index(struct mib *mib, const struct sn_oid *column,
    const uint32_t *arcs, size_t n, struct mib_buf *b);

#endif
