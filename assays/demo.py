"""Demo data of the assays app for `make run`, and the documented simulations the tests reuse.

* ELISA: the real SoftMax Pro export in tests/refdata (two 96-well plates, 7-point 2-fold standard curve from
  320 ng/mL), with a layout and a run (log-log fit, one standard curve per plate).
* Reporter bioassay (simulated, seeded): an IL-2 luminescent reporter plate. Signal model per well:
  RLU = 2,000 + (200,000 − 2,000) / (1 + (EC50 / dose)^1.2) with 5 % log-normal noise; reference IL-2
  EC50 0.5 ng/mL; a test lot of wild-type IL-2 (EC50 0.5, relative potency 1) and a "not-alpha" mutein
  (EC50 2.0, relative potency 0.25). Rows G/H hold positive controls (10 ng/mL), untreated cells and
  cell-free background.
* T-cell stimulation time course (simulated, seeded): IL-2 ELISA plates at 6, 12, 24 and 48 h, each with
  its own standard curve (4PL, 7 levels from 1,000 pg/mL), QC samples at 800, 200 and 50 pg/mL (QC-H/M/L)
  in duplicate and supernatants of four conditions in triplicate at 1:2; secretion follows
  c(t) = peak · (t/t_peak) · exp(1 − t/t_peak). Every well has 3 % log-normal noise. The 24 h run has a
  second version asking for a 5PL (the simulated curve is a 4PL, so the 4PL is kept and the page says why).
* ELISA dilution linearity (simulated, seeded): one IL-2 ELISA plate (the same 4PL standard curve, 7 levels
  from 1,000 pg/mL) with three sera in duplicate at 1:10, 1:100 and 1:1000. Serum A (5,000 pg/mL) is linear;
  serum B (400,000 pg/mL) shows a hook (prozone) of a one-step sandwich ELISA: a well at concentration c
  reads the signal of c / (1 + (c / 2,000 pg/mL)²), so the 1:10 and 1:100 wells read falsely low and the
  corrected concentration rises with dilution; serum C (3,000 pg/mL) has matrix interference that
  suppresses the 1:10 well's apparent concentration by 45 % (not linear). 3 % log-normal noise per well.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from assays import services
from assays.models import AssayRun, Layout

ROOT = Path(__file__).resolve().parents[1]
SOFTMAX_FILE = (
    ROOT
    / "tests"
    / "refdata"
    / "platereader"
    / "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"
)
DOSES_NG_ML = [100 / 3**i for i in range(10)]
SERIES = "Demo OT-I stimulation"


def _four_pl(dose: float, bottom: float, top: float, ec50: float, hill: float) -> float:
    return bottom + (top - bottom) / (1 + (ec50 / dose) ** hill) if dose > 0 else bottom


def bioassay_layout() -> list[dict]:
    wells = []
    series = [
        ("A", "B", "standard", "IL-2 reference standard"),
        ("C", "D", "sample", "IL-2 wt (test lot)"),
        ("E", "F", "sample", "not-alpha mutein"),
    ]
    for row_a, row_b, role, name in series:
        for col, dose in enumerate(DOSES_NG_ML, start=1):
            for row in (row_a, row_b):
                wells.append(
                    {
                        "well": f"{row}{col}",
                        "role": role,
                        "sample": name,
                        "group": f"{name} {dose:.3g}",
                        "concentration": dose,
                        "unit": "ng/mL",
                    }
                )
    wells += [{"well": f"G{c}", "role": "positive_control", "group": "IL-2 10 ng/mL"} for c in range(1, 7)]
    wells += [{"well": f"G{c}", "role": "negative_control", "group": "untreated"} for c in range(7, 13)]
    wells += [{"well": f"H{c}", "role": "negative_control", "group": "untreated"} for c in range(1, 7)]
    wells += [{"well": f"H{c}", "role": "blank", "group": "cell-free"} for c in range(7, 13)]
    return wells


def bioassay_plate_csv(seed: int = 7) -> bytes:
    rng = random.Random(seed)
    ec50 = {"A": 0.5, "B": 0.5, "C": 0.5, "D": 0.5, "E": 2.0, "F": 2.0}
    lines = ["well,value,kind"]
    for row in "ABCDEFGH":
        for col in range(1, 13):
            if row in ec50 and col <= 10:
                mean = _four_pl(DOSES_NG_ML[col - 1], 2000, 200000, ec50[row], 1.2)
            elif row in ec50:
                continue
            elif row == "G":
                mean = _four_pl(10, 2000, 200000, 0.5, 1.2) if col <= 6 else 2000
            else:
                mean = 2000 if col <= 6 else 300
            lines.append(f"{row}{col},{mean * math.exp(rng.gauss(0, 0.05)):.0f},luminescence")
    return ("\n".join(lines) + "\n").encode()


def elisa_time_course_csv(hours: float, seed: int) -> bytes:
    """One simulated IL-2 ELISA plate (OD450) of the time course."""
    rng = random.Random(seed)
    peaks = {
        "unstimulated": (15, 24),
        "anti-CD3": (350, 24),
        "anti-CD3 + anti-CD28": (1400, 24),
        "PMA/ionomycin": (1800, 12),
    }
    od = {}
    for level in range(7):
        conc = 1000 / 2**level
        for col in (1, 2):
            od[f"{'ABCDEFG'[level]}{col}"] = _four_pl(conc, 0.05, 3.2, 180, 1.1)
    for col in (1, 2):
        od[f"H{col}"] = 0.05
    for index, (peak, t_peak) in enumerate(peaks.values()):
        conc = peak * (hours / t_peak) * math.exp(1 - hours / t_peak) / 2  # supernatant diluted 1:2
        for col in (3, 4, 5):
            od[f"{'ABCD'[index]}{col}"] = _four_pl(max(conc, 1e-6), 0.05, 3.2, 180, 1.1)
    for row, (_name, conc) in zip("EFG", QC_LEVELS, strict=True):
        for col in (3, 4):
            od[f"{row}{col}"] = _four_pl(conc, 0.05, 3.2, 180, 1.1)
    lines = ["well,value,kind,wavelength_nm"]
    for well, value in od.items():
        lines.append(f"{well},{value * math.exp(rng.gauss(0, 0.03)):.4f},absorbance,450")
    return ("\n".join(lines) + "\n").encode()


#: QC samples of the T-cell ELISA (spiked IL-2, in duplicate): high, mid and low, inside the 7.8-1,000 pg/mL curve
QC_LEVELS = (("QC-H", 800.0), ("QC-M", 200.0), ("QC-L", 50.0))


def elisa_time_course_layout() -> list[dict]:
    wells = []
    for level in range(7):
        for col in (1, 2):
            wells.append(
                {
                    "well": f"{'ABCDEFG'[level]}{col}",
                    "role": "standard",
                    "group": f"S{level + 1}",
                    "concentration": 1000 / 2**level,
                    "unit": "pg/mL",
                }
            )
    wells += [{"well": f"H{c}", "role": "blank", "group": "zero"} for c in (1, 2)]
    for index, condition in enumerate(["unstimulated", "anti-CD3", "anti-CD3 + anti-CD28", "PMA/ionomycin"]):
        for col in (3, 4, 5):
            wells.append(
                {
                    "well": f"{'ABCD'[index]}{col}",
                    "role": "sample",
                    "sample": condition,
                    "dilution_factor": 2,
                    "unit": "pg/mL",
                }
            )
    for row, (name, conc) in zip("EFG", QC_LEVELS, strict=True):
        wells += [
            {"well": f"{row}{col}", "role": "qc", "group": name, "concentration": conc, "unit": "pg/mL"}
            for col in (3, 4)
        ]
    return wells


def softmax_layout() -> list[dict]:
    wells = []
    for level, row in enumerate("ABCDEFG"):
        for col in (1, 2, 3):
            wells.append(
                {
                    "well": f"{row}{col}",
                    "role": "standard",
                    "group": f"STD{level + 1}",
                    "concentration": 320 / 2**level,
                    "unit": "ng/mL",
                }
            )
    wells += [{"well": f"H{c}", "role": "blank", "group": "zero"} for c in (1, 2, 3)]
    for block, columns in enumerate(((4, 5, 6), (7, 8, 9), (10, 11, 12))):
        for index, row in enumerate("ABCDEFGH"):
            wells += [
                {
                    "well": f"{row}{c}",
                    "role": "sample",
                    "sample": f"serum {block * 8 + index + 1}",
                    "dilution_factor": 10,
                    "unit": "ng/mL",
                }
                for c in columns
            ]
    return wells


#: the sera of the dilution-linearity demo: (name, row, concentration in pg/mL)
DILUTION_SERA = (
    ("serum A (linear)", "A", 5_000.0),
    ("serum B (hook)", "B", 400_000.0),
    ("serum C (matrix)", "C", 3_000.0),
)
DILUTION_COLUMNS = ((10, (3, 4)), (100, (5, 6)), (1000, (7, 8)))
HOOK_K_PG_ML = 2_000.0


def elisa_dilution_layout() -> list[dict]:
    """Standards as in the T-cell ELISA (A1:G2, blanks H1:H2); three sera at 1:10, 1:100, 1:1000 in duplicate."""
    wells = [w for w in elisa_time_course_layout() if w["role"] in ("standard", "blank")]
    for name, row, _ in DILUTION_SERA:
        for dilution, columns in DILUTION_COLUMNS:
            wells += [
                {
                    "well": f"{row}{c}",
                    "role": "sample",
                    "sample": name,
                    "dilution_factor": dilution,
                    "unit": "pg/mL",
                }
                for c in columns
            ]
    return wells


def elisa_dilution_csv(seed: int = 11) -> bytes:
    """The simulated dilution-linearity plate (OD450); see the module docstring for the hook and matrix models."""
    rng = random.Random(seed)
    od = {}
    for level in range(7):
        for col in (1, 2):
            od[f"{'ABCDEFG'[level]}{col}"] = _four_pl(1000 / 2**level, 0.05, 3.2, 180, 1.1)
    for col in (1, 2):
        od[f"H{col}"] = 0.05
    for name, row, conc in DILUTION_SERA:
        for dilution, columns in DILUTION_COLUMNS:
            in_well = conc / dilution
            if name.endswith("(hook)"):
                in_well = in_well / (1 + (in_well / HOOK_K_PG_ML) ** 2)
            elif name.endswith("(matrix)") and dilution == 10:
                in_well *= 0.55
            for col in columns:
                od[f"{row}{col}"] = _four_pl(in_well, 0.05, 3.2, 180, 1.1)
    lines = ["well,value,kind,wavelength_nm"]
    for well, value in od.items():
        lines.append(f"{well},{value * math.exp(rng.gauss(0, 0.03)):.4f},absorbance,450")
    return ("\n".join(lines) + "\n").encode()


def load_dilution_demo(*, lab, user) -> list[str]:
    """The ELISA dilution-linearity run (simulated): one linear serum, one with a hook, one with matrix effect."""
    name = "Demo IL-2 ELISA dilution linearity"
    if AssayRun.objects.filter(lab=lab, name=name).exists():
        return []
    plates = _plates(lab, user, elisa_dilution_csv(), "demo_il2_elisa_dilutions.csv")
    layout = _layout(lab, user, "IL-2 ELISA, sera at 1:10, 1:100, 1:1000", elisa_dilution_layout())
    services.run_create(
        lab=lab,
        user=user,
        kind="elisa",
        layout=layout,
        plates=plates,
        name=name,
        settings={"model": "4PL", "weighting": "1/y2"},
    )
    return ["ELISA dilution linearity run (simulated: linear, hook and matrix-effect sera)"]


def _layout(lab, user, name, wells, rows=8, columns=12) -> Layout:
    return Layout.objects.filter(lab=lab, name=name).first() or services.layout_create(
        lab=lab, user=user, name=name, rows=rows, columns=columns, wells=wells
    )


def _plates(lab, user, data: bytes, filename: str):
    return services.plate_import(lab=lab, data=data, filename=filename, user=user).plates


def load_assay_demo(*, lab, user) -> list[str]:
    made = []
    if (
        not AssayRun.objects.filter(lab=lab, name="Demo IL-2 ELISA (SoftMax export)").exists()
        and SOFTMAX_FILE.exists()
    ):
        plates = _plates(lab, user, SOFTMAX_FILE.read_bytes(), SOFTMAX_FILE.name)
        layout = _layout(lab, user, "SoftMax ELISA, 7-point 2-fold", softmax_layout())
        services.run_create(
            lab=lab,
            user=user,
            kind="elisa",
            layout=layout,
            plates=plates,
            name="Demo IL-2 ELISA (SoftMax export)",
            settings={
                "model": "loglog",
                "weighting": "none",
                "blank_subtraction": False,
                "reference_wavelength_nm": None,
            },
        )
        made.append("ELISA run on the SoftMax Pro export")
    if not AssayRun.objects.filter(lab=lab, name="Demo IL-2 reporter bioassay").exists():
        plates = _plates(lab, user, bioassay_plate_csv(), "demo_il2_reporter_bioassay.csv")
        layout = _layout(lab, user, "IL-2 reporter, 10-point 3-fold, 3 curves", bioassay_layout())
        services.run_create(
            lab=lab,
            user=user,
            kind="bioassay",
            layout=layout,
            plates=plates,
            name="Demo IL-2 reporter bioassay",
            settings={},
        )
        made.append("reporter bioassay run (simulated)")
    if not AssayRun.objects.filter(lab=lab, series=SERIES).exists():
        layout = _layout(lab, user, "T-cell supernatant ELISA", elisa_time_course_layout())
        for seed, hours in enumerate((6, 12, 24, 48)):
            plates = _plates(lab, user, elisa_time_course_csv(hours, seed), f"demo_tcell_{hours}h.csv")
            run, _ = services.run_create(
                lab=lab,
                user=user,
                kind="elisa",
                layout=layout,
                plates=plates,
                name=f"OT-I supernatants {hours} h",
                settings={"model": "4PL", "weighting": "1/y2"},
                series=SERIES,
                timepoint_h=hours,
            )
            if hours == 24:
                # a second version asking for a 5PL: the page says which model was fitted and why
                services.run_reanalyse(
                    run=run,
                    user=user,
                    excluded_wells=[],
                    settings={"model": "5PL"},
                    reason="is an asymmetric (5PL) curve justified?",
                )
        made.append("T-cell stimulation time course (simulated, 4 runs, QC-H/M/L in duplicate)")
    made += load_dilution_demo(lab=lab, user=user)
    return made
