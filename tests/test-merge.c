/* test-merge.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-certification.h"
#include "sl-demo.h"
#include "sl-figures.h"
#include "sl-merge.h"
#include "sl-target.h"
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
  g_autofree char *code_added = NULL;
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
  /* A firm the city lacks comes with its certifications' events. */
  sl_test_exec (county, "INSERT INTO certification_event (certification_id, kind, on_date)"
                        " SELECT max (id), 'publicised', '2026-06-30' FROM certification"
                        " WHERE enterprise_id = (SELECT max (id) FROM enterprise)");
  g_assert_cmpint (sl_test_query_int (county, "SELECT count(*) FROM certification_event"), ==, 1);
  g_free (code_added);
  code_added = sl_test_query_text (county, "SELECT credit_code FROM enterprise ORDER BY id DESC LIMIT 1");
  g_clear_object (&county);

  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  report = sl_merge_plan_report (plan);
  g_assert_true (g_str_has_prefix (report, "2 enterprises to add, 1 to complete, 1 conflicts, 0 skipped"));
  conflicts = sl_merge_plan_get_conflicts (plan);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((SlMergeConflict *) conflicts->pdata[0])->theirs, ==, "县里的联系人");
  g_assert_cmpstr (((SlMergeConflict *) conflicts->pdata[0])->field, ==, "联系人");

  /* Checked first, as the dialog checks it at each choice: a trial
   * changes nothing of what the merge then writes. */
  g_assert_true (sl_merge_plan_check (plan, &error));
  /* The clerk tries theirs, then goes back to this ledger's. */
  ((SlMergeConflict *) conflicts->pdata[0])->take_theirs = TRUE;
  g_assert_true (sl_merge_plan_check (plan, &error));
  ((SlMergeConflict *) conflicts->pdata[0])->take_theirs = FALSE;
  g_assert_true (sl_merge_plan_check (plan, &error));
  g_assert_no_error (error);
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
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM certification_event v JOIN certification c ON c.id = v.certification_id"
                         " JOIN enterprise e ON e.id = c.enterprise_id"
                         " WHERE e.credit_code = '%s' AND v.kind = 'publicised' AND v.on_date = '2026-06-30'", code_added);
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM enterprise WHERE credit_code = '%s' AND contact = '县里的联系人'", code);
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

/* The county's typed figures of its own jurisdictions come with it where
 * the city has none; a different value of the city's stays, and one typed
 * for the county ledger as a whole stays behind, both said. A new firm's
 * moves come too, so the city's past months count it where it was. */
static void
test_merge_typed_and_moves (void)
{
  g_autofree char *city_path = sl_test_temp_path ("city.db");
  g_autofree char *county_path = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) city = sl_ledger_open (city_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) county = sl_ledger_open (county_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlMergePlan) plan = NULL;
  g_autoptr(SlEnterprise) moved = NULL;
  g_autofree char *report = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sql = NULL;
  gint64 donghai, guannan;

  g_assert_true (sl_demo_generate (county, 5, NULL, NULL, NULL, &error));
  donghai = sl_jurisdiction_find (county, "东海县");
  guannan = sl_jurisdiction_find (county, "灌南县");
  g_assert_true (sl_typed_figure_set (county, "cluster_count", donghai, 2026, 3, &error));
  g_assert_true (sl_typed_figure_set (county, "cluster_count", guannan, 2026, 1, &error));
  g_assert_true (sl_typed_figure_set (county, "cluster_count", 0, 2026, 9, &error));
  g_assert_true (sl_typed_figure_set (city, "cluster_count", guannan, 2026, 2, &error));
  g_assert_no_error (error);
  moved = sl_enterprise_load (county, sl_test_query_int (county, "SELECT min (id) FROM enterprise"), NULL);
  code = g_strdup (moved->credit_code);
  moved->jurisdiction_id = moved->jurisdiction_id == donghai ? guannan : donghai;
  g_setenv ("SL_TODAY", "2026-11-12", TRUE);
  g_assert_true (sl_enterprise_update (county, moved, &error));
  g_unsetenv ("SL_TODAY");
  g_clear_object (&county);

  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  report = sl_merge_plan_report (plan);
  g_assert_nonnull (strstr (report, "\n1 typed figure of the jurisdictions to add\n"));
  g_assert_nonnull (strstr (report, "Skipped: Typed figure cluster_count of 2026: typed for the other ledger as a whole"));
  g_assert_nonnull (strstr (report, "Skipped: Typed figure cluster_count of 2026, 灌南县: this ledger has 2, the other 1; this ledger’s stays"));
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (city, "SELECT value FROM typed_figure WHERE figure_key = 'cluster_count' AND year = 2026"
                                            " AND jurisdiction_id = (SELECT id FROM jurisdiction WHERE name = '东海县')"), ==, 3);
  g_assert_cmpint (sl_test_query_int (city, "SELECT value FROM typed_figure WHERE figure_key = 'cluster_count' AND year = 2026"
                                            " AND jurisdiction_id = (SELECT id FROM jurisdiction WHERE name = '灌南县')"), ==, 2);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM typed_figure WHERE jurisdiction_id IS NULL"), ==, 0);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM audit_log WHERE entity = 'typed_figure' AND action = 'create'"), ==, 2);
  sql = g_strdup_printf ("SELECT count(*) FROM jurisdiction_move m JOIN enterprise e ON e.id = m.enterprise_id"
                         " WHERE e.credit_code = '%s' AND m.moved_on = '2026-11-12' AND m.to_id = e.jurisdiction_id", code);
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);
}

