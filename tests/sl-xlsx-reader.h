/* sl-xlsx-reader.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Reads a workbook back the way a spreadsheet program would: unzipped with
 * minizip, the XML parsed with libxml2, every cell with its type, value,
 * formula and style, every sheet's raw XML for its print settings. Only
 * for tests: it trusts the file to be well formed. */

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <unzip.h>

typedef struct
{
  char    type;      /* 'n' number, 's' text, 'b' boolean, 'z' blank */
  char   *text;
  double  number;
  char   *formula;   /* NULL when none */
} SlCell;

typedef struct
{
  GPtrArray  *names;      /* sheet names in order */
  GHashTable *cells;      /* "Sheet!A1" -> SlCell */
  GHashTable *xml;        /* sheet name -> its XML */
  char       *workbook;   /* xl/workbook.xml */
  GHashTable *rows;       /* sheet name -> GUINT (the last row number used, 1-based) */
} SlBook;

static void
sl_cell_free (SlCell *c)
{
  g_free (c->text);
  g_free (c->formula);
  g_free (c);
}

static void
sl_book_free (SlBook *b)
{
  g_ptr_array_unref (b->names);
  g_hash_table_unref (b->cells);
  g_hash_table_unref (b->xml);
  g_hash_table_unref (b->rows);
  g_free (b->workbook);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlBook, sl_book_free)

