from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.analysis_flag import AnalysisFlag
    from ..models.chi_square_test import ChiSquareTest
    from ..models.cox_tests import CoxTests
    from ..models.hazard_ratio import HazardRatio
    from ..models.pairwise_log_rank import PairwiseLogRank
    from ..models.survival_curve import SurvivalCurve
    from ..models.survival_group import SurvivalGroup
    from ..models.survival_subject import SurvivalSubject


T = TypeVar("T", bound="SurvivalAnalysisJobResult")


@_attrs_define
class SurvivalAnalysisJobResult:
    """A survival analysis job's result: the stored analysis and where it is.

    Attributes:
        time_origin (str): `day0`.
        ci_method (str): `log-log`, `log` or `plain`.
        median_rule (str): `midpoint` or `first`.
        groups (list[SurvivalGroup]):
        logrank (ChiSquareTest):
        pairwise (list[PairwiseLogRank]):
        adjustment (str): `holm`.
        hazard_ratios (list[HazardRatio]):
        cox_tests (CoxTests | None):
        curves (list[SurvivalCurve]):
        flags (list[AnalysisFlag]):
        reference (int | None): The reference (control) arm.
        subjects (list[SurvivalSubject]):
        study (int):
        kind (str): `growth`, `survival`, `synergy`, `exposure` or `immune`.
        analysis_id (int): The stored analysis (`GET /analyses/{id}/`).
        version (int):
        analysis_version (str):
        inputs_sha256 (str):
    """

    time_origin: str
    ci_method: str
    median_rule: str
    groups: list[SurvivalGroup]
    logrank: ChiSquareTest
    pairwise: list[PairwiseLogRank]
    adjustment: str
    hazard_ratios: list[HazardRatio]
    cox_tests: CoxTests | None
    curves: list[SurvivalCurve]
    flags: list[AnalysisFlag]
    reference: int | None
    subjects: list[SurvivalSubject]
    study: int
    kind: str
    analysis_id: int
    version: int
    analysis_version: str
    inputs_sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cox_tests import CoxTests  # noqa: PLC0415

        time_origin = self.time_origin

        ci_method = self.ci_method

        median_rule = self.median_rule

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        logrank = self.logrank.to_dict()

        pairwise = []
        for pairwise_item_data in self.pairwise:
            pairwise_item = pairwise_item_data.to_dict()
            pairwise.append(pairwise_item)

        adjustment = self.adjustment

        hazard_ratios = []
        for hazard_ratios_item_data in self.hazard_ratios:
            hazard_ratios_item = hazard_ratios_item_data.to_dict()
            hazard_ratios.append(hazard_ratios_item)

        cox_tests: dict[str, Any] | None
        if isinstance(self.cox_tests, CoxTests):
            cox_tests = self.cox_tests.to_dict()
        else:
            cox_tests = self.cox_tests

        curves = []
        for curves_item_data in self.curves:
            curves_item = curves_item_data.to_dict()
            curves.append(curves_item)

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.to_dict()
            flags.append(flags_item)

        reference: int | None
        reference = self.reference

        subjects = []
        for subjects_item_data in self.subjects:
            subjects_item = subjects_item_data.to_dict()
            subjects.append(subjects_item)

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
                "time_origin": time_origin,
                "ci_method": ci_method,
                "median_rule": median_rule,
                "groups": groups,
                "logrank": logrank,
                "pairwise": pairwise,
                "adjustment": adjustment,
                "hazard_ratios": hazard_ratios,
                "cox_tests": cox_tests,
                "curves": curves,
                "flags": flags,
                "reference": reference,
                "subjects": subjects,
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
        from ..models.analysis_flag import AnalysisFlag  # noqa: PLC0415
        from ..models.chi_square_test import ChiSquareTest  # noqa: PLC0415
        from ..models.cox_tests import CoxTests  # noqa: PLC0415
        from ..models.hazard_ratio import HazardRatio  # noqa: PLC0415
        from ..models.pairwise_log_rank import PairwiseLogRank  # noqa: PLC0415
        from ..models.survival_curve import SurvivalCurve  # noqa: PLC0415
        from ..models.survival_group import SurvivalGroup  # noqa: PLC0415
        from ..models.survival_subject import SurvivalSubject  # noqa: PLC0415

        d = dict(src_dict)
        time_origin = d.pop("time_origin")

        ci_method = d.pop("ci_method")

        median_rule = d.pop("median_rule")

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = SurvivalGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        logrank = ChiSquareTest.from_dict(d.pop("logrank"))

        pairwise = []
        _pairwise = d.pop("pairwise")
        for pairwise_item_data in _pairwise:
            pairwise_item = PairwiseLogRank.from_dict(pairwise_item_data)

            pairwise.append(pairwise_item)

        adjustment = d.pop("adjustment")

        hazard_ratios = []
        _hazard_ratios = d.pop("hazard_ratios")
        for hazard_ratios_item_data in _hazard_ratios:
            hazard_ratios_item = HazardRatio.from_dict(hazard_ratios_item_data)

            hazard_ratios.append(hazard_ratios_item)

        def _parse_cox_tests(data: object) -> CoxTests | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cox_tests_type_1 = CoxTests.from_dict(data)

                return cox_tests_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CoxTests | None, data)

        cox_tests = _parse_cox_tests(d.pop("cox_tests"))

        curves = []
        _curves = d.pop("curves")
        for curves_item_data in _curves:
            curves_item = SurvivalCurve.from_dict(curves_item_data)

            curves.append(curves_item)

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = AnalysisFlag.from_dict(flags_item_data)

            flags.append(flags_item)

        def _parse_reference(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reference = _parse_reference(d.pop("reference"))

        subjects = []
        _subjects = d.pop("subjects")
        for subjects_item_data in _subjects:
            subjects_item = SurvivalSubject.from_dict(subjects_item_data)

            subjects.append(subjects_item)

        study = d.pop("study")

        kind = d.pop("kind")

        analysis_id = d.pop("analysis_id")

        version = d.pop("version")

        analysis_version = d.pop("analysis_version")

        inputs_sha256 = d.pop("inputs_sha256")

        survival_analysis_job_result = cls(
            time_origin=time_origin,
            ci_method=ci_method,
            median_rule=median_rule,
            groups=groups,
            logrank=logrank,
            pairwise=pairwise,
            adjustment=adjustment,
            hazard_ratios=hazard_ratios,
            cox_tests=cox_tests,
            curves=curves,
            flags=flags,
            reference=reference,
            subjects=subjects,
            study=study,
            kind=kind,
            analysis_id=analysis_id,
            version=version,
            analysis_version=analysis_version,
            inputs_sha256=inputs_sha256,
        )

        survival_analysis_job_result.additional_properties = d
        return survival_analysis_job_result

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
