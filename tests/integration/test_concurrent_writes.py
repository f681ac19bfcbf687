"""Requests racing for one unique row on real PostgreSQL: one wins, the others get 409, never a 500."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from il2portal import services as core_services
from il2portal.models import Membership
from studies.models import Measurement
from studies.services.common import lab_today
from studies.services.design import animals_create, study_create
from tests.conftest import need
from tests.factories import LabFactory, UserFactory

THREADS = 40


@pytest.fixture
def postgres(transactional_db):
    need(connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database for this test")


def _race(url: str, body, key: str) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(THREADS)
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def post():
        client = APIClient()
        client.raise_request_exception = False
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            barrier.wait(timeout=30)
            response = client.post(url, body, format="json")
            try:
                payload = response.json()
            except ValueError:
                payload = {}
            with lock:
                answers.append((response.status_code, payload))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return answers


def test_it_answers_concurrent_measurements_of_one_animal_day_with_one_201_and_409s(postgres):
    lab = LabFactory()
    user = UserFactory()
    Membership.objects.create(lab=lab, user=user, role=Membership.Role.ADMIN)
    _token, key = core_services.api_token_create_personal(user=user)
    study = study_create(lab=lab, user=user, name="Race", day0=lab_today(lab))
    animals_create(study=study, rows=[{"tag": "M1"}], user=user)
    body = [{"animal": "M1", "date": study.day0.isoformat(), "length_mm": 8, "width_mm": 6}]
    answers = _race(f"/api/v1/studies/{study.pk}/measurements/", body, key)
    codes = sorted(code for code, _ in answers)
    assert len(answers) == THREADS
    assert codes.count(201) == 1, codes
    assert set(codes) == {201, 409}, codes
    conflicts = [p for c, p in answers if c == 409]
    assert all(p["error"]["code"] == "duplicate_measurement" for p in conflicts)
    assert Measurement.objects.filter(study=study).count() == 1


def test_it_answers_concurrent_animals_with_one_tag_with_one_201_and_409s(postgres):
    lab = LabFactory()
    user = UserFactory()
    Membership.objects.create(lab=lab, user=user, role=Membership.Role.ADMIN)
    _token, key = core_services.api_token_create_personal(user=user)
    study = study_create(lab=lab, user=user, name="Race", day0=lab_today(lab))
    answers = _race(f"/api/v1/studies/{study.pk}/animals/", [{"tag": "Z1"}], key)
    codes = sorted(code for code, _ in answers)
    assert codes.count(201) == 1 and 500 not in codes, codes
    assert set(codes) <= {201, 400, 409}, codes
