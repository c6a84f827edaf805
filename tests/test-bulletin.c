/* test-bulletin.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

#include "sl-bulletin.h"
#include "sl-demo.h"
#include "sl-pipeline.h"
#include "sl-summary.h"
#include "sl-target.h"
#include "sl-table-read.h"
#include "sl-test-util.h"
#include "sl-xlsx-reader.h"

/* Every bulletin test reads the workbook back as a spreadsheet program
 * would and compares it with what --summary computes. */

typedef struct
{
  SlStore *store;
  char    *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;

  fx->store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (fx->store, 300, NULL, NULL, NULL, &error));
  fx->dir = g_path_get_dirname (path);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  g_free (fx->dir);
}

static char *
export (Fixture    *fx,
        const char *period,
        const char *scope,
        const char *name)
{
  SlBulletinOptions options = { .period = (char *) period, .scope = (char *) scope, .compiler = "张三" };
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, path, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return path;
}

/* The cell at @row, @col of @sheet, or NULL. */
static SlCell *
cell_at (SlBook     *book,
         const char *sheet,
         guint       row,
         guint       col)
{
  g_autofree char *ref = sl_ref (row, col);

  return sl_book_cell (book, sheet, ref);
}

static void
assert_number (SlBook     *book,
               const char *sheet,
               guint       row,
               guint       col,
               double      expected)
{
  g_autofree char *ref = sl_ref (row, col);
  SlCell *cell = sl_book_cell (book, sheet, ref);

  if (cell == NULL || cell->type != 'n')
    g_error ("%s!%s: expected the number %g, found %s", sheet, ref, expected, cell ? cell->text : "nothing");
  if (fabs (cell->number - expected) > 1e-9)
    g_error ("%s!%s: expected %g, found %g", sheet, ref, expected, cell->number);
}

static void
assert_text (SlBook     *book,
             const char *sheet,
             guint       row,
             guint       col,
             const char *expected)
{
  g_autofree char *ref = sl_ref (row, col);
  SlCell *cell = sl_book_cell (book, sheet, ref);

  if (cell == NULL || cell->type != 's')
    g_error ("%s!%s: expected the text “%s”, found %s", sheet, ref, expected, cell ? cell->text : "nothing");
  g_assert_cmpstr (cell->text, ==, expected);
}

/* A figure of --summary: a number, or "—" when it has none. */
static void
assert_figure (SlBook     *book,
               guint       row,
               guint       col,
               JsonObject *cell,
               const char *member)
{
  JsonNode *n = json_object_get_member (cell, member);

  if (JSON_NODE_HOLDS_NULL (n))
    assert_text (book, "Bulletin", row, col, "—");
  else
    assert_number (book, "Bulletin", row, col, json_node_get_double (n));
}

/* The matrix: a row per jurisdiction (and 合计), five columns a tier. */
static void
assert_summary_sheet (SlBook   *book,
                      JsonNode *summary)
{
  JsonObject *s = json_node_get_object (summary);
  JsonArray *tiers = json_object_get_array_member (s, "tiers");
  JsonArray *units = json_object_get_array_member (s, "jurisdictions");
  guint n_tiers = json_array_get_length (tiers);
  guint row = 0;
  /* One jurisdiction's row is the total: no 合计 repeats it. */
  guint n_rows = json_array_get_length (units) + (json_array_get_length (units) > 1 ? 1 : 0);
  guint first_col[16], n_cols[16];

  /* The table starts below the title block and the written part. */
  while (row < 40 && !(cell_at (book, "Bulletin", row, 0) && g_strcmp0 (cell_at (book, "Bulletin", row, 0)->text, "Jurisdiction") == 0))
    row++;
  g_assert_cmpuint (row, <, 40);
  /* A tier's name over its columns, with its schedule where it has a
   * target; a tier that no one has a target for has its counts only. */
  {
    guint col = 1;

    for (guint t = 0; t < n_tiers; t++)
      {
        SlCell *head = cell_at (book, "Bulletin", row, col);
        const char *key = json_array_get_string_element (tiers, t);
        JsonObject *cell = json_object_get_object_member (json_object_get_object_member (s, "totals"), key);
        gboolean targeted = !JSON_NODE_HOLDS_NULL (json_object_get_member (cell, "target"));

        for (guint i = 0; i < json_array_get_length (units); i++)
          targeted |= !JSON_NODE_HOLDS_NULL (json_object_get_member (json_object_get_object_member (json_object_get_object_member (
                        json_array_get_object_element (units, i), "tiers"), key), "target"));
        g_assert_nonnull (head);
        g_assert_cmpint (strstr (head->text, "(schedule ") != NULL, ==,
                         targeted && !JSON_NODE_HOLDS_NULL (json_object_get_member (cell, "schedule")));
        assert_text (book, "Bulletin", row + 1, col, "Held at month end");
        first_col[t] = col;
        n_cols[t] = targeted ? 5 : 3;
        if (targeted)
          assert_text (book, "Bulletin", row + 1, col + 4, "Completion rate");
        col += n_cols[t];
      }
  }
  row += 2;

  for (guint i = 0; i < n_rows; i++, row++)
    {
      gboolean total = i == json_array_get_length (units);
      JsonObject *u = total ? NULL : json_array_get_object_element (units, i);
      JsonObject *by_tier = total ? json_object_get_object_member (s, "totals") : json_object_get_object_member (u, "tiers");

      assert_text (book, "Bulletin", row, 0, total ? "Total" : json_object_get_string_member (u, "name"));
      for (guint t = 0; t < n_tiers; t++)
        {
          JsonObject *cell = json_object_get_object_member (by_tier, json_array_get_string_element (tiers, t));
          guint col = first_col[t];

          assert_figure (book, row, col, cell, "held");
          assert_figure (book, row, col + 1, cell, "new_in_month");
          assert_figure (book, row, col + 2, cell, "new_in_year");
          if (n_cols[t] < 5)
            continue;
          assert_figure (book, row, col + 3, cell, "target");
          assert_figure (book, row, col + 4, cell, "completion_rate");
        }
    }
}

static void
assert_printable (SlBook *book)
{
  for (guint i = 0; i < book->names->len; i++)
    {
      const char *xml = g_hash_table_lookup (book->xml, book->names->pdata[i]);
      g_autofree char *titles = g_strdup_printf ("_xlnm.Print_Titles\" localSheetId=\"%u\"", i);

      /* A4 landscape, one page wide, headers repeated, page numbers;
       * the bulletin's own sheet repeats none, as its later pages hold
       * tables of other columns. */
      g_assert_nonnull (strstr (xml, "<pageSetUpPr fitToPage=\"1\"/>"));
      g_assert_nonnull (strstr (xml, "paperSize=\"9\""));
      g_assert_nonnull (strstr (xml, "orientation=\"landscape\""));
      g_assert_nonnull (strstr (xml, "fitToHeight=\"0\""));
      g_assert_nonnull (strstr (xml, "&amp;P"));
      g_assert_nonnull (strstr (xml, "&amp;N"));
      g_assert_nonnull (strstr (xml, "<cols>"));
      if (g_str_equal (book->names->pdata[i], "Bulletin"))
        g_assert_null (strstr (book->workbook, titles));
      else
        g_assert_nonnull (strstr (book->workbook, titles));
    }
}

