/*
 * A small TAP producer for the C unit tests (Test Anything Protocol 13):
 * plan, ok/not ok with a description, diagnostics, skips.
 */
#ifndef SN_TESTS_TAP_H
#define SN_TESTS_TAP_H

#include <stddef.h>
#include <stdint.h>

/* Announce the number of tests (or call tap_done() at the end instead). */
void tap_plan(int n);
/* Record one result; returns cond so callers can chain diagnostics. */
int tap_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record a skipped test with its reason. */
void tap_skip(const char *reason, ...) __attribute__((format(printf, 1, 2)));
/* A "# ..." diagnostic line (stderr-safe, on stdout as TAP allows). */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the trailing plan if none was given; exit status for main(). */
int tap_done(void);
/* Compare byte strings; on mismatch print both in hex as diagnostics. */
int tap_mem_eq(const void *got, size_t got_len, const void *want,
    size_t want_len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Decode hex text (spaces ignored) into buf; returns length or -1. */
long tap_unhex(const char *hex, uint8_t *buf, size_t cap);

#define TAP_OK(cond) tap_ok((cond), "%s:%d: %s", __FILE__, __LINE__, #cond)

#endif
