/*
 * The mib service: libsmi set up once per process, the search path and
 * module list composed as Net-SNMP's -M/-m, MIBDIRS/MIBS and libsmi's
 * SMIPATH compose them, the bundled mibs/ folder found at run time, lazy
 * loading of ALL (the core Net-SNMP loads by default first, the rest on
 * demand), and libsmi's diagnostics routed to the log hook and kept per
 * module for `mib errors`.  MIB modules are RFC 2578/2579/2580 (SMIv2) and
 * RFC 1155/1212/1215 (SMIv1) text, parsed by libsmi.
 */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mib/mib_int.h"

/*
 * libsmi's error handler takes no user data, so the one open service is
 * remembered here; libsmi's own state is process-wide anyway (STYLE §1).
 */
static struct mib *current;

/*
 * The modules Net-SNMP 5.9 loads by default (net-snmp-config
 * --default-mibs): loaded first, and preferred when several modules name
 * the same OID, so names print as Net-SNMP prints them by default.
 */
/* The tag of snmpsh's lines in smi.conf(5) files ("snmpsh: load X"). */
#define SMI_TAG "snmpsh"

static const char *const core_modules[] = {
	"SNMPv2-MIB", "IF-MIB", "IP-MIB", "TCP-MIB", "UDP-MIB",
	"HOST-RESOURCES-MIB", "NOTIFICATION-LOG-MIB", "DISMAN-EVENT-MIB",
	"DISMAN-SCHEDULE-MIB", "HOST-RESOURCES-TYPES", "MTA-MIB",
	"NETWORK-SERVICES-MIB", "UCD-DISKIO-MIB", "UCD-DLMOD-MIB",
	"LM-SENSORS-MIB", "UCD-SNMP-MIB", "UCD-DEMO-MIB", "SNMP-TARGET-MIB",
	"NET-SNMP-AGENT-MIB", "SNMP-FRAMEWORK-MIB", "SNMP-MPD-MIB",
	"SNMP-USER-BASED-SM-MIB", "SNMP-VIEW-BASED-ACM-MIB",
	"SNMP-COMMUNITY-MIB", "IPV6-ICMP-MIB", "IPV6-MIB", "IPV6-TCP-MIB",
	"IPV6-UDP-MIB", "IP-FORWARD-MIB", "NET-SNMP-PASS-MIB",
	"NET-SNMP-EXTEND-MIB", "SNMP-NOTIFICATION-MIB", "SNMPv2-TM",
	"NET-SNMP-VACM-MIB", NULL
};

int
mib_core_rank(const char *module)
{
	int i;

	for (i = 0; core_modules[i] != NULL; i++)
		if (strcmp(core_modules[i], module) == 0)
			return i;
	return -1;
}

static bool
set(const char *s)
{
	return s != NULL && *s != '\0';
}

