/* test-import-shapes.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-import.h"
#include "sl-roster.h"
#include "sl-ledger.h"
#include "sl-table-read.h"
#include "sl-test-util.h"

/* Rosters as counties make them (tests/make-rosters.py writes each shape
 * part by part), imported, and what lands in the ledger read back. */

static char *folder;
static char **codes;

static char *
fixture (const char *name)
{
  return g_build_filename (folder, name, NULL);
}

/* A fresh ledger with @name imported whole (refused rows skipped). */
static SlStore *
import (const char    *name,
        SlImportPlan **out_plan)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  SlStore *store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  SlImportPlan *plan;

  g_assert_no_error (error);
  plan = sl_import_plan_read (store, path, NULL, &error);
  if (plan == NULL)
    g_error ("%s: %s", name, error->message);
  if (!sl_import_apply (plan, TRUE, &error))
    g_error ("%s: %s", name, error->message);
  if (out_plan)
    *out_plan = plan;
  else
    sl_import_plan_free (plan);
  return store;
}

/* A title, a 填报单位 line and a blank row above a header at B4 with
 * decorated headings; a units row; 合计 and 填表人 rows skipped, not refused. */
static void
test_title_rows (void)
{
  SlImportPlan *plan = NULL;
  g_autoptr(SlStore) store = import ("title.xlsx", &plan);
  g_autofree char *report = sl_import_plan_report (plan);
  g_autofree char *first = NULL;

  g_assert_cmpuint (sl_import_plan_get_header_row (plan), ==, 4);
  g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
  g_assert_cmpuint (sl_import_plan_get_skipped (plan)->len, ==, 3);
  g_assert_nonnull (strstr (report, "Row 5: a units row: skipped"));
  g_assert_nonnull (strstr (report, "Row 9: a total, signature or note row: skipped"));
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 3);
  first = sl_test_query_text_printf (store, "SELECT e.name || '|' || j.name || '|' || e.contact || '|' || c.valid_from"
                                    " FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id"
                                    " JOIN certification c ON c.enterprise_id = e.id WHERE e.credit_code = '%s'", codes[0]);
  g_assert_cmpstr (first, ==, "东海标题甲有限公司|东海县|王一|2024-03-15");
  sl_import_plan_free (plan);
}

/* 2024年 merged above three figures, names merged down, a 示例 row. */
static void
test_two_row_header (void)
{
  SlImportPlan *plan = NULL;
  g_autoptr(SlStore) store = import ("two-row.xlsx", &plan);
  g_autofree char *figures = sl_test_query_text_printf (store,
    "SELECT f.year || '|' || f.revenue || '|' || f.rd_expense || '|' || f.patents_valid"
    " FROM annual_figures f JOIN enterprise e ON e.id = f.enterprise_id WHERE e.credit_code = '%s'", codes[3]);

  g_assert_cmpuint (sl_import_plan_get_header_row (plan), ==, 1);
  g_assert_cmpuint (sl_import_plan_get_skipped (plan)->len, ==, 1);
  g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
  /* The county merged down both rows is each firm's. */
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 2);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise e JOIN jurisdiction j"
                                             " ON j.id = e.jurisdiction_id WHERE j.name = '东海县'"), ==, 2);
  /* Nothing dropped: 营业收入 1520.5 万元, 研发费用 80.25, 12 patents, of 2024. */
  g_assert_cmpstr (figures, ==, "2024|15205000|802500|12");
  sl_import_plan_free (plan);
}

/* The hidden stale first sheet is not the roster; hidden columns and rows
 * never win over what the clerk sees, and are told. */
static void
test_hidden_sheet (void)
{
  SlImportPlan *plan = NULL;
  g_autoptr(SlStore) store = import ("hidden.xlsx", &plan);
  g_autofree char *name = sl_test_query_text (store, "SELECT group_concat (e.name || ':' || j.name) FROM"
                                                     " (SELECT * FROM enterprise ORDER BY id) e"
                                                     " JOIN jurisdiction j ON j.id = e.jurisdiction_id");
  g_autofree char *path = fixture ("hidden.xlsx");
  g_auto(GStrv) sheets = sl_table_list_sheets (path);
  g_autofree char *report = sl_import_plan_report (plan);

  /* The visible 所属地区 wins over the hidden one; the hidden row is read, and said. */
  g_assert_cmpstr (name, ==, "隐藏表之后的公司:东海县,隐藏行的公司:东海县");
  g_assert_nonnull (strstr (report, "Column C is hidden in the workbook and not read"));
  g_assert_nonnull (strstr (report, "1 row is hidden in the workbook; it is read like the others"));
  sl_import_plan_free (plan);
  g_assert_cmpstr (sheets[0], ==, "名单");
  g_assert_cmpstr (sheets[1], ==, "旧名单");
}

