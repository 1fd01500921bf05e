/*
 * Tab completion for the REPL (SPEC §4): command names (a space follows),
 * session names after `use`, `close` and `@`, option values (`-v`
 * versions, `-a`/`-x` protocols, `-l` levels; a space follows), and MIB
 * names through the MIB layer (plain, MODULE::, dotted children; no space
 * follows, as an instance suffix usually does).  Candidates are gathered
 * into a list once per Tab and handed to readline one by one.  The MIB
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
	"lua", "source", "format", NULL
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
		    sh_cmd_find(*w) != NULL))
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
	} else if (text[0] != '-' && text[0] != '\0' && csh->mib != NULL) {
		/* (an empty word would list every name of every module) */
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
