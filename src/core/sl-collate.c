/* sl-collate.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster"

#include "config.h"

#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "sl-collate.h"

/* Names in the order a clerk's eye expects: Chinese by pinyin (ICU's zh
 * collation), then by stroke where pinyin ties, Latin letters among
 * them. Sorting a million names through a collation in SQL took seconds
 * a click; instead each name keeps its ICU sort key (enterprise.name_key,
 * a BLOB), which SQLite compares byte by byte through an index. A key is
 * only valid for the collator that made it, so the ledger records its
 * version and keys are made again when it changes. */

typedef struct
{
  UCollator *collator;
  GByteArray *key;
} Collate;

static void
collate_free (gpointer data)
{
  Collate *c = data;

  if (c->collator != NULL)
    ucol_close (c->collator);
  g_byte_array_unref (c->key);
  g_free (c);
}

/* sl_name_key(text): the sort key of a name, NULL for NULL. */
static void
name_key_func (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  Collate *c = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *u = NULL;
  int32_t ulen = 0, len;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  u_strFromUTF8 (NULL, 0, &ulen, text, -1, &status);
  status = U_ZERO_ERROR;
  u = g_new (UChar, ulen + 1);
  u_strFromUTF8 (u, ulen + 1, NULL, text, -1, &status);
  if (U_FAILURE (status) || c->collator == NULL)
    {
      /* Not UTF-8 after all, or no collator: its bytes order it. */
      sqlite3_result_blob (context, text, (int) strlen (text), SQLITE_TRANSIENT);
      return;
    }
  len = ucol_getSortKey (c->collator, u, ulen, c->key->data, (int32_t) c->key->len);
  if (len > (int32_t) c->key->len)
    {
      g_byte_array_set_size (c->key, (guint) len);
      len = ucol_getSortKey (c->collator, u, ulen, c->key->data, (int32_t) c->key->len);
    }
  /* The key ends in a 0 byte that orders nothing. */
  sqlite3_result_blob (context, c->key->data, len > 0 ? len - 1 : 0, SQLITE_TRANSIENT);
}

/**
 * _sl_collate_register:
 *
 * sl_name_key() on @db, with a collator of the connection's own (ICU's
 * collators are not to be shared between threads).
 */
void
_sl_collate_register (sqlite3 *db)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open ("zh", &status);
  Collate *c;

  if (U_FAILURE (status))
    {
      g_warning ("no Chinese collation in ICU (%s): names sort by code point", u_errorName (status));
      collator = NULL;
    }
  c = g_new0 (Collate, 1);
  c->collator = collator;
  c->key = g_byte_array_sized_new (128);
  g_byte_array_set_size (c->key, 128);
  sqlite3_create_function_v2 (db, "sl_name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              c, name_key_func, NULL, NULL, collate_free);
}

/**
 * _sl_collate_version:
 *
 * Returns: (transfer full): what the keys depend on: ICU's collator
 *   version and its Chinese rules
 */
char *
_sl_collate_version (void)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open ("zh", &status);
  UVersionInfo version;
  char text[U_MAX_VERSION_STRING_LENGTH];

  if (U_FAILURE (status))
    return g_strdup ("none");
  ucol_getVersion (collator, version);
  ucol_close (collator);
  u_versionToString (version, text);
  return g_strdup_printf ("icu-zh-%s", text);
}
