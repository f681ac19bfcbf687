from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.synergy_analysis_job_result_animals_item import SynergyAnalysisJobResultAnimalsItem
    from ..models.synergy_analysis_job_result_diagnostics import SynergyAnalysisJobResultDiagnostics
    from ..models.synergy_analysis_job_result_growth import SynergyAnalysisJobResultGrowth
    from ..models.synergy_analysis_job_result_post_hoc_power import SynergyAnalysisJobResultPostHocPower
    from ..models.synergy_analysis_job_result_roles import SynergyAnalysisJobResultRoles
    from ..models.synergy_analysis_job_result_sample_size import SynergyAnalysisJobResultSampleSize
    from ..models.synergy_analysis_job_result_synergy import SynergyAnalysisJobResultSynergy


T = TypeVar("T", bound="SynergyAnalysisJobResult")


@_attrs_define
class SynergyAnalysisJobResult:
    """A synergy analysis job's result: the stored analysis and where it is.

    Attributes:
        roles (SynergyAnalysisJobResultRoles): {control, a, b, combination, recognised}: arm names
        growth (SynergyAnalysisJobResultGrowth): {arms: [{role, arm, rate, se, ci95, n_animals, n_observations}],
            sd_random_slope, sd_random_slope_relative, sd_residual, reml_log_likelihood, t0, last_day, excluded, model,
            units}
        synergy (SynergyAnalysisJobResultSynergy): {t0, min_day, hsa_arm, days: [{day, time, n_animals, rates, rate_se,
            bliss: {delta, se, z, p, combination_index, combination_index_ci95, synergy_score, synergy_score_ci95}, hsa:
            {…}, note}]}
        diagnostics (SynergyAnalysisJobResultDiagnostics): {residuals, qq_residuals, random_slopes: [{animal, arm,
            random_slope, theoretical, cook_distance, influential}], cook_threshold, influential, shapiro_p_residuals,
            shapiro_p_random_slopes}
        post_hoc_power (SynergyAnalysisJobResultPostHocPower): {reference, day, alpha, n_sim, seed, power, power_mc_se,
            power_analytic}
        sample_size (SynergyAnalysisJobResultSampleSize): {curve: [{n_per_arm, power, power_analytic}], n_for_target,
            target, n_sim, seed}
        animals (list[SynergyAnalysisJobResultAnimalsItem]): [{animal, arm, random_slope, growth_rate}] (ln units/day)
        analysis_version (str):
        study (int):
        kind (str): `growth`, `survival`, `synergy`, `exposure` or `immune`.
        analysis_id (int): The stored analysis (`GET /analyses/{id}/`).
        version (int):
        inputs_sha256 (str):
    """

    roles: SynergyAnalysisJobResultRoles
    growth: SynergyAnalysisJobResultGrowth
    synergy: SynergyAnalysisJobResultSynergy
    diagnostics: SynergyAnalysisJobResultDiagnostics
    post_hoc_power: SynergyAnalysisJobResultPostHocPower
    sample_size: SynergyAnalysisJobResultSampleSize
    animals: list[SynergyAnalysisJobResultAnimalsItem]
    analysis_version: str
    study: int
    kind: str
    analysis_id: int
    version: int
    inputs_sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        roles = self.roles.to_dict()

        growth = self.growth.to_dict()

        synergy = self.synergy.to_dict()

        diagnostics = self.diagnostics.to_dict()

        post_hoc_power = self.post_hoc_power.to_dict()

        sample_size = self.sample_size.to_dict()

        animals = []
        for animals_item_data in self.animals:
            animals_item = animals_item_data.to_dict()
            animals.append(animals_item)

        analysis_version = self.analysis_version

        study = self.study

        kind = self.kind

        analysis_id = self.analysis_id

        version = self.version

        inputs_sha256 = self.inputs_sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "roles": roles,
                "growth": growth,
                "synergy": synergy,
                "diagnostics": diagnostics,
                "post_hoc_power": post_hoc_power,
                "sample_size": sample_size,
                "animals": animals,
                "analysis_version": analysis_version,
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
        from ..models.synergy_analysis_job_result_animals_item import SynergyAnalysisJobResultAnimalsItem  # noqa: PLC0415
        from ..models.synergy_analysis_job_result_diagnostics import SynergyAnalysisJobResultDiagnostics  # noqa: PLC0415
        from ..models.synergy_analysis_job_result_growth import SynergyAnalysisJobResultGrowth  # noqa: PLC0415
        from ..models.synergy_analysis_job_result_post_hoc_power import SynergyAnalysisJobResultPostHocPower  # noqa: PLC0415
        from ..models.synergy_analysis_job_result_roles import SynergyAnalysisJobResultRoles  # noqa: PLC0415
        from ..models.synergy_analysis_job_result_sample_size import SynergyAnalysisJobResultSampleSize  # noqa: PLC0415
        from ..models.synergy_analysis_job_result_synergy import SynergyAnalysisJobResultSynergy  # noqa: PLC0415

        d = dict(src_dict)
        roles = SynergyAnalysisJobResultRoles.from_dict(d.pop("roles"))

        growth = SynergyAnalysisJobResultGrowth.from_dict(d.pop("growth"))

        synergy = SynergyAnalysisJobResultSynergy.from_dict(d.pop("synergy"))

        diagnostics = SynergyAnalysisJobResultDiagnostics.from_dict(d.pop("diagnostics"))

        post_hoc_power = SynergyAnalysisJobResultPostHocPower.from_dict(d.pop("post_hoc_power"))

        sample_size = SynergyAnalysisJobResultSampleSize.from_dict(d.pop("sample_size"))

        animals = []
        _animals = d.pop("animals")
        for animals_item_data in _animals:
            animals_item = SynergyAnalysisJobResultAnimalsItem.from_dict(animals_item_data)

            animals.append(animals_item)

        analysis_version = d.pop("analysis_version")

        study = d.pop("study")

        kind = d.pop("kind")

        analysis_id = d.pop("analysis_id")

        version = d.pop("version")

        inputs_sha256 = d.pop("inputs_sha256")

        synergy_analysis_job_result = cls(
            roles=roles,
            growth=growth,
            synergy=synergy,
            diagnostics=diagnostics,
            post_hoc_power=post_hoc_power,
            sample_size=sample_size,
            animals=animals,
            analysis_version=analysis_version,
            study=study,
            kind=kind,
            analysis_id=analysis_id,
            version=version,
            inputs_sha256=inputs_sha256,
        )

        synergy_analysis_job_result.additional_properties = d
        return synergy_analysis_job_result

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
