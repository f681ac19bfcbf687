"""Review and signatures in Chromium: the author submits a run version with their password, the
reviewer finds it in their queue and signs it (after a wrong password), the approver approves it and
it is locked; the author is never offered their own review or approval; the run's audit trail shows
every step."""

from __future__ import annotations

import pytest

from assays.models import RunResult
from il2portal import signing
from il2portal.models import Membership, Signature
from tests.assays.test_run_page_numbers import _run
from tests.browser import shot
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PW = "correct horse battery staple"


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PW)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _logout(page) -> None:
    page.click("text=Log out")


def _sign(page, meaning: str, password: str = PW, reason: str = "") -> None:
    form = page.locator("form.sign-form")
    form.locator(f"input[name=meaning][value={meaning}]").check()
    form.locator("input[name=password]").fill(password)
    if reason:
        form.locator("input[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")


def test_a_run_version_is_submitted_reviewed_approved_and_locked(page, live_server, lab, user):
    rita = UserFactory(username="rita", first_name="Rita", last_name="Levi-Montalcini")
    paula = UserFactory(username="paula", first_name="Paula", last_name="Ehrlich")
    Membership.objects.create(lab=lab, user=rita, role=Membership.Role.MEMBER)
    Membership.objects.create(lab=lab, user=paula, role=Membership.Role.ADMIN)
    signing.policy_set(
        lab=lab,
        kind="run_version",
        steps="review_approve",
        reviewers="members",
        approvers="admins",
        user=user,
    )
    run, _plates, _ = _run(lab, user, {"model": "4PL"}, n_plates=1)
    assert run.versions.get().status == "succeeded"
    base = live_server.url
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # the author submits version 1 with their password
    _login(page, base, "alice")
    page.goto(f"{base}/assays/runs/{run.pk}/")
    assert page.locator("[data-review-status=none]").count() == 1
    assert page.locator("form.sign-form input[value=reviewed]").count() == 0  # only "submit" is offered
    _sign(page, "authored", reason="ready for review")
    assert "Signed as authored" in page.locator(".messages").inner_text()
    card = page.locator(".review-card")
    assert "waiting for review" in card.inner_text() and "locked" in card.inner_text()
    assert "You authored this version" in card.inner_text()  # no form to review their own work
    assert page.locator("form.sign-form").count() == 0
    _logout(page)

    # the reviewer finds it in their queue; a wrong password signs nothing
    _login(page, base, "rita")
    page.click("text=Review & signatures")
    page.wait_for_url(f"{base}/review/")
    shot(page, "review-queue")
    page.locator("#waiting-for-me").get_by_role("link", name="points v1").click()
    page.wait_for_url(f"{base}/assays/runs/{run.pk}/?version=1")
    _sign(page, "reviewed", password="not my password")
    assert "Wrong password: nothing was signed" in page.locator(".messages").inner_text()
    assert Signature.objects.count() == 1
    _sign(page, "reviewed", reason="curve, QC and exclusions checked")
    assert "waiting for approval" in page.locator(".review-card").inner_text()
    _logout(page)

    # the author still cannot approve; the approver can
    _login(page, base, "alice")
    page.goto(f"{base}/assays/runs/{run.pk}/")
    assert page.locator("form.sign-form").count() == 0
    assert "You authored this version" in page.locator(".review-card").inner_text()
    _logout(page)
    _login(page, base, "paula")
    page.goto(f"{base}/review/")
    page.locator("#waiting-for-me").get_by_role("link", name="points v1").click()
    _sign(page, "approved")
    card = page.locator(".review-card")
    text = card.inner_text()
    assert "approved" in text and "locked" in text and "still hashes to what was signed" in text
    for name in ("Ada", "Rita Levi-Montalcini", "Paula Ehrlich"):
        assert name in text
    rows = card.locator("table.signatures tbody tr")
    assert rows.count() == 3
    digest = Signature.objects.first().record_sha256
    assert all(s.record_sha256 == digest for s in Signature.objects.all())
    assert digest[:12] in rows.nth(0).inner_text()
    shot(page, "run-signed")

    # the run's audit trail shows every step, the refused attempt too
    page.goto(f"{base}/assays/runs/{run.pk}/audit/")
    trail = page.locator("main").inner_text()
    assert trail.count("signature refused") == 1
    for meaning in ("authored", "reviewed", "approved"):
        assert meaning in trail
    assert digest in trail
    assert RunResult.objects.get(run=run).status == "succeeded"
    assert not errors, errors
