/*
 * What the MIB says of an object: node information for the upper layers,
 * `describe` text in the shape of `snmptranslate -Td` (RFC 2578 §5 and §7
 * OBJECT-TYPE clauses: SYNTAX, DISPLAY-HINT of RFC 2579, UNITS,
 * MAX-ACCESS, STATUS, DESCRIPTION, INDEX or AUGMENTS), and the columns and
 * INDEX of a conceptual table (RFC 2578 §7.1.12) for `table`.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

int
mib_node_info(struct mib *mib, const struct sn_oid *oid,
    struct mib_node_info *info)
{
	const struct mnode *e;
	struct msyntax s;
	size_t depth;

	memset(info, 0, sizeof(*info));
	e = mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e == NULL)
		return SN_ENOTFOUND;
	info->module = e->module;
	info->name = e->name;
	sn_oid_set(&info->oid, e->oid, e->oidlen);
	info->inst_len = oid->len - depth;
	info->kind = mib_kind_of(e->smi);
	mib_syntax(e->smi, &s);
	info->type = mib_syn_wire(s.cls);
	info->syntax = s.tcname;
	info->hint = s.hint;
	info->units = e->smi->units;
	info->writable = e->smi->access == SMI_ACCESS_READ_WRITE;
	return 0;
}

static const char *
access_name(SmiAccess a)
{
	switch (a) {
	case SMI_ACCESS_NOT_ACCESSIBLE: return "not-accessible";
	case SMI_ACCESS_NOTIFY: return "accessible-for-notify";
	case SMI_ACCESS_READ_ONLY: return "read-only";
	case SMI_ACCESS_READ_WRITE: return "read-write";
	default: return NULL;
	}
}

static const char *
status_name(SmiStatus s)
{
	switch (s) {
	case SMI_STATUS_CURRENT: return "current";
	case SMI_STATUS_DEPRECATED: return "deprecated";
	case SMI_STATUS_MANDATORY: return "mandatory";
	case SMI_STATUS_OPTIONAL: return "optional";
	case SMI_STATUS_OBSOLETE: return "obsolete";
	default: return NULL;
	}
}

/*
 * The macro snmptranslate -Td names: Net-SNMP's tree keeps a plain OBJECT
 * IDENTIFIER value as an object of no type ("OBJECT-TYPE"); the
 * NOTIFICATION-GROUP macro (RFC 2580 §4) is named here, where Net-SNMP
 * prints its internal "type_23".
 */
static const char *
macro_name(const SmiNode *n)
{
	switch (n->decl) {
	case SMI_DECL_OBJECTIDENTITY: return "OBJECT-IDENTITY";
	case SMI_DECL_MODULEIDENTITY: return "MODULE-IDENTITY";
	case SMI_DECL_NOTIFICATIONTYPE: return "NOTIFICATION-TYPE";
	case SMI_DECL_TRAPTYPE: return "TRAP-TYPE";
	case SMI_DECL_OBJECTGROUP: return "OBJECT-GROUP";
	case SMI_DECL_NOTIFICATIONGROUP: return "NOTIFICATION-GROUP";
	case SMI_DECL_MODULECOMPLIANCE: return "MODULE-COMPLIANCE";
	case SMI_DECL_AGENTCAPABILITIES: return "AGENT-CAPABILITIES";
	default: return "OBJECT-TYPE";
	}
}

/*
 * "-- FROM": the module of the definition shown, then every other loaded
 * module that defines the same descriptor for the same OID (RFC1213-MIB's
 * copies of MIB-II objects...), as Net-SNMP lists the modules it merged
 * into one tree node; those others in reverse name order, which is
 * Net-SNMP's load order for the bundled modules that repeat definitions
 * (RFC1213-MIB before RFC1158-MIB, RFC1155-SMI before RFC1065-SMI).
 */
static int
cmp_desc(const void *a, const void *b)
{
	return strcmp(*(const char *const *)b, *(const char *const *)a);
}

