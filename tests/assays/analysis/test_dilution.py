"""ELISA dilution linearity and hook (prozone) pattern: the pure rule on hand-made rows, and in the ELISA
pipeline on the simulated dilution plate of assays/demo.py."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assays.analysis.dilution import dilution_linearity, sample_linearity
from assays.analysis.elisa import ElisaSettings, WellSignal, analyse_elisa
from assays.demo import elisa_dilution_csv, elisa_dilution_layout


def row(sample, dilution, conc, flag=None, signal=1.0, unit="pg/mL"):
    return {
        "sample": sample,
        "dilution_factor": dilution,
        "reported_concentration": conc,
        "mean_signal": signal,
        "flag": flag,
        "flags": [flag] if flag else [],
        "unit": unit,
    }


def test_a_linear_sample_by_hand():
    out = sample_linearity("S1", [row("S1", 100, 1100.0), row("S1", 10, 1000.0), row("S1", 1000, 900.0)])
    assert [d["dilution_factor"] for d in out["dilutions"]] == [10, 100, 1000]  # ordered by dilution
    assert out["mean_concentration"] == pytest.approx(1000.0)
    assert [d["pct_difference"] for d in out["dilutions"]] == pytest.approx([0.0, 10.0, -10.0])
    assert out["flags"] == [] and out["max_abs_pct_difference"] == pytest.approx(10.0)
    # the lowest dilution that agrees with the next: 1000 vs 1100, pair mean 1050, 1000/1050 - 1 = -4.8 %
    assert out["suggested_dilution_factor"] == 10 and out["suggested_concentration"] == 1000.0
    assert "agrees within 20 % with the next, 1:100" in out["reason"]
    assert out["unit"] == "pg/mL"


def test_non_linear_uses_only_the_in_range_dilutions_and_the_limit():
    rows = [row("S", 10, 700.0), row("S", 100, 1300.0), row("S", 1000, None, "below_range")]
    out = sample_linearity("S", rows)
    # mean of the in-range ones: 1000; 700 is -30 %, 1300 +30 %
    assert out["mean_concentration"] == pytest.approx(1000.0) and out["n_in_range"] == 2
    assert [d["pct_difference"] for d in out["dilutions"]] == pytest.approx([-30.0, 30.0, None])
    assert out["flags"] == ["non_linear"]
    assert out["dilutions"][2]["in_range"] is False and out["dilutions"][2]["flag"] == "below_range"
    # no neighbouring pair agrees: the most diluted in range
    assert out["suggested_dilution_factor"] == 100 and "least matrix effect" in out["reason"]
    # with a 35 % limit the same sample is linear and 1:10 is reported
    wide = sample_linearity("S", rows, max_pct=35)
    assert wide["flags"] == [] and wide["suggested_dilution_factor"] == 10


def test_a_concentration_rising_over_two_steps_is_a_hook():
    out = sample_linearity("H", [row("H", 10, 1000.0), row("H", 100, 80_000.0), row("H", 1000, 400_000.0)])
    assert "hook_rising" in out["flags"] and "non_linear" in out["flags"]
    assert out["suggested_dilution_factor"] == 1000 and "hook" in out["reason"]
    # one step only (two dilutions) is non-linear, not a hook by this rule
    two = sample_linearity("H", [row("H", 10, 1000.0), row("H", 100, 80_000.0)])
    assert "hook_rising" not in two["flags"] and "non_linear" in two["flags"]
    # rising but within the limit overall (last / first = 1.15 <= 1.2): no hook
    flat = sample_linearity("F", [row("F", 10, 100.0), row("F", 100, 108.0), row("F", 1000, 115.0)])
    assert flat["flags"] == []


def test_a_least_diluted_well_at_the_top_is_a_possible_hook():
    above = sample_linearity(
        "T", [row("T", 10, None, "above_range"), row("T", 100, 5000.0), row("T", 1000, 5200.0)]
    )
    assert above["flags"] == ["hook_top"] and above["suggested_dilution_factor"] == 1000
    # in range, but its signal is 92 % of the fitted span (bottom 0.05, top 3.2): (2.948 - 0.05) / 3.15 = 0.92
    near = sample_linearity(
        "N",
        [row("N", 10, 900.0, signal=2.948), row("N", 100, 950.0, signal=0.6)],
        zero_dose_asymptote=0.05,
        high_dose_asymptote=3.2,
    )
    assert near["dilutions"][0]["near_top"] is True and "hook_top" in near["flags"]
    assert near["suggested_dilution_factor"] == 100
    below = sample_linearity(
        "M",
        [row("M", 10, 900.0, signal=2.7), row("M", 100, 950.0, signal=0.6)],
        zero_dose_asymptote=0.05,
        high_dose_asymptote=3.2,
    )
    assert below["flags"] == [] and below["suggested_dilution_factor"] == 10  # (2.7 - 0.05) / 3.15 = 0.84


def test_nothing_in_range():
    out = sample_linearity("X", [row("X", 10, None, "above_range"), row("X", 100, None, "above_range")])
    assert out["suggested_dilution_factor"] is None and "re-assay at a higher dilution" in out["reason"]
    assert out["mean_concentration"] is None and "too_few_in_range" in out["flags"]


def test_only_samples_with_two_or_more_dilutions_are_listed():
    rows = [row("A", 10, 1.0), row("A", 10, 1.1), row("B", 10, 5.0), row("B", 100, 5.2), row(None, 100, 1)]
    out = dilution_linearity(rows)
    assert [e["sample"] for e in out] == ["B"]
    with pytest.raises(ValueError):
        dilution_linearity(rows, max_pct=0)
    json.dumps(out, allow_nan=False)


def _demo_wells():
    values = {
        r["well"]: float(r["value"]) for r in csv.DictReader(io.StringIO(elisa_dilution_csv().decode()))
    }
    return [
        WellSignal(
            well=w["well"],
            role=w["role"],
            value=values[w["well"]],
            group=w.get("group"),
            nominal=w.get("concentration"),
            unit=w.get("unit"),
            dilution_factor=w.get("dilution_factor"),
            sample=w.get("sample"),
        )
        for w in elisa_dilution_layout()
    ]


def test_the_elisa_result_carries_dilution_linearity():
    result = analyse_elisa(_demo_wells(), {"model": "4PL", "weighting": "1/y2"}).to_dict()
    by_sample = {e["sample"]: e for e in result["dilution_linearity"]}
    assert set(by_sample) == {"serum A (linear)", "serum B (hook)", "serum C (matrix)"}
    samples = {(s["sample"], s["dilution_factor"]): s for s in result["samples"]}
    linear = by_sample["serum A (linear)"]
    # the corrected concentrations are the sample rows' reported ones, side by side
    for d in linear["dilutions"]:
        assert (
            d["reported_concentration"]
            == samples[("serum A (linear)", d["dilution_factor"])]["reported_concentration"]
        )
    assert linear["flags"] == [] and linear["suggested_dilution_factor"] == 10
    assert linear["suggested_concentration"] == pytest.approx(5000, rel=0.25)
    hook = by_sample["serum B (hook)"]
    assert "hook_rising" in hook["flags"] and hook["suggested_dilution_factor"] == 1000
    assert hook["suggested_concentration"] == pytest.approx(400_000, rel=0.1)
    matrix = by_sample["serum C (matrix)"]
    assert matrix["flags"] == ["non_linear"] and matrix["suggested_dilution_factor"] == 100
    json.dumps(result, allow_nan=False)


def test_the_linearity_limit_is_a_setting_and_old_settings_keep_the_default():
    assert ElisaSettings.from_dict({}).linearity_max_pct == 20
    assert ElisaSettings.from_dict({"model": "4PL", "acceptance": {}}).linearity_max_pct == 20
    assert ElisaSettings.from_dict({"linearity_max_pct": 50}).linearity_max_pct == 50
    result = analyse_elisa(_demo_wells(), {"model": "4PL", "linearity_max_pct": 50}).to_dict()
    matrix = next(e for e in result["dilution_linearity"] if e["sample"] == "serum C (matrix)")
    assert matrix["flags"] == [] and matrix["max_pct"] == 50
    with pytest.raises(ValueError):
        ElisaSettings(linearity_max_pct=-1)
