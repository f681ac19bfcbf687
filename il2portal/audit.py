"""The audit trail (django-simple-history) read for pages: who, when, what changed, why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object
    label: str = ""  # the field as people say it (its verbose name: "exit date", not "exit_date")

    def __post_init__(self):
        if not self.label:
            object.__setattr__(self, "label", self.field.replace("_", " "))


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: str
    action: str  # created | changed | deleted
    reason: str
    changes: tuple[Change, ...]


_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _name_of(model, pk) -> str:
    """A related record as people know it (its ``str``), also when it has been deleted since."""
    obj = model._base_manager.filter(pk=pk).first()
    if obj is None and hasattr(model, "history"):
        past = model.history.filter(id=pk).order_by("-history_date").first()
        obj = past.instance if past is not None else None
    return str(obj) if obj is not None else f"a deleted {model._meta.verbose_name}"


def _iso(value):
    """Dates as the rest of the portal writes them (2026-11-18), not in the template's locale."""
    return value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else value


def _named(model, changes: tuple[Change, ...]) -> tuple[Change, ...]:
    """Fields by their verbose name, coded values by their label ("endpoint euthanasia", not
    "endpoint_euthanasia") and foreign keys by the related record's name, not its database id (e.g. the
    group an animal moved to)."""
    out = []
    for c in changes:
        try:
            field = model._meta.get_field(c.field)
        except Exception:  # a field the model no longer has
            out.append(c)
            continue
        label = str(getattr(field, "verbose_name", "") or c.field)
        if getattr(field, "many_to_one", False) and field.related_model is not None:
            old = None if c.old is None else _name_of(field.related_model, c.old)
            new = None if c.new is None else _name_of(field.related_model, c.new)
            out.append(Change(c.field, old, new, label))
        elif getattr(field, "choices", None):
            words = {k: str(v) for k, v in field.flatchoices}
            out.append(Change(c.field, words.get(c.old, c.old), words.get(c.new, c.new), label))
        else:
            out.append(Change(c.field, _iso(c.old), _iso(c.new), label))
    return tuple(out)


