"""Inputs a client can send that used to end in a 500: each now a 4xx saying what is wrong."""

from __future__ import annotations

import pytest

from assays.models import AssayRun
from il2portal.models import Lot, TestArticle
from tests.assays.factories import make_run
from tests.factories import LotFactory, TestArticleFactory
from tests.studies.factories import ArmTreatmentFactory

pytestmark = pytest.mark.django_db


def test_it_answers_409_naming_the_arms_when_a_lot_in_use_is_deleted(api, lab):
    lot = LotFactory(test_article__lab=lab, lot_number="L-17")
    ArmTreatmentFactory(
        arm__study__lab=lab,
        arm__study__name="MC38 study",
        arm__name="IL-2 high",
        lot=lot,
        test_article=lot.test_article,
    )
    response = api.delete(f"/api/v1/lots/{lot.pk}/")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "in_use"
    assert error["message"] == (
        "This record cannot be deleted because it is used by: group 'IL-2 high' of study 'MC38 study'. "
        "Remove or change those first."
    )
    assert error["detail"]["used_by"][0]["model"] == "studies.armtreatment"
    assert Lot.objects.filter(pk=lot.pk).exists()


def test_it_answers_409_naming_the_lots_when_a_test_article_in_use_is_deleted(api, lab):
    article = TestArticleFactory(lab=lab, name="NARA1")
    LotFactory(test_article=article, lab=lab, lot_number="L-1")
    LotFactory(test_article=article, lab=lab, lot_number="L-2")
    response = api.delete(f"/api/v1/test-articles/{article.pk}/")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "in_use" and error["detail"]["used_by_count"] == 2
    assert "L-1" in error["message"] and "L-2" in error["message"]
    assert TestArticle.objects.filter(pk=article.pk).exists()


def test_it_still_deletes_an_unused_lot(api, lab):
    lot = LotFactory(test_article__lab=lab)
    assert api.delete(f"/api/v1/lots/{lot.pk}/").status_code == 204


@pytest.mark.parametrize(
    "value",
    [
        "2026-01-01T00:00:00+17:00",
        "2026-01-01T00:00:00-13:00",
        "2026-01-01T00:00:00-25:00",
        "9999-12-31T23:59:59-01:00",
        "0001-01-01T00:00:00+01:00",
        "2026-02-30",
    ],
)
@pytest.mark.parametrize("param", ["created_after", "created_before"])
def test_it_answers_400_naming_the_parameter_for_an_impossible_date_filter(api, param, value):
    response = api.get("/api/v1/plates/", {param: value})
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["message"].startswith(f"{param}: ")
    assert param in error["detail"]


@pytest.mark.parametrize("value", ["%", "50%", "%s %d", "2026-01-01T00:00:00+17:00%", "%(value)s"])
@pytest.mark.parametrize("path", ["/api/v1/plates/"])
def test_a_percent_sign_in_a_bad_filter_value_is_a_400_quoting_it(api, path, value):
    """django-filter formats each message with ``message % params``: the caller's text must not be
    part of the format string (schemathesis found ``?created_before=%25`` answered 500). (A plate's
    wells take no list filters: tests/core/test_schema_contract.py.)"""
    response = api.get(path, {"created_before": value})
    assert response.status_code == 400, response.content[:300]
    assert repr(value) in response.json()["error"]["message"]


def test_it_accepts_the_real_extremes_of_utc_offsets(api):
    for value in ("2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00-12:00", "2026-01-01"):
        assert api.get("/api/v1/plates/", {"created_after": value}).status_code == 200


@pytest.mark.parametrize("param", ["group"])
@pytest.mark.parametrize("path", ["animals", "measurements", "doses"])
def test_it_answers_400_for_an_id_filter_beyond_64_bits(api, path, param):
    response = api.get(f"/api/v1/{path}/", {param: str(2**70)})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(f"{param}: ")


def test_it_answers_400_for_a_foreign_key_filter_beyond_64_bits(api):
    response = api.get("/api/v1/plates/", {"layout": str(2**70)})
    assert response.status_code == 400


@pytest.mark.parametrize("text", ["\u0000", "a\u0000b", "\ud800"])
def test_it_answers_400_for_text_that_cannot_be_stored(api, lab, text):
    import json

    body = json.dumps({"name": text, "kind": "il2_mutein"}).encode("utf-8", "surrogatepass")
    response = api.generic("POST", "/api/v1/test-articles/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_request"


def test_it_keeps_the_run_pages_working_for_a_series_stored_with_a_slash(browser_client, lab):
    run = make_run(lab)
    AssayRun.objects.filter(pk=run.pk).update(series="IL-2/anti-PD-1", timepoint_h=24)
    listing = browser_client.get("/assays/runs/")
    assert listing.status_code == 200
    assert "/assays/time-courses/?series=IL-2%2Fanti-PD-1" in listing.content.decode()
    assert browser_client.get(f"/assays/runs/{run.pk}/").status_code == 200
    course = browser_client.get("/assays/time-courses/", {"series": "IL-2/anti-PD-1"})
    assert course.status_code == 200 and "IL-2/anti-PD-1" in course.content.decode()


def test_it_refuses_a_series_that_cannot_be_a_page_address_and_lets_the_api_fix_one(api, lab):
    run = make_run(lab)
    AssayRun.objects.filter(pk=run.pk).update(series="IL-2/anti-PD-1")
    bad = api.patch(f"/api/v1/runs/{run.pk}/", {"series": "a/b"}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["message"].startswith("series: ")
    fixed = api.patch(f"/api/v1/runs/{run.pk}/", {"series": "IL-2 + anti-PD-1"}, format="json")
    assert fixed.status_code == 200 and fixed.json()["series"] == "IL-2 + anti-PD-1"
    run.refresh_from_db()
    assert run.series == "IL-2 + anti-PD-1"
    assert run.history.count() >= 2


@pytest.mark.parametrize("series", ["a/b", "a\\b", "..", "50%", "x?y", "t\u0007"])
def test_it_refuses_a_bad_series_when_a_run_is_created(series):
    from assays import services
    from assays.errors import RunInputError

    with pytest.raises(RunInputError) as exc:
        services.run_series_check(series)
    assert exc.value.field == "series"
