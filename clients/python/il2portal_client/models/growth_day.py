from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GrowthDay")


@_attrs_define
class GrowthDay:
    """
    Attributes:
        day (float | None):
        n (int):
        mean_volume (float | None): mm³
        sem_volume (float | None):
        sd_volume (float | None):
        median_volume (float | None):
        geo_mean_volume (float | None):
        log_mean (float | None):
        log_sem (float | None):
        in_curve (bool): False once fewer than the set share of the group's animals remain.
    """

    day: float | None
    n: int
    mean_volume: float | None
    sem_volume: float | None
    sd_volume: float | None
    median_volume: float | None
    geo_mean_volume: float | None
    log_mean: float | None
    log_sem: float | None
    in_curve: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day: float | None
        day = self.day

        n = self.n

        mean_volume: float | None
        mean_volume = self.mean_volume

        sem_volume: float | None
        sem_volume = self.sem_volume

        sd_volume: float | None
        sd_volume = self.sd_volume

        median_volume: float | None
        median_volume = self.median_volume

        geo_mean_volume: float | None
        geo_mean_volume = self.geo_mean_volume

        log_mean: float | None
        log_mean = self.log_mean

        log_sem: float | None
        log_sem = self.log_sem

        in_curve = self.in_curve

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "n": n,
                "mean_volume": mean_volume,
                "sem_volume": sem_volume,
                "sd_volume": sd_volume,
                "median_volume": median_volume,
                "geo_mean_volume": geo_mean_volume,
                "log_mean": log_mean,
                "log_sem": log_sem,
                "in_curve": in_curve,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        day = _parse_day(d.pop("day"))

        n = d.pop("n")

        def _parse_mean_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_volume = _parse_mean_volume(d.pop("mean_volume"))

        def _parse_sem_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sem_volume = _parse_sem_volume(d.pop("sem_volume"))

        def _parse_sd_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sd_volume = _parse_sd_volume(d.pop("sd_volume"))

        def _parse_median_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_volume = _parse_median_volume(d.pop("median_volume"))

        def _parse_geo_mean_volume(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        geo_mean_volume = _parse_geo_mean_volume(d.pop("geo_mean_volume"))

        def _parse_log_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_mean = _parse_log_mean(d.pop("log_mean"))

        def _parse_log_sem(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_sem = _parse_log_sem(d.pop("log_sem"))

        in_curve = d.pop("in_curve")

        growth_day = cls(
            day=day,
            n=n,
            mean_volume=mean_volume,
            sem_volume=sem_volume,
            sd_volume=sd_volume,
            median_volume=median_volume,
            geo_mean_volume=geo_mean_volume,
            log_mean=log_mean,
            log_sem=log_sem,
            in_curve=in_curve,
        )

        growth_day.additional_properties = d
        return growth_day

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
