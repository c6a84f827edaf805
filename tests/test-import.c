/* test-import.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-demo.h"
#include "sl-figures.h"
#include "sl-import.h"
#include "sl-table-read.h"
#include "sl-test-util.h"
#include "sl-xlsx-reader.h"
#include <xlsxwriter.h>

static const char *header =
  "企业名称,统一社会信用代码,所属地区,当前梯度,认定日期,联系人,营业收入(万元),研发费用(万元),有效授权专利(件),高新技术企业(是/否),指标年度\n";

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = sl_test_temp_path (name);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static const char *
at (GPtrArray *rows,
    guint      row,
    guint      col)
{
  GPtrArray *r = rows->pdata[row];
  return col < r->len ? r->pdata[col] : NULL;
}

/* GB18030 as Chinese Excel saves it, UTF-8 with a BOM, tabs, and quoted
 * fields with commas, quotes and line breaks. */
static void
test_csv_encodings (void)
{
  const char *text = "名称,备注\n\"甲公司, 二厂\",\"第一行\n第二行\"\n乙公司,\"说\"\"是\"\"\"\n";
  g_autofree char *gb = g_convert (text, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);
  g_autoptr(GError) error = NULL;
  const char *inputs[] = { gb, bom, text };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) rows = sl_table_read_csv (inputs[i], strlen (inputs[i]), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 3);
      g_assert_cmpstr (at (rows, 0, 0), ==, "名称");
      g_assert_cmpstr (at (rows, 1, 0), ==, "甲公司, 二厂");
      g_assert_cmpstr (at (rows, 1, 1), ==, "第一行\n第二行");
      g_assert_cmpstr (at (rows, 2, 1), ==, "说\"是\"");
    }
  {
    const char *tabs = "名称\t代码\n甲\t1,2\n";
    g_autoptr(GPtrArray) rows = sl_table_read_csv (tabs, strlen (tabs), &error);
    g_assert_cmpstr (at (rows, 1, 1), ==, "1,2");
  }
}

/* A workbook written by LibreOffice (committed: see tests/fixtures), with
 * aliases for headers, a date cell, numbers and a quoted comma. */
static void
test_xlsx_other_writer (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "roster-libreoffice.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sl_table_read (path, NULL, &error);
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlImportPlan) plan = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (at (rows, 1, 5), ==, "2024-03-15");
  g_assert_cmpstr (at (rows, 1, 7), ==, "1520.5");
  g_assert_cmpstr (at (rows, 2, 0), ==, "连云港测试乙新材料有限公司, 二厂");

  plan = sl_import_plan_new (store, rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
  g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 2);
  g_assert_true (sl_import_apply (plan, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT revenue FROM annual_figures a JOIN enterprise e ON e.id = a.enterprise_id"
                                             " WHERE e.credit_code = '91320722MA20KD3R5T' AND a.year = 2025"), ==, 15205000);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
                                             " WHERE e.credit_code = '91320722MA20KD3R5T' AND c.tier_key = 'srdi' AND c.valid_from = '2024-03-15'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise_honour WHERE honour_key = 'high_tech'"), ==, 1);
}

/* Every kind of cell, as libxlsxwriter writes them in its default mode
 * (shared strings): text, numbers, a date, booleans, a formula with its
 * result, and gaps. */
