from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExposureAnalysisPk")


@_attrs_define
class ExposureAnalysisPk:
    """{analysis_version, concentration_unit, time_unit, settings, animals: [{animal_id, arm_id, arm_name, n_samples,
    n_measured, n_below_lloq, cmax, tmax, clast, tlast, auc_last, auc_method, lambda_z: {estimable, lambda_z, half_life,
    adj_r_squared, n_points, span_ratio, reliable, reasons}, half_life, auc_inf, auc_percent_extrapolated,
    auc_inf_reliable, flags, points}], arms: [{arm_id, arm_name, n_animals, concentration_time: [{nominal_time_h, n,
    n_measured, n_below_lloq, mean, sd, lloq, mostly_below_lloq}], parameters}]}

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        exposure_analysis_pk = cls()

        exposure_analysis_pk.additional_properties = d
        return exposure_analysis_pk

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
