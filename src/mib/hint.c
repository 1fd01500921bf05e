/*
 * DISPLAY-HINT (RFC 2579 §3.1): octet-string hints ("1x:", "255a",
 * DateAndTime's "2d-1d-1d,1d:1d:1d.1d,1a1d:1d") and integer hints ("d-2",
 * "x", "o", "b") rendered the way Net-SNMP renders them (its hex and octal
 * without zero padding, its decimal-point shift), and the reverse: text
 * typed by a user parsed by an octet-string hint, for `set` with "=".
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib_int.h"

/* One hint item: [*]width code [separator [terminator]]. */
struct item {
	bool star;
	unsigned width;
	char code;
	char separ;
	char term;
};

/*
 * Parse the next item at *h.  The separator/terminator test follows
 * Net-SNMP: a character after the code is a separator unless it begins a
 * new item (a digit or '*'), and with an implicit width a following x, d
 * or o is taken as the next item's code.
 */
static void
next_item(const char **h, struct item *it)
{
	const char *p = *h;
	char ch;

	it->star = false;
	if (*p == '*') {
		it->star = true;
		p++;
	}
	it->width = 0;
	while (*p >= '0' && *p <= '9') {
		if (it->width < 65536)
			it->width = it->width * 10 + (unsigned)(*p - '0');
		p++;
	}
	it->code = *p ? *p++ : 'd';
	ch = *p;
	if (ch && ch != '*' && (ch < '0' || ch > '9') &&
	    (it->width != 0 || (ch != 'x' && ch != 'd' && ch != 'o')))
		it->separ = *p++;
	else
		it->separ = 0;
	ch = *p;
	if (ch && ch != '*' && (ch < '0' || ch > '9') &&
	    (it->width != 0 || (ch != 'x' && ch != 'd' && ch != 'o')))
		it->term = *p++;
	else
		it->term = 0;
	if (it->width == 0)
		it->width = 1;
	*h = p;
}

static void
add_num(struct mib_buf *b, uint64_t v, unsigned base)
{
	char tmp[72];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	mib_buf_add(b, tmp + n, sizeof(tmp) - n);
}

bool
mib_hint_octets(struct mib_buf *b, const char *hint, const uint8_t *p,
    size_t n)
{
	const uint8_t *cp = p, *end = p + n;
	struct item it = { false, 1, 'd', 0, 0 };
	const char *h = hint;
	size_t start = b->len;
	unsigned repeat, x;

	while (cp < end) {
		repeat = 1;
		if (*h) {
			next_item(&h, &it);
			if (it.star)
				repeat = *cp++;
		}
		while (repeat > 0 && cp < end) {
			uint64_t v = 0;

			if (it.code != 'a' && it.code != 't') {
				for (x = 0; x < it.width && cp < end; x++)
					v = v << 8 | *cp++;
			}
			switch (it.code) {
			case 'x':
				add_num(b, v, 16);
				break;
			case 'd':
				add_num(b, v, 10);
				break;
			case 'o':
				add_num(b, v, 8);
				break;
			case 'a':
			case 't':
				/*
				 * the item's octets at once, so that UTF-8
				 * sequences in them print as text
				 */
				x = it.width < (size_t)(end - cp) ?
				    it.width : (unsigned)(end - cp);
				mib_add_text(b, cp, x, true);
				cp += x;
				break;
			default:
				b->len = start;
				if (b->p != NULL)
					b->p[start] = '\0';
				return false;
			}
			if (cp < end && it.separ)
				mib_buf_addc(b, it.separ);
			repeat--;
		}
		if (it.term && cp < end)
			mib_buf_addc(b, it.term);
	}
	return true;
}

