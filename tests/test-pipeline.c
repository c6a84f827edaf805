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
#include "sl-pipeline-board.h"
#include "sl-roster.h"
#include "sl-target.h"
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
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
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

/* Each move undone: the certification as it was, its events gone, the
 * firm's highest tier again, an audit row; one changed since is refused. */
static void
test_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 firm = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "甲公司", NULL);
  g_autoptr(SlCertification) c = NULL;
  SlPipelineMark mark, other;
  gint64 innovative, certs, before_tier;
  g_autofree char *top_tier = g_strdup_printf ("SELECT ifnull (top_tier, 0) FROM enterprise WHERE id = %" G_GINT64_FORMAT, firm);

  /* The highest tier held today is kept by the writes: a day it is held. */
  g_setenv ("SL_TODAY", "2023-01-01", TRUE);
  before_tier = sl_test_query_int (store, top_tier);
  /* An application undone: the record is gone. */
  certs = sl_test_query_int (store, "SELECT count(*) FROM certification");
  sl_pipeline_mark (store, &mark);
  innovative = sl_pipeline_record_application (store, firm, "innovative", NULL, "2022-03-01", &error);
  g_assert_no_error (error);
  g_assert_true (sl_pipeline_undo (store, &mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification"), ==, certs);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'certification' AND action = 'undo'"
                                             " AND before IS NOT NULL AND after IS NULL"), ==, 1);

  /* A publication undone: applying again, its event gone. */
  innovative = sl_pipeline_record_application (store, firm, "innovative", NULL, "2022-03-01", &error);
  sl_pipeline_mark (store, &mark);
  g_assert_true (sl_pipeline_record_result (store, innovative, SL_RESULT_PUBLICISED, "2022-05-10", NULL, &error));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification_event"), ==, 1);
  g_assert_true (sl_pipeline_undo (store, &mark, &error));
  c = cert (store, innovative);
  g_assert_cmpstr (c->status, ==, "applying");
  g_clear_pointer (&c, sl_certification_free);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification_event"), ==, 0);

  /* A certification undone: the firm's highest tier is the pool's again. */
  sl_pipeline_mark (store, &mark);
  g_assert_true (sl_pipeline_record_result (store, innovative, SL_RESULT_CERTIFIED, "2022-06-01", "苏工信〔2022〕1号", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (store, top_tier), >, before_tier);
  g_assert_true (sl_pipeline_undo (store, &mark, &error));
  g_assert_cmpint (sl_test_query_int (store, top_tier), ==, before_tier);
  c = cert (store, innovative);
  g_assert_cmpstr (c->status, ==, "applying");
  g_assert_null (c->doc_no);
  g_assert_null (c->valid_until);
  g_clear_pointer (&c, sl_certification_free);

  /* A re-review undone: the end it had, and the event with it. */
  g_assert_true (sl_pipeline_record_result (store, innovative, SL_RESULT_CERTIFIED, "2022-06-01", NULL, &error));
  sl_pipeline_mark (store, &mark);
  g_assert_true (sl_pipeline_record_review (store, innovative, TRUE, "2025-05-20", &error));
  c = cert (store, innovative);
  g_assert_cmpstr (c->valid_until, ==, "2028-05-31");
  g_clear_pointer (&c, sl_certification_free);
  g_assert_true (sl_pipeline_undo (store, &mark, &error));
  g_assert_no_error (error);
  c = cert (store, innovative);
  g_assert_cmpstr (c->valid_until, ==, "2025-05-31");
  g_assert_cmpstr (c->status, ==, "certified");
  g_clear_pointer (&c, sl_certification_free);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification_event WHERE kind = 'review_passed'"), ==, 0);

  /* Changed again since the move: refused, nothing written. */
  sl_pipeline_mark (store, &mark);
  g_assert_true (sl_pipeline_record_review (store, innovative, TRUE, "2025-05-20", &error));
  sl_pipeline_mark (store, &other);
  g_assert_true (sl_pipeline_record_review (store, innovative, FALSE, "2026-03-01", &error));
  g_assert_false (sl_pipeline_undo (store, &mark, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_clear_error (&error);
  c = cert (store, innovative);
  g_assert_cmpstr (c->status, ==, "expired");
  g_clear_pointer (&c, sl_certification_free);
  /* The last one can. */
  g_assert_true (sl_pipeline_undo (store, &other, &error));
  c = cert (store, innovative);
  g_assert_cmpstr (c->status, ==, "certified");
  g_assert_cmpstr (c->valid_until, ==, "2028-05-31");
  g_unsetenv ("SL_TODAY");
}

static void
test_revoke_and_overlap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
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
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
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
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
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

static gint64
certify (SlStore    *store,
         gint64      firm,
         const char *tier,
         const char *applied,
         const char *certified)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sl_pipeline_record_application (store, firm, tier, NULL, applied, &error);

  g_assert_no_error (error);
  g_assert_true (sl_pipeline_record_result (store, id, SL_RESULT_CERTIFIED, certified, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
set_figures (SlStore *store,
             gint64   firm,
             int      niche_since,
             gint64   revenue,
             gint64   main_revenue,
             gint64   rd_expense,
             gint64   liabilities)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlEnterprise) e = sl_enterprise_load (store, firm, NULL);
  SlFigures f;

  e->niche_since = niche_since;
  g_assert_true (sl_enterprise_update (store, e, &error));
  sl_figures_init (&f, firm, 2025);
  f.revenue = revenue;
  f.main_revenue = main_revenue;
  f.rd_expense = rd_expense;
  f.total_assets = 10000000;
  f.total_liabilities = liabilities;
  g_assert_true (sl_figures_save (store, &f, &error));
  g_assert_no_error (error);
}

static GArray *
column_ids (SlStore    *store,
            const char *tier,
            gboolean    meets_next)
{
  SlRosterQuery q = { .top_tier_key = tier, .meets_next = meets_next };
  g_autoptr(GError) error = NULL;
  GArray *ids = sl_roster_query (store, &q, &error);

  g_assert_no_error (error);
  return ids;
}

static SlTierColumn *
column_of (GPtrArray  *columns,
           const char *key)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (((SlTierColumn *) columns->pdata[i])->key, key))
      return columns->pdata[i];
  g_assert_not_reached ();
}

