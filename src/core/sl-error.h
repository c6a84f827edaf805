/* sl-error.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SL_STORE_ERROR:
 *
 * Errors of the ledger file itself: opening, migrating, writing.
 */
#define SL_STORE_ERROR (sl_store_error_quark ())

/**
 * SlStoreError:
 * @SL_STORE_ERROR_NOT_A_LEDGER: the file is not an SRDI ledger
 * @SL_STORE_ERROR_TOO_NEW: the ledger was written by a newer version of the program
 * @SL_STORE_ERROR_IO: the file could not be created, read or backed up
 * @SL_STORE_ERROR_SQL: SQLite refused a statement
 * @SL_STORE_ERROR_NOT_FOUND: a record asked for does not exist
 * @SL_STORE_ERROR_MISSING: the ledger file does not exist (moved, or on a drive not connected)
 * @SL_STORE_ERROR_FOREIGN: the file is another program's SQLite database
 * @SL_STORE_ERROR_DAMAGED: the file is a ledger, but damaged
 * @SL_STORE_ERROR_READ_ONLY: the ledger is open read-only, or its file or folder cannot be written
 * @SL_STORE_ERROR_FULL: the disk is full
 * @SL_STORE_ERROR_BUSY: another process is writing to the ledger
 * @SL_STORE_ERROR_IN_USE: another window holds the ledger open for editing
 */
typedef enum {
  SL_STORE_ERROR_NOT_A_LEDGER,
  SL_STORE_ERROR_TOO_NEW,
  SL_STORE_ERROR_IO,
  SL_STORE_ERROR_SQL,
  SL_STORE_ERROR_NOT_FOUND,
  SL_STORE_ERROR_MISSING,
  SL_STORE_ERROR_FOREIGN,
  SL_STORE_ERROR_DAMAGED,
  SL_STORE_ERROR_READ_ONLY,
  SL_STORE_ERROR_FULL,
  SL_STORE_ERROR_BUSY,
  SL_STORE_ERROR_IN_USE,
} SlStoreError;

/**
 * SL_VALIDATION_ERROR:
 *
 * A value a clerk typed breaks a rule. The message names the field and the rule.
 */
#define SL_VALIDATION_ERROR (sl_validation_error_quark ())

/**
 * SlValidationError:
 * @SL_VALIDATION_ERROR_REQUIRED: a required field is empty
 * @SL_VALIDATION_ERROR_FORMAT: the value is not of the field's form
 * @SL_VALIDATION_ERROR_RANGE: the value lies outside the field's range
 * @SL_VALIDATION_ERROR_CHECK: a check character does not match
 * @SL_VALIDATION_ERROR_ORDER: two dates are out of order
 * @SL_VALIDATION_ERROR_DUPLICATE: the value must be unique and is not
 * @SL_VALIDATION_ERROR_UNKNOWN: the value refers to something the ledger does not know
 * @SL_VALIDATION_ERROR_CONFLICT: the record contradicts another record
 */
typedef enum {
  SL_VALIDATION_ERROR_REQUIRED,
  SL_VALIDATION_ERROR_FORMAT,
  SL_VALIDATION_ERROR_RANGE,
  SL_VALIDATION_ERROR_CHECK,
  SL_VALIDATION_ERROR_ORDER,
  SL_VALIDATION_ERROR_DUPLICATE,
  SL_VALIDATION_ERROR_UNKNOWN,
  SL_VALIDATION_ERROR_CONFLICT,
} SlValidationError;

/**
 * SL_PLAN_ERROR:
 *
 * A plan file is malformed. The message starts with the JSON path at fault.
 */
#define SL_PLAN_ERROR (sl_plan_error_quark ())

typedef enum {
  SL_PLAN_ERROR_PARSE,
  SL_PLAN_ERROR_INVALID,
} SlPlanError;

/**
 * SlTextLimit:
 * @text: (nullable): the value
 * @label: the field's name as the clerk sees it, translated
 * @max: the most characters it may have
 */
typedef struct
{
  const char *text;
  const char *label;
  int         max;
} SlTextLimit;

gboolean sl_check_text_limits     (const SlTextLimit *limits,
                                   guint              n,
                                   guint             *out_failed,
                                   GError           **error);

GQuark sl_store_error_quark      (void);
GQuark sl_validation_error_quark (void);
GQuark sl_plan_error_quark       (void);

G_END_DECLS
