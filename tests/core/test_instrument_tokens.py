"""Instrument tokens are bound to their lab and do what instruments do: push plates and measurements
and read results. Nothing else, whatever the endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from il2portal.models import Lab, LabInvitation, Membership, TestArticle
from studies.models import Measurement, Study
from tests.factories import TestArticleFactory, UserFactory
from tests.studies.factories import AnimalFactory, StudyFactory

pytestmark = pytest.mark.django_db
REFDATA = Path(__file__).resolve().parents[1] / "refdata" / "platereader"


@pytest.fixture
def study(lab):
    study = StudyFactory(lab=lab, name="MC38 + IL-2")
    AnimalFactory(study=study, lab=lab, tag="M1")
    return study


def test_it_refuses_to_create_labs_with_an_instrument_token(instrument_api, settings):
    settings.LAB_CREATION = "anyone"  # even where anyone may
    response = instrument_api.post("/api/v1/labs/", {"name": "Robot lab"}, format="json")
    assert response.status_code == 403
    assert "Instrument tokens" in response.json()["error"]["message"]
    assert not Lab.objects.filter(name="Robot lab").exists()


def test_it_refuses_member_management_with_an_instrument_token(instrument_api, lab):
    UserFactory(username="carol")
    response = instrument_api.post(
        f"/api/v1/labs/{lab.pk}/members/", {"username": "carol", "role": "admin"}, format="json"
    )
    assert response.status_code == 403
    assert not LabInvitation.objects.exists()
    assert not Membership.objects.filter(user__username="carol").exists()


def test_it_refuses_deletes_with_an_instrument_token(instrument_api, lab):
    article = TestArticleFactory(lab=lab)
    assert instrument_api.delete(f"/api/v1/test-articles/{article.pk}/").status_code == 403
    assert TestArticle.objects.filter(pk=article.pk).exists()


def test_it_refuses_study_edits_with_an_instrument_token(instrument_api, lab, study):
    patched = instrument_api.patch(f"/api/v1/studies/{study.pk}/", {"name": "Renamed"}, format="json")
    assert patched.status_code == 403
    created = instrument_api.post(
        "/api/v1/studies/", {"name": "Robot study", "day0": "2025-03-03"}, format="json"
    )
    assert created.status_code == 403
    study.refresh_from_db()
    assert study.name == "MC38 + IL-2" and not Study.objects.filter(name="Robot study").exists()


@pytest.mark.parametrize(
    "path,body",
    [
        ("/api/v1/test-articles/", {"name": "Planted", "kind": "il2_mutein"}),
        ("/api/v1/layouts/", {"name": "L", "rows": 8, "columns": 12, "wells": []}),
        ("/api/v1/fits/", {"model": "4PL", "points": []}),
    ],
)
def test_it_keeps_instrument_tokens_to_their_writes(instrument_api, path, body):
    response = instrument_api.post(path, body, format="json")
    assert response.status_code == 403, (path, response.content[:200])


def test_it_lets_an_instrument_push_plates_and_read_them(instrument_api, lab):
    name = "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt"
    upload = SimpleUploadedFile(name, (REFDATA / name).read_bytes())
    response = instrument_api.post("/api/v1/plates/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content[:300]
    plate_id = response.json()["id"]
    assert response.json()["lab"] == lab.pk
    assert instrument_api.get(f"/api/v1/plates/{plate_id}/").status_code == 200
    assert instrument_api.get("/api/v1/runs/").status_code == 200


def test_it_lets_an_instrument_retry_its_failed_push_with_another_format(instrument_api):
    name = "revvity_kaleido_abs-endpoint_96well.csv"
    upload = SimpleUploadedFile(name, (REFDATA / name).read_bytes())
    refused = instrument_api.post(
        "/api/v1/plates/", {"file": upload, "vendor": "softmax_pro"}, format="multipart"
    )
    assert refused.status_code == 400, refused.content[:300]
    import_id = refused.json()["error"]["detail"]["import_id"]
    retried = instrument_api.post(f"/api/v1/imports/{import_id}/retry/", {"vendor": ""}, format="json")
    assert retried.status_code == 201, retried.content[:300]


def test_it_lets_an_instrument_push_measurements(instrument_api, study):
    rows = [{"animal": "M1", "date": "2025-03-10", "length_mm": 8.1, "width_mm": 6.0, "weight_g": 21.3}]
    response = instrument_api.post(f"/api/v1/studies/{study.pk}/measurements/", rows, format="json")
    assert response.status_code == 201, response.content[:300]
    assert Measurement.objects.filter(study=study).count() == 1


def test_it_does_not_let_an_admin_invite_an_instrument_user(api, lab, other_lab, other_user):
    from il2portal import services

    _token, _key = services.api_token_create_instrument(lab=other_lab, name="reader", created_by=other_user)
    robot = Membership.objects.get(lab=other_lab, role="instrument").user
    response = api.post(f"/api/v1/labs/{lab.pk}/members/", {"username": robot.username}, format="json")
    assert response.status_code == 400