def audit_trail(obj, limit: int = 50) -> list[AuditEntry]:
    """Entries newest first, each with field-level old and new values."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    return _entries(records, limit)


def audit_trails(history, limit: int = 50) -> dict[object, list[AuditEntry]]:
    """:func:`audit_trail` of every record in a history queryset (e.g. all measurements of an animal),
    by record id, in one query instead of one per record."""
    by_id: dict[object, list] = {}
    for record in history.select_related("history_user").order_by("id", "-history_date", "-history_id"):
        by_id.setdefault(record.id, []).append(record)
    return {pk: _entries(records[: limit + 1], limit) for pk, records in by_id.items()}


def _entries(records: list, limit: int) -> list[AuditEntry]:
    """Entries of one record's history rows, given newest first."""
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: tuple[Change, ...] = ()
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = tuple(Change(c.field, c.old, c.new) for c in delta.changes)
            changes = _named(type(record).instance_type, changes)
        user = record.history_user
        entries.append(
            AuditEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "system",
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


# ---- the exported trail: many records' histories, one row per changed field ------------------------

PAGE_ROWS = 5000  # rows of one page of the print-ready trail; the CSV streams every page
MAX_RANGE_DAYS = 366
MOMENT_ROWS = 10**9  # no limit: the records of one moment when they alone fill a page


@dataclass(frozen=True)
class TrailRow:
    """One line of an exported audit trail: a field of a record changed (or the record was created or
    deleted, or a result version was added) by someone at a time, for a reason."""

    when: datetime
    username: str
    full_name: str
    record_type: str
    record_name: str
    action: str  # created | changed | deleted | added
    field: str
    old: object
    new: object
    reason: str
    signature: str = ""  # on signature rows: meaning, version and the SHA-256 the signature binds
    # which record (for the API: ``record_model`` is ``app_label.model``, e.g. ``studies.measurement``,
    # with ``record_id`` its id); not in the CSV, whose columns are fixed
    record_id: object = None
    record_model: str = ""


CSV_HEADER = (
    "when", "username", "full name", "record type", "record", "action", "field", "old", "new", "reason",
    "signature",
)  # fmt: skip


@dataclass(frozen=True)
class AuditScope:
    """What one trail covers: the sources read, the lab whose clock shows the times, and how the trail
    is named (``subject``, e.g. "Assay run R-12"; ``title`` of its page, "Audit trail of run R-12";
    ``filename`` of its CSV, without ".csv")."""

    lab: Any
    sources: list
    subject: str
    filename: str
    title: str = ""


class AuditScopeInvalid(ValueError):
    """A scope asked for in a way that names nothing (``?record=nosuch.model``, ``?id=x``): ``param``
    is the query parameter at fault. Pages answer 404, the API a 400 naming ``param``."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


def _user(user) -> tuple[str, str]:
    return (user.username, user.get_full_name()) if user is not None else ("system", "")


@dataclass(frozen=True)
class HistorySource:
    """The django-simple-history rows of some records (e.g. ``Animal.history.filter(study_id=3)``).
    ``name(history_row)`` names a record from its historical row (default ``str`` of it as it was then);
    ``related``: foreign keys ``name`` reads, fetched with the rows so a page's queries are fixed."""

    history: Any
    record_type: str
    name: Callable[[Any], str] | None = None
    related: tuple[str, ...] = ()

    def rows(self, before: datetime | None, limit: int, after: datetime | None = None) -> list[TrailRow]:
        from django.db.models import OuterRef, Q, Subquery

        model = self.history.model
        page = self.history
        if before is not None:
            page = page.filter(history_date__lt=before)
        if after is not None:
            page = page.filter(history_date__gte=after)
        previous = (
            model.objects.filter(id=OuterRef("id"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        records = list(
            page.select_related("history_user", *self.related)
            .annotate(previous_id=Subquery(previous))
            .order_by("-history_date", "-history_id")[:limit]
        )
        wanted = [r.previous_id for r in records if r.history_type == "~" and r.previous_id]
        before_rows = {p.history_id: p for p in model.objects.filter(history_id__in=wanted)} if wanted else {}
        out: list[TrailRow] = []
        label = model.instance_type._meta.label_lower
        for record in records:
            which = {"record_id": record.id, "record_model": label}
            username, full_name = _user(record.history_user)
            name = self.name(record) if self.name else str(record.instance)
            action = _ACTIONS.get(record.history_type, record.history_type)
            reason = record.history_change_reason or ""
            prev = before_rows.get(record.previous_id)
            changes: tuple[Change, ...] = ()
            if prev is not None:
                delta = record.diff_against(prev)
                changes = tuple(Change(c.field, c.old, c.new) for c in delta.changes)
            if not changes:
                out.append(TrailRow(record.history_date, username, full_name, self.record_type, name,
                                    action, "", None, None, reason, **which))  # fmt: skip
            for c in changes:
                out.append(TrailRow(record.history_date, username, full_name, self.record_type, name,
                                    action, c.field, c.old, c.new, reason, **which))  # fmt: skip
        return out


@dataclass(frozen=True)
class VersionSource:
    """Records that are never changed but added as versions (a run's result, a study's analysis), each
    one trail row "added": ``describe(record) -> (name, new value, reason)``; the records need
    ``created_at`` and ``created_by``."""

    records: Any
    record_type: str
    describe: Callable[[Any], tuple[str, str, str]]
    related: tuple[str, ...] = ()

    def rows(self, before: datetime | None, limit: int, after: datetime | None = None) -> list[TrailRow]:
        page = self.records
        if before is not None:
            page = page.filter(created_at__lt=before)
        if after is not None:
            page = page.filter(created_at__gte=after)
        out = []
        label = self.records.model._meta.label_lower
        for record in page.select_related("created_by", *self.related).order_by("-created_at", "-pk")[:limit]:
            username, full_name = _user(record.created_by)
            name, new, reason = self.describe(record)
            out.append(TrailRow(record.created_at, username, full_name, self.record_type, name, "added",
                                "version", None, new, reason, record_id=record.pk, record_model=label))  # fmt: skip
        return out


@dataclass(frozen=True)
class SignatureSource:
    """The electronic signatures on some versions of one signable kind (il2portal.signing), and the
    attempts refused for a wrong password: ``ids`` the versions' primary keys (a queryset of ``pk``
    values, or ``None`` for every version of the kind in ``lab``)."""

    kind: str
    lab_id: int
    ids: Any = None

    def rows(self, before: datetime | None, limit: int, after: datetime | None = None) -> list[TrailRow]:
        from il2portal import signing
        from il2portal.models import Signature, SigningFailure

        spec = signing.signable(self.kind)
        signatures = Signature.objects.filter(lab_id=self.lab_id, review__record_kind=self.kind)
        failures = SigningFailure.objects.filter(lab_id=self.lab_id, record_kind=self.kind)
        if self.ids is not None:
            signatures = signatures.filter(review__object_id__in=self.ids)
            failures = failures.filter(object_id__in=self.ids)
        if before is not None:
            signatures, failures = signatures.filter(signed_at__lt=before), failures.filter(at__lt=before)
        if after is not None:
            signatures, failures = signatures.filter(signed_at__gte=after), failures.filter(at__gte=after)
        signed = list(signatures.select_related("review").order_by("-signed_at", "-pk")[:limit])
        refused = list(failures.select_related("user").order_by("-at", "-pk")[:limit])
        ids = {s.review.object_id for s in signed} | {f.object_id for f in refused}
        names = spec.module().describe_ids(ids) if ids else {}
        label = spec.label
        model = spec.model.lower()  # "assays.runresult": the signed version's record (for the API)
        out = []
        for sig in signed:
            title = names.get(sig.review.object_id, (f"{label} {sig.review.object_id}", ""))[0]
            action = "rejected" if sig.meaning == "rejected" else "signed"
            out.append(TrailRow(sig.signed_at, sig.username, sig.full_name, label, title, action, "signature",
                                None, sig.meaning, sig.reason,
                                f"{sig.meaning}; version {sig.record_version}; SHA-256 {sig.record_sha256}",
                                record_id=sig.review.object_id, record_model=model))  # fmt: skip
        for f in refused:
            title = names.get(f.object_id, (f"{label} {f.object_id}", ""))[0]
            username, full_name = _user(f.user)
            out.append(TrailRow(f.at, username, full_name, label, title, "signature refused", "signature",
                                None, f.meaning, "wrong password",
                                record_id=f.object_id, record_model=model))  # fmt: skip
        return out


def _words(rows: list[TrailRow], sources) -> list[TrailRow]:
    """Fields by their verbose name, codes by their label, foreign keys by the related record's name,
    each related model read once for the whole page (not once per row)."""
    field_of: dict[tuple[str, str], Any] = {}
    for source in sources:
        model = source.history.model.instance_type if isinstance(source, HistorySource) else None
        if model is None:
            continue
        for f in model._meta.get_fields():
            if getattr(f, "concrete", False):
                field_of[(source.record_type, f.attname)] = f
                field_of[(source.record_type, f.name)] = f
    wanted: dict[Any, set] = {}
    for row in rows:
        f = field_of.get((row.record_type, row.field))
        if f is not None and getattr(f, "many_to_one", False) and f.related_model is not None:
            wanted.setdefault(f.related_model, set()).update(v for v in (row.old, row.new) if v is not None)
    names: dict[Any, dict] = {}
    for model, pks in wanted.items():
        found = {o.pk: str(o) for o in model._base_manager.filter(pk__in=pks)}
        missing = pks - set(found)
        if missing and hasattr(model, "history"):
            for past in model.history.filter(id__in=missing).order_by("id", "-history_date"):
                found.setdefault(past.id, str(past.instance))
        names[model] = found
    out = []
    for row in rows:
        f = field_of.get((row.record_type, row.field))
        if f is None:
            out.append(row)
            continue
        label = str(getattr(f, "verbose_name", "") or row.field)
        old, new = row.old, row.new
        if getattr(f, "many_to_one", False) and f.related_model is not None:
            known = names.get(f.related_model, {})
            deleted = f"a deleted {f.related_model._meta.verbose_name}"
            old = None if old is None else known.get(old, deleted)
            new = None if new is None else known.get(new, deleted)
        elif getattr(f, "choices", None):
            words = {k: str(v) for k, v in f.flatchoices}
            old, new = words.get(old, old), words.get(new, new)
        else:
            old, new = _iso(old), _iso(new)
        out.append(replace(row, field=label, old=old, new=new))
    return out


def trail_page(sources, *, before: datetime | None = None, after: datetime | None = None,
               limit: int = PAGE_ROWS) -> tuple[list[TrailRow], datetime | None]:  # fmt: skip
    """The newest rows of ``sources`` older than ``before`` (and not older than ``after``), newest first,
    and the ``before`` of the next page (``None`` on the last). Each source is read with a fixed number
    of queries, however many rows. A page ends between two moments, never inside one, so a change of
    many fields (or a batch saved at one time) is never split between pages: a moment that alone has
    more than ``limit`` rows is a page of its own, longer than ``limit`` (one more query per source)."""
    rows: list[TrailRow] = []
    for source in sources:
        rows.extend(source.rows(before, limit + 1, after))
    rows.sort(key=lambda r: r.when, reverse=True)
    next_before = None
    if len(rows) > limit:
        cut = rows[limit].when
        kept = [r for r in rows if r.when > cut]
        if kept:
            rows, next_before = kept, kept[-1].when
        else:
            # one moment alone has more than ``limit`` rows (a batch saved at once): the page is that whole
            # moment, read without a limit, so that the next page (before it) loses none of them
            moment = cut + timedelta(microseconds=1)
            rows = [r for source in sources for r in source.rows(moment, MOMENT_ROWS, cut)]
            next_before = cut
    return _words(rows, sources), next_before


def trail_all(sources, *, after: datetime | None = None, before: datetime | None = None):
    """Every row of ``sources``, newest first, page by page (for the CSV download)."""
    while True:
        rows, before_next = trail_page(sources, before=before, after=after)
        yield from rows
        if before_next is None:
            return
        before = before_next


def trail_csv_chunks(sources, *, time_zone, after=None, before=None):
    """The trail as CSV text chunks (the header first), spreadsheet-safe (il2portal.spreadsheets)."""
    from il2portal.spreadsheets import csv_text

    yield csv_text(CSV_HEADER, [])
    batch = []
    for row in trail_all(sources, after=after, before=before):
        batch.append(csv_row(row, time_zone))
        if len(batch) >= 1000:
            yield csv_text((), batch)
            batch = []
    if batch:
        yield csv_text((), batch)


def zone_named(name: str):
    """The time zone called ``name``, or UTC when no zone of that name exists (a bad lab setting)."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name or "UTC")
    except Exception:
        return ZoneInfo("UTC")


def when_text(when: datetime, time_zone) -> str:
    """``2026-11-18 14:03:27 CET (+01:00)``: the lab's clock, with its zone and offset."""
    local = when.astimezone(time_zone)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()} ({offset[:3]}:{offset[3:]})"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def csv_row(row: TrailRow, time_zone) -> list:
    return [
        when_text(row.when, time_zone), row.username, row.full_name, row.record_type, row.record_name,
        row.action, row.field, _text(row.old), _text(row.new), row.reason, row.signature,
    ]  # fmt: skip
