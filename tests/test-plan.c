/* test-plan.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-demo.h"
#include "sl-plan.h"
#include "sl-project.h"
#include "sl-summary.h"
#include "sl-test-util.h"

static void
test_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  const int item_counts[] = { 5, 4, 3, 5, 6, 6, 5, 5 };
  const char *tiers[] = { "pool", "innovative", "srdi", "little_giant", "champion" };
  const char *honours[] = {
    "jiangsu_quality", "mayor_quality_award", "smart_workshop", "smart_factory", "star_cloud",
    "ip_standard", "dii_standard", "rd_inst_provincial", "rd_inst_city", "high_tech", "tech_sme",
    "listing_reserve", "srdi_board", "listed",
  };

  g_assert_no_error (error);

  /* The bulletin's marks, kept as settings. */
  {
    g_autofree char *green = sl_store_get_setting (store, "bulletin_mark_green_at");
    g_autofree char *yellow = sl_store_get_setting (store, "bulletin_mark_yellow_at");
    g_assert_cmpstr (green, ==, "1");
    g_assert_cmpstr (yellow, ==, "0.6");
  }

  /* Tiers in plan order, three years' validity but for the pool. */
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT ifnull (validity_years, 0) FROM tier WHERE key = '%s' AND level = %u", tiers[i], i);
      g_assert_cmpint (sl_test_query_int (store, sql), ==, i == 0 ? 0 : 3);
    }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM tier"), ==, 5);

  /* Three districts and three counties with their GB/T 2260 codes, and the zones. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM jurisdiction WHERE kind IN ('district', 'county')"), ==, 6);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM jurisdiction WHERE"
                                             " (name, code) IN (VALUES ('海州区', '320706'), ('连云区', '320703'),"
                                             " ('赣榆区', '320707'), ('东海县', '320722'), ('灌云县', '320723'), ('灌南县', '320724'))"), ==, 6);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM jurisdiction WHERE kind = 'zone'"), ==, 4);

  /* Only the chains the seed and the city confirm. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM industry_chain"), ==, 4);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM industry_chain WHERE name IN ('生物医药', '化工新材料', '高性能纤维及复合材料')"), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (honours); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM honour WHERE key = '%s'", honours[i]);
      g_assert_cmpint (sl_test_query_int (store, sql), ==, 1);
    }

  /* 主要目标 as metrics with their 2025 values. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT value FROM target WHERE metric_key = 'innovative_count' AND year = 2025 AND jurisdiction_id IS NULL"), ==, 1000);
  g_assert_cmpint (sl_test_query_int (store, "SELECT value FROM target WHERE metric_key = 'srdi_count'"), ==, 200);
  g_assert_cmpint (sl_test_query_int (store, "SELECT value FROM target WHERE metric_key = 'little_giant_count'"), ==, 25);
  g_assert_cmpint (sl_test_query_int (store, "SELECT value FROM target WHERE metric_key = 'champion_count'"), ==, 5);
  g_assert_cmpint (sl_test_query_int (store, "SELECT value FROM target WHERE metric_key = 'star_cloud_count'"), ==, 60);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM metric WHERE main_goal = 1"), ==, 13);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM metric m WHERE NOT EXISTS (SELECT 1 FROM target t WHERE t.metric_key = m.key)"), ==, 0);

  /* The eight programmes, their item counts, and their responsible units as the seed words them. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM project WHERE kind = 'programme'"), ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (item_counts); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM checklist_item c JOIN project p ON p.id = c.project_id WHERE p.position = %u", i);
      g_assert_cmpint (sl_test_query_int (store, sql), ==, item_counts[i]);
    }
  {
    g_autofree char *t1 = sl_test_query_text (store, "SELECT title FROM project WHERE position = 0");
    g_autofree char *r1 = sl_test_query_text (store, "SELECT responsible FROM project WHERE position = 0");
    g_autofree char *r2 = sl_test_query_text (store, "SELECT responsible FROM project WHERE key = 'innovation_upgrade'");
    g_autofree char *r7 = sl_test_query_text (store, "SELECT responsible FROM project WHERE title = '特色金融助力工程'");
    g_autofree char *r8 = sl_test_query_text (store, "SELECT responsible FROM project WHERE title = '服务体系升级工程'");
    g_autofree char *item = sl_test_query_text (store, "SELECT responsible FROM checklist_item WHERE metric_key = 'smart_workshop_count'");

    g_assert_cmpstr (t1, ==, "优质企业梯度培育工程");
    g_assert_cmpstr (r1, ==, "市工信局、各县（区）人民政府、功能板块管委会");
    g_assert_cmpstr (r2, ==, "市科技局、市发改委、市工信局、市财政局、市教育局");
    g_assert_cmpstr (r7, ==, "市地方金融监管局、人行连云港市中心支行、连云港银保监分局、市工信局、市科技局");
    g_assert_cmpstr (r8, ==, "市工信局、市商务局、市政务办、连云港海关");
    g_assert_cmpstr (item, ==, "市工信局");
  }
  /* 智能车间 10个 is bound to the count of firms holding smart_workshop. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT target_value FROM checklist_item WHERE title LIKE '%智能车间10个%'"), ==, 10);
  {
    g_autofree char *honour = sl_test_query_text (store,
      "SELECT json_extract (m.measure, '$.honour') FROM checklist_item c JOIN metric m ON m.key = c.metric_key WHERE c.title LIKE '%智能车间%'");
    g_assert_cmpstr (honour, ==, "smart_workshop");
  }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE due_on = '2025-12-31'"), ==, 39);

  /* What the plan leaves out stays empty, whatever the entry before it had:
   * only 高新技术企业 (3 years) and 科技型中小企业 (1 year) expire. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM honour WHERE validity_years IS NOT NULL"), ==, 2);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM honour WHERE key = 'listed' AND validity_years IS NULL"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE metric_key IS NULL AND (target_value IS NOT NULL OR unit IS NOT NULL)"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM tier WHERE validity_years IS NULL"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM threshold WHERE (at_least IS NULL) = (at_most IS NULL)"), ==, 0);
}

typedef struct
{
  const char *name;
  const char *json;
  const char *path;
} BadPlan;

static char *
plan_with (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = sl_plan_get_bundled (NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_cmpint (g_strv_length (parts), ==, 2);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

static void
test_malformed (void)
{
  struct { const char *from, *to, *path; } edits[] = {
    { "\"tiers\": [", "\"tierz\": [", "$.tiers" },
    { "\"format\": 1", "\"format\": 7", "$.format" },
    { "{ \"key\": \"srdi\", \"name\": \"专精特新中小企业\"", "{ \"key\": \"srdi\", \"name\": 5", "$.tiers[2].name" },
    { "\"validity_years\": 3, \"requires\": \"innovative\"", "\"validity_years\": 0, \"requires\": \"innovative\"", "$.tiers[2].validity_years" },
    { "\"tiers\": [\"srdi\", \"little_giant\", \"champion\"]", "\"tiers\": [\"srdi\", \"giant\"]", "$.populations[0].tiers[1]" },
    { "{ \"title\": \"每年公告一批创新型中小企业\", \"metric\": \"innovative_count\" }",
      "{ \"title\": \"每年公告一批创新型中小企业\", \"metric\": \"no_such_metric\" }", "$.programmes[0].items[1].metric" },
    { "\"kind\": \"ratio_of_sums\", \"numerator\": \"rd_expense\"", "\"kind\": \"ratio_of_sums\", \"numerator\": \"profit\"", "$.metrics[4].measure.numerator" },
    { "\"kind\": \"tier_count\", \"tier\": \"innovative\"", "\"kind\": \"head_count\", \"tier\": \"innovative\"", "$.metrics[0].measure.kind" },
    { "{ \"code\": \"320722\", \"name\": \"东海县\", \"kind\": \"county\" }", "{ \"code\": \"3207\", \"name\": \"东海县\", \"kind\": \"county\" }", "$.jurisdictions[3].code" },
    { "{ \"code\": \"320723\", \"name\": \"灌云县\", \"kind\": \"county\" }", "{ \"code\": \"320723\", \"name\": \"灌云县\", \"kind\": \"province\" }", "$.jurisdictions[4].kind" },
    { "{ \"key\": \"biomedicine\", \"name\": \"生物医药\" },", "{ \"key\": \"biomedicine\", \"name\": \"生物医药\" }, { \"key\": \"biomedicine\", \"name\": \"医药\" },", "$.industry_chains[1]" },
    { "\"responsible\": [\"市工信局\"],\n      \"items\": [\n        { \"title\": \"开展", "\"responsible\": \"市工信局\",\n      \"items\": [\n        { \"title\": \"开展", "$.programmes[2].responsible" },
    { "\"comparison\": \">=\", \"target\": 1000", "\"comparison\": \"=>\", \"target\": 1000", "$.metrics[0].comparison" },
    { "\"target\": 200,", "\"target\": \"两百\",", "$.metrics[1].target" },
    { "\"period\": { \"start\": 2023, \"end\": 2025 }", "\"period\": { \"start\": 2023, \"end\": 2020 }", "$.period" },
    { "\"mark_green_at\": 1.0, \"mark_yellow_at\": 0.6", "\"mark_green_at\": 0.5, \"mark_yellow_at\": 0.6", "$.bulletin" },
    { "\"mark_green_at\": 1.0,", "\"mark_green_at\": \"全部\",", "$.bulletin.mark_green_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *json = plan_with (edits[i].from, edits[i].to);
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;
      g_autoptr(SlStore) store = _sl_ledger_open_full (":memory:", sl_migrations, sl_n_migrations, bytes, SL_STORE_OPEN_CREATE, &error);
      g_autofree char *prefix = g_strdup_printf ("Plan file: %s:", edits[i].path);

      g_assert_null (store);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SL_PLAN_ERROR);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("edit %u: “%s” does not start with “%s”", i, error->message, prefix);
    }
}

static void
test_not_json (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{ \"format\": 1, ", 15);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(SlStore) store = _sl_ledger_open_full (path, sl_migrations, sl_n_migrations, bytes, SL_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, SL_PLAN_ERROR, SL_PLAN_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "Plan file: $:"));
  /* A ledger that could not be made leaves no file behind. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static char *
summary_text (SlStore    *store,
              const char *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sl_summary_compute (store, period, NULL, &error);

  g_assert_no_error (error);
  return json_to_string (node, FALSE);
}

static gboolean
has_line (SlPlanPreview *p,
          const char    *text)
{
  for (guint i = 0; i < p->lines->len; i++)
    if (strstr (p->lines->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* The next plan: previewed without a write, then loaded; the months of
 * the last plan read as they did, the next plan's from its first year. */
