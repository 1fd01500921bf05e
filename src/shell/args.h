/*
 * Argument handling of the shell: splitting command lines into words
 * (quotes, backslashes, ';' between commands, '#' comments), Net-SNMP
 * style session and output options (snmpcmd(1): "-c public", "-cpublic",
 * "-v2c"), and checked number parsing.
 */
#ifndef SH_ARGS_H
#define SH_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/session.h>

#include "output.h"

/* A word list; the words are owned by the list. */
struct sh_argv {
	int argc;
	char **argv;	/* argv[argc] is NULL */
	size_t cap;
};

void sh_argv_init(struct sh_argv *a);
void sh_argv_clear(struct sh_argv *a);

/*
 * Read the next command of text from *pos: words up to an unquoted ';',
 * newline or the end.  Returns 1 with the words in out (possibly none,
 * for an empty command or a comment), 0 at the end of text, or SN_EINVAL
 * (unterminated quote; message in err).
 */
int sh_tokenize(const char *text, size_t *pos, struct sh_argv *out,
    struct sn_error *err);

/* Session options as given (strings borrowed from argv). */
struct sh_sessargs {
	int version;		/* SN_V1, SN_V2C, SN_V3; -1: not given */
	const char *version_text;
	const char *community;
	unsigned timeout_ms;	/* 0 when not given */
	int retries;		/* -1 when not given */
	/* SNMPv3 (RFC 3414), parsed and checked, used by the v3 issue. */
	const char *user;	/* -u */
	const char *level;	/* -l */
	const char *auth_proto;	/* -a */
	const char *auth_pass;	/* -A */
	const char *priv_proto;	/* -x */
	const char *priv_pass;	/* -X */
	const char *sec_engine;	/* -e */
	const char *ctx_engine;	/* -E */
	const char *context;	/* -n */
	const char *auth_master_key;	/* -3m */
	const char *priv_master_key;	/* -3M */
	const char *auth_local_key;	/* -3k */
	const char *priv_local_key;	/* -3K */
	/* MIB options, for the MIB layer. */
	const char *mibs;	/* -m */
	const char *mibdirs;	/* -M */
	const char *mibopts;	/* -P: MIB parsing toggles (e: errors) */
};

void sh_sessargs_init(struct sh_sessargs *sa);
/*
 * If argv[*i] is a session option (-v -c -t -r -u -l -a -A -x -X -e -E -n
 * -3m -3M -3k -3K -m -M) or -O, consume it and its value (attached or next word), advance
 * *i past them and return 1.  Return 0 when argv[*i] is none of those, and
 * SN_EINVAL for a bad or missing value (err: "-v 4: ..." with the token).
 */
int sh_args_option(int argc, char **argv, int *i, struct sh_sessargs *sa,
    struct sh_outopts *oo, struct sn_error *err);
/*
 * Fill opts from sa over its defaults (the SNMPv3 strings are borrowed
 * from sa; sn_session_open checks them).  Returns 0.
 */
int sh_sessargs_apply(const struct sh_sessargs *sa,
    struct sn_session_opts *opts, struct sn_error *err);

/* Checked whole-string number parsing; 0 or SN_EINVAL / SN_ERANGE. */
int sh_parse_u64(const char *s, uint64_t *out);
int sh_parse_i64(const char *s, int64_t *out);
int sh_parse_u32(const char *s, uint32_t *out);
int sh_parse_int(const char *s, long min, long max, long *out);
/*
 * The value of an option given attached ("-cpublic": attached points just
 * after the option letters) or as the next word; then *i moves onto that
 * word.  NULL when neither is there.
 */
const char *sh_opt_value(int argc, char **argv, int *i,
    const char *attached);
int sh_parse_double(const char *s, double *out);

#endif
