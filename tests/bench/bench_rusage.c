/*
 * A tiny /usr/bin/time for the benchmarks: run a command and report the
 * CPU time (user and system, microsecond resolution) and peak resident
 * set size of that process as wait4(2) gives them, plus wall time.  The
 * command inherits stdin, stdout and stderr; the figures go to the file
 * named by -o (or stderr) as one line of key=value pairs:
 *   user_s=0.123456 sys_s=0.012345 maxrss_kb=6836 wall_s=7.012 status=0
 * The exit status is the command's (128+signal if it was killed), 127 if
 * it could not be started.  No RFC is implemented here.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

static double
tv_s(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_rusage [-o FILE] [--] COMMAND [ARG...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *outpath = NULL;
	struct rusage ru;
	FILE *out;
	pid_t pid, w;
	double t0, t1;
	int ch, st, code;

	while ((ch = getopt(argc, argv, "+o:")) != -1) {
		switch (ch) {
		case 'o':
			outpath = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();

	t0 = mono_s();
	if ((pid = fork()) < 0) {
		fprintf(stderr, "bench_rusage: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "bench_rusage: %s: %s\n", argv[optind],
		    strerror(errno));
		_exit(127);
	}
	do {
		w = wait4(pid, &st, 0, &ru);
	} while (w < 0 && errno == EINTR);
	t1 = mono_s();
	if (w < 0) {
		fprintf(stderr, "bench_rusage: wait4: %s\n", strerror(errno));
		return 127;
	}
	if (WIFEXITED(st))
		code = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		code = 128 + WTERMSIG(st);
	else
		code = 127;

	if (outpath == NULL) {
		out = stderr;
	} else if ((out = fopen(outpath, "w")) == NULL) {
		fprintf(stderr, "bench_rusage: %s: %s\n", outpath,
		    strerror(errno));
		return 127;
	}
	/* ru_maxrss is in kilobytes on Linux and the BSDs. */
	fprintf(out, "user_s=%.6f sys_s=%.6f maxrss_kb=%ld wall_s=%.6f "
	    "status=%d\n", tv_s(&ru.ru_utime), tv_s(&ru.ru_stime),
	    ru.ru_maxrss, t1 - t0, code);
	if (out != stderr && fclose(out) != 0) {
		fprintf(stderr, "bench_rusage: %s: %s\n", outpath,
		    strerror(errno));
		return 127;
	}
	return code;
}
