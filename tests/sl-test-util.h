/* sl-test-util.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "sl-enterprise.h"
#include "sl-ledger-private.h"
#include "sl-plan.h"

G_BEGIN_DECLS

/* The environment for a command-line run from a test: its daily backups
 * go into the test's own data folder. */
static inline char **
sl_test_cli_environ (void)
{
  return g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
}

/* Runs the command line ($SL_CLI) with @args; returns 0 when it exited 0,
 * else 1, with what it printed. */
static inline int
sl_test_run_cli (const char * const  *args,
                 char               **out_stdout,
                 char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = sl_test_cli_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("SL_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out_stdout, out_stderr, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

/* A fresh file path inside the test's own temporary folder. */
static inline char *
sl_test_temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-test-XXXXXX", NULL);
  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static inline gint64
sl_test_query_int (SlStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static inline char *
sl_test_query_text (SlStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The two queries above with their SQL formatted from @format. */
static inline G_GNUC_PRINTF (2, 3) gint64
sl_test_query_int_printf (SlStore    *store,
                          const char *format,
                          ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return sl_test_query_int (store, sql);
}

static inline G_GNUC_PRINTF (2, 3) char *
sl_test_query_text_printf (SlStore    *store,
                           const char *format,
                           ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return sl_test_query_text (store, sql);
}

static inline void
sl_test_exec (SlStore    *store,
              const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (_sl_store_get_db (store), sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* A valid enterprise in the first jurisdiction; @code must be valid. */
static inline SlEnterprise *
sl_test_enterprise (SlStore    *store,
                    const char *code,
                    const char *name)
{
  SlEnterprise *e = sl_enterprise_new ();

  e->credit_code = g_strdup (code);
  e->name = g_strdup (name);
  e->jurisdiction_id = sl_test_query_int (store, "SELECT id FROM jurisdiction ORDER BY position LIMIT 1");
  return e;
}

static inline gint64
sl_test_add_enterprise (SlStore    *store,
                        const char *code,
                        const char *name,
                        const char *jurisdiction)
{
  g_autoptr(SlEnterprise) e = sl_test_enterprise (store, code, name);
  g_autoptr(GError) error = NULL;

  if (jurisdiction != NULL)
    e->jurisdiction_id = sl_jurisdiction_find (store, jurisdiction);
  sl_enterprise_insert (store, e, &error);
  g_assert_no_error (error);
  return e->id;
}

/* The bundled plan made into the next one, 2026–2028: another key and
 * title, the innovative goal raised to 1,500, the smart factories'
 * indicator dropped, an honour added, the same programme keys. With
 * @drop_tier, without the pool, which the demo's firms hold. */
static G_GNUC_UNUSED char *
sl_test_write_next_plan (const char *dir,
                         gboolean    drop_tier,
                         int         start)
{
  g_autoptr(GBytes) bundled = sl_plan_get_bundled (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, drop_tier ? "next-without-pool.json" : "next.json", NULL);
  JsonObject *root, *period;
  JsonArray *metrics, *honours;
  JsonObject *honour = json_object_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bundled, NULL), (gssize) g_bytes_get_size (bundled), &error));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "key", "lianyungang-2026-2028");
  json_object_set_string_member (root, "title", "连云港市专精特新企业培育三年行动计划（2026—2028年）");
  period = json_object_get_object_member (root, "period");
  json_object_set_int_member (period, "start", start);
  json_object_set_int_member (period, "end", start + 2);
  metrics = json_object_get_array_member (root, "metrics");
  for (guint i = json_array_get_length (metrics); i-- > 0;)
    {
      JsonObject *m = json_array_get_object_element (metrics, i);

      if (g_str_equal (json_object_get_string_member (m, "key"), "innovative_count"))
        json_object_set_int_member (m, "target", 1500);
      if (g_str_equal (json_object_get_string_member (m, "key"), "smart_factory_count"))
        json_array_remove_element (metrics, i);
    }
  /* The item bound to the dropped indicator is no longer bound. */
  {
    JsonArray *programmes = json_object_get_array_member (root, "programmes");

    for (guint p = 0; p < json_array_get_length (programmes); p++)
      {
        JsonArray *items = json_object_get_array_member (json_array_get_object_element (programmes, p), "items");

        for (guint i = 0; i < json_array_get_length (items); i++)
          {
            JsonObject *item = json_array_get_object_element (items, i);

            if (g_strcmp0 (json_object_get_string_member_with_default (item, "metric", NULL), "smart_factory_count") == 0)
              {
                json_object_remove_member (item, "metric");
                json_object_remove_member (item, "target");
              }
          }
      }
  }
  honours = json_object_get_array_member (root, "honours");
  json_object_set_string_member (honour, "key", "zhejiang_next");
  json_object_set_string_member (honour, "name", "新一期试点企业");
  json_object_set_string_member (honour, "category", "quality");
  json_array_add_object_element (honours, honour);
  if (drop_tier)
    {
      JsonArray *tiers = json_object_get_array_member (root, "tiers");

      for (guint i = json_array_get_length (tiers); i-- > 0;)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (tiers, i), "key"), "pool"))
          json_array_remove_element (tiers, i);
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (gen, path, &error));
  return path;
}

G_END_DECLS
