/*
 * Unit tests of the event loop (src/engine/loop.c): timer order, timers
 * and watchers stopped from inside callbacks, repeating timers, deferred
 * callbacks, fd watchers, signals through the self-pipe, wake-ups,
 * reference counting for SN_RUN_DEFAULT and nested runs.
 */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <sn/loop.h>

#include "tests/lib/tap.h"

/* one-letter labels passed as user data */
static char s_x[] = "x", s_l[] = "l", s_1[] = "1", s_2[] = "2", s_t[] = "t",
    s_w[] = "w", s_s[] = "s";

static char order[64];
static size_t norder;

static void
note(char c)
{
	if (norder + 1 < sizeof(order))
		order[norder++] = c;
	order[norder] = '\0';
}

static void
reset(void)
{
	norder = 0;
	order[0] = '\0';
}

/* Run until cond or 2 s pass (bounded in time and count). */
static bool
run_until(struct sn_loop *loop, const bool *cond)
{
	uint64_t start;
	int i;

	sn_loop_update_time(loop);
	start = sn_loop_now(loop);
	for (i = 0; i < 10000 && !*cond; i++) {
		sn_loop_run(loop, SN_RUN_ONCE);
		if (sn_loop_now(loop) - start > 2000)
			break;
	}
	return *cond;
}

static void
on_note(struct sn_timer *t, void *ud)
{
	(void)t;
	note(*(const char *)ud);
}

static struct sn_timer *victim;

static void
on_kill(struct sn_timer *t, void *ud)
{
	(void)t;
	note(*(const char *)ud);
	sn_timer_stop(victim);
	victim = NULL;
}

static int repeats;

static void
on_repeat(struct sn_timer *t, void *ud)
{
	(void)ud;
	if (++repeats == 3)
		sn_timer_stop(t);	/* inside its own callback */
}

static void
test_timers(struct sn_loop *loop)
{
	static char a = 'a', b = 'b', c = 'c', d = 'd', k = 'k', v = 'v';
	uint64_t t0;
	int r;

	reset();
	/* timers count from the cached time: refresh it first */
	sn_loop_update_time(loop);
	t0 = sn_loop_now(loop);
	sn_timer_start(loop, 30, 0, on_note, &d, NULL);
	sn_timer_start(loop, 10, 0, on_note, &a, NULL);
	sn_timer_start(loop, 20, 0, on_note, &c, NULL);
	sn_timer_start(loop, 10, 0, on_note, &b, NULL);
	r = sn_loop_run(loop, SN_RUN_DEFAULT);
	tap_ok(strcmp(order, "abcd") == 0, "timers fire by due time, ties "
	    "in start order (got \"%s\")", order);
	tap_ok(r == 0, "run returns 0 when nothing is left");
	tap_ok(sn_loop_now(loop) - t0 >= 30 && sn_loop_now(loop) - t0 < 1000,
	    "the last timer fired after 30 ms (%llu)",
	    (unsigned long long)(sn_loop_now(loop) - t0));

	/* two timers due in the same pass: the first stops the second */
	reset();
	sn_timer_start(loop, 5, 0, on_kill, &k, NULL);
	sn_timer_start(loop, 5, 0, on_note, &v, &victim);
	usleep(10000);
	sn_loop_run(loop, SN_RUN_DEFAULT);
	tap_ok(strcmp(order, "k") == 0,
	    "a timer stopped by another due in the same pass never fires");

	repeats = 0;
	sn_timer_start(loop, 1, 2, on_repeat, NULL, NULL);
	sn_loop_run(loop, SN_RUN_DEFAULT);
	tap_ok(repeats == 3, "a repeating timer stops itself in its "
	    "callback after 3 runs (%d)", repeats);
}

static int zero_fires;

static void
on_zero(struct sn_timer *t, void *ud)
{
	struct sn_loop *loop = ud;

	(void)t;
	if (++zero_fires < 1000)
		sn_timer_start(loop, 0, 0, on_zero, loop, NULL);
}

