from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnknownEstimate")


@_attrs_define
class UnknownEstimate:
    """
    Attributes:
        y (float | None): The response asked about.
        x (float | None): Interpolated concentration; null when out of range.
        flag (None | str): null, `below_range` or `above_range`.
    """

    y: float | None
    x: float | None
    flag: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        y: float | None
        y = self.y

        x: float | None
        x = self.x

        flag: None | str
        flag = self.flag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "y": y,
                "x": x,
                "flag": flag,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_y(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        y = _parse_y(d.pop("y"))

        def _parse_x(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        x = _parse_x(d.pop("x"))

        def _parse_flag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flag = _parse_flag(d.pop("flag"))

        unknown_estimate = cls(
            y=y,
            x=x,
            flag=flag,
        )

        unknown_estimate.additional_properties = d
        return unknown_estimate

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