static void
test_next (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *next = sl_test_write_next_plan (dir, FALSE, 2026);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlPlanPreview) preview = NULL;
  g_autoptr(SlPlanPreview) loaded = NULL;
  g_autoptr(JsonNode) nov = NULL;
  g_autoptr(GPtrArray) old_programmes = NULL;
  g_autoptr(GPtrArray) new_programmes = NULL;
  g_autofree char *june = NULL;
  g_autofree char *december = NULL;
  g_autofree char *june_after = NULL;
  g_autofree char *december_after = NULL;
  gint64 audit, firms, certs, items;
  JsonObject *totals, *period;
  JsonArray *indicators;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 300, NULL, NULL, NULL, &error));
  june = summary_text (store, "2025-06");
  december = summary_text (store, "2025-12");
  audit = sl_test_query_int (store, "SELECT count(*) FROM audit_log");
  firms = sl_test_query_int (store, "SELECT count(*) FROM enterprise");
  certs = sl_test_query_int (store, "SELECT count(*) FROM certification");

  preview = sl_plan_preview (store, next, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->start, ==, 2026);
  g_assert_cmpint (preview->old_end, ==, 2025);
  g_assert_true (has_line (preview, "Plan: 连云港市专精特新企业培育三年行动计划（2023—2025年） → 连云港市专精特新企业培育三年行动计划（2026—2028年）"));
  {
    /* Numbers as the locale groups them. */
    g_autofree char *goal = g_strdup_printf (": goal %'.10g for 2028 (was %'.10g for 2025)", 1500.0, 1000.0);

    g_assert_true (has_line (preview, goal));
  }
  g_assert_true (has_line (preview, "Kept for the bulletins of 2023–2025 only: 智能制造示范工厂"));
  g_assert_true (has_line (preview, "New honours: 新一期试点企业"));
  g_assert_true (has_line (preview, "Kept as they are: 300 enterprises"));
  /* A preview writes nothing. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpstr (sl_test_query_text (store, "SELECT value FROM setting WHERE key = 'plan_key'"), ==, "lianyungang-2023-2025");

  loaded = sl_plan_load_next (store, next, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (sl_test_query_text (store, "SELECT value FROM setting WHERE key = 'plan_key'"), ==, "lianyungang-2026-2028");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'plan' AND action = 'update'"
                                             " AND json_extract (before, '$.end') = 2025 AND json_extract (after, '$.start') = 2026"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, firms);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification"), ==, certs);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM honour WHERE key = 'zhejiang_next'"), ==, 1);

  /* The last plan's months are as they were. */
  june_after = summary_text (store, "2025-06");
  december_after = summary_text (store, "2025-12");
  g_assert_cmpstr (june_after, ==, june);
  g_assert_cmpstr (december_after, ==, december);

  /* The next plan's: its goal, 序时进度 from its first day, without the dropped indicator. */
  nov = sl_summary_compute (store, "2026-11", NULL, &error);
  g_assert_no_error (error);
  totals = json_object_get_object_member (json_node_get_object (nov), "totals");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (totals, "innovative"), "target"), ==, 1500);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (totals, "innovative"), "schedule"),
                                  334.0 / 1096.0, 1e-4);
  period = json_object_get_object_member (json_node_get_object (nov), "plan_period");
  g_assert_cmpint (json_object_get_int_member (period, "start"), ==, 2026);
  g_assert_false (json_object_get_boolean_member (period, "ended"));
  indicators = json_object_get_array_member (json_node_get_object (nov), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (indicators, i), "metric"), !=, "smart_factory_count");

  /* Each plan's programmes in its years; the new ones with the plan's items. */
  old_programmes = sl_project_list_in_year (store, "programme", 2025, &error);
  new_programmes = sl_project_list_in_year (store, "programme", 2026, &error);
  g_assert_cmpuint (old_programmes->len, ==, 8);
  g_assert_cmpuint (new_programmes->len, ==, 8);
  g_assert_cmpstr (((SlProject *) old_programmes->pdata[0])->key, ==, "lianyungang-2023-2025/tiered_cultivation");
  g_assert_cmpstr (((SlProject *) new_programmes->pdata[0])->key, ==, "tiered_cultivation");
  items = sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE project_id IN"
                                    " (SELECT id FROM project WHERE kind = 'programme' AND from_year = 2026)");
  g_assert_cmpint (items, ==, sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE project_id IN"
                                                        " (SELECT id FROM project WHERE kind = 'programme' AND until_year = 2025)"));
  g_assert_cmpint (items, >, 0);
}

