"""Audit trail export pages: a print-ready page and a CSV of the trail of a record, a run, a study
(the apps' pages call :func:`trail_response`) or the whole lab over a date range. GET only: nothing in
the trail can be changed through them (the admin shows history read-only too)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from il2portal import registry
from il2portal.audit import (
    PAGE_ROWS,
    AuditScope,
    AuditScopeInvalid,
    HistorySource,
    SignatureSource,
    trail_csv_chunks,
    trail_page,
    when_text,
    zone_named,
)
from il2portal.forms import AuditRangeForm
from il2portal.models import Lab, LabInvitation, Lot, Membership, SignaturePolicy, TestArticle
from il2portal.tenancy import current_lab_or_404, request_lab_ids

MAX_ID = 2**63 - 1  # the largest id a database column holds


def lab_zone(lab) -> ZoneInfo:
    """The lab's time zone (UTC when it names none that exists): the trail's clock."""
    return zone_named(lab.time_zone)


def _before(request) -> dt.datetime | None:
    raw = request.GET.get("before")
    if not raw:
        return None
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise Http404("No such page of the trail.") from None
    return value if timezone.is_aware(value) else None


def trail_csv_response(sources, *, time_zone, after, before, filename: str) -> StreamingHttpResponse:
    """Every row of ``sources`` as CSV, streamed, as an attachment ``filename``.csv (pages and API)."""
    response = StreamingHttpResponse(
        trail_csv_chunks(sources, time_zone=time_zone, after=after, before=before),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def trail_response(request, *, lab, sources, title, subject, back_url, back_label, csv_url, filename, fmt, after=None,
                   before=None, extra_query=""):  # fmt: skip
    """The trail of ``sources`` as ``fmt`` "csv" (every row, streamed) or "html" (a print-ready page
    of at most :data:`il2portal.audit.PAGE_ROWS` rows with a link to the next). Newest first."""
    zone = lab_zone(lab)
    if fmt == "csv":
        return trail_csv_response(sources, time_zone=zone, after=after, before=before, filename=filename)
    if fmt != "html":
        raise Http404("No such format.")
    page_before = _before(request) or before
    rows, next_before = trail_page(sources, before=page_before, after=after)
    query = f"?{extra_query}&" if extra_query else "?"
    return render(
        request,
        "il2portal/audit_trail.html",
        {
            "title": title,
            "subject": subject,
            "rows": [(when_text(r.when, zone), r) for r in rows],
            "time_zone": str(zone),
            "generated_at": when_text(timezone.now(), zone),
            "back_url": back_url,
            "back_label": back_label,
            "csv_url": f"{csv_url}{query.rstrip('&?')}",
            "next_url": f"{request.path}{query}before={next_before.isoformat()}" if next_before else "",
            "page_rows": PAGE_ROWS,
            "continued": _before(request) is not None,
        },
    )


def core_sources(lab) -> list:
    """The core's own records of ``lab``: the lab, its members and invitations, test articles, lots."""
    return [
        HistorySource(Lab.history.filter(id=lab.id), "lab"),
        HistorySource(
            Membership.history.filter(lab_id=lab.id),
            "membership",
            related=("user",),
            name=lambda h: f"{h.user.username} in {lab.name}",
        ),  # fmt: skip
        HistorySource(
            LabInvitation.history.filter(lab_id=lab.id),
            "invitation",
            related=("invitee",),
            name=lambda h: f"invitation of {h.invitee.username}",
        ),  # fmt: skip
        HistorySource(TestArticle.history.filter(lab_id=lab.id), "test article"),
        HistorySource(Lot.history.filter(lab_id=lab.id), "lot", name=lambda h: f"lot {h.lot_number}"),
        HistorySource(
            SignaturePolicy.history.filter(lab_id=lab.id), "signature rule", name=lambda h: h.record_kind
        ),
        *(SignatureSource(kind, lab.id) for kind in registry.signables()),
    ]


