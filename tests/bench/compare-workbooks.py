#!/usr/bin/env python3
# compare-workbooks.py
#
# Copyright 2026 The SRDI Ledger authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Checks that two workbooks hold the same cells: every sheet's cells with
their values and their styles resolved (font, fill, border, alignment,
number format, not the style's index), the rows' heights, the columns'
widths, the merges, the panes and the filter. Used to check that
bench-replay's floor writes what the export wrote (bench-bulletin.sh).

  compare-workbooks.py A.xlsx B.xlsx     exit 0 when the same, else 1
"""

import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
BUILTIN_FORMATS = {0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 14: 'm/d/yy'}


def canon(element):
    """An element and its children as a comparable tuple."""
    if element is None:
        return None
    return (element.tag.replace(NS, ''), tuple(sorted(element.attrib.items())), tuple(canon(c) for c in element))


def styles(z):
    root = ET.fromstring(z.read('xl/styles.xml'))
    codes = dict(BUILTIN_FORMATS)
    for n in root.iter(NS + 'numFmt'):
        codes[int(n.get('numFmtId'))] = n.get('formatCode')
    fonts = [canon(f) for f in root.find(NS + 'fonts')]
    fills = [canon(f) for f in root.find(NS + 'fills')]
    borders = [canon(b) for b in root.find(NS + 'borders')]
    resolved = []
    for xf in root.find(NS + 'cellXfs'):
        resolved.append((codes.get(int(xf.get('numFmtId', 0))), fonts[int(xf.get('fontId', 0))],
                         fills[int(xf.get('fillId', 0))], borders[int(xf.get('borderId', 0))],
                         canon(xf.find(NS + 'alignment'))))
    return resolved


def sheet(z, part, xfs):
    cells, rows, cols, merges, other = {}, {}, [], [], {}
    for _, e in ET.iterparse(z.open(part)):
        tag = e.tag[len(NS):]
        if tag == 'c':
            v = e.find(NS + 'v')
            t = e.find(NS + 'is')
            value = ''.join(x.text or '' for x in t.iter(NS + 't')) if t is not None else (v.text if v is not None else None)
            if e.get('t') is None and value is not None:
                value = float(value)
            cells[e.get('r')] = (e.get('t'), value, xfs[int(e.get('s', 0))])
            e.clear()
        elif tag == 'row':
            if e.get('customHeight'):
                rows[e.get('r')] = float(e.get('ht'))
            e.clear()
        elif tag == 'col':
            cols.append((e.get('min'), e.get('max'), round(float(e.get('width')), 2)))
        elif tag == 'mergeCell':
            merges.append(e.get('ref'))
        elif tag in ('autoFilter', 'pane', 'pageSetup', 'printOptions', 'pageMargins', 'oddHeader', 'oddFooter'):
            other[tag] = (tuple(sorted(e.attrib.items())), e.text)
    return cells, rows, sorted(cols), sorted(merges), other


def book(path):
    z = zipfile.ZipFile(path)
    xfs = styles(z)
    names = re.findall(r'<sheet name="([^"]*)"', z.read('xl/workbook.xml').decode())
    return names, [sheet(z, 'xl/worksheets/sheet%d.xml' % (i + 1), xfs) for i in range(len(names))]


def main():
    a_names, a = book(sys.argv[1])
    b_names, b = book(sys.argv[2])
    differences = 0
    if a_names != b_names:
        print('sheets differ:', a_names, b_names)
        return 1
    for name, sa, sb in zip(a_names, a, b):
        for what, xa, xb in zip(('cells', 'row heights', 'column widths', 'merges', 'page and panes'), sa, sb):
            if xa == xb:
                continue
            differences += 1
            if isinstance(xa, dict):
                keys = [k for k in sorted(set(xa) | set(xb)) if xa.get(k) != xb.get(k)]
                print('%s: %s differ at %d places, first %s: %.160r against %.160r'
                      % (name, what, len(keys), keys[0], xa.get(keys[0]), xb.get(keys[0])))
            else:
                print('%s: %s differ: %.160r against %.160r' % (name, what, xa, xb))
    cells = sum(len(s[0]) for s in a)
    print('%s: %d cells of %d sheets, %s' % (sys.argv[2], cells, len(a_names),
                                            'the same' if differences == 0 else '%d differences' % differences))
    return 1 if differences else 0


if __name__ == '__main__':
    sys.exit(main())
