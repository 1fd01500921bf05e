/*
 * Text rendering of varbinds and SNMP errors as Net-SNMP's tools print them
 * (snmplib/mib.c sprint_realloc_* with no MIB loaded, the -O output
 * letters), into a growable line buffer the caller writes out in one go.
 * Wire types follow RFC 2578 §7.1 and the RFC 3416 §3 exceptions; one
 * deliberate difference from Net-SNMP (SPEC §3): control characters that
 * come from the wire are shown escaped, never raw.
 */
#ifndef SH_OUTPUT_H
#define SH_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/oid.h>
#include <sn/value.h>

/* A growable byte buffer; embed, zero-initialise, sh_buf_free(). */
struct sh_buf {
	char *p;
	size_t len;
	size_t cap;
};

/* How octet strings are shown: guessed, always text (-Oa), always hex. */
enum sh_strfmt {
	SH_STR_GUESS = 0,
	SH_STR_ASCII,	/* -Oa */
	SH_STR_HEX	/* -Ox */
};

/*
 * How a varbind becomes a line: Net-SNMP's text, a JSON object (SPEC §3
 * JSON Lines), CSV (oid,name,type,value), or tab-separated cells that
 * the `| table` filter aligns (pipe.c).
 */
enum sh_render {
	SH_RENDER_TEXT = 0,
	SH_RENDER_JSON,
	SH_RENDER_CSV,
	SH_RENDER_CELLS
};

/* The -O output letters (Net-SNMP's snmpcmd(1)). */
struct sh_outopts {
	enum sh_render render;	/* `format json`, `| json`... */
	bool quick;		/* -Oq: no type, "name value" */
	bool quick_eq;		/* -OQ: no type, "name = value" */
	bool value_only;	/* -Ov */
	bool hex_text;		/* -OT: hex dumps followed by text */
	bool num_ticks;		/* -Ot: TimeTicks as a bare number */
	enum sh_strfmt strfmt;	/* -Oa / -Ox */
	/*
	 * Effective with MIBs loaded (sh_outopts_mib()).  The OID forms
	 * n f s S u exclude each other: the last letter given wins.
	 */
	bool numeric;		/* -On */
	bool full;		/* -Of */
	bool suffix;		/* -Os */
	bool module;		/* -OS */
	bool ucd;		/* -Ou */
	bool num_enums;		/* -Oe */
	bool no_break_index;	/* -Ob */
	bool ext_index;		/* -OX */
	bool no_units;		/* -OU */
};

struct mib_outopts;
/* The MIB layer's options for o (mib/mib.h). */
void sh_outopts_mib(const struct sh_outopts *o, struct mib_outopts *mo);

void sh_outopts_init(struct sh_outopts *o);
/*
 * Apply -O letters ("nq", "Qv"...).  Returns 0, or the first unknown
 * letter.
 */
int sh_outopts_parse(struct sh_outopts *o, const char *letters);

void sh_buf_free(struct sh_buf *b);
/* Make room for n more bytes; aborts the process only on ENOMEM. */
void sh_buf_reserve(struct sh_buf *b, size_t n);
void sh_buf_add(struct sh_buf *b, const void *p, size_t n);
void sh_buf_adds(struct sh_buf *b, const char *s);
void sh_buf_addc(struct sh_buf *b, char c);
void sh_buf_addu64(struct sh_buf *b, uint64_t u);
void sh_buf_addi64(struct sh_buf *b, int64_t i);

/* ".1.3.6.1.2.1.1.1.0" (always with the leading dot, as -On). */
void sh_fmt_oid(struct sh_buf *b, const struct sn_oid *oid);
/* The value part: "STRING: \"x\"", "Timeticks: (1) 0:00:00.01"... */
void sh_fmt_value(struct sh_buf *b, const struct sn_value *v,
    const struct sh_outopts *o);
/* A whole varbind line, newline included. */
void sh_fmt_varbind(struct sh_buf *b, const struct sn_varbind *vb,
    const struct sh_outopts *o);

#endif
