/* test-merge.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-demo.h"
#include "sl-figures.h"
#include "sl-merge.h"
#include "sl-test-util.h"

/* A county's ledger merged into the city's: new firms added, what the city
 * lacks filled in, and a conflict kept as the city has it unless the
 * clerk takes the county's. */
static void
test_merge (void)
{
  g_autofree char *city_path = sl_test_temp_path ("city.db");
  g_autofree char *county_path = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) city = sl_ledger_open (city_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) county = sl_ledger_open (county_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlMergePlan) plan = NULL;
  g_autoptr(SlEnterprise) e = NULL;
  g_autofree char *report = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sql = NULL;
  GPtrArray *conflicts;
  SlFigures f;
  gint64 first;

  g_assert_true (sl_demo_generate (city, 20, NULL, NULL, NULL, &error));
  g_assert_true (sl_demo_generate (county, 22, NULL, NULL, NULL, &error));
  first = sl_test_query_int (county, "SELECT min (id) FROM enterprise");
  code = sl_test_query_text (county, "SELECT credit_code FROM enterprise ORDER BY id LIMIT 1");

  /* The county knows a newer contact and next year's figures. */
  e = sl_enterprise_load (county, first, NULL);
  g_free (e->contact);
  e->contact = g_strdup ("县里的联系人");
  g_assert_true (sl_enterprise_update (county, e, &error));
  sl_figures_init (&f, first, 2026);
  f.revenue = 12345678;
  g_assert_true (sl_figures_save (county, &f, &error));
  g_assert_true (sl_enterprise_add_honour (county, first, "tech_sme", 2026, &error));
  g_assert_no_error (error);
  g_clear_object (&county);

  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  report = sl_merge_plan_report (plan);
  g_assert_true (g_str_has_prefix (report, "2 enterprises to add, 1 to complete, 1 conflicts, 0 skipped"));
  conflicts = sl_merge_plan_get_conflicts (plan);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((SlMergeConflict *) conflicts->pdata[0])->theirs, ==, "县里的联系人");
  g_assert_cmpstr (((SlMergeConflict *) conflicts->pdata[0])->field, ==, "联系人");

  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM enterprise e JOIN annual_figures f ON f.enterprise_id = e.id"
                         " WHERE e.credit_code = '%s' AND f.year = 2026 AND f.revenue = 12345678", code);
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM enterprise WHERE credit_code = '%s' AND contact = '县里的联系人'", code);
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 0);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM enterprise"), ==, 22);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM audit_log WHERE entity = 'merge'"), ==, 1);
  g_clear_pointer (&plan, sl_merge_plan_free);

  /* Merging again: the conflict remains, the rest is done; take theirs. */
  plan = sl_merge_plan_new (city, county_path, &error);
  g_clear_pointer (&report, g_free);
  report = sl_merge_plan_report (plan);
  g_assert_true (g_str_has_prefix (report, "0 enterprises to add, 0 to complete, 1 conflicts"));
  ((SlMergeConflict *) sl_merge_plan_get_conflicts (plan)->pdata[0])->take_theirs = TRUE;
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);

  /* Itself, or a file that is not a ledger: refused. */
  g_clear_pointer (&plan, sl_merge_plan_free);
  plan = sl_merge_plan_new (city, city_path, &error);
  g_assert_null (plan);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/merge/county-into-city", test_merge);
  return g_test_run ();
}
