/*
 * The event loop (sn/loop.h): poll(2) over fd watchers, a monotonic
 * millisecond clock, one-shot and repeating timers in a binary min-heap
 * ordered by (due time, insertion sequence), deferred callbacks run at the
 * start of the next iteration, and a self-pipe that carries signal numbers
 * from async-signal handlers and wake-ups into the loop.  Handles may be
 * stopped from inside any callback: stopped watchers are unlinked at once
 * and freed only after the current dispatch pass.  No RFC applies; this is
 * the engine's scheduling substrate (STYLE.md §6).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sn/loop.h>

/*
 * The one process-wide variable of the engine: the write end of the
 * self-pipe of the loop that handles signals.  A signal handler cannot
 * reach anything else (STYLE.md §6).
 */
static volatile sig_atomic_t sig_pipe_wr = -1;

/* Datagrams and signals read per wake-up of the self-pipe. */
#define PIPE_READ_MAX 64

enum timer_state {
	T_ACTIVE,	/* in the heap */
	T_FIRING,	/* its callback is running */
	T_STOPPED	/* stopped during its own callback; free afterwards */
};

struct sn_timer {
	struct sn_loop *loop;
	uint64_t due;
	uint64_t seq;
	uint64_t repeat;
	size_t heap_idx;
	enum timer_state state;
	bool ref;
	sn_timer_cb cb;
	void *ud;
};

struct sn_io {
	struct sn_loop *loop;
	int fd;
	int events;
	bool ref;
	bool stopped;
	size_t idx;		/* position in loop->ios */
	sn_io_cb cb;
	void *ud;
	struct sn_io *next_zombie;
};

struct defer {
	sn_defer_cb cb;
	void *ud;
	struct defer *next;
};

struct sigslot {
	sn_signal_cb cb;
	void *ud;
	struct sigaction old;
};

struct sn_loop {
	uint64_t now;
	bool stop;

	struct sn_timer **heap;
	size_t nheap;
	size_t capheap;
	uint64_t seq;
	size_t timer_refs;

	struct sn_io **ios;
	size_t nios;
	size_t capios;
	size_t io_refs;
	struct sn_io *zombies;	/* stopped during dispatch, freed after */
	int dispatching;

	struct pollfd *pfd;
	struct sn_io **pio;	/* watcher of each pollfd entry (snapshot) */
	size_t cappfd;

	struct defer *defer_head;
	struct defer *defer_tail;

	int pipe_rd;
	int pipe_wr;
	struct sn_io *pipe_io;	/* internal, unref'd */
	struct sigslot sig[NSIG];
};

static uint64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t
sn_loop_now(const struct sn_loop *loop)
{
	return loop->now;
}

void
sn_loop_update_time(struct sn_loop *loop)
{
	loop->now = mono_ms();
}

/* --- timer heap --------------------------------------------------------- */

static bool
timer_before(const struct sn_timer *a, const struct sn_timer *b)
{
	if (a->due != b->due)
		return a->due < b->due;
	return a->seq < b->seq;
}

static void
heap_swap(struct sn_loop *loop, size_t i, size_t j)
{
	struct sn_timer *t = loop->heap[i];

	loop->heap[i] = loop->heap[j];
	loop->heap[j] = t;
	loop->heap[i]->heap_idx = i;
	loop->heap[j]->heap_idx = j;
}

static void
heap_up(struct sn_loop *loop, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (!timer_before(loop->heap[i], loop->heap[p]))
			break;
		heap_swap(loop, i, p);
		i = p;
	}
}

static void
heap_down(struct sn_loop *loop, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < loop->nheap &&
		    timer_before(loop->heap[l], loop->heap[m]))
			m = l;
		if (r < loop->nheap &&
		    timer_before(loop->heap[r], loop->heap[m]))
			m = r;
		if (m == i)
			break;
		heap_swap(loop, i, m);
		i = m;
	}
}

