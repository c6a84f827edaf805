/* bench-roster.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The roster at scale, as a clerk meets it: start to first frame, a search
 * of three and of one Chinese character, a column sort and opening the
 * editor, each timed to the frame that shows the result; then peak RSS.
 *
 *   SL_BENCH_DB=/tmp/big.db xvfb-run -a meson test -C build --benchmark
 *
 * Without SL_BENCH_DB a ledger of SL_BENCH_N (default 1,000,000) demo
 * firms is made first in a temporary folder (about two minutes).
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "sl-demo.h"
#include "sl-ledger.h"
#include "sl-pipeline-page.h"
#include "sl-roster-page.h"
#include "sl-window.h"

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static double
wait_frame (GtkWidget *widget,
            gint64     start)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean changed;

static void
page_changed_cb (void)
{
  changed = TRUE;
}

static gboolean
mapped (GtkWidget *w)
{
  return gtk_widget_get_mapped (w);
}

/* The peak so far, after each part: where the window's memory goes. */
static void
print_peak (const char *after)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS after %s: %.0f MB\n", after, usage.ru_maxrss / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  const char *db = g_getenv ("SL_BENCH_DB");
  const char *n_text = g_getenv ("SL_BENCH_N");
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  SlWindow *window;
  SlRosterPage *page;
  GtkEditable *search;
  GtkColumnView *view;
  struct rusage usage;
  gint64 t;
  double ms;

  gtk_init ();
  if (db == NULL)
    {
      gint64 n = n_text ? g_ascii_strtoll (n_text, NULL, 10) : 1000000;
      g_autoptr(SlStore) fresh = NULL;

      tmpdir = g_dir_make_tmp ("sl-bench-XXXXXX", NULL);
      path = g_build_filename (tmpdir, "bench.db", NULL);
      fresh = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
      g_printerr ("# making a ledger of %" G_GINT64_FORMAT " demo firms in %s\n", n, path);
      if (fresh == NULL || !sl_demo_generate (fresh, n, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      db = path;
    }

  t = g_get_monotonic_time ();
  store = sl_ledger_open (db, SL_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  /* The part of the first frame that is the file's: checks, the day's
   * backup on its first open. */
  g_print ("open the ledger: %.0f ms\n", (g_get_monotonic_time () - t) / 1000.0);
  settings = g_settings_new (APP_ID);
  window = sl_window_new (NULL, store, settings);
  g_print ("build the window: %.0f ms\n", (g_get_monotonic_time () - t) / 1000.0);
  /* The overview, the first page, counts in its worker meanwhile: the
   * roster is timed as a clerk meets it, with that work going on. */
  sl_window_show_page (window, "roster");
  gtk_window_present (GTK_WINDOW (window));
  while (!mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  ms = wait_frame (GTK_WIDGET (window), t);
  g_print ("enterprises: %" G_GINT64_FORMAT "\n", sl_store_count_enterprises (store));
  g_print ("start to first frame: %.0f ms\n", ms);
  t = g_get_monotonic_time ();
  sl_roster_total (store, FALSE);
  g_print ("count of the roster: %.0f ms\n", (g_get_monotonic_time () - t) / 1000.0);
  t = g_get_monotonic_time ();
  wait_frame (GTK_WIDGET (window), t);
  g_print ("an idle frame: %.0f ms\n", (g_get_monotonic_time () - t) / 1000.0);
  print_peak ("the first frame");

  page = SL_ROSTER_PAGE (sl_window_get_page (window, "roster"));
  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), SL_TYPE_ROSTER_PAGE, "search_entry"));
  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), SL_TYPE_ROSTER_PAGE, "column_view"));

  /* The search entry's own typing delay (150 ms) is set to 0: what is
   * timed is the work from a keystroke to the frame that shows its result. */
  g_object_set (search, "search-delay", 0, NULL);
  g_signal_connect_swapped (page, "changed", G_CALLBACK (page_changed_cb), NULL);
  {
    /* Typed one character at a time into an empty search, as a clerk does. */
    const char *typed[] = { "连云港恒", "恒瑞", "港", "91320722MA" };

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        int pos = 0;

        gtk_widget_activate_action (GTK_WIDGET (page), "roster.clear-filters", NULL);
        wait_frame (GTK_WIDGET (window), g_get_monotonic_time ());
        for (const char *p = typed[i]; *p; p = g_utf8_next_char (p))
          {
            g_autofree char *so_far = g_strndup (typed[i], g_utf8_next_char (p) - typed[i]);
            SlRosterQuery q = { .search = so_far };
            g_autoptr(GArray) ids = NULL;
            double sql_ms, query_ms;

            changed = FALSE;
            t = g_get_monotonic_time ();
            gtk_editable_insert_text (search, p, g_utf8_next_char (p) - p, &pos);
            while (!changed)
              g_main_context_iteration (NULL, TRUE);
            query_ms = (g_get_monotonic_time () - t) / 1000.0;
            ms = wait_frame (GTK_WIDGET (window), t);

            t = g_get_monotonic_time ();
            ids = sl_roster_query (store, &q, NULL);
            sql_ms = (g_get_monotonic_time () - t) / 1000.0;
            g_print ("keystroke to “%s” (%ld characters): %.0f ms to the frame, %u rows"
                     " (the page's query %.0f ms; its SQL alone, again, %.0f ms)\n",
                     so_far, g_utf8_strlen (so_far, -1), ms, ids->len, query_ms, sql_ms);
          }
      }
    changed = FALSE;
    t = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (page), "roster.clear-filters", NULL);
    ms = wait_frame (GTK_WIDGET (window), t);
    g_print ("clearing the search (back to every firm): %.0f ms\n", ms);
  }
  print_peak ("the searches");

  /* A clerk reads the list before clicking a header: by then the other
   * sorts have been read in the background (see sl_roster_prefetch_async). */
  t = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t < 3 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  {
    GListModel *columns = gtk_column_view_get_columns (view);
    const struct { guint col; GtkSortType order; const char *what; } sorts[] = {
      { 0, GTK_SORT_DESCENDING, "name, descending" },
      { 5, GTK_SORT_DESCENDING, "revenue, descending" },
      { 4, GTK_SORT_ASCENDING, "highest tier" },
      { 1, GTK_SORT_ASCENDING, "credit code" },
      { 0, GTK_SORT_ASCENDING, "name" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, sorts[i].col);
        t = g_get_monotonic_time ();
        gtk_column_view_sort_by_column (view, column, sorts[i].order);
        ms = wait_frame (GTK_WIDGET (window), t);
        g_print ("sort by %s: %.0f ms\n", sorts[i].what, ms);
      }
  }
  print_peak ("the sorts");

  {
    GtkWindow *editor;

    t = g_get_monotonic_time ();
    editor = sl_window_open_editor (window, sl_roster_model_get_id (sl_roster_page_get_model (page), 0));
    while (!mapped (GTK_WIDGET (editor)))
      g_main_context_iteration (NULL, TRUE);
    ms = wait_frame (GTK_WIDGET (editor), t);
    g_print ("open the editor: %.0f ms\n", ms);
    gtk_window_destroy (editor);
  }

  /* The pipeline: its columns at once, its counts from a worker. */
  {
    SlPipelinePage *pipeline = SL_PIPELINE_PAGE (sl_window_get_page (window, "pipeline"));
    GtkSpinner *spinner = GTK_SPINNER (gtk_widget_get_template_child (GTK_WIDGET (pipeline), SL_TYPE_PIPELINE_PAGE, "spinner"));
    GtkCheckButton *meets = GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (pipeline), SL_TYPE_PIPELINE_PAGE, "meets_check"));

    t = g_get_monotonic_time ();
    sl_window_show_page (window, "pipeline");
    ms = wait_frame (GTK_WIDGET (window), t);
    g_print ("show the pipeline: %.0f ms to the frame with its columns\n", ms);
    print_peak ("the pipeline's columns");
    while (gtk_spinner_get_spinning (spinner))
      g_main_context_iteration (NULL, TRUE);
    g_print ("pipeline counts ready (worker): %.0f ms\n", (g_get_monotonic_time () - t) / 1000.0);
    print_peak ("the pipeline");
    t = g_get_monotonic_time ();
    gtk_check_button_set_active (meets, TRUE);
    ms = wait_frame (GTK_WIDGET (window), t);
    g_print ("filter “meets the next tier’s thresholds”: %.0f ms to the frame\n", ms);
    while (gtk_spinner_get_spinning (spinner))
      g_main_context_iteration (NULL, TRUE);
    t = g_get_monotonic_time ();
    gtk_check_button_set_active (meets, FALSE);
    ms = wait_frame (GTK_WIDGET (window), t);
    g_print ("filter off again: %.0f ms to the frame\n", ms);
    while (gtk_spinner_get_spinning (spinner))
      g_main_context_iteration (NULL, TRUE);
  }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS: %.0f MB\n", usage.ru_maxrss / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}
