/* sl-roster-columns.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-roster-columns.h"
#include "sl-roster-item.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* The roster's columns: their cells, and which one the clerk sorts by. */

typedef enum {
  COL_NAME, COL_CODE, COL_JURISDICTION, COL_CHAIN, COL_TIER, COL_REVENUE,
  COL_RD, COL_PATENTS, COL_SPECIALIST, COL_UPDATED, N_COLUMNS
} Column;

G_STATIC_ASSERT (N_COLUMNS == SL_ROSTER_N_COLUMNS);

static const struct {
  const char   *title;
  SlRosterSort  sort;
  gboolean      numeric;
  gboolean      expand;
  int           width;
} columns[N_COLUMNS] = {
  [COL_NAME] = { N_("Name"), SL_ROSTER_SORT_NAME, FALSE, TRUE, 240 },
  [COL_CODE] = { N_("Credit code"), SL_ROSTER_SORT_CREDIT_CODE, FALSE, FALSE, 185 },
  [COL_JURISDICTION] = { N_("Jurisdiction"), SL_ROSTER_SORT_JURISDICTION, FALSE, FALSE, 100 },
  [COL_CHAIN] = { N_("Chain"), SL_ROSTER_SORT_CHAIN, FALSE, FALSE, 110 },
  [COL_TIER] = { N_("Highest tier"), SL_ROSTER_SORT_TIER, FALSE, FALSE, 120 },
  [COL_REVENUE] = { N_("Revenue (10k yuan)"), SL_ROSTER_SORT_REVENUE, TRUE, FALSE, 110 },
  [COL_RD] = { N_("R&D intensity"), SL_ROSTER_SORT_RD_INTENSITY, TRUE, FALSE, 90 },
  [COL_PATENTS] = { N_("Patents"), SL_ROSTER_SORT_PATENTS, TRUE, FALSE, 70 },
  [COL_SPECIALIST] = { N_("Specialist"), SL_ROSTER_SORT_SPECIALIST, FALSE, FALSE, 70 },
  [COL_UPDATED] = { N_("Last change"), SL_ROSTER_SORT_UPDATED, FALSE, FALSE, 120 },
};

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  /* GtkInscription (GTK 4.8) is made for list cells: it skips the size
   * negotiation a GtkLabel does, which matters when a search rebinds every
   * visible cell. */
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), columns[col].numeric ? 1.0 : 0.0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
  if (columns[col].numeric || col == COL_CODE)
    gtk_widget_add_css_class (cell, "numeric");
  g_object_set_data (G_OBJECT (cell), "sl-column", GINT_TO_POINTER (col));
  /* The row's position, for giving the keyboard to the selected row. */
  g_object_set_data (G_OBJECT (cell), "sl-list-item", list_item);
  gtk_list_item_set_child (list_item, cell);
}

static void
show_cell (GtkListItem *list_item)
{
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  Column col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "sl-column"));
  const SlRosterRow *row = sl_roster_item_get_row (gtk_list_item_get_item (list_item));
  g_autofree char *text = NULL;

  switch (col)
    {
    case COL_NAME: text = g_strdup (row->name); break;
    case COL_CODE: text = g_strdup (row->credit_code); break;
    case COL_JURISDICTION: text = g_strdup (row->jurisdiction); break;
    case COL_CHAIN: text = g_strdup (row->chain); break;
    case COL_TIER: text = g_strdup (sl_ui_tier_name (row->tier_key, row->tier_name)); break;
    case COL_REVENUE: text = sl_ui_format_wan (row->latest_revenue); break;
    case COL_RD: text = isnan (row->rd_intensity) ? NULL : g_strdup_printf ("%.1f%%", row->rd_intensity); break;
    case COL_PATENTS: text = row->patents == SL_UNSET ? NULL : g_strdup_printf ("%'" G_GINT64_FORMAT, row->patents); break;
    case COL_SPECIALIST: text = g_strdup (row->specialist); break;
    case COL_UPDATED: text = sl_ui_format_date (row->deleted_at ? row->deleted_at : row->updated_at); break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_inscription_set_text (cell, text);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  show_cell (list_item);
  /* The firm at this position changes when the query does. */
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "changed", G_CALLBACK (show_cell), list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (list_item), list_item);
}

/* GTK 4.8 has no getter for the column a header click chose: the column
 * view's sorter delegates to the primary column's sorter, so comparing two
 * items tells which column it is, and the sign of the answer the order. */
static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  /* The probe's first item carries the answer back. */
  g_object_set_data ((GObject *) a, "sl-probed", user_data);
  return GTK_ORDERING_SMALLER;
}

/**
 * sl_roster_columns_read_sort:
 *
 * Returns: whether a column sorts @view, and then which and how
 */
gboolean
sl_roster_columns_read_sort (GtkColumnView *view,
                             SlRosterSort  *out_sort,
                             gboolean      *out_descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;
  int probed;

  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return FALSE;
  order = gtk_sorter_compare (sorter, a, b);
  probed = GPOINTER_TO_INT (g_object_get_data (a, "sl-probed"));
  if (probed <= 0)
    return FALSE;
  *out_sort = columns[probed - 1].sort;
  *out_descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}

/**
 * sl_roster_columns_build:
 * @out_columns: (out caller-allocates): %SL_ROSTER_N_COLUMNS columns, name first
 *
 * Gives @view the roster's columns; in the trash the last is the day a
 * firm was moved there, and no column sorts.
 */
void
sl_roster_columns_build (GtkColumnView        *view,
                         gboolean              trash,
                         GtkColumnViewColumn **out_columns)
{
  for (int i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      if (!trash)
        {
          sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, GINT_TO_POINTER (i + 1), NULL));
          gtk_column_view_column_set_sorter (column, sorter);
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (view, column);
      out_columns[i] = column;
    }
  if (trash)
    gtk_column_view_column_set_title (out_columns[COL_UPDATED], _("Moved to the trash"));
}
