/* sl-pipeline-page.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-lookup.h"
#include "sl-pipeline-board.h"
#include "sl-pipeline-column.h"
#include "sl-pipeline-page.h"
#include "sl-roster.h"
#include "sl-ui-utils.h"

/* The tier pipeline: a column per tier in the plan's order, the filters
 * above, and the form of a move below. Columns list their firms at once
 * from the roster's index; the counts above them come from a worker, as
 * counting who holds the pool in a million firms takes seconds. */
struct _SlPipelinePage
{
  GtkWidget      parent_instance;

  SlStore       *store;
  GPtrArray     *columns;          /* SlPipelineColumn, in tier order */
  GArray        *jurisdiction_ids;
  GArray        *chain_ids;
  GCancellable  *cancellable;
  guint64        generation;       /* of the ledger when last shown */
  gboolean       loading_filters;
  SlMoveForm    *form;
  SlPipelineMark undo_mark;        /* before the last move, while it can be undone */
  char          *undo_text;        /* what it was, for the undo's message; NULL: nothing to undo */

  GtkDropDown   *jurisdiction_dropdown;
  GtkDropDown   *chain_dropdown;
  GtkCheckButton *meets_check;
  GtkSpinner    *spinner;
  GtkLabel      *outcome_label;
  GtkBox        *columns_box;
  GtkRevealer   *form_revealer;
  GtkBox        *form_box;
};

G_DEFINE_FINAL_TYPE (SlPipelinePage, sl_pipeline_page, GTK_TYPE_WIDGET)

enum { OPEN_ENTERPRISE, CHANGED, MOVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64
selected_id (GArray      *ids,
             GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
counts_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SlPipelinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = sl_pipeline_board_columns_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (counts == NULL)
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < self->columns->len; i++)
    {
      SlPipelineColumn *column = self->columns->pdata[i];

      for (guint j = 0; j < counts->len; j++)
        {
          SlTierColumn *c = counts->pdata[j];
          if (g_str_equal (c->key, sl_pipeline_column_get_tier (column)))
            sl_pipeline_column_set_counts (column, c);
        }
    }
}

static void
open_enterprise_cb (SlPipelinePage *self,
                    gint64          id)
{
  g_signal_emit (self, signals[OPEN_ENTERPRISE], 0, id);
}

static void
card_dropped_cb (SlPipelinePage   *self,
                 gint64            id,
                 SlPipelineColumn *column)
{
  sl_pipeline_page_drop_card (self, id, sl_pipeline_column_get_tier (column));
}

