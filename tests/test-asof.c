/* test-asof.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-pipeline.h"
#include "sl-summary.h"
#include "sl-target.h"
#include "sl-test-util.h"

typedef struct
{
  SlStore *store;
  gint64   e1, e2, e3, e4, e5, e6, e7;
} Fixture;

static void
add_cert (SlStore    *store,
          gint64      enterprise,
          const char *tier,
          const char *status,
          const char *from,
          const char *until)
{
  g_autoptr(SlCertification) c = sl_certification_new ();
  g_autoptr(GError) error = NULL;

  c->enterprise_id = enterprise;
  c->tier_key = g_strdup (tier);
  c->status = g_strdup (status);
  c->rule_version = g_strdup ("2022-63");
  c->applied_on = g_strdup (g_str_equal (status, "applying") ? "2025-09-01" : NULL);
  c->valid_from = g_strdup (from);
  c->valid_until = g_strdup (until);
  g_assert_true (sl_certification_save (store, c, &error));
  g_assert_no_error (error);
}

static void
add_figures (SlStore *store,
             gint64   enterprise,
             int      year,
             gint64   revenue_wan,
             gint64   rd_wan,
             gint64   patents,
             int      digital)
{
  SlFigures f;
  g_autoptr(GError) error = NULL;

  sl_figures_init (&f, enterprise, year);
  f.revenue = revenue_wan * 10000;
  f.main_revenue = revenue_wan * 9000;
  f.rd_expense = rd_wan * 10000;
  f.patents_valid = patents;
  f.digital_mgmt = digital;
  g_assert_true (sl_figures_save (store, &f, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fx->e1 = sl_test_add_enterprise (fx->store, "91320722MA20KD3R5T", "东海一号公司", "东海县");
  fx->e2 = sl_test_add_enterprise (fx->store, "91320700MA1MABCD6L", "东海二号公司", "东海县");
  fx->e3 = sl_test_add_enterprise (fx->store, "91320706704042460D", "海州三号公司", "海州区");
  fx->e4 = sl_test_add_enterprise (fx->store, "91320700MA1MBGC09C", "海州四号公司", "海州区");
  fx->e5 = sl_test_add_enterprise (fx->store, "91110108MA01MNU448", "海州五号公司", "海州区");
  fx->e6 = sl_test_add_enterprise (fx->store, "91110108MA01R70K8D", "海州六号公司", "海州区");
  fx->e7 = sl_test_add_enterprise (fx->store, "914403001922038216", "海州七号公司", "海州区");

  /* Expired the day before the end of November 2025. */
  add_cert (fx->store, fx->e1, "srdi", "expired", "2022-11-30", "2025-11-29");
  /* Certified on the last day of November 2025. */
  add_cert (fx->store, fx->e2, "srdi", "certified", "2025-11-30", NULL);
  /* Innovative since 2024, extended by a re-review to 2030. */
  add_cert (fx->store, fx->e3, "innovative", "certified", "2024-05-10", "2030-05-09");
  /* In the pool with no end. */
  add_cert (fx->store, fx->e4, "pool", "certified", "2020-01-01", NULL);
  /* Revoked at the end of June 2025. */
  add_cert (fx->store, fx->e5, "srdi", "revoked", "2023-01-01", "2025-06-30");
  /* Still applying: never counts. */
  add_cert (fx->store, fx->e6, "srdi", "applying", NULL, NULL);
  /* Certified, lapsed, certified again: the second is not new. */
  add_cert (fx->store, fx->e7, "srdi", "expired", "2019-01-01", "2021-12-31");
  add_cert (fx->store, fx->e7, "srdi", "certified", "2024-03-01", NULL);

  add_figures (fx->store, fx->e2, 2024, 1000, 50, 4, 1);
  add_figures (fx->store, fx->e7, 2024, 3000, 60, 8, 0);
  add_figures (fx->store, fx->e7, 2025, 9999, 9999, 99, 1);   /* the year of the bulletin: not used */
  add_figures (fx->store, fx->e1, 2024, 5000, 500, 20, 1);    /* not held at the end of November */
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
}

static JsonObject *
summary (Fixture    *fx,
         const char *period,
         const char *scope,
         JsonNode  **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = sl_summary_compute (fx->store, period, scope, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*keep);
  return json_node_get_object (*keep);
}

