from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ParallelismFTest")


@_attrs_define
class ParallelismFTest:
    """
    Attributes:
        f_statistic (float | None | Unset):
        p_value (float | None | Unset):
        df_num (int | Unset):
        df_den (int | Unset):
        alpha (float | None | Unset):
    """

    f_statistic: float | None | Unset = UNSET
    p_value: float | None | Unset = UNSET
    df_num: int | Unset = UNSET
    df_den: int | Unset = UNSET
    alpha: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        df_num = self.df_num

        df_den = self.df_den

        alpha: float | None | Unset
        if isinstance(self.alpha, Unset):
            alpha = UNSET
        else:
            alpha = self.alpha

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if f_statistic is not UNSET:
            field_dict["f_statistic"] = f_statistic
        if p_value is not UNSET:
            field_dict["p_value"] = p_value
        if df_num is not UNSET:
            field_dict["df_num"] = df_num
        if df_den is not UNSET:
            field_dict["df_den"] = df_den
        if alpha is not UNSET:
            field_dict["alpha"] = alpha

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        df_num = d.pop("df_num", UNSET)

        df_den = d.pop("df_den", UNSET)

        def _parse_alpha(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        alpha = _parse_alpha(d.pop("alpha", UNSET))

        parallelism_f_test = cls(
            f_statistic=f_statistic,
            p_value=p_value,
            df_num=df_num,
            df_den=df_den,
            alpha=alpha,
        )

        parallelism_f_test.additional_properties = d
        return parallelism_f_test

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
