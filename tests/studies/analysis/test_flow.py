"""Flow cytometry (studies.analysis.flow): FlowJo tables read, readouts, Kruskal–Wallis/Dunn/Welch by hand.

The wide layout and header forms are those of FlowJo v10 Table Editor exports found in public code:

* lailamrad/Tcell-FlowCytometry-Analysis, ``TcellflowjoCounts.csv`` (commit 51cffff37b27): a real FlowJo
  CSV: an empty first header, sample names ``"A1 SILP 1.fcs"``, the trailing ``Mean`` and ``SD`` rows,
  and counts in Excel's E-notation (``4.43E+05``).
* header strings in analysis scripts of FlowJo exports: ``"Live | Freq. of Total (%)"``, the bare
  ``"Count"`` of all events, ``"Live/Cells/Singlet Cells/pHL | Median (VL2-H :: VL2-H)"``,
  ``"Lymphocytes/Single Cells/Live | Median (Comp-BV605-A :: null)"``,
  ``"CD45+ | Freq. of Live (%)"``, ``"T/Live/CD8+/Q1: CD25-A- , CD69-A+ | Freq. of Parent (%)"``,
  ``"scatter nuclei/single DAPI+ nuclei/NeuN-, PU.1+/triple -ve PU.1+ | Median (PU1 PE (YG)-A)"``,
  ``"T/Live/CD8+ | Geometric Mean (VL1-A :: CD25-A)"``.
"""

import io
import json
import math

import numpy as np
import pytest
from openpyxl import Workbook
from scipy import stats

from studies.analysis.flow import (
    IL2_PANEL,
    MouseValue,
    Readout,
    compare_arms,
    compute_readouts,
    correlate_with_response,
    missing_populations,
    normalise_path,
    parse_statistic,
    quantile7,
    read_statistics_table,
)

# ---------------------------------------------------------------- header parsing


@pytest.mark.parametrize(
    "header, population, statistic",
    [
        ("Live/CD45+/CD3+/CD8+ | Freq. of Parent", "Live/CD45+/CD3+/CD8+", "pct_parent"),
        ("Live/CD45+/CD3+/CD8+ | Count", "Live/CD45+/CD3+/CD8+", "count"),
        ("Live/CD45+/CD3+/CD8+ | Freq. of Total", "Live/CD45+/CD3+/CD8+", "pct_total"),
        (
            "Live/CD45+/CD3+/CD4+/CD25+FoxP3+ | Median (Comp-PE-A :: FoxP3)",
            "Live/CD45+/CD3+/CD4+/CD25+FoxP3+",
            "median:Comp-PE-A :: FoxP3",
        ),
        ("Live | Freq. of Total (%)", "Live", "pct_total"),
        ("Count", "", "count"),
        (
            "Live/Cells/Singlet Cells/pHL | Median (VL2-H :: VL2-H)",
            "Live/Cells/Singlet Cells/pHL",
            "median:VL2-H :: VL2-H",
        ),
        (
            "Lymphocytes/Single Cells/Live | Median (Comp-BV605-A :: null)",
            "Lymphocytes/Single Cells/Live",
            "median:Comp-BV605-A :: null",
        ),
        (
            "T/Live/CD8+/Q1: CD25-A- , CD69-A+ | Freq. of Parent (%)",
            "T/Live/CD8+/Q1: CD25-A- , CD69-A+",
            "pct_parent",
        ),
        (
            "scatter nuclei/single DAPI+ nuclei/NeuN-, PU.1+/triple -ve PU.1+ | Median (PU1 PE (YG)-A)",
            "scatter nuclei/single DAPI+ nuclei/NeuN-, PU.1+/triple -ve PU.1+",
            "median:PU1 PE (YG)-A",
        ),
        ("Live/CD45+/CD3+ | Freq. of Live (%)", "Live/CD45+/CD3+", "pct_of:Live"),
        ("Live/CD45+/CD3+ | Freq. of Grandparent", "Live/CD45+/CD3+", "pct_of:Live"),
        ("Live/CD45+/CD3+ | Freq. of CD45+", "Live/CD45+/CD3+", "pct_parent"),
        ("/ Live /CD45+ | Count", "Live/CD45+", "count"),
    ],
)
def test_flowjo_headers(header, population, statistic):
    text = f",{_q(header)}\nM21_tumor_d21.fcs,50\n"
    t = read_statistics_table(text.encode(), "flowjo.csv")
    (r,) = t.records
    assert (r.sample, r.population, r.statistic, r.value) == (
        "M21_tumor_d21.fcs",
        population,
        statistic,
        50.0,
    )