static void
from_list(const struct mnode *e, struct mib_buf *b)
{
	const char **mods = NULL, **v;
	size_t n = 0, cap = 0, i;
	SmiModule *m, *xm;
	SmiNode *x;

	mib_buf_addf(b, "  -- FROM\t%s", e->module);
	for (m = smiGetFirstModule(); m != NULL; m = smiGetNextModule(m)) {
		if (strcmp(m->name, e->module) == 0 ||
		    (x = smiGetNode(m, e->name)) == NULL ||
		    x->oidlen != e->oidlen || (xm = smiGetNodeModule(x)) ==
		    NULL || strcmp(xm->name, m->name) != 0 ||
		    memcmp(x->oid, e->oid, e->oidlen * sizeof(*e->oid)) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((v = realloc(mods, cap * sizeof(*v))) == NULL) {
				b->oom = true;
				break;
			}
			mods = v;
		}
		mods[n++] = m->name;
	}
	if (n > 1)
		qsort(mods, n, sizeof(*mods), cmp_desc);
	for (i = 0; i < n; i++)
		mib_buf_addf(b, ", %s", mods[i]);
	free(mods);
	mib_buf_addc(b, '\n');
}

/* The objects of a notification, as OBJECTS or VARIABLES lists them. */
static void
objects_list(SmiNode *n, struct mib_buf *b)
{
	SmiElement *el;

	if ((el = smiGetFirstElement(n)) == NULL)
		return;
	mib_buf_addf(b, "  %s\t{ ", n->decl == SMI_DECL_TRAPTYPE ?
	    "VARIABLES" : "OBJECTS");
	for (; el != NULL; el = smiGetNextElement(el))
		mib_buf_addf(b, "%s%s", el == smiGetFirstElement(n) ? "" :
		    ", ", smiGetElementNode(el)->name);
	mib_buf_adds(b, " }\n");
}

/* Whether type t is, or is derived from, the type named name. */
static bool
derives_from(SmiType *t, const char *name)
{
	int depth;

	for (depth = 0; t != NULL && depth < 32; depth++,
	    t = smiGetParentType(t))
		if (t->name != NULL && strcmp(t->name, name) == 0)
			return true;
	return false;
}

/*
 * Whether t is a type of an SMI module itself (TimeTicks, Counter32...),
 * whose implicit range Net-SNMP does not print.
 */
static bool
smi_base(SmiType *t)
{
	SmiModule *m = smiGetTypeModule(t);

	return m == NULL || m->name[0] == '\0' ||
	    strstr(m->name, "-SMI") != NULL;
}

/*
 * Net-SNMP's rendering of the base syntax of a type; word, when known, is
 * the keyword the module files use (mib_src_base_type()).
 */