static void
build_columns (SlPipelinePage *self)
{
  g_autoptr(GPtrArray) tiers = sl_lookup_list (self->store, SL_LOOKUP_TIER, SL_LOOKUP_INCLUDE_RETIRED);

  for (guint i = 0; tiers != NULL && i < tiers->len; i++)
    {
      SlLookupItem *t = tiers->pdata[i];
      SlLookupItem *next = i + 1 < tiers->len ? tiers->pdata[i + 1] : NULL;
      GtkWidget *column = sl_pipeline_column_new (self->store, t->key, sl_ui_tier_name (t->key, t->name),
                                                  next ? next->key : NULL,
                                                  next ? sl_ui_tier_name (next->key, next->name) : NULL);

      g_signal_connect_object (column, "open-enterprise", G_CALLBACK (open_enterprise_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (column, "card-dropped", G_CALLBACK (card_dropped_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->columns_box, column);
      g_ptr_array_add (self->columns, column);
    }
}

static void
load_filters (SlPipelinePage *self)
{
  g_autoptr(GPtrArray) jurisdictions = sl_lookup_list (self->store, SL_LOOKUP_JURISDICTION, SL_LOOKUP_ACTIVE);
  g_autoptr(GPtrArray) chains = sl_lookup_list (self->store, SL_LOOKUP_CHAIN, SL_LOOKUP_ACTIVE);

  self->loading_filters = TRUE;
  g_array_set_size (self->jurisdiction_ids, 0);
  g_array_set_size (self->chain_ids, 0);
  sl_ui_fill_dropdown (self->jurisdiction_dropdown, _("All jurisdictions"), jurisdictions, self->jurisdiction_ids, NULL, TRUE);
  sl_ui_fill_dropdown (self->chain_dropdown, _("All chains"), chains, self->chain_ids, NULL, FALSE);
  self->loading_filters = FALSE;
}

/* Lists the columns under the filters and counts them again. */
static void
reload (SlPipelinePage *self)
{
  gint64 jurisdiction = selected_id (self->jurisdiction_ids, self->jurisdiction_dropdown);
  gint64 chain = selected_id (self->chain_ids, self->chain_dropdown);
  gboolean meets = gtk_check_button_get_active (self->meets_check);
  g_autoptr(GError) error = NULL;

  if (self->columns->len == 0)
    build_columns (self);
  for (guint i = 0; i < self->columns->len; i++)
    if (!sl_pipeline_column_set_filter (self->columns->pdata[i], jurisdiction, chain, meets, &error))
      {
        sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
        return;
      }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < self->columns->len; i++)
    sl_pipeline_column_set_counts (self->columns->pdata[i], NULL);
  gtk_spinner_start (self->spinner);
  sl_pipeline_board_columns_async (self->store, jurisdiction, chain, self->cancellable,
                                   counts_ready_cb, g_object_ref (self));
  self->generation = sl_store_get_generation (self->store);
}

static void
filters_changed_cb (SlPipelinePage *self)
{
  if (self->loading_filters || self->columns->len == 0)
    return;
  sl_ui_show_outcome (self->outcome_label, NULL, FALSE);
  reload (self);
}

/**
 * sl_pipeline_page_refresh:
 *
 * Called when the page is shown: builds the columns the first time, and
 * lists and counts again when the ledger changed since.
 */
void
sl_pipeline_page_refresh (SlPipelinePage *self)
{
  g_return_if_fail (SL_IS_PIPELINE_PAGE (self));

  if (self->columns->len > 0 && self->generation == sl_store_get_generation (self->store))
    return;
  if (self->columns->len == 0)
    load_filters (self);
  reload (self);
}

static void
form_done_cb (SlPipelinePage *self,
              const char     *message)
{
  gint64 id = sl_move_form_get_enterprise (self->form);

  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  /* Said in the window's banner, with Undo; the line here is for refusals. */
  sl_ui_show_outcome (self->outcome_label, NULL, FALSE);
  self->undo_mark = *sl_move_form_get_mark (self->form);
  g_free (self->undo_text);
  self->undo_text = g_strdup (message);
  reload (self);
  /* The keyboard goes on from the card that moved, in its new column. */
  for (guint i = 0; i < self->columns->len; i++)
    if (sl_pipeline_column_focus_firm (self->columns->pdata[i], id))
      break;
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[MOVED], 0, message);
}

/**
 * sl_pipeline_page_can_undo:
 *
 * Returns: whether the last move recorded here can be undone
 */
gboolean
sl_pipeline_page_can_undo (SlPipelinePage *self)
{
  return self->undo_text != NULL;
}

/**
 * sl_pipeline_page_undo:
 * @out_text: (out) (optional) (transfer full): what was undone, or why not
 *
 * Undoes the last move recorded here (Ctrl+Z): the certification as it
 * was, audited. A move changed since is refused, with the reason.
 *
 * Returns: %TRUE if there was a move to undo and it was undone
 */
gboolean
sl_pipeline_page_undo (SlPipelinePage  *self,
                       char           **out_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_steal_pointer (&self->undo_text);

  if (text == NULL)
    return FALSE;
  if (!sl_pipeline_undo (self->store, &self->undo_mark, &error))
    {
      if (out_text != NULL)
        *out_text = g_strdup (error->message);
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return FALSE;
    }
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
  if (out_text != NULL)
    /* TRANSLATORS: the banner after Ctrl+Z undid a pipeline move, e.g. 已撤销：已记录…的申报 */
    *out_text = g_strdup_printf (_("Undone: %s"), text);
  return TRUE;
}

static void
form_cancelled_cb (SlPipelinePage *self)
{
  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
}

/**
 * sl_pipeline_page_start_move:
 * @tier_key: (nullable): for an application, the tier to propose
 *
 * Opens the form of @move for a firm under the columns, or says inline
 * why the move has nothing to act on.
 *
 * Returns: whether the form opened
 */
gboolean
sl_pipeline_page_start_move (SlPipelinePage *self,
                             SlMove          move,
                             gint64          enterprise_id,
                             const char     *tier_key)
{
  g_autoptr(GError) error = NULL;

  if (!sl_move_form_start (self->form, move, enterprise_id, tier_key, &error))
    {
      gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return FALSE;
    }
  sl_ui_show_outcome (self->outcome_label, NULL, FALSE);
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  gtk_widget_child_focus (GTK_WIDGET (self->form), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

/**
 * sl_pipeline_page_drop_card:
 * @tier_key: the column the card was dropped on
 *
 * A card dropped on a higher tier starts its application for that tier;
 * anywhere else it stays, with a word on why.
 */
void
sl_pipeline_page_drop_card (SlPipelinePage *self,
                            gint64          enterprise_id,
                            const char     *tier_key)
{
  g_autoptr(SlRosterRow) row = sl_roster_row_load (self->store, enterprise_id);
  int from = -1, to = -1;

  if (row == NULL)
    return;
  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *key = sl_pipeline_column_get_tier (self->columns->pdata[i]);
      if (g_strcmp0 (key, row->tier_key) == 0)
        from = (int) i;
      if (g_strcmp0 (key, tier_key) == 0)
        to = (int) i;
    }
  if (to <= from)
    {
      g_autofree char *text = g_strdup_printf (_("%s already holds this tier or a higher one: drop the card on a higher tier to record an application"),
                                               row->name);
      sl_ui_show_outcome (self->outcome_label, text, TRUE);
      return;
    }
  sl_pipeline_page_start_move (self, SL_MOVE_APPLICATION, enterprise_id, tier_key);
}

GtkWidget *
sl_pipeline_page_get_column (SlPipelinePage *self,
                             const char     *tier_key)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_strcmp0 (sl_pipeline_column_get_tier (self->columns->pdata[i]), tier_key) == 0)
      return self->columns->pdata[i];
  return NULL;
}

