/*
 * The embedded demo agent of `snmpsh --demo`: an engine command responder
 * (sn_agent) serving, from one sn_mostore under mib-2, the system group of
 * RFC 3418 (live sysUpTime, writable sysContact/sysName/sysLocation, a
 * small sysORTable), the interfaces group and ifXTable of RFC 2863 with
 * four interfaces whose counters move with elapsed time (Counter32 wraps,
 * Counter64 HC counters, ifAdminStatus and ifAlias writable) and the snmp
 * group counters of RFC 3418 §2; plus, on request, a synthetic table under
 * SH_DEMO_BULK_OID computed row by row for benchmarks.  Its SNMPv3 engine
 * ID and snmpEngineBoots (RFC 3411 §5, RFC 3414 §2.2.2) persist in the
 * user's data folder through sn_engine_id_restart.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include <sn/agent.h>

#include "shell/datadir.h"
#include "shell/demo.h"

#define NIFS 4

/* The SNMPv3 user of the demo agent (documented in snmpsh --help). */
static const struct sn_agent_user demo_user = {
	"demo", "SHA", "demo-auth-pass", "AES", "demo-priv-pass", true
};
/* A user (and community "limited") whose MIB view is restricted. */
static const struct sn_agent_user demolim_user = {
	"demolim", "SHA", "demo-auth-pass", "AES", "demo-priv-pass", false
};

/* IANAifType values (RFC 2863 ifType) */
enum {
	IFT_ETHERNET = 6,
	IFT_LOOPBACK = 24,
	IFT_80211 = 71
};

/* ifAdminStatus / ifOperStatus (RFC 2863) */
enum {
	ST_UP = 1,
	ST_DOWN = 2,
	ST_TESTING = 3
};

struct iface {
	struct sh_demo *demo;
	uint32_t index;
	const char *name;
	const char *descr;
	int32_t type;
	int32_t mtu;
	uint32_t speed;		/* ifSpeed, bit/s */
	uint32_t high_speed;	/* ifHighSpeed, Mbit/s */
	uint8_t mac[6];
	size_t mac_len;
	bool carrier;		/* link present: oper up when admin up */
	uint64_t in_base, out_base;	/* octets at start */
	uint64_t in_rate, out_rate;	/* octets per second while up */
	/* state */
	int32_t admin;
	uint64_t active_ms;	/* time spent up before up_since */
	uint64_t up_since;	/* ms since start, when running */
	bool running;
	uint32_t last_change;	/* TimeTicks */
	/* state before the last committed ifAdminStatus, for undo */
	int32_t u_admin;
	uint64_t u_active_ms, u_up_since;
	bool u_running;
	uint32_t u_last_change;
};

struct sh_demo {
	struct sn_agent *agent;
	struct sn_mostore *store;
	struct timespec start;
	struct iface ifs[NIFS];
	unsigned long bulk_rows;
	struct sn_oid bulk_entry;
	char bulk_buf[32];
};

static const uint32_t mib2[] = { 1, 3, 6, 1, 2, 1 };
static const uint32_t if_entry[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1 };
static const uint32_t ifx_entry[] = { 1, 3, 6, 1, 2, 1, 31, 1, 1, 1 };

