/* sl-roster.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-certification.h"
#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-roster
 *
 * The roster as queries: the ordered ids of the enterprises that match a
 * search and filters (searched and sorted in SQLite, by index), and the
 * display values of one row at a time. A list of a million firms costs its
 * ids, eight bytes each.
 *
 * Search matches substrings of the name, credit code, contact and main
 * product: terms of three characters or more through a trigram index,
 * shorter ones through a single-character index, so that 1–2 Chinese
 * characters are found as fast as longer terms.
 */

/**
 * SlRosterSort:
 *
 * The columns the roster sorts by.
 */
typedef enum {
  SL_ROSTER_SORT_NAME,
  SL_ROSTER_SORT_CREDIT_CODE,
  SL_ROSTER_SORT_JURISDICTION,
  SL_ROSTER_SORT_CHAIN,
  SL_ROSTER_SORT_TIER,
  SL_ROSTER_SORT_REVENUE,
  SL_ROSTER_SORT_RD_INTENSITY,
  SL_ROSTER_SORT_PATENTS,
  SL_ROSTER_SORT_SPECIALIST,
  SL_ROSTER_SORT_UPDATED,
} SlRosterSort;

typedef struct
{
  const char   *search;
  gint64        jurisdiction_id;   /* 0: any; includes the jurisdiction's towns */
  const char   *tier_key;          /* NULL: any; else firms holding it today */
  gint64        chain_id;          /* 0: any */
  const char   *honour_key;        /* NULL: any */
  int           expiring_days;     /* 0: off; else a certification ends within so many days */
  const char   *top_tier_key;      /* NULL: any; else firms whose highest tier today is it */
  gboolean      meets_next;        /* with top_tier_key: only firms whose latest figures
                                    * meet every hard threshold of the tier above it */
  SlRosterSort  sort;
  gboolean      descending;
  gboolean      trash;             /* the trash instead of the roster */
} SlRosterQuery;

typedef struct
{
  gint64  id;
  char   *name;
  char   *credit_code;
  char   *jurisdiction;
  char   *chain;
  char   *tier_key;       /* highest tier held today, or NULL */
  char   *tier_name;
  char   *specialist;
  char   *updated_at;
  char   *deleted_at;
  gint64  latest_revenue; /* yuan, SL_UNSET when none */
  int     latest_year;
  double  rd_intensity;   /* NAN when none */
  gint64  patents;        /* SL_UNSET when none */
  char   *tier_since;     /* the highest tier's certification, valid from and until */
  char   *tier_until;
  char   *pending_tier;   /* an application without a final result, or NULL */
  char   *pending_status;
  char   *pending_on;
} SlRosterRow;

GArray      *sl_roster_query           (SlStore              *store,
                                        const SlRosterQuery  *query,
                                        GError              **error);
gint64       sl_roster_total           (SlStore              *store,
                                        gboolean              trash);
void         sl_roster_prefetch_async  (SlStore              *store,
                                        const SlRosterQuery  *query,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char        *sl_roster_prefetch_key    (SlStore              *store,
                                        const SlRosterQuery  *query);
gboolean     sl_roster_prefetch_finish (SlStore              *store,
                                        GAsyncResult         *result,
                                        GError              **error);
SlRosterRow *sl_roster_row_load        (SlStore              *store,
                                        gint64                id);
void         sl_roster_row_free        (SlRosterRow          *row);
gboolean     sl_enterprise_trash       (SlStore              *store,
                                        gint64                id,
                                        GError              **error);
gboolean     sl_enterprise_restore     (SlStore              *store,
                                        gint64                id,
                                        GError              **error);
gboolean     sl_roster_empty_trash     (SlStore              *store,
                                        gint64               *out_removed,
                                        GError              **error);

/* For the core: keep the derived columns and the search index in step. */

/* A firm's derived columns as SQL, ?1 being today: for a bulk write that
 * fills them with the row instead of updating it after. */
#define SL_ROSTER_TOP_TIER_OF(who) \
  "(SELECT max (t.level) FROM certification c JOIN tier t ON t.key = c.tier_key" \
  "  WHERE c.enterprise_id = " who " AND c.status IN " SL_HELD_STATUSES \
  "  AND c.valid_from <= ?1 AND ifnull (c.valid_until, '9999-12-31') >= ?1)"
#define SL_ROSTER_RD_INTENSITY(f) "100.0 * " f ".rd_expense / nullif (" f ".revenue, 0)"

gboolean     _sl_roster_index_search_from (SlStore           *store,
                                        gint64                first_id,
                                        GError              **error);
gboolean     _sl_roster_reindex        (SlStore              *store,
                                        gint64                id,
                                        GError              **error);
void         _sl_roster_defer_reindex  (SlStore              *store);
gboolean     _sl_roster_reindex_deferred (SlStore            *store,
                                        GError              **error);
/* In a roster query, the order of names: by their sort key (pinyin) where
 * the ledger keeps one; see _sl_roster_sql(). */
#define SL_ROSTER_NAME_SORT "@NAME_SORT@"
char        *_sl_roster_sql            (SlStore              *store,
                                        const char           *sql);
gboolean     _sl_roster_reindex_from   (SlStore              *store,
                                        gint64                first_id,
                                        GError              **error);
gboolean     _sl_roster_refresh_today  (SlStore              *store,
                                        GError              **error);
void         _sl_roster_register_functions (SlStore          *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlRosterRow, sl_roster_row_free)

G_END_DECLS