static void
test_zero_timer(struct sn_loop *loop)
{
	struct sn_timer *t;

	zero_fires = 0;
	sn_timer_start(loop, 0, 0, on_zero, loop, NULL);
	sn_loop_run(loop, SN_RUN_NOWAIT);
	/* one iteration has two timer passes (before and after poll) */
	tap_ok(zero_fires >= 1 && zero_fires <= 2, "a 0 ms timer started by "
	    "a timer waits for the next pass (%d fired)", zero_fires);
	sn_loop_run(loop, SN_RUN_DEFAULT);
	tap_ok(zero_fires == 1000, "the chain completes (%d)", zero_fires);

	/* an unref'd timer does not keep SN_RUN_DEFAULT alive */
	reset();
	sn_timer_start(loop, 5000, 0, on_note, s_x, &t);
	sn_timer_unref(t);
	tap_ok(sn_loop_run(loop, SN_RUN_DEFAULT) == 0 && norder == 0,
	    "an unref'd timer does not keep the loop running");
	sn_timer_stop(t);
}

static void
on_defer(void *ud)
{
	note(*(const char *)ud);
}

static void
on_defer_nested(void *ud)
{
	struct sn_loop *loop = ud;

	note('n');
	sn_loop_defer(loop, on_defer, s_l);
}

static void
test_defer(struct sn_loop *loop)
{
	reset();
	sn_loop_defer(loop, on_defer, s_1);
	sn_loop_defer(loop, on_defer_nested, loop);
	sn_loop_defer(loop, on_defer, s_2);
	tap_ok(norder == 0, "defer does not run at once");
	sn_loop_run(loop, SN_RUN_NOWAIT);
	tap_ok(strcmp(order, "1n2") == 0,
	    "deferred callbacks run in order (\"%s\")", order);
	sn_loop_run(loop, SN_RUN_NOWAIT);
	tap_ok(strcmp(order, "1n2l") == 0,
	    "one deferred from a deferred callback runs next time");
}

struct pipes {
	int a[2];
	int b[2];
	struct sn_io *ia;
	struct sn_io *ib;
	int got_a;
	int got_b;
	bool done;
};

static void
on_a(struct sn_io *io, int fd, int events, void *ud)
{
	struct pipes *p = ud;
	char buf[16];

	(void)events;
	if (read(fd, buf, sizeof(buf)) > 0)
		p->got_a++;
	/* stop both: b is ready in the same pass but must not run */
	sn_io_stop(io);
	sn_io_stop(p->ib);
	p->done = true;
}

static void
on_b(struct sn_io *io, int fd, int events, void *ud)
{
	struct pipes *p = ud;
	char buf[16];

	(void)io;
	(void)events;
	if (read(fd, buf, sizeof(buf)) > 0)
		p->got_b++;
	sn_io_stop(io);
	sn_io_stop(p->ia);
	p->done = true;
}

static void
test_io(struct sn_loop *loop)
{
	struct pipes p;

	memset(&p, 0, sizeof(p));
	if (pipe(p.a) != 0 || pipe(p.b) != 0) {
		tap_ok(0, "pipe");
		return;
	}
	sn_io_start(loop, p.a[0], SN_IO_READ, on_a, &p, &p.ia);
	sn_io_start(loop, p.b[0], SN_IO_READ, on_b, &p, &p.ib);
	tap_ok(write(p.a[1], "x", 1) == 1 && write(p.b[1], "y", 1) == 1,
	    "both pipes written");
	tap_ok(run_until(loop, &p.done), "an fd watcher ran");
	tap_ok(p.got_a + p.got_b == 1, "a watcher stopped by another in the "
	    "same pass does not run (a=%d b=%d)", p.got_a, p.got_b);
	tap_ok(sn_loop_run(loop, SN_RUN_DEFAULT) == 0,
	    "no watcher left after stops inside callbacks");
	close(p.a[0]);
	close(p.a[1]);
	close(p.b[0]);
	close(p.b[1]);
}

static int signals_seen;
static bool signal_done;

