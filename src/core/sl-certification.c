/* sl-certification.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-certification"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-certification-private.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

static const char *statuses[] = {
  "applying", "publicised", "certified", "rejected", "expired", "revoked", "under_review", NULL
};
static const char *held_statuses[] = { "certified", "under_review", "expired", "revoked", NULL };

SlCertification *
sl_certification_new (void)
{
  return g_new0 (SlCertification, 1);
}

SlCertification *
sl_certification_copy (const SlCertification *self)
{
  SlCertification *copy = g_new0 (SlCertification, 1);

  copy->id = self->id;
  copy->enterprise_id = self->enterprise_id;
  copy->tier_key = g_strdup (self->tier_key);
  copy->status = g_strdup (self->status);
  copy->rule_version = g_strdup (self->rule_version);
  copy->batch = g_strdup (self->batch);
  copy->doc_no = g_strdup (self->doc_no);
  copy->applied_on = g_strdup (self->applied_on);
  copy->certified_on = g_strdup (self->certified_on);
  copy->valid_from = g_strdup (self->valid_from);
  copy->valid_until = g_strdup (self->valid_until);
  copy->note = g_strdup (self->note);
  return copy;
}

void
sl_certification_free (SlCertification *self)
{
  if (self == NULL)
    return;
  g_free (self->tier_key);
  g_free (self->status);
  g_free (self->rule_version);
  g_free (self->batch);
  g_free (self->doc_no);
  g_free (self->applied_on);
  g_free (self->certified_on);
  g_free (self->valid_from);
  g_free (self->valid_until);
  g_free (self->note);
  g_free (self);
}

JsonNode *
sl_certification_to_json (const SlCertification *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, self->id);
  json_builder_set_member_name (b, "enterprise_id");
  json_builder_add_int_value (b, self->enterprise_id);
  sl_json_add_text (b, "tier", self->tier_key);
  sl_json_add_text (b, "status", self->status);
  sl_json_add_text (b, "rule_version", self->rule_version);
  sl_json_add_text (b, "batch", self->batch);
  sl_json_add_text (b, "doc_no", self->doc_no);
  sl_json_add_text (b, "applied_on", self->applied_on);
  sl_json_add_text (b, "certified_on", self->certified_on);
  sl_json_add_text (b, "valid_from", self->valid_from);
  sl_json_add_text (b, "valid_until", self->valid_until);
  sl_json_add_text (b, "note", self->note);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
sl_certification_is_held_on (const SlCertification *self,
                             const char            *date)
{
  if (self->status == NULL || !g_strv_contains (held_statuses, self->status) || self->valid_from == NULL)
    return FALSE;
  if (strcmp (self->valid_from, date) > 0)
    return FALSE;
  return self->valid_until == NULL || strcmp (date, self->valid_until) <= 0;
}

static gboolean
check_date (const char  *value,
            const char  *field,
            GError     **error)
{
  if (value != NULL && !sl_date_is_valid (value))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("%s: “%s” is not a date (YYYY-MM-DD)"), field, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_order (const char  *earlier,
             const char  *later,
             const char  *earlier_field,
             const char  *later_field,
             GError     **error)
{
  if (earlier != NULL && later != NULL && strcmp (earlier, later) > 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER,
                   _("%s: %s is before %s (%s)"), later_field, later, earlier_field, earlier);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_certification_validate:
 * @store: the ledger
 * @self: the record; an empty `valid_until` of a held certification is
 *   filled from the tier's validity
 * @error: return location for an error naming the field and the rule
 *
 * Returns: %TRUE if the record may be saved
 */
