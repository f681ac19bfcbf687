"""In Chromium: the bell counts the unread notices, the page links them, "Mark all read" clears it."""

from __future__ import annotations

import pytest

from il2portal.models import Notification
from il2portal.notifications import notify
from tests.browser import shot
from tests.factories import JobFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_bell_leads_to_the_notices_and_mark_all_read_clears_it(logged_in_page, live_server, lab, user):
    page = logged_in_page
    job = JobFactory(lab=lab, kind="fit", status="failed", error="Too few points.", created_by=user)
    notify(
        lab=lab,
        users=[user],
        kind="job_failed",
        title="Curve fit failed",
        body=job.error,
        url=f"/jobs/{job.pk}/",
    )
    notify(lab=lab, users=[user], kind="signature", title="Run 7 waits for your signature")
    page.goto(f"{live_server.url}/")
    assert page.inner_text("#unread-count") == "2"
    page.click("#notifications-link")
    page.wait_for_url(f"{live_server.url}/notifications/")
    assert page.locator("li.notification.unread").count() == 2
    shot(page, "notifications")
    page.click("text=Curve fit failed")
    page.wait_for_url(f"{live_server.url}/jobs/{job.pk}/")
    page.go_back()
    page.click("#mark-all-read")
    page.wait_for_load_state()
    assert page.locator("#unread-count").count() == 0 and page.locator("li.notification.unread").count() == 0
    assert not Notification.objects.filter(read_at__isnull=True).exists()
