"""Messages a scientist reads name the group (arm) by its name, never by its database id."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from studies.models import AnalysisResult, Arm
from studies.services.analyses import analysis_run
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.events import events_record
from studies.services.measurements import measurements_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_control(lab, user):
    """A control arm without animals and a treated arm of three measured mice."""
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=14)
    study = study_create(lab=lab, user=user, name="No controls", day0=day0, implanted_on=day0)
    control = arm_create(study=study, name="Vehicle (PBS)", is_control=True)
    treated = arm_create(study=study, name="IL-2 mutein", dose=1.0, schedule="q3d×3")
    animals_create(study=study, rows=[{"tag": f"T{i}", "arm": treated} for i in (1, 2, 3)])
    rows = [
        {"animal": f"T{i}", "date": (day0 + dt.timedelta(days=d)).isoformat(), "length_mm": s, "width_mm": s}
        for i in (1, 2, 3)
        for d, s in ((7, 5.0), (10, 6.0), (13, 7.0))
    ]
    measurements_record(study=study, rows=rows, user=user)
    events_record(
        study=study,
        rows=[{"animal": "T1", "date": (day0 + dt.timedelta(days=13)).isoformat(), "kind": "found_dead"}],
        user=user,
    )
    return study, control


def _no_bare_id(text: str, arm: Arm) -> None:
    assert not re.search(rf"group {arm.pk}\b|group '?{arm.pk}'?\b", text, re.I), text


def test_it_names_the_empty_control_group_on_the_dashboard(browser_client, empty_control):
    study, control = empty_control
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert "Control group &#x27;Vehicle (PBS)&#x27; has no animals" in page
    _no_bare_id(page, control)


def test_it_names_the_empty_control_group_in_stored_analyses(empty_control, user):
    study, control = empty_control
    growth = analysis_run(study=study, kind="growth", user=user).result
    survival = analysis_run(study=study, kind="survival", user=user).result
    messages = [f["message"] for f in growth["flags"]]
    messages += [f["message"] for f in growth["mixed_model"]["flags"]]
    messages += [f["message"] for f in survival["flags"]]
    assert any("'Vehicle (PBS)' has no animals" in m for m in messages), messages
    assert any("Reference group 'Vehicle (PBS)'" in m for m in messages), messages
    assert any("Control group 'Vehicle (PBS)' has no measurements" in m for m in messages), messages
    for m in messages:
        _no_bare_id(m, control)
    assert AnalysisResult.objects.filter(study=study).count() == 2


def test_it_names_a_group_of_another_study_in_the_api_message(api, empty_control, lab, user):
    study, control = empty_control
    other = study_create(lab=lab, user=user, name="Other study", day0=study.day0)
    response = api.post(
        f"/api/v1/studies/{other.pk}/animals/", {"tag": "X1", "group": control.pk}, format="json"
    )
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "'Vehicle (PBS)'" in message and "No controls" in message


def test_it_names_the_group_in_the_audit_trail_when_an_animal_moves(browser_client, api, lab, user):
    study = study_create(lab=lab, user=user, name="Moves", day0=dt.date(2025, 3, 3))
    first = arm_create(study=study, name="Vehicle (PBS)")
    second = arm_create(study=study, name="IL-2 mutein")
    (animal,) = animals_create(study=study, rows=[{"tag": "A1", "arm": first}])
    assert api.patch(f"/api/v1/animals/{animal.pk}/", {"group": second.pk}, format="json").status_code == 200
    page = browser_client.get(f"/studies/animals/{animal.pk}/").content.decode()
    trail = page[page.index('id="audit-trail"') :]
    assert "arm: Vehicle (PBS) → IL-2 mutein" in trail
    assert f"arm: {first.pk} → {second.pk}" not in trail
