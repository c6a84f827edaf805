/* window-main.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* srdi-ledger-window: the window, started by srdi-ledger (main.c) with
 * the window's options only, already checked there. */

#include "config.h"

#include "sl-application.h"
#include "sl-options.h"
#include "sl-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;

  sl_locale_init ();

  app = sl_application_new ();
  g_application_add_main_option_entries (G_APPLICATION (app), sl_options_window_entries ());
  return g_application_run (G_APPLICATION (app), argc, argv);
}
