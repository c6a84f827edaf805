/* sl-table-package.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-error.h"
#include "sl-table-private.h"
#include "sl-table-read.h"

/* A workbook's package: which member is the workbook, which its sheets,
 * shared strings and styles, found through the relationships as a
 * spreadsheet finds them, not assumed. */

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

/* Where the parts of a workbook are: found through the package's
 * relationships, not assumed (a writer may name them otherwise). */
void
_sl_xlsx_parts_clear (SlXlsxParts *p)
{
  g_clear_pointer (&p->sheet, g_free);
  g_clear_pointer (&p->shared, g_free);
  g_clear_pointer (&p->styles, g_free);
}


/* A relationship's target as a member name, from the folder of its source. */
static char *
resolve (const char *dir,
         const char *target)
{
  g_autofree char *joined = target[0] == '/' ? g_strdup (target + 1)
                            : *dir ? g_strconcat (dir, "/", target, NULL) : g_strdup (target);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      {
        if (out->len)
          g_ptr_array_remove_index (out, out->len - 1);
      }
    else if (*parts[i] && !g_str_equal (parts[i], "."))
      g_ptr_array_add (out, parts[i]);
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("/", (char **) out->pdata);
}

/* The target of the first relationship in @rels whose Id is @id, or (with
 * @id NULL) whose Type ends in @type_suffix. */
static char *
find_relationship (const char *rels,
                   gsize       len,
                   const char *dir,
                   const char *id,
                   const char *type_suffix)
{
  xmlTextReaderPtr r = rels ? xmlReaderForMemory (rels, (int) len, NULL, NULL, XML_PARSE_NONET) : NULL;
  char *target = NULL;

  while (r != NULL && target == NULL && xmlTextReaderRead (r) == 1)
    if (_sl_xml_is_element (r, "Relationship"))
      {
        g_autofree char *rid = _sl_xml_attribute (r, "Id");
        g_autofree char *type = _sl_xml_attribute (r, "Type");
        g_autofree char *to = _sl_xml_attribute (r, "Target");

        if (to != NULL && (id ? g_strcmp0 (rid, id) == 0 : type != NULL && g_str_has_suffix (type, type_suffix)))
          target = resolve (dir, to);
      }
  if (r)
    xmlFreeTextReader (r);
  return target;
}

static char *
sheet_rel_id (xmlTextReaderPtr r)
{
  xmlChar *v = xmlTextReaderGetAttributeNs (r, (const xmlChar *) "id", (const xmlChar *) REL_NS);
  char *s;

  if (v == NULL)
    v = xmlTextReaderGetAttributeNs (r, (const xmlChar *) "id", (const xmlChar *) REL_NS_STRICT);
  if (v == NULL)
    return _sl_xml_attribute (r, "r:id");
  s = g_strdup ((const char *) v);
  xmlFree (v);
  return s;
}

/* The workbook's member, as the package's relationships name it. */
static char *
workbook_name (unzFile zip)
{
  gsize len = 0;
  g_autofree char *package_rels = _sl_zip_member (zip, "_rels/.rels", &len);
  char *name = find_relationship (package_rels, len, "", NULL, "/officeDocument");

  return name ? name : g_strdup ("xl/workbook.xml");
}

/* The sheet's member in the zip: by name, or the first visible one. */
gboolean
_sl_xlsx_find_parts (unzFile       zip,
                     const char   *sheet,
                     SlXlsxParts  *parts,
                     GError      **error)
{
  gsize len = 0, rels_len = 0;
  g_autofree char *book_name = workbook_name (zip);
  g_autofree char *workbook = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *rels_name = NULL;
  g_autofree char *rels = NULL;
  g_autofree char *rid = NULL;
  g_autofree char *first_hidden = NULL;
  xmlTextReaderPtr r;

  workbook = _sl_zip_member (zip, book_name, &len);
  if (workbook == NULL)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("The file is not an Excel workbook (.xlsx)"));
      return FALSE;
    }
  dir = g_path_get_dirname (book_name);
  if (g_str_equal (dir, "."))
    dir[0] = '\0';
  r = xmlReaderForMemory (workbook, (int) len, NULL, NULL, XML_PARSE_NONET);
  while (r != NULL && rid == NULL && xmlTextReaderRead (r) == 1)
    if (_sl_xml_is_element (r, "workbookPr"))
      {
        g_autofree char *d = _sl_xml_attribute (r, "date1904");
        parts->date1904 = d != NULL && (g_str_equal (d, "1") || g_ascii_strcasecmp (d, "true") == 0);
      }
    else if (_sl_xml_is_element (r, "sheet"))
      {
        g_autofree char *name = _sl_xml_attribute (r, "name");
        g_autofree char *state = _sl_xml_attribute (r, "state");
        gboolean hidden = state != NULL && !g_str_equal (state, "visible");

        /* A hidden sheet (a stale copy, the lists behind a drop-down) is
         * not the roster unless the clerk names it. */
        if (sheet != NULL ? g_strcmp0 (name, sheet) == 0 : !hidden)
          rid = sheet_rel_id (r);
        else if (sheet == NULL && first_hidden == NULL)
          first_hidden = sheet_rel_id (r);
      }
  if (r)
    xmlFreeTextReader (r);
  if (rid == NULL)
    rid = g_steal_pointer (&first_hidden);
  if (rid == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   sheet ? _("The workbook has no sheet “%s”") : _("The workbook has no sheet"), sheet);
      return FALSE;
    }
  {
    g_autofree char *base = g_path_get_basename (book_name);
    rels_name = *dir ? g_strconcat (dir, "/_rels/", base, ".rels", NULL) : g_strconcat ("_rels/", base, ".rels", NULL);
  }
  rels = _sl_zip_member (zip, rels_name, &rels_len);
  parts->sheet = find_relationship (rels, rels_len, dir, rid, NULL);
  parts->shared = find_relationship (rels, rels_len, dir, NULL, "/sharedStrings");
  parts->styles = find_relationship (rels, rels_len, dir, NULL, "/styles");
  if (parts->sheet == NULL)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("The workbook does not say where its sheet is"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_table_list_sheets:
 *
 * Returns: (transfer full) (nullable): the names of a workbook's sheets in
 *   order, the hidden ones last, or %NULL for a file that is not a workbook
 */
GStrv
sl_table_list_sheets (const char *path)
{
  unzFile zip = unzOpen64 (path);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *workbook = NULL;
  xmlTextReaderPtr r;
  gsize len = 0;

  if (zip == NULL)
    return NULL;
  {
    g_autofree char *book_name = workbook_name (zip);
    workbook = _sl_zip_member (zip, book_name, &len);
  }
  unzClose (zip);
  if (workbook == NULL)
    return NULL;
  r = xmlReaderForMemory (workbook, (int) len, NULL, NULL, XML_PARSE_NONET);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (_sl_xml_is_element (r, "sheet"))
      {
        g_autofree char *name = _sl_xml_attribute (r, "name");
        g_autofree char *state = _sl_xml_attribute (r, "state");

        if (name == NULL)
          continue;
        if (state != NULL && !g_str_equal (state, "visible"))
          g_ptr_array_add (hidden, g_steal_pointer (&name));
        else
          g_strv_builder_add (names, name);
      }
  if (r)
    xmlFreeTextReader (r);
  /* Hidden sheets last: the first listed is the one read by default. */
  for (guint i = 0; i < hidden->len; i++)
    g_strv_builder_add (names, hidden->pdata[i]);
  return g_strv_builder_end (names);
}
