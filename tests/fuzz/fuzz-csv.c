/* fuzz-csv.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the CSV reader (see run.sh). */

#include <glib.h>

#include "sl-table-read.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  GPtrArray *rows = sl_table_read_csv ((const char *) data, size, &error);

  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_error (&error);
  return 0;
}
