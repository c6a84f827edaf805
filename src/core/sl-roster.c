/* sl-roster.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-collate.h"
#include "sl-util.h"

/* sl_chars(text): every character but white space, separated by spaces, for
 * the single-character index. */
static void
chars_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  GString *out;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  out = g_string_sized_new (strlen (text) * 2);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char_validated (p, -1);

      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        break;
      if (g_unichar_isspace (ch))
        continue;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      g_string_append_c (out, ' ');
    }
  sqlite3_result_text (context, out->str, (int) out->len, g_free);
  g_string_free (out, FALSE);
}

void
_sl_roster_register_functions (SlStore *store)
{
  sqlite3_create_function (_sl_store_get_db (store), "sl_chars", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, chars_func, NULL, NULL);
  _sl_collate_register (_sl_store_get_db (store));
}

#define SEARCH_BODY \
  "name || ' | ' || credit_code || ' | ' || ifnull (contact, '') || ' | ' || ifnull (main_product, '')"
#define CHARS_BODY \
  "sl_chars (name || ' ' || credit_code || ' ' || ifnull (contact, '') || ' ' || ifnull (main_product, ''))"

#define TOP_TIER_OF(who) SL_ROSTER_TOP_TIER_OF (who)

#define LATEST_OF(who) \
  "(SELECT f.year, f.revenue, " SL_ROSTER_RD_INTENSITY ("f") ", f.patents_valid" \
  "  FROM annual_figures f WHERE f.enterprise_id = " who " ORDER BY f.year DESC LIMIT 1)"

/* Where a statement keeps the name's sort key, on a ledger that has one:
 * a ledger of an older schema opened read-only, or one a test builds at
 * its first schema, has no such column. */
#define NAME_KEY "@NAME_KEY@"

/**
 * _sl_roster_sql:
 *
 * Returns: (transfer full): @sql as @store's schema reads it: the name's
 *   sort key kept and sorted by where the ledger has one
 */
