/* sl-roster-cache.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster"

#include "config.h"

#include "sl-roster-private.h"
#include "sl-store-private.h"

/* The sorted rosters kept between queries, on the store they came from,
 * and the sorts read ahead for them in a worker. A commit makes them
 * stale. */

#define CACHED_QUERIES 12

GArray *
_sl_roster_run_ids (SlStore     *store,
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

/* @ids (of gint64) in 32 bits when every id fits, else @ids itself.
 * Returns: (transfer full) */
static GArray *
compact_ids (GArray *ids)
{
  GArray *small;

  if (g_array_get_element_size (ids) == sizeof (gint32))
    return g_array_ref (ids);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) < 0 || g_array_index (ids, gint64, i) > G_MAXINT32)
      return g_array_ref (ids);
  small = g_array_sized_new (FALSE, FALSE, sizeof (gint32), ids->len);
  g_array_set_size (small, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_array_index (small, gint32, i) = (gint32) g_array_index (ids, gint64, i);
  return small;
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

/* Returns: (transfer none) (nullable): the roster @sql reads, if kept */
GArray *
_sl_roster_kept (SlStore    *store,
                 const char *sql,
                 GPtrArray  *params)
{
  g_autoptr(GString) key = cache_key (sql, params);
  CachedQuery *entry = find_cached (store, key->str);

  return entry ? entry->ids : NULL;
}

/* The last few sorted rosters, on the store they came from; a commit makes
 * them stale. Returns (transfer none). */
GArray *
_sl_roster_kept_ids (SlStore     *store,
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

  {
    g_autoptr(GArray) read = _sl_roster_run_ids (store, sql, params, error);

    if (read == NULL)
      return NULL;
    ids = compact_ids (read);
  }
  remember (cache, g_string_free (g_steal_pointer (&key), FALSE), generation, ids);
  return ids;
}

typedef struct
{
  char      *path;
  guint64    generation;
  GPtrArray *sqls;      /* char *, each with its key at the same index */
  GPtrArray *keys;
  GPtrArray *params;
} Prefetch;

static void
prefetch_free (Prefetch *p)
{
  g_free (p->path);
  g_ptr_array_unref (p->sqls);
  g_ptr_array_unref (p->keys);
  g_ptr_array_unref (p->params);
  g_free (p);
}

/* One sort read by the worker, kept at once in the main context: a code
 * prefix typed a second after the first keystroke finds the roster by
 * code ready, without the other eight sorts' wait. */
typedef struct
{
  SlStore *store;
  char    *key;
  guint64  generation;
  GArray  *ids;
} Found;

static void
found_free (gpointer data)
{
  Found *f = data;

  g_object_unref (f->store);
  g_free (f->key);
  g_array_unref (f->ids);
  g_free (f);
}

static gboolean
keep_found (gpointer data)
{
  Found *f = data;

  if (f->ids->len > 0 && f->generation == sl_store_get_generation (f->store) && find_cached (f->store, f->key) == NULL)
    remember (get_cache (f->store), g_steal_pointer (&f->key), f->generation, g_array_ref (f->ids));
  return G_SOURCE_REMOVE;
}

typedef struct
{
  SlStore      *store;
  GCancellable *cancellable;
} Progress;

/* Every 10,000 steps of SQLite: stands aside while the window's own
 * search runs, and stops when cancelled. */
static int
progress_cb (void *data)
{
  Progress *progress = data;

  _sl_store_foreground_wait (progress->store, progress->cancellable);
  return g_cancellable_is_cancelled (progress->cancellable);
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
  Progress progress;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (p->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      g_task_return_new_error (task, SL_STORE_ERROR, SL_STORE_ERROR_IO, "%s", p->path);
      return;
    }
  progress.store = source;
  progress.cancellable = cancellable;
  sqlite3_progress_handler (db, 10000, progress_cb, &progress);
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
      /* Made small here, in the worker, not in the window's thread. */
      {
        GArray *small = compact_ids (ids);

        g_array_unref (ids);
        ids = small;
      }
      if (!g_cancellable_is_cancelled (cancellable))
        {
          Found *f = g_new0 (Found, 1);

          f->store = g_object_ref (source);
          f->key = g_strdup (p->keys->pdata[i]);
          f->generation = p->generation;
          f->ids = g_steal_pointer (&ids);
          g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, keep_found, f, found_free);
        }
      g_clear_pointer (&ids, g_array_unref);
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

  /* By code first: it serves the code prefixes typed in the search too. */
  for (int i = -1; i <= SL_ROSTER_SORT_UPDATED; i++)
    {
      SlRosterSort sort = i < 0 ? SL_ROSTER_SORT_CREDIT_CODE : (SlRosterSort) i;
      SlRosterQuery q = *query;
      g_autoptr(GString) sql = NULL;
      g_autoptr(GPtrArray) params = NULL;
      g_autoptr(GString) key = NULL;

      if (i == SL_ROSTER_SORT_CREDIT_CODE)
        continue;
      q.sort = sort;
      q.search = NULL;
      sql = _sl_roster_base_query (&q, NULL, &params);
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
 * sl_roster_prefetch_key:
 *
 * Says which prefetch @query would start: the same for every search under
 * the same filters in the same state of the ledger, so that a caller can
 * let one under way go on while the clerk types.
 *
 * Returns: (transfer full): the key
 */
char *
sl_roster_prefetch_key (SlStore             *store,
                        const SlRosterQuery *query)
{
  SlRosterQuery q = *query;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) key = NULL;

  q.sort = SL_ROSTER_SORT_NAME;
  q.descending = FALSE;
  q.search = NULL;
  sql = _sl_roster_base_query (&q, NULL, &params);
  key = cache_key (sql->str, params);
  g_string_append_printf (key, "\x1f%d%d\x1f%" G_GUINT64_FORMAT, q.trash, q.meets_next,
                          sl_store_get_generation (store));
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/**
 * sl_roster_prefetch_finish:
 *
 * Each sort was kept as it was read, unless the ledger changed meanwhile
 * (keep_found()); this says whether the reading ended well.
 */
gboolean
sl_roster_prefetch_finish (SlStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
