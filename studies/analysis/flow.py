"""Flow cytometry of study mice: population statistics tables, IL-2 panel readouts, tests across arms.

Three parts, all pure (no Django); documented in ``docs/science-flow.md``.

1. **Reading** (:func:`read_statistics_table`): the statistics table a FlowJo v10 user exports from the
   Table Editor (CSV or XLSX), one row per sample, one column per ``<population path> | <statistic>``,
   with FlowJo's ``Mean``/``SD`` summary rows at the bottom; or a long table (columns sample, population,
   statistic, value) as FCS Express / Kaluza users and scripts write it. Output: long records
   (sample, population path, statistic, value) with statistic one of ``count``, ``pct_parent``,
   ``pct_total``, ``pct_of:<ancestor path>`` (FlowJo's "Freq. of <ancestor>") or ``median:<channel>``.
   Every refusal is a ``ValueError`` naming the file, the line (CSV) or row (XLSX) and the column.
2. **Readouts** (:class:`Readout`, :func:`compute_readouts`, :func:`missing_populations`): named
   percentages and ratios of two populations per sample, from counts (or, without counts, from % of
   total or chains of % of parent).
3. **Statistics** (:func:`compare_arms`, :func:`correlate_with_response`): Kruskal–Wallis, Dunn vs
   control with Holm (R ``kruskal.test``; ``dunn.test(altp = TRUE)`` / ``FSA::dunnTest``), or Welch t
   on log values vs control with Holm (R ``t.test``); medians and IQR (R ``quantile`` type 7); Spearman
   of the readout against tumour response per mouse (R ``cor.test(method = "spearman")``).
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from scipy import stats

from . import ANALYSIS_VERSION
from ._common import holm, json_float, jsonable
from .exposure import Correlation, spearman

MAX_ROWS = 10_000
MAX_COLUMNS = 2_000
ROOT = ""  # the path of FlowJo's bare "Count" column: all events of the sample
SUMMARY_ROWS = frozenset({"mean", "sd", "median", "cv", "min", "max", "robust sd", "robust cv", "sem"})
PCT_TOLERANCE = 1e-6  # FlowJo writes 100 as 100 or 100.0; allow float noise above 100

# --------------------------------------------------------------------------------------------------
# 1. Reading
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowRecord:
    """One number of the table: ``sample`` (as written, e.g. "M21_tumor_d21.fcs"), ``population`` (the
    normalised path, ``""`` for all events), ``statistic`` and ``value``; ``line`` is where it came from."""

    sample: str
    population: str
    statistic: str
    value: float
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "sample": self.sample,
                "population": self.population,
                "statistic": self.statistic,
                "value": self.value,
                "line": self.line,
            }
        )


@dataclass(frozen=True)
class StatsTable:
    """A read statistics table: its records and what was read and left aside."""

    filename: str
    layout: Literal["wide", "long"]
    records: tuple[FlowRecord, ...]
    samples: tuple[str, ...]
    populations: tuple[str, ...]
    ignored_columns: tuple[tuple[str, str], ...] = ()  # (header, reason): e.g. a Geometric Mean column
    dropped_rows: tuple[str, ...] = ()  # FlowJo's summary rows ("Mean", "SD")

    @property
    def statistics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.statistic for r in self.records))

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "analysis_version": ANALYSIS_VERSION,
                "filename": self.filename,
                "layout": self.layout,
                "samples": list(self.samples),
                "populations": list(self.populations),
                "statistics": list(self.statistics),
                "records": [r.to_dict() for r in self.records],
                "ignored_columns": [{"column": c, "reason": r} for c, r in self.ignored_columns],
                "dropped_rows": list(self.dropped_rows),
            }
        )


def normalise_path(path: str) -> str:
    """``" /Live / CD45+/ CD3+ "`` → ``"Live/CD45+/CD3+"``: gates split at ``/``, spaces around each gate
    stripped, runs of inner white space made one space, no leading or trailing ``/``."""
    parts = [re.sub(r"\s+", " ", p).strip() for p in str(path).strip().strip("/").split("/")]
    if any(not p for p in parts) and parts != [""]:
        raise ValueError(f"empty gate name in population path {path!r}")
    return "/".join(parts)


def path_key(path: str) -> str:
    """The key two paths are matched by: normalised, without any white space, case-insensitive
    (``"CD25+ FoxP3+"`` and ``"cd25+foxp3+"`` are the same gate)."""
    return re.sub(r"\s+", "", normalise_path(path)).casefold()


_PCT_SUFFIX = re.compile(r"\s*\(%\)\s*$")
_FREQ = re.compile(r"^(?:freq\.?|frequency)\s+of\s+(.+)$", re.IGNORECASE)
_MEDIAN = re.compile(r"^median\s*(?:\((.*)\)|:\s*(.*)|\s+(.*))$", re.IGNORECASE | re.DOTALL)


def _channel(text: str) -> str:
    """FlowJo writes a channel as ``Comp-PE-A :: FoxP3`` (parameter :: stain) or just ``PE-A``; kept as
    written, with spaces around ``::`` made single."""
    t = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*::\s*", " :: ", t)


def parse_statistic(text: str, population: str) -> str | None:
    """The statistic code of a FlowJo statistic name, or ``None`` for a statistic not read here.

    ``Count`` → ``count``; ``Freq. of Parent`` (also ``(%)``) → ``pct_parent``; ``Freq. of Total`` →
    ``pct_total``; ``Freq. of Grandparent`` / ``Freq. of <ancestor gate>`` → ``pct_of:<ancestor path>``
    (``pct_parent`` when the ancestor is the parent); ``Median (Comp-PE-A :: FoxP3)`` →
    ``median:Comp-PE-A :: FoxP3``. Long-table spellings: ``% Parent``, ``%Gated``, ``% of parent``,
    ``% Total``, ``Events``, ``#Events``, ``pct_parent``, ``median:<channel>``.
    """
    s = _PCT_SUFFIX.sub("", re.sub(r"\s+", " ", str(text)).strip())
    low = s.casefold()
    if low in {"count", "counts", "events", "#events", "# events", "event count", "number of events", "n"}:
        return "count"
    if low in {"pct_parent", "% parent", "%parent", "% of parent", "%gated", "% gated", "percent of parent"}:
        return "pct_parent"
    if low in {"pct_total", "% total", "%total", "% of total", "percent of total"}:
        return "pct_total"
    if low.startswith("pct_of:"):
        return "pct_of:" + normalise_path(s[7:])
    if low.startswith("median:"):
        return "median:" + _channel(s[7:])
    m = _FREQ.match(s)
    if m:
        target = m.group(1).strip()
        t = target.casefold()
        if t == "parent":
            return "pct_parent"
        if t == "total":
            return "pct_total"
        gates = normalise_path(population).split("/") if population else []
        if t == "grandparent":
            if len(gates) < 2:
                raise ValueError("Freq. of Grandparent of a population without a grandparent")
            return "pct_total" if len(gates) == 2 else _pct_of(gates, len(gates) - 3)
        # "Freq. of Live": the nearest ancestor gate with that name
        for i in range(len(gates) - 2, -1, -1):
            if path_key(gates[i]) == path_key(target):
                return _pct_of(gates, i)
        raise ValueError(
            f"'Freq. of {target}': {target!r} is not an ancestor of {population or 'all events'!r}"
        )
    m = _MEDIAN.match(s)
    if m:
        ch = next(g for g in m.groups() if g is not None)
        if not ch.strip():
            return None
        return "median:" + _channel(ch)
    return None


def _pct_of(gates: list[str], ancestor_index: int) -> str:
    if ancestor_index == len(gates) - 2:
        return "pct_parent"
    return "pct_of:" + "/".join(gates[: ancestor_index + 1])


def _split_header(header: str) -> tuple[str, str] | None:
    """``"Live/CD45+ | Count"`` → ``("Live/CD45+", "Count")``; FlowJo's bare ``"Count"`` (all events)
    → ``("", "Count")``; ``None`` if the header names no statistic."""
    h = str(header).strip()
    if "|" in h:
        pop, _, stat = h.rpartition("|")
        return pop.strip(), stat.strip()
    if h.casefold() in {"count", "count (%)"}:
        return ROOT, h
    return None


# --- raw cells --------------------------------------------------------------------------------------


def _col_name(j: int) -> str:
    """0-based column index → spreadsheet letters (0 → A, 26 → AA)."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


