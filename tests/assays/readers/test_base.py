"""Wells, geometry, value tokens, encodings and the result types."""

from __future__ import annotations

import dataclasses

import pytest

from assays.readers import (
    PLATE_GEOMETRIES,
    ParsedPlate,
    Point,
    Read,
    geometry_for,
    normalize_well,
    parse_well,
    read_plate_file,
    well_name,
)
from assays.readers.base import decode_text, parse_cell, parse_number


@pytest.mark.parametrize(
    "name,expected",
    [
        ("A1", (0, 0)),
        ("A01", (0, 0)),
        ("a1", (0, 0)),
        ("A 2", (0, 1)),
        (" h12 ", (7, 11)),
        ("P24", (15, 23)),
        ("Z1", (25, 0)),
        ("AA1", (26, 0)),
        ("AF48", (31, 47)),
        ("B:3", (1, 2)),
        ("C-004", (2, 3)),
    ],
)
def test_it_parses_well_names(name, expected):
    assert parse_well(name) == expected
    assert normalize_well(name) == well_name(*expected)


@pytest.mark.parametrize("name", ["", "A", "1A", "A0", "A49", "AG1", "BA1", "A1B", "ZZ3", "A-", None, 12])
def test_it_refuses_invalid_well_names(name):
    with pytest.raises(ValueError):
        parse_well(name)


def test_it_names_wells_in_ansi_order():
    assert well_name(0, 0) == "A1"
    assert well_name(7, 11) == "H12"
    assert well_name(25, 0) == "Z1"
    assert well_name(26, 0) == "AA1"
    assert well_name(31, 47) == "AF48"
    for bad in [(-1, 0), (32, 0), (0, 48), (0, -1)]:
        with pytest.raises(ValueError):
            well_name(*bad)
    names = [well_name(r, c) for r in range(32) for c in range(48)]
    assert len(set(names)) == 1536 and all(parse_well(n) == divmod(i, 48) for i, n in enumerate(names))


def test_it_knows_the_standard_plate_geometries():
    assert geometry_for(96) == (8, 12)
    assert geometry_for(384) == (16, 24)
    assert geometry_for(1536) == (32, 48)
    assert [geometry_for(n) for n in (6, 12, 24, 48)] == [(2, 3), (3, 4), (4, 6), (6, 8)]
    assert all(r * c == n for n, (r, c) in PLATE_GEOMETRIES.items())
    with pytest.raises(ValueError):
        geometry_for(100)


@pytest.mark.parametrize(
    "raw,value,flag",
    [
        ("1.5", 1.5, None),
        ("1,234", 1.234, None),
        ("1.234,5", 1234.5, None),
        ("1,234.5", 1234.5, None),
        ("1\u00a0234,5", 1234.5, None),
        ("-0,5", -0.5, None),
        ("1,5E+03", 1500.0, None),
        (" 2.1 ", 2.1, None),
        (7, 7.0, None),
        (0, 0.0, None),
        ("OVRFLW", None, "saturated"),
        ("Over", None, "saturated"),
        ("OVER", None, "saturated"),
        (">105.000", None, "saturated"),
        (" > Max", None, "saturated"),
        ("inf", None, "saturated"),
        ("*", None, "masked"),
        ("Masked", None, "masked"),
        ("MISSED", None, "missing"),
        ("", None, "missing"),
        (None, None, "missing"),
        ("NaN", None, "missing"),
        ("-", None, "missing"),
        (float("nan"), None, "missing"),
        ("Range?", None, "invalid"),
        ("<0.000", None, "invalid"),
        ("abc", None, "invalid"),
        ("#VALUE!", None, "invalid"),
        ("?????", None, "invalid"),
        (True, None, "invalid"),
    ],
)
def test_it_turns_cells_into_values_or_flags(raw, value, flag):
    assert parse_cell(raw) == (value, flag)


def test_it_never_reads_a_token_as_zero():
    for token in ("OVRFLW", "Over", "*", "Masked", "Range?", "MISSED", "", "NaN", "-", "abc"):
        assert parse_number(token) is None
        assert parse_cell(token)[0] is None


def test_it_decodes_bom_utf16_latin1_and_mojibake():
    text = "Temp\u00e9rature(\u00b0C)\t1"
    assert decode_text(text.encode("utf-16")) == text
    assert decode_text(text.encode("utf-16-le")) == text
    assert decode_text(text.encode("utf-8-sig")) == text
    assert decode_text(text.encode("latin-1")) == text
    assert decode_text(text.encode("cp1252")) == text
    assert (
        decode_text("Temperature(\u00b0C)".encode().decode("latin-1").encode("utf-8"))
        == "Temperature(\u00b0C)"
    )
    assert decode_text("a\u00a0b".encode()) == "a b"


def test_it_builds_frozen_results():
    p = Point("A1", None, 1.0, None)
    read = Read(
        "450nm", "absorbance", 450.0, (p, Point("A1", 30.0, 2.0, None), Point("B1", 0.0, None, "missing"))
    )
    assert read.timepoints == (0.0, 30.0)
    assert read.wells == ("A1", "B1")
    assert read.point("A01") == p and read.value("A1", 30.0) == 2.0 and read.point("C1") is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.value = 2.0  # type: ignore[misc]
    plate = ParsedPlate("P", None, 8, 12, (read,), None, None, {})
    assert plate.read("450NM") is read and plate.well_count == 96
    with pytest.raises(KeyError):
        plate.read("620nm")


def test_it_sets_value_none_whenever_a_flag_is_set():
    text = "," + ",".join(str(c) for c in range(1, 4)) + "\nA,1,OVRFLW,\nB,*,2,x\n"
    for p in read_plate_file(text.encode()).plates[0].reads[0].points:
        assert (p.value is None) == (p.flag is not None)
