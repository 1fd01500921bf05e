/*
 * The shell's output options (-O letters), the growable line buffer the
 * commands build their output in, numeric OIDs, and lines by wire type
 * when no MIB is loaded (`-m ''`), which the MIB layer renders with no
 * modules (src/mib/render.c keeps Net-SNMP's forms in one place).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib.h"
#include "output.h"

void
sh_outopts_init(struct sh_outopts *o)
{
	memset(o, 0, sizeof(*o));
	o->strfmt = SH_STR_GUESS;
}

int
sh_outopts_parse(struct sh_outopts *o, const char *letters)
{
	const char *c;

	for (c = letters; *c != '\0'; c++) {
		switch (*c) {
		case 'n': case 'f': case 's': case 'S': case 'u':
			/* one OID form: the last letter wins, as Net-SNMP */
			o->numeric = *c == 'n';
			o->full = *c == 'f';
			o->suffix = *c == 's';
			o->module = *c == 'S';
			o->ucd = *c == 'u';
			break;
		case 'X': o->ext_index = true; break;
		case 'q': o->quick = true; break;
		case 'Q': o->quick = true; o->quick_eq = true; break;
		case 'v': o->value_only = true; break;
		case 'e': o->num_enums = true; break;
		case 'b': o->no_break_index = true; break;
		case 'x': o->strfmt = SH_STR_HEX; break;
		case 'a': o->strfmt = SH_STR_ASCII; break;
		case 'U': o->no_units = true; break;
		case 't': o->num_ticks = true; break;
		case 'T': o->hex_text = true; break;
		default:
			return (unsigned char)*c;
		}
	}
	return 0;
}

void
sh_outopts_mib(const struct sh_outopts *o, struct mib_outopts *mo)
{
	mib_outopts_init(mo);
	mo->oidfmt = o->numeric ? MIB_OID_NUMERIC : o->full ? MIB_OID_FULL :
	    o->suffix ? MIB_OID_SUFFIX : o->ucd ? MIB_OID_UCD :
	    MIB_OID_MODULE;
	mo->no_break_index = o->no_break_index;
	mo->ext_index = o->ext_index;
	mo->quick = o->quick;
	mo->quick_eq = o->quick_eq;
	mo->value_only = o->value_only;
	mo->num_enums = o->num_enums;
	mo->num_ticks = o->num_ticks;
	mo->hex_text = o->hex_text;
	mo->no_units = o->no_units;
	mo->ascii = o->strfmt == SH_STR_ASCII;
	mo->hex = o->strfmt == SH_STR_HEX;
}

void
sh_buf_free(struct sh_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
sh_buf_reserve(struct sh_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->cap - b->len >= n)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap - b->len < n)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		/* The shell cannot print without memory; say so and stop. */
		fputs("snmpsh: out of memory\n", stderr);
		exit(1);
	}
	b->p = p;
	b->cap = cap;
}

void
sh_buf_add(struct sh_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	sh_buf_reserve(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
sh_buf_adds(struct sh_buf *b, const char *s)
{
	sh_buf_add(b, s, strlen(s));
}

void
sh_buf_addc(struct sh_buf *b, char c)
{
	sh_buf_reserve(b, 1);
	b->p[b->len++] = c;
}

void
sh_buf_addu64(struct sh_buf *b, uint64_t u)
{
	char tmp[20];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	sh_buf_add(b, tmp + n, sizeof(tmp) - n);
}

void
sh_buf_addi64(struct sh_buf *b, int64_t i)
{
	if (i < 0) {
		sh_buf_addc(b, '-');
		sh_buf_addu64(b, (uint64_t)0 - (uint64_t)i);
	} else
		sh_buf_addu64(b, (uint64_t)i);
}

void
sh_fmt_oid(struct sh_buf *b, const struct sn_oid *oid)
{
	size_t i;

	if (oid->len == 0) {
		sh_buf_addc(b, '.');
		return;
	}
	sh_buf_reserve(b, oid->len * 11);
	for (i = 0; i < oid->len; i++) {
		b->p[b->len++] = '.';
		sh_buf_addu64(b, oid->sub[i]);
	}
}

/*
 * Values and lines by wire type, with no MIB: the MIB layer's renderer
 * with no modules (mib NULL), the one place that knows Net-SNMP's forms.
 */
static void
fmt_mib(struct sh_buf *b, const struct sn_varbind *vb, bool line,
    const struct sh_outopts *o)
{
	struct mib_outopts mo;
	struct mib_buf mb = { NULL, 0, 0, false };
	int rc;

	sh_outopts_mib(o, &mo);
	rc = line ? mib_format_varbind(NULL, vb, &mo, &mb) :
	    mib_format_value(NULL, &vb->name, &vb->value, &mo, &mb);
	if (rc == 0)
		sh_buf_add(b, mib_buf_str(&mb), mb.len);
	mib_buf_free(&mb);
}

void
sh_fmt_value(struct sh_buf *b, const struct sn_value *v,
    const struct sh_outopts *o)
{
	struct sn_varbind vb;

	memset(&vb.name, 0, sizeof(vb.name));
	vb.value = *v;
	fmt_mib(b, &vb, false, o);
}

void
sh_fmt_varbind(struct sh_buf *b, const struct sn_varbind *vb,
    const struct sh_outopts *o)
{
	fmt_mib(b, vb, true, o);
	sh_buf_addc(b, '\n');
}
