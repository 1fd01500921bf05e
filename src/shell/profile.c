/*
 * Settings that come from files: the client defaults of Net-SNMP's
 * snmp.conf (snmp.conf(5): the def* tokens, timeout and retries, read
 * from snmp.conf and snmp.local.conf in each folder of SNMPCONFPATH;
 * nothing else there is read, SPEC §2), and the shell's named session
 * profiles, `$XDG_CONFIG_HOME/snmpsh/sessions`, one per line:
 *     NAME [SESSION OPTIONS] AGENT
 * A profile may hold passphrases, so the file must not be readable by
 * anyone else (mode 0600): otherwise it is refused, as ssh refuses a
 * private key.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "shell.h"

/* snmp.conf's default search path (Net-SNMP's SNMPCONFPATH). */
#define CONF_PATH "/etc/snmp:/usr/share/snmp:/usr/local/etc/snmp"

/* The def* tokens of snmp.conf(5), in the order of sh_defaults' fields. */
static const char *const tokens[] = {
	"defVersion", "defCommunity", "defSecurityName", "defSecurityLevel",
	"defAuthType", "defPrivType", "defAuthPassphrase",
	"defPrivPassphrase", "defContext", "defAuthMasterKey",
	"defPrivMasterKey", "defAuthLocalizedKey", "defPrivLocalizedKey",
	"defSecurityEngineId", "defContextEngineId", "timeout", "retries",
	"defPassphrase", NULL
};

enum {
	D_VERSION, D_COMMUNITY, D_USER, D_LEVEL, D_AUTH, D_PRIV, D_AUTHPASS,
	D_PRIVPASS, D_CONTEXT, D_AUTHMK, D_PRIVMK, D_AUTHLK, D_PRIVLK,
	D_SECENG, D_CTXENG, D_TIMEOUT, D_RETRIES, D_PASS, D_N
};

struct sh_defaults {
	char *v[D_N];
};

/* Passphrases read from files do not stay in freed memory. */
static void
wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

static void
set_field(char **f, const char *val)
{
	char *c;

	if ((c = strdup(val)) == NULL)
		return;
	if (*f != NULL) {
		wipe(*f, strlen(*f));
		free(*f);
	}
	*f = c;
}

static void
read_conf(struct sh_defaults *d, const char *path)
{
	char line[1024], *p, *val, *end;
	size_t i, n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		for (p = line; isspace((unsigned char)*p); p++)
			;
		if (*p == '#' || *p == '\0')
			continue;
		n = strcspn(p, " \t\r\n");
		for (val = p + n; isspace((unsigned char)*val); val++)
			;
		end = val + strlen(val);
		while (end > val && isspace((unsigned char)end[-1]))
			*--end = '\0';
		for (i = 0; tokens[i] != NULL; i++)
			if (strlen(tokens[i]) == n &&
			    strncasecmp(p, tokens[i], n) == 0)
				break;
		if (tokens[i] == NULL || *val == '\0')
			continue;
		if (i == D_PASS) {
			/* defPassphrase: both, unless given on their own */
			set_field(&d->v[D_AUTHPASS], val);
			set_field(&d->v[D_PRIVPASS], val);
			continue;
		}
		set_field(&d->v[i], val);
	}
	wipe(line, sizeof(line));
	fclose(f);
}

struct sh_defaults *
sh_defaults_load(void)
{
	struct sh_defaults *d;
	const char *env = getenv("SNMPCONFPATH"), *home = getenv("HOME");
	char *path, *dir, *next, file[4096];

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	if (env != NULL)
		path = strdup(env);
	else if (home != NULL && *home != '\0' &&
	    (path = malloc(strlen(CONF_PATH) + strlen(home) + 8)) != NULL)
		snprintf(path, strlen(CONF_PATH) + strlen(home) + 8,
		    "%s:%s/.snmp", CONF_PATH, home);
	else
		path = strdup(CONF_PATH);
	if (path == NULL)
		return d;
	/* Later folders, and snmp.local.conf, win (snmp_config(5)). */
	for (dir = path; dir != NULL; dir = next) {
		if ((next = strchr(dir, ':')) != NULL)
			*next++ = '\0';
		if (*dir == '\0')
			continue;
		snprintf(file, sizeof(file), "%s/snmp.conf", dir);
		read_conf(d, file);
		snprintf(file, sizeof(file), "%s/snmp.local.conf", dir);
		read_conf(d, file);
	}
	free(path);
	return d;
}

void
sh_defaults_free(struct sh_defaults *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < D_N; i++) {
		if (d->v[i] != NULL) {
			wipe(d->v[i], strlen(d->v[i]));
			free(d->v[i]);
		}
	}
	free(d);
}