static void
test_xlsx_cells (void)
{
  g_autofree char *path = sl_test_temp_path ("cells.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "名单");
  lxw_format *date = workbook_add_format (wb);
  lxw_datetime day = { 2024, 3, 15, 0, 0, 0 };

  format_set_num_format (date, "yyyy年m月d日");
  worksheet_write_string (ws, 0, 0, "名称", NULL);
  worksheet_write_string (ws, 0, 3, "日期", NULL);
  worksheet_write_string (ws, 1, 0, "=不是公式", NULL);
  worksheet_write_number (ws, 1, 1, 1520.25, NULL);
  worksheet_write_boolean (ws, 1, 2, 1, NULL);
  worksheet_write_datetime (ws, 1, 3, &day, date);
  worksheet_write_formula_num (ws, 1, 4, "=B2*2", NULL, 3040.5);
  worksheet_write_boolean (ws, 3, 2, 0, NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  rows = sl_table_read (path, "名单", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (at (rows, 0, 1), ==, "");
  g_assert_cmpstr (at (rows, 1, 0), ==, "=不是公式");
  g_assert_cmpstr (at (rows, 1, 1), ==, "1520.25");
  g_assert_cmpstr (at (rows, 1, 2), ==, "TRUE");
  g_assert_cmpstr (at (rows, 1, 3), ==, "2024-03-15");
  g_assert_cmpstr (at (rows, 1, 4), ==, "3040.5");
  g_assert_cmpuint (((GPtrArray *) rows->pdata[2])->len, ==, 0);
  g_assert_cmpstr (at (rows, 3, 2), ==, "FALSE");
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_null (sl_table_read (path, "没有这张表", &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
}

static SlImportPlan *
plan_for (SlStore    *store,
          const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sl_table_read_csv (csv, strlen (csv), &error);
  SlImportPlan *plan;

  g_assert_no_error (error);
  plan = sl_import_plan_new (store, rows, &error);
  g_assert_no_error (error);
  return plan;
}

static gboolean
has_problem (SlImportPlan *plan,
             guint         row,
             const char   *column,
             const char   *words)
{
  GPtrArray *problems = sl_import_plan_get_problems (plan);

  for (guint i = 0; i < problems->len; i++)
    {
      SlImportProblem *p = problems->pdata[i];
      if (p->row == row && g_strcmp0 (p->column, column) == 0 && strstr (p->reason, words))
        return TRUE;
    }
  return FALSE;
}

/* Every kind of bad row is reported with its row, column and reason, and
 * nothing is written while one is. */
static void
test_bad_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autofree char *csv = g_strconcat (header,
    "甲公司,91320722MA20KD3R5X,东海县,,,,,,,,\n"          /* 2: check character */
    "乙公司,91320706704042460D,东海,,,,,,,,\n"            /* 3: unknown jurisdiction */
    "丙公司,91320700MA1MABCD6L,海州区,,,,abc,,,,\n"       /* 4: not a number */
    "丁公司,91320700MA1MABCD6L,海州区,,,,,,,,\n"          /* 5: duplicate of 4 */
    "戊公司,91320722MA20KD3R5T,海州区,,,,,,1.5,也许,\n"   /* 6: not whole, not 是/否 */
    "己公司,91320700MA1N8C0K6Q,海州区,专精特新,上周,,,,,,\n" /* 7: bad date (and a bad code) */
    "庚公司,,海州区,第五梯度,2024,,,,,,\n",               /* 8: no code, unknown tier */
    NULL);
  g_autoptr(SlImportPlan) plan = plan_for (store, csv);
  g_autofree char *report = sl_import_plan_report (plan);

  g_assert_true (has_problem (plan, 2, "统一社会信用代码", "check character"));
  g_assert_true (has_problem (plan, 3, "所属地区", "did you mean “东海县”"));
  g_assert_true (has_problem (plan, 4, "营业收入(万元)", "“abc”"));
  g_assert_true (has_problem (plan, 5, "统一社会信用代码", "row 4"));
  g_assert_true (has_problem (plan, 6, "有效授权专利(件)", "whole number"));
  g_assert_true (has_problem (plan, 6, "高新技术企业(是/否)", "是"));
  g_assert_true (has_problem (plan, 7, "认定日期", "“上周”"));
  g_assert_true (has_problem (plan, 8, "统一社会信用代码", "required"));
  g_assert_true (has_problem (plan, 8, "当前梯度", "“第五梯度”"));
  g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 0);
  g_assert_nonnull (strstr (report, "Row 3, column “所属地区”"));

  g_assert_false (sl_import_apply (plan, FALSE, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, 0);
}

typedef struct
{
  char *enterprises;
  char *figures;
  char *certifications;
  char *honours;
} Snapshot;

static void
snapshot (SlStore  *store,
          Snapshot *s)
{
  s->enterprises = sl_test_query_text (store, "SELECT group_concat (id || name || credit_code || jurisdiction_id || ifnull (chain_id, '-')"
                                              " || ifnull (contact, '-') || ifnull (deleted_at, '-'), '|') FROM (SELECT * FROM enterprise ORDER BY id)");
  s->figures = sl_test_query_text (store, "SELECT group_concat (enterprise_id || year || ifnull (revenue, '-') || ifnull (rd_expense, '-')"
                                          " || ifnull (patents_valid, '-'), '|') FROM (SELECT * FROM annual_figures ORDER BY 1, 2)");
  s->certifications = sl_test_query_text (store, "SELECT group_concat (id || tier_key || status || ifnull (valid_from, '-'), '|')"
                                                 " FROM (SELECT * FROM certification ORDER BY id)");
  s->honours = sl_test_query_text (store, "SELECT group_concat (enterprise_id || honour_key || year, '|')"
                                          " FROM (SELECT * FROM enterprise_honour ORDER BY 1, 2, 3)");
}

static void
snapshot_clear (Snapshot *s)
{
  g_free (s->enterprises);
  g_free (s->figures);
  g_free (s->certifications);
  g_free (s->honours);
}

/* Export then import changes nothing, in .csv and in .xlsx; an import
 * that adds and updates is one audited write, and Undo puts back exactly
 * what was. */
static void
test_round_trip_and_undo (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *csv = sl_test_temp_path ("roster.csv");
  g_autofree char *xlsx = sl_test_temp_path ("roster.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *first_code = NULL;
  g_autofree char *changes_csv = NULL;
  g_autofree char *changes_path = NULL;
  g_autofree char *data = NULL;
  Snapshot before = { 0 }, after = { 0 };
  gint64 audits;

  g_assert_true (sl_demo_generate (store, 60, NULL, NULL, NULL, &error));
  g_assert_true (sl_roster_export_file (store, csv, &error));
  g_assert_true (sl_roster_export_file (store, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &data, NULL, NULL));
  g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBF企业名称,统一社会信用代码"));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, i ? xlsx : csv, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (sl_import_plan_n_rows (plan), ==, 60);
      g_assert_cmpuint (sl_import_plan_n_unchanged (plan), ==, 60);
      g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 0);
      g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
    }

  /* Into another ledger: the same firms holding the same tiers today, as
   * each certification's end date travels with it. */
  {
    g_autofree char *other_path = sl_test_temp_path ("other.db");
    g_autoptr(SlStore) other = sl_ledger_open (other_path, SL_STORE_OPEN_CREATE, &error);
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (other, csv, NULL, &error);
    const char *tiers = "SELECT group_concat (credit_code || ':' || ifnull (top_tier, '-'), ',')"
                        " FROM (SELECT * FROM enterprise ORDER BY credit_code)";
    g_autofree char *ours = sl_test_query_text (store, tiers);
    g_autofree char *theirs = NULL;

    g_assert_no_error (error);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
    theirs = sl_test_query_text (other, tiers);
    g_assert_cmpstr (theirs, ==, ours);
  }

  /* One firm updated, one added; then undone. */
  snapshot (store, &before);
  first_code = sl_test_query_text (store, "SELECT credit_code FROM enterprise ORDER BY id LIMIT 1");
  changes_csv = g_strdup_printf ("%s%s,%s,东海县,创新型中小企业,2026-01-05,新联系人,999.5,50,7,是,2025\n"
                                 "新增公司,91320722MA20KD3R5T,海州区,,,,,10,,,2025\n",
                                 header, "改名公司", first_code);
  changes_path = write_file ("changes.csv", changes_csv, -1);
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, changes_path, NULL, &error);
    GPtrArray *actions = sl_import_plan_get_actions (plan);
    SlImportAction *update = actions->pdata[0];

    g_assert_no_error (error);
    g_assert_cmpuint (actions->len, ==, 2);
    g_assert_true (update->update);
    g_assert_nonnull (strstr (update->changes, "企业名称: "));
    g_assert_nonnull (strstr (update->changes, "→ 改名公司"));
    g_assert_nonnull (strstr (update->changes, "联系人: "));
    /* A jurisdiction is reported by its name, never by its code. */
    g_assert_nonnull (strstr (update->changes, "所属地区: "));
    g_assert_nonnull (strstr (update->changes, "→ 东海县"));
    g_assert_false (((SlImportAction *) actions->pdata[1])->update);
    audits = sl_test_query_int (store, "SELECT count(*) FROM audit_log");
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), >, audits + 3);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'import'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE name = '改名公司' AND contact = '新联系人'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE credit_code = '91320722MA20KD3R5T'"), ==, 1);

  g_assert_true (sl_import_undo_last (store, &error));
  g_assert_no_error (error);
  snapshot (store, &after);
  g_assert_cmpstr (after.enterprises, ==, before.enterprises);
  g_assert_cmpstr (after.figures, ==, before.figures);
  g_assert_cmpstr (after.certifications, ==, before.certifications);
  g_assert_cmpstr (after.honours, ==, before.honours);
  g_assert_false (sl_import_undo_last (store, &error));
  g_assert_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND);
  snapshot_clear (&before);
  snapshot_clear (&after);
}

