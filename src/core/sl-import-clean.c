/* sl-import-clean.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-import-private.h"

/* Rosters as they come: a title and a 填报单位 line above the header, a
 * header of two rows, decorated headings (*统一社会信用代码（必填）), a
 * units row and a 示例 row under it, 合计 and 填表人 rows at the end, and
 * cells with the dirt of hand-typing. What can be read for sure is read;
 * nothing is guessed. */

#define HEADER_SEARCH_ROWS 20

/* The columns a roster may have, by the headings Chinese workgroups use:
 * the first name is the one our exports write. */
static const char *const field_aliases[SL_IMPORT_N_FIELDS] = {
  [SL_IMPORT_NAME] = "企业名称|单位名称|企业全称|企业名称(全称)|公司名称",
  [SL_IMPORT_CREDIT_CODE] = "统一社会信用代码|信用代码|社会信用代码|社会统一信用代码|统一信用代码|信用代码/注册号|统一社会信用代码/注册号",
  [SL_IMPORT_JURISDICTION] = "所属地区|县区|属地|所在地区|所属县区|所在县区|县(区)|所属县(区)|地区",
  [SL_IMPORT_CHAIN] = "重点产业链|产业链|所属产业链",
  [SL_IMPORT_TIER] = "当前梯度|梯度层级|梯度|企业梯度|培育层级",
  [SL_IMPORT_CERTIFIED_ON] = "认定日期|认定时间|认定年份|入库时间|入库日期",
  [SL_IMPORT_CONTACT] = "联系人|企业联系人",
  [SL_IMPORT_PHONE] = "联系电话|电话|联系方式|手机|手机号码",
  [SL_IMPORT_SPECIALIST] = "服务专员",
  [SL_IMPORT_MAIN_PRODUCT] = "主营产品|主导产品|主要产品",
  [SL_IMPORT_YEAR] = "指标年度|数据年度",
  [SL_IMPORT_REVENUE] = "营业收入(万元)|营业收入",
  [SL_IMPORT_MAIN_REVENUE] = "主营业务收入(万元)|主营业务收入",
  [SL_IMPORT_RD_EXPENSE] = "研发费用(万元)|研发费用|研发投入(万元)|研发投入",
  [SL_IMPORT_PATENTS] = "有效授权专利(件)|有效授权专利|有效专利(件)|有效专利|专利(件)|专利",
  [SL_IMPORT_CNC_RATE] = "关键工序数控化率(%)|关键工序数控化率",
  [SL_IMPORT_DIGITAL_MGMT] = "经营管理数字化(是/否)|经营管理数字化",
  [SL_IMPORT_DIGITAL_RD_TOOLS] = "数字化研发设计工具(是/否)|数字化研发设计工具",
  [SL_IMPORT_HIGH_TECH] = "高新技术企业(是/否)|高新技术企业|是否高新技术企业",
  [SL_IMPORT_TECH_SME] = "科技型中小企业(是/否)|科技型中小企业|是否科技型中小企业",
  [SL_IMPORT_VALID_UNTIL] = "有效期至|有效期截止|到期日期",
};

const char *
_sl_import_field_aliases (SlImportField field)
{
  return field > SL_IMPORT_IGNORE && field < SL_IMPORT_N_FIELDS ? field_aliases[field] : "";
}

/* Spaces gone, full-width brackets, colons and signs as ASCII, Latin in
 * lower case. */
static char *
normalize_header (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch) || ch == 0x3000 || ch == 0xA0 || ch == 0xFEFF || ch == 0x200B
          || ch == ':' || ch == 0xFF1A)
        continue;
      if (ch == 0xFF08)
        ch = '(';
      else if (ch == 0xFF09)
        ch = ')';
      else if (ch == 0xFF05)
        ch = '%';
      else if (ch == 0xFF0F)
        ch = '/';
      else if (ch == 0xFF0A)
        ch = '*';
      g_string_append_unichar (s, g_unichar_tolower (ch));
    }
  return g_string_free (s, FALSE);
}

/* A leading year, "2024年", "2024年度" or "2024": the figures year of the
 * column. Returns what follows it. */
static const char *
strip_year (const char *h,
            int        *out_year)
{
  if (g_ascii_isdigit (h[0]) && g_ascii_isdigit (h[1]) && g_ascii_isdigit (h[2]) && g_ascii_isdigit (h[3])
      && !g_ascii_isdigit (h[4]))
    {
      int y = atoi (h);

      if (y >= 1990 && y <= 2100)
        {
          h += 4;
          if (g_str_has_prefix (h, "年度"))
            h += strlen ("年度");
          else if (g_str_has_prefix (h, "年"))
            h += strlen ("年");
          if (out_year)
            *out_year = y;
        }
    }
  return h;
}

