/*
 * Internal interfaces between the files of the Lua binding (lua/): the
 * per-Lua-state module state (event loop, tasks, open sessions), the wait
 * protocol that lets a request either yield its task or run the loop, OID
 * arguments and names, and conversions between SNMP values (RFC 2578 §7.1,
 * RFC 3416 §3) and Lua values.  Only lua/ includes this header.
 */
#ifndef LSN_INT_H
#define LSN_INT_H

#include <stdbool.h>

#include <lauxlib.h>
#include <lua.h>

#include <sn/error.h>
#include <sn/loop.h>
#include <sn/oid.h>
#include <sn/pdu.h>
#include <sn/session.h>
#include <sn/value.h>

#include "mib/mib.h"
#include "lua/lsnmp.h"

/* Registry keys and metatable names. */
#define LSN_STATE_KEY "snmpsh.state"
#define LSN_TASKS_KEY "snmpsh.tasks"	/* thread -> task userdata */
#define LSN_MT_STATE "snmp.state"
#define LSN_MT_SESSION "snmp.session"
#define LSN_MT_WALK "snmp.walk"
#define LSN_MT_TASK "snmp.task"
#define LSN_MT_TIMER "snmp.timer"
#define LSN_MT_VARBIND "snmp.varbind"
#define LSN_MT_REQ "snmp.request"
#define LSN_MT_SLEEP "snmp.sleepop"
#define LSN_COMMANDS_KEY "snmpsh.commands"	/* name -> spec table */
#define LSN_PRELUDE_KEY "snmpsh.prelude"	/* the Lua helpers */
#define LSN_MT_USAGE "snmp.usage"		/* usage error objects */

struct lsn_task;
struct lsn_session;
struct lsn_out;
struct lsn_inv;

/*
 * Something a Lua thread waits for (a request, a timer, a task's end).
 * The owner sets done through lsn_wait_done(), which makes a waiting task
 * ready to resume.  next links a task's joiners.
 */
struct lsn_wait {
	bool done;
	struct lsn_task *task;
	struct lsn_wait *next;
};

/*
 * The module state, one per Lua state, kept as a full userdata in the
 * registry (no C globals).  The loop is either the module's own (stock
 * interpreter) or borrowed from the shell.
 */
struct lsn_state {
	struct sn_loop *loop;
	bool own_loop;
	bool closing;
	struct lsn_session *sessions;	/* open sessions */
	struct lsn_task *tasks;		/* unfinished tasks */
	size_t ntasks;
	struct lsn_task *ready;		/* FIFO of tasks to resume */
	struct lsn_task *ready_tail;
	struct sn_timer *ready_timer;	/* zero-delay timer draining it */
	struct sn_timer *kick_timer;	/* ends a blocking poll early */
	int run_depth;			/* our loop runs on the stack */
	struct lsn_timer *timers;	/* snmp.every timers */
	lua_State *H;			/* thread for loop callbacks */
	unsigned failed;		/* task errors since the last wait */
	int first_error;		/* registry ref of the first, or
					   LUA_NOREF */
	struct lsn_hooks hooks;		/* the embedding program's */
	struct mib *mib;		/* names, or NULL */
	bool own_mib;			/* opened here: closed with st */
	bool mib_tried;
	struct mib_buf mb;		/* scratch for names and lines */
	struct lsn_out *out;		/* the output of the task being
					   resumed, or NULL (loutput.c) */
	struct lsn_inv *invs;		/* running command invocations */
};

/* lsnmp.c */
struct lsn_state *lsn_state(lua_State *L);
/*
 * Register metatable name once (luaL_newmetatable) with, each when not
 * NULL: __index a table of methods, __gc, __close and __tostring.
 * Leaves the stack as it was.
 */
void lsn_class(lua_State *L, const char *name, const luaL_Reg *methods,
    lua_CFunction gc, lua_CFunction close, lua_CFunction tostring);