class _Where:
    def __init__(self, filename: str, kind: str, headers: Sequence[str]):
        self.filename, self.kind, self.headers = filename, kind, headers

    def __call__(self, line: int | None = None, col: int | None = None) -> str:
        out = self.filename
        if line is not None:
            out += f", {self.kind} {line}"
        if col is not None:
            head = self.headers[col] if col < len(self.headers) else ""
            out += f", column {_col_name(col)}" + (f" ({head!r})" if str(head).strip() else "")
        return out


def _read_rows(data: bytes, filename: str) -> tuple[list[list[Any]], str, bool]:
    """The table's rows as lists of cells (str, int/float or None), the word for a row ("line" for CSV,
    "row" for XLSX) and whether a decimal comma is used (a ``;``-separated CSV)."""
    if not data or not data.strip():
        raise ValueError(f"{filename}: the file is empty.")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, filename), "row", False
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValueError(
            f"{filename}: an old Excel 97–2003 (.xls) file; export the table from FlowJo as CSV or "
            "save it as .xlsx."
        )
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise ValueError(f"{filename}: not a text (CSV) or XLSX file.")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delim = max([",", ";", "\t"], key=first.count)
    rows: list[list[Any]] = []
    for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delim)):
        if i >= MAX_ROWS + 50:
            raise ValueError(f"{filename}: more than {MAX_ROWS:,} rows.")
        rows.append(row)
    return rows, "line", delim == ";"


