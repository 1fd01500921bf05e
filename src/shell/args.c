/*
 * Argument handling: command lines split into words the way a small shell
 * does ('single', "double" and backslash quoting, ';' between commands, '#'
 * comments), Net-SNMP's session option letters of snmpcmd(1) with values
 * attached or separate ("-cpublic", "-c public", "-v2c"), the SNMPv3
 * option values of RFC 3414 (security level, authentication and privacy
 * protocols, including RFC 7860 SHA-2 and RFC 3826 AES), and checked
 * number parsing (no atoi).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sn/pdu.h>

#include "args.h"

void
sh_argv_init(struct sh_argv *a)
{
	a->argc = 0;
	a->argv = NULL;
	a->cap = 0;
}

void
sh_argv_clear(struct sh_argv *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		free(a->argv[i]);
	free(a->argv);
	sh_argv_init(a);
}

static int
argv_push(struct sh_argv *a, const char *w, size_t n)
{
	char **v;
	char *s;

	if ((size_t)a->argc + 2 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;

		if ((v = realloc(a->argv, cap * sizeof(*v))) == NULL)
			return SN_ENOMEM;
		a->argv = v;
		a->cap = cap;
	}
	if ((s = malloc(n + 1)) == NULL)
		return SN_ENOMEM;
	memcpy(s, w, n);
	s[n] = '\0';
	a->argv[a->argc++] = s;
	a->argv[a->argc] = NULL;
	return 0;
}

int
sh_tokenize(const char *text, size_t *pos, struct sh_argv *out,
    struct sn_error *err)
{
	const char *p = text + *pos;
	char *word = NULL;
	size_t wlen = 0, wcap = 0;
	int rc = 0;

	sh_argv_clear(out);
	if (*p == '\0')
		return 0;
	for (;;) {
		bool inword = false;
		char quote = 0;

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '#') {
			while (*p != '\0' && *p != '\n')
				p++;
		}
		if (*p == '\0' || *p == ';' || *p == '\n') {
			if (*p != '\0')
				p++;
			break;
		}
		wlen = 0;
		while (*p != '\0') {
			char c = *p;

			if (quote == 0 && (c == ' ' || c == '\t' || c == '\r' ||
			    c == ';' || c == '\n'))
				break;
			p++;
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = c;
				inword = true;
				continue;
			}
			if (quote != 0 && c == quote) {
				quote = 0;
				continue;
			}
			if (c == '\\' && quote != '\'' && *p != '\0') {
				/* In "...", only \" and \\ are escapes. */
				if (quote == 0 || *p == '"' || *p == '\\')
					c = *p++;
			}
			if (wlen + 1 >= wcap) {
				size_t cap = wcap ? wcap * 2 : 64;
				char *w = realloc(word, cap);

				if (w == NULL) {
					rc = sn_error_set(err, SN_ENOMEM, NULL);
					goto fail;
				}
				word = w;
				wcap = cap;
			}
			word[wlen++] = c;
			inword = true;
		}
		if (quote != 0) {
			rc = sn_error_set(err, SN_EINVAL,
			    "unterminated %c quote", quote);
			goto fail;
		}
		if (inword && (rc = argv_push(out, word ? word : "", wlen)) < 0)
			goto fail;
	}
	free(word);
	*pos = (size_t)(p - text);
	return 1;
fail:
	free(word);
	sh_argv_clear(out);
	*pos = strlen(text);
	return rc;
}

void
sh_sessargs_init(struct sh_sessargs *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->version = -1;
	sa->retries = -1;
}

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcasecmp(s, *list) == 0)
			return true;
	}
	return false;
}

/* Letters taking a value, as in snmpcmd(1). */
static const char value_letters[] = "vctrulaAxXeEnOmMP";

/*
 * Net-SNMP's -3m -3M -3k -3K: authentication/privacy master keys (Ku) or
 * localised keys (Kul) in hex instead of passphrases (RFC 3414 A.2).
 */
static int
keys_option(int argc, char **argv, int *i, struct sh_sessargs *sa,
    struct sn_error *err)
{
	const char *arg = argv[*i], *val;
	char which = arg[2];

