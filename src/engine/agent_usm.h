/*
 * Internal: the authoritative side of SNMPv3 for the command responder
 * (RFC 3412 §7.2 and RFC 3414 §3.2 as the receiver of requests, §3.1 as
 * the sender of responses and reports): the local snmpEngineID, boots and
 * time, a users table with keys localised to that engine ID, the usmStats
 * counters and the reports they name; access through RFC 3415 VACM when
 * configured, else a simple policy.  cmdrsp.c hands it every SNMPv3
 * datagram.
 */
#ifndef SN_ENGINE_AGENT_USM_H
#define SN_ENGINE_AGENT_USM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/agent.h>
#include <sn/error.h>

struct sn_agent_usm;

/*
 * New state with a generated engine ID (RFC 3411 §5 format, see
 * sn_agent_set_engine_id) and boots from the wall clock; snmpEngineTime
 * counts on loop's monotonic clock (loop may be NULL: time stays 0).
 */
int sn_agent_usm_new(struct sn_loop *loop, struct sn_agent_usm **out,
    struct sn_error *err);
void sn_agent_usm_free(struct sn_agent_usm *u);
int sn_agent_usm_add_user(struct sn_agent_usm *u,
    const struct sn_agent_user *user, struct sn_error *err);
int sn_agent_usm_set_engine(struct sn_agent_usm *u, const uint8_t *id,
    size_t len, uint32_t boots, int64_t now_s, struct sn_error *err);
size_t sn_agent_usm_engine_id(const struct sn_agent_usm *u, uint8_t *buf,
    size_t cap);
void sn_agent_usm_stats(const struct sn_agent_usm *u,
    struct sn_agent_v3_stats *out);
/*
 * Process one SNMPv3 datagram: on 0, out[0..outlen) (inside obuf) is the
 * Response or Report to send back; a negative code when nothing is sent
 * (dropped and counted).
 */
int sn_agent_usm_process(struct sn_agent_usm *u, struct sn_agent *a,
    int64_t now_s, const uint8_t *buf, size_t len, uint8_t *obuf,
    size_t ocap, uint8_t **out, size_t *outlen);

/*
 * The read-only scalars of snmpEngine (1.3.6.1.6.3.10.2.1: engine ID,
 * boots, time, max message size) and usmStats (1.3.6.1.6.3.15.1.1): the
 * two subtrees and their handlers (ud: the state).
 */
void sn_agent_usm_subtrees(struct sn_oid *engine, struct sn_oid *stats);
const struct sn_mo_ops *sn_agent_usm_ops(bool engine);

/*
 * Implemented by cmdrsp.c for this module: whether the agent uses RFC 3415
 * VACM, and sn_agent_process_as with the principal's names as octets
 * (model and level as enum sn_vacm_model / sn_vacm_level).
 */
bool sn_agent_has_vacm(const struct sn_agent *a);
int sn_agent_process_vacm(struct sn_agent *a, enum sn_version version,
    int model, const uint8_t *sec, size_t sec_len, int level,
    const uint8_t *ctx, size_t ctx_len, const struct sn_pdu *req,
    size_t max_size, struct sn_pdu *resp, struct sn_error *err);

#endif
