/*
 * The shell's shared state and the interfaces between its files: the
 * sessions the shell owns, the running operation that Ctrl-C cancels, the
 * output options, and the command table.  Exit statuses follow SPEC §2:
 * 0 success, 1 an SNMP error, 2 a usage error, 130 interrupted.
 */
#ifndef SH_SHELL_H
#define SH_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include <sn/error.h>
#include <sn/loop.h>
#include <sn/oid.h>
#include <sn/pdu.h>
#include <sn/session.h>
#include <sn/value.h>

#include "mib/mib.h"

#include "args.h"
#include "output.h"

enum {
	SH_OK = 0,
	SH_ESNMP = 1,
	SH_EUSAGE = 2,
	SH_EINTR = 130
};

#define SH_NAME_MAX 64
#define SH_SESSIONS_MAX 64

/* A session the shell has open, under a name ("default", "demo"). */
struct sh_session {
	char name[SH_NAME_MAX];
	char *agent;
	struct sn_session *s;
	/* For `sessions` (cmd_session.c): never a passphrase. */
	char *community;	/* masked when listed */
	char *user;		/* SNMPv3 securityName */
	bool has_out;		/* `open ... -O...`: its own letters */
	struct sh_outopts out;
	const char *state;	/* "ok", "timeout", "error"; NULL: unused */
	double last_rtt;	/* seconds to the first reply, -1: none */
	/*
	 * The OIDs its last walk met, for Tab completion of index values:
	 * uint32_t length, then the sub-identifiers, one after the other.
	 */
	struct sh_buf seen;
};

/*
 * Where a command's stdout goes (job.c): straight up to stdout, or line
 * by line with a "[NAME] " label in a fan-out, or into a capture buffer
 * that pipe filters read (pipe.c).  Only whole lines leave a labelled
 * sink, so sessions answering at once never mix half lines.
 */
struct sh_sink {
	struct sh_sink *up;		/* lines go there; NULL: stdout */
	const char *label;		/* "[NAME] " in a fan-out, or NULL */
	const char *prefix;		/* the label of stdout lines: NULL
					   when JSON or CSV name the session */
	const char *session;		/* JSON "session" field, or NULL */
	struct sh_buf part;		/* a line not yet ended */
	struct sh_buf *capture;		/* set: collect here (pipes) */
};

struct sh_job;
struct sh_defaults;

struct sh_demo;

struct sh_shell {
	struct sn_loop *loop;
	struct sh_session *sessions[SH_SESSIONS_MAX];
	size_t nsessions;
	struct sh_session *cur;
	struct sh_outopts out;
	struct sh_buf ob;		/* the output line being built */
	struct sh_sink *sink;		/* where ob goes; NULL: stdout */
	struct sh_job *jobs;		/* the running command's jobs */
	struct sh_buf oletters;		/* the command's -O letters */
	struct sh_defaults *defaults;	/* snmp.conf's (profile.c) */
	bool colour;			/* names, types, errors in colour */
	bool progress;			/* progress line of long walks */
	bool stdout_tty;		/* results reach a terminal */
	bool interactive;		/* prompt on a terminal */
	bool quit;			/* `quit` was run */
	bool interrupted;		/* SIGINT since the command started */
	/* The operation Ctrl-C cancels (at most one at a time). */
	struct sn_request *req;
	struct sn_walk *walk;
	struct sh_demo *demo;
	struct sh_lua *lua;		/* the shell's Lua state (cmd_lua.c) */
	struct sh_notify *notify;	/* listener, engine (cmd_notify.c) */
	/*
	 * The MIB service (names in and out), or NULL with `-m ''`: then
	 * OIDs are numeric and values render by wire type (output.c).
	 */
	struct mib *mib;
	struct mib_buf mb;		/* scratch for the MIB renderer */
};

/*
 * A command: argv[0] is its name.  Returns an exit status (SH_OK...).
 * Errors are printed by the command.
 */
typedef int (*sh_cmd_fn)(struct sh_shell *sh, int argc, char **argv);

struct sh_cmd {
	const char *name;
	sh_cmd_fn fn;
	const char *usage;
	const char *help;
};

