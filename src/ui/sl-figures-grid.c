/* sl-figures-grid.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-figures-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-error.h"
#include "sl-figures.h"
#include "sl-figures-grid.h"

typedef enum { KIND_AMOUNT, KIND_COUNT, KIND_PERCENT, KIND_FLAG } Kind;

typedef enum {
  F_REVENUE, F_MAIN_REVENUE, F_RD_EXPENSE, F_NET_PROFIT, F_ASSETS, F_LIABILITIES,
  F_PATENTS, F_STAFF, F_RD_STAFF, F_CNC, F_DIGITAL_MGMT, F_DIGITAL_RD, N_FIELDS
} Field;

static const struct { const char *label; Kind kind; } fields[N_FIELDS] = {
  [F_REVENUE] = { N_("Operating revenue (10k yuan)"), KIND_AMOUNT },
  [F_MAIN_REVENUE] = { N_("Main-business revenue (10k yuan)"), KIND_AMOUNT },
  [F_RD_EXPENSE] = { N_("R&D expense (10k yuan)"), KIND_AMOUNT },
  [F_NET_PROFIT] = { N_("Net profit (10k yuan)"), KIND_AMOUNT },
  [F_ASSETS] = { N_("Total assets (10k yuan)"), KIND_AMOUNT },
  [F_LIABILITIES] = { N_("Total liabilities (10k yuan)"), KIND_AMOUNT },
  [F_PATENTS] = { N_("Valid granted patents"), KIND_COUNT },
  [F_STAFF] = { N_("Employees"), KIND_COUNT },
  [F_RD_STAFF] = { N_("R&D staff"), KIND_COUNT },
  [F_CNC] = { N_("Key-process CNC rate (%)"), KIND_PERCENT },
  [F_DIGITAL_MGMT] = { N_("Digital management in use"), KIND_FLAG },
  [F_DIGITAL_RD] = { N_("Digital R&D design tools in use"), KIND_FLAG },
};

/* Years side by side, fields down the side, as on the official forms. */
struct _SlFiguresGrid
{
  GtkWidget  parent_instance;

  GtkGrid   *grid;
  GArray    *years;      /* int, ascending */
  GPtrArray *cells;      /* per year: GtkWidget *[N_FIELDS + 1], the last the R&D intensity label */
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SlFiguresGrid, sl_figures_grid, GTK_TYPE_WIDGET)

static gint64 *
amount_slot (SlFigures *f,
             Field      field)
{
  switch (field)
    {
    case F_REVENUE: return &f->revenue;
    case F_MAIN_REVENUE: return &f->main_revenue;
    case F_RD_EXPENSE: return &f->rd_expense;
    case F_NET_PROFIT: return &f->net_profit;
    case F_ASSETS: return &f->total_assets;
    case F_LIABILITIES: return &f->total_liabilities;
    case F_PATENTS: return &f->patents_valid;
    case F_STAFF: return &f->staff;
    case F_RD_STAFF: return &f->rd_staff;
    case F_CNC: case F_DIGITAL_MGMT: case F_DIGITAL_RD: case N_FIELDS:
    default:
      return NULL;
    }
}

static gboolean
read_column (SlFiguresGrid  *self,
             guint           col,
             SlFigures      *f,
             GError        **error)
{
  GtkWidget **cells = self->cells->pdata[col];
  int year = g_array_index (self->years, int, col);

  for (int i = 0; i < N_FIELDS; i++)
    {
      const char *text;

      if (fields[i].kind == KIND_FLAG)
        {
          guint sel = gtk_drop_down_get_selected (GTK_DROP_DOWN (cells[i]));
          int value = sel == 1 ? 1 : sel == 2 ? 0 : -1;
          if (i == F_DIGITAL_MGMT)
            f->digital_mgmt = value;
          else
            f->digital_rd_tools = value;
          continue;
        }
      text = gtk_editable_get_text (GTK_EDITABLE (cells[i]));
      while (g_ascii_isspace (*text))
        text++;
      if (*text == '\0')
        continue;
      if (fields[i].kind == KIND_AMOUNT)
        {
          g_autoptr(GString) compact = g_string_new (NULL);

          /* Grouping as the clerk may type it: "1,234.5" or "1 234.5". */
          for (const char *p = text; *p; p++)
            if (*p != ',' && *p != ' ')
              g_string_append_c (compact, *p);
          if (!sl_amount_from_wan (compact->str, amount_slot (f, i)))
            {
              g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("%s, %d: “%s” is not an amount from −1,000,000,000 to 1,000,000,000 with at most four decimals"), _(fields[i].label), year, text);
              return FALSE;
            }
        }
      else
        {
          char *end = NULL;
          double v = g_ascii_strtod (text, &end);

          if (end == text || *end != '\0' || isnan (v)
              || (fields[i].kind == KIND_COUNT && v != floor (v)))
            {
              g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           fields[i].kind == KIND_COUNT ? _("%s, %d: “%s” is not a whole number")
                                                        : _("%s, %d: “%s” is not a number"),
                           _(fields[i].label), year, text);
              return FALSE;
            }
          if (fields[i].kind == KIND_COUNT)
            *amount_slot (f, i) = (gint64) v;
          else
            f->cnc_rate = v;
        }
    }
  return TRUE;
}

