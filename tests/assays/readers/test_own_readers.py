"""The portal's own readers: behaviour beyond the reference files."""

from __future__ import annotations

import pytest

from assays.readers import read_plate_file
from assays.readers.gen5 import parse_gen5

from ._support import parsed, ref_bytes

H1 = "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt"


@pytest.mark.parametrize(
    "name",
    [
        "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt",
        "biotek_gen5-sample_fluorescamine-protein-stdcurve-4pl_96well.txt",
        H1,
    ],
)
def test_it_reads_gen5_files_like_allotropy_does(name):
    own = parse_gen5(ref_bytes(name)).plates[0]
    via_allotropy = parsed(name).plates[0]
    assert (own.rows, own.columns, own.name, own.instrument) == (
        via_allotropy.rows,
        via_allotropy.columns,
        via_allotropy.name,
        via_allotropy.instrument,
    )
    assert len(own.reads) == len(via_allotropy.reads)
    for a in own.reads:
        b = next(r for r in via_allotropy.reads if r.label == a.label or (r.kind == a.kind != "other"))
        assert [(p.well, p.value, p.flag) for p in a.points] == [(p.well, p.value, p.flag) for p in b.points]


def test_it_reads_several_plates_from_one_gen5_file():
    raw = ref_bytes(H1).decode()
    second = raw[raw.index("Plate Number") :].replace("Plate 1", "Plate 2").replace("2.100", "9.999")
    result = read_plate_file((raw + "\r\n" + second).encode())
    assert [p.name for p in result.plates] == ["Plate 1", "Plate 2"]
    assert [p.reads[0].value("A1") for p in result.plates] == [2.1, 9.999]
    assert all(p.reads[0].point("A8").flag == "saturated" for p in result.plates)


def test_it_reads_gen5_layout_and_curve_fit_into_metadata():
    meta = parsed("biotek_synergyneo_gen5-kinetic-lum-igg-titration-4pl_96well.txt").plates[0].metadata
    assert meta["layout"]["A1"] == {"Well ID": "STD1", "Conc/Dil": "4000"}
    assert meta["curve_fits"][0]["Curve Formula"] == "Y = (A-D)/(1+(X/C)^B) + D"
    assert "Luminescence Endpoint" in meta["procedure"]


def test_it_ignores_user_formulas_below_an_icontrol_export():
    plate = parsed("tecan_infinite200pro_icontrol-abs418_96well.xlsx").plates[0]
    assert [len(r.wells) for r in plate.reads] == [51, 51]
    assert plate.metadata["labels"]["ABTS"]["Part of Plate"] == "A1-D12; E7-E9"


def test_it_reads_a_tecan_grid_with_overflow_tokens():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in [
        ["Application: Tecan i-control", None, None, None, "Tecan i-control , 2.0.10.0"],
        ["Device: infinite M Plex", None, None, None, "Serial number: 1"],
        [],
        ["Label: Label1"],
        ["Mode", None, None, None, "Absorbance"],
        ["Wavelength", None, None, None, 450, "nm"],
        ["<>", *range(1, 13)],
        *[
            [chr(65 + r), *[("OVER" if (r, c) == (0, 0) else r + c / 10) for c in range(12)]]
            for r in range(8)
        ],
    ]:
        ws.append(row)
    import io

    buf = io.BytesIO()
    wb.save(buf)
    result = read_plate_file(buf.getvalue())
    assert result.vendor == "tecan_icontrol"
    read = result.plates[0].read("450nm")
    assert read.point("A1").flag == "saturated" and read.value("H12") == pytest.approx(8.1)
    assert result.plates[0].software == "i-control 2.0.10.0"


MARS_REF570 = "bmg_pherastar_mars-elisa-abs450-ref570_96well.csv"
MARS_CHROMATIC = "bmg_mars-abs450-chromatic1_96well.csv"


def test_it_maps_every_block_of_a_two_wavelength_mars_export_and_says_why():
    """allotropy reads only the first MARS block: the cross-check against the file's blocks falls back to
    the portal's own reader, which maps both, and the import warnings say so."""
    result = read_plate_file(ref_bytes(MARS_REF570), filename=MARS_REF570)
    (plate,) = result.plates
    assert [(r.label, r.wavelength_nm) for r in plate.reads] == [("450nm", 450.0), ("570nm", 570.0)]
    assert plate.read("450nm").value("A1") == 1.691 and plate.read("450nm").value("H12") == 0.884
    assert plate.read("570nm").value("A1") == 0.040 and plate.read("570nm").value("H12") == 0.042
    assert plate.name == "20260618 dsRNA _PLATE_01_18Jun26" and plate.instrument == "PHERAstar"
    (note,) = [w for w in result.warnings if "allotropy" in w]
    assert "1 of the 2 data blocks" in note and "Raw Data (570)" in note and "own BMG MARS reader" in note


