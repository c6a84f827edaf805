/* sl-summary-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sl-store.h"
#include "sl-summary.h"

G_BEGIN_DECLS

typedef struct _SlTierPass SlTierPass;

#define SL_UNIT_ARRAY_MAX (1 << 20)

/* A set of the bulletin's firms, by slot: a population, or the holders
 * of an honour on the day. */
typedef struct
{
  guint8 *member;  /* a bit by slot: in the set (a million firms, 125 KB) */
  gint64  size;
  char   *name;
} SlFirmSet;

static inline gboolean
_sl_firm_set_has (const SlFirmSet *set,
                  gint64           slot)
{
  return (set->member[slot >> 3] >> (slot & 7)) & 1;
}

/* Per firm and tier, in tier_flags. */
enum
{
  SL_TIER_HELD = 1 << 0,      /* held on the day the figures are as of */
  SL_TIER_NEW_MONTH = 1 << 1, /* a certification of it starts in the month */
  SL_TIER_NEW_YEAR = 1 << 2,  /* ... in the year, up to the day */
  SL_TIER_HELD_LAST = 1 << 3, /* held on the plan's last day */
};

/* The pipeline's activity of a row of the bulletin, by
 * sl_summary_activity_kinds. */
enum
{
  SL_ACTIVITY_FILED,
  SL_ACTIVITY_PUBLICISED,
  SL_ACTIVITY_APPROVED,
};

typedef struct
{
  gint64 month[SL_SUMMARY_N_ACTIVITY_KINDS];
  gint64 year[SL_SUMMARY_N_ACTIVITY_KINDS];
} SlActivity;

/* One computation of the bulletin: the period, the scope, and the firms in
 * memory. A firm's slot is its id, or where ids are sparse its index in
 * slot_of_id; every array "by slot" has n_slots entries. Only the bulletin's
 * rows (unit_map, scope_unit) are temporary tables on the ledger's
 * connection, for the queries that list them. */
typedef struct
{
  SlStore    *store;
  char       *first_day;
  char       *as_of;
  char       *year_start;
  int         year;
  int         figures_year;  /* the annual figures the indicators take */
  int         plan_start;    /* the plan's first and last years, 0 when not known */
  int         plan_end;
  char       *plan_key;      /* the plan in force in the bulletin's year */
  gint64      scope_id;      /* 0: the whole ledger */

  gint64      n_slots;
  gboolean    dense;         /* a firm's slot is its id */
  GHashTable *slot_of_id;    /* id -> slot + 1, or NULL: the slot is the id */
  gint64     *ids;           /* by slot, where slot_of_id is used */
  gint32     *jurisdiction;  /* by slot: the firm's jurisdiction now; 0: no firm (or in the trash) */
  guint8     *above_scale;   /* by slot: 规上 */
  GHashTable *unit_of;       /* jurisdiction id -> the row it is counted under */
  gint32     *unit_by_j;     /* the same by id, while the ids are below SL_UNIT_ARRAY_MAX */
  gint64      n_unit_by_j;
  gint32     *unit;          /* by slot: the row on the day of the figures; 0: outside the scope */
  gint32     *unit_last;     /* the same on the plan's last day, once asked for */
  GPtrArray  *tier_keys;     /* by level */
  guint8     *tier_flags;    /* by slot * tier_keys->len + tier: SL_TIER_* */
  gboolean    tiers_read;
  char       *last_day;      /* the plan's last day, when its holders are read too */
  GHashTable *populations;   /* key -> SlFirmSet */
  GHashTable *honours;       /* key -> SlFirmSet */
  GHashTable *figures;       /* metric key -> SlFigureResult, once the figures are read */
  GPtrArray  *figure_specs;  /* what the one pass over the figures accumulates */
  GHashTable *tier_held;     /* tier key -> held in the whole scope */
  GHashTable *activity;      /* row -> SlActivity, the certifications' own dates, read with the tiers */
  SlActivity  activity_totals;
  SlTierPass *pending;       /* the certifications' pass in a thread, or NULL */
  sqlite3    *reader;        /* the long reads' own connection, or NULL: the store's */
  GHashTable *reader_stmts;  /* SQL -> its statements */
} Ctx;

static inline gint64
_sl_summary_slot (Ctx    *ctx,
                  gint64  id)
{
  if (ctx->slot_of_id != NULL)
    return GPOINTER_TO_SIZE (g_hash_table_lookup (ctx->slot_of_id, &id)) - 1;
  return id >= 0 && id < ctx->n_slots ? id : -1;
}

/* The firms in scope and where each is counted (sl-summary-firms.c). */
gboolean  _sl_summary_savepoint    (SlStore     *store,
                                    GError     **error);
gboolean  _sl_summary_firms_load   (Ctx         *ctx,
                                    GError     **error);
