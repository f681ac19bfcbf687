from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SlopeDifference")


@_attrs_define
class SlopeDifference:
    """
    Attributes:
        group (int):
        estimate (float | None): Slope of the group minus the control's.
        se (float | None):
        ci95 (list[float | None]): 95 % CI.
        z (float | None):
        p (float | None):
        p_adjusted (float | None): Holm-adjusted.
    """

    group: int
    estimate: float | None
    se: float | None
    ci95: list[float | None]
    z: float | None
    p: float | None
    p_adjusted: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        estimate: float | None
        estimate = self.estimate

        se: float | None
        se = self.se

        ci95 = []
        for ci95_item_data in self.ci95:
            ci95_item: float | None
            ci95_item = ci95_item_data
            ci95.append(ci95_item)

        z: float | None
        z = self.z

        p: float | None
        p = self.p

        p_adjusted: float | None
        p_adjusted = self.p_adjusted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "estimate": estimate,
                "se": se,
                "ci95": ci95,
                "z": z,
                "p": p,
                "p_adjusted": p_adjusted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        def _parse_estimate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        estimate = _parse_estimate(d.pop("estimate"))

        def _parse_se(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        se = _parse_se(d.pop("se"))

        ci95 = []
        _ci95 = d.pop("ci95")
        for ci95_item_data in _ci95:

            def _parse_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            ci95_item = _parse_ci95_item(ci95_item_data)

            ci95.append(ci95_item)

        def _parse_z(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        z = _parse_z(d.pop("z"))

        def _parse_p(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p = _parse_p(d.pop("p"))

        def _parse_p_adjusted(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p_adjusted = _parse_p_adjusted(d.pop("p_adjusted"))

        slope_difference = cls(
            group=group,
            estimate=estimate,
            se=se,
            ci95=ci95,
            z=z,
            p=p,
            p_adjusted=p_adjusted,
        )

        slope_difference.additional_properties = d
        return slope_difference

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
