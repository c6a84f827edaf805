/* test-roster.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-certification.h"
#include "sl-demo.h"
#include "sl-figures.h"
#include "sl-lookup.h"
#include "sl-pipeline.h"
#include "sl-roster.h"
#include "sl-test-util.h"

typedef struct
{
  SlStore *store;
  gint64   a, b, c;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlEnterprise) e = NULL;
  g_autoptr(SlCertification) cert = sl_certification_new ();
  SlFigures f;

  fx->store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fx->a = sl_test_add_enterprise (fx->store, "91320722MA20KD3R5T", "连云港恒瑞新材料有限公司", "东海县");
  fx->b = sl_test_add_enterprise (fx->store, "91320706704042460D", "江苏康达医药股份有限公司", "海州区");
  fx->c = sl_test_add_enterprise (fx->store, "91320700MA1MABCD6L", "灌南宏泰机械有限公司", "灌南县");

  e = sl_enterprise_load (fx->store, fx->b, &error);
  e->contact = g_strdup ("王海涛");
  e->main_product = g_strdup ("抗肿瘤原料药");
  g_assert_true (sl_enterprise_update (fx->store, e, &error));
  g_assert_no_error (error);

  cert->enterprise_id = fx->a;
  cert->tier_key = g_strdup ("srdi");
  cert->status = g_strdup ("certified");
  cert->rule_version = g_strdup ("2022-63");
  cert->valid_from = g_strdup ("2024-05-10");
  g_assert_true (sl_certification_save (fx->store, cert, &error));
  g_assert_no_error (error);

  sl_figures_init (&f, fx->c, 2024);
  f.revenue = 50000000;
  f.rd_expense = 2000000;
  f.patents_valid = 7;
  g_assert_true (sl_figures_save (fx->store, &f, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
}

static GArray *
run (Fixture             *fx,
     const SlRosterQuery *q)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = sl_roster_query (fx->store, q, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static void
assert_search (Fixture    *fx,
               const char *text,
               guint       expected,
               gint64      first)
{
  SlRosterQuery q = { .search = text };
  g_autoptr(GArray) ids = run (fx, &q);

  if (ids->len != expected)
    g_error ("search “%s”: %u results, expected %u", text, ids->len, expected);
  if (first != 0)
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first);
}

static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  assert_search (fx, NULL, 3, fx->c);          /* by name, in pinyin: 灌 guàn < 江 jiāng < 连 lián */
  assert_search (fx, "恒瑞新材", 1, fx->a);     /* 4 characters: trigram */
  assert_search (fx, "恒瑞新", 1, fx->a);       /* 3 characters */
  assert_search (fx, "恒瑞", 1, fx->a);         /* 2 characters */
  assert_search (fx, "瑞", 1, fx->a);           /* 1 character */
  assert_search (fx, "有限公司", 3, 0);
  assert_search (fx, "海涛", 1, fx->b);         /* contact */
  assert_search (fx, "原料药", 1, fx->b);       /* main product */
  assert_search (fx, "MA20KD", 1, fx->a);       /* credit code, any case */
  assert_search (fx, "ma20kd", 1, fx->a);
  assert_search (fx, "康达 医药", 1, fx->b);    /* every term must match */
  assert_search (fx, "康达 机械", 0, 0);
  assert_search (fx, "\"", 3, 0);              /* nothing to search for: no filter, no error */
  assert_search (fx, "不存在", 0, 0);
}

static void
test_sort (Fixture       *fx,
           gconstpointer  data)
{
  SlRosterQuery q = { .sort = SL_ROSTER_SORT_REVENUE, .descending = TRUE };
  g_autoptr(GArray) by_revenue = run (fx, &q);
  g_autoptr(GArray) by_name = NULL;
  g_autoptr(GArray) by_name_desc = NULL;
  g_autoptr(GArray) by_tier = NULL;

  g_assert_cmpint (g_array_index (by_revenue, gint64, 0), ==, fx->c);
  q.sort = SL_ROSTER_SORT_NAME;
  q.descending = FALSE;
  by_name = run (fx, &q);
  q.descending = TRUE;
  by_name_desc = run (fx, &q);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (g_array_index (by_name, gint64, i), ==, g_array_index (by_name_desc, gint64, 2 - i));
  q.sort = SL_ROSTER_SORT_TIER;
  by_tier = run (fx, &q);
  g_assert_cmpint (g_array_index (by_tier, gint64, 0), ==, fx->a);
}