/* Refused, with nothing written: a plan that does not follow this one,
 * one without a tier the ledger's firms hold, a file that is no plan. */
static void
test_next_refused (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *early = sl_test_write_next_plan (dir, FALSE, 2025);
  g_autofree char *without_pool = sl_test_write_next_plan (dir, TRUE, 2026);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  gint64 audit;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 50, NULL, NULL, NULL, &error));
  audit = sl_test_query_int (store, "SELECT count(*) FROM audit_log");

  g_assert_null (sl_plan_load_next (store, early, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "must begin after this one ends (2025)"));
  g_clear_error (&error);

  g_assert_null (sl_plan_load_next (store, without_pool, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Tiers: “pool”"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (broken, "{ \"format\": 1, \"key\": ", -1, NULL));
  g_assert_null (sl_plan_load_next (store, broken, &error));
  g_assert_error (error, SL_PLAN_ERROR, SL_PLAN_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "“broken.json”: "));
  g_clear_error (&error);

  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpstr (sl_test_query_text (store, "SELECT value FROM setting WHERE key = 'plan_key'"), ==, "lianyungang-2023-2025");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM pragma_database_list WHERE name = 'plan'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plan/bundled", test_bundled);
  g_test_add_func ("/plan/malformed", test_malformed);
  g_test_add_func ("/plan/not-json", test_not_json);
  g_test_add_func ("/plan/next", test_next);
  g_test_add_func ("/plan/next-refused", test_next_refused);

  return g_test_run ();
}
