"""The dashboard fits nothing in a page request (issue 16): its group means and mixed model come from
a refresh job, one per study at a time; after a data change the page shows the last summaries, says
they are out of date and fills in by itself."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from il2portal.jobs import job_execute
from il2portal.models import Job
from studies import live
from studies.services.measurements import measurement_update, measurements_record
from tests.studies.test_survivor_bias import build

pytestmark = pytest.mark.django_db


def _refresh_jobs(study) -> list[Job]:
    return list(Job.objects.filter(kind="study_live_refresh", params__study=study.pk).order_by("pk"))


def _mean_on(page: str, group: str) -> str:
    """The last mean on the curve of ``group`` in the groups table."""
    rows = [r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if group in r and "latest-mean" in r]
    assert rows, group
    return rows[0]


def test_it_computes_the_summaries_once_per_change_without_a_broker(browser_client, lab, user):
    study, _ctrl, _drug = build(lab, user)
    assert browser_client.get(f"/studies/{study.pk}/").status_code == 200
    assert len(_refresh_jobs(study)) == 1 and _refresh_jobs(study)[0].status == "succeeded"
    browser_client.get(f"/studies/{study.pk}/")
    assert len(_refresh_jobs(study)) == 1  # unchanged data: read from the cache
    animal = study.animals.get(tag="T00")
    day = study.day0 + dt.timedelta(days=20)
    measurements_record(
        study=study, rows=[{"animal": animal.tag, "date": day, "length_mm": 9, "width_mm": 7}], user=user
    )
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert len(_refresh_jobs(study)) == 2
    assert 'id="live-stale"' not in page and "data-reload-after" not in page


def test_it_shows_the_last_summaries_as_out_of_date_and_queues_one_refresh(
    browser_client, lab, user, settings, monkeypatch
):
    study, _ctrl, _drug = build(lab, user)
    before = browser_client.get(f"/studies/{study.pk}/").content.decode()  # computed here (no broker)
    settings.JOBS_IN_PROCESS = False  # from now on jobs wait for a worker (none in this test)
    fits = []
    monkeypatch.setattr(live, "compute_mixed", lambda data: fits.append(data) or {})
    last = study.animals.get(tag="T00").measurements.order_by("-date").first()  # day 21, in the mean
    measurement_update(
        measurement=last, data={"length_mm": 15, "width_mm": 12}, user=user, reason="caliper re-read"
    )
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    again = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert not fits  # no model fitted in a page request
    jobs = _refresh_jobs(study)
    assert [j.status for j in jobs] == ["succeeded", "queued"]  # one refresh queued for both views
    for html in (page, again):
        assert 'id="live-stale"' in html and "computed before the latest changes" in html
        assert 'data-reload-after="3000"' in html and "as of an earlier computation" in html
        assert 'id="mixed-table"' in html  # the last mixed model, still shown
    assert _mean_on(page, "IL-2 mutein") == _mean_on(before, "IL-2 mutein")
    monkeypatch.undo()
    job_execute(jobs[-1].pk)  # the worker's turn
    settings.JOBS_IN_PROCESS = True
    after = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert 'id="live-stale"' not in after and "data-reload-after" not in after
    assert len(_refresh_jobs(study)) == 2
    assert _mean_on(after, "IL-2 mutein") != _mean_on(before, "IL-2 mutein")


def test_a_failed_refresh_is_not_retried_at_every_view(browser_client, lab, user, settings, monkeypatch):
    study, _ctrl, _drug = build(lab, user)
    browser_client.get(f"/studies/{study.pk}/")

    def broken(data):
        raise RuntimeError("singular matrix")

    monkeypatch.setattr(live, "compute_mixed", broken)
    measurements_record(
        study=study,
        rows=[{"animal": "T01", "date": study.day0 + dt.timedelta(days=20), "length_mm": 9, "width_mm": 7}],
        user=user,
    )
    for _ in range(3):
        page = browser_client.get(f"/studies/{study.pk}/").content.decode()
        assert page and 'id="live-stale"' in page and "data-reload-after" not in page
    assert [j.status for j in _refresh_jobs(study)] == ["succeeded", "failed"]


def test_a_first_view_with_a_worker_draws_the_means_and_waits_for_the_model(
    browser_client, lab, user, settings
):
    study, _ctrl, _drug = build(lab, user)
    settings.JOBS_IN_PROCESS = False  # a worker will fit the model (none in this test)
    for _ in range(2):
        page = browser_client.get(f"/studies/{study.pk}/").content.decode()
        assert 'id="live-computing"' in page and 'data-reload-after="3000"' in page
        assert "fills in by itself" in page and 'id="fig-growth"' in page
    assert [j.status for j in _refresh_jobs(study)] == ["queued"]


def test_a_dead_broker_does_not_pile_up_refresh_jobs(browser_client, lab, user, settings):
    """The lock expires after two minutes; with the broker down the first refresh still waits, unsent,
    and later views must not queue more (they would all run when the broker is back)."""
    study, _ctrl, _drug = build(lab, user)
    settings.JOBS_IN_PROCESS = False  # jobs wait for a worker that does not come
    for _ in range(3):
        page = browser_client.get(f"/studies/{study.pk}/").content.decode()
        live._cache().delete(live._lock_key(study.pk))  # the lock has expired
        assert 'data-reload-after="3000"' in page
    assert [j.status for j in _refresh_jobs(study)] == ["queued"]
