/*
 * Error codes and error detail of the snmpsh engine.  Every fallible
 * function returns 0 or a negative SN_E* code; an optional struct sn_error
 * receives the code and a message with context (peer, OID, byte offset).
 * Codes are declared once, in error.c's table (name and text).
 */
#ifndef SN_ERROR_H
#define SN_ERROR_H

#include <stddef.h>

#if defined(__GNUC__)
#define SN_API __attribute__((visibility("default")))
#define SN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SN_API
#define SN_PRINTF(a, b)
#endif

/*
 * Functions under unit test that are otherwise file-local.
 */
#ifdef SN_TESTING
#define SN_TESTABLE
#else
#define SN_TESTABLE static
#endif

enum sn_errcode {
	SN_OK = 0,
	/* argument */
	SN_EINVAL = -1,		/* invalid argument */
	SN_ERANGE = -2,		/* value out of range */
	SN_ENAME = -3,		/* malformed OID or name */
	SN_ETOOLONG = -4,	/* does not fit (buffer, OID length) */
	/* resource */
	SN_ENOMEM = -10,	/* out of memory */
	SN_ELIMIT = -11,	/* a configured limit was reached */
	/* transport */
	SN_EADDR = -20,		/* bad or unresolvable address */
	SN_ESOCKET = -21,	/* socket error */
	SN_ESEND = -22,		/* send failed */
	SN_EPROTO = -23,	/* unsupported transport */
	/* decode */
	SN_EDECODE = -30,	/* malformed message (generic) */
	SN_ETRUNC = -31,	/* input truncated */
	SN_ETAG = -32,		/* unexpected tag */
	SN_ELENGTH = -33,	/* bad length encoding */
	SN_EDEPTH = -34,	/* nesting too deep */
	SN_EOVERFLOW = -35,	/* integer or sub-identifier overflow */
	SN_EVERSION = -36,	/* unsupported SNMP version */
	SN_ETOOBIG = -37,	/* message larger than allowed */
	SN_EENCODE = -38,	/* cannot encode (buffer too small) */
	/* security (one per usmStats counter, RFC 3414 §3.2) */
	SN_EUNSUPSECLEVEL = -50,
	SN_ENOTINTIMEWINDOW = -51,
	SN_EUNKNOWNUSER = -52,
	SN_EUNKNOWNENGINEID = -53,
	SN_EWRONGDIGEST = -54,
	SN_EDECRYPT = -55,
	SN_EAUTH = -56,		/* bad community / not authorised */
	/* access (VACM, RFC 3415 §3.2 isAccessAllowed statusInformation) */
	SN_ENOACCESS = -60,
	SN_ENOTINVIEW = -61,		/* notInView */
	SN_ENOSUCHVIEW = -62,		/* noSuchView */
	SN_ENOSUCHCONTEXT = -63,	/* noSuchContext */
	SN_ENOGROUPNAME = -64,		/* noGroupName */
	SN_ENOACCESSENTRY = -65,	/* noAccessEntry */
	SN_ENOSUCHGROUP = -66,	/* a group without any access entry */
	/* protocol results */
	SN_ETIMEDOUT = -70,	/* no response after all retries */
	SN_ECANCELED = -71,	/* request cancelled */
	SN_ENOTINCREASING = -72,	/* walk: OID not increasing */
	SN_ERESPONSE = -73,	/* response carries an error-status */
	SN_ENOTFOUND = -74,	/* no such object / instance / end */
	SN_EINTERNAL = -99
};

#define SN_ERROR_MSG_MAX 512

/*
 * Error detail.  Embed one where detail is wanted and pass its address; pass
 * NULL where it is not.  msg is always NUL-terminated.
 */
struct sn_error {
	int code;
	char msg[SN_ERROR_MSG_MAX];
};

/* Short text of a code, e.g. "timeout"; never NULL. */
SN_API const char *sn_strerror(int code);
/* Symbolic name of a code, e.g. "SN_ETIMEDOUT"; never NULL. */
SN_API const char *sn_errname(int code);
/*
 * Record code and a formatted message in err (if not NULL) and return code,
 * so that callers can write `return sn_error_set(err, SN_EINVAL, ...);`.
 * A NULL fmt uses sn_strerror(code).
 */
SN_API int sn_error_set(struct sn_error *err, int code, const char *fmt, ...)
	SN_PRINTF(3, 4);
/* Reset err to "no error". */
SN_API void sn_error_clear(struct sn_error *err);

#endif
