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
#include "sl-util.h"

#define MAX_TERMS 8

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
}

#define SEARCH_BODY \
  "name || ' | ' || credit_code || ' | ' || ifnull (contact, '') || ' | ' || ifnull (main_product, '')"
#define CHARS_BODY \
  "sl_chars (name || ' ' || credit_code || ' ' || ifnull (contact, '') || ' ' || ifnull (main_product, ''))"

#define TOP_TIER_OF(who) \
  "(SELECT max (t.level) FROM certification c JOIN tier t ON t.key = c.tier_key" \
  "  WHERE c.enterprise_id = " who " AND c.status IN " SL_HELD_STATUSES \
  "  AND c.valid_from <= ?1 AND ifnull (c.valid_until, '9999-12-31') >= ?1)"

#define LATEST_OF(who) \
  "(SELECT f.year, f.revenue, 100.0 * f.rd_expense / nullif (f.revenue, 0), f.patents_valid" \
  "  FROM annual_figures f WHERE f.enterprise_id = " who " ORDER BY f.year DESC LIMIT 1)"

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
      g_autoptr(SlStmt) stmt = _sl_store_prepare (store, statements[i], error);

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
  const char *statements[] = {
    "DELETE FROM enterprise_search WHERE rowid = ?2",
    "DELETE FROM enterprise_chars WHERE rowid = ?2",
    "INSERT INTO enterprise_search (rowid, body) SELECT id, " SEARCH_BODY " FROM enterprise WHERE id = ?2",
    "INSERT INTO enterprise_chars (rowid, body) SELECT id, " CHARS_BODY " FROM enterprise WHERE id = ?2",
    "UPDATE enterprise SET top_tier = " TOP_TIER_OF ("enterprise.id") ","
    " (latest_year, latest_revenue, latest_rd_intensity, latest_patents) = " LATEST_OF ("enterprise.id")
    " WHERE id = ?2",
  };

  return run_each (store, statements, G_N_ELEMENTS (statements), id, error);
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
    "INSERT INTO enterprise_search (rowid, body) SELECT id, " SEARCH_BODY " FROM enterprise WHERE id >= ?2",
    "INSERT INTO enterprise_chars (rowid, body) SELECT id, " CHARS_BODY " FROM enterprise WHERE id >= ?2",
    "UPDATE enterprise SET top_tier = " TOP_TIER_OF ("enterprise.id") ","
    " (latest_year, latest_revenue, latest_rd_intensity, latest_patents) = " LATEST_OF ("enterprise.id")
    " WHERE id >= ?2",
  };

  return run_each (store, statements, G_N_ELEMENTS (statements), first_id, error);
}

