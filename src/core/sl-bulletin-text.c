/* sl-bulletin-text.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-bulletin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sl-bulletin-private.h"
#include "sl-certification.h"
#include "sl-util.h"

/* The bulletin's words: its title, its file's properties, and its
 * written part. */

/* Returns: (nullable): the name of the jurisdiction the figures are of,
 *   NULL for the whole ledger */
static const char *
scope_name (JsonObject *figures)
{
  JsonNode *scope = json_object_get_member (figures, "scope");

  return scope && JSON_NODE_HOLDS_OBJECT (scope)
         ? json_object_get_string_member_with_default (json_node_get_object (scope), "name", NULL) : NULL;
}

/**
 * _sl_bulletin_title:
 *
 * Returns: (transfer full): the place and the month, as a 通报 is titled:
 *   连云港市2025年11月专精特新企业培育工作通报, a county's with its own name
 */
char *
_sl_bulletin_title (JsonObject *figures,
                    const char *period)
{
  const char *place = scope_name (figures) ? scope_name (figures)
                      : json_object_get_string_member_with_default (figures, "region", NULL);
  int year = 0, month = 0;

  sscanf (period, "%d-%d", &year, &month);
  if (place != NULL && *place)
    /* TRANSLATORS: a bulletin's title: the place, year and month; in zh_CN %1$s%2$d年%3$d月专精特新企业培育工作通报 */
    return g_strdup_printf (_("%1$s: SRDI Enterprise Cultivation Work Bulletin, %2$d-%3$02d"), place, year, month);
  /* TRANSLATORS: a bulletin's title: year and month; in zh_CN %1$d年%2$d月专精特新企业培育工作通报 */
  return g_strdup_printf (_("SRDI Enterprise Cultivation Work Bulletin, %1$d-%2$02d"), year, month);
}

/**
 * _sl_bulletin_set_properties:
 *
 * The workbook's own properties, as a file manager or Excel's Info pane
 * shows them: which bulletin, of where, by whom.
 */
void
_sl_bulletin_set_properties (SlBulletinJob *job,
                             const char    *period)
{
  const char *scope = scope_name (job->figures);
  int year = 0, month = 0;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  lxw_doc_properties properties = { 0 };

  sscanf (period, "%d-%d", &year, &month);
  /* TRANSLATORS: a bulletin workbook's title property: the title, year and issue number */
  title = g_strdup_printf (_("%s, %d, issue %d"), job->title, year, job->issue_no);
  /* TRANSLATORS: a bulletin workbook's subject property: year, month and scope */
  subject = g_strdup_printf (_("%d-%02d, %s"), year, month, scope ? scope : _("Whole ledger"));
  properties.title = title;
  properties.subject = subject;
  properties.author = (char *) job->unit;
  properties.company = (char *) job->unit;
  properties.manager = (char *) job->compiler;
  /* TRANSLATORS: a bulletin workbook's keyword property */
  properties.keywords = (char *) _("SRDI");
  workbook_set_properties (job->workbook, &properties);
}

/* The 通报's written part, from its figures: what a clerk writes by hand
 * under the title today. Four short paragraphs: the overall picture
 * against the targets and 序时进度, the jurisdictions leading and lagging,
 * the certifications due, and the programme items overdue. */


/* A count as the workbook's cells show it (#,##0): grouped by the locale. */
static char *
count_text (double n)
{
  return g_strdup_printf ("%'.0f", n);
}

/* "创新型中小企业770家、专精特新中小企业78家", the tiers where @member is
 * above zero (or every tier, with @all), or NULL for none. */
