from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.synergy_analysis_animals_item import SynergyAnalysisAnimalsItem
    from ..models.synergy_analysis_diagnostics import SynergyAnalysisDiagnostics
    from ..models.synergy_analysis_growth import SynergyAnalysisGrowth
    from ..models.synergy_analysis_post_hoc_power import SynergyAnalysisPostHocPower
    from ..models.synergy_analysis_roles import SynergyAnalysisRoles
    from ..models.synergy_analysis_sample_size import SynergyAnalysisSampleSize
    from ..models.synergy_analysis_synergy import SynergyAnalysisSynergy


T = TypeVar("T", bound="SynergyAnalysis")


@_attrs_define
class SynergyAnalysis:
    """A combination-synergy analysis (SynergyLMM's model): roles, growth rates per arm, Bliss and HSA
    tests per day, diagnostics, post hoc and a priori power, each mouse's growth rate.

        Attributes:
            roles (SynergyAnalysisRoles): {control, a, b, combination, recognised}: arm names
            growth (SynergyAnalysisGrowth): {arms: [{role, arm, rate, se, ci95, n_animals, n_observations}],
                sd_random_slope, sd_random_slope_relative, sd_residual, reml_log_likelihood, t0, last_day, excluded, model,
                units}
            synergy (SynergyAnalysisSynergy): {t0, min_day, hsa_arm, days: [{day, time, n_animals, rates, rate_se, bliss:
                {delta, se, z, p, combination_index, combination_index_ci95, synergy_score, synergy_score_ci95}, hsa: {…},
                note}]}
            diagnostics (SynergyAnalysisDiagnostics): {residuals, qq_residuals, random_slopes: [{animal, arm, random_slope,
                theoretical, cook_distance, influential}], cook_threshold, influential, shapiro_p_residuals,
                shapiro_p_random_slopes}
            post_hoc_power (SynergyAnalysisPostHocPower): {reference, day, alpha, n_sim, seed, power, power_mc_se,
                power_analytic}
            sample_size (SynergyAnalysisSampleSize): {curve: [{n_per_arm, power, power_analytic}], n_for_target, target,
                n_sim, seed}
            animals (list[SynergyAnalysisAnimalsItem]): [{animal, arm, random_slope, growth_rate}] (ln units/day)
            analysis_version (str):
    """

    roles: SynergyAnalysisRoles
    growth: SynergyAnalysisGrowth
    synergy: SynergyAnalysisSynergy
    diagnostics: SynergyAnalysisDiagnostics
    post_hoc_power: SynergyAnalysisPostHocPower
    sample_size: SynergyAnalysisSampleSize
    animals: list[SynergyAnalysisAnimalsItem]
    analysis_version: str
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
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synergy_analysis_animals_item import SynergyAnalysisAnimalsItem  # noqa: PLC0415
        from ..models.synergy_analysis_diagnostics import SynergyAnalysisDiagnostics  # noqa: PLC0415
        from ..models.synergy_analysis_growth import SynergyAnalysisGrowth  # noqa: PLC0415
        from ..models.synergy_analysis_post_hoc_power import SynergyAnalysisPostHocPower  # noqa: PLC0415
        from ..models.synergy_analysis_roles import SynergyAnalysisRoles  # noqa: PLC0415
        from ..models.synergy_analysis_sample_size import SynergyAnalysisSampleSize  # noqa: PLC0415
        from ..models.synergy_analysis_synergy import SynergyAnalysisSynergy  # noqa: PLC0415

        d = dict(src_dict)
        roles = SynergyAnalysisRoles.from_dict(d.pop("roles"))

        growth = SynergyAnalysisGrowth.from_dict(d.pop("growth"))

        synergy = SynergyAnalysisSynergy.from_dict(d.pop("synergy"))

        diagnostics = SynergyAnalysisDiagnostics.from_dict(d.pop("diagnostics"))

        post_hoc_power = SynergyAnalysisPostHocPower.from_dict(d.pop("post_hoc_power"))

        sample_size = SynergyAnalysisSampleSize.from_dict(d.pop("sample_size"))

        animals = []
        _animals = d.pop("animals")
        for animals_item_data in _animals:
            animals_item = SynergyAnalysisAnimalsItem.from_dict(animals_item_data)

            animals.append(animals_item)

        analysis_version = d.pop("analysis_version")

        synergy_analysis = cls(
            roles=roles,
            growth=growth,
            synergy=synergy,
            diagnostics=diagnostics,
            post_hoc_power=post_hoc_power,
            sample_size=sample_size,
            animals=animals,
            analysis_version=analysis_version,
        )

        synergy_analysis.additional_properties = d
        return synergy_analysis

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