/* Milliseconds since the agent started (monotonic clock). */
static uint64_t
elapsed_ms(const struct sh_demo *d)
{
	struct timespec now;
	int64_t ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (int64_t)(now.tv_sec - d->start.tv_sec) * 1000 +
	    (now.tv_nsec - d->start.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (uint64_t)ms;
}

/* sysUpTime and the like: hundredths of a second since start. */
static uint32_t
ticks(const struct sh_demo *d)
{
	return (uint32_t)(elapsed_ms(d) / 10);
}

static struct sn_oid
mkoid(const uint32_t *pre, size_t n, uint32_t a, uint32_t b)
{
	struct sn_oid o;

	sn_oid_set(&o, pre, n);
	sn_oid_append(&o, a);
	sn_oid_append(&o, b);
	return o;
}

/* ---- interface counters ---- */

static uint64_t
active_ms(const struct iface *f, uint64_t now)
{
	return f->active_ms + (f->running ? now - f->up_since : 0);
}

static int32_t
oper_status(const struct iface *f)
{
	if (f->admin == ST_TESTING)
		return ST_TESTING;
	return f->running ? ST_UP : ST_DOWN;
}

/* Bring the running state in line with admin status and carrier. */
static void
iface_update(struct iface *f)
{
	uint64_t now = elapsed_ms(f->demo);
	bool run = f->admin == ST_UP && f->carrier;

	if (run == f->running)
		return;
	if (run) {
		f->up_since = now;
	} else {
		f->active_ms += now - f->up_since;
	}
	f->running = run;
	f->last_change = (uint32_t)(now / 10);
}

/*
 * Counters derived from monotonic octet counts, so every one of them is
 * monotonic: packets are octets over a mean packet size, multicast and
 * broadcast small fractions of them.
 */
static uint64_t
octets(const struct iface *f, bool in, uint64_t now)
{
	uint64_t t = active_ms(f, now);

	if (in)
		return f->in_base + f->in_rate * t / 1000;
	return f->out_base + f->out_rate * t / 1000;
}

static uint64_t
ucast(const struct iface *f, bool in, uint64_t now)
{
	return octets(f, in, now) / (in ? 820 : 610);
}

static uint64_t
mcast(const struct iface *f, bool in, uint64_t now)
{
	return octets(f, in, now) / (in ? 52000 : 97000);
}

static uint64_t
bcast(const struct iface *f, bool in, uint64_t now)
{
	return octets(f, in, now) / (in ? 130000 : 450000);
}

/* ifTable columns 8-20 (RFC 2863 §6), computed. */
static int
if_column(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct iface *f = ud;
	uint64_t now = elapsed_ms(f->demo), v;

	switch (oid->sub[9]) {
	case 8:
		*out = sn_value_int(oper_status(f));
		return 0;
	case 9:
		*out = sn_value_uint(SN_T_TIMETICKS, f->last_change);
		return 0;
	case 10:
		v = octets(f, true, now);
		break;
	case 11:
		v = ucast(f, true, now);
		break;
	case 12:
		v = mcast(f, true, now) + bcast(f, true, now);
		break;
	case 13:
		v = ucast(f, true, now) / 100000;
		break;
	case 14:
		v = ucast(f, true, now) / 250000;
		break;
	case 15:
		v = bcast(f, true, now) / 1000;
		break;
	case 16:
		v = octets(f, false, now);
		break;
	case 17:
		v = ucast(f, false, now);
		break;
	case 18:
		v = mcast(f, false, now) + bcast(f, false, now);
		break;
	case 19:
	case 20:
		v = 0;
		break;
	default:
		return SN_ENOTFOUND;
	}
	/* Counter32 is the low 32 bits: it wraps (RFC 2578 §7.1.6) */
	*out = sn_value_uint(SN_T_COUNTER32, (uint32_t)v);
	return 0;
}

/* ifXTable columns 2-13 (RFC 2863 §6), computed. */
static int
ifx_column(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct iface *f = ud;
	uint64_t now = elapsed_ms(f->demo), v;
	uint32_t col = oid->sub[10];
	bool in = (col >= 2 && col <= 3) || (col >= 6 && col <= 9);

	switch (col) {
	case 2:
	case 4:
	case 8:
	case 12:
		v = mcast(f, in, now);
		break;
	case 3:
	case 5:
	case 9:
	case 13:
		v = bcast(f, in, now);
		break;
	case 6:
	case 10:
		v = octets(f, in, now);
		break;
	case 7:
	case 11:
		v = ucast(f, in, now);
		break;
	default:
		return SN_ENOTFOUND;
	}
	if (col >= 6)
		*out = sn_value_u64(v);
	else
		*out = sn_value_uint(SN_T_COUNTER32, (uint32_t)v);
	return 0;
}

/* ---- system and snmp groups ---- */

static int
sys_uptime(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	(void)oid;
	*out = sn_value_uint(SN_T_TIMETICKS, ticks(ud));
	return 0;
}

/* The snmp group (RFC 3418 §2), mib-2.11.N.0, from the agent's counters. */
static int
snmp_counter(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct sh_demo *d = ud;
	struct sn_agent_stats s;
	unsigned long v;

	sn_agent_stats(d->agent, &s);
	switch (oid->sub[7]) {
	case 1:
		v = s.in_pkts;
		break;
	case 2:
		v = s.out_pkts;
		break;
	case 3:
		v = s.bad_versions;
		break;
	case 4:
		v = s.bad_community_names;
		break;
	case 5:
		v = s.bad_community_uses;
		break;
	case 6:
		v = s.asn_parse_errs;
		break;
	case 31:
		v = s.silent_drops;
		break;
	default:
		v = 0;
		break;
	}
	*out = sn_value_uint(SN_T_COUNTER32, (uint32_t)v);
	return 0;
}

/* ---- the mib-2 handler: the store, plus the demo's Set constraints ---- */

static bool
is_column(const struct sn_oid *oid, const uint32_t *entry, size_t n,
    uint32_t col)
{
	struct sn_oid p;

	sn_oid_set(&p, entry, n);
	return oid->len == n + 2 && sn_oid_has_prefix(oid, &p) &&
	    oid->sub[n] == col;
}

static struct iface *
iface_of(struct sh_demo *d, uint32_t index)
{
	return index >= 1 && index <= NIFS ? &d->ifs[index - 1] : NULL;
}

static int
mib2_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct sh_demo *d = ud;

	return sn_mostore_ops()->get(d->store, oid, out);
}

