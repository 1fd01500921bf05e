/*
 * The event loop: poll(2), a monotonic clock, timers in a heap, fd watchers,
 * deferred callbacks, and a self-pipe for signals and wake-ups.  One loop
 * per process; nothing in the engine blocks.
 */
#ifndef SN_LOOP_H
#define SN_LOOP_H

#include <stdint.h>

#include <sn/error.h>

struct sn_loop;
struct sn_timer;
struct sn_io;

enum sn_run_mode {
	SN_RUN_DEFAULT,	/* until sn_loop_stop() or nothing is active */
	SN_RUN_ONCE,	/* one iteration, blocking until something happens */
	SN_RUN_NOWAIT	/* one iteration, not blocking */
};

enum {
	SN_IO_READ = 1,
	SN_IO_WRITE = 2
};

typedef void (*sn_timer_cb)(struct sn_timer *t, void *ud);
typedef void (*sn_io_cb)(struct sn_io *io, int fd, int events, void *ud);
typedef void (*sn_defer_cb)(void *ud);
typedef void (*sn_signal_cb)(struct sn_loop *loop, int signo, void *ud);

/* Create a loop.  SN_ENOMEM, SN_ESOCKET (self-pipe). */
SN_API int sn_loop_new(struct sn_loop **out, struct sn_error *err);
/* Free a loop; active timers and watchers are dropped without callbacks. */
SN_API void sn_loop_free(struct sn_loop *loop);
/*
 * Run the loop.  Returns 1 if timers or watchers remain active, 0 if not.
 */
SN_API int sn_loop_run(struct sn_loop *loop, enum sn_run_mode mode);
/* Make a running SN_RUN_DEFAULT return after this iteration. */
SN_API void sn_loop_stop(struct sn_loop *loop);
/*
 * Monotonic time in milliseconds, cached at the start of an iteration (and
 * refreshed by sn_timer_start, which counts from the current time).
 */
SN_API uint64_t sn_loop_now(const struct sn_loop *loop);
/* Refresh the cached time. */
SN_API void sn_loop_update_time(struct sn_loop *loop);

/*
 * One-shot timer firing after ms milliseconds (repeat_ms > 0: then every
 * repeat_ms).  The timer belongs to the loop; *out (may be NULL) lets the
 * caller stop it before it fires.  A one-shot timer is freed after its
 * callback returns; do not use its handle after that.
 */
SN_API int sn_timer_start(struct sn_loop *loop, uint64_t ms,
    uint64_t repeat_ms, sn_timer_cb cb, void *ud, struct sn_timer **out);
/* Stop and free a timer (safe from inside its own callback). */
SN_API void sn_timer_stop(struct sn_timer *t);

/* Watch fd for events (SN_IO_READ|SN_IO_WRITE). */
SN_API int sn_io_start(struct sn_loop *loop, int fd, int events, sn_io_cb cb,
    void *ud, struct sn_io **out);
/* Change the events watched. */
SN_API void sn_io_set(struct sn_io *io, int events);
/* Stop and free a watcher (safe from inside its callback). */
SN_API void sn_io_stop(struct sn_io *io);
/*
 * Mark a watcher (or timer) as not keeping SN_RUN_DEFAULT alive, like a
 * stdin watcher or a listener that should not stop a script from ending.
 */
SN_API void sn_io_unref(struct sn_io *io);
SN_API void sn_timer_unref(struct sn_timer *t);

/* Run cb once at the start of the next iteration. */
SN_API int sn_loop_defer(struct sn_loop *loop, sn_defer_cb cb, void *ud);

/*
 * Deliver signo through the self-pipe: the handler only writes its number,
 * and cb runs from the loop.  One callback per signal; cb NULL restores the
 * default disposition.  (The handler reaches the pipe through the one
 * process-wide variable the engine keeps, as signals require.)
 */
SN_API int sn_loop_signal(struct sn_loop *loop, int signo, sn_signal_cb cb,
    void *ud);
/* Wake a blocked sn_loop_run from a signal handler or another thread. */
SN_API void sn_loop_wakeup(struct sn_loop *loop);

#endif
