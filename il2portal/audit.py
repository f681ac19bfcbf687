"""The audit trail (django-simple-history) read for pages: who, when, what changed, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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