/* Marks that say how to fill a column, not what it holds. */
static char *
strip_decorations (const char *normalized)
{
  static const char *const notes[] = {
    "(必填)", "(选填)", "(必选)", "(可选)", "(18位)", "(十八位)", "(必填项)", "(非必填)",
    "*", "★", "☆", "※", "▲", "△", "●",
  };
  g_autofree char *s = g_strdup (normalized);
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
        {
          gsize n = strlen (notes[i]);

          if (g_str_has_prefix (s, notes[i]))
            {
              memmove (s, s + n, strlen (s + n) + 1);
              changed = TRUE;
            }
          if (strlen (s) >= n && g_str_has_suffix (s, notes[i]))
            {
              s[strlen (s) - n] = '\0';
              changed = TRUE;
            }
        }
    }
  return g_steal_pointer (&s);
}

/**
 * _sl_import_field_for_header:
 * @out_year: (out) (optional): a year the heading names, or left alone
 *
 * Returns: the field a heading names, or %SL_IMPORT_IGNORE
 */
SlImportField
_sl_import_field_for_header (const char *header,
                             int        *out_year)
{
  g_autofree char *n = normalize_header (header);
  g_autofree char *bare = strip_decorations (n);
  const char *h = strip_year (bare, out_year);

  if (*h == '\0')
    return SL_IMPORT_IGNORE;
  for (int f = SL_IMPORT_NAME; f < SL_IMPORT_N_FIELDS; f++)
    {
      g_auto(GStrv) aliases = g_strsplit (field_aliases[f], "|", -1);

      for (guint i = 0; aliases[i]; i++)
        {
          g_autofree char *a = normalize_header (aliases[i]);
          if (g_str_equal (a, h))
            return (SlImportField) f;
        }
    }
  return SL_IMPORT_IGNORE;
}

static const char *
cell_at (GPtrArray *row,
         guint      c)
{
  return row != NULL && c < row->len ? row->pdata[c] : "";
}

/* A heading of two rows for column @c: the upper row (a group, merged
 * across: its text is in its first column only) and the lower. */
static char *
two_row_heading (GPtrArray *upper,
                 GPtrArray *lower,
                 guint      c)
{
  const char *top = cell_at (upper, c);
  const char *bottom = cell_at (lower, c);

  /* A heading merged down both rows reads the same in each. */
  if (*bottom == '\0' || g_str_equal (top, bottom))
    return g_strdup (top);
  /* A group merged across: its text stands in its first column, and every
   * column it spans has a heading of its own in the lower row. */
  for (guint k = c; *top == '\0' && k > 0; k--)
    {
      if (*cell_at (lower, k - 1) == '\0')
        break;
      top = cell_at (upper, k - 1);
    }
  if (*top == '\0')
    return g_strdup (bottom);
  return g_strconcat (top, " ", bottom, NULL);
}

/**
 * _sl_import_heading_year:
 *
 * Returns: the year a heading begins with ("2024年营业收入（万元）", a
 *   group "2024年度" above it), or 0
 */
int
_sl_import_heading_year (const char *heading)
{
  g_autofree char *n = normalize_header (heading);
  g_autofree char *bare = strip_decorations (n);
  int year = 0;

  strip_year (bare, &year);
  return year;
}

/**
 * _sl_import_field_of_heading:
 *
 * Returns: the field a column's heading names, a heading of two rows
 *   ("2024年 营业收入(万元)", a group above the field) included
 */
SlImportField
_sl_import_field_of_heading (const char *heading)
{
  SlImportField f = _sl_import_field_for_header (heading, NULL);
  const char *space;

  /* "2024年 营业收入(万元)": the group names the year, the lower the field. */
  if (f == SL_IMPORT_IGNORE && (space = strrchr (heading, ' ')) != NULL)
    {
      int year = 0;
      g_autofree char *top = g_strndup (heading, space - heading);
      g_autofree char *n = normalize_header (top);

      strip_year (n, &year);
      if (year != 0 || _sl_import_field_for_header (top, NULL) == SL_IMPORT_IGNORE)
        f = _sl_import_field_for_header (space + 1, NULL);
    }
  return f;
}

/* How many known fields a header names; whether the credit code is one. */
static guint
score_header (GPtrArray *headings,
              gboolean  *out_code)
{
  guint n = 0;
  guint32 seen = 0;

  *out_code = FALSE;
  for (guint c = 0; c < headings->len; c++)
    {
      SlImportField f = _sl_import_field_of_heading (headings->pdata[c]);

      if (f == SL_IMPORT_IGNORE || (seen & (1u << f)))
        continue;
      seen |= 1u << f;
      n++;
      *out_code |= f == SL_IMPORT_CREDIT_CODE;
    }
  return n;
}

