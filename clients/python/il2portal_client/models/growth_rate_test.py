from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.growth_rate_comparison import GrowthRateComparison


T = TypeVar("T", bound="GrowthRateTest")


@_attrs_define
class GrowthRateTest:
    """
    Attributes:
        method (str):
        day (float | None):
        comparisons (list[GrowthRateComparison]):
        adjustment (str):
        note (str):
    """

    method: str
    day: float | None
    comparisons: list[GrowthRateComparison]
    adjustment: str
    note: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        day: float | None
        day = self.day

        comparisons = []
        for comparisons_item_data in self.comparisons:
            comparisons_item = comparisons_item_data.to_dict()
            comparisons.append(comparisons_item)

        adjustment = self.adjustment

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "day": day,
                "comparisons": comparisons,
                "adjustment": adjustment,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.growth_rate_comparison import GrowthRateComparison  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method")

        def _parse_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        day = _parse_day(d.pop("day"))

        comparisons = []
        _comparisons = d.pop("comparisons")
        for comparisons_item_data in _comparisons:
            comparisons_item = GrowthRateComparison.from_dict(comparisons_item_data)

            comparisons.append(comparisons_item)

        adjustment = d.pop("adjustment")

        note = d.pop("note")

        growth_rate_test = cls(
            method=method,
            day=day,
            comparisons=comparisons,
            adjustment=adjustment,
            note=note,
        )

        growth_rate_test.additional_properties = d
        return growth_rate_test

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
