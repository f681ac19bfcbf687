from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_ref import RunRef
    from ..models.selectivity_pair_result import SelectivityPairResult


T = TypeVar("T", bound="SelectivityPair")


@_attrs_define
class SelectivityPair:
    """
    Attributes:
        date (datetime.date):
        cd25_pos_run (RunRef):
        cd25_neg_run (RunRef):
        result (SelectivityPairResult): assays.analysis.selectivity: {level, wild_type, ratio_definition,
            shift_definition, molecules: [{molecule, article_id, article, lot, unit, is_wild_type, cd25_pos: {estimable,
            ec50, ci95, log10_ec50, se_log10, df, reason}, cd25_neg: {…}, ratio: {estimate, log10, se_log10, df, ci95},
            ratio_fieller: {estimate, ci95, g, df, unbounded}, fold_loss_cd25_dependence: {estimate, log10, se_log10, df,
            ci95}, wild_type, flags}]}
    """

    date: datetime.date
    cd25_pos_run: RunRef
    cd25_neg_run: RunRef
    result: SelectivityPairResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        cd25_pos_run = self.cd25_pos_run.to_dict()

        cd25_neg_run = self.cd25_neg_run.to_dict()

        result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "cd25_pos_run": cd25_pos_run,
                "cd25_neg_run": cd25_neg_run,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_ref import RunRef  # noqa: PLC0415
        from ..models.selectivity_pair_result import SelectivityPairResult  # noqa: PLC0415

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        cd25_pos_run = RunRef.from_dict(d.pop("cd25_pos_run"))

        cd25_neg_run = RunRef.from_dict(d.pop("cd25_neg_run"))

        result = SelectivityPairResult.from_dict(d.pop("result"))

        selectivity_pair = cls(
            date=date,
            cd25_pos_run=cd25_pos_run,
            cd25_neg_run=cd25_neg_run,
            result=result,
        )

        selectivity_pair.additional_properties = d
        return selectivity_pair

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
