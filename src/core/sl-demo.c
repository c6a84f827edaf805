/* sl-demo.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-credit-code.h"
#include "sl-demo.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Demo histories stop here, so the same N gives the same ledger on any day. */
#define DEMO_CUTOFF "2026-10-31"
#define TIERS_BEGIN_YEAR 2022
#define DEMO_SEED 20230322u

static const char code_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const char *brand_chars[] = {
  "恒", "瑞", "康", "泰", "华", "宏", "鑫", "盛", "丰", "润", "达", "通", "嘉", "豪", "中",
  "海", "港", "云", "天", "正", "联", "科", "信", "宇", "博", "金", "新", "远", "航", "晨",
  "伟", "诚", "德", "和", "安", "昌", "隆", "兴", "凯", "越", "锦", "益", "晶", "源", "汇",
  "力", "普", "威", "捷", "卓", "奥", "亚", "东", "方", "明", "辉", "光", "明", "星", "悦",
};

static const char *generic_trades[] = {
  "机械制造", "精密机械", "电子科技", "智能装备", "自动化设备", "食品", "纺织", "包装材料",
  "电气", "环保科技", "船舶配件", "仪器仪表", "模具", "建材", "光电科技", "新能源科技",
};
static const char *chain_trades[][4] = {
  { "医药", "生物制药", "药业", "医疗器械" },
  { "化工新材料", "精细化工", "新材料科技", "高分子材料" },
  { "碳纤维", "复合材料", "纤维科技", "新材料" },
  { "硅材料", "石英科技", "硅业", "光伏材料" },
};
static const char *generic_products[] = {
  "数控机床零部件", "工业控制模块", "精密轴承", "液压元件", "传感器", "食品添加剂",
  "无纺布", "防腐涂层", "节能电机", "船用阀门", "环保设备", "注塑模具", "LED 光源",
};
static const char *chain_products[][3] = {
  { "抗肿瘤原料药", "注射剂", "医用敷料" },
  { "工程塑料", "电子化学品", "特种树脂" },
  { "碳纤维预浸料", "玻纤复合管", "芳纶制品" },
  { "高纯石英砂", "石英坩埚", "有机硅胶" },
};
static const char *suffixes[] = { "有限公司", "股份有限公司", "科技有限公司" };
static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
};
static const char *given_chars[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "桂", "海", "波", "宁", "建", "红", "云", "峰", "鹏",
};

/* Shares in per mille of the roster, in the plan's jurisdiction order. */
static const int jurisdiction_weights[] = { 200, 80, 150, 170, 120, 100, 80, 60, 30, 10 };
static const char *place_prefixes[] = {
  "连云港", "连云港", "赣榆", "东海", "灌云", "灌南", "连云港", "连云港", "连云港", "连云港"
};

typedef struct
{
  SlStore *store;
  GRand   *rand;
  gint64   first_index;
  gint64   count;
  GArray  *jurisdiction_ids;
  GPtrArray *jurisdiction_codes;
  GArray  *chain_ids;
  GPtrArray *specialists;
  GCancellable *cancellable;
  SlDemoProgress progress;
  gpointer progress_data;
  char    *created_at;
  SlStmt  *ins_enterprise;
  SlStmt  *ins_figures;
  SlStmt  *ins_cert;
  SlStmt  *ins_honour;
} Demo;

static int
pick_weighted (GRand     *rand,
               const int *weights,
               guint      n)
{
  int total = 0;
  int r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return (int) i;
      r -= weights[i];
    }
  return (int) n - 1;
}

static gboolean
chance (GRand *rand,
        double p)
{
  return g_rand_double (rand) < p;
}

static char *
person_name (GRand *rand)
{
  GString *s = g_string_new (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);

  g_string_append (s, given_chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_chars))]);
  if (chance (rand, 0.6))
    g_string_append (s, given_chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_chars))]);
  return g_string_free (s, FALSE);
}

/* A valid code from the firm's index: older firms carry a numeric
 * organisation code, newer ones the "MA…" bodies issued since 2015. */
static char *
credit_code (gint64      index,
             const char *region)
{
  char code[19];
  gint64 n = index;

  memcpy (code, "91", 2);
  memcpy (code + 2, region, 6);
  if (index % 3 == 0)
    {
      code[8] = '7';
      for (int i = 15; i >= 9; i--, n /= 10)
        code[i] = '0' + (char) (n % 10);
    }
  else
    {
      code[8] = 'M';
      code[9] = 'A';
      for (int i = 15; i >= 10; i--, n /= 31)
        code[i] = code_chars[n % 31];
    }
  code[16] = sl_credit_code_org_check_char (code + 8);
  code[17] = sl_credit_code_check_char (code);
  code[18] = '\0';
  return g_strdup (code);
}