def _q(s):
    return '"' + s.replace('"', '""') + '"' if ("," in s or '"' in s) else s


def test_statistics_not_read_are_listed_not_refused():
    text = ",Live/CD8+ | Geometric Mean (VL1-A :: CD25-A),Live/CD8+ | Count,Group\nA.fcs,12.5,10,x\n"
    t = read_statistics_table(text.encode(), "t.csv")
    assert [r.statistic for r in t.records] == ["count"]
    assert [c for c, _ in t.ignored_columns] == ["Live/CD8+ | Geometric Mean (VL1-A :: CD25-A)", "Group"]


def test_parse_statistic_spellings_of_long_tables():
    assert parse_statistic("% Gated", "A/B") == "pct_parent"
    assert parse_statistic("%Total", "A/B") == "pct_total"
    assert parse_statistic("#Events", "A/B") == "count"
    assert parse_statistic("Median : FITC-A", "A/B") == "median:FITC-A"
    assert parse_statistic("CV (FITC-A)", "A/B") is None
    assert normalise_path("  Live /  CD45+ /CD25+   FoxP3+ ") == "Live/CD45+/CD25+ FoxP3+"


# ---------------------------------------------------------------- a FlowJo table, CSV and XLSX

HEADER = [
    "",
    "Live/CD45+ | Count",
    "Live/CD45+/CD3+ | Count",
    "Live/CD45+/CD3+/CD8+ | Count",
    "Live/CD45+/CD3+/CD8+ | Freq. of Parent",
    "Live/CD45+/CD3+/CD4+ | Count",
    "Live/CD45+/CD3+/CD4+/CD25+FoxP3+ | Count",
    "Live/CD45+/CD3+/CD4+/CD25+FoxP3+ | Median (Comp-PE-A :: FoxP3)",
    "Live/CD45+/CD3-/NK1.1+ | Count",
    "Live/CD45+/CD3+/CD8+/Ki-67+ | Count",
]
ROWS = [
    ["M21_tumor_d21.fcs", 10000, 4000, 1500, 37.5, 2000, 400, 1234.5, 600, 300],
    ["M22_tumor_d21.fcs", "8.00E+03", 3000, 1000, 33.3, 1500, 0, "NaN", 400, 250],
    ["Mean", 9000, 3500, 1250, 35.4, 1750, 200, 1234.5, 500, 275],
    ["SD", 1414, 707, 354, 3, 354, 283, "", 141, 35],
]


def csv_bytes(header=HEADER, rows=ROWS):
    buf = io.StringIO()
    import csv

    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode()


def xlsx_bytes(header=HEADER, rows=ROWS):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("maker, name", [(csv_bytes, "panel.csv"), (xlsx_bytes, "panel.xlsx")])
def test_a_flowjo_table_in_csv_and_xlsx(maker, name):
    t = read_statistics_table(maker(), name)
    assert t.layout == "wide" and t.samples == ("M21_tumor_d21.fcs", "M22_tumor_d21.fcs")
    assert t.dropped_rows == ("Mean", "SD")
    got = {(r.sample, r.population, r.statistic): r.value for r in t.records}
    assert got[("M22_tumor_d21.fcs", "Live/CD45+", "count")] == 8000.0
    assert ("M22_tumor_d21.fcs", "Live/CD45+/CD3+/CD4+/CD25+FoxP3+", "median:Comp-PE-A :: FoxP3") not in got
    assert (
        got[("M21_tumor_d21.fcs", "Live/CD45+/CD3+/CD4+/CD25+FoxP3+", "median:Comp-PE-A :: FoxP3")] == 1234.5
    )
    assert json.loads(json.dumps(t.to_dict()))["statistics"] == [
        "count",
        "pct_parent",
        "median:Comp-PE-A :: FoxP3",
    ]