static char *
tier_list (JsonArray  *tiers,
           JsonObject *totals,
           const char *member,
           gboolean    all)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint t = 0; t < json_array_get_length (tiers); t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      double n = _sl_bulletin_member_double (json_object_get_object_member (totals, key), member);
      g_autofree char *count = NULL;

      if (isnan (n) || (!all && n <= 0))
        continue;
      count = count_text (n);
      if (s->len > 0)
        /* TRANSLATORS: between the items of a list in the bulletin's text */
        g_string_append (s, _(", "));
      /* TRANSLATORS: a tier and its count of firms in the bulletin's text, e.g. 创新型中小企业770家 */
      g_string_append_printf (s, _("%s %s"), sl_tier_name (key, key), count);
    }
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* After the plan's last year: that the period has ended, and how it
 * ended, each tier with a goal held on its last day against the goal. */
static void
plan_ended (GString    *out,
            JsonObject *figures)
{
  JsonNode *node = json_object_get_member (figures, "plan_period");
  JsonObject *period, *result, *tiers;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *last_day = NULL;
  g_autoptr(GList) keys = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  period = json_node_get_object (node);
  if (!json_object_get_boolean_member_with_default (period, "ended", FALSE)
      || !json_object_has_member (period, "result"))
    return;
  result = json_object_get_object_member (period, "result");
  tiers = json_object_get_object_member (result, "tiers");
  last_day = sl_date_display (json_object_get_string_member_with_default (result, "as_of", ""));
  keys = json_object_get_members (tiers);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      JsonObject *cell = json_object_get_object_member (tiers, k->data);
      double rate = _sl_bulletin_member_double (cell, "completion_rate");
      g_autofree char *held = count_text (_sl_bulletin_member_double (cell, "held"));
      g_autofree char *goal = NULL;

      if (isnan (rate))
        continue;
      goal = count_text (_sl_bulletin_member_double (cell, "target"));
      if (list->len > 0)
        g_string_append (list, _("; "));
      /* TRANSLATORS: a tier at the plan's end against its goal, e.g. 创新型中小企业1332家，完成规划目标（1000家）的133.2% */
      g_string_append_printf (list, _("%s %s, %.1f%% of the plan’s goal of %s"),
                              sl_tier_name (k->data, k->data), held, rate * 100, goal);
    }
  /* TRANSLATORS: the bulletin's text, after the plan's last year: e.g. 规划期（2023—2025年）已结束。 */
  g_string_append_printf (out, _(" The plan period (%d–%d) has ended."),
                          (int) json_object_get_int_member (period, "start"), (int) json_object_get_int_member (period, "end"));
  if (list->len > 0)
    /* TRANSLATORS: the bulletin's text: the plan's result on its last day, e.g. 规划期末（2025年12月31日）：%s。 */
    g_string_append_printf (out, _(" At its end (%s): %s."), last_day, list->str);
}

/**
 * sl_bulletin_plan_ended_text:
 * @figures: a summary, as sl_summary_compute() gives it
 *
 * Returns: (transfer full) (nullable): after the plan's last year, that
 *   its period has ended and how it ended; %NULL within the period
 */
char *
sl_bulletin_plan_ended_text (JsonNode *figures)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (figures == NULL || !JSON_NODE_HOLDS_OBJECT (figures))
    return NULL;
  plan_ended (out, json_node_get_object (figures));
  g_strchug (out->str);
  return out->str[0] != '\0' ? g_strdup (out->str) : NULL;
}

