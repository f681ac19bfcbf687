"""Files that cannot be read: each raises the right ReaderError with a message a person can act on."""

from __future__ import annotations

import random

import pytest

from assays.readers import (
    EmptyFile,
    ParseError,
    ReaderError,
    UnrecognizedFormat,
    detect_format,
    read_plate_file,
)
from assays.readers import formats as formats_module

from ._support import REFDATA, matrix_text, ref_bytes

GEN5_FILES = sorted(p.name for p in REFDATA.glob("biotek_*.txt"))
SOFTMAX_FILES = sorted(p.name for p in REFDATA.glob("moldev_*.txt"))


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"\r\n\r\n\t \n", b"\xef\xbb\xbf\r\n", "\n \n".encode("utf-16")]
)
def test_it_refuses_an_empty_file(data):
    with pytest.raises(EmptyFile) as exc:
        read_plate_file(data, filename="empty.csv")
    assert exc.value.code == "empty_file"
    assert "empty" in exc.value.message
    with pytest.raises(EmptyFile):
        detect_format(data)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_refuses_random_binary_and_lists_the_supported_formats(seed):
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(UnrecognizedFormat) as exc:
        read_plate_file(data, filename="plate.csv")
    assert exc.value.code == "unrecognized_format"
    assert "binary" in exc.value.message
    assert "Supported formats:" in exc.value.message and "(gen5)" in exc.value.message
    assert "(matrix)" in exc.value.message


def test_it_refuses_an_old_excel_file():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    with pytest.raises(UnrecognizedFormat) as exc:
        read_plate_file(data, filename="plate.xls")
    assert ".xls" in exc.value.message


def test_it_refuses_a_2000_row_csv_that_is_not_a_plate():
    text = "sample,name,score\n" + "".join(f"{i},s{i},{i * 0.5}\n" for i in range(2000))
    with pytest.raises(UnrecognizedFormat) as exc:
        read_plate_file(text.encode(), filename="table.csv")
    assert "No plate data" in exc.value.message
    numeric = "".join(",".join(str(i + j) for j in range(12)) + "\n" for i in range(2000))
    with pytest.raises(UnrecognizedFormat):
        read_plate_file(numeric.encode(), filename="table.csv")
    with pytest.raises(ParseError) as exc:
        read_plate_file(numeric.encode(), filename="table.csv", vendor="matrix")
    assert exc.value.code == "parse_error" and "No plate matrix was found" in exc.value.message


def test_it_refuses_a_damaged_workbook():
    data = ref_bytes("thermo_skanit_luciferase_96well.xlsx")[:3000]
    with pytest.raises(ParseError) as exc:
        read_plate_file(data, filename="plate.xlsx")
    assert "damaged or truncated" in exc.value.message


# what the first 40 % of each export gives: refused (no complete result block in it) or read in part
CUT_AT_40_PERCENT = {
    "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt": "refused",
    "biotek_gen5-sample_fluorescamine-protein-stdcurve-4pl_96well.txt": "partial",
    "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt": "refused",
    "biotek_synergyneo_gen5-kinetic-lum-igg-titration-4pl_96well.txt": "partial",
    "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt": "partial",
    "moldev_spectramax340pc_softmaxpro-kinetic-partial-plate_96well.txt": "partial",
}


def test_every_gen5_and_softmax_export_says_what_its_first_40_percent_gives():
    assert sorted(CUT_AT_40_PERCENT) == GEN5_FILES + SOFTMAX_FILES


@pytest.mark.parametrize("name", sorted(CUT_AT_40_PERCENT))
def test_it_refuses_or_warns_about_the_first_40_percent_of_an_export(name):
    data = ref_bytes(name)
    cut = data[: int(len(data) * 0.4)]
    if CUT_AT_40_PERCENT[name] == "refused":
        with pytest.raises(ParseError) as exc:
            read_plate_file(cut, filename=name)
        assert exc.value.code == "parse_error" and "No measurement data were found" in exc.value.message
        return
    result = read_plate_file(cut, filename=name)
    assert any("truncated" in w for w in result.warnings), "a truncated export must not be read silently"
    assert all(r.points for p in result.plates for r in p.reads)


def test_it_reads_a_truncated_gen5_file_as_a_partial_plate_with_a_warning():
    name = "biotek_gen5-sample_fluorescamine-protein-stdcurve-4pl_96well.txt"
    data = ref_bytes(name)
    result = read_plate_file(data[: int(len(data) * 0.4)], filename=name)
    read = result.plates[0].reads[0]
    assert read.value("A1") == 232 and read.point("H1") is None
    assert any("truncated" in w for w in result.warnings)


