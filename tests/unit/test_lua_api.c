/*
 * Tests of the Lua layer's C API for the shell (lua/lsnmp.h): chunks as
 * lua.c runs them (expressions, statements, incomplete chunks, errors
 * with a traceback), `source` of a file, completion of Lua names, and
 * commands defined with snmp.command: lookup, listing, completion, and
 * invocations run one per session as concurrent tasks with a completion
 * callback (the shell's fan-out), and synchronously; their output
 * (print, io.write, io.stdout/io.stderr:write, in spawned tasks too) to
 * each invocation's hooks, whole lines only.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sn/loop.h>

#include "lua/lsnmp.h"
#include "tests/lib/tap.h"

static int
run(struct lua_State *L, const char *chunk, char **msg)
{
	return lsn_run_chunk(L, chunk, strlen(chunk), "=test", 0, msg);
}

struct words {
	char v[16][64];
	int n;
};

static void
add_word(void *ud, const char *w)
{
	struct words *ws = ud;

	if (ws->n < 16)
		snprintf(ws->v[ws->n++], sizeof(ws->v[0]), "%s", w);
}

static bool
has(const struct words *ws, const char *w)
{
	int i;

	for (i = 0; i < ws->n; i++)
		if (strcmp(ws->v[i], w) == 0)
			return true;
	return false;
}

static void
list_cmd(void *ud, const char *name, const char *usage, const char *help)
{
	struct words *ws = ud;

	(void)help;
	add_word(ws, name);
	add_word(ws, usage);
}

struct done {
	int n;
	int status[4];
};

static void
on_done(void *ud, int status)
{
	struct done *d = ud;

	if (d->n < 4)
		d->status[d->n] = status;
	d->n++;
}

/* What an invocation wrote, each hook call kept apart by '|'. */
struct cap {
	char out[512];
	char err[512];
	int calls;
	bool partial;		/* a call not ending with a newline */
};

static void
cap_add(struct cap *c, char *buf, const char *p, size_t n)
{
	size_t len = strlen(buf);

	if (n == 0 || p[n - 1] != '\n')
		c->partial = true;
	c->calls++;
	snprintf(buf + len, 512 - len, "%.*s|", (int)n, p);
}

static void
cap_out(void *ud, const char *p, size_t n)
{
	struct cap *c = ud;

	cap_add(c, c->out, p, n);
}

static void
cap_err(void *ud, const char *p, size_t n)
{
	struct cap *c = ud;

	cap_add(c, c->err, p, n);
}