gboolean
sl_certification_validate (SlStore          *store,
                           SlCertification  *self,
                           GError          **error)
{
  g_autoptr(SlStmt) stmt = NULL;
  gboolean held;
  int validity = 0;

  sl_strtidy (&self->tier_key);
  sl_strtidy (&self->status);
  sl_strtidy (&self->rule_version);
  sl_strtidy (&self->batch);
  sl_strtidy (&self->doc_no);
  sl_strtidy (&self->applied_on);
  sl_strtidy (&self->certified_on);
  sl_strtidy (&self->valid_from);
  sl_strtidy (&self->valid_until);
  sl_strtidy (&self->note);

  if (self->tier_key == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED, _("Tier: required"));
      return FALSE;
    }
  {
    const SlTextLimit texts[] = {
      { self->batch, _("Batch"), 100 },
      { self->doc_no, _("Document number"), 100 },
      { self->note, _("Note"), 2000 },
    };

    if (!sl_check_text_limits (texts, G_N_ELEMENTS (texts), NULL, error))
      return FALSE;
  }
  stmt = _sl_store_prepare (store, "SELECT validity_years FROM tier WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, self->tier_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Tier: “%s” is not a tier of the plan"), self->tier_key);
      return FALSE;
    }
  validity = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (self->status == NULL || !g_strv_contains (statuses, self->status))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Status: “%s” is not a certification status"), self->status ? self->status : "");
      return FALSE;
    }
  if (self->rule_version == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED, _("Rule version: required"));
      return FALSE;
    }
  {
    g_autoptr(SlStmt) rv = _sl_store_prepare (store, "SELECT 1 FROM rule_version WHERE key = ?1", error);
    if (rv == NULL)
      return FALSE;
    _sl_bind_text (rv, 1, self->rule_version);
    if (sqlite3_step (rv) != SQLITE_ROW)
      {
        g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                     _("Rule version: “%s” is not a rule version of the plan"), self->rule_version);
        return FALSE;
      }
  }

  if (!check_date (self->applied_on, _("Applied on"), error)
      || !check_date (self->certified_on, _("Certified on"), error)
      || !check_date (self->valid_from, _("Valid from"), error)
      || !check_date (self->valid_until, _("Valid until"), error))
    return FALSE;

  if (g_str_equal (self->status, "applying") && self->applied_on == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("Applied on: required for an application"));
      return FALSE;
    }

  held = g_strv_contains (held_statuses, self->status);
  if (held && self->valid_from == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("Valid from: required once a certification is granted"));
      return FALSE;
    }
  if (held && self->valid_until == NULL && validity > 0)
    self->valid_until = sl_date_add_years (self->valid_from, validity);
  if (!held && (self->valid_from != NULL || self->valid_until != NULL))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Valid from: a certification that is applying, publicised or not approved has no validity"));
      return FALSE;
    }

  if (!check_order (self->applied_on, self->certified_on, _("Applied on"), _("Certified on"), error)
      || !check_order (self->applied_on, self->valid_from, _("Applied on"), _("Valid from"), error)
      || !check_order (self->valid_from, self->valid_until, _("Valid from"), _("Valid until"), error))
    return FALSE;

  /* A certification of no firm yet (an imported row's) overlaps nothing. */
  if (held && self->enterprise_id > 0)
    {
      g_autofree char *from = NULL;
      g_autofree char *until = NULL;
      gint64 other = _sl_certification_overlapping (store, self, &from, &until, error);

      if (other < 0)
        return FALSE;
      if (other > 0)
        {
          g_autofree char *shown_from = sl_date_display (from);
          g_autofree char *shown_until = sl_date_display (until);

          if (*shown_until == '\0')
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                         _("Valid from: the firm already holds this tier from %s, with no end date; two certifications of one tier cannot overlap"),
                         shown_from);
          else
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                         _("Valid from: the firm already holds this tier from %s to %s; two certifications of one tier cannot overlap"),
                         shown_from, shown_until);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * _sl_certification_overlapping:
 * @self: a held certification, its end worked out (as validation does)
 * @from: (out) (optional): the other's first day
 * @until: (out) (optional): the other's last day, %NULL for none
 *
 * Returns: the id of the firm's other held certification of the tier whose
 *   days meet @self's, 0 when there is none, -1 on an error
 */