def test_it_keeps_allotropys_reading_of_a_mars_export_it_maps_completely():
    for name in ("bmg_pherastar_mars-dsrna-elisa-abs450_96well.csv", "bmg_pherastar_mars-qc-fi_384well.csv"):
        result = read_plate_file(ref_bytes(name), filename=name)
        assert result.warnings == () and "reader" not in result.plates[0].metadata


def test_it_reads_a_multichromatic_mars_title_as_its_wavelength_not_the_chromatic_number():
    """'Raw Data (450 1)' is 450 nm, chromatic 1 (allotropy 0.1.150 makes it 1 nm)."""
    result = read_plate_file(ref_bytes(MARS_CHROMATIC), filename=MARS_CHROMATIC)
    (read,) = result.plates[0].reads
    assert (read.label, read.kind, read.wavelength_nm) == ("450nm", "absorbance", 450.0)
    assert read.value("A1") == 0.073 and read.value("H12") == 0.207
    assert any("Raw Data (450 1)" in w and "1 nm" in w for w in result.warnings)


def _workbook_with(name: str, edit) -> bytes:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(ref_bytes(name)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_lists_a_second_tecan_result_sheet_it_does_not_read():
    def add_plate(book):
        copy = book.copy_worksheet(book["Sheet0"])
        copy.title = "Plate 2"

    data = _workbook_with("tecan_infinite200pro_icontrol-abs418_96well.xlsx", add_plate)
    result = read_plate_file(data, filename="two-plates.xlsx")
    assert len(result.plates) == 1
    assert any(w.startswith("Sheet 'Plate 2' was not read") for w in result.warnings), result.warnings


def test_it_lists_multiskan_sheets_with_values_it_could_not_place():
    def add_sheets(book):
        raw = book.create_sheet("Raw data 405 nm")
        for r in range(8):
            raw.append([0.1 * (r + 1)] * 12)  # a matrix without the Well / Raw absorbance header
        book["Absorbance results"]["B8"] = 9.8765  # a value that is not in the raw data

    data = _workbook_with("thermo_multiskansky_skanit-kinetic-abs340.xlsx", add_sheets)
    warnings = read_plate_file(data, filename="sky.xlsx").warnings
    assert any(w.startswith("Sheet 'Raw data 405 nm' was skipped") for w in warnings), warnings
    assert any(w.startswith("Sheet 'Absorbance results' was not read") for w in warnings), warnings
    plain = read_plate_file(ref_bytes("thermo_multiskansky_skanit-kinetic-abs340.xlsx")).warnings
    assert plain == ()  # its results sheet only repeats the raw values and times


def test_it_says_when_the_converter_maps_fewer_reads_than_the_file_has_blocks(monkeypatch):
    """EnVision / Kaleido: allotropy's reads are counted against the file's data blocks."""
    from assays.readers import allotropy_reader

    real = allotropy_reader.run_allotropy

    def losing_one_channel(data, key, filename=None):
        asm = real(data, key, filename)
        for doc in asm["plate reader aggregate document"]["plate reader document"]:
            mad = doc["measurement aggregate document"]
            mad["measurement document"] = [
                md
                for md in mad["measurement document"]
                if (md.get("device control aggregate document") or {})
                .get("device control document", [{}])[0]
                .get("detector wavelength setting", {})
                .get("value")
                != 620
            ]
        return asm

    monkeypatch.setattr(allotropy_reader, "run_allotropy", losing_one_channel)
    name = "perkinelmer_envision_htrf-ratio_96well.csv"
    result = read_plate_file(ref_bytes(name), filename=name)
    (warning,) = [w for w in result.warnings if "data blocks" in w]
    # the 620 nm channel and the 665/620 ratio made from it are gone: two of three blocks
    assert warning.startswith("The file has 3 data blocks") and "2 block(s) were not imported" in warning
    assert "channel 2 window 1" in warning
