from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.growth_rate_test import GrowthRateTest


T = TypeVar("T", bound="GrowthStatistics")


@_attrs_define
class GrowthStatistics:
    """
    Attributes:
        growth_rate (GrowthRateTest | None):
    """

    growth_rate: GrowthRateTest | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.growth_rate_test import GrowthRateTest  # noqa: PLC0415

        growth_rate: dict[str, Any] | None
        if isinstance(self.growth_rate, GrowthRateTest):
            growth_rate = self.growth_rate.to_dict()
        else:
            growth_rate = self.growth_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "growth_rate": growth_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.growth_rate_test import GrowthRateTest  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_growth_rate(data: object) -> GrowthRateTest | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                growth_rate_type_1 = GrowthRateTest.from_dict(data)

                return growth_rate_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GrowthRateTest | None, data)

        growth_rate = _parse_growth_rate(d.pop("growth_rate"))

        growth_statistics = cls(
            growth_rate=growth_rate,
        )

        growth_statistics.additional_properties = d
        return growth_statistics

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
