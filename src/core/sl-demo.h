/* sl-demo.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SlDemoProgress:
 * @done: enterprises written so far
 * @total: enterprises to write
 * @user_data: data passed to sl_demo_generate()
 */
typedef void (*SlDemoProgress) (gint64   done,
                                gint64   total,
                                gpointer user_data);

gboolean sl_demo_check_count (gint64          count,
                              GError        **error);
gboolean sl_demo_generate (SlStore        *store,
                           gint64          count,
                           GCancellable   *cancellable,
                           SlDemoProgress  progress,
                           gpointer        user_data,
                           GError        **error);

G_END_DECLS
