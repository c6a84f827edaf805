#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
"""TAP: no two labels of one .ui file that can show together share a
mnemonic, in English or in zh_CN (where the letter is the one the
translation underlines). A notebook's or a stack's pages show one at a
time, and a menu apart from its window: a label clashes with those of its
own page and of what holds it, the tabs among them. test-ui-mnemonics.c
checks the windows as they show, with the labels built in code.
  check-mnemonics.py SRCDIR"""
import ast, glob, os, re, sys
import xml.etree.ElementTree as ET

os.chdir(sys.argv[1])
po = {}
text = open('po/zh_CN.po', encoding='utf-8').read()
for e in text.split('\n\n'):
    ctx = None
    lines = e.split('\n')
    mid = []; mstr = []; cur = None
    for l in lines:
        if l.startswith('msgctxt '): cur = 'c'; ctx = ast.literal_eval(l[8:]); continue
        if l.startswith('msgid '): cur = mid; mid.append(ast.literal_eval(l[6:])); continue
        if l.startswith('msgstr '): cur = mstr; mstr.append(ast.literal_eval(l[7:])); continue
        if l.startswith('"') and isinstance(cur, list): cur.append(ast.literal_eval(l))
    if mid: po[''.join(mid)] = ''.join(mstr)
def letter(s, zh):
    m = re.search(r'_(\w)', s)
    if zh:
        m = re.search(r'\(_(\w)\)', s) or re.search(r'_(\w)', s)
    return m.group(1).lower() if m else None
files = sorted(glob.glob('ui/*.ui'))
PAGED = ('GtkNotebook', 'GtkStack', 'AdwViewStack')

def labels_of(node, scope, out):
    """(scope, text) of each underlined label; a scope is a tuple, and one
    that begins another holds it."""
    if node.tag == 'menu':
        scope = scope + (('menu', node.get('id')),)
    if node.tag in ('property', 'attribute') and node.get('name') == 'label' \
            and node.get('translatable') == 'yes' and node.text and '_' in node.text:
        out.append((scope, node.text))
    paged = node.tag == 'object' and node.get('class') in PAGED
    page = 0
    for c in node:
        inner = scope
        if paged and c.tag == 'child' and c.get('type') != 'tab':
            inner = scope + ((id(node), page),)
            page += 1
        labels_of(c, inner, out)

def holds(a, b):
    return a[:len(b)] == b or b[:len(a)] == a

print('1..%d' % (2 * len(files)))
n = 0
for f in files:
    found = []
    labels_of(ET.parse(f).getroot(), (), found)
    for zh in (False, True):
        clashes = set()
        for i, (sa, la) in enumerate(found):
            ta = po.get(la, la) if zh else la
            for sb, lb in found[i + 1:]:
                tb = po.get(lb, lb) if zh else lb
                k = letter(ta, zh)
                if k and k == letter(tb, zh) and ta != tb and holds(sa, sb):
                    clashes.add('%s: %s, %s' % (k, ta, tb))
        n += 1
        label = '%s has unique mnemonics in %s' % (f, 'zh_CN' if zh else 'English')
        if clashes:
            print('not ok %d %s' % (n, label))
            for c in sorted(clashes):
                print('# ' + c)
        else:
            print('ok %d %s' % (n, label))
