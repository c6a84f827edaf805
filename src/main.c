/* main.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "sl-application.h"
#include "sl-cli.h"
#include "sl-options.h"
#include "sl-util.h"

/* The window's share of the parsed options, as GApplication reads them
 * here and in a first instance that a second launch hands them to:
 * ledgers by absolute path, the page by its id. */
static GStrv
window_arguments (const char      *argv0,
                  const SlOptions *options)
{
  GPtrArray *args = g_ptr_array_new ();

  g_ptr_array_add (args, g_strdup (argv0));
  if (options->db != NULL)
    g_ptr_array_add (args, g_strconcat ("--db=", options->db, NULL));
  if (options->page != NULL)
    g_ptr_array_add (args, g_strconcat ("--page=", options->page, NULL));
  for (guint i = 0; options->files && options->files[i]; i++)
    g_ptr_array_add (args, g_canonicalize_filename (options->files[i], NULL));
  g_ptr_array_add (args, NULL);
  return (GStrv) g_ptr_array_free (args, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SL_LOCALEDIR");
  g_autoptr(SlOptions) options = sl_options_new ();
  g_autoptr(SlApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!sl_options_parse (options, argc, argv, &error))
    {
      g_autofree char *line = sl_text_escaped (error->message);

      g_printerr ("srdi-ledger: %s\n", line);
      g_printerr (_("See “srdi-ledger --help” for every option.\n"));
      return EXIT_FAILURE;
    }

  /* Work without a window needs no display. */
  if (!sl_options_wants_window (options))
    return sl_cli_run (options);

  app = sl_application_new ();
  g_application_add_main_option_entries (G_APPLICATION (app), sl_options_window_entries ());
  args = window_arguments (argv[0], options);
  return g_application_run (G_APPLICATION (app), (int) g_strv_length (args), args);
}
