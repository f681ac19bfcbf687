from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HazardRatio")


@_attrs_define
class HazardRatio:
    """
    Attributes:
        group (int):
        reference (int):
        hr (float | None): Cox (Efron ties) hazard ratio of group vs reference.
        ci95 (list[float | None]): 95 % CI of the hazard ratio.
        coef (float | None):
        se (float | None):
        p (float | None):
    """

    group: int
    reference: int
    hr: float | None
    ci95: list[float | None]
    coef: float | None
    se: float | None
    p: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        reference = self.reference

        hr: float | None
        hr = self.hr

        ci95 = []
        for ci95_item_data in self.ci95:
            ci95_item: float | None
            ci95_item = ci95_item_data
            ci95.append(ci95_item)

        coef: float | None
        coef = self.coef

        se: float | None
        se = self.se

        p: float | None
        p = self.p

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "reference": reference,
                "hr": hr,
                "ci95": ci95,
                "coef": coef,
                "se": se,
                "p": p,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        reference = d.pop("reference")

        def _parse_hr(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        hr = _parse_hr(d.pop("hr"))

        ci95 = []
        _ci95 = d.pop("ci95")
        for ci95_item_data in _ci95:

            def _parse_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            ci95_item = _parse_ci95_item(ci95_item_data)

            ci95.append(ci95_item)

        def _parse_coef(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        coef = _parse_coef(d.pop("coef"))

        def _parse_se(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        se = _parse_se(d.pop("se"))

        def _parse_p(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p = _parse_p(d.pop("p"))

        hazard_ratio = cls(
            group=group,
            reference=reference,
            hr=hr,
            ci95=ci95,
            coef=coef,
            se=se,
            p=p,
        )

        hazard_ratio.additional_properties = d
        return hazard_ratio

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