/* The firm of the merge tests that both ledgers (or the county alone) hold. */
static gint64
add_firm (SlStore    *store,
          const char *name)
{
  g_autoptr(SlEnterprise) e = sl_enterprise_new ();
  g_autoptr(GError) error = NULL;

  e->credit_code = g_strdup ("91320722MA20KD3R5T");
  e->name = g_strdup (name);
  e->jurisdiction_id = sl_test_query_int (store, "SELECT min (id) FROM jurisdiction WHERE retired = 0");
  g_assert_true (sl_enterprise_insert (store, e, &error));
  g_assert_no_error (error);
  return e->id;
}

/* Its 创新型 certification, held from @from; returns the record's id. */
static gint64
add_innovative (SlStore    *store,
                gint64      firm,
                const char *status,
                const char *from,
                const char *until)
{
  g_autoptr(SlCertification) c = sl_certification_new ();
  g_autoptr(GError) error = NULL;

  c->enterprise_id = firm;
  c->tier_key = g_strdup ("innovative");
  c->status = g_strdup (status);
  c->rule_version = g_strdup ("2022-63");
  c->valid_from = g_strdup (from);
  c->valid_until = g_strdup (until);
  g_assert_true (sl_certification_save (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

/* The county's certification of a firm meets the city's of the same
 * tier: a conflict, the city's kept unless the county's is taken, which
 * then replaces it with its events. The check writes nothing. */
static void
test_merge_check (void)
{
  g_autofree char *city_path = sl_test_temp_path ("city.db");
  g_autofree char *county_path = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) city = sl_ledger_open (city_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) county = sl_ledger_open (county_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlMergePlan) plan = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *sql_once = NULL;
  SlMergeConflict *conflict;
  GPtrArray *conflicts;
  gint64 firms, audits, city_id, ours;

  g_assert_true (sl_demo_generate (county, 8, NULL, NULL, NULL, &error));
  /* One firm in both ledgers, by credit code. */
  city_id = add_firm (city, "两边都有的公司");
  ours = add_innovative (city, city_id, "certified", "2024-01-10", NULL);
  add_innovative (county, add_firm (county, "两边都有的公司"), "certified", "2024-06-01", NULL);
  sl_test_exec (county, "INSERT INTO certification_event (certification_id, kind, on_date)"
                        " SELECT id, 'publicised', '2024-05-20' FROM certification WHERE valid_from = '2024-06-01'");
  g_clear_object (&county);

  firms = sl_store_count_enterprises (city);
  audits = sl_test_query_int (city, "SELECT count(*) FROM audit_log");
  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  /* The county's 创新型 meets the city's: one conflict, the city's kept
   * unless the clerk takes the county's; the merge runs either way. */
  conflicts = sl_merge_plan_get_conflicts (plan);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->field, ==, "Certification: Innovative SME");
  g_assert_cmpstr (conflict->ours, ==, "2024-01-10 – 2027-01-09");
  g_assert_cmpstr (conflict->theirs, ==, "2024-06-01 – 2027-05-31");
  g_assert_true (sl_merge_plan_check (plan, &error));
  g_assert_no_error (error);
  /* Nothing of the trial stayed. */
  g_assert_cmpint (sl_store_count_enterprises (city), ==, firms);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM audit_log"), ==, audits);

  /* Taken: theirs in place of ours, with its event; one 创新型, audited. */
  conflict->take_theirs = TRUE;
  g_assert_true (sl_merge_plan_check (plan, &error));
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_count_enterprises (city), ==, firms + 8);
  sql = g_strdup_printf ("SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT
                         " AND tier_key = 'innovative'", city_id);
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM certification c JOIN certification_event v ON v.certification_id = c.id"
                         " WHERE c.id = %" G_GINT64_FORMAT " AND c.valid_from = '2024-06-01'"
                         " AND v.kind = 'publicised' AND v.on_date = '2024-05-20'", ours);
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);
  sql_once = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'certification' AND entity_id = %" G_GINT64_FORMAT
                              " AND action = 'update'", ours);
  g_assert_cmpint (sl_test_query_int (city, sql_once), ==, 1);

  /* Merged again: the same days now, no conflict (nor the same figures
   * under other ids: the county numbers its firms its own way), the event
   * not twice. */
  g_assert_cmpint (sl_test_query_int (city, "SELECT min (id) FROM enterprise WHERE credit_code <> '91320722MA20KD3R5T'"), >, 1);
  g_clear_pointer (&plan, sl_merge_plan_free);
  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_merge_plan_get_conflicts (plan)->len, ==, 0);
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_cmpint (sl_test_query_int (city, sql), ==, 1);
}

