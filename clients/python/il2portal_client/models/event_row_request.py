from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_row_kind_enum import EventRowKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="EventRowRequest")


@_attrs_define
class EventRowRequest:
    """
    Attributes:
        animal (str): The animal's tag.
        date (datetime.date):
        kind (EventRowKindEnum): * `endpoint_euthanasia` - endpoint euthanasia
            * `found_dead` - found dead
            * `euthanasia_other` - euthanasia, other reason
            * `withdrawn` - withdrawn
            * `ulceration` - ulceration
            * `complete_response` - complete response
            * `moribund` - moribund
            * `note` - note
        note (str | Unset):
    """

    animal: str
    date: datetime.date
    kind: EventRowKindEnum
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        animal = self.animal

        date = self.date.isoformat()

        kind = self.kind.value

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "animal": animal,
                "date": date,
                "kind": kind,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        animal = d.pop("animal")

        date = datetime.date.fromisoformat(d.pop("date"))

        kind = EventRowKindEnum(d.pop("kind"))

        note = d.pop("note", UNSET)

        event_row_request = cls(
            animal=animal,
            date=date,
            kind=kind,
            note=note,
        )

        event_row_request.additional_properties = d
        return event_row_request

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
