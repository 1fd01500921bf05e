/*
 * Running Lua typed at the shell: chunks as lua.c runs its lines ("return
 * LINE" first so expressions print, incomplete chunks detected by the
 * `<eof>` syntax error), `source` of a .lua file, a safe Ctrl-C (lua.c's
 * trick: the SIGINT handler sets a hook that raises "interrupted!" at the
 * next Lua instruction, and the loop's handler still runs so a request in
 * flight is cancelled), and completion of Lua names for the REPL.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lsnmp_int.h"

/*
 * A signal handler sees only globals: the thread to stop and the flag
 * (as lua.c's globalL).  They are set and cleared around runs of the one
 * shell state.
 */
static lua_State *volatile sig_L;
static volatile sig_atomic_t sig_hit;
static int sig_depth;
static struct sigaction sig_old;

static void
stop_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	lua_sethook(L, NULL, 0, 0);
	luaL_error(L, "interrupted!");
}

static void
on_sigint(int signo)
{
	lua_State *L = sig_L;

	sig_hit = 1;
	if (L != NULL)
		lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET |
		    LUA_MASKCOUNT, 1);
	/* the loop's handler: its self-pipe wakes a waiting poll(2) */
	if (!(sig_old.sa_flags & SA_SIGINFO) &&
	    sig_old.sa_handler != SIG_DFL && sig_old.sa_handler != SIG_IGN)
		sig_old.sa_handler(signo);
}

bool
lsn_interrupted(void)
{
	return sig_hit != 0;
}

lua_State *
lsn_sig_thread(lua_State *co)
{
	lua_State *old = sig_L;

	if (sig_depth > 0)
		sig_L = co;
	return old;
}

void
lsn_sigint_begin(lua_State *L)
{
	struct sigaction sa;

	if (sig_depth++ > 0)
		return;
	sig_hit = 0;
	sig_L = L;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, &sig_old) != 0)
		memset(&sig_old, 0, sizeof(sig_old));
}

void
lsn_sigint_end(lua_State *L)
{
	if (--sig_depth > 0)
		return;
	sigaction(SIGINT, &sig_old, NULL);
	sig_L = NULL;
	sig_hit = 0;
	/* a signal after the last instruction left its hook behind */
	lua_sethook(L, NULL, 0, 0);
}

