/* sl-pipeline.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-certification-private.h"
#include "sl-figures.h"
#include "sl-pipeline.h"
#include "sl-store-private.h"
#include "sl-util.h"

static SlCertification *
load_cert (SlStore  *store,
           gint64    id,
           GError  **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT enterprise_id FROM certification WHERE id = ?1", error);
  g_autoptr(GPtrArray) list = NULL;
  gint64 enterprise;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("The certification is not in the ledger"));
      return NULL;
    }
  enterprise = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  list = sl_certification_list (store, enterprise, error);
  for (guint i = 0; list && i < list->len; i++)
    if (((SlCertification *) list->pdata[i])->id == id)
      return g_ptr_array_steal_index (list, i);
  return NULL;
}

static gboolean
check_date (const char  *date,
            const char  *field,
            GError     **error)
{
  if (date == NULL || !sl_date_is_valid (date))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("%s: “%s” is not a date (YYYY-MM-DD)"), field, date ? date : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_pipeline_rule_version_on:
 * @date: a day, YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): the key of the rules in force on
 *   @date; before the first version, the oldest
 */
char *
sl_pipeline_rule_version_on (SlStore    *store,
                             const char *date)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT key FROM rule_version WHERE effective_from <= ?1 ORDER BY effective_from DESC LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, date);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (_sl_column_text (stmt, 0));
  sqlite3_reset (stmt);
  /* Before the first rule version: the oldest. */
  {
    g_autoptr(SlStmt) first = _sl_store_prepare (store, "SELECT key FROM rule_version ORDER BY effective_from LIMIT 1", NULL);
    if (first != NULL && sqlite3_step (first) == SQLITE_ROW)
      return g_strdup (_sl_column_text (first, 0));
  }
  return NULL;
}

static gboolean
holds_on (SlStore     *store,
          gint64       enterprise_id,
          const char  *tier_key,
          const char  *date)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT 1 FROM certification WHERE enterprise_id = ?1 AND tier_key = ?2 AND status IN " SL_HELD_STATUSES
    " AND valid_from <= ?3 AND ifnull (valid_until, '9999-12-31') >= ?3", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  _sl_bind_text (stmt, 2, tier_key);
  _sl_bind_text (stmt, 3, date);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * sl_pipeline_record_application:
 *
 * Returns: the new certification's id, or 0 with @error set
 */
gint64
sl_pipeline_record_application (SlStore     *store,
                                gint64       enterprise_id,
                                const char  *tier_key,
                                const char  *batch,
                                const char  *applied_on,
                                GError     **error)
{
  g_autoptr(SlCertification) c = sl_certification_new ();
  g_autoptr(SlStmt) stmt = NULL;
  g_autofree char *requires = NULL;
  g_autofree char *requires_name = NULL;

  if (!check_date (applied_on, _("Applied on"), error))
    return 0;
  stmt = _sl_store_prepare (store,
    "SELECT t.requires, r.name FROM tier t LEFT JOIN tier r ON r.key = t.requires WHERE t.key = ?1", error);
  if (stmt == NULL)
    return 0;
  _sl_bind_text (stmt, 1, tier_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Tier: “%s” is not a tier of the plan"), tier_key ? tier_key : "");
      return 0;
    }
  requires = g_strdup (_sl_column_text (stmt, 0));
  requires_name = g_strdup (_sl_column_text (stmt, 1));
  sqlite3_reset (stmt);

  if (requires != NULL && !holds_on (store, enterprise_id, requires, applied_on))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Tier: the firm must hold “%s” on %s to apply for this tier"), requires_name, applied_on);
      return 0;
    }
  {
    g_autoptr(SlStmt) open = _sl_store_prepare (store,
      "SELECT applied_on FROM certification WHERE enterprise_id = ?1 AND tier_key = ?2"
      " AND status IN ('applying', 'publicised')", error);
    if (open == NULL)
      return 0;
    sqlite3_bind_int64 (open, 1, enterprise_id);
    _sl_bind_text (open, 2, tier_key);
    if (sqlite3_step (open) == SQLITE_ROW)
      {
        g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                     _("Tier: an application of %s for this tier has no result yet"), _sl_column_text (open, 0));
        return 0;
      }
  }
  if (holds_on (store, enterprise_id, tier_key, applied_on))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Tier: the firm already holds this tier; record a re-review instead"));
      return 0;
    }

  c->enterprise_id = enterprise_id;
  c->tier_key = g_strdup (tier_key);
  c->status = g_strdup ("applying");
  c->rule_version = sl_pipeline_rule_version_on (store, applied_on);
  c->batch = g_strdup (batch);
  c->applied_on = g_strdup (applied_on);
  return sl_certification_save (store, c, error) ? c->id : 0;
}

