import csv
import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assays.models import Plate, PlateImport, StoredFile, Well

pytestmark = pytest.mark.django_db
PLATEREADER = Path(__file__).resolve().parents[2] / "refdata" / "platereader"
ALL_FILES = sorted(p.name for p in PLATEREADER.iterdir())


def upload(api, filename: str, data: bytes | None = None, **fields):
    data = (PLATEREADER / filename).read_bytes() if data is None else data
    return api.post(
        "/api/v1/plates/", {"file": SimpleUploadedFile(filename, data), **fields}, format="multipart"
    )


def test_it_has_every_reference_export():
    assert len(ALL_FILES) == 21  # the 19 shared exports and 2 made for the tests (tests/refdata/README.md)


@pytest.mark.parametrize("name", ALL_FILES)
def test_it_imports_every_reference_export_through_the_api(api, name):
    response = upload(api, name)
    assert response.status_code == 201, response.json()
    body = response.json()
    plates = body["plates"] if "plates" in body else [body]
    for plate in plates:
        assert plate["sha256"] == hashlib.sha256((PLATEREADER / name).read_bytes()).hexdigest()
        assert plate["original_filename"] == name
        assert (plate["rows"], plate["columns"]) in {(8, 12), (16, 24), (32, 48)}
        assert plate["reads"] and all(
            r["kind"] in {"absorbance", "luminescence", "fluorescence", "other"} for r in plate["reads"]
        )
        # endpoint reads are Well rows, kinetic and spectral reads arrays: the long form shows both
        page = api.get(f"/api/v1/plates/{plate['id']}/wells/").json()["results"]
        assert any(row["value"] is not None for row in page)


def _value(api, plate_id, well, read_label=None):
    plate = api.get(f"/api/v1/plates/{plate_id}/").json()
    read = next(r for r in plate["reads"] if read_label is None or r["label"] == read_label)
    page = api.get(f"/api/v1/plates/{plate_id}/wells/?read={read['id']}").json()
    assert page["count"] == len(page["results"]) and page["next"] is None
    rows = page["results"]
    return next(r for r in rows if r["well"] == well)


def test_it_keeps_the_values_written_in_the_files(api):
    alpha = upload(api, "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt").json()
    assert (alpha["rows"], alpha["columns"]) == (16, 24)
    assert _value(api, alpha["id"], "D1", alpha["reads"][0]["label"])["value"] == pytest.approx(608643)
    assert _value(api, alpha["id"], "E24", alpha["reads"][0]["label"])["value"] == pytest.approx(340)
    softmax = upload(api, "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt").json()
    assert len(softmax["plates"]) == 2
    a1 = _value(api, softmax["plates"][0]["id"], "A1")
    assert a1["value"] == pytest.approx(3.418, abs=5e-4) and a1["row"] == "A" and a1["column"] == 1


def test_it_flags_overflow_and_missed_wells_without_a_number(api):
    body = upload(api, "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt").json()
    flags = set(Well.objects.filter(plate_id=body["id"]).values_list("flag", flat=True))
    assert {"saturated", "missing"} <= flags
    assert not Well.objects.filter(plate_id=body["id"], flag__isnull=False, value__isnull=False).exists()


def test_it_recognises_the_same_bytes_again(api):
    first = upload(api, "revvity_kaleido_abs-endpoint_96well.csv")
    again = upload(api, "revvity_kaleido_abs-endpoint_96well.csv")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["duplicate"] is True and again.json()["id"] == first.json()["id"]
    assert Plate.objects.count() == 1 and StoredFile.objects.count() == 1