SlMoveForm *
sl_pipeline_page_get_form (SlPipelinePage *self)
{
  return self->form;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SlPipelinePage *self = SL_PIPELINE_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  SlMove move = g_str_equal (action_name, "pipeline.record-result") ? SL_MOVE_RESULT
              : g_str_equal (action_name, "pipeline.record-review") ? SL_MOVE_REVIEW
              : g_str_equal (action_name, "pipeline.mark-ended") ? SL_MOVE_END
              : SL_MOVE_APPLICATION;

  sl_pipeline_page_start_move (self, move, id, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  open_enterprise_cb (SL_PIPELINE_PAGE (widget), g_variant_get_int64 (param));
}

static void
sl_pipeline_page_dispose (GObject *object)
{
  SlPipelinePage *self = SL_PIPELINE_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PIPELINE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_pipeline_page_parent_class)->dispose (object);
}

static void
sl_pipeline_page_finalize (GObject *object)
{
  SlPipelinePage *self = SL_PIPELINE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->jurisdiction_ids, g_array_unref);
  g_clear_pointer (&self->chain_ids, g_array_unref);
  g_clear_pointer (&self->undo_text, g_free);
  G_OBJECT_CLASS (sl_pipeline_page_parent_class)->finalize (object);
}

static void
sl_pipeline_page_class_init (SlPipelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_pipeline_page_dispose;
  object_class->finalize = sl_pipeline_page_finalize;

  /**
   * SlPipelinePage::open-enterprise:
   * @id: the firm of an activated card
   */
  signals[OPEN_ENTERPRISE] = g_signal_new ("open-enterprise", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * SlPipelinePage::changed:
   *
   * A move was recorded: the other pages show the ledger anew.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SlPipelinePage::moved:
   * @message: what was recorded
   *
   * A move was recorded and can be undone (sl_pipeline_page_undo()).
   */
  signals[MOVED] = g_signal_new ("moved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-pipeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, jurisdiction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, chain_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, meets_check);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, columns_box);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlPipelinePage, form_box);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "pipeline.record-application", "x", move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.record-result", "x", move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.record-review", "x", move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.mark-ended", "x", move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.open", "x", open_action);
}

/* The column holding the keyboard focus, or -1. */
static int
focused_column (SlPipelinePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->columns->len; i++)
    if (gtk_widget_is_ancestor (focus, self->columns->pdata[i]))
      return (int) i;
  return -1;
}

/* Left and Right move between columns, and so do Tab and Shift+Tab: in
 * a list view Tab walks every card, thousands in the pool. Past the last
 * column Tab goes on to the form of a move when one is open, else back
 * to the filters; Shift+Tab before the first, to the filters. */
static gboolean
column_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  SlPipelinePage *self = SL_PIPELINE_PAGE (widget);
  int step = g_variant_get_int32 (args);
  gboolean tab = GPOINTER_TO_INT (user_data);
  int i = focused_column (self);
  int n = (int) self->columns->len;

  if (i < 0)
    return FALSE;
  /* A column takes the keyboard at its card in focus (GtkListView keeps
   * it), else its first; the scrolled columns follow it into view. */
  if (i + step >= 0 && i + step < n)
    gtk_widget_child_focus (self->columns->pdata[i + step], GTK_DIR_TAB_FORWARD);
  else if (tab && step > 0 && gtk_revealer_get_reveal_child (self->form_revealer))
    gtk_widget_child_focus (GTK_WIDGET (self->form), GTK_DIR_TAB_FORWARD);
  else if (tab)
    gtk_widget_grab_focus (step > 0 ? GTK_WIDGET (self->jurisdiction_dropdown) : GTK_WIDGET (self->meets_check));
  /* Left at the first column and Right at the last stay where they are. */
  return TRUE;
}

