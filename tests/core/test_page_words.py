"""Pages in words: the audit trail names fields and coded values as people say them, the favicon is
served, the login page has its landmark and heading, the nav marks the current page."""

from __future__ import annotations

import datetime as dt

import pytest

from il2portal.audit import audit_trail
from studies.models import Animal
from tests.studies.factories import AnimalFactory

pytestmark = pytest.mark.django_db


def test_the_audit_trail_says_fields_and_codes_in_words(lab):
    animal = AnimalFactory(study__lab=lab)
    animal.status, animal.exit_date = Animal.Status.ENDPOINT, dt.date(2026, 11, 18)
    animal.save()
    changes = {c.field: c for c in audit_trail(animal)[0].changes}
    assert changes["exit_date"].label == "exit date" and changes["exit_date"].new == "2026-11-18"
    assert changes["status"].label == "status"
    assert (changes["status"].old, changes["status"].new) == ("alive", "endpoint (euthanised)")


def test_the_favicon_is_served_where_browsers_ask_for_it(client):
    response = client.get("/favicon.ico")
    from django.contrib.staticfiles import finders

    assert response.status_code == 302 and response["Location"].endswith(".svg")
    assert finders.find("favicon.svg")  # the file the redirect names (the walker loads it in Chromium)


def test_the_login_page_has_a_main_landmark_and_a_heading(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<main class="auth-page">' in html and '<h1 class="logo">' in html
    assert 'rel="icon"' in html


def test_the_nav_marks_the_current_page_and_the_lab_switcher_has_a_button(browser_client):
    html = browser_client.get("/test-articles/").content.decode()
    assert 'href="/test-articles/" class="active" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1
    assert '<button type="submit" class="secondary" id="lab-switch-submit">' in html
