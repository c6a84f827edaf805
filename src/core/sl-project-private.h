/* sl-project-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"
#include "sl-store-private.h"

G_BEGIN_DECLS

#define ITEM_COLUMNS \
  "id, project_id, position, title, responsible, due_on, metric_key, target_value, unit," \
  " current_value, done_on, note"

/* Read with its metric's rule, for whether a bound value meets its target. */
#define ITEM_READ_COLUMNS ITEM_COLUMNS ", (SELECT comparison FROM metric WHERE key = metric_key)"

SlChecklistItem *_sl_checklist_item_read (SlStmt *stmt);

G_END_DECLS