static int
mib2_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	struct sh_demo *d = ud;

	return sn_mostore_ops()->next(d->store, after, found, out);
}

/* RFC 3416 §4.2.5 with the objects' syntax constraints. */
static int
mib2_set(void *ud, enum sn_set_phase phase, const struct sn_oid *oid,
    const struct sn_value *value)
{
	struct sh_demo *d = ud;
	const struct sn_mo_ops *ops = sn_mostore_ops();
	bool admin = is_column(oid, if_entry, 9, 7);
	struct iface *f = admin ? iface_of(d, oid->sub[10]) : NULL;
	int rc;

	if ((rc = ops->set(d->store, phase, oid, value)) != 0)
		return rc;
	switch (phase) {
	case SN_SET_TEST:
		/* DisplayString (SIZE (0..255)), RFC 3418 sysContact... */
		if (oid->len == 9 && oid->sub[6] == 1 && oid->sub[7] >= 4 &&
		    oid->sub[7] <= 6 && value->v.str.len > 255)
			return SN_ERR_WRONGLENGTH;
		/* ifAlias: DisplayString (SIZE(0..64)) */
		if (is_column(oid, ifx_entry, 10, 18) &&
		    value->v.str.len > 64)
			return SN_ERR_WRONGLENGTH;
		/* ifAdminStatus: up(1), down(2), testing(3) */
		if (admin && (value->v.i < ST_UP || value->v.i > ST_TESTING))
			return SN_ERR_WRONGVALUE;
		return 0;
	case SN_SET_COMMIT:
		if (f != NULL) {
			f->u_admin = f->admin;
			f->u_active_ms = f->active_ms;
			f->u_up_since = f->up_since;
			f->u_running = f->running;
			f->u_last_change = f->last_change;
			f->admin = value->v.i;
			iface_update(f);
		}
		return 0;
	case SN_SET_UNDO:
		if (f != NULL) {
			f->admin = f->u_admin;
			f->active_ms = f->u_active_ms;
			f->up_since = f->u_up_since;
			f->running = f->u_running;
			f->last_change = f->u_last_change;
		}
		return 0;
	}
	return 0;
}

static const struct sn_mo_ops mib2_ops = {
	mib2_get,
	mib2_next,
	mib2_set
};

/* ---- the synthetic bulk table: bulkEntry.C.R, C in {2, 3} ---- */

static void
bulk_value(struct sh_demo *d, uint32_t col, uint32_t row,
    struct sn_value *out)
{
	int n;