def test_the_real_flowjo_layout_of_a_public_export():
    # first lines of lailamrad/Tcell-FlowCytometry-Analysis TcellflowjoCounts.csv (renamed columns there;
    # path headers here), with its E-notation counts and the Mean/SD rows
    text = (
        ",Single Cells | Count,Single Cells/Live | Count,Single Cells/Live/CD4+ | Count\n"
        "A1 SILP 1.fcs,304281,193547,43029\n"
        "A2 SILP 2.fcs,4.43E+05,230599,46058\n"
        "Mean,4.66E+05,178994,27775\n"
        "SD,338734,122045,20016\n"
    )
    t = read_statistics_table(text.encode(), "TcellflowjoCounts.csv")
    assert t.samples == ("A1 SILP 1.fcs", "A2 SILP 2.fcs") and t.dropped_rows == ("Mean", "SD")
    assert t.records[3].value == 443000.0


def test_semicolon_csv_with_decimal_comma_and_percent_signs():
    text = ";Live/CD45+/CD3+ | Freq. of Parent (%)\nA.fcs;37,5 %\n"
    (r,) = read_statistics_table(text.encode(), "eu.csv").records
    assert r.value == 37.5 and r.statistic == "pct_parent"


def test_the_long_layout():
    text = (
        "sample,population,statistic,value\n"
        "M1.fcs,Live/CD45+,Count,1000\n"
        "M1.fcs,Live/CD45+/CD3+,Count,400\n"
        "M1.fcs,Live/CD45+/CD3+,% Parent,40\n"
        "M1.fcs,Live/CD45+/CD3+,Median (Comp-PE-A :: FoxP3),12\n"
    )
    t = read_statistics_table(text.encode(), "long.csv")
    assert t.layout == "long"
    assert [r.statistic for r in t.records] == ["count", "count", "pct_parent", "median:Comp-PE-A :: FoxP3"]


# ---------------------------------------------------------------- bad input


def bad(text, match, name="t.csv"):
    with pytest.raises(ValueError, match=match):
        read_statistics_table(text.encode() if isinstance(text, str) else text, name)


def test_refusals_name_file_line_and_column():
    bad(
        ",A | Count,A/B | Count\nS1.fcs,100,abc\n",
        r"t\.csv, line 2, column C \('A/B \| Count'\): 'abc' is not a number",
    )
    bad(",A | Freq. of Parent\nS1.fcs,100.5\n", r"line 2, column B .*percentage of 100\.5")
    bad(",A | Freq. of Total\nS1.fcs,-1\n", r"line 2, column B .*percentage of -1")
    bad(
        ",A | Count\nS1.fcs,10\nS2.fcs,11\nS1.fcs,12\n",
        r"line 4, column A: sample 'S1.fcs' is listed twice \(also on line 2\)",
    )
    bad(
        ",A | Count,A/B | Count\nS1.fcs,10,12\n",
        r"line 2, column B \('A \| Count'\): sample 'S1.fcs': the count of 'A' \(10\) is below that of its child gate 'A/B' \(12\)",
    )
    bad("", r"t\.csv: the file is empty")
    bad(",A | Count\n", r"the table is empty")
    bad(",A | Count\nMean,1\nSD,0\n", r"the table is empty")
    bad("A | Count,B | Count\n1,2\n", r"line 1, column A .*no sample column")
    bad(",Sample name,Group\nA.fcs,x\n", r"no statistic column")
    bad(
        "sample,population,statistic,value\nS,A,Count,1\nS,A,Count,2\n",
        r"line 3, column A \('sample'\): sample 'S' has count of 'A' twice",
    )
    bad("population,statistic,value\nA,Count,1\n", r"no sample column")
    bad(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, r"\.xls", name="t.xls")
    bad(",A | Count\nS1.fcs,-3\n", r"negative count")


def test_refusals_in_xlsx_say_row():
    with pytest.raises(ValueError, match=r"panel\.xlsx, row 3, column E .*percentage of 137"):
        rows = [list(r) for r in ROWS]
        rows[1][4] = 137
        read_statistics_table(xlsx_bytes(rows=rows), "panel.xlsx")