/* Values as Excel shows them: 1904 dates, ISO date cells, 0%, _x000D_,
 * an empty <v></v>, formulas, rich text, booleans; parts found through
 * the relationships. */
static void
test_cell_values (void)
{
  g_autoptr(SlStore) store = import ("cells.xlsx", NULL);
  g_autofree char *first = sl_test_query_text_printf (store,
    "SELECT c.valid_from || '|' || f.cnc_rate || '|' || ifnull (f.revenue, 'none') || '|' || e.main_product"
    " FROM enterprise e JOIN certification c ON c.enterprise_id = e.id"
    " JOIN annual_figures f ON f.enterprise_id = e.id WHERE e.credit_code = '%s'", codes[7]);
  g_autofree char *second = sl_test_query_text_printf (store,
    "SELECT c.valid_from || '|' || f.revenue || '|' || e.main_product || '|'"
    " || (SELECT group_concat (honour_key || ' ' || year) FROM enterprise_honour WHERE enterprise_id = e.id)"
    " FROM enterprise e JOIN certification c ON c.enterprise_id = e.id"
    " JOIN annual_figures f ON f.enterprise_id = e.id WHERE e.credit_code = '%s'", codes[8]);

  g_assert_cmpstr (first, ==, "2024-03-15|55.0|none|阀门\r管件");
  /* A formula's cached value; the runs of a rich string without its
   * phonetic guide; a boolean cell as 是. */
  g_assert_cmpstr (second, ==, "2023-05-01|15205000|阀门 & 管件|high_tech 2024");
}

/* Tiers are never guessed: a name that is not a tier is refused with the
 * list; an exact alias is taken. */
static void
test_tiers (void)
{
  SlImportPlan *plan = NULL;
  g_autoptr(SlStore) store = import ("tiers.csv", &plan);
  GPtrArray *problems = sl_import_plan_get_problems (plan);
  g_autofree char *tier = sl_test_query_text_printf (store, "SELECT c.tier_key FROM certification c JOIN enterprise e"
                                                    " ON e.id = c.enterprise_id WHERE e.credit_code = '%s'", codes[11]);

  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (((SlImportProblem *) problems->pdata[0])->reason, "“小巨人培育企业” is not a tier of the plan: write one of 培育库企业、"));
  g_assert_nonnull (strstr (((SlImportProblem *) problems->pdata[1])->reason, "“拟申报专精特新中小企业” is not a tier"));
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 1);
  g_assert_cmpstr (tier, ==, "little_giant");
  sl_import_plan_free (plan);
}

/* Ordinary dirt cleaned, not refused; a code stored as a number refused
 * with what to do. */
static void
test_dirt (void)
{
  SlImportPlan *plan = NULL;
  g_autoptr(SlStore) store = import ("dirt.csv", &plan);
  GPtrArray *problems = sl_import_plan_get_problems (plan);
  g_autofree char *first = sl_test_query_text_printf (store,
    "SELECT e.name || '|' || c.valid_from || '|' || f.year || '|' || f.revenue || '|' || f.rd_expense"
    " || '|' || ifnull (f.patents_valid, 'none')"
    " || '|' || (SELECT count(*) FROM enterprise_honour h WHERE h.enterprise_id = e.id AND h.honour_key = 'high_tech')"
    " FROM enterprise e JOIN certification c ON c.enterprise_id = e.id"
    " JOIN annual_figures f ON f.enterprise_id = e.id WHERE e.credit_code = '%s'", codes[12]);
  g_autofree char *second = sl_test_query_text_printf (store,
    "SELECT c.valid_from || '|' || ifnull (f.revenue, 'none') || '|' || f.patents_valid"
    " FROM enterprise e JOIN certification c ON c.enterprise_id = e.id"
    " JOIN annual_figures f ON f.enterprise_id = e.id WHERE e.credit_code = '%s'", codes[13]);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((SlImportProblem *) problems->pdata[0])->row, ==, 5);
  g_assert_nonnull (strstr (((SlImportProblem *) problems->pdata[0])->reason, "format it as text and type the codes again"));
  /* U+3000 and NBSP trimmed; 2023年5月; full-width １５２０．５万元; "/" empty; ✓; noise rounded. */
  g_assert_cmpstr (first, ==, "脏数据甲公司|2023-05-01|2024|15205000|3939800|none|1");
  /* 20230501; "—" empty; 12件. */
  g_assert_cmpstr (second, ==, "2023-05-01|none|12");
  sl_import_plan_free (plan);
}