/* The whole ledger's October, exported in November: the same figures as
 * --summary for October, typed as numbers, on printable sheets. */
static void
test_export (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *path = export (fx, "2026-10", NULL, "bulletin.xlsx");
  g_autoptr(SlBook) book = sl_book_read (path);
  g_autoptr(JsonNode) summary = sl_summary_compute (fx->store, "2026-10", NULL, NULL);
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (summary), "indicators");
  g_autofree char *count_sql = g_strdup ("SELECT count(*) FROM enterprise WHERE deleted_at IS NULL");
  gint64 firms = sl_test_query_int (fx->store, count_sql);
  const char *names[] = { "Bulletin", "Indicators", "Programmes", "Certifications", "Enterprises" };

  g_assert_cmpuint (book->names->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (book->names->pdata[i], ==, names[i]);

  /* A 通报's title: the place (the plan's region) and the month. */
  assert_text (book, "Bulletin", 0, 0, "连云港市: SRDI Enterprise Cultivation Work Bulletin, 2026-10");
  assert_text (book, "Bulletin", 1, 0, "2026, issue 1");
  g_assert_nonnull (strstr (sl_book_cell (book, "Bulletin", "A3")->text, "As of 2026-10-31"));
  g_assert_nonnull (strstr (sl_book_cell (book, "Bulletin", "A3")->text, "张三"));
  g_assert_nonnull (strstr (sl_book_cell (book, "Bulletin", "A3")->text, "Issued on 2026-11-25"));
  assert_summary_sheet (book, summary);
  g_assert_nonnull (g_hash_table_lookup (book->xml, "Bulletin"));
  g_assert_nonnull (strstr (g_hash_table_lookup (book->xml, "Bulletin"), "<drawing "));

  /* Indicators: each value as --summary has it, in the same order. */
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, i);
      JsonNode *value = json_object_get_member (ind, "value");

      assert_text (book, "Indicators", 4 + i, 1, json_object_get_string_member (ind, "name"));
      if (!JSON_NODE_HOLDS_NULL (value))
        assert_number (book, "Indicators", 4 + i, 5, json_node_get_double (value));
    }

  /* A bound programme item shows the indicator's value as of the month's end. */
  {
    g_autofree char *title = sl_test_query_text (fx->store, "SELECT title FROM checklist_item WHERE metric_key = 'srdi_count' LIMIT 1");
    double expected = NAN;
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (indicators); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (indicators, i), "metric"), "srdi_count"))
        expected = json_object_get_double_member (json_array_get_object_element (indicators, i), "value");
    for (guint r = 4; r < 200 && !found; r++)
      {
        g_autofree char *ref = sl_ref (r, 1);
        SlCell *c = sl_book_cell (book, "Programmes", ref);

        if (c != NULL && c->type == 's' && g_str_equal (c->text, title))
          {
            assert_number (book, "Programmes", r, 4, expected);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* Every enterprise, numbered, its figures as numbers. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Enterprises")), ==, 4 + firms);
  assert_number (book, "Enterprises", 4, 0, 1);
  assert_number (book, "Enterprises", 3 + firms, 0, firms);
  g_assert_nonnull (strstr (g_hash_table_lookup (book->xml, "Enterprises"), "<autoFilter "));
  g_assert_nonnull (strstr (g_hash_table_lookup (book->xml, "Enterprises"), "state=\"frozen\""));
  /* One page wide at a readable scale: A4 landscape holds about 147
   * character widths at 100 %; 170 of them print at 87 %, 10.5 pt as 9. */
  {
    const char *xml = g_hash_table_lookup (book->xml, "Enterprises");
    const char *cols = strstr (xml, "<cols>");
    const char *end = cols ? strstr (cols, "</cols>") : NULL;
    double width = 0;

    g_assert_nonnull (end);
    for (const char *p = strstr (cols, "width=\""); p && p < end; p = strstr (p + 1, "width=\""))
      {
        const char *min = g_strrstr_len (cols, p - cols, "min=\"");
        const char *max = g_strrstr_len (cols, p - cols, "max=\"");
        int span = (int) g_ascii_strtoll (max + 5, NULL, 10) - (int) g_ascii_strtoll (min + 5, NULL, 10) + 1;

        width += span * g_ascii_strtod (p + 7, NULL);
      }
    g_assert_cmpfloat (width, >, 100);
    g_assert_cmpfloat (width, <=, 170);
  }
  assert_printable (book);

  /* Recorded with its figures: the next one of the year is issue 2. */
  g_assert_cmpint (sl_bulletin_next_issue_no (fx->store, "2026-11", NULL), ==, 2);
  g_assert_cmpint (sl_bulletin_next_issue_no (fx->store, "2027-01", NULL), ==, 1);
  g_assert_cmpint (sl_bulletin_next_issue_no (fx->store, "2026-11", "东海县"), ==, 1);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'bulletin'"), ==, 1);
  /* The month itself again: its own number, as a correction. */
  g_assert_cmpint (sl_bulletin_next_issue_no (fx->store, "2026-10", NULL), ==, 1);
  g_assert_cmpint (sl_bulletin_revision_of (fx->store, "2026-10", NULL, 1), ==, 1);
}

/* A figures year no firm has: the 指标 sheet says which year and that it
 * was not entered, for how many firms. */
static void
test_figures_not_entered (Fixture       *fx,
                          gconstpointer  data)
{
  SlBulletinOptions options = { .period = "2026-10", .figures_year = 2019 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "y2019.xlsx", NULL);
  g_autoptr(SlBook) book = NULL;
  guint n_rows;
  gboolean seen = FALSE;

  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM annual_figures WHERE year = 2019"), ==, 0);
  g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, path, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  book = sl_book_read (path);
  assert_text (book, "Indicators", 1, 0, "As of 2026-10-31 · 2019 annual figures");
  n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Indicators"));
  for (guint row = 4; row < n_rows; row++)
    {
      SlCell *name = cell_at (book, "Indicators", row, 1);
      SlCell *status = cell_at (book, "Indicators", row, 6);

      if (name == NULL || g_strcmp0 (name->text, "研发投入强度") != 0)
        continue;
      seen = TRUE;
      g_assert_nonnull (status);
      g_assert_true (g_str_has_prefix (status->text, "2019 figures not entered ("));
    }
  g_assert_true (seen);
}

/* The 工程进度 sheet as of the month's end: an item done after it is not
 * done yet, and overdue then; a bound item whose value meets its target
 * is not overdue. */
static void
test_programmes_as_of (Fixture       *fx,
                       gconstpointer  data)
{
  gint64 project = sl_test_query_int (fx->store, "SELECT id FROM project WHERE kind = 'programme' ORDER BY id LIMIT 1");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO checklist_item (project_id, position, title, due_on, done_on) VALUES (%" G_GINT64_FORMAT ", 900, '十月底前完成的测试事项', '2026-10-15', '2026-11-15');"
    "INSERT INTO checklist_item (project_id, position, title, due_on, metric_key, target_value) VALUES (%" G_GINT64_FORMAT ", 901, '已达目标的测试事项', '2026-01-31', 'innovative_count', 1);",
    project, project);
  const char *months[] = { "2026-10", "2026-11" };

  g_assert_cmpint (project, >, 0);
  sl_test_exec (fx->store, sql);
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    {
      g_autofree char *name = g_strdup_printf ("%s.xlsx", months[m]);
      g_autofree char *path = export (fx, months[m], NULL, name);
      g_autoptr(SlBook) book = sl_book_read (path);
      guint n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Programmes"));
      guint seen = 0;

      assert_text (book, "Programmes", 3, 8, "Status");
      for (guint row = 4; row < n_rows; row++)
        {
          SlCell *title = cell_at (book, "Programmes", row, 1);
          SlCell *done = cell_at (book, "Programmes", row, 7);
          SlCell *status = cell_at (book, "Programmes", row, 8);

          if (title == NULL)
            continue;
          if (g_str_equal (title->text, "十月底前完成的测试事项"))
            {
              seen++;
              g_assert_nonnull (status);
              g_assert_cmpstr (status->text, ==, m == 0 ? "Overdue" : "Done");
              /* The done date only from November's end on. */
              g_assert_true (m == 0 ? (done == NULL || done->type != 'n') : (done != NULL && done->type == 'n'));
            }
          else if (g_str_equal (title->text, "已达目标的测试事项"))
            {
              seen++;
              g_assert_nonnull (status);
              g_assert_cmpstr (status->text, ==, "Target met");
            }
        }
      g_assert_cmpuint (seen, ==, 2);
    }
}