	if (col == 2) {
		*out = sn_value_uint(SN_T_COUNTER32, row);
		return;
	}
	n = snprintf(d->bulk_buf, sizeof(d->bulk_buf), "row %lu",
	    (unsigned long)row);
	*out = sn_value_str(SN_T_OCTETS, d->bulk_buf, n > 0 ? (size_t)n : 0);
}

static int
bulk_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct sh_demo *d = ud;
	size_t p = d->bulk_entry.len;
	uint32_t col, row;

	if (oid->len < p + 1 || !sn_oid_has_prefix(oid, &d->bulk_entry) ||
	    (oid->sub[p] != 2 && oid->sub[p] != 3)) {
		*out = sn_value_null(SN_T_NOSUCHOBJECT);
		return SN_ENOTFOUND;
	}
	col = oid->sub[p];
	row = oid->len == p + 2 ? oid->sub[p + 1] : 0;
	if (oid->len != p + 2 || row < 1 || row > d->bulk_rows) {
		*out = sn_value_null(SN_T_NOSUCHINSTANCE);
		return SN_ENOTFOUND;
	}
	bulk_value(d, col, row, out);
	return 0;
}

/* RFC 3416 §4.2.2 over the computed table, without storing a row. */
static int
bulk_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	struct sh_demo *d = ud;
	size_t p = d->bulk_entry.len;
	uint64_t col = 2, row = 1;

	if (d->bulk_rows == 0)
		return SN_ENOTFOUND;
	if (sn_oid_has_prefix(after, &d->bulk_entry) && after->len > p) {
		col = after->sub[p];
		if (col < 2) {
			col = 2;
			row = 1;
		} else if (after->len == p + 1) {
			row = 1;
		} else {
			/* after col.r (or below it): the next row */
			row = (uint64_t)after->sub[p + 1] + 1;
		}
		if (col <= 3 && row > d->bulk_rows) {
			col++;
			row = 1;
		}
		if (col > 3)
			return SN_ENOTFOUND;
	} else if (sn_oid_cmp(after, &d->bulk_entry) > 0) {
		return SN_ENOTFOUND;
	}
	*found = d->bulk_entry;
	sn_oid_append(found, (uint32_t)col);
	sn_oid_append(found, (uint32_t)row);
	bulk_value(d, (uint32_t)col, (uint32_t)row, out);
	return 0;
}

static const struct sn_mo_ops bulk_ops = {
	bulk_get,
	bulk_next,
	NULL
};

/* ---- building the tree ---- */

static int
put_str(struct sn_mostore *st, const struct sn_oid *oid, const char *s,
    bool writable)
{
	struct sn_value v = sn_value_str(SN_T_OCTETS, s, strlen(s));

	return sn_mostore_put(st, oid, &v, writable);
}

static int
put_int(struct sn_mostore *st, const struct sn_oid *oid, int32_t i,
    bool writable)
{
	struct sn_value v = sn_value_int(i);

	return sn_mostore_put(st, oid, &v, writable);
}

static int
put_uint(struct sn_mostore *st, const struct sn_oid *oid, enum sn_type t,
    uint32_t u)
{
	struct sn_value v = sn_value_uint(t, u);

	return sn_mostore_put(st, oid, &v, false);
}

static int
put_oid(struct sn_mostore *st, const struct sn_oid *oid, const char *text)
{
	struct sn_oid o;
	struct sn_value v;
	int rc;

	if ((rc = sn_oid_parse(&o, text, NULL)) < 0)
		return rc;
	v = sn_value_oid(&o);
	return sn_mostore_put(st, oid, &v, false);
}

