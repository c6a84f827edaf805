/* main.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* srdi-ledger: the command line, over the core alone. Work without a
 * window is done here; a window is the window program's (window-main.c),
 * which this one becomes. The command line so starts without GTK and the
 * eighty libraries it brings: a summary of 10,000 firms was half start-up. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <unistd.h>

#include "sl-cli.h"
#include "sl-options.h"
#include "sl-util.h"

#define WINDOW_PROGRAM "srdi-ledger-window"

/* The window's share of the parsed options, as GApplication reads them
 * there and in a first instance that a second launch hands them to:
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

/* Beside this program in a build tree, so that a build runs as it is;
 * installed, in libexecdir/srdi-ledger. */
static char *
window_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, WINDOW_PROGRAM, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (PKGLIBEXECDIR, WINDOW_PROGRAM, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlOptions) options = sl_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_auto(GStrv) args = NULL;

  sl_locale_init ();

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

  /* The window keeps this program's name: the desktop knows it by it. */
  program = window_program ();
  args = window_arguments (argv[0], options);
  execv (program, args);
  {
    g_autofree char *shown = g_filename_display_name (program);

    /* TRANSLATORS: the window's program (a path) could not be started; the system's reason follows */
    g_printerr (_("srdi-ledger: the window could not be started (%s): %s\n"), shown, g_strerror (errno));
  }
  return EXIT_FAILURE;
}
