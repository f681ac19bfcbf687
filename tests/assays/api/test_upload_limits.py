"""Spreadsheet and text bombs uploaded through the API (and the upload page, which posts to it) are
refused before parsing and kept as failed imports with their bytes."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assays.models import Plate, PlateImport
from tests import bombs
from tests.assays.readers._support import matrix_text

pytestmark = pytest.mark.django_db

BOMBS = {
    "corner.xlsx": lambda: bombs.xlsx_with_far_cell("XFD1048576"),
    "zipbomb.xlsx": lambda: bombs.xlsx_zip_bomb(300),
    "one-line.txt": lambda: bombs.long_single_line(18),
    "wide.csv": lambda: bombs.wide_csv(1_000_000),
}
LIMITS = {
    "corner.xlsx": {"rows", "columns"},
    "zipbomb.xlsx": {"compression_ratio", "uncompressed_bytes"},
    "one-line.txt": {"columns"},
    "wide.csv": {"columns"},
}


@pytest.fixture
def no_parser(monkeypatch):
    import allotropy.to_allotrope
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("a parser saw a file that should have been refused before parsing")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(allotropy.to_allotrope, "allotrope_model_from_io", refuse)


@pytest.fixture
def page_client(user):
    """The upload page's client: the browser session (upload.js posts each file to /api/v1/plates/)."""
    client = Client()
    client.force_login(user)
    return client


def _check_refused(response, name: str, data: bytes, vendor: str = "") -> None:
    assert response.status_code == 400, response.content[:500]
    error = response.json()["error"]
    assert error["code"] == "file_too_large"
    assert error["message"].startswith(f"{name}: Too large to read")
    assert error["detail"]["limit"] in LIMITS[name]
    assert "limit" in error["message"]
    failed = PlateImport.objects.get(pk=error["detail"]["import_id"])
    assert failed.status == PlateImport.Status.FAILED
    assert failed.error_code == "file_too_large" and failed.original_filename == name
    assert failed.vendor_requested == vendor
    with failed.stored_file.file.open("rb") as fh:  # the bytes are kept, unchanged
        assert hashlib.sha256(fh.read()).hexdigest() == hashlib.sha256(data).hexdigest()
    assert not Plate.objects.exists()


@pytest.mark.parametrize("name", list(BOMBS))
def test_it_refuses_a_bomb_uploaded_through_the_api_and_keeps_it_as_a_failed_import(api, no_parser, name):
    data = BOMBS[name]()
    response = api.post("/api/v1/plates/", {"file": SimpleUploadedFile(name, data)}, format="multipart")
    _check_refused(response, name, data)


@pytest.mark.parametrize("name", ["corner.xlsx", "wide.csv"])
def test_it_refuses_a_bomb_uploaded_from_the_upload_page(page_client, no_parser, name):
    data = BOMBS[name]()
    response = page_client.post("/api/v1/plates/", {"file": SimpleUploadedFile(name, data), "vendor": ""})
    _check_refused(response, name, data)


def test_it_refuses_a_bomb_with_a_forced_allotropy_format(api, no_parser):
    data = BOMBS["corner.xlsx"]()
    response = api.post(
        "/api/v1/plates/",
        {"file": SimpleUploadedFile("corner.xlsx", data), "vendor": "skanit"},
        format="multipart",
    )
    _check_refused(response, "corner.xlsx", data, vendor="skanit")


def test_it_refuses_a_bomb_again_when_a_failed_import_is_retried(api, no_parser):
    data = BOMBS["wide.csv"]()
    first = api.post("/api/v1/plates/", {"file": SimpleUploadedFile("wide.csv", data)}, format="multipart")
    import_id = first.json()["error"]["detail"]["import_id"]
    retry = api.post(f"/api/v1/imports/{import_id}/retry/", {"vendor": "matrix"}, format="json")
    assert retry.status_code == 400
    assert retry.json()["error"]["code"] == "file_too_large"
    assert PlateImport.objects.filter(status="failed").count() == 2


def test_it_refuses_a_parse_over_the_time_budget_as_a_failed_import(api, settings, monkeypatch):
    import time

    from assays.readers import matrix

    settings.UPLOAD_PARSE_TIME_LIMIT_S = 1

    def slow(data):
        time.sleep(30)

    monkeypatch.setattr(matrix, "read_matrix", slow)
    data = matrix_text(8, 12).encode()
    response = api.post("/api/v1/plates/", {"file": SimpleUploadedFile("slow.csv", data)}, format="multipart")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "file_too_large" and error["detail"]["limit"] == "parse_time_s"
    assert error["message"].startswith("slow.csv: ")
    assert PlateImport.objects.get(pk=error["detail"]["import_id"]).stored_file.size == len(data)
