"""Every studies page with an id answers 404 for another lab's record (the same check as
tests/core/test_tenancy.py, limited to this app so it runs whatever other apps' state)."""

from __future__ import annotations

import pytest

import tests.studies.factories  # noqa: F401  (registers the factories)
from tests import factories
from tests.core.test_tenancy import _page_patterns
from tests.page_models import PAGE_MODELS

pytestmark = pytest.mark.django_db


def test_it_answers_404_on_every_studies_page_for_another_labs_record(browser_client, other_lab):
    routes = [r for r, _ in _page_patterns() if r.startswith("studies/")]
    assert len(routes) >= 10
    for route in routes:
        model = PAGE_MODELS[route]
        record = factories.FACTORIES[model](other_lab)
        url = "/" + route.replace("<int:pk>", str(record.pk))
        response = browser_client.get(url)
        if response.status_code == 405:
            response = browser_client.post(url)
        assert response.status_code == 404, (url, response.status_code)
        record.refresh_from_db()


def test_it_opens_every_studies_page_for_the_own_labs_record(browser_client, lab):
    for route in [r for r, _ in _page_patterns() if r.startswith("studies/")]:
        record = factories.FACTORIES[PAGE_MODELS[route]](lab)
        url = "/" + route.replace("<int:pk>", str(record.pk))
        response = browser_client.get(url)
        if response.status_code == 405:
            continue
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