/* cmd.c */
/* Run one command line (commands separated by ';'); worst status. */
int sh_run_line(struct sh_shell *sh, const char *line);
int sh_run_argv(struct sh_shell *sh, int argc, char **argv);
const struct sh_cmd *sh_cmd_find(const char *name);
/* Every command name, for completion. */
void sh_cmd_names(void (*cb)(void *ud, const char *name), void *ud);
/* Print "snmpsh: fmt..." on stderr after flushing stdout. */
void sh_err(const char *fmt, ...) SN_PRINTF(1, 2);
/* Write sh->ob to stdout and empty it. */
void sh_flush_ob(struct sh_shell *sh);
/*
 * The session a request command runs on, or NULL after printing
 * "snmpsh: CMD: no session (open one, or give an AGENT)".
 */
struct sh_session *sh_need_session(struct sh_shell *sh, const char *cmd);
/*
 * Resolve an OID argument: a name or numeric OID through the MIB layer
 * (numeric only without MIBs).  Prints Net-SNMP's error ("foo: Unknown
 * Object Identifier (Sub-id not found: (top) -> foo)") and returns
 * SH_ESNMP when the name is unknown.
 */
int sh_resolve_oid(struct sh_shell *sh, const char *cmd, const char *text,
    struct sn_oid *oid);
/* Append a varbind line (newline included) to b, named when MIBs are on. */
void sh_out_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb, const struct sh_outopts *o);
/* Append the name of oid in the form o selects (numeric without MIBs). */
void sh_out_oid(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_oid *oid, const struct sh_outopts *o);
/*
 * Open the MIB service from -m/-M (sa) and MIBS, MIBDIRS, SMIPATH, HOME;
 * `-m ''` (or an empty list) loads nothing and leaves sh->mib NULL.
 */
int sh_mib_open(struct sh_shell *sh, const struct sh_sessargs *sa);
/* Add a session under name (the shell owns s); becomes current. */
int sh_session_add(struct sh_shell *sh, const char *name, const char *agent,
    struct sn_session *s);
void sh_sessions_close(struct sh_shell *sh);

/*
 * job.c: the output sink, and request commands as jobs.  A request
 * command parses its words once (usage errors before anything runs),
 * then starts one job per target session; jobs complete through engine
 * callbacks, so `@A,B CMD` runs on A and B at once and a dead agent
 * delays nobody else.  A single-session command is a fan-out of one.
 */
struct sh_job {
	struct sh_shell *sh;
	struct sh_session *ss;
	const char *cmd;
	const void *spec;		/* the parsed command, shared */
	struct sh_outopts o;		/* the session's letters, then
					   the command's */
	struct sh_sink sink;
	char prefix[SH_NAME_MAX + 4];
	struct sn_request *req;		/* what Ctrl-C cancels */
	struct sn_walk *walk;
	bool done;
	int status;
	double t0;			/* start, for the session's RTT */
	bool replied;
	void *state;			/* the command's (state_free) */
	void (*state_free)(void *state);
	struct sh_job *next;
};

/* A request command, split into parse and start. */
struct sh_jobdef {
	const char *name;
	/*
	 * Parse argv into *spec (freed with spec_free).  have_session: a
	 * target exists (else print the no-session error where the command
	 * always did, and return SH_EUSAGE).  Returns SH_OK or a status.
	 */
	int (*parse)(struct sh_shell *sh, int argc, char **argv,
	    bool have_session, void **spec);
	/*
	 * Start j on j->ss, output in j->o.  Returns SH_OK when it will end
	 * through sh_job_finish() (perhaps already has), else a status.
	 */
	int (*start)(struct sh_job *j);
	void (*spec_free)(void *spec);
};

/* The request command called name, or NULL. */
const struct sh_jobdef *sh_jobdef_find(const char *name);
/*
 * Run argv (argv[0] a request command) on n sessions at once; labelled:
 * prefix lines with "[NAME] " and add "session" to JSON.  n == 0: the
 * no-session error.  Returns the worst status.
 */
int sh_jobs_run(struct sh_shell *sh, const struct sh_jobdef *d,
    struct sh_session **targets, size_t n, bool labelled, int argc,
    char **argv);
/* Run argv on the current session (the no-session error without). */
int sh_jobs_run_cur(struct sh_shell *sh, const struct sh_jobdef *d,
    int argc, char **argv);
