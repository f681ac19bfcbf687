"""Notifications: what a person is told, in the portal (the notifications page and the bell of the
top bar) and by email (Django's mail settings, ``EMAIL_*`` in README "Real deployment").

:func:`notify` is the one service every part calls: a job that failed (il2portal.jobs), something
waiting for a signature, an animal at or predicted within a day of a humane endpoint
(studies.notifications). It writes the rows in the caller's transaction and sends the emails once
that transaction commits; a mail server that is down is logged and never reaches the caller (the
notice stays in the portal, with ``emailed_at`` empty).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from il2portal.models import Membership, Notification, UserProfile

log = logging.getLogger(__name__)

KINDS = tuple(Notification.Kind.values)
TITLE_MAX = 200
URL_MAX = 500
KEY_MAX = 200


def safe_url(url: str) -> str:
    """``url`` when it is a path of the portal ("/studies/3/"), else "": never another site
    ("//evil.example", "https://…", "/\\\\evil", "javascript:…"), so a stored notice cannot send anyone
    elsewhere."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return ""
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return ""
    return url


def _user_id(user) -> int | None:
    if user is None:
        return None
    return user if isinstance(user, int) else getattr(user, "pk", None)


def email_kinds(user) -> set[str]:
    """The kinds of notification ``user`` gets by email (all, less those turned off)."""
    off = UserProfile.objects.filter(user=user).values_list("email_off", flat=True).first() or []
    return set(KINDS) - set(off)


def notify(
    *, lab, users, kind: str, title: str, body: str = "", url: str = "", key: str = ""
) -> list[Notification]:
    """Tell ``users`` (users or ids) about something in ``lab``; returns the notices made.

    - Only active people who are members of ``lab`` are told (others are left out silently; lab
      instruments are not people).
    - With a ``key``, a user who already has a notice with that key gets no second one (the key is
      unique per user, also between concurrent calls).
    - ``url`` should be a page of the portal ("/jobs/12/"); anything else is stored but never linked.
    - Emails go after the caller's transaction commits, to members who have an address and did not
      turn ``kind`` off; a failing mail server is logged (``emailed_at`` stays empty), never raised.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}; one of {', '.join(KINDS)}.")
    wanted = {uid for uid in (_user_id(u) for u in users) if uid is not None}
    if not wanted:
        return []
    members = set(
        Membership.objects.filter(lab=lab, user_id__in=wanted, user__is_active=True)
        .exclude(role=Membership.Role.INSTRUMENT)
        .values_list("user_id", flat=True)
    )
    key = (key or "")[:KEY_MAX]
    if key and members:
        members -= set(
            Notification.objects.filter(user_id__in=members, key=key).values_list("user_id", flat=True)
        )
    made: list[Notification] = []
    for uid in sorted(members):
        notice = Notification(
            lab=lab, user_id=uid, kind=kind, title=title[:TITLE_MAX], body=body, url=url[:URL_MAX], key=key
        )
        if key:
            try:
                with (
                    transaction.atomic()
                ):  # a concurrent notice with this key won: keep the caller's transaction
                    notice.save()
            except IntegrityError:
                continue
        else:
            notice.save()
        made.append(notice)
    if made:
        ids = [n.pk for n in made]
        transaction.on_commit(lambda: _emails_later(ids))
    return made


def _emails_later(ids: list[int]) -> None:
    """After the commit: with workers, a task sends the emails (a slow mail server holds no web
    request); without them, or with the broker down, they are sent here."""
    if not settings.JOBS_IN_PROCESS:
        from il2portal.tasks import send_notification_emails

        try:
            send_notification_emails.apply_async(args=[ids], retry=False)
            return
        except Exception as exc:
            log.warning("notification emails not queued (%s); sending them here", exc)
    send_emails(ids)


def _subject(notice: Notification) -> str:
    prefix = getattr(settings, "EMAIL_SUBJECT_PREFIX", "")
    return " ".join(f"{prefix}{notice.title}".splitlines())[:250]  # one line: no header injection


def _text(notice: Notification) -> str:
    parts = [notice.title, ""]
    if notice.body:
        parts += [notice.body, ""]
    link = notice.link
    if link:
        base = settings.PORTAL_URL.rstrip("/")
        parts += [f"Open it: {base}{link}" if base else f"Open it in the portal: {link}", ""]
    parts += [
        f"Lab: {notice.lab.name}",
        "",
        "You get this email because you are a member of this lab on the IL-2 Portal. Choose which "
        "notifications you get by email on the portal's Notifications page.",
    ]
    return "\n".join(parts)


def send_emails(notification_ids: Iterable[int]) -> int:
    """Email these notices (those not yet emailed, to users with an address who want their kind);
    returns how many were sent. Never raises: an error is logged and the notice stays unemailed."""
    try:
        notices = list(
            Notification.objects.filter(
                pk__in=list(notification_ids), emailed_at__isnull=True
            ).select_related("user", "lab")
        )
        off = dict(
            UserProfile.objects.filter(user_id__in={n.user_id for n in notices}).values_list(
                "user_id", "email_off"
            )
        )
        due = [n for n in notices if n.user.email and n.kind not in (off.get(n.user_id) or [])]
        if not due:
            return 0
        connection = get_connection(fail_silently=False)
    except Exception:
        log.exception("notification emails not prepared")
        return 0
    sent = 0
    try:
        for notice in due:
            message = EmailMessage(
                subject=_subject(notice), body=_text(notice), to=[notice.user.email], connection=connection
            )
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused as exc:  # this address only
                log.warning("notification %s not emailed to user %s: %s", notice.pk, notice.user_id, exc)
                continue
            except Exception as exc:  # SMTP down, refused, timed out: the notices stay in the portal
                log.warning(
                    "notification emails not sent (%s); %d notice(s) stay unemailed", exc, len(due) - sent
                )
                break
            Notification.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
            sent += 1
    except Exception:
        log.exception("notification emails stopped")
    finally:
        try:
            connection.close()
        except Exception:
            pass
    return sent


def unread_count(*, user, lab) -> int:
    if lab is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, lab=lab, read_at__isnull=True).count()


def notifications_mark_read(*, user, lab, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notices of ``lab`` read: those in ``ids``, or all with ``ids=None``.
    Ids of other users or labs are ignored. Returns how many changed."""
    qs = Notification.objects.filter(user=user, lab=lab, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def email_preferences_set(*, user, email_kinds: Iterable[str]) -> UserProfile:
    """Email the user the notices of ``email_kinds`` and no others (the portal lists them all)."""
    wanted = set(email_kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"Unknown notification kinds: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        profile, _created = UserProfile.objects.select_for_update().get_or_create(user=user)
        profile.email_off = [k for k in KINDS if k not in wanted]
        profile.save(update_fields=["email_off", "updated_at"])
    return profile
