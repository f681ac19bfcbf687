"""The PI dashboard reads a study in a fixed number of queries, whatever the number of animals."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from studies.models import Study
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


def _queries(client, study) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/studies/{study.pk}/")
    assert response.status_code == 200
    assert 'id="fig-km"' in response.content.decode()
    return len(ctx.captured_queries)


def test_it_renders_the_dashboard_in_constant_queries(
    browser_client, lab, user, django_assert_max_num_queries
):
    small = build_study(lab, user, 10)
    large = build_study(lab, user, 100)
    n_small = _queries(browser_client, small)
    n_large = _queries(browser_client, large)
    assert n_small == n_large, (n_small, n_large)
    with django_assert_max_num_queries(n_small):
        browser_client.get(f"/studies/{large.pk}/")
    with django_assert_max_num_queries(20):
        browser_client.get(f"/studies/{small.pk}/")


def test_it_keeps_the_query_count_flat_for_the_today_list_and_home_panels(browser_client, lab, user):
    build_study(lab, user, 10)
    with CaptureQueriesContext(connection) as small:
        browser_client.get("/studies/today/")
    Study.objects.all().delete()
    build_study(lab, user, 60)
    with CaptureQueriesContext(connection) as large:
        browser_client.get("/studies/today/")
    assert len(small.captured_queries) == len(large.captured_queries)


@pytest.mark.parametrize("path", ["/", "/studies/today/"])
def test_it_reads_the_home_page_and_today_list_in_the_same_queries_for_1_and_5_studies(
    browser_client, lab, user, path
):
    """Issue 16: the home page and the today list issued 5 queries more per active study."""
    build_study(lab, user, 8)
    browser_client.get(path)  # warm per-request caches (lab, session) out of the count
    caches["analysis"].clear()  # both counts with every study's alerts computed (test_alerts_cache)
    with CaptureQueriesContext(connection) as one:
        assert browser_client.get(path).status_code == 200
    for n in range(1, 5):
        build_study(lab, user, 8 + 4 * n)
    caches["analysis"].clear()
    with CaptureQueriesContext(connection) as five:
        assert browser_client.get(path).status_code == 200
    assert len(five.captured_queries) == len(one.captured_queries), "\n".join(
        q["sql"][:160] for q in five.captured_queries
    )
