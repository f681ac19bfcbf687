from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status_enum import JobStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.review import Review
    from ..models.run_analysis_result import RunAnalysisResult


T = TypeVar("T", bound="RunVersion")


@_attrs_define
class RunVersion:
    """
    Attributes:
        version (int):
        result (None | RunAnalysisResult): Null until the analysis has succeeded.
        job (int | None):
        created_at (datetime.datetime):
        created_by (None | str):
        review (None | Review): Review status and every signature of this version; null if never submitted.
        status (JobStatusEnum | Unset): * `queued` - Queued
            * `running` - Running
            * `succeeded` - Succeeded
            * `failed` - Failed
        settings (Any | Unset):
        excluded_wells (Any | Unset):
        reason (str | Unset):
        error (str | Unset):
        analysis_version (str | Unset):
        inputs_sha256 (str | Unset):
    """

    version: int
    result: None | RunAnalysisResult
    job: int | None
    created_at: datetime.datetime
    created_by: None | str
    review: None | Review
    status: JobStatusEnum | Unset = UNSET
    settings: Any | Unset = UNSET
    excluded_wells: Any | Unset = UNSET
    reason: str | Unset = UNSET
    error: str | Unset = UNSET
    analysis_version: str | Unset = UNSET
    inputs_sha256: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.review import Review  # noqa: PLC0415
        from ..models.run_analysis_result import RunAnalysisResult  # noqa: PLC0415

        version = self.version

        result: dict[str, Any] | None
        if isinstance(self.result, RunAnalysisResult):
            result = self.result.to_dict()
        else:
            result = self.result

        job: int | None
        job = self.job

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        review: dict[str, Any] | None
        if isinstance(self.review, Review):
            review = self.review.to_dict()
        else:
            review = self.review

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        settings = self.settings

        excluded_wells = self.excluded_wells

        reason = self.reason

        error = self.error

        analysis_version = self.analysis_version

        inputs_sha256 = self.inputs_sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "result": result,
                "job": job,
                "created_at": created_at,
                "created_by": created_by,
                "review": review,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if settings is not UNSET:
            field_dict["settings"] = settings
        if excluded_wells is not UNSET:
            field_dict["excluded_wells"] = excluded_wells
        if reason is not UNSET:
            field_dict["reason"] = reason
        if error is not UNSET:
            field_dict["error"] = error
        if analysis_version is not UNSET:
            field_dict["analysis_version"] = analysis_version
        if inputs_sha256 is not UNSET:
            field_dict["inputs_sha256"] = inputs_sha256

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review import Review  # noqa: PLC0415
        from ..models.run_analysis_result import RunAnalysisResult  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        def _parse_result(data: object) -> None | RunAnalysisResult:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_1 = RunAnalysisResult.from_dict(data)

                return result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunAnalysisResult, data)

        result = _parse_result(d.pop("result"))

        def _parse_job(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        job = _parse_job(d.pop("job"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_review(data: object) -> None | Review:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_1 = Review.from_dict(data)

                return review_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Review, data)

        review = _parse_review(d.pop("review"))

        _status = d.pop("status", UNSET)
        status: JobStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = JobStatusEnum(_status)

        settings = d.pop("settings", UNSET)

        excluded_wells = d.pop("excluded_wells", UNSET)

        reason = d.pop("reason", UNSET)

        error = d.pop("error", UNSET)

        analysis_version = d.pop("analysis_version", UNSET)

        inputs_sha256 = d.pop("inputs_sha256", UNSET)

        run_version = cls(
            version=version,
            result=result,
            job=job,
            created_at=created_at,
            created_by=created_by,
            review=review,
            status=status,
            settings=settings,
            excluded_wells=excluded_wells,
            reason=reason,
            error=error,
            analysis_version=analysis_version,
            inputs_sha256=inputs_sha256,
        )

        run_version.additional_properties = d
        return run_version

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