/* The system group (RFC 3418 §2): mib-2.1.N.0 and the sysORTable. */
static int
build_system(struct sh_demo *d)
{
	static const struct {
		const char *id, *descr;
	} ors[] = {
		{ "1.3.6.1.6.3.1", "The MIB module for SNMP entities" },
		{ "1.3.6.1.2.1.31", "The MIB module to describe generic "
		    "objects for network interface sub-layers" },
		{ "1.3.6.1.6.3.16.2.2.1", "View-based Access Control Model "
		    "for SNMP." },
	};
	struct sn_mostore *st = d->store;
	struct utsname u;
	char descr[256];
	struct sn_oid o;
	int rc = 0;
	size_t i;

	if (uname(&u) == 0)
		snprintf(descr, sizeof(descr), "snmpsh demo agent %s on %s %s "
		    "%s", PACKAGE_VERSION, u.sysname, u.release, u.machine);
	else
		snprintf(descr, sizeof(descr), "snmpsh demo agent %s",
		    PACKAGE_VERSION);
	o = mkoid(mib2, 6, 1, 1);
	sn_oid_append(&o, 0);
#define SYS(n) (o.sub[7] = (n), &o)
	rc |= put_str(st, SYS(1), descr, false);
	rc |= put_oid(st, SYS(2), "1.3.6.1.4.1.99999.1");
	rc |= sn_mostore_put_fn(st, SYS(3), SN_T_TIMETICKS, sys_uptime, d);
	rc |= put_str(st, SYS(4), "Demo Admin <admin@example.net>", true);
	rc |= put_str(st, SYS(5), "snmpsh-demo", true);
	rc |= put_str(st, SYS(6), "Server room 1, rack 4", true);
	rc |= put_int(st, SYS(7), 72, false);
	rc |= put_uint(st, SYS(8), SN_T_TIMETICKS, 0);
#undef SYS
	/* sysORTable: sysOREntry 1.3.6.1.2.1.1.9.1.C.I, columns 2-4 */
	for (i = 0; i < sizeof(ors) / sizeof(ors[0]); i++) {
		static const uint32_t or_entry[] = {
			1, 3, 6, 1, 2, 1, 1, 9, 1
		};
		uint32_t idx = (uint32_t)i + 1;

		o = mkoid(or_entry, 9, 2, idx);
		rc |= put_oid(st, &o, ors[i].id);
		o = mkoid(or_entry, 9, 3, idx);
		rc |= put_str(st, &o, ors[i].descr, false);
		o = mkoid(or_entry, 9, 4, idx);
		rc |= put_uint(st, &o, SN_T_TIMETICKS, 0);
	}
	return rc ? SN_ENOMEM : 0;
}

static void
init_ifaces(struct sh_demo *d)
{
	static const struct {
		const char *name, *descr;
		int32_t type, mtu;
		uint32_t speed, high;
		uint8_t mac[6];
		size_t mac_len;
		bool carrier;
		int32_t admin;
		uint64_t in_base, out_base, in_rate, out_rate;
	} def[NIFS] = {
		{ "lo", "lo", IFT_LOOPBACK, 65536, 10000000, 10,
		    { 0 }, 0, true, ST_UP,
		    48213557, 48213557, 2100, 2100 },
		{ "eth0", "eth0", IFT_ETHERNET, 1500, 1000000000, 1000,
		    { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }, 6, true, ST_UP,
		    UINT64_C(5123456789), UINT64_C(1234567890), 1250000,
		    312500 },
		{ "eth1", "eth1", IFT_ETHERNET, 1500, 1000000000, 1000,
		    { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef }, 6, false, ST_UP,
		    73400320, 51200000, 125000, 125000 },
		{ "wlan0", "wlan0", IFT_80211,
		    1500, 300000000, 300,
		    { 0x02, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e }, 6, true, ST_UP,
		    987654321, 123456789, 45000, 12000 },
	};
	size_t i;

	for (i = 0; i < NIFS; i++) {
		struct iface *f = &d->ifs[i];

		memset(f, 0, sizeof(*f));
		f->demo = d;
		f->index = (uint32_t)i + 1;
		f->name = def[i].name;
		f->descr = def[i].descr;
		f->type = def[i].type;
		f->mtu = def[i].mtu;
		f->speed = def[i].speed;
		f->high_speed = def[i].high;
		memcpy(f->mac, def[i].mac, sizeof(f->mac));
		f->mac_len = def[i].mac_len;
		f->carrier = def[i].carrier;
		f->admin = def[i].admin;
		f->in_base = def[i].in_base;
		f->out_base = def[i].out_base;
		f->in_rate = def[i].in_rate;
		f->out_rate = def[i].out_rate;
		f->running = f->admin == ST_UP && f->carrier;
		f->up_since = 0;
	}
}