def test_caps_on_rows_and_columns():
    many_rows = ",A | Count\n" + "".join(f"S{i}.fcs,1\n" for i in range(10_001))
    bad(many_rows, r"10,001 rows; at most 10,000")
    wide = "," + ",".join(f"P{i} | Count" for i in range(2_001)) + "\nS.fcs," + ",".join("1" * 2_001) + "\n"
    bad(wide, r"2,002 columns; at most 2,000")


# ---------------------------------------------------------------- readouts


def test_il2_panel_from_counts():
    t = read_statistics_table(csv_bytes(), "panel.csv")
    vals = compute_readouts(t.records, IL2_PANEL).by_sample()
    m21 = vals["M21_tumor_d21.fcs"]
    assert m21["CD8⁺ % of CD45⁺"] == pytest.approx(1500 / 10000 * 100)
    assert m21["Treg % of CD4⁺"] == pytest.approx(400 / 2000 * 100)
    assert m21["CD8/Treg ratio"] == pytest.approx(1500 / 400)
    assert m21["NK % of CD45⁺"] == pytest.approx(6.0)
    assert m21["Ki-67⁺ % of CD8⁺"] == pytest.approx(20.0)
    # M22 has no Tregs: the ratio is None with its reason, Treg % of CD4⁺ is 0
    table = compute_readouts(t.records, IL2_PANEL)
    (ratio,) = [v for v in table.values if v.sample == "M22_tumor_d21.fcs" and v.readout == "CD8/Treg ratio"]
    assert ratio.value is None and "Live/CD45+/CD3+/CD4+/CD25+FoxP3+ is 0" in ratio.reason
    assert vals["M22_tumor_d21.fcs"]["Treg % of CD4⁺"] == 0
    json.dumps(table.to_dict())


def test_readouts_from_percent_of_parent_chains_and_gates_above_live():
    # no counts; FlowJo paths carry gates above Live (Time/Singlets), matched by the readouts' tail
    g = "Time/Singlets/Live/CD45+"
    text = (
        ",".join(["", f"{g}/CD3+ | Freq. of Parent", f"{g}/CD3+/CD8+ | Freq. of Parent",
                  f"{g}/CD3+/CD4+ | Freq. of Parent", f"{g}/CD3+/CD4+/CD25+ FoxP3+ | Freq. of Parent"])
        + "\nM1.fcs,40,30,50,10\n"
    )  # fmt: skip
    t = read_statistics_table(text.encode(), "pp.csv")
    table = compute_readouts(t.records, IL2_PANEL[:3])
    v = {x.readout: x for x in table.values}
    # CD8 % of CD45: 0.40 · 0.30 · 100 = 12; Treg % CD4 = 10; CD8/Treg within CD3+: 0.30 / (0.50 · 0.10) = 6
    assert v["CD8⁺ % of CD45⁺"].value == pytest.approx(12.0) and v["CD8⁺ % of CD45⁺"].source == "pct_parent"
    assert v["Treg % of CD4⁺"].value == pytest.approx(10.0)
    assert v["CD8/Treg ratio"].value == pytest.approx(6.0)
    assert missing_populations(t.records, IL2_PANEL[:3]) == ()  # Live/CD45+ is there as a gate
    missing = missing_populations(t.records, IL2_PANEL)
    assert [m.path for m in missing] == [
        "Live/CD45+/CD3-/NK1.1+",
        "Live/CD45+/CD3+/CD8+/Ki-67+",
    ]
    assert str(missing[0]) == "Live/CD45+/CD3-/NK1.1+ (for NK % of CD45⁺)"


def test_a_lab_readout_and_validation():
    ro = Readout("CD8 / CD4", "ratio", " Live/CD45+/CD3+/CD8+ ", "/Live/CD45+/CD3+/CD4+")
    assert ro.numerator == "Live/CD45+/CD3+/CD8+" and ro.to_dict()["denominator"] == "Live/CD45+/CD3+/CD4+"
    t = read_statistics_table(csv_bytes(), "panel.csv")
    assert compute_readouts(t.records, [ro]).by_sample()["M21_tumor_d21.fcs"]["CD8 / CD4"] == 0.75
    with pytest.raises(ValueError, match="kind"):
        Readout("x", "difference", "A", "B")


