from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exposure_analysis import ExposureAnalysis
    from ..models.growth_analysis import GrowthAnalysis
    from ..models.immune_analysis import ImmuneAnalysis
    from ..models.review import Review
    from ..models.survival_analysis import SurvivalAnalysis
    from ..models.synergy_analysis import SynergyAnalysis


T = TypeVar("T", bound="AnalysisResult")


@_attrs_define
class AnalysisResult:
    """
    Attributes:
        id (int):
        lab (int):
        study (int):
        kind (str): growth, survival, synergy, exposure or immune.
        version (int):
        settings (Any):
        analysis_version (str):
        inputs_sha256 (str):
        job (int | None):
        created_by (None | str):
        created_at (datetime.datetime):
        result (ExposureAnalysis | GrowthAnalysis | ImmuneAnalysis | SurvivalAnalysis | SynergyAnalysis):
        review (None | Review): Review status and every signature of this version; null if never submitted.
    """

    id: int
    lab: int
    study: int
    kind: str
    version: int
    settings: Any
    analysis_version: str
    inputs_sha256: str
    job: int | None
    created_by: None | str
    created_at: datetime.datetime
    result: ExposureAnalysis | GrowthAnalysis | ImmuneAnalysis | SurvivalAnalysis | SynergyAnalysis
    review: None | Review
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.exposure_analysis import ExposureAnalysis  # noqa: PLC0415
        from ..models.growth_analysis import GrowthAnalysis  # noqa: PLC0415
        from ..models.review import Review  # noqa: PLC0415
        from ..models.survival_analysis import SurvivalAnalysis  # noqa: PLC0415
        from ..models.synergy_analysis import SynergyAnalysis  # noqa: PLC0415

        id = self.id

        lab = self.lab

        study = self.study

        kind = self.kind

        version = self.version

        settings = self.settings

        analysis_version = self.analysis_version

        inputs_sha256 = self.inputs_sha256

        job: int | None
        job = self.job

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        result: dict[str, Any]
        if isinstance(self.result, SurvivalAnalysis):
            result = self.result.to_dict()
        elif isinstance(self.result, GrowthAnalysis):
            result = self.result.to_dict()
        elif isinstance(self.result, SynergyAnalysis):
            result = self.result.to_dict()
        elif isinstance(self.result, ExposureAnalysis):
            result = self.result.to_dict()
        else:
            result = self.result.to_dict()

        review: dict[str, Any] | None
        if isinstance(self.review, Review):
            review = self.review.to_dict()
        else:
            review = self.review

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "study": study,
                "kind": kind,
                "version": version,
                "settings": settings,
                "analysis_version": analysis_version,
                "inputs_sha256": inputs_sha256,
                "job": job,
                "created_by": created_by,
                "created_at": created_at,
                "result": result,
                "review": review,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exposure_analysis import ExposureAnalysis  # noqa: PLC0415
        from ..models.growth_analysis import GrowthAnalysis  # noqa: PLC0415
        from ..models.immune_analysis import ImmuneAnalysis  # noqa: PLC0415
        from ..models.review import Review  # noqa: PLC0415
        from ..models.survival_analysis import SurvivalAnalysis  # noqa: PLC0415
        from ..models.synergy_analysis import SynergyAnalysis  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        study = d.pop("study")

        kind = d.pop("kind")

        version = d.pop("version")

        settings = d.pop("settings")

        analysis_version = d.pop("analysis_version")

        inputs_sha256 = d.pop("inputs_sha256")

        def _parse_job(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        job = _parse_job(d.pop("job"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_result(
            data: object,
        ) -> ExposureAnalysis | GrowthAnalysis | ImmuneAnalysis | SurvivalAnalysis | SynergyAnalysis:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_study_analysis_result_type_0 = SurvivalAnalysis.from_dict(data)

                return componentsschemas_study_analysis_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_study_analysis_result_type_1 = GrowthAnalysis.from_dict(data)

                return componentsschemas_study_analysis_result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_study_analysis_result_type_2 = SynergyAnalysis.from_dict(data)

                return componentsschemas_study_analysis_result_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_study_analysis_result_type_3 = ExposureAnalysis.from_dict(data)

                return componentsschemas_study_analysis_result_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_study_analysis_result_type_4 = ImmuneAnalysis.from_dict(data)

            return componentsschemas_study_analysis_result_type_4

        result = _parse_result(d.pop("result"))

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

        analysis_result = cls(
            id=id,
            lab=lab,
            study=study,
            kind=kind,
            version=version,
            settings=settings,
            analysis_version=analysis_version,
            inputs_sha256=inputs_sha256,
            job=job,
            created_by=created_by,
            created_at=created_at,
            result=result,
            review=review,
        )

        analysis_result.additional_properties = d
        return analysis_result

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