static gboolean
refresh_today_cb (SlStore  *store,
                  gpointer  user_data,
                  GError  **error)
{
  const char *since = user_data;
  g_autofree char *today = sl_today ();
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(SlStmt) mark = NULL;

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

  mark = _sl_store_prepare (store,
    "INSERT INTO setting (key, value) VALUES ('tier_cache_on', ?1)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (mark == NULL)
    return FALSE;
  _sl_bind_text (mark, 1, today);
  return _sl_store_step_done (store, mark, error);
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

  if (since != NULL && g_str_equal (since, today))
    return TRUE;
  return sl_store_write (store, refresh_today_cb, since, error);
}

static const char *
sort_expression (SlRosterSort sort)
{
  switch (sort)
    {
    case SL_ROSTER_SORT_CREDIT_CODE: return "e.credit_code";
    case SL_ROSTER_SORT_JURISDICTION: return "e.jurisdiction_id";
    case SL_ROSTER_SORT_CHAIN: return "e.chain_id";
    case SL_ROSTER_SORT_TIER: return "e.top_tier";
    case SL_ROSTER_SORT_REVENUE: return "e.latest_revenue";
    case SL_ROSTER_SORT_RD_INTENSITY: return "e.latest_rd_intensity";
    case SL_ROSTER_SORT_PATENTS: return "e.latest_patents";
    case SL_ROSTER_SORT_SPECIALIST: return "e.specialist";
    case SL_ROSTER_SORT_UPDATED: return "e.updated_at";
    case SL_ROSTER_SORT_NAME:
    default:
      return "e.name";
    }
}

/* An FTS5 phrase that matches @term literally. */
static char *
quote_phrase (const char *term,
              gboolean    per_char)
{
  GString *s = g_string_new ("\"");
  gboolean any = FALSE;

  for (const char *p = term; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (per_char)
        {
          /* The single-character index keeps letters, digits and ideographs only. */
          if (!g_unichar_isalnum (ch))
            continue;
          if (any)
            g_string_append_c (s, ' ');
        }
      if (ch == '"')
        g_string_append (s, "\"\"");
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
      any = TRUE;
    }
  g_string_append_c (s, '"');
  if (!any)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

#define SELECTIVE_MATCHES 60000
#define CACHED_QUERIES 12

static GArray *
run_ids (SlStore     *store,
         const char  *sql,
         GPtrArray   *params,
         GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = _sl_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL, "SQL: %s", sqlite3_errmsg (db));
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params->pdata[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL, "SQL: %s", sqlite3_errmsg (db));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

typedef struct
{
  char    *key;
  guint64  generation;
  GArray  *ids;
} CachedQuery;

static void
cached_query_free (CachedQuery *c)
{
  g_free (c->key);
  g_array_unref (c->ids);
  g_free (c);
}

static void
remember (GPtrArray *cache,
          char      *key,
          guint64    generation,
          GArray    *ids)
{
  CachedQuery *entry = g_new0 (CachedQuery, 1);

  if (cache->len >= CACHED_QUERIES)
    g_ptr_array_remove_index (cache, 0);
  entry->key = key;
  entry->generation = generation;
  entry->ids = ids;
  g_ptr_array_add (cache, entry);
}

static GPtrArray *
get_cache (SlStore *store)
{
  GPtrArray *cache = g_object_get_data (G_OBJECT (store), "sl-roster-cache");

  if (cache == NULL)
    {
      cache = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_query_free);
      g_object_set_data_full (G_OBJECT (store), "sl-roster-cache", cache, (GDestroyNotify) g_ptr_array_unref);
    }
  return cache;
}

static GString *
cache_key (const char *sql,
           GPtrArray  *params)
{
  GString *key = g_string_new (sql);

  for (guint i = 0; i < params->len; i++)
    g_string_append_printf (key, "\x1f%s", (char *) params->pdata[i]);
  return key;
}

static CachedQuery *
find_cached (SlStore    *store,
             const char *key)
{
  GPtrArray *cache = get_cache (store);
  guint64 generation = _sl_store_get_generation (store);

  for (guint i = 0; i < cache->len; i++)
    {
      CachedQuery *entry = cache->pdata[i];
      if (entry->generation == generation && g_str_equal (entry->key, key))
        return entry;
    }
  return NULL;
}

static gboolean
is_cached (SlStore    *store,
           const char *sql,
           GPtrArray  *params)
{
  g_autoptr(GString) key = cache_key (sql, params);
  return find_cached (store, key->str) != NULL;
}

/* The last few sorted rosters, on the store they came from; a commit makes
 * them stale. Returns (transfer none). */
static GArray *
cached_ids (SlStore     *store,
            const char  *sql,
            GPtrArray   *params,
            GError     **error)
{
  GPtrArray *cache = get_cache (store);
  guint64 generation = _sl_store_get_generation (store);
  g_autoptr(GString) key = cache_key (sql, params);
  CachedQuery *entry = find_cached (store, key->str);
  GArray *ids;

  if (entry != NULL)
    return entry->ids;

  ids = run_ids (store, sql, params, error);
  if (ids == NULL)
    return NULL;
  remember (cache, g_string_free (g_steal_pointer (&key), FALSE), generation, ids);
  return ids;
}

/* A bit per enterprise id for the firms matching every phrase. */
static GBytes *
search_bitmap (SlStore    *store,
               GPtrArray  *phrases,
               gint64     *out_count,
               GError    **error)
{
  sqlite3 *db = _sl_store_get_db (store);
  g_autofree guint8 *bits = NULL;
  g_autofree guint8 *term_bits = NULL;
  gsize len;
  gint64 max_id = 0;
  gint64 count = 0;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT ifnull (max (id), 0) FROM enterprise", -1, &stmt, NULL) != SQLITE_OK)
    {
      _sl_store_sql_error (store, error);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  len = (gsize) (max_id / 8 + 1);
  bits = g_malloc (len);
  memset (bits, 0xff, len);
  term_bits = g_malloc (len);

  for (guint i = 0; i < phrases->len; i += 2)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1",
                                              (char *) phrases->pdata[i], (char *) phrases->pdata[i]);
      int rc;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
      _sl_store_sql_error (store, error);
      return NULL;
    }
      sqlite3_bind_text (stmt, 1, phrases->pdata[i + 1], -1, SQLITE_STATIC);
      memset (term_bits, 0, len);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          if (id >= 0 && id <= max_id)
            term_bits[id >> 3] |= (guint8) (1u << (id & 7));
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
      _sl_store_sql_error (store, error);
      return NULL;
    }
      for (gsize b = 0; b < len; b++)
        bits[b] &= term_bits[b];
    }
  for (gsize b = 0; b < len; b++)
    count += __builtin_popcount (bits[b]);
  *out_count = count;
  return g_bytes_new_take (g_steal_pointer (&bits), len);
}

