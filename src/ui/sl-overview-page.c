/* sl-overview-page.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sl-bulletin.h"
#include "sl-overview.h"
#include "sl-overview-page.h"
#include "sl-reminders.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* The soonest reminders only: a large ledger has thousands, and the
 * roster's "expiring" filter lists them all. */
#define MAX_REMINDERS 15

struct _SlOverviewPage
{
  GtkWidget      parent_instance;

  SlStore       *store;
  SlOverview    *overview;
  GCancellable  *cancellable;
  guint64        generation;      /* of the ledger when last counted */

  GtkLabel      *as_of_label;
  GtkSpinner    *spinner;
  GtkLabel      *bulletin_label;
  GtkLabel      *error_label;
  GtkWidget     *plan_ended_bar;
  GtkLabel      *plan_ended_label;
  GtkListBox    *targets_list;
  GtkLabel      *reminders_heading;
  GtkListBox    *reminders_list;
  GtkDrawingArea *chart;
};

G_DEFINE_FINAL_TYPE (SlOverviewPage, sl_overview_page, GTK_TYPE_WIDGET)

enum { OPEN_ENTERPRISE, OPEN_PROJECT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* How far along a target is, 0 to 1: for "at most" targets, met is done
 * and over it is the share the target is of the value. */
static double
completion (double      value,
            double      target,
            const char *comparison,
            gboolean    met)
{
  if (met)
    return 1.0;
  if (comparison[0] == '<')
    return value > 0 ? CLAMP (target / value, 0.0, 1.0) : 0.0;
  return target > 0 ? CLAMP (value / target, 0.0, 1.0) : 0.0;
}

static GtkWidget *
target_row (JsonObject *indicator)
{
  const char *comparison = json_object_get_string_member_with_default (indicator, "comparison", ">=");
  const char *unit = json_object_get_string_member_with_default (indicator, "unit", "");
  JsonNode *value_node = json_object_get_member (indicator, "value");
  JsonNode *target_node = json_object_get_member (indicator, "target");
  JsonNode *met_node = json_object_get_member (indicator, "met");
  gboolean has_value = value_node && !JSON_NODE_HOLDS_NULL (value_node);
  gboolean has_target = target_node && !JSON_NODE_HOLDS_NULL (target_node);
  gboolean met = met_node && !JSON_NODE_HOLDS_NULL (met_node) && json_node_get_boolean (met_node);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (json_object_get_string_member_with_default (indicator, "name", ""));
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *text;
  g_autofree char *value = has_value ? sl_ui_format_number (json_node_get_double (value_node)) : NULL;
  g_autofree char *target = has_target ? sl_ui_format_number (json_node_get_double (target_node)) : NULL;
  g_autofree char *shown = NULL;
  double fraction = 0;

  if (has_value && has_target)
    {
      fraction = completion (json_node_get_double (value_node), json_node_get_double (target_node), comparison, met);
      shown = g_strdup_printf (_("%s of %s %s"), value, target, unit);
    }
  else if (has_value)
    shown = g_strdup_printf (_("%s %s, no target"), value, unit);
  else
    shown = g_strdup (_("not known yet"));

  /* One width for every name, wrapped within it: every bar starts at one x. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (name), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 18);
  gtk_widget_set_size_request (name, 220, -1);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "sl-target");
  gtk_widget_add_css_class (bar, !has_value || !has_target ? "target-unknown"
                                 : met ? "target-met" : fraction >= 0.6 ? "target-near" : "target-behind");
  text = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (text), 1);
  gtk_widget_set_size_request (text, 170, -1);
  gtk_widget_add_css_class (text, "numeric");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, shown, -1);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static char *
reminder_text (SlReminder *r)
{
  const char *tier = r->tier_key ? sl_ui_tier_name (r->tier_key, r->tier_key) : "";
  g_autofree char *date = sl_ui_format_date (r->date);

  switch (r->kind)
    {
    case SL_REMINDER_EXPIRING:
      return r->days >= 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expires on %s, in %d day", "%s expires on %s, in %d days", r->days), tier, date, r->days)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expired on %s, %d day ago", "%s expired on %s, %d days ago", -r->days), tier, date, -r->days);
    case SL_REMINDER_NO_RESULT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applied for %s on %s: no result after %d day", "Applied for %s on %s: no result after %d days", -r->days), tier, date, -r->days);
    case SL_REMINDER_DATA_UPDATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Yearly data update on the platform due %s, in %d day", "Yearly data update on the platform due %s, in %d days", r->days), date, r->days);
    case SL_REMINDER_OVERDUE_ITEM:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checklist item due %s, %d day overdue", "Checklist item due %s, %d days overdue", -r->days), date, -r->days);
    }
}

static GtkWidget *
reminder_row (SlReminder *r)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title;
  g_autofree char *text = reminder_text (r);
  g_autofree char *heading = r->kind == SL_REMINDER_DATA_UPDATE
    ? g_strdup_printf (_("Rules %s"), r->title) : g_strdup (r->title);

  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), dim_label (text));
  if (r->days < 0)
    gtk_widget_add_css_class (title, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), r->kind != SL_REMINDER_DATA_UPDATE);
  return row;
}

static void
reminder_activated_cb (SlOverviewPage *self,
                       GtkListBoxRow  *row)
{
  SlReminder *r;

  if (self->overview == NULL)
    return;
  r = self->overview->reminders->pdata[gtk_list_box_row_get_index (row)];
  if (r->kind == SL_REMINDER_OVERDUE_ITEM)
    g_signal_emit (self, signals[OPEN_PROJECT], 0, r->project_id);
  else if (r->enterprise_id != 0)
    g_signal_emit (self, signals[OPEN_ENTERPRISE], 0, r->enterprise_id);
}

/* One band per tier, each on its own scale (the pool is thousands of
 * times the champions), the month's end count on the right. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  SlOverviewPage *self = data;
  GPtrArray *history = self->overview ? self->overview->history : NULL;
  JsonArray *tiers;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1.0 };
  const int label_w = 190, value_w = 90, axis_h = 20;
  guint n_tiers;
  double band_h;

  if (history == NULL || history->len == 0)
    return;
  tiers = json_object_get_array_member (json_node_get_object (self->overview->summary), "tiers");
  n_tiers = MIN (json_array_get_length (tiers), G_N_ELEMENTS (((SlTierMonth *) NULL)->held));
  if (n_tiers == 0 || width <= label_w + value_w + 40)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  band_h = (double) (height - axis_h) / n_tiers;

  for (guint t = 0; t < n_tiers; t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      double top = t * band_h, slot = (double) (width - label_w - value_w) / history->len;
      gint64 max = 1, last = ((SlTierMonth *) history->pdata[history->len - 1])->held[t];
      g_autofree char *last_text = g_strdup_printf ("%'" G_GINT64_FORMAT, last);
      PangoLayout *layout;

      for (guint i = 0; i < history->len; i++)
        max = MAX (max, ((SlTierMonth *) history->pdata[i])->held[t]);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), sl_ui_tier_name (key, key));
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, top + band_h / 2 - 9);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_text (layout, last_text, -1);
      cairo_move_to (cr, width - value_w + 8, top + band_h / 2 - 9);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);

      gdk_cairo_set_source_rgba (cr, &accent);
      for (guint i = 0; i < history->len; i++)
        {
          double h = (band_h - 10) * ((SlTierMonth *) history->pdata[i])->held[t] / (double) max;
          cairo_rectangle (cr, label_w + i * slot + 2, top + band_h - 4 - h, slot - 4, h);
        }
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_rectangle (cr, label_w, top + band_h - 4, width - label_w - value_w, 1);
      cairo_fill (cr);
    }

  /* The months along the bottom: "12月", "1月" … with the year at January
   * and at the first. */
  for (guint i = 0; i < history->len; i++)
    {
      const char *period = ((SlTierMonth *) history->pdata[i])->period;
      double slot = (double) (width - label_w - value_w) / history->len;
      /* TRANSLATORS: a month on the overview's chart, with its year: 2026-01 in English, 2026年1月 in zh_CN */
      g_autofree char *text = g_str_has_suffix (period, "-01") || i == 0
        ? g_strdup_printf (C_("chart", "%1$d-%2$02d"), atoi (period), atoi (period + 5))
        /* TRANSLATORS: a month on the overview's chart: 12 in English, 12月 in zh_CN */
        : g_strdup_printf (C_("chart", "%d"), atoi (period + 5));
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), text);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      cairo_move_to (cr, label_w + i * slot + (slot - w) / 2, height - axis_h + 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

static void
show_overview (SlOverviewPage *self)
{
  SlOverview *o = self->overview;
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (o->summary), "indicators");
  g_autofree char *today = sl_ui_format_date (o->today);
  g_autofree char *as_of = g_strdup_printf (_("As of %s"), today);
  g_autofree char *heading = NULL;

  gtk_label_set_text (self->as_of_label, as_of);
  if (o->last_bulletin_period != NULL)
    {
      g_autofree char *at = sl_ui_format_date (o->last_bulletin_at);
      g_autofree char *month = sl_month_display (o->last_bulletin_period);
      g_autofree char *text = g_strdup_printf (_("Last bulletin: No. %d, for %s, made %s"),
                                               o->last_bulletin_no, month, at);
      gtk_label_set_text (self->bulletin_label, text);
    }
  else
    gtk_label_set_text (self->bulletin_label, _("No bulletin made yet"));

  {
    /* After the plan's last year its goals are history: say so, with how
     * it ended, and offer the next plan. */
    g_autofree char *ended = sl_bulletin_plan_ended_text (o->summary);

    gtk_label_set_text (self->plan_ended_label, ended ? ended : "");
    gtk_widget_set_visible (self->plan_ended_bar, ended != NULL);
  }

  clear_list (self->targets_list);
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    gtk_list_box_append (self->targets_list, target_row (json_array_get_object_element (indicators, i)));

  clear_list (self->reminders_list);
  for (guint i = 0; i < o->reminders->len && i < MAX_REMINDERS; i++)
    gtk_list_box_append (self->reminders_list, reminder_row (o->reminders->pdata[i]));
  heading = o->reminders->len > MAX_REMINDERS
    ? g_strdup_printf (_("Reminders (the %d soonest of %u)"), MAX_REMINDERS, o->reminders->len)
    : g_strdup (_("Reminders"));
  gtk_label_set_text (self->reminders_heading, heading);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SlOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  SlOverview *o = sl_overview_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), o == NULL);
  if (o == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The overview could not be computed: %s"), error->message);
      gtk_label_set_text (self->error_label, text);
      return;
    }
  g_clear_pointer (&self->overview, sl_overview_free);
  self->overview = o;
  show_overview (self);
}