/**
 * _sl_import_headings:
 * @header_row: the header's row, 0-based
 * @two_rows: whether the header spans it and the row below
 *
 * Returns: (transfer full) (element-type utf8): the heading of each column
 */
GPtrArray *
_sl_import_headings (GPtrArray *rows,
                     guint      header_row,
                     gboolean   two_rows)
{
  GPtrArray *upper = header_row < rows->len ? rows->pdata[header_row] : NULL;
  GPtrArray *lower = two_rows && header_row + 1 < rows->len ? rows->pdata[header_row + 1] : NULL;
  guint width = MAX (upper ? upper->len : 0, lower ? lower->len : 0);
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < width; c++)
    g_ptr_array_add (headings, lower ? two_row_heading (upper, lower, c) : g_strdup (cell_at (upper, c)));
  return headings;
}

/* Whether the row above @r + 1 names a year for a column the lower row
 * names without one. */
static gboolean
upper_gives_year (GPtrArray *rows,
                  guint      r,
                  GPtrArray *headings)
{
  GPtrArray *lower = rows->pdata[r + 1];

  for (guint c = 0; c < headings->len && c < lower->len; c++)
    if (_sl_import_field_of_heading (headings->pdata[c]) != SL_IMPORT_IGNORE
        && _sl_import_heading_year (headings->pdata[c]) != 0 && _sl_import_heading_year (lower->pdata[c]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * _sl_import_find_header:
 * @out_two_rows: (out): whether the header spans the row found and the next
 *
 * The header is the row, among the first twenty, that names the most known
 * columns, one of them the credit code: a title, a 填报单位 line or blank
 * rows above it are passed over. A header of two rows (a group such as a
 * year above 营业收入 / 研发费用) is taken whole when it names more.
 *
 * Returns: the header's row, 0-based; 0 when no row names the credit code
 */
guint
_sl_import_find_header (GPtrArray *rows,
                        gboolean  *out_two_rows)
{
  guint n = MIN (rows->len, HEADER_SEARCH_ROWS);
  guint best = 0, best_score = 0;
  gboolean best_two = FALSE;
  g_autofree guint *single = g_new0 (guint, n + 1);
  g_autofree gboolean *has_code = g_new0 (gboolean, n + 1);

  for (guint r = 0; r < n; r++)
    {
      g_autoptr(GPtrArray) headings = _sl_import_headings (rows, r, FALSE);
      single[r] = score_header (headings, &has_code[r]);
    }
  for (guint r = 0; r < n; r++)
    {
      if (has_code[r] && single[r] > best_score)
        {
          best = r;
          best_score = single[r];
          best_two = FALSE;
        }
      /* Two rows only where together they name more than either alone:
       * a blank or a title row above the header adds nothing. */
      if (r + 1 < rows->len)
        {
          g_autoptr(GPtrArray) headings = _sl_import_headings (rows, r, TRUE);
          gboolean code = FALSE;
          guint score = score_header (headings, &code);

          /* Or as many as the lower alone, where the upper row gives the
           * figures their year (a 2024年 merged above them). */
          gboolean more = score > single[r] && (score > single[r + 1] || (score == single[r + 1] && upper_gives_year (rows, r, headings)));

          if (code && score > best_score && more)
            {
              best = r;
              best_score = score;
              best_two = TRUE;
            }
        }
    }
  *out_two_rows = best_two;
  return best;
}

static gboolean
starts_with_any (const char        *text,
                 const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    if (g_str_has_prefix (text, words[i]))
      return TRUE;
  return FALSE;
}

/* The row's first cell that says something, spaces and stars taken off. */
static char *
first_text (GPtrArray *row)
{
  for (guint c = 0; c < row->len; c++)
    {
      g_autofree char *n = normalize_header (row->pdata[c]);

      if (*n != '\0')
        return g_steal_pointer (&n);
    }
  return NULL;
}

/**
 * _sl_import_row_kind:
 * @code: (nullable): the row's credit-code cell
 *
 * Rows a roster holds that are no firm: a units row ("万元", "件") or a
 * 示例 row under the header; 合计, 填表人：, 审核人, 备注 and 说明 rows,
 * which hold no credit code.
 *
 * Returns: (nullable): why the row is skipped, or %NULL for a firm's row
 */
const char *
_sl_import_row_kind (GPtrArray  *row,
                     const char *code)
{
  static const char *const sample[] = { "示例", "例:", "例：", "样例", "填写示例", "(示例)", NULL };
  static const char *const footer[] = { "合计", "总计", "小计", "共计", "填表人", "填报人", "审核人", "负责人",
                                        "备注", "说明", "注:", "注：", "注1", "制表", "单位负责人", NULL };
  static const char *const units[] = { "万元", "元", "件", "个", "人", "%", "是/否", "年", "(万元)", "(件)",
                                       "单位", "单位:万元", "yyyy-mm-dd", "(18位)", "18位", "(必填)", NULL };
  g_autofree char *first = first_text (row);
  gboolean all_units = TRUE, any = FALSE;

  if (first == NULL)
    return NULL;
  if (starts_with_any (first, sample))
    return _("an example row");
  for (guint c = 0; c < row->len; c++)
    {
      g_autofree char *n = normalize_header (row->pdata[c]);

      if (*n == '\0')
        continue;
      any = TRUE;
      /* A firm's row is known by its first cell that is no unit. */
      if (!g_strv_contains (units, n))
        {
          all_units = FALSE;
          break;
        }
    }
  if (any && all_units)
    return _("a units row");
  if ((code == NULL || *code == '\0') && starts_with_any (first, footer))
    return _("a total, signature or note row");
  return NULL;
}

/* ---------------------------------------------------------------- tiers */

/* The tier names and a short list of exact aliases. Anything else is
 * refused: 小巨人培育企业 is no 小巨人, 拟申报专精特新 no 专精特新. */
static const struct { const char *alias; const char *key; } tier_aliases[] = {
  { "培育库", "pool" }, { "培育库企业", "pool" }, { "入库企业", "pool" }, { "入库培育企业", "pool" },
  { "创新型", "innovative" }, { "创新型中小企业", "innovative" }, { "创新型企业", "innovative" },
  { "专精特新", "srdi" }, { "专精特新中小企业", "srdi" }, { "专精特新企业", "srdi" },
  { "省级专精特新中小企业", "srdi" }, { "省专精特新中小企业", "srdi" }, { "省级专精特新企业", "srdi" },
  { "小巨人", "little_giant" }, { "小巨人企业", "little_giant" }, { "专精特新小巨人", "little_giant" },
  { "专精特新小巨人企业", "little_giant" }, { "国家级专精特新小巨人企业", "little_giant" },
  { "国家级小巨人", "little_giant" }, { "国家级小巨人企业", "little_giant" },
  { "单项冠军", "champion" }, { "制造业单项冠军", "champion" }, { "单项冠军企业", "champion" },
  { "制造业单项冠军企业", "champion" }, { "单项冠军示范企业", "champion" }, { "制造业单项冠军示范企业", "champion" },
};

/**
 * _sl_import_tier_alias:
 *
 * Returns: (nullable): the tier @text names exactly (quotes and spaces
 *   aside), or %NULL
 */
const char *
_sl_import_tier_alias (const char *text)
{
  GString *s = g_string_new (NULL);
  g_autofree char *bare = NULL;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch) || ch == 0x3000 || strchr ("\"'", (int) ch) || ch == 0x201C || ch == 0x201D
          || ch == 0x2018 || ch == 0x2019 || ch == 0x300C || ch == 0x300D)
        continue;
      g_string_append_unichar (s, ch);
    }
  bare = g_string_free (s, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (tier_aliases); i++)
    if (g_str_equal (bare, tier_aliases[i].alias))
      return tier_aliases[i].key;
  return NULL;
}

