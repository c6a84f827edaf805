/* sl-roster-query.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-pipeline.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Reading the roster: search, filters, sorts, and the sorted rosters kept
 * between queries. Keeping the index and the derived columns in step is
 * sl-roster.c's part. */

#define MAX_TERMS 8

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
      /* By pinyin: the name's collation key (sl-collate.c). */
      return SL_ROSTER_NAME_SORT;
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
  g_autofree char *schema_sql = _sl_roster_sql (store, sql);
  int rc;

  if (sqlite3_prepare_v2 (db, schema_sql, -1, &stmt, NULL) != SQLITE_OK)
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
  guint64 generation = sl_store_get_generation (store);

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
  guint64 generation = sl_store_get_generation (store);
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

/* The SQL value of a threshold's measure for a firm e with latest figures
 * f, as sl_pipeline_check_thresholds() computes it; NULL when unknown. */
static const char *
measure_sql (const char *key)
{
  static const struct { const char *key; const char *sql; } measures[] = {
    { "rd_expense", "f.rd_expense / 10000.0" },
    { "revenue", "f.revenue / 10000.0" },
    { "rd_intensity", "100.0 * f.rd_expense / nullif (f.revenue, 0)" },
    { "main_revenue_share", "100.0 * f.main_revenue / nullif (f.revenue, 0)" },
    { "debt_ratio", "100.0 * f.total_liabilities / nullif (f.total_assets, 0)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_str_equal (measures[i].key, key))
      return measures[i].sql;
  return "NULL";
}

/* "Every hard threshold of @tier_key is met" over e and f in @year; "0"
 * when the tier has none: none can be met. */
static char *
thresholds_condition (SlStore    *store,
                      const char *rules,
                      const char *tier_key,
                      int         year)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT key, at_least, at_most FROM threshold WHERE rule_version = ?1 AND tier_key = ?2", NULL);
  g_autoptr(GString) cond = g_string_new (NULL);

  if (stmt == NULL)
    return g_strdup ("0");
  _sl_bind_text (stmt, 1, rules);
  _sl_bind_text (stmt, 2, tier_key);
  while (_sl_step_row (stmt, &step_error))
    {
      const char *key = _sl_column_text (stmt, 0);
      gboolean lower = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      char bound[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *niche = g_strdup_printf ("%d - e.niche_since", year);

      g_ascii_dtostr (bound, sizeof bound, sqlite3_column_double (stmt, lower ? 1 : 2));
      /* Unknown is not met; bounds are inclusive, as in the hints. */
      g_string_append_printf (cond, "%sifnull ((%s) %s %s, 0)", cond->len ? " AND " : "",
                              g_str_equal (key, "niche_years") ? niche : measure_sql (key),
                              lower ? "+ 1e-9 >=" : "- 1e-9 <=", bound);
    }
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  if (cond->len == 0)
    return g_strdup ("0");
  return g_string_free (g_steal_pointer (&cond), FALSE);
}

/* "SELECT e.id FROM enterprise e WHERE …" for the query's filters, without
 * its search and order; the filters' values go to @params. @meets is the
 * thresholds condition when the query asks for it. */
static GString *
filter_sql (const SlRosterQuery *q,
            const char          *meets,
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
  if (q->top_tier_key != NULL)
    {
      g_string_append_printf (sql, " AND e.top_tier = (SELECT level FROM tier WHERE key = ?%u)", params->len + 1);
      g_ptr_array_add (params, g_strdup (q->top_tier_key));
    }
  if (q->meets_next && meets != NULL)
    g_string_append_printf (sql,
      " AND EXISTS (SELECT 1 FROM annual_figures f WHERE f.enterprise_id = e.id AND f.year = e.latest_year AND %s)",
      meets);
  return sql;
}

/* The tier above @tier_key, or "" above the top one (which has no thresholds). */
static char *
next_tier_of (SlStore    *store,
              const char *tier_key)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT key FROM tier WHERE level > (SELECT level FROM tier WHERE key = ?1) ORDER BY level LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, tier_key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (_sl_column_text (stmt, 0));
  return g_strdup ("");
}

/* The filtered roster in ascending order of the query's sort: what is kept. */
static GString *
base_query (const SlRosterQuery  *q,
            const char           *meets,
            GPtrArray           **out_params)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  GString *sql = filter_sql (q, meets, params);

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
  g_autofree char *meets = NULL;
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

  if (q->meets_next && q->top_tier_key != NULL)
    {
      g_autofree char *today = sl_today ();
      g_autofree char *rules = sl_pipeline_rule_version_on (store, today);
      g_autofree char *next_tier = next_tier_of (store, q->top_tier_key);

      meets = thresholds_condition (store, rules, next_tier, atoi (today));
    }
  base_sql = base_query (q, meets, &params);
  if (q->trash
      || (matches != NULL && n_matches <= SELECTIVE_MATCHES && !is_cached (store, base_sql->str, params)))
    {
      g_autoptr(GPtrArray) join_params = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) sql = filter_sql (q, meets, join_params);

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
  g_autoptr(GError) step_error = NULL;
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
          while (_sl_step_row (stmt, &step_error))
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (ids, id);
            }
          /* A prefetch cancelled by the next keystroke is interrupted, not failed. */
          if (step_error != NULL && !g_cancellable_is_cancelled (cancellable))
            g_warning ("%s", step_error->message);
          g_clear_error (&step_error);
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
  /* The thresholds filter is not worth sorting ten ways ahead of time. */
  if (query->trash || query->meets_next || g_str_equal (sl_store_get_path (store), ":memory:"))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  p = g_new0 (Prefetch, 1);
  p->path = g_strdup (sl_store_get_path (store));
  p->generation = sl_store_get_generation (store);
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
      sql = base_query (&q, NULL, &params);
      key = cache_key (sql->str, params);
      if (p->params == NULL)
        p->params = g_ptr_array_ref (params);
      if (find_cached (store, key->str) != NULL)
        continue;
      g_ptr_array_add (p->sqls, _sl_roster_sql (store, sql->str));
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
  if (p == NULL || p->generation != sl_store_get_generation (store))
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