static void
update_intensity (SlFiguresGrid *self,
                  guint          col)
{
  GtkWidget **cells = self->cells->pdata[col];
  SlFigures f;
  double r;

  sl_figures_init (&f, 0, g_array_index (self->years, int, col));
  if (!read_column (self, col, &f, NULL))
    {
      gtk_label_set_text (GTK_LABEL (cells[N_FIELDS]), "");
      return;
    }
  r = sl_figures_rd_intensity (&f);
  if (isnan (r))
    gtk_label_set_text (GTK_LABEL (cells[N_FIELDS]), "—");
  else
    {
      g_autofree char *text = g_strdup_printf ("%.2f%%", r);
      gtk_label_set_text (GTK_LABEL (cells[N_FIELDS]), text);
    }
}

static void
cell_changed_cb (SlFiguresGrid *self)
{
  for (guint c = 0; c < self->years->len; c++)
    update_intensity (self, c);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rebuild (SlFiguresGrid *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);

  for (int i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *label = gtk_label_new (_(fields[i].label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->grid, label, 0, i + 1, 1, 1);
    }
  {
    GtkWidget *label = gtk_label_new (_("R&D intensity"));
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_grid_attach (self->grid, label, 0, N_FIELDS + 1, 1, 1);
  }
  for (guint c = 0; c < self->years->len; c++)
    {
      g_autofree char *title = g_strdup_printf ("%d", g_array_index (self->years, int, c));
      GtkWidget *header = gtk_label_new (title);
      GtkWidget **cells = self->cells->pdata[c];

      gtk_widget_add_css_class (header, "heading");
      gtk_grid_attach (self->grid, header, (int) c + 1, 0, 1, 1);
      for (int i = 0; i <= N_FIELDS; i++)
        gtk_grid_attach (self->grid, cells[i], (int) c + 1, i + 1, 1, 1);
      update_intensity (self, c);
    }
}

static GtkWidget **
new_column (SlFiguresGrid *self,
            int            year)
{
  GtkWidget **cells = g_new0 (GtkWidget *, N_FIELDS + 1);
  const char *flags[] = { "—", _("Yes"), _("No"), NULL };

  for (int i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *a11y = g_strdup_printf ("%s, %d", _(fields[i].label), year);

      if (fields[i].kind == KIND_FLAG)
        {
          cells[i] = gtk_drop_down_new_from_strings (flags);
          g_signal_connect_object (cells[i], "notify::selected", G_CALLBACK (cell_changed_cb), self, G_CONNECT_SWAPPED);
        }
      else
        {
          cells[i] = gtk_entry_new ();
          gtk_editable_set_width_chars (GTK_EDITABLE (cells[i]), 12);
          gtk_editable_set_alignment (GTK_EDITABLE (cells[i]), 1.0);
          gtk_widget_add_css_class (cells[i], "numeric");
          g_signal_connect_object (cells[i], "changed", G_CALLBACK (cell_changed_cb), self, G_CONNECT_SWAPPED);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (cells[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_ref_sink (cells[i]);
    }
  cells[N_FIELDS] = g_object_ref_sink (gtk_label_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (cells[N_FIELDS]), 1.0);
  gtk_widget_add_css_class (cells[N_FIELDS], "numeric");
  return cells;
}

static void
free_column (gpointer data)
{
  GtkWidget **cells = data;

  for (int i = 0; i <= N_FIELDS; i++)
    g_object_unref (cells[i]);
  g_free (cells);
}

/* An amount in 万元 as the grid shows it: two decimals, as every amount of
 * the window reads ("16578.90" beside "16820.13"), and more only where the
 * yuan need them ("1234.5678"), so that saving never rounds a figure. */
static char *
amount_text (gint64 yuan)
{
  char *text = sl_amount_to_wan (yuan);
  const char *dot = strchr (text, '.');
  gsize decimals = dot ? strlen (dot + 1) : 0;
  char *padded;

  if (decimals >= 2)
    return text;
  padded = g_strdup_printf ("%s%s%s", text, dot ? "" : ".", decimals == 1 ? "0" : "00");
  g_free (text);
  return padded;
}

static void
set_cell (GtkWidget **cells,
          Field       field,
          const SlFigures *f)
{
  g_autofree char *text = NULL;
  gint64 *slot;

  if (fields[field].kind == KIND_FLAG)
    {
      int v = field == F_DIGITAL_MGMT ? f->digital_mgmt : f->digital_rd_tools;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cells[field]), v == 1 ? 1 : v == 0 ? 2 : 0);
      return;
    }
  if (field == F_CNC)
    text = isnan (f->cnc_rate) ? NULL : g_strdup_printf ("%g", f->cnc_rate);
  else
    {
      slot = amount_slot ((SlFigures *) f, field);
      if (*slot != SL_UNSET)
        text = fields[field].kind == KIND_AMOUNT ? amount_text (*slot)
                                                 : g_strdup_printf ("%" G_GINT64_FORMAT, *slot);
    }
  gtk_editable_set_text (GTK_EDITABLE (cells[field]), text ? text : "");
}

static int
insert_year (SlFiguresGrid *self,
             int            year)
{
  guint pos = 0;

  while (pos < self->years->len && g_array_index (self->years, int, pos) < year)
    pos++;
  if (pos < self->years->len && g_array_index (self->years, int, pos) == year)
    return -1;
  g_array_insert_val (self->years, pos, year);
  g_ptr_array_insert (self->cells, (int) pos, new_column (self, year));
  return (int) pos;
}

/**
 * sl_figures_grid_set_figures:
 * @figures: (element-type SlFigures): the stored years
 */
void
sl_figures_grid_set_figures (SlFiguresGrid *self,
                             GArray        *figures)
{
  g_array_set_size (self->years, 0);
  g_ptr_array_set_size (self->cells, 0);
  for (guint i = 0; i < figures->len; i++)
    {
      const SlFigures *f = &g_array_index (figures, SlFigures, i);
      int pos = insert_year (self, f->year);

      if (pos < 0)
        continue;
      for (int field = 0; field < N_FIELDS; field++)
        set_cell (self->cells->pdata[pos], field, f);
    }
  rebuild (self);
}

/**
 * sl_figures_grid_add_year:
 *
 * Returns: %FALSE if the year is there already
 */
gboolean
sl_figures_grid_add_year (SlFiguresGrid *self,
                          int            year)
{
  int pos = insert_year (self, year);

  if (pos < 0)
    return FALSE;
  rebuild (self);
  gtk_widget_grab_focus (((GtkWidget **) self->cells->pdata[pos])[0]);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

guint
sl_figures_grid_get_n_years (SlFiguresGrid *self)
{
  return self->years->len;
}

/**
 * sl_figures_grid_collect:
 *
 * Returns: (transfer full) (element-type SlFigures): the years as typed, or
 *   %NULL with an error naming the field and year that is not a number
 */
GArray *
sl_figures_grid_collect (SlFiguresGrid  *self,
                         gint64          enterprise_id,
                         GError        **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (SlFigures));

  for (guint c = 0; c < self->years->len; c++)
    {
      SlFigures f;

      sl_figures_init (&f, enterprise_id, g_array_index (self->years, int, c));
      if (!read_column (self, c, &f, error))
        return NULL;
      g_array_append_val (list, f);
    }
  return g_steal_pointer (&list);
}

static void
sl_figures_grid_dispose (GObject *object)
{
  SlFiguresGrid *self = SL_FIGURES_GRID (object);

  if (self->grid != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->grid));
  self->grid = NULL;
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  G_OBJECT_CLASS (sl_figures_grid_parent_class)->dispose (object);
}

static void
sl_figures_grid_class_init (SlFiguresGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_figures_grid_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sl_figures_grid_init (SlFiguresGrid *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->cells = g_ptr_array_new_with_free_func (free_column);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));
  rebuild (self);
}

GtkWidget *
sl_figures_grid_new (void)
{
  return g_object_new (SL_TYPE_FIGURES_GRID, NULL);
}