gint64
_sl_certification_overlapping (SlStore                *store,
                               const SlCertification  *self,
                               char                  **from,
                               char                  **until,
                               GError                **error)
{
  /* By the firm's index: ordered by day, the planner would take the tier's
   * and read every certification of the tier (1.4 ms a save at 4,000
   * firms, growing with the ledger). */
  g_autoptr(SlStmt) overlap = _sl_store_prepare (store,
    "SELECT id, valid_from, valid_until FROM certification INDEXED BY certification_enterprise"
    " WHERE enterprise_id = ?1 AND tier_key = ?2 AND id != ?3"
    "   AND status IN " SL_HELD_STATUSES
    "   AND valid_from <= ?5 AND ifnull (valid_until, '9999-12-31') >= ?4"
    " ORDER BY valid_from LIMIT 1", error);

  if (overlap == NULL)
    return -1;
  sqlite3_bind_int64 (overlap, 1, self->enterprise_id);
  _sl_bind_text (overlap, 2, self->tier_key);
  sqlite3_bind_int64 (overlap, 3, self->id);
  _sl_bind_text (overlap, 4, self->valid_from);
  _sl_bind_text (overlap, 5, self->valid_until ? self->valid_until : "9999-12-31");
  if (sqlite3_step (overlap) != SQLITE_ROW)
    return 0;
  if (from != NULL)
    *from = g_strdup (_sl_column_text (overlap, 1));
  if (until != NULL)
    *until = sqlite3_column_type (overlap, 2) == SQLITE_NULL ? NULL : g_strdup (_sl_column_text (overlap, 2));
  return sqlite3_column_int64 (overlap, 0);
}

#define CERT_COLUMNS \
  "id, enterprise_id, tier_key, status, rule_version, batch, doc_no, applied_on," \
  " certified_on, valid_from, valid_until, note"

static SlCertification *
read_row (SlStmt *stmt)
{
  SlCertification *c = sl_certification_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->enterprise_id = sqlite3_column_int64 (stmt, 1);
  c->tier_key = g_strdup (_sl_column_text (stmt, 2));
  c->status = g_strdup (_sl_column_text (stmt, 3));
  c->rule_version = g_strdup (_sl_column_text (stmt, 4));
  c->batch = g_strdup (_sl_column_text (stmt, 5));
  c->doc_no = g_strdup (_sl_column_text (stmt, 6));
  c->applied_on = g_strdup (_sl_column_text (stmt, 7));
  c->certified_on = g_strdup (_sl_column_text (stmt, 8));
  c->valid_from = g_strdup (_sl_column_text (stmt, 9));
  c->valid_until = g_strdup (_sl_column_text (stmt, 10));
  c->note = g_strdup (_sl_column_text (stmt, 11));
  return c;
}

static gboolean
save_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  SlCertification *c = user_data;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  if (c->id != 0)
    {
      g_autoptr(SlStmt) old = _sl_store_prepare (store, "SELECT " CERT_COLUMNS " FROM certification WHERE id = ?1", error);
      g_autoptr(SlCertification) prev = NULL;

      if (old == NULL)
        return FALSE;
      sqlite3_bind_int64 (old, 1, c->id);
      if (sqlite3_step (old) != SQLITE_ROW)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);

          g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND,
                       _("Certification %s is not in the ledger"), id_text);
          return FALSE;
        }
      prev = read_row (old);
      before = sl_certification_to_json (prev);
      stmt = _sl_store_prepare (store,
        "UPDATE certification SET enterprise_id = ?2, tier_key = ?3, status = ?4, rule_version = ?5,"
        " batch = ?6, doc_no = ?7, applied_on = ?8, certified_on = ?9, valid_from = ?10,"
        " valid_until = ?11, note = ?12 WHERE id = ?1", error);
    }
  else
    stmt = _sl_store_prepare (store,
      "INSERT INTO certification (" CERT_COLUMNS ")"
      " VALUES (NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;

  if (c->id != 0)
    sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_int64 (stmt, 2, c->enterprise_id);
  _sl_bind_text (stmt, 3, c->tier_key);
  _sl_bind_text (stmt, 4, c->status);
  _sl_bind_text (stmt, 5, c->rule_version);
  _sl_bind_text (stmt, 6, c->batch);
  _sl_bind_text (stmt, 7, c->doc_no);
  _sl_bind_text (stmt, 8, c->applied_on);
  _sl_bind_text (stmt, 9, c->certified_on);
  _sl_bind_text (stmt, 10, c->valid_from);
  _sl_bind_text (stmt, 11, c->valid_until);
  _sl_bind_text (stmt, 12, c->note);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  if (c->id == 0)
    c->id = sqlite3_last_insert_rowid (_sl_store_get_db (store));
  if (!_sl_roster_reindex (store, c->enterprise_id, error))
    return FALSE;
  after = sl_certification_to_json (c);
  return sl_store_audit (store, "certification", c->id, before ? "update" : "create", before, after, error);
}

