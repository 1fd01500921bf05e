/*
 * Tab completion for the REPL (SPEC §4): command names (a space follows),
 * session names after `use`, `close` and `@`, option values (`-v`
 * versions, `-a`/`-x` protocols, `-l` levels; a space follows), the
 * enumeration labels of the object a `set` value is for, file names after
 * `source`, MIB names through the MIB layer (plain, MODULE::, dotted
 * children; no space follows, as an instance suffix usually does), and
 * after "column." the index values this session's last walk of that
 * column met.  The same candidates serve `snmpsh --complete` for the
 * shell completions of the snmpsh command line (completions/).
 * Candidates are gathered into a list once per Tab and handed to
 * readline one by one.  The MIB
 * layer's index is built by sh_complete_warm() shortly after the first
 * prompt, so that no Tab waits for the lazy load of every module.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "shell.h"

/* At most this many MIB candidates are offered for one Tab. */
#define SH_COMPLETE_MAX 2000

struct cands {
	char **v;
	size_t n;
	size_t cap;
	size_t next;		/* the generator's position */
	const char *prefix;
	size_t plen;
};

static struct sh_shell *csh;
static struct cands cands;

static const char *const cmd_names[] = {
	"get", "getnext", "getbulk", "walk", "bulkwalk", "set", "translate",
	"describe", "table", "mib", "help", "quit", "exit", "open",
	"sessions", "use", "close", "listen", "unlisten", "trap", "inform",
	"lua", "source", "format", "output", "snmpget", "snmpgetnext",
	"snmpbulkget", "snmpwalk", "snmpbulkwalk", "snmpset", "snmptable",
	"snmptranslate", NULL
};
#define ncmd_names (sizeof(cmd_names) / sizeof(cmd_names[0]))
static const char *const versions[] = { "1", "2c", "3", NULL };
static const char *const auth_protos[] = {
	"MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512", NULL
};
static const char *const priv_protos[] = {
	"DES", "3DES", "AES", "AES-192", "AES-256", "AES-192-C", "AES-256-C",
	NULL
};
static const char *const levels[] = {
	"noAuthNoPriv", "authNoPriv", "authPriv", NULL
};

static void
cands_clear(void)
{
	size_t i;

	for (i = 0; i < cands.n; i++)
		free(cands.v[i]);
	cands.n = 0;
	cands.next = 0;
}

static void
cands_add(void *ud, const char *s)
{
	char **v;

	(void)ud;
	if (cands.n == cands.cap) {
		size_t cap = cands.cap ? cands.cap * 2 : 64;

		if ((v = realloc(cands.v, cap * sizeof(*v))) == NULL)
			return;
		cands.v = v;
		cands.cap = cap;
	}
	if ((cands.v[cands.n] = strdup(s)) != NULL)
		cands.n++;
}

static void
cands_words(const char *const *w, const char *prefix)
{
	size_t n = strlen(prefix);

	for (; *w != NULL; w++)
		if (strncmp(*w, prefix, n) == 0 &&
		    (w < cmd_names || w >= cmd_names + ncmd_names ||
		    sh_cmd_find(*w) != NULL || sh_paste_command(*w) != NULL))
			cands_add(NULL, *w);
}

static char *
generator(const char *text, int state)
{
	(void)text;
	(void)state;
	if (cands.next < cands.n)
		return strdup(cands.v[cands.next++]);
	return NULL;
}

/* The word before the one at start (NULL when the word is the first). */
static int
word_before(int start, char *buf, size_t size, bool *first)
{
	const char *l = rl_line_buffer;
	int e = start, b;

	while (e > 0 && (l[e - 1] == ' ' || l[e - 1] == '\t'))
		e--;
	*first = e == 0 || l[e - 1] == ';';
	if (*first)
		return -1;
	b = e;
	while (b > 0 && l[b - 1] != ' ' && l[b - 1] != '\t' &&
	    l[b - 1] != ';')
		b--;
	if ((size_t)(e - b) >= size)
		return -1;
	memcpy(buf, l + b, (size_t)(e - b));
	buf[e - b] = '\0';
	/* "@name CMD": the command is still the first word */
	if (buf[0] == '@') {
		int p = b;

		while (p > 0 && (l[p - 1] == ' ' || l[p - 1] == '\t'))
			p--;
		*first = p == 0 || l[p - 1] == ';';
		if (*first)
			return -1;
	}
	return 0;
}

static void
sessions(const char *prefix, bool all)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < csh->nsessions; i++)
		if (strncmp(csh->sessions[i]->name, prefix, n) == 0)
			cands_add(NULL, csh->sessions[i]->name);
	if (all && strncmp("all", prefix, n) == 0)
		cands_add(NULL, "all");
}

