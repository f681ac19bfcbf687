"""Reference data helpers for the pure analysis tests (no Django needed, no conftest needed)."""

from __future__ import annotations

import csv
from pathlib import Path

REFDATA = Path(__file__).resolve().parents[2] / "refdata" / "doseresponse"


def read_refdata(name: str) -> list[dict[str, str]]:
    """Rows of a reference CSV from tests/refdata/doseresponse/ (see tests/refdata/README.md)."""
    with open(REFDATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
