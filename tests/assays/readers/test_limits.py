"""Files that cost far more to read than to upload are refused before any parser sees them."""

from __future__ import annotations

import time

import pytest

from assays.readers import (
    LimitExceeded,
    Limits,
    ParseError,
    ReaderError,
    detect_format,
    read_plate_file,
    run_bounded,
)
from assays.readers.base import load_workbook_rows
from tests import bombs


@pytest.fixture
def no_parser(monkeypatch):
    """openpyxl (also under pandas) and allotropy fail the test if a file reaches them."""
    import allotropy.to_allotrope
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("a parser saw a file that should have been refused before parsing")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(allotropy.to_allotrope, "allotrope_model_from_io", refuse)


def refused(data: bytes, filename: str, **kwargs) -> LimitExceeded:
    with pytest.raises(ReaderError) as exc:
        read_plate_file(data, filename=filename, **kwargs)
    assert isinstance(exc.value, LimitExceeded), exc.value.message
    assert exc.value.code == "file_too_large"
    return exc.value


def test_it_refuses_a_workbook_with_a_cell_at_the_far_corner_before_openpyxl_opens_it(no_parser):
    err = refused(bombs.xlsx_with_far_cell("XFD1048576"), "corner.xlsx")
    assert err.limit in {"rows", "columns"}
    assert "limit" in err.message and "sheet1" in err.message


def test_it_refuses_a_cell_far_to_the_right_naming_the_cell(no_parser):
    err = refused(bombs.xlsx_with_far_cell("XFD1"), "wide.xlsx")
    assert err.limit == "columns" and err.found == 16384
    assert "XFD1" in err.message and "4,096" in err.message


@pytest.mark.parametrize("vendor", ["skanit", "bmg_smart_control", "tecan_magellan", "glomax", "matrix"])
def test_it_never_hands_allotropy_or_a_forced_reader_an_unchecked_workbook(no_parser, vendor):
    err = refused(bombs.xlsx_with_far_cell("A1048576"), "forced.xlsx", vendor=vendor)
    assert err.limit == "rows"


def test_it_refuses_a_zip_bomb_from_its_declared_size_and_ratio(no_parser):
    err = refused(bombs.xlsx_zip_bomb(300), "bomb.xlsx")
    assert err.limit in {"compression_ratio", "uncompressed_bytes"}
    assert "zip bomb" in err.message


def test_it_refuses_a_zip_bomb_on_total_size_when_the_ratio_is_allowed(no_parser):
    limits = Limits(max_compression_ratio=10_000, max_uncompressed_bytes=50_000_000)
    err = refused(bombs.xlsx_zip_bomb(100), "bomb.xlsx", limits=limits)
    assert err.limit == "uncompressed_bytes" and err.found > 50_000_000


def test_it_counts_the_bytes_really_inflated_when_the_zip_directory_understates_them(no_parser):
    with pytest.raises(ReaderError) as exc:
        read_plate_file(bombs.zip_with_lying_size(50), filename="liar.xlsx")
    assert isinstance(exc.value, ParseError | LimitExceeded)
    assert "sheet1.xml" in exc.value.message


def test_it_refuses_an_eighteen_megabyte_single_line_text_file():
    err = refused(bombs.long_single_line(18), "one-line.csv")
    assert err.limit == "columns" and err.found > 4_000_000


def test_it_refuses_a_long_line_without_delimiters():
    err = refused(b"x" * 2_000_000 + b"\n1,2\n", "one-line.txt")
    assert err.limit == "line_chars" and "line 1" in err.message


def test_it_refuses_a_csv_with_a_million_columns():
    err = refused(bombs.wide_csv(1_000_000), "wide.csv")
    assert err.limit == "columns" and err.found == 1_000_000
    assert "line 1" in err.message


def test_it_refuses_millions_of_lines():
    err = refused(bombs.many_lines(2_000_000), "long.csv")
    assert err.limit == "rows"


def test_it_refuses_too_many_cells_in_a_text_file():
    limits = Limits(max_cells=10_000)
    err = refused(
        ("\n".join(",".join("1" for _ in range(100)) for _ in range(200))).encode(), "t.csv", limits=limits
    )
    assert err.limit == "cells"


def test_it_checks_the_file_in_detection_too(no_parser):
    with pytest.raises(LimitExceeded):
        detect_format(bombs.xlsx_with_far_cell(), "corner.xlsx")


def test_it_ignores_a_lying_dimension_and_reads_the_real_cells():
    data = bombs.xlsx_with_dimension("A1:XFD1048576")
    sheets = load_workbook_rows(data)
    assert [len(r) for r in sheets["Sheet1"]] == [12] * 8
    result = read_plate_file(data, filename="liar.xlsx")
    plate = result.plates[0]
    assert (plate.rows, plate.columns) == (8, 12)
    assert plate.reads[0].value("H12") == pytest.approx(0.05 + 0.01 * 95)


def test_it_still_reads_every_reference_export_within_the_limits():
    from tests.assays.readers._support import REFDATA

    for path in sorted(REFDATA.iterdir()):
        assert read_plate_file(path.read_bytes(), filename=path.name).plates, path.name


# --------------------------------------------------------------------------------------------------
# Time and memory budget of the parse itself


def _slow():
    time.sleep(30)


def test_it_stops_a_parse_that_runs_past_its_time_budget():
    with pytest.raises(LimitExceeded) as exc:
        run_bounded(_slow, Limits(time_limit_s=0.5))
    assert exc.value.limit == "parse_time_s"
    assert "0.5 s" in exc.value.message


def _greedy():
    return bytearray(4 * 1024 * 1024 * 1024)


def test_it_stops_a_parse_that_needs_more_memory_than_its_budget():
    with pytest.raises(LimitExceeded) as exc:
        run_bounded(_greedy, Limits(memory_limit_bytes=200 * 1024 * 1024))
    assert exc.value.limit == "parse_memory_bytes"


def test_it_returns_the_result_and_the_reader_errors_of_the_child():
    data = b"well,value\nA1,1\nA1,2\n"
    with pytest.raises(ParseError) as exc:
        run_bounded(lambda: read_plate_file(data, filename="dup.csv"))
    assert exc.value.line == 3 and "A1" in exc.value.message
    result = run_bounded(lambda: read_plate_file(b"well,value\nA1,1\nB2,2\n", filename="ok.csv"))
    assert result.plates[0].reads[0].value("B2") == 2.0
