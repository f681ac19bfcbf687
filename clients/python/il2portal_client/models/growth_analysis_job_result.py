from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.analysis_flag import AnalysisFlag
    from ..models.animal_growth import AnimalGrowth
    from ..models.growth_group import GrowthGroup
    from ..models.growth_statistics import GrowthStatistics
    from ..models.mixed_model import MixedModel
    from ..models.response_criteria import ResponseCriteria
    from ..models.tgi_day import TgiDay


T = TypeVar("T", bound="GrowthAnalysisJobResult")


@_attrs_define
class GrowthAnalysisJobResult:
    """A growth analysis job's result: the stored analysis and where it is.

    Attributes:
        control_group (int | None):
        control_name (None | str):
        baseline_day (float | None):
        mean (str): `arithmetic` or `geometric`.
        log_offset (float | None):
        tgd_volume_mm3 (float | None):
        tgd_method (str):
        mean_curve_min_fraction (float | None):
        tgi_min_control_n (int):
        groups (list[GrowthGroup]):
        tgi (list[TgiDay]):
        animals (list[AnimalGrowth]):
        response_criteria (ResponseCriteria):
        flags (list[AnalysisFlag]):
        analysis_version (str):
        time_origin (str): `day0`.
        statistics (GrowthStatistics):
        mixed_model (MixedModel): Linear mixed model of log10 volume with day × treatment (random intercept and slope
            per animal).
        study (int):
        kind (str): `growth`, `survival`, `synergy`, `exposure` or `immune`.
        analysis_id (int): The stored analysis (`GET /analyses/{id}/`).
        version (int):
        inputs_sha256 (str):
    """

    control_group: int | None
    control_name: None | str
    baseline_day: float | None
    mean: str
    log_offset: float | None
    tgd_volume_mm3: float | None
    tgd_method: str
    mean_curve_min_fraction: float | None
    tgi_min_control_n: int
    groups: list[GrowthGroup]
    tgi: list[TgiDay]
    animals: list[AnimalGrowth]
    response_criteria: ResponseCriteria
    flags: list[AnalysisFlag]
    analysis_version: str
    time_origin: str
    statistics: GrowthStatistics
    mixed_model: MixedModel
    study: int
    kind: str
    analysis_id: int
    version: int
    inputs_sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        control_group: int | None
        control_group = self.control_group

        control_name: None | str
        control_name = self.control_name

        baseline_day: float | None
        baseline_day = self.baseline_day

        mean = self.mean

        log_offset: float | None
        log_offset = self.log_offset

        tgd_volume_mm3: float | None
        tgd_volume_mm3 = self.tgd_volume_mm3

        tgd_method = self.tgd_method

        mean_curve_min_fraction: float | None
        mean_curve_min_fraction = self.mean_curve_min_fraction

        tgi_min_control_n = self.tgi_min_control_n

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        tgi = []
        for tgi_item_data in self.tgi:
            tgi_item = tgi_item_data.to_dict()
            tgi.append(tgi_item)

        animals = []
        for animals_item_data in self.animals:
            animals_item = animals_item_data.to_dict()
            animals.append(animals_item)

        response_criteria = self.response_criteria.to_dict()

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.to_dict()
            flags.append(flags_item)

        analysis_version = self.analysis_version

        time_origin = self.time_origin

        statistics = self.statistics.to_dict()

        mixed_model = self.mixed_model.to_dict()

        study = self.study

        kind = self.kind

        analysis_id = self.analysis_id

        version = self.version

        inputs_sha256 = self.inputs_sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "control_group": control_group,
                "control_name": control_name,
                "baseline_day": baseline_day,
                "mean": mean,
                "log_offset": log_offset,
                "tgd_volume_mm3": tgd_volume_mm3,
                "tgd_method": tgd_method,
                "mean_curve_min_fraction": mean_curve_min_fraction,
                "tgi_min_control_n": tgi_min_control_n,
                "groups": groups,
                "tgi": tgi,
                "animals": animals,
                "response_criteria": response_criteria,
                "flags": flags,
                "analysis_version": analysis_version,
                "time_origin": time_origin,
                "statistics": statistics,
                "mixed_model": mixed_model,
                "study": study,
                "kind": kind,
                "analysis_id": analysis_id,
                "version": version,
                "inputs_sha256": inputs_sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analysis_flag import AnalysisFlag  # noqa: PLC0415
        from ..models.animal_growth import AnimalGrowth  # noqa: PLC0415
        from ..models.growth_group import GrowthGroup  # noqa: PLC0415
        from ..models.growth_statistics import GrowthStatistics  # noqa: PLC0415
        from ..models.mixed_model import MixedModel  # noqa: PLC0415
        from ..models.response_criteria import ResponseCriteria  # noqa: PLC0415
        from ..models.tgi_day import TgiDay  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_control_group(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        control_group = _parse_control_group(d.pop("control_group"))

        def _parse_control_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        control_name = _parse_control_name(d.pop("control_name"))

        def _parse_baseline_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        baseline_day = _parse_baseline_day(d.pop("baseline_day"))

        mean = d.pop("mean")

        def _parse_log_offset(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_offset = _parse_log_offset(d.pop("log_offset"))

        def _parse_tgd_volume_mm3(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        tgd_volume_mm3 = _parse_tgd_volume_mm3(d.pop("tgd_volume_mm3"))

        tgd_method = d.pop("tgd_method")

        def _parse_mean_curve_min_fraction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_curve_min_fraction = _parse_mean_curve_min_fraction(d.pop("mean_curve_min_fraction"))

        tgi_min_control_n = d.pop("tgi_min_control_n")

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = GrowthGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        tgi = []
        _tgi = d.pop("tgi")
        for tgi_item_data in _tgi:
            tgi_item = TgiDay.from_dict(tgi_item_data)

            tgi.append(tgi_item)

        animals = []
        _animals = d.pop("animals")
        for animals_item_data in _animals:
            animals_item = AnimalGrowth.from_dict(animals_item_data)

            animals.append(animals_item)

        response_criteria = ResponseCriteria.from_dict(d.pop("response_criteria"))

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = AnalysisFlag.from_dict(flags_item_data)

            flags.append(flags_item)

        analysis_version = d.pop("analysis_version")

        time_origin = d.pop("time_origin")

        statistics = GrowthStatistics.from_dict(d.pop("statistics"))

        mixed_model = MixedModel.from_dict(d.pop("mixed_model"))

        study = d.pop("study")

        kind = d.pop("kind")

        analysis_id = d.pop("analysis_id")

        version = d.pop("version")

        inputs_sha256 = d.pop("inputs_sha256")

        growth_analysis_job_result = cls(
            control_group=control_group,
            control_name=control_name,
            baseline_day=baseline_day,
            mean=mean,
            log_offset=log_offset,
            tgd_volume_mm3=tgd_volume_mm3,
            tgd_method=tgd_method,
            mean_curve_min_fraction=mean_curve_min_fraction,
            tgi_min_control_n=tgi_min_control_n,
            groups=groups,
            tgi=tgi,
            animals=animals,
            response_criteria=response_criteria,
            flags=flags,
            analysis_version=analysis_version,
            time_origin=time_origin,
            statistics=statistics,
            mixed_model=mixed_model,
            study=study,
            kind=kind,
            analysis_id=analysis_id,
            version=version,
            inputs_sha256=inputs_sha256,
        )

        growth_analysis_job_result.additional_properties = d
        return growth_analysis_job_result

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
