/* test-summary.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-credit-code.h"
#include "sl-demo.h"
#include "sl-merge.h"
#include "sl-summary.h"
#include "sl-test-util.h"

#define DEMO_N 400

static SlStore *
demo_store (void)
{
  g_autoptr(GError) error = NULL;
  SlStore *store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, DEMO_N, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_demo_data (void)
{
  g_autoptr(SlStore) store = demo_store ();
  sqlite3_stmt *stmt = NULL;
  int n = 0;

  g_assert_cmpint (sl_store_count_enterprises (store), ==, DEMO_N);
  /* Every code is valid and every firm has three years of figures and a pool entry. */
  g_assert_cmpint (sqlite3_prepare_v2 (_sl_store_get_db (store), "SELECT credit_code FROM enterprise", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      SlCreditCodeWarnings warnings;
      g_assert_true (sl_credit_code_validate ((const char *) sqlite3_column_text (stmt, 0), NULL, &warnings, &error));
      g_assert_cmpint (warnings, ==, SL_CREDIT_CODE_OK);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (n, ==, DEMO_N);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM annual_figures"), ==, 3 * DEMO_N);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(DISTINCT enterprise_id) FROM certification WHERE tier_key = 'pool'"), ==, DEMO_N);
  /* The histories have every outcome, dated 2022–2026. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(DISTINCT status) FROM certification"), >=, 4);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification WHERE status = 'rejected'"), >, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification WHERE status = 'expired'"), >, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification WHERE julianday (valid_until) - julianday (valid_from) > 4 * 365"), >, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT min (substr (ifnull (applied_on, valid_from), 1, 4)) FROM certification"), >=, 2022);
  g_assert_cmpint (sl_test_query_int (store, "SELECT max (substr (ifnull (applied_on, valid_from), 1, 4)) FROM certification"), <=, 2026);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(DISTINCT jurisdiction_id) FROM enterprise"), >=, 8);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(DISTINCT chain_id) FROM enterprise"), ==, 4);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise_honour"), >, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE done_on IS NOT NULL"), >, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE action = 'demo'"), ==, 1);
  /* Every stored certification keeps the rules a clerk's would. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification WHERE valid_until < valid_from OR certified_on < applied_on"), ==, 0);
  /* No tier before its rules began, no honour in a year to come, no word twice in a name. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification c JOIN rule_version r ON r.key = c.rule_version"
                                             " WHERE ifnull (c.applied_on, c.valid_from) < r.effective_from"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification WHERE tier_key = 'innovative' AND valid_from < '2022-08-01'"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise_honour WHERE year > 2026"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE name LIKE '%科技科技%'"), ==, 0);
  {
    g_autofree char *names = sl_test_query_text (store, "SELECT group_concat (name, '|') FROM enterprise");
    const char *p = names;

    while (*p)
      {
        const char *next = g_utf8_next_char (p);

        if (*next && *next != '|' && *p != '|' && g_utf8_get_char (p) == g_utf8_get_char (next))
          g_error ("a character twice in a row in “%.40s”", p);
        p = next;
      }
  }
}

/* Demo data passes the ledger's own validators: merged record by record
 * into an empty ledger, every firm arrives. */
