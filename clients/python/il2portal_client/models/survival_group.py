from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SurvivalGroup")


@_attrs_define
class SurvivalGroup:
    """
    Attributes:
        group (int): The arm's id.
        name (str):
        n (int):
        events (int):
        median_days (float | None): Median survival (days from day 0); null when not reached.
        median_ci95 (list[float | None]): 95 % CI of the median; a bound is null when not reached.
    """

    group: int
    name: str
    n: int
    events: int
    median_days: float | None
    median_ci95: list[float | None]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        name = self.name

        n = self.n

        events = self.events

        median_days: float | None
        median_days = self.median_days

        median_ci95 = []
        for median_ci95_item_data in self.median_ci95:
            median_ci95_item: float | None
            median_ci95_item = median_ci95_item_data
            median_ci95.append(median_ci95_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "name": name,
                "n": n,
                "events": events,
                "median_days": median_days,
                "median_ci95": median_ci95,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        name = d.pop("name")

        n = d.pop("n")

        events = d.pop("events")

        def _parse_median_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_days = _parse_median_days(d.pop("median_days"))

        median_ci95 = []
        _median_ci95 = d.pop("median_ci95")
        for median_ci95_item_data in _median_ci95:

            def _parse_median_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            median_ci95_item = _parse_median_ci95_item(median_ci95_item_data)

            median_ci95.append(median_ci95_item)

        survival_group = cls(
            group=group,
            name=name,
            n=n,
            events=events,
            median_days=median_days,
            median_ci95=median_ci95,
        )

        survival_group.additional_properties = d
        return survival_group

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
