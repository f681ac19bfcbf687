from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QCWellResult")


@_attrs_define
class QCWellResult:
    """
    Attributes:
        well (str):
        signal (float | None):
        back_calculated (float | None):
        bias_pct (float | None):
        passed (bool):
        reasons (list[str]):
    """

    well: str
    signal: float | None
    back_calculated: float | None
    bias_pct: float | None
    passed: bool
    reasons: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        well = self.well

        signal: float | None
        signal = self.signal

        back_calculated: float | None
        back_calculated = self.back_calculated

        bias_pct: float | None
        bias_pct = self.bias_pct

        passed = self.passed

        reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "well": well,
                "signal": signal,
                "back_calculated": back_calculated,
                "bias_pct": bias_pct,
                "passed": passed,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        well = d.pop("well")

        def _parse_signal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        signal = _parse_signal(d.pop("signal"))

        def _parse_back_calculated(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        back_calculated = _parse_back_calculated(d.pop("back_calculated"))

        def _parse_bias_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        bias_pct = _parse_bias_pct(d.pop("bias_pct"))

        passed = d.pop("passed")

        reasons = cast(list[str], d.pop("reasons"))

        qc_well_result = cls(
            well=well,
            signal=signal,
            back_calculated=back_calculated,
            bias_pct=bias_pct,
            passed=passed,
            reasons=reasons,
        )

        qc_well_result.additional_properties = d
        return qc_well_result

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
