/*
 * Unit tests of the persistent engine identity (engine_id.c): a new file
 * takes the given engine ID with boots 1, a restart keeps the ID and adds
 * one to boots, boots stays at 2147483647 (RFC 3414 §2.2.2), the file has
 * mode 0600 and no temporary file is left, corrupt files are replaced
 * (and reported), and a missing directory is an error; engine IDs parsed
 * from hex text (RFC 3411 §5: 5..32 octets), with failing rows.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sn/agent.h>

#include "tests/lib/tap.h"

static const uint8_t def_id[] = {
	0x80, 0x00, 0x7e, 0xd9, 0x05, 1, 2, 3, 4, 5, 6, 7, 8
};
static const uint8_t other_id[] = { 0x80, 0x00, 0x1f, 0x88, 0x04, 'x' };

/* a string literal and its length (which may include NUL bytes) */
#define LIT(s) s, sizeof(s) - 1

/* sn_engine_id_parse: text, octets expected (0: SN_EINVAL) */
static const struct {
	const char *text;
	size_t len;
} parse_rows[] = {
	{ "0x8000000001", 5 },
	{ "8000000001", 5 },
	{ "0X80007ED905AABBCC", 8 },
	{ "0x80000000000000000000000000000000"
	    "00000000000000000000000000000001", 32 },
	{ "", 0 },
	{ "0x", 0 },
	{ "0x80000000", 0 },		/* 4 octets */
	{ "0x800000000", 0 },		/* odd digits */
	{ "0x80000000zz", 0 },
	{ "0x 8000000001", 0 },
	{ "0x80000000000000000000000000000000"
	    "0000000000000000000000000000000000", 0 },	/* 33 octets */
};

static void
test_parse(void)
{
	uint8_t id[32];
	size_t i, len;
	int rc;

	for (i = 0; i < sizeof(parse_rows) / sizeof(parse_rows[0]); i++) {
		len = 0;
		rc = sn_engine_id_parse(parse_rows[i].text, id, &len);
		if (parse_rows[i].len == 0)
			tap_ok(rc == SN_EINVAL, "parse '%s': SN_EINVAL",
			    parse_rows[i].text);
		else
			tap_ok(rc == 0 && len == parse_rows[i].len &&
			    id[0] == 0x80 && id[len - 1] == (len == 8 ?
			    0xcc : 1), "parse '%s': %zu octets",
			    parse_rows[i].text, parse_rows[i].len);
	}
}

static char dir[64];
static char path[128];

static void
put_file(const char *text, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		tap_diag("cannot write %s", path);
		return;
	}
	fwrite(text, 1, n, f);
	fclose(f);
}

/* Run one restart with default def_id; returns its status. */
static int
restart(uint8_t *id, size_t *len, uint32_t *boots, bool *replaced)
{
	struct sn_error err;

	memcpy(id, def_id, sizeof(def_id));
	*len = sizeof(def_id);
	*boots = 0;
	return sn_engine_id_restart(dir, id, len, boots, replaced, &err);
}

/* Only the file "engine" in dir (no temporary file left behind). */
static int
only_engine_file(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0, bad = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (strcmp(e->d_name, "engine") != 0) {
			tap_diag("stray file %s", e->d_name);
			bad = 1;
		}
	}
	closedir(d);
	return n == 1 && !bad;
}

static void
test_corrupt(const char *what, const char *text, size_t n)
{
	uint8_t id[32];
	size_t len;
	uint32_t boots;
	bool replaced = false;
	int rc;

	put_file(text, n);
	rc = restart(id, &len, &boots, &replaced);
	tap_ok(rc == 0 && replaced && boots == 1 &&
	    len == sizeof(def_id) && memcmp(id, def_id, len) == 0,
	    "corrupt file (%s) is replaced with a new identity", what);
	/* the replacement is a valid file again */
	rc = restart(id, &len, &boots, &replaced);
	tap_ok(rc == 0 && !replaced && boots == 2,
	    "the replaced file (%s) reads back", what);
}

