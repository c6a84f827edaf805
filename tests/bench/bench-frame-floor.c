/* bench-frame-floor.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The floor of bench-roster's "start to first frame": the bare libraries
 * doing the least of the same work — the roster's ids read from the
 * ledger in name order with SQLite alone, and a GTK window with a header
 * bar, a sidebar of six pages and a ten-column view of the first screenful
 * drawn once, under the same display and renderer.
 *
 *   SL_BENCH_DB=/tmp/big.db xvfb-run -a meson test -C build --benchmark frame-floor
 */
#include <gtk/gtk.h>
#include <sqlite3.h>

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GtkStringObject *s = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (s));
}

/* The ids as the roster reads them: every firm, in name order. */
static GArray *
read_ids (const char *path)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT e.id FROM enterprise e WHERE e.deleted_at IS NULL"
                                 " ORDER BY e.name_key ASC, e.id ASC", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static GtkWidget *
roster_view (GArray *ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GtkWidget *view;

  /* The view draws a screenful: the model holds the rows it shows. */
  for (guint i = 0; i < MIN (ids->len, 60); i++)
    {
      char text[32];

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
      gtk_string_list_append (list, text);
    }
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (list))));
  for (int c = 0; c < 10; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), gtk_column_view_column_new ("企业名称", factory));
    }
  return view;
}

int
main (int   argc,
      char *argv[])
{
  const char *path = g_getenv ("SL_BENCH_DB");
  GtkWidget *window, *paned, *sidebar, *stack, *box, *scroller;
  GdkFrameClock *clock;
  GArray *ids;
  gint64 t;

  if (path == NULL)
    {
      g_print ("1..0 # SKIP set SL_BENCH_DB to a ledger\n");
      return 0;
    }
  gtk_init ();
  t = g_get_monotonic_time ();
  ids = read_ids (path);
  g_print ("the ids in name order, SQLite alone: %u, %.0f ms\n", ids->len, (g_get_monotonic_time () - t) / 1000.0);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1340, 800);
  gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  sidebar = gtk_stack_sidebar_new ();
  stack = gtk_stack_new ();
  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), GTK_STACK (stack));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), roster_view (ids));
  gtk_widget_set_vexpand (scroller, TRUE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_search_entry_new ());
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_stack_add_titled (GTK_STACK (stack), box, "roster", "企业名册");
  for (int p = 0; p < 5; p++)
    {
      char name[8];

      g_snprintf (name, sizeof name, "p%d", p);
      gtk_stack_add_titled (GTK_STACK (stack), gtk_label_new (name), name, name);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "roster");
  gtk_paned_set_start_child (GTK_PANED (paned), sidebar);
  gtk_paned_set_end_child (GTK_PANED (paned), stack);
  gtk_window_set_child (GTK_WINDOW (window), paned);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_print ("floor of start to first frame: %.0f ms\n", (g_get_monotonic_time () - t) / 1000.0);
  g_array_unref (ids);
  return 0;
}
