/*
 * Tests of pull-style walks (walk.c: sn_walk_pause, sn_walk_resume)
 * against the demo agent on loopback: a walk paused after every varbind
 * reports nothing and sends nothing while paused, resumes from the reply
 * it kept, and ends exactly as the same walk without pauses (GETNEXT and
 * GETBULK, RFC 3416 §4.2.2, §4.2.3); cancel while paused; pause and
 * resume on a finished walk are no-ops.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sn/loop.h>
#include <sn/session.h>

#include "shell/demo.h"
#include "tests/lib/tap.h"

#define ROWS 500

struct run {
	struct sn_walk *w;
	bool pause_each;
	bool paused;		/* paused by on_varbind, not yet resumed */
	bool done;
	int status;
	uint64_t count;
	uint64_t while_paused;	/* varbinds reported while paused: a bug */
	uint64_t exceptions;	/* the final endOfMibView */
	struct sn_oid last;
	bool increasing;
};

static struct sn_loop *loop;

static int
on_varbind(struct sn_walk *w, const struct sn_varbind *vb, void *ud)
{
	struct run *r = ud;

	if (r->paused)
		r->while_paused++;
	if (r->pause_each) {
		sn_walk_pause(w);
		r->paused = true;
	}
	/* the bulk table ends the MIB: RFC 3416 §4.2.2.1 endOfMibView */
	if (sn_type_is_exception(vb->value.type)) {
		r->exceptions++;
		return 0;
	}
	if (r->count > 0 && sn_oid_cmp(&vb->name, &r->last) <= 0)
		r->increasing = false;
	r->last = vb->name;
	r->count++;
	return 0;
}

static void
on_done(struct sn_walk *w, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct run *r = ud;

	(void)w;
	(void)resp;
	(void)err;
	r->done = true;
	r->status = status;
	r->w = NULL;
}

/* Run the loop for about ms milliseconds. */
static void
spin(unsigned ms)
{
	uint64_t end = sn_loop_now(loop) + ms;

	while (sn_loop_now(loop) < end)
		sn_loop_run(loop, SN_RUN_NOWAIT);
}

/* Walk root to its end, resuming after each pause. */
static void
walk(struct sn_session *s, const char *root, bool bulk, bool pause_each,
    struct run *r)
{
	static const struct sn_walk_cbs cbs = { on_varbind, on_done };
	struct sn_walk_opts o;
	struct sn_oid oid;
	struct sn_error err;
	int guard = 0;

	memset(r, 0, sizeof(*r));
	r->pause_each = pause_each;
	r->increasing = true;
	sn_oid_parse(&oid, root, NULL);
	sn_walk_opts_init(&o);
	o.bulk = bulk;
	o.max_repetitions = 25;
	sn_error_clear(&err);
	if (sn_walk_start(s, &oid, &o, &cbs, r, &r->w, &err) < 0) {
		tap_diag("walk %s: %s", root, err.msg);
		r->done = true;
		r->status = err.code;
		return;
	}
	while (!r->done && guard++ < 100000) {
		if (r->paused) {
			r->paused = false;
			sn_walk_resume(r->w);
			continue;
		}
		sn_loop_run(loop, SN_RUN_ONCE);
	}
}

