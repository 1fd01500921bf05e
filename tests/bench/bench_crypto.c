/*
 * Per-message cost of SNMPv3 USM cryptography in the engine (crypto.c):
 * HMAC-SHA-256 (RFC 7860 usmHMAC192SHA256AuthProtocol computes it over
 * the whole message), AES-128-CFB (RFC 3826) encryption and decryption,
 * each at 150 octets (a GetNext request or its response) and 1500 octets
 * (a GetBulk response), always with the same key as a session does; and
 * the one-time costs of a session: making the crypto context and the
 * RFC 3414 A.2 password-to-key of a SHA-256 user.  Each figure is the
 * median of 11 runs of about 20 ms; output: one "crypto NAME ns=N" line
 * per operation.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/crypto.h"
#include "engine/usm.h"

#define RUNS 11

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

enum op { HMAC, ENC, DEC };

static struct sn_crypto *crypto;
static uint8_t key[32], iv[16], msg[1500], out[1500], mac[64];

static int
once(enum op op, size_t len)
{
	struct sn_iov iov = { msg, len };

	iv[0]++;
	switch (op) {
	case HMAC:
		return sn_crypto_hmac(crypto, SN_HASH_SHA256, key, 32, &iov, 1,
		    mac, NULL);
	case ENC:
		return sn_crypto_cipher(crypto, SN_CIPHER_AES128_CFB, true,
		    key, iv, msg, len, out, NULL);
	default:
		return sn_crypto_cipher(crypto, SN_CIPHER_AES128_CFB, false,
		    key, iv, msg, len, out, NULL);
	}
}

/* Median ns per operation. */
static double
measure(enum op op, size_t len)
{
	double t[RUNS], t0;
	long n = 1, i;
	int r;

	/* calibrate: about 20 ms per run */
	for (;;) {
		t0 = now();
		for (i = 0; i < n; i++)
			once(op, len);
		if (now() - t0 > 0.02 || n > (1L << 26))
			break;
		n *= 2;
	}
	for (r = 0; r < RUNS; r++) {
		t0 = now();
		for (i = 0; i < n; i++)
			once(op, len);
		t[r] = (now() - t0) / (double)n * 1e9;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	return t[RUNS / 2];
}

int
main(void)
{
	static const struct {
		const char *name;
		enum op op;
		size_t len;
	} ops[] = {
		{ "hmac-sha256-150", HMAC, 150 },
		{ "hmac-sha256-1500", HMAC, 1500 },
		{ "aes128-cfb-encrypt-150", ENC, 150 },
		{ "aes128-cfb-encrypt-1500", ENC, 1500 },
		{ "aes128-cfb-decrypt-150", DEC, 150 },
		{ "aes128-cfb-decrypt-1500", DEC, 1500 },
	};
	struct sn_crypto *c2;
	uint8_t ku[SN_HASH_MAX];
	double t[RUNS], t0;
	size_t i;
	int r;

	if (sn_crypto_new(&crypto, NULL) != 0) {
		fprintf(stderr, "bench_crypto: no crypto context\n");
		return 1;
	}
	memset(key, 0x5a, sizeof(key));
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (once(ops[i].op, ops[i].len) != 0) {
			fprintf(stderr, "bench_crypto: %s failed\n",
			    ops[i].name);
			return 1;
		}
		printf("crypto %s ns=%.0f\n", ops[i].name,
		    measure(ops[i].op, ops[i].len));
	}
	/* one-time costs of a session */
	for (r = 0; r < RUNS; r++) {
		t0 = now();
		if (sn_crypto_new(&c2, NULL) != 0)
			return 1;
		sn_crypto_free(c2);
		t[r] = (now() - t0) * 1e9;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	printf("crypto context-new ns=%.0f\n", t[RUNS / 2]);
	for (r = 0; r < RUNS; r++) {
		t0 = now();
		if (sn_usm_password_to_key(crypto, SN_HASH_SHA256,
		    "bench-auth-pass", 15, ku, NULL) != 0)
			return 1;
		t[r] = (now() - t0) * 1e9;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	printf("crypto password-to-key-sha256 ns=%.0f\n", t[RUNS / 2]);
	sn_crypto_free(crypto);
	return 0;
}