static void
syntax_text(struct mib *mib, SmiNode *n, struct mib_buf *b,
    const struct msyntax *s, const char *word)
{
	SmiNamedNumber *nn;
	SmiRange *r;
	const char *base;

	switch (s->cls) {
	case MS_INTEGER:
		/*
		 * Integer32 when the object or its TC is declared so; an
		 * inline refinement reads INTEGER (libsmi keeps no trace
		 * of which keyword the source used there)
		 */
		base = s->enumtype == NULL && s->type != NULL &&
		    s->type->name != NULL && derives_from(s->type,
		    "Integer32") ? "Integer32" : "INTEGER";
		break;
	case MS_OCTETS: base = "OCTET STRING"; break;
	case MS_OID: base = "OBJECT IDENTIFIER"; break;
	case MS_IPADDR: base = "IpAddress"; break;
	case MS_NETADDR: base = "NetworkAddress"; break;
	case MS_COUNTER32: base = "Counter32"; break;
	case MS_GAUGE32: base = "Gauge32"; break;
	case MS_TIMETICKS: base = "TimeTicks"; break;
	case MS_OPAQUE: base = "Opaque"; break;
	case MS_COUNTER64: base = "Counter64"; break;
	case MS_BITS: base = "BITS"; break;
	case MS_UINTEGER: base = "UInteger32"; break;
	default: base = "?"; break;
	}
	mib_buf_adds(b, word != NULL ? word : base);
	/* named numbers and ranges as the module writes them, if it can be
	 * read; else as libsmi has them */
	if (s->enumtype != NULL && mib_src_enums(mib, n, s->enumtype, b))
		return;
	if (s->enumtype == NULL && s->rangetype != NULL &&
	    !smi_base(s->rangetype) && mib_src_ranges(mib, n, s->rangetype,
	    s->cls == MS_INTEGER, b))
		return;
	if (s->enumtype != NULL) {
		mib_buf_adds(b, " {");
		for (nn = smiGetFirstNamedNumber(s->enumtype); nn != NULL;
		    nn = smiGetNextNamedNumber(nn))
			mib_buf_addf(b, "%s%s(%ld)",
			    nn == smiGetFirstNamedNumber(s->enumtype) ? "" :
			    ", ", nn->name, (long)nn->value.value.integer32);
		mib_buf_addc(b, '}');
	} else if (s->rangetype != NULL && !smi_base(s->rangetype)) {
		mib_buf_adds(b, " (");
		for (r = smiGetFirstRange(s->rangetype); r != NULL;
		    r = smiGetNextRange(r)) {
			bool neg = r->minValue.basetype ==
			    SMI_BASETYPE_INTEGER32;

			if (r != smiGetFirstRange(s->rangetype))
				mib_buf_adds(b, " | ");
			/* Net-SNMP writes a one-value range as the value */
			if (neg && r->minValue.value.integer32 ==
			    r->maxValue.value.integer32)
				mib_buf_addf(b, "%ld",
				    (long)r->minValue.value.integer32);
			else if (!neg && r->minValue.value.unsigned32 ==
			    r->maxValue.value.unsigned32)
				mib_buf_addf(b, "%lu", (unsigned long)
				    r->minValue.value.unsigned32);
			else if (neg)
				mib_buf_addf(b, "%ld..%ld",
				    (long)r->minValue.value.integer32,
				    (long)r->maxValue.value.integer32);
			else
				mib_buf_addf(b, "%lu..%lu",
				    (unsigned long)r->minValue.value.unsigned32,
				    (unsigned long)
				    r->maxValue.value.unsigned32);
		}
		mib_buf_addc(b, ')');
	} else {
		/* the blank follows only an enumeration or a range */
		return;
	}
	mib_buf_addc(b, ' ');
}

static void
description(struct mib_buf *b, const char *d)
{
	mib_buf_adds(b, "  DESCRIPTION\t\"");
	for (; *d != '\0'; d++) {
		mib_buf_addc(b, *d);
		/* the indentation, except on an empty line */
		if (*d == '\n' && d[1] != '\n')
			mib_buf_adds(b, "            ");
	}
	mib_buf_adds(b, "\"\n");
}

/* The SYNTAX, DISPLAY-HINT and UNITS lines of an object. */
static void
syntax_lines(struct mib *mib, SmiNode *n, struct mib_buf *b)
{
	struct msyntax s;

	mib_syntax(n, &s);
	if (s.cls == MS_NONE)
		return;
	if (s.tcname != NULL && s.type->name != NULL &&
	    s.type->decl == SMI_DECL_TYPEDEF)
		mib_buf_addf(b, "  -- TEXTUAL CONVENTION %s\n", s.tcname);
	else if (s.tcname != NULL && s.type->name != NULL &&
	    smiGetTypeModule(s.type) != NULL &&
	    smiGetTypeModule(s.type)->name[0] != '\0' &&
	    strcmp(s.tcname, s.type->name) == 0 &&
	    strstr(smiGetTypeModule(s.type)->name, "-SMI") == NULL)
		mib_buf_addf(b, "  -- TEXTUAL CONVENTION %s\n", s.tcname);
	else if (s.tcname != NULL && s.type->name == NULL &&
	    smiGetParentType(s.type) != NULL &&
	    (smiGetParentType(s.type)->decl == SMI_DECL_TEXTUALCONVENTION ||
	    (smiGetParentType(s.type)->decl == SMI_DECL_TYPEASSIGNMENT &&
	    smiGetTypeModule(smiGetParentType(s.type)) != NULL &&
	    strstr(smiGetTypeModule(smiGetParentType(s.type))->name,
	    "-SMI") == NULL)))
		/* a refined TC, or SMIv1 type: DisplayString (SIZE (0..255)) */
		mib_buf_addf(b, "  -- TEXTUAL CONVENTION %s\n", s.tcname);
	mib_buf_adds(b, "  SYNTAX\t");
	syntax_text(mib, n, b, &s, mib_src_base_type(mib, n));
	mib_buf_addc(b, '\n');
	if (s.hint != NULL)
		mib_buf_addf(b, "  DISPLAY-HINT\t\"%s\"\n", s.hint);
}

