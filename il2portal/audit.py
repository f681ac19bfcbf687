"""The audit trail (django-simple-history) read for pages: who, when, what changed, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: str
    action: str  # created | changed | deleted
    reason: str
    changes: tuple[Change, ...]


_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def audit_trail(obj, limit: int = 50) -> list[AuditEntry]:
    """Entries newest first, each with field-level old and new values."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: tuple[Change, ...] = ()
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = tuple(Change(c.field, c.old, c.new) for c in delta.changes)
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
