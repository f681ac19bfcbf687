"""A study can be completed by the user, and the dashboard suggests it once no animal is alive (issue
16): a completed study leaves the home page's active studies and the today list; it can go back in
life; both changes are in its history."""

from __future__ import annotations

import pytest

from studies.models import Animal, Study
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


def _active_panel(page: str) -> str:
    return page.split("Active studies", 1)[1][:200]


def test_the_dashboard_suggests_completion_once_no_animal_is_alive(browser_client, lab, user):
    study = build_study(lab, user, 8)
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert 'id="suggest-complete"' not in page and "Mark study completed" in page
    Animal.objects.filter(study=study).update(status=Animal.Status.ENDPOINT)
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert 'id="suggest-complete"' in page and "No animal of this study is alive" in page


def test_completing_a_study_takes_it_off_home_and_today_and_reopening_puts_it_back(browser_client, lab, user):
    study = build_study(lab, user, 8)
    assert study.name in browser_client.get("/studies/today/").content.decode()
    response = browser_client.post(f"/studies/{study.pk}/status/", {"status": "completed"}, follow=True)
    assert response.redirect_chain == [(f"/studies/{study.pk}/", 302)]
    assert "it no longer shows on the home page or the today list" in response.content.decode()
    study.refresh_from_db()
    assert study.status == Study.Status.COMPLETED
    assert study.name not in browser_client.get("/studies/today/").content.decode()
    page = browser_client.get(f"/studies/{study.pk}/").content.decode()
    assert "Put back in life" in page and 'id="suggest-complete"' not in page
    browser_client.post(f"/studies/{study.pk}/status/", {"status": "active"}, follow=True)
    study.refresh_from_db()
    assert study.status == Study.Status.ACTIVE
    assert study.name in browser_client.get("/studies/today/").content.decode()
    changes = list(
        study.history.order_by("history_id").values_list("status", "history_user_id", "history_change_reason")
    )
    assert changes[-2:] == [("completed", user.pk, "completed"), ("active", user.pk, "back in life")]


def test_a_study_status_other_than_in_life_or_completed_is_refused(browser_client, lab, user):
    study = build_study(lab, user, 8)
    response = browser_client.post(f"/studies/{study.pk}/status/", {"status": "deleted"}, follow=True)
    assert "Choose “completed” or “in life”." in response.content.decode()
    study.refresh_from_db()
    assert study.status == Study.Status.ACTIVE


def test_another_labs_study_cannot_be_completed(client, lab, user, other_user):
    study = build_study(lab, user, 4)
    client.force_login(other_user)
    assert client.post(f"/studies/{study.pk}/status/", {"status": "completed"}).status_code == 404
    study.refresh_from_db()
    assert study.status == Study.Status.ACTIVE