	if ((val = sh_opt_value(argc, argv, i, arg + 3)) == NULL)
		return sn_error_set(err, SN_EINVAL,
		    "-3%c: option requires a value", which);
	*i += 1;
	switch (which) {
	case 'm':
		sa->auth_master_key = val;
		break;
	case 'M':
		sa->priv_master_key = val;
		break;
	case 'k':
		sa->auth_local_key = val;
		break;
	default:
		sa->priv_local_key = val;
		break;
	}
	return 1;
}

int
sh_args_option(int argc, char **argv, int *i, struct sh_sessargs *sa,
    struct sh_outopts *oo, struct sn_error *err)
{
	/* RFC 3414 §3 levels; Net-SNMP also takes 1 2 3 and short forms. */
	static const char *const levels[] = { "noAuthNoPriv", "authNoPriv",
		"authPriv", "noauth", "auth", "priv", "1", "2", "3", NULL };
	const char *arg = argv[*i], *val;
	char opt;
	long n;
	double d;
	int bad;

	if (arg[0] == '-' && arg[1] == '3' && arg[2] != '\0' &&
	    strchr("mMkK", arg[2]) != NULL)
		return keys_option(argc, argv, i, sa, err);
	if (arg[0] != '-' || arg[1] == '\0' || arg[1] == '-' ||
	    strchr(value_letters, arg[1]) == NULL)
		return 0;
	opt = arg[1];
	if ((val = sh_opt_value(argc, argv, i, arg + 2)) == NULL)
		return sn_error_set(err, SN_EINVAL,
		    "-%c: option requires a value", opt);
	*i += 1;
	switch (opt) {
	case 'v':
		if (strcmp(val, "1") == 0)
			sa->version = SN_V1;
		else if (strcasecmp(val, "2c") == 0)
			sa->version = SN_V2C;
		else if (strcmp(val, "3") == 0)
			sa->version = SN_V3;
		else
			return sn_error_set(err, SN_EINVAL,
			    "-v %s: unknown SNMP version (1, 2c or 3)", val);
		sa->version_text = val;
		break;
	case 'c':
		if (strlen(val) > SN_COMMUNITY_MAX)
			return sn_error_set(err, SN_EINVAL,
			    "-c: community longer than %d bytes",
			    SN_COMMUNITY_MAX);
		sa->community = val;
		break;
	case 't':
		if (sh_parse_double(val, &d) < 0 || d <= 0 || d > 3600)
			return sn_error_set(err, SN_EINVAL,
			    "-t %s: timeout must be a number of seconds "
			    "(0 < t <= 3600)", val);
		sa->timeout_ms = (unsigned)(d * 1000 + 0.5);
		if (sa->timeout_ms == 0)
			sa->timeout_ms = 1;
		break;
	case 'r':
		if (sh_parse_int(val, 0, 100, &n) < 0)
			return sn_error_set(err, SN_EINVAL,
			    "-r %s: retries must be a number from 0 to 100",
			    val);
		sa->retries = (int)n;
		break;
	case 'u':
		sa->user = val;
		break;
	case 'l':
		if (!in_list(val, levels))
			return sn_error_set(err, SN_EINVAL, "-l %s: unknown "
			    "security level (noAuthNoPriv, authNoPriv or "
			    "authPriv)", val);
		sa->level = val;
		break;
	case 'a':
		if (sn_auth_proto_parse(val) != 0)
			return sn_error_set(err, SN_EINVAL, "-a %s: unknown "
			    "authentication protocol (MD5, SHA, SHA-224, "
			    "SHA-256, SHA-384, SHA-512)", val);
		sa->auth_proto = val;
		break;
	case 'A':
		sa->auth_pass = val;
		break;
	case 'x':
		if (sn_priv_proto_parse(val) != 0)
			return sn_error_set(err, SN_EINVAL, "-x %s: unknown "
			    "privacy protocol (DES, 3DES, AES, AES-192, "
			    "AES-256, AES-192-C, AES-256-C)", val);
		sa->priv_proto = val;
		break;
	case 'X':
		sa->priv_pass = val;
		break;
	case 'e':
		sa->sec_engine = val;
		break;
	case 'E':
		sa->ctx_engine = val;
		break;
	case 'n':
		sa->context = val;
		break;
	case 'm':
		sa->mibs = val;
		break;
	case 'M':
		sa->mibdirs = val;
		break;
	case 'P':
		sa->mibopts = val;
		break;
	case 'O':
		if ((bad = sh_outopts_parse(oo, val)) != 0)
			return sn_error_set(err, SN_EINVAL,
			    "-O%s: unknown output option '%c'", val, bad);
		break;
	}
	return 1;
}