def test_it_returns_the_original_bytes_unchanged(api):
    name = "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"
    plate_id = upload(api, name).json()["plates"][0]["id"]
    response = api.get(f"/api/v1/plates/{plate_id}/original/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (PLATEREADER / name).read_bytes()
    assert name in response["Content-Disposition"]


def test_it_lists_formats_and_filters_plates(api):
    formats = api.get("/api/v1/plates/formats/").json()
    assert {"gen5", "softmax_pro"} <= {f["key"] for f in formats}
    upload(api, "revvity_kaleido_abs-endpoint_96well.csv", barcode="BC-1")
    upload(api, "bmg_pherastar_mars-dsrna-elisa-abs450_96well.csv")
    assert api.get("/api/v1/plates/?barcode=BC-1").json()["count"] == 1
    vendor = Plate.objects.get(barcode="BC-1").vendor
    assert api.get(f"/api/v1/plates/?vendor={vendor}").json()["count"] == 1
    assert api.get("/api/v1/plates/?created_after=2000-01-01T00:00:00Z").json()["count"] == 2
    assert api.get("/api/v1/plates/?created_before=2000-01-01T00:00:00Z").json()["count"] == 0
    assert api.get("/api/v1/plates/?created_after=2000-01-01").json()["count"] == 2  # a plain date works too
    assert api.get("/api/v1/plates/?created_before=2000-01-01").json()["count"] == 0
    bad = api.get("/api/v1/plates/?created_after=yesterday")
    assert bad.status_code == 400 and "created_after" in bad.json()["error"]["message"]


def test_it_lets_an_instrument_token_push_plates(instrument_api, lab):
    response = upload(instrument_api, "revvity_kaleido_abs-endpoint_96well.csv")
    assert response.status_code == 201
    assert response.json()["lab"] == lab.pk and response.json()["uploaded_by"].startswith("instrument-")


def test_it_replays_an_upload_with_the_same_idempotency_key(api):
    data = (PLATEREADER / "revvity_kaleido_abs-endpoint_96well.csv").read_bytes()
    first = api.post(
        "/api/v1/plates/",
        {"file": SimpleUploadedFile("k.csv", data)},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="u1",
    )
    second = api.post(
        "/api/v1/plates/",
        {"file": SimpleUploadedFile("k.csv", data)},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="u1",
    )
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()


def test_it_exports_long_csv_and_asm_json(api):
    plate_id = upload(api, "revvity_kaleido_abs-endpoint_96well.csv").json()["id"]
    csv_text = api.get(f"/api/v1/plates/{plate_id}/export/csv/").content.decode()
    assert csv_text.splitlines()[0].startswith("plate,barcode,read,kind")
    assert len(csv_text.splitlines()) == Well.objects.filter(plate_id=plate_id).count() + 1
    asm = api.get(f"/api/v1/plates/{plate_id}/export/asm/").json()
    assert "il2portal" in asm and asm["il2portal"]["source"]["plate_id"] == plate_id


def test_it_neutralises_formulas_in_the_csv_export(api):
    data = b"well,value\nA1,1.5\nA2,2.5\n"
    plate_id = upload(api, "formula.csv", data, name='=HYPERLINK("http://evil")').json()["id"]
    csv_text = api.get(f"/api/v1/plates/{plate_id}/export/csv/").content.decode()
    first_row = next(csv.DictReader(io.StringIO(csv_text)))
    assert first_row["plate"].startswith("'=HYPERLINK")


# ---- bad input: a clear 4xx naming the problem, the upload kept as a failed import, no partial plate ----


def _refused(response, code):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    assert Plate.objects.count() == 0 and Well.objects.count() == 0
    return error


def test_it_refuses_an_empty_file(api):
    error = _refused(upload(api, "empty.csv", b""), "empty_file")
    assert "empty.csv" in error["message"]
    assert PlateImport.objects.get(pk=error["detail"]["import_id"]).status == "failed"


def test_it_refuses_random_binary_and_lists_supported_formats(api):
    error = _refused(upload(api, "noise.bin", bytes(range(256)) * 40), "unrecognized_format")
    assert "Gen5 text export (gen5)" in error["message"] and "SoftMax Pro text export" in error["message"]
    failed = PlateImport.objects.get(pk=error["detail"]["import_id"])
    assert failed.stored_file.sha256 == hashlib.sha256(bytes(range(256)) * 40).hexdigest()


def test_it_refuses_a_truncated_export(api):
    data = (PLATEREADER / "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt").read_bytes()
    response = upload(api, "truncated.txt", data[: len(data) // 3])
    error = _refused(response, "parse_error")  # the first third holds no complete result block
    assert error["message"].startswith("truncated.txt: No measurement data were found")
    assert PlateImport.objects.get(pk=error["detail"]["import_id"]).status == "failed"


def test_it_refuses_a_file_over_the_size_limit_without_reading_it(api, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = upload(api, "huge.csv", b"well,value\n" + b"A1,1\n" * 20000)
    error = _refused(response, "file_too_large")
    assert "limit" in error["message"]
    assert PlateImport.objects.get(pk=error["detail"]["import_id"]).stored_file is None


def test_it_records_an_oversized_upload_in_the_lab_it_was_meant_for_when_the_user_has_two_labs(
    api, user, settings
):
    from il2portal.models import Membership
    from tests.factories import LabFactory

    second = LabFactory(name="Lab C")
    Membership.objects.create(lab=second, user=user, role=Membership.Role.MEMBER)
    settings.MAX_UPLOAD_BYTES = 1000
    body = b"well,value\n" + b"A1,1\n" * 20000
    response = api.post(
        f"/api/v1/plates/?lab={second.pk}",
        {"file": SimpleUploadedFile("huge.csv", body), "lab": second.pk},
        format="multipart",
    )
    error = _refused(response, "file_too_large")
    refused = PlateImport.objects.get(pk=error["detail"]["import_id"])
    assert refused.lab_id == second.pk and refused.status == "failed"
    # with two labs, none chosen and none named, there is no lab to record it in: still a clean 400
    response = upload(api, "huge.csv", body)
    assert _refused(response, "file_too_large")["detail"].get("import_id") is None


def test_it_refuses_a_wrong_forced_format_and_retries_with_another(api):
    name = "revvity_kaleido_abs-endpoint_96well.csv"
    error = _refused(upload(api, name, vendor="softmax_pro"), "parse_error")
    import_id = error["detail"]["import_id"]
    assert api.get("/api/v1/imports/?status=failed").json()["count"] == 1
    retried = api.post(f"/api/v1/imports/{import_id}/retry/", {"vendor": ""}, format="json")
    assert retried.status_code == 201, retried.json()
    assert Plate.objects.count() == 1


def test_it_refuses_an_unknown_forced_format(api):
    response = upload(api, "revvity_kaleido_abs-endpoint_96well.csv", vendor="nonsense")
    assert response.status_code == 400 and response.json()["error"]["message"].startswith("vendor")


def test_it_names_the_line_of_a_matrix_with_a_missing_column(api):
    header = ",".join(str(c) for c in range(1, 13))
    rows = [f"{r}," + ",".join("0.1" for _ in range(12)) for r in "ABCDEFGH"]
    rows[3] = "D," + ",".join("0.1" for _ in range(11))
    error = _refused(
        upload(api, "matrix.csv", ("," + header + "\n" + "\n".join(rows) + "\n").encode()), "parse_error"
    )
    assert error["detail"]["line"] == 5 and "Line 5: plate row D has 11 cells" in error["message"]


def test_it_flags_junk_in_a_value_cell(api):
    header = ",".join(str(c) for c in range(1, 13))
    rows = [f"{r}," + ",".join("0.1" for _ in range(12)) for r in "ABCDEFGH"]
    rows[1] = "B,0.1,abc," + ",".join("0.1" for _ in range(10))
    response = upload(api, "junk.csv", ("," + header + "\n" + "\n".join(rows) + "\n").encode())
    assert response.status_code == 201
    well = Well.objects.get(plate_id=response.json()["id"], well="B2")
    assert well.flag == "invalid" and well.value is None
    assert any("B2" in w for w in PlateImport.objects.get().warnings)


def test_it_refuses_a_long_csv_that_is_not_a_plate(api):
    lines = ["date,temperature,humidity"] + [
        f"2026-01-{i % 28 + 1:02d},{20 + i % 5},{40 + i % 9}" for i in range(2000)
    ]
    _refused(upload(api, "weather.csv", "\n".join(lines).encode()), "unrecognized_format")


def test_it_refuses_a_request_without_a_file(api):
    response = api.post("/api/v1/plates/", {"name": "x"}, format="multipart")
    assert response.status_code == 400 and response.json()["error"]["message"].startswith("file")


def test_it_refuses_a_layout_of_another_lab_on_upload(api, user, other_lab):
    from il2portal.models import Membership
    from tests.assays.factories import LayoutFactory

    Membership.objects.create(lab=other_lab, user=user)
    foreign_layout = LayoutFactory(lab=other_lab)
    lab_a = user.memberships.exclude(lab=other_lab).first().lab
    response = upload(api, "revvity_kaleido_abs-endpoint_96well.csv", lab=lab_a.pk, layout=foreign_layout.pk)
    assert response.status_code == 400 and "layout" in response.json()["error"]["message"]
    assert not Plate.objects.exists()


def test_it_refuses_a_huge_read_id(api):
    plate_id = upload(api, "revvity_kaleido_abs-endpoint_96well.csv").json()["id"]
    response = api.get(f"/api/v1/plates/{plate_id}/wells/?read={'9' * 24}")
    assert response.status_code == 400