/**
 * sl_certification_save:
 *
 * Validates @self and inserts it (id 0) or updates the stored record, in
 * one transaction with an audit row.
 */
gboolean
sl_certification_save (SlStore          *store,
                       SlCertification  *self,
                       GError          **error)
{
  gint64 id = self->id;

  if (!sl_certification_validate (store, self, error))
    return FALSE;
  if (!sl_store_write (store, save_cb, self, error))
    {
      self->id = id;
      return FALSE;
    }
  return TRUE;
}

/**
 * _sl_certification_add_event:
 * @kind: `publicised`, `rejected`, `review_passed` or `review_failed`
 * @until_before: (nullable): the end date a re-review replaced
 *
 * Inside a write: what happened to the certification on @on_date.
 */
gboolean
_sl_certification_add_event (SlStore     *store,
                             gint64       certification_id,
                             const char  *kind,
                             const char  *on_date,
                             const char  *until_before,
                             GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "INSERT INTO certification_event (certification_id, kind, on_date, until_before) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, certification_id);
  _sl_bind_text (stmt, 2, kind);
  _sl_bind_text (stmt, 3, on_date);
  _sl_bind_text (stmt, 4, until_before);
  return _sl_store_step_done (store, stmt, error);
}

/**
 * _sl_certification_copy_events:
 *
 * Inside a write to @to: @from's events of its certification @from_id,
 * as events of @to_id (a merge's copy of it).
 */
gboolean
_sl_certification_copy_events (SlStore  *to,
                               gint64    to_id,
                               SlStore  *from,
                               gint64    from_id,
                               GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) read = _sl_store_prepare (from,
    "SELECT kind, on_date, until_before FROM certification_event WHERE certification_id = ?1 ORDER BY id", error);
  /* What @to_id already has stays once: a merge onto a certification of
   * this ledger's brings only the events it lacks. */
  g_autoptr(SlStmt) write = _sl_store_prepare (to,
    "INSERT INTO certification_event (certification_id, kind, on_date, until_before)"
    " SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM certification_event"
    "   WHERE certification_id = ?1 AND kind = ?2 AND on_date = ?3 AND until_before IS ?4)", error);

  if (read == NULL || write == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, from_id);
  while (_sl_step_row (read, &step_error))
    {
      sqlite3_reset (write);
      sqlite3_bind_int64 (write, 1, to_id);
      _sl_bind_text (write, 2, _sl_column_text (read, 0));
      _sl_bind_text (write, 3, _sl_column_text (read, 1));
      _sl_bind_text (write, 4, sqlite3_column_type (read, 2) == SQLITE_NULL ? NULL : _sl_column_text (read, 2));
      if (!_sl_store_step_done (to, write, error))
        return FALSE;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_certification_list:
 *
 * Returns: (transfer full) (element-type SlCertification): the firm's
 *   certifications by tier and date
 */
GPtrArray *
sl_certification_list (SlStore  *store,
                       gint64    enterprise_id,
                       GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_certification_free);

  stmt = _sl_store_prepare (store,
    "SELECT " CERT_COLUMNS " FROM certification WHERE enterprise_id = ?1"
    " ORDER BY (SELECT level FROM tier WHERE key = tier_key), ifnull (applied_on, valid_from)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  while (_sl_step_row (stmt, &step_error))
    g_ptr_array_add (list, read_row (stmt));
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}
