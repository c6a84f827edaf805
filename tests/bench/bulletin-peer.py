#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# The peer of the bulletin's export: Python XlsxWriter writing the enterprise
# sheet from the same query results (bench-bulletin dump), the same cells
# and types as the floor. Prints the writing time alone.
import sys, time
import xlsxwriter

rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1], encoding='utf-8') if line.strip()]
start = time.monotonic()
# Its default mode, as a script would use it; BULLETIN_PEER_CONSTANT_MEMORY=1
# streams rows as ours and the floor do.
import os
wb = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': os.environ.get('BULLETIN_PEER_CONSTANT_MEMORY') == '1'})
ws = wb.add_worksheet('Enterprises')
num = wb.add_format({'num_format': '#,##0.00'})
for r, cells in enumerate(rows):
    ws.write_number(r + 1, 0, r + 1)
    for c, v in enumerate(cells):
        if v == '':
            continue
        if 5 <= c <= 9:
            ws.write_number(r + 1, c + 1, float(v), num)
        else:
            ws.write_string(r + 1, c + 1, v)
wb.close()
print('peer: %.2f s writing %d rows' % (time.monotonic() - start, len(rows)))
