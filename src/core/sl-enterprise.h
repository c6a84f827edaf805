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
gint64        sl_jurisdiction_find     (SlStore             *store,
                                        const char          *name_or_code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlEnterprise, sl_enterprise_free)

G_END_DECLS
