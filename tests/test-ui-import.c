/* test-ui-import.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-import.h"
#include "sl-import-dialog.h"
#include "sl-merge-dialog.h"
#include "sl-overview-page.h"
#include "sl-plan-dialog.h"
#include "sl-ui-test-util.h"

/* The first widget below @root, depth first, of @type and, for a label,
 * with @text. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type)
          && (text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0))
        return c;
      if ((found = find_widget (c, type, text)))
        return found;
    }
  return NULL;
}

/* The dry run in the window: an unknown column to assign, a refused row
 * that blocks Import until skipped, then Import and Undo Import. */
static void
test_import_dialog (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *path = sl_test_temp_path ("roster.csv");
  const char *csv =
    "企业名称,统一社会信用代码,所属地区,负责人\n"
    "导入测试甲公司,91320722MA20KD3R5T,东海县,赵六\n"
    "导入测试乙公司,91320722MA20KD3R5X,东海县,钱七\n";
  GtkWidget *dialog;
  GtkLabel *summary, *outcome;
  GtkWidget *unknown, *dropdown;
  gint64 before = sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise");

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  dialog = sl_import_dialog_new (fx->store, path);
  gtk_window_present (GTK_WINDOW (dialog));
  summary = GTK_LABEL (child (dialog, SL_TYPE_IMPORT_DIALOG, "summary_label"));
  outcome = GTK_LABEL (child (dialog, SL_TYPE_IMPORT_DIALOG, "outcome_label"));
  g_assert_cmpstr (gtk_label_get_text (summary), ==, "2 rows: 1 to add, 0 to update, 0 unchanged, 1 refused");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));

  /* 负责人 is not a header the ledger knows: marked, then read as the contact. */
  unknown = find_widget (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "mapping_grid")), GTK_TYPE_LABEL, "负责人");
  g_assert_nonnull (unknown);
  g_assert_true (gtk_widget_has_css_class (unknown, "warning"));
  dropdown = gtk_label_get_mnemonic_widget (GTK_LABEL (unknown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 7);   /* Contact */

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, SL_TYPE_IMPORT_DIALOG, "skip_check")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));
  gtk_widget_activate_action (dialog, "import.apply", NULL);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (outcome), "Imported."));
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise"), ==, before + 1);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise WHERE name = '导入测试甲公司' AND contact = '赵六'"), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "undo_button"))));

  gtk_widget_activate_action (dialog, "import.undo", NULL);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise"), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A workbook of two sheets: the first is read, the other can be chosen. */
  {
    g_autofree char *template = sl_test_temp_path ("template.xlsx");
    GtkDropDown *sheets;

    g_assert_true (sl_import_write_template (fx->store, template, NULL));
    dialog = sl_import_dialog_new (fx->store, template);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "sheet_box"))));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_IMPORT_DIALOG, "summary_label"))), ==,
                     "1 rows: 1 to add, 0 to update, 0 unchanged, 0 refused");
    sheets = GTK_DROP_DOWN (child (dialog, SL_TYPE_IMPORT_DIALOG, "sheet_dropdown"));
    gtk_drop_down_set_selected (sheets, 1);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_IMPORT_DIALOG, "outcome_label"))), "credit code"));
    g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));
    gtk_drop_down_set_selected (sheets, 0);
    g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* The mapping is remembered for the next file with the same headers. */
  dialog = sl_import_dialog_new (fx->store, path);
  unknown = find_widget (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "mapping_grid")), GTK_TYPE_LABEL, "负责人");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (gtk_label_get_mnemonic_widget (GTK_LABEL (unknown)))), ==, 7);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A roster whose header the ledger cannot find: the window still shows
 * the file's rows, the header-row chooser and the mapping, and the clerk
 * takes over: the header row chosen, the credit-code column assigned. */
static void
test_import_take_over (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *path = sl_test_temp_path ("odd.csv");
  const char *csv =
    "2025年某县企业名单,,\n"
    "名称,代码,地区\n"
    "接管测试甲公司,91320722MA20KD3R5T,东海县\n";
  GtkWidget *dialog, *code_label, *dropdown;
  GtkTextBuffer *report;
  GtkSpinButton *spin;
  g_autofree char *text = NULL;
  GtkTextIter a, b;
  gint64 before = sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise");

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  dialog = sl_import_dialog_new (fx->store, path);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_IMPORT_DIALOG, "outcome_label"))),
                            "Choose the header row"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));
  report = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (dialog, SL_TYPE_IMPORT_DIALOG, "report_view")));
  gtk_text_buffer_get_bounds (report, &a, &b);
  text = gtk_text_buffer_get_text (report, &a, &b, FALSE);
  /* The file's rows, numbered, to choose from. */
  g_assert_nonnull (strstr (text, "  2 │ 名称 │ 代码 │ 地区 │"));

  spin = GTK_SPIN_BUTTON (child (dialog, SL_TYPE_IMPORT_DIALOG, "header_spin"));
  gtk_spin_button_set_value (spin, 2);
  code_label = find_widget (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "mapping_grid")), GTK_TYPE_LABEL, "代码");
  g_assert_nonnull (code_label);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));
  dropdown = gtk_label_get_mnemonic_widget (GTK_LABEL (code_label));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SL_IMPORT_CREDIT_CODE);
  dropdown = gtk_label_get_mnemonic_widget (GTK_LABEL (find_widget (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "mapping_grid")),
                                                                    GTK_TYPE_LABEL, "名称")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SL_IMPORT_NAME);
  dropdown = gtk_label_get_mnemonic_widget (GTK_LABEL (find_widget (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "mapping_grid")),
                                                                    GTK_TYPE_LABEL, "地区")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SL_IMPORT_JURISDICTION);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_IMPORT_DIALOG, "summary_label"))), ==,
                   "1 rows: 1 to add, 0 to update, 0 unchanged, 0 refused");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_IMPORT_DIALOG, "import_button"))));
  gtk_widget_activate_action (dialog, "import.apply", NULL);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise"), ==, before + 1);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise WHERE name = '接管测试甲公司'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A county's ledger merged from the window, taking its value in the one
 * conflict. */
