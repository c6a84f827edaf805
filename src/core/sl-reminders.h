/* sl-reminders.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-reminders
 *
 * What is due, computed from the ledger for a given "today": certifications
 * expiring or due for re-review, applications with no result for too long,
 * the yearly data-update deadline of the platform, overdue checklist items.
 * Also the tier counts month by month, as of each month's end, and the
 * targets a county sets itself.
 */

typedef enum {
  SL_REMINDER_EXPIRING,
  SL_REMINDER_NO_RESULT,
  SL_REMINDER_DATA_UPDATE,
  SL_REMINDER_OVERDUE_ITEM,
} SlReminderKind;

typedef struct
{
  SlReminderKind  kind;
  gint64          enterprise_id;   /* expiring, no result */
  gint64          project_id;      /* overdue items */
  gint64          item_id;
  char           *title;           /* the firm's name, or the item's title */
  char           *tier_key;
  char           *date;            /* the day it is about */
  int             days;            /* days left (negative: days past) */
} SlReminder;

typedef struct
{
  char   *period;                  /* YYYY-MM */
  gint64  held[8];                 /* per tier, in plan order */
} SlTierMonth;

GPtrArray *sl_reminders_list  (SlStore     *store,
                               const char  *today,
                               int          within_days,
                               GError     **error);
GPtrArray *sl_tier_history    (SlStore     *store,
                               const char  *last_period,
                               int          months,
                               GError     **error);

G_END_DECLS
