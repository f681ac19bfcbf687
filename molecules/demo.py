"""Demo data of the molecules app for `make run` (simulated, seeded), and the documented simulations the
tests reuse.

* Cells: CTLL-2 (mouse T cells, IL-2Rαβγ, CD25⁺, proliferation read by luminescence) and YT (human NK
  cells, IL-2Rβγ, CD25⁻, with a STAT5 luciferase reporter).
* A reference-standard history: 22 reporter runs on YT cells, two a week, each with the reference
  standard (Aldesleukin lot RS-2401), the not-alpha mutein lot MUT-0117 and Aldesleukin lot AL-2403.
  Per well RLU = 2,000 + (200,000 − 2,000) / (1 + (EC50 / dose)^1.1) with 2.5 % log-normal noise, doses
  100 ng/mL in 10 three-fold steps, in duplicate. The standard's EC50 is 1.0 ng/mL with a 6 % run-to-run
  log-normal spread, except runs 15–19, where it drifts up (×1.3 to ×1.5: a tiring standard), which
  Westgard's 2-2s / 4-1s rules catch. The mutein's EC50 is 1.1 × the standard's (RP ≈ 0.91 on CD25⁻
  cells), AL-2403's 1.0 × (RP ≈ 1).
* A selectivity pair on the last day: the same three on CTLL-2 (CD25⁺; doses 10 ng/mL in 10 four-fold
  steps), where wild-type IL-2 has EC50 0.01 ng/mL and the mutein 0.5 ng/mL (a 50-fold loss), and on YT
  (CD25⁻), where both are ~1 ng/mL: the mutein's fold loss of CD25 dependence is ~50.
* Release specifications (80–125 % for Aldesleukin, 70–143 % for the mutein, 3 runs) and one release
  of each lot from the last three YT runs.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from django.utils import timezone

from assays import services as assay_services
from assays.models import AssayRun, CellLine, Layout
from il2portal.models import Lot, TestArticle

HISTORY_RUNS = 22
DRIFT_RUNS = range(14, 19)  # 0-based: runs 15–19
YT_DOSES = [100 / 3**i for i in range(10)]
CTLL_DOSES = [10 / 4**i for i in range(10)]
REFERENCE = ("Aldesleukin (rhIL-2)", "RS-2401")
CURVES = (  # rows, role, display name, (article, lot)
    ("AB", "standard", "IL-2 reference standard RS-2401", REFERENCE),
    ("CD", "sample", "not-alpha mutein MUT-0117", ("IL-2 not-alpha mutein", "MUT-0117")),
    ("EF", "sample", "Aldesleukin AL-2403", ("Aldesleukin (rhIL-2)", "AL-2403")),
)
PREFIX = "Potency "  # the demo's run names


def _four_pl(dose: float, ec50: float) -> float:
    return 2000 + (200000 - 2000) / (1 + (ec50 / dose) ** 1.1)


def layout_wells(doses, lots: dict) -> list[dict]:
    wells = []
    for rows, role, name, key in CURVES:
        for col, dose in enumerate(doses, start=1):
            for row in rows:
                wells.append(
                    {
                        "well": f"{row}{col}",
                        "role": role,
                        "sample": name,
                        "concentration": dose,
                        "unit": "ng/mL",
                        "lot": lots[key],
                    }
                )
    wells += [{"well": f"G{c}", "role": "positive_control", "group": "IL-2 100 ng/mL"} for c in range(1, 7)]
    wells += [{"well": f"G{c}", "role": "negative_control", "group": "untreated"} for c in range(7, 13)]
    wells += [{"well": f"H{c}", "role": "negative_control", "group": "untreated"} for c in range(1, 7)]
    wells += [{"well": f"H{c}", "role": "blank", "group": "cell-free"} for c in range(7, 13)]
    return wells


def plate_csv(doses, ec50s: tuple[float, float, float], seed: int) -> bytes:
    """One simulated reporter plate: rows A/B, C/D, E/F the three curves with the given EC50s."""
    rng = random.Random(seed)
    lines = ["well,value,kind"]
    for row in "ABCDEFGH":
        for col in range(1, 13):
            if row in "ABCDEF" and col <= 10:
                mean = _four_pl(doses[col - 1], ec50s["ABCDEF".index(row) // 2])
            elif row in "ABCDEF":
                continue
            elif row == "G":
                mean = _four_pl(100, ec50s[0]) if col <= 6 else 2000
            else:
                mean = 2000 if col <= 6 else 300
            lines.append(f"{row}{col},{mean * math.exp(rng.gauss(0, 0.025)):.0f},luminescence")
    return ("\n".join(lines) + "\n").encode()


def history_ec50s(seed: int = 11) -> list[float]:
    """The reference standard's simulated EC50 (ng/mL) in each of the history runs."""
    rng = random.Random(seed)
    out = []
    for i in range(HISTORY_RUNS):
        drift = 1.3 + 0.05 * (i - DRIFT_RUNS.start) if i in DRIFT_RUNS else 1.0
        out.append(1.0 * drift * math.exp(rng.gauss(0, 0.06)))
    return out


