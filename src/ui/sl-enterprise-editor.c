/* sl-enterprise-editor.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-enterprise-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-enterprise-editor-private.h"
#include "sl-figures.h"
#include "sl-figures-grid.h"
#include "sl-date-entry.h"
#include "sl-lookup.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

typedef enum { W_ENTRY, W_DATE, W_JURISDICTION, W_CHAIN, W_CHECK, W_TEXT } WidgetKind;

static const struct {
  const char *key;
  const char *label;
  WidgetKind  kind;
  const char *placeholder;
} details[] = {
  { "name", N_("_Name"), W_ENTRY, NULL },
  { "credit_code", N_("_Unified social credit code"), W_ENTRY, N_("18 characters, e.g. 91320700MA1MABCD6L") },
  { "jurisdiction", N_("_Jurisdiction"), W_JURISDICTION, NULL },
  { "chain", N_("_Key industrial chain"), W_CHAIN, NULL },
  { "contact", N_("Cont_act"), W_ENTRY, NULL },
  { "phone", N_("_Phone"), W_ENTRY, NULL },
  { "specialist", N_("Ser_vice specialist"), W_ENTRY, NULL },
  { "main_product", N_("_Main product"), W_ENTRY, NULL },
  { "address", N_("Add_ress"), W_ENTRY, NULL },
  { "founded_on", N_("_Founded on"), W_DATE, NULL },
  { "niche_since", N_("In the n_iche since"), W_ENTRY, N_("Year, e.g. 2015") },
  { "above_scale", N_("Above designated si_ze (规上企业)"), W_CHECK, NULL },
  { "note", N_("N_otes"), W_TEXT, NULL },
};



enum { PROP_0, PROP_STORE, PROP_ENTERPRISE_ID, N_PROPS };

static GParamSpec *properties[N_PROPS];
guint _sl_enterprise_editor_signals[_SL_EDITOR_N_SIGNALS];

G_DEFINE_FINAL_TYPE (SlEnterpriseEditor, sl_enterprise_editor, GTK_TYPE_WINDOW)

GtkWidget *
_sl_editor_field (SlEnterpriseEditor *self,
       const char         *key)
{
  return g_hash_table_lookup (self->fields, key);
}

static char *
entry_text (SlEnterpriseEditor *self,
            const char         *key)
{
  GtkWidget *field = _sl_editor_field (self, key);

  /* A day as typed (2018/3/5) is saved as the day it is. */
  if (SL_IS_DATE_ENTRY (field))
    return sl_date_entry_get_iso (SL_DATE_ENTRY (field));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
}

GtkWidget *
_sl_editor_dropdown_from (GPtrArray  *items,
               const char *none,
               gboolean    tiers)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  if (none)
    gtk_string_list_append (list, none);
  for (guint i = 0; i < items->len; i++)
    {
      SlLookupItem *item = items->pdata[i];
      g_autofree char *name = item->parent_id ? g_strconcat ("    ", item->name, NULL) : g_strdup (item->name);
      gtk_string_list_append (list, tiers ? sl_ui_tier_name (item->key, item->name) : name);
    }
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
}

/* The record as the form shows it now. */
SlEnterprise *
_sl_editor_collect (SlEnterpriseEditor *self)
{
  SlEnterprise *e = sl_enterprise_copy (self->record);
  guint j = gtk_drop_down_get_selected (GTK_DROP_DOWN (_sl_editor_field (self, "jurisdiction")));
  guint c = gtk_drop_down_get_selected (GTK_DROP_DOWN (_sl_editor_field (self, "chain")));
  GtkTextBuffer *note = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_sl_editor_field (self, "note")));
  GtkTextIter start, end;
  g_autofree char *niche = entry_text (self, "niche_since");

#define SET(member, key) G_STMT_START { g_free (e->member); e->member = entry_text (self, key); } G_STMT_END
  SET (name, "name");
  SET (credit_code, "credit_code");
  SET (contact, "contact");
  SET (phone, "phone");
  SET (specialist, "specialist");
  SET (main_product, "main_product");
  SET (address, "address");
  SET (founded_on, "founded_on");
#undef SET
  e->jurisdiction_id = j < self->jurisdictions->len ? ((SlLookupItem *) self->jurisdictions->pdata[j])->id : 0;
  e->chain_id = c > 0 && c <= self->chains->len ? ((SlLookupItem *) self->chains->pdata[c - 1])->id : 0;
  e->above_scale = gtk_check_button_get_active (GTK_CHECK_BUTTON (_sl_editor_field (self, "above_scale")));
  e->niche_since = *g_strstrip (niche) ? atoi (niche) : 0;
  if (*niche && (strspn (niche, "0123456789") != strlen (niche)))
    e->niche_since = -1;   /* not a year: the core's range rule says so */
  gtk_text_buffer_get_bounds (note, &start, &end);
  g_free (e->note);
  e->note = gtk_text_buffer_get_text (note, &start, &end, FALSE);
  return e;
}

