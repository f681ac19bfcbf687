"""The run page shows the analysis's numbers: the standards' points of the curve figure are the signals
the curve was fitted to, and the QC thresholds are the run's own acceptance criteria."""

from __future__ import annotations

import json
import random
import statistics

import pytest

from assays import services
from assays.models import AssayRun, Layout

pytestmark = pytest.mark.django_db

LEVELS = [1000 / 2**i for i in range(7)]  # pg/mL, rows A..G, in duplicate (columns 1 and 2)
BLANKS = ("H1", "H2", "H3")


def _od(conc: float) -> float:
    return 0.05 + (3.2 - 0.05) / (1 + (180 / conc) ** 1.1)


def _plate(seed: int, background: float) -> tuple[bytes, dict[str, tuple[float, float]]]:
    """A long CSV with an OD450 and an OD570 read; returns it and {well: (od450, od570)}."""
    rng = random.Random(seed)
    signal = {}
    for level, conc in enumerate(LEVELS):
        for col in (1, 2):
            signal[f"{'ABCDEFG'[level]}{col}"] = _od(conc)
    for well in BLANKS:
        signal[well] = 0.0
    for well in ("A3", "A4"):
        signal[well] = _od(150)
    for well in ("C3", "C4", "C5"):  # positive and negative controls: a Z'
        signal[well] = 2.9
    for well in ("D3", "D4", "D5"):
        signal[well] = 0.1
    reads = {}
    for well, value in signal.items():
        od570 = 0.04 + rng.uniform(0, 0.02)
        reads[well] = (round(value + background + od570 + rng.gauss(0, 0.01), 4), round(od570, 4))
    lines = ["well,value,kind,wavelength_nm"]
    for well, (od450, od570) in reads.items():
        lines += [f"{well},{od450},absorbance,450", f"{well},{od570},absorbance,570"]
    return ("\n".join(lines) + "\n").encode(), reads


def _layout(lab, user):
    if layout := Layout.objects.filter(lab=lab, name="points").first():
        return layout
    wells = [
        {"well": f"{'ABCDEFG'[level]}{col}", "role": "standard", "concentration": conc, "unit": "pg/mL"}
        for level, conc in enumerate(LEVELS)
        for col in (1, 2)
    ]
    wells += [{"well": w, "role": "blank"} for w in BLANKS]
    wells += [{"well": w, "role": "sample", "sample": "s1", "dilution_factor": 2} for w in ("A3", "A4")]
    wells += [{"well": w, "role": "positive_control"} for w in ("C3", "C4", "C5")]
    wells += [{"well": w, "role": "negative_control"} for w in ("D3", "D4", "D5")]
    return services.layout_create(lab=lab, user=user, name="points", rows=8, columns=12, wells=wells)


def _figures(page: str) -> list[dict]:
    out, i = [], 0
    while f'id="fig-{i}-data" type="application/json">' in page:
        text = page.split(f'id="fig-{i}-data" type="application/json">', 1)[1].split("</script>", 1)[0]
        out.append(json.loads(text))
        i += 1
    return out


def _points(figure: dict, name: str) -> dict[str, tuple[float, float]]:
    """The points of the trace named ``name`` ("standard wells (n = 14)"): its legend gives their n."""
    trace = next((t for t in figure["data"] if (t.get("name") or "").startswith(f"{name} (n = ")), None)
    if trace is None:
        return {}
    assert trace["name"] == f"{name} (n = {len(trace['x'])})"
    return {w: (x, y) for w, x, y in zip(trace["text"], trace["x"], trace["y"], strict=True)}


def _hand(reads: dict, blank_wells) -> dict[str, tuple[float, float]]:
    """Each standard well: (nominal, OD450 - OD570 - mean blank of the same), by hand."""
    blank = statistics.fmean(reads[w][0] - reads[w][1] for w in blank_wells)
    return {
        f"{'ABCDEFG'[level]}{col}": (
            conc,
            reads[f"{'ABCDEFG'[level]}{col}"][0] - reads[f"{'ABCDEFG'[level]}{col}"][1] - blank,
        )
        for level, conc in enumerate(LEVELS)
        for col in (1, 2)
    }


