/* test-ui-bulletins.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-bulletin.h"
#include "sl-bulletins-page.h"
#include "sl-ui-test-util.h"
#include "sl-xlsx-reader.h"

static gboolean
preview_done (gpointer data)
{
  return !gtk_spinner_get_spinning (GTK_SPINNER (child (data, SL_TYPE_BULLETINS_PAGE, "spinner")));
}

static gboolean
idle (gpointer data)
{
  return !sl_bulletins_page_is_busy (data);
}

static guint
n_children (GtkWidget *w)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* The page shows last month's figures, exports them in a worker into the
 * history, numbers the next issue, and a cancelled export leaves nothing. */
static void
test_bulletins_page (Fixture       *fx,
                     gconstpointer  data)
{
  SlBulletinsPage *page = SL_BULLETINS_PAGE (sl_window_get_page (fx->window, "bulletins"));
  GtkLabel *outcome = GTK_LABEL (child (page, SL_TYPE_BULLETINS_PAGE, "outcome_label"));
  GtkSpinButton *issue = GTK_SPIN_BUTTON (child (page, SL_TYPE_BULLETINS_PAGE, "issue_spin"));
  GtkSpinButton *figures_year = GTK_SPIN_BUTTON (child (page, SL_TYPE_BULLETINS_PAGE, "figures_year_spin"));
  GtkWidget *history = GTK_WIDGET (child (page, SL_TYPE_BULLETINS_PAGE, "history_list"));
  GtkWidget *grid = GTK_WIDGET (child (page, SL_TYPE_BULLETINS_PAGE, "preview_grid"));
  g_autofree char *dir = g_dir_make_tmp ("sl-bulletin-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "2026-10.xlsx", NULL);
  g_autofree char *cancelled = g_build_filename (dir, "cancelled.xlsx", NULL);
  g_autoptr(GPtrArray) issued = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-page", "s", "bulletins");
  spin_until (preview_done, page);
  g_assert_true (preview_done (page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (page, SL_TYPE_BULLETINS_PAGE, "preview_heading"))), ==,
                   "Preview — as of 2026-10-31");
  /* A header and one row per tier, six columns each. */
  g_assert_cmpuint (n_children (grid), ==, 6 * 6);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (issue), ==, 1);
  g_assert_cmpuint (n_children (history), ==, 0);
  /* The written part comes from the month's figures, and what the clerk
   * types stays. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, SL_TYPE_BULLETINS_PAGE, "text_view")));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_true (g_str_has_prefix (text, "Overall. As of 2026-10-31 the ledger holds "));
    g_assert_nonnull (strstr (text, "\nDue. "));
    gtk_text_buffer_set_text (buffer, "本月各地按计划推进。", -1);
  }
  /* October 2026 takes the 2025 figures unless the clerk chooses; here 2024. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (figures_year), ==, 2025);
  gtk_spin_button_set_value (figures_year, 2024);
  gtk_editable_set_text (GTK_EDITABLE (child (page, SL_TYPE_BULLETINS_PAGE, "unit_entry")), "东海县工业和信息化局");
  gtk_editable_set_text (GTK_EDITABLE (child (page, SL_TYPE_BULLETINS_PAGE, "compiler_entry")), "王芳");

  sl_bulletins_page_export_to (page, path, 0);
  g_assert_true (sl_bulletins_page_is_busy (page));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, SL_TYPE_BULLETINS_PAGE, "progress_revealer"))));
  spin_until (idle, page);
  g_assert_false (sl_bulletins_page_is_busy (page));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (outcome), "Issue 1 of 2026-10 saved as "));
  g_assert_cmpuint (n_children (history), ==, 1);
  /* The clerk's text went into the workbook's first page, and stays. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, SL_TYPE_BULLETINS_PAGE, "text_view")));
    GtkTextIter start, end;
    g_autofree char *text = NULL;
    g_autofree char *sheet = NULL;
    unzFile zip = unzOpen (path);
    char *strings;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "本月各地按计划推进。");
    g_assert_nonnull (zip);
    strings = sl_zip_read (zip, "xl/worksheets/sheet1.xml");
    unzClose (zip);
    g_assert_nonnull (strings);
    g_assert_nonnull (strstr (strings, "本月各地按计划推进。"));
    g_assert_null (strstr (strings, "Overall. As of"));
    g_free (strings);
  }
  /* October again would be a correction of its issue 1, and says so. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (issue), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (page, SL_TYPE_BULLETINS_PAGE, "issue_hint"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (page, SL_TYPE_BULLETINS_PAGE, "issue_hint"))), ==,
                   "Issued before: this export is correction 1");
  issued = sl_bulletin_list (fx->store, NULL);
  g_assert_cmpuint (issued->len, ==, 1);
  g_assert_cmpstr (((SlBulletinRecord *) issued->pdata[0])->period, ==, "2026-10");
  {
    g_autoptr(JsonNode) stored = sl_bulletin_load_figures (fx->store, ((SlBulletinRecord *) issued->pdata[0])->id, NULL, NULL);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (stored), "figures_year"), ==, 2024);
  }
  /* The next bulletin's form, on a page made anew, has the unit and the compiler of this one. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autoptr(GtkWidget) again = g_object_ref_sink (GTK_WIDGET (sl_bulletins_page_new (fx->store, settings)));

    sl_bulletins_page_refresh (SL_BULLETINS_PAGE (again));

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (again, SL_TYPE_BULLETINS_PAGE, "unit_entry"))), ==, "东海县工业和信息化局");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (again, SL_TYPE_BULLETINS_PAGE, "compiler_entry"))), ==, "王芳");
  }

  /* Cancel at once: nothing written, nothing recorded. */
  sl_bulletins_page_export_to (page, cancelled, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "bulletins.cancel", NULL);
  spin_until (idle, page);
  g_assert_cmpstr (gtk_label_get_text (outcome), ==, "Export cancelled; nothing was written");
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_children (history), ==, 1);

  /* Exported again from the history: the same figures, a second record. */
  g_unlink (path);
  sl_bulletins_page_export_to (page, path, ((SlBulletinRecord *) issued->pdata[0])->id);
  spin_until (idle, page);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_children (history), ==, 2);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (outcome), "Correction 1 of issue 1 of 2026-10 saved as "));
}

int
main (int   argc,
      char *argv[])
{
  sl_ui_test_init (&argc, &argv);

  g_test_add ("/ui/bulletins", Fixture, NULL, fixture_set_up, test_bulletins_page, fixture_tear_down);

  return g_test_run ();
}