def _read_xlsx(data: bytes, filename: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValueError(f"{filename}: not a readable XLSX file ({exc}).") from None
    try:
        ws = wb.worksheets[0]
        rows = []
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            if i >= MAX_ROWS + 50:
                raise ValueError(f"{filename}: more than {MAX_ROWS:,} rows.")
            if len(row) > MAX_COLUMNS + 50 and any(v is not None for v in row[MAX_COLUMNS + 1 :]):
                raise ValueError(f"{filename}: more than {MAX_COLUMNS:,} columns.")
            rows.append(list(row))
        return rows
    finally:
        wb.close()


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_MISSING = {"", "nan", "n/a", "na", "-", "—"}


def _number(cell: Any, decimal_comma: bool, percent: bool) -> float | None | str:
    """A float, ``None`` for an empty cell (or FlowJo's ``NaN`` for a statistic of an empty gate),
    or the cell's text when it is not a number."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, (int, float)):
        return None if math.isnan(float(cell)) else float(cell)
    s = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if s.casefold() in _MISSING:
        return None
    if percent and s.endswith("%"):
        s = s[:-1]
    if decimal_comma:
        s = s.replace(",", ".")
    if not _NUMBER.match(s):
        return str(cell).strip()
    return float(s)


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


SAMPLE_HEADERS = {"", "name", "sample", "sample name", "sample id", "samples", "file", "filename", "file name",
                  "fcs file", "fcs", "$fil", "data set", "dataset", "tube name", "unnamed: 0", "x1"}  # fmt: skip
POPULATION_HEADERS = {"population", "gate", "population path", "path", "gate path", "population name"}
STATISTIC_HEADERS = {"statistic", "stat", "statistic name", "measure"}
VALUE_HEADERS = {"value", "values", "result"}
CHANNEL_HEADERS = {"channel", "parameter"}


def read_statistics_table(data: bytes, filename: str) -> StatsTable:
    """Read a FlowJo table (wide) or a long statistics table, CSV or XLSX; see the module docstring.

    Refused (``ValueError`` naming file, line/row, column): an empty table; no sample column; a cell that
    is not a number; a percentage below 0 or above 100; a negative count; a sample listed twice; a
    population's count below that of one of its child gates; more than 10,000 rows or 2,000 columns.
    """
    rows, kind, decimal_comma = _read_rows(data, filename)
    # the header: the first row with a cell in it
    start = next((i for i, r in enumerate(rows) if any(_cell_text(c) for c in r)), None)
    if start is None:
        raise ValueError(f"{filename}: the table is empty.")
    headers = [_cell_text(c) for c in rows[start]]
    while headers and not headers[-1] and len(headers) > 1:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise ValueError(f"{filename}: {len(headers):,} columns; at most {MAX_COLUMNS:,} are read.")
    body = [(start + 2 + k, r) for k, r in enumerate(rows[start + 1 :])]  # 1-based line numbers
    body = [(ln, r) for ln, r in body if any(_cell_text(c) for c in r)]
    if len(body) > MAX_ROWS:
        raise ValueError(f"{filename}: {len(body):,} rows; at most {MAX_ROWS:,} are read.")
    where = _Where(filename, kind, headers)
    low = [h.casefold() for h in headers]
    if any(h in POPULATION_HEADERS for h in low) and any(h in STATISTIC_HEADERS for h in low):
        records, ignored, dropped = _read_long(body, headers, where, decimal_comma)
        layout: Literal["wide", "long"] = "long"
    else:
        records, ignored, dropped = _read_wide(body, headers, where, decimal_comma, start + 1)
        layout = "wide"
    if not records:
        raise ValueError(f"{filename}: the table is empty (no sample has a number in a statistic column).")
    _check_counts(records, where, headers if layout == "wide" else None)
    samples = tuple(dict.fromkeys(r.sample for r in records))
    populations = tuple(dict.fromkeys(r.population for r in records))
    return StatsTable(
        filename=filename,
        layout=layout,
        records=tuple(records),
        samples=samples,
        populations=populations,
        ignored_columns=tuple(ignored),
        dropped_rows=tuple(dropped),
    )


def _check_value(stat: str, value: float, where: str) -> None:
    if stat.startswith("pct"):
        if value < 0 or value > 100 + PCT_TOLERANCE:
            raise ValueError(f"{where}: a percentage of {value:g} (it must be between 0 and 100).")
    elif stat == "count" and value < 0:
        raise ValueError(f"{where}: a negative count ({value:g}).")


def _read_wide(
    body: list[tuple[int, list[Any]]],
    headers: list[str],
    where: _Where,
    decimal_comma: bool,
    header_line: int,
) -> tuple[list[FlowRecord], list[tuple[str, str]], list[str]]:
    if _split_header(headers[0]) is not None:
        raise ValueError(
            f"{where(header_line, 0)}: no sample column: the first column must hold the sample (FCS file) "
            "names, as FlowJo's table export writes them (an empty header, 'Name' or 'Sample')."
        )
    columns: list[tuple[int, str, str]] = []  # (index, population, statistic)
    ignored: list[tuple[str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for j, h in enumerate(headers[1:], start=1):
        if not h:
            continue
        split = _split_header(h)
        if split is None:
            ignored.append((h, "not a '<population> | <statistic>' column"))
            continue
        try:
            pop = normalise_path(split[0])
            stat = parse_statistic(split[1], pop)
        except ValueError as exc:
            raise ValueError(f"{where(header_line, j)}: {exc}.") from None
        if stat is None:
            ignored.append(
                (h, f"statistic '{split[1]}' is not read (count, % of parent, % of total, median)")
            )
            continue
        if (pop, stat) in seen:
            raise ValueError(
                f"{where(header_line, j)}: the same population and statistic as column "
                f"{_col_name(seen[(pop, stat)])}."
            )
        seen[(pop, stat)] = j
        columns.append((j, pop, stat))
    if not columns:
        raise ValueError(
            f"{where()}: no statistic column: headers must read '<population path> | <statistic>', e.g. "
            "'Live/CD45+/CD3+/CD8+ | Count' (FlowJo Table Editor), or the table must have the columns "
            "sample, population, statistic, value."
        )
    # FlowJo's summary rows come last: drop the trailing block of Mean/SD/... rows
    end = len(body)
    dropped: list[str] = []
    while end and _cell_text(body[end - 1][1][0] if body[end - 1][1] else "").casefold() in SUMMARY_ROWS:
        end -= 1
        dropped.insert(0, _cell_text(body[end][1][0]))
    records: list[FlowRecord] = []
    sample_line: dict[str, int] = {}
    for line, row in body[:end]:
        sample = _cell_text(row[0]) if row else ""
        if not sample:
            raise ValueError(f"{where(line, 0)}: a row without a sample name.")
        if sample in sample_line:
            raise ValueError(f"{where(line, 0)}: sample {sample!r} is listed twice (also on {where.kind} "
                             f"{sample_line[sample]}).")  # fmt: skip
        sample_line[sample] = line
        for j, pop, stat in columns:
            cell = row[j] if j < len(row) else None
            v = _number(cell, decimal_comma, stat.startswith("pct"))
            if v is None:
                continue
            if isinstance(v, str):
                raise ValueError(f"{where(line, j)}: {v!r} is not a number.")
            _check_value(stat, v, where(line, j))
            records.append(FlowRecord(sample, pop, stat, v, line))
    return records, ignored, dropped


def _read_long(
    body: list[tuple[int, list[Any]]], headers: list[str], where: _Where, decimal_comma: bool
) -> tuple[list[FlowRecord], list[tuple[str, str]], list[str]]:
    low = [h.casefold() for h in headers]

    def find(names: set[str]) -> int | None:
        return next((j for j, h in enumerate(low) if h in names), None)

    cs, cp, ct, cv, cc = (
        find(SAMPLE_HEADERS - {""}),
        find(POPULATION_HEADERS),
        find(STATISTIC_HEADERS),
        find(VALUE_HEADERS),
        find(CHANNEL_HEADERS),
    )
    if cs is None:
        raise ValueError(f"{where(1)}: no sample column (expected a column 'sample', 'name' or 'file').")
    if cv is None:
        raise ValueError(f"{where(1)}: no value column (expected a column 'value').")
    records: list[FlowRecord] = []
    first_seen: dict[tuple[str, str, str], int] = {}
    for line, row in body:

        def cell(j: int | None, row: list[Any] = row) -> Any:
            return row[j] if j is not None and j < len(row) else None

        sample = _cell_text(cell(cs))
        if not sample:
            raise ValueError(f"{where(line, cs)}: a row without a sample name.")
        try:
            pop = normalise_path(_cell_text(cell(cp)))
        except ValueError as exc:
            raise ValueError(f"{where(line, cp)}: {exc}.") from None
        stat_text = _cell_text(cell(ct))
        channel = _cell_text(cell(cc)) if cc is not None else ""
        if stat_text.casefold() == "median" and channel:
            stat_text = f"median:{channel}"
        try:
            stat = parse_statistic(stat_text, pop)
        except ValueError as exc:
            raise ValueError(f"{where(line, ct)}: {exc}.") from None
        if stat is None:
            raise ValueError(
                f"{where(line, ct)}: statistic {stat_text!r} is not read (count, % of parent, % of total, "
                "median <channel>)."
            )
        key = (sample, pop, stat)
        if key in first_seen:
            raise ValueError(
                f"{where(line, cs)}: sample {sample!r} has {stat} of {pop or 'all events'!r} twice (also on "
                f"{where.kind} {first_seen[key]})."
            )
        first_seen[key] = line
        v = _number(cell(cv), decimal_comma, stat.startswith("pct"))
        if v is None:
            continue
        if isinstance(v, str):
            raise ValueError(f"{where(line, cv)}: {v!r} is not a number.")
        _check_value(stat, v, where(line, cv))
        records.append(FlowRecord(sample, pop, stat, v, line))
    return records, [], []


def _parent(path: str) -> str | None:
    if path == ROOT:
        return None
    return path.rpartition("/")[0]


def _check_counts(records: list[FlowRecord], where: _Where, wide_headers: list[str] | None) -> None:
    """A gate's events are a subset of its parent's: a count below a child gate's count is refused."""
    counts: dict[tuple[str, str], FlowRecord] = {
        (r.sample, path_key(r.population)): r for r in records if r.statistic == "count"
    }
    col_of: dict[str, int] = {}
    if wide_headers is not None:
        for j, h in enumerate(wide_headers):
            sp = _split_header(h)
            if sp and sp[1].casefold().startswith("count"):
                try:
                    col_of[path_key(sp[0])] = j
                except ValueError:
                    pass
    for (sample, _key), child in counts.items():
        parent_path = _parent(child.population)
        if parent_path is None:
            continue
        parent = counts.get((sample, path_key(parent_path)))
        if parent is not None and parent.value < child.value:
            if wide_headers is not None:  # one row per sample: point at the parent's count column
                col = col_of.get(path_key(parent.population))
                loc = where(parent.line, col) if col is not None else where(parent.line)
            else:  # one row per number: point at the child's row
                loc = where(child.line)
            raise ValueError(
                f"{loc}: sample {sample!r}: the count of {parent.population or 'all events'!r} "
                f"({parent.value:g}) is below that of its child gate {child.population!r} ({child.value:g})."
            )


# --------------------------------------------------------------------------------------------------
# 2. Readouts
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readout:
    """A named readout of two populations: ``percent_of`` = numerator / denominator · 100 (events of the
    numerator gate among the denominator's), ``ratio`` = numerator / denominator (e.g. CD8/Treg)."""

    name: str
    kind: Literal["percent_of", "ratio"]
    numerator: str
    denominator: str

    def __post_init__(self) -> None:
        if self.kind not in ("percent_of", "ratio"):
            raise ValueError(
                f"readout {self.name!r}: kind must be 'percent_of' or 'ratio', not {self.kind!r}"
            )
        object.__setattr__(self, "numerator", normalise_path(self.numerator))
        object.__setattr__(self, "denominator", normalise_path(self.denominator))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


CD45 = "Live/CD45+"
CD8 = "Live/CD45+/CD3+/CD8+"
CD4 = "Live/CD45+/CD3+/CD4+"
TREG = "Live/CD45+/CD3+/CD4+/CD25+FoxP3+"
NK = "Live/CD45+/CD3-/NK1.1+"
KI67_CD8 = "Live/CD45+/CD3+/CD8+/Ki-67+"

IL2_PANEL: tuple[Readout, ...] = (
    Readout("CD8⁺ % of CD45⁺", "percent_of", CD8, CD45),
    Readout("Treg % of CD4⁺", "percent_of", TREG, CD4),
    Readout("CD8/Treg ratio", "ratio", CD8, TREG),
    Readout("NK % of CD45⁺", "percent_of", NK, CD45),
    Readout("Ki-67⁺ % of CD8⁺", "percent_of", KI67_CD8, CD8),
)


@dataclass(frozen=True)
class ReadoutValue:
    """One readout of one sample: the value (``None`` with a ``reason`` when it cannot be computed) and
    the statistics it came from (``count``, ``pct_total`` or ``pct_parent``)."""

    sample: str
    readout: str
    value: float | None
    source: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "sample": self.sample,
                "readout": self.readout,
                "value": self.value,
                "source": self.source,
                "reason": self.reason,
            }
        )