/* Names in the order a clerk's eye expects, by pinyin, whatever the code
 * points (博 U+535A after 华 U+534E); a name changed by another program
 * loses its key and gets it back when the ledger is next opened. */
static void
test_sort_pinyin (void)
{
  g_autofree char *path = sl_test_temp_path ("pinyin.db");
  g_autoptr(GError) error = NULL;
  const char *names[] = { "连云港华智电子有限公司", "连云港博华医药有限公司", "Apple 连云港分公司", "东海阿里科技有限公司", "赣榆众诚化工有限公司" };
  /* dōng < gàn < lián; bó < huá; names in Latin letters after the
   * Chinese ones, as ICU's zh collation orders them. */
  const guint order[] = { 3, 4, 1, 0, 2 };
  gint64 ids[G_N_ELEMENTS (names)];
  SlRosterQuery q = { .sort = SL_ROSTER_SORT_NAME };

  {
    g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
    g_autoptr(GArray) sorted = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      ids[i] = sl_test_add_enterprise (store, i == 0 ? "91320722MA20KD3R5T" : i == 1 ? "91320706704042460D"
                                              : i == 2 ? "91320700MA1MABCD6L" : i == 3 ? "91320722310000081F" : "9132072231000009X7",
                                       names[i], "东海县");
    sorted = sl_roster_query (store, &q, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sorted->len, ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_assert_cmpint (g_array_index (sorted, gint64, i), ==, ids[order[i]]);
  }
  {
    /* Another program renames 连云港华智 to 阿华智 and leaves the key. */
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE enterprise SET name = '阿华智电子有限公司' WHERE credit_code = '91320722MA20KD3R5T'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  {
    g_autoptr(SlStore) store = sl_ledger_open (path, 0, &error);
    g_autoptr(GArray) sorted = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE name_key IS NULL"), ==, 0);
    sorted = sl_roster_query (store, &q, &error);
    g_assert_cmpint (g_array_index (sorted, gint64, 0), ==, ids[0]);
  }
}

static void
test_filters (Fixture       *fx,
              gconstpointer  data)
{
  SlRosterQuery q = { .jurisdiction_id = sl_jurisdiction_find (fx->store, "东海县") };
  g_autoptr(GArray) county = run (fx, &q);
  g_autoptr(GArray) tier = NULL;
  g_autoptr(GArray) expiring = NULL;
  g_autoptr(GArray) honour = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_today = g_strdup (g_getenv ("SL_TODAY"));

  g_assert_cmpuint (county->len, ==, 1);
  g_assert_cmpint (g_array_index (county, gint64, 0), ==, fx->a);

  q = (SlRosterQuery) { .tier_key = "srdi" };
  tier = run (fx, &q);
  g_assert_cmpuint (tier->len, ==, 1);

  /* The srdi certification runs to 2027-05-09: expiring within 90 days from March 2027. */
  g_setenv ("SL_TODAY", "2027-03-01", TRUE);
  q = (SlRosterQuery) { .expiring_days = 90 };
  expiring = run (fx, &q);
  g_assert_cmpuint (expiring->len, ==, 1);
  g_setenv ("SL_TODAY", old_today, TRUE);

  g_assert_true (sl_enterprise_add_honour (fx->store, fx->b, "high_tech", 2024, &error));
  q = (SlRosterQuery) { .honour_key = "high_tech" };
  honour = run (fx, &q);
  g_assert_cmpuint (honour->len, ==, 1);
  g_assert_cmpint (g_array_index (honour, gint64, 0), ==, fx->b);
}

static void
test_row (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(SlRosterRow) a = sl_roster_row_load (fx->store, fx->a);
  g_autoptr(SlRosterRow) c = sl_roster_row_load (fx->store, fx->c);

  g_assert_cmpstr (a->jurisdiction, ==, "东海县");
  g_assert_cmpstr (a->tier_key, ==, "srdi");
  g_assert_cmpint (a->latest_revenue, ==, SL_UNSET);
  g_assert_true (isnan (a->rd_intensity));
  g_assert_cmpint (c->latest_revenue, ==, 50000000);
  g_assert_cmpint (c->latest_year, ==, 2024);
  g_assert_cmpfloat_with_epsilon (c->rd_intensity, 4.0, 1e-9);
  g_assert_cmpint (c->patents, ==, 7);
  g_assert_null (c->tier_key);
  g_assert_null (sl_roster_row_load (fx->store, 9999));
}

static void
test_trash (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SlRosterQuery trash = { .trash = TRUE };
  g_autoptr(GArray) in_trash = NULL;
  gint64 removed = 0;

  g_assert_true (sl_enterprise_trash (fx->store, fx->b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_roster_total (fx->store, FALSE), ==, 2);
  g_assert_cmpint (sl_roster_total (fx->store, TRUE), ==, 1);
  assert_search (fx, "康达", 0, 0);
  in_trash = run (fx, &trash);
  g_assert_cmpuint (in_trash->len, ==, 1);
  g_assert_false (sl_enterprise_trash (fx->store, fx->b, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (sl_enterprise_restore (fx->store, fx->b, &error));
  assert_search (fx, "康达", 1, fx->b);
  g_assert_true (sl_enterprise_trash (fx->store, fx->c, &error));
  g_assert_true (sl_roster_empty_trash (fx->store, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (removed, ==, 1);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise"), ==, 2);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM annual_figures"), ==, 0);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise_search"), ==, 2);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'enterprise' AND action IN ('trash', 'restore', 'delete')"), ==, 4);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE action = 'delete' AND json_extract (before, '$.name') = '灌南宏泰机械有限公司'"), ==, 1);
}

static void
test_tier_today (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;
  g_autoptr(SlCertification) cert = sl_certification_new ();
  g_autoptr(SlRosterRow) row = NULL;
  gint64 id;

  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  id = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "甲", NULL);
  cert->enterprise_id = id;
  cert->tier_key = g_strdup ("innovative");
  cert->status = g_strdup ("certified");
  cert->rule_version = g_strdup ("2022-63");
  cert->valid_from = g_strdup ("2023-12-01");
  g_assert_true (sl_certification_save (store, cert, &error));
  row = sl_roster_row_load (store, id);
  g_assert_cmpstr (row->tier_key, ==, "innovative");
  g_clear_pointer (&row, sl_roster_row_free);
  g_clear_object (&store);

  /* Opened after the certification ended, the roster shows it no more. */
  g_setenv ("SL_TODAY", "2026-12-01", TRUE);
  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  row = sl_roster_row_load (store, id);
  g_assert_null (row->tier_key);
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
}

/* Broad terms (more matches than the SQL join handles fast) take the path
 * that filters the sorted roster by a bitmap: the same answer either way. */
static void
test_broad_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  const char *searches[] = { "有限公司", "公司", "限 司", "有限公司 91", "港", "科技有限" };

  g_assert_true (sl_demo_generate (store, 22000, NULL, NULL, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    for (int descending = 0; descending <= 1; descending++)
      {
        SlRosterQuery q = { .search = searches[i], .sort = SL_ROSTER_SORT_REVENUE, .descending = descending };
        g_autoptr(GArray) ids = sl_roster_query (store, &q, &error);
        g_auto(GStrv) terms = g_strsplit (searches[i], " ", -1);
        g_autoptr(GString) sql = g_string_new ("SELECT e.id FROM enterprise e WHERE e.deleted_at IS NULL");
        sqlite3_stmt *stmt = NULL;
        guint n = 0;

        g_assert_no_error (error);
        for (guint t = 0; terms[t]; t++)
          {
            g_autofree char *plain = g_strdup (terms[t]);
            g_strdelimit (plain, " ", '\0');
            g_string_append_printf (sql, " AND (instr (e.name || ' ' || e.credit_code || ' ' || ifnull (e.contact, '') || ' '"
                                         " || ifnull (e.main_product, ''), replace ('%s', ' ', '')) > 0)", plain);
          }
        g_string_append_printf (sql, " ORDER BY e.latest_revenue %s, e.id %s",
                                descending ? "DESC" : "ASC", descending ? "DESC" : "ASC");
        g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            g_assert_cmpuint (n, <, ids->len);
            g_assert_cmpint (g_array_index (ids, gint64, n), ==, sqlite3_column_int64 (stmt, 0));
            n++;
          }
        sqlite3_finalize (stmt);
        g_assert_cmpuint (n, ==, ids->len);
        if (i == 0)
          g_assert_cmpuint (ids->len, ==, 22000);
      }
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_code_prefix (SlStore             *store,
                    const SlRosterQuery *q,
                    const char          *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sl_roster_query (store, q, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM enterprise WHERE deleted_at IS %s"
                                          " AND substr (credit_code, 1, %zu) = upper ('%s') ORDER BY id",
                                          q->trash ? "NOT NULL" : "NULL", strlen (prefix), prefix);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_array_sort (ids, compare_id);
  g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (n, <, ids->len);
      g_assert_cmpint (g_array_index (ids, gint64, n), ==, sqlite3_column_int64 (stmt, 0));
      n++;
    }
  sqlite3_finalize (stmt);
  if (n != ids->len)
    g_error ("“%s”: %u firms, the code's own SQL says %u", prefix, ids->len, n);
}

/* A term typed as a credit code begins (digits and letters, a digit among
 * them) finds the firms whose code begins with it, in any case, whether
 * the roster by code is kept or not; one that begins no code is looked
 * for anywhere, as other terms are: the end of a code, a model number. */
static void
test_code_prefix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autofree char *code = NULL;
  g_autofree char *prefix12 = NULL;
  g_autofree char *tail = NULL;
  gint64 model = 0;

  g_assert_true (sl_demo_generate (store, 3000, NULL, NULL, NULL, &error));
  code = sl_test_query_text (store, "SELECT credit_code FROM enterprise ORDER BY id LIMIT 1 OFFSET 1234");
  prefix12 = g_ascii_strdown (code, 12);
  tail = g_strdup (code + 12);
  model = sl_test_query_int (store, "SELECT id FROM enterprise ORDER BY id LIMIT 1 OFFSET 77");
  {
    g_autoptr(SlEnterprise) e = sl_enterprise_load (store, model, &error);
    e->main_product = g_strdup ("数控机床 XK8088型");
    g_assert_true (sl_enterprise_update (store, e, &error));
    g_assert_no_error (error);
  }
  {
    /* A code's beginning elsewhere in a firm's text: codes that begin
     * with it are what the clerk is after. */
    g_autoptr(SlEnterprise) e = sl_enterprise_load (store,
      sl_test_query_int (store, "SELECT id FROM enterprise WHERE credit_code NOT LIKE '9132072%' LIMIT 1"), &error);
    e->main_product = g_strdup ("9132072 系列配件");
    g_assert_true (sl_enterprise_update (store, e, &error));
    g_assert_no_error (error);
  }

  for (int kept = 0; kept <= 2; kept++)
    {
      const char *prefixes[] = { "9", "91", "913207", "9132072", "91320722M", prefix12, code };
      SlRosterQuery q = { 0 };

      if (kept == 1)
        {
          /* The roster by name kept, not yet by code (the prefetch reads it
           * after): the roster is filtered by the prefix's bitmap, read from
           * the code's index, or from the firms outside it when few are. */
          SlRosterQuery by_name = { .sort = SL_ROSTER_SORT_NAME };
          g_autoptr(GArray) named = sl_roster_query (store, &by_name, &error);
          g_assert_cmpuint (named->len, ==, 3000);
        }
      if (kept == 2)
        {
          /* The rosters by code and by name, as the background prefetch
           * keeps them: the prefix is then found by halves, and the
           * roster filtered by its bitmap rather than joined in SQL. */
          SlRosterQuery by_code = { .sort = SL_ROSTER_SORT_CREDIT_CODE };
          g_autoptr(GArray) all = sl_roster_query (store, &by_code, &error);
          g_assert_cmpuint (all->len, ==, 3000);
        }
      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        {
          q.search = prefixes[i];
          assert_code_prefix (store, &q, prefixes[i]);
        }
      q.search = tail;
      {
        g_autoptr(GArray) ids = sl_roster_query (store, &q, &error);
        g_assert_cmpuint (ids->len, >=, 1);
        g_assert_cmpstr (tail, ==, code + 12);
      }
      q.search = "8088";
      {
        g_autoptr(GArray) ids = sl_roster_query (store, &q, &error);
        g_assert_cmpuint (ids->len, ==, 1);
        g_assert_cmpint (g_array_index (ids, gint64, 0), ==, model);
      }
    }

  /* With a second term, a filter and in the trash. */
  {
    g_autofree char *search = g_strdup_printf ("%s 有限", prefix12);
    gint64 where = sl_test_query_int (store, "SELECT jurisdiction_id FROM enterprise ORDER BY id LIMIT 1 OFFSET 1234");
    SlRosterQuery q = { .search = search, .jurisdiction_id = where };
    g_autoptr(GArray) ids = sl_roster_query (store, &q, &error);
    g_autofree char *full = g_strdup_printf (
      "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL"
      " AND jurisdiction_id IN (SELECT id FROM jurisdiction WHERE id = %" G_GINT64_FORMAT " OR parent_id = %" G_GINT64_FORMAT ")"
      " AND name LIKE '%%有限%%' AND substr (credit_code, 1, 12) = upper ('%s')", where, where, prefix12);
    gint64 expected = sl_test_query_int (store, full);

    g_assert_no_error (error);
    g_assert_cmpint (expected, >=, 1);
    g_assert_cmpint (ids->len, ==, expected);
  }
  g_assert_true (sl_enterprise_trash (store, sl_test_query_int (store, "SELECT id FROM enterprise ORDER BY id LIMIT 1 OFFSET 1234"), &error));
  {
    SlRosterQuery q = { .search = prefix12, .trash = TRUE };
    assert_code_prefix (store, &q, prefix12);
    q.trash = FALSE;
    assert_code_prefix (store, &q, prefix12);
  }
}

/* The sorted roster is kept between queries; a write must show at once. */
static int
index_of (GArray *ids,
                         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return (int) i;
  return -1;
}

static void
test_cache_follows_writes (Fixture       *fx,
                           gconstpointer  data)
{
  SlRosterQuery q = { .sort = SL_ROSTER_SORT_NAME };
  g_autoptr(GArray) before = run (fx, &q);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) descending = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = sl_test_add_enterprise (fx->store, "91320700MA1MBGC09C", "阿尔法新材料有限公司", NULL);
  after = run (fx, &q);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpint (index_of (after, id), >=, 0);
  q.descending = TRUE;
  descending = run (fx, &q);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (g_array_index (descending, gint64, i), ==, g_array_index (after, gint64, after->len - 1 - i));
  g_assert_true (sl_enterprise_trash (fx->store, id, &error));
  q.descending = FALSE;
  g_clear_pointer (&after, g_array_unref);
  after = run (fx, &q);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
prefetch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_roster_prefetch_finish (SL_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Sorts read ahead in a worker give the same order as the query itself. */
static void
test_prefetch (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  const char *columns[] = { "name_key", "credit_code", "jurisdiction_id", "chain_id", "top_tier",
                            "latest_revenue", "latest_rd_intensity", "latest_patents", "specialist", "updated_at" };
  SlRosterQuery q = { .chain_id = 2 };
  gboolean done = FALSE;

  g_assert_true (sl_demo_generate (store, 600, NULL, NULL, NULL, &error));
  sl_roster_prefetch_async (store, &q, NULL, prefetch_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  for (SlRosterSort sort = SL_ROSTER_SORT_NAME; sort <= SL_ROSTER_SORT_UPDATED; sort++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(GArray) ids = NULL;
        g_autofree char *sql = g_strdup_printf ("SELECT id FROM enterprise WHERE deleted_at IS NULL AND chain_id = 2"
                                                " ORDER BY %s %s, id %s", columns[sort],
                                                descending ? "DESC" : "ASC", descending ? "DESC" : "ASC");
        sqlite3_stmt *stmt = NULL;
        guint n = 0;

        q.sort = sort;
        q.descending = descending;
        ids = sl_roster_query (store, &q, &error);
        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_assert_cmpint (g_array_index (ids, gint64, n++), ==, sqlite3_column_int64 (stmt, 0));
        sqlite3_finalize (stmt);
        g_assert_cmpuint (n, ==, ids->len);
        g_assert_cmpuint (n, >, 0);
      }
}

static SlLookupItem *
find_item (GPtrArray  *list,
           const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((SlLookupItem *) list->pdata[i])->name, name))
      return list->pdata[i];
  return NULL;
}

static void
test_settings_lists (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) chains = NULL;
  g_autoptr(GPtrArray) honours = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(SlEnterprise) e = NULL;
  gint64 county = sl_jurisdiction_find (fx->store, "东海县");
  SlLookupItem *town, *chain, *honour;

  g_assert_true (sl_lookup_add (fx->store, SL_LOOKUP_JURISDICTION, " 牛山街道 ", county, &error));
  g_assert_no_error (error);
  g_assert_false (sl_lookup_add (fx->store, SL_LOOKUP_JURISDICTION, "牛山街道", county, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (sl_lookup_add (fx->store, SL_LOOKUP_JURISDICTION, "无主镇", 0, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  places = sl_lookup_list (fx->store, SL_LOOKUP_JURISDICTION, SL_LOOKUP_INCLUDE_RETIRED);
  town = find_item (places, "牛山街道");
  g_assert_nonnull (town);
  g_assert_cmpstr (town->kind, ==, "town");
  g_assert_cmpint (town->parent_id, ==, county);
  /* Towns follow their county in the list. */
  g_assert_true (places->pdata[3] == (gpointer) find_item (places, "东海县"));
  g_assert_true (places->pdata[4] == (gpointer) town);

  /* A firm in the town counts under its county, and the town filter finds it. */
  e = sl_enterprise_load (fx->store, fx->a, &error);
  e->jurisdiction_id = town->id;
  g_assert_true (sl_enterprise_update (fx->store, e, &error));
  {
    SlRosterQuery q = { .jurisdiction_id = county };
    g_autoptr(GArray) ids = run (fx, &q);
    g_assert_cmpuint (ids->len, ==, 1);
  }

  chains = sl_lookup_list (fx->store, SL_LOOKUP_CHAIN, SL_LOOKUP_INCLUDE_RETIRED);
  chain = find_item (chains, "硅材料");
  g_assert_true (sl_lookup_rename (fx->store, SL_LOOKUP_CHAIN, chain, "硅基新材料", &error));
  g_assert_no_error (error);
  g_assert_true (sl_lookup_add (fx->store, SL_LOOKUP_CHAIN, "高端装备", 0, &error));

  honours = sl_lookup_list (fx->store, SL_LOOKUP_HONOUR, SL_LOOKUP_INCLUDE_RETIRED);
  honour = find_item (honours, "全国工业大奖");
  g_assert_true (sl_lookup_set_retired (fx->store, SL_LOOKUP_HONOUR, honour, TRUE, &error));
  active = sl_lookup_list (fx->store, SL_LOOKUP_HONOUR, SL_LOOKUP_ACTIVE);
  g_assert_cmpuint (active->len, ==, honours->len - 1);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE action IN ('rename', 'retire')"), ==, 2);

  /* The firm's history names what changed, by name, not by id. */
  history = sl_audit_history (fx->store, fx->a);
  g_assert_cmpuint (history->len, >=, 3);
  {
    g_autofree char *text = sl_audit_describe (fx->store, history->pdata[0]);
    g_autofree char *was = sl_test_query_text (fx->store, "SELECT j.name FROM audit_log a JOIN jurisdiction j"
                                                          " ON j.id = json_extract (a.before, '$.jurisdiction_id')"
                                                          " WHERE a.entity = 'enterprise' AND a.action = 'update'"
                                                          " ORDER BY a.id DESC LIMIT 1");
    g_autofree char *expected = g_strdup_printf ("Jurisdiction: %s → 牛山街道", was);

    g_assert_cmpstr (((SlAuditEntry *) history->pdata[0])->action, ==, "update");
    g_assert_cmpstr (text, ==, expected);
  }
  /* The trash's moment is a local date and time, not a stored timestamp. */
  g_assert_true (sl_enterprise_trash (fx->store, fx->a, &error));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = sl_audit_history (fx->store, fx->a);
  {
    SlAuditEntry *trashed = history->pdata[0];
    g_autofree char *text = sl_audit_describe (fx->store, trashed);
    g_autofree char *when = sl_time_display (json_object_get_string_member (json_node_get_object (trashed->after), "deleted_at"));

    g_assert_cmpstr (trashed->action, ==, "trash");
    g_assert_null (strchr (text, 'T'));
    g_assert_null (strchr (text, 'Z'));
    g_assert_true (g_str_has_suffix (text, when));
    g_assert_true (g_regex_match_simple ("^Moved to the trash: .*[0-9]{2}:[0-9]{2}$", text, 0, 0));
  }
}

/* Meets every hard threshold of @tier, by the pipeline's own check. */
static gboolean
meets (SlStore    *store,
       gint64      id,
       const char *tier,
       const char *rules)
{
  g_autoptr(GPtrArray) checks = sl_pipeline_check_thresholds (store, id, tier, rules, NULL);

  if (checks == NULL || checks->len == 0)
    return FALSE;
  for (guint i = 0; i < checks->len; i++)
    if (((SlThresholdCheck *) checks->pdata[i])->met != 1)
      return FALSE;
  return TRUE;
}

/* "Meets the next tier's thresholds": the column's roster, in its order,
 * less the firms the pipeline's check says miss; with a search and a
 * jurisdiction too. */
static void
test_meets_next (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autofree char *today = sl_today ();
  g_autofree char *rules = NULL;
  const char *tiers[][2] = { { "pool", "innovative" }, { "innovative", "srdi" }, { "srdi", "little_giant" } };
  const char *searches[] = { NULL, "有限" };
  gint64 where;
  guint met_somewhere = 0;

  g_assert_true (sl_demo_generate (store, 3000, NULL, NULL, NULL, &error));
  rules = sl_pipeline_rule_version_on (store, today);
  where = sl_test_query_int (store, "SELECT jurisdiction_id FROM enterprise GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
  for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      for (int scoped = 0; scoped <= 1; scoped++)
        for (int pass = 0; pass < 2; pass++)
          {
            SlRosterQuery plain = { .top_tier_key = tiers[t][0], .search = searches[s], .jurisdiction_id = scoped ? where : 0 };
            SlRosterQuery q = plain;
            g_autoptr(GArray) all = NULL;
            g_autoptr(GArray) ids = NULL;
            guint n = 0;

            q.meets_next = TRUE;
            /* The first pass before the column's own roster is kept. */
            ids = sl_roster_query (store, &q, &error);
            g_assert_no_error (error);
            all = sl_roster_query (store, &plain, &error);
            g_assert_no_error (error);
            for (guint i = 0; i < all->len; i++)
              {
                gint64 id = g_array_index (all, gint64, i);

                if (!meets (store, id, tiers[t][1], rules))
                  continue;
                g_assert_cmpuint (n, <, ids->len);
                g_assert_cmpint (g_array_index (ids, gint64, n), ==, id);
                n++;
              }
            g_assert_cmpuint (n, ==, ids->len);
            met_somewhere += n;
          }
  g_assert_cmpuint (met_somewhere, >, 0);
}

/* A firm whose id does not fit in 32 bits (a ledger another program
 * wrote) keeps its roster in 64: the kept roster gives back the same ids. */
static void
test_wide_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  const gint64 wide = G_GINT64_CONSTANT (4294967301);
  gint64 old_id;

  g_assert_true (sl_demo_generate (store, 50, NULL, NULL, NULL, &error));
  old_id = sl_test_query_int (store, "SELECT id FROM enterprise ORDER BY id LIMIT 1 OFFSET 20");
  sl_test_exec (store, "PRAGMA foreign_keys = OFF");
  {
    g_autofree char *move = g_strdup_printf (
      "UPDATE enterprise SET id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT ";"
      "UPDATE certification SET enterprise_id = %" G_GINT64_FORMAT " WHERE enterprise_id = %" G_GINT64_FORMAT ";"
      "UPDATE annual_figures SET enterprise_id = %" G_GINT64_FORMAT " WHERE enterprise_id = %" G_GINT64_FORMAT ";"
      "UPDATE enterprise_honour SET enterprise_id = %" G_GINT64_FORMAT " WHERE enterprise_id = %" G_GINT64_FORMAT ";"
      "UPDATE project SET enterprise_id = %" G_GINT64_FORMAT " WHERE enterprise_id = %" G_GINT64_FORMAT,
      wide, old_id, wide, old_id, wide, old_id, wide, old_id, wide, old_id);
    sl_test_exec (store, move);
  }
  sl_test_exec (store, "PRAGMA foreign_keys = ON");
  for (int pass = 0; pass < 2; pass++)
    for (int descending = 0; descending <= 1; descending++)
      {
        SlRosterQuery q = { .sort = SL_ROSTER_SORT_CREDIT_CODE, .descending = descending };
        g_autoptr(GArray) ids = sl_roster_query (store, &q, &error);
        g_autofree char *sql = g_strdup_printf ("SELECT id FROM enterprise WHERE deleted_at IS NULL ORDER BY credit_code %s, id %s",
                                                descending ? "DESC" : "ASC", descending ? "DESC" : "ASC");
        sqlite3_stmt *stmt = NULL;
        guint n = 0;
        gboolean seen = FALSE;

        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            g_assert_cmpuint (n, <, ids->len);
            g_assert_cmpint (g_array_index (ids, gint64, n), ==, sqlite3_column_int64 (stmt, 0));
            seen = seen || g_array_index (ids, gint64, n) == wide;
            n++;
          }
        sqlite3_finalize (stmt);
        g_assert_cmpuint (n, ==, ids->len);
        g_assert_true (seen);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/roster/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/roster/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add_func ("/roster/sort-pinyin", test_sort_pinyin);
  g_test_add ("/roster/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/roster/row", Fixture, NULL, fixture_set_up, test_row, fixture_tear_down);
  g_test_add ("/roster/trash", Fixture, NULL, fixture_set_up, test_trash, fixture_tear_down);
  g_test_add_func ("/roster/tier-today", test_tier_today);
  g_test_add_func ("/roster/broad-search", test_broad_search);
  g_test_add_func ("/roster/code-prefix", test_code_prefix);
  g_test_add_func ("/roster/prefetch", test_prefetch);
  g_test_add_func ("/roster/wide-ids", test_wide_ids);
  g_test_add_func ("/roster/meets-next", test_meets_next);
  g_test_add ("/roster/cache-follows-writes", Fixture, NULL, fixture_set_up, test_cache_follows_writes, fixture_tear_down);
  g_test_add ("/roster/settings-lists", Fixture, NULL, fixture_set_up, test_settings_lists, fixture_tear_down);

  return g_test_run ();
}
