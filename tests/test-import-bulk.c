/* test-import-bulk.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-certification.h"
#include "sl-demo.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-import.h"
#include "sl-ledger.h"
#include "sl-roster.h"
#include "sl-test-util.h"
#include "sl-util.h"

/* Firms new to the ledger are written together (sl-import-bulk.c): what
 * lands must be what writing them one by one lands. */

static const char *header =
  "企业名称,统一社会信用代码,所属地区,重点产业链,当前梯度,认定日期,联系人,营业收入(万元),研发费用(万元),"
  "有效授权专利(件),关键工序数控化率(%),高新技术企业(是/否),科技型中小企业(是/否),指标年度\n";

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_json_equal (const char *what,
                   JsonNode   *expected,
                   const char *audited)
{
  g_autoptr(JsonNode) got = parse (audited);
  g_autofree char *expected_text = json_to_string (expected, FALSE);

  if (!json_node_equal (expected, got))
    g_error ("%s: audited %s, the record is %s", what, audited, expected_text);
}

static char *
audit_of (SlStore    *store,
          const char *entity,
          gint64      id)
{
  return sl_test_query_text_printf (store, "SELECT after FROM audit_log WHERE entity = '%s' AND entity_id = %"
                                           G_GINT64_FORMAT " AND action = 'create'", entity, id);
}

/* The audit rows hold what each record's own JSON holds; the derived
 * columns equal their recomputation; the search finds the firms; and the
 * undo takes every firm away again. */