static int
heap_insert(struct sn_loop *loop, struct sn_timer *t)
{
	if (loop->nheap == loop->capheap) {
		size_t cap = loop->capheap ? loop->capheap * 2 : 16;
		struct sn_timer **h;

		h = realloc(loop->heap, cap * sizeof(*h));
		if (h == NULL)
			return SN_ENOMEM;
		loop->heap = h;
		loop->capheap = cap;
	}
	t->seq = loop->seq++;
	t->heap_idx = loop->nheap;
	t->state = T_ACTIVE;
	loop->heap[loop->nheap++] = t;
	heap_up(loop, t->heap_idx);
	if (t->ref)
		loop->timer_refs++;
	return 0;
}

static void
heap_remove(struct sn_loop *loop, struct sn_timer *t)
{
	size_t i = t->heap_idx;

	loop->nheap--;
	if (i != loop->nheap) {
		loop->heap[i] = loop->heap[loop->nheap];
		loop->heap[i]->heap_idx = i;
		heap_down(loop, i);
		heap_up(loop, i);
	}
	if (t->ref)
		loop->timer_refs--;
}

int
sn_timer_start(struct sn_loop *loop, uint64_t ms, uint64_t repeat_ms,
    sn_timer_cb cb, void *ud, struct sn_timer **out)
{
	struct sn_timer *t;
	int rc;

	if (loop == NULL || cb == NULL)
		return SN_EINVAL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return SN_ENOMEM;
	t->loop = loop;
	/* count from now, not from the iteration's start: a long callback
	 * (a name lookup) must not make the timer fire early */
	sn_loop_update_time(loop);
	t->due = loop->now + ms;
	t->repeat = repeat_ms;
	t->ref = true;
	t->cb = cb;
	t->ud = ud;
	if ((rc = heap_insert(loop, t)) != 0) {
		free(t);
		return rc;
	}
	if (out != NULL)
		*out = t;
	return 0;
}

void
sn_timer_stop(struct sn_timer *t)
{
	if (t == NULL)
		return;
	switch (t->state) {
	case T_ACTIVE:
		heap_remove(t->loop, t);
		free(t);
		break;
	case T_FIRING:
		t->state = T_STOPPED;	/* run_timers frees it */
		break;
	case T_STOPPED:
		break;
	}
}

void
sn_timer_unref(struct sn_timer *t)
{
	if (t == NULL || !t->ref)
		return;
	t->ref = false;
	if (t->state == T_ACTIVE)
		t->loop->timer_refs--;
}

/*
 * Fire due timers.  Timers inserted during this pass (new ones, or repeats
 * re-armed) carry a later sequence number and wait for the next pass, so a
 * zero-delay timer that re-arms itself cannot starve the loop.
 */
static void
run_timers(struct sn_loop *loop)
{
	uint64_t limit = loop->seq;

	while (loop->nheap > 0) {
		struct sn_timer *t = loop->heap[0];

		if (t->due > loop->now || t->seq >= limit)
			break;
		heap_remove(loop, t);
		t->state = T_FIRING;
		t->cb(t, t->ud);
		if (t->state == T_FIRING && t->repeat > 0) {
			t->due = loop->now + t->repeat;
			if (heap_insert(loop, t) != 0)
				free(t);	/* out of memory */
		} else {
			free(t);
		}
	}
}

/* --- fd watchers -------------------------------------------------------- */

int
sn_io_start(struct sn_loop *loop, int fd, int events, sn_io_cb cb, void *ud,
    struct sn_io **out)
{
	struct sn_io *io;

