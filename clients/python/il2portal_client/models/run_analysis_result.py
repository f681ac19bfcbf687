from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.curve_fit import CurveFit
    from ..models.dilution_linearity import DilutionLinearity
    from ..models.kinetic_reduction import KineticReduction
    from ..models.model_selection import ModelSelection
    from ..models.plate_result import PlateResult
    from ..models.potency_estimate import PotencyEstimate
    from ..models.qc_level_result import QCLevelResult
    from ..models.reassay import Reassay
    from ..models.run_qc import RunQC
    from ..models.sample_curve import SampleCurve
    from ..models.sample_result import SampleResult
    from ..models.standard_result import StandardResult


T = TypeVar("T", bound="RunAnalysisResult")


@_attrs_define
class RunAnalysisResult:
    """An assay run's result (API.md "Assay runs"). ELISA results carry ``model_selection``, ``qcs``
    and ``reassay``; bioassay results ``curves`` and ``potency``.

        Attributes:
            curve (CurveFit | None): The (first plate's) standard or reference curve.
            standards (list[StandardResult]):
            samples (list[SampleResult]):
            qc (RunQC):
            analysis_version (str):
            version (int): The result version.
            plates (list[PlateResult] | Unset):
            model_selection (ModelSelection | Unset): Which model was fitted and why; the 4PL-vs-5PL test when one was made.
            qcs (list[QCLevelResult] | Unset):
            reassay (list[Reassay] | Unset): Samples to re-assay at a higher dilution.
            dilution_linearity (list[DilutionLinearity] | Unset): ELISA: samples measured at two or more dilutions.
            curves (list[SampleCurve] | Unset):
            potency (list[PotencyEstimate] | Unset):
            kinetic_reduction (KineticReduction | Unset):
    """

    curve: CurveFit | None
    standards: list[StandardResult]
    samples: list[SampleResult]
    qc: RunQC
    analysis_version: str
    version: int
    plates: list[PlateResult] | Unset = UNSET
    model_selection: ModelSelection | Unset = UNSET
    qcs: list[QCLevelResult] | Unset = UNSET
    reassay: list[Reassay] | Unset = UNSET
    dilution_linearity: list[DilutionLinearity] | Unset = UNSET
    curves: list[SampleCurve] | Unset = UNSET
    potency: list[PotencyEstimate] | Unset = UNSET
    kinetic_reduction: KineticReduction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.curve_fit import CurveFit  # noqa: PLC0415

        curve: dict[str, Any] | None
        if isinstance(self.curve, CurveFit):
            curve = self.curve.to_dict()
        else:
            curve = self.curve

        standards = []
        for standards_item_data in self.standards:
            standards_item = standards_item_data.to_dict()
            standards.append(standards_item)

        samples = []
        for samples_item_data in self.samples:
            samples_item = samples_item_data.to_dict()
            samples.append(samples_item)

        qc = self.qc.to_dict()

        analysis_version = self.analysis_version

        version = self.version

        plates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.plates, Unset):
            plates = []
            for plates_item_data in self.plates:
                plates_item = plates_item_data.to_dict()
                plates.append(plates_item)

        model_selection: dict[str, Any] | Unset = UNSET
        if not isinstance(self.model_selection, Unset):
            model_selection = self.model_selection.to_dict()

        qcs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.qcs, Unset):
            qcs = []
            for qcs_item_data in self.qcs:
                qcs_item = qcs_item_data.to_dict()
                qcs.append(qcs_item)

        reassay: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reassay, Unset):
            reassay = []
            for reassay_item_data in self.reassay:
                reassay_item = reassay_item_data.to_dict()
                reassay.append(reassay_item)

        dilution_linearity: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.dilution_linearity, Unset):
            dilution_linearity = []
            for dilution_linearity_item_data in self.dilution_linearity:
                dilution_linearity_item = dilution_linearity_item_data.to_dict()
                dilution_linearity.append(dilution_linearity_item)

        curves: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.curves, Unset):
            curves = []
            for curves_item_data in self.curves:
                curves_item = curves_item_data.to_dict()
                curves.append(curves_item)

        potency: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.potency, Unset):
            potency = []
            for potency_item_data in self.potency:
                potency_item = potency_item_data.to_dict()
                potency.append(potency_item)

        kinetic_reduction: dict[str, Any] | Unset = UNSET
        if not isinstance(self.kinetic_reduction, Unset):
            kinetic_reduction = self.kinetic_reduction.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "curve": curve,
                "standards": standards,
                "samples": samples,
                "qc": qc,
                "analysis_version": analysis_version,
                "version": version,
            }
        )
        if plates is not UNSET:
            field_dict["plates"] = plates
        if model_selection is not UNSET:
            field_dict["model_selection"] = model_selection
        if qcs is not UNSET:
            field_dict["qcs"] = qcs
        if reassay is not UNSET:
            field_dict["reassay"] = reassay
        if dilution_linearity is not UNSET:
            field_dict["dilution_linearity"] = dilution_linearity
        if curves is not UNSET:
            field_dict["curves"] = curves
        if potency is not UNSET:
            field_dict["potency"] = potency
        if kinetic_reduction is not UNSET:
            field_dict["kinetic_reduction"] = kinetic_reduction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_fit import CurveFit  # noqa: PLC0415
        from ..models.dilution_linearity import DilutionLinearity  # noqa: PLC0415
        from ..models.kinetic_reduction import KineticReduction  # noqa: PLC0415
        from ..models.model_selection import ModelSelection  # noqa: PLC0415
        from ..models.plate_result import PlateResult  # noqa: PLC0415
        from ..models.potency_estimate import PotencyEstimate  # noqa: PLC0415
        from ..models.qc_level_result import QCLevelResult  # noqa: PLC0415
        from ..models.reassay import Reassay  # noqa: PLC0415
        from ..models.run_qc import RunQC  # noqa: PLC0415
        from ..models.sample_curve import SampleCurve  # noqa: PLC0415
        from ..models.sample_result import SampleResult  # noqa: PLC0415
        from ..models.standard_result import StandardResult  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_curve(data: object) -> CurveFit | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                curve_type_1 = CurveFit.from_dict(data)

                return curve_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CurveFit | None, data)

        curve = _parse_curve(d.pop("curve"))

        standards = []
        _standards = d.pop("standards")
        for standards_item_data in _standards:
            standards_item = StandardResult.from_dict(standards_item_data)

            standards.append(standards_item)

        samples = []
        _samples = d.pop("samples")
        for samples_item_data in _samples:
            samples_item = SampleResult.from_dict(samples_item_data)

            samples.append(samples_item)

        qc = RunQC.from_dict(d.pop("qc"))

        analysis_version = d.pop("analysis_version")

        version = d.pop("version")

        _plates = d.pop("plates", UNSET)
        plates: list[PlateResult] | Unset = UNSET
        if _plates is not UNSET:
            plates = []
            for plates_item_data in _plates:
                plates_item = PlateResult.from_dict(plates_item_data)

                plates.append(plates_item)

        _model_selection = d.pop("model_selection", UNSET)
        model_selection: ModelSelection | Unset
        if isinstance(_model_selection, Unset):
            model_selection = UNSET
        else:
            model_selection = ModelSelection.from_dict(_model_selection)

        _qcs = d.pop("qcs", UNSET)
        qcs: list[QCLevelResult] | Unset = UNSET
        if _qcs is not UNSET:
            qcs = []
            for qcs_item_data in _qcs:
                qcs_item = QCLevelResult.from_dict(qcs_item_data)

                qcs.append(qcs_item)

        _reassay = d.pop("reassay", UNSET)
        reassay: list[Reassay] | Unset = UNSET
        if _reassay is not UNSET:
            reassay = []
            for reassay_item_data in _reassay:
                reassay_item = Reassay.from_dict(reassay_item_data)

                reassay.append(reassay_item)

        _dilution_linearity = d.pop("dilution_linearity", UNSET)
        dilution_linearity: list[DilutionLinearity] | Unset = UNSET
        if _dilution_linearity is not UNSET:
            dilution_linearity = []
            for dilution_linearity_item_data in _dilution_linearity:
                dilution_linearity_item = DilutionLinearity.from_dict(dilution_linearity_item_data)

                dilution_linearity.append(dilution_linearity_item)

        _curves = d.pop("curves", UNSET)
        curves: list[SampleCurve] | Unset = UNSET
        if _curves is not UNSET:
            curves = []
            for curves_item_data in _curves:
                curves_item = SampleCurve.from_dict(curves_item_data)

                curves.append(curves_item)

        _potency = d.pop("potency", UNSET)
        potency: list[PotencyEstimate] | Unset = UNSET
        if _potency is not UNSET:
            potency = []
            for potency_item_data in _potency:
                potency_item = PotencyEstimate.from_dict(potency_item_data)

                potency.append(potency_item)

        _kinetic_reduction = d.pop("kinetic_reduction", UNSET)
        kinetic_reduction: KineticReduction | Unset
        if isinstance(_kinetic_reduction, Unset):
            kinetic_reduction = UNSET
        else:
            kinetic_reduction = KineticReduction.from_dict(_kinetic_reduction)

        run_analysis_result = cls(
            curve=curve,
            standards=standards,
            samples=samples,
            qc=qc,
            analysis_version=analysis_version,
            version=version,
            plates=plates,
            model_selection=model_selection,
            qcs=qcs,
            reassay=reassay,
            dilution_linearity=dilution_linearity,
            curves=curves,
            potency=potency,
            kinetic_reduction=kinetic_reduction,
        )

        run_analysis_result.additional_properties = d
        return run_analysis_result

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