/*
 * Resolve an OID argument: dotted text ("1.3.6.1", ".1.3.6.1"), a table
 * of integers, or a varbind (its oid field).  Raises a bad-argument error
 * for argument arg (0: an error naming no argument).  Names resolve
 * through the MIB layer (lmib.c).
 */
void lsn_check_oid(lua_State *L, int idx, int arg, struct sn_oid *oid);
/* Whether the value at idx looks like one OID (not a list of them). */
bool lsn_is_oid(lua_State *L, int idx);
/* Push the dotted form without a leading dot. */
void lsn_push_oid(lua_State *L, const struct sn_oid *oid);
/* Push the name of an OID (MODULE::name.index; numeric without MIB). */
void lsn_push_name(lua_State *L, const struct sn_oid *oid);
/* Short code string of an engine error ("timeout", "cancelled"...). */
const char *lsn_code(int status);
/* Push nil, message, code and return 3. */
int lsn_fail(lua_State *L, const char *msg, const char *code);

/* lmib.c */
/*
 * The MIB service for names (the program's, or the module's own opened
 * on first use), or NULL when there is none: OIDs stay numeric.
 */
struct mib *lsn_mib(lua_State *L);
/* Close the module's own MIB service (state closing). */
void lsn_mib_close(struct lsn_state *st);
/*
 * A value to set on oid: a plain Lua integer or string is typed by the
 * MIB object (enumeration labels, DisplayString, IpAddress, DISPLAY-HINT
 * forms, the integer types), else as lsn_check_value().
 */
void lsn_check_value_for(lua_State *L, int idx, int arg,
    const struct sn_oid *oid, struct sn_vbl *vbl, struct sn_value *out);
void lsn_mib_open(lua_State *L);
/* Push Net-SNMP's line of vb with names; 0 (nothing pushed) without MIB. */
int lsn_push_mibline(lua_State *L, const struct sn_varbind *vb);

/* lprelude.c: helpers written in Lua (s:table, command runner) */
/* Push the prelude's table of functions. */
void lsn_prelude(lua_State *L);

/* lrun.c */
/* Whether SIGINT arrived during the current chunk or command run. */
bool lsn_interrupted(void);
/* The thread the SIGINT hook goes to while it runs; returns the old one. */
lua_State *lsn_sig_thread(lua_State *co);
/*
 * Catch SIGINT around a run started from the shell (lua.c's hook trick;
 * the previous handler still runs, so the loop sees it too); nests.
 */
void lsn_sigint_begin(lua_State *L);
void lsn_sigint_end(lua_State *L);
/* lua_pcall message handler: the error with a traceback (lua.c's). */
int lsn_msghandler(lua_State *L);
/*
 * A lua_CFunction: io.stderr:write(argument 1), so that a redirected
 * io.stderr (a command's output, lsn_output) gets it; nothing without io.
 * Call it protected.
 */
int lsn_stderr_write(lua_State *L);

/* lcommand.c */
void lsn_command_open(lua_State *L);

/* loutput.c: command output through the embedder's hooks */
/*
 * Push a new output for o (copied), open until lsn_out_close(); returns
 * it.  The userdata keeps itself alive while open; tasks using it anchor
 * it too.
 */
struct lsn_out *lsn_out_new(lua_State *L, const struct lsn_output *o);
/* Push an open output's userdata (true), or push nothing (false). */
bool lsn_out_push(lua_State *L, struct lsn_out *out);
/* The invocation ended: its unended lines go out, the hooks are dropped. */
void lsn_out_close(lua_State *L, struct lsn_out *out);
/* Wrap print, io.write and the files' write method (the shell's state). */
void lsn_output_open(lua_State *L);