typedef struct
{
  SlCertification *c;
  const char      *kind;
  const char      *date;
  const char      *until_before;
} EventSave;

static gboolean
save_with_event_cb (SlStore  *store,
                    gpointer  user_data,
                    GError  **error)
{
  EventSave *e = user_data;

  return sl_certification_save (store, e->c, error)
         && (e->kind == NULL
             || _sl_certification_add_event (store, e->c->id, e->kind, e->date, e->until_before, error));
}

/* The certification's new state and what happened to it, when: one write. */
static gboolean
save_with_event (SlStore          *store,
                 SlCertification  *c,
                 const char       *kind,
                 const char       *date,
                 const char       *until_before,
                 GError          **error)
{
  EventSave e = { c, kind, date, until_before };

  /* sl_certification_save() validates, inside the write. */
  return sl_store_write (store, save_with_event_cb, &e, error);
}

/**
 * sl_pipeline_record_result:
 * @date: the day of the result; a certification is valid from it for the
 *   tier's years
 */
gboolean
sl_pipeline_record_result (SlStore     *store,
                           gint64       certification_id,
                           SlResult     result,
                           const char  *date,
                           const char  *doc_no,
                           GError     **error)
{
  g_autoptr(SlCertification) c = load_cert (store, certification_id, error);

  if (c == NULL || !check_date (date, _("Date of the result"), error))
    return FALSE;
  if (!g_str_equal (c->status, "applying") && !g_str_equal (c->status, "publicised"))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Status: a result needs an application that has none yet"));
      return FALSE;
    }
  if (c->applied_on != NULL && strcmp (date, c->applied_on) < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER,
                   _("Date of the result: %s is before the application (%s)"), date, c->applied_on);
      return FALSE;
    }
  g_free (c->status);
  switch (result)
    {
    case SL_RESULT_PUBLICISED:
      c->status = g_strdup ("publicised");
      break;
    case SL_RESULT_CERTIFIED:
      c->status = g_strdup ("certified");
      g_free (c->certified_on);
      c->certified_on = g_strdup (date);
      g_free (c->valid_from);
      c->valid_from = g_strdup (date);
      g_clear_pointer (&c->valid_until, g_free);
      break;
    case SL_RESULT_REJECTED:
    default:
      c->status = g_strdup ("rejected");
      break;
    }
  if (doc_no != NULL && *doc_no)
    {
      g_free (c->doc_no);
      c->doc_no = g_strdup (doc_no);
    }
  return save_with_event (store, c, result == SL_RESULT_PUBLICISED ? "publicised"
                                   : result == SL_RESULT_REJECTED ? "rejected" : NULL,
                          date, NULL, error);
}

/**
 * sl_pipeline_record_review:
 *
 * A pass extends the validity by the tier's years from its end; a fail
 * ends it on @date.
 */
