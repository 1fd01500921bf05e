/*
 * A small TAP producer for the C unit tests; see tap.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static int tap_n;
static int tap_failed;
static int tap_planned;

void
tap_plan(int n)
{
	tap_planned = 1;
	printf("1..%d\n", n);
	fflush(stdout);
}

int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

void
tap_skip(const char *reason, ...)
{
	va_list ap;

	tap_n++;
	printf("ok %d # SKIP ", tap_n);
	va_start(ap, reason);
	vprintf(reason, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int
tap_done(void)
{
	if (!tap_planned)
		printf("1..%d\n", tap_n);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

static void
hexdump(const char *label, const unsigned char *p, size_t n)
{
	size_t i;

	printf("# %s (%zu):", label, n);
	for (i = 0; i < n; i++)
		printf("%s%02x", (i % 32) == 0 ? "\n#   " : " ", p[i]);
	printf("\n");
}

int
tap_mem_eq(const void *got, size_t got_len, const void *want, size_t want_len,
    const char *fmt, ...)
{
	const unsigned char *g = got, *w = want;
	int eq = got_len == want_len;
	size_t i;
	va_list ap;

	for (i = 0; eq && i < got_len; i++)
		eq = g[i] == w[i];
	tap_n++;
	if (!eq)
		tap_failed++;
	printf("%sok %d - ", eq ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!eq) {
		hexdump("got", g, got_len);
		hexdump("want", w, want_len);
	}
	fflush(stdout);
	return eq;
}

long
tap_unhex(const char *hex, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int c = (unsigned char)*hex, v;

		if (isspace(c) || c == ':')
			continue;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= cap)
			return -1;
		buf[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (long)n : -1;
}