int
main(void)
{
	static const struct sn_walk_cbs cbs = { on_varbind, on_done };
	struct sh_demo_opts dopts;
	struct sn_session_opts so;
	struct sh_demo *demo;
	struct sn_session *s;
	struct sn_error err;
	struct run a, b;
	struct sn_walk_opts o;
	struct sn_oid oid;
	uint64_t n;

	tap_plan(17);
	sn_error_clear(&err);
	if (sn_loop_new(&loop, &err) < 0)
		return tap_ok(0, "loop: %s", err.msg), tap_done();
	memset(&dopts, 0, sizeof(dopts));
	dopts.bulk_rows = ROWS;
	dopts.data_dir = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	if (sh_demo_start(loop, &dopts, &demo, &err) < 0) {
		tap_ok(0, "demo agent: %s", err.msg);
		return tap_done();
	}
	sn_session_opts_init(&so);
	so.timeout_ms = 2000;
	so.retries = 1;
	if (sn_session_open(loop, sh_demo_address(demo), &so, &s, &err) < 0) {
		tap_ok(0, "session: %s", err.msg);
		return tap_done();
	}

	walk(s, SH_DEMO_BULK_OID, false, false, &a);
	walk(s, SH_DEMO_BULK_OID, false, true, &b);
	tap_ok(a.status == 0 && a.count == 2 * ROWS,
	    "GETNEXT walk without pauses: %llu varbinds",
	    (unsigned long long)a.count);
	tap_ok(b.status == 0 && b.count == a.count && a.exceptions == 1 &&
	    b.exceptions == 1, "paused after every varbind: the same %llu "
	    "varbinds and endOfMibView", (unsigned long long)b.count);
	tap_ok(b.increasing && sn_oid_cmp(&a.last, &b.last) == 0,
	    "in order, ending at the same OID");
	tap_ok(b.while_paused == 0, "nothing reported while paused");

	walk(s, SH_DEMO_BULK_OID, true, false, &a);
	walk(s, SH_DEMO_BULK_OID, true, true, &b);
	tap_ok(a.status == 0 && a.count == 2 * ROWS,
	    "GETBULK walk without pauses: %llu varbinds",
	    (unsigned long long)a.count);
	tap_ok(b.status == 0 && b.count == a.count && b.increasing,
	    "GETBULK paused after every varbind: the same, in order");
	tap_ok(b.while_paused == 0, "a kept reply is reported only on resume");

	/* paused for a while: no varbind, no request, then it goes on */
	memset(&b, 0, sizeof(b));
	b.pause_each = true;
	b.increasing = true;
	sn_oid_parse(&oid, SH_DEMO_BULK_OID, NULL);
	sn_walk_opts_init(&o);
	o.bulk = true;
	o.max_repetitions = 5;
	tap_ok(sn_walk_start(s, &oid, &o, &cbs, &b, &b.w, &err) == 0,
	    "a bulk walk starts");
	while (!b.paused && !b.done)
		sn_loop_run(loop, SN_RUN_ONCE);
	n = b.count;
	spin(200);
	tap_ok(b.count == n && !b.done, "paused for 200 ms: nothing more "
	    "(%llu varbind)", (unsigned long long)b.count);
	b.paused = false;
	sn_walk_resume(b.w);
	tap_ok(b.count == n + 1 && b.paused,
	    "resume reports the next varbind of the kept reply at once");
	b.paused = false;
	sn_walk_resume(b.w);
	b.paused = false;
	sn_walk_resume(b.w);
	b.paused = false;
	sn_walk_resume(b.w);
	tap_ok(b.count == 5 && b.paused && !b.done,
	    "five resumes: the five varbinds of the first reply");
	b.paused = false;
	sn_walk_resume(b.w);
	tap_ok(b.count == 5, "the sixth needs a new reply");
	while (!b.paused && !b.done)
		sn_loop_run(loop, SN_RUN_ONCE);
	tap_ok(b.count == 6, "which the loop brings");
	sn_walk_cancel(b.w);
	tap_ok(b.done && b.status == SN_ECANCELED,
	    "cancel while paused ends it with SN_ECANCELED");
	/* no-ops: NULL, and a paused walk cancelled */
	sn_walk_pause(NULL);
	sn_walk_resume(NULL);
	tap_ok(1, "pause and resume of NULL are no-ops");

	/* an empty subtree still ends, with pauses (the fallback GET) */
	walk(s, "1.3.6.1.4.1.99999.77", false, true, &b);
	tap_ok(b.done && b.status == 0, "an empty subtree ends (status %d, "
	    "%llu varbinds)", b.status, (unsigned long long)b.count);
	walk(s, "1.3.6.1.2.1.1", false, true, &b);
	tap_ok(b.status == 0 && b.count >= 8 && b.increasing,
	    "system, paused after each varbind: %llu varbinds",
	    (unsigned long long)b.count);

	sn_session_close(s);
	sh_demo_free(demo);
	sn_loop_free(loop);
	return tap_done();
}
