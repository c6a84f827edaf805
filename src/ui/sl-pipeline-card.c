/* sl-pipeline-card.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-pipeline.h"
#include "sl-pipeline-card.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* One firm in a pipeline column: a recycled row of the column's list view,
 * refilled by sl_pipeline_card_set() for whichever firm it shows now. It
 * can be dragged onto another column, and its menu records moves. */
struct _SlPipelineCard
{
  GtkWidget      parent_instance;

  gint64         id;
  char          *name;

  GtkInscription *name_label;
  GtkInscription *jurisdiction_label;
  GtkInscription *since_label;
  GtkInscription *until_label;
  GtkInscription *pending_label;
  GtkInscription *hint_label;
  GtkMenuButton *moves_button;
};

G_DEFINE_FINAL_TYPE (SlPipelineCard, sl_pipeline_card, GTK_TYPE_WIDGET)

/* Inscriptions rather than labels: a card is one of two hundred rows a
 * list view keeps per column, and they size by font, not by text. */
static void
set_optional (GtkInscription *label,
              const char     *text)
{
  gtk_inscription_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* The moves' menu, the same for every card: its items act on the card's
 * firm through the card's own actions. Built when first opened, as a
 * popover per recycled row would cost more than the rest of the card. */
static GMenuModel *
moves_menu (void)
{
  static GMenuModel *menu;

  if (menu == NULL)
    {
      GMenu *m = g_menu_new ();
      g_autoptr(GMenu) moves = g_menu_new ();
      g_autoptr(GMenu) other = g_menu_new ();

      g_menu_append (moves, _("Record _Application…"), "card.record-application");
      g_menu_append (moves, _("Record _Result…"), "card.record-result");
      g_menu_append (moves, _("Record Re-re_view…"), "card.record-review");
      g_menu_append (moves, _("Mark _Expired or Revoked…"), "card.mark-ended");
      g_menu_append (other, _("_Open Enterprise"), "card.open");
      g_menu_append_section (m, NULL, G_MENU_MODEL (moves));
      g_menu_append_section (m, NULL, G_MENU_MODEL (other));
      menu = G_MENU_MODEL (m);
    }
  return menu;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  gtk_menu_button_set_menu_model (button, moves_menu ());
}

/* card.* → pipeline.*, with the firm the card shows now. */
static void
card_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SlPipelineCard *self = SL_PIPELINE_CARD (widget);
  g_autofree char *target = g_strconcat ("pipeline.", action_name + strlen ("card."), NULL);

  if (self->id > 0)
    gtk_widget_activate_action (widget, target, "x", self->id);
}

static char *
hint_text (GPtrArray  *checks,
           const char *next_tier_name,
           char      **out_tooltip,
           gboolean   *out_all_met)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);
  guint met = 0;

  *out_tooltip = NULL;
  *out_all_met = FALSE;
  if (checks == NULL || checks->len == 0 || next_tier_name == NULL)
    return NULL;
  g_string_append_printf (tooltip, _("Hard thresholds of %s:"), next_tier_name);
  for (guint i = 0; i < checks->len; i++)
    {
      SlThresholdCheck *t = checks->pdata[i];
      const char *mark = t->met == 1 ? "✓" : t->met == 0 ? "✗" : "?";
      g_autofree char *bound = sl_ui_format_number (isnan (t->at_least) ? t->at_most : t->at_least);

      met += t->met == 1;
      g_string_append_printf (tooltip, "\n%s %s %s %s %s", mark, t->name,
                              isnan (t->at_least) ? "≤" : "≥", bound, t->unit ? t->unit : "");
    }
  *out_tooltip = g_string_free (g_steal_pointer (&tooltip), FALSE);
  *out_all_met = met == checks->len;
  if (met == checks->len)
    return g_strdup_printf (_("Meets the thresholds of %s"), next_tier_name);
  return g_strdup_printf (_("Meets %u of %u thresholds of %s"), met, checks->len, next_tier_name);
}

