"""Endpoint notifications: the person who created a study (``Study.created_by``, the one owner the
model records) is told when an animal of it reaches a humane endpoint, or is predicted to reach its
tumor-volume endpoint within a day (studies.analysis.endpoints, the same alerts as the dashboard's
and the today list's "near endpoint", through :func:`studies.selectors.studies_alerts`).

Each animal and endpoint event is told once (the notification's key): ``endpoint:<animal id>:<kind>:
<reached|predicted>``, so a prediction and then the crossing itself make two notices, and checking
again (every measurement entered, and the periodic check) makes none.

Checked after every change to measurements or events commits (page form, grid, sheet, API: their
services), and every ``NOTIFY_ENDPOINTS_INTERVAL`` s over all studies in life by the workers
(``registry.register_periodic``), or with ``manage.py notify_endpoints`` from cron.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse

from il2portal.models import Lab, Notification
from il2portal.notifications import notify
from studies.models import Study

log = logging.getLogger(__name__)

PREDICTED_WITHIN_DAYS = 1.0  # a predicted crossing this close (or already past) is told


def _event(alert: dict) -> str | None:
    """``reached``, ``predicted`` (a tumor-volume crossing within a day, or overdue), or ``None``
    (an early warning: on the pages, not notified)."""
    if alert["level"] == "reached":
        return "reached"
    if alert["kind"] != "volume" or alert.get("predicted_day") is None:
        return None
    left = alert.get("days_left")
    if left is None and alert.get("day") is not None:
        left = alert["predicted_day"] - alert["day"]
    return "predicted" if left is not None and left <= PREDICTED_WITHIN_DAYS + 1e-9 else None


def _key(alert: dict, event: str) -> str:
    return f"endpoint:{alert['animal_id']}:{alert['kind']}:{event}"


def _title(study: Study, alert: dict, event: str) -> str:
    what = alert.get("kind_label") or str(alert["kind"]).replace("_", " ")
    if event == "reached":
        return f"{study.name}: animal {alert['animal']} reached the {what} endpoint"
    if alert.get("overdue"):  # the crossing predicted since the last measurement: measure today
        return f"{study.name}: animal {alert['animal']} predicted to have reached the {what} endpoint; measure today"
    return f"{study.name}: animal {alert['animal']} predicted to reach the {what} endpoint within a day"


def studies_notify_endpoints(studies: Sequence[Study], today: dt.date) -> list[Notification]:
    """Notify each study's creator of its animals' endpoint events as of ``today`` (studies of one
    lab, the lab's day); events already told are skipped in one query per study."""
    from studies.selectors import studies_alerts

    studies = [s for s in studies if s.created_by_id is not None]
    if not studies:
        return []
    made: list[Notification] = []
    alerts_of = studies_alerts(studies, today)
    for study in studies:
        due = []
        for alert in alerts_of.get(study.pk, []):
            event = _event(alert)
            if event is not None:
                due.append((alert, event, _key(alert, event)))
        if not due:
            continue
        told = set(
            Notification.objects.filter(
                user_id=study.created_by_id, key__in=[k for _, _, k in due]
            ).values_list("key", flat=True)
        )
        for alert, event, key in due:
            if key in told:
                continue
            told.add(key)
            made += notify(
                lab=study.lab,
                users=[study.created_by_id],
                kind=Notification.Kind.ENDPOINT,
                title=_title(study, alert, event),
                body=alert["message"],
                url=reverse("studies:animal", args=[alert["animal_id"]]),
                key=key,
            )
    return made


def study_notify_endpoints(study_id: int) -> list[Notification]:
    """Check one study now (after its data changed). Never raises: logged instead."""
    from studies.services.common import lab_today

    try:
        study = Study.objects.select_related("lab").filter(pk=study_id, status=Study.Status.ACTIVE).first()
        if study is None:
            return []
        return studies_notify_endpoints([study], lab_today(study.lab))
    except Exception:
        log.exception("study %s: endpoint notifications not made", study_id)
        return []


def after_data_change(study: Study) -> None:
    """From a service that changed a study's measurements or events: check its endpoints once the
    change commits (the caller's request never fails or waits on a notification's error)."""
    study_id = study.pk
    transaction.on_commit(lambda: study_notify_endpoints(study_id))


def notify_endpoints(*, labs: Sequence[Lab] | None = None) -> dict:
    """Check every study in life (of ``labs``, or of all labs), each lab as of its own day. Returns
    counts for logs: studies checked, notifications made."""
    from studies.services.common import lab_today

    qs = Study.objects.filter(status=Study.Status.ACTIVE, created_by__isnull=False).select_related("lab")
    if labs is not None:
        qs = qs.filter(lab__in=list(labs))
    by_lab: dict[int, list[Study]] = defaultdict(list)
    for study in qs.order_by("lab_id", "pk"):
        by_lab[study.lab_id].append(study)
    counts = {"studies": 0, "notified": 0}
    for studies in by_lab.values():
        try:
            made = studies_notify_endpoints(studies, lab_today(studies[0].lab))
        except Exception:  # one lab's bad data does not stop the others
            log.exception("lab %s: endpoint notifications not made", studies[0].lab_id)
            continue
        counts["studies"] += len(studies)
        counts["notified"] += len(made)
    return counts


def periodic_notify_endpoints() -> dict:
    """The workers' periodic check (``register_periodic``)."""
    counts = notify_endpoints()
    if counts["notified"]:
        log.info("endpoint notifications: %s", counts)
    return counts
