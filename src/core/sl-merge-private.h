/* sl-merge-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-merge.h"
#include "sl-store.h"

G_BEGIN_DECLS

/* The plan that sl-merge.c reads from the other ledger and
 * sl-merge-apply.c writes into this one. */

typedef enum { FIELD_TEXT, FIELD_FIGURES, FIELD_CERTIFICATION } ConflictKind;

typedef struct
{
  SlMergeConflict  public;
  ConflictKind     kind;
  gint64           our_id;
  int              field;        /* SlImportField for text; the year for figures */
  SlFigures        figures;      /* theirs */
  SlCertification *cert;         /* theirs, with the other ledger's id */
  gint64           our_cert_id;  /* the one of ours its days meet */
} Conflict;

typedef struct
{
  gint64       their_id;
  gint64       our_id;       /* 0: a new firm */
  SlEnterprise *merged;      /* the record to write, ours filled in */
  gboolean     fill;         /* the record gains fields it lacked */
  GArray      *figures;      /* SlFigures to add, theirs */
  GPtrArray   *certifications;
  GPtrArray   *honours;      /* SlHonourEntry */
} Firm;

struct _SlMergePlan
{
  SlStore   *store;
  SlStore   *other;
  char      *source;
  GPtrArray *firms;
  GPtrArray *conflicts;
  GPtrArray *skipped;       /* text: what cannot be merged, and why */
  char      *tmpdir;        /* where an older-format source is migrated, as a copy */
  guint      n_added;
  guint      n_updated;
  GArray    *typed;         /* TypedCopy: the other's jurisdictions' typed figures this one lacks */
};

/* A figure typed for one of the other ledger's jurisdictions, as ours. */
typedef struct
{
  char   *key;
  gint64  jurisdiction_id;
  int     year;
  double  value;
} TypedCopy;

gint64 _sl_merge_map_id (SlStore    *ours,
                         SlStore    *theirs,
                         const char *table,
                         const char *code,
                         gint64      id);

G_END_DECLS