static void
overall (GString    *out,
         JsonObject *figures)
{
  JsonArray *tiers = json_object_get_array_member (figures, "tiers");
  JsonObject *totals = json_object_get_object_member (figures, "totals");
  g_autofree char *as_of = sl_date_display (json_object_get_string_member_with_default (figures, "as_of", ""));
  g_autofree char *held = tier_list (tiers, totals, "held", TRUE);
  g_autofree char *month = tier_list (tiers, totals, "new_in_month", FALSE);
  g_autofree char *year = tier_list (tiers, totals, "new_in_year", FALSE);
  g_autoptr(GString) targets = g_string_new (NULL);

  /* TRANSLATORS: the bulletin's text, first paragraph: the day and the firms held per tier */
  g_string_append_printf (out, _("Overall. As of %s the ledger holds %s."), as_of, held ? held : _("no firm"));
  /* TRANSLATORS: the bulletin's text: the firms new this month and this year, per tier */
  g_string_append_printf (out, _(" New this month: %s; new this year: %s."), month ? month : _("none"), year ? year : _("none"));
  for (guint t = 0; t < json_array_get_length (tiers); t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      JsonObject *cell = json_object_get_object_member (totals, key);
      double rate = _sl_bulletin_member_double (cell, "completion_rate");
      double schedule = _sl_bulletin_member_double (cell, "schedule");
      g_autofree char *rate_text = NULL;
      g_autofree char *schedule_text = NULL;

      if (isnan (rate))
        continue;
      rate_text = g_strdup_printf ("%.1f%%", rate * 100);
      schedule_text = isnan (schedule) ? g_strdup ("—") : g_strdup_printf ("%.1f%%", schedule * 100);
      if (targets->len > 0)
        /* TRANSLATORS: between the sentences of a list in the bulletin's text */
        g_string_append (targets, _("; "));
      if (!isnan (schedule) && rate >= schedule)
        /* TRANSLATORS: a tier's completion of its target, ahead of 序时进度, e.g. 创新型中小企业完成目标的77.0%，超序时进度2.3个百分点 */
        g_string_append_printf (targets, _("%s at %s of the target, %.1f points ahead of the schedule"),
                                sl_tier_name (key, key), rate_text, (rate - schedule) * 100);
      else
        /* TRANSLATORS: a tier's completion of its target, behind 序时进度, e.g. 专精特新中小企业完成目标的39.0%，落后序时进度58.2个百分点 */
        g_string_append_printf (targets, _("%s at %s of the target, %.1f points behind the schedule (%s)"),
                                sl_tier_name (key, key), rate_text, isnan (schedule) ? 0.0 : (schedule - rate) * 100,
                                schedule_text);
    }
  if (targets->len > 0)
    /* TRANSLATORS: the bulletin's text: the tiers' completion of their targets */
    g_string_append_printf (out, _(" Against the targets: %s."), targets->str);
  plan_ended (out, figures);
}

typedef struct
{
  const char *name;
  double      new_in_year;
} UnitNew;

static int
by_new (gconstpointer a,
        gconstpointer b)
{
  const UnitNew *x = a, *y = b;

  return x->new_in_year < y->new_in_year ? 1 : x->new_in_year > y->new_in_year ? -1 : 0;
}

/* Each jurisdiction's certifications new this year: every tier but the pool,
 * which a firm enters rather than is certified into. */
static void
jurisdictions (GString    *out,
               JsonObject *figures)
{
  JsonArray *units = json_object_get_array_member (figures, "jurisdictions");
  JsonArray *tiers = json_object_get_array_member (figures, "tiers");
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (UnitNew));
  g_autoptr(GString) leading = g_string_new (NULL);
  g_autoptr(GString) lagging = g_string_new (NULL);

  if (units == NULL || json_array_get_length (units) < 2)
    return;
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);
      JsonObject *by_tier = json_object_get_object_member (unit, "tiers");
      UnitNew row = { json_object_get_string_member_with_default (unit, "name", ""), 0 };

      for (guint t = 0; t < json_array_get_length (tiers); t++)
        {
          const char *key = json_array_get_string_element (tiers, t);
          double n = _sl_bulletin_member_double (json_object_get_object_member (by_tier, key), "new_in_year");

          if (!g_str_equal (key, "pool") && !isnan (n))
            row.new_in_year += n;
        }
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, by_new);
  for (guint i = 0; i < rows->len; i++)
    {
      UnitNew *row = &g_array_index (rows, UnitNew, i);
      g_autofree char *count = count_text (row->new_in_year);

      if (row->new_in_year > 0 && i < 3)
        {
          if (leading->len > 0)
            g_string_append (leading, _(", "));
          /* TRANSLATORS: a jurisdiction and its new certifications this year, e.g. 海州区（12家） */
          g_string_append_printf (leading, _("%s (%s)"), row->name, count);
        }
      else if (row->new_in_year <= 0)
        {
          if (lagging->len > 0)
            g_string_append (lagging, _(", "));
          g_string_append (lagging, row->name);
        }
    }
  /* TRANSLATORS: the bulletin's text, the jurisdictions' paragraph */
  g_string_append (out, _("Jurisdictions."));
  if (leading->len > 0)
    /* TRANSLATORS: the bulletin's text: the jurisdictions with the most new certifications this year */
    g_string_append_printf (out, _(" Most new certifications this year: %s."), leading->str);
  if (lagging->len > 0)
    /* TRANSLATORS: the bulletin's text: the jurisdictions without a new certification this year */
    g_string_append_printf (out, _(" No new certification this year yet: %s."), lagging->str);
  if (leading->len == 0 && lagging->len == 0)
    g_string_append (out, _(" No new certification this year yet."));
}

