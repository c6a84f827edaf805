/* sl-enterprise.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-enterprise"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sl-enterprise.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

#define NAME_MAX_CHARS 100

SlEnterprise *
sl_enterprise_new (void)
{
  return g_new0 (SlEnterprise, 1);
}

SlEnterprise *
sl_enterprise_copy (const SlEnterprise *self)
{
  SlEnterprise *copy = g_memdup2 (self, sizeof *self);

  copy->credit_code = g_strdup (self->credit_code);
  copy->name = g_strdup (self->name);
  copy->contact = g_strdup (self->contact);
  copy->phone = g_strdup (self->phone);
  copy->specialist = g_strdup (self->specialist);
  copy->main_product = g_strdup (self->main_product);
  copy->address = g_strdup (self->address);
  copy->founded_on = g_strdup (self->founded_on);
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  copy->deleted_at = g_strdup (self->deleted_at);
  return copy;
}

void
sl_enterprise_free (SlEnterprise *self)
{
  if (self == NULL)
    return;
  g_free (self->credit_code);
  g_free (self->name);
  g_free (self->contact);
  g_free (self->phone);
  g_free (self->specialist);
  g_free (self->main_product);
  g_free (self->address);
  g_free (self->founded_on);
  g_free (self->note);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self->deleted_at);
  g_free (self);
}

JsonNode *
sl_enterprise_to_json (const SlEnterprise *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, self->id);
  sl_json_add_text (b, "credit_code", self->credit_code);
  sl_json_add_text (b, "name", self->name);
  json_builder_set_member_name (b, "jurisdiction_id");
  json_builder_add_int_value (b, self->jurisdiction_id);
  json_builder_set_member_name (b, "chain_id");
  if (self->chain_id)
    json_builder_add_int_value (b, self->chain_id);
  else
    json_builder_add_null_value (b);
  sl_json_add_text (b, "contact", self->contact);
  sl_json_add_text (b, "phone", self->phone);
  sl_json_add_text (b, "specialist", self->specialist);
  sl_json_add_text (b, "main_product", self->main_product);
  sl_json_add_text (b, "address", self->address);
  sl_json_add_text (b, "founded_on", self->founded_on);
  json_builder_set_member_name (b, "niche_since");
  if (self->niche_since)
    json_builder_add_int_value (b, self->niche_since);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "above_scale");
  json_builder_add_boolean_value (b, self->above_scale);
  sl_json_add_text (b, "note", self->note);
  sl_json_add_text (b, "deleted_at", self->deleted_at);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
row_exists (SlStore    *store,
            const char *sql,
            gint64      id)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
phone_is_valid (const char *phone)
{
  int digits = 0;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" -+()", *p))
        return FALSE;
    }
  return digits >= 7 && digits <= 20;
}

/**
 * sl_enterprise_validate:
 * @store: (nullable): the ledger, for the checks that need it
 * @self: the record; its credit code is normalised in place
 * @out_warnings: (out) (optional): credit-code warnings
 * @error: return location for an error naming the field and the rule
 *
 * Returns: %TRUE if the record may be saved
 */
gboolean
sl_enterprise_validate (SlStore               *store,
                        SlEnterprise          *self,
                        SlCreditCodeWarnings  *out_warnings,
                        GError               **error)
{
  return sl_enterprise_check (store, self, out_warnings, NULL, error);
}

#define FAIL_ON(field) G_STMT_START { if (out_field) *out_field = (field); return FALSE; } G_STMT_END

/**
 * sl_enterprise_check:
 * @out_field: (out) (optional): on failure, the key of the field at fault
 *   (`credit_code`, `name`, `jurisdiction`, `chain`, `phone`, `founded_on`,
 *   `niche_since`), for showing the message beside it
 *
 * Like sl_enterprise_validate().
 */