char *
_sl_roster_sql (SlStore    *store,
                const char *sql)
{
  g_autoptr(GString) s = g_string_new (sql);
  gboolean keyed = sl_store_get_version (store) >= 6;

  g_string_replace (s, NAME_KEY, keyed ? ", name_key = sl_name_key (name)" : "", 0);
  g_string_replace (s, SL_ROSTER_NAME_SORT, keyed ? "e.name_key" : "e.name", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Runs @statements with ?1 = today and ?2 = @id. */
static gboolean
run_each (SlStore     *store,
          const char **statements,
          guint        n,
          gint64       id,
          GError     **error)
{
  g_autofree char *today = sl_today ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = _sl_roster_sql (store, statements[i]);
      g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_bind_parameter_index (stmt, "?1"))
        _sl_bind_text (stmt, 1, today);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!_sl_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _sl_roster_reindex:
 * @id: the enterprise whose record, figures or certifications changed
 *
 * Brings its search entries, highest tier and latest figures up to date.
 * Call inside the write's transaction.
 */
gboolean
_sl_roster_reindex (SlStore  *store,
                    gint64    id,
                    GError  **error)
{
  GHashTable *deferred = g_object_get_data (G_OBJECT (store), "sl-reindex-deferred");
  const char *statements[] = {
    "DELETE FROM enterprise_search WHERE rowid = ?2",
    "DELETE FROM enterprise_chars WHERE rowid = ?2",
    "INSERT INTO enterprise_search (rowid, body) SELECT id, " SEARCH_BODY " FROM enterprise WHERE id = ?2",
    "INSERT INTO enterprise_chars (rowid, body) SELECT id, " CHARS_BODY " FROM enterprise WHERE id = ?2",
    "UPDATE enterprise SET top_tier = " TOP_TIER_OF ("enterprise.id") NAME_KEY ","
    " (latest_year, latest_revenue, latest_rd_intensity, latest_patents) = " LATEST_OF ("enterprise.id")
    " WHERE id = ?2",
  };

  if (deferred != NULL)
    {
      g_hash_table_add (deferred, g_memdup2 (&id, sizeof id));
      return TRUE;
    }
  return run_each (store, statements, G_N_ELEMENTS (statements), id, error);
}

/**
 * _sl_roster_defer_reindex:
 *
 * Within one write that touches many firms (an import, a merge), each
 * firm is reindexed once at the end, in _sl_roster_reindex_deferred(),
 * rather than after each of its records: three times fewer index updates.
 */
void
_sl_roster_defer_reindex (SlStore *store)
{
  g_object_set_data_full (G_OBJECT (store), "sl-reindex-deferred",
                          g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
                          (GDestroyNotify) g_hash_table_unref);
}

/**
 * _sl_roster_reindex_deferred:
 *
 * Reindexes the firms touched since _sl_roster_defer_reindex(), and stops
 * deferring. Call inside the same write.
 */
gboolean
_sl_roster_reindex_deferred (SlStore  *store,
                             GError  **error)
{
  g_autoptr(GHashTable) deferred = g_object_steal_data (G_OBJECT (store), "sl-reindex-deferred");
  /* Set-based over the firms touched: a statement per firm and index cost
   * 58 µs a firm for the tier alone at 100,000 firms. */
  const char *statements[] = {
    "DELETE FROM enterprise_search WHERE rowid IN (SELECT id FROM temp.sl_reindex)",
    "DELETE FROM enterprise_chars WHERE rowid IN (SELECT id FROM temp.sl_reindex)",
    "INSERT INTO enterprise_search (rowid, body) SELECT id, " SEARCH_BODY " FROM enterprise"
    " WHERE id IN (SELECT id FROM temp.sl_reindex)",
    "INSERT INTO enterprise_chars (rowid, body) SELECT id, " CHARS_BODY " FROM enterprise"
    " WHERE id IN (SELECT id FROM temp.sl_reindex)",
    "UPDATE enterprise SET top_tier = " TOP_TIER_OF ("enterprise.id") NAME_KEY ","
    " (latest_year, latest_revenue, latest_rd_intensity, latest_patents) = " LATEST_OF ("enterprise.id")
    " WHERE id IN (SELECT id FROM temp.sl_reindex)",
    "DELETE FROM temp.sl_reindex",
  };
  g_autoptr(SlStmt) add = NULL;
  GHashTableIter iter;
  gpointer key;

  if (deferred == NULL || g_hash_table_size (deferred) == 0)
    return TRUE;
  if (g_hash_table_size (deferred) < 8)
    {
      g_hash_table_iter_init (&iter, deferred);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!_sl_roster_reindex (store, *(gint64 *) key, error))
          return FALSE;
      return TRUE;
    }
  if (!_sl_store_exec (store, "CREATE TEMP TABLE IF NOT EXISTS sl_reindex (id INTEGER PRIMARY KEY);"
                              "DELETE FROM temp.sl_reindex", error))
    return FALSE;
  g_hash_table_iter_init (&iter, deferred);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      add = _sl_store_prepare (store, "INSERT OR IGNORE INTO temp.sl_reindex (id) VALUES (?1)", error);
      if (add == NULL)
        return FALSE;
      sqlite3_bind_int64 (add, 1, *(gint64 *) key);
      if (!_sl_store_step_done (store, add, error))
        return FALSE;
      g_clear_pointer (&add, sl_stmt_release);
    }
  return run_each (store, statements, G_N_ELEMENTS (statements), 0, error);
}

/**
 * _sl_roster_index_search_from:
 * @first_id: the first of the enterprises just added in bulk
 *
 * Their search entries, for a write that filled their derived columns.
 */
gboolean
_sl_roster_index_search_from (SlStore  *store,
                              gint64    first_id,
                              GError  **error)
{
  const char *statements[] = {
    "INSERT INTO enterprise_search (rowid, body) SELECT id, " SEARCH_BODY " FROM enterprise WHERE id >= ?2",
    "INSERT INTO enterprise_chars (rowid, body) SELECT id, " CHARS_BODY " FROM enterprise WHERE id >= ?2",
  };

  return run_each (store, statements, G_N_ELEMENTS (statements), first_id, error);
}

