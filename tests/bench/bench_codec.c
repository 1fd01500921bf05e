/*
 * Codec benchmark: encode and decode of one v2c GetResponse message (RFC
 * 1901 community message around an RFC 3416 §3 Response-PDU with ten
 * varbinds of mixed RFC 2578 types, about 300 bytes) with snmpsh's engine
 * (sn_msg_encode/sn_msg_decode into reused structures) against libnetsnmp
 * (snmp_build/snmp_parse, bench_netsnmp.c), measured side by side in one
 * run: each run times every operation in turn, and the figures reported
 * are medians over the runs.  Before timing, each side decodes the other's
 * bytes and both must yield the reference content, so that the two sides
 * are known to do the same work.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sn/pdu.h>

#include "codec.h"

#define MAX_RUNS 51

static const uint8_t descr[] =
    "Linux bench-host 6.1.0-18-amd64 #1 SMP Debian 6.1.76-1 x86_64";
static const uint8_t ifdescr[] = "eth0";
static const uint8_t physaddr[] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t ipaddr[] = { 192, 0, 2, 10 };

/* Ten varbinds: strings, integers, an OID, counters, ticks, addresses. */
static const struct bench_vb ref_vb[] = {
	{ .name = { 1, 3, 6, 1, 2, 1, 1, 1, 0 }, .name_len = 9,
	  .kind = BK_OCTETS, .str = descr, .str_len = sizeof(descr) - 1 },
	{ .name = { 1, 3, 6, 1, 2, 1, 1, 2, 0 }, .name_len = 9,
	  .kind = BK_OID, .oid = { 1, 3, 6, 1, 4, 1, 8072, 3, 2, 10 },
	  .oid_len = 10 },
	{ .name = { 1, 3, 6, 1, 2, 1, 1, 3, 0 }, .name_len = 9,
	  .kind = BK_TIMETICKS, .u = 123456789u },
	{ .name = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 2, 2 }, .name_len = 11,
	  .kind = BK_OCTETS, .str = ifdescr, .str_len = sizeof(ifdescr) - 1 },
	{ .name = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 6, 2 }, .name_len = 11,
	  .kind = BK_OCTETS, .str = physaddr, .str_len = sizeof(physaddr) },
	{ .name = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 10, 2 }, .name_len = 11,
	  .kind = BK_COUNTER32, .u = 3123456789u },
	{ .name = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 5, 2 }, .name_len = 11,
	  .kind = BK_GAUGE32, .u = 1000000000u },
	{ .name = { 1, 3, 6, 1, 2, 1, 4, 20, 1, 1, 192, 0, 2, 10 },
	  .name_len = 14, .kind = BK_IPADDR, .str = ipaddr,
	  .str_len = sizeof(ipaddr) },
	{ .name = { 1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 6, 2 }, .name_len = 12,
	  .kind = BK_COUNTER64, .u = 12345678901234567ull },
	{ .name = { 1, 3, 6, 1, 4, 1, 99999, 1, 7, 0 }, .name_len = 10,
	  .kind = BK_INTEGER, .i = -123456 },
};

static const struct bench_msg ref_msg = {
	.community = "public",
	.request_id = 1234567,
	.vb = ref_vb,
	.n = sizeof(ref_vb) / sizeof(ref_vb[0]),
};

/* Keeps the compiler from dropping work whose result is unused. */
static volatile size_t sink;

void
bench_dump_init(struct bench_dump *d)
{
	d->len = 0;
	d->overflow = 0;
	d->buf[0] = '\0';
}

