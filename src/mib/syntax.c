/*
 * Object syntax as the renderers need it: the RFC 2578 §7.1 base type an
 * object's SYNTAX resolves to through its textual conventions (RFC 2579),
 * the first DISPLAY-HINT, enumeration and range of the chain, named
 * numbers of enumerations and BITS (RFC 2578 §7.1.1, §7.1.4), and the row
 * that carries an INDEX clause (RFC 2578 §7.8 AUGMENTS).
 */
#include "config.h"

#include <string.h>

#include "mib/mib_int.h"

/* True for the modules that define the SMI's own types. */
static bool
smi_module(SmiType *t)
{
	SmiModule *m = smiGetTypeModule(t);
	size_t n;

	if (m == NULL || m->name == NULL || m->name[0] == '\0')
		return true;
	n = strlen(m->name);
	return n >= 4 && strcmp(m->name + n - 4, "-SMI") == 0;
}

static enum msyn
by_name(const char *name)
{
	static const struct {
		const char *name;
		enum msyn cls;
	} map[] = {
		{ "Counter32", MS_COUNTER32 }, { "Counter", MS_COUNTER32 },
		{ "Gauge32", MS_GAUGE32 }, { "Gauge", MS_GAUGE32 },
		{ "Unsigned32", MS_GAUGE32 }, { "TimeTicks", MS_TIMETICKS },
		{ "IpAddress", MS_IPADDR }, { "NetworkAddress", MS_NETADDR },
		{ "Opaque", MS_OPAQUE }, { "Counter64", MS_COUNTER64 },
		{ "Integer32", MS_INTEGER }, { "UInteger32", MS_UINTEGER },
		{ "NsapAddress", MS_NSAP }
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].name, name) == 0)
			return map[i].cls;
	return MS_NONE;
}

void
mib_syntax(SmiNode *node, struct msyntax *s)
{
	SmiType *t;
	enum msyn cls = MS_NONE;

	memset(s, 0, sizeof(*s));
	if (node == NULL || (node->nodekind != SMI_NODEKIND_SCALAR &&
	    node->nodekind != SMI_NODEKIND_COLUMN))
		return;
	if ((t = smiGetNodeType(node)) == NULL)
		return;
	s->type = t;
	for (; t != NULL; t = smiGetParentType(t)) {
		if (s->hint == NULL && t->format != NULL && t->format[0])
			s->hint = t->format;
		if (s->enumtype == NULL && smiGetFirstNamedNumber(t) != NULL)
			s->enumtype = t;
		if (s->rangetype == NULL && smiGetFirstRange(t) != NULL)
			s->rangetype = t;
		if (t->name != NULL && s->tcname == NULL && !smi_module(t))
			s->tcname = t->name;
		if (cls == MS_NONE && t->name != NULL && smi_module(t))
			cls = by_name(t->name);
	}
	if (cls == MS_NONE) {
		switch (s->type->basetype) {
		case SMI_BASETYPE_INTEGER32:
		case SMI_BASETYPE_ENUM:
			cls = MS_INTEGER;
			break;
		case SMI_BASETYPE_OCTETSTRING:
			cls = MS_OCTETS;
			break;
		case SMI_BASETYPE_OBJECTIDENTIFIER:
			cls = MS_OID;
			break;
		case SMI_BASETYPE_UNSIGNED32:
			cls = MS_GAUGE32;
			break;
		case SMI_BASETYPE_UNSIGNED64:
			cls = MS_COUNTER64;
			break;
		case SMI_BASETYPE_BITS:
			cls = MS_BITS;
			break;
		default:
			cls = MS_NONE;
			break;
		}
	}
	if (s->type->basetype == SMI_BASETYPE_BITS)
		cls = MS_BITS;
	s->cls = cls;
	if (s->tcname == NULL) {
		for (t = s->type; t != NULL; t = smiGetParentType(t))
			if (t->name != NULL) {
				s->tcname = t->name;
				break;
			}
	}
}

enum sn_type
mib_syn_wire(enum msyn cls)
{
	switch (cls) {
	case MS_INTEGER: return SN_T_INTEGER;
	case MS_OCTETS: return SN_T_OCTETS;
	case MS_BITS: return SN_T_OCTETS;
	case MS_OID: return SN_T_OID;
	case MS_IPADDR: return SN_T_IPADDR;
	case MS_NETADDR: return SN_T_IPADDR;
	case MS_COUNTER32: return SN_T_COUNTER32;
	case MS_GAUGE32: return SN_T_GAUGE32;
	case MS_TIMETICKS: return SN_T_TIMETICKS;
	case MS_OPAQUE: return SN_T_OPAQUE;
	case MS_COUNTER64: return SN_T_COUNTER64;
	case MS_UINTEGER: return SN_T_UINTEGER32;
	case MS_NSAP: return SN_T_NSAP;
	default: return 0;
	}
}

const char *
mib_enum_label(SmiType *t, long value)
{
	SmiNamedNumber *nn;

	if (t == NULL)
		return NULL;
	for (nn = smiGetFirstNamedNumber(t); nn != NULL;
	    nn = smiGetNextNamedNumber(nn)) {
		long v = nn->value.basetype == SMI_BASETYPE_UNSIGNED32 ?
		    (long)nn->value.value.unsigned32 :
		    (long)nn->value.value.integer32;

		if (v == value)
			return nn->name;
	}
	return NULL;
}

bool
mib_enum_value(SmiType *t, const char *label, long *value)
{
	SmiNamedNumber *nn;

	if (t == NULL)
		return false;
	for (nn = smiGetFirstNamedNumber(t); nn != NULL;
	    nn = smiGetNextNamedNumber(nn)) {
		if (strcmp(nn->name, label) == 0) {
			*value = nn->value.basetype ==
			    SMI_BASETYPE_UNSIGNED32 ?
			    (long)nn->value.value.unsigned32 :
			    (long)nn->value.value.integer32;
			return true;
		}
	}
	return false;
}

SmiNode *
mib_index_row(SmiNode *row)
{
	int guard;

	/* RFC 2578 §7.8: an AUGMENTS row takes its base row's INDEX. */
	for (guard = 0; row != NULL && guard < 8; guard++) {
		if (row->indexkind != SMI_INDEX_AUGMENT &&
		    row->indexkind != SMI_INDEX_SPARSE)
			return row;
		row = smiGetRelatedNode(row);
	}
	return NULL;
}
