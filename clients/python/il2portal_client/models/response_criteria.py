from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResponseCriteria")


@_attrs_define
class ResponseCriteria:
    """
    Attributes:
        cr_volume_mm3 (float | None):
        cr_consecutive (int):
        pr_best_pct (float | None):
        pr_avg_pct (float | None):
        sd_best_pct (float | None):
        sd_avg_pct (float | None):
        min_eval_days (float | None):
    """

    cr_volume_mm3: float | None
    cr_consecutive: int
    pr_best_pct: float | None
    pr_avg_pct: float | None
    sd_best_pct: float | None
    sd_avg_pct: float | None
    min_eval_days: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cr_volume_mm3: float | None
        cr_volume_mm3 = self.cr_volume_mm3

        cr_consecutive = self.cr_consecutive

        pr_best_pct: float | None
        pr_best_pct = self.pr_best_pct

        pr_avg_pct: float | None
        pr_avg_pct = self.pr_avg_pct

        sd_best_pct: float | None
        sd_best_pct = self.sd_best_pct

        sd_avg_pct: float | None
        sd_avg_pct = self.sd_avg_pct

        min_eval_days: float | None
        min_eval_days = self.min_eval_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cr_volume_mm3": cr_volume_mm3,
                "cr_consecutive": cr_consecutive,
                "pr_best_pct": pr_best_pct,
                "pr_avg_pct": pr_avg_pct,
                "sd_best_pct": sd_best_pct,
                "sd_avg_pct": sd_avg_pct,
                "min_eval_days": min_eval_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_cr_volume_mm3(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cr_volume_mm3 = _parse_cr_volume_mm3(d.pop("cr_volume_mm3"))

        cr_consecutive = d.pop("cr_consecutive")

        def _parse_pr_best_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        pr_best_pct = _parse_pr_best_pct(d.pop("pr_best_pct"))

        def _parse_pr_avg_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        pr_avg_pct = _parse_pr_avg_pct(d.pop("pr_avg_pct"))

        def _parse_sd_best_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sd_best_pct = _parse_sd_best_pct(d.pop("sd_best_pct"))

        def _parse_sd_avg_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sd_avg_pct = _parse_sd_avg_pct(d.pop("sd_avg_pct"))

        def _parse_min_eval_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        min_eval_days = _parse_min_eval_days(d.pop("min_eval_days"))

        response_criteria = cls(
            cr_volume_mm3=cr_volume_mm3,
            cr_consecutive=cr_consecutive,
            pr_best_pct=pr_best_pct,
            pr_avg_pct=pr_avg_pct,
            sd_best_pct=sd_best_pct,
            sd_avg_pct=sd_avg_pct,
            min_eval_days=min_eval_days,
        )

        response_criteria.additional_properties = d
        return response_criteria

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
