/*
 * OIDs to names as Net-SNMP prints them (snprint_objid and its -O n f s S u
 * b X forms): the longest known prefix named by the preferred module, the
 * instance part decoded by the row's INDEX clause (RFC 2578 §7.7: integers
 * and enumeration labels, strings with their length or IMPLIED or fixed
 * size, OIDs, IpAddress, and InetAddress after an InetAddressType as RFC
 * 4001 §4.1 lays them out), the rest numeric.
 */
#include "config.h"

#include <string.h>

#include "mib/mib_int.h"

static void
add_arc(struct mib_buf *b, uint32_t a)
{
	mib_buf_addu(b, a);
}

/* Net-SNMP's dump_realloc_oid_to_string: printable arcs, others '.'. */
static void
arcs_string(struct mib_buf *b, const uint32_t *a, size_t n, char quote)
{
	size_t i;

	if (n == 0)
		return;
	mib_buf_addc(b, quote);
	for (i = 0; i < n; i++)
		mib_buf_addc(b, a[i] < 0x7f && a[i] >= 0x20 ? (char)a[i] :
		    '.');
	mib_buf_addc(b, quote);
}

/*
 * InetAddress index (RFC 4001 §4.1) after its InetAddressType: ipv4(1),
 * ipv6(2), ipv4z(3), ipv6z(4).  False when the form does not fit.
 */
static bool
inet_string(struct mib_buf *b, uint32_t type, const uint32_t *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] > 255)
			return false;
	if ((type == 1 && n == 4) || (type == 3 && n == 8)) {
		mib_buf_addf(b, "\"%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		if (type == 3)
			mib_buf_addf(b, "%%%u", a[4] << 24 | a[5] << 16 |
			    a[6] << 8 | a[7]);
	} else if ((type == 2 && n == 16) || (type == 4 && n == 20)) {
		mib_buf_addc(b, '"');
		for (i = 0; i < 16; i++)
			mib_buf_addf(b, "%s%02x", i ? ":" : "", a[i]);
		if (type == 4)
			mib_buf_addf(b, "%%%u", a[16] << 24 | a[17] << 16 |
			    a[18] << 8 | a[19]);
	} else
		return false;
	mib_buf_addc(b, '"');
	return true;
}

static bool
fixed_size(const struct msyntax *s, size_t *size)
{
	SmiRange *r;

	if (s->rangetype == NULL)
		return false;
	r = smiGetFirstRange(s->rangetype);
	if (r == NULL || smiGetNextRange(r) != NULL)
		return false;
	if (r->minValue.value.unsigned32 != r->maxValue.value.unsigned32)
		return false;
	*size = r->minValue.value.unsigned32;
	return true;
}

static bool
is_tc(SmiNode *n, const char *tc)
{
	struct msyntax s;

	if (n == NULL)
		return false;
	mib_syntax(n, &s);
	return s.tcname != NULL && strcmp(s.tcname, tc) == 0;
}

/* -OX: a hinted string index as the value printer shows it. */
static void
ext_string(struct mib_buf *b, const struct msyntax *s, const uint32_t *a,
    size_t n, const struct mib_outopts *o)
{
	uint8_t bytes[SN_OID_MAX_LEN];
	size_t i;

	for (i = 0; i < n && i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)a[i];
	if (!o->quick)
		mib_buf_adds(b, "STRING: ");
	mib_hint_octets(b, s->hint, bytes, i);
}

/*
 * Render the index values in arcs for row (its own or AUGMENTS base
 * INDEX); *used receives the number of arcs consumed.  Each value is
 * preceded by '.' (or enclosed in [] with -OX).
 */