# ---------------------------------------------------------------- statistics across arms

# control C: 1, 2, 2, 4; arm A: 3, 5, 6, 6; arm B: 4, 7, 8, 9 (N = 12)
# pooled sorted 1 2 2 3 4 4 5 6 6 7 8 9 → ranks 1, 2.5, 2.5, 4, 5.5, 5.5, 7, 8.5, 8.5, 10, 11, 12
# rank sums: C 1 + 2.5 + 2.5 + 5.5 = 11.5; A 4 + 7 + 8.5 + 8.5 = 28; B 5.5 + 10 + 11 + 12 = 38.5 (Σ = 78 = 12·13/2)
# ties: three pairs, Σ(t³ − t) = 3 · 6 = 18
DATA = {"C": [1, 2, 2, 4], "A": [3, 5, 6, 6], "B": [4, 7, 8, 9]}


def mice(data=DATA):
    return [MouseValue(f"{a}{i}", a, f"arm {a}", v) for a, vs in data.items() for i, v in enumerate(vs)]


def test_kruskal_wallis_and_dunn_vs_control_with_holm_by_hand():
    res = compare_arms(mice(), "C", readout="CD8/Treg ratio")
    # R: kruskal.test(list(C, A, B)): H = (12/(N(N+1)) Σ R²/n − 3(N+1)) / (1 − Σ(t³−t)/(N³−N))
    h_raw = 12 / (12 * 13) * (11.5**2 / 4 + 28**2 / 4 + 38.5**2 / 4) - 3 * 13
    assert h_raw == pytest.approx(7.125)
    h = h_raw / (1 - 18 / (12**3 - 12))
    assert res.omnibus["h"] == pytest.approx(h) and res.omnibus["df"] == 2
    assert res.omnibus["p"] == pytest.approx(math.exp(-h / 2))  # χ² with 2 df: p = e^(−H/2)
    # Dunn (1964), ties corrected (dunn.test / FSA::dunnTest): var = N(N+1)/12 − Σ(t³−t)/(12(N−1))
    var = 12 * 13 / 12 - 18 / (12 * 11)
    se = math.sqrt(var * (1 / 4 + 1 / 4))
    z_a, z_b = (28 / 4 - 11.5 / 4) / se, (38.5 / 4 - 11.5 / 4) / se
    p_a, p_b = 2 * stats.norm.sf(z_a), 2 * stats.norm.sf(z_b)
    by = {c.arm_id: c for c in res.vs_control}
    assert by["A"].statistic == pytest.approx(z_a) and by["B"].statistic == pytest.approx(z_b)
    assert by["A"].p == pytest.approx(p_a) and by["B"].p == pytest.approx(p_b)
    # Holm over the two comparisons: p_B (smaller) × 2, then max(that, p_A × 1)
    assert by["B"].p_holm == pytest.approx(min(1, 2 * p_b))
    assert by["A"].p_holm == pytest.approx(max(2 * p_b, p_a))
    arms = {a.arm_id: a for a in res.arms}
    assert arms["C"].mean_rank == pytest.approx(2.875) and arms["B"].mean_rank == pytest.approx(9.625)
    # R quantile(c(1, 2, 2, 4), type = 7): Q1 at 1 + 0.75·(2 − 1) = 1.75, Q3 at 2 + 0.25·(4 − 2) = 2.5
    assert (arms["C"].median, arms["C"].q1, arms["C"].q3) == (2.0, 1.75, 2.5)
    assert quantile7([3, 5, 6, 6], 0.25) == pytest.approx(4.5)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["method"] == "kruskal_dunn" and d["vs_control"][0]["df"] is None
    assert set(d) >= {"readout", "arms", "omnibus", "vs_control", "excluded", "flags", "method_text"}