static char *
random_date (GRand *rand,
             int    year,
             int    month_from,
             int    month_to)
{
  int m = g_rand_int_range (rand, month_from, month_to + 1);
  int d = g_rand_int_range (rand, 1, g_date_get_days_in_month (m, year) + 1);
  return g_strdup_printf ("%04d-%02d-%02d", year, m, d);
}

static gboolean
step (Demo     *demo,
      SlStmt   *stmt,
      GError  **error)
{
  return _sl_store_step_done (demo->store, stmt, error);
}

static const char *
rule_for (const char *date)
{
  return strcmp (date, "2026-04-01") >= 0 ? "2026-2" : "2022-63";
}

static const char *batch_names[] = { "第一批", "第二批" };

typedef struct
{
  gint64      enterprise_id;
  const char *tier;
  const char *status;
  const char *batch;
  const char *doc_no;
  const char *applied_on;
  const char *certified_on;
  const char *valid_from;
  const char *valid_until;
} CertRow;

static gboolean
insert_cert (Demo          *demo,
             const CertRow *r,
             GError       **error)
{
  SlStmt *s = demo->ins_cert;

  sqlite3_bind_int64 (s, 1, r->enterprise_id);
  _sl_bind_text (s, 2, r->tier);
  _sl_bind_text (s, 3, r->status);
  _sl_bind_text (s, 4, rule_for (r->applied_on ? r->applied_on : r->valid_from));
  _sl_bind_text (s, 5, r->batch);
  _sl_bind_text (s, 6, r->doc_no);
  _sl_bind_text (s, 7, r->applied_on);
  _sl_bind_text (s, 8, r->certified_on);
  _sl_bind_text (s, 9, r->valid_from);
  _sl_bind_text (s, 10, r->valid_until);
  return step (demo, s, error);
}

static const char *
doc_prefix (const char *tier)
{
  if (g_str_equal (tier, "innovative"))
    return "苏工信中小";
  if (g_str_equal (tier, "srdi"))
    return "苏工信中小";
  if (g_str_equal (tier, "little_giant"))
    return "工信厅企业函";
  return "工信部政法";
}

/* One application for @tier filed in @year. Returns TRUE in *granted when
 * the firm holds the tier afterwards; *held_from is the first valid day. */
static gboolean
apply_for (Demo        *demo,
           gint64       id,
           const char  *tier,
           int          year,
           double       pass_rate,
           gboolean    *granted,
           char       **held_from,
           GError     **error)
{
  GRand *rand = demo->rand;
  /* The tiers of the 2022 rules exist from its first day, 2022-08-01. */
  g_autofree char *applied = random_date (rand, year, year == TIERS_BEGIN_YEAR ? 8 : 3, 9);
  g_autofree char *certified = sl_date_add_days (applied, g_rand_int_range (rand, 50, 110));
  g_autofree char *doc_no = g_strdup_printf ("%s〔%d〕%d号", doc_prefix (tier), year, g_rand_int_range (rand, 80, 460));
  g_autofree char *batch = g_strdup_printf ("%d年%s", year, batch_names[g_rand_int_range (rand, 0, 2)]);
  CertRow r = { id, tier, NULL, batch, NULL, applied, NULL, NULL, NULL };

  *granted = FALSE;
  if (strcmp (applied, DEMO_CUTOFF) > 0)
    return TRUE;

  /* Applications too recent to have a result stay open. */
  if (strcmp (certified, DEMO_CUTOFF) > 0)
    {
      g_autofree char *publicised_by = sl_date_add_days (certified, -14);

      r.status = strcmp (publicised_by, DEMO_CUTOFF) <= 0 ? "publicised" : "applying";
      return insert_cert (demo, &r, error);
    }
  if (!chance (rand, pass_rate))
    {
      r.status = "rejected";
      return insert_cert (demo, &r, error);
    }

  {
    g_autofree char *until = sl_date_add_years (certified, 3);
    g_autofree char *final_until = NULL;
    const char *status = "certified";

    /* Due for re-review: most pass and are extended, the rest expire. */
    while (strcmp (until, DEMO_CUTOFF) < 0)
      {
        g_autofree char *renewed_from = NULL;

        if (!chance (rand, 0.8))
          {
            status = "expired";
            break;
          }
        renewed_from = sl_date_add_days (until, 1);
        g_free (until);
        until = sl_date_add_years (renewed_from, 3);
      }
    final_until = g_strdup (until);
    r.status = status;
    r.doc_no = doc_no;
    r.certified_on = certified;
    r.valid_from = certified;
    r.valid_until = final_until;
    if (!insert_cert (demo, &r, error))
      return FALSE;
    *granted = g_str_equal (status, "certified");
    *held_from = g_strdup (certified);
  }
  return TRUE;
}