static gint64
total (JsonObject *s,
       const char *tier,
       const char *what)
{
  return json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (s, "totals"), tier), what);
}

static gint64
unit (JsonObject *s,
      const char *name,
      const char *tier,
      const char *what)
{
  JsonArray *units = json_object_get_array_member (s, "jurisdictions");

  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      if (g_str_equal (json_object_get_string_member (u, "name"), name))
        return json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (u, "tiers"), tier), what);
    }
  g_assert_not_reached ();
}

static JsonObject *
indicator (JsonObject *s,
           const char *metric)
{
  JsonArray *list = json_object_get_array_member (s, "indicators");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      if (g_str_equal (json_object_get_string_member (o, "metric"), metric))
        return o;
    }
  g_assert_not_reached ();
}

static void
test_month_end (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(JsonNode) nov = NULL;
  g_autoptr(JsonNode) oct = NULL;
  JsonObject *s = summary (fx, "2025-11", NULL, &nov);
  JsonObject *o = summary (fx, "2025-10", NULL, &oct);

  g_assert_cmpstr (json_object_get_string_member (s, "as_of"), ==, "2025-11-30");
  /* November: e2 (from the 30th) and e7; not e1 (ended the 29th), e5 (revoked), e6 (applying). */
  g_assert_cmpint (total (s, "srdi", "held"), ==, 2);
  g_assert_cmpint (total (s, "srdi", "new_in_month"), ==, 1);
  g_assert_cmpint (total (s, "srdi", "new_in_year"), ==, 1);
  g_assert_cmpint (unit (s, "东海县", "srdi", "held"), ==, 1);
  g_assert_cmpint (unit (s, "海州区", "srdi", "held"), ==, 1);
  g_assert_cmpint (total (s, "innovative", "held"), ==, 1);
  g_assert_cmpint (total (s, "pool", "held"), ==, 1);

  /* October: e1 still held, e2 not yet. */
  g_assert_cmpint (total (o, "srdi", "held"), ==, 2);
  g_assert_cmpint (unit (o, "东海县", "srdi", "held"), ==, 1);
  g_assert_cmpint (total (o, "srdi", "new_in_month"), ==, 0);

  /* The target is the plan's city-wide one; no county share is set. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_object_get_object_member (s, "totals"), "srdi"), "target"), ==, 200);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (json_object_get_object_member (s, "totals"), "srdi"), "completion_rate"), 0.01, 1e-9);
}

static void
test_history (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(JsonNode) jun = NULL;
  g_autoptr(JsonNode) jul = NULL;
  g_autoptr(JsonNode) y2024 = NULL;
  g_autoptr(JsonNode) y2027 = NULL;
  JsonObject *s;

  s = summary (fx, "2025-06", NULL, &jun);
  g_assert_cmpint (total (s, "srdi", "held"), ==, 3);   /* e1, e5 (to the 30th), e7 */
  s = summary (fx, "2025-07", NULL, &jul);
  g_assert_cmpint (total (s, "srdi", "held"), ==, 2);
  /* e7's 2024 certification is a new 认定 after its first lapsed: new,
   * as the month's list of certifications shows it. */
  s = summary (fx, "2024-03", NULL, &y2024);
  g_assert_cmpint (total (s, "srdi", "new_in_month"), ==, 1);
  g_assert_cmpint (total (s, "srdi", "new_in_year"), ==, 1);
  g_assert_cmpint (total (s, "srdi", "held"), ==, 3);
  /* A re-review extension keeps the firm without making it new again. */
  s = summary (fx, "2027-06", NULL, &y2027);
  g_assert_cmpint (total (s, "innovative", "held"), ==, 1);
  g_assert_cmpint (total (s, "innovative", "new_in_year"), ==, 0);
}

static void
test_same_later (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* What happens in November does not change October. */
  add_cert (fx->store, fx->e4, "innovative", "certified", "2025-11-15", NULL);
  after = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  a = json_to_string (before, FALSE);
  b = json_to_string (after, FALSE);
  g_assert_cmpstr (a, ==, b);
}

/* A re-review passed in November of a certification that had lapsed on
 * 10-29: October does not change, and counts it as lapsed; November holds
 * it. The count of October is the test's own SQL over the raw tables. */