/* The form has one message, below the fields; the field it is about is
 * marked, and described by it for a screen reader. */
void
_sl_editor_show_message (SlEnterpriseEditor *self,
                         const char         *key,
                         const char         *text,
                         gboolean            warning)
{
  GtkWidget *field = _sl_editor_field (self, key);

  if (field == NULL)
    return;
  gtk_widget_remove_css_class (field, "error");
  gtk_widget_remove_css_class (field, "warning");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  if (text == NULL)
    {
      if (g_strcmp0 (self->message_key, key) == 0)
        {
          gtk_label_set_text (self->message_label, "");
          self->message_key = NULL;
        }
      return;
    }
  if (self->message_key != NULL && g_strcmp0 (self->message_key, key) != 0)
    _sl_editor_show_message (self, self->message_key, NULL, FALSE);
  /* The details table's own key outlives any caller's string. */
  g_hash_table_lookup_extended (self->fields, key, (gpointer *) &self->message_key, NULL);
  gtk_label_set_text (self->message_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), warning ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), warning ? "warning" : "error");
  gtk_widget_add_css_class (field, warning ? "warning" : "error");
  if (!warning)
    gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->message_label, NULL, -1);
}

/* Checks the whole record as the core would and shows the first problem
 * beside its field; credit-code warnings show while nothing is wrong. */
gboolean
_sl_editor_validate (SlEnterpriseEditor *self)
{
  g_autoptr(SlEnterprise) e = _sl_editor_collect (self);
  g_autoptr(GError) error = NULL;
  SlCreditCodeWarnings warnings = SL_CREDIT_CODE_OK;
  const char *bad = NULL;
  gboolean ok;

  ok = sl_enterprise_check (self->store, e, &warnings, &bad, &error);
  if (self->message_key != NULL)
    _sl_editor_show_message (self, self->message_key, NULL, FALSE);

  self->duplicate_id = 0;
  /* A field's problem shows once the clerk has edited it, or tried to
   * save: a new form does not open in red. */
  if (!ok && bad != NULL && (self->show_all || g_hash_table_contains (self->touched, bad)))
    {
      _sl_editor_show_message (self, bad, error->message, FALSE);
      if (g_error_matches (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_DUPLICATE))
        self->duplicate_id = sl_enterprise_find_by_code (self->store, e->credit_code);
    }
  else if (ok && warnings != SL_CREDIT_CODE_OK)
    {
      g_autofree char *text = sl_credit_code_describe_warnings (warnings);
      _sl_editor_show_message (self, "credit_code", text, TRUE);
    }
  gtk_widget_set_visible (self->duplicate_button, self->duplicate_id != 0);
  /* Saving is offered once something changed; a refused save says why
   * beside each field. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->dirty);
  return ok;
}

static void
mark_dirty_cb (SlEnterpriseEditor *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  _sl_editor_validate (self);
}

/* An edit of a field: its problems show from now on. */
static void
field_edited_cb (GObject            *widget,
                 GParamSpec         *pspec,
                 SlEnterpriseEditor *self)
{
  if (self->loading)
    return;
  g_hash_table_add (self->touched, g_object_get_data (widget, "sl-field-key"));
  mark_dirty_cb (self);
}

static void
entry_changed_cb (GtkEditable        *entry,
                  SlEnterpriseEditor *self)
{
  field_edited_cb (G_OBJECT (entry), NULL, self);
}

static void
open_duplicate_cb (SlEnterpriseEditor *self)
{
  if (self->duplicate_id != 0)
    g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_OPEN_ENTERPRISE], 0, self->duplicate_id);
}