/**
 * sl_bulletin_summary_text:
 * @figures: --summary's object for the month and scope
 *
 * Returns: (transfer full): the bulletin's written part, paragraphs
 *   separated by line breaks, in the UI language
 */
char *
sl_bulletin_summary_text (SlStore  *store,
                          JsonNode *figures)
{
  JsonObject *f = json_node_get_object (figures);
  const char *as_of = json_object_get_string_member_with_default (f, "as_of", "");
  gint64 scope = _sl_bulletin_scope_id (store, f);
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 ending = _sl_bulletin_count_ending (store, as_of, scope);
  guint overdue = _sl_bulletin_count_overdue (store, f);
  g_autofree char *ending_text = g_strdup_printf ("%" G_GINT64_FORMAT, ending);
  g_autofree char *overdue_text = g_strdup_printf ("%u", overdue);
  GString *paragraphs[4];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    paragraphs[i] = g_string_new (NULL);
  overall (paragraphs[0], f);
  /* A bulletin of one jurisdiction has no paragraph comparing them. */
  jurisdictions (paragraphs[1], f);
  if (ending > 0)
    /* TRANSLATORS: the bulletin's text, the paragraph on certifications that end in the six months after the month */
    g_string_append_printf (paragraphs[2], _("Due. %s certifications end in the six months after the month: renew or re-review them in time."),
                            ending_text);
  else
    g_string_append (paragraphs[2], _("Due. No certification ends in the six months after the month."));
  if (overdue > 0)
    /* TRANSLATORS: the bulletin's text, the paragraph on the programmes' items overdue on the bulletin's day */
    g_string_append_printf (paragraphs[3], _("Programmes. %s items are overdue."), overdue_text);
  else
    g_string_append (paragraphs[3], _("Programmes. No item is overdue."));

  /* Numbered as they stand, so that none is skipped. */
  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    {
      /* TRANSLATORS: the bulletin's paragraphs, numbered as a 通报 numbers them: in zh_CN 一、%s, 二、%s, …; in English as they are */
      const char *numbered[] = { C_("paragraph 1", "%s"), C_("paragraph 2", "%s"), C_("paragraph 3", "%s"), C_("paragraph 4", "%s") };

      if (paragraphs[i]->len > 0)
        {
          const char *template = numbered[n++];
          const char *at = strstr (template, "%s");

          if (out->len > 0)
            g_string_append_c (out, '\n');
          /* The template around the paragraph, read as text: it is no format. */
          if (at == NULL)
            at = template + strlen (template);
          g_string_append_len (out, template, at - template);
          g_string_append (out, paragraphs[i]->str);
          if (*at)
            g_string_append (out, at + 2);
        }
      g_string_free (paragraphs[i], TRUE);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