static void
add_column_key (GtkEventController *controller,
                guint               key,
                GdkModifierType     mods,
                int                 step,
                gboolean            tab)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                            gtk_callback_action_new (column_key_cb, GINT_TO_POINTER (tab), NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (step));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

static void
sl_pipeline_page_init (SlPipelinePage *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the list views, which would take Tab for their next card. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_column_key (keys, GDK_KEY_Left, 0, -1, FALSE);
  add_column_key (keys, GDK_KEY_Right, 0, 1, FALSE);
  add_column_key (keys, GDK_KEY_Tab, 0, 1, TRUE);
  /* GTK keeps Shift+Tab as <Shift>Tab, whichever keyval the key sends. */
  add_column_key (keys, GDK_KEY_Tab, GDK_SHIFT_MASK, -1, TRUE);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  self->columns = g_ptr_array_new ();
  self->jurisdiction_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->chain_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GtkWidget *
sl_pipeline_page_new (SlStore *store)
{
  SlPipelinePage *self = g_object_new (SL_TYPE_PIPELINE_PAGE, NULL);

  self->store = g_object_ref (store);
  self->form = SL_MOVE_FORM (sl_move_form_new (store));
  gtk_widget_set_hexpand (GTK_WIDGET (self->form), TRUE);
  gtk_box_append (self->form_box, GTK_WIDGET (self->form));
  g_signal_connect_object (self->form, "done", G_CALLBACK (form_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "cancelled", G_CALLBACK (form_cancelled_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