/* The request commands (cmd_request.c, cmd_walk.c, cmd_set.c, cmd_mib.c,
 * cmd_trap.c). */
extern const struct sh_jobdef sh_job_get, sh_job_getnext, sh_job_getbulk,
    sh_job_walk, sh_job_bulkwalk, sh_job_set, sh_job_table, sh_job_trap,
    sh_job_inform;
/* In a job's callback: make its sink current; returns the previous. */
struct sh_sink *sh_job_enter(struct sh_job *j);
/* Flush sh->ob into the job's sink and restore prev. */
void sh_job_leave(struct sh_job *j, struct sh_sink *prev);
/* The job has ended with status (SH_OK...). */
void sh_job_finish(struct sh_job *j, int status);
/* A reply arrived: note the session's round-trip time once. */
void sh_job_replied(struct sh_job *j);
/* Ctrl-C: cancel every outstanding request and walk. */
void sh_jobs_cancel(struct sh_shell *sh);
/* Write to the current sink (stdout in the end). */
void sh_sink_write(struct sh_shell *sh, const char *p, size_t n);
/* Flush a sink's unfinished line (a newline is added). */
void sh_sink_flush(struct sh_shell *sh, struct sh_sink *k);
/* printf to the current sink. */
void sh_printf(struct sh_shell *sh, const char *fmt, ...) SN_PRINTF(2, 3);
/*
 * A message on stderr (stdout flushed first), each line labelled as the
 * current sink labels its stdout lines.  sh_eprintf() as given,
 * sh_errj() as sh_err() ("snmpsh: ..." and a newline).
 */
void sh_eprintf(struct sh_shell *sh, const char *fmt, ...) SN_PRINTF(2, 3);
void sh_errj(struct sh_shell *sh, const char *fmt, ...) SN_PRINTF(2, 3);

/* json.c: machine-readable varbinds (SPEC §3) */
/* One JSON object, no newline; session NULL leaves that field out. */
void sh_json_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb, const char *session);
/* A JSON string (RFC 8259 §7) of n bytes: UTF-8 as is, other bytes as
 * \u00XX escapes. */
void sh_json_str(struct sh_buf *b, const void *p, size_t n);
/* An OID as a JSON string: dotted, no leading dot. */
void sh_json_oid(struct sh_buf *b, const struct sn_oid *oid);
/* The name of oid as a JSON string: MODULE::name.index, or dotted
 * without MIBs. */
void sh_json_name(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_oid *oid);
/* n bytes as a JSON string of lower-case hex digits. */
void sh_json_hex(struct sh_buf *b, const uint8_t *p, size_t n);
/* [session,]name,type,text: CSV fields (sep ',') or cells (sep '\t'). */
void sh_cells_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb, const char *session, char sep);