/* "SELECT e.id FROM enterprise e WHERE …" for the query's filters, without
 * its search and order; the filters' values go to @params. */
static GString *
filter_sql (const SlRosterQuery *q,
            GPtrArray           *params)
{
  GString *sql = g_string_new ("SELECT e.id FROM enterprise e WHERE ");
  g_autofree char *today = sl_today ();

  g_string_append (sql, q->trash ? "e.deleted_at IS NOT NULL" : "e.deleted_at IS NULL");
  if (q->jurisdiction_id > 0)
    {
      g_string_append_printf (sql, " AND e.jurisdiction_id IN (SELECT id FROM jurisdiction WHERE id = ?%u OR parent_id = ?%u)",
                              params->len + 1, params->len + 1);
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, q->jurisdiction_id));
    }
  if (q->chain_id > 0)
    {
      g_string_append_printf (sql, " AND e.chain_id = ?%u", params->len + 1);
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, q->chain_id));
    }
  if (q->tier_key != NULL)
    {
      g_string_append_printf (sql,
        " AND e.id IN (SELECT enterprise_id FROM certification WHERE tier_key = ?%u"
        " AND status IN " SL_HELD_STATUSES " AND valid_from <= ?%u AND ifnull (valid_until, '9999-12-31') >= ?%u)",
        params->len + 1, params->len + 2, params->len + 2);
      g_ptr_array_add (params, g_strdup (q->tier_key));
      g_ptr_array_add (params, g_strdup (today));
    }
  if (q->honour_key != NULL)
    {
      g_string_append_printf (sql, " AND e.id IN (SELECT enterprise_id FROM enterprise_honour WHERE honour_key = ?%u)",
                              params->len + 1);
      g_ptr_array_add (params, g_strdup (q->honour_key));
    }
  if (q->expiring_days > 0)
    {
      g_string_append_printf (sql,
        " AND e.id IN (SELECT enterprise_id FROM certification WHERE status IN ('certified', 'under_review')"
        " AND valid_until BETWEEN ?%u AND ?%u)", params->len + 1, params->len + 2);
      g_ptr_array_add (params, g_strdup (today));
      g_ptr_array_add (params, sl_date_add_days (today, q->expiring_days));
    }
  return sql;
}

/* The filtered roster in ascending order of the query's sort: what is kept. */
static GString *
base_query (const SlRosterQuery  *q,
            GPtrArray           **out_params)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  GString *sql = filter_sql (q, params);

  g_string_append_printf (sql, " ORDER BY %s ASC, e.id ASC", sort_expression (q->sort));
  *out_params = params;
  return sql;
}

