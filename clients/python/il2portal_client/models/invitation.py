from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.membership_role_enum import MembershipRoleEnum

T = TypeVar("T", bound="Invitation")


@_attrs_define
class Invitation:
    """
    Attributes:
        id (int):
        lab (int):
        lab_name (str):
        username (str):
        role (MembershipRoleEnum): * `member` - Member
            * `admin` - Admin / PI
            * `instrument` - Instrument
        status (str): `pending`, `accepted`, `declined`, `withdrawn`, or `expired` (pending past `expires_at`).
        invited_by (None | str):
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        responded_at (datetime.datetime | None):
    """

    id: int
    lab: int
    lab_name: str
    username: str
    role: MembershipRoleEnum
    status: str
    invited_by: None | str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    responded_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        lab_name = self.lab_name

        username = self.username

        role = self.role.value

        status = self.status

        invited_by: None | str
        invited_by = self.invited_by

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        responded_at: None | str
        if isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "lab_name": lab_name,
                "username": username,
                "role": role,
                "status": status,
                "invited_by": invited_by,
                "created_at": created_at,
                "expires_at": expires_at,
                "responded_at": responded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        lab_name = d.pop("lab_name")

        username = d.pop("username")

        role = MembershipRoleEnum(d.pop("role"))

        status = d.pop("status")

        def _parse_invited_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invited_by = _parse_invited_by(d.pop("invited_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        responded_at = _parse_responded_at(d.pop("responded_at"))

        invitation = cls(
            id=id,
            lab=lab,
            lab_name=lab_name,
            username=username,
            role=role,
            status=status,
            invited_by=invited_by,
            created_at=created_at,
            expires_at=expires_at,
            responded_at=responded_at,
        )

        invitation.additional_properties = d
        return invitation

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