static void
test_merge_dialog (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *county_path = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) county = sl_ledger_open (county_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlEnterprise) e = NULL;
  gint64 before = sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise");
  GtkWidget *dialog;

  g_assert_true (sl_demo_generate (county, DEMO_N + 5, NULL, NULL, NULL, &error));
  e = sl_enterprise_load (county, sl_test_query_int (county, "SELECT min (id) FROM enterprise"), NULL);
  g_free (e->contact);
  e->contact = g_strdup ("县里的联系人");
  g_assert_true (sl_enterprise_update (county, e, &error));
  /* Two more conflicts: a second firm's contact, and its phone. */
  g_clear_pointer (&e, sl_enterprise_free);
  e = sl_enterprise_load (county, sl_test_query_int (county, "SELECT min (id) + 1 FROM enterprise"), NULL);
  g_free (e->contact);
  e->contact = g_strdup ("县里的联系人");
  g_free (e->phone);
  e->phone = g_strdup ("0518-85550000");
  g_assert_true (sl_enterprise_update (county, e, &error));
  g_clear_object (&county);

  dialog = sl_merge_dialog_new (fx->store, county_path);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_MERGE_DIALOG, "summary_label"))), ==,
                   "5 enterprises to add, 0 to complete, 3 conflicts, 0 skipped");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_MERGE_DIALOG, "chosen_label"))), ==,
                   "0 of 3 conflicts take the other ledger’s value");
  /* The contact field alone, then theirs for all it shows: two of three. */
  {
    GtkDropDown *fields = GTK_DROP_DOWN (child (dialog, SL_TYPE_MERGE_DIALOG, "field_dropdown"));
    GListModel *model = gtk_drop_down_get_model (fields);
    guint contact = 0;

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    for (guint i = 1; i < g_list_model_get_n_items (model); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), sl_import_field_header (SL_IMPORT_CONTACT)))
        contact = i;
    g_assert_cmpuint (contact, >, 0);
    gtk_drop_down_set_selected (fields, contact);
  }
  gtk_widget_activate_action (dialog, "merge.take-all", NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_MERGE_DIALOG, "chosen_label"))), ==,
                   "2 of 3 conflicts take the other ledger’s value");
  gtk_widget_activate_action (dialog, "merge.apply", NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_MERGE_DIALOG, "outcome_label"))), ==, "Merged.");
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise"), ==, before + 5);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise WHERE contact = '县里的联系人'"), ==, 2);
  /* The phone was not shown when theirs was taken: ours stays. */
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM enterprise WHERE phone = '0518-85550000'"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
overview_counted (gpointer data)
{
  return !sl_overview_page_is_loading (data);
}

/* The plan has ended (the tests' today is 2026-11-25): the Overview says
 * so, with how it ended; the next plan is previewed and loaded from its
 * dialog, a plan that cannot follow is refused with its reason. */
static void
test_plan_dialog (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *next = sl_test_write_next_plan (dir, FALSE, 2026);
  g_autofree char *early = sl_test_write_next_plan (dir, TRUE, 2025);
  SlOverviewPage *page = SL_OVERVIEW_PAGE (sl_window_get_page (fx->window, "overview"));
  GtkWidget *dialog;
  GtkLabel *outcome;
  gboolean loaded = FALSE;

  sl_window_show_page (fx->window, "overview");
  spin_until (overview_counted, page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (page, SL_TYPE_OVERVIEW_PAGE, "plan_ended_bar"))));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (page, SL_TYPE_OVERVIEW_PAGE, "plan_ended_label"))),
                                   "The plan period (2023–2025) has ended. At its end (2025-12-31): "));

  dialog = sl_plan_dialog_new (fx->store, early);
  outcome = GTK_LABEL (child (dialog, SL_TYPE_PLAN_DIALOG, "outcome_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (outcome), "Plan period: the next plan must begin after this one ends (2025)"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (outcome), "error"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_PLAN_DIALOG, "load_button"))));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = sl_plan_dialog_new (fx->store, next);
  g_signal_connect_swapped (dialog, "loaded", G_CALLBACK (g_nullify_pointer), &loaded);
  loaded = TRUE;
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (row_shows (GTK_WIDGET (child (dialog, SL_TYPE_PLAN_DIALOG, "change_list")),
                            "New honours: 新一期试点企业"));
  gtk_widget_activate_action (dialog, "plan.load", NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, SL_TYPE_PLAN_DIALOG, "outcome_label"))), ==, "Loaded the next plan.");
  g_assert_false (loaded);
  g_assert_cmpstr (sl_test_query_text (fx->store, "SELECT value FROM setting WHERE key = 'plan_key'"), ==, "lianyungang-2026-2028");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (dialog, SL_TYPE_PLAN_DIALOG, "load_button"))));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  sl_ui_test_init (&argc, &argv);
  g_test_add ("/ui/import", Fixture, NULL, fixture_set_up, test_import_dialog, fixture_tear_down);
  g_test_add ("/ui/import-take-over", Fixture, NULL, fixture_set_up, test_import_take_over, fixture_tear_down);
  g_test_add ("/ui/merge", Fixture, NULL, fixture_set_up, test_merge_dialog, fixture_tear_down);
  g_test_add ("/ui/plan-dialog", Fixture, NULL, fixture_set_up, test_plan_dialog, fixture_tear_down);
  return g_test_run ();
}
