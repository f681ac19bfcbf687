"""Excel exports (Gen5, BMG MARS, VICTOR X3/X4, Magellan kinetic) and the VICTOR X3 list export.

Real .xlsx exports of these instruments are not available as text in the public sources the corpus draws
on, so the workbooks here are built with openpyxl from real text exports in the corpus, cell for cell as
the vendor's "Export to Excel" writes them (numbers as numbers, kinetic times as Excel times); each test
says which file it was built from. The VICTOR X3 text file is a real export (an excerpt, see the corpus
README)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from assays.readers import ParseError, detect_format, read_plate_file

CORPUS = Path(__file__).resolve().parents[2] / "refdata" / "corpus"
VICTOR = CORPUS / "revvity_victor_x3" / "victorx3_abs600-gfp-kinetic-repeats-1-2-of-17-excerpt_96well.txt"
GEN5_KINETIC = CORPUS / "agilent_gen5" / "gen5_kinetic-abs420-61reads-meanV-stdcurve_96well.txt"
GEN5_SPECTRUM = CORPUS / "agilent_gen5" / "gen5_synergyh1_abs-spectrum-14-wavelengths-step30_96well.txt"
GEN5_ENDPOINT = CORPUS / "agilent_gen5" / "gen5_abs450-blank-concentration-linear-stdcurve_96well.txt"
MARS = CORPUS / "bmg_mars" / "mars_pherastar_fi-580-620-transcreener_384well.csv"


def _typed(cell: str):
    """A text field as Excel holds it: numbers as numbers, h:mm:ss as a time of day, the rest as text."""
    t = cell.strip()
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    if re.fullmatch(r"-?\d*\.\d+(E[-+]?\d+)?|-?\d+E[-+]?\d+", t, re.I):
        return float(t)
    m = re.fullmatch(r"(\d{1,2}):(\d{2}):(\d{2})", t)
    if m and int(m.group(1)) < 24:
        return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return cell if cell else None


def workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def text_rows(path: Path, delimiter: str) -> list[list]:
    text = path.read_bytes().decode("utf-8")
    lines = text.splitlines()
    if delimiter == ",":
        return [[_typed(c) for c in row] for row in csv.reader(lines)]
    return [[_typed(c) for c in ln.split(delimiter)] for ln in lines]


def _measured(result):
    return [r for p in result.plates for r in p.reads if not r.calculated]


# --------------------------------------------------------------------------------------------------
# VICTOR X3 / X4
# --------------------------------------------------------------------------------------------------


def test_a_victor_x3_kinetic_run_is_one_kinetic_read_per_label_not_one_read_per_repeat():
    result = read_plate_file(VICTOR.read_bytes(), filename=VICTOR.name)
    assert result.vendor == "victor_x3"
    (plate,) = result.plates
    assert (plate.rows, plate.columns) == (8, 12)  # "Generic 8x12 size plate"
    od, gfp = plate.reads
    assert (od.label, od.kind, od.wavelength_nm, od.mode) == (
        "Absorbance @ 600",
        "absorbance",
        600,
        "kinetic",
    )
    assert od.timepoints == (41.29, 1880.28) and len(od.wells) == 96
    assert od.value("A1", 41.29) == 0.057 and od.value("H12", 1880.28) == 0.039
    assert od.metadata["well_time_offsets_s"]["A2"] == pytest.approx(0.32)
    assert (gfp.kind, gfp.wavelength_nm, gfp.metadata["excitation_nm"]) == ("fluorescence", 535, 485)
    assert gfp.value("E10", 104.84) == 17643 and gfp.value("F12", 1943.85) == 17112
    assert any("declares 17 repeats and the list holds 2" in w for w in result.warnings)


def _victor_with_grids() -> str:
    """The excerpt with the per-repeat sections the full export has after its list (a start/end temperature
    line and one unlabelled 8x12 grid per label, copies of the list values), built from the list."""
    text = VICTOR.read_text()
    head, protocol = text.split("\t\t\t\t\t\t\t\t\t\t\t \n", 1)
    rows = [ln.split("\t") for ln in head.splitlines()[1:]]
    blank = "\t" * 11 + " \n"
    out = [head + "\n", blank]
    for rep, (t0, t1) in {1: ("29.8", "29.9"), 2: ("29.9", "30")}.items():
        out.append("Plate\tRepeat\tEnd time\tStart temp.\tEnd temp.\tBarCode" + "\t" * 6 + " \n")
        out.append(f"1\t{rep}\t1:00:00 PM\t{t0}\t{t1}\tN/A" + "\t" * 6 + " \n")
        for col, label in ((5, "Absorbance @ 600 (A)"), (7, "GFP (Counts)")):
            out += [blank, label + "\t" * 11 + " \n", "0" + "\t" * 11 + " \n", blank]
            mine = [r for r in rows if r[1] == str(rep)]
            for k in range(8):
                out.append("\t".join(r[col] for r in mine[k * 12 : (k + 1) * 12]) + "\n")
    out += [blank, protocol]
    return "".join(out)


def test_the_per_repeat_grids_after_the_victor_list_are_not_read_as_more_reads():
    result = read_plate_file(_victor_with_grids().encode(), filename="victor.txt")
    (plate,) = result.plates
    assert [r.label for r in plate.reads] == ["Absorbance @ 600", "GFP"]
    assert plate.reads[0].metadata["temperatures_c"] == [29.8, 29.9]


def test_a_victor_x4_excel_list_export_is_read_like_its_text():
    rows = [[_typed(c) for c in ln.split("\t")] for ln in VICTOR.read_text().splitlines()]
    data = workbook({"Sheet1": rows})
    assert detect_format(data, "victor.xlsx") == "victor_x3"
    result = read_plate_file(data, filename="victor.xlsx")
    text = read_plate_file(VICTOR.read_bytes(), filename=VICTOR.name)
    for a, b in zip(_measured(result), _measured(text), strict=True):
        assert (a.label, a.kind, a.timepoints) == (b.label, b.kind, b.timepoints)
        assert [(p.well, p.value) for p in a.points] == [(p.well, p.value) for p in b.points]


# --------------------------------------------------------------------------------------------------
# Gen5 Excel
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [GEN5_KINETIC, GEN5_SPECTRUM, GEN5_ENDPOINT], ids=lambda p: p.name[:30])
def test_a_gen5_excel_export_is_read_like_the_text_export_it_mirrors(source):
    data = workbook({"Plate 1": text_rows(source, "\t")})
    assert detect_format(data, "gen5.xlsx") == "gen5_xlsx"
    result = read_plate_file(data, filename="gen5.xlsx")
    text = read_plate_file(source.read_bytes(), filename=source.name)
    assert [(p.rows, p.columns) for p in result.plates] == [(p.rows, p.columns) for p in text.plates]
    mine, theirs = _measured(result), _measured(text)
    assert [(r.label, r.kind, r.mode, len(r.axis)) for r in mine] == [
        (r.label, r.kind, r.mode, len(r.axis)) for r in theirs
    ]
    for a, b in zip(mine, theirs, strict=True):
        assert [(p.well, p.time_s, p.wavelength_nm, p.value, p.flag) for p in a.points] == [
            (p.well, p.time_s, p.wavelength_nm, p.value, p.flag) for p in b.points
        ]
    assert [r.label for p in result.plates for r in p.reads if r.calculated] == [
        r.label for p in text.plates for r in p.reads if r.calculated
    ]
    assert any("Gen5 Excel export" in w for w in result.warnings)


def test_a_gen5_excel_kinetic_export_keeps_its_61_time_points_and_max_v_as_calculated():
    result = read_plate_file(workbook({"Plate 1": text_rows(GEN5_KINETIC, "\t")}), filename="k.xlsx")
    (kinetic,) = [r for r in _measured(result) if r.mode == "kinetic"]
    assert len(kinetic.timepoints) == 61 and kinetic.kind == "absorbance" and kinetic.wavelength_nm == 420
    assert all(r.calculated for p in result.plates for r in p.reads if "V" in r.label and r is not kinetic)


# --------------------------------------------------------------------------------------------------
# BMG MARS Excel
# --------------------------------------------------------------------------------------------------


def test_a_mars_excel_export_is_read_like_its_csv():
    data = workbook({"Sheet1": text_rows(MARS, ",")})
    assert detect_format(data, "mars.xlsx") == "bmg_mars_xlsx"
    result = read_plate_file(data, filename="mars.xlsx")
    text = read_plate_file(MARS.read_bytes(), filename=MARS.name)
    (read,) = _measured(result)
    (expected,) = _measured(text)
    assert (read.kind, read.wavelength_nm, read.metadata.get("excitation_nm")) == (
        expected.kind, expected.wavelength_nm, expected.metadata.get("excitation_nm"),
    )  # fmt: skip
    assert [(p.well, p.value) for p in read.points] == [(p.well, p.value) for p in expected.points]
    assert (result.plates[0].rows, result.plates[0].columns) == (16, 24)


# --------------------------------------------------------------------------------------------------
# Magellan kinetic
# --------------------------------------------------------------------------------------------------


def _magellan_kinetic(with_settings: bool = True) -> bytes:
    """After the layout MTPHandler's Magellan reader documents: one line per cycle in column A
    ("<weekday>, <month> <day>, <year>: <hh:mm:ss> / <t> sec / <temp>°C"), then per row a well and its
    values per cycle (two wells per row here)."""
    cycles = [
        f"Tuesday, March 12, 2024: 10:{15 + k:02d}:02 / {60 * k} sec / {25.0 + k / 10:.1f}°C"
        for k in range(4)
    ]
    rows: list[list] = [[c] for c in cycles] + [[None]]
    for r in "ABC":
        rows.append([f"{r}1", *(round(0.1 * (k + 1) + (ord(r) - 65) / 100, 4) for k in range(4)),
                     f"{r}2", *(round(0.2 * (k + 1), 4) for k in range(4))])  # fmt: skip
    if with_settings:
        rows += [
            [None],
            ["Absorbance"],
            ["Measurement wavelength: 405 nm"],
            ["Plate definition file: GRE96ft.pdfx"],
        ]
    return workbook({"Magellan Sheet 1": rows})


def test_a_magellan_kinetic_workbook_is_one_kinetic_read_with_every_well():
    data = _magellan_kinetic()
    assert detect_format(data, "magellan.xlsx") == "tecan_magellan"
    result = read_plate_file(data, filename="magellan.xlsx")
    (plate,) = result.plates
    (read,) = plate.reads
    assert (plate.rows, plate.columns) == (8, 12)
    assert (read.kind, read.wavelength_nm, read.mode, read.timepoints) == (
        "absorbance", 405, "kinetic", (0, 60, 120, 180),
    )  # fmt: skip
    assert read.wells == ("A1", "A2", "B1", "B2", "C1", "C2")
    assert read.value("B1", 120) == pytest.approx(0.31) and read.value("C2", 180) == pytest.approx(0.8)
    assert read.metadata["temperatures_c"] == [25.0, 25.1, 25.2, 25.3]


def test_a_magellan_kinetic_workbook_without_settings_says_what_it_cannot_know():
    result = read_plate_file(_magellan_kinetic(with_settings=False), filename="magellan.xlsx")
    read = result.plates[0].reads[0]
    assert read.kind == "other" and read.mode == "kinetic"
    assert any("does not name its read mode" in w for w in result.warnings)
    assert any("does not declare its plate type" in w for w in result.warnings)


def test_a_magellan_kinetic_row_with_more_values_than_cycles_is_refused_naming_the_row():
    wb = openpyxl.load_workbook(io.BytesIO(_magellan_kinetic()))
    ws = wb.active
    ws.cell(row=6, column=6, value=9.9)  # A1 gets a fifth value
    ws.cell(row=6, column=7, value=None)
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ParseError) as err:
        read_plate_file(buf.getvalue(), filename="magellan.xlsx")
    assert "Row 6" in err.value.message and "4 kinetic cycles" in err.value.message


# --------------------------------------------------------------------------------------------------
# BMG MARS table layout (kinetic and endpoint), CSV and Excel
# --------------------------------------------------------------------------------------------------


def mars_table(labels: list[str], times: list[str] | None, wells: list[tuple[str, int, str]]) -> str:
    """A MARS table export as MARS writes it (header lines padded with commas, an empty line after every
    line, ``Well Row,Well Col,Content`` then one column per read or cycle, a ``,,Time,...`` line for a
    kinetic run); the layout is the one of a public CLARIOstar OD600 kinetic export, the numbers are ours."""
    pad = "," * 12
    lines = [
        "User: USER,Path: C:\\Program Files (x86)\\BMG\\CLARIOstar\\User\\Data\\,Test run no.: 12" + pad,
        "Test name: OD600 growth,Date: 01/02/2025,Time: 10:00:00" + pad,
        "ID1: run 7,ID2: test" + pad,
        "Absorbance" + pad,
        pad,
        "Well Row,Well Col,Content," + ",".join(labels),
    ]
    if times is not None:
        lines.append(",,Time," + ",".join(times))
    for k, (r, c, content) in enumerate(wells):
        n = len(labels)
        lines.append(f"{r},{c},{content}," + ",".join(f"{0.08 + 0.01 * i * (k + 1):.3f}" for i in range(n)))
    return "".join(line + "\r\n\r\n" for line in lines)


KINETIC_TIMES = ["0 h ", "0 h 15 min", "0 h 30 min", "0 h 45 min", "0 h 60 min", "1 h 15 min"]
WELLS_96 = [("A", 1, "Sample X1"), ("B", 1, "Sample X13"), ("A", 2, "Sample X2"), ("H", 12, "Blank B")]


def test_a_mars_kinetic_table_export_is_one_kinetic_read():
    data = mars_table(["Raw Data (600)"] * 6, KINETIC_TIMES, WELLS_96).encode()
    assert detect_format(data, "mars.csv") == "bmg_mars"
    result = read_plate_file(data, filename="mars.csv")
    (plate,) = result.plates
    (read,) = plate.reads
    assert (read.kind, read.wavelength_nm, read.mode) == ("absorbance", 600, "kinetic")
    assert read.timepoints == (0, 900, 1800, 2700, 3600, 4500)
    assert read.value("A2", 4500) == pytest.approx(0.08 + 0.05 * 3) and read.value("H12", 0) == 0.08
    assert (plate.rows, plate.columns, plate.instrument) == (8, 12, "CLARIOstar")
    assert plate.metadata["contents"]["B1"] == "Sample X13"
    assert any("table layout" in w for w in result.warnings)


def test_a_mars_endpoint_table_keeps_each_read_and_marks_calculations():
    labels = ["Raw Data (450)", "Raw Data (570)", "Blank corrected based on Raw Data (450)"]
    result = read_plate_file(mars_table(labels, None, WELLS_96).encode(), filename="mars.csv")
    a450, a570, blank = result.plates[0].reads
    assert (a450.kind, a450.wavelength_nm, a450.mode, a450.value("A1")) == (
        "absorbance",
        450,
        "endpoint",
        0.08,
    )
    assert (a570.wavelength_nm, a570.value("A2")) == (570, pytest.approx(0.11))
    assert blank.calculated and blank.kind == "other" and blank.value("H12") == pytest.approx(0.16)


@pytest.mark.parametrize("text", ["0 h ", "0 h 15 min", "27 h", "30 s", "1 h 2 min 5 s"])
def test_it_reads_mars_cycle_times(text):
    from assays.readers.bmg_mars import mars_time

    assert (
        mars_time(text)
        == {"0 h ": 0, "0 h 15 min": 900, "27 h": 97200, "30 s": 30, "1 h 2 min 5 s": 3725}[text]
    )


def test_a_mars_kinetic_table_in_excel_is_read_like_its_csv():
    text = mars_table(["Raw Data (600)"] * 6, KINETIC_TIMES, WELLS_96)
    rows = [[_typed(c) for c in row] for row in csv.reader(text.splitlines()) if any(row)]
    data = workbook({"Table All Cycles": rows})
    assert detect_format(data, "mars.xlsx") == "bmg_mars_xlsx"
    (read,) = read_plate_file(data, filename="mars.xlsx").plates[0].reads
    assert (
        read.mode == "kinetic" and len(read.timepoints) == 6 and read.value("B1", 900) == pytest.approx(0.1)
    )


# --------------------------------------------------------------------------------------------------
# SkanIt kinetic results sheet without the Raw data sheet
# --------------------------------------------------------------------------------------------------

SKANIT_KINETIC = CORPUS.parent / "platereader" / "thermo_multiskansky_skanit-kinetic-abs340.xlsx"


def _skanit_without(*sheet_names: str, clear_times: bool = False) -> bytes:
    """The real SkanIt (Multiskan Sky) kinetic workbook of tests/refdata with sheets removed, as a user
    exporting only the results sheet gets it."""
    wb = openpyxl.load_workbook(io.BytesIO(SKANIT_KINETIC.read_bytes()))
    for name in sheet_names:
        del wb[name]
    if clear_times:
        ws = wb["Absorbance results"]
        for row in ws.iter_rows(min_row=111):
            for cell in row:
                cell.value = None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_skanit_kinetic_results_sheet_alone_is_the_same_kinetic_read_as_the_raw_data_sheet():
    data = _skanit_without("Raw data 340 nm")
    assert detect_format(data, "skanit.xlsx") == "skanit_results"
    mine = read_plate_file(data, filename="skanit.xlsx")
    full = read_plate_file(SKANIT_KINETIC.read_bytes(), filename=SKANIT_KINETIC.name)
    (a,), (b,) = mine.plates[0].reads, full.plates[0].reads
    assert (a.label, a.kind, a.wavelength_nm, a.mode, len(a.timepoints)) == (
        "340nm",
        "absorbance",
        340,
        "kinetic",
        101,
    )
    assert [(p.well, p.time_s, p.value) for p in a.points] == [(p.well, p.time_s, p.value) for p in b.points]
    assert (mine.plates[0].rows, mine.plates[0].columns) == (8, 12)  # "Plate template: 96 well plate"
    assert mine.plates[0].metadata["well_time_offsets_s"] == full.plates[0].metadata["well_time_offsets_s"]


def test_a_skanit_results_sheet_without_reading_times_is_refused_in_plain_words():
    data = _skanit_without("Raw data 340 nm", clear_times=True)
    with pytest.raises(ParseError) as err:
        read_plate_file(data, filename="skanit.xlsx")
    assert "no 'Times [s]' table" in err.value.message and "Raw data" in err.value.message


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.time(0, 1, 30), "0:01:30"),
        (dt.timedelta(hours=26, minutes=5), "26:05:00"),
        (dt.datetime(1900, 1, 1, 2, 0, 0), "50:00:00"),  # Excel [h]:mm:ss past a day, as openpyxl returns it
        (dt.time(0, 0, 1, 500000), "0:00:01.500"),
        ("    Read\tAbsorbance", "    Read\tAbsorbance"),
        (0.06, "0.06"),
        (None, ""),
    ],
)
def test_workbook_cells_are_written_back_as_the_text_export_writes_them(value, text):
    from assays.readers.workbooks import cell_text

    assert cell_text(value) == text


def test_a_victor_list_export_with_commas_is_read_like_the_tab_one():
    rows = [ln.split("\t") for ln in VICTOR.read_text().splitlines()]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    result = read_plate_file(buf.getvalue().encode(), filename="victor.csv")
    text = read_plate_file(VICTOR.read_bytes(), filename=VICTOR.name)
    assert [[(p.well, p.time_s, p.value) for p in r.points] for r in _measured(result)] == [
        [(p.well, p.time_s, p.value) for p in r.points] for r in _measured(text)
    ]
