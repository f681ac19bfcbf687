"""Plate-map helpers (pure): well names and dilution series for layouts (DOMAIN.md section 2)."""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def row_name(index: int) -> str:
    return LETTERS[index] if index < 26 else "A" + LETTERS[index - 26]


def well_label(row: int, column: int) -> str:
    """Zero-based (row, column) → "A1"."""
    return f"{row_name(row)}{column + 1}"


def edge_wells(rows: int, columns: int) -> set[str]:
    """The outer ring, flagged for edge effects."""
    return {
        well_label(r, c)
        for r in range(rows)
        for c in range(columns)
        if r in (0, rows - 1) or c in (0, columns - 1)
    }


@dataclass(frozen=True)
class LayoutEntry:
    well: str
    role: str
    group: str
    concentration: float | None = None
    unit: str = ""
    dilution_factor: float = 1.0
    sample: str = ""


def dilution_series(
    *,
    top: float,
    factor: float,
    levels: int,
    start_row: int,
    start_column: int,
    replicates: int = 2,
    direction: str = "down",
    role: str = "standard",
    unit: str = "pg/mL",
    prefix: str = "S",
    sample: str = "",
    include_zero: bool = False,
    rows: int = 8,
    columns: int = 12,
) -> list[LayoutEntry]:
    """A serial dilution from ``top`` by ``factor`` (2 = two-fold) over ``levels`` concentrations.

    ``direction="down"``: levels go down the rows, replicates across the columns starting at
    (start_row, start_column); ``"across"``: levels go across the columns, replicates down the rows.
    ``include_zero`` adds a zero-concentration level (a blank of the curve, not a fit point).
    """
    if top <= 0 or factor <= 1 or levels < 1 or replicates < 1:
        raise ValueError("Top concentration must be > 0, the factor > 1, and levels and replicates ≥ 1.")
    concentrations = [top / factor**i for i in range(levels)] + ([0.0] if include_zero else [])
    entries = []
    for level, conc in enumerate(concentrations):
        for rep in range(replicates):
            r, c = (
                (start_row + level, start_column + rep)
                if direction == "down"
                else (start_row + rep, start_column + level)
            )
            if r >= rows or c >= columns:
                raise ValueError(
                    f"The series does not fit on a {rows}×{columns} plate from {well_label(start_row, start_column)}."
                )
            entries.append(
                LayoutEntry(
                    well=well_label(r, c),
                    role="blank" if conc == 0 and role == "standard" else role,
                    group=f"{prefix}{level + 1}" if conc else f"{prefix}0",
                    concentration=conc if conc else None,
                    unit=unit,
                    sample=sample,
                )
            )
    return entries