gboolean
sl_pipeline_record_review (SlStore     *store,
                           gint64       certification_id,
                           gboolean     passed,
                           const char  *date,
                           GError     **error)
{
  g_autoptr(SlCertification) c = load_cert (store, certification_id, error);
  g_autofree char *until_before = NULL;

  if (c == NULL || !check_date (date, _("Date of the re-review"), error))
    return FALSE;
  if (!g_str_equal (c->status, "certified") && !g_str_equal (c->status, "under_review"))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Status: only a certification in force can be re-reviewed"));
      return FALSE;
    }
  if (strcmp (date, c->valid_from) < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER,
                   _("Date of the re-review: %s is before the certification (%s)"), date, c->valid_from);
      return FALSE;
    }
  if (c->valid_until == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Status: this tier has no validity to re-review"));
      return FALSE;
    }
  until_before = g_strdup (c->valid_until);
  if (passed)
    {
      g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
        "SELECT validity_years FROM tier WHERE key = ?1", error);
      g_autofree char *next_day = NULL;

      if (stmt == NULL)
        return FALSE;
      _sl_bind_text (stmt, 1, c->tier_key);
      sqlite3_step (stmt);
      next_day = sl_date_add_days (c->valid_until, 1);
      g_free (c->valid_until);
      c->valid_until = sl_date_add_years (next_day, sqlite3_column_int (stmt, 0));
      sqlite3_reset (stmt);
      g_free (c->status);
      c->status = g_strdup ("certified");
    }
  else
    {
      g_free (c->status);
      c->status = g_strdup ("expired");
      if (strcmp (date, c->valid_until) < 0)
        {
          g_free (c->valid_until);
          c->valid_until = g_strdup (date);
        }
    }
  return save_with_event (store, c, passed ? "review_passed" : "review_failed", date, until_before, error);
}

/**
 * sl_pipeline_mark_ended:
 * @revoked: revoked on @date, rather than expired
 *
 * Ends a certification on @date (or at its own end, if earlier).
 */
gboolean
sl_pipeline_mark_ended (SlStore     *store,
                        gint64       certification_id,
                        gboolean     revoked,
                        const char  *date,
                        GError     **error)
{
  g_autoptr(SlCertification) c = load_cert (store, certification_id, error);

  if (c == NULL || !check_date (date, revoked ? _("Revoked on") : _("Expired on"), error))
    return FALSE;
  if (c->valid_from == NULL || (!g_str_equal (c->status, "certified") && !g_str_equal (c->status, "under_review")))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Status: only a certification in force can end"));
      return FALSE;
    }
  if (strcmp (date, c->valid_from) < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER,
                   _("%s: %s is before the certification (%s)"), revoked ? _("Revoked on") : _("Expired on"),
                   date, c->valid_from);
      return FALSE;
    }
  g_free (c->status);
  c->status = g_strdup (revoked ? "revoked" : "expired");
  if (c->valid_until == NULL || strcmp (date, c->valid_until) < 0)
    {
      g_free (c->valid_until);
      c->valid_until = g_strdup (date);
    }
  return sl_certification_save (store, c, error);
}

static void
threshold_check_free (SlThresholdCheck *t)
{
  g_free (t->key);
  g_free (t->name);
  g_free (t->unit);
  g_free (t);
}

/* The firm's value of one of the plan's threshold measures. */
static double
measure_value (const char         *key,
               const SlFigures    *f,
               int                 niche_since,
               int                 this_year)
{
  if (g_str_equal (key, "niche_years"))
    return niche_since > 0 ? this_year - niche_since : NAN;
  if (f == NULL)
    return NAN;
  if (g_str_equal (key, "rd_expense"))
    return f->rd_expense == SL_UNSET ? NAN : f->rd_expense / 10000.0;
  if (g_str_equal (key, "revenue"))
    return f->revenue == SL_UNSET ? NAN : f->revenue / 10000.0;
  if (g_str_equal (key, "rd_intensity"))
    return sl_figures_rd_intensity (f);
  if (g_str_equal (key, "main_revenue_share"))
    return f->main_revenue == SL_UNSET || f->revenue == SL_UNSET || f->revenue == 0
           ? NAN : 100.0 * f->main_revenue / f->revenue;
  if (g_str_equal (key, "debt_ratio"))
    return f->total_liabilities == SL_UNSET || f->total_assets == SL_UNSET || f->total_assets == 0
           ? NAN : 100.0 * f->total_liabilities / f->total_assets;
  return NAN;
}

