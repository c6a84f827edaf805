/* window-main.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* srdi-ledger-window: the window, started by srdi-ledger (main.c) with
 * the window's options only, already checked there. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sl-application.h"
#include "sl-options.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SL_LOCALEDIR");
  g_autoptr(SlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sl_application_new ();
  g_application_add_main_option_entries (G_APPLICATION (app), sl_options_window_entries ());
  return g_application_run (G_APPLICATION (app), argc, argv);
}