void
mib_log(struct mib *mib, enum mib_severity sev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (mib->log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mib->log(mib->log_ud, sev, NULL, 0, msg);
}

static void
add_err(struct mib *mib, const char *module, const char *path, int line,
    const char *msg)
{
	struct mib_err_rec *r;

	if (mib->nerrs == mib->caperrs) {
		size_t cap = mib->caperrs ? mib->caperrs * 2 : 16;

		if ((r = realloc(mib->errs, cap * sizeof(*r))) == NULL)
			return;
		mib->errs = r;
		mib->caperrs = cap;
	}
	r = &mib->errs[mib->nerrs];
	r->module = strdup(module != NULL ? module : "");
	r->path = path != NULL ? strdup(path) : NULL;
	r->line = line;
	r->msg = strdup(msg);
	if (r->module == NULL || r->msg == NULL) {
		free(r->module);
		free(r->path);
		free(r->msg);
		return;
	}
	mib->nerrs++;
}

/*
 * libsmi's diagnostics: to the log hook; those that mean a module or part
 * of it could not be read (severity 0 internal, 1 major: syntax errors)
 * also to the list of load errors.
 */
static void
smi_diag(char *path, int line, int severity, char *msg, char *tag)
{
	struct mib *mib = current;
	enum mib_severity sev;

	(void)tag;
	if (mib == NULL)
		return;
	sev = severity <= 2 ? MIB_LOG_ERROR :
	    severity <= 5 ? MIB_LOG_WARNING : MIB_LOG_INFO;
	if (mib->log != NULL)
		mib->log(mib->log_ud, sev, path, line, msg);
	if (severity <= 1)
		add_err(mib, mib->loading, path, line, msg);
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A growable ':'-separated list of strings. */
struct strlist {
	char **v;
	size_t n, cap;
	bool oom;
};

static void
sl_add(struct strlist *l, const char *s, size_t n)
{
	char *c;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	if ((c = strndup(s, n)) == NULL) {
		l->oom = true;
		return;
	}
	l->v[l->n++] = c;
}

static bool
sl_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/* Append the ':'-separated items of s (empty items skipped). */
static void
sl_split(struct strlist *l, const char *s)
{
	const char *e;

	while (s != NULL && *s != '\0') {
		e = strchr(s, ':');
		if (e == NULL)
			e = s + strlen(s);
		if (e > s)
			sl_add(l, s, (size_t)(e - s));
		s = *e ? e + 1 : e;
	}
}

static void
sl_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/*
 * Apply a Net-SNMP style list change to l: "+X" appends, "-X" prepends,
 * "X" replaces (snmpcmd(1) -M and -m).
 */
static void
sl_apply(struct strlist *l, const char *spec)
{
	struct strlist n = { 0 };
	size_t i;

	if (!set(spec))
		return;
	if (spec[0] == '+') {
		sl_split(l, spec + 1);
		return;
	}
	if (spec[0] == '-') {
		sl_split(&n, spec + 1);
		for (i = 0; i < l->n; i++)
			sl_add(&n, l->v[i], strlen(l->v[i]));
	} else
		sl_split(&n, spec);
	if (n.oom)
		l->oom = true;
	sl_free(l);
	*l = n;
}

/* The bundled folder: given, installed, or the source tree's. */
static void
bundled_dirs(const struct mib_opts *o, struct strlist *l)
{
	static const char *const sub[] = { "ietf", "iana", "net-snmp" };
	char dir[4096];
	const char *base = NULL;
	size_t i;

	if (set(o->bundled)) {
		base = o->bundled;
	} else {
		snprintf(dir, sizeof(dir), "%s/mibs/ietf", SN_PKGDATADIR);
		if (is_dir(dir)) {
			base = SN_PKGDATADIR "/mibs";
		} else {
			snprintf(dir, sizeof(dir), "%s/mibs/ietf", SN_SRCDIR);
			if (is_dir(dir))
				base = SN_SRCDIR "/mibs";
		}
	}
	if (base == NULL)
		return;
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", base, sub[i]);
		if (is_dir(dir) && !sl_has(l, dir))
			sl_add(l, dir, strlen(dir));
	}
	if (l->n == 0 || !is_dir(dir))
		sl_add(l, base, strlen(base));
}

static char *
join(const struct strlist *l)
{
	size_t i, n = 1;
	char *s, *p;

	for (i = 0; i < l->n; i++)
		n += strlen(l->v[i]) + 1;
	if ((s = malloc(n)) == NULL)
		return NULL;
	p = s;
	*p = '\0';
	for (i = 0; i < l->n; i++) {
		size_t k = strlen(l->v[i]);

		if (i > 0)
			*p++ = ':';
		memcpy(p, l->v[i], k);
		p += k;
		*p = '\0';
	}
	return s;
}

/* Module name for a file name: the name without a known extension. */
static bool
module_of_file(const char *file, char *name, size_t cap)
{
	static const char *const ext[] = { ".txt", ".my", ".mib", ".smiv1",
	    ".smiv2", ".sming", ".MIB", ".TXT", ".MY", NULL };
	size_t n = strlen(file), i;

	if (file[0] == '.' || n >= cap)
		return false;
	for (i = 0; ext[i] != NULL; i++) {
		size_t k = strlen(ext[i]);

		if (n > k && strcmp(file + n - k, ext[i]) == 0) {
			n -= k;
			break;
		}
	}
	if (ext[i] == NULL && strchr(file, '.') != NULL)
		return false;	/* README.md and the like */
	memcpy(name, file, n);
	name[n] = '\0';
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every module of the search path, each name once (ALL). */
static void
list_all(const struct strlist *dirs, struct strlist *out)
{
	struct strlist names = { 0 };
	size_t i;

	for (i = 0; i < dirs->n; i++) {
		DIR *d = opendir(dirs->v[i]);
		struct dirent *e;
		char name[256];
		size_t first = names.n;

		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			if (!module_of_file(e->d_name, name, sizeof(name)))
				continue;
			if (!sl_has(out, name) && !sl_has(&names, name))
				sl_add(&names, name, strlen(name));
		}
		closedir(d);
		/* Directory order is arbitrary: sort for reproducibility. */
		qsort(names.v + first, names.n - first, sizeof(char *),
		    cmp_str);
	}
	for (i = 0; i < names.n; i++)
		sl_add(out, names.v[i], strlen(names.v[i]));
	if (names.oom)
		out->oom = true;
	sl_free(&names);
}

static int
load_one(struct mib *mib, const char *module)
{
	size_t before = mib->nerrs;
	char *got;

	if (smiIsLoaded(module))
		return 0;
	mib->loading = module;
	got = smiLoadModule(module);
	mib->loading = NULL;
	mib->dirty = true;
	if (got == NULL) {
		if (mib->nerrs == before)
			add_err(mib, module, NULL, 0,
			    "module not found in the MIB search path");
		return SN_ENOTFOUND;
	}
	return 0;
}

bool
mib_finish_lazy(struct mib *mib)
{
	size_t i;

	if (!mib->lazy)
		return false;
	mib->lazy = false;
	for (i = 0; i < mib->npending; i++) {
		load_one(mib, mib->pending[i]);
		free(mib->pending[i]);
	}
	free(mib->pending);
	mib->pending = NULL;
	mib->npending = 0;
	mib_log(mib, MIB_LOG_INFO, "loaded all MIB modules of the path");
	return true;
}

int
mib_index_ready(struct mib *mib)
{
	if (!mib->dirty)
		return 0;
	mib->dirty = false;
	return mib_index_build(mib);
}

int
mib_load_all(struct mib *mib, struct sn_error *err)
{
	mib_finish_lazy(mib);
	if (mib_index_ready(mib) != 0)
		return sn_error_set(err, SN_ENOMEM, "mib: out of memory");
	return 0;
}

int
mib_load_module(struct mib *mib, const char *module, struct sn_error *err)
{
	if (!set(module))
		return sn_error_set(err, SN_EINVAL, "mib: empty module name");
	if (load_one(mib, module) != 0)
		return sn_error_set(err, SN_ENOTFOUND,
		    "mib: cannot load module %s", module);
	if (mib_index_ready(mib) != 0)
		return sn_error_set(err, SN_ENOMEM, "mib: out of memory");
	return 0;
}

/*
 * A libsmi path setting (smi.conf `path`, SMIPATH) as smiInit() applies it
 * to its default path, with the bundled folder in the default's place:
 * ":DIRS" appends after it, "DIRS:" prepends, "DIRS" replaces what the
 * settings so far gave (the bundled folder stays, behind them).
 */
static void
smipath_apply(struct strlist *before, struct strlist *after,
    const char *spec)
{
	struct strlist n = { 0 };
	size_t i, k;

	if (!set(spec))
		return;
	k = strlen(spec);
	if (spec[0] == ':') {
		sl_split(after, spec + 1);
		return;
	}
	sl_split(&n, spec);
	if (spec[k - 1] == ':') {
		for (i = 0; i < before->n; i++)
			sl_add(&n, before->v[i], strlen(before->v[i]));
	} else
		sl_free(after);
	if (n.oom)
		before->oom = true;
	sl_free(before);
	*before = n;
}

struct confctx {
	struct strlist *before, *after, *load;
};

/* smi.conf(5) commands: `path` and `load`; level, hide, cache ignored. */
static void
conf_cmd(void *ud, const char *cmd, const char *arg)
{
	struct confctx *c = ud;

	if (!set(arg))
		return;
	if (strcmp(cmd, "path") == 0)
		smipath_apply(c->before, c->after, arg);
	else if (strcmp(cmd, "load") == 0 && !sl_has(c->load, arg))
		sl_add(c->load, arg, strlen(arg));
}

static bool
has_all(const struct strlist *l)
{
	return sl_has(l, "ALL");
}

int
mib_open(const struct mib_opts *opts, struct mib **out,
    struct sn_error *err)
{
	static const struct mib_opts none;
	struct strlist dirs = { 0 }, mods = { 0 }, load = { 0 };
	struct strlist pre = { 0 }, post = { 0 }, confload = { 0 };
	struct strlist search = { 0 };
	struct confctx cc = { &pre, &post, &confload };
	struct mib *mib;
	size_t i;
	bool all;
	char home[4096];

	*out = NULL;
	if (opts == NULL)
		opts = &none;
	if (current != NULL)
		return sn_error_set(err, SN_EINVAL,
		    "mib: the MIB service is already open");
	if ((mib = calloc(1, sizeof(*mib))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "mib: out of memory");
	mib->log = opts->log;
	mib->log_ud = opts->log_ud;

	/* Search path: the default, then MIBDIRS, then -M (snmpcmd(1)). */
	if (set(opts->home)) {
		snprintf(home, sizeof(home), "%s/.snmp/mibs", opts->home);
		if (is_dir(home))
			sl_add(&dirs, home, strlen(home));
	}
	/* libsmi's part: smi.conf `path` lines, then SMIPATH (smiInit()) */
	for (i = 0; opts->smi_conf != NULL && opts->smi_conf[i] != NULL; i++)
		mib_conf_read(opts->smi_conf[i], SMI_TAG, conf_cmd, &cc);
	smipath_apply(&pre, &post, opts->smipath);
	for (i = 0; i < pre.n; i++)
		if (!sl_has(&dirs, pre.v[i]))
			sl_add(&dirs, pre.v[i], strlen(pre.v[i]));
	bundled_dirs(opts, &dirs);
	for (i = 0; i < post.n; i++)
		if (!sl_has(&dirs, post.v[i]))
			sl_add(&dirs, post.v[i], strlen(post.v[i]));
	if (pre.oom || post.oom || confload.oom)
		dirs.oom = true;
	sl_apply(&dirs, opts->env_mibdirs);
	sl_apply(&dirs, opts->mibdirs);

	/*
	 * Modules: the default ALL and smi.conf's `load` lines, then MIBS,
	 * then -m.
	 */
	sl_add(&mods, "ALL", 3);
	for (i = 0; i < confload.n; i++)
		sl_add(&mods, confload.v[i], strlen(confload.v[i]));
	sl_free(&pre);
	sl_free(&post);
	sl_free(&confload);
	sl_apply(&mods, opts->env_mibs);
	sl_apply(&mods, opts->modules);
	/*
	 * libsmi's search path: the directories above, then the bundled
	 * folders they left out.  libsmi crashes (duplicateType) on a module
	 * whose imports reach for SNMPv2-SMI when no directory has it (e.g.
	 * MIBDIRS=/usr/share/snmp/mibs, Net-SNMP's own modules only), so the
	 * SMI's base modules must always resolve; ALL still means the files
	 * of `dirs` only.
	 */
	{
		struct strlist fb = { 0 };

		bundled_dirs(opts, &fb);
		for (i = 0; i < dirs.n; i++)
			sl_add(&search, dirs.v[i], strlen(dirs.v[i]));
		for (i = 0; i < fb.n; i++)
			if (!sl_has(&dirs, fb.v[i]))
				sl_add(&search, fb.v[i], strlen(fb.v[i]));
		if (fb.oom)
			search.oom = true;
		sl_free(&fb);
	}
	if (dirs.oom || mods.oom || search.oom ||
	    (mib->path = join(&search)) == NULL) {
		sl_free(&search);
		goto nomem;
	}
	sl_free(&search);

	current = mib;
	/*
	 * A tag with no name: smiInit() then reads no smi.conf of its own
	 * (smiconf.c reads them, above) and loads nothing before the error
	 * handler below is in place.
	 */
	smiInit(":");
	smiSetErrorHandler(smi_diag);
	smiSetErrorLevel(3);
	smiSetFlags(smiGetFlags() | SMI_FLAG_ERRORS);
	smiSetPath(mib->path);
	mib_log(mib, MIB_LOG_INFO, "MIB search path %s", mib->path);

	all = has_all(&mods);
	/* The core first, then the named modules, then (maybe later) ALL. */
	if (all) {
		for (i = 0; core_modules[i] != NULL; i++)
			sl_add(&load, core_modules[i],
			    strlen(core_modules[i]));
	}
	for (i = 0; i < mods.n; i++)
		if (strcmp(mods.v[i], "ALL") != 0 && !sl_has(&load, mods.v[i]))
			sl_add(&load, mods.v[i], strlen(mods.v[i]));
	for (i = 0; i < load.n; i++) {
		/* A missing core module is not an error when loading ALL. */
		if (all && i < sizeof(core_modules) / sizeof(core_modules[0])
		    - 1) {
			size_t before = mib->nerrs;

			if (load_one(mib, load.v[i]) == SN_ENOTFOUND &&
			    mib->nerrs == before + 1 &&
			    mib->errs[before].path == NULL) {
				mib->nerrs--;
				free(mib->errs[before].module);
				free(mib->errs[before].msg);
			}
		} else
			load_one(mib, load.v[i]);
	}
	if (all) {
		struct strlist rest = { 0 };

		list_all(&dirs, &rest);
		if (rest.oom) {
			sl_free(&rest);
			goto nomem;
		}
		mib->pending = rest.v;
		mib->npending = rest.n;
		mib->lazy = true;
		if (opts->eager)
			mib_finish_lazy(mib);
	}
	sl_free(&dirs);
	sl_free(&mods);
	sl_free(&load);
	mib->dirty = true;
	if (mib_index_ready(mib) != 0) {
		mib_close(mib);
		return sn_error_set(err, SN_ENOMEM, "mib: out of memory");
	}
	*out = mib;
	return 0;
nomem:
	sl_free(&dirs);
	sl_free(&mods);
	sl_free(&load);
	mib_close(mib);
	return sn_error_set(err, SN_ENOMEM, "mib: out of memory");
}

void
mib_close(struct mib *mib)
{
	size_t i;

	if (mib == NULL)
		return;
	if (current == mib) {
		smiExit();
		current = NULL;
	}
	mib_index_free(mib);
	mib_src_free(mib);
	for (i = 0; i < mib->npending; i++)
		free(mib->pending[i]);
	free(mib->pending);
	for (i = 0; i < mib->nerrs; i++) {
		free(mib->errs[i].module);
		free(mib->errs[i].path);
		free(mib->errs[i].msg);
	}
	free(mib->errs);
	free(mib->errview);
	free(mib->path);
	free(mib);
}

const char *
mib_path(const struct mib *mib)
{
	return mib->path;
}

const struct mib_load_error *
mib_errors(struct mib *mib, size_t *n)
{
	struct mib_load_error *v;
	size_t i;

	mib_finish_lazy(mib);
	mib_index_ready(mib);
	*n = 0;
	free(mib->errview);
	mib->errview = NULL;
	if (mib->nerrs == 0)
		return NULL;
	if ((v = calloc(mib->nerrs, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < mib->nerrs; i++) {
		v[i].module = mib->errs[i].module;
		v[i].path = mib->errs[i].path;
		v[i].line = mib->errs[i].line;
		v[i].msg = mib->errs[i].msg;
	}
	mib->errview = v;
	*n = mib->nerrs;
	return v;
}

size_t
mib_module_count(const struct mib *mib)
{
	return mib->nmods;
}
