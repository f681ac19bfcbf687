"""The PI dashboard reads a study in a fixed number of queries, whatever the number of animals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from studies.models import Animal, Event, Measurement, Study
from studies.services.analyses import analysis_run
from studies.services.common import lab_today
from studies.services.design import arm_create
from studies.services.dosing import doses_plan

pytestmark = pytest.mark.django_db


def build_study(lab, user, n_animals: int, n_days: int = 12) -> Study:
    """A study with 4 arms, ``n_animals`` mice measured every 3 days, some at endpoint, and stored
    growth and survival analyses (bulk inserts: fast to build)."""
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=n_days * 3 + 8)
    study = Study.objects.create(lab=lab, name=f"Q{n_animals}", day0=day0, implanted_on=day0, created_by=user)
    arms = [
        arm_create(
            study=study, name=f"Arm {k}", is_control=k == 0, order=k, schedule="q3d×3", dosing_start_day=7
        )
        for k in range(4)
    ]
    Animal.objects.bulk_create(
        [
            Animal(lab=lab, study=study, tag=f"M{i:03d}", cage=f"C{i // 5}", arm=arms[i % 4])
            for i in range(n_animals)
        ]
    )
    animals = list(Animal.objects.filter(study=study))
    ms, evs = [], []
    for i, a in enumerate(animals):
        rate = 0.12 if i % 4 == 0 else 0.06
        for k in range(n_days):
            d = 7 + 3 * k
            vol = 70 * 2.718 ** (rate * (d - 7))
            ms.append(
                Measurement(
                    lab=lab,
                    study=study,
                    animal=a,
                    date=day0 + dt.timedelta(days=d),
                    length_mm=10,
                    width_mm=8,
                    volume_mm3=vol,
                    weight_g=20 - 0.05 * k,
                )
            )
            if vol > 2000:
                evs.append(
                    Event(
                        lab=lab,
                        study=study,
                        animal=a,
                        date=day0 + dt.timedelta(days=d),
                        kind="endpoint_euthanasia",
                    )
                )
                a.status, a.exit_date = "endpoint", day0 + dt.timedelta(days=d)
                a.save()
                break
    Measurement.objects.bulk_create(ms)
    Event.objects.bulk_create(evs)
    doses_plan(study=study)
    analysis_run(study=study, kind="survival", user=user)
    analysis_run(study=study, kind="growth", user=user)
    return study


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