/* Truncated, garbled and oversized files are refused with a message; the
 * readers never crash or hang on them. */
static void
test_malformed (void)
{
  g_autofree char *good = sl_test_temp_path ("good.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autofree char *data = NULL;
  gsize len = 0;
  GRand *rand = g_rand_new_with_seed (20261125);

  g_assert_true (sl_demo_generate (store, 30, NULL, NULL, NULL, &error));
  g_assert_true (sl_roster_export_file (store, good, &error));
  g_assert_true (g_file_get_contents (good, &data, &len, NULL));

  /* Every truncation length in steps, and random bytes flipped. */
  for (gsize cut = 0; cut < len; cut += len / 40 + 1)
    {
      g_autofree char *path = write_file ("cut.xlsx", data, (gssize) cut);
      g_autoptr(GPtrArray) rows = sl_table_read (path, NULL, &error);
      g_assert_true (rows != NULL || error != NULL);
      g_clear_error (&error);
    }
  for (guint round = 0; round < 40; round++)
    {
      g_autofree char *copy = g_memdup2 (data, len);
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      for (guint k = 0; k < 8; k++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] = (char) g_rand_int_range (rand, 0, 256);
      path = write_file ("garbled.xlsx", copy, (gssize) len);
      rows = sl_table_read (path, NULL, &error);
      g_assert_true (rows != NULL || error != NULL);
      g_clear_error (&error);
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = sl_table_read_csv (copy, len, &error);
      g_assert_true (rows != NULL || error != NULL);
      g_clear_error (&error);
    }
  {
    /* Not a zip at all; an unterminated quote; a very wide row. */
    g_autofree char *path = write_file ("plain.xlsx", "hello", -1);
    g_autoptr(GPtrArray) rows = sl_table_read (path, NULL, &error);
    g_autoptr(GString) wide = g_string_new (NULL);
    g_autoptr(GPtrArray) quoted = NULL;
    g_autoptr(GPtrArray) many = NULL;

    g_assert_null (rows);
    g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT);
    g_clear_error (&error);
    quoted = sl_table_read_csv ("a,\"b\nc", 6, &error);
    g_assert_true (quoted != NULL || error != NULL);
    g_clear_error (&error);
    for (guint i = 0; i < 100000; i++)
      g_string_append (wide, "x,");
    many = sl_table_read_csv (wide->str, wide->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (((GPtrArray *) many->pdata[0])->len, <=, 16384);
  }
  g_rand_free (rand);
}

/* The template: headers with comments, lists to choose from in a hidden
 * sheet, a sample row that imports as it is. */
static void
test_template (void)
{
  g_autofree char *path = sl_test_temp_path ("template.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlBook) book = NULL;
  g_autoptr(SlImportPlan) plan = NULL;
  const char *xml;

  g_assert_true (sl_import_write_template (store, path, &error));
  g_assert_no_error (error);
  book = sl_book_read (path);
  g_assert_cmpuint (book->names->len, ==, 2);
  {
    g_auto(GStrv) sheets = sl_table_list_sheets (path);
    g_assert_cmpuint (g_strv_length (sheets), ==, 2);
    g_assert_cmpstr (sheets[1], ==, "lists");
  }
  g_assert_cmpstr (sl_book_cell (book, "Enterprises", "A1")->text, ==, "企业名称");
  g_assert_cmpstr (sl_book_cell (book, "Enterprises", "B1")->text, ==, "统一社会信用代码");
  g_assert_cmpstr (sl_book_cell (book, "lists", "C1")->text, ==, "是");
  g_assert_nonnull (strstr (book->workbook, "name=\"lists\" sheetId=\"2\" state=\"hidden\""));
  xml = g_hash_table_lookup (book->xml, "Enterprises");
  g_assert_nonnull (strstr (xml, "sqref=\"C2:C10001\"><formula1>lists!$A$1:$A$"));
  g_assert_nonnull (strstr (xml, "sqref=\"E2:E10001\"><formula1>lists!$B$1:$B$5"));
  g_assert_nonnull (strstr (xml, "sqref=\"R2:R10001\"><formula1>lists!$C$1:$C$2"));
  g_assert_nonnull (strstr (xml, "<legacyDrawing"));

  plan = sl_import_plan_read (store, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
  g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 1);
}

/* What only the write sees (a certification overlapping one the ledger
 * holds) is refused by the dry run already, and skipping it never fails
 * the import as a whole. */
static void
test_dry_run_truth (void)
{
  g_autofree char *a_path = sl_test_temp_path ("a.db");
  g_autofree char *b_path = sl_test_temp_path ("b.db");
  g_autofree char *csv = sl_test_temp_path ("a.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) a = sl_ledger_open (a_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) b = sl_ledger_open (b_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlImportPlan) plan = NULL;
  gint64 firms, audits;
  guint refused;

  g_assert_true (sl_demo_generate (a, 200, NULL, NULL, NULL, &error));
  /* The same firms, drawn again from another index: other certification dates. */
  g_assert_true (sl_demo_generate (b, 1, NULL, NULL, NULL, &error));
  g_assert_true (sl_demo_generate (b, 250, NULL, NULL, NULL, &error));
  g_assert_true (sl_roster_export_file (a, csv, &error));
  g_assert_no_error (error);
  firms = sl_store_count_enterprises (b);
  audits = sl_test_query_int (b, "SELECT count(*) FROM audit_log");

  plan = sl_import_plan_read (b, csv, NULL, &error);
  g_assert_no_error (error);
  refused = sl_import_plan_n_refused (plan);
  g_assert_cmpuint (refused, >, 0);
  g_assert_nonnull (strstr (((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[0])->reason, "overlap"));
  /* The dry run wrote nothing. */
  g_assert_cmpint (sl_store_count_enterprises (b), ==, firms);
  g_assert_cmpint (sl_test_query_int (b, "SELECT count(*) FROM audit_log"), ==, audits);

  g_assert_false (sl_import_apply (plan, FALSE, &error));
  g_clear_error (&error);
  g_assert_cmpint (sl_store_count_enterprises (b), ==, firms);
  g_assert_true (sl_import_apply (plan, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_import_plan_n_refused (plan), ==, refused);
  /* Each firm the import added has its audit row (the demo's 251 have one for all). */
  g_assert_cmpint (sl_test_query_int (b, "SELECT count(*) FROM audit_log WHERE entity = 'enterprise' AND action = 'create'"),
                   ==, sl_test_query_int (b, "SELECT count(*) FROM enterprise") - 251);
}

/* Undo Import undoes the last import that changed something, and nothing
 * else: a no-op import leaves it be, a later change refuses it by name. */
static void
test_undo_rules (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *again = sl_test_temp_path ("again.csv");
  g_autofree char *changes = NULL;
  g_autofree char *changes_path = NULL;
  g_autofree char *which = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlEnterprise) e = NULL;
  gint64 firms;

  g_assert_true (sl_demo_generate (store, 20, NULL, NULL, NULL, &error));
  firms = sl_store_count_enterprises (store);
  changes = g_strdup_printf ("%s新增公司,91320722MA20KD3R5T,海州区,,,,,10,,,2025\n", header);
  changes_path = write_file ("changes.csv", changes, -1);
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, changes_path, NULL, &error);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sl_store_count_enterprises (store), ==, firms + 1);

  /* The whole roster again: every row unchanged. */
  g_assert_true (sl_roster_export_file (store, again, &error));
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, again, NULL, &error);
    g_assert_cmpuint (sl_import_plan_get_actions (plan)->len, ==, 0);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  which = sl_import_describe_last (store);
  g_assert_true (g_str_has_prefix (which, "“changes.csv” of "));
  g_assert_true (g_str_has_suffix (which, ", 1 firm"));
  if (!sl_import_undo_last (store, &error))
    g_error ("%s", error->message);
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, firms);

  /* Imported again, then a firm edited by hand: the undo is refused and says why. */
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, changes_path, NULL, &error);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  e = sl_enterprise_load (store, sl_test_query_int (store, "SELECT id FROM enterprise WHERE credit_code = '91320722MA20KD3R5T'"), &error);
  g_assert_no_error (error);
  g_free (e->contact);
  e->contact = g_strdup ("后来改的联系人");
  g_assert_true (sl_enterprise_update (store, e, &error));
  g_assert_false (sl_import_undo_last (store, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "1 change was written after it (enterprise #"));
  g_clear_error (&error);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, firms + 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE contact = '后来改的联系人'"), ==, 1);
}