static void
test_demo_valid (void)
{
  g_autofree char *demo = sl_test_temp_path ("demo.db");
  g_autofree char *empty = sl_test_temp_path ("empty.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (demo, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) target = NULL;
  g_autoptr(SlMergePlan) plan = NULL;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 1500, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  target = sl_ledger_open (empty, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  plan = sl_merge_plan_new (target, demo, &error);
  g_assert_no_error (error);
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_count_enterprises (target), ==, 1500);
}

static void
test_deterministic (void)
{
  g_autoptr(SlStore) a = demo_store ();
  g_autoptr(SlStore) b = demo_store ();
  g_autoptr(JsonNode) sa = sl_summary_compute (a, "2025-12", NULL, NULL);
  g_autoptr(JsonNode) sb = sl_summary_compute (b, "2025-12", NULL, NULL);
  g_autofree char *ta = json_to_string (sa, FALSE);
  g_autofree char *tb = json_to_string (sb, FALSE);
  g_autofree char *na = sl_test_query_text (a, "SELECT group_concat (name || credit_code) FROM enterprise");
  g_autofree char *nb = sl_test_query_text (b, "SELECT group_concat (name || credit_code) FROM enterprise");

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (na, ==, nb);
}

/* Every figure of the summary against a plain count written independently. */
static void
test_against_sql (void)
{
  g_autoptr(SlStore) store = demo_store ();
  g_autoptr(GError) error = NULL;
  const char *periods[] = { "2023-06", "2024-12", "2025-12", "2026-09" };

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(JsonNode) node = sl_summary_compute (store, periods[p], NULL, &error);
      JsonObject *s = json_node_get_object (node);
      JsonArray *units = json_object_get_array_member (s, "jurisdictions");
      const char *as_of = json_object_get_string_member (s, "as_of");
      g_autofree char *month_start = g_strdup_printf ("%s-01", periods[p]);
      const char *tiers[] = { "pool", "innovative", "srdi", "little_giant", "champion" };

      g_assert_no_error (error);
      for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
        {
          gint64 sum = 0, sum_new = 0;
          g_autofree char *held_sql = g_strdup_printf (
            "SELECT count(DISTINCT enterprise_id) FROM certification WHERE tier_key = '%s'"
            " AND status IN ('certified','under_review','expired','revoked')"
            " AND valid_from <= '%s' AND (valid_until IS NULL OR valid_until >= '%s')", tiers[t], as_of, as_of);
          g_autofree char *new_sql = g_strdup_printf (
            "SELECT count(*) FROM certification c WHERE tier_key = '%s'"
            " AND status IN ('certified','under_review','expired','revoked')"
            " AND valid_from BETWEEN '%s' AND '%s'"
            " AND NOT EXISTS (SELECT 1 FROM certification p WHERE p.enterprise_id = c.enterprise_id"
            "   AND p.tier_key = c.tier_key AND p.status IN ('certified','under_review','expired','revoked') AND p.valid_from < c.valid_from)",
            tiers[t], month_start, as_of);
          JsonObject *tot = json_object_get_object_member (json_object_get_object_member (s, "totals"), tiers[t]);

          for (guint u = 0; u < json_array_get_length (units); u++)
            {
              JsonObject *tc = json_object_get_object_member (json_object_get_object_member (json_array_get_object_element (units, u), "tiers"), tiers[t]);
              sum += json_object_get_int_member (tc, "held");
              sum_new += json_object_get_int_member (tc, "new_in_month");
            }
          g_assert_cmpint (json_object_get_int_member (tot, "held"), ==, sl_test_query_int (store, held_sql));
          g_assert_cmpint (json_object_get_int_member (tot, "held"), ==, sum);
          g_assert_cmpint (json_object_get_int_member (tot, "new_in_month"), ==, sl_test_query_int (store, new_sql));
          g_assert_cmpint (json_object_get_int_member (tot, "new_in_month"), ==, sum_new);
          g_assert_cmpint (json_object_get_int_member (tot, "new_in_year"), >=, json_object_get_int_member (tot, "new_in_month"));
        }
    }
}

static GPtrArray *
summaries (SlStore *store)
{
  const char *periods[] = { "2024-06", "2025-12", "2026-11" };
  const char *scopes[] = { NULL, "东海县" };
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) node = sl_summary_compute (store, periods[p], scopes[s], &error);

        g_assert_no_error (error);
        g_ptr_array_add (texts, json_to_string (node, FALSE));
      }
  return texts;
}


/* The summary keeps its firms in arrays by id while ids are dense, and by
 * a table of ids where they are sparse (a ledger merged from others, or
 * written by another program): both give the same figures. */
static void
test_sparse_ids (void)
{
  g_autoptr(SlStore) store = demo_store ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  /* A move and a firm in the trash, so that both are read from either place. */
  sl_test_exec (store, "INSERT INTO jurisdiction_move (enterprise_id, from_id, to_id, moved_on)"
                       " SELECT id, jurisdiction_id, (SELECT min (id) FROM jurisdiction WHERE id <> e.jurisdiction_id), '2025-06-01'"
                       " FROM enterprise e WHERE id IN (3, 5, 8)");
  sl_test_exec (store, "UPDATE enterprise SET deleted_at = '2025-01-01T00:00:00Z' WHERE id = 13");
  before = summaries (store);
  sl_test_exec (store, "PRAGMA foreign_keys = OFF");
  sl_test_exec (store, "UPDATE enterprise SET id = id * 100003;"
                       "UPDATE certification SET enterprise_id = enterprise_id * 100003;"
                       "UPDATE annual_figures SET enterprise_id = enterprise_id * 100003;"
                       "UPDATE enterprise_honour SET enterprise_id = enterprise_id * 100003;"
                       "UPDATE jurisdiction_move SET enterprise_id = enterprise_id * 100003;"
                       "UPDATE project SET enterprise_id = enterprise_id * 100003 WHERE enterprise_id IS NOT NULL");
  sl_test_exec (store, "PRAGMA foreign_keys = ON");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  after = summaries (store);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (after->pdata[i], ==, before->pdata[i]);
}

static void
test_scope_matches_row (void)
{
  g_autoptr(SlStore) store = demo_store ();
  g_autoptr(JsonNode) whole = sl_summary_compute (store, "2025-12", NULL, NULL);
  g_autoptr(JsonNode) county = sl_summary_compute (store, "2025-12", "东海县", NULL);
  JsonArray *units = json_object_get_array_member (json_node_get_object (whole), "jurisdictions");
  JsonObject *row = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  for (guint u = 0; u < json_array_get_length (units); u++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (units, u), "name"), "东海县"))
      row = json_object_get_object_member (json_array_get_object_element (units, u), "tiers");
  g_assert_nonnull (row);
  for (const char **t = (const char *[]) { "pool", "innovative", "srdi", NULL }; *t; t++)
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (row, *t), "held"), ==,
                     json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (json_node_get_object (county), "totals"), *t), "held"));
  /* The indicator populations shrink to the county's firms. */
  a = json_to_string (json_object_get_member (json_node_get_object (whole), "indicators"), FALSE);
  b = json_to_string (json_object_get_member (json_node_get_object (county), "indicators"), FALSE);
  g_assert_cmpstr (a, !=, b);
}

