/* sl-project.h
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
 * SECTION:sl-project
 *
 * Projects are checklists: the plan's eight programmes, each enterprise's
 * application dossier (made from the plan's material template for its
 * tier) and a county's own projects. An item bound to a metric takes its
 * current value from the ledger; other items hold a value typed by hand.
 */

typedef struct
{
  gint64  id;
  char   *key;
  char   *kind;           /* programme, dossier, custom */
  char   *title;
  char   *responsible;
  gint64  enterprise_id;  /* dossiers */
  char   *tier_key;       /* dossiers */
  int     n_items;
  int     n_done;
} SlProject;

typedef struct
{
  gint64    id;
  gint64    project_id;
  int       position;
  char     *title;
  char     *responsible;
  char     *due_on;
  char     *metric_key;     /* bound: the value comes from the ledger */
  double    target_value;   /* NAN: none */
  char     *unit;
  double    current_value;  /* NAN: none */
  char     *done_on;
  char     *note;
  char     *comparison;     /* a bound item's metric's rule (">=", "<=", …), or NULL */
} SlChecklistItem;

void             sl_project_free            (SlProject        *self);
void             sl_checklist_item_free     (SlChecklistItem  *self);
SlChecklistItem *sl_checklist_item_new      (void);
SlChecklistItem *sl_checklist_item_copy     (const SlChecklistItem *self);
GPtrArray       *sl_project_list            (SlStore          *store,
                                             const char       *kind,
                                             GError          **error);
GPtrArray       *sl_project_list_in_year    (SlStore          *store,
                                             const char       *kind,
                                             int               year,
                                             GError          **error);
GPtrArray       *sl_checklist_list          (SlStore          *store,
                                             gint64            project_id,
                                             const char       *responsible,
                                             GError          **error);
GPtrArray       *sl_checklist_list_with_values (SlStore       *store,
                                             gint64            project_id,
                                             GHashTable       *values,
                                             GError          **error);
gboolean         sl_checklist_item_meets_target (const SlChecklistItem *self);
gboolean         sl_checklist_item_is_done_on (const SlChecklistItem *self,
                                             const char       *date);
gboolean         sl_checklist_item_is_overdue (const SlChecklistItem *self,
                                             const char       *today);
gboolean         sl_checklist_item_save     (SlStore          *store,
                                             SlChecklistItem  *self,
                                             GError          **error);
gboolean         sl_checklist_item_remove   (SlStore          *store,
                                             gint64            id,
                                             GError          **error);
gboolean         sl_checklist_item_restore  (SlStore          *store,
                                             const SlChecklistItem *removed,
                                             GError          **error);
gboolean         sl_checklist_item_move     (SlStore          *store,
                                             gint64            id,
                                             int               position,
                                             GError          **error);
gint64           sl_project_create_custom   (SlStore          *store,
                                             const char       *title,
                                             const char       *responsible,
                                             GError          **error);
gint64           sl_dossier_record_application (SlStore       *store,
                                             gint64            project_id,
                                             GError          **error);
GPtrArray       *sl_project_list_for_enterprise (SlStore      *store,
                                             gint64            enterprise_id,
                                             GError          **error);
gint64           sl_dossier_create          (SlStore          *store,
                                             gint64            enterprise_id,
                                             const char       *tier_key,
                                             const char       *due_on,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlProject, sl_project_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlChecklistItem, sl_checklist_item_free)

G_END_DECLS
