from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exposure_analysis_job_result_exposure_response_type_0 import (
        ExposureAnalysisJobResultExposureResponseType0,
    )
    from ..models.exposure_analysis_job_result_pk import ExposureAnalysisJobResultPk
    from ..models.exposure_analysis_job_result_response_source import ExposureAnalysisJobResultResponseSource
    from ..models.exposure_analysis_job_result_samples_item import ExposureAnalysisJobResultSamplesItem


T = TypeVar("T", bound="ExposureAnalysisJobResult")


@_attrs_define
class ExposureAnalysisJobResult:
    """A serum exposure analysis job's result: the stored analysis and where it is.

    Attributes:
        pk (ExposureAnalysisJobResultPk): {analysis_version, concentration_unit, time_unit, settings, animals:
            [{animal_id, arm_id, arm_name, n_samples, n_measured, n_below_lloq, cmax, tmax, clast, tlast, auc_last,
            auc_method, lambda_z: {estimable, lambda_z, half_life, adj_r_squared, n_points, span_ratio, reliable, reasons},
            half_life, auc_inf, auc_percent_extrapolated, auc_inf_reliable, flags, points}], arms: [{arm_id, arm_name,
            n_animals, concentration_time: [{nominal_time_h, n, n_measured, n_below_lloq, mean, sd, lloq,
            mostly_below_lloq}], parameters}]}
        exposure_response (ExposureAnalysisJobResultExposureResponseType0 | None): {method: spearman, exposure_metric,
            response_metric, overall: {n, rho, p, flags}, arms: [{arm_name, n, median_exposure, median_response,
            correlation}], points, excluded}; null when fewer than 3 mice have both (exposure_response_error says why)
        exposure_response_error (None | str):
        response_source (ExposureAnalysisJobResultResponseSource): {metric: growth_rate | best_response_pct, analysis:
            'synergy v1'}
        samples (list[ExposureAnalysisJobResultSamplesItem]): The serum samples read, with their concentrations.
        study (int):
        kind (str): `growth`, `survival`, `synergy`, `exposure` or `immune`.
        analysis_id (int): The stored analysis (`GET /analyses/{id}/`).
        version (int):
        analysis_version (str):
        inputs_sha256 (str):
    """

    pk: ExposureAnalysisJobResultPk
    exposure_response: ExposureAnalysisJobResultExposureResponseType0 | None
    exposure_response_error: None | str
    response_source: ExposureAnalysisJobResultResponseSource
    samples: list[ExposureAnalysisJobResultSamplesItem]
    study: int
    kind: str
    analysis_id: int
    version: int
    analysis_version: str
    inputs_sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.exposure_analysis_job_result_exposure_response_type_0 import (
            ExposureAnalysisJobResultExposureResponseType0,  # noqa: PLC0415
        )

        pk = self.pk.to_dict()

        exposure_response: dict[str, Any] | None
        if isinstance(self.exposure_response, ExposureAnalysisJobResultExposureResponseType0):
            exposure_response = self.exposure_response.to_dict()
        else:
            exposure_response = self.exposure_response

        exposure_response_error: None | str
        exposure_response_error = self.exposure_response_error

        response_source = self.response_source.to_dict()

        samples = []
        for samples_item_data in self.samples:
            samples_item = samples_item_data.to_dict()
            samples.append(samples_item)

        study = self.study

        kind = self.kind

        analysis_id = self.analysis_id

        version = self.version

        analysis_version = self.analysis_version

        inputs_sha256 = self.inputs_sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "exposure_response": exposure_response,
                "exposure_response_error": exposure_response_error,
                "response_source": response_source,
                "samples": samples,
                "study": study,
                "kind": kind,
                "analysis_id": analysis_id,
                "version": version,
                "analysis_version": analysis_version,
                "inputs_sha256": inputs_sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exposure_analysis_job_result_exposure_response_type_0 import (
            ExposureAnalysisJobResultExposureResponseType0,  # noqa: PLC0415
        )
        from ..models.exposure_analysis_job_result_pk import ExposureAnalysisJobResultPk  # noqa: PLC0415
        from ..models.exposure_analysis_job_result_response_source import ExposureAnalysisJobResultResponseSource  # noqa: PLC0415
        from ..models.exposure_analysis_job_result_samples_item import ExposureAnalysisJobResultSamplesItem  # noqa: PLC0415

        d = dict(src_dict)
        pk = ExposureAnalysisJobResultPk.from_dict(d.pop("pk"))

        def _parse_exposure_response(data: object) -> ExposureAnalysisJobResultExposureResponseType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                exposure_response_type_0 = ExposureAnalysisJobResultExposureResponseType0.from_dict(data)

                return exposure_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExposureAnalysisJobResultExposureResponseType0 | None, data)

        exposure_response = _parse_exposure_response(d.pop("exposure_response"))

        def _parse_exposure_response_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exposure_response_error = _parse_exposure_response_error(d.pop("exposure_response_error"))

        response_source = ExposureAnalysisJobResultResponseSource.from_dict(d.pop("response_source"))

        samples = []
        _samples = d.pop("samples")
        for samples_item_data in _samples:
            samples_item = ExposureAnalysisJobResultSamplesItem.from_dict(samples_item_data)

            samples.append(samples_item)

        study = d.pop("study")

        kind = d.pop("kind")

        analysis_id = d.pop("analysis_id")

        version = d.pop("version")

        analysis_version = d.pop("analysis_version")

        inputs_sha256 = d.pop("inputs_sha256")

        exposure_analysis_job_result = cls(
            pk=pk,
            exposure_response=exposure_response,
            exposure_response_error=exposure_response_error,
            response_source=response_source,
            samples=samples,
            study=study,
            kind=kind,
            analysis_id=analysis_id,
            version=version,
            analysis_version=analysis_version,
            inputs_sha256=inputs_sha256,
        )

        exposure_analysis_job_result.additional_properties = d
        return exposure_analysis_job_result

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
