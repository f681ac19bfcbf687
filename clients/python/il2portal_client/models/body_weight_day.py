from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BodyWeightDay")


@_attrs_define
class BodyWeightDay:
    """
    Attributes:
        day (float | None):
        n (int):
        mean_pct (float | None): Mean body-weight change from baseline, %.
        sem_pct (float | None):
        in_curve (bool):
    """

    day: float | None
    n: int
    mean_pct: float | None
    sem_pct: float | None
    in_curve: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day: float | None
        day = self.day

        n = self.n

        mean_pct: float | None
        mean_pct = self.mean_pct

        sem_pct: float | None
        sem_pct = self.sem_pct

        in_curve = self.in_curve

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "n": n,
                "mean_pct": mean_pct,
                "sem_pct": sem_pct,
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

        def _parse_mean_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_pct = _parse_mean_pct(d.pop("mean_pct"))

        def _parse_sem_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sem_pct = _parse_sem_pct(d.pop("sem_pct"))

        in_curve = d.pop("in_curve")

        body_weight_day = cls(
            day=day,
            n=n,
            mean_pct=mean_pct,
            sem_pct=sem_pct,
            in_curve=in_curve,
        )

        body_weight_day.additional_properties = d
        return body_weight_day

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
