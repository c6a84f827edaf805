/* test-ui-mnemonics.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Alt and a letter go to one place: in every window as it shows, page by
 * page and tab by tab, no two shown labels underline the same letter.
 * Labels built in code are seen as well as those of the .ui files (which
 * check-mnemonics.py reads); the suite runs once in English and once in
 * zh_CN, where the letter is the translation's. */

#include "config.h"

#include <locale.h>

#include "sl-enterprise-editor.h"
#include "sl-import.h"
#include "sl-import-dialog.h"
#include "sl-ledger-settings.h"
#include "sl-merge-dialog.h"
#include "sl-ui-test-util.h"

static void
collect (GtkWidget  *widget,
         GHashTable *seen,
         GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget))
      && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      if (other != NULL)
        g_string_append_printf (clashes, "%s%s: “%s” and “%s”", clashes->len ? "; " : "", gdk_keyval_name (key), other, text);
      else
        g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect (c, seen, clashes);
}

/* Counts the underlined labels shown, so that a check over a window that
 * showed none (not mapped yet) cannot pass. */
static guint
assert_unique (GtkWidget  *root,
               const char *where)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  spin_for (50);
  collect (root, seen, clashes);
  if (clashes->len > 0)
    {
      g_test_message ("%s: one letter for two labels: %s", where, clashes->str);
      g_test_fail ();
    }
  return g_hash_table_size (seen);
}

static void
each_tab (GtkWidget  *window,
          GtkNotebook *notebook,
          const char *name,
          guint       least)
{
  for (int i = 0; i < gtk_notebook_get_n_pages (notebook); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s, tab %d", name, i + 1);

      gtk_notebook_set_current_page (notebook, i);
      g_assert_cmpuint (assert_unique (window, where), >=, least);
    }
}

/* While the pages cross-fade both are shown: the check waits for one. */
static gboolean
transition_done (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static void
test_main_window (Fixture       *fx,
                  gconstpointer  data)
{
  GtkStack *stack = find_descendant (GTK_WIDGET (fx->window), GTK_TYPE_STACK);

  static const char *pages[] = { "overview", "roster", "pipeline", "projects", "bulletins", "trash" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      sl_window_show_page (fx->window, pages[i]);
      spin_for (20);
      spin_until (transition_done, stack);
      assert_unique (GTK_WIDGET (fx->window), pages[i]);
    }
}

static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found = find_menu_button (c);

      if (found)
        return found;
    }
  return NULL;
}

/* The main menu's items answer their letters while it is open. */
static void
test_main_menu (Fixture       *fx,
                gconstpointer  data)
{
  GtkMenuButton *button = find_menu_button (GTK_WIDGET (fx->window));
  GtkPopover *popover;

  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  spin_until (window_mapped, popover);
  g_assert_cmpuint (assert_unique (GTK_WIDGET (popover), "main menu"), >=, 10);
  gtk_menu_button_popdown (button);
}

static void
test_editor (Fixture       *fx,
             gconstpointer  data)
{
  gint64 id = sl_test_query_int (fx->store, "SELECT min (id) FROM enterprise");
  GtkWindow *editor = sl_window_open_editor (fx->window, id);

  spin_until (window_mapped, editor);
  /* At least the header's two buttons and the five tabs. */
  each_tab (GTK_WIDGET (editor), find_descendant (GTK_WIDGET (editor), GTK_TYPE_NOTEBOOK), "editor", 7);
  gtk_window_destroy (editor);

  editor = sl_window_open_editor (fx->window, 0);
  spin_until (window_mapped, editor);
  g_assert_cmpuint (assert_unique (GTK_WIDGET (editor), "new enterprise"), >=, 15);
  /* Another firm's code: the button that opens it shows, with its letter. */
  {
    g_autoptr(SlEnterprise) other = sl_enterprise_load (fx->store, id, NULL);
    GtkWidget *button = GTK_WIDGET (child (editor, SL_TYPE_ENTERPRISE_EDITOR, "duplicate_button"));

    gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (SL_ENTERPRISE_EDITOR (editor), "name")), "另一家公司");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (sl_enterprise_editor_get_field (SL_ENTERPRISE_EDITOR (editor), "jurisdiction")), 0);
    gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (SL_ENTERPRISE_EDITOR (editor), "credit_code")),
                           other->credit_code);
    spin_until (window_mapped, button);
    g_assert_true (gtk_widget_get_mapped (button));
    assert_unique (GTK_WIDGET (editor), "new enterprise, a duplicate code");
  }
  gtk_window_destroy (editor);
}

static void
test_dialogs (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *roster = sl_test_temp_path ("roster.csv");
  g_autofree char *other = sl_test_temp_path ("county.db");
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (roster, "企业名称,统一社会信用代码,所属地区,负责人\n"
                                              "某某科技有限公司,91320700MA1MXYW8KY,海州区,张三\n", -1, NULL));
  dialog = sl_import_dialog_new (fx->store, roster);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (window_mapped, dialog);
  g_assert_cmpuint (assert_unique (dialog, "import"), >=, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    g_autoptr(SlStore) county = sl_ledger_open (other, SL_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (sl_demo_generate (county, DEMO_N + 5, NULL, NULL, NULL, &error));
  }
  dialog = sl_merge_dialog_new (fx->store, other);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (window_mapped, dialog);
  g_assert_cmpuint (assert_unique (dialog, "merge"), >=, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = sl_ledger_settings_new (fx->store);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (window_mapped, dialog);
  each_tab (dialog, find_descendant (dialog, GTK_TYPE_NOTEBOOK), "ledger settings", 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  const char *locale;

  sl_ui_test_init (&argc, &argv);
  /* gtk_test_init fixed the locale; this suite runs in the one it is given. */
  locale = setlocale (LC_ALL, "");
  g_assert_nonnull (locale);
  if (g_str_has_prefix (locale, "zh"))
    g_assert_cmpstr (_("_Save"), !=, "_Save");   /* the catalogue is read */
  g_test_add ("/ui/mnemonics/main-window", Fixture, NULL, fixture_set_up, test_main_window, fixture_tear_down);
  g_test_add ("/ui/mnemonics/main-menu", Fixture, NULL, fixture_set_up, test_main_menu, fixture_tear_down);
  g_test_add ("/ui/mnemonics/editor", Fixture, NULL, fixture_set_up, test_editor, fixture_tear_down);
  g_test_add ("/ui/mnemonics/dialogs", Fixture, NULL, fixture_set_up, test_dialogs, fixture_tear_down);
  return g_test_run ();
}