/* A firm first recorded in November, with no certification before it, is
 * no firm of October's list; November's has it. */
static gboolean
roster_sheet_has (SlBook     *book,
                  const char *name)
{
  guint n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Enterprises"));

  for (guint row = 4; row < n_rows; row++)
    {
      SlCell *cell = cell_at (book, "Enterprises", row, 2);

      if (cell != NULL && g_strcmp0 (cell->text, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_roster_as_of (Fixture       *fx,
                   gconstpointer  data)
{
  gint64 firm = sl_test_add_enterprise (fx->store, "91320722MA20KD3R5T", "十一月登记公司", "东海县");
  g_autofree char *sql = g_strdup_printf ("UPDATE enterprise SET created_at = '2026-11-20T10:00:00+08' WHERE id = %" G_GINT64_FORMAT, firm);
  g_autofree char *october = NULL;
  g_autofree char *november = NULL;
  g_autoptr(SlBook) oct_book = NULL;
  g_autoptr(SlBook) nov_book = NULL;
  gint64 known;

  sl_test_exec (fx->store, sql);
  october = export (fx, "2026-10", NULL, "october.xlsx");
  november = export (fx, "2026-11", NULL, "november.xlsx");
  oct_book = sl_book_read (october);
  nov_book = sl_book_read (november);
  g_assert_false (roster_sheet_has (oct_book, "十一月登记公司"));
  g_assert_true (roster_sheet_has (nov_book, "十一月登记公司"));
  /* October's list is the firms recorded or certified by its end, counted by SQL of its own. */
  known = sl_test_query_int (fx->store,
    "SELECT count(*) FROM enterprise e WHERE e.deleted_at IS NULL AND (substr (e.created_at, 1, 10) <= '2026-10-31'"
    " OR e.id IN (SELECT enterprise_id FROM certification WHERE valid_from <= '2026-10-31'"
    "             AND status IN ('certified', 'under_review', 'expired', 'revoked')))");
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (oct_book->rows, "Enterprises")), ==, 4 + known);
}

/* A firm that moved in November is on October's county list where it
 * was, named under that jurisdiction, and not on the other county's. */
static void
test_jurisdiction_move (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 firm = sl_test_query_int (fx->store,
    "SELECT e.id FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id WHERE j.name = '东海县'"
    " AND e.id IN (SELECT enterprise_id FROM certification WHERE valid_from <= '2026-10-31'"
    "              AND status IN ('certified', 'under_review', 'expired', 'revoked')) ORDER BY e.id LIMIT 1");
  g_autoptr(SlEnterprise) e = sl_enterprise_load (fx->store, firm, &error);
  g_autofree char *donghai = NULL;
  g_autofree char *guannan = NULL;
  g_autoptr(SlBook) donghai_book = NULL;
  g_autoptr(SlBook) guannan_book = NULL;
  guint n_rows;
  gboolean found = FALSE;
  gint64 on_list;

  g_assert_no_error (error);
  g_setenv ("SL_TODAY", "2026-11-15", TRUE);
  e->jurisdiction_id = sl_jurisdiction_find (fx->store, "灌南县");
  g_assert_true (sl_enterprise_update (fx->store, e, &error));
  g_assert_no_error (error);
  g_unsetenv ("SL_TODAY");

  donghai = export (fx, "2026-10", "东海县", "donghai.xlsx");
  guannan = export (fx, "2026-10", "灌南县", "guannan.xlsx");
  donghai_book = sl_book_read (donghai);
  guannan_book = sl_book_read (guannan);
  g_assert_true (roster_sheet_has (donghai_book, e->name));
  g_assert_false (roster_sheet_has (guannan_book, e->name));
  n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (donghai_book->rows, "Enterprises"));
  for (guint row = 4; row < n_rows; row++)
    {
      SlCell *name = cell_at (donghai_book, "Enterprises", row, 2);

      if (name != NULL && g_strcmp0 (name->text, e->name) == 0)
        {
          g_assert_cmpstr (cell_at (donghai_book, "Enterprises", row, 3)->text, ==, "东海县");
          found = TRUE;
        }
    }
  g_assert_true (found);
  /* 东海县's October list, by SQL of the test's own: its firms then, each
   * where it was before the first move recorded after the month. */
  on_list = sl_test_query_int (fx->store,
    "SELECT count(*) FROM enterprise e WHERE e.deleted_at IS NULL"
    " AND ifnull ((SELECT m.from_id FROM jurisdiction_move m WHERE m.enterprise_id = e.id AND m.moved_on > '2026-10-31'"
    "              ORDER BY m.moved_on, m.id LIMIT 1), e.jurisdiction_id)"
    "     IN (SELECT id FROM jurisdiction WHERE name = '东海县' OR parent_id = (SELECT id FROM jurisdiction WHERE name = '东海县'))"
    " AND (substr (e.created_at, 1, 10) <= '2026-10-31' OR e.id IN (SELECT enterprise_id FROM certification"
    "      WHERE valid_from <= '2026-10-31' AND status IN ('certified', 'under_review', 'expired', 'revoked')))");
  g_assert_cmpuint (n_rows, ==, 4 + on_list);
}

/* The written part under the title: the held and new counts as the
 * table has them, the certifications due and the items overdue, counted
 * by SQL of the test's own. */
static void
test_written_part (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *path = export (fx, "2026-10", NULL, "text.xlsx");
  g_autoptr(SlBook) book = sl_book_read (path);
  g_autoptr(JsonNode) summary = sl_summary_compute (fx->store, "2026-10", NULL, NULL);
  JsonObject *totals = json_object_get_object_member (json_node_get_object (summary), "totals");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *held = g_strdup_printf ("Innovative SME %" G_GINT64_FORMAT,
                                           json_object_get_int_member (json_object_get_object_member (totals, "innovative"), "held"));
  g_autofree char *due = NULL;
  gint64 ending = sl_test_query_int (fx->store,
    "SELECT count(*) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id WHERE e.deleted_at IS NULL"
    " AND c.status IN ('certified', 'under_review', 'expired', 'revoked') AND c.valid_from <= '2026-10-31'"
    " AND c.valid_until BETWEEN '2026-11-01' AND '2027-04-30'");

  for (guint row = 3; row < 12; row++)
    {
      SlCell *cell = cell_at (book, "Bulletin", row, 0);

      if (cell != NULL && cell->text != NULL)
        g_string_append_printf (text, "%s\n", cell->text);
    }
  g_assert_nonnull (strstr (text->str, "Overall. As of 2026-10-31 the ledger holds "));
  g_assert_nonnull (strstr (text->str, held));
  due = ending > 0 ? g_strdup_printf ("Due. %" G_GINT64_FORMAT " certifications end", ending)
                   : g_strdup ("Due. No certification ends");
  g_assert_nonnull (strstr (text->str, due));
  g_assert_nonnull (strstr (text->str, "Programmes. "));
  g_assert_nonnull (strstr (text->str, "Jurisdictions."));

  /* No jurisdiction has a target: the ranking is by certifications new
   * this year, says so, and shares ranks on ties (1, 2, 2, 4). */
  {
    JsonArray *units = json_object_get_array_member (json_node_get_object (summary), "jurisdictions");
    JsonArray *tiers = json_object_get_array_member (json_node_get_object (summary), "tiers");
    guint row = 0, n = 0;
    double last = G_MAXDOUBLE;
    int last_rank = 0;

    for (guint r = 0; r < 200 && row == 0; r++)
      {
        SlCell *c = cell_at (book, "Bulletin", r, 0);
        if (c && c->type == 's' && g_str_has_prefix (c->text, "Jurisdictions ranked by "))
          {
            g_assert_cmpstr (c->text, ==, "Jurisdictions ranked by certifications new this year (no jurisdiction has a target)");
            row = r + 2;
          }
      }
    g_assert_cmpuint (row, >, 0);
    assert_text (book, "Bulletin", row - 1, 2, "New this year");
    for (; n < json_array_get_length (units); n++, row++)
      {
        const char *name = cell_at (book, "Bulletin", row, 0)->text;
        double value = cell_at (book, "Bulletin", row, 2)->number;
        int rank = (int) cell_at (book, "Bulletin", row, 1)->number;
        double expected = 0;

        for (guint i = 0; i < json_array_get_length (units); i++)
          {
            JsonObject *u = json_array_get_object_element (units, i);

            if (g_str_equal (json_object_get_string_member (u, "name"), name))
              for (guint t = 0; t < json_array_get_length (tiers); t++)
                expected += json_object_get_double_member (json_object_get_object_member (json_object_get_object_member (u, "tiers"),
                                                                                          json_array_get_string_element (tiers, t)),
                                                           "new_in_year");
          }
        g_assert_cmpfloat (value, ==, expected);
        g_assert_cmpfloat (value, <=, last);
        g_assert_cmpint (rank, ==, value == last ? last_rank : (int) n + 1);
        last = value;
        last_rank = rank;
      }
  }

  /* Typed by the clerk, it is the clerk's. */
  {
    SlBulletinOptions options = { .period = "2026-10", .text = "本月工作：各地按计划推进。" };
    g_autoptr(GError) error = NULL;
    g_autofree char *own = g_build_filename (fx->dir, "own.xlsx", NULL);
    g_autoptr(SlBook) own_book = NULL;
    gboolean seen = FALSE;

    g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, own, NULL, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
    own_book = sl_book_read (own);
    for (guint row = 3; row < 8; row++)
      {
        SlCell *cell = cell_at (own_book, "Bulletin", row, 0);

        seen |= cell != NULL && g_strcmp0 (cell->text, "本月工作：各地按计划推进。") == 0;
        g_assert_true (cell == NULL || cell->text == NULL || strstr (cell->text, "Overall.") == NULL);
      }
    g_assert_true (seen);
  }
}

/* Exported again, a month's bulletin keeps its number and says it is a
 * correction; the history has both; the next month takes the next number. */
static void
test_correction (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *first = export (fx, "2026-10", NULL, "first.xlsx");
  g_autofree char *again = export (fx, "2026-10", NULL, "again.xlsx");
  g_autofree char *third = export (fx, "2026-10", NULL, "third.xlsx");
  g_autofree char *next = export (fx, "2026-11", NULL, "next.xlsx");
  g_autoptr(SlBook) first_book = sl_book_read (first);
  g_autoptr(SlBook) again_book = sl_book_read (again);
  g_autoptr(SlBook) third_book = sl_book_read (third);
  g_autoptr(SlBook) next_book = sl_book_read (next);
  g_autoptr(GPtrArray) issued = sl_bulletin_list (fx->store, NULL);

  assert_text (first_book, "Bulletin", 1, 0, "2026, issue 1");
  assert_text (again_book, "Bulletin", 1, 0, "2026, issue 1 (corrected)");
  assert_text (third_book, "Bulletin", 1, 0, "2026, issue 1 (corrected)");
  assert_text (next_book, "Bulletin", 1, 0, "2026, issue 2");
  /* The file says what it is: title, subject, author. */
  {
    unzFile zip = unzOpen (next);
    g_autofree char *core = sl_zip_read (zip, "docProps/core.xml");
    g_autofree char *app = sl_zip_read (zip, "docProps/app.xml");

    unzClose (zip);
    g_assert_nonnull (strstr (core, "<dc:title>连云港市: SRDI Enterprise Cultivation Work Bulletin, 2026-11, 2026, issue 2</dc:title>"));
    g_assert_nonnull (strstr (core, "<dc:subject>2026-11, Whole ledger</dc:subject>"));
    g_assert_nonnull (strstr (core, "<dc:creator>"));
    g_assert_null (strstr (core, "<dc:creator></dc:creator>"));
    g_assert_nonnull (strstr (app, "<Company>"));
  }
  /* Latest first: November's issue 2, then October's corrections 2 and 1, then its issue. */
  g_assert_cmpuint (issued->len, ==, 4);
  g_assert_cmpint (((SlBulletinRecord *) issued->pdata[0])->issue_no, ==, 2);
  g_assert_cmpint (((SlBulletinRecord *) issued->pdata[0])->revision, ==, 0);
  for (guint i = 1; i < 4; i++)
    {
      g_assert_cmpint (((SlBulletinRecord *) issued->pdata[i])->issue_no, ==, 1);
      g_assert_cmpint (((SlBulletinRecord *) issued->pdata[i])->revision, ==, 3 - (int) i);
    }
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'bulletin'"
                                                 " AND json_extract (after, '$.revision') = 2"), ==, 1);
}