void
sh_defaults_apply(const struct sh_defaults *d, struct sh_sessargs *sa)
{
	double t;
	long r;

	if (d == NULL)
		return;
	if (sa->version < 0 && d->v[D_VERSION] != NULL) {
		if (strcmp(d->v[D_VERSION], "1") == 0)
			sa->version = SN_V1;
		else if (strcasecmp(d->v[D_VERSION], "2c") == 0)
			sa->version = SN_V2C;
		else if (strcmp(d->v[D_VERSION], "3") == 0)
			sa->version = SN_V3;
	}
#define DEF(field, k) \
	if (sa->field == NULL && d->v[k] != NULL) \
		sa->field = d->v[k]
	DEF(community, D_COMMUNITY);
	DEF(user, D_USER);
	DEF(level, D_LEVEL);
	DEF(auth_proto, D_AUTH);
	DEF(priv_proto, D_PRIV);
	DEF(auth_pass, D_AUTHPASS);
	DEF(priv_pass, D_PRIVPASS);
	DEF(context, D_CONTEXT);
	DEF(auth_master_key, D_AUTHMK);
	DEF(priv_master_key, D_PRIVMK);
	DEF(auth_local_key, D_AUTHLK);
	DEF(priv_local_key, D_PRIVLK);
	DEF(sec_engine, D_SECENG);
	DEF(ctx_engine, D_CTXENG);
#undef DEF
	/* snmp.conf(5): timeout in seconds, retries a count */
	if (sa->timeout_ms == 0 && d->v[D_TIMEOUT] != NULL &&
	    sh_parse_double(d->v[D_TIMEOUT], &t) == 0 && t > 0 && t <= 3600)
		sa->timeout_ms = (unsigned)(t * 1000 + 0.5);
	if (sa->retries < 0 && d->v[D_RETRIES] != NULL &&
	    sh_parse_int(d->v[D_RETRIES], 0, 100, &r) == 0)
		sa->retries = (int)r;
}

/* The profiles file: $XDG_CONFIG_HOME/snmpsh/sessions (or ~/.config). */
static int
profiles_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (x != NULL && *x != '\0')
		snprintf(buf, size, "%s/snmpsh/sessions", x);
	else if (home != NULL && *home != '\0')
		snprintf(buf, size, "%s/.config/snmpsh/sessions", home);
	else
		return -1;
	return 0;
}

/*
 * Open the profiles file after checking its mode.  NULL with *bad set
 * (and the message in err) when it is open to others, NULL alone when
 * there is none.
 */
static FILE *
profiles_open(char *path, size_t size, bool *bad, struct sn_error *err)
{
	struct stat st;
	FILE *f;

	*bad = false;
	if (profiles_path(path, size) < 0 || (f = fopen(path, "r")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) < 0 || (st.st_mode & 077) != 0) {
		sn_error_set(err, SN_EINVAL, "%s: mode %04o: profiles may "
		    "hold passphrases, so the file must be 0600 (chmod 600 "
		    "%s)", path, (unsigned)(st.st_mode & 07777), path);
		*bad = true;
		fclose(f);
		return NULL;
	}
	return f;
}

int
sh_profile_find(const char *name, struct sh_argv *words, struct sn_error *err)
{
	char path[4096], *line = NULL;
	size_t cap = 0, pos;
	bool bad;
	ssize_t n;
	FILE *f;
	int rc, found = 0;

	if ((f = profiles_open(path, sizeof(path), &bad, err)) == NULL)
		return bad ? SN_EINVAL : 0;
	while (!found && (n = getline(&line, &cap, f)) >= 0) {
		pos = 0;
		rc = sh_tokenize(line, &pos, words, err);
		if (rc < 0) {
			sn_error_set(err, SN_EINVAL, "%s: %s", path, err->msg);
			found = SN_EINVAL;
			break;
		}
		if (rc > 0 && words->argc > 0 &&
		    strcmp(words->argv[0], name) == 0)
			found = 1;
	}
	if (line != NULL) {
		wipe(line, cap);
		free(line);
	}
	fclose(f);
	if (found != 1)
		sh_argv_clear(words);
	return found;
}

void
sh_profile_names(void (*cb)(void *ud, const char *name), void *ud)
{
	char path[4096], *line = NULL;
	size_t cap = 0, n;
	struct sn_error err;
	bool bad;
	FILE *f;

	if ((f = profiles_open(path, sizeof(path), &bad, &err)) == NULL)
		return;
	while (getline(&line, &cap, f) >= 0) {
		char *p = line;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#' || *p == '\0')
			continue;
		n = strcspn(p, " \t\r\n");
		p[n] = '\0';
		cb(ud, p);
	}
	if (line != NULL) {
		wipe(line, cap);
		free(line);
	}
	fclose(f);
}