@dataclass(frozen=True)
class ReadoutTable:
    readouts: tuple[Readout, ...]
    values: tuple[ReadoutValue, ...]

    def by_sample(self) -> dict[str, dict[str, float | None]]:
        out: dict[str, dict[str, float | None]] = {}
        for v in self.values:
            out.setdefault(v.sample, {})[v.readout] = v.value
        return out

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "analysis_version": ANALYSIS_VERSION,
                "readouts": [r.to_dict() for r in self.readouts],
                "values": [v.to_dict() for v in self.values],
            }
        )


@dataclass(frozen=True)
class MissingPopulation:
    """A readout population the table lacks (``candidates`` empty), or names ambiguously (several
    populations end with its path)."""

    path: str
    readouts: tuple[str, ...]
    candidates: tuple[str, ...] = ()

    def __str__(self) -> str:
        used = ", ".join(self.readouts)
        if self.candidates:
            return f"{self.path} (for {used}) matches several populations: {', '.join(self.candidates)}"
        return f"{self.path} (for {used})"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "readouts": list(self.readouts), "candidates": list(self.candidates)}


def _resolve(path: str, populations: Iterable[str]) -> tuple[str | None, tuple[str, ...]]:
    """The table's population for a readout path: the same path (by :func:`path_key`), else the only
    population whose path ends with it at a gate boundary (the table may carry gates above Live, e.g.
    ``Time/Singlets/Live/CD45+``). Returns (population or None, the ambiguous candidates)."""
    key = path_key(path)
    pops = list(dict.fromkeys(populations))
    exact = [p for p in pops if path_key(p) == key]
    if exact:
        return exact[0], ()
    tail = [p for p in pops if path_key(p).endswith("/" + key)]
    if len(tail) == 1:
        return tail[0], ()
    return None, tuple(tail)


