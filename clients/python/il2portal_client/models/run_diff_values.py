from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunDiffValues")


@_attrs_define
class RunDiffValues:
    """
    Attributes:
        old (float | None):
        new (float | None):
    """

    old: float | None
    new: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        old: float | None
        old = self.old

        new: float | None
        new = self.new

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "old": old,
                "new": new,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_old(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        old = _parse_old(d.pop("old"))

        def _parse_new(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        new = _parse_new(d.pop("new"))

        run_diff_values = cls(
            old=old,
            new=new,
        )

        run_diff_values.additional_properties = d
        return run_diff_values

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