/* Imports are a stack: Undo Import takes the newest, then the one before,
 * and the rows of an import already undone do not stop the next undo. */
static void
test_undo_stack (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *one_path = NULL;
  g_autofree char *two_path = NULL;
  g_autofree char *which = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  gint64 firms;
  gint64 code_id;

  g_assert_true (sl_demo_generate (store, 10, NULL, NULL, NULL, &error));
  firms = sl_store_count_enterprises (store);
  one = g_strdup_printf ("%s甲公司,91320722MA20KD3R5T,海州区,,,老联系人,10,,,,2025\n", header);
  /* The second touches the first's firm: its undo must put back the first's values. */
  two = g_strdup_printf ("%s甲公司,91320722MA20KD3R5T,海州区,,,新联系人,10,,,,2025\n"
                         "乙公司,91320700MA1MXYW8KY,东海县,,,,20,,,,2025\n", header);
  one_path = write_file ("one.csv", one, -1);
  two_path = write_file ("two.csv", two, -1);
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, one_path, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, two_path, NULL, &error);
    g_assert_no_error (error);
    if (sl_import_plan_get_problems (plan)->len > 0)
      g_error ("%s", ((SlImportProblem *) sl_import_plan_get_problems (plan)->pdata[0])->reason);
    g_assert_true (sl_import_apply (plan, FALSE, &error));
    g_assert_no_error (error);
  }
  code_id = sl_test_query_int (store, "SELECT id FROM enterprise WHERE credit_code = '91320722MA20KD3R5T'");
  g_assert_cmpint (sl_store_count_enterprises (store), ==, firms + 2);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM import_undo WHERE undone_at IS NULL"), ==, 2);

  which = sl_import_describe_last (store);
  g_assert_true (g_str_has_prefix (which, "“two.csv” of "));
  g_assert_true (g_str_has_suffix (which, ", 2 firms"));
  g_clear_pointer (&which, g_free);
  if (!sl_import_undo_last (store, &error))
    g_error ("%s", error->message);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, firms + 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE contact = '老联系人'"), ==, 1);

  which = sl_import_describe_last (store);
  g_assert_true (g_str_has_prefix (which, "“one.csv” of "));
  if (!sl_import_undo_last (store, &error))
    g_error ("%s", error->message);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, firms);
  /* Every deletion audited, each undo once. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'import' AND action = 'undo-import'"), ==, 2);
  g_assert_cmpint (sl_test_query_int_printf (store, "SELECT count(*) FROM audit_log WHERE entity = 'enterprise' AND entity_id = %"
                                                    G_GINT64_FORMAT " AND action = 'undo-import' AND after IS NULL", code_id), ==, 1);
  g_assert_false (sl_import_undo_last (store, &error));
  g_assert_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND);
}

/* Cells a spreadsheet would run as formulas are exported guarded and come
 * back as they were; amounts outside the ledger's range are refused, named. */
