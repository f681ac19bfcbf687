from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QCEvaluationResult")


@_attrs_define
class QCEvaluationResult:
    """
    Attributes:
        nominal (float | None):
        measured (float | None):
        recovery_pct (float | None):
        passed (bool):
        reasons (list[str]):
        well (None | str):
        bias_pct (float | None):
    """

    nominal: float | None
    measured: float | None
    recovery_pct: float | None
    passed: bool
    reasons: list[str]
    well: None | str
    bias_pct: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nominal: float | None
        nominal = self.nominal

        measured: float | None
        measured = self.measured

        recovery_pct: float | None
        recovery_pct = self.recovery_pct

        passed = self.passed

        reasons = self.reasons

        well: None | str
        well = self.well

        bias_pct: float | None
        bias_pct = self.bias_pct

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nominal": nominal,
                "measured": measured,
                "recovery_pct": recovery_pct,
                "passed": passed,
                "reasons": reasons,
                "well": well,
                "bias_pct": bias_pct,
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

        def _parse_measured(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        measured = _parse_measured(d.pop("measured"))

        def _parse_recovery_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        recovery_pct = _parse_recovery_pct(d.pop("recovery_pct"))

        passed = d.pop("passed")

        reasons = cast(list[str], d.pop("reasons"))

        def _parse_well(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        well = _parse_well(d.pop("well"))

        def _parse_bias_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        bias_pct = _parse_bias_pct(d.pop("bias_pct"))

        qc_evaluation_result = cls(
            nominal=nominal,
            measured=measured,
            recovery_pct=recovery_pct,
            passed=passed,
            reasons=reasons,
            well=well,
            bias_pct=bias_pct,
        )

        qc_evaluation_result.additional_properties = d
        return qc_evaluation_result

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
