/* shoot-windows.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window as a clerk sees it, drawn to PNG files at one screen size:
 * every page, the editor's tabs, a new firm refused on Save, the pipeline
 * with an application being recorded and recorded, the import and merge
 * dialogs, and a first run on an empty ledger.
 *   shoot-windows OUTDIR WIDTH HEIGHT
 * build-aux/screenshot.sh runs it under Xvfb in zh_CN at 1400×900 and
 * 1024×700. Each window is drawn by its own renderer, so a picture holds
 * exactly what the window shows, at the size a screen of that size
 * would give it. */

#include "config.h"

#include <locale.h>

#include "sl-enterprise-editor.h"
#include "sl-import-dialog.h"
#include "sl-merge-dialog.h"
#include "sl-move-form.h"
#include "sl-pipeline-column.h"
#include "sl-pipeline-page.h"
#include "sl-roster.h"
#include "sl-roster-model.h"
#include "sl-ui-test-util.h"

static const char *outdir;
static int screen_w, screen_h;

static void
save_png (GtkWidget  *window,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  int w, h;

  /* Lists fill and pages cross-fade after they are shown. */
  spin_for (1200);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  file = g_strdup_printf ("%s-%dx%d-zh_CN.png", name, screen_w, screen_h);
  path = g_build_filename (outdir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s %d×%d\n", file, w, h);
}

/* A dialog as large as it asks, but no larger than the screen leaves it. */
static void
present_within_screen (GtkWindow *window)
{
  int w, h;

  gtk_window_get_default_size (window, &w, &h);
  gtk_window_set_default_size (window, w > 0 ? MIN (w, screen_w - 40) : -1, h > 0 ? MIN (h, screen_h - 60) : -1);
  gtk_window_present (window);
  spin_until (window_mapped, window);
}

static SlWindow *
open_window (SlStore   *store,
             GSettings *settings)
{
  SlWindow *window = sl_window_new (NULL, store, settings);

  gtk_window_set_default_size (GTK_WINDOW (window), screen_w, screen_h);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (window_mapped, window);
  return window;
}

static void
shoot_pipeline (SlWindow *window)
{
  SlPipelinePage *page = SL_PIPELINE_PAGE (sl_window_get_page (window, "pipeline"));
  SlRosterModel *innovative;
  gint64 id;

  sl_window_show_page (window, "pipeline");
  save_png (GTK_WIDGET (window), "pipeline");
  /* The first innovative card applies for 专精特新: the form, then the card. */
  innovative = sl_pipeline_column_get_model (SL_PIPELINE_COLUMN (sl_pipeline_page_get_column (page, "innovative")));
  id = sl_roster_model_get_id (innovative, 0);
  g_assert_true (sl_pipeline_page_start_move (page, SL_MOVE_APPLICATION, id, "srdi"));
  save_png (GTK_WIDGET (window), "pipeline-move");
  /* Recorded as the clerk records it: the form's own button. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (sl_pipeline_page_get_form (page)), SL_TYPE_MOVE_FORM,
                                                        "record_button"), "clicked");
  save_png (GTK_WIDGET (window), "pipeline-recorded");
}

static void
shoot_editor (SlWindow *window,
              SlStore  *store)
{
  /* A firm with figures, certifications and a history. */
  gint64 id = sl_test_query_int (store, "SELECT enterprise_id FROM certification WHERE tier_key = 'srdi'"
                                        " AND status = 'certified' ORDER BY enterprise_id LIMIT 1");
  static const char *tabs[] = { "editor", "editor-figures", "editor-certifications", "editor-honours", "editor-history" };
  g_autoptr(SlEnterprise) e = sl_enterprise_load (store, id, NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *editor;
  GtkNotebook *notebook;

  /* A clerk's edit, for the history to show in words. */
  g_free (e->contact);
  e->contact = g_strdup ("王建国");
  g_free (e->phone);
  e->phone = g_strdup ("0518-85812345");
  g_assert_true (sl_enterprise_update (store, e, &error));
  editor = sl_window_open_editor (window, id);
  notebook = GTK_NOTEBOOK (gtk_window_get_child (editor));

  present_within_screen (editor);
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      gtk_notebook_set_current_page (notebook, i);
      save_png (GTK_WIDGET (editor), tabs[i]);
    }
  gtk_window_destroy (editor);

  /* A new firm: the form as it opens, then Save with the code missing. */
  editor = sl_window_open_editor (window, 0);
  present_within_screen (editor);
  save_png (GTK_WIDGET (editor), "new-enterprise");
  gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (SL_ENTERPRISE_EDITOR (editor), "name")),
                         "连云港新立精密机械有限公司");
  g_assert_false (sl_enterprise_editor_save (SL_ENTERPRISE_EDITOR (editor)));
  save_png (GTK_WIDGET (editor), "new-enterprise-refused");
  gtk_window_destroy (editor);
}