	if (loop == NULL || fd < 0 || cb == NULL)
		return SN_EINVAL;
	if (loop->nios == loop->capios) {
		size_t cap = loop->capios ? loop->capios * 2 : 8;
		struct sn_io **v;

		if ((v = realloc(loop->ios, cap * sizeof(*v))) == NULL)
			return SN_ENOMEM;
		loop->ios = v;
		loop->capios = cap;
	}
	if ((io = calloc(1, sizeof(*io))) == NULL)
		return SN_ENOMEM;
	io->loop = loop;
	io->fd = fd;
	io->events = events;
	io->ref = true;
	io->cb = cb;
	io->ud = ud;
	io->idx = loop->nios;
	loop->ios[loop->nios++] = io;
	loop->io_refs++;
	if (out != NULL)
		*out = io;
	return 0;
}

void
sn_io_set(struct sn_io *io, int events)
{
	if (io != NULL && !io->stopped)
		io->events = events;
}

void
sn_io_stop(struct sn_io *io)
{
	struct sn_loop *loop;

	if (io == NULL || io->stopped)
		return;
	loop = io->loop;
	io->stopped = true;
	if (io->ref)
		loop->io_refs--;
	loop->nios--;
	if (io->idx != loop->nios) {
		loop->ios[io->idx] = loop->ios[loop->nios];
		loop->ios[io->idx]->idx = io->idx;
	}
	if (loop->dispatching) {
		/* The poll snapshot may still name it: free after the pass. */
		io->next_zombie = loop->zombies;
		loop->zombies = io;
	} else {
		free(io);
	}
}

void
sn_io_unref(struct sn_io *io)
{
	if (io == NULL || !io->ref)
		return;
	io->ref = false;
	if (!io->stopped)
		io->loop->io_refs--;
}

/* --- deferred callbacks ------------------------------------------------- */

int
sn_loop_defer(struct sn_loop *loop, sn_defer_cb cb, void *ud)
{
	struct defer *d;

	if (loop == NULL || cb == NULL)
		return SN_EINVAL;
	if ((d = malloc(sizeof(*d))) == NULL)
		return SN_ENOMEM;
	d->cb = cb;
	d->ud = ud;
	d->next = NULL;
	if (loop->defer_tail != NULL)
		loop->defer_tail->next = d;
	else
		loop->defer_head = d;
	loop->defer_tail = d;
	return 0;
}

/* Run the callbacks queued so far; those they queue wait for next time. */
static void
run_defers(struct sn_loop *loop)
{
	struct defer *d = loop->defer_head;

	loop->defer_head = loop->defer_tail = NULL;
	while (d != NULL) {
		struct defer *next = d->next;

		d->cb(d->ud);
		free(d);
		d = next;
	}
}

/* --- signals and wake-ups ----------------------------------------------- */

static void
on_signal(int signo)
{
	int saved = errno;
	unsigned char b = (unsigned char)signo;

	if (sig_pipe_wr >= 0)
		(void)!write(sig_pipe_wr, &b, 1);
	errno = saved;
}

static void
on_pipe(struct sn_io *io, int fd, int events, void *ud)
{
	struct sn_loop *loop = ud;
	unsigned char buf[PIPE_READ_MAX];
	ssize_t n;
	int i;

	(void)io;
	(void)events;
	n = read(fd, buf, sizeof(buf));
	for (i = 0; i < n; i++) {
		int signo = buf[i];

		/* 0 is a plain wake-up */
		if (signo > 0 && signo < NSIG && loop->sig[signo].cb != NULL)
			loop->sig[signo].cb(loop, signo, loop->sig[signo].ud);
	}
}

int
sn_loop_signal(struct sn_loop *loop, int signo, sn_signal_cb cb, void *ud)
{
	struct sigaction sa;
	struct sigslot *slot;

	if (loop == NULL || signo <= 0 || signo >= NSIG || signo > 255)
		return SN_EINVAL;
	slot = &loop->sig[signo];
	if (cb == NULL) {
		if (slot->cb != NULL)
			sigaction(signo, &slot->old, NULL);
		slot->cb = NULL;
		slot->ud = NULL;
		return 0;
	}
	if (slot->cb == NULL) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* poll(2) still fails with EINTR; other calls restart */
		sa.sa_flags = SA_RESTART;
		sig_pipe_wr = loop->pipe_wr;
		if (sigaction(signo, &sa, &slot->old) != 0)
			return SN_EINVAL;
	}
	slot->cb = cb;
	slot->ud = ud;
	return 0;
}