/* MAX-ACCESS (RFC 2578 §7.3) and STATUS (§7.4) of an OBJECT-TYPE. */
static void
access_status(struct mib *mib, SmiNode *n, struct mib_buf *b)
{
	const char *a, *st;

	if ((a = access_name(n->access)) != NULL) {
		SmiNode *row = n->nodekind == SMI_NODEKIND_COLUMN ?
		    smiGetParentNode(n) : NULL;

		/* libsmi folds read-create (RFC 2580 §7.3) into read-write;
		 * a writable column of a row that allows creation has it */
		if (n->access == SMI_ACCESS_READ_WRITE && row != NULL &&
		    row->create)
			a = "read-create";
		mib_buf_addf(b, "  MAX-ACCESS\t%s\n", a);
	}
	if ((st = mib_src_status(mib, n)) != NULL ||
	    (st = status_name(n->status)) != NULL)
		mib_buf_addf(b, "  STATUS\t%s\n", st);
}

/* INDEX (RFC 2578 §7.7) or AUGMENTS (§7.8) of a row. */
static void
index_line(SmiNode *n, struct mib_buf *b)
{
	SmiElement *el;

	if (n->indexkind == SMI_INDEX_AUGMENT) {
		SmiNode *r = smiGetRelatedNode(n);

		mib_buf_addf(b, "  AUGMENTS\t{ %s }\n", r ? r->name : "?");
		return;
	}
	mib_buf_adds(b, "  INDEX\t\t{ ");
	for (el = smiGetFirstElement(n); el != NULL;
	    el = smiGetNextElement(el))
		mib_buf_addf(b, "%s%s%s",
		    el == smiGetFirstElement(n) ? "" : ", ",
		    n->implied && !smiGetNextElement(el) ? "IMPLIED " : "",
		    smiGetElementNode(el)->name);
	mib_buf_adds(b, " }\n");
}

