/* sl-move-form.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-enterprise.h"
#include "sl-lookup.h"
#include "sl-date-entry.h"
#include "sl-move-form.h"
#include "sl-pipeline.h"
#include "sl-pipeline-board.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* The form of one move on the pipeline, shown inline under the columns
 * rather than in a dialog: the columns stay in sight, and a refused move
 * keeps what was typed with the rule stated under it. */
struct _SlMoveForm
{
  GtkWidget    parent_instance;

  SlStore     *store;
  SlMove       move;
  gint64       enterprise_id;
  gint64       certification_id;
  char        *firm_name;
  char        *cert_tier;
  GPtrArray   *tier_keys;
  SlPipelineMark mark;       /* the ledger before the last move recorded, for its undo */

  GtkLabel    *title_label;
  GtkWidget   *tier_box;
  GtkDropDown *tier_dropdown;
  GtkWidget   *batch_box;
  GtkEntry    *batch_entry;
  GtkWidget   *outcome_box;
  GtkDropDown *outcome_dropdown;
  GtkWidget   *doc_box;
  GtkEntry    *doc_entry;
  GtkLabel    *date_label;
  SlDateEntry *date_entry;
  GtkLabel    *error_label;
  GtkButton   *record_button;
  GtkButton   *cancel_button;
};

G_DEFINE_FINAL_TYPE (SlMoveForm, sl_move_form, GTK_TYPE_WIDGET)

enum { DONE, CANCELLED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The outcomes offered by each move, in dropdown order. */
static const char *result_outcomes[] = { N_("Certified"), N_("Publicised"), N_("Not approved") };
static const char *review_outcomes[] = { N_("Passed"), N_("Failed") };
static const char *end_outcomes[] = { N_("Expired"), N_("Revoked") };

static void
set_outcomes (SlMoveForm  *self,
              const char **outcomes,
              guint        n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(outcomes[i]));
  gtk_drop_down_set_model (self->outcome_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->outcome_dropdown, 0);
}

static void
outcome_changed_cb (SlMoveForm *self)
{
  /* A document number belongs to a certification only. */
  gtk_widget_set_visible (self->doc_box, self->move == SL_MOVE_RESULT
                          && gtk_drop_down_get_selected (self->outcome_dropdown) == 0);
}

static void
show_error (SlMoveForm *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
load_tiers (SlMoveForm *self)
{
  g_autoptr(GPtrArray) tiers = sl_lookup_list (self->store, SL_LOOKUP_TIER, SL_LOOKUP_ACTIVE);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->tier_keys, 0);
  for (guint i = 0; tiers != NULL && i < tiers->len; i++)
    {
      SlLookupItem *t = tiers->pdata[i];
      gtk_string_list_append (names, sl_ui_tier_name (t->key, t->name));
      g_ptr_array_add (self->tier_keys, g_strdup (t->key));
    }
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (names));
}

/**
 * sl_move_form_start:
 * @tier_key: (nullable): for an application, the tier to propose; else
 *   the firm's next tier
 *
 * Fills the form for @move on a firm. Refuses, with @error, a move that
 * has nothing to act on: a result without an open application, a
 * re-review or an end without a certification in force.
 */
