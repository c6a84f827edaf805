/* sl-pipeline.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-pipeline
 *
 * Moves along the tier pipeline, each one transaction with an audit row,
 * and each refused with a message when it cannot happen: a result without
 * an application, dates out of order, two certifications of one tier at
 * once, a tier skipped where the plan's rules require the one below.
 * Also the eligibility hints: which hard thresholds of a tier a firm's
 * latest figures meet, by the plan's thresholds for a rule version.
 */

/**
 * SlResult:
 * @SL_RESULT_PUBLICISED: the application is publicised
 * @SL_RESULT_CERTIFIED: certified, valid from the given day
 * @SL_RESULT_REJECTED: not approved
 */
typedef enum {
  SL_RESULT_PUBLICISED,
  SL_RESULT_CERTIFIED,
  SL_RESULT_REJECTED,
} SlResult;

typedef struct
{
  char     *key;
  char     *name;
  char     *unit;
  double    at_least;   /* NAN when the rule is an upper bound */
  double    at_most;    /* NAN when the rule is a lower bound */
  double    value;      /* NAN when the ledger does not know it */
  int       met;        /* 1 met, 0 missed, -1 unknown */
} SlThresholdCheck;

/* Where the ledger's audit log and events end, taken before a move. */
typedef struct
{
  gint64 audit_before;
  gint64 event_before;
} SlPipelineMark;

void       sl_pipeline_mark               (SlStore              *store,
                                           SlPipelineMark       *out);
gboolean   sl_pipeline_undo               (SlStore              *store,
                                           const SlPipelineMark *mark,
                                           GError              **error);
gint64     sl_pipeline_record_application (SlStore     *store,
                                           gint64       enterprise_id,
                                           const char  *tier_key,
                                           const char  *batch,
                                           const char  *applied_on,
                                           GError     **error);
gboolean   sl_pipeline_record_result      (SlStore     *store,
                                           gint64       certification_id,
                                           SlResult     result,
                                           const char  *date,
                                           const char  *doc_no,
                                           GError     **error);
gboolean   sl_pipeline_record_review      (SlStore     *store,
                                           gint64       certification_id,
                                           gboolean     passed,
                                           const char  *date,
                                           GError     **error);
gboolean   sl_pipeline_mark_ended         (SlStore     *store,
                                           gint64       certification_id,
                                           gboolean     revoked,
                                           const char  *date,
                                           GError     **error);
GPtrArray *sl_pipeline_check_thresholds   (SlStore     *store,
                                           gint64       enterprise_id,
                                           const char  *tier_key,
                                           const char  *rule_version,
                                           GError     **error);
char      *sl_pipeline_next_tier          (SlStore     *store,
                                           gint64       enterprise_id,
                                           GError     **error);
char      *sl_pipeline_rule_version_on    (SlStore     *store,
                                           const char  *date);

G_END_DECLS