/* The interfaces group and ifXTable (RFC 2863 §6). */
static int
build_interfaces(struct sh_demo *d)
{
	struct sn_mostore *st = d->store;
	struct sn_oid o;
	struct sn_value v;
	uint32_t c;
	size_t i;
	int rc = 0;

	o = mkoid(mib2, 6, 2, 1);
	sn_oid_append(&o, 0);
	rc |= put_int(st, &o, NIFS, false);	/* ifNumber.0 */
	for (i = 0; i < NIFS; i++) {
		struct iface *f = &d->ifs[i];
		uint32_t x = f->index;

		o = mkoid(if_entry, 9, 1, x);
		rc |= put_int(st, &o, (int32_t)x, false);
		o = mkoid(if_entry, 9, 2, x);
		rc |= put_str(st, &o, f->descr, false);
		o = mkoid(if_entry, 9, 3, x);
		rc |= put_int(st, &o, f->type, false);
		o = mkoid(if_entry, 9, 4, x);
		rc |= put_int(st, &o, f->mtu, false);
		o = mkoid(if_entry, 9, 5, x);
		rc |= put_uint(st, &o, SN_T_GAUGE32, f->speed);
		o = mkoid(if_entry, 9, 6, x);
		v = sn_value_str(SN_T_OCTETS, f->mac, f->mac_len);
		rc |= sn_mostore_put(st, &o, &v, false);
		o = mkoid(if_entry, 9, 7, x);
		rc |= put_int(st, &o, f->admin, true);
		o = mkoid(if_entry, 9, 8, x);
		rc |= sn_mostore_put_fn(st, &o, SN_T_INTEGER, if_column, f);
		o = mkoid(if_entry, 9, 9, x);
		rc |= sn_mostore_put_fn(st, &o, SN_T_TIMETICKS, if_column, f);
		for (c = 10; c <= 20; c++) {
			o = mkoid(if_entry, 9, c, x);
			rc |= sn_mostore_put_fn(st, &o, SN_T_COUNTER32,
			    if_column, f);
		}
		o = mkoid(if_entry, 9, 21, x);
		rc |= put_uint(st, &o, SN_T_GAUGE32, 0);	/* ifOutQLen */
		o = mkoid(if_entry, 9, 22, x);
		rc |= put_oid(st, &o, "0.0");	/* ifSpecific */

		o = mkoid(ifx_entry, 10, 1, x);
		rc |= put_str(st, &o, f->name, false);
		for (c = 2; c <= 13; c++) {
			o = mkoid(ifx_entry, 10, c, x);
			rc |= sn_mostore_put_fn(st, &o, c >= 6 ?
			    SN_T_COUNTER64 : SN_T_COUNTER32, ifx_column, f);
		}
		/* ifLinkUpDownTrapEnable */
		o = mkoid(ifx_entry, 10, 14, x);
		rc |= put_int(st, &o, f->type == IFT_LOOPBACK ? 2 : 1, false);
		o = mkoid(ifx_entry, 10, 15, x);
		rc |= put_uint(st, &o, SN_T_GAUGE32, f->high_speed);
		o = mkoid(ifx_entry, 10, 16, x);	/* ifPromiscuousMode */
		rc |= put_int(st, &o, 2, false);
		o = mkoid(ifx_entry, 10, 17, x);	/* ifConnectorPresent */
		rc |= put_int(st, &o, f->type == IFT_LOOPBACK ? 2 : 1, false);
		o = mkoid(ifx_entry, 10, 18, x);	/* ifAlias */
		rc |= put_str(st, &o, "", true);
		o = mkoid(ifx_entry, 10, 19, x);
		rc |= put_uint(st, &o, SN_T_TIMETICKS, 0);
	}
	return rc ? SN_ENOMEM : 0;
}