/* Text that looks like a formula stays text; the figures of an issued
 * bulletin stay what they were when the ledger changes. */
static void
test_text_and_reissue (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *first_path = export (fx, "2026-10", NULL, "first.xlsx");
  g_autoptr(GPtrArray) issued = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = sl_summary_compute (fx->store, "2026-10", NULL, NULL);
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(SlBook) book = NULL;
  g_autofree char *again_path = g_build_filename (fx->dir, "again.xlsx", NULL);
  gint64 firm = sl_test_add_enterprise (fx->store, "91320722MA20KD3R5T", "=HYPERLINK(\"http://x\",\"点我\")", NULL);
  gint64 cert;
  SlBulletinOptions options = { 0 };
  g_autofree char *name_sql = NULL;

  /* A new SRDI certification dated in October changes October's figures… */
  cert = sl_pipeline_record_application (fx->store, firm, "innovative", NULL, "2026-09-01", &error);
  g_assert_no_error (error);
  g_assert_true (sl_pipeline_record_result (fx->store, cert, SL_RESULT_CERTIFIED, "2026-10-15", NULL, &error));

  /* …but the bulletin issued before keeps its own. */
  issued = sl_bulletin_list (fx->store, &error);
  g_assert_cmpuint (issued->len, ==, 1);
  stored = sl_bulletin_load_figures (fx->store, ((SlBulletinRecord *) issued->pdata[0])->id, &options, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (stored, before));
  g_assert_cmpint (sl_bulletin_export (fx->store, &options, stored, again_path, NULL, NULL, NULL, &error), >, 0);
  book = sl_book_read (again_path);
  assert_summary_sheet (book, stored);
  sl_bulletin_options_clear (&options);
  g_clear_pointer (&book, sl_book_free);

  /* A new export has the new firm, its name as text, never a formula. */
  g_free (first_path);
  first_path = export (fx, "2026-10", NULL, "second.xlsx");
  book = sl_book_read (first_path);
  name_sql = g_strdup_printf ("SELECT count(*) FROM enterprise WHERE id <= %" G_GINT64_FORMAT " AND deleted_at IS NULL", firm);
  {
    guint row = 3 + (guint) sl_test_query_int (fx->store, name_sql);
    SlCell *cell = cell_at (book, "Enterprises", row, 2);

    g_assert_nonnull (cell);
    g_assert_cmpint (cell->type, ==, 's');
    g_assert_null (cell->formula);
    g_assert_cmpstr (cell->text, ==, "=HYPERLINK(\"http://x\",\"点我\")");
  }
}

