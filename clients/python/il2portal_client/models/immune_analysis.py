from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.immune_analysis_panel_item import ImmuneAnalysisPanelItem
    from ..models.immune_analysis_readouts_item import ImmuneAnalysisReadoutsItem
    from ..models.immune_analysis_response_source import ImmuneAnalysisResponseSource
    from ..models.immune_analysis_samples_item import ImmuneAnalysisSamplesItem


T = TypeVar("T", bound="ImmuneAnalysis")


@_attrs_define
class ImmuneAnalysis:
    """Immune readouts of a study's mice (flow cytometry): per readout and tissue, each mouse's value,
    the comparison across arms and the correlation with tumor response.

        Attributes:
            method (str): `kruskal_dunn` or `welch_log`.
            control (str): The control arm's name.
            panel (list[ImmuneAnalysisPanelItem]): [{name, kind, numerator, denominator}]
            readouts (list[ImmuneAnalysisReadoutsItem]): [{readout, kind, tissue, mice: [{animal_id, arm_id, arm_name,
                value}], comparison: {arms: [{arm_name, n, median, q1, q3}], omnibus: {h, df, p}, vs_control: [{arm_name,
                statistic, p, p_holm}]}, response: {correlation: {n, rho, p}, points}}]
            samples (list[ImmuneAnalysisSamplesItem]): [{name, animal, tissue, harvest_day, values}]
            response_source (ImmuneAnalysisResponseSource): {metric, analysis}
    """

    method: str
    control: str
    panel: list[ImmuneAnalysisPanelItem]
    readouts: list[ImmuneAnalysisReadoutsItem]
    samples: list[ImmuneAnalysisSamplesItem]
    response_source: ImmuneAnalysisResponseSource
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
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.immune_analysis_panel_item import ImmuneAnalysisPanelItem  # noqa: PLC0415
        from ..models.immune_analysis_readouts_item import ImmuneAnalysisReadoutsItem  # noqa: PLC0415
        from ..models.immune_analysis_response_source import ImmuneAnalysisResponseSource  # noqa: PLC0415
        from ..models.immune_analysis_samples_item import ImmuneAnalysisSamplesItem  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method")

        control = d.pop("control")

        panel = []
        _panel = d.pop("panel")
        for panel_item_data in _panel:
            panel_item = ImmuneAnalysisPanelItem.from_dict(panel_item_data)

            panel.append(panel_item)

        readouts = []
        _readouts = d.pop("readouts")
        for readouts_item_data in _readouts:
            readouts_item = ImmuneAnalysisReadoutsItem.from_dict(readouts_item_data)

            readouts.append(readouts_item)

        samples = []
        _samples = d.pop("samples")
        for samples_item_data in _samples:
            samples_item = ImmuneAnalysisSamplesItem.from_dict(samples_item_data)

            samples.append(samples_item)

        response_source = ImmuneAnalysisResponseSource.from_dict(d.pop("response_source"))

        immune_analysis = cls(
            method=method,
            control=control,
            panel=panel,
            readouts=readouts,
            samples=samples,
            response_source=response_source,
        )

        immune_analysis.additional_properties = d
        return immune_analysis

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
