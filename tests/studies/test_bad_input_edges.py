"""Edge cases found in review: each was a 500 or a half-stored change before."""

import pytest

from studies.models import Arm
from tests.studies.conftest import day

pytestmark = pytest.mark.django_db
HUGE = int("1" + "0" * 400)


def _measure(api, study, rows):
    return api.post(f"/api/v1/studies/{study['id']}/measurements/", rows, format="json")


def test_it_analyses_growth_when_measurements_precede_day_0(api, study, browser_client):
    rows = [{"animal": tag, "date": day(7), "length_mm": 5, "width_mm": 4} for tag in ("A1", "B1")]
    assert _measure(api, study, rows).status_code == 201
    assert api.patch(f"/api/v1/studies/{study['id']}/", {"day0": day(10)}, format="json").status_code == 200
    assert browser_client.get(f"/studies/{study['id']}/").status_code == 200
    job = api.post(f"/api/v1/studies/{study['id']}/analyses/", {"kind": "growth"}, format="json").json()
    assert job["status"] == "succeeded", job.get("error")


def test_it_bounds_the_dosing_start_day_and_changes_nothing_on_refusal(api, study):
    arm = Arm.objects.filter(study_id=study["id"]).first()
    before = arm.dosing_start_day
    response = api.patch(f"/api/v1/groups/{arm.pk}/", {"dosing_start_day": 10**12}, format="json")
    assert response.status_code == 400 and "dosing_start_day" in response.json()["error"]["message"]
    arm.refresh_from_db()
    assert arm.dosing_start_day == before


def test_it_refuses_numbers_too_large_for_a_float(api, study):
    response = _measure(api, study, [{"animal": "A1", "date": day(7), "length_mm": HUGE, "width_mm": 4}])
    assert response.status_code == 400
    group = api.post(f"/api/v1/studies/{study['id']}/groups/", {"name": "X", "dose": HUGE}, format="json")
    assert group.status_code == 400
    analysis = api.post(
        f"/api/v1/studies/{study['id']}/analyses/",
        {"kind": "growth", "settings": {"baseline_day": HUGE}},
        format="json",
    )
    assert analysis.status_code == 400


def test_it_refuses_a_dose_update_that_is_not_an_object(api, study):
    doses = api.get(f"/api/v1/studies/{study['id']}/doses/").json()
    rows = doses["results"] if isinstance(doses, dict) else doses
    assert rows, "the fixture's schedules plan doses"
    for body in ([1], "given"):
        response = api.patch(f"/api/v1/doses/{rows[0]['id']}/", body, format="json")
        assert response.status_code == 400


def test_it_randomises_on_a_date_at_the_calendar_limit_without_crashing(api, study):
    arms = list(Arm.objects.filter(study_id=study["id"]).values_list("pk", flat=True))
    response = api.post(
        f"/api/v1/studies/{study['id']}/randomize/",
        {"groups": arms, "min_volume_mm3": 50, "max_volume_mm3": 100, "date": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400


def test_it_refuses_ids_too_large_for_the_database(api, study):
    response = api.post(
        f"/api/v1/studies/{study['id']}/randomize/",
        {"groups": [10**30], "min_volume_mm3": 50, "max_volume_mm3": 100},
        format="json",
    )
    assert response.status_code == 400


def test_it_opens_the_entry_grid_for_a_date_at_the_calendar_limit(browser_client, study):
    for value in ("0001-01-01", "9999-12-31", "garbage"):
        assert browser_client.get(f"/studies/{study['id']}/measure/?date={value}").status_code == 200


def test_it_refuses_a_dose_form_with_an_impossible_group_id(browser_client, study):
    response = browser_client.post(f"/studies/{study['id']}/doses/", {"arm": "9" * 40, "date": day(7)})
    assert response.status_code == 302