gboolean
sl_enterprise_check (SlStore               *store,
                     SlEnterprise          *self,
                     SlCreditCodeWarnings  *out_warnings,
                     const char           **out_field,
                     GError               **error)
{
  g_autofree char *code = NULL;
  g_autofree char *today = sl_today ();
  int this_year = atoi (today);

  g_return_val_if_fail (self != NULL, FALSE);

  sl_strtidy (&self->name);
  sl_strtidy (&self->contact);
  sl_strtidy (&self->phone);
  sl_strtidy (&self->specialist);
  sl_strtidy (&self->main_product);
  sl_strtidy (&self->address);
  sl_strtidy (&self->founded_on);
  sl_strtidy (&self->note);

  if (!sl_credit_code_validate (self->credit_code, &code, out_warnings, error))
    FAIL_ON ("credit_code");
  g_free (self->credit_code);
  self->credit_code = g_steal_pointer (&code);

  if (self->name == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("Name: required"));
      FAIL_ON ("name");
    }
  if (g_utf8_strlen (self->name, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Name: at most %d characters"), NAME_MAX_CHARS);
      FAIL_ON ("name");
    }
  {
    const SlTextLimit texts[] = {
      { self->contact, _("Contact"), 50 },
      { self->specialist, _("Specialist"), 50 },
      { self->main_product, _("Main product"), 200 },
      { self->address, _("Address"), 200 },
      { self->note, _("Note"), 2000 },
    };
    const char *fields[] = { "contact", "specialist", "main_product", "address", "note" };
    guint failed;

    if (!sl_check_text_limits (texts, G_N_ELEMENTS (texts), &failed, error))
      FAIL_ON (fields[failed]);
  }
  if (self->jurisdiction_id <= 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("Jurisdiction: required"));
      FAIL_ON ("jurisdiction");
    }
  if (self->phone != NULL && !phone_is_valid (self->phone))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Phone: “%s” is not a phone number (7 to 20 digits; spaces, “-”, “+” and brackets allowed)"),
                   self->phone);
      FAIL_ON ("phone");
    }
  if (self->founded_on != NULL)
    {
      if (!sl_date_is_valid (self->founded_on))
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                       _("Founded on: “%s” is not a date (YYYY-MM-DD)"), self->founded_on);
          FAIL_ON ("founded_on");
        }
      if (strcmp (self->founded_on, today) > 0)
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                       _("Founded on: %s is in the future"), self->founded_on);
          FAIL_ON ("founded_on");
        }
    }
  if (self->niche_since != 0 && (self->niche_since < 1949 || self->niche_since > this_year))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("In the niche since: %d is not a year from 1949 to %d"), self->niche_since, this_year);
      FAIL_ON ("niche_since");
    }
  if (self->niche_since != 0 && self->founded_on != NULL && self->niche_since < atoi (self->founded_on))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER,
                   _("In the niche since: %d is before the firm was founded (%s)"),
                   self->niche_since, self->founded_on);
      FAIL_ON ("niche_since");
    }

  if (store == NULL)
    return TRUE;

  if (!row_exists (store, "SELECT 1 FROM jurisdiction WHERE id = ?1", self->jurisdiction_id))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Jurisdiction: not one of the ledger’s jurisdictions"));
      FAIL_ON ("jurisdiction");
    }
  if (self->chain_id != 0
      && !row_exists (store, "SELECT 1 FROM industry_chain WHERE id = ?1", self->chain_id))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Key industrial chain: not one of the ledger’s chains"));
      FAIL_ON ("chain");
    }

  {
    g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
      "SELECT id, name FROM enterprise WHERE credit_code = ?1 AND id != ?2", error);
    if (stmt == NULL)
      FAIL_ON ("credit_code");
    _sl_bind_text (stmt, 1, self->credit_code);
    sqlite3_bind_int64 (stmt, 2, self->id);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_DUPLICATE,
                     _("Unified social credit code: %s already belongs to “%s”"),
                     self->credit_code, _sl_column_text (stmt, 1));
        FAIL_ON ("credit_code");
      }
  }
  return TRUE;
}