@require_safe
@login_required
def audit_lab(request, fmt: str = "html"):
    """The whole lab's trail over a date range (both days included, in the lab's time zone)."""
    lab = current_lab_or_404(request)
    form = AuditRangeForm(request.GET or None)
    if not form.is_valid():
        if fmt != "html":
            raise Http404("Choose a valid date range first.")
        return render(request, "il2portal/audit_range.html", {"form": form, "lab": lab, "max_days": 366})
    zone = lab_zone(lab)
    start = dt.datetime.combine(form.cleaned_data["start"], dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(form.cleaned_data["end"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    sources = lab_scope(lab).sources
    span = f"{form.cleaned_data['start']:%Y-%m-%d} to {form.cleaned_data['end']:%Y-%m-%d}"
    return trail_response(
        request, lab=lab, sources=sources, title=f"Audit trail of {lab.name}", subject=span,
        back_url=reverse("audit"), back_label="Choose other dates", csv_url=reverse("audit-csv"),
        filename=f"audit-trail-{form.cleaned_data['start']:%Y%m%d}-{form.cleaned_data['end']:%Y%m%d}",
        fmt=fmt, after=start, before=end,
        extra_query=f"start={form.cleaned_data['start']:%Y-%m-%d}&end={form.cleaned_data['end']:%Y-%m-%d}",
    )  # fmt: skip


def lab_scope(lab) -> AuditScope:
    """Every record of ``lab``: the core's and every app's (``register_audit_sources``)."""
    return AuditScope(lab, core_sources(lab) + registry.audit_sources(lab), f"Lab {lab.name}",
                      f"audit-trail-lab-{lab.pk}", title=f"Audit trail of {lab.name}")  # fmt: skip


def record_types() -> list[str]:
    """``app_label.model`` of every record with a trail of its own: a history and a lab (or a lab)."""
    out = []
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "model"):
            continue
        if model is Lab or any(f.attname == "lab_id" for f in history.model._meta.concrete_fields):
            out.append(model._meta.label_lower)
    return sorted(out)


def record_scope(request, record: str, pk) -> AuditScope:
    """One record's trail, also after it was deleted: ``record`` is ``app_label.model``
    (``studies.measurement``) and ``pk`` its id. A name that is not a record with a trail, or an id that
    is not a whole number, raises :class:`AuditScopeInvalid` naming the parameter; a record not in the
    caller's labs (or never existing) is not found (``Http404``)."""
    try:
        model = apps.get_model(str(record or ""))
    except (LookupError, ValueError):
        model = None
    if model is None or model._meta.label_lower not in record_types():
        raise AuditScopeInvalid(
            "record",
            f"{str(record or '')[:60]!r} is not a record type with an audit trail; give app_label.model, one of: "
            f"{', '.join(record_types())}.",
        )
    text = str(pk if pk is not None else "").strip()
    if not re.fullmatch(r"[0-9]{1,30}", text):
        raise AuditScopeInvalid("id", f"give the record's id, a whole number, not {text[:50]!r}.")
    pk = int(text)
    if not 0 < pk <= MAX_ID:
        raise Http404("No such record in your labs.")
    rows = model.history.filter(id=pk)
    lab_id = pk if model is Lab else rows.order_by("-history_date").values_list("lab_id", flat=True).first()
    if lab_id is None or lab_id not in request_lab_ids(request):
        raise Http404("No such record in your labs.")
    lab = Lab.objects.get(pk=lab_id)
    newest = rows.order_by("-history_date").first()
    kind = str(model._meta.verbose_name)
    name = str(newest.instance)
    return AuditScope(lab, [HistorySource(rows, kind)], f"{kind} {name}",
                      f"audit-trail-{model._meta.model_name}-{pk}", title=f"Audit trail of {kind} {name}")  # fmt: skip


@require_safe
@login_required
def audit_record(request, fmt: str = "html"):
    """One record's trail, also after it was deleted: ``?record=studies.measurement&id=12``. Only
    records with a history and a lab; another lab's record is not found."""
    try:
        scope = record_scope(request, request.GET.get("record", ""), request.GET.get("id", ""))
    except AuditScopeInvalid:
        raise Http404("No such record.") from None
    model = apps.get_model(request.GET["record"])
    return trail_response(
        request, lab=scope.lab, sources=scope.sources, title=scope.title, subject=scope.subject,
        back_url=reverse("home"), back_label="Home", csv_url=reverse("audit-record-csv"),
        filename=scope.filename, fmt=fmt,
        extra_query=f"record={model._meta.label_lower}&id={int(request.GET['id'])}",
    )  # fmt: skip
