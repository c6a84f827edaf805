/* sl-lookup.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-lookup
 *
 * The ledger's own lists — jurisdictions, industrial chains, honours, tiers,
 * rule versions — with the edits the ledger settings allow: add, rename,
 * retire. Nothing is ever deleted, so no enterprise loses what it refers to.
 * Also an enterprise's honours and its change history.
 */

typedef enum {
  SL_LOOKUP_JURISDICTION,
  SL_LOOKUP_CHAIN,
  SL_LOOKUP_HONOUR,
  SL_LOOKUP_TIER,
  SL_LOOKUP_RULE_VERSION,
} SlLookupKind;

/**
 * SlLookupFlags:
 * @SL_LOOKUP_ACTIVE: only entries offered for new records
 * @SL_LOOKUP_INCLUDE_RETIRED: retired entries too
 * @SL_LOOKUP_COUNT_USES: fill @use_count (a scan of the roster: for the
 *   settings, not for every list)
 */
typedef enum {
  SL_LOOKUP_ACTIVE = 0,
  SL_LOOKUP_INCLUDE_RETIRED = 1 << 0,
  SL_LOOKUP_COUNT_USES = 1 << 1,
} SlLookupFlags;

typedef struct
{
  gint64    id;          /* jurisdictions and chains */
  char     *key;         /* chains, honours, tiers, rule versions */
  char     *name;
  char     *kind;        /* jurisdictions: district, county, zone, town */
  gint64    parent_id;
  gboolean  retired;
  gint64    use_count;   /* enterprises that refer to it */
} SlLookupItem;

typedef struct
{
  char     *key;
  char     *name;
  int       year;
  char     *recorded_on; /* the day it was recorded, or NULL if not known */
} SlHonourEntry;

typedef struct
{
  char     *at;
  char     *user;
  char     *entity;
  char     *action;
  JsonNode *before;
  JsonNode *after;
} SlAuditEntry;

GPtrArray  *sl_lookup_list             (SlStore             *store,
                                        SlLookupKind         kind,
                                        SlLookupFlags        flags);
gboolean    sl_lookup_add              (SlStore             *store,
                                        SlLookupKind         kind,
                                        const char          *name,
                                        gint64               parent_id,
                                        GError             **error);
gboolean    sl_lookup_rename           (SlStore             *store,
                                        SlLookupKind         kind,
                                        const SlLookupItem  *item,
                                        const char          *name,
                                        GError             **error);
gboolean    sl_lookup_set_retired      (SlStore             *store,
                                        SlLookupKind         kind,
                                        const SlLookupItem  *item,
                                        gboolean             retired,
                                        GError             **error);
void        sl_lookup_item_free        (SlLookupItem        *item);
GPtrArray  *sl_enterprise_list_honours (SlStore             *store,
                                        gint64               enterprise_id);
GPtrArray  *sl_audit_history           (SlStore             *store,
                                        gint64               enterprise_id);
char       *sl_audit_describe          (SlStore             *store,
                                        const SlAuditEntry  *entry);
const char *sl_field_label             (const char          *key);

G_END_DECLS
