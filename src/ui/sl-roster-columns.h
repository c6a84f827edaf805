/* sl-roster-columns.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-roster.h"

G_BEGIN_DECLS

#define SL_ROSTER_N_COLUMNS 10

void     sl_roster_columns_build     (GtkColumnView        *view,
                                      gboolean              trash,
                                      GtkColumnViewColumn **out_columns);
gboolean sl_roster_columns_read_sort (GtkColumnView        *view,
                                      SlRosterSort         *out_sort,
                                      gboolean             *out_descending);

G_END_DECLS