def _gates(populations: Iterable[str]) -> list[str]:
    """The table's populations and the gates above them (a table of % of parent need not carry a number
    for Live/CD45+ itself to have it as the gate its children are a fraction of)."""
    out: dict[str, None] = {}
    for p in populations:
        gates = p.split("/") if p else []
        for i in range(1, len(gates) + 1):
            out.setdefault("/".join(gates[:i]), None)
    return list(out)


def missing_populations(
    records: Iterable[FlowRecord], readouts: Sequence[Readout]
) -> tuple[MissingPopulation, ...]:
    """The readouts' populations (numerators and denominators) the table does not have, in panel order."""
    pops = _gates([r.population for r in records])
    needed: dict[str, list[str]] = {}
    for ro in readouts:
        for p in (ro.numerator, ro.denominator):
            needed.setdefault(p, [])
            if ro.name not in needed[p]:
                needed[p].append(ro.name)
    out = []
    for p, names in needed.items():
        found, candidates = _resolve(p, pops)
        if found is None:
            out.append(MissingPopulation(p, tuple(names), candidates))
    return tuple(out)


class _Sample:
    """One sample's statistics by population key."""

    def __init__(self, recs: list[FlowRecord]):
        self.stats: dict[tuple[str, str], float] = {
            (path_key(r.population), r.statistic): r.value for r in recs
        }
        self.paths = {path_key(r.population): r.population for r in recs}

    def get(self, path: str, stat: str) -> float | None:
        return self.stats.get((path_key(path), stat))

    def fraction_of_ancestor(self, path: str, ancestor: str) -> float | None:
        """Events of ``path`` as a fraction of ``ancestor``'s (an ancestor or itself), by the product of
        % of parent down the gates."""
        if path_key(path) == path_key(ancestor):
            return 1.0
        gates = path.split("/")
        depth = len(ancestor.split("/")) if ancestor else 0
        frac = 1.0
        for i in range(depth + 1, len(gates) + 1):
            p = self.get("/".join(gates[:i]), "pct_parent")
            if p is None:
                return None
            frac *= p / 100.0
        return frac


