/* fuzz-xlsx.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the xlsx reader (see run.sh). The
 * reader opens a file, so each input is written to one in memory first. */

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sl-table-read.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  GError *error = NULL;
  GPtrArray *rows;

  if (path == NULL)
    path = g_strdup_printf ("/dev/shm/sl-fuzz-%d.xlsx", (int) getpid ());
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;
  rows = sl_table_read_xlsx (path, NULL, NULL, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_error (&error);
  return 0;
}
