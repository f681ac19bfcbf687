from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.analysis_request_kind_enum import AnalysisRequestKindEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.analysis_request_request_settings import AnalysisRequestRequestSettings


T = TypeVar("T", bound="AnalysisRequestRequest")


@_attrs_define
class AnalysisRequestRequest:
    """
    Attributes:
        kind (AnalysisRequestKindEnum): * `growth` - growth
            * `survival` - survival
            * `synergy` - combination synergy
            * `exposure` - serum exposure
            * `immune` - immune readouts
        settings (AnalysisRequestRequestSettings | Unset): growth: baseline_day, mean, log_offset, tgd_volume_mm3,
            tgd_method, response_criteria, mean_curve_min_pct (default: the study's), tgi_min_control_n (default 3);
            survival: ci_method, median_rule (midpoint | first), pairwise, at_risk_step; exposure: response (growth_rate:
            the synergy model's per-animal rate, best_response_pct: the growth analysis's best % change; default the first
            when a synergy analysis is stored); synergy: roles {control, a, b, combination} (arm names; default recognised
            from the arms' treatments), t0 (default the arms' dosing start day), min_day.
    """

    kind: AnalysisRequestKindEnum
    settings: AnalysisRequestRequestSettings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
            }
        )
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analysis_request_request_settings import AnalysisRequestRequestSettings  # noqa: PLC0415

        d = dict(src_dict)
        kind = AnalysisRequestKindEnum(d.pop("kind"))

        _settings = d.pop("settings", UNSET)
        settings: AnalysisRequestRequestSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = AnalysisRequestRequestSettings.from_dict(_settings)

        analysis_request_request = cls(
            kind=kind,
            settings=settings,
        )

        analysis_request_request.additional_properties = d
        return analysis_request_request

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
