"""Endpoint notifications (studies.notifications): the study's creator is told once per animal and
endpoint event, when it is reached and when a tumor-volume crossing is predicted within a day, from
every way measurements are entered and from the periodic check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from il2portal import periodic, registry
from il2portal.models import Notification
from studies.models import Animal, Measurement
from studies.notifications import notify_endpoints
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.events import events_record
from studies.services.measurements import measurement_update, measurements_record

pytestmark = pytest.mark.django_db


def _side(volume: float) -> float:
    """Length = width giving ``volume`` with L·W²/2."""
    return (2 * volume) ** (1 / 3)


def _rows(tag: str, day0: dt.date, volumes: dict[int, float]) -> list[dict]:
    return [
        {
            "animal": tag,
            "date": day0 + dt.timedelta(days=d),
            "length_mm": round(_side(v), 4),
            "width_mm": round(_side(v), 4),
        }
        for d, v in volumes.items()
    ]


@pytest.fixture
def study(lab, user, member):
    """Day 0 fifteen days ago (today is day 15), created by alice; mallory is also a member."""
    user.email = "alice@lab.example"
    user.save(update_fields=["email"])
    day0 = lab_today(lab) - dt.timedelta(days=15)
    study = study_create(lab=lab, user=user, name="MC38 pilot", day0=day0, implanted_on=day0)
    arm = arm_create(study=study, name="Vehicle", is_control=True)
    animals_create(study=study, rows=[{"tag": t, "arm": arm} for t in ("M1", "M2", "M3")])
    return study


def _endpoint_notices():
    return Notification.objects.filter(kind="endpoint").order_by("pk")


def test_it_tells_the_creator_once_when_a_crossing_is_predicted_within_a_day_then_once_when_reached(
    study, user, member, django_capture_on_commit_callbacks
):
    rows = _rows("M1", study.day0, {13: 500, 14: 900, 15: 1600})  # predicted on day 15.4: today
    rows += _rows("M2", study.day0, {13: 400, 14: 600, 15: 900})  # in about 2 days: a warning only
    with django_capture_on_commit_callbacks(execute=True):
        measurements_record(study=study, rows=rows, user=member)
    (predicted,) = _endpoint_notices()
    m1 = Animal.objects.get(study=study, tag="M1")
    assert predicted.user == user and predicted.lab == study.lab
    assert predicted.key == f"endpoint:{m1.pk}:volume:predicted"
    assert predicted.url == f"/studies/animals/{m1.pk}/"
    assert "M1" in predicted.title and "within a day" in predicted.title and "predicted" in predicted.body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@lab.example"]
    # checked again (another measurement of another animal, the periodic check): nothing new
    with django_capture_on_commit_callbacks(execute=True):
        measurements_record(study=study, rows=_rows("M3", study.day0, {15: 100}), user=member)
    assert notify_endpoints()["notified"] == 0
    assert _endpoint_notices().count() == 1
    # the crossing itself (a correction of today's caliper reading)
    last = Measurement.objects.get(animal=m1, date=lab_today(study.lab))
    side = _side(2100)
    with django_capture_on_commit_callbacks(execute=True):
        measurement_update(
            measurement=last, data={"length_mm": side, "width_mm": side}, user=member, reason="re-read"
        )
    reached = _endpoint_notices().last()
    assert reached.key == f"endpoint:{m1.pk}:volume:reached" and "reached" in reached.title
    with django_capture_on_commit_callbacks(execute=True):
        measurement_update(measurement=last, data={"length_mm": side + 0.1}, user=member, reason="again")
    assert notify_endpoints()["notified"] == 0
    assert _endpoint_notices().count() == 2
    assert not Notification.objects.filter(user=member).exists()  # only the study's creator


def test_it_tells_of_measurements_entered_through_the_api(
    api, study, user, django_capture_on_commit_callbacks
):
    rows = [{**r, "date": r["date"].isoformat()} for r in _rows("M1", study.day0, {14: 1500, 15: 2300})]
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/studies/{study.pk}/measurements/", rows, format="json")
    assert response.status_code == 201
    (notice,) = _endpoint_notices()
    assert notice.user == user and notice.key.endswith(":volume:reached")


def test_it_tells_of_measurements_entered_in_the_grid(
    browser_client, study, user, django_capture_on_commit_callbacks
):
    measurements_record(study=study, rows=_rows("M2", study.day0, {13: 500, 14: 900}), user=user)
    m2 = Animal.objects.get(study=study, tag="M2")
    post = {"date": lab_today(study.lab).isoformat(), f"length_mm-{m2.pk}": "16", f"width_mm-{m2.pk}": "16"}
    with django_capture_on_commit_callbacks(execute=True):
        response = browser_client.post(f"/studies/{study.pk}/measure/", post)
    assert response.status_code == 302
    (notice,) = _endpoint_notices()
    assert notice.key == f"endpoint:{m2.pk}:volume:reached"


def test_it_tells_of_an_ulceration(study, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        events_record(
            study=study,
            rows=[{"animal": "M3", "date": lab_today(study.lab), "kind": "ulceration"}],
            user=user,
        )
    (notice,) = _endpoint_notices()
    assert notice.key.endswith(":ulceration:reached") and "Ulceration" in notice.body


def test_the_periodic_check_tells_of_data_stored_without_the_services_once(study, user):
    """Data whose check after the commit did not run (here: no commit) is found by the periodic check;
    a study without a creator tells nobody."""
    measurements_record(study=study, rows=_rows("M1", study.day0, {14: 1800, 15: 2500}), user=user)
    assert not _endpoint_notices().exists()
    call_command("notify_endpoints")
    assert _endpoint_notices().count() == 1
    call_command("notify_endpoints", lab=[study.lab_id])
    assert _endpoint_notices().count() == 1
    study.created_by = None
    study.save(update_fields=["created_by"])
    Notification.objects.all().delete()
    assert notify_endpoints() == {"studies": 0, "notified": 0}


def test_the_workers_run_the_periodic_check_once_per_interval(monkeypatch, settings):
    sent = []
    monkeypatch.setattr("il2portal.tasks.run_periodic.apply_async", lambda args, **kw: sent.append(args[0]))
    assert registry.periodic()["studies.notify_endpoints"].every_s == settings.NOTIFY_ENDPOINTS_INTERVAL
    assert "studies.notify_endpoints" in periodic.periodic_dispatch()
    assert periodic.periodic_dispatch() == []  # within the interval: not again
    assert sent == ["studies.notify_endpoints"]
    assert periodic.periodic_run("studies.notify_endpoints") == {"studies": 0, "notified": 0}


def test_the_preference_off_keeps_the_notice_but_sends_no_email(
    study, user, django_capture_on_commit_callbacks
):
    from il2portal.notifications import email_preferences_set

    email_preferences_set(user=user, email_kinds=["job_failed"])
    with django_capture_on_commit_callbacks(execute=True):
        measurements_record(study=study, rows=_rows("M1", study.day0, {14: 1500, 15: 2300}), user=user)
    assert _endpoint_notices().count() == 1 and mail.outbox == []