/* On the command line an import applied at once is its own trial: what
 * only the write refuses (a certification overlapping the ledger's) is
 * told with its row, and nothing is written unless refused rows are
 * skipped. */
static void
test_cli_one_write (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *csv = fixture ("overlap.csv");
  g_autofree char *text = g_strdup_printf ("企业名称,统一社会信用代码,所属地区,当前梯度,认定日期\n"
                                           "重叠公司,%s,东海县,创新型中小企业,2023-06-01\n"
                                           "新来公司,%s,东海县,,\n", codes[0], codes[9]);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  {
    g_autofree char *title = fixture ("title.xlsx");
    g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, title, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
  }
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  status = sl_test_run_cli ((const char *[]) { "--db", ledger, "--import", csv, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Row 2: Valid from: the firm already holds this tier"));
  g_assert_null (strstr (out, "Row 2: add"));
  g_assert_nonnull (strstr (err, "1 row is refused: nothing was imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sl_store_count_enterprises (store), ==, 3);
  }
  status = sl_test_run_cli ((const char *[]) { "--db", ledger, "--import", csv, "--skip-bad-rows", NULL }, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Imported."));
  {
    g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_DEFAULT, &error);
    g_assert_cmpint (sl_store_count_enterprises (store), ==, 4);
    g_assert_cmpint (sl_test_query_int_printf (store, "SELECT count(*) FROM enterprise WHERE credit_code = '%s'", codes[9]), ==, 1);
  }
}

/* Pool firms listed without a date are imported, held in every month; a
 * tier that needs a date still refuses the row; the roster exported and
 * imported again changes nothing. */
static void
test_pool_without_dates (void)
{
  SlImportPlan *plan = NULL;
  g_autoptr(SlStore) store = import ("pool.csv", &plan);
  GPtrArray *problems = sl_import_plan_get_problems (plan);
  g_autofree char *again = sl_test_temp_path ("again.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *held = NULL;

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((SlImportProblem *) problems->pdata[0])->row, ==, 5);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 3);
  held = sl_test_query_text (store, "SELECT group_concat (e.name || ':' || c.valid_from || ':' || ifnull (c.certified_on, '-') || ':' || e.top_tier, ',')"
                                    " FROM (SELECT * FROM enterprise ORDER BY id) e JOIN certification c ON c.enterprise_id = e.id");
  g_assert_cmpstr (held, ==, "入库甲公司:1900-01-01:-:0,入库乙公司:1900-01-01:-:0,入库丙公司:2024-05-01:2024-05-01:0");
  /* Held at the end of a month long past, as at every month's end. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification WHERE tier_key = 'pool'"
                                             " AND valid_from <= '2023-06-30' AND ifnull (valid_until, '9999-12-31') >= '2023-06-30'"), ==, 2);
  sl_import_plan_free (plan);

  g_assert_true (sl_roster_export_file (store, again, &error));
  plan = sl_import_plan_read (store, again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 0);
  g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
  sl_import_plan_free (plan);
}

/* The clerk's choice of header row, on the command line too. */
static void
test_header_row_choice (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *path = fixture ("title.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) rows = sl_table_read (path, NULL, &error);
  g_autoptr(SlImportPlan) plan = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* Row 2 names no column: refused, saying what to do. */
  plan = sl_import_plan_new_at (store, rows, 2, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "Choose the header row"));
  g_clear_error (&error);
  plan = sl_import_plan_new_at (store, rows, 4, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 3);
  g_clear_object (&store);

  status = sl_test_run_cli ((const char *[]) { "--db", ledger, "--import", path, "--header-row", "4", "--dry-run", NULL },
                            &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "3 rows: 3 to add"));
  g_free (out);
  g_free (err);
  status = sl_test_run_cli ((const char *[]) { "--db", ledger, "--import", path, "--header-row", "x", NULL }, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "--header-row: “x” is not a row"));
}

/* The same title roster as gnumeric writes it in Excel 97–2003 (.xls),
 * and the two-row roster as the HTML table a platform calls .xls. */
static void
test_other_formats (void)
{
  g_autofree char *xls = g_test_build_filename (G_TEST_DIST, "fixtures", "roster-title-gnumeric.xls", NULL);
  g_autofree char *html = g_test_build_filename (G_TEST_DIST, "fixtures", "roster-two-row-gnumeric-html.xls", NULL);
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *first = NULL;
  g_autofree char *figures = NULL;

  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, xls, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sl_import_plan_get_header_row (plan), ==, 4);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
  }
  first = sl_test_query_text_printf (store, "SELECT e.name || '|' || c.valid_from FROM enterprise e"
                                    " JOIN certification c ON c.enterprise_id = e.id WHERE e.credit_code = '%s'", codes[0]);
  g_assert_cmpstr (first, ==, "东海标题甲有限公司|2024-03-15");
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, html, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
  }
  figures = sl_test_query_text_printf (store, "SELECT f.year || '|' || f.revenue || '|' || f.patents_valid FROM annual_figures f"
                                      " JOIN enterprise e ON e.id = f.enterprise_id WHERE e.credit_code = '%s'", codes[3]);
  g_assert_cmpstr (figures, ==, "2024|15205000|12");
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 5);

  /* The same workbook named .et, WPS's own, is read; a damaged one is named. */
  {
    g_autofree char *data = NULL;
    gsize len = 0;
    g_autofree char *et = fixture ("roster.et");
    g_autofree char *broken = fixture ("broken.et");
    g_autoptr(GPtrArray) rows = NULL;

    g_assert_true (g_file_get_contents (xls, &data, &len, NULL));
    g_assert_true (g_file_set_contents (et, data, (gssize) len, NULL));
    rows = sl_table_read (et, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, >=, 8);
    g_assert_true (g_file_set_contents (broken, data, 600, NULL));
    g_assert_null (sl_table_read (broken, NULL, &error));
    g_assert_nonnull (strstr (error->message, "WPS spreadsheet (.et)"));
  }
}