/* Kept: a merge that keeps this ledger's certification writes nothing of
 * theirs; one that takes theirs where it meets a second of ours is
 * refused by the check, before the merge, naming the firm and the days. */
static void
test_merge_cert_kept_or_refused (void)
{
  g_autofree char *city_path = sl_test_temp_path ("city.db");
  g_autofree char *county_path = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) city = sl_ledger_open (city_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) county = sl_ledger_open (county_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlMergePlan) plan = NULL;
  SlMergeConflict *conflict;
  gint64 audits, city_id;

  city_id = add_firm (city, "两边都有的公司");
  add_innovative (city, city_id, "expired", "2020-01-10", "2023-01-09");
  add_innovative (city, city_id, "certified", "2023-01-10", NULL);
  /* The county's spans both of the city's. */
  add_innovative (county, add_firm (county, "两边都有的公司"), "certified", "2022-06-01", NULL);
  g_clear_object (&county);

  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_merge_plan_get_conflicts (plan)->len, ==, 1);
  conflict = sl_merge_plan_get_conflicts (plan)->pdata[0];
  g_assert_cmpstr (conflict->ours, ==, "2020-01-10 – 2023-01-09");
  audits = sl_test_query_int (city, "SELECT count(*) FROM audit_log");

  conflict->take_theirs = TRUE;
  g_assert_false (sl_merge_plan_check (plan, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "两边都有的公司"));
  g_assert_nonnull (strstr (error->message, "cannot overlap"));
  /* The days held, as days: no stand-in for an open end. */
  g_assert_nonnull (strstr (error->message, "from 2023-01-10 to 2026-01-09"));
  g_assert_null (strstr (error->message, "9999"));
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM audit_log"), ==, audits);
  /* And the merge says the same, writing nothing. */
  g_assert_false (sl_merge_apply (plan, &error));
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM audit_log"), ==, audits);

  conflict->take_theirs = FALSE;
  g_assert_true (sl_merge_plan_check (plan, &error));
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM certification WHERE valid_from = '2022-06-01'"), ==, 0);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM certification"), ==, 2);
}

/* The dialog checks the merge at each choice before it merges: what the
 * trials wrote is rolled back, and the merge then writes the other
 * ledger's certification with its own events, not a trial's. */
static void
test_merge_after_checks (void)
{
  g_autofree char *city_path = sl_test_temp_path ("city.db");
  g_autofree char *county_path = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) city = sl_ledger_open (city_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) county = sl_ledger_open (county_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlMergePlan) plan = NULL;

  g_assert_true (sl_demo_generate (city, 20, NULL, NULL, NULL, &error));
  add_innovative (county, add_firm (county, "只在县里的公司"), "certified", "2024-06-01", NULL);
  sl_test_exec (county, "INSERT INTO certification_event (certification_id, kind, on_date)"
                        " SELECT id, 'publicised', '2024-05-10' FROM certification WHERE tier_key = 'innovative'");
  /* The ids differ between the ledgers, as they do between real ones. */
  g_assert_cmpint (sl_test_query_int (county, "SELECT max (id) FROM certification"), <,
                   sl_test_query_int (city, "SELECT max (id) FROM certification"));
  g_clear_object (&county);

  plan = sl_merge_plan_new (city, county_path, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (sl_merge_plan_check (plan, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sl_merge_apply (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM certification_event v"
                                            " JOIN certification c ON c.id = v.certification_id"
                                            " JOIN enterprise e ON e.id = c.enterprise_id"
                                            " WHERE e.credit_code = '91320722MA20KD3R5T'"
                                            "   AND v.kind = 'publicised' AND v.on_date = '2024-05-10'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (city, "SELECT count(*) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
                                            " WHERE e.credit_code = '91320722MA20KD3R5T' AND c.valid_from = '2024-06-01'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/merge/county-into-city", test_merge);
  g_test_add_func ("/merge/check", test_merge_check);
  g_test_add_func ("/merge/after-checks", test_merge_after_checks);
  g_test_add_func ("/merge/cert-kept-or-refused", test_merge_cert_kept_or_refused);
  g_test_add_func ("/merge/typed-and-moves", test_merge_typed_and_moves);
  return g_test_run ();
}
