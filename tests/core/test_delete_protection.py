"""A record other records use cannot be deleted: the API answers 409 naming what uses it and
nothing changes (a lot named in a layout's wells keeps the runs' lot provenance). A unique name
taken by a concurrent request is a 409 too, never a 500."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from assays.models import LayoutWell
from il2portal.models import Lot, TestArticle
from tests.factories import LotFactory, TestArticleFactory

pytestmark = pytest.mark.django_db


def _layout_with_lot(api, lot) -> int:
    wells = [{"well": "A1", "role": "sample", "sample": "S1", "lot": lot.pk}]
    response = api.post(
        "/api/v1/layouts/", {"name": "With lot", "rows": 8, "columns": 12, "wells": wells}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_it_refuses_to_delete_a_lot_a_layout_uses_and_names_the_layout(api, lab):
    lot = LotFactory(test_article=TestArticleFactory(lab=lab), lot_number="L-7")
    _layout_with_lot(api, lot)
    response = api.delete(f"/api/v1/lots/{lot.pk}/")
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] == "in_use"
    assert "With lot" in error["message"] and "layout well" in error["message"]
    assert error["detail"]["used_by"]
    assert Lot.objects.filter(pk=lot.pk).exists()
    assert LayoutWell.objects.get(well="A1").lot_id == lot.pk


def test_it_refuses_to_delete_a_test_article_with_lots(api, lab):
    article = TestArticleFactory(lab=lab, name="Mutein X")
    LotFactory(test_article=article, lot_number="L-1")
    response = api.delete(f"/api/v1/test-articles/{article.pk}/")
    assert response.status_code == 409
    assert "L-1" in response.json()["error"]["message"]
    assert TestArticle.objects.filter(pk=article.pk).exists()


def test_it_deletes_an_unused_lot(api, lab):
    lot = LotFactory(test_article=TestArticleFactory(lab=lab))
    assert api.delete(f"/api/v1/lots/{lot.pk}/").status_code == 204
    assert not Lot.objects.filter(pk=lot.pk).exists()


def test_it_protects_lots_of_layout_wells_below_the_api_too(api, lab):
    lot = LotFactory(test_article=TestArticleFactory(lab=lab))
    _layout_with_lot(api, lot)
    with pytest.raises(ProtectedError):
        lot.delete()


def test_it_names_the_study_group_that_uses_a_lot(api, lab, user):
    import datetime as dt

    from studies.services.design import arm_create, study_create

    lot = LotFactory(test_article=TestArticleFactory(lab=lab), lot_number="L-9")
    study = study_create(lab=lab, user=user, name="MC38-01", day0=dt.date(2025, 1, 6))
    arm_create(study=study, name="Vehicle", lot=lot)
    response = api.delete(f"/api/v1/lots/{lot.pk}/")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "This record cannot be deleted because it is used by: group 'Vehicle' of study 'MC38-01'. "
        "Remove or change those first."
    )


def test_it_answers_409_when_a_concurrent_request_took_the_same_unique_name(api, lab, monkeypatch):
    from django.db import transaction

    from assays import services
    from assays.models import Layout

    def racing_layout_create(**kwargs):
        with transaction.atomic():  # the other request committed the name after this one checked it
            Layout.objects.create(lab=kwargs["lab"], name=kwargs["name"])
            Layout.objects.create(lab=kwargs["lab"], name=kwargs["name"])

    monkeypatch.setattr(services, "layout_create", racing_layout_create)
    response = api.post("/api/v1/layouts/", {"name": "Twice", "wells": []}, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "conflict"
