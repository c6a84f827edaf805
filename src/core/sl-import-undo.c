/* sl-import-undo.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-import-private.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Undo Import: the newest import not undone is reverted from the record
 * sl-import-apply.c kept of what each row changed (table import_undo), once
 * nothing later has changed the same firms. */

static gboolean
delete_row (SlStore     *store,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sl_store_step_done (store, stmt, error);
}

static const char *
member_text (JsonObject *o,
             const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n && !JSON_NODE_HOLDS_NULL (n) ? json_node_get_string (n) : NULL;
}

static gint64
member_int (JsonObject *o,
            const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n && !JSON_NODE_HOLDS_NULL (n) ? json_node_get_int (n) : SL_UNSET;
}

static gboolean
undo_row (SlStore     *store,
          JsonObject  *row,
          GError     **error)
{
  JsonArray *certs = json_object_get_array_member (row, "certifications");
  JsonArray *honours = json_object_get_array_member (row, "honours");
  gint64 added = json_object_get_int_member_with_default (row, "added", 0);
  gint64 id = added ? added : json_object_get_int_member_with_default (row, "id", 0);

  if (added)
    {
      g_autoptr(SlEnterprise) e = sl_enterprise_load (store, added, error);
      g_autoptr(JsonNode) before = e ? sl_enterprise_to_json (e) : NULL;

      /* Never there: gone with its figures, certifications and honours. */
      if (e == NULL
          || !delete_row (store, "DELETE FROM enterprise_search WHERE rowid = ?1", added, error)
          || !delete_row (store, "DELETE FROM enterprise_chars WHERE rowid = ?1", added, error)
          || !delete_row (store, "DELETE FROM enterprise WHERE id = ?1", added, error))
        return FALSE;
      return sl_store_audit (store, "enterprise", added, "undo-import", before, NULL, error);
    }

  for (guint i = 0; certs && i < json_array_get_length (certs); i++)
    {
      gint64 cert = json_array_get_int_element (certs, i);
      if (!delete_row (store, "DELETE FROM certification WHERE id = ?1", cert, error)
          || !sl_store_audit (store, "certification", cert, "undo-import", NULL, NULL, error))
        return FALSE;
    }
  for (guint i = 0; honours && i < json_array_get_length (honours); i++)
    {
      JsonObject *h = json_array_get_object_element (honours, i);
      if (!sl_enterprise_remove_honour (store, id, member_text (h, "key"), (int) member_int (h, "year"), error))
        return FALSE;
    }
  if (json_object_has_member (row, "figures"))
    {
      JsonObject *fo = json_object_get_object_member (row, "figures");
      int year = (int) member_int (fo, "year");

      if (!json_object_get_boolean_member (row, "figures_existed"))
        {
          g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "DELETE FROM annual_figures WHERE enterprise_id = ?1 AND year = ?2", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, year);
          if (!_sl_store_step_done (store, stmt, error)
              || !sl_store_audit (store, "figures", id, "undo-import", NULL, NULL, error))
            return FALSE;
        }
      else
        {
          g_autoptr(GArray) list = sl_figures_list (store, id, error);
          SlFigures f;

          if (list == NULL)
            return FALSE;
          sl_figures_init (&f, id, year);
          for (guint i = 0; i < list->len; i++)
            if (g_array_index (list, SlFigures, i).year == year)
              f = g_array_index (list, SlFigures, i);
          f.revenue = member_int (fo, "revenue");
          f.main_revenue = member_int (fo, "main_revenue");
          f.rd_expense = member_int (fo, "rd_expense");
          f.patents_valid = member_int (fo, "patents_valid");
          f.cnc_rate = json_node_is_null (json_object_get_member (fo, "cnc_rate")) ? NAN
                       : json_object_get_double_member (fo, "cnc_rate");
          f.digital_mgmt = member_int (fo, "digital_mgmt") == SL_UNSET ? -1 : (int) member_int (fo, "digital_mgmt");
          f.digital_rd_tools = member_int (fo, "digital_rd_tools") == SL_UNSET ? -1 : (int) member_int (fo, "digital_rd_tools");
          if (!sl_figures_save (store, &f, error))
            return FALSE;
        }
    }
  {
    JsonObject *eo = json_object_get_object_member (row, "enterprise");
    g_autoptr(SlEnterprise) e = sl_enterprise_load (store, id, error);

    if (e == NULL)
      return FALSE;
#define PUT(field) g_free (e->field); e->field = g_strdup (member_text (eo, #field));
    PUT (name);
    PUT (contact);
    PUT (phone);
    PUT (specialist);
    PUT (main_product);
#undef PUT
    e->jurisdiction_id = member_int (eo, "jurisdiction_id");
    e->chain_id = member_int (eo, "chain_id");
    if (!sl_enterprise_update (store, e, error))
      return FALSE;
  }
  return _sl_roster_reindex (store, id, error);
}

typedef struct
{
  gint64      id;         /* in import_undo */
  gint64      last_audit;
  JsonNode   *record;
} Undo;