static void
test_late_re_review (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) nov = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 id;
  const char *held_on_oct_31 =
    "SELECT count (DISTINCT c.enterprise_id) FROM certification c WHERE c.tier_key = 'innovative'"
    " AND c.status IN ('certified', 'under_review', 'expired', 'revoked') AND c.valid_from <= '2025-10-31'"
    " AND ifnull ((SELECT v.until_before FROM certification_event v WHERE v.certification_id = c.id"
    "              AND v.kind = 'review_passed' AND v.on_date > '2025-10-31' ORDER BY v.on_date LIMIT 1),"
    "             ifnull (c.valid_until, '9999-12-31')) >= '2025-10-31'";

  add_cert (fx->store, fx->e1, "innovative", "under_review", "2022-10-30", "2025-10-29");
  id = sl_test_query_int (fx->store, "SELECT max (id) FROM certification");
  before = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sl_pipeline_record_review (fx->store, id, TRUE, "2025-11-05", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sl_test_query_text (fx->store, "SELECT valid_until FROM certification WHERE id = (SELECT max (id) FROM certification)"),
                   ==, "2028-10-29");
  after = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  a = json_to_string (before, FALSE);
  b = json_to_string (after, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (total (json_node_get_object (after), "innovative", "held"), ==, sl_test_query_int (fx->store, held_on_oct_31));
  nov = sl_summary_compute (fx->store, "2025-11", NULL, &error);
  g_assert_cmpint (total (json_node_get_object (nov), "innovative", "held"), ==,
                   total (json_node_get_object (after), "innovative", "held") + 1);
}

static void
test_scope (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *s = summary (fx, "2025-11", "320722", &node);
  JsonArray *units = json_object_get_array_member (s, "jurisdictions");

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (s, "scope"), "name"), ==, "东海县");
  g_assert_cmpuint (json_array_get_length (units), ==, 1);
  g_assert_cmpint (total (s, "srdi", "held"), ==, 1);
  g_assert_null (sl_summary_compute (fx->store, "2025-11", "花果山乡", &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
  g_assert_true (g_str_has_prefix (error->message, "Scope"));
}

static void
test_indicators (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *s = summary (fx, "2025-11", NULL, &node);
  JsonObject *rd = indicator (s, "rd_intensity");
  JsonObject *patents = indicator (s, "patents_per_firm");
  JsonObject *digital = indicator (s, "digital_mgmt_rate");

  /* Population: e2 and e7, with their 2024 figures: (50 + 60) / (1000 + 3000). */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (rd, "population"), "size"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rd, "value"), 2.75, 1e-9);
  g_assert_false (json_object_get_boolean_member (rd, "met"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (patents, "value"), 6.0, 1e-9);
  g_assert_true (json_object_get_boolean_member (patents, "met"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (digital, "value"), 50.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (s, "figures_year"), ==, 2024);
}

/* A ratio of sums is taken over the firms that have both figures: one
 * that lacks its R&D expense leaves its revenue out too. */
static void
test_ratio_with_data (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gint64 e8 = sl_test_add_enterprise (fx->store, "91320700MA1MXYW8KY", "海州八号公司", "海州区");
  JsonObject *s, *rd;
  SlFigures f;

  add_cert (fx->store, e8, "srdi", "certified", "2024-01-01", NULL);
  sl_figures_init (&f, e8, 2024);
  f.revenue = 5000 * 10000;
  g_assert_true (sl_figures_save (fx->store, &f, &error));
  g_assert_no_error (error);
  s = summary (fx, "2025-11", NULL, &node);
  rd = indicator (s, "rd_intensity");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (rd, "population"), "size"), ==, 3);
  /* Still (50 + 60) / (1000 + 3000), not 110 / 9000, and the 口径 says
   * over how many. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rd, "value"), 2.75, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (rd, "population"), "with_data"), ==, 2);
}

/* A share of the above-scale SMEs' main revenue takes, above the line,
 * only the population's firms that are above scale themselves: e7 is
 * SRDI but not above scale, e1 above scale but no longer SRDI. */
