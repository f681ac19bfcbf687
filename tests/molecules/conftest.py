"""Fixtures of the molecules tests: the portal's demo data (slow to build: ~10 s) loaded once per test
module inside a transaction that is rolled back after the module; each test runs in a savepoint of it,
so what a test writes is undone and the next test sees the demo as loaded."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from rest_framework.test import APIClient

import tests.molecules.factories  # noqa: F401  (registers the factories)
from assays.models import AssayRun, CellLine
from il2portal import services
from il2portal.models import Lab, Lot, Membership, TestArticle
from tests.factories import LabFactory, UserFactory


@dataclass
class Demo:
    lab: Lab
    user: User
    other_lab: Lab
    other_user: User
    token: str
    other_token: str

    # the demo's records, read again in each test (each test's savepoint may change them)
    def article(self, name: str) -> TestArticle:
        return TestArticle.objects.get(lab=self.lab, name=name)

    @property
    def reference(self) -> TestArticle:
        return self.article("Aldesleukin (rhIL-2)")

    @property
    def mutein(self) -> TestArticle:
        return self.article("IL-2 not-alpha mutein")

    def lot(self, number: str) -> Lot:
        return Lot.objects.get(lab=self.lab, lot_number=number)

    def cells(self, name: str) -> CellLine:
        return CellLine.objects.get(lab=self.lab, name=name)

    def run(self, name: str) -> AssayRun:
        return AssayRun.objects.get(lab=self.lab, name=name)

    def yt_runs(self) -> list[AssayRun]:
        return list(AssayRun.objects.filter(lab=self.lab, name__startswith="Potency YT").order_by("name"))

    def client(self) -> Client:
        client = Client()
        client.force_login(self.user)
        return client

    def other_client(self) -> Client:
        client = Client()
        client.force_login(self.other_user)
        return client

    def api(self) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {self.token}")
        return client

    def other_api(self) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {self.other_token}")
        return client


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker, tmp_path_factory):
    from il2portal.demo import load_demo_data

    cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "molecules-demo"}
    from django.conf import settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            JOBS_IN_PROCESS=True,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            CACHES={**settings.CACHES, "analysis": cache},
        ),
        transaction.atomic(),
    ):
        caches["analysis"].clear()
        lab = LabFactory(name="Molecule Lab")
        user = UserFactory(username="molly")
        Membership.objects.create(lab=lab, user=user, role=Membership.Role.ADMIN)
        other_lab = LabFactory(name="Other Lab")
        other_user = UserFactory(username="olga")
        Membership.objects.create(lab=other_lab, user=other_user, role=Membership.Role.ADMIN)
        load_demo_data(lab=lab, user=user)
        _t, token = services.api_token_create_personal(user=user)
        _t, other_token = services.api_token_create_personal(user=other_user)
        yield Demo(lab, user, other_lab, other_user, token, other_token)
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_module, db):
    """The demo (module-wide), in this test's savepoint."""
    return demo_module