void
bench_dump_printf(struct bench_dump *d, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (d->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(d->buf + d->len, sizeof(d->buf) - d->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(d->buf) - d->len) {
		d->overflow = 1;
		return;
	}
	d->len += (size_t)n;
}

void
bench_dump_hex(struct bench_dump *d, const uint8_t *p, size_t n)
{
	size_t i;

	if (n == 0)
		bench_dump_printf(d, "-");
	for (i = 0; i < n; i++)
		bench_dump_printf(d, "%02x", p[i]);
}

void
bench_dump_oid(struct bench_dump *d, const uint32_t *sub, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		bench_dump_printf(d, "%s%lu", i ? "." : "",
		    (unsigned long)sub[i]);
}

/* The expected canonical text, straight from the reference table. */
static void
dump_reference(const struct bench_msg *m, struct bench_dump *d)
{
	const struct bench_vb *vb;
	size_t i;

	bench_dump_init(d);
	bench_dump_printf(d, "version 1 community ");
	bench_dump_hex(d, (const uint8_t *)m->community, strlen(m->community));
	bench_dump_printf(d, " pdu a2 id %ld status 0 index 0\n",
	    (long)m->request_id);
	for (i = 0; i < m->n; i++) {
		vb = &m->vb[i];
		bench_dump_oid(d, vb->name, vb->name_len);
		bench_dump_printf(d, " %02x ", (unsigned)vb->kind);
		switch (vb->kind) {
		case BK_INTEGER:
			bench_dump_printf(d, "%ld", (long)vb->i);
			break;
		case BK_OCTETS:
		case BK_IPADDR:
			bench_dump_hex(d, vb->str, vb->str_len);
			break;
		case BK_OID:
			bench_dump_oid(d, vb->oid, vb->oid_len);
			break;
		default:
			bench_dump_printf(d, "%llu", (unsigned long long)vb->u);
			break;
		}
		bench_dump_printf(d, "\n");
	}
}

/* ---- snmpsh side ---------------------------------------------------- */

static int
sn_build(const struct bench_msg *m, struct sn_msg *msg)
{
	const struct bench_vb *vb;
	struct sn_oid name, oid;
	struct sn_value val;
	size_t i;

	sn_msg_init(msg);
	msg->version = SN_V2C;
	if (sn_msg_set_community(msg, m->community, strlen(m->community)) != 0)
		return -1;
	msg->pdu.type = SN_PDU_RESPONSE;
	msg->pdu.request_id = m->request_id;
	msg->pdu.error_status = 0;
	msg->pdu.error_index = 0;
	for (i = 0; i < m->n; i++) {
		vb = &m->vb[i];
		if (sn_oid_set(&name, vb->name, vb->name_len) != 0)
			return -1;
		switch (vb->kind) {
		case BK_INTEGER:
			val = sn_value_int(vb->i);
			break;
		case BK_OCTETS:
			val = sn_value_str(SN_T_OCTETS, vb->str, vb->str_len);
			break;
		case BK_IPADDR:
			val = sn_value_str(SN_T_IPADDR, vb->str, vb->str_len);
			break;
		case BK_OID:
			if (sn_oid_set(&oid, vb->oid, vb->oid_len) != 0)
				return -1;
			val = sn_value_oid(&oid);
			break;
		case BK_COUNTER64:
			val = sn_value_u64(vb->u);
			break;
		default:
			val = sn_value_uint((enum sn_type)vb->kind,
			    (uint32_t)vb->u);
			break;
		}
		if (sn_vbl_add(&msg->pdu.vbl, &name, &val) != 0)
			return -1;
	}
	return 0;
}

static int
sn_dump(struct sn_msg *msg, const uint8_t *buf, size_t len,
    struct bench_dump *d, struct sn_error *err)
{
	const struct sn_varbind *vb;
	const struct sn_value *v;
	size_t i;

	if (sn_msg_decode(buf, len, msg, err) != 0)
		return -1;
	bench_dump_init(d);
	bench_dump_printf(d, "version %d community ", (int)msg->version);
	bench_dump_hex(d, msg->community, msg->community_len);
	bench_dump_printf(d, " pdu %02x id %ld status %ld index %ld\n",
	    (unsigned)msg->pdu.type, (long)msg->pdu.request_id,
	    (long)msg->pdu.error_status, (long)msg->pdu.error_index);
	for (i = 0; i < msg->pdu.vbl.len; i++) {
		vb = &msg->pdu.vbl.vb[i];
		v = &vb->value;
		bench_dump_oid(d, vb->name.sub, vb->name.len);
		bench_dump_printf(d, " %02x ", (unsigned)v->type);
		switch (v->type) {
		case SN_T_INTEGER:
			bench_dump_printf(d, "%ld", (long)v->v.i);
			break;
		case SN_T_COUNTER32:
		case SN_T_GAUGE32:
		case SN_T_TIMETICKS:
			bench_dump_printf(d, "%lu", (unsigned long)v->v.u);
			break;
		case SN_T_COUNTER64:
			bench_dump_printf(d, "%llu",
			    (unsigned long long)v->v.u64);
			break;
		case SN_T_OCTETS:
		case SN_T_IPADDR:
			bench_dump_hex(d, v->v.str.ptr, v->v.str.len);
			break;
		case SN_T_OID:
			bench_dump_oid(d, v->v.oid.sub, v->v.oid.len);
			break;
		default:
			bench_dump_printf(d, "?");
			break;
		}
		bench_dump_printf(d, "\n");
	}
	return 0;
}

/* ---- the operations timed ------------------------------------------- */

struct ctx {
	struct sn_msg enc;		/* built once, encoded each time */
	struct sn_msg dec;		/* reused by every decode */
	uint8_t buf[4096];
	uint8_t ns_copy[4096];
	struct bns *ns;
	const uint8_t *bytes;		/* the message decoded */
	size_t nbytes;
};

static int
op_sn_encode(struct ctx *c)
{
	uint8_t *out;
	size_t len;

	if (sn_msg_encode(&c->enc, c->buf, sizeof(c->buf), &out, &len,
	    NULL) != 0)
		return -1;
	sink += len + out[0];
	return 0;
}

static int
op_ns_encode(struct ctx *c)
{
	const uint8_t *out;
	size_t len;

	if (bns_encode(c->ns, &out, &len) != 0)
		return -1;
	sink += len + out[0];
	return 0;
}

static int
op_sn_decode(struct ctx *c)
{
	if (sn_msg_decode(c->bytes, c->nbytes, &c->dec, NULL) != 0)
		return -1;
	sink += c->dec.pdu.vbl.len;
	return 0;
}

static int
op_ns_decode(struct ctx *c)
{
	return bns_decode(c->ns, c->bytes, c->nbytes);
}

struct op {
	const char *name;
	int (*fn)(struct ctx *);
	unsigned long iters;
	double ns[MAX_RUNS];
};

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Time iters calls; ns per call, or a negative value on failure. */
static double
time_op(struct op *op, struct ctx *c, unsigned long iters)
{
	double t0;
	unsigned long i;

	t0 = now_ns();
	for (i = 0; i < iters; i++)
		if (op->fn(c) != 0)
			return -1;
	return (now_ns() - t0) / (double)iters;
}

/* Pick the iteration count that makes one sample last about ms. */
static int
calibrate(struct op *op, struct ctx *c, double ms)
{
	unsigned long n = 64;
	double per, t;

	for (;;) {
		if ((per = time_op(op, c, n)) < 0)
			return -1;
		t = per * (double)n;
		if (t >= 20e6 || n >= (1ul << 28))
			break;
		n *= 4;
	}
	op->iters = (unsigned long)(ms * 1e6 / per);
	if (op->iters < 16)
		op->iters = 16;
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(const double *v, int n)
{
	double s[MAX_RUNS];

	memcpy(s, v, (size_t)n * sizeof(*v));
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void
hexdump(FILE *f, const char *label, const uint8_t *p, size_t n)
{
	size_t i;

	fprintf(f, "# %s (%zu bytes):", label, n);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%02x", i % 32 ? "" : "\n#   ", p[i]);
	fprintf(f, "\n");
}

static int
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_codec [-r RUNS] [-m MS_PER_SAMPLE]\n");
	exit(2);
}

/* The four cross-decodes must all give the reference content. */
static int
check(struct ctx *c, const uint8_t *sn_bytes, size_t sn_len,
    const uint8_t *ns_bytes, size_t ns_len)
{
	struct bench_dump ref, d;
	struct sn_error err;
	struct {
		const char *what;
		int sn;
		const uint8_t *p;
		size_t n;
	} cases[] = {
		{ "snmpsh decodes snmpsh's bytes", 1, sn_bytes, sn_len },
		{ "snmpsh decodes libnetsnmp's bytes", 1, ns_bytes, ns_len },
		{ "libnetsnmp decodes snmpsh's bytes", 0, sn_bytes, sn_len },
		{ "libnetsnmp decodes libnetsnmp's bytes", 0, ns_bytes,
		  ns_len },
	};
	size_t i;
	int bad = 0, rc;

	dump_reference(&ref_msg, &ref);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&err, 0, sizeof(err));
		if (cases[i].sn)
			rc = sn_dump(&c->dec, cases[i].p, cases[i].n, &d, &err);
		else
			rc = bns_dump(c->ns, cases[i].p, cases[i].n, &d);
		if (rc != 0) {
			fprintf(stderr, "bench_codec: %s: decode failed%s%s\n",
			    cases[i].what, err.msg[0] ? ": " : "", err.msg);
			bad = 1;
		} else if (d.overflow || ref.overflow ||
		    strcmp(d.buf, ref.buf) != 0) {
			fprintf(stderr, "bench_codec: %s: content differs\n"
			    "expected:\n%sgot:\n%s", cases[i].what, ref.buf,
			    d.buf);
			bad = 1;
		} else {
			printf("# check ok: %s\n", cases[i].what);
		}
	}
	return bad ? -1 : 0;
}