void
sn_loop_wakeup(struct sn_loop *loop)
{
	int saved = errno;
	unsigned char b = 0;

	(void)!write(loop->pipe_wr, &b, 1);
	errno = saved;
}

/* --- the loop ----------------------------------------------------------- */

static int
set_pipe_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return 0;
}

int
sn_loop_new(struct sn_loop **out, struct sn_error *err)
{
	struct sn_loop *loop;
	int p[2];
	int rc;

	*out = NULL;
	if ((loop = calloc(1, sizeof(*loop))) == NULL)
		return sn_error_set(err, SN_ENOMEM,
		    "event loop: out of memory");
	if (pipe(p) != 0) {
		rc = errno;
		free(loop);
		return sn_error_set(err, SN_ESOCKET, "event loop: pipe: %s",
		    strerror(rc));
	}
	loop->pipe_rd = p[0];
	loop->pipe_wr = p[1];
	if (set_pipe_flags(p[0]) != 0 || set_pipe_flags(p[1]) != 0) {
		rc = errno;
		sn_loop_free(loop);
		return sn_error_set(err, SN_ESOCKET, "event loop: fcntl: %s",
		    strerror(rc));
	}
	sn_loop_update_time(loop);
	rc = sn_io_start(loop, loop->pipe_rd, SN_IO_READ, on_pipe, loop,
	    &loop->pipe_io);
	if (rc != 0) {
		sn_loop_free(loop);
		return sn_error_set(err, rc, "event loop: out of memory");
	}
	sn_io_unref(loop->pipe_io);
	*out = loop;
	return 0;
}

void
sn_loop_free(struct sn_loop *loop)
{
	struct defer *d;
	int i;
	size_t k;

	if (loop == NULL)
		return;
	for (i = 1; i < NSIG; i++) {
		if (loop->sig[i].cb != NULL)
			sigaction(i, &loop->sig[i].old, NULL);
	}
	if (sig_pipe_wr == loop->pipe_wr)
		sig_pipe_wr = -1;
	for (k = 0; k < loop->nheap; k++)
		free(loop->heap[k]);
	free(loop->heap);
	for (k = 0; k < loop->nios; k++)
		free(loop->ios[k]);
	free(loop->ios);
	while (loop->zombies != NULL) {
		struct sn_io *z = loop->zombies;

		loop->zombies = z->next_zombie;
		free(z);
	}
	while ((d = loop->defer_head) != NULL) {
		loop->defer_head = d->next;
		free(d);
	}
	free(loop->pfd);
	free(loop->pio);
	if (loop->pipe_rd >= 0)
		close(loop->pipe_rd);
	if (loop->pipe_wr >= 0)
		close(loop->pipe_wr);
	free(loop);
}

void
sn_loop_stop(struct sn_loop *loop)
{
	loop->stop = true;
}

static bool
loop_alive(const struct sn_loop *loop)
{
	return loop->timer_refs > 0 || loop->io_refs > 0 ||
	    loop->defer_head != NULL;
}

/* Milliseconds poll(2) may block: -1 forever, 0 not at all. */
static int
poll_timeout(const struct sn_loop *loop, enum sn_run_mode mode)
{
	uint64_t d;

	if (mode == SN_RUN_NOWAIT || loop->defer_head != NULL || loop->stop)
		return 0;
	if (loop->nheap == 0)
		/* one watcher is only the self-pipe: nothing to wait for */
		return loop->nios > 1 ? -1 : 0;
	if (loop->heap[0]->due <= loop->now)
		return 0;
	d = loop->heap[0]->due - loop->now;
	return d > 0x7fffffff ? 0x7fffffff : (int)d;
}

