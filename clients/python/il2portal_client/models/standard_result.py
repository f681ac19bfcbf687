from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StandardResult")


@_attrs_define
class StandardResult:
    """
    Attributes:
        group (str):
        nominal (float | None): Nominal concentration (bioassay: the dose).
        unit (None | str):
        wells (list[str]):
        mean_signal (float | None):
        cv_pct (float | None):
        back_calculated (float | None): Concentration read back from the curve (ELISA); null for a bioassay.
        recovery_pct (float | None): 100 × back-calculated / nominal.
        passed (bool | None): Within its acceptance limits; null when not judged (anchors, bioassay).
        anchor (bool | Unset): An anchor point outside the range, not judged (ELISA).
        limit (None | str | Unset): `LLOQ` or `ULOQ` when this level is a limit (ELISA).
        reasons (list[str] | Unset):
        plate (int | Unset):
    """

    group: str
    nominal: float | None
    unit: None | str
    wells: list[str]
    mean_signal: float | None
    cv_pct: float | None
    back_calculated: float | None
    recovery_pct: float | None
    passed: bool | None
    anchor: bool | Unset = UNSET
    limit: None | str | Unset = UNSET
    reasons: list[str] | Unset = UNSET
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        nominal: float | None
        nominal = self.nominal

        unit: None | str
        unit = self.unit

        wells = self.wells

        mean_signal: float | None
        mean_signal = self.mean_signal

        cv_pct: float | None
        cv_pct = self.cv_pct

        back_calculated: float | None
        back_calculated = self.back_calculated

        recovery_pct: float | None
        recovery_pct = self.recovery_pct

        passed: bool | None
        passed = self.passed

        anchor = self.anchor

        limit: None | str | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        reasons: list[str] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = self.reasons

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "nominal": nominal,
                "unit": unit,
                "wells": wells,
                "mean_signal": mean_signal,
                "cv_pct": cv_pct,
                "back_calculated": back_calculated,
                "recovery_pct": recovery_pct,
                "passed": passed,
            }
        )
        if anchor is not UNSET:
            field_dict["anchor"] = anchor
        if limit is not UNSET:
            field_dict["limit"] = limit
        if reasons is not UNSET:
            field_dict["reasons"] = reasons
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        def _parse_nominal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nominal = _parse_nominal(d.pop("nominal"))

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        wells = cast(list[str], d.pop("wells"))

        def _parse_mean_signal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_signal = _parse_mean_signal(d.pop("mean_signal"))

        def _parse_cv_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cv_pct = _parse_cv_pct(d.pop("cv_pct"))

        def _parse_back_calculated(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        back_calculated = _parse_back_calculated(d.pop("back_calculated"))

        def _parse_recovery_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        recovery_pct = _parse_recovery_pct(d.pop("recovery_pct"))

        def _parse_passed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        passed = _parse_passed(d.pop("passed"))

        anchor = d.pop("anchor", UNSET)

        def _parse_limit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        reasons = cast(list[str], d.pop("reasons", UNSET))

        plate = d.pop("plate", UNSET)

        standard_result = cls(
            group=group,
            nominal=nominal,
            unit=unit,
            wells=wells,
            mean_signal=mean_signal,
            cv_pct=cv_pct,
            back_calculated=back_calculated,
            recovery_pct=recovery_pct,
            passed=passed,
            anchor=anchor,
            limit=limit,
            reasons=reasons,
            plate=plate,
        )

        standard_result.additional_properties = d
        return standard_result

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