/* The snmp group (RFC 3418 §2): mib-2.11.N.0. */
static int
build_snmp(struct sh_demo *d)
{
	static const uint32_t counters[] = { 1, 2, 3, 4, 5, 6, 31, 32 };
	struct sn_oid o;
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		o = mkoid(mib2, 6, 11, counters[i]);
		sn_oid_append(&o, 0);
		rc |= sn_mostore_put_fn(d->store, &o, SN_T_COUNTER32,
		    snmp_counter, d);
	}
	o = mkoid(mib2, 6, 11, 30);	/* snmpEnableAuthenTraps: disabled */
	sn_oid_append(&o, 0);
	rc |= put_int(d->store, &o, 2, false);
	return rc ? SN_ENOMEM : 0;
}

/*
 * Keep the agent's engine ID and boots in the data folder (RFC 3414
 * §2.2.2), so a restarted demo agent has the same identity.  Without a
 * usable folder the generated identity stays, with one warning.
 */
static int
persist_engine(struct sh_demo *d, const char *dir_opt, struct sn_error *err)
{
	char dbuf[PATH_MAX];
	const char *dir = dir_opt, *why = NULL;
	uint8_t id[32];
	size_t len;
	uint32_t boots;
	bool replaced = false;
	struct sn_error e;

	memset(&e, 0, sizeof(e));
	dbuf[0] = '\0';
	if (dir == NULL && (dir = sh_data_dir(dbuf, sizeof(dbuf), true,
	    &why)) == NULL) {
		fprintf(stderr, "snmpsh: demo: data folder %s%s(%s); the "
		    "engine ID and boots are not kept\n", dbuf,
		    dbuf[0] != '\0' ? " " : "", why);
		return 0;
	}
	len = sn_agent_engine_id(d->agent, id, sizeof(id));
	if (len > sizeof(id) || sn_engine_id_restart(dir, id, &len, &boots,
	    &replaced, &e) < 0) {
		fprintf(stderr, "snmpsh: demo: %s; the engine ID and boots "
		    "are not kept\n", len > sizeof(id) ? "engine ID too long" :
		    e.msg);
		return 0;
	}
	if (replaced)
		fprintf(stderr, "snmpsh: demo: %s/engine was unusable and has "
		    "been replaced with a new engine ID\n", dir);
	return sn_agent_set_engine_id(d->agent, id, len, boots, err);
}

/*
 * RFC 3415 VACM of the demo agent.  Communities "public" and "private"
 * read and write everything (so a newcomer's first `set` works), as does
 * user "demo" at authPriv (a lower level gets authorizationError).
 * Community "limited" (v1/v2c) and user "demolim" (any level its keys
 * allow) read the system and interfaces groups except the ifDescr column,
 * and write only the system group.
 */
static int
demo_vacm(struct sn_agent *a, struct sn_error *err)
{
	static const struct {
		enum sn_vacm_model model;
		const char *sec;
		const char *group;
	} groups[] = {
		{ SN_VACM_MODEL_V1, "public", "rw" },
		{ SN_VACM_MODEL_V2C, "public", "rw" },
		{ SN_VACM_MODEL_V1, "private", "rw" },
		{ SN_VACM_MODEL_V2C, "private", "rw" },
		{ SN_VACM_MODEL_USM, "demo", "rwpriv" },
		{ SN_VACM_MODEL_V1, "limited", "limited" },
		{ SN_VACM_MODEL_V2C, "limited", "limited" },
		{ SN_VACM_MODEL_USM, "demolim", "limited" },
	};
	static const struct sn_vacm_access access[] = {
		{ "rw", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false,
		    "all", "all", "all" },
		{ "rwpriv", "", SN_VACM_MODEL_USM, SN_VACM_AUTHPRIV, false,
		    "all", "all", "all" },
		{ "limited", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false,
		    "limited", "sysonly", "limited" },
	};
	static const struct {
		const char *view;
		const char *subtree;
		bool included;
	} views[] = {
		{ "all", "1", true },
		{ "limited", "1.3.6.1.2.1.1", true },	/* system */
		{ "limited", "1.3.6.1.2.1.2", true },	/* interfaces */
		{ "limited", "1.3.6.1.2.1.2.2.1.2", false }, /* ifDescr */
		{ "sysonly", "1.3.6.1.2.1.1", true },
	};
	struct sn_oid oid;
	size_t i;
	int rc;

	if ((rc = sn_agent_add_community(a, "limited", false)) < 0)
		return sn_error_set(err, rc, NULL);
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		if ((rc = sn_agent_vacm_add_group(a, groups[i].model,
		    groups[i].sec, groups[i].group, err)) < 0)
			return rc;
	}
	for (i = 0; i < sizeof(access) / sizeof(access[0]); i++) {
		if ((rc = sn_agent_vacm_add_access(a, &access[i], err)) < 0)
			return rc;
	}
	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		if ((rc = sn_oid_parse(&oid, views[i].subtree, err)) < 0 ||
		    (rc = sn_agent_vacm_add_view(a, views[i].view, &oid, NULL,
		    0, views[i].included, err)) < 0)
			return rc;
	}
	return 0;
}

