from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PairwiseLogRank")


@_attrs_define
class PairwiseLogRank:
    """
    Attributes:
        a (int):
        b (int):
        chi2 (float | None):
        p (float | None):
        p_adjusted (float | None): Holm-adjusted.
    """

    a: int
    b: int
    chi2: float | None
    p: float | None
    p_adjusted: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        a = self.a

        b = self.b

        chi2: float | None
        chi2 = self.chi2

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
                "chi2": chi2,
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

        def _parse_chi2(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        chi2 = _parse_chi2(d.pop("chi2"))

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

        pairwise_log_rank = cls(
            a=a,
            b=b,
            chi2=chi2,
            p=p,
            p_adjusted=p_adjusted,
        )

        pairwise_log_rank.additional_properties = d
        return pairwise_log_rank

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
