from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LotReleaseResult")


@_attrs_define
class LotReleaseResult:
    """assays.analysis.monitoring.LotRelease: {n_runs, n_included, n_excluded, min_runs, log_base, level, included: [{run,
    log10_rp, se_log10_rp, df, rp_pct, weight_pct}], excluded: [{run, reason, log10_rp, rp_pct}], homogeneity: {test,
    chi2, df, p_value, alpha, homogeneous}, method, method_basis, reportable: {method, log10_rp, se_log10_rp, df, t,
    ci_log10, rp_pct, ci_pct, weights_pct, between_run_variance}, estimates, specification: {low_pct, high_pct, passes,
    ci_within}}

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lot_release_result = cls()

        lot_release_result.additional_properties = d
        return lot_release_result

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
