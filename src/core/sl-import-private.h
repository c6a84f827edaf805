/* sl-import-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-certification.h"
#include "sl-figures.h"
#include "sl-import.h"
#include "sl-table-read.h"

G_BEGIN_DECLS

/* One row of the file as it would be written. Strings are NULL where the
 * file says nothing (the column is absent or the cell empty): an import
 * fills and corrects, it never blanks what the ledger knows. */
typedef struct
{
  guint    row;
  char    *credit_code;
  char    *name;
  gint64   jurisdiction_id;     /* 0: not given */
  gint64   chain_id;            /* 0: not given */
  char    *contact;
  char    *phone;
  char    *specialist;
  char    *main_product;
  char    *tier_key;
  char    *certified_on;
  char    *valid_until;         /* NULL: the tier's own validity from certified_on */
  int      year;                /* of the figures; 0 when none are given */
  gint64   revenue;             /* SL_UNSET: not given */
  gint64   main_revenue;
  gint64   rd_expense;
  gint64   patents;
  double   cnc_rate;            /* NAN: not given */
  int      digital_mgmt;        /* -1: not given */
  int      digital_rd_tools;
  int      high_tech;           /* -1: not given, 0 no, 1 yes */
  int      tech_sme;
  gint64   existing_id;         /* the firm with this credit code, or 0 */
  gboolean add_certification;   /* the firm does not hold the tier on that day */
  gboolean date_unknown;        /* a pool firm listed without a date: certified_on is SL_DATE_UNKNOWN */
} SlImportRow;

struct _SlImportPlan
{
  SlStore      *store;
  GPtrArray    *rows;         /* of the file, GPtrArray of strings each */
  GPtrArray    *headers;
  GArray       *mapping;      /* SlImportField per column */
  GPtrArray    *parsed;       /* SlImportRow, the rows without problems */
  GPtrArray    *actions;      /* SlImportAction */
  GPtrArray    *problems;     /* SlImportProblem */
  guint         n_unchanged;
  char         *source;       /* the file, for the audit row */
  guint         header_row;   /* 0-based, in rows */
  gboolean      two_rows;     /* the header spans header_row and the next */
  GArray       *years;        /* int per column: the year its heading names, or 0 */
  GPtrArray    *skipped;      /* text: rows that are no firm, and why */
  gboolean      ready;        /* the last check passed */
  gboolean      trial_at_apply; /* the trial write left to sl_import_apply() */
  gboolean      skip_requested; /* in that apply: the clerk skips refused rows */
  GArray       *hidden;       /* guint: the columns the workbook hides */
  guint         n_hidden_rows;
  GArray       *has_data;     /* gboolean per column, once the file's cells are let go */
  guint         n_file_rows;  /* likewise */
};

void     _sl_import_row_free (SlImportRow *row);
gint64   _sl_import_next_audit_id (SlStore *store);
void     _sl_import_plan_let_go_of_file (SlImportPlan *plan);
gboolean _sl_import_column_has_data     (SlImportPlan *plan,
                                         guint         c);

/* sl-import-bulk.c: the firms new to the ledger, written together */
void          _sl_import_row_take_figures (const SlImportRow *r,
                                           SlFigures     *f);
SlCertification *_sl_import_row_certification (const SlImportRow *r,
                                               char              *rule_version);
typedef struct _SlImportBulk SlImportBulk;

SlImportBulk *_sl_import_bulk_new         (SlStore       *store,
                                           GError       **error);
void          _sl_import_bulk_free        (SlImportBulk  *self);
gboolean      _sl_import_bulk_stage       (SlImportBulk  *self,
                                           SlImportRow   *r,
                                           GError       **error);
gboolean      _sl_import_bulk_write       (SlImportBulk  *self,
                                           GError       **error);
guint         _sl_import_bulk_get_n_firms (SlImportBulk  *self);
const char   *_sl_import_bulk_get_undo    (SlImportBulk  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlImportBulk, _sl_import_bulk_free)

/* sl-import-clean.c: rosters as they come */
const char    *_sl_import_field_aliases    (SlImportField  field);
SlImportField  _sl_import_field_for_header (const char    *header,
                                            int           *out_year);
int            _sl_import_heading_year     (const char    *heading);
SlImportField  _sl_import_field_of_heading (const char    *heading);
GPtrArray     *_sl_import_headings         (GPtrArray     *rows,
                                            guint          header_row,
                                            gboolean       two_rows);
guint          _sl_import_find_header      (GPtrArray     *rows,
                                            gboolean      *out_two_rows);
gboolean       _sl_import_code_is_number   (const char    *code);
const char    *_sl_import_row_kind         (GPtrArray     *row,
                                            const char    *code);
const char    *_sl_import_tier_alias       (const char    *text);
gboolean       _sl_import_is_blank         (const char    *text);
char          *_sl_import_clean_cell       (SlImportField  field,
                                            const char    *text);
void     _sl_import_trial_write (SlImportPlan *plan);
void     _sl_import_prune_refused (SlImportPlan *plan);
gboolean _sl_import_column_hidden (SlImportPlan *plan,
                                   guint         c);

/* One row being read: the plan, the row's cells, whether it was refused,
 * and the ledger's names to look values up in. */
typedef struct
{
  SlImportPlan *plan;
  GPtrArray    *cells;
  guint         row;
  gboolean      bad;
  GHashTable   *jurisdictions;   /* name -> id */
  GHashTable   *chains;
  GHashTable   *tiers;           /* name or key -> key */
} Ctx;

const char  *_sl_import_cell        (Ctx           *ctx,
                                     SlImportField  field,
                                     const char   **out_header);
void         _sl_import_refuse      (Ctx           *ctx,
                                     SlImportField  field,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (3, 4);
GHashTable  *_sl_import_names_of    (SlStore       *store,
                                     const char    *sql);
GHashTable  *_sl_import_tier_names  (SlStore       *store);
SlImportRow *_sl_import_parse_row   (Ctx           *ctx);
char        *_sl_import_changes_of  (Ctx           *ctx,
                                     SlImportRow   *r);


G_END_DECLS
