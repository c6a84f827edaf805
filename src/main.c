/* main.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sl-application.h"
#include "sl-cli.h"

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

  /* Work without a window needs no display. */
  if (sl_cli_wanted (argc, argv))
    return sl_cli_run (argc, argv);

  app = sl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
