/* test-pipeline.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-certification.h"
#include "sl-figures.h"
#include "sl-pipeline.h"
#include "sl-test-util.h"

static SlCertification *
cert (SlStore *store,
      gint64   id)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT enterprise_id FROM certification WHERE id = %" G_GINT64_FORMAT, id);
  gint64 enterprise = sl_test_query_int (store, sql);

  list = sl_certification_list (store, enterprise, NULL);
  for (guint i = 0; i < list->len; i++)
    if (((SlCertification *) list->pdata[i])->id == id)
      return g_ptr_array_steal_index (list, i);
  g_assert_not_reached ();
}

static void
test_moves (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_store_open (":memory:", &error);
  gint64 firm = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "甲公司", NULL);
  gint64 innovative, srdi;
  g_autoptr(SlCertification) c = NULL;
  gint64 audits;

  /* SRDI needs a valid innovative certification (2022 rules, Jiangsu). */
  g_assert_cmpint (sl_pipeline_record_application (store, firm, "srdi", NULL, "2023-03-01", &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Tier"));
  g_clear_error (&error);

  innovative = sl_pipeline_record_application (store, firm, "innovative", "2022年第一批", "2022-03-01", &error);
  g_assert_no_error (error);
  /* A second open application of the same tier is refused. */
  g_assert_cmpint (sl_pipeline_record_application (store, firm, "innovative", NULL, "2022-04-01", &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);
  /* A result dated before the application is refused. */
  g_assert_false (sl_pipeline_record_result (store, innovative, SL_RESULT_CERTIFIED, "2022-02-01", NULL, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_true (sl_pipeline_record_result (store, innovative, SL_RESULT_PUBLICISED, "2022-05-10", NULL, &error));
  g_assert_true (sl_pipeline_record_result (store, innovative, SL_RESULT_CERTIFIED, "2022-06-01", "苏工信中小〔2022〕496号", &error));
  g_assert_no_error (error);
  c = cert (store, innovative);
  g_assert_cmpstr (c->status, ==, "certified");
  g_assert_cmpstr (c->valid_until, ==, "2025-05-31");
  g_assert_cmpstr (c->doc_no, ==, "苏工信中小〔2022〕496号");
  g_clear_pointer (&c, sl_certification_free);

  /* A result twice: there is no open application any more. */
  g_assert_false (sl_pipeline_record_result (store, innovative, SL_RESULT_REJECTED, "2022-07-01", NULL, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Applying again for a tier held: re-review instead. */
  g_assert_cmpint (sl_pipeline_record_application (store, firm, "innovative", NULL, "2023-01-01", &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);

  srdi = sl_pipeline_record_application (store, firm, "srdi", NULL, "2023-03-01", &error);
  g_assert_no_error (error);
  g_assert_true (sl_pipeline_record_result (store, srdi, SL_RESULT_REJECTED, "2023-07-01", NULL, &error));
  c = cert (store, srdi);
  g_assert_cmpstr (c->status, ==, "rejected");
  g_clear_pointer (&c, sl_certification_free);

  /* Re-review: a pass extends by three years from the end. */
  g_assert_true (sl_pipeline_record_review (store, innovative, TRUE, "2025-05-20", &error));
  g_assert_no_error (error);
  c = cert (store, innovative);
  g_assert_cmpstr (c->valid_until, ==, "2028-05-31");
  g_clear_pointer (&c, sl_certification_free);
  /* A fail ends it on the day. */
  g_assert_true (sl_pipeline_record_review (store, innovative, FALSE, "2026-03-01", &error));
  c = cert (store, innovative);
  g_assert_cmpstr (c->status, ==, "expired");
  g_assert_cmpstr (c->valid_until, ==, "2026-03-01");
  g_clear_pointer (&c, sl_certification_free);
  /* Ended: no more re-review, no more revoking. */
  audits = sl_test_query_int (store, "SELECT count(*) FROM audit_log");
  g_assert_false (sl_pipeline_record_review (store, innovative, TRUE, "2026-04-01", &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (sl_pipeline_mark_ended (store, innovative, TRUE, "2026-04-01", &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), ==, audits);
}

static void
test_revoke_and_overlap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_store_open (":memory:", &error);
  gint64 firm = sl_test_add_enterprise (store, "91320706704042460D", "乙公司", NULL);
  gint64 a = sl_pipeline_record_application (store, firm, "innovative", NULL, "2024-01-10", &error);
  g_autoptr(SlCertification) c = NULL;

  g_assert_true (sl_pipeline_record_result (store, a, SL_RESULT_CERTIFIED, "2024-03-01", NULL, &error));
  g_assert_false (sl_pipeline_mark_ended (store, a, TRUE, "2024-02-01", &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_true (sl_pipeline_mark_ended (store, a, TRUE, "2025-06-30", &error));
  c = cert (store, a);
  g_assert_cmpstr (c->status, ==, "revoked");
  g_assert_cmpstr (c->valid_until, ==, "2025-06-30");
  g_assert_true (sl_certification_is_held_on (c, "2025-06-30"));
  g_assert_false (sl_certification_is_held_on (c, "2025-07-01"));
  g_assert_false (sl_pipeline_record_result (store, a, SL_RESULT_CERTIFIED, "2025-07-01", NULL, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (sl_pipeline_record_application (store, firm, "giant", NULL, "2025-01-01", &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
}

static SlThresholdCheck *
check_of (GPtrArray  *checks,
          const char *key)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (((SlThresholdCheck *) checks->pdata[i])->key, key))
      return checks->pdata[i];
  g_assert_not_reached ();
}

static void
test_thresholds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_store_open (":memory:", &error);
  g_autoptr(SlEnterprise) e = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) none = NULL;
  gint64 firm = sl_test_add_enterprise (store, "91320700MA1MABCD6L", "丙公司", NULL);
  SlFigures f;

  e = sl_enterprise_load (store, firm, NULL);
  e->niche_since = 2024;    /* 2 years by 2026: the boundary */
  g_assert_true (sl_enterprise_update (store, e, &error));

  /* Exactly at every bound: 100 万 R&D, 3 % of 1000 万 revenue. */
  sl_figures_init (&f, firm, 2025);
  f.revenue = 10000000;
  f.rd_expense = 300000;
  g_assert_true (sl_figures_save (store, &f, &error));
  checks = sl_pipeline_check_thresholds (store, firm, "srdi", "2022-63", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 4);
  g_assert_cmpint (check_of (checks, "niche_years")->met, ==, 1);
  g_assert_cmpint (check_of (checks, "revenue")->met, ==, 1);
  g_assert_cmpint (check_of (checks, "rd_intensity")->met, ==, 1);
  g_assert_cmpfloat_with_epsilon (check_of (checks, "rd_intensity")->value, 3.0, 1e-9);
  g_assert_cmpint (check_of (checks, "rd_expense")->met, ==, 0);   /* 30 万 < 100 万 */
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* Just under: 2.99 %. */
  f.rd_expense = 1196000;
  f.revenue = 40000000;
  g_assert_true (sl_figures_save (store, &f, &error));
  checks = sl_pipeline_check_thresholds (store, firm, "srdi", "2022-63", &error);
  g_assert_cmpint (check_of (checks, "rd_intensity")->met, ==, 0);
  g_assert_cmpint (check_of (checks, "rd_expense")->met, ==, 1);
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* Under the 2026 rules: 1500 万 revenue, debt ratio unknown without assets. */
  checks = sl_pipeline_check_thresholds (store, firm, "srdi", "2026-2", &error);
  g_assert_cmpint (check_of (checks, "niche_years")->met, ==, 0);
  g_assert_cmpint (check_of (checks, "debt_ratio")->met, ==, -1);
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* An upper bound: a debt ratio of 75 % meets "at most 80 %". */
  f.total_assets = 10000000;
  f.total_liabilities = 7500000;
  g_assert_true (sl_figures_save (store, &f, &error));
  checks = sl_pipeline_check_thresholds (store, firm, "srdi", "2026-2", &error);
  g_assert_true (isnan (check_of (checks, "debt_ratio")->at_least));
  g_assert_cmpfloat (check_of (checks, "debt_ratio")->at_most, ==, 80.0);
  g_assert_cmpint (check_of (checks, "debt_ratio")->met, ==, 1);
  g_clear_pointer (&checks, g_ptr_array_unref);
  f.total_liabilities = 8100000;
  g_assert_true (sl_figures_save (store, &f, &error));
  checks = sl_pipeline_check_thresholds (store, firm, "srdi", "2026-2", &error);
  g_assert_cmpint (check_of (checks, "debt_ratio")->met, ==, 0);
  none = sl_pipeline_check_thresholds (store, firm, "innovative", "2022-63", &error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_next_tier (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_store_open (":memory:", &error);
  gint64 firm = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "甲公司", NULL);
  g_autofree char *first = NULL;
  g_autofree char *after = NULL;
  g_autofree char *lapsed = NULL;
  gint64 innovative;

  /* Holding nothing, a firm starts at the bottom: the pool. */
  first = sl_pipeline_next_tier (store, firm, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "pool");

  innovative = sl_pipeline_record_application (store, firm, "innovative", NULL, "2026-03-01", &error);
  g_assert_true (sl_pipeline_record_result (store, innovative, SL_RESULT_CERTIFIED, "2026-06-01", NULL, &error));
  g_assert_no_error (error);
  after = sl_pipeline_next_tier (store, firm, &error);
  g_assert_cmpstr (after, ==, "srdi");

  /* Revoked, the firm holds nothing again. */
  g_assert_true (sl_pipeline_mark_ended (store, innovative, TRUE, "2026-09-01", &error));
  g_assert_no_error (error);
  lapsed = sl_pipeline_next_tier (store, firm, &error);
  g_assert_cmpstr (lapsed, ==, "pool");

  g_assert_null (sl_pipeline_next_tier (store, 987654, &error));
  g_assert_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pipeline/moves", test_moves);
  g_test_add_func ("/pipeline/revoke-and-overlap", test_revoke_and_overlap);
  g_test_add_func ("/pipeline/thresholds", test_thresholds);
  g_test_add_func ("/pipeline/next-tier", test_next_tier);

  return g_test_run ();
}
