from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SurvivalSubject")


@_attrs_define
class SurvivalSubject:
    """
    Attributes:
        animal (str): The animal's tag.
        group (int):
        time_days (float | None):
        event (bool): True: an event; false: censored at time_days.
    """

    animal: str
    group: int
    time_days: float | None
    event: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        animal = self.animal

        group = self.group

        time_days: float | None
        time_days = self.time_days

        event = self.event

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "animal": animal,
                "group": group,
                "time_days": time_days,
                "event": event,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        animal = d.pop("animal")

        group = d.pop("group")

        def _parse_time_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        time_days = _parse_time_days(d.pop("time_days"))

        event = d.pop("event")

        survival_subject = cls(
            animal=animal,
            group=group,
            time_days=time_days,
            event=event,
        )

        survival_subject.additional_properties = d
        return survival_subject

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