/* Everything the ledger holds of its firms, in one text to compare. */
static char *
ledger_state (SlStore *store)
{
  return sl_test_query_text (store,
    "SELECT group_concat (x, ';') FROM (SELECT e.credit_code || '|' || e.name || '|' || j.name || '|' || ifnull (e.contact, '')"
    " || '|' || ifnull (e.main_product, '') || '|' || ifnull ((SELECT group_concat (c.tier_key || '@' || c.valid_from)"
    "   FROM certification c WHERE c.enterprise_id = e.id), '')"
    " || '|' || ifnull ((SELECT group_concat (f.year || ':' || ifnull (f.revenue, '') || ':' || ifnull (f.rd_expense, '')"
    "   || ':' || ifnull (f.patents_valid, '') || ':' || ifnull (f.cnc_rate, '')) FROM annual_figures f WHERE f.enterprise_id = e.id), '') AS x"
    " FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id ORDER BY e.credit_code)");
}

/* A second writer: each roster as LibreOffice Calc 7.4 saves it again
 * (committed, see tests/fixtures/README.md) lands in the ledger exactly as
 * the one written here part by part. */
static void
test_libreoffice_resaves (void)
{
  const char *names[] = { "title", "two-row", "cells", "hidden" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *ours_name = g_strconcat (names[i], ".xlsx", NULL);
      g_autofree char *theirs_name = g_strdup_printf ("roster-%s-libreoffice.xlsx", names[i]);
      g_autofree char *theirs = g_test_build_filename (G_TEST_DIST, "fixtures", theirs_name, NULL);
      g_autofree char *ledger = sl_test_temp_path ("ledger.db");
      g_autoptr(GError) error = NULL;
      g_autoptr(SlStore) a = import (ours_name, NULL);
      g_autoptr(SlStore) b = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
      g_autoptr(SlImportPlan) plan = sl_import_plan_read (b, theirs, NULL, &error);
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      g_assert_true (sl_import_apply (plan, TRUE, &error));
      want = ledger_state (a);
      got = ledger_state (b);
      g_assert_nonnull (want);
      if (g_strcmp0 (want, got) != 0)
        g_error ("%s: ours %s\nLibreOffice's %s", names[i], want, got);
    }
}

/* LibreOffice makes all-digit codes numbers (9.13207247000002E+017,
 * the last digits lost, two firms alike): each such row is told to format
 * the column as text, none is "the same code as" another, and the firm
 * whose code kept its letters is added. */
