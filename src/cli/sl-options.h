/* sl-options.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every option of the program, parsed once by one context. */
typedef struct
{
  /* Window */
  char     *db;
  char     *page;
  char    **files;
  gboolean  help;
  gboolean  version;
  /* Data */
  gint64    demo;            /* G_MININT64: not given */
  char     *summary;
  char     *scope;
  int       figures_year;
  char     *merge;
  char     *load_plan;
  gboolean  take_theirs;
  char     *backup;
  char     *restore;
  gboolean  read_only;
  /* Import and export */
  char     *import;
  char     *sheet;
  char     *header_row;
  gboolean  dry_run;
  gboolean  skip_bad_rows;
  gboolean  undo_import;
  char     *template;
  char     *export_roster;
  char     *bulletin;
  char     *output;
  int       issue_no;
} SlOptions;

SlOptions      *sl_options_new               (void);
void            sl_options_free              (SlOptions   *options);
gboolean        sl_options_parse             (SlOptions   *options,
                                              int          argc,
                                              char       **argv,
                                              GError     **error);
char           *sl_options_help              (void);
gboolean        sl_options_wants_window      (const SlOptions *options);
const char     *sl_options_page_id           (const char  *name);
char           *sl_options_page_names        (void);
const GOptionEntry *sl_options_window_entries (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlOptions, sl_options_free)

G_END_DECLS