static void
on_usr1(struct sn_loop *loop, int signo, void *ud)
{
	(void)loop;
	(void)ud;
	if (signo == SIGUSR1)
		signals_seen++;
	signal_done = true;
}

static void
test_signal(struct sn_loop *loop)
{
	struct sn_timer *t;

	tap_ok(sn_loop_signal(loop, SIGUSR1, on_usr1, NULL) == 0,
	    "SIGUSR1 handler installed");
	/* a long timer keeps ONCE blocking until the signal arrives */
	sn_timer_start(loop, 3000, 0, on_note, s_t, &t);
	raise(SIGUSR1);
	tap_ok(signals_seen == 0, "the callback does not run in the handler");
	tap_ok(run_until(loop, &signal_done) && signals_seen == 1,
	    "the signal callback ran from the loop");
	sn_timer_stop(t);
	sn_loop_signal(loop, SIGUSR1, NULL, NULL);
}

static void
test_wakeup(struct sn_loop *loop)
{
	struct sn_timer *t;
	uint64_t t0;

	sn_timer_start(loop, 3000, 0, on_note, s_w, &t);
	sn_loop_update_time(loop);
	t0 = sn_loop_now(loop);
	sn_loop_wakeup(loop);
	sn_loop_run(loop, SN_RUN_ONCE);
	tap_ok(sn_loop_now(loop) - t0 < 1000,
	    "a wake-up ends a blocking SN_RUN_ONCE early");
	tap_ok(sn_loop_run(loop, SN_RUN_NOWAIT) == 1,
	    "a pending timer reports the loop alive");
	sn_timer_stop(t);
}

static void
on_stop(struct sn_timer *t, void *ud)
{
	(void)t;
	sn_loop_stop(ud);
}

struct nested {
	struct sn_loop *loop;
	bool inner;
	bool outer;
};

static void
on_inner(struct sn_timer *t, void *ud)
{
	struct nested *n = ud;

	(void)t;
	n->inner = true;
}

static void
on_outer_io(struct sn_io *io, int fd, int events, void *ud)
{
	struct nested *n = ud;
	char c;

	(void)events;
	(void)!read(fd, &c, 1);
	sn_io_stop(io);
	/* a synchronous wait inside a callback runs the loop again */
	sn_timer_start(n->loop, 5, 0, on_inner, n, NULL);
	run_until(n->loop, &n->inner);
	n->outer = true;
}

static void
test_stop_and_nested(struct sn_loop *loop)
{
	struct sn_timer *t;
	struct nested n;
	int p[2];

	sn_timer_start(loop, 5, 0, on_stop, loop, NULL);
	sn_timer_start(loop, 2000, 0, on_note, s_s, &t);
	tap_ok(sn_loop_run(loop, SN_RUN_DEFAULT) == 1,
	    "sn_loop_stop ends SN_RUN_DEFAULT with work left");
	sn_timer_stop(t);

	memset(&n, 0, sizeof(n));
	n.loop = loop;
	if (pipe(p) != 0) {
		tap_ok(0, "pipe");
		return;
	}
	sn_io_start(loop, p[0], SN_IO_READ, on_outer_io, &n, NULL);
	(void)!write(p[1], "z", 1);
	tap_ok(run_until(loop, &n.outer) && n.inner,
	    "a callback can run the loop again (nested run)");
	close(p[0]);
	close(p[1]);
}

int
main(void)
{
	struct sn_loop *loop;
	struct sn_error err;

	if (sn_loop_new(&loop, &err) != 0) {
		tap_ok(0, "sn_loop_new: %s", err.msg);
		return tap_done();
	}
	tap_ok(sn_loop_run(loop, SN_RUN_DEFAULT) == 0,
	    "an empty loop returns at once");
	test_timers(loop);
	test_zero_timer(loop);
	test_defer(loop);
	test_io(loop);
	test_signal(loop);
	test_wakeup(loop);
	test_stop_and_nested(loop);
	sn_loop_free(loop);
	return tap_done();
}