/**
 * _sl_roster_reindex_from:
 * @first_id: the first of the enterprises just added in bulk
 *
 * The bulk form of _sl_roster_reindex() for new enterprises.
 */
gboolean
_sl_roster_reindex_from (SlStore  *store,
                         gint64    first_id,
                         GError  **error)
{
  const char *statements[] = {
    "UPDATE enterprise SET top_tier = " TOP_TIER_OF ("enterprise.id") NAME_KEY ","
    " (latest_year, latest_revenue, latest_rd_intensity, latest_patents) = " LATEST_OF ("enterprise.id")
    " WHERE id >= ?2",
  };

  return _sl_roster_index_search_from (store, first_id, error)
         && run_each (store, statements, G_N_ELEMENTS (statements), first_id, error);
}

/* What a cache of derived data was made for (a day, a collator), kept
 * in the settings without an audit row: no clerk changed anything. */
static gboolean
mark_derived (SlStore     *store,
              const char  *key,
              const char  *value,
              GError     **error)
{
  g_autoptr(SlStmt) mark = _sl_store_prepare (store,
    "INSERT INTO setting (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (mark == NULL)
    return FALSE;
  _sl_bind_text (mark, 1, key);
  _sl_bind_text (mark, 2, value);
  return _sl_store_step_done (store, mark, error);
}

static gboolean
refresh_today_cb (SlStore  *store,
                  gpointer  user_data,
                  GError  **error)
{
  const char *since = user_data;
  g_autofree char *today = sl_today ();
  g_autoptr(SlStmt) stmt = NULL;

  /* Only firms whose certifications began or ended since the last refresh
   * can have a different highest tier today. */
  stmt = _sl_store_prepare (store,
    "UPDATE enterprise SET top_tier = " TOP_TIER_OF ("enterprise.id")
    " WHERE id IN (SELECT enterprise_id FROM certification WHERE valid_until >= ?2 AND valid_until < ?1"
    "              UNION SELECT enterprise_id FROM certification WHERE valid_from > ?2 AND valid_from <= ?1)",
    error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, today);
  _sl_bind_text (stmt, 2, since ? since : "0000-00-00");
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;

  return mark_derived (store, "tier_cache_on", today, error);
}

typedef struct
{
  const char *version;
  gboolean    all;      /* made by another collator: every key again */
} NameKeys;

static gboolean
name_keys_cb (SlStore  *store,
              gpointer  user_data,
              GError  **error)
{
  const NameKeys *k = user_data;

  if (!_sl_store_exec (store, k->all ? "UPDATE enterprise SET name_key = sl_name_key (name)"
                                     : "UPDATE enterprise SET name_key = sl_name_key (name) WHERE name_key IS NULL", error))
    return FALSE;
  return mark_derived (store, "name_key_version", k->version, error);
}

/* The names' sort keys, where another program changed a name or the
 * collator is not the one that made them. Derived data: no audit row.
 * Every writable open asks, so the question goes through the partial
 * index of live firms (a scan of the table took 1.6 s at a million); a
 * firm renamed while in the trash is seen once it is back. */
static gboolean
refresh_name_keys (SlStore  *store,
                   GError  **error)
{
  g_autofree char *version = _sl_collate_version ();
  g_autofree char *made_by = sl_store_get_setting (store, "name_key_version");
  NameKeys k = { version, g_strcmp0 (made_by, version) != 0 };

  if (sl_store_get_version (store) < 6)
    return TRUE;
  if (!k.all)
    {
      g_autoptr(SlStmt) stale = _sl_store_prepare (store,
        "SELECT 1 FROM enterprise WHERE deleted_at IS NULL AND name_key IS NULL LIMIT 1", error);

      if (stale == NULL)
        return FALSE;
      if (sqlite3_step (stale) != SQLITE_ROW)
        return TRUE;
    }
  return _sl_store_write_sized (store, 65536, name_keys_cb, &k, error);
}

/**
 * _sl_roster_refresh_today:
 *
 * Called when a ledger is opened: the highest held tier depends on the
 * date, so the cached one is refreshed for the firms whose certifications
 * started or ended since it was last computed. The cache is derived data,
 * so this write leaves no audit row.
 */
gboolean
_sl_roster_refresh_today (SlStore  *store,
                          GError  **error)
{
  g_autofree char *since = sl_store_get_setting (store, "tier_cache_on");
  g_autofree char *today = sl_today ();

  if (!refresh_name_keys (store, error))
    return FALSE;
  if (since != NULL && g_str_equal (since, today))
    return TRUE;
  return sl_store_write (store, refresh_today_cb, since, error);
}

/**
 * sl_roster_total:
 *
 * Returns: the number of enterprises on the roster (or in the trash)
 */
gint64
sl_roster_total (SlStore  *store,
                 gboolean  trash)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    trash ? "SELECT count(*) FROM enterprise WHERE deleted_at IS NOT NULL"
          : "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

void
sl_roster_row_free (SlRosterRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->credit_code);
  g_free (row->jurisdiction);
  g_free (row->chain);
  g_free (row->tier_key);
  g_free (row->tier_name);
  g_free (row->specialist);
  g_free (row->updated_at);
  g_free (row->deleted_at);
  g_free (row->tier_since);
  g_free (row->tier_until);
  g_free (row->pending_tier);
  g_free (row->pending_status);
  g_free (row->pending_on);
  g_free (row);
}