static void
undo_clear (Undo *u)
{
  g_clear_pointer (&u->record, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Undo, undo_clear)

static gboolean
undo_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  Undo *u = user_data;
  JsonArray *rows = json_object_get_array_member (json_node_get_object (u->record), "rows");
  gint64 undo_first = _sl_import_next_audit_id (store);
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autoptr(SlStmt) stmt = NULL;

  /* Last row first: a later row may build on an earlier one. */
  for (guint i = rows ? json_array_get_length (rows) : 0; i > 0; i--)
    if (!undo_row (store, json_array_get_object_element (rows, i - 1), error))
      return FALSE;
  if (!sl_store_audit (store, "import", u->id, "undo-import", NULL, NULL, error))
    return FALSE;
  /* What it wrote and what its undo wrote stay known as one no-change,
   * so that the import before it can be undone next; the rows go. */
  stmt = _sl_store_prepare (store,
    "UPDATE import_undo SET undone_at = ?2, undo_first = ?3, undo_last = ?4, record = '{}' WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, u->id);
  _sl_bind_text (stmt, 2, stamp);
  sqlite3_bind_int64 (stmt, 3, undo_first);
  sqlite3_bind_int64 (stmt, 4, sqlite3_last_insert_rowid (_sl_store_get_db (store)));
  return _sl_store_step_done (store, stmt, error);
}

/* The newest import not yet undone. */
static gboolean
last_import (SlStore  *store,
             Undo     *out,
             GError  **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT id, last_audit, record FROM import_undo WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("There is no import to undo"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _sl_store_sql_error (store, error);
  out->id = sqlite3_column_int64 (stmt, 0);
  out->last_audit = sqlite3_column_int64 (stmt, 1);
  out->record = json_from_string (_sl_column_text (stmt, 2), error);
  if (out->record == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (out->record))
    {
      g_set_error_literal (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED, _("The record of the last import is damaged"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_import_can_undo:
 *
 * Returns: %TRUE if there is an import not yet undone, without reading its
 *   record (which holds every row of it)
 */
gboolean
sl_import_can_undo (SlStore *store)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT 1 FROM import_undo WHERE undone_at IS NULL LIMIT 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * sl_import_describe_last:
 *
 * Returns: (transfer full) (nullable): the import that Undo Import would
 *   revert, in words: “roster.csv” of 2026-12-01 14:02, 1,500 firms
 */
char *
sl_import_describe_last (SlStore *store)
{
  g_auto(Undo) u = { 0 };
  JsonObject *o;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *base = NULL;
  g_autofree char *firms = NULL;
  gint64 n;

  if (!last_import (store, &u, NULL))
    return NULL;
  o = json_node_get_object (u.record);
  at = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (o, "at", ""), NULL);
  when = at ? g_date_time_format (at, "%x %H:%M") : g_strdup ("");
  base = g_path_get_basename (json_object_get_string_member_with_default (o, "source", "?"));
  n = json_object_get_int_member_with_default (o, "firms", json_array_get_length (json_object_get_array_member (o, "rows")));
  firms = g_strdup_printf ("%'" G_GINT64_FORMAT, n);
  /* TRANSLATORS: the import Undo Import reverts: file, when, how many firms */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” of %s, %s firm", "“%s” of %s, %s firms", (gulong) n),
                          base, when, firms);
}

/* Written after the import and touching the ledger's records: an undo
 * would delete them with it, so it is refused and they are named. */
static gboolean
refuse_later_changes (SlStore     *store,
                      const Undo  *u,
                      GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT count(*), group_concat (what, '; ') FROM"
    " (SELECT entity || ' #' || entity_id || ' ' || action || ' ' || replace (substr (at, 1, 16), 'T', ' ') AS what"
    "  FROM audit_log WHERE id > ?1 AND entity NOT IN ('setting', 'bulletin', 'ledger')"
    /* An import that changed nothing changed nothing. */
    "  AND NOT (entity = 'import' AND action = 'import'"
    "           AND ifnull (json_extract (after, '$.added'), 0) + ifnull (json_extract (after, '$.updated'), 0) = 0)"
    /* Nor did a later import that was undone, with its undo. */
    "  AND NOT EXISTS (SELECT 1 FROM import_undo u WHERE u.id > ?2 AND u.undone_at IS NOT NULL"
    "                  AND (audit_log.id BETWEEN u.first_audit AND u.last_audit"
    "                       OR audit_log.id BETWEEN u.undo_first AND u.undo_last))"
    "  ORDER BY id)", error);
  gint64 n;
  g_autofree char *what = NULL;
  g_autofree char *count = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, u->last_audit);
  sqlite3_bind_int64 (stmt, 2, u->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _sl_store_sql_error (store, error);
  n = sqlite3_column_int64 (stmt, 0);
  if (n == 0)
    return TRUE;
  what = g_utf8_substring (_sl_column_text (stmt, 1), 0, 200);
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, n);
  g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
               g_dngettext (GETTEXT_PACKAGE,
                            "The last import cannot be undone: %s change was written after it (%s…), and undoing the import would take it away too. Change those records by hand instead.",
                            "The last import cannot be undone: %s changes were written after it (%s…), and undoing the import would take them away too. Change those records by hand instead.",
                            (gulong) n),
               count, what);
  return FALSE;
}

static gboolean
undo_checked_cb (SlStore  *store,
                 gpointer  user_data,
                 GError  **error)
{
  g_auto(Undo) u = { 0 };

  /* Found and checked inside the write, so that no change slips in between. */
  return last_import (store, &u, error)
         && refuse_later_changes (store, &u, error)
         && undo_cb (store, &u, error);
}

/**
 * sl_import_undo_last:
 *
 * Reverts the newest import not yet undone that changed something,
 * exactly, in one transaction: the firms it added are gone, the fields it
 * changed are as they were. Called again, it undoes the one before.
 * Refused, naming them, when changes were written after it (other than
 * imports already undone).
 */
gboolean
sl_import_undo_last (SlStore  *store,
                     GError  **error)
{
  return _sl_store_write_bulk (store, undo_checked_cb, NULL, error);
}
