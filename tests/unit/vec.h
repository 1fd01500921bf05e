/*
 * Test vectors as data: rows of tests/vectors/NAME.txt, fields separated by
 * " | ", '#' comments, a trailing backslash continues a line.  Also the
 * one-line renderings of values, PDUs and messages the vectors expect.
 */
#ifndef SN_TESTS_VEC_H
#define SN_TESTS_VEC_H

#include <stddef.h>
#include <stdint.h>

#include <sn/pdu.h>
#include <sn/value.h>

#define VEC_FIELDS 4

struct vec_row {
	const char *file;
	int line;
	int nfields;
	char *field[VEC_FIELDS];	/* trimmed */
};

typedef void (*vec_fn)(const struct vec_row *row, void *arg);

/* Run fn on every row of $top_srcdir/tests/vectors/name; rows read, or -1. */
int vec_foreach(const char *name, vec_fn fn, void *arg);

/* "Integer32 -1", "OctetString x:6162", "ObjectIdentifier .1.3", "Null" */
void vec_render_value(const struct sn_value *v, char *buf, size_t cap);
/* "get rid=1 es=0 ei=0 .1.3.6=Null, .1.3.7=Integer32 5" */
void vec_render_pdu(const struct sn_pdu *pdu, char *buf, size_t cap);
/* "v2c public " + the PDU */
void vec_render_msg(const struct sn_msg *msg, char *buf, size_t cap);

#endif