static gboolean
add_honour (Demo        *demo,
            gint64       id,
            const char  *key,
            int          year,
            GError     **error)
{
  sqlite3_bind_int64 (demo->ins_honour, 1, id);
  _sl_bind_text (demo->ins_honour, 2, key);
  sqlite3_bind_int (demo->ins_honour, 3, year);
  return step (demo, demo->ins_honour, error);
}

/* Place, two brand characters, trade, form: no character twice in a row
 * ("东海东新新能源…") and no trade word twice ("…科技科技有限公司"). */
static char *
firm_name (GRand      *rand,
           const char *place,
           const char *trade)
{
  const char *suffix = suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (suffixes))];
  g_autofree char *last = g_utf8_substring (place, g_utf8_strlen (place, -1) - 1, g_utf8_strlen (place, -1));
  g_autofree char *first = g_utf8_substring (trade, 0, 1);
  const char *a, *b;

  do
    a = brand_chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (brand_chars))];
  while (g_str_equal (a, last) || strstr (place, a) != NULL);
  do
    b = brand_chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (brand_chars))];
  while (g_str_equal (b, a) || g_str_equal (b, first) || strstr (trade, b) != NULL);
  if (g_str_has_suffix (trade, "科技") && g_str_has_prefix (suffix, "科技"))
    suffix = "有限公司";
  return g_strdup_printf ("%s%s%s%s%s", place, a, b, trade, suffix);
}

