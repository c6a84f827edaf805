/* sl-enterprise-editor-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-enterprise.h"
#include "sl-enterprise-editor.h"
#include "sl-figures-grid.h"

G_BEGIN_DECLS

struct _SlEnterpriseEditor
{
  GtkWindow         parent_instance;

  SlStore          *store;
  gint64            id;
  SlEnterprise     *record;         /* as stored, or a blank one */
  gboolean          dirty;
  gboolean          loading;
  GHashTable       *touched;        /* the fields the clerk has edited: their problems show */
  gboolean          show_all;       /* after a save was tried: every problem shows */
  gint64            duplicate_id;
  gint64            cert_id;        /* the certification in the form, 0 for a new one */

  GHashTable       *fields;         /* key -> widget */
  const char       *message_key;    /* the field the message is about, or NULL */
  GPtrArray        *jurisdictions;
  GPtrArray        *chains;
  GPtrArray        *tiers;
  GPtrArray        *rule_versions;
  GPtrArray        *honours;
  GPtrArray        *certs;
  GArray           *figures;        /* the years as stored, to write only what changed */
  GtkWidget        *duplicate_button;
  GtkWidget        *cert_fields[9];

  GtkNotebook      *notebook;
  GtkGrid          *details_grid;
  GtkWidget        *save_button;
  GtkLabel         *message_label;
  SlFiguresGrid    *figures_grid;
  GtkSpinButton    *year_spin;
  GtkLabel         *figures_error;
  GtkBox           *hints_box;
  GtkWidget        *cert_box;
  GtkListBox       *cert_list;
  GtkGrid          *cert_grid;
  GtkLabel         *cert_error;
  GtkListBox       *honour_list;
  GtkDropDown      *honour_dropdown;
  GtkSpinButton    *honour_year_spin;
  GtkLabel         *honour_error;
  GtkListBox       *history_list;
  GtkListBox       *dossier_list;
  GPtrArray        *dossiers;
};

enum { _SL_EDITOR_SAVED, _SL_EDITOR_OPEN_ENTERPRISE, _SL_EDITOR_OPEN_PROJECT, _SL_EDITOR_N_SIGNALS };
extern guint _sl_enterprise_editor_signals[_SL_EDITOR_N_SIGNALS];

GtkWidget    *_sl_editor_field            (SlEnterpriseEditor *self,
                                           const char         *key);
SlEnterprise *_sl_editor_collect          (SlEnterpriseEditor *self);
gboolean      _sl_editor_validate         (SlEnterpriseEditor *self);
void          _sl_editor_show_message     (SlEnterpriseEditor *self,
                                           const char         *key,
                                           const char         *text,
                                           gboolean            warning);
GtkWidget    *_sl_editor_dropdown_from    (GPtrArray          *items,
                                           const char         *none,
                                           gboolean            tiers);

/* sl-enterprise-editor-actions.c: saving, and the tabs that write at once */
void          _sl_editor_build_cert_form  (SlEnterpriseEditor *self);
void          _sl_editor_load_tabs        (SlEnterpriseEditor *self);
void          _sl_editor_ask_unsaved      (SlEnterpriseEditor *self);
void          _sl_editor_cert_selected_cb (SlEnterpriseEditor *self,
                                           GtkListBoxRow      *row);
void          _sl_editor_save_action      (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);
void          _sl_editor_add_year_action  (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);
void          _sl_editor_new_cert_action  (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);
void          _sl_editor_save_cert_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);
void          _sl_editor_add_honour_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);
void          _sl_editor_new_dossier_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);
void          _sl_editor_dossier_activated_cb (SlEnterpriseEditor *self,
                                           GtkListBoxRow      *row);
void          _sl_editor_remove_honour_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);

G_END_DECLS
