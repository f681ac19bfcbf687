from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QCLevelSummary")


@_attrs_define
class QCLevelSummary:
    """
    Attributes:
        nominal (float | None):
        n (int):
        n_passed (int):
        passed_fraction (float | None):
        passed (bool):
    """

    nominal: float | None
    n: int
    n_passed: int
    passed_fraction: float | None
    passed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nominal: float | None
        nominal = self.nominal

        n = self.n

        n_passed = self.n_passed

        passed_fraction: float | None
        passed_fraction = self.passed_fraction

        passed = self.passed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nominal": nominal,
                "n": n,
                "n_passed": n_passed,
                "passed_fraction": passed_fraction,
                "passed": passed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_nominal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nominal = _parse_nominal(d.pop("nominal"))

        n = d.pop("n")

        n_passed = d.pop("n_passed")

        def _parse_passed_fraction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        passed_fraction = _parse_passed_fraction(d.pop("passed_fraction"))

        passed = d.pop("passed")

        qc_level_summary = cls(
            nominal=nominal,
            n=n,
            n_passed=n_passed,
            passed_fraction=passed_fraction,
            passed=passed,
        )

        qc_level_summary.additional_properties = d
        return qc_level_summary

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