void
mib_index_render(struct mib *mib, SmiNode *row, const uint32_t *arcs,
    size_t n, const struct mib_outopts *o, struct mib_buf *b, size_t *used)
{
	SmiElement *el;
	SmiNode *prev = NULL;
	size_t pos = 0;

	*used = 0;
	row = mib_index_row(row);
	if (row == NULL)
		return;
	for (el = smiGetFirstElement(row); el != NULL && pos < n;
	    el = smiGetNextElement(el)) {
		SmiNode *idx = smiGetElementNode(el);
		bool implied = row->implied && smiGetNextElement(el) == NULL;
		struct mib_buf part = { 0 };
		struct msyntax s;
		size_t num, size;
		const char *label;

		mib_syntax(idx, &s);
		switch (s.cls) {
		case MS_OCTETS:
			if (o->ext_index && s.hint != NULL) {
				/* -OX: hinted strings print as values. */
				size_t skip = 0;

				if (implied) {
					num = n - pos;
				} else if (fixed_size(&s, &size)) {
					num = size;
					if (num > n - pos)
						goto finish;
				} else {
					if (arcs[pos] >= n - pos)
						goto finish;
					num = (size_t)arcs[pos] + 1;
					skip = 1;
				}
				ext_string(&part, &s, arcs + pos + skip,
				    num - skip, o);
			} else if (implied) {
				num = n - pos;
				arcs_string(&part, arcs + pos, num, '\'');
			} else if (fixed_size(&s, &size)) {
				num = size;
				if (num > n - pos)
					goto finish;
				arcs_string(&part, arcs + pos, num, '\'');
			} else {
				num = (size_t)arcs[pos] + 1;
				if (arcs[pos] >= n - pos)
					goto finish;
				if (num == 1) {
					mib_buf_adds(&part, "\"\"");
				} else if (!(s.tcname != NULL &&
				    strcmp(s.tcname, "InetAddress") == 0 &&
				    is_tc(prev, "InetAddressType") &&
				    pos > 0 && inet_string(&part,
				    arcs[pos - 1], arcs + pos + 1, num - 1))) {
					arcs_string(&part, arcs + pos + 1,
					    num - 1, '"');
				}
			}
			break;
		case MS_INTEGER:
		case MS_UINTEGER:
		case MS_GAUGE32:
		case MS_TIMETICKS:
			num = 1;
			label = s.cls == MS_TIMETICKS ? NULL :
			    mib_enum_label(s.enumtype, (long)arcs[pos]);
			if (label != NULL && s.enumtype != NULL)
				mib_buf_adds(&part, label);
			else
				add_arc(&part, arcs[pos]);
			break;
		case MS_OID:
			num = implied ? n - pos : (size_t)arcs[pos] + 1;
			if (num > n - pos)
				goto finish;
			if (o->ext_index) {
				struct sn_oid sub;

				/* -OX: the OID by name, without its length. */
				sn_oid_set(&sub, arcs + pos + (implied ? 0 : 1),
				    implied ? num : num - 1);
				mib_format_oid(mib, &sub, o, &part);
				break;
			}
			for (size = 0; size < num; size++) {
				if (size > 0)
					mib_buf_addc(&part, '.');
				add_arc(&part, arcs[pos + size]);
			}
			break;
		case MS_IPADDR:
			num = 4;
			if (n - pos < 4)
				goto finish;
			mib_buf_addf(&part, "%u.%u.%u.%u", arcs[pos],
			    arcs[pos + 1], arcs[pos + 2], arcs[pos + 3]);
			break;
		default:
			goto finish;
		}
		if (o->ext_index) {
			mib_buf_addc(b, '[');
			mib_buf_add(b, mib_buf_str(&part), part.len);
			mib_buf_addc(b, ']');
		} else {
			mib_buf_addc(b, '.');
			mib_buf_add(b, mib_buf_str(&part), part.len);
		}
		mib_buf_free(&part);
		pos += num;
		prev = idx;
		continue;
finish:
		mib_buf_free(&part);
		break;
	}
	*used = pos;
}

/* The prefixes -Ou leaves out (Net-SNMP's mib_prefixes). */
static const char *const ucd_prefix[] = {
	".iso.org.dod.internet.mgmt.mib-2",
	".iso.org.dod.internet.experimental",
	".iso.org.dod.internet.private",
	".iso.org.dod.internet.snmpParties",
	".iso.org.dod.internet.snmpSecrets",
	NULL
};

