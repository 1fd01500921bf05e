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