gboolean
sl_move_form_start (SlMoveForm  *self,
                    SlMove       move,
                    gint64       enterprise_id,
                    const char  *tier_key,
                    GError     **error)
{
  g_autoptr(SlEnterprise) firm = sl_enterprise_load (self->store, enterprise_id, error);
  g_autoptr(SlCertification) cert = NULL;
  g_autofree char *next = NULL;
  g_autofree char *title = NULL;
  g_autofree char *today = sl_today ();

  if (firm == NULL)
    return FALSE;
  if (move == SL_MOVE_RESULT)
    {
      cert = sl_pipeline_find_open (self->store, enterprise_id, error);
      if (cert == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                         _("%s has no application waiting for a result: record the application first"), firm->name);
          return FALSE;
        }
    }
  else if (move == SL_MOVE_REVIEW || move == SL_MOVE_END)
    {
      cert = sl_pipeline_find_held (self->store, enterprise_id, error);
      if (cert == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                         _("%s holds no certification in force today"), firm->name);
          return FALSE;
        }
    }

  self->move = move;
  self->enterprise_id = enterprise_id;
  self->certification_id = cert ? cert->id : 0;
  g_free (self->firm_name);
  self->firm_name = g_strdup (firm->name);
  g_free (self->cert_tier);
  self->cert_tier = cert ? g_strdup (cert->tier_key) : NULL;

  load_tiers (self);
  if (move == SL_MOVE_APPLICATION && tier_key == NULL)
    next = sl_pipeline_next_tier (self->store, enterprise_id, NULL);
  for (guint i = 0; i < self->tier_keys->len; i++)
    if (g_strcmp0 (self->tier_keys->pdata[i], tier_key ? tier_key : next) == 0)
      gtk_drop_down_set_selected (self->tier_dropdown, i);

  switch (move)
    {
    case SL_MOVE_APPLICATION:
      title = g_strdup_printf (_("Record Application — %s"), firm->name);
      break;
    case SL_MOVE_RESULT:
      title = g_strdup_printf (_("Record Result — %s, %s applied on %s"), firm->name,
                               sl_ui_tier_name (cert->tier_key, cert->tier_key), cert->applied_on ? cert->applied_on : "");
      set_outcomes (self, result_outcomes, G_N_ELEMENTS (result_outcomes));
      break;
    case SL_MOVE_REVIEW:
      title = g_strdup_printf (_("Record Re-review — %s, %s valid until %s"), firm->name,
                               sl_ui_tier_name (cert->tier_key, cert->tier_key), cert->valid_until ? cert->valid_until : "—");
      set_outcomes (self, review_outcomes, G_N_ELEMENTS (review_outcomes));
      break;
    case SL_MOVE_END:
    default:
      title = g_strdup_printf (_("Mark Expired or Revoked — %s, %s"), firm->name,
                               sl_ui_tier_name (cert->tier_key, cert->tier_key));
      set_outcomes (self, end_outcomes, G_N_ELEMENTS (end_outcomes));
      break;
    }
  gtk_label_set_text (self->title_label, title);
  /* An ended certification still counts as held on the day it ends. */
  gtk_label_set_text_with_mnemonic (self->date_label, move == SL_MOVE_END ? _("_Last Day Held") : _("_Date"));
  gtk_widget_set_visible (self->tier_box, move == SL_MOVE_APPLICATION);
  gtk_widget_set_visible (self->batch_box, move == SL_MOVE_APPLICATION);
  gtk_widget_set_visible (self->outcome_box, move != SL_MOVE_APPLICATION);
  outcome_changed_cb (self);
  gtk_editable_set_text (GTK_EDITABLE (self->batch_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->doc_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  show_error (self, NULL);
  return TRUE;
}

gint64
sl_move_form_get_enterprise (SlMoveForm *self)
{
  return self->enterprise_id;
}

/**
 * sl_move_form_get_mark:
 *
 * Returns: (transfer none): the ledger before the move last recorded,
 *   which sl_pipeline_undo() takes
 */
const SlPipelineMark *
sl_move_form_get_mark (SlMoveForm *self)
{
  return &self->mark;
}

static const char *
text_or_null (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
record_cb (SlMoveForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *date = sl_date_entry_get_iso (self->date_entry);
  guint outcome = gtk_drop_down_get_selected (self->outcome_dropdown);
  gboolean ok = FALSE;

  sl_pipeline_mark (self->store, &self->mark);
  switch (self->move)
    {
    case SL_MOVE_APPLICATION:
      {
        guint i = gtk_drop_down_get_selected (self->tier_dropdown);
        const char *tier = i < self->tier_keys->len ? self->tier_keys->pdata[i] : NULL;

        ok = sl_pipeline_record_application (self->store, self->enterprise_id, tier,
                                             text_or_null (self->batch_entry), date, &error) > 0;
        if (ok)
          message = g_strdup_printf (_("Recorded the application of %s for %s"),
                                     self->firm_name, sl_ui_tier_name (tier, tier));
      }
      break;
    case SL_MOVE_RESULT:
      {
        SlResult result = outcome == 0 ? SL_RESULT_CERTIFIED : outcome == 1 ? SL_RESULT_PUBLICISED : SL_RESULT_REJECTED;

        ok = sl_pipeline_record_result (self->store, self->certification_id, result, date,
                                        result == SL_RESULT_CERTIFIED ? text_or_null (self->doc_entry) : NULL, &error);
        if (ok)
          message = g_strdup_printf (_("Recorded the result for %s: %s, %s"), self->firm_name,
                                     sl_ui_tier_name (self->cert_tier, self->cert_tier), _(result_outcomes[MIN (outcome, 2)]));
      }
      break;
    case SL_MOVE_REVIEW:
      ok = sl_pipeline_record_review (self->store, self->certification_id, outcome == 0, date, &error);
      if (ok)
        message = g_strdup_printf (_("Recorded the re-review of %s: %s"), self->firm_name,
                                   _(review_outcomes[MIN (outcome, 1)]));
      break;
    case SL_MOVE_END:
    default:
      ok = sl_pipeline_mark_ended (self->store, self->certification_id, outcome == 1, date, &error);
      if (ok)
        message = g_strdup_printf (_("Recorded that %s of %s is %s"),
                                   sl_ui_tier_name (self->cert_tier, self->cert_tier), self->firm_name,
                                   _(end_outcomes[MIN (outcome, 1)]));
      break;
    }

  if (!ok)
    {
      /* The ledger is as it was; what was typed stays for a correction. */
      show_error (self, error ? error->message : _("The move could not be recorded"));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[DONE], 0, message);
}

static void
cancel_cb (SlMoveForm *self)
{
  show_error (self, NULL);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  cancel_cb (SL_MOVE_FORM (widget));
  return TRUE;
}

static void
sl_move_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_MOVE_FORM);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_move_form_parent_class)->dispose (object);
}

static void
sl_move_form_finalize (GObject *object)
{
  SlMoveForm *self = SL_MOVE_FORM (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->tier_keys, g_ptr_array_unref);
  g_free (self->firm_name);
  g_free (self->cert_tier);
  G_OBJECT_CLASS (sl_move_form_parent_class)->finalize (object);
}

static void
sl_move_form_class_init (SlMoveFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SL_TYPE_DATE_ENTRY);

  object_class->dispose = sl_move_form_dispose;
  object_class->finalize = sl_move_form_finalize;

  /**
   * SlMoveForm::done:
   * @message: what was recorded, for the page to say
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-move-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, tier_box);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, batch_box);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, batch_entry);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, outcome_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, doc_box);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, doc_entry);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, date_label);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, record_button);
  gtk_widget_class_bind_template_child (widget_class, SlMoveForm, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, record_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
sl_move_form_init (SlMoveForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tier_keys = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (self->outcome_dropdown, "notify::selected", G_CALLBACK (outcome_changed_cb), self);
  g_signal_connect_swapped (self->batch_entry, "activate", G_CALLBACK (record_cb), self);
  g_signal_connect_swapped (self->doc_entry, "activate", G_CALLBACK (record_cb), self);
  g_signal_connect_swapped (self->date_entry, "activate", G_CALLBACK (record_cb), self);
}

GtkWidget *
sl_move_form_new (SlStore *store)
{
  SlMoveForm *self = g_object_new (SL_TYPE_MOVE_FORM, NULL);

  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
