"""Endpoint alerts on the home page and the today list are computed once per change of a study's data
(or per day), not per view (issue 16): a lab with many studies in life loads none of them per view,
and a change to any input of a study's alerts is seen at the next view."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from studies import selectors
from studies.models import Measurement, Study
from studies.services.common import lab_today
from studies.services.events import events_record
from studies.services.measurements import measurement_update
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


def _alerts(study, today=None):
    today = today or lab_today(study.lab)
    with CaptureQueriesContext(connection) as ctx:
        alerts = selectors.studies_alerts([study], today)[study.pk]
    return alerts, _reads_measurements(ctx)


def _reads_measurements(ctx) -> bool:
    return any(re.search(r"\bstudies_measurement\b", q["sql"]) for q in ctx.captured_queries)


def _volume_alerts(alerts):
    return {(a["animal"], a["level"]) for a in alerts}


def test_alerts_are_computed_once_and_again_after_each_kind_of_change(lab, user):
    study = build_study(lab, user, 12)
    first, loaded = _alerts(study)
    assert loaded and first
    same, loaded = _alerts(study)
    assert not loaded and same == first  # read from the cache: no measurement read
    assert first == selectors.study_alerts(selectors.load_study_data(study), lab_today(lab))

    # a correction of the newest measurement of an animal near its endpoint
    tag = first[0]["animal"]
    newest = Measurement.objects.filter(study=study, animal__tag=tag).order_by("-date").first()
    measurement_update(measurement=newest, data={"length_mm": 4, "width_mm": 3}, user=user, reason="typo")
    after, loaded = _alerts(study)
    assert loaded and after == selectors.study_alerts(selectors.load_study_data(study), lab_today(lab))
    assert after != first

    # the animal leaves the study: its alerts go
    events_record(
        study=study, rows=[{"animal": tag, "date": newest.date, "kind": "endpoint_euthanasia"}], user=user
    )
    gone, loaded = _alerts(study)
    assert loaded and tag not in {a["animal"] for a in gone}

    # a study setting the alerts read (the endpoint volume)
    study = Study.objects.get(pk=study.pk)
    study.endpoint_volume_mm3 = 100
    study.save()
    lower, loaded = _alerts(study)
    reached = [a for a in lower if a["kind"] == "volume" and a["level"] == "reached"]
    assert loaded and len(reached) > len(
        [a for a in gone if a["kind"] == "volume" and a["level"] == "reached"]
    )

    # a new day: computed again (days left change with it)
    _, loaded = _alerts(study, lab_today(lab) + dt.timedelta(days=1))
    assert loaded


def test_the_home_page_reads_no_study_data_when_nothing_changed(browser_client, lab, user):
    for n in (8, 12, 16):
        build_study(lab, user, n)
    browser_client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        assert browser_client.get("/").status_code == 200
    assert not _reads_measurements(ctx)


def test_the_today_list_pages_its_alerts_most_urgent_first(browser_client, lab, user, monkeypatch):
    from studies import views

    build_study(lab, user, 40)
    monkeypatch.setattr(views, "TODAY_NEAR_PER_PAGE", 5)
    alerts = selectors.studies_alerts(list(Study.objects.filter(lab=lab)), lab_today(lab))
    n = sum(len(a) for a in alerts.values())
    assert n > 5
    page = browser_client.get("/studies/today/").content.decode()
    assert f"{n} alerts, most urgent first" in page and f"Alerts 1–5 of {n}" in page
    assert page.count('class="alert-row') == 5
    rows = []
    for k in range(1, -(-n // 5) + 1):
        html = browser_client.get(f"/studies/today/?near_page={k}").content.decode()
        rows += re.findall(r'class="alert-row (\w+)"', html)
    assert len(rows) == n
    assert rows == sorted(rows, key=lambda level: level != "reached")  # reached ones first
    last = browser_client.get(f"/studies/today/?near_page={-(-n // 5)}").content.decode()
    assert last.count('class="alert-row') == n - 5 * (-(-n // 5) - 1)