/* Ties share a rank; the change is against the scope's previous bulletin. */
static void
test_ranking (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(JsonNode) summary = sl_summary_compute (fx->store, "2026-10", NULL, NULL);
  JsonArray *units = json_object_get_array_member (json_node_get_object (summary), "jurisdictions");
  g_autoptr(GError) error = NULL;
  g_autofree char *sept = NULL;
  g_autofree char *oct = NULL;
  g_autoptr(SlBook) book = NULL;
  guint row = 0, found = 0;

  /* Three counties at exactly half their innovative target: 1, 1, 1, 4. */
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      double held = json_object_get_double_member (json_object_get_object_member (
                      json_object_get_object_member (u, "tiers"), "innovative"), "held");
      gint64 id = json_object_get_int_member (u, "id");

      g_assert_cmpfloat (held, >, 0);
      g_assert_true (sl_target_set (fx->store, "innovative_count", id, 2026, held * 2, &error));
    }
  {
    JsonObject *u = json_array_get_object_element (units, 3);
    g_assert_true (sl_target_set (fx->store, "innovative_count", json_object_get_int_member (u, "id"), 2026, 1000, &error));
  }
  g_assert_no_error (error);
  sept = export (fx, "2026-09", NULL, "sept.xlsx");
  oct = export (fx, "2026-10", NULL, "oct.xlsx");
  book = sl_book_read (oct);

  /* The ranking's rows: find its header, then read down. */
  for (guint r = 0; r < 200 && row == 0; r++)
    {
      SlCell *c = cell_at (book, "Bulletin", r, 1);
      if (c && c->type == 's' && g_str_equal (c->text, "Rank"))
        row = r + 1;
    }
  g_assert_cmpuint (row, >, 0);
  for (guint i = 0; i < 3; i++, row++)
    {
      assert_number (book, "Bulletin", row, 1, 1);
      assert_number (book, "Bulletin", row, 2, 0.5);
      /* September's rate was counted with the same targets. */
      g_assert_cmpint (cell_at (book, "Bulletin", row, 4)->type, ==, 'n');
      found++;
    }
  assert_number (book, "Bulletin", row, 1, 4);
  g_assert_cmpuint (found, ==, 3);
}

/* A scope's bulletin equals --summary --scope. */
static void
test_scope (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *path = export (fx, "2026-10", "东海县", "donghai.xlsx");
  g_autoptr(SlBook) book = sl_book_read (path);
  g_autoptr(JsonNode) summary = sl_summary_compute (fx->store, "2026-10", "东海县", NULL);
  g_autofree char *in_scope = g_strdup ("SELECT count(*) FROM enterprise e WHERE deleted_at IS NULL AND jurisdiction_id IN"
                                        " (SELECT id FROM jurisdiction WHERE name = '东海县' OR parent_id = (SELECT id FROM jurisdiction WHERE name = '东海县'))");

  /* A county's bulletin is titled with its own name. */
  assert_text (book, "Bulletin", 0, 0, "东海县: SRDI Enterprise Cultivation Work Bulletin, 2026-10");
  assert_summary_sheet (book, summary);
  /* Its one jurisdiction without targets: no 合计 repeating it, no ranking
   * of one, no empty comparison heading. */
  if (json_array_get_length (json_object_get_array_member (json_node_get_object (summary), "jurisdictions")) == 1)
    {
      guint n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Bulletin"));

      for (guint row = 0; row < n_rows; row++)
        {
          SlCell *cell = cell_at (book, "Bulletin", row, 0);

          if (cell == NULL || cell->text == NULL)
            continue;
          g_assert_cmpstr (cell->text, !=, "Total");
          g_assert_cmpstr (cell->text, !=, "Completion against schedule");
          g_assert_cmpstr (cell->text, !=, "Jurisdictions ranked by completion rate");
        }
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Enterprises")), ==,
                    4 + sl_test_query_int (fx->store, in_scope));

  /* The city's typed count of clusters is not the county's: no value,
   * said so; the whole ledger's bulletin has it. */
  {
    guint n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Indicators"));
    g_autofree char *city_path = export (fx, "2026-10", NULL, "city.xlsx");
    g_autoptr(SlBook) city = sl_book_read (city_path);
    g_autoptr(JsonNode) city_summary = sl_summary_compute (fx->store, "2026-10", NULL, NULL);
    gboolean seen = FALSE;

    g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM checklist_item"
                                                   " WHERE metric_key = 'cluster_count' AND current_value IS NOT NULL"), >, 0);
    for (guint row = 4; row < n_rows; row++)
      {
        SlCell *name = cell_at (book, "Indicators", row, 1);
        SlCell *county_value = cell_at (book, "Indicators", row, 5);
        SlCell *city_value = cell_at (city, "Indicators", row, 5);

        if (name == NULL || g_strcmp0 (name->text, "省级以上中小企业特色产业集群") != 0)
          continue;
        seen = TRUE;
        g_assert_nonnull (county_value);
        g_assert_cmpstr (county_value->text, ==, "— (whole-ledger figure)");
        g_assert_nonnull (city_value);
        g_assert_cmpint (city_value->type, ==, 'n');
      }
    g_assert_true (seen);
    for (guint i = 0; i < 2; i++)
      {
        JsonArray *list = json_object_get_array_member (json_node_get_object (i ? city_summary : summary), "indicators");

        for (guint k = 0; k < json_array_get_length (list); k++)
          {
            JsonObject *o = json_array_get_object_element (list, k);

            if (!g_str_equal (json_object_get_string_member (o, "metric"), "cluster_count"))
              continue;
            g_assert_cmpint (json_object_get_boolean_member (o, "ledger_wide"), ==, i == 0);
            g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "value")), ==, i == 0);
          }
      }
  }
}

