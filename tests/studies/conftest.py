"""Helpers for the studies tests: a study with groups and animals built through the API."""

from __future__ import annotations

import datetime as dt

import pytest

from il2portal.models import TestArticle
from tests.factories import TestArticleFactory

DAY0 = dt.date(2025, 3, 3)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The users these tests log in with need no slow password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def day(n: int) -> str:
    return (DAY0 + dt.timedelta(days=n)).isoformat()


def create_study(api, **extra) -> dict:
    body = {
        "name": "MC38 PD-1 x IL-2",
        "tumor_model": "MC38",
        "strain": "C57BL/6",
        "day0": DAY0.isoformat(),
        "implanted_on": DAY0.isoformat(),
        "volume_formula": "lw2_half",
        "endpoint_volume_mm3": 2000,
        "weight_loss_endpoint_pct": 20,
        **extra,
    }
    response = api.post("/api/v1/studies/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def vehicle(lab):
    return TestArticleFactory(lab=lab, name="PBS", kind=TestArticle.Kind.VEHICLE, mutations="")


@pytest.fixture
def study(api, lab, vehicle) -> dict:
    """A study with a control and a treated group of 4 mice each (tags A1..A4, B1..B4)."""
    s = create_study(api)
    ctrl = api.post(
        f"/api/v1/studies/{s['id']}/groups/",
        {
            "name": "Vehicle",
            "treatment": vehicle.pk,
            "dose": "200 µL",
            "route": "i.p.",
            "schedule": "q3d×3",
            "is_control": True,
            "dosing_start_day": 7,
        },
        format="json",
    ).json()
    treated = api.post(
        f"/api/v1/studies/{s['id']}/groups/",
        {
            "name": "IL-2 mutein",
            "dose": 1,
            "dose_unit": "mg/kg",
            "route": "s.c.",
            "schedule": "q3d×3",
            "dosing_start_day": 7,
        },
        format="json",
    ).json()
    animals = [{"tag": f"A{i}", "group": ctrl["id"], "cage": "C1", "sex": "F"} for i in range(1, 5)]
    animals += [{"tag": f"B{i}", "group": treated["id"], "cage": "C2", "sex": "F"} for i in range(1, 5)]
    response = api.post(f"/api/v1/studies/{s['id']}/animals/", animals, format="json")
    assert response.status_code == 201, response.content
    s["groups"] = [ctrl, treated]
    s["url"] = f"/api/v1/studies/{s['id']}/"
    return s
