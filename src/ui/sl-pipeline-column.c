/* sl-pipeline-column.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-pipeline.h"
#include "sl-pipeline-card.h"
#include "sl-pipeline-column.h"
#include "sl-roster-item.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* One tier of the pipeline: its counts and target above, and below the
 * firms whose highest tier it is, as a list view over a roster query so
 * that a column of a million firms costs its ids and the cards on screen. */
struct _SlPipelineColumn
{
  GtkWidget       parent_instance;

  SlStore        *store;
  char           *tier_key;
  char           *next_tier_key;
  char           *next_tier_name;
  SlRosterModel  *model;
  GtkSliceListModel *slice;      /* the first cards, until the list is scrolled near their end */
  char           *today;
  int             warn_days;

  GtkLabel       *title_label;
  GtkLabel       *counts_label;
  GtkLabel       *target_label;
  GtkProgressBar *progress;
  GtkStack       *body_stack;
  GtkListView    *list_view;
  GtkLabel       *empty_label;
  gint64          focus_id;      /* the card to focus once laid out */
  guint           focus_tick;
};

G_DEFINE_FINAL_TYPE (SlPipelineColumn, sl_pipeline_column, GTK_TYPE_WIDGET)

enum { OPEN_ENTERPRISE, CARD_DROPPED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_card (GtkListItem *list_item)
{
  SlPipelineColumn *self = g_object_get_data (G_OBJECT (list_item), "sl-column");
  SlRosterItem *item = gtk_list_item_get_item (list_item);
  SlPipelineCard *card = SL_PIPELINE_CARD (gtk_list_item_get_child (list_item));
  const SlRosterRow *row = sl_roster_item_get_row (item);
  g_autoptr(GPtrArray) checks = NULL;

  if (self->next_tier_key != NULL && row->name != NULL)
    checks = sl_pipeline_check_thresholds (self->store, row->id, self->next_tier_key, NULL, NULL);
  sl_pipeline_card_set (card, row, self->today, self->warn_days, checks, self->next_tier_name);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SlPipelineColumn         *self)
{
  g_object_set_data (G_OBJECT (list_item), "sl-column", self);
  gtk_list_item_set_child (list_item, sl_pipeline_card_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SlPipelineColumn         *self)
{
  show_card (list_item);
  /* The firm at this position changes when the query does. */
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "changed", G_CALLBACK (show_card), list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SlPipelineColumn         *self)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (list_item), list_item);
}

static void
activate_cb (SlPipelineColumn *self,
             guint             position)
{
  gint64 id = sl_roster_model_get_id (self->model, position);

  if (id > 0)
    g_signal_emit (self, signals[OPEN_ENTERPRISE], 0, id);
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         SlPipelineColumn *self)
{
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  g_signal_emit (self, signals[CARD_DROPPED], 0, g_value_get_int64 (value));
  return TRUE;
}

/* A list view builds a row for each of its first two hundred items at
 * once: five columns of a million firms took most of the page's first
 * frame building a thousand cards, each with its thresholds' check, where
 * a column shows fewer than twenty. It lists the first cards until it is
 * scrolled near their end (or asked for a card beyond), then all. */
#define FIRST_CARDS 40

static void
list_all (SlPipelineColumn *self)
{
  if (gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static void
scrolled_cb (GtkAdjustment    *adjustment,
             SlPipelineColumn *self)
{
  double page = gtk_adjustment_get_page_size (adjustment);

  if (page > 0 && gtk_adjustment_get_value (adjustment) + 2 * page >= gtk_adjustment_get_upper (adjustment))
    list_all (self);
}

/* End goes to the column's last card, not the last of the first cards:
 * all are listed before the list view's own binding moves there. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SlPipelineColumn      *self)
{
  if (keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End)
    list_all (self);
  return GDK_EVENT_PROPAGATE;
}

static void
update_empty (SlPipelineColumn *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->body_stack, empty ? "empty" : "list");
}

/**
 * sl_pipeline_column_set_filter:
 *
 * Lists the firms of the column's tier under the page's filters, with
 * today's date for the end-date styles.
 */
gboolean
sl_pipeline_column_set_filter (SlPipelineColumn  *self,
                               gint64             jurisdiction_id,
                               gint64             chain_id,
                               gboolean           meets_next,
                               GError           **error)
{
  SlRosterQuery q = {
    .jurisdiction_id = jurisdiction_id,
    .chain_id = chain_id,
    .top_tier_key = self->tier_key,
    .meets_next = meets_next,
    .sort = SL_ROSTER_SORT_NAME,
  };
  g_autofree char *days = sl_store_get_setting (self->store, "reminder_expiry_days");

  g_free (self->today);
  self->today = sl_today ();
  self->warn_days = days != NULL && atoi (days) > 0 ? atoi (days) : 90;
  if (!sl_roster_model_set_query (self->model, &q, error))
    return FALSE;
  gtk_label_set_text (self->empty_label,
                      meets_next ? _("No enterprise here meets the thresholds of the next tier")
                                 : _("No enterprises"));
  update_empty (self);
  return TRUE;
}

/**
 * sl_pipeline_column_set_counts:
 * @counts: (nullable): the tier's counts, or %NULL while they are counted
 */
void
sl_pipeline_column_set_counts (SlPipelineColumn   *self,
                               const SlTierColumn *counts)
{
  GtkWidget *bar = GTK_WIDGET (self->progress);
  g_autofree char *highest = NULL;
  g_autofree char *held = NULL;
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (bar, "target-met");
  gtk_widget_remove_css_class (bar, "target-near");
  gtk_widget_remove_css_class (bar, "target-behind");
  if (counts == NULL)
    {
      gtk_label_set_text (self->counts_label, _("Counting…"));
      gtk_label_set_text (self->target_label, "");
      gtk_progress_bar_set_fraction (self->progress, 0);
      return;
    }

  highest = sl_ui_format_number ((double) counts->highest);
  held = sl_ui_format_number ((double) counts->held);
  /* TRANSLATORS: counts of a pipeline column: firms whose highest tier it is, firms holding it */
  text = g_strdup_printf (_("Highest tier of %s · held by %s"), highest, held);
  gtk_label_set_text (self->counts_label, text);
  g_clear_pointer (&text, g_free);

  if (isnan (counts->target) || counts->target <= 0)
    {
      gtk_label_set_text (self->target_label, _("No target set"));
      gtk_progress_bar_set_fraction (self->progress, 0);
      gtk_widget_set_visible (bar, FALSE);
      return;
    }
  {
    double fraction = counts->held / counts->target;
    g_autofree char *target = sl_ui_format_number (counts->target);
    g_autofree char *percent = sl_ui_format_number (floor (fraction * 1000 + 0.5) / 10);

    text = g_strdup_printf (_("Target %s · %s%%"), target, percent);
    gtk_label_set_text (self->target_label, text);
    gtk_progress_bar_set_fraction (self->progress, MIN (fraction, 1.0));
    gtk_widget_set_visible (bar, TRUE);
    gtk_widget_add_css_class (bar, fraction >= 1.0 ? "target-met" : fraction >= 0.6 ? "target-near" : "target-behind");
    gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  }
}

const char *
sl_pipeline_column_get_tier (SlPipelineColumn *self)
{
  return self->tier_key;
}

SlRosterModel *
sl_pipeline_column_get_model (SlPipelineColumn *self)
{
  return self->model;
}

static void
sl_pipeline_column_dispose (GObject *object)
{
  SlPipelineColumn *self = SL_PIPELINE_COLUMN (object);

  if (self->focus_tick != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick);
  self->focus_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PIPELINE_COLUMN);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_pipeline_column_parent_class)->dispose (object);
}