SlStmt   *_sl_summary_prepare      (Ctx         *ctx,
                                    const char  *sql,
                                    GError     **error);
void      _sl_summary_reader_set   (Ctx         *ctx,
                                    sqlite3     *reader);
void      _sl_summary_reader_release (Ctx       *ctx);
gboolean  _sl_summary_slots_decide (Ctx         *ctx,
                                    GError     **error);
gint32   *_sl_summary_units_on     (Ctx         *ctx,
                                    const char  *day,
                                    GError     **error);

/* Each firm's tiers (sl-summary-tiers.c). */
gboolean  _sl_summary_tier_keys_read (Ctx       *ctx,
                                      GError   **error);
void      _sl_summary_tiers_start  (Ctx         *ctx,
                                    sqlite3     *twin,
                                    const char  *last_day);
void      _sl_summary_tiers_stop   (Ctx         *ctx);
/* Reads each firm's tiers: held on the day, new in the month and year, and
 * when @last_day is given held on that day too (under unit_last). */
gboolean  _sl_summary_tiers_read   (Ctx         *ctx,
                                    const char  *last_day,
                                    GError     **error);
void      _sl_summary_activity_add (Ctx         *ctx,
                                    gint64       slot,
                                    guint        kind,
                                    gboolean     in_month);
const SlFirmSet *_sl_summary_honour (Ctx        *ctx,
                                     const char *key,
                                     GError    **error);
gboolean  _sl_summary_honours_prefetch (Ctx      *ctx,
                                        GError  **error);

/* A figure metric's sums, read in one pass over the year's figures
 * (sl-summary-figures.c). */
typedef struct
{
  gboolean has_value;
  double   value;
  gint64   with_data;
  gint64   whole_size;  /* a share's whole: its firms with the figure, or -1 */
  double   whole_typed;
  int      whole_year;
} SlFigureResult;

gboolean  _sl_summary_figures_add  (Ctx         *ctx,
                                    const char  *metric_key,
                                    JsonObject  *m,
                                    GError     **error);
gboolean  _sl_summary_figures_read (Ctx         *ctx,
                                    GError     **error);
gboolean  _sl_summary_per_specialist (Ctx             *ctx,
                                      const SlFirmSet *pop,
                                      double          *value,
                                      gboolean        *has_value,
                                      GError         **error);
gboolean  _sl_summary_chain_coverage (Ctx             *ctx,
                                      const SlFirmSet *pop,
                                      double          *value,
                                      gboolean        *has_value,
                                      GError         **error);
gboolean  _sl_summary_typed_figure (Ctx         *ctx,
                                    const char  *figure_key,
                                    int          year,
                                    gboolean     latest,
                                    double      *value,
                                    int         *out_year);
void      _sl_summary_ctx_clear    (Ctx         *ctx);

const SlFirmSet *_sl_summary_population (Ctx        *ctx,
                                         const char *key,
                                         GError    **error);
/* What an indicator is measured over: its 口径. */
typedef struct
{
  char   *key;        /* the population, or NULL */
  char   *name;
  gint64  size;       /* -1: no population */
  gint64  with_data;  /* of them, the firms that have the figures it takes; -1: not a figure */
  char   *whole_name; /* a share's whole (the above-scale SMEs), or NULL */
  gint64  whole_size; /* its firms with the figure */
  gboolean ledger_wide; /* a checklist figure of the whole ledger, which a jurisdiction's bulletin does not show as its own */
  int     typed_year;  /* a manual value typed for the scope: its year; 0 if not typed */
  double  whole_typed; /* a share's whole as the statistics bureau reports it, 万元, */
  int     whole_year;  /* for this year; 0 if not typed */
} SlMeasureBasis;

void     _sl_measure_basis_clear (SlMeasureBasis *basis);
gboolean _sl_summary_measure    (Ctx            *ctx,
                                 const char     *metric_key,
                                 JsonObject     *m,
                                 double         *value,
                                 gboolean       *has_value,
                                 SlMeasureBasis *basis,
                                 GError        **error);

/* The bulletin's rows, in its order: id, code, name, kind. */
#define SL_SUMMARY_UNITS \
  "SELECT j.id, j.code, j.name, j.kind FROM jurisdiction j" \
  " WHERE j.id IN (SELECT unit_id FROM unit_map)" \
  "   AND (j.retired = 0 OR j.id IN (SELECT unit_id FROM scope_unit))" \
  " ORDER BY j.parent_id IS NOT NULL, j.position, j.id"

gboolean _sl_summary_activity   (Ctx            *ctx,
                                 JsonBuilder    *b,
                                 GError        **error);

gboolean _sl_summary_plan_period (Ctx           *ctx,
                                  JsonBuilder   *b,
                                  GError       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlMeasureBasis, _sl_measure_basis_clear)

G_END_DECLS
