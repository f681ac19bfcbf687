"""Notifications (il2portal.notifications): who is told, once, in which lab, by email after the commit
and never failing the caller; the page, the bell and the API."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.db import transaction

from il2portal import jobs, registry
from il2portal.models import Job, Membership, Notification
from il2portal.notifications import email_preferences_set, notify, safe_url, send_emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_kind():
    """A job kind whose handler fails the first ``fail_times`` runs (then succeeds)."""
    state = {"fail_times": 99, "runs": 0}

    def handler(job):
        state["runs"] += 1
        if state["runs"] <= state["fail_times"]:
            raise jobs.JobFailed("The curve did not converge.")
        return {"ok": True}

    registry.register_job_kind("test_flaky", handler, label="Test flaky", result=None)
    yield state
    registry._registry.job_kinds.pop("test_flaky", None)


def _with_email(user, address="alice@lab.example"):
    user.email = address
    user.save(update_fields=["email"])
    return user


def test_it_notifies_the_starter_of_a_failed_job_once_and_emails_them(
    lab, user, failing_kind, django_capture_on_commit_callbacks
):
    _with_email(user)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_create(lab=lab, user=user, kind="test_flaky", params={})
    assert job.status == Job.Status.FAILED
    (notice,) = Notification.objects.filter(user=user)
    assert notice.kind == "job_failed" and notice.lab == lab
    assert notice.url == f"/jobs/{job.pk}/" and "did not converge" in notice.body
    assert notice.emailed_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@lab.example"]
    assert "Test flaky failed" in mail.outbox[0].subject and f"/jobs/{job.pk}/" in mail.outbox[0].body
    # finishing again (a duplicate message, the dispatcher) tells nobody again
    jobs._finish(job, Job.Status.FAILED, error="again")
    assert Notification.objects.filter(user=user).count() == 1


def test_it_does_not_notify_a_job_that_is_retried_and_then_succeeds(lab, user, failing_kind, settings):
    """A worker that died mid-job: the dispatcher queues it again (no failure), the next attempt succeeds."""
    failing_kind["fail_times"] = 0
    job = Job.objects.create(
        lab=lab, kind="test_flaky", created_by=user, status=Job.Status.QUEUED, task_id="t1", attempts=1
    )
    done = jobs.job_execute(job.pk, task_id="t1")
    assert done.status == Job.Status.SUCCEEDED and done.attempts == 2
    assert not Notification.objects.exists() and mail.outbox == []


def test_it_notifies_once_when_a_job_fails_for_good_after_its_worker_died_too_often(
    lab, user, failing_kind, settings
):
    job = Job.objects.create(
        lab=lab,
        kind="test_flaky",
        created_by=user,
        status=Job.Status.QUEUED,
        task_id="t1",
        attempts=settings.JOBS_MAX_ATTEMPTS,
    )
    assert jobs.job_execute(job.pk, task_id="t1").status == Job.Status.FAILED
    assert jobs.job_execute(job.pk, task_id="t1").status == Job.Status.FAILED
    assert Notification.objects.filter(user=user, kind="job_failed").count() == 1


def test_it_does_not_notify_failures_of_jobs_the_portal_started_itself(lab, user):
    assert registry.job_kinds()["study_live_refresh"].notify_failure is False
    assert registry.job_kinds()["fit"].notify_failure is True


def test_it_makes_one_notice_per_user_and_key(lab, user, django_capture_on_commit_callbacks):
    _with_email(user)
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(lab=lab, users=[user], kind="signature", title="Sign run 3", url="/x/", key="sign:3")
        second = notify(lab=lab, users=[user], kind="signature", title="Sign run 3", url="/x/", key="sign:3")
    assert len(first) == 1 and second == []
    assert Notification.objects.filter(user=user).count() == 1 and len(mail.outbox) == 1
    # without a key every call is a notice
    notify(lab=lab, users=[user], kind="signature", title="Again")
    notify(lab=lab, users=[user.pk], kind="signature", title="Again")
    assert Notification.objects.filter(user=user).count() == 3


def test_it_tells_only_members_of_the_lab(lab, user, other_user, django_capture_on_commit_callbacks):
    _with_email(other_user, "bob@other.example")
    outsider = UserFactory()
    gone = UserFactory(is_active=False)
    Membership.objects.create(lab=lab, user=gone)
    with django_capture_on_commit_callbacks(execute=True):
        made = notify(lab=lab, users=[user, other_user, outsider, gone, None], kind="security", title="Hi")
    assert [n.user for n in made] == [user]
    assert not Notification.objects.filter(user__in=[other_user, outsider, gone]).exists()
    assert mail.outbox == []  # alice has no address; bob is not told


def test_it_refuses_an_unknown_kind(lab, user):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify(lab=lab, users=[user], kind="gossip", title="x")


def test_it_emails_only_after_the_outer_transaction_commits(lab, user, django_capture_on_commit_callbacks):
    _with_email(user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify(lab=lab, users=[user], kind="signature", title="Sign")
            assert mail.outbox == []
    assert len(callbacks) == 1 and len(mail.outbox) == 1


def test_with_workers_a_task_sends_the_emails_and_without_a_broker_the_web_process_does(
    lab, user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from il2portal import tasks

    _with_email(user)
    settings.JOBS_IN_PROCESS = False
    queued = []
    monkeypatch.setattr(
        tasks.send_notification_emails, "apply_async", lambda args, **kw: queued.append(args[0])
    )
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = notify(lab=lab, users=[user], kind="signature", title="Sign")
    assert queued == [[notice.pk]] and mail.outbox == []
    assert tasks.send_notification_emails(queued[0]) == 1 and len(mail.outbox) == 1

    def broker_down(args, **kw):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(tasks.send_notification_emails, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notify(lab=lab, users=[user], kind="signature", title="Sign again")
    assert len(mail.outbox) == 2


def test_a_mail_server_that_is_down_does_not_break_the_caller(
    lab, user, failing_kind, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    _with_email(user)

    def refuse(self, messages):
        raise smtplib.SMTPConnectError(421, "mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_create(lab=lab, user=user, kind="test_flaky", params={})
    assert job.status == Job.Status.FAILED and job.error == "The curve did not converge."
    notice = Notification.objects.get(user=user)
    assert notice.emailed_at is None and "not sent" in caplog.text
    # even a broken mail configuration
    monkeypatch.setattr("il2portal.notifications.get_connection", lambda **kw: 1 / 0)
    assert send_emails([notice.pk]) == 0


def test_it_keeps_the_notice_but_sends_no_email_when_the_kind_is_turned_off(
    lab, user, django_capture_on_commit_callbacks
):
    _with_email(user)
    email_preferences_set(user=user, email_kinds=["signature", "job_failed", "security"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(lab=lab, users=[user], kind="endpoint", title="M003 at 2000 mm³", key="e1")
        notify(lab=lab, users=[user], kind="signature", title="Sign", key="s1")
    assert Notification.objects.filter(user=user).count() == 2
    assert [m.subject for m in mail.outbox] == ["[IL-2 Portal] Sign"]
    assert Notification.objects.get(key="e1").emailed_at is None


@pytest.mark.parametrize(
    "url,shown",
    [
        ("/jobs/3/", "/jobs/3/"),
        ("/studies/animals/7/?tab=history", "/studies/animals/7/?tab=history"),
        ("//evil.example/", ""),
        ("https://evil.example/", ""),
        ("/\\evil.example", ""),
        ("javascript:alert(1)", ""),
        ("/ok\n/", ""),
        ("", ""),
    ],
)
def test_it_links_only_pages_of_the_portal(url, shown):
    assert safe_url(url) == shown


# ---- the page and the bell ------------------------------------------------------------------------


def test_the_page_lists_the_current_labs_notices_newest_first_with_the_unread_ones_marked(
    browser_client, lab, user, other_lab
):
    from il2portal.services import profile_set_current_lab

    Membership.objects.create(lab=other_lab, user=user)
    profile_set_current_lab(user=user, lab=lab)
    notify(lab=lab, users=[user], kind="job_failed", title="Older", url="/jobs/1/")
    notify(lab=lab, users=[user], kind="endpoint", title="Newer", url="//evil.example/")
    notify(lab=other_lab, users=[user], kind="signature", title="In the other lab")
    page = browser_client.get("/notifications/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Newer") < html.index("Older") and "In the other lab" not in html
    assert 'href="/jobs/1/"' in html and "evil.example" not in html
    assert html.count('class="notification unread"') == 2
    assert 'id="unread-count">2<' in html  # the bell
    browser_client.post("/notifications/", {"mark_all": "1"})
    assert not Notification.objects.filter(lab=lab, read_at__isnull=True).exists()
    assert Notification.objects.filter(lab=other_lab, read_at__isnull=True).count() == 1
    html = browser_client.get("/notifications/").content.decode()
    assert "unread-count" not in html and 'class="notification unread"' not in html


def test_the_page_never_shows_another_users_or_labs_notices(
    browser_client, lab, member, other_lab, other_user
):
    notify(lab=lab, users=[member], kind="signature", title="For mallory")
    notify(lab=other_lab, users=[other_user], kind="signature", title="For bob")
    theirs = Notification.objects.get(title="For mallory")
    html = browser_client.get("/notifications/").content.decode()
    assert "For mallory" not in html and "For bob" not in html
    browser_client.post("/notifications/", {"mark": str(theirs.pk)})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_page_saves_the_email_choices(browser_client, user):
    response = browser_client.post("/notifications/", {"email_prefs": "1", "email": ["job_failed", "bogus"]})
    assert response.status_code == 302
    user.il2_profile.refresh_from_db()
    assert set(user.il2_profile.email_off) == {"signature", "endpoint", "security"}
    html = browser_client.get("/notifications/").content.decode()
    assert 'value="job_failed" checked' in html and 'value="endpoint" checked' not in html


def test_the_page_is_paginated(browser_client, lab, user):
    for k in range(30):
        notify(lab=lab, users=[user], kind="security", title=f"Notice {k:02d}")
    first = browser_client.get("/notifications/").content.decode()
    second = browser_client.get("/notifications/?page=2").content.decode()
    assert "Notice 29" in first and "Notice 00" not in first
    assert "Notice 00" in second and "Page 2 of 2" in second


def test_the_page_needs_a_login(client):
    assert client.get("/notifications/").status_code == 302


# ---- the API ----------------------------------------------------------------------------------------


def test_the_api_lists_the_callers_own_notices_of_their_current_lab(
    api, lab, user, member, other_lab, other_user
):
    notify(lab=lab, users=[user], kind="job_failed", title="Mine", url="/jobs/1/")
    notify(lab=lab, users=[member], kind="job_failed", title="Mallory's")
    notify(lab=other_lab, users=[other_user], kind="job_failed", title="Bob's")
    body = api.get("/api/v1/notifications/").json()
    assert [n["title"] for n in body["results"]] == ["Mine"]
    assert body["results"][0]["url"] == "/jobs/1/" and body["results"][0]["read_at"] is None
    assert api.get(f"/api/v1/notifications/?lab={other_lab.pk}").status_code == 400
    assert api.get("/api/v1/notifications/?unread=maybe").status_code == 400
    assert api.get("/api/v1/notifications/?unread=false").json()["count"] == 0


def test_the_api_marks_read_by_id_or_all_and_ignores_others_ids(
    api, lab, user, member, other_lab, other_user
):
    (a,) = notify(lab=lab, users=[user], kind="signature", title="A")
    (b,) = notify(lab=lab, users=[user], kind="signature", title="B")
    (theirs,) = notify(lab=other_lab, users=[other_user], kind="signature", title="Bob's")
    answer = api.post("/api/v1/notifications/read/", {"ids": [a.pk, theirs.pk]}, format="json")
    assert answer.status_code == 200 and answer.json() == {"marked": 1, "unread": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert api.post("/api/v1/notifications/read/", {}, format="json").status_code == 400
    assert api.post("/api/v1/notifications/read/", {"all": True}, format="json").json() == {
        "marked": 1,
        "unread": 0,
    }
    b.refresh_from_db()
    assert b.read_at is not None
    assert api.get("/api/v1/notifications/?unread=true").json()["count"] == 0


def test_an_email_subject_is_one_line_whatever_the_title(lab, user, django_capture_on_commit_callbacks):
    _with_email(user)
    with django_capture_on_commit_callbacks(execute=True):
        notify(lab=lab, users=[user], kind="signature", title="Sign\r\nBcc: everyone@example.org")
    assert mail.outbox[0].subject == "[IL-2 Portal] Sign Bcc: everyone@example.org"
    assert mail.outbox[0].bcc == []


def test_it_answers_ids_too_large_for_the_database_with_a_400(api):
    r = api.post("/api/v1/notifications/read/", {"ids": [10**30]}, format="json")
    assert r.status_code == 400 and "ids" in r.content.decode()
    r = api.post("/api/v1/notifications/read/", {"all": True, "lab": 10**30}, format="json")
    assert r.status_code == 400 and "lab" in r.content.decode()
