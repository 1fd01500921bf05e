/*
 * A command-line driver of the MIB layer for the script tests: names to
 * OIDs and back, values rendered from "OID TYPE VALUE" lines, completions
 * and describe text, so that the tests/mib scripts can compare them line
 * by line with Net-SNMP's snmptranslate and its library's renderings.
 * Not installed.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mib/mib.h"

static void
unhex(const char *h, uint8_t *out, size_t *n)
{
	*n = 0;
	while (h[0] && h[1]) {
		unsigned v;

		if (sscanf(h, "%2x", &v) != 1)
			break;
		out[(*n)++] = (uint8_t)v;
		h += 2;
	}
}

static void
print_cand(void *ud, const char *c)
{
	(void)ud;
	printf("%s\n", c);
}

static void
count_cand(void *ud, const char *c)
{
	(void)c;
	(*(size_t *)ud)++;
}

/* An OID by name, or numeric only when there is no service (-N). */
static int
parse_oid(struct mib *mib, const char *text, struct sn_oid *oid)
{
	if (mib == NULL)
		return sn_oid_parse(oid, text, NULL);
	return mib_parse_oid(mib, text, oid, NULL);
}

/* "OID T VALUE" as tests/mib/nsoracle.c reads them. */
static void
value_line(struct mib *mib, char *line, const struct mib_outopts *o)
{
	struct sn_varbind vb;
	struct mib_buf b = { 0 };
	static uint8_t bytes[4096];
	char *sp = strchr(line, ' ');
	size_t n;

	if (sp != NULL)
		*sp = '\0';
	if (parse_oid(mib, line, &vb.name) != 0) {
		printf("ERR %s\n", line);
		return;
	}
	if (sp == NULL) {
		mib_format_oid(mib, &vb.name, o, &b);
		printf("%s\n", mib_buf_str(&b));
		mib_buf_free(&b);
		return;
	}
	switch (sp[1]) {
	case 'h': case 'a': case 'p':
		unhex(sp + 3, bytes, &n);
		vb.value = sn_value_str(sp[1] == 'h' ? SN_T_OCTETS :
		    sp[1] == 'a' ? SN_T_IPADDR : SN_T_OPAQUE, bytes, n);
		break;
	case 'i':
		vb.value = sn_value_int((int32_t)strtol(sp + 3, NULL, 10));
		break;
	case 'u': case 'g': case 'c': case 't':
		vb.value = sn_value_uint(sp[1] == 'c' ? SN_T_COUNTER32 :
		    sp[1] == 't' ? SN_T_TIMETICKS : SN_T_GAUGE32,
		    (uint32_t)strtoul(sp + 3, NULL, 10));
		break;
	case 'C':
		vb.value = sn_value_u64(strtoull(sp + 3, NULL, 10));
		break;
	case 'o': {
		struct sn_oid v;

		if (parse_oid(mib, sp + 3, &v) != 0) {
			printf("ERR %s\n", sp + 3);
			return;
		}
		vb.value = sn_value_oid(&v);
		break;
	}
	case 'n':
		vb.value = sn_value_null(SN_T_NULL);
		break;
	default:
		vb.value = sn_value_null(SN_T_NOSUCHINSTANCE);
		break;
	}
	mib_format_varbind(mib, &vb, o, &b);
	printf("%s\n", mib_buf_str(&b));
	mib_buf_free(&b);
}

static void
logfn(void *ud, enum mib_severity sev, const char *path, int line,
    const char *msg)
{
	(void)ud;
	if (getenv("MIBTOOL_LOG") != NULL)
		fprintf(stderr, "log %d %s:%d %s\n", (int)sev,
		    path ? path : "-", line, msg);
}

