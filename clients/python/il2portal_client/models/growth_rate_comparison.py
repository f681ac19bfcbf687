from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GrowthRateComparison")


@_attrs_define
class GrowthRateComparison:
    """
    Attributes:
        a (int):
        b (int):
        n_a (int):
        n_b (int):
        mean_a (float | None):
        mean_b (float | None):
        ratio (float | None):
        ratio_ci95 (list[float | None]): 95 % CI of the ratio.
        t (float | None):
        df (float | None):
        p (float | None):
        p_adjusted (float | None):
    """

    a: int
    b: int
    n_a: int
    n_b: int
    mean_a: float | None
    mean_b: float | None
    ratio: float | None
    ratio_ci95: list[float | None]
    t: float | None
    df: float | None
    p: float | None
    p_adjusted: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        a = self.a

        b = self.b

        n_a = self.n_a

        n_b = self.n_b

        mean_a: float | None
        mean_a = self.mean_a

        mean_b: float | None
        mean_b = self.mean_b

        ratio: float | None
        ratio = self.ratio

        ratio_ci95 = []
        for ratio_ci95_item_data in self.ratio_ci95:
            ratio_ci95_item: float | None
            ratio_ci95_item = ratio_ci95_item_data
            ratio_ci95.append(ratio_ci95_item)

        t: float | None
        t = self.t

        df: float | None
        df = self.df

        p: float | None
        p = self.p

        p_adjusted: float | None
        p_adjusted = self.p_adjusted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "a": a,
                "b": b,
                "n_a": n_a,
                "n_b": n_b,
                "mean_a": mean_a,
                "mean_b": mean_b,
                "ratio": ratio,
                "ratio_ci95": ratio_ci95,
                "t": t,
                "df": df,
                "p": p,
                "p_adjusted": p_adjusted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        a = d.pop("a")

        b = d.pop("b")

        n_a = d.pop("n_a")

        n_b = d.pop("n_b")

        def _parse_mean_a(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_a = _parse_mean_a(d.pop("mean_a"))

        def _parse_mean_b(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_b = _parse_mean_b(d.pop("mean_b"))

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        ratio_ci95 = []
        _ratio_ci95 = d.pop("ratio_ci95")
        for ratio_ci95_item_data in _ratio_ci95:

            def _parse_ratio_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            ratio_ci95_item = _parse_ratio_ci95_item(ratio_ci95_item_data)

            ratio_ci95.append(ratio_ci95_item)

        def _parse_t(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        t = _parse_t(d.pop("t"))

        def _parse_df(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        df = _parse_df(d.pop("df"))

        def _parse_p(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p = _parse_p(d.pop("p"))

        def _parse_p_adjusted(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p_adjusted = _parse_p_adjusted(d.pop("p_adjusted"))

        growth_rate_comparison = cls(
            a=a,
            b=b,
            n_a=n_a,
            n_b=n_b,
            mean_a=mean_a,
            mean_b=mean_b,
            ratio=ratio,
            ratio_ci95=ratio_ci95,
            t=t,
            df=df,
            p=p,
            p_adjusted=p_adjusted,
        )

        growth_rate_comparison.additional_properties = d
        return growth_rate_comparison

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
