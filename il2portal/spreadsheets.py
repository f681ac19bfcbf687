"""Files a scientist opens in a spreadsheet: CSV text with formula injection neutralised.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets
a leading apostrophe (OWASP "CSV injection"); numbers stay numbers; None is an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """RFC 4180 CSV (CRLF line ends) with every cell passed through :func:`spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])
    return out.getvalue()