int
main(int argc, char **argv)
{
	struct mib_opts opts = { 0 };
	struct mib_outopts o;
	struct sn_error err;
	struct mib *mib = NULL;
	char line[8192];
	int i = 1, rc = 0;
	bool nomib = false;

	mib_outopts_init(&o);
	opts.smipath = getenv("SMIPATH");
	opts.env_mibs = getenv("MIBS");
	opts.env_mibdirs = getenv("MIBDIRS");
	opts.home = getenv("HOME");
	opts.log = logfn;
	while (i < argc && argv[i][0] == '-') {
		if (strncmp(argv[i], "-O", 2) == 0) {
			if (mib_outopts_parse(&o, argv[i] + 2) != 0)
				return 2;
		} else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
			opts.modules = argv[++i];
		} else if (strcmp(argv[i], "-M") == 0 && i + 1 < argc) {
			opts.mibdirs = argv[++i];
		} else if (strcmp(argv[i], "-e") == 0) {
			opts.eager = true;
		} else if (strcmp(argv[i], "-N") == 0) {
			/* no MIB service: the formatters with mib NULL */
			nomib = true;
		} else if (strcmp(argv[i], "-r") == 0) {
			o.escape = false;
		} else
			break;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: mibtool [-Oletters] [-m M] [-M D] "
		    "oid|name|values|complete|describe|errors|nop ARGS\n");
		return 2;
	}
	if (nomib && strcmp(argv[i], "values") != 0) {
		fprintf(stderr, "mibtool: -N works with values only\n");
		return 2;
	}
	if (!nomib && mib_open(&opts, &mib, &err) != 0) {
		fprintf(stderr, "mibtool: %s\n", err.msg);
		return 1;
	}
	if (strcmp(argv[i], "oid") == 0) {
		/*
		 * Each name to its numeric OID (snmptranslate -On); with no
		 * names, one name per line of stdin.
		 */
		bool in = i + 1 == argc;

		for (i++; in || i < argc; i++) {
			struct sn_oid oid;
			char buf[SN_OID_STR_MAX];
			const char *name = in ? line : argv[i];

			if (in) {
				if (fgets(line, sizeof(line), stdin) == NULL)
					break;
				line[strcspn(line, "\n")] = '\0';
			}
			if (mib_parse_oid(mib, name, &oid, &err) != 0) {
				printf("ERR %s\n", err.msg);
				rc = 1;
				continue;
			}
			sn_oid_format(&oid, true, buf, sizeof(buf));
			printf("%s\n", buf);
		}
	} else if (strcmp(argv[i], "name") == 0) {
		/* Each OID (or name) to its name in the -O form. */
		for (i++; i < argc; i++) {
			struct sn_oid oid;
			struct mib_buf b = { 0 };

			if (mib_parse_oid(mib, argv[i], &oid, &err) != 0) {
				printf("ERR %s\n", err.msg);
				rc = 1;
				continue;
			}
			mib_format_oid(mib, &oid, &o, &b);
			printf("%s\n", mib_buf_str(&b));
			mib_buf_free(&b);
		}
	} else if (strcmp(argv[i], "values") == 0) {
		while (fgets(line, sizeof(line), stdin) != NULL) {
			line[strcspn(line, "\n")] = '\0';
			value_line(mib, line, &o);
		}
	} else if (strcmp(argv[i], "complete") == 0 && i + 1 < argc) {
		printf("%zu\n", mib_complete(mib, argv[i + 1], 0, print_cand,
		    NULL));
	} else if (strcmp(argv[i], "time-complete") == 0 && i + 1 < argc) {
		/* Mean time of a completion once everything is loaded. */
		struct timespec t0, t1;
		size_t k, got = 0;

		mib_load_all(mib, NULL);
		mib_complete(mib, argv[i + 1], 0, count_cand, &got);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (k = 0; k < 1000; k++)
			mib_complete(mib, argv[i + 1], 0, count_cand, &got);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%zu candidates, %.1f us per call\n", got / 1001,
		    ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec -
		    t0.tv_nsec)) / 1000 / 1e3);
	} else if (strcmp(argv[i], "describe") == 0 && i + 1 < argc) {
		struct sn_oid oid;
		struct mib_buf b = { 0 };

		if (mib_parse_oid(mib, argv[i + 1], &oid, &err) != 0 ||
		    mib_describe(mib, &oid, &b) != 0) {
			printf("ERR %s\n", argv[i + 1]);
			rc = 1;
		} else
			fputs(mib_buf_str(&b), stdout);
		mib_buf_free(&b);
	} else if (strcmp(argv[i], "errors") == 0) {
		const struct mib_load_error *e;
		size_t n, k;

		e = mib_errors(mib, &n);
		for (k = 0; k < n; k++)
			printf("%s: %s:%d: %s\n", e[k].module,
			    e[k].path ? e[k].path : "-", e[k].line, e[k].msg);
		printf("%zu modules\n", mib_module_count(mib));
	} else if (strcmp(argv[i], "nop") != 0) {
		fprintf(stderr, "mibtool: unknown command %s\n", argv[i]);
		rc = 2;
	}
	mib_close(mib);
	return rc;
}
