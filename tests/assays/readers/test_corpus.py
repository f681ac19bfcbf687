"""The real-export corpus (tests/refdata/corpus): one test per file, checked against manifest.json.

The expected values were read off each file by hand, independently of ``assays.readers`` (see the corpus
README). A file is either read right (plate count, declared geometry, every expected read with its kind,
wavelength, mode, kinetic time points or spectral wavelengths, sampled values; vendor-calculated blocks
marked ``calculated``) or refused with a plain ``ReaderError``: a success with data missing, misplaced or
mislabelled fails its test. Refusals are listed in ``REFUSED`` with the reason the user is shown.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from assays.readers import ReaderError, read_plate_file

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "refdata" / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
FILES = {e["path"].removeprefix("tests/refdata/corpus/"): e for e in MANIFEST["files"]}

# Files the readers refuse although they hold data, with a fragment of the plain reason shown.
REFUSED: dict[str, str] = {
    # none: the five SoftMax Pro files allotropy cannot convert (spectra, two sections with the same name,
    # rows or kinetic reads missing from a section) are read by the portal's own SoftMax Pro reader
}

# Words that betray an internal exception text reaching the user.
INTERNAL = ("Traceback", "unexpected ", "not enough values to unpack", "KeyError", "IndexError", "NoneType")


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _sample_ok(read, s: dict) -> bool:
    if s.get("wavelength_nm") is not None and read.is_spectral:
        point = read.point(s["well"], wavelength_nm=float(s["wavelength_nm"]))
    elif s.get("time_s") is not None:
        point = read.point(s["well"], float(s["time_s"]))
    else:
        point = read.point(s["well"])
    if point is None:
        return False
    if s.get("flag"):
        return point.flag is not None and (
            s.get("value") is None or point.value is None or _close(point.value, s["value"])
        )
    return point.flag is None and _close(point.value, s.get("value"))


def _read_problems(read, exp: dict) -> list[str]:
    problems = []
    if not all(_sample_ok(read, s) for s in exp["samples"]):
        return ["values differ"]
    if read.kind != exp["kind"]:
        problems.append(f"kind {read.kind}, expected {exp['kind']}")
    wanted = {w for w in (exp.get("wavelength_nm"), exp.get("excitation_nm")) if w is not None}
    if wanted and exp["mode"] != "spectral":
        have = {w for w in (read.wavelength_nm, read.metadata.get("excitation_nm")) if w is not None}
        if not any(_close(a, b) for a in have for b in wanted):
            problems.append(f"wavelength {read.wavelength_nm}, expected {sorted(wanted)}")
    if read.mode != exp["mode"]:
        problems.append(f"mode {read.mode}, expected {exp['mode']}")
    if exp["mode"] == "kinetic" and exp.get("time_points") and len(read.timepoints) != exp["time_points"]:
        problems.append(f"{len(read.timepoints)} time points, expected {exp['time_points']}")
    if exp["mode"] == "spectral" and exp.get("wavelengths") and len(read.wavelengths) != exp["wavelengths"]:
        problems.append(f"{len(read.wavelengths)} wavelengths, expected {exp['wavelengths']}")
    derived = exp.get("data_type") == "reduced"
    if read.calculated != derived:
        problems.append("marked calculated" if read.calculated else "a vendor reduction shown as measured")
    return problems


def _find_read(plates, exp: dict) -> list[str]:
    """[] when one of ``plates`` holds the expected read; otherwise the problems of the closest read."""
    best: list[str] | None = None
    for plate in plates:
        for read in plate.reads:
            problems = _read_problems(read, exp)
            if not problems:
                return []
            if problems != ["values differ"] and (best is None or len(problems) < len(best)):
                best = [f"{exp['label']} (read {read.label!r}): {p}" for p in problems]
    return best or [f"{exp['label']}: no read holds the sampled values"]


def check(entry: dict, result) -> list[str]:
    exp = entry["expected"]
    problems = []
    if exp["plates"] is not None and len(result.plates) != exp["plates"]:
        problems.append(f"{len(result.plates)} plates, expected {exp['plates']}")
    for i, plate in enumerate(result.plates):
        if exp["rows"] is not None and (plate.rows, plate.columns) != (exp["rows"], exp["columns"]):
            problems.append(
                f"plate {i + 1} is {plate.rows}x{plate.columns}, expected {exp['rows']}x{exp['columns']}"
            )
    for read in exp["reads"]:
        if read["plate"] is None:
            plates = result.plates
        elif read["plate"] - 1 < len(result.plates):
            plates = [result.plates[read["plate"] - 1]]
        else:
            problems.append(f"{read['label']}: plate {read['plate']} missing")
            continue
        problems.extend(_find_read(plates, read))
    for block in exp["calculated_blocks"]:
        samples = [s for s in block["samples"] if s.get("value") is not None and "text" not in s]
        if not samples:
            continue
        plates = (
            result.plates
            if block.get("plate") is None
            else result.plates[block["plate"] - 1 : block["plate"]]
        )
        for plate in plates:
            for read in plate.reads:
                holds = all(
                    (p := read.point(s["well"])) is not None
                    and p.flag is None
                    and _close(p.value, s["value"])
                    for s in samples
                )
                if holds and not read.calculated:
                    measured = [r for r in exp["reads"] if r.get("data_type") != "reduced"]
                    if not any(not _read_problems(read, m) for m in measured):
                        problems.append(
                            f"calculated block {block['label']!r} returned as measured read {read.label!r}"
                        )
    return problems


@pytest.mark.parametrize("name", sorted(FILES))
def test_it_reads_the_corpus_file_right_or_refuses_it_plainly(name):
    entry = FILES[name]
    data = (CORPUS / name).read_bytes()
    try:
        result = read_plate_file(data, filename=Path(name).name)
    except ReaderError as exc:
        for word in INTERNAL:
            assert word not in exc.message, f"internal error text shown to the user: {exc.message}"
        if entry["expected"]["outcome"] == "refuse":
            return
        assert name in REFUSED, f"refused a file that holds data: {exc.message}"
        assert REFUSED[name] in exc.message
        return
    assert entry["expected"]["outcome"] != "refuse", "expected a refusal (no measured values), got data"
    assert name not in REFUSED, "listed as refused but was read"
    assert check(entry, result) == []


def test_it_detects_a_magellan_workbook_named_only_in_its_sheet():
    """Constructed (openpyxl), after Magellan list exports whose first column is "Raw data" and whose
    only vendor marker is the sheet name."""
    import io

    import openpyxl

    from assays.readers import detect_format

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Magellan Sheet 1"
    ws.append(["Raw data", "Mean", "Abs 450"])
    for i, well in enumerate(("A1", "A2", "A3")):
        ws.append([well, None, 0.1 * (i + 1)])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert detect_format(buffer.getvalue(), "export.xlsx") == "tecan_magellan"
