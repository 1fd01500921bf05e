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
};

struct sh_demo;

struct sh_shell {
	struct sn_loop *loop;
	struct sh_session *sessions[SH_SESSIONS_MAX];
	size_t nsessions;
	struct sh_session *cur;
	struct sh_outopts out;
	struct sh_buf ob;		/* the output line being built */
	bool interactive;		/* prompt on a terminal */
	bool quit;			/* `quit` was run */
	bool interrupted;		/* SIGINT since the command started */
	/* The operation Ctrl-C cancels (at most one at a time). */
	struct sn_request *req;
	struct sn_walk *walk;
	struct sh_demo *demo;
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
/* "Timeout: No Response from udp:127.0.0.1:161." and friends. */
int sh_report_status(struct sh_shell *sh, struct sh_session *ss,
    const char *cmd, int status, const struct sn_error *err);

/* cmd_walk.c */
int sh_cmd_walk(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_bulkwalk(struct sh_shell *sh, int argc, char **argv);

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

/* --- notifications (owner: notify) --- */
struct sn_notification;
/* cmd_set.c: parse one OID TYPE VALUE triple (snmpset's type letters)
 * and append it to vbl; prints and returns an error status. */
int sh_set_add_varbind(struct sh_shell *sh, const char *cmd,
    const char *oidtext, const char *type, const char *text,
    struct sn_vbl *vbl);
/* cmd_notify.c: listen, unlisten, trap, inform */
int sh_cmd_listen(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_unlisten(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_trap(struct sh_shell *sh, int argc, char **argv);
int sh_cmd_inform(struct sh_shell *sh, int argc, char **argv);
/* Close the listener and its log (at exit). */
void sh_notify_close(struct sh_shell *sh);
/* notify_json.c: one notification as a JSON Lines object (newline
 * included), and one varbind as SPEC §3's object. */
void sh_notify_json(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_notification *n, const char *when);
void sh_notify_json_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb);

#endif
