/* sl-application.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_APPLICATION (sl_application_get_type ())

G_DECLARE_FINAL_TYPE (SlApplication, sl_application, SL, APPLICATION, GtkApplication)

SlApplication *sl_application_new          (void);
void           sl_application_open_ledger  (SlApplication *self,
                                            const char    *path,
                                            const char    *page);
void           sl_application_restore_backup (SlApplication *self,
                                              const char    *ledger);
GSettings     *sl_application_get_settings (SlApplication *self);

G_END_DECLS
