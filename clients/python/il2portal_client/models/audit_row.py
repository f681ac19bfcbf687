from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_record import AuditRecord
    from ..models.audit_user import AuditUser


T = TypeVar("T", bound="AuditRow")


@_attrs_define
class AuditRow:
    """One line of the trail (one line of the CSV).

    Attributes:
        when (datetime.datetime): When, ISO 8601 in UTC with its offset.
        user (AuditUser):
        action (str): `created`, `changed`, `deleted`, `added` (a new result or analysis version), `signed`, `rejected`
            or `signature refused` (a wrong password); sources added to the trail may bring more.
        record (AuditRecord):
        field (str): The field changed, by its name for people (`length (mm)`); `version` for an added version; empty
            when the record was created or deleted or nothing else changed.
        old (Any): The value before (null when there was none); a related record by its name.
        new (Any): The value after (null when there is none); a related record by its name.
        reason (str): The reason given for the change; empty when none was asked.
        signature (str): On an electronic signature's row: its meaning, the version signed and the SHA-256 it binds;
            empty on other rows.
    """

    when: datetime.datetime
    user: AuditUser
    action: str
    record: AuditRecord
    field: str
    old: Any
    new: Any
    reason: str
    signature: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        when = self.when.isoformat()

        user = self.user.to_dict()

        action = self.action

        record = self.record.to_dict()

        field = self.field

        old = self.old

        new = self.new

        reason = self.reason

        signature = self.signature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "when": when,
                "user": user,
                "action": action,
                "record": record,
                "field": field,
                "old": old,
                "new": new,
                "reason": reason,
                "signature": signature,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_record import AuditRecord  # noqa: PLC0415
        from ..models.audit_user import AuditUser  # noqa: PLC0415

        d = dict(src_dict)
        when = datetime.datetime.fromisoformat(d.pop("when"))

        user = AuditUser.from_dict(d.pop("user"))

        action = d.pop("action")

        record = AuditRecord.from_dict(d.pop("record"))

        field = d.pop("field")

        old = d.pop("old")

        new = d.pop("new")

        reason = d.pop("reason")

        signature = d.pop("signature")

        audit_row = cls(
            when=when,
            user=user,
            action=action,
            record=record,
            field=field,
            old=old,
            new=new,
            reason=reason,
            signature=signature,
        )

        audit_row.additional_properties = d
        return audit_row

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
