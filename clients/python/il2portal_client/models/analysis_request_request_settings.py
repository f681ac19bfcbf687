from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AnalysisRequestRequestSettings")


@_attrs_define
class AnalysisRequestRequestSettings:
    """growth: baseline_day, mean, log_offset, tgd_volume_mm3, tgd_method, response_criteria, mean_curve_min_pct (default:
    the study's), tgi_min_control_n (default 3); survival: ci_method, median_rule (midpoint | first), pairwise,
    at_risk_step; exposure: response (growth_rate: the synergy model's per-animal rate, best_response_pct: the growth
    analysis's best % change; default the first when a synergy analysis is stored); synergy: roles {control, a, b,
    combination} (arm names; default recognised from the arms' treatments), t0 (default the arms' dosing start day),
    min_day.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        analysis_request_request_settings = cls()

        analysis_request_request_settings.additional_properties = d
        return analysis_request_request_settings

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
