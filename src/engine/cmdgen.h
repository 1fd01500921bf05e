/*
 * Internal: what walk.c needs from a command generator session (RFC 3413
 * §3.1): a list of dependent operations that session close cancels.
 */
#ifndef SN_ENGINE_CMDGEN_H
#define SN_ENGINE_CMDGEN_H

#include <sn/session.h>

/*
 * An operation living on a session (a walk).  cancel must complete the
 * operation (its final callback) and unlink it.
 */
struct sn_session_child {
	struct sn_session_child *prev;
	struct sn_session_child *next;
	void (*cancel)(struct sn_session_child *c);
};

void sn_session_child_add(struct sn_session *s, struct sn_session_child *c);
void sn_session_child_remove(struct sn_session *s,
    struct sn_session_child *c);
/* The dispatcher of a session (its counters, for tests). */
struct sn_dispatch *sn_session_dispatch(const struct sn_session *s);
/* Set err to Net-SNMP's timeout text for s; returns SN_ETIMEDOUT. */
int sn_session_timeout_error(const struct sn_session *s,
    struct sn_error *err);

#endif