int
main(void)
{
	struct sn_loop *loop;
	struct sn_error err;
	struct lua_State *L;
	struct words ws;
	struct done d;
	char *msg = NULL;
	char *argv[] = { "twice", "21", NULL };
	char *bad[] = { "twice", "x", NULL };
	char *fails[] = { "fails", NULL };
	char *say1[] = { "say", "1", NULL };
	char *say2[] = { "say", "2", NULL };
	struct cap c1, c2;
	struct lsn_output o1, o2;
	char path[] = "/tmp/snmpsh-test-lua-XXXXXX";
	FILE *f;
	int fd, rc;

	tap_plan(31);
	sn_error_clear(&err);
	if (sn_loop_new(&loop, &err) < 0 ||
	    (L = lsn_newstate(loop, &err)) == NULL) {
		tap_ok(0, "a state: %s", err.msg);
		return tap_done();
	}
	tap_ok(run(L, "x = 40 + 2", &msg) == LSN_CHUNK_OK, "a statement");
	tap_ok(run(L, "x", &msg) == LSN_CHUNK_OK, "an expression");
	tap_ok(run(L, "=x", &msg) == LSN_CHUNK_OK, "=expr");
	tap_ok(run(L, "for i = 1, 2 do", &msg) == LSN_CHUNK_INCOMPLETE,
	    "an open chunk is incomplete");
	rc = run(L, "x = = 1", &msg);
	tap_ok(rc == LSN_CHUNK_ERROR && msg != NULL &&
	    strstr(msg, "unexpected symbol") != NULL, "a syntax error: %s",
	    msg != NULL ? msg : "?");
	free(msg);
	msg = NULL;
	rc = run(L, "error('boom')", &msg);
	tap_ok(rc == LSN_CHUNK_ERROR && msg != NULL &&
	    strstr(msg, "boom") != NULL && strstr(msg, "traceback") != NULL,
	    "a runtime error with a traceback");
	free(msg);
	msg = NULL;

	/* source */
	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f != NULL) {
		fputs("y = x + 1\nsnmp.spawn(function() snmp.sleep(0.01) "
		    "z = y end)\n", f);
		fclose(f);
	}
	tap_ok(lsn_source_file(L, path, &msg) == 0, "source a file");
	tap_ok(run(L, "assert(z == 43)", &msg) == LSN_CHUNK_OK,
	    "its tasks finished before source returned");
	rc = lsn_source_file(L, "/nonexistent.lua", &msg);
	tap_ok(rc < 0 && msg != NULL, "source of a missing file: %s",
	    msg ? msg : "?");
	free(msg);
	msg = NULL;
	remove(path);

	/* completion */
	memset(&ws, 0, sizeof(ws));
	lsn_complete(L, "snmp.mi", add_word, &ws);
	tap_ok(ws.n == 1 && has(&ws, "snmp.mib"), "snmp.mi -> snmp.mib");
	memset(&ws, 0, sizeof(ws));
	lsn_complete(L, "print(snmp.op", add_word, &ws);
	tap_ok(has(&ws, "print(snmp.open"), "inside an expression");
	memset(&ws, 0, sizeof(ws));
	run(L, "s = setmetatable({}, { __index = { getx = 1, gety = 2 } })",
	    &msg);
	lsn_complete(L, "s.get", add_word, &ws);
	tap_ok(ws.n == 2 && has(&ws, "s.getx"), "fields through __index");
	memset(&ws, 0, sizeof(ws));
	lsn_complete(L, "whi", add_word, &ws);
	tap_ok(has(&ws, "while"), "keywords");
	memset(&ws, 0, sizeof(ws));
	lsn_complete(L, "nope.x", add_word, &ws);
	tap_ok(ws.n == 0, "nothing under a missing table");

	/* commands */
	rc = run(L, "snmp.command{ name = 'twice', usage = 'twice N', "
	    "complete = function(p, a) return { 'ten', 'twenty', 'x' } end, "
	    "run = function(args, s) local n = tonumber(args[1]) "
	    "if not n then snmp.usage('N must be a number') end "
	    "snmp.sleep(0.05) out = (out or 0) + n * 2 end }", &msg);
	rc |= run(L, "snmp.command{ name = 'fails', run = function() "
	    "return nil, 'no' end }", &msg);
	tap_ok(rc == 0, "snmp.command defines commands");
	tap_ok(lsn_command_exists(L, "twice") && !lsn_command_exists(L, "get"),
	    "lsn_command_exists");
	memset(&ws, 0, sizeof(ws));
	lsn_command_list(L, list_cmd, &ws);
	tap_ok(ws.n == 4 && strcmp(ws.v[0], "fails") == 0 &&
	    strcmp(ws.v[3], "twice N") == 0, "lsn_command_list, by name");
	memset(&ws, 0, sizeof(ws));
	lsn_command_complete(L, 1, argv, "tw", add_word, &ws);
	tap_ok(ws.n == 1 && has(&ws, "twenty"), "lsn_command_complete");
	memset(&d, 0, sizeof(d));
	tap_ok(lsn_command_start(L, 2, argv, "a", NULL, on_done, &d) == 0 &&
	    lsn_command_start(L, 2, argv, "b", NULL, on_done, &d) == 0,
	    "two invocations start (one per session)");
	tap_ok(d.n == 0, "they run as tasks: not finished yet");
	while (d.n < 2)
		sn_loop_run(loop, SN_RUN_ONCE);
	tap_ok(d.status[0] == 0 && d.status[1] == 0 &&
	    run(L, "assert(out == 84)", &msg) == 0,
	    "both ended with status 0 and ran concurrently");
	rc = lsn_command_run(L, 2, bad, NULL, NULL);
	tap_ok(rc == 2, "a usage error: status 2 (%d)", rc);
	tap_ok(lsn_command_run(L, 1, fails, NULL, NULL) == 1,
	    "nil, message: status 1");

	/* output hooks: per invocation, whole lines only */
	rc = run(L, "snmp.command{ name = 'say', run = function(args) "
	    "local n = args[1] io.write('a', n) snmp.sleep(0.02) "
	    "print('b' .. n, 1.0) local t = snmp.spawn(function() "
	    "io.stdout:write('c', n, '\\nd', n) end) t:wait() "
	    "io.stderr:write('e', n) io.output(io.stderr) io.write('\\n') "
	    "io.output(io.stdout) "
	    "if n == '2' then return nil, 'bad' end "
	    "io.write('tail', n) end }", &msg);
	tap_ok(rc == 0, "a command that writes");
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	o1.out = cap_out;
	o1.err = cap_err;
	o1.ud = &c1;
	o2 = o1;
	o2.ud = &c2;
	memset(&d, 0, sizeof(d));
	tap_ok(lsn_command_start(L, 2, say1, NULL, &o1, on_done, &d) == 0 &&
	    lsn_command_start(L, 2, say2, NULL, &o2, on_done, &d) == 0,
	    "two invocations with their own outputs start");
	while (d.n < 2)
		sn_loop_run(loop, SN_RUN_ONCE);
	tap_ok(strcmp(c1.out, "a1b1\t1.0\n|c1\n|d1tail1\n|") == 0,
	    "print, io.write, io.stdout:write and a spawned task's lines "
	    "reach the first one's hook");
	tap_ok(strcmp(c2.out, "a2b2\t1.0\n|c2\n|d2\n|") == 0,
	    "and the second one's");
	tap_ok(!c1.partial && !c2.partial, "only whole lines");
	tap_ok(strcmp(c1.err, "e1\n|") == 0,
	    "io.stderr:write to the err hook");
	tap_ok(strcmp(c2.err, "e2\n|snmpsh: say: bad\n|") == 0 &&
	    d.status[0] + d.status[1] == 1,
	    "the runner's message too, and the statuses");
	memset(&c1, 0, sizeof(c1));
	rc = run(L, "print('outside')", &msg);
	tap_ok(rc == 0 && c1.calls == 0 && c2.calls == 5,
	    "print outside a command does not reach the hooks");
	lsn_close(L);
	sn_loop_free(loop);
	return tap_done();
}
