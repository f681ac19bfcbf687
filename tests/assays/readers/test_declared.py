"""Declared plate type first, read settings as metadata, and no "looks truncated" warning on a complete file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assays.readers import read_plate_file

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "refdata" / "corpus"
REFDATA = ROOT / "tests" / "refdata" / "platereader"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
TEXT_FILES = sorted(
    [
        e["path"].removeprefix("tests/refdata/corpus/")
        for e in MANIFEST["files"]
        if e["expected"]["outcome"] == "read"
    ]
    + [f"../platereader/{p.name}" for p in REFDATA.iterdir() if p.suffix.lower() != ".xlsx"]
)
CUT_WORDS = ("truncated", "incomplete", "stops in the middle", "ends in the middle", "ends inside")


@pytest.mark.parametrize("name", TEXT_FILES)
@pytest.mark.parametrize("final_newline", [True, False], ids=["as-exported", "no-final-newline"])
def test_it_never_says_a_complete_export_looks_truncated(name, final_newline):
    """Complete exports (partial plates, fewer kinetic reads than declared, no final line break) are not
    truncated files: a warning saying so would teach users to ignore the real ones."""
    data = (CORPUS / name).read_bytes()
    if not final_newline:
        data = data.rstrip(b"\r\n")
    result = read_plate_file(data, filename=Path(name).name)  # every one of them is read
    assert [w for w in result.warnings if any(word in w for word in CUT_WORDS)] == []


def _gen5_384_with_six_wells() -> bytes:
    text = (CORPUS / "agilent_gen5" / "gen5_cytation7_lum-endpoint_384well.txt").read_bytes().decode("utf-8")
    head = text[: text.index("\r\nLum\r\n") + len("\r\nLum\r\n")]
    grid = "\t1\t2\t3\r\nA\t11\t12\t13\tLum\r\nB\t21\t22\t23\tLum\r\n"
    return (head + grid).encode("utf-8")


def test_a_gen5_384_well_plate_with_six_wells_read_stays_16_by_24():
    result = read_plate_file(_gen5_384_with_six_wells(), filename="six.txt")
    (plate,) = result.plates
    assert (plate.rows, plate.columns) == (16, 24)
    assert plate.reads[0].wells == ("A1", "A2", "A3", "B1", "B2", "B3") and plate.reads[0].value("B3") == 23


def test_a_softmax_384_well_plate_with_six_wells_read_stays_16_by_24():
    wells = ["A1", "A2", "A3", "B1", "B2", "B3"]
    lines = [
        "##BLOCKS= 1",
        "\t".join(["Plate:", "P1", "1.3", "TimeFormat", "Endpoint", "Absorbance", "Raw", "FALSE", "1", "", "", "", "",
                   "", "1", "450 ", "1", "24", "384", "1", "16"]),
        "\t".join(["", "Temperature(\u00b0C)", *wells]),
        "\t".join(["", "22.5", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"]),
        "",
        "~End",
    ]  # fmt: skip
    result = read_plate_file("\r\n".join(lines).encode("latin-1"), filename="six.txt")
    (plate,) = result.plates
    assert (plate.rows, plate.columns) == (16, 24)
    assert plate.reads[0].wells == tuple(wells) and plate.reads[0].metadata["temperature_c"] == 22.5


def test_a_victor_nivo_plate_keeps_its_declared_format():
    name = "revvity_victor_nivo/nivo_abs600-kinetic-17cycles_96well.csv"
    plate = read_plate_file((CORPUS / name).read_bytes(), filename="nivo.csv").plates[0]
    assert (plate.rows, plate.columns) == (8, 12)


def test_a_mars_partial_384_well_plate_without_trailing_separators_is_complete():
    name = "bmg_mars/mars-v3.40_pherastar_fi-580-620-no-trailing-separators_384well.csv"
    result = read_plate_file((CORPUS / name).read_bytes(), filename="mars.csv")
    assert (result.plates[0].rows, result.plates[0].columns) == (16, 24)
    assert not any("truncated" in w for w in result.warnings)


def test_a_gen5_file_cut_inside_a_plate_row_still_warns():
    data = _gen5_384_with_six_wells()
    result = read_plate_file(data[: data.rindex(b"\t22")], filename="cut.txt")
    assert any("truncated" in w for w in result.warnings)


def test_allotropys_reads_carry_the_settings_the_file_declares():
    """Gen5 procedure: "Excitation: 579, Emission: 616", "Optics: Top, Gain: extended", "Read Height: 7 mm",
    "Actual Temperature: 22.8" - kept on the read (ASM device-control settings), shown on the plate page."""
    name = "agilent_gen5/gen5_synergyh1_abs600-plus-2-fl-filters-actual-temperature-lines_96well.txt"
    plate = read_plate_file((CORPUS / name).read_bytes(), filename="gen5.txt").plates[0]
    fl = plate.read("579/616")
    assert fl.metadata["excitation_nm"] == 579 and fl.metadata["gain"] == "extended"
    assert fl.metadata["read_height_mm"] == 7 and fl.metadata["scan"] == "top"
    assert fl.metadata["temperature_c"] == 22.8
    assert plate.read("600nm").metadata["temperature_c"] == 22.8