static void
test_cancel_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_false (sl_demo_generate (store, 5000, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification"), ==, 0);
}

static void
run_cli (const char * const *args,
         int                 expected_status,
         char              **out_stdout,
         char              **out_stderr)
{
  g_assert_cmpint (sl_test_run_cli (args, out_stdout, out_stderr), ==, expected_status);
}

static void
test_cli (void)
{
  g_autofree char *db = sl_test_temp_path ("ledger.db");
  g_autofree char *text = sl_test_temp_path ("notes.txt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) direct = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *got_text = NULL;

  run_cli ((const char *[]) { "--db", db, "--demo", "150", NULL }, 0, &out, &err);
  g_assert_nonnull (strstr (out, "150"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_cli ((const char *[]) { "--db", db, "--summary", "2025-12", NULL }, 0, &out, &err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  /* The command line prints exactly what the core computes. */
  direct = sl_ledger_open (db, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  expected = sl_summary_compute (direct, "2025-12", NULL, &error);
  expected_text = json_to_string (expected, FALSE);
  got_text = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_cmpstr (expected_text, ==, got_text);
  g_clear_object (&direct);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_cli ((const char *[]) { "--db", db, "--summary", "2025-12", "--scope", "灌南县", NULL }, 0, &out, &err);
  g_assert_nonnull (strstr (out, "\"name\" : \"灌南县\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Errors: non-zero exit and exactly one line on standard error. */
  run_cli ((const char *[]) { "--db", db, "--summary", "2025-13", NULL }, 1, &out, &err);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "srdi-ledger: Month"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_cli ((const char *[]) { "--db", db, "--summary", "1899-12", NULL }, 1, &out, &err);
  g_assert_nonnull (strstr (err, "a year from 1900 to 2999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_cli ((const char *[]) { "--db", db, "--export-bulletin", "2025-12", "--output", "b.xlsx", "--issue-no", "2147483647", NULL }, 1, &out, &err);
  g_assert_nonnull (strstr (err, "from 1 to 9999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_cli ((const char *[]) { "--db", db, "--summary", "2025-12", "--scope", "火星", NULL }, 1, &out, &err);
  g_assert_true (g_str_has_prefix (err, "srdi-ledger: Scope"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (text, "not a ledger, just a text file long enough to pass the first hundred bytes of an SQLite header check.", -1, NULL));
  run_cli ((const char *[]) { "--db", text, "--summary", "2025-12", NULL }, 1, &out, &err);
  g_assert_nonnull (strstr (err, "not an SRDI ledger"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_cli ((const char *[]) { "--db", db, "--demo", "0", NULL }, 1, &out, &err);
  g_assert_true (g_str_has_prefix (err, "srdi-ledger: Demo enterprises"));
}

/* A ledger large enough for the certifications' pass in a thread of its
 * own, beside the firms and honours on a second reader, gives what one
 * connection alone gives (a read-only ledger has no second), and so does
 * one without the above-scale firms' index. */
static void
test_threaded (void)
{
  g_autofree char *path = sl_test_temp_path ("large.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) threaded = NULL;
  g_autoptr(GPtrArray) alone = NULL;
  g_autoptr(GPtrArray) unindexed = NULL;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 20000, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* A move, and a firm in the trash that holds a tier. */
  sl_test_exec (store, "INSERT INTO jurisdiction_move (enterprise_id, from_id, to_id, moved_on)"
                       " SELECT id, jurisdiction_id, (SELECT min (id) FROM jurisdiction WHERE id <> e.jurisdiction_id), '2025-06-01'"
                       " FROM enterprise e WHERE id IN (3, 5, 8)");
  sl_test_exec (store, "UPDATE enterprise SET deleted_at = '2025-01-01T00:00:00Z'"
                       " WHERE id = (SELECT min (enterprise_id) FROM certification WHERE status = 'certified')");
  threaded = summaries (store);
  sl_test_exec (store, "DROP INDEX enterprise_above_scale");
  unindexed = summaries (store);
  g_clear_object (&store);
  store = sl_ledger_open (path, SL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  alone = summaries (store);
  for (guint i = 0; i < threaded->len; i++)
    {
      g_assert_cmpstr (threaded->pdata[i], ==, alone->pdata[i]);
      g_assert_cmpstr (unindexed->pdata[i], ==, alone->pdata[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/summary/demo-data", test_demo_data);
  g_test_add_func ("/summary/demo-valid", test_demo_valid);
  g_test_add_func ("/summary/deterministic", test_deterministic);
  g_test_add_func ("/summary/against-sql", test_against_sql);
  g_test_add_func ("/summary/scope-matches-row", test_scope_matches_row);
  g_test_add_func ("/summary/sparse-ids", test_sparse_ids);
  g_test_add_func ("/summary/threaded", test_threaded);
  g_test_add_func ("/summary/cancel-demo", test_cancel_demo);
  g_test_add_func ("/summary/cli", test_cli);

  return g_test_run ();
}
