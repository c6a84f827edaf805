/* sl-figures.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-store.h"
#include "sl-util.h"

G_BEGIN_DECLS

/**
 * SlFigures:
 *
 * One enterprise's figures for one year. Amounts are whole yuan, counts
 * whole numbers, both %SL_UNSET when not given; @cnc_rate is a percentage
 * (NAN when not given); the two flags are -1 (not given), 0 or 1.
 */
typedef struct
{
  gint64 enterprise_id;
  int    year;
  gint64 revenue;
  gint64 main_revenue;
  gint64 rd_expense;
  gint64 net_profit;
  gint64 total_assets;
  gint64 total_liabilities;
  gint64 patents_valid;
  gint64 staff;
  gint64 rd_staff;
  double cnc_rate;
  int    digital_mgmt;
  int    digital_rd_tools;
} SlFigures;

void       sl_figures_init          (SlFigures        *self,
                                     gint64            enterprise_id,
                                     int               year);
double     sl_figures_rd_intensity  (const SlFigures  *self);
gboolean   sl_figures_equal         (const SlFigures  *a,
                                     const SlFigures  *b);
gboolean   sl_figures_validate      (const SlFigures  *self,
                                     GError          **error);
JsonNode  *sl_figures_to_json       (const SlFigures  *self);
gboolean   sl_figures_save          (SlStore          *store,
                                     const SlFigures  *self,
                                     GError          **error);
GArray    *sl_figures_list          (SlStore          *store,
                                     gint64            enterprise_id,
                                     GError          **error);

G_END_DECLS
