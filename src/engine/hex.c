/*
 * Octets from hexadecimal text, as the user types them for an
 * SnmpEngineID (RFC 3411 §5), a localized key (RFC 3414 §2.6) or an
 * OCTET STRING value (snmpset's `x` type): an optional "0x" or "0X", then
 * pairs of hex digits, and with SN_HEX_SEPARATORS blanks or colons
 * between the pairs ("80:00:1f:88", "01 02 ff").
 */
#include "config.h"

#include <sn/value.h>

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
sn_hex_decode(const char *text, uint8_t *out, size_t cap, size_t *len,
    unsigned flags)
{
	const char *p = text;
	size_t n = 0;
	int hi, lo;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	while (*p != '\0') {
		if ((flags & SN_HEX_SEPARATORS) != 0 &&
		    (*p == ' ' || *p == '\t' || *p == ':')) {
			p++;
			continue;
		}
		if ((hi = hexval((unsigned char)p[0])) < 0 ||
		    (lo = hexval((unsigned char)p[1])) < 0)
			return SN_EINVAL;
		if (n == cap)
			return SN_ETOOLONG;
		out[n++] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	*len = n;
	return 0;
}