static void
test_codes_made_numbers (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "roster-number-code-libreoffice.xlsx", NULL);
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, path, NULL, &error);
  g_autofree char *firms = NULL;
  GPtrArray *problems;

  g_assert_no_error (error);
  problems = sl_import_plan_get_problems (plan);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      SlImportProblem *p = problems->pdata[i];

      g_assert_cmpuint (p->row, ==, i + 2);
      g_assert_cmpstr (p->column, ==, "统一社会信用代码");
      g_assert_nonnull (strstr (p->reason, "the column is formatted as a number; format it as text"));
    }
  g_assert_true (sl_import_apply (plan, TRUE, &error));
  g_assert_no_error (error);
  firms = sl_test_query_text (store, "SELECT group_concat (credit_code || ' ' || name) FROM enterprise");
  g_assert_cmpstr (firms, ==, "91320707MA0000015W 丙医药科技有限公司");
}

/* CSV as "Unicode 文本" (UTF-16 with tabs); spreadsheets the import does
 * not read are named by their content, with what to do. */
static void
test_encodings_and_refusals (void)
{
  g_autofree char *csv = fixture ("tiers.csv");
  g_autofree char *utf8 = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *tabs = NULL;
  g_autofree char *path = fixture ("tiers-utf16.txt");
  g_autofree char *ods = fixture ("roster.xls");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize len = 0, n = 0;
  GString *bom = g_string_new_len ("\xff\xfe", 2);

  g_assert_true (g_file_get_contents (csv, &utf8, &len, NULL));
  tabs = g_strdelimit (g_strdup (utf8), ",", '\t');
  utf16 = g_convert (tabs, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
  g_string_append_len (bom, utf16, (gssize) n);
  g_assert_true (g_file_set_contents (path, bom->str, (gssize) bom->len, NULL));
  g_string_free (bom, TRUE);
  rows = sl_table_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[3])->pdata[3], ==, "国家级专精特新小巨人企业");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* UTF-8 with one broken byte: told where, not read as GB18030. */
  {
    const char broken[] = "企业名称,统一社会信用代码\n甲公司,91320722MA20KD3R5T\n乙\xff公司,x\n";

    rows = sl_table_read_csv (broken, sizeof broken - 1, &error);
    g_assert_null (rows);
    g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "Row 3, column 1: the byte 0xFF is not UTF-8"));
    g_clear_error (&error);
  }

  /* An OpenDocument spreadsheet under an .xls name. */
  {
    g_autofree char *zip = g_build_filename (folder, "ods.py", NULL);
    g_autofree char *script = g_strdup_printf ("import zipfile\nz = zipfile.ZipFile('%s', 'w')\n"
                                               "z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')\n"
                                               "z.writestr('content.xml', '<x/>')\nz.close()\n", ods);
    int status = 0;

    g_assert_true (g_file_set_contents (zip, script, -1, NULL));
    g_assert_true (g_spawn_sync (NULL, (char *[]) { "python3", zip, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, NULL, NULL, &status, NULL));
  }
  rows = sl_table_read (ods, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "OpenDocument spreadsheet (.ods)"));
  g_assert_nonnull (strstr (error->message, "save it as an Excel workbook (.xlsx)"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *script = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  int result;

  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  script = g_test_build_filename (G_TEST_DIST, "make-rosters.py", NULL);
  folder = g_dir_make_tmp ("sl-rosters-XXXXXX", NULL);
  if (!g_spawn_sync (NULL, (char *[]) { "python3", script, folder, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &printed, &err, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    g_error ("make-rosters.py: %s", err ? err : "did not run");
  codes = g_strsplit (g_strstrip (printed), "\n", -1);
  g_test_add_func ("/import-shapes/title-rows", test_title_rows);
  g_test_add_func ("/import-shapes/two-row-header", test_two_row_header);
  g_test_add_func ("/import-shapes/hidden-sheet", test_hidden_sheet);
  g_test_add_func ("/import-shapes/cell-values", test_cell_values);
  g_test_add_func ("/import-shapes/tiers", test_tiers);
  g_test_add_func ("/import-shapes/dirt", test_dirt);
  g_test_add_func ("/import-shapes/header-row-choice", test_header_row_choice);
  g_test_add_func ("/import-shapes/pool-without-dates", test_pool_without_dates);
  g_test_add_func ("/import-shapes/cli-one-write", test_cli_one_write);
  g_test_add_func ("/import-shapes/other-formats", test_other_formats);
  g_test_add_func ("/import-shapes/libreoffice-resaves", test_libreoffice_resaves);
  g_test_add_func ("/import-shapes/codes-made-numbers", test_codes_made_numbers);
  g_test_add_func ("/import-shapes/encodings-and-refusals", test_encodings_and_refusals);
  result = g_test_run ();
  g_strfreev (codes);
  return result;
}