/* cmd_request.c: get getnext getbulk, and the request helper for others */
int sh_cmd_get(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_getnext(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_getbulk(struct sh_shell *sh, int argc, char **argv);
/*
 * Send pdu on ss and run the loop until it completes or Ctrl-C cancels
 * it.  On success resp (initialised by the caller) holds the response.
 * Prints timeout and engine errors as `cmd` and returns their status.
 */
int sh_request(struct sh_shell *sh, struct sh_session *ss, const char *cmd,
    const struct sn_pdu *pdu, struct sn_pdu *resp);
/*
 * Print a response: varbinds on stdout, or the error-status on stderr as
 * Net-SNMP's tools do ("Error in packet" plus dot when dot).
 */
int sh_print_response(struct sh_shell *sh, const struct sn_pdu *resp,
    const struct sh_outopts *o, bool dot);
/*
 * Parse "-O..." (attached or the next word) at argv[*i] into o: 1 when
 * consumed (*i on its last word), 0 when not -O, -SH_EUSAGE after a
 * message.
 */
int sh_parse_oopt(const char *cmd, int argc, char **argv, int *i,
    struct sh_outopts *o);
/* Record the -O values sh_parse_oopt() accepts into b (NULL: stop). */
void sh_oopt_record(struct sh_buf *b);
/* "Timeout: No Response from udp:127.0.0.1:161." and friends. */
int sh_report_status(struct sh_shell *sh, struct sh_session *ss,
    const char *cmd, int status, const struct sn_error *err);

/* cmd_walk.c */
int sh_cmd_walk(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_bulkwalk(struct sh_shell *sh, int argc, char **argv);

/* cmd_session.c: open sessions use close, and @ fan-out */
extern const struct sh_cmd sh_session_cmds[];
struct sh_session *sh_session_find(struct sh_shell *sh, const char *name);
/*
 * Open a session to agent from the options given over snmp.conf's def*
 * defaults; oo (may be NULL) its own -O letters.  add: register it under
 * name (sh_session_add, it becomes current); else a temporary one for
 * the caller to sh_session_free().  Prints errors; returns a status.
 */
int sh_session_open(struct sh_shell *sh, const char *name,
    const struct sh_sessargs *sa, const struct sh_outopts *oo,
    const char *agent, bool add, struct sh_session **out);
/* Unregister and close a session (the one place sessions go). */
int sh_session_remove(struct sh_shell *sh, struct sh_session *ss);
void sh_session_free(struct sh_session *ss);
/* `@NAME,NAME CMD...`, `@all CMD...` (argv[0] starts with '@'). */
int sh_fanout(struct sh_shell *sh, int argc, char **argv);

/* pipe.c: `CMD | grep RE | json | csv | table | count` */
int sh_run_piped(struct sh_shell *sh, int argc, char **argv);

/* paste.c: Net-SNMP command lines typed at the prompt */
/* The shell command for a Net-SNMP tool name, or NULL. */
const char *sh_paste_command(const char *tool);
int sh_paste_run(struct sh_shell *sh, int argc, char **argv);

/* profile.c: snmp.conf def* defaults and the session profiles */
struct sh_defaults *sh_defaults_load(void);
void sh_defaults_free(struct sh_defaults *d);
/* Fill what sa leaves unset from d (strings borrowed from d). */
void sh_defaults_apply(const struct sh_defaults *d, struct sh_sessargs *sa);
/*
 * The words of profile name (name first) into words: 1 found, 0 none,
 * SN_EINVAL (err) when the file is open to others or malformed.
 */
int sh_profile_find(const char *name, struct sh_argv *words,
    struct sn_error *err);
void sh_profile_names(void (*cb)(void *ud, const char *name), void *ud);

/* cmd_mib.c: translate, describe, table */
int sh_cmd_translate(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_describe(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_mib(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_table(struct sh_shell *sh, int argc, char **argv);

/* cmd_set.c */
int sh_cmd_set(struct sh_shell *sh, int argc, char **argv);

/* repl.c: the interactive prompt (readline, driven from the loop) */
/*
 * Read and run lines at a readline prompt until `quit`, Ctrl-D on an
 * empty line, or *stop; loads and saves the history.  Returns SH_OK.
 */
int sh_repl_run(struct sh_shell *sh, const bool *stop);
/*
 * Print above the line being typed (which is redrawn intact), or plainly
 * when no prompt is shown.
 */
void sh_repl_print_above(struct sh_shell *sh, const char *fmt, ...)
    SN_PRINTF(2, 3);

/* history.c: the REPL's history file, without secrets */
void sh_history_load(void);
/* Add a line unless empty, a repeat, or holding a secret. */
void sh_history_add(const char *line);
/* Write the history file (0600) and free the history; 0 or -1. */
int sh_history_save(void);
/* Whether a line holds a secret (-A -X -3m -3M -3k -3K, any form). */
bool sh_history_secret(const char *line);

/* complete.c: Tab completion */
void sh_complete_init(struct sh_shell *sh);
/* Build the MIB completion index now (it takes a while the first time). */
void sh_complete_warm(struct sh_shell *sh);
void sh_complete_done(void);
/*
 * Candidates for word on the snmpsh command line after prev (may be
 * NULL): options, -v/-a/-x/-l values, profile names, MIB names; for the
 * hidden `snmpsh --complete WORD [PREV]` the bash and zsh completions use.
 */
void sh_complete_cmdline(struct sh_shell *sh, const char *prev,
    const char *word, void (*cb)(void *ud, const char *cand), void *ud);

/*
 * cmd_lua.c: the shell's Lua state (SPEC §5) and the commands lua, =,
 * source.  The REPL, the batch reader and --exec hand lines to
 * sh_run_input(), which runs them as Lua in Lua mode or for "lua CHUNK"
 * and "= EXPR" (the rest of the line, ';' included), else sh_run_line().
 */
struct lua_State;
struct sh_lua;
/* Create the state: hooks, sessions, bundled commands, init.lua. */
int sh_lua_start(struct sh_shell *sh, const struct sh_sessargs *sa);
/* Use L (--lua's state) with the shell's hooks and sessions. */
int sh_lua_attach(struct sh_shell *sh, struct lua_State *L,
    const struct sh_sessargs *sa);
void sh_lua_close(struct sh_shell *sh);
/* The shell's Lua state, started now if it is not yet; NULL after an
 * error message. */
struct lua_State *sh_lua_state(struct sh_shell *sh);
int sh_run_input(struct sh_shell *sh, const char *line);
int sh_cmd_lua(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_source(struct sh_shell *sh, int argc, char **argv);
/* Publish a new session to Lua / withdraw one about to close. */
void sh_lua_session_added(struct sh_shell *sh, struct sh_session *ss);
void sh_lua_session_closing(struct sh_shell *sh, struct sh_session *ss);
/*
 * Run a command defined in Lua: its status, or -1 when none has argv[0].
 * Its output goes through the current sink (pipes capture it).
 */
int sh_lua_command(struct sh_shell *sh, int argc, char **argv);
bool sh_lua_has_command(struct sh_shell *sh, const char *name);
/*
 * `@NAME,.. CMD` of a Lua command: one invocation per session at once,
 * each line labelled "[NAME] ".  The worst status, or -1 when argv[0] is
 * not a Lua command.
 */
int sh_lua_fanout(struct sh_shell *sh, struct sh_session **targets,
    size_t n, int argc, char **argv);
/* `help` of Lua commands: all (name NULL), or one (-1 when unknown). */
int sh_lua_help(struct sh_shell *sh, const char *name);
/* REPL hooks: Lua mode, its prompt (NULL outside), Ctrl-D (true: it
 * left Lua mode instead of ending the shell), Ctrl-C (drop the chunk). */
bool sh_lua_mode(struct sh_shell *sh);
const char *sh_lua_prompt(struct sh_shell *sh);
bool sh_lua_eof(struct sh_shell *sh);
void sh_lua_reset_input(struct sh_shell *sh);
/*
 * Completion: Lua names in Lua mode and after "lua "/"=", arguments of
 * Lua commands (0, candidates added; *space: append a space), or -1 when
 * the word is not Lua's; and names of Lua commands for the first word.
 */
int sh_lua_complete(struct sh_shell *sh, const char *line, int start,
    const char *text, void (*add)(void *, const char *), bool *space);
void sh_lua_complete_names(struct sh_shell *sh, const char *prefix,
    void (*add)(void *, const char *));

/* --- notifications (owner: notify) --- */
struct sn_notification;
struct sn_notify_engine;
struct sh_notify;
/* cmd_set.c: parse one OID TYPE VALUE triple (snmpset's type letters)
 * and append it to vbl; prints and returns an error status. */
int sh_set_add_varbind(struct sh_shell *sh, const char *cmd,
    const char *oidtext, const char *type, const char *text,
    struct sn_vbl *vbl);
/* cmd_notify.c: listen, unlisten */
int sh_cmd_listen(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_unlisten(struct sh_shell *sh, int argc, char **argv);
/* Close the listener and its log, free sh->notify (at exit). */
void sh_notify_close(struct sh_shell *sh);
/*
 * The shell's own engine (RFC 3414 §1.5.1: the sender of a v3 trap is
 * authoritative) into *eng: its ID and boots, kept in the data folder, and
 * its time now.  eng points into sh->notify.  0, or -1.
 */
int sh_notify_engine(struct sh_shell *sh, struct sn_notify_engine *eng);
/* cmd_trap.c: trap, inform (request jobs: @NAME,.. fans them out) */
int sh_cmd_trap(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_inform(struct sh_shell *sh, int argc, char **argv);
/* notify_json.c: one notification as a JSON Lines object (newline
 * included), its varbinds as SPEC §3's objects (sh_json_varbind). */
void sh_notify_json(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_notification *n, const char *when);

#endif