/**
 * sl_pipeline_card_set:
 * @today: YYYY-MM-DD
 * @warn_days: how close an end date is shown as a warning
 * @checks: (nullable) (element-type SlThresholdCheck): the next tier's
 *   thresholds against the firm's latest figures
 * @next_tier_name: (nullable): the tier the firm would apply for next
 */
void
sl_pipeline_card_set (SlPipelineCard    *self,
                      const SlRosterRow *row,
                      const char        *today,
                      int                warn_days,
                      GPtrArray         *checks,
                      const char        *next_tier_name)
{
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *warn_from = sl_date_add_days (today, warn_days);
  g_autofree char *accessible = NULL;
  gboolean all_met;

  self->id = row->id;
  g_free (self->name);
  self->name = g_strdup (row->name);
  gtk_inscription_set_text (self->name_label, row->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), row->name);
  gtk_inscription_set_text (self->jurisdiction_label, row->jurisdiction);

  if (row->tier_since != NULL)
    {
      g_autofree char *date = sl_ui_format_date (row->tier_since);
      since = g_str_equal (row->tier_since, SL_DATE_UNKNOWN) ? g_steal_pointer (&date) : g_strdup_printf (_("Held since %s"), date);
    }
  set_optional (self->since_label, since);

  gtk_widget_remove_css_class (GTK_WIDGET (self->until_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->until_label), "error");
  if (row->tier_until != NULL)
    {
      g_autofree char *date = sl_ui_format_date (row->tier_until);

      if (strcmp (row->tier_until, today) < 0)
        {
          until = g_strdup_printf (_("Expired on %s"), date);
          gtk_widget_add_css_class (GTK_WIDGET (self->until_label), "error");
        }
      else
        {
          until = g_strdup_printf (_("Valid until %s"), date);
          if (strcmp (row->tier_until, warn_from) <= 0)
            gtk_widget_add_css_class (GTK_WIDGET (self->until_label), "warning");
        }
    }
  set_optional (self->until_label, until);

  if (row->pending_tier != NULL)
    {
      g_autofree char *date = sl_ui_format_date (row->pending_on);
      pending = g_strdup_printf (g_strcmp0 (row->pending_status, "publicised") == 0
                                 ? _("Publicised for %s, applied %s") : _("Applied for %s on %s"),
                                 sl_ui_tier_name (row->pending_tier, row->pending_tier), date);
    }
  set_optional (self->pending_label, pending);

  hint = hint_text (checks, next_tier_name, &tooltip, &all_met);
  set_optional (self->hint_label, hint);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hint_label), tooltip);
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label),
                            all_met ? "success" : "dim-label");

  accessible = g_strdup_printf (_("Record a move for %s"), row->name ? row->name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->moves_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

gint64
sl_pipeline_card_get_id (SlPipelineCard *self)
{
  return self->id;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 SlPipelineCard *self)
{
  if (self->id <= 0)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, self->id);
}

static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               SlPipelineCard *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static void
sl_pipeline_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PIPELINE_CARD);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_pipeline_card_parent_class)->dispose (object);
}

static void
sl_pipeline_card_finalize (GObject *object)
{
  g_free (SL_PIPELINE_CARD (object)->name);
  G_OBJECT_CLASS (sl_pipeline_card_parent_class)->finalize (object);
}

static void
sl_pipeline_card_class_init (SlPipelineCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_pipeline_card_dispose;
  object_class->finalize = sl_pipeline_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-pipeline-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, jurisdiction_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, since_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, until_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, pending_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineCard, moves_button);
  gtk_widget_class_set_css_name (widget_class, "sl-pipeline-card");
  gtk_widget_class_install_action (widget_class, "card.record-application", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.record-result", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.record-review", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.mark-ended", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, card_action);
}

static void
sl_pipeline_card_init (SlPipelineCard *self)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->moves_button, create_popup_cb, NULL, NULL);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

GtkWidget *
sl_pipeline_card_new (void)
{
  return g_object_new (SL_TYPE_PIPELINE_CARD, NULL);
}