/**
 * sl_roster_row_load:
 *
 * Returns: (transfer full) (nullable): the display values of one enterprise
 */
SlRosterRow *
sl_roster_row_load (SlStore *store,
                    gint64   id)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT e.id, e.name, e.credit_code, j.name, k.name, t.key, t.name, e.specialist, e.updated_at,"
    " e.deleted_at, e.latest_revenue, e.latest_year, e.latest_rd_intensity, e.latest_patents,"
    " h.valid_from, h.valid_until, p.tier_key, p.status, p.applied_on"
    " FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id"
    " LEFT JOIN industry_chain k ON k.id = e.chain_id"
    " LEFT JOIN tier t ON t.level = e.top_tier"
    /* By firm: the planner would otherwise walk a tier's certifications by date. */
    " LEFT JOIN certification h ON h.id = (SELECT c.id FROM certification c INDEXED BY certification_enterprise"
    "   WHERE c.enterprise_id = e.id"
    "   AND c.tier_key = t.key AND c.status IN " SL_HELD_STATUSES " AND c.valid_from <= ?2"
    "   AND ifnull (c.valid_until, '9999-12-31') >= ?2 ORDER BY c.valid_from DESC LIMIT 1)"
    " LEFT JOIN certification p ON p.id = (SELECT c.id FROM certification c WHERE c.enterprise_id = e.id"
    "   AND c.status IN ('applying', 'publicised') ORDER BY c.applied_on DESC LIMIT 1)"
    " WHERE e.id = ?1", NULL);
  g_autofree char *today = sl_today ();
  SlRosterRow *row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  _sl_bind_text (stmt, 2, today);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  row = g_new0 (SlRosterRow, 1);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->name = g_strdup (_sl_column_text (stmt, 1));
  row->credit_code = g_strdup (_sl_column_text (stmt, 2));
  row->jurisdiction = g_strdup (_sl_column_text (stmt, 3));
  row->chain = g_strdup (_sl_column_text (stmt, 4));
  row->tier_key = g_strdup (_sl_column_text (stmt, 5));
  row->tier_name = g_strdup (_sl_column_text (stmt, 6));
  row->specialist = g_strdup (_sl_column_text (stmt, 7));
  row->updated_at = g_strdup (_sl_column_text (stmt, 8));
  row->deleted_at = g_strdup (_sl_column_text (stmt, 9));
  row->latest_revenue = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? SL_UNSET : sqlite3_column_int64 (stmt, 10);
  row->latest_year = sqlite3_column_int (stmt, 11);
  row->rd_intensity = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 12);
  row->patents = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? SL_UNSET : sqlite3_column_int64 (stmt, 13);
  row->tier_since = g_strdup (_sl_column_text (stmt, 14));
  row->tier_until = g_strdup (_sl_column_text (stmt, 15));
  row->pending_tier = g_strdup (_sl_column_text (stmt, 16));
  row->pending_status = g_strdup (_sl_column_text (stmt, 17));
  row->pending_on = g_strdup (_sl_column_text (stmt, 18));
  return row;
}

