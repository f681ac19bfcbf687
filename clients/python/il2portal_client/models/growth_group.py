from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.body_weight_day import BodyWeightDay
    from ..models.growth_day import GrowthDay
    from ..models.growth_group_response_counts import GrowthGroupResponseCounts


T = TypeVar("T", bound="GrowthGroup")


@_attrs_define
class GrowthGroup:
    """
    Attributes:
        group (int):
        name (str):
        n_animals (int):
        curve_end_day (float | None):
        series (list[GrowthDay]):
        body_weight (list[BodyWeightDay]):
        response_counts (GrowthGroupResponseCounts): Animals per response class (CR, PR, SD, PD, NE).
        median_days_to_volume (float | None):
        growth_delay_days (float | None): Tumor growth delay vs control, days.
    """

    group: int
    name: str
    n_animals: int
    curve_end_day: float | None
    series: list[GrowthDay]
    body_weight: list[BodyWeightDay]
    response_counts: GrowthGroupResponseCounts
    median_days_to_volume: float | None
    growth_delay_days: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        name = self.name

        n_animals = self.n_animals

        curve_end_day: float | None
        curve_end_day = self.curve_end_day

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        body_weight = []
        for body_weight_item_data in self.body_weight:
            body_weight_item = body_weight_item_data.to_dict()
            body_weight.append(body_weight_item)

        response_counts = self.response_counts.to_dict()

        median_days_to_volume: float | None
        median_days_to_volume = self.median_days_to_volume

        growth_delay_days: float | None
        growth_delay_days = self.growth_delay_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "name": name,
                "n_animals": n_animals,
                "curve_end_day": curve_end_day,
                "series": series,
                "body_weight": body_weight,
                "response_counts": response_counts,
                "median_days_to_volume": median_days_to_volume,
                "growth_delay_days": growth_delay_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.body_weight_day import BodyWeightDay  # noqa: PLC0415
        from ..models.growth_day import GrowthDay  # noqa: PLC0415
        from ..models.growth_group_response_counts import GrowthGroupResponseCounts  # noqa: PLC0415

        d = dict(src_dict)
        group = d.pop("group")

        name = d.pop("name")

        n_animals = d.pop("n_animals")

        def _parse_curve_end_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        curve_end_day = _parse_curve_end_day(d.pop("curve_end_day"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = GrowthDay.from_dict(series_item_data)

            series.append(series_item)

        body_weight = []
        _body_weight = d.pop("body_weight")
        for body_weight_item_data in _body_weight:
            body_weight_item = BodyWeightDay.from_dict(body_weight_item_data)

            body_weight.append(body_weight_item)

        response_counts = GrowthGroupResponseCounts.from_dict(d.pop("response_counts"))

        def _parse_median_days_to_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_days_to_volume = _parse_median_days_to_volume(d.pop("median_days_to_volume"))

        def _parse_growth_delay_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        growth_delay_days = _parse_growth_delay_days(d.pop("growth_delay_days"))

        growth_group = cls(
            group=group,
            name=name,
            n_animals=n_animals,
            curve_end_day=curve_end_day,
            series=series,
            body_weight=body_weight,
            response_counts=response_counts,
            median_days_to_volume=median_days_to_volume,
            growth_delay_days=growth_delay_days,
        )

        growth_group.additional_properties = d
        return growth_group

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