/**
 * sl_pipeline_check_thresholds:
 * @tier_key: the tier the firm would apply for
 * @rule_version: (nullable): the rules to check by; %NULL: those in force today
 *
 * Checks the firm's latest yearly figures against the tier's hard
 * thresholds. Lower bounds are inclusive: exactly 3 % meets "at least 3 %".
 *
 * Returns: (transfer full) (element-type SlThresholdCheck): one check per
 *   threshold, empty when the plan sets none for the tier
 */
GPtrArray *
sl_pipeline_check_thresholds (SlStore     *store,
                              gint64       enterprise_id,
                              const char  *tier_key,
                              const char  *rule_version,
                              GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) threshold_check_free);
  g_autofree char *today = sl_today ();
  g_autofree char *rules = rule_version ? g_strdup (rule_version) : sl_pipeline_rule_version_on (store, today);
  g_autoptr(GArray) figures = sl_figures_list (store, enterprise_id, error);
  g_autoptr(SlStmt) niche = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  const SlFigures *latest = figures && figures->len ? &g_array_index (figures, SlFigures, figures->len - 1) : NULL;
  int niche_since = 0;

  if (figures == NULL)
    return NULL;
  niche = _sl_store_prepare (store, "SELECT ifnull (niche_since, 0) FROM enterprise WHERE id = ?1", error);
  if (niche == NULL)
    return NULL;
  sqlite3_bind_int64 (niche, 1, enterprise_id);
  if (sqlite3_step (niche) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("The enterprise is not in the ledger"));
      return NULL;
    }
  niche_since = sqlite3_column_int (niche, 0);
  sqlite3_reset (niche);

  stmt = _sl_store_prepare (store,
    "SELECT key, name, at_least, at_most, unit FROM threshold WHERE rule_version = ?1 AND tier_key = ?2 ORDER BY position",
    error);
  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, rules);
  _sl_bind_text (stmt, 2, tier_key);
  while (_sl_step_row (stmt, &step_error))
    {
      SlThresholdCheck *t = g_new0 (SlThresholdCheck, 1);
      const double epsilon = 1e-9;

      t->key = g_strdup (_sl_column_text (stmt, 0));
      t->name = g_strdup (_sl_column_text (stmt, 1));
      t->at_least = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 2);
      t->at_most = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 3);
      t->unit = g_strdup (_sl_column_text (stmt, 4));
      t->value = measure_value (t->key, latest, niche_since, atoi (today));
      if (isnan (t->value))
        t->met = -1;
      else if (!isnan (t->at_least))
        t->met = t->value + epsilon >= t->at_least;
      else
        t->met = t->value - epsilon <= t->at_most;
      g_ptr_array_add (list, t);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * sl_pipeline_next_tier:
 * @enterprise_id: the firm
 * @error: return location for an error
 *
 * The tier the firm would apply for next: the one above the highest it
 * holds today, or the lowest when it holds none.
 *
 * Returns: (transfer full) (nullable): the tier's key, or %NULL without an
 *   error when the firm holds the top tier
 */
char *
sl_pipeline_next_tier (SlStore     *store,
                       gint64       enterprise_id,
                       GError     **error)
{
  g_autoptr(SlStmt) stmt = NULL;

  stmt = _sl_store_prepare (store,
    "SELECT (SELECT t.key FROM tier t WHERE e.top_tier IS NULL OR t.level > e.top_tier ORDER BY t.level LIMIT 1)"
    " FROM enterprise e WHERE e.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("The enterprise is not in the ledger"));
      return NULL;
    }
  return g_strdup (_sl_column_text (stmt, 0));
}
