from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status_enum import JobStatusEnum

if TYPE_CHECKING:
    from ..models.curve_fit import CurveFit
    from ..models.dashboard_refresh_job_result import DashboardRefreshJobResult
    from ..models.exposure_analysis_job_result import ExposureAnalysisJobResult
    from ..models.flow_fcs_job_result import FlowFcsJobResult
    from ..models.growth_analysis_job_result import GrowthAnalysisJobResult
    from ..models.immune_analysis_job_result import ImmuneAnalysisJobResult
    from ..models.run_analysis_job_result import RunAnalysisJobResult
    from ..models.survival_analysis_job_result import SurvivalAnalysisJobResult
    from ..models.synergy_analysis_job_result import SynergyAnalysisJobResult


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """One piece of long work. Every call that starts a job answers with this (202, or 200 after a
    ``wait``), and ``GET /jobs/{id}/`` (its ``url``) polls it.

        Attributes:
            id (int):
            url (str): The job's URL to poll (also the `Location` header).
            lab (int):
            kind (str):
            status (JobStatusEnum): * `queued` - Queued
                * `running` - Running
                * `succeeded` - Succeeded
                * `failed` - Failed
            error (str):
            result (CurveFit | DashboardRefreshJobResult | ExposureAnalysisJobResult | FlowFcsJobResult |
                GrowthAnalysisJobResult | ImmuneAnalysisJobResult | None | RunAnalysisJobResult | SurvivalAnalysisJobResult |
                SynergyAnalysisJobResult): Null until the job has succeeded; then the component of its `kind`.
            params (Any):
            attempts (int):
            created_by (None | str):
            created_at (datetime.datetime):
            started_at (datetime.datetime | None):
            finished_at (datetime.datetime | None):
            duration_s (float | None):
            run (int | None): The assay run a run analysis computes; else null.
            study (int | None): The study a study analysis computes; else null.
            version (int | None): The result version the job computes: a run's at once, a study analysis's once it has
                succeeded; else null.
    """

    id: int
    url: str
    lab: int
    kind: str
    status: JobStatusEnum
    error: str
    result: (
        CurveFit
        | DashboardRefreshJobResult
        | ExposureAnalysisJobResult
        | FlowFcsJobResult
        | GrowthAnalysisJobResult
        | ImmuneAnalysisJobResult
        | None
        | RunAnalysisJobResult
        | SurvivalAnalysisJobResult
        | SynergyAnalysisJobResult
    )
    params: Any
    attempts: int
    created_by: None | str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    duration_s: float | None
    run: int | None
    study: int | None
    version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.curve_fit import CurveFit  # noqa: PLC0415
        from ..models.dashboard_refresh_job_result import DashboardRefreshJobResult  # noqa: PLC0415
        from ..models.exposure_analysis_job_result import ExposureAnalysisJobResult  # noqa: PLC0415
        from ..models.flow_fcs_job_result import FlowFcsJobResult  # noqa: PLC0415
        from ..models.growth_analysis_job_result import GrowthAnalysisJobResult  # noqa: PLC0415
        from ..models.immune_analysis_job_result import ImmuneAnalysisJobResult  # noqa: PLC0415
        from ..models.run_analysis_job_result import RunAnalysisJobResult  # noqa: PLC0415
        from ..models.survival_analysis_job_result import SurvivalAnalysisJobResult  # noqa: PLC0415
        from ..models.synergy_analysis_job_result import SynergyAnalysisJobResult  # noqa: PLC0415

        id = self.id

        url = self.url

        lab = self.lab

        kind = self.kind

        status = self.status.value

        error = self.error

        result: dict[str, Any] | None
        if isinstance(self.result, RunAnalysisJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, CurveFit):
            result = self.result.to_dict()
        elif isinstance(self.result, SurvivalAnalysisJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, GrowthAnalysisJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, SynergyAnalysisJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, ImmuneAnalysisJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, FlowFcsJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, ExposureAnalysisJobResult):
            result = self.result.to_dict()
        elif isinstance(self.result, DashboardRefreshJobResult):
            result = self.result.to_dict()
        else:
            result = self.result

        params = self.params

        attempts = self.attempts

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        duration_s: float | None
        duration_s = self.duration_s

        run: int | None
        run = self.run

        study: int | None
        study = self.study

        version: int | None
        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "lab": lab,
                "kind": kind,
                "status": status,
                "error": error,
                "result": result,
                "params": params,
                "attempts": attempts,
                "created_by": created_by,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
                "duration_s": duration_s,
                "run": run,
                "study": study,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_fit import CurveFit  # noqa: PLC0415
        from ..models.dashboard_refresh_job_result import DashboardRefreshJobResult  # noqa: PLC0415
        from ..models.exposure_analysis_job_result import ExposureAnalysisJobResult  # noqa: PLC0415
        from ..models.flow_fcs_job_result import FlowFcsJobResult  # noqa: PLC0415
        from ..models.growth_analysis_job_result import GrowthAnalysisJobResult  # noqa: PLC0415
        from ..models.immune_analysis_job_result import ImmuneAnalysisJobResult  # noqa: PLC0415
        from ..models.run_analysis_job_result import RunAnalysisJobResult  # noqa: PLC0415
        from ..models.survival_analysis_job_result import SurvivalAnalysisJobResult  # noqa: PLC0415
        from ..models.synergy_analysis_job_result import SynergyAnalysisJobResult  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        lab = d.pop("lab")

        kind = d.pop("kind")

        status = JobStatusEnum(d.pop("status"))

        error = d.pop("error")

        def _parse_result(
            data: object,
        ) -> (
            CurveFit
            | DashboardRefreshJobResult
            | ExposureAnalysisJobResult
            | FlowFcsJobResult
            | GrowthAnalysisJobResult
            | ImmuneAnalysisJobResult
            | None
            | RunAnalysisJobResult
            | SurvivalAnalysisJobResult
            | SynergyAnalysisJobResult
        ):
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_0 = RunAnalysisJobResult.from_dict(data)

                return componentsschemas_job_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_1 = CurveFit.from_dict(data)

                return componentsschemas_job_result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_2 = SurvivalAnalysisJobResult.from_dict(data)

                return componentsschemas_job_result_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_3 = GrowthAnalysisJobResult.from_dict(data)

                return componentsschemas_job_result_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_4 = SynergyAnalysisJobResult.from_dict(data)

                return componentsschemas_job_result_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_5 = ImmuneAnalysisJobResult.from_dict(data)

                return componentsschemas_job_result_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_6 = FlowFcsJobResult.from_dict(data)

                return componentsschemas_job_result_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_7 = ExposureAnalysisJobResult.from_dict(data)

                return componentsschemas_job_result_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_result_type_8 = DashboardRefreshJobResult.from_dict(data)

                return componentsschemas_job_result_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                CurveFit
                | DashboardRefreshJobResult
                | ExposureAnalysisJobResult
                | FlowFcsJobResult
                | GrowthAnalysisJobResult
                | ImmuneAnalysisJobResult
                | None
                | RunAnalysisJobResult
                | SurvivalAnalysisJobResult
                | SynergyAnalysisJobResult,
                data,
            )

        result = _parse_result(d.pop("result"))

        params = d.pop("params")

        attempts = d.pop("attempts")

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        def _parse_duration_s(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration_s = _parse_duration_s(d.pop("duration_s"))

        def _parse_run(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        run = _parse_run(d.pop("run"))

        def _parse_study(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        study = _parse_study(d.pop("study"))

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))

        job = cls(
            id=id,
            url=url,
            lab=lab,
            kind=kind,
            status=status,
            error=error,
            result=result,
            params=params,
            attempts=attempts,
            created_by=created_by,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            duration_s=duration_s,
            run=run,
            study=study,
            version=version,
        )

        job.additional_properties = d
        return job

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