@pytest.mark.parametrize("name", sorted(p.name for p in REFDATA.iterdir()))
def test_it_only_ever_raises_reader_errors_on_cut_or_damaged_files(name):
    data = ref_bytes(name)
    rng = random.Random(name)
    samples = [data[: int(len(data) * f)] for f in (0.1, 0.3, 0.55, 0.75, 0.9, 0.99)]
    for _ in range(3):
        damaged = bytearray(data)
        for _ in range(30):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        samples.append(bytes(damaged))
    for sample in samples:
        try:
            result = read_plate_file(sample, filename=name)
        except ReaderError as exc:
            assert exc.code in ("parse_error", "unrecognized_format", "empty_file")
            assert isinstance(exc.message, str) and exc.message
        else:
            assert result.plates and all(r.points for p in result.plates for r in p.reads)


def test_it_explains_a_forced_format_that_does_not_fit():
    data = ref_bytes("biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt")
    for vendor in ("glomax", "bmg_mars", "softmax_pro", "tecan_spark", "long_csv"):
        with pytest.raises(ParseError) as exc:
            read_plate_file(data, filename="x.txt", vendor=vendor)
        assert exc.value.code == "parse_error"
        assert "could not be read as" in exc.value.message
        assert "looks like Gen5 text export (gen5)" in exc.value.message
    with pytest.raises(ParseError) as exc:
        read_plate_file(ref_bytes("bmg_pherastar_mars-qc-fi_384well.csv"), vendor="gen5")
    assert "BMG MARS export (bmg_mars)" in exc.value.message


def test_it_refuses_an_unknown_format_key():
    with pytest.raises(UnrecognizedFormat) as exc:
        read_plate_file(b"well,value\nA1,1\n", vendor="photoshop")
    assert "'photoshop'" in exc.value.message and "Supported formats:" in exc.value.message


def test_it_accepts_format_aliases():
    data = ref_bytes("bmg_pherastar_mars-dsrna-elisa-abs450_96well.csv")
    assert read_plate_file(data, vendor="BMG_MARS").vendor == "bmg_mars"
    assert read_plate_file(matrix_text(8, 12).encode(), vendor=" Matrix ").vendor == "matrix"


def test_it_wraps_an_unexpected_exception_in_a_reader(monkeypatch):
    def broken(data, filename):
        raise KeyError("boom")

    monkeypatch.setitem(formats_module.READERS, "matrix", broken)
    with pytest.raises(ParseError) as exc:
        read_plate_file(matrix_text(8, 12).encode())
    assert "Plate matrix" in exc.value.message and "layout" in exc.value.message
    assert "KeyError" not in exc.value.message and "boom" not in exc.value.message  # internals go to the log


def test_it_wraps_an_exception_raised_inside_allotropy_without_its_text(monkeypatch):
    import allotropy.to_allotrope

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero deep inside a parser")

    monkeypatch.setattr(allotropy.to_allotrope, "allotrope_model_from_io", broken)
    with pytest.raises(ParseError) as exc:
        read_plate_file(ref_bytes("revvity_kaleido_abs-endpoint_96well.csv"))
    assert "Kaleido file cannot be read" in exc.value.message
    assert "division" not in exc.value.message and "ZeroDivisionError" not in exc.value.message


def test_it_falls_back_to_its_own_gen5_reader_when_allotropy_fails(monkeypatch):
    import allotropy.to_allotrope

    def broken(*args, **kwargs):
        raise ValueError("cannot convert float NaN to integer")

    monkeypatch.setattr(allotropy.to_allotrope, "allotrope_model_from_io", broken)
    result = read_plate_file(ref_bytes("biotek_gen5-sample_fluorescamine-protein-stdcurve-4pl_96well.txt"))
    assert result.vendor == "gen5"
    assert "own Gen5 reader" in result.warnings[0]
    plate = result.plates[0]
    assert [r.label for r in plate.reads] == ["400/30,460/40", "Blank 400/30,460/40", "Conc"]
    assert plate.read("400/30,460/40").value("A2") == 208
    assert plate.read("Blank 400/30,460/40").value("B1") == 6754
    assert plate.read("Conc").value("B1") == 51.441
    assert plate.read("Conc").point("A1").flag == "invalid"


def test_it_refuses_the_kinetic_column_format_for_a_gen5_endpoint_file():
    with pytest.raises(ParseError) as exc:
        read_plate_file(
            ref_bytes("biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt"), vendor="gen5_kinetic_columns"
        )
    assert "kinetic" in exc.value.message


def test_it_gives_errors_a_stable_shape():
    with pytest.raises(ReaderError) as exc:
        read_plate_file(b"well,value\nA1,1\nA2\n")
    err = exc.value
    assert err.as_dict() == {"code": "parse_error", "message": err.message, "line": 3, "cell": None}
    assert str(err) == err.message