#define ENTERPRISE_COLUMNS \
  "id, credit_code, name, jurisdiction_id, chain_id, contact, phone, specialist," \
  " main_product, address, founded_on, niche_since, above_scale, note, created_at," \
  " updated_at, deleted_at"

static char *
dup_column (SlStmt *stmt,
            int     col)
{
  return g_strdup (_sl_column_text (stmt, col));
}

SlEnterprise *
sl_enterprise_load (SlStore  *store,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(SlStmt) stmt = NULL;
  SlEnterprise *e;

  stmt = _sl_store_prepare (store, "SELECT " ENTERPRISE_COLUMNS " FROM enterprise WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND,
                   _("Enterprise %s is not in the ledger"), id_text);
      return NULL;
    }
  e = sl_enterprise_new ();
  e->id = sqlite3_column_int64 (stmt, 0);
  e->credit_code = dup_column (stmt, 1);
  e->name = dup_column (stmt, 2);
  e->jurisdiction_id = sqlite3_column_int64 (stmt, 3);
  e->chain_id = sqlite3_column_int64 (stmt, 4);
  e->contact = dup_column (stmt, 5);
  e->phone = dup_column (stmt, 6);
  e->specialist = dup_column (stmt, 7);
  e->main_product = dup_column (stmt, 8);
  e->address = dup_column (stmt, 9);
  e->founded_on = dup_column (stmt, 10);
  e->niche_since = sqlite3_column_int (stmt, 11);
  e->above_scale = sqlite3_column_int (stmt, 12);
  e->note = dup_column (stmt, 13);
  e->created_at = dup_column (stmt, 14);
  e->updated_at = dup_column (stmt, 15);
  e->deleted_at = dup_column (stmt, 16);
  return e;
}

gint64
sl_enterprise_find_by_code (SlStore    *store,
                            const char *credit_code)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT id FROM enterprise WHERE credit_code = ?1", NULL);

  if (stmt == NULL)
    return 0;
  _sl_bind_text (stmt, 1, credit_code);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
bind_fields (SlStmt             *stmt,
             const SlEnterprise *e)
{
  _sl_bind_text (stmt, 1, e->credit_code);
  _sl_bind_text (stmt, 2, e->name);
  sqlite3_bind_int64 (stmt, 3, e->jurisdiction_id);
  if (e->chain_id)
    sqlite3_bind_int64 (stmt, 4, e->chain_id);
  else
    sqlite3_bind_null (stmt, 4);
  _sl_bind_text (stmt, 5, e->contact);
  _sl_bind_text (stmt, 6, e->phone);
  _sl_bind_text (stmt, 7, e->specialist);
  _sl_bind_text (stmt, 8, e->main_product);
  _sl_bind_text (stmt, 9, e->address);
  _sl_bind_text (stmt, 10, e->founded_on);
  if (e->niche_since)
    sqlite3_bind_int (stmt, 11, e->niche_since);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_int (stmt, 12, e->above_scale ? 1 : 0);
  _sl_bind_text (stmt, 13, e->note);
  _sl_bind_text (stmt, 14, e->updated_at);
}

static gboolean
insert_cb (SlStore  *store,
           gpointer  user_data,
           GError  **error)
{
  SlEnterprise *e = user_data;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;

  stmt = _sl_store_prepare (store,
    "INSERT INTO enterprise (credit_code, name, jurisdiction_id, chain_id, contact, phone,"
    " specialist, main_product, address, founded_on, niche_since, above_scale, note,"
    " updated_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, e);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  e->id = sqlite3_last_insert_rowid (_sl_store_get_db (store));
  if (!_sl_roster_reindex (store, e->id, error))
    return FALSE;
  after = sl_enterprise_to_json (e);
  return sl_store_audit (store, "enterprise", e->id, "create", NULL, after, error);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = sl_now ();
  return g_date_time_format_iso8601 (now);
}

/**
 * sl_enterprise_insert:
 * @store: the ledger
 * @self: a new record (id 0); on success its id is set
 * @error: return location for an error
 *
 * Validates and inserts the record in one transaction with its audit row.
 * On failure nothing is written.
 */
gboolean
sl_enterprise_insert (SlStore       *store,
                      SlEnterprise  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL && self->id == 0, FALSE);

  if (!sl_enterprise_validate (store, self, NULL, error))
    return FALSE;
  g_free (self->created_at);
  g_free (self->updated_at);
  self->created_at = now_iso ();
  self->updated_at = g_strdup (self->created_at);
  if (!sl_store_write (store, insert_cb, self, error))
    {
      self->id = 0;
      return FALSE;
    }
  return TRUE;
}