/* The pipeline page's columns: who is where, the counts, what a move on a
 * card acts on, and the "meets the next tier's thresholds" filter at the
 * 2026 rules' bounds (in force on the fixed today). */
static void
test_board (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 a = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "甲公司", NULL);
  gint64 b = sl_test_add_enterprise (store, "91320700MA1MABCD6L", "乙公司", NULL);
  gint64 c = sl_test_add_enterprise (store, "91320706704042460D", "丙公司", "东海县");
  gint64 innovative_a, srdi_b;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(SlRosterRow) row = NULL;
  g_autoptr(SlCertification) open = NULL;
  g_autoptr(SlCertification) held = NULL;
  g_autoptr(SlCertification) none = NULL;
  g_autofree char *rules = sl_pipeline_rule_version_on (store, "2026-11-25");
  gint64 donghai = sl_jurisdiction_find (store, "东海县");

  g_assert_cmpstr (rules, ==, "2026-2");
  innovative_a = certify (store, a, "innovative", "2026-03-01", "2026-06-01");
  certify (store, b, "innovative", "2026-03-01", "2026-06-01");
  certify (store, c, "innovative", "2026-03-01", "2026-06-01");
  srdi_b = sl_pipeline_record_application (store, b, "srdi", "2026年第二批", "2026-10-01", &error);
  g_assert_no_error (error);

  /* Exactly at each bound: 3 years in the niche, 1500 万 revenue, 100 万
   * R&D, 80 % main business, 80 % debt. */
  set_figures (store, a, 2023, 15000000, 12000000, 1000000, 8000000);
  /* 3 % R&D intensity but only 45 万 of R&D. */
  set_figures (store, b, 2023, 15000000, 12000000, 450000, 8000000);

  ids = column_ids (store, "innovative", FALSE);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);
  ids = column_ids (store, "innovative", TRUE);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  g_clear_pointer (&ids, g_array_unref);

  /* 79.9 % of revenue from the main business misses "at least 80 %". */
  set_figures (store, a, 2023, 15000000, 11990000, 1000000, 8000000);
  ids = column_ids (store, "innovative", TRUE);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  /* So does 80.1 % debt against "at most 80 %", and a niche of 2 years. */
  set_figures (store, a, 2023, 15000000, 12000000, 1000000, 8010000);
  ids = column_ids (store, "innovative", TRUE);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  set_figures (store, a, 2024, 15000000, 12000000, 1000000, 8000000);
  ids = column_ids (store, "innovative", TRUE);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* The card's dates and the pending application. */
  row = sl_roster_row_load (store, a);
  g_assert_cmpstr (row->tier_key, ==, "innovative");
  g_assert_cmpstr (row->tier_since, ==, "2026-06-01");
  g_assert_cmpstr (row->tier_until, ==, "2029-05-31");
  g_assert_null (row->pending_tier);
  g_clear_pointer (&row, sl_roster_row_free);
  row = sl_roster_row_load (store, b);
  g_assert_cmpstr (row->pending_tier, ==, "srdi");
  g_assert_cmpstr (row->pending_status, ==, "applying");
  g_assert_cmpstr (row->pending_on, ==, "2026-10-01");

  /* What a move on a card acts on. */
  open = sl_pipeline_find_open (store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (open->id, ==, srdi_b);
  held = sl_pipeline_find_held (store, a, &error);
  g_assert_cmpint (held->id, ==, innovative_a);
  none = sl_pipeline_find_open (store, a, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Counts: the highest tier against the tiers held, with the targets. */
  columns = sl_pipeline_board_columns (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SlTierColumn *) columns->pdata[0])->key, ==, "pool");
  g_assert_cmpint (column_of (columns, "innovative")->highest, ==, 3);
  g_assert_cmpint (column_of (columns, "innovative")->held, ==, 3);
  g_assert_cmpfloat (column_of (columns, "innovative")->target, ==, 1000.0);
  g_assert_cmpfloat (column_of (columns, "srdi")->target, ==, 200.0);
  g_assert_true (isnan (column_of (columns, "pool")->target));
  g_clear_pointer (&columns, g_ptr_array_unref);

  g_assert_true (sl_pipeline_record_result (store, srdi_b, SL_RESULT_CERTIFIED, "2026-11-01", "苏工信中小〔2026〕1号", &error));
  g_assert_no_error (error);
  columns = sl_pipeline_board_columns (store, 0, 0, &error);
  g_assert_cmpint (column_of (columns, "innovative")->highest, ==, 2);
  g_assert_cmpint (column_of (columns, "innovative")->held, ==, 3);
  g_assert_cmpint (column_of (columns, "srdi")->highest, ==, 1);
  g_assert_cmpint (column_of (columns, "srdi")->held, ==, 1);
  g_clear_pointer (&columns, g_ptr_array_unref);
  ids = column_ids (store, "srdi", FALSE);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b);
  g_clear_pointer (&ids, g_array_unref);

  /* A firm in the trash counts nowhere. */
  g_assert_true (sl_enterprise_trash (store, c, &error));
  columns = sl_pipeline_board_columns (store, 0, 0, &error);
  g_assert_cmpint (column_of (columns, "innovative")->held, ==, 2);
  g_assert_cmpint (column_of (columns, "innovative")->highest, ==, 1);
  g_clear_pointer (&columns, g_ptr_array_unref);
  g_assert_true (sl_enterprise_restore (store, c, &error));

  /* A county: its own firms, and no target until it sets its share. */
  columns = sl_pipeline_board_columns (store, donghai, 0, &error);
  g_assert_cmpint (column_of (columns, "innovative")->highest, ==, 1);
  g_assert_cmpint (column_of (columns, "srdi")->held, ==, 0);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
      " WHERE e.deleted_at IS NULL AND e.jurisdiction_id = %" G_GINT64_FORMAT " AND c.tier_key = 'innovative'"
      " AND c.status IN ('certified', 'under_review', 'expired', 'revoked')"
      " AND c.valid_from <= '2026-11-25' AND ifnull (c.valid_until, '9999-12-31') >= '2026-11-25'", donghai);

    g_assert_cmpint (sl_test_query_int (store, sql), >, 0);
    g_assert_cmpint (column_of (columns, "innovative")->held, ==, sl_test_query_int (store, sql));
  }
  g_assert_true (isnan (column_of (columns, "innovative")->target));
  g_clear_pointer (&columns, g_ptr_array_unref);
  g_assert_true (sl_target_set (store, "innovative_count", donghai, 2026, 120, &error));
  columns = sl_pipeline_board_columns (store, donghai, 0, &error);
  g_assert_cmpfloat (column_of (columns, "innovative")->target, ==, 120.0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pipeline/moves", test_moves);
  g_test_add_func ("/pipeline/undo", test_undo);
  g_test_add_func ("/pipeline/revoke-and-overlap", test_revoke_and_overlap);
  g_test_add_func ("/pipeline/thresholds", test_thresholds);
  g_test_add_func ("/pipeline/next-tier", test_next_tier);
  g_test_add_func ("/pipeline/board", test_board);

  return g_test_run ();
}
