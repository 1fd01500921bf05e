/*
 * The Lua layer's C API (STYLE §1): the `snmp` module over the engine,
 * and the few calls the shell needs to run Lua with it.  The module keeps
 * its state (event loop, tasks, sessions) in the Lua registry, one per Lua
 * state; it has no C globals.  The shell includes only this header, which
 * does not need Lua's headers.
 */
#ifndef LSN_SNMP_H
#define LSN_SNMP_H

#include <stdbool.h>
#include <stddef.h>

#include <sn/error.h>
#include <sn/loop.h>

struct lua_State;

#if defined(__GNUC__)
#define LSN_EXPORT __attribute__((visibility("default")))
#else
#define LSN_EXPORT
#endif

/*
 * The module opener for `require "snmp"` in a stock interpreter: the
 * module then creates and owns its event loop.  Returns the module table.
 */
LSN_EXPORT int luaopen_snmp(struct lua_State *L);

/*
 * A new Lua state with the standard libraries and `snmp` preloaded and
 * set as a global, on the caller's loop (borrowed: it must outlive the
 * state).  NULL on out of memory (err set).  Close with lsn_close().
 */
struct lua_State *lsn_newstate(struct sn_loop *loop, struct sn_error *err);
/* Close a state from lsn_newstate (NULL is a no-op). */
void lsn_close(struct lua_State *L);
/* Set snmp.demo_agent, the embedded demo agent's address. */
void lsn_set_demo_agent(struct lua_State *L, const char *agent);

struct sn_session;
/*
 * Make a session the shell owns usable from Lua as snmp.sessions[name]
 * (borrowed: Lua never closes it; its close() there only detaches the
 * Lua object).  0 or SN_ENOMEM.  Call lsn_unpublish_session() before the
 * shell closes s.
 */
int lsn_publish_session(struct lua_State *L, const char *name,
    struct sn_session *s);
/* Detach and remove snmp.sessions[name] (unknown names are ignored). */
void lsn_unpublish_session(struct lua_State *L, const char *name);

/*
 * Run a script as lua5.4 does: `arg` holds progname at -1, the script at
 * 0 and args from 1, and the chunk receives args as `...`.  After the
 * chunk, the loop runs until spawned tasks finished.  Returns 0, or -1
 * with *errmsg (the caller frees it) holding the error: message and
 * traceback, or "N tasks failed" (each failure was written to io.stderr
 * with its traceback as it happened).  os.exit() ends the process as in
 * lua5.4.
 */
int lsn_run_file(struct lua_State *L, const char *progname, const char *path,
    char **args, int nargs, char **errmsg);

/* --- the shell's Lua state (lmib.c, lrun.c, lcommand.c) ---------------- */

struct mib;

/*
 * What the module asks of the program embedding it (the shell).  All
 * optional; ud is passed back.  mib: the MIB service to use for names
 * (opened on first need; NULL: numeric OIDs); without this hook the
 * module opens its own service from MIBS, MIBDIRS, SMIPATH and HOME on
 * first need.  current: the name of the current session, or NULL.
 * add_session: adopt s, opened by snmp.open{name=...}, as a session of
 * the program under name (0, or an SN_E* code and s stays Lua's); the
 * program then publishes it with lsn_publish_session().
 */
struct lsn_hooks {
	struct mib *(*mib)(void *ud);
	const char *(*current)(void *ud);
	int (*add_session)(void *ud, const char *name, const char *agent,
	    struct sn_session *s);
	void *ud;
};
/* Install hooks (copied) into the state. */
void lsn_set_hooks(struct lua_State *L, const struct lsn_hooks *h);

/* Results of lsn_run_chunk(). */
enum {
	LSN_CHUNK_OK = 0,
	LSN_CHUNK_INCOMPLETE = 1,	/* more lines needed (lua.c's <eof>) */
	LSN_CHUNK_ERROR = -1		/* *errmsg says why */
};
/*
 * Run chunk (len bytes) as lua.c runs a line: first as "return CHUNK" so
 * that an expression prints its values (a leading '=' is dropped), else
 * as statements.  Results are printed with the global print when
 * print_results.  A syntax error at the end of the text is
 * LSN_CHUNK_INCOMPLETE.  SIGINT during the run stops it with the error
 * "interrupted!" (lua.c's hook; the previous SIGINT handler still runs).
 * *errmsg (the caller frees it) holds the message with its traceback.
 */
