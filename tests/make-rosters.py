#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
"""Rosters as counties make them, for the import's tests: each file is
written here part by part (zipfile, no spreadsheet library), so that every
shape is exactly the one a real writer produced:

- title.xlsx: a merged title, a 填报单位 line and a blank row above a header
  that starts at B4 with decorated headings; a units row under it; 合计 and
  填表人 rows at the end.
- two-row.xlsx: a header of two rows, 2024年 merged above 营业收入 / 研发费用
  / 专利, names merged down; a 示例 row; a county merged down its firms.
- hidden.xlsx: a hidden stale first sheet, the roster second, with a hidden
  column of the same heading as a visible one, and a hidden row.
- cells.xlsx: the 1904 date system, an ISO date cell (t="d"), a rate
  formatted 0%, _x000D_ in a text, an empty <v></v>, a formula with its
  cached value, an inline string in bold runs with a phonetic guide, a
  boolean, SharedStrings.xml in another case and the relationships under a
  prefix other than r:.
- tiers.csv: tier names that are not tiers beside exact aliases.
- pool.csv: pool firms listed without a date, and a tier that needs one.
- dirt.csv: Unicode spaces, full-width digits, units after numbers, ✓, "/",
  2023年5月, 20230501, binary noise, a credit code stored as a number.

  tests/make-rosters.py FOLDER   prints the credit codes used, one a line
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def org_check(body):
    """GB 11714's check character of an organisation code's eight."""
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w[i] for i, c in enumerate(body))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(n):
    """A valid unified social credit code (GB 32100) of 东海县, number n."""
    body = "%08d" % (31000000 + n)
    first17 = "91320722" + body + org_check(body)
    total = sum(CHARS.index(c) * WEIGHTS[i] for i, c in enumerate(first17))
    return first17 + CHARS[(31 - total % 31) % 31]


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


class Sheet:
    def __init__(self, name, hidden=False):
        self.name, self.hidden = name, hidden
        self.rows = {}          # row -> {col: (kind, value, style)}
        self.merges = []
        self.hidden_cols = []   # 1-based
        self.hidden_rows = set()

    def put(self, row, col, value, kind="s", style=0):
        self.rows.setdefault(row, {})[col] = (kind, value, style)

    def row(self, row, values, start=0):
        for i, v in enumerate(values):
            if v is not None and v != "":
                self.put(row, start + i, v)

    def xml(self, strings, rel_prefix):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
        if self.hidden_cols:
            out.append("<cols>")
            out.extend('<col min="%d" max="%d" width="0" hidden="1"/>' % (c, c) for c in self.hidden_cols)
            out.append("</cols>")
        out.append("<sheetData>")
        for r in sorted(self.rows):
            out.append('<row r="%d"%s>' % (r, ' hidden="1"' if r in self.hidden_rows else ""))
            for c in sorted(self.rows[r]):
                kind, value, style = self.rows[r][c]
                ref = "%s%d" % (col_name(c), r)
                st = ' s="%d"' % style if style else ""
                if kind == "s":
                    if value not in strings:
                        strings.append(value)
                    out.append('<c r="%s" t="s"%s><v>%d</v></c>' % (ref, st, strings.index(value)))
                elif kind == "d":
                    out.append('<c r="%s" t="d"%s><v>%s</v></c>' % (ref, st, value))
                elif kind == "empty-v":
                    out.append('<c r="%s"%s><v></v></c>' % (ref, st))
                elif kind == "formula":
                    formula, cached = value
                    out.append('<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, st, escape(formula), cached))
                elif kind == "rich":
                    # Runs of an inline string, and a phonetic guide that is not its text.
                    runs, guide = value
                    out.append('<c r="%s" t="inlineStr"%s><is>%s<rPh sb="0" eb="1"><t>%s</t></rPh></is></c>'
                               % (ref, st, "".join('<r><rPr><b/></rPr><t xml:space="preserve">%s</t></r>' % escape(t)
                                                   for t in runs), escape(guide)))
                elif kind == "b":
                    out.append('<c r="%s" t="b"%s><v>%s</v></c>' % (ref, st, value))
                else:
                    out.append('<c r="%s"%s><v>%s</v></c>' % (ref, st, value))
            out.append("</row>")
        out.append("</sheetData>")
        if self.merges:
            out.append('<mergeCells count="%d">' % len(self.merges))
            out.extend('<mergeCell ref="%s"/>' % m for m in self.merges)
            out.append("</mergeCells>")
        out.append("</worksheet>")
        return "".join(out)


def write_workbook(path, sheets, date1904=False, rel_prefix="r", shared_name="sharedStrings.xml"):
    strings = []
    sheet_xml = [s.xml(strings, rel_prefix) for s in sheets]
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    book = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:%s="%s">' % (rel_prefix, ns)]
    # The active tab is the first visible sheet, as Excel saves it.
    active = next(i for i, s in enumerate(sheets) if not s.hidden)
    book.append('<workbookPr%s/><bookViews><workbookView activeTab="%d"/></bookViews><sheets>'
                % (' date1904="1"' if date1904 else "", active))
    for i, s in enumerate(sheets):
        book.append('<sheet name="%s" sheetId="%d"%s %s:id="rId%d"/>'
                    % (escape(s.name), i + 1, ' state="hidden"' if s.hidden else "", rel_prefix, i + 1))
    book.append("</sheets></workbook>")
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i in range(len(sheets)):
        rels.append('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, ns, i + 1))
    n = len(sheets)
    rels.append('<Relationship Id="rId%d" Type="%s/sharedStrings" Target="%s"/>' % (n + 1, ns, shared_name))
    rels.append('<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>' % (n + 2, ns))
    rels.append("</Relationships>")
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
           % (len(strings), len(strings))]
    sst.extend('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings)
    sst.append("</sst>")
    # Style 1: a date (built-in 14); style 2: a percentage (built-in 9).
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
              '<xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        overrides = ['<Override PartName="/xl/workbook.xml" ContentType="%ssheet.main+xml"/>' % ct,
                     '<Override PartName="/xl/%s" ContentType="%ssharedStrings+xml"/>' % (shared_name, ct),
                     '<Override PartName="/xl/styles.xml" ContentType="%sstyles+xml"/>' % ct]
        overrides += ['<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%sworksheet+xml"/>' % (i + 1, ct)
                      for i in range(len(sheets))]
        # What Excel and LibreOffice need to open the file at all.
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % ns)
        z.writestr("xl/workbook.xml", "".join(book))
        z.writestr("xl/_rels/workbook.xml.rels", "".join(rels))
        z.writestr("xl/" + shared_name, "".join(sst))
        z.writestr("xl/styles.xml", styles)
        for i, x in enumerate(sheet_xml):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), x)


def main():
    folder = sys.argv[1]
    codes = [credit_code(i) for i in range(1, 19)]

    s = Sheet("名单")
    s.put(1, 1, "2025年东海县专精特新企业名单")
    s.merges.append("B1:G1")
    s.put(2, 1, "填报单位：东海县工业和信息化局")
    s.row(4, ["序号", "*企业名称", "统一社会信用代码（必填）", "所属县区", "当前梯度", "认定时间", "★联系人"], start=1)
    s.row(5, ["", "", "", "", "", "", ""], start=1)
    s.row(5, ["", "", "（18位）", "", "", "yyyy-mm-dd"], start=1)
    s.row(6, ["1", "东海标题甲有限公司", codes[0], "东海县", "创新型中小企业", "2024-03-15", "王一"], start=1)
    s.row(7, ["2", "东海标题乙有限公司", codes[1], "东海县", "", "", "李二"], start=1)
    s.row(8, ["3", "东海标题丙有限公司", codes[2], "东海县", "专精特新中小企业", "2023", "赵三"], start=1)
    s.row(9, ["合计", "3家"], start=1)
    s.row(10, ["填表人：张三", "", "", "审核人：李四"], start=1)
    write_workbook(os.path.join(folder, "title.xlsx"), [s])

    s = Sheet("Sheet1")
    s.row(1, ["企业名称", "统一社会信用代码", "县区", "2024年"])
    s.merges += ["A1:A2", "B1:B2", "C1:C2", "D1:F1"]
    s.row(2, ["", "", "", "营业收入（万元）", "研发费用（万元）", "专利（件）"])
    s.row(3, ["示例：某某有限公司", "91320700XXXXXXXXXX", "海州区", "1000", "50", "3"])
    s.row(4, ["双行表头甲有限公司", codes[3], "东海县", "1520.5", "80.25", "12"])
    # The county written once, merged down its two firms.
    s.row(5, ["双行表头乙有限公司", codes[4], "", "300", "", "0"])
    s.merges.append("C4:C5")
    write_workbook(os.path.join(folder, "two-row.xlsx"), [s])

    old = Sheet("旧名单", hidden=True)
    old.row(1, ["企业名称", "统一社会信用代码", "所属地区"])
    old.row(2, ["过期的旧公司", codes[5], "灌南县"])
    new = Sheet("名单")
    # A hidden stale 所属地区 in column C beside the visible one in D; a hidden row.
    new.row(1, ["企业名称", "统一社会信用代码", "所属地区", "所属地区"])
    new.row(2, ["隐藏表之后的公司", codes[6], "灌南县", "东海县"])
    new.row(3, ["隐藏行的公司", codes[5], "灌南县", "东海县"])
    new.hidden_cols.append(3)
    new.hidden_rows.add(3)
    write_workbook(os.path.join(folder, "hidden.xlsx"), [old, new])

    s = Sheet("名单")
    s.row(1, ["企业名称", "统一社会信用代码", "所属地区", "当前梯度", "认定日期", "关键工序数控化率(%)",
              "营业收入(万元)", "主营产品", "指标年度", "高新技术企业(是/否)"])
    s.row(2, ["单元格甲有限公司", codes[7], "东海县", "创新型中小企业"])
    # 2024-03-15 in the 1904 system: 43904 days after 1904-01-01.
    s.put(2, 4, "43904", kind="n", style=1)
    s.put(2, 5, "0.55", kind="n", style=2)
    s.put(2, 6, "", kind="empty-v")
    s.row(2, ["阀门_x000D_管件"], start=7)
    s.put(2, 8, "2024", kind="n")
    s.row(3, ["单元格乙有限公司", codes[8], "东海县", "创新型中小企业"])
    s.put(3, 4, "2023-05-01T00:00:00", kind="d", style=1)
    s.put(3, 6, ("1000+520.5", "1520.5"), kind="formula")
    s.put(3, 7, (["阀门", " & 管件"], "ふ"), kind="rich")
    s.put(3, 8, "2024", kind="n")
    s.put(3, 9, "1", kind="b")
    write_workbook(os.path.join(folder, "cells.xlsx"), [s], date1904=True, rel_prefix="rel",
                   shared_name="SharedStrings.xml")

    header = "企业名称,统一社会信用代码,所属地区,当前梯度,认定日期\n"
    with open(os.path.join(folder, "tiers.csv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("梯度甲公司,%s,东海县,小巨人培育企业,2024-01-01\n" % codes[9])
        f.write("梯度乙公司,%s,东海县,拟申报专精特新中小企业,2024-01-01\n" % codes[10])
        f.write("梯度丙公司,%s,东海县,国家级专精特新小巨人企业,2024-07-01\n" % codes[11])

    with open(os.path.join(folder, "dirt.csv"), "w", encoding="utf-8") as f:
        f.write("企业名称,统一社会信用代码,所属地区,当前梯度,认定日期,营业收入(万元),有效授权专利(件),"
                "高新技术企业(是/否),研发费用(万元),指标年度\n")
        f.write("\u3000脏数据甲公司\u00a0,\u00a0%s ,东海县\u3000,创新型中小企业,2023年5月,"
                "１５２０．５万元,/,✓,393.98000000000000001,2024年\n" % codes[12])
        f.write("脏数据乙公司,%s,东海县,创新型中小企业,20230501,—,12件,×,,2024\n" % codes[13])
        f.write("\u3000 \u00a0,,,,,,,,,\u3000,\u00a0\n")
        f.write("脏数据丙公司,9.13207E+17,东海县,,,,,,,\n")
    # A county's pool listed without dates, as most are; one tier that needs a date.
    with open(os.path.join(folder, "pool.csv"), "w", encoding="utf-8") as f:
        f.write("企业名称,统一社会信用代码,所属地区,当前梯度,认定日期\n")
        f.write("入库甲公司,%s,东海县,培育库企业,\n" % codes[14])
        f.write("入库乙公司,%s,东海县,培育库,\n" % codes[15])
        f.write("入库丙公司,%s,东海县,培育库企业,2024-05-01\n" % codes[16])
        f.write("无日期创新型公司,%s,东海县,创新型中小企业,\n" % codes[17])
    for c in codes:
        print(c)


if __name__ == "__main__":
    main()