/* The words of the current command before position start. */
static int
words_before(int start, char words[][128], int max)
{
	const char *l = rl_line_buffer;
	int b = start, n = 0, e;

	while (b > 0 && l[b - 1] != ';')
		b--;
	while (b < start && n < max) {
		while (b < start && (l[b] == ' ' || l[b] == '\t'))
			b++;
		e = b;
		while (e < start && l[e] != ' ' && l[e] != '\t')
			e++;
		if (e == b || e == start)
			break;	/* the word being completed */
		snprintf(words[n++], 128, "%.*s", e - b, l + b);
		b = e;
	}
	return n;
}

/*
 * `set OID = <Tab>`, `set OID i <Tab>`: the labels of OID's enumeration.
 * true when the word is a set value (even with no candidates).
 */
static bool
set_value(const char *text, int start)
{
	char w[64][128];
	struct sn_oid oid;
	struct sn_error err;
	int n = words_before(start, w, 64), i = 0, nargs = 0;
	const char *args[64];

	if (n > 0 && w[0][0] == '@')
		i = 1;
	if (i >= n || strcmp(w[i], "set") != 0 || csh->mib == NULL)
		return false;
	for (i++; i < n; i++) {
		if (nargs % 3 == 0 && strncmp(w[i], "-O", 2) == 0) {
			if (w[i][2] == '\0')
				i++;
			continue;
		}
		args[nargs++] = w[i];
	}
	if (nargs % 3 != 2)
		return false;
	sn_error_clear(&err);
	if (mib_parse_oid(csh->mib, args[nargs - 2], &oid, &err) == 0)
		(void)mib_complete_enum(csh->mib, &oid, text, cands_add,
		    NULL);
	return true;
}

/*
 * "ifDescr.<Tab>": the index values after that column that the current
 * session's last walk met (sh_complete_seen()).
 */
static void
seen_indexes(const char *text)
{
	const struct sh_session *ss = csh->cur;
	const char *dot = strrchr(text, '.');
	struct sn_oid col;
	struct sn_error err;
	struct sh_buf c = { NULL, 0, 0 };
	const uint32_t *p, *end;
	size_t k, plen;
	char col_text[256];

	if (ss == NULL || ss->seen.len == 0 || dot == NULL ||
	    (size_t)(dot - text) >= sizeof(col_text) || dot == text)
		return;
	snprintf(col_text, sizeof(col_text), "%.*s", (int)(dot - text), text);
	sn_error_clear(&err);
	if (mib_parse_oid(csh->mib, col_text, &col, &err) != 0)
		return;
	plen = strlen(dot + 1);
	p = (const uint32_t *)(const void *)ss->seen.p;
	end = p + ss->seen.len / sizeof(uint32_t);
	for (; p < end && p + 1 + p[0] <= end; p += 1 + p[0]) {
		if (p[0] <= col.len)
			continue;
		for (k = 0; k < col.len && p[1 + k] == col.sub[k]; k++)
			;
		if (k < col.len)
			continue;
		c.len = 0;
		sh_buf_add(&c, text, (size_t)(dot - text) + 1);
		for (k = col.len; k < p[0]; k++) {
			if (k > col.len)
				sh_buf_addc(&c, '.');
			sh_buf_addu64(&c, p[1 + k]);
		}
		sh_buf_addc(&c, '\0');
		if (strncmp(c.p + (dot - text) + 1, dot + 1, plen) == 0)
			cands_add(NULL, c.p);
	}
	sh_buf_free(&c);
}

