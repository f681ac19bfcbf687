"""A user of lab A never sees lab B's records: every API resource and every page with an id.

The tests enumerate the router and the URL patterns, so a new endpoint or page is covered
(or fails here until its model has a factory in tests/factories.py).
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from il2portal.api.urls import router
from il2portal.api.views import InvitationViewSet, LabViewSet, TokenViewSet
from il2portal.api.viewsets import LabScopedMixin
from il2portal.models import LabOwned, TestArticle
from tests import factories

pytestmark = pytest.mark.django_db

# importing the app factories registers them
import tests.assays.factories  # noqa: E402,F401
import tests.molecules.factories  # noqa: E402,F401
import tests.studies.factories  # noqa: E402,F401

# the caller's own records, not a lab's: filtered by user (tested in test_labs_and_invitations/test_accounts)
PER_USER = (InvitationViewSet, TokenViewSet)
# resources with records (create-only endpoints such as /fits/ have no queryset and no ids)
ROUTES = [
    (p, v) for p, v, _b in router.registry if getattr(v, "queryset", None) is not None and v not in PER_USER
]


def _model(viewset):
    return viewset.queryset.model


def test_it_scopes_every_api_resource_through_the_tenancy_mixin():
    for prefix, viewset in ROUTES:
        assert issubclass(viewset, LabScopedMixin) or viewset is LabViewSet, prefix


def test_it_has_a_factory_for_every_lab_owned_model():
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, LabOwned) and not model._meta.abstract:
            assert model in factories.FACTORIES, f"add a factory for {model.__name__} in tests/"


@pytest.mark.parametrize("prefix,viewset", ROUTES, ids=[p for p, _ in ROUTES])
def test_it_answers_404_for_another_labs_record(prefix, viewset, api, other_lab):
    record = factories.FACTORIES[_model(viewset)](other_lab)
    url = f"/api/v1/{prefix}/{record.pk}/"
    detail = api.get(url)
    assert detail.status_code == 404, (url, detail.content[:200])
    assert "error" in detail.json()
    for method in ("patch", "delete"):
        response = getattr(api, method)(url, {}, format="json")
        assert response.status_code in (404, 405), (method, url, response.status_code)
    listing = api.get(f"/api/v1/{prefix}/")
    if listing.status_code == 200:
        body = listing.json()
        rows = body["results"] if isinstance(body, dict) and "results" in body else body
        assert record.pk not in [row.get("id") for row in rows], prefix
    record.refresh_from_db()  # still there: nothing was deleted


def test_it_keeps_instrument_tokens_out_of_other_labs(instrument_api, other_lab):
    response = instrument_api.post(
        "/api/v1/test-articles/",
        {"lab": other_lab.pk, "name": "Planted", "kind": "il2_mutein"},
        format="json",
    )
    assert response.status_code == 403  # instrument tokens write no test articles, in any lab
    assert not TestArticle.objects.filter(name="Planted").exists()


def test_it_refuses_related_records_of_another_lab(api, other_lab):
    foreign = factories.TestArticleFactory(lab=other_lab)
    response = api.post("/api/v1/lots/", {"test_article": foreign.pk, "lot_number": "X"}, format="json")
    assert response.status_code == 400
    assert "test_article" in response.json()["error"]["detail"]


def _page_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in ("admin", "api"):
                continue
            yield from _page_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "<int:" in str(entry.pattern):
            yield prefix + str(entry.pattern), entry


def test_it_answers_404_on_every_page_for_another_labs_record(browser_client, other_lab):
    from tests.page_models import PAGE_MODELS

    patterns = list(_page_patterns())
    assert patterns
    for route, _entry in patterns:
        assert route in PAGE_MODELS, f"map {route!r} to its model in tests/page_models.py"
        model = PAGE_MODELS[route]
        record = factories.FACTORIES[model](other_lab)
        url = "/" + route.replace("<int:pk>", str(record.pk))
        for param, value in (("<int:version>", "1"), ("<str:fmt>", "csv"), ("<slug:kind>", "run_version")):
            url = url.replace(param, value)
        response = browser_client.get(url)
        if response.status_code == 405:  # POST-only action
            response = browser_client.post(url)
        assert response.status_code == 404, (url, response.status_code)
        record.refresh_from_db()


def test_it_answers_a_foreign_id_in_a_filter_like_a_missing_one(api, other_lab):
    foreign = factories.TestArticleFactory(lab=other_lab)
    missing = api.get("/api/v1/lots/?test_article=999999")
    other = api.get(f"/api/v1/lots/?test_article={foreign.pk}")
    assert other.status_code == missing.status_code == 400
    assert other.json()["error"]["message"] == missing.json()["error"]["message"].replace(
        "999999", str(foreign.pk)
    )
    assert api.get(f"/api/v1/test-articles/?lab={other_lab.pk}").status_code == 400


def test_it_answers_an_id_too_large_for_the_database_like_a_missing_one(api):
    response = api.post("/api/v1/lots/", {"test_article": 10**30, "lot_number": "X"}, format="json")
    assert response.status_code == 400 and "test_article" in response.json()["error"]["detail"]