int
mib_format_oid(struct mib *mib, const struct sn_oid *oid,
    const struct mib_outopts *o, struct mib_buf *b)
{
	const struct mnode *e, *p;
	struct mib_buf full = { 0 };
	size_t depth = 0, pos, used, l, i;
	SmiNode *row = NULL;

	if (oid->len == 0) {
		mib_buf_addc(b, '.');
		return b->oom ? SN_ENOMEM : 0;
	}
	e = mib == NULL || o->oidfmt == MIB_OID_NUMERIC ? NULL :
	    mib_node_lookup(mib, oid->sub, oid->len, &depth);
	if (e == NULL) {
		for (i = 0; i < oid->len; i++) {
			mib_buf_addc(b, '.');
			add_arc(b, oid->sub[i]);
		}
		return b->oom ? SN_ENOMEM : 0;
	}
	pos = depth;
	if (o->oidfmt == MIB_OID_FULL || o->oidfmt == MIB_OID_UCD) {
		for (l = 1; l <= depth; l++) {
			p = mib_node_exact(mib, oid->sub, l);
			mib_buf_addc(&full, '.');
			if (p != NULL)
				mib_buf_adds(&full, p->name);
			else
				add_arc(&full, oid->sub[l - 1]);
		}
	} else {
		if (o->oidfmt == MIB_OID_MODULE && e->module[0] != '\0') {
			mib_buf_adds(&full, e->module);
			mib_buf_adds(&full, "::");
		}
		mib_buf_adds(&full, e->name);
	}
	if (e->smi->nodekind == SMI_NODEKIND_COLUMN) {
		row = smiGetParentNode(e->smi);
	} else if (e->smi->nodekind == SMI_NODEKIND_ROW && pos < oid->len) {
		/* An unknown column: its arc, then the index. */
		row = e->smi;
		mib_buf_addc(&full, '.');
		add_arc(&full, oid->sub[pos++]);
	}
	if (row != NULL && !o->no_break_index && pos < oid->len) {
		mib_index_render(mib, row, oid->sub + pos, oid->len - pos, o,
		    &full, &used);
		pos += used;
	}
	for (; pos < oid->len; pos++) {
		mib_buf_addc(&full, '.');
		add_arc(&full, oid->sub[pos]);
	}
	if (o->oidfmt == MIB_OID_UCD) {
		const char *t = mib_buf_str(&full);
		size_t skip = 0;

		for (i = 0; ucd_prefix[i] != NULL; i++) {
			size_t k = strlen(ucd_prefix[i]);

			if (full.len > k && strncmp(t, ucd_prefix[i], k) == 0) {
				skip = k + 1;
				break;
			}
		}
		mib_buf_add(b, t + skip, full.len - skip);
	} else
		mib_buf_add(b, mib_buf_str(&full), full.len);
	if (full.oom)
		b->oom = true;
	mib_buf_free(&full);
	return b->oom ? SN_ENOMEM : 0;
}

int
mib_format_index(struct mib *mib, const struct sn_oid *column,
    const uint32_t *arcs, size_t n, struct mib_buf *b)
{
	struct mib_outopts o;
	const struct mnode *e;
	size_t depth, used = 0, i;

	mib_outopts_init(&o);
	e = mib_node_lookup(mib, column->sub, column->len, &depth);
	if (e != NULL && e->smi->nodekind == SMI_NODEKIND_COLUMN) {
		struct mib_buf t = { 0 };

		mib_index_render(mib, smiGetParentNode(e->smi), arcs, n, &o,
		    &t, &used);
		/* Without the leading dot. */
		if (t.len > 0)
			mib_buf_add(b, mib_buf_str(&t) + 1, t.len - 1);
		mib_buf_free(&t);
	}
	for (i = used; i < n; i++) {
		if (i > 0)
			mib_buf_addc(b, '.');
		add_arc(b, arcs[i]);
	}
	return b->oom ? SN_ENOMEM : 0;
}
