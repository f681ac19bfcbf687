from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AnimalGrowth")


@_attrs_define
class AnimalGrowth:
    """
    Attributes:
        animal (str): The animal's tag.
        group (int | None):
        days (list[float]):
        volumes (list[float | None]):
        weight_days (list[float]):
        weights_g (list[float | None]):
        weight_change_pct (list[float | None]):
        weight_nadir_pct (float | None):
        baseline_volume (float | None):
        response (str): CR, PR, SD, PD or NE.
        best_response_pct (float | None):
        best_avg_response_pct (float | None):
        days_to_volume (float | None):
        reached_volume (bool):
        last_day (float | None):
        exit_day (float | None):
        exit_reason (None | str):
    """

    animal: str
    group: int | None
    days: list[float]
    volumes: list[float | None]
    weight_days: list[float]
    weights_g: list[float | None]
    weight_change_pct: list[float | None]
    weight_nadir_pct: float | None
    baseline_volume: float | None
    response: str
    best_response_pct: float | None
    best_avg_response_pct: float | None
    days_to_volume: float | None
    reached_volume: bool
    last_day: float | None
    exit_day: float | None
    exit_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        animal = self.animal

        group: int | None
        group = self.group

        days = self.days

        volumes = []
        for volumes_item_data in self.volumes:
            volumes_item: float | None
            volumes_item = volumes_item_data
            volumes.append(volumes_item)

        weight_days = self.weight_days

        weights_g = []
        for weights_g_item_data in self.weights_g:
            weights_g_item: float | None
            weights_g_item = weights_g_item_data
            weights_g.append(weights_g_item)

        weight_change_pct = []
        for weight_change_pct_item_data in self.weight_change_pct:
            weight_change_pct_item: float | None
            weight_change_pct_item = weight_change_pct_item_data
            weight_change_pct.append(weight_change_pct_item)

        weight_nadir_pct: float | None
        weight_nadir_pct = self.weight_nadir_pct

        baseline_volume: float | None
        baseline_volume = self.baseline_volume

        response = self.response

        best_response_pct: float | None
        best_response_pct = self.best_response_pct

        best_avg_response_pct: float | None
        best_avg_response_pct = self.best_avg_response_pct

        days_to_volume: float | None
        days_to_volume = self.days_to_volume

        reached_volume = self.reached_volume

        last_day: float | None
        last_day = self.last_day

        exit_day: float | None
        exit_day = self.exit_day

        exit_reason: None | str
        exit_reason = self.exit_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "animal": animal,
                "group": group,
                "days": days,
                "volumes": volumes,
                "weight_days": weight_days,
                "weights_g": weights_g,
                "weight_change_pct": weight_change_pct,
                "weight_nadir_pct": weight_nadir_pct,
                "baseline_volume": baseline_volume,
                "response": response,
                "best_response_pct": best_response_pct,
                "best_avg_response_pct": best_avg_response_pct,
                "days_to_volume": days_to_volume,
                "reached_volume": reached_volume,
                "last_day": last_day,
                "exit_day": exit_day,
                "exit_reason": exit_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        animal = d.pop("animal")

        def _parse_group(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        group = _parse_group(d.pop("group"))

        days = cast(list[float], d.pop("days"))

        volumes = []
        _volumes = d.pop("volumes")
        for volumes_item_data in _volumes:

            def _parse_volumes_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            volumes_item = _parse_volumes_item(volumes_item_data)

            volumes.append(volumes_item)

        weight_days = cast(list[float], d.pop("weight_days"))

        weights_g = []
        _weights_g = d.pop("weights_g")
        for weights_g_item_data in _weights_g:

            def _parse_weights_g_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            weights_g_item = _parse_weights_g_item(weights_g_item_data)

            weights_g.append(weights_g_item)

        weight_change_pct = []
        _weight_change_pct = d.pop("weight_change_pct")
        for weight_change_pct_item_data in _weight_change_pct:

            def _parse_weight_change_pct_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            weight_change_pct_item = _parse_weight_change_pct_item(weight_change_pct_item_data)

            weight_change_pct.append(weight_change_pct_item)

        def _parse_weight_nadir_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        weight_nadir_pct = _parse_weight_nadir_pct(d.pop("weight_nadir_pct"))

        def _parse_baseline_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        baseline_volume = _parse_baseline_volume(d.pop("baseline_volume"))

        response = d.pop("response")

        def _parse_best_response_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        best_response_pct = _parse_best_response_pct(d.pop("best_response_pct"))

        def _parse_best_avg_response_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        best_avg_response_pct = _parse_best_avg_response_pct(d.pop("best_avg_response_pct"))

        def _parse_days_to_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        days_to_volume = _parse_days_to_volume(d.pop("days_to_volume"))

        reached_volume = d.pop("reached_volume")

        def _parse_last_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        last_day = _parse_last_day(d.pop("last_day"))

        def _parse_exit_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        exit_day = _parse_exit_day(d.pop("exit_day"))

        def _parse_exit_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exit_reason = _parse_exit_reason(d.pop("exit_reason"))

        animal_growth = cls(
            animal=animal,
            group=group,
            days=days,
            volumes=volumes,
            weight_days=weight_days,
            weights_g=weights_g,
            weight_change_pct=weight_change_pct,
            weight_nadir_pct=weight_nadir_pct,
            baseline_volume=baseline_volume,
            response=response,
            best_response_pct=best_response_pct,
            best_avg_response_pct=best_avg_response_pct,
            days_to_volume=days_to_volume,
            reached_volume=reached_volume,
            last_day=last_day,
            exit_day=exit_day,
            exit_reason=exit_reason,
        )

        animal_growth.additional_properties = d
        return animal_growth

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