/* A back-dated bulletin lists what was due then: certifications held on
 * its day whose validity ended in the six months after, whatever their
 * status reads today. Counted again by SQL of its own. */
static void
test_backdated_lists (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(SlBook) book = NULL;
  gint64 firm = sl_test_add_enterprise (fx->store, "91320722MA20KD3R5T", "过期测试公司", "东海县");
  guint heading = 0, listed = 0, n_rows;
  gboolean found = FALSE, renewed_found = FALSE;
  gint64 expected;

  sl_test_exec (fx->store, "DELETE FROM certification WHERE enterprise_id = (SELECT id FROM enterprise WHERE credit_code = '91320722MA20KD3R5T')");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO certification (enterprise_id, tier_key, status, rule_version, certified_on,"
                                            " valid_from, valid_until) VALUES (%" G_GINT64_FORMAT ", 'innovative', 'expired',"
                                            " '2022-63', '2021-09-15', '2021-09-15', '2024-09-14')", firm);
    sl_test_exec (fx->store, sql);
  }
  /* Due on 2024-09-30 as June knew it; a re-review recorded in August
   * renewed it to 2027: June's list still has it, with its end then. */
  {
    gint64 renewed = sl_test_add_enterprise (fx->store, "91320700MA1MABCD6L", "复核续期公司", "东海县");
    g_autofree char *sql = g_strdup_printf ("DELETE FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT ";"
                                            "INSERT INTO certification (enterprise_id, tier_key, status, rule_version, certified_on,"
                                            " valid_from, valid_until) VALUES (%" G_GINT64_FORMAT ", 'innovative', 'certified',"
                                            " '2022-63', '2021-10-01', '2021-10-01', '2027-09-30');"
                                            "INSERT INTO certification_event (certification_id, kind, on_date, until_before)"
                                            " VALUES (last_insert_rowid (), 'review_passed', '2024-08-01', '2024-09-30')",
                                            renewed, renewed);
    sl_test_exec (fx->store, sql);
  }
  path = export (fx, "2024-06", NULL, "june.xlsx");
  book = sl_book_read (path);
  n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Certifications"));
  for (guint row = 0; row < n_rows; row++)
    {
      SlCell *cell = cell_at (book, "Certifications", row, 0);

      if (cell != NULL && cell->type == 's' && g_str_has_prefix (cell->text, "Ending from 2024-07-01 to 2024-12-31"))
        heading = row;
      else if (heading > 0 && row > heading + 1 && cell != NULL && cell->type == 's' && *cell->text != '\0')
        {
          listed++;
          found |= g_str_equal (cell->text, "过期测试公司");
          renewed_found |= g_str_equal (cell->text, "复核续期公司");
        }
    }
  g_assert_cmpuint (heading, >, 0);
  g_assert_true (found);
  g_assert_true (renewed_found);
  expected = sl_test_query_int (fx->store,
    "SELECT count(*) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
    " WHERE e.deleted_at IS NULL AND c.status IN ('certified', 'under_review', 'expired', 'revoked')"
    " AND c.valid_from <= '2024-06-30' AND ifnull ((SELECT v.until_before FROM certification_event v"
    "   WHERE v.certification_id = c.id AND v.kind = 'review_passed' AND v.on_date > '2024-06-30'"
    "   ORDER BY v.on_date LIMIT 1), c.valid_until) BETWEEN '2024-07-01' AND '2024-12-31'");
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpuint (listed, ==, expected);
}

/* New in the month by one rule for the counts and the list: a firm
 * certified again after a lapse is new, and the month's list of
 * certifications holds as many firms per tier as the counts say. */
static void
test_new_one_rule (Fixture       *fx,
                   gconstpointer  data)
{
  gint64 firm = sl_test_add_enterprise (fx->store, "91320722MA20KD3R5T", "重新认定公司", "东海县");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO certification (enterprise_id, tier_key, status, rule_version, certified_on, valid_from, valid_until) VALUES"
    " (%" G_GINT64_FORMAT ", 'innovative', 'expired', '2022-63', '2019-05-01', '2019-05-01', '2022-04-30'),"
    " (%" G_GINT64_FORMAT ", 'innovative', 'certified', '2022-63', '2025-12-10', '2025-12-10', '2028-12-09')", firm, firm);
  g_autofree char *path = NULL;
  g_autoptr(SlBook) book = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *totals;
  JsonArray *tiers;
  guint n_rows, heading = 0;
  gint64 counted = 0;

  sl_test_exec (fx->store, sql);
  path = export (fx, "2025-12", NULL, "december.xlsx");
  book = sl_book_read (path);
  summary = sl_summary_compute (fx->store, "2025-12", NULL, NULL);
  totals = json_object_get_object_member (json_node_get_object (summary), "totals");
  tiers = json_object_get_array_member (json_node_get_object (summary), "tiers");
  for (guint t = 0; t < json_array_get_length (tiers); t++)
    counted += json_object_get_int_member (json_object_get_object_member (totals, json_array_get_string_element (tiers, t)),
                                           "new_in_month");
  n_rows = GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Certifications"));
  for (guint row = 0; row < n_rows; row++)
    {
      SlCell *cell = cell_at (book, "Certifications", row, 0);
      SlCell *code = cell_at (book, "Certifications", row, 1);
      SlCell *tier = cell_at (book, "Certifications", row, 3);

      if (cell != NULL && cell->type == 's' && g_str_has_prefix (cell->text, "Certified in"))
        heading = row;
      else if (cell != NULL && cell->type == 's' && g_str_has_prefix (cell->text, "Ending from"))
        break;
      else if (heading > 0 && row > heading + 1 && code != NULL && tier != NULL && *code->text != '\0')
        g_hash_table_add (listed, g_strdup_printf ("%s %s", code->text, tier->text));
    }
  g_assert_cmpuint (heading, >, 0);
  g_assert_true (g_hash_table_contains (listed, "91320722MA20KD3R5T Innovative SME"));
  g_assert_cmpint (counted, ==, g_hash_table_size (listed));
  /* And by SQL of its own: firms and tiers with a certification from 1 to 31 December. */
  g_assert_cmpint (counted, ==, sl_test_query_int (fx->store,
    "SELECT count (DISTINCT c.enterprise_id || c.tier_key) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
    " WHERE e.deleted_at IS NULL AND c.status IN ('certified', 'under_review', 'expired', 'revoked')"
    " AND c.valid_from BETWEEN '2025-12-01' AND '2025-12-31'"));
}

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  if (fraction > 0.1)
    g_cancellable_cancel (user_data);
}