static void
build_details (SlEnterpriseEditor *self)
{
  int row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (_(details[i].label));
      GtkWidget *widget = NULL;

      switch (details[i].kind)
        {
        case W_ENTRY:
        case W_DATE:
          widget = details[i].kind == W_DATE ? sl_date_entry_new () : gtk_entry_new ();
          gtk_widget_set_hexpand (widget, TRUE);
          if (details[i].placeholder)
            gtk_entry_set_placeholder_text (GTK_ENTRY (widget), _(details[i].placeholder));
          g_object_set_data (G_OBJECT (widget), "sl-field-key", (gpointer) details[i].key);
          g_signal_connect_object (widget, "changed", G_CALLBACK (entry_changed_cb), self, 0);
          break;
        case W_JURISDICTION:
          widget = _sl_editor_dropdown_from (self->jurisdictions, NULL, FALSE);
          g_object_set_data (G_OBJECT (widget), "sl-field-key", (gpointer) details[i].key);
          g_signal_connect_object (widget, "notify::selected", G_CALLBACK (field_edited_cb), self, 0);
          break;
        case W_CHAIN:
          widget = _sl_editor_dropdown_from (self->chains, _("None"), FALSE);
          g_signal_connect_object (widget, "notify::selected", G_CALLBACK (mark_dirty_cb), self, G_CONNECT_SWAPPED);
          break;
        case W_CHECK:
          widget = gtk_check_button_new ();
          g_signal_connect_object (widget, "toggled", G_CALLBACK (mark_dirty_cb), self, G_CONNECT_SWAPPED);
          break;
        case W_TEXT:
          widget = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (widget), GTK_WRAP_WORD_CHAR);
          gtk_widget_set_size_request (widget, -1, 80);
          gtk_widget_add_css_class (widget, "sl-notes");
          g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                                   G_CALLBACK (mark_dirty_cb), self, G_CONNECT_SWAPPED);
          break;
        default:
          g_assert_not_reached ();
        }
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_set_valign (label, details[i].kind == W_TEXT ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
      gtk_grid_attach (self->details_grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->details_grid, widget, 1, row, 1, 1);
      row++;

      g_hash_table_insert (self->fields, (gpointer) details[i].key, widget);
    }
}

static guint
index_of_id (GPtrArray *items,
             gint64     id)
{
  for (guint i = 0; i < items->len; i++)
    if (((SlLookupItem *) items->pdata[i])->id == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
load_details (SlEnterpriseEditor *self)
{
  const SlEnterprise *e = self->record;
  g_autofree char *niche = e->niche_since ? g_strdup_printf ("%d", e->niche_since) : g_strdup ("");
  guint chain = index_of_id (self->chains, e->chain_id);

#define SET(key, value) gtk_editable_set_text (GTK_EDITABLE (_sl_editor_field (self, key)), (value) ? (value) : "")
  SET ("name", e->name);
  SET ("credit_code", e->credit_code);
  SET ("contact", e->contact);
  SET ("phone", e->phone);
  SET ("specialist", e->specialist);
  SET ("main_product", e->main_product);
  SET ("address", e->address);
  SET ("founded_on", e->founded_on);
  SET ("niche_since", niche);
#undef SET
  /* A new firm's jurisdiction is chosen, never assumed: preselected, the
   * first county took every firm saved in haste. A ledger of one
   * jurisdiction has only that one to choose. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_sl_editor_field (self, "jurisdiction")),
                              e->jurisdiction_id ? index_of_id (self->jurisdictions, e->jurisdiction_id)
                              : self->jurisdictions->len == 1 ? 0 : GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_sl_editor_field (self, "chain")), chain == GTK_INVALID_LIST_POSITION ? 0 : chain + 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_sl_editor_field (self, "above_scale")), e->above_scale);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (_sl_editor_field (self, "note"))), e->note ? e->note : "", -1);
}

static void
sl_enterprise_editor_constructed (GObject *object)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (object);
  g_autofree char *today = sl_today ();
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (sl_enterprise_editor_parent_class)->constructed (object);

  self->jurisdictions = sl_lookup_list (self->store, SL_LOOKUP_JURISDICTION, SL_LOOKUP_ACTIVE);
  self->chains = sl_lookup_list (self->store, SL_LOOKUP_CHAIN, SL_LOOKUP_ACTIVE);
  self->tiers = sl_lookup_list (self->store, SL_LOOKUP_TIER, SL_LOOKUP_ACTIVE);
  self->rule_versions = sl_lookup_list (self->store, SL_LOOKUP_RULE_VERSION, SL_LOOKUP_ACTIVE);
  self->honours = sl_lookup_list (self->store, SL_LOOKUP_HONOUR, SL_LOOKUP_ACTIVE);

  if (self->id != 0)
    self->record = sl_enterprise_load (self->store, self->id, &error);
  if (self->record == NULL)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      self->id = 0;
      self->record = sl_enterprise_new ();
    }

  self->loading = TRUE;
  build_details (self);
  load_details (self);
  _sl_editor_build_cert_form (self);
  _sl_editor_load_tabs (self);
  gtk_spin_button_set_value (self->year_spin, atoi (today) - 1);
  gtk_spin_button_set_value (self->honour_year_spin, atoi (today));
  self->loading = FALSE;

  gtk_window_set_title (GTK_WINDOW (self), self->id ? self->record->name : _("New Enterprise"));
  _sl_editor_validate (self);
  /* Typing starts in the name, not on the tab. */
  gtk_widget_grab_focus (_sl_editor_field (self, "name"));
}

static gboolean
sl_enterprise_editor_close_request (GtkWindow *window)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (window);

  if (!self->dirty)
    return GTK_WINDOW_CLASS (sl_enterprise_editor_parent_class)->close_request (window);
  _sl_editor_ask_unsaved (self);
  return TRUE;
}

static void
sl_enterprise_editor_dispose (GObject *object)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_ENTERPRISE_EDITOR);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_enterprise_editor_parent_class)->dispose (object);
}