static void
shoot_dialogs (SlStore *store)
{
  g_autofree char *roster = sl_test_temp_path ("县区报送名单.csv");
  g_autofree char *other = sl_test_temp_path ("东海县台账.db");
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  /* A county's roster as WPS saves it: a title row above the headers. */
  g_assert_true (g_file_set_contents (roster,
      "东海县2026年专精特新培育企业名单,,,,,,\n"
      "企业名称,统一社会信用代码,县区,梯度层级,认定时间,负责人,营业收入（万元）\n"
      "连云港导入甲科技有限公司,91320722MA20KD3R5T,东海县,创新型中小企业,2024,赵六,1520.5\n"
      "连云港导入乙材料有限公司,91320722MA20KD3R5X,东海,,,钱七,abc\n", -1, NULL));
  dialog = sl_import_dialog_new (store, roster);
  present_within_screen (GTK_WINDOW (dialog));
  save_png (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A county's copy of the same demo with its own edits: conflicts. */
  {
    g_autoptr(SlStore) county = sl_ledger_open (other, SL_STORE_OPEN_CREATE, &error);
    g_autofree char *sql = NULL;

    g_assert_no_error (error);
    g_assert_true (sl_demo_generate (county, 2040, NULL, NULL, NULL, &error));
    g_assert_cmpint (sqlite3_exec (_sl_store_get_db (county),
                                   "UPDATE enterprise SET contact = contact || '（县）' WHERE id % 9 = 0", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  }
  dialog = sl_merge_dialog_new (store, other);
  present_within_screen (GTK_WINDOW (dialog));
  save_png (dialog, "merge");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *empty_path = NULL;
  g_autoptr(SlStore) store = NULL;
  g_autoptr(SlStore) empty = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  static const char *pages[] = { "overview", "roster", "projects", "bulletins", "trash" };
  SlWindow *window;

  sl_ui_test_init (&argc, &argv);
  setlocale (LC_ALL, "");
  if (argc != 4)
    {
      g_printerr ("usage: shoot-windows OUTDIR WIDTH HEIGHT\n");
      return 2;
    }
  outdir = argv[1];
  screen_w = atoi (argv[2]);
  screen_h = atoi (argv[3]);
  g_mkdir_with_parents (outdir, 0755);
  settings = g_settings_new (APP_ID);

  /* A first run: the welcome where the clerk lands. */
  empty_path = sl_test_temp_path ("新台账.db");
  empty = sl_ledger_open (empty_path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  window = open_window (empty, settings);
  save_png (GTK_WIDGET (window), "first-run");
  gtk_window_destroy (GTK_WINDOW (window));

  path = sl_test_temp_path ("连云港市专精特新培育台账.db");
  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 2000, NULL, NULL, NULL, &error));
  /* Three firms in the trash, so that its page shows a list. */
  for (gint64 id = 5; id <= 7; id++)
    g_assert_true (sl_enterprise_trash (store, id, &error));
  window = open_window (store, settings);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      sl_window_show_page (window, pages[i]);
      save_png (GTK_WIDGET (window), pages[i]);
      if (i == 0)
        {
          /* The overview's lower half: the reminders and the twelve months. */
          GtkScrolledWindow *scroller = find_descendant (sl_window_get_page (window, "overview"), GTK_TYPE_SCROLLED_WINDOW);
          GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scroller);

          gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
          save_png (GTK_WIDGET (window), "overview-end");
        }
    }
  shoot_pipeline (window);
  shoot_editor (window, store);
  shoot_dialogs (store);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