/* ---------------------------------------------------------------- cells */

static gboolean
is_blank_char (gunichar ch)
{
  return g_unichar_isspace (ch) || ch == 0x3000 || ch == 0xA0 || ch == 0xFEFF || ch == 0x200B
         || ch == 0x202F || ch == 0x2007 || g_unichar_type (ch) == G_UNICODE_SPACE_SEPARATOR;
}

/**
 * _sl_import_is_blank:
 *
 * Returns: whether @text is empty or only Unicode spaces: a row of them
 *   is a blank row, whichever columns they stand in
 */
gboolean
_sl_import_is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!is_blank_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Every Unicode space off both ends; "" for a cell of spaces. */
static char *
trim (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start && is_blank_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Full-width digits, point, comma, minus and percent as ASCII. */
static char *
half_width (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch >= 0xFF10 && ch <= 0xFF19)
        ch = '0' + (ch - 0xFF10);
      else if (ch == 0xFF0E || ch == 0x3002)
        ch = '.';
      else if (ch == 0xFF0C)
        ch = ',';
      else if (ch == 0xFF0D)
        ch = '-';
      else if (ch == 0xFF05)
        ch = '%';
      else if (ch >= 0xFF21 && ch <= 0xFF3A)
        ch = 'A' + (ch - 0xFF21);
      else if (ch >= 0xFF41 && ch <= 0xFF5A)
        ch = 'a' + (ch - 0xFF41);
      g_string_append_unichar (s, ch);
    }
  return g_string_free (s, FALSE);
}

