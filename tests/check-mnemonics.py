#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
"""TAP: no two labels of one .ui file share a mnemonic, in English or in
zh_CN (where the letter is the one the translation underlines).
  check-mnemonics.py SRCDIR"""
import ast, glob, os, re, sys

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
print('1..%d' % (2 * len(files)))
n = 0
for f in files:
    src = open(f, encoding='utf-8').read()
    labels = re.findall(r'translatable="yes"[^>]*>([^<]*_[^<]*)<', src)
    for zh in (False, True):
        seen = {}
        for l in labels:
            l = l.replace('&amp;', '&')
            t = po.get(l, l) if zh else l
            k = letter(t, zh)
            if k: seen.setdefault(k, []).append(t)
        d = {k: v for k, v in seen.items() if len(v) > 1 and len(set(v)) > 1}
        n += 1
        label = '%s has unique mnemonics in %s' % (f, 'zh_CN' if zh else 'English')
        if d:
            print('not ok %d %s' % (n, label))
            for k, v in sorted(d.items()):
                print('# %s: %s' % (k, ', '.join(v)))
        else:
            print('ok %d %s' % (n, label))
