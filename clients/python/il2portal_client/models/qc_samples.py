from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.qc_evaluation_result import QCEvaluationResult
    from ..models.qc_level_summary import QCLevelSummary


T = TypeVar("T", bound="QCSamples")


@_attrs_define
class QCSamples:
    """ICH M10 QC totals. A run of several plates gives only the totals (``per_plate``: each plate is
    judged on its own).

        Attributes:
            n (int):
            n_passed (int):
            passed_fraction (float | None):
            accepted (bool):
            reasons (list[str] | Unset):
            results (list[QCEvaluationResult] | Unset):
            levels (list[QCLevelSummary] | Unset):
            per_plate (bool | Unset):
    """

    n: int
    n_passed: int
    passed_fraction: float | None
    accepted: bool
    reasons: list[str] | Unset = UNSET
    results: list[QCEvaluationResult] | Unset = UNSET
    levels: list[QCLevelSummary] | Unset = UNSET
    per_plate: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        n = self.n

        n_passed = self.n_passed

        passed_fraction: float | None
        passed_fraction = self.passed_fraction

        accepted = self.accepted

        reasons: list[str] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = self.reasons

        results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.results, Unset):
            results = []
            for results_item_data in self.results:
                results_item = results_item_data.to_dict()
                results.append(results_item)

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        per_plate = self.per_plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "n": n,
                "n_passed": n_passed,
                "passed_fraction": passed_fraction,
                "accepted": accepted,
            }
        )
        if reasons is not UNSET:
            field_dict["reasons"] = reasons
        if results is not UNSET:
            field_dict["results"] = results
        if levels is not UNSET:
            field_dict["levels"] = levels
        if per_plate is not UNSET:
            field_dict["per_plate"] = per_plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.qc_evaluation_result import QCEvaluationResult  # noqa: PLC0415
        from ..models.qc_level_summary import QCLevelSummary  # noqa: PLC0415

        d = dict(src_dict)
        n = d.pop("n")

        n_passed = d.pop("n_passed")

        def _parse_passed_fraction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        passed_fraction = _parse_passed_fraction(d.pop("passed_fraction"))

        accepted = d.pop("accepted")

        reasons = cast(list[str], d.pop("reasons", UNSET))

        _results = d.pop("results", UNSET)
        results: list[QCEvaluationResult] | Unset = UNSET
        if _results is not UNSET:
            results = []
            for results_item_data in _results:
                results_item = QCEvaluationResult.from_dict(results_item_data)

                results.append(results_item)

        _levels = d.pop("levels", UNSET)
        levels: list[QCLevelSummary] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = QCLevelSummary.from_dict(levels_item_data)

                levels.append(levels_item)

        per_plate = d.pop("per_plate", UNSET)

        qc_samples = cls(
            n=n,
            n_passed=n_passed,
            passed_fraction=passed_fraction,
            accepted=accepted,
            reasons=reasons,
            results=results,
            levels=levels,
            per_plate=per_plate,
        )

        qc_samples.additional_properties = d
        return qc_samples

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
