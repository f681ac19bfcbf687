from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelSelection")


@_attrs_define
class ModelSelection:
    """Which model was fitted and why; the 4PL-vs-5PL test when one was made.

    Attributes:
        requested (str):
        fitted (None | str): null when no curve could be fitted.
        summary (str): In words.
        reason (str | Unset):
        f_statistic (float | None | Unset): Extra-sum-of-squares F (4PL vs 5PL).
        p_value (float | None | Unset):
        aic_4pl (float | None | Unset):
        aic_5pl (float | None | Unset):
    """

    requested: str
    fitted: None | str
    summary: str
    reason: str | Unset = UNSET
    f_statistic: float | None | Unset = UNSET
    p_value: float | None | Unset = UNSET
    aic_4pl: float | None | Unset = UNSET
    aic_5pl: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        requested = self.requested

        fitted: None | str
        fitted = self.fitted

        summary = self.summary

        reason = self.reason

        f_statistic: float | None | Unset
        if isinstance(self.f_statistic, Unset):
            f_statistic = UNSET
        else:
            f_statistic = self.f_statistic

        p_value: float | None | Unset
        if isinstance(self.p_value, Unset):
            p_value = UNSET
        else:
            p_value = self.p_value

        aic_4pl: float | None | Unset
        if isinstance(self.aic_4pl, Unset):
            aic_4pl = UNSET
        else:
            aic_4pl = self.aic_4pl

        aic_5pl: float | None | Unset
        if isinstance(self.aic_5pl, Unset):
            aic_5pl = UNSET
        else:
            aic_5pl = self.aic_5pl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "requested": requested,
                "fitted": fitted,
                "summary": summary,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if f_statistic is not UNSET:
            field_dict["f_statistic"] = f_statistic
        if p_value is not UNSET:
            field_dict["p_value"] = p_value
        if aic_4pl is not UNSET:
            field_dict["aic_4pl"] = aic_4pl
        if aic_5pl is not UNSET:
            field_dict["aic_5pl"] = aic_5pl

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        requested = d.pop("requested")

        def _parse_fitted(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fitted = _parse_fitted(d.pop("fitted"))

        summary = d.pop("summary")

        reason = d.pop("reason", UNSET)

        def _parse_f_statistic(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        f_statistic = _parse_f_statistic(d.pop("f_statistic", UNSET))

        def _parse_p_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        p_value = _parse_p_value(d.pop("p_value", UNSET))

        def _parse_aic_4pl(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        aic_4pl = _parse_aic_4pl(d.pop("aic_4pl", UNSET))

        def _parse_aic_5pl(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        aic_5pl = _parse_aic_5pl(d.pop("aic_5pl", UNSET))

        model_selection = cls(
            requested=requested,
            fitted=fitted,
            summary=summary,
            reason=reason,
            f_statistic=f_statistic,
            p_value=p_value,
            aic_4pl=aic_4pl,
            aic_5pl=aic_5pl,
        )

        model_selection.additional_properties = d
        return model_selection

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