/**
 * sl_roster_query:
 *
 * The sorted roster under the filters, before any search, is kept while
 * the ledger is unchanged: a search then filters it by the bitmap of its
 * matches, and the other direction of a sort reads it backwards. Only a
 * search with few matches on a roster not yet kept is joined in SQL, where
 * SQLite is fast for short lists and slow for long ones.
 *
 * Returns: (transfer full) (element-type gint64): the ids of the matching
 *   enterprises in the asked order
 */
GArray *
sl_roster_query (SlStore              *store,
                 const SlRosterQuery  *q,
                 GError              **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GString) base_sql = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);   /* table, phrase, table, phrase … */
  g_autoptr(GBytes) matches = NULL;
  g_auto(GStrv) terms = NULL;
  gint64 n_matches = 0;
  gsize bits_len = 0;
  const guint8 *bits = NULL;
  GArray *base;

  g_return_val_if_fail (SL_IS_STORE (store), NULL);

  if (q->search != NULL)
    {
      terms = g_regex_split_simple ("\\s+", q->search, 0, 0);
      for (guint i = 0; terms[i] != NULL && phrases->len < MAX_TERMS * 2; i++)
        {
          gboolean short_term = g_utf8_strlen (terms[i], -1) < 3;
          char *phrase;

          if (terms[i][0] == '\0')
            continue;
          phrase = quote_phrase (terms[i], short_term);
          if (phrase == NULL)
            continue;
          g_ptr_array_add (phrases, g_strdup (short_term ? "enterprise_chars" : "enterprise_search"));
          g_ptr_array_add (phrases, phrase);
        }
    }
  if (phrases->len > 0)
    {
      matches = search_bitmap (store, phrases, &n_matches, error);
      if (matches == NULL)
        return NULL;
    }

  base_sql = base_query (q, &params);
  if (q->trash
      || (matches != NULL && n_matches <= SELECTIVE_MATCHES && !is_cached (store, base_sql->str, params)))
    {
      g_autoptr(GPtrArray) join_params = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) sql = filter_sql (q, join_params);

      for (guint i = 0; matches != NULL && i < phrases->len; i += 2)
        {
          g_string_append_printf (sql, " AND e.id IN (SELECT rowid FROM %s WHERE %s MATCH ?%u)",
                                  (char *) phrases->pdata[i], (char *) phrases->pdata[i], join_params->len + 1);
          g_ptr_array_add (join_params, g_strdup (phrases->pdata[i + 1]));
        }
      if (q->trash)
        g_string_append (sql, " ORDER BY e.deleted_at DESC, e.id DESC");
      else
        g_string_append_printf (sql, " ORDER BY %s %s, e.id %s",
                                sort_expression (q->sort), q->descending ? "DESC" : "ASC",
                                q->descending ? "DESC" : "ASC");
      return run_ids (store, sql->str, join_params, error);
    }

  base = cached_ids (store, base_sql->str, params, error);
  if (base == NULL)
    return NULL;
  if (matches != NULL)
    bits = g_bytes_get_data (matches, &bits_len);
  for (guint i = 0; i < base->len; i++)
    {
      gint64 id = g_array_index (base, gint64, q->descending ? base->len - 1 - i : i);

      if (bits != NULL && ((guint64) id >= bits_len * 8 || !(bits[id >> 3] & (1u << (id & 7)))))
        continue;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
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
    " e.deleted_at, e.latest_revenue, e.latest_year, e.latest_rd_intensity, e.latest_patents"
    " FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id"
    " LEFT JOIN industry_chain k ON k.id = e.chain_id"
    " LEFT JOIN tier t ON t.level = e.top_tier"
    " WHERE e.id = ?1", NULL);
  SlRosterRow *row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
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
  while (sqlite3_step (list) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (ids, id);
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

typedef struct
{
  char      *path;
  guint64    generation;
  GPtrArray *sqls;      /* char *, each with its key at the same index */
  GPtrArray *keys;
  GPtrArray *params;
  GPtrArray *results;   /* GArray *, filled by the worker */
} Prefetch;

static void
prefetch_free (Prefetch *p)
{
  g_free (p->path);
  g_ptr_array_unref (p->sqls);
  g_ptr_array_unref (p->keys);
  g_ptr_array_unref (p->params);
  g_ptr_array_unref (p->results);
  g_free (p);
}

static int
interrupt_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* In a worker, on a read-only connection of its own: the main thread's
 * connection is never touched here. */
static void
prefetch_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Prefetch *p = task_data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (p->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      g_task_return_new_error (task, SL_STORE_ERROR, SL_STORE_ERROR_IO, "%s", p->path);
      return;
    }
  sqlite3_progress_handler (db, 10000, interrupt_cb, cancellable);
  for (guint i = 0; i < p->sqls->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, p->sqls->pdata[i], -1, &stmt, NULL) == SQLITE_OK)
        {
          for (guint k = 0; k < p->params->len; k++)
            sqlite3_bind_text (stmt, (int) k + 1, p->params->pdata[k], -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (ids, id);
            }
          if (sqlite3_errcode (db) != SQLITE_DONE && sqlite3_errcode (db) != SQLITE_OK)
            g_array_set_size (ids, 0);
        }
      sqlite3_finalize (stmt);
      g_ptr_array_add (p->results, ids);
    }
  sqlite3_close (db);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

