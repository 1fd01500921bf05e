/*
 * Internals shared by the files of the MIB layer: the service structure,
 * its node index over libsmi's nodes (sorted by OID and by descriptor, with
 * the preference among modules that define the same OID), and the syntax
 * classification of RFC 2578 §7.1 types as Net-SNMP's printers see them.
 * Only src/mib includes this header (and smi.h).
 */
#ifndef MIB_MIB_INT_H
#define MIB_MIB_INT_H

#include <smi.h>

#include "mib/mib.h"

/* One libsmi node in our index. */
struct mnode {
	SmiNode *smi;
	const char *name;
	const char *module;	/* "" for the roots (iso, ccitt...) */
	const uint32_t *oid;	/* libsmi's array */
	unsigned oidlen;
	unsigned rank;		/* lower is preferred among equal OIDs */
	unsigned seq;		/* load order, the last tie-break */
};

struct mib_err_rec {
	char *module;
	char *path;
	int line;
	char *msg;
};

struct mib {
	char *path;		/* the effective search path */
	mib_log_fn log;
	void *log_ud;
	/* Modules still to load when the lazy load finishes. */
	char **pending;
	size_t npending;
	bool lazy;		/* pending holds the rest of ALL */
	/* Load errors. */
	struct mib_err_rec *errs;
	size_t nerrs, caperrs;
	struct mib_load_error *errview;
	const char *loading;	/* the module being loaded (for errors) */
	/* The index, rebuilt after each load. */
	bool dirty;
	struct mnode *byoid;	/* sorted by OID, then rank */
	size_t nnodes;
	struct mnode **byname;	/* sorted by name, then rank */
	const char **modnames;	/* loaded modules, sorted */
	size_t nmods;
	unsigned seq;
	/* The module file read last for `describe` (source.c). */
	char *srcpath;
	char *srctext;
	size_t srclen;
};

/* Syntax classes: which of Net-SNMP's printers applies (parse.c). */
enum msyn {
	MS_NONE = 0,		/* no syntax: print by wire type */
	MS_INTEGER,		/* INTEGER, Integer32 (enums allowed) */
	MS_OCTETS,
	MS_OID,
	MS_IPADDR,
	MS_NETADDR,		/* SMIv1 NetworkAddress */
	MS_COUNTER32,
	MS_GAUGE32,		/* Gauge32, Unsigned32, SMIv1 Gauge */
	MS_TIMETICKS,
	MS_OPAQUE,
	MS_COUNTER64,
	MS_BITS,
	MS_UINTEGER,		/* SMIv1 UInteger32 */
	MS_NSAP
};

/* What rendering and parsing need to know of an object's syntax. */
struct msyntax {
	enum msyn cls;
	SmiType *type;		/* the node's type (may be anonymous) */
	const char *tcname;	/* first named type in the chain, or NULL */
	const char *hint;	/* first DISPLAY-HINT in the chain */
	SmiType *enumtype;	/* the type carrying the named numbers */
	SmiType *rangetype;	/* the type carrying the ranges */
};

/* mib.c */
void mib_log(struct mib *mib, enum mib_severity sev, const char *fmt, ...)
	SN_PRINTF(3, 4);
/* Position of module in Net-SNMP's default list, or -1. */
int mib_core_rank(const char *module);
/* Finish a lazy load if one is pending; true when something was loaded. */
bool mib_finish_lazy(struct mib *mib);
/* Rebuild the index if loads happened since the last build. */
int mib_index_ready(struct mib *mib);

/* smiconf.c: smi.conf(5) files */
typedef void (*mib_conf_fn)(void *ud, const char *cmd, const char *arg);
/*
 * Call fn for each command of the configuration file (arg may be NULL);
 * lines tagged for another application than tag are skipped.  -1 when
 * the file cannot be read.
 */
int mib_conf_read(const char *file, const char *tag, mib_conf_fn fn,
    void *ud);

/* index.c */
int mib_index_build(struct mib *mib);
void mib_index_free(struct mib *mib);
/* The preferred node with exactly this OID, or NULL. */
const struct mnode *mib_node_exact(struct mib *mib, const uint32_t *oid,
    size_t len);