int
main(int argc, char **argv)
{
	static struct ctx c;
	struct op ops[] = {
		{ "encode snmpsh", op_sn_encode, 0, { 0 } },
		{ "encode netsnmp", op_ns_encode, 0, { 0 } },
		{ "decode snmpsh", op_sn_decode, 0, { 0 } },
		{ "decode netsnmp", op_ns_decode, 0, { 0 } },
	};
	enum { NOPS = sizeof(ops) / sizeof(ops[0]) };
	double med[NOPS], ratio_enc, ratio_dec;
	unsigned long runs = 7, ms = 100;
	const uint8_t *ns_bytes;
	uint8_t *sn_out, sn_bytes[4096];
	size_t sn_len, ns_len;
	struct sn_error err;
	int ch, r;
	size_t i;

	while ((ch = getopt(argc, argv, "r:m:")) != -1) {
		switch (ch) {
		case 'r':
			if (parse_uint(optarg, MAX_RUNS, &runs) != 0)
				usage();
			break;
		case 'm':
			if (parse_uint(optarg, 10000, &ms) != 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	if (bns_init() != 0 || (c.ns = bns_new(&ref_msg)) == NULL) {
		fprintf(stderr, "bench_codec: libnetsnmp set-up failed\n");
		return 1;
	}
	sn_msg_init(&c.dec);
	if (sn_build(&ref_msg, &c.enc) != 0) {
		fprintf(stderr, "bench_codec: building the snmpsh message "
		    "failed\n");
		return 1;
	}
	memset(&err, 0, sizeof(err));
	if (sn_msg_encode(&c.enc, c.buf, sizeof(c.buf), &sn_out, &sn_len,
	    &err) != 0) {
		fprintf(stderr, "bench_codec: sn_msg_encode: %s\n", err.msg);
		return 1;
	}
	memcpy(sn_bytes, sn_out, sn_len);
	if (bns_encode(c.ns, &ns_bytes, &ns_len) != 0) {
		fprintf(stderr, "bench_codec: snmp_build failed\n");
		return 1;
	}
	printf("# reference message: v2c GetResponse, %zu varbinds, "
	    "%zu bytes (snmpsh), %zu bytes (libnetsnmp)\n", ref_msg.n, sn_len,
	    ns_len);
	if (sn_len == ns_len && memcmp(sn_bytes, ns_bytes, sn_len) == 0) {
		printf("# check ok: both encoders produce identical bytes\n");
	} else {
		printf("# note: the encoders' bytes differ (allowed: BER "
		    "length forms), content checked below\n");
		hexdump(stdout, "snmpsh", sn_bytes, sn_len);
		hexdump(stdout, "libnetsnmp", ns_bytes, ns_len);
	}
	if (check(&c, sn_bytes, sn_len, ns_bytes, ns_len) != 0)
		return 1;
	/*
	 * Both decoders time the same bytes, libnetsnmp's own encoding,
	 * copied since its encoder reuses its buffer.
	 */
	memcpy(c.ns_copy, ns_bytes, ns_len);
	c.bytes = c.ns_copy;
	c.nbytes = ns_len;

	for (i = 0; i < NOPS; i++) {
		if (calibrate(&ops[i], &c, (double)ms) != 0) {
			fprintf(stderr, "bench_codec: %s failed\n",
			    ops[i].name);
			return 1;
		}
	}
	/* Interleaved: every run times each operation once, in turn. */
	for (r = 0; r < (int)runs; r++) {
		for (i = 0; i < NOPS; i++) {
			ops[i].ns[r] = time_op(&ops[i], &c, ops[i].iters);
			if (ops[i].ns[r] < 0) {
				fprintf(stderr, "bench_codec: %s failed\n",
				    ops[i].name);
				return 1;
			}
		}
	}
	for (i = 0; i < NOPS; i++)
		med[i] = median(ops[i].ns, (int)runs);
	ratio_enc = med[1] / med[0];
	ratio_dec = med[3] / med[2];
	printf("# medians of %lu runs, about %lu ms each per operation\n",
	    runs, ms);
	printf("codec encode snmpsh_ns=%.1f netsnmp_ns=%.1f speedup=%.2f\n",
	    med[0], med[1], ratio_enc);
	printf("codec decode snmpsh_ns=%.1f netsnmp_ns=%.1f speedup=%.2f\n",
	    med[2], med[3], ratio_dec);
	sn_msg_clear(&c.enc);
	sn_msg_clear(&c.dec);
	bns_free(c.ns);
	return 0;
}
