/* sl-certification.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-certification
 *
 * A certification is one application of a firm for one tier and what
 * became of it. Dates are `YYYY-MM-DD` text or %NULL.
 *
 * A certification is *held on* a date D when its status is certified,
 * under re-review, expired or revoked, and `valid_from <= D <= valid_until`
 * (an empty `valid_until` never ends, as for the cultivation pool). Expired
 * and revoked records keep the period they were valid for, with
 * `valid_until` set to the day they ended, so a figure "as of" a past date
 * stays what it was then.
 */

typedef struct
{
  gint64  id;
  gint64  enterprise_id;
  char   *tier_key;
  char   *status;
  char   *rule_version;
  char   *batch;
  char   *doc_no;
  char   *applied_on;
  char   *certified_on;
  char   *valid_from;
  char   *valid_until;
  char   *note;
} SlCertification;

/* The SQL condition for "held on ?D" over a table aliased c. */
#define SL_HELD_STATUSES "('certified', 'under_review', 'expired', 'revoked')"
/* As the ledger knows it now, a certification had lapsed on day @d when a
 * re-review recorded after @d extended an end that @d had passed: its end
 * was the one the re-review replaced. (@c: the certification's alias, @d:
 * the day's SQL.) */
/* Its end as known on day @d: the one a re-review recorded after @d
 * replaced, if any, else its own. */
#define SL_UNTIL_ON(c, d) \
  "ifnull ((SELECT v.until_before FROM certification_event v WHERE v.certification_id = " c ".id" \
  " AND v.kind = 'review_passed' AND v.on_date > " d " ORDER BY v.on_date LIMIT 1), " c ".valid_until)"
#define SL_NOT_LAPSED_ON(c, d) \
  c ".id NOT IN (SELECT certification_id FROM certification_event" \
  " WHERE kind = 'review_passed' AND on_date > " d " AND until_before < " d ")"

SlCertification *sl_certification_new        (void);
SlCertification *sl_certification_copy       (const SlCertification *self);
void             sl_certification_free       (SlCertification  *self);
JsonNode        *sl_certification_to_json    (const SlCertification *self);
gboolean         sl_certification_is_held_on (const SlCertification *self,
                                              const char       *date);
gboolean         sl_certification_validate   (SlStore          *store,
                                              SlCertification  *self,
                                              GError          **error);
gboolean         sl_certification_save       (SlStore          *store,
                                              SlCertification  *self,
                                              GError          **error);
GPtrArray       *sl_certification_list       (SlStore          *store,
                                              gint64            enterprise_id,
                                              GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlCertification, sl_certification_free)

G_END_DECLS