static void
sl_pipeline_column_finalize (GObject *object)
{
  SlPipelineColumn *self = SL_PIPELINE_COLUMN (object);

  g_clear_object (&self->slice);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_free (self->tier_key);
  g_free (self->next_tier_key);
  g_free (self->next_tier_name);
  g_free (self->today);
  G_OBJECT_CLASS (sl_pipeline_column_parent_class)->finalize (object);
}

static void
sl_pipeline_column_class_init (SlPipelineColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_pipeline_column_dispose;
  object_class->finalize = sl_pipeline_column_finalize;

  /**
   * SlPipelineColumn::open-enterprise:
   * @id: the firm of the activated card
   */
  signals[OPEN_ENTERPRISE] = g_signal_new ("open-enterprise", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * SlPipelineColumn::card-dropped:
   * @id: the firm whose card was dropped on this column
   */
  signals[CARD_DROPPED] = g_signal_new ("card-dropped", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-pipeline-column.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, counts_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, target_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, progress);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, body_stack);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, SlPipelineColumn, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_css_name (widget_class, "sl-pipeline-column");
}

static void
sl_pipeline_column_init (SlPipelineColumn *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
sl_pipeline_column_new (SlStore    *store,
                        const char *tier_key,
                        const char *tier_name,
                        const char *next_tier_key,
                        const char *next_tier_name)
{
  SlPipelineColumn *self = g_object_new (SL_TYPE_PIPELINE_COLUMN, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  self->store = g_object_ref (store);
  self->tier_key = g_strdup (tier_key);
  self->next_tier_key = g_strdup (next_tier_key);
  self->next_tier_name = g_strdup (next_tier_name);
  self->today = sl_today ();
  self->warn_days = 90;
  self->model = sl_roster_model_new (store);
  gtk_label_set_text (self->title_label, tier_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, tier_name, -1);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->model)), 0, FIRST_CARDS);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  }
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

    if (adjustment != NULL)
      {
        g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self, 0);
        g_signal_connect_object (adjustment, "changed", G_CALLBACK (scrolled_cb), self, 0);
      }
  }
  sl_pipeline_column_set_counts (self, NULL);
  return GTK_WIDGET (self);
}

/* The row of the card of self->focus_id takes the keyboard, and with it
 * the list's own idea of the focused item. */
static gboolean
focus_card_tick (GtkWidget     *list,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  SlPipelineColumn *self = data;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      if (card != NULL && SL_IS_PIPELINE_CARD (card) && sl_pipeline_card_get_id (SL_PIPELINE_CARD (card)) == self->focus_id)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
  self->focus_tick = 0;
  return G_SOURCE_REMOVE;
}

/**
 * sl_pipeline_column_focus_firm:
 *
 * Selects @id's card, scrolls to it and gives it the keyboard: after a
 * move the clerk goes on from the card that moved.
 *
 * Returns: whether the column lists @id
 */
gboolean
sl_pipeline_column_focus_firm (SlPipelineColumn *self,
                               gint64            id)
{
  int pos = sl_roster_model_find (self->model, id);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->list_view));

  if (pos < 0)
    return FALSE;
  if ((guint) pos >= g_list_model_get_n_items (G_LIST_MODEL (self->slice)))
    list_all (self);
  gtk_single_selection_set_selected (selection, (guint) pos);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) pos);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  /* Its row exists once the list has been laid out again. */
  self->focus_id = id;
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), focus_card_tick, self, NULL);
  return TRUE;
}