static void
test_share_of_whole (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *s, *share, *basis, *whole;
  g_autofree char *sql = g_strdup_printf ("UPDATE enterprise SET above_scale = 1 WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                          fx->e1, fx->e2);

  sl_test_exec (fx->store, sql);
  s = summary (fx, "2025-11", NULL, &node);
  share = indicator (s, "main_revenue_share");
  /* e2's 900 of e1's 4,500 and e2's 900; e7's 2,700 stays out. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (share, "value"), 100.0 * 900 / 5400, 1e-3);
  basis = json_object_get_object_member (share, "population");
  g_assert_cmpint (json_object_get_int_member (basis, "size"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (basis, "with_data"), ==, 1);
  whole = json_object_get_object_member (basis, "whole");
  g_assert_cmpstr (json_object_get_string_member (whole, "name"), ==, "规上中小企业");
  g_assert_cmpint (json_object_get_int_member (whole, "with_data"), ==, 2);
}

/* Figures typed in Ledger Settings: a county's own count of a manual
 * indicator is its own in its bulletin, not "whole ledger only"; the
 * statistics bureau's whole of a share is the denominator, for the
 * figures' year only. Checked against the test's own SQL. */
static void
test_typed_figures (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) city = NULL;
  g_autoptr(JsonNode) county = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(JsonNode) next = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE enterprise SET above_scale = 1 WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                          fx->e1, fx->e2);
  g_autofree char *part_sql = NULL;
  gint64 donghai = sl_test_query_int (fx->store, "SELECT id FROM jurisdiction WHERE name = '东海县'");
  JsonObject *ind, *whole;
  double part;

  sl_test_exec (fx->store, sql);
  g_assert_true (sl_typed_figure_set (fx->store, "cluster_count", 0, 2025, 12, &error));
  g_assert_true (sl_typed_figure_set (fx->store, "cluster_count", donghai, 2024, 3, &error));
  g_assert_true (sl_typed_figure_set (fx->store, "main_revenue_share.whole", 0, 2024, 80000, &error));
  g_assert_no_error (error);
  /* Refused, and nothing written: no such figure; a negative one. */
  g_assert_false (sl_typed_figure_set (fx->store, "srdi_count", 0, 2025, 1, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (sl_typed_figure_set (fx->store, "cluster_count", 0, 2025, -1, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count (*) FROM typed_figure"), ==, 3);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count (*) FROM audit_log WHERE entity = 'typed_figure'"), ==, 3);

  ind = indicator (summary (fx, "2025-11", NULL, &city), "cluster_count");
  g_assert_cmpfloat (json_object_get_double_member (ind, "value"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (ind, "typed_year"), ==, 2025);
  /* The county's 2024 figure still stands in 2025. */
  ind = indicator (summary (fx, "2025-11", "东海县", &county), "cluster_count");
  g_assert_false (json_object_get_boolean_member (ind, "ledger_wide"));
  g_assert_cmpfloat (json_object_get_double_member (ind, "value"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (ind, "typed_year"), ==, 2024);
  ind = indicator (summary (fx, "2025-11", "海州区", &other), "cluster_count");
  g_assert_true (json_object_get_boolean_member (ind, "ledger_wide"));

  /* The whole ledger's share, 2024 figures: the population's above-scale
   * firms' main revenue (元) over the bureau's 80,000 万元. */
  part_sql = g_strdup_printf ("SELECT sum (main_revenue) FROM annual_figures WHERE year = 2024 AND enterprise_id = %" G_GINT64_FORMAT, fx->e2);
  part = (double) sl_test_query_int (fx->store, part_sql);
  g_assert_cmpfloat (part, >, 0);
  ind = indicator (json_node_get_object (city), "main_revenue_share");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ind, "value"), round (10000 * 100.0 * part / (80000 * 10000.0)) / 10000, 1e-9);
  whole = json_object_get_object_member (json_object_get_object_member (ind, "population"), "whole");
  g_assert_cmpfloat (json_object_get_double_member (whole, "typed"), ==, 80000);
  g_assert_cmpint (json_object_get_int_member (whole, "year"), ==, 2024);
  /* Another figures year has no typed whole: the ledger's own. */
  next = sl_summary_compute_full (fx->store, "2025-11", NULL, 2025, &error);
  g_assert_no_error (error);
  whole = json_object_get_object_member (json_object_get_object_member (indicator (json_node_get_object (next), "main_revenue_share"),
                                                                        "population"), "whole");
  g_assert_false (json_object_has_member (whole, "typed"));

  /* Removing one is a change with its audit row. */
  g_assert_true (sl_typed_figure_set (fx->store, "cluster_count", 0, 2025, NAN, &error));
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count (*) FROM typed_figure"), ==, 2);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count (*) FROM audit_log WHERE entity = 'typed_figure' AND action = 'delete'"), ==, 1);
}

