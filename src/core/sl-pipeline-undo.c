/* sl-pipeline-undo.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Undoing a pipeline move: the certification as it was before, read back
 * from the move's own audit row (a new record removed, a changed one
 * restored), and the events the move wrote removed, in one write with an
 * audit row of its own. A move changed again since is not undone. */

#define G_LOG_DOMAIN "sl-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-certification.h"
#include "sl-pipeline.h"
#include "sl-roster.h"
#include "sl-store-private.h"

/**
 * sl_pipeline_mark:
 * @out: (out): where the ledger's audit log and events end now
 *
 * Taken before a move, so that it can be undone.
 */
void
sl_pipeline_mark (SlStore        *store,
                  SlPipelineMark *out)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT (SELECT ifnull (max (id), 0) FROM audit_log), (SELECT ifnull (max (id), 0) FROM certification_event)", NULL);

  out->audit_before = 0;
  out->event_before = 0;
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->audit_before = sqlite3_column_int64 (stmt, 0);
      out->event_before = sqlite3_column_int64 (stmt, 1);
    }
}

static gboolean
undo_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  const SlPipelineMark *mark = user_data;
  g_autoptr(SlStmt) move = _sl_store_prepare (store,
    "SELECT id, entity_id, action, before FROM audit_log WHERE id > ?1 AND entity = 'certification'"
    " AND action IN ('create', 'update') ORDER BY id LIMIT 1", error);
  g_autoptr(SlStmt) later = NULL;
  g_autoptr(SlStmt) write = NULL;
  g_autoptr(SlStmt) events = NULL;
  g_autoptr(SlStmt) firm = NULL;
  g_autoptr(JsonNode) now = NULL;
  g_autoptr(JsonNode) restored = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean created;
  gint64 row, cert, enterprise = 0;

  if (move == NULL)
    return FALSE;
  sqlite3_bind_int64 (move, 1, mark->audit_before);
  if (sqlite3_step (move) != SQLITE_ROW)
    {
      g_set_error_literal (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("Undo: there is no move to undo"));
      return FALSE;
    }
  row = sqlite3_column_int64 (move, 0);
  cert = sqlite3_column_int64 (move, 1);
  created = g_str_equal (_sl_column_text (move, 2), "create");
  if (!created)
    {
      restored = json_from_string (_sl_column_text (move, 3), &parse_error);
      if (restored == NULL || !JSON_NODE_HOLDS_OBJECT (restored))
        {
          g_set_error_literal (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED, _("Undo: the move’s record cannot be read"));
          return FALSE;
        }
    }

  later = _sl_store_prepare (store,
    "SELECT count(*) FROM audit_log WHERE id > ?1 AND entity = 'certification' AND entity_id = ?2", error);
  if (later == NULL)
    return FALSE;
  sqlite3_bind_int64 (later, 1, row);
  sqlite3_bind_int64 (later, 2, cert);
  if (sqlite3_step (later) == SQLITE_ROW && sqlite3_column_int64 (later, 0) > 0)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                           _("Undo: the certification has been changed since the move; change it in the pipeline instead"));
      return FALSE;
    }

  firm = _sl_store_prepare (store,
    "SELECT enterprise_id, json_object ('id', id, 'enterprise_id', enterprise_id, 'tier', tier_key, 'status', status,"
    " 'rule_version', rule_version, 'batch', batch, 'doc_no', doc_no, 'applied_on', applied_on,"
    " 'certified_on', certified_on, 'valid_from', valid_from, 'valid_until', valid_until, 'note', note)"
    " FROM certification WHERE id = ?1", error);
  if (firm == NULL)
    return FALSE;
  sqlite3_bind_int64 (firm, 1, cert);
  if (sqlite3_step (firm) != SQLITE_ROW)
    {
      g_set_error_literal (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("Undo: the certification is no longer in the ledger"));
      return FALSE;
    }
  enterprise = sqlite3_column_int64 (firm, 0);
  now = json_from_string (_sl_column_text (firm, 1), NULL);

  events = _sl_store_prepare (store, "DELETE FROM certification_event WHERE id > ?1 AND certification_id = ?2", error);
  if (events == NULL)
    return FALSE;
  sqlite3_bind_int64 (events, 1, mark->event_before);
  sqlite3_bind_int64 (events, 2, cert);
  if (!_sl_store_step_done (store, events, error))
    return FALSE;

  if (created)
    write = _sl_store_prepare (store, "DELETE FROM certification WHERE id = ?1", error);
  else
    write = _sl_store_prepare (store,
      "UPDATE certification SET tier_key = json_extract (?2, '$.tier'), status = json_extract (?2, '$.status'),"
      " rule_version = json_extract (?2, '$.rule_version'), batch = json_extract (?2, '$.batch'),"
      " doc_no = json_extract (?2, '$.doc_no'), applied_on = json_extract (?2, '$.applied_on'),"
      " certified_on = json_extract (?2, '$.certified_on'), valid_from = json_extract (?2, '$.valid_from'),"
      " valid_until = json_extract (?2, '$.valid_until'), note = json_extract (?2, '$.note') WHERE id = ?1", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_int64 (write, 1, cert);
  if (!created)
    {
      g_autofree char *text = json_to_string (restored, FALSE);
      _sl_bind_text (write, 2, text);
    }
  if (!_sl_store_step_done (store, write, error) || !_sl_roster_reindex (store, enterprise, error))
    return FALSE;
  return sl_store_audit (store, "certification", cert, "undo", now, restored, error);
}

/**
 * sl_pipeline_undo:
 * @mark: as sl_pipeline_mark() gave it before the move
 *
 * Undoes the move made after @mark: the certification as it was, and the
 * events the move wrote gone, audited. Refused, with nothing written, when
 * the certification has changed again since.
 */
gboolean
sl_pipeline_undo (SlStore               *store,
                  const SlPipelineMark  *mark,
                  GError               **error)
{
  return sl_store_write (store, undo_cb, (gpointer) mark, error);
}