static void
test_hostile_cells (void)
{
  g_autofree char *ledger = sl_test_temp_path ("ledger.db");
  g_autofree char *csv = sl_test_temp_path ("roster.csv");
  g_autofree char *xlsx = sl_test_temp_path ("roster.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *data = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *bad_path = NULL;

  g_assert_true (sl_demo_generate (store, 5, NULL, NULL, NULL, &error));
  sl_test_exec (store, "UPDATE enterprise SET contact = '=HYPERLINK(\"http://x.example\",\"y\")',"
                       " main_product = '=cmd|'' /C calc''!A0', phone = '+86 13800000000' WHERE id = 1");
  g_assert_true (sl_roster_export_file (store, csv, &error));
  g_assert_true (sl_roster_export_file (store, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\","));
  g_assert_nonnull (strstr (data, ",'=cmd|' /C calc'!A0,"));
  g_assert_nonnull (strstr (data, ",'+86 13800000000,"));
  g_assert_null (strstr (data, ",=HYPERLINK"));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, i ? xlsx : csv, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (sl_import_plan_n_unchanged (plan), ==, 5);
      g_assert_cmpuint (sl_import_plan_get_problems (plan)->len, ==, 0);
    }

  bad = g_strdup_printf ("%s新增公司,91320722MA20KD3R5T,海州区,,,,-922337203685479,10,,,2025\n"
                         "新增二公司,91320722MA20KD3R5T,海州区,,,,1000000000.0001,10,,,2025\n", header);
  bad_path = write_file ("amounts.csv", bad, -1);
  {
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, bad_path, NULL, &error);
    GPtrArray *problems;

    g_assert_no_error (error);
    problems = sl_import_plan_get_problems (plan);
    g_assert_cmpuint (problems->len, >=, 1);
    g_assert_nonnull (strstr (((SlImportProblem *) problems->pdata[0])->reason, "from 0 to 1,000,000,000"));
  }
  /* A name's escape sequence and line break are shown in the report, not obeyed. */
  {
    g_autofree char *esc = g_strdup_printf ("%s\"坏\x1b[31m名\n字\",91320722MA20KD3R5T,海州区,,,,,10,,,2025\n", header);
    g_autofree char *esc_path = write_file ("escapes.csv", esc, -1);
    g_autoptr(SlImportPlan) plan = sl_import_plan_read (store, esc_path, NULL, &error);
    g_autofree char *report = NULL;

    g_assert_no_error (error);
    report = sl_import_plan_report (plan);
    g_assert_nonnull (strstr (report, "坏\\x1B[31m名\\n字"));
    g_assert_null (strchr (report, '\x1b'));
  }
  {
    gint64 yuan = 0;

    g_assert_true (sl_amount_from_wan ("1000000000", &yuan));
    g_assert_cmpint (yuan, ==, G_GINT64_CONSTANT (10000000000000));
    g_assert_false (sl_amount_from_wan ("-922337203685479", &yuan));
    g_assert_false (sl_amount_from_wan ("99999999999999999999", &yuan));
    g_assert_false (sl_amount_from_wan ("1000000000.0001", &yuan));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/csv-encodings", test_csv_encodings);
  g_test_add_func ("/import/xlsx-other-writer", test_xlsx_other_writer);
  g_test_add_func ("/import/xlsx-cells", test_xlsx_cells);
  g_test_add_func ("/import/bad-rows", test_bad_rows);
  g_test_add_func ("/import/round-trip-and-undo", test_round_trip_and_undo);
  g_test_add_func ("/import/malformed", test_malformed);
  g_test_add_func ("/import/template", test_template);
  g_test_add_func ("/import/hostile-cells", test_hostile_cells);
  g_test_add_func ("/import/undo-rules", test_undo_rules);
  g_test_add_func ("/import/undo-stack", test_undo_stack);
  g_test_add_func ("/import/dry-run-truth", test_dry_run_truth);

  return g_test_run ();
}
