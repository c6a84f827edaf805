/* sl-ui-utils.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-lookup.h"
#include "sl-store.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/**
 * sl_ui_show_error:
 * @heading: what failed, in the user's words
 * @error: why, as the core worded it
 *
 * The one place one-shot failures are shown: a modal message with the
 * heading and the error's message. (GtkAlertDialog comes with GTK 4.10.)
 *
 * Returns: (transfer none): the message window, which destroys itself when closed
 */
GtkWindow *
sl_ui_show_error (GtkWindow    *parent,
                  const char   *heading,
                  const GError *error)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", heading);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

typedef struct
{
  GTask     *task;
  GSettings *settings;
} Choice;

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GTask) task = choice->task;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *folder = g_file_get_path (parent);

      if (choice->settings != NULL && folder != NULL)
        g_settings_set_string (choice->settings, "last-folder", folder);
      g_task_return_pointer (task, g_file_get_path (file), g_free);
    }
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

  g_clear_object (&choice->settings);
  g_free (choice);
  g_object_unref (native);
}

/**
 * sl_ui_choose_file_async:
 *
 * Asks for a file in the folder used last. (GtkFileDialog comes with GTK 4.10.)
 */
static void
add_filters (GtkFileChooser *chooser,
             SlUiFiles       files)
{
  static const char *roster[] = { "xlsx", "xlsm", "xltx", "xls", "csv", "txt", NULL };
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  switch (files)
    {
    case SL_UI_FILES_LEDGER:
      gtk_file_filter_set_name (filter, _("Ledgers"));
      gtk_file_filter_add_mime_type (filter, SL_LEDGER_MIME_TYPE);
      gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
      gtk_file_filter_add_suffix (filter, "db");
      break;
    case SL_UI_FILES_ROSTER:
      gtk_file_filter_set_name (filter, _("Rosters (.xlsx, .xls, .csv)"));
      for (guint i = 0; roster[i]; i++)
        gtk_file_filter_add_suffix (filter, roster[i]);
      break;
    case SL_UI_FILES_WORKBOOK:
      gtk_file_filter_set_name (filter, _("Excel workbooks (.xlsx)"));
      gtk_file_filter_add_suffix (filter, "xlsx");
      break;
    case SL_UI_FILES_PLAN:
      gtk_file_filter_set_name (filter, _("Plan files (.json)"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "json");
      break;
    }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, filter);
  g_object_unref (filter);
  g_object_unref (all);
}

void
sl_ui_choose_file_async (GtkWindow            *parent,
                         const char           *title,
                         const char           *accept_label,
                         GtkFileChooserAction  action,
                         SlUiFiles             files,
                         const char           *suggested_name,
                         GSettings            *settings,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  GtkFileChooserNative *native;
  Choice *choice = g_new0 (Choice, 1);
  g_autofree char *folder = settings ? g_settings_get_string (settings, "last-folder") : NULL;

  choice->task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (choice->task, sl_ui_choose_file_async);
  choice->settings = settings ? g_object_ref (settings) : NULL;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filters (GTK_FILE_CHOOSER (native), files);
  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), dir, NULL);
    }
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

char *
sl_ui_choose_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sl_ui_format_wan:
 *
 * Returns: (transfer full): @yuan in 万元 with two decimals and grouping, or ""
 */
char *
sl_ui_format_wan (gint64 yuan)
{
  return sl_format_wan (yuan);
}

/**
 * sl_ui_parse_number:
 * @out: (out): the number, or NAN for an empty text
 *
 * Reads a number typed by the clerk, spaces around it allowed.
 *
 * Returns: %FALSE if @text is not a number
 */
gboolean
sl_ui_parse_number (const char *text,
                    double     *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;

  *out = NAN;
  if (*trimmed == '\0')
    return TRUE;
  *out = g_ascii_strtod (trimmed, &end);
  return end != trimmed && *end == '\0' && isfinite (*out);
}

/**
 * sl_ui_show_outcome:
 * @text: (nullable): what happened, or %NULL to clear the label
 * @error: whether it went wrong
 *
 * The one inline way to say how an edit went: in the label under the
 * form, green when done, red with the rule when refused.
 */
void
sl_ui_show_outcome (GtkLabel   *label,
                    const char *text,
                    gboolean    error)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (label), error ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), error ? "error" : "success");
}

/**
 * sl_ui_format_number:
 *
 * Returns: (transfer full): @v to two decimals without trailing zeros
 *   ("235.5", "1000"), as typed back into an entry
 */
char *
sl_ui_format_number (double v)
{
  /* Grouped as the locale groups (1,331 in zh_CN), at most two decimals. */
  char *s = g_strdup_printf ("%'.2f", v);
  char *end = s + strlen (s) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return s;
}

/**
 * sl_ui_format_date:
 *
 * Returns: (transfer full): an ISO date or timestamp as the locale writes a date
 */
char *
sl_ui_format_date (const char *iso)
{
  if (iso != NULL && g_str_equal (iso, SL_DATE_UNKNOWN))
    return g_strdup (_("entry date unknown"));
  return sl_date_display (iso);
}

/**
 * sl_ui_tier_name:
 *
 * Returns: the glossary's name of a tier, or @fallback for a plan's own tier
 */
const char *
sl_ui_tier_name (const char *key,
                 const char *fallback)
{
  return sl_tier_name (key, fallback);
}

/**
 * sl_ui_fill_dropdown:
 * @any: the first entry, meaning no filter
 * @items: (element-type SlLookupItem): the entries
 * @ids: (nullable): filled with 0 then each entry's id
 * @keys: (nullable): filled with %NULL then each entry's key
 * @indent_towns: indent the entries that have a parent
 *
 * A filter dropdown over a lookup list, with the ids or keys kept beside
 * it by position.
 */
void
sl_ui_fill_dropdown (GtkDropDown *dropdown,
                     const char  *any,
                     GPtrArray   *items,
                     GArray      *ids,
                     GPtrArray   *keys,
                     gboolean     indent_towns)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gint64 zero = 0;

  gtk_string_list_append (list, any);
  if (ids)
    g_array_append_val (ids, zero);
  if (keys)
    g_ptr_array_add (keys, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      SlLookupItem *item = items->pdata[i];
      g_autofree char *name = indent_towns && item->parent_id ? g_strconcat ("    ", item->name, NULL) : g_strdup (item->name);

      gtk_string_list_append (list, name);
      if (ids)
        g_array_append_val (ids, item->id);
      if (keys)
        g_ptr_array_add (keys, g_strdup (item->key));
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}
