/*
 * Error codes of the engine: the one table giving each SN_E* code its
 * symbolic name and short text, and the struct sn_error helpers that record
 * a code with a formatted message carrying context (peer, OID, byte offset).
 * The security codes mirror the usmStats counters of RFC 3414 §3.2.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sn/error.h>

struct errdef {
	int code;
	const char *name;
	const char *text;
};

static const struct errdef errdefs[] = {
	{ SN_OK, "SN_OK", "success" },
	{ SN_EINVAL, "SN_EINVAL", "invalid argument" },
	{ SN_ERANGE, "SN_ERANGE", "value out of range" },
	{ SN_ENAME, "SN_ENAME", "malformed OID or name" },
	{ SN_ETOOLONG, "SN_ETOOLONG", "too long" },
	{ SN_ENOMEM, "SN_ENOMEM", "out of memory" },
	{ SN_ELIMIT, "SN_ELIMIT", "limit reached" },
	{ SN_EADDR, "SN_EADDR", "bad address" },
	{ SN_ESOCKET, "SN_ESOCKET", "socket error" },
	{ SN_ESEND, "SN_ESEND", "send failed" },
	{ SN_EPROTO, "SN_EPROTO", "unsupported transport" },
	{ SN_EDECODE, "SN_EDECODE", "malformed message" },
	{ SN_ETRUNC, "SN_ETRUNC", "message truncated" },
	{ SN_ETAG, "SN_ETAG", "unexpected tag" },
	{ SN_ELENGTH, "SN_ELENGTH", "bad length" },
	{ SN_EDEPTH, "SN_EDEPTH", "nesting too deep" },
	{ SN_EOVERFLOW, "SN_EOVERFLOW", "integer overflow" },
	{ SN_EVERSION, "SN_EVERSION", "unsupported SNMP version" },
	{ SN_ETOOBIG, "SN_ETOOBIG", "message too big" },
	{ SN_EENCODE, "SN_EENCODE", "cannot encode" },
	/* RFC 3414 §3.2: one per usmStats counter */
	{ SN_EUNSUPSECLEVEL, "SN_EUNSUPSECLEVEL",
	    "unsupported security level" },
	{ SN_ENOTINTIMEWINDOW, "SN_ENOTINTIMEWINDOW",
	    "not in time window" },
	{ SN_EUNKNOWNUSER, "SN_EUNKNOWNUSER", "unknown user name" },
	{ SN_EUNKNOWNENGINEID, "SN_EUNKNOWNENGINEID", "unknown engine ID" },
	{ SN_EWRONGDIGEST, "SN_EWRONGDIGEST",
	    "authentication failure (incorrect password, community or key)" },
	{ SN_EDECRYPT, "SN_EDECRYPT", "decryption error" },
	{ SN_EAUTH, "SN_EAUTH", "authorization error" },
	{ SN_ENOACCESS, "SN_ENOACCESS", "no access" },
	/* RFC 3415 §3.2: isAccessAllowed's statusInformation */
	{ SN_ENOTINVIEW, "SN_ENOTINVIEW", "not in view" },
	{ SN_ENOSUCHVIEW, "SN_ENOSUCHVIEW", "no such view" },
	{ SN_ENOSUCHCONTEXT, "SN_ENOSUCHCONTEXT", "no such context" },
	{ SN_ENOGROUPNAME, "SN_ENOGROUPNAME", "no group name" },
	{ SN_ENOACCESSENTRY, "SN_ENOACCESSENTRY", "no access entry" },
	{ SN_ENOSUCHGROUP, "SN_ENOSUCHGROUP", "no such group name" },
	{ SN_ETIMEDOUT, "SN_ETIMEDOUT", "timeout" },
	{ SN_ECANCELED, "SN_ECANCELED", "cancelled" },
	{ SN_ENOTINCREASING, "SN_ENOTINCREASING", "OID not increasing" },
	{ SN_ERESPONSE, "SN_ERESPONSE", "error in response" },
	{ SN_ENOTFOUND, "SN_ENOTFOUND", "no such object" },
	{ SN_EINTERNAL, "SN_EINTERNAL", "internal error" }
};

static const struct errdef *
lookup(int code)
{
	size_t i;

	for (i = 0; i < sizeof(errdefs) / sizeof(errdefs[0]); i++) {
		if (errdefs[i].code == code)
			return &errdefs[i];
	}
	return NULL;
}

const char *
sn_strerror(int code)
{
	const struct errdef *d = lookup(code);

	return d != NULL ? d->text : "unknown error";
}

const char *
sn_errname(int code)
{
	const struct errdef *d = lookup(code);

	return d != NULL ? d->name : "SN_EUNKNOWN";
}

int
sn_error_set(struct sn_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	if (fmt == NULL) {
		snprintf(err->msg, sizeof(err->msg), "%s", sn_strerror(code));
		return code;
	}
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void
sn_error_clear(struct sn_error *err)
{
	if (err == NULL)
		return;
	err->code = SN_OK;
	err->msg[0] = '\0';
}
