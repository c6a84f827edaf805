/* sl-enterprise.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-credit-code.h"
#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SlEnterprise:
 *
 * One firm of the roster. Strings may be %NULL for "not given"; ids of 0
 * mean "none". @niche_since is the year the firm entered its niche market
 * (0 when unknown).
 */
typedef struct
{
  gint64    id;
  char     *credit_code;
  char     *name;
  gint64    jurisdiction_id;
  gint64    chain_id;
  char     *contact;
  char     *phone;
  char     *specialist;
  char     *main_product;
  char     *address;
  char     *founded_on;
  int       niche_since;
  gboolean  above_scale;
  char     *note;
  char     *created_at;
  char     *updated_at;
  char     *deleted_at;
} SlEnterprise;

/* A firm's jurisdiction on day @day, as the ledger knows it now: where it
 * was until the first move recorded after @day, else where it is. The
 * list of firms moved since is made once per statement, so a firm that
 * never moved costs one probe of it. (@e: the firm's alias, @day: SQL.) */
#define SL_JURISDICTION_ON(e, day) \
  "(CASE WHEN " e ".id IN (SELECT enterprise_id FROM jurisdiction_move WHERE moved_on > " day ")" \
  " THEN (SELECT m.from_id FROM jurisdiction_move m WHERE m.enterprise_id = " e ".id AND m.moved_on > " day \
  " ORDER BY m.moved_on, m.id LIMIT 1) ELSE " e ".jurisdiction_id END)"

/* An honour-year (alias @h, its kind @d) held on day @day of year @year:
 * within its validity, and, in its own year, recorded by then. Its day
 * within the year is not known; the day it was recorded is when it was
 * known to be held. Rows of unknown recording (another program's) count
 * from their year. */
#define SL_HONOUR_HELD_ON(h, d, year, day) \
  " " h ".year <= " year " AND (" d ".validity_years IS NULL OR " h ".year + " d ".validity_years > " year ")" \
  " AND (" h ".year < " year " OR " h ".recorded_on IS NULL OR " h ".recorded_on <= " day ")"

SlEnterprise *sl_enterprise_new        (void);
SlEnterprise *sl_enterprise_copy       (const SlEnterprise  *self);
void          sl_enterprise_free       (SlEnterprise        *self);
JsonNode     *sl_enterprise_to_json    (const SlEnterprise  *self);
gboolean      sl_enterprise_validate   (SlStore             *store,
                                        SlEnterprise        *self,
                                        SlCreditCodeWarnings *out_warnings,
                                        GError             **error);
gboolean      sl_enterprise_check      (SlStore             *store,
                                        SlEnterprise        *self,
                                        SlCreditCodeWarnings *out_warnings,
                                        const char         **out_field,
                                        GError             **error);
gboolean      sl_enterprise_remove_honour (SlStore          *store,
                                        gint64               enterprise_id,
                                        const char          *honour_key,
                                        int                  year,
                                        GError             **error);
SlEnterprise *sl_enterprise_load       (SlStore             *store,
                                        gint64               id,
                                        GError             **error);
gint64        sl_enterprise_find_by_code (SlStore           *store,
                                        const char          *credit_code);
gboolean      sl_enterprise_insert     (SlStore             *store,
                                        SlEnterprise        *self,
                                        GError             **error);
gboolean      sl_enterprise_update     (SlStore             *store,
                                        SlEnterprise        *self,
                                        GError             **error);
gboolean      sl_enterprise_add_honour (SlStore             *store,
                                        gint64               enterprise_id,
                                        const char          *honour_key,
                                        int                  year,
                                        GError             **error);
gboolean      sl_enterprise_add_honour_recorded (SlStore    *store,
                                        gint64               enterprise_id,
                                        const char          *honour_key,
                                        int                  year,
                                        const char          *recorded_on,
                                        GError             **error);
gint64        sl_enterprise_max_id     (SlStore             *store);
gint64        sl_jurisdiction_find     (SlStore             *store,
                                        const char          *name_or_code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlEnterprise, sl_enterprise_free)

G_END_DECLS
