from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_kind_enum import NotificationKindEnum

T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """
    Attributes:
        id (int):
        lab (int):
        kind (NotificationKindEnum): * `job_failed` - A job I started failed
            * `signature` - Something waits for my signature
            * `endpoint` - An animal of my study reaches a humane endpoint
            * `security` - Security of my account
        title (str):
        body (str):
        url (str): The portal page it is about, a path such as `/jobs/12/` (empty when there is none).
        created_at (datetime.datetime):
        read_at (datetime.datetime | None):
        emailed_at (datetime.datetime | None):
    """

    id: int
    lab: int
    kind: NotificationKindEnum
    title: str
    body: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    emailed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        kind = self.kind.value

        title = self.title

        body = self.body

        url = self.url

        created_at = self.created_at.isoformat()

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        emailed_at: None | str
        if isinstance(self.emailed_at, datetime.datetime):
            emailed_at = self.emailed_at.isoformat()
        else:
            emailed_at = self.emailed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "kind": kind,
                "title": title,
                "body": body,
                "url": url,
                "created_at": created_at,
                "read_at": read_at,
                "emailed_at": emailed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        kind = NotificationKindEnum(d.pop("kind"))

        title = d.pop("title")

        body = d.pop("body")

        url = d.pop("url")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_read_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        read_at = _parse_read_at(d.pop("read_at"))

        def _parse_emailed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                emailed_at_type_0 = datetime.datetime.fromisoformat(data)

                return emailed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        emailed_at = _parse_emailed_at(d.pop("emailed_at"))

        notification = cls(
            id=id,
            lab=lab,
            kind=kind,
            title=title,
            body=body,
            url=url,
            created_at=created_at,
            read_at=read_at,
            emailed_at=emailed_at,
        )

        notification.additional_properties = d
        return notification

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