int lsn_run_chunk(struct lua_State *L, const char *chunk, size_t len,
    const char *chunkname, int print_results, char **errmsg);
/*
 * Run a Lua file as `source` does (no `arg`), then let its tasks finish.
 * 0, or -1 with *errmsg.  SIGINT as in lsn_run_chunk().
 */
int lsn_source_file(struct lua_State *L, const char *path, char **errmsg);

/*
 * Completion of Lua names (globals, fields, methods) for the text before
 * the cursor: each candidate is the whole text with the last name
 * completed ("print(snmp.mi" -> "print(snmp.mib").  Returns the count.
 */
typedef void (*lsn_word_fn)(void *ud, const char *word);
size_t lsn_complete(struct lua_State *L, const char *text, lsn_word_fn fn,
    void *ud);

/*
 * Commands defined with snmp.command{name=, usage=, help=, complete=,
 * run=}.  Lookup; a listing in name order (fn gets name, usage, help);
 * completion of the word prefix, args being the words before it (args[0]
 * the command name).
 */
int lsn_command_exists(struct lua_State *L, const char *name);
typedef void (*lsn_cmd_fn)(void *ud, const char *name, const char *usage,
    const char *help);
void lsn_command_list(struct lua_State *L, lsn_cmd_fn fn, void *ud);
size_t lsn_command_complete(struct lua_State *L, int argc, char **argv,
    const char *prefix, lsn_word_fn fn, void *ud);
/*
 * Where an invocation's output goes: out receives what print, io.write
 * and io.stdout:write write inside its task (and the tasks it spawns),
 * err what io.stderr:write writes (the runner's "snmpsh: NAME: ..."
 * messages included).  Both get whole lines only (a line left unended
 * when the invocation ends gets its newline then); the bytes are valid
 * during the call.  Neither may call into the Lua state.  Outside
 * invocations, for a NULL output or a NULL member, and in a task that
 * outlives the invocation that spawned it, Lua writes to stdout and
 * stderr as it always does.
 */
typedef void (*lsn_write_fn)(void *ud, const char *p, size_t len);
struct lsn_output {
	lsn_write_fn out;
	lsn_write_fn err;
	void *ud;
};
/*
 * Start one invocation of command argv[0] (argc words) against the
 * published session named session (NULL: none) as a task on the loop,
 * its output to o (copied; NULL: stdout and stderr); done(ud, status)
 * runs once when it ended, after its last line went to o, status as the
 * shell's (0 success, 1 an error, 2 a usage error, 130 interrupted;
 * messages were written to o->err as "snmpsh: NAME: message").  Several
 * invocations (one per session) may run at once, each with its own
 * output.  Returns 0, or an SN_E* code (done never runs).
 */
typedef void (*lsn_done_fn)(void *ud, int status);
int lsn_command_start(struct lua_State *L, int argc, char **argv,
    const char *session, const struct lsn_output *o, lsn_done_fn done,
    void *ud);
/*
 * Run the loop until finished(ud) is true.  SIGINT (Ctrl-C) stops every
 * invocation still running: each ends with "interrupted!" (status 130);
 * the previous SIGINT handler still runs.
 */
void lsn_command_wait(struct lua_State *L, bool (*finished)(void *ud),
    void *ud);
/*
 * Run one invocation to its end on the loop (lsn_command_start, then
 * lsn_command_wait); SIGINT interrupts it.  Returns its status.
 */
int lsn_command_run(struct lua_State *L, int argc, char **argv,
    const char *session, const struct lsn_output *o);

/*
 * Notification handlers for the shell's listener (`listen --lua FILE`):
 * FILE is a chunk returning a function, called with each notification as
 * the table snmp.listen's on_notification gets; returning false (not nil)
 * drops the notification.  Load: 0 with *ref, or -1 with *errmsg (the
 * caller frees it).  Call: 0 with *keep, or -1 with *errmsg (the handler
 * raised; *keep is then true).
 */
struct sn_notification;
int lsn_handler_load(struct lua_State *L, const char *path, int *ref,
    char **errmsg);
int lsn_handler_call(struct lua_State *L, int ref,
    const struct sn_notification *n, bool *keep, char **errmsg);
void lsn_handler_unref(struct lua_State *L, int ref);

#endif
