/* sl-date-entry.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-date-entry.h"
#include "sl-util.h"

/* A day's field: typed as clerks type days (2018/3/5, 2018年3月5日,
 * 20180305, sl_date_from_text()), shown back as every page shows a day
 * (sl_date_display(): 2018年3月5日 in zh_CN) once the clerk leaves it or
 * presses Enter, or picked from a calendar behind the icon; a day the
 * program puts in shows so at once. What it cannot read stays as typed,
 * for the record's own check to name the field and the rule. */
struct _SlDateEntry
{
  GtkEntry     parent_instance;

  GtkPopover  *popover;
  GtkCalendar *calendar;
  GtkEventController *focus;
};

G_DEFINE_FINAL_TYPE (SlDateEntry, sl_date_entry, GTK_TYPE_ENTRY)

/**
 * sl_date_entry_get_iso:
 *
 * Returns: (transfer full): the day as `YYYY-MM-DD`; "" when empty; the
 *   text as typed when it is no day
 */
char *
sl_date_entry_get_iso (SlDateEntry *self)
{
  g_autofree char *stripped = NULL;
  const char *text;
  char *iso;

  g_return_val_if_fail (SL_IS_DATE_ENTRY (self), NULL);
  text = gtk_editable_get_text (GTK_EDITABLE (self));
  iso = sl_date_from_text (text);
  if (iso != NULL)
    return iso;
  stripped = g_strstrip (g_strdup (text));
  return g_strdup (*stripped == '\0' ? "" : text);
}

/* The text in the one form every page shows, when it is a day. */
static void
tidy (SlDateEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *iso = sl_date_from_text (text);
  g_autofree char *shown = iso ? sl_date_display (iso) : NULL;

  if (shown != NULL && !g_str_equal (shown, text))
    gtk_editable_set_text (GTK_EDITABLE (self), shown);
}

/* Text set while the clerk is elsewhere (a record loaded, a default day)
 * is the program's: shown as a day at once. What the clerk types waits
 * until the field is left. */
static void
changed_cb (SlDateEntry *self)
{
  if (!gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->focus)))
    tidy (self);
}

static void
day_selected_cb (SlDateEntry *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *shown = sl_date_display (iso);

  gtk_editable_set_text (GTK_EDITABLE (self), shown);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  gtk_popover_popdown (self->popover);
}

static void
icon_press_cb (SlDateEntry          *self,
               GtkEntryIconPosition  position)
{
  g_autofree char *iso = sl_date_entry_get_iso (self);
  GDate date;
  GdkRectangle area;

  if (position != GTK_ENTRY_ICON_SECONDARY)
    return;
  /* The calendar opens on the day typed, else on today. */
  if (sl_date_parse (iso, &date))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                        g_date_get_day (&date), 0, 0, 0);
      g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
      gtk_calendar_select_day (self->calendar, day);
      g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
    }
  gtk_entry_get_icon_area (GTK_ENTRY (self), GTK_ENTRY_ICON_SECONDARY, &area);
  gtk_popover_set_pointing_to (self->popover, &area);
  gtk_popover_popup (self->popover);
}

static void
activate_cb (SlDateEntry *self)
{
  tidy (self);
}

static void
focus_leave_cb (SlDateEntry *self)
{
  tidy (self);
}

static void
sl_date_entry_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SlDateEntry *self = SL_DATE_ENTRY (widget);

  GTK_WIDGET_CLASS (sl_date_entry_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (self->popover);
}

static void
sl_date_entry_dispose (GObject *object)
{
  SlDateEntry *self = SL_DATE_ENTRY (object);

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (sl_date_entry_parent_class)->dispose (object);
}

static void
sl_date_entry_class_init (SlDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_date_entry_dispose;
  widget_class->size_allocate = sl_date_entry_size_allocate;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-date-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, SlDateEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, SlDateEntry, calendar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
}

static void
sl_date_entry_init (SlDateEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->focus = gtk_event_controller_focus_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  g_signal_connect (self, "icon-press", G_CALLBACK (icon_press_cb), NULL);
  g_signal_connect (self, "activate", G_CALLBACK (activate_cb), NULL);
  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  g_signal_connect_swapped (self->focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), self->focus);
}

GtkWidget *
sl_date_entry_new (void)
{
  return g_object_new (SL_TYPE_DATE_ENTRY, NULL);
}
