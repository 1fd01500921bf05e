/*
 * Corpus replay for make check: feeds every file of the directories named
 * on the command line to LLVMFuzzerTestOneInput (a libFuzzer target linked
 * in) and prints one TAP line per file.  A bug in the code under test
 * aborts or is caught by the sanitizers, which fails the test.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	uint8_t *data = NULL, *nd;
	size_t len = 0, cap = 0, n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((nd = realloc(data, cap)) == NULL) {
				free(data);
				fclose(f);
				return -1;
			}
			data = nd;
		}
		n = fread(data + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	fclose(f);
	/* an exact-size copy, so that ASan sees reads past the end */
	nd = malloc(len ? len : 1);
	if (nd == NULL) {
		free(data);
		return -1;
	}
	memcpy(nd, data, len);
	free(data);
	LLVMFuzzerTestOneInput(nd, len);
	free(nd);
	return 0;
}

int
main(int argc, char **argv)
{
	struct dirent **ents;
	char path[4096];
	int i, j, n, total = 0;

	for (i = 1; i < argc; i++) {
		n = scandir(argv[i], &ents, NULL, alphasort);
		if (n < 0) {
			tap_ok(0, "read corpus %s", argv[i]);
			continue;
		}
		for (j = 0; j < n; j++) {
			if (ents[j]->d_name[0] != '.') {
				snprintf(path, sizeof(path), "%s/%s", argv[i],
				    ents[j]->d_name);
				tap_ok(replay_file(path) == 0, "%s",
				    ents[j]->d_name);
				total++;
			}
			free(ents[j]);
		}
		free(ents);
	}
	tap_ok(total >= 20, "replayed %d inputs", total);
	return tap_done();
}