def _common_ancestor(a: str, b: str) -> str:
    ga, gb = a.split("/"), b.split("/")
    common = []
    for x, y in zip(ga, gb, strict=False):
        if path_key(x) != path_key(y):
            break
        common.append(x)
    return "/".join(common)


def _amounts(s: _Sample, num: str, den: str) -> tuple[float, float, str] | None:
    """(numerator, denominator, source) in the same unit: counts; else % of total; else the fractions
    of the two populations within their deepest common gate, from % of parent."""
    cn, cd = s.get(num, "count"), s.get(den, "count")
    if cn is not None and cd is not None:
        return cn, cd, "count"
    tn, td = s.get(num, "pct_total"), s.get(den, "pct_total")
    if tn is not None and td is not None:
        return tn, td, "pct_total"
    anc = _common_ancestor(num, den)
    fn, fd = s.fraction_of_ancestor(num, anc), s.fraction_of_ancestor(den, anc)
    if fn is not None and fd is not None:
        return fn, fd, "pct_parent"
    return None


def compute_readouts(records: Iterable[FlowRecord], readouts: Sequence[Readout] = IL2_PANEL) -> ReadoutTable:
    """Every readout for every sample, in sample order then panel order.

    From counts when both populations have one; else from % of total of both; else from % of parent:
    the product of % of parent down the gates from the two populations' deepest common gate (for
    CD8/Treg: Live/CD45+/CD3+ → CD8+, and → CD4+ → CD25+FoxP3+). A denominator of 0 gives ``None`` with
    the reason; so does a population the table lacks, or one without count or percentages.
    """
    recs = list(records)
    by_sample: dict[str, list[FlowRecord]] = {}
    for r in recs:
        by_sample.setdefault(r.sample, []).append(r)
    all_pops = _gates([r.population for r in recs])
    resolved = {}
    for ro in readouts:
        for p in (ro.numerator, ro.denominator):
            if p not in resolved:
                resolved[p] = _resolve(p, all_pops)
    values: list[ReadoutValue] = []
    for sample, srecs in by_sample.items():
        s = _Sample(srecs)
        for ro in readouts:
            (num, amb_n), (den, amb_d) = resolved[ro.numerator], resolved[ro.denominator]
            if num is None or den is None:
                lacking = [
                    f"{p} ({'ambiguous' if amb else 'not in the table'})"
                    for p, q, amb in ((ro.numerator, num, amb_n), (ro.denominator, den, amb_d))
                    if q is None
                ]
                values.append(
                    ReadoutValue(sample, ro.name, None, None, "population missing: " + "; ".join(lacking))
                )
                continue
            amounts = _amounts(s, num, den)
            if amounts is None:
                values.append(
                    ReadoutValue(sample, ro.name, None, None, f"no count or % of parent for {num} and {den}")
                )
                continue
            n, d, source = amounts
            if d == 0:
                values.append(ReadoutValue(sample, ro.name, None, source, f"denominator {den} is 0"))
                continue
            v = n / d * (100.0 if ro.kind == "percent_of" else 1.0)
            values.append(ReadoutValue(sample, ro.name, v, source))
    return ReadoutTable(readouts=tuple(readouts), values=tuple(values))


# --------------------------------------------------------------------------------------------------
# 3. Statistics across arms
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MouseValue:
    """One mouse's readout value in one arm (``None``: not measured, left out and listed)."""

    animal_id: Hashable
    arm_id: Hashable
    arm_name: str
    value: float | None


@dataclass(frozen=True)
class ArmSummary:
    arm_id: Hashable
    arm_name: str
    n: int
    median: float | None
    q1: float | None
    q3: float | None
    values: tuple[float, ...]
    mean_rank: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "arm_id": self.arm_id,
                "arm_name": self.arm_name,
                "n": self.n,
                "median": self.median,
                "q1": self.q1,
                "q3": self.q3,
                "mean_rank": self.mean_rank,
                "values": list(self.values),
            }
        )