/**
 * sl_overview_page_reload:
 *
 * Counts again in the background, after a change to the ledger; what is
 * shown stays until the new figures are in.
 */
void
sl_overview_page_reload (SlOverviewPage *self)
{
  g_autofree char *today = sl_today ();

  g_return_if_fail (SL_IS_OVERVIEW_PAGE (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation = sl_store_get_generation (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  if (self->overview == NULL)
    {
      g_autofree char *date = sl_ui_format_date (today);
      g_autofree char *as_of = g_strdup_printf (_("As of %s"), date);
      gtk_label_set_text (self->as_of_label, as_of);
    }
  sl_overview_compute_async (self->store, today, self->cancellable, computed_cb, g_object_ref (self));
}

/**
 * sl_overview_page_refresh:
 *
 * Counts again if the ledger changed since the last count.
 */
void
sl_overview_page_refresh (SlOverviewPage *self)
{
  g_return_if_fail (SL_IS_OVERVIEW_PAGE (self));

  if (sl_store_get_generation (self->store) != self->generation)
    sl_overview_page_reload (self);
}

gboolean
sl_overview_page_is_loading (SlOverviewPage *self)
{
  return self->cancellable != NULL;
}

static void
sl_overview_page_dispose (GObject *object)
{
  SlOverviewPage *self = SL_OVERVIEW_PAGE (object);
  GtkWidget *child;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_OVERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_overview_page_parent_class)->dispose (object);
}

static void
sl_overview_page_finalize (GObject *object)
{
  SlOverviewPage *self = SL_OVERVIEW_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->overview, sl_overview_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_overview_page_parent_class)->finalize (object);
}

static void
sl_overview_page_class_init (SlOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_overview_page_dispose;
  object_class->finalize = sl_overview_page_finalize;

  /**
   * SlOverviewPage::open-enterprise:
   * @id: the firm a reminder is about
   */
  signals[OPEN_ENTERPRISE] = g_signal_new ("open-enterprise", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * SlOverviewPage::open-project:
   * @id: the project of an overdue item
   */
  signals[OPEN_PROJECT] = g_signal_new ("open-project", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, bulletin_label);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, plan_ended_bar);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, plan_ended_label);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, targets_list);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, reminders_heading);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, reminders_list);
  gtk_widget_class_bind_template_child (widget_class, SlOverviewPage, chart);
  gtk_widget_class_bind_template_callback (widget_class, reminder_activated_cb);
}

static void
sl_overview_page_init (SlOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
}

GtkWidget *
sl_overview_page_new (SlStore *store)
{
  SlOverviewPage *self = g_object_new (SL_TYPE_OVERVIEW_PAGE, NULL);

  self->store = g_object_ref (store);
  sl_overview_page_reload (self);
  return GTK_WIDGET (self);
}