/* Message handler: the error with a traceback (lua.c's msghandler). */
int
lsn_msghandler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") &&
		    lua_type(L, -1) == LUA_TSTRING)
			return 1;
		msg = lua_pushfstring(L, "(error object is a %s value)",
		    luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

static char *
dup_top(lua_State *L)
{
	const char *m = lua_tostring(L, -1);

	return strdup(m != NULL ? m : "(error object is not a string)");
}

/* Call the function at the top (after the handler) and print results. */
static int
docall(lua_State *L, int print_results, char **errmsg)
{
	int base = lua_gettop(L), rc, n;

	lua_pushcfunction(L, lsn_msghandler);
	lua_insert(L, base);
	lsn_sigint_begin(L);
	rc = lua_pcall(L, 0, LUA_MULTRET, base);
	lsn_sigint_end(L);
	if (rc != LUA_OK) {
		*errmsg = dup_top(L);
		lua_settop(L, base - 1);
		return LSN_CHUNK_ERROR;
	}
	n = lua_gettop(L) - base;
	if (print_results && n > 0) {
		/* lua.c's l_print: the global print with the results */
		luaL_checkstack(L, 1, "too many results to print");
		lua_getglobal(L, "print");
		lua_insert(L, base + 1);
		if (lua_pcall(L, n, 0, base) != LUA_OK) {
			*errmsg = dup_top(L);
			lua_settop(L, base - 1);
			return LSN_CHUNK_ERROR;
		}
	}
	lua_settop(L, base - 1);
	return LSN_CHUNK_OK;
}

int
lsn_run_chunk(lua_State *L, const char *chunk, size_t len,
    const char *chunkname, int print_results, char **errmsg)
{
	const char *msg;
	size_t mlen;
	int rc;

	*errmsg = NULL;
	if (len > 0 && chunk[0] == '=') {
		chunk++;
		len--;
	}
	/* "return CHUNK" first, as lua.c's addreturn */
	lua_pushliteral(L, "return ");
	lua_pushlstring(L, chunk, len);
	lua_concat(L, 2);
	rc = luaL_loadbuffer(L, lua_tostring(L, -1), lua_rawlen(L, -1),
	    chunkname);
	lua_remove(L, -2);
	if (rc == LUA_OK)
		return docall(L, print_results, errmsg);
	lua_pop(L, 1);
	rc = luaL_loadbuffer(L, chunk, len, chunkname);
	if (rc == LUA_OK)
		return docall(L, print_results, errmsg);
	msg = lua_tolstring(L, -1, &mlen);
	/* lua.c's incomplete(): the syntax error is at the end of text */
	if (rc == LUA_ERRSYNTAX && msg != NULL && mlen >= 5 &&
	    strcmp(msg + mlen - 5, "<eof>") == 0) {
		lua_pop(L, 1);
		return LSN_CHUNK_INCOMPLETE;
	}
	*errmsg = dup_top(L);
	lua_pop(L, 1);
	return LSN_CHUNK_ERROR;
}

int
lsn_source_file(lua_State *L, const char *path, char **errmsg)
{
	struct lsn_state *st = lsn_state(L);
	unsigned failed;
	int rc;

	*errmsg = NULL;
	if (luaL_loadfile(L, path) != LUA_OK) {
		*errmsg = dup_top(L);
		lua_pop(L, 1);
		return -1;
	}
	if (docall(L, 0, errmsg) != LSN_CHUNK_OK)
		return -1;
	/* its tasks finish before `source` returns */
	lsn_sigint_begin(L);
	failed = lsn_wait_all(L, st);
	rc = lsn_interrupted() ? -1 : 0;
	lsn_sigint_end(L);
	if (rc < 0) {
		*errmsg = strdup("interrupted!");
		return -1;
	}
	if (failed > 0) {
		lua_pushfstring(L, "%d task%s failed", (int)failed,
		    failed == 1 ? "" : "s");
		*errmsg = dup_top(L);
		lua_pop(L, 1);
		return -1;
	}
	return 0;
}

/* --- completion of Lua names ------------------------------------------- */

static const char *const keywords[] = {
	"and", "break", "do", "else", "elseif", "end", "false", "for",
	"function", "goto", "if", "in", "local", "nil", "not", "or",
	"repeat", "return", "then", "true", "until", "while", NULL
};

struct lcomp {
	const char *text;
	size_t start;		/* of the expression being completed */
	size_t wstart;		/* of the last name in it */
	lsn_word_fn fn;
	void *ud;
	size_t n;
};

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static bool
is_ident(const char *s)
{
	if (*s == '\0' || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s != '\0'; s++)
		if (!is_name_char(*s))
			return false;
	return true;
}

/* Offer text[0..wstart) + key when key extends the word. */
static void
offer(lua_State *L, struct lcomp *c, const char *key)
{
	const char *word = c->text + c->wstart;

	if (!is_ident(key) || strncmp(key, word, strlen(word)) != 0)
		return;
	lua_pushlstring(L, c->text, c->wstart);
	lua_pushstring(L, key);
	lua_concat(L, 2);
	c->fn(c->ud, lua_tostring(L, -1));
	lua_pop(L, 1);
	c->n++;
}

/* Offer the string keys of the table at idx (and of its __index). */
static void
offer_keys(lua_State *L, struct lcomp *c, int idx, bool methods, int depth)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, idx) != 0) {
			if (lua_type(L, -2) == LUA_TSTRING && (!methods ||
			    lua_type(L, -1) == LUA_TFUNCTION))
				offer(L, c, lua_tostring(L, -2));
			lua_pop(L, 1);
		}
	}
	if (depth < 4 && lua_getmetatable(L, idx)) {
		if (lua_getfield(L, -1, "__index") == LUA_TTABLE)
			offer_keys(L, c, -1, methods, depth + 1);
		lua_pop(L, 2);
	}
}

static int
complete_protected(lua_State *L)
{
	struct lcomp *c = lua_touserdata(L, 1);
	const char *t = c->text, *p, *e;
	size_t i;

	/* the value the path before the last '.' or ':' names */
	lua_pushglobaltable(L);
	for (p = t + c->start; p < t + c->wstart - 1; p = e + 1) {
		e = p;
		while (e < t + c->wstart - 1 && *e != '.')
			e++;
		if (*e != '.' && e != t + c->wstart - 1)
			return 0;
		if (lua_type(L, -1) != LUA_TTABLE &&
		    lua_type(L, -1) != LUA_TUSERDATA)
			return 0;
		lua_pushlstring(L, p, (size_t)(e - p));
		lua_gettable(L, -2);
		lua_remove(L, -2);
	}
	if (c->wstart == c->start) {
		for (i = 0; keywords[i] != NULL; i++)
			offer(L, c, keywords[i]);
		offer_keys(L, c, -1, false, 0);
		return 0;
	}
	offer_keys(L, c, -1, t[c->wstart - 1] == ':', 0);
	return 0;
}

size_t
lsn_complete(lua_State *L, const char *text, lsn_word_fn fn, void *ud)
{
	struct lcomp c;
	size_t len = strlen(text), i;

	c.text = text;
	c.fn = fn;
	c.ud = ud;
	c.n = 0;
	i = len;
	while (i > 0 && is_name_char(text[i - 1]))
		i--;
	c.wstart = i;
	while (i > 0 && (is_name_char(text[i - 1]) || text[i - 1] == '.' ||
	    text[i - 1] == ':'))
		i--;
	c.start = i;
	/* a ':' only before the last name (s:get) */
	if (memchr(text + c.start, ':', c.wstart - c.start) != NULL &&
	    (c.wstart == c.start || text[c.wstart - 1] != ':' ||
	    memchr(text + c.start, ':', c.wstart - c.start - 1) != NULL))
		return 0;
	lua_pushcfunction(L, complete_protected);
	lua_pushlightuserdata(L, &c);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		lua_pop(L, 1);
	return c.n;
}
