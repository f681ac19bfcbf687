from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SelectivityPairResult")


@_attrs_define
class SelectivityPairResult:
    """assays.analysis.selectivity: {level, wild_type, ratio_definition, shift_definition, molecules: [{molecule,
    article_id, article, lot, unit, is_wild_type, cd25_pos: {estimable, ec50, ci95, log10_ec50, se_log10, df, reason},
    cd25_neg: {…}, ratio: {estimate, log10, se_log10, df, ci95}, ratio_fieller: {estimate, ci95, g, df, unbounded},
    fold_loss_cd25_dependence: {estimate, log10, se_log10, df, ci95}, wild_type, flags}]}

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        selectivity_pair_result = cls()

        selectivity_pair_result.additional_properties = d
        return selectivity_pair_result

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