/* Where the firm was until today, so that a past month counts it there. */
static gboolean
record_move (SlStore  *store,
             gint64    enterprise_id,
             gint64    from_id,
             gint64    to_id,
             GError  **error)
{
  g_autofree char *today = sl_today ();
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "INSERT INTO jurisdiction_move (enterprise_id, from_id, to_id, moved_on) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  sqlite3_bind_int64 (stmt, 2, from_id);
  sqlite3_bind_int64 (stmt, 3, to_id);
  _sl_bind_text (stmt, 4, today);
  return _sl_store_step_done (store, stmt, error);
}

static gboolean
update_cb (SlStore  *store,
           gpointer  user_data,
           GError  **error)
{
  SlEnterprise *e = user_data;
  g_autoptr(SlEnterprise) old = sl_enterprise_load (store, e->id, error);
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (old == NULL)
    return FALSE;
  stmt = _sl_store_prepare (store,
    "UPDATE enterprise SET credit_code = ?1, name = ?2, jurisdiction_id = ?3, chain_id = ?4,"
    " contact = ?5, phone = ?6, specialist = ?7, main_product = ?8, address = ?9,"
    " founded_on = ?10, niche_since = ?11, above_scale = ?12, note = ?13, updated_at = ?14"
    " WHERE id = ?15", error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, e);
  sqlite3_bind_int64 (stmt, 15, e->id);
  if (!_sl_store_step_done (store, stmt, error) || !_sl_roster_reindex (store, e->id, error))
    return FALSE;
  if (old->jurisdiction_id != e->jurisdiction_id && !record_move (store, e->id, old->jurisdiction_id, e->jurisdiction_id, error))
    return FALSE;
  before = sl_enterprise_to_json (old);
  after = sl_enterprise_to_json (e);
  return sl_store_audit (store, "enterprise", e->id, "update", before, after, error);
}

/**
 * sl_enterprise_update:
 *
 * Validates and saves @self over the stored record with the same id, with
 * the record before and after in the audit log. On failure the stored
 * record is unchanged.
 */
gboolean
sl_enterprise_update (SlStore       *store,
                      SlEnterprise  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL && self->id > 0, FALSE);

  if (!sl_enterprise_validate (store, self, NULL, error))
    return FALSE;
  g_free (self->updated_at);
  self->updated_at = now_iso ();
  return sl_store_write (store, update_cb, self, error);
}

typedef struct
{
  gint64      enterprise_id;
  const char *honour_key;
  int         year;
  const char *recorded_on;
} HonourChange;

static JsonNode *
honour_json (const HonourChange *h)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sl_json_add_text (b, "honour", h->honour_key);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, h->year);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
add_honour_cb (SlStore  *store,
               gpointer  user_data,
               GError  **error)
{
  HonourChange *h = user_data;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;
  int rc;

  stmt = _sl_store_prepare (store,
    "INSERT INTO enterprise_honour (enterprise_id, honour_key, year, recorded_on) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, h->enterprise_id);
  _sl_bind_text (stmt, 2, h->honour_key);
  sqlite3_bind_int (stmt, 3, h->year);
  _sl_bind_text (stmt, 4, h->recorded_on);
  rc = sqlite3_step (stmt);
  /* Only the table's own rule is a duplicate: a full disk or a lost file
   * says what it is. */
  if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT)
    {
      _sl_store_sql_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_DUPLICATE,
                   _("Honour: already recorded for %d"), h->year);
      return FALSE;
    }

  after = honour_json (h);
  return sl_store_audit (store, "enterprise_honour", h->enterprise_id, "create", NULL, after, error);
}

