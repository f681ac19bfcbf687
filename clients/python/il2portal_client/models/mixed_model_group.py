from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MixedModelGroup")


@_attrs_define
class MixedModelGroup:
    """
    Attributes:
        group (int):
        is_control (bool):
        n_animals (int):
        n_observations (int):
        in_model (bool):
        slope (float | None): log10(mm³ + offset) per day.
        slope_se (float | None):
        slope_ci95 (list[float | None]): 95 % CI of the slope.
        doubling_time_days (float | None):
        doubling_time_ci95 (list[float | None]): 95 % CI of the doubling time.
    """

    group: int
    is_control: bool
    n_animals: int
    n_observations: int
    in_model: bool
    slope: float | None
    slope_se: float | None
    slope_ci95: list[float | None]
    doubling_time_days: float | None
    doubling_time_ci95: list[float | None]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        is_control = self.is_control

        n_animals = self.n_animals

        n_observations = self.n_observations

        in_model = self.in_model

        slope: float | None
        slope = self.slope

        slope_se: float | None
        slope_se = self.slope_se

        slope_ci95 = []
        for slope_ci95_item_data in self.slope_ci95:
            slope_ci95_item: float | None
            slope_ci95_item = slope_ci95_item_data
            slope_ci95.append(slope_ci95_item)

        doubling_time_days: float | None
        doubling_time_days = self.doubling_time_days

        doubling_time_ci95 = []
        for doubling_time_ci95_item_data in self.doubling_time_ci95:
            doubling_time_ci95_item: float | None
            doubling_time_ci95_item = doubling_time_ci95_item_data
            doubling_time_ci95.append(doubling_time_ci95_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "is_control": is_control,
                "n_animals": n_animals,
                "n_observations": n_observations,
                "in_model": in_model,
                "slope": slope,
                "slope_se": slope_se,
                "slope_ci95": slope_ci95,
                "doubling_time_days": doubling_time_days,
                "doubling_time_ci95": doubling_time_ci95,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        is_control = d.pop("is_control")

        n_animals = d.pop("n_animals")

        n_observations = d.pop("n_observations")

        in_model = d.pop("in_model")

        def _parse_slope(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        slope = _parse_slope(d.pop("slope"))

        def _parse_slope_se(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        slope_se = _parse_slope_se(d.pop("slope_se"))

        slope_ci95 = []
        _slope_ci95 = d.pop("slope_ci95")
        for slope_ci95_item_data in _slope_ci95:

            def _parse_slope_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            slope_ci95_item = _parse_slope_ci95_item(slope_ci95_item_data)

            slope_ci95.append(slope_ci95_item)

        def _parse_doubling_time_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        doubling_time_days = _parse_doubling_time_days(d.pop("doubling_time_days"))

        doubling_time_ci95 = []
        _doubling_time_ci95 = d.pop("doubling_time_ci95")
        for doubling_time_ci95_item_data in _doubling_time_ci95:

            def _parse_doubling_time_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            doubling_time_ci95_item = _parse_doubling_time_ci95_item(doubling_time_ci95_item_data)

            doubling_time_ci95.append(doubling_time_ci95_item)

        mixed_model_group = cls(
            group=group,
            is_control=is_control,
            n_animals=n_animals,
            n_observations=n_observations,
            in_model=in_model,
            slope=slope,
            slope_se=slope_se,
            slope_ci95=slope_ci95,
            doubling_time_days=doubling_time_days,
            doubling_time_ci95=doubling_time_ci95,
        )

        mixed_model_group.additional_properties = d
        return mixed_model_group

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