int
mib_describe(struct mib *mib, const struct sn_oid *oid, struct mib_buf *b)
{
	const struct mnode *e, *p;
	struct mib_buf descr = { 0 }, defval = { 0 };
	struct mib_outopts o;
	SmiNode *n;
	size_t depth, l;
	int src;

	/* the "-- FROM" list names every module that defines the node */
	if (mib_finish_lazy(mib))
		mib_index_ready(mib);
	e = mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e == NULL)
		return SN_ENOTFOUND;
	n = e->smi;
	/* the OID as translate names it (an instance with its index) */
	mib_outopts_init(&o);
	mib_format_oid(mib, oid, &o, b);
	mib_buf_addc(b, '\n');
	mib_buf_addf(b, "%s %s\n", e->name, macro_name(n));
	from_list(e, b);
	if (n->decl == SMI_DECL_OBJECTTYPE) {
		syntax_lines(mib, n, b);
		if (n->units != NULL)
			mib_buf_addf(b, "  UNITS\t\t\"%s\"\n", n->units);
		access_status(mib, n, b);
	}
	if (n->nodekind == SMI_NODEKIND_ROW)
		index_line(n, b);
	if (n->decl == SMI_DECL_NOTIFICATIONTYPE ||
	    n->decl == SMI_DECL_TRAPTYPE)
		objects_list(n, b);
	/* DESCRIPTION and DEFVAL as the file has them, else libsmi's */
	src = mib_src_clauses(mib, n, &descr, n->decl ==
	    SMI_DECL_OBJECTTYPE ? &defval : NULL);
	if (src & 1)
		mib_buf_addf(b, "  DESCRIPTION\t\"%s\"\n",
		    mib_buf_str(&descr));
	else if (n->description != NULL)
		description(b, n->description);
	if (src & 2)
		mib_buf_addf(b, "  DEFVAL\t{ %s }\n", mib_buf_str(&defval));
	if (descr.oom || defval.oom)
		b->oom = true;
	mib_buf_free(&descr);
	mib_buf_free(&defval);
	/* every arc of the OID, named where a node is, the last one bare */
	mib_buf_adds(b, "::= {");
	for (l = 1; l < oid->len; l++) {
		p = mib_node_exact(mib, oid->sub, l);
		if (p != NULL)
			mib_buf_addf(b, " %s(%u)", p->name, oid->sub[l - 1]);
		else
			mib_buf_addf(b, " %u", oid->sub[l - 1]);
	}
	mib_buf_addf(b, " %u }\n", oid->sub[oid->len - 1]);
	return b->oom ? SN_ENOMEM : 0;
}

void
mib_table_clear(struct mib_table *t)
{
	free(t->cols);
	free(t->index);
	memset(t, 0, sizeof(*t));
}

int
mib_table_get(struct mib *mib, const struct sn_oid *oid,
    struct mib_table *t)
{
	const struct mnode *e;
	SmiNode *table, *row, *c, *irow;
	SmiElement *el;
	size_t depth, n;

	memset(t, 0, sizeof(*t));
	e = mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e == NULL)
		return SN_ENOTFOUND;
	table = e->smi;
	if (table->nodekind == SMI_NODEKIND_COLUMN)
		table = smiGetParentNode(table);
	if (table != NULL && table->nodekind == SMI_NODEKIND_ROW)
		table = smiGetParentNode(table);
	if (table == NULL || table->nodekind != SMI_NODEKIND_TABLE)
		return SN_ENOTFOUND;
	row = smiGetFirstChildNode(table);
	if (row == NULL || row->nodekind != SMI_NODEKIND_ROW)
		return SN_ENOTFOUND;
	t->module = smiGetNodeModule(table)->name;
	t->name = table->name;
	t->entry = row->name;
	sn_oid_set(&t->entry_oid, (const uint32_t *)row->oid, row->oidlen);
	for (n = 0, c = smiGetFirstChildNode(row); c != NULL;
	    c = smiGetNextChildNode(c))
		n++;
	if ((t->cols = calloc(n + 1, sizeof(*t->cols))) == NULL)
		return SN_ENOMEM;
	for (c = smiGetFirstChildNode(row); c != NULL;
	    c = smiGetNextChildNode(c)) {
		struct mib_table_col *col = &t->cols[t->ncols++];

		col->name = c->name;
		col->sub = c->oid[c->oidlen - 1];
		col->accessible = c->access > SMI_ACCESS_NOT_ACCESSIBLE;
	}
	irow = mib_index_row(row);
	n = 0;
	if (irow != NULL)
		for (el = smiGetFirstElement(irow); el != NULL;
		    el = smiGetNextElement(el))
			n++;
	if ((t->index = calloc(n + 1, sizeof(*t->index))) == NULL) {
		mib_table_clear(t);
		return SN_ENOMEM;
	}
	if (irow != NULL) {
		for (el = smiGetFirstElement(irow); el != NULL;
		    el = smiGetNextElement(el))
			t->index[t->nindex++] = smiGetElementNode(el)->name;
		t->implied = irow->implied != 0;
	}
	return 0;
}