typedef struct
{
  gint64      id;
  gboolean    trash;
} TrashChange;

static gboolean
trash_cb (SlStore  *store,
          gpointer  user_data,
          GError  **error)
{
  TrashChange *t = user_data;
  g_autoptr(SlEnterprise) before = sl_enterprise_load (store, t->id, error);
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before_json = NULL;
  g_autoptr(JsonNode) after_json = NULL;

  if (before == NULL)
    return FALSE;
  if ((before->deleted_at != NULL) == t->trash)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   t->trash ? _("“%s” is already in the trash") : _("“%s” is not in the trash"),
                   before->name);
      return FALSE;
    }
  stmt = _sl_store_prepare (store, "UPDATE enterprise SET deleted_at = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, t->trash ? stamp : NULL);
  sqlite3_bind_int64 (stmt, 2, t->id);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  before_json = sl_enterprise_to_json (before);
  g_free (before->deleted_at);
  before->deleted_at = t->trash ? g_strdup (stamp) : NULL;
  after_json = sl_enterprise_to_json (before);
  return sl_store_audit (store, "enterprise", t->id, t->trash ? "trash" : "restore",
                         before_json, after_json, error);
}

/**
 * sl_enterprise_trash:
 *
 * Moves the firm to the trash: it leaves the roster and every count, and
 * can be restored until the trash is emptied.
 */
gboolean
sl_enterprise_trash (SlStore  *store,
                     gint64    id,
                     GError  **error)
{
  TrashChange t = { id, TRUE };
  return sl_store_write (store, trash_cb, &t, error);
}

gboolean
sl_enterprise_restore (SlStore  *store,
                       gint64    id,
                       GError  **error)
{
  TrashChange t = { id, FALSE };
  return sl_store_write (store, trash_cb, &t, error);
}

static gboolean
empty_trash_cb (SlStore  *store,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  gint64 *removed = user_data;
  g_autoptr(SlStmt) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *deletes[] = {
    "DELETE FROM enterprise_search WHERE rowid = ?1",
    "DELETE FROM enterprise_chars WHERE rowid = ?1",
    "DELETE FROM enterprise WHERE id = ?1",
  };

  list = _sl_store_prepare (store, "SELECT id FROM enterprise WHERE deleted_at IS NOT NULL", error);
  if (list == NULL)
    return FALSE;
  while (_sl_step_row (list, &step_error))
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (ids, id);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  sqlite3_reset (list);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SlEnterprise) before = sl_enterprise_load (store, id, error);
      g_autoptr(JsonNode) before_json = NULL;

      if (before == NULL)
        return FALSE;
      before_json = sl_enterprise_to_json (before);
      for (guint d = 0; d < G_N_ELEMENTS (deletes); d++)
        {
          g_autoptr(SlStmt) stmt = _sl_store_prepare (store, deletes[d], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!_sl_store_step_done (store, stmt, error))
            return FALSE;
        }
      if (!sl_store_audit (store, "enterprise", id, "delete", before_json, NULL, error))
        return FALSE;
    }
  *removed = ids->len;
  return TRUE;
}

/**
 * sl_roster_empty_trash:
 * @out_removed: (out) (optional): how many firms were removed
 *
 * Removes the firms in the trash from the file, with their figures,
 * certifications and honours; each leaves a `delete` row in the audit log
 * holding the record as it was.
 */
gboolean
sl_roster_empty_trash (SlStore  *store,
                       gint64   *out_removed,
                       GError  **error)
{
  gint64 removed = 0;

  if (!sl_store_write (store, empty_trash_cb, &removed, error))
    return FALSE;
  if (out_removed)
    *out_removed = removed;
  return TRUE;
}