static guint
n_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d))
    n++;
  return n;
}

/* A cancelled export leaves nothing, and the earlier file of that name as
 * it was; a folder that cannot be written to is said so. */
static void
test_safe_writing (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "kept.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  SlBulletinOptions options = { .period = "2026-10" };
  guint files;

  g_assert_true (g_file_set_contents (path, "an earlier bulletin", -1, NULL));
  files = n_files (fx->dir);
  g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, path, cancellable, cancel_on_progress, cancellable, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an earlier bulletin");
  g_assert_cmpuint (n_files (fx->dir), ==, files);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM bulletin"), ==, 0);

  g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, "/nonexistent-folder/b.xlsx", NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder"));
  g_clear_error (&error);

  options.period = "2026-13";
  g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, path, NULL, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM bulletin"), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
} CancelAt;

static void
cancel_in_roster (double   fraction,
                  gpointer user_data)
{
  CancelAt *at = user_data;

  /* The 企业 sheet reports from 0.3 on, every 5,000 firms: the first of
   * its reports cancels. */
  at->last = fraction;
  if (fraction > 0.31)
    g_cancellable_cancel (at->cancellable);
}

/* A cancel while the 企业 sheet is written stops its reading threads too:
 * the export ends at once, with nothing left behind. A ledger this large
 * has two readers, taking turns by blocks of ids: the next export lists
 * every firm once, in id order. */
#define ROSTER_N 24000

static void
test_cancel_in_roster (void)
{
  g_autofree char *path = sl_test_temp_path ("big.db");
  g_autofree char *out = sl_test_temp_path ("big.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autofree char *expected = NULL;
  SlBulletinOptions options = { .period = "2026-10" };
  SlBulletinOptions whole = { .period = "2026-12" };
  CancelAt at = { cancellable, 0 };
  guint r = 0;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, ROSTER_N, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Holes in the ids, so that some blocks are short and one is empty. */
  sl_test_exec (store, "DELETE FROM enterprise WHERE id BETWEEN 4100 AND 6200 OR id % 7 = 3");

  g_assert_cmpint (sl_bulletin_export (store, &options, NULL, out, cancellable, cancel_in_roster, &at, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Nothing was reported after it: the first 5,000 firms. */
  g_assert_cmpfloat_with_epsilon (at.last, 0.3 + 0.65 * 5000 / sl_test_query_int (store, "SELECT count(*) FROM enterprise"), 0.01);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM bulletin"), ==, 0);
  /* The ledger's connection is free again: the next export runs whole. */
  g_assert_cmpint (sl_bulletin_export (store, &whole, NULL, out, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  rows = sl_table_read (out, "Enterprises", &error);
  g_assert_no_error (error);
  while (r < rows->len && (((GPtrArray *) rows->pdata[r])->len == 0
                           || g_strcmp0 (g_ptr_array_index ((GPtrArray *) rows->pdata[r], 0), "No.") != 0))
    r++;
  g_assert_cmpuint (r, <, rows->len);
  for (r++; r < rows->len; r++)
    {
      GPtrArray *cells = rows->pdata[r];

      g_assert_cmpuint (cells->len, >, 1);
      g_string_append_printf (codes, "%s,", (const char *) g_ptr_array_index (cells, 1));
    }
  expected = sl_test_query_text (store, "SELECT group_concat (credit_code || ',', '') FROM (SELECT credit_code FROM enterprise"
                                        " WHERE deleted_at IS NULL ORDER BY id)");
  g_assert_cmpstr (codes->str, ==, expected);
}

/* A firm recorded by another program between the figures and the sheets
 * (at the progress after the figures) is in neither: the workbook reads
 * one state of the ledger. The next export has it. */
typedef struct
{
  char     *path;
  gboolean  added;
} AddAt;

static void
add_on_progress (double   fraction,
                 gpointer user_data)
{
  AddAt *at = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) other = NULL;

  if (at->added)
    return;
  at->added = TRUE;
  other = sl_ledger_open (at->path, 0, &error);
  g_assert_no_error (error);
  sl_test_add_enterprise (other, "91320722MA20KD4Y92", "通报期间登记公司", "东海县");
  /* Recorded within the month (the clock is not SL_TODAY's). */
  sl_test_exec (other, "UPDATE enterprise SET created_at = '2026-11-20T10:00:00+08' WHERE credit_code = '91320722MA20KD4Y92'");
}

static void
test_one_state (Fixture       *fx,
                gconstpointer  data)
{
  SlBulletinOptions options = { .period = "2026-11" };
  g_autofree char *out = g_build_filename (fx->dir, "one-state.xlsx", NULL);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlBook) book = NULL;
  g_autoptr(SlBook) next = NULL;
  AddAt at = { g_build_filename (fx->dir, "ledger.db", NULL), FALSE };
  gint64 before = sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL");

  g_assert_cmpint (sl_bulletin_export (fx->store, &options, NULL, out, NULL, add_on_progress, &at, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (at.added);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL"), ==, before + 1);
  book = sl_book_read (out);
  g_assert_false (roster_sheet_has (book, "通报期间登记公司"));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (book->rows, "Enterprises")), ==, 4 + before);
  again = export (fx, "2026-11", NULL, "one-state-again.xlsx");
  next = sl_book_read (again);
  g_assert_true (roster_sheet_has (next, "通报期间登记公司"));
  g_free (at.path);
}

/* The command line writes the same workbook without a display. */
static void
test_cli (Fixture       *fx,
          gconstpointer  data)
{
  const char *cli = g_getenv ("SL_CLI");
  g_autofree char *out = g_build_filename (fx->dir, "cli.xlsx", NULL);
  g_autofree char *ledger = g_strdup (sl_store_get_path (fx->store));
  g_autofree char *std_err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlBook) book = NULL;
  g_autoptr(JsonNode) summary = NULL;
  int status = 0;
  const char *argv[] = { cli, "--db", ledger, "--export-bulletin", "2026-10", "--output", out, "--issue-no", "7", NULL };
  const char *bad[] = { cli, "--db", ledger, "--export-bulletin", "2026-10", NULL };
  g_auto(GStrv) env = sl_test_cli_environ ();

  if (cli == NULL)
    {
      g_test_skip ("SL_CLI is not set");
      return;
    }
  g_clear_object (&fx->store);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &std_err, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  fx->store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  book = sl_book_read (out);
  summary = sl_summary_compute (fx->store, "2026-10", NULL, NULL);
  assert_text (book, "Bulletin", 1, 0, "2026, issue 7");
  assert_summary_sheet (book, summary);

  g_clear_pointer (&std_err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) bad, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &std_err, &status, &error));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (std_err, "--output"));
}

/* The pipeline's activity, counted by its own SQL over the raw tables:
 * an application publicised, then approved; one refused; a re-review
 * passed; in October, for 东海县, in --summary and in the workbook. */
