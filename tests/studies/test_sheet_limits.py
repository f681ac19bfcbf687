"""Measurement-sheet bombs through the study sheet import: refused before openpyxl or csv reads them,
and every upload kept with its bytes as a sheet import (failed ones with the reason)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from studies.models import Measurement, SheetImport
from studies.sheets import SheetError, read_measurement_sheet
from tests import bombs
from tests.studies.conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_openpyxl(monkeypatch):
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl saw a file that should have been refused before parsing")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


BOMBS = {
    "corner.xlsx": (lambda: bombs.xlsx_with_far_cell("XFD1048576"), {"rows", "columns"}),
    "zipbomb.xlsx": (lambda: bombs.xlsx_zip_bomb(300), {"compression_ratio", "uncompressed_bytes"}),
    "one-line.csv": (lambda: bombs.long_single_line(4), {"columns"}),
    # 10^6 columns make a 9.9 MB file, which the 5 MB sheet limit refuses first (see the next test file)
    "wide.csv": (lambda: bombs.csv_measurement_bomb(400_000), {"columns"}),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_it_refuses_a_sheet_bomb_before_reading_it(no_openpyxl, name):
    build, limits = BOMBS[name]
    with pytest.raises(SheetError) as exc:
        read_measurement_sheet(build(), name)
    assert exc.value.code == "file_too_large"
    assert exc.value.limit in limits
    assert "limit" in str(exc.value)


@pytest.mark.parametrize("name", list(BOMBS))
def test_it_keeps_a_refused_sheet_as_a_failed_import_with_its_bytes(browser_client, study, no_openpyxl, name):
    data = BOMBS[name][0]()
    url = f"/studies/{study['id']}/import/"
    page = browser_client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Nothing was imported from {name}: Too large to read" in text
    record = SheetImport.objects.get()
    assert record.status == SheetImport.Status.FAILED and record.error_code == "file_too_large"
    assert record.error_message.startswith(f"{name}: Too large to read")
    assert record.error_detail["limit"] in BOMBS[name][1]
    with record.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == hashlib.sha256(data).hexdigest() == record.sha256
    assert not Measurement.objects.exists()
    original = browser_client.get(f"/studies/sheet-imports/{record.pk}/original/")
    assert original.status_code == 200 and original["X-Content-SHA256"] == record.sha256


def test_it_keeps_sheets_refused_for_size_bad_rows_or_damage_and_the_imported_ones(browser_client, study):
    url = f"/studies/{study['id']}/import/"
    big = SimpleUploadedFile("big.csv", bombs.csv_measurement_bomb(1_000_000))
    browser_client.post(url, {"file": big})
    bad_row = f"tag,date,length,width\nZZ9,{day(7)},8,7\n".encode()
    browser_client.post(url, {"file": SimpleUploadedFile("bad.csv", bad_row)})
    browser_client.post(url, {"file": SimpleUploadedFile("broken.xlsx", b"PK\x03\x04broken")})
    good = f"tag,date,length,width\nA1,{day(7)},8,7\n".encode()
    browser_client.post(url, {"file": SimpleUploadedFile("good.csv", good)})
    records = {r.original_filename: r for r in SheetImport.objects.all()}
    assert records["big.csv"].status == "failed" and records["big.csv"].error_code == "file_too_large"
    assert not records["big.csv"].file  # refused before it was read
    assert records["big.csv"].error_detail["limit"] == "bytes"
    assert records["bad.csv"].error_code == "invalid_rows" and "ZZ9" in records["bad.csv"].error_message
    assert records["broken.xlsx"].status == "failed" and records["broken.xlsx"].file
    assert records["good.csv"].status == "succeeded" and records["good.csv"].rows_imported == 1
    page = browser_client.get(url).content.decode()
    assert "big.csv" in page and "good.csv" in page and "refused" in page


def test_it_reads_a_sheet_whose_dimension_lies(study):
    rows = [["tag", "length", "width"], ["A1", 8, 7]]
    data = bombs.xlsx_with_dimension("A1:XFD1048576", rows=rows)
    sheet = read_measurement_sheet(data, "liar.xlsx")
    assert sheet.rows == [{"animal": "A1", "length_mm": 8, "width_mm": 7}]
    from studies.sheets import _table

    assert [len(r) for r in _table(data, "liar.xlsx")] == [3, 3]  # not padded to 16,384 columns


def test_it_stops_a_sheet_parse_past_its_time_budget(monkeypatch):
    import time

    from assays.readers.limits import Limits
    from studies import sheets

    monkeypatch.setattr(sheets, "_table", lambda data, filename: time.sleep(30))
    with pytest.raises(SheetError) as exc:
        read_measurement_sheet(b"tag,length\nA1,1\n", "slow.csv", limits=Limits(time_limit_s=0.5))
    assert exc.value.code == "file_too_large" and exc.value.limit == "parse_time_s"