static gboolean
is_numeric_field (SlImportField f)
{
  return f == SL_IMPORT_REVENUE || f == SL_IMPORT_MAIN_REVENUE || f == SL_IMPORT_RD_EXPENSE
         || f == SL_IMPORT_PATENTS || f == SL_IMPORT_CNC_RATE || f == SL_IMPORT_YEAR;
}

static gboolean
is_yes_no_field (SlImportField f)
{
  return f == SL_IMPORT_DIGITAL_MGMT || f == SL_IMPORT_DIGITAL_RD_TOOLS || f == SL_IMPORT_HIGH_TECH
         || f == SL_IMPORT_TECH_SME;
}

static gboolean
is_date_field (SlImportField f)
{
  return f == SL_IMPORT_CERTIFIED_ON || f == SL_IMPORT_VALID_UNTIL;
}

/* A number a spreadsheet wrote with binary noise (gnumeric's
 * 393.98000000000000001, a formula =x/10000): within 1e-9 of four
 * decimals, it is those four decimals. */
static char *
round_noise (const char *text)
{
  const char *dot = strchr (text, '.');
  char *end = NULL;
  double d;

  if (dot == NULL || strlen (dot + 1) <= 4)
    return g_strdup (text);
  d = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (d))
    return g_strdup (text);
  {
    double r = round (d * 10000) / 10000;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    if (fabs (r - d) > 1e-9)
      return g_strdup (text);
    g_ascii_formatd (buf, sizeof buf, "%.4f", r);
    /* "393.9800" -> "393.98" */
    for (char *p = buf + strlen (buf) - 1; *p == '0'; p--)
      *p = '\0';
    if (buf[strlen (buf) - 1] == '.')
      buf[strlen (buf) - 1] = '\0';
    return g_strdup (buf);
  }
}

/**
 * _sl_import_clean_cell:
 *
 * A cell as the clerk meant it: every Unicode space off its ends; "/",
 * "—" and "无" an empty cell (but 无 a no where the column is yes or no);
 * in numbers and dates, full-width digits as ASCII, the column's own unit
 * after the number dropped ("1520.5万元", "12件"), binary noise rounded;
 * ✓ ✔ √ 有 a yes and ✗ × 无 a no.
 *
 * Returns: (transfer full): the cleaned text, "" for an empty cell
 */
char *
_sl_import_clean_cell (SlImportField  field,
                       const char    *text)
{
  static const char *const empty[] = { "/", "／", "—", "——", "-", "--", "－", "\\", "N/A", "n/a", "NA", "#N/A", NULL };
  g_autofree char *t = trim (text ? text : "");

  if (field == SL_IMPORT_IGNORE || *t == '\0')
    return g_steal_pointer (&t);
  if (g_strv_contains (empty, t) || (g_str_equal (t, "无") && !is_yes_no_field (field)))
    return g_strdup ("");
  if (is_yes_no_field (field))
    {
      static const char *const yes[] = { "✓", "✔", "√", "有", "☑", "是的", NULL };
      static const char *const no[] = { "✗", "✘", "×", "x", "X", "无", "☐", "不是", NULL };

      if (g_strv_contains (yes, t))
        return g_strdup ("是");
      if (g_strv_contains (no, t))
        return g_strdup ("否");
      return g_steal_pointer (&t);
    }
  if (is_numeric_field (field) || is_date_field (field) || field == SL_IMPORT_CREDIT_CODE)
    {
      g_autofree char *h = half_width (t);
      const char *unit = field == SL_IMPORT_PATENTS ? "件" : field == SL_IMPORT_YEAR ? "年"
                         : field == SL_IMPORT_CNC_RATE ? "%" : is_numeric_field (field) ? "万元" : NULL;

      if (unit != NULL && g_str_has_suffix (h, unit) && strlen (h) > strlen (unit))
        {
          h[strlen (h) - strlen (unit)] = '\0';
          g_strchomp (h);
        }
      if (field == SL_IMPORT_YEAR && g_str_has_suffix (h, "年度"))
        h[strlen (h) - strlen ("年度")] = '\0';
      if (is_numeric_field (field))
        return round_noise (h);
      return g_steal_pointer (&h);
    }
  return g_steal_pointer (&t);
}