def test_welch_on_log_values_vs_control_by_hand():
    data = {"C": [1.0, 2.0, 2.0, 4.0], "A": [3.0, 5.0, 6.0, 6.0], "B": [4.0, 7.0, 8.0, 0.0]}
    res = compare_arms(mice(data), "C", method="welch_log")
    assert res.excluded == (("B3", "value ≤ 0 has no logarithm"),)
    by = {c.arm_id: c for c in res.vs_control}
    for arm in ("A", "B"):
        la, lc = np.log([v for v in data[arm] if v > 0]), np.log(data["C"])
        va, vc = la.var(ddof=1) / la.size, lc.var(ddof=1) / lc.size
        t = (la.mean() - lc.mean()) / math.sqrt(va + vc)
        df = (va + vc) ** 2 / (va**2 / (la.size - 1) + vc**2 / (lc.size - 1))  # Welch–Satterthwaite
        assert by[arm].statistic == pytest.approx(t) and by[arm].df == pytest.approx(df)
        assert by[arm].p == pytest.approx(2 * stats.t.sf(abs(t), df))
        assert by[arm].ratio == pytest.approx(math.exp(la.mean() - lc.mean()))
        half = stats.t.ppf(0.975, df) * math.sqrt(va + vc)
        assert by[arm].ratio_ci == pytest.approx(
            (math.exp(la.mean() - lc.mean() - half), math.exp(la.mean() - lc.mean() + half))
        )
    ps = sorted([by["A"].p, by["B"].p])
    assert sorted([by["A"].p_holm, by["B"].p_holm]) == pytest.approx([2 * ps[0], max(2 * ps[0], ps[1])])
    assert res.omnibus is None
    json.dumps(res.to_dict())


def test_comparison_refusals_and_missing_values():
    m = mice() + [MouseValue("X", "C", "arm C", None)]
    res = compare_arms(m, "C")
    assert res.excluded == (("X", "no value"),) and res.arms[0].n == 4
    with pytest.raises(ValueError, match="control arm 'Z'"):
        compare_arms(mice(), "Z")
    with pytest.raises(ValueError, match="listed twice"):
        compare_arms(mice() + [MouseValue("C0", "A", "arm A", 1)], "C")
    with pytest.raises(ValueError, match="two arms"):
        compare_arms(mice({"C": [1, 2]}), "C")
    with pytest.raises(ValueError, match="method"):
        compare_arms(mice(), "C", method="anova")
    flat = compare_arms(mice({"C": [2, 2], "A": [2, 2]}), "C")
    assert flat.flags == ("all_values_equal",) and flat.vs_control[0].p is None


def test_spearman_of_readout_against_response():
    # ranks of the readout 1..5, response ranks (5, 4, 3, 1, 2): Σd² = 16 + 4 + 0 + 9 + 9 = 38,
    # ρ = 1 − 6·38/(5·24) = −0.9; exact p (R cor.test, n = 5): ρ ≤ −0.9 (Σd² ≥ 38) in 5 of the 120
    # orderings (the reversed one, Σd² = 40, and its 4 adjacent swaps, 38); two-sided 2 · 5/120
    pairs = [
        ("M1", 1.0, 0.5),
        ("M2", 2.0, 0.4),
        ("M3", 3.0, 0.3),
        ("M4", 4.0, 0.1),
        ("M5", 5.0, 0.2),
        ("M6", None, 0.1),
    ]
    res = correlate_with_response(pairs, readout="CD8/Treg ratio")
    assert res.correlation.rho == pytest.approx(-0.9) and res.correlation.p == pytest.approx(10 / 120)
    assert res.excluded == (("M6", "no readout value"),)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["correlation"]["n"] == 5 and d["points"][0] == {"animal_id": "M1", "value": 1.0, "response": 0.5}


def test_an_ambiguous_readout_population_is_named_with_its_candidates():
    text = ",A/Live/CD45+ | Count,B/Live/CD45+ | Count\nM1.fcs,10,20\n"
    t = read_statistics_table(text.encode(), "amb.csv")
    m = {x.path: x for x in missing_populations(t.records, IL2_PANEL[:1])}["Live/CD45+"]
    assert m.candidates == ("A/Live/CD45+", "B/Live/CD45+")
    (v,) = compute_readouts(t.records, IL2_PANEL[:1]).values
    assert v.value is None and "ambiguous" in v.reason
