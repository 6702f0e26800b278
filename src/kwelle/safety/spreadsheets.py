"""Published CSV files are safe to open in a spreadsheet (OWASP's CSV injection rule).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets: it gets a leading ``'``, which makes
it text, and every cell of that file is quoted. A plain number (``-0.3``, ``+1.5``) is no
formula and stays a number; a file with nothing to neutralise is published as it is. The
page's data table shows the cells as the author wrote them.
"""

from __future__ import annotations

import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d+)?|\.\d+)")


def neutralise_cell(cell: str) -> str:
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def neutralise(text: str) -> str:
    """``text`` (CSV) with every cell a spreadsheet could run made inert."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    safe = [[neutralise_cell(cell) for cell in row] for row in rows]
    if safe == rows:
        return text
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(safe)
    return out.getvalue()