static void
test_activity (Fixture       *fx,
               gconstpointer  data)
{
  const char *in_donghai = "SELECT e.id FROM enterprise e WHERE e.deleted_at IS NULL AND e.jurisdiction_id IN"
                           " (SELECT id FROM jurisdiction WHERE name = '东海县'"
                           "  OR parent_id = (SELECT id FROM jurisdiction WHERE name = '东海县'))";
  g_autofree char *first_pool = g_strdup_printf ("SELECT id FROM (%s) f WHERE NOT EXISTS (SELECT 1 FROM certification c"
                                                 " WHERE c.enterprise_id = f.id AND c.tier_key <> 'pool') ORDER BY id LIMIT 1", in_donghai);
  g_autofree char *second_pool = g_strdup_printf ("SELECT id FROM (%s) f WHERE NOT EXISTS (SELECT 1 FROM certification c"
                                                  " WHERE c.enterprise_id = f.id AND c.tier_key <> 'pool') ORDER BY id LIMIT 1 OFFSET 1", in_donghai);
  g_autofree char *held = g_strdup_printf ("SELECT c.id FROM certification c WHERE c.enterprise_id IN (%s)"
                                           " AND c.status = 'certified' AND c.valid_until IS NOT NULL"
                                           " AND c.valid_from <= '2026-10-15' ORDER BY c.id LIMIT 1", in_donghai);
  g_autoptr(GError) error = NULL;
  gint64 a, b, review;
  g_autofree char *path = NULL;
  g_autoptr(SlBook) book = NULL;
  g_autoptr(JsonNode) summary = NULL;
  JsonObject *unit;
  const char *kinds[] = { "filed", "publicised", "approved", "rejected", "review_passed", "review_failed" };
  guint row = 0;

  a = sl_pipeline_record_application (fx->store, sl_test_query_int (fx->store, first_pool), "innovative", "2026年第二批", "2026-10-03", &error);
  g_assert_no_error (error);
  g_assert_true (sl_pipeline_record_result (fx->store, a, SL_RESULT_PUBLICISED, "2026-10-20", NULL, &error));
  g_assert_true (sl_pipeline_record_result (fx->store, a, SL_RESULT_CERTIFIED, "2026-10-30", "苏工信〔2026〕88号", &error));
  b = sl_pipeline_record_application (fx->store, sl_test_query_int (fx->store, second_pool), "innovative", "2026年第二批", "2026-10-08", &error);
  g_assert_no_error (error);
  g_assert_true (sl_pipeline_record_result (fx->store, b, SL_RESULT_REJECTED, "2026-10-28", NULL, &error));
  review = sl_test_query_int (fx->store, held);
  g_assert_cmpint (review, >, 0);
  g_assert_true (sl_pipeline_record_review (fx->store, review, TRUE, "2026-10-15", &error));
  g_assert_no_error (error);

  summary = sl_summary_compute (fx->store, "2026-10", "东海县", &error);
  g_assert_no_error (error);
  unit = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (
           json_node_get_object (summary), "activity"), "units"), 0);
  g_assert_cmpstr (json_object_get_string_member (unit, "name"), ==, "东海县");
  path = export (fx, "2026-10", "东海县", "activity.xlsx");
  book = sl_book_read (path);
  for (guint r = 0; r < 200 && row == 0; r++)
    {
      SlCell *c = cell_at (book, "Bulletin", r, 0);
      if (c && c->type == 's' && g_str_equal (c->text, "Applications and re-reviews"))
        row = r + 3;
    }
  g_assert_cmpuint (row, >, 0);
  assert_text (book, "Bulletin", row, 0, "东海县");

  for (guint half = 0; half < 2; half++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        const char *from = half ? "2026-01-01" : "2026-10-01";
        g_autofree char *sql = NULL;
        gint64 expected;

        if (k == 0)
          sql = g_strdup_printf ("SELECT count(*) FROM certification WHERE enterprise_id IN (%s)"
                                 " AND applied_on BETWEEN '%s' AND '2026-10-31'", in_donghai, from);
        else if (k == 2)
          sql = g_strdup_printf ("SELECT count(*) FROM certification WHERE enterprise_id IN (%s)"
                                 " AND certified_on BETWEEN '%s' AND '2026-10-31'"
                                 " AND status IN ('certified', 'under_review', 'expired', 'revoked')", in_donghai, from);
        else
          sql = g_strdup_printf ("SELECT count(*) FROM certification_event v JOIN certification c ON c.id = v.certification_id"
                                 " WHERE c.enterprise_id IN (%s) AND v.kind = '%s' AND v.on_date BETWEEN '%s' AND '2026-10-31'",
                                 in_donghai, kinds[k], from);
        expected = sl_test_query_int (fx->store, sql);
        /* What the test did in October is in it. */
        if (half == 0 && k < 5)
          g_assert_cmpint (expected, >=, 1);
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unit, half ? "year" : "month"), kinds[k]), ==, expected);
        assert_number (book, "Bulletin", row, 1 + half * 6 + k, (double) expected);
      }
  /* The re-review's event keeps the end date it replaced. */
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM certification_event WHERE kind = 'review_passed'"
                                                 " AND until_before IS NOT NULL"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/bulletin/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/bulletin/text-and-reissue", Fixture, NULL, fixture_set_up, test_text_and_reissue, fixture_tear_down);
  g_test_add ("/bulletin/correction", Fixture, NULL, fixture_set_up, test_correction, fixture_tear_down);
  g_test_add ("/bulletin/written-part", Fixture, NULL, fixture_set_up, test_written_part, fixture_tear_down);
  g_test_add ("/bulletin/roster-as-of", Fixture, NULL, fixture_set_up, test_roster_as_of, fixture_tear_down);
  g_test_add ("/bulletin/jurisdiction-move", Fixture, NULL, fixture_set_up, test_jurisdiction_move, fixture_tear_down);
  g_test_add ("/bulletin/programmes-as-of", Fixture, NULL, fixture_set_up, test_programmes_as_of, fixture_tear_down);
  g_test_add ("/bulletin/figures-not-entered", Fixture, NULL, fixture_set_up, test_figures_not_entered, fixture_tear_down);
  g_test_add ("/bulletin/ranking", Fixture, NULL, fixture_set_up, test_ranking, fixture_tear_down);
  g_test_add ("/bulletin/scope", Fixture, NULL, fixture_set_up, test_scope, fixture_tear_down);
  g_test_add ("/bulletin/backdated-lists", Fixture, NULL, fixture_set_up, test_backdated_lists, fixture_tear_down);
  g_test_add ("/bulletin/new-one-rule", Fixture, NULL, fixture_set_up, test_new_one_rule, fixture_tear_down);
  g_test_add ("/bulletin/safe-writing", Fixture, NULL, fixture_set_up, test_safe_writing, fixture_tear_down);
  g_test_add_func ("/bulletin/cancel-in-roster", test_cancel_in_roster);
  g_test_add ("/bulletin/one-state", Fixture, NULL, fixture_set_up, test_one_state, fixture_tear_down);
  g_test_add ("/bulletin/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/bulletin/activity", Fixture, NULL, fixture_set_up, test_activity, fixture_tear_down);

  return g_test_run ();
}