/**
 * sl_enterprise_add_honour:
 *
 * Records, today, that the firm won @honour_key in @year.
 */
gboolean
sl_enterprise_add_honour (SlStore     *store,
                          gint64       enterprise_id,
                          const char  *honour_key,
                          int          year,
                          GError     **error)
{
  return sl_enterprise_add_honour_recorded (store, enterprise_id, honour_key, year, NULL, error);
}

/**
 * sl_enterprise_add_honour_recorded:
 * @recorded_on: (nullable): the day it was first recorded (another
 *   ledger's, in a merge), or %NULL for today
 *
 * As sl_enterprise_add_honour(), keeping when it became known.
 */
gboolean
sl_enterprise_add_honour_recorded (SlStore     *store,
                                   gint64       enterprise_id,
                                   const char  *honour_key,
                                   int          year,
                                   const char  *recorded_on,
                                   GError     **error)
{
  g_autofree char *today = sl_today ();
  HonourChange h = { enterprise_id, honour_key, year, recorded_on && *recorded_on ? recorded_on : today };
  g_autoptr(SlStmt) stmt = NULL;

  stmt = _sl_store_prepare (store, "SELECT 1 FROM honour WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, honour_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Honour: “%s” is not one of the ledger’s honours"), honour_key ? honour_key : "");
      return FALSE;
    }
  if (year < 1990 || year > atoi (today))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Honour year: %d is not a year from 1990 to %d"), year, atoi (today));
      return FALSE;
    }
  if (!row_exists (store, "SELECT 1 FROM enterprise WHERE id = ?1", enterprise_id))
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, enterprise_id);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND,
                   _("Enterprise %s is not in the ledger"), id_text);
      return FALSE;
    }
  return sl_store_write (store, add_honour_cb, &h, error);
}

static gboolean
remove_honour_cb (SlStore  *store,
                  gpointer  user_data,
                  GError  **error)
{
  HonourChange *h = user_data;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;

  stmt = _sl_store_prepare (store,
    "DELETE FROM enterprise_honour WHERE enterprise_id = ?1 AND honour_key = ?2 AND year = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, h->enterprise_id);
  _sl_bind_text (stmt, 2, h->honour_key);
  sqlite3_bind_int (stmt, 3, h->year);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_sl_store_get_db (store)) == 0)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND,
                   _("Honour: not recorded for %d"), h->year);
      return FALSE;
    }
  before = honour_json (h);
  return sl_store_audit (store, "enterprise_honour", h->enterprise_id, "delete", before, NULL, error);
}

/**
 * sl_enterprise_remove_honour:
 *
 * Removes one honour-year of a firm, with an audit row.
 */
gboolean
sl_enterprise_remove_honour (SlStore     *store,
                             gint64       enterprise_id,
                             const char  *honour_key,
                             int          year,
                             GError     **error)
{
  HonourChange h = { enterprise_id, honour_key, year, NULL };
  return sl_store_write (store, remove_honour_cb, &h, error);
}

/**
 * sl_jurisdiction_find:
 * @name_or_code: a jurisdiction's name or its GB/T 2260 code
 *
 * Returns: its id, or 0
 */
gint64
sl_jurisdiction_find (SlStore    *store,
                      const char *name_or_code)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT id FROM jurisdiction WHERE name = ?1 OR code = ?1", NULL);

  if (stmt == NULL || name_or_code == NULL)
    return 0;
  _sl_bind_text (stmt, 1, name_or_code);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * sl_enterprise_max_id:
 *
 * The largest id a firm has had, in the trash or not: how large a table by
 * id must be, and how large a ledger is, read from the table's last page.
 *
 * Returns: the id, or 0 for an empty ledger
 */
gint64
sl_enterprise_max_id (SlStore *store)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT ifnull (max (id), 0) FROM enterprise", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}