void
mib_hint_int(struct mib_buf *b, const char *hint, long long v,
    bool is_unsigned)
{
	char tmp[96], out[100];
	struct mib_buf t = { 0 };
	long shift = 0;
	size_t len, i;
	unsigned base = 10;

	if (hint[0] != '\0' && hint[1] == '-')
		shift = strtol(hint + 2, NULL, 10);
	if (shift < 0 || shift > 64)
		shift = 0;
	switch (hint[0]) {
	case 'x': base = 16; break;
	case 'o': base = 8; break;
	case 'b': base = 2; break;
	default: base = 10; break;
	}
	if (base == 10 && !is_unsigned && v < 0) {
		mib_buf_addc(&t, '-');
		add_num(&t, (uint64_t)0 - (uint64_t)v, 10);
	} else if (base == 10 || is_unsigned || v >= 0) {
		add_num(&t, is_unsigned ? (uint64_t)(uint32_t)v :
		    (uint64_t)v, base);
	} else {
		/* %lx of a negative long: the two's complement bits. */
		add_num(&t, (uint64_t)v, base);
	}
	len = t.len < sizeof(tmp) - 1 ? t.len : sizeof(tmp) - 1;
	memcpy(tmp, mib_buf_str(&t), len);
	tmp[len] = '\0';
	mib_buf_free(&t);
	if (shift == 0) {
		mib_buf_add(b, tmp, len);
		return;
	}
	/* Net-SNMP's decimal point: shift digits right of a '.'. */
	if ((size_t)shift <= len) {
		memcpy(out, tmp, len - (size_t)shift);
		out[len - (size_t)shift] = '.';
		memcpy(out + len - (size_t)shift + 1,
		    tmp + len - (size_t)shift, (size_t)shift);
		mib_buf_add(b, out, len + 1);
	} else {
		out[0] = '.';
		for (i = 0; i < (size_t)shift - len; i++)
			out[1 + i] = '0';
		memcpy(out + 1 + (size_t)shift - len, tmp, len);
		mib_buf_add(b, out, (size_t)shift + 1);
	}
}

/* Parse an unsigned number in base at *s; false when none. */
static bool
read_num(const char **s, unsigned base, uint64_t *v)
{
	const char *p = *s;
	uint64_t r = 0;
	int d;
	bool any = false;

	for (;; p++) {
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if ((unsigned)d >= base)
			break;
		if (r > (UINT64_MAX - (unsigned)d) / base)
			return false;
		r = r * base + (unsigned)d;
		any = true;
	}
	*s = p;
	*v = r;
	return any;
}

long
mib_hint_parse_octets(const char *hint, const char *text, uint8_t *out,
    size_t cap)
{
	struct item it = { false, 1, 'd', 0, 0 };
	const char *h = hint, *s = text;
	size_t n = 0, starpos = 0;
	unsigned x, count;
	uint64_t v;

	while (*s != '\0') {
		if (*h) {
			next_item(&h, &it);
		}
		count = 0;
		if (it.star) {
			/* A repeat count byte, filled in at the end. */
			if (n >= cap)
				return -1;
			starpos = n++;
		}
		for (;;) {
			switch (it.code) {
			case 'x': case 'd': case 'o':
				if (!read_num(&s, it.code == 'x' ? 16 :
				    it.code == 'd' ? 10 : 8, &v))
					return -1;
				if (it.width < 8 && v >> (8 * it.width) != 0)
					return -1;
				if (n + it.width > cap)
					return -1;
				for (x = it.width; x > 0; x--)
					out[n++] = (uint8_t)(v >> (8 *
					    (x - 1)));
				break;
			case 'a': case 't':
				for (x = 0; x < it.width && *s != '\0' &&
				    !(it.separ && *s == it.separ) &&
				    !(it.term && *s == it.term); x++) {
					if (n >= cap)
						return -1;
					out[n++] = (uint8_t)*s++;
				}
				break;
			default:
				return -1;
			}
			count++;
			if (it.separ && *s == it.separ && s[1] != '\0') {
				s++;
				if (it.star || *h == '\0')
					continue;
			}
			break;
		}
		if (it.star) {
			if (count > 255)
				return -1;
			out[starpos] = (uint8_t)count;
		}
		if (it.term && *s == it.term)
			s++;
		if (*s != '\0' && *h == '\0' && !it.separ && !it.term &&
		    it.code != 'a' && it.code != 't')
			return -1;
	}
	return (long)n;
}
