from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lot_release_result import LotReleaseResult


T = TypeVar("T", bound="LotRelease")


@_attrs_define
class LotRelease:
    """
    Attributes:
        id (int):
        lab (int):
        lot (int):
        lot_number (str):
        test_article (int):
        version (int):
        cell_line (None | str):
        inputs (Any):
        settings (Any):
        result (LotReleaseResult): assays.analysis.monitoring.LotRelease: {n_runs, n_included, n_excluded, min_runs,
            log_base, level, included: [{run, log10_rp, se_log10_rp, df, rp_pct, weight_pct}], excluded: [{run, reason,
            log10_rp, rp_pct}], homogeneity: {test, chi2, df, p_value, alpha, homogeneous}, method, method_basis,
            reportable: {method, log10_rp, se_log10_rp, df, t, ci_log10, rp_pct, ci_pct, weights_pct, between_run_variance},
            estimates, specification: {low_pct, high_pct, passes, ci_within}}
        passed (bool | None):
        analysis_version (str):
        inputs_sha256 (str):
        reason (str):
        created_at (datetime.datetime):
        created_by (None | str):
    """

    id: int
    lab: int
    lot: int
    lot_number: str
    test_article: int
    version: int
    cell_line: None | str
    inputs: Any
    settings: Any
    result: LotReleaseResult
    passed: bool | None
    analysis_version: str
    inputs_sha256: str
    reason: str
    created_at: datetime.datetime
    created_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        lot = self.lot

        lot_number = self.lot_number

        test_article = self.test_article

        version = self.version

        cell_line: None | str
        cell_line = self.cell_line

        inputs = self.inputs

        settings = self.settings

        result = self.result.to_dict()

        passed: bool | None
        passed = self.passed

        analysis_version = self.analysis_version

        inputs_sha256 = self.inputs_sha256

        reason = self.reason

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "lot": lot,
                "lot_number": lot_number,
                "test_article": test_article,
                "version": version,
                "cell_line": cell_line,
                "inputs": inputs,
                "settings": settings,
                "result": result,
                "passed": passed,
                "analysis_version": analysis_version,
                "inputs_sha256": inputs_sha256,
                "reason": reason,
                "created_at": created_at,
                "created_by": created_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lot_release_result import LotReleaseResult  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        lot = d.pop("lot")

        lot_number = d.pop("lot_number")

        test_article = d.pop("test_article")

        version = d.pop("version")

        def _parse_cell_line(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cell_line = _parse_cell_line(d.pop("cell_line"))

        inputs = d.pop("inputs")

        settings = d.pop("settings")

        result = LotReleaseResult.from_dict(d.pop("result"))

        def _parse_passed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        passed = _parse_passed(d.pop("passed"))

        analysis_version = d.pop("analysis_version")

        inputs_sha256 = d.pop("inputs_sha256")

        reason = d.pop("reason")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        lot_release = cls(
            id=id,
            lab=lab,
            lot=lot,
            lot_number=lot_number,
            test_article=test_article,
            version=version,
            cell_line=cell_line,
            inputs=inputs,
            settings=settings,
            result=result,
            passed=passed,
            analysis_version=analysis_version,
            inputs_sha256=inputs_sha256,
            reason=reason,
            created_at=created_at,
            created_by=created_by,
        )

        lot_release.additional_properties = d
        return lot_release

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