/* The figures year is one year for all firms: chosen, the indicators take
 * that year's figures and count who has them. */
static void
test_figures_year (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) y2025 = sl_summary_compute_full (fx->store, "2025-11", NULL, 2025, &error);
  g_autoptr(JsonNode) y2023 = sl_summary_compute_full (fx->store, "2025-11", NULL, 2023, &error);
  JsonObject *rd;

  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (y2025), "figures_year"), ==, 2025);
  rd = indicator (json_node_get_object (y2025), "rd_intensity");
  /* Only e7 has 2025 figures: 9,999 / 9,999. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rd, "value"), 100.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (rd, "population"), "with_data"), ==, 1);
  rd = indicator (json_node_get_object (y2023), "rd_intensity");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (rd, "value")));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (rd, "population"), "with_data"), ==, 0);
}

/* 序时进度: the plan's goal (2025, plan 2023–2025) is judged against the
 * share of the plan's days gone; after its last day, against all of it. */
static void
test_schedule (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(JsonNode) june = NULL;
  g_autoptr(JsonNode) late = NULL;
  JsonObject *s = summary (fx, "2024-06", NULL, &june);
  JsonObject *cell = json_object_get_object_member (json_object_get_object_member (s, "totals"), "innovative");

  /* 2023-01-01 to 2024-06-30 of 2023-01-01 to 2025-12-31: 547 of 1,096 days. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell, "schedule"), round (10000.0 * 547 / 1096) / 10000, 1e-9);
  s = summary (fx, "2026-10", NULL, &late);
  cell = json_object_get_object_member (json_object_get_object_member (s, "totals"), "innovative");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell, "schedule"), 1.0, 1e-9);
}

/* A firm that moves to another jurisdiction in November is counted, for
 * October, where it was then: the move is recorded with the day, and the
 * months before keep it where it was. */
static void
test_jurisdiction_move (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) nov_before = NULL;
  g_autoptr(JsonNode) nov_after = NULL;
  g_autoptr(JsonNode) county = NULL;
  g_autoptr(SlEnterprise) e3 = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  /* The test's own reading: innovative firms held on 2025-10-31 in 东海县,
   * each where it was before the first move recorded after that day. */
  const char *donghai_oct =
    "SELECT count (DISTINCT c.enterprise_id) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
    " WHERE c.tier_key = 'innovative' AND c.status IN ('certified', 'under_review', 'expired', 'revoked')"
    " AND c.valid_from <= '2025-10-31' AND ifnull (c.valid_until, '9999-12-31') >= '2025-10-31'"
    " AND ifnull ((SELECT m.from_id FROM jurisdiction_move m WHERE m.enterprise_id = e.id AND m.moved_on > '2025-10-31'"
    "             ORDER BY m.moved_on, m.id LIMIT 1), e.jurisdiction_id) = (SELECT id FROM jurisdiction WHERE name = '东海县')";

  g_setenv ("SL_TODAY", "2025-11-12", TRUE);
  before = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  g_assert_no_error (error);
  nov_before = sl_summary_compute (fx->store, "2025-11", NULL, &error);
  e3 = sl_enterprise_load (fx->store, fx->e3, &error);
  g_assert_no_error (error);
  e3->jurisdiction_id = sl_jurisdiction_find (fx->store, "东海县");
  g_assert_true (sl_enterprise_update (fx->store, e3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM jurisdiction_move WHERE moved_on = '2025-11-12'"
                                                 " AND from_id = (SELECT id FROM jurisdiction WHERE name = '海州区')"), ==, 1);

  /* October is as it was, move or no move. */
  after = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  a = json_to_string (before, FALSE);
  b = json_to_string (after, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (unit (json_node_get_object (after), "海州区", "innovative", "held"), ==, 1);
  county = sl_summary_compute (fx->store, "2025-10", "东海县", &error);
  g_assert_no_error (error);
  g_assert_cmpint (total (json_node_get_object (county), "innovative", "held"), ==, sl_test_query_int (fx->store, donghai_oct));
  g_assert_cmpint (total (json_node_get_object (county), "innovative", "held"), ==, 0);

  /* November, the month of the move, counts it in 东海县. */
  nov_after = sl_summary_compute (fx->store, "2025-11", NULL, &error);
  g_assert_cmpint (unit (json_node_get_object (nov_after), "东海县", "innovative", "held"), ==,
                   unit (json_node_get_object (nov_before), "东海县", "innovative", "held") + 1);
  g_assert_cmpint (unit (json_node_get_object (nov_after), "海州区", "innovative", "held"), ==,
                   unit (json_node_get_object (nov_before), "海州区", "innovative", "held") - 1);
  g_unsetenv ("SL_TODAY");
}

/* An honour has only a year: one of 2025 recorded on 2025-11-05 was not
 * known to be held at the end of October, and is at the end of November.
 * One of an earlier year counts whenever it was recorded. */
static void
test_honour_recorded (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) oct = NULL;
  g_autoptr(JsonNode) nov = NULL;
  /* The test's own reading of "held on a day" for the honour. */
#define HELD_ON(day) \
  "SELECT count (DISTINCT h.enterprise_id) FROM enterprise_honour h WHERE h.honour_key = 'star_cloud'" \
  " AND h.year <= 2025 AND (h.year < 2025 OR h.recorded_on IS NULL OR h.recorded_on <= '" day "')"
  const char *oct_sql = HELD_ON ("2025-10-31");
  const char *nov_sql = HELD_ON ("2025-11-30");
#undef HELD_ON

  g_setenv ("SL_TODAY", "2025-11-05", TRUE);
  g_assert_true (sl_enterprise_add_honour (fx->store, fx->e2, "star_cloud", 2025, &error));
  g_assert_true (sl_enterprise_add_honour (fx->store, fx->e3, "star_cloud", 2024, &error));
  g_assert_no_error (error);
  g_unsetenv ("SL_TODAY");
  g_assert_cmpstr (sl_test_query_text (fx->store, "SELECT recorded_on FROM enterprise_honour WHERE year = 2025"), ==, "2025-11-05");

  oct = sl_summary_compute (fx->store, "2025-10", NULL, &error);
  g_assert_no_error (error);
  nov = sl_summary_compute (fx->store, "2025-11", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (fx->store, oct_sql), ==, 1);
  g_assert_cmpint (sl_test_query_int (fx->store, nov_sql), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (indicator (json_node_get_object (oct), "star_cloud_count"), "value"), ==,
                     sl_test_query_int (fx->store, oct_sql));
  g_assert_cmpfloat (json_object_get_double_member (indicator (json_node_get_object (nov), "star_cloud_count"), "value"), ==,
                     sl_test_query_int (fx->store, nov_sql));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/asof/month-end", Fixture, NULL, fixture_set_up, test_month_end, fixture_tear_down);
  g_test_add ("/asof/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/asof/same-later", Fixture, NULL, fixture_set_up, test_same_later, fixture_tear_down);
  g_test_add ("/asof/late-re-review", Fixture, NULL, fixture_set_up, test_late_re_review, fixture_tear_down);
  g_test_add ("/asof/scope", Fixture, NULL, fixture_set_up, test_scope, fixture_tear_down);
  g_test_add ("/asof/indicators", Fixture, NULL, fixture_set_up, test_indicators, fixture_tear_down);
  g_test_add ("/asof/ratio-with-data", Fixture, NULL, fixture_set_up, test_ratio_with_data, fixture_tear_down);
  g_test_add ("/asof/share-of-whole", Fixture, NULL, fixture_set_up, test_share_of_whole, fixture_tear_down);
  g_test_add ("/asof/typed-figures", Fixture, NULL, fixture_set_up, test_typed_figures, fixture_tear_down);
  g_test_add ("/asof/figures-year", Fixture, NULL, fixture_set_up, test_figures_year, fixture_tear_down);
  g_test_add ("/asof/schedule", Fixture, NULL, fixture_set_up, test_schedule, fixture_tear_down);
  g_test_add ("/asof/jurisdiction-move", Fixture, NULL, fixture_set_up, test_jurisdiction_move, fixture_tear_down);
  g_test_add ("/asof/honour-recorded", Fixture, NULL, fixture_set_up, test_honour_recorded, fixture_tear_down);

  return g_test_run ();
}