@dataclass(frozen=True)
class VsControl:
    """One arm against the control: Dunn's z or Welch's t (with df), the raw and Holm-adjusted two-sided
    p, and for Welch the ratio of geometric means (arm / control) with its 95 % CI."""

    arm_id: Hashable
    arm_name: str
    statistic: float | None
    df: float | None
    p: float | None
    p_holm: float | None
    ratio: float | None = None
    ratio_ci: tuple[float, float] | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "arm_id": self.arm_id,
                "arm_name": self.arm_name,
                "statistic": self.statistic,
                "df": self.df,
                "p": self.p,
                "p_holm": self.p_holm,
                "ratio": self.ratio,
                "ratio_ci": list(self.ratio_ci) if self.ratio_ci else None,
                "flags": list(self.flags),
            }
        )


@dataclass(frozen=True)
class ArmComparison:
    readout: str
    method: Literal["kruskal_dunn", "welch_log"]
    control_arm_id: Hashable
    arms: tuple[ArmSummary, ...]
    omnibus: dict[str, float | None] | None  # Kruskal–Wallis: {"h", "df", "p"}; None for Welch
    vs_control: tuple[VsControl, ...]
    excluded: tuple[tuple[Hashable, str], ...] = ()
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "analysis_version": ANALYSIS_VERSION,
                "readout": self.readout,
                "method": self.method,
                "method_text": METHOD_TEXT[self.method],
                "control_arm_id": self.control_arm_id,
                "arms": [a.to_dict() for a in self.arms],
                "omnibus": self.omnibus,
                "vs_control": [c.to_dict() for c in self.vs_control],
                "excluded": [{"animal_id": a, "reason": r} for a, r in self.excluded],
                "flags": list(self.flags),
            }
        )


METHOD_TEXT = {
    "kruskal_dunn": "Kruskal–Wallis across arms, then Dunn's test of each arm vs control, Holm-adjusted",
    "welch_log": "Welch t-test of log values of each arm vs control, Holm-adjusted",
}


def quantile7(values: Sequence[float], q: float) -> float:
    """R ``quantile(x, q, type = 7)``: linear interpolation between order statistics at (n − 1)·q."""
    return float(np.quantile(np.asarray(values, dtype=float), q, method="linear"))


def dunn_vs(
    ranks_a: np.ndarray, ranks_b: np.ndarray, n_total: int, tie_sum: float
) -> tuple[float | None, float | None]:
    """Dunn (1964) z of two arms' mean ranks (ranks over all arms) with the tie correction:
    z = (R̄_a − R̄_b) / sqrt((N(N+1)/12 − Σ(t³ − t)/(12(N − 1))) · (1/n_a + 1/n_b)); two-sided p."""
    var = n_total * (n_total + 1) / 12.0 - tie_sum / (12.0 * (n_total - 1))
    se = math.sqrt(var * (1.0 / ranks_a.size + 1.0 / ranks_b.size)) if var > 0 else 0.0
    if se == 0:
        return None, None
    z = (ranks_a.mean() - ranks_b.mean()) / se
    return float(z), float(2 * stats.norm.sf(abs(z)))


