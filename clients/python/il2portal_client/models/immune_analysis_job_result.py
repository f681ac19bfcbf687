from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.immune_analysis_job_result_panel_item import ImmuneAnalysisJobResultPanelItem
    from ..models.immune_analysis_job_result_readouts_item import ImmuneAnalysisJobResultReadoutsItem
    from ..models.immune_analysis_job_result_response_source import ImmuneAnalysisJobResultResponseSource
    from ..models.immune_analysis_job_result_samples_item import ImmuneAnalysisJobResultSamplesItem


T = TypeVar("T", bound="ImmuneAnalysisJobResult")


@_attrs_define
class ImmuneAnalysisJobResult:
    """An immune-readout analysis job's result: the stored analysis and where it is.

    Attributes:
        method (str): `kruskal_dunn` or `welch_log`.
        control (str): The control arm's name.
        panel (list[ImmuneAnalysisJobResultPanelItem]): [{name, kind, numerator, denominator}]
        readouts (list[ImmuneAnalysisJobResultReadoutsItem]): [{readout, kind, tissue, mice: [{animal_id, arm_id,
            arm_name, value}], comparison: {arms: [{arm_name, n, median, q1, q3}], omnibus: {h, df, p}, vs_control:
            [{arm_name, statistic, p, p_holm}]}, response: {correlation: {n, rho, p}, points}}]
        samples (list[ImmuneAnalysisJobResultSamplesItem]): [{name, animal, tissue, harvest_day, values}]
        response_source (ImmuneAnalysisJobResultResponseSource): {metric, analysis}
        study (int):
        kind (str): `growth`, `survival`, `synergy`, `exposure` or `immune`.
        analysis_id (int): The stored analysis (`GET /analyses/{id}/`).
        version (int):
        analysis_version (str):
        inputs_sha256 (str):
    """

    method: str
    control: str
    panel: list[ImmuneAnalysisJobResultPanelItem]
    readouts: list[ImmuneAnalysisJobResultReadoutsItem]
    samples: list[ImmuneAnalysisJobResultSamplesItem]
    response_source: ImmuneAnalysisJobResultResponseSource
    study: int
    kind: str
    analysis_id: int
    version: int
    analysis_version: str
    inputs_sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        control = self.control

        panel = []
        for panel_item_data in self.panel:
            panel_item = panel_item_data.to_dict()
            panel.append(panel_item)

        readouts = []
        for readouts_item_data in self.readouts:
            readouts_item = readouts_item_data.to_dict()
            readouts.append(readouts_item)

        samples = []
        for samples_item_data in self.samples:
            samples_item = samples_item_data.to_dict()
            samples.append(samples_item)

        response_source = self.response_source.to_dict()

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
                "method": method,
                "control": control,
                "panel": panel,
                "readouts": readouts,
                "samples": samples,
                "response_source": response_source,
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
        from ..models.immune_analysis_job_result_panel_item import ImmuneAnalysisJobResultPanelItem  # noqa: PLC0415
        from ..models.immune_analysis_job_result_readouts_item import ImmuneAnalysisJobResultReadoutsItem  # noqa: PLC0415
        from ..models.immune_analysis_job_result_response_source import ImmuneAnalysisJobResultResponseSource  # noqa: PLC0415
        from ..models.immune_analysis_job_result_samples_item import ImmuneAnalysisJobResultSamplesItem  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method")

        control = d.pop("control")

        panel = []
        _panel = d.pop("panel")
        for panel_item_data in _panel:
            panel_item = ImmuneAnalysisJobResultPanelItem.from_dict(panel_item_data)

            panel.append(panel_item)

        readouts = []
        _readouts = d.pop("readouts")
        for readouts_item_data in _readouts:
            readouts_item = ImmuneAnalysisJobResultReadoutsItem.from_dict(readouts_item_data)

            readouts.append(readouts_item)

        samples = []
        _samples = d.pop("samples")
        for samples_item_data in _samples:
            samples_item = ImmuneAnalysisJobResultSamplesItem.from_dict(samples_item_data)

            samples.append(samples_item)

        response_source = ImmuneAnalysisJobResultResponseSource.from_dict(d.pop("response_source"))

        study = d.pop("study")

        kind = d.pop("kind")

        analysis_id = d.pop("analysis_id")

        version = d.pop("version")

        analysis_version = d.pop("analysis_version")

        inputs_sha256 = d.pop("inputs_sha256")

        immune_analysis_job_result = cls(
            method=method,
            control=control,
            panel=panel,
            readouts=readouts,
            samples=samples,
            response_source=response_source,
            study=study,
            kind=kind,
            analysis_id=analysis_id,
            version=version,
            analysis_version=analysis_version,
            inputs_sha256=inputs_sha256,
        )

        immune_analysis_job_result.additional_properties = d
        return immune_analysis_job_result

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
