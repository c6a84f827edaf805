/* sl-merge.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-merge
 *
 * Another ledger merged into this one, a county's into the city's:
 * enterprises matched by credit code; new firms added whole; for known
 * ones, what this ledger lacks is filled in, yearly figures, certifications
 * and honours are added, and where both know a different value the
 * conflict is listed for the clerk to choose (this ledger's value is kept
 * unless they choose the other's). One transaction.
 */

typedef struct
{
  char     *credit_code;
  char     *name;
  char     *field;         /* what differs, e.g. "联系人" or "2025 营业收入(万元)" */
  char     *ours;
  char     *theirs;
  gboolean  take_theirs;
} SlMergeConflict;

typedef struct _SlMergePlan SlMergePlan;

SlMergePlan *sl_merge_plan_new           (SlStore      *store,
                                          const char   *other_path,
                                          GError      **error);
void         sl_merge_plan_free          (SlMergePlan  *plan);
GPtrArray   *sl_merge_plan_get_conflicts (SlMergePlan  *plan);
char        *sl_merge_plan_report        (SlMergePlan  *plan);
gboolean     sl_merge_plan_check         (SlMergePlan  *plan,
                                          GError      **error);
gboolean     sl_merge_apply              (SlMergePlan  *plan,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlMergePlan, sl_merge_plan_free)

G_END_DECLS