def _cell_lines(lab, user) -> tuple[CellLine, CellLine]:
    specs = {
        "CTLL-2": dict(
            kind="line",
            species="mouse",
            cd25=True,
            readout=CellLine.Readout.PROLIFERATION,
            description="Mouse cytotoxic T-cell line, IL-2 dependent; proliferation read by ATP luminescence.",
        ),
        "YT": dict(
            kind="line",
            species="human",
            cd25=False,
            readout=CellLine.Readout.REPORTER,
            description="Human NK cell line without CD25, with a STAT5-driven luciferase reporter.",
        ),
    }
    out = []
    for name, fields in specs.items():
        line = CellLine.objects.filter(lab=lab, name=name).first()
        out.append(line or assay_services.cell_line_create(lab=lab, user=user, name=name, **fields))
    return out[0], out[1]


def _lots(lab, user) -> dict:
    lots = {}
    for _rows, _role, _name, (article_name, number) in CURVES:
        article = TestArticle.objects.get(lab=lab, name=article_name)
        lots[(article_name, number)], _ = Lot.objects.get_or_create(
            lab=lab, test_article=article, lot_number=number
        )
    return lots


def _layout(lab, user, name, doses, lots) -> Layout:
    return Layout.objects.filter(lab=lab, name=name).first() or assay_services.layout_create(
        lab=lab, user=user, name=name, rows=8, columns=12, wells=layout_wells(doses, lots)
    )


def _run(lab, user, *, name, layout, cells, csv: bytes, when: dt.datetime) -> AssayRun:
    plates = assay_services.plate_import(lab=lab, data=csv, filename=f"{name}.csv", user=user).plates
    run, _ = assay_services.run_create(
        lab=lab,
        user=user,
        kind="bioassay",
        layout=layout,
        plates=plates,
        name=name,
        settings={},
        cell_line=cells,
    )
    AssayRun.objects.filter(pk=run.pk).update(created_at=when)
    return run


def load_molecule_demo(*, lab, user) -> list[str]:
    from molecules import services

    if AssayRun.objects.filter(lab=lab, name__startswith=PREFIX).exists():
        return []
    ctll, yt = _cell_lines(lab, user)
    lots = _lots(lab, user)
    yt_layout = _layout(lab, user, "IL-2 potency, YT reporter, 3 curves", YT_DOSES, lots)
    ctll_layout = _layout(lab, user, "IL-2 potency, CTLL-2, 3 curves", CTLL_DOSES, lots)
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) - dt.timedelta(days=77)
    yt_runs = []
    for i, ec50 in enumerate(history_ec50s()):
        when = start + dt.timedelta(days=(i // 2) * 7 + (i % 2) * 3)
        yt_runs.append(
            _run(
                lab,
                user,
                name=f"{PREFIX}YT {i + 1:02d}",
                layout=yt_layout,
                cells=yt,
                csv=plate_csv(YT_DOSES, (ec50, 1.1 * ec50, ec50), seed=100 + i),
                when=when,
            )
        )
    last = start + dt.timedelta(days=((HISTORY_RUNS - 1) // 2) * 7 + 3)
    _run(
        lab,
        user,
        name=f"{PREFIX}CTLL-2 selectivity",
        layout=ctll_layout,
        cells=ctll,
        csv=plate_csv(CTLL_DOSES, (0.01, 0.5, 0.01), seed=99),
        when=last,
    )
    specs = {"Aldesleukin (rhIL-2)": (80, 125), "IL-2 not-alpha mutein": (70, 143)}
    for name, (low, high) in specs.items():
        TestArticle.objects.filter(lab=lab, name=name).update(
            release_low_pct=low, release_high_pct=high, release_min_runs=3
        )
    for key in (("IL-2 not-alpha mutein", "MUT-0117"), ("Aldesleukin (rhIL-2)", "AL-2403")):
        services.lot_release_create(
            lab=lab,
            user=user,
            lot=lots[key],
            cell_line=yt,
            runs=yt_runs[-3:],
            reason="release testing, three independent runs",
        )
    return [
        "cell lines CTLL-2 (CD25⁺) and YT (CD25⁻)",
        f"potency history: {HISTORY_RUNS} reporter runs on YT with a drifting stretch",
        "selectivity pair: CTLL-2 and YT on the same day",
        "lot releases of MUT-0117 and AL-2403",
    ]
