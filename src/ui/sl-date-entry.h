/* sl-date-entry.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_DATE_ENTRY (sl_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (SlDateEntry, sl_date_entry, SL, DATE_ENTRY, GtkEntry)

GtkWidget *sl_date_entry_new     (void);
char      *sl_date_entry_get_iso (SlDateEntry *self);

G_END_DECLS