/**
 * sl_roster_prefetch_async:
 * @query: the roster as shown; its filters, not its search or sort, count
 *
 * Reads the roster sorted by every column, under the same filters, in a
 * worker with a connection of its own, so that the first click on a column
 * header finds it ready. A ledger in memory has nothing to prefetch.
 */
void
sl_roster_prefetch_async (SlStore             *store,
                          const SlRosterQuery *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  Prefetch *p;

  g_task_set_source_tag (task, sl_roster_prefetch_async);
  if (query->trash || g_str_equal (sl_store_get_path (store), ":memory:"))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  p = g_new0 (Prefetch, 1);
  p->path = g_strdup (sl_store_get_path (store));
  p->generation = _sl_store_get_generation (store);
  p->sqls = g_ptr_array_new_with_free_func (g_free);
  p->keys = g_ptr_array_new_with_free_func (g_free);
  p->results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (SlRosterSort sort = SL_ROSTER_SORT_NAME; sort <= SL_ROSTER_SORT_UPDATED; sort++)
    {
      SlRosterQuery q = *query;
      g_autoptr(GString) sql = NULL;
      g_autoptr(GPtrArray) params = NULL;
      g_autoptr(GString) key = NULL;

      q.sort = sort;
      q.search = NULL;
      sql = base_query (&q, &params);
      key = cache_key (sql->str, params);
      if (p->params == NULL)
        p->params = g_ptr_array_ref (params);
      if (find_cached (store, key->str) != NULL)
        continue;
      g_ptr_array_add (p->sqls, g_string_free (g_steal_pointer (&sql), FALSE));
      g_ptr_array_add (p->keys, g_string_free (g_steal_pointer (&key), FALSE));
    }
  g_task_set_task_data (task, p, (GDestroyNotify) prefetch_free);
  if (p->sqls->len == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, prefetch_thread);
}

/**
 * sl_roster_prefetch_finish:
 *
 * Keeps what was read, unless the ledger changed meanwhile.
 */
gboolean
sl_roster_prefetch_finish (SlStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  Prefetch *p = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (p == NULL || p->generation != _sl_store_get_generation (store))
    return TRUE;
  for (guint i = 0; i < p->results->len; i++)
    {
      GArray *ids = p->results->pdata[i];
      g_autoptr(GString) key = g_string_new (p->keys->pdata[i]);

      if (ids->len == 0 || find_cached (store, key->str) != NULL)
        continue;
      remember (get_cache (store), g_string_free (g_steal_pointer (&key), FALSE), p->generation, g_array_ref (ids));
    }
  return TRUE;
}
