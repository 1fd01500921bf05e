/*
 * Internal: the View-based Access Control Model of RFC 3415 as tables in
 * memory (vacmContextTable, vacmSecurityToGroupTable, vacmAccessTable,
 * vacmViewTreeFamilyTable) and isAccessAllowed (§3.2), plus what the
 * command responder needs to walk a MIB view efficiently: the selected
 * view as a handle, membership of one OID (§5), and the next OID at or
 * after which the view may contain something.
 */
#ifndef SN_ENGINE_VACM_H
#define SN_ENGINE_VACM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/agent.h>
#include <sn/oid.h>

/* SnmpAdminString names of the tables: 0..32 octets. */
#define SN_VACM_NAME_MAX 32
/* vacmViewTreeFamilyMask: 0..16 octets (RFC 3415 §4). */
#define SN_VACM_MASK_MAX 16

struct sn_vacm;
struct sn_vacm_view;

int sn_vacm_new(struct sn_vacm **out);
void sn_vacm_free(struct sn_vacm *v);

/* Table rows; names as octets.  SN_EINVAL (bad argument), SN_ENOMEM. */
int sn_vacm_add_context(struct sn_vacm *v, const uint8_t *name, size_t len);
int sn_vacm_add_group(struct sn_vacm *v, int model, const uint8_t *sec,
    size_t sec_len, const uint8_t *group, size_t group_len);
int sn_vacm_add_access(struct sn_vacm *v, const struct sn_vacm_access *acc);
int sn_vacm_add_view(struct sn_vacm *v, const uint8_t *name, size_t len,
    const struct sn_oid *subtree, const uint8_t *mask, size_t mask_len,
    bool included);

/* Whether the context is in vacmContextTable ("" always is). */
bool sn_vacm_has_context(const struct sn_vacm *v, const uint8_t *ctx,
    size_t len);

/*
 * isAccessAllowed (RFC 3415 §3.2) up to the view: the selected view in
 * *view (borrowed until the next change of the tables), or SN_ENOSUCHCONTEXT,
 * SN_ENOGROUPNAME, SN_ENOSUCHGROUP, SN_ENOACCESSENTRY, SN_ENOSUCHVIEW.
 */
int sn_vacm_select(const struct sn_vacm *v, int model, const uint8_t *sec,
    size_t sec_len, int level, const uint8_t *ctx, size_t ctx_len,
    enum sn_vacm_view_type type, const struct sn_vacm_view **view);
/* RFC 3415 §5: whether oid is in the view. */
bool sn_vacm_in_view(const struct sn_vacm_view *view,
    const struct sn_oid *oid);
/*
 * For an oid not in the view: 0 with *next, an OID greater than oid such
 * that nothing in (oid, *next) is in the view; 1 when nothing after oid
 * is in the view; 2 when the view has a wildcard family over oid, so the
 * caller must step one instance at a time.
 */
int sn_vacm_view_skip(const struct sn_vacm_view *view,
    const struct sn_oid *oid, struct sn_oid *next);

/* cmdrsp.c: the agent's tables (NULL: none yet); made on first use (NULL:
 * no memory). */
struct sn_vacm *sn_agent_vacm_tables(const struct sn_agent *a);
struct sn_vacm *sn_agent_vacm_make(struct sn_agent *a);

#endif