const char *
sh_opt_value(int argc, char **argv, int *i, const char *attached)
{
	if (*attached != '\0')
		return attached;
	if (*i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int
sh_sessargs_apply(const struct sh_sessargs *sa, struct sn_session_opts *opts,
    struct sn_error *err)
{
	(void)err;
	/* SNMPv3 (RFC 3414): the engine checks these at session open */
	if (sa->user != NULL)
		opts->user = sa->user;
	if (sa->level != NULL)
		opts->sec_level = sa->level;
	if (sa->auth_proto != NULL)
		opts->auth_proto = sa->auth_proto;
	if (sa->auth_pass != NULL)
		opts->auth_pass = sa->auth_pass;
	if (sa->priv_proto != NULL)
		opts->priv_proto = sa->priv_proto;
	if (sa->priv_pass != NULL)
		opts->priv_pass = sa->priv_pass;
	if (sa->sec_engine != NULL)
		opts->sec_engine_id = sa->sec_engine;
	if (sa->ctx_engine != NULL)
		opts->ctx_engine_id = sa->ctx_engine;
	if (sa->context != NULL)
		opts->context = sa->context;
	if (sa->auth_master_key != NULL)
		opts->auth_master_key = sa->auth_master_key;
	if (sa->priv_master_key != NULL)
		opts->priv_master_key = sa->priv_master_key;
	if (sa->auth_local_key != NULL)
		opts->auth_local_key = sa->auth_local_key;
	if (sa->priv_local_key != NULL)
		opts->priv_local_key = sa->priv_local_key;
	if (sa->version >= 0)
		opts->version = (enum sn_version)sa->version;
	if (sa->community != NULL)
		opts->community = sa->community;
	if (sa->timeout_ms > 0)
		opts->timeout_ms = sa->timeout_ms;
	if (sa->retries >= 0)
		opts->retries = sa->retries;
	return 0;
}

int
sh_parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return SN_EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (*end != '\0')
		return SN_EINVAL;
	if (errno == ERANGE)
		return SN_ERANGE;
	*out = v;
	return 0;
}

int
sh_parse_i64(const char *s, int64_t *out)
{
	long long v;
	char *end;

	if (*s == '\0')
		return SN_EINVAL;
	errno = 0;
	v = strtoll(s, &end, 0);
	if (*end != '\0' || end == s)
		return SN_EINVAL;
	if (errno == ERANGE)
		return SN_ERANGE;
	*out = v;
	return 0;
}

int
sh_parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;
	int rc;

	if ((rc = sh_parse_u64(s, &v)) < 0)
		return rc;
	if (v > UINT32_MAX)
		return SN_ERANGE;
	*out = (uint32_t)v;
	return 0;
}

int
sh_parse_int(const char *s, long min, long max, long *out)
{
	int64_t v;
	int rc;

	if ((rc = sh_parse_i64(s, &v)) < 0)
		return rc;
	if (v < min || v > max)
		return SN_ERANGE;
	*out = (long)v;
	return 0;
}

int
sh_parse_double(const char *s, double *out)
{
	double v;
	char *end;

	if (*s == '\0')
		return SN_EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || end == s || !isfinite(v))
		return SN_EINVAL;
	if (errno == ERANGE && v != 0)
		return SN_ERANGE;
	*out = v;
	return 0;
}