static gboolean
one_enterprise (Demo     *demo,
                gint64    index,
                GError  **error)
{
  GRand *rand = demo->rand;
  int j = pick_weighted (rand, jurisdiction_weights, MIN (G_N_ELEMENTS (jurisdiction_weights), demo->jurisdiction_ids->len));
  int chain = chance (rand, 0.55) && demo->chain_ids->len > 0
              ? g_rand_int_range (rand, 0, (gint32) MIN (demo->chain_ids->len, 4)) : -1;
  const char *region = g_ptr_array_index (demo->jurisdiction_codes, j);
  const char *trade;
  const char *product;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *contact = person_name (rand);
  g_autofree char *phone = NULL;
  g_autofree char *founded = NULL;
  g_autofree char *pool_from = NULL;
  g_autofree char *held_from = NULL;
  const char *specialist = NULL;
  int founded_year = g_rand_int_range (rand, 1995, 2021);
  int niche = founded_year + g_rand_int_range (rand, 0, 4);
  int top = 0;        /* highest tier reached: 0 pool … 4 champion */
  int pool_year;
  gboolean granted;
  double scale;
  gint64 id;
  SlStmt *s = demo->ins_enterprise;

  if (chain >= 0)
    {
      trade = chain_trades[chain][g_rand_int_range (rand, 0, 4)];
      product = chain_products[chain][g_rand_int_range (rand, 0, 3)];
    }
  else
    {
      trade = generic_trades[g_rand_int_range (rand, 0, G_N_ELEMENTS (generic_trades))];
      product = generic_products[g_rand_int_range (rand, 0, G_N_ELEMENTS (generic_products))];
    }
  name = firm_name (rand, place_prefixes[j], trade);
  /* Zones register with the city's code; some old firms with 新浦区 (320705). */
  if (region == NULL || g_str_equal (region, "320771"))
    region = "320700";
  if (g_str_equal (region, "320706") && founded_year < 2014 && chance (rand, 0.3))
    region = "320705";
  code = credit_code (index, region);
  phone = chance (rand, 0.7)
          ? g_strdup_printf ("1%d%d%08d", g_rand_int_range (rand, 3, 9), g_rand_int_range (rand, 0, 10),
                             g_rand_int_range (rand, 0, 100000000))
          : g_strdup_printf ("0518-%08d", g_rand_int_range (rand, 80000000, 89999999));
  founded = random_date (rand, founded_year, 1, 12);

  _sl_bind_text (s, 1, code);
  _sl_bind_text (s, 2, name);
  sqlite3_bind_int64 (s, 3, g_array_index (demo->jurisdiction_ids, gint64, j));
  if (chain >= 0)
    sqlite3_bind_int64 (s, 4, g_array_index (demo->chain_ids, gint64, chain));
  else
    sqlite3_bind_null (s, 4);
  _sl_bind_text (s, 5, contact);
  _sl_bind_text (s, 6, phone);
  _sl_bind_text (s, 8, product);
  _sl_bind_text (s, 9, founded);
  sqlite3_bind_int (s, 10, niche);
  sqlite3_bind_int (s, 11, chance (rand, 0.45));
  _sl_bind_text (s, 12, demo->created_at);

  /* The tier path decides the firm's size, so that figures fit the tier. */
  pool_year = g_rand_int_range (rand, TIERS_BEGIN_YEAR, 2026);
  if (chance (rand, 0.4))
    {
      top = 1;
      if (chance (rand, 0.3))
        {
          top = 2;
          if (chance (rand, 0.12))
            {
              top = 3;
              if (chance (rand, 0.1))
                top = 4;
            }
        }
    }
  if (top >= 2 && demo->specialists->len > 0)
    specialist = g_ptr_array_index (demo->specialists, g_rand_int_range (rand, 0, demo->specialists->len));
  _sl_bind_text (s, 7, specialist);
  if (!step (demo, s, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_sl_store_get_db (demo->store));

  pool_from = random_date (rand, pool_year, pool_year == TIERS_BEGIN_YEAR ? 8 : 1, 12);
  {
    CertRow pool = { id, "pool", "certified", NULL, NULL, NULL, pool_from, pool_from, NULL };
    if (!insert_cert (demo, &pool, error))
      return FALSE;
  }

  /* Each step up is applied for a year or more after the last one. */
  {
    static const char *tiers[] = { "pool", "innovative", "srdi", "little_giant", "champion" };
    static const double pass[] = { 1.0, 0.85, 0.7, 0.5, 0.4 };
    int year = pool_year;
    int reached = 0;

    for (int t = 1; t <= top; t++)
      {
        year += g_rand_int_range (rand, t == 1 ? 0 : 1, 3);
        year = MAX (year, TIERS_BEGIN_YEAR);
        if (year > 2026)
          break;
        g_clear_pointer (&held_from, g_free);
        if (!apply_for (demo, id, tiers[t], year, pass[t], &granted, &held_from, error))
          return FALSE;
        if (held_from == NULL)
          break;
        reached = t;
        if (held_from != NULL)
          year = MAX (year, atoi (held_from));
        if (!granted)
          break;
      }
    top = reached;
  }

  scale = exp (g_rand_double_range (rand, log (300.0), log (8000.0))) * (1.0 + top * 1.2);
  for (int year = 2023; year <= 2025; year++)
    {
      double growth = pow (1.0 + g_rand_double_range (rand, -0.05, 0.18), year - 2023);
      /* Statements give amounts to the hundred yuan (0.01 万元). */
      gint64 revenue = (gint64) (scale * growth * 100.0) * 100;
      double rd_rate = g_rand_double_range (rand, 0.01, 0.04) + top * 0.012;
      gint64 staff = 20 + (gint64) (scale / 25.0) + g_rand_int_range (rand, 0, 60);
      SlStmt *f = demo->ins_figures;

      sqlite3_bind_int64 (f, 1, id);
      sqlite3_bind_int (f, 2, year);
      sqlite3_bind_int64 (f, 3, revenue);
      sqlite3_bind_int64 (f, 4, (gint64) (revenue * g_rand_double_range (rand, 0.7, 0.99) / 100) * 100);
      sqlite3_bind_int64 (f, 5, (gint64) (revenue * rd_rate / 100) * 100);
      sqlite3_bind_int64 (f, 6, (gint64) (revenue * g_rand_double_range (rand, -0.02, 0.12) / 100) * 100);
      sqlite3_bind_int64 (f, 7, g_rand_int_range (rand, 0, 8) + top * 4);
      sqlite3_bind_int64 (f, 8, staff);
      sqlite3_bind_int64 (f, 9, (gint64) (staff * g_rand_double_range (rand, 0.05, 0.3)));
      sqlite3_bind_double (f, 10, round (g_rand_double_range (rand, 25.0, 65.0) + top * 5.0));
      sqlite3_bind_int (f, 11, chance (rand, 0.45 + top * 0.1));
      sqlite3_bind_int (f, 12, chance (rand, 0.5 + top * 0.1));
      if (!step (demo, f, error))
        return FALSE;
    }

  {
    int since = held_from ? atoi (held_from) : pool_year;
    struct { const char *key; double p; int min_top; } honours[] = {
      { "tech_sme", 0.45, 0 }, { "high_tech", 0.35, 1 }, { "rd_inst_city", 0.35, 1 },
      { "rd_inst_provincial", 0.25, 2 }, { "ip_standard", 0.5, 1 }, { "dii_standard", 0.3, 2 },
      { "star_cloud", 0.1, 1 }, { "smart_workshop", 0.04, 2 }, { "smart_factory", 0.01, 3 },
      { "jiangsu_quality", 0.03, 2 }, { "mayor_quality_award", 0.01, 2 },
      { "listing_reserve", 0.06, 2 }, { "srdi_board", 0.03, 2 }, { "listed", 0.01, 3 },
      { "sme_platform_city", 0.004, 0 }, { "sme_platform_provincial", 0.002, 1 },
    };
    for (guint h = 0; h < G_N_ELEMENTS (honours); h++)
      {
        int year;

        if (top < honours[h].min_top || !chance (rand, honours[h].p))
          continue;
        /* Drawn once: MIN () would draw again for the value it returns. */
        year = since + g_rand_int_range (rand, 0, 3);
        if (!add_honour (demo, id, honours[h].key, MIN (year, atoi (DEMO_CUTOFF)), error))
          return FALSE;
      }
  }
  return TRUE;
}

static gboolean
load_lookups (Demo     *demo,
              GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) j = _sl_store_prepare (demo->store,
    "SELECT id, code FROM jurisdiction WHERE parent_id IS NULL AND retired = 0 ORDER BY position, id", error);
  g_autoptr(SlStmt) c = NULL;

  if (j == NULL)
    return FALSE;
  while (_sl_step_row (j, &step_error))
    {
      gint64 id = sqlite3_column_int64 (j, 0);
      g_array_append_val (demo->jurisdiction_ids, id);
      g_ptr_array_add (demo->jurisdiction_codes, g_strdup (_sl_column_text (j, 1)));
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  if (demo->jurisdiction_ids->len == 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("Demo data needs at least one jurisdiction in the ledger"));
      return FALSE;
    }
  c = _sl_store_prepare (demo->store, "SELECT id FROM industry_chain WHERE retired = 0 ORDER BY position, id", error);
  if (c == NULL)
    return FALSE;
  while (_sl_step_row (c, &step_error))
    {
      gint64 id = sqlite3_column_int64 (c, 0);
      g_array_append_val (demo->chain_ids, id);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
generate_cb (SlStore  *store,
             gpointer  user_data,
             GError  **error)
{
  Demo *demo = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *next = NULL;
  gint64 first_id;

  demo->ins_enterprise = _sl_store_prepare (store,
    "INSERT INTO enterprise (credit_code, name, jurisdiction_id, chain_id, contact, phone, specialist,"
    " main_product, founded_on, niche_since, above_scale, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)", error);
  if (demo->ins_enterprise == NULL)
    return FALSE;
  demo->ins_figures = _sl_store_prepare (store,
    "INSERT INTO annual_figures (enterprise_id, year, revenue, main_revenue, rd_expense, net_profit,"
    " patents_valid, staff, rd_staff, cnc_rate, digital_mgmt, digital_rd_tools)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (demo->ins_figures == NULL)
    return FALSE;
  demo->ins_cert = _sl_store_prepare (store,
    "INSERT INTO certification (enterprise_id, tier_key, status, rule_version, batch, doc_no,"
    " applied_on, certified_on, valid_from, valid_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (demo->ins_cert == NULL)
    return FALSE;
  demo->ins_honour = _sl_store_prepare (store,
    "INSERT OR IGNORE INTO enterprise_honour (enterprise_id, honour_key, year) VALUES (?1, ?2, ?3)", error);
  if (demo->ins_honour == NULL)
    return FALSE;

  {
    g_autoptr(SlStmt) max = _sl_store_prepare (store, "SELECT ifnull (max (id), 0) + 1 FROM enterprise", error);
    if (max == NULL)
      return FALSE;
    sqlite3_step (max);
    first_id = sqlite3_column_int64 (max, 0);
  }

  for (gint64 i = 0; i < demo->count; i++)
    {
      if (!one_enterprise (demo, demo->first_index + i, error))
        return FALSE;
      if ((i & 1023) == 1023)
        {
          if (g_cancellable_set_error_if_cancelled (demo->cancellable, error))
            return FALSE;
          if (demo->progress)
            demo->progress (i + 1, demo->count, demo->progress_data);
        }
    }
  if (demo->progress)
    demo->progress (demo->count, demo->count, demo->progress_data);
  if (!_sl_roster_reindex_from (store, first_id, error))
    return FALSE;

  /* Some checklist progress: the plan's first items were worked on. */
  if (!_sl_store_exec (store,
                       "UPDATE checklist_item SET done_on = '2024-06-30', note = '已完成（演示数据）'"
                       " WHERE metric_key IS NULL AND position % 2 = 0 AND done_on IS NULL"
                       "   AND project_id IN (SELECT id FROM project WHERE kind = 'programme');"
                       "UPDATE checklist_item SET current_value = 1"
                       " WHERE metric_key = 'cluster_count' AND current_value IS NULL;",
                       error))
    return FALSE;

  next = g_strdup_printf ("%" G_GINT64_FORMAT, demo->first_index + demo->count);
  {
    g_autoptr(SlStmt) set = _sl_store_prepare (store,
      "INSERT INTO setting (key, value) VALUES ('demo_next_index', ?1)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
    if (set == NULL)
      return FALSE;
    _sl_bind_text (set, 1, next);
    if (!_sl_store_step_done (store, set, error))
      return FALSE;
  }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "enterprises");
  json_builder_add_int_value (b, demo->count);
  json_builder_set_member_name (b, "first_index");
  json_builder_add_int_value (b, demo->first_index);
  json_builder_end_object (b);
  after = json_builder_get_root (b);
  return sl_store_audit (store, "ledger", 0, "demo", NULL, after, error);
}

/**
 * sl_demo_check_count:
 *
 * Returns: %TRUE when @count demo firms can be made, or %FALSE with an error naming the range
 */
gboolean
sl_demo_check_count (gint64   count,
                     GError **error)
{
  if (count < 1 || count > 10000000)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Demo enterprises: %s is not a number from 1 to 10000000"), text);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_demo_generate:
 * @store: the ledger
 * @count: how many enterprises to add
 * @cancellable: (nullable): cancels the whole batch (nothing is kept)
 * @progress: (nullable): called every 1024 enterprises
 * @user_data: data for @progress
 * @error: return location for an error
 *
 * Adds @count realistic, deterministic demo enterprises — names, valid
 * credit codes, three years of figures, certification histories from 2019
 * to 2026 with rejections, expiries and re-reviews, honours — in one
 * transaction with one audit row. The same count on the same ledger gives
 * the same firms; running it again continues with new ones.
 */
gboolean
sl_demo_generate (SlStore        *store,
                  gint64          count,
                  GCancellable   *cancellable,
                  SlDemoProgress  progress,
                  gpointer        user_data,
                  GError        **error)
{
  g_autofree char *next = NULL;
  g_autoptr(GArray) jids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) jcodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) cids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) specialists = g_ptr_array_new_with_free_func (g_free);
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (SL_IS_STORE (store), FALSE);

  if (!sl_demo_check_count (count, error))
    return FALSE;

  next = sl_store_get_setting (store, "demo_next_index");
  demo.store = store;
  demo.first_index = next ? g_ascii_strtoll (next, NULL, 10) : 1;
  demo.count = count;
  demo.rand = g_rand_new_with_seed (DEMO_SEED + (guint32) demo.first_index);
  demo.jurisdiction_ids = jids;
  demo.jurisdiction_codes = jcodes;
  demo.chain_ids = cids;
  demo.specialists = specialists;
  demo.cancellable = cancellable;
  demo.progress = progress;
  demo.progress_data = user_data;
  demo.created_at = g_strdup (DEMO_CUTOFF "T09:00:00+08");

  /* About one specialist for every two SRDI-tier firms. */
  for (gint64 i = 0; i < MAX (1, count / 40); i++)
    g_ptr_array_add (specialists, person_name (demo.rand));

  /* About a kilobyte of indexes a firm, up to 256 MB: a million firms
   * written through a 2 MB cache spend their time re-reading index pages. */
  ok = load_lookups (&demo, error)
       && _sl_store_write_sized (store, CLAMP (count, 2000, 262144), generate_cb, &demo, error);

  g_rand_free (demo.rand);
  g_free (demo.created_at);
  return ok;
}
