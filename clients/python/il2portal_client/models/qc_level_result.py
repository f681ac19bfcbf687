from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.qc_well_result import QCWellResult


T = TypeVar("T", bound="QCLevelResult")


@_attrs_define
class QCLevelResult:
    """One QC level; each well is judged on its own (ICH M10).

    Attributes:
        level (str):
        group (str):
        nominal (float | None):
        unit (None | str):
        dilution_factor (float | None):
        wells (list[str]):
        mean_signal (float | None):
        cv_pct (float | None):
        back_calculated (float | None):
        bias_pct (float | None):
        n (int):
        n_passed (int):
        passed (bool):
        results (list[QCWellResult]):
        plate (int | Unset):
    """

    level: str
    group: str
    nominal: float | None
    unit: None | str
    dilution_factor: float | None
    wells: list[str]
    mean_signal: float | None
    cv_pct: float | None
    back_calculated: float | None
    bias_pct: float | None
    n: int
    n_passed: int
    passed: bool
    results: list[QCWellResult]
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        group = self.group

        nominal: float | None
        nominal = self.nominal

        unit: None | str
        unit = self.unit

        dilution_factor: float | None
        dilution_factor = self.dilution_factor

        wells = self.wells

        mean_signal: float | None
        mean_signal = self.mean_signal

        cv_pct: float | None
        cv_pct = self.cv_pct

        back_calculated: float | None
        back_calculated = self.back_calculated

        bias_pct: float | None
        bias_pct = self.bias_pct

        n = self.n

        n_passed = self.n_passed

        passed = self.passed

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "level": level,
                "group": group,
                "nominal": nominal,
                "unit": unit,
                "dilution_factor": dilution_factor,
                "wells": wells,
                "mean_signal": mean_signal,
                "cv_pct": cv_pct,
                "back_calculated": back_calculated,
                "bias_pct": bias_pct,
                "n": n,
                "n_passed": n_passed,
                "passed": passed,
                "results": results,
            }
        )
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.qc_well_result import QCWellResult  # noqa: PLC0415

        d = dict(src_dict)
        level = d.pop("level")

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

        def _parse_dilution_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dilution_factor = _parse_dilution_factor(d.pop("dilution_factor"))

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

        def _parse_bias_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        bias_pct = _parse_bias_pct(d.pop("bias_pct"))

        n = d.pop("n")

        n_passed = d.pop("n_passed")

        passed = d.pop("passed")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = QCWellResult.from_dict(results_item_data)

            results.append(results_item)

        plate = d.pop("plate", UNSET)

        qc_level_result = cls(
            level=level,
            group=group,
            nominal=nominal,
            unit=unit,
            dilution_factor=dilution_factor,
            wells=wells,
            mean_signal=mean_signal,
            cv_pct=cv_pct,
            back_calculated=back_calculated,
            bias_pct=bias_pct,
            n=n,
            n_passed=n_passed,
            passed=passed,
            results=results,
            plate=plate,
        )

        qc_level_result.additional_properties = d
        return qc_level_result

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
