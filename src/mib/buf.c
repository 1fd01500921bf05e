/*
 * The MIB layer's growable text buffer: always NUL-terminated, and on
 * allocation failure it stops growing and remembers it (oom), so that
 * renderers need no error path per append and report SN_ENOMEM once.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib/mib.h"

void
mib_buf_init(struct mib_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
mib_buf_free(struct mib_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

void
mib_buf_reset(struct mib_buf *b)
{
	b->len = 0;
	b->oom = false;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* Room for n more bytes and the NUL; false (and oom) when impossible. */
static bool
reserve(struct mib_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->oom)
		return false;
	if (b->cap - b->len > n)
		return true;
	cap = b->cap ? b->cap : 128;
	while (cap - b->len <= n) {
		if (cap > SIZE_MAX / 2) {
			b->oom = true;
			return false;
		}
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void
mib_buf_add(struct mib_buf *b, const void *p, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
mib_buf_adds(struct mib_buf *b, const char *s)
{
	mib_buf_add(b, s, strlen(s));
}

void
mib_buf_addc(struct mib_buf *b, char c)
{
	mib_buf_add(b, &c, 1);
}

void
mib_buf_addu(struct mib_buf *b, uint64_t u)
{
	char d[20];
	size_t n = sizeof(d);

	/* by hand: OID arcs are the hot path of numeric walks */
	do {
		d[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	mib_buf_add(b, d + n, sizeof(d) - n);
}

void
mib_buf_addf(struct mib_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *
mib_buf_str(const struct mib_buf *b)
{
	return b->p != NULL ? b->p : "";
}