static void
test_audit_and_derived (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = sl_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GString) rows = g_string_new (header);
  gint64 before, first;
  const char *codes[] = { "91320722MA20KD3R5T", "91320700MA1MXYW8KY", "91320700700007748T" };

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 30, NULL, NULL, NULL, &error));
  before = sl_store_count_enterprises (store);
  first = sl_test_query_int (store, "SELECT max (id) FROM enterprise") + 1;
  /* A certified firm with figures and both honours; a pool firm with no
   * chain and no figures; one whose certification ended long ago. */
  g_string_append_printf (rows, "甲精密机械有限公司,%s,海州区,化工新材料,专精特新中小企业,2024-05-10,张三,12000.5,600,12,61.5,是,是,2025\n", codes[0]);
  g_string_append_printf (rows, "乙新材料有限公司,%s,东海县,,培育库企业,2025-03-01,,,,,,,,\n", codes[1]);
  g_string_append_printf (rows, "丙科技有限公司,%s,灌云县,,创新型中小企业,2019-01-02,李四,800,0,0,,否,是,2024\n", codes[2]);
  csv = g_strdup (rows->str);
  path = sl_test_temp_path ("new.csv");
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read_at (store, path, NULL, 0, FALSE, TRUE, &error);

    g_assert_no_error (error);
    if (sl_import_plan_get_problems (plan)->len > 0)
      g_error ("%s", ((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[0])->reason);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sl_store_count_enterprises (store), ==, before + 3);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      gint64 id = sl_enterprise_find_by_code (store, codes[i]);
      g_autoptr(SlEnterprise) e = sl_enterprise_load (store, id, &error);
      g_autoptr(JsonNode) ej = NULL;
      g_autoptr(GPtrArray) certs = sl_certification_list (store, id, &error);
      g_autoptr(GArray) figures = sl_figures_list (store, id, &error);
      g_autofree char *audited = audit_of (store, "enterprise", id);

      g_assert_no_error (error);
      /* In row order, after the ledger's last firm. */
      g_assert_cmpint (id, ==, first + i);
      ej = sl_enterprise_to_json (e);
      assert_json_equal ("enterprise", ej, audited);
      g_assert_cmpuint (certs->len, ==, 1);
      {
        g_autoptr(JsonNode) cj = sl_certification_to_json (certs->pdata[0]);
        g_autofree char *cert_audit = audit_of (store, "certification", ((SlCertification *) certs->pdata[0])->id);
        assert_json_equal ("certification", cj, cert_audit);
      }
      g_assert_cmpuint (figures->len, ==, i == 1 ? 0 : 1);
      if (figures->len == 1)
        {
          g_autoptr(JsonNode) fj = sl_figures_to_json (&g_array_index (figures, SlFigures, 0));
          g_autofree char *fig_audit = audit_of (store, "annual_figures", id);
          assert_json_equal ("figures", fj, fig_audit);
        }
    }
  /* The pool firm's validity and the honours as one by one would write them. */
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT count(*) FROM enterprise_honour WHERE enterprise_id = %"
                                                    G_GINT64_FORMAT " AND year = 2025", first), ==, 2);
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT count(*) FROM enterprise_honour WHERE enterprise_id = %"
                                                    G_GINT64_FORMAT " AND honour_key = 'tech_sme' AND year = 2024", first + 2), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'enterprise_honour'"
                                             " AND after = '{\"honour\":\"high_tech\",\"year\":2025}'"), ==, 1);

  /* Derived columns: every firm's equal to its recomputation. */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM enterprise e WHERE top_tier IS NOT "
      SL_ROSTER_TOP_TIER_OF ("e.id")
      " OR latest_year IS NOT (SELECT max (year) FROM annual_figures WHERE enterprise_id = e.id)"
      " OR latest_revenue IS NOT (SELECT revenue FROM annual_figures f WHERE enterprise_id = e.id ORDER BY year DESC LIMIT 1)"
      " OR latest_patents IS NOT (SELECT patents_valid FROM annual_figures f WHERE enterprise_id = e.id ORDER BY year DESC LIMIT 1)"
      " OR latest_rd_intensity IS NOT (SELECT " SL_ROSTER_RD_INTENSITY ("f") " FROM annual_figures f WHERE enterprise_id = e.id ORDER BY year DESC LIMIT 1)");
    g_autofree char *bound = NULL;
    char *p;

    /* ?1 is today. */
    while ((p = strstr (sql, "?1")) != NULL)
      {
        g_autofree char *head = g_strndup (sql, p - sql);
        g_autofree char *next = g_strdup_printf ("%s'%s'%s", head, today, p + 2);
        g_free (sql);
        sql = g_steal_pointer (&next);
      }
    g_assert_cmpint (sl_test_query_int (store, sql), ==, 0);
  }
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT top_tier IS NULL FROM enterprise WHERE id = %" G_GINT64_FORMAT, first + 2), ==, 1);
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT latest_revenue FROM enterprise WHERE id = %" G_GINT64_FORMAT, first), ==, 120005000);

  /* The search finds them, by words and by characters. */
  {
    const char *searches[] = { "精密机械", "甲精", "91320700MA1MXYW8KY" };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        SlRosterQuery q = { .search = searches[i] };
        g_autoptr(GArray) ids = sl_roster_query (store, &q, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (ids->len, ==, 1);
        g_assert_cmpint (g_array_index (ids, gint64, 0), ==, i == 2 ? first + 1 : first);
      }
  }

  /* Undone, the ledger is as it was: firms, certifications, honours. */
  g_assert_true (sl_import_undo_last (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, before);
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT count(*) FROM certification WHERE enterprise_id >= %" G_GINT64_FORMAT, first), ==, 0);
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT count(*) FROM enterprise_honour WHERE enterprise_id >= %" G_GINT64_FORMAT, first), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

/* A new row only the write refuses (a figure's year in the future is seen
 * by the reading; an honour the ledger lacks only by the write) is refused
 * with its row and reason, and with skip the others are written. */
static void
test_refused_at_write (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *path = sl_test_temp_path ("refused.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *csv = g_strdup_printf ("%s甲公司,91320722MA20KD3R5T,海州区,,,,,,,,,是,,2025\n"
                                          "乙公司,91320700MA1MXYW8KY,东海县,,,,,,,,,,,2025\n", header);

  g_assert_no_error (error);
  sl_test_exec (store, "DELETE FROM honour WHERE key = 'high_tech'");
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, path, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < sl_import_plan_get_problems (plan)->len; i++)
      g_test_message ("%u: %s", ((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[i])->row,
                      ((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[i])->reason);
    g_assert_cmpuint (sl_import_plan_n_refused (plan), ==, 1);
    g_assert_cmpuint (((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[0])->row, ==, 2);
    g_assert_nonnull (strstr (((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[0])->reason, "high_tech"));
    g_assert_false (sl_import_apply (plan, FALSE, &error));
    g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpint (sl_store_count_enterprises (store), ==, 0);
    g_assert_true (sl_import_apply (plan, TRUE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE credit_code = '91320700MA1MXYW8KY'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-bulk/audit-and-derived", test_audit_and_derived);
  g_test_add_func ("/import-bulk/refused-at-write", test_refused_at_write);
  return g_test_run ();
}
