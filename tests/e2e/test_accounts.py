"""In Chromium: accepting a lab invitation, the token page, choosing a lab, uploading and saving a
layout as a member of two labs, and every page under the Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from assays.models import Layout, Plate
from il2portal import services
from il2portal.models import ApiToken, Membership
from tests.browser import shot
from tests.factories import LabFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PLATEREADER = Path(__file__).resolve().parents[1] / "refdata" / "platereader"
PASSWORD = "correct horse battery staple"


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _csp_errors(page) -> list[str]:
    """Console errors (Chromium reports CSP violations there), script errors, and failed loads of the
    page's own resources (the browser's own /favicon.ico probe aside)."""
    errors: list[str] = []

    def console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def response(resp):
        if resp.status >= 400 and not resp.url.endswith("/favicon.ico"):
            errors.append(f"{resp.status} {resp.url}")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", response)
    return errors


def test_it_accepts_a_lab_invitation_in_the_browser(page, live_server, user, lab):
    carol = UserFactory(username="carol", first_name="Carol", last_name="Chen")
    home = LabFactory(name="Carol's T-cell lab")
    Membership.objects.create(lab=home, user=carol, role="admin")
    errors = _csp_errors(page)
    _log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/lab/")
    page.fill("#id_username", "carol")
    page.get_by_role("button", name="Invite").click()
    page.wait_for_url("**/lab/")
    assert "Invitation sent to carol" in page.inner_text(".messages")
    assert "carol" in page.inner_text("#pending-invitations")
    assert not Membership.objects.filter(lab=lab, user=carol).exists()
    shot(page, "members-invitations")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    _log_in(page, live_server, "carol")
    link = page.locator("#invitations-link")
    assert link.inner_text() == "1 invitation"
    link.click()
    page.wait_for_url("**/accounts/invitations/")
    row = page.locator("#pending tbody tr")
    assert "Lab A" in row.inner_text() and "Member" in row.inner_text()
    shot(page, "invitations")
    row.get_by_role("button", name="Accept").click()
    page.wait_for_url("**/accounts/invitations/")
    assert "You joined Lab A" in page.inner_text(".messages")
    assert Membership.objects.get(lab=lab, user=carol).role == "member"
    # she still works in her own lab: the switcher shows it, and now offers both
    assert page.locator("#lab-select option:checked").inner_text() == "Carol's T-cell lab"
    assert page.locator("#lab-select option").count() == 2
    shot(page, "invitations-accepted")
    page.select_option("#lab-select", label="Lab A")
    page.click("#lab-switch-submit")
    page.wait_for_load_state()
    assert page.locator("#lab-select option:checked").inner_text() == "Lab A"
    assert not errors, errors


def test_it_declines_an_invitation_in_the_browser(page, live_server, user, lab):
    carol = UserFactory(username="carol")
    services.lab_invitation_create(lab=lab, invitee=carol, role="admin", invited_by=user)
    _log_in(page, live_server, "carol")
    page.goto(f"{live_server.url}/accounts/invitations/")
    page.get_by_role("button", name="Decline").click()
    page.wait_for_url("**/accounts/invitations/")
    assert "No invitations are waiting" in page.inner_text("main")
    assert "declined" in page.inner_text("#past")
    assert not Membership.objects.filter(user=carol).exists()


def test_it_manages_personal_tokens_on_the_token_page(logged_in_page, live_server, user):
    page = logged_in_page
    errors = _csp_errors(page)
    services.api_token_create_personal(user=user, name="analysis notebook")
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url("**/accounts/tokens/")
    page.fill("#id_name", "plate pipeline")
    page.get_by_role("button", name="Create token").click()
    page.wait_for_load_state()
    key = page.inner_text("#new-token-key").strip()
    assert re.fullmatch(r"il2_[\w-]{40,}", key)
    rows = page.locator("#token-list tbody tr")
    assert rows.count() == 2
    text = page.inner_text("#token-list")
    assert "plate pipeline" in text and "analysis notebook" in text and "never" in text
    shot(page, "tokens")
    page.get_by_role("button", name="Revoke analysis notebook").click()
    page.wait_for_load_state()
    assert "revoked" in page.inner_text("#token-list")
    assert ApiToken.objects.get(name="analysis notebook").revoked_at is not None
    assert ApiToken.objects.get(name="plate pipeline").revoked_at is None
    assert "new-token-key" not in page.content()  # shown once
    shot(page, "tokens-revoked")
    assert not errors, errors


def test_it_asks_to_choose_a_lab_then_uploads_and_saves_a_layout_there(page, live_server, user, lab):
    second = LabFactory(name="AAA second lab")
    Membership.objects.create(lab=second, user=user, role="member")
    errors = _csp_errors(page)
    _log_in(page, live_server, "alice")
    page.wait_for_url("**/accounts/labs/**")
    shot(page, "choose-lab")
    page.get_by_label("Lab A").check()
    page.get_by_role("button", name="Work in this lab").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/assays/upload/")
    assert page.inner_text("#upload-lab") == "Lab A"
    name = "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt"
    page.set_input_files("#file-input", [str(PLATEREADER / name)])
    page.wait_for_selector(".upload-result.done", timeout=30000)
    assert Plate.objects.get().lab == lab
    # switch to the other lab and save a layout there
    page.goto(f"{live_server.url}/assays/layouts/new/")
    page.select_option("#lab-select", label="AAA second lab")
    page.click("#lab-switch-submit")
    page.wait_for_url("**/assays/layouts/new/")
    page.fill("#layout-name", "Second-lab map")
    assert page.inner_text("#save") == "Save layout to AAA second lab"
    page.click("#save")
    page.wait_for_url(re.compile(r"/assays/layouts/\d+/$"))
    assert Layout.objects.get(name="Second-lab map").lab == second
    assert not errors, errors


def test_it_shows_every_page_without_content_security_policy_errors(page, live_server, user, lab):
    """Crawls the demo lab's pages (links from the dashboard and sidebar, two levels) and the API
    docs, failing on any console error, which is how Chromium reports a CSP violation."""
    from il2portal.demo import load_demo_data

    user.is_staff = True
    user.is_superuser = True
    user.save()
    load_demo_data(lab=lab, user=user)
    services.lab_invitation_create(
        lab=lab, invitee=UserFactory(username="dave"), role="member", invited_by=user
    )
    errors = _csp_errors(page)
    _log_in(page, live_server, "alice")
    seen: set[str] = set()
    queue = [
        "/",
        "/api/v1/docs/",
        "/api/v1/redoc/",
        "/accounts/tokens/",
        "/accounts/labs/",
        "/accounts/invitations/",
    ]
    skip = re.compile(r"/(logout|admin|media)/|\.(csv|xlsx|zip|json)$|/original/|/export|/send")
    while queue and len(seen) < 70:
        path = queue.pop(0)
        if path in seen or skip.search(path):
            continue
        seen.add(path)
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, (path, response.status)
        page.wait_for_load_state("networkidle")
        assert (
            page.evaluate("document.querySelectorAll('[onclick],[onchange],[onsubmit],[onload]').length") == 0
        )
        if path.count("/") <= 3:
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
                parsed = urlparse(href)
                if not parsed.netloc and href.startswith("/") and parsed.path not in seen:
                    queue.append(parsed.path)
        assert not errors, (path, errors)
    assert page.goto(f"{live_server.url}/api/v1/docs/") and page.wait_for_selector(".swagger-ui .opblock")
    shot(page, "api-docs")
    assert not errors, errors
    assert len(seen) > 20, seen