/*
 * Poll every watcher once and dispatch.  A callback may run the loop again
 * (a synchronous request made from a stdin watcher), so a nested pass gets
 * its own snapshot arrays instead of the loop's cached ones.
 */
static void
run_io(struct sn_loop *loop, int timeout)
{
	struct pollfd *pfd;
	struct sn_io **pio;
	bool own = loop->dispatching > 0;
	size_t n = 0, k;
	int rc;

	if (own) {
		pfd = malloc((loop->nios + 1) * sizeof(*pfd));
		pio = malloc((loop->nios + 1) * sizeof(*pio));
	} else {
		if (loop->nios > loop->cappfd) {
			size_t cap = loop->nios * 2;

			free(loop->pfd);
			free(loop->pio);
			loop->pfd = malloc(cap * sizeof(*loop->pfd));
			loop->pio = malloc(cap * sizeof(*loop->pio));
			loop->cappfd = cap;
			if (loop->pfd == NULL || loop->pio == NULL) {
				free(loop->pfd);
				free(loop->pio);
				loop->pfd = NULL;
				loop->pio = NULL;
				loop->cappfd = 0;
			}
		}
		pfd = loop->pfd;
		pio = loop->pio;
	}
	if (pfd == NULL || pio == NULL) {
		/* out of memory: wait without watching, then retry */
		if (own) {
			free(pfd);
			free(pio);
		}
		(void)poll(NULL, 0,
		    timeout < 0 || timeout > 100 ? 100 : timeout);
		sn_loop_update_time(loop);
		return;
	}
	for (k = 0; k < loop->nios; k++) {
		struct sn_io *io = loop->ios[k];
		short ev = 0;

		if (io->events & SN_IO_READ)
			ev |= POLLIN;
		if (io->events & SN_IO_WRITE)
			ev |= POLLOUT;
		pfd[n].fd = io->fd;
		pfd[n].events = ev;
		pfd[n].revents = 0;
		pio[n++] = io;
	}
	rc = poll(pfd, (nfds_t)n, timeout);
	sn_loop_update_time(loop);
	loop->dispatching++;
	/* rc < 0 is EINTR: the self-pipe holds the signal number */
	for (k = 0; rc > 0 && k < n; k++) {
		struct sn_io *io = pio[k];
		short re = pfd[k].revents;
		int ev = 0;

		if (re == 0 || io->stopped)
			continue;
		/* errors and hang-ups are reported as readiness; the
		 * watcher's own read or write then sees the error */
		if (re & (POLLIN | POLLERR | POLLHUP | POLLNVAL))
			ev |= SN_IO_READ;
		if (re & (POLLOUT | POLLERR | POLLHUP))
			ev |= SN_IO_WRITE;
		ev &= io->events;
		if (ev == 0 && (re & POLLNVAL))
			ev = io->events;
		if (ev != 0)
			io->cb(io, io->fd, ev, io->ud);
	}
	loop->dispatching--;
	if (own) {
		free(pfd);
		free(pio);
	}
	if (loop->dispatching == 0) {
		while (loop->zombies != NULL) {
			struct sn_io *z = loop->zombies;

			loop->zombies = z->next_zombie;
			free(z);
		}
	}
}

int
sn_loop_run(struct sn_loop *loop, enum sn_run_mode mode)
{
	loop->stop = false;
	for (;;) {
		sn_loop_update_time(loop);
		run_timers(loop);
		run_defers(loop);
		if (mode == SN_RUN_DEFAULT && (loop->stop || !loop_alive(loop)))
			break;
		run_io(loop, poll_timeout(loop, mode));
		run_timers(loop);
		if (mode != SN_RUN_DEFAULT || loop->stop)
			break;
	}
	loop->stop = false;
	return loop_alive(loop) ? 1 : 0;
}