int
main(void)
{
	uint8_t id[32];
	size_t len;
	uint32_t boots;
	bool replaced = true;
	struct sn_error err;
	struct stat st;
	struct sn_agent *a = NULL;
	uint8_t got[32];
	char big[5000];
	int rc;

	snprintf(dir, sizeof(dir), "/tmp/snmpsh-eid.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		tap_ok(0, "mkdtemp");
		return tap_done();
	}
	snprintf(path, sizeof(path), "%s/engine", dir);

	/* a new identity: the given ID, boots 1 */
	rc = restart(id, &len, &boots, &replaced);
	tap_ok(rc == 0, "first start succeeds");
	tap_ok(!replaced, "first start replaces nothing");
	tap_ok(boots == 1, "first start: boots 1 (got %lu)",
	    (unsigned long)boots);
	tap_mem_eq(id, len, def_id, sizeof(def_id),
	    "first start keeps the given engine ID");
	if (stat(path, &st) != 0)
		st.st_mode = 0;
	tap_ok((st.st_mode & 0777) == 0600, "the file has mode 0600 (got %o)",
	    (unsigned)(st.st_mode & 0777));
	tap_ok(only_engine_file(), "no temporary file left");

	/* a restart with another default keeps the stored ID */
	memcpy(id, other_id, sizeof(other_id));
	len = sizeof(other_id);
	rc = sn_engine_id_restart(dir, id, &len, &boots, &replaced, &err);
	tap_ok(rc == 0 && !replaced, "second start succeeds");
	tap_ok(boots == 2, "second start: boots 2 (got %lu)",
	    (unsigned long)boots);
	tap_mem_eq(id, len, def_id, sizeof(def_id),
	    "second start keeps the stored engine ID");
	rc = restart(id, &len, &boots, NULL);
	tap_ok(rc == 0 && boots == 3, "third start: boots 3 (replaced NULL)");

	/* RFC 3414 §2.2.2: boots stops at 2147483647 */
	put_file(LIT("engineID 0x80007ed905aabb\n"
	    "engineBoots 2147483646\n"));
	rc = restart(id, &len, &boots, &replaced);
	tap_ok(rc == 0 && !replaced && boots == 2147483647,
	    "boots 2147483646 becomes 2147483647");
	tap_mem_eq(id, len, "\x80\x00\x7e\xd9\x05\xaa\xbb", 7,
	    "a hand-written engine ID is read");
	rc = restart(id, &len, &boots, &replaced);
	tap_ok(rc == 0 && !replaced && boots == 2147483647,
	    "boots stays at 2147483647");

	/* comments and blank lines, either order, upper-case hex */
	put_file(LIT("# mine\n\nengineBoots 7\n"
	    "engineID 0X80007ED905AABBCC\n"));
	rc = restart(id, &len, &boots, &replaced);
	tap_ok(rc == 0 && !replaced && boots == 8 && len == 8 &&
	    id[7] == 0xcc, "comments, blank lines and either order");

	/* corrupt files */
	test_corrupt("empty", LIT(""));
	test_corrupt("garbage", LIT("\x01\x02garbage\xff"));
	test_corrupt("NUL byte",
	    LIT("engineBoots 3\n\0engineID 0x80007ed905aa\n"));
	test_corrupt("no boots", LIT("engineID 0x80007ed905aabb\n"));
	test_corrupt("no ID", LIT("engineBoots 4\n"));
	test_corrupt("odd hex",
	    LIT("engineID 0x80007ed905a\nengineBoots 4\n"));
	test_corrupt("bad hex",
	    LIT("engineID 0x80007ed905zz\nengineBoots 4\n"));
	test_corrupt("no 0x",
	    LIT("engineID 80007ed905aa\nengineBoots 4\n"));
	test_corrupt("ID of 4 octets",
	    LIT("engineID 0x80007ed9\nengineBoots 4\n"));
	test_corrupt("ID of 33 octets", LIT("engineID 0x"
	    "800000000000000000000000000000000000000000000000000000000000000000"
	    "\nengineBoots 4\n"));
	test_corrupt("boots 2147483648",
	    LIT("engineID 0x80007ed905aa\nengineBoots 2147483648\n"));
	test_corrupt("negative boots",
	    LIT("engineID 0x80007ed905aa\nengineBoots -1\n"));
	test_corrupt("boots with junk",
	    LIT("engineID 0x80007ed905aa\nengineBoots 12x\n"));
	test_corrupt("unknown keyword",
	    LIT("engineID 0x80007ed905aa\nengineBoots 1\nfoo bar\n"));
	test_corrupt("duplicate line",
	    LIT("engineID 0x80007ed905aa\nengineBoots 1\nengineBoots 2\n"));
	memset(big, '#', sizeof(big));
	test_corrupt("oversized", big, sizeof(big));
	tap_ok(only_engine_file(), "still no temporary file left");

	/* the result feeds sn_agent_set_engine_id */
	rc = restart(id, &len, &boots, &replaced);
	if (sn_agent_new(NULL, &a, &err) == 0 &&
	    sn_agent_set_engine_id(a, id, len, boots, &err) == 0) {
		tap_mem_eq(got, sn_agent_engine_id(a, got, sizeof(got)), id,
		    len, "the agent takes the persisted engine ID");
	} else {
		tap_ok(0, "agent setup: %s", err.msg);
	}
	sn_agent_free(a);

	/* errors */
	memcpy(id, def_id, sizeof(def_id));
	len = sizeof(def_id);
	rc = sn_engine_id_restart(NULL, id, &len, &boots, NULL, &err);
	tap_ok(rc == SN_EINVAL, "no directory: SN_EINVAL");
	len = 4;
	rc = sn_engine_id_restart(dir, id, &len, &boots, NULL, &err);
	tap_ok(rc == SN_EINVAL, "engine ID of 4 octets: SN_EINVAL");
	unlink(path);
	rmdir(dir);
	len = sizeof(def_id);
	rc = sn_engine_id_restart(dir, id, &len, &boots, NULL, &err);
	tap_ok(rc == SN_EINVAL && strstr(err.msg, dir) != NULL,
	    "missing directory: SN_EINVAL naming it (%s)", err.msg);
	test_parse();
	return tap_done();
}
