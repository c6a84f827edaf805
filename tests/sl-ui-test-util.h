/* sl-ui-test-util.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <stdlib.h>

#include "sl-demo.h"
#include "sl-roster-page.h"
#include "sl-test-util.h"
#include "sl-window.h"

/* The window on a demo ledger in a file of the test's own, shown, with
 * today fixed: what every UI test starts from. */

#define DEMO_N 120

typedef struct
{
  SlStore      *store;
  GSettings    *settings;
  SlWindow     *window;
  SlRosterPage *roster;
  SlRosterPage *trash;
} Fixture;

static G_GNUC_UNUSED void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

/* Runs the main loop for @ms: a few frames for a layout or a style change. */
static G_GNUC_UNUSED void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static G_GNUC_UNUSED gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static G_GNUC_UNUSED void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;

  fx->store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (fx->store, DEMO_N, NULL, NULL, NULL, &error));
  fx->settings = g_settings_new (APP_ID);
  fx->window = sl_window_new (NULL, fx->store, fx->settings);
  fx->roster = SL_ROSTER_PAGE (sl_window_get_page (fx->window, "roster"));
  fx->trash = SL_ROSTER_PAGE (sl_window_get_page (fx->window, "trash"));
  sl_window_show_page (fx->window, "roster");
  gtk_window_present (GTK_WINDOW (fx->window));
  spin_until (window_mapped, fx->window);
}

static G_GNUC_UNUSED void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_clear_object (&fx->settings);
  g_clear_object (&fx->store);
}

/* Whether @widget or a widget inside it shows @text. */
static G_GNUC_UNUSED gboolean
row_shows (GtkWidget  *widget,
           const char *text)
{
  if ((GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
      || (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (row_shows (c, text))
      return TRUE;
  return FALSE;
}

/* The first widget of @type at or below @widget, depth first. */
static G_GNUC_UNUSED gpointer
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      gpointer found = find_descendant (c, type);

      if (found)
        return found;
    }
  return NULL;
}

static G_GNUC_UNUSED GObject *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
}

static G_GNUC_UNUSED void
capture_id (gint64  *out,
            gint64   id)
{
  *out = id;
}

static inline void
sl_ui_test_init (int    *argc,
                 char ***argv)
{
  const char *localedir = g_getenv ("SL_LOCALEDIR");

  /* Without a display there is no window to test: skipped with the
   * reason (a TAP plan of none, which meson counts as skipped; exit 77
   * would be a failure under the TAP protocol), so that a plain meson
   * test works anywhere; build-aux/dev.sh test runs the suite under Xvfb. */
  if ((g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
      && (g_getenv ("WAYLAND_DISPLAY") == NULL || *g_getenv ("WAYLAND_DISPLAY") == '\0'))
    {
      g_print ("1..0 # SKIP no display (run the UI suite under xvfb-run, as build-aux/dev.sh test does)\n");
      exit (EXIT_SUCCESS);   /* TAP: the plan above is the skip */
    }
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (argc, argv, NULL);
  /* The application's style and icons, as the window has them when the
   * program runs (GtkApplication adds the resource's icons). */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
}
