/* sl-import.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-import
 *
 * Rosters from Excel and CSV: the columns mapped by their Chinese headers
 * (with aliases), every row checked first — a dry run that says which
 * firms would be added, which updated with which fields, and which rows
 * are refused with row, column and reason — then applied in one
 * transaction with audit rows, and undone exactly if the clerk asks.
 */

typedef enum {
  SL_IMPORT_IGNORE,
  SL_IMPORT_NAME,
  SL_IMPORT_CREDIT_CODE,
  SL_IMPORT_JURISDICTION,
  SL_IMPORT_CHAIN,
  SL_IMPORT_TIER,
  SL_IMPORT_CERTIFIED_ON,
  SL_IMPORT_CONTACT,
  SL_IMPORT_PHONE,
  SL_IMPORT_SPECIALIST,
  SL_IMPORT_MAIN_PRODUCT,
  SL_IMPORT_YEAR,
  SL_IMPORT_REVENUE,
  SL_IMPORT_MAIN_REVENUE,
  SL_IMPORT_RD_EXPENSE,
  SL_IMPORT_PATENTS,
  SL_IMPORT_CNC_RATE,
  SL_IMPORT_DIGITAL_MGMT,
  SL_IMPORT_DIGITAL_RD_TOOLS,
  SL_IMPORT_HIGH_TECH,
  SL_IMPORT_TECH_SME,
  SL_IMPORT_VALID_UNTIL,
  SL_IMPORT_N_FIELDS,
} SlImportField;

typedef struct
{
  guint  row;        /* 1-based, the header being row 1 */
  char  *column;     /* the header of the column at fault, or NULL for the row */
  char  *reason;
} SlImportProblem;

typedef struct
{
  guint    row;
  char    *credit_code;
  char    *name;
  gboolean update;   /* else an addition */
  char    *changes;  /* for an update: "field: old → new; …" */
  char    *tier_key; /* for an addition: the tier it will hold, or NULL */
} SlImportAction;

typedef struct _SlImportPlan SlImportPlan;

const char   *sl_import_field_header     (SlImportField  field);
SlImportPlan *sl_import_plan_new         (SlStore       *store,
                                          GPtrArray     *rows,
                                          GError       **error);
SlImportPlan *sl_import_plan_new_at      (SlStore       *store,
                                          GPtrArray     *rows,
                                          guint          header_row,
                                          gboolean       two_rows,
                                          GError       **error);
SlImportPlan *sl_import_plan_read        (SlStore       *store,
                                          const char    *path,
                                          const char    *sheet,
                                          GError       **error);
SlImportPlan *sl_import_plan_read_any    (SlStore       *store,
                                          const char    *path,
                                          const char    *sheet,
                                          GError       **error);
SlImportPlan *sl_import_plan_read_at     (SlStore       *store,
                                          const char    *path,
                                          const char    *sheet,
                                          guint          header_row,
                                          gboolean       two_rows,
                                          gboolean       trial_at_apply,
                                          GError       **error);
gboolean      sl_import_plan_is_ready    (SlImportPlan  *plan);
char         *sl_import_plan_preview     (SlImportPlan  *plan,
                                          guint          n);
void          sl_import_plan_free        (SlImportPlan  *plan);
guint         sl_import_plan_n_columns   (SlImportPlan  *plan);
const char   *sl_import_plan_header      (SlImportPlan  *plan,
                                          guint          column);
SlImportField sl_import_plan_get_mapping (SlImportPlan  *plan,
                                          guint          column);
void          sl_import_plan_set_mapping (SlImportPlan  *plan,
                                          guint          column,
                                          SlImportField  field);
gboolean      sl_import_plan_remember_mapping (SlImportPlan *plan,
                                          GError       **error);
gboolean      sl_import_plan_check       (SlImportPlan  *plan,
                                          GError       **error);
GPtrArray    *sl_import_plan_get_actions (SlImportPlan  *plan);
GPtrArray    *sl_import_plan_get_problems (SlImportPlan *plan);
guint         sl_import_plan_n_rows      (SlImportPlan  *plan);
guint         sl_import_plan_n_unchanged (SlImportPlan  *plan);
guint         sl_import_plan_n_refused   (SlImportPlan  *plan);
char         *sl_import_plan_report      (SlImportPlan  *plan);
const char   *sl_import_field_name       (SlImportField  field);
gboolean      sl_import_apply            (SlImportPlan  *plan,
                                          gboolean       skip_bad_rows,
                                          GError       **error);
gboolean      sl_import_can_undo         (SlStore       *store);
char         *sl_import_describe_last    (SlStore       *store);
gboolean      sl_import_plan_set_header_row (SlImportPlan *plan,
                                             guint         row,
                                             gboolean      two_rows,
                                             GError      **error);
guint         sl_import_plan_get_header_row (SlImportPlan *plan);
gboolean      sl_import_plan_get_two_rows  (SlImportPlan  *plan);
guint         sl_import_plan_n_file_rows   (SlImportPlan  *plan);
void          sl_import_plan_set_source    (SlImportPlan  *plan,
                                             const char   *path);
GPtrArray    *sl_import_plan_get_skipped   (SlImportPlan  *plan);
gboolean      sl_import_undo_last        (SlStore       *store,
                                          GError       **error);
gboolean      sl_import_write_template   (SlStore       *store,
                                          const char    *path,
                                          GError       **error);
gboolean      sl_roster_export_file      (SlStore       *store,
                                          const char    *path,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlImportPlan, sl_import_plan_free)

G_END_DECLS