int
sh_demo_start(struct sn_loop *loop, const struct sh_demo_opts *opts,
    struct sh_demo **out, struct sn_error *err)
{
	struct sh_demo *d;
	struct sn_oid sub;
	int rc;

	*out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	clock_gettime(CLOCK_MONOTONIC, &d->start);
	d->bulk_rows = opts != NULL ? opts->bulk_rows : 0;
	if (d->bulk_rows > UINT32_MAX)
		d->bulk_rows = UINT32_MAX;
	init_ifaces(d);
	if ((rc = sn_agent_new(loop, &d->agent, err)) < 0)
		goto fail;
	if ((rc = sn_mostore_new(&d->store)) < 0 ||
	    (rc = build_system(d)) < 0 ||
	    (rc = build_interfaces(d)) < 0 ||
	    (rc = build_snmp(d)) < 0 ||
	    (rc = sn_agent_add_community(d->agent, "public", true)) < 0 ||
	    (rc = sn_agent_add_community(d->agent, "private", true)) < 0) {
		sn_error_set(err, rc, "demo: cannot build the agent's tree");
		goto fail;
	}
	/* SNMPv3 (RFC 3414): one authPriv user, as --help says */
	if ((rc = sn_agent_add_user(d->agent, &demo_user, err)) < 0 ||
	    (rc = sn_agent_add_user(d->agent, &demolim_user, err)) < 0 ||
	    (rc = demo_vacm(d->agent, err)) < 0 ||
	    (rc = persist_engine(d, opts != NULL ? opts->data_dir : NULL,
	    err)) < 0)
		goto fail;
	sn_oid_set(&sub, mib2, 6);
	if ((rc = sn_agent_register(d->agent, &sub, &mib2_ops, d, err)) < 0)
		goto fail;
	if (d->bulk_rows > 0) {
		if ((rc = sn_oid_parse(&d->bulk_entry, SH_DEMO_BULK_OID,
		    err)) < 0 ||
		    (rc = sn_agent_register(d->agent, &d->bulk_entry,
		    &bulk_ops, d, err)) < 0)
			goto fail;
	}
	rc = sn_agent_listen(d->agent, opts != NULL && opts->listen != NULL ?
	    opts->listen : "udp:127.0.0.1:0", err);
	if (rc < 0)
		goto fail;
	*out = d;
	return 0;
fail:
	sh_demo_free(d);
	return rc;
}

const char *
sh_demo_address(const struct sh_demo *d)
{
	const char *a = sn_agent_address(d->agent, 0);

	return a != NULL ? a : "";
}

void
sh_demo_free(struct sh_demo *d)
{
	if (d == NULL)
		return;
	sn_agent_free(d->agent);
	sn_mostore_free(d->store);
	free(d);
}

struct sn_agent *
sh_demo_agent(const struct sh_demo *d)
{
	return d->agent;
}