static void
sl_enterprise_editor_finalize (GObject *object)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (object);

  g_clear_pointer (&self->record, sl_enterprise_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->jurisdictions, g_ptr_array_unref);
  g_clear_pointer (&self->chains, g_ptr_array_unref);
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  g_clear_pointer (&self->rule_versions, g_ptr_array_unref);
  g_clear_pointer (&self->honours, g_ptr_array_unref);
  g_clear_pointer (&self->certs, g_ptr_array_unref);
  g_clear_pointer (&self->dossiers, g_ptr_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);
  G_OBJECT_CLASS (sl_enterprise_editor_parent_class)->finalize (object);
}

static void
sl_enterprise_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ENTERPRISE_ID:
      self->id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_enterprise_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENTERPRISE_ID:
      g_value_set_int64 (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_enterprise_editor_class_init (SlEnterpriseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sl_enterprise_editor_constructed;
  object_class->dispose = sl_enterprise_editor_dispose;
  object_class->finalize = sl_enterprise_editor_finalize;
  object_class->set_property = sl_enterprise_editor_set_property;
  object_class->get_property = sl_enterprise_editor_get_property;
  window_class->close_request = sl_enterprise_editor_close_request;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SL_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTERPRISE_ID] = g_param_spec_int64 ("enterprise-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _sl_enterprise_editor_signals[_SL_EDITOR_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _sl_enterprise_editor_signals[_SL_EDITOR_OPEN_PROJECT] = g_signal_new ("open-project", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  _sl_enterprise_editor_signals[_SL_EDITOR_OPEN_ENTERPRISE] = g_signal_new ("open-enterprise", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SL_TYPE_FIGURES_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-enterprise-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, details_grid);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, duplicate_button);
  gtk_widget_class_bind_template_callback (widget_class, open_duplicate_cb);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, year_spin);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, figures_error);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, hints_box);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, cert_box);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, cert_list);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, cert_grid);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, cert_error);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, honour_list);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, honour_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, honour_year_spin);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, honour_error);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, SlEnterpriseEditor, dossier_list);
  gtk_widget_class_bind_template_callback (widget_class, _sl_editor_dossier_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_dirty_cb);
  gtk_widget_class_bind_template_callback (widget_class, _sl_editor_cert_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, _sl_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-year", NULL, _sl_editor_add_year_action);
  gtk_widget_class_install_action (widget_class, "editor.new-certification", NULL, _sl_editor_new_cert_action);
  gtk_widget_class_install_action (widget_class, "editor.save-certification", NULL, _sl_editor_save_cert_action);
  gtk_widget_class_install_action (widget_class, "editor.add-honour", NULL, _sl_editor_add_honour_action);
  gtk_widget_class_install_action (widget_class, "editor.new-dossier", NULL, _sl_editor_new_dossier_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-honour", "(si)", _sl_editor_remove_honour_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_enterprise_editor_init (SlEnterpriseEditor *self)
{
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The window's own child is not bound: dispose_template would unparent
   * it behind the window's back. */
  self->notebook = GTK_NOTEBOOK (gtk_window_get_child (GTK_WINDOW (self)));
}

/**
 * sl_enterprise_editor_new:
 * @enterprise_id: the firm to edit, or 0 for a new one
 */
GtkWidget *
sl_enterprise_editor_new (SlStore *store,
                          gint64   enterprise_id)
{
  return g_object_new (SL_TYPE_ENTERPRISE_EDITOR, "store", store, "enterprise-id", enterprise_id, NULL);
}

GtkWidget *
sl_enterprise_editor_get_field (SlEnterpriseEditor *self,
                                const char         *key)
{
  return _sl_editor_field (self, key);
}

/**
 * sl_enterprise_editor_get_message:
 *
 * Returns: (nullable): the form's message, if it is about the field
 */
const char *
sl_enterprise_editor_get_message (SlEnterpriseEditor *self,
                                  const char         *key)
{
  if (g_strcmp0 (self->message_key, key) != 0)
    return NULL;
  return gtk_label_get_text (self->message_label);
}

gboolean
sl_enterprise_editor_is_dirty (SlEnterpriseEditor *self)
{
  return self->dirty;
}
