/*
 * The embedded demo agent of `snmpsh --demo`: a command responder (engine
 * sn_agent) serving a realistic tree on loopback: the system group with a
 * live sysUpTime and writable sysContact/sysName/sysLocation, an ifTable
 * and ifXTable with several interfaces and moving counters, snmp group
 * counters, and optionally a large synthetic table for benchmarks.
 */
#ifndef SH_DEMO_H
#define SH_DEMO_H

#include <sn/error.h>
#include <sn/loop.h>

struct sh_demo;

struct sh_demo_opts {
	/* Listen address; NULL means "udp:127.0.0.1:0" (a free port). */
	const char *listen;
	/*
	 * Rows of the synthetic benchmark table (0: none).  It lives under
	 * SH_DEMO_BULK_OID: column 2 is a Counter32 (the row number), column 3
	 * an OCTET STRING ("row N"), so rows * 2 varbinds in all.  Values are
	 * computed on demand: memory does not grow with rows.
	 */
	unsigned long bulk_rows;
	/*
	 * Folder (existing) of the persistent engine ID and boots, file
	 * "engine" (sn_engine_id_restart); NULL means the user's data folder,
	 * $XDG_DATA_HOME/snmpsh or ~/.local/share/snmpsh, created 0700.
	 */
	const char *data_dir;
};

/* enterprises.99999.2.1.1 (bulkTable.bulkEntry), a private demo arc */
#define SH_DEMO_BULK_OID "1.3.6.1.4.1.99999.2.1.1"

/*
 * Start the demo agent on loop.  Communities: "public" (read-write for
 * the writable objects, so a newcomer's first `set` works) and "private";
 * SNMPv3 user "demo" (authPriv, SHA "demo-auth-pass", AES
 * "demo-priv-pass", read-write).  A restricted RFC 3415 view for
 * community "limited" and user "demolim" (same keys as "demo"): read the
 * system and interfaces groups but the ifDescr column, write the system
 * group only.  Its engine ID and snmpEngineBoots
 * persist in opts->data_dir (boots one higher at each start); a warning on
 * stderr when they cannot be kept or a corrupt file is replaced.
 * Errors: those of sn_agent_listen (address in use...).
 */
int sh_demo_start(struct sn_loop *loop, const struct sh_demo_opts *opts,
    struct sh_demo **out, struct sn_error *err);
/* The agent's address, "udp:127.0.0.1:40123". */
const char *sh_demo_address(const struct sh_demo *d);
/*
 * The demo's responder (borrowed), e.g. for sn_agent_process in tests or
 * sn_agent_listen on more addresses.
 */
struct sn_agent *sh_demo_agent(const struct sh_demo *d);
/* Stop serving and free. */
void sh_demo_free(struct sh_demo *d);

#endif