def _run(lab, user, settings: dict, n_plates: int = 2):
    plates, reads = [], []
    for seed in range(n_plates):
        data, values = _plate(seed, background=0.1 * (seed + 1))
        plates += services.plate_import(lab=lab, data=data, filename=f"p{seed}.csv", user=user).plates
        reads.append(values)
    run, _ = services.run_create(
        lab=lab,
        user=user,
        kind="elisa",
        layout=_layout(lab, user),
        plates=plates,
        name="points",
        settings=settings,
    )
    return run, plates, reads


def test_each_plates_curve_shows_its_standards_reference_and_blank_subtracted(browser_client, lab, user):
    run, plates, reads = _run(lab, user, {"model": "4PL"})
    services.run_reanalyse(
        run=run,
        user=user,
        excluded_wells=[f"{plates[0].pk}:B1", f"{plates[0].pk}:H1"],
        settings={},
        reason="x",
    )
    assert run.versions.order_by("version").last().status == "succeeded"
    figures = _figures(browser_client.get(f"/assays/runs/{run.pk}/").content.decode())
    curves = [f for f in figures if _points(f, "standard wells")]
    assert len(curves) == 2  # one standard curve per plate
    assert all(f["config"]["toImageButtonOptions"] == {"format": "png", "scale": 2} for f in figures)
    first = _hand(reads[0], ("H2", "H3"))  # H1 excluded: not part of the blank
    used = _points(curves[0], "standard wells")
    assert set(used) == set(first) - {"B1"}
    for well, (x, y) in used.items():
        assert (x, y) == pytest.approx(first[well], rel=1e-12), well
    assert _points(curves[0], "excluded wells") == {"B1": pytest.approx(first["B1"], rel=1e-12)}
    second = _hand(reads[1], BLANKS)
    assert _points(curves[1], "standard wells") == {w: pytest.approx(v, rel=1e-12) for w, v in second.items()}
    # a click on a point puts "<plate id>:<well>" in the excluded-wells field (a run of two plates)
    replicates = next(t for t in curves[0]["data"] if t["name"].startswith("standard wells"))
    assert replicates["customdata"] == [f"{plates[0].pk}:{w}" for w in replicates["text"]]
    assert curves[0]["layout"]["yaxis"]["title"]["text"] == "OD450 − OD570, blank-subtracted"


def test_a_pooled_curve_shows_every_plates_standards_against_the_pooled_blank(browser_client, lab, user):
    run, _plates, reads = _run(lab, user, {"model": "4PL", "standard_curve": "pooled"})
    figures = _figures(browser_client.get(f"/assays/runs/{run.pk}/").content.decode())
    curves = [f for f in figures if _points(f, "standard wells")]
    assert len(curves) == 1
    trace = next(t for t in curves[0]["data"] if t["name"].startswith("standard wells (n = "))
    blank = statistics.fmean(r[w][0] - r[w][1] for r in reads for w in BLANKS)
    hand = sorted(
        (conc, r[f"{'ABCDEFG'[level]}{col}"][0] - r[f"{'ABCDEFG'[level]}{col}"][1] - blank)
        for r in reads
        for level, conc in enumerate(LEVELS)
        for col in (1, 2)
    )
    got = sorted(zip(trace["x"], trace["y"], strict=True))
    assert [x for x, _ in got] == [x for x, _ in hand]
    assert [y for _, y in got] == pytest.approx([y for _, y in hand], rel=1e-12)
    assert len(trace["text"]) == 28 and all(":" not in w for w in trace["text"])


def test_the_page_shows_the_runs_own_acceptance_thresholds(browser_client, lab, user):
    acceptance = {
        "min_standards_passed_pct": 60,
        "standard_tolerance_pct": 15,
        "standard_end_tolerance_pct": 18,
        "min_z_prime": 0.3,
    }
    run, _, _ = _run(lab, user, {"model": "4PL", "acceptance": acceptance}, n_plates=1)
    result = run.versions.get().result
    assert result["qc"]["z_prime"] is not None and result["qc"]["standards_passed_pct"] is not None
    page = browser_client.get(f"/assays/runs/{run.pk}/").content.decode()
    assert "≥ 60 % within ±15 % (±18 % at the ends)" in page
    assert "≥ 0.3 passes" in page
    assert "75 %" not in page and "0.5 passes" not in page
    default, _, _ = _run(lab, user, {"model": "4PL"}, n_plates=1)
    assert AssayRun.objects.count() == 2
    page = browser_client.get(f"/assays/runs/{default.pk}/").content.decode()
    assert "≥ 75 % within ±20 % (±25 % at the ends)" in page and "≥ 0.5 passes" in page