static char **
attempt(const char *text, int start, int end)
{
	char prev[64];
	bool first;
	bool space = true;

	(void)end;
	rl_attempted_completion_over = 1;	/* no file names by default */
	cands_clear();
	/* Lua mode, "lua CHUNK", "= EXPR", arguments of Lua commands */
	if (sh_lua_complete(csh, rl_line_buffer, start, text, cands_add,
	    &space) == 0) {
		rl_completion_append_character = space ? ' ' : '\0';
		return cands.n == 0 ? NULL :
		    rl_completion_matches(text, generator);
	}
	if (text[0] == '@' && (start == 0 || word_before(start, prev,
	    sizeof(prev), &first) < 0)) {
		const char *p = strrchr(text, ',');
		char pre[128];
		size_t k = p != NULL ? (size_t)(p - text) + 1 : 1;
		size_t i, old;

		old = cands.n;
		sessions(text + k, true);
		/* keep "@a,b," before the name being completed */
		if (k < sizeof(pre)) {
			memcpy(pre, text, k);
			for (i = old; i < cands.n; i++) {
				char buf[SH_NAME_MAX + 128];

				snprintf(buf, sizeof(buf), "%.*s%s", (int)k,
				    pre, cands.v[i]);
				free(cands.v[i]);
				cands.v[i] = strdup(buf);
				if (cands.v[i] == NULL)
					cands.v[i] = strdup("");
			}
		}
	} else if (word_before(start, prev, sizeof(prev), &first) < 0) {
		if (first) {
			cands_words(cmd_names, text);
			sh_lua_complete_names(csh, text, cands_add);
		}
	} else if (strcmp(prev, "-v") == 0) {
		cands_words(versions, text);
	} else if (strcmp(prev, "-a") == 0) {
		cands_words(auth_protos, text);
	} else if (strcmp(prev, "-x") == 0) {
		cands_words(priv_protos, text);
	} else if (strcmp(prev, "-l") == 0) {
		cands_words(levels, text);
	} else if (strcmp(prev, "use") == 0 || strcmp(prev, "close") == 0) {
		sessions(text, false);
	} else if (strcmp(prev, "help") == 0) {
		cands_words(cmd_names, text);
		sh_lua_complete_names(csh, text, cands_add);
	} else if (strcmp(prev, "source") == 0) {
		rl_attempted_completion_over = 0;	/* file names */
		return NULL;
	} else if (set_value(text, start)) {
		/* enumeration labels: a space follows */
	} else if (text[0] != '-' && text[0] != '\0' && csh->mib != NULL) {
		/* (an empty word would list every name of every module) */
		seen_indexes(text);
		(void)mib_complete(csh->mib, text, SH_COMPLETE_MAX,
		    cands_add, NULL);
		space = false;
	}
	rl_completion_append_character = space ? ' ' : '\0';
	if (cands.n == 0)
		return NULL;
	return rl_completion_matches(text, generator);
}

void
sh_complete_init(struct sh_shell *sh)
{
	csh = sh;
	rl_attempted_completion_function = attempt;
	/* ':' '.' '@' ',' '=' stay inside a word: IF-MIB::ifDescr.1 */
	rl_basic_word_break_characters = " \t\n;";
	rl_completer_word_break_characters = rl_basic_word_break_characters;
	rl_completer_quote_characters = "\"'";
}

static void
count(void *ud, const char *candidate)
{
	(void)ud;
	(void)candidate;
}

void
sh_complete_warm(struct sh_shell *sh)
{
	/* The first completion finishes the lazy MIB load (mib.h). */
	if (sh->mib != NULL)
		(void)mib_complete(sh->mib, "sys", 1, count, NULL);
}

void
sh_complete_done(void)
{
	cands_clear();
	free(cands.v);
	memset(&cands, 0, sizeof(cands));
	csh = NULL;
}

/* The options of the snmpsh command line (main.c). */
static const char *const cmdline_opts[] = {
	"-v", "-c", "-t", "-r", "-u", "-l", "-a", "-A", "-x", "-X", "-e",
	"-E", "-n", "-O", "-m", "-M", "-3m", "-3M", "-3k", "-3K", "--exec",
	"--demo", "--demo-rows", "--serve", "--lua", "--help", "--version",
	NULL
};

struct cmdline_ctx {
	void (*cb)(void *ud, const char *cand);
	void *ud;
	const char *word;
};

static void
list(const char *const *w, const char *prefix,
    void (*cb)(void *ud, const char *cand), void *ud)
{
	size_t n = strlen(prefix);

	for (; *w != NULL; w++)
		if (strncmp(*w, prefix, n) == 0)
			cb(ud, *w);
}

static void
profile_cand(void *ud, const char *name)
{
	struct cmdline_ctx *c = ud;

	if (strncmp(name, c->word, strlen(c->word)) == 0)
		c->cb(c->ud, name);
}

void
sh_complete_cmdline(struct sh_shell *sh, const char *prev, const char *word,
    void (*cb)(void *ud, const char *cand), void *ud)
{
	struct cmdline_ctx c = { cb, ud, word };

	if (prev != NULL && strcmp(prev, "-v") == 0) {
		list(versions, word, cb, ud);
	} else if (prev != NULL && strcmp(prev, "-a") == 0) {
		list(auth_protos, word, cb, ud);
	} else if (prev != NULL && strcmp(prev, "-x") == 0) {
		list(priv_protos, word, cb, ud);
	} else if (prev != NULL && strcmp(prev, "-l") == 0) {
		list(levels, word, cb, ud);
	} else if (word[0] == '-') {
		list(cmdline_opts, word, cb, ud);
	} else {
		/* an AGENT may be a profile's name; --exec words MIB names */
		sh_profile_names(profile_cand, &c);
		if (word[0] != '\0' && sh->mib != NULL)
			(void)mib_complete(sh->mib, word, SH_COMPLETE_MAX, cb,
			    ud);
	}
}