/*
 * The preferred node for the longest known prefix of oid, or NULL; the
 * number of arcs it covers goes to *depth.  May finish a lazy load when
 * the core cannot name the OID down to an object.
 */
const struct mnode *mib_node_lookup(struct mib *mib, const uint32_t *oid,
    size_t len, size_t *depth);
/* The preferred node named name (in module, if not NULL), or NULL. */
const struct mnode *mib_node_byname(struct mib *mib, const char *module,
    const char *name);
/* Range [*lo, *hi) of byname entries whose name starts with prefix. */
void mib_name_range(struct mib *mib, const char *prefix, size_t *lo,
    size_t *hi);
/* The mnode of a libsmi node (its preferred twin for the OID). */
const struct mnode *mib_node_of(struct mib *mib, SmiNode *smi);
enum mib_kind mib_kind_of(const SmiNode *smi);

/* syntax.c */
void mib_syntax(SmiNode *node, struct msyntax *s);
/* Wire type expected for a syntax class (0 for none). */
enum sn_type mib_syn_wire(enum msyn cls);
/* Label of value in the enumeration of t, or NULL. */
const char *mib_enum_label(SmiType *t, long value);
/* Value of label in the enumeration of t; false when not found. */
bool mib_enum_value(SmiType *t, const char *label, long *value);
/* The row that holds the INDEX of row (itself, or the AUGMENTS base). */
SmiNode *mib_index_row(SmiNode *row);

/* hint.c: RFC 2579 §3.1 DISPLAY-HINT */
/* Render octets by an octet-string hint; false if the hint is bad. */
bool mib_hint_octets(struct mib_buf *b, const char *hint, const uint8_t *p,
    size_t n);
/* Render an integer by an integer hint ("d-2", "x", "o", "b"). */
void mib_hint_int(struct mib_buf *b, const char *hint, long long v,
    bool is_unsigned);
/*
 * Parse text by an octet-string hint into out (cap bytes); returns the
 * length or -1 when the text does not fit the hint.
 */
long mib_hint_parse_octets(const char *hint, const char *text, uint8_t *out,
    size_t cap);

/* source.c */
/*
 * Append the DESCRIPTION (raw, as snmptranslate -Td prints it) and the
 * DEFVAL (Net-SNMP's token form) of node n, read from its module file;
 * returns a mask: 1 when a DESCRIPTION was found, 2 a DEFVAL.
 */
int mib_src_clauses(struct mib *mib, SmiNode *n, struct mib_buf *descr,
    struct mib_buf *defval);
/*
 * The SMI type keyword an object's syntax comes down to as its module
 * files write it (INTEGER or Integer32, Unsigned32 or Gauge32...), as
 * Net-SNMP names it; NULL when the files cannot tell.
 */
const char *mib_src_base_type(struct mib *mib, SmiNode *n);
/*
 * Append " {label(n), ...} " for the enumeration or BITS of type t (object
 * n's own when t has no name) in the order the module writes them, or
 * " (lo..hi | ...) " for its ranges or sizes as written (libsmi sorts
 * named numbers and joins adjacent ranges); false, with nothing appended,
 * when the text cannot be read.
 */
bool mib_src_enums(struct mib *mib, SmiNode *n, SmiType *t,
    struct mib_buf *b);
bool mib_src_ranges(struct mib *mib, SmiNode *n, SmiType *t,
    bool is_signed, struct mib_buf *b);
/* The STATUS word as written (libsmi turns some SMIv1 ones), or NULL. */
const char *mib_src_status(struct mib *mib, SmiNode *n);
void mib_src_free(struct mib *mib);

/* name.c */
/* Append the rendering of index arcs for the row of column col. */
void mib_index_render(struct mib *mib, SmiNode *row, const uint32_t *arcs,
    size_t n, const struct mib_outopts *o, struct mib_buf *b,
    size_t *used);

/* render.c: escaped text as output.c does (SPEC §3). */
void mib_add_quoted(struct mib_buf *b, const uint8_t *p, size_t n,
    bool escape);
void mib_add_hex(struct mib_buf *b, const uint8_t *p, size_t n,
    const struct mib_outopts *o);
void mib_add_text(struct mib_buf *b, const uint8_t *p, size_t n,
    bool escape);

#endif
