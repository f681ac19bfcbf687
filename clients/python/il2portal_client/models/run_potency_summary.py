from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunPotencySummary")


@_attrs_define
class RunPotencySummary:
    """
    Attributes:
        sample (None | str):
        relative_potency (float | None):
        ci95 (list[float] | None):
        similar (bool | None):
    """

    sample: None | str
    relative_potency: float | None
    ci95: list[float] | None
    similar: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sample: None | str
        sample = self.sample

        relative_potency: float | None
        relative_potency = self.relative_potency

        ci95: list[float] | None
        if isinstance(self.ci95, list):
            ci95 = self.ci95

        else:
            ci95 = self.ci95

        similar: bool | None
        similar = self.similar

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sample": sample,
                "relative_potency": relative_potency,
                "ci95": ci95,
                "similar": similar,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sample(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sample = _parse_sample(d.pop("sample"))

        def _parse_relative_potency(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        relative_potency = _parse_relative_potency(d.pop("relative_potency"))

        def _parse_ci95(data: object) -> list[float] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ci95_type_0 = cast(list[float], data)

                return ci95_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None, data)

        ci95 = _parse_ci95(d.pop("ci95"))

        def _parse_similar(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        similar = _parse_similar(d.pop("similar"))

        run_potency_summary = cls(
            sample=sample,
            relative_potency=relative_potency,
            ci95=ci95,
            similar=similar,
        )

        run_potency_summary.additional_properties = d
        return run_potency_summary

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
