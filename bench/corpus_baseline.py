"""Run the plate-reader readers on every file of tests/refdata/corpus and compare with its manifest.

    .venv/bin/python bench/corpus_baseline.py              # one line per file, then the summary
    .venv/bin/python bench/corpus_baseline.py --verbose    # also every read returned and every mismatch
    .venv/bin/python bench/corpus_baseline.py --json out.json

Not a test: it measures how far the current readers are from the expected values written in
tests/refdata/corpus/manifest.json (values read off each file by hand, see the corpus README).

Each file ends in one class:

- right: the file was read, plate count and geometry match (where the manifest states them), every
  expected read is found (same kind, a matching wavelength, every sampled value, flag and kinetic
  time, the kinetic point count) - or the manifest expects a refusal and the reader refused;
- wrong: the reader returned data but something above does not match (data missing, values
  mislabelled or misplaced, wrong geometry): the worst class, a user would not notice;
- refused: the reader raised a ReaderError (a clear message, nothing stored);
- crashed: anything else (an exception other than ReaderError, or a ReaderError that wraps an
  unexpected exception inside a reader).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assays.readers import ReaderError, read_plate_file  # noqa: E402

MANIFEST = ROOT / "tests" / "refdata" / "corpus" / "manifest.json"
CLASSES = ("right", "wrong", "refused", "crashed")


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _sample_problem(read, sample: dict) -> str | None:
    """None when ``read`` holds ``sample``; otherwise a short reason."""
    well = sample["well"]
    time_s = sample.get("time_s")
    point = read.point(well, time_s) if time_s is not None else read.point(well)
    where = f"{well}" + (f" t={time_s}s" if time_s is not None else "")
    if point is None:
        return f"no point for {where}"
    if sample.get("flag"):
        if point.flag is None:
            return f"{where}: expected flag {sample['flag']}, got value {point.value}"
        if (
            sample.get("value") is not None
            and point.value is not None
            and not _close(point.value, sample["value"])
        ):
            return f"{where}: expected {sample['value']}, got {point.value}"
        return None
    if not _close(point.value, sample.get("value")):
        return f"{where}: expected {sample.get('value')}, got {point.value}" + (
            f" ({point.flag})" if point.flag else ""
        )
    return None


def _wavelength_ok(read, expected: dict) -> bool:
    wanted = {w for w in (expected.get("wavelength_nm"), expected.get("excitation_nm")) if w is not None}
    if not wanted:
        return True
    return read.wavelength_nm is not None and any(_close(float(read.wavelength_nm), float(w)) for w in wanted)


def check_read(plate, expected: dict) -> list[str]:
    """Problems for one expected measured read against a returned plate ([] when found)."""
    samples = expected["samples"]
    if expected["mode"] == "spectral":
        problems = []
        series = [r for r in plate.reads if getattr(r, "is_spectral", False) and r.kind == expected["kind"]]
        for r in series:  # one read holding the whole spectrum (points carry their wavelength)
            if all(
                (p := r.point(s["well"], wavelength_nm=float(s["wavelength_nm"]))) is not None
                and _close(p.value, s.get("value"))
                for s in samples
            ):
                return []
        for s in samples:
            hits = [
                r
                for r in plate.reads
                if r.wavelength_nm is not None and _close(float(r.wavelength_nm), float(s["wavelength_nm"]))
            ]
            if not hits:
                problems.append(f"{expected['label']}: no read at {s['wavelength_nm']} nm")
                continue
            if all(_sample_problem(r, s) for r in hits):
                problems.append(
                    f"{expected['label']} @{s['wavelength_nm']} nm: {_sample_problem(hits[0], s)}"
                )
            elif not any(r.kind == expected["kind"] for r in hits):
                problems.append(
                    f"{expected['label']} @{s['wavelength_nm']} nm: kind {hits[0].kind}, expected {expected['kind']}"
                )
        return problems
    best = None
    for r in plate.reads:
        issues = [p for p in (_sample_problem(r, s) for s in samples) if p]
        if issues:
            if best is None or len(issues) < len(best[1]):
                best = (r, issues)
            continue
        extra = []
        if r.kind != expected["kind"]:
            extra.append(f"kind {r.kind}, expected {expected['kind']}")
        if not _wavelength_ok(r, expected):
            extra.append(
                f"wavelength {r.wavelength_nm}, expected {expected.get('wavelength_nm')}"
                + (f" (ex {expected['excitation_nm']})" if expected.get("excitation_nm") else "")
            )
        if expected["mode"] == "kinetic" and len(r.timepoints) != expected["time_points"]:
            extra.append(f"{len(r.timepoints)} time points, expected {expected['time_points']}")
        if expected["mode"] == "endpoint" and r.is_kinetic:
            extra.append("returned as kinetic")
        if not extra:
            return []
        if best is None or len(extra) <= len(best[1]):
            best = (r, extra)
    if best is None:
        return [f"{expected['label']}: no read with these values"]
    return [f"{expected['label']} (closest read {best[0].label!r}): " + "; ".join(best[1][:3])]


def evaluate(entry: dict) -> dict:
    path = ROOT / entry["path"]
    exp = entry["expected"]
    out = {"path": entry["path"], "vendor": entry["vendor"], "software": entry["software"], "problems": []}
    data = path.read_bytes()
    started = time.perf_counter()
    try:
        result = read_plate_file(data, filename=path.name)
    except ReaderError as exc:
        out["seconds"] = time.perf_counter() - started
        out["error"] = f"{type(exc).__name__}: {exc.message}"
        unexpected = (
            "unexpected" in exc.message
            and exc.__cause__ is not None
            and not isinstance(exc.__cause__, ReaderError)
        )
        if unexpected:
            out["class"] = "crashed"
        elif exp["outcome"] == "refuse":
            out["class"] = "right"
        else:
            out["class"] = "refused"
        return out
    except Exception as exc:  # noqa: BLE001 - a leak of a non-ReaderError is exactly what we count
        out["seconds"] = time.perf_counter() - started
        out["class"] = "crashed"
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    out["seconds"] = time.perf_counter() - started
    out["format"] = result.vendor
    out["plates"] = [
        {
            "rows": p.rows,
            "columns": p.columns,
            "reads": [
                {
                    "label": r.label,
                    "kind": r.kind,
                    "wavelength_nm": r.wavelength_nm,
                    "time_points": len(r.timepoints),
                    "wells": len(r.wells),
                }
                for r in p.reads
            ],
        }
        for p in result.plates
    ]
    problems = out["problems"]
    if exp["outcome"] == "refuse":
        problems.append("expected a refusal (the file holds no measured values), got data")
    if exp["plates"] is not None and len(result.plates) != exp["plates"]:
        problems.append(f"{len(result.plates)} plate(s), expected {exp['plates']}")
    for i, plate in enumerate(result.plates if exp["plates"] is None else result.plates[: exp["plates"]]):
        for what, got, want in (
            ("rows", plate.rows, exp["rows"]),
            ("columns", plate.columns, exp["columns"]),
        ):
            if want is not None and got != want:
                problems.append(f"plate {i + 1}: {got} {what}, expected {want}")
    for read in exp["reads"]:
        if read["plate"] is None:  # the manifest does not say which plate holds the read
            attempts = [check_read(plate, read) for plate in result.plates]
            if not attempts:
                problems.append(f"{read['label']}: no plate returned")
            elif all(attempts):
                problems.extend(min(attempts, key=len))
            continue
        index = read["plate"] - 1
        if index >= len(result.plates):
            problems.append(f"{read['label']}: plate {read['plate']} missing")
            continue
        problems.extend(check_read(result.plates[index], read))
    out["class"] = "wrong" if problems else "right"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="write the per-file results as JSON")
    args = parser.parse_args(argv)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    results = [evaluate(e) for e in manifest["files"]]
    for r in results:
        name = r["path"].removeprefix("tests/refdata/corpus/")
        if "format" in r:
            shapes = ", ".join(f"{p['rows']}x{p['columns']}" for p in r["plates"])
            reads = sum(len(p["reads"]) for p in r["plates"])
            detail = f"format={r['format']} plates={len(r['plates'])} [{shapes}] reads={reads}"
        else:
            detail = r["error"][:140]
        print(f"{r['class']:8} {name}  {detail}")
        if args.verbose and "plates" in r:
            for i, p in enumerate(r["plates"]):
                for rd in p["reads"]:
                    print(
                        f"           plate {i + 1}: {rd['label']!r} {rd['kind']} {rd['wavelength_nm']} nm "
                        f"time points={rd['time_points']} wells={rd['wells']}"
                    )
        for problem in r["problems"][: None if args.verbose else 3]:
            print(f"           - {problem}")
    by_vendor: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_vendor[f"{r['vendor']} / {r['software']}"][r["class"]] += 1
    width = max(len(v) for v in by_vendor)
    print()
    print(f"{'vendor / software':{width}}  " + "  ".join(f"{c:>7}" for c in CLASSES) + "    files")
    for vendor in sorted(by_vendor):
        counts = by_vendor[vendor]
        print(
            f"{vendor:{width}}  "
            + "  ".join(f"{counts[c]:7d}" for c in CLASSES)
            + f"  {sum(counts.values()):7d}"
        )
    total = Counter(r["class"] for r in results)
    print(f"{'total':{width}}  " + "  ".join(f"{total[c]:7d}" for c in CLASSES) + f"  {len(results):7d}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