def compare_arms(
    mice: Sequence[MouseValue],
    control_arm_id: Hashable,
    *,
    readout: str = "",
    method: Literal["kruskal_dunn", "welch_log"] = "kruskal_dunn",
) -> ArmComparison:
    """One readout across arms: per-arm n, median and IQR, then Kruskal–Wallis and Dunn vs control (Holm
    over the arms compared with the control), or Welch t-tests of log values vs control (Holm).

    Mice without a value are left out and listed; for ``welch_log`` so are values ≤ 0 (no logarithm).
    Refused: an unknown method, a control arm without mice, fewer than two arms, an animal listed twice.
    """
    if method not in METHOD_TEXT:
        raise ValueError(f"method must be one of {', '.join(METHOD_TEXT)}, not {method!r}")
    ids = [m.animal_id for m in mice]
    dup = sorted({str(i) for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"Animal(s) listed twice: {', '.join(dup)}.")
    excluded: list[tuple[Hashable, str]] = []
    names: dict[Hashable, str] = {}
    vals: dict[Hashable, list[float]] = {}
    for m in mice:
        names.setdefault(m.arm_id, m.arm_name)
        v = json_float(m.value)
        if v is None:
            excluded.append((m.animal_id, "no value"))
            continue
        if method == "welch_log" and v <= 0:
            excluded.append((m.animal_id, "value ≤ 0 has no logarithm"))
            continue
        vals.setdefault(m.arm_id, []).append(v)
    arm_ids = [a for a in names if vals.get(a)]
    if control_arm_id not in arm_ids:
        raise ValueError(f"The control arm {control_arm_id!r} has no mouse with a value.")
    if len(arm_ids) < 2:
        raise ValueError("A comparison across arms needs at least two arms with values.")
    flags: list[str] = []
    omnibus = None
    mean_ranks: dict[Hashable, float] = {}
    vs: list[VsControl] = []
    others = [a for a in arm_ids if a != control_arm_id]
    if method == "kruskal_dunn":
        pooled = np.concatenate([np.asarray(vals[a]) for a in arm_ids])
        ranks = stats.rankdata(pooled)
        n_total = pooled.size
        _, tie_counts = np.unique(pooled, return_counts=True)
        tie_sum = float(np.sum(tie_counts.astype(float) ** 3 - tie_counts))
        arm_ranks, k = {}, 0
        for a in arm_ids:
            arm_ranks[a] = ranks[k : k + len(vals[a])]
            mean_ranks[a] = float(arm_ranks[a].mean())
            k += len(vals[a])
        if np.all(pooled == pooled[0]):
            flags.append("all_values_equal")
            omnibus = {"h": None, "df": len(arm_ids) - 1, "p": None}
        else:
            kw = stats.kruskal(*[vals[a] for a in arm_ids])
            omnibus = {"h": float(kw.statistic), "df": len(arm_ids) - 1, "p": float(kw.pvalue)}
        raw = [dunn_vs(arm_ranks[a], arm_ranks[control_arm_id], n_total, tie_sum) for a in others]
        adj = holm([p for _, p in raw])
        for a, (z, p), pa in zip(others, raw, adj, strict=True):
            vs.append(VsControl(a, names[a], z, None, p, pa))
    else:
        lc = np.log(vals[control_arm_id])
        tests: list[dict[str, Any]] = []
        for a in others:
            la = np.log(vals[a])
            t: dict[str, Any] = {"arm_id": a, "arm_name": names[a], "statistic": None, "df": None, "p": None}
            t["ratio"] = float(np.exp(la.mean() - lc.mean()))
            if la.size < 2 or lc.size < 2:
                t["flags"] = ("fewer_than_two_mice",)
            elif np.var(la) == 0 and np.var(lc) == 0:
                t["flags"] = ("no_variance",)
            else:
                res = stats.ttest_ind(la, lc, equal_var=False)
                ci = res.confidence_interval(0.95)
                t.update(statistic=float(res.statistic), df=float(res.df), p=float(res.pvalue))
                t["ratio_ci"] = (float(np.exp(ci.low)), float(np.exp(ci.high)))
            tests.append(t)
        for t, pa in zip(tests, holm([t["p"] for t in tests]), strict=True):
            vs.append(VsControl(p_holm=pa, **t))
    arms = []
    for a in names:
        v = vals.get(a, [])
        arms.append(
            ArmSummary(
                arm_id=a,
                arm_name=names[a],
                n=len(v),
                median=float(np.median(v)) if v else None,
                q1=quantile7(v, 0.25) if v else None,
                q3=quantile7(v, 0.75) if v else None,
                values=tuple(v),
                mean_rank=mean_ranks.get(a),
            )
        )
    return ArmComparison(
        readout=readout,
        method=method,
        control_arm_id=control_arm_id,
        arms=tuple(arms),
        omnibus=omnibus,
        vs_control=tuple(vs),
        excluded=tuple(excluded),
        flags=tuple(flags),
    )


@dataclass(frozen=True)
class ReadoutResponse:
    """Spearman's ρ of a readout against tumour response over the mice that have both."""

    readout: str
    response_metric: str
    correlation: Correlation
    points: tuple[tuple[Hashable, float, float], ...]
    excluded: tuple[tuple[Hashable, str], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "analysis_version": ANALYSIS_VERSION,
                "readout": self.readout,
                "response_metric": self.response_metric,
                "method": "spearman",
                "correlation": self.correlation.to_dict(),
                "points": [{"animal_id": a, "value": v, "response": r} for a, v, r in self.points],
                "excluded": [{"animal_id": a, "reason": r} for a, r in self.excluded],
            }
        )


def correlate_with_response(
    pairs: Sequence[tuple[Hashable, float | None, float | None]],
    *,
    readout: str = "",
    response_metric: str = "growth_rate",
) -> ReadoutResponse:
    """Spearman's ρ of (animal, readout value, response) triples: exact p for up to 7 mice without ties,
    else the t approximation (as :func:`studies.analysis.exposure.spearman`, R ``cor.test``). Mice
    missing either value are listed in ``excluded``; fewer than 3 usable: ``ValueError``."""
    ids = [a for a, _, _ in pairs]
    dup = sorted({str(i) for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"Animal(s) listed twice: {', '.join(dup)}.")
    points, excluded = [], []
    for a, v, r in pairs:
        fv, fr = json_float(v), json_float(r)
        if fv is None:
            excluded.append((a, "no readout value"))
        elif fr is None:
            excluded.append((a, "no response"))
        else:
            points.append((a, fv, fr))
    corr = spearman([p[1] for p in points], [p[2] for p in points])
    return ReadoutResponse(readout, response_metric, corr, tuple(points), tuple(excluded))


__all__ = [
    "IL2_PANEL",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "ROOT",
    "ArmComparison",
    "ArmSummary",
    "FlowRecord",
    "MissingPopulation",
    "MouseValue",
    "Readout",
    "ReadoutResponse",
    "ReadoutTable",
    "ReadoutValue",
    "StatsTable",
    "VsControl",
    "compare_arms",
    "compute_readouts",
    "correlate_with_response",
    "dunn_vs",
    "missing_populations",
    "normalise_path",
    "parse_statistic",
    "path_key",
    "quantile7",
    "read_statistics_table",
]
