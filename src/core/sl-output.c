/* sl-output.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-output"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sl-output.h"
#include "sl-util.h"

/**
 * sl_output_check:
 * @store: (nullable): the open ledger
 * @path: where an export is to be written
 * @extensions: the file endings it may have (".xlsx", ".csv"), %NULL-terminated
 *
 * An output never replaces a ledger: not the open one (compared by device
 * and inode, so that `./l.db` or a hard link does not slip past), not its
 * -wal, -shm or -journal, not any other SQLite database. An unknown ending
 * is refused with the ones that exist, rather than written in another
 * format than the name says.
 */
gboolean
sl_output_check (SlStore             *store,
                 const char          *path,
                 const char * const  *extensions,
                 GError             **error)
{
  static const char *companions[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean known = FALSE;
  GStatBuf st;

  for (guint i = 0; extensions[i] != NULL; i++)
    known |= g_str_has_suffix (lower, extensions[i]);
  if (!known)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) extensions);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s”: the file name must end in %s, the formats this can be written in."), shown, list);
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    return TRUE;
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO, _("“%s” is a folder; choose a file name."), shown);
      return FALSE;
    }
  if (store != NULL && !g_str_equal (sl_store_get_path (store), ":memory:"))
    for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
      {
        g_autofree char *ledger = g_strconcat (sl_store_get_path (store), companions[i], NULL);

        if (sl_file_same (path, ledger))
          {
            g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                         _("“%s” is the open ledger’s own file; nothing was written. Choose another name."), shown);
            return FALSE;
          }
      }
  /* Now known to be none of the open ledger's files, it may be read. */
  if (sl_file_is_sqlite (path))
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” is a database (perhaps a ledger), and an export never replaces one; nothing was written. Choose another name."),
                   shown);
      return FALSE;
    }
  return TRUE;
}