/* lvalue.c */
/* Push a varbind table (with the snmp.varbind metatable). */
void lsn_push_varbind(lua_State *L, const struct sn_varbind *vb);
/* Push the Lua form of a value (nil for NULL and exceptions). */
void lsn_push_value(lua_State *L, const struct sn_value *v);
/*
 * Read a value to send from the Lua value at idx: an integer (INTEGER),
 * a string (OCTET STRING), or a table {type=..., value=...}.  String
 * bytes are stored in vbl (so they live with the PDU).  Raises a
 * bad-argument error for argument arg of fname.
 */
void lsn_check_value(lua_State *L, int idx, int arg, struct sn_vbl *vbl,
    struct sn_value *out);
/* Net-SNMP's text of an exception ("No Such Instance currently..."). */
const char *lsn_exception_text(enum sn_type type);
/* Push Net-SNMP's -On line of a varbind. */
void lsn_push_vbline(lua_State *L, const struct sn_varbind *vb);
/* The typed constructors and varbind metatable. */
void lsn_value_open(lua_State *L);

/* lsched.c */
/* The task running on L, or NULL (main thread, foreign coroutine). */
struct lsn_task *lsn_current_task(lua_State *L);
/*
 * Wait for w: yield the current task (resumed from the loop once w is
 * done, then k runs) or, outside a task, run the loop until w is done and
 * call k directly.  Use as `return lsn_await(L, w, ctx, k);`.
 */
int lsn_await(lua_State *L, struct lsn_wait *w, lua_KContext ctx,
    lua_KFunction k);
/* Mark w done and make its task ready (not while the state closes). */
void lsn_wait_done(struct lsn_state *st, struct lsn_wait *w);
/* Run the loop until every task finished; returns the failures. */
unsigned lsn_wait_all(lua_State *L, struct lsn_state *st);
/* Stop the scheduler's timers (state closing). */
void lsn_sched_close(struct lsn_state *st);
void lsn_sched_open(lua_State *L);
/*
 * Spawn the function at fidx with the nargs values after it as a task;
 * pushes the task handle.  done (may be NULL) runs when it ended: ok,
 * and the thread with its results (or error) on top; a failure is then
 * done's to report (else it goes to io.stderr).
 */
typedef void (*lsn_task_done_fn)(void *ud, lua_State *co, bool ok,
    int nres);
struct lsn_task *lsn_spawn(lua_State *L, int fidx, int nargs,
    lsn_task_done_fn done, void *ud);
/*
 * Make the output at idx (lsn_out_new) the task's, for it and the tasks
 * it spawns; a task spawned by another takes its output by default.
 */
void lsn_task_set_out(lua_State *L, struct lsn_task *t, int idx);
/* Stop a task: its wait ends unfinished and it raises "interrupted!". */
void lsn_task_interrupt(struct lsn_task *t);

/* lsession.c */
/* A session object (userdata with the snmp.session metatable). */
struct lsn_session {
	struct lsn_state *st;
	struct sn_session *s;		/* NULL once closed */
	bool borrowed;		/* the shell's: never closed here */
	struct lsn_session *next;
	struct lsn_session *prev;
};

/* Close every session of the state (state closing). */
void lsn_sessions_close(struct lsn_state *st);
void lsn_session_open(lua_State *L);
/* Argument 1 as an open session (raises otherwise). */
struct lsn_session *lsn_check_session(lua_State *L);
/* Integer field k of the table at t (0: none) in lo..hi, else def. */
lua_Integer lsn_opt_int_field(lua_State *L, int t, const char *k,
    lua_Integer def, lua_Integer lo, lua_Integer hi, int arg);

/* lwalk.c: s:walk and s:bulkwalk */
int lsn_walk(lua_State *L);
int lsn_bulkwalk(lua_State *L);
void lsn_walk_open(lua_State *L);

/* The engine session of the session userdata at idx (raises if closed). */
struct sn_session *lsn_session_check(lua_State *L, int idx);

/* llisten.c: snmp.listen, snmp.trap, snmp.inform */
void lsn_listen_open(lua_State *L);

#endif