static G_GNUC_UNUSED char *
sl_zip_read (unzFile     zip,
             const char *name)
{
  unz_file_info info;
  char *data;

  if (unzLocateFile (zip, name, 0) != UNZ_OK || unzGetCurrentFileInfo (zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK
      || unzOpenCurrentFile (zip) != UNZ_OK)
    return NULL;
  data = g_malloc (info.uncompressed_size + 1);
  g_assert_cmpint (unzReadCurrentFile (zip, data, (unsigned) info.uncompressed_size), ==, (int) info.uncompressed_size);
  data[info.uncompressed_size] = '\0';
  unzCloseCurrentFile (zip);
  return data;
}

static gboolean
sl_xml_is (xmlNode    *n,
           const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0;
}

static G_GNUC_UNUSED xmlNode *
sl_xml_child (xmlNode    *n,
              const char *name)
{
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (sl_xml_is (c, name))
      return c;
  return NULL;
}

/* The text of <t> children, as in <si> and <is> (rich text runs joined). */
static G_GNUC_UNUSED char *
sl_xml_string_item (xmlNode *si)
{
  GString *s = g_string_new (NULL);

  for (xmlNode *c = si->children; c; c = c->next)
    {
      if (sl_xml_is (c, "t"))
        {
          xmlChar *t = xmlNodeGetContent (c);
          g_string_append (s, (const char *) t);
          xmlFree (t);
        }
      else if (sl_xml_is (c, "r"))
        {
          xmlNode *t = sl_xml_child (c, "t");
          xmlChar *text = t ? xmlNodeGetContent (t) : NULL;
          if (text)
            g_string_append (s, (const char *) text);
          xmlFree (text);
        }
    }
  return g_string_free (s, FALSE);
}

static G_GNUC_UNUSED char *
sl_xml_prop (xmlNode    *n,
             const char *name)
{
  xmlChar *v = xmlGetProp (n, (const xmlChar *) name);
  char *s = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return s;
}

static G_GNUC_UNUSED SlBook *
sl_book_read (const char *path)
{
  SlBook *book = g_new0 (SlBook, 1);
  unzFile zip = unzOpen (path);
  g_autofree char *rels = NULL;
  g_autofree char *shared = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  xmlDoc *doc;

  g_assert_nonnull (zip);
  book->names = g_ptr_array_new_with_free_func (g_free);
  book->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sl_cell_free);
  book->xml = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  book->workbook = sl_zip_read (zip, "xl/workbook.xml");
  rels = sl_zip_read (zip, "xl/_rels/workbook.xml.rels");
  shared = sl_zip_read (zip, "xl/sharedStrings.xml");
  g_assert_nonnull (book->workbook);
  g_assert_nonnull (rels);

  if (shared != NULL)
    {
      doc = xmlReadMemory (shared, (int) strlen (shared), NULL, NULL, XML_PARSE_HUGE);
      for (xmlNode *si = xmlDocGetRootElement (doc)->children; si; si = si->next)
        if (sl_xml_is (si, "si"))
          g_ptr_array_add (strings, sl_xml_string_item (si));
      xmlFreeDoc (doc);
    }

  doc = xmlReadMemory (book->workbook, (int) strlen (book->workbook), NULL, NULL, 0);
  {
    xmlDoc *rels_doc = xmlReadMemory (rels, (int) strlen (rels), NULL, NULL, 0);
    xmlNode *sheets = sl_xml_child (xmlDocGetRootElement (doc), "sheets");

    for (xmlNode *s = sheets->children; s; s = s->next)
      {
        g_autofree char *name = NULL;
        g_autofree char *rid = NULL;
        g_autofree char *target = NULL;
        g_autofree char *member = NULL;
        g_autofree char *xml = NULL;
        xmlDoc *sheet_doc;
        guint last_row = 0;

        if (!sl_xml_is (s, "sheet"))
          continue;
        name = sl_xml_prop (s, "name");
        for (xmlAttr *a = s->properties; a; a = a->next)
          if (strcmp ((const char *) a->name, "id") == 0)
            rid = (char *) xmlNodeGetContent (a->children);
        for (xmlNode *r = xmlDocGetRootElement (rels_doc)->children; r; r = r->next)
          {
            g_autofree char *id = sl_xml_is (r, "Relationship") ? sl_xml_prop (r, "Id") : NULL;
            if (id && g_strcmp0 (id, rid) == 0)
              target = sl_xml_prop (r, "Target");
          }
        g_assert_nonnull (target);
        member = g_str_has_prefix (target, "/") ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
        xml = sl_zip_read (zip, member);
        g_assert_nonnull (xml);
        sheet_doc = xmlReadMemory (xml, (int) strlen (xml), NULL, NULL, XML_PARSE_HUGE);
        for (xmlNode *row = sl_xml_child (sl_xml_child (xmlDocGetRootElement (sheet_doc), "sheetData"), "row"); row; row = row->next)
          {
            g_autofree char *r_attr = NULL;

            if (!sl_xml_is (row, "row"))
              continue;
            r_attr = sl_xml_prop (row, "r");
            last_row = MAX (last_row, (guint) atoi (r_attr));
            for (xmlNode *c = row->children; c; c = c->next)
              {
                SlCell *cell;
                g_autofree char *ref = NULL;
                g_autofree char *t = NULL;
                xmlNode *v, *f, *is;

                if (!sl_xml_is (c, "c"))
                  continue;
                cell = g_new0 (SlCell, 1);
                ref = sl_xml_prop (c, "r");
                t = sl_xml_prop (c, "t");
                v = sl_xml_child (c, "v");
                f = sl_xml_child (c, "f");
                is = sl_xml_child (c, "is");
                if (f)
                  cell->formula = (char *) xmlNodeGetContent (f);
                if (g_strcmp0 (t, "s") == 0)
                  {
                    xmlChar *idx = xmlNodeGetContent (v);
                    cell->type = 's';
                    cell->text = g_strdup (strings->pdata[atoi ((const char *) idx)]);
                    xmlFree (idx);
                  }
                else if (g_strcmp0 (t, "inlineStr") == 0)
                  {
                    cell->type = 's';
                    cell->text = sl_xml_string_item (is);
                  }
                else if (g_strcmp0 (t, "str") == 0)
                  {
                    cell->type = 's';
                    cell->text = v ? (char *) xmlNodeGetContent (v) : g_strdup ("");
                  }
                else if (g_strcmp0 (t, "b") == 0)
                  {
                    cell->type = 'b';
                    cell->text = v ? (char *) xmlNodeGetContent (v) : NULL;
                  }
                else if (v != NULL)
                  {
                    xmlChar *num = xmlNodeGetContent (v);
                    cell->type = 'n';
                    cell->number = g_ascii_strtod ((const char *) num, NULL);
                    cell->text = g_strdup ((const char *) num);
                    xmlFree (num);
                  }
                else
                  cell->type = 'z';
                g_hash_table_insert (book->cells, g_strdup_printf ("%s!%s", name, ref), cell);
              }
          }
        xmlFreeDoc (sheet_doc);
        g_hash_table_insert (book->rows, g_strdup (name), GUINT_TO_POINTER (last_row));
        g_hash_table_insert (book->xml, g_strdup (name), g_steal_pointer (&xml));
        g_ptr_array_add (book->names, g_steal_pointer (&name));
        xmlFree (rid);
        rid = NULL;
      }
    xmlFreeDoc (rels_doc);
  }
  xmlFreeDoc (doc);
  unzClose (zip);
  return book;
}

/* The cell at @ref ("B7") of @sheet, or NULL when absent. */
static G_GNUC_UNUSED SlCell *
sl_book_cell (SlBook     *book,
              const char *sheet,
              const char *ref)
{
  g_autofree char *key = g_strdup_printf ("%s!%s", sheet, ref);
  return g_hash_table_lookup (book->cells, key);
}

/* "A1" from a 0-based row and column. */
static G_GNUC_UNUSED char *
sl_ref (guint row,
        guint col)
{
  GString *s = g_string_new (NULL);

  col++;
  while (col > 0)
    {
      g_string_prepend_c (s, (char) ('A' + (col - 1) % 26));
      col = (col - 1) / 26;
    }
  g_string_append_printf (s, "%u", row + 1);
  return g_string_free (s, FALSE);
}
