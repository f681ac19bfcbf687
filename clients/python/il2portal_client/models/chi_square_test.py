from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChiSquareTest")


@_attrs_define
class ChiSquareTest:
    """
    Attributes:
        chi2 (float | None):
        df (int):
        p (float | None):
    """

    chi2: float | None
    df: int
    p: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chi2: float | None
        chi2 = self.chi2

        df = self.df

        p: float | None
        p = self.p

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chi2": chi2,
                "df": df,
                "p": p,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_chi2(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        chi2 = _parse_chi2(d.pop("chi2"))

        df = d.pop("df")

        def _parse_p(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p = _parse_p(d.pop("p"))

        chi_square_test = cls(
            chi2=chi2,
            df=df,
            p=p,
        )

        chi_square_test.additional_properties = d
        return chi_square_test

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
