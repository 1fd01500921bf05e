/*
 * Persistent identity of the local SNMP engine: the snmpEngineID (RFC 3411
 * §5) and snmpEngineBoots (RFC 3414 §2.2.2) kept in a small text file in a
 * directory the application names, so that a responder or notification
 * receiver keeps its engine ID across restarts and never reuses a (boots,
 * time) pair.  The file holds two lines, "engineID 0x<hex>" and
 * "engineBoots <decimal>"; it is rewritten atomically (temporary file,
 * fsync, rename) with mode 0600.  No printing: an unusable file is
 * reported to the caller, which decides what to say.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sn/agent.h>
#include <sn/error.h>
#include <sn/value.h>

#define ENGINE_FILE	"engine"
#define FILE_MAX	4096
#define ID_MIN		5	/* RFC 3411 §5: SnmpEngineID SIZE(5..32) */
#define ID_MAX		32
#define BOOTS_MAX	2147483647UL	/* RFC 3414 §2.2.2 */

int
sn_engine_id_parse(const char *s, uint8_t *id, size_t *len)
{
	size_t n;

	if (sn_hex_decode(s, id, ID_MAX, &n, 0) != 0 || n < ID_MIN)
		return SN_EINVAL;
	*len = n;
	return 0;
}

/* The file's form: "0x" and 10..64 hex digits; 0 or -1. */
static int
parse_id(const char *s, uint8_t *id, size_t *len)
{
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	return sn_engine_id_parse(s, id, len) < 0 ? -1 : 0;
}

static int
parse_boots(const char *s, uint32_t *boots)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > BOOTS_MAX)
		return -1;
	*boots = (uint32_t)v;
	return 0;
}

/*
 * Parse the file's text (NUL-terminated): 0 when both lines are there and
 * valid, -1 otherwise.  Blank lines and '#' comments are allowed.
 */
static int
parse_file(char *text, uint8_t *id, size_t *len, uint32_t *boots)
{
	char *line = text, *next, *val;
	int have_id = 0, have_boots = 0;

	for (; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if ((val = strchr(line, ' ')) == NULL)
			return -1;
		*val++ = '\0';
		if (strcmp(line, "engineID") == 0 && !have_id) {
			if (parse_id(val, id, len) != 0)
				return -1;
			have_id = 1;
		} else if (strcmp(line, "engineBoots") == 0 && !have_boots) {
			if (parse_boots(val, boots) != 0)
				return -1;
			have_boots = 1;
		} else {
			return -1;
		}
	}
	return have_id && have_boots ? 0 : -1;
}

/* Read dir/engine: 1 when valid, 0 when absent, -1 when unusable. */
static int
read_state(const char *path, uint8_t *id, size_t *len, uint32_t *boots)
{
	char buf[FILE_MAX + 1];
	size_t n = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return errno == ENOENT ? 0 : -1;
	while (n < FILE_MAX) {
		r = read(fd, buf + n, FILE_MAX - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n == 0 || n == FILE_MAX || memchr(buf, '\0', n) != NULL)
		return -1;
	buf[n] = '\0';
	return parse_file(buf, id, len, boots) == 0 ? 1 : -1;
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write the state atomically: temporary file, fsync, rename, 0600. */
static int
write_state(const char *dir, const char *path, const uint8_t *id,
    size_t len, uint32_t boots, struct sn_error *err)
{
	char tmp[PATH_MAX], text[256];
	size_t n, i;
	int fd, e;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir,
	    ENGINE_FILE) >= sizeof(tmp))
		return sn_error_set(err, SN_ETOOLONG, "%s: path too long",
		    dir);
	n = (size_t)snprintf(text, sizeof(text),
	    "# snmpsh engine identity: snmpEngineID, snmpEngineBoots\n"
	    "engineID 0x");
	for (i = 0; i < len; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%02x",
		    id[i]);
	n += (size_t)snprintf(text + n, sizeof(text) - n,
	    "\nengineBoots %lu\n", (unsigned long)boots);
	if (n >= sizeof(text))	/* cannot happen with len <= ID_MAX */
		return sn_error_set(err, SN_EINTERNAL, "engine ID: too long");
	/* mkstemp creates the file with mode 0600 */
	if ((fd = mkstemp(tmp)) < 0)
		return sn_error_set(err, SN_EINVAL, "%s: %s", dir,
		    strerror(errno));
	if (fchmod(fd, 0600) != 0 || write_all(fd, text, n) != 0 ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		return sn_error_set(err, SN_EINVAL, "%s: %s", tmp,
		    strerror(e));
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
		return sn_error_set(err, SN_EINVAL, "%s: %s", path,
		    strerror(e));
	}
	/* make the rename itself durable */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	return 0;
}

int
sn_engine_id_restart(const char *dir, uint8_t *id, size_t *len,
    uint32_t *boots, bool *replaced, struct sn_error *err)
{
	char path[PATH_MAX];
	uint8_t sid[ID_MAX];
	size_t slen = 0;
	uint32_t sboots = 0;
	int st;

	if (replaced != NULL)
		*replaced = false;
	if (dir == NULL || *dir == '\0' || id == NULL || len == NULL ||
	    boots == NULL)
		return sn_error_set(err, SN_EINVAL,
		    "engine ID: no directory given");
	if (*len < ID_MIN || *len > ID_MAX)
		return sn_error_set(err, SN_EINVAL,
		    "engine ID: an engine ID has 5 to 32 octets");
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
	    ENGINE_FILE) >= sizeof(path))
		return sn_error_set(err, SN_ETOOLONG, "%s: path too long",
		    dir);
	st = read_state(path, sid, &slen, &sboots);
	if (st > 0) {
		memcpy(id, sid, slen);
		*len = slen;
		/* RFC 3414 §2.2.2: boots grows at each restart and stays at
		 * 2147483647 once there */
		*boots = sboots >= BOOTS_MAX ? (uint32_t)BOOTS_MAX :
		    sboots + 1;
	} else {
		if (st < 0 && replaced != NULL)
			*replaced = true;
		*boots = 1;
	}
	return write_state(dir, path, id, *len, *boots, err);
}
